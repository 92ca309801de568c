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
    pub events: &'a str,
    pub magnets: &'a str,
    pub corrections: &'a str,
}

/// The tables of a data folder by file name, in `Files`' order: what build.rs embeds and what the
/// editor's check reads.
pub const TABLES: [&str; 15] = [
    "sources.csv",
    "reserves.csv",
    "production.csv",
    "discoveries.csv",
    "quotas.csv",
    "quota_batches.csv",
    "exports_annual.csv",
    "exports_monthly.csv",
    "prices.csv",
    "claims.csv",
    "countries.csv",
    "publishers.csv",
    "events.csv",
    "magnets.csv",
    "corrections.csv",
];

/// Reads every table of `dir` (the texts live for the rest of the process, as the model's
/// strings borrow them); a missing or unreadable file is named.
pub fn read_files(dir: &std::path::Path) -> Result<Files<'static>, String> {
    let mut texts = Vec::new();
    for name in TABLES {
        let path = dir.join(name);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        texts.push(&*Box::leak(text.into_boxed_str()));
    }
    let [sources, reserves, production, discoveries, quotas, quota_batches, exports_annual, exports_monthly, prices, claims, countries, publishers, events, magnets, corrections] =
        texts[..]
    else {
        unreachable!("one text per table");
    };
    Ok(Files {
        sources,
        reserves,
        production,
        discoveries,
        quotas,
        quota_batches,
        exports_annual,
        exports_monthly,
        prices,
        claims,
        countries,
        publishers,
        events,
        magnets,
        corrections,
    })
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
        events: leak(parse_table("events.csv", files.events)?),
        magnets: leak(parse_table("magnets.csv", files.magnets)?),
        corrections: leak(parse_table("corrections.csv", files.corrections)?),
    };
    let mut problems = validate(&dataset);
    problems.extend(check_corrections(&dataset, files));
    if problems.is_empty() {
        Ok(dataset)
    } else {
        Err(problems.join("\n"))
    }
}

/// Hosts a reader must never be sent to: spam-headed or adult sites, scrapers and spun rewrites
/// where the sources audit (2026-12) found copies of cited publications, and the mirrors the
/// 2025-26 update sheet marks "do not link" (a crypto exchange's news mirror, a test server of a
/// news site, a cloud copy of another). They may appear in `read_via`, the record of what was
/// read, never in `url`, which the page links. Bare IP addresses are refused too (`is_bare_ip`).
pub const UNLINKABLE: [&str; 41] = [
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
    "hdmune.cn",
    "squidsite02.com",
    "testing.dev.theedgesingapore.com",
    "devdiscourse-devdiscoursenetcore.azurewebsites.net",
    "test.daily8.com",
    "mcdn.i-scmp.com",
];

