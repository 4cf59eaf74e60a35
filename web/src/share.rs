//! Share links: a URL fragment that reopens the page at an exact moment of a run — the program, the
//! settings, the manual choices made and the current step (issue 6).
//!
//! Forms of the fragment (keys separated by `&`, in any order; unknown keys are ignored):
//! - compressed, what the Share button makes:
//!   `#z=<base64url of the raw DEFLATE of the UTF-8 source>&seed=N&procs=N&policy=go|random|manual&step=N`
//!   plus `&sched=<schedule>` when manual choices were made: the runtime's own compact `Schedule`
//!   encoding (`Schedule::encode`), whose overrides replay those choices;
//! - plain, documented for hand-written links and the embed script:
//!   `#code=<base64url of the UTF-8 source>` with optional `step`, `seed`, `procs`, `policy`, `speed`
//!   and `autoplay=1` (standard base64 with `+`, `/` and `=` padding and percent-escapes are accepted);
//! - gallery: `#example=<slug>` or `#example=<slug>/<broken|fixed|works>`, with the same options.
//!
//! Decoding never trusts the link: sizes are bounded before and after decompression, the text must be
//! UTF-8, numbers are range-checked, and the program is only ever shown as text and compiled.
//!
//! No web APIs here: this module is compiled and tested natively.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use runtime::Schedule;

use crate::gallery;
use crate::playback::{Action, Playback, PolicyKind, SPEEDS, STEPS_MAX};

/// Largest program a link may carry, in bytes of UTF-8 (after decompression).
pub const SOURCE_MAX: usize = 256 * 1024;

/// Longest fragment accepted, in characters (browsers allow much more; this bounds the work).
pub const FRAGMENT_MAX: usize = 512 * 1024;

/// DEFLATE level for `z=`: the smallest links; programs are small, so speed does not matter.
const LEVEL: u8 = 9;

