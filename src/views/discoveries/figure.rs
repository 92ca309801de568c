//! What the Discoveries view shows for a state of its controls, as plain functions of the
//! dataset: announced finds and resource estimates on a time axis, sized in tonnes of oxide on a
//! log scale and shaped by the kind of estimate; finds announced only in tonnes of ore are listed
//! beside it.

use super::state::{State, BASES};
use crate::charts::timeline::{Point, Shape, Timeline};
use crate::data::derived::date_position;
use crate::data::{Basis, Dataset, Discovery, Qualifier, Unit};
use crate::figure::{
    cite, country_name, raw, source_cells, sources_of, Chart, Csv, Figure, Table, Ticks,
    SOURCE_HEADER,
};
use crate::format::{tonnes, tonnes_short};
use crate::i18n::{fill, then, DiscoveriesTexts, Lang, Strings};

pub fn shape(basis: Basis) -> Shape {
    match basis {
        Basis::Reserve => Shape::Square,
        Basis::Resource => Shape::Circle,
        Basis::ExpectedAdditionalResource => Shape::Triangle,
        Basis::InternalEstimate => Shape::Diamond,
        // No less speculative than a forecast, and never yet in tonnes of oxide: the same mark.
        Basis::Forecast | Basis::PotentialResource => Shape::Cross,
    }
}

pub fn basis_name(basis: Basis, t: &Strings, w: &DiscoveriesTexts) -> &'static str {
    match basis {
        Basis::Reserve => w.basis_reserve,
        Basis::Resource => w.basis_resource,
        Basis::ExpectedAdditionalResource => t.basis_expected_additional,
        Basis::InternalEstimate => w.basis_internal_estimate,
        Basis::Forecast => w.basis_forecast,
        Basis::PotentialResource => w.basis_potential_resource,
    }
}

fn unit_name(unit: Unit, w: &DiscoveriesTexts) -> &'static str {
    match unit {
        Unit::Oxide => w.unit_reo,
        Unit::Ore => w.unit_ore,
        Unit::Unclear => w.unit_unclear,
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
    state: &'a State,
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

/// The announcement `f` updates: the deposit's latest estimate before it, if there is one (LKAB's
/// 2025 figure updates its June 2023 one, not its first).
pub fn updates(d: &Dataset, f: &Discovery) -> Option<&'static Discovery> {
    d.discoveries
        .iter()
        .filter(|g| g.deposit == f.deposit && g.id != f.id)
        .filter(|g| !g.announced.is_empty() && g.announced < f.announced)
        .max_by(|a, b| a.announced.cmp(b.announced))
}

/// Whether `f` is its deposit's latest dated estimate (in any unit): a later one supersedes it.
pub fn is_latest(d: &Dataset, f: &Discovery) -> bool {
    !f.announced.is_empty()
        && !d
            .discoveries
            .iter()
            .any(|g| g.deposit == f.deposit && g.id != f.id && g.announced > f.announced)
}

/// "update of the 12 June 2023 estimate", when `f` updates an earlier estimate of its deposit.
fn update_note(d: &Dataset, f: &Discovery, lang: Lang, w: &DiscoveriesTexts) -> Option<String> {
    updates(d, f).map(|first| {
        fill(
            w.update_of,
            &[("date", &crate::format::date(first.announced, lang))],
        )
    })
}

/// A find's name for the table, saying when it is an update of an earlier estimate.
fn find_name(d: &Dataset, f: &Discovery, lang: Lang, t: &Strings, w: &DiscoveriesTexts) -> String {
    let name = short_name(f, lang);
    match update_note(d, f, lang, w) {
        Some(note) => format!("{name}{}", t.paren(&note)),
        None => name,
    }
}

