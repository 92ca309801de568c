//! Numbers as a reader reads them, in either language: "44,000,000 t" or "4,400 万吨", "+6.4 %".
//!
//! Written by hand on integers because exact figures must stay exact (35,447.5 t is not 35,448 t)
//! and because the browser's `Intl` would cost a round trip through JavaScript per label.

use crate::i18n::Lang;

/// `value` with thousands separators and at most `decimals` decimals (trailing zeros dropped).
pub fn number(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let scale = 10u64.pow(decimals.into()) as f64;
    let scaled = (value.abs() * scale).round();
    // Beyond 2^53 floats are not integers any more; no figure here comes near.
    let scaled = scaled.min(9.0e15) as u64;
    let scale = scale as u64;
    let (whole, mut frac) = (scaled / scale, scaled % scale);
    let mut digits = decimals as usize;
    while digits > 0 && frac % 10 == 0 {
        frac /= 10;
        digits -= 1;
    }
    let mut out = String::new();
    if value < 0.0 && scaled > 0 {
        out.push('-');
    }
    let whole = whole.to_string();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if digits > 0 {
        out.push('.');
        let frac = frac.to_string();
        out.extend(std::iter::repeat_n('0', digits - frac.len()));
        out.push_str(&frac);
    }
    out
}

/// An exact tonnage with its unit: "38,755 t" / "38,755 吨". Chinese statistical copy writes exact
/// figures in tonnes too, keeping 万 for rounded labels (`tonnes_short`): "3.8755 万吨" shows more
/// digits than a reader can take in, and reads like a precision the source may not have.
pub fn tonnes(value: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} t", number(value, 1)),
        Lang::Zh => format!("{} 吨", number(value, 1)),
    }
}

/// A rounded tonnage for labels and sentences: "44 Mt", "4.96 Mt", "135,000 t" / "4,400 万吨".
pub fn tonnes_short(value: f64, lang: Lang) -> String {
    let abs = value.abs();
    match lang {
        Lang::En if abs >= 1e9 => format!("{} bn t", number(value / 1e9, 2)),
        Lang::En if abs >= 1e6 => format!("{} Mt", number(value / 1e6, 2)),
        Lang::En => format!("{} t", number(value, 0)),
        Lang::Zh if abs >= 1e8 => format!("{} 亿吨", number(value / 1e8, 2)),
        Lang::Zh if abs >= 1e4 => format!("{} 万吨", number(value / 1e4, 2)),
        Lang::Zh => format!("{} 吨", number(value, 0)),
    }
}

/// A signed change for tables and labels: "+6.4 %", "−36 %" (with a true minus sign).
pub fn change(percent: f64, lang: Lang) -> String {
    let sign = if percent > 0.0 {
        "+"
    } else if percent < 0.0 {
        "−"
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

/// A share: "48.9 %".
pub fn percent(value: f64, lang: Lang) -> String {
    format!("{}{}", number(value, 1), percent_sign(lang))
}

fn percent_sign(lang: Lang) -> &'static str {
    match lang {
        // The house style of the article: "6.4 %"; Chinese sets none.
        Lang::En => " %",
        Lang::Zh => "%",
    }
}

/// US dollars: "US$488.8 million" / "4.888 亿美元" (亿 = 100 million: the same digits).
pub fn usd_millions(value: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("US${} million", number(value, 1)),
        Lang::Zh => format!("{} 亿美元", number(value / 100.0, 3)),
    }
}

/// Chinese yuan: "CNY 4,220 million" / "42.2 亿元".
pub fn cny_millions(value: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("CNY {} million", number(value, 1)),
        Lang::Zh => format!("{} 亿元", number(value / 100.0, 3)),
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
/// "两批", "7个".
pub fn count(n: usize, lang: Lang) -> String {
    const EN: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    match lang {
        Lang::En => EN.get(n).map_or_else(|| n.to_string(), |w| w.to_string()),
        Lang::Zh if n == 2 => "两".to_string(),
        Lang::Zh => n.to_string(),
    }
}

/// A year as a sentence names it: "2023" / "2023年".
pub fn year(year: u16, lang: Lang) -> String {
    match lang {
        Lang::En => year.to_string(),
        Lang::Zh => format!("{year}年"),
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
        assert_eq!(number(-1_234.56, 2), "-1,234.56");
        assert_eq!(number(0.05, 1), "0.1");
        assert_eq!(number(1.05, 2), "1.05");
        assert_eq!(number(f64::NAN, 0), "–");
    }

    #[test]
    fn tonnes_read_naturally_in_both_languages() {
        assert_eq!(tonnes(44_000_000.0, Lang::En), "44,000,000 t");
        assert_eq!(tonnes(44_000_000.0, Lang::Zh), "44,000,000 吨");
        assert_eq!(tonnes(38_755.0, Lang::Zh), "38,755 吨");
        assert_eq!(tonnes(4_500.0, Lang::Zh), "4,500 吨");
        assert_eq!(tonnes_short(38_755.0, Lang::Zh), "3.88 万吨");
        assert_eq!(tonnes_short(135_000.0, Lang::Zh), "13.5 万吨");
        assert_eq!(tonnes_short(4_960_000.0, Lang::En), "4.96 Mt");
        assert_eq!(tonnes_short(44_000_000.0, Lang::En), "44 Mt");
        assert_eq!(tonnes_short(135_000.0, Lang::En), "135,000 t");
        assert_eq!(tonnes_short(4_960_000.0, Lang::Zh), "496 万吨");
        assert_eq!(tonnes_short(2_340_000_000.0, Lang::Zh), "23.4 亿吨");
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
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(change(6.4, Lang::En), "+6.4 %");
        assert_eq!(change(-36.0, Lang::Zh), "−36%");
        assert_eq!(change(0.0, Lang::Zh), "0%");
        assert_eq!(usd_millions(488.8, Lang::En), "US$488.8 million");
        assert_eq!(usd_millions(488.8, Lang::Zh), "4.888 亿美元");
        assert_eq!(cny_millions(4_220.0, Lang::Zh), "42.2 亿元");
        assert_eq!(change(5.16, Lang::En), "+5.16 %");
        assert_eq!(change_in_words(5.9, Lang::Zh), "增长5.9%");
        assert_eq!(change_in_words(-36.0, Lang::Zh), "下降36%");
        assert_eq!(change_in_words(-12.6, Lang::En), "−12.6 %");
    }
}
