//! Announced finds and resource estimates on a time axis, sized in tonnes of oxide on a log scale,
//! shaped by the kind of estimate; finds announced only in tonnes of ore are listed beside it.

use leptos::prelude::*;

use crate::app::tr;

use super::{cite, raw, source_cells, sources_of, Chart, Csv, Figure, Table, Ticks, SOURCE_HEADER};
use crate::charts::timeline::{Point, Shape, Timeline};
use crate::data::derived::date_position;
use crate::data::{Basis, Dataset, Discovery, Qualifier, Unit};
use crate::format::{tonnes, tonnes_short};
use crate::i18n::{fill, Strings};
use crate::state::{Lang, UrlState, View, BASES};
use crate::ui::{country_name, Choice, FigureView, Select};

pub fn shape(basis: Basis) -> Shape {
    match basis {
        Basis::Reserve => Shape::Square,
        Basis::Resource => Shape::Circle,
        Basis::ExpectedAdditionalResource => Shape::Triangle,
        Basis::InternalEstimate => Shape::Diamond,
        Basis::Forecast => Shape::Cross,
    }
}

pub fn basis_name(basis: Basis, t: &Strings) -> &'static str {
    match basis {
        Basis::Reserve => t.basis_reserve,
        Basis::Resource => t.basis_resource,
        Basis::ExpectedAdditionalResource => t.basis_expected_additional,
        Basis::InternalEstimate => t.basis_internal_estimate,
        Basis::Forecast => t.basis_forecast,
    }
}

fn unit_name(unit: Unit, t: &Strings) -> &'static str {
    match unit {
        Unit::Oxide => t.unit_reo,
        Unit::Ore => t.unit_ore,
        Unit::Unclear => t.unit_unclear,
    }
}

/// A deposit's name for a label: without the parenthesised detail.
pub fn short_name(f: &Discovery, lang: Lang) -> String {
    let full = if lang == Lang::Zh && !f.name_zh.is_empty() {
        f.name_zh
    } else {
        f.name
    };
    full.split(['(', '（'])
        .next()
        .unwrap_or(full)
        .trim()
        .to_string()
}

/// The finds the reader's filters keep, in the dataset's order.
pub fn filtered<'a>(
    d: &'a Dataset,
    state: &'a UrlState,
) -> impl Iterator<Item = &'static Discovery> + 'a {
    d.discoveries.iter().filter(move |f| {
        state.country.as_deref().is_none_or(|c| f.country == c)
            && state.basis.is_none_or(|b| f.basis == b)
    })
}

/// Whether a find goes on the size axis: tonnes of oxide, a size and a date.
pub fn on_chart(f: &Discovery) -> bool {
    f.unit == Unit::Oxide && f.size.is_some_and(|s| s > 0.0) && date_position(f.announced).is_some()
}

fn size_text(f: &Discovery, lang: Lang, t: &Strings) -> String {
    match f.size {
        Some(s) => {
            let more = if f.size_qualifier == Qualifier::AtLeast {
                ">"
            } else {
                ""
            };
            format!("{more}{} {}", tonnes(s, lang), unit_name(f.unit, t))
        }
        None => t.no_tonnage.to_string(),
    }
}

