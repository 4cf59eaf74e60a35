//! The runtime pane, drawn from the snapshot: the run's status, the leak report, the scheduler (Ps with
//! their M, running G, runnext and local run queue; the global run queue; the Ms), channels as ring
//! buffers with their wait queues, sync objects, the virtual clock with its timers, the goroutine table,
//! and a plot of live goroutines over the steps.

use std::collections::BTreeMap;

use runtime::context::{ContextKind, ContextView};
use runtime::snapshot::{ChannelView, SyncView};
use runtime::{ChanId, ContextId, GoroutineId, Status};
use yew::prelude::*;

use super::{render_chip, ChipInfo, Ctx};
use crate::playback::Subject;

/// Go's start of time in the playground and the model: 2009-11-10 23:00:00 UTC, in Unix ns.
const EPOCH_NS: i64 = 1_257_894_000_000_000_000;

pub fn runtime_pane(ctx: &Ctx) -> Html {
    let Some(snap) = ctx.snap else {
        return html! {
            <div class="empty-state card">
                <p>{ "Nothing loaded. Fix the program, then press Step or Run." }</p>
            </div>
        };
    };
    html! {
        <>
            { status(ctx) }
            { leaks(ctx) }
            <div class="grid">
                { scheduler(ctx) }
                { channels(ctx) }
                if !snap.sync_objects.is_empty() { { sync_objects(ctx) } }
                if !snap.contexts.is_empty() { { contexts(ctx) } }
                { clock(ctx) }
                { goroutines(ctx) }
                { plot(ctx) }
            </div>
        </>
    }
}

fn status(ctx: &Ctx) -> Html {
    let snap = ctx.snap.expect("loaded");
    let (class, text) = match &snap.status {
        Status::Running => ("running", format!("running · step {}", snap.step)),
        Status::Exited { code: 0 } => (
            "ok",
            format!("main returned: exited with code 0 at step {}", snap.step),
        ),
        Status::Exited { code } => ("bad", format!("os.Exit({code}) at step {}", snap.step)),
        s @ Status::LimitReached(_) => ("bad", s.to_string()),
        s => ("bad", format!("{s} (exit status 2)")),
    };
    let mode = match ctx.p.mode {
        crate::playback::Mode::Playing => " · playing",
        crate::playback::Mode::RunningToEnd => " · running to the end…",
        crate::playback::Mode::Finding => " · looking for the next event…",
        crate::playback::Mode::Paused => "",
    };
    html! {
        <p id="status" class={classes!("status", class)} role="status">{ text }{ mode }</p>
    }
}

fn leaks(ctx: &Ctx) -> Html {
    let Some(report) = ctx.p.loaded().and_then(|l| l.leaks()) else {
        return html! {};
    };
    let leaked = report.leaked();
    html! {
        <section id="leaks" class="card leaks" aria-label="Leaked goroutines">
            <h2>{ format!("Leaked goroutines: {leaked}") }</h2>
            <p class="hint">{ "The program ended with these goroutines still blocked. Nothing can ever wake them: \
                               in a long-running program they would hold their stacks and everything they reference forever." }</p>
            { for report.groups.iter().map(|g| html! {
                <div class="leak-group" data-reason={g.wait_reason.clone()}>
                    <p class="leak-head">
                        { for g.goroutines.iter().take(CHIPS_SHOWN).map(|&id| ctx.chip(id)) }
                        { more(g.goroutines.len()) }
                        <span class="reason">{ format!("[{}]", g.wait_reason) }</span>
                        <span>{ format!(" on {}", g.waiting_on) }</span>
                    </p>
                    <p class="verdict">{ &g.verdict }</p>
                    if let Some(hint) = g.goroutines.first().and_then(|&id| done_hint(ctx, id)) {
                        <p class="verdict ctx-hint">{ hint }</p>
                    }
                    <pre class="stack">
                        { for g.frames.iter().map(|f| format!("{}{}\n\t{}:{}\n", f.function, f.args, f.file, f.line)) }
                        { format!("created by {}", g.created_by) }
                    </pre>
                </div>
            }) }
        </section>
    }
}

