//! `Runtime`: owns every table (goroutines, Ps/Ms, channels, sync objects, timers, heap) and advances the
//! program one step at a time.
//!
//! Models runtime/proc.go's `schedule` → `findRunnable` → `execute` loop, `newproc`, `gopark`/`goready`,
//! `goexit0`, `checkdead` with faketime, and `main`'s exit; the channel, select, sync and timer operations
//! of chan.go, select.go, sema.go + sync/*, time.go are dispatched from here.
//!
//! A *step* is one runtime operation of one goroutine: the chosen P (if it has no goroutine) picks one as
//! `findRunnable` would, then the goroutine runs its instructions up to and including its next runtime
//! operation (channel op, lock, `go`, sleep ...), or until its instruction budget for the step runs out, or
//! it ends. When no P can do anything, a step advances the virtual clock to the next timer (or ends the
//! run with a deadlock), as `checkdead` does under faketime.
//!
//! Invariants (asserted by [`Runtime::check_invariants`], which tests call after every step):
//! - Every goroutine's status agrees with where it is: `Runnable` ⇔ in exactly one run queue; `Running` ⇔
//!   some P's `current`; `Syscall` ⇔ a thread is in a system call for it; `Waiting` ⇒ in no run queue, and
//!   listed by the object it waits on (channel queue, sync object waiters, or a sleep timer) unless nothing
//!   can wake it.
//! - The scheduler's, channels', sync objects' and timers' own invariants hold.
//! - `live_goroutines` counts the goroutines that are not `Dead`.

use std::rc::Rc;

use crate::chan::{
    Chan, ChanKind, ChanPanic, RecvOutcome, Released, SendOutcome, Sudog, CHAN_CAPACITY_MAX,
};
use crate::event::{Event, OutputStream, Queue, RunSource};
use crate::fast_path::FastPath;
use crate::fs::{Errno, FileSystem};
use crate::goroutine::{CreationSite, GoroutineStatus, WaitObject, WaitReason};
use crate::heap::Heap;
use crate::ids::{ChanId, GoroutineId, ProcessorId, SyncId, TimerId};
use crate::interp::{self, Effect, ExecContext, GoStack, Output, RuntimeOp, SelectCase};
use crate::policy::{ChoiceKind, Policy, PolicyConfig, Schedule};
use crate::proc::{Found, Placement, ProcessorStatus, Sched, ThreadState, PROCESSORS_MAX};
use crate::program::{Program, ProgramError, RtCode, SourceSpan, Stream};
use crate::status::{Limit, Status};
use crate::sync::mutex::{LockOutcome, UnlockOutcome};
use crate::sync::rw_mutex::{RLockOutcome, RUnlockOutcome, RwUnlockOutcome, WriterOutcome};
use crate::sync::{MutexState, NotifyList, RwMutexState, SyncObject, WaitGroupState};
use crate::time::{TimerAction, Timers};
use crate::types::builtin;
use crate::value::{FuncValue, Value};

/// Documented caps of the model (each ends the run with [`Status::LimitReached`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Steps before the run stops.
    pub steps_max: u64,
    /// Goroutines alive at once (Go has no such cap; 1,000,000 parked goroutines take about 300 MB here).
    pub goroutines_max: u64,
    /// Live heap objects (checked after each collection).
    pub heap_values_max: u64,
    /// Largest `make(chan T, n)`.
    pub chan_capacity_max: u64,
    /// stdout + stderr bytes.
    pub output_bytes_max: u64,
    /// Frames of one goroutine's stack (the interpreter's host limit).
    pub frames_max: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            steps_max: 50_000_000,
            goroutines_max: 1_000_000,
            heap_values_max: 5_000_000,
            chan_capacity_max: CHAN_CAPACITY_MAX,
            output_bytes_max: 16 << 20,
            frames_max: 100_000,
        }
    }
}

/// How a run is set up. A run is fully determined by `(Program, Config)`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Config {
    /// GOMAXPROCS (1..=64).
    pub processors: u32,
    /// How nondeterministic choices are made.
    pub policy: PolicyConfig,
    pub limits: Limits,
    /// Instructions in one time slice, standing for sysmon's 10 ms `forcePreemptNS`: a goroutine that runs
    /// this long without blocking is preempted to the global queue.
    pub time_slice: u32,
    /// Most instructions one step executes before it ends (the goroutine keeps its P and its slice).
    pub step_instructions: u32,
    /// Whether quiet runs (`run`, `run_to_end`) with one P may complete non-blocking operations inside the
    /// interpreter ([`interp::Fuse`]): the same steps, faster. Off only to test that it changes nothing.
    pub fuse_steps: bool,
    /// Virtual duration of one blocking system call (e.g. a file read), in nanoseconds.
    pub syscall_ns: i64,
    /// Go id of the first user goroutine: 5 in a plain program (main is 1; forcegc, bgsweep and bgscavenge
    /// take 2-4), 6 when the program imports os (directly or through fmt/log): os's file finalizers start
    /// the finalizer goroutine (runfinq) at init. Probed with Go 1.23.5. 0 = decide from the program: 6 if
    /// it uses fmt, log or os (each imports os), else 5.
    pub first_goroutine_id: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            processors: 1,
            policy: PolicyConfig::GoLike { seed: 0 },
            limits: Limits::default(),
            time_slice: 1_000_000,
            step_instructions: 10_000,
            fuse_steps: true,
            syscall_ns: 1_000_000,
            first_goroutine_id: 0,
        }
    }
}

/// Why a program could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The program failed validation.
    InvalidProgram(ProgramError),
    /// GOMAXPROCS out of 1..=64.
    BadProcessorCount(u32),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::InvalidProgram(e) => write!(f, "invalid program: {e:?}"),
            LoadError::BadProcessorCount(n) => write!(
                f,
                "GOMAXPROCS must be between 1 and {PROCESSORS_MAX}, got {n}"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// What one step did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Step {
    /// 1-based step number.
    pub index: u64,
    /// The P that acted (None when the clock advanced or the run ended).
    pub processor: Option<ProcessorId>,
    /// The goroutine that ran (if any).
    pub goroutine: Option<GoroutineId>,
    /// What happened, in order.
    pub events: Vec<Event>,
}

/// Fuel for [`Runtime::run`]: a number of steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fuel {
    pub steps: u64,
}

/// A goroutine (Go's G).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Goroutine {
    pub id: GoroutineId,
    pub status: GoroutineStatus,
    /// What a waiting goroutine waits on.
    pub wait_object: WaitObject,
    /// Virtual time when it last parked (for "N minutes" in tracebacks).
    pub waiting_since_ns: i64,
    pub created: CreationSite,
    /// The interpreter state; None once dead.
    pub stack: Option<GoStack>,
    /// `g.selectDone`: a case of its pending select fired.
    pub select_done: bool,
    /// Select pass 3 still to do when it next runs: leave the queues of the channels in `wait_object`.
    pub select_cleanup: bool,
    /// A woken sync.Mutex waiter retries Lock with its original wait start (`lockSlow`).
    pub mutex_retry: Option<i64>,
    /// Ownership of an RWMutex's `w` was handed to it in starvation mode.
    pub owns_rw_writer_lock: bool,
    /// The P it last ran on (exitsyscall tries to get it back).
    pub last_processor: ProcessorId,
    /// True for the main goroutine.
    pub is_main: bool,
    /// The runtime function a panic raised by the scheduler came from (shown in its traceback).
    pub raised_in: Option<crate::traceback::RaisedIn>,
}

/// The whole runtime state.
#[derive(Clone, Debug)]
pub struct Runtime {
    pub(crate) program: Rc<Program>,
    pub(crate) config: Config,
    pub(crate) heap: Heap,
    pub(crate) goroutines: Vec<Goroutine>,
    /// goid → index into `goroutines` (u32::MAX: none).
    goid_slot: Vec<u32>,
    pub(crate) sched: Sched,
    pub(crate) chans: Vec<Chan<Value>>,
    /// Element type of each channel (for rendering values).
    pub(crate) chan_elem: Vec<crate::types::TypeId>,
    pub(crate) sync_objects: Vec<SyncObject>,
    pub(crate) timers: Timers,
    /// The in-memory file system and descriptor table.
    pub(crate) fs: FileSystem,
    /// Functions of time.AfterFunc timers (`TimerAction::StartFunc` indexes this).
    pub(crate) after_funcs: Vec<FuncValue>,
    /// The context tree package context reports (front ends only; see crate::context).
    pub(crate) contexts: crate::context::Contexts,
    pub(crate) policy: Policy,
    pub(crate) status: Status,
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    pub(crate) steps: u64,
    pub(crate) live_goroutines: u64,
    recording: bool,
    /// Steps the current `step_inner` may fuse beyond its own (set by `run` and `run_to_end`).
    fuse_allowance: u64,
    events: Vec<Event>,
    output_scratch: Vec<Output>,
}

/// How a parked goroutine is resumed by the goroutine that wakes it.
enum Resume {
    /// Deliver these results to its pending op.
    Complete(Vec<Value>),
    /// Leave the op pending: it re-executes when the goroutine runs (a woken mutex waiter retries).
    Retry,
    /// Raise this Go panic in it.
    Panic(Value),
}

