//! The registry: the views, in tab order, and the one place that lists them. Tabs, URL names and
//! parameters, on-demand loading, downloads, the static story, the copy deck and the tests all
//! iterate `View::ALL` or match on `View`, and every match is exhaustive: a view added here and
//! forgotten anywhere does not compile.
//!
//! A view is a folder: `state.rs` (the URL parameters it owns, with their defaults), `figure.rs`
//! (what it shows, as plain functions of the dataset and that state, with its tests) and
//! `mod.rs` (its component and how it loads). See docs/architecture.md, "How to add a view".

pub mod discoveries;
pub mod exports;
pub mod prices;
pub mod quotas;
pub mod reserves;

use leptos::prelude::AnyView;

use crate::components::on_demand::{texts, Loading};
#[cfg(not(feature = "split"))]
use crate::data::pack::PartTexts;
use crate::data::Dataset;
use crate::figure::{Csv, Figure};
use crate::i18n::{DiscoveriesTexts, Lang, Strings};
#[cfg(not(feature = "split"))]
use crate::i18n::{Embedded, ExportsTexts, PricesTexts, QuotasTexts};

use crate::url::{Page, Params, Query, Warnings};

/// Declares `View` and `View::ALL` from one list, so no view can be left out of the tab order.
macro_rules! views {
    ($($view:ident),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum View {
            $($view,)*
        }

        impl View {
            /// Tab order. The first is in the first download; the others come on demand.
            pub const ALL: [View; [$(stringify!($view)),*].len()] = [$(View::$view,)*];
        }
    };
}

views!(Reserves, Discoveries, Quotas, Exports, Prices);

/// The views' URL names, in tab order.
pub const SLUGS: [&str; View::ALL.len()] = {
    let mut slugs = [""; View::ALL.len()];
    let mut i = 0;
    while i < slugs.len() {
        slugs[i] = View::ALL[i].slug();
        i += 1;
    }
    slugs
};

