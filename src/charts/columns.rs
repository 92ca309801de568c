//! Vertical columns over an ordered category axis (years, months): each column holds side-by-side
//! groups of stacked segments, and a category without a figure is drawn as a labelled gap.

use super::*;
use plotters::style::FontTransform;

#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub value: f64,
    /// Index into `Columns::series`: decides colour and fill.
    pub series: usize,
    /// Written inside the segment when it is tall enough (e.g. "135,000").
    pub label: Option<String>,
    /// Index of the datum in the view's readout list.
    pub datum: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: String,
    /// Side by side; each group is one stack. Empty groups leave their slot empty.
    pub groups: Vec<Vec<Segment>>,
    /// Shown in place of the column when it has no segment ("not published"); in a column that
    /// has some, in place of each empty group (one series of a grouped chart missing that month).
    pub gap: Option<String>,
    /// The gap's datum, so a reader can land on it and hear why it is empty.
    pub gap_datum: Option<usize>,
    pub highlight: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// Drawn as an outline instead of a solid fill, so series differ by more than colour.
    pub hollow: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub columns: Vec<Column>,
    pub series: Vec<Series>,
    pub axis_label: String,
    /// A second row of labels under the categories, each from its column on: the year under the
    /// first month of it, so that month labels are never read as years.
    pub periods: Vec<(usize, String)>,
    /// Dated events marked on the chart (export controls, quota notices), in date order.
    pub events: Vec<EventMark>,
}

/// An event marked on its category: a thin rule down the column and, above the plot, its number
/// and short label, or its number alone where the labels cannot all be set without touching (a
/// phone); the figure lists the numbers with the full sentences under the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMark {
    pub column: usize,
    /// Its number in the list under the chart, from 1.
    pub number: usize,
    pub label: String,
    /// Its line in the view's readouts: the keyboard and the pointer land on the marker.
    pub datum: usize,
}

/// Rows of event labels at most, above the plot.
const EVENT_ROWS: usize = 3;
/// Below this width the events are numbered only: labels would crowd a phone's chart.
pub const EVENT_LABELS_FROM: u32 = 480;

/// Where each event's label goes: its row above the plot, its text and its left edge. Labels read
/// from just right of their column's rule (or end there, near the right edge) and take the first
/// of `rows` where they touch no other; if one finds none, every event shows its number only,
/// placed the same way; and if a number finds no row either, the numbers share the first row,
/// those that would touch joined into a range ("4–7") at the first one's place. An event inside a
/// range has no label of its own (`None`), only its rule. Also whether the labels were set.
type Placed = Option<(usize, String, i32)>;

