//! Every word the reader sees, one catalogue per language.
//!
//! A catalogue is a struct, so a language missing a string does not compile; a test checks that
//! the sentence templates of every language use the same `{placeholders}`. A third language is one
//! more file like `en.rs`.

/// Declares `Strings`, one field per text of the explorer, with the English catalogue (`EN`) as
/// its first value: the field list lives in one place, `en.rs`, beside the English words.
macro_rules! catalogue {
    (texts { $($field:ident: $text:expr,)* } lists { $($list:ident: $items:expr,)* }) => {
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
        pub static EN: Strings = Strings {
            $($field: $text,)*
            $($list: $items,)*
        };
    };
}

/// Declares a catalogue part: the texts only one part loaded on demand reads (a view after the
/// first), with their English values. In the split build they are not in the wasm: they travel in
/// the rows file with that part's rows (`TextPart`, components/on_demand.rs), so their bytes are
/// paid by readers who open the part, not by every reader of the first chart.
macro_rules! catalogue_part {
    ($(#[$doc:meta])* $en:ident: $name:ident = $key:literal {
        texts { $($field:ident: $text:expr,)* }
        lists { $($list:ident: $items:expr,)* }
    }) => {
        $(#[$doc])*
        pub struct $name {
            $(pub $field: &'static str,)*
            $(pub $list: &'static [&'static str],)*
        }
        impl $crate::i18n::TextPart for $name {
            const NAME: &'static str = $key;
            fn fields(&'static self) -> Vec<(&'static str, &'static [&'static str])> {
                // A part may have no list (the corrections' has none).
                #[allow(unused_mut)]
                let mut all = vec![$((stringify!($field), std::slice::from_ref(&self.$field)),)*];
                $(all.push((stringify!($list), self.$list));)*
                all
            }
            fn from_fields(fields: &mut dyn Iterator<Item = &'static [&'static str]>) -> Option<Self> {
                Some($name {
                    $($field: fields.next().and_then(|f| f.first().copied())?,)*
                    $($list: fields.next()?,)*
                })
            }
            fn empty() -> Self {
                $name {
                    $($field: "",)*
                    $($list: &[],)*
                }
            }
        }
        #[cfg(not(feature = "split"))]
        pub static $en: $name = $name {
            $($field: $text,)*
            $($list: $items,)*
        };
    };
}

/// A catalogue part's Chinese values, and where each language's values are in builds that embed
/// them.
macro_rules! catalogue_part_zh {
    ($zh:ident: $name:ident, $en:path = { $($field:ident: $text:expr,)* }) => {
        #[cfg(not(feature = "split"))]
        pub static $zh: $name = $name { $($field: $text,)* };
        #[cfg(not(feature = "split"))]
        impl $crate::i18n::Embedded for $name {
            fn of(lang: $crate::i18n::Lang) -> &'static $name {
                match lang {
                    $crate::i18n::Lang::En => &$en,
                    $crate::i18n::Lang::Zh => &$zh,
                }
            }
        }
    };
}

mod en;
mod zh;

pub use en::*;
pub use zh::*;

/// The texts of one part loaded on demand (see `catalogue_part!`), as fields: one a text, a list
/// for a table's headers. The rows file carries them; the part reads them back with its code.
pub trait TextPart: Sized + 'static {
    /// The part's name in the rows file.
    const NAME: &'static str;
    /// Each text as a list of one, then each list, with its field name.
    fn fields(&'static self) -> Vec<(&'static str, &'static [&'static str])>;
    /// The part from its fields, in order; `None` when some are missing.
    fn from_fields(fields: &mut dyn Iterator<Item = &'static [&'static str]>) -> Option<Self>;
    /// Every text empty: what a part reads when its texts are missing.
    fn empty() -> Self;
}

/// Where a part's texts are in builds that embed them (native, tests, no split).
#[cfg(not(feature = "split"))]
pub trait Embedded: TextPart {
    fn of(lang: Lang) -> &'static Self;
}

/// The reader's language.
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
}

/// Two sentences one after the other: a space after English punctuation, none after Chinese,
/// whose full stop (。) is already full width.
pub fn then(first: &str, next: &str) -> String {
    match first.chars().last() {
        None => next.to_string(),
        _ if next.is_empty() => first.to_string(),
        Some(c) if c.is_ascii() => format!("{first} {next}"),
        Some(_) => format!("{first}{next}"),
    }
}

/// The `{names}` of a template, sorted: a translation must use the same ones.
#[cfg(test)]
pub(crate) fn placeholders(s: &str) -> Vec<&str> {
    let mut names: Vec<&str> = s
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    // A language may name a figure twice where another names it once.
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn chinese_sentences_follow_each_other_without_a_space() {
        assert_eq!(then("One.", "Two."), "One. Two.");
        assert_eq!(then("一。", "二。"), "一。二。");
        assert_eq!(then("", "二。"), "二。");
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "1"), ("b", "2")]),
            "1 and 2, 1"
        );
    }
}
