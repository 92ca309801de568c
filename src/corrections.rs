//! What changed in this data: every published figure the latest corrections changed
//! (`data/corrections.csv`, `latest_corrections`), what it was, what it is now, why, and the
//! publications behind the change, in the reader's language. The footer's "What changed" opens it;
//! its code, its rows and its texts come on demand, when the reader reaches for that button. The
//! post-build step writes the same list into a page of its own per language
//! (`what-changed.<lang>.html`), which the build-time copy and readers without JavaScript link to.

use leptos::prelude::*;

use crate::components::on_demand::{full_dataset, part_on_demand, texts, Loader, OnDemand};
use crate::context::use_ctx;
use crate::data::derived::latest_corrections;
use crate::data::{CorrectedUnit, Correction, CorrectionKind, Dataset, DATA_CORRECTIONS};
use crate::figure::html::sources_html;
use crate::figure::{cite, sources_of};
use crate::format::{date, figure as digits, tonnes_short};
use crate::html::{element, escape};
use crate::i18n::{fill, CorrectionsTexts, Lang, Strings};

/// The page of the list for `lang`, beside the views' pages: not `<view>-<lang>.html`, which
/// names a view's page everywhere (the build-time copy's tabs, the size checks).
pub fn page_name(lang: Lang) -> String {
    format!("what-changed.{}.html", lang.code())
}

/// The footer's label: "What changed (6)" / "数据更正（6）"; `None` when no figure was ever
/// corrected, and the footer says nothing.
pub fn label(t: &Strings) -> Option<String> {
    (DATA_CORRECTIONS != "0").then(|| format!("{}{}", t.what_changed, t.paren(DATA_CORRECTIONS)))
}

fn kind_name(kind: CorrectionKind, w: &CorrectionsTexts) -> &'static str {
    match kind {
        CorrectionKind::SourceRevised => w.kind_source_revised,
        CorrectionKind::OurError => w.kind_our_error,
        CorrectionKind::Reattributed => w.kind_reattributed,
    }
}

/// One cell of a correction as a reader reads it: "21 Mt" / "2100万吨", "US$257/kg", a grade as
/// the Discoveries view writes it, source ids as their publications. The cell itself when it is
/// not what its unit says (the build checks it is).
fn value(d: &Dataset, c: &Correction, cell: &'static str, lang: Lang, t: &Strings) -> String {
    let number = || cell.parse::<f64>().ok();
    match c.unit {
        CorrectedUnit::Tonnes => number().map(|v| tonnes_short(v, lang)),
        CorrectedUnit::UsdPerKg => {
            number().map(|v| fill(t.usd_per_kg, &[("value", &digits(v, 1, lang))]))
        }
        CorrectedUnit::Text if c.field == "grade" => {
            Some(crate::views::discoveries::figure::grade_text(cell, lang))
        }
        CorrectedUnit::Text => None,
        CorrectedUnit::SourceIds => {
            let names: Vec<String> = crate::data::model::source_ids(cell)
                .map(|id| cite(d, id, lang))
                .filter(|name| !name.is_empty())
                .collect();
            (!names.is_empty()).then(|| names.join(t.list_separator))
        }
    }
    .unwrap_or_else(|| cell.to_string())
}

/// The intro: "On 5 December 2026 we changed the figures below…"; empty without corrections.
pub fn intro(d: &Dataset, lang: Lang, w: &CorrectionsTexts) -> String {
    latest_corrections(d)
        .first()
        .map(|c| fill(w.what_changed_intro, &[("date", &date(c.changed, lang))]))
        .unwrap_or_default()
}

/// Each correction as plain lines, for the copy deck: the figure and the kind of change, what it
/// was and is, why.
pub fn lines(d: &Dataset, lang: Lang, t: &Strings, w: &CorrectionsTexts) -> Vec<[String; 3]> {
    latest_corrections(d)
        .into_iter()
        .map(|c| {
            let (figure, why) = match lang {
                Lang::En => (c.figure_en, c.why_en),
                Lang::Zh => (c.figure_zh, c.why_zh),
            };
            [
                format!("{figure}{}{}", t.citation_dash, kind_name(c.kind, w)),
                fill(
                    w.was_now,
                    &[
                        ("old", &value(d, c, c.old, lang, t)),
                        ("new", &value(d, c, c.new, lang, t)),
                    ],
                ),
                why.to_string(),
            ]
        })
        .collect()
}