pub fn figure(d: &Dataset, state: &UrlState, lang: Lang, t: &Strings) -> Figure {
    let finds: Vec<&Discovery> = filtered(d, state).collect();
    let plotted: Vec<&Discovery> = finds.iter().copied().filter(|f| on_chart(f)).collect();
    let mut deposits: Vec<&str> = plotted.iter().map(|f| f.deposit).collect();
    crate::order::sort_unique(&mut deposits);
    // Only a deposit with several plotted updates becomes a connected series.
    let series_of = |f: &Discovery| {
        let updates = plotted.iter().filter(|g| g.deposit == f.deposit).count();
        (updates > 1)
            .then(|| deposits.iter().position(|&k| k == f.deposit))
            .flatten()
    };
    let liangshan = super::reserves::liangshan(d);
    let mut points = Vec::new();
    let mut readouts = Vec::new();
    for f in &plotted {
        let datum = readouts.len();
        points.push(Point {
            x: date_position(f.announced).unwrap_or_default(),
            y: f.size.unwrap_or_default(),
            shape: shape(f.basis),
            label: short_name(f, lang),
            series: series_of(f),
            highlight: liangshan.is_some_and(|l| l.id == f.id),
            datum,
        });
        readouts.push(format!(
            "{} ({}): {} · {} · {} {} · {}",
            short_name(f, lang),
            country_name(d, f.country, lang),
            size_text(f, lang, t),
            basis_name(f.basis, t),
            f.announced,
            f.announced_by,
            cite(d, f.sources)
        ));
    }
    let table_rows = finds
        .iter()
        .map(|f| {
            vec![
                short_name(f, lang),
                country_name(d, f.country, lang),
                if f.announced.is_empty() {
                    t.date_unknown.to_string()
                } else {
                    f.announced.to_string()
                },
                size_text(f, lang, t),
                basis_name(f.basis, t).to_string(),
                f.announced_by.to_string(),
                cite(d, f.sources),
            ]
        })
        .collect();

    let largest = plotted
        .iter()
        .max_by(|a, b| a.size.unwrap_or(0.0).total_cmp(&b.size.unwrap_or(0.0)));
    let count = plotted.len().to_string();
    let summary = match (
        liangshan.filter(|l| plotted.iter().any(|f| f.id == l.id)),
        largest,
    ) {
        (Some(l), Some(big)) => fill(
            t.discoveries_summary,
            &[
                ("value", &tonnes_short(l.size.unwrap_or_default(), lang)),
                ("date", l.announced),
                ("count", &count),
                ("largest", &short_name(big, lang)),
                (
                    "largest_value",
                    &tonnes_short(big.size.unwrap_or_default(), lang),
                ),
                // The catalogues' basis names are English or Chinese: ASCII lower-casing is enough.
                (
                    "largest_basis",
                    &basis_name(big.basis, t).to_ascii_lowercase(),
                ),
            ],
        ),
        (None, Some(big)) => fill(
            t.discoveries_summary_filtered,
            &[
                ("count", &count),
                ("largest", &short_name(big, lang)),
                (
                    "largest_value",
                    &tonnes_short(big.size.unwrap_or_default(), lang),
                ),
            ],
        ),
        (_, None) => t.discoveries_none.to_string(),
    };
    let listed: Vec<String> = plotted
        .iter()
        .map(|f| {
            format!(
                "{} {} ({})",
                short_name(f, lang),
                tonnes_short(f.size.unwrap_or_default(), lang),
                f.announced
            )
        })
        .collect();
    let alt = format!(
        "{summary} {}",
        fill(t.discoveries_alt, &[("list", &listed.join("; "))])
    );
    let mut legend: Vec<(Shape, String)> = Vec::new();
    for (_, basis) in BASES {
        if plotted.iter().any(|f| f.basis == basis) {
            legend.push((shape(basis), basis_name(basis, t).to_string()));
        }
    }
    Figure {
        summary,
        alt,
        chart: Chart::timeline(Timeline {
            points,
            axis_label: t.axis_size_reo.to_string(),
            legend,
        }),
        ticks: Ticks::Tonnes,
        readouts,
        table: Table {
            caption: t.discoveries_table_caption.to_string(),
            headers: t
                .discoveries_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows: table_rows,
            numeric: vec![false, false, false, true, false, false, false],
        },
        notes: vec![
            t.note_liangshan_resources.to_string(),
            t.note_basis.to_string(),
            t.note_ore_not_comparable.to_string(),
            t.note_date_position.to_string(),
        ],
        sources: sources_of(d, finds.iter().map(|f| &f.sources)),
    }
}

