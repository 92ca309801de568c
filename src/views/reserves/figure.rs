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
use crate::i18n::{fill, then, Lang, Strings};

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
        qualifier_prefix(r.qualifier, lang),
        tonnes_short(r.reserves_t?, lang)
    ))
}

/// `v` to three significant figures: an approximate total shows no more precision than it has
/// (a secondary source's sum of 115,400,000 t is "about 115 Mt").
fn three_figures(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return v;
    }
    let unit = 10f64.powi(v.log10().floor() as i32 - 2);
    (v / unit).round() * unit
}

/// The world total as a sentence says it: "more than 90 Mt", "about 115 Mt".
pub fn world_words(total: f64, qualifier: Qualifier, lang: Lang, t: &Strings) -> String {
    match qualifier {
        Qualifier::AsPrinted => tonnes_short(total, lang),
        Qualifier::AtLeast => fill(t.more_than, &[("value", &tonnes_short(total, lang))]),
        // A secondary source's total (its own sum, 115.4 Mt) is said to be one.
        Qualifier::About => fill(
            t.about_secondary,
            &[("value", &tonnes_short(three_figures(total), lang))],
        ),
    }
}

/// The share of "1 %" below which years of supply are not shown, as the reader's language writes it.
fn min_share(lang: Lang) -> String {
    percent(MIN_PRODUCTION_SHARE_PCT, lang)
}

/// Why a country's years of supply are not shown, for its readout.
fn years_withheld(why: YearsOfSupply, lang: Lang, t: &Strings) -> Option<String> {
    match why {
        YearsOfSupply::SmallProducer => Some(fill(t.years_not_shown, &[("min", &min_share(lang))])),
        YearsOfSupply::FromChinaImports => Some(t.years_not_shown_imports.to_string()),
        YearsOfSupply::Years(_) | YearsOfSupply::NoOutput => None,
    }
}

pub fn figure(d: &Dataset, state: &State, lang: Lang, t: &Strings) -> Figure {
    let edition = edition(d, state);
    let measure = state.measure;
    let rows = ranked(d, edition);
    let world = world_reserves(d, edition);
    let edition_label = fill(t.mcs_named, &[("edition", &edition.to_string())]);

    let mut bars = Vec::new();
    let mut readouts = Vec::new();
    let mut table_rows = Vec::new();
    for r in &rows {
        let name = country_name(d, r.country, lang);
        let share_text = share_of_world(d, edition, r.country).map(|s| share_label(s, lang, t));
        let years = years_of_supply(d, edition, r.country);
        let withheld = years_of_supply_or_why(d, edition, r.country)
            .and_then(|why| years_withheld(why, lang, t));
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
            .map(|v| format!("{}{}", qualifier_prefix(r.qualifier, lang), tonnes(v, lang)))
            .unwrap_or_else(|| t.not_available.into());
        let exact_reo = if r.reserves_t.is_some() {
            format!("{exact}{}", t.reo_suffix)
        } else {
            exact.clone()
        };
        let mut readout = format!("{} · {edition_label}", t.head(&name, &exact_reo));
        if let Some(s) = &share_text {
            readout.push_str(&format!(" · {}", fill(t.of_world, &[("share", s)])));
        }
        if let Some(y) = years {
            readout.push_str(&format!(
                " · {}",
                fill(t.years_of_supply_value, &[("years", &years_text(y))])
            ));
        } else if let Some(why) = withheld.as_ref().filter(|_| measure == Measure::Years) {
            readout.push_str(&format!(" · {why}"));
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
                    t.head(
                        t.liangshan_name,
                        &format!("{}{}", tonnes(size, lang), t.reo_suffix)
                    ),
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
                        "{}{}",
                        format::tonnes_change(dt, lang),
                        t.paren(&format!(
                            "{}{}{}",
                            // Computed here: one decimal, no more precision than that suggests.
                            format::change((pct * 10.0).round() / 10.0, lang),
                            t.citation_comma,
                            fill(t.vs_edition, &[("edition", &p.to_string())])
                        ))
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
            format!("{}{}", qualifier_prefix(q, lang), tonnes(total, lang)),
            percent(100.0, lang),
            "–".into(),
            "–".into(),
            w.map(|w| cite(d, w.sources, lang)).unwrap_or_default(),
        ]);
    }

    let summary = summary(d, edition, measure, lang, t);
    let alt = alt_text(d, edition, measure, &rows, &summary, lang, t);

    let mut notes = vec![t.note_reserves_unit.to_string()];
    let jorc = reserve(d, edition, "Australia")
        .filter(|r| r.note.contains("JORC"))
        .and_then(|r| tonnage_in_note(r.note, " Mt"));
    if let Some(jorc) = jorc {
        let value = tonnes_short(jorc, lang);
        notes.push(fill(t.note_australia_jorc, &[("value", &value)]));
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
        if let Some(l) = liangshan(d) {
            let date = l.announced.get(..7).unwrap_or(l.announced);
            let by = match lang {
                Lang::En => l.announced_by,
                Lang::Zh => l.announced_by_zh,
            };
            notes.push(fill(
                t.note_liangshan_not_in_usgs,
                &[("by", by), ("date", &format::date(date, lang))],
            ));
        }
    }
    if measure == Measure::Years {
        // The footnote by which MCS 2025 set China's output equal to its quota is said in the
        // Quotas view, where the quotas are.
        notes.push(fill(t.note_years_of_supply, &[("min", &min_share(lang))]));
    }
    let india = reserve(d, edition, "India").filter(|r| r.reserves_t.is_none());
    if let Some(monazite) = india.and_then(|r| tonnage_in_note(r.note, crate::data::MONAZITE)) {
        let named = fill(t.mcs_named, &[("edition", &edition.to_string())]);
        notes.push(fill(
            t.note_india_na,
            &[("edition", &named), ("value", &tonnes(monazite, lang))],
        ));
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
        events: Vec::new(),
    }
}

