//! select: poll order, lock order and the three passes of `selectgo`.
//!
//! Models runtime/select.go. The runtime's `Runtime::select_go` (in runtime.rs) runs the passes over its
//! channels; this module holds the parts that are pure:
//! - `pollorder`: nil-channel cases are omitted and the rest shuffled with an inside-out Fisher-Yates using
//!   `cheaprandn` (select.go:165-186), each draw a recorded choice of the policy;
//! - `lockorder`: cases sorted by channel (Go sorts by `hchan` address; channel ids grow with allocation,
//!   like addresses in a fresh heap); pass 2 enqueues a sudog on every channel in this order.
//!
//! Invariants: `poll_order` is a permutation of the non-nil cases; `lock_order` is sorted by channel and
//! stable for duplicate channels.

use crate::ids::ChanId;
use crate::policy::{ChoiceKind, Policy};

/// Models the pollorder loop of `selectgo`: `cases[i]` is the channel of case `i` (None: nil channel).
pub fn poll_order(cases: &[Option<ChanId>], policy: &mut Policy) -> Vec<u32> {
    let mut order: Vec<u32> = Vec::with_capacity(cases.len());
    for (i, c) in cases.iter().enumerate() {
        if c.is_none() {
            continue;
        }
        let norder = order.len();
        let j = policy.choose(ChoiceKind::Rand, norder as u32 + 1, 0) as usize;
        if j == norder {
            order.push(i as u32);
        } else {
            order.push(order[j]);
            order[j] = i as u32;
        }
    }
    order
}

/// Models the lockorder heap sort: non-nil cases sorted by channel (stable among equal channels).
pub fn lock_order(cases: &[Option<ChanId>]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..cases.len() as u32)
        .filter(|&i| cases[i as usize].is_some())
        .collect();
    crate::util::sort_by_key(&mut order, |&i| cases[i as usize]);
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::PolicyConfig;

    #[test]
    fn poll_order_is_a_permutation_of_non_nil_cases_and_varies_with_the_seed() {
        let cases = [Some(ChanId(3)), None, Some(ChanId(1)), Some(ChanId(2))];
        let mut firsts = std::collections::BTreeSet::new();
        for seed in 0..40 {
            let mut policy = Policy::new(&PolicyConfig::GoLike { seed });
            let mut order = poll_order(&cases, &mut policy);
            firsts.insert(order[0]);
            crate::util::sort(&mut order);
            assert_eq!(order, vec![0, 2, 3]);
        }
        assert_eq!(firsts.len(), 3, "every case comes first for some seed");
        assert_eq!(lock_order(&cases), vec![2, 3, 0]);
    }
}
