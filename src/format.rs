//! Numbers as a reader reads them, in either language: "44,000,000 t" or "4400万吨", "+6.4 %".
//!
//! Written by hand on integers because exact figures must stay exact (35,447.5 t is not 35,448 t)
//! and because the browser's `Intl` would cost a round trip through JavaScript per label.
//!
//! The house rules, in both languages:
//! - a decrease carries a true minus sign (−), an increase a plus sign, in changes and signed
//!   tonnages alike;
//! - a share that is an upper bound is never rounded down ("at most 1.1 %" for 1.047 %), and a
//!   share too small to show at one decimal is "<0.1 %", never "0 %";
//! - Chinese copy writes numbers as a Chinese business desk does: no thousands separator and no
//!   space before the unit. A tonnage is written in the largest unit that keeps it exact in a
//!   short decimal: 亿吨 (up to four decimals: 23.4亿吨, 1.154亿吨), else 万吨 (up to two:
//!   4400万吨, 8.92万吨, 13.5万吨), else 吨 (38755吨, 35447.5吨, 4576吨), so a round figure reads
//!   in 万吨 and a customs figure exact to the tonne keeps its digits. Labels and axis ticks,
//!   which round anyway, use 万吨/亿吨 from ten thousand tonnes. Money totals the same way in
//!   万美元/亿美元; a price per unit in plain digits (15985美元/吨). The one exception is the CSV
//!   download, which carries raw numbers.

use crate::i18n::Lang;

/// The minus sign a reader sees (U+2212), never the hyphen.
pub const MINUS: char = '\u{2212}';

/// The digits of `value` with at most `decimals` decimals (trailing zeros dropped), thousands
/// separated by `separator` when there is one, a true minus sign before a negative value.
fn digits(value: f64, decimals: u8, separator: Option<char>) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let scale = 10u64.pow(decimals.into()) as f64;
    let scaled = (value.abs() * scale).round();
    // Beyond 2^53 floats are not integers any more; no figure here comes near.
    let scaled = scaled.min(9.0e15) as u64;
    let scale = scale as u64;
    let (whole, mut frac) = (scaled / scale, scaled % scale);
    let mut places = decimals as usize;
    while places > 0 && frac % 10 == 0 {
        frac /= 10;
        places -= 1;
    }
    let mut out = String::new();
    if value < 0.0 && scaled > 0 {
        out.push(MINUS);
    }
    let whole = whole.to_string();
    for (i, c) in whole.chars().enumerate() {
        if let Some(sep) = separator {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(sep);
            }
        }
        out.push(c);
    }
    if places > 0 {
        out.push('.');
        let frac = frac.to_string();
        out.extend(std::iter::repeat_n('0', places - frac.len()));
        out.push_str(&frac);
    }
    out
}

/// `value` with thousands separators and at most `decimals` decimals (trailing zeros dropped):
/// the English way, "35,447.5".
pub fn number(value: f64, decimals: u8) -> String {
    digits(value, decimals, Some(','))
}

/// A plain figure in the reader's language: "15,985" in English, "15985" in Chinese, which sets
/// no thousands separator.
pub fn figure(value: f64, decimals: u8, lang: Lang) -> String {
    match lang {
        Lang::En => number(value, decimals),
        Lang::Zh => digits(value, decimals, None),
    }
}

/// A rounded Chinese amount scaled to 亿 or 万 where it reaches them: ("4400", "万"),
/// ("23.4", "亿"), ("4576", ""). `decimals` for a scaled figure, `small` for one below 万.
fn zh_scaled(value: f64, decimals: u8, small: u8) -> (String, &'static str) {
    let abs = value.abs();
    if abs >= 1e8 {
        (digits(value / 1e8, decimals, None), "亿")
    } else if abs >= 1e4 {
        (digits(value / 1e4, decimals, None), "万")
    } else {
        (digits(value, small, None), "")
    }
}