/// A host written as an IPv4 address: a copy on a bare server, never a publisher's address.
fn is_bare_ip(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// An id as the tables write them: `[a-z0-9-]+`.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Hosts a source may be linked on over plain `http:`, each because no `https:` address of it is
/// known (checked 2026-12; an address a reader is sent to over http can be rewritten on the way).
/// Every other `url` must be `https:`; `read_via`, never linked, may be either.
pub const PLAIN_HTTP: [(&str, &str); 2] = [
    (
        "au.ibtimes.com",
        "the old address of IBTimes Australia, which moved to ibtimes.com.au; no https: address of this host is known",
    ),
    (
        "www.goldsea.com",
        "GoldSea's licensed repost of Reuters' 20 January 2026 magnet story is the only copy of it found, at this http: address; no https: address of this host is known",
    ),
];

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
        if !is_slug(s.id) {
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
        if is_bare_ip(&host_of(s.url)) {
            problem(
                "sources.csv",
                i,
                "url links a bare IP address, a copy: cite the original or leave url empty".into(),
            );
        }
        // The page says where a syndicated copy is reposted ("reposted on kitco.com"): a verbatim
        // copy on a site not to link is cited as the original, named without a link.
        // A rewrite is named, not linked: its page is not the publication and may misquote it.
        if s.provenance == Provenance::Rewrite && !s.url.is_empty() {
            problem(
                "sources.csv",
                i,
                "a rewrite is named without a link: leave url empty and record the copy in read_via".into(),
            );
        }
        if s.provenance == Provenance::Syndicated && s.url.is_empty() {
            problem(
                "sources.csv",
                i,
                "a syndicated source needs the url of its licensed repost; a copy not to link is cited as `original` with an empty url".into(),
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
    d.events
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("events.csv", i, r.sources, p));
    d.magnets
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("magnets.csv", i, r.sources, p));
    d.corrections
        .iter()
        .enumerate()
        .for_each(|(i, r)| cite("corrections.csv", i, r.sources, p));
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
        // The smelting figure's own sources are among the row's, so every list of a figure's
        // sources stays whole.
        for id in source_ids(q.smelting_sources) {
            if !source_ids(q.sources).any(|s| s == id) {
                problem(
                    "quotas.csv",
                    i,
                    format!("smelting_sources `{id}` is not among the row's sources"),
                );
            }
        }
        if !q.smelting_sources.is_empty() && q.smelting_t.is_none() {
            problem(
                "quotas.csv",
                i,
                "smelting_sources without a smelting figure".into(),
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
        if negative(e.volume_t) || negative(e.value) || negative(e.avg_price_usd_t) {
            problem(
                "exports_annual.csv",
                i,
                "volumes, values and prices must be non-negative".into(),
            );
        }
        if source_ids(e.change_sources).any(|id| !source_ids(e.sources).any(|s| s == id)) {
            problem(
                "exports_annual.csv",
                i,
                "change_sources must be among the row's sources".into(),
            );
        }
        if !e.change_sources.is_empty() && e.volume_yoy_pct.is_none() {
            problem(
                "exports_annual.csv",
                i,
                "change_sources credits a change the row does not give".into(),
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
        if negative(e.volume_t) || negative(e.avg_price_usd_t) || negative(e.value) {
            problem(
                "exports_monthly.csv",
                i,
                "volumes, values and prices must be non-negative".into(),
            );
        }
        if e.value.is_some() != e.value_unit.is_some() {
            problem(
                "exports_monthly.csv",
                i,
                "a value needs its unit and a unit its value".into(),
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
    validate_events(d, &mut problems);
    validate_magnets(d, &mut problems);
    validate_figures_agree(d, &mut problems);
    problems
}

/// The longest marker labels a chart can set without overlap: characters, English and Chinese.
pub const EVENT_LABEL_EN: usize = 24;
pub const EVENT_LABEL_ZH: usize = 12;

/// Punctuation a Chinese desk writes full-width: an ASCII one in a Chinese text is a slip.
const HALF_WIDTH: [char; 7] = [',', ';', ':', '(', ')', '?', '!'];

/// A Chinese text as a Chinese business desk writes it: full-width punctuation, and 万吨 and 亿吨
/// after the number with no space (4400万吨, not "4,400 万吨").
fn chinese_style_problem(text: &str) -> Option<String> {
    if let Some(c) = text.chars().find(|c| HALF_WIDTH.contains(c)) {
        return Some(format!("half-width `{c}` in Chinese: write it full-width"));
    }
    [" 万", " 亿"]
        .iter()
        .find(|s| text.contains(*s))
        .map(|s| format!("`{s}`: no space before 万 or 亿"))
}

fn validate_events(d: &Dataset, problems: &mut Vec<String>) {
    let mut problem = |row: usize, what: String| {
        problems.push(format!("events.csv: row {}: {what}", row + 1));
    };
    let mut ids = HashSet::new();
    for (i, e) in d.events.iter().enumerate() {
        if !is_slug(e.id) || !ids.insert(e.id) {
            problem(i, format!("id `{}` is not a unique lowercase slug", e.id));
        }
        // A marker needs at least the month: a year alone cannot be placed on a monthly axis.
        if !(valid_date(e.date) && e.date.len() >= 7) {
            problem(i, format!("date `{}` is not YYYY-MM or YYYY-MM-DD", e.date));
        }
        if year_of(e.date).is_some_and(|y| !(FIRST_YEAR..=LAST_YEAR).contains(&y)) {
            problem(i, format!("date `{}` out of range", e.date));
        }
        let (en, zh) = (e.label_en.chars().count(), e.label_zh.chars().count());
        if en == 0 || en > EVENT_LABEL_EN || zh == 0 || zh > EVENT_LABEL_ZH {
            problem(
                i,
                format!("labels must be 1 to {EVENT_LABEL_EN} characters in English ({en}) and 1 to {EVENT_LABEL_ZH} in Chinese ({zh})"),
            );
        }
        if !e.text_en.ends_with('.') || !e.text_zh.ends_with('。') {
            problem(
                i,
                "text_en and text_zh are one sentence each, ending with . and 。".into(),
            );
        }
        for text in [e.label_zh, e.text_zh] {
            if let Some(what) = chinese_style_problem(text) {
                problem(i, what);
            }
        }
        let topics: Vec<&str> = e.topics.split_ascii_whitespace().collect();
        let known = |t: &&str| Topic::ALL.iter().any(|k| k.slug() == *t);
        if topics.is_empty() || !topics.iter().all(known) {
            problem(
                i,
                format!(
                    "topics `{}` must name views: reserves, discoveries, quotas, exports, prices",
                    e.topics
                ),
            );
        }
        // A scheduled end says what happened, or that no source says: never left to guess.
        let consistent = match e.status {
            EventStatus::OutcomeNotFound => e.kind == EventKind::ScheduledEnd,
            EventStatus::InForce | EventStatus::Suspended => {
                matches!(e.kind, EventKind::Control | EventKind::Regulation)
            }
            EventStatus::Happened => e.kind != EventKind::ScheduledEnd,
        };
        if !consistent {
            problem(
                i,
                format!("status {:?} does not fit kind {:?}", e.status, e.kind),
            );
        }
    }
}

/// The table a correction names, by its file name without `.csv`.
fn table_text<'a>(files: &Files<'a>, table: &str) -> Option<&'a str> {
    Some(match table {
        "sources" => files.sources,
        "reserves" => files.reserves,
        "production" => files.production,
        "discoveries" => files.discoveries,
        "quotas" => files.quotas,
        "quota_batches" => files.quota_batches,
        "exports_annual" => files.exports_annual,
        "exports_monthly" => files.exports_monthly,
        "prices" => files.prices,
        "events" => files.events,
        "magnets" => files.magnets,
        "claims" => files.claims,
        "countries" => files.countries,
        "publishers" => files.publishers,
        _ => return None,
    })
}

/// Every correction against the table it corrects: its row found by its key, and `new` the
/// cell's value there now, `old` something else. Read from the CSV text, cell by cell, so a
/// correction can name any column of any table and never drifts from the data.
pub fn check_corrections(d: &Dataset, files: &Files) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (i, c) in d.corrections.iter().enumerate() {
        let mut problem =
            |what: String| problems.push(format!("corrections.csv: row {}: {what}", i + 1));
        if !(valid_date(c.changed) && c.changed.len() == 10) {
            problem(format!("changed `{}` is not YYYY-MM-DD", c.changed));
        }
        if !seen.insert((c.changed, c.table, c.key, c.field)) {
            problem(format!("{} {} {} corrected twice", c.table, c.key, c.field));
        }
        if c.old == c.new {
            problem("old and new are the same".into());
        }
        for (what, text) in [("figure", c.figure_en), ("why", c.why_en)] {
            if text.is_empty() {
                problem(format!("{what}_en is required"));
            }
        }
        if !c.why_en.ends_with('.') || !c.why_zh.ends_with('。') {
            problem("why_en and why_zh are one sentence each, ending with . and 。".into());
        }
        for text in [c.figure_zh, c.why_zh] {
            match chinese_style_problem(text) {
                Some(what) => problem(what),
                None if text.is_empty() => problem("figure_zh and why_zh are required".into()),
                None => {}
            }
        }
        match c.unit {
            CorrectedUnit::Tonnes | CorrectedUnit::UsdPerKg => {
                if [c.old, c.new].iter().any(|v| v.parse::<f64>().is_err()) {
                    problem(format!("`{}` and `{}` must be numbers", c.old, c.new));
                }
            }
            CorrectedUnit::SourceIds => {
                for id in source_ids(c.old).chain(source_ids(c.new)) {
                    if d.source(id).is_none() {
                        problem(format!("`{id}` is not a source id"));
                    }
                }
            }
            CorrectedUnit::Text => {}
        }
        let Some(text) = table_text(files, c.table) else {
            problem(format!("no table `{}`", c.table));
            continue;
        };
        match current_cell(text, c.key, c.field) {
            Ok(cell) if cell == c.new => {}
            Ok(cell) => problem(format!(
                "{} {} {} is `{cell}` in the data, not `{}`",
                c.table, c.key, c.field, c.new
            )),
            Err(what) => problem(format!("{}: {what}", c.table)),
        }
    }
    problems
}

/// The cell of column `field` in the one row whose columns match `key` (`col=value;col=value`).
fn current_cell(text: &str, key: &str, field: &str) -> Result<String, String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("no column `{name}`"))
    };
    let mut wanted = Vec::new();
    for pair in key.split(';') {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("key `{key}` is not col=value;col=value"))?;
        wanted.push((column(name)?, value));
    }
    let at = column(field)?;
    let mut found = None;
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        if wanted.iter().all(|&(i, v)| record.get(i) == Some(v)) {
            if found.is_some() {
                return Err(format!("key `{key}` matches more than one row"));
            }
            found = record.get(at).map(String::from);
        }
    }
    found.ok_or_else(|| format!("no row with `{key}`"))
}

