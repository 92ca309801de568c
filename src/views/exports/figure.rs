//! What the Exports view shows for a state of its controls, as plain functions of the dataset:
//! China's rare earth exports by year (volume, value or unit value, one at a time) and month by
//! month around 2024, with the article's January–August figure.

use super::state::{Measure, State};
use crate::charts::columns::{Column, Columns, Segment, Series};
use crate::data::derived::{
    export_average_price, export_period, export_unit_value, export_volume_change, preferred_export,
    Change,
};
use crate::data::{Dataset, EventKind, ExportYear, Product, Topic, ValueUnit};
use crate::figure::{
    cite, marked_events, month_column, publisher_name, raw, source_cells, sources_of, year_column,
    Chart, Csv, Figure, Table, Ticks, SOURCE_HEADER,
};
use crate::format::{
    change, change_in_words, cny_millions, figure as digits, month, month_range, month_tick,
    tonnes, usd_millions, year as year_name,
};
use crate::i18n::{fill, then, ExportsTexts, Lang, Strings};

pub const ARTICLE_YEAR: u16 = 2024;
/// The article's "+6.4 %": January to August 2024 against the same months of 2023.
pub const ARTICLE_SPAN: (&str, &str) = ("2024-01", "2024-08");
/// The price comparison the reports give: January to July, 2024 against 2023.
pub const PRICE_NOW: (&str, &str) = ("2024-01", "2024-07");
pub const PRICE_BEFORE: (&str, &str) = ("2023-01", "2023-07");

/// The full years the annual chart spans, gaps included.
fn years(d: &Dataset) -> std::ops::RangeInclusive<u16> {
    let full = || {
        d.exports_annual
            .iter()
            .filter(|e| e.months == 12)
            .map(|e| e.year)
    };
    full().min().unwrap_or(ARTICLE_YEAR)..=full().max().unwrap_or(ARTICLE_YEAR)
}

fn value_usd(e: &ExportYear) -> Option<f64> {
    (e.value_unit == Some(ValueUnit::UsdM))
        .then_some(e.value)
        .flatten()
}

/// A change as a readout gives it: "+6 % on 2023", with ", computed here" where no report states
/// it and it was worked out from the two volumes.
pub(super) fn change_words(c: Change, previous: &str, lang: Lang, t: &Strings) -> String {
    let mut s = fill(
        t.change_on,
        &[
            ("change", &change_in_words(c.percent, lang)),
            ("previous", previous),
        ],
    );
    if c.computed {
        s.push_str(t.computed_mark);
    }
    s
}

pub(super) fn dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "–".into())
}

/// A price per tonne: "US$8,826/t" / "8826美元/吨".
fn per_tonne(v: f64, lang: Lang, w: &ExportsTexts) -> String {
    fill(w.usd_per_t, &[("value", &digits(v, 0, lang))])
}

/// A stated change credited to the publication that states it when that is not the one the
/// readout cites: "−12.6 % on 2018, per Global Times".
fn credited(d: &Dataset, e: &ExportYear, words: String, lang: Lang, w: &ExportsTexts) -> String {
    let by = crate::data::model::source_ids(e.change_sources)
        .next()
        .and_then(|id| d.source(id));
    match by {
        Some(s) => fill(
            w.change_per,
            &[
                ("change", &words),
                ("publisher", &publisher_name(d, s.publisher, lang)),
            ],
        ),
        None => words,
    }
}

