//! The URL, read and written. Every control's state lives in the query string, so any state can be
//! shared: the page's own parameters here (`Page`), each view's in its own folder
//! (`views/<name>/state.rs`, through `Params`).
//!
//! Reading is lenient by design: the URL comes from anyone (an editor's typo, a crawler, a hostile
//! link), so a value that is unknown, empty, repeated or oversized falls back to its default and is
//! reported as a warning, never a panic.

use crate::i18n::Lang;

/// Longer values than this are never valid, whatever the key: no need to look at them.
const MAX_VALUE_LEN: usize = 64;

/// A query string, decoded: its keys and values in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

/// What reading a URL left out, for the console.
#[derive(Debug, Default)]
pub struct Warnings(pub Vec<String>);

impl Warnings {
    fn push(&mut self, text: String) {
        self.0.push(text);
    }
}

impl Query {
    /// Reads a `?a=b&c=d` query string. Malformed escapes are kept literally.
    pub fn parse(search: &str) -> Query {
        let pairs = search
            .trim_start_matches('?')
            .split('&')
            .filter(|part| !part.is_empty())
            .map(|part| {
                let (k, v) = part.split_once('=').unwrap_or((part, ""));
                (decode(k), decode(v))
            })
            .collect();
        Query { pairs }
    }

    /// The one value of `key`. A key given twice is ambiguous and an oversized value invalid:
    /// then neither counts (the default does), with a warning.
    pub fn value(&self, key: &str, warnings: &mut Warnings) -> Option<&str> {
        let mut values = self.pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
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
        Some(first)
    }

    /// Sets `key` to `value`, or removes it (`None`: the default, which the URL leaves out).
    pub fn set(&mut self, key: &str, value: Option<String>) {
        self.pairs.retain(|(k, _)| k != key);
        if let Some(value) = value {
            self.pairs.push((key.to_string(), value));
        }
    }

    /// Whether the query has `key` at all, with any value (`?static`).
    pub fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    /// The keys, in order, for reporting the unknown ones.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_str())
    }

    /// `?view=…&…` with the keys in `order` and nothing else, so that shared links are short and
    /// say the same thing in the same way.
    pub fn to_search(&self, order: &[&str]) -> String {
        let mut out = String::new();
        for key in order {
            for (_, v) in self.pairs.iter().filter(|(k, _)| k == key) {
                out.push(if out.is_empty() { '?' } else { '&' });
                out.push_str(key);
                out.push('=');
                out.push_str(&encode(v));
            }
        }
        out
    }
}

/// What a part of the explorer reads from the URL and writes back: its keys, and how its state
/// reads (leniently) and writes (defaults left out).
pub trait Params: Sized {
    const KEYS: &'static [&'static str];
    fn read(q: &Query, warnings: &mut Warnings) -> Self;
    fn write(&self, q: &mut Query);
}

/// One of `options` by its URL name; unknown names warn and give `None`.
pub fn choice<T: Copy>(
    q: &Query,
    key: &str,
    options: &[(&str, T)],
    warnings: &mut Warnings,
) -> Option<T> {
    let raw = q.value(key, warnings)?;
    let found = options
        .iter()
        .find(|(name, _)| *name == raw)
        .map(|&(_, v)| v);
    if found.is_none() {
        warnings.push(format!(
            "unknown {key} `{}`; using the default",
            printable(raw)
        ));
    }
    found
}

