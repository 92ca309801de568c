//! The page: header, tabs, the selected view, the claims panel and the footer; the state they share
//! and its mirror in the URL.

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::charts::{Palette, DARK, LIGHT};
use crate::i18n::{strings, Strings};
use crate::state::{Lang, Theme, UrlState, View};
use crate::views::{reserves::ReservesView, Figure};

/// What every component may read: the reader's choices and what follows from them.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub state: RwSignal<UrlState>,
    pub lang: Memo<Lang>,
    pub palette: Memo<Palette>,
    /// Bumped on every window resize, so charts re-measure their container.
    pub resized: RwSignal<u32>,
    /// The last measured chart width: a new view draws at it at once instead of drawing twice.
    pub chart_width: RwSignal<u32>,
    /// Each built view's figure for downloads and citations, in `View::ALL` order.
    pub figures: RwSignal<[Option<Memo<Figure>>; 4]>,
}

impl Ctx {
    pub fn strings(&self) -> &'static Strings {
        strings(self.lang.get())
    }

    /// The part of the state `view`'s figures read (see `UrlState::for_view`), as a memo: a
    /// control of another view does not recompute them.
    pub fn state_of(&self, view: View) -> Memo<UrlState> {
        let state = self.state;
        Memo::new(move |_| state.with(|s| s.for_view(view)))
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// A text of the catalogue that follows the reader's language: `{tr(|t| t.share)}`.
///
/// Every use returns the same closure type, so Leptos' reactive-text code is compiled once for all
/// of them; a `move || ctx.strings().share` at each site compiled it once per string.
pub fn tr(pick: fn(&Strings) -> &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync {
    let lang = use_ctx().lang;
    move || pick(strings(lang.get()))
}

/// Logs the panic once and replaces the blank page a dead wasm would leave with a short message.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Some(el) = document().get_element_by_id("panic-message") {
            let _ = el.remove_attribute("hidden");
        }
    }));
}

fn window_search() -> String {
    window().location().search().unwrap_or_default()
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
    let (initial, warnings) = UrlState::from_query(&window_search());
    for w in warnings {
        leptos::logging::warn!("Rare Earth Explorer: {w}");
    }
    let state = RwSignal::new(initial);
    let system_dark = RwSignal::new(prefers_dark());
    let lang = Memo::new(move |_| state.with(|s| s.lang).unwrap_or_else(browser_lang));
    let dark = Memo::new(move |_| match state.with(|s| s.theme) {
        Theme::Auto => system_dark.get(),
        Theme::Light => false,
        Theme::Dark => true,
    });
    let palette = Memo::new(move |_| if dark.get() { DARK } else { LIGHT });
    let resized = RwSignal::new(0u32);
    let chart_width = RwSignal::new(640);
    let ctx = Ctx {
        state,
        lang,
        palette,
        resized,
        chart_width,
        figures: RwSignal::new([None; 4]),
    };
    provide_context(ctx);

    let _ = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    if let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") {
        let listener = gloo::events::EventListener::new(&query, "change", move |_| {
            system_dark.set(prefers_dark())
        });
        listener.forget();
    }

    // The URL follows every change of state, without a reload and without flooding the history.
    // It is written when the browser is idle, after the frame that shows the change: Chromium's
    // replaceState took 9 ms per call here (profiled), more than half a frame. A burst of changes
    // writes it once, with the latest state.
    let url_pending = StoredValue::new(false);
    Effect::new(move |_| {
        state.track();
        if !url_pending.get_value() {
            url_pending.set_value(true);
            when_idle(300, move || {
                url_pending.set_value(false);
                let query = state.with_untracked(|s| s.to_query());
                if let Ok(history) = window().history() {
                    let url = Some(query.as_str());
                    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", url);
                }
            });
        }
    });
    Effect::new(move |_| {
        let root = document().document_element();
        if let Some(root) = root {
            let _ = root.set_attribute(
                "lang",
                if lang.get() == Lang::Zh {
                    "zh-Hans"
                } else {
                    "en"
                },
            );
            let _ = root.set_attribute("data-theme", if dark.get() { "dark" } else { "light" });
        }
        document().set_title(strings(lang.get()).title);
    });

    // Embedding is decided by the URL the page was opened with and never changes afterwards: plain
    // values, not signals, so the page around the views is built once and never watched.
    let (embed, show_tabs) = state.with_untracked(|s| (s.embed, !s.embed || s.tabs));
    // The views built before they are shown, one bit per view (`View::index`). A view is built
    // when the reader reaches for its tab (pointer over it, focus on it), not when the page is
    // idle: in the release build its code is fetched on demand (`later`), so the many readers who
    // only read the first chart never download the others, and one who reaches for a tab usually
    // has it built by the time of the click.
    let ahead = RwSignal::new(0u8);
    // A panel shown again re-measures its chart (the window may have changed while it was hidden),
    // in the next frame: by then the panel is visible and has its width.
    let shown = Memo::new(move |_| state.with(|s| s.view));
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
            {show_tabs.then(|| view! { <Tabs ahead=ahead /> })}
            {View::ALL.into_iter().map(|view| view! { <ViewPanel view=view ahead=ahead /> }).collect_view()}
            <crate::newsroom::Actions />
            <crate::views::claims::ClaimsPanel />
            {if embed { view! { <EmbedFooter /> }.into_any() } else { view! { <SiteFooter /> }.into_any() }}
        </div>
    }
}

