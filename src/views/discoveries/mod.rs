//! Discoveries: announced finds and resource estimates, Liangshan's 4.96 Mt among them. Its code
//! comes on demand, with the rows it reads.

pub mod figure;
pub mod state;

use leptos::prelude::*;

use self::figure::{basis_name, figure, off_chart};
use self::state::{State, BASES};
use crate::components::controls::{choices, picked, Choice, Select};
use crate::components::figure_view::FigureView;
use crate::components::on_demand::{full_dataset, part_on_demand, texts};
use crate::context::{tr, use_ctx};
use crate::figure::country_name;
use crate::figure::html::items_html;
use crate::i18n::DiscoveriesTexts;
use crate::url::name_of;

pub const SLUG: &str = "discoveries";

part_on_demand!(discoveries_view, DiscoveriesView);

/// Country and kind-of-estimate filters around the figure, and the finds the chart cannot show.
#[component]
fn DiscoveriesView() -> impl IntoView {
    let ctx = use_ctx();
    let w = move || texts::<DiscoveriesTexts>(ctx.lang.get());
    let d = full_dataset();
    let state = ctx.params::<State>();
    let figure =
        Memo::new(move |_| state.with(|s| figure(d, s, ctx.lang.get(), ctx.strings(), w())));
    ctx.show_figure(SLUG, figure);
    let off =
        Memo::new(move |_| state.with(|s| off_chart(d, s, ctx.lang.get(), ctx.strings(), w())));
    let country_choices = move || {
        let (w, lang) = (w(), ctx.lang.get());
        let mut countries: Vec<&str> = d.discoveries.iter().map(|f| f.country).collect();
        crate::order::sort_unique(&mut countries);
        std::iter::once(Choice {
            value: String::new(),
            label: w.all_countries.into(),
        })
        .chain(countries.into_iter().map(|c| Choice {
            value: c.into(),
            label: country_name(d, c, lang),
        }))
        .collect::<Vec<_>>()
    };
    let basis_choices = move || {
        let (t, w) = (ctx.strings(), w());
        let all = Choice {
            value: String::new(),
            label: w.all_bases.into(),
        };
        std::iter::once(all)
            .chain(choices(&BASES, |b| basis_name(b, t, w)))
            .collect::<Vec<_>>()
    };
    let current_country =
        Signal::derive(move || state.with(|s| s.country.clone().unwrap_or_default()));
    let current_basis = Signal::derive(move || {
        state
            .with(|s| s.basis.map(|b| name_of(&BASES, b)))
            .unwrap_or_default()
            .to_string()
    });
    let set_country =
        move |v: String| ctx.edit::<State>(|s| s.country = (!v.is_empty()).then_some(v));
    let set_basis = move |v: String| ctx.edit::<State>(|s| s.basis = picked(&BASES, &v));
    view! {
        <div class="controls">
            <Select label=Signal::derive(tr(|t| t.country)) id="country"
                choices=Signal::derive(country_choices) current=current_country on_pick=set_country />
            <Select label=Signal::derive(move || w().basis) id="basis"
                choices=Signal::derive(basis_choices) current=current_basis on_pick=set_basis />
        </div>
        <FigureView figure=figure id=SLUG />
        <section class="off-chart" aria-labelledby="off-chart-title">
            <h3 id="off-chart-title">{move || w().off_chart_title}</h3>
            <p>{move || w().off_chart_intro}</p>
            <ul inner_html=move || off.with(|lines| items_html(lines))></ul>
        </section>
    }
}
