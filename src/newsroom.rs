//! What readers and editors take away: a link to the exact state, the embed snippet, a citation, and
//! the current view as CSV, SVG or PNG. The texts are built by plain functions (tested natively);
//! the component only moves them to the clipboard, a dialog or a file.

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};
use web_sys::{Event, MouseEvent};

use crate::app::{tr, use_ctx, Ctx};
use crate::data::Dataset;
use crate::embed::{base_url, snippet, EmbedOptions};
use crate::html::escape;
use crate::i18n::{fill, Strings};
use crate::state::{Lang, Theme, UrlState, View};
use crate::views::{Csv, Figure};

/// A file name that says what it holds: `rare-earth-reserves-usgs-mcs2025-share`.
pub fn file_stem(d: &Dataset, state: &UrlState) -> String {
    match state.view {
        View::Reserves => {
            let edition = crate::views::reserves::edition(d, state);
            let measure = match state.measure {
                crate::state::ReservesMeasure::Tonnes => "tonnes",
                crate::state::ReservesMeasure::Share => "share",
                crate::state::ReservesMeasure::Years => "years-of-supply",
            };
            format!("rare-earth-reserves-usgs-mcs{edition}-{measure}")
        }
        View::Discoveries => {
            let mut stem = "rare-earth-discoveries".to_string();
            if let Some(c) = &state.country {
                stem.push('-');
                stem.push_str(&slug(c));
            }
            if let Some((name, _)) = state
                .basis
                .and_then(|b| crate::state::BASES.iter().find(|(_, v)| *v == b))
            {
                stem.push('-');
                stem.push_str(name);
            }
            stem
        }
        View::Quotas => {
            let (from, to) = crate::views::quotas::year_span(d, state);
            let kind = if state.quotas == crate::state::QuotaBreakdown::Batches {
                "-batches"
            } else {
                ""
            };
            format!("china-rare-earth-quotas-{from}-{to}{kind}")
        }
        View::Exports => {
            let measure = match state.exports {
                crate::state::ExportsMeasure::Volume => "volume",
                crate::state::ExportsMeasure::Value => "value",
                crate::state::ExportsMeasure::UnitValue => "unit-value",
            };
            format!("china-rare-earth-exports-{measure}")
        }
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// CSV for spreadsheets: a byte-order mark (Excel reads UTF-8 only with it), a comment line with
/// the licence and sources, a header row and the exact figures.
pub fn csv_text(csv: &Csv, t: &Strings, url: &str) -> String {
    let mut out = String::from("\u{feff}");
    // The comment line is written as is (never quoted), so tools that skip `#` lines skip it.
    let comment = fill(t.csv_comment, &[("url", url)]).replace(['\r', '\n'], " ");
    out.push_str(&comment);
    out.push_str("\r\n");
    out.push_str(&csv_line(&csv.header));
    for row in &csv.rows {
        out.push_str(&csv_line(row));
    }
    out
}

fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

/// The words around an exported chart.
pub struct Caption<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub source: &'a str,
    pub url: &'a str,
}

/// The chart as a standalone SVG with its title above and the source line and address below, so a
/// downloaded image still says what it shows and where it comes from. Long lines wrap: a subtitle
/// cut off at the edge would change what it says. Returns the markup and its total height.
pub fn export_svg(
    chart_svg: &str,
    width: u32,
    height: u32,
    caption: &Caption,
    dark: bool,
) -> (String, u32) {
    let Caption {
        title,
        summary,
        source,
        url,
    } = *caption;
    let (bg, ink, muted) = if dark {
        ("#16181b", "#e8eaed", "#a8b0ba")
    } else {
        ("#ffffff", "#1f2328", "#596069")
    };
    let max = width as i32 - 16;
    let lines = |text: &str, px: f64, y0: u32, step: u32, size: &str, fill: &str, weight: &str| {
        crate::charts::wrap(text, px, max)
            .iter()
            .enumerate()
            .map(|(i, l)| {
                format!(
                    "<text x=\"8\" y=\"{}\" font-size=\"{size}\"{weight} fill=\"{fill}\">{}</text>",
                    y0 + i as u32 * step,
                    escape(l)
                )
            })
            .collect::<Vec<_>>()
    };
    let title_lines = lines(
        title,
        17.0 * 1.1,
        22,
        22,
        "17",
        ink,
        " font-weight=\"bold\"",
    );
    let summary_top = 22 * title_lines.len() as u32 + 22;
    let summary_lines = lines(summary, 12.0, summary_top, 16, "12", muted, "");
    let head = summary_top + 16 * summary_lines.len() as u32 - 4;
    let source_lines = lines(source, 11.0, height + head + 18, 15, "11", muted, "");
    let url_top = height + head + 18 + 15 * source_lines.len() as u32;
    let url_lines = if url.is_empty() {
        Vec::new()
    } else {
        lines(url, 11.0, url_top, 15, "11", muted, "")
    };
    let total = url_top + 15 * url_lines.len() as u32 + 4;
    // The chart's own <svg> nests fine inside ours once placed with x/y.
    let inner = chart_svg.replacen("<svg ", &format!("<svg x=\"0\" y=\"{head}\" "), 1);
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{total}\" viewBox=\"0 0 {width} {total}\" font-family=\"sans-serif\">\
<rect width=\"100%\" height=\"100%\" fill=\"{bg}\"/>{}{}{inner}{}{}</svg>",
        title_lines.concat(),
        summary_lines.concat(),
        source_lines.concat(),
        url_lines.concat(),
    );
    (svg, total)
}