fn validate_magnets(d: &Dataset, problems: &mut Vec<String>) {
    let mut problem = |row: usize, what: String| {
        problems.push(format!("magnets.csv: row {}: {what}", row + 1));
    };
    let names: HashSet<&str> = d.countries.iter().map(|c| c.name).collect();
    let negative = |v: Option<f64>| v.is_some_and(|v| !(v >= 0.0 && v.is_finite()));
    let mut keys = HashSet::new();
    for (i, m) in d.magnets.iter().enumerate() {
        match (month_index(m.from), month_index(m.to)) {
            (Some(f), Some(t))
                if f <= t && (FIRST_YEAR..=LAST_YEAR).contains(&((f / 12) as u16)) => {}
            _ => problem(
                i,
                format!("span `{}`..`{}` is not a month range", m.from, m.to),
            ),
        }
        if !keys.insert((m.series, m.from, m.to, m.destination)) {
            problem(
                i,
                format!(
                    "duplicate {:?} {}..{} {}",
                    m.series, m.from, m.to, m.destination
                ),
            );
        }
        if !names.contains(m.destination) {
            problem(
                i,
                format!("destination `{}` not in countries.csv", m.destination),
            );
        }
        // Bloomberg sums the category for the world: a destination of it would be another series.
        if m.series == MagnetSeries::RareEarthProducts && m.destination != WORLD {
            problem(i, "the rare-earth products series is worldwide only".into());
        }
        if [m.volume_t, m.yoy_pct, m.mom_pct, m.value, m.value_yoy_pct]
            .iter()
            .all(Option::is_none)
        {
            problem(
                i,
                "a row needs at least one figure: a missing month is left out, a gap".into(),
            );
        }
        if negative(m.volume_t) || negative(m.value) {
            problem(i, "volumes and values must be non-negative".into());
        }
        if m.value.is_some() != m.value_unit.is_some() {
            problem(i, "a value needs its unit and a unit its value".into());
        }
        if !m.released.is_empty() && !valid_date(m.released) {
            problem(
                i,
                format!("released `{}` is not YYYY[-MM[-DD]]", m.released),
            );
        }
    }
    for (i, m) in d.magnets.iter().enumerate() {
        if let Some(what) = year_to_date_mismatch(d.magnets, m) {
            problem(i, what);
        }
    }
}

