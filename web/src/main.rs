//! Entry point of the Goroscope web app. The app itself exists only on wasm32; natively this binary just
//! says so, which keeps `cargo test --workspace` free of Yew while the pure logic (playback, highlighting,
//! examples) is compiled and tested natively.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod examples;
#[cfg(target_arch = "wasm32")]
mod flip;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod gallery;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod highlight;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod playback;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod share;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod shell;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod touched;
#[cfg(target_arch = "wasm32")]
mod view;

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("goroscope-web is a wasm32 app: build it with `trunk build` (see README.md)");
}
