//! The rows a build does not embed, as a text file beside the wasm.
//!
//! A release build moves the code of the parts loaded on demand into chunks, but wasm-split moves
//! functions, not data: rows embedded as statics would still be in every reader's first download.
//! So a split build embeds only a part of the dataset (build.rs asks the first view which), the
//! post-build step writes the rest with `encode`, and the first part loaded on demand fetches the
//! file together with its code and reads it with `decode`. This module knows nothing of which part
//! that is: it writes whatever the embedded part lacks.
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
const FORMAT: &str = "rare-earth-explorer rows 3";
/// The last field: a file cut short in its last text is refused too.
const END: &str = "end";
/// A table the embedded part has whole: the file leaves it out.
const SAME: &str = "=";

/// The texts of a part loaded on demand, carried with the rows (see `i18n::TextPart`): the part's
/// name, then its fields in English and in Chinese; a field is a text, or a list of them.
pub type PartTexts = (&'static str, [Vec<&'static [&'static str]>; 2]);
pub type Texts = Vec<PartTexts>;

/// The file for `whole` given the `part` a build embeds: the sources the part lacks, every table
/// the part does not have whole, and `texts`. Fails, naming the text, when a text contains the
/// separator.
pub fn encode(whole: &Dataset, part: &Dataset, texts: &Texts) -> Result<String, String> {
    let mut out = Out {
        text: FORMAT.to_string(),
        problem: None,
    };
    let more: Vec<Source> = whole
        .sources
        .iter()
        .filter(|s| part.source(s.id).is_none())
        .copied()
        .collect();
    put_rows(&more, &mut out);
    fn put<T: Field + PartialEq>(whole: &[T], part: &[T], out: &mut Out) {
        if whole == part {
            out.field(SAME);
        } else {
            put_rows(whole, out);
        }
    }
    put(whole.reserves, part.reserves, &mut out);
    put(whole.production, part.production, &mut out);
    put(whole.discoveries, part.discoveries, &mut out);
    put(whole.quotas, part.quotas, &mut out);
    put(whole.quota_batches, part.quota_batches, &mut out);
    put(whole.exports_annual, part.exports_annual, &mut out);
    put(whole.exports_monthly, part.exports_monthly, &mut out);
    put(whole.prices, part.prices, &mut out);
    put(whole.claims, part.claims, &mut out);
    put(whole.countries, part.countries, &mut out);
    put(whole.publishers, part.publishers, &mut out);
    put(whole.events, part.events, &mut out);
    put(whole.magnets, part.magnets, &mut out);
    put(whole.corrections, part.corrections, &mut out);
    out.field(&texts.len().to_string());
    for (name, languages) in texts {
        out.field(name);
        for fields in languages {
            out.field(&fields.len().to_string());
            for field in fields {
                put_rows(field, &mut out);
            }
        }
    }
    out.field(END);
    match out.problem {
        Some(text) => Err(format!("a text of the dataset contains U+001F: {text:?}")),
        None => Ok(out.text),
    }
}

/// The whole dataset: `part`, the embedded part, completed with the rows of `file`; and the texts.
/// `None` when the file is not one `encode` wrote for this build (truncated, or another format).
pub fn decode(part: &Dataset, file: &'static str) -> Option<(Dataset, Texts)> {
    let mut input = In(file.split(SEPARATOR).peekable());
    if input.0.next()? != FORMAT {
        return None;
    }
    // The file is checked for its shape, not its content: an address that is not a web address
    // (`javascript:`, `data:`) is dropped, so the page names that source without a link.
    let more: Vec<Source> = take_rows::<Source>(&mut input)?
        .into_iter()
        .map(|s| Source {
            url: if is_web_address(s.url) { s.url } else { "" },
            ..s
        })
        .collect();
    let sources = part.sources.iter().copied().chain(more).collect::<Vec<_>>();
    let d = Dataset {
        sources: sources.leak(),
        reserves: table(&mut input, part.reserves)?,
        production: table(&mut input, part.production)?,
        discoveries: table(&mut input, part.discoveries)?,
        quotas: table(&mut input, part.quotas)?,
        quota_batches: table(&mut input, part.quota_batches)?,
        exports_annual: table(&mut input, part.exports_annual)?,
        exports_monthly: table(&mut input, part.exports_monthly)?,
        prices: table(&mut input, part.prices)?,
        claims: table(&mut input, part.claims)?,
        countries: table(&mut input, part.countries)?,
        publishers: table(&mut input, part.publishers)?,
        events: table(&mut input, part.events)?,
        magnets: table(&mut input, part.magnets)?,
        corrections: table(&mut input, part.corrections)?,
    };
    let count: usize = input.0.next()?.parse().ok()?;
    let mut texts = Texts::with_capacity(count.min(16));
    for _ in 0..count {
        let name = input.0.next()?;
        let mut language = || -> Option<Vec<&'static [&'static str]>> {
            let fields: usize = input.0.next()?.parse().ok()?;
            (0..fields)
                .map(|_| take_rows(&mut input).map(|f| &*f.leak()))
                .collect()
        };
        let (en, zh) = (language()?, language()?);
        texts.push((name, [en, zh]));
    }
    // Every field read, then the end, then nothing: anything else is not this build's file.
    (input.0.next() == Some(END) && input.0.next().is_none()).then_some((d, texts))
}

/// Whether `url` is an `http:` or `https:` address, the only kind the page links.
fn is_web_address(url: &str) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    })
}

