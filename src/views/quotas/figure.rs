//! What the Quotas view shows for a state of its controls, as plain functions of the dataset:
//! China's mining (and smelting/separation) quotas by year, as totals, as the light/ionic split or
//! batch by batch; unpublished years stay visible gaps.

use super::state::{Breakdown, State};
use crate::charts::columns::{Column, Columns, Segment, Series};
use crate::data::derived::{batch_change, quota_change, quota_sources, Change, QuotaSeries};
use crate::data::{Dataset, Quota, QuotaBatch, QuotaStatus, Topic};
use crate::figure::{
    cite, marked_events, raw, source_cells, sources_of, year_column, Chart, Csv, Figure, Table,
    Ticks, SOURCE_HEADER,
};
use crate::format::{change, change_in_words, count, tonnes, tonnes_bare, year as year_name};
use crate::i18n::{fill, then, Lang, QuotasTexts, Strings};

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

/// A light or ionic cell, marked † where the year's split is partly worked out here.
fn split_cell(v: Option<f64>, derived: bool, lang: Lang) -> String {
    match v {
        Some(v) if derived => format!("{}†", tonnes(v, lang)),
        _ => t_or_dash(v, lang),
    }
}

/// A change as a readout gives it: "+5.9 % on 2023" / "较2023年增长5.9%", with ", computed here"
/// when no source states it, and the source's rounded figure where it gives only that.
pub fn change_words(
    c: Change,
    template: &str,
    previous: u16,
    lang: Lang,
    t: &Strings,
    w: &QuotasTexts,
) -> String {
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
    if let Some(rounded) = c.source_rounded {
        s.push_str(&fill(
            w.source_rounds,
            &[("change", &change_in_words(rounded, lang))],
        ));
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
    /// `aside`: what the readout adds about the figure (a split not published, or worked out).
    fn series(
        &mut self,
        q: &Quota,
        what: &str,
        value: f64,
        series: QuotaSeries,
        at: usize,
        aside: Option<&str>,
    ) -> Segment {
        let (d, lang, t, w) = (self.d, self.lang, self.t, self.w);
        let mut s = t.head(
            &year_name(q.year, lang),
            &t.labelled(what, &tonnes(value, lang)),
        );
        if let Some(c) = quota_change(d, q.year, series) {
            s.push_str(&t.paren(&change_words(c, t.change_on, q.year - 1, lang, t, w)));
        }
        if let Some(aside) = aside {
            s.push_str(&format!(" · {aside}"));
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
            .map(|m| vec![self.series(q, w.mining_quota, m, QuotaSeries::Mining, 0, None)]);
        let smelting = q
            .smelting_t
            .map(|s| vec![self.series(q, w.smelting_quota, s, QuotaSeries::Smelting, 1, None)]);
        // An empty group keeps the smelting slot, so mining bars stay where they are.
        vec![mining.unwrap_or_default(), smelting.unwrap_or_default()]
    }

    fn split(&mut self, q: &Quota) -> Vec<Vec<Segment>> {
        let w = self.w;
        let worked_out = q.split_derived.then_some(w.split_worked_out);
        match (q.light_t, q.ionic_t, q.mining_t) {
            (Some(l), Some(i), _) => vec![vec![
                self.series(q, w.light_quota, l, QuotaSeries::Light, 0, worked_out),
                self.series(q, w.ionic_quota, i, QuotaSeries::Ionic, 1, worked_out),
            ]],
            (_, _, Some(m)) => vec![vec![self.series(
                q,
                w.mining_quota,
                m,
                QuotaSeries::Mining,
                2,
                Some(w.split_not_published),
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
                    None,
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
                    w,
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
                        w,
                    )));
                }
            }
            s.push_str(&format!(
                " · {} · {}",
                crate::format::date(b.announced, lang),
                cite(d, b.sources, lang)
            ));
            stack.push(Segment {
                value: m,
                series: usize::from(b.batch.saturating_sub(1)).min(2),
                label: (q.year == ARTICLE_YEAR).then(|| tonnes_bare(m, lang)),
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
                    ("year", &year_name(q.year, lang)),
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
            t.head(&year_name(q.year, lang), gap_text(q, t, w)),
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

    let year_list: Vec<u16> = years.iter().map(|q| q.year).collect();
    let events = marked_events(
        d,
        Topic::Quotas,
        |_| true,
        |date| year_column(&year_list, date),
        lang,
        t,
        &mut build.readouts,
    );
    let summary = summary(d, lang, t, w);
    let gaps: Vec<u16> = years
        .iter()
        .filter(|q| q.status != QuotaStatus::Published)
        .map(|q| q.year)
        .collect();
    let listed: Vec<String> = years
        .iter()
        .filter_map(|q| Some(t.labelled(&year_name(q.year, lang), &tonnes(q.mining_t?, lang))))
        .collect();
    let mut alt = then(
        &summary,
        &fill(w.quotas_alt, &[("list", &listed.join(t.list_separator))]),
    );
    if !gaps.is_empty() {
        let text = fill(
            w.quotas_alt_gaps,
            &[("gaps", &crate::format::years(&gaps, lang))],
        );
        alt = then(&alt, &text);
    }

    let alt = events.alt(alt, &build.readouts);
    let table = match breakdown {
        Breakdown::Batches => batches_table(d, from, to, lang, w),
        _ => years_table(d, &years, from, to, lang, t, w),
    };
    let mut notes = batch_notes(d, lang, w);
    notes.extend(gap_note(&years, lang, w));
    if breakdown == Breakdown::Split {
        notes.push(w.note_quota_split.to_string());
    }
    if table.rows.iter().flatten().any(|cell| cell.ends_with('†')) {
        notes.push(w.note_split_worked_out.to_string());
    }
    if table.rows.iter().flatten().any(|cell| cell.ends_with('*')) {
        notes.push(w.note_computed_change.to_string());
    }
    // Where USGS set China's output equal to the quota (MCS 2025, for 2023–24): said here, where
    // the quotas are, and nowhere a later edition's estimate is shown.
    for edition in crate::data::derived::editions(d) {
        let footnoted = crate::data::derived::output_set_to_quota(d, edition);
        if !footnoted.is_empty() {
            notes.push(quota_footnote_note(edition, &footnoted, lang, t, w));
        }
    }
    let mut cells: Vec<&&'static str> = years.iter().map(|q| &q.sources).collect();
    cells.extend(
        d.quota_batches
            .iter()
            .filter(|b| (from..=to).contains(&b.year))
            .map(|b| &b.sources),
    );
    cells.extend(&events.sources);
    Figure {
        summary,
        alt,
        chart: Chart::columns(Columns {
            columns,
            series: legend(breakdown, w),
            axis_label: w.axis_quota.to_string(),
            periods: Vec::new(),
            events: events.marks,
        }),
        ticks: Ticks::Tonnes,
        readouts: build.readouts,
        table,
        notes,
        sources: sources_of(d, cells),
        events: events.list,
    }
}

fn batches_table(d: &Dataset, from: u16, to: u16, lang: Lang, w: &QuotasTexts) -> Table {
    // The caption spans the batches listed, not the years chosen: no batch is on record before
    // 2019 or after 2024, whatever the range.
    let listed = || {
        d.quota_batches
            .iter()
            .map(|b| b.year)
            .filter(|y| (from..=to).contains(y))
    };
    let (first, last) = (listed().min().unwrap_or(from), listed().max().unwrap_or(to));
    Table {
        caption: fill(
            w.batches_table_caption,
            &[("from", &first.to_string()), ("to", &last.to_string())],
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
                    split_cell(q.light_t, q.split_derived, lang),
                    split_cell(q.ionic_t, q.split_derived, lang),
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

/// "MCS 2025 gave China's mine production for 2023–24 as equal to its mining quota."
fn quota_footnote_note(
    edition: u16,
    years: &[u16],
    lang: Lang,
    t: &Strings,
    w: &QuotasTexts,
) -> String {
    let named = fill(t.mcs_named, &[("edition", &edition.to_string())]);
    let years_text = crate::format::years(years, lang);
    fill(
        w.note_quota_footnote,
        &[("edition", &named), ("years", &years_text)],
    )
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
    let batches: Vec<f64> = d
        .quota_batches
        .iter()
        .filter(|b| b.year == ARTICLE_YEAR)
        .filter_map(|b| b.mining_t)
        .collect();
    let change = quota_change(d, ARTICLE_YEAR, QuotaSeries::Mining)
        .map(|c| change_words(c, t.change_on, ARTICLE_YEAR - 1, lang, t, w))
        .unwrap_or_default();
    fill(
        w.quotas_summary,
        &[
            ("year", &ARTICLE_YEAR.to_string()),
            ("total", &t_or_dash(q.mining_t, lang)),
            ("batches", &batches_words(&batches, lang, w)),
            ("change", &change),
        ],
    )
}

/// "in two batches of 135,000 t each" / "分两批下达，每批13.5万吨"; batches of different sizes
/// are listed.
fn batches_words(batches: &[f64], lang: Lang, w: &QuotasTexts) -> String {
    let n = count(batches.len(), lang);
    match batches.first() {
        Some(&first) if batches.iter().all(|&b| b == first) => fill(
            w.batches_equal,
            &[("count", &n), ("value", &tonnes(first, lang))],
        ),
        _ => {
            let sizes: Vec<String> = batches.iter().map(|&b| tonnes(b, lang)).collect();
            let join = if lang == Lang::Zh { "、" } else { " + " };
            fill(
                w.batches_listed,
                &[("count", &n), ("list", &sizes.join(join))],
            )
        }
    }
}

/// The notes on batches, from the data: the years issued in batches, and the article's batch.
fn batch_notes(d: &Dataset, lang: Lang, w: &QuotasTexts) -> Vec<String> {
    let mut notes = Vec::new();
    let batched: Vec<&Quota> = d
        .quotas
        .iter()
        .filter(|q| q.batches.is_some_and(|b| b > 1))
        .collect();
    if let (Some(first), Some(last)) = (batched.first(), batched.last()) {
        // Said of a span only when every year published in it was issued in batches.
        let unbroken = d
            .quotas
            .iter()
            .filter(|q| (first.year..=last.year).contains(&q.year))
            .all(|q| q.status != QuotaStatus::Published || q.batches.is_some_and(|b| b > 1));
        let mut counts: Vec<u8> = batched.iter().filter_map(|q| q.batches).collect();
        crate::order::sort_unique(&mut counts);
        let counts: Vec<String> = counts.iter().map(|&c| count(c.into(), lang)).collect();
        let or = if lang == Lang::Zh { "批或" } else { " or " };
        if unbroken {
            notes.push(fill(
                w.note_quota_batches,
                &[
                    ("from", &first.year.to_string()),
                    ("to", &last.year.to_string()),
                    ("counts", &counts.join(or)),
                ],
            ));
        }
    }
    let article: Vec<f64> = d
        .quota_batches
        .iter()
        .filter(|b| b.year == ARTICLE_YEAR)
        .filter_map(|b| b.mining_t)
        .collect();
    let total = d
        .quotas
        .iter()
        .find(|q| q.year == ARTICLE_YEAR)
        .and_then(|q| q.mining_t);
    if let (Some(&batch), Some(total)) = (article.first(), total) {
        if article.len() > 1 && article.iter().all(|&b| b == batch) {
            notes.push(fill(
                w.note_quota_article,
                &[
                    ("value", &tonnes(batch, lang)),
                    ("year", &ARTICLE_YEAR.to_string()),
                    ("count", &count(article.len(), lang)),
                    ("total", &tonnes(total, lang)),
                ],
            ));
        }
    }
    notes
}

/// The years shown without a figure, and why: not found, or issued without being published.
fn gap_note(years: &[&Quota], lang: Lang, w: &QuotasTexts) -> Option<String> {
    let of = |status: QuotaStatus| -> Vec<u16> {
        years
            .iter()
            .filter(|q| q.status == status)
            .map(|q| q.year)
            .collect()
    };
    let (not_found, not_published) = (of(QuotaStatus::NotFound), of(QuotaStatus::NotPublished));
    let mut note = String::new();
    if !not_found.is_empty() {
        let years = crate::format::years(&not_found, lang);
        note = fill(w.note_quota_not_found, &[("years", &years)]);
    }
    if !not_published.is_empty() {
        let years = crate::format::years(&not_published, lang);
        note = then(
            &note,
            &fill(w.note_quota_not_published, &[("years", &years)]),
        );
    }
    (!note.is_empty()).then(|| then(&note, w.note_quota_gaps))
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
        assert!(
            f.summary.contains("in two batches of 135,000 t each"),
            "{}",
            f.summary
        );
        let zh = figure(
            dataset(),
            &state(""),
            Lang::Zh,
            &crate::i18n::ZH,
            &crate::i18n::ZH_QUOTAS,
        );
        assert!(
            zh.summary
                .starts_with("中国2024年稀土开采总量控制指标为27万吨，分两批下达，每批13.5万吨，"),
            "{}",
            zh.summary
        );
        assert!(f.summary.contains("270,000 t"), "{}", f.summary);
        assert!(f.summary.contains("+5.9 %"), "{}", f.summary);
    }

    #[test]
    fn the_quota_views_say_which_usgs_edition_set_chinas_output_to_the_quota() {
        let d = dataset();
        let f = figure(d, &state(""), Lang::En, &EN, &EN_QUOTAS);
        let footnoted = crate::data::derived::output_set_to_quota(d, 2025);
        assert_eq!(footnoted, vec![2023, 2024]);
        let note = "MCS 2025 gave China's mine production for 2023–24 as equal to its mining \
                    quota (a USGS footnote).";
        assert!(f.notes.iter().any(|n| n == note), "{:?}", f.notes);
        // Not the old, general claim that USGS takes China's quota for its output.
        assert!(f
            .notes
            .iter()
            .all(|n| !n.contains("gives China's mine production as")));
    }

    #[test]
    fn the_batches_caption_spans_the_batches_listed() {
        let d = dataset();
        let f = figure(d, &state("?quota=batches"), Lang::En, &EN, &EN_QUOTAS);
        let years = || d.quota_batches.iter().map(|b| b.year);
        let (first, last) = (years().min().unwrap_or(0), years().max().unwrap_or(0));
        assert_eq!(
            f.table.caption,
            format!("China's rare earth quota batches, {first}–{last}")
        );
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
