//! Magnet exports beside the headline tonnage, month by month from 2025 (`show=magnets`): customs'
//! detailed line for rare-earth permanent magnets, as Reuters compiles it, and its headline "rare
//! earths" line. Two different customs lines on one tonnage axis, side by side, never added: the
//! reader sees the April 2025 controls bite on magnets while the headline line held up. Bloomberg's
//! wider "rare-earth products" series is a third measure and stays out of this figure and its file.

use super::figure::{change_words, dash, gap_readout, year_month};
use crate::charts::columns::{Column, Columns, Segment, Series};
use crate::data::derived::{export_period, magnet_months, magnet_period, Change};
use crate::data::{Dataset, EventKind, MagnetSeries, Topic, WORLD};
use crate::figure::{
    cite, country_name, marked_events, month_column, raw, source_cells, sources_of, Chart, Csv,
    Figure, Table, Ticks, SOURCE_HEADER,
};
use crate::format::{change, change_in_words, date, month, month_range, month_tick, tonnes};
use crate::i18n::{fill, then, ExportsTexts, Lang, Strings};

/// The destinations the table names, as `countries.csv` spells them: the buyers the story is
/// about. Reports name each in some months only (Germany in four, India in two), too few for a
/// chart of their own; the CSV download carries every destination reported.
pub const DESTINATIONS: [&str; 4] = ["United States", "Germany", "Japan", "India"];

const MAGNETS: MagnetSeries = MagnetSeries::Magnets;

/// The month after `(year, month)`.
fn next(at: (u16, u8)) -> (u16, u8) {
    if at.1 == 12 {
        (at.0 + 1, 1)
    } else {
        (at.0, at.1 + 1)
    }
}

/// The month before `(year, month)`.
fn previous(at: (u16, u8)) -> (u16, u8) {
    if at.1 == 1 {
        (at.0.saturating_sub(1), 12)
    } else {
        (at.0, at.1 - 1)
    }
}

fn key((year, m): (u16, u8)) -> String {
    format!("{year}-{m:02}")
}

/// The months drawn: from the first month of magnet exports on record to the last month either
/// line gives on its own.
fn span(d: &Dataset) -> Vec<(u16, u8)> {
    let magnets: Vec<(u16, u8)> = magnet_months(d, MAGNETS, WORLD)
        .into_iter()
        .filter(|m| m.volume_t.is_some())
        .filter_map(|m| year_month(m.from))
        .collect();
    let Some(&first) = magnets.iter().min() else {
        return Vec::new();
    };
    let headline = d
        .exports_monthly
        .iter()
        .filter(|p| p.from == p.to && p.volume_t.is_some())
        .filter_map(|p| year_month(p.from));
    let last = magnets
        .iter()
        .copied()
        .chain(headline)
        .max()
        .unwrap_or(first);
    let mut out = Vec::new();
    let mut at = first;
    while at <= last {
        out.push(at);
        at = next(at);
    }
    out
}

fn month_name(at: (u16, u8), lang: Lang) -> String {
    month(at.0, at.1, lang).unwrap_or_else(|| key(at))
}

/// The changes a report states for one month, each on what it compares with: "−74 % on May 2024,
/// −52.9 % on April 2025". Never computed here.
fn stated_changes(
    yoy: Option<f64>,
    mom: Option<f64>,
    at: (u16, u8),
    lang: Lang,
    t: &Strings,
) -> Option<String> {
    let on =
        |c: f64, then: (u16, u8)| change_words(Change::stated(c), &month_name(then, lang), lang, t);
    let parts: Vec<String> = [
        yoy.map(|c| on(c, (at.0.saturating_sub(1), at.1))),
        mom.map(|c| on(c, previous(at))),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(t.citation_comma))
}

