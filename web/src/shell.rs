//! How the page is dressed, read from its address (issue 6): the full app, the embed view for iframes
//! (`?embed=1`), the presenter mode for workshops (`?present=1`, or the P key), with or without the
//! editor, in a light or dark theme; plus which dialog is open and the numbered manual choices that the
//! presenter's keys 1-9 make.
//!
//! Options are read from the query and from the fragment (the fragment wins), so a docs page can put
//! everything after `#`: `index.html?embed=1&theme=dark#code=...&step=4`.
//!
//! No web APIs here: this module is compiled and tested natively.

use runtime::GoroutineId;

use crate::playback::{Action, Playback, PolicyKind};

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// The page's options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shell {
    /// The embed view: minimal chrome for an iframe.
    pub embed: bool,
    /// Show the editor (the embed view can hide it: `editor=0`).
    pub editor: bool,
    /// Presenter mode: large type, high contrast, the whole narration.
    pub presenter: bool,
    pub theme: Theme,
}

impl Default for Shell {
    fn default() -> Self {
        Shell {
            embed: false,
            editor: true,
            presenter: false,
            theme: Theme::Light,
        }
    }
}

impl Shell {
    /// Reads the options from a location's query (`?a=b&c`) and fragment (`#...`).
    pub fn from_location(query: &str, fragment: &str) -> Shell {
        let mut shell = Shell::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        for pair in query.split('&').chain(fragment.split('&')) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, "1"));
            let yes = !matches!(value, "0" | "false" | "no" | "off" | "hide");
            match key {
                "embed" => shell.embed = yes,
                "editor" => shell.editor = yes,
                "present" => shell.presenter = yes,
                "theme" => match value {
                    "dark" => shell.theme = Theme::Dark,
                    "light" => shell.theme = Theme::Light,
                    _ => {}
                },
                _ => {}
            }
        }
        shell
    }

    /// The classes of the page's root element.
    pub fn classes(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.embed {
            out.push("embed");
        }
        if self.embed && !self.editor {
            out.push("no-editor");
        }
        if self.presenter {
            out.push("presenter");
        }
        out.push(match self.theme {
            Theme::Light => "theme-light",
            Theme::Dark => "theme-dark",
        });
        out
    }

    /// The query that opens the embed view with these options (for the share dialog's iframe snippet).
    pub fn embed_query(&self) -> String {
        let mut q = String::from("?embed=1");
        if !self.editor {
            q.push_str("&editor=0");
        }
        if self.theme == Theme::Dark {
            q.push_str("&theme=dark");
        }
        q
    }
}

/// A dialog over the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// The examples gallery.
    Gallery,
    /// The share dialog with the link to this moment and an iframe snippet.
    Share { link: String, embed: String },
}

/// One numbered manual choice (keys 1-9 in the presenter mode).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberedChoice {
    /// "run G7 next", "G1's select receives 2 from chan 1".
    pub label: String,
    pub action: Action,
}

/// Manual policy: what the keys 1-9 choose in the next step. A pending select with several ready cases
/// offers its cases; otherwise, when a P is free to schedule, the runnable goroutines by id.
pub fn numbered_choices(p: &Playback) -> Vec<NumberedChoice> {
    let Some(l) = p.loaded() else {
        return Vec::new();
    };
    if p.settings.policy != PolicyKind::Manual || l.ended() {
        return Vec::new();
    }
    let cases = l.next_cases();
    if !cases.is_empty() {
        return cases
            .iter()
            .take(9)
            .map(|c| NumberedChoice {
                label: format!("G{}'s select {}", c.goroutine.0, c.what),
                action: Action::Choose(vec![(runtime::ChoiceKind::SelectCase, c.option)]),
            })
            .collect();
    }
    // A P keeps its goroutine until it blocks, yields or is preempted: with every P busy, nothing can be
    // picked in the next step.
    if l.snapshot()
        .processors
        .iter()
        .all(|pp| pp.running.is_some())
    {
        return Vec::new();
    }
    let mut runnable: Vec<GoroutineId> = l
        .snapshot()
        .goroutines
        .iter()
        .filter(|g| g.status == "runnable")
        .map(|g| g.id)
        .collect();
    runtime::util::sort(&mut runnable);
    runnable
        .into_iter()
        .take(9)
        .map(|g| NumberedChoice {
            label: format!("run G{} next", g.0),
            action: Action::RunNext(g),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_come_from_the_query_and_the_fragment() {
        assert_eq!(Shell::from_location("", ""), Shell::default());
        let s = Shell::from_location("?embed=1&theme=dark", "#code=abc&editor=0&step=3");
        assert!(s.embed && !s.editor && !s.presenter);
        assert_eq!(s.theme, Theme::Dark);
        assert_eq!(s.classes(), ["embed", "no-editor", "theme-dark"]);
        assert_eq!(s.embed_query(), "?embed=1&editor=0&theme=dark");
        // The fragment wins; bare keys mean yes; unknown values keep the default.
        let s = Shell::from_location("?theme=dark&embed", "theme=light&present&theme=purple");
        assert!(s.embed && s.presenter && s.editor);
        assert_eq!(s.theme, Theme::Light);
        assert_eq!(s.classes(), ["embed", "presenter", "theme-light"]);
        assert!(!Shell::from_location("?embed=0", "").embed);
        assert!(!Shell::from_location("", "#editor=hide").editor);
    }

    #[test]
    fn digits_choose_runnable_goroutines_then_select_cases() {
        const THREE: &str = "package main\n\nimport \"sync\"\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tfor i := 0; i < 3; i++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t}()\n\t}\n\twg.Wait()\n}\n";
        let mut p = Playback::new(THREE);
        p.update(Action::Load);
        assert!(numbered_choices(&p).is_empty(), "only in the manual policy");
        p.update(Action::SetPolicy(PolicyKind::Manual));
        while numbered_choices(&p).len() < 3 {
            p.update(Action::Step);
        }
        let labels: Vec<String> = numbered_choices(&p).into_iter().map(|c| c.label).collect();
        assert_eq!(labels, ["run G5 next", "run G6 next", "run G7 next"]);
        let first = numbered_choices(&p).remove(0).action;
        p.update(first);
        assert_eq!(
            p.loaded().unwrap().last_step().unwrap().goroutine,
            Some(GoroutineId(5))
        );
    }
}