/// A year-to-date figure must be an earlier year-to-date figure of the same series and
/// destination plus the months between, within the rounding of each figure as published
/// ("2.51 million kg" may be 5 t either way). Only rows of one series are ever added, so a
/// figure of the other series entered as a month breaks the sum and is caught.
fn year_to_date_mismatch(rows: &[MagnetExport], r: &MagnetExport) -> Option<String> {
    let same: Vec<Span> = rows
        .iter()
        .filter(|m| m.series == r.series && m.destination == r.destination)
        .filter_map(|m| Some((month_index(m.from)?, month_index(m.to)?, m.volume_t?)))
        .collect();
    let (from, to, total) = (month_index(r.from)?, month_index(r.to)?, r.volume_t?);
    let sum = months_add_up(&same, (from, to, total))?;
    Some(format!(
        "{:?} {} {}..{}: {total} t, but the earlier year-to-date and the months since add up to {sum} t",
        r.series, r.destination, r.from, r.to
    ))
}

/// A span of months of one series: first and last month (`month_index`) and its tonnage.
type Span = (u32, u32, f64);

/// For a span of several months, what the latest earlier span from the same month and the single
/// months since add up to, when that differs from its figure by more than the rounding of the
/// figures (each may be half its last digit off); without such a span, the single months from
/// its first. `None` when they agree, or when some month is missing and nothing can be added.
fn months_add_up(rows: &[Span], (from, to, total): Span) -> Option<f64> {
    if from == to {
        return None;
    }
    let month = |k: u32| {
        rows.iter()
            .find(|&&(f, t, _)| f == k && t == k)
            .map(|&(_, _, v)| v)
    };
    let mut earlier: Vec<(u32, f64)> = rows
        .iter()
        .filter(|&&(f, t, _)| f == from && t < to && t > f)
        .map(|&(_, t, v)| (t, v))
        .collect();
    earlier.sort_by_key(|&(t, _)| std::cmp::Reverse(t));
    // The single first month is an earlier span too, and without any: nothing before it.
    let starts = earlier
        .into_iter()
        .map(|(t, v)| (t + 1, Some(v)))
        .chain([(from, None)]);
    for (first, before) in starts {
        let months: Option<Vec<f64>> = (first..=to).map(month).collect();
        if let Some(months) = months {
            let sum = before.unwrap_or(0.0) + months.iter().sum::<f64>();
            let slack: f64 = months
                .iter()
                .chain(before.as_ref())
                .chain([&total])
                .map(|&v| rounding_unit(v) / 2.0)
                .sum();
            return ((sum - total).abs() > slack + 1e-9).then_some((sum * 10.0).round() / 10.0);
        }
    }
    None
}

