//! Numbers as a reader reads them, in either language: "44,000,000 t" or "4,400 万吨", "+6.4 %".
//!
//! Written by hand on integers because exact figures must stay exact (35,447.5 t is not 35,448 t)
//! and because the browser's `Intl` would cost a round trip through JavaScript per label.

use crate::state::Lang;

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

/// An exact tonnage with its unit: "44,000,000 t" / "4,400 万吨" (万 = 10,000, exact in both).
pub fn tonnes(value: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} t", number(value, 1)),
        // Below 10,000 t Chinese writes plain tonnes too.
        Lang::Zh if value.abs() >= 10_000.0 => format!("{} 万吨", number(value / 10_000.0, 5)),
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

/// A signed change: "+6.4 %", "−36 %" (with a true minus sign).
pub fn change(percent: f64, lang: Lang) -> String {
    let sign = if percent > 0.0 {
        "+"
    } else if percent < 0.0 {
        "−"
    } else {
        ""
    };
    format!("{sign}{}{}", number(percent.abs(), 1), percent_sign(lang))
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

/// US dollars: "US$488.8 million", "US$8,826/t".
pub fn usd_millions(value: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("US${} million", number(value, 1)),
        Lang::Zh => format!("{} 亿美元", number(value / 100.0, 3)),
    }
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
        assert_eq!(tonnes(44_000_000.0, Lang::Zh), "4,400 万吨");
        assert_eq!(tonnes(135_000.0, Lang::Zh), "13.5 万吨");
        assert_eq!(tonnes(4_500.0, Lang::Zh), "4,500 吨");
        assert_eq!(tonnes_short(4_960_000.0, Lang::En), "4.96 Mt");
        assert_eq!(tonnes_short(44_000_000.0, Lang::En), "44 Mt");
        assert_eq!(tonnes_short(135_000.0, Lang::En), "135,000 t");
        assert_eq!(tonnes_short(4_960_000.0, Lang::Zh), "496 万吨");
        assert_eq!(tonnes_short(2_340_000_000.0, Lang::Zh), "23.4 亿吨");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(change(6.4, Lang::En), "+6.4 %");
        assert_eq!(change(-36.0, Lang::Zh), "−36%");
        assert_eq!(change(0.0, Lang::Zh), "0%");
        assert_eq!(usd_millions(488.8, Lang::En), "US$488.8 million");
        assert_eq!(usd_millions(488.8, Lang::Zh), "4.888 亿美元");
    }
}
