//! What every part of the page below the shell may read: the reader's choices (the URL's query),
//! the language and palette that follow from them, the chart width, and the figures the views
//! show (for the newsroom). The shell provides it; this module imports no view, no component and
//! not the shell, so anything can read it without a circle of imports.

use leptos::prelude::*;

use crate::charts::Palette;
use crate::figure::Figure;
use crate::i18n::{strings, Lang, Strings};
use crate::url::{Page, Params, Query, Warnings};

#[derive(Clone, Copy)]
pub struct Ctx {
    /// Every control's state: the URL's query, canonical (known keys only, defaults left out).
    pub query: RwSignal<Query>,
    /// The views' URL names, in tab order: what `page.view` may be.
    pub views: &'static [&'static str],
    /// The page's own parameters: view, chart or table, theme, language, embedding.
    pub page: Memo<Page>,
    pub lang: Memo<Lang>,
    pub palette: Memo<Palette>,
    /// Bumped on every window resize, so charts re-measure their container.
    pub resized: RwSignal<u32>,
    /// The last measured chart width: a new view draws at it at once instead of drawing twice.
    pub chart_width: RwSignal<u32>,
    /// Each built view's figure, by the view's URL name: what Share, Cite and Download act on.
    pub figures: RwSignal<Vec<(&'static str, Memo<Figure>)>>,
}

impl Ctx {
    pub fn strings(&self) -> &'static Strings {
        strings(self.lang.get())
    }

    /// A part's own parameters, read from the URL, as a memo: a control of another part (or the
    /// chart/table switch) recomputes nothing that depends on these. What the first reading leaves
    /// out (a value the part does not know) goes to the console, as the shell's own warnings do.
    pub fn params<P>(&self) -> Memo<P>
    where
        P: Params + Clone + PartialEq + Send + Sync + 'static,
    {
        let query = self.query;
        Memo::new(move |before: Option<&P>| {
            let mut warnings = Warnings::default();
            let params = query.with(|q| P::read(q, &mut warnings));
            if before.is_none() {
                for w in warnings.0 {
                    leptos::logging::warn!("Rare Earth Explorer: {w}");
                }
            }
            params
        })
    }

    /// Changes a part's parameters; the shell writes the URL.
    pub fn edit<P: Params>(&self, change: impl FnOnce(&mut P)) {
        self.query.update(|q| {
            let mut params = P::read(q, &mut Warnings::default());
            change(&mut params);
            params.write(q);
        });
    }

    /// Changes the page's own parameters.
    pub fn edit_page(&self, change: impl FnOnce(&mut Page)) {
        let views = self.views;
        self.query.update(|q| {
            let mut page = Page::read(q, views, &mut Warnings::default());
            change(&mut page);
            page.write(q);
        });
    }

    /// A view offers its figure to Share, Cite and Download, which act on the view being read.
    /// Once: a view is built once and then kept.
    pub fn show_figure(&self, view: &'static str, figure: Memo<Figure>) {
        self.figures.update(|all| all.push((view, figure)));
    }

    /// The figure of the view being read; `None` before that view is built.
    pub fn current_figure(&self) -> Option<Memo<Figure>> {
        let view = self.page.with(|p| p.view);
        self.figures
            .with(|all| all.iter().find(|(v, _)| *v == view).map(|(_, f)| *f))
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// A text of the catalogue that follows the reader's language: `{tr(|t| t.share)}`.
///
/// Every use returns the same closure type, so Leptos' reactive-text code is compiled once for all
/// of them; a `move || ctx.strings().share` at each site compiled it once per string.
pub fn tr(pick: fn(&Strings) -> &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync {
    let lang = use_ctx().lang;
    move || pick(strings(lang.get()))
}

/// The content of the page's `<meta>` that `selector` picks (`meta[name=…]`): what the build wrote
/// there (src/bin/postbuild/head.rs), the names of the files it names by their content after the
/// wasm is compiled.
pub fn page_meta(selector: &str) -> Option<String> {
    document()
        .query_selector(selector)
        .ok()??
        .get_attribute("content")
}

/// Where the explorer is served, without query: the base of every link and snippet.
pub fn base_url() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}
