//! What the Reserves view shows for a state of its controls, as plain functions of the dataset:
//! reserves by country for one USGS edition, in tonnes, share of the world or years of supply,
//! with the Liangshan announcement beside China's bar as a different kind of figure.

use super::state::{Measure, State};
use crate::charts::bars::{BarKind, BarRow, Bars};
use crate::data::derived::*;
use crate::data::{Dataset, Qualifier, Quality, ReserveFigure, WORLD};
use crate::figure::{
    cite, country_name, raw, source_cells, sources_of, Chart, Csv, Figure, Table, Ticks,
    SOURCE_HEADER,
};
use crate::format::{self, number, percent, tonnes, tonnes_short};
use crate::i18n::{fill, Lang, Strings};

pub const CHINA: &str = "China";

/// The edition shown: the reader's choice when the dataset has it, else the default.
pub fn edition(d: &Dataset, state: &State) -> u16 {
    state
        .edition
        .filter(|e| editions(d).contains(e))
        .unwrap_or_else(|| default_edition(d))
}

/// The value a bar shows for one country's row, in the measure chosen.
fn value_of(d: &Dataset, edition: u16, measure: Measure, r: &ReserveFigure) -> Option<f64> {
    match measure {
        Measure::Tonnes => r.reserves_t,
        Measure::Share => share_of_world(d, edition, r.country).map(|s| s.percent),
        Measure::Years => years_of_supply(d, edition, r.country),
    }
}

/// The countries of an edition in the chart's order, the same in every measure: largest reserves
/// first, countries without a figure ("NA") last but still listed. Ranking by years of supply
/// would put a country that barely mines at the top; the measure changes the bars, not the order.
fn ranked(d: &Dataset, edition: u16) -> Vec<&'static ReserveFigure> {
    let mut rows: Vec<&ReserveFigure> = d
        .reserves
        .iter()
        .filter(|r| r.edition == edition && r.country != WORLD)
        .collect();
    let value = |r: &ReserveFigure| r.reserves_t.unwrap_or(-1.0);
    crate::order::sort_by(&mut rows, |a, b| value(a) > value(b));
    rows
}

/// Years of supply as a reader reads them: one decimal below ten years, whole years above.
fn years_text(years: f64) -> String {
    number(years, if years < 10.0 { 1 } else { 0 })
}

/// A reserves figure with its qualifier: "44 Mt", "~4 Mt" (rounded by a secondary source).
fn reserves_short(r: &ReserveFigure, lang: Lang) -> Option<String> {
    Some(format!(
        "{}{}",
        qualifier_prefix(r.qualifier),
        tonnes_short(r.reserves_t?, lang)
    ))
}

/// The world total as a sentence says it: "more than 90 Mt", "about 116 Mt".
fn world_words(total: f64, qualifier: Qualifier, lang: Lang, t: &Strings) -> String {
    let value = tonnes_short(total, lang);
    match qualifier {
        Qualifier::AsPrinted => value,
        Qualifier::AtLeast => fill(t.more_than, &[("value", &value)]),
        Qualifier::About => fill(t.about, &[("value", &value)]),
    }
}

