//! The dataset's types: one struct per table of `data/`, one enum per closed vocabulary.
//!
//! This file is shared with `build.rs` (through `#[path]`), which parses the CSV files into these
//! types and prints them back as Rust literals. That is why every field is `'static`, every enum
//! variant name is unique across enums (the generated code imports them all), and nothing here
//! touches the DOM or knows of a view.

use serde::Deserialize;

/// One publication that figures are read from.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Source {
    pub id: &'static str,
    pub title: &'static str,
    pub publisher: &'static str,
    pub date: &'static str,
    pub url: &'static str,
    pub licence: &'static str,
    /// The copy actually read, when it is not the original at `url`. An audit trail: never
    /// linked, since such copies are often mirrors or scrapes.
    pub read_via: &'static str,
    pub provenance: Provenance,
}

/// What the address of a source is. `url` may also be empty: the publication is then named
/// without a link, because the only copy found is not one a reader should be sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// `url` is the publication itself.
    Original,
    /// `url` is a licensed verbatim repost of a wire story whose own address is unknown.
    Syndicated,
    /// The figures are known only from a rewrite of the publication.
    Rewrite,
}

/// How directly a figure was read from the publication it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quality {
    Primary,
    Secondary,
}

/// How a printed figure relates to the true one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Qualifier {
    #[serde(rename = "")]
    AsPrinted,
    /// USGS prints world reserves as ">90,000,000": a lower bound.
    #[serde(rename = ">")]
    AtLeast,
    #[serde(rename = "~")]
    About,
}

/// What a claim of the article or a dated event is about: the view that shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    #[default]
    Reserves,
    Discoveries,
    Quotas,
    Exports,
    Prices,
}

impl Topic {
    pub const ALL: [Topic; 5] = [
        Topic::Reserves,
        Topic::Discoveries,
        Topic::Quotas,
        Topic::Exports,
        Topic::Prices,
    ];

    /// The topic's word in `claims.csv` and `events.csv`, which is also its view's URL name.
    pub fn slug(self) -> &'static str {
        match self {
            Topic::Reserves => "reserves",
            Topic::Discoveries => "discoveries",
            Topic::Quotas => "quotas",
            Topic::Exports => "exports",
            Topic::Prices => "prices",
        }
    }
}

/// The name the reserves and production tables use for the world total.
pub const WORLD: &str = "World";

/// One country's reserves in one USGS Mineral Commodity Summaries edition.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct ReserveFigure {
    pub edition: u16,
    pub country: &'static str,
    /// `None` where USGS prints "NA": unknown, not zero.
    pub reserves_t: Option<f64>,
    pub qualifier: Qualifier,
    #[serde(deserialize_with = "yes_no")]
    pub edition_inferred: bool,
    pub quality: Quality,
    pub note: &'static str,
    pub sources: &'static str,
}

/// Which USGS series a production figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Mcs,
    Myb,
}

/// One country's mine production in one year, as one USGS edition gives it (later editions revise).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Production {
    pub edition: u16,
    pub source_kind: SourceKind,
    pub year: u16,
    pub country: &'static str,
    pub production_t: Option<f64>,
    #[serde(deserialize_with = "yes_no")]
    pub estimated: bool,
    pub quality: Quality,
    pub note: &'static str,
    pub sources: &'static str,
}

/// Words of a production row's note that record a USGS footnote the page acts on. build.rs keeps
/// only these in the notes it embeds, so the rules read the same words in the data and the page.
pub const PRODUCTION_FOOTNOTES: [&str; 2] = [FOOTNOTE_CHINA_IMPORTS, FOOTNOTE_EQUALS_QUOTA];
/// USGS estimated the country's output from China's reported imports (footnote 12 of MCS 2025).
pub const FOOTNOTE_CHINA_IMPORTS: &str = "estimated from China's reported imports";
/// USGS set China's output equal to its mining quota (MCS 2025).
pub const FOOTNOTE_EQUALS_QUOTA: &str = "equals the production quota";
/// A reserves note citing monazite in place of a rare-earth reserve (India, MCS 2026).
pub const MONAZITE: &str = " t of monazite";

impl Production {
    /// Whether the row's note records `footnote` (one of `PRODUCTION_FOOTNOTES`).
    pub fn has_footnote(&self, footnote: &str) -> bool {
        self.note.contains(footnote)
    }
}

