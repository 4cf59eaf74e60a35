//! The editor (a textarea over a highlighted copy of its text, with line numbers, compile errors at their
//! line and markers where each goroutine is) and the console (stdout, stderr).

use std::collections::BTreeMap;

use runtime::GoroutineId;
use yew::prelude::*;

use super::{hue, Ctx};
use crate::app::Msg;
use crate::highlight::highlight;
use crate::playback::Action;

/// Pixel height of one editor line (CSS `--line` must agree).
const LINE_PX: u32 = 20;

pub fn editor(ctx: &Ctx) -> Html {
    let p = ctx.p;
    let source = &p.source;
    let lines = source.split('\n').count().max(1);
    let widest = source
        .split('\n')
        .map(|l| {
            l.chars()
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0);
    let show_markers = !p.stale();
    // Goroutines by line (the innermost frame's line), for the gutter.
    let mut at_line: BTreeMap<u32, Vec<GoroutineId>> = BTreeMap::new();
    let mut current_line = None;
    if let (Some(snap), true) = (ctx.snap, show_markers) {
        for g in &snap.goroutines {
            if g.span.line > 0 && g.span.file == 0 {
                at_line.entry(g.span.line).or_default().push(g.id);
            }
        }
        let ran = p
            .loaded()
            .and_then(|l| l.last_step())
            .and_then(|s| s.goroutine);
        current_line = ran
            .and_then(|g| snap.goroutines.iter().find(|v| v.id == g))
            .map(|v| v.span.line)
            .filter(|&l| l > 0);
    }
    let errors: BTreeMap<u32, Vec<String>> =
        p.diagnostics().iter().fold(BTreeMap::new(), |mut m, d| {
            m.entry(d.line).or_insert_with(Vec::new).push(d.to_string());
            m
        });
    let on_input = ctx.link.callback(|e: InputEvent| {
        let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        Msg::Do(Action::Edit(area.value()))
    });
    let on_keydown = ctx.link.batch_callback(|e: KeyboardEvent| {
        let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            return Some(Msg::Do(Action::RunToEnd));
        }
        if e.key() == "Escape" {
            let _ = area.blur();
            return None;
        }
        if e.key() == "Tab" && !e.shift_key() && !e.ctrl_key() && !e.alt_key() && !e.meta_key() {
            e.prevent_default();
            let value = area.value();
            let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
            let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
            // Selection offsets are UTF-16 code units.
            let utf16: Vec<u16> = value.encode_utf16().collect();
            let (start, end) = (
                start.min(utf16.len()),
                end.min(utf16.len()).max(start.min(utf16.len())),
            );
            let mut next: Vec<u16> = utf16[..start].to_vec();
            next.push(b'\t' as u16);
            next.extend_from_slice(&utf16[end..]);
            let text = String::from_utf16_lossy(&next);
            area.set_value(&text);
            let caret = start as u32 + 1;
            let _ = area.set_selection_range(caret, caret);
            return Some(Msg::Do(Action::Edit(text)));
        }
        None
    });
    let height = format!("height:{}px", lines as u32 * LINE_PX + 16);
    let width = format!("width:calc({}ch + 2rem)", widest + 1);
    html! {
        <div class="editor-wrap">
            <div class="editor" id="editor" style={format!("--line:{LINE_PX}px")}>
                <div class="gutter" aria-hidden="true">
                    { for (1..=lines as u32).map(|n| {
                        let err = errors.get(&n);
                        let gs = at_line.get(&n);
                        let class = classes!(
                            "ln",
                            err.map(|_| "error"),
                            (current_line == Some(n)).then_some("current"),
                        );
                        html! {
                            <div {class} data-line={n.to_string()} title={err.map(|e| e.join("\n"))}>
                                <span class="marks">
                                    if err.is_some() { <span class="err-mark">{ "✖" }</span> }
                                    if let Some(gs) = gs {
                                        // Two chips, or one and a count: the gutter is 56px wide.
                                        { for gs.iter().take(if gs.len() > 2 { 1 } else { 2 }).map(|&g| html! {
                                            <span class={classes!("mark", ctx.state_of(g))} style={format!("--h:{}", hue(g))}
                                                title={format!("G{} is here", g.0)}>{ g.0.to_string() }</span>
                                        }) }
                                        if gs.len() > 2 { <span class="more" title={format!("{} more goroutines here", gs.len() - 1)}>{ format!("+{}", gs.len() - 1) }</span> }
                                    }
                                </span>
                                <span class="num">{ n.to_string() }</span>
                            </div>
                        }
                    }) }
                </div>
                <div class="code" style={height.clone()}>
                    <div class="bands" aria-hidden="true">
                        { for errors.keys().map(|&n| html! {
                            <div class="band error" style={format!("top:{}px", 8 + (n - 1) * LINE_PX)}></div>
                        }) }
                        if let Some(n) = current_line {
                            <div class="band current" style={format!("top:{}px", 8 + (n - 1) * LINE_PX)}></div>
                        }
                    </div>
                    <Highlighted source={AttrValue::from(source.clone())} style={AttrValue::from(width.clone())} />
                    <textarea id="source" aria-label="Go program" spellcheck="false" autocapitalize="off"
                        autocomplete="off" wrap="off" style={format!("{height};{width}")}
                        value={source.clone()} oninput={on_input} onkeydown={on_keydown} />
                </div>
            </div>
            if !errors.is_empty() {
                <ul id="diagnostics" aria-live="polite">
                    { for p.diagnostics().iter().map(|d| html! {
                        <li data-line={d.line.to_string()}>{ d.to_string() }</li>
                    }) }
                </ul>
            }
            if let Some(crate::playback::Problem::Load(msg)) = p.problem() {
                <p id="load-error" class="error">{ msg }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct HighlightedProps {
    source: AttrValue,
    style: AttrValue,
}

/// The highlighted copy of the editor's text under the textarea. A component with `PartialEq` props, so
/// Yew skips highlighting and diffing it on every render where the text did not change (every step).
#[function_component]
fn Highlighted(props: &HighlightedProps) -> Html {
    html! {
        <pre class="hl" aria-hidden="true" style={props.style.clone()}>
            { for highlight(&props.source).into_iter().map(|(class, text)| match class.css() {
                Some(css) => html! { <span class={css}>{ text }</span> },
                None => html! { { text } },
            }) }
            { "\n" }
        </pre>
    }
}

pub fn console(ctx: &Ctx) -> Html {
    let (stdout, stderr) = ctx
        .snap
        .map(|s| (s.stdout.as_str(), s.stderr.as_str()))
        .unwrap_or(("", ""));
    html! {
        <section class="console card" aria-label="Console">
            <h2>{ "Console" }</h2>
            <pre id="stdout" class={classes!(stdout.is_empty().then_some("empty"))}>{ stdout }</pre>
            if !stderr.is_empty() {
                <pre id="stderr">{ stderr }</pre>
            }
        </section>
    }
}