pub fn annual(d: &Dataset, state: &State, lang: Lang, t: &Strings, w: &ExportsTexts) -> Figure {
    let measure = state.measure;
    let mut readouts = Vec::new();
    let mut columns = Vec::new();
    for year in years(d) {
        let e = preferred_export(d, year, 12);
        let value = e.and_then(|e| match measure {
            // Magnets are drawn by month (the view's `first_chart` picks that chart for the
            // measure); should one reach here, it shows the headline tonnage.
            Measure::Volume | Measure::Magnets => e.volume_t,
            Measure::Value => value_usd(e),
            Measure::UnitValue => export_average_price(e).map(|(v, _)| v),
        });
        let mut column = Column {
            label: year.to_string(),
            groups: Vec::new(),
            gap: None,
            gap_datum: None,
            highlight: year == ARTICLE_YEAR,
        };
        match (e, value) {
            (Some(e), Some(v)) => {
                let figure = match measure {
                    Measure::Volume | Measure::Magnets => tonnes(v, lang),
                    Measure::Value => usd_millions(v, lang),
                    Measure::UnitValue => per_tonne(v, lang, w),
                };
                let mut text = t.head(&year_name(year, lang), &figure);
                if measure == Measure::Volume {
                    if let Some(c) = export_volume_change(d, year) {
                        let previous = crate::format::year(year - 1, lang);
                        let words = change_words(c, &previous, lang, t);
                        let words = if c.computed {
                            words
                        } else {
                            credited(d, e, words, lang, w)
                        };
                        text.push_str(&t.paren(&words));
                    }
                }
                if measure == Measure::Value {
                    if let Some(c) = e.value_yoy_pct {
                        let previous = crate::format::year(year - 1, lang);
                        let words = change_words(Change::stated(c), &previous, lang, t);
                        text.push_str(&t.paren(&words));
                    }
                }
                if measure == Measure::UnitValue {
                    let computed = export_average_price(e).is_some_and(|(_, computed)| computed);
                    text.push_str(&t.paren(if computed {
                        w.derived_unit_value
                    } else {
                        w.reported_unit_value
                    }));
                }
                text.push_str(&format!(" · {}", cite(d, e.sources, lang)));
                readouts.push(text);
                column.groups.push(vec![Segment {
                    value: v,
                    series: 0,
                    label: None,
                    datum: readouts.len() - 1,
                }]);
            }
            (_, _) => {
                column.gap = Some(w.gap_not_reported.to_string());
                readouts.push(t.head(&year_name(year, lang), w.gap_not_reported_long));
                column.gap_datum = Some(readouts.len() - 1);
            }
        }
        columns.push(column);
    }

    let rows: Vec<&ExportYear> = d.exports_annual.iter().collect();
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|e| {
            let span = if e.months == 12 {
                e.year.to_string()
            } else {
                fill(
                    w.first_months,
                    &[
                        ("year", &e.year.to_string()),
                        ("months", &e.months.to_string()),
                    ],
                )
            };
            let value = match (e.value, e.value_unit) {
                (Some(v), Some(ValueUnit::UsdM)) => usd_millions(v, lang),
                (Some(v), Some(ValueUnit::CnyM)) => cny_millions(v, lang),
                _ => "–".into(),
            };
            vec![
                span,
                dash(e.volume_t.map(|v| tonnes(v, lang))),
                dash(e.volume_yoy_pct.map(|c| change(c, lang))),
                value,
                dash(e.value_yoy_pct.map(|c| change(c, lang))),
                // A reported average as given; one computed here is marked *.
                dash(export_average_price(e).map(|(u, computed)| {
                    let mark = if computed { "*" } else { "" };
                    format!("{}{mark}", per_tonne(u, lang, w))
                })),
                if e.preferred {
                    t.yes.to_string()
                } else {
                    w.no_other_report.to_string()
                },
                cite(d, e.sources, lang),
            ]
        })
        .collect();

    let (series_name, axis, ticks) = match measure {
        Measure::Volume | Measure::Magnets => {
            (w.export_volume, w.axis_export_volume, Ticks::Tonnes)
        }
        Measure::Value => (w.export_value, w.axis_export_value, Ticks::UsdMillions),
        Measure::UnitValue => (w.unit_value, w.axis_unit_value, Ticks::Usd),
    };
    // The yearly columns mark the controls themselves; the months below mark every step.
    let year_list: Vec<u16> = years(d).collect();
    let events = marked_events(
        d,
        Topic::Exports,
        |e| e.kind == EventKind::Control,
        |date| year_column(&year_list, date),
        lang,
        t,
        &mut readouts,
    );
    let summary = summary(d, lang, w);
    let drawn_years: Vec<String> = columns
        .iter()
        .filter(|c| !c.groups.is_empty())
        .map(|c| c.label.clone())
        .collect();
    let alt = then(
        &summary,
        &fill(
            w.exports_alt,
            &[
                ("measure", series_name),
                ("years", &drawn_years.join(t.list_separator)),
            ],
        ),
    );
    let mut notes = vec![w.note_exports_unit.to_string()];
    notes.extend(preferred_note(d, lang, w));
    notes.push(w.note_exports_gaps.to_string());
    if measure == Measure::Volume && columns.iter().any(|_| true) {
        let computed = years(d).any(|y| export_volume_change(d, y).is_some_and(|c| c.computed));
        if computed {
            notes.push(w.note_exports_computed_change.to_string());
        }
    }
    // The table under every measure marks a computed average with *: the note says so.
    let marked = table_rows
        .iter()
        .flatten()
        .any(|cell: &String| cell.ends_with('*'));
    if measure != Measure::Volume || marked {
        notes.push(w.note_export_value.to_string());
    }
    let prices = oxide_prices_note(d, lang, t, w);
    notes.extend(prices.clone());
    let alt = events.alt(alt, &readouts);
    let mut cells: Vec<&&'static str> = rows.iter().map(|e| &e.sources).collect();
    cells.extend(&events.sources);
    let price_cells: Vec<&'static str> = ndpr_prices(d).iter().map(|p| p.sources).collect();
    if prices.is_some() {
        cells.extend(price_cells.iter());
    }
    Figure {
        summary,
        alt,
        chart: Chart::columns(Columns {
            columns,
            series: vec![Series {
                name: series_name.into(),
                hollow: false,
            }],
            axis_label: axis.to_string(),
            periods: Vec::new(),
            events: events.marks,
        }),
        ticks,
        readouts,
        table: Table {
            caption: w.exports_table_caption.to_string(),
            headers: w
                .exports_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows: table_rows,
            numeric: vec![false, true, true, true, true, true, false, false],
        },
        notes,
        sources: sources_of(d, cells),
        events: events.list,
    }
}

