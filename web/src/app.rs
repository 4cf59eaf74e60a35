//! The root component: owns the [`Playback`] state, turns clicks, keys and timers into [`Action`]s, and
//! renders the views (crate::view) from the playback's snapshot and events.
//!
//! Timers exist only while needed: a gloo `Interval` while playing, and a zero-delay `Timeout` per chunk
//! while running to the end (chunk sizes adapt so that one chunk takes about 12 ms, so the tab never
//! freezes). Keyboard shortcuts are handled by one document-level listener.

use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::examples::EXAMPLES;
use crate::flip;
use crate::playback::{Action, Mode, Playback};

/// Steps are animated when playing at most this many steps per second (and when stepping by hand).
const ANIMATE_SPEED_MAX: u32 = 8;

/// Target wall time of one run-to-end chunk, in milliseconds.
const CHUNK_MS: f64 = 12.0;

/// Messages of the root component.
pub enum Msg {
    /// A playback action.
    Do(Action),
    /// The run-to-end timer fired.
    Chunk,
    /// Shows or hides the shortcuts dialog (None: toggle).
    Help(Option<bool>),
    /// A key pressed outside text fields.
    Key(String),
    /// The goroutine table was scrolled to this many pixels from its top.
    GoroutinesScrolled(i32),
}

pub struct App {
    playback: Playback,
    play_timer: Option<(Interval, (u32, u64))>,
    /// When the play timer last fired (ms since the epoch), while playing.
    last_tick: Option<f64>,
    chunk_timer: Option<Timeout>,
    chunk_steps: u64,
    help: bool,
    /// The first goroutine-table row in the rendered window (the table is virtualised).
    goroutines_first: usize,
    /// Where the goroutine chips were before the action being rendered, and at which step (see flip).
    flip_from: Option<(flip::Positions, u64)>,
    _keys: Option<Closure<dyn FnMut(web_sys::KeyboardEvent)>>,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(_ctx: &Context<Self>) -> Self {
        let mut playback = Playback::new(EXAMPLES[0].source);
        playback.update(Action::Load);
        App {
            playback,
            play_timer: None,
            last_tick: None,
            chunk_timer: None,
            chunk_steps: 256,
            help: false,
            goroutines_first: 0,
            flip_from: None,
            _keys: None,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Do(Action::Tick) => {
                // Ticks carry the time since the previous one, so late frames do not slow the play rate.
                let now = js_sys::Date::now();
                let action = match self.last_tick {
                    Some(before) => Action::TickAfter((now - before).max(0.0) as u32),
                    None => Action::Tick,
                };
                self.last_tick = Some(now);
                self.act(action);
            }
            Msg::Do(action) => self.act(action),
            Msg::Chunk => {
                self.chunk_timer = None;
                let start = js_sys::Date::now();
                let max_steps = self.chunk_steps;
                self.playback.update(match self.playback.mode {
                    Mode::Finding => Action::FindChunk { max_steps },
                    _ => Action::RunChunk { max_steps },
                });
                let took = js_sys::Date::now() - start;
                if took < CHUNK_MS / 2.0 {
                    self.chunk_steps = (self.chunk_steps * 2).min(1 << 20);
                } else if took > CHUNK_MS * 2.0 {
                    self.chunk_steps = (self.chunk_steps / 2).max(16);
                }
            }
            Msg::Help(show) => self.help = show.unwrap_or(!self.help),
            Msg::GoroutinesScrolled(top) => {
                let first = crate::view::goroutine_window_start(top);
                if first == self.goroutines_first {
                    return false;
                }
                self.goroutines_first = first;
                return true;
            }
            Msg::Key(key) => {
                let action = match key.as_str() {
                    " " | "k" => Some(Action::TogglePlay),
                    "ArrowRight" | "l" => Some(Action::Step),
                    "ArrowLeft" | "j" => Some(Action::StepBack),
                    "Home" => Some(Action::Seek(0)),
                    "End" => self.playback.loaded().map(|l| Action::Seek(l.furthest())),
                    "r" => Some(Action::RunToEnd),
                    "0" => Some(Action::Load),
                    "n" => Some(Action::FindNext),
                    "p" => Some(Action::FindPrev),
                    "?" => {
                        self.help = !self.help;
                        None
                    }
                    "Escape" if self.help => {
                        self.help = false;
                        None
                    }
                    "Escape" if self.playback.notice.is_some() => Some(Action::Dismiss),
                    "Escape" => Some(Action::Follow(None)),
                    _ => return false,
                };
                if let Some(action) = action {
                    self.act(action);
                }
            }
        }
        self.sync_timers(ctx);
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        crate::view::page(&self.playback, self.help, self.goroutines_first, ctx.link())
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if let Some((before, step)) = self.flip_from.take() {
            if let Some(l) = self.playback.loaded().filter(|l| l.step() != step) {
                // A goroutine the step created flies in from its creator.
                let born = l
                    .last_step()
                    .filter(|s| s.index == l.step())
                    .map(|s| {
                        s.events
                            .iter()
                            .filter_map(|e| match e {
                                runtime::Event::GoroutineCreated {
                                    goroutine,
                                    creator: Some(c),
                                    ..
                                } => Some((goroutine.0, c.0)),
                                _ => None,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                flip::play(&before, &born);
            }
        }
        if !first_render {
            return;
        }
        let link = ctx.link().clone();
        let on_key =
            Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let key = e.key();
                let tag = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .map(|el| el.tag_name().to_ascii_lowercase())
                    .unwrap_or_default();
                // Text fields and menus keep their keys; buttons keep space and Enter.
                if matches!(tag.as_str(), "textarea" | "input" | "select") && key != "Escape" {
                    return;
                }
                if tag == "button" && (key == " " || key == "Enter") {
                    return;
                }
                let handled = [
                    " ",
                    "k",
                    "ArrowRight",
                    "l",
                    "ArrowLeft",
                    "j",
                    "Home",
                    "End",
                    "r",
                    "0",
                    "n",
                    "p",
                    "?",
                    "Escape",
                ];
                if handled.contains(&key.as_str()) {
                    e.prevent_default();
                    link.send_message(Msg::Key(key));
                }
            });
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            let _ =
                doc.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
        }
        self._keys = Some(on_key);
    }
}

impl App {
    /// Applies a playback action, first measuring the chips if the step it leads to is to be animated.
    fn act(&mut self, action: Action) {
        let step = self.playback.loaded().map(|l| l.step());
        let animate = step.is_some()
            && match &action {
                Action::Step
                | Action::StepBack
                | Action::RunNext(_)
                | Action::Choose(_)
                | Action::FindNext
                | Action::FindPrev => true,
                Action::Tick | Action::TickAfter(_) => {
                    self.playback.settings.speed <= ANIMATE_SPEED_MAX
                }
                Action::Seek(n) => step.is_some_and(|s| s.abs_diff(*n) == 1),
                _ => false,
            };
        self.flip_from = None;
        if animate {
            self.flip_from = flip::measure().zip(step);
        }
        self.playback.update(action);
    }

    /// Starts or stops the play and chunk timers to match the playback's mode and speed.
    fn sync_timers(&mut self, ctx: &Context<Self>) {
        match self.playback.mode {
            Mode::Playing => {
                let plan = self.playback.tick_plan();
                if self.play_timer.as_ref().map(|(_, p)| *p) != Some(plan) {
                    let link = ctx.link().clone();
                    let timer =
                        Interval::new(plan.0, move || link.send_message(Msg::Do(Action::Tick)));
                    self.play_timer = Some((timer, plan));
                    self.last_tick = None;
                }
            }
            _ => {
                self.play_timer = None;
                self.last_tick = None;
            }
        }
        match self.playback.mode {
            Mode::RunningToEnd | Mode::Finding => {
                if self.chunk_timer.is_none() {
                    let link = ctx.link().clone();
                    self.chunk_timer = Some(Timeout::new(0, move || link.send_message(Msg::Chunk)));
                }
            }
            _ => self.chunk_timer = None,
        }
    }
}
