//! China's rare earth exports: volume, value or unit value by year (one measure at a time, never a
//! dual axis), and 2024 month by month with the article's January–August figure.

use leptos::prelude::*;

use crate::app::tr;

use super::{cite, raw, source_cells, sources_of, Chart, Csv, Figure, Table, Ticks, SOURCE_HEADER};
use crate::charts::columns::{Column, Columns, Segment, Series};
use crate::data::derived::{
    export_period, export_unit_value, export_volume_change, percent_change, preferred_export,
};
use crate::data::{Dataset, ExportYear, ValueUnit};
use crate::format::{change, number, tonnes, usd_millions};
use crate::i18n::{fill, Strings};
use crate::state::{ExportsMeasure, Lang, UrlState, View};
use crate::ui::{Choice, FigureView, Segmented};

const ARTICLE_YEAR: u16 = 2024;
/// The article's "+6.4 %": January to August 2024 against the same months of 2023.
const ARTICLE_SPAN: (&str, &str) = ("2024-01", "2024-08");
/// The price comparison the reports give: January to July, 2024 against 2023.
const PRICE_NOW: (&str, &str) = ("2024-01", "2024-07");
const PRICE_BEFORE: (&str, &str) = ("2023-01", "2023-07");

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

pub fn annual(d: &Dataset, state: &UrlState, lang: Lang, t: &Strings) -> Figure {
    let measure = state.exports;
    let mut readouts = Vec::new();
    let mut columns = Vec::new();
    for year in years(d) {
        let e = preferred_export(d, year, 12);
        let value = e.and_then(|e| match measure {
            ExportsMeasure::Volume => e.volume_t,
            ExportsMeasure::Value => value_usd(e),
            ExportsMeasure::UnitValue => export_unit_value(e),
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
                    ExportsMeasure::Volume => tonnes(v, lang),
                    ExportsMeasure::Value => usd_millions(v, lang),
                    ExportsMeasure::UnitValue => fill(t.usd_per_t, &[("value", &number(v, 0))]),
                };
                let mut text = format!("{year}: {figure}");
                if measure == ExportsMeasure::Volume {
                    if let Some(c) = export_volume_change(d, year) {
                        text.push_str(&format!(
                            " ({})",
                            fill(t.on_year_before, &[("change", &change(c, lang))])
                        ));
                    }
                }
                if measure == ExportsMeasure::UnitValue {
                    text.push_str(&format!(" ({})", t.derived_unit_value));
                }
                text.push_str(&format!(" · {}", cite(d, e.sources)));
                readouts.push(text);
                column.groups.push(vec![Segment {
                    value: v,
                    series: 0,
                    label: None,
                    datum: readouts.len() - 1,
                }]);
            }
            (_, _) => {
                column.gap = Some(t.gap_not_reported.to_string());
                readouts.push(format!("{year}: {}", t.gap_not_reported));
                column.gap_datum = Some(readouts.len() - 1);
            }
        }
        columns.push(column);
    }

    let rows: Vec<&ExportYear> = d.exports_annual.iter().collect();
    let table_rows = rows
        .iter()
        .map(|e| {
            let span = if e.months == 12 {
                e.year.to_string()
            } else {
                fill(
                    t.first_months,
                    &[
                        ("year", &e.year.to_string()),
                        ("months", &e.months.to_string()),
                    ],
                )
            };
            let value = match (e.value, e.value_unit) {
                (Some(v), Some(ValueUnit::UsdM)) => usd_millions(v, lang),
                (Some(v), Some(ValueUnit::CnyM)) => {
                    fill(t.cny_millions, &[("value", &number(v, 1))])
                }
                _ => "–".into(),
            };
            vec![
                span,
                e.volume_t
                    .map(|v| tonnes(v, lang))
                    .unwrap_or_else(|| "–".into()),
                e.volume_yoy_pct
                    .map(|c| change(c, lang))
                    .unwrap_or_else(|| "–".into()),
                value,
                e.value_yoy_pct
                    .map(|c| change(c, lang))
                    .unwrap_or_else(|| "–".into()),
                export_unit_value(e)
                    .map(|u| fill(t.usd_per_t, &[("value", &number(u, 0))]))
                    .unwrap_or_else(|| "–".into()),
                if e.preferred {
                    t.yes.to_string()
                } else {
                    t.no_other_report.to_string()
                },
                cite(d, e.sources),
            ]
        })
        .collect();

    let (series_name, axis, ticks) = match measure {
        ExportsMeasure::Volume => (t.export_volume, t.axis_export_volume, Ticks::Tonnes),
        ExportsMeasure::Value => (t.export_value, t.axis_export_value, Ticks::UsdMillions),
        ExportsMeasure::UnitValue => (t.unit_value, t.axis_unit_value, Ticks::UsdPerTonne),
    };
    let summary = summary(d, lang, t);
    let drawn_years: Vec<String> = columns
        .iter()
        .filter(|c| !c.groups.is_empty())
        .map(|c| c.label.clone())
        .collect();
    let alt = format!(
        "{summary} {}",
        fill(
            t.exports_alt,
            &[("measure", series_name), ("years", &drawn_years.join(", "))]
        )
    );
    let mut notes = vec![
        t.note_exports_preferred.to_string(),
        t.note_exports_gaps.to_string(),
    ];
    if measure != ExportsMeasure::Volume {
        notes.push(t.note_export_value.to_string());
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
        }),
        ticks,
        readouts,
        table: Table {
            caption: t.exports_table_caption.to_string(),
            headers: t
                .exports_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows: table_rows,
            numeric: vec![false, true, true, true, true, true, false, false],
        },
        notes,
        sources: sources_of(d, rows.iter().map(|e| &e.sources)),
    }
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
            raw(export_unit_value(e)),
            (if e.preferred { "yes" } else { "no" }).to_string(),
        ]);
        row.extend(source_cells(d, e.sources));
        csv.rows.push(row);
    }
    csv
}

