//! Playback: the whole state of the visualizer as plain data, changed only by [`Playback::update`] with an
//! [`Action`] (the Elm architecture: state, actions, reducer; the Yew component only renders it and turns
//! clicks, keys and timers into actions).
//!
//! It compiles the editor's text with `compiler::compile`, runs it on a `runtime::History` (checkpoints
//! plus deterministic replay, so stepping back and seeking are exact), and keeps what the views read: the
//! current [`Snapshot`], the last [`Step`] with its events, the leak report once the program ended, and the
//! number of live goroutines after every step (for the plot). Views read only these, never the runtime.
//!
//! Invariants:
//! - `Loaded::snapshot` is always `history.current().snapshot()`; `last_step` is the step that led to the
//!   current one (`None` at step 0), whose `index` equals the current step.
//! - `Loaded::live[n]` is the number of live goroutines after step `n` for every `n <= furthest`.
//! - `mode` is `Paused` whenever no program is loaded or the loaded run has ended.
//!
//! No web APIs here: this module is compiled and tested natively.

use std::collections::BTreeSet;

use runtime::{
    ChoiceKind, Config, Event, GoroutineId, History, LeakReport, PolicyConfig, Runtime, Schedule,
    Snapshot, Step,
};

use crate::touched;
pub use crate::touched::Subject;

/// The file name programs are compiled as (gc prints it in diagnostics: `prog.go:4:2: ...`).
pub const FILE_NAME: &str = "prog.go";

/// Steps a run may take in the page before it ends with the runtime's step-limit message.
pub const STEPS_MAX: u64 = 100_000;

/// Most trial steps [`Action::RunNext`] makes to find the choices that run a goroutine next.
const TRIALS_MAX: usize = 512;

/// Most new steps [`Action::FindNext`] computes (in chunks) past the furthest step before it gives up.
pub const FIND_STEPS_MAX: u64 = 20_000;

/// Speeds offered for Play, in steps per second.
pub const SPEEDS: [u32; 8] = [1, 2, 4, 8, 16, 60, 250, 1000];

/// Which base policy the runtime uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyKind {
    /// As Go 1.23 would choose.
    GoLike,
    /// Seeded random choices among what Go could do.
    Random,
    /// Go-like defaults, and the user picks who runs next.
    Manual,
}

impl PolicyKind {
    pub const ALL: [PolicyKind; 3] = [PolicyKind::GoLike, PolicyKind::Random, PolicyKind::Manual];

    /// The name used in the policy menu and in actions from it.
    pub fn name(self) -> &'static str {
        match self {
            PolicyKind::GoLike => "go",
            PolicyKind::Random => "random",
            PolicyKind::Manual => "manual",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PolicyKind::GoLike => "Go-like",
            PolicyKind::Random => "Random",
            PolicyKind::Manual => "Manual",
        }
    }

    pub fn from_name(name: &str) -> Option<PolicyKind> {
        PolicyKind::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// How the next run is set up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub seed: u64,
    /// GOMAXPROCS.
    pub processors: u32,
    pub policy: PolicyKind,
    /// Play speed in steps per second.
    pub speed: u32,
    /// The run ends with the runtime's step-limit message after this many steps.
    pub steps_max: u64,
    /// "Next event" gives up after computing this many new steps.
    pub find_steps_max: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            seed: 0,
            processors: 1,
            policy: PolicyKind::GoLike,
            speed: 4,
            steps_max: STEPS_MAX,
            find_steps_max: FIND_STEPS_MAX,
        }
    }
}

impl Settings {
    /// The runtime configuration for these settings.
    pub fn config(&self) -> Config {
        let policy = match self.policy {
            PolicyKind::GoLike => PolicyConfig::GoLike { seed: self.seed },
            PolicyKind::Random => PolicyConfig::Random { seed: self.seed },
            PolicyKind::Manual => PolicyConfig::Manual { seed: self.seed },
        };
        let defaults = Config::default();
        Config {
            processors: self.processors,
            policy,
            limits: runtime::Limits {
                steps_max: self.steps_max,
                ..defaults.limits
            },
            ..defaults
        }
    }
}

/// Whether time moves by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Paused,
    /// Stepping at the set speed ([`Action::Tick`] from a timer).
    Playing,
    /// Running to the end in chunks ([`Action::RunChunk`] from a timer), so the page stays responsive.
    RunningToEnd,
    /// Looking for the next event on the followed goroutine or channel past the furthest step, in chunks
    /// ([`Action::FindChunk`] from a timer).
    Finding,
}

/// Everything that can happen to the playback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The editor's text changed.
    Edit(String),
    /// Replaces the editor's text and loads it (an example was picked).
    Open(String),
    /// Compiles the editor's text and loads it at step 0 (also "Reset").
    Load,
    /// One step forward (loading first if the text changed or nothing is loaded).
    Step,
    /// One step back.
    StepBack,
    /// Moves to this step of the current timeline (clamped to the furthest step reached).
    Seek(u64),
    Play,
    Pause,
    TogglePlay,
    /// A play timer fired: advance by the speed's steps per tick.
    Tick,
    /// A play timer fired this many milliseconds after the previous one: advance by the steps the speed
    /// asks for in that time (at least one tick's, at most four ticks'), so the step rate holds when the
    /// browser delivers ticks late.
    TickAfter(u32),
    /// Runs to the end in chunks (loading first if needed).
    RunToEnd,
    /// A chunk timer fired: at most this many steps.
    RunChunk {
        max_steps: u64,
    },
    SetSpeed(u32),
    SetSeed(u64),
    SetProcs(u32),
    SetPolicy(PolicyKind),
    /// Manual policy: make this goroutine the next to run (forks the timeline here).
    RunNext(GoroutineId),
    /// Manual policy: make the next step's choices come out as given (forks the timeline here).
    Choose(Vec<(ChoiceKind, u32)>),
    /// Loads the editor's text and walks to this step (a shared link's moment; see `Playback::replay`).
    Restore(u64),
    /// Closes the notice.
    Dismiss,
    /// Follows a goroutine or channel (None: stop following).
    Follow(Option<Subject>),
    /// Moves to the next step whose events involve the followed goroutine or channel: at once within the
    /// steps already computed, else by computing new ones in chunks ([`Mode::Finding`]), at most
    /// `Settings::find_steps_max` of them.
    FindNext,
    /// Moves to the previous step whose events involve the followed goroutine or channel.
    FindPrev,
    /// A find timer fired: at most this many new steps.
    FindChunk {
        max_steps: u64,
    },
}

