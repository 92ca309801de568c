//! "What the article says": each claim of the source article with its verdict, a sentence of
//! context and the publications behind it, under every view, the current view's claims first.
//! The list's code and rows come on demand, when the reader reaches for its toggle.

use leptos::prelude::*;

use crate::components::on_demand::{full_dataset, part_on_demand, Loader, OnDemand};
use crate::context::{tr, use_ctx};
use crate::data::{Claim, Dataset, Verdict};
use crate::figure::html::sources_html;
use crate::figure::sources_of;
use crate::html::element;
use crate::i18n::{Lang, Strings};

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

/// The claim's figure, wording and explanation in the reader's language.
pub fn texts(c: &Claim, lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::En => (c.figure, c.claim_en, c.explanation_en),
        Lang::Zh => (c.figure_zh, c.claim_zh, c.explanation_zh),
    }
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
            let (figure, claim, why) = texts(c, lang);
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
                element("p", "", why),
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
    fn the_articles_loose_claims_are_not_marked_confirmed() {
        let d = dataset();
        let verdict = |id: &str| d.claims.iter().find(|c| c.id == id).map(|c| c.verdict);
        assert_eq!(verdict("mnr-5mt"), Some(Verdict::NotSupported));
        assert_eq!(verdict("quota-135kt"), Some(Verdict::NeedsContext));
        assert_eq!(verdict("liangshan-4-96mt"), Some(Verdict::Confirmed));
        assert_eq!(verdict("china-world-leader"), Some(Verdict::NeedsContext));
        assert_eq!(verdict("exports-6-4pct"), Some(Verdict::NeedsContext));
    }
}
