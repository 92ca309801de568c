//! What readers and editors take away: a link to the exact state, the embed snippet, a citation,
//! and the current view as CSV, SVG or PNG. The texts are plain functions (`texts`, `snippet`,
//! tested natively); the buttons here only hand them to the clipboard, a dialog or a file.
//!
//! The newsroom reads the context (the query, the figure being read) and the registry (a view's
//! name, CSV and file name); no view and not the shell.

mod snippet;
pub mod texts;
mod tools;

pub use snippet::{
    embed_url, snippet, EmbedOptions, VersionedLoader, LOADER_META, LOADER_META_SELECTOR, MARK,
};

use leptos::html::Dialog;
use leptos::prelude::*;
use web_sys::MouseEvent;

use crate::components::on_demand::{Loader, Loading, OnDemand, Unavailable};
use crate::context::{base_url, tr, use_ctx, Ctx};
use crate::figure::Figure;
use crate::i18n::{Lang, Strings};
use crate::url::{Page, Warnings};
use crate::views::{url_order, View};

/// The line where an action tells the reader how it went (a polite live region).
#[derive(Clone, Copy)]
struct Status {
    line: RwSignal<String>,
    lang: Memo<Lang>,
}

impl Status {
    fn say(self, pick: fn(&Strings) -> &'static str) {
        let text = pick(crate::i18n::strings(self.lang.get_untracked()));
        self.line.set(text.to_string());
    }

    fn download(self, ok: bool) {
        self.say(if ok {
            |t| t.downloaded
        } else {
            |t| t.download_failed
        });
    }
}

/// What the buttons and the tools behind them share. Plain signals, so it can be handed to the
/// code fetched on demand (`tools`), which runs outside any component.
#[derive(Clone, Copy)]
struct Newsroom {
    ctx: Ctx,
    status: Status,
    embed_dialog: NodeRef<Dialog>,
    cite_dialog: NodeRef<Dialog>,
    embed_open: RwSignal<bool>,
    cite_open: RwSignal<bool>,
}

impl Newsroom {
    /// The view being read.
    fn view(self) -> View {
        let slug = self.ctx.page.with_untracked(|p| p.view);
        View::from_slug(slug).unwrap_or(View::ALL[0])
    }

    /// The figure of the view being read; `None` only before that view is built.
    fn figure(self) -> Option<Memo<Figure>> {
        self.ctx.current_figure()
    }

    /// The address of this exact view for a reader (never the embedded form).
    fn share_url(self) -> String {
        let ctx = self.ctx;
        let mut q = ctx.query.get_untracked();
        let mut page = Page::read(&q, ctx.views, &mut Warnings::default());
        page.embed = false;
        page.tabs = true;
        page.write(&mut q);
        format!("{}{}", base_url(), q.to_search(&url_order()))
    }
}

/// What a button does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Share,
    OpenEmbed,
    OpenCite,
    Csv,
    Png,
    Svg,
}

/// Share, Embed, Cite and Download for the view being read: one set for the page, under the panels.
///
/// The buttons come with the page; what they make (files, dialogs, the snippet and citations) is
/// code most readers never run, so in the release build it is fetched on first use, or just
/// before, when a pointer or the focus reaches the buttons.
#[component]
pub fn Actions() -> impl IntoView {
    let ctx = use_ctx();
    let newsroom = Newsroom {
        ctx,
        status: Status {
            line: RwSignal::new(String::new()),
            lang: ctx.lang,
        },
        embed_dialog: NodeRef::new(),
        cite_dialog: NodeRef::new(),
        embed_open: RwSignal::new(false),
        cite_open: RwSignal::new(false),
    };
    // A dialog is built on its first opening and then kept; one whose code could not be fetched is
    // dropped again, so the next click tries again, and the status line says what happened.
    let (embed_built, cite_built) = (RwSignal::new(false), RwSignal::new(false));
    let failed = move |built: RwSignal<bool>| {
        built.set(false);
        newsroom.status.say(|t| t.load_failed);
    };
    let run = move |action: Action| match action {
        Action::Share => tools::share(newsroom),
        Action::OpenEmbed | Action::OpenCite => {
            let (dialog, open, built) = if action == Action::OpenEmbed {
                (newsroom.embed_dialog, newsroom.embed_open, embed_built)
            } else {
                (newsroom.cite_dialog, newsroom.cite_open, cite_built)
            };
            open.set(true);
            built.set(true);
            // Built before: open it now. Otherwise it opens itself once built.
            if let Some(dialog) = dialog.get_untracked() {
                let _ = dialog.show_modal();
            }
        }
        Action::Csv | Action::Png | Action::Svg => leptos::task::spawn_local(async move {
            if on_demand!(tools::download(action, newsroom)).is_err() {
                newsroom.status.say(|t| t.load_failed);
            }
        }),
    };
    // Every button's handler is this one closure type, so Leptos' event code is compiled once.
    let on = move |action: Action| move |_: MouseEvent| run(action);
    let embed_dialog = Loader::new(move |()| {
        Box::pin(
            async move { on_demand!(tools::embed_dialog(newsroom)).map_err(Unavailable::from) },
        ) as Loading
    });
    let cite_dialog = Loader::new(move |()| {
        Box::pin(async move { on_demand!(tools::cite_dialog(newsroom)).map_err(Unavailable::from) })
            as Loading
    });
    view! {
        <div class="actions" role="group" aria-label=tr(|t| t.actions_label)
            on:pointerover=|_| tools::prefetch() on:focusin=|_| tools::prefetch()>
            <button type="button" on:click=on(Action::Share)>{tr(|t| t.share)}</button>
            <button type="button" on:click=on(Action::OpenEmbed)>{tr(|t| t.embed)}</button>
            <button type="button" on:click=on(Action::OpenCite)>{tr(|t| t.cite)}</button>
            <button type="button" class="download" on:click=on(Action::Csv)>{tr(|t| t.download_csv)}</button>
            <button type="button" class="download" on:click=on(Action::Png)>{tr(|t| t.download_png)}</button>
            <button type="button" class="download" on:click=on(Action::Svg)>{tr(|t| t.download_svg)}</button>
            <p class="status" role="status">{move || newsroom.status.line.get()}</p>
        </div>
        <Show when=move || embed_built.get()>
            <OnDemand load=embed_dialog height=0 failed=|t| t.load_failed
                on_failure=move || failed(embed_built) />
        </Show>
        <Show when=move || cite_built.get()>
            <OnDemand load=cite_dialog height=0 failed=|t| t.load_failed
                on_failure=move || failed(cite_built) />
        </Show>
    }
}
