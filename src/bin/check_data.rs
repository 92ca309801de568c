//! Checks a data folder the way the build does, for an editor who has just added a month or a
//! correction (docs/updating.md; `scripts/update-data.sh --check` runs it): every problem with
//! its file, row and what to do, or, when all is well, what the data now says at its newest.
//!
//! usage: check-data [data-folder]      (default: data)

use std::path::PathBuf;
use std::process::ExitCode;

use rare_earth_explorer::data::derived::latest_corrections;
use rare_earth_explorer::data::parse::{parse_dataset, read_files};
use rare_earth_explorer::data::{Dataset, WORLD};

fn main() -> ExitCode {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "data".into()));
    let checked = read_files(&dir).and_then(|files| parse_dataset(&files));
    match checked {
        Ok(d) => {
            println!("{}: valid.", dir.display());
            for line in newest(&d) {
                println!("  {line}");
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            let count = problems.lines().count();
            eprintln!(
                "{}: {count} problem{} (file: row: what):",
                dir.display(),
                if count == 1 { "" } else { "s" }
            );
            for line in problems.lines() {
                eprintln!("  {line}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The newest figure of each series, for the editor to see that the one just added is the one
/// the explorer will show.
fn newest(d: &Dataset) -> Vec<String> {
    let month = d
        .exports_monthly
        .iter()
        .filter(|e| e.from == e.to && e.volume_t.is_some())
        .max_by_key(|e| e.to);
    let span = d.exports_monthly.iter().max_by_key(|e| (e.to, e.from));
    let magnets = d
        .magnets
        .iter()
        .filter(|m| m.from == m.to && m.volume_t.is_some() && m.destination == WORLD)
        .max_by_key(|m| m.to);
    let edition = d.reserves.iter().map(|r| r.edition).max();
    let quota = d
        .quotas
        .iter()
        .filter(|q| q.mining_t.is_some())
        .max_by_key(|q| q.year);
    let latest = latest_corrections(d);
    let tonnes = |v: Option<f64>| {
        v.map(|v| format!("{v} t"))
            .unwrap_or_else(|| "no figure".into())
    };
    vec![
        match month {
            Some(e) => format!(
                "exports, newest single month: {} {}",
                e.to,
                tonnes(e.volume_t)
            ),
            None => "exports: no single month".into(),
        },
        match span {
            Some(e) => format!(
                "exports, newest span: {}..{} {}",
                e.from,
                e.to,
                tonnes(e.volume_t)
            ),
            None => "exports: no span".into(),
        },
        match magnets {
            Some(m) => format!(
                "magnets, newest month: {} {} {}",
                m.to,
                m.destination,
                tonnes(m.volume_t)
            ),
            None => "magnets: no month".into(),
        },
        format!(
            "reserves, newest USGS edition: {}",
            edition.map_or("none".into(), |e| e.to_string())
        ),
        match quota {
            Some(q) => format!(
                "quotas, newest mining quota: {} {}",
                q.year,
                tonnes(q.mining_t)
            ),
            None => "quotas: none".into(),
        },
        match latest.first() {
            Some(c) => format!("corrections, newest: {} on {}", latest.len(), c.changed),
            None => "corrections: none".into(),
        },
        format!("sources: {}", d.sources.len()),
    ]
}
