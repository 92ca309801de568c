//! The four views. Each file computes its [`Figure`] from the dataset and the reader's choices (a
//! plain function, tested natively) and renders its controls around the shared figure component.

pub mod claims;
pub mod discoveries;
pub mod exports;
pub mod quotas;
pub mod reserves;

use crate::charts::{bars, columns, timeline, Drawn, Palette};
use crate::data::{model::source_ids, Dataset, Source};
use crate::format;
use crate::state::{Lang, UrlState, View};

/// What a view shows for one state of its controls: everything the shared figure component needs,
/// already in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// One sentence above the chart.
    pub summary: String,
    /// The chart's text alternative: the summary and what else the chart shows.
    pub alt: String,
    pub chart: Chart,
    pub ticks: Ticks,
    /// One line per datum: exact value, unit, year or edition, source. Indexed by the marks' datum.
    pub readouts: Vec<String>,
    pub table: Table,
    pub notes: Vec<String>,
    pub sources: Vec<&'static Source>,
}

/// The figures of the view being read, for download: raw numbers, units and sources in their own
/// columns. Made only when a reader downloads them, not with every figure: so the work is not
/// repeated at every change of a control, and its code comes with the newsroom kit.
pub fn csv(d: &Dataset, state: &UrlState) -> Csv {
    match state.view {
        View::Reserves => reserves::csv(d, state),
        View::Discoveries => discoveries::csv(d, state),
        View::Quotas => quotas::csv(d, state),
        View::Exports => exports::annual_csv(d),
    }
}

/// Rows for a spreadsheet: values unformatted (44000000, not "44 Mt").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Csv {
    pub fn new(header: &[&str]) -> Csv {
        Csv {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }
}

/// A raw number for a CSV cell; empty when missing (never 0).
pub fn raw(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The first source of a row as CSV cells: id, title, publisher, date, address.
pub fn source_cells(d: &Dataset, cell: &'static str) -> Vec<String> {
    let ids: Vec<&str> = source_ids(cell).collect();
    let first = ids.first().and_then(|id| d.source(id));
    vec![
        ids.join(" "),
        first.map(|s| s.title).unwrap_or_default().to_string(),
        first.map(|s| s.publisher).unwrap_or_default().to_string(),
        first.map(|s| s.date).unwrap_or_default().to_string(),
        first.map(|s| s.url).unwrap_or_default().to_string(),
    ]
}

/// The source columns' headers, matching `source_cells`.
pub const SOURCE_HEADER: [&str; 5] = [
    "source_ids",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
];

/// The chart of a figure. Columns and timelines carry the function that draws them, set by
/// `Chart::columns` and `Chart::timeline`: `Figure::draw` then calls it without naming it, so its
/// code is fetched with the views that build such charts (wasm-split moves the functions the
/// first view's code never reaches). Reserves draws bars, which stay in the first download.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    Bars(bars::Bars),
    Columns(columns::Columns, Drawer<columns::Columns>),
    Timeline(timeline::Timeline, Drawer<timeline::Timeline>),
}

impl Chart {
    pub fn columns(chart: columns::Columns) -> Chart {
        Chart::Columns(chart, Drawer(columns::draw))
    }

    pub fn timeline(chart: timeline::Timeline) -> Chart {
        Chart::Timeline(chart, Drawer(timeline::draw))
    }
}

type DrawFn<C> = fn(&C, u32, &Palette, Option<usize>, &dyn Fn(f64) -> String) -> Drawn;

/// The drawing function of one kind of chart; only `Chart`'s constructors make one.
#[derive(Clone, Copy)]
pub struct Drawer<C>(DrawFn<C>);

/// One function per kind of chart: two charts of a kind are drawn alike, so their drawers are
/// equal (a figure compares equal to an unchanged one, and is not redrawn).
impl<C> PartialEq for Drawer<C> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<C> std::fmt::Debug for Drawer<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Drawer")
    }
}

/// How axis values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticks {
    Tonnes,
    Percent,
    Years,
    UsdMillions,
    UsdPerTonne,
}