impl View {
    /// The view's name in the URL (`?view=quotas`), its panel's and its figure's.
    pub const fn slug(self) -> &'static str {
        match self {
            View::Reserves => reserves::SLUG,
            View::Discoveries => discoveries::SLUG,
            View::Quotas => quotas::SLUG,
            View::Exports => exports::SLUG,
            View::Prices => prices::SLUG,
        }
    }

    /// The view's bit in a set of views (a `u32`: the registry stays far below 32 views).
    pub fn bit(self) -> u32 {
        1 << View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    pub fn from_slug(slug: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.slug() == slug)
    }

    /// The tab's label.
    pub fn name(self, t: &Strings) -> &'static str {
        match self {
            View::Reserves => t.tab_reserves,
            View::Discoveries => t.tab_discoveries,
            View::Quotas => t.tab_quotas,
            View::Exports => t.tab_exports,
            View::Prices => t.tab_prices,
        }
    }

    /// The URL parameters the view owns.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            View::Reserves => reserves::state::State::KEYS,
            View::Discoveries => discoveries::state::State::KEYS,
            View::Quotas => quotas::state::State::KEYS,
            View::Exports => exports::state::State::KEYS,
            View::Prices => prices::state::State::KEYS,
        }
    }

    /// The view's component, when its code is in the first download: built at once.
    pub fn ready(self) -> Option<AnyView> {
        match self {
            View::Reserves => Some(reserves::view()),
            View::Discoveries | View::Quotas | View::Exports | View::Prices => None,
        }
    }

    /// Loads the view's code and rows, then builds its component (at once for the first view).
    pub fn load(self) -> Loading {
        match self {
            View::Reserves => Box::pin(std::future::ready(Ok(reserves::view()))),
            View::Discoveries => Box::pin(discoveries::load()),
            View::Quotas => Box::pin(quotas::load()),
            View::Exports => Box::pin(exports::load()),
            View::Prices => Box::pin(prices::load()),
        }
    }

    /// About the height of the view's panel at its default state: kept while its code loads, so
    /// that nothing below it moves when it arrives.
    pub fn expected_height(self) -> u32 {
        match self {
            View::Reserves => 1000,
            View::Discoveries => 1100,
            View::Quotas => 900,
            View::Exports => 1500,
            View::Prices => 900,
        }
    }

    /// The view's figures for the state in `q`, each with its heading (the first has none): for
    /// the static story, the copy deck and the tests.
    pub fn figures(self, d: &Dataset, q: &Query, lang: Lang, t: &Strings) -> Vec<(String, Figure)> {
        let w = &mut Warnings::default();
        match self {
            View::Reserves => vec![(
                String::new(),
                reserves::figure::figure(d, &Params::read(q, w), lang, t),
            )],
            View::Discoveries => vec![(
                String::new(),
                discoveries::figure::figure(d, &Params::read(q, w), lang, t, texts(lang)),
            )],
            View::Quotas => vec![(
                String::new(),
                quotas::figure::figure(d, &Params::read(q, w), lang, t, texts(lang)),
            )],
            View::Exports => vec![
                (
                    String::new(),
                    exports::first_chart(d, &Params::read(q, w), lang, t, texts(lang)),
                ),
                (
                    exports::figure::monthly_title(d, lang, texts(lang)),
                    exports::figure::monthly(d, lang, t, texts(lang)),
                ),
            ],
            View::Prices => vec![(
                String::new(),
                prices::figure::figure(d, &Params::read(q, w), lang, t, texts(lang)),
            )],
        }
    }

    /// The figures charted, for a spreadsheet (the download).
    pub fn csv(self, d: &Dataset, q: &Query) -> Csv {
        let w = &mut Warnings::default();
        match self {
            View::Reserves => reserves::figure::csv(d, &Params::read(q, w)),
            View::Discoveries => discoveries::figure::csv(d, &Params::read(q, w)),
            View::Quotas => quotas::figure::csv(d, &Params::read(q, w)),
            View::Exports => exports::csv(d, &Params::read(q, w)),
            View::Prices => prices::figure::csv(d, &Params::read(q, w)),
        }
    }

    /// A download's file name, without extension, that says what it holds.
    pub fn file_stem(self, d: &Dataset, q: &Query) -> String {
        let w = &mut Warnings::default();
        match self {
            View::Reserves => reserves::figure::file_stem(d, &Params::read(q, w)),
            View::Discoveries => discoveries::figure::file_stem(&Params::read(q, w)),
            View::Quotas => quotas::figure::file_stem(d, &Params::read(q, w)),
            View::Exports => exports::figure::file_stem(&Params::read(q, w)),
            View::Prices => prices::figure::file_stem(&Params::read(q, w)),
        }
    }

    /// The texts only this view reads, by field name, when they come with its rows
    /// (`i18n::TextPart`) instead of in the first download; with the part's name.
    #[cfg(not(feature = "split"))]
    pub fn own_texts(self, lang: Lang) -> Option<(&'static str, Vec<NamedField>)> {
        match self {
            View::Reserves => None,
            View::Discoveries => Some(part_texts::<DiscoveriesTexts>(lang)),
            View::Quotas => Some(part_texts::<QuotasTexts>(lang)),
            View::Exports => Some(part_texts::<ExportsTexts>(lang)),
            View::Prices => Some(part_texts::<PricesTexts>(lang)),
        }
    }

    /// The view at its default state as the build-time copy of the page prints it (its
    /// component's markup; a tap on its controls before the app runs is kept for the app); the
    /// copy's chart heights go to `css`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn copy(self, d: &Dataset, lang: Lang, t: &Strings, css: &mut Vec<String>) -> String {
        match self {
            View::Reserves => reserves::copy(d, lang, t, css),
            View::Discoveries => discoveries::copy(d, lang, t, css),
            View::Quotas => quotas::copy(d, lang, t, css),
            View::Exports => exports::copy(d, lang, t, css),
            View::Prices => prices::copy(d, lang, t, css),
        }
    }

    /// The states the copy deck prints, beside the default: every mode and the article's states.
    pub fn copy_states(self) -> &'static [&'static str] {
        match self {
            View::Reserves => &[
                "measure=share",
                "measure=years",
                "edition=2025",
                "edition=2024",
            ],
            View::Discoveries => &["country=Sweden", "basis=expected-additional-resource"],
            View::Quotas => &["quota=split", "quota=batches"],
            View::Exports => &["show=value", "show=unit-value", "show=magnets"],
            View::Prices => &["oxide=nd", "oxide=pr", "oxide=dy", "oxide=tb"],
        }
    }

    /// What the view prints besides its figures, as lines of the copy deck.
    pub fn other_texts(self, d: &Dataset, q: &Query, lang: Lang, t: &Strings) -> Vec<String> {
        let w = &mut Warnings::default();
        match self {
            View::Reserves => {
                let state = Params::read(q, w);
                let mut out = vec![reserves::figure::edition_note(d, &state, t)];
                out.push(format!("**{}**", t.revisions_title));
                out.extend(crate::figure::table_lines(&reserves::figure::revisions(
                    d, lang, t,
                )));
                out
            }
            View::Discoveries => {
                let v: &DiscoveriesTexts = texts(lang);
                let mut out = vec![format!("**{}** {}", v.off_chart_title, v.off_chart_intro)];
                let lines = discoveries::figure::off_chart(d, &Params::read(q, w), lang, t, v);
                out.extend(lines.into_iter().map(|l| format!("- {l}")));
                out
            }
            View::Quotas | View::Exports | View::Prices => Vec::new(),
        }
    }
}