/// A find's name in a readout, with its country and, for an update, what it updates.
fn find_head(d: &Dataset, f: &Discovery, lang: Lang, t: &Strings, w: &DiscoveriesTexts) -> String {
    let mut inside = country_name(d, f.country, lang);
    if let Some(note) = update_note(d, f, lang, w) {
        inside.push_str(t.citation_comma);
        inside.push_str(&note);
    }
    format!("{}{}", short_name(f, lang), t.paren(&inside))
}

/// An exact size with its unit: ">1,000,000 t REO" / "逾100万吨（稀土氧化物当量）".
fn size_text(f: &Discovery, lang: Lang, w: &DiscoveriesTexts) -> String {
    match f.size {
        Some(s) => {
            let more = if f.size_qualifier == Qualifier::AtLeast {
                w.at_least_mark
            } else {
                ""
            };
            let space = if lang == Lang::En { " " } else { "" };
            format!("{more}{}{space}{}", tonnes(s, lang), unit_name(f.unit, w))
        }
        None => w.no_tonnage.to_string(),
    }
}

/// A size as a sentence says it, keeping a lower bound: "more than 1 Mt" / "逾100万吨".
fn size_words(f: &Discovery, lang: Lang, t: &Strings) -> String {
    let value = tonnes_short(f.size.unwrap_or_default(), lang);
    if f.size_qualifier == Qualifier::AtLeast {
        fill(t.more_than, &[("value", &value)])
    } else {
        value
    }
}

/// A grade as the source gives it ("3,196 ppm TREO"), in Chinese as a desk writes it: no
/// separator, the oxide basis in brackets ("3196 ppm（TREO）", "约0.4%（TREO）").
pub fn grade_text(grade: &str, lang: Lang) -> String {
    match lang {
        Lang::En => grade.to_string(),
        Lang::Zh => {
            let plain = grade.replace(',', "").replace('~', "约").replace(" %", "%");
            match plain.strip_suffix(" TREO") {
                Some(value) => format!("{value}（TREO）"),
                None => plain,
            }
        }
    }
}

pub fn figure(d: &Dataset, state: &State, lang: Lang, t: &Strings, w: &DiscoveriesTexts) -> Figure {
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
    let liangshan = crate::data::derived::liangshan(d);
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
            "{} · {} · {} · {}",
            t.head(&find_head(d, f, lang, t, w), &size_text(f, lang, w)),
            basis_name(f.basis, t, w),
            crate::figure::announced(f, lang, t),
            cite(d, f.sources, lang)
        ));
    }
    let table_rows = finds
        .iter()
        .map(|f| {
            vec![
                find_name(d, f, lang, t, w),
                country_name(d, f.country, lang),
                if f.announced.is_empty() {
                    t.date_unknown.to_string()
                } else {
                    f.announced.to_string()
                },
                size_text(f, lang, w),
                basis_name(f.basis, t, w).to_string(),
                match lang {
                    Lang::En => f.announced_by,
                    Lang::Zh => f.announced_by_zh,
                }
                .to_string(),
                cite(d, f.sources, lang),
            ]
        })
        .collect();

    let by_size =
        |a: &&&Discovery, b: &&&Discovery| a.size.unwrap_or(0.0).total_cmp(&b.size.unwrap_or(0.0));
    // The superlative is kept for what it can bear: each deposit's latest estimate (a later one
    // in any unit supersedes it: Tanbreez's 2024 internal figure) of the firmer kinds, reserves
    // and resources.
    let largest_current = plotted
        .iter()
        .filter(|f| matches!(f.basis, Basis::Reserve | Basis::Resource) && is_latest(d, f))
        .max_by(by_size);
    let largest = plotted.iter().max_by(by_size);
    // Deposits, not announcements: three estimates of Per Geijer are one deposit.
    let summary = summary(
        liangshan.filter(|l| plotted.iter().any(|f| f.id == l.id)),
        largest.copied(),
        largest_current.copied(),
        deposits.len(),
        lang,
        t,
        w,
    );
    let listed: Vec<String> = plotted
        .iter()
        .map(|f| {
            let value = format!(
                "{}{}",
                size_words(f, lang, t),
                t.paren(&crate::format::date(f.announced, lang))
            );
            t.labelled(&short_name(f, lang), &value)
        })
        .collect();
    let alt = then(
        &summary,
        &fill(
            w.discoveries_alt,
            &[("list", &listed.join(t.list_separator))],
        ),
    );
    let mut legend: Vec<(Shape, String)> = Vec::new();
    for (_, basis) in BASES {
        if plotted.iter().any(|f| f.basis == basis) {
            legend.push((shape(basis), basis_name(basis, t, w).to_string()));
        }
    }
    Figure {
        summary,
        alt,
        chart: Chart::timeline(Timeline {
            points,
            axis_label: w.axis_size_reo.to_string(),
            legend,
        }),
        ticks: Ticks::Tonnes,
        readouts,
        table: Table {
            caption: w.discoveries_table_caption.to_string(),
            headers: w
                .discoveries_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows: table_rows,
            numeric: vec![false, false, false, true, false, false, false],
        },
        notes: liangshan_note(d, lang, w)
            .into_iter()
            .chain([
                w.note_basis.to_string(),
                w.note_ore_not_comparable.to_string(),
                w.note_date_position.to_string(),
            ])
            .collect(),
        sources: sources_of(d, finds.iter().map(|f| &f.sources)),
        events: Vec::new(),
    }
}