/// For a goroutine blocked on contexts' done channels: which contexts, and that none was cancelled.
fn done_hint(ctx: &Ctx, g: GoroutineId) -> Option<String> {
    use runtime::goroutine::WaitObject;
    let snap = ctx.snap?;
    let chans = match &ctx.by_id.get(&g)?.waiting_on {
        WaitObject::Chan(c) => vec![*c],
        WaitObject::Select(cs) => cs.clone(),
        _ => return None,
    };
    let waiting: Vec<String> = snap
        .contexts
        .iter()
        .filter(|c| c.cancelled.is_none() && c.done.is_some_and(|d| chans.contains(&d)))
        .map(|c| format!("ctx {} ({})", c.id.0, c.kind.function()))
        .collect();
    (!waiting.is_empty()).then(|| {
        format!(
            "It waits for {} to be done, and nothing cancelled it: a cancel function that is never called, \
             or a deadline that was never set.",
            waiting.join(", ")
        )
    })
}

fn scheduler(ctx: &Ctx) -> Html {
    let snap = ctx.snap.expect("loaded");
    html! {
        <section id="sched" class="card sched" aria-label="Scheduler">
            <h2>{ "Scheduler" }<span class="sub">{ format!(" GOMAXPROCS={}", snap.processors.len()) }</span></h2>
            <div class="procs">
                { for snap.processors.iter().map(|p| {
                    let touched = ctx.touched.processors.contains(&p.id);
                    html! {
                        <div class={classes!("proc", touched.then_some("touched"), p.thread.is_none().then_some("idle"))}
                            id={format!("p{}", p.id.0)}>
                            <div class="proc-head">
                                <strong>{ format!("{}", p.id) }</strong>
                                <span class="thread">{ match p.thread { Some(m) => format!("on {m}"), None => "idle (no M)".to_string() } }</span>
                            </div>
                            <div class="slot running-slot">
                                <span class="slot-label">{ "running" }</span>
                                { p.running.map(|g| ctx.chip(g)).unwrap_or_else(|| html! { <span class="none">{ "—" }</span> }) }
                            </div>
                            <div class="slot runnext">
                                <span class="slot-label">{ "runnext" }</span>
                                { p.runnext.map(|g| ctx.chip(g)).unwrap_or_else(|| html! { <span class="none">{ "—" }</span> }) }
                            </div>
                            <div class="slot runq">
                                <span class="slot-label">{ format!("local runq {}/{}", p.local_runq.len(), runtime::RUNQ_CAPACITY) }</span>
                                <span class="queue">{ queue(ctx, &p.local_runq) }</span>
                            </div>
                        </div>
                    }
                }) }
            </div>
            <div class="slot global" id="global-runq">
                <span class="slot-label">{ format!("global runq ({})", snap.global_runq.len()) }</span>
                <span class="queue">{ queue(ctx, &snap.global_runq) }</span>
            </div>
            <div class="threads">
                { for snap.threads.iter().map(|m| html! {
                    <span class={classes!("thread-chip", m.syscall_goroutine.is_some().then_some("syscall"))}>
                        { format!("{}: ", m.id) }
                        { match m.syscall_goroutine {
                            Some(g) => html! { <>{ "in a system call for " }{ ctx.chip(g) }</> },
                            None => html! { { m.state.clone() } },
                        } }
                    </span>
                }) }
            </div>
            if !snap.open_files.is_empty() {
                <div class="open-files" aria-label="open files">
                    <span class="slot-label">{ "open files" }</span>
                    { for snap.open_files.iter().map(|f| html! {
                        <span class="file-chip" title={format!("fd {} opened {}", f.fd, f.mode)}>
                            { format!("fd {} {} {}/{} B", f.fd, f.path, f.offset, f.size) }
                        </span>
                    }) }
                </div>
            }
        </section>
    }
}

/// Goroutine chips drawn per wait queue or leak group; the rest are counted in a "+N more" chip, so a
/// crowd of blocked goroutines costs the page a bounded amount of work per frame.
const CHIPS_SHOWN: usize = 12;