/// A table from the file, or the embedded one where the file says it is the same.
fn table<T: Field>(input: &mut In, embedded: &'static [T]) -> Option<&'static [T]> {
    if input.0.peek() == Some(&SAME) {
        input.0.next();
        return Some(embedded);
    }
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
        PotentialResource = "potential_resource",
    }
    QuotaStatus { Published = "published", NotFound = "not_found", NotPublished = "not_published" }
    ValueUnit { UsdM = "usd_m", CnyM = "cny_m" }
    Product { Ndpr = "ndpr_oxide", Nd = "nd_oxide", Pr = "pr_oxide", Dy = "dy_oxide", Tb = "tb_oxide" }
    Topic {
        Reserves = "reserves", Discoveries = "discoveries", Quotas = "quotas", Exports = "exports",
        Prices = "prices",
    }
    EventKind {
        Control = "control", Suspension = "suspension", Licensing = "licensing", Talks = "talks",
        ScheduledEnd = "scheduled_end", QuotaNotice = "quota_notice", Regulation = "regulation",
        UsgsEdition = "usgs_edition", UsgsRevision = "usgs_revision",
    }
    MagnetSeries { Magnets = "magnets", RareEarthProducts = "rare_earth_products" }
    CorrectionKind {
        SourceRevised = "source_revised", OurError = "our_error", Reattributed = "reattributed",
    }
    CorrectedUnit { Tonnes = "t", UsdPerKg = "usd_per_kg", Text = "text", SourceIds = "sources" }
    EventStatus {
        Happened = "happened", InForce = "in_force", Suspended = "suspended",
        OutcomeNotFound = "outcome_not_found",
    }
    Quality { Primary = "primary", Secondary = "secondary" }
    SourceKind { Mcs = "mcs", Myb = "myb" }
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
    ReserveFigure {
        edition, country, reserves_t, qualifier, edition_inferred, quality, note, sources,
    }
    Production {
        edition, source_kind, year, country, production_t, estimated, quality, note, sources,
    }
    Country { name, name_zh }
    Publisher { name, name_zh }
    Discovery {
        id, deposit, name, name_zh, country, place, announced, announced_by, announced_by_zh, size,
        size_qualifier, unit, basis, grade, note, sources,
    }
    Quota {
        year, status, mining_t, smelting_t, mining_change_pct, smelting_change_pct, light_t,
        ionic_t, split_derived, batches, smelting_sources, note, sources,
    }
    QuotaBatch {
        year, batch, label, announced, mining_t, smelting_t, mining_change_pct,
        smelting_change_pct, light_t, ionic_t, note, sources,
    }
    ExportYear {
        year, months, volume_t, volume_yoy_pct, value, value_unit, value_yoy_pct, avg_price_usd_t,
        preferred, note, change_sources, sources,
    }
    ExportPeriod {
        from, to, volume_t, yoy_pct, mom_pct, value, value_unit, value_yoy_pct, avg_price_usd_t,
        note, sources,
    }
    Price { product, year, estimated, usd_per_kg, note, sources }
    Claim {
        id, view, figure, figure_zh, claim_en, claim_zh, verdict, explanation_en, explanation_zh,
        sources,
    }
    Event { id, date, kind, label_en, label_zh, text_en, text_zh, topics, status, sources }
    MagnetExport {
        series, from, to, destination, volume_t, yoy_pct, mom_pct, value, value_unit,
        value_yoy_pct, released, note, sources,
    }
    Correction {
        changed, table, key, field, old, new, unit, kind, figure_en, figure_zh, why_en, why_zh,
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset;

    /// A part as a split build might embed it: a few tables whole, others in part or empty.
    fn part() -> Dataset {
        let d = *dataset();
        let cited = |id: &str| {
            d.reserves
                .iter()
                .any(|r| source_ids(r.sources).any(|s| s == id))
        };
        let sources: Vec<Source> = d.sources.iter().filter(|s| cited(s.id)).copied().collect();
        Dataset {
            sources: sources.leak(),
            discoveries: &d.discoveries[..1],
            quotas: &[],
            claims: &[],
            events: &[],
            magnets: &[],
            corrections: &[],
            ..d
        }
    }

    fn texts() -> Texts {
        vec![(
            "a part",
            [
                vec![&["a text"][..], &["two", "items"][..]],
                vec![&["一段文字"][..], &["两", "项"][..]],
            ],
        )]
    }

    fn file(part: &Dataset) -> &'static str {
        encode(dataset(), part, &texts())
            .expect("the dataset encodes")
            .leak()
    }

    #[test]
    fn the_part_and_the_file_make_the_whole_dataset() {
        let whole = dataset();
        let part = part();
        let (d, texts) = decode(&part, file(&part)).expect("the file decodes");
        assert_eq!(texts, self::texts());
        let ids = |d: &Dataset| {
            let mut ids: Vec<_> = d.sources.iter().map(|s| s.id).collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(ids(&d), ids(whole));
        for s in whole.sources {
            assert_eq!(d.source(s.id), Some(s));
        }
        assert_eq!(d.reserves, whole.reserves);
        assert_eq!(d.discoveries, whole.discoveries);
        assert_eq!(d.quotas, whole.quotas);
        assert_eq!(d.quota_batches, whole.quota_batches);
        assert_eq!(d.exports_annual, whole.exports_annual);
        assert_eq!(d.exports_monthly, whole.exports_monthly);
        assert_eq!(d.prices, whole.prices);
        assert_eq!(d.claims, whole.claims);
        assert_eq!(d.publishers, whole.publishers);
        assert_eq!(d.events, whole.events);
        assert_eq!(d.magnets, whole.magnets);
        assert_eq!(d.corrections, whole.corrections);
    }

    #[test]
    fn a_table_the_part_has_whole_is_not_in_the_file() {
        let part = part();
        let with_reserves = file(&part);
        let without = encode(
            dataset(),
            &Dataset {
                reserves: &[],
                ..part
            },
            &texts(),
        )
        .expect("encodes")
        .len();
        assert!(
            with_reserves.len() + 1_000 < without,
            "the reserves rows are left out"
        );
    }

    #[test]
    fn a_damaged_or_foreign_file_is_refused_not_misread() {
        let part = part();
        let file = file(&part);
        // Cut anywhere, the file is refused (and nothing panics): every 97th byte, and each of
        // the last 300, where a text cut short would otherwise still read as one.
        let cuts = (0..file.len())
            .step_by(97)
            .chain(file.len() - 300..file.len());
        for end in cuts.filter(|&i| file.is_char_boundary(i)) {
            assert!(decode(&part, &file[..end]).is_none(), "cut at {end}");
        }
        assert!(decode(&part, "").is_none());
        let other = file
            .replacen(FORMAT, "rare-earth-explorer rows 0", 1)
            .leak();
        assert!(decode(&part, other).is_none());
        let longer = format!("{file}{SEPARATOR}x").leak();
        assert!(decode(&part, longer).is_none());
    }

    #[test]
    fn a_source_address_that_is_not_a_web_address_is_dropped_not_linked() {
        let part = part();
        let file = file(&part);
        for forged in [
            "javascript:alert(1)//",
            "JavaScript:alert(1)//",
            " javascript:",
            "data:text/html,",
            "//",
        ] {
            let tampered = file.replace("https://", forged).leak();
            let (d, _) = decode(&part, tampered).expect("the shape is intact");
            let more: Vec<&Source> = d
                .sources
                .iter()
                .filter(|s| part.source(s.id).is_none())
                .collect();
            assert!(!more.is_empty(), "the file carries sources");
            for s in &more {
                assert!(
                    s.url.is_empty() || s.url.starts_with("http://"),
                    "{forged}: {:?}",
                    s.url
                );
            }
            let t = &crate::i18n::EN;
            let html = crate::figure::html::sources_html(&d, &more, crate::i18n::Lang::En, t);
            let hrefs: Vec<&str> = html.split("href=\"").skip(1).collect();
            assert!(
                hrefs.iter().all(|h| h.starts_with("http")),
                "{forged}: {hrefs:?}"
            );
        }
        let (d, _) = decode(&part, file).expect("decodes");
        let kept = d.sources.iter().filter(|s| part.source(s.id).is_none());
        assert!(
            kept.clone().any(|s| s.url.starts_with("https://")),
            "web addresses are kept"
        );
        for url in ["https://x.org/", "HTTP://X.ORG/", "http://x.org/"] {
            assert!(is_web_address(url), "{url}");
        }
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
        let problem = encode(&d, &part(), &texts()).expect_err("the separator is refused");
        assert!(problem.contains("one\\u{1f}two"), "{problem}");
    }
}
