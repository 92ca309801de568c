//! What the Quotas view shows for a state of its controls, as plain functions of the dataset:
//! China's mining (and smelting/separation) quotas by year, as totals, as the light/ionic split or
//! batch by batch; unpublished years stay visible gaps.

use super::state::{Breakdown, State};
use crate::charts::columns::{Column, Columns, Segment, Series};
use crate::data::derived::{batch_change, quota_change, quota_sources, Change, QuotaSeries};
use crate::data::{Dataset, Quota, QuotaBatch, QuotaStatus};
use crate::figure::{
    cite, raw, source_cells, sources_of, Chart, Csv, Figure, Table, Ticks, SOURCE_HEADER,
};
use crate::format::{change, change_in_words, number, tonnes};
use crate::i18n::{fill, Lang, QuotasTexts, Strings};

/// The year the article is about: highlighted.
const ARTICLE_YEAR: u16 = 2024;

/// The years on record and the span the reader chose (clamped to them, swapped if reversed).
pub fn year_span(d: &Dataset, state: &State) -> (u16, u16) {
    let first = d
        .quotas
        .iter()
        .map(|q| q.year)
        .min()
        .unwrap_or(ARTICLE_YEAR);
    let last = d
        .quotas
        .iter()
        .map(|q| q.year)
        .max()
        .unwrap_or(ARTICLE_YEAR);
    let clamp = |y: u16| y.clamp(first, last);
    let (from, to) = (
        clamp(state.from.unwrap_or(first)),
        clamp(state.to.unwrap_or(last)),
    );
    (from.min(to), from.max(to))
}

fn gap_text(q: &Quota, t: &Strings, w: &QuotasTexts) -> &'static str {
    match q.status {
        QuotaStatus::NotPublished => t.gap_not_published,
        _ => w.gap_not_found,
    }
}

fn t_or_dash(v: Option<f64>, lang: Lang) -> String {
    v.map(|v| tonnes(v, lang)).unwrap_or_else(|| "–".into())
}

/// A change as a readout gives it: "+5.9 % on 2023" / "较2023年增长5.9%", with ", computed here"
/// when no source states it.
fn change_words(c: Change, template: &str, previous: u16, lang: Lang, t: &Strings) -> String {
    let mut s = fill(
        template,
        &[
            ("change", &change_in_words(c.percent, lang)),
            ("previous", &crate::format::year(previous, lang)),
        ],
    );
    if c.computed {
        s.push_str(t.computed_mark);
    }
    s
}

/// A change in a table cell: "+5.9 %", or "+14.3 %*" where it is computed here (a note says so).
fn change_cell(c: Option<Change>, lang: Lang) -> String {
    match c {
        Some(c) if c.computed => format!("{}*", change(c.percent, lang)),
        Some(c) => change(c.percent, lang),
        None => "–".into(),
    }
}

/// Everything one year's column is built from, and the readouts it adds.
struct Builder<'a> {
    d: &'a Dataset,
    lang: Lang,
    t: &'a Strings,
    w: &'a QuotasTexts,
    readouts: Vec<String>,
}

