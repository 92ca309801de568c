//! What the reader chose, and its place in the URL.
//!
//! Every control's state lives in the query string so any view can be shared. Parsing is lenient by
//! design: the URL comes from anyone (an editor's typo, a crawler, a hostile link), so a value that
//! is unknown, empty, repeated or oversized falls back to its default and is reported as a warning,
//! never a panic.

use crate::data::Basis;
pub use crate::data::Topic as View;

/// The URL names of the kinds of estimate.
pub const BASES: [(&str, Basis); 5] = [
    ("reserve", Basis::Reserve),
    ("resource", Basis::Resource),
    (
        "expected-additional-resource",
        Basis::ExpectedAdditionalResource,
    ),
    ("internal-estimate", Basis::InternalEstimate),
    ("forecast", Basis::Forecast),
];

impl View {
    pub const ALL: [View; 4] = [
        View::Reserves,
        View::Discoveries,
        View::Quotas,
        View::Exports,
    ];

    /// The view's place in `View::ALL` (tab order, which is the declaration order).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The view's name in the URL.
    pub fn slug(self) -> &'static str {
        match self {
            View::Reserves => "reserves",
            View::Discoveries => "discoveries",
            View::Quotas => "quotas",
            View::Exports => "exports",
        }
    }
}

/// What the reserves chart measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReservesMeasure {
    #[default]
    Tonnes,
    Share,
    /// Reserves divided by the edition's latest mine production.
    Years,
}

/// What the exports chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportsMeasure {
    #[default]
    Volume,
    Value,
    UnitValue,
}

/// How the quota bars are broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuotaBreakdown {
    #[default]
    Total,
    /// Light (rock-type) and ionic (medium-heavy) mining quotas.
    Split,
    Batches,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// Everything the URL can carry. `None` on an option means "the view's default".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UrlState {
    pub view: View,
    pub edition: Option<u16>,
    pub measure: ReservesMeasure,
    pub exports: ExportsMeasure,
    pub quotas: QuotaBreakdown,
    pub from: Option<u16>,
    pub to: Option<u16>,
    /// Discoveries filtered to one country (by its dataset name).
    pub country: Option<String>,
    /// Discoveries filtered to one kind of estimate.
    pub basis: Option<Basis>,
    pub table: bool,
    pub theme: Theme,
    pub lang: Option<Lang>,
    pub embed: bool,
    /// In embed mode: `tabs=0` locks the widget to its view.
    pub tabs: bool,
}

/// Longer values than this are never valid, whatever the key: no need to look at them.
const MAX_VALUE_LEN: usize = 64;

impl UrlState {
    /// Only what the figures of `view` read, everything else at its default. Each view memoises its
    /// figures on this, so a control of another view (or the chart/table switch) recomputes nothing.
    pub fn for_view(&self, view: View) -> UrlState {
        let mut mine = UrlState {
            view,
            ..UrlState::default()
        };
        match view {
            View::Reserves => (mine.edition, mine.measure) = (self.edition, self.measure),
            View::Discoveries => (mine.country, mine.basis) = (self.country.clone(), self.basis),
            View::Quotas => (mine.quotas, mine.from, mine.to) = (self.quotas, self.from, self.to),
            View::Exports => mine.exports = self.exports,
        }
        mine
    }

