//! Living inside an editor's iframe: tell the host page our height whenever it changes, in the
//! three formats hosts already listen for (Pym.js, Datawrapper's, AMP's). See docs/embedding.md.

use wasm_bindgen::{prelude::Closure, JsCast, JsValue};

/// The key of our Datawrapper-style height message, and the marker the loader script looks for.
pub const WIDGET_ID: &str = "rare-earth-explorer";

/// Heights outside this range are never sent (nor applied by the loader): an empty page or a
/// runaway layout must not collapse or stretch the host's article.
pub const MIN_HEIGHT: i32 = 150;
pub const MAX_HEIGHT: i32 = 5000;

/// The Pym.js child message: `pymxPYMx{id}xPYMxheightxPYMx{h}`.
pub fn pym_message(child_id: &str, height: i32) -> String {
    format!("pymxPYMx{child_id}xPYMxheightxPYMx{height}")
}

/// The Datawrapper message: `{"datawrapper-height": {"rare-earth-explorer": h}}`.
pub fn datawrapper_message(height: i32) -> String {
    format!("{{\"datawrapper-height\":{{\"{WIDGET_ID}\":{height}}}}}")
}

/// Whether this page is inside a frame. A cross-origin parent is still a parent: comparing the
/// window objects needs no access to it.
pub fn in_frame() -> bool {
    let window = leptos::prelude::window();
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

/// Posts `height` to the parent in all three formats.
fn post_height(height: i32, child_id: &str) {
    let window = leptos::prelude::window();
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let height = height.clamp(MIN_HEIGHT, MAX_HEIGHT);
    let _ = parent.post_message(&JsValue::from_str(&pym_message(child_id, height)), "*");
    if let Ok(message) = js_sys::JSON::parse(&datawrapper_message(height)) {
        let _ = parent.post_message(&message, "*");
    }
    let amp = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&amp, &"sentinel".into(), &"amp".into());
    let _ = js_sys::Reflect::set(&amp, &"type".into(), &"embed-size".into());
    let _ = js_sys::Reflect::set(&amp, &"height".into(), &height.into());
    let _ = parent.post_message(&amp, "*");
}

/// Watches the page's height (load, view switch, table opened, resize, fonts) and reports every
/// change to the parent frame. Does nothing outside a frame.
pub fn report_height() {
    if !in_frame() {
        return;
    }
    let window = leptos::prelude::window();
    // Pym's parent passes the child's id in the URL.
    let search = window.location().search().unwrap_or_default();
    let query = crate::url::Query::parse(&search);
    let child_id: String = query
        .value("childId", &mut Default::default())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect();
    let Some(body) = leptos::prelude::document().body() else {
        return;
    };
    let last = std::cell::Cell::new(0);
    let on_resize = Closure::<dyn Fn()>::new(move || {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        let height = body.scroll_height().max(body.offset_height());
        if height != last.get() {
            last.set(height);
            post_height(height, &child_id);
        }
    });
    match web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        Ok(observer) => observer.observe(&body),
        Err(_) => {
            let _ = window
                .add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref());
        }
    }
    // The observer lives as long as the page.
    on_resize.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn height_messages_follow_each_hosts_format() {
        assert_eq!(pym_message("re-1", 640), "pymxPYMxre-1xPYMxheightxPYMx640");
        assert_eq!(
            datawrapper_message(640),
            r#"{"datawrapper-height":{"rare-earth-explorer":640}}"#
        );
    }
}
