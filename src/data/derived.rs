//! Figures computed from the dataset: plain functions of the tables, tested against hand-computed
//! values. Nothing here rounds: rounding is the view's business.

use super::model::*;

/// The USGS editions with reserves on record, oldest first.
pub fn editions(d: &Dataset) -> Vec<u16> {
    let mut editions: Vec<u16> = d.reserves.iter().map(|r| r.edition).collect();
    crate::order::sort_unique(&mut editions);
    editions
}

/// An edition is complete when it lists the world total as USGS prints it (a lower bound) and every
/// country row came from the publication itself; the older editions are known only in part.
pub fn edition_is_complete(d: &Dataset, edition: u16) -> bool {
    let rows = || d.reserves.iter().filter(move |r| r.edition == edition);
    rows().any(|r| r.country == WORLD && r.qualifier == Qualifier::AtLeast)
        && rows().all(|r| r.quality == Quality::Primary)
}

/// The edition the article relied on: MCS 2024, current in September 2024.
pub const ARTICLE_EDITION: u16 = 2024;

/// The edition a reader sees first: the one the article relied on when it is complete, otherwise
/// the newest complete edition.
pub fn default_edition(d: &Dataset) -> u16 {
    if edition_is_complete(d, ARTICLE_EDITION) {
        return ARTICLE_EDITION;
    }
    let all = editions(d);
    let complete = all.iter().rev().find(|&&e| edition_is_complete(d, e));
    complete.or(all.last()).copied().unwrap_or(ARTICLE_EDITION)
}

/// The Liangshan announcement (2024): expected additional resources in China, in t REO, which the
/// Reserves view sets beside USGS's figures and Discoveries highlights.
pub fn liangshan(d: &Dataset) -> Option<&'static Discovery> {
    d.discoveries
        .iter()
        .find(|f| f.is_china_resource_addition())
}

/// One country's reserves in one edition, when the dataset has that row.
pub fn reserve(d: &Dataset, edition: u16, country: &str) -> Option<&'static ReserveFigure> {
    d.reserves
        .iter()
        .find(|r| r.edition == edition && r.country == country)
}

/// The world total an edition states, with how it is qualified.
pub fn world_reserves(d: &Dataset, edition: u16) -> Option<(f64, Qualifier)> {
    let world = reserve(d, edition, WORLD)?;
    Some((world.reserves_t?, world.qualifier))
}

/// A country's share of the world's reserves in per cent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub percent: f64,
    /// When the world total is a lower bound (">90 Mt") the share can only be smaller than this.
    pub at_most: bool,
    /// When the world total is approximate, so is the share.
    pub approximate: bool,
}

/// `country`'s share of the edition's stated world total.
pub fn share_of_world(d: &Dataset, edition: u16, country: &str) -> Option<Share> {
    let (world, qualifier) = world_reserves(d, edition)?;
    let value = reserve(d, edition, country)?.reserves_t?;
    (world > 0.0).then(|| Share {
        percent: value / world * 100.0,
        at_most: qualifier == Qualifier::AtLeast,
        approximate: qualifier == Qualifier::About,
    })
}

/// A country's reserves in every edition that lists it, oldest first (`None` where USGS printed NA).
pub fn reserve_history(d: &Dataset, country: &str) -> Vec<(u16, Option<f64>)> {
    let mut history: Vec<(u16, Option<f64>)> = d
        .reserves
        .iter()
        .filter(|r| r.country == country)
        .map(|r| (r.edition, r.reserves_t))
        .collect();
    crate::order::sort_by(&mut history, |a, b| a.0 < b.0);
    history
}

/// How a country's reserves changed from one edition to a later one: (tonnes, per cent), only when
/// USGS printed a different figure. A difference that a secondary source's rounding explains
/// ("~4 Mt" against 4.2 Mt) is not a revision: neither edition's exact figure is known.
pub fn reserve_change(d: &Dataset, country: &str, from: u16, to: u16) -> Option<(f64, f64)> {
    let before = reserve(d, from, country)?;
    let after = reserve(d, to, country)?;
    if !is_revision(before, after) {
        return None;
    }
    let (b, a) = (before.reserves_t?, after.reserves_t?);
    Some((a - b, percent_change(b, a)?))
}

/// Whether two editions' figures for a country differ by more than an approximate figure's
/// rounding could explain.
pub fn is_revision(before: &ReserveFigure, after: &ReserveFigure) -> bool {
    let (Some(b), Some(a)) = (before.reserves_t, after.reserves_t) else {
        return false;
    };
    let slack = |r: &ReserveFigure, v: f64| {
        if r.qualifier == Qualifier::About {
            rounding_unit(v) / 2.0
        } else {
            0.0
        }
    };
    (a - b).abs() > slack(before, b) + slack(after, a)
}

