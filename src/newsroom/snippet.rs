//! The snippet an editor pastes into an article (see docs/embedding.md): an iframe with a title,
//! lazy loading and the view's state in its URL, the loader script that keeps its height right,
//! and a link for readers whose page runs no scripts.

use crate::html::escape;
use crate::url::{Page, Query, Theme, Warnings};
use crate::views::{url_order, SLUGS};

/// The attribute that marks the explorer's iframes for the loader.
pub const MARK: &str = "data-rare-earth-explorer";

/// The `<meta name>` under which each page gives the versioned loader, `embed-<hash>.js`, and its
/// integrity hash, separated by a space (src/bin/postbuild/head.rs): the build writes it after the
/// wasm is compiled.
pub const LOADER_META: &str = "rare-earth-explorer-loader";
/// The selector of that `<meta>`.
pub const LOADER_META_SELECTOR: &str = "meta[name=rare-earth-explorer-loader]";

/// The versioned loader, as the page names it: its file beside `embed.js` and its `sha384-` hash.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VersionedLoader<'a> {
    pub file: &'a str,
    pub integrity: &'a str,
}

impl<'a> VersionedLoader<'a> {
    /// From the meta's content, `embed-<hash>.js sha384-<base64>`; `None` for anything else.
    pub fn read(content: &'a str) -> Option<Self> {
        let (file, integrity) = content.split_once(' ')?;
        let hash = file.strip_prefix("embed-")?.strip_suffix(".js")?;
        let fits = !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit());
        (fits && integrity.starts_with("sha384-")).then_some(VersionedLoader { file, integrity })
    }
}

/// What an editor picks in the Embed dialog, on top of the view's state in `query`.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOptions {
    pub query: Query,
    pub lock_view: bool,
    pub theme: Theme,
    pub lang: Option<crate::i18n::Lang>,
    /// Embed the frozen copy of this data version (`v/<version>/`), which keeps showing what the
    /// article was published with, rather than the latest.
    pub pin_version: bool,
}

include!(concat!(env!("OUT_DIR"), "/embed_heights.rs"));

/// The widget's heights at the loader's column widths for `view` in `lang`, as `data-heights`
/// writes them ("320:1460 480:1310 ..."), and its height at 720 px, for hosts without the loader.
fn heights(view: &str, lang: crate::i18n::Lang) -> Option<(String, u16)> {
    let key = format!("{view}-{}", lang.code());
    let (_, pairs) = EMBED_HEIGHTS.iter().find(|(k, _)| *k == key)?;
    let list: Vec<String> = pairs.iter().map(|(w, h)| format!("{w}:{h}")).collect();
    let at_720 = pairs
        .iter()
        .rev()
        .find(|(w, _)| *w <= 720)
        .or(pairs.first())
        .map(|(_, h)| *h)?;
    Some((list.join(" "), at_720))
}

/// Where the latest explorer is: `base` without a file name or a pinned version's folder.
fn latest(base: &str) -> &str {
    // The page's file (`index.html`, a view's own page such as `quotas-zh.html`) is not part of it.
    let base = match base.rsplit_once('/') {
        Some((folder, file)) if file.ends_with(".html") => &base[..folder.len() + 1],
        _ => base,
    };
    let folder = base
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let pinned = folder.len() == 8 && folder.bytes().all(|b| b.is_ascii_hexdigit());
    match base.trim_end_matches('/').strip_suffix(folder) {
        Some(above) if pinned && above.ends_with("/v/") => &base[..above.len() - 2],
        _ => base,
    }
}

/// Where the embed's frame loads from: the latest explorer, or this data version's copy.
fn frame_base(base: &str, pin_version: bool) -> String {
    let latest = latest(base);
    if pin_version {
        format!("{latest}v/{}/", crate::data::DATA_VERSION)
    } else {
        latest.to_string()
    }
}

/// `query` with the page's parameters changed by `change`, as a URL from `base`.
fn url(base: &str, query: &Query, change: impl FnOnce(&mut Page)) -> String {
    let mut q = query.clone();
    let mut page = Page::read(&q, &SLUGS, &mut Warnings::default());
    change(&mut page);
    page.write(&mut q);
    format!("{base}{}", q.to_search(&url_order()))
}

/// The iframe URL for an embed of `options`.
pub fn embed_url(base: &str, options: &EmbedOptions) -> String {
    // In a chosen language, the view's own page, which paints its copy before the wasm arrives;
    // in the reader's, the first page, which shows its copy only where it matches.
    let view = Page::read(&options.query, &SLUGS, &mut Warnings::default()).view;
    let page = options
        .lang
        .map(|lang| format!("{view}-{}.html", lang.code()))
        .unwrap_or_default();
    url(
        &format!("{}{page}", frame_base(base, options.pin_version)),
        &options.query,
        |p| {
            p.embed = true;
            p.tabs = !options.lock_view;
            p.theme = options.theme;
            p.lang = options.lang;
        },
    )
}

