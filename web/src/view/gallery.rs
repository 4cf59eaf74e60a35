//! The examples gallery dialog (every case with one-click buttons for its programs) and the lesson
//! banner shown while a gallery program is in the editor (what goes wrong, what to watch, the documented
//! outcome, and a button to switch between the broken and the fixed version).

use yew::prelude::*;

use super::Ctx;
use crate::app::Msg;
use crate::gallery::{self, Case, Program, Role, Section};

/// The gallery dialog.
pub fn gallery_dialog(ctx: &Ctx) -> Html {
    let close = ctx.link.callback(|_| Msg::CloseDialog);
    html! {
        <div id="gallery" class="dialog gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-title">
            <div class="dialog-body wide">
                <div class="dialog-head">
                    <h2 id="gallery-title">{ "Examples gallery" }</h2>
                    <span class="sub">{ "One click loads a program at step 0. Each broken program sits next to its fix." }</span>
                    <button type="button" class="close" aria-label="Close the gallery" onclick={close}>{ "×" }</button>
                </div>
                { for Section::ALL.iter().map(|&s| html! {
                    <section class="gallery-section" aria-label={s.title()}>
                        <h3>{ s.title() }</h3>
                        <div class="cases">
                            { for gallery::CASES.iter().filter(|c| c.section == s).map(|c| case_card(ctx, c)) }
                        </div>
                    </section>
                }) }
            </div>
        </div>
    }
}

fn case_card(ctx: &Ctx, c: &'static Case) -> Html {
    html! {
        <article class="case" id={format!("case-{}", c.slug)}>
            <h4>{ c.title }</h4>
            <p class="explain">{ c.explain }</p>
            <div class="programs">
                { for c.programs.iter().map(|p| program_button(ctx, c, p)) }
            </div>
        </article>
    }
}

fn program_button(ctx: &Ctx, c: &'static Case, p: &'static Program) -> Html {
    let name = format!("{}/{}", c.slug, p.role.name());
    let onclick = {
        let name = name.clone();
        ctx.link
            .callback(move |_| Msg::OpenExample(AttrValue::from(name.clone())))
    };
    let class = classes!("load", p.role.name(), p.outcome.is_bad().then_some("bad"));
    html! {
        <div class="program">
            <button type="button" {class} {onclick} data-example={name} data-outcome={p.outcome.code()}
                data-corpus={p.source.path} data-procs={p.procs.to_string()}
                title={format!("Load tests/programs/{}.go", p.source.path)}>
                <span class="label">{ p.label }</span>
                <span class="outcome">{ p.outcome.describe() }</span>
            </button>
            <p class="watch"><strong>{ "Watch: " }</strong>{ p.watch }</p>
        </div>
    }
}

/// The lesson banner, when the editor holds a gallery program.
pub fn lesson(ctx: &Ctx) -> Html {
    let Some((c, p)) = gallery::find_source(&ctx.p.source) else {
        return html! {};
    };
    let other = c.programs.iter().find(|o| o.role != p.role);
    let switch = other.map(|o| {
        let name = format!("{}/{}", c.slug, o.role.name());
        let label = match o.role {
            Role::Fixed => "Show the fix",
            _ => "Show the broken version",
        };
        let onclick = ctx
            .link
            .callback(move |_| Msg::OpenExample(AttrValue::from(name.clone())));
        html! { <button type="button" id="lesson-switch" {onclick}>{ label }</button> }
    });
    let open = ctx.link.callback(|_| Msg::Gallery);
    html! {
        <section id="lesson" class={classes!("lesson", p.role.name())} aria-label="About this example"
            data-example={format!("{}/{}", c.slug, p.role.name())} data-outcome={p.outcome.code()}>
            <div class="lesson-text">
                <p class="lesson-title">
                    <span class={classes!("role", p.role.name())}>{ p.label }</span>
                    <strong>{ c.title }</strong>
                    <span class="outcome-tag">{ format!("Documented outcome: {}", p.outcome.describe()) }</span>
                </p>
                <p class="explain">{ c.explain }</p>
                <p class="watch"><strong>{ "What to watch: " }</strong>{ p.watch }</p>
            </div>
            <div class="lesson-actions">
                { switch.unwrap_or_default() }
                <button type="button" class="ghost-dark" onclick={open}>{ "Gallery" }</button>
            </div>
        </section>
    }
}