impl Builder<'_> {
    fn push(&mut self, text: String) -> usize {
        self.readouts.push(text);
        self.readouts.len() - 1
    }

    /// One series of a year: "2024: Smelting/separation quota 254,000 t (+4.2 % on 2023) · source".
    fn series(
        &mut self,
        q: &Quota,
        what: &str,
        value: f64,
        series: QuotaSeries,
        at: usize,
    ) -> Segment {
        let (d, lang, t) = (self.d, self.lang, self.t);
        let mut s = t.head(&q.year.to_string(), &t.labelled(what, &tonnes(value, lang)));
        if let Some(c) = quota_change(d, q.year, series) {
            s.push_str(&t.paren(&change_words(c, t.change_on, q.year - 1, lang, t)));
        }
        s.push_str(&format!(" · {}", cite(d, quota_sources(q, series), lang)));
        Segment {
            value,
            series: at,
            label: None,
            datum: self.push(s),
        }
    }

    fn total(&mut self, q: &Quota) -> Vec<Vec<Segment>> {
        let w = self.w;
        let mining = q
            .mining_t
            .map(|m| vec![self.series(q, w.mining_quota, m, QuotaSeries::Mining, 0)]);
        let smelting = q
            .smelting_t
            .map(|s| vec![self.series(q, w.smelting_quota, s, QuotaSeries::Smelting, 1)]);
        // An empty group keeps the smelting slot, so mining bars stay where they are.
        vec![mining.unwrap_or_default(), smelting.unwrap_or_default()]
    }

    fn split(&mut self, q: &Quota) -> Vec<Vec<Segment>> {
        let w = self.w;
        match (q.light_t, q.ionic_t, q.mining_t) {
            (Some(l), Some(i), _) => vec![vec![
                self.series(q, w.light_quota, l, QuotaSeries::Light, 0),
                self.series(q, w.ionic_quota, i, QuotaSeries::Ionic, 1),
            ]],
            (_, _, Some(m)) => vec![vec![self.series(
                q,
                w.split_unknown,
                m,
                QuotaSeries::Mining,
                2,
            )]],
            _ => Vec::new(),
        }
    }

    fn batches(&mut self, q: &Quota) -> Vec<Vec<Segment>> {
        let (d, lang, t, w) = (self.d, self.lang, self.t, self.w);
        let batches: Vec<&QuotaBatch> = d
            .quota_batches
            .iter()
            .filter(|b| b.year == q.year)
            .collect();
        if batches.is_empty() {
            return match q.mining_t {
                Some(m) => vec![vec![self.series(
                    q,
                    w.mining_quota_unbatched,
                    m,
                    QuotaSeries::Mining,
                    3,
                )]],
                None => Vec::new(),
            };
        }
        let mut stack = Vec::new();
        for b in batches {
            let Some(m) = b.mining_t else { continue };
            let batch = format!(
                "{}{}{}",
                crate::format::year(q.year, lang),
                t.citation_comma,
                fill(w.batch_n, &[("n", &b.batch.to_string())])
            );
            let mut s = t.head(&batch, &t.labelled(w.mining_quota, &tonnes(m, lang)));
            if let Some(c) = batch_change(d, b.year, b.batch, false) {
                s.push_str(&t.paren(&change_words(
                    c,
                    w.change_on_same_batch,
                    b.year - 1,
                    lang,
                    t,
                )));
            }
            if let Some(sm) = b.smelting_t {
                s.push_str(" · ");
                s.push_str(&t.labelled(w.smelting_quota, &tonnes(sm, lang)));
                if let Some(c) = batch_change(d, b.year, b.batch, true) {
                    s.push_str(&t.paren(&change_words(
                        c,
                        w.change_on_same_batch,
                        b.year - 1,
                        lang,
                        t,
                    )));
                }
            }
            s.push_str(&format!(
                " · {} · {}",
                b.announced,
                cite(d, b.sources, lang)
            ));
            stack.push(Segment {
                value: m,
                series: usize::from(b.batch.saturating_sub(1)).min(2),
                label: (q.year == ARTICLE_YEAR).then(|| number(m, 0)),
                datum: self.push(s),
            });
        }
        // A year whose batches are not all reported (2021: only the first) keeps its published
        // total: the part no batch accounts for is drawn hollow and said to be exactly that.
        let reported: f64 = stack.iter().map(|seg| seg.value).sum();
        if let Some(total) = q.mining_t.filter(|&total| total > reported) {
            let rest = total - reported;
            let text = fill(
                w.batch_rest,
                &[
                    ("year", &q.year.to_string()),
                    ("value", &tonnes(rest, lang)),
                    ("total", &tonnes(total, lang)),
                ],
            );
            let text = format!("{text} · {}", cite(d, q.sources, lang));
            stack.push(Segment {
                value: rest,
                series: 3,
                label: None,
                datum: self.push(text),
            });
        }
        vec![stack]
    }

    /// A year without a published quota: a labelled gap the reader can land on.
    fn gap(&mut self, q: &Quota, column: &mut Column) {
        let (d, lang, t, w) = (self.d, self.lang, self.t, self.w);
        column.gap = Some(gap_text(q, t, w).to_string());
        column.gap_datum = Some(self.push(format!(
            "{} · {}",
            t.head(&q.year.to_string(), gap_text(q, t, w)),
            cite(d, q.sources, lang)
        )));
    }
}

fn legend(breakdown: Breakdown, w: &QuotasTexts) -> Vec<Series> {
    let series = |name: String, hollow: bool| Series { name, hollow };
    match breakdown {
        Breakdown::Total => vec![
            series(w.mining_quota.into(), false),
            series(w.smelting_quota.into(), true),
        ],
        Breakdown::Split => vec![
            series(w.light_quota.into(), false),
            series(w.ionic_quota.into(), false),
            series(w.split_unknown.into(), true),
        ],
        Breakdown::Batches => vec![
            series(fill(w.batch_n, &[("n", "1")]), false),
            series(fill(w.batch_n, &[("n", "2")]), false),
            series(fill(w.batch_n, &[("n", "3")]), false),
            series(w.batches_unknown.into(), true),
        ],
    }
}