impl Runtime {
    /// Loads a program: validates it and sets up P0/M0 with the main goroutine (id 1) in P0's runnext.
    pub fn new(program: Program, config: Config) -> Result<Runtime, LoadError> {
        program.validate().map_err(LoadError::InvalidProgram)?;
        let processors = match &config.policy {
            PolicyConfig::Replay(s) => s.processors,
            _ => config.processors,
        };
        if !(1..=PROCESSORS_MAX).contains(&processors) {
            return Err(LoadError::BadProcessorCount(processors));
        }
        let heap = Heap::new(&program);
        let fs = FileSystem::new(
            program
                .data_files
                .iter()
                .map(|f| (f.name.clone(), f.data.clone())),
        );
        let first_goid = match config.first_goroutine_id {
            0 if imports_os(&program) => 6,
            0 => 5,
            n => n as u64,
        };
        // P0's schedtick while main.main runs, as real Go 1.23 reports it with GOMAXPROCS=1
        // (GODEBUG=schedtrace=1,scheddetail=1): runtime.main and its helper goroutines have been scheduled
        // before main.main, 4 times when os is linked in, 5 times otherwise. It decides when the every-61st
        // global-queue check first fires, e.g. which goroutine runs after a Gosched.
        let startup_schedtick = if imports_os(&program) { 4 } else { 5 };
        let mut sched = Sched::with_first_goid(processors, config.time_slice, first_goid);
        sched.p_mut(ProcessorId(0)).schedtick = startup_schedtick;
        let policy = Policy::new(&config.policy);
        let mut rt = Runtime {
            program: Rc::new(program),
            config,
            heap,
            goroutines: Vec::new(),
            goid_slot: Vec::new(),
            sched,
            chans: Vec::new(),
            chan_elem: Vec::new(),
            sync_objects: Vec::new(),
            timers: Timers::default(),
            fs,
            after_funcs: Vec::new(),
            contexts: Default::default(),
            policy,
            status: Status::Running,
            stdout: Vec::new(),
            stderr: Vec::new(),
            steps: 0,
            live_goroutines: 0,
            recording: false,
            fuse_allowance: 0,
            events: Vec::new(),
            output_scratch: Vec::new(),
        };
        let stack = GoStack::new_main(&rt.program);
        let main = GoroutineId(1);
        rt.add_goroutine(
            main,
            stack,
            CreationSite {
                creator: None,
                function: None,
                span: SourceSpan::default(),
            },
        );
        rt.goroutines[0].is_main = true;
        rt.sched.runq_put(ProcessorId(0), main, true);
        Ok(rt)
    }

    /// The run's status.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Steps taken so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The program.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Everything written to stdout so far.
    pub fn stdout(&self) -> &[u8] {
        &self.stdout
    }

    /// Everything written to stderr so far (including Go's panic/fatal reports once the run ended).
    pub fn stderr(&self) -> &[u8] {
        &self.stderr
    }

    /// The virtual clock (Unix nanoseconds).
    pub fn now_ns(&self) -> i64 {
        self.timers.now_ns
    }

    /// The schedule recorded so far: replaying it (`PolicyConfig::Replay`) reproduces this run.
    pub fn schedule(&self) -> Schedule {
        self.policy.schedule(self.sched.gomaxprocs())
    }

    /// The goroutine with this Go id.
    pub fn goroutine(&self, id: GoroutineId) -> Option<&Goroutine> {
        let slot = *self.goid_slot.get(id.index())?;
        self.goroutines.get(slot as usize)
    }

    /// All goroutines ever created, in creation order.
    pub fn goroutines(&self) -> &[Goroutine] {
        &self.goroutines
    }

    /// Host bytes a goroutine costs in the model: its record, its stack's buffers, its id slot, and the
    /// sudog(s) it has on channel queues (the figure behind "bytes per parked goroutine").
    pub fn goroutine_host_bytes(&self, id: GoroutineId) -> usize {
        let Some(g) = self.goroutine(id) else {
            return 0;
        };
        let mut n = std::mem::size_of::<Goroutine>() + std::mem::size_of::<u32>();
        n += g.stack.as_ref().map_or(0, |s| s.host_bytes());

        if let WaitObject::Select(cs) = &g.wait_object {
            n += cs.capacity() * std::mem::size_of::<ChanId>();
        }
        for c in &self.chans {
            let sudogs = c
                .recvq
                .iter()
                .chain(c.sendq.iter())
                .filter(|s| s.goroutine == id)
                .count();
            n += sudogs * std::mem::size_of::<Sudog<Value>>();
        }
        n
    }

    /// Advances one step and returns what happened. On a finished run it does nothing and returns no events.
    pub fn step(&mut self) -> Step {
        self.recording = true;
        self.events.clear();
        let (processor, goroutine) = if self.status.is_running() {
            self.step_inner()
        } else {
            (None, None)
        };
        self.recording = false;
        Step {
            index: self.steps,
            processor,
            goroutine,
            events: std::mem::take(&mut self.events),
        }
    }

    /// Makes the next step's choices of these kinds (manual policy: which P, which goroutine, which select
    /// case) come out as given, then steps.
    pub fn step_choosing(&mut self, choices: &[(ChoiceKind, u32)]) -> Step {
        self.policy.force(choices.iter().copied());
        let step = self.step();
        self.policy.clear_forced();
        step
    }

    /// Stops applying a replayed schedule's overrides from choice `seq` on (used when forking from a past
    /// step: also on the checkpoints before it, whose replays must not reach the old branch's choices).
    pub fn truncate_replay(&mut self, seq: u64) {
        self.policy.truncate_replay(seq);
    }

    /// Choices with more than one option made so far (the next choice's sequence number).
    pub fn decisions(&self) -> u64 {
        self.policy.decisions()
    }

    /// One step without recording events (replays and fast-forwarding), with optional forced choices.
    pub fn step_quietly(&mut self, choices: &[(ChoiceKind, u32)]) {
        if !self.status.is_running() {
            return;
        }
        if choices.is_empty() {
            self.step_inner();
        } else {
            self.policy.force(choices.iter().copied());
            self.step_inner();
            self.policy.clear_forced();
        }
    }

    /// Runs up to `fuel.steps` steps without recording events; returns the steps taken.
    pub fn run(&mut self, fuel: Fuel) -> u64 {
        let start = self.steps;
        while self.steps - start < fuel.steps && self.status.is_running() {
            self.fuse_allowance = fuel.steps - (self.steps - start) - 1;
            self.step_inner();
        }
        self.fuse_allowance = 0;
        self.steps - start
    }

    /// Runs to the end (or a limit).
    pub fn run_to_end(&mut self) -> &Status {
        while self.status.is_running() {
            self.fuse_allowance = u64::MAX;
            self.step_inner();
        }
        self.fuse_allowance = 0;
        &self.status
    }

    // ----- the step -----

    fn step_inner(&mut self) -> (Option<ProcessorId>, Option<GoroutineId>) {
        self.steps += 1;
        if self.steps > self.config.limits.steps_max {
            self.end(Status::LimitReached(Limit::Steps(
                self.config.limits.steps_max,
            )));
            return (None, None);
        }
        if let [p] = &self.sched.processors[..] {
            // GOMAXPROCS=1: no processor choice to make (the common case, kept cheap).
            if matches!(p.status, ProcessorStatus::Running { .. }) {
                return self.step_on(p.id);
            }
        }
        let mut enabled = [0u32; PROCESSORS_MAX as usize];
        let mut n = 0;
        for p in &self.sched.processors {
            if matches!(p.status, ProcessorStatus::Running { .. }) {
                enabled[n] = p.id.0;
                n += 1;
            }
        }
        if n == 0 {
            if self.sched.has_queued_work() {
                // Work is queued but every P is idle: start one (wakep), never a false deadlock.
                if let Some((pp, m)) = self.sched.start_thread_on_idle_processor() {
                    self.emit(|| Event::ProcessorStarted {
                        processor: pp,
                        thread: m,
                    });
                }
                return (None, None);
            }
            self.check_dead();
            return (None, None);
        }
        let pick = if n == 1 {
            0
        } else {
            self.policy.choose_processor(&enabled[..n])
        };
        self.step_on(ProcessorId(enabled[pick]))
    }

    /// The step of running processor `pp`: schedule if it has no goroutine, else run its goroutine.
    fn step_on(&mut self, pp: ProcessorId) -> (Option<ProcessorId>, Option<GoroutineId>) {
        if self.sched.p(pp).current.is_none() && !self.schedule_on(pp) {
            return (Some(pp), None);
        }
        let g = self.sched.p(pp).current;
        self.run_current(pp);
        if self.heap.should_collect() {
            self.collect_garbage();
        }
        (Some(pp), g)
    }

    /// Models `schedule` → `findRunnable` → `execute` for `pp`. False if the P found nothing and idled.
    fn schedule_on(&mut self, pp: ProcessorId) -> bool {
        self.run_timers(pp);
        let policy = &mut self.policy;
        let found = self.sched.find_runnable(pp, || policy.cheaprand());
        let Some((mut g, found)) = found else {
            self.sched.idle_processor(pp);
            self.emit(|| Event::ProcessorIdled { processor: pp });
            return false;
        };
        let (mut source, mut inherit) = match &found {
            Found::GlobalFairness => (RunSource::GlobalFairness, false),
            Found::Runnext => (RunSource::Runnext, true),
            Found::Local => (RunSource::Local, false),
            Found::Global { moved } => {
                if !moved.is_empty() {
                    let moved = moved.clone();
                    self.emit(|| Event::TookFromGlobalQueue {
                        processor: pp,
                        goroutines: moved,
                    });
                }
                (RunSource::Global, false)
            }
            Found::Stolen {
                victim,
                count,
                runnext,
            } => {
                let (victim, count, runnext) = (*victim, *count, *runnext);
                self.emit(|| Event::Stolen {
                    thief: pp,
                    victim,
                    count,
                    runnext,
                });
                (RunSource::Stolen { victim }, false)
            }
        };
        // The goroutine choice: option 0 is Go's pick; the others are the rest of this P's queues and the
        // global queue.
        let p = self.sched.p(pp);
        let others = p.runnext.is_some() as usize + p.runq.len() + self.sched.global_runq.len();
        let k = self
            .policy
            .choose(ChoiceKind::Goroutine, 1 + others as u32, 0) as usize;
        if k > 0 {
            let p = self.sched.p(pp);
            let alternatives: Vec<GoroutineId> = p
                .runnext
                .into_iter()
                .chain(p.runq.iter())
                .chain(self.sched.global_runq.iter().copied())
                .collect();
            let alt = alternatives[k - 1];
            let p = self.sched.p_mut(pp);
            if p.runnext == Some(alt) {
                p.runnext = None;
            } else if !p.runq.remove(alt) {
                self.sched.global_runq.retain(|&x| x != alt);
            }
            // Go's pick goes back where it came from (runnext, or the head of the local queue).
            let p = self.sched.p_mut(pp);
            if matches!(found, Found::Runnext) && p.runnext.is_none() {
                p.runnext = Some(g);
            } else if !p.runq.is_full() {
                p.runq.push_front(g);
            } else {
                self.sched.global_runq.push_front(g);
            }
            g = alt;
            source = RunSource::Chosen;
            inherit = false;
        }
        self.execute(pp, g, inherit, source);
        if matches!(source, RunSource::Stolen { .. }) {
            // resetspinning: a spinning M that found work wakes another P if there is more.
            self.wakep();
        }
        true
    }

