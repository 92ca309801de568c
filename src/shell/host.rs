//! Living inside an editor's iframe: tell the host page our height whenever it changes, in the
//! three formats hosts already listen for (Pym.js, Datawrapper's, AMP's). See docs/embedding.md.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::{RwSignal, Set};
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};

/// The marker the loader script looks for, and the start of our Datawrapper-style height message's key.
pub const WIDGET_ID: &str = "rare-earth-explorer";

/// Heights outside this range are never sent (nor applied by the loader): an empty page or a
/// runaway layout must not collapse or stretch the host's article.
pub const MIN_HEIGHT: i32 = 150;
pub const MAX_HEIGHT: i32 = 5000;

/// The Pym.js child message: `pymxPYMx{id}xPYMxheightxPYMx{h}`.
pub fn pym_message(child_id: &str, height: i32) -> String {
    format!("pymxPYMx{child_id}xPYMxheightxPYMx{height}")
}

/// The Datawrapper message: `{"datawrapper-height": {"<key>": h}}`.
pub fn datawrapper_message(key: &str, height: i32) -> String {
    format!("{{\"datawrapper-height\":{{\"{key}\":{height}}}}}")
}

/// This instance's key in the Datawrapper message: `rare-earth-explorer-<id>`, `<id>` the Pym
/// child id (already reduced to letters, digits, `-` and `_`) or, without one, random. Datawrapper's
/// older listener resizes the first iframe whose id or address contains the key: with one key for
/// every widget, two explorers on a page got each other's heights (docs/embedding.md).
pub fn datawrapper_key(child_id: &str, random: f64) -> String {
    if child_id.is_empty() {
        // A whole number written as a float: the first view formats floats already, and an
        // integer type's formatting would add code to every reader's download (351 B brotli).
        format!("{WIDGET_ID}-{}", (random * 4_294_967_296.0).floor())
    } else {
        format!("{WIDGET_ID}-{child_id}")
    }
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
fn post_height(height: i32, child_id: &str, key: &str) {
    let window = leptos::prelude::window();
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let height = height.clamp(MIN_HEIGHT, MAX_HEIGHT);
    let _ = parent.post_message(&JsValue::from_str(&pym_message(child_id, height)), "*");
    if let Ok(message) = js_sys::JSON::parse(&datawrapper_message(key, height)) {
        let _ = parent.post_message(&message, "*");
    }
    let amp = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&amp, &"sentinel".into(), &"amp".into());
    let _ = js_sys::Reflect::set(&amp, &"type".into(), &"embed-size".into());
    let _ = js_sys::Reflect::set(&amp, &"height".into(), &height.into());
    let _ = parent.post_message(&amp, "*");
}

/// What a parent window says to the widget (docs/embedding.md, "Messages").
#[derive(Debug, PartialEq)]
pub enum FromHost {
    /// "What is your height?" (ours, or Pym's width message, which expects a height back).
    HeightRequest,
    /// The host applied this height (`None`: AMP's acknowledgement, which names none).
    HeightAck(Option<i32>),
    /// The host page is dark (`true`) or light.
    HostTheme(bool),
}

/// Reads a message from the parent; anything else is `None`, and ignored.
pub fn read_message(data: &JsValue) -> Option<FromHost> {
    if let Some(text) = data.as_string() {
        return pym_width(&text).then_some(FromHost::HeightRequest);
    }
    if !data.is_object() {
        return None;
    }
    let get = |key: &str| js_sys::Reflect::get(data, &JsValue::from_str(key)).ok();
    if let Some(kind) = get(WIDGET_ID).and_then(|k| k.as_string()) {
        return match kind.as_str() {
            "height-request" => Some(FromHost::HeightRequest),
            "height-ack" => Some(FromHost::HeightAck(
                get("height").and_then(|h| h.as_f64()).map(|h| h as i32),
            )),
            "host-theme" => get("dark")
                .and_then(|d| d.as_bool())
                .map(FromHost::HostTheme),
            _ => None,
        };
    }
    let amp = get("sentinel").and_then(|s| s.as_string()).as_deref() == Some("amp");
    let kind = get("type").and_then(|t| t.as_string()).unwrap_or_default();
    (amp && (kind == "embed-size-changed" || kind == "embed-size-denied"))
        .then_some(FromHost::HeightAck(None))
}

/// Whether `text` is Pym's parent message giving the frame's width: `pymxPYMx{id}xPYMxwidthxPYMx{w}`.
fn pym_width(text: &str) -> bool {
    let mut parts = text.split("xPYMx");
    parts.next() == Some("pym")
        && parts.next().is_some()
        && parts.next() == Some("width")
        && parts.next().is_some_and(|w| w.parse::<u32>().is_ok())
        && parts.next().is_none()
}

/// Whether the view on show is still a placeholder for a part loading on demand.
pub fn view_loading() -> bool {
    leptos::prelude::document()
        .query_selector("[role=tabpanel]:not([hidden]) .on-demand[aria-busy=true]")
        .ok()
        .flatten()
        .is_some()
}

