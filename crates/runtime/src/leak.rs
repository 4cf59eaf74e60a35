//! The leak report: every goroutine still blocked, why, on what, where it was created and its stack,
//! grouped by identical stacks with counts (like `/debug/pprof/goroutine?debug=1`), and whether anything
//! can still wake it.
//!
//! "Can be woken" is a reachability question, answered on the model's state: a goroutine that can still
//! run (runnable, running, in a system call, or sleeping on a timer) is *live*; everything reachable from a
//! live goroutine's stack (through the heap, and the package globals) can be operated on; a blocked
//! goroutine whose channel or sync object is reachable that way, or whose channel belongs to an armed
//! timer, may be woken, and then becomes live itself (fixpoint). A blocked goroutine left out is leaked
//! for good: nothing can ever wake it. After the program ends, every blocked goroutine is leaked.
//! Go has no such analysis; the goroutine profile format is runtime/pprof's (`writeGoroutine`, debug=1).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::goroutine::{GoroutineStatus, WaitObject};
use crate::heap::{Object, GLOBALS};
use crate::ids::{ChanId, GoroutineId, SyncId};
use crate::runtime::Runtime;
use crate::time::TimerAction;
use crate::traceback::TraceFrame;
use crate::value::Value;

/// The report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeakReport {
    /// Blocked goroutines in total (wakeable or not).
    pub total: usize,
    /// Groups of goroutines with identical stacks and wait, largest first, then by first goroutine id.
    pub groups: Vec<LeakGroup>,
    /// True when the program has ended (then nothing can run any more).
    pub program_ended: bool,
}

/// Goroutines blocked at the same place for the same reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeakGroup {
    pub count: usize,
    pub goroutines: Vec<GoroutineId>,
    /// Go's wait reason ("chan receive").
    pub wait_reason: String,
    /// What the first of them waits on, as text ("chan 3", "sync.Mutex 1", "nothing (nil channel)").
    pub waiting_on: String,
    /// The shared stack, innermost first.
    pub frames: Vec<TraceFrame>,
    /// "main.main at main.go:12".
    pub created_by: String,
    /// Whether a live goroutine or timer can still reach what they wait on.
    pub wakeable: bool,
    /// Why not / who can.
    pub verdict: String,
}

impl LeakReport {
    /// True when no goroutine is blocked.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Goroutines that nothing can ever wake.
    pub fn leaked(&self) -> usize {
        self.groups
            .iter()
            .filter(|g| !g.wakeable)
            .map(|g| g.count)
            .sum()
    }
}

impl std::fmt::Display for LeakReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "goroutine profile: total {} blocked", self.total)?;
        for g in &self.groups {
            let ids: Vec<String> = g.goroutines.iter().map(|id| id.0.to_string()).collect();
            writeln!(
                f,
                "{} @ [{}] on {} (goroutines {})",
                g.count,
                g.wait_reason,
                g.waiting_on,
                ids.join(", ")
            )?;
            for fr in &g.frames {
                writeln!(f, "#\t{}\t{}:{}", fr.function, fr.file, fr.line)?;
            }
            writeln!(f, "#\tcreated by {}", g.created_by)?;
            writeln!(f, "#\t{}", g.verdict)?;
            writeln!(f)?;
        }
        Ok(())
    }
}

impl Runtime {
    /// The leak report for the current state (at the end of a run: every goroutine left blocked).
    pub fn leak_report(&self) -> LeakReport {
        let program_ended = !self.status().is_running();
        let reachable = if program_ended {
            Reach::default()
        } else {
            self.live_reach()
        };
        let mut groups: BTreeMap<GroupKey, LeakGroup> = BTreeMap::new();
        let mut total = 0;
        for g in self.goroutines() {
            let GoroutineStatus::Waiting(reason) = g.status else {
                continue;
            };
            let wakeable = reachable.live.contains(&g.id);
            total += 1;
            let frames = crate::traceback::frames(self, g);
            let key_frames = frames
                .iter()
                .map(|f| (f.function.clone(), f.file.clone(), f.line))
                .collect();
            let waiting_on = self.describe_object(&g.wait_object);
            let file = self
                .program()
                .files
                .get(g.created.span.file as usize)
                .cloned()
                .unwrap_or_default();
            let created_by = match g.created.creator {
                Some(c) => format!(
                    "{} in goroutine {} at {}:{}",
                    g.created.function_name(self.program()),
                    c.0,
                    file,
                    g.created.span.line
                ),
                None if g.is_main => "runtime.main".to_string(),
                None => g.created.function_name(self.program()).to_string(),
            };
            let verdict = if wakeable {
                format!("may still be woken: a live goroutine or timer can reach {waiting_on}")
            } else if program_ended {
                "the program has ended: nothing can ever wake it".to_string()
            } else if matches!(g.wait_object, WaitObject::Nothing) {
                "nothing can ever wake it: it waits on nothing (nil channel or empty select)"
                    .to_string()
            } else {
                format!(
                    "nothing can ever wake it: no live goroutine or timer can reach {waiting_on}"
                )
            };
            let entry = groups
                .entry((verdict.clone(), waiting_on.clone(), key_frames))
                .or_insert(LeakGroup {
                    count: 0,
                    goroutines: Vec::new(),
                    wait_reason: reason.as_str().to_string(),
                    waiting_on,
                    frames,
                    created_by,
                    wakeable,
                    verdict,
                });
            entry.count += 1;
            entry.goroutines.push(g.id);
        }
        let mut groups: Vec<LeakGroup> = groups.into_values().collect();
        crate::util::sort_by(&mut groups, |a, b| {
            b.count
                .cmp(&a.count)
                .then(a.goroutines[0].cmp(&b.goroutines[0]))
        });
        LeakReport {
            total,
            groups,
            program_ended,
        }
    }

