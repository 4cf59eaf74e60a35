//! The embed view (`?embed=1`, for iframes in documentation pages): one slim bar of playback controls,
//! the narration, the editor (unless `editor=0`) and the runtime pane. And the presenter mode's
//! narration: every event of the last step on its own line, with the numbered manual choices.

use yew::prelude::*;

use super::{controls, editor, runtime_pane, Ctx};
use crate::app::Msg;
use crate::playback::{Action, Mode};
use crate::shell::{numbered_choices, Shell};

pub fn embed_page(ctx: &Ctx, shell: &Shell) -> Html {
    let p = ctx.p;
    let link = ctx.link;
    let loaded = p.loaded();
    let step = loaded.map_or(0, |l| l.step());
    let furthest = loaded.map_or(0, |l| l.furthest());
    let ended = loaded.is_some_and(|l| l.ended()) && !p.stale();
    let playing = p.mode == Mode::Playing;
    let on_seek = link.callback(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        Msg::Do(Action::Seek(input.value().parse().unwrap_or(0)))
    });
    let count = match loaded.and_then(|l| l.end()) {
        Some(end) => format!("step {step} / {end}"),
        None if loaded.is_some() => format!("step {step} / {furthest}+"),
        None => "not loaded".to_string(),
    };
    html! {
        <main id="app" class={classes!(shell.classes())}>
            <header class="embed-bar" aria-label="Playback controls">
                <button type="button" id="step-back" title="Step back (←)" aria-label="Step back" disabled={step == 0}
                    onclick={link.callback(|_| Msg::Do(Action::StepBack))}>{ "◀" }</button>
                <button type="button" id="step" class="primary" title="Step (→)" disabled={ended}
                    onclick={link.callback(|_| Msg::Do(Action::Step))}>{ "Step ▶" }</button>
                <button type="button" id="play" aria-pressed={playing.to_string()} title="Play / pause (space)" disabled={ended}
                    onclick={link.callback(move |_| Msg::Do(if playing { Action::Pause } else { Action::Play }))}>
                    { if playing { "❚❚" } else { "▶ Play" } }
                </button>
                <button type="button" id="run" title="Run to the end (r)" disabled={ended || p.mode == Mode::RunningToEnd}
                    onclick={link.callback(|_| Msg::Do(Action::RunToEnd))}>{ "Run" }</button>
                <button type="button" id="reset" title="Back to step 0 (0)"
                    onclick={link.callback(|_| Msg::Do(Action::Load))}>{ "Reset" }</button>
                <input type="range" id="timeline" aria-label="Timeline: step" min="0" max={furthest.to_string()}
                    value={step.to_string()} disabled={loaded.is_none() || furthest == 0} oninput={on_seek} />
                <span id="step-count">{ count }</span>
                <button type="button" id="open-full" class="ghost" title="Open this moment in the full Goroscope app (new tab)"
                    onclick={link.callback(|_| Msg::OpenFull)}>{ "Goroscope ↗" }</button>
            </header>
            { controls::narration(ctx) }
            { controls::manual_bar(ctx) }
            if let Some(notice) = &p.notice {
                <div id="notice" role="status">
                    <span>{ notice }</span>
                    <button type="button" onclick={link.callback(|_| Msg::Do(Action::Dismiss))} aria-label="Dismiss">{ "×" }</button>
                </div>
            }
            <div class="panes">
                if shell.editor {
                    <section class="left" aria-label="Program">
                        { editor::editor(ctx) }
                        { editor::console(ctx) }
                    </section>
                }
                <section class="right" aria-label="Runtime">
                    if !shell.editor {
                        { editor::console(ctx) }
                        if !p.diagnostics().is_empty() {
                            <ul id="diagnostics">
                                { for p.diagnostics().iter().map(|d| html! { <li>{ d.to_string() }</li> }) }
                            </ul>
                        }
                    }
                    { runtime_pane::runtime_pane(ctx) }
                </section>
            </div>
        </main>
    }
}

/// Presenter mode: the last step's events, one per line, and what the keys 1-9 choose.
pub fn presenter_narration(ctx: &Ctx) -> Html {
    let p = ctx.p;
    let (head, lines) = match p.loaded().and_then(|l| l.last_step()) {
        _ if p.problem().is_some() => ("The program does not compile.".to_string(), Vec::new()),
        None => (
            "Step 0: the main goroutine G1 waits in P0's runnext.".to_string(),
            Vec::new(),
        ),
        Some(s) => {
            let who = match (s.goroutine, s.processor) {
                (Some(g), Some(pp)) => format!("G{} on {pp}", g.0),
                (None, Some(pp)) => format!("{pp}"),
                _ => "the scheduler".to_string(),
            };
            (
                format!("Step {}: {who}", s.index),
                s.events.iter().map(|e| e.to_string()).collect(),
            )
        }
    };
    let choices = numbered_choices(p);
    html! {
        <section id="narration-full" class="narration-full" aria-live="polite" aria-label="What happened">
            <p class="head">{ head }</p>
            if !lines.is_empty() {
                <ul>{ for lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            }
            if !choices.is_empty() {
                <p id="choices" class="choices">
                    <span>{ "Choose next:" }</span>
                    { for choices.iter().enumerate().map(|(i, c)| {
                        let action = c.action.clone();
                        let onclick = ctx.link.callback(move |_| Msg::Do(action.clone()));
                        html! { <button type="button" class="choice" {onclick}><kbd>{ (i + 1).to_string() }</kbd>{ " " }{ &c.label }</button> }
                    }) }
                </p>
            }
            <p class="keys">{ "→ step · ← back · Space play · Home start · 1–9 choose (Manual policy) · G gallery · P leave presenter mode" }</p>
        </section>
    }
}
