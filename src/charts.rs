//! Chart primitives shared by the four views, drawn with plotters' SVG backend.
//!
//! SVG rather than canvas: it is sharp at any device pixel ratio without scaling code and its labels
//! are real text. The drawing uses plotters' low-level API (drawing area and elements) with our own
//! layout and ticks; the generic chart builder and its label formatting cost far more wasm than the
//! few shapes these charts need. Every primitive also returns the rectangles of its marks, so the
//! chart component can find what the pointer or the keyboard is on.
//!
//! No DOM here: the same code draws in the browser, in native tests and in the build-time preview.

pub mod bars;
pub mod columns;
pub mod timeline;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Colours of one theme. The series colours are Okabe–Ito hues, distinguishable with the common
/// colour-vision deficiencies, each at least 3:1 against its background.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub background: RGBColor,
    pub ink: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    /// The series the article is about (China, Liangshan).
    pub accent: RGBColor,
    pub series: [RGBColor; 4],
    pub focus: RGBColor,
}

pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    ink: RGBColor(0x1f, 0x23, 0x28),
    muted: RGBColor(0x59, 0x60, 0x69),
    grid: RGBColor(0xd8, 0xdc, 0xe0),
    accent: RGBColor(0xb8, 0x4a, 0x00),
    series: [
        RGBColor(0x4d, 0x5b, 0x6b),
        RGBColor(0x00, 0x6b, 0xa6),
        RGBColor(0x00, 0x7a, 0x5a),
        RGBColor(0x9c, 0x4f, 0x8a),
    ],
    focus: RGBColor(0x1f, 0x23, 0x28),
};

pub const DARK: Palette = Palette {
    background: RGBColor(0x16, 0x18, 0x1b),
    ink: RGBColor(0xe8, 0xea, 0xed),
    muted: RGBColor(0xa8, 0xb0, 0xba),
    grid: RGBColor(0x3a, 0x3f, 0x46),
    accent: RGBColor(0xf0, 0x8c, 0x3c),
    series: [
        RGBColor(0x9a, 0xa8, 0xb8),
        RGBColor(0x56, 0xb4, 0xe9),
        RGBColor(0x3c, 0xc8, 0x9c),
        RGBColor(0xd7, 0x8c, 0xc6),
    ],
    focus: RGBColor(0xff, 0xff, 0xff),
};

/// A drawn chart: the SVG markup and where its marks are.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drawn {
    pub svg: String,
    pub height: u32,
    pub marks: Vec<Mark>,
}

/// The rectangle (in SVG pixels) that stands for one datum, for pointer and keyboard readouts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    /// Index of the datum in the view's readout list.
    pub datum: usize,
}

impl Drawn {
    /// The mark under a point, or the nearest one within a finger's reach (touch is imprecise).
    pub fn mark_at(&self, x: i32, y: i32) -> Option<&Mark> {
        const REACH: i32 = 12;
        let distance = |m: &Mark| {
            let dx = (m.x - x).max(x - (m.x + m.w)).max(0);
            let dy = (m.y - y).max(y - (m.y + m.h)).max(0);
            dx * dx + dy * dy
        };
        self.marks
            .iter()
            .filter(|m| distance(m) <= REACH * REACH)
            .min_by_key(|m| distance(m))
    }
}

/// The smallest chart width we lay out for; narrower containers scroll nothing, they scale down.
pub const MIN_WIDTH: u32 = 280;

/// Text sizes in CSS pixels.
pub const TEXT: f64 = 13.0;
pub const SMALL: f64 = 11.5;

/// A text style at `px` CSS pixels. plotters' SVG backend writes sizes divided by 1.24 (a ratio it
/// assumes between em box and glyphs), so we ask for 1.24 times the size we want.
pub fn font(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    // The family as a value, not the string "sans-serif": plotters would lower-case that string at
    // every label, which links in Unicode case tables (12 KB of wasm) for nothing.
    (FontFamily::SansSerif, px * 1.24)
        .into_font()
        .color(&color)
        .pos(Pos::new(h, v))
}