/// The texts of every part loaded on demand, for the rows file: each view's after the first.
#[cfg(not(feature = "split"))]
pub fn text_parts() -> Vec<PartTexts> {
    let fields = |named: Vec<NamedField>| named.into_iter().map(|(_, f)| f).collect();
    View::ALL
        .iter()
        .filter_map(|v| {
            let (name, en) = v.own_texts(Lang::En)?;
            let (_, zh) = v.own_texts(Lang::Zh)?;
            Some((name, [fields(en), fields(zh)]))
        })
        .collect()
}

/// A catalogue part's texts in `lang`, by field name, with the part's name.
#[cfg(not(feature = "split"))]
pub fn part_texts<T: Embedded>(lang: Lang) -> (&'static str, Vec<NamedField>) {
    (T::NAME, T::of(lang).fields())
}

/// A field of a catalogue part: its name, and its text (as a list of one) or its list.
#[cfg(not(feature = "split"))]
pub type NamedField = (&'static str, &'static [&'static str]);

/// The order parameters are written in: the view, each view's own in tab order, then the page's.
pub fn url_order() -> Vec<&'static str> {
    let mut order = vec!["view"];
    order.extend(View::ALL.iter().flat_map(|v| v.keys()));
    order.extend(Page::KEYS.iter().filter(|k| **k != "view"));
    order
}

/// A URL as the page starts from: only known parameters, each given once and not oversized, in
/// `url_order`; the page's own read and checked. What was left out is in `warnings`.
///
/// A view's own values are checked by the view when it reads them (`Ctx::params` falls back to the
/// default for one it does not know): their parsing code comes with the view, on demand, instead
/// of with every reader's first download.
pub fn canonical(raw: &Query, warnings: &mut Warnings) -> Query {
    let mut out = Query::default();
    Page::read(raw, &SLUGS, warnings).write(&mut out);
    for key in View::ALL.iter().flat_map(|v| v.keys()) {
        out.set(key, raw.value(key, warnings).map(String::from));
    }
    let known = url_order();
    for key in raw.keys().filter(|k| !known.contains(k)) {
        warnings.0.push(format!(
            "unknown parameter `{}` ignored",
            crate::url::printable(key)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical_of(q: &str) -> (String, Vec<String>) {
        let mut w = Warnings::default();
        let q = canonical(&Query::parse(q), &mut w);
        (q.to_search(&url_order()), w.0)
    }

    #[test]
    fn every_view_round_trips_through_the_url() {
        for view in View::ALL {
            let (search, warnings) = canonical_of(&format!("?view={}", view.slug()));
            assert_eq!(search, format!("?view={}", view.slug()));
            assert!(warnings.is_empty());
            assert_eq!(View::from_slug(view.slug()), Some(view));
        }
    }

    #[test]
    fn each_views_own_values_fall_back_when_the_view_reads_them() {
        let raw = Query::parse("?view=quotas&quota=nonsense&from=1800");
        let mut w = Warnings::default();
        let state: quotas::state::State = Params::read(&canonical(&raw, &mut w), &mut w);
        assert_eq!(state, quotas::state::State::default());
        assert_eq!(w.0.len(), 2, "{:?}", w.0);
    }

    #[test]
    fn old_links_keep_working_and_a_full_state_round_trips() {
        let old = "?view=quotas&edition=2025&measure=share&show=unit-value&quota=batches&from=2016&to=2024&country=Burma+(Myanmar)&basis=expected-additional-resource&table=1&theme=dark&lang=zh";
        let (search, warnings) = canonical_of(old);
        assert!(warnings.is_empty(), "{warnings:?}");
        let (again, _) = canonical_of(&search);
        assert_eq!(again, search);
        for part in [
            "view=quotas",
            "edition=2025",
            "measure=share",
            "show=unit-value",
            "quota=batches",
            "from=2016",
            "to=2024",
            "country=Burma%20%28Myanmar%29",
            "basis=expected-additional-resource",
            "table=1",
            "theme=dark",
            "lang=zh",
        ] {
            assert!(search.contains(part), "{part} in {search}");
        }
    }

    #[test]
    fn unknown_parameters_are_ignored_not_fatal() {
        let (search, warnings) = canonical_of("?foo=bar&view=exports&utm_source=x");
        assert_eq!(search, "?view=exports");
        assert_eq!(warnings.len(), 2);
    }

    #[test]
    fn each_views_parameters_are_its_own() {
        let mut all: Vec<&str> = View::ALL.iter().flat_map(|v| v.keys()).copied().collect();
        all.extend(Page::KEYS);
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "no two parts read the same parameter");
    }

    #[test]
    fn a_views_figures_depend_only_on_its_own_parameters() {
        let d = crate::data::dataset();
        let t = &crate::i18n::EN;
        let queries = [
            "?view=reserves&edition=2025&measure=share&table=1",
            "?view=discoveries&country=China&basis=expected-additional-resource&edition=2025",
            "?view=quotas&quota=batches&from=2019&to=2024&measure=years",
            "?view=exports&show=unit-value&country=China",
            "?view=prices&oxide=tb&show=value&quota=split",
        ];
        for q in queries {
            let raw = Query::parse(q);
            for view in View::ALL {
                // The same view with only its own parameters.
                let mut own = Query::default();
                for key in view.keys() {
                    own.set(
                        key,
                        raw.value(key, &mut Warnings::default()).map(String::from),
                    );
                }
                assert_eq!(
                    view.figures(d, &raw, Lang::En, t),
                    view.figures(d, &own, Lang::En, t),
                    "{view:?} {q}"
                );
            }
        }
    }

    #[test]
    fn each_parts_texts_are_in_every_language_with_the_same_placeholders() {
        let parts = text_parts();
        assert_eq!(
            parts.len(),
            View::ALL.len() - 1,
            "every view after the first"
        );
        // The list of what changed is a page of its own, built natively: the same checks.
        let fields = |named: Vec<NamedField>| named.into_iter().map(|(_, f)| f).collect();
        let corrections = (
            <crate::i18n::CorrectionsTexts as crate::i18n::TextPart>::NAME,
            [Lang::En, Lang::Zh]
                .map(|lang| fields(part_texts::<crate::i18n::CorrectionsTexts>(lang).1)),
        );
        for (name, [en, zh]) in parts.into_iter().chain([corrections]) {
            assert_eq!(en.len(), zh.len(), "{name}");
            for (e, z) in en.iter().zip(&zh) {
                assert_eq!(e.len(), z.len(), "{name}: a list of as many items");
                for (e, z) in e.iter().zip(z.iter()) {
                    assert!(
                        !e.trim().is_empty() && !z.trim().is_empty(),
                        "{name}: {e:?}"
                    );
                    assert_eq!(
                        crate::i18n::placeholders(e),
                        crate::i18n::placeholders(z),
                        "{name}: {e:?} and {z:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_csv_of_a_view_has_the_rows_it_charts() {
        let d = crate::data::dataset();
        let column = |csv: &Csv, name: &str| -> Vec<String> {
            let i = csv.header.iter().position(|h| h == name).expect(name);
            csv.rows.iter().map(|r| r[i].clone()).collect()
        };
        let q = Query::parse("?view=reserves&edition=2025&measure=share");
        let (_, f) = &View::Reserves.figures(d, &q, Lang::En, &crate::i18n::EN)[0];
        let crate::figure::Chart::Bars(bars) = &f.chart else {
            panic!("reserves draws bars");
        };
        let csv = View::Reserves.csv(d, &q);
        let countries = column(&csv, "country");
        let charted: Vec<&str> = bars.rows.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(countries[..charted.len()], charted[..]);
        assert_eq!(
            countries[charted.len()..],
            ["World"],
            "the world total, no Liangshan in %"
        );
        assert!(csv.rows.iter().all(|r| r.len() == csv.header.len()));

        let q = Query::parse("?view=quotas&from=2019&to=2024");
        let years: Vec<String> = d
            .quotas
            .iter()
            .filter(|q| (2019..=2024).contains(&q.year))
            .map(|q| q.year.to_string())
            .collect();
        assert_eq!(column(&View::Quotas.csv(d, &q), "year"), years);

        let csv = View::Exports.csv(d, &Query::parse("?view=exports&show=value"));
        assert_eq!(csv.rows.len(), d.exports_annual.len());
    }

    #[test]
    fn file_names_say_what_they_hold() {
        let d = crate::data::dataset();
        let name = |view: View, q: &str| view.file_stem(d, &Query::parse(q));
        assert_eq!(
            name(View::Reserves, "?edition=2025"),
            "rare-earth-reserves-usgs-mcs2025-tonnes"
        );
        assert_eq!(
            name(View::Discoveries, "?country=Burma (Myanmar)&basis=resource"),
            "rare-earth-discoveries-burma-myanmar-resource"
        );
        assert_eq!(
            name(View::Quotas, "?quota=batches&from=2019&to=2024"),
            "china-rare-earth-quotas-2019-2024-batches"
        );
        assert_eq!(
            name(View::Exports, "?show=unit-value"),
            "china-rare-earth-exports-unit-value"
        );
    }
}