/// NdPr oxide's published annual prices for the article's year and the two before it, newest
/// first: the evidence for why export value fell while volume rose.
pub fn ndpr_prices(d: &Dataset) -> Vec<&'static crate::data::Price> {
    let prices: Vec<&'static crate::data::Price> = (0..3)
        .filter_map(|back| {
            d.prices.iter().find(|p| {
                p.product == Product::Ndpr && p.year == ARTICLE_YEAR - back && !p.estimated
            })
        })
        .collect();
    prices
}

/// "Oxide prices fell as well: NdPr oxide averaged US$55/kg in 2024, against US$75/kg in 2023
/// and US$124/kg in 2022 (USGS)." "Fell" only where each year was below the one before.
/// `None` when the data lacks those three years.
pub fn oxide_prices_note(d: &Dataset, lang: Lang, t: &Strings, w: &ExportsTexts) -> Option<String> {
    let [now, before, earlier] = ndpr_prices(d)[..] else {
        return None;
    };
    let price =
        |p: &crate::data::Price| fill(t.usd_per_kg, &[("value", &digits(p.usd_per_kg, 1, lang))]);
    let fell = now.usd_per_kg < before.usd_per_kg && before.usd_per_kg < earlier.usd_per_kg;
    Some(fill(
        if fell {
            w.note_oxide_prices
        } else {
            w.note_oxide_prices_plain
        },
        &[
            ("now", &price(now)),
            ("year", &now.year.to_string()),
            ("before", &price(before)),
            ("before_year", &before.year.to_string()),
            ("earlier", &price(earlier)),
            ("earlier_year", &earlier.year.to_string()),
        ],
    ))
}

/// The yearly figures (the chart the controls change), for a spreadsheet (the download).
pub fn annual_csv(d: &Dataset) -> Csv {
    let header: Vec<&str> = [
        "year",
        "months",
        "volume_t",
        "volume_yoy_pct",
        "value",
        "value_unit",
        "value_yoy_pct",
        "avg_price_usd_t",
        "unit_value_usd_per_t",
        "used_in_chart",
    ]
    .into_iter()
    .chain(SOURCE_HEADER)
    .collect();
    let mut csv = Csv::new(&header);
    for e in d.exports_annual {
        let unit = match e.value_unit {
            Some(ValueUnit::UsdM) => "usd_million",
            Some(ValueUnit::CnyM) => "cny_million",
            None => "",
        };
        let mut row = vec![
            e.year.to_string(),
            e.months.to_string(),
            raw(e.volume_t),
            raw(e.volume_yoy_pct),
            raw(e.value),
        ];
        row.extend([
            unit.to_string(),
            raw(e.value_yoy_pct),
            raw(e.avg_price_usd_t),
            raw(export_unit_value(e)),
            (if e.preferred { "yes" } else { "no" }).to_string(),
        ]);
        row.extend(source_cells(d, e.sources));
        csv.rows.push(row);
    }
    csv
}

