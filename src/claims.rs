//! "What the article says": each claim of the source article with its verdict, a sentence of
//! context and the publications behind it, under every view, the current view's claims first.
//! The list's code and rows come on demand, when the reader reaches for its toggle.

use leptos::prelude::*;

use crate::components::on_demand::{full_dataset, part_on_demand, Loader, OnDemand};
use crate::context::{tr, use_ctx};
use crate::data::derived::{
    batch_change, default_edition, editions, export_period, liangshan, quota, quota_change,
    reserve, world_reserves, QuotaSeries,
};
use crate::data::{Claim, Dataset, Verdict};
use crate::data::{SourceKind, WORLD};
use crate::figure::html::sources_html;
use crate::figure::sources_of;
use crate::format::{change_in_words, count, date, month, month_range, tonnes, tonnes_short, year};
use crate::html::element;
use crate::i18n::{fill, Lang, Strings};
use crate::views::exports::figure::{
    ndpr_prices, price_per_tonne, price_span, ARTICLE_SPAN, ARTICLE_YEAR, PRICE_BEFORE, PRICE_NOW,
};

pub fn verdict_name(v: Verdict, t: &Strings) -> &'static str {
    match v {
        Verdict::Confirmed => t.verdict_confirmed,
        Verdict::NeedsContext => t.verdict_needs_context,
        Verdict::NotSupported => t.verdict_not_supported,
    }
}

/// The claims about the view being read (by its URL name) first, then the rest, each group in
/// dataset order.
pub fn ordered(d: &Dataset, view: &str) -> Vec<&'static Claim> {
    let mut claims: Vec<&'static Claim> = d.claims.iter().collect();
    crate::order::sort_by(&mut claims, |a, b| {
        a.view.slug() == view && b.view.slug() != view
    });
    claims
}

/// The claim's figure and wording (the article's, as it gives them) and our explanation, in the
/// reader's language. An explanation names its figures by `{placeholder}` (`figures`): they
/// come from the tables, so the card says what the views say, edition for edition.
pub fn texts(
    d: &Dataset,
    c: &Claim,
    lang: Lang,
    t: &Strings,
) -> (&'static str, &'static str, String) {
    let (figure, claim, why) = match lang {
        Lang::En => (c.figure, c.claim_en, c.explanation_en),
        Lang::Zh => (c.figure_zh, c.claim_zh, c.explanation_zh),
    };
    let figures = figures(d, lang, t);
    let named: Vec<(&str, &str)> = figures.iter().map(|(k, v)| (*k, v.as_str())).collect();
    (figure, claim, fill(why, &named))
}