pub fn bold(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FontFamily::SansSerif, px * 1.24, FontStyle::Bold)
        .into_font()
        .color(&color)
        .pos(Pos::new(h, v))
}

/// Text width for layout, estimated per character class: the browser draws in the reader's system
/// font (DejaVu Sans on Debian, one of the widest), and margins are decided before drawing, so the
/// estimate errs on the wide side; a few pixels of slack are harmless, a clipped label is not.
pub fn text_width(s: &str, px: f64) -> i32 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.32,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.4,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.95,
            '0'..='9' | '$' | '#' | '+' | '<' | '>' | '~' | '=' | '_' => 0.64,
            'A'..='Z' => 0.72,
            c if c.is_ascii() => 0.6,
            _ => 1.0,
        })
        .sum();
    (em * px).ceil() as i32
}

/// The width of `s` set in bold: DejaVu Sans Bold, the widest common bold, runs about a fifth
/// wider than the estimate for regular text (measured on "Liangshan (resources)" at 13 px).
pub fn bold_width(s: &str, px: f64) -> i32 {
    (text_width(s, px) as f64 * 1.2).ceil() as i32
}

/// Cuts a label to fit `max_px`, with an ellipsis; the full text stays in the readout and table.
pub fn fit(s: &str, px: f64, max_px: i32) -> String {
    if text_width(s, px) <= max_px {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if text_width(&out, px) + text_width("…", px) + text_width(&c.to_string(), px) > max_px {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Splits `text` into lines no wider than `max_px` at `px` pixels (estimated as the charts do, on
/// the wide side), breaking at spaces and between Chinese characters.
pub fn wrap(text: &str, px: f64, max_px: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // Words end at a space; each CJK character can end a line by itself, as Chinese text does.
    let mut words: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if c == ' ' || !c.is_ascii() || text[end..].starts_with(|n: char| !n.is_ascii()) {
            words.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        words.push(&text[start..]);
    }
    for word in words {
        if !line.is_empty() && text_width(&format!("{line}{}", word.trim_end()), px) > max_px {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        line.push_str(word);
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Round tick values from 0 to at least `max`, about `target` of them.
pub fn nice_ticks(max: f64, target: usize) -> Vec<f64> {
    if !(max > 0.0 && max.is_finite()) {
        return vec![0.0, 1.0];
    }
    let raw = max / target.max(1) as f64;
    let magnitude = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * magnitude);
    let count = (max / step).ceil() as usize;
    (0..=count.max(1)).map(|i| i as f64 * step).collect()
}

/// Renders with a fresh SVG backend of `width` × `height` and returns the markup, marked as
/// decorative for assistive technology: the figure's text alternative and the readout carry the
/// content instead.
pub fn render(
    width: u32,
    height: u32,
    palette: &Palette,
    draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>),
) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = area.fill(&palette.background);
        draw(&area);
        let _ = area.present();
    }
    svg.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1)
}

/// A palette whose colours stand for the page's CSS custom properties (`css_colours` swaps them
/// in): the build-time copy's charts follow the page's theme, light or dark, from one drawing.
#[cfg(not(target_arch = "wasm32"))]
pub const CSS_COLOURS: Palette = Palette {
    background: RGBColor(0, 0, 1),
    ink: RGBColor(0, 0, 2),
    muted: RGBColor(0, 0, 3),
    grid: RGBColor(0, 0, 4),
    accent: RGBColor(0, 0, 5),
    series: [
        RGBColor(0, 0, 6),
        RGBColor(0, 0, 7),
        RGBColor(0, 0, 8),
        RGBColor(0, 0, 9),
    ],
    focus: RGBColor(0, 0, 10),
};

/// The custom property each colour of `CSS_COLOURS` stands for (style/main.css defines them for
/// both themes; a test checks they are `LIGHT`'s and `DARK`'s).
#[cfg(not(target_arch = "wasm32"))]
const CSS_NAMES: [&str; 10] = [
    "background",
    "ink",
    "muted",
    "grid",
    "accent",
    "series-0",
    "series-1",
    "series-2",
    "series-3",
    "focus",
];

/// An SVG drawn with `CSS_COLOURS`, its colours written as `var(--chart-…)`.
#[cfg(not(target_arch = "wasm32"))]
pub fn css_colours(svg: &str) -> String {
    let mut out = svg.to_string();
    for (i, name) in CSS_NAMES.iter().enumerate() {
        out = out.replace(
            &format!("#0000{:02X}", i + 1),
            &format!("var(--chart-{name})"),
        );
    }
    out
}

/// The outline drawn around the mark the reader is on.
pub fn focus_ring(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    palette: &Palette,
    m: &Mark,
) {
    let style = ShapeStyle {
        color: palette.focus.to_rgba(),
        filled: false,
        stroke_width: 2,
    };
    let _ = area.draw(&Rectangle::new(
        [(m.x - 3, m.y - 3), (m.x + m.w + 3, m.y + m.h + 3)],
        style,
    ));
}

/// The texts of an SVG drawn by `render`, in order (plotters writes each on its own line).
#[cfg(test)]
pub fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = t.split_once('>')?.1;
            Some(body.split_once("</text>")?.0.trim().to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_chart_colours_are_the_palettes() {
        let css = include_str!("../style/main.css");
        // The first block that defines `--chart-ink` for each theme.
        let block = |start: &str| -> String {
            let from = css.find(start).expect(start);
            let body = &css[from..];
            body[..body.find('}').unwrap_or(body.len())].to_string()
        };
        let hex = |c: RGBColor| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
        for (start, palette) in [(":root {", LIGHT), (":root[data-theme=\"dark\"] {", DARK)] {
            let block = block(start).to_ascii_lowercase();
            let colours = [
                palette.background,
                palette.ink,
                palette.muted,
                palette.grid,
                palette.accent,
                palette.series[0],
                palette.series[1],
                palette.series[2],
                palette.series[3],
                palette.focus,
            ];
            for (name, colour) in CSS_NAMES.iter().zip(colours) {
                let declaration = format!("--chart-{name}: {};", hex(colour));
                assert!(block.contains(&declaration), "{start} lacks {declaration}");
            }
        }
        let drawn = css_colours("<rect fill=\"#000005\"/><text fill=\"#000002\"/>");
        assert_eq!(
            drawn,
            "<rect fill=\"var(--chart-accent)\"/><text fill=\"var(--chart-ink)\"/>"
        );
    }

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(
            nice_ticks(44_000_000.0, 5),
            vec![0.0, 1e7, 2e7, 3e7, 4e7, 5e7]
        );
        assert_eq!(nice_ticks(270_000.0, 4), vec![0.0, 1e5, 2e5, 3e5]);
        assert_eq!(nice_ticks(0.0, 4), vec![0.0, 1.0]);
        assert_eq!(nice_ticks(f64::NAN, 4), vec![0.0, 1.0]);
    }

    #[test]
    fn labels_are_cut_with_an_ellipsis() {
        assert_eq!(fit("China", TEXT, 200), "China");
        let cut = fit("Liangshan expected additional resources", TEXT, 80);
        assert!(cut.ends_with('…') && text_width(&cut, TEXT) <= 80, "{cut}");
    }

    #[test]
    fn touch_finds_the_nearest_mark_within_reach() {
        let drawn = Drawn {
            marks: vec![
                Mark {
                    x: 0,
                    y: 0,
                    w: 10,
                    h: 10,
                    datum: 0,
                },
                Mark {
                    x: 50,
                    y: 0,
                    w: 10,
                    h: 10,
                    datum: 1,
                },
            ],
            ..Drawn::default()
        };
        assert_eq!(drawn.mark_at(5, 5).map(|m| m.datum), Some(0));
        assert_eq!(drawn.mark_at(45, 5).map(|m| m.datum), Some(1));
        assert_eq!(drawn.mark_at(30, 5), None);
    }
}
