//! The rows the Reserves view reads. Reserves is the first view, so a split build embeds only
//! these (build.rs includes this file) and the rest of the dataset comes on demand, with the first
//! other part a reader opens. Written against the model alone, so build.rs can compile it.

use crate::data::model::{source_ids, Dataset, Discovery, Source};

/// The part of `d` the Reserves view reads: reserves and production with the sources they cite,
/// and the Liangshan announcement it draws beside China's bar. Names (countries, publishers) come
/// whole; the other views' rows and the article's claims are left for later.
pub fn embedded(d: &Dataset) -> Dataset {
    let beside: Vec<Discovery> = d
        .discoveries
        .iter()
        .filter(|f| f.is_china_resource_addition())
        .copied()
        .collect();
    let cells = d
        .reserves
        .iter()
        .map(|r| r.sources)
        .chain(d.production.iter().map(|p| p.sources))
        .chain(beside.iter().map(|f| f.sources));
    let cited: Vec<&str> = cells.flat_map(source_ids).collect();
    let sources: Vec<Source> = d
        .sources
        .iter()
        .filter(|s| cited.contains(&s.id))
        .copied()
        .collect();
    Dataset {
        sources: sources.leak(),
        discoveries: beside.leak(),
        quotas: &[],
        quota_batches: &[],
        exports_annual: &[],
        exports_monthly: &[],
        prices: &[],
        claims: &[],
        // Only the charts of later views mark events: they come with the rows file.
        events: &[],
        magnets: &[],
        ..*d
    }
}
