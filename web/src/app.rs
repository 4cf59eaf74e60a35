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
use crate::playback::{Action, Mode, Playback, PolicyKind};
use crate::shell::{Dialog, Shell};
use crate::{gallery, share};

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
    /// Opens the examples gallery.
    Gallery,
    /// Loads a gallery program by name (`first-response/fixed`).
    OpenExample(AttrValue),
    /// Opens the share dialog with a link to this moment.
    Share,
    /// Copies the share dialog's link to the clipboard.
    CopyShare,
    /// Embed view: opens this moment in the full app in a new tab.
    OpenFull,
    /// Closes the open dialog.
    CloseDialog,
    /// Toggles the presenter mode.
    Presenter,
    /// The location's fragment changed (a link to another moment was opened in this tab).
    HashChanged,
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
    /// How the page is dressed (embed view, presenter mode, theme), from its address.
    shell: Shell,
    dialog: Option<Dialog>,
    /// Where the goroutine chips were before the action being rendered, and at which step (see flip).
    flip_from: Option<(flip::Positions, u64)>,
    _keys: Option<Closure<dyn FnMut(web_sys::KeyboardEvent)>>,
    _hash: Option<Closure<dyn FnMut()>>,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(_ctx: &Context<Self>) -> Self {
        let (query, fragment) = location_parts();
        let shell = Shell::from_location(&query, &fragment);
        let mut playback = Playback::new(EXAMPLES[0].source);
        match share::decode(&fragment) {
            Ok(Some(moment)) => share::restore(&mut playback, moment),
            Ok(None) => playback.update(Action::Load),
            Err(e) => {
                playback.update(Action::Load);
                playback.notice = Some(format!("This link could not be opened: {e}"));
            }
        }
        apply_theme(&shell);
        App {
            playback,
            play_timer: None,
            last_tick: None,
            chunk_timer: None,
            chunk_steps: 256,
            help: false,
            goroutines_first: 0,
            shell,
            dialog: None,
            flip_from: None,
            _keys: None,
            _hash: None,
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
            Msg::Gallery => self.dialog = Some(Dialog::Gallery),
            Msg::CloseDialog => self.dialog = None,
            Msg::OpenExample(name) => {
                if let Some((_, program)) = gallery::find(&name) {
                    self.dialog = None;
                    let p = &mut self.playback;
                    p.settings.processors = program.procs;
                    p.settings.seed = 0;
                    if p.settings.policy == PolicyKind::Random {
                        p.settings.policy = PolicyKind::GoLike;
                    }
                    p.update(Action::Open(program.source.text.to_string()));
                }
            }
            Msg::Share => {
                let fragment = share::encode(&share::moment(&self.playback));
                let base = page_base();
                self.dialog = Some(Dialog::Share {
                    link: format!("{base}#{fragment}"),
                    embed: format!("{base}{}#{fragment}", self.shell.embed_query()),
                });
            }
            Msg::CopyShare => {
                if let (Some(Dialog::Share { link, .. }), Some(w)) =
                    (&self.dialog, web_sys::window())
                {
                    let _ = w.navigator().clipboard().write_text(link);
                    self.playback.notice = Some("The link was copied to the clipboard.".into());
                }
            }
            Msg::OpenFull => {
                let fragment = share::encode(&share::moment(&self.playback));
                if let Some(w) = web_sys::window() {
                    let _ = w
                        .open_with_url_and_target(&format!("{}#{fragment}", page_base()), "_blank");
                }
            }
            Msg::Presenter => self.shell.presenter = !self.shell.presenter,
            Msg::HashChanged => {
                let (query, fragment) = location_parts();
                match share::decode(&fragment) {
                    Ok(Some(moment)) => {
                        let presenter = self.shell.presenter;
                        self.shell = Shell::from_location(&query, &fragment);
                        self.shell.presenter |= presenter;
                        apply_theme(&self.shell);
                        self.dialog = None;
                        share::restore(&mut self.playback, moment);
                    }
                    Ok(None) => return false,
                    Err(e) => {
                        self.playback.notice = Some(format!("This link could not be opened: {e}"));
                    }
                }
            }
            Msg::Key(key) => {
                let embed = self.shell.embed;
                let action = match key.as_str() {
                    " " | "k" => Some(Action::TogglePlay),
                    "ArrowRight" | "l" => Some(Action::Step),
                    "ArrowLeft" | "j" => Some(Action::StepBack),
                    "Home" => Some(Action::Seek(0)),
                    "End" => self.playback.loaded().map(|l| Action::Seek(l.furthest())),
                    "r" => Some(Action::RunToEnd),
                    "0" => Some(Action::Load),
                    "n" => Some(Action::FindNext),
                    "N" => Some(Action::FindPrev),
                    "?" => {
                        self.help = !self.help;
                        None
                    }
                    "Escape" if self.help => {
                        self.help = false;
                        None
                    }
                    "Escape" if self.dialog.is_some() => {
                        self.dialog = None;
                        None
                    }
                    "Escape" if self.playback.notice.is_some() => Some(Action::Dismiss),
                    "Escape" => Some(Action::Follow(None)),
                    "p" if !embed => {
                        self.shell.presenter = !self.shell.presenter;
                        None
                    }
                    "g" if !embed => {
                        self.dialog = Some(Dialog::Gallery);
                        None
                    }
                    "s" if !embed => return Component::update(self, ctx, Msg::Share),
                    digit @ ("1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9") => {
                        let k: usize = digit.parse().unwrap_or(1);
                        crate::shell::numbered_choices(&self.playback)
                            .into_iter()
                            .nth(k - 1)
                            .map(|c| c.action)
                    }
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
        crate::view::page(
            &self.playback,
            self.help,
            self.goroutines_first,
            ctx.link(),
            &self.shell,
            self.dialog.as_ref(),
        )
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
                    "N",
                    "?",
                    "Escape",
                    "p",
                    "g",
                    "s",
                    "1",
                    "2",
                    "3",
                    "4",
                    "5",
                    "6",
                    "7",
                    "8",
                    "9",
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
        let link = ctx.link().clone();
        let on_hash = Closure::<dyn FnMut()>::new(move || link.send_message(Msg::HashChanged));
        if let Some(w) = web_sys::window() {
            let _ =
                w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
        }
        self._hash = Some(on_hash);
        // A shared link may ask to play at once.
        self.sync_timers(ctx);
    }
}

/// The page's query and fragment (both with their leading `?` / `#`, or empty).
fn location_parts() -> (String, String) {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return (String::new(), String::new());
    };
    (
        loc.search().unwrap_or_default(),
        loc.hash().unwrap_or_default(),
    )
}

/// The page's address without query and fragment: share links are built on it.
fn page_base() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href[..end].to_string()
}

/// Puts the theme on the document element too, so the page behind the app matches.
fn apply_theme(shell: &Shell) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let theme = match shell.theme {
            crate::shell::Theme::Light => "light",
            crate::shell::Theme::Dark => "dark",
        };
        let _ = root.set_attribute("data-theme", theme);
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