fn place_events(
    chart: &Columns,
    centre: &dyn Fn(usize) -> i32,
    right: i32,
    labels: bool,
    rows: usize,
) -> (Vec<Placed>, bool) {
    let width_of = |text: &str| bold_width(text, SMALL) + 8;
    // Just right of the rule: the keyboard, which walks the marks from left to right, reads the
    // event after its column's bars.
    let start = |e: &EventMark, width: i32| {
        let x = centre(e.column) + 2;
        if x + width > right {
            (x - width).max(0)
        } else {
            x
        }
    };
    let in_rows = |labels: bool| -> Option<Vec<Placed>> {
        let mut placed: Vec<Placed> = Vec::new();
        for e in &chart.events {
            let text = match labels {
                true => format!("{} {}", e.number, e.label),
                false => e.number.to_string(),
            };
            let width = width_of(&text);
            let left = start(e, width);
            let touches = |row: usize| {
                placed
                    .iter()
                    .flatten()
                    .any(|(r, t, l)| *r == row && left < l + width_of(t) && left + width > *l)
            };
            let row = (0..rows.max(1)).find(|&row| !touches(row))?;
            placed.push(Some((row, text, left)));
        }
        Some(placed)
    };
    if let Some(placed) = labels.then(|| in_rows(true)).flatten() {
        return (placed, true);
    }
    if let Some(placed) = in_rows(false) {
        return (placed, false);
    }
    // One row of numbers and ranges, left to right: an event that would touch the range before
    // it joins it; the last ones move left to stay on the chart, joining where they then touch.
    let range = |a: usize, b: usize| {
        let (a, b) = (&chart.events[a], &chart.events[b]);
        if a.number == b.number {
            a.number.to_string()
        } else {
            format!("{}–{}", a.number, b.number)
        }
    };
    let mut ranges: Vec<(usize, usize, i32)> = Vec::new();
    for (i, e) in chart.events.iter().enumerate() {
        let x = centre(e.column) + 2;
        match ranges.last_mut() {
            Some(r) if x < r.2 + width_of(&range(r.0, i)) => r.1 = i,
            _ => ranges.push((i, i, x)),
        }
    }
    while let Some(&(a, b, left)) = ranges.last() {
        let fits = right - width_of(&range(a, b));
        if left <= fits {
            break;
        }
        let n = ranges.len();
        match n.checked_sub(2).map(|p| ranges[p]) {
            Some((pa, _, pl)) if pl + width_of(&range(pa, b)) > fits => {
                ranges[n - 2].1 = b;
                ranges.pop();
            }
            _ => {
                ranges[n - 1].2 = fits.max(0);
                break;
            }
        }
    }
    let mut placed: Vec<Placed> = vec![None; chart.events.len()];
    for (a, b, left) in ranges {
        placed[a] = Some((0, range(a, b), left));
    }
    (placed, false)
}

/// The rows the events take above the plot, the same at every width, so the chart's height
/// changes only where its legend wraps (the build-time copy reserves it per width range): as many
/// as their labels need at a desktop's width, else as many as their numbers need on a phone.
fn event_rows(chart: &Columns, geometry: &dyn Fn(u32) -> (i32, i32)) -> usize {
    let rows_at = |width: u32, labels: bool| {
        let (x0, slot) = geometry(width);
        let centre = |ci: usize| x0 + ci as i32 * slot + slot / 2;
        let (placed, labelled) = place_events(chart, &centre, width as i32 - 8, labels, EVENT_ROWS);
        let rows = placed.iter().flatten().map(|p| p.0 + 1).max().unwrap_or(0);
        (rows, labelled)
    };
    match rows_at(640, true) {
        (rows, true) => rows,
        _ => rows_at(MIN_WIDTH, false).0,
    }
}

/// Height of one line of the header (axis title, legend rows).
const LINE: i32 = 18;
const PLOT_H: i32 = 220;
const BOTTOM: i32 = 40;

