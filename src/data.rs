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