    /// Models `execute`: `g` becomes the P's current goroutine; a new time slice starts unless inherited.
    pub(crate) fn execute(
        &mut self,
        pp: ProcessorId,
        g: GoroutineId,
        inherit: bool,
        source: RunSource,
    ) {
        let slice = self.config.time_slice.max(1);
        let p = self.sched.p_mut(pp);
        p.current = Some(g);
        if !inherit {
            p.schedtick = p.schedtick.wrapping_add(1);
            p.slice_left = slice;
        } else if p.slice_left == 0 {
            p.slice_left = slice;
        }
        let gr = self.g_mut(g);
        gr.status = GoroutineStatus::Running;
        gr.last_processor = pp;
        self.emit(|| Event::GoroutineScheduled {
            goroutine: g,
            processor: pp,
            from: source,
        });
    }

    /// Runs the current goroutine of `pp` up to its next runtime operation and handles the effect.
    fn run_current(&mut self, pp: ProcessorId) {
        let g = self.sched.p(pp).current.expect("current goroutine");
        let idx = self.slot(g);
        // select pass 3: leave the other channels' queues.
        if self.goroutines[idx].select_cleanup {
            let gr = &mut self.goroutines[idx];
            gr.select_cleanup = false;
            gr.select_done = false;
            if let WaitObject::Select(chans) =
                std::mem::replace(&mut gr.wait_object, WaitObject::Nothing)
            {
                for c in chans {
                    self.chans[c.index()].remove_waiter(g);
                }
            }
        }
        let raw_slice_left = self.sched.p(pp).slice_left;
        let slice_left = raw_slice_left.max(1);
        let step_instructions = self.config.step_instructions.max(1);
        let budget = slice_left.min(step_instructions);
        // Fusing steps: only where nothing could be chosen between them (one P, no events recorded), and
        // never past the step limit or the caller's fuel.
        let fuse_steps = if self.config.fuse_steps
            && self.fuse_allowance > 0
            && !self.recording
            && self.sched.processors.len() == 1
        {
            self.fuse_allowance
                .min(self.config.limits.steps_max.saturating_sub(self.steps))
        } else {
            0
        };
        let mut fast = FastPath {
            chans: &mut self.chans,
            sync_objects: &mut self.sync_objects,
            goroutine: g,
            mutex_retry: self.goroutines[idx].mutex_retry.is_some(),
        };
        let policy = &mut self.policy;
        let mut rng = || (policy.cheaprand() as u64) << 32 | policy.cheaprand() as u64;
        self.output_scratch.clear();
        let mut ctx = ExecContext {
            program: &self.program,
            heap: &mut self.heap,
            rng: &mut rng,
            output: &mut self.output_scratch,
            budget,
            limits: interp::Limits {
                max_frames: self.config.limits.frames_max,
                // Recursion this deep is runaway recursion: report it as Go's stack overflow (exit 2).
                on_max_frames: interp::FrameLimit::GoStackOverflow,
                ..interp::Limits::default()
            },
            fuse: (fuse_steps > 0).then_some(interp::Fuse {
                ops: &mut fast,
                max_steps: fuse_steps,
                steps: 0,
                slice_left: raw_slice_left,
                step_instructions,
                step_budget: budget,
            }),
        };
        let stack = self.goroutines[idx]
            .stack
            .as_mut()
            .expect("live goroutine has a stack");
        let effect = stack.run(&mut ctx);
        let (fused, slice_before, step_budget) = match &ctx.fuse {
            Some(f) => (f.steps, f.slice_left, f.step_budget),
            None => (0, raw_slice_left, budget),
        };
        let used = step_budget.saturating_sub(ctx.budget).max(1);
        self.steps += fused;
        let raised_in = self.goroutines[idx].raised_in.take();
        let p = self.sched.p_mut(pp);
        p.slice_left = slice_before.saturating_sub(used);
        self.flush_output();
        if !self.status.is_running() {
            return;
        }
        match effect {
            Effect::Yield => {
                if self.sched.p(pp).slice_left == 0 {
                    // sysmon's retake: preempted after a full time slice; gopreempt_m → global queue.
                    self.put_on_global_queue(pp, g);
                    self.emit(|| Event::Preempted { goroutine: g });
                }
            }
            Effect::Returned | Effect::Goexited => {
                let is_main = self.goroutines[idx].is_main;
                if is_main && matches!(effect, Effect::Returned) {
                    // runtime.main: exit(0) after main.main returns; other goroutines are abandoned.
                    self.end(Status::Exited { code: 0 });
                    return;
                }
                self.goexit(pp, g);
            }
            Effect::Panicked(p) => {
                let mut text = p.render();
                text.push('\n');
                let extra = raised_in.map(|r| r.frames()).unwrap_or_default();
                text.push_str(&crate::traceback::goroutine_trace_with(
                    self, g, true, &extra,
                ));
                self.write_stderr(&text);
                let message = p.render().trim_end().to_string();
                self.emit(|| Event::Panicked {
                    goroutine: g,
                    message: message.clone(),
                });
                self.end(Status::Panicked {
                    goroutine: g,
                    message,
                });
            }
            Effect::Fatal(f) => {
                let message = f.message.clone();
                let mut text = f.render();
                text.push('\n');
                text.push_str(&crate::traceback::all_goroutines(self, Some(g)));
                self.write_stderr(&text);
                self.emit(|| Event::FatalError {
                    message: message.clone(),
                });
                self.end(Status::Fatal { message });
            }
            Effect::LimitReached(l) => {
                let limit = match l {
                    interp::LimitReached::StackFrames { max_frames } => {
                        Limit::StackFrames(max_frames as u64)
                    }
                    interp::LimitReached::Allocation { requested } => Limit::HeapValues(requested),
                };
                self.end(Status::LimitReached(limit));
            }
            Effect::Runtime(op) => self.runtime_op(pp, g, op),
        }
    }

    fn flush_output(&mut self) {
        if self.output_scratch.is_empty() {
            return;
        }
        let chunks = std::mem::take(&mut self.output_scratch);
        for chunk in &chunks {
            let stream = match chunk.stream {
                Stream::Stdout => OutputStream::Stdout,
                Stream::Stderr => OutputStream::Stderr,
            };
            match stream {
                OutputStream::Stdout => self.stdout.extend_from_slice(&chunk.bytes),
                OutputStream::Stderr => self.stderr.extend_from_slice(&chunk.bytes),
            }
            self.emit(|| Event::Output {
                stream,
                text: String::from_utf8_lossy(&chunk.bytes).into_owned(),
            });
        }
        self.output_scratch = chunks;
        self.output_scratch.clear();
        let max = self.config.limits.output_bytes_max;
        if (self.stdout.len() + self.stderr.len()) as u64 > max {
            self.end(Status::LimitReached(Limit::Output(max)));
        }
    }

    fn write_stderr(&mut self, text: &str) {
        self.stderr.extend_from_slice(text.as_bytes());
        self.emit(|| Event::Output {
            stream: OutputStream::Stderr,
            text: text.to_string(),
        });
    }

    /// Ends the run.
    fn end(&mut self, status: Status) {
        if let Status::Exited { code } = status {
            self.emit(|| Event::ProgramExited { code });
        }
        self.status = status;
    }

    /// Models `goexit0`: the goroutine is dead and its P looks for other work.
    fn goexit(&mut self, pp: ProcessorId, g: GoroutineId) {
        let gr = self.g_mut(g);
        gr.status = GoroutineStatus::Dead;
        gr.stack = None;
        gr.wait_object = WaitObject::Nothing;
        self.live_goroutines -= 1;
        self.sched.p_mut(pp).current = None;
        self.emit(|| Event::Exited { goroutine: g });
    }

    /// Models `checkdead` under faketime: called when no P has a thread.
    fn check_dead(&mut self) {
        if self.live_goroutines == 0 {
            let message = "no goroutines (main called runtime.Goexit) - deadlock!".to_string();
            let text = format!("fatal error: {message}\n");
            self.write_stderr(&text);
            self.emit(|| Event::FatalError {
                message: message.clone(),
            });
            self.end(Status::Fatal { message });
            return;
        }
        if let Some(when) = self.timers.next_when() {
            let from = self.timers.now_ns;
            if when > from {
                self.timers.advance_to(when);
                self.emit(|| Event::ClockAdvanced {
                    from_ns: from,
                    to_ns: when,
                });
            }
            // A system call that ends returns on its own thread (exitsyscall), which takes a P itself.
            let first = self.timers.armed().next().map(|t| t.action.clone());
            if let Some(TimerAction::SyscallDone {
                thread,
                goroutine,
                result,
            }) = first
            {
                let (timer, _) = self.timers.pop_due().expect("due");
                self.emit(|| Event::TimerFired { timer });
                self.exit_syscall(thread, goroutine, result);
                return;
            }
            // Start an M on an idle P to run the timers (checkdead: pidleget + mget + notewakeup).
            if let Some((pp, m)) = self.sched.start_thread_on_idle_processor() {
                self.emit(|| Event::ProcessorStarted {
                    processor: pp,
                    thread: m,
                });
                self.run_timers(pp);
            }
            return;
        }
        let mut text = String::from("fatal error: all goroutines are asleep - deadlock!\n\n");
        text.push_str(&crate::traceback::all_goroutines(self, None));
        self.write_stderr(&text);
        self.emit(|| Event::FatalError {
            message: "all goroutines are asleep - deadlock!".into(),
        });
        self.end(Status::Deadlocked);
    }

