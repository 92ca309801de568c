//! The rows only the Discoveries, Quotas and Exports views and the list of the article's claims
//! read, as a text file beside the wasm.
//!
//! A release build moves those views' code into chunks fetched on demand, but wasm-split moves
//! functions, not data: rows embedded as statics would still be in every reader's first download.
//! So a split build embeds only the first view's part (`Dataset::first_view`, called by build.rs),
//! the post-build step writes the rest with `encode`, and the first of those views (or the claims'
//! list) a reader opens fetches the file together with its code and reads it with `decode`.
//!
//! The file is text, so a static host compresses it like the JS. Fields are separated by U+001F,
//! the ASCII unit separator, which `encode` refuses in any text. Whole numbers are written in
//! decimal; a figure as the 16 hex digits of its bits, which reads back exactly and needs no float
//! parser in the wasm; a closed vocabulary with the words of `data/*.csv`. Texts are not copied:
//! every `&'static str` of the decoded rows points into the fetched file, kept for the page's life.

use super::model::*;
use std::iter::Peekable;
use std::str::Split;

const SEPARATOR: char = '\u{1f}';
/// The first field: names the format, so a file of another build is refused, not misread.
const FORMAT: &str = "rare-earth-explorer rows 1";
/// The last field: a file cut short in its last text is refused too.
const END: &str = "end";

/// The file for `d`, the whole dataset: its tables the first view does not read, and the sources
/// only they cite. Fails, naming the text, when a text contains the separator.
pub fn encode(d: &Dataset) -> Result<String, String> {
    let mut out = Out {
        text: FORMAT.to_string(),
        problem: None,
    };
    let more: Vec<Source> = d
        .sources
        .iter()
        .filter(|s| !d.first_view_cites(s.id))
        .copied()
        .collect();
    put_rows(&more, &mut out);
    put_rows(d.discoveries, &mut out);
    put_rows(d.quotas, &mut out);
    put_rows(d.quota_batches, &mut out);
    put_rows(d.exports_annual, &mut out);
    put_rows(d.exports_monthly, &mut out);
    put_rows(d.prices, &mut out);
    put_rows(d.claims, &mut out);
    out.field(END);
    match out.problem {
        Some(text) => Err(format!("a text of the dataset contains U+001F: {text:?}")),
        None => Ok(out.text),
    }
}

/// The whole dataset: `first`, the part embedded in the wasm, completed with the rows of `file`.
/// `None` when the file is not one `encode` wrote for this build (truncated, or another format).
pub fn decode(first: &Dataset, file: &'static str) -> Option<Dataset> {
    let mut input = In(file.split(SEPARATOR).peekable());
    if input.0.next()? != FORMAT {
        return None;
    }
    let more: Vec<Source> = take_rows(&mut input)?;
    let sources = first
        .sources
        .iter()
        .copied()
        .chain(more)
        .collect::<Vec<_>>();
    let d = Dataset {
        sources: sources.leak(),
        discoveries: table(&mut input)?,
        quotas: table(&mut input)?,
        quota_batches: table(&mut input)?,
        exports_annual: table(&mut input)?,
        exports_monthly: table(&mut input)?,
        prices: table(&mut input)?,
        claims: table(&mut input)?,
        ..*first
    };
    // Every field read, then the end, then nothing: anything else is not this build's file.
    (input.0.next() == Some(END) && input.0.next().is_none()).then_some(d)
}

fn table<T: Field>(input: &mut In) -> Option<&'static [T]> {
    take_rows(input).map(|rows| &*rows.leak())
}

struct Out {
    text: String,
    problem: Option<String>,
}

impl Out {
    fn field(&mut self, text: &str) {
        if text.contains(SEPARATOR) {
            self.problem.get_or_insert_with(|| text.to_string());
        }
        self.text.push(SEPARATOR);
        self.text.push_str(text);
    }
}

struct In(Peekable<Split<'static, char>>);

/// A value written as one or more fields, and read back from them.
trait Field: Sized {
    fn put(&self, out: &mut Out);
    fn take(input: &mut In) -> Option<Self>;
}

impl Field for &'static str {
    fn put(&self, out: &mut Out) {
        out.field(self);
    }
    fn take(input: &mut In) -> Option<Self> {
        input.0.next()
    }
}

