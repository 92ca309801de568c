//! A figure's read-only blocks written as HTML text: its table, notes and sources. The page sets
//! them with `inner_html`, one string builder instead of a typed view per element kind (with the
//! page frame built once: -36 KB of wasm, -8 KB brotli, measured); the no-JavaScript page and the
//! build-time copies use the same builders.

use super::{publisher_name, source_title, Table};
use crate::data::{Dataset, Provenance, Source};
use crate::html::{class_attr, element, escape};
use crate::i18n::{fill, Lang, Strings};

/// A table with caption and header cells; the first cell of each row heads that row.
pub fn table_html(table: &Table) -> String {
    let class_of = |i: usize| {
        if table.numeric.get(i).copied().unwrap_or(false) {
            "num"
        } else {
            ""
        }
    };
    let mut html = format!(
        "<table>{}<thead><tr>",
        element("caption", "", &table.caption)
    );
    for (i, h) in table.headers.iter().enumerate() {
        let class = class_attr(class_of(i));
        html.push_str(&format!("<th scope=\"col\"{class}>{}</th>", escape(h)));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        html.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                html.push_str(&format!("<th scope=\"row\">{}</th>", escape(cell)));
            } else {
                html.push_str(&element("td", class_of(i), cell));
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

/// Sources as citations: title (linked where the original's address is known), publisher, date,
/// and how the publication reached us when it is not the original: one `<li>` each. A source
/// without an address is named, not linked: its only known copies are no place to send a reader.
pub fn sources_html(d: &Dataset, sources: &[&Source], lang: Lang, t: &Strings) -> String {
    sources
        .iter()
        .map(|s| {
            let title = escape(&source_title(s, lang));
            let title = if s.url.is_empty() {
                title
            } else {
                format!(
                    "<a href=\"{}\" rel=\"noopener\" target=\"_blank\">{title}</a>",
                    escape(s.url),
                )
            };
            let mut rest = format!(
                "{}{}{}{}",
                t.citation_dash,
                publisher_name(d, s.publisher, lang),
                t.citation_comma,
                s.date
            );
            if let Some(how) = provenance_note(s, t) {
                rest.push_str(&how);
            }
            format!("<li>{title}{}</li>", escape(&rest))
        })
        .collect()
}

/// How a source reached us when it is not the publication itself: " (wire copy on nasdaq.com)",
/// " (known only from a rewritten copy)".
pub fn provenance_note(s: &Source, t: &Strings) -> Option<String> {
    match s.provenance {
        Provenance::Original => None,
        Provenance::Syndicated => Some(fill(t.source_syndicated, &[("host", &host(s.url))])),
        Provenance::Rewrite => Some(t.source_rewrite.to_string()),
    }
}

/// The site of an address, for saying where a copy is: `https://www.nasdaq.com/x` -> `nasdaq.com`.
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.trim_start_matches("www.").to_string()
}

/// One `<li>` per line of text.
pub fn items_html<'a>(lines: impl IntoIterator<Item = &'a String>) -> String {
    lines.into_iter().map(|l| element("li", "", l)).collect()
}

/// Under the chart, in the page and in the build-time copy alike: the events the chart marks,
/// numbered as on it (on a phone the chart shows the numbers alone: here is what each is), then
/// the notes.
pub fn notes_html(figure: &super::Figure, t: &Strings) -> String {
    let events = if figure.events.is_empty() {
        String::new()
    } else {
        format!(
            "<ol class=\"chart-events\" aria-label=\"{}\">{}</ol>",
            escape(t.events_list),
            items_html(&figure.events)
        )
    };
    format!("{events}<ul>{}</ul>", items_html(&figure.notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_a_caption_column_headers_and_row_headers() {
        let table = Table {
            caption: "Reserves & more".into(),
            headers: vec!["Country".into(), "Tonnes".into()],
            rows: vec![vec!["China".into(), "44,000,000 t".into()]],
            numeric: vec![false, true],
        };
        assert_eq!(
            table_html(&table),
            "<table><caption>Reserves &amp; more</caption><thead><tr>\
             <th scope=\"col\">Country</th><th scope=\"col\" class=\"num\">Tonnes</th></tr></thead>\
             <tbody><tr><th scope=\"row\">China</th><td class=\"num\">44,000,000 t</td></tr></tbody></table>"
        );
    }

    #[test]
    fn sources_link_their_publication() {
        let d = crate::data::dataset();
        let t = &crate::i18n::EN;
        let usgs = d.source("usgs-mcs-2025").expect("MCS 2025 is a source");
        let html = sources_html(d, &[usgs], Lang::En, t);
        assert!(html.starts_with(&format!("<li><a href=\"{}\" rel=\"noopener\"", usgs.url)));
        assert!(html.contains("Mineral Commodity Summaries 2025"));
        assert!(html.ends_with(&format!(" — U.S. Geological Survey, {}</li>", usgs.date)));
        let zh = sources_html(d, &[usgs], Lang::Zh, &crate::i18n::ZH);
        assert!(zh.contains("美国地质调查局"), "{zh}");
    }

    #[test]
    fn a_source_without_an_address_is_named_not_linked_and_a_copy_says_where_it_is() {
        let d = crate::data::dataset();
        let t = &crate::i18n::EN;
        let base = *d.source("usgs-mcs-2025").expect("a source");
        let unlinked = Source {
            url: "",
            provenance: Provenance::Rewrite,
            ..base
        };
        let html = sources_html(d, &[&unlinked], Lang::En, t);
        assert!(!html.contains("<a "), "{html}");
        assert!(html.contains(t.source_rewrite), "{html}");
        let wire = Source {
            url: "https://www.nasdaq.com/articles/x",
            provenance: Provenance::Syndicated,
            ..base
        };
        assert!(sources_html(d, &[&wire], Lang::En, t).contains("nasdaq.com"));
    }
}