/// The chart's text alternative: the summary, the bars in order, and each country without a bar
/// with the reason (no reserve figure; years of supply withheld, and why).
fn alt_text(
    d: &Dataset,
    edition: u16,
    measure: Measure,
    rows: &[&'static ReserveFigure],
    summary: &str,
    lang: Lang,
    t: &Strings,
) -> String {
    // "Other" in a list reads as a word of the sentence: it is named as the line it is.
    let name = |r: &ReserveFigure| {
        if r.country == "Other" {
            t.other_in_list.to_string()
        } else {
            country_name(d, r.country, lang)
        }
    };
    let listed: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let value = match measure {
                Measure::Tonnes => reserves_short(r, lang)?,
                Measure::Share => share_label(share_of_world(d, edition, r.country)?, lang, t),
                Measure::Years => fill(
                    t.years_value,
                    &[(
                        "years",
                        &years_text(years_of_supply(d, edition, r.country)?),
                    )],
                ),
            };
            Some(t.labelled(&country_name(d, r.country, lang), &value))
        })
        .collect();
    let mut alt = then(
        summary,
        &fill(t.reserves_alt, &[("list", &listed.join(t.list_separator))]),
    );
    // One pass: each country without a bar in the list of its reason.
    // One pass: each country without a bar under its reason, the reasons said as the readouts
    // say them ("Years of supply not shown (< 1 % of world output): Brazil, Russia…").
    let mut missing = Vec::new();
    let mut withheld: Vec<(String, Vec<String>)> = Vec::new();
    for r in rows {
        if r.reserves_t.is_none() {
            missing.push(name(r));
            continue;
        }
        let why = years_of_supply_or_why(d, edition, r.country);
        let reason = match why {
            Some(YearsOfSupply::NoOutput) => Some(t.years_alt_no_output.to_string()),
            Some(why) => years_withheld(why, lang, t),
            None => None,
        };
        let Some(reason) = reason.filter(|_| measure == Measure::Years) else {
            continue;
        };
        match withheld.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, names)) => names.push(name(r)),
            None => withheld.push((reason, vec![name(r)])),
        }
    }
    if !missing.is_empty() {
        let list = missing.join(t.list_separator);
        alt = then(&alt, &fill(t.reserves_alt_missing, &[("list", &list)]));
    }
    for (reason, names) in withheld {
        // The readouts' words, opening a sentence here.
        let mut chars = reason.chars();
        let reason: String = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect();
        let text = t.head(&reason, &names.join(t.list_separator));
        alt = then(&alt, &format!("{text}{}", t.full_stop));
    }
    if measure == Measure::Tonnes {
        if let Some(l) = liangshan(d).filter(|l| l.size.is_some()) {
            let year = l.announced.get(..4).unwrap_or_default();
            let text = fill(
                t.liangshan_alt,
                &[
                    ("value", &tonnes_short(l.size.unwrap_or_default(), lang)),
                    ("year", year),
                ],
            );
            alt = then(&alt, &text);
        }
    }
    alt
}