/// A bar's readout: "May 2025, magnets: 1,238 t (−74 % on May 2024, −52.9 % on April 2025) ·
/// EconoTimes, 2025-06-20".
#[allow(clippy::too_many_arguments)]
fn bar_readout(
    d: &Dataset,
    head: &str,
    volume: f64,
    (yoy, mom): (Option<f64>, Option<f64>),
    sources: &'static str,
    at: (u16, u8),
    lang: Lang,
    t: &Strings,
) -> String {
    let mut text = t.head(head, &tonnes(volume, lang));
    if let Some(changes) = stated_changes(yoy, mom, at, lang, t) {
        text.push_str(&t.paren(&changes));
    }
    text.push_str(&format!(" · {}", cite(d, sources, lang)));
    text
}

/// Runs of months as a reader reads them: "February–April 2025, January–February 2026".
fn month_runs(months: &[(u16, u8)], lang: Lang, t: &Strings) -> String {
    let mut runs: Vec<((u16, u8), (u16, u8))> = Vec::new();
    for &at in months {
        match runs.last_mut() {
            Some(run) if next(run.1) == at => run.1 = at,
            _ => runs.push((at, at)),
        }
    }
    runs.iter()
        .map(|&(a, b)| month_range(&key(a), &key(b), lang))
        .collect::<Vec<_>>()
        .join(t.list_separator)
}