/// The list as HTML text (`html::escape` on every text): the intro, then one item per correction
/// with its publications. The component and the post-build page both print this.
pub fn list_html(d: &Dataset, lang: Lang, t: &Strings, w: &CorrectionsTexts) -> String {
    let items: String = latest_corrections(d)
        .into_iter()
        .zip(lines(d, lang, t, w))
        .map(|(c, [figure, values, why])| {
            format!(
                "<li class=\"correction\">{}{}{}<ol class=\"source-list\">{}</ol></li>",
                element("p", "correction-figure", &figure),
                element("p", "correction-values", &values),
                element("p", "", &why),
                sources_html(d, &sources_of(d, [&c.sources]), lang, t),
            )
        })
        .collect();
    format!(
        "{}<ul class=\"correction-list\">{items}</ul>",
        element("p", "", &intro(d, lang, w))
    )
}

/// The footer's "What changed (6)" and the list it opens, closed at first: a disclosure. The
/// list's code and rows are fetched when the reader reaches for the button (pointer over it,
/// focus on it), built hidden, and shown at the click. Returns the button, for the footer's line,
/// and the list, for below it; nothing when no figure was ever corrected.
pub fn disclosure() -> Option<(AnyView, AnyView)> {
    if DATA_CORRECTIONS == "0" {
        return None;
    }
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    let reached = RwSignal::new(false);
    let built = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || open.get() || reached.get()
    });
    let button = view! {
        <button type="button" id="what-changed-toggle" class="what-changed"
            aria-expanded=move || open.get().to_string() aria-controls="what-changed"
            on:click=move |_| open.update(|o| *o = !*o)
            on:pointerenter=move |_| reached.set(true) on:focus=move |_| reached.set(true)>
            {move || label(ctx.strings()).unwrap_or_default()}
        </button>
    }
    .into_any();
    let list = view! {
        <section id="what-changed" class="what-changed-list" aria-labelledby="what-changed-toggle"
            hidden=move || !open.get()>
            <Show when=move || built.get()>
                <OnDemand load=Loader::new(|()| load()) height=0 failed=|t| t.load_failed />
            </Show>
        </section>
    }
    .into_any();
    Some((button, list))
}

part_on_demand!(what_changed, CorrectionList);

/// The list, in the reader's language (it changes with nothing else).
#[component]
fn CorrectionList() -> impl IntoView {
    let ctx = use_ctx();
    let d = full_dataset();
    let html = move || {
        let lang = ctx.lang.get();
        list_html(d, lang, ctx.strings(), texts::<CorrectionsTexts>(lang))
    };
    view! { <div class="corrections" inner_html=html></div> }
}

/// The list's page for `lang`, written by the post-build step into `what-changed.<lang>.html`:
/// the same list, under `as_of` (the footer's "Data as of …"), with a way back to the explorer.
/// `head` is the page's head (policy, stylesheet); it loads no script.
#[cfg(not(target_arch = "wasm32"))]
pub fn page(d: &Dataset, lang: Lang, head: &str, as_of: &str) -> String {
    let t = crate::i18n::strings(lang);
    let w: &CorrectionsTexts = <CorrectionsTexts as crate::i18n::Embedded>::of(lang);
    let code = match lang {
        Lang::En => "en",
        Lang::Zh => "zh-Hans",
    };
    let first = crate::views::View::ALL[0].slug();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n{head}\n  <title>{title} · {app}</title>\n</head>\n\
<body>\n<main class=\"app what-changed-page\">\n<h1>{title}</h1>\n<p class=\"fine data-as-of\">{as_of}</p>\n\
<div class=\"corrections\">{list}</div>\n<p><a href=\"{first}-{lang_code}.html\">{back}</a></p>\n</main>\n</body>\n</html>\n",
        title = escape(w.what_changed_title),
        app = escape(t.title),
        as_of = escape(as_of),
        list = list_html(d, lang, t, w),
        lang_code = lang.code(),
        back = escape(w.back_to_explorer),
    )
}
