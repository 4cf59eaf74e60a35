//! The views: pure functions from the [`Playback`] (its snapshot, last step and leak report) to Html.
//! They read only `runtime::Snapshot`, `runtime::Event` and the leak report, never runtime internals.
//!
//! Every goroutine has one colour everywhere (a hue from its id), and always its id as text plus a
//! status shape (filled: running, outlined: runnable, dashed: waiting, crossed: leaked), so colour is
//! never the only cue.

mod controls;
mod editor;
mod embed;
mod gallery;
mod runtime_pane;
mod share;

use std::collections::{BTreeMap, BTreeSet};

use runtime::snapshot::GoroutineView;
use runtime::{GoroutineId, Snapshot};
use yew::html::Scope;
use yew::prelude::*;

use crate::app::{App, Msg};
use crate::playback::{Action, Playback, PolicyKind, Subject};
use crate::shell::{Dialog, Shell};
use crate::touched::Touched;

/// What the views need besides the playback: lookups computed once per render.
pub struct Ctx<'a> {
    pub p: &'a Playback,
    pub link: &'a Scope<App>,
    pub snap: Option<&'a Snapshot>,
    /// The snapshot's goroutines by id.
    pub by_id: BTreeMap<GoroutineId, &'a GoroutineView>,
    pub leaked: BTreeSet<GoroutineId>,
    pub touched: Touched,
    /// Manual policy and a run that can go on: runnable goroutines are buttons.
    pub can_pick: bool,
    /// The first row of the goroutine table's rendered window.
    pub goroutines_first: usize,
    /// The goroutine or channel "next event" follows.
    pub following: Option<Subject>,
}

pub use runtime_pane::goroutine_window_start;

/// The hue of a goroutine's colour (golden-angle spacing, so neighbours differ).
pub fn hue(g: GoroutineId) -> u32 {
    ((g.0 as f64 * 137.508) % 360.0) as u32
}

impl Ctx<'_> {
    /// The status word of a goroutine for chips: running, runnable, waiting, syscall, leaked or done.
    pub fn state_of(&self, g: GoroutineId) -> &'static str {
        if self.leaked.contains(&g) {
            return "leaked";
        }
        match self.by_id.get(&g).map(|v| v.status.as_str()) {
            Some("running") => "running",
            Some("runnable") => "runnable",
            Some("waiting") => "waiting",
            Some("syscall") => "syscall",
            Some(_) => "other",
            None => "done",
        }
    }

    /// A goroutine chip: its colour, its id as text, its status as shape and in the tooltip.
    pub fn chip(&self, g: GoroutineId) -> Html {
        self.chip_with(g, None)
    }

    /// A chip with a value label (a blocked sender's value).
    pub fn chip_with(&self, g: GoroutineId, value: Option<&str>) -> Html {
        render_chip(&self.chip_info(g, value), self.pick().as_ref())
    }

    /// What a chip shows, as plain data (so memoised components can compare it).
    pub fn chip_info(&self, g: GoroutineId, value: Option<&str>) -> ChipInfo {
        let detail = self
            .by_id
            .get(&g)
            .map(|v| match v.wait_reason {
                Some(r) => format!("waiting ({r})"),
                None => v.status.clone(),
            })
            .unwrap_or_else(|| "finished".to_string());
        ChipInfo {
            g,
            state: self.state_of(g),
            detail,
            touched: self.touched.goroutines.contains(&g),
            selected: self.following == Some(Subject::Goroutine(g)),
            value: value.map(str::to_string),
        }
    }

    /// Manual policy: the callback that runs a goroutine next (None when nothing can be picked).
    pub fn pick(&self) -> Option<Callback<GoroutineId>> {
        self.can_pick
            .then(|| self.link.callback(|g| Msg::Do(Action::RunNext(g))))
    }
}

/// A goroutine chip's content: its id, status word, status detail for the tooltip, highlight and value.
#[derive(Clone, Debug, PartialEq)]
pub struct ChipInfo {
    pub g: GoroutineId,
    pub state: &'static str,
    pub detail: String,
    pub touched: bool,
    /// Followed by "next event".
    pub selected: bool,
    pub value: Option<String>,
}