/// Magnets and the headline line, month by month, side by side on one tonnage axis; a month a
/// line does not give on its own is a labelled gap in that line's slot.
pub fn figure(d: &Dataset, lang: Lang, t: &Strings, w: &ExportsTexts) -> Figure {
    let months = span(d);
    let mut readouts: Vec<String> = Vec::new();
    let mut columns = Vec::new();
    let mut periods = Vec::new();
    let (mut headline_drawn, mut magnets_drawn) = (Vec::new(), Vec::new());
    let (mut headline_missing, mut magnets_missing) = (Vec::new(), Vec::new());
    let mut together = false;
    for (i, &at) in months.iter().enumerate() {
        let k = key(at);
        if i == 0 || at.1 == 1 {
            periods.push((i, at.0.to_string()));
        }
        let name = month_name(at, lang);
        let head = |series: &str| fill(w.month_series, &[("month", &name), ("series", series)]);
        let mut column = Column {
            label: month_tick(at.1, lang),
            groups: Vec::new(),
            gap: None,
            gap_datum: None,
            highlight: false,
        };
        let headline = export_period(d, &k, &k).and_then(|p| Some((p, p.volume_t?)));
        let magnet = magnet_period(d, MAGNETS, WORLD, &k, &k).and_then(|m| Some((m, m.volume_t?)));
        let headline_gap = || gap_readout(d, &k, &head(w.rare_earths_short), lang, t, w);
        let magnet_gap = |head: &str| t.head(head, w.gap_month_long);
        if headline.is_none() {
            // Released only with the month beside it (January and February), or not found.
            let joint = d.exports_monthly.iter().any(|p| {
                let two = matches!((year_month(p.from), year_month(p.to)), (Some(a), Some(b)) if next(a) == b);
                two && p.from <= k.as_str() && k.as_str() <= p.to
            });
            if joint {
                together = true;
            } else {
                headline_missing.push(at);
            }
        }
        if magnet.is_none() {
            magnets_missing.push(at);
        }
        match (headline, magnet) {
            (None, None) => {
                readouts.push(format!(
                    "{}{}{}",
                    headline_gap(),
                    w.next_item,
                    magnet_gap(w.magnets_short)
                ));
                column.gap_datum = Some(readouts.len() - 1);
            }
            _ => {
                let mut group = |series: usize, bar: Option<(f64, String)>, gap: String| match bar {
                    Some((value, text)) => {
                        readouts.push(text);
                        column.groups.push(vec![Segment {
                            value,
                            series,
                            label: None,
                            datum: readouts.len() - 1,
                        }]);
                    }
                    None => {
                        readouts.push(gap);
                        column.groups.push(Vec::new());
                        column.gap_datum = Some(readouts.len() - 1);
                    }
                };
                let bar = headline.map(|(p, v)| {
                    headline_drawn.push(at);
                    let head = head(w.rare_earths_short);
                    let text =
                        bar_readout(d, &head, v, (p.yoy_pct, p.mom_pct), p.sources, at, lang, t);
                    (v, text)
                });
                group(0, bar, headline_gap());
                let bar = magnet.map(|(m, v)| {
                    magnets_drawn.push(at);
                    let head = head(w.magnets_short);
                    let text =
                        bar_readout(d, &head, v, (m.yoy_pct, m.mom_pct), m.sources, at, lang, t);
                    (v, text)
                });
                group(1, bar, magnet_gap(&head(w.magnets_short)));
            }
        }
        if column.gap_datum.is_some() {
            column.gap = Some(w.gap_month.to_string());
        }
        columns.push(column);
    }

    let events = marked_events(
        d,
        Topic::Exports,
        |_| true,
        |date| month_column(&months, date),
        lang,
        t,
        &mut readouts,
    );
    let summary = summary(d, lang, w);
    let alt = match (months.first(), months.last()) {
        (Some(&first), Some(&last)) => then(
            &summary,
            &fill(
                w.magnets_alt,
                &[
                    ("from", &month_name(first, lang)),
                    ("to", &month_name(last, lang)),
                    ("headline", &month_runs(&headline_drawn, lang, t)),
                    ("magnets", &month_runs(&magnets_drawn, lang, t)),
                ],
            ),
        ),
        _ => summary.clone(),
    };

    let mut notes = vec![
        w.note_magnets_lines.to_string(),
        w.note_magnets_products.to_string(),
    ];
    if together {
        notes.push(w.note_magnets_together.to_string());
    }
    let missing: Vec<String> = [
        (w.magnets_short, &magnets_missing),
        (w.rare_earths_short, &headline_missing),
    ]
    .into_iter()
    .filter(|(_, months)| !months.is_empty())
    .map(|(series, months)| {
        fill(
            w.gaps_of,
            &[("series", series), ("months", &month_runs(months, lang, t))],
        )
    })
    .collect();
    if !missing.is_empty() {
        notes.push(fill(
            w.note_magnets_not_found,
            &[("list", &missing.join(w.next_item))],
        ));
    }
    notes.push(w.note_magnets_changes.to_string());
    notes.push(w.note_magnets_destinations.to_string());

    let (rows, mut cells) = table(d, &months, lang, t, w);
    cells.extend(events.sources.iter().map(|c| **c));
    Figure {
        summary,
        alt: events.alt(alt, &readouts),
        chart: Chart::columns(Columns {
            columns,
            series: vec![
                // The headline line is the context, drawn in outline; magnets are the story.
                Series {
                    name: w.series_rare_earths.into(),
                    hollow: true,
                },
                Series {
                    name: w.series_magnets.into(),
                    hollow: false,
                },
            ],
            axis_label: w.axis_export_volume.to_string(),
            periods,
            events: events.marks,
        }),
        ticks: Ticks::Tonnes,
        readouts,
        table: Table {
            caption: w.magnets_table_caption.to_string(),
            headers: w
                .magnets_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows,
            numeric: vec![false, true, true, true, true, true, true, false, false],
        },
        notes,
        sources: sources_of(d, cells.iter()),
        events: events.list,
    }
}

