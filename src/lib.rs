//! Rare Earth Explorer: China's rare earth reserves, discoveries, mining quotas and exports, with
//! every figure traced to its source.
//!
//! Data flows one way, and no module imports one that imports it back:
//! `data` (the dataset and its derived figures) → `url` (what the reader chose) → `figure` (what a
//! view shows, with `charts`) → `context` (shared reader state) → `components` → `views` (the
//! registry and one folder per view) → `claims`, `newsroom` → `shell` (the page). See
//! docs/architecture.md.

/// Calls a function marked `#[wasm_split]` (code fetched on demand, see components/on_demand.rs):
/// in the split build the mark makes it async, without the split it stays a plain call.
macro_rules! on_demand {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let result = $call.await;
        #[cfg(not(feature = "split"))]
        let result = $call;
        result
    }};
}

pub mod charts;
pub mod claims;
pub mod components;
pub mod context;
#[cfg(test)]
mod copy_deck;
pub mod data;
pub mod figure;
pub mod format;
pub mod html;
pub mod i18n;
pub mod newsroom;
pub mod order;
pub mod shell;
pub mod url;
pub mod views;

/// Mounts the explorer into the page (called from `main`). The performance marks let the
/// benchmark split start-up into wasm loading, and mounting with the first render.
pub fn start() {
    shell::install_panic_hook();
    mark("explorer:start");
    // The page reserves the app's space in #app, so nothing below it moves when the wasm starts.
    match leptos::prelude::document().get_element_by_id("app") {
        Some(root) => {
            leptos::mount::mount_to(wasm_bindgen::JsCast::unchecked_into(root), shell::App).forget()
        }
        None => leptos::mount::mount_to_body(shell::App),
    }
    mark("explorer:mounted");
}

fn mark(name: &str) {
    if let Some(performance) = leptos::prelude::window().performance() {
        let _ = performance.mark(name);
    }
}