pub fn draw(
    chart: &Columns,
    width: u32,
    palette: &Palette,
    active: Option<usize>,
    tick_label: &dyn Fn(f64) -> String,
) -> Drawn {
    let width = width.max(MIN_WIDTH);
    let w = width as i32;
    // The axis title has its own line; the legend wraps onto lines below it, so on a phone
    // nothing is printed over anything else.
    let legend = legend_rows(chart, w);
    let header = LINE * (1 + legend.len() as i32) + 10;
    let period_row = if chart.periods.is_empty() { 0 } else { LINE };
    let max = chart
        .columns
        .iter()
        .flat_map(|c| {
            c.groups
                .iter()
                .map(|g| g.iter().map(|s| s.value).sum::<f64>())
        })
        .fold(0.0, f64::max);
    let ticks = nice_ticks(max, 4);
    let top_tick = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let y_axis_w = ticks
        .iter()
        .map(|&t| text_width(&tick_label(t), SMALL))
        .max()
        .unwrap_or(20)
        + 10;
    let x0 = y_axis_w;
    let plot_w = (w - x0 - 8).max(40);
    let n = chart.columns.len().max(1) as i32;
    let slot = plot_w / n;
    let centre_of = |ci: usize| x0 + ci as i32 * slot + slot / 2;
    let geometry = |width: u32| {
        let plot_w = (width as i32 - x0 - 8).max(40);
        (x0, plot_w / n)
    };
    let rows = event_rows(chart, &geometry);
    let labels = width >= EVENT_LABELS_FROM;
    let (events, _) = place_events(chart, &centre_of, x0 + plot_w, labels, rows);
    let top = header + LINE * rows as i32;
    let base = top + PLOT_H;
    let height = (top + PLOT_H + BOTTOM + period_row) as u32;
    let y_of = |v: f64| base - (v / top_tick * PLOT_H as f64).round() as i32;
    // Label every k-th category so labels never collide on a phone.
    let label_w = chart
        .columns
        .iter()
        .map(|c| text_width(&c.label, SMALL))
        .max()
        .unwrap_or(10)
        + 6;
    let every = ((label_w + slot - 1) / slot.max(1)).max(1) as usize;
    // The highlighted category is always labelled, so its neighbours within reach give way.
    let highlighted: Vec<usize> = chart
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.highlight)
        .map(|(i, _)| i)
        .collect();
    let labelled = |ci: usize| {
        chart.columns[ci].highlight
            || (ci % every == 0 && highlighted.iter().all(|&h| h.abs_diff(ci) >= every))
    };

    let mut marks = Vec::new();
    let svg = render(width, height, palette, |area| {
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
        let _ = area.draw(&Text::new(
            chart.axis_label.clone(),
            (0, 8),
            font(SMALL, palette.muted, HPos::Left, VPos::Center),
        ));
        for (row, items) in legend.iter().enumerate() {
            let y = LINE * (row as i32 + 1) + 8;
            let mut x = 0;
            for &i in items {
                let name = &chart.series[i].name;
                let _ = area.draw(&Rectangle::new(
                    [(x, y - 6), (x + 11, y + 5)],
                    series_style(palette, chart, i, false),
                ));
                let _ = area.draw(&Text::new(
                    name.clone(),
                    (x + 16, y),
                    font(SMALL, palette.ink, HPos::Left, VPos::Center),
                ));
                x += legend_item_width(name);
            }
        }
        for (ci, column) in chart.columns.iter().enumerate() {
            let left = x0 + ci as i32 * slot;
            let centre = left + slot / 2;
            if labelled(ci) {
                let style = if column.highlight {
                    bold(SMALL, palette.ink, HPos::Center, VPos::Top)
                } else {
                    font(SMALL, palette.muted, HPos::Center, VPos::Top)
                };
                let _ = area.draw(&Text::new(column.label.clone(), (centre, base + 6), style));
            }
            let groups = column.groups.len().max(1) as i32;
            let inner = (slot * 4 / 5).max(3);
            let group_w = (inner / groups).max(2);
            let mut any = false;
            let filled = column.groups.iter().any(|g| !g.is_empty());
            for (gi, group) in column.groups.iter().enumerate() {
                let gx = left + (slot - inner) / 2 + gi as i32 * group_w;
                if filled && group.is_empty() {
                    marks.extend(group_gap(area, palette, column, (gx, group_w), (top, base)));
                }
                let mut bottom = 0.0;
                for seg in group {
                    any = true;
                    let (y_lo, y_hi) = (y_of(bottom), y_of(bottom + seg.value));
                    bottom += seg.value;
                    let highlight = column.highlight && seg.series == 0;
                    let style = series_style(palette, chart, seg.series, highlight);
                    // A one-pixel gap between stacked segments tells them apart without colour.
                    let _ = area.draw(&Rectangle::new(
                        [(gx + 1, y_hi), (gx + group_w - 1, y_lo - 1)],
                        style,
                    ));
                    if let Some(label) = &seg.label {
                        if y_lo - y_hi > 16 && text_width(label, SMALL) < group_w + 40 {
                            let _ = area.draw(&Text::new(
                                label.clone(),
                                (gx + group_w / 2, y_hi - 3),
                                bold(SMALL, palette.ink, HPos::Center, VPos::Bottom),
                            ));
                        }
                    }
                    marks.push(Mark {
                        x: gx,
                        y: y_hi,
                        w: group_w,
                        h: (y_lo - y_hi).max(4),
                        datum: seg.datum,
                    });
                }
            }
            if !any {
                // The gap's word runs up its own slot: where the slot is narrower than a line of
                // text (a phone, many months) the words of neighbouring gaps would overprint, so
                // only the mark on the axis is drawn; the readout and text alternative still say
                // why the month is empty.
                if let Some(gap) = &column.gap {
                    if f64::from(slot) >= SMALL {
                        let style = font(SMALL, palette.muted, HPos::Left, VPos::Center)
                            .transform(FontTransform::Rotate270);
                        let _ = area.draw(&Text::new(gap.clone(), (centre, base - 6), style));
                    }
                    let _ = area.draw(&PathElement::new(
                        vec![(centre - 4, base), (centre + 4, base)],
                        palette.muted,
                    ));
                }
                if let Some(datum) = column.gap_datum {
                    marks.push(Mark {
                        x: left,
                        y: top,
                        w: slot,
                        h: PLOT_H,
                        datum,
                    });
                }
            }
        }
        for (i, label) in &chart.periods {
            let left = x0 + *i as i32 * slot;
            // A short rule marks where the period starts; its label reads from there.
            let _ = area.draw(&PathElement::new(
                vec![(left, base + 4), (left, base + 36)],
                palette.grid,
            ));
            let _ = area.draw(&Text::new(
                label.clone(),
                (left + 3, base + 24),
                bold(SMALL, palette.ink, HPos::Left, VPos::Top),
            ));
        }
        // Each event: its rule down its column, its label (or number) above the plot, and its
        // mark there; an event whose number joined another's is marked on its rule.
        let mut row_of_last = 0;
        for (e, placed) in chart.events.iter().zip(&events) {
            let x = centre_of(e.column);
            let (row, mark_x, mark_w) = match placed {
                Some((row, text, left)) => {
                    let y = header + LINE * *row as i32 + LINE / 2;
                    let _ = area.draw(&Text::new(
                        text.clone(),
                        (*left + 4, y),
                        bold(SMALL, palette.ink, HPos::Left, VPos::Center),
                    ));
                    row_of_last = *row;
                    (*row, *left, bold_width(text, SMALL) + 8)
                }
                None => (row_of_last, x - 4, 8),
            };
            let _ = area.draw(&PathElement::new(
                vec![(x, header + LINE * (row as i32 + 1) - 2), (x, base)],
                palette.muted,
            ));
            marks.push(Mark {
                x: mark_x,
                y: header + LINE * row as i32,
                w: mark_w,
                h: LINE,
                datum: e.datum,
            });
        }
        let _ = area.draw(&PathElement::new(
            vec![(x0, base), (x0 + plot_w, base)],
            palette.muted,
        ));
        if let Some(m) = active.and_then(|d| marks.iter().find(|m| m.datum == d)) {
            focus_ring(area, palette, m);
        }
    });
    Drawn { svg, height, marks }
}