/// A short and a long citation of the current view, dated `accessed` (YYYY-MM-DD).
pub fn citations(
    figure: &Figure,
    view_name: &str,
    url: &str,
    accessed: &str,
    t: &Strings,
) -> (String, String) {
    let short = fill(
        t.cite_short,
        &[("view", view_name), ("url", url), ("date", accessed)],
    );
    let sources: Vec<String> = figure
        .sources
        .iter()
        .map(|s| format!("{}, \u{201c}{}\u{201d} ({})", s.publisher, s.title, s.date))
        .collect();
    let long = fill(
        t.cite_long,
        &[
            ("view", view_name),
            ("url", url),
            ("date", accessed),
            ("sources", &sources.join("; ")),
        ],
    );
    (short, long)
}

/// The line under every exported chart.
pub fn source_line(figure: &Figure, t: &Strings) -> String {
    let publishers: Vec<&str> =
        figure
            .sources
            .iter()
            .map(|s| s.publisher)
            .fold(Vec::new(), |mut v, p| {
                if !v.contains(&p) {
                    v.push(p);
                }
                v
            });
    fill(t.source_line, &[("sources", &publishers.join(", "))])
}

fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// Saves `content` as a file through a temporary link. Returns false where the browser refuses
/// (a sandboxed frame without downloads, for instance).
fn save(name: &str, content: &JsValue, mime: &str) -> bool {
    let parts = js_sys::Array::of1(content);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    save_blob(name, &blob)
}

fn save_blob(name: &str, blob: &web_sys::Blob) -> bool {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return false;
    };
    let done = (|| {
        let a: web_sys::HtmlAnchorElement = document().create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        Some(())
    })()
    .is_some();
    let _ = web_sys::Url::revoke_object_url(&url);
    done
}

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

