//! The dataset (embedded at build time) and the figures derived from it. No DOM here: everything is
//! testable natively.

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
/// where it is the part the first view reads (`Dataset::first_view`).
pub fn dataset() -> &'static Dataset {
    &generated::DATASET
}

/// The file with the other rows (`pack.rs`), written beside the wasm by the post-build step. Its
/// name changes with the data, so it can be cached for good.
pub const ROWS_FILE: &str = env!("ROWS_FILE");

/// The whole dataset, for the views other than the first and for the newsroom kit. In a split
/// build it is whole once such a view has loaded the other rows (`fetch_rows`, `unpack_rows`);
/// before that, no code that reads those rows has run.
pub fn whole() -> &'static Dataset {
    #[cfg(feature = "split")]
    if let Some(d) = fetched::WHOLE.get() {
        return d;
    }
    dataset()
}

#[cfg(feature = "split")]
pub use fetched::{fetch_rows, unpack_rows};

#[cfg(feature = "split")]
mod fetched {
    use super::{dataset, pack, Dataset, ROWS_FILE};
    use std::cell::Cell;
    use std::future::Future;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    thread_local! {
        static ROWS: Cell<Option<&'static str>> = const { Cell::new(None) };
        pub static WHOLE: Cell<Option<&'static Dataset>> = const { Cell::new(None) };
    }

    /// Fetches the other rows. The request starts when this is called, not when the future is
    /// first polled, so it travels alongside the view's code. Ready at once once they are here.
    pub fn fetch_rows() -> impl Future<Output = Result<(), ()>> + Send {
        let needed = ROWS.get().is_none() && WHOLE.get().is_none();
        let request = needed.then(|| leptos::prelude::window().fetch_with_str(ROWS_FILE));
        // Single-threaded wasm: the JS values never leave the thread Leptos's `Send` bound guards.
        send_wrapper::SendWrapper::new(async move {
            let Some(request) = request else {
                return Ok(());
            };
            let response: web_sys::Response = JsFuture::from(request)
                .await
                .map_err(drop)?
                .dyn_into()
                .map_err(drop)?;
            if !response.ok() {
                return Err(());
            }
            let text = JsFuture::from(response.text().map_err(drop)?)
                .await
                .map_err(drop)?;
            ROWS.set(Some(text.as_string().ok_or(())?.leak()));
            Ok(())
        })
    }

    /// Decodes the fetched rows, once. Called from the views' own code, so the decoder is fetched
    /// with them, not with the first view. False when the rows are missing or not this build's:
    /// they are dropped, so the next attempt fetches them again.
    pub fn unpack_rows() -> bool {
        if WHOLE.get().is_some() {
            return true;
        }
        let whole = ROWS.take().and_then(|file| pack::decode(dataset(), file));
        WHOLE.set(whole.map(|d| &*Box::leak(Box::new(d))));
        WHOLE.get().is_some()
    }
}
