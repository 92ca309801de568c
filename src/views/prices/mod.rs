//! Prices: the annual average prices of the rare earth oxides, NdPr first: why the value of
//! China's exports fell while their volume rose. Its code comes on demand, with the rows it reads.

pub mod figure;
pub mod state;

use leptos::prelude::*;

use self::figure::{figure, oxide_name};
use self::state::{State, OXIDES};
use crate::components::controls::{choices, picked, Select};
use crate::components::figure_view::FigureView;
use crate::components::on_demand::{full_dataset, part_on_demand, texts};
use crate::components::view_link::ViewLink;
use crate::context::use_ctx;
use crate::i18n::PricesTexts;
use crate::url::name_of;

pub const SLUG: &str = "prices";

part_on_demand!(prices_view, PricesView);

/// The view at its default state as the build-time copy prints it (`PricesView`'s markup).
#[cfg(not(target_arch = "wasm32"))]
pub fn copy(
    d: &crate::data::Dataset,
    lang: crate::i18n::Lang,
    t: &crate::i18n::Strings,
    css: &mut Vec<String>,
) -> String {
    use crate::components::controls::select_html;
    use crate::components::figure_view::figure_html;
    use crate::components::view_link::view_link_html;
    let (s, w) = (State::default(), texts::<PricesTexts>(lang));
    let oxides = choices(&OXIDES, |o| oxide_name(o, w));
    format!(
        "<div class=\"on-demand\" aria-busy=\"false\"><div class=\"controls\">{}</div>{}{}</div>",
        select_html(w.oxide, "oxide", &oxides, name_of(&OXIDES, s.oxide)),
        figure_html(
            &figure(d, &s, lang, t, w),
            &format!("{SLUG}-{}-0", lang.code()),
            d,
            lang,
            t,
            css
        ),
        view_link_html("exports", lang, w.see_exports),
    )
}

/// The oxide control around the figure.
#[component]
fn PricesView() -> impl IntoView {
    let ctx = use_ctx();
    let w = move || texts::<PricesTexts>(ctx.lang.get());
    let d = full_dataset();
    let state = ctx.params::<State>();
    let figure =
        Memo::new(move |_| state.with(|s| figure(d, s, ctx.lang.get(), ctx.strings(), w())));
    ctx.show_figure(SLUG, figure);
    let oxides = move || {
        let w = w();
        choices(&OXIDES, |o| oxide_name(o, w))
    };
    let current = Signal::derive(move || name_of(&OXIDES, state.with(|s| s.oxide)).to_string());
    let pick = move |v: String| {
        ctx.edit::<State>(|s| s.oxide = picked(&OXIDES, &v).unwrap_or(State::default().oxide))
    };
    view! {
        <div class="controls">
            <Select label=Signal::derive(move || w().oxide) id="oxide"
                choices=Signal::derive(oxides) current=current on_pick=pick />
        </div>
        <FigureView figure=figure id=SLUG />
        <ViewLink view="exports" label=Signal::derive(move || w().see_exports) />
    }
}
