//! Every word the reader sees, one catalogue per language.
//!
//! A catalogue is a struct, so a language missing a string does not compile; a test checks that
//! the sentence templates of every language use the same `{placeholders}`. A third language is one
//! more file like `en.rs`.

mod en;
mod zh;

pub use en::EN;
pub use zh::ZH;

use crate::state::{Lang, View};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// Replaces each `{name}` in `template` by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

impl Strings {
    /// "2024: 270,000 t" / "2024：270,000 吨": a head and what it says, with the language's colon.
    pub fn head(&self, head: &str, body: &str) -> String {
        format!("{head}{}{body}", self.colon)
    }

    /// "(+5.9 % on 2023)" / "（较2023年增长5.9%）", with the space English puts before it.
    pub fn paren(&self, text: &str) -> String {
        format!("{}{text}{}", self.paren_open, self.paren_close)
    }

    /// "Mining quota 270,000 t" / "开采指标270,000 吨".
    pub fn labelled(&self, label: &str, value: &str) -> String {
        fill(self.label_value, &[("label", label), ("value", value)])
    }

    pub fn view_name(&self, view: View) -> &'static str {
        match view {
            View::Reserves => self.tab_reserves,
            View::Discoveries => self.tab_discoveries,
            View::Quotas => self.tab_quotas,
            View::Exports => self.tab_exports,
        }
    }
}

/// Generates the catalogue struct and a list of its text fields (for the completeness tests).
macro_rules! catalogue {
    ($($field:ident),* $(,)?; lists: $($list:ident),* $(,)?) => {
        pub struct Strings {
            $(pub $field: &'static str,)*
            $(pub $list: &'static [&'static str],)*
        }
        impl Strings {
            /// Every text of the catalogue, with its field name.
            pub fn texts(&self) -> Vec<(&'static str, &'static str)> {
                let mut all = vec![$((stringify!($field), self.$field),)*];
                $(all.extend(self.$list.iter().map(|s| (stringify!($list), *s)));)*
                all
            }
            /// The length of every list, with its field name.
            pub fn list_lengths(&self) -> Vec<(&'static str, usize)> {
                vec![$((stringify!($list), self.$list.len()),)*]
            }
        }
    };
}

catalogue! {
    title, dek, views_label, tab_reserves, tab_discoveries, tab_quotas, tab_exports,
    footer_sources, footer_usgs, footer_customs, footer_miit, footer_mnr, footer_method,
    sources, show_as, chart, table, readout_hint, chart_help,
    claims_title, claims_intro, verdict_confirmed, verdict_needs_context, verdict_not_supported,
    not_available, yes, no_other_report, list_separator, citation_dash, citation_comma, colon,
    paren_open, paren_close, label_value,
    source_syndicated, source_rewrite, computed_mark, change_on, more_than, about, at_most,
    // Reserves
    edition, measure, measure_tonnes, measure_share, measure_years, mcs_edition, partial_edition,
    default_edition_note, of_world, years_value, years_of_supply_value, years_not_shown,
    vs_edition, country, reserves_summary, reserves_summary_years, reserves_summary_no_world,
    reserves_summary_no_china, reserves_alt, reserves_alt_missing, liangshan_bar, liangshan_name,
    liangshan_alt, reserves_table_caption, revisions_title, revisions_caption, revised_up,
    revised_down, axis_reserves_t, axis_share, axis_years,
    note_reserves_unit, note_australia_jorc, note_world_lower_bound, note_world_approximate,
    note_rounded_by_secondary, note_secondary_edition, note_revisions, note_liangshan_not_in_usgs,
    note_years_of_supply, note_china_production_quota, note_india_na_2026,
    // Discoveries
    basis, all_countries, all_bases, basis_reserve, basis_resource, basis_expected_additional,
    basis_internal_estimate, basis_forecast, unit_reo, unit_ore, unit_unclear, no_tonnage,
    date_unknown, announced_by_on, update_of, discoveries_summary, discoveries_summary_filtered, discoveries_summary_single,
    discoveries_none,
    discoveries_alt, discoveries_table_caption, axis_size_reo, off_chart_title, off_chart_intro,
    why_ore, why_unclear, why_no_tonnage, why_no_date,
    note_liangshan_resources, note_basis, note_ore_not_comparable, note_date_position,
    // Quotas
    breakdown, breakdown_total, breakdown_split, breakdown_batches, from_year, to_year,
    mining_quota, smelting_quota, light_quota, ionic_quota, split_unknown, batches_unknown, mining_quota_unbatched, batch_n,
    change_on_same_batch, batch_rest, gap_not_found, gap_not_published, quotas_summary,
    quotas_alt, quotas_alt_gaps, quotas_table_caption, batches_table_caption, axis_quota,
    note_quota_batches, note_quota_gaps, note_quota_split, note_computed_change,
    // Exports
    show, export_volume, export_value, unit_value, usd_per_t, usd_per_kg, derived_unit_value,
    first_months, gap_not_reported, gap_not_reported_long, gap_month, gap_month_long,
    gap_month_together, change_on_same_months, exports_summary, exports_alt,
    exports_table_caption, axis_export_volume, axis_export_value, axis_unit_value,
    note_exports_unit, note_exports_preferred, note_exports_gaps, note_exports_computed_change,
    note_export_value, note_oxide_prices,
    monthly_title, monthly_summary, monthly_alt, monthly_table_caption, note_monthly,
    // Newsroom kit and settings
    actions_label, share, embed, cite, download_csv, download_png, download_svg, link_copied,
    copy_failed, downloaded, download_failed, csv_comment, source_line, cite_title, cite_short,
    cite_long, cite_short_label, cite_long_label, copy_citation, citation_copied, embed_title,
    embed_intro, embed_lock, embed_code, copy_code, code_copied, close, theme, theme_auto,
    theme_light, theme_dark, language, lang_reader, switch_lang, switch_lang_label, open_full,
    settings_label, view_failed, retry, load_failed,
    ;
    lists: reserves_table_headers, discoveries_table_headers, quotas_table_headers,
    batches_table_headers, exports_table_headers, monthly_table_headers,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut names: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn every_language_has_every_text() {
        for (lang, t) in [("zh", &ZH), ("en", &EN)] {
            for (field, text) in t.texts() {
                assert!(!text.trim().is_empty(), "{lang}: `{field}` is empty");
            }
        }
    }

    #[test]
    fn templates_use_the_same_placeholders_in_every_language() {
        for ((field, en), (_, zh)) in EN.texts().into_iter().zip(ZH.texts()) {
            assert_eq!(
                placeholders(en),
                placeholders(zh),
                "`{field}` differs between en and zh"
            );
        }
    }

    #[test]
    fn tables_have_as_many_headers_in_every_language() {
        assert_eq!(EN.list_lengths(), ZH.list_lengths());
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "1"), ("b", "2")]),
            "1 and 2, 1"
        );
    }
}
