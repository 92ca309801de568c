//! Parts every view shares: the figure (summary, chart with its readout, table, notes, sources) and
//! the controls.

use leptos::html::Div;
use leptos::prelude::*;
use web_sys::{KeyboardEvent, MouseEvent, PointerEvent};

use crate::app::{tr, use_ctx};
use crate::charts::MIN_WIDTH;
use crate::data::{Dataset, Source};
use crate::i18n::Strings;
use crate::state::Lang;
use crate::views::{Figure, Table};

/// A country's name in the reader's language (the dataset's English name when there is no other).
pub fn country_name(d: &Dataset, name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => name.to_string(),
        Lang::Zh => d
            .countries
            .iter()
            .find(|c| c.name == name)
            .map_or(name, |c| c.name_zh)
            .to_string(),
    }
}

/// One option of a control.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// A labelled drop-down: native, so it works with every keyboard, screen reader and phone.
#[component]
pub fn Select(
    label: fn(&Strings) -> &'static str,
    id: &'static str,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    #[prop(into)] current: Signal<String>,
    #[prop(into)] on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="control" for=id>
            <span class="control-label">{tr(label)}</span>
            // The options as HTML text, the current one marked: rebuilt when the labels (language)
            // or the choice change, which a list of a few dozen options makes cheap.
            <select id=id on:change=move |ev| on_pick.run(event_target_value(&ev))
                inner_html=move || current.with(|now| choices.with(|c| options_html(c, now)))
                prop:value=move || current.get()>
            </select>
        </label>
    }
}