/// A loaded program and its run.
#[derive(Clone, Debug)]
pub struct Loaded {
    history: History,
    last_step: Option<Step>,
    snapshot: Snapshot,
    leaks: Option<LeakReport>,
    live: Vec<u32>,
    end: Option<u64>,
    /// Manual policy: the ready select cases the next step could take (empty when there is no choice).
    next_cases: Vec<CaseOption>,
    /// The goroutines and channels each step's events involve, in step order: (step, subject).
    involved: Vec<(u32, Subject)>,
}

/// A ready select case the next step can be made to take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseOption {
    /// The choice to make ([`ChoiceKind::SelectCase`] option).
    pub option: u32,
    pub goroutine: GoroutineId,
    /// The case's index in the runtime's case list.
    pub case: u32,
    /// What taking it does, e.g. "receives 2 from chan 1".
    pub what: String,
}

impl Loaded {
    fn new(runtime: Runtime) -> Loaded {
        let snapshot = runtime.snapshot();
        let live = vec![snapshot.goroutines.len() as u32];
        let mut loaded = Loaded {
            history: History::new(runtime),
            last_step: None,
            snapshot,
            leaks: None,
            live,
            end: None,
            next_cases: Vec::new(),
            involved: Vec::new(),
        };
        loaded.refresh();
        loaded
    }

    /// The current state.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// The step that led here, with its events (None at step 0).
    pub fn last_step(&self) -> Option<&Step> {
        self.last_step.as_ref()
    }

    /// The leak report, once the program has ended and left goroutines blocked.
    pub fn leaks(&self) -> Option<&LeakReport> {
        self.leaks.as_ref()
    }

    /// The current step number.
    pub fn step(&self) -> u64 {
        self.history.current().steps()
    }

    /// The furthest step reached on this timeline (the slider's end).
    pub fn furthest(&self) -> u64 {
        self.history.furthest()
    }

    /// True when the run has ended (exit, panic, fatal error or limit) at the current step.
    pub fn ended(&self) -> bool {
        !self.history.current().status().is_running()
    }

    /// The last step of this timeline, once the run has been followed to its end.
    pub fn end(&self) -> Option<u64> {
        self.end
    }

    /// Live goroutines after each step `0..=furthest`.
    pub fn live(&self) -> &[u32] {
        &self.live
    }

    /// The recorded schedule, encoded (replaying it reproduces this run).
    pub fn schedule(&self) -> String {
        self.history.current().schedule().encode()
    }

    /// Goroutines that nothing can ever wake (after the end: all blocked ones).
    pub fn leaked(&self) -> BTreeSet<GoroutineId> {
        self.leaks
            .iter()
            .flat_map(|r| r.groups.iter())
            .filter(|g| !g.wakeable)
            .flat_map(|g| g.goroutines.iter().copied())
            .collect()
    }

    fn forward(&mut self) -> Step {
        let step = self.history.step();
        self.record_live(&step);
        if self.ended() {
            self.end = Some(step.index);
        }
        step
    }

    /// Records a newly computed step: live goroutines after it, and what its events involve.
    fn record_live(&mut self, step: &Step) {
        let n = step.index as usize;
        if n == 0 || n < self.live.len() {
            return;
        }
        let at = step.index as u32;
        let involved = &mut self.involved;
        let first = involved.len();
        touched::for_each_subject(&step.events, |s| {
            if !involved[first..].iter().any(|&(_, x)| x == s) {
                involved.push((at, s));
            }
        });
        let before = self.live[n - 1] as i64;
        let mut delta = 0i64;
        for e in &step.events {
            match e {
                Event::GoroutineCreated { .. } => delta += 1,
                Event::Exited { .. } => delta -= 1,
                _ => {}
            }
        }
        debug_assert_eq!(self.live.len(), n);
        self.live.push((before + delta).max(0) as u32);
    }

    /// Moves to `target` (clamped to `0..=furthest`), keeping the events of the step that led there.
    fn goto(&mut self, target: u64) {
        let target = target.min(self.furthest());
        if target == self.step() {
            return;
        }
        if target == 0 {
            // Step 0 is always a checkpoint.
            let _ = self.history.seek(0);
            self.last_step = None;
        } else if target == self.step() + 1 {
            self.last_step = Some(self.forward());
        } else {
            let _ = self.history.seek(target - 1);
            self.last_step = Some(self.forward());
        }
        self.refresh();
    }

    fn refresh(&mut self) {
        let rt = self.history.current();
        self.snapshot = rt.snapshot();
        self.leaks = if rt.status().is_running() {
            None
        } else {
            Some(rt.leak_report()).filter(|r| !r.is_empty())
        };
        let manual = matches!(
            rt.config().policy,
            PolicyConfig::Manual { .. } | PolicyConfig::Replay(_)
        );
        self.next_cases = if manual {
            self.case_options()
        } else {
            Vec::new()
        };
    }

    /// The first step after `after` (up to the furthest) whose events involve `s`.
    pub fn next_involving(&self, s: Subject, after: u64) -> Option<u64> {
        let from = self.involved.partition_point(|&(n, _)| n as u64 <= after);
        self.involved[from..]
            .iter()
            .find(|&&(_, x)| x == s)
            .map(|&(n, _)| n as u64)
    }

