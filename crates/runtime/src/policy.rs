//! Scheduling policies and the recorded [`Schedule`].
//!
//! Every nondeterministic choice the runtime makes goes through [`Policy::choose`]: which P steps next,
//! which runnable goroutine a P runs, which ready select case wins, and every draw Go takes from
//! `cheaprand` (select poll order, work-stealing order; runtime/rand.go). A choice among `n > 1` options
//! gets a sequence number; the base policy (Go-like or random, both seeded) gives the default, and any
//! choice that differs from it (made by hand, or forced by a replayed schedule) is recorded as an override.
//! A [`Schedule`] is therefore just `(processors, base, seed, overrides)`, replays bit-identically, and
//! encodes to a short URL-safe string.
//!
//! The RNG is PCG32 (`rand_pcg::Pcg32`, M. E. O'Neill, "PCG: A Family of Simple Fast Space-Efficient
//! Statistically Good Algorithms for Random Number Generation", 2014).
//!
//! Invariants:
//! - `decisions` counts exactly the choices with more than one option; overrides are strictly increasing
//!   in their sequence number and every recorded override differs from the default at that point.

use std::collections::VecDeque;

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg32;
use serde::{Deserialize, Serialize};

/// The deterministic default policy underneath every run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BasePolicy {
    /// As Go 1.23 would: Ps step round-robin, each P runs the goroutine `findRunnable` picks, the first
    /// ready select case in the (randomised) poll order wins. Only Go's own `cheaprand` draws use the RNG.
    GoLike,
    /// Like `GoLike`, but which P steps, which runnable goroutine runs and which ready select case wins are
    /// drawn uniformly from the seeded RNG (for exploring schedules).
    Random,
}

/// What a choice is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChoiceKind {
    /// Which P takes the next step (options: the Ps that can do something, by id).
    Processor,
    /// Which runnable goroutine the P runs (option 0: the one Go picks; then the others on its runnext,
    /// local queue and the global queue).
    Goroutine,
    /// Which of the ready select cases wins (options: the ready cases in case order).
    SelectCase,
    /// A `cheaprandn(n)` draw inside Go's runtime.
    Rand,
}

/// How a run makes its choices (part of `Config`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyConfig {
    /// [`BasePolicy::GoLike`] with this seed.
    GoLike { seed: u64 },
    /// [`BasePolicy::Random`] with this seed.
    Random { seed: u64 },
    /// Go-like defaults, plus choices the caller makes with `Runtime::step_choosing`.
    Manual { seed: u64 },
    /// Replays a recorded schedule (its processor count overrides the config's).
    Replay(Schedule),
}

/// A recorded run: enough to replay it bit-identically.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Schedule {
    /// GOMAXPROCS.
    pub processors: u32,
    pub base: BasePolicy,
    pub seed: u64,
    /// `(choice sequence number, chosen option)` where the choice differed from the base policy's.
    pub overrides: Vec<(u64, u32)>,
}

/// Why a schedule string could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleDecodeError {
    BadCharacter(char),
    Truncated,
    BadVersion(u64),
    BadValue(&'static str),
}

impl std::fmt::Display for ScheduleDecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScheduleDecodeError::BadCharacter(c) => {
                write!(f, "invalid character {c:?} in schedule")
            }
            ScheduleDecodeError::Truncated => write!(f, "schedule string is truncated"),
            ScheduleDecodeError::BadVersion(v) => write!(f, "unknown schedule format version {v}"),
            ScheduleDecodeError::BadValue(what) => write!(f, "invalid {what} in schedule"),
        }
    }
}

impl std::error::Error for ScheduleDecodeError {}

