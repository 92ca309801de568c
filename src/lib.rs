//! Rare Earth Explorer: China's rare earth reserves, discoveries, mining quotas and exports, with
//! every figure traced to its source.
//!
//! Data flows one way, and no module imports one that imports it back:
//! `data` (the dataset and its derived figures) → `url` (what the reader chose) → `figure` (what a
//! view shows, with `charts`) → `context` (shared reader state) → `components` → `views` (the
//! registry and one folder per view) → `claims`, `corrections`, `newsroom` → `shell` (the page).
//! See docs/architecture.md.

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
#[cfg(not(target_arch = "wasm32"))]
pub mod copy;
#[cfg(test)]
mod copy_deck;
pub mod corrections;
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
    take_over();
}

/// The page's build-time copy (src/copy.rs) goes once the app shows the same thing: the app is
/// mounted behind it, out of sight, and when the view on show is built (a view loaded on demand
/// has its code), the copy is removed in the same task, so no frame shows neither or both.
/// The copy's script (`copy.js`) hears of both moments and carries the reader's taps on the copy
/// over to the app: the view asked for as soon as the app is mounted (`explorer:app-mounted`), so
/// the wait is for that view; the other taps once it is up, just before the copy goes
/// (`explorer:take-over`), and the focus after (`explorer:copy-replaced`). The copy may have been
/// swapped for another view's meanwhile: it is found again each time.
fn take_over() {
    let document = leptos::prelude::document();
    let Some(copy) = document.get_element_by_id("copy") else {
        return;
    };
    let wrong = document
        .document_element()
        .is_some_and(|root| root.has_attribute("data-no-copy"));
    if wrong {
        copy.remove();
        return;
    }
    tell("explorer:app-mounted");
    // Polled once a frame; a view that cannot load (its failure shows in the app) stops the wait.
    fn next(frames: u32) {
        leptos::prelude::request_animation_frame(move || {
            if shell::host::view_loading() && frames < 600 {
                return next(frames + 1);
            }
            let Some(copy) = leptos::prelude::document().get_element_by_id("copy") else {
                return;
            };
            tell("explorer:take-over");
            copy.remove();
            mark("explorer:copy-replaced");
            tell("explorer:copy-replaced");
        });
    }
    next(0);
}

/// Tells the page's own scripts (`copy.js`) that the app has reached a step of its start.
fn tell(name: &str) {
    if let Ok(event) = web_sys::Event::new(name) {
        let _ = leptos::prelude::document().dispatch_event(&event);
    }
}

fn mark(name: &str) {
    if let Some(performance) = leptos::prelude::window().performance() {
        let _ = performance.mark(name);
    }
}
