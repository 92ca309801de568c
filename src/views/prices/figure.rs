//! What the Prices view shows for a state of its control, as plain functions of the dataset: one
//! oxide's annual average price by year, in US$ per kg, the years USGS gives only as estimates
//! drawn hollow. Oxide prices are why the value of China's exports fell while their volume rose.

use super::state::{State, OXIDES};
use crate::charts::columns::{Column, Columns, Segment, Series};
use crate::data::derived::Change;
use crate::data::{Dataset, Price, Product, Topic};
use crate::figure::{
    cite, marked_events, raw, source_cells, sources_of, year_column, Chart, Csv, Figure, Table,
    Ticks, SOURCE_HEADER,
};
use crate::format::{change, change_in_words, figure as digits, year as year_name};
use crate::i18n::{fill, then, Lang, PricesTexts, Strings};

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

fn usd(value: f64, lang: Lang, t: &Strings) -> String {
    fill(t.usd_per_kg, &[("value", &digits(value, 1, lang))])
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
                let mut text = t.head(&year_name(year, lang), &usd(p.usd_per_kg, lang, t));
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
                readouts.push(t.head(&year_name(year, lang), t.gap_not_published));
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
                usd(p.usd_per_kg, lang, t),
                if p.estimated { t.yes } else { "–" }.to_string(),
                change_on_year_before(&rows, p)
                    .map(|c| change(c.percent, lang))
                    .unwrap_or_else(|| "–".into()),
                cite(d, p.sources, lang),
            ]
        })
        .collect();
    let year_list: Vec<u16> = (first..=last).collect();
    let events = marked_events(
        d,
        Topic::Prices,
        |_| true,
        |date| year_column(&year_list, date),
        lang,
        t,
        &mut readouts,
    );
    let summary = summary(&rows, name, lang, t, w);
    let listed: Vec<String> = rows
        .iter()
        .map(|p| t.labelled(&year_name(p.year, lang), &usd(p.usd_per_kg, lang, t)))
        .collect();
    let alt = then(
        &summary,
        &fill(w.prices_alt, &[("list", &listed.join(t.list_separator))]),
    );
    let mut notes = vec![
        w.note_prices_unit.to_string(),
        w.note_prices_estimates.to_string(),
    ];
    notes.extend(trend_note(&rows, name, lang, t, w));
    notes.extend(exports_note(d, w));
    let mut cells: Vec<&&'static str> = rows.iter().map(|p| &p.sources).collect();
    cells.extend(&events.sources);
    Figure {
        summary,
        alt: events.alt(alt, &readouts),
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
            events: events.marks,
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
        notes,
        sources: sources_of(d, cells),
        events: events.list,
    }
}

/// The sentence above the chart: the article's year against the year before and the high on
/// record, and a later year USGS gives only as an estimate.
fn summary(rows: &[&Price], name: &str, lang: Lang, t: &Strings, w: &PricesTexts) -> String {
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
            ("now", &usd(now.usd_per_kg, lang, t)),
            ("year", &now.year.to_string()),
            (
                "before",
                &before
                    .map(|b| usd(b.usd_per_kg, lang, t))
                    .unwrap_or_default(),
            ),
            (
                "before_year",
                &before.map(|b| b.year.to_string()).unwrap_or_default(),
            ),
            ("peak", &usd(peak.usd_per_kg, lang, t)),
            ("peak_year", &peak.year.to_string()),
        ],
    );
    if let Some(e) = rows.iter().find(|p| p.estimated && p.year > now.year) {
        s.push_str(&fill(
            w.prices_summary_estimate,
            &[
                ("year", &e.year.to_string()),
                ("value", &usd(e.usd_per_kg, lang, t)),
            ],
        ));
    }
    s
}

/// What the chart shows of the oxide's course, computed from its prices: the last published year
/// against the high on record, and USGS's estimate for the year after against that year.
/// "Computed here: NdPr oxide's 2024 average was −55.6 % on its 2022 high; USGS's estimate for
/// 2025 is +25.5 % on 2024."
fn trend_note(
    rows: &[&Price],
    name: &str,
    lang: Lang,
    t: &Strings,
    w: &PricesTexts,
) -> Option<String> {
    let published: Vec<&Price> = rows.iter().copied().filter(|p| !p.estimated).collect();
    let last = *published.last()?;
    let peak = published
        .iter()
        .max_by(|a, b| a.usd_per_kg.total_cmp(&b.usd_per_kg))
        .copied()?;
    let estimate = rows.iter().find(|p| p.estimated && p.year > last.year);
    let rounded = |before: f64, after: f64| {
        crate::data::derived::percent_change(before, after).map(|p| (p * 10.0).round() / 10.0)
    };
    let mut note = String::new();
    if peak.year != last.year {
        note = fill(
            w.note_prices_trend,
            &[
                ("oxide", name),
                ("last_year", &last.year.to_string()),
                (
                    "from_peak",
                    &change_in_words(rounded(peak.usd_per_kg, last.usd_per_kg)?, lang),
                ),
                ("peak_year", &peak.year.to_string()),
            ],
        );
    }
    if let Some(e) = estimate {
        let change = rounded(last.usd_per_kg, e.usd_per_kg)?;
        let clause = fill(
            w.note_prices_trend_estimate,
            &[
                ("year", &e.year.to_string()),
                ("change", &change_in_words(change, lang)),
                ("last_year", &last.year.to_string()),
            ],
        );
        if note.is_empty() {
            return None;
        }
        note.push_str(&clause);
    }
    (!note.is_empty()).then(|| format!("{note}{}", t.full_stop))
}

/// "In 2024 China's rare earth exports rose in tonnes while their value fell (see Exports)": said
/// only when the year's reports show both (the volume change and the value change as stated).
fn exports_note(d: &Dataset, w: &PricesTexts) -> Option<String> {
    let e = crate::data::derived::preferred_export(d, ARTICLE_YEAR, 12)?;
    let (volume, value) = (e.volume_yoy_pct?, e.value_yoy_pct?);
    (volume > 0.0 && value < 0.0).then(|| {
        fill(
            w.note_prices_exports,
            &[("year", &ARTICLE_YEAR.to_string())],
        )
    })
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
    fn the_words_name_every_price_assessor_the_rows_credit() {
        // MCS 2026's heavy chapter averages Argus and Asian Metal for Dy and Tb from 2024: no
        // summary may credit Argus alone, and the note names both wherever a row does.
        let heavy = dataset()
            .prices
            .iter()
            .any(|p| p.sources.contains("usgs-mcs-2026-heavy"));
        assert!(heavy, "the data has rows from the heavy chapter");
        for (lang, t, w, name) in [
            (Lang::En, &EN, &EN_PRICES, "Asian Metal"),
            (Lang::Zh, &ZH, &ZH_PRICES, "亚洲金属网"),
        ] {
            assert!(w.note_prices_unit.contains(name), "{}", w.note_prices_unit);
            for (_, oxide) in OXIDES {
                let f = figure(dataset(), &State { oxide }, lang, t, w);
                assert!(
                    !f.summary.contains("Argus"),
                    "a summary credits one assessor: {}",
                    f.summary
                );
            }
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
