//! The dataset (embedded at build time) and the figures derived from it. No DOM here and no view:
//! everything is testable natively, and the same code runs in build.rs.

pub mod derived;
pub mod model;
pub mod pack;
#[cfg(test)]
mod parse;
#[cfg(test)]
mod tests;

pub use model::*;

// A split build embeds no row of some vocabularies (quotas, exports), so some imports go unused.
#[allow(unused_imports)]
mod generated {
    use super::model::*;
    include!(concat!(env!("OUT_DIR"), "/dataset.rs"));
}

/// The dataset as `build.rs` embedded it: whole, except in a split build (the release wasm),
/// where it is the part the first view reads (views/reserves/rows.rs); the rest comes on demand
/// (components/on_demand.rs).
pub fn dataset() -> &'static Dataset {
    &generated::DATASET
}

/// The `<meta name>` under which each page gives the name of the file with the rows the embedded
/// part lacks (`pack.rs`), written beside the wasm by the post-build step and named by the hash of
/// its bytes, so it can be cached for good. The wasm is compiled before that file exists: it reads
/// the name from the page (no-cache, always this build's), so it cannot go stale.
pub const ROWS_META: &str = "rare-earth-explorer-rows";
/// The selector of that `<meta>` (a constant: no formatting code in the first download).
pub const ROWS_META_SELECTOR: &str = "meta[name=rare-earth-explorer-rows]";

/// The data's version: a short hash of `data/*.csv` (build.rs). Citations name it, and the build
/// keeps a frozen copy of the widget per version under `v/<version>/` for embeds that pin one.
pub const DATA_VERSION: &str = env!("DATA_VERSION");

/// The newest date among the publications the data cites ("2026-02"): what the data is as of.
pub const DATA_AS_OF: &str = env!("DATA_AS_OF");