    /// The last step before `before` whose events involve `s`.
    pub fn prev_involving(&self, s: Subject, before: u64) -> Option<u64> {
        let to = self.involved.partition_point(|&(n, _)| (n as u64) < before);
        self.involved[..to]
            .iter()
            .rev()
            .find(|&&(_, x)| x == s)
            .map(|&(n, _)| n as u64)
    }

    /// Manual policy: the ready select cases the next step can take, if it runs a select with more than one.
    pub fn next_cases(&self) -> &[CaseOption] {
        &self.next_cases
    }

    /// Tries the next step with each select-case option on copies of the runtime.
    fn case_options(&self) -> Vec<CaseOption> {
        const CASES_MAX: u32 = 8;
        let rt = self.history.current();
        if !rt.status().is_running() {
            return Vec::new();
        }
        let mut found: Vec<CaseOption> = Vec::new();
        for option in 0..CASES_MAX {
            let mut trial = rt.clone();
            let step = trial.step_choosing(&[(ChoiceKind::SelectCase, option)]);
            let chose = step
                .events
                .iter()
                .position(|e| matches!(e, Event::SelectChose { case: Some(_), .. }));
            let Some(at) = chose else {
                break;
            };
            let Event::SelectChose {
                goroutine,
                case: Some(case),
            } = step.events[at]
            else {
                break;
            };
            if found.iter().any(|c| c.case == case) {
                // Options past the number of ready cases fall back to the default.
                break;
            }
            let what = step.events[at + 1..]
                .iter()
                .find_map(|e| match e {
                    Event::ValueReceived { chan, value, .. } => {
                        Some(format!("receives {value} from chan {}", chan.0))
                    }
                    Event::ValueHandedOff {
                        chan,
                        value,
                        sender,
                        ..
                    } if *sender == goroutine => Some(format!("sends {value} on chan {}", chan.0)),
                    Event::ValueHandedOff { chan, value, .. } => {
                        Some(format!("receives {value} from chan {}", chan.0))
                    }
                    Event::ValueBuffered { chan, value, .. } => {
                        Some(format!("sends {value} on chan {}", chan.0))
                    }
                    Event::ReceivedZeroFromClosed { chan, .. } => Some(format!(
                        "receives the zero value from closed chan {}",
                        chan.0
                    )),
                    _ => None,
                })
                .unwrap_or_else(|| format!("takes case {case}"));
            found.push(CaseOption {
                option,
                goroutine,
                case,
                what,
            });
        }
        if found.len() > 1 {
            found
        } else {
            Vec::new()
        }
    }

    /// The choices that make `g` run in the next step, found by trying them on copies of the runtime.
    fn choices_to_run(&self, g: GoroutineId) -> Option<Vec<(ChoiceKind, u32)>> {
        let rt = self.history.current();
        let runnable = self
            .snapshot
            .goroutines
            .iter()
            .filter(|v| v.status == "runnable")
            .count() as u32;
        let procs = self.snapshot.processors.len() as u32;
        let mut trials = 0;
        for p in 0..procs {
            for k in 0..=runnable {
                let mut choices = Vec::new();
                if procs > 1 {
                    choices.push((ChoiceKind::Processor, p));
                }
                choices.push((ChoiceKind::Goroutine, k));
                let mut trial = rt.clone();
                let step = trial.step_choosing(&choices);
                let runs_g = step.events.iter().any(
                    |e| matches!(e, Event::GoroutineScheduled { goroutine, .. } if *goroutine == g),
                );
                if runs_g {
                    return Some(choices);
                }
                trials += 1;
                if trials >= TRIALS_MAX {
                    return None;
                }
            }
        }
        None
    }

    fn fork(&mut self, choices: &[(ChoiceKind, u32)]) {
        // History::fork drops a replayed schedule's later choices on every checkpoint too.
        let step = self.history.fork(choices);
        self.live.truncate(step.index as usize);
        let cut = self
            .involved
            .partition_point(|&(n, _)| (n as u64) < step.index);
        self.involved.truncate(cut);
        self.end = None;
        self.record_live(&step);
        if self.ended() {
            self.end = Some(step.index);
        }
        self.last_step = Some(step);
        self.refresh();
    }
}

/// What the page shows when there is no run to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The program does not compile: gc-format diagnostics.
    Compile(Vec<compiler::Diagnostic>),
    /// The runtime refused the program or the settings.
    Load(String),
}

/// The visualizer's state.
#[derive(Clone, Debug)]
pub struct Playback {
    /// The editor's text.
    pub source: String,
    pub settings: Settings,
    pub mode: Mode,
    /// The text that was loaded (the editor may have changed since).
    loaded_source: Option<String>,
    loaded: Option<Loaded>,
    problem: Option<Problem>,
    /// A short message for the user (e.g. why a choice could not be made).
    pub notice: Option<String>,
    /// Manual policy: recorded choices (of a shared link) that loading replays, so the run follows the
    /// shared timeline. Dropped when the text or the settings change.
    pub replay: Option<Schedule>,
    /// The goroutine or channel "next event" follows.
    pub following: Option<Subject>,
    /// While [`Mode::Finding`]: the step the search started from and the step it gives up at.
    find: Option<(u64, u64)>,
}

impl Playback {
    /// A playback with this program in the editor, nothing loaded yet.
    pub fn new(source: &str) -> Playback {
        Playback {
            source: source.to_string(),
            settings: Settings::default(),
            mode: Mode::Paused,
            loaded_source: None,
            loaded: None,
            problem: None,
            notice: None,
            replay: None,
            following: None,
            find: None,
        }
    }

    /// The loaded run, if any.
    pub fn loaded(&self) -> Option<&Loaded> {
        self.loaded.as_ref()
    }

    /// Why nothing is loaded (compile errors or a load error).
    pub fn problem(&self) -> Option<&Problem> {
        self.problem.as_ref()
    }