/// A small set of exclusive choices shown at once, as native radio buttons.
#[component]
pub fn Segmented(
    label: fn(&Strings) -> &'static str,
    name: &'static str,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    #[prop(into)] current: Signal<String>,
    #[prop(into)] on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <fieldset class="segmented">
            <legend class="control-label">{tr(label)}</legend>
            {move || {
                choices
                    .get()
                    .into_iter()
                    .map(|c| {
                        let value = c.value.clone();
                        let checked = {
                            let value = value.clone();
                            move || current.get() == value
                        };
                        view! {
                            <label class="segment">
                                <input type="radio" name=name value=c.value.clone() prop:checked=checked
                                    on:change=move |_| on_pick.run(value.clone()) />
                                <span>{c.label}</span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}

// Read-only blocks (tables, lists of notes and sources, claims) are written as HTML text and set
// with `inner_html`: one string builder instead of a typed view per element kind and list, for
// markup that never reacts by itself (with the static page frame in app.rs: -36 KB of wasm,
// -8 KB brotli, measured). Every text goes through `escape`.

/// `<option>`s for `choices`, the one whose value is `current` selected.
pub fn options_html(choices: &[Choice], current: &str) -> String {
    choices
        .iter()
        .map(|c| {
            let selected = if c.value == current { " selected" } else { "" };
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                escape(&c.value),
                escape(&c.label)
            )
        })
        .collect()
}

/// Text made safe for HTML content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// ` class="…"`, or nothing for no class.
fn class_attr(class: &str) -> String {
    if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    }
}

/// `<tag class="class">text</tag>`, the text escaped.
pub fn element(tag: &str, class: &str, text: &str) -> String {
    format!("<{tag}{}>{}</{tag}>", class_attr(class), escape(text))
}

/// A table with caption and header cells; the first cell of each row heads that row.
pub fn table_html(table: &Table) -> String {
    let class_of = |i: usize| {
        if table.numeric.get(i).copied().unwrap_or(false) {
            "num"
        } else {
            ""
        }
    };
    let mut html = format!(
        "<table>{}<thead><tr>",
        element("caption", "", &table.caption)
    );
    for (i, h) in table.headers.iter().enumerate() {
        let class = class_attr(class_of(i));
        html.push_str(&format!("<th scope=\"col\"{class}>{}</th>", escape(h)));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        html.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                html.push_str(&format!("<th scope=\"row\">{}</th>", escape(cell)));
            } else {
                html.push_str(&element("td", class_of(i), cell));
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

/// A table in its wrapper, which scrolls sideways on a phone instead of the page; focusable so
/// keyboards can scroll it too.
pub fn table_view(table: &Table) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=table.caption.clone()
            inner_html=table_html(table)></div>
    }
}

/// Sources as citations: linked title, publisher, date; one `<li>` each.
pub fn sources_html(sources: &[&Source]) -> String {
    sources
        .iter()
        .map(|s| {
            format!(
                "<li><a href=\"{}\" rel=\"noopener\" target=\"_blank\">{}</a>{}</li>",
                escape(s.url),
                escape(s.title),
                escape(&format!(" — {}, {}", s.publisher, s.date))
            )
        })
        .collect()
}

/// One `<li>` per line of text.
pub fn items_html<'a>(lines: impl IntoIterator<Item = &'a String>) -> String {
    lines.into_iter().map(|l| element("li", "", l)).collect()
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
    let show_table = move || ctx.state.with(|s| s.table);
    // Notes and sources often stay the same when a control changes: then their lists stay as well.
    let notes = Memo::new(move |_| figure.with(|f| f.notes.clone()));
    let sources = Memo::new(move |_| figure.with(|f| f.sources.clone()));
    let show = move |table: bool| move |_: MouseEvent| ctx.state.update(|s| s.table = table);

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
                <ul inner_html=move || notes.with(|n| items_html(n))></ul>
                // A long list (Quotas cites dozens of notices and reports) stays folded.
                <details class="sources" prop:open=move || sources.with(|s| s.len() <= 8)>
                    <summary>{move || format!("{} ({})", ctx.strings().sources, sources.with(|s| s.len()))}</summary>
                    <ol class="source-list" inner_html=move || sources.with(|s| sources_html(s))></ol>
                </details>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(
            element("p", "note", "a < b"),
            "<p class=\"note\">a &lt; b</p>"
        );
        assert_eq!(element("li", "", "x"), "<li>x</li>");
    }

    #[test]
    fn the_current_option_is_the_selected_one() {
        let choices = [
            ("", "All countries"),
            ("Burma (Myanmar)", "Burma & \"Myanmar\""),
        ]
        .map(|(value, label)| Choice {
            value: value.into(),
            label: label.into(),
        });
        assert_eq!(
            options_html(&choices, "Burma (Myanmar)"),
            "<option value=\"\">All countries</option>\
             <option value=\"Burma (Myanmar)\" selected>Burma &amp; &quot;Myanmar&quot;</option>"
        );
    }

    #[test]
    fn tables_have_a_caption_column_headers_and_row_headers() {
        let table = Table {
            caption: "Reserves & more".into(),
            headers: vec!["Country".into(), "Tonnes".into()],
            rows: vec![vec!["China".into(), "44,000,000 t".into()]],
            numeric: vec![false, true],
        };
        assert_eq!(
            table_html(&table),
            "<table><caption>Reserves &amp; more</caption><thead><tr>\
             <th scope=\"col\">Country</th><th scope=\"col\" class=\"num\">Tonnes</th></tr></thead>\
             <tbody><tr><th scope=\"row\">China</th><td class=\"num\">44,000,000 t</td></tr></tbody></table>"
        );
    }

    #[test]
    fn sources_link_their_publication() {
        let d = crate::data::dataset();
        let usgs = d.source("usgs-mcs-2025").expect("MCS 2025 is a source");
        let html = sources_html(&[usgs]);
        assert!(html.starts_with(&format!("<li><a href=\"{}\" rel=\"noopener\"", usgs.url)));
        assert!(html.contains("Mineral Commodity Summaries 2025"));
        assert!(html.ends_with(&format!(" — U.S. Geological Survey, {}</li>", usgs.date)));
    }
}
