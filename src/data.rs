//! The dataset (embedded at build time) and the figures derived from it. No DOM here: everything is
//! testable natively.

pub mod derived;
pub mod model;
#[cfg(test)]
mod parse;
#[cfg(test)]
mod tests;

pub use model::*;

mod generated {
    use super::model::*;
    include!(concat!(env!("OUT_DIR"), "/dataset.rs"));
}

/// The whole dataset, as `build.rs` embedded it.
pub fn dataset() -> &'static Dataset {
    &generated::DATASET
}
