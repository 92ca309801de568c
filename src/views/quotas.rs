//! China's mining (and smelting/separation) quotas by year, as totals, as the light/ionic split, or
//! batch by batch; unpublished years stay visible gaps.

use leptos::prelude::*;

use super::{cite, raw, source_cells, sources_of, Chart, Csv, Figure, Table, Ticks, SOURCE_HEADER};
use crate::charts::columns::{Column, Columns, Segment, Series};
use crate::data::derived::{batch_growth, quota_growth};
use crate::data::{Dataset, Quota, QuotaBatch, QuotaStatus};
use crate::format::{change, number, tonnes};
use crate::i18n::{fill, Strings};
use crate::state::{Lang, QuotaBreakdown, UrlState, View};
use crate::ui::{Choice, FigureView, Segmented, Select};

/// The year the article is about: highlighted.
const ARTICLE_YEAR: u16 = 2024;

/// The years on record and the span the reader chose (clamped to them, swapped if reversed).
pub fn year_span(d: &Dataset, state: &UrlState) -> (u16, u16) {
    let first = d
        .quotas
        .iter()
        .map(|q| q.year)
        .min()
        .unwrap_or(ARTICLE_YEAR);
    let last = d
        .quotas
        .iter()
        .map(|q| q.year)
        .max()
        .unwrap_or(ARTICLE_YEAR);
    let clamp = |y: u16| y.clamp(first, last);
    let (from, to) = (
        clamp(state.from.unwrap_or(first)),
        clamp(state.to.unwrap_or(last)),
    );
    (from.min(to), from.max(to))
}

fn gap_text(q: &Quota, t: &Strings) -> &'static str {
    match q.status {
        QuotaStatus::NotPublished => t.gap_not_published,
        _ => t.gap_not_found,
    }
}

fn t_or_dash(v: Option<f64>, lang: Lang) -> String {
    v.map(|v| tonnes(v, lang)).unwrap_or_else(|| "–".into())
}