/// An exact tonnage with its unit: "38,755 t" / "38755吨", "8.92万吨", "23.4亿吨": every digit
/// the source gives, in the largest unit that keeps them in a short decimal (see above).
pub fn tonnes(value: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} t", number(value, 1)),
        Lang::Zh => format!("{}吨", zh_exact(value)),
    }
}

/// An exact Chinese amount in 亿 (up to four decimals), 万 (up to two) or units: "23.4亿",
/// "8.92万", "38755".
fn zh_exact(value: f64) -> String {
    let fits = |unit: f64, decimals: i32| {
        let scaled = value / unit * 10f64.powi(decimals);
        value.abs() >= unit && (scaled - scaled.round()).abs() < 1e-6
    };
    if fits(1e8, 4) {
        format!("{}亿", digits(value / 1e8, 4, None))
    } else if fits(1e4, 2) {
        format!("{}万", digits(value / 1e4, 2, None))
    } else {
        digits(value, 1, None)
    }
}

/// A rounded tonnage for labels and sentences: "44 Mt", "4.96 Mt", "135,000 t" / "4400万吨",
/// "13.5万吨", "3.88万吨".
pub fn tonnes_short(value: f64, lang: Lang) -> String {
    let abs = value.abs();
    match lang {
        Lang::En if abs >= 1e9 => format!("{} bn t", number(value / 1e9, 2)),
        Lang::En if abs >= 1e6 => format!("{} Mt", number(value / 1e6, 2)),
        Lang::En => format!("{} t", number(value, 0)),
        Lang::Zh => {
            let (n, scale) = zh_scaled(value, 2, 0);
            format!("{n}{scale}吨")
        }
    }
}

/// A tonnage on a chart where the axis gives the unit: "135,000" / "13.5万".
pub fn tonnes_bare(value: f64, lang: Lang) -> String {
    match lang {
        Lang::En => number(value, 0),
        Lang::Zh => {
            let (n, scale) = zh_scaled(value, 2, 0);
            format!("{n}{scale}")
        }
    }
}

/// A change of tonnage with its sign: "+600,000 t", "−6.2 Mt" / "+60万吨", "−1100万吨".
pub fn tonnes_change(value: f64, lang: Lang) -> String {
    let sign = if value > 0.0 { "+" } else { "" };
    format!("{sign}{}", tonnes_short(value, lang))
}

/// A signed change for tables and labels: "+6.4 %", "−36 %" (with a true minus sign).
pub fn change(percent: f64, lang: Lang) -> String {
    let sign = if percent > 0.0 {
        "+"
    } else if percent < 0.0 {
        "\u{2212}"
    } else {
        ""
    };
    format!("{sign}{}{}", number(percent.abs(), 2), percent_sign(lang))
}

/// A change inside a sentence: "+6.4 %" in English; in Chinese the verb carries the sign, as
/// business copy writes it ("增长6.4%", "下降36%", "持平").
pub fn change_in_words(percent: f64, lang: Lang) -> String {
    match lang {
        Lang::En if percent == 0.0 => "no change".to_string(),
        Lang::En => change(percent, lang),
        Lang::Zh if percent > 0.0 => format!("增长{}%", number(percent, 2)),
        Lang::Zh if percent < 0.0 => format!("下降{}%", number(-percent, 2)),
        Lang::Zh => "持平".to_string(),
    }
}

/// The smallest share shown at one decimal; a smaller positive share is "<0.1 %".
const SMALLEST_SHARE: f64 = 0.1;

/// A share: "48.9 %"; "<0.1 %" for a positive share that would round to nothing.
pub fn percent(value: f64, lang: Lang) -> String {
    if value > 0.0 && value < SMALLEST_SHARE / 2.0 {
        return format!("<{}{}", number(SMALLEST_SHARE, 1), percent_sign(lang));
    }
    format!("{}{}", number(value, 1), percent_sign(lang))
}