/// A moment of a run: everything needed to show it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moment {
    pub source: String,
    pub seed: u64,
    /// GOMAXPROCS.
    pub procs: u32,
    pub policy: PolicyKind,
    /// Manual policy: the recorded choices, replayed to reach the same state.
    pub schedule: Option<Schedule>,
    /// The step to open at.
    pub step: u64,
    /// Start playing once open.
    pub autoplay: bool,
    /// Play speed in steps per second (None: keep the page's).
    pub speed: Option<u32>,
}

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// More than one of `code=`, `z=` and `example=`.
    TwoPrograms,
    TooLong,
    BadBase64(&'static str),
    BadCompression,
    NotUtf8,
    BadNumber(&'static str),
    BadPolicy(String),
    BadSchedule(String),
    /// `sched=` outside the manual policy, or disagreeing with `seed`/`procs`.
    ScheduleMismatch,
    UnknownExample(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TwoPrograms => {
                write!(f, "the link has more than one of code=, z= and example=")
            }
            ShareError::TooLong => write!(
                f,
                "the program in the link is larger than {} KiB",
                SOURCE_MAX / 1024
            ),
            ShareError::BadBase64(key) => write!(f, "{key}= is not valid base64url"),
            ShareError::BadCompression => write!(f, "z= is not valid compressed data"),
            ShareError::NotUtf8 => write!(f, "the program in the link is not UTF-8 text"),
            ShareError::BadNumber(key) => write!(f, "{key}= is not a valid number for it"),
            ShareError::BadPolicy(p) => {
                write!(f, "policy={p} is not one of go, random and manual")
            }
            ShareError::BadSchedule(e) => write!(f, "sched= is not a schedule: {e}"),
            ShareError::ScheduleMismatch => {
                write!(f, "sched= needs policy=manual and the same seed and procs")
            }
            ShareError::UnknownExample(name) => write!(f, "no gallery example is called {name}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The moment the page shows now: the loaded program at its current step (or the edited text at step 0).
pub fn moment(p: &Playback) -> Moment {
    let s = &p.settings;
    let loaded = p.loaded().filter(|_| !p.stale());
    let schedule = loaded
        .filter(|_| s.policy == PolicyKind::Manual)
        .and_then(|l| Schedule::decode(&l.schedule()).ok())
        .filter(|sch| !sch.overrides.is_empty());
    Moment {
        source: p.source.clone(),
        seed: s.seed,
        procs: s.processors,
        policy: s.policy,
        schedule,
        step: loaded.map_or(0, |l| l.step()),
        autoplay: false,
        speed: None,
    }
}

/// Opens a moment: sets the text and settings, replays the choices, walks to the step, maybe plays.
pub fn restore(p: &mut Playback, m: Moment) {
    p.update(Action::Edit(m.source));
    p.settings.seed = m.seed;
    p.settings.processors = m.procs;
    p.settings.policy = m.policy;
    if let Some(speed) = m.speed {
        p.settings.speed = speed;
    }
    p.replay = m.schedule;
    p.update(Action::Restore(m.step));
    if m.autoplay {
        p.update(Action::Play);
    }
}

/// The compressed fragment (without `#`) for a moment.
pub fn encode(m: &Moment) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(m.source.as_bytes(), LEVEL);
    let mut out = format!(
        "z={}&seed={}&procs={}&policy={}",
        URL_SAFE_NO_PAD.encode(packed),
        m.seed,
        m.procs,
        m.policy.name()
    );
    if let Some(s) = &m.schedule {
        out.push_str("&sched=");
        out.push_str(&s.encode());
    }
    out.push_str(&format!("&step={}", m.step));
    if m.autoplay {
        out.push_str("&autoplay=1");
    }
    if let Some(speed) = m.speed {
        out.push_str(&format!("&speed={speed}"));
    }
    out
}

/// Reads a fragment (with or without its `#`). `Ok(None)`: it names no program (an ordinary page load).
pub fn decode(fragment: &str) -> Result<Option<Moment>, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > FRAGMENT_MAX {
        return Err(ShareError::TooLong);
    }
    let mut program: Option<(&'static str, String)> = None;
    let mut example_procs = None;
    let (mut seed, mut procs, mut policy, mut step) = (None, None, None, 0);
    let mut schedule = None;
    let mut autoplay = false;
    let mut speed = None;
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(raw);
        let source = match key {
            "code" => Some(("code", text(&base64url(&value, "code")?)?)),
            "z" => Some(("z", inflate(&base64url(&value, "z")?)?)),
            "example" => {
                let (_, p) = gallery::find(&value)
                    .ok_or_else(|| ShareError::UnknownExample(value.clone()))?;
                example_procs = Some(p.procs);
                Some(("example", p.source.text.to_string()))
            }
            "seed" => {
                seed = Some(number(&value, "seed", u64::MAX)?);
                None
            }
            "procs" => {
                procs = Some(number(&value, "procs", 64)? as u32).filter(|&n| n >= 1);
                if procs.is_none() {
                    return Err(ShareError::BadNumber("procs"));
                }
                None
            }
            "policy" => {
                policy = Some(PolicyKind::from_name(&value).ok_or(ShareError::BadPolicy(value))?);
                None
            }
            "sched" => {
                schedule = Some(
                    Schedule::decode(&value).map_err(|e| ShareError::BadSchedule(e.to_string()))?,
                );
                None
            }
            "step" => {
                step = number(&value, "step", STEPS_MAX)?;
                None
            }
            "autoplay" => {
                autoplay = matches!(value.as_str(), "1" | "true" | "yes" | "");
                None
            }
            "speed" => {
                let n = number(&value, "speed", 1000)? as u32;
                if !SPEEDS.contains(&n) {
                    return Err(ShareError::BadNumber("speed"));
                }
                speed = Some(n);
                None
            }
            _ => None,
        };
        if let Some(found) = source {
            if program.is_some() {
                return Err(ShareError::TwoPrograms);
            }
            program = Some(found);
        }
    }
    let Some((_, source)) = program else {
        return Ok(None);
    };
    let seed = seed.unwrap_or(0);
    let procs = procs.or(example_procs).unwrap_or(1);
    let policy = policy.unwrap_or(if schedule.is_some() {
        PolicyKind::Manual
    } else {
        PolicyKind::GoLike
    });
    if let Some(s) = &schedule {
        let fits = policy == PolicyKind::Manual
            && s.base == runtime::policy::BasePolicy::GoLike
            && s.seed == seed
            && s.processors == procs;
        if !fits {
            return Err(ShareError::ScheduleMismatch);
        }
    }
    Ok(Some(Moment {
        source,
        seed,
        procs,
        policy,
        schedule: schedule.filter(|s| !s.overrides.is_empty()),
        step,
        autoplay,
        speed,
    }))
}

/// `%XX` escapes decoded (bytes that do not form an escape are kept as they are).
fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes base64url, also accepting the standard alphabet, `=` padding and whitespace.
fn base64url(value: &str, key: &'static str) -> Result<Vec<u8>, ShareError> {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    if cleaned.len() > SOURCE_MAX * 4 / 3 + 4 {
        return Err(ShareError::TooLong);
    }
    URL_SAFE_NO_PAD
        .decode(cleaned.as_bytes())
        .map_err(|_| ShareError::BadBase64(key))
}

fn inflate(packed: &[u8]) -> Result<String, ShareError> {
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(packed, SOURCE_MAX).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLong,
            _ => ShareError::BadCompression,
        },
    )?;
    text(&bytes)
}