/// The sentence above the chart. Each measure says what its bars show of China; none makes a
/// headline of a ranking.
fn summary(d: &Dataset, edition: u16, measure: Measure, lang: Lang, t: &Strings) -> String {
    let edition_label = fill(t.mcs_named, &[("edition", &edition.to_string())]);
    let Some(china) = reserve(d, edition, CHINA).and_then(|r| r.reserves_t) else {
        return fill(t.reserves_summary_no_china, &[("edition", &edition_label)]);
    };
    let value = tonnes_short(china, lang);
    if measure == Measure::Years {
        if let (Some(years), Some((year, production))) = (
            years_of_supply(d, edition, CHINA),
            latest_production(d, edition, CHINA),
        ) {
            // An estimate is called one: "USGS's estimate of 270,000 t mined in 2025".
            let template = if production_is_estimate(d, edition, CHINA) {
                t.production_estimated
            } else {
                t.production_reported
            };
            let production = fill(
                template,
                &[
                    ("value", &tonnes_short(production, lang)),
                    ("year", &year.to_string()),
                ],
            );
            return fill(
                t.reserves_summary_years,
                &[
                    ("value", &value),
                    ("years", &years_text(years)),
                    ("production", &production),
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
            qualifier_prefix(r.qualifier, Lang::En).to_string(),
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

/// A share as the reader is shown it: an upper bound rounded up ("at most 1.1 %" for 1.047 %),
/// the share of an approximate total no more precise than it ("about 38 %"), a share too small
/// for one decimal "<0.1 %" (never "at most 0 %").
fn share_label(s: crate::data::derived::Share, lang: Lang, t: &Strings) -> String {
    if s.percent > 0.0 && s.percent < 0.1 {
        return format::percent_at_most(s.percent, lang);
    }
    if s.at_most {
        fill(
            t.at_most,
            &[("value", &format::percent_at_most(s.percent, lang))],
        )
    } else if s.approximate {
        fill(
            t.about,
            &[("value", &format::percent_about(s.percent, lang))],
        )
    } else {
        percent(s.percent, lang)
    }
}

/// The mark a qualified figure carries: ">" (a lower bound, 逾 in Chinese), "~" (rounded by a
/// secondary source, 约).
fn qualifier_prefix(q: Qualifier, lang: Lang) -> &'static str {
    match (q, lang) {
        (Qualifier::AsPrinted, _) => "",
        (Qualifier::AtLeast, Lang::En) => ">",
        (Qualifier::AtLeast, Lang::Zh) => "逾",
        (Qualifier::About, Lang::En) => "~",
        (Qualifier::About, Lang::Zh) => "约",
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
        // Each figure against the last edition before it that gave one: (raised, confirmed).
        // A revision against a figure whose edition a secondary source left unnamed is likely,
        // not confirmed, and marked so.
        let revised = |i: usize| {
            let r = history[i];
            history[..i]
                .iter()
                .rev()
                .find(|p| p.reserves_t.is_some())
                .filter(|p| is_revision(p, r))
                .map(|p| {
                    (
                        r.reserves_t > p.reserves_t,
                        !(p.edition_inferred || r.edition_inferred),
                    )
                })
        };
        if !(0..history.len()).any(|i| revised(i).is_some()) {
            continue;
        }
        let mut row = vec![country_name(d, country, lang)];
        for e in &all {
            let cell = match history.iter().position(|r| r.edition == *e) {
                Some(i) => match reserves_short(history[i], lang) {
                    Some(v) => match revised(i) {
                        Some((true, true)) => fill(t.revised_up, &[("value", &v)]),
                        Some((false, true)) => fill(t.revised_down, &[("value", &v)]),
                        Some((true, false)) => fill(t.revised_up_unconfirmed, &[("value", &v)]),
                        Some((false, false)) => fill(t.revised_down_unconfirmed, &[("value", &v)]),
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
    let unconfirmed = rows
        .iter()
        .flat_map(|(_, row)| row)
        .any(|cell| cell.ends_with("*)") || cell.ends_with("*）"));
    let caption = if unconfirmed {
        let caption = format!("{}{}", t.revisions_caption, t.full_stop);
        then(&caption, t.revisions_unconfirmed)
    } else {
        t.revisions_caption.to_string()
    };
    Table {
        caption,
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
    if shown != default_edition(d) || edition_is_complete(d, ARTICLE_EDITION) {
        return String::new();
    }
    let listed = d
        .reserves
        .iter()
        .filter(|r| r.edition == ARTICLE_EDITION && r.country != WORLD)
        .count();
    fill(
        t.default_edition_note,
        &[
            (
                "edition",
                &fill(t.mcs_named, &[("edition", &shown.to_string())]),
            ),
            ("article_edition", &ARTICLE_EDITION.to_string()),
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
        // MCS 2024's 10 Mt against a figure for MCS 2023 whose edition a secondary chart left
        // unnamed: likely a cut, not a confirmed one; MCS 2025's 3.8 Mt against MCS 2024's.
        assert!(
            russia.contains(&"10 Mt (cut*)".to_string())
                && russia.contains(&"3.8 Mt (cut)".to_string()),
            "{russia:?}"
        );
        // 800,000 t printed as "0.8M" by a secondary table, then 790,000 t: rounding, unmarked;
        // MCS 2025's 860,000 t is against that inferred-edition figure.
        let south_africa = row("South Africa").expect("South Africa was revised in MCS 2025");
        assert!(
            south_africa.contains(&"790,000 t".to_string()),
            "{south_africa:?}"
        );
        assert!(
            south_africa.contains(&"860,000 t (raised*)".to_string()),
            "{south_africa:?}"
        );
        // The United States' marks for MCS 2023 and 2024 rest on inferred editions.
        let us = row("United States").expect("the United States was revised");
        assert_eq!(
            us[4..7],
            ["2.3 Mt (raised*)", "1.8 Mt (cut*)", "1.9 Mt (raised*)"],
            "{us:?}"
        );
        assert!(
            table.caption.contains("* Against a figure"),
            "{}",
            table.caption
        );
        let australia = row("Australia").expect("Australia was revised in MCS 2026");
        assert!(
            australia.contains(&"6.3 Mt (raised)".to_string()),
            "{australia:?}"
        );
    }

    #[test]
    fn a_share_of_a_total_given_as_a_lower_bound_is_never_rounded_down() {
        let d = dataset();
        for edition in editions(d) {
            let f = figure(
                d,
                &state(&format!("?edition={edition}&measure=share")),
                Lang::En,
                &EN,
            );
            let Chart::Bars(bars) = &f.chart else {
                panic!("reserves draw bars")
            };
            for bar in &bars.rows {
                let Some(exact) = bar.value else { continue };
                let shown: String = bar
                    .value_label
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                let shown: f64 = shown.parse().expect("a share");
                assert!(shown > 0.0, "{}: {}", bar.label, bar.value_label);
                if bar.value_label.starts_with("at most") || bar.value_label.starts_with('<') {
                    assert!(
                        shown >= exact,
                        "{}: {} for {exact}",
                        bar.label,
                        bar.value_label
                    );
                }
            }
        }
        // Thailand's 4,500 t of more than 90 Mt (0.005 %) is "<0.1 %", not "at most 0 %".
        let f = figure(d, &state("?edition=2025&measure=share"), Lang::En, &EN);
        assert!(f
            .readouts
            .iter()
            .any(|r| r.starts_with("Thailand") && r.contains("<0.1 % of world")));
    }

    #[test]
    fn an_approximate_world_total_is_called_a_secondary_sources_and_shows_no_false_decimal() {
        let f = figure(dataset(), &state("?edition=2024"), Lang::En, &EN);
        assert!(f.summary.contains("about 115 Mt"), "{}", f.summary);
        assert!(f.alt.starts_with(&f.summary), "{}", f.alt);
        assert!(!f.summary.contains("115.4"), "{}", f.summary);
        assert!(f.summary.contains("secondary source"), "{}", f.summary);
        assert!(f.summary.contains("about 38 %"), "{}", f.summary);
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
        // Thailand's output is USGS's estimate from China's import data (cut by MCS 2026): no
        // ratio, and the readout and text alternative say why.
        let thailand = bars
            .rows
            .iter()
            .position(|r| r.label == "Thailand")
            .expect("Thailand");
        assert_eq!(bars.rows[thailand].value_label, "–");
        assert!(
            f.readouts[thailand].contains("output estimated from China's imports"),
            "{}",
            f.readouts[thailand]
        );
        assert!(
            f.alt
                .contains("Years of supply not shown (< 1 % of world output): Brazil"),
            "{}",
            f.alt
        );
        assert!(!f.alt.contains("No figure for Brazil"), "{}", f.alt);
        assert!(
            f.notes
                .iter()
                .any(|n| n.contains("less than 1 %") && n.contains("import data")),
            "{:?}",
            f.notes
        );
        assert!(!f.summary.contains("Australia"), "{}", f.summary);
        assert!(f.summary.contains("163 years"), "{}", f.summary);
        // The quota footnote of MCS 2025 is said in the Quotas view, not beside years of supply;
        // MCS 2026's figure for China is an estimate, and called one.
        assert!(
            f.notes.iter().all(|n| !n.contains("quota")),
            "{:?}",
            f.notes
        );
        let latest = figure(
            dataset(),
            &state("?edition=2026&measure=years"),
            Lang::En,
            &EN,
        );
        assert!(
            latest
                .summary
                .starts_with("At USGS's estimate of 270,000 t mined in 2025,"),
            "{}",
            latest.summary
        );
        assert!(
            latest.notes.iter().all(|n| !n.contains("quota")),
            "{:?}",
            latest.notes
        );
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
