// Starts the Goroscope app without an inline script, so that the page's Content-Security-Policy can
// forbid inline scripts altogether (script-src 'self'). Trunk writes the hashed names of the
// wasm-bindgen module and of the wasm file into this script tag's data attributes (see `pattern_script`
// in Trunk.toml); Trunk copies this file into dist/ unchanged.
const tag = document.querySelector('script[data-goroscope-js]');
const js = new URL(tag.dataset.goroscopeJs, document.baseURI).href;
const wasm = new URL(tag.dataset.goroscopeWasm, document.baseURI).href;
const { default: init } = await import(js);
await init({ module_or_path: wasm });
