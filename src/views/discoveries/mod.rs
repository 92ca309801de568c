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
use crate::data::Dataset;
use crate::figure::country_name;
use crate::figure::html::items_html;
use crate::i18n::{DiscoveriesTexts, Lang, Strings};
use crate::url::name_of;

pub const SLUG: &str = "discoveries";

part_on_demand!(discoveries_view, DiscoveriesView);

/// Every country with a find, after "All countries".
fn countries_offered(d: &Dataset, lang: Lang, w: &DiscoveriesTexts) -> Vec<Choice> {
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
    .collect()
}

/// Every kind of estimate, after "All kinds".
fn bases_offered(t: &Strings, w: &DiscoveriesTexts) -> Vec<Choice> {
    let all = Choice {
        value: String::new(),
        label: w.all_bases.into(),
    };
    std::iter::once(all)
        .chain(choices(&BASES, |b| basis_name(b, t, w)))
        .collect()
}

/// The view at its default state as the build-time copy prints it (`DiscoveriesView`'s markup).
#[cfg(not(target_arch = "wasm32"))]
pub fn copy(d: &Dataset, lang: Lang, t: &Strings, css: &mut Vec<String>) -> String {
    use crate::components::controls::select_html;
    use crate::components::figure_view::figure_html;
    use crate::html::escape;
    let (s, w) = (State::default(), texts::<DiscoveriesTexts>(lang));
    let off = off_chart(d, &s, lang, t, w);
    format!(
        "<div class=\"on-demand\" aria-busy=\"false\"><div class=\"controls\">{}{}</div>{}\
<section class=\"off-chart\"><h3>{}</h3><p>{}</p><ul>{}</ul></section></div>",
        select_html(t.country, "country", &countries_offered(d, lang, w), ""),
        select_html(w.basis, "basis", &bases_offered(t, w), ""),
        figure_html(
            &figure(d, &s, lang, t, w),
            &format!("{SLUG}-{}-0", lang.code()),
            d,
            lang,
            t,
            css
        ),
        escape(w.off_chart_title),
        escape(w.off_chart_intro),
        items_html(&off),
    )
}

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
    let country_choices = move || countries_offered(d, ctx.lang.get(), w());
    let basis_choices = move || bases_offered(ctx.strings(), w());
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
