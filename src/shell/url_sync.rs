//! The URL: read once at start (leniently, warnings to the console) and written back after every
//! change of state, so any state can be shared.

use leptos::prelude::*;

use crate::url::{Query, Warnings};
use crate::views::{canonical, url_order};

/// The page's URL as the state starts from: canonical, what it left out logged.
pub fn initial_query() -> Query {
    let search = window().location().search().unwrap_or_default();
    let mut warnings = Warnings::default();
    let mut raw = Query::parse(&search);
    // A view's own page (`quotas-zh.html`, written by the build with its copy) is that view in
    // that language where the URL does not say otherwise.
    if let Some(root) = document()
        .document_element()
        .filter(|root| root.has_attribute("data-entry"))
    {
        for (key, attribute) in [("view", "data-copy-view"), ("lang", "data-copy-lang")] {
            if !raw.has(key) {
                raw.set(key, root.get_attribute(attribute));
            }
        }
    }
    let query = canonical(&raw, &mut warnings);
    for w in warnings.0 {
        leptos::logging::warn!("Rare Earth Explorer: {w}");
    }
    query
}

/// Keeps the URL following `query`, without a reload and without flooding the history. It is
/// written when the browser is idle, after the frame that shows the change: Chromium's
/// replaceState took 9 ms per call here (profiled), more than half a frame. A burst of changes
/// writes it once, with the latest state.
pub fn follow(query: RwSignal<Query>) {
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        query.track();
        if !pending.get_value() {
            pending.set_value(true);
            when_idle(300, move || {
                pending.set_value(false);
                let search = query.with_untracked(|q| q.to_search(&url_order()));
                if let Ok(history) = window().history() {
                    let url = Some(search.as_str());
                    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", url);
                }
            });
        }
    });
}

/// Runs `f` when the browser is next idle (after painting), and at the latest after `within_ms`:
/// without that bound Chromium can hold idle callbacks back for seconds after keyboard input.
/// Browsers without idle callbacks (Safari) run it after `within_ms`.
pub fn when_idle(within_ms: u32, f: impl FnOnce() + 'static) {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let f = wasm_bindgen::JsCast::unchecked_ref(&f);
    let window = window();
    if js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false) {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(within_ms);
        let _ = window.request_idle_callback_with_options(f, &options);
    } else {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(f, within_ms as i32);
    }
}