/// The months of the price comparison without their year, which the sentence says once:
/// "January–July" / "1—7月".
pub fn price_span(lang: Lang) -> String {
    month_range(PRICE_NOW.0, PRICE_NOW.1, lang)
        .replace(&format!(" {ARTICLE_YEAR}"), "")
        .replace(&format!("{ARTICLE_YEAR}年"), "")
}

/// A price per tonne as the exports view writes it, for the claims: "US$8,826/t" / "8826美元/吨".
pub fn price_per_tonne(v: f64, lang: Lang) -> String {
    per_tonne(
        v,
        lang,
        crate::components::on_demand::texts::<ExportsTexts>(lang),
    )
}

/// The article's figures in one sentence: volume up, price down.
pub fn summary(d: &Dataset, lang: Lang, w: &ExportsTexts) -> String {
    let span = export_period(d, ARTICLE_SPAN.0, ARTICLE_SPAN.1);
    let now = export_period(d, PRICE_NOW.0, PRICE_NOW.1).and_then(|p| p.avg_price_usd_t);
    let before = export_period(d, PRICE_BEFORE.0, PRICE_BEFORE.1).and_then(|p| p.avg_price_usd_t);
    let price_span = price_span(lang);
    match (
        span.and_then(|s| Some((s.volume_t?, s.yoy_pct?))),
        now,
        before,
    ) {
        (Some((volume, yoy)), Some(now), Some(before)) => fill(
            w.exports_summary,
            &[
                ("volume", &tonnes(volume, lang)),
                ("change", &change_in_words(yoy, lang)),
                ("span", &month_range(ARTICLE_SPAN.0, ARTICLE_SPAN.1, lang)),
                ("previous", &year_name(ARTICLE_YEAR - 1, lang)),
                ("price_span", &price_span),
                ("before", &digits(before, 0, lang)),
                ("now", &digits(now, 0, lang)),
            ],
        ),
        _ => String::new(),
    }
}

/// The place value of the last digit a figure shows: 28,000 -> 1,000; 27,608.3 -> 0.1.
fn last_digit(v: f64) -> f64 {
    let mut unit = 1e6;
    while unit >= 1.0 {
        if (v / unit).fract() == 0.0 {
            return unit;
        }
        unit /= 10.0;
    }
    if (v * 10.0).fract() == 0.0 {
        0.1
    } else {
        0.01
    }
}

/// Where reports of one year disagree (not merely one rounding the other), which the chart draws
/// and why: "for 2020, 35,447.5 t (Global Times), not 27,608.3 t (Reuters). The change reported
/// for 2021, +38 %, fits 35,447.5 t."
fn preferred_note(d: &Dataset, lang: Lang, w: &ExportsTexts) -> Option<String> {
    let publisher = |e: &ExportYear| {
        crate::data::model::source_ids(e.sources)
            .next()
            .and_then(|id| d.source(id))
            .map(|s| publisher_name(d, s.publisher, lang))
            .unwrap_or_default()
    };
    years(d).find_map(|year| {
        let used = preferred_export(d, year, 12)?;
        let volume = used.volume_t?;
        let other = d.exports_annual.iter().find(|e| {
            e.year == year
                && e.months == 12
                && !e.preferred
                && e.volume_t.is_some_and(|o| {
                    let unit = last_digit(o);
                    ((volume / unit).round() * unit - o).abs() > 1e-6
                })
        })?;
        let mut note = fill(
            w.note_exports_preferred,
            &[
                ("year", &year_name(year, lang)),
                ("used", &tonnes(volume, lang)),
                ("used_by", &publisher(used)),
                ("other", &tonnes(other.volume_t.unwrap_or_default(), lang)),
                ("other_by", &publisher(other)),
            ],
        );
        // The next year's stated change, worked back, fits the figure used.
        let next =
            preferred_export(d, year + 1, 12).and_then(|n| Some((n.volume_yoy_pct?, n.volume_t?)));
        if let Some((stated, next_volume)) = next {
            let implied = crate::data::derived::percent_change(volume, next_volume);
            let slack = if stated.fract() == 0.0 { 0.5 } else { 0.05 };
            if implied.is_some_and(|p| (p - stated).abs() <= slack) {
                let confirmed = fill(
                    w.note_exports_confirmed,
                    &[
                        ("next", &year_name(year + 1, lang)),
                        ("change", &change_in_words(stated, lang)),
                        ("used", &tonnes(volume, lang)),
                    ],
                );
                note = then(&note, &confirmed);
            }
        }
        Some(note)
    })
}