pub fn figure(d: &Dataset, state: &UrlState, lang: Lang, t: &Strings) -> Figure {
    let (from, to) = year_span(d, state);
    let years: Vec<&Quota> = d
        .quotas
        .iter()
        .filter(|q| (from..=to).contains(&q.year))
        .collect();
    let breakdown = state.quotas;
    let mut readouts: Vec<String> = Vec::new();
    let mut columns = Vec::new();
    let mut push = |text: String| {
        readouts.push(text);
        readouts.len() - 1
    };

    for q in &years {
        let growth = quota_growth(d, q.year)
            .map(|g| fill(t.on_year_before, &[("change", &change(g, lang))]));
        let year_readout = |what: &str, value: f64| {
            let mut s = format!("{}: {what} {}", q.year, tonnes(value, lang));
            if let Some(g) = &growth {
                s.push_str(&format!(" ({g})"));
            }
            s.push_str(&format!(" · {}", cite(d, q.sources)));
            s
        };
        let mut column = Column {
            label: q.year.to_string(),
            groups: Vec::new(),
            gap: None,
            gap_datum: None,
            highlight: q.year == ARTICLE_YEAR,
        };
        if q.status != QuotaStatus::Published {
            column.gap = Some(gap_text(q, t).to_string());
            column.gap_datum = Some(push(format!(
                "{}: {} · {}",
                q.year,
                gap_text(q, t),
                cite(d, q.sources)
            )));
            columns.push(column);
            continue;
        }
        match breakdown {
            QuotaBreakdown::Total => {
                if let Some(m) = q.mining_t {
                    let datum = push(year_readout(t.mining_quota, m));
                    column.groups.push(vec![Segment {
                        value: m,
                        series: 0,
                        label: None,
                        datum,
                    }]);
                }
                match q.smelting_t {
                    Some(s) => {
                        let datum = push(year_readout(t.smelting_quota, s));
                        column.groups.push(vec![Segment {
                            value: s,
                            series: 1,
                            label: None,
                            datum,
                        }]);
                    }
                    None => column.groups.push(Vec::new()),
                }
            }
            QuotaBreakdown::Split => match (q.light_t, q.ionic_t, q.mining_t) {
                (Some(l), Some(i), _) => {
                    let light = push(year_readout(t.light_quota, l));
                    let ionic = push(year_readout(t.ionic_quota, i));
                    column.groups.push(vec![
                        Segment {
                            value: l,
                            series: 0,
                            label: None,
                            datum: light,
                        },
                        Segment {
                            value: i,
                            series: 1,
                            label: None,
                            datum: ionic,
                        },
                    ]);
                }
                (_, _, Some(m)) => {
                    let datum = push(year_readout(t.split_unknown, m));
                    column.groups.push(vec![Segment {
                        value: m,
                        series: 2,
                        label: None,
                        datum,
                    }]);
                }
                _ => {}
            },
            QuotaBreakdown::Batches => {
                let batches: Vec<&QuotaBatch> = d
                    .quota_batches
                    .iter()
                    .filter(|b| b.year == q.year)
                    .collect();
                if batches.is_empty() {
                    if let Some(m) = q.mining_t {
                        let datum = push(year_readout(t.batches_unknown, m));
                        column.groups.push(vec![Segment {
                            value: m,
                            series: 3,
                            label: None,
                            datum,
                        }]);
                    }
                } else {
                    let stack = batches
                        .iter()
                        .filter_map(|b| {
                            let m = b.mining_t?;
                            let mut s = format!(
                                "{}, {}: {} {}",
                                q.year,
                                fill(t.batch_n, &[("n", &b.batch.to_string())]),
                                t.mining_quota,
                                tonnes(m, lang)
                            );
                            if let Some(sm) = b.smelting_t {
                                s.push_str(&format!(", {} {}", t.smelting_quota, tonnes(sm, lang)));
                            }
                            if let Some(g) = batch_growth(d, b.year, b.batch) {
                                s.push_str(&format!(
                                    " ({})",
                                    fill(t.on_same_batch, &[("change", &change(g, lang))])
                                ));
                            }
                            s.push_str(&format!(" · {} · {}", b.announced, cite(d, b.sources)));
                            let datum = push(s);
                            let label = (q.year == ARTICLE_YEAR).then(|| number(m, 0));
                            Some(Segment {
                                value: m,
                                series: usize::from(b.batch.saturating_sub(1)).min(2),
                                label,
                                datum,
                            })
                        })
                        .collect();
                    column.groups.push(stack);
                }
            }
        }
        columns.push(column);
    }

    let series = match breakdown {
        QuotaBreakdown::Total => vec![
            Series {
                name: t.mining_quota.into(),
                hollow: false,
            },
            Series {
                name: t.smelting_quota.into(),
                hollow: true,
            },
        ],
        QuotaBreakdown::Split => vec![
            Series {
                name: t.light_quota.into(),
                hollow: false,
            },
            Series {
                name: t.ionic_quota.into(),
                hollow: false,
            },
            Series {
                name: t.split_unknown.into(),
                hollow: true,
            },
        ],
        QuotaBreakdown::Batches => vec![
            Series {
                name: fill(t.batch_n, &[("n", "1")]),
                hollow: false,
            },
            Series {
                name: fill(t.batch_n, &[("n", "2")]),
                hollow: false,
            },
            Series {
                name: fill(t.batch_n, &[("n", "3")]),
                hollow: false,
            },
            Series {
                name: t.batches_unknown.into(),
                hollow: true,
            },
        ],
    };

    let summary = summary(d, lang, t);
    let gaps: Vec<String> = years
        .iter()
        .filter(|q| q.status != QuotaStatus::Published)
        .map(|q| q.year.to_string())
        .collect();
    let listed: Vec<String> = years
        .iter()
        .filter_map(|q| Some(format!("{} {}", q.year, tonnes(q.mining_t?, lang))))
        .collect();
    let alt = format!(
        "{summary} {}",
        fill(
            t.quotas_alt,
            &[("list", &listed.join(", ")), ("gaps", &gaps.join(", "))]
        )
    );

    let table = match breakdown {
        QuotaBreakdown::Batches => Table {
            caption: fill(
                t.batches_table_caption,
                &[("from", &from.to_string()), ("to", &to.to_string())],
            ),
            headers: t
                .batches_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows: d
                .quota_batches
                .iter()
                .filter(|b| (from..=to).contains(&b.year))
                .map(|b| {
                    vec![
                        format!(
                            "{} · {}",
                            b.year,
                            fill(t.batch_n, &[("n", &b.batch.to_string())])
                        ),
                        b.announced.to_string(),
                        t_or_dash(b.mining_t, lang),
                        t_or_dash(b.smelting_t, lang),
                        t_or_dash(b.light_t, lang),
                        t_or_dash(b.ionic_t, lang),
                        batch_growth(d, b.year, b.batch)
                            .map(|g| change(g, lang))
                            .unwrap_or_else(|| "–".into()),
                        cite(d, b.sources),
                    ]
                })
                .collect(),
            numeric: vec![false, false, true, true, true, true, true, false],
        },
        _ => Table {
            caption: fill(
                t.quotas_table_caption,
                &[("from", &from.to_string()), ("to", &to.to_string())],
            ),
            headers: t
                .quotas_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows: years
                .iter()
                .map(|q| {
                    let gap =
                        (q.status != QuotaStatus::Published).then(|| gap_text(q, t).to_string());
                    vec![
                        q.year.to_string(),
                        gap.clone().unwrap_or_else(|| t_or_dash(q.mining_t, lang)),
                        t_or_dash(q.smelting_t, lang),
                        t_or_dash(q.light_t, lang),
                        t_or_dash(q.ionic_t, lang),
                        quota_growth(d, q.year)
                            .map(|g| change(g, lang))
                            .unwrap_or_else(|| "–".into()),
                        q.batches
                            .map(|b| b.to_string())
                            .unwrap_or_else(|| "–".into()),
                        cite(d, q.sources),
                    ]
                })
                .collect(),
            numeric: vec![false, true, true, true, true, true, true, false],
        },
    };

    let mut notes = vec![
        t.note_quota_batches.to_string(),
        t.note_quota_gaps.to_string(),
    ];
    if breakdown == QuotaBreakdown::Split {
        notes.push(t.note_quota_split.to_string());
    }
    notes.push(t.note_china_production_quota.to_string());
    let mut cells: Vec<&&'static str> = years.iter().map(|q| &q.sources).collect();
    cells.extend(
        d.quota_batches
            .iter()
            .filter(|b| (from..=to).contains(&b.year))
            .map(|b| &b.sources),
    );
    Figure {
        summary,
        alt,
        chart: Chart::columns(Columns {
            columns,
            series,
            axis_label: t.axis_quota.to_string(),
        }),
        ticks: Ticks::Tonnes,
        readouts,
        table,
        notes,
        sources: sources_of(d, cells),
    }
}

