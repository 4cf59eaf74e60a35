//! The root component.

use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    html! {
        <main id="app">
            <h1>{ "Goroscope" }</h1>
            <p id="runtime-version">{ format!("runtime {}", runtime::VERSION) }</p>
        </main>
    }
}
