//! Goroutine chips move: the FLIP technique (First, Last, Invert, Play) over the DOM Yew renders.
//!
//! Before a step is rendered, [`measure`] records where each goroutine's chip sits in the runtime pane's
//! places (a P's running slot, runnext and local queue, the global queue, an M in a system call, a
//! channel's sendq and recvq, a sync object's waiters). After Yew has patched the DOM, [`play`] finds
//! each goroutine's chip again, moves it back to where it was with a transform (Invert) and lets the CSS
//! transition of the `flip` class carry it to its new place (Play). A goroutine that was just created
//! flies in from its creator's chip. Chips are found by their `data-g` attribute, so it does not matter
//! which element Yew reused.
//!
//! Cheap by construction: nothing is measured while playing fast or running to the end (the app decides),
//! when the user prefers reduced motion, when the page has more than [`ELEMENTS_MAX`] elements or the
//! places more than [`CHIPS_MAX`] chips; positions are all read before any is written (one layout), and
//! only chips whose place changed get a transform.

use std::collections::BTreeMap;

use wasm_bindgen::JsCast;

/// The chips that stand for where a goroutine is (not the table's or the leak panel's chips, and not a
/// mutex's "held by": a holder is somewhere else too).
const PLACES: &str =
    "#sched .chip[data-g], #channels .waitq .chip[data-g], #sync .waiters .chip[data-g]";

/// How long a chip flies (CSS `.chip.flip` must agree).
const FLIGHT_MS: u32 = 350;

/// Above this many chips in the places, steps are not animated (measuring them would cost the frame).
pub const CHIPS_MAX: u32 = 300;

/// Above this many elements on the page, steps are not animated: the layouts FLIP forces in a crowded page
/// (1,000 goroutines and 100 channels are about 2,500 elements) cost more than the motion is worth.
pub const ELEMENTS_MAX: u32 = 1500;

/// Where each goroutine's chip was before a step: goroutine id → (left, top) in viewport pixels. A
/// goroutine shown in two places is left out (its move is ambiguous).
#[derive(Debug, Default)]
pub struct Positions(BTreeMap<u32, Option<(f64, f64)>>);

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// True when the user asked the system for less motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The chips in the places, each with its goroutine id.
fn chips() -> Option<Vec<(u32, web_sys::HtmlElement)>> {
    let list = document()?.query_selector_all(PLACES).ok()?;
    if list.length() > CHIPS_MAX {
        return None;
    }
    let mut out = Vec::with_capacity(list.length() as usize);
    for i in 0..list.length() {
        let Some(el) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if let Some(g) = el.get_attribute("data-g").and_then(|g| g.parse().ok()) {
            out.push((g, el));
        }
    }
    Some(out)
}

/// First: where the chips are now. None when steps are not to be animated.
pub fn measure() -> Option<Positions> {
    if reduced_motion() || document()?.get_elements_by_tag_name("*").length() > ELEMENTS_MAX {
        return None;
    }
    let mut at = BTreeMap::new();
    for (g, el) in chips()? {
        let r = el.get_bounding_client_rect();
        at.entry(g)
            .and_modify(|p| *p = None)
            .or_insert(Some((r.left(), r.top())));
    }
    Some(Positions(at))
}

/// Last, Invert, Play: moves every chip whose place changed from its old place to its new one. `born`
/// maps goroutines created by the step to their creator, whose old place they start from. Returns the
/// number of chips animated.
pub fn play(before: &Positions, born: &BTreeMap<u32, u32>) -> usize {
    let Some(now) = chips() else {
        return 0;
    };
    let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
    for (g, _) in &now {
        *seen.entry(*g).or_default() += 1;
    }
    // Read every position first (one layout), then write (no layout between reads and writes).
    let mut moved = Vec::new();
    for (g, el) in &now {
        if seen[g] > 1 {
            continue;
        }
        let from = match before.0.get(g) {
            Some(Some(p)) => *p,
            Some(None) => continue,
            None => match born.get(g).and_then(|c| before.0.get(c)) {
                Some(Some(p)) => *p,
                _ => continue,
            },
        };
        let r = el.get_bounding_client_rect();
        let (dx, dy) = (from.0 - r.left(), from.1 - r.top());
        if dx.abs() >= 1.0 || dy.abs() >= 1.0 {
            moved.push((el, dx, dy));
        }
    }
    // Invert: back to the old place at once (no transition while the class is off).
    for (el, dx, dy) in &moved {
        let _ = el.class_list().remove_1("flip");
        let _ = el
            .style()
            .set_property("transform", &format!("translate({dx:.1}px, {dy:.1}px)"));
    }
    if moved.is_empty() {
        return 0;
    }
    // One style flush so the inverted positions take effect before the transition starts.
    if let Some(body) = document().and_then(|d| d.body()) {
        let _ = body.offset_height();
    }
    // Play: the `flip` class's transition carries each chip to its new place. Channels and sync objects
    // contain their paint (content-visibility); while chips fly in or out they must not clip them.
    let mut boxes = Vec::new();
    for (el, _, _) in &moved {
        let _ = el.class_list().add_1("flip");
        let _ = el.style().remove_property("transform");
        if let Ok(Some(b)) = el.closest(".chan, .syncobj") {
            let _ = b.class_list().add_1("flying");
            boxes.push(b);
        }
    }
    if !boxes.is_empty() {
        gloo_timers::callback::Timeout::new(FLIGHT_MS + 50, move || {
            for b in boxes {
                let _ = b.class_list().remove_1("flying");
            }
        })
        .forget();
    }
    moved.len()
}