/// The years or batches charted, for a spreadsheet (the download).
pub fn csv(d: &Dataset, state: &UrlState) -> Csv {
    let (from, to) = year_span(d, state);
    let breakdown = state.quotas;
    if breakdown == QuotaBreakdown::Batches {
        let header: Vec<&str> = [
            "year",
            "batch",
            "announced",
            "mining_t_reo",
            "smelting_separation_t_reo",
            "light_t_reo",
            "ionic_t_reo",
        ]
        .into_iter()
        .chain(SOURCE_HEADER)
        .collect();
        let mut csv = Csv::new(&header);
        for b in d
            .quota_batches
            .iter()
            .filter(|b| (from..=to).contains(&b.year))
        {
            let mut row = vec![
                b.year.to_string(),
                b.batch.to_string(),
                b.announced.to_string(),
            ];
            row.extend([b.mining_t, b.smelting_t, b.light_t, b.ionic_t].map(raw));
            row.extend(source_cells(d, b.sources));
            csv.rows.push(row);
        }
        return csv;
    }
    let header: Vec<&str> = [
        "year",
        "status",
        "mining_t_reo",
        "smelting_separation_t_reo",
        "light_t_reo",
        "ionic_t_reo",
        "batches",
    ]
    .into_iter()
    .chain(SOURCE_HEADER)
    .collect();
    let mut csv = Csv::new(&header);
    for q in d.quotas.iter().filter(|q| (from..=to).contains(&q.year)) {
        let status = match q.status {
            QuotaStatus::Published => "published",
            QuotaStatus::NotFound => "not_found",
            QuotaStatus::NotPublished => "not_published",
        };
        let mut row = vec![q.year.to_string(), status.to_string()];
        row.extend([q.mining_t, q.smelting_t, q.light_t, q.ionic_t].map(raw));
        row.push(q.batches.map(|b| b.to_string()).unwrap_or_default());
        row.extend(source_cells(d, q.sources));
        csv.rows.push(row);
    }
    csv
}

/// The article's year in one sentence: total, batches (the article's 135,000 t is one of them) and
/// growth.
pub fn summary(d: &Dataset, lang: Lang, t: &Strings) -> String {
    let Some(q) = d.quotas.iter().find(|q| q.year == ARTICLE_YEAR) else {
        return String::new();
    };
    let batches: Vec<String> = d
        .quota_batches
        .iter()
        .filter(|b| b.year == ARTICLE_YEAR)
        .filter_map(|b| Some(tonnes(b.mining_t?, lang)))
        .collect();
    fill(
        t.quotas_summary,
        &[
            ("year", &ARTICLE_YEAR.to_string()),
            ("total", &t_or_dash(q.mining_t, lang)),
            ("count", &batches.len().to_string()),
            ("batches", &batches.join(" + ")),
            (
                "growth",
                &quota_growth(d, ARTICLE_YEAR)
                    .map(|g| change(g, lang))
                    .unwrap_or_else(|| "–".into()),
            ),
            ("previous", &(ARTICLE_YEAR - 1).to_string()),
        ],
    )
}