const SCHEDULE_VERSION: u64 = 1;
const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl Schedule {
    /// Encodes as LEB128 varints (version, processors, base, seed, count, then delta-coded sequence numbers
    /// with their choices) in unpadded base64url: a Go-like run with no overrides is about 4-14 characters.
    pub fn encode(&self) -> String {
        let mut bytes = Vec::new();
        put_varint(&mut bytes, SCHEDULE_VERSION);
        put_varint(&mut bytes, self.processors as u64);
        put_varint(&mut bytes, matches!(self.base, BasePolicy::Random) as u64);
        put_varint(&mut bytes, self.seed);
        put_varint(&mut bytes, self.overrides.len() as u64);
        let mut last = 0u64;
        for &(seq, choice) in &self.overrides {
            put_varint(&mut bytes, seq - last);
            put_varint(&mut bytes, choice as u64);
            last = seq;
        }
        let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
            for k in 0..chunk.len() + 1 {
                out.push(BASE64URL[(n >> (18 - 6 * k) & 63) as usize] as char);
            }
        }
        out
    }

    /// Decodes [`Schedule::encode`]'s output.
    pub fn decode(text: &str) -> Result<Schedule, ScheduleDecodeError> {
        let mut bits = 0u32;
        let mut n_bits = 0;
        let mut bytes = Vec::new();
        for c in text.trim().chars() {
            let v = BASE64URL
                .iter()
                .position(|&b| b as char == c)
                .ok_or(ScheduleDecodeError::BadCharacter(c))?;
            bits = bits << 6 | v as u32;
            n_bits += 6;
            if n_bits >= 8 {
                n_bits -= 8;
                bytes.push((bits >> n_bits) as u8);
                bits &= (1 << n_bits) - 1;
            }
        }
        let mut input = bytes.as_slice();
        let version = get_varint(&mut input)?;
        if version != SCHEDULE_VERSION {
            return Err(ScheduleDecodeError::BadVersion(version));
        }
        let processors = get_varint(&mut input)?;
        if !(1..=crate::proc::PROCESSORS_MAX as u64).contains(&processors) {
            return Err(ScheduleDecodeError::BadValue("processor count"));
        }
        let base = match get_varint(&mut input)? {
            0 => BasePolicy::GoLike,
            1 => BasePolicy::Random,
            _ => return Err(ScheduleDecodeError::BadValue("policy")),
        };
        let seed = get_varint(&mut input)?;
        let count = get_varint(&mut input)?;
        let mut overrides = Vec::new();
        let mut last = 0u64;
        for i in 0..count {
            let delta = get_varint(&mut input)?;
            if i > 0 && delta == 0 {
                return Err(ScheduleDecodeError::BadValue("choice order"));
            }
            last = last
                .checked_add(delta)
                .ok_or(ScheduleDecodeError::BadValue("choice number"))?;
            let choice = u32::try_from(get_varint(&mut input)?)
                .map_err(|_| ScheduleDecodeError::BadValue("choice"))?;
            overrides.push((last, choice));
        }
        Ok(Schedule {
            processors: processors as u32,
            base,
            seed,
            overrides,
        })
    }
}

impl std::fmt::Display for Schedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.encode())
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn get_varint(input: &mut &[u8]) -> Result<u64, ScheduleDecodeError> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = input.split_first().ok_or(ScheduleDecodeError::Truncated)?;
        *input = rest;
        v |= ((byte & 0x7f) as u64) << shift;
        if byte & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(ScheduleDecodeError::BadValue("varint"))
}

/// The policy state of a run: RNG, base policy, overrides to apply and the record of what was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    base: BasePolicy,
    seed: u64,
    rng: Pcg32,
    /// Choices with more than one option made so far.
    decisions: u64,
    /// Overrides still to apply (from a replayed schedule), in sequence order.
    pending: VecDeque<(u64, u32)>,
    /// Choices forced by the caller for the current step (manual mode), consumed by kind in order.
    forced: VecDeque<(ChoiceKind, u32)>,
    /// Overrides that happened (the schedule's record).
    recorded: Vec<(u64, u32)>,
    /// Round-robin cursor for the Go-like processor choice.
    next_processor: u32,
}

impl Policy {
    /// A fresh policy for `config`.
    pub fn new(config: &PolicyConfig) -> Policy {
        let (base, seed, pending) = match config {
            PolicyConfig::GoLike { seed } | PolicyConfig::Manual { seed } => {
                (BasePolicy::GoLike, *seed, VecDeque::new())
            }
            PolicyConfig::Random { seed } => (BasePolicy::Random, *seed, VecDeque::new()),
            PolicyConfig::Replay(s) => (s.base, s.seed, s.overrides.iter().copied().collect()),
        };
        Policy {
            base,
            seed,
            rng: Pcg32::seed_from_u64(seed),
            decisions: 0,
            pending,
            forced: VecDeque::new(),
            recorded: Vec::new(),
            next_processor: 0,
        }
    }

    /// The base policy.
    pub fn base(&self) -> BasePolicy {
        self.base
    }

    /// Number of choices with more than one option made so far.
    pub fn decisions(&self) -> u64 {
        self.decisions
    }

    /// The schedule recorded so far.
    pub fn schedule(&self, processors: u32) -> Schedule {
        Schedule {
            processors,
            base: self.base,
            seed: self.seed,
            overrides: self.recorded.clone(),
        }
    }

    /// Makes the next choices of these kinds come out as given (manual mode). Choices that are out of
    /// range when they happen are ignored.
    pub fn force(&mut self, choices: impl IntoIterator<Item = (ChoiceKind, u32)>) {
        self.forced.extend(choices);
    }

    /// Drops forced choices that the step did not use.
    pub fn clear_forced(&mut self) {
        self.forced.clear();
    }

    /// Drops pending replay overrides at or after choice `seq` (fork: continue differently from there).
    pub fn truncate_replay(&mut self, seq: u64) {
        self.pending.retain(|&(s, _)| s < seq);
    }

    /// A raw 32-bit draw (Go's `cheaprand`), not a recorded choice: used where Go draws a full word and
    /// the result only seeds an enumeration (`stealOrder.start`). Replays see the same draws because the
    /// RNG stream is the same.
    pub fn cheaprand(&mut self) -> u32 {
        self.rng.next_u32()
    }