/// The table: every month drawn and every year-to-date either line reports from the first month
/// on, each after the month it ends with; both lines, their changes as stated, and the magnets'
/// destinations. Also the source cells of every row it reads.
fn table(
    d: &Dataset,
    months: &[(u16, u8)],
    lang: Lang,
    t: &Strings,
    w: &ExportsTexts,
) -> (Vec<Vec<String>>, Vec<&'static str>) {
    let Some(&first) = months.first() else {
        return (Vec::new(), Vec::new());
    };
    let first = key(first);
    let mut periods: Vec<(&str, &str)> = Vec::new();
    let mut add = |from: &'static str, to: &'static str| {
        if !periods.contains(&(from, to)) {
            periods.push((from, to));
        }
    };
    let spans = d.exports_monthly.iter().map(|p| (p.from, p.to)).chain(
        d.magnets
            .iter()
            .filter(|m| m.series == MAGNETS)
            .map(|m| (m.from, m.to)),
    );
    for (from, to) in spans.filter(|(from, _)| *from >= first.as_str()) {
        add(from, to);
    }
    // Months with no report at all keep their row: a gap in the table too.
    let keys: Vec<String> = months.iter().map(|&at| key(at)).collect();
    let mut rows_of: Vec<(String, String)> = periods
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    for k in &keys {
        if !rows_of.iter().any(|(a, b)| a == k && b == k) {
            rows_of.push((k.clone(), k.clone()));
        }
    }
    // By the month a row ends with; a single month before the years to date ending with it.
    crate::order::sort_by(&mut rows_of, |a, b| (&a.1, &b.0) < (&b.1, &a.0));

    let mut cells: Vec<&'static str> = Vec::new();
    let rows = rows_of
        .iter()
        .map(|(from, to)| {
            let headline = export_period(d, from, to);
            let magnet = magnet_period(d, MAGNETS, WORLD, from, to);
            let destinations: Vec<&'static crate::data::MagnetExport> = DESTINATIONS
                .iter()
                .filter_map(|c| magnet_period(d, MAGNETS, c, from, to))
                .filter(|m| m.volume_t.is_some())
                .collect();
            let mut cited: Vec<String> = Vec::new();
            let row_sources = headline
                .map(|p| p.sources)
                .into_iter()
                .chain(magnet.map(|m| m.sources))
                .chain(destinations.iter().map(|m| m.sources));
            for s in row_sources {
                cells.push(s);
                let c = cite(d, s, lang);
                if !c.is_empty() && !cited.contains(&c) {
                    cited.push(c);
                }
            }
            let to_each: Vec<String> = destinations
                .iter()
                .filter_map(|m| {
                    Some(t.labelled(
                        &country_name(d, m.destination, lang),
                        &tonnes(m.volume_t?, lang),
                    ))
                })
                .collect();
            vec![
                month_range(from, to, lang),
                dash(headline.and_then(|p| p.volume_t).map(|v| tonnes(v, lang))),
                dash(headline.and_then(|p| p.yoy_pct).map(|c| change(c, lang))),
                dash(headline.and_then(|p| p.mom_pct).map(|c| change(c, lang))),
                dash(magnet.and_then(|m| m.volume_t).map(|v| tonnes(v, lang))),
                dash(magnet.and_then(|m| m.yoy_pct).map(|c| change(c, lang))),
                dash(magnet.and_then(|m| m.mom_pct).map(|c| change(c, lang))),
                dash((!to_each.is_empty()).then(|| to_each.join(t.list_separator))),
                dash((!cited.is_empty()).then(|| cited.join(w.next_item))),
            ]
        })
        .collect();
    (rows, cells)
}

/// The story in one sentence: magnets' lowest month after the controls, with its stated change,
/// then the year's totals of both lines. Empty when the data lacks one of them.
pub fn summary(d: &Dataset, lang: Lang, w: &ExportsTexts) -> String {
    let low = magnet_months(d, MAGNETS, WORLD)
        .into_iter()
        .filter_map(|m| Some((m, m.volume_t?)))
        .reduce(|a, b| if b.1 < a.1 { b } else { a });
    let Some((low, low_t)) = low else {
        return String::new();
    };
    let (Some(at), Some(low_change)) = (year_month(low.from), low.yoy_pct) else {
        return String::new();
    };
    // The controls in force by then: the latest before that month.
    let controls = d
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Control && e.is_for(Topic::Exports) && e.date < low.from)
        .map(|e| e.date)
        .max();
    let year = at.0;
    let (from, to) = (format!("{year}-01"), format!("{year}-12"));
    let magnets_year =
        magnet_period(d, MAGNETS, WORLD, &from, &to).and_then(|m| Some((m.volume_t?, m.yoy_pct?)));
    let headline_year = export_period(d, &from, &to).and_then(|p| Some((p.volume_t?, p.yoy_pct?)));
    let (Some(controls), Some((magnets_t, magnets_change)), Some((headline_t, headline_change))) =
        (controls, magnets_year, headline_year)
    else {
        return String::new();
    };
    let previous_year = crate::format::year(year.saturating_sub(1), lang);
    fill(
        w.magnets_summary,
        &[
            ("low", &tonnes(low_t, lang)),
            ("low_month", &month_name(at, lang)),
            ("low_change", &change_in_words(low_change, lang)),
            (
                "low_previous",
                &month_name((year.saturating_sub(1), at.1), lang),
            ),
            ("controls", &date(controls, lang)),
            ("year", &crate::format::year(year, lang)),
            ("magnets_year", &tonnes(magnets_t, lang)),
            ("magnets_change", &change_in_words(magnets_change, lang)),
            ("previous", &previous_year),
            ("headline_year", &tonnes(headline_t, lang)),
            ("headline_change", &change_in_words(headline_change, lang)),
        ],
    )
}

