//! The images under `static/`, for every view in both languages, under names that never change
//! (docs/embedding.md, "Static and print"): `<view>-<lang>.svg` and `.png` (the view's default
//! chart with its title, summary and source line: the custom element's placeholder, print, RSS,
//! AMP fallbacks) and `<view>-<lang>-social.png` (the card a link preview shows).

use std::fs;
use std::path::Path;

use plotters::style::RGBColor;
use rare_earth_explorer::charts::{wrap, Palette, LIGHT};
use rare_earth_explorer::data::dataset;
use rare_earth_explorer::figure::Figure;
use rare_earth_explorer::html::escape;
use rare_earth_explorer::i18n::{strings, Lang, Strings};
use rare_earth_explorer::newsroom::texts::{self, export_svg, publishers, source_line, Caption};
use rare_earth_explorer::url::Query;
use rare_earth_explorer::views::View;

use crate::preview::Rasteriser;

/// The folder in the build.
pub const FOLDER: &str = "static";

/// The width the static charts are drawn at, in CSS px (the PNG has twice as many pixels).
pub const WIDTH: u32 = 640;

/// The link preview card: Open Graph's large image, 1.91:1, the shape link previews crop to.
pub const CARD: (u32, u32) = (1200, 630);

/// The languages of the build: every view has its images, entry page and heights in each.
pub const LANGS: [Lang; 2] = [Lang::En, Lang::Zh];

/// `static/<view>-<lang>-social.png`, for the page's `og:image`.
pub fn card_path(view: View, lang: Lang) -> String {
    format!("{FOLDER}/{}-{}-social.png", view.slug(), lang.code())
}

/// The link preview's tags for the page of `view` in `lang`: its own card, in its language.
/// Relative, like every URL of the build, so that the page's copy under `v/<version>/` names the
/// copy's card; the crawlers of the large networks resolve it against the page's address.
pub fn link_preview_tags(view: View, lang: Lang) -> String {
    let t = strings(lang);
    let figure = default_figure(view, lang);
    let title = t.head(t.title, view.name(t));
    let (width, height) = CARD;
    let stop = match lang {
        Lang::En => ". ",
        Lang::Zh => "。",
    };
    format!(
        "  <meta property=\"og:title\" content=\"{}\">\n  <meta property=\"og:description\" content=\"{}\">\n  \
<meta property=\"og:image\" content=\"{}\">\n  <meta property=\"og:image:width\" content=\"{width}\">\n  \
<meta property=\"og:image:height\" content=\"{height}\">\n  <meta property=\"og:image:alt\" content=\"{}\">\n  \
<meta name=\"twitter:card\" content=\"summary_large_image\">\n",
        escape(&title),
        escape(&figure.summary),
        card_path(view, lang),
        // What the card shows in words: its title and headline (the chart says the same).
        escape(&format!("{title}{stop}{}", figure.summary)),
    )
}

/// A view's figure in its default state: what a reader sees first on its tab.
pub fn default_figure(view: View, lang: Lang) -> Figure {
    let q = Query::parse(&format!("?view={}", view.slug()));
    view.figures(dataset(), &q, lang, strings(lang)).remove(0).1
}