/// The article's figures in one sentence: volume up, price down.
pub fn summary(d: &Dataset, lang: Lang, t: &Strings) -> String {
    let span = export_period(d, ARTICLE_SPAN.0, ARTICLE_SPAN.1);
    let now = export_period(d, PRICE_NOW.0, PRICE_NOW.1).and_then(|p| p.avg_price_usd_t);
    let before = export_period(d, PRICE_BEFORE.0, PRICE_BEFORE.1).and_then(|p| p.avg_price_usd_t);
    match (
        span.and_then(|s| Some((s.volume_t?, s.yoy_pct?))),
        now,
        before,
    ) {
        (Some((volume, yoy)), Some(now), Some(before)) => fill(
            t.exports_summary,
            &[
                ("volume", &tonnes(volume, lang)),
                ("change", &change(yoy, lang)),
                ("before", &number(before, 0)),
                ("now", &number(now, 0)),
                (
                    "price_change",
                    &percent_change(before, now)
                        .map(|c| change(c, lang))
                        .unwrap_or_default(),
                ),
            ],
        ),
        _ => String::new(),
    }
}

/// Single months around 2024, with gaps where no monthly figure was reported.
pub fn monthly(d: &Dataset, lang: Lang, t: &Strings) -> Figure {
    let months: Vec<(u16, u8)> = (8..=12)
        .map(|m| (2023, m))
        .chain((1..=12).map(|m| (2024, m)))
        .collect();
    let mut readouts = Vec::new();
    let mut columns = Vec::new();
    for (year, month) in &months {
        let key = format!("{year}-{month:02}");
        let label = if *month == 1 {
            format!("{year}")
        } else {
            format!("{month}")
        };
        let mut column = Column {
            label,
            groups: Vec::new(),
            gap: None,
            gap_datum: None,
            highlight: false,
        };
        match export_period(d, &key, &key).and_then(|p| Some((p, p.volume_t?))) {
            Some((p, v)) => {
                let mut text = format!("{key}: {}", tonnes(v, lang));
                if let Some(c) = p.yoy_pct {
                    text.push_str(&format!(
                        " ({})",
                        fill(t.on_year_before, &[("change", &change(c, lang))])
                    ));
                }
                text.push_str(&format!(" · {}", cite(d, p.sources)));
                readouts.push(text);
                column.groups.push(vec![Segment {
                    value: v,
                    series: 0,
                    label: None,
                    datum: readouts.len() - 1,
                }]);
            }
            None => {
                column.gap = Some(t.gap_month.to_string());
                readouts.push(format!("{key}: {}", t.gap_month_long));
                column.gap_datum = Some(readouts.len() - 1);
            }
        }
        columns.push(column);
    }
    let spans: Vec<_> = d.exports_monthly.iter().collect();
    let table_rows = spans
        .iter()
        .map(|p| {
            vec![
                if p.from == p.to {
                    p.from.to_string()
                } else {
                    format!("{} – {}", p.from, p.to)
                },
                p.volume_t
                    .map(|v| tonnes(v, lang))
                    .unwrap_or_else(|| "–".into()),
                p.yoy_pct
                    .map(|c| change(c, lang))
                    .unwrap_or_else(|| "–".into()),
                p.mom_pct
                    .map(|c| change(c, lang))
                    .unwrap_or_else(|| "–".into()),
                p.avg_price_usd_t
                    .map(|v| fill(t.usd_per_t, &[("value", &number(v, 0))]))
                    .unwrap_or_else(|| "–".into()),
                cite(d, p.sources),
            ]
        })
        .collect();
    let ytd = export_period(d, ARTICLE_SPAN.0, ARTICLE_SPAN.1);
    let summary = ytd
        .and_then(|p| {
            Some(fill(
                t.monthly_summary,
                &[
                    ("volume", &tonnes(p.volume_t?, lang)),
                    ("change", &change(p.yoy_pct?, lang)),
                ],
            ))
        })
        .unwrap_or_default();
    Figure {
        alt: format!("{summary} {}", t.monthly_alt),
        summary,
        chart: Chart::columns(Columns {
            columns,
            series: vec![Series {
                name: t.export_volume.into(),
                hollow: false,
            }],
            axis_label: t.axis_export_volume.to_string(),
        }),
        ticks: Ticks::Tonnes,
        readouts,
        table: Table {
            caption: t.monthly_table_caption.to_string(),
            headers: t
                .monthly_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows: table_rows,
            numeric: vec![false, true, true, true, true, false],
        },
        notes: vec![t.note_monthly.to_string()],
        sources: sources_of(d, spans.iter().map(|p| &p.sources)),
    }
}

