//! The page around the views: header with theme and language, the tabs, one panel per view, the
//! newsroom's buttons, the article's claims and the footer; the context every part below reads;
//! and the URL, which follows every choice. The top of the module tree: nothing imports it.

pub mod footer;
pub mod host;
mod settings;
mod tabs;
mod url_sync;

use leptos::prelude::*;

use self::footer::{EmbedFooter, SiteFooter};
use self::settings::Settings;
use self::tabs::Tabs;
use crate::charts::{DARK, LIGHT};
use crate::claims::ClaimsPanel;
use crate::components::on_demand::{Loader, OnDemand};
use crate::context::{tr, Ctx};
use crate::i18n::{strings, Lang};
use crate::newsroom::Actions;
use crate::url::{Page, Theme, Warnings};
use crate::views::{View, SLUGS};

/// Logs the panic once and replaces the blank page a dead wasm would leave with a short message.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Some(el) = document().get_element_by_id("panic-message") {
            let _ = el.remove_attribute("hidden");
        }
    }));
}

/// The browser's preferred language, when the URL does not choose one.
fn browser_lang() -> Lang {
    let preferred = window().navigator().language().unwrap_or_default();
    if preferred.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

#[component]
pub fn App() -> impl IntoView {
    let query = RwSignal::new(url_sync::initial_query());
    let page = Memo::new(move |_| query.with(|q| Page::read(q, &SLUGS, &mut Warnings::default())));
    let system_dark = RwSignal::new(prefers_dark());
    // An embed opened with `dark=auto` follows the host page once the host says which it is.
    let host_dark = RwSignal::new(None::<bool>);
    // Paper is white: while the page prints, charts are drawn in the light palette.
    let printing = RwSignal::new(false);
    let lang = Memo::new(move |_| page.with(|p| p.lang).unwrap_or_else(browser_lang));
    let dark = Memo::new(move |_| {
        !printing.get()
            && match page.with(|p| p.theme) {
                Theme::Auto => host_dark.get().unwrap_or_else(|| system_dark.get()),
                Theme::Light => false,
                Theme::Dark => true,
            }
    });
    let palette = Memo::new(move |_| if dark.get() { DARK } else { LIGHT });
    let resized = RwSignal::new(0u32);
    let ctx = Ctx {
        query,
        views: &SLUGS,
        page,
        lang,
        palette,
        resized,
        chart_width: RwSignal::new(640),
        figures: RwSignal::new(Vec::new()),
    };
    provide_context(ctx);

    let _ = window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true));
    let _ = window_event_listener(leptos::ev::afterprint, move |_| printing.set(false));
    let _ = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    if let Ok(Some(media)) = window().match_media("(prefers-color-scheme: dark)") {
        let listener = gloo::events::EventListener::new(&media, "change", move |_| {
            system_dark.set(prefers_dark())
        });
        listener.forget();
    }
    url_sync::follow(query);
    host::start(host_dark, page.with_untracked(|p| p.theme == Theme::Auto));
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let code = if lang.get() == Lang::Zh {
                "zh-Hans"
            } else {
                "en"
            };
            let _ = root.set_attribute("lang", code);
            let _ = root.set_attribute("data-theme", if dark.get() { "dark" } else { "light" });
        }
        document().set_title(strings(lang.get()).title);
    });

    // Embedding is decided by the URL the page was opened with and never changes afterwards: plain
    // values, not signals, so the page around the views is built once and never watched.
    let (embed, show_tabs) = page.with_untracked(|p| (p.embed, !p.embed || p.tabs));
    // The views built before they are shown (`View::bit`): each one the pointer or the focus
    // reaches for (its tab), and, once the reader has done something with the widget, the others
    // one at a time when the page is idle, so a first click on another tab is as quick as any
    // later one. Never for a reader who only reads the first view (issue #23): their bytes.
    let reached = RwSignal::new(0u32);
    if show_tabs && fetches_ahead() {
        when_engaged(move || build_when_idle(reached, page.with_untracked(|p| p.view)));
    }
    // A panel shown again re-measures its chart (the window may have changed while it was hidden),
    // in the next frame: by then the panel is visible and has its width.
    let shown = Memo::new(move |_| page.with(|p| p.view));
    Effect::new(move |_| {
        // Read, not only tracked: a memo nobody has read never computes, so it never changes.
        let _view = shown.get();
        request_animation_frame(move || resized.update(|n| *n = n.wrapping_add(1)));
    });

    view! {
        <div class=if embed { "app embed" } else { "app" }>
            {(!embed).then(|| view! {
                <header class="masthead">
                    <Settings />
                    <h1>{tr(|t| t.title)}</h1>
                    <p class="dek">{tr(|t| t.dek)}</p>
                </header>
            })}
            {show_tabs.then(|| view! { <Tabs reached=reached /> })}
            {View::ALL.into_iter().map(|view| view! { <ViewPanel view=view reached=reached /> }).collect_view()}
            <Actions />
            <ClaimsPanel />
            {if embed { view! { <EmbedFooter /> }.into_any() } else { view! { <SiteFooter /> }.into_any() }}
        </div>
    }
}

