//! The texts the newsroom makes, as plain functions (tested natively, and used at build time for
//! the static images): the CSV file, the exported SVG with its caption, and the citations.

use crate::data::Dataset;
use crate::figure::{publisher_name, Csv, Figure};
use crate::html::escape;
use crate::i18n::{fill, Lang, Strings};

/// CSV for spreadsheets: a byte-order mark (Excel reads UTF-8 only with it), a comment line with
/// the licence and sources, a header row and the exact figures.
pub fn csv_text(csv: &Csv, t: &Strings, url: &str) -> String {
    let mut out = String::from("\u{feff}");
    // The comment line is written as is (never quoted), so tools that skip `#` lines skip it.
    let comment = fill(t.csv_comment, &[("url", url)]).replace(['\r', '\n'], " ");
    out.push_str(&comment);
    out.push_str("\r\n");
    out.push_str(&csv_line(&csv.header));
    for row in &csv.rows {
        out.push_str(&csv_line(row));
    }
    out
}

/// A cell as a spreadsheet should read it. One that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return would run as a formula in Excel, LibreOffice or Google Sheets (OWASP, "CSV
/// Injection"): it is written after a `'`, which they show as text. A number stays a number: a
/// negative figure (`-12.3`, a fall) is data, and the `'` would make it text nobody can sum.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && !is_number(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A plain decimal, as the CSV writes figures: `-12.3`, `135000`.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && (whole.bytes().chain(fraction.bytes())).all(|b| b.is_ascii_digit())
}

fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| neutralised(c))
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.into_owned()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

/// The words around an exported chart.
pub struct Caption<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub source: &'a str,
    pub url: &'a str,
}

/// The space left and right of everything in an exported image. The chart is drawn
/// `width - 2 * MARGIN` wide: its axis title and legend start at its left edge, which on a page is
/// inside the figure's padding but in an image would touch the border.
pub const MARGIN: u32 = 8;

/// The chart as a standalone SVG with its title above and the source line and address below, so a
/// downloaded image still says what it shows and where it comes from. Long lines wrap: a subtitle
/// cut off at the edge would change what it says. `chart_svg` is drawn `width - 2 * MARGIN` wide.
/// Returns the markup and its total height.
pub fn export_svg(
    chart_svg: &str,
    width: u32,
    height: u32,
    caption: &Caption,
    dark: bool,
) -> (String, u32) {
    let Caption {
        title,
        summary,
        source,
        url,
    } = *caption;
    let (bg, ink, muted) = if dark {
        ("#16181b", "#e8eaed", "#a8b0ba")
    } else {
        ("#ffffff", "#1f2328", "#596069")
    };
    let max = width as i32 - 2 * MARGIN as i32;
    let lines = |text: &str, px: f64, y0: u32, step: u32, size: &str, fill: &str, weight: &str| {
        crate::charts::wrap(text, px, max)
            .iter()
            .enumerate()
            .map(|(i, l)| {
                format!(
                    "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"{size}\"{weight} fill=\"{fill}\">{}</text>",
                    y0 + i as u32 * step,
                    escape(l)
                )
            })
            .collect::<Vec<_>>()
    };
    let title_lines = lines(
        title,
        17.0 * 1.1,
        22,
        22,
        "17",
        ink,
        " font-weight=\"bold\"",
    );
    let summary_top = 22 * title_lines.len() as u32 + 22;
    let summary_lines = lines(summary, 12.0, summary_top, 16, "12", muted, "");
    let head = summary_top + 16 * summary_lines.len() as u32 - 4;
    let source_lines = lines(source, 11.0, height + head + 18, 15, "11", muted, "");
    let url_top = height + head + 18 + 15 * source_lines.len() as u32;
    let url_lines = if url.is_empty() {
        Vec::new()
    } else {
        lines(url, 11.0, url_top, 15, "11", muted, "")
    };
    let total = url_top + 15 * url_lines.len() as u32 + 4;
    // The chart's own <svg> nests fine inside ours once placed with x/y.
    let inner = chart_svg.replacen("<svg ", &format!("<svg x=\"{MARGIN}\" y=\"{head}\" "), 1);
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{total}\" viewBox=\"0 0 {width} {total}\" font-family=\"sans-serif\">\
<rect width=\"100%\" height=\"100%\" fill=\"{bg}\"/>{}{}{inner}{}{}</svg>",
        title_lines.concat(),
        summary_lines.concat(),
        source_lines.concat(),
        url_lines.concat(),
    );
    (svg, total)
}

/// A short and a long citation of the current view, dated `accessed` (YYYY-MM-DD).
pub fn citations(
    figure: &Figure,
    view_name: &str,
    url: &str,
    accessed: &str,
    t: &Strings,
) -> (String, String) {
    let version = crate::data::DATA_VERSION;
    let short = fill(
        t.cite_short,
        &[
            ("view", view_name),
            ("version", version),
            ("url", url),
            ("date", accessed),
        ],
    );
    let sources: Vec<String> = figure
        .sources
        .iter()
        .map(|s| format!("{}, \u{201c}{}\u{201d} ({})", s.publisher, s.title, s.date))
        .collect();
    let long = fill(
        t.cite_long,
        &[
            ("view", view_name),
            ("version", version),
            ("as_of", crate::data::DATA_AS_OF),
            ("url", url),
            ("date", accessed),
            ("sources", &sources.join("; ")),
        ],
    );
    (short, long)
}

