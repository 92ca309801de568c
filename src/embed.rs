//! Living inside an editor's iframe: tell the host page our height whenever it changes, in the three
//! formats hosts already listen for (Pym.js, Datawrapper's, AMP's), and build the snippet an editor
//! pastes.

use wasm_bindgen::{prelude::Closure, JsCast, JsValue};

use crate::html::escape;
use crate::state::UrlState;

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
    let child_id: String =
        crate::state::parse_query(&window.location().search().unwrap_or_default())
            .into_iter()
            .find(|(k, _)| k == "childId")
            .map(|(_, v)| {
                v.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .take(64)
                    .collect::<String>()
            })
            .unwrap_or_default();
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

/// Where the explorer is served, without query: the base of every link and snippet.
pub fn base_url() -> String {
    let location = leptos::prelude::window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// Options an editor picks in the Embed dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOptions {
    pub state: UrlState,
    pub lock_view: bool,
}

/// The iframe URL for an embed of `options`.
pub fn embed_url(base: &str, options: &EmbedOptions) -> String {
    let mut state = options.state.clone();
    state.embed = true;
    state.tabs = !options.lock_view;
    format!("{base}{}", state.to_query())
}

/// The snippet an editor pastes: an iframe with a title and a sensible height, the loader script
/// that keeps the height right, and a link for readers whose page runs no scripts.
pub fn snippet(base: &str, options: &EmbedOptions, title: &str) -> String {
    let src = escape(&embed_url(base, options));
    let mut page = options.state.clone();
    page.embed = false;
    page.tabs = true;
    let page_url = escape(&format!("{base}{}", page.to_query()));
    let script = escape(&format!("{}embed.js", base.trim_end_matches("index.html")));
    let title = escape(title);
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" data-{WIDGET_ID} width=\"100%\" height=\"720\" \
loading=\"lazy\" style=\"border:0;width:100%;max-width:100%\"></iframe>\n\
<script src=\"{script}\" async></script>\n\
<noscript><a href=\"{page_url}\">{title}</a></noscript>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Lang, Theme, View};

    #[test]
    fn height_messages_follow_each_hosts_format() {
        assert_eq!(pym_message("re-1", 640), "pymxPYMxre-1xPYMxheightxPYMx640");
        assert_eq!(
            datawrapper_message(640),
            r#"{"datawrapper-height":{"rare-earth-explorer":640}}"#
        );
    }

    #[test]
    fn the_snippet_embeds_the_chosen_state_and_the_loader() {
        let state = UrlState {
            view: View::Quotas,
            theme: Theme::Dark,
            lang: Some(Lang::Zh),
            tabs: true,
            ..UrlState::default()
        };
        let options = EmbedOptions {
            state,
            lock_view: true,
        };
        let s = snippet("https://example.org/explorer/", &options, "Rare \"Earth\"");
        assert!(s.contains(
            "src=\"https://example.org/explorer/?view=quotas&amp;embed=1&amp;tabs=0&amp;theme=dark&amp;lang=zh\""
        ));
        assert!(s.contains("title=\"Rare &quot;Earth&quot;\""));
        assert!(s.contains("<script src=\"https://example.org/explorer/embed.js\" async></script>"));
        assert!(s.contains("loading=\"lazy\""));
        assert!(s.contains("<noscript><a href=\"https://example.org/explorer/?view=quotas&amp;theme=dark&amp;lang=zh\">"));
    }
}