/// Draws the export SVG on a canvas at twice its size (sharp on high-density screens and in print)
/// and saves it as PNG; `status` tells the reader whether it worked.
fn save_png(name: String, svg: String, width: u32, height: u32, status: Status) {
    let result = (|| -> Option<()> {
        let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("image/svg+xml");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let src = url.clone();
        let image = web_sys::HtmlImageElement::new().ok()?;
        let img = image.clone();
        let onload = Closure::once(move || {
            let ok = (|| -> Option<()> {
                let canvas: web_sys::HtmlCanvasElement =
                    document().create_element("canvas").ok()?.dyn_into().ok()?;
                canvas.set_width(width * 2);
                canvas.set_height(height * 2);
                let ctx: web_sys::CanvasRenderingContext2d =
                    canvas.get_context("2d").ok()??.dyn_into().ok()?;
                ctx.scale(2.0, 2.0).ok()?;
                ctx.draw_image_with_html_image_element(&img, 0.0, 0.0)
                    .ok()?;
                let data = canvas.to_data_url_with_type("image/png").ok()?;
                let a: web_sys::HtmlAnchorElement =
                    document().create_element("a").ok()?.dyn_into().ok()?;
                a.set_href(&data);
                a.set_download(&name);
                a.click();
                Some(())
            })()
            .is_some();
            let _ = web_sys::Url::revoke_object_url(&url);
            status.download(ok);
        });
        let onerror = Closure::once(move || status.download(false));
        image.set_onload(Some(onload.as_ref().unchecked_ref()));
        image.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        onload.forget();
        onerror.forget();
        image.set_src(&src);
        Some(())
    })();
    if result.is_none() {
        // Nothing was started: say so at once.
        status.download(false);
    }
}

/// Copies text and tells the reader with `copied`, or that it failed: the clipboard is missing on
/// insecure origins and in some sandboxed frames.
fn copy(text: String, copied: fn(&Strings) -> &'static str, status: Status) {
    let navigator = window().navigator();
    // `navigator.clipboard` is undefined on insecure origins: calling it would throw.
    let available =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| c.is_object());
    if !available {
        status.say(|t| t.copy_failed);
        return;
    }
    let promise = navigator.clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        status.say(if ok { copied } else { |t| t.copy_failed });
    });
}

/// Offers a view's figure to Share, Embed, Cite and Download, which act on the view being read.
pub fn offer(view: View, figure: Memo<Figure>) {
    use_ctx()
        .figures
        .update(|all| all[view.index()] = Some(figure));
}

/// What the buttons and the code behind them share. Plain signals, so it can be handed to the code
/// fetched on demand (`kit`), which runs outside any component.
#[derive(Clone, Copy)]
struct Kit {
    ctx: Ctx,
    status: Status,
    embed_dialog: NodeRef<Dialog>,
    cite_dialog: NodeRef<Dialog>,
    embed_open: RwSignal<bool>,
    cite_open: RwSignal<bool>,
}

impl Kit {
    /// The figure of the view being read; `None` only before that view is built.
    fn figure(self) -> Option<Memo<Figure>> {
        let i = self.ctx.state.with(|s| s.view.index());
        self.ctx.figures.with(|all| all[i])
    }

    /// The address of this exact view for a reader (never the embedded form).
    fn share_url(self) -> String {
        let query = self.ctx.state.with(|s| {
            UrlState {
                embed: false,
                tabs: true,
                ..s.clone()
            }
            .to_query()
        });
        format!("{}{query}", base_url())
    }

    fn share(self) {
        let url = self.share_url();
        let navigator = window().navigator();
        // The Web Share API where the browser has it (phones), the clipboard otherwise.
        let has_share = js_sys::Reflect::has(&navigator, &"share".into()).unwrap_or(false);
        if !has_share {
            return copy(url, |t| t.link_copied, self.status);
        }
        let data = web_sys::ShareData::new();
        data.set_url(&url);
        data.set_title(self.ctx.strings().title);
        let promise = navigator.share_with_data(&data);
        let status = self.status;
        leptos::task::spawn_local(async move {
            // A refused or failed share falls back to copying the link.
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                copy(url, |t| t.link_copied, status);
            }
        });
    }
}