/// The newest production year an edition reports for a country, with its figure.
pub fn latest_production(d: &Dataset, edition: u16, country: &str) -> Option<(u16, f64)> {
    let p = latest_production_row(d, edition, country)?;
    Some((p.year, p.production_t?))
}

/// The share of the world's mine production below which years of supply are not shown: reserves
/// divided by a trickle of output (Brazil, 20 t in 2024) give a million "years" that mean nothing.
pub const MIN_PRODUCTION_SHARE_PCT: f64 = 1.0;

/// A country's share of the world's mine production in the edition's latest year, in per cent.
pub fn production_share(d: &Dataset, edition: u16, country: &str) -> Option<f64> {
    let (year, production) = latest_production(d, edition, country)?;
    let world = d
        .production
        .iter()
        .find(|p| {
            p.source_kind == SourceKind::Mcs
                && p.edition == edition
                && p.year == year
                && p.country == WORLD
        })?
        .production_t?;
    (world > 0.0).then(|| production / world * 100.0)
}

/// The edition's row of a country's latest mine production with a figure.
fn latest_production_row(d: &Dataset, edition: u16, country: &str) -> Option<&'static Production> {
    d.production
        .iter()
        .filter(|p| {
            p.source_kind == SourceKind::Mcs
                && p.edition == edition
                && p.country == country
                && p.production_t.is_some()
        })
        .max_by_key(|p| p.year)
}

/// Years of supply for a country with reserves, or why the ratio is not shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YearsOfSupply {
    Years(f64),
    /// The edition gives no mine production for the country.
    NoOutput,
    /// The country mined less than `MIN_PRODUCTION_SHARE_PCT` of the world's output (or nothing).
    SmallProducer,
    /// USGS estimated the country's output from China's reported imports: a figure for what China
    /// bought, not what the country mined, and one USGS has revised sharply (Thailand's 2024
    /// output, 13,000 t in MCS 2025, was 2,100 t in MCS 2026). A ratio to it would be a guess.
    FromChinaImports,
}

/// Years the edition's reserves would last at the edition's latest mine production (a way of
/// reading size, not a forecast), or why they are not shown. `None` when the country has no
/// reserves figure.
pub fn years_of_supply_or_why(d: &Dataset, edition: u16, country: &str) -> Option<YearsOfSupply> {
    let reserves = reserve(d, edition, country)?.reserves_t?;
    let Some(row) = latest_production_row(d, edition, country) else {
        return Some(YearsOfSupply::NoOutput);
    };
    let production = row.production_t.unwrap_or(0.0);
    let share = production_share(d, edition, country).unwrap_or(0.0);
    Some(if share < MIN_PRODUCTION_SHARE_PCT || production <= 0.0 {
        YearsOfSupply::SmallProducer
    } else if row.has_footnote(FOOTNOTE_CHINA_IMPORTS) {
        YearsOfSupply::FromChinaImports
    } else {
        YearsOfSupply::Years(reserves / production)
    })
}

/// Years of supply where they are shown (see `years_of_supply_or_why`).
pub fn years_of_supply(d: &Dataset, edition: u16, country: &str) -> Option<f64> {
    match years_of_supply_or_why(d, edition, country)? {
        YearsOfSupply::Years(years) => Some(years),
        _ => None,
    }
}

/// Whether the edition's latest figure for the country's mine production is USGS's estimate.
pub fn production_is_estimate(d: &Dataset, edition: u16, country: &str) -> bool {
    latest_production_row(d, edition, country).is_some_and(|p| p.estimated)
}

/// The years whose figure for China's mine production the edition footnoted as equal to its mining
/// quota (MCS 2025: 2023 and 2024), oldest first; none for an edition without that footnote.
pub fn output_set_to_quota(d: &Dataset, edition: u16) -> Vec<u16> {
    let mut years: Vec<u16> = d
        .production
        .iter()
        .filter(|p| p.source_kind == SourceKind::Mcs && p.edition == edition)
        .filter(|p| p.country == "China" && p.has_footnote(FOOTNOTE_EQUALS_QUOTA))
        .map(|p| p.year)
        .collect();
    crate::order::sort_unique(&mut years);
    years
}

/// The tonnage a note gives just before `marker` ("3.3 Mt", "256,000 t of monazite"), in tonnes:
/// for the USGS footnotes the page repeats in its own words. Read digit by digit: the standard
/// library's float parser would add kilobytes to the first view's wasm for two footnotes.
pub fn tonnage_in_note(note: &str, marker: &str) -> Option<f64> {
    let at = note.find(marker)?;
    let (mut value, mut place, mut digits) = (0.0, 1.0, 0);
    for &b in note.as_bytes()[..at].iter().rev() {
        match b {
            b'0'..=b'9' => {
                value += f64::from(b - b'0') * place;
                place *= 10.0;
                digits += 1;
            }
            b'.' => {
                value /= place;
                place = 1.0;
            }
            b',' => {}
            _ => break,
        }
    }
    let unit = if marker.starts_with(" Mt") { 1e6 } else { 1.0 };
    (digits > 0).then_some(value * unit)
}

