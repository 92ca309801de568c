//! Reserves by country for one USGS edition: tonnes, share of the world, or years of supply, with
//! the Liangshan find beside China's bar as a different kind of figure.

use leptos::prelude::*;

use crate::app::tr;

use super::{cite, raw, source_cells, sources_of, Chart, Csv, Figure, Table, Ticks, SOURCE_HEADER};
use crate::charts::bars::{BarKind, BarRow, Bars};
use crate::data::derived::*;
use crate::data::{Dataset, Qualifier, Quality, ReserveFigure, WORLD};
use crate::format::{self, number, percent, tonnes, tonnes_short};
use crate::i18n::{fill, Strings};
use crate::state::{Lang, ReservesMeasure, UrlState, View};
use crate::ui::{country_name, Choice, FigureView, Select};

pub const CHINA: &str = "China";

/// The edition shown: the reader's choice when the dataset has it, else the default.
pub fn edition(d: &Dataset, state: &UrlState) -> u16 {
    state
        .edition
        .filter(|e| editions(d).contains(e))
        .unwrap_or_else(|| default_edition(d))
}

/// The Liangshan announcement: expected additional resources in t REO, in China.
pub fn liangshan(d: &Dataset) -> Option<&'static crate::data::Discovery> {
    d.discoveries.iter().find(|f| f.beside_reserves())
}

/// The value a bar shows for one country's row, in the measure chosen.
fn value_of(d: &Dataset, edition: u16, measure: ReservesMeasure, r: &ReserveFigure) -> Option<f64> {
    match measure {
        ReservesMeasure::Tonnes => r.reserves_t,
        ReservesMeasure::Share => share_of_world(d, edition, r.country).map(|s| s.percent),
        ReservesMeasure::Years => years_of_supply(d, edition, r.country),
    }
}

/// The countries of an edition in the chart's order: largest first; countries without a figure
/// ("NA") go last but stay visible.
fn ranked(d: &Dataset, edition: u16, measure: ReservesMeasure) -> Vec<&'static ReserveFigure> {
    let mut rows: Vec<&ReserveFigure> = d
        .reserves
        .iter()
        .filter(|r| r.edition == edition && r.country != WORLD)
        .collect();
    let value = |r: &ReserveFigure| value_of(d, edition, measure, r).unwrap_or(-1.0);
    crate::order::sort_by(&mut rows, |a, b| value(a) > value(b));
    rows
}