/// The "+N more" chip for a pile of `total` goroutines of which [`CHIPS_SHOWN`] are drawn.
fn more(total: usize) -> Html {
    if total > CHIPS_SHOWN {
        html! { <span class="more">{ format!("+{} more", total - CHIPS_SHOWN) }</span> }
    } else {
        html! {}
    }
}

fn queue(ctx: &Ctx, gs: &[GoroutineId]) -> Html {
    if gs.is_empty() {
        return html! { <span class="none">{ "empty" }</span> };
    }
    html! {
        <>
            { for gs.iter().take(CHIPS_SHOWN).map(|&g| ctx.chip(g)) }
            { more(gs.len()) }
        </>
    }
}

fn channels(ctx: &Ctx) -> Html {
    let snap = ctx.snap.expect("loaded");
    // Done channels of contexts (one closed channel may serve many: package context's shared one).
    let mut done_of: BTreeMap<ChanId, Vec<u32>> = BTreeMap::new();
    for c in &snap.contexts {
        if let Some(d) = c.done {
            done_of.entry(d).or_default().push(c.id.0);
        }
    }
    html! {
        <section id="channels" class="card" aria-label="Channels">
            <h2>{ "Channels" }<span class="sub">{ format!(" {}", snap.channels.len()) }</span></h2>
            if snap.channels.is_empty() { <p class="none">{ "no channels yet" }</p> }
            { for snap.channels.iter().take(100).map(|c| channel(ctx, c, &done_of)) }
            if snap.channels.len() > 100 { <p class="more">{ format!("+{} more channels", snap.channels.len() - 100) }</p> }
        </section>
    }
}

fn channel(ctx: &Ctx, c: &ChannelView, done_of: &BTreeMap<ChanId, Vec<u32>>) -> Html {
    let chips = |q: &[runtime::snapshot::WaiterView], with_value: bool| -> Vec<ChipInfo> {
        q.iter()
            .take(CHIPS_SHOWN)
            .map(|w| ctx.chip_info(w.goroutine, w.value.as_deref().filter(|_| with_value)))
            .collect()
    };
    html! {
        <Channel key={c.id.0} chan={c.clone()} touched={ctx.touched.chans.contains(&c.id)}
            selected={ctx.following == Some(Subject::Chan(c.id))}
            done_of={done_of.get(&c.id).cloned().unwrap_or_default()}
            sendq={chips(&c.sendq, true)} recvq={chips(&c.recvq, false)} pick={ctx.pick()} />
    }
}

#[derive(Properties, PartialEq)]
struct ChannelProps {
    chan: ChannelView,
    touched: bool,
    /// Followed by "next event".
    selected: bool,
    /// The contexts whose done channel this is.
    done_of: Vec<u32>,
    /// The first [`CHIPS_SHOWN`] goroutines of the sendq and recvq.
    sendq: Vec<ChipInfo>,
    recvq: Vec<ChipInfo>,
    pick: Option<Callback<GoroutineId>>,
}