    /// Runs every timer due at the current virtual time on `pp` (`checkTimers` at the top of findRunnable).
    fn run_timers(&mut self, pp: ProcessorId) {
        while let Some((timer, action)) = self.timers.pop_due() {
            self.emit(|| Event::TimerFired { timer });
            match action {
                TimerAction::Wake(g) => self.wake(pp, g, Resume::Complete(Vec::new())),
                TimerAction::SendTime(c) => {
                    let now = Value::Int(self.timers.now_ns);
                    let chan = &mut self.chans[c.index()];
                    // sendTime: a non-blocking send of the current time (the 1-slot buffer drops extra ticks).
                    if chan.qcount < chan.dataqsiz || !chan.recvq.is_empty() {
                        self.send_on(pp, None, c, now);
                    }
                }
                TimerAction::StartFunc(i) => {
                    let f = self.after_funcs[i as usize];
                    let site = CreationSite {
                        creator: None,
                        function: None,
                        span: SourceSpan::default(),
                    };
                    self.new_goroutine(pp, f, Vec::new(), site);
                }
                TimerAction::SyscallDone {
                    thread,
                    goroutine,
                    result,
                } => self.exit_syscall(thread, goroutine, result),
            }
        }
    }

    // ----- goroutines and queues -----

    fn add_goroutine(&mut self, id: GoroutineId, stack: GoStack, created: CreationSite) {
        let slot = self.goroutines.len() as u32;
        if self.goid_slot.len() <= id.index() {
            self.goid_slot.resize(id.index() + 1, u32::MAX);
        }
        self.goid_slot[id.index()] = slot;
        self.goroutines.push(Goroutine {
            id,
            status: GoroutineStatus::Runnable,
            wait_object: WaitObject::Nothing,
            waiting_since_ns: 0,
            created,
            stack: Some(stack),
            select_done: false,
            select_cleanup: false,
            mutex_retry: None,
            owns_rw_writer_lock: false,
            last_processor: ProcessorId(0),
            is_main: false,
            raised_in: None,
        });
        self.live_goroutines += 1;
    }

    pub(crate) fn slot(&self, g: GoroutineId) -> usize {
        self.goid_slot[g.index()] as usize
    }

    pub(crate) fn g(&self, g: GoroutineId) -> &Goroutine {
        &self.goroutines[self.slot(g)]
    }

    pub(crate) fn g_mut(&mut self, g: GoroutineId) -> &mut Goroutine {
        let i = self.slot(g);
        &mut self.goroutines[i]
    }

    fn stack_mut(&mut self, g: GoroutineId) -> &mut GoStack {
        self.g_mut(g).stack.as_mut().expect("live goroutine")
    }

    #[inline]
    pub(crate) fn emit(&mut self, event: impl FnOnce() -> Event) {
        if self.recording {
            self.events.push(event());
        }
    }

    /// Models `newproc`: a new goroutine in `pp`'s runnext (the old runnext kicked to the tail), then `wakep`.
    fn new_goroutine(
        &mut self,
        pp: ProcessorId,
        f: FuncValue,
        args: Vec<Value>,
        site: CreationSite,
    ) -> Option<GoroutineId> {
        if self.live_goroutines >= self.config.limits.goroutines_max {
            self.end(Status::LimitReached(Limit::Goroutines(
                self.config.limits.goroutines_max,
            )));
            return None;
        }
        let id = self.sched.new_goid(pp);
        let stack = GoStack::new(&self.program, f, args);
        let function = self.program.func(f.func).name.clone();
        let creator = site.creator;
        let span = site.span;
        self.add_goroutine(id, stack, site);
        self.emit(|| Event::GoroutineCreated {
            goroutine: id,
            creator,
            function,
            span,
        });
        self.put_runnable(pp, id, true);
        Some(id)
    }

    /// `runqput` + `wakep`, with events.
    fn put_runnable(&mut self, pp: ProcessorId, g: GoroutineId, next: bool) {
        self.g_mut(g).status = GoroutineStatus::Runnable;
        let placement = self.sched.runq_put(pp, g, next);
        match placement {
            Placement::Runnext { kicked, overflow } => {
                self.emit(|| Event::Readied {
                    goroutine: g,
                    processor: pp,
                    into: Queue::Runnext,
                    kicked,
                });
                if !overflow.is_empty() {
                    self.emit(|| Event::MovedToGlobalQueue {
                        processor: pp,
                        goroutines: overflow,
                    });
                }
            }
            Placement::Local => self.emit(|| Event::Readied {
                goroutine: g,
                processor: pp,
                into: Queue::Local,
                kicked: None,
            }),
            Placement::Global { moved } => {
                self.emit(|| Event::Readied {
                    goroutine: g,
                    processor: pp,
                    into: Queue::Global,
                    kicked: None,
                });
                self.emit(|| Event::MovedToGlobalQueue {
                    processor: pp,
                    goroutines: moved,
                });
            }
        }
        self.wakep();
    }

    /// Models `wakep`: if a P is idle and no P is looking for work, start a thread on an idle P.
    fn wakep(&mut self) {
        if self.sched.idle_processors.is_empty() {
            return;
        }
        let spinning =
            self.sched.processors.iter().any(|p| {
                p.current.is_none() && matches!(p.status, ProcessorStatus::Running { .. })
            });
        if spinning {
            return;
        }
        if let Some((pp, m)) = self.sched.start_thread_on_idle_processor() {
            self.emit(|| Event::ProcessorStarted {
                processor: pp,
                thread: m,
            });
        }
    }

    /// Models `goyield`/Gosched/preemption bookkeeping: the current goroutine leaves its P.
    fn put_on_global_queue(&mut self, pp: ProcessorId, g: GoroutineId) {
        self.sched.p_mut(pp).current = None;
        self.g_mut(g).status = GoroutineStatus::Runnable;
        self.sched.glob_runq_put(g);
    }

    /// Models `gopark`: the current goroutine of `pp` blocks.
    fn park(&mut self, pp: ProcessorId, g: GoroutineId, reason: WaitReason, object: WaitObject) {
        self.sched.p_mut(pp).current = None;
        let now = self.timers.now_ns;
        let gr = self.g_mut(g);
        gr.status = GoroutineStatus::Waiting(reason);
        gr.wait_object = object.clone();
        gr.waiting_since_ns = now;
        self.emit(|| Event::Parked {
            goroutine: g,
            reason,
            object,
        });
    }

    /// Models `goready` from `pp`: resumes `g` as given and puts it in `pp`'s runnext.
    fn wake(&mut self, pp: ProcessorId, g: GoroutineId, resume: Resume) {
        let gr = self.g_mut(g);
        if !gr.select_cleanup {
            gr.wait_object = WaitObject::Nothing;
        }
        let stack = gr.stack.as_mut().expect("parked goroutine has a stack");
        match resume {
            Resume::Complete(values) => stack.complete(&values),
            Resume::Retry => {}
            Resume::Panic(v) => stack.raise_panic(v),
        }
        self.put_runnable(pp, g, true);
    }

    /// Delivers a select's result to a woken select goroutine and schedules its pass 3.
    fn select_woken(&mut self, g: GoroutineId) {
        let gr = self.g_mut(g);
        gr.select_cleanup = matches!(gr.wait_object, WaitObject::Select(_));
    }

    pub(crate) fn complete(&mut self, g: GoroutineId, values: &[Value]) {
        self.stack_mut(g).complete(values);
    }

    fn raise(&mut self, g: GoroutineId, message: &str) {
        self.stack_mut(g).raise_panic(interp::plain_error(message));
    }

    fn raise_string(&mut self, g: GoroutineId, message: &str) {
        self.stack_mut(g)
            .raise_panic(Value::iface(builtin::STRING, Value::str(message)));
    }

    /// A fatal error raised by the runtime on behalf of goroutine `g` (`fatal`/`throw`).
    fn fatal(&mut self, g: GoroutineId, message: &str) {
        let mut text = format!("fatal error: {message}\n\n");
        let extra = crate::traceback::sync_fatal_frames(message);
        text.push_str(&crate::traceback::all_goroutines_with(
            self,
            Some(g),
            &extra,
        ));
        self.write_stderr(&text);
        self.emit(|| Event::FatalError {
            message: message.to_string(),
        });
        self.end(Status::Fatal {
            message: message.to_string(),
        });
    }

    // ----- runtime operations -----

    fn runtime_op(&mut self, pp: ProcessorId, g: GoroutineId, op: RuntimeOp) {
        match op {
            RuntimeOp::Go { func, args } => {
                let site = self.current_site(g);
                if self.new_goroutine(pp, func, args, site).is_some() {
                    self.complete(g, &[]);
                }
            }
            RuntimeOp::Select { cases, has_default } => self.select_go(pp, g, cases, has_default),
            RuntimeOp::Call { code, args, ty } => self.call_op(pp, g, code, args.as_slice(), ty),
        }
    }