/// The snippet: the iframe, the loader beside the explorer, a no-script link. The loader is the
/// versioned one with its integrity hash where the page names it (`crossorigin`, which the browser
/// needs to check the hash of a file from another origin), else `embed.js`.
pub fn snippet(
    base: &str,
    options: &EmbedOptions,
    title: &str,
    loader: Option<VersionedLoader>,
) -> String {
    let src = escape(&embed_url(base, options));
    let page_url = escape(&url(base, &options.query, |p| {
        p.embed = false;
        p.tabs = true;
        p.theme = options.theme;
        p.lang = options.lang;
    }));
    let script = match loader {
        Some(l) => format!(
            "{}\" integrity=\"{}\" crossorigin=\"anonymous",
            escape(&format!("{}{}", latest(base), l.file)),
            escape(l.integrity)
        ),
        None => escape(&format!("{}embed.js", latest(base))),
    };
    let title = escape(title);
    // The view's measured heights, so the host reserves the right space before the widget loads
    // (no layout shift in the article); the reader's language is not known yet: English's.
    let view = Page::read(&options.query, &SLUGS, &mut Warnings::default()).view;
    let lang = options.lang.unwrap_or_default();
    let (data_heights, height) = match heights(view, lang) {
        Some((list, at_720)) => (format!(" data-heights=\"{list}\""), at_720),
        None => (String::new(), 720),
    };
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" {MARK}{data_heights} width=\"100%\" height=\"{height}\" \
frameborder=\"0\" loading=\"lazy\"></iframe>\n\
<script src=\"{script}\" async></script>\n\
<noscript><a href=\"{page_url}\">{title}</a></noscript>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_snippet_embeds_the_chosen_state_and_the_loader() {
        let options = EmbedOptions {
            query: Query::parse("?view=quotas&quota=batches"),
            lock_view: true,
            theme: Theme::Dark,
            lang: Some(Lang::Zh),
            pin_version: false,
        };
        let s = snippet(
            "https://example.org/explorer/",
            &options,
            "Rare \"Earth\"",
            None,
        );
        assert!(
            s.contains("src=\"https://example.org/explorer/quotas-zh.html?view=quotas&amp;quota=batches&amp;embed=1&amp;tabs=0&amp;dark=true&amp;lang=zh\""),
            "{s}"
        );
        assert!(s.contains("title=\"Rare &quot;Earth&quot;\""));
        assert!(s.contains("<script src=\"https://example.org/explorer/embed.js\" async></script>"));
        assert!(s.contains("loading=\"lazy\""));
        assert!(s.contains(
            "<noscript><a href=\"https://example.org/explorer/?view=quotas&amp;quota=batches&amp;theme=dark&amp;lang=zh\">"
        ), "{s}");
    }

    #[test]
    fn the_snippet_reserves_the_views_measured_height() {
        let options = EmbedOptions {
            query: Query::parse("?view=quotas"),
            lock_view: true,
            theme: Theme::Auto,
            lang: Some(Lang::Zh),
            pin_version: false,
        };
        let s = snippet("https://example.org/explorer/", &options, "x", None);
        let (list, at_720) = heights("quotas", Lang::Zh).expect("quotas-zh is measured");
        assert!(s.contains(&format!("data-heights=\"{list}\"")), "{s}");
        assert!(s.contains(&format!("height=\"{at_720}\"")), "{s}");
        assert!(list.starts_with("320:"), "{list}");
    }

    #[test]
    fn a_pinned_embed_loads_this_versions_copy_and_the_latest_loader() {
        let version = crate::data::DATA_VERSION;
        for base in [
            "https://example.org/explorer/".to_string(),
            "https://example.org/explorer/index.html".to_string(),
            "https://example.org/explorer/v/0123abcd/".to_string(),
            "https://example.org/explorer/quotas-zh.html".to_string(),
        ] {
            let options = |pin_version| EmbedOptions {
                query: Query::parse("?view=exports"),
                lock_view: false,
                theme: Theme::Auto,
                lang: None,
                pin_version,
            };
            let pinned = snippet(&base, &options(true), "x", None);
            assert!(
                pinned.contains(&format!(
                    "src=\"https://example.org/explorer/v/{version}/?view=exports"
                )),
                "{base}: {pinned}"
            );
            let latest = snippet(&base, &options(false), "x", None);
            assert!(
                latest.contains("src=\"https://example.org/explorer/?view=exports"),
                "{latest}"
            );
            for s in [pinned, latest] {
                assert!(
                    s.contains("<script src=\"https://example.org/explorer/embed.js\""),
                    "{s}"
                );
            }
        }
    }

    #[test]
    fn the_snippet_loads_the_versioned_loader_with_its_integrity_hash() {
        let content = "embed-0123456789abcdef.js sha384-AbC+/9=";
        let loader = VersionedLoader::read(content);
        assert_eq!(
            loader,
            Some(VersionedLoader {
                file: "embed-0123456789abcdef.js",
                integrity: "sha384-AbC+/9="
            })
        );
        let options = EmbedOptions {
            query: Query::parse("?view=quotas"),
            lock_view: true,
            theme: Theme::Auto,
            lang: Some(Lang::En),
            pin_version: true,
        };
        let s = snippet(
            "https://example.org/explorer/v/0123abcd/quotas-en.html",
            &options,
            "x",
            loader,
        );
        assert!(
            s.contains("<script src=\"https://example.org/explorer/embed-0123456789abcdef.js\" integrity=\"sha384-AbC+/9=\" crossorigin=\"anonymous\" async></script>"),
            "{s}"
        );
        for junk in [
            "",
            "embed.js",
            "embed-x.js sha384-a",
            "embed-01.js sha256-a",
            "https://evil/embed-01.js sha384-a",
        ] {
            assert_eq!(VersionedLoader::read(junk), None, "{junk}");
        }
    }
}