/// The publishers of a figure's sources, each once, in the figure's order, named in the reader's
/// language ("路透社", not "Reuters", under a Chinese chart).
pub fn publishers(d: &Dataset, figure: &Figure, lang: Lang) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for s in &figure.sources {
        let name = publisher_name(d, s.publisher, lang);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The line under every exported chart.
pub fn source_line(d: &Dataset, figure: &Figure, t: &Strings, lang: Lang) -> String {
    fill(
        t.source_line,
        &[(
            "sources",
            &publishers(d, figure, lang).join(t.list_separator),
        )],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset;
    use crate::i18n::EN;

    #[test]
    fn csv_has_a_bom_a_licence_line_a_header_and_quoted_cells() {
        let csv = Csv {
            header: vec!["country".into(), "note".into()],
            rows: vec![vec!["China".into(), "a, \"b\"".into()]],
        };
        let text = csv_text(&csv, &EN, "https://example.org/?view=reserves");
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[0]
            .starts_with("\u{feff}# Rare Earth Explorer, https://example.org/?view=reserves"));
        assert_eq!(lines[1], "country,note");
        assert_eq!(lines[2], "China,\"a, \"\"b\"\"\"");
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_text_and_numbers_stay_numbers() {
        let cells = [
            "=HYPERLINK(\"https://evil.example\",\"x\")",
            "+1+1",
            "-1+1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "-",
            "-.5",
            "-12.3",
            "-135000",
            "12.3",
            "China",
            "a=1",
        ];
        let csv = Csv {
            header: vec!["x".into()],
            rows: cells.iter().map(|c| vec![c.to_string()]).collect(),
        };
        let text = csv_text(&csv, &EN, "https://example.org/");
        let lines: Vec<&str> = text.split("\r\n").skip(2).collect();
        assert_eq!(
            lines[0],
            "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\""
        );
        assert_eq!(lines[1], "'+1+1");
        assert_eq!(lines[2], "'-1+1");
        assert_eq!(lines[3], "'@SUM(A1)");
        assert_eq!(lines[4], "'\t=1");
        assert_eq!(lines[5], "\"'\r=1\"");
        assert_eq!(lines[6], "'-");
        assert_eq!(lines[7], "'-.5");
        assert_eq!(lines[8], "-12.3", "a negative figure stays a number");
        assert_eq!(lines[9], "-135000");
        assert_eq!(lines[10], "12.3");
        assert_eq!(lines[11], "China");
        assert_eq!(lines[12], "a=1");
    }

    #[test]
    fn exported_svg_carries_title_source_and_address() {
        let caption = Caption {
            title: "T & T",
            summary: "S",
            source: "Source: USGS",
            url: "https://x/?a=1&b=2",
        };
        let (svg, height) = export_svg(
            "<svg width=\"10\" height=\"10\"></svg>",
            200,
            10,
            &caption,
            false,
        );
        assert!(
            svg.contains(">T &amp; T</text>")
                && svg.contains("Source: USGS")
                && svg.contains("a=1&amp;b=2")
        );
        assert!(svg.contains("<svg x=\"8\" y=\"56\" width=\"10\""));
        assert!(svg.contains(&format!("height=\"{height}\"")));
    }

    #[test]
    fn a_long_subtitle_wraps_instead_of_running_off_the_image() {
        let summary = "China set its 2024 rare earth mining quota at 270,000 t in 2 batches (135,000 t + 135,000 t), +5.9 % on 2023.";
        let lines = crate::charts::wrap(summary, 12.0, 400);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), summary, "no word lost");
        assert!(lines
            .iter()
            .all(|l| crate::charts::text_width(l, 12.0) <= 400));
        let zh = crate::charts::wrap("中国2024年稀土开采总量控制指标为270,000 吨，分2批下达（135,000 吨 + 135,000 吨），较2023年增长5.9%。", 12.0, 200);
        assert!(
            zh.len() >= 2 && zh.iter().all(|l| crate::charts::text_width(l, 12.0) <= 200),
            "{zh:?}"
        );
    }

    #[test]
    fn the_source_line_names_publishers_once_in_the_reader_s_language() {
        use crate::i18n::{strings, Lang};
        let q = crate::url::Query::parse("");
        for (lang, usgs) in [
            (Lang::En, "U.S. Geological Survey"),
            (Lang::Zh, "美国地质调查局"),
        ] {
            let f = crate::views::View::Reserves
                .figures(dataset(), &q, lang, strings(lang))
                .remove(0)
                .1;
            let line = source_line(dataset(), &f, strings(lang), lang);
            assert_eq!(line.matches(usgs).count(), 1, "{line}");
        }
        // Chinese names are listed with the enumeration comma, not ", ".
        let q = crate::url::Query::parse("?view=discoveries");
        let f = crate::views::View::Discoveries
            .figures(dataset(), &q, Lang::Zh, strings(Lang::Zh))
            .remove(0)
            .1;
        let line = source_line(dataset(), &f, strings(Lang::Zh), Lang::Zh);
        assert!(
            line.contains("媒体报道（未署名），援引中国稀土集团、")
                && !line.contains("Press report")
                && !line.contains(", "),
            "{line}"
        );
    }

    #[test]
    fn citations_name_the_view_the_sources_and_the_date() {
        let q = crate::url::Query::parse("?edition=2025");
        let f = crate::views::View::Reserves
            .figures(dataset(), &q, crate::i18n::Lang::En, &EN)
            .remove(0)
            .1;
        let (short, long) = citations(&f, "Reserves", "https://x/", "2026-11-29", &EN);
        assert!(short.contains("Reserves") && short.contains("2026-11-29"));
        let version = format!("data version {}", crate::data::DATA_VERSION);
        assert!(
            short.contains(&version) && long.contains(&version),
            "{short}"
        );
        assert!(long.contains(&format!("as of {}", crate::data::DATA_AS_OF)));
        assert!(
            long.contains("U.S. Geological Survey")
                && long.contains("Mineral Commodity Summaries 2025")
        );
    }
}