/// Change from `before` to `after` in per cent.
pub fn percent_change(before: f64, after: f64) -> Option<f64> {
    (before > 0.0).then(|| (after / before - 1.0) * 100.0)
}

/// A change in per cent as a reader is shown it: the one a source states, or, only where no source
/// gives one, computed here from two published figures (then rounded to one decimal, and said so).
///
/// One kind of change is shown at one precision: changes computed here have one decimal, and a
/// source's change rounded to whole per cent ("+10 %") whose two figures are published and give a
/// different first decimal (127,000 t on 115,000 t: +10.4 %) is shown to one decimal from those
/// figures, marked computed, with the source's rounded figure beside it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub percent: f64,
    pub computed: bool,
    /// The source's own, rounded figure, where the one shown is worked out to one decimal.
    pub source_rounded: Option<f64>,
}

impl Change {
    /// A change as a source states it.
    pub fn stated(percent: f64) -> Change {
        Change {
            percent,
            computed: false,
            source_rounded: None,
        }
    }

    /// The stated change, else the one computed from `before` and `after`.
    pub fn stated_or_computed(
        stated: Option<f64>,
        before: Option<f64>,
        after: Option<f64>,
    ) -> Option<Change> {
        let computed = before
            .zip(after)
            .and_then(|(b, a)| percent_change(b, a))
            .map(|p| (p * 10.0).round() / 10.0);
        match (stated, computed) {
            // The source's whole per cent is the rounding of the figures' change: one decimal.
            (Some(s), Some(c)) if s.fract() == 0.0 && c != s && (c - s).abs() <= 0.5 => {
                Some(Change {
                    percent: c,
                    computed: true,
                    source_rounded: Some(s),
                })
            }
            (Some(s), _) => Some(Change::stated(s)),
            (None, Some(c)) => Some(Change {
                percent: c,
                computed: true,
                source_rounded: None,
            }),
            (None, None) => None,
        }
    }
}

/// A year's quota row.
pub fn quota(d: &Dataset, year: u16) -> Option<&'static Quota> {
    d.quotas.iter().find(|q| q.year == year)
}

/// The series of a year's quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaSeries {
    Mining,
    Smelting,
    /// Rock-type (light) mining.
    Light,
    /// Ionic-clay (mainly medium-heavy) mining.
    Ionic,
}

impl QuotaSeries {
    fn of(self, q: &Quota) -> Option<f64> {
        match self {
            QuotaSeries::Mining => q.mining_t,
            QuotaSeries::Smelting => q.smelting_t,
            QuotaSeries::Light => q.light_t,
            QuotaSeries::Ionic => q.ionic_t,
        }
    }

    fn stated(self, q: &Quota) -> Option<f64> {
        match self {
            QuotaSeries::Mining => q.mining_change_pct,
            QuotaSeries::Smelting => q.smelting_change_pct,
            QuotaSeries::Light | QuotaSeries::Ionic => None,
        }
    }
}

/// The publications a series of a year's quota was read from, the one to credit first: the
/// smelting figure has its own where a row says so.
pub fn quota_sources(q: &Quota, series: QuotaSeries) -> &'static str {
    match series {
        QuotaSeries::Smelting if !q.smelting_sources.is_empty() => q.smelting_sources,
        _ => q.sources,
    }
}

/// How one series of the quota changed on the year before: as stated, else computed from two
/// published years. Each series has its own change: smelting's is never mining's.
pub fn quota_change(d: &Dataset, year: u16, series: QuotaSeries) -> Option<Change> {
    let now = quota(d, year)?;
    let before = year.checked_sub(1).and_then(|y| quota(d, y));
    Change::stated_or_computed(
        series.stated(now),
        before.and_then(|b| series.of(b)),
        series.of(now),
    )
}

/// How a batch changed on the same batch a year earlier (mining, or smelting with `smelting`).
pub fn batch_change(d: &Dataset, year: u16, batch: u8, smelting: bool) -> Option<Change> {
    let find = |y: u16| {
        d.quota_batches
            .iter()
            .find(|b| b.year == y && b.batch == batch)
    };
    let now = find(year)?;
    let before = year.checked_sub(1).and_then(find);
    let figure = |b: &QuotaBatch| if smelting { b.smelting_t } else { b.mining_t };
    let stated = if smelting {
        now.smelting_change_pct
    } else {
        now.mining_change_pct
    };
    Change::stated_or_computed(stated, before.and_then(figure), figure(now))
}

/// The report the charts draw for a year (full year when `months` is 12).
pub fn preferred_export(d: &Dataset, year: u16, months: u8) -> Option<&'static ExportYear> {
    d.exports_annual
        .iter()
        .find(|e| e.year == year && e.months == months && e.preferred)
}