/// Share, Embed, Cite and Download for the view being read: one set for the page, under the panels.
///
/// The buttons come with the page; what they make (files, dialogs, the snippet and citations) is
/// code most readers never run, so in the release build it is fetched on first use (`kit`), or
/// just before, when a pointer or the focus reaches the buttons.
#[component]
pub fn Actions() -> impl IntoView {
    let ctx = use_ctx();
    let kit = Kit {
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
    // dropped again, so the next click tries again.
    let (embed_built, cite_built) = (RwSignal::new(false), RwSignal::new(false));
    let failed = move |built: RwSignal<bool>| {
        built.set(false);
        kit.status.say(|t| t.load_failed);
        ().into_any()
    };
    let run = move |act: Act| match act {
        Act::Share => kit.share(),
        Act::OpenEmbed | Act::OpenCite => {
            let (dialog, open, built) = if act == Act::OpenEmbed {
                (kit.embed_dialog, kit.embed_open, embed_built)
            } else {
                (kit.cite_dialog, kit.cite_open, cite_built)
            };
            open.set(true);
            built.set(true);
            // Built before: open it now. Otherwise it opens itself once built (`kit::opened`).
            if let Some(dialog) = dialog.get_untracked() {
                let _ = dialog.show_modal();
            }
        }
        Act::Csv | Act::Png | Act::Svg => leptos::task::spawn_local(async move {
            if on_demand!(kit::download(act, kit)).is_err() {
                kit.status.say(|t| t.load_failed);
            }
        }),
    };
    // Every button's handler is this one closure type, so Leptos' event code is compiled once.
    let on = move |act: Act| move |_: MouseEvent| run(act);
    view! {
        <div class="actions" role="group" aria-label=tr(|t| t.actions_label)
            on:pointerover=|_| kit::preload() on:focusin=|_| kit::preload()>
            <button type="button" on:click=on(Act::Share)>{tr(|t| t.share)}</button>
            <button type="button" on:click=on(Act::OpenEmbed)>{tr(|t| t.embed)}</button>
            <button type="button" on:click=on(Act::OpenCite)>{tr(|t| t.cite)}</button>
            <button type="button" class="download" on:click=on(Act::Csv)>{tr(|t| t.download_csv)}</button>
            <button type="button" class="download" on:click=on(Act::Png)>{tr(|t| t.download_png)}</button>
            <button type="button" class="download" on:click=on(Act::Svg)>{tr(|t| t.download_svg)}</button>
            <p class="status" role="status">{move || kit.status.line.get()}</p>
        </div>
        <Show when=move || embed_built.get()>
            {move || Suspend::new(async move {
                on_demand!(kit::embed_dialog(kit)).unwrap_or_else(|_| failed(embed_built))
            })}
        </Show>
        <Show when=move || cite_built.get()>
            {move || Suspend::new(async move {
                on_demand!(kit::cite_dialog(kit)).unwrap_or_else(|_| failed(cite_built))
            })}
        </Show>
    }
}

/// What a button of the newsroom kit does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Act {
    Share,
    OpenEmbed,
    OpenCite,
    Csv,
    Png,
    Svg,
}

/// The code behind the buttons. In the release build (feature `split`) it is cut out of the first
/// download and fetched on first use (src/bin/postbuild.rs splits the wasm at these functions);
/// without the split the same functions are called directly.
mod kit {
    use super::*;
    use leptos::wasm_split::SplitLoaderError;

    /// Starts fetching the code ahead of a click, once; a failure is left to the click to report.
    pub fn preload() {
        #[cfg(feature = "split")]
        {
            use std::sync::atomic::{AtomicBool, Ordering};
            static STARTED: AtomicBool = AtomicBool::new(false);
            if !STARTED.swap(true, Ordering::Relaxed) {
                leptos::task::spawn_local(async {
                    let _ = load_ahead().await;
                });
            }
        }
    }