/// The note on Liangshan, from its row: what, by whom, when.
fn liangshan_note(d: &Dataset, lang: Lang, w: &DiscoveriesTexts) -> Option<String> {
    let l = crate::data::derived::liangshan(d)?;
    let by = match lang {
        Lang::En => l.announced_by,
        Lang::Zh => l.announced_by_zh,
    };
    Some(fill(
        w.note_liangshan_resources,
        &[
            ("value", &tonnes_short(l.size?, lang)),
            ("by", by),
            ("date", &crate::format::date(l.announced, lang)),
        ],
    ))
}

/// The sentence above the chart: Liangshan among the deposits on the chart, or what the filters
/// leave; then the largest of the deposits' latest reserve or resource estimates, where there is
/// one. Counts deposits, not announcements.
fn summary(
    liangshan: Option<&Discovery>,
    largest: Option<&Discovery>,
    largest_current: Option<&Discovery>,
    deposits: usize,
    lang: Lang,
    t: &Strings,
    w: &DiscoveriesTexts,
) -> String {
    let Some(big) = largest else {
        return w.discoveries_none.to_string();
    };
    let size = |f: &Discovery| size_words(f, lang, t);
    // The catalogues' basis names are English or Chinese: ASCII lower-casing is enough.
    let basis = |f: &Discovery| basis_name(f.basis, t, w).to_ascii_lowercase();
    if deposits == 1 {
        return fill(
            w.discoveries_summary_single,
            &[
                ("largest", &short_name(big, lang)),
                ("largest_value", &size(big)),
                ("largest_basis", &basis(big)),
            ],
        );
    }
    let template = match liangshan {
        Some(_) => w.discoveries_summary,
        None => w.discoveries_summary_filtered,
    };
    let date = liangshan
        .map(|l| crate::format::date(l.announced, lang))
        .unwrap_or_default();
    let mut s = fill(
        template,
        &[
            ("value", &liangshan.map(size).unwrap_or_default()),
            ("date", &date),
            ("count", &crate::format::count(deposits, lang)),
        ],
    );
    if let Some(f) = largest_current {
        s.push_str(&fill(
            w.discoveries_largest,
            &[
                ("largest", &short_name(f, lang)),
                ("largest_value", &size(f)),
                ("largest_basis", &basis(f)),
            ],
        ));
    }
    s.push_str(t.full_stop);
    s
}

