//! The newsroom's tools: files, the clipboard, the share sheet and the Embed and Cite dialogs. In
//! the release build (feature `split`) their code is cut out of the first download and fetched on
//! first use (components/on_demand.rs says how); without the split they are plain calls.

use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};
use web_sys::{Event, MouseEvent};

use super::texts::{citations, csv_text, export_svg, source_line, Caption, MARGIN};
use super::{
    snippet, Action, EmbedOptions, Newsroom, Status, VersionedLoader, LOADER_META_SELECTOR,
};
use crate::components::on_demand::full_dataset;
use crate::context::{base_url, page_meta, tr};
use crate::data::DATA_VERSION;
use crate::i18n::{fill, Lang, Strings};
use crate::url::Theme;

/// Shares the address of this exact view: the Web Share API where the browser has it (phones),
/// the clipboard otherwise.
pub fn share(newsroom: Newsroom) {
    let url = newsroom.share_url();
    let navigator = window().navigator();
    let has_share = js_sys::Reflect::has(&navigator, &"share".into()).unwrap_or(false);
    if !has_share {
        return copy(url, |t| t.link_copied, newsroom.status);
    }
    let data = web_sys::ShareData::new();
    data.set_url(&url);
    data.set_title(newsroom.ctx.strings().title);
    let promise = navigator.share_with_data(&data);
    let status = newsroom.status;
    leptos::task::spawn_local(async move {
        // A refused or failed share falls back to copying the link.
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
            copy(url, |t| t.link_copied, status);
        }
    });
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

