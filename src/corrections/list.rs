//! The list of what changed, as HTML and as lines for the copy deck, and its page per language.

use crate::data::derived::latest_corrections;
use crate::data::{CorrectedUnit, Correction, CorrectionKind, Dataset};
use crate::figure::html::sources_html;
use crate::figure::{cite, sources_of};
use crate::format::{date, figure as digits, tonnes_short};
use crate::html::{element, escape};
use crate::i18n::{fill, CorrectionsTexts, Lang, Strings};

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

/// The list's page for `lang`, written by the post-build step into `what-changed.<lang>.html`:
/// the same list, under `as_of` (the footer's "Data as of …"), with a way back to the explorer.
/// `head` is the page's head (policy, stylesheet); it loads no script.
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