pub fn figure(d: &Dataset, state: &State, lang: Lang, t: &Strings, w: &QuotasTexts) -> Figure {
    let (from, to) = year_span(d, state);
    let years: Vec<&Quota> = d
        .quotas
        .iter()
        .filter(|q| (from..=to).contains(&q.year))
        .collect();
    let breakdown = state.breakdown;
    let mut build = Builder {
        d,
        lang,
        t,
        w,
        readouts: Vec::new(),
    };
    let mut columns = Vec::new();
    for q in &years {
        let mut column = Column {
            label: q.year.to_string(),
            groups: Vec::new(),
            gap: None,
            gap_datum: None,
            highlight: q.year == ARTICLE_YEAR,
        };
        if q.status == QuotaStatus::Published {
            column.groups = match breakdown {
                Breakdown::Total => build.total(q),
                Breakdown::Split => build.split(q),
                Breakdown::Batches => build.batches(q),
            };
        } else {
            build.gap(q, &mut column);
        }
        columns.push(column);
    }

    let summary = summary(d, lang, t, w);
    let gaps: Vec<String> = years
        .iter()
        .filter(|q| q.status != QuotaStatus::Published)
        .map(|q| q.year.to_string())
        .collect();
    let listed: Vec<String> = years
        .iter()
        .filter_map(|q| Some(format!("{} {}", q.year, tonnes(q.mining_t?, lang))))
        .collect();
    let mut alt = format!(
        "{summary} {}",
        fill(w.quotas_alt, &[("list", &listed.join(t.list_separator))])
    );
    if !gaps.is_empty() {
        alt.push(' ');
        alt.push_str(&fill(
            w.quotas_alt_gaps,
            &[("gaps", &gaps.join(t.list_separator))],
        ));
    }

    let table = match breakdown {
        Breakdown::Batches => batches_table(d, from, to, lang, w),
        _ => years_table(d, &years, from, to, lang, t, w),
    };
    let mut notes = vec![
        w.note_quota_batches.to_string(),
        w.note_quota_gaps.to_string(),
    ];
    if breakdown == Breakdown::Split {
        notes.push(w.note_quota_split.to_string());
    }
    if table.rows.iter().flatten().any(|cell| cell.ends_with('*')) {
        notes.push(w.note_computed_change.to_string());
    }
    notes.push(t.note_china_production_quota.to_string());
    let mut cells: Vec<&&'static str> = years.iter().map(|q| &q.sources).collect();
    cells.extend(
        d.quota_batches
            .iter()
            .filter(|b| (from..=to).contains(&b.year))
            .map(|b| &b.sources),
    );
    Figure {
        summary,
        alt,
        chart: Chart::columns(Columns {
            columns,
            series: legend(breakdown, w),
            axis_label: w.axis_quota.to_string(),
            periods: Vec::new(),
        }),
        ticks: Ticks::Tonnes,
        readouts: build.readouts,
        table,
        notes,
        sources: sources_of(d, cells),
    }
}

fn batches_table(d: &Dataset, from: u16, to: u16, lang: Lang, w: &QuotasTexts) -> Table {
    Table {
        caption: fill(
            w.batches_table_caption,
            &[("from", &from.to_string()), ("to", &to.to_string())],
        ),
        headers: w
            .batches_table_headers
            .iter()
            .map(|h| h.to_string())
            .collect(),
        rows: d
            .quota_batches
            .iter()
            .filter(|b| (from..=to).contains(&b.year))
            .map(|b| {
                vec![
                    format!(
                        "{} · {}",
                        b.year,
                        fill(w.batch_n, &[("n", &b.batch.to_string())])
                    ),
                    b.announced.to_string(),
                    t_or_dash(b.mining_t, lang),
                    t_or_dash(b.smelting_t, lang),
                    t_or_dash(b.light_t, lang),
                    t_or_dash(b.ionic_t, lang),
                    change_cell(batch_change(d, b.year, b.batch, false), lang),
                    cite(d, b.sources, lang),
                ]
            })
            .collect(),
        numeric: vec![false, false, true, true, true, true, true, false],
    }
}