/// One channel as its ring buffer with its wait queues. A component with `PartialEq` props: with 100
/// channels, most do not change in a step, and Yew skips rebuilding and diffing those.
#[function_component]
fn Channel(props: &ChannelProps) -> Html {
    let c = &props.chan;
    let kind = match c.timer {
        Some(t) => format!("timer {} channel", t.0),
        None => format!("chan {}", c.elem_type),
    };
    let fill = if c.capacity == 0 {
        "unbuffered".to_string()
    } else {
        format!("{}/{} buffered", c.qcount, c.capacity)
    };
    const SLOTS_SHOWN: usize = 16;
    let pick = props.pick.as_ref();
    html! {
        <div class={classes!("chan", props.touched.then_some("touched"), c.closed.then_some("closed"), props.selected.then_some("selected"))}
            id={format!("chan-{}", c.id.0)} data-chan={c.id.0.to_string()}>
            <div class="chan-head">
                <button type="button" class="name" aria-pressed={props.selected.to_string()}
                    title="Follow this channel: next / previous event (n / Shift+N)">{ format!("chan {}", c.id.0) }</button>
                <span class="sub">{ format!(" {kind} · {fill}") }</span>
                if c.closed { <span class="badge closed">{ "closed" }</span> }
                if !props.done_of.is_empty() {
                    <span class="badge done-of" title="A context's done channel: closed when the context is cancelled">
                        { "done of " }
                        { for props.done_of.iter().take(3).enumerate().map(|(i, id)| html! {
                            <>{ if i > 0 { ", " } else { "" } }<a href={format!("#ctx-{id}")}>{ format!("ctx {id}") }</a></>
                        }) }
                        if props.done_of.len() > 3 { { format!(" +{}", props.done_of.len() - 3) } }
                    </span>
                }
            </div>
            if c.capacity > 0 {
                <div class="ring" aria-label={format!("buffer: {fill}, sendx {}, recvx {}", c.sendx, c.recvx)}>
                    { for c.slots.iter().take(SLOTS_SHOWN).enumerate().map(|(i, s)| {
                        let i = i as u32;
                        html! {
                            <div class={classes!("cell", s.is_some().then_some("full"))}>
                                <span class="idx">{ i.to_string() }</span>
                                <span class="val">{ s.clone().unwrap_or_default() }</span>
                                <span class="ptrs">
                                    if i == c.sendx { <span class="ptr sendx" title="sendx: next send goes here">{ "sendx" }</span> }
                                    if i == c.recvx { <span class="ptr recvx" title="recvx: next receive takes this">{ "recvx" }</span> }
                                </span>
                            </div>
                        }
                    }) }
                    if c.slots.len() > SLOTS_SHOWN { <span class="more">{ format!("+{} slots", c.slots.len() - SLOTS_SHOWN) }</span> }
                </div>
            }
            <div class="waitqs">
                <div class="waitq sendq">
                    <span class="slot-label">{ format!("sendq ({})", c.sendq.len()) }</span>
                    { for props.sendq.iter().map(|w| render_chip(w, pick)) }
                    { more(c.sendq.len()) }
                </div>
                <div class="waitq recvq">
                    <span class="slot-label">{ format!("recvq ({})", c.recvq.len()) }</span>
                    { for props.recvq.iter().map(|w| render_chip(w, pick)) }
                    { more(c.recvq.len()) }
                </div>
            </div>
        </div>
    }
}

fn sync_objects(ctx: &Ctx) -> Html {
    let snap = ctx.snap.expect("loaded");
    html! {
        <section id="sync" class="card" aria-label="Sync objects">
            <h2>{ "Sync objects" }</h2>
            { for snap.sync_objects.iter().map(|o| sync_object(ctx, o)) }
        </section>
    }
}

fn sync_object(ctx: &Ctx, o: &SyncView) -> Html {
    let touched = ctx.touched.syncs.contains(&o.id);
    html! {
        <div class={classes!("syncobj", touched.then_some("touched"))} id={format!("sync-{}", o.id.0)}>
            <div class="chan-head">
                <strong>{ format!("{} {}", o.kind, o.id.0) }</strong>
                <span class="sub">{ format!(" {}", o.state) }</span>
            </div>
            if !o.owners.is_empty() {
                <div class="waitq owners"><span class="slot-label">{ "held by" }</span>{ for o.owners.iter().take(CHIPS_SHOWN).map(|&g| ctx.chip(g)) }{ more(o.owners.len()) }</div>
            }
            <div class="waitq waiters">
                <span class="slot-label">{ format!("waiters ({})", o.waiters.len()) }</span>
                { for o.waiters.iter().take(CHIPS_SHOWN).map(|&g| ctx.chip(g)) }
                { more(o.waiters.len()) }
            </div>
        </div>
    }
}

/// Contexts drawn in the tree; the rest are counted.
const CONTEXTS_SHOWN: usize = 200;

