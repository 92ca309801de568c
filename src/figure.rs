//! A figure: what a view shows for one state of its controls (summary, chart, readouts, table,
//! notes, sources), already in the reader's language, built by plain functions of the dataset
//! and that state, and what the figures share (citations, CSV cells, names in either language).
//! No DOM here: the same figures are drawn in the browser, in native tests and at build time.

pub mod html;

use crate::charts::{bars, columns, timeline, Drawn, Palette};
use crate::data::{
    derived::events_for, model::source_ids, Dataset, Discovery, Event, Source, Topic,
};
use crate::format;
use crate::i18n::Lang;
use crate::i18n::{fill, Strings};

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
    /// The events the chart marks, numbered as on the chart: one sentence each with its date,
    /// listed under the chart ("4 April 2025: China adds…").
    pub events: Vec<String>,
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
    /// Plain dollars: a price or unit value, whose unit (per tonne, per kg) the axis title gives.
    Usd,
}

impl Ticks {
    /// An axis value as the reader's language writes it: "$200m" / "2亿美元". A Chinese axis
    /// starts at a bare "0", as Chinese charts print it.
    pub fn label(self, v: f64, lang: Lang) -> String {
        if lang == Lang::Zh && v == 0.0 && self != Ticks::Percent {
            return "0".into();
        }
        match (self, lang) {
            (Ticks::Tonnes, _) => format::tonnes_short(v, lang),
            (Ticks::Percent, _) => format::percent(v, lang),
            (Ticks::Years, _) => format::number(v, 0),
            (Ticks::UsdMillions, Lang::En) => format!("${}m", format::number(v, 0)),
            (Ticks::UsdMillions, Lang::Zh) => format::usd_millions(v, lang),
            (Ticks::Usd, Lang::En) => format!("${}", format::number(v, 0)),
            (Ticks::Usd, Lang::Zh) => format!("{}美元", format::figure(v, 0, lang)),
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

/// A publisher's name in the reader's language: the Chinese one where it has one. A company's
/// release carried by another outlet ("Meteoric Resources (release via Investing News Network)")
/// says so in Chinese words around the two names.
pub fn publisher_name(d: &Dataset, name: &'static str, lang: Lang) -> String {
    let zh = |name: &str| -> String {
        d.publishers
            .iter()
            .find(|p| p.name == name)
            .map_or(name, |p| p.name_zh)
            .to_string()
    };
    match lang {
        Lang::En => name.to_string(),
        Lang::Zh if d.publishers.iter().any(|p| p.name == name) => zh(name),
        Lang::Zh => match name
            .strip_suffix(')')
            .and_then(|n| n.split_once(" (release via "))
        {
            Some((company, outlet)) => format!("{}（经{}发布的新闻稿）", zh(company), zh(outlet)),
            None => name.to_string(),
        },
    }
}

/// A source's title for the reader. Where the data describes a publication in its title rather
/// than quoting a headline ("(press report of the group's announcement)", "(headline not seen)"),
/// Chinese copy gives the description in Chinese, in full-width brackets.
pub fn source_title(s: &Source, lang: Lang) -> String {
    if lang == Lang::Zh {
        let described = s
            .title
            .strip_suffix(')')
            .and_then(|t| t.rsplit_once('('))
            .and_then(|(title, note)| {
                let (_, zh) = crate::i18n::TITLE_NOTES_ZH
                    .iter()
                    .find(|(en, _)| *en == note)?;
                Some(format!("{}（{zh}）", title.trim_end()))
            });
        if let Some(title) = described {
            return title;
        }
    }
    s.title.to_string()
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

/// A country's name in the reader's language (the dataset's English name when there is no other).
pub fn country_name(d: &Dataset, name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => name.to_string(),
        Lang::Zh => d
            .countries
            .iter()
            .find(|c| c.name == name)
            .map_or(name, |c| c.name_zh)
            .to_string(),
    }
}

/// "announced 14 September 2024 by China Rare Earth Group" / "中国稀土集团于2024年9月14日公布".
pub fn announced(f: &Discovery, lang: Lang, t: &Strings) -> String {
    let date = if f.announced.is_empty() {
        t.date_unknown.to_string()
    } else {
        format::date(f.announced, lang)
    };
    let by = match lang {
        Lang::En => f.announced_by,
        Lang::Zh => f.announced_by_zh,
    };
    fill(t.announced_by_on, &[("date", &date), ("by", by)])
}
/// A name as a file name part: `Burma (Myanmar)` -> `burma-myanmar`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}
/// A table as plain text lines: a caption, then Markdown rows (the copy deck reads them).
pub fn table_lines(t: &Table) -> Vec<String> {
    let cell = |text: &String| text.replace('|', "\\|");
    let row = |cells: &[String]| {
        format!(
            "| {} |",
            cells.iter().map(cell).collect::<Vec<_>>().join(" | ")
        )
    };
    let mut out = vec![
        format!("Table: {}", t.caption),
        String::new(),
        row(&t.headers),
    ];
    out.push(format!("|{}", " --- |".repeat(t.headers.len())));
    out.extend(t.rows.iter().map(|r| row(r)));
    out.push(String::new());
    out
}

/// The events of `topic` a chart of categories marks: those `keep` selects whose date falls in a
/// category (`column_of` a `YYYY[-MM[-DD]]` date, `None` outside the chart), numbered in date
/// order from 1. Each gets a readout, appended to `readouts` (the keyboard and the pointer land on
/// its marker), and a line of the list under the chart; the text alternative repeats them.
pub fn marked_events(
    d: &Dataset,
    topic: Topic,
    keep: impl Fn(&Event) -> bool,
    column_of: impl Fn(&str) -> Option<usize>,
    lang: Lang,
    t: &Strings,
    readouts: &mut Vec<String>,
) -> Marked {
    let mut marked = Marked::default();
    let shown = events_for(d, topic)
        .into_iter()
        .filter(|e| keep(e))
        .filter_map(|e| Some((e, column_of(e.date)?)));
    for (e, column) in shown {
        let (label, text) = match lang {
            Lang::En => (e.label_en, e.text_en),
            Lang::Zh => (e.label_zh, e.text_zh),
        };
        let item = t.head(&format::date(e.date, lang), text);
        let number = marked.list.len() + 1;
        marked.marks.push(columns::EventMark {
            column,
            number,
            label: label.to_string(),
            datum: readouts.len(),
        });
        readouts.push(fill(
            t.event_readout,
            &[("number", &number.to_string()), ("event", &item)],
        ));
        marked.list.push(item);
        marked.sources.push(&e.sources);
    }
    marked
}

/// What `marked_events` gives a figure: the chart's markers, the list under it, the sources.
#[derive(Default)]
pub struct Marked {
    pub marks: Vec<columns::EventMark>,
    pub list: Vec<String>,
    pub sources: Vec<&'static &'static str>,
}

impl Marked {
    /// The text alternative with the events the chart marks after it.
    pub fn alt(&self, alt: String, readouts: &[String]) -> String {
        self.marks
            .iter()
            .filter_map(|m| readouts.get(m.datum))
            .fold(alt, |alt, r| crate::i18n::then(&alt, r))
    }
}

/// The column of a year chart (`years[i]`, in order) a dated event falls in.
pub fn year_column(years: &[u16], date: &str) -> Option<usize> {
    let year: u16 = date.get(..4)?.parse().ok()?;
    years.iter().position(|&y| y == year)
}

/// The column of a month chart (`months[i]` as (year, month)) a dated event falls in.
pub fn month_column(months: &[(u16, u8)], date: &str) -> Option<usize> {
    let year: u16 = date.get(..4)?.parse().ok()?;
    let month: u8 = date.get(5..7)?.parse().ok()?;
    months.iter().position(|&m| m == (year, month))
}