/// A `YYYY-MM` key as (year, month).
pub(super) fn year_month(key: &str) -> Option<(u16, u8)> {
    let (y, m) = key.split_once('-')?;
    let month: u8 = m.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some((y.parse().ok()?, month))
}

/// The months the monthly chart spans: from the first to the last month reported on its own.
fn months(d: &Dataset) -> Vec<(u16, u8)> {
    let single: Vec<(u16, u8)> = d
        .exports_monthly
        .iter()
        .filter(|p| p.from == p.to && p.volume_t.is_some())
        .filter_map(|p| year_month(p.from))
        .collect();
    let (Some(&first), Some(&last)) = (single.iter().min(), single.iter().max()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = first;
    while at <= last {
        out.push(at);
        at = if at.1 == 12 {
            (at.0 + 1, 1)
        } else {
            (at.0, at.1 + 1)
        };
    }
    out
}

/// The heading of the monthly chart, from the months it spans: "Month by month, May 2023 to
/// December 2024".
pub fn monthly_title(d: &Dataset, lang: Lang, w: &ExportsTexts) -> String {
    let span = months(d);
    match (span.first(), span.last()) {
        (Some(&(fy, fm)), Some(&(ly, lm))) => fill(
            w.monthly_title,
            &[
                ("from", &month(fy, fm, lang).unwrap_or_default()),
                ("to", &month(ly, lm, lang).unwrap_or_default()),
            ],
        ),
        _ => String::new(),
    }
}

/// Single months, with gaps where no figure for the month alone was reported. Each month is
/// labelled by its initial, the year written once under its first month, so no label can be
/// read as a year.
pub fn monthly(d: &Dataset, lang: Lang, t: &Strings, w: &ExportsTexts) -> Figure {
    let span = months(d);
    let mut readouts = Vec::new();
    let mut columns = Vec::new();
    let mut periods = Vec::new();
    for (i, &(year, m)) in span.iter().enumerate() {
        let key = format!("{year}-{m:02}");
        let name = month(year, m, lang).unwrap_or_else(|| key.clone());
        if i == 0 || m == 1 {
            periods.push((i, year.to_string()));
        }
        let mut column = Column {
            label: month_tick(m, lang),
            groups: Vec::new(),
            gap: None,
            gap_datum: None,
            highlight: false,
        };
        match export_period(d, &key, &key).and_then(|p| Some((p, p.volume_t?))) {
            Some((p, v)) => {
                let mut text = t.head(&name, &tonnes(v, lang));
                if let Some(c) = p.yoy_pct {
                    let previous = month(year - 1, m, lang).unwrap_or_default();
                    text.push_str(&t.paren(&change_words(Change::stated(c), &previous, lang, t)));
                }
                text.push_str(&format!(" · {}", cite(d, p.sources, lang)));
                readouts.push(text);
                column.groups.push(vec![Segment {
                    value: v,
                    series: 0,
                    label: None,
                    datum: readouts.len() - 1,
                }]);
            }
            None => {
                column.gap = Some(w.gap_month.to_string());
                readouts.push(gap_readout(d, &key, &name, lang, t, w));
                column.gap_datum = Some(readouts.len() - 1);
            }
        }
        columns.push(column);
    }
    let table_rows = d
        .exports_monthly
        .iter()
        .map(|p| {
            vec![
                month_range(p.from, p.to, lang),
                dash(p.volume_t.map(|v| tonnes(v, lang))),
                dash(p.yoy_pct.map(|c| change(c, lang))),
                dash(p.mom_pct.map(|c| change(c, lang))),
                dash(p.avg_price_usd_t.map(|v| per_tonne(v, lang, w))),
                cite(d, p.sources, lang),
            ]
        })
        .collect();
    let ytd = export_period(d, ARTICLE_SPAN.0, ARTICLE_SPAN.1);
    let summary = ytd
        .and_then(|p| {
            Some(fill(
                w.monthly_summary,
                &[
                    ("span", &month_range(p.from, p.to, lang)),
                    ("volume", &tonnes(p.volume_t?, lang)),
                    ("change", &change_in_words(p.yoy_pct?, lang)),
                    ("previous", &year_name(ARTICLE_YEAR - 1, lang)),
                ],
            ))
        })
        .unwrap_or_default();
    let events = marked_events(
        d,
        Topic::Exports,
        |_| true,
        |date| month_column(&span, date),
        lang,
        t,
        &mut readouts,
    );
    let drawn: Vec<String> = span
        .iter()
        .filter(|&&(y, m)| {
            export_period(d, &format!("{y}-{m:02}"), &format!("{y}-{m:02}"))
                .is_some_and(|p| p.volume_t.is_some())
        })
        .filter_map(|&(y, m)| month(y, m, lang))
        .collect();
    let alt = then(
        &summary,
        &fill(w.monthly_alt, &[("months", &drawn.join(t.list_separator))]),
    );
    let mut cells: Vec<&&'static str> = d.exports_monthly.iter().map(|p| &p.sources).collect();
    cells.extend(&events.sources);
    Figure {
        alt: events.alt(alt, &readouts),
        summary,
        chart: Chart::columns(Columns {
            columns,
            series: vec![Series {
                name: w.export_volume.into(),
                hollow: false,
            }],
            axis_label: w.axis_export_volume.to_string(),
            periods,
            events: events.marks,
        }),
        ticks: Ticks::Tonnes,
        readouts,
        table: Table {
            caption: w.monthly_table_caption.to_string(),
            headers: w
                .monthly_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows: table_rows,
            numeric: vec![false, true, true, true, true, false],
        },
        notes: vec![w.note_exports_unit.to_string(), w.note_monthly.to_string()],
        sources: sources_of(d, cells),
        events: events.list,
    }
}

/// Why a month has no bar: released only together with the next or previous month (January and
/// February), or not reported on its own.
pub(super) fn gap_readout(
    d: &Dataset,
    key: &str,
    name: &str,
    lang: Lang,
    t: &Strings,
    w: &ExportsTexts,
) -> String {
    let together = d.exports_monthly.iter().find(|p| {
        p.from != p.to
            && p.from <= key
            && key <= p.to
            && matches!((year_month(p.from), year_month(p.to)), (Some((a, m1)), Some((b, m2))) if a == b && m2 == m1 + 1)
    });
    match together.and_then(|p| Some((p, p.volume_t?))) {
        Some((p, v)) => {
            let mut both = format!(
                "{}{}{}",
                month_range(p.from, p.to, lang),
                t.citation_comma,
                tonnes(v, lang)
            );
            if let Some(c) = p.yoy_pct {
                both.push_str(t.citation_comma);
                both.push_str(&fill(
                    w.change_on_same_months,
                    &[("change", &change_in_words(c, lang))],
                ));
            }
            format!(
                "{} · {}",
                t.head(name, &fill(w.gap_month_together, &[("both", &both)])),
                cite(d, p.sources, lang)
            )
        }
        None => t.head(name, w.gap_month_long),
    }
}

/// A file name that says what it holds: `china-rare-earth-exports-unit-value`.
pub fn file_stem(state: &State) -> String {
    format!(
        "china-rare-earth-exports-{}",
        crate::url::name_of(&super::state::MEASURES, state.measure)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset;
    use crate::i18n::{EN, EN_EXPORTS};

    fn state(q: &str) -> State {
        crate::url::Params::read(&crate::url::Query::parse(q), &mut Default::default())
    }

    #[test]
    fn the_summary_gives_the_articles_6_4_percent_and_the_price_fall() {
        let s = summary(dataset(), Lang::En, &EN_EXPORTS);
        assert!(s.contains("38,755 t") && s.contains("+6.4 %"), "{s}");
        assert!(s.contains("15,985") && s.contains("8,826"), "{s}");
    }

    #[test]
    fn the_chart_draws_the_preferred_2020_figure_and_the_table_keeps_both() {
        let f = annual(dataset(), &state(""), Lang::En, &EN, &EN_EXPORTS);
        let Chart::Columns(c, _) = &f.chart else {
            panic!("exports draw columns")
        };
        let y2020 = c
            .columns
            .iter()
            .find(|col| col.label == "2020")
            .expect("2020 is drawn");
        assert_eq!(y2020.groups[0][0].value, 35_447.5);
        let rows: Vec<_> = f.table.rows.iter().filter(|r| r[0] == "2020").collect();
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn years_without_a_report_are_gaps() {
        let f = annual(dataset(), &state(""), Lang::En, &EN, &EN_EXPORTS);
        let Chart::Columns(c, _) = &f.chart else {
            panic!("exports draw columns")
        };
        let y2016 = c
            .columns
            .iter()
            .find(|col| col.label == "2016")
            .expect("2016 is on the axis");
        assert!(y2016.groups.is_empty() && y2016.gap.is_some());
    }

    #[test]
    fn unit_value_is_derived_only_where_volume_and_usd_value_exist() {
        let f = annual(
            dataset(),
            &state("?show=unit-value"),
            Lang::En,
            &EN,
            &EN_EXPORTS,
        );
        let Chart::Columns(c, _) = &f.chart else {
            panic!("exports draw columns")
        };
        let drawn: Vec<&str> = c
            .columns
            .iter()
            .filter(|c| !c.groups.is_empty())
            .map(|c| c.label.as_str())
            .collect();
        assert_eq!(drawn, vec!["2015", "2018", "2024"]);
        let y2024 = c.columns.iter().find(|c| c.label == "2024").expect("2024");
        assert!((y2024.groups[0][0].value - 8_818.0).abs() < 0.1);
    }

    #[test]
    fn a_reported_average_price_wins_over_a_computed_one() {
        let f = annual(
            dataset(),
            &state("?show=unit-value"),
            Lang::En,
            &EN,
            &EN_EXPORTS,
        );
        // Adamas gives US$9.77/kg for 2018; value ÷ volume would give US$9,650/t.
        assert!(
            f.readouts
                .iter()
                .any(|r| r.starts_with("2018: US$9,770/t (average as reported) ·")),
            "{:?}",
            f.readouts
        );
        assert!(f.readouts.iter().all(|r| !r.contains("9,650")));
        // Where no report gives one, the computed average is marked in the table.
        let partial = f
            .table
            .rows
            .iter()
            .find(|r| r[0] == "2018 (first 5 months)")
            .expect("January-May 2018");
        assert_eq!(partial[5], "US$9,976/t*");
        assert!(
            f.notes.iter().any(|n| n.contains("marked *")),
            "{:?}",
            f.notes
        );
    }

    #[test]
    fn a_stated_change_wins_over_one_computed_from_the_volumes_and_is_credited_to_its_source() {
        let f = annual(dataset(), &state(""), Lang::En, &EN, &EN_EXPORTS);
        // Global Times reported -12.6 % for 2019 (on its own 2018 base); the volumes give
        // -13.0 %. The volume is Reuters', the change Global Times': the readout says so.
        assert!(
            f.readouts
                .iter()
                .any(|r| r
                    .starts_with("2019: 46,330 t (−12.6 % on 2018, per Global Times) · Reuters,")),
            "{:?}",
            f.readouts
        );
        let zh = annual(
            dataset(),
            &state(""),
            Lang::Zh,
            &crate::i18n::ZH,
            &crate::i18n::ZH_EXPORTS,
        );
        assert!(
            zh.readouts
                .iter()
                .any(|r| r.starts_with("2019年：46330吨（据环球时报，较2018年下降12.6%）")),
            "{:?}",
            zh.readouts
        );
        assert!(
            f.readouts
                .iter()
                // The review's own change: 34,800 t on 27,769 t would be +25.3 %.
                .any(|r| r.starts_with(
                    "2015: 34,800 t (+25.62 % on 2014, per Chinese industry publication"
                )),
            "{:?}",
            f.readouts
        );
        assert!(f.readouts.iter().all(|r| !r.contains("−13 %")));
    }

    #[test]
    fn the_charts_mark_the_2025_export_controls_in_both_languages() {
        let f = monthly(dataset(), Lang::En, &EN, &EN_EXPORTS);
        assert!(
            f.events[0].starts_with("4 April 2025: "),
            "the April 2025 controls first: {:?}",
            f.events
        );
        let Chart::Columns(c, _) = &f.chart else {
            panic!("columns");
        };
        let april = c.columns.len() - 9;
        assert_eq!(c.events[0].column, april, "on April 2025's column");
        assert!(
            f.alt.contains("Marked 1 on the chart, 4 April 2025: "),
            "{}",
            f.alt
        );
        assert_eq!(
            f.readouts[c.events[0].datum],
            format!("Marked 1 on the chart, {}", f.events[0])
        );
        let zh = monthly(
            dataset(),
            Lang::Zh,
            &crate::i18n::ZH,
            &crate::i18n::ZH_EXPORTS,
        );
        assert!(
            zh.events[0].starts_with("2025年4月4日："),
            "{:?}",
            zh.events
        );
        // The yearly columns mark the controls alone, on 2025.
        let y = annual(dataset(), &state(""), Lang::En, &EN, &EN_EXPORTS);
        assert_eq!(y.events.len(), 2, "{:?}", y.events);
        assert!(
            y.sources.iter().any(|s| s.id == "cirs-2025-04-04-no18"),
            "the events' sources are listed"
        );
    }

    #[test]
    fn the_annual_chart_ends_with_the_full_year_2025() {
        let f = annual(dataset(), &state(""), Lang::En, &EN, &EN_EXPORTS);
        let Chart::Columns(c, _) = &f.chart else {
            panic!("exports draw columns")
        };
        assert_eq!(c.columns.last().map(|c| c.label.as_str()), Some("2025"));
        assert!(
            f.readouts
                .iter()
                .any(|r| r.starts_with("2025: 62,585.2 t (+12.9 % on 2024) · Reuters, 2026-01-14")),
            "{:?}",
            f.readouts
        );
        // January-February 2026 is a partial year: in the table, not a column.
        assert!(f.table.rows.iter().any(|r| r[0] == "2026 (first 2 months)"
            && r[1] == "10,468.3 t"
            && r[3] == "US$68.6 million"
            && r[4] == "−15.9 %"));
    }

    #[test]
    fn a_single_month_compares_with_the_same_month_a_year_earlier() {
        let f = monthly(dataset(), Lang::En, &EN, &EN_EXPORTS);
        assert!(
            f.readouts
                .iter()
                .any(|r| r.starts_with("May 2024: 6,217 t (+35.9 % on May 2023) ·")),
            "{:?}",
            f.readouts
        );
        // April 2024 was only a note before: a month with a figure is a bar.
        assert!(
            f.readouts
                .iter()
                .any(|r| r.starts_with("April 2024: 4,566 t ·")),
            "{:?}",
            f.readouts
        );
        assert!(
            f.readouts.iter().any(|r| r.starts_with(
                "January 2024: released only together with the month next to it: January–February 2024, 8,774 t, +18.7 % on the same months a year earlier ·"
            )),
            "{:?}",
            f.readouts
        );
    }

    #[test]
    fn month_labels_cannot_be_read_as_years() {
        let f = monthly(dataset(), Lang::En, &EN, &EN_EXPORTS);
        let Chart::Columns(c, _) = &f.chart else {
            panic!("exports draw columns")
        };
        assert!(
            c.columns.iter().all(|col| col.label.len() == 1),
            "month initials only"
        );
        let years: Vec<&str> = c.periods.iter().map(|(_, y)| y.as_str()).collect();
        assert_eq!(years, ["2023", "2024", "2025"]);
        assert_eq!(c.periods[0].0, 0);
        assert_eq!(c.columns[c.periods[1].0].label, "J");
        assert_eq!(
            monthly_title(dataset(), Lang::En, &EN_EXPORTS),
            "Month by month, May 2023 to December 2025"
        );
    }

    #[test]
    fn export_tonnes_are_named_as_product_weight_not_oxide() {
        let f = annual(dataset(), &state(""), Lang::En, &EN, &EN_EXPORTS);
        let Chart::Columns(c, _) = &f.chart else {
            panic!("exports draw columns")
        };
        assert!(
            !c.axis_label.contains("REO") && c.axis_label.contains("product"),
            "{}",
            c.axis_label
        );
        assert!(
            f.notes.iter().any(|n| n.contains("not tonnes of oxide")),
            "{:?}",
            f.notes
        );
    }

    #[test]
    fn the_oxide_prices_say_why_value_fell() {
        let note = oxide_prices_note(dataset(), Lang::En, &EN, &EN_EXPORTS)
            .expect("NdPr prices 2022-2024");
        assert!(
            note.contains("US$55/kg in 2024") && note.contains("US$124/kg in 2022"),
            "{note}"
        );
    }
}