/// The context tree: each context under its parent, with its done channel, its deadline on the virtual
/// clock, and whether, when, by whom and why it was cancelled.
fn contexts(ctx: &Ctx) -> Html {
    let snap = ctx.snap.expect("loaded");
    let mut children: BTreeMap<Option<ContextId>, Vec<&ContextView>> = BTreeMap::new();
    for c in &snap.contexts {
        children.entry(c.parent).or_default().push(c);
    }
    // Depth-first from the roots (Background, TODO, and contexts made from the program's own Contexts).
    let mut order: Vec<(usize, &ContextView)> = Vec::new();
    let mut stack: Vec<(usize, &ContextView)> = children
        .get(&None)
        .map(|r| r.iter().rev().map(|c| (0, *c)).collect())
        .unwrap_or_default();
    while let Some((depth, c)) = stack.pop() {
        if order.len() == CONTEXTS_SHOWN {
            break;
        }
        order.push((depth, c));
        if let Some(kids) = children.get(&Some(c.id)) {
            stack.extend(kids.iter().rev().map(|k| (depth + 1, *k)));
        }
    }
    let cancelled = snap
        .contexts
        .iter()
        .filter(|c| c.cancelled.is_some())
        .count();
    html! {
        <section id="contexts" class="card" aria-label="Context tree">
            <h2>{ "Contexts" }<span class="sub">{ format!(" {} · {cancelled} cancelled", snap.contexts.len()) }</span></h2>
            <ul class="ctx-tree" role="tree">
                { for order.iter().map(|&(depth, c)| context_node(ctx, depth, c)) }
            </ul>
            if snap.contexts.len() > order.len() {
                <p class="more">{ format!("+{} more contexts", snap.contexts.len() - order.len()) }</p>
            }
        </section>
    }
}

fn context_node(ctx: &Ctx, depth: usize, c: &ContextView) -> Html {
    let snap = ctx.snap.expect("loaded");
    let since = |ns: i64| format_duration(ns - EPOCH_NS);
    let name = match c.kind {
        ContextKind::Background => "Background",
        ContextKind::Todo => "TODO",
        ContextKind::WithCancel => "WithCancel",
        ContextKind::WithDeadline => "WithDeadline",
        ContextKind::WithValue => "WithValue",
        ContextKind::WithoutCancel => "WithoutCancel",
        ContextKind::AfterFunc => "AfterFunc",
    };
    let touched = ctx.touched.contexts.contains(&c.id);
    let state = match &c.cancelled {
        Some(_) => "cancelled",
        None if c.kind.cancelable() => "active",
        None => "",
    };
    html! {
        <li role="treeitem" aria-level={(depth + 1).to_string()} id={format!("ctx-{}", c.id.0)}
            class={classes!("ctx", state, touched.then_some("touched"))} style={format!("--depth:{depth}")}>
            <span class="ctx-name">{ format!("ctx {} ", c.id.0) }<strong>{ name }</strong></span>
            if c.foreign_parent { <span class="sub">{ " from the program's own Context" }</span> }
            if let (Some(k), Some(v)) = (&c.key, &c.value) {
                <span class="ctx-kv">{ format!(" {}{k} → {v}", c.key_type.as_deref().filter(|t| *t != "string").map(|t| format!("{t} ")).unwrap_or_default()) }</span>
            }
            if let Some(d) = c.deadline_ns {
                <span class="ctx-deadline" title={runtime::time::format_utc(d)}>
                    { if d > snap.now_ns && c.cancelled.is_none() {
                        format!(" deadline +{} (in {})", since(d), format_duration(d - snap.now_ns))
                    } else {
                        format!(" deadline +{}", since(d))
                    } }
                </span>
            }
            if let Some(done) = c.done {
                { " " }<a class="ctx-done" href={format!("#chan-{}", done.0)} data-chan={done.0.to_string()}
                    title="Its done channel: closed when the context is cancelled">{ format!("done: chan {}", done.0) }</a>
            }
            if c.kind.cancelable() && c.cancelled.is_none() { <span class="ctx-state">{ " · active" }</span> }
            if let Some(x) = &c.cancelled {
                <span class="ctx-state">
                    { format!(" · ✖ cancelled at +{} by ", since(x.at_ns)) }{ ctx.chip(x.by) }
                    { format!(": {}", x.err) }
                    if x.cause != x.err { { format!(" (cause: {})", x.cause) } }
                </span>
            }
        </li>
    }
}

