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

/// The edition a reader sees first: the one the article relied on (MCS 2024, current in September
/// 2024) when it is complete, otherwise the newest complete edition.
pub fn default_edition(d: &Dataset) -> u16 {
    const ARTICLE_EDITION: u16 = 2024;
    if edition_is_complete(d, ARTICLE_EDITION) {
        return ARTICLE_EDITION;
    }
    let all = editions(d);
    let complete = all.iter().rev().find(|&&e| edition_is_complete(d, e));
    complete.or(all.last()).copied().unwrap_or(ARTICLE_EDITION)
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

/// How a country's reserves changed from one edition to a later one: (tonnes, per cent).
pub fn reserve_change(d: &Dataset, country: &str, from: u16, to: u16) -> Option<(f64, f64)> {
    let before = reserve(d, from, country)?.reserves_t?;
    let after = reserve(d, to, country)?.reserves_t?;
    Some((after - before, percent_change(before, after)?))
}

/// The newest production year an edition reports for a country, with its figure.
pub fn latest_production(d: &Dataset, edition: u16, country: &str) -> Option<(u16, f64)> {
    d.production
        .iter()
        .filter(|p| {
            p.source_kind == SourceKind::Mcs && p.edition == edition && p.country == country
        })
        .filter_map(|p| Some((p.year, p.production_t?)))
        .max_by_key(|&(year, _)| year)
}

/// Years the edition's reserves would last at the edition's latest mine production: a way of
/// reading size, not a forecast. `None` when either figure is missing or production is zero.
pub fn years_of_supply(d: &Dataset, edition: u16, country: &str) -> Option<f64> {
    let reserves = reserve(d, edition, country)?.reserves_t?;
    let (_, production) = latest_production(d, edition, country)?;
    (production > 0.0).then(|| reserves / production)
}

/// Change from `before` to `after` in per cent.
pub fn percent_change(before: f64, after: f64) -> Option<f64> {
    (before > 0.0).then(|| (after / before - 1.0) * 100.0)
}

/// A year's quota row.
pub fn quota(d: &Dataset, year: u16) -> Option<&'static Quota> {
    d.quotas.iter().find(|q| q.year == year)
}

/// Growth of the mining quota over the year before, when both years were published.
pub fn quota_growth(d: &Dataset, year: u16) -> Option<f64> {
    let now = quota(d, year)?.mining_t?;
    let before = quota(d, year.checked_sub(1)?)?.mining_t?;
    percent_change(before, now)
}

/// Growth of a batch over the same batch a year before.
pub fn batch_growth(d: &Dataset, year: u16, batch: u8) -> Option<f64> {
    let find = |y: u16| {
        d.quota_batches
            .iter()
            .find(|b| b.year == y && b.batch == batch)
    };
    percent_change(find(year.checked_sub(1)?)?.mining_t?, find(year)?.mining_t?)
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

/// Year-on-year change of the preferred full-year export volume.
pub fn export_volume_change(d: &Dataset, year: u16) -> Option<f64> {
    let now = preferred_export(d, year, 12)?.volume_t?;
    let before = preferred_export(d, year.checked_sub(1)?, 12)?.volume_t?;
    percent_change(before, now)
}

/// A monthly or year-to-date export report by its span (`"2024-01"`, `"2024-08"`).
pub fn export_period(d: &Dataset, from: &str, to: &str) -> Option<&'static ExportPeriod> {
    d.exports_monthly
        .iter()
        .find(|p| p.from == from && p.to == to)
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
