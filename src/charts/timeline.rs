//! Points in time on a logarithmic size axis, with a marker shape per kind of estimate and lines
//! joining successive updates of one deposit. Announced finds span 0.1 to 28 Mt: on a linear axis
//! all but two would sit on the floor.

use super::*;

/// Marker shapes: the kind of estimate is told by shape as well as by the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Fractional year.
    pub x: f64,
    /// Tonnes, > 0.
    pub y: f64,
    pub shape: Shape,
    pub label: String,
    /// Points with the same series are joined in order of `x`.
    pub series: Option<usize>,
    pub highlight: bool,
    pub datum: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub points: Vec<Point>,
    pub axis_label: String,
    pub legend: Vec<(Shape, String)>,
}

const TOP: i32 = 12;
const PLOT_H: i32 = 260;
const BOTTOM: i32 = 30;
const R: i32 = 6;

pub fn draw(
    chart: &Timeline,
    width: u32,
    palette: &Palette,
    active: Option<usize>,
    tick_label: &dyn Fn(f64) -> String,
) -> Drawn {
    let width = width.max(MIN_WIDTH);
    let w = width as i32;
    let legend_rows = legend_rows(chart, w);
    let legend_h = legend_rows.len() as i32 * 20;
    let height = (TOP + legend_h + PLOT_H + BOTTOM) as u32;
    let (lo, hi) = y_range(chart);
    let ticks = log_ticks(lo, hi);
    let y_axis_w = ticks
        .iter()
        .map(|&t| text_width(&tick_label(t), SMALL))
        .max()
        .unwrap_or(20)
        + 10;
    let x0 = y_axis_w;
    let plot_w = (w - x0 - 12).max(40);
    let first_year = chart
        .points
        .iter()
        .map(|p| p.x.floor())
        .fold(f64::INFINITY, f64::min);
    let last_year = chart
        .points
        .iter()
        .map(|p| p.x.ceil())
        .fold(f64::NEG_INFINITY, f64::max);
    let (x_lo, x_hi) = if first_year < last_year {
        (first_year, last_year)
    } else {
        (2022.0, 2026.0)
    };
    let top = TOP + legend_h;
    let base = top + PLOT_H;
    let x_of = |x: f64| x0 + 8 + ((x - x_lo) / (x_hi - x_lo) * (plot_w - 16) as f64).round() as i32;
    let y_of = |y: f64| {
        base - ((y.log10() - lo.log10()) / (hi.log10() - lo.log10()) * PLOT_H as f64).round() as i32
    };

    let mut marks = Vec::new();
    let svg = render(width, height, palette, |area| {
        for (row, items) in legend_rows.iter().enumerate() {
            let y = TOP + row as i32 * 20 + 6;
            let mut x = x0;
            for &(shape, ref name) in items {
                marker(area, shape, (x + R, y), palette.series[0], false);
                let _ = area.draw(&Text::new(
                    name.clone(),
                    (x + 2 * R + 6, y),
                    font(SMALL, palette.ink, HPos::Left, VPos::Center),
                ));
                x += 2 * R + 6 + text_width(name, SMALL) + 14;
            }
        }
        for &t in &ticks {
            let y = y_of(t);
            let _ = area.draw(&PathElement::new(
                vec![(x0, y), (x0 + plot_w, y)],
                palette.grid,
            ));
            let _ = area.draw(&Text::new(
                tick_label(t),
                (x0 - 6, y),
                font(SMALL, palette.muted, HPos::Right, VPos::Center),
            ));
        }
        let mut year = x_lo as i32;
        while year as f64 <= x_hi {
            let x = x_of(year as f64);
            let _ = area.draw(&PathElement::new(
                vec![(x, base), (x, base + 4)],
                palette.muted,
            ));
            if (year as f64) < x_hi {
                let label_x = x_of(year as f64 + 0.5);
                let _ = area.draw(&Text::new(
                    year.to_string(),
                    (label_x, base + 8),
                    font(SMALL, palette.muted, HPos::Center, VPos::Top),
                ));
            }
            year += 1;
        }
        let _ = area.draw(&PathElement::new(
            vec![(x0, base), (x0 + plot_w, base)],
            palette.muted,
        ));
        let _ = area.draw(&Text::new(
            chart.axis_label.clone(),
            (x0 + 4, top + 2),
            font(SMALL, palette.muted, HPos::Left, VPos::Top),
        ));

        // Updates of one deposit, joined in time order.
        let mut series: Vec<usize> = chart.points.iter().filter_map(|p| p.series).collect();
        crate::order::sort_unique(&mut series);
        let mut lines: Vec<Vec<(i32, i32)>> = Vec::new();
        for s in series {
            let mut pts: Vec<&Point> = chart
                .points
                .iter()
                .filter(|p| p.series == Some(s))
                .collect();
            crate::order::sort_by(&mut pts, |a, b| a.x < b.x);
            let line: Vec<(i32, i32)> = pts.iter().map(|p| (x_of(p.x), y_of(p.y))).collect();
            let _ = area.draw(&PathElement::new(
                line.clone(),
                palette.series[0].stroke_width(2),
            ));
            lines.push(line);
        }
        // Markers first, then labels: right of their point, or left when that would leave the
        // plot; never over the axis, another label, a marker or a line. A label with no room is
        // left out (the readout and the table still name it), except the highlighted one: so a
        // deposit's updates are named once, at the end of their line.
        let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
        let mut order: Vec<&Point> = chart.points.iter().collect();
        crate::order::sort_by(&mut order, |a, b| a.highlight && !b.highlight);
        for p in &order {
            let (x, y) = (x_of(p.x), y_of(p.y));
            let color = if p.highlight {
                palette.accent
            } else {
                palette.series[0]
            };
            marker(area, p.shape, (x, y), color, p.highlight);
            marks.push(Mark {
                x: x - R,
                y: y - R,
                w: 2 * R,
                h: 2 * R,
                datum: p.datum,
            });
        }
        let markers: Vec<(i32, i32, i32, i32)> = marks
            .iter()
            .map(|m| (m.x, m.y, m.x + m.w, m.y + m.h))
            .collect();
        let overlaps = |a: &(i32, i32, i32, i32), b: &(i32, i32, i32, i32)| {
            a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
        };
        for p in order {
            let (x, y) = (x_of(p.x), y_of(p.y));
            let tw = if p.highlight {
                bold_width(&p.label, SMALL)
            } else {
                text_width(&p.label, SMALL)
            };
            let right = (x + R + 4, y - 8, x + R + 4 + tw, y + 8);
            let left = (x - R - 4 - tw, y - 8, x - R - 4, y + 8);
            let free = |r: &(i32, i32, i32, i32)| {
                r.0 >= x0 + 2
                    && r.2 <= x0 + plot_w
                    && !placed.iter().any(|o| overlaps(r, o))
                    && !markers
                        .iter()
                        .any(|m| overlaps(r, m) && !(m.0 == x - R && m.1 == y - R))
                    && !lines
                        .iter()
                        .any(|line| line.windows(2).any(|seg| crosses(r, seg[0], seg[1])))
            };
            let spot = [right, left].into_iter().find(|r| free(r)).or(p
                .highlight
                .then_some(if right.2 <= x0 + plot_w { right } else { left }));
            if let Some(rect) = spot {
                placed.push(rect);
                let style = if p.highlight {
                    bold(SMALL, palette.ink, HPos::Left, VPos::Center)
                } else {
                    font(SMALL, palette.ink, HPos::Left, VPos::Center)
                };
                let _ = area.draw(&Text::new(p.label.clone(), (rect.0, y), style));
            }
        }
        if let Some(m) = active.and_then(|d| marks.iter().find(|m| m.datum == d)) {
            focus_ring(area, palette, m);
        }
    });
    Drawn { svg, height, marks }
}

