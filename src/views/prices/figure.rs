//! What the Prices view shows for a state of its control, as plain functions of the dataset: one
//! oxide's annual average price by year, in US$ per kg, the years USGS gives only as estimates
//! drawn hollow. Oxide prices are why the value of China's exports fell while their volume rose.

use super::state::{State, OXIDES};
use crate::charts::columns::{Column, Columns, Segment, Series};
use crate::data::derived::Change;
use crate::data::{Dataset, Price, Product};
use crate::figure::{
    cite, raw, source_cells, sources_of, Chart, Csv, Figure, Table, Ticks, SOURCE_HEADER,
};
use crate::format::{change, number};
use crate::i18n::{fill, Lang, PricesTexts, Strings};

/// The year the article is about: highlighted.
const ARTICLE_YEAR: u16 = 2024;

/// The oxide's name for the reader.
pub fn oxide_name(oxide: Product, w: &PricesTexts) -> &'static str {
    match oxide {
        Product::Ndpr => w.oxide_ndpr,
        Product::Nd => w.oxide_nd,
        Product::Pr => w.oxide_pr,
        Product::Dy => w.oxide_dy,
        Product::Tb => w.oxide_tb,
    }
}

/// The oxide's prices on record, oldest first.
pub fn prices(d: &Dataset, oxide: Product) -> Vec<&'static Price> {
    let mut rows: Vec<&'static Price> = d.prices.iter().filter(|p| p.product == oxide).collect();
    crate::order::sort_by(&mut rows, |a, b| a.year < b.year);
    rows
}

fn usd(value: f64, t: &Strings) -> String {
    fill(t.usd_per_kg, &[("value", &number(value, 1))])
}

/// The change on the year before, worked out here (no source states one) and said so.
fn change_on_year_before(rows: &[&Price], p: &Price) -> Option<Change> {
    let before = rows.iter().find(|q| q.year + 1 == p.year)?;
    Change::stated_or_computed(None, Some(before.usd_per_kg), Some(p.usd_per_kg))
}

pub fn figure(d: &Dataset, state: &State, lang: Lang, t: &Strings, w: &PricesTexts) -> Figure {
    let rows = prices(d, state.oxide);
    let name = oxide_name(state.oxide, w);
    let mut readouts = Vec::new();
    let mut columns = Vec::new();
    let (first, last) = match (rows.first(), rows.last()) {
        (Some(a), Some(b)) => (a.year, b.year),
        _ => (ARTICLE_YEAR, ARTICLE_YEAR),
    };
    for year in first..=last {
        let mut column = Column {
            label: year.to_string(),
            groups: Vec::new(),
            gap: None,
            gap_datum: None,
            highlight: year == ARTICLE_YEAR,
        };
        match rows.iter().find(|p| p.year == year) {
            Some(p) => {
                let mut text = t.head(&year.to_string(), &usd(p.usd_per_kg, t));
                if p.estimated {
                    text.push_str(&t.paren(w.usgs_estimate));
                }
                text.push_str(&format!(" · {name} · {}", cite(d, p.sources, lang)));
                readouts.push(text);
                column.groups.push(vec![Segment {
                    value: p.usd_per_kg,
                    series: usize::from(p.estimated),
                    label: None,
                    datum: readouts.len() - 1,
                }]);
            }
            None => {
                column.gap = Some(t.gap_not_published.to_string());
                readouts.push(t.head(&year.to_string(), t.gap_not_published));
                column.gap_datum = Some(readouts.len() - 1);
            }
        }
        columns.push(column);
    }

    let table_rows = rows
        .iter()
        .map(|p| {
            vec![
                p.year.to_string(),
                usd(p.usd_per_kg, t),
                if p.estimated { t.yes } else { "–" }.to_string(),
                change_on_year_before(&rows, p)
                    .map(|c| change(c.percent, lang))
                    .unwrap_or_else(|| "–".into()),
                cite(d, p.sources, lang),
            ]
        })
        .collect();
    let summary = summary(&rows, name, t, w);
    let listed: Vec<String> = rows
        .iter()
        .map(|p| format!("{} {}", p.year, usd(p.usd_per_kg, t)))
        .collect();
    let alt = format!(
        "{summary} {}",
        fill(w.prices_alt, &[("list", &listed.join(t.list_separator))])
    );
    Figure {
        summary,
        alt,
        chart: Chart::columns(Columns {
            columns,
            series: vec![
                Series {
                    name: name.to_string(),
                    hollow: false,
                },
                Series {
                    name: w.usgs_estimate.to_string(),
                    hollow: true,
                },
            ],
            axis_label: w.axis_price.to_string(),
            periods: Vec::new(),
        }),
        ticks: Ticks::Usd,
        readouts,
        table: Table {
            caption: fill(w.prices_table_caption, &[("oxide", name)]),
            headers: w
                .prices_table_headers
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows: table_rows,
            numeric: vec![false, true, false, true, false],
        },
        notes: vec![
            w.note_prices_unit.to_string(),
            w.note_prices_estimates.to_string(),
            w.note_prices_exports.to_string(),
        ],
        sources: sources_of(d, rows.iter().map(|p| &p.sources)),
    }
}

