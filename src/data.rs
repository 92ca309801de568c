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

/// The file with the rows the embedded part lacks (`pack.rs`), written beside the wasm by the
/// post-build step. Its name changes with the data, so it can be cached for good.
pub const ROWS_FILE: &str = env!("ROWS_FILE");

/// The data's version: a short hash of `data/*.csv` (build.rs). Citations name it, and the build
/// keeps a frozen copy of the widget per version under `v/<version>/` for embeds that pin one.
pub const DATA_VERSION: &str = env!("DATA_VERSION");

/// The newest date among the publications the data cites ("2026-02"): what the data is as of.
pub const DATA_AS_OF: &str = env!("DATA_AS_OF");