pub fn figure(d: &Dataset, state: &UrlState, lang: Lang, t: &Strings) -> Figure {
    let edition = edition(d, state);
    let measure = state.measure;
    let rows = ranked(d, edition, measure);
    let value_of = |r: &ReserveFigure| value_of(d, edition, measure, r);
    let world = world_reserves(d, edition);
    let edition_label = fill(t.mcs_edition, &[("edition", &edition.to_string())]);

    let mut bars = Vec::new();
    let mut readouts = Vec::new();
    let mut table_rows = Vec::new();
    for r in &rows {
        let name = country_name(d, r.country, lang);
        let share = share_of_world(d, edition, r.country);
        let share_text = share.map(|s| share_label(s, lang, t));
        let years = years_of_supply(d, edition, r.country);
        let previous = editions(d)
            .into_iter()
            .rev()
            .find(|&e| e < edition && reserve(d, e, r.country).is_some());
        let change =
            previous.and_then(|p| reserve_change(d, r.country, p, edition).map(|c| (p, c)));
        let value_label = match (measure, value_of(r)) {
            (_, None) if r.reserves_t.is_none() => t.not_available.to_string(),
            (ReservesMeasure::Years, None) => t.no_production.to_string(),
            (_, None) => t.not_available.to_string(),
            (ReservesMeasure::Tonnes, Some(v)) => tonnes_short(v, lang),
            (ReservesMeasure::Share, Some(_)) => share_text.clone().unwrap_or_default(),
            (ReservesMeasure::Years, Some(v)) => fill(t.years_value, &[("years", &number(v, 0))]),
        };
        bars.push(BarRow {
            label: name.clone(),
            value: value_of(r),
            value_label,
            kind: if r.country == CHINA {
                BarKind::Highlight
            } else {
                BarKind::Plain
            },
        });
        let exact = r
            .reserves_t
            .map(|v| tonnes(v, lang))
            .unwrap_or_else(|| t.not_available.into());
        let mut readout = format!("{name}: {exact} REO · {edition_label}");
        if let Some(s) = &share_text {
            readout.push_str(&format!(" · {}", fill(t.of_world, &[("share", s)])));
        }
        if let Some(y) = years {
            readout.push_str(&format!(
                " · {}",
                fill(t.years_value, &[("years", &number(y, 0))])
            ));
        }
        readout.push_str(&format!(" · {}", cite(d, r.sources)));
        readouts.push(readout);
        if r.country == CHINA && measure == ReservesMeasure::Tonnes {
            if let Some(l) = liangshan(d).filter(|l| l.size.is_some()) {
                let size = l.size.unwrap_or_default();
                bars.push(BarRow {
                    label: t.liangshan_bar.to_string(),
                    value: Some(size),
                    value_label: tonnes_short(size, lang),
                    kind: BarKind::Outline,
                });
                readouts.push(format!(
                    "{}: {} REO · {} · {} · {}",
                    t.liangshan_bar,
                    tonnes(size, lang),
                    t.basis_expected_additional,
                    l.announced,
                    cite(d, l.sources)
                ));
            }
        }
        table_rows.push(vec![
            name,
            exact,
            share_text.unwrap_or_else(|| "–".into()),
            change
                .map(|(p, (dt, pct))| {
                    format!(
                        "{} ({}, {})",
                        tonnes_short(dt, lang),
                        format::change(pct, lang),
                        fill(t.vs_edition, &[("edition", &p.to_string())])
                    )
                })
                .unwrap_or_else(|| "–".into()),
            years.map(|y| number(y, 0)).unwrap_or_else(|| "–".into()),
            cite(d, r.sources),
        ]);
    }
    if let Some((total, q)) = world {
        let w = reserve(d, edition, WORLD);
        table_rows.push(vec![
            country_name(d, WORLD, lang),
            format!("{}{}", qualifier_prefix(q), tonnes(total, lang)),
            percent(100.0, lang),
            "–".into(),
            "–".into(),
            w.map(|w| cite(d, w.sources)).unwrap_or_default(),
        ]);
    }

    let china = reserve(d, edition, CHINA).and_then(|r| r.reserves_t);
    let summary = match (china, world) {
        (Some(c), Some((w, q))) => fill(
            t.reserves_summary,
            &[
                ("value", &tonnes_short(c, lang)),
                (
                    "share",
                    &share_of_world(d, edition, CHINA)
                        .map(|s| share_label(s, lang, t))
                        .unwrap_or_default(),
                ),
                (
                    "world",
                    &format!("{}{}", qualifier_prefix(q), tonnes_short(w, lang)),
                ),
                ("edition", &edition_label),
            ],
        ),
        (Some(c), None) => fill(
            t.reserves_summary_no_world,
            &[
                ("value", &tonnes_short(c, lang)),
                ("edition", &edition_label),
            ],
        ),
        _ => fill(t.reserves_summary_no_china, &[("edition", &edition_label)]),
    };
    let listed: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            Some(format!(
                "{} {}",
                country_name(d, r.country, lang),
                tonnes_short(r.reserves_t?, lang)
            ))
        })
        .collect();
    let mut alt = format!(
        "{summary} {}",
        fill(t.reserves_alt, &[("list", &listed.join(", "))])
    );
    if measure == ReservesMeasure::Tonnes {
        if let Some(l) = liangshan(d).and_then(|l| l.size) {
            alt.push(' ');
            alt.push_str(&fill(t.liangshan_alt, &[("value", &tonnes_short(l, lang))]));
        }
    }

    let mut notes = vec![t.note_reserves_unit.to_string()];
    if reserve(d, edition, "Australia").is_some_and(|r| r.note.contains("JORC")) {
        notes.push(t.note_australia_jorc.to_string());
    }
    if world.is_some_and(|(_, q)| q == Qualifier::AtLeast) {
        notes.push(t.note_world_lower_bound.to_string());
    }
    if world.is_some_and(|(_, q)| q == Qualifier::About) {
        notes.push(t.note_world_approximate.to_string());
    }
    if rows.iter().any(|r| r.quality == Quality::Secondary) {
        notes.push(t.note_secondary_edition.to_string());
    }
    if measure == ReservesMeasure::Tonnes {
        notes.push(t.note_liangshan_not_in_usgs.to_string());
    }
    if measure == ReservesMeasure::Years {
        notes.push(t.note_years_of_supply.to_string());
        notes.push(t.note_china_production_quota.to_string());
    }
    if edition == 2026 && reserve(d, 2026, "India").is_some_and(|r| r.reserves_t.is_none()) {
        notes.push(t.note_india_na_2026.to_string());
    }
    let mut cells: Vec<&&'static str> = rows.iter().map(|r| &r.sources).collect();
    let world_row = reserve(d, edition, WORLD);
    cells.extend(world_row.iter().map(|w| &w.sources));
    let liangshan_row = liangshan(d);
    if measure == ReservesMeasure::Tonnes {
        cells.extend(liangshan_row.iter().map(|l| &l.sources));
    }
    let production_cells: Vec<&'static str> = if measure == ReservesMeasure::Years {
        d.production
            .iter()
            .filter(|p| p.edition == edition)
            .map(|p| p.sources)
            .collect()
    } else {
        Vec::new()
    };
    cells.extend(production_cells.iter());
    let sources = sources_of(d, cells);

    let (axis_label, ticks) = match measure {
        ReservesMeasure::Tonnes => (t.axis_reserves_t.to_string(), Ticks::Tonnes),
        ReservesMeasure::Share => (t.axis_share.to_string(), Ticks::Percent),
        ReservesMeasure::Years => (t.axis_years.to_string(), Ticks::Years),
    };
    Figure {
        summary,
        alt,
        chart: Chart::Bars(Bars {
            rows: bars,
            axis_label,
        }),
        ticks,
        readouts,
        table: Table {
            caption: fill(t.reserves_table_caption, &[("edition", &edition_label)]),
            headers: t
                .reserves_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows: table_rows,
            numeric: vec![false, true, true, true, true, false],
        },
        notes,
        sources,
    }
}

