//! Sorting through one shared instance of the standard library's stable sort.
//!
//! `slice::sort_by` is monomorphised for every element type and comparison: in the web app's
//! wasm, twenty instances of the driftsort code took about 70 KB before `wasm-opt` (see
//! docs/web-size.md). These functions sort a vector of indices with a `dyn` comparison instead,
//! so all callers share one instance, then move the elements into place by following the
//! permutation's cycles. They are stable, like `slice::sort_by`, and cost one `u32` per element.
//! The compiler, the runtime and the web app use them instead of `sort*`; clippy's
//! `disallowed-methods` (clippy.toml) keeps it that way.

use std::cmp::Ordering;

/// Sorts `v` stably by `compare`.
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let n = u32::try_from(v.len()).expect("sort_by: more than u32::MAX elements");
    // Short slices (a select's cases, a type's methods) need no allocation.
    let mut small = [0u32; 32];
    let mut large = Vec::new();
    let order: &mut [u32] = if v.len() <= small.len() {
        &mut small[..v.len()]
    } else {
        large.resize(v.len(), 0);
        &mut large
    };
    for (i, slot) in (0..n).zip(order.iter_mut()) {
        *slot = i;
    }
    let items: &[T] = v;
    sort_indices(order, &mut |a, b| {
        compare(&items[a as usize], &items[b as usize])
    });
    permute(v, order);
}

/// Sorts `v` stably by the key `key` returns.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in ascending order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one instance of the standard library's sort.
#[inline(never)]
fn sort_indices(order: &mut [u32], compare: &mut dyn FnMut(u32, u32) -> Ordering) {
    #[allow(clippy::disallowed_methods)]
    order.sort_by(|&a, &b| compare(a, b));
}

/// Rearranges `v` so that position `i` holds what was at `order[i]`; leaves `order` as the identity.
fn permute<T>(v: &mut [T], order: &mut [u32]) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        // Pairs sorted by their first half only: stability shows in the second half's order.
        let mut seed = 0x2545_f491_u32;
        for len in [0usize, 1, 2, 3, 7, 20, 21, 100, 1000] {
            let mut v: Vec<(u8, u32)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    ((seed % 7) as u8, i as u32)
                })
                .collect();
            let mut want = v.clone();
            #[allow(clippy::disallowed_methods)]
            want.sort_by_key(|p| p.0);
            sort_by_key(&mut v, |p| p.0);
            assert_eq!(v, want, "len {len}");
        }
    }

    #[test]
    fn sorts_owned_values_and_reverse_order() {
        let mut v: Vec<String> = ["pear", "fig", "apple", "fig", "kiwi"]
            .map(String::from)
            .into();
        sort(&mut v);
        assert_eq!(v, ["apple", "fig", "fig", "kiwi", "pear"]);
        let mut w: Vec<i64> = (0..50).collect();
        sort_by(&mut w, |a, b| b.cmp(a));
        assert_eq!(w, (0..50).rev().collect::<Vec<_>>());
    }
}