/// The URL name of `value` in `options` (the same table `choice` reads).
pub fn name_of<T: PartialEq>(options: &[(&'static str, T)], value: T) -> &'static str {
    options
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(name, _)| *name)
}

/// Writes `value` as its URL name, or nothing when it is the default.
pub fn set_choice<T: PartialEq + Default>(
    q: &mut Query,
    key: &str,
    options: &[(&'static str, T)],
    value: T,
) {
    let name = (value != T::default()).then(|| name_of(options, value).to_string());
    q.set(key, name);
}

/// A year from 1900 to 2100.
pub fn year(q: &Query, key: &str, warnings: &mut Warnings) -> Option<u16> {
    let raw = q.value(key, warnings)?;
    let year = raw
        .parse::<u16>()
        .ok()
        .filter(|y| (1900..=2100).contains(y));
    if year.is_none() {
        warnings.push(format!(
            "{key} `{}` is not a year; using the default",
            printable(raw)
        ));
    }
    year
}

/// Free text (a name from the data, checked by whoever uses it); empty is none.
pub fn text(q: &Query, key: &str, warnings: &mut Warnings) -> Option<String> {
    q.value(key, warnings)
        .filter(|v| !v.is_empty())
        .map(String::from)
}

const FLAGS: [(&str, bool); 2] = [("1", true), ("0", false)];

/// The reader's choice of colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// The host page's (in a frame with the loader) or else the reader's system.
    #[default]
    Auto,
    Light,
    Dark,
}

pub const THEMES: [(&str, Theme); 3] = [
    ("auto", Theme::Auto),
    ("light", Theme::Light),
    ("dark", Theme::Dark),
];

/// `dark=auto|true|false`, the embed's name for the theme (as Datawrapper's embeds call it).
const DARK: [(&str, Theme); 3] = [
    ("auto", Theme::Auto),
    ("false", Theme::Light),
    ("true", Theme::Dark),
];

pub const LANGS: [(&str, Lang); 2] = [("en", Lang::En), ("zh", Lang::Zh)];

/// The page's own parameters: which view, chart or table, theme, language, and how it is embedded.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// A view's URL name, one of those `read` was given; the first when the URL names none.
    pub view: &'static str,
    pub table: bool,
    pub theme: Theme,
    /// `None`: the reader's browser language.
    pub lang: Option<Lang>,
    pub embed: bool,
    /// In embed mode: `tabs=0` locks the widget to its view.
    pub tabs: bool,
}

impl Page {
    pub const KEYS: [&'static str; 7] = ["view", "table", "embed", "tabs", "theme", "dark", "lang"];

    /// Reads the page's parameters; `views` are the views' URL names in tab order.
    pub fn read(q: &Query, views: &[&'static str], warnings: &mut Warnings) -> Page {
        let view = q
            .value("view", warnings)
            .map(|v| (v, views.iter().find(|s| **s == v)));
        if let Some((v, None)) = view {
            warnings.push(format!(
                "unknown view `{}`; using the default",
                printable(v)
            ));
        }
        let theme = choice(q, "theme", &THEMES, warnings);
        let dark = choice(q, "dark", &DARK, warnings);
        Page {
            view: view
                .and_then(|(_, found)| found.copied())
                .or(views.first().copied())
                .unwrap_or_default(),
            table: choice(q, "table", &FLAGS, warnings).unwrap_or(false),
            theme: dark.or(theme).unwrap_or_default(),
            lang: choice(q, "lang", &LANGS, warnings),
            embed: choice(q, "embed", &FLAGS, warnings).unwrap_or(false),
            tabs: choice(q, "tabs", &FLAGS, warnings).unwrap_or(true),
        }
    }

    /// Writes the page's parameters; the view always, the others where they differ from the
    /// default. An embed writes its theme as `dark=`, a reader's page as `theme=`.
    pub fn write(&self, q: &mut Query) {
        q.set("view", Some(self.view.to_string()));
        q.set("table", self.table.then(|| "1".into()));
        q.set("embed", self.embed.then(|| "1".into()));
        q.set("tabs", (!self.tabs).then(|| "0".into()));
        let (key, names, other) = if self.embed {
            ("dark", &DARK, "theme")
        } else {
            ("theme", &THEMES, "dark")
        };
        q.set(other, None);
        set_choice(q, key, names, self.theme);
        q.set("lang", self.lang.map(|l| name_of(&LANGS, l).to_string()));
    }
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

/// A value safe to echo in a console warning: control and bidi characters replaced, length capped.
pub fn printable(s: &str) -> String {
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

    const VIEWS: [&str; 3] = ["reserves", "quotas", "exports"];

    fn page(q: &str) -> (Page, Vec<String>) {
        let mut w = Warnings::default();
        (Page::read(&Query::parse(q), &VIEWS, &mut w), w.0)
    }

    #[test]
    fn bad_views_fall_back_to_the_first_with_a_warning() {
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
            assert_eq!(page(q).0.view, "reserves", "{q}");
        }
        assert!(!page("?view=nonsense").1.is_empty());
    }

    #[test]
    fn a_repeated_key_is_ambiguous_and_falls_back() {
        let (p, warnings) = page("?view=quotas&view=exports");
        assert_eq!(p.view, "reserves");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn the_page_round_trips_and_an_embed_writes_its_theme_as_dark() {
        let (p, warnings) = page("?view=quotas&table=1&embed=1&tabs=0&dark=true&lang=zh");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            (p.theme, p.embed, p.tabs, p.lang),
            (Theme::Dark, true, false, Some(Lang::Zh))
        );
        let mut q = Query::default();
        p.write(&mut q);
        assert_eq!(
            q.to_search(&Page::KEYS),
            "?view=quotas&table=1&embed=1&tabs=0&dark=true&lang=zh"
        );
        let (reader, _) = page("?view=exports&theme=light&dark=true");
        assert_eq!(reader.theme, Theme::Dark, "dark= wins over theme=");
        let mut q = Query::default();
        Page {
            embed: false,
            ..reader
        }
        .write(&mut q);
        assert_eq!(q.to_search(&Page::KEYS), "?view=exports&theme=dark");
    }

    #[test]
    fn years_outside_reason_are_dropped() {
        let q = Query::parse("?edition=99999&from=abc&to=2024");
        let mut w = Warnings::default();
        assert_eq!(
            (
                year(&q, "edition", &mut w),
                year(&q, "from", &mut w),
                year(&q, "to", &mut w)
            ),
            (None, None, Some(2024))
        );
        assert_eq!(w.0.len(), 2);
    }

    #[test]
    fn decoding_survives_broken_escapes() {
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%41+b"), "A b");
        assert_eq!(decode("%FF"), "\u{fffd}");
        let q = Query::parse("?a&b=&=c");
        assert_eq!(q.keys().collect::<Vec<_>>(), ["a", "b", ""]);
        assert!(q.has("a"));
    }

    #[test]
    fn values_are_encoded_and_only_known_keys_written() {
        let mut q = Query::parse("?utm_source=x&country=Burma+(Myanmar)");
        q.set("view", Some("discoveries".into()));
        assert_eq!(
            q.to_search(&["view", "country"]),
            "?view=discoveries&country=Burma%20%28Myanmar%29"
        );
    }

    #[test]
    fn warnings_never_echo_control_characters() {
        let (_, warnings) = page("?view=%E2%80%AEevil%0A");
        assert!(warnings
            .iter()
            .all(|w| !w.contains('\u{202e}') && !w.contains('\n')));
    }
}