/// After a change of height, when the widget says it again unless the host has acknowledged it:
/// a host whose listener comes late (a deferred CMS script) still hears it.
const REPEATS_MS: [i32; 6] = [250, 500, 1000, 2000, 4000, 8000];

/// Talks to the parent frame: reports the page's height whenever it changes (load, view switch,
/// table opened, resize, fonts), repeating it until acknowledged; answers height requests; asks
/// for the host's theme when `follow_host_theme` (the widget is `dark=auto`) and passes the answer
/// to `host_dark`. Does nothing outside a frame.
pub fn start(host_dark: RwSignal<Option<bool>>, follow_host_theme: bool) {
    if !in_frame() {
        return;
    }
    let window = leptos::prelude::window();
    // Pym's parent passes the child's id in the URL.
    let search = window.location().search().unwrap_or_default();
    let query = crate::url::Query::parse(&search);
    let child_id: &'static str = Box::leak(
        query
            .value("childId", &mut Default::default())
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(64)
            .collect::<String>()
            .into_boxed_str(),
    );
    let key: &'static str =
        Box::leak(datawrapper_key(child_id, js_sys::Math::random()).into_boxed_str());
    let Some(body) = leptos::prelude::document().body() else {
        return;
    };
    // The height last reported, whether the host acknowledged it, and which change it was.
    let last = Rc::new(Cell::new((0i32, false, 0u32)));
    let reported = last.clone();
    let measure = || {
        leptos::prelude::document()
            .body()
            .map(|b| b.scroll_height().max(b.offset_height()))
            .unwrap_or(0)
    };
    let on_resize = Closure::<dyn Fn()>::new(move || {
        // While the view being shown is still loading, its place is only an estimate: the host
        // hears the height once it is there, so its article moves at most once.
        if view_loading() {
            return;
        }
        let height = measure();
        let (before, _, change) = reported.get();
        if height == before {
            return;
        }
        let change = change.wrapping_add(1);
        reported.set((height, false, change));
        post_height(height, child_id, key);
        for ms in REPEATS_MS {
            let reported = reported.clone();
            let repeat = Closure::once_into_js(move || {
                let (height, acknowledged, now) = reported.get();
                if now == change && !acknowledged {
                    post_height(height, child_id, key);
                }
            });
            let _ = leptos::prelude::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(repeat.unchecked_ref(), ms);
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

    let parent = window.parent().ok().flatten();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            // Only the frame's own parent speaks to it: another frame or tab cannot move or theme it.
            let from_parent = match (ev.source(), &parent) {
                (Some(source), Some(parent)) => js_sys::Object::is(&source, parent),
                _ => false,
            };
            if !from_parent {
                return;
            }
            match read_message(&ev.data()) {
                // A view still loading answers when it is there (its first report).
                Some(FromHost::HeightRequest) if view_loading() => {}
                Some(FromHost::HeightRequest) => {
                    let height = measure();
                    let (_, _, change) = last.get();
                    last.set((height, false, change));
                    post_height(height, child_id, key);
                }
                Some(FromHost::HeightAck(acked)) => {
                    let (height, _, change) = last.get();
                    if acked.is_none_or(|a| a == height.clamp(MIN_HEIGHT, MAX_HEIGHT)) {
                        last.set((height, true, change));
                    }
                }
                Some(FromHost::HostTheme(dark)) if follow_host_theme => host_dark.set(Some(dark)),
                _ => {}
            }
        });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();

    if follow_host_theme {
        if let (Some(parent), Ok(request)) = (
            window.parent().ok().flatten(),
            js_sys::JSON::parse(&format!("{{\"{WIDGET_ID}\":\"theme-request\"}}")),
        ) {
            let _ = parent.post_message(&request, "*");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pyms_width_message_is_a_height_request_and_nothing_else_is() {
        assert!(pym_width("pymxPYMxre-1xPYMxwidthxPYMx640"));
        assert!(pym_width("pymxPYMxxPYMxwidthxPYMx320"));
        assert!(!pym_width("pymxPYMxre-1xPYMxheightxPYMx640"));
        assert!(!pym_width("pymxPYMxre-1xPYMxwidthxPYMxwide"));
        assert!(!pym_width("pymxPYMxre-1xPYMxwidthxPYMx640xPYMx1"));
        assert!(!pym_width("width 640"));
    }

    #[test]
    fn height_messages_follow_each_hosts_format() {
        assert_eq!(pym_message("re-1", 640), "pymxPYMxre-1xPYMxheightxPYMx640");
        assert_eq!(
            datawrapper_message("rare-earth-explorer-re-1", 640),
            r#"{"datawrapper-height":{"rare-earth-explorer-re-1":640}}"#
        );
    }

    #[test]
    fn each_instance_has_its_own_datawrapper_key() {
        assert_eq!(datawrapper_key("re-1", 0.5), "rare-earth-explorer-re-1");
        assert_eq!(datawrapper_key("", 0.5), "rare-earth-explorer-2147483648");
        assert_ne!(datawrapper_key("", 0.25), datawrapper_key("", 0.5));
        // Never the bare prefix, which every widget shared before.
        assert_ne!(datawrapper_key("", 0.0), WIDGET_ID);
    }
}
