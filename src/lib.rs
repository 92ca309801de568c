//! Rare Earth Explorer: China's rare earth reserves, discoveries, mining quotas and exports, with
//! every figure traced to its source.
//!
//! `data` and `state` hold the dataset and what the reader chose; `charts` draws; `views` has one
//! file per view; `ui` the parts every view shares; `app` puts them together in the page.

/// Calls a function marked `#[wasm_split]` (code fetched on demand, see src/bin/postbuild.rs): in
/// the split build the mark makes it async, without the split it stays a plain call.
macro_rules! on_demand {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let result = $call.await;
        #[cfg(not(feature = "split"))]
        let result = $call;
        result
    }};
}

pub mod app;
pub mod charts;
#[cfg(test)]
mod copy_deck;
pub mod data;
pub mod embed;
pub mod format;
pub mod html;
pub mod i18n;
pub mod newsroom;
pub mod order;
pub mod state;
pub mod ui;
pub mod views;

/// Mounts the explorer into the page (called from `main`). The performance marks let the
/// benchmark split start-up into wasm loading, and mounting with the first render.
pub fn start() {
    app::install_panic_hook();
    mark("explorer:start");
    // The page reserves the app's space in #app, so nothing below it moves when the wasm starts.
    match leptos::prelude::document().get_element_by_id("app") {
        Some(root) => {
            leptos::mount::mount_to(wasm_bindgen::JsCast::unchecked_into(root), app::App).forget()
        }
        None => leptos::mount::mount_to_body(app::App),
    }
    mark("explorer:mounted");
    embed::report_height();
}

fn mark(name: &str) {
    if let Some(performance) = leptos::prelude::window().performance() {
        let _ = performance.mark(name);
    }
}