/// What a tonnage counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Unit {
    /// Tonnes of rare-earth-oxide equivalent: comparable across deposits.
    #[serde(rename = "t_reo")]
    Oxide,
    /// Tonnes of ore or host rock: says nothing of the oxide it holds.
    #[serde(rename = "t_ore")]
    Ore,
    /// The source does not say which.
    #[serde(rename = "t_unclear")]
    Unclear,
}

/// What kind of estimate an announced size is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Reserve,
    Resource,
    ExpectedAdditionalResource,
    InternalEstimate,
    Forecast,
    /// "Potential resources" (潜在资源) as China's geological survey announced Honghe (2025): a
    /// category below inferred resources, as speculative as a forecast.
    PotentialResource,
}

/// One announced find or resource estimate.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Discovery {
    pub id: &'static str,
    /// Successive updates of one deposit share this key.
    pub deposit: &'static str,
    pub name: &'static str,
    pub name_zh: &'static str,
    pub country: &'static str,
    pub place: &'static str,
    /// As precise as the source: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or empty.
    pub announced: &'static str,
    pub announced_by: &'static str,
    pub announced_by_zh: &'static str,
    pub size: Option<f64>,
    pub size_qualifier: Qualifier,
    pub unit: Unit,
    pub basis: Basis,
    pub grade: &'static str,
    pub note: &'static str,
    pub sources: &'static str,
}

/// Whether a year's quota was made public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaStatus {
    Published,
    /// Not found in the sources searched.
    NotFound,
    /// Issued without publication (2025).
    NotPublished,
}

/// China's total-control quota for one year.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Quota {
    pub year: u16,
    pub status: QuotaStatus,
    pub mining_t: Option<f64>,
    pub smelting_t: Option<f64>,
    /// The change on the year before as a source states it (per cent); `None` where none does.
    pub mining_change_pct: Option<f64>,
    pub smelting_change_pct: Option<f64>,
    /// Rock-type (light) rare earths.
    pub light_t: Option<f64>,
    /// Ionic clay (mainly medium and heavy) rare earths.
    pub ionic_t: Option<f64>,
    #[serde(deserialize_with = "yes_no")]
    pub split_derived: bool,
    pub batches: Option<u8>,
    /// Where the smelting figure comes from when not from the row's first source (2020's is a
    /// secondary report's, not the mining notice's); empty: `sources`.
    pub smelting_sources: &'static str,
    pub note: &'static str,
    pub sources: &'static str,
}

/// One batch of a year's quota.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct QuotaBatch {
    pub year: u16,
    pub batch: u8,
    pub label: &'static str,
    pub announced: &'static str,
    pub mining_t: Option<f64>,
    pub smelting_t: Option<f64>,
    /// The change on the same batch a year earlier as a source states it (per cent).
    pub mining_change_pct: Option<f64>,
    pub smelting_change_pct: Option<f64>,
    pub light_t: Option<f64>,
    pub ionic_t: Option<f64>,
    pub note: &'static str,
    pub sources: &'static str,
}

/// Currency of an export value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueUnit {
    UsdM,
    CnyM,
}

/// China's rare earth exports over a year or its first `months` months, as one report gives them.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct ExportYear {
    pub year: u16,
    pub months: u8,
    pub volume_t: Option<f64>,
    pub volume_yoy_pct: Option<f64>,
    pub value: Option<f64>,
    pub value_unit: Option<ValueUnit>,
    pub value_yoy_pct: Option<f64>,
    /// The average export price the report gives (US$ per tonne of product): it wins over one
    /// computed from the volume and the value.
    pub avg_price_usd_t: Option<f64>,
    /// Where reports disagree, the one the chart draws.
    #[serde(deserialize_with = "yes_no")]
    pub preferred: bool,
    pub note: &'static str,
    /// The publication that states the volume change, when it is not the row's first source
    /// (its id is also in `sources`); empty when the first source states it.
    pub change_sources: &'static str,
    pub sources: &'static str,
}

/// Exports in one month (`from == to`) or over a year-to-date span.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct ExportPeriod {
    pub from: &'static str,
    pub to: &'static str,
    pub volume_t: Option<f64>,
    pub yoy_pct: Option<f64>,
    pub mom_pct: Option<f64>,
    /// The export value where a report gives it (January-February 2026: US$68.6 million).
    pub value: Option<f64>,
    pub value_unit: Option<ValueUnit>,
    /// The value's change on the same span a year earlier, as stated; reports often give this
    /// without the value itself (May 2025: down more than 47 %).
    pub value_yoy_pct: Option<f64>,
    pub avg_price_usd_t: Option<f64>,
    pub note: &'static str,
    pub sources: &'static str,
}