/// A goroutine chip: its colour, its id as text, its status as shape and in the tooltip; a button that
/// runs it next when `pick` is given and it is runnable.
pub fn render_chip(info: &ChipInfo, pick: Option<&Callback<GoroutineId>>) -> Html {
    let g = info.g;
    let state = info.state;
    let detail = &info.detail;
    let title = if state == "leaked" {
        format!("G{}: leaked, {detail}", g.0)
    } else {
        format!("G{}: {detail}", g.0)
    };
    let class = classes!(
        "chip",
        state,
        info.touched.then_some("touched"),
        info.selected.then_some("sel")
    );
    let style = format!("--h:{}", hue(g));
    let label = html! {
        <>
            { format!("G{}", g.0) }
            if let Some(v) = &info.value { <span class="chip-val">{ v.clone() }</span> }
        </>
    };
    match pick {
        Some(pick) if state == "runnable" => {
            let pick = pick.clone();
            let onclick = Callback::from(move |_: MouseEvent| pick.emit(g));
            html! {
                <button type="button" {class} {style} data-g={g.0.to_string()} title={format!("{title}: click to run it next")} {onclick}>{ label }</button>
            }
        }
        _ => html! { <span {class} {style} data-g={g.0.to_string()} {title}>{ label }</span> },
    }
}

/// The whole page: the full app, or the embed view; with the presenter mode, gallery and share dialogs.
pub fn page(
    p: &Playback,
    help: bool,
    goroutines_first: usize,
    link: &Scope<App>,
    shell: &Shell,
    dialog: Option<&Dialog>,
) -> Html {
    let loaded = p.loaded();
    let snap = loaded.map(|l| l.snapshot());
    let ctx = Ctx {
        p,
        link,
        snap,
        by_id: snap
            .map(|s| s.goroutines.iter().map(|g| (g.id, g)).collect())
            .unwrap_or_default(),
        leaked: loaded.map(|l| l.leaked()).unwrap_or_default(),
        touched: loaded
            .and_then(|l| l.last_step())
            .map(|s| Touched::from_events(&s.events))
            .unwrap_or_default(),
        can_pick: p.settings.policy == PolicyKind::Manual && loaded.is_some_and(|l| !l.ended()),
        goroutines_first,
        following: p.following,
    };
    if shell.embed {
        return embed::embed_page(&ctx, shell);
    }
    // Clicking a goroutine chip or row, or a channel, follows it ("next event"); Enter on a focused row too.
    let on_click = link.batch_callback(|e: MouseEvent| {
        let el: web_sys::Element = e.target_dyn_into()?;
        subject_at(&el).map(|s| Msg::Do(Action::Follow(Some(s))))
    });
    let on_key = link.batch_callback(|e: KeyboardEvent| {
        if e.key() != "Enter" {
            return None;
        }
        let el: web_sys::Element = e.target_dyn_into()?;
        if el.tag_name() != "TR" {
            return None;
        }
        subject_at(&el).map(|s| Msg::Do(Action::Follow(Some(s))))
    });
    html! {
        <main id="app" class={classes!(shell.classes())}>
            { controls::topbar(&ctx) }
            { controls::controls(&ctx) }
            { controls::narration(&ctx) }
            if shell.presenter { { embed::presenter_narration(&ctx) } }
            { controls::manual_bar(&ctx) }
            { gallery::lesson(&ctx) }
            if let Some(notice) = &p.notice {
                <div id="notice" role="status">
                    <span>{ notice }</span>
                    <button type="button" onclick={link.callback(|_| Msg::Do(Action::Dismiss))} aria-label="Dismiss">{ "×" }</button>
                </div>
            }
            <div class="panes">
                <section class="left" aria-label="Program">
                    { editor::editor(&ctx) }
                    { editor::console(&ctx) }
                </section>
                <section class="right" aria-label="Runtime" onclick={on_click} onkeydown={on_key}>
                    { runtime_pane::runtime_pane(&ctx) }
                </section>
            </div>
            if help { { controls::help(&ctx) } }
            { match dialog {
                Some(Dialog::Gallery) => gallery::gallery_dialog(&ctx),
                Some(Dialog::Share { link, embed }) => share::share_dialog(&ctx, link, embed),
                None => html! {},
            } }
        </main>
    }
}

/// The goroutine (`data-g`) or channel (`data-chan`) an element belongs to, innermost first.
fn subject_at(el: &web_sys::Element) -> Option<Subject> {
    let hit = el.closest("[data-g],[data-chan]").ok()??;
    if let Some(g) = hit.get_attribute("data-g") {
        return g.parse().ok().map(|g| Subject::Goroutine(GoroutineId(g)));
    }
    hit.get_attribute("data-chan")?
        .parse()
        .ok()
        .map(|c| Subject::Chan(runtime::ChanId(c)))
}
