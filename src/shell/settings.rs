//! Theme and language, for readers of the full page (an embed takes both from its snippet).

use leptos::prelude::*;

use crate::components::controls::picked;
use crate::context::{tr, use_ctx};
use crate::i18n::Lang;
use crate::url::{name_of, THEMES};

#[component]
pub fn Settings() -> impl IntoView {
    let ctx = use_ctx();
    let theme_value = move || name_of(&THEMES, ctx.page.with(|p| p.theme));
    let set_theme = move |ev: leptos::ev::Event| {
        let theme = picked(&THEMES, &event_target_value(&ev)).unwrap_or_default();
        ctx.edit_page(|p| p.theme = theme);
    };
    let other = move || {
        if ctx.lang.get() == Lang::Zh {
            Lang::En
        } else {
            Lang::Zh
        }
    };
    view! {
        <div class="settings" role="group" aria-label=tr(|t| t.settings_label)>
            <label class="control inline" for="theme">
                <span class="control-label">{tr(|t| t.theme)}</span>
                <select id="theme" on:change=set_theme prop:value=theme_value>
                    <option value="auto" selected=move || theme_value() == "auto">{tr(|t| t.theme_auto)}</option>
                    <option value="light" selected=move || theme_value() == "light">{tr(|t| t.theme_light)}</option>
                    <option value="dark" selected=move || theme_value() == "dark">{tr(|t| t.theme_dark)}</option>
                </select>
            </label>
            <button type="button" class="lang-switch" lang=move || if other() == Lang::Zh { "zh-Hans" } else { "en" }
                on:click=move |_| ctx.edit_page(|p| p.lang = Some(other()))>
                {tr(|t| t.switch_lang)}
            </button>
        </div>
    }
}
