//! The list of what changed in this data, as a page per language (`what-changed.<lang>.html`):
//! where the footer's "What changed" leads before the app runs (the build-time copy) and for
//! readers without JavaScript, and the app's footer too (src/corrections.rs): the views' policy
//! and stylesheet; it runs no script.

use std::{fs, path::Path};

use rare_earth_explorer::corrections::list::page;
use rare_earth_explorer::corrections::page_name;
use rare_earth_explorer::data::dataset;
use rare_earth_explorer::i18n::strings;
use rare_earth_explorer::shell::footer::data_as_of_text;

use crate::static_images::LANGS;

/// Writes the pages into `dir`, with the policy `<meta>` and the stylesheet `<link>` of `html`,
/// the finished `index.html`.
pub fn write(dir: &Path, html: &str) -> Result<(), String> {
    let tag = |start: &str, containing: &str| -> Result<String, String> {
        html.match_indices(start)
            .map(|(at, _)| &html[at..])
            .filter_map(|rest| rest.find('>').map(|end| &rest[..=end]))
            .find(|tag| tag.contains(containing))
            .map(str::to_string)
            .ok_or_else(|| format!("index.html has no {start} with {containing}"))
    };
    // The policy, the stylesheet and the icon of the views' pages (without the icon the browser
    // asks for /favicon.ico, which no host of the build has). `trunk serve` pages carry no policy
    // (its live-reload script is inline, head.rs): the list's page then has none either.
    let policy = tag("<meta http-equiv=", "Content-Security-Policy").unwrap_or_default();
    let head = format!(
        "  <meta charset=\"utf-8\">\n  {policy}\n  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n  {}\n  {}",
        tag("<link ", "rel=\"stylesheet\"")?,
        tag("<link ", "rel=\"icon\"")?,
    );
    let d = dataset();
    for lang in LANGS {
        let name = page_name(lang);
        let text = page(d, lang, &head, &data_as_of_text(lang, strings(lang)));
        fs::write(dir.join(&name), text).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rare_earth_explorer::i18n::Lang;

    #[test]
    fn each_page_lists_the_corrections_under_the_views_policy_and_stylesheet() {
        let dir = std::env::temp_dir().join(format!("ree-what-changed-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("a temporary folder");
        let html = "<head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;self&#39;\">\n<link rel=\"modulepreload\" href=\"./x.js\"><link rel=\"stylesheet\" href=\"./main-1.css\" integrity=\"sha384-x\"/><link rel=\"icon\" type=\"image/svg+xml\" href=\"favicon.svg\"></head>";
        write(&dir, html).expect("written");
        let en = fs::read_to_string(dir.join(page_name(Lang::En))).expect("English page");
        let zh = fs::read_to_string(dir.join(page_name(Lang::Zh))).expect("Chinese page");
        let _ = fs::remove_dir_all(&dir);
        assert!(en.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;self&#39;\">"
        ));
        assert!(
            en.contains("<link rel=\"stylesheet\" href=\"./main-1.css\" integrity=\"sha384-x\"/>")
        );
        assert!(en.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"favicon.svg\">"));
        assert!(
            !en.contains("<script") && !en.contains("modulepreload"),
            "runs nothing"
        );
        assert!(en.contains("Was: 21 Mt. Now: 11 Mt."), "{en}");
        assert!(en.contains("<html lang=\"en\">") && zh.contains("<html lang=\"zh-Hans\">"));
        assert!(zh.contains("原为：2100万吨；现为：1100万吨。"), "{zh}");
        assert!(
            en.contains("href=\"reserves-en.html\"") && zh.contains("href=\"reserves-zh.html\"")
        );
    }
}