macro_rules! whole_numbers {
    ($($t:ty),*) => {$(
        impl Field for $t {
            fn put(&self, out: &mut Out) {
                out.field(&self.to_string());
            }
            fn take(input: &mut In) -> Option<Self> {
                input.0.next()?.parse().ok()
            }
        }
    )*};
}
whole_numbers!(u8, u16);

impl Field for f64 {
    fn put(&self, out: &mut Out) {
        out.field(&format!("{:016x}", self.to_bits()));
    }
    fn take(input: &mut In) -> Option<Self> {
        u64::from_str_radix(input.0.next()?, 16)
            .ok()
            .map(f64::from_bits)
    }
}

impl Field for bool {
    fn put(&self, out: &mut Out) {
        out.field(if *self { "yes" } else { "no" });
    }
    fn take(input: &mut In) -> Option<Self> {
        match input.0.next()? {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }
}

/// `None` is an empty field; no value of the types wrapped in an `Option` is written as one.
impl<T: Field> Field for Option<T> {
    fn put(&self, out: &mut Out) {
        match self {
            Some(value) => value.put(out),
            None => out.field(""),
        }
    }
    fn take(input: &mut In) -> Option<Self> {
        if input.0.peek() == Some(&"") {
            input.0.next();
            return Some(None);
        }
        T::take(input).map(Some)
    }
}

/// A table: its number of rows, then each row's fields.
fn put_rows<T: Field>(rows: &[T], out: &mut Out) {
    out.field(&rows.len().to_string());
    for row in rows {
        row.put(out);
    }
}

fn take_rows<T: Field>(input: &mut In) -> Option<Vec<T>> {
    let count: usize = input.0.next()?.parse().ok()?;
    // The count is checked against the fields that follow, not trusted for the allocation.
    let mut rows = Vec::with_capacity(count.min(256));
    for _ in 0..count {
        rows.push(T::take(input)?);
    }
    Some(rows)
}

/// A closed vocabulary, written with the words of `data/*.csv`. Both matches are exhaustive: a
/// variant added to the model and not here does not compile.
macro_rules! words {
    ($($t:ident { $($variant:ident = $word:literal),* $(,)? })*) => {$(
        impl Field for $t {
            fn put(&self, out: &mut Out) {
                out.field(match self { $($t::$variant => $word),* });
            }
            fn take(input: &mut In) -> Option<Self> {
                match input.0.next()? {
                    $($word => Some($t::$variant),)*
                    _ => None,
                }
            }
        }
    )*};
}
words! {
    Qualifier { AsPrinted = "", AtLeast = ">", About = "~" }
    Unit { Oxide = "t_reo", Ore = "t_ore", Unclear = "t_unclear" }
    Basis {
        Reserve = "reserve", Resource = "resource",
        ExpectedAdditionalResource = "expected_additional_resource",
        InternalEstimate = "internal_estimate", Forecast = "forecast",
    }
    QuotaStatus { Published = "published", NotFound = "not_found", NotPublished = "not_published" }
    ValueUnit { UsdM = "usd_m", CnyM = "cny_m" }
    Product { Ndpr = "ndpr_oxide", Nd = "nd_oxide", Pr = "pr_oxide", Dy = "dy_oxide", Tb = "tb_oxide" }
    Topic { Reserves = "reserves", Discoveries = "discoveries", Quotas = "quotas", Exports = "exports" }
    Provenance { Original = "original", Syndicated = "syndicated", Rewrite = "rewrite" }
    Verdict { Confirmed = "confirmed", NeedsContext = "needs_context", NotSupported = "not_supported" }
}

/// A row: its fields in the order listed. The `let` destructures every field, so a field added to
/// the model and not here does not compile.
macro_rules! rows {
    ($($t:ident { $($field:ident),* $(,)? })*) => {$(
        impl Field for $t {
            fn put(&self, out: &mut Out) {
                let $t { $($field),* } = self;
                $($field.put(out);)*
            }
            fn take(input: &mut In) -> Option<Self> {
                Some($t { $($field: Field::take(input)?),* })
            }
        }
    )*};
}
rows! {
    Source { id, title, publisher, date, url, licence, read_via, provenance }
    Discovery {
        id, deposit, name, name_zh, country, place, announced, announced_by, announced_by_zh, size,
        size_qualifier, unit, basis, grade, note, sources,
    }
    Quota {
        year, status, mining_t, smelting_t, mining_change_pct, smelting_change_pct, light_t,
        ionic_t, split_derived, batches, note, sources,
    }
    QuotaBatch {
        year, batch, label, announced, mining_t, smelting_t, mining_change_pct,
        smelting_change_pct, light_t, ionic_t, note, sources,
    }
    ExportYear {
        year, months, volume_t, volume_yoy_pct, value, value_unit, value_yoy_pct, preferred, note,
        sources,
    }
    ExportPeriod { from, to, volume_t, yoy_pct, mom_pct, avg_price_usd_t, note, sources }
    Price { product, year, estimated, usd_per_kg, note, sources }
    Claim {
        id, view, figure, figure_zh, claim_en, claim_zh, verdict, explanation_en, explanation_zh,
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset;

    fn file() -> &'static str {
        encode(dataset()).expect("the dataset encodes").leak()
    }

    fn ids(d: &Dataset) -> Vec<&'static str> {
        let mut ids: Vec<_> = d.sources.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn the_first_view_and_the_file_make_the_whole_dataset() {
        let whole = dataset();
        let first = whole.first_view();
        assert!(first.quotas.is_empty() && first.exports_annual.is_empty());
        assert!(first.sources.len() < whole.sources.len());
        let d = decode(&first, file()).expect("the file decodes");
        assert_eq!(ids(&d), ids(whole));
        for s in whole.sources {
            assert_eq!(d.source(s.id), Some(s));
        }
        assert_eq!(d.discoveries, whole.discoveries);
        assert_eq!(d.quotas, whole.quotas);
        assert_eq!(d.quota_batches, whole.quota_batches);
        assert_eq!(d.exports_annual, whole.exports_annual);
        assert_eq!(d.exports_monthly, whole.exports_monthly);
        assert_eq!(d.prices, whole.prices);
        assert_eq!(d.reserves, whole.reserves);
        assert_eq!(d.claims, whole.claims);
    }

    #[test]
    fn the_first_view_keeps_what_reserves_draws_and_cites() {
        let first = dataset().first_view();
        let liangshan = crate::views::reserves::liangshan(&first).expect("Liangshan is drawn");
        assert_eq!(liangshan.size, Some(4_960_000.0));
        assert!(
            first.claims.is_empty(),
            "the claims' list comes with the file"
        );
        let cells = first.reserves.iter().map(|r| r.sources);
        for cell in cells.chain(first.production.iter().map(|p| p.sources)) {
            assert!(
                source_ids(cell).all(|id| first.source(id).is_some()),
                "{cell}"
            );
        }
    }

    #[test]
    fn a_damaged_or_foreign_file_is_refused_not_misread() {
        let first = dataset().first_view();
        let file = file();
        // Cut anywhere, the file is refused (and nothing panics): every 97th byte, and each of
        // the last 300, where a text cut short would otherwise still read as one.
        let cuts = (0..file.len())
            .step_by(97)
            .chain(file.len() - 300..file.len());
        for end in cuts.filter(|&i| file.is_char_boundary(i)) {
            assert!(decode(&first, &file[..end]).is_none(), "cut at {end}");
        }
        assert!(decode(&first, "").is_none());
        let other = file
            .replacen(FORMAT, "rare-earth-explorer rows 0", 1)
            .leak();
        assert!(decode(&first, other).is_none());
        let longer = format!("{file}{SEPARATOR}x").leak();
        assert!(decode(&first, longer).is_none());
    }

    #[test]
    fn figures_come_back_exactly() {
        for x in [0.1, 6.4, -12.3, 135_000.0, f64::MIN_POSITIVE] {
            let mut out = Out {
                text: String::new(),
                problem: None,
            };
            x.put(&mut out);
            let text = out.text.leak();
            let mut input = In(text[1..].split(SEPARATOR).peekable());
            assert_eq!(f64::take(&mut input), Some(x));
        }
    }

    #[test]
    fn a_text_with_the_separator_is_refused() {
        let mut d = *dataset();
        let mut quotas = d.quotas.to_vec();
        quotas[0].note = "one\u{1f}two";
        d.quotas = quotas.leak();
        let problem = encode(&d).expect_err("the separator is refused");
        assert!(problem.contains("one\\u{1f}two"), "{problem}");
    }
}
