//! Sorting for the explorer's short lists (at most a few dozen rows).
//!
//! The standard library's sorts are built for large inputs and cost 2–3 KB of wasm for every element
//! type they are used with; a stable insertion sort is a few hundred bytes and just as fast at
//! this size. Every reader pays for the wasm, so the views sort with these.

/// Sorts stably so that `before(a, b)` holds for every `a` placed ahead of `b` that it can.
pub fn sort_by<T>(items: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && before(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Sorts ascending and removes duplicates.
pub fn sort_unique<T: PartialOrd>(items: &mut Vec<T>) {
    sort_by(items, |a, b| a < b);
    items.dedup_by(|a, b| a == b);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_and_deduplicates() {
        let mut pairs = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by(&mut pairs, |a, b| a.0 < b.0);
        assert_eq!(
            pairs,
            vec![(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]
        );
        let mut years = vec![2025, 2020, 2025, 2024, 2020];
        sort_unique(&mut years);
        assert_eq!(years, vec![2020, 2024, 2025]);
        let mut empty: Vec<u8> = Vec::new();
        sort_unique(&mut empty);
        assert!(empty.is_empty());
    }
}
