//! The top bar (examples, help), the playback controls (run, step, play, timeline, settings), the
//! one-line narration of the last step, and the shortcuts dialog.

use yew::prelude::*;

use super::Ctx;
use crate::app::Msg;
use crate::examples::EXAMPLES;
use crate::playback::{Action, Mode, PolicyKind, SPEEDS};

pub fn topbar(ctx: &Ctx) -> Html {
    let link = ctx.link;
    let on_example = link.batch_callback(|e: Event| {
        let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let i: usize = sel.value().parse().ok()?;
        sel.set_value("");
        EXAMPLES
            .get(i)
            .map(|ex| Msg::Do(Action::Open(ex.source.to_string())))
    });
    html! {
        <header class="topbar">
            <h1>{ "Goroscope" }</h1>
            <span class="tagline">{ "Go's runtime, one step at a time" }</span>
            <label class="examples">
                <span class="sr-only">{ "Examples" }</span>
                <select id="examples" onchange={on_example}>
                    <option value="" selected=true>{ "Examples…" }</option>
                    { for EXAMPLES.iter().enumerate().map(|(i, ex)| html! {
                        <option value={i.to_string()} title={ex.watch}>{ ex.name }</option>
                    }) }
                </select>
            </label>
            <button type="button" id="gallery-button" class="ghost" title="Examples gallery (g)"
                onclick={link.callback(|_| Msg::Gallery)}>{ "Gallery" }</button>
            <button type="button" id="share-button" class="ghost" title="Share a link to this moment (s)"
                onclick={link.callback(|_| Msg::Share)}>{ "Share" }</button>
            <button type="button" id="present-button" class="ghost" title="Presenter mode (p)"
                onclick={link.callback(|_| Msg::Presenter)}>{ "Present" }</button>
            <span id="runtime-version">{ format!("runtime {}", runtime::VERSION) }</span>
            <button type="button" id="help-button" class="ghost" aria-label="Keyboard shortcuts"
                onclick={link.callback(|_| Msg::Help(None))}>{ "?" }</button>
        </header>
    }
}