/// The figures behind the chart for a spreadsheet (the download), in the chart's order, with the
/// world total and, in tonnes, the Liangshan announcement.
pub fn csv(d: &Dataset, state: &UrlState) -> Csv {
    let edition = edition(d, state);
    let measure = state.measure;
    let rows = ranked(d, edition, measure);
    let world_row = reserve(d, edition, WORLD);
    let liangshan_row = liangshan(d);
    let header: Vec<&str> = [
        "edition",
        "country",
        "reserves_t_reo",
        "qualifier",
        "quality",
        "share_of_world_pct",
        "years_of_supply",
    ]
    .into_iter()
    .chain(SOURCE_HEADER)
    .collect();
    let mut csv = Csv::new(&header);
    for r in rows.iter().copied().chain(world_row) {
        let mut row = vec![
            edition.to_string(),
            r.country.to_string(),
            raw(r.reserves_t),
            qualifier_prefix(r.qualifier).to_string(),
            if r.quality == Quality::Primary {
                "primary"
            } else {
                "secondary"
            }
            .to_string(),
            raw(share_of_world(d, edition, r.country)
                .filter(|_| r.country != WORLD)
                .map(|s| s.percent)),
            raw(years_of_supply(d, edition, r.country)),
        ];
        row.extend(source_cells(d, r.sources));
        csv.rows.push(row);
    }
    if let Some(l) = liangshan_row.filter(|_| measure == ReservesMeasure::Tonnes) {
        let mut row = vec![
            l.announced.to_string(),
            format!(
                "{} (expected additional resources, not USGS reserves)",
                l.name
            ),
            raw(l.size),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        row.extend(source_cells(d, l.sources));
        csv.rows.push(row);
    }
    csv
}

fn share_label(s: crate::data::derived::Share, lang: Lang, t: &Strings) -> String {
    let p = percent(s.percent, lang);
    if s.at_most {
        fill(t.at_most, &[("value", &p)])
    } else if s.approximate {
        fill(t.about, &[("value", &p)])
    } else {
        p
    }
}

fn qualifier_prefix(q: Qualifier) -> &'static str {
    match q {
        Qualifier::AsPrinted => "",
        Qualifier::AtLeast => ">",
        Qualifier::About => "~",
    }
}