/// A share that is an upper bound (of a world total given as "more than"): rounded up at one
/// decimal, never down, so "at most" stays true: 1.047 % is "1.1 %". "<0.1 %" below 0.1 %.
pub fn percent_at_most(value: f64, lang: Lang) -> String {
    if value > 0.0 && value < SMALLEST_SHARE {
        return format!("<{}{}", number(SMALLEST_SHARE, 1), percent_sign(lang));
    }
    // 6.3 / 75 × 100 is 8.400000000000001 in floating point: a share that is a whole tenth
    // up to float noise stays that tenth.
    let tenths = (value * 10.0 - 1e-9).ceil() / 10.0;
    format!("{}{}", number(tenths, 1), percent_sign(lang))
}

/// A share of an approximate total: no more precision than the total has (two significant
/// figures: "38 %", "8.7 %").
pub fn percent_about(value: f64, lang: Lang) -> String {
    if value >= 10.0 {
        format!("{}{}", number(value, 0), percent_sign(lang))
    } else {
        percent(value, lang)
    }
}

fn percent_sign(lang: Lang) -> &'static str {
    match lang {
        // The house style of the article: "6.4 %"; Chinese sets none.
        Lang::En => " %",
        Lang::Zh => "%",
    }
}

/// US dollars: "US$488.8 million" / "4.888亿美元", "6860万美元" (亿 = 100 million).
pub fn usd_millions(value: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("US${} million", number(value, 1)),
        Lang::Zh => format!("{}美元", zh_exact(value * 1e6)),
    }
}

/// Chinese yuan: "CNY 4,220 million" / "42.2亿元".
pub fn cny_millions(value: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("CNY {} million", number(value, 1)),
        Lang::Zh => format!("{}元", zh_exact(value * 1e6)),
    }
}

/// A date as a sentence writes it: "14 September 2024" / "2024年9月14日"; a month or a year as
/// precise as the source. The text itself when it is not a date.
pub fn date(iso: &str, lang: Lang) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u16>().ok());
    match (parts.len(), number(0), number(1), number(2)) {
        (3, Some(y), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
            match lang {
                Lang::En => format!("{d} {}", month(y, m as u8, lang).unwrap_or_default()),
                Lang::Zh => format!("{y}年{m}月{d}日"),
            }
        }
        (2, Some(y), Some(m), _) => month(y, m as u8, lang).unwrap_or_else(|| iso.to_string()),
        (1, Some(y), _, _) => year(y, lang),
        _ => iso.to_string(),
    }
}