    fn describe_object(&self, o: &WaitObject) -> String {
        match o {
            WaitObject::Nothing => "nothing (nil channel or empty select)".to_string(),
            WaitObject::Chan(c) => format!("chan {}", c.0),
            WaitObject::Select(cs) => {
                let list: Vec<String> = cs.iter().map(|c| c.0.to_string()).collect();
                format!("chans {}", list.join(", "))
            }
            WaitObject::Sync(s) => format!("{} {}", self.sync_objects[s.index()].type_name(), s.0),
            WaitObject::Timer(t) => format!("timer {}", t.0),
        }
    }

    /// The fixpoint described in the module header.
    fn live_reach(&self) -> Reach {
        let mut reach = Reach::default();
        let mut roots: Vec<Value> = Vec::new();
        let mut armed_timer_chans = BTreeSet::new();
        for t in self.timers.armed() {
            match &t.action {
                TimerAction::SendTime(c) => {
                    armed_timer_chans.insert(*c);
                }
                TimerAction::StartFunc(i) => roots.push(Value::Func(self.after_funcs[*i as usize])),
                TimerAction::Wake(_) | TimerAction::SyscallDone { .. } => {}
            }
        }
        let mut changed = true;
        let mut globals_added = false;
        while changed {
            changed = false;
            for g in self.goroutines() {
                if reach.live.contains(&g.id) {
                    continue;
                }
                let live = match (&g.status, &g.wait_object) {
                    (GoroutineStatus::Dead, _) => continue,
                    (GoroutineStatus::Waiting(_), WaitObject::Nothing) => false,
                    (GoroutineStatus::Waiting(_), WaitObject::Timer(_)) => true,
                    (GoroutineStatus::Waiting(_), WaitObject::Chan(c)) => {
                        reach.chans.contains(c) || armed_timer_chans.contains(c)
                    }
                    (GoroutineStatus::Waiting(_), WaitObject::Select(cs)) => cs
                        .iter()
                        .any(|c| reach.chans.contains(c) || armed_timer_chans.contains(c)),
                    (GoroutineStatus::Waiting(_), WaitObject::Sync(s)) => reach.syncs.contains(s),
                    _ => true,
                };
                if live {
                    reach.live.insert(g.id);
                    changed = true;
                    if let Some(stack) = &g.stack {
                        stack.for_each_value(|v| roots.push(v.clone()));
                    }
                }
            }
            if !reach.live.is_empty() && !globals_added {
                globals_added = true;
                if let Some(slots) = self.heap.slots(GLOBALS) {
                    roots.extend(slots.iter().cloned());
                }
            }
            if !roots.is_empty() {
                self.mark(std::mem::take(&mut roots), &mut reach);
                changed = true;
            }
        }
        reach
    }

    fn mark(&self, roots: Vec<Value>, reach: &mut Reach) {
        let mut work = roots;
        while let Some(v) = work.pop() {
            match &v {
                Value::Chan(c) => {
                    if reach.chans.insert(*c) {
                        let ch = &self.chans[c.index()];
                        work.extend(ch.buf.iter().flatten().cloned());
                        work.extend(ch.sendq.iter().filter_map(|s| s.elem.clone()));
                    }
                    continue;
                }
                Value::Sync(s) => {
                    reach.syncs.insert(*s);
                    continue;
                }
                Value::Timer(t) => {
                    if let TimerAction::SendTime(c) = self.timers.get(*t).action {
                        work.push(Value::Chan(c));
                    }
                    continue;
                }
                Value::Iface(i) => {
                    work.push(i.value.clone());
                    continue;
                }
                Value::Agg(vals) => {
                    work.extend(vals.iter().cloned());
                    continue;
                }
                _ => {}
            }
            let mut objs = Vec::new();
            crate::heap::value_refs(&v, &mut objs);
            for o in objs {
                if !reach.objects.insert(o) {
                    continue;
                }
                match self.heap.get(o) {
                    Some(Object::Slots(vs)) | Some(Object::Env(vs)) => {
                        work.extend(vs.iter().cloned())
                    }
                    Some(Object::Map(m)) => {
                        for (k, v) in m.iter() {
                            work.push(k.clone());
                            work.push(v.clone());
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Verdict, object, and stack (function, file, line) of a group.
type GroupKey = (String, String, Vec<(String, String, u32)>);

#[derive(Default)]
struct Reach {
    live: BTreeSet<GoroutineId>,
    chans: BTreeSet<ChanId>,
    syncs: BTreeSet<SyncId>,
    objects: BTreeSet<crate::heap::ObjId>,
}
