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
/// has its code), the copy is removed in the same task, so no frame shows neither or both. A
/// reader's focus on a link of the copy moves to the same link of the app.
fn take_over() {
    use wasm_bindgen::JsCast;
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
    // Polled once a frame; a view that cannot load (its failure shows in the app) stops the wait.
    let frames = std::rc::Rc::new(std::cell::Cell::new(0u32));
    fn next(copy: web_sys::Element, frames: std::rc::Rc<std::cell::Cell<u32>>) {
        leptos::prelude::request_animation_frame(move || {
            frames.set(frames.get() + 1);
            if shell::host::view_loading() && frames.get() < 600 {
                return next(copy, frames);
            }
            let document = leptos::prelude::document();
            let focused = document
                .active_element()
                .filter(|el| copy.contains(Some(el)))
                .and_then(|el| el.get_attribute("href"));
            copy.remove();
            mark("explorer:copy-replaced");
            let again = focused.and_then(|href| {
                let href = href.replace('\\', "\\\\").replace('"', "\\\"");
                document
                    .query_selector(&format!("#app a[href=\"{href}\"]"))
                    .ok()??
                    .dyn_into::<web_sys::HtmlElement>()
                    .ok()
            });
            if let Some(link) = again {
                let _ = link.focus();
            }
        });
    }
    next(copy, frames);
}

fn mark(name: &str) {
    if let Some(performance) = leptos::prelude::window().performance() {
        let _ = performance.mark(name);
    }
}
