//! One page per view and language, each with the build-time copy of that view (src/copy.rs):
//! `<view>-<lang>.html`, and `index.html` for the first view in English. The reader sees the
//! chart from HTML and CSS alone; `copy.js`, a small script in the head, hides the copy before
//! the first paint where the URL asks for something else.

use std::hash::{Hash, Hasher};
use std::{fs, path::Path};

use rare_earth_explorer::copy;
use rare_earth_explorer::data::dataset;
use rare_earth_explorer::i18n::{strings, Lang};
use rare_earth_explorer::views::View;

use crate::static_images;

/// Decides before the first paint whether the copy shows what the URL asks for.
const COPY_JS: &str = include_str!("copy.js");

/// Writes the pages into `dir` from `html`, the finished `index.html` without a copy; returns
/// the new `index.html`. The copies' chart boxes go into the stylesheet, renamed by its content.
pub fn write(dir: &Path, html: &str) -> Result<String, String> {
    let d = dataset();
    let mut pages = Vec::new();
    let mut rules: Vec<String> = Vec::new();
    for view in View::ALL {
        for lang in static_images::LANGS {
            let (copy, css) = copy::page(d, view, lang);
            rules.extend(css);
            pages.push((view, lang, copy));
        }
    }
    let html = with_chart_boxes(dir, html, &rules)?;
    let script = named_by_content("copy", "js", COPY_JS);
    fs::write(dir.join(&script), COPY_JS).map_err(|e| format!("{script}: {e}"))?;
    // It blocks the first paint: in release, its comments and long names stay in the source.
    if crate::split::release() {
        crate::split::minify_js(&dir.join(&script), false)?;
    }
    let mut index = None;
    for (view, lang, copy) in pages {
        let name = format!("{}-{}.html", view.slug(), lang.code());
        let entry = page(&html, view, lang, &copy, &script, true)?;
        fs::write(dir.join(&name), &entry).map_err(|e| format!("{name}: {e}"))?;
        if view == View::ALL[0] && lang == Lang::En {
            index = Some(page(&html, view, lang, &copy, &script, false)?);
        }
    }
    index.ok_or_else(|| "no copy for the first view".into())
}

/// `html` as the page of `view` in `lang`: its language, title and copy, and the script that
/// checks the copy against the URL. An `entry` (`<view>-<lang>.html`) shows that view in that
/// language where the URL names none; `index.html` the first view in the reader's language. Each
/// has the link preview's tags of its view and language.
fn page(
    html: &str,
    view: View,
    lang: Lang,
    copy: &str,
    script: &str,
    entry: bool,
) -> Result<String, String> {
    let t = strings(lang);
    let code = match lang {
        Lang::En => "en",
        Lang::Zh => "zh-Hans",
    };
    let html = html
        .replacen(
            "<html lang=\"en\">",
            &format!(
                "<html lang=\"{code}\" data-copy-view=\"{}\" data-copy-lang=\"{}\" data-copy-views=\"{}\"{}>",
                view.slug(),
                lang.code(),
                View::ALL.map(View::slug).join(" "),
                if entry { " data-entry" } else { "" }
            ),
            1,
        )
        .replacen(
            "<title>Rare Earth Explorer</title>",
            &format!(
                "<title>{}</title>",
                rare_earth_explorer::html::escape(&format!("{}: {}", t.title, view.name(t)))
            ),
            1,
        )
        // Blocking, and before the body: the copy must not paint where it would be wrong. The
        // link preview is this view's card in this language: a shared link shows what it opens.
        .replacen(
            "</head>",
            &format!(
                "{}  <script src=\"./{script}\"></script>\n</head>",
                static_images::link_preview_tags(view, lang)
            ),
            1,
        );
    let app = "<div id=\"app\"";
    if !html.contains(app) || !html.contains("data-copy-view") {
        return Err("index.html lost its <html lang=\"en\"> or its #app".into());
    }
    Ok(html.replacen(app, &format!("{copy}{app}"), 1))
}

/// Adds the copies' chart boxes to the stylesheet `html` links, under a new name (its content's
/// hash: a cached copy of the old one must not be used with these pages), and links that.
fn with_chart_boxes(dir: &Path, html: &str, rules: &[String]) -> Result<String, String> {
    let at = html
        .find("href=\"./main-")
        .ok_or("index.html links no main-*.css")?;
    let start = at + "href=\"./".len();
    let end = html[start..].find('"').ok_or("unclosed href")? + start;
    let old = &html[start..end];
    let css = fs::read_to_string(dir.join(old)).map_err(|e| format!("{old}: {e}"))?;
    let css = format!(
        "{css}\n/* Chart boxes of the build-time copies (src/copy.rs), written by the build. */\n{}\n",
        rules.join("\n")
    );
    // Every page blocks its first paint on this file, an embed's untouched reader included:
    // in release it goes without its comments and spaces (−1.5 KB brotli, issue #23).
    let css = if crate::split::release() {
        minified_css(&css)
    } else {
        css
    };
    let new = named_by_content("main", "css", &css);
    fs::write(dir.join(&new), &css).map_err(|e| format!("{new}: {e}"))?;
    fs::remove_file(dir.join(old)).map_err(|e| format!("{old}: {e}"))?;
    let html = html.replacen(old, &new, 1);
    crate::split::replace_integrity(&html, &new, css.as_bytes())
}

/// `css` without comments and without the spaces nothing needs: runs of white space become one,
/// and none is kept beside `{ } ; , >`. Strings are left as they are.
fn minified_css(css: &str) -> String {
    const TIGHT: &[char] = &['{', '}', ';', ',', '>'];
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                if space && !out.ends_with(TIGHT) && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                while let Some(s) = chars.next() {
                    out.push(s);
                    if s == '\\' {
                        out.extend(chars.next());
                    } else if s == c {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for s in chars.by_ref() {
                    if last == '*' && s == '/' {
                        break;
                    }
                    last = s;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            c => {
                if space && !out.is_empty() && !out.ends_with(TIGHT) && !TIGHT.contains(&c) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    out
}

fn named_by_content(stem: &str, extension: &str, content: &str) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    content.hash(&mut hasher);
    format!("{stem}-{:016x}.{extension}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::minified_css;

    #[test]
    fn css_keeps_its_meaning_without_comments_and_spaces() {
        let css = "/* a comment */\n.tabs > a:hover,\n.x  :is(b, c) {\n  color: var(--ink);\n  content: \"↓  /* not a comment */ \" / \"\";\n  width: calc(100% - 2rem);\n}\n@media (max-width: 30rem) { .a .b { margin: 0 auto; } }\n";
        assert_eq!(
            minified_css(css),
            ".tabs>a:hover,.x :is(b,c){color: var(--ink);content: \"↓  /* not a comment */ \" / \"\";width: calc(100% - 2rem);}@media (max-width: 30rem){.a .b{margin: 0 auto;}}"
        );
    }
}