/// An oxide whose price the dataset follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Product {
    #[serde(rename = "ndpr_oxide")]
    Ndpr,
    #[serde(rename = "nd_oxide")]
    Nd,
    #[serde(rename = "pr_oxide")]
    Pr,
    #[serde(rename = "dy_oxide")]
    Dy,
    #[serde(rename = "tb_oxide")]
    Tb,
}

/// An annual average oxide price.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Price {
    pub product: Product,
    pub year: u16,
    #[serde(deserialize_with = "yes_no")]
    pub estimated: bool,
    pub usd_per_kg: f64,
    pub note: &'static str,
    pub sources: &'static str,
}

/// What the sources say of a claim of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Confirmed,
    NeedsContext,
    NotSupported,
}

/// One claim of the source article, checked.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Claim {
    pub id: &'static str,
    pub view: Topic,
    /// The figure as the article gives it, and in Chinese.
    pub figure: &'static str,
    pub figure_zh: &'static str,
    pub claim_en: &'static str,
    pub claim_zh: &'static str,
    pub verdict: Verdict,
    pub explanation_en: &'static str,
    pub explanation_zh: &'static str,
    pub sources: &'static str,
}

/// Which customs series a magnet-export figure belongs to. The two are different measures and
/// are never added or compared with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MagnetSeries {
    /// Rare-earth permanent magnets in customs' detailed data (released about the 20th of the
    /// following month), as Reuters compiles them: tonnes of product.
    Magnets,
    /// Bloomberg's own sum of customs' wider "rare-earth products" category (magnets were about
    /// 90 % of it in early 2025): worldwide only.
    RareEarthProducts,
}

/// Rare-earth magnet exports in one month (`from == to`) or over a year-to-date span, to the
/// world or to one destination.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct MagnetExport {
    pub series: MagnetSeries,
    pub from: &'static str,
    pub to: &'static str,
    /// `World`, or a country of `countries.csv`.
    pub destination: &'static str,
    /// Tonnes of product; `None` where a report gives only a change.
    pub volume_t: Option<f64>,
    pub yoy_pct: Option<f64>,
    pub mom_pct: Option<f64>,
    pub value: Option<f64>,
    pub value_unit: Option<ValueUnit>,
    pub value_yoy_pct: Option<f64>,
    /// When customs released the figure, as reported (`YYYY-MM[-DD]`; empty when not seen).
    pub released: &'static str,
    pub note: &'static str,
    pub sources: &'static str,
}

/// What kind of dated event a chart marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An export control imposed or widened.
    Control,
    /// A control paused.
    Suspension,
    /// Export licences granted.
    Licensing,
    /// A meeting or agreement between governments.
    Talks,
    /// The day a measure is due to end; what happened then is in `status`.
    ScheduledEnd,
    /// A quota or quota batch issued.
    QuotaNotice,
    /// A regulation published.
    Regulation,
    /// An edition of USGS's Mineral Commodity Summaries published.
    UsgsEdition,
    /// A published edition corrected by USGS.
    UsgsRevision,
}

/// Where an event stands as the latest sources found tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// A one-off that took place: a notice, a meeting, a publication.
    Happened,
    /// A measure in force as last reported.
    InForce,
    /// A measure suspended as last reported.
    Suspended,
    /// A scheduled end whose outcome no source found says: the page must say so, never guess.
    OutcomeNotFound,
}

/// A dated event the charts annotate (export controls, quota notices, USGS editions), with a
/// short marker label and a sentence for the list under the chart, in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Event {
    pub id: &'static str,
    /// `YYYY-MM-DD`, or `YYYY-MM` when the source gives only the month.
    pub date: &'static str,
    pub kind: EventKind,
    /// The marker's label: at most 24 characters in English, 12 in Chinese.
    pub label_en: &'static str,
    pub label_zh: &'static str,
    /// One sentence each, for the list under the chart and the text alternative.
    pub text_en: &'static str,
    pub text_zh: &'static str,
    /// The views whose charts it belongs on: their slugs, space-separated (`Event::is_for`).
    pub topics: &'static str,
    pub status: EventStatus,
    pub sources: &'static str,
}

impl Event {
    /// Whether the event belongs on `topic`'s charts.
    pub fn is_for(&self, topic: Topic) -> bool {
        self.topics
            .split_ascii_whitespace()
            .any(|t| t == topic.slug())
    }
}

