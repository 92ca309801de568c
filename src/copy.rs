//! The build-time copy of the page: for one view and language at its default state, the page as
//! the app renders it (header, tabs, controls, summary, chart, notes, sources, footer), in HTML
//! and CSS alone. Its tabs are links to the other views' pages, so they work without JavaScript;
//! with it, `copy.js` keeps every tap on the copy for the app (issue #23) and hides the controls
//! that only the app can carry out from readers without it. The post-build step writes one page per view and language with its copy
//! (src/bin/postbuild/copies.rs); the reader sees the chart before any wasm arrives, and the app,
//! once mounted and its view ready, removes the copy in the same task (`take_over` in lib.rs).
//!
//! Built from the registry, the same figures and the same markup builders as the app, so that the
//! two have the same boxes: an end-to-end test measures the layout shift of the take-over.

use crate::data::Dataset;
use crate::html::escape;
use crate::i18n::{strings, Lang};
use crate::shell::footer::{data_as_of_text, FOOTER_LINKS};
use crate::views::View;

/// The copy of the page at `view` in `lang`, and the CSS rules its chart boxes need.
pub fn page(d: &Dataset, view: View, lang: Lang) -> (String, Vec<String>) {
    let t = strings(lang);
    let mut css = Vec::new();
    let other = match lang {
        Lang::En => "zh-Hans",
        Lang::Zh => "en",
    };
    let theme_option = |value: &str, label: &str, selected: bool| {
        let selected = if selected { " selected" } else { "" };
        format!(
            "<option value=\"{value}\"{selected}>{}</option>",
            escape(label)
        )
    };
    let mut html = format!(
        "<div id=\"copy\" class=\"app\" data-view=\"{slug}\" data-lang=\"{code}\">\
<header class=\"masthead\"><div class=\"settings\" role=\"group\" aria-label=\"{settings}\">\
<label class=\"control inline\" for=\"copy-theme\"><span class=\"control-label\">{theme}</span>\
<select id=\"copy-theme\">{auto}{light}{dark}</select></label>\
<button type=\"button\" class=\"lang-switch\" lang=\"{other}\">{switch}</button></div>\
<h1>{title}</h1><p class=\"dek\">{dek}</p></header>\
<nav class=\"tabs\" aria-label=\"{views}\">",
        slug = view.slug(),
        code = lang.code(),
        settings = escape(t.settings_label),
        theme = escape(t.theme),
        auto = theme_option("auto", t.theme_auto, true),
        light = theme_option("light", t.theme_light, false),
        dark = theme_option("dark", t.theme_dark, false),
        switch = escape(t.switch_lang),
        title = escape(t.title),
        dek = escape(t.dek),
        views = escape(t.views_label),
    );
    for v in View::ALL {
        // Links to the views' own pages, the one on show the current page: ARIA tabs come with
        // the app that makes them work, and a link inside a tab list would be neither.
        html.push_str(&format!(
            "<a href=\"{slug}-{code}.html\"{current}>{name}</a>",
            slug = v.slug(),
            code = lang.code(),
            current = if v == view {
                " aria-current=\"page\""
            } else {
                ""
            },
            name = escape(v.name(t))
        ));
    }
    html.push_str("</nav>");
    for v in View::ALL {
        if v == view {
            html.push_str(&format!(
                "<section class=\"view-panel\" data-view=\"{}\">{}</section>",
                v.slug(),
                v.copy(d, lang, t, &mut css)
            ));
        } else {
            html.push_str(&format!(
                "<section class=\"view-panel\" data-view=\"{}\" hidden></section>",
                v.slug()
            ));
        }
    }
    let links: String = FOOTER_LINKS
        .iter()
        .map(|(href, name)| {
            format!(
                "<li><a href=\"{href}\" rel=\"noopener\" target=\"_blank\">{}</a></li>",
                escape(name(t))
            )
        })
        .collect();
    html.push_str(&format!(
        "<div class=\"actions\" role=\"group\" aria-label=\"{actions}\">\
<button type=\"button\">{share}</button><button type=\"button\">{embed}</button>\
<button type=\"button\">{cite}</button><button type=\"button\" class=\"download\">{csv}</button>\
<button type=\"button\" class=\"download\">{png}</button><button type=\"button\" class=\"download\">{svg}</button>\
<p class=\"status\" role=\"status\"></p></div>\
<section class=\"claims\"><h2 class=\"claims-heading\"><button type=\"button\" id=\"copy-claims-toggle\" aria-expanded=\"false\">{claims}</button></h2></section>\
<footer class=\"site-footer\"><p>{sources}</p><ul>{links}</ul><p class=\"fine\">{method}</p>\
<p class=\"fine\"><span class=\"data-as-of\">{as_of}</span>{changed}</p></footer>\
<footer class=\"embed-footer\"><span>{usgs} · {customs}</span><span><span class=\"data-as-of\">{as_of}</span>{changed_embed}</span>\
<a href=\"{slug}-{code}.html\" target=\"_blank\" rel=\"noopener\">{full} ↗</a></footer>\
<p id=\"copy-status\" class=\"visually-hidden\" role=\"status\" data-busy=\"{loading}\"></p></div>",
        actions = escape(t.actions_label),
        share = escape(t.share),
        embed = escape(t.embed),
        cite = escape(t.cite),
        csv = escape(t.download_csv),
        png = escape(t.download_png),
        svg = escape(t.download_svg),
        claims = escape(t.claims_title),
        sources = escape(t.footer_sources),
        method = escape(t.footer_method),
        as_of = escape(&data_as_of_text(lang, t)),
        changed = crate::corrections::link_html(lang, t, false),
        changed_embed = crate::corrections::link_html(lang, t, true),
        usgs = escape(t.footer_usgs),
        customs = escape(t.footer_customs),
        slug = view.slug(),
        code = lang.code(),
        full = escape(t.open_full),
        loading = escape(t.loading),
    ));
    (html, css)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Here, not in shell/footer.rs (native-only file): a test module in that file changed bytes
    /// of the release wasm, not its length, and its brotli size by 152 B (measured 2026-12-05).
    #[test]
    fn the_footer_links_its_publishers_over_https() {
        for (href, _) in FOOTER_LINKS {
            assert!(href.starts_with("https://"), "{href}");
        }
    }

    #[test]
    fn each_copy_shows_its_view_in_its_language_and_has_no_id_the_app_uses() {
        let d = crate::data::dataset();
        for view in View::ALL {
            for lang in [Lang::En, Lang::Zh] {
                let t = strings(lang);
                let (html, css) = page(d, view, lang);
                let q = crate::url::Query::parse(&format!("?view={}", view.slug()));
                let (_, figure) = view.figures(d, &q, lang, t).remove(0);
                assert!(html.contains(&escape(&figure.summary)), "{view:?} {lang:?}");
                assert!(html.contains(&format!("<h1>{}</h1>", escape(t.title))));
                // Every id is the copy's own: the app mounts beside it before it goes.
                for id in html
                    .split(" id=\"")
                    .skip(1)
                    .filter_map(|r| r.split('"').next())
                {
                    assert!(id == "copy" || id.starts_with("copy-"), "{view:?}: id {id}");
                }
                assert!(
                    css.iter()
                        .any(|r| r.contains(&format!("{}-{}-0", view.slug(), lang.code()))),
                    "{view:?} {lang:?}: the chart box has its heights"
                );
            }
        }
    }
}