impl Ticks {
    pub fn label(self, v: f64, lang: Lang) -> String {
        match self {
            Ticks::Tonnes => format::tonnes_short(v, lang),
            Ticks::Percent => format::percent(v, lang),
            Ticks::Years => format::number(v, 0),
            Ticks::UsdMillions => format!("${}m", format::number(v, 0)),
            Ticks::UsdPerTonne => format!("${}", format::number(v, 0)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns to right-align (figures).
    pub numeric: Vec<bool>,
}

impl Figure {
    pub fn draw(&self, width: u32, palette: &Palette, active: Option<usize>, lang: Lang) -> Drawn {
        let ticks = self.ticks;
        let tick = move |v: f64| ticks.label(v, lang);
        match &self.chart {
            Chart::Bars(c) => bars::draw(c, width, palette, active, &tick),
            Chart::Columns(c, Drawer(draw)) => draw(c, width, palette, active, &tick),
            Chart::Timeline(c, Drawer(draw)) => draw(c, width, palette, active, &tick),
        }
    }
}

/// The source records a set of rows cites, each once, in order of first citation.
pub fn sources_of<'a>(
    d: &Dataset,
    cells: impl IntoIterator<Item = &'a &'static str>,
) -> Vec<&'static Source> {
    let mut out: Vec<&'static Source> = Vec::new();
    for cell in cells {
        for id in source_ids(cell) {
            if let Some(s) = d.source(id) {
                if !out.iter().any(|o| o.id == s.id) {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// A publisher's name in the reader's language: the Chinese one where it has one.
pub fn publisher_name(d: &Dataset, name: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::En => name,
        Lang::Zh => d
            .publishers
            .iter()
            .find(|p| p.name == name)
            .map_or(name, |p| p.name_zh),
    }
}

/// The short citation of a row's first (original) source, for readouts and table cells.
pub fn cite(d: &Dataset, cell: &'static str, lang: Lang) -> String {
    source_ids(cell)
        .next()
        .and_then(|id| d.source(id))
        .map(|s| {
            let publisher = publisher_name(d, s.publisher, lang);
            match lang {
                Lang::En => format!("{publisher}, {}", s.date),
                Lang::Zh => format!("{publisher}，{}", s.date),
            }
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::data::dataset;
    use crate::i18n::EN;
    use crate::state::{Lang, UrlState, View};

    /// Each view memoises its figures on `UrlState::for_view`: it must keep everything they read.
    #[test]
    fn a_views_figures_depend_only_on_its_own_part_of_the_state() {
        let d = dataset();
        let queries = [
            "?view=reserves&edition=2025&measure=share&table=1",
            "?view=reserves&edition=2024&measure=years&lang=zh",
            "?view=discoveries&country=China&basis=expected-additional",
            "?view=discoveries&basis=resource&edition=2025",
            "?view=quotas&quota=batches&from=2019&to=2024",
            "?view=quotas&quota=split&from=2016&measure=share",
            "?view=exports&show=unit-value&country=China",
            "?view=exports&show=value",
        ];
        for q in queries {
            let s = UrlState::from_query(q).0;
            let same = |v: View| s.for_view(v);
            use super::{discoveries, exports, quotas, reserves};
            let reserves = |s: &UrlState| reserves::figure(d, s, Lang::En, &EN);
            let discoveries = |s: &UrlState| discoveries::figure(d, s, Lang::En, &EN);
            let off_chart = |s: &UrlState| discoveries::off_chart(d, s, Lang::En, &EN);
            let quotas = |s: &UrlState| quotas::figure(d, s, Lang::En, &EN);
            let exports = |s: &UrlState| exports::annual(d, s, Lang::En, &EN);
            assert_eq!(reserves(&s), reserves(&same(View::Reserves)), "{q}");
            assert_eq!(
                discoveries(&s),
                discoveries(&same(View::Discoveries)),
                "{q}"
            );
            assert_eq!(off_chart(&s), off_chart(&same(View::Discoveries)), "{q}");
            assert_eq!(quotas(&s), quotas(&same(View::Quotas)), "{q}");
            assert_eq!(exports(&s), exports(&same(View::Exports)), "{q}");
        }
    }

    /// The download holds what the reader is looking at: the rows charted, in the chart's order.
    #[test]
    fn the_csv_of_a_view_has_the_rows_it_charts() {
        let d = dataset();
        let state = |q: &str| UrlState::from_query(q).0;
        let column = |csv: &super::Csv, name: &str| -> Vec<String> {
            let i = csv.header.iter().position(|h| h == name).expect(name);
            csv.rows.iter().map(|r| r[i].clone()).collect()
        };

        let s = state("?view=reserves&edition=2025&measure=share");
        let super::Chart::Bars(bars) = super::reserves::figure(d, &s, Lang::En, &EN).chart else {
            panic!("reserves draws bars");
        };
        let csv = super::csv(d, &s);
        let countries = column(&csv, "country");
        let charted: Vec<&str> = bars.rows.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(countries[..charted.len()], charted[..]);
        assert_eq!(
            countries[charted.len()..],
            ["World"],
            "the world total, no Liangshan in %"
        );
        assert!(csv.rows.iter().all(|r| r.len() == csv.header.len()));

        let s = state("?view=quotas&from=2019&to=2024");
        let years: Vec<String> = d
            .quotas
            .iter()
            .filter(|q| (2019..=2024).contains(&q.year))
            .map(|q| q.year.to_string())
            .collect();
        assert_eq!(column(&super::csv(d, &s), "year"), years);

        let s = state("?view=discoveries&country=Sweden");
        let ids: Vec<String> = super::discoveries::filtered(d, &s)
            .map(|f| f.id.to_string())
            .collect();
        assert!(!ids.is_empty());
        assert_eq!(column(&super::csv(d, &s), "id"), ids);

        let csv = super::csv(d, &state("?view=exports&show=value"));
        assert_eq!(csv.rows.len(), d.exports_annual.len());
    }
}