/// Both lines' reports from the first month drawn, for a spreadsheet: the headline line's months
/// and years to date, then every magnet report, by destination; never Bloomberg's products series.
pub fn csv(d: &Dataset) -> Csv {
    let header: Vec<&str> = [
        "series",
        "from",
        "to",
        "destination",
        "volume_t",
        "yoy_pct",
        "mom_pct",
        "value",
        "value_unit",
        "value_yoy_pct",
        "released",
    ]
    .into_iter()
    .chain(SOURCE_HEADER)
    .collect();
    let mut csv = Csv::new(&header);
    let first = span(d).first().map(|&at| key(at)).unwrap_or_default();
    let unit = |u: Option<crate::data::ValueUnit>| match u {
        Some(crate::data::ValueUnit::UsdM) => "usd_million",
        Some(crate::data::ValueUnit::CnyM) => "cny_million",
        None => "",
    };
    for p in d
        .exports_monthly
        .iter()
        .filter(|p| p.from >= first.as_str())
    {
        let mut row = vec![
            "rare_earths_headline".to_string(),
            p.from.to_string(),
            p.to.to_string(),
            WORLD.to_string(),
            raw(p.volume_t),
            raw(p.yoy_pct),
            raw(p.mom_pct),
            raw(p.value),
            unit(p.value_unit).to_string(),
            raw(p.value_yoy_pct),
            String::new(),
        ];
        row.extend(source_cells(d, p.sources));
        csv.rows.push(row);
    }
    for m in d.magnets.iter().filter(|m| m.series == MAGNETS) {
        let mut row = vec![
            "rare_earth_permanent_magnets".to_string(),
            m.from.to_string(),
            m.to.to_string(),
            m.destination.to_string(),
            raw(m.volume_t),
            raw(m.yoy_pct),
            raw(m.mom_pct),
            raw(m.value),
            unit(m.value_unit).to_string(),
            raw(m.value_yoy_pct),
            m.released.to_string(),
        ];
        row.extend(source_cells(d, m.sources));
        csv.rows.push(row);
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset;
    use crate::i18n::{EN, EN_EXPORTS, ZH, ZH_EXPORTS};

    fn columns(f: &Figure) -> &Columns {
        let Chart::Columns(c, _) = &f.chart else {
            panic!("magnets draw columns")
        };
        c
    }

    #[test]
    fn may_2025_magnets_are_1238_t_down_74_percent_beside_the_headline_line() {
        let f = figure(dataset(), Lang::En, &EN, &EN_EXPORTS);
        assert!(
            f.readouts.iter().any(|r| r.starts_with(
                "May 2025, magnets: 1,238 t (−74 % on May 2024, −52.9 % on April 2025) · EconoTimes, 2025-06-20"
            )),
            "{:#?}",
            f.readouts
        );
        assert!(
            f.readouts.iter().any(|r| r.starts_with(
                "May 2025, rare earths: 5,864.6 t (−5.7 % on May 2024, +23 % on April 2025) ·"
            )),
            "{:#?}",
            f.readouts
        );
        let c = columns(&f);
        // January 2025 to March 2026, the year under its first month.
        assert_eq!(c.columns.len(), 15);
        assert_eq!(c.periods, vec![(0, "2025".into()), (12, "2026".into())]);
        let may = &c.columns[4];
        assert_eq!(may.groups.len(), 2);
        assert_eq!(
            (may.groups[0][0].value, may.groups[1][0].value),
            (5_864.6, 1_238.0)
        );
        assert_eq!((may.groups[0][0].series, may.groups[1][0].series), (0, 1));
        assert_eq!(c.series.len(), 2, "two lines, two legend entries");
        assert_ne!(
            c.series[0].hollow, c.series[1].hollow,
            "told apart by more than colour"
        );
    }

    #[test]
    fn april_2025_magnets_are_a_gap_in_their_slot_not_a_zero() {
        let f = figure(dataset(), Lang::En, &EN, &EN_EXPORTS);
        let april = &columns(&f).columns[3];
        assert_eq!(april.groups.len(), 2);
        assert_eq!(
            april.groups[0][0].value, 4_784.8,
            "the headline line has April"
        );
        assert!(april.groups[1].is_empty(), "magnets have no bar");
        assert_eq!(april.gap.as_deref(), Some("no figure"));
        let readout = &f.readouts[april.gap_datum.expect("the gap can be read")];
        assert_eq!(
            readout,
            "April 2025, magnets: no figure for this month alone was found"
        );
        assert!(f.readouts.iter().all(|r| !r.contains(" 0 t")));
    }

    #[test]
    fn months_neither_line_gives_alone_are_whole_gaps_that_say_why() {
        let f = figure(dataset(), Lang::En, &EN, &EN_EXPORTS);
        let c = columns(&f);
        for (i, name) in [
            (1, "February 2025"),
            (12, "January 2026"),
            (13, "February 2026"),
        ] {
            let col = &c.columns[i];
            assert!(col.groups.is_empty(), "{name}: no bar");
            let readout = &f.readouts[col.gap_datum.expect("readable")];
            assert!(
                readout.starts_with(&format!(
                    "{name}, rare earths: released only together with the month next to it:"
                )) && readout.ends_with("; magnets: no figure for this month alone was found"),
                "{readout}"
            );
        }
        // January 2026 and February 2026: the two months' figure of the headline line.
        let jan = &f.readouts[c.columns[12].gap_datum.expect("readable")];
        assert!(
            jan.contains(
                "January–February 2026, 10,468.3 t, +23 % on the same months a year earlier"
            ),
            "{jan}"
        );
        // March 2026: magnets only; the headline line's March was not found.
        let march = &c.columns[14];
        assert!(march.groups[0].is_empty() && march.groups[1][0].value == 5_238.0);
        assert_eq!(
            f.readouts[march.gap_datum.expect("readable")],
            "March 2026, rare earths: no figure for this month alone was found"
        );
    }

    #[test]
    fn the_summary_sets_the_collapse_against_the_years_totals() {
        let s = summary(dataset(), Lang::En, &EN_EXPORTS);
        assert_eq!(
            s,
            "China's rare-earth magnet exports fell to 1,238 t in May 2025, −74 % on May 2024, after the export controls of 4 April 2025; over 2025 they came to 57,392 t, −1.3 % on 2024, while the headline customs figure for rare earths came to 62,585.2 t, +12.9 %."
        );
        let zh = summary(dataset(), Lang::Zh, &ZH_EXPORTS);
        assert_eq!(
            zh,
            "2025年4月4日出口管制实施后，中国稀土永磁体出口量于2025年5月降至1238吨，较2024年5月下降74%；2025年全年为57392吨，较2024年下降1.3%，而海关“稀土”项出口量为62585.2吨，较2024年增长12.9%。"
        );
    }

    #[test]
    fn the_table_has_every_month_and_year_to_date_with_the_destinations() {
        let f = figure(dataset(), Lang::En, &EN, &EN_EXPORTS);
        let row = |period: &str| {
            f.table
                .rows
                .iter()
                .find(|r| r[0] == period)
                .unwrap_or_else(|| panic!("{period} in {:#?}", f.table.rows))
        };
        let may = row("May 2025");
        assert_eq!(
            &may[1..8],
            [
                "5,864.6 t",
                "−5.7 %",
                "+23 %",
                "1,238 t",
                "−74 %",
                "−52.9 %",
                "United States 46 t, Germany 209 t, India 150 t"
            ]
        );
        assert!(
            may[8].contains("Global Times")
                && may[8].contains("EconoTimes")
                && may[8].contains("rawmaterials.net"),
            "{}",
            may[8]
        );
        // Gaps stay rows: April's magnets, February's both lines.
        assert_eq!(row("April 2025")[4], "–");
        assert_eq!(
            &row("February 2025")[1..8],
            ["–", "–", "–", "–", "–", "–", "–"]
        );
        // Years to date after the month they end with.
        let year = row("January–December 2025");
        assert_eq!(
            (year[1].as_str(), year[4].as_str(), year[7].as_str()),
            ("62,585.2 t", "57,392 t", "United States 5,933 t")
        );
        let at = |p: &str| f.table.rows.iter().position(|r| r[0] == p).expect(p);
        assert!(at("December 2025") < at("January–December 2025"));
        assert!(at("January–December 2025") < at("January 2026"));
        assert!(at("January–February 2025") < at("March 2025"));
        // Bloomberg's products series is nowhere: its 2,117 t for May is not in the table.
        assert!(f.table.rows.iter().flatten().all(|c| !c.contains("2,117")));
    }

    #[test]
    fn the_notes_say_what_each_line_covers_and_list_the_gaps() {
        let f = figure(dataset(), Lang::En, &EN, &EN_EXPORTS);
        assert!(
            f.notes.iter().any(|n| n.contains("never added together")),
            "{:#?}",
            f.notes
        );
        assert!(
            f.notes.iter().any(|n| n == "No figure was found for these months, shown as gaps, not zeros: magnets in February–April 2025, January–February 2026; rare earths in March 2026."),
            "{:#?}",
            f.notes
        );
        // The note names the destinations the table gives, in both languages.
        let destinations = f
            .notes
            .iter()
            .find(|n| n.contains("by destination"))
            .expect("note");
        assert!(
            DESTINATIONS.iter().all(|c| destinations.contains(c)),
            "{destinations}"
        );
        let zh = figure(dataset(), Lang::Zh, &ZH, &ZH_EXPORTS);
        let names = DESTINATIONS.map(|c| country_name(dataset(), c, Lang::Zh));
        assert!(
            zh.notes
                .iter()
                .any(|n| names.iter().all(|c| n.contains(c.as_str()))),
            "{:#?}",
            zh.notes
        );
        assert!(
            zh.notes.iter().any(|n| n == "以下月份未找到数字，显示为空缺而非零：稀土永磁体：2025年2—4月、2026年1—2月；稀土：2026年3月。"),
            "{:#?}",
            zh.notes
        );
        assert!(
            zh.readouts.iter().any(|r| r.starts_with(
                "2025年5月稀土永磁体：1238吨（较2024年5月下降74%，较2025年4月下降52.9%）"
            )),
            "{:#?}",
            zh.readouts
        );
    }

    #[test]
    fn the_csv_has_both_lines_and_every_destination_but_no_products_series() {
        let csv = csv(dataset());
        let series = csv
            .header
            .iter()
            .position(|h| h == "series")
            .expect("series");
        let kinds: Vec<&str> = csv.rows.iter().map(|r| r[series].as_str()).collect();
        assert!(
            kinds.contains(&"rare_earths_headline")
                && kinds.contains(&"rare_earth_permanent_magnets")
        );
        let magnets = dataset()
            .magnets
            .iter()
            .filter(|m| m.series == MAGNETS)
            .count();
        assert_eq!(
            kinds
                .iter()
                .filter(|k| **k == "rare_earth_permanent_magnets")
                .count(),
            magnets
        );
        assert!(csv.rows.iter().all(|r| r.len() == csv.header.len()));
        assert!(csv.rows.iter().any(|r| r.contains(&"Vietnam".to_string())));
        assert!(csv.rows.iter().all(|r| r[4] != "2117"));
    }
}
