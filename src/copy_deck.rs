//! The copy deck: every sentence, readout, label, note and text alternative the explorer prints,
//! for each view at its default and at the article's states, in both languages, written to
//! `docs/copy.md`. A test regenerates it and fails when the committed file is stale, so a change of
//! wording shows up in review as a diff of sentences, the way a copy desk reads them.
//!
//! Regenerate with `UPDATE_COPY_DECK=1 cargo test --lib copy_deck`.

use crate::charts::{svg_texts, LIGHT};
use crate::data::{dataset, Dataset};
use crate::i18n::{strings, Strings};
use crate::state::{Lang, UrlState, View};
use crate::views::{self, Figure, Table};

/// The states the deck shows, per view: the default first, then every mode and the states the
/// article's figures are read in.
fn states(view: View) -> &'static [&'static str] {
    match view {
        View::Reserves => &[
            "",
            "measure=share",
            "measure=years",
            "edition=2025",
            "edition=2024",
        ],
        View::Discoveries => &["", "country=Sweden", "basis=expected-additional-resource"],
        View::Quotas => &["", "quota=split", "quota=batches"],
        View::Exports => &["", "show=value", "show=unit-value"],
    }
}

/// The figures a view shows for a state, each with a heading.
fn figures(
    d: &Dataset,
    view: View,
    state: &UrlState,
    lang: Lang,
    t: &Strings,
) -> Vec<(String, Figure)> {
    match view {
        View::Reserves => vec![(String::new(), views::reserves::figure(d, state, lang, t))],
        View::Discoveries => vec![(String::new(), views::discoveries::figure(d, state, lang, t))],
        View::Quotas => vec![(String::new(), views::quotas::figure(d, state, lang, t))],
        View::Exports => vec![
            (String::new(), views::exports::annual(d, state, lang, t)),
            (
                views::exports::monthly_title(d, lang, t),
                views::exports::monthly(d, lang, t),
            ),
        ],
    }
}

/// What a view prints around its figures, for a state: notes above the chart, lists below it.
fn extras(d: &Dataset, view: View, state: &UrlState, lang: Lang, t: &Strings) -> Vec<String> {
    match view {
        View::Reserves => {
            let mut out = vec![format!("**{}**", t.revisions_title)];
            out.extend(table(&views::reserves::revisions(d, lang, t)));
            out
        }
        View::Discoveries => {
            let mut out = vec![format!("**{}** {}", t.off_chart_title, t.off_chart_intro)];
            out.extend(
                views::discoveries::off_chart(d, state, lang, t)
                    .into_iter()
                    .map(|l| format!("- {l}")),
            );
            out
        }
        View::Quotas | View::Exports => Vec::new(),
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn table(t: &Table) -> Vec<String> {
    let mut out = vec![format!("Table: {}", t.caption), String::new()];
    out.push(format!(
        "| {} |",
        t.headers
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    out.push(format!("|{}", " --- |".repeat(t.headers.len())));
    for row in &t.rows {
        out.push(format!(
            "| {} |",
            row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out.push(String::new());
    out
}

fn figure(f: &Figure, lang: Lang, t: &Strings) -> Vec<String> {
    let d = dataset();
    let mut out = vec![
        format!("Summary: {}", f.summary),
        String::new(),
        format!("Text alternative: {}", f.alt),
        String::new(),
        format!(
            "Chart at 640 px: {}",
            svg_texts(&f.draw(640, &LIGHT, None, lang).svg).join(" · ")
        ),
        String::new(),
        "Readouts:".to_string(),
    ];
    out.extend(f.readouts.iter().map(|r| format!("- {r}")));
    out.push(String::new());
    out.extend(table(&f.table));
    out.push("Notes:".to_string());
    out.extend(f.notes.iter().map(|n| format!("- {n}")));
    out.push(String::new());
    out.push(format!("{} ({}):", t.sources, f.sources.len()));
    for s in &f.sources {
        let how = crate::html::provenance_note(s, t).unwrap_or_default();
        let link = if s.url.is_empty() {
            " [not linked]".to_string()
        } else {
            format!(" <{}>", s.url)
        };
        out.push(format!(
            "- {}{}{}{}{}{how}{link}",
            s.title,
            t.citation_dash,
            views::publisher_name(d, s.publisher, lang),
            t.citation_comma,
            s.date
        ));
    }
    out.push(String::new());
    out
}

/// The whole deck.
pub fn deck() -> String {
    let d = dataset();
    let mut out = vec![
        "# Copy deck".to_string(),
        String::new(),
        "Generated from the catalogues (`src/i18n/`) and the dataset (`data/`) by \
         `src/copy_deck.rs`: do not edit by hand. Regenerate with \
         `UPDATE_COPY_DECK=1 cargo test --lib copy_deck`."
            .to_string(),
        String::new(),
    ];
    for lang in [Lang::En, Lang::Zh] {
        let t = strings(lang);
        out.push(format!(
            "## {}",
            if lang == Lang::En {
                "English"
            } else {
                "中文"
            }
        ));
        out.push(String::new());
        out.push(format!("Title: {}", t.title));
        out.push(String::new());
        out.push(format!("Dek: {}", t.dek));
        out.push(String::new());
        for view in View::ALL {
            for query in states(view) {
                let full = format!("?view={}&lang={}&{query}", view.slug(), lang.code());
                let state = UrlState::from_query(&full).0;
                let label = if query.is_empty() { "default" } else { query };
                out.push(format!("### {} · {label}", t.view_name(view)));
                out.push(String::new());
                for (heading, f) in figures(d, view, &state, lang, t) {
                    if !heading.is_empty() {
                        out.push(format!("#### {heading}"));
                        out.push(String::new());
                    }
                    out.extend(figure(&f, lang, t));
                }
                if query.is_empty() {
                    out.extend(extras(d, view, &state, lang, t));
                    out.push(String::new());
                }
            }
        }
        out.push(format!("### {}", t.claims_title));
        out.push(String::new());
        out.push(t.claims_intro.to_string());
        out.push(String::new());
        for c in d.claims {
            let (figure, claim, why) = views::claims::texts(c, lang);
            out.push(format!(
                "- **{figure}** {}: {claim} — {why}",
                views::claims::verdict_name(c.verdict, t)
            ));
        }
        out.push(String::new());
        out.push("### Catalogue (every text, by field)".to_string());
        out.push(String::new());
        for (field, text) in t.texts() {
            out.push(format!("- `{field}`: {text}"));
        }
        out.push(String::new());
    }
    let mut text = out.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text
}

#[cfg(test)]
mod tests {
    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/copy.md");

    #[test]
    fn copy_deck_is_current() {
        let deck = super::deck();
        if std::env::var_os("UPDATE_COPY_DECK").is_some() {
            std::fs::write(PATH, &deck).expect("docs/copy.md is writable");
            return;
        }
        let committed = std::fs::read_to_string(PATH).unwrap_or_default();
        assert!(
            committed == deck,
            "docs/copy.md is stale: a sentence the explorer prints changed. Regenerate it with \
             `UPDATE_COPY_DECK=1 cargo test --lib copy_deck`, then read the diff as a copy editor."
        );
    }
}