pub fn figure(d: &Dataset, state: &State, lang: Lang, t: &Strings) -> Figure {
    let edition = edition(d, state);
    let measure = state.measure;
    let rows = ranked(d, edition);
    let world = world_reserves(d, edition);
    let edition_label = fill(t.mcs_edition, &[("edition", &edition.to_string())]);

    let mut bars = Vec::new();
    let mut readouts = Vec::new();
    let mut table_rows = Vec::new();
    for r in &rows {
        let name = country_name(d, r.country, lang);
        let share_text = share_of_world(d, edition, r.country).map(|s| share_label(s, lang, t));
        let years = years_of_supply(d, edition, r.country);
        // A country that mines, but too little for years of supply to mean anything.
        let mines_little = r.reserves_t.is_some()
            && years.is_none()
            && production_share(d, edition, r.country).is_some();
        let previous = editions(d)
            .into_iter()
            .rev()
            .find(|&e| e < edition && reserve(d, e, r.country).is_some());
        let change =
            previous.and_then(|p| reserve_change(d, r.country, p, edition).map(|c| (p, c)));
        let value = value_of(d, edition, measure, r);
        let value_label = match (measure, value) {
            _ if r.reserves_t.is_none() => t.not_available.to_string(),
            (_, None) => "–".to_string(),
            (Measure::Tonnes, Some(_)) => reserves_short(r, lang).unwrap_or_default(),
            (Measure::Share, Some(_)) => share_text.clone().unwrap_or_default(),
            (Measure::Years, Some(v)) => fill(t.years_value, &[("years", &years_text(v))]),
        };
        bars.push(BarRow {
            label: name.clone(),
            value,
            value_label,
            kind: if r.country == CHINA {
                BarKind::Highlight
            } else {
                BarKind::Plain
            },
        });
        let exact = r
            .reserves_t
            .map(|v| format!("{}{}", qualifier_prefix(r.qualifier), tonnes(v, lang)))
            .unwrap_or_else(|| t.not_available.into());
        let mut readout = format!(
            "{} · {edition_label}",
            t.head(&name, &format!("{exact} REO"))
        );
        if let Some(s) = &share_text {
            readout.push_str(&format!(" · {}", fill(t.of_world, &[("share", s)])));
        }
        if let Some(y) = years {
            readout.push_str(&format!(
                " · {}",
                fill(t.years_of_supply_value, &[("years", &years_text(y))])
            ));
        } else if mines_little && measure == Measure::Years {
            readout.push_str(&format!(" · {}", t.years_not_shown));
        }
        readout.push_str(&format!(" · {}", cite(d, r.sources, lang)));
        readouts.push(readout);
        if r.country == CHINA && measure == Measure::Tonnes {
            if let Some(l) = liangshan(d).filter(|l| l.size.is_some()) {
                let size = l.size.unwrap_or_default();
                bars.push(BarRow {
                    label: t.liangshan_bar.to_string(),
                    value: Some(size),
                    value_label: tonnes_short(size, lang),
                    kind: BarKind::Outline,
                });
                readouts.push(format!(
                    "{} · {} · {} · {}",
                    t.head(t.liangshan_name, &format!("{} REO", tonnes(size, lang))),
                    t.basis_expected_additional,
                    crate::figure::announced(l, lang, t),
                    cite(d, l.sources, lang)
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
                        // Computed here: one decimal, no more precision than that suggests.
                        format::change((pct * 10.0).round() / 10.0, lang),
                        fill(t.vs_edition, &[("edition", &p.to_string())])
                    )
                })
                .unwrap_or_else(|| "–".into()),
            years.map(years_text).unwrap_or_else(|| "–".into()),
            cite(d, r.sources, lang),
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
            w.map(|w| cite(d, w.sources, lang)).unwrap_or_default(),
        ]);
    }

    let summary = summary(d, edition, measure, lang, t);
    let listed: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let name = country_name(d, r.country, lang);
            match measure {
                Measure::Tonnes => Some(format!("{name} {}", reserves_short(r, lang)?)),
                Measure::Share => Some(format!(
                    "{name} {}",
                    share_label(share_of_world(d, edition, r.country)?, lang, t)
                )),
                Measure::Years => Some(format!(
                    "{name} {}",
                    fill(
                        t.years_value,
                        &[(
                            "years",
                            &years_text(years_of_supply(d, edition, r.country)?)
                        )]
                    )
                )),
            }
        })
        .collect();
    let missing: Vec<String> = rows
        .iter()
        .filter(|r| value_of(d, edition, measure, r).is_none())
        .map(|r| country_name(d, r.country, lang))
        .collect();
    let mut alt = format!(
        "{summary} {}",
        fill(t.reserves_alt, &[("list", &listed.join(t.list_separator))])
    );
    if !missing.is_empty() {
        alt.push(' ');
        alt.push_str(&fill(
            t.reserves_alt_missing,
            &[("list", &missing.join(t.list_separator))],
        ));
    }
    if measure == Measure::Tonnes {
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
    if rows.iter().any(|r| r.qualifier == Qualifier::About) {
        notes.push(t.note_rounded_by_secondary.to_string());
    }
    if rows.iter().any(|r| r.quality == Quality::Secondary) {
        notes.push(t.note_secondary_edition.to_string());
    }
    notes.push(t.note_revisions.to_string());
    if measure == Measure::Tonnes {
        notes.push(t.note_liangshan_not_in_usgs.to_string());
    }
    if measure == Measure::Years {
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
    if measure == Measure::Tonnes {
        cells.extend(liangshan_row.iter().map(|l| &l.sources));
    }
    let production_cells: Vec<&'static str> = if measure == Measure::Years {
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
        Measure::Tonnes => (t.axis_reserves_t.to_string(), Ticks::Tonnes),
        Measure::Share => (t.axis_share.to_string(), Ticks::Percent),
        Measure::Years => (t.axis_years.to_string(), Ticks::Years),
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

/// The sentence above the chart. Each measure says what its bars show of China; none makes a
/// headline of a ranking.
fn summary(d: &Dataset, edition: u16, measure: Measure, lang: Lang, t: &Strings) -> String {
    let edition_label = fill(t.mcs_edition, &[("edition", &edition.to_string())]);
    let Some(china) = reserve(d, edition, CHINA).and_then(|r| r.reserves_t) else {
        return fill(t.reserves_summary_no_china, &[("edition", &edition_label)]);
    };
    let value = tonnes_short(china, lang);
    if measure == Measure::Years {
        if let (Some(years), Some((year, production))) = (
            years_of_supply(d, edition, CHINA),
            latest_production(d, edition, CHINA),
        ) {
            return fill(
                t.reserves_summary_years,
                &[
                    ("value", &value),
                    ("years", &years_text(years)),
                    ("year", &year.to_string()),
                    ("production", &tonnes_short(production, lang)),
                    ("edition", &edition_label),
                ],
            );
        }
    }
    match (
        world_reserves(d, edition),
        share_of_world(d, edition, CHINA),
    ) {
        (Some((w, q)), Some(share)) => fill(
            t.reserves_summary,
            &[
                ("value", &value),
                ("share", &share_label(share, lang, t)),
                ("world", &world_words(w, q, lang, t)),
                ("edition", &edition_label),
            ],
        ),
        _ => fill(
            t.reserves_summary_no_world,
            &[("value", &value), ("edition", &edition_label)],
        ),
    }
}

/// The figures behind the chart for a spreadsheet (the download), in the chart's order, with the
/// world total and, in tonnes, the Liangshan announcement.
pub fn csv(d: &Dataset, state: &State) -> Csv {
    let edition = edition(d, state);
    let measure = state.measure;
    let rows = ranked(d, edition);
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
    if let Some(l) = liangshan_row.filter(|_| measure == Measure::Tonnes) {
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
/// that USGS revised, one column per edition, each revision marked. A difference that a secondary
/// source's rounding explains is shown but not marked (see `is_revision`).
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
        let history: Vec<&ReserveFigure> =
            all.iter().filter_map(|&e| reserve(d, e, country)).collect();
        // Each figure against the last edition before it that gave one.
        let revised = |i: usize| {
            let r = history[i];
            history[..i]
                .iter()
                .rev()
                .find(|p| p.reserves_t.is_some())
                .filter(|p| is_revision(p, r))
                .map(|p| r.reserves_t > p.reserves_t)
        };
        if !(0..history.len()).any(|i| revised(i).is_some()) {
            continue;
        }
        let mut row = vec![country_name(d, country, lang)];
        for e in &all {
            let cell = match history.iter().position(|r| r.edition == *e) {
                Some(i) => match reserves_short(history[i], lang) {
                    Some(v) => match revised(i) {
                        Some(true) => fill(t.revised_up, &[("value", &v)]),
                        Some(false) => fill(t.revised_down, &[("value", &v)]),
                        None => v,
                    },
                    None => t.not_available.to_string(),
                },
                None => "–".to_string(),
            };
            row.push(cell);
        }
        let largest = history
            .iter()
            .filter_map(|r| r.reserves_t)
            .fold(0.0, f64::max);
        rows.push((largest, row));
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
/// Why the view opens on this edition, when the reader did not choose one: the article relied on
/// MCS 2024, which is known here only in part.
pub fn edition_note(d: &Dataset, state: &State, t: &Strings) -> String {
    let shown = edition(d, state);
    if shown != default_edition(d) || edition_is_complete(d, 2024) {
        return String::new();
    }
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
}

/// A file name that says what it holds: `rare-earth-reserves-usgs-mcs2025-share`.
pub fn file_stem(d: &Dataset, state: &State) -> String {
    let measure = match state.measure {
        Measure::Tonnes => "tonnes",
        Measure::Share => "share",
        Measure::Years => "years-of-supply",
    };
    format!(
        "rare-earth-reserves-usgs-mcs{}-{measure}",
        edition(d, state)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::bars::BarKind;
    use crate::data::dataset;
    use crate::i18n::EN;

    fn state(q: &str) -> State {
        crate::url::Params::read(&crate::url::Query::parse(q), &mut Default::default())
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
    fn revisions_mark_the_cuts_usgs_printed_and_not_a_secondary_sources_rounding() {
        let table = revisions(dataset(), Lang::En, &EN);
        let row = |name: &str| table.rows.iter().find(|r| r[0] == name).cloned();
        let vietnam = row("Vietnam").expect("Vietnam was revised");
        assert!(vietnam.contains(&"22 Mt".to_string()), "{vietnam:?}");
        assert!(vietnam.contains(&"3.5 Mt (cut)".to_string()), "{vietnam:?}");
        let russia = row("Russia").expect("Russia was revised");
        assert!(
            russia.contains(&"10 Mt (cut)".to_string())
                && russia.contains(&"3.8 Mt (cut)".to_string())
        );
        // 800,000 t printed as "0.8M" by a secondary table, then 790,000 t: rounding, unmarked;
        // MCS 2025's 860,000 t is a revision USGS printed.
        let south_africa = row("South Africa").expect("South Africa was revised in MCS 2025");
        assert!(
            south_africa.contains(&"790,000 t".to_string()),
            "{south_africa:?}"
        );
        assert!(
            south_africa.contains(&"860,000 t (raised)".to_string()),
            "{south_africa:?}"
        );
    }

    #[test]
    fn years_of_supply_leave_out_countries_that_barely_mine_and_keep_the_order_of_reserves() {
        let f = figure(
            dataset(),
            &state("?edition=2025&measure=years"),
            Lang::En,
            &EN,
        );
        let Chart::Bars(bars) = &f.chart else {
            panic!("reserves draw bars")
        };
        let brazil = bars
            .rows
            .iter()
            .find(|r| r.label == "Brazil")
            .expect("Brazil");
        assert_eq!((brazil.value, brazil.value_label.as_str()), (None, "–"));
        assert_eq!(
            bars.rows[0].label, "China",
            "the order stays that of reserves"
        );
        let thailand = bars
            .rows
            .iter()
            .find(|r| r.label == "Thailand")
            .expect("Thailand");
        assert_eq!(thailand.value_label, "0.3 years");
        assert!(
            f.notes.iter().any(|n| n.contains("at least 1 %")),
            "{:?}",
            f.notes
        );
        assert!(!f.summary.contains("Australia"), "{}", f.summary);
        assert!(f.summary.contains("163 years"), "{}", f.summary);
    }

    #[test]
    fn the_text_alternative_says_the_order_the_bars_are_in() {
        for measure in ["tonnes", "share", "years"] {
            let f = figure(
                dataset(),
                &state(&format!("?edition=2025&measure={measure}")),
                Lang::En,
                &EN,
            );
            assert!(
                f.alt.contains("in order of reserves, largest first"),
                "{measure}: {}",
                f.alt
            );
        }
    }
}
