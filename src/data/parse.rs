//! Reading `data/*.csv` into the model, and the rules every dataset must keep.
//!
//! Used by `build.rs` (so a malformed file fails the build) and by native tests. Never compiled into
//! the wasm: the app embeds the already-parsed tables that `build.rs` generates.

use super::model::*;
use serde::Deserialize;
use std::collections::HashSet;

/// Reads one table. Rows are leaked to `'static`, which is what lets the model borrow its strings:
/// this runs once in a build script or a test process.
pub fn parse_table<T: Deserialize<'static>>(file: &str, text: &str) -> Result<Vec<T>, String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers: &'static csv::StringRecord = Box::leak(Box::new(
        reader
            .headers()
            .map_err(|e| format!("{file}: header row: {e}"))?
            .clone(),
    ));
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        // Row 1 is the first row after the header, on line 2 of the file.
        let row = index + 1;
        let record = record.map_err(|e| format!("{file}: row {row}: {e}"))?;
        let record: &'static csv::StringRecord = Box::leak(Box::new(record));
        let parsed = record.deserialize(Some(headers)).map_err(|e| {
            let detail = match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => {
                    // serde's own errors (an unknown enum value) carry no field index: find the
                    // cell whose value the message quotes.
                    let quoted = err.to_string();
                    let index = err.field().map(|i| i as usize).or_else(|| {
                        record.iter().position(|cell| {
                            !cell.is_empty() && quoted.contains(&format!("`{cell}`"))
                        })
                    });
                    let field = index
                        .and_then(|i| headers.get(i))
                        .map(|name| format!(", field `{name}`"))
                        .unwrap_or_default();
                    format!("{field}: {}", err.kind())
                }
                other => format!(": {other:?}"),
            };
            format!("{file}: row {row} (line {}){detail}", row + 1)
        })?;
        rows.push(parsed);
    }
    Ok(rows)
}

/// The texts of every table, by file name.
pub struct Files<'a> {
    pub sources: &'a str,
    pub reserves: &'a str,
    pub production: &'a str,
    pub discoveries: &'a str,
    pub quotas: &'a str,
    pub quota_batches: &'a str,
    pub exports_annual: &'a str,
    pub exports_monthly: &'a str,
    pub prices: &'a str,
    pub claims: &'a str,
    pub countries: &'a str,
    pub publishers: &'a str,
}

/// Parses every table and checks the dataset; every problem found is reported, not just the first.
pub fn parse_dataset(files: &Files) -> Result<Dataset, String> {
    fn leak<T>(v: Vec<T>) -> &'static [T] {
        Box::leak(v.into_boxed_slice())
    }
    let dataset = Dataset {
        sources: leak(parse_table("sources.csv", files.sources)?),
        reserves: leak(parse_table("reserves.csv", files.reserves)?),
        production: leak(parse_table("production.csv", files.production)?),
        discoveries: leak(parse_table("discoveries.csv", files.discoveries)?),
        quotas: leak(parse_table("quotas.csv", files.quotas)?),
        quota_batches: leak(parse_table("quota_batches.csv", files.quota_batches)?),
        exports_annual: leak(parse_table("exports_annual.csv", files.exports_annual)?),
        exports_monthly: leak(parse_table("exports_monthly.csv", files.exports_monthly)?),
        prices: leak(parse_table("prices.csv", files.prices)?),
        claims: leak(parse_table("claims.csv", files.claims)?),
        countries: leak(parse_table("countries.csv", files.countries)?),
        publishers: leak(parse_table("publishers.csv", files.publishers)?),
    };
    let problems = validate(&dataset);
    if problems.is_empty() {
        Ok(dataset)
    } else {
        Err(problems.join("\n"))
    }
}

/// Hosts a reader must never be sent to: spam-headed or adult sites, scrapers and spun rewrites
/// where the sources audit (2026-12) found copies of cited publications. They may appear in
/// `read_via`, the record of what was read, never in `url`, which the page links.
pub const UNLINKABLE: [&str; 35] = [
    "markforbuffalo.com",
    "qihaozhan.com",
    "alvesdebarros.com",
    "jxjad.com",
    "docslib.org",
    "scribd.com",
    "fyun.cc",
    "w3wiki.net",
    "qqstock.cn",
    "ifuun.com",
    "cctdcoal.com",
    "casaroura.com",
    "zhoukan.cc",
    "yllds.cn",
    "sh-re.com",
    "victorzhang.cn",
    "lcyu.com",
    "baogaosu.com",
    "newsfromrss.com",
    "squidbusiness.fr",
    "alaturkanews.com",
    "nrinvesting.com",
    "republicofmining.com",
    "fortunateinvestments.com",
    "myfxinc.com",
    "thecapitalbuilder.com",
    "laosmining.com",
    "miningeurope.news",
    "smagnetic.com",
    "livarava.com",
    "oedigital.com",
    "starfeu.com",
    "calendar-australia.com",
    "isikotours.co.za",
    "d1softballnews.com",
];