    /// Opens `dialog` as soon as it is in the page, if the reader asked for it meanwhile.
    fn opened(dialog: NodeRef<Dialog>, open: RwSignal<bool>) {
        Effect::new(move |_| {
            if let Some(dialog) = dialog.get() {
                if open.get_untracked() {
                    let _ = dialog.show_modal();
                }
            }
        });
    }

    /// A download: the file is made from the figure being read and saved; the status line says
    /// whether it worked.
    fn make_file(act: Act, kit: Kit) {
        let ctx = kit.ctx;
        let t = ctx.strings();
        let d = crate::data::whole();
        let file_name =
            |extension: &str| format!("{}.{extension}", ctx.state.with(|s| file_stem(d, s)));
        let export = || {
            let palette = ctx.palette.get_untracked();
            let dark = palette == crate::charts::DARK;
            let width = 760;
            let figure = kit.figure()?;
            let drawn = figure.with(|f| f.draw(width, &palette, None, ctx.lang.get_untracked()));
            let svg = figure.with(|f| {
                let (source, url) = (source_line(f, t), kit.share_url());
                let caption = Caption {
                    title: t.title,
                    summary: &f.summary,
                    source: &source,
                    url: &url,
                };
                export_svg(&drawn.svg, width, drawn.height, &caption, dark)
            });
            Some((svg.0, width, svg.1))
        };
        let status = kit.status;
        match act {
            Act::Csv => {
                // The figures of the view being read, once that view is there.
                let text = kit.figure().map(|_| {
                    let csv = ctx.state.with_untracked(|s| crate::views::csv(d, s));
                    csv_text(&csv, t, &kit.share_url())
                });
                let mime = "text/csv;charset=utf-8";
                status
                    .download(text.is_some_and(|text| save(&file_name("csv"), &text.into(), mime)));
            }
            Act::Svg => {
                let svg = export().map(|(svg, _, _)| svg);
                let mime = "image/svg+xml";
                status.download(svg.is_some_and(|svg| save(&file_name("svg"), &svg.into(), mime)));
            }
            _ => match export() {
                Some((svg, w, h)) => save_png(file_name("png"), svg, w, h, status),
                None => status.download(false),
            },
        }
    }

    fn make_embed_dialog(kit: Kit) -> AnyView {
        let ctx = kit.ctx;
        let (dialog, open) = (kit.embed_dialog, kit.embed_open);
        let lock_view = RwSignal::new(true);
        let embed_theme = RwSignal::new(Theme::Auto);
        let embed_lang = RwSignal::new(None::<Lang>);
        let snippet_text = move || {
            let state = ctx.state.with(|s| UrlState {
                theme: embed_theme.get(),
                lang: embed_lang.get(),
                ..s.clone()
            });
            let options = EmbedOptions {
                state,
                lock_view: lock_view.get(),
            };
            snippet(&base_url(), &options, ctx.strings().title)
        };
        // A closed dialog's text is not kept up to date: every change of state would recompute it.
        let code = Memo::new(move |_| {
            if open.get() {
                snippet_text()
            } else {
                String::new()
            }
        });
        // The embed options in one handler: the changed control says which option it is.
        let option = move |ev: Event| {
            let id = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let value = event_target_value(&ev);
            match id.map(|el| el.id()).as_deref() {
                Some("embed-lock") => lock_view.set(event_target_checked(&ev)),
                Some("embed-theme") => embed_theme.set(match value.as_str() {
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    _ => Theme::Auto,
                }),
                _ => embed_lang.set(match value.as_str() {
                    "en" => Some(Lang::En),
                    "zh" => Some(Lang::Zh),
                    _ => None,
                }),
            }
        };
        let status = kit.status;
        view! {
            <KitDialog dialog=dialog open=open status=status id="embed-title" title=|t| t.embed_title
                copy_label=|t| t.copy_code
                copy=move || copy(code.get_untracked(), |t| t.code_copied, status)>
                <p>{tr(|t| t.embed_intro)}</p>
                <div class="controls" on:change=option>
                    <label class="check"><input type="checkbox" id="embed-lock" prop:checked=move || lock_view.get() />
                        {tr(|t| t.embed_lock)}</label>
                    <label class="control" for="embed-theme"><span class="control-label">{tr(|t| t.theme)}</span>
                        <select id="embed-theme">
                            <option value="auto">{tr(|t| t.theme_auto)}</option>
                            <option value="light">{tr(|t| t.theme_light)}</option>
                            <option value="dark">{tr(|t| t.theme_dark)}</option>
                        </select></label>
                    <label class="control" for="embed-lang"><span class="control-label">{tr(|t| t.language)}</span>
                        <select id="embed-lang">
                            <option value="">{tr(|t| t.lang_reader)}</option>
                            <option value="en">"English"</option>
                            <option value="zh">"中文"</option>
                        </select></label>
                </div>
                <label for="embed-code" class="control-label">{tr(|t| t.embed_code)}</label>
                <textarea id="embed-code" readonly rows="6" prop:value=move || code.get()></textarea>
            </KitDialog>
        }
        .into_any()
    }