fn text(bytes: &[u8]) -> Result<String, ShareError> {
    if bytes.len() > SOURCE_MAX {
        return Err(ShareError::TooLong);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| ShareError::NotUtf8)
}

fn number(value: &str, key: &'static str, max: u64) -> Result<u64, ShareError> {
    value
        .parse::<u64>()
        .ok()
        .filter(|&n| n <= max)
        .ok_or(ShareError::BadNumber(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playback::Mode;
    use runtime::GoroutineId;

    /// A typical public address of the app; links must stay under 2,000 characters with it.
    const BASE: &str = "https://goroscope.example.org/index.html#";

    const THREE: &str = "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tfor i := 1; i <= 3; i++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfmt.Println(\"worker\", i)\n\t\t}()\n\t}\n\twg.Wait()\n}\n";

    /// The plain fragment (without `#`), as the embed script writes it: `code=<base64url>` plus the step when it is not 0.
    pub fn encode_plain(source: &str, step: u64) -> String {
        let mut out = format!("code={}", URL_SAFE_NO_PAD.encode(source.as_bytes()));
        if step > 0 {
            out.push_str(&format!("&step={step}"));
        }
        out
    }

    fn run_to_end(p: &mut Playback) {
        p.update(Action::RunToEnd);
        while p.mode == Mode::RunningToEnd {
            p.update(Action::RunChunk { max_steps: 10_000 });
        }
    }

    #[test]
    fn a_moment_round_trips_through_both_forms() {
        let m = Moment {
            source: "package main\n\nfunc main() {\n\tprintln(\"héllo </pre><script>\")\n}\n"
                .into(),
            seed: 7,
            procs: 3,
            policy: PolicyKind::Random,
            schedule: None,
            step: 12,
            autoplay: true,
            speed: Some(16),
        };
        let link = encode(&m);
        assert!(link.starts_with("z="), "{link}");
        assert!(link.ends_with("&seed=7&procs=3&policy=random&step=12&autoplay=1&speed=16"));
        assert_eq!(decode(&link), Ok(Some(m.clone())));
        assert_eq!(decode(&format!("#{link}")), Ok(Some(m.clone())));
        let plain = encode_plain(&m.source, 12);
        let back = decode(&plain).unwrap().unwrap();
        assert_eq!((back.source.as_str(), back.step), (m.source.as_str(), 12));
        assert_eq!(
            (back.seed, back.procs, back.policy),
            (0, 1, PolicyKind::GoLike)
        );
    }

    #[test]
    fn the_plain_form_accepts_what_people_write_by_hand() {
        // "package main\n\nfunc main() {}\n" in standard base64 with padding (btoa's output), then
        // percent-escaped as some tools do.
        let std = "cGFja2FnZSBtYWluCgpmdW5jIG1haW4oKSB7fQo=";
        let want = "package main\n\nfunc main() {}\n";
        for frag in [
            format!("code={std}"),
            format!("#code={}", std.trim_end_matches('=')),
            format!("code={}", std.replace('=', "%3D")),
            format!("step=3&code={std}&autoplay=1&procs=2&seed=9&theme=dark"),
        ] {
            let m = decode(&frag).unwrap().unwrap();
            assert_eq!(m.source, want, "{frag}");
        }
        let m = decode(&format!("step=3&code={std}&autoplay=1&procs=2&seed=9"))
            .unwrap()
            .unwrap();
        assert_eq!((m.step, m.autoplay, m.procs, m.seed), (3, true, 2, 9));
        // Characters outside the base64url alphabet in the UTF-8 text survive.
        let text = "package main\n\n// ü → 世界 </pre><script>alert(1)</script>\nfunc main() {}\n";
        assert_eq!(
            decode(&encode_plain(text, 0)).unwrap().unwrap().source,
            text
        );
    }

    #[test]
    fn gallery_examples_open_by_name() {
        let m = decode("example=first-response/fixed&step=5")
            .unwrap()
            .unwrap();
        assert_eq!(
            m.source,
            gallery::find("first-response/fixed").unwrap().1.source.text
        );
        assert_eq!(m.step, 5);
        assert_eq!(
            decode("example=nope"),
            Err(ShareError::UnknownExample("nope".into()))
        );
    }

    #[test]
    fn bad_links_get_clear_errors_never_panics() {
        let cases = [
            ("code=!!!!", "code= is not valid base64url"),
            ("z=AAAA", "z= is not valid compressed data"),
            ("code=_w", "the program in the link is not UTF-8 text"),
            ("code=YQ&step=-1", "step= is not a valid number for it"),
            ("code=YQ&step=100001", "step= is not a valid number for it"),
            ("code=YQ&procs=0", "procs= is not a valid number for it"),
            ("code=YQ&procs=65", "procs= is not a valid number for it"),
            ("code=YQ&speed=3", "speed= is not a valid number for it"),
            (
                "code=YQ&policy=fifo",
                "policy=fifo is not one of go, random and manual",
            ),
            (
                "code=YQ&sched=*",
                "sched= is not a schedule: invalid character '*' in schedule",
            ),
            (
                "code=YQ&policy=random&sched=AQEAAAA",
                "sched= needs policy=manual and the same seed and procs",
            ),
            (
                "code=YQ&example=ticker",
                "the link has more than one of code=, z= and example=",
            ),
        ];
        let got: Vec<(&str, String)> = cases
            .iter()
            .map(|(frag, _)| (*frag, decode(frag).unwrap_err().to_string()))
            .collect();
        let want: Vec<(&str, String)> = cases
            .iter()
            .map(|(frag, msg)| (*frag, msg.to_string()))
            .collect();
        assert_eq!(got, want);
        // A compression bomb stops at the size limit.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; SOURCE_MAX + 1], 9);
        assert_eq!(
            decode(&format!("z={}", URL_SAFE_NO_PAD.encode(bomb))),
            Err(ShareError::TooLong)
        );
        // No program: an ordinary page load.
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("#step=3&theme=dark"), Ok(None));
        // Garbage of every kind is an error or nothing, never a panic.
        for frag in [
            "%",
            "%%41",
            "code=%",
            "=&=&&",
            "z=",
            "code=",
            "sched=",
            "step=99999999999999999999",
        ] {
            let _ = decode(frag);
        }
    }

    /// Every gallery program's share link, at its end with its settings, stays under 2,000 characters.
    #[test]
    fn gallery_links_stay_under_2000_characters() {
        let mut longest = (0, "");
        for c in gallery::CASES {
            for prog in c.programs {
                let mut p = Playback::new(prog.source.text);
                p.settings.processors = prog.procs;
                run_to_end(&mut p);
                let link = format!("{BASE}{}", encode(&moment(&p)));
                assert!(
                    link.len() < 2000,
                    "{}: {} chars",
                    prog.source.path,
                    link.len()
                );
                assert_eq!(
                    decode(link.split_once('#').unwrap().1)
                        .unwrap()
                        .unwrap()
                        .source,
                    prog.source.text
                );
                println!("{}: {} chars", prog.source.path, link.len());
                if link.len() > longest.0 {
                    longest = (link.len(), prog.source.path);
                }
            }
        }
        assert!(longest.0 > 300, "{longest:?}");
    }

    /// A link made after stepping and choosing by hand reopens at the same step in the same state, and the
    /// reopened run goes on exactly as the original would.
    #[test]
    fn a_manual_moment_reopens_in_the_same_state() {
        let mut p = Playback::new(THREE);
        p.update(Action::SetPolicy(PolicyKind::Manual));
        p.update(Action::Load);
        // Step until main waits and the three workers are runnable, then run the first-created one.
        while !(p.loaded().unwrap().snapshot().goroutines[0].status == "waiting"
            && runnable(&p).len() == 3)
        {
            p.update(Action::Step);
        }
        let first = runnable(&p)[0];
        p.update(Action::RunNext(first));
        p.update(Action::Step);
        let second = *runnable(&p).last().unwrap();
        p.update(Action::RunNext(second));
        p.update(Action::Step);
        let m = moment(&p);
        let link = encode(&m);
        assert!(m.schedule.is_some(), "{link}");
        assert!(link.contains("&sched="), "{link}");

        let mut q = Playback::new("");
        restore(&mut q, decode(&link).unwrap().unwrap());
        let (a, b) = (p.loaded().unwrap(), q.loaded().unwrap());
        assert_eq!(b.step(), a.step());
        assert_eq!(b.snapshot(), a.snapshot());
        assert_eq!(b.last_step(), a.last_step());
        assert_eq!(q.settings, p.settings);
        // Both go on the same way.
        run_to_end(&mut p);
        run_to_end(&mut q);
        assert_eq!(
            q.loaded().unwrap().snapshot(),
            p.loaded().unwrap().snapshot()
        );
        assert!(p
            .loaded()
            .unwrap()
            .snapshot()
            .stdout
            .starts_with("worker 1\n"));
        // Sharing the reopened run again gives the same link.
        let end = encode(&moment(&p));
        assert_eq!(encode(&moment(&q)), end);
    }

    /// Going back before the shared moment and branching replays correctly afterwards (the old branch's
    /// later choices are not applied again).
    #[test]
    fn branching_before_a_shared_moment_is_a_clean_fork() {
        let mut p = Playback::new(THREE);
        p.update(Action::SetPolicy(PolicyKind::Manual));
        p.update(Action::Load);
        while runnable(&p).len() < 3
            || p.loaded().unwrap().snapshot().goroutines[0].status != "waiting"
        {
            p.update(Action::Step);
        }
        let fork_at = p.loaded().unwrap().step();
        let g = runnable(&p)[0];
        p.update(Action::RunNext(g));
        let g2 = runnable(&p)[0];
        p.update(Action::RunNext(g2));
        let link = encode(&moment(&p));

        let mut q = Playback::new("");
        restore(&mut q, decode(&link).unwrap().unwrap());
        // Back to the fork point; this time run the last-created worker first.
        q.update(Action::Seek(fork_at));
        let last = *runnable(&q).last().unwrap();
        q.update(Action::RunNext(last));
        q.update(Action::Step);
        q.update(Action::Step);
        let here = q.loaded().unwrap().step();
        let snap = q.loaded().unwrap().snapshot().clone();
        q.update(Action::Seek(0));
        q.update(Action::Seek(here));
        assert_eq!(q.loaded().unwrap().snapshot(), &snap);
        run_to_end(&mut q);
        let out = &q.loaded().unwrap().snapshot().stdout;
        assert!(out.starts_with("worker 3\n"), "{out}");
    }

    fn runnable(p: &Playback) -> Vec<GoroutineId> {
        p.loaded()
            .unwrap()
            .snapshot()
            .goroutines
            .iter()
            .filter(|g| g.status == "runnable")
            .map(|g| g.id)
            .collect()
    }

    #[test]
    fn a_stale_or_broken_editor_is_shared_as_text_at_step_0() {
        let mut p = Playback::new(THREE);
        p.update(Action::Step);
        p.update(Action::Step);
        p.update(Action::Edit(
            "package main\n\nfunc main() { x := 1 }\n".into(),
        ));
        let m = moment(&p);
        assert_eq!((m.step, m.schedule.as_ref()), (0, None));
        assert_eq!(m.source, "package main\n\nfunc main() { x := 1 }\n");
        let mut q = Playback::new("");
        restore(&mut q, m);
        assert_eq!(q.diagnostics().len(), 1);
    }
}
