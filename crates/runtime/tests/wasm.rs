//! Runs in headless Chromium via wasm-bindgen-test: the runtime crate works when compiled to WASM.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn runtime_reports_its_version_in_the_browser() {
    assert_eq!(runtime::VERSION, env!("CARGO_PKG_VERSION"));
}
