//! Runs in headless Chromium via wasm-bindgen-test: the runtime crate works when compiled to WASM, and
//! the same program and seed give the same event trace (hash) as natively (`tests/runtime.rs` pins the
//! native hash to the same constant).
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn runtime_reports_its_version_in_the_browser() {
    assert_eq!(runtime::VERSION, env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn same_program_and_seed_give_the_native_event_trace() {
    let (program, config) = common::determinism_case();
    assert_eq!(
        common::trace_hash(program, config),
        common::DETERMINISM_TRACE_HASH
    );
}