/// One series missing beside another that has a figure: the gap's word up the empty group's slot
/// where it fits (as for a whole column, see `draw`), and its mark, so the keyboard and the pointer
/// land on it and the readout says why.
fn group_gap(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    palette: &Palette,
    column: &Column,
    (gx, group_w): (i32, i32),
    (top, base): (i32, i32),
) -> Option<Mark> {
    if let Some(gap) = column.gap.as_ref().filter(|_| f64::from(group_w) >= SMALL) {
        let style = font(SMALL, palette.muted, HPos::Left, VPos::Center)
            .transform(FontTransform::Rotate270);
        let _ = area.draw(&Text::new(gap.clone(), (gx + group_w / 2, base - 6), style));
    }
    column.gap_datum.map(|datum| Mark {
        x: gx,
        y: top,
        w: group_w,
        h: base - top,
        datum,
    })
}

fn legend_item_width(name: &str) -> i32 {
    16 + text_width(name, SMALL) + 14
}

/// Legend entries in rows that fit `width`; none when there is a single series (the axis title
/// names it).
fn legend_rows(chart: &Columns, width: i32) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    if chart.series.len() < 2 {
        return rows;
    }
    let mut x = 0;
    for (i, s) in chart.series.iter().enumerate() {
        let item = legend_item_width(&s.name);
        match rows.last_mut() {
            Some(row) if x + item <= width => row.push(i),
            _ => {
                rows.push(vec![i]);
                x = 0;
            }
        }
        x += item;
    }
    rows
}

