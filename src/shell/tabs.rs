//! The view tabs: the WAI-ARIA tabs pattern, one tab stop, arrow keys move between tabs, Home and
//! End jump. Each tab is listed from the registry.

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::context::{tr, use_ctx};
use crate::views::View;

#[component]
pub fn Tabs(reached: RwSignal<u32>) -> impl IntoView {
    let ctx = use_ctx();
    // The reader is about to open this view: build it now (see `reached` in `App`), unless
    // nothing is fetched ahead (Save-Data, a slow connection).
    let prepare = move |view: View| {
        if reached.get_untracked() & view.bit() == 0 && super::fetches_ahead() {
            reached.update(|bits| *bits |= view.bit());
        }
    };
    let select = move |view: View, focus: bool| {
        ctx.edit_page(|p| p.view = view.slug());
        if focus {
            if let Some(el) = document().get_element_by_id(&format!("tab-{}", view.slug())) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let now = ctx.page.with_untracked(|p| p.view);
        let i = View::ALL.iter().position(|v| v.slug() == now).unwrap_or(0);
        let n = View::ALL.len();
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        select(View::ALL[next], true);
    };
    // Where the tabs do not all fit (a phone), the row scrolls: keep the selected one in sight,
    // from the first paint (a deep link to the last view) and after every change.
    let list = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let slug = ctx.page.with(|p| p.view);
        let (Some(list), Some(tab)) = (
            list.get(),
            document().get_element_by_id(&format!("tab-{slug}")),
        ) else {
            return;
        };
        if let Ok(tab) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(tab) {
            let centre = tab.offset_left() + tab.offset_width() / 2 - list.client_width() / 2;
            list.set_scroll_left(centre.max(0));
        }
    });
    view! {
        <div class="tabs" role="tablist" node_ref=list aria-label=tr(|t| t.views_label) on:keydown=on_key>
            {View::ALL
                .into_iter()
                .map(|view| {
                    let slug = view.slug();
                    let is_selected = move || ctx.page.with(|p| p.view == slug);
                    view! {
                        <button type="button" role="tab" id=format!("tab-{slug}")
                            aria-controls=format!("panel-{slug}")
                            aria-selected=move || is_selected().to_string()
                            tabindex=move || if is_selected() { "0" } else { "-1" }
                            on:pointerenter=move |_| prepare(view) on:focus=move |_| prepare(view)
                            on:click=move |_| select(view, false)>
                            {move || view.name(ctx.strings())}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