    /// Reads a `?a=b&c=d` query string. Returns the state and what was ignored, for the console.
    pub fn from_query(search: &str) -> (UrlState, Vec<String>) {
        let pairs = parse_query(search);
        let mut warnings = Vec::new();
        let mut state = UrlState {
            tabs: true,
            ..UrlState::default()
        };
        // A key given twice is ambiguous: neither value wins, the default does.
        let value = |key: &str, warnings: &mut Vec<String>| -> Option<String> {
            let mut values = pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
            let first = values.next()?;
            if values.next().is_some() {
                warnings.push(format!(
                    "`{key}` is given more than once; using its default"
                ));
                return None;
            }
            if first.len() > MAX_VALUE_LEN {
                warnings.push(format!("`{key}` is too long; using its default"));
                return None;
            }
            Some(first.clone())
        };
        fn pick<T: Copy>(
            key: &str,
            raw: Option<String>,
            options: &[(&str, T)],
            warnings: &mut Vec<String>,
        ) -> Option<T> {
            let raw = raw?;
            let found = options
                .iter()
                .find(|(name, _)| *name == raw)
                .map(|&(_, v)| v);
            if found.is_none() {
                warnings.push(format!(
                    "unknown {key} `{}`; using the default",
                    printable(&raw)
                ));
            }
            found
        }
        fn year(key: &str, raw: Option<String>, warnings: &mut Vec<String>) -> Option<u16> {
            let raw = raw?;
            let year = raw
                .parse::<u16>()
                .ok()
                .filter(|y| (1900..=2100).contains(y));
            if year.is_none() {
                warnings.push(format!(
                    "{key} `{}` is not a year; using the default",
                    printable(&raw)
                ));
            }
            year
        }

        let views: Vec<(&str, View)> = View::ALL.iter().map(|v| (v.slug(), *v)).collect();
        if let Some(view) = pick("view", value("view", &mut warnings), &views, &mut warnings) {
            state.view = view;
        }
        state.edition = year("edition", value("edition", &mut warnings), &mut warnings);
        let measures = [
            ("tonnes", ReservesMeasure::Tonnes),
            ("share", ReservesMeasure::Share),
            ("years", ReservesMeasure::Years),
        ];
        state.measure = pick(
            "measure",
            value("measure", &mut warnings),
            &measures,
            &mut warnings,
        )
        .unwrap_or_default();
        let exports = [
            ("volume", ExportsMeasure::Volume),
            ("value", ExportsMeasure::Value),
            ("unit-value", ExportsMeasure::UnitValue),
        ];
        state.exports = pick(
            "show",
            value("show", &mut warnings),
            &exports,
            &mut warnings,
        )
        .unwrap_or_default();
        let breakdowns = [
            ("total", QuotaBreakdown::Total),
            ("split", QuotaBreakdown::Split),
            ("batches", QuotaBreakdown::Batches),
        ];
        state.quotas = pick(
            "quota",
            value("quota", &mut warnings),
            &breakdowns,
            &mut warnings,
        )
        .unwrap_or_default();
        state.from = year("from", value("from", &mut warnings), &mut warnings);
        state.to = year("to", value("to", &mut warnings), &mut warnings);
        state.country = value("country", &mut warnings).filter(|c| !c.is_empty());
        state.basis = pick(
            "basis",
            value("basis", &mut warnings),
            &BASES,
            &mut warnings,
        );
        let flags = [("1", true), ("0", false)];
        state.table = pick(
            "table",
            value("table", &mut warnings),
            &flags,
            &mut warnings,
        )
        .unwrap_or(false);
        state.embed = pick(
            "embed",
            value("embed", &mut warnings),
            &flags,
            &mut warnings,
        )
        .unwrap_or(false);
        state.tabs =
            pick("tabs", value("tabs", &mut warnings), &flags, &mut warnings).unwrap_or(true);
        let themes = [
            ("auto", Theme::Auto),
            ("light", Theme::Light),
            ("dark", Theme::Dark),
        ];
        state.theme = pick(
            "theme",
            value("theme", &mut warnings),
            &themes,
            &mut warnings,
        )
        .unwrap_or_default();
        let langs = [("en", Lang::En), ("zh", Lang::Zh)];
        state.lang = pick("lang", value("lang", &mut warnings), &langs, &mut warnings);

        const KNOWN: [&str; 14] = [
            "view", "edition", "measure", "show", "quota", "from", "to", "country", "basis",
            "table", "embed", "tabs", "theme", "lang",
        ];
        for (key, _) in &pairs {
            if !KNOWN.contains(&key.as_str()) {
                warnings.push(format!("unknown parameter `{}` ignored", printable(key)));
            }
        }
        (state, warnings)
    }

    /// The query string for this state, with only what differs from the defaults (so shared links
    /// stay short) but always the view.
    pub fn to_query(&self) -> String {
        let mut q = format!("?view={}", self.view.slug());
        let mut add = |key: &str, value: &str| {
            q.push('&');
            q.push_str(key);
            q.push('=');
            q.push_str(&encode(value));
        };
        if let Some(edition) = self.edition {
            add("edition", &edition.to_string());
        }
        match self.measure {
            ReservesMeasure::Tonnes => {}
            ReservesMeasure::Share => add("measure", "share"),
            ReservesMeasure::Years => add("measure", "years"),
        }
        match self.exports {
            ExportsMeasure::Volume => {}
            ExportsMeasure::Value => add("show", "value"),
            ExportsMeasure::UnitValue => add("show", "unit-value"),
        }
        match self.quotas {
            QuotaBreakdown::Total => {}
            QuotaBreakdown::Split => add("quota", "split"),
            QuotaBreakdown::Batches => add("quota", "batches"),
        }
        if let Some(from) = self.from {
            add("from", &from.to_string());
        }
        if let Some(to) = self.to {
            add("to", &to.to_string());
        }
        if let Some(country) = &self.country {
            add("country", country);
        }
        if let Some(name) = self.basis.and_then(|b| BASES.iter().find(|(_, v)| *v == b)) {
            add("basis", name.0);
        }
        if self.table {
            add("table", "1");
        }
        if self.embed {
            add("embed", "1");
        }
        if !self.tabs {
            add("tabs", "0");
        }
        match self.theme {
            Theme::Auto => {}
            Theme::Light => add("theme", "light"),
            Theme::Dark => add("theme", "dark"),
        }
        if let Some(lang) = self.lang {
            add("lang", lang.code());
        }
        q
    }
}