/// The figures the explanations name, by placeholder, worked out from the tables as the views
/// work them out: the widget's default edition for reserves and mine production, the article's
/// year and spans for quotas and exports. A figure the data lacks is left out (its placeholder
/// then shows, and a test fails).
pub fn figures(d: &Dataset, lang: Lang, t: &Strings) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut put = |name: &'static str, value: Option<String>| {
        if let Some(v) = value {
            out.push((name, v));
        }
    };
    let edition = default_edition(d);
    let china = reserve(d, edition, "China").and_then(|r| r.reserves_t);
    put(
        "edition",
        Some(fill(t.mcs_named, &[("edition", &edition.to_string())])),
    );
    put("china_reserves", china.map(|v| tonnes_short(v, lang)));
    put("china_reserves_exact", china.map(|v| tonnes(v, lang)));
    put(
        "world_reserves",
        world_reserves(d, edition)
            .map(|(w, q)| crate::views::reserves::figure::world_words(w, q, lang, t)),
    );
    let all = editions(d);
    put("first_edition", all.first().map(|e| e.to_string()));
    put("last_edition", all.last().map(|e| e.to_string()));
    let output = |country: &str| {
        d.production
            .iter()
            .find(|p| {
                p.source_kind == SourceKind::Mcs
                    && p.edition == edition
                    && p.year == ARTICLE_YEAR
                    && p.country == country
            })
            .and_then(|p| p.production_t)
    };
    put("china_output", output("China").map(|v| tonnes(v, lang)));
    put("world_output", output(WORLD).map(|v| tonnes(v, lang)));
    put("year", Some(year(ARTICLE_YEAR, lang)));
    put("previous_year", Some(year(ARTICLE_YEAR - 1, lang)));
    put("earlier_year", Some(year(ARTICLE_YEAR - 2, lang)));

    let l = liangshan(d);
    put(
        "liangshan",
        l.and_then(|l| l.size).map(|v| tonnes_short(v, lang)),
    );
    put("liangshan_date", l.map(|l| date(l.announced, lang)));

    let batches: Vec<f64> = d
        .quota_batches
        .iter()
        .filter(|b| b.year == ARTICLE_YEAR)
        .filter_map(|b| b.mining_t)
        .collect();
    put("batch", batches.first().map(|&v| tonnes(v, lang)));
    put("batch_count", Some(count(batches.len(), lang)));
    put(
        "batch_change",
        batch_change(d, ARTICLE_YEAR, 1, false).map(|c| change_in_words(c.percent, lang)),
    );
    put(
        "quota",
        quota(d, ARTICLE_YEAR)
            .and_then(|q| q.mining_t)
            .map(|v| tonnes(v, lang)),
    );
    put(
        "quota_change",
        quota_change(d, ARTICLE_YEAR, QuotaSeries::Mining)
            .map(|c| change_in_words(c.percent, lang)),
    );

    let period = |(from, to): (&str, &str)| export_period(d, from, to);
    let ytd = period(ARTICLE_SPAN);
    put(
        "ytd_span",
        Some(month_range(ARTICLE_SPAN.0, ARTICLE_SPAN.1, lang)),
    );
    put(
        "ytd_volume",
        ytd.and_then(|p| p.volume_t).map(|v| tonnes(v, lang)),
    );
    put(
        "ytd_change",
        ytd.and_then(|p| p.yoy_pct)
            .map(|c| change_in_words(c, lang)),
    );
    // The year to date a few months before, and the single months since: how "surged" the
    // article's +6.4 % was.
    let early = ("2024-01", "2024-05");
    put("early_span", Some(month_range(early.0, early.1, lang)));
    put(
        "early_change",
        period(early)
            .and_then(|p| p.yoy_pct)
            .map(|c| change_in_words(c, lang)),
    );
    for (name, change, key) in [
        ("july", "july_change", "2024-07"),
        ("august", "august_change", "2024-08"),
    ] {
        put(
            name,
            month(ARTICLE_YEAR, key[5..].parse().unwrap_or(0), lang),
        );
        put(
            change,
            period((key, key))
                .and_then(|p| p.yoy_pct)
                .map(|c| change_in_words(c, lang)),
        );
    }
    put("price_span", Some(price_span(lang)));
    let price = |span: (&str, &str)| period(span).and_then(|p| p.avg_price_usd_t);
    put(
        "price_before",
        price(PRICE_BEFORE).map(|v| price_per_tonne(v, lang)),
    );
    put(
        "price_now",
        price(PRICE_NOW).map(|v| price_per_tonne(v, lang)),
    );
    let full_year = crate::data::derived::preferred_export(d, ARTICLE_YEAR, 12);
    put(
        "year_value",
        full_year
            .and_then(|e| e.value)
            .map(|v| crate::format::usd_millions(v, lang)),
    );
    put(
        "year_value_change",
        full_year
            .and_then(|e| e.value_yoy_pct)
            .map(|c| change_in_words(c, lang)),
    );
    let ndpr = ndpr_prices(d);
    let per_kg = |i: usize| {
        ndpr.get(i).map(|p| {
            fill(
                t.usd_per_kg,
                &[("value", &crate::format::figure(p.usd_per_kg, 1, lang))],
            )
        })
    };
    put("ndpr_now", per_kg(0));
    put("ndpr_before", per_kg(1));
    put("ndpr_earlier", per_kg(2));
    out
}

/// The panel: a disclosure, closed at first. The list is built when the reader reaches for the
/// toggle (pointer over it, focus on it), hidden, so it is usually there by the time of the click.
#[component]
pub fn ClaimsPanel() -> impl IntoView {
    let open = RwSignal::new(false);
    let reached = RwSignal::new(false);
    let built = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || open.get() || reached.get()
    });
    view! {
        <section class="claims" aria-labelledby="claims-toggle">
            <h2 class="claims-heading">
                <button type="button" id="claims-toggle" aria-expanded=move || open.get().to_string()
                    aria-controls="claims-list" on:click=move |_| open.update(|o| *o = !*o)
                    on:pointerenter=move |_| reached.set(true) on:focus=move |_| reached.set(true)>
                    {tr(|t| t.claims_title)}
                </button>
            </h2>
            <div id="claims-list" hidden=move || !open.get()>
                <Show when=move || built.get()>
                    <p>{tr(|t| t.claims_intro)}</p>
                    <OnDemand load=Loader::new(|()| load()) height=0
                        failed=|t| t.load_failed />
                </Show>
            </div>
        </section>
    }
}

