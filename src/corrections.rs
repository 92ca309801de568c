//! What changed in this data: every published figure the latest corrections changed
//! (`data/corrections.csv`, `latest_corrections`), what it was, what it is now, why, and the
//! publications behind the change, in the reader's language. The post-build step writes the list
//! into a page of its own per language (`what-changed.<lang>.html`), which the footer's "What
//! changed (7)" links to, before and after the app runs: no code, rows or texts of it in the wasm.

/// The list itself, built natively: for the post-build step's pages and the copy deck.
#[cfg(not(target_arch = "wasm32"))]
pub mod list;

use crate::data::DATA_CORRECTIONS;
use crate::html::escape;
use crate::i18n::{Lang, Strings};

/// The page of the list for `lang`, beside the views' pages: not `<view>-<lang>.html`, which
/// names a view's page everywhere (the build-time copy's tabs, the size checks).
pub fn page_name(lang: Lang) -> String {
    format!("what-changed.{}.html", lang.code())
}

/// The footer's label: "What changed (6)" / "数据更正（6）"; `None` when no figure was ever
/// corrected, and the footer says nothing.
pub fn label(t: &Strings) -> Option<String> {
    (DATA_CORRECTIONS != "0").then(|| format!("{}{}", t.what_changed, t.paren(DATA_CORRECTIONS)))
}

/// The footer's " · What changed (7)": a link to the list's own page (`page_name`, written by
/// the post-build step), the same before the app runs (the build-time copy) and after; in a frame
/// it opens beside the article, as "Open the full explorer" does. Nothing when no figure was ever
/// corrected. A page of its own rather than a list opened in place: the first download carries
/// no code for it, and readers without JavaScript get the same.
pub fn link_html(lang: Lang, t: &Strings, in_frame: bool) -> String {
    let target = if in_frame {
        " target=\"_blank\" rel=\"noopener\""
    } else {
        ""
    };
    label(t)
        .map(|label| {
            format!(
                "<span class=\"what-changed-item\"> · <a class=\"what-changed\" href=\"{}\"{target}>{}</a></span>",
                page_name(lang),
                escape(&label)
            )
        })
        .unwrap_or_default()
}