/// Average export value in US$ per tonne, where volume and a US$ value are both reported.
pub fn export_unit_value(e: &ExportYear) -> Option<f64> {
    match (e.volume_t, e.value, e.value_unit) {
        (Some(volume), Some(value), Some(ValueUnit::UsdM)) if volume > 0.0 => {
            Some(value * 1e6 / volume)
        }
        _ => None,
    }
}

/// The average export price a report gives for the year, else the one computed from its volume and
/// US$ value (`true` when computed here).
pub fn export_average_price(e: &ExportYear) -> Option<(f64, bool)> {
    match e.avg_price_usd_t {
        Some(reported) => Some((reported, false)),
        None => export_unit_value(e).map(|computed| (computed, true)),
    }
}

/// Year-on-year change of the preferred full-year export volume: as the report states it, else
/// computed from the two years' preferred volumes.
pub fn export_volume_change(d: &Dataset, year: u16) -> Option<Change> {
    let now = preferred_export(d, year, 12)?;
    let before = year
        .checked_sub(1)
        .and_then(|y| preferred_export(d, y, 12))
        .and_then(|e| e.volume_t);
    Change::stated_or_computed(now.volume_yoy_pct, before, now.volume_t)
}

/// A monthly or year-to-date export report by its span (`"2024-01"`, `"2024-08"`).
pub fn export_period(d: &Dataset, from: &str, to: &str) -> Option<&'static ExportPeriod> {
    d.exports_monthly
        .iter()
        .find(|p| p.from == from && p.to == to)
}

/// A magnet-export report of one series by destination and span (`"2025-01"`, `"2025-12"`).
pub fn magnet_period(
    d: &Dataset,
    series: MagnetSeries,
    destination: &str,
    from: &str,
    to: &str,
) -> Option<&'static MagnetExport> {
    d.magnets.iter().find(|m| {
        m.series == series && m.destination == destination && m.from == from && m.to == to
    })
}

/// One series' single months to a destination, oldest first: a month without a row is a gap.
pub fn magnet_months(
    d: &Dataset,
    series: MagnetSeries,
    destination: &str,
) -> Vec<&'static MagnetExport> {
    let mut months: Vec<&'static MagnetExport> = d
        .magnets
        .iter()
        .filter(|m| m.series == series && m.destination == destination && m.from == m.to)
        .collect();
    crate::order::sort_by(&mut months, |a, b| a.from < b.from);
    months
}

/// The changes of published figures this data version made: the corrections with the latest
/// `changed` date, in the table's order.
pub fn latest_corrections(d: &Dataset) -> Vec<&'static Correction> {
    let latest = d.corrections.iter().map(|c| c.changed).max();
    d.corrections
        .iter()
        .filter(|c| Some(c.changed) == latest)
        .collect()
}

/// The corrections of one row of a table (`"reserves"`, `"edition=2026;country=Brazil"`), oldest
/// first: what to mark beside a figure a reader may have seen before.
pub fn corrections_of(d: &Dataset, table: &str, key: &str) -> Vec<&'static Correction> {
    let mut found: Vec<&'static Correction> = d
        .corrections
        .iter()
        .filter(|c| c.table == table && c.key == key)
        .collect();
    crate::order::sort_by(&mut found, |a, b| a.changed < b.changed);
    found
}

/// The events `topic`'s charts mark, oldest first.
pub fn events_for(d: &Dataset, topic: Topic) -> Vec<&'static Event> {
    let mut events: Vec<&'static Event> = d.events.iter().filter(|e| e.is_for(topic)).collect();
    crate::order::sort_by(&mut events, |a, b| a.date < b.date);
    events
}

/// A `YYYY[-MM[-DD]]` date as a fractional year, placed at the middle of the period it names
/// (a date known only to the year sits at mid-year), for drawing on a time axis.
pub fn date_position(date: &str) -> Option<f64> {
    let mut parts = date.split('-');
    let year: f64 = parts.next()?.parse::<u16>().ok()?.into();
    match (parts.next(), parts.next()) {
        (None, _) => Some(year + 0.5),
        (Some(m), None) => {
            let m: f64 = m
                .parse::<u8>()
                .ok()
                .filter(|m| (1..=12).contains(m))?
                .into();
            Some(year + (m - 0.5) / 12.0)
        }
        (Some(m), Some(day)) => {
            let m: f64 = m
                .parse::<u8>()
                .ok()
                .filter(|m| (1..=12).contains(m))?
                .into();
            let day: f64 = day
                .parse::<u8>()
                .ok()
                .filter(|d| (1..=31).contains(d))?
                .into();
            Some(year + (m - 1.0) / 12.0 + (day - 0.5) / 365.0)
        }
    }
}