part_on_demand!(claims, ClaimList);

/// Every claim with its verdict, context and sources, the current view's first.
#[component]
fn ClaimList() -> impl IntoView {
    let ctx = use_ctx();
    let d = full_dataset();
    // Only a change of view reorders the claims; other controls leave the list alone.
    let view = Memo::new(move |_| ctx.page.with(|p| p.view));
    // Written as HTML text (see `html::escape`): the list only changes with the view and language.
    let items = move || {
        let (t, lang) = (ctx.strings(), ctx.lang.get());
        let mut html = String::new();
        for c in ordered(d, view.get()) {
            let (figure, claim, why) = texts(d, c, lang, t);
            let class = match c.verdict {
                Verdict::Confirmed => "verdict confirmed",
                Verdict::NeedsContext => "verdict context",
                Verdict::NotSupported => "verdict unsupported",
            };
            html.push_str(&format!(
                "<li class=\"claim\"><p class=\"claim-figure\">{} {}</p>{}{}<ol class=\"source-list\">{}</ol></li>",
                element("strong", "", figure),
                element("span", class, verdict_name(c.verdict, t)),
                element("p", "claim-text", claim),
                element("p", "", &why),
                sources_html(d, &sources_of(d, [&c.sources]), lang, t),
            ));
        }
        html
    };
    view! { <ul class="claim-list" inner_html=items></ul> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{dataset, Topic};

    #[test]
    fn the_claims_of_the_current_view_come_first() {
        let claims = ordered(dataset(), "quotas");
        assert_eq!(claims[0].view, Topic::Quotas);
        assert_eq!(claims.len(), dataset().claims.len());
    }

    #[test]
    fn an_explanation_takes_its_figures_from_the_tables() {
        let d = dataset();
        for c in d.claims {
            // Our words carry no figure of their own: each is a placeholder the tables fill.
            for why in [c.explanation_en, c.explanation_zh] {
                let words: String = why
                    .split('{')
                    .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
                    .collect();
                assert!(
                    !words.chars().any(|ch| ch.is_ascii_digit()),
                    "{}: a figure written into the explanation: {why}",
                    c.id
                );
            }
            for (lang, t) in [(Lang::En, &crate::i18n::EN), (Lang::Zh, &crate::i18n::ZH)] {
                let (_, _, why) = texts(d, c, lang, t);
                assert!(
                    !why.contains('{'),
                    "{}: a figure the data lacks: {why}",
                    c.id
                );
            }
        }
    }

    #[test]
    fn the_claims_card_speaks_of_the_widgets_default_edition() {
        let d = dataset();
        let leader = d
            .claims
            .iter()
            .find(|c| c.id == "china-world-leader")
            .expect("the world-leader claim");
        let (_, _, why) = texts(d, leader, Lang::En, &crate::i18n::EN);
        let edition = default_edition(d);
        let (world, _) = world_reserves(d, edition).expect("a world total");
        assert!(why.contains(&format!("MCS {edition}")), "{why}");
        assert!(why.contains(&tonnes_short(world, Lang::En)), "{why}");
        let (_, _, zh) = texts(d, leader, Lang::Zh, &crate::i18n::ZH);
        assert!(
            zh.contains(&format!("美国地质调查局《矿产品概要》（{edition}年版）")),
            "{zh}"
        );
    }

    #[test]
    fn the_articles_loose_claims_are_not_marked_confirmed() {
        let d = dataset();
        let verdict = |id: &str| d.claims.iter().find(|c| c.id == id).map(|c| c.verdict);
        assert_eq!(verdict("mnr-5mt"), Some(Verdict::NotSupported));
        assert_eq!(verdict("quota-135kt"), Some(Verdict::NeedsContext));
        // Expected additional resources at a mine in production: not a discovery.
        assert_eq!(verdict("liangshan-4-96mt"), Some(Verdict::NeedsContext));
        assert_eq!(verdict("china-world-leader"), Some(Verdict::NeedsContext));
        assert_eq!(verdict("exports-6-4pct"), Some(Verdict::NeedsContext));
    }
}