/// The finds the filters keep, for a spreadsheet (the download).
pub fn csv(d: &Dataset, state: &UrlState) -> Csv {
    let finds: Vec<&Discovery> = filtered(d, state).collect();
    let header: Vec<&str> = [
        "id",
        "deposit",
        "name",
        "country",
        "announced",
        "announced_by",
        "size",
        "size_qualifier",
        "unit",
        "basis",
        "grade",
    ]
    .into_iter()
    .chain(SOURCE_HEADER)
    .collect();
    let mut csv = Csv::new(&header);
    for f in finds {
        let unit = match f.unit {
            Unit::Oxide => "t_reo",
            Unit::Ore => "t_ore",
            Unit::Unclear => "t_unclear",
        };
        let basis = BASES
            .iter()
            .find(|(_, b)| *b == f.basis)
            .map(|(k, _)| *k)
            .unwrap_or_default();
        let mut row: Vec<String> = [
            f.id,
            f.deposit,
            f.name,
            f.country,
            f.announced,
            f.announced_by,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        row.extend([
            raw(f.size),
            if f.size_qualifier == Qualifier::AtLeast {
                ">".into()
            } else {
                String::new()
            },
            unit.into(),
            basis.into(),
            f.grade.into(),
        ]);
        row.extend(source_cells(d, f.sources));
        csv.rows.push(row);
    }
    csv
}

/// Finds the chart leaves out, each with why: sized in ore, in unclear units, with no tonnage or
/// no date.
pub fn off_chart(d: &Dataset, state: &UrlState, lang: Lang, t: &Strings) -> Vec<String> {
    filtered(d, state)
        .filter(|f| !on_chart(f))
        .map(|f| {
            let why = match (f.unit, f.size, f.announced.is_empty()) {
                (Unit::Ore, Some(_), _) => t.why_ore,
                (Unit::Unclear, Some(_), _) => t.why_unclear,
                (_, None, _) => t.why_no_tonnage,
                _ => t.why_no_date,
            };
            let grade = if f.grade.is_empty() {
                String::new()
            } else {
                format!(" @ {}", f.grade)
            };
            format!(
                "{} ({}, {}): {}{} — {}",
                short_name(f, lang),
                country_name(d, f.country, lang),
                if f.announced.is_empty() {
                    t.date_unknown
                } else {
                    f.announced
                },
                size_text(f, lang, t),
                grade,
                why
            )
        })
        .collect()
}

#[component]
pub fn DiscoveriesView() -> impl IntoView {
    let ctx = crate::app::use_ctx();
    let d = crate::data::whole();
    let mine = ctx.state_of(View::Discoveries);
    let figure = Memo::new(move |_| mine.with(|s| figure(d, s, ctx.lang.get(), ctx.strings())));
    crate::newsroom::offer(View::Discoveries, figure);
    let off = Memo::new(move |_| mine.with(|s| off_chart(d, s, ctx.lang.get(), ctx.strings())));
    let country_choices = move || {
        let (t, lang) = (ctx.strings(), ctx.lang.get());
        let mut countries: Vec<&str> = d.discoveries.iter().map(|f| f.country).collect();
        crate::order::sort_unique(&mut countries);
        std::iter::once(Choice {
            value: String::new(),
            label: t.all_countries.into(),
        })
        .chain(countries.into_iter().map(|c| Choice {
            value: c.into(),
            label: country_name(d, c, lang),
        }))
        .collect::<Vec<_>>()
    };
    let basis_choices = move || {
        let t = ctx.strings();
        std::iter::once(Choice {
            value: String::new(),
            label: t.all_bases.into(),
        })
        .chain(BASES.iter().map(|(slug, b)| Choice {
            value: slug.to_string(),
            label: basis_name(*b, t).into(),
        }))
        .collect::<Vec<_>>()
    };
    let current_country =
        Signal::derive(move || ctx.state.with(|s| s.country.clone().unwrap_or_default()));
    let current_basis = Signal::derive(move || {
        ctx.state
            .with(|s| {
                s.basis
                    .and_then(|b| BASES.iter().find(|(_, v)| *v == b))
                    .map(|(k, _)| k.to_string())
            })
            .unwrap_or_default()
    });
    view! {
        <div class="controls">
            <Select label=|t| t.country id="country"
                choices=Signal::derive(country_choices) current=current_country
                on_pick=move |v: String| ctx.state.update(|s| s.country = (!v.is_empty()).then_some(v)) />
            <Select label=|t| t.basis id="basis"
                choices=Signal::derive(basis_choices) current=current_basis
                on_pick=move |v: String| ctx.state.update(|s| s.basis = BASES.iter().find(|(k, _)| *k == v).map(|(_, b)| *b)) />
        </div>
        <FigureView figure=figure id="discoveries" />
        <section class="off-chart" aria-labelledby="off-chart-title">
            <h3 id="off-chart-title">{tr(|t| t.off_chart_title)}</h3>
            <p>{tr(|t| t.off_chart_intro)}</p>
            <ul inner_html=move || off.with(|lines| crate::html::items_html(lines))></ul>
        </section>
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
    fn liangshan_is_highlighted_at_4_96_mt() {
        let f = figure(dataset(), &state(""), Lang::En, &EN);
        let Chart::Timeline(chart, _) = &f.chart else {
            panic!("discoveries draw a timeline")
        };
        let highlighted: Vec<&Point> = chart.points.iter().filter(|p| p.highlight).collect();
        assert_eq!(highlighted.len(), 1);
        assert_eq!(highlighted[0].y, 4_960_000.0);
        assert_eq!(highlighted[0].shape, Shape::Triangle);
        assert!(f.summary.contains("4.96 Mt"), "{}", f.summary);
    }

    #[test]
    fn ore_tonnages_never_reach_the_size_axis() {
        let f = figure(dataset(), &state(""), Lang::En, &EN);
        let Chart::Timeline(chart, _) = &f.chart else {
            panic!("discoveries draw a timeline")
        };
        assert!(chart.points.iter().all(|p| p.y < 100_000_000.0));
        let off = off_chart(dataset(), &state(""), Lang::En, &EN);
        assert!(off
            .iter()
            .any(|l| l.starts_with("Caldeira ionic clay project") && l.contains(EN.why_ore)));
    }

    #[test]
    fn per_geijer_updates_form_one_series() {
        let f = figure(dataset(), &state("?country=Sweden"), Lang::En, &EN);
        let Chart::Timeline(chart, _) = &f.chart else {
            panic!("discoveries draw a timeline")
        };
        let sizes: Vec<f64> = chart.points.iter().map(|p| p.y).collect();
        assert_eq!(sizes, vec![1_000_000.0, 1_300_000.0, 2_200_000.0]);
        let series: Vec<_> = chart.points.iter().map(|p| p.series).collect();
        assert!(series.iter().all(|s| s.is_some() && *s == series[0]));
    }

    #[test]
    fn the_basis_filter_keeps_only_that_kind() {
        let f = figure(dataset(), &state("?basis=internal-estimate"), Lang::En, &EN);
        assert_eq!(f.table.rows.len(), 1);
        assert_eq!(f.table.rows[0][0], "Tanbreez");
    }
}
