//! The snippet an editor pastes into an article (see docs/embedding.md): an iframe with a title,
//! lazy loading and the view's state in its URL, the loader script that keeps its height right,
//! and a link for readers whose page runs no scripts.

use crate::html::escape;
use crate::url::{Page, Query, Theme, Warnings};
use crate::views::{url_order, SLUGS};

/// The attribute that marks the explorer's iframes for the loader.
pub const MARK: &str = "data-rare-earth-explorer";

/// What an editor picks in the Embed dialog, on top of the view's state in `query`.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOptions {
    pub query: Query,
    pub lock_view: bool,
    pub theme: Theme,
    pub lang: Option<crate::i18n::Lang>,
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
    url(base, &options.query, |p| {
        p.embed = true;
        p.tabs = !options.lock_view;
        p.theme = options.theme;
        p.lang = options.lang;
    })
}

/// The snippet: the iframe, the loader (`embed.js` beside the explorer), a no-script link.
pub fn snippet(base: &str, options: &EmbedOptions, title: &str) -> String {
    let src = escape(&embed_url(base, options));
    let page_url = escape(&url(base, &options.query, |p| {
        p.embed = false;
        p.tabs = true;
        p.theme = options.theme;
        p.lang = options.lang;
    }));
    let script = escape(&format!("{}embed.js", base.trim_end_matches("index.html")));
    let title = escape(title);
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" {MARK} width=\"100%\" height=\"720\" \
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
        };
        let s = snippet("https://example.org/explorer/", &options, "Rare \"Earth\"");
        assert!(
            s.contains("src=\"https://example.org/explorer/?view=quotas&amp;quota=batches&amp;embed=1&amp;tabs=0&amp;dark=true&amp;lang=zh\""),
            "{s}"
        );
        assert!(s.contains("title=\"Rare &quot;Earth&quot;\""));
        assert!(s.contains("<script src=\"https://example.org/explorer/embed.js\" async></script>"));
        assert!(s.contains("loading=\"lazy\""));
        assert!(s.contains(
            "<noscript><a href=\"https://example.org/explorer/?view=quotas&amp;quota=batches&amp;theme=dark&amp;lang=zh\">"
        ), "{s}");
    }
}