/// A count in a sentence: "two batches", "seven deposits" (news style spells out one to nine) /
/// "两批", "七个" (likewise in Chinese, 两 for two).
pub fn count(n: usize, lang: Lang) -> String {
    const EN: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    const ZH: [&str; 10] = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九"];
    let words = match lang {
        Lang::En => EN,
        Lang::Zh => ZH,
    };
    words
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// A year as a sentence names it: "2023" / "2023年".
pub fn year(year: u16, lang: Lang) -> String {
    match lang {
        Lang::En => year.to_string(),
        Lang::Zh => format!("{year}年"),
    }
}

/// A span of years: "2023–24" / "2023—2024年"; one year when they are the same.
pub fn year_span(first: u16, last: u16, lang: Lang) -> String {
    match lang {
        _ if first == last => year(first, lang),
        Lang::En if first / 100 == last / 100 => format!("{first}–{:02}", last % 100),
        Lang::En => format!("{first}–{last}"),
        Lang::Zh => format!("{first}—{last}年"),
    }
}

/// Years as a sentence lists them, runs joined: "2023–24", "2012 and 2015" / "2023—2024年",
/// "2012年、2015年和2026年". Expects them in order.
pub fn years(list: &[u16], lang: Lang) -> String {
    let mut runs: Vec<(u16, u16)> = Vec::new();
    for &y in list {
        match runs.last_mut() {
            Some(run) if run.1 + 1 == y => run.1 = y,
            _ => runs.push((y, y)),
        }
    }
    let names: Vec<String> = runs.iter().map(|&(a, b)| year_span(a, b, lang)).collect();
    let (and, comma) = match lang {
        Lang::En => (" and ", ", "),
        Lang::Zh => ("和", "、"),
    };
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(comma)),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month with its year: "May 2024" / "2024年5月". `None` for a month outside 1–12.
pub fn month(year: u16, month: u8, lang: Lang) -> Option<String> {
    let name = MONTHS.get(usize::from(month).checked_sub(1)?)?;
    Some(match lang {
        Lang::En => format!("{name} {year}"),
        Lang::Zh => format!("{year}年{month}月"),
    })
}

/// A month on a chart axis, where the year is written once below the months: "M" / "5".
pub fn month_tick(month: u8, lang: Lang) -> String {
    match lang {
        Lang::En => MONTHS
            .get(usize::from(month).saturating_sub(1))
            .map(|m| m[..1].to_string())
            .unwrap_or_default(),
        Lang::Zh => month.to_string(),
    }
}

/// A span of months for readers: "January–February 2024", "May 2023 to December 2024" /
/// "2024年1—2月", "2023年5月至2024年12月". The keys themselves when they are not months.
pub fn month_range(from: &str, to: &str, lang: Lang) -> String {
    let parse = |key: &str| -> Option<(u16, u8)> {
        let (y, m) = key.split_once('-')?;
        let m: u8 = m.parse().ok()?;
        (1..=12).contains(&m).then_some((y.parse().ok()?, m))
    };
    let (Some((fy, fm)), Some((ty, tm))) = (parse(from), parse(to)) else {
        return format!("{from}–{to}");
    };
    if (fy, fm) == (ty, tm) {
        return month_key(from, lang);
    }
    match lang {
        Lang::En if fy == ty => format!("{}–{}", MONTHS[usize::from(fm) - 1], month_key(to, lang)),
        Lang::Zh if fy == ty => format!("{fy}年{fm}—{tm}月"),
        Lang::En => format!("{} to {}", month_key(from, lang), month_key(to, lang)),
        Lang::Zh => format!("{}至{}", month_key(from, lang), month_key(to, lang)),
    }
}

/// A `YYYY-MM` key as a month for readers ("May 2024"); the key itself when it is not one.
pub fn month_key(key: &str, lang: Lang) -> String {
    key.split_once('-')
        .and_then(|(y, m)| month(y.parse().ok()?, m.parse().ok()?, lang))
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_exact_digits() {
        assert_eq!(number(44_000_000.0, 0), "44,000,000");
        assert_eq!(number(35_447.5, 1), "35,447.5");
        assert_eq!(number(4_500.0, 1), "4,500");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(number(1_000.0, 0), "1,000");
        assert_eq!(number(0.05, 1), "0.1");
        assert_eq!(number(1.05, 2), "1.05");
        assert_eq!(number(f64::NAN, 0), "–");
        assert_eq!(figure(15_985.0, 0, Lang::En), "15,985");
        assert_eq!(figure(15_985.0, 0, Lang::Zh), "15985");
    }

    #[test]
    fn a_decrease_carries_a_true_minus_sign_and_an_increase_a_plus() {
        assert_eq!(number(-1_234.56, 2), "\u{2212}1,234.56");
        assert_eq!(tonnes_change(-6_200_000.0, Lang::En), "\u{2212}6.2 Mt");
        assert_eq!(tonnes_change(600_000.0, Lang::En), "+600,000 t");
        assert_eq!(tonnes_change(600_000.0, Lang::Zh), "+60万吨");
        assert_eq!(tonnes_change(-11_000_000.0, Lang::Zh), "\u{2212}1100万吨");
        assert_eq!(change(-12.6, Lang::En), "\u{2212}12.6 %");
        assert!(!tonnes_change(-500_000.0, Lang::En).contains('-'));
    }

    #[test]
    fn tonnes_read_naturally_in_both_languages() {
        assert_eq!(tonnes(44_000_000.0, Lang::En), "44,000,000 t");
        assert_eq!(tonnes_short(4_960_000.0, Lang::En), "4.96 Mt");
        assert_eq!(tonnes_short(44_000_000.0, Lang::En), "44 Mt");
        assert_eq!(tonnes_short(135_000.0, Lang::En), "135,000 t");
    }

    #[test]
    fn chinese_tonnages_are_written_as_a_chinese_desk_writes_them() {
        // 万吨 and 亿吨 with no separator and no space; every digit of an exact figure kept.
        assert_eq!(tonnes(44_000_000.0, Lang::Zh), "4400万吨");
        assert_eq!(tonnes(270_000.0, Lang::Zh), "27万吨");
        assert_eq!(tonnes(135_000.0, Lang::Zh), "13.5万吨");
        assert_eq!(tonnes(89_200.0, Lang::Zh), "8.92万吨");
        assert_eq!(tonnes(2_340_000_000.0, Lang::Zh), "23.4亿吨");
        assert_eq!(tonnes(115_400_000.0, Lang::Zh), "1.154亿吨");
        // A figure exact to the tonne keeps its digits, in 吨 without a separator.
        assert_eq!(tonnes(38_755.0, Lang::Zh), "38755吨");
        assert_eq!(tonnes(35_447.5, Lang::Zh), "35447.5吨");
        assert_eq!(tonnes(243_850.0, Lang::Zh), "243850吨");
        assert_eq!(tonnes(4_500.0, Lang::Zh), "4500吨");
        assert_eq!(tonnes(4_000.3, Lang::Zh), "4000.3吨");
        assert_eq!(tonnes(0.0, Lang::Zh), "0吨");
        // Labels round, the same way.
        assert_eq!(tonnes_short(44_000_000.0, Lang::Zh), "4400万吨");
        assert_eq!(tonnes_short(85_000_000.0, Lang::Zh), "8500万吨");
        assert_eq!(tonnes_short(10_000_000.0, Lang::Zh), "1000万吨");
        assert_eq!(tonnes_short(38_755.0, Lang::Zh), "3.88万吨");
        assert_eq!(tonnes_short(4_960_000.0, Lang::Zh), "496万吨");
        assert_eq!(tonnes_short(115_000_000.0, Lang::Zh), "1.15亿吨");
        assert_eq!(tonnes_short(4_500.0, Lang::Zh), "4500吨");
        assert_eq!(tonnes_bare(135_000.0, Lang::Zh), "13.5万");
        assert_eq!(tonnes_bare(135_000.0, Lang::En), "135,000");
        for v in [44_000_000.0, 38_755.0, 4_500.0, 2_340_000_000.0] {
            for text in [tonnes(v, Lang::Zh), tonnes_short(v, Lang::Zh)] {
                assert!(!text.contains(',') && !text.contains(' '), "{text}");
            }
        }
    }

    #[test]
    fn an_upper_bound_is_never_rounded_down_and_a_tiny_share_is_never_zero() {
        // Tanzania, 890,000 t of more than 85 Mt: 1.047 %, at most 1.1 %, not "at most 1 %".
        assert_eq!(
            percent_at_most(890_000.0 / 85_000_000.0 * 100.0, Lang::En),
            "1.1 %"
        );
        // A share that is a whole tenth stays that tenth (6.3 of 75 Mt is 8.4 %).
        assert_eq!(
            percent_at_most(6_300_000.0 / 75_000_000.0 * 100.0, Lang::En),
            "8.4 %"
        );
        assert_eq!(percent_at_most(58.67, Lang::Zh), "58.7%");
        // Thailand, 4,500 t of more than 90 Mt: 0.005 %.
        assert_eq!(percent_at_most(0.005, Lang::En), "<0.1 %");
        assert_eq!(percent(0.005, Lang::En), "<0.1 %");
        assert_eq!(percent(0.0, Lang::En), "0 %");
        assert_eq!(percent(48.89, Lang::Zh), "48.9%");
        for tenth_thousandths in 1..10_000 {
            let share = f64::from(tenth_thousandths) / 100.0;
            let shown = percent_at_most(share, Lang::En);
            let value: f64 = shown
                .trim_start_matches('<')
                .trim_end_matches(" %")
                .parse()
                .expect("a number");
            assert!(value >= share, "{share} shown as {shown}");
        }
        assert_eq!(percent_about(38.13, Lang::En), "38 %");
        assert_eq!(percent_about(8.67, Lang::En), "8.7 %");
    }

    #[test]
    fn money_reads_naturally_in_both_languages() {
        assert_eq!(usd_millions(488.8, Lang::En), "US$488.8 million");
        assert_eq!(usd_millions(488.8, Lang::Zh), "4.888亿美元");
        assert_eq!(usd_millions(68.6, Lang::Zh), "6860万美元");
        assert_eq!(usd_millions(200.0, Lang::Zh), "2亿美元");
        assert_eq!(cny_millions(4_220.0, Lang::Zh), "42.2亿元");
    }

    #[test]
    fn months_name_their_year() {
        assert_eq!(month(2024, 5, Lang::En).as_deref(), Some("May 2024"));
        assert_eq!(month(2024, 5, Lang::Zh).as_deref(), Some("2024年5月"));
        assert_eq!(month(2024, 13, Lang::En), None);
        assert_eq!(month(2024, 0, Lang::En), None);
        assert_eq!(month_key("2023-12", Lang::En), "December 2023");
        assert_eq!(month_key("oops", Lang::En), "oops");
        assert_eq!(month_tick(1, Lang::En), "J");
        assert_eq!(date("2024-09-14", Lang::En), "14 September 2024");
        assert_eq!(date("2024-09-14", Lang::Zh), "2024年9月14日");
        assert_eq!(date("2023-09", Lang::En), "September 2023");
        assert_eq!(date("2021", Lang::Zh), "2021年");
        assert_eq!(date("", Lang::En), "");
        assert_eq!(count(2, Lang::En), "two");
        assert_eq!(count(2, Lang::Zh), "两");
        assert_eq!(count(12, Lang::En), "12");
        assert_eq!(
            month_range("2024-01", "2024-02", Lang::En),
            "January–February 2024"
        );
        assert_eq!(month_range("2024-01", "2024-08", Lang::Zh), "2024年1—8月");
        assert_eq!(
            month_range("2023-05", "2024-12", Lang::En),
            "May 2023 to December 2024"
        );
        assert_eq!(month_range("2024-05", "2024-05", Lang::En), "May 2024");
        assert_eq!(month_tick(11, Lang::Zh), "11");
        assert_eq!(years(&[2023, 2024], Lang::En), "2023–24");
        assert_eq!(years(&[2023, 2024], Lang::Zh), "2023—2024年");
        assert_eq!(years(&[2012, 2015], Lang::En), "2012 and 2015");
        assert_eq!(
            years(&[2012, 2015, 2026], Lang::Zh),
            "2012年、2015年和2026年"
        );
        assert_eq!(years(&[2025], Lang::En), "2025");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(change(6.4, Lang::En), "+6.4 %");
        assert_eq!(change(-36.0, Lang::Zh), "\u{2212}36%");
        assert_eq!(change(0.0, Lang::Zh), "0%");
        assert_eq!(change(5.16, Lang::En), "+5.16 %");
        assert_eq!(change_in_words(5.9, Lang::Zh), "增长5.9%");
        assert_eq!(change_in_words(-36.0, Lang::Zh), "下降36%");
        assert_eq!(change_in_words(-12.6, Lang::En), "\u{2212}12.6 %");
    }
}