/// How USGS's figure for each country moved across the editions on record: one row per country
/// whose figure changed, one column per edition.
pub fn revisions(d: &Dataset, lang: Lang, t: &Strings) -> Table {
    let all = editions(d);
    let mut countries: Vec<&str> = d
        .reserves
        .iter()
        .map(|r| r.country)
        .filter(|c| *c != WORLD)
        .collect();
    crate::order::sort_unique(&mut countries);
    let mut rows: Vec<(f64, Vec<String>)> = Vec::new();
    for country in countries {
        let history = reserve_history(d, country);
        let values: Vec<f64> = history.iter().filter_map(|(_, v)| *v).collect();
        let changed = values.windows(2).any(|w| w[0] != w[1]);
        if !changed {
            continue;
        }
        let mut row = vec![country_name(d, country, lang)];
        for e in &all {
            row.push(match history.iter().find(|(h, _)| h == e) {
                Some((_, Some(v))) => tonnes_short(*v, lang),
                Some((_, None)) => t.not_available.to_string(),
                None => "–".to_string(),
            });
        }
        rows.push((values.iter().copied().fold(0.0, f64::max), row));
    }
    crate::order::sort_by(&mut rows, |a, b| a.0 > b.0);
    let mut headers = vec![t.country.to_string()];
    headers.extend(
        all.iter()
            .map(|e| fill(t.mcs_edition, &[("edition", &e.to_string())])),
    );
    let numeric = std::iter::once(false)
        .chain(all.iter().map(|_| true))
        .collect();
    Table {
        caption: t.revisions_caption.to_string(),
        headers,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        numeric,
    }
}