/// Runs `f` when the browser is next idle (after painting), and at the latest after `within_ms`:
/// without that bound Chromium can hold idle callbacks back for seconds after keyboard input.
/// Browsers without idle callbacks (Safari) run it after `within_ms`.
fn when_idle(within_ms: u32, f: impl FnOnce() + 'static) {
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

/// One view's tab panel. Built on its first visit (or just before, see `ahead` in `App`) and then
/// kept: switching views only hides and shows panels, so it takes no rebuilding and leaves no
/// garbage.
#[component]
fn ViewPanel(view: View, ahead: RwSignal<u8>) -> impl IntoView {
    let ctx = use_ctx();
    let selected = Memo::new(move |_| ctx.state.with(|s| s.view) == view);
    let built = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || selected.get() || ahead.get() & (1 << view.index()) != 0
    });
    // Bumped by "Try again" after the view's code failed to load.
    let attempt = RwSignal::new(0u32);
    view! {
        <section id=format!("panel-{}", view.slug()) role="tabpanel" class="view-panel"
            aria-labelledby=format!("tab-{}", view.slug()) data-view=view.slug()
            hidden=move || !selected.get()>
            <Show when=move || built.get()>
                {move || match view {
                    View::Reserves => view! { <ReservesView /> }.into_any(),
                    other => {
                        attempt.track();
                        Suspend::new(async move {
                            match later::build(other).await {
                                Ok(built) => built,
                                Err(_) => view! { <LoadFailed attempt=attempt message=|t| t.view_failed /> }.into_any(),
                            }
                        })
                        .into_any()
                    }
                }}
            </Show>
        </section>
    }
}