fn series_style(palette: &Palette, chart: &Columns, series: usize, highlight: bool) -> ShapeStyle {
    let color = if highlight {
        palette.accent
    } else {
        palette.series[series % palette.series.len()]
    };
    let hollow = chart.series.get(series).is_some_and(|s| s.hollow);
    ShapeStyle {
        color: color.to_rgba(),
        filled: !hollow,
        stroke_width: 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(value: f64, series: usize, datum: usize) -> Segment {
        Segment {
            value,
            series,
            label: None,
            datum,
        }
    }

    fn column(label: &str, groups: Vec<Vec<Segment>>, gap: Option<&str>) -> Column {
        Column {
            label: label.into(),
            groups,
            gap: gap.map(Into::into),
            gap_datum: None,
            highlight: false,
        }
    }

    #[test]
    fn gaps_are_labelled_and_never_drawn_as_bars() {
        let chart = Columns {
            columns: vec![
                column("2011", vec![vec![seg(93_800.0, 0, 0)]], None),
                column("2012", vec![], Some("not published")),
                column("2013", vec![vec![seg(93_800.0, 0, 1)]], None),
            ],
            series: vec![Series {
                name: "Mining".into(),
                hollow: false,
            }],
            axis_label: "t REO".into(),
            periods: Vec::new(),
            events: Vec::new(),
        };
        let drawn = draw(&chart, 400, &LIGHT, None, &|v| format!("{v}"));
        assert_eq!(drawn.marks.len(), 2);
        assert!(svg_texts(&drawn.svg).contains(&"not published".to_string()));
        assert_eq!(drawn.svg.matches("<rect").count(), 3);
    }

    #[test]
    fn gap_words_too_wide_for_their_slot_give_way_to_the_mark() {
        // Thirty-two months on a phone: slots narrower than a line of text.
        let columns = (0..32)
            .map(|i| match i % 3 {
                0 => column("J", vec![vec![seg(5_000.0, 0, i)]], None),
                _ => column("F", vec![], Some("no figure")),
            })
            .collect();
        let chart = Columns {
            columns,
            series: vec![Series {
                name: "Exports".into(),
                hollow: false,
            }],
            axis_label: "t".into(),
            periods: Vec::new(),
            events: Vec::new(),
        };
        let narrow = draw(&chart, 320, &LIGHT, None, &|v| format!("{v}"));
        assert!(!svg_texts(&narrow.svg).contains(&"no figure".to_string()));
        let wide = draw(&chart, 720, &LIGHT, None, &|v| format!("{v}"));
        assert!(svg_texts(&wide.svg).contains(&"no figure".to_string()));
    }

    #[test]
    fn a_series_missing_beside_another_is_a_labelled_gap_in_its_own_slot() {
        let mut april = column(
            "A",
            vec![vec![seg(4_784.8, 0, 0)], vec![]],
            Some("no figure"),
        );
        april.gap_datum = Some(1);
        let chart = Columns {
            columns: vec![
                april,
                column(
                    "M",
                    vec![vec![seg(5_864.6, 0, 2)], vec![seg(1_238.0, 1, 3)]],
                    None,
                ),
            ],
            series: vec![
                Series {
                    name: "Rare earths".into(),
                    hollow: true,
                },
                Series {
                    name: "Magnets".into(),
                    hollow: false,
                },
            ],
            axis_label: "t".into(),
            periods: Vec::new(),
            events: Vec::new(),
        };
        let drawn = draw(&chart, 640, &LIGHT, None, &|v| format!("{v}"));
        assert!(svg_texts(&drawn.svg).contains(&"no figure".to_string()));
        let gap = drawn
            .marks
            .iter()
            .find(|m| m.datum == 1)
            .expect("the gap's mark");
        let headline = drawn
            .marks
            .iter()
            .find(|m| m.datum == 0)
            .expect("April's bar");
        let may = drawn
            .marks
            .iter()
            .find(|m| m.datum == 2)
            .expect("May's rare earths");
        let magnets = drawn
            .marks
            .iter()
            .find(|m| m.datum == 3)
            .expect("May's magnets");
        assert!(
            gap.x > headline.x,
            "in the second group's slot, after the bar beside it"
        );
        assert_eq!((gap.x - headline.x, gap.w), (magnets.x - may.x, magnets.w));
        // Both columns of May are bars; April's one bar and its gap: four marks, three bars.
        assert_eq!(drawn.marks.len(), 4);
    }

    #[test]
    fn stacked_segments_sit_on_each_other() {
        let chart = Columns {
            columns: vec![column(
                "2024",
                vec![vec![seg(135_000.0, 0, 0), seg(135_000.0, 1, 1)]],
                None,
            )],
            series: vec![
                Series {
                    name: "Batch 1".into(),
                    hollow: false,
                },
                Series {
                    name: "Batch 2".into(),
                    hollow: false,
                },
            ],
            axis_label: "t".into(),
            periods: vec![(0, "2024".into())],
            events: Vec::new(),
        };
        let drawn = draw(&chart, 400, &LIGHT, Some(1), &|v| format!("{v}"));
        let (a, b) = (drawn.marks[0], drawn.marks[1]);
        assert_eq!(a.h, b.h);
        assert!(b.y < a.y, "the second batch stacks above the first");
    }

    fn year_chart(events: Vec<(usize, &str)>) -> Columns {
        Columns {
            columns: (0..12)
                .map(|i| {
                    column(
                        &(2014 + i).to_string(),
                        vec![vec![seg(5_000.0, 0, i)]],
                        None,
                    )
                })
                .collect(),
            series: vec![Series {
                name: "Exports".into(),
                hollow: false,
            }],
            axis_label: "t".into(),
            periods: Vec::new(),
            events: events
                .into_iter()
                .enumerate()
                .map(|(i, (column, label))| EventMark {
                    column,
                    number: i + 1,
                    label: label.into(),
                    datum: 12 + i,
                })
                .collect(),
        }
    }

    /// Every placed label's box: row, left, right.
    fn boxes(chart: &Columns, width: u32) -> Vec<(usize, i32, i32)> {
        let x0 = 40;
        let slot = (width as i32 - x0 - 8) / chart.columns.len() as i32;
        let centre = |ci: usize| x0 + ci as i32 * slot + slot / 2;
        place_events(
            chart,
            &centre,
            width as i32 - 8,
            width >= EVENT_LABELS_FROM,
            EVENT_ROWS,
        )
        .0
        .into_iter()
        .flatten()
        .map(|(row, text, left)| (row, left, left + bold_width(&text, SMALL) + 8))
        .collect()
    }

    #[test]
    fn event_labels_never_touch_and_collapse_to_numbers_on_a_phone() {
        let chart = year_chart(vec![
            (11, "Controls: 7 rare earths"),
            (11, "Controls widened"),
        ]);
        let wide = draw(&chart, 640, &LIGHT, None, &|v| format!("{v}"));
        let texts = svg_texts(&wide.svg);
        assert!(
            texts.contains(&"1 Controls: 7 rare earths".to_string()),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"2 Controls widened".to_string()),
            "{texts:?}"
        );
        let placed = boxes(&chart, 640);
        assert_eq!(placed.len(), 2);
        assert_ne!(placed[0].0, placed[1].0, "one year, two rows");
        // At 320 px, the numbers alone; the figure lists what they are.
        let narrow = draw(&chart, 320, &LIGHT, None, &|v| format!("{v}"));
        let texts = svg_texts(&narrow.svg);
        assert!(
            texts.contains(&"1".to_string()) && texts.contains(&"2".to_string()),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("Controls")), "{texts:?}");
        // Each event is a mark the keyboard reaches, above the plot.
        for datum in [12, 13] {
            let m = narrow
                .marks
                .iter()
                .find(|m| m.datum == datum)
                .expect("a mark");
            assert!(m.y < narrow.marks[0].y, "above the columns");
        }
    }

    #[test]
    fn crowded_events_are_numbered_and_never_overlap() {
        // Twelve events, one a year: labels cannot all be set at 640 px.
        let labels: Vec<(usize, &str)> = (0..12).map(|i| (i, "A long event label")).collect();
        let chart = year_chart(labels);
        for width in [320, 480, 640, 1024] {
            let placed = boxes(&chart, width);
            for (i, a) in placed.iter().enumerate() {
                for b in &placed[i + 1..] {
                    assert!(
                        a.0 != b.0 || a.2 <= b.1 || b.2 <= a.1,
                        "{width} px: {a:?} and {b:?} overlap"
                    );
                }
            }
            assert!(
                placed.iter().all(|b| b.1 >= 0 && b.2 <= width as i32 - 8),
                "{width} px: a label runs off the chart: {placed:?}"
            );
            let drawn = draw(&chart, width, &LIGHT, None, &|v| format!("{v}"));
            assert_eq!(
                drawn.marks.iter().filter(|m| m.datum >= 12).count(),
                12,
                "{width} px: every event has its mark"
            );
        }
        // Seven events in the last column at 320 px: more than three rows' worth, so one range,
        // moved left to stay on the chart.
        let chart = year_chart((0..7).map(|_| (11, "x")).collect());
        let (placed, _) = place_events(&chart, &|c| 40 + c as i32 * 22, 312, false, EVENT_ROWS);
        assert_eq!(placed.iter().flatten().count(), 1);
        let (row, text, left) = placed[0].clone().expect("the range");
        assert_eq!((row, text.as_str()), (0, "1–7"));
        assert!(left + bold_width(&text, SMALL) + 8 <= 312, "{left}");
        // Ranges never touch each other, nor the right edge.
        let chart = year_chart((0..12).flat_map(|c| [(c, "x"), (c, "x")]).collect());
        let (placed, _) = place_events(&chart, &|c| 40 + c as i32 * 22, 312, false, EVENT_ROWS);
        let boxes: Vec<(i32, i32)> = placed
            .iter()
            .flatten()
            .map(|(_, t, l)| (*l, l + bold_width(t, SMALL) + 8))
            .collect();
        assert!(boxes.windows(2).all(|w| w[0].1 <= w[1].0), "{boxes:?}");
        assert!(boxes.iter().all(|b| b.1 <= 312), "{boxes:?}");
    }

    #[test]
    fn an_event_marks_its_own_column() {
        let chart = year_chart(vec![(3, "Quota notice")]);
        let drawn = draw(&chart, 640, &LIGHT, None, &|v| format!("{v}"));
        let bar = drawn
            .marks
            .iter()
            .find(|m| m.datum == 3)
            .expect("2017's bar");
        let event = drawn
            .marks
            .iter()
            .find(|m| m.datum == 12)
            .expect("the event");
        // The label reads from the column's centre.
        assert!(
            (event.x - (bar.x + bar.w / 2)).abs() <= 2,
            "{event:?} {bar:?}"
        );
    }

    #[test]
    fn the_events_take_the_same_rows_at_every_width() {
        // Months of 2025 with events close together: the chart's height must not change with
        // the width (the build-time copy reserves it per width range, one rule per change).
        let mut chart = year_chart((0..6).map(|i| (5 + i, "An event")).collect());
        chart.columns.truncate(12);
        let heights: Vec<u32> = (280..=1400)
            .step_by(7)
            .map(|w| draw(&chart, w, &LIGHT, None, &|v| format!("{v}")).height)
            .collect();
        assert!(heights.windows(2).all(|h| h[0] == h[1]), "{heights:?}");
    }
}