    /// The function and span of `g`'s innermost frame (the `go` statement's site).
    fn current_site(&self, g: GoroutineId) -> CreationSite {
        let stack = self.g(g).stack.as_ref().expect("live");
        let top = stack.frames(&self.program).next();
        CreationSite {
            creator: Some(g),
            function: top.as_ref().map(|f| f.func),
            span: top.map(|f| f.span).unwrap_or_default(),
        }
    }

    fn call_op(
        &mut self,
        pp: ProcessorId,
        g: GoroutineId,
        code: RtCode,
        args: &[Value],
        ty: crate::types::TypeId,
    ) {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Nil);
        let now = self.timers.now_ns;
        match code {
            RtCode::MakeChan => {
                let n = arg(0).as_int();
                if n < 0 {
                    self.raise(g, ChanPanic::MakeSizeOutOfRange.message());
                    return;
                }
                if n as u64 > self.config.limits.chan_capacity_max {
                    self.end(Status::LimitReached(Limit::ChanCapacity(
                        self.config.limits.chan_capacity_max,
                    )));
                    return;
                }
                let elem = self.program.types.elem(ty).unwrap_or(builtin::INT);
                let zero = self.program.types.zero(elem);
                let c = self.make_chan(ChanKind::Plain, n as u32, zero, elem);
                self.complete(g, &[Value::Chan(c)]);
            }
            RtCode::ChanSend => match arg(0) {
                Value::Chan(c) => self.chan_send(pp, g, c, arg(1)),
                _ => self.park(pp, g, WaitReason::ChanSendNilChan, WaitObject::Nothing),
            },
            RtCode::ChanRecv | RtCode::ChanRecv2 => match arg(0) {
                Value::Chan(c) => self.chan_recv(pp, g, c),
                _ => self.park(pp, g, WaitReason::ChanReceiveNilChan, WaitObject::Nothing),
            },
            RtCode::ChanClose => match arg(0) {
                Value::Chan(c) => self.close_chan(pp, g, c),
                _ => self.raise(g, ChanPanic::CloseOfNil.message()),
            },
            RtCode::ChanLen | RtCode::ChanCap => {
                let n = match arg(0) {
                    Value::Chan(c) => {
                        let ch = &self.chans[c.index()];
                        if code == RtCode::ChanLen {
                            ch.len()
                        } else {
                            ch.cap()
                        }
                    }
                    _ => 0,
                };
                self.complete(g, &[Value::Int(n as i64)]);
            }
            RtCode::MutexLock => {
                let Some(id) =
                    self.sync_id(g, &arg(0), || SyncObject::Mutex(MutexState::default()))
                else {
                    return;
                };
                let retry = self.g_mut(g).mutex_retry.take();
                let SyncObject::Mutex(m) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                match m.lock(g, now, retry) {
                    LockOutcome::Acquired => {
                        self.emit(|| Event::SyncChanged {
                            object: id,
                            goroutine: g,
                            what: "locked".into(),
                        });
                        self.complete(g, &[]);
                    }
                    LockOutcome::Queued { .. } => {
                        self.park(pp, g, WaitReason::SyncMutexLock, WaitObject::Sync(id))
                    }
                }
            }
            RtCode::MutexUnlock => {
                let Some(id) =
                    self.sync_id(g, &arg(0), || SyncObject::Mutex(MutexState::default()))
                else {
                    return;
                };
                let SyncObject::Mutex(m) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                let outcome = m.unlock(now);
                self.after_mutex_unlock(pp, g, id, outcome, false);
            }
            RtCode::MutexTryLock => {
                let Some(id) =
                    self.sync_id(g, &arg(0), || SyncObject::Mutex(MutexState::default()))
                else {
                    return;
                };
                let SyncObject::Mutex(m) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                let ok = m.try_lock(g);
                self.complete(g, &[Value::Bool(ok)]);
            }
            RtCode::RWMutexLock => {
                let Some(id) =
                    self.sync_id(g, &arg(0), || SyncObject::RwMutex(RwMutexState::default()))
                else {
                    return;
                };
                let retry = self.g_mut(g).mutex_retry.take();
                let owns = std::mem::take(&mut self.g_mut(g).owns_rw_writer_lock);
                let SyncObject::RwMutex(rw) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                if !owns {
                    if let LockOutcome::Queued { .. } = rw.w.lock(g, now, retry) {
                        return self.park(pp, g, WaitReason::SyncMutexLock, WaitObject::Sync(id));
                    }
                }
                match rw.writer_enter(g) {
                    WriterOutcome::Acquired => {
                        self.emit(|| Event::SyncChanged {
                            object: id,
                            goroutine: g,
                            what: "locked".into(),
                        });
                        self.complete(g, &[]);
                    }
                    WriterOutcome::WaitingForReaders => {
                        self.park(pp, g, WaitReason::SyncRWMutexLock, WaitObject::Sync(id))
                    }
                }
            }
            RtCode::RWMutexUnlock => {
                let Some(id) =
                    self.sync_id(g, &arg(0), || SyncObject::RwMutex(RwMutexState::default()))
                else {
                    return;
                };
                let SyncObject::RwMutex(rw) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                match rw.unlock(now) {
                    RwUnlockOutcome::Unlocked => self.fatal(g, "sync: Unlock of unlocked RWMutex"),
                    RwUnlockOutcome::Released { readers, w } => {
                        self.emit(|| Event::SyncChanged {
                            object: id,
                            goroutine: g,
                            what: "unlocked".into(),
                        });
                        for r in readers {
                            self.wake(pp, r, Resume::Complete(Vec::new()));
                        }
                        self.after_mutex_unlock(pp, g, id, w, true);
                    }
                }
            }
            RtCode::RWMutexRLock => {
                let Some(id) =
                    self.sync_id(g, &arg(0), || SyncObject::RwMutex(RwMutexState::default()))
                else {
                    return;
                };
                let SyncObject::RwMutex(rw) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                match rw.rlock(g) {
                    RLockOutcome::Acquired => {
                        self.emit(|| Event::SyncChanged {
                            object: id,
                            goroutine: g,
                            what: "read-locked".into(),
                        });
                        self.complete(g, &[]);
                    }
                    RLockOutcome::Queued => {
                        self.park(pp, g, WaitReason::SyncRWMutexRLock, WaitObject::Sync(id))
                    }
                }
            }
            RtCode::RWMutexTryLock | RtCode::RWMutexTryRLock => {
                let Some(id) =
                    self.sync_id(g, &arg(0), || SyncObject::RwMutex(RwMutexState::default()))
                else {
                    return;
                };
                let SyncObject::RwMutex(rw) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                let (ok, what) = if code == RtCode::RWMutexTryLock {
                    (rw.try_lock(g), "locked")
                } else {
                    (rw.try_rlock(g), "read-locked")
                };
                if ok {
                    self.emit(|| Event::SyncChanged {
                        object: id,
                        goroutine: g,
                        what: what.into(),
                    });
                }
                self.complete(g, &[Value::Bool(ok)]);
            }
            RtCode::RWMutexRUnlock => {
                let Some(id) =
                    self.sync_id(g, &arg(0), || SyncObject::RwMutex(RwMutexState::default()))
                else {
                    return;
                };
                let SyncObject::RwMutex(rw) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                match rw.runlock(g) {
                    RUnlockOutcome::Unlocked => self.fatal(g, "sync: RUnlock of unlocked RWMutex"),
                    RUnlockOutcome::Released => self.complete(g, &[]),
                    RUnlockOutcome::WriterAdmitted(w) => {
                        self.complete(g, &[]);
                        self.wake(pp, w, Resume::Complete(Vec::new()));
                    }
                }
            }
            RtCode::WaitGroupAdd | RtCode::WaitGroupDone => {
                let Some(id) = self.sync_id(g, &arg(0), || {
                    SyncObject::WaitGroup(WaitGroupState::default())
                }) else {
                    return;
                };
                let delta = if code == RtCode::WaitGroupDone {
                    -1
                } else {
                    arg(1).as_int()
                };
                let SyncObject::WaitGroup(wg) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                match wg.add(delta) {
                    Err(p) => {
                        self.raise_string(g, p.message());
                        let done = code == RtCode::WaitGroupDone;
                        self.g_mut(g).raised_in =
                            Some(crate::traceback::RaisedIn::WaitGroupAdd { done });
                    }
                    Ok(waiters) => {
                        let counter = wg.counter;
                        self.emit(|| Event::SyncChanged {
                            object: id,
                            goroutine: g,
                            what: format!("counter {counter}"),
                        });
                        self.complete(g, &[]);
                        for w in waiters {
                            self.wake(pp, w, Resume::Complete(Vec::new()));
                        }
                    }
                }
            }
            RtCode::WaitGroupWait => {
                let Some(id) = self.sync_id(g, &arg(0), || {
                    SyncObject::WaitGroup(WaitGroupState::default())
                }) else {
                    return;
                };
                let SyncObject::WaitGroup(wg) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                if wg.wait(g) {
                    self.park(pp, g, WaitReason::Semacquire, WaitObject::Sync(id));
                } else {
                    self.complete(g, &[]);
                }
            }
            RtCode::CondWait => {
                let Some(id) = self.sync_id(g, &arg(0), || SyncObject::Cond(NotifyList::default()))
                else {
                    return;
                };
                let SyncObject::Cond(l) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                let ticket = l.add();
                if l.wait(g, ticket) {
                    self.park(pp, g, WaitReason::SyncCondWait, WaitObject::Sync(id));
                } else {
                    self.complete(g, &[]);
                }
            }
            RtCode::CondAdd | RtCode::CondWaitTicket => {
                let Some(id) = self.sync_id(g, &arg(0), || SyncObject::Cond(NotifyList::default()))
                else {
                    return;
                };
                let SyncObject::Cond(l) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                if code == RtCode::CondAdd {
                    let ticket = l.add();
                    self.complete(g, &[Value::Int(i64::from(ticket))]);
                } else if l.wait(g, arg(1).as_int() as u32) {
                    self.park(pp, g, WaitReason::SyncCondWait, WaitObject::Sync(id));
                } else {
                    self.complete(g, &[]);
                }
            }
            RtCode::CondSignal | RtCode::CondBroadcast => {
                let Some(id) = self.sync_id(g, &arg(0), || SyncObject::Cond(NotifyList::default()))
                else {
                    return;
                };
                let SyncObject::Cond(l) = &mut self.sync_objects[id.index()] else {
                    return self.kind_mismatch(g);
                };
                let woken = if code == RtCode::CondSignal {
                    l.notify_one().into_iter().collect()
                } else {
                    l.notify_all()
                };
                self.complete(g, &[]);
                for w in woken {
                    self.wake(pp, w, Resume::Complete(Vec::new()));
                }
            }
            RtCode::Sleep => {
                let d = arg(0).as_int();
                if d <= 0 {
                    self.complete(g, &[]);
                    return;
                }
                let when = now.saturating_add(d);
                let t = self.timers.add(TimerAction::Wake(g), when, 0);
                self.emit(|| Event::TimerSet {
                    timer: t,
                    when_ns: when,
                });
                self.park(pp, g, WaitReason::Sleep, WaitObject::Timer(t));
            }
            RtCode::Now => self.complete(g, &[Value::Int(now)]),
            RtCode::After | RtCode::NewTimer | RtCode::Tick | RtCode::NewTicker => {
                let d = arg(0).as_int();
                let periodic = matches!(code, RtCode::Tick | RtCode::NewTicker);
                if periodic && d <= 0 {
                    if code == RtCode::Tick {
                        // time.Tick returns nil for d <= 0.
                        self.complete(g, &[Value::Nil]);
                    } else {
                        self.raise_string(g, "non-positive interval for NewTicker");
                        self.g_mut(g).raised_in = Some(crate::traceback::RaisedIn::NewTicker);
                    }
                    return;
                }
                let (t, c) =
                    self.make_timer_chan(now.saturating_add(d), if periodic { d } else { 0 });
                match code {
                    RtCode::After | RtCode::Tick => self.complete(g, &[Value::Chan(c)]),
                    _ => self.complete(g, &[Value::Timer(t), Value::Chan(c)]),
                }
            }
            RtCode::TimerStop => {
                let was = match arg(0) {
                    Value::Timer(t) => {
                        let was = self.timers.stop(t);
                        let was = self.drain_timer_chan(t) || was;
                        self.emit(|| Event::TimerStopped { timer: t });
                        was
                    }
                    _ => false,
                };
                self.complete(g, &[Value::Bool(was)]);
            }
            RtCode::TimerReset => {
                let d = arg(1).as_int();
                let was = match arg(0) {
                    Value::Timer(t) => {
                        let periodic = self.timers.get(t).period_ns > 0;
                        if periodic && d <= 0 {
                            self.raise_string(g, "non-positive interval for Ticker.Reset");
                            return;
                        }
                        let when = now.saturating_add(d);
                        let was = self.timers.reset(t, when, if periodic { d } else { 0 });
                        let was = self.drain_timer_chan(t) || was;
                        self.emit(|| Event::TimerSet {
                            timer: t,
                            when_ns: when,
                        });
                        was
                    }
                    _ => false,
                };
                self.complete(g, &[Value::Bool(was)]);
            }
            RtCode::AfterFunc => {
                let Value::Func(f) = arg(1) else {
                    self.raise(g, "invalid memory address or nil pointer dereference");
                    return;
                };
                let i = self.after_funcs.len() as u32;
                self.after_funcs.push(f);
                let when = now.saturating_add(arg(0).as_int());
                let t = self.timers.add(TimerAction::StartFunc(i), when, 0);
                self.emit(|| Event::TimerSet {
                    timer: t,
                    when_ns: when,
                });
                self.complete(g, &[Value::Timer(t)]);
            }
            RtCode::Gosched => {
                self.complete(g, &[]);
                self.put_on_global_queue(pp, g);
                self.emit(|| Event::Yielded { goroutine: g });
            }
            RtCode::NumGoroutine => {
                let n = self.live_goroutines as i64;
                self.complete(g, &[Value::Int(n)]);
            }
            RtCode::GoMaxProcs => {
                let previous = self.sched.gomaxprocs() as i64;
                self.complete(g, &[Value::Int(previous)]);
                let n = arg(0).as_int();
                if n > 0 && n != previous {
                    self.proc_resize(n.min(PROCESSORS_MAX as i64) as u32);
                }
            }
            RtCode::NumCpu => {
                let n = self.sched.gomaxprocs() as i64;
                self.complete(g, &[Value::Int(n)]);
            }
            RtCode::SyscallRead => self.sys_read(pp, g, arg(0).as_int(), &arg(1)),
            RtCode::SyscallWrite => self.sys_write(pp, g, arg(0).as_int(), &arg(1)),
            RtCode::SyscallOpen => {
                let path = String::from_utf8_lossy(arg(0).as_str()).into_owned();
                let result = self.fs.open(&path, arg(1).as_int());
                let (fd, errno) = match result {
                    Ok(fd) => (fd, 0),
                    Err(e) => (-1, e.code()),
                };
                self.complete(g, &[Value::Int(fd), Value::Int(errno)]);
            }
            RtCode::SyscallClose => {
                let errno = self.fs.close(arg(0).as_int()).err().map_or(0, Errno::code);
                self.complete(g, &[Value::Int(errno)]);
            }
            RtCode::SyscallUnlink => {
                let path = String::from_utf8_lossy(arg(0).as_str()).into_owned();
                let errno = self.fs.remove(&path).err().map_or(0, Errno::code);
                self.complete(g, &[Value::Int(errno)]);
            }
            RtCode::SyscallStat => {
                let path = String::from_utf8_lossy(arg(0).as_str()).into_owned();
                let (size, dir, errno) = match self.fs.stat(&path) {
                    Ok((size, dir)) => (size as i64, dir, 0),
                    Err(e) => (0, false, e.code()),
                };
                self.complete(g, &[Value::Int(size), Value::Bool(dir), Value::Int(errno)]);
            }
            RtCode::Exit => {
                let code = arg(0).as_int() as i32;
                self.end(Status::Exited { code });
            }
            RtCode::ContextTrack | RtCode::ContextDone | RtCode::ContextCancel => {
                match self.context_op(g, code, args) {
                    Ok(results) => self.complete(g, &results),
                    Err(message) => self.fatal(g, &message),
                }
            }
        }
    }

    fn kind_mismatch(&mut self, g: GoroutineId) {
        self.fatal(g, "sync: object used as two different sync types");
    }

    /// The sync object stored behind `ptr`, created on first use (zero values work, as in Go).
    fn sync_id(
        &mut self,
        g: GoroutineId,
        ptr: &Value,
        make: impl FnOnce() -> SyncObject,
    ) -> Option<SyncId> {
        let Value::Ptr(p) = ptr else {
            self.stack_mut(g).raise_panic(nil_deref_error());
            return None;
        };
        match self.heap.slot(*p) {
            Some(Value::Sync(id)) => Some(*id),
            Some(_) => {
                let id = SyncId(self.sync_objects.len() as u32);
                self.sync_objects.push(make());
                self.heap.set_slot(*p, Value::Sync(id));
                Some(id)
            }
            None => {
                self.stack_mut(g).raise_panic(nil_deref_error());
                None
            }
        }
    }

    fn after_mutex_unlock(
        &mut self,
        pp: ProcessorId,
        g: GoroutineId,
        id: SyncId,
        outcome: UnlockOutcome,
        rw: bool,
    ) {
        match outcome {
            UnlockOutcome::Unlocked => self.fatal(g, "sync: unlock of unlocked mutex"),
            UnlockOutcome::Released => {
                if !rw {
                    self.emit(|| Event::SyncChanged {
                        object: id,
                        goroutine: g,
                        what: "unlocked".into(),
                    });
                }
                self.complete_if_running(g);
            }
            UnlockOutcome::Woke(w) => {
                if !rw {
                    self.emit(|| Event::SyncChanged {
                        object: id,
                        goroutine: g,
                        what: "unlocked".into(),
                    });
                }
                self.complete_if_running(g);
                self.g_mut(w.goroutine).mutex_retry = Some(w.wait_start_ns);
                self.wake(pp, w.goroutine, Resume::Retry);
            }
            UnlockOutcome::HandedOff(w) => {
                self.emit(|| Event::SyncChanged {
                    object: id,
                    goroutine: w,
                    what: "handed off".into(),
                });
                self.complete_if_running(g);
                if rw {
                    self.g_mut(w).owns_rw_writer_lock = true;
                    self.wake(pp, w, Resume::Retry);
                } else {
                    self.wake(pp, w, Resume::Complete(Vec::new()));
                }
                // semrelease1(handoff=true) → goyield: the unlocker goes to the local queue's tail.
                if self.sched.p(pp).current == Some(g) {
                    self.sched.p_mut(pp).current = None;
                    self.put_runnable(pp, g, false);
                }
            }
        }
    }

    fn complete_if_running(&mut self, g: GoroutineId) {
        if self.status.is_running() {
            self.complete(g, &[]);
        }
    }

    // ----- channels -----

    fn make_chan(
        &mut self,
        kind: ChanKind,
        cap: u32,
        zero: Value,
        elem: crate::types::TypeId,
    ) -> ChanId {
        let c = ChanId(self.chans.len() as u32);
        self.chans.push(Chan::new(c, kind, cap, zero));
        self.chan_elem.push(elem);
        if kind == ChanKind::Plain {
            let elem_type = self.program.types.name(elem).to_string();
            self.emit(|| Event::ChannelMade {
                chan: c,
                capacity: cap,
                elem_type,
            });
        }
        c
    }

    fn make_timer_chan(&mut self, when: i64, period: i64) -> (TimerId, ChanId) {
        let t = TimerId(self.timers.timers.len() as u32);
        let c = self.make_chan(ChanKind::Timer(t), 1, Value::Int(0), builtin::INT64);
        let t2 = self.timers.add(TimerAction::SendTime(c), when, period);
        debug_assert_eq!(t, t2);
        self.emit(|| Event::TimerSet {
            timer: t,
            when_ns: when,
        });
        (t, c)
    }

    /// Go 1.23 timer channels are synchronous: Stop and Reset discard a value not yet received.
    /// Returns true if an unreceived value was discarded (then Stop/Reset report that they stopped the
    /// timer, as Go 1.23's lazily-sent timer channels do).
    fn drain_timer_chan(&mut self, t: TimerId) -> bool {
        let mut drained = false;
        if let TimerAction::SendTime(c) = self.timers.get(t).action {
            let ch = &mut self.chans[c.index()];
            while ch.qcount > 0 {
                ch.chan_recv(&mut |_| true);
                drained = true;
            }
        }
        drained
    }

    /// Splits borrows for `claim`: a select sudog counts only if its select has not fired; using it marks
    /// the select as done (`selectDone` CAS in `waitq.dequeue`).
    fn with_claim<R>(
        &mut self,
        c: ChanId,
        f: impl FnOnce(&mut Chan<Value>, &mut dyn FnMut(&Sudog<Value>) -> bool) -> R,
    ) -> R {
        let goroutines = &mut self.goroutines;
        let goid_slot = &self.goid_slot;
        let mut claim = |s: &Sudog<Value>| {
            let gr = &mut goroutines[goid_slot[s.goroutine.index()] as usize];
            if gr.select_done {
                false
            } else {
                gr.select_done = true;
                true
            }
        };
        f(&mut self.chans[c.index()], &mut claim)
    }

    /// Models `chansend` on a non-nil channel by `g` (None: the timer's sendTime, never blocking).
    fn send_on(
        &mut self,
        pp: ProcessorId,
        sender: Option<GoroutineId>,
        c: ChanId,
        value: Value,
    ) -> Option<Value> {
        let outcome = self.with_claim(c, |ch, claim| ch.chan_send(value, claim));
        let from = sender.unwrap_or(GoroutineId(0));
        match outcome {
            SendOutcome::Closed => {
                if let Some(g) = sender {
                    self.raise(g, ChanPanic::SendOnClosed.message());
                }
                None
            }
            SendOutcome::HandedOff { receiver, value } => {
                let text = self.describe_if_recording(c, &value);
                self.emit(|| Event::ValueHandedOff {
                    chan: c,
                    sender: from,
                    receiver: receiver.goroutine,
                    value: text,
                });
                let results = match receiver.select_case {
                    Some(k) => {
                        self.select_woken(receiver.goroutine);
                        vec![Value::Int(k as i64), value, Value::Bool(true)]
                    }
                    None => vec![value, Value::Bool(true)],
                };
                if let Some(g) = sender {
                    self.complete(g, &[]);
                }
                self.wake(pp, receiver.goroutine, Resume::Complete(results));
                None
            }
            SendOutcome::Buffered { slot } => {
                if self.recording {
                    let text = self.describe_if_recording(
                        c,
                        self.chans[c.index()].buf[slot as usize]
                            .as_ref()
                            .unwrap_or(&Value::Nil),
                    );
                    self.emit(|| Event::ValueBuffered {
                        chan: c,
                        sender: from,
                        slot,
                        value: text,
                    });
                }
                if let Some(g) = sender {
                    self.complete(g, &[]);
                }
                None
            }
            SendOutcome::WouldBlock(v) => Some(v),
        }
    }

    fn chan_send(&mut self, pp: ProcessorId, g: GoroutineId, c: ChanId, value: Value) {
        if let Some(v) = self.send_on(pp, Some(g), c, value) {
            self.chans[c.index()].enqueue_sender(g, None, v);
            self.park(pp, g, WaitReason::ChanSend, WaitObject::Chan(c));
        }
    }

    /// Models `chanrecv` on a non-nil channel; returns `(value, ok)` or None if it would block.
    fn recv_from(&mut self, pp: ProcessorId, g: GoroutineId, c: ChanId) -> Option<(Value, bool)> {
        let outcome = self.with_claim(c, |ch, claim| ch.chan_recv(claim));
        let (value, ok, sender, slot) = match outcome {
            RecvOutcome::FromSender { value, sender } => (value, true, Some(sender), None),
            RecvOutcome::FromBufferRefilled {
                value,
                slot,
                sender,
            } => (value, true, Some(sender), Some(slot)),
            RecvOutcome::FromBuffer { value, slot } => (value, true, None, Some(slot)),
            RecvOutcome::Closed { zero } => {
                self.emit(|| Event::ReceivedZeroFromClosed {
                    chan: c,
                    receiver: g,
                });
                return Some((zero, false));
            }
            RecvOutcome::WouldBlock => return None,
        };
        if self.recording {
            let text = self.describe_if_recording(c, &value);
            match slot {
                Some(slot) => {
                    let refilled_by = sender.as_ref().map(|s| s.goroutine);
                    self.emit(|| Event::ValueReceived {
                        chan: c,
                        receiver: g,
                        slot,
                        value: text,
                        refilled_by,
                    })
                }
                None => {
                    let from = sender
                        .as_ref()
                        .map(|s| s.goroutine)
                        .unwrap_or(GoroutineId(0));
                    self.emit(|| Event::ValueHandedOff {
                        chan: c,
                        sender: from,
                        receiver: g,
                        value: text,
                    })
                }
            }
        }
        if let Some(s) = sender {
            let results = match s.select_case {
                Some(k) => {
                    self.select_woken(s.goroutine);
                    vec![Value::Int(k as i64), Value::Nil, Value::Bool(true)]
                }
                None => Vec::new(),
            };
            self.wake(pp, s.goroutine, Resume::Complete(results));
        }
        Some((value, ok))
    }

    fn chan_recv(&mut self, pp: ProcessorId, g: GoroutineId, c: ChanId) {
        match self.recv_from(pp, g, c) {
            Some((v, ok)) => self.complete(g, &[v, Value::Bool(ok)]),
            None => {
                self.chans[c.index()].enqueue_receiver(g, None);
                self.park(pp, g, WaitReason::ChanReceive, WaitObject::Chan(c));
            }
        }
    }

    /// Models `closechan`.
    fn close_chan(&mut self, pp: ProcessorId, g: GoroutineId, c: ChanId) {
        match self.with_claim(c, |ch, claim| ch.close_chan(claim)) {
            Err(p) => self.raise(g, p.message()),
            Ok(released) => {
                self.emit(|| Event::ChannelClosed {
                    chan: c,
                    goroutine: g,
                });
                self.complete(g, &[]);
                let zero = self.chans[c.index()].zero.clone();
                for (s, role) in released {
                    let resume = match (role, s.select_case) {
                        (Released::Receiver, None) => {
                            Resume::Complete(vec![zero.clone(), Value::Bool(false)])
                        }
                        (Released::Receiver, Some(k)) => {
                            self.select_woken(s.goroutine);
                            Resume::Complete(vec![
                                Value::Int(k as i64),
                                zero.clone(),
                                Value::Bool(false),
                            ])
                        }
                        (Released::Sender, k) => {
                            if k.is_some() {
                                self.select_woken(s.goroutine);
                            }
                            Resume::Panic(interp::plain_error(ChanPanic::SendOnClosed.message()))
                        }
                    };
                    self.wake(pp, s.goroutine, resume);
                }
            }
        }
    }

    /// Models `selectgo`.
    fn select_go(
        &mut self,
        pp: ProcessorId,
        g: GoroutineId,
        cases: Vec<SelectCase>,
        has_default: bool,
    ) {
        let chans: Vec<Option<ChanId>> = cases
            .iter()
            .map(|c| match c {
                SelectCase::Send {
                    chan: Value::Chan(c),
                    ..
                }
                | SelectCase::Recv {
                    chan: Value::Chan(c),
                } => Some(*c),
                _ => None,
            })
            .collect();
        if chans.iter().all(Option::is_none) && !has_default {
            // `select {}` (block()) or only nil channels (parks in selectgo with nothing enqueued).
            let reason = if cases.is_empty() {
                WaitReason::SelectNoCases
            } else {
                WaitReason::Select
            };
            self.park(pp, g, reason, WaitObject::Nothing);
            return;
        }
        let order = crate::select::poll_order(&chans, &mut self.policy);
        // Pass 1: which cases could proceed now.
        let ready: Vec<u32> = (0..cases.len() as u32)
            .filter(|&i| self.case_ready(&cases[i as usize], chans[i as usize]))
            .collect();
        if !ready.is_empty() {
            let first = order
                .iter()
                .find(|i| ready.contains(i))
                .copied()
                .unwrap_or(ready[0]);
            let default = ready.iter().position(|&i| i == first).unwrap_or(0) as u32;
            let k = self
                .policy
                .choose(ChoiceKind::SelectCase, ready.len() as u32, default)
                as usize;
            let i = ready[k];
            let c = chans[i as usize].expect("ready case has a channel");
            self.emit(|| Event::SelectChose {
                goroutine: g,
                case: Some(i),
            });
            match &cases[i as usize] {
                SelectCase::Send { value, .. } => {
                    if let Some(_v) = self.send_on(pp, None, c, value.clone()) {
                        unreachable!("a ready send case cannot block");
                    }
                    if self.chans[c.index()].closed && self.status.is_running() {
                        // send on a closed channel panics (selectgo's sclose).
                        self.raise(g, ChanPanic::SendOnClosed.message());
                    } else {
                        self.complete(g, &[Value::Int(i as i64), Value::Nil, Value::Bool(false)]);
                    }
                }
                SelectCase::Recv { .. } => {
                    let (v, ok) = self
                        .recv_from(pp, g, c)
                        .expect("a ready receive case cannot block");
                    self.complete(g, &[Value::Int(i as i64), v, Value::Bool(ok)]);
                }
            }
            return;
        }
        if has_default {
            self.emit(|| Event::SelectChose {
                goroutine: g,
                case: None,
            });
            self.complete(g, &[Value::Int(-1), Value::Nil, Value::Bool(false)]);
            return;
        }
        // Pass 2: enqueue on every channel in lock order, then park.
        self.g_mut(g).select_done = false;
        for i in crate::select::lock_order(&chans) {
            let c = chans[i as usize].expect("non-nil");
            match &cases[i as usize] {
                SelectCase::Send { value, .. } => {
                    self.chans[c.index()].enqueue_sender(g, Some(i), value.clone())
                }
                SelectCase::Recv { .. } => self.chans[c.index()].enqueue_receiver(g, Some(i)),
            }
        }
        let mut waited: Vec<ChanId> = chans.iter().flatten().copied().collect();
        waited.dedup();
        self.park(pp, g, WaitReason::Select, WaitObject::Select(waited));
    }

    /// Whether a select case can proceed now (pass 1's checks, without side effects).
    fn case_ready(&self, case: &SelectCase, c: Option<ChanId>) -> bool {
        let Some(c) = c else { return false };
        let ch = &self.chans[c.index()];
        let live = |s: &Sudog<Value>| s.select_case.is_none() || !self.g(s.goroutine).select_done;
        match case {
            SelectCase::Recv { .. } => ch.sendq.iter().any(live) || ch.qcount > 0 || ch.closed,
            SelectCase::Send { .. } => {
                ch.closed || ch.recvq.iter().any(live) || ch.qcount < ch.dataqsiz
            }
        }
    }

    /// Models `procresize` (runtime.GOMAXPROCS(n), after stopping the world): new Ps start idle; the
    /// queues of removed Ps, and goroutines running on them, move to the global queue.
    fn proc_resize(&mut self, n: u32) {
        let old = self.sched.gomaxprocs();
        if n > old {
            for i in old..n {
                self.sched.processors.push(crate::proc::Processor {
                    id: ProcessorId(i),
                    status: ProcessorStatus::Idle,
                    current: None,
                    runnext: None,
                    runq: Default::default(),
                    schedtick: 0,
                    slice_left: 0,
                    goid_cache: 0,
                    goid_cache_end: 0,
                });
                self.sched.idle_processors.push(ProcessorId(i));
            }
            return;
        }
        for i in n..old {
            let pp = ProcessorId(i);
            let mut moved: Vec<GoroutineId> = Vec::new();
            let p = self.sched.p_mut(pp);
            moved.extend(p.current.take());
            moved.extend(p.runnext.take());
            while let Some(g) = p.runq.pop_front() {
                moved.push(g);
            }
            if let ProcessorStatus::Running { thread } = p.status {
                self.sched.threads[thread.index()].state = ThreadState::Idle;
                self.sched.idle_threads.push(thread);
            }
            self.sched.idle_processors.retain(|&x| x != pp);
            for g in moved {
                self.g_mut(g).status = GoroutineStatus::Runnable;
                self.sched.glob_runq_put(g);
            }
        }
        self.sched.processors.truncate(n as usize);
        self.sched.idle_processors.retain(|p| p.0 < n);
        // P0 must keep running if it was the caller's.
        if self
            .sched
            .processors
            .iter()
            .all(|p| p.status == ProcessorStatus::Idle)
        {
            self.wakep();
        }
    }

    // ----- memory -----

    fn collect_garbage(&mut self) {
        let closures: Vec<Value> = self
            .goroutines
            .iter()
            .filter_map(|g| g.stack.as_ref())
            .flat_map(|s| s.frame_closures())
            .collect();
        let mut roots: Vec<&Value> = closures.iter().collect();
        for g in &self.goroutines {
            if let Some(s) = &g.stack {
                s.for_each_value(|v| roots.push(v));
            }
        }
        for c in &self.chans {
            roots.extend(c.buf.iter().flatten());
            roots.extend(c.sendq.iter().filter_map(|s| s.elem.as_ref()));
            roots.push(&c.zero);
        }
        let funcs: Vec<Value> = self.after_funcs.iter().map(|f| Value::Func(*f)).collect();
        roots.extend(funcs.iter());
        let mut heap = std::mem::replace(&mut self.heap, Heap::new(&Program::default()));
        heap.collect(roots);
        self.heap = heap;
        let live = self.heap.live_objects() as u64;
        if live > self.config.limits.heap_values_max {
            self.end(Status::LimitReached(Limit::HeapValues(
                self.config.limits.heap_values_max,
            )));
        }
    }

    fn describe_if_recording(&self, c: ChanId, v: &Value) -> String {
        if self.recording {
            crate::snapshot::describe(v, self.chan_elem[c.index()], &self.program, &self.heap)
        } else {
            String::new()
        }
    }

    // ----- invariants -----

    /// Asserts every invariant of the runtime and its parts (module headers of runtime.rs, proc.rs,
    /// chan.rs, sync/*, time.rs). Tests call this after every step.
    pub fn check_invariants(&self) {
        self.sched.check_invariants();
        self.timers.check_invariants();
        let live = |s: &Sudog<Value>| s.select_case.is_none() || !self.g(s.goroutine).select_done;
        for c in &self.chans {
            c.check_invariants(&live);
        }
        for o in &self.sync_objects {
            o.check_invariants();
        }
        self.contexts.check_invariants();
        let queued: std::collections::BTreeSet<GoroutineId> = self.sched.queued().collect();
        let running: std::collections::BTreeSet<GoroutineId> = self
            .sched
            .processors
            .iter()
            .filter_map(|p| p.current)
            .collect();
        let in_syscall: std::collections::BTreeSet<GoroutineId> = self
            .sched
            .threads
            .iter()
            .filter_map(|m| match m.state {
                ThreadState::InSyscall { goroutine } => Some(goroutine),
                _ => None,
            })
            .collect();
        let mut live_count = 0;
        for g in &self.goroutines {
            let id = g.id;
            match g.status {
                GoroutineStatus::Runnable => assert!(
                    queued.contains(&id) && !running.contains(&id),
                    "{id} runnable but not queued"
                ),
                GoroutineStatus::Running => assert!(
                    running.contains(&id) && !queued.contains(&id),
                    "{id} running but not current"
                ),
                GoroutineStatus::Syscall => {
                    assert!(in_syscall.contains(&id), "{id} in syscall without thread")
                }
                GoroutineStatus::Waiting(_) => {
                    assert!(
                        !queued.contains(&id) && !running.contains(&id),
                        "{id} waiting but queued/running"
                    );
                    self.assert_listed_as_waiter(g);
                }
                GoroutineStatus::Dead => {
                    assert!(
                        !queued.contains(&id) && !running.contains(&id) && g.stack.is_none(),
                        "{id} dead but alive somewhere"
                    )
                }
            }
            if g.status != GoroutineStatus::Dead {
                live_count += 1;
            }
        }
        assert_eq!(live_count, self.live_goroutines, "live goroutine count");
    }

    fn assert_listed_as_waiter(&self, g: &Goroutine) {
        let id = g.id;
        let in_chan = |c: &ChanId| {
            let ch = &self.chans[c.index()];
            ch.recvq
                .iter()
                .chain(ch.sendq.iter())
                .any(|s| s.goroutine == id)
        };
        match &g.wait_object {
            WaitObject::Nothing => {}
            WaitObject::Chan(c) => {
                assert!(in_chan(c), "{id} waits on {c} but is not in its queues")
            }
            WaitObject::Select(cs) => {
                assert!(cs.iter().any(in_chan), "{id} selects but is in no queue")
            }
            WaitObject::Timer(t) => {
                assert!(self.timers.get(*t).armed, "{id} sleeps on a disarmed timer")
            }
            WaitObject::Sync(s) => {
                let listed = match &self.sync_objects[s.index()] {
                    SyncObject::Mutex(m) => m.waiters.iter().any(|w| w.goroutine == id),
                    SyncObject::RwMutex(rw) => {
                        rw.w.waiters.iter().any(|w| w.goroutine == id)
                            || rw.reader_waiters.contains(&id)
                            || rw.writer == Some(crate::sync::rw_mutex::Writer::Pending(id))
                    }
                    SyncObject::WaitGroup(wg) => wg.waiters.contains(&id),
                    SyncObject::Once(o) => o.m.waiters.iter().any(|w| w.goroutine == id),
                    SyncObject::Cond(l) => l.waiters.iter().any(|w| w.goroutine == id),
                };
                assert!(listed, "{id} waits on {s} but is not listed");
            }
        }
    }
}

/// The runtime error of a nil pointer dereference.
fn nil_deref_error() -> Value {
    Value::iface(
        builtin::RUNTIME_ERROR_STRING,
        Value::str("invalid memory address or nil pointer dereference"),
    )
}

/// Whether the program imports package os (directly or through fmt or log), judged from what it uses.
fn imports_os(program: &Program) -> bool {
    let from_os = |name: &str| {
        ["os.", "fmt.", "log.", "bufio."]
            .iter()
            .any(|p| name.starts_with(p))
    };
    program.natives.iter().any(|n| from_os(n))
        || program.funcs.iter().any(|f| {
            from_os(&f.name)
                || f.code
                    .iter()
                    .any(|i| matches!(i, crate::program::Instr::Fmt { .. }))
        })
}