    fn make_cite_dialog(kit: Kit) -> AnyView {
        let ctx = kit.ctx;
        let (dialog, open) = (kit.cite_dialog, kit.cite_open);
        let citation = Memo::new(move |_| {
            if !open.get() {
                return (String::new(), String::new());
            }
            let t = ctx.strings();
            let view = ctx.state.with(|s| s.view);
            kit.figure()
                .map(|m| m.with(|f| citations(f, t.view_name(view), &kit.share_url(), &today(), t)))
                .unwrap_or_default()
        });
        let status = kit.status;
        let copy_long = move || {
            let long = citation.with_untracked(|c| c.1.clone());
            copy(long, |t| t.citation_copied, status)
        };
        view! {
            <KitDialog dialog=dialog open=open status=status id="cite-title" title=|t| t.cite_title
                copy_label=|t| t.copy_citation copy=copy_long>
                <h3>{tr(|t| t.cite_short_label)}</h3>
                <p class="citation">{move || citation.with(|c| c.0.clone())}</p>
                <h3>{tr(|t| t.cite_long_label)}</h3>
                <p class="citation">{move || citation.with(|c| c.1.clone())}</p>
            </KitDialog>
        }
        .into_any()
    }

    /// What the Embed and Cite dialogs share: the modal itself, its title, Copy and Close, and the
    /// status line (the page's one is behind the modal's backdrop). It opens itself once built.
    #[component]
    fn KitDialog(
        dialog: NodeRef<Dialog>,
        open: RwSignal<bool>,
        status: Status,
        id: &'static str,
        title: fn(&Strings) -> &'static str,
        copy_label: fn(&Strings) -> &'static str,
        copy: impl Fn() + 'static,
        children: Children,
    ) -> impl IntoView {
        opened(dialog, open);
        let close = move |_: MouseEvent| {
            if let Some(dialog) = dialog.get_untracked() {
                dialog.close();
            }
        };
        view! {
            <dialog node_ref=dialog class="dialog" aria-labelledby=id on:close=move |_| open.set(false)>
                <h2 id=id>{tr(title)}</h2>
                {children()}
                <div class="dialog-buttons">
                    <button type="button" on:click=move |_| copy()>{tr(copy_label)}</button>
                    <button type="button" on:click=close>{tr(|t| t.close)}</button>
                </div>
                <p class="status" role="status">{move || status.line.get()}</p>
            </dialog>
        }
    }