/// Where the figures of a table disagree with each other, which is what a tired editor's slip
/// looks like: months that do not add up to the year-to-date they belong to, a year-to-date
/// other than the yearly table's, a stated change that does not follow from the figures it
/// compares and is not credited as the source's own, or a figure in the wrong unit. Each
/// message says what to check and how to record what the source really says.
fn validate_figures_agree(d: &Dataset, problems: &mut Vec<String>) {
    let months: Vec<Span> = d
        .exports_monthly
        .iter()
        .filter_map(|e| Some((month_index(e.from)?, month_index(e.to)?, e.volume_t?)))
        .collect();
    let preferred = |year: u16, months: u8| {
        d.exports_annual
            .iter()
            .find(|e| e.preferred && e.year == year && e.months == months)
    };
    for (i, e) in d.exports_monthly.iter().enumerate() {
        let mut problem =
            |what: String| problems.push(format!("exports_monthly.csv: row {}: {what}", i + 1));
        let (Some(from), Some(to)) = (month_index(e.from), month_index(e.to)) else {
            continue;
        };
        let span = |f: u32, t: u32| {
            d.exports_monthly
                .iter()
                .find(|p| month_index(p.from) == Some(f) && month_index(p.to) == Some(t))
        };
        if let Some(total) = e.volume_t {
            if let Some(sum) = months_add_up(&months, (from, to, total)) {
                problem(format!(
                    "{}..{} is {total} t, but the months it covers add up to {sum} t: check each month and the year-to-date as customs published them",
                    e.from, e.to
                ));
            }
            // A year-to-date from January is the yearly table's figure for as many months.
            let (year, first) = ((from / 12) as u16, from % 12);
            let count = (to - from + 1) as u8;
            let yearly = preferred(year, count).and_then(|y| y.volume_t);
            if let (0, true, Some(yearly)) = (first, to / 12 == from / 12, yearly) {
                let slack = (rounding_unit(total) + rounding_unit(yearly)) / 2.0;
                if (total - yearly).abs() > slack + 1e-9 {
                    problem(format!(
                        "{}..{} is {total} t, but exports_annual.csv's preferred figure for {year} ({count} months) is {yearly} t: the same customs figure, entered twice",
                        e.from, e.to
                    ));
                }
            }
            // A unit slip (10 000 t for 1 000, tonnes for 10 000 t): a single month far from
            // the single months around it.
            if from == to {
                let mut near: Vec<f64> = months
                    .iter()
                    .filter(|&&(f, t, _)| f == t && f != from && f.abs_diff(from) <= 12)
                    .map(|&(_, _, v)| v)
                    .collect();
                near.sort_by(f64::total_cmp);
                if let Some(&median) = near.get(near.len() / 2) {
                    let ratio = total / median;
                    if !(0.25..=4.0).contains(&ratio) {
                        problem(format!(
                            "{} is {total} t, {ratio:.1} times the months around it ({median} t): check the unit (tonnes, not 10,000 t) and the decimal point",
                            e.from
                        ));
                    }
                }
            }
            let own_words = "leave the change empty and quote the source's own change in the note";
            if let Some(stated) = e.yoy_pct {
                let before = span(from - 12, to - 12).and_then(|p| p.volume_t);
                if let Some(computed) = before.and_then(|b| change_disagrees(stated, total, b)) {
                    problem(format!("states {stated:+} % on a year earlier, but the figures give {computed:+.2} %: check both, or, if the source compares with another base, {own_words}"));
                }
            }
            if let (Some(stated), true) = (e.mom_pct, from == to) {
                let before = span(from - 1, to - 1).and_then(|p| p.volume_t);
                if let Some(computed) = before.and_then(|b| change_disagrees(stated, total, b)) {
                    problem(format!("states {stated:+} % on the month before, but the figures give {computed:+.2} %: check both, or, if the source compares with another base, {own_words}"));
                }
            }
        }
        units_fit(e.value, e.value_unit, e.avg_price_usd_t, &mut problem);
    }
    for (i, e) in d.exports_annual.iter().enumerate() {
        let mut problem =
            |what: String| problems.push(format!("exports_annual.csv: row {}: {what}", i + 1));
        let before = preferred(e.year.saturating_sub(1), e.months).and_then(|p| p.volume_t);
        if let (Some(stated), Some(now), Some(before)) = (e.volume_yoy_pct, e.volume_t, before) {
            if let (Some(computed), "") = (change_disagrees(stated, now, before), e.change_sources)
            {
                problem(format!(
                    "states {stated:+} % on {}, but {now} t on {before} t is {computed:+.2} %: check both, or, if the publication gives its own change on another base, credit it in change_sources (the page then says whose change it is)",
                    e.year - 1
                ));
            }
        }
        units_fit(e.value, e.value_unit, e.avg_price_usd_t, &mut problem);
    }
    for (i, m) in d.magnets.iter().enumerate() {
        let (Some(from), Some(to), Some(now)) =
            (month_index(m.from), month_index(m.to), m.volume_t)
        else {
            continue;
        };
        let span = |f: u32, t: u32| {
            d.magnets
                .iter()
                .filter(|p| p.series == m.series && p.destination == m.destination)
                .find(|p| month_index(p.from) == Some(f) && month_index(p.to) == Some(t))
                .and_then(|p| p.volume_t)
        };
        let checks = [
            (m.yoy_pct, span(from - 12, to - 12), "a year earlier"),
            (
                m.mom_pct.filter(|_| from == to),
                span(from - 1, to - 1),
                "the month before",
            ),
        ];
        for (stated, before, on) in checks {
            if let Some(computed) = stated
                .zip(before)
                .and_then(|(stated, before)| change_disagrees(stated, now, before))
            {
                problems.push(format!(
                    "magnets.csv: row {}: states {:+} % on {on}, but the figures give {computed:+.2} %: check both, or leave the change empty and quote the source's own in the note",
                    i + 1,
                    stated.unwrap_or_default()
                ));
            }
        }
    }
    for (i, p) in d.prices.iter().enumerate() {
        // Oxide prices run from a few to a few thousand dollars a kilogram: a price per tonne or
        // per gram entered here is off by a thousand.
        if !(0.5..=20_000.0).contains(&p.usd_per_kg) {
            problems.push(format!(
                "prices.csv: row {}: US${} per kg is not an oxide price per kilogram: check the unit (per kg, not per tonne)",
                i + 1,
                p.usd_per_kg
            ));
        }
    }
}