/// The finds the filters keep, for a spreadsheet (the download).
pub fn csv(d: &Dataset, state: &State) -> Csv {
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
pub fn off_chart(
    d: &Dataset,
    state: &State,
    lang: Lang,
    t: &Strings,
    w: &DiscoveriesTexts,
) -> Vec<String> {
    filtered(d, state)
        .filter(|f| !on_chart(f))
        .map(|f| {
            let why = match (f.unit, f.size, f.announced.is_empty()) {
                (Unit::Ore, Some(_), _) => w.why_ore,
                (Unit::Unclear, Some(_), _) => w.why_unclear,
                (_, None, _) => w.why_no_tonnage,
                _ => w.why_no_date,
            };
            let grade = if f.grade.is_empty() {
                String::new()
            } else {
                fill(w.grade, &[("grade", &grade_text(f.grade, lang))])
            };
            let when = if f.announced.is_empty() {
                t.date_unknown.to_string()
            } else {
                crate::format::date(f.announced, lang)
            };
            let place = format!(
                "{}{}{when}",
                country_name(d, f.country, lang),
                t.citation_comma
            );
            format!(
                "{}{} — {why}",
                t.head(
                    &format!("{}{}", short_name(f, lang), t.paren(&place)),
                    &size_text(f, lang, w)
                ),
                grade,
            )
        })
        .collect()
}

/// A file name that says what it holds: `rare-earth-discoveries-burma-myanmar-resource`.
pub fn file_stem(state: &State) -> String {
    let mut stem = "rare-earth-discoveries".to_string();
    if let Some(c) = &state.country {
        stem.push('-');
        stem.push_str(&crate::figure::slug(c));
    }
    if let Some(b) = state.basis {
        stem.push('-');
        stem.push_str(crate::url::name_of(&BASES, b));
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset;
    use crate::i18n::{EN, EN_DISCOVERIES};

    fn state(q: &str) -> State {
        crate::url::Params::read(&crate::url::Query::parse(q), &mut Default::default())
    }

    #[test]
    fn liangshan_is_highlighted_at_4_96_mt() {
        let f = figure(dataset(), &state(""), Lang::En, &EN, &EN_DISCOVERIES);
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
        let f = figure(dataset(), &state(""), Lang::En, &EN, &EN_DISCOVERIES);
        let Chart::Timeline(chart, _) = &f.chart else {
            panic!("discoveries draw a timeline")
        };
        assert!(chart.points.iter().all(|p| p.y < 100_000_000.0));
        let off = off_chart(dataset(), &state(""), Lang::En, &EN, &EN_DISCOVERIES);
        assert!(off
            .iter()
            .any(|l| l.starts_with("Caldeira ionic clay project")
                && l.contains(EN_DISCOVERIES.why_ore)));
    }

    #[test]
    fn per_geijer_updates_form_one_series() {
        let f = figure(
            dataset(),
            &state("?country=Sweden"),
            Lang::En,
            &EN,
            &EN_DISCOVERIES,
        );
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
        let f = figure(
            dataset(),
            &state("?basis=internal-estimate"),
            Lang::En,
            &EN,
            &EN_DISCOVERIES,
        );
        assert_eq!(f.table.rows.len(), 1);
        assert_eq!(f.table.rows[0][0], "Tanbreez");
    }

    #[test]
    fn the_summary_counts_deposits_and_an_update_says_so() {
        let f = figure(dataset(), &state(""), Lang::En, &EN, &EN_DISCOVERIES);
        assert!(f.summary.contains("one of seven deposits"), "{}", f.summary);
        assert!(
            f.readouts
                .iter()
                .any(|r| r
                    .starts_with("Per Geijer (Sweden, update of the 12 January 2023 estimate)")),
            "{:?}",
            f.readouts
        );
        let sweden = figure(
            dataset(),
            &state("?country=Sweden"),
            Lang::En,
            &EN,
            &EN_DISCOVERIES,
        );
        assert!(
            sweden.summary.starts_with("Per Geijer is the only deposit"),
            "{}",
            sweden.summary
        );
    }

    #[test]
    fn an_update_names_the_estimate_it_updates_and_a_lower_bound_stays_one() {
        let f = figure(dataset(), &state(""), Lang::En, &EN, &EN_DISCOVERIES);
        // LKAB's 2025 figure updates its June 2023 one, not its first.
        assert!(
            f.readouts.iter().any(|r| r.starts_with(
                "Per Geijer (Sweden, update of the 12 June 2023 estimate): 2,200,000 t REO"
            )),
            "{:?}",
            f.readouts
        );
        assert!(
            f.alt
                .contains("Per Geijer more than 1 Mt (12 January 2023)"),
            "{}",
            f.alt
        );
        let zh = figure(
            dataset(),
            &state(""),
            Lang::Zh,
            &crate::i18n::ZH,
            &crate::i18n::ZH_DISCOVERIES,
        );
        assert!(zh.alt.contains("佩尔·盖耶尔逾100万吨"), "{}", zh.alt);
    }

    #[test]
    fn the_superlative_is_kept_for_the_latest_reserve_or_resource_estimates() {
        let d = dataset();
        let f = figure(d, &state(""), Lang::En, &EN, &EN_DISCOVERIES);
        // Tanbreez's 28.2 Mt is an internal estimate its code-compliant 2025 resource (in ore)
        // superseded: never "the largest".
        assert!(!f.summary.contains("Tanbreez"), "{}", f.summary);
        let on_chart: Vec<&Discovery> = d.discoveries.iter().filter(|f| on_chart(f)).collect();
        let largest = on_chart
            .iter()
            .filter(|f| matches!(f.basis, Basis::Reserve | Basis::Resource) && is_latest(d, f))
            .max_by(|a, b| a.size.unwrap_or(0.0).total_cmp(&b.size.unwrap_or(0.0)))
            .expect("a latest resource on the chart");
        assert!(
            f.summary.contains(&format!(
                "the largest is {}'s",
                short_name(largest, Lang::En)
            )),
            "{}",
            f.summary
        );
        // The count is of the deposits on the chart, from the data.
        let mut deposits: Vec<&str> = on_chart.iter().map(|f| f.deposit).collect();
        crate::order::sort_unique(&mut deposits);
        let count = crate::format::count(deposits.len(), Lang::En);
        assert!(
            f.summary
                .contains(&format!("one of {count} deposits on the chart")),
            "{}",
            f.summary
        );
    }

    #[test]
    fn chinese_sizes_and_grades_are_written_as_a_chinese_desk_writes_them() {
        let off = off_chart(
            dataset(),
            &state("?country=United%20States"),
            Lang::Zh,
            &crate::i18n::ZH,
            &crate::i18n::ZH_DISCOVERIES,
        );
        assert!(
            off.iter()
                .any(|l| l
                    .starts_with("哈勒克溪（美国，2024年）：23.4亿吨矿石，品位3196 ppm（TREO）")),
            "{off:?}"
        );
    }

    #[test]
    fn liangshan_is_never_called_a_discovery_or_a_reserve() {
        for lang in [Lang::En, Lang::Zh] {
            let t = crate::i18n::strings(lang);
            let w = crate::components::on_demand::texts(lang);
            let f = figure(dataset(), &state(""), lang, t, w);
            let liangshan = &f.readouts[0];
            assert!(
                liangshan.contains(t.basis_expected_additional),
                "{liangshan}"
            );
            for word in ["reserve", "discovery", "储量", "找矿突破"] {
                assert!(
                    !t.liangshan_bar.to_lowercase().contains(word),
                    "{}",
                    t.liangshan_bar
                );
                assert!(
                    !t.dek.to_lowercase().contains(&format!("sichuan {word}")),
                    "{}",
                    t.dek
                );
            }
        }
    }
}