    /// The compile errors, if the last load failed to compile.
    pub fn diagnostics(&self) -> &[compiler::Diagnostic] {
        match &self.problem {
            Some(Problem::Compile(d)) => d,
            _ => &[],
        }
    }

    /// True when the editor's text differs from what was loaded.
    pub fn stale(&self) -> bool {
        self.loaded_source.as_deref() != Some(self.source.as_str())
    }

    /// The play timer: milliseconds between ticks and steps per tick for the current speed.
    pub fn tick_plan(&self) -> (u32, u64) {
        let speed = self.settings.speed.max(1);
        if speed <= 60 {
            (1000 / speed, 1)
        } else {
            (16, (speed as u64 * 16).div_ceil(1000))
        }
    }

    /// The reducer.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Edit(text) => {
                if text != self.source {
                    self.replay = None;
                }
                self.source = text;
                if self.mode == Mode::Playing {
                    self.mode = Mode::Paused;
                }
            }
            Action::Open(text) => {
                self.source = text;
                self.replay = None;
                self.load();
            }
            Action::Restore(step) => {
                self.load();
                self.step_forward(step.min(self.settings.steps_max));
                self.mode = Mode::Paused;
            }
            Action::Load => self.load(),
            Action::Step => {
                self.mode = Mode::Paused;
                if self.ensure_loaded() {
                    self.step_forward(1);
                }
            }
            Action::StepBack => {
                self.mode = Mode::Paused;
                if let Some(l) = &mut self.loaded {
                    let n = l.step();
                    if n > 0 {
                        l.goto(n - 1);
                    }
                }
            }
            Action::Seek(target) => {
                self.mode = Mode::Paused;
                if let Some(l) = &mut self.loaded {
                    l.goto(target);
                }
            }
            Action::Play => self.play(),
            Action::Pause => self.mode = Mode::Paused,
            Action::TogglePlay => match self.mode {
                Mode::Paused => self.play(),
                Mode::Playing | Mode::RunningToEnd | Mode::Finding => self.mode = Mode::Paused,
            },
            Action::Tick => {
                if self.mode == Mode::Playing {
                    let (_, steps) = self.tick_plan();
                    self.step_forward(steps);
                }
            }
            Action::TickAfter(ms) => {
                if self.mode == Mode::Playing {
                    let (_, steps) = self.tick_plan();
                    let due = self.settings.speed as u64 * ms as u64 / 1000;
                    self.step_forward(due.clamp(steps, steps * 4));
                }
            }
            Action::RunToEnd => {
                if self.ensure_loaded() && !self.loaded.as_ref().is_some_and(Loaded::ended) {
                    self.mode = Mode::RunningToEnd;
                }
            }
            Action::RunChunk { max_steps } => {
                if self.mode == Mode::RunningToEnd {
                    // Pauses when the run ends.
                    self.step_forward(max_steps.max(1));
                }
            }
            Action::SetSpeed(speed) => self.settings.speed = speed.clamp(1, 1000),
            Action::SetSeed(seed) => self.reconfigure(Settings {
                seed,
                ..self.settings
            }),
            Action::SetProcs(processors) => self.reconfigure(Settings {
                processors: processors.clamp(1, 64),
                ..self.settings
            }),
            Action::SetPolicy(policy) => self.reconfigure(Settings {
                policy,
                ..self.settings
            }),
            Action::RunNext(g) => self.run_next(g),
            Action::Choose(choices) => {
                self.mode = Mode::Paused;
                if self.settings.policy != PolicyKind::Manual {
                    self.notice = Some("choices are made in the Manual policy".into());
                } else if let Some(l) = &mut self.loaded {
                    if !l.ended() {
                        l.fork(&choices);
                    }
                }
            }
            Action::Dismiss => self.notice = None,
            Action::Follow(s) => self.following = s,
            Action::FindNext => self.find_next(),
            Action::FindPrev => self.find_prev(),
            Action::FindChunk { max_steps } => {
                if self.mode == Mode::Finding {
                    self.find_chunk(max_steps.max(1));
                }
            }
        }
        if self.loaded.as_ref().is_none_or(Loaded::ended)
            && !matches!(self.mode, Mode::Paused | Mode::Finding)
        {
            self.mode = Mode::Paused;
        }
        if self.mode != Mode::Finding {
            self.find = None;
        }
    }

    fn play(&mut self) {
        if self.ensure_loaded() && !self.loaded.as_ref().is_some_and(Loaded::ended) {
            self.mode = Mode::Playing;
        }
    }

    /// Loads the editor's text unless it is already loaded; false if it cannot be loaded.
    fn ensure_loaded(&mut self) -> bool {
        if self.stale() || self.loaded.is_none() {
            self.load();
        }
        self.loaded.is_some()
    }

    fn load(&mut self) {
        self.mode = Mode::Paused;
        self.notice = None;
        self.loaded = None;
        self.loaded_source = Some(self.source.clone());
        self.problem = None;
        let mut config = self.settings.config();
        if let (Some(schedule), PolicyKind::Manual) = (&self.replay, self.settings.policy) {
            config.policy = PolicyConfig::Replay(schedule.clone());
        }
        match compiler::compile(FILE_NAME, &self.source) {
            Err(diagnostics) => self.problem = Some(Problem::Compile(diagnostics)),
            Ok(program) => match Runtime::new(program, config) {
                Err(e) => self.problem = Some(Problem::Load(e.to_string())),
                Ok(rt) => self.loaded = Some(Loaded::new(rt)),
            },
        }
    }

    fn reconfigure(&mut self, settings: Settings) {
        let changed = settings != self.settings;
        if changed {
            self.replay = None;
        }
        self.settings = settings;
        if changed && self.loaded.is_some() {
            self.load();
        }
    }

    /// Up to `n` steps forward on the current timeline; pauses at the end.
    fn step_forward(&mut self, n: u64) {
        let Some(l) = &mut self.loaded else {
            return;
        };
        let start = l.step();
        let mut last = None;
        for _ in 0..n {
            if l.ended() {
                break;
            }
            // On a part of the timeline already computed (after stepping back) this re-walks it.
            last = Some(l.forward());
        }
        if let Some(step) = last {
            l.last_step = Some(step);
        }
        if l.step() != start {
            l.refresh();
        }
        if l.ended() {
            self.mode = Mode::Paused;
        }
    }

    /// The followed subject, or a notice asking for one.
    fn followed(&mut self) -> Option<Subject> {
        if self.following.is_none() {
            self.notice =
                Some("select a goroutine or a channel first (click it in the runtime pane)".into());
        }
        self.following
    }

    fn find_next(&mut self) {
        self.mode = Mode::Paused;
        let Some(s) = self.followed() else {
            return;
        };
        if !self.ensure_loaded() {
            return;
        }
        let Some(l) = &mut self.loaded else {
            return;
        };
        let from = l.step();
        if let Some(n) = l.next_involving(s, from) {
            self.notice = None;
            l.goto(n);
            return;
        }
        if let Some(end) = l.end() {
            self.notice = Some(format!("no later event on {s}: the run ends at step {end}"));
            return;
        }
        // Past what was computed: compute new steps in chunks from the furthest one.
        self.notice = None;
        let furthest = l.furthest();
        l.goto(furthest);
        self.find = Some((from, furthest + self.settings.find_steps_max));
        self.mode = Mode::Finding;
    }

    fn find_chunk(&mut self, max_steps: u64) {
        let (Some(s), Some((from, until)), Some(l)) =
            (self.following, self.find, self.loaded.as_mut())
        else {
            self.mode = Mode::Paused;
            return;
        };
        let mut last = None;
        let mut found = false;
        for _ in 0..max_steps {
            if l.ended() || l.step() >= until {
                break;
            }
            let step = l.forward();
            touched::for_each_subject(&step.events, |x| found |= x == s);
            last = Some(step);
            if found {
                break;
            }
        }
        if let Some(step) = last {
            l.last_step = Some(step);
            l.refresh();
        }
        if found {
            self.mode = Mode::Paused;
        } else if l.ended() {
            self.notice = Some(format!(
                "no later event on {s}: the run ended at step {}",
                l.step()
            ));
            l.goto(from);
            self.mode = Mode::Paused;
        } else if l.step() >= until {
            self.notice = Some(format!(
                "no event on {s} in the next {} steps (searched to step {until}); \
                 press Next event again to search further",
                self.settings.find_steps_max
            ));
            l.goto(from);
            self.mode = Mode::Paused;
        }
    }

    fn find_prev(&mut self) {
        self.mode = Mode::Paused;
        let Some(s) = self.followed() else {
            return;
        };
        let Some(l) = &mut self.loaded else {
            return;
        };
        match l.prev_involving(s, l.step()) {
            Some(n) => {
                self.notice = None;
                l.goto(n);
            }
            None => self.notice = Some(format!("no earlier event on {s}")),
        }
    }

    fn run_next(&mut self, g: GoroutineId) {
        self.mode = Mode::Paused;
        if self.settings.policy != PolicyKind::Manual {
            self.notice = Some("switch the policy to Manual to pick who runs next".into());
            return;
        }
        let Some(l) = &mut self.loaded else {
            return;
        };
        if l.ended() {
            return;
        }
        match l.choices_to_run(g) {
            Some(choices) => {
                self.notice = None;
                l.fork(&choices);
            }
            None => {
                self.notice = Some(format!(
                    "G{} cannot run next: no P is free to schedule it in this step \
                     (a P keeps its goroutine until it blocks, yields or is preempted)",
                    g.0
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEAK: &str = r#"package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	go func() {
		ch <- 42
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("main returns")
}
"#;

    const DEADLOCK: &str = "package main\n\nfunc main() {\n\tch := make(chan int)\n\tch <- 1\n}\n";

    const SPIN: &str =
        "package main\n\nfunc main() {\n\tgo func() {\n\t\tfor {\n\t\t}\n\t}()\n\tfor {\n\t}\n}\n";

    fn loaded(p: &Playback) -> &Loaded {
        p.loaded().expect("a program is loaded")
    }

    /// Steps until `pred` holds on the snapshot, at most 1,000 steps.
    fn step_until(p: &mut Playback, pred: impl Fn(&Snapshot) -> bool) -> u64 {
        p.update(Action::Load);
        for _ in 0..1000 {
            if pred(loaded(p).snapshot()) {
                return loaded(p).step();
            }
            p.update(Action::Step);
        }
        panic!("condition never held");
    }

    fn sender_blocked(s: &Snapshot) -> bool {
        s.channels.iter().any(|c| !c.sendq.is_empty())
    }

    #[test]
    fn step_loads_the_program_and_advances() {
        let mut p = Playback::new(LEAK);
        assert!(p.loaded().is_none());
        p.update(Action::Step);
        let l = loaded(&p);
        assert_eq!(l.step(), 1);
        assert_eq!(l.last_step().map(|s| s.index), Some(1));
        assert!(!p.stale());
    }

    #[test]
    fn stepping_back_gives_identical_snapshots() {
        let mut p = Playback::new(LEAK);
        p.update(Action::Load);
        let mut forward = vec![loaded(&p).snapshot().clone()];
        let mut narration = vec![None];
        while !loaded(&p).ended() {
            p.update(Action::Step);
            forward.push(loaded(&p).snapshot().clone());
            narration.push(loaded(&p).last_step().cloned());
        }
        let end = loaded(&p).step();
        assert_eq!(end as usize + 1, forward.len());
        for n in (0..end).rev() {
            p.update(Action::StepBack);
            assert_eq!(loaded(&p).step(), n);
            assert_eq!(
                loaded(&p).snapshot(),
                &forward[n as usize],
                "snapshot at step {n}"
            );
            assert_eq!(
                loaded(&p).last_step().cloned(),
                narration[n as usize],
                "events of step {n}"
            );
        }
        // Stepping forward again re-walks the same timeline.
        p.update(Action::Step);
        p.update(Action::Step);
        assert_eq!(loaded(&p).snapshot(), &forward[2]);
        // Seeking anywhere gives that step's snapshot.
        for &n in &[end, 0, end / 2, 1] {
            p.update(Action::Seek(n));
            assert_eq!(loaded(&p).snapshot(), &forward[n as usize]);
        }
        // Seeking past the end clamps.
        p.update(Action::Seek(end + 100));
        assert_eq!(loaded(&p).step(), end);
    }

    #[test]
    fn a_blocked_sender_is_in_the_sendq_and_gone_a_step_earlier() {
        let mut p = Playback::new(LEAK);
        let n = step_until(&mut p, sender_blocked);
        let snap = loaded(&p).snapshot();
        let ch = snap.channels.iter().find(|c| !c.sendq.is_empty()).unwrap();
        let g = ch.sendq[0].goroutine;
        assert_eq!(ch.sendq[0].value.as_deref(), Some("42"));
        let view = snap.goroutines.iter().find(|v| v.id == g).unwrap();
        assert_eq!(view.wait_reason.map(|r| r.as_str()), Some("chan send"));
        let narration: Vec<String> = loaded(&p)
            .last_step()
            .unwrap()
            .events
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert!(
            narration.iter().any(|l| l.contains("parked (chan send)")),
            "{narration:?}"
        );
        p.update(Action::StepBack);
        assert_eq!(loaded(&p).step(), n - 1);
        assert!(!sender_blocked(loaded(&p).snapshot()));
    }

    #[test]
    fn running_to_the_end_in_chunks_reports_the_leak() {
        let mut p = Playback::new(LEAK);
        p.update(Action::RunToEnd);
        assert_eq!(p.mode, Mode::RunningToEnd);
        let mut chunks = 0;
        while p.mode == Mode::RunningToEnd {
            p.update(Action::RunChunk { max_steps: 2 });
            chunks += 1;
        }
        assert!(chunks > 1);
        let l = loaded(&p);
        assert!(l.ended());
        assert_eq!(l.snapshot().stdout, "main returns\n");
        let report = l.leaks().expect("a leak report");
        assert_eq!(report.groups.len(), 1);
        assert_eq!(report.groups[0].wait_reason, "chan send");
        assert!(!report.groups[0].wakeable);
        assert_eq!(l.leaked().len(), 1);
        // The leaked goroutine is still in the snapshot, in its channel's sendq.
        let g = report.groups[0].goroutines[0];
        assert!(l
            .snapshot()
            .channels
            .iter()
            .any(|c| c.sendq.iter().any(|w| w.goroutine == g)));
        // The live-goroutine plot has one point per step.
        assert_eq!(l.live().len() as u64, l.furthest() + 1);
        assert_eq!(l.live()[0], 1);
        assert_eq!(*l.live().iter().max().unwrap(), 2);
        assert_eq!(l.end(), Some(l.furthest()));
    }

    #[test]
    fn a_deadlock_ends_with_gos_fatal_error() {
        let mut p = Playback::new(DEADLOCK);
        p.update(Action::RunToEnd);
        while p.mode == Mode::RunningToEnd {
            p.update(Action::RunChunk { max_steps: 100 });
        }
        let s = loaded(&p).snapshot();
        assert_eq!(s.status, runtime::Status::Deadlocked);
        assert!(
            s.stderr
                .starts_with("fatal error: all goroutines are asleep - deadlock!\n"),
            "{}",
            s.stderr
        );
        assert!(
            s.stderr.contains("goroutine 1 [chan send]:"),
            "{}",
            s.stderr
        );
    }

    #[test]
    fn a_compile_error_is_reported_at_its_line() {
        let mut p = Playback::new("package main\n\nfunc main() {\n\tx := 1\n}\n");
        p.update(Action::Step);
        assert!(p.loaded().is_none());
        let d = p.diagnostics();
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].col), (4, 2));
        assert_eq!(d[0].to_string(), "prog.go:4:2: declared and not used: x");
        // Fixing the text and stepping loads it.
        p.update(Action::Edit("package main\n\nfunc main() {\n}\n".into()));
        p.update(Action::Step);
        assert!(p.problem().is_none());
        assert!(loaded(&p).ended());
    }

    #[test]
    fn a_runaway_program_ends_with_the_step_limit() {
        let mut p = Playback::new(SPIN);
        p.settings.steps_max = 3000;
        p.update(Action::RunToEnd);
        while p.mode == Mode::RunningToEnd {
            p.update(Action::RunChunk { max_steps: 1000 });
        }
        let s = loaded(&p).snapshot();
        assert_eq!(
            s.status,
            runtime::Status::LimitReached(runtime::Limit::Steps(3000))
        );
        assert_eq!(
            s.status.to_string(),
            "step limit reached: the program ran 3000 steps without finishing"
        );
    }

    #[test]
    fn play_ticks_and_pauses_at_the_end() {
        let mut p = Playback::new(LEAK);
        p.update(Action::SetSpeed(1000));
        assert_eq!(p.tick_plan(), (16, 16));
        p.update(Action::SetSpeed(2));
        assert_eq!(p.tick_plan(), (500, 1));
        p.update(Action::TogglePlay);
        assert_eq!(p.mode, Mode::Playing);
        p.update(Action::Tick);
        assert_eq!(loaded(&p).step(), 1);
        p.update(Action::Pause);
        p.update(Action::Tick);
        assert_eq!(loaded(&p).step(), 1, "no steps while paused");
        p.update(Action::Play);
        for _ in 0..1000 {
            p.update(Action::Tick);
        }
        assert!(loaded(&p).ended());
        assert_eq!(p.mode, Mode::Paused);
        // Play at the end does nothing.
        p.update(Action::Play);
        assert_eq!(p.mode, Mode::Paused);
    }

    #[test]
    fn late_ticks_catch_up_within_bounds() {
        const PING: &str = "package main\n\nfunc main() {\n\tch := make(chan int)\n\tgo func() {\n\t\tfor i := 0; i < 100; i++ {\n\t\t\tch <- i\n\t\t}\n\t}()\n\tfor i := 0; i < 100; i++ {\n\t\t<-ch\n\t}\n}\n";
        let mut p = Playback::new(PING);
        p.update(Action::SetSpeed(250));
        assert_eq!(p.tick_plan(), (16, 4));
        p.update(Action::TogglePlay);
        p.update(Action::TickAfter(16));
        assert_eq!(loaded(&p).step(), 4, "on time: one tick's steps");
        p.update(Action::TickAfter(32));
        assert_eq!(loaded(&p).step(), 12, "one frame late: 250/s for 32 ms");
        p.update(Action::TickAfter(1000));
        assert_eq!(loaded(&p).step(), 28, "at most four ticks' steps");
        p.update(Action::TickAfter(0));
        assert_eq!(loaded(&p).step(), 32, "at least one tick's steps");
        p.update(Action::Pause);
        p.update(Action::TickAfter(16));
        assert_eq!(loaded(&p).step(), 32, "no steps while paused");
    }

    #[test]
    fn editing_pauses_and_marks_the_run_stale() {
        let mut p = Playback::new(LEAK);
        p.update(Action::Play);
        assert_eq!(p.mode, Mode::Playing);
        p.update(Action::Edit(DEADLOCK.into()));
        assert_eq!(p.mode, Mode::Paused);
        assert!(p.stale());
        p.update(Action::Step);
        assert!(!p.stale());
        assert_eq!(loaded(&p).step(), 1);
    }

    #[test]
    fn settings_reload_the_program() {
        let mut p = Playback::new(LEAK);
        p.update(Action::Step);
        p.update(Action::Step);
        p.update(Action::SetProcs(4));
        assert_eq!(loaded(&p).step(), 0);
        assert_eq!(loaded(&p).snapshot().processors.len(), 4);
        p.update(Action::SetProcs(1000));
        assert_eq!(p.settings.processors, 64);
        p.update(Action::SetSeed(7));
        assert_eq!(p.settings.seed, 7);
        p.update(Action::SetPolicy(PolicyKind::Random));
        assert_eq!(p.settings.config().policy, PolicyConfig::Random { seed: 7 });
    }

    const THREE: &str = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println("worker", i)
		}()
	}
	wg.Wait()
}
"#;

    const TWO_READY: &str = r#"package main

