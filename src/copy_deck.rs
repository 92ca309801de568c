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
use crate::i18n::{strings, CorrectionsTexts, Lang, Strings};
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
    if !f.events.is_empty() {
        out.push(format!("{}{}", t.events_list, t.colon.trim_end()));
        out.extend(
            f.events
                .iter()
                .enumerate()
                .map(|(i, e)| format!("{}. {e}", i + 1)),
        );
        out.push(String::new());
    }
    out.extend(table_lines(&f.table));
    out.push("Notes:".to_string());
    out.extend(f.notes.iter().map(|n| format!("- {n}")));
    out.push(String::new());
    out.push(format!(
        "{}{}{}",
        t.sources,
        t.paren(&f.sources.len().to_string()),
        t.colon.trim_end()
    ));
    for s in &f.sources {
        let how = crate::figure::html::provenance_note(s, t).unwrap_or_default();
        let link = if s.url.is_empty() {
            // The deck's own mark: the page names such a source without a link.
            t.paren(match lang {
                Lang::En => "not linked",
                Lang::Zh => "未附链接",
            })
        } else {
            format!(" <{}>", s.url)
        };
        out.push(format!(
            "- {}{}{}{}{}{how}{link}",
            crate::figure::source_title(s, lang),
            t.citation_dash,
            publisher_name(d, s.publisher, lang),
            t.citation_comma,
            s.date
        ));
    }
    out.push(String::new());
    out
}

/// The footer's "What changed" with the list it opens (the same as its page), and the line a
/// frozen copy prints when newer data exists, with and without corrections, for an example date.
fn what_changed(lang: Lang, t: &Strings) -> Vec<String> {
    let d = dataset();
    let w: &CorrectionsTexts = crate::i18n::Embedded::of(lang);
    let mut out = vec![
        format!(
            "### {}",
            crate::corrections::label(t).unwrap_or_else(|| t.what_changed.to_string())
        ),
        String::new(),
        format!("**{}**", w.what_changed_title),
        String::new(),
        crate::corrections::list::intro(d, lang, w),
        String::new(),
    ];
    for [figure, values, why] in crate::corrections::list::lines(d, lang, t, w) {
        out.push(format!(
            "- **{figure}**{}{}",
            t.colon,
            crate::i18n::then(&values, &why)
        ));
    }
    out.push(String::new());
    // The deck's own words: where the line shows.
    out.push("In a pinned copy, when newer data exists:".to_string());
    for corrections in [0, 2] {
        let example = crate::data::CurrentData {
            version: "0badcafe".into(),
            as_of: "2027-01".into(),
            corrections,
        };
        out.push(format!(
            "- {}{}{}{}",
            crate::shell::footer::newer_data_text(&example, lang, t),
            t.colon,
            t.newer_data_link,
            t.full_stop
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
            let (figure, claim, why) = claims::texts(d, c, lang, t);
            out.push(format!(
                "- **{figure}** {}{}{claim}{}{why}",
                claims::verdict_name(c.verdict, t),
                t.colon,
                t.citation_dash,
            ));
        }
        out.push(String::new());
        out.extend(what_changed(lang, t));
        out.push("### Catalogue (every text, by field)".to_string());
        out.push(String::new());
        for (field, text) in t.texts() {
            out.push(format!("- `{field}`: {text}"));
        }
        // The views' own texts, which travel with their rows, and those of the list of what changed
        // (its own page).
        let parts = View::ALL
            .iter()
            .filter_map(|v| v.own_texts(lang))
            .chain([crate::views::part_texts::<CorrectionsTexts>(lang)]);
        for (part, fields) in parts {
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

    fn is_cjk(c: char) -> bool {
        ('\u{4e00}'..='\u{9fff}').contains(&c) || "。，、；：（）“”《》".contains(c)
    }

    /// The lines of one language's half of the deck that are our copy: everything but source
    /// titles (a source is cited in its own language) and the catalogue's field names.
    fn copy_lines(deck: &str, lang: &str) -> Vec<String> {
        let start = deck.find(lang).unwrap_or(0);
        let end = deck[start..]
            .find("### Catalogue")
            .map_or(deck.len(), |i| start + i);
        deck[start..end]
            .lines()
            .filter(|l| !(l.starts_with("- ") && l.contains(" — ") && !l.starts_with("- **")))
            .map(|l| {
                // The deck's own separators (" — " before a claim's explanation, " · " between
                // the parts of a readout or chart) are not copy.
                l.split_once("Chart at 640 px: ")
                    .map_or(l, |(_, rest)| rest)
                    .replace(" — ", "—")
                    .replace(" · ", "·")
            })
            .collect()
    }

    #[test]
    fn chinese_copy_is_written_as_a_chinese_desk_writes_it() {
        let deck = super::deck();
        for line in copy_lines(&deck, "## 中文") {
            let chars: Vec<char> = line.chars().collect();
            for (i, pair) in chars.windows(2).enumerate() {
                let (a, b) = (pair[0], pair[1]);
                // Full-width punctuation, and no ASCII space after a Chinese full stop.
                assert!(!(a == '。' && b == ' '), "space after 。: {line}");
                assert!(
                    !(is_cjk(a) && (b == '(' || b == ':' || b == ',')),
                    "half-width after Chinese: {line}"
                );
                // No thousands separator and no space before a Chinese unit.
                let before_unit =
                    a == ' ' && "万亿吨美".contains(b) && i > 0 && chars[i - 1].is_ascii_digit();
                assert!(!before_unit, "space before a unit: {line}");
                let separator =
                    a == ',' && b.is_ascii_digit() && i > 0 && chars[i - 1].is_ascii_digit();
                assert!(!separator, "thousands separator: {line}");
            }
            for english in [
                "REO ",
                " t ",
                "$",
                "not linked",
                "press report",
                "release via",
                "at most",
            ] {
                assert!(
                    !line.contains(english),
                    "English `{english}` in Chinese copy: {line}"
                );
            }
        }
    }

    #[test]
    fn a_decrease_is_signed_with_a_minus_in_both_languages() {
        let deck = super::deck();
        for lang in ["## English", "## 中文"] {
            for line in copy_lines(&deck, lang) {
                let chars: Vec<char> = line.chars().collect();
                for pair in chars.windows(3) {
                    let hyphen_sign = pair[1] == '-'
                        && pair[2].is_ascii_digit()
                        && (pair[0] == ' ' || pair[0] == '(' || pair[0] == '（' || pair[0] == '|');
                    assert!(!hyphen_sign, "a hyphen for a minus sign: {line}");
                }
            }
        }
    }

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