/// Writes the three images of every view and language into `dir/static/`.
pub fn write(dir: &Path, raster: &Rasteriser) -> Result<(), String> {
    let folder = dir.join(FOLDER);
    fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    for view in View::ALL {
        for lang in LANGS {
            let figure = default_figure(view, lang);
            let stem = format!("{}-{}", view.slug(), lang.code());
            let (svg, _) = static_chart(&figure, view, lang);
            let card = social_card(&figure, view, lang);
            for (name, bytes) in [
                (format!("{stem}.svg"), svg.clone().into_bytes()),
                (format!("{stem}.png"), raster.png(&svg, 2.0)?),
                (format!("{stem}-social.png"), raster.png(&card, 1.0)?),
            ] {
                let path = folder.join(&name);
                fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// A view's chart with its title, summary and source line, light theme, drawn by the same code as
/// the page: (SVG, height).
pub fn static_chart(figure: &Figure, view: View, lang: Lang) -> (String, u32) {
    let t = strings(lang);
    let drawn = figure.draw(WIDTH - 2 * texts::MARGIN, &LIGHT, None, lang);
    let source = source_line(dataset(), figure, t, lang);
    let title = t.head(t.title, view.name(t));
    let caption = Caption {
        title: &title,
        summary: &figure.summary,
        source: &source,
        url: "",
    };
    export_svg(&drawn.svg, WIDTH, drawn.height, &caption, false)
}

// The card's layout, in its own pixels. Link previews show it about 500 px wide, so the words
// are large: the headline's smallest size still reads at 10 px there.
const MARGIN: u32 = 56;
const TEXT_WIDTH: u32 = 480;
const CHART_X: u32 = 584;
const CHART_WIDTH: u32 = 580;
const CHART_TOP: u32 = 40;
const CHART_BOTTOM: u32 = 600;
/// A tall chart (Reserves' bars) is shrunk to fit down to this scale, then cut at the bottom.
const MIN_SCALE: f64 = 0.8;
const HEADLINE_SIZES: [u32; 8] = [38, 36, 34, 32, 30, 28, 26, 24];

/// The link preview card: the explorer's title, the view's name and its summary on the left, in
/// sizes that read in a thumbnail, and on the right the view's chart, as much of it as fits.
pub fn social_card(figure: &Figure, view: View, lang: Lang) -> String {
    let (width, height) = CARD;
    let p = &LIGHT;
    let words = CardWords::lay_out(figure, view, lang);
    let CardWords {
        title,
        name,
        name_top,
        headline,
        headline_size: size,
        headline_top,
        source,
        source_top,
    } = &words;
    let step = size * 13 / 10;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\">\
<rect width=\"100%\" height=\"100%\" fill=\"{}\"/><rect width=\"{width}\" height=\"8\" fill=\"{}\"/>{}{}{}{}{}</svg>",
        hex(p.background),
        // A band in the accent colour: the explorer's mark on every card.
        hex(p.accent),
        text_block(std::slice::from_ref(title), TITLE_TOP, 30, 26, p.accent, true),
        text_block(name, *name_top, NAME_STEP, 58, p.ink, true),
        text_block(headline, headline_top + size, step, *size, p.ink, false),
        text_block(source, *source_top, SOURCE_STEP, 20, p.muted, false),
        chart_box(figure, lang, p),
    )
}

const TITLE_TOP: u32 = 92;
const NAME_STEP: u32 = 66;
const SOURCE_STEP: u32 = 26;

/// The card's words, wrapped, and where their blocks start (first baselines; the headline's top).
#[derive(Debug)]
struct CardWords {
    title: String,
    name: Vec<String>,
    name_top: u32,
    headline: Vec<String>,
    headline_size: u32,
    headline_top: u32,
    source: Vec<String>,
    source_top: u32,
}

impl CardWords {
    fn lay_out(figure: &Figure, view: View, lang: Lang) -> CardWords {
        let t = strings(lang);
        // Bold: wider than the estimate for regular type.
        let name = wrap(view.name(t), 58.0 * 1.1, TEXT_WIDTH as i32);
        let name_top = TITLE_TOP + 68;
        let headline_top = name_top + NAME_STEP * (name.len() as u32 - 1) + 28;
        let source = card_source(figure, t, lang);
        let source_top = CARD.1 - 44 - SOURCE_STEP * (source.len() as u32 - 1);
        let room = (source_top - 20 - 20).saturating_sub(headline_top);
        let (headline_size, headline) = fit_headline(&figure.summary, room);
        CardWords {
            title: t.title.to_string(),
            name,
            name_top,
            headline,
            headline_size,
            headline_top,
            source,
            source_top,
        }
    }

    /// Where the headline's last line ends (its descenders included).
    #[cfg(test)]
    fn headline_bottom(&self) -> u32 {
        self.headline_top + self.headline.len() as u32 * self.headline_size * 13 / 10
    }
}

/// "Source: " and the publishers that fit in two lines, in the figure's order, then "…" for the rest
/// (a view built from many reports, like Discoveries, names twenty). The source line's tail, the
/// explorer's name, is left out: the card says it at the top.
fn card_source(figure: &Figure, t: &Strings, lang: Lang) -> Vec<String> {
    let publishers = publishers(dataset(), figure, lang);
    let label = t.source_line.split("{sources}").next().unwrap_or("");
    let line = |n: usize| {
        let mut list = publishers[..n].join(t.list_separator);
        if n < publishers.len() {
            list.push_str(t.list_separator);
            list.push('…');
        }
        lines(&format!("{label}{list}"), 20, TEXT_WIDTH)
    };
    (1..=publishers.len())
        .rev()
        .map(line)
        .find(|lines| lines.len() <= 2)
        .unwrap_or_else(|| line(publishers.len().min(1)))
}

/// `text` wrapped to `width` at `size` px, never starting a line with a Chinese full stop, comma or
/// closing bracket: it hangs at the end of the line before, a little past the column, and the
/// next line starts after it (so the rest is wrapped anew, not shifted by one character).
fn lines(text: &str, size: u32, width: u32) -> Vec<String> {
    const CLOSING: &str = "。，、；：？！）」』";
    let mut out: Vec<String> = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let first = wrap(rest, size as f64, width as i32)
            .into_iter()
            .next()
            .unwrap_or_default();
        // `wrap` only trims the spaces it breaks at, so its first line starts `rest`; should that
        // ever change, its lines are still right, only without the hanging marks.
        if first.is_empty() || !rest.starts_with(&first) {
            out.extend(wrap(rest, size as f64, width as i32));
            break;
        }
        let hanging: usize = rest[first.len()..]
            .chars()
            .take_while(|c| CLOSING.contains(*c))
            .map(char::len_utf8)
            .sum();
        let end = first.len() + hanging;
        out.push(rest[..end].to_string());
        rest = rest[end..].trim_start();
    }
    out
}

/// The largest headline size at which `summary` fits in `room` px of height, with its lines (at
/// the smallest size when none fits: the tests say so for every view and language).
fn fit_headline(summary: &str, room: u32) -> (u32, Vec<String>) {
    let at = |size: u32| lines(summary, size, TEXT_WIDTH);
    HEADLINE_SIZES
        .into_iter()
        .map(|size| (size, at(size)))
        .find(|(size, lines)| lines.len() as u32 * size * 13 / 10 <= room)
        .unwrap_or_else(|| {
            let smallest = HEADLINE_SIZES[HEADLINE_SIZES.len() - 1];
            (smallest, at(smallest))
        })
}

/// The chart at the card's right, scaled to fit its height down to `MIN_SCALE`; below that it
/// keeps that scale and fades out where it is cut.
fn chart_box(figure: &Figure, lang: Lang, p: &Palette) -> String {
    let drawn = figure.draw(CHART_WIDTH, p, None, lang);
    let room = (CHART_BOTTOM - CHART_TOP) as f64;
    let scale = (room / drawn.height as f64).clamp(MIN_SCALE, 1.0);
    let shown = (drawn.height as f64 * scale).min(room);
    let top = CHART_TOP as f64 + (room - shown) / 2.0;
    let (w, h) = (CHART_WIDTH as f64, shown / scale);
    let mut out = format!(
        "<svg x=\"{CHART_X}\" y=\"{top}\" width=\"{}\" height=\"{shown}\" viewBox=\"0 0 {w} {h}\">{}</svg>",
        w * scale,
        drawn.svg
    );
    if (drawn.height as f64) * scale > room {
        let bg = hex(p.background);
        out.push_str(&format!(
            "<defs><linearGradient id=\"fade\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">\
<stop offset=\"0\" stop-color=\"{bg}\" stop-opacity=\"0\"/><stop offset=\"1\" stop-color=\"{bg}\"/></linearGradient></defs>\
<rect x=\"{CHART_X}\" y=\"{}\" width=\"{}\" height=\"48\" fill=\"url(#fade)\"/>",
            CHART_BOTTOM - 48,
            w * scale
        ));
    }
    out
}

/// Lines of text at the card's left margin, the first baseline at `y`.
fn text_block(
    lines: &[String],
    y: u32,
    step: u32,
    size: u32,
    fill: RGBColor,
    bold: bool,
) -> String {
    let weight = if bold { " font-weight=\"bold\"" } else { "" };
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            format!(
                "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"{size}\"{weight} fill=\"{}\">{}</text>",
                y + i as u32 * step,
                hex(fill),
                escape(line)
            )
        })
        .collect()
}

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rare_earth_explorer::charts::text_width;

    #[test]
    fn every_card_says_its_headline_whole_above_the_source_line() {
        for view in View::ALL {
            for lang in LANGS {
                let figure = default_figure(view, lang);
                let words = CardWords::lay_out(&figure, view, lang);
                let key = format!("{}-{}", view.slug(), lang.code());
                assert!(
                    words.headline_bottom() + 20 <= words.source_top - 20,
                    "{key}: the headline runs into the source line: {words:?}"
                );
                assert_eq!(
                    words.headline.concat().replace(' ', ""),
                    figure.summary.replace(' ', ""),
                    "{key}: the whole summary, nothing cut"
                );
                // A closing mark may hang one character past the column, into the gutter.
                let widest = (TEXT_WIDTH + words.headline_size) as i32;
                for line in words.headline.iter() {
                    assert!(
                        text_width(line, words.headline_size as f64) <= widest,
                        "{key}: \"{line}\" is wider than the text column"
                    );
                }
            }
        }
    }
}
#[cfg(test)]
mod wrap_tests {
    use super::lines;

    #[test]
    fn a_chinese_full_stop_or_comma_never_starts_a_line() {
        // Eleven characters to a line: the full stop would be the twelfth.
        let text = "最大的是坦布里兹稀土矿。其次是芬恩碳酸岩杂岩体，再次是凉山。";
        let wrapped = lines(text, 20, 220);
        assert_eq!(wrapped.concat(), text, "nothing lost");
        for line in &wrapped[1..] {
            assert!(!line.starts_with(['。', '，']), "{wrapped:?}");
        }
        assert_eq!(
            wrapped,
            [
                "最大的是坦布里兹稀土矿。",
                "其次是芬恩碳酸岩杂岩体，",
                "再次是凉山。"
            ]
        );
    }
}
