//! The dataset's rules and derived figures, checked against values worked out by hand.

use super::derived::*;
use super::parse::{parse_dataset, parse_table, rounding_ceiling, validate, Files};
use super::*;

const FILES: Files<'static> = Files {
    sources: include_str!("../../data/sources.csv"),
    reserves: include_str!("../../data/reserves.csv"),
    production: include_str!("../../data/production.csv"),
    discoveries: include_str!("../../data/discoveries.csv"),
    quotas: include_str!("../../data/quotas.csv"),
    quota_batches: include_str!("../../data/quota_batches.csv"),
    exports_annual: include_str!("../../data/exports_annual.csv"),
    exports_monthly: include_str!("../../data/exports_monthly.csv"),
    prices: include_str!("../../data/prices.csv"),
    claims: include_str!("../../data/claims.csv"),
    countries: include_str!("../../data/countries.csv"),
    publishers: include_str!("../../data/publishers.csv"),
    events: include_str!("../../data/events.csv"),
    magnets: include_str!("../../data/magnets.csv"),
    corrections: include_str!("../../data/corrections.csv"),
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * b.abs().max(1.0)
}

#[test]
fn the_embedded_dataset_is_the_data_folder() {
    let parsed = parse_dataset(&FILES).expect("data/ is valid");
    let d = dataset();
    // build.rs leaves out the text the page never shows (notes, licences); figures are all there.
    assert_eq!(parsed.reserves.len(), d.reserves.len());
    for (p, e) in parsed.reserves.iter().zip(d.reserves) {
        // Only a footnote the page reads (JORC, monazite) is kept.
        let kept = p.note.contains("JORC") || p.note.contains(MONAZITE);
        let note = if kept { p.note } else { "" };
        assert_eq!(ReserveFigure { note, ..*p }, *e);
    }
    for (p, e) in parsed.production.iter().zip(d.production) {
        // Only the words of the USGS footnotes the rules read are kept.
        let note = PRODUCTION_FOOTNOTES
            .into_iter()
            .find(|f| p.note.contains(f))
            .unwrap_or("");
        assert_eq!(Production { note, ..*p }, *e);
    }
    assert_eq!(parsed.claims, d.claims);
    assert_eq!(parsed.sources.len(), d.sources.len());
    for (p, e) in parsed.sources.iter().zip(d.sources) {
        assert_eq!(
            (p.id, p.title, p.url, p.date),
            (e.id, e.title, e.url, e.date)
        );
    }
    for (p, e) in parsed.exports_annual.iter().zip(d.exports_annual) {
        assert_eq!(
            (p.year, p.volume_t, p.value, p.sources),
            (e.year, e.volume_t, e.value, e.sources)
        );
    }
    // The parsed tables, not the embedded ones: the build drops fields the page never shows.
    let problems = validate(&parsed);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_articles_four_figures_are_in_the_data() {
    let d = dataset();
    assert_eq!(
        reserve(d, 2025, "China").and_then(|r| r.reserves_t),
        Some(44_000_000.0)
    );
    let liangshan = d
        .discoveries
        .iter()
        .find(|f| f.id.starts_with("liangshan"))
        .expect("Liangshan");
    assert_eq!(
        (liangshan.size, liangshan.unit, liangshan.announced),
        (Some(4_960_000.0), Unit::Oxide, "2024-09-14")
    );
    let batches: Vec<_> = d
        .quota_batches
        .iter()
        .filter(|b| b.year == 2024)
        .map(|b| b.mining_t)
        .collect();
    assert_eq!(batches, vec![Some(135_000.0), Some(135_000.0)]);
    let ytd = export_period(d, "2024-01", "2024-08").expect("Jan-Aug 2024");
    assert_eq!((ytd.volume_t, ytd.yoy_pct), (Some(38_755.0), Some(6.4)));
}

#[test]
fn china_is_44_mt_in_every_edition() {
    let history = reserve_history(dataset(), "China");
    assert_eq!(history.len(), 7);
    assert!(history.iter().all(|&(_, v)| v == Some(44_000_000.0)));
}

#[test]
fn shares_of_world() {
    let d = dataset();
    let s = share_of_world(d, 2025, "China").expect("share");
    assert!(close(s.percent, 44.0 / 90.0 * 100.0) && s.at_most && !s.approximate);
    // MCS 2026 as USGS corrected it (version 1.3, 27 May 2026): more than 75 Mt, not 85 Mt.
    let s = share_of_world(d, 2026, "China").expect("share");
    assert!(close(s.percent, 44.0 / 75.0 * 100.0) && s.at_most);
    assert_eq!(share_of_world(d, 2026, "India"), None, "NA has no share");
    assert_eq!(
        share_of_world(d, 2021, "China"),
        None,
        "no world total on record for MCS 2021"
    );
}

#[test]
fn revisions_between_editions() {
    let d = dataset();
    let (dt, pct) = reserve_change(d, "Vietnam", 2024, 2025).expect("Vietnam");
    assert!(close(dt, -18_500_000.0) && close(pct, (3.5 / 22.0 - 1.0) * 100.0));
    // Version 1.3 of MCS 2026 cut Brazil from 21 Mt to 11 Mt (government reports).
    let (dt, pct) = reserve_change(d, "Brazil", 2025, 2026).expect("Brazil");
    assert!(close(dt, -10_000_000.0) && close(pct, (11.0 / 21.0 - 1.0) * 100.0));
    assert_eq!(
        world_reserves(d, 2026),
        Some((75_000_000.0, Qualifier::AtLeast))
    );
    let russia: Vec<_> = reserve_history(d, "Russia")
        .into_iter()
        .filter_map(|(_, v)| v)
        .collect();
    assert!(
        russia.windows(3).any(|w| w == [21e6, 10e6, 3.8e6]),
        "{russia:?}"
    );
}

#[test]
fn a_rounded_secondary_figure_is_no_revision() {
    let d = dataset();
    // MCS 2022 is known from a table that printed "0.8M" and "4M"; MCS 2023 lists 790,000 t and
    // 4.2 Mt. The differences are rounding, not USGS changing its mind.
    assert_eq!(reserve_change(d, "South Africa", 2022, 2023), None);
    assert_eq!(reserve_change(d, "Australia", 2022, 2023), None);
    assert_eq!(reserve_change(d, "Tanzania", 2022, 2023), None);
    assert!(reserve_change(d, "Russia", 2023, 2024).is_some());
    assert_eq!(rounding_unit(4_000_000.0), 1_000_000.0);
    assert_eq!(rounding_unit(800_000.0), 100_000.0);
    assert_eq!(rounding_unit(4_200_000.0), 100_000.0);
    assert_eq!(rounding_unit(35_447.5), 0.1);
}

#[test]
fn years_of_supply_use_the_editions_latest_production() {
    let d = dataset();
    assert_eq!(latest_production(d, 2025, "China"), Some((2024, 270_000.0)));
    assert!(close(
        years_of_supply(d, 2025, "China").unwrap_or(0.0),
        44_000_000.0 / 270_000.0
    ));
    // Canada mined nothing, Brazil 20 t of the world's 390,000 t: no meaningful years of supply.
    assert_eq!(years_of_supply(d, 2025, "Canada"), None);
    assert_eq!(years_of_supply(d, 2025, "Brazil"), None);
    assert!(production_share(d, 2025, "Brazil").is_some_and(|s| s < 0.01));
    assert_eq!(
        years_of_supply_or_why(d, 2025, "Brazil"),
        Some(YearsOfSupply::SmallProducer)
    );
    // Thailand's 13,000 t in MCS 2025 (3.3 % of the world) is USGS's estimate from China's import
    // data, which MCS 2026 cut to 2,100 t: no ratio to it, and the reason is kept. The same rule
    // leaves out Australia's MCS 2025 figure, estimated the same way and revised up since.
    assert_eq!(years_of_supply(d, 2025, "Thailand"), None);
    assert_eq!(
        years_of_supply_or_why(d, 2025, "Thailand"),
        Some(YearsOfSupply::FromChinaImports)
    );
    assert_eq!(
        years_of_supply_or_why(d, 2025, "Australia"),
        Some(YearsOfSupply::FromChinaImports)
    );
    // No reserves figure: no question of years of supply.
    assert_eq!(years_of_supply_or_why(d, 2026, "Thailand"), None);
}

#[test]
fn usgs_footnotes_the_rules_read_survive_the_build() {
    let d = dataset();
    // MCS 2025 set China's 2023 and 2024 output equal to the quota; no later edition does.
    assert_eq!(output_set_to_quota(d, 2025), vec![2023, 2024]);
    for edition in editions(d).into_iter().filter(|&e| e != 2025) {
        assert!(output_set_to_quota(d, edition).is_empty(), "{edition}");
    }
    assert!(production_is_estimate(d, 2026, "China"));
    let australia = reserve(d, 2026, "Australia").expect("Australia");
    assert_eq!(tonnage_in_note(australia.note, " Mt"), Some(3_300_000.0));
    let india = reserve(d, 2026, "India").expect("India");
    assert_eq!(tonnage_in_note(india.note, MONAZITE), Some(256_000.0));
}

#[test]
fn each_quota_series_has_its_own_change_stated_where_a_source_states_it() {
    let d = dataset();
    let mining = quota_change(d, 2024, QuotaSeries::Mining).expect("2024 mining");
    let smelting = quota_change(d, 2024, QuotaSeries::Smelting).expect("2024 smelting");
    assert_eq!((mining.percent, mining.computed), (5.9, false));
    assert_eq!((smelting.percent, smelting.computed), (4.2, false));
    // 2018: "up 15,000 t" is stated, its percentage is not: computed, and marked so.
    let y2018 = quota_change(d, 2018, QuotaSeries::Mining).expect("2018");
    assert_eq!((y2018.percent, y2018.computed), (14.3, true));
    assert_eq!(
        quota_change(d, 2011, QuotaSeries::Mining).map(|c| c.percent),
        Some(5.16)
    );
    let ionic = quota_change(d, 2018, QuotaSeries::Ionic).expect("2018 ionic");
    assert!(ionic.computed && close(ionic.percent, 7.0));
    // Both 2024 smelting batches went from 115,000 t to 127,000 t: +10.4 %, as MIIT states it
    // for the first; Reuters rounds the second to +10 %, shown to the same decimal from the
    // figures, marked computed and with Reuters' figure beside it.
    assert_eq!(batch_change(d, 2024, 1, true), Some(Change::stated(10.4)));
    assert_eq!(
        batch_change(d, 2024, 2, true),
        Some(Change {
            percent: 10.4,
            computed: true,
            source_rounded: Some(10.0)
        })
    );
    // A stated whole per cent the figures bear out to the decimal stays as stated.
    assert_eq!(
        quota_change(d, 2021, QuotaSeries::Mining),
        Some(Change::stated(20.0))
    );
    assert_eq!(
        batch_change(d, 2024, 1, false).map(|c| c.percent),
        Some(12.5)
    );
    assert_eq!(
        quota_change(d, 2013, QuotaSeries::Mining),
        None,
        "2012 is a gap"
    );
    assert_eq!(
        quota_change(d, 2016, QuotaSeries::Mining),
        None,
        "2015 is a gap"
    );
}

#[test]
fn export_unit_values_and_changes() {
    let d = dataset();
    let y2024 = preferred_export(d, 2024, 12).expect("2024");
    assert!(close(
        export_unit_value(y2024).unwrap_or(0.0),
        488.8e6 / 55_431.0
    ));
    let y2021_cny = d
        .exports_annual
        .iter()
        .find(|e| e.year == 2021 && e.value_unit == Some(ValueUnit::CnyM));
    assert_eq!(
        y2021_cny.and_then(export_unit_value),
        None,
        "yuan values give no US$ unit value"
    );
    // As reported: customs gave -12.6 % for 2019, where the volumes give -13.0 %.
    let y2019 = export_volume_change(d, 2019).expect("2019");
    assert_eq!((y2019.percent, y2019.computed), (-12.6, false));
    assert_eq!(
        export_volume_change(d, 2015).map(|c| c.percent),
        Some(25.62)
    );
    assert_eq!(
        preferred_export(d, 2020, 12).and_then(|e| e.volume_t),
        Some(35_447.5)
    );
}

#[test]
fn the_default_edition_is_the_newest_complete_one() {
    let d = dataset();
    assert!(
        !edition_is_complete(d, 2024),
        "MCS 2024 is known only in part"
    );
    assert!(edition_is_complete(d, 2025) && edition_is_complete(d, 2026));
    assert_eq!(default_edition(d), 2026);
}

#[test]
fn dates_become_positions_in_the_middle_of_their_period() {
    assert_eq!(date_position("2024"), Some(2024.5));
    assert_eq!(date_position("2024-07"), Some(2024.0 + 6.5 / 12.0));
    assert!(date_position("2024-09-14").is_some_and(|x| x > 2024.7 && x < 2024.72));
    assert_eq!(date_position(""), None);
    assert_eq!(date_position("2024-13"), None);
}

#[test]
fn rounded_totals_allow_only_their_rounding() {
    assert_eq!(rounding_ceiling(120_000_000.0), 125_000_000.0);
    assert_eq!(rounding_ceiling(115_400_000.0), 115_450_000.0);
    assert_eq!(rounding_ceiling(116_000_000.0), 116_500_000.0);
}

// A broken file must fail with its name, row and field, never as a silent zero.

fn with(table: &str, text: &'static str) -> Result<Dataset, String> {
    let mut files = FILES;
    match table {
        "sources" => files.sources = text,
        "reserves" => files.reserves = text,
        "discoveries" => files.discoveries = text,
        "quotas" => files.quotas = text,
        "exports_annual" => files.exports_annual = text,
        "exports_monthly" => files.exports_monthly = text,
        "prices" => files.prices = text,
        "claims" => files.claims = text,
        "events" => files.events = text,
        "magnets" => files.magnets = text,
        "corrections" => files.corrections = text,
        _ => unreachable!("test names a table"),
    }
    parse_dataset(&files)
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[test]
fn a_malformed_figure_names_file_row_and_field() {
    let text = FILES.reserves.replacen("44000000", "44 Mt", 1);
    let err = with("reserves", leak(text)).expect_err("bad number");
    assert!(err.starts_with("reserves.csv: row "), "{err}");
    assert!(err.contains("field `reserves_t`"), "{err}");
}

#[test]
fn an_unknown_unit_or_basis_is_refused() {
    let text = FILES.discoveries.replacen(",t_reo,", ",kg,", 1);
    let err = with("discoveries", leak(text)).expect_err("bad unit");
    assert!(err.contains("field `unit`"), "{err}");
}

#[test]
fn an_unknown_source_id_is_refused() {
    let text = FILES.claims.replacen("usgs-mcs-2025", "usgs-mcs-2099", 1);
    let err = with("claims", leak(text)).expect_err("bad source");
    assert!(err.contains("unknown source id `usgs-mcs-2099`"), "{err}");
}

#[test]
fn a_plain_http_link_is_refused_except_on_the_hosts_known_to_have_no_https() {
    let text = FILES.sources.replacen(
        "https://www.globaltimes.cn/content/1142893.shtml",
        "http://www.globaltimes.cn/content/1142893.shtml",
        1,
    );
    assert_ne!(text, FILES.sources, "the test edits the Global Times row");
    let err = with("sources", leak(text)).expect_err("plain http");
    assert!(
        err.contains("url `http://www.globaltimes.cn/content/1142893.shtml` is plain http"),
        "{err}"
    );
    // The links that stay plain http are exactly the known exceptions (super::parse::PLAIN_HTTP).
    let d = parse_dataset(&FILES).expect("data/ is valid");
    let plain: Vec<&str> = d
        .sources
        .iter()
        .filter(|s| s.url.starts_with("http://"))
        .map(|s| s.id)
        .collect();
    assert_eq!(plain, ["ibtimes-2014-quota", "reuters-2026-01-20-magnets"]);
    assert_eq!(
        super::parse::PLAIN_HTTP.map(|(host, _)| host),
        ["au.ibtimes.com", "www.goldsea.com"]
    );
}

#[test]
fn ore_passed_off_as_oxide_is_refused() {
    let text = FILES
        .discoveries
        .replacen(",2340000000,,t_ore,", ",2340000000,,t_reo,", 1);
    assert_ne!(
        text, FILES.discoveries,
        "the test edits the Halleck Creek ore row"
    );
    let err = with("discoveries", leak(text)).expect_err("ore as REO");
    assert!(err.contains("cannot be tonnes of oxide"), "{err}");
}

#[test]
fn countries_exceeding_a_rounded_world_total_are_refused() {
    let text = FILES
        .reserves
        .replacen("2022,World,120000000", "2022,World,110000000", 1);
    assert_ne!(
        text, FILES.reserves,
        "the test edits the MCS 2022 world row"
    );
    let err = with("reserves", leak(text)).expect_err("sum over total");
    assert!(err.contains("MCS 2022: countries add up to"), "{err}");
}

#[test]
fn duplicate_keys_years_out_of_range_and_two_preferred_reports_are_refused() {
    let dup = format!(
        "{}{}",
        FILES.reserves,
        FILES.reserves.lines().nth(1).unwrap_or_default()
    );
    assert!(with("reserves", leak(dup))
        .expect_err("duplicate")
        .contains("duplicate MCS"));
    let old = FILES.quotas.replacen("\n2010,", "\n1999,", 1);
    assert!(with("quotas", leak(old))
        .expect_err("range")
        .contains("year 1999 out of range"));
    let two = FILES
        .exports_annual
        .replacen("27608.3,,,,,,no,", "27608.3,,,,,,yes,", 1);
    assert!(with("exports_annual", leak(two))
        .expect_err("preferred")
        .contains("two preferred reports"));
}

#[test]
fn a_claim_without_a_source_is_refused() {
    let mut rows: Vec<csv::StringRecord> = Vec::new();
    let mut reader = csv::Reader::from_reader(FILES.claims.as_bytes());
    let headers = reader.headers().expect("header").clone();
    for r in reader.records() {
        let mut r: Vec<String> = r.expect("row").iter().map(String::from).collect();
        if let Some(last) = r.last_mut() {
            last.clear();
        }
        rows.push(csv::StringRecord::from(r));
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).expect("write");
    rows.iter().for_each(|r| w.write_record(r).expect("write"));
    let text = String::from_utf8(w.into_inner().expect("flush")).expect("utf8");
    assert!(with("claims", leak(text))
        .expect_err("no source")
        .contains("claims.csv: row 1: no source"));
}

#[test]
fn parse_table_reports_ragged_rows() {
    let err = parse_table::<Country>("countries.csv", "name,name_zh\nChina\n").expect_err("ragged");
    assert!(err.starts_with("countries.csv: row 1"), "{err}");
}

#[test]
fn a_copy_marked_do_not_link_is_never_a_url() {
    // The SCMP article was first linked on its CDN copy; the original is on scmp.com.
    let scmp = "https://www.scmp.com/economy/china-economy/article/3278718/";
    let text = FILES.sources.replacen(
        scmp,
        "https://mcdn.i-scmp.com/economy/china-economy/article/3278718/",
        1,
    );
    assert_ne!(text, FILES.sources, "the test edits the SCMP row");
    let err = with("sources", leak(text)).expect_err("CDN copy");
    assert!(err.contains("url links mcdn.i-scmp.com"), "{err}");
    let text = FILES
        .sources
        .replacen(scmp, "http://203.0.113.7/economy/", 1);
    let err = with("sources", leak(text)).expect_err("bare IP");
    assert!(err.contains("bare IP address"), "{err}");
}

#[test]
fn a_syndicated_source_names_where_it_is_reposted() {
    // Kitco's licensed copy of a Reuters story: without its address the page would print
    // "reposted on" and nothing.
    let kitco = "https://www.kitco.com/news/off-the-wire/2025-09-08/china-august-rare-earth-exports-fall-34-month,";
    let text = FILES.sources.replacen(kitco, ",", 1);
    assert_ne!(text, FILES.sources, "the test edits a Kitco row");
    let err = with("sources", leak(text)).expect_err("syndicated without url");
    assert!(err.contains("a syndicated source needs the url"), "{err}");
    // Reuters' November 2025 story, known from a rewrite on news.az: named, not linked.
    let linked = FILES.sources.replacen(
        ",2025-12-08,,Copyrighted; facts cited,https://news.az/",
        ",2025-12-08,https://news.az/x,Copyrighted; facts cited,https://news.az/",
        1,
    );
    assert_ne!(linked, FILES.sources, "the test edits the news.az row");
    let err = with("sources", leak(linked)).expect_err("rewrite linked");
    assert!(err.contains("a rewrite is named without a link"), "{err}");
}

#[test]
fn exports_run_to_january_february_2026() {
    let d = dataset();
    // Customs, as Reuters and others reported it: 62,585 t in 2025, up 12.9 %, the most since at
    // least 2014; January-February 2026 10,468.3 t (+23 %), worth US$68.6 million (-15.9 %).
    let y2025 = preferred_export(d, 2025, 12).expect("full year 2025");
    assert_eq!(
        (y2025.volume_t, y2025.volume_yoy_pct),
        (Some(62_585.2), Some(12.9))
    );
    let y2026 = preferred_export(d, 2026, 2).expect("January-February 2026");
    assert_eq!(
        (
            y2026.volume_t,
            y2026.value,
            y2026.value_unit,
            y2026.value_yoy_pct
        ),
        (
            Some(10_468.3),
            Some(68.6),
            Some(ValueUnit::UsdM),
            Some(-15.9)
        )
    );
    assert!(
        d.exports_annual
            .iter()
            .all(|e| e.year != 2025 || e.months == 12),
        "the full year replaces the January-August and January-September rows"
    );
    let may = export_period(d, "2025-05", "2025-05").expect("May 2025");
    assert_eq!((may.value, may.value_yoy_pct), (None, Some(-47.0)));
    let jan_jul = export_period(d, "2025-01", "2025-07").expect("January-July 2025");
    assert_eq!(jan_jul.value_yoy_pct, Some(-23.3));
    // The months add up to the year: January-February, then March to December one by one.
    let months: f64 = [
        "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08",
    ]
    .into_iter()
    .chain(["2025-09", "2025-10", "2025-11", "2025-12"])
    .filter_map(|m| export_period(d, m, m).and_then(|p| p.volume_t))
    .sum();
    let jan_feb = export_period(d, "2025-01", "2025-02").and_then(|p| p.volume_t);
    let year = export_period(d, "2025-01", "2025-12").and_then(|p| p.volume_t);
    let (Some(jan_feb), Some(year)) = (jan_feb, year) else {
        panic!("January-February and the full year 2025 are on record")
    };
    // Only January-February is rounded (8,511 t): the rest adds up to within a tonne.
    assert!(
        (jan_feb + months - year).abs() < 1.0,
        "{}",
        jan_feb + months
    );
}

#[test]
fn events_mark_the_2025_controls_and_say_their_end_is_not_known() {
    let d = dataset();
    let exports = events_for(d, Topic::Exports);
    let dates: Vec<&str> = exports.iter().map(|e| e.date).collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "oldest first: {dates:?}"
    );
    let april = exports
        .iter()
        .find(|e| e.date == "2025-04-04")
        .expect("the controls of 4 April 2025");
    assert_eq!(
        (april.kind, april.status),
        (EventKind::Control, EventStatus::InForce)
    );
    assert!(
        april.text_zh.contains("商务部、海关总署公告2025年第18号"),
        "{}",
        april.text_zh
    );
    let october = exports
        .iter()
        .find(|e| e.date == "2025-10-09")
        .expect("9 October");
    assert_eq!(october.status, EventStatus::Suspended);
    // The suspensions were due to end on 10 and 27 November 2026; no source says what happened.
    let ends: Vec<(&str, EventStatus)> = exports
        .iter()
        .filter(|e| e.kind == EventKind::ScheduledEnd)
        .map(|e| (e.date, e.status))
        .collect();
    assert_eq!(
        ends,
        [
            ("2026-11-10", EventStatus::OutcomeNotFound),
            ("2026-11-27", EventStatus::OutcomeNotFound)
        ]
    );
    // The 2024 batches come from the batch table's dates.
    let quotas = events_for(d, Topic::Quotas);
    for b in d.quota_batches.iter().filter(|b| b.year == 2024) {
        assert!(
            quotas
                .iter()
                .any(|e| e.kind == EventKind::QuotaNotice && e.date == b.announced),
            "batch {} of 2024 ({})",
            b.batch,
            b.announced
        );
    }
    let revision = events_for(d, Topic::Reserves)
        .into_iter()
        .find(|e| e.date == "2026-05-27")
        .expect("USGS's version 1.3");
    assert!(revision.text_zh.contains("1100万吨") && revision.text_en.contains("11 Mt"));
}

#[test]
fn an_event_label_too_long_or_chinese_with_half_width_punctuation_is_refused() {
    let long = FILES.events.replacen(
        ",Controls widened,",
        ",Controls widened to five more elements,",
        1,
    );
    assert_ne!(long, FILES.events, "the test edits the October row");
    let err = with("events", leak(long)).expect_err("label too long");
    assert!(err.contains("labels must be 1 to 24 characters"), "{err}");
    let paren = FILES.events.replacen("6.6万吨。", "6.6万吨(首批)。", 1);
    assert_ne!(paren, FILES.events, "the test edits the 2020 batch row");
    let err = with("events", leak(paren)).expect_err("ASCII parenthesis");
    assert!(err.contains("half-width `(` in Chinese"), "{err}");
    let spaced = FILES.events.replacen("14万吨", "14 万吨", 1);
    let err = with("events", leak(spaced)).expect_err("space before 万");
    assert!(err.contains("no space before 万"), "{err}");
}

#[test]
fn only_a_scheduled_end_can_have_no_outcome_and_it_must_say_so() {
    let guessed = FILES.events.replacen(
        ",exports prices,outcome_not_found,",
        ",exports prices,happened,",
        1,
    );
    assert_ne!(
        guessed, FILES.events,
        "the test edits the 10 November 2026 row"
    );
    let err = with("events", leak(guessed)).expect_err("an outcome guessed");
    assert!(
        err.contains("status Happened does not fit kind ScheduledEnd"),
        "{err}"
    );
    let year_only = FILES
        .events
        .replacen("\nusgs-mcs-2020,2020-01,", "\nusgs-mcs-2020,2020,", 1);
    assert_ne!(year_only, FILES.events);
    let err = with("events", leak(year_only)).expect_err("a year alone");
    assert!(err.contains("is not YYYY-MM or YYYY-MM-DD"), "{err}");
}

#[test]
fn magnet_exports_collapsed_in_may_2025_while_the_headline_tonnage_rose() {
    let d = dataset();
    let world = magnet_months(d, MagnetSeries::Magnets, WORLD);
    let may = world
        .iter()
        .find(|m| m.from == "2025-05")
        .expect("May 2025");
    assert_eq!((may.volume_t, may.yoy_pct), (Some(1_238.0), Some(-74.0)));
    // April 2025's magnet tonnage was not found: a gap, no row.
    assert!(world.iter().all(|m| m.from != "2025-04"));
    let year = magnet_period(d, MagnetSeries::Magnets, WORLD, "2025-01", "2025-12");
    assert_eq!(
        year.map(|m| (m.volume_t, m.yoy_pct)),
        Some((Some(57_392.0), Some(-1.3)))
    );
    let headline = preferred_export(d, 2025, 12).and_then(|e| e.volume_yoy_pct);
    assert_eq!(
        headline,
        Some(12.9),
        "the headline series rose over the same year"
    );
    // Bloomberg's wider products series stays its own: four months, worldwide.
    let products = magnet_months(d, MagnetSeries::RareEarthProducts, WORLD);
    let volumes: Vec<Option<f64>> = products.iter().map(|m| m.volume_t).collect();
    assert_eq!(
        volumes,
        [Some(2_117.0), Some(3_808.0), Some(6_958.0), Some(6_745.0)]
    );
    assert!(d
        .magnets
        .iter()
        .all(|m| m.series == MagnetSeries::Magnets || m.destination == WORLD));
}

#[test]
fn a_products_figure_entered_as_a_magnet_month_is_refused() {
    // Bloomberg's 6,958 t of rare-earth products for November typed into the magnets series:
    // January-October plus November and December no longer make the year's 57,392 t.
    let mixed = FILES.magnets.replacen(
        "magnets,2025-11,2025-11,World,6150,",
        "magnets,2025-11,2025-11,World,6958,",
        1,
    );
    assert_ne!(mixed, FILES.magnets, "the test edits November 2025");
    let err = with("magnets", leak(mixed)).expect_err("series mixed");
    assert!(
        err.contains("Magnets World 2025-01..2025-12: 57392 t, but the earlier year-to-date and the months since add up to 58200 t"),
        "{err}"
    );
    let by_country = FILES.magnets.replacen(
        "rare_earth_products,2025-12,2025-12,World,",
        "rare_earth_products,2025-12,2025-12,Japan,",
        1,
    );
    assert_ne!(
        by_country, FILES.magnets,
        "the test edits December's products row"
    );
    let err = with("magnets", leak(by_country)).expect_err("products by country");
    assert!(err.contains("worldwide only"), "{err}");
    let empty = FILES.magnets.replacen(
        "magnets,2025-01,2025-11,World,,-2,",
        "magnets,2025-01,2025-11,World,,,",
        1,
    );
    assert_ne!(empty, FILES.magnets, "the test edits January-November");
    let err = with("magnets", leak(empty)).expect_err("no figure");
    assert!(err.contains("a row needs at least one figure"), "{err}");
}

#[test]
fn corrections_list_every_changed_figure_of_this_data_version() {
    let d = dataset();
    let latest = latest_corrections(d);
    assert!(latest.iter().all(|c| c.changed == "2026-12-05"));
    let changed: Vec<(&str, &str, &str, &str)> = latest
        .iter()
        .map(|c| (c.table, c.field, c.old, c.new))
        .collect();
    for expected in [
        ("reserves", "reserves_t", "21000000", "11000000"),
        ("reserves", "reserves_t", "85000000", "75000000"),
        ("prices", "usd_per_kg", "260", "257"),
        ("prices", "usd_per_kg", "810", "812"),
        ("discoveries", "grade", "3,926 ppm TREO", "3,292 ppm TREO"),
        (
            "quotas",
            "smelting_sources",
            "mnr-miit-2020-07-16",
            "inn-production-2022",
        ),
        (
            "quotas",
            "smelting_sources",
            "mnr-2021-quota-notice",
            "reuters-2021-09-30-quota",
        ),
    ] {
        assert!(changed.contains(&expected), "{expected:?} in {changed:?}");
    }
    let brazil = corrections_of(d, "reserves", "edition=2026;country=Brazil");
    assert_eq!(
        brazil.iter().map(|c| (c.kind, c.unit)).collect::<Vec<_>>(),
        [(CorrectionKind::SourceRevised, CorrectedUnit::Tonnes)]
    );
    assert_eq!(
        reserve(d, 2026, "Brazil").and_then(|r| r.reserves_t),
        Some(11_000_000.0)
    );
}

#[test]
fn a_correction_that_drifts_from_the_data_is_refused() {
    // The figure set back in the table while the correction still says 11 Mt.
    let back = FILES
        .reserves
        .replacen("2026,Brazil,11000000,", "2026,Brazil,21000000,", 1);
    assert_ne!(back, FILES.reserves, "the test edits MCS 2026 Brazil");
    let err = with("reserves", leak(back)).expect_err("drift");
    assert!(
        err.contains("reserves edition=2026;country=Brazil reserves_t is `21000000` in the data, not `11000000`"),
        "{err}"
    );
    let same = FILES.corrections.replacen(",810,812,", ",812,812,", 1);
    assert_ne!(same, FILES.corrections);
    let err = with("corrections", leak(same)).expect_err("no change");
    assert!(err.contains("old and new are the same"), "{err}");
    let nowhere = FILES.corrections.replacen(
        "edition=2026;country=Brazil",
        "edition=2027;country=Brazil",
        1,
    );
    let err = with("corrections", leak(nowhere)).expect_err("no such row");
    assert!(
        err.contains("no row with `edition=2027;country=Brazil`"),
        "{err}"
    );
    let column = FILES.corrections.replacen(",reserves_t,", ",reserve,", 1);
    let err = with("corrections", leak(column)).expect_err("no such column");
    assert!(err.contains("no column `reserve`"), "{err}");
}

/// `table` with `from` replaced by `to` once (the test fails if `from` is not there).
fn edited(table: &str, text: &'static str, from: &str, to: &str) -> Result<Dataset, String> {
    let changed = text.replacen(from, to, 1);
    assert_ne!(changed, text, "the test edits {table}: `{from}`");
    with(table, leak(changed))
}

#[test]
fn a_month_ten_times_too_large_breaks_the_year_to_date_and_stands_out() {
    // December 2025 typed as 43,921 t instead of 4,392.1 t.
    let err = edited(
        "exports_monthly",
        FILES.exports_monthly,
        "2025-12,2025-12,4392.1,",
        "2025-12,2025-12,43921,",
    )
    .expect_err("a unit slip");
    assert!(
        err.contains(
            "2025-01..2025-12 is 62585.2 t, but the months it covers add up to 102114.1 t"
        ),
        "{err}"
    );
    assert!(
        err.contains("2025-12 is 43921 t, 7.8 times the months around it"),
        "{err}"
    );
    // The stated changes no longer follow either.
    assert!(err.contains("states +32 % on a year earlier"), "{err}");
}

#[test]
fn a_year_to_date_must_be_the_yearly_tables_figure() {
    let err = edited(
        "exports_monthly",
        FILES.exports_monthly,
        "2025-01,2025-12,62585.2,",
        "2025-01,2025-12,62855.2,",
    )
    .expect_err("digits swapped");
    assert!(
        err.contains("2025-01..2025-12 is 62855.2 t, but the months it covers add up to 62585.2 t"),
        "{err}"
    );
    assert!(
        err.contains("exports_annual.csv's preferred figure for 2025 (12 months) is 62585.2 t"),
        "{err}"
    );
}

#[test]
fn a_stated_change_must_follow_from_the_figures_or_be_the_sources_own() {
    // December 2025: +32 % on December 2024's 3,326 t; a tired editor types 23.
    let err = edited(
        "exports_monthly",
        FILES.exports_monthly,
        "2025-12,2025-12,4392.1,32,-20,",
        "2025-12,2025-12,4392.1,23,-20,",
    )
    .expect_err("a wrong change");
    assert!(
        err.contains("exports_monthly.csv: row ")
            && err.contains("states +23 % on a year earlier, but the figures give +32.05 %"),
        "{err}"
    );
    // Global Times' −12.6 % for 2019 is on another base: credited, it stands; without the credit
    // the rule asks for one.
    let err = edited(
        "exports_annual",
        FILES.exports_annual,
        "change from Global Times.\",globaltimes-2021-01-14,",
        "change from Global Times.\",,",
    )
    .expect_err("uncredited");
    assert!(
        err.contains("states -12.6 % on 2018, but 46330 t on 53224 t is -12.95 %")
            && err.contains("credit it in change_sources"),
        "{err}"
    );
    // Within the rounding of the stated figure (+12.9 % for +12.91 %), nothing to say.
    assert!(parse_dataset(&FILES).is_ok());
}

#[test]
fn values_and_prices_in_other_units_are_refused() {
    let err = edited(
        "exports_monthly",
        FILES.exports_monthly,
        "10468.3,23,,68.6,usd_m,",
        "10468.3,23,,68600000,usd_m,",
    )
    .expect_err("dollars, not millions");
    assert!(err.contains("value 68600000 is not in millions"), "{err}");
    let err = edited(
        "exports_monthly",
        FILES.exports_monthly,
        "2025-11,2025-11,5493.9,24.4,26.5,,,,9000,",
        "2025-11,2025-11,5493.9,24.4,26.5,,,,9,",
    )
    .expect_err("per kilogram");
    assert!(
        err.contains("avg_price_usd_t 9 is not US dollars per tonne"),
        "{err}"
    );
    let err = edited(
        "prices",
        FILES.prices,
        "dy_oxide,2024,no,257,",
        "dy_oxide,2024,no,257000,",
    )
    .expect_err("per tonne");
    assert!(
        err.contains("US$257000 per kg is not an oxide price per kilogram"),
        "{err}"
    );
}
