//! The share dialog: the link to this exact moment (program, settings, manual choices, step), its
//! length, a copy button, and an iframe snippet for documentation pages.

use yew::prelude::*;

use super::Ctx;
use crate::app::Msg;

pub fn share_dialog(ctx: &Ctx, link: &str, embed: &str) -> Html {
    let close = ctx.link.callback(|_| Msg::CloseDialog);
    let copy = ctx.link.callback(|_| Msg::CopyShare);
    let step = ctx
        .p
        .loaded()
        .filter(|_| !ctx.p.stale())
        .map_or(0, |l| l.step());
    let snippet = format!(
        "<iframe src=\"{}\" title=\"Goroscope\" width=\"900\" height=\"520\" style=\"border:1px solid #ccc;border-radius:8px\"></iframe>",
        html_attr(embed)
    );
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            el.select();
        } else if let Some(el) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
            el.select();
        }
    });
    html! {
        <div id="share" class="dialog" role="dialog" aria-modal="true" aria-labelledby="share-title">
            <div class="dialog-body">
                <div class="dialog-head">
                    <h2 id="share-title">{ "Share this moment" }</h2>
                    <button type="button" class="close" aria-label="Close" onclick={close.clone()}>{ "×" }</button>
                </div>
                <p>{ format!("Opening this link shows the program at step {step}, with the same settings") }
                   { if ctx.p.settings.policy == crate::playback::PolicyKind::Manual { " and the same manual choices." } else { "." } }</p>
                <label class="field">
                    <span>{ "Link" }<span class="sub" id="share-length">{ format!(" {} characters", link.chars().count()) }</span></span>
                    <input id="share-link" type="text" readonly=true value={link.to_string()} onfocus={select_all.clone()} />
                </label>
                <div class="row">
                    <button type="button" id="share-copy" class="primary" onclick={copy}>{ "Copy link" }</button>
                    <a id="share-open" href={link.to_string()} target="_blank" rel="noopener">{ "Open in a new tab" }</a>
                </div>
                <label class="field">
                    <span>{ "Embed in a page (an iframe with the embed view)" }</span>
                    <textarea id="share-embed" readonly=true rows="3" value={snippet} onfocus={select_all} />
                </label>
                <p class="hint">{ "Or add embed.js to a docs page and write programs in <pre class=\"goroscope\"> blocks: see docs/embedding.md." }</p>
            </div>
        </div>
    }
}

/// Escapes text for a double-quoted HTML attribute.
fn html_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
