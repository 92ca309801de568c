//! What every page says in its head before anything loads: the Content-Security-Policy as a
//! `<meta>`, for hosts that do not send `_headers`, and the names of the files the build names by
//! their content that the wasm fetches or writes into snippets (the rows file, the versioned
//! loader), which it cannot know when it is compiled. The pages are no-cache, so what they name is
//! always this build's. Also the 404 page, so that hosts which answer unknown addresses with
//! `index.html` when a site has none (Cloudflare Pages) answer them with a 404.

use std::{fs, path::Path};

use rare_earth_explorer::data::ROWS_META;
use rare_earth_explorer::html::escape;
use rare_earth_explorer::i18n::{EN, ZH};
use rare_earth_explorer::newsroom::LOADER_META;

use crate::loader::Loader;

/// Where the meta tags go: first in the head, so the policy covers every tag after it.
const CHARSET: &str = "<meta charset=\"utf-8\">";

/// Directives a `<meta>` policy cannot carry (the browser ignores them there, with a console
/// warning): whoever may frame the page, where to report, sandboxing. Only the header sends them.
const HEADER_ONLY: [&str; 4] = ["frame-ancestors", "report-uri", "report-to", "sandbox"];

/// The policy of `_headers` (its `Content-Security-Policy:` line, one for every path) less what
/// a `<meta>` cannot carry.
pub fn meta_policy(headers: &str) -> Result<String, String> {
    let line = headers
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Content-Security-Policy:"))
        .collect::<Vec<_>>();
    let [policy] = line[..] else {
        return Err(format!(
            "_headers has {} Content-Security-Policy lines, not one",
            line.len()
        ));
    };
    let kept: Vec<&str> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .filter(|d| {
            !HEADER_ONLY
                .iter()
                .any(|h| d.split_whitespace().next() == Some(h))
        })
        .collect();
    Ok(kept.join("; "))
}

/// `html` with the policy and the files' names after its `<meta charset>`; writes `404.html` with the
/// same policy. Pages Trunk serves with
/// its live-reload script (`trunk serve`, an inline script no policy here allows) get no policy:
/// a built `dist/` always has it.
pub fn write(
    dir: &Path,
    html: &str,
    rows: Option<&str>,
    loader: &Loader,
) -> Result<String, String> {
    let headers_path = dir.join("_headers");
    let headers = fs::read_to_string(&headers_path).map_err(|e| {
        format!(
            "{}: {e} (index.html copies public/_headers into the build)",
            headers_path.display()
        )
    })?;
    let policy = meta_policy(&headers)?;
    let mut tags = String::new();
    if html.contains(".well-known/trunk/ws") {
        eprintln!("postbuild: note: Trunk's live-reload script is in the page: no policy <meta>");
    } else {
        tags.push_str(&policy_tag(&policy));
    }
    if let Some(rows) = rows {
        tags.push_str(&format!(
            "\n  <meta name=\"{ROWS_META}\" content=\"{}\">",
            escape(rows)
        ));
    }
    tags.push_str(&format!(
        "\n  <meta name=\"{LOADER_META}\" content=\"{} {}\">",
        escape(&loader.name),
        escape(&loader.integrity)
    ));
    if !html.contains(CHARSET) {
        return Err(format!("index.html lost its {CHARSET}"));
    }
    fs::write(dir.join("404.html"), not_found(&policy)).map_err(|e| format!("404.html: {e}"))?;
    Ok(html.replacen(CHARSET, &format!("{CHARSET}\n  {tags}"), 1))
}

fn policy_tag(policy: &str) -> String {
    format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        escape(policy)
    )
}

/// The page for an address the build has no file for, in both languages. Served at any depth, it
/// loads nothing (no stylesheet: its address would be relative to a folder that may not exist), and
/// its one link goes to the folder it was asked for, which is the explorer's wherever a host uses
/// the nearest 404 page.
fn not_found(policy: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  {CHARSET}\n  {}\n  \
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n  \
<meta name=\"robots\" content=\"noindex\">\n  <title>Page not found · {}</title>\n</head>\n<body>\n  \
<h1>Page not found</h1>\n  <p>There is no page of the {} at this address. <a href=\"./\">Open the {}</a></p>\n  \
<div lang=\"zh-Hans\">\n  <h2>找不到此页面</h2>\n  <p>此地址没有{}的页面。<a href=\"./\">打开{}</a></p>\n  </div>\n</body>\n</html>\n",
        policy_tag(policy),
        escape(EN.title),
        escape(EN.title),
        escape(EN.title),
        escape(ZH.title),
        escape(ZH.title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meta_policy_is_the_headers_less_what_a_meta_cannot_carry() {
        let headers = "# comment\n/*\n  Content-Security-Policy: default-src 'self'; base-uri 'none'; frame-ancestors *; report-uri /r\n  X-Content-Type-Options: nosniff\n";
        assert_eq!(
            meta_policy(headers).unwrap(),
            "default-src 'self'; base-uri 'none'"
        );
        let built = include_str!("../../../public/_headers");
        let policy = meta_policy(built).unwrap();
        for directive in ["base-uri 'none'", "object-src 'none'", "form-action 'none'"] {
            assert!(policy.contains(directive), "{policy}");
        }
        assert!(!policy.contains("frame-ancestors"), "{policy}");
    }

    #[test]
    fn the_wasm_looks_for_the_meta_tags_written_here() {
        use rare_earth_explorer::data::ROWS_META_SELECTOR;
        use rare_earth_explorer::newsroom::LOADER_META_SELECTOR;
        assert_eq!(ROWS_META_SELECTOR, format!("meta[name={ROWS_META}]"));
        assert_eq!(LOADER_META_SELECTOR, format!("meta[name={LOADER_META}]"));
    }

    #[test]
    fn headers_without_one_policy_fail_the_build() {
        assert!(meta_policy("/*\n  X-Frame-Options: DENY\n").is_err());
        let two = "/*\n  Content-Security-Policy: a\n/x\n  Content-Security-Policy: b\n";
        assert!(meta_policy(two).is_err());
    }

    #[test]
    fn the_404_page_has_the_policy_and_loads_nothing() {
        let page = not_found("default-src 'self'");
        assert!(page.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;self&#39;\">"
        ));
        assert!(!page.contains("<script") && !page.contains("<link"));
        assert!(page.contains("Page not found") && page.contains("找不到此页面"));
    }
}
