//! The page's footer: where the figures come from, which data this is and what changed in it, in an
//! embed a way to the full explorer, and in a pinned copy a line when newer data exists.

use leptos::prelude::*;

use crate::components::on_demand::{Loader, Loading, OnDemand, Unavailable};
use crate::context::{base_url, tr, use_ctx};
use crate::data::{CurrentData, CURRENT_FILE, DATA_AS_OF, DATA_VERSION};
use crate::i18n::{fill, Lang, Strings};
use crate::url::{Page, Warnings};
use crate::views::url_order;

/// "Data as of February 2026 · version 064ce4e1": which data the reader sees, as a citation names
/// it and a pinned embed keeps it.
fn data_as_of() -> impl Fn() -> String {
    let ctx = use_ctx();
    move || data_as_of_text(ctx.lang.get(), ctx.strings())
}

pub fn data_as_of_text(lang: crate::i18n::Lang, t: &Strings) -> String {
    fill(
        t.data_as_of,
        &[
            ("date", &crate::format::date(DATA_AS_OF, lang)),
            ("version", DATA_VERSION),
        ],
    )
}

/// What an embed keeps of the page: where the figures come from and a way to the full explorer.
#[component]
pub fn EmbedFooter() -> impl IntoView {
    let ctx = use_ctx();
    let full = move || {
        let mut q = ctx.query.get();
        let mut page = Page::read(&q, ctx.views, &mut Warnings::default());
        page.embed = false;
        page.tabs = true;
        page.write(&mut q);
        format!("{}{}", base_url(), q.to_search(&url_order()))
    };
    view! {
        <footer class="embed-footer">
            <span>{tr(|t| t.footer_usgs)}" · "{tr(|t| t.footer_customs)}</span>
            <span><span class="data-as-of">{data_as_of()}</span>{what_changed(true)}</span>
            <a href=full target="_blank" rel="noopener">{tr(|t| t.open_full)}" ↗"</a>
        </footer>
        <NewerData />
    }
}

/// The footer's " · What changed (7)" after the data's line: the build-time copy's markup
/// (`corrections::link_html`), in the reader's language.
fn what_changed(in_frame: bool) -> impl IntoView {
    let ctx = use_ctx();
    let html = move || crate::corrections::link_html(ctx.lang.get(), ctx.strings(), in_frame);
    view! { <span inner_html=html></span> }
}

/// A text of the catalogue.
type Text = fn(&Strings) -> &'static str;

/// The publishers the footer links, with their names in the catalogue.
pub const FOOTER_LINKS: [(&str, Text); 4] = [
    (
        "https://www.usgs.gov/centers/national-minerals-information-center/mineral-commodity-summaries",
        |t| t.footer_usgs,
    ),
    ("https://english.customs.gov.cn/", |t| t.footer_customs),
    ("https://www.miit.gov.cn/", |t| t.footer_miit),
    ("https://www.mnr.gov.cn/", |t| t.footer_mnr),
];

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{tr(|t| t.footer_sources)}</p>
            <ul>
                {FOOTER_LINKS
                    .map(|(href, name)| view! {
                        <li><a href=href rel="noopener" target="_blank">{tr(name)}</a></li>
                    })
                    .collect_view()}
            </ul>
            <p class="fine">{tr(|t| t.footer_method)}</p>
            <p class="fine"><span class="data-as-of">{data_as_of()}</span>{what_changed(false)}</p>
            <NewerData />
        </footer>
    }
}

/// The folder above this page when the page is a frozen copy of this data (`…/v/<version>/`):
/// where the current data's file and pages are. `None` for the current pages themselves.
fn pinned_root() -> Option<String> {
    let path = window().location().pathname().ok()?;
    let at = path.find(&format!("/v/{DATA_VERSION}/"))?;
    Some(path[..=at].to_string())
}

/// In a frozen copy (`v/<version>/`, docs/embedding.md "Versions"), one line when the site has
/// newer data, with a link to the current version of this page; the copy's figures stay as they
/// are. Its code comes on demand, and only in a frozen copy: the current pages never ask.
#[component]
fn NewerData() -> impl IntoView {
    pinned_root().map(|_| {
        view! {
            <OnDemand load=Loader::new(|()| load_newer_data()) height=0 failed=|t| t.load_failed
                on_failure=Callback::new(|()| ()) />
        }
    })
}

fn load_newer_data() -> Loading {
    #[cfg(feature = "split")]
    return crate::components::on_demand::split_code(Box::pin(preload_newer_data()), || {
        Box::pin(newer_data())
    });
    #[cfg(not(feature = "split"))]
    Box::pin(std::future::ready(newer_data()))
}

/// Asks the top of the site which data is current (`CURRENT_FILE`, same origin, never cached) and
/// says so when it is not this copy's. The file is read as data of a fixed shape
/// (`CurrentData::checked`) and only its checked date is printed, as text.
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(newer_data, fallible, preload(preload_newer_data), wasm_split_path = ::leptos::wasm_split))]
fn newer_data() -> Result<AnyView, Unavailable> {
    let ctx = use_ctx();
    let current = RwSignal::new(None::<CurrentData>);
    leptos::task::spawn_local(async move {
        if let Some(found) = read_current().await.filter(|c| c.version != DATA_VERSION) {
            current.set(Some(found));
        }
    });
    let link = move || {
        let root = pinned_root().unwrap_or_default();
        let path = window().location().pathname().unwrap_or_default();
        let page = path.rsplit('/').next().unwrap_or_default();
        let mut q = ctx.query.get();
        let embed = ctx.page.with(|p| p.embed);
        if embed {
            // From an embed, the current version opens as the full explorer, as "Open the full
            // explorer" does; the article keeps its pinned figures.
            let mut page = Page::read(&q, ctx.views, &mut Warnings::default());
            page.embed = false;
            page.tabs = true;
            page.write(&mut q);
        }
        (
            format!("{root}{page}{}", q.to_search(&url_order())),
            embed.then_some("_blank"),
        )
    };
    Ok(view! {
        <p class="fine newer-data" role="status">
            {move || current.get().map(|c| {
                let (lang, t) = (ctx.lang.get(), ctx.strings());
                let (href, target) = link();
                view! {
                    {newer_data_text(&c, lang, t)}{t.colon}
                    <a href=href target=target rel="noopener">{t.newer_data_link}</a>
                    {t.full_stop}
                }
            })}
        </p>
    }
    .into_any())
}

/// The current data as `CURRENT_FILE` gives it, if the file is there and has its shape.
async fn read_current() -> Option<CurrentData> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let url = format!("../../{CURRENT_FILE}");
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str_and_init(&url, &init))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    // A few dozen bytes: anything long is not the file.
    if text.len() > 512 {
        return None;
    }
    let value = js_sys::JSON::parse(&text).ok()?;
    let get = |key: &str| js_sys::Reflect::get(&value, &key.into()).ok();
    CurrentData::checked(
        get("version").and_then(|v| v.as_string()),
        get("as_of").and_then(|v| v.as_string()),
        get("corrections").and_then(|v| v.as_f64()),
    )
}

/// "Newer data is available (as of March 2026)", with ", with corrections to published figures"
/// when the newer data corrected some.
pub fn newer_data_text(current: &CurrentData, lang: Lang, t: &Strings) -> String {
    fill(
        if current.corrections > 0 {
            t.newer_data_corrected
        } else {
            t.newer_data
        },
        &[("date", &crate::format::date(&current.as_of, lang))],
    )
}