/// Whether the segment from `a` to `b` passes through the rectangle (left, top, right, bottom):
/// checked every 2 px along it, finer than a label's height.
fn crosses(rect: &(i32, i32, i32, i32), a: (i32, i32), b: (i32, i32)) -> bool {
    let steps = ((b.0 - a.0).abs().max((b.1 - a.1).abs()) / 2).max(1);
    (0..=steps).any(|i| {
        let x = a.0 + (b.0 - a.0) * i / steps;
        let y = a.1 + (b.1 - a.1) * i / steps;
        rect.0 <= x && x <= rect.2 && rect.1 <= y && y <= rect.3
    })
}

fn legend_rows(chart: &Timeline, width: i32) -> Vec<Vec<(Shape, String)>> {
    let mut rows: Vec<Vec<(Shape, String)>> = vec![Vec::new()];
    let mut x = 0;
    for (shape, name) in &chart.legend {
        let item = 2 * R + 6 + text_width(name, SMALL) + 14;
        if x + item > width - 60 && !rows.last().is_some_and(Vec::is_empty) {
            rows.push(Vec::new());
            x = 0;
        }
        x += item;
        if let Some(row) = rows.last_mut() {
            row.push((*shape, name.clone()));
        }
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// A 1-2-5 range around the data, so every point sits inside the axis.
fn y_range(chart: &Timeline) -> (f64, f64) {
    let min = chart
        .points
        .iter()
        .map(|p| p.y)
        .filter(|&y| y > 0.0)
        .fold(f64::INFINITY, f64::min);
    let max = chart.points.iter().map(|p| p.y).fold(0.0, f64::max);
    if !(min.is_finite() && max > 0.0) {
        return (1e5, 1e8);
    }
    let lo = 10f64.powf(min.log10().floor());
    let hi = 10f64.powf(max.log10().ceil()).max(lo * 10.0);
    (lo, hi)
}

fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut ticks = Vec::new();
    let mut decade = lo;
    while decade <= hi * 1.001 {
        for m in [1.0, 3.0] {
            let t = decade * m;
            if t <= hi * 1.001 {
                ticks.push(t);
            }
        }
        decade *= 10.0;
    }
    ticks
}

fn marker(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    shape: Shape,
    (x, y): (i32, i32),
    color: RGBColor,
    filled_bold: bool,
) {
    let style = ShapeStyle {
        color: color.to_rgba(),
        filled: true,
        stroke_width: if filled_bold { 3 } else { 2 },
    };
    let outline = ShapeStyle {
        filled: false,
        ..style
    };
    let _ = match shape {
        Shape::Circle => area.draw(&Circle::new((x, y), R, style)),
        Shape::Square => area.draw(&Rectangle::new(
            [(x - R + 1, y - R + 1), (x + R - 1, y + R - 1)],
            style,
        )),
        Shape::Triangle => area.draw(&Polygon::new(
            vec![(x, y - R - 1), (x + R, y + R - 1), (x - R, y + R - 1)],
            style,
        )),
        Shape::Diamond => area.draw(&Polygon::new(
            vec![(x, y - R), (x + R, y), (x, y + R), (x - R, y)],
            outline,
        )),
        Shape::Cross => area
            .draw(&PathElement::new(
                vec![(x - R, y - R), (x + R, y + R)],
                style,
            ))
            .and_then(|_| {
                area.draw(&PathElement::new(
                    vec![(x - R, y + R), (x + R, y - R)],
                    style,
                ))
            }),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A resource of deposit 0 (one line), labelled `label`.
    fn point(x: f64, y: f64, label: &str, highlight: bool, datum: usize) -> Point {
        Point {
            x,
            y,
            shape: Shape::Circle,
            label: label.into(),
            series: Some(0),
            highlight,
            datum,
        }
    }

    #[test]
    fn log_axis_spans_the_data_in_whole_decades() {
        let point = |x: f64, y: f64, datum| point(x, y, &format!("p{datum}"), datum == 0, datum);
        let chart = Timeline {
            points: vec![
                point(2024.7, 4.96e6, 0),
                point(2023.1, 1e6, 1),
                point(2025.3, 2.8e7, 2),
            ],
            axis_label: "t REO".into(),
            legend: vec![(Shape::Circle, "Resource".into())],
        };
        assert_eq!(y_range(&chart), (1e6, 1e8));
        assert_eq!(log_ticks(1e6, 1e8), vec![1e6, 3e6, 1e7, 3e7, 1e8]);
        let drawn = draw(&chart, 500, &DARK, Some(0), &|v| format!("{v}"));
        assert_eq!(drawn.marks.len(), 3);
        // A bigger find sits higher up.
        let y = |d: usize| {
            drawn
                .marks
                .iter()
                .find(|m| m.datum == d)
                .map(|m| m.y)
                .unwrap_or(0)
        };
        assert!(y(2) < y(0) && y(0) < y(1));
    }

    #[test]
    fn a_deposit_s_updates_are_named_once_at_the_end_of_their_line_not_across_it() {
        let update = |x: f64, y: f64, datum| point(x, y, "Per Geijer", false, datum);
        let chart = Timeline {
            points: vec![
                update(2022.1, 1e6, 0),
                update(2023.0, 1.3e6, 1),
                update(2024.6, 2.2e6, 2),
            ],
            axis_label: "t REO".into(),
            legend: vec![(Shape::Circle, "Resource".into())],
        };
        let drawn = draw(&chart, 600, &DARK, None, &|v| format!("{v}"));
        assert_eq!(drawn.svg.matches("Per Geijer").count(), 1, "{}", drawn.svg);
        // The one label is right of the latest update.
        let last = drawn.marks.iter().find(|m| m.datum == 2).unwrap();
        let at = drawn.svg.find("Per Geijer").unwrap();
        let tag = &drawn.svg[drawn.svg[..at].rfind("<text").unwrap()..at];
        let x: i32 = tag
            .split("x=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap();
        assert!(x > last.x + last.w, "{tag}");
    }

    #[test]
    fn a_segment_crosses_a_rectangle_only_where_it_passes_through() {
        let rect = (10, 10, 20, 20);
        assert!(crosses(&rect, (0, 15), (30, 15)));
        assert!(crosses(&rect, (0, 0), (30, 30)));
        assert!(!crosses(&rect, (0, 0), (30, 0)));
        assert!(!crosses(&rect, (25, 0), (25, 30)));
        assert!(crosses(&rect, (15, 15), (15, 15)));
    }
}
