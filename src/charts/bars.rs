//! Horizontal bars, one row per category: long names fit on the left, and the chart stays readable
//! on a 320 px phone because rows stack down rather than squeezing across.

use super::*;

/// How a bar is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarKind {
    Plain,
    /// The series the article is about.
    Highlight,
    /// A different kind of figure shown for comparison (expected additional resources beside
    /// reserves): drawn hollow, so it never reads as part of the solid bars.
    Outline,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    /// `None` draws no bar and shows `value_label` (e.g. "NA"): a gap, never a zero.
    pub value: Option<f64>,
    pub value_label: String,
    pub kind: BarKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub rows: Vec<BarRow>,
    /// Axis title with its unit, e.g. "Reserves (Mt REO)".
    pub axis_label: String,
}

const ROW: i32 = 30;
const BAR: i32 = 20;
const TOP: i32 = 8;
const AXIS: i32 = 44;

/// Draws the bars at `width` px; `tick_label` writes axis values ("10 Mt", "20 %").
pub fn draw(
    chart: &Bars,
    width: u32,
    palette: &Palette,
    active: Option<usize>,
    tick_label: &dyn Fn(f64) -> String,
) -> Drawn {
    let width = width.max(MIN_WIDTH);
    let w = width as i32;
    let rows = chart.rows.len() as i32;
    // The axis title wraps rather than run off a phone's screen; each extra line adds a row.
    let title = wrap(&chart.axis_label, SMALL, w - 8);
    let extra = 16 * (title.len().max(1) as i32 - 1);
    let height = (TOP + rows * ROW + AXIS + extra) as u32;
    let max = chart
        .rows
        .iter()
        .filter_map(|r| r.value)
        .fold(0.0, f64::max);

    let widest = chart
        .rows
        .iter()
        .map(|r| {
            if r.kind == BarKind::Plain {
                text_width(&r.label, TEXT)
            } else {
                bold_width(&r.label, TEXT)
            }
        })
        .max()
        .unwrap_or(0);
    let label_w = widest.min(w * 2 / 5) + 8;
    let value_room = chart
        .rows
        .iter()
        .map(|r| text_width(&r.value_label, SMALL))
        .max()
        .unwrap_or(0)
        + 8;
    let x0 = label_w;
    let plot_w = (w - x0 - value_room - 4).max(40);
    // As many ticks as fit side by side without touching: fewer on a phone.
    let mut target = 5;
    let ticks = loop {
        let ticks = nice_ticks(max, target);
        let widest_tick = ticks
            .iter()
            .map(|&t| text_width(&tick_label(t), SMALL))
            .max()
            .unwrap_or(0);
        if target == 1 || (widest_tick + 12) * ticks.len() as i32 <= plot_w + widest_tick {
            break ticks;
        }
        target -= 1;
    };
    let top_tick = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let x_of = |v: f64| x0 + (v / top_tick * plot_w as f64).round() as i32;

    let mut marks = Vec::new();
    let svg = render(width, height, palette, |area| {
        let bottom = TOP + rows * ROW;
        for &t in &ticks {
            let x = x_of(t);
            let _ = area.draw(&PathElement::new(vec![(x, TOP), (x, bottom)], palette.grid));
            let _ = area.draw(&Text::new(
                tick_label(t),
                (x, bottom + 6),
                font(SMALL, palette.muted, HPos::Center, VPos::Top),
            ));
        }
        // Centred under the plot, but never so far right that the widest line leaves the chart.
        let widest = title
            .iter()
            .map(|l| text_width(l, SMALL))
            .max()
            .unwrap_or(0);
        let centre =
            (x0 + plot_w / 2).clamp(widest / 2 + 4, (w - widest / 2 - 4).max(widest / 2 + 4));
        for (i, line) in title.iter().enumerate() {
            let _ = area.draw(&Text::new(
                line.clone(),
                (centre, bottom + 26 + 16 * i as i32),
                font(SMALL, palette.muted, HPos::Center, VPos::Top),
            ));
        }
        for (i, row) in chart.rows.iter().enumerate() {
            let y = TOP + i as i32 * ROW + (ROW - BAR) / 2;
            let mid = y + BAR / 2;
            let color = match row.kind {
                BarKind::Plain => palette.series[0],
                BarKind::Highlight | BarKind::Outline => palette.accent,
            };
            let label_style = if row.kind == BarKind::Plain {
                font(TEXT, palette.ink, HPos::Right, VPos::Center)
            } else {
                bold(TEXT, palette.ink, HPos::Right, VPos::Center)
            };
            let _ = area.draw(&Text::new(
                if row.kind == BarKind::Plain {
                    fit(&row.label, TEXT, label_w - 8)
                } else {
                    fit(&row.label, TEXT * 1.2, label_w - 8)
                },
                (x0 - 8, mid),
                label_style,
            ));
            let end = row.value.map(|v| x_of(v).max(x0 + 1)).unwrap_or(x0);
            if row.value.is_some() {
                let style = ShapeStyle {
                    color: color.to_rgba(),
                    filled: row.kind != BarKind::Outline,
                    stroke_width: 2,
                };
                let _ = area.draw(&Rectangle::new([(x0, y), (end, y + BAR)], style));
            }
            let _ = area.draw(&Text::new(
                row.value_label.clone(),
                (end + 6, mid),
                font(SMALL, palette.ink, HPos::Left, VPos::Center),
            ));
            // The whole row answers the pointer, not just the bar: short bars are hard to hit.
            marks.push(Mark {
                x: 0,
                y: TOP + i as i32 * ROW,
                w,
                h: ROW,
                datum: i,
            });
        }
        let _ = area.draw(&PathElement::new(
            vec![(x0, TOP), (x0, bottom)],
            palette.muted,
        ));
        if let Some(m) = active.and_then(|i| marks.get(i)) {
            let bar = Mark {
                x: x0,
                y: m.y + (ROW - BAR) / 2,
                w: plot_w,
                h: BAR,
                ..*m
            };
            focus_ring(area, palette, &bar);
        }
    });
    Drawn { svg, height, marks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Bars {
        let row = |label: &str, value: Option<f64>, kind| BarRow {
            label: label.into(),
            value,
            value_label: value.map(|v| format!("{v}")).unwrap_or("NA".into()),
            kind,
        };
        Bars {
            rows: vec![
                row("China", Some(44e6), BarKind::Highlight),
                row("Liangshan", Some(4.96e6), BarKind::Outline),
                row("Brazil", Some(21e6), BarKind::Plain),
                row("Burma", None, BarKind::Plain),
            ],
            axis_label: "Reserves (Mt)".into(),
        }
    }

    #[test]
    fn every_row_gets_a_mark_and_missing_values_no_bar() {
        let drawn = draw(&chart(), 600, &LIGHT, None, &|v| format!("{}", v / 1e6));
        assert_eq!(drawn.marks.len(), 4);
        let texts = svg_texts(&drawn.svg);
        assert!(
            texts.contains(&"NA".to_string()) && texts.contains(&"China".to_string()),
            "{texts:?}"
        );
        // Three bars (two solid, one hollow) plus the background.
        assert_eq!(drawn.svg.matches("<rect").count(), 4);
        assert!(drawn.svg.contains("aria-hidden=\"true\""));
    }

    #[test]
    fn bars_scale_to_the_largest_value() {
        let drawn = draw(&chart(), 600, &LIGHT, Some(0), &|v| format!("{}", v / 1e6));
        // The focus ring is one more rectangle.
        assert_eq!(drawn.svg.matches("<rect").count(), 5);
        assert_eq!(drawn.height, (TOP + 4 * ROW + AXIS) as u32);
    }
}
