//! Entry point of the Goroscope web app. The app itself exists only on wasm32;
//! natively this binary just says so, which keeps `cargo test --workspace` free of Yew.

#[cfg(target_arch = "wasm32")]
mod app;
// Pure logic: compiled natively too, so its tests run with `cargo test`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod run;

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("goroscope-web is a wasm32 app: build it with `trunk build` (see README.md)");
}