/// Hosts a source may be linked on over plain `http:`, each because no `https:` address of it is
/// known (checked 2026-12; an address a reader is sent to over http can be rewritten on the way).
/// Every other `url` must be `https:`; `read_via`, never linked, may be either.
pub const PLAIN_HTTP: [(&str, &str); 1] = [(
    "au.ibtimes.com",
    "the old address of IBTimes Australia, which moved to ibtimes.com.au; no https: address of this host is known",
)];

fn is_web_address(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://")) && !host_of(s).is_empty()
}

/// The host of an address, lower-cased: `https://Www.Example.org:8/x` -> `www.example.org`.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or("", |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    host.split(':').next().unwrap_or("").to_ascii_lowercase()
}

/// Years any figure may be about: the quota series starts in 2010, the newest edition is 2026.
pub const FIRST_YEAR: u16 = 2010;
pub const LAST_YEAR: u16 = 2026;

/// Every rule a dataset must keep, as a list of problems (empty when it keeps them all).
pub fn validate(d: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    let mut problem = |file: &str, row: usize, what: String| {
        problems.push(format!("{file}: row {}: {what}", row + 1));
    };

    // Sources: well-formed unique ids, and every one cited somewhere.
    let mut ids = HashSet::new();
    for (i, s) in d.sources.iter().enumerate() {
        let well_formed = !s.id.is_empty()
            && s.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !well_formed {
            problem(
                "sources.csv",
                i,
                format!("id `{}` is not a lowercase slug", s.id),
            );
        }
        if !ids.insert(s.id) {
            problem("sources.csv", i, format!("duplicate id `{}`", s.id));
        }
        if s.title.is_empty() || s.publisher.is_empty() {
            problem("sources.csv", i, "title and publisher are required".into());
        }
        for (column, address) in [("url", s.url), ("read_via", s.read_via)] {
            if !address.is_empty() && !is_web_address(address) {
                problem(
                    "sources.csv",
                    i,
                    format!("{column} `{address}` is not a web address"),
                );
            }
        }
        if s.url.is_empty() && s.read_via.is_empty() {
            problem(
                "sources.csv",
                i,
                "a source without a link still names the copy it was read from (read_via)".into(),
            );
        }
        let plain_http_allowed = PLAIN_HTTP.iter().any(|(h, _)| host_of(s.url) == *h);
        if s.url.starts_with("http://") && !plain_http_allowed {
            problem(
                "sources.csv",
                i,
                format!("url `{}` is plain http: link its https address (or, if the site has none, add its host to PLAIN_HTTP in src/data/parse.rs with why)", s.url),
            );
        }
        if let Some(host) = UNLINKABLE.iter().find(|h| host_of(s.url).ends_with(*h)) {
            problem(
                "sources.csv",
                i,
                format!("url links {host}, a spam, scraped or rewritten copy: cite the original or leave url empty"),
            );
        }
        if !valid_date(s.date) {
            problem(
                "sources.csv",
                i,
                format!("date `{}` is not YYYY[-MM[-DD]]", s.date),
            );
        }
    }
    let mut cited = HashSet::new();
    let mut cite = |file: &str, row: usize, cell: &'static str, problems: &mut Vec<String>| {
        let mut any = false;
        for id in source_ids(cell) {
            any = true;
            cited.insert(id);
            if !ids.contains(id) {
                problems.push(format!("{file}: row {}: unknown source id `{id}`", row + 1));
            }
        }
        if !any {
            problems.push(format!("{file}: row {}: no source", row + 1));
        }
    };
    let mut cite_problems = Vec::new();
    let p = &mut cite_problems;
    d.reserves
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("reserves.csv", i, r.sources, p));
    d.production
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("production.csv", i, r.sources, p));
    d.discoveries
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("discoveries.csv", i, r.sources, p));
    d.quotas
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("quotas.csv", i, r.sources, p));
    d.quota_batches
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("quota_batches.csv", i, r.sources, p));
    d.exports_annual
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("exports_annual.csv", i, r.sources, p));
    d.exports_monthly
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("exports_monthly.csv", i, r.sources, p));
    d.prices
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("prices.csv", i, r.sources, p));
    d.claims
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("claims.csv", i, r.sources, p));
    problems.append(&mut cite_problems);
    for (i, s) in d.sources.iter().enumerate() {
        if !cited.contains(s.id) {
            problems.push(format!(
                "sources.csv: row {}: `{}` is cited by no figure",
                i + 1,
                s.id
            ));
        }
    }

    let mut problem = |file: &str, row: usize, what: String| {
        problems.push(format!("{file}: row {}: {what}", row + 1));
    };
    let in_range = |year: u16| (FIRST_YEAR..=LAST_YEAR).contains(&year);
    let names: HashSet<&str> = d.countries.iter().map(|c| c.name).collect();
    let negative = |v: Option<f64>| v.is_some_and(|v| !(v >= 0.0 && v.is_finite()));

    // Reserves: one row per edition and country; a stated world total is never exceeded.
    let mut keys = HashSet::new();
    for (i, r) in d.reserves.iter().enumerate() {
        if !(2020..=LAST_YEAR).contains(&r.edition) {
            problem(
                "reserves.csv",
                i,
                format!("edition {} out of range", r.edition),
            );
        }
        if !keys.insert((r.edition, r.country)) {
            problem(
                "reserves.csv",
                i,
                format!("duplicate MCS {} {}", r.edition, r.country),
            );
        }
        if !names.contains(r.country) {
            problem(
                "reserves.csv",
                i,
                format!("country `{}` not in countries.csv", r.country),
            );
        }
        if negative(r.reserves_t) {
            problem(
                "reserves.csv",
                i,
                "reserves must be a non-negative number".into(),
            );
        }
    }
    for edition in editions(d) {
        let listed: f64 = d
            .reserves
            .iter()
            .filter(|r| r.edition == edition && r.country != WORLD)
            .filter_map(|r| r.reserves_t)
            .sum();
        let world = d
            .reserves
            .iter()
            .position(|r| r.edition == edition && r.country == WORLD);
        if let Some(i) = world {
            let w = d.reserves[i];
            // A lower bound can't be exceeded; a rounded total only by its rounding.
            if let (Some(total), false) = (w.reserves_t, w.qualifier == Qualifier::AtLeast) {
                if listed > rounding_ceiling(total) {
                    problem(
                        "reserves.csv",
                        i,
                        format!("MCS {edition}: countries add up to {listed} t, more than the world's {total} t"),
                    );
                }
            }
        }
    }

    // Production: one row per edition, year and country.
    let mut keys = HashSet::new();
    for (i, r) in d.production.iter().enumerate() {
        if !(2015..=LAST_YEAR).contains(&r.edition) || !in_range(r.year) || r.year > r.edition {
            problem(
                "production.csv",
                i,
                format!("edition {} / year {} out of range", r.edition, r.year),
            );
        }
        if !keys.insert((r.source_kind as u8, r.edition, r.year, r.country)) {
            problem(
                "production.csv",
                i,
                format!("duplicate {} {} {}", r.edition, r.year, r.country),
            );
        }
        if !names.contains(r.country) {
            problem(
                "production.csv",
                i,
                format!("country `{}` not in countries.csv", r.country),
            );
        }
        if negative(r.production_t) {
            problem(
                "production.csv",
                i,
                "production must be a non-negative number".into(),
            );
        }
    }

    // Discoveries: unique ids; a size needs a unit; ore never passes for oxide.
    let mut keys = HashSet::new();
    for (i, r) in d.discoveries.iter().enumerate() {
        if !keys.insert(r.id) {
            problem("discoveries.csv", i, format!("duplicate id `{}`", r.id));
        }
        if r.announced_by_zh.is_empty() || r.name_zh.is_empty() {
            problem(
                "discoveries.csv",
                i,
                "name_zh and announced_by_zh are required".into(),
            );
        }
        if !r.announced.is_empty() && !valid_date(r.announced) {
            problem(
                "discoveries.csv",
                i,
                format!("announced `{}` is not YYYY[-MM[-DD]]", r.announced),
            );
        }
        if year_of(r.announced).is_some_and(|y| !in_range(y)) {
            problem(
                "discoveries.csv",
                i,
                format!("announced `{}` out of range", r.announced),
            );
        }
        if !names.contains(r.country) {
            problem(
                "discoveries.csv",
                i,
                format!("country `{}` not in countries.csv", r.country),
            );
        }
        if negative(r.size) {
            problem(
                "discoveries.csv",
                i,
                "size must be a non-negative number".into(),
            );
        }
        // An ore tonnage in the billions labelled as oxide would dwarf every real REO figure.
        if r.unit == Unit::Oxide && r.size.is_some_and(|s| s > 100_000_000.0) {
            problem(
                "discoveries.csv",
                i,
                "a size over 100 Mt cannot be tonnes of oxide: ore?".into(),
            );
        }
    }

    // Quotas: one row per year; gaps are marked, never filled.
    let mut keys = HashSet::new();
    for (i, q) in d.quotas.iter().enumerate() {
        if !in_range(q.year) {
            problem("quotas.csv", i, format!("year {} out of range", q.year));
        }
        if !keys.insert(q.year) {
            problem("quotas.csv", i, format!("duplicate year {}", q.year));
        }
        let figures = [q.mining_t, q.smelting_t, q.light_t, q.ionic_t];
        match q.status {
            QuotaStatus::Published if q.mining_t.is_none() => problem(
                "quotas.csv",
                i,
                "a published year needs its mining quota".into(),
            ),
            QuotaStatus::NotFound | QuotaStatus::NotPublished
                if figures.iter().any(Option::is_some) =>
            {
                problem(
                    "quotas.csv",
                    i,
                    "a year without a published quota has no figures".into(),
                )
            }
            _ => {}
        }
        if figures.iter().any(|v| negative(*v)) {
            problem(
                "quotas.csv",
                i,
                "quotas must be non-negative numbers".into(),
            );
        }
        if let (Some(m), Some(l), Some(n)) = (q.mining_t, q.light_t, q.ionic_t) {
            if (l + n - m).abs() > 0.5 {
                problem(
                    "quotas.csv",
                    i,
                    format!("light {l} + ionic {n} is not the mining quota {m}"),
                );
            }
        }
    }
    let mut keys = HashSet::new();
    for (i, b) in d.quota_batches.iter().enumerate() {
        if !in_range(b.year) || !(1..=4).contains(&b.batch) {
            problem(
                "quota_batches.csv",
                i,
                format!("year {} batch {} out of range", b.year, b.batch),
            );
        }
        if !keys.insert((b.year, b.batch)) {
            problem(
                "quota_batches.csv",
                i,
                format!("duplicate {} batch {}", b.year, b.batch),
            );
        }
        if !valid_date(b.announced) {
            problem(
                "quota_batches.csv",
                i,
                format!("announced `{}` is not YYYY[-MM[-DD]]", b.announced),
            );
        }
        if [b.mining_t, b.smelting_t, b.light_t, b.ionic_t]
            .iter()
            .any(|v| negative(*v))
        {
            problem(
                "quota_batches.csv",
                i,
                "quotas must be non-negative numbers".into(),
            );
        }
    }

    // Exports: exactly one preferred report per year and span.
    let mut preferred = HashSet::new();
    let mut spans = HashSet::new();
    for (i, e) in d.exports_annual.iter().enumerate() {
        if !in_range(e.year) || !(1..=12).contains(&e.months) {
            problem(
                "exports_annual.csv",
                i,
                format!("year {} months {} out of range", e.year, e.months),
            );
        }
        spans.insert((e.year, e.months));
        if e.preferred && !preferred.insert((e.year, e.months)) {
            problem(
                "exports_annual.csv",
                i,
                format!("two preferred reports for {} ({} months)", e.year, e.months),
            );
        }
        if e.value.is_some() != e.value_unit.is_some() {
            problem(
                "exports_annual.csv",
                i,
                "a value needs its unit and a unit its value".into(),
            );
        }
        if negative(e.volume_t) || negative(e.value) {
            problem(
                "exports_annual.csv",
                i,
                "volumes and values must be non-negative".into(),
            );
        }
    }
    for (year, months) in spans {
        if !preferred.contains(&(year, months)) {
            problems.push(format!(
                "exports_annual.csv: {year} ({months} months) has no preferred report"
            ));
        }
    }
    let mut problem = |file: &str, row: usize, what: String| {
        problems.push(format!("{file}: row {}: {what}", row + 1));
    };
    let mut keys = HashSet::new();
    for (i, e) in d.exports_monthly.iter().enumerate() {
        let (from, to) = (month_index(e.from), month_index(e.to));
        match (from, to) {
            (Some(f), Some(t)) if f <= t && in_range((f / 12) as u16) => {}
            _ => problem(
                "exports_monthly.csv",
                i,
                format!("span `{}`..`{}` is not a month range", e.from, e.to),
            ),
        }
        if !keys.insert((e.from, e.to)) {
            problem(
                "exports_monthly.csv",
                i,
                format!("duplicate span {}..{}", e.from, e.to),
            );
        }
        if negative(e.volume_t) || negative(e.avg_price_usd_t) {
            problem(
                "exports_monthly.csv",
                i,
                "volumes and prices must be non-negative".into(),
            );
        }
    }

    let mut keys = HashSet::new();
    for (i, p) in d.prices.iter().enumerate() {
        if !in_range(p.year) {
            problem("prices.csv", i, format!("year {} out of range", p.year));
        }
        if !keys.insert((p.product as u8, p.year)) {
            problem(
                "prices.csv",
                i,
                format!("duplicate {:?} {}", p.product, p.year),
            );
        }
        if negative(Some(p.usd_per_kg)) {
            problem("prices.csv", i, "prices must be non-negative".into());
        }
    }

    let mut keys = HashSet::new();
    for (i, c) in d.claims.iter().enumerate() {
        if !keys.insert(c.id) {
            problem("claims.csv", i, format!("duplicate id `{}`", c.id));
        }
        if [
            c.figure,
            c.figure_zh,
            c.claim_en,
            c.claim_zh,
            c.explanation_en,
            c.explanation_zh,
        ]
        .contains(&"")
        {
            problem(
                "claims.csv",
                i,
                "figure, claim and explanation are required in both languages".into(),
            );
        }
    }
    let mut keys = HashSet::new();
    for (i, p) in d.publishers.iter().enumerate() {
        if !keys.insert(p.name) || p.name_zh.is_empty() {
            problem(
                "publishers.csv",
                i,
                format!("`{}` duplicated or without a Chinese name", p.name),
            );
        }
        if !d.sources.iter().any(|s| s.publisher == p.name) {
            problem(
                "publishers.csv",
                i,
                format!("`{}` is the publisher of no source", p.name),
            );
        }
    }
    let mut keys = HashSet::new();
    for (i, c) in d.countries.iter().enumerate() {
        if !keys.insert(c.name) || c.name_zh.is_empty() {
            problem(
                "countries.csv",
                i,
                format!("`{}` duplicated or without a Chinese name", c.name),
            );
        }
    }
    problems
}