pub fn controls(ctx: &Ctx) -> Html {
    let p = ctx.p;
    let link = ctx.link;
    let loaded = p.loaded();
    let step = loaded.map_or(0, |l| l.step());
    let furthest = loaded.map_or(0, |l| l.furthest());
    let ended = loaded.is_some_and(|l| l.ended());
    let playing = p.mode == Mode::Playing;
    let running = p.mode == Mode::RunningToEnd;
    let on_seek = link.callback(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        Msg::Do(Action::Seek(input.value().parse().unwrap_or(0)))
    });
    let on_speed = link.callback(|e: Event| {
        let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Msg::Do(Action::SetSpeed(sel.value().parse().unwrap_or(4)))
    });
    let on_procs = link.callback(|e: Event| {
        let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Msg::Do(Action::SetProcs(sel.value().parse().unwrap_or(1)))
    });
    let on_policy = link.batch_callback(|e: Event| {
        let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
        PolicyKind::from_name(&sel.value()).map(|k| Msg::Do(Action::SetPolicy(k)))
    });
    let on_seed = link.batch_callback(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input
            .value()
            .trim()
            .parse()
            .ok()
            .map(|s| Msg::Do(Action::SetSeed(s)))
    });
    let end_label = match loaded.and_then(|l| l.end()) {
        Some(end) => format!("step {step} / {end}"),
        None if loaded.is_some() => format!("step {step} / {furthest}+"),
        None => "not loaded".to_string(),
    };
    html! {
        <section class="controls" aria-label="Playback controls">
            <div class="buttons">
                <button type="button" id="run" class="primary" title="Run to the end (r)" disabled={running}
                    onclick={link.callback(|_| Msg::Do(Action::RunToEnd))}>
                    { if running { "Running…" } else { "Run" } }
                </button>
                <button type="button" id="reset" title="Reload at step 0 (0)"
                    onclick={link.callback(|_| Msg::Do(Action::Load))}>{ "Reset" }</button>
                <button type="button" id="step-back" title="Step back (←)" disabled={step == 0}
                    onclick={link.callback(|_| Msg::Do(Action::StepBack))}>{ "◀ Back" }</button>
                <button type="button" id="step" title="Step (→)" disabled={ended && !p.stale()}
                    onclick={link.callback(|_| Msg::Do(Action::Step))}>{ "Step ▶" }</button>
                <button type="button" id="play" aria-pressed={playing.to_string()} title="Play / pause (space)"
                    disabled={ended && !p.stale()}
                    onclick={link.callback(move |_| Msg::Do(if playing { Action::Pause } else { Action::Play }))}>
                    { if playing { "❚❚ Pause" } else { "▶ Play" } }
                </button>
                <label class="inline">
                    <span>{ "speed" }</span>
                    <select id="speed" onchange={on_speed}>
                        { for SPEEDS.iter().map(|&s| html! {
                            <option value={s.to_string()} selected={s == p.settings.speed}>{ format!("{s}/s") }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="timeline">
                <input type="range" id="timeline" aria-label="Timeline: step" min="0" max={furthest.to_string()}
                    value={step.to_string()} disabled={loaded.is_none() || furthest == 0} oninput={on_seek} />
                <span id="step-count">{ end_label }</span>
            </div>
            { follow(ctx) }
            <div class="settings">
                <label class="inline" title="GOMAXPROCS: the number of Ps">
                    <span>{ "GOMAXPROCS" }</span>
                    <select id="procs" onchange={on_procs}>
                        { for [1u32, 2, 3, 4, 8].iter().map(|&n| html! {
                            <option value={n.to_string()} selected={n == p.settings.processors}>{ n.to_string() }</option>
                        }) }
                    </select>
                </label>
                <label class="inline" title="Seed of the runtime's random choices">
                    <span>{ "seed" }</span>
                    <input id="seed" type="number" min="0" value={p.settings.seed.to_string()} onchange={on_seed} />
                </label>
                <label class="inline" title="Who decides what runs next">
                    <span>{ "policy" }</span>
                    <select id="policy" onchange={on_policy}>
                        { for PolicyKind::ALL.iter().map(|&k| html! {
                            <option value={k.name()} selected={k == p.settings.policy}>{ k.label() }</option>
                        }) }
                    </select>
                </label>
            </div>
        </section>
    }
}

/// "Next event on this goroutine / this channel": what is followed and the buttons to jump.
fn follow(ctx: &Ctx) -> Html {
    let link = ctx.link;
    let following = ctx.p.following;
    let finding = ctx.p.mode == Mode::Finding;
    let none = following.is_none() || ctx.p.loaded().is_none();
    html! {
        <div class="follow" role="group" aria-label="Follow a goroutine or channel">
            <span id="following" title="Click a goroutine (chip or table row) or a channel to follow it">
                { match following {
                    Some(s) => format!("following {s}"),
                    None => "follow: click a G or chan".to_string(),
                } }
            </span>
            <button type="button" id="prev-event" title="Previous step with an event on it (p)" disabled={none}
                onclick={link.callback(|_| Msg::Do(Action::FindPrev))}>{ "◀ event" }</button>
            <button type="button" id="next-event" title="Next step with an event on it (n)" disabled={none}
                aria-busy={finding.to_string()}
                onclick={link.callback(|_| Msg::Do(Action::FindNext))}>{ if finding { "searching…" } else { "event ▶" } }</button>
            if following.is_some() {
                <button type="button" id="unfollow" aria-label="Stop following"
                    onclick={link.callback(|_| Msg::Do(Action::Follow(None)))}>{ "×" }</button>
            }
        </div>
    }
}

/// Manual policy: what can be chosen for the next step.
pub fn manual_bar(ctx: &Ctx) -> Html {
    if !ctx.can_pick {
        return html! {};
    }
    let cases = ctx.p.loaded().map(|l| l.next_cases()).unwrap_or(&[]);
    html! {
        <div id="manual" class="manual" role="group" aria-label="Manual choices">
            <span>{ "Manual: click a runnable (outlined) goroutine to run it next." }</span>
            if !cases.is_empty() {
                <span>{ format!("G{}'s select has {} ready cases; next step it", cases[0].goroutine.0, cases.len()) }</span>
                { for cases.iter().map(|c| {
                    let option = c.option;
                    let onclick = ctx.link.callback(move |_| Msg::Do(Action::Choose(vec![(runtime::ChoiceKind::SelectCase, option)])));
                    html! { <button type="button" class="case" {onclick}>{ &c.what }</button> }
                }) }
            }
        </div>
    }
}

/// The last step in one line: which goroutine ran where, and what happened.
pub fn narration(ctx: &Ctx) -> Html {
    let p = ctx.p;
    let text = match (p.problem(), p.loaded()) {
        (Some(_), _) => {
            "The program does not compile: see the errors under the editor.".to_string()
        }
        (None, None) => "Press Step or Run.".to_string(),
        (None, Some(l)) => match l.last_step() {
            None => "Step 0: the main goroutine G1 waits in P0's runnext. Press Step (→) to start."
                .to_string(),
            Some(s) => {
                let lines: Vec<String> = s
                    .events
                    .iter()
                    .map(|e| shorten(&e.to_string(), 90))
                    .collect();
                let who = match (s.goroutine, s.processor) {
                    (Some(g), Some(pp)) => format!("G{} on {pp}", g.0),
                    (None, Some(pp)) => format!("{pp}"),
                    _ => "scheduler".to_string(),
                };
                if lines.is_empty() {
                    format!("Step {}: {who} ran on", s.index)
                } else {
                    format!("Step {}: {who}: {}", s.index, lines.join(" · "))
                }
            }
        },
    };
    let stale = p.stale() && p.loaded().is_some();
    html! {
        <p id="narration" aria-live="polite">
            { text }
            if stale { <span class="stale">{ " (the program was edited: Step, Run or Reset loads it)" }</span> }
        </p>
    }
}

/// `text` cut to at most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

pub fn help(ctx: &Ctx) -> Html {
    let close = ctx.link.callback(|_| Msg::Help(Some(false)));
    let rows = [
        ("Space, k", "play / pause"),
        ("→, l", "step forward"),
        ("←, j", "step back"),
        ("Home / End", "first / furthest step"),
        ("r", "run to the end"),
        (
            "n / Shift+N",
            "next / previous event on the followed goroutine or channel",
        ),
        ("Enter (on a goroutine row)", "follow that goroutine"),
        (
            "Esc",
            "close this help, a dialog, the notice, or stop following",
        ),
        ("0", "reset to step 0"),
        ("Ctrl+Enter (in the editor)", "run the program"),
        ("Esc, then Tab (in the editor)", "leave the editor"),
        (
            "1-9 (Manual policy)",
            "run a runnable goroutine / take a select case",
        ),
        ("g / s / p", "gallery / share link / presenter mode"),
        ("?", "show / hide this help"),
    ];
    html! {
        <div id="help" class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title">
            <div class="dialog-body">
                <h2 id="help-title">{ "Keyboard shortcuts" }</h2>
                <table>
                    { for rows.iter().map(|(k, what)| html! { <tr><th><kbd>{ *k }</kbd></th><td>{ *what }</td></tr> }) }
                </table>
                <p>{ "Click a goroutine or a channel to follow it, then jump to the steps that involve it. \
                      With the Manual policy, click a runnable goroutine (outlined chip) to run it next; \
                      stepping back and choosing differently forks a new timeline." }</p>
                <button type="button" onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}