fn years_table(
    d: &Dataset,
    years: &[&Quota],
    from: u16,
    to: u16,
    lang: Lang,
    t: &Strings,
    w: &QuotasTexts,
) -> Table {
    Table {
        caption: fill(
            w.quotas_table_caption,
            &[("from", &from.to_string()), ("to", &to.to_string())],
        ),
        headers: w
            .quotas_table_headers
            .iter()
            .map(|h| h.to_string())
            .collect(),
        rows: years
            .iter()
            .map(|q| {
                let gap =
                    (q.status != QuotaStatus::Published).then(|| gap_text(q, t, w).to_string());
                vec![
                    q.year.to_string(),
                    gap.unwrap_or_else(|| t_or_dash(q.mining_t, lang)),
                    t_or_dash(q.smelting_t, lang),
                    t_or_dash(q.light_t, lang),
                    t_or_dash(q.ionic_t, lang),
                    change_cell(quota_change(d, q.year, QuotaSeries::Mining), lang),
                    q.batches
                        .map(|b| b.to_string())
                        .unwrap_or_else(|| "–".into()),
                    cite(d, q.sources, lang),
                ]
            })
            .collect(),
        numeric: vec![false, true, true, true, true, true, true, false],
    }
}

/// The years or batches charted, for a spreadsheet (the download).
pub fn csv(d: &Dataset, state: &State) -> Csv {
    let (from, to) = year_span(d, state);
    let breakdown = state.breakdown;
    if breakdown == Breakdown::Batches {
        let header: Vec<&str> = [
            "year",
            "batch",
            "announced",
            "mining_t_reo",
            "smelting_separation_t_reo",
            "light_t_reo",
            "ionic_t_reo",
        ]
        .into_iter()
        .chain(SOURCE_HEADER)
        .collect();
        let mut csv = Csv::new(&header);
        for b in d
            .quota_batches
            .iter()
            .filter(|b| (from..=to).contains(&b.year))
        {
            let mut row = vec![
                b.year.to_string(),
                b.batch.to_string(),
                b.announced.to_string(),
            ];
            row.extend([b.mining_t, b.smelting_t, b.light_t, b.ionic_t].map(raw));
            row.extend(source_cells(d, b.sources));
            csv.rows.push(row);
        }
        return csv;
    }
    let header: Vec<&str> = [
        "year",
        "status",
        "mining_t_reo",
        "smelting_separation_t_reo",
        "light_t_reo",
        "ionic_t_reo",
        "batches",
    ]
    .into_iter()
    .chain(SOURCE_HEADER)
    .collect();
    let mut csv = Csv::new(&header);
    for q in d.quotas.iter().filter(|q| (from..=to).contains(&q.year)) {
        let status = match q.status {
            QuotaStatus::Published => "published",
            QuotaStatus::NotFound => "not_found",
            QuotaStatus::NotPublished => "not_published",
        };
        let mut row = vec![q.year.to_string(), status.to_string()];
        row.extend([q.mining_t, q.smelting_t, q.light_t, q.ionic_t].map(raw));
        row.push(q.batches.map(|b| b.to_string()).unwrap_or_default());
        row.extend(source_cells(d, q.sources));
        csv.rows.push(row);
    }
    csv
}

/// The article's year in one sentence: total, batches (the article's 135,000 t is one of them) and
/// growth.
pub fn summary(d: &Dataset, lang: Lang, t: &Strings, w: &QuotasTexts) -> String {
    let Some(q) = d.quotas.iter().find(|q| q.year == ARTICLE_YEAR) else {
        return String::new();
    };
    let batches: Vec<String> = d
        .quota_batches
        .iter()
        .filter(|b| b.year == ARTICLE_YEAR)
        .filter_map(|b| Some(tonnes(b.mining_t?, lang)))
        .collect();
    let change = quota_change(d, ARTICLE_YEAR, QuotaSeries::Mining)
        .map(|c| change_words(c, t.change_on, ARTICLE_YEAR - 1, lang, t))
        .unwrap_or_default();
    fill(
        w.quotas_summary,
        &[
            ("year", &ARTICLE_YEAR.to_string()),
            ("total", &t_or_dash(q.mining_t, lang)),
            ("count", &crate::format::count(batches.len(), lang)),
            ("batches", &batches.join(" + ")),
            ("change", &change),
        ],
    )
}