/// The change `stated` (in %) set against the one the two figures give, when they differ by more
/// than the rounding of the stated change (half its last digit, at most half a point) and of the
/// figures: the computed change, or `None` when they agree.
fn change_disagrees(stated: f64, now: f64, before: f64) -> Option<f64> {
    if before <= 0.0 {
        return None;
    }
    let computed = (now / before - 1.0) * 100.0;
    let stated_unit = rounding_unit(stated.abs()).min(1.0);
    let (un, ub) = (rounding_unit(now) / 2.0, rounding_unit(before) / 2.0);
    let figures = 100.0 * (un / before + now * ub / (before * before));
    ((computed - stated).abs() > stated_unit / 2.0 + figures + 1e-9).then_some(computed)
}

/// Values and average prices in the units their columns name: a value in millions (US$68.6
/// million is `68.6`, not `68600000`), an average export price in US dollars per tonne of
/// product (thousands, not the few dollars of a price per kilogram).
fn units_fit(
    value: Option<f64>,
    unit: Option<ValueUnit>,
    avg_price_usd_t: Option<f64>,
    problem: &mut impl FnMut(String),
) {
    if let (Some(v), Some(_)) = (value, unit) {
        if !(0.1..=100_000.0).contains(&v) {
            problem(format!(
                "value {v} is not in millions: write US$68.6 million as 68.6"
            ));
        }
    }
    if let Some(p) = avg_price_usd_t {
        if !(500.0..=1_000_000.0).contains(&p) {
            problem(format!(
                "avg_price_usd_t {p} is not US dollars per tonne: a price of US$8.83/kg is 8830"
            ));
        }
    }
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