/// Starts fetching the tools' code ahead of a click, once; a failure is left to the click.
pub fn prefetch() {
    #[cfg(feature = "split")]
    {
        use std::sync::atomic::{AtomicBool, Ordering};
        static STARTED: AtomicBool = AtomicBool::new(false);
        if !STARTED.swap(true, Ordering::Relaxed) {
            leptos::task::spawn_local(async {
                let _ = preload().await;
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
fn make_file(action: Action, newsroom: Newsroom) {
    let ctx = newsroom.ctx;
    let t = ctx.strings();
    let d = full_dataset();
    let view = newsroom.view();
    let file_name = |extension: &str| {
        let stem = ctx.query.with_untracked(|q| view.file_stem(d, q));
        format!("{stem}.{extension}")
    };
    let export = || {
        let palette = ctx.palette.get_untracked();
        let dark = palette == crate::charts::DARK;
        let width = 760;
        let figure = newsroom.figure()?;
        let drawn =
            figure.with(|f| f.draw(width - 2 * MARGIN, &palette, None, ctx.lang.get_untracked()));
        let svg = figure.with(|f| {
            let lang = ctx.lang.get_untracked();
            let (source, url) = (source_line(d, f, t, lang), newsroom.share_url());
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
    let status = newsroom.status;
    match action {
        Action::Csv => {
            // The figures of the view being read, once that view is there.
            let text = newsroom.figure().map(|_| {
                let csv = ctx.query.with_untracked(|q| view.csv(d, q));
                csv_text(&csv, t, &newsroom.share_url())
            });
            let mime = "text/csv;charset=utf-8";
            status.download(text.is_some_and(|text| save(&file_name("csv"), &text.into(), mime)));
        }
        Action::Svg => {
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

fn make_embed_dialog(newsroom: Newsroom) -> AnyView {
    let ctx = newsroom.ctx;
    let (dialog, open) = (newsroom.embed_dialog, newsroom.embed_open);
    let lock_view = RwSignal::new(true);
    let embed_theme = RwSignal::new(Theme::Auto);
    // The page's language: an article is in one, and a chosen language embeds the view's own
    // page, which paints before the wasm arrives.
    let embed_lang = RwSignal::new(Some(ctx.lang.get_untracked()));
    // Pinned by default: an article keeps saying what it said when it was published.
    let pin_version = RwSignal::new(true);
    let snippet_text = move || {
        let options = EmbedOptions {
            query: ctx.query.get(),
            lock_view: lock_view.get(),
            theme: embed_theme.get(),
            lang: embed_lang.get(),
            pin_version: pin_version.get(),
        };
        let loader = page_meta(LOADER_META_SELECTOR);
        let loader = loader.as_deref().and_then(VersionedLoader::read);
        snippet(&base_url(), &options, ctx.strings().title, loader)
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
            Some("embed-version") => pin_version.set(value != "latest"),
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
    let status = newsroom.status;
    view! {
        <ToolDialog dialog=dialog open=open status=status id="embed-title" title=|t| t.embed_title
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
                    <select id="embed-lang" prop:value=move || embed_lang.get().map_or("", |l| l.code())>
                        <option value="" selected=move || embed_lang.get().is_none()>{tr(|t| t.lang_reader)}</option>
                        <option value="en" selected=move || embed_lang.get() == Some(Lang::En)>"English"</option>
                        <option value="zh" selected=move || embed_lang.get() == Some(Lang::Zh)>"中文"</option>
                    </select></label>
                <label class="control" for="embed-version"><span class="control-label">{tr(|t| t.embed_version)}</span>
                    <select id="embed-version">
                        <option value="pinned">{move || fill(ctx.strings().embed_version_pinned, &[("version", DATA_VERSION)])}</option>
                        <option value="latest">{tr(|t| t.embed_version_latest)}</option>
                    </select></label>
            </div>
            <label for="embed-code" class="control-label">{tr(|t| t.embed_code)}</label>
            <textarea id="embed-code" readonly rows="6" prop:value=move || code.get()></textarea>
        </ToolDialog>
    }
    .into_any()
}

fn make_cite_dialog(newsroom: Newsroom) -> AnyView {
    let ctx = newsroom.ctx;
    let (dialog, open) = (newsroom.cite_dialog, newsroom.cite_open);
    let citation = Memo::new(move |_| {
        if !open.get() {
            return (String::new(), String::new());
        }
        let t = ctx.strings();
        ctx.page.track();
        let name = newsroom.view().name(t);
        newsroom
            .figure()
            .map(|m| m.with(|f| citations(f, name, &newsroom.share_url(), &today(), t)))
            .unwrap_or_default()
    });
    let status = newsroom.status;
    let copy_long = move || {
        let long = citation.with_untracked(|c| c.1.clone());
        copy(long, |t| t.citation_copied, status)
    };
    view! {
        <ToolDialog dialog=dialog open=open status=status id="cite-title" title=|t| t.cite_title
            copy_label=|t| t.copy_citation copy=copy_long>
            <h3>{tr(|t| t.cite_short_label)}</h3>
            <p class="citation">{move || citation.with(|c| c.0.clone())}</p>
            <h3>{tr(|t| t.cite_long_label)}</h3>
            <p class="citation">{move || citation.with(|c| c.1.clone())}</p>
        </ToolDialog>
    }
    .into_any()
}

/// What the Embed and Cite dialogs share: the modal itself, its title, Copy and Close, and the
/// status line (the page's one is behind the modal's backdrop). It opens itself once built.
#[component]
fn ToolDialog(
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

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(newsroom, fallible, preload(preload), wasm_split_path = ::leptos::wasm_split))]
pub fn download(action: Action, newsroom: Newsroom) -> Result<(), SplitLoaderError> {
    make_file(action, newsroom);
    Ok(())
}

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(newsroom, fallible, wasm_split_path = ::leptos::wasm_split))]
pub fn embed_dialog(newsroom: Newsroom) -> Result<AnyView, SplitLoaderError> {
    Ok(make_embed_dialog(newsroom))
}

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(newsroom, fallible, wasm_split_path = ::leptos::wasm_split))]
pub fn cite_dialog(newsroom: Newsroom) -> Result<AnyView, SplitLoaderError> {
    Ok(make_cite_dialog(newsroom))
}
