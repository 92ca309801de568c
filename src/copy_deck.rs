//! The copy deck: every sentence, readout, label, note and text alternative the explorer prints,
//! for each view at its default and at the article's states, in both languages, written to
//! `docs/copy.md`. A test regenerates it and fails when the committed file is stale, so a change of
//! wording shows up in review as a diff of sentences, the way a copy desk reads them.
//!
//! Regenerate with `UPDATE_COPY_DECK=1 cargo test --lib copy_deck`.

use crate::charts::{svg_texts, LIGHT};
use crate::claims;
use crate::data::dataset;
use crate::figure::{publisher_name, table_lines, Figure};
use crate::i18n::{strings, Lang, Strings};
use crate::url::Query;
use crate::views::View;

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
    out.extend(table_lines(&f.table));
    out.push("Notes:".to_string());
    out.extend(f.notes.iter().map(|n| format!("- {n}")));
    out.push(String::new());
    out.push(format!("{} ({}):", t.sources, f.sources.len()));
    for s in &f.sources {
        let how = crate::figure::html::provenance_note(s, t).unwrap_or_default();
        let link = if s.url.is_empty() {
            " [not linked]".to_string()
        } else {
            format!(" <{}>", s.url)
        };
        out.push(format!(
            "- {}{}{}{}{}{how}{link}",
            s.title,
            t.citation_dash,
            publisher_name(d, s.publisher, lang),
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
            for query in std::iter::once(&"").chain(view.copy_states()) {
                let full = format!("?view={}&lang={}&{query}", view.slug(), lang.code());
                let q = Query::parse(&full);
                let label = if query.is_empty() { "default" } else { query };
                out.push(format!("### {} · {label}", view.name(t)));
                out.push(String::new());
                for (heading, f) in view.figures(d, &q, lang, t) {
                    if !heading.is_empty() {
                        out.push(format!("#### {heading}"));
                        out.push(String::new());
                    }
                    out.extend(figure(&f, lang, t));
                }
                if query.is_empty() {
                    out.extend(view.other_texts(d, &q, lang, t));
                    out.push(String::new());
                }
            }
        }
        out.push(format!("### {}", t.claims_title));
        out.push(String::new());
        out.push(t.claims_intro.to_string());
        out.push(String::new());
        for c in d.claims {
            let (figure, claim, why) = claims::texts(c, lang);
            out.push(format!(
                "- **{figure}** {}: {claim} — {why}",
                claims::verdict_name(c.verdict, t)
            ));
        }
        out.push(String::new());
        out.push("### Catalogue (every text, by field)".to_string());
        out.push(String::new());
        for (field, text) in t.texts() {
            out.push(format!("- `{field}`: {text}"));
        }
        // The views' own texts, which travel with their rows.
        for (part, fields) in View::ALL.iter().filter_map(|v| v.own_texts(lang)) {
            for (field, texts) in fields {
                for text in texts {
                    out.push(format!("- `{part}.{field}`: {text}"));
                }
            }
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
