//! A sentence that leads to another view ("Why the value fell: oxide prices, year by year"): a real
//! link, so it opens in a new tab or copies as one; a plain click switches views in place, as the
//! tab would, and moves focus to that tab so a keyboard or screen reader follows.

use leptos::prelude::*;
use web_sys::MouseEvent;

use crate::context::use_ctx;

#[component]
pub fn ViewLink(
    /// The view's URL name, written out: a view folder does not import another (the end-to-end
    /// tests follow each link).
    view: &'static str,
    #[prop(into)] label: Signal<&'static str>,
) -> impl IntoView {
    let ctx = use_ctx();
    // An embed locked to one view (`tabs=0`) has nowhere to go.
    let shown = move || ctx.page.with(|p| !p.embed || p.tabs);
    let href = move || {
        ctx.query.with(|q| {
            let mut q = q.clone();
            q.set("view", Some(view.to_string()));
            let mut order = vec!["view"];
            order.extend(q.keys().filter(|k| *k != "view"));
            q.to_search(&order)
        })
    };
    let go = move |ev: MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        ctx.edit_page(|p| p.view = view);
        if let Some(tab) = document().get_element_by_id(&format!("tab-{view}")) {
            if let Ok(tab) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(tab) {
                tab.scroll_into_view_with_bool(false);
                let _ = tab.focus();
            }
        }
    };
    view! {
        <Show when=shown>
            <p class="view-link">
                <a href=href on:click=go>{move || label.get()}<span aria-hidden="true">" →"</span></a>
            </p>
        </Show>
    }
}

/// The link as the build-time copy prints it: to the other view's own page in `lang`, which also
/// carries its copy, so it works before the app runs and without JavaScript.
#[cfg(not(target_arch = "wasm32"))]
pub fn view_link_html(view: &str, lang: crate::i18n::Lang, label: &str) -> String {
    format!(
        "<p class=\"view-link\"><a href=\"{view}-{}.html\">{}<span aria-hidden=\"true\"> →</span></a></p>",
        lang.code(),
        crate::html::escape(label)
    )
}