    /// Chooses one of `n` options of this kind. `go_default` is what Go's runtime would pick (ignored for
    /// [`ChoiceKind::Rand`], whose default is an RNG draw `cheaprandn(n)`).
    pub fn choose(&mut self, kind: ChoiceKind, n: u32, go_default: u32) -> u32 {
        debug_assert!(n > 0);
        if n <= 1 {
            return 0;
        }
        let default = match (kind, self.base) {
            (ChoiceKind::Rand, _) | (_, BasePolicy::Random) => self.cheaprandn(n),
            (_, BasePolicy::GoLike) => go_default.min(n - 1),
        };
        let seq = self.decisions;
        self.decisions += 1;
        let mut chosen = default;
        while let Some(&(s, c)) = self.pending.front() {
            if s < seq {
                self.pending.pop_front();
                continue;
            }
            if s == seq {
                self.pending.pop_front();
                if c < n {
                    chosen = c;
                }
            }
            break;
        }
        if let Some(pos) = self.forced.iter().position(|&(k, _)| k == kind) {
            let (_, c) = self.forced.remove(pos).expect("position is valid");
            if c < n {
                chosen = c;
            }
        }
        if chosen != default {
            self.recorded.push((seq, chosen));
        }
        chosen
    }

    /// Go-like processor choice: round-robin over the enabled Ps, so parallel Ps advance evenly.
    pub fn choose_processor(&mut self, enabled: &[u32]) -> usize {
        let rr = enabled
            .iter()
            .position(|&p| p >= self.next_processor)
            .unwrap_or(0);
        let k = self.choose(ChoiceKind::Processor, enabled.len() as u32, rr as u32) as usize;
        self.next_processor = enabled[k] + 1;
        k
    }

    /// Models `cheaprandn(n)`: a draw in `0..n` (runtime/rand.go: `uint32(uint64(cheaprand()) * n >> 32)`).
    fn cheaprandn(&mut self, n: u32) -> u32 {
        ((self.rng.next_u32() as u64 * n as u64) >> 32) as u32
    }
}

impl std::hash::Hash for Policy {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Pcg32 has no Hash; its state is fully determined by the seed and the draws, which are
        // determined by `decisions` and the rest of the runtime state.
        self.base.hash(state);
        self.seed.hash(state);
        self.decisions.hash(state);
        self.recorded.hash(state);
        self.next_processor.hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_round_trips_and_is_short() {
        let s = Schedule {
            processors: 4,
            base: BasePolicy::GoLike,
            seed: 42,
            overrides: vec![],
        };
        let text = s.encode();
        assert_eq!(text, "AQQAKgA");
        assert_eq!(Schedule::decode(&text).unwrap(), s);
        let s = Schedule {
            processors: 64,
            base: BasePolicy::Random,
            seed: u64::MAX,
            overrides: vec![(0, 1), (5, 2), (300, 0), (1_000_000, 7)],
        };
        assert_eq!(Schedule::decode(&s.encode()).unwrap(), s);
        assert!(s.encode().len() < 40);
        assert_eq!(
            Schedule::decode("A*"),
            Err(ScheduleDecodeError::BadCharacter('*'))
        );
        assert_eq!(Schedule::decode("AQ"), Err(ScheduleDecodeError::Truncated));
        assert_eq!(
            Schedule::decode("Ag"),
            Err(ScheduleDecodeError::BadVersion(2))
        );
    }

    #[test]
    fn replay_reproduces_choices_including_overrides() {
        let mut a = Policy::new(&PolicyConfig::Manual { seed: 7 });
        let mut picks = Vec::new();
        for i in 0..50u32 {
            if i % 10 == 3 {
                a.force([(ChoiceKind::SelectCase, 2)]);
            }
            picks.push(a.choose(
                if i % 2 == 0 {
                    ChoiceKind::Rand
                } else {
                    ChoiceKind::SelectCase
                },
                3,
                0,
            ));
        }
        let schedule = a.schedule(1);
        assert!(!schedule.overrides.is_empty());
        let decoded = Schedule::decode(&schedule.encode()).unwrap();
        let mut b = Policy::new(&PolicyConfig::Replay(decoded));
        let replayed: Vec<u32> = (0..50u32)
            .map(|i| {
                b.choose(
                    if i % 2 == 0 {
                        ChoiceKind::Rand
                    } else {
                        ChoiceKind::SelectCase
                    },
                    3,
                    0,
                )
            })
            .collect();
        assert_eq!(picks, replayed);
        assert_eq!(b.schedule(1), schedule);
    }

    #[test]
    fn golike_processor_choice_is_round_robin() {
        let mut p = Policy::new(&PolicyConfig::GoLike { seed: 1 });
        let order: Vec<usize> = (0..5).map(|_| p.choose_processor(&[0, 1, 2])).collect();
        assert_eq!(order, vec![0, 1, 2, 0, 1]);
    }
}