#[component]
pub fn ExportsView() -> impl IntoView {
    let ctx = crate::app::use_ctx();
    let d = crate::data::whole();
    let mine = ctx.state_of(View::Exports);
    let annual = Memo::new(move |_| mine.with(|s| annual(d, s, ctx.lang.get(), ctx.strings())));
    // Downloads and citations take the yearly figures, the ones the controls change.
    crate::newsroom::offer(View::Exports, annual);
    let monthly = Memo::new(move |_| monthly(d, ctx.lang.get(), ctx.strings()));
    let choices = move || {
        let t = ctx.strings();
        vec![
            Choice {
                value: "volume".into(),
                label: t.export_volume.into(),
            },
            Choice {
                value: "value".into(),
                label: t.export_value.into(),
            },
            Choice {
                value: "unit-value".into(),
                label: t.unit_value.into(),
            },
        ]
    };
    let current = Signal::derive(move || {
        match ctx.state.with(|s| s.exports) {
            ExportsMeasure::Volume => "volume",
            ExportsMeasure::Value => "value",
            ExportsMeasure::UnitValue => "unit-value",
        }
        .to_string()
    });
    let pick = move |v: String| {
        ctx.state.update(|s| {
            s.exports = match v.as_str() {
                "value" => ExportsMeasure::Value,
                "unit-value" => ExportsMeasure::UnitValue,
                _ => ExportsMeasure::Volume,
            }
        })
    };
    view! {
        <div class="controls">
            <Segmented label=|t| t.show name="show"
                choices=Signal::derive(choices) current=current on_pick=pick />
        </div>
        <FigureView figure=annual id="annual" />
        <h3 class="subhead">{tr(|t| t.monthly_title)}</h3>
        <FigureView figure=monthly id="monthly" />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset;
    use crate::i18n::EN;

    fn state(q: &str) -> UrlState {
        UrlState::from_query(q).0
    }

    #[test]
    fn the_summary_gives_the_articles_6_4_percent_and_the_price_fall() {
        let s = summary(dataset(), Lang::En, &EN);
        assert!(s.contains("38,755 t") && s.contains("+6.4 %"), "{s}");
        assert!(s.contains("15,985") && s.contains("8,826"), "{s}");
    }

    #[test]
    fn the_chart_draws_the_preferred_2020_figure_and_the_table_keeps_both() {
        let f = annual(dataset(), &state(""), Lang::En, &EN);
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
        let f = annual(dataset(), &state(""), Lang::En, &EN);
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
        let f = annual(dataset(), &state("?show=unit-value"), Lang::En, &EN);
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
        assert!((y2024.groups[0][0].value - 8_818.2).abs() < 0.1);
    }
}