/// Why a figure a reader may have seen changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    /// The publication revised it (USGS's version 1.3, a final figure replacing an estimate).
    SourceRevised,
    /// We had entered it wrong.
    OurError,
    /// The figure stands; it is now credited to the publication it was really read from.
    Reattributed,
}

/// How a correction's `old` and `new` cells are to be read and printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum CorrectedUnit {
    /// Tonnes, printed as the table prints them (`21000000` is 21 Mt, 2100万吨).
    #[serde(rename = "t")]
    Tonnes,
    #[serde(rename = "usd_per_kg")]
    UsdPerKg,
    /// A text cell, printed as it is ("3,292 ppm TREO").
    #[serde(rename = "text")]
    Text,
    /// Source ids, printed as their publications.
    #[serde(rename = "sources")]
    SourceIds,
}

/// One change of a published figure in this data: which cell of which table, from what to what,
/// why, and what the figure is, for readers in both languages. `new` is always the cell's
/// current value (the build checks it), so a correction cannot drift from the data.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Correction {
    /// When our data changed (`YYYY-MM-DD`): the data version that carries the change.
    pub changed: &'static str,
    /// The table's file name without `.csv`: `reserves`, `prices`...
    pub table: &'static str,
    /// The row, by the values of the columns that single it out: `edition=2026;country=Brazil`.
    pub key: &'static str,
    pub field: &'static str,
    pub old: &'static str,
    pub new: &'static str,
    pub unit: CorrectedUnit,
    pub kind: CorrectionKind,
    /// What the figure is, for a reader: "Brazil's reserves, USGS MCS 2026".
    pub figure_en: &'static str,
    pub figure_zh: &'static str,
    /// One sentence each.
    pub why_en: &'static str,
    pub why_zh: &'static str,
    pub sources: &'static str,
}

/// A country or place name with its Chinese form.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Country {
    pub name: &'static str,
    pub name_zh: &'static str,
}

/// A publisher's name as `sources.csv` gives it, and the name Chinese readers know it by.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Publisher {
    pub name: &'static str,
    pub name_zh: &'static str,
}

/// Every table of the dataset.
#[derive(Debug, Clone, Copy)]
pub struct Dataset {
    pub sources: &'static [Source],
    pub reserves: &'static [ReserveFigure],
    pub production: &'static [Production],
    pub discoveries: &'static [Discovery],
    pub quotas: &'static [Quota],
    pub quota_batches: &'static [QuotaBatch],
    pub exports_annual: &'static [ExportYear],
    pub exports_monthly: &'static [ExportPeriod],
    pub prices: &'static [Price],
    pub claims: &'static [Claim],
    pub countries: &'static [Country],
    pub publishers: &'static [Publisher],
    pub events: &'static [Event],
    pub magnets: &'static [MagnetExport],
    pub corrections: &'static [Correction],
}

impl Dataset {
    pub fn source(&self, id: &str) -> Option<&'static Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

impl Discovery {
    /// Expected additional resources announced in China in tonnes of oxide: Liangshan's 4.96 Mt
    /// (2024), the figure set beside USGS's reserves.
    pub fn is_china_resource_addition(&self) -> bool {
        self.country == "China"
            && self.basis == Basis::ExpectedAdditionalResource
            && self.unit == Unit::Oxide
    }
}

/// The place value of a rounded figure's last significant digit: 4,000,000 -> 1,000,000;
/// 800,000 -> 100,000; 35,447.5 -> 0.1.
// Here rather than with the derived figures: the dataset's rules (build.rs) need it too.
pub fn rounding_unit(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 1.0;
    }
    let mut unit = 10f64.powi(v.log10().floor() as i32);
    while unit > 1e-6 && (v / unit - (v / unit).round()).abs() > 1e-9 {
        unit /= 10.0;
    }
    unit
}

/// The ids in a row's `sources` cell, the original publication first.
pub fn source_ids(cell: &'static str) -> impl Iterator<Item = &'static str> {
    cell.split_ascii_whitespace()
}

/// `yes`/`no` cells; an empty cell is `no`.
fn yes_no<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let s: &str = Deserialize::deserialize(d)?;
    match s {
        "yes" => Ok(true),
        "no" | "" => Ok(false),
        other => Err(serde::de::Error::custom(format!(
            "expected `yes` or `no`, found `{other}`"
        ))),
    }
}
