//! The root component: an editor with a Go program, Run, and what the runtime produced.
//!
//! This is the shell of the visualizer: it compiles the program with the real `compiler` and runs it on
//! the real `runtime`, both compiled to WASM, and shows the output, the status and the step count.

use yew::prelude::*;

use crate::run::{RunResult, EXAMPLE};

#[function_component(App)]
pub fn app() -> Html {
    let source = use_state(|| EXAMPLE.to_string());
    let result = use_state(|| None::<RunResult>);

    let on_input = {
        let source = source.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            source.set(area.value());
        })
    };
    let on_run = {
        let source = source.clone();
        let result = result.clone();
        Callback::from(move |_: MouseEvent| {
            result.set(Some(crate::run::run(&source)));
        })
    };

    html! {
        <main id="app">
            <header>
                <h1>{ "Goroscope" }</h1>
                <span id="runtime-version">{ format!("runtime {}", runtime::VERSION) }</span>
            </header>
            <section class="editor">
                <label for="source">{ "Go program" }</label>
                <textarea id="source" spellcheck="false" value={(*source).clone()} oninput={on_input} />
                <button id="run" onclick={on_run}>{ "Run" }</button>
            </section>
            <section class="result" aria-live="polite">
                { match &*result {
                    None => html! { <p class="hint">{ "Press Run to compile and run the program on the modelled Go runtime." }</p> },
                    Some(r) => html! {
                        <>
                            <p id="status">{ &r.status }</p>
                            <p id="steps">{ format!("{} steps, {} goroutines created", r.steps, r.goroutines) }</p>
                            <pre id="stdout">{ &r.stdout }</pre>
                            <pre id="stderr">{ &r.stderr }</pre>
                        </>
                    },
                } }
            </section>
        </main>
    }
}