/// The WAI-ARIA tabs pattern: one tab stop, arrow keys move between tabs, Home and End jump.
#[component]
fn Tabs(ahead: RwSignal<u8>) -> impl IntoView {
    let ctx = use_ctx();
    // The reader is about to open this view: build it now (see `ahead` in `App`).
    let prepare = move |view: View| {
        let bit = 1 << view.index();
        if ahead.get_untracked() & bit == 0 {
            ahead.update(|bits| *bits |= bit);
        }
    };
    let select = move |view: View, focus: bool| {
        ctx.state.update(|s| s.view = view);
        if focus {
            if let Some(el) = document().get_element_by_id(&format!("tab-{}", view.slug())) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let now = ctx.state.with_untracked(|s| s.view);
        let i = now.index();
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
    view! {
        <div class="tabs" role="tablist" aria-label=tr(|t| t.views_label) on:keydown=on_key>
            {View::ALL
                .into_iter()
                .map(|view| {
                    let is_selected = move || ctx.state.with(|s| s.view == view);
                    view! {
                        <button type="button" role="tab" id=format!("tab-{}", view.slug())
                            aria-controls=format!("panel-{}", view.slug())
                            aria-selected=move || is_selected().to_string()
                            tabindex=move || if is_selected() { "0" } else { "-1" }
                            on:pointerenter=move |_| prepare(view) on:focus=move |_| prepare(view)
                            on:click=move |_| select(view, false)>
                            {move || ctx.strings().view_name(view)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Theme and language, for readers of the full page (an embed takes both from its snippet).
#[component]
fn Settings() -> impl IntoView {
    let ctx = use_ctx();
    let theme_value = move || match ctx.state.with(|s| s.theme) {
        Theme::Auto => "auto",
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    let set_theme = move |ev: leptos::ev::Event| {
        let theme = match event_target_value(&ev).as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        };
        ctx.state.update(|s| s.theme = theme);
    };
    let other = move || {
        if ctx.lang.get() == Lang::Zh {
            Lang::En
        } else {
            Lang::Zh
        }
    };
    view! {
        <div class="settings" role="group" aria-label=tr(|t| t.settings_label)>
            <label class="control inline" for="theme">
                <span class="control-label">{tr(|t| t.theme)}</span>
                <select id="theme" on:change=set_theme prop:value=theme_value>
                    <option value="auto" selected=move || theme_value() == "auto">{tr(|t| t.theme_auto)}</option>
                    <option value="light" selected=move || theme_value() == "light">{tr(|t| t.theme_light)}</option>
                    <option value="dark" selected=move || theme_value() == "dark">{tr(|t| t.theme_dark)}</option>
                </select>
            </label>
            <button type="button" class="lang-switch" lang=move || if other() == Lang::Zh { "zh-Hans" } else { "en" }
                on:click=move |_| ctx.state.update(|s| s.lang = Some(other()))>
                {tr(|t| t.switch_lang)}
            </button>
        </div>
    }
}

/// What an embed keeps of the page: where the figures come from and a way to the full explorer.
#[component]
fn EmbedFooter() -> impl IntoView {
    let ctx = use_ctx();
    let full = move || {
        let query = ctx.state.with(|s| {
            UrlState {
                embed: false,
                tabs: true,
                ..s.clone()
            }
            .to_query()
        });
        format!("{}{query}", crate::embed::base_url())
    };
    view! {
        <footer class="embed-footer">
            <span>{tr(|t| t.footer_usgs)}" · "{tr(|t| t.footer_customs)}</span>
            <a href=full target="_blank" rel="noopener">{tr(|t| t.open_full)}" ↗"</a>
        </footer>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{tr(|t| t.footer_sources)}</p>
            <ul>
                <li><a href="https://www.usgs.gov/centers/national-minerals-information-center/mineral-commodity-summaries" rel="noopener" target="_blank">
                    {tr(|t| t.footer_usgs)}</a></li>
                <li><a href="http://english.customs.gov.cn/" rel="noopener" target="_blank">{tr(|t| t.footer_customs)}</a></li>
                <li><a href="https://www.miit.gov.cn/" rel="noopener" target="_blank">{tr(|t| t.footer_miit)}</a></li>
                <li><a href="https://www.mnr.gov.cn/" rel="noopener" target="_blank">{tr(|t| t.footer_mnr)}</a></li>
            </ul>
            <p class="fine">{tr(|t| t.footer_method)}</p>
        </footer>
    }
}

/// What a panel says when its code or rows could not be fetched (the reader is offline, say):
/// the rest of the explorer keeps working, and the reader can try again.
#[component]
pub fn LoadFailed(attempt: RwSignal<u32>, message: fn(&Strings) -> &'static str) -> impl IntoView {
    view! {
        <div class="load-failed" role="alert">
            <p>{tr(message)}</p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>{tr(|t| t.retry)}</button>
        </div>
    }
}

/// The views after the first, and the list of claims: in the release build (feature `split`) their
/// code is cut out of the first download and fetched when first built (src/bin/postbuild.rs splits
/// the wasm at these functions), together with the rows only they read (`data::pack`). Reserves,
/// the view most readers open first, stays in the main module.
pub mod later {
    use super::*;
    use crate::views::claims::ClaimList;
    use crate::views::{discoveries::DiscoveriesView, exports::ExportsView, quotas::QuotasView};
    use leptos::wasm_split::SplitLoaderError;

    /// A view's code or rows did not arrive, or not intact.
    pub struct Unavailable;

    impl From<SplitLoaderError> for Unavailable {
        fn from(_: SplitLoaderError) -> Self {
            Unavailable
        }
    }

    pub async fn build(view: View) -> Result<AnyView, Unavailable> {
        #[cfg(feature = "split")]
        match view {
            View::Discoveries => with_rows(preload_discoveries()).await?,
            View::Quotas => with_rows(preload_quotas()).await?,
            _ => with_rows(preload_exports()).await?,
        }
        match view {
            View::Discoveries => on_demand!(discoveries()),
            View::Quotas => on_demand!(quotas()),
            _ => on_demand!(exports()),
        }
    }

    /// The list of the article's claims (the panel under every view).
    pub async fn claims() -> Result<AnyView, Unavailable> {
        #[cfg(feature = "split")]
        with_rows(preload_claims()).await?;
        on_demand!(claim_list())
    }

    /// Waits for `code` (a chunk's preload) and the other rows, both requests in flight at once:
    /// the rows' starts here, the code's when its (lazy) future is first polled.
    #[cfg(feature = "split")]
    async fn with_rows(
        code: impl std::future::Future<Output = Result<(), SplitLoaderError>>,
    ) -> Result<(), Unavailable> {
        let rows = crate::data::fetch_rows();
        code.await?;
        rows.await.map_err(|()| Unavailable)
    }

    /// The other rows, decoded in the views' code (so the decoder is not in the first download).
    fn rows() -> Result<(), Unavailable> {
        #[cfg(feature = "split")]
        if !crate::data::unpack_rows() {
            return Err(Unavailable);
        }
        Ok(())
    }

    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(discoveries_view, fallible, preload(preload_discoveries), wasm_split_path = ::leptos::wasm_split))]
    fn discoveries() -> Result<AnyView, Unavailable> {
        rows()?;
        Ok(view! { <DiscoveriesView /> }.into_any())
    }

    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(quotas_view, fallible, preload(preload_quotas), wasm_split_path = ::leptos::wasm_split))]
    fn quotas() -> Result<AnyView, Unavailable> {
        rows()?;
        Ok(view! { <QuotasView /> }.into_any())
    }

    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(exports_view, fallible, preload(preload_exports), wasm_split_path = ::leptos::wasm_split))]
    fn exports() -> Result<AnyView, Unavailable> {
        rows()?;
        Ok(view! { <ExportsView /> }.into_any())
    }

    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(claims, fallible, preload(preload_claims), wasm_split_path = ::leptos::wasm_split))]
    fn claim_list() -> Result<AnyView, Unavailable> {
        rows()?;
        Ok(view! { <ClaimList /> }.into_any())
    }
}