/// The Reserves view: edition and measure controls around the shared figure.
#[component]
pub fn ReservesView() -> impl IntoView {
    let ctx = crate::app::use_ctx();
    let d = crate::data::dataset();
    let mine = ctx.state_of(View::Reserves);
    let figure = Memo::new(move |_| {
        let (lang, t) = (ctx.lang.get(), ctx.strings());
        mine.with(|s| figure(d, s, lang, t))
    });
    crate::newsroom::offer(View::Reserves, figure);
    let edition_choices = move || {
        let t = ctx.strings();
        editions(d)
            .into_iter()
            .rev()
            .map(|e| {
                let mut label = fill(t.mcs_edition, &[("edition", &e.to_string())]);
                if !edition_is_complete(d, e) {
                    label = fill(t.partial_edition, &[("edition", &label)]);
                }
                Choice {
                    value: e.to_string(),
                    label,
                }
            })
            .collect::<Vec<_>>()
    };
    let current_edition = Signal::derive(move || ctx.state.with(|s| edition(d, s)).to_string());
    let set_edition = move |v: String| ctx.state.update(|s| s.edition = v.parse().ok());
    let measure_choices = move || {
        let t = ctx.strings();
        vec![
            Choice {
                value: "tonnes".into(),
                label: t.measure_tonnes.into(),
            },
            Choice {
                value: "share".into(),
                label: t.measure_share.into(),
            },
            Choice {
                value: "years".into(),
                label: t.measure_years.into(),
            },
        ]
    };
    let current_measure = Signal::derive(move || {
        match ctx.state.with(|s| s.measure) {
            ReservesMeasure::Tonnes => "tonnes",
            ReservesMeasure::Share => "share",
            ReservesMeasure::Years => "years",
        }
        .to_string()
    });
    let set_measure = move |v: String| {
        ctx.state.update(|s| {
            s.measure = match v.as_str() {
                "share" => ReservesMeasure::Share,
                "years" => ReservesMeasure::Years,
                _ => ReservesMeasure::Tonnes,
            }
        })
    };
    let edition_note = move || {
        let t = ctx.strings();
        let shown = ctx.state.with(|s| edition(d, s));
        if shown == default_edition(d) && !edition_is_complete(d, 2024) {
            let listed = d
                .reserves
                .iter()
                .filter(|r| r.edition == 2024 && r.country != WORLD)
                .count();
            fill(
                t.default_edition_note,
                &[
                    ("edition", &shown.to_string()),
                    ("count", &listed.to_string()),
                ],
            )
        } else {
            String::new()
        }
    };
    let revisions = Memo::new(move |_| revisions(d, ctx.lang.get(), ctx.strings()));
    view! {
        <div class="controls">
            <Select label=|t| t.edition id="edition"
                choices=Signal::derive(edition_choices) current=current_edition on_pick=set_edition />
            <Select label=|t| t.measure id="measure"
                choices=Signal::derive(measure_choices) current=current_measure on_pick=set_measure />
        </div>
        <p class="edition-note">{edition_note}</p>
        <FigureView figure=figure id="reserves" />
        <details class="revisions">
            <summary>{tr(|t| t.revisions_title)}</summary>
            {move || crate::ui::table_view(&revisions.get())}
        </details>
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
    fn mcs_2025_shows_chinas_44_mt_as_the_first_bar() {
        let f = figure(dataset(), &state("?edition=2025"), Lang::En, &EN);
        let Chart::Bars(bars) = &f.chart else {
            panic!("reserves draw bars")
        };
        assert_eq!(bars.rows[0].label, "China");
        assert_eq!(bars.rows[0].value, Some(44_000_000.0));
        assert_eq!(bars.rows[0].value_label, "44 Mt");
        assert!(f.summary.contains("44 Mt"), "{}", f.summary);
        assert!(f.summary.contains("48.9 %"), "{}", f.summary);
        assert_eq!(f.table.rows[0][1], "44,000,000 t");
    }

    #[test]
    fn liangshan_sits_beside_china_and_is_never_added_to_it() {
        let f = figure(dataset(), &state("?edition=2025"), Lang::En, &EN);
        let Chart::Bars(bars) = &f.chart else {
            panic!("reserves draw bars")
        };
        assert_eq!(bars.rows[1].kind, BarKind::Outline);
        assert_eq!(bars.rows[1].value, Some(4_960_000.0));
        assert_eq!(bars.rows[0].value, Some(44_000_000.0));
        assert_eq!(f.readouts.len(), bars.rows.len());
    }

    #[test]
    fn countries_without_a_figure_are_gaps_not_zeros() {
        let f = figure(dataset(), &state("?edition=2026"), Lang::En, &EN);
        let Chart::Bars(bars) = &f.chart else {
            panic!("reserves draw bars")
        };
        let india = bars
            .rows
            .iter()
            .find(|r| r.label == "India")
            .expect("India is listed in MCS 2026");
        assert_eq!((india.value, india.value_label.as_str()), (None, "NA"));
    }

    #[test]
    fn share_is_an_upper_bound_when_the_world_total_is_a_lower_bound() {
        let f = figure(
            dataset(),
            &state("?edition=2025&measure=share"),
            Lang::En,
            &EN,
        );
        let Chart::Bars(bars) = &f.chart else {
            panic!("reserves draw bars")
        };
        assert_eq!(bars.rows[0].value_label, "at most 48.9 %");
    }

    #[test]
    fn an_unknown_edition_falls_back_to_the_default() {
        let d = dataset();
        assert_eq!(edition(d, &state("?edition=1999")), default_edition(d));
    }

    #[test]
    fn revisions_show_vietnam_and_russia_cut() {
        let table = revisions(dataset(), Lang::En, &EN);
        let vietnam = table
            .rows
            .iter()
            .find(|r| r[0] == "Vietnam")
            .expect("Vietnam was revised");
        assert!(vietnam.contains(&"22 Mt".to_string()) && vietnam.contains(&"3.5 Mt".to_string()));
        let russia = table
            .rows
            .iter()
            .find(|r| r[0] == "Russia")
            .expect("Russia was revised");
        assert!(russia.contains(&"10 Mt".to_string()) && russia.contains(&"3.8 Mt".to_string()));
    }
}
