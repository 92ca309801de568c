//! A figure on the page: summary, chart (or table) with its readout, notes and sources.

use leptos::html::Div;
use leptos::prelude::*;
use web_sys::{KeyboardEvent, MouseEvent, PointerEvent};

use super::on_demand::full_dataset;
use crate::charts::MIN_WIDTH;
use crate::context::{tr, use_ctx};
use crate::figure::html::{notes_html, sources_html, table_html};
use crate::figure::{Figure, Table};

/// A table in its wrapper, which scrolls sideways on a phone instead of the page; focusable so
/// keyboards can scroll it too.
pub fn table_view(table: &Table) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=table.caption.clone()
            inner_html=table_html(table)></div>
    }
}

/// Summary, chart or table, readout, notes and sources of one view.
#[component]
pub fn FigureView(
    figure: Memo<Figure>,
    /// Unique on the page (every built view stays in it): prefixes the ids inside.
    id: &'static str,
) -> impl IntoView {
    let ctx = use_ctx();
    let width = RwSignal::new(ctx.chart_width.get_untracked());
    let active = RwSignal::new(None::<usize>);
    let container = NodeRef::<Div>::new();

    // Lay out for the container's real width, again after every resize.
    Effect::new(move |_| {
        ctx.resized.track();
        if let Some(el) = container.get() {
            let w = el.client_width();
            if w > 0 && w as u32 != width.get_untracked() {
                width.set(w as u32);
                ctx.chart_width.set(w as u32);
            }
        }
    });
    // A new figure (another control state) starts with nothing selected. Only a selection is
    // cleared: setting `None` again would redraw the chart a second time for nothing.
    Effect::new(move |_| {
        figure.with(|_| ());
        if active.get_untracked().is_some() {
            active.set(None);
        }
    });
    let drawn = Memo::new(move |_| {
        let palette = ctx.palette.get();
        figure.with(|f| f.draw(width.get(), &palette, active.get(), ctx.lang.get()))
    });

    let hit = move |ev: &PointerEvent| -> Option<usize> {
        let el = container.get()?;
        let rect = el.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return None;
        }
        // The SVG is drawn at the container's width, or scaled down below MIN_WIDTH.
        let scale = width.get_untracked().max(MIN_WIDTH) as f64 / rect.width();
        let x = ((ev.client_x() as f64 - rect.left()) * scale) as i32;
        let y = ((ev.client_y() as f64 - rect.top()) * scale) as i32;
        drawn.with_untracked(|d| d.mark_at(x, y).map(|m| m.datum))
    };
    let on_pointer = move |ev: PointerEvent| {
        if let Some(i) = hit(&ev) {
            active.set(Some(i));
        }
    };
    let on_leave = move |ev: PointerEvent| {
        // A finger lifting keeps its readout on screen; a mouse leaving clears it.
        if ev.pointer_type() == "mouse" {
            active.set(None);
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let order: Vec<usize> = drawn.with_untracked(|d| {
            let mut marks = d.marks.clone();
            crate::order::sort_by(&mut marks, |a, b| (a.x, a.y) < (b.x, b.y));
            marks.into_iter().map(|m| m.datum).collect()
        });
        if order.is_empty() {
            return;
        }
        let at = active
            .get_untracked()
            .and_then(|a| order.iter().position(|&d| d == a));
        let last = order.len() - 1;
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => Some(at.map_or(0, |i| (i + 1).min(last))),
            "ArrowLeft" | "ArrowUp" => Some(at.map_or(0, |i| i.saturating_sub(1))),
            "Home" => Some(0),
            "End" => Some(last),
            "Escape" => {
                active.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        active.set(next.map(|i| order[i]));
    };
    let readout = move || {
        let t = ctx.strings();
        match active.get() {
            Some(i) => figure.with(|f| f.readouts.get(i).cloned().unwrap_or_default()),
            None => t.readout_hint.to_string(),
        }
    };
    let show_table = move || ctx.page.with(|p| p.table);
    // Notes and sources often stay the same when a control changes: then their lists stay as well.
    let notes = Memo::new(move |_| figure.with(|f| notes_html(f, ctx.strings())));
    let sources = Memo::new(move |_| figure.with(|f| f.sources.clone()));
    let show = move |table: bool| move |_: MouseEvent| ctx.edit_page(|p| p.table = table);

    view! {
        <figure class="figure">
            <p class="summary">{move || figure.with(|f| f.summary.clone())}</p>
            <div class="switch" role="group" aria-label=tr(|t| t.show_as)>
                <button type="button" aria-pressed=move || (!show_table()).to_string()
                    on:click=show(false)>{tr(|t| t.chart)}</button>
                <button type="button" aria-pressed=move || show_table().to_string()
                    on:click=show(true)>{tr(|t| t.table)}</button>
            </div>
            <Show when=move || !show_table()
                fallback=move || figure.with(|f| table_view(&f.table))>
                <div class="chart" node_ref=container tabindex="0" role="group"
                    aria-label=move || figure.with(|f| f.alt.clone())
                    aria-describedby=format!("{id}-help")
                    on:pointermove=on_pointer on:pointerdown=on_pointer on:pointerleave=on_leave
                    on:keydown=on_key
                    inner_html=move || drawn.with(|d| d.svg.clone())>
                </div>
                <p class="readout" aria-live="polite">{readout}</p>
                <p id=format!("{id}-help") class="visually-hidden">{tr(|t| t.chart_help)}</p>
            </Show>
            <figcaption class="notes">
                <div inner_html=notes></div>
                // A long list (Quotas cites dozens of notices and reports) stays folded.
                <details class="sources" prop:open=move || sources.with(|s| s.len() <= 8)>
                    <summary>{move || {
                        let t = ctx.strings();
                        format!("{}{}", t.sources, t.paren(&sources.with(|s| s.len()).to_string()))
                    }}</summary>
                    <ol class="source-list" inner_html=move || sources.with(|s| sources_html(full_dataset(), s, ctx.lang.get(), ctx.strings()))></ol>
                </details>
            </figcaption>
        </figure>
    }
}

/// The widths the build-time copy draws each chart at; it shows the widest not wider than its
/// column (style/main.css, "build-time copy"): the text at its size, a little room to its right
/// until the app draws at the exact width. Columns of a 320 and a 375 px phone, of a narrow and a
/// wide tablet, of a desktop.
#[cfg(not(target_arch = "wasm32"))]
pub const COPY_WIDTHS: [u32; 5] = [296, 344, 448, 688, 912];

/// A figure as the build-time copy prints it (`FigureView`'s markup, chart shown): its chart drawn
/// at `COPY_WIDTHS` in the page's colours, in a box of the height the app will draw it at for the
/// column's width, so nothing moves when the app takes over. The box's heights go to `css` as
/// container queries, keyed by `key`.
#[cfg(not(target_arch = "wasm32"))]
pub fn figure_html(
    figure: &Figure,
    key: &str,
    d: &crate::data::Dataset,
    lang: crate::i18n::Lang,
    t: &crate::i18n::Strings,
    css: &mut Vec<String>,
) -> String {
    use crate::charts::{css_colours, CSS_COLOURS};
    use crate::html::escape;
    let drawings: String = COPY_WIDTHS
        .iter()
        .map(|&w| {
            let drawn = figure.draw(w, &CSS_COLOURS, None, lang);
            css_colours(&drawn.svg).replacen(
                "<svg ",
                &format!("<svg data-w=\"{w}\" preserveAspectRatio=\"xMinYMin meet\" "),
                1,
            )
        })
        .collect();
    css.extend(chart_heights(key, |w| {
        figure.draw(w, &CSS_COLOURS, None, lang).height
    }));
    format!(
        "<figure class=\"figure\"><p class=\"summary\">{summary}</p>\
<div class=\"switch\" role=\"group\" aria-label=\"{show_as}\">\
<button type=\"button\" aria-pressed=\"true\">{chart}</button>\
<button type=\"button\" aria-pressed=\"false\">{table}</button></div>\
<div class=\"chart\" role=\"img\" aria-label=\"{alt}\" data-chart=\"{key}\"><div>{drawings}</div></div>\
<p class=\"readout\">{hint}</p>\
<figcaption class=\"notes\"><div>{notes}</div><details class=\"sources\"{open}>\
<summary>{sources}</summary><ol class=\"source-list\">{list}</ol></details></figcaption></figure>",
        summary = escape(&figure.summary),
        show_as = escape(t.show_as),
        chart = escape(t.chart),
        table = escape(t.table),
        alt = escape(&figure.alt),
        hint = escape(t.readout_hint),
        notes = notes_html(figure, t),
        open = if figure.sources.len() <= 8 { " open" } else { "" },
        // "Sources (5)" / "资料来源（5）": the brackets of the reader's language.
        sources = escape(&format!("{}{}", t.sources, t.paren(&figure.sources.len().to_string()))),
        list = sources_html(d, &figure.sources, lang, t),
    )
}

/// Container queries giving the chart box `key` the height the app draws it at, for every column
/// width: `height(w)` for the width drawn at, which the app never takes below `MIN_WIDTH` (there
/// it scales the drawing down, keeping its proportions).
#[cfg(not(target_arch = "wasm32"))]
fn chart_heights(key: &str, height: impl Fn(u32) -> u32) -> Vec<String> {
    let selector = format!("#copy [data-chart=\"{key}\"] > div");
    let smallest = height(MIN_WIDTH);
    let mut rules = vec![format!(
        "@container (max-width:{}px){{{selector}{{height:auto;aspect-ratio:{MIN_WIDTH}/{smallest}}}}}",
        MIN_WIDTH as f64 - 0.5
    )];
    // The app draws at the column's width in whole pixels: one rule per run of widths drawn at
    // the same height (a title or legend wraps onto one more line below some width).
    let widest = 1400;
    let mut from = MIN_WIDTH;
    let mut h = smallest;
    for w in MIN_WIDTH + 1..=widest + 1 {
        let next = if w > widest { 0 } else { height(w) };
        if next != h {
            let upper = if w > widest {
                String::new()
            } else {
                format!(" and (max-width:{}px)", w as f64 - 0.5)
            };
            rules.push(format!(
                "@container (min-width:{}px){upper}{{{selector}{{height:{h}px}}}}",
                from as f64 - 0.5
            ));
            from = w;
            h = next;
        }
    }
    rules
}