    // The entry points the wasm is split at, all three into one chunk.

    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(newsroom, fallible, preload(load_ahead), wasm_split_path = ::leptos::wasm_split))]
    pub fn download(act: Act, kit: Kit) -> Result<(), SplitLoaderError> {
        make_file(act, kit);
        Ok(())
    }

    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(newsroom, fallible, wasm_split_path = ::leptos::wasm_split))]
    pub fn embed_dialog(kit: Kit) -> Result<AnyView, SplitLoaderError> {
        Ok(make_embed_dialog(kit))
    }

    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(newsroom, fallible, wasm_split_path = ::leptos::wasm_split))]
    pub fn cite_dialog(kit: Kit) -> Result<AnyView, SplitLoaderError> {
        Ok(make_cite_dialog(kit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset;
    use crate::i18n::EN;

    #[test]
    fn file_names_say_what_they_hold() {
        let d = dataset();
        let name = |q: &str| file_stem(d, &UrlState::from_query(q).0);
        assert_eq!(
            name("?view=reserves&edition=2025"),
            "rare-earth-reserves-usgs-mcs2025-tonnes"
        );
        assert_eq!(
            name("?view=discoveries&country=Burma (Myanmar)&basis=resource"),
            "rare-earth-discoveries-burma-myanmar-resource"
        );
        assert_eq!(
            name("?view=quotas&quota=batches&from=2019&to=2024"),
            "china-rare-earth-quotas-2019-2024-batches"
        );
        assert_eq!(
            name("?view=exports&show=unit-value"),
            "china-rare-earth-exports-unit-value"
        );
    }

    #[test]
    fn csv_has_a_bom_a_licence_line_a_header_and_quoted_cells() {
        let csv = Csv {
            header: vec!["country".into(), "note".into()],
            rows: vec![vec!["China".into(), "a, \"b\"".into()]],
        };
        let text = csv_text(&csv, &EN, "https://example.org/?view=reserves");
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[0]
            .starts_with("\u{feff}# Rare Earth Explorer, https://example.org/?view=reserves"));
        assert_eq!(lines[1], "country,note");
        assert_eq!(lines[2], "China,\"a, \"\"b\"\"\"");
    }

    #[test]
    fn exported_svg_carries_title_source_and_address() {
        let caption = Caption {
            title: "T & T",
            summary: "S",
            source: "Source: USGS",
            url: "https://x/?a=1&b=2",
        };
        let (svg, height) = export_svg(
            "<svg width=\"10\" height=\"10\"></svg>",
            200,
            10,
            &caption,
            false,
        );
        assert!(
            svg.contains(">T &amp; T</text>")
                && svg.contains("Source: USGS")
                && svg.contains("a=1&amp;b=2")
        );
        assert!(svg.contains("<svg x=\"0\" y=\"56\" width=\"10\""));
        assert!(svg.contains(&format!("height=\"{height}\"")));
    }

    #[test]
    fn a_long_subtitle_wraps_instead_of_running_off_the_image() {
        let summary = "China set its 2024 rare earth mining quota at 270,000 t in 2 batches (135,000 t + 135,000 t), +5.9 % on 2023.";
        let lines = crate::charts::wrap(summary, 12.0, 400);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), summary, "no word lost");
        assert!(lines
            .iter()
            .all(|l| crate::charts::text_width(l, 12.0) <= 400));
        let zh = crate::charts::wrap("中国2024年稀土开采总量控制指标为270,000 吨，分2批下达（135,000 吨 + 135,000 吨），较2023年增长5.9%。", 12.0, 200);
        assert!(
            zh.len() >= 2 && zh.iter().all(|l| crate::charts::text_width(l, 12.0) <= 200),
            "{zh:?}"
        );
    }

    #[test]
    fn citations_name_the_view_the_sources_and_the_date() {
        let f = crate::views::reserves::figure(
            dataset(),
            &UrlState::from_query("?edition=2025").0,
            Lang::En,
            &EN,
        );
        let (short, long) = citations(&f, "Reserves", "https://x/", "2026-11-29", &EN);
        assert!(short.contains("Reserves") && short.contains("2026-11-29"));
        assert!(
            long.contains("U.S. Geological Survey")
                && long.contains("Mineral Commodity Summaries 2025")
        );
    }
}
