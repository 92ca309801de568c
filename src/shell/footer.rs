//! The page's footer: where the figures come from, and in an embed a way to the full explorer.

use leptos::prelude::*;

use crate::context::{base_url, tr, use_ctx};
use crate::data::{DATA_AS_OF, DATA_VERSION};
use crate::i18n::{fill, Strings};
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
            <span class="data-as-of">{data_as_of()}</span>
            <a href=full target="_blank" rel="noopener">{tr(|t| t.open_full)}" ↗"</a>
        </footer>
    }
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
            <p class="fine data-as-of">{data_as_of()}</p>
        </footer>
    }
}