import "fmt"

func main() {
	a := make(chan int, 1)
	b := make(chan int, 1)
	a <- 1
	b <- 2
	select {
	case v := <-a:
		fmt.Println("a", v)
	case v := <-b:
		fmt.Println("b", v)
	}
}
"#;

    #[test]
    fn manual_choice_of_a_ready_select_case() {
        let mut p = Playback::new(TWO_READY);
        p.update(Action::Load);
        for _ in 0..20 {
            p.update(Action::Step);
            assert!(
                loaded(&p).next_cases().is_empty(),
                "no choices offered outside the manual policy"
            );
        }
        p.update(Action::SetPolicy(PolicyKind::Manual));
        p.update(Action::Load);
        let mut n = 0;
        while loaded(&p).next_cases().is_empty() {
            p.update(Action::Step);
            n += 1;
            assert!(n < 20, "the select's choice is offered");
        }
        let cases = loaded(&p).next_cases().to_vec();
        let what: Vec<&str> = cases.iter().map(|c| c.what.as_str()).collect();
        assert_eq!(what.len(), 2);
        assert!(what.contains(&"receives 1 from chan 0"), "{what:?}");
        assert!(what.contains(&"receives 2 from chan 1"), "{what:?}");
        assert!(cases.iter().all(|c| c.goroutine == GoroutineId(1)));
        let b = cases.iter().find(|c| c.what.ends_with("chan 1")).unwrap();
        p.update(Action::Choose(vec![(ChoiceKind::SelectCase, b.option)]));
        p.update(Action::RunToEnd);
        while p.mode == Mode::RunningToEnd {
            p.update(Action::RunChunk { max_steps: 100 });
        }
        assert_eq!(loaded(&p).snapshot().stdout, "b 2\n");
    }

    /// Follows `s` with FindNext until it stops (running find chunks of `chunk` steps); returns the step.
    fn find_next(p: &mut Playback, chunk: u64) -> u64 {
        p.update(Action::FindNext);
        let mut chunks = 0;
        while p.mode == Mode::Finding {
            p.update(Action::FindChunk { max_steps: chunk });
            chunks += 1;
            assert!(chunks < 10_000, "the search ends");
        }
        loaded(p).step()
    }

    fn events_involve(p: &Playback, s: Subject) -> bool {
        let step = loaded(p).last_step().expect("a step");
        let mut found = false;
        touched::for_each_subject(&step.events, |x| found |= x == s);
        found
    }

    #[test]
    fn next_and_previous_event_on_a_goroutine() {
        let mut p = Playback::new(LEAK);
        p.update(Action::FindNext);
        assert!(p
            .notice
            .as_deref()
            .unwrap()
            .starts_with("select a goroutine"));
        p.update(Action::Dismiss);
        p.update(Action::Load);
        // The sender: the first goroutine main creates (G6: the program imports fmt, so os).
        let g = Subject::Goroutine(GoroutineId(6));
        p.update(Action::Follow(Some(g)));
        // Nothing is computed past step 0 yet: the search runs in chunks.
        let mut visits = Vec::new();
        loop {
            let before = loaded(&p).step();
            let at = find_next(&mut p, 3);
            if p.notice.is_some() {
                assert_eq!(at, before, "a failed search goes back where it started");
                break;
            }
            assert!(at > before);
            assert!(events_involve(&p, g), "step {at} involves {g}");
            visits.push(at);
            assert!(visits.len() < 100);
        }
        let end = loaded(&p)
            .end()
            .expect("the search followed the run to its end");
        assert_eq!(
            p.notice.as_deref(),
            Some(format!("no later event on G6: the run ended at step {end}").as_str())
        );
        // Created by main's `go`; then scheduled and parked on the channel in one step.
        assert_eq!(visits.len(), 2, "{visits:?}");
        p.update(Action::Seek(visits[0]));
        let created = &loaded(&p).last_step().unwrap().events;
        assert!(created
            .iter()
            .any(|e| matches!(e, Event::GoroutineCreated { goroutine, .. } if goroutine.0 == 6)));
        p.update(Action::Seek(visits[1]));
        let parked = &loaded(&p).last_step().unwrap().events;
        assert!(parked
            .iter()
            .any(|e| matches!(e, Event::Parked { goroutine, .. } if goroutine.0 == 6)));
        // Every step in between has no event on G6.
        p.update(Action::Seek(0));
        let mut stepped = Vec::new();
        while !loaded(&p).ended() {
            p.update(Action::Step);
            if events_involve(&p, g) {
                stepped.push(loaded(&p).step());
            }
        }
        assert_eq!(stepped, visits);
        // Backwards, within the computed steps, at once.
        p.update(Action::Dismiss);
        for &n in visits.iter().rev() {
            p.update(Action::FindPrev);
            assert_eq!(p.mode, Mode::Paused);
            assert_eq!(loaded(&p).step(), n);
        }
        p.update(Action::FindPrev);
        assert_eq!(p.notice.as_deref(), Some("no earlier event on G6"));
        assert_eq!(loaded(&p).step(), visits[0]);
        // Forward again, within the computed steps.
        p.update(Action::FindNext);
        assert_eq!(p.mode, Mode::Paused, "no search needed");
        assert_eq!(loaded(&p).step(), visits[1]);
        p.update(Action::Seek(end));
        p.update(Action::FindNext);
        assert_eq!(
            p.notice.as_deref(),
            Some(format!("no later event on G6: the run ends at step {end}").as_str())
        );
    }

    #[test]
    fn next_event_on_a_channel_and_giving_up_after_the_limit() {
        const PING: &str = "package main\n\nfunc main() {\n\tch := make(chan int)\n\tdone := make(chan bool)\n\tgo func() {\n\t\tfor i := 0; i < 100; i++ {\n\t\t\tch <- i\n\t\t}\n\t\tdone <- true\n\t}()\n\tfor i := 0; i < 100; i++ {\n\t\t<-ch\n\t}\n\t<-done\n}\n";
        let mut p = Playback::new(PING);
        p.settings.find_steps_max = 50;
        p.update(Action::Load);
        let done = Subject::Chan(runtime::ChanId(1));
        p.update(Action::Follow(Some(done)));
        // chan 1 is made near the start.
        let made = find_next(&mut p, 1000);
        assert!(events_involve(&p, done));
        assert!(loaded(&p).snapshot().channels.iter().any(|c| c.id.0 == 1));
        // Its next event (the final send) is hundreds of steps away: more than the limit.
        let n = find_next(&mut p, 7);
        assert_eq!(n, made);
        assert!(
            p.notice
                .as_deref()
                .unwrap()
                .starts_with("no event on chan 1 in the next 50 steps"),
            "{:?}",
            p.notice
        );
        // Raising the limit finds it, from where the last search stopped.
        p.settings.find_steps_max = 10_000;
        let n = find_next(&mut p, 64);
        assert!(n > made + 50);
        assert!(events_involve(&p, done));
        assert!(p.notice.is_none());
        // Stepping cancels a search.
        p.update(Action::Follow(Some(Subject::Chan(runtime::ChanId(7)))));
        p.update(Action::FindNext);
        assert_eq!(p.mode, Mode::Finding);
        p.update(Action::Step);
        assert_eq!(p.mode, Mode::Paused);
        p.update(Action::FindChunk { max_steps: 10 });
        assert_eq!(loaded(&p).step(), n + 1, "no search after it was cancelled");
    }

    #[test]
    fn manual_choice_runs_the_picked_goroutine_and_forks() {
        let mut p = Playback::new(THREE);
        p.update(Action::SetPolicy(PolicyKind::Manual));
        p.update(Action::Load);
        // Step until main waits and three workers are runnable: P0 is free to pick any of them.
        step_until(&mut p, |s| {
            s.goroutines[0].status == "waiting"
                && s.goroutines
                    .iter()
                    .filter(|g| g.status == "runnable")
                    .count()
                    == 3
        });
        let runnable: Vec<GoroutineId> = loaded(&p)
            .snapshot()
            .goroutines
            .iter()
            .filter(|g| g.status == "runnable")
            .map(|g| g.id)
            .collect();
        // Go would run the last created one first (runnext); pick the first created instead.
        let first = runnable[0];
        let at = loaded(&p).step();
        p.update(Action::RunNext(first));
        assert_eq!(p.notice, None);
        let l = loaded(&p);
        assert_eq!(l.step(), at + 1);
        assert_eq!(l.last_step().unwrap().goroutine, Some(first));
        assert_eq!(l.furthest(), at + 1, "the old future is discarded");
        // The forked timeline replays exactly after seeking away and back.
        let snap = l.snapshot().clone();
        p.update(Action::Seek(0));
        p.update(Action::Seek(at + 1));
        assert_eq!(loaded(&p).snapshot(), &snap);
        p.update(Action::RunToEnd);
        while p.mode == Mode::RunningToEnd {
            p.update(Action::RunChunk { max_steps: 1000 });
        }
        let out = &loaded(&p).snapshot().stdout;
        assert!(out.starts_with("worker 1\n"), "{out}");
        // Choices are refused outside the manual policy.
        p.update(Action::SetPolicy(PolicyKind::GoLike));
        p.update(Action::Step);
        p.update(Action::RunNext(first));
        assert!(p.notice.is_some());
    }
}