/// A file name that says what it holds: `china-rare-earth-quotas-2019-2024-batches`.
pub fn file_stem(d: &Dataset, state: &State) -> String {
    let (from, to) = year_span(d, state);
    let kind = if state.breakdown == Breakdown::Batches {
        "-batches"
    } else {
        ""
    };
    format!("china-rare-earth-quotas-{from}-{to}{kind}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset;
    use crate::i18n::{EN, EN_QUOTAS};

    fn state(q: &str) -> State {
        crate::url::Params::read(&crate::url::Query::parse(q), &mut Default::default())
    }

    #[test]
    fn the_summary_names_both_135000_t_batches() {
        let f = figure(dataset(), &state(""), Lang::En, &EN, &EN_QUOTAS);
        assert!(f.summary.contains("135,000 t + 135,000 t"), "{}", f.summary);
        assert!(f.summary.contains("270,000 t"), "{}", f.summary);
        assert!(f.summary.contains("+5.9 %"), "{}", f.summary);
    }

    #[test]
    fn unpublished_years_are_gaps_not_zeros() {
        let f = figure(dataset(), &state(""), Lang::En, &EN, &EN_QUOTAS);
        let Chart::Columns(c, _) = &f.chart else {
            panic!("quotas draw columns")
        };
        for year in ["2012", "2015", "2025"] {
            let col = c
                .columns
                .iter()
                .find(|col| col.label == year)
                .expect("gap years are listed");
            assert!(col.groups.is_empty() && col.gap.is_some(), "{year}");
        }
        let row = f
            .table
            .rows
            .iter()
            .find(|r| r[0] == "2025")
            .expect("2025 row");
        assert_eq!(row[1], EN.gap_not_published);
    }

    #[test]
    fn batches_stack_to_the_year_and_grow_12_5_percent() {
        let f = figure(
            dataset(),
            &state("?quota=batches&from=2024&to=2024"),
            Lang::En,
            &EN,
            &EN_QUOTAS,
        );
        let Chart::Columns(c, _) = &f.chart else {
            panic!("quotas draw columns")
        };
        let stack = &c.columns[0].groups[0];
        assert_eq!(stack.iter().map(|s| s.value).sum::<f64>(), 270_000.0);
        assert_eq!(stack[0].label.as_deref(), Some("135,000"));
        assert!(f.table.rows.iter().all(|r| r[6] == "+12.5 %"));
    }

    #[test]
    fn the_year_range_is_clamped_and_ordered() {
        let d = dataset();
        // The last year on record is 2026, a year whose quota no source reports (a gap).
        assert_eq!(year_span(d, &state("?from=2030&to=2016")), (2016, 2026));
        assert_eq!(year_span(d, &state("?from=1990")), (2010, 2026));
    }

    #[test]
    fn the_split_adds_up_to_the_mining_quota() {
        let f = figure(
            dataset(),
            &state("?quota=split&from=2010&to=2010"),
            Lang::En,
            &EN,
            &EN_QUOTAS,
        );
        let Chart::Columns(c, _) = &f.chart else {
            panic!("quotas draw columns")
        };
        let values: Vec<f64> = c.columns[0].groups[0].iter().map(|s| s.value).collect();
        assert_eq!(values, vec![77_000.0, 12_200.0]);
    }

    #[test]
    fn each_readout_carries_its_own_series_change() {
        let f = figure(
            dataset(),
            &state("?from=2024&to=2024"),
            Lang::En,
            &EN,
            &EN_QUOTAS,
        );
        let smelting = f
            .readouts
            .iter()
            .find(|r| r.starts_with("2024: Smelting/separation quota 254,000 t"))
            .expect("the smelting readout");
        assert!(smelting.contains("(+4.2 % on 2023)"), "{smelting}");
        assert!(!smelting.contains("5.9"), "{smelting}");
        let split = figure(
            dataset(),
            &state("?quota=split&from=2018&to=2018"),
            Lang::En,
            &EN,
            &EN_QUOTAS,
        );
        let ionic = split
            .readouts
            .iter()
            .find(|r| r.contains("Ionic"))
            .expect("the ionic readout");
        assert!(ionic.contains("+7 % on 2017, computed here"), "{ionic}");
    }

    #[test]
    fn a_year_whose_batches_are_not_all_reported_keeps_its_total_and_says_so() {
        let f = figure(
            dataset(),
            &state("?quota=batches&from=2021&to=2021"),
            Lang::En,
            &EN,
            &EN_QUOTAS,
        );
        let Chart::Columns(c, _) = &f.chart else {
            panic!("quotas draw columns")
        };
        let stack = &c.columns[0].groups[0];
        assert_eq!(stack.iter().map(|s| s.value).sum::<f64>(), 168_000.0);
        assert_eq!(stack[1].series, 3, "the unreported part is drawn hollow");
        assert!(
            f.readouts[1].contains("not reported batch by batch"),
            "{}",
            f.readouts[1]
        );
        let y2019 = figure(
            dataset(),
            &state("?quota=batches&from=2019&to=2019"),
            Lang::En,
            &EN,
            &EN_QUOTAS,
        );
        assert!(
            y2019
                .readouts
                .iter()
                .any(|r| r.starts_with("2019, Batch 2: Mining quota 72,000 t")),
            "{:?}",
            y2019.readouts
        );
    }
}