/// The sentence above the chart: the article's year against the year before and the high on
/// record, and a later year USGS gives only as an estimate.
fn summary(rows: &[&Price], name: &str, t: &Strings, w: &PricesTexts) -> String {
    let published: Vec<&Price> = rows.iter().copied().filter(|p| !p.estimated).collect();
    let now = published
        .iter()
        .find(|p| p.year == ARTICLE_YEAR)
        .or(published.last())
        .copied();
    let Some(now) = now else {
        return String::new();
    };
    let before = published.iter().find(|p| p.year + 1 == now.year);
    let peak = published
        .iter()
        .max_by(|a, b| a.usd_per_kg.total_cmp(&b.usd_per_kg))
        .copied()
        .unwrap_or(now);
    // When the year before is itself the high, the sentence says so once.
    let template = if before.is_some_and(|b| b.year == peak.year) {
        w.prices_summary_peak_before
    } else {
        w.prices_summary
    };
    let mut s = fill(
        template,
        &[
            ("oxide", name),
            ("now", &usd(now.usd_per_kg, t)),
            ("year", &now.year.to_string()),
            (
                "before",
                &before.map(|b| usd(b.usd_per_kg, t)).unwrap_or_default(),
            ),
            (
                "before_year",
                &before.map(|b| b.year.to_string()).unwrap_or_default(),
            ),
            ("peak", &usd(peak.usd_per_kg, t)),
            ("peak_year", &peak.year.to_string()),
        ],
    );
    if let Some(e) = rows.iter().find(|p| p.estimated && p.year > now.year) {
        s.push_str(&fill(
            w.prices_summary_estimate,
            &[
                ("year", &e.year.to_string()),
                ("value", &usd(e.usd_per_kg, t)),
            ],
        ));
    }
    s
}

/// The prices charted, for a spreadsheet (the download).
pub fn csv(d: &Dataset, state: &State) -> Csv {
    let header: Vec<&str> = ["oxide", "year", "usd_per_kg", "estimated"]
        .into_iter()
        .chain(SOURCE_HEADER)
        .collect();
    let mut csv = Csv::new(&header);
    for p in prices(d, state.oxide) {
        let mut row = vec![
            crate::url::name_of(&OXIDES, p.product).to_string(),
            p.year.to_string(),
            raw(Some(p.usd_per_kg)),
            (if p.estimated { "yes" } else { "no" }).to_string(),
        ];
        row.extend(source_cells(d, p.sources));
        csv.rows.push(row);
    }
    csv
}

/// A file name that says what it holds: `rare-earth-oxide-prices-ndpr`.
pub fn file_stem(state: &State) -> String {
    format!(
        "rare-earth-oxide-prices-{}",
        crate::url::name_of(&OXIDES, state.oxide)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset;
    use crate::i18n::{EN, EN_PRICES, ZH, ZH_PRICES};

    fn state(q: &str) -> State {
        crate::url::Params::read(&crate::url::Query::parse(q), &mut Default::default())
    }

    #[test]
    fn ndpr_is_the_default_and_the_summary_gives_2024_against_2023_and_the_high() {
        let f = figure(dataset(), &state(""), Lang::En, &EN, &EN_PRICES);
        for part in [
            "NdPr oxide",
            "US$55/kg in 2024",
            "US$75/kg in 2023",
            "US$124/kg, in 2022",
            "2025 at US$69/kg",
        ] {
            assert!(f.summary.contains(part), "{part}: {}", f.summary);
        }
    }

    #[test]
    fn usgs_estimates_are_drawn_hollow_and_said_so() {
        // MCS 2026's Rare Earths (Heavy) chapter made Dy's 2024 average final (US$257/kg, where
        // MCS 2025 estimated 260) and estimates 2025 at US$239/kg.
        let f = figure(dataset(), &state("?oxide=dy"), Lang::En, &EN, &EN_PRICES);
        let Chart::Columns(c, _) = &f.chart else {
            panic!("prices draw columns")
        };
        let series_of = |year: &str| {
            c.columns
                .iter()
                .find(|col| col.label == year)
                .map(|col| col.groups[0][0].series)
        };
        assert_eq!(series_of("2024"), Some(0), "Dy 2024 is final");
        assert_eq!(series_of("2025"), Some(1), "Dy 2025 is an estimate");
        assert!(c.series[1].hollow);
        assert!(
            f.readouts.iter().any(|r| {
                r
                == "2025: US$239/kg (USGS estimate) · Dy oxide · U.S. Geological Survey, 2026-02-06"
            }),
            "{:?}",
            f.readouts
        );
        // The summary speaks of the last published year, and of the estimate as an estimate.
        assert!(
            f.summary.contains("US$257/kg in 2024") && f.summary.contains("2025 at US$239/kg"),
            "{}",
            f.summary
        );
    }

    #[test]
    fn every_figure_is_one_the_data_gives() {
        for (_, oxide) in OXIDES {
            let s = State { oxide };
            let f = figure(dataset(), &s, Lang::En, &EN, &EN_PRICES);
            let Chart::Columns(c, _) = &f.chart else {
                panic!("prices draw columns")
            };
            let drawn: Vec<f64> = c
                .columns
                .iter()
                .flat_map(|c| c.groups.iter().flatten())
                .map(|s| s.value)
                .collect();
            let data: Vec<f64> = prices(dataset(), oxide)
                .iter()
                .map(|p| p.usd_per_kg)
                .collect();
            assert_eq!(drawn, data, "{oxide:?}");
            assert_eq!(csv(dataset(), &s).rows.len(), data.len());
        }
    }

    #[test]
    fn a_high_the_year_before_is_said_once() {
        let f = figure(dataset(), &state("?oxide=tb"), Lang::En, &EN, &EN_PRICES);
        assert_eq!(f.summary.matches("US$2,051/kg").count(), 1, "{}", f.summary);
    }

    #[test]
    fn the_chinese_figure_names_the_oxide_in_chinese() {
        let f = figure(dataset(), &state(""), Lang::Zh, &ZH, &ZH_PRICES);
        assert!(f.summary.starts_with("氧化镨钕"), "{}", f.summary);
    }
}
