//! "What the article says": each claim of the source article with its verdict, a sentence of
//! context and the publications behind it. Shown under every view.

use leptos::prelude::*;

use crate::app::tr;

use super::sources_of;
use crate::data::{Claim, Dataset, Verdict};
use crate::html::{element, sources_html};
use crate::i18n::Strings;
use crate::state::Lang;

pub fn verdict_name(v: Verdict, t: &Strings) -> &'static str {
    match v {
        Verdict::Confirmed => t.verdict_confirmed,
        Verdict::NeedsContext => t.verdict_needs_context,
        Verdict::NotSupported => t.verdict_not_supported,
    }
}

/// The claims of the view being read first, then the rest, each group in dataset order.
pub fn ordered(d: &Dataset, first: crate::data::Topic) -> Vec<&'static Claim> {
    let mut claims: Vec<&'static Claim> = d.claims.iter().collect();
    crate::order::sort_by(&mut claims, |a, b| a.view == first && b.view != first);
    claims
}

/// The claim's figure, wording and explanation in the reader's language.
pub fn texts(c: &Claim, lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::En => (c.figure, c.claim_en, c.explanation_en),
        Lang::Zh => (c.figure_zh, c.claim_zh, c.explanation_zh),
    }
}

/// The panel: a disclosure, closed at first. In the release build the list's code and rows are
/// fetched when the reader reaches for the toggle (pointer over it, focus on it), and built hidden
/// so it is usually there by the time of the click.
#[component]
pub fn ClaimsPanel() -> impl IntoView {
    let open = RwSignal::new(false);
    let ahead = RwSignal::new(false);
    let built = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || open.get() || ahead.get()
    });
    // Bumped by "Try again" after the list could not be loaded.
    let attempt = RwSignal::new(0u32);
    view! {
        <section class="claims" aria-labelledby="claims-toggle">
            <h2 class="claims-heading">
                <button type="button" id="claims-toggle" aria-expanded=move || open.get().to_string()
                    aria-controls="claims-list" on:click=move |_| open.update(|o| *o = !*o)
                    on:pointerenter=move |_| ahead.set(true) on:focus=move |_| ahead.set(true)>
                    {tr(|t| t.claims_title)}
                </button>
            </h2>
            <div id="claims-list" hidden=move || !open.get()>
                <Show when=move || built.get()>
                    <p>{tr(|t| t.claims_intro)}</p>
                    {move || {
                        attempt.track();
                        Suspend::new(async move {
                            match crate::app::later::claims().await {
                                Ok(list) => list,
                                Err(_) => view! {
                                    <crate::app::LoadFailed attempt=attempt message=|t| t.load_failed />
                                }
                                .into_any(),
                            }
                        })
                    }}
                </Show>
            </div>
        </section>
    }
}

/// Every claim with its verdict, context and sources, the current view's first.
#[component]
pub fn ClaimList() -> impl IntoView {
    let ctx = crate::app::use_ctx();
    let d = crate::data::whole();
    // Only a change of view reorders the claims; other controls leave the list alone.
    let view = Memo::new(move |_| ctx.state.with(|s| s.view));
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
        let claims = ordered(dataset(), Topic::Quotas);
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
    }
}