#[component]
pub fn QuotasView() -> impl IntoView {
    let ctx = crate::app::use_ctx();
    let d = crate::data::whole();
    let mine = ctx.state_of(View::Quotas);
    let figure = Memo::new(move |_| mine.with(|s| figure(d, s, ctx.lang.get(), ctx.strings())));
    crate::newsroom::offer(View::Quotas, figure);
    let breakdown_choices = move || {
        let t = ctx.strings();
        vec![
            Choice {
                value: "total".into(),
                label: t.breakdown_total.into(),
            },
            Choice {
                value: "split".into(),
                label: t.breakdown_split.into(),
            },
            Choice {
                value: "batches".into(),
                label: t.breakdown_batches.into(),
            },
        ]
    };
    let current = Signal::derive(move || {
        match ctx.state.with(|s| s.quotas) {
            QuotaBreakdown::Total => "total",
            QuotaBreakdown::Split => "split",
            QuotaBreakdown::Batches => "batches",
        }
        .to_string()
    });
    let pick = move |v: String| {
        ctx.state.update(|s| {
            s.quotas = match v.as_str() {
                "split" => QuotaBreakdown::Split,
                "batches" => QuotaBreakdown::Batches,
                _ => QuotaBreakdown::Total,
            }
        })
    };
    let year_choices = move || {
        d.quotas
            .iter()
            .map(|q| Choice {
                value: q.year.to_string(),
                label: q.year.to_string(),
            })
            .collect::<Vec<_>>()
    };
    let from = Signal::derive(move || ctx.state.with(|s| year_span(d, s).0.to_string()));
    let to = Signal::derive(move || ctx.state.with(|s| year_span(d, s).1.to_string()));
    view! {
        <div class="controls">
            <Segmented label=|t| t.breakdown name="quota"
                choices=Signal::derive(breakdown_choices) current=current on_pick=pick />
            <Select label=|t| t.from_year id="from"
                choices=Signal::derive(year_choices) current=from
                on_pick=move |v: String| ctx.state.update(|s| s.from = v.parse().ok()) />
            <Select label=|t| t.to_year id="to"
                choices=Signal::derive(year_choices) current=to
                on_pick=move |v: String| ctx.state.update(|s| s.to = v.parse().ok()) />
        </div>
        <FigureView figure=figure id="quotas" />
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
    fn the_summary_names_both_135000_t_batches() {
        let f = figure(dataset(), &state(""), Lang::En, &EN);
        assert!(f.summary.contains("135,000 t + 135,000 t"), "{}", f.summary);
        assert!(f.summary.contains("270,000 t"), "{}", f.summary);
        assert!(f.summary.contains("+5.9 %"), "{}", f.summary);
    }

    #[test]
    fn unpublished_years_are_gaps_not_zeros() {
        let f = figure(dataset(), &state(""), Lang::En, &EN);
        let Chart::Columns(c, _) = &f.chart else {
            panic!("quotas draw columns")
        };
        for year in ["2012", "2015", "2025"] {
            let col = c
                .columns
                .iter()
                .find(|col| col.label == year)
                .expect("gap years are listed");
            assert!(col.groups.is_empty() && col.gap.is_some(), "{year}");
        }
        let row = f
            .table
            .rows
            .iter()
            .find(|r| r[0] == "2025")
            .expect("2025 row");
        assert_eq!(row[1], EN.gap_not_published);
    }

    #[test]
    fn batches_stack_to_the_year_and_grow_12_5_percent() {
        let f = figure(
            dataset(),
            &state("?quota=batches&from=2024&to=2024"),
            Lang::En,
            &EN,
        );
        let Chart::Columns(c, _) = &f.chart else {
            panic!("quotas draw columns")
        };
        let stack = &c.columns[0].groups[0];
        assert_eq!(stack.iter().map(|s| s.value).sum::<f64>(), 270_000.0);
        assert_eq!(stack[0].label.as_deref(), Some("135,000"));
        assert!(f.table.rows.iter().all(|r| r[6] == "+12.5 %"));
    }

    #[test]
    fn the_year_range_is_clamped_and_ordered() {
        let d = dataset();
        assert_eq!(year_span(d, &state("?from=2030&to=2016")), (2016, 2025));
        assert_eq!(year_span(d, &state("?from=1990")), (2010, 2025));
    }

    #[test]
    fn the_split_adds_up_to_the_mining_quota() {
        let f = figure(
            dataset(),
            &state("?quota=split&from=2010&to=2010"),
            Lang::En,
            &EN,
        );
        let Chart::Columns(c, _) = &f.chart else {
            panic!("quotas draw columns")
        };
        let values: Vec<f64> = c.columns[0].groups[0].iter().map(|s| s.value).collect();
        assert_eq!(values, vec![77_000.0, 12_200.0]);
    }
}