fn clock(ctx: &Ctx) -> Html {
    let snap = ctx.snap.expect("loaded");
    let since = |ns: i64| format_duration(ns - EPOCH_NS);
    html! {
        <section id="clock" class="card" aria-label="Virtual clock and timers">
            <h2>{ "Virtual clock" }</h2>
            <p><span class="big">{ format!("+{}", since(snap.now_ns)) }</span><span class="sub">{ format!(" {}", snap.now) }</span></p>
            if snap.timers.is_empty() { <p class="none">{ "no timers armed" }</p> }
            <ul class="timers">
                { for snap.timers.iter().map(|t| html! {
                    <li class={classes!(ctx.touched.timers.contains(&t.id).then_some("touched"))}>
                        { format!("timer {} fires at +{} (in {}): {}", t.id.0, since(t.when_ns),
                            format_duration(t.when_ns - snap.now_ns), t.action) }
                        if t.period_ns > 0 { { format!(", every {}", format_duration(t.period_ns)) } }
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// A short duration as Go would round it for people: 1.5s, 20ms, 3µs, 0s.
fn format_duration(ns: i64) -> String {
    let (sign, ns) = if ns < 0 { ("-", -ns) } else { ("", ns) };
    let units = [
        (3_600_000_000_000i64, "h"),
        (60_000_000_000, "m"),
        (1_000_000_000, "s"),
        (1_000_000, "ms"),
        (1_000, "µs"),
    ];
    for (size, unit) in units {
        if ns >= size {
            let v = ns as f64 / size as f64;
            let text = format!("{v:.3}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            return format!("{sign}{text}{unit}");
        }
    }
    format!("{sign}{ns}ns")
}

/// Height of one goroutine-table row in pixels (CSS `#goroutines tbody tr` must agree).
const ROW_PX: i32 = 26;
/// Rows that fit in the table's scroll box (CSS `.gtable` max-height is `ROWS_VISIBLE * ROW_PX` plus the head).
const ROWS_VISIBLE: usize = 16;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const ROWS_OVERSCAN: usize = 8;

/// The first row to render when the table is scrolled `scroll_top` pixels down: the table is virtualised
/// (only the rows in view plus a margin exist in the DOM; spacer rows stand for the others).
pub fn goroutine_window_start(scroll_top: i32) -> usize {
    ((scroll_top.max(0) / ROW_PX) as usize).saturating_sub(ROWS_OVERSCAN)
}

fn goroutines(ctx: &Ctx) -> Html {
    let snap = ctx.snap.expect("loaded");
    let n = snap.goroutines.len();
    let first = ctx.goroutines_first.min(n.saturating_sub(ROWS_VISIBLE));
    let end = (first + ROWS_VISIBLE + 2 * ROWS_OVERSCAN).min(n);
    let ended = !snap.status.is_running();
    let onscroll = ctx.link.callback(|e: Event| {
        let el: web_sys::Element = e.target_unchecked_into();
        crate::app::Msg::GoroutinesScrolled(el.scroll_top())
    });
    let spacer = |rows: usize| {
        (rows > 0).then(|| {
            html! { <tr class="spacer" aria-hidden="true" style={format!("height:{}px", rows as i32 * ROW_PX)}><td colspan="5"></td></tr> }
        })
    };
    html! {
        <section id="goroutines" class="card wide" aria-label="Goroutines">
            <h2>{ "Goroutines" }<span class="sub">{ format!(" {n} alive") }</span></h2>
            <div class="gtable" {onscroll}>
            <table aria-rowcount={(n + 1).to_string()}>
                <thead><tr><th>{ "G" }</th><th>{ "status" }</th><th>{ "line" }</th><th>{ "where" }</th><th>{ "created by" }</th></tr></thead>
                <tbody>
                    { spacer(first) }
                    { for snap.goroutines[first..end].iter().enumerate().map(|(i, g)| {
                        let state = ctx.state_of(g.id);
                        let status = match g.wait_reason {
                            Some(r) if state == "leaked" => format!("leaked: {r}"),
                            Some(r) => format!("waiting: {r}"),
                            None if ended && g.status == "running" && g.creator.is_none() => "returned: the program ended".to_string(),
                            None => match &g.queued {
                                Some(q) => format!("{} ({q})", g.status),
                                None => g.status.clone(),
                            },
                        };
                        let func = g.frames.iter().find(|f| !f.function.starts_with("runtime.") && !f.function.starts_with("sync.") && !f.function.starts_with("time."))
                            .or(g.frames.first())
                            .map(|f| f.function.clone())
                            .unwrap_or_default();
                        let created = match g.creator {
                            Some(c) => html! { <>{ ctx.chip(c) }{ format!(" line {}", g.created_at.line) }</> },
                            None => html! { { "runtime" } },
                        };
                        let selected = ctx.following == Some(Subject::Goroutine(g.id));
                        html! {
                            <tr class={classes!("g-row", state, selected.then_some("selected"))} id={format!("g-{}", g.id.0)} key={g.id.0}
                                data-g={g.id.0.to_string()} tabindex="0" aria-selected={selected.to_string()}
                                aria-rowindex={(first + i + 2).to_string()}>
                                <td>{ ctx.chip(g.id) }</td>
                                <td class="gstatus">{ status }</td>
                                <td>{ if g.span.line > 0 { g.span.line.to_string() } else { "—".to_string() } }</td>
                                <td class="func">{ func }</td>
                                <td>{ created }</td>
                            </tr>
                        }
                    }) }
                    { spacer(n - end) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

fn plot(ctx: &Ctx) -> Html {
    let Some(l) = ctx.p.loaded() else {
        return html! {};
    };
    let snap = l.snapshot();
    let live = l.live();
    const W: f64 = 300.0;
    const H: f64 = 60.0;
    let n = live.len().max(2);
    let max = live.iter().copied().max().unwrap_or(1).max(1) as f64;
    let buckets = n.min(300);
    let mut points = String::new();
    for b in 0..buckets {
        let lo = b * live.len() / buckets;
        let hi = ((b + 1) * live.len() / buckets)
            .max(lo + 1)
            .min(live.len().max(1));
        let v = live
            .get(lo..hi)
            .and_then(|s| s.iter().copied().max())
            .unwrap_or(0) as f64;
        let x = if buckets > 1 {
            b as f64 * W / (buckets - 1) as f64
        } else {
            0.0
        };
        let y = H - v / max * (H - 4.0);
        points.push_str(&format!("{x:.1},{y:.1} "));
    }
    let cur_x = if l.furthest() > 0 {
        l.step() as f64 / l.furthest() as f64 * W
    } else {
        0.0
    };
    let buffers: u64 = snap.channels.iter().map(|c| c.capacity as u64 * 8).sum();
    let mem = snap.goroutines.len() as u64 * 2048 + buffers;
    html! {
        <section id="plot" class="card" aria-label="Live goroutines over steps">
            <h2>{ "Live goroutines" }<span class="sub">{ format!(" now {} · peak {}", snap.goroutines.len(), max as u32) }</span></h2>
            <svg viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" role="img"
                aria-label={format!("live goroutines over {} steps, peak {}", l.furthest(), max as u32)}>
                <polyline points={points} class="line" />
                <line x1={format!("{cur_x:.1}")} x2={format!("{cur_x:.1}")} y1="0" y2={H.to_string()} class="cursor" />
            </svg>
            <p class="sub">{ format!("≈ {} KiB: 2 KiB stack per goroutine + channel buffers (8 B per slot)", mem.div_ceil(1024)) }</p>
            <p class="sub" id="schedule" title="The recorded schedule: replaying it reproduces this run exactly">{ format!("schedule {}", l.schedule()) }</p>
        </section>
    }
}
