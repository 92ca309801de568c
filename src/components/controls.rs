//! The controls: native drop-downs and radio groups, so they work with every keyboard, screen
//! reader and phone. Their options come from the same tables the URL is read with
//! (`url::choice`), so a control and a link can never disagree on a name.

use leptos::prelude::*;

use crate::html::escape;

/// One option of a control.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// A labelled drop-down: native, so it works with every keyboard, screen reader and phone.
#[component]
pub fn Select(
    #[prop(into)] label: Signal<&'static str>,
    id: &'static str,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    #[prop(into)] current: Signal<String>,
    #[prop(into)] on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="control" for=id>
            <span class="control-label">{move || label.get()}</span>
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
    #[prop(into)] label: Signal<&'static str>,
    name: &'static str,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    #[prop(into)] current: Signal<String>,
    #[prop(into)] on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <fieldset class="segmented">
            <legend class="control-label">{move || label.get()}</legend>
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

/// The choices of a table of URL names (`[("tonnes", Measure::Tonnes), …]`), labelled for the
/// reader.
pub fn choices<T: Copy>(
    options: &[(&'static str, T)],
    label: impl Fn(T) -> &'static str,
) -> Vec<Choice> {
    options
        .iter()
        .map(|&(value, v)| Choice {
            value: value.to_string(),
            label: label(v).to_string(),
        })
        .collect()
}

/// The value a control's URL name stands for.
pub fn picked<T: Copy>(options: &[(&'static str, T)], name: &str) -> Option<T> {
    options.iter().find(|(n, _)| *n == name).map(|&(_, v)| v)
}

/// A drop-down as the build-time copy prints it (`Select`'s markup), with the id prefixed, so the
/// copy and the app never share one while both are in the page; a change before the app runs is
/// kept for it (`copy.js` finds the app's twin by the id without its prefix).
#[cfg(not(target_arch = "wasm32"))]
pub fn select_html(label: &str, id: &str, choices: &[Choice], current: &str) -> String {
    format!(
        "<label class=\"control\" for=\"copy-{id}\"><span class=\"control-label\">{}</span>\
<select id=\"copy-{id}\">{}</select></label>",
        escape(label),
        options_html(choices, current)
    )
}

/// Radio buttons as the build-time copy prints them (`Segmented`'s markup).
#[cfg(not(target_arch = "wasm32"))]
pub fn segmented_html(label: &str, name: &str, choices: &[Choice], current: &str) -> String {
    let segments: String = choices
        .iter()
        .map(|c| {
            let checked = if c.value == current { " checked" } else { "" };
            format!(
                "<label class=\"segment\"><input type=\"radio\" name=\"copy-{name}\" value=\"{}\"{checked}>\
<span>{}</span></label>",
                escape(&c.value),
                escape(&c.label)
            )
        })
        .collect();
    format!(
        "<fieldset class=\"segmented\"><legend class=\"control-label\">{}</legend>{segments}</fieldset>",
        escape(label)
    )
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