/// Splits a query string into decoded key/value pairs. Malformed escapes are kept literally.
pub fn parse_query(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A value safe to echo in a console warning: control and bidi characters escaped, length capped.
fn printable(s: &str) -> String {
    s.chars()
        .take(32)
        .map(|c| {
            if c.is_control() || ('\u{200e}'..='\u{202e}').contains(&c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_views_index_is_its_place_among_the_tabs() {
        for (i, view) in View::ALL.into_iter().enumerate() {
            assert_eq!(view.index(), i, "{view:?}");
        }
    }

    fn view_of(q: &str) -> View {
        UrlState::from_query(q).0.view
    }

    #[test]
    fn every_view_round_trips_through_the_url() {
        for view in View::ALL {
            let state = UrlState {
                view,
                tabs: true,
                ..UrlState::default()
            };
            assert_eq!(state.to_query(), format!("?view={}", view.slug()));
            assert_eq!(UrlState::from_query(&state.to_query()).0, state);
        }
    }

    #[test]
    fn a_full_state_round_trips() {
        let state = UrlState {
            view: View::Quotas,
            edition: Some(2025),
            measure: ReservesMeasure::Share,
            exports: ExportsMeasure::UnitValue,
            quotas: QuotaBreakdown::Batches,
            from: Some(2016),
            to: Some(2024),
            country: Some("Burma (Myanmar)".into()),
            basis: Some(Basis::ExpectedAdditionalResource),
            table: true,
            theme: Theme::Dark,
            lang: Some(Lang::Zh),
            embed: true,
            tabs: false,
        };
        let (parsed, warnings) = UrlState::from_query(&state.to_query());
        assert_eq!(parsed, state);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn bad_views_fall_back_to_reserves_with_a_warning() {
        let long = format!("?view={}", "x".repeat(5000));
        for q in [
            "",
            "?",
            "?view=",
            "?view=nonsense",
            "?view=EXPORTS",
            "?view=%3Cscript%3E",
            "?view=%E2%80%AE",
            &long,
        ] {
            assert_eq!(view_of(q), View::Reserves, "{q}");
        }
        assert!(!UrlState::from_query("?view=nonsense").1.is_empty());
    }

    #[test]
    fn a_repeated_key_is_ambiguous_and_falls_back() {
        let (state, warnings) = UrlState::from_query("?view=quotas&view=exports");
        assert_eq!(state.view, View::Reserves);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn unknown_parameters_are_ignored_not_fatal() {
        let (state, warnings) = UrlState::from_query("?foo=bar&view=exports&utm_source=x");
        assert_eq!(state.view, View::Exports);
        assert_eq!(warnings.len(), 2);
    }

    #[test]
    fn years_outside_reason_are_dropped() {
        let (state, _) = UrlState::from_query("?edition=99999&from=abc&to=2024");
        assert_eq!(
            (state.edition, state.from, state.to),
            (None, None, Some(2024))
        );
    }

    #[test]
    fn decoding_survives_broken_escapes() {
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%41+b"), "A b");
        assert_eq!(decode("%FF"), "\u{fffd}");
        assert_eq!(
            parse_query("?a&b=&=c"),
            [
                ("a".into(), "".into()),
                ("b".into(), "".into()),
                ("".into(), "c".into())
            ]
        );
    }

    #[test]
    fn warnings_never_echo_control_characters() {
        let (_, warnings) = UrlState::from_query("?view=%E2%80%AEevil%0A");
        assert!(warnings
            .iter()
            .all(|w| !w.contains('\u{202e}') && !w.contains('\n')));
    }
}