fn editions(d: &Dataset) -> Vec<u16> {
    let mut e: Vec<u16> = d.reserves.iter().map(|r| r.edition).collect();
    e.sort_unstable();
    e.dedup();
    e
}

/// The largest true value a rounded figure can stand for: 120,000,000 printed to two significant
/// figures may be up to 125,000,000.
pub fn rounding_ceiling(total: f64) -> f64 {
    let mut unit = 1.0;
    while total >= unit * 10.0 && (total / (unit * 10.0)).fract() == 0.0 {
        unit *= 10.0;
    }
    total + unit / 2.0
}

fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize, range: std::ops::RangeInclusive<u32>| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse().is_ok_and(|n| range.contains(&n))
    };
    match parts.as_slice() {
        [y] => number(y, 4, 1900..=2100),
        [y, m] => number(y, 4, 1900..=2100) && number(m, 2, 1..=12),
        [y, m, d] => number(y, 4, 1900..=2100) && number(m, 2, 1..=12) && number(d, 2, 1..=31),
        _ => false,
    }
}

fn year_of(date: &str) -> Option<u16> {
    date.get(..4)?.parse().ok()
}

/// Months since year 0 of a `YYYY-MM` cell.
fn month_index(s: &str) -> Option<u32> {
    let (y, m) = s.split_once('-')?;
    let (y, m): (u32, u32) = (y.parse().ok()?, m.parse().ok()?);
    (y > 1900 && (1..=12).contains(&m) && s.len() == 7).then_some(y * 12 + m - 1)
}
