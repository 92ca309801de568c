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