/// Builds the views not yet built, hidden, one after the other in idle periods (each is one task
/// of a few tens of ms once its code and rows are here: unpacked, its figure drawn), starting once
/// nothing is loading. Stops at the first part that could not be loaded (the reader is offline:
/// the view will say so when opened). Not for an embed locked to one view, nor where nothing is
/// fetched ahead.
fn build_when_idle(reached: RwSignal<u32>, shown: &'static str) {
    url_sync::when_idle(IDLE_BUILD_WITHIN_MS, move || {
        let doc = document();
        let found = |selector: &str| doc.query_selector(selector).ok().flatten().is_some();
        if found(".load-failed") {
            return;
        }
        if found(".on-demand[aria-busy=true]") {
            return build_when_idle(reached, shown);
        }
        let built = reached.get_untracked();
        let next = View::ALL
            .into_iter()
            .find(|v| v.slug() != shown && built & v.bit() == 0);
        if let Some(view) = next {
            reached.update(|bits| *bits |= view.bit());
            build_when_idle(reached, shown);
        }
    });
}

/// At the latest this long after the last step, the next idle build runs even if the browser has
/// not been idle (Chromium can hold idle callbacks back for seconds).
const IDLE_BUILD_WITHIN_MS: u32 = 2000;

/// Whether what the reader has not asked for may be fetched ahead: not when they asked the
/// browser to save data, nor on a 2G or 3G connection (`copy.js` reads `navigator.connection`
/// before the first paint and marks the page).
fn fetches_ahead() -> bool {
    document()
        .document_element()
        .is_some_and(|root| !root.has_attribute("data-no-prefetch"))
}

/// Runs `f` once the reader has interacted with the widget: a tap, a key, a change (`copy.js`
/// marks the page `data-engaged` and says `explorer:engaged`, before or after the app started).
fn when_engaged(f: impl FnOnce() + 'static) {
    let doc = document();
    if doc
        .document_element()
        .is_some_and(|root| root.has_attribute("data-engaged"))
    {
        return f();
    }
    gloo::events::EventListener::once(&doc, "explorer:engaged", move |_| f()).forget();
}

/// One view's tab panel. Built on its first visit (or just before, see `reached` in `App`) and
/// then kept: switching views only hides and shows panels, so it takes no rebuilding and leaves no
/// garbage.
#[component]
fn ViewPanel(view: View, reached: RwSignal<u32>) -> impl IntoView {
    let ctx = crate::context::use_ctx();
    let slug = view.slug();
    let selected = Memo::new(move |_| ctx.page.with(|p| p.view) == slug);
    let built = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || selected.get() || reached.get() & view.bit() != 0
    });
    view! {
        <section id=format!("panel-{slug}") role="tabpanel" class="view-panel"
            aria-labelledby=format!("tab-{slug}") data-view=slug
            hidden=move || !selected.get()>
            <Show when=move || built.get()>
                {move || view.ready().unwrap_or_else(|| {
                    let load = Loader::new(move |()| view.load());
                    view! {
                        <OnDemand load=load height=view.expected_height() failed=|t| t.view_failed />
                    }
                    .into_any()
                })}
            </Show>
        </section>
    }
}
