//! Quotas: China's rare earth mining and smelting quotas by year, their light/ionic split and
//! their batches. Its code comes on demand, with the rows it reads.

pub mod figure;
pub mod state;

use leptos::prelude::*;

use self::figure::{figure, year_span};
use self::state::{Breakdown, State, BREAKDOWNS};
use crate::components::controls::{choices, picked, Choice, Segmented, Select};
use crate::components::figure_view::FigureView;
use crate::components::on_demand::{full_dataset, part_on_demand, texts};
use crate::context::use_ctx;
use crate::data::Dataset;
use crate::i18n::QuotasTexts;
use crate::url::name_of;

pub const SLUG: &str = "quotas";

part_on_demand!(quotas_view, QuotasView);

fn breakdowns_offered(w: &QuotasTexts) -> Vec<Choice> {
    choices(&BREAKDOWNS, |b| match b {
        Breakdown::Total => w.breakdown_total,
        Breakdown::Split => w.breakdown_split,
        Breakdown::Batches => w.breakdown_batches,
    })
}

/// Every year with a quota row, for the From and To controls.
fn years_offered(d: &Dataset) -> Vec<Choice> {
    d.quotas
        .iter()
        .map(|q| Choice {
            value: q.year.to_string(),
            label: q.year.to_string(),
        })
        .collect()
}

/// The view at its default state as the build-time copy prints it (`QuotasView`'s markup).
#[cfg(not(target_arch = "wasm32"))]
pub fn copy(
    d: &Dataset,
    lang: crate::i18n::Lang,
    t: &crate::i18n::Strings,
    css: &mut Vec<String>,
) -> String {
    use crate::components::controls::{segmented_html, select_html};
    use crate::components::figure_view::figure_html;
    let (s, w) = (State::default(), texts::<QuotasTexts>(lang));
    let (from, to) = year_span(d, &s);
    format!(
        "<div class=\"on-demand\" aria-busy=\"false\"><div class=\"controls\">{}{}{}</div>{}</div>",
        segmented_html(
            w.breakdown,
            "quota",
            &breakdowns_offered(w),
            name_of(&BREAKDOWNS, s.breakdown)
        ),
        select_html(w.from_year, "from", &years_offered(d), &from.to_string()),
        select_html(w.to_year, "to", &years_offered(d), &to.to_string()),
        figure_html(
            &figure(d, &s, lang, t, w),
            &format!("{SLUG}-{}-0", lang.code()),
            d,
            lang,
            t,
            css
        ),
    )
}

/// Breakdown and year-span controls around the figure.
#[component]
fn QuotasView() -> impl IntoView {
    let ctx = use_ctx();
    let w = move || texts::<QuotasTexts>(ctx.lang.get());
    let d = full_dataset();
    let state = ctx.params::<State>();
    let figure =
        Memo::new(move |_| state.with(|s| figure(d, s, ctx.lang.get(), ctx.strings(), w())));
    ctx.show_figure(SLUG, figure);
    let breakdown_choices = move || breakdowns_offered(w());
    let current =
        Signal::derive(move || name_of(&BREAKDOWNS, state.with(|s| s.breakdown)).to_string());
    let pick = move |v: String| {
        ctx.edit::<State>(|s| s.breakdown = picked(&BREAKDOWNS, &v).unwrap_or_default())
    };
    let year_choices = move || years_offered(d);
    let from = Signal::derive(move || state.with(|s| year_span(d, s).0.to_string()));
    let to = Signal::derive(move || state.with(|s| year_span(d, s).1.to_string()));
    let set_from = move |v: String| ctx.edit::<State>(|s| s.from = v.parse().ok());
    let set_to = move |v: String| ctx.edit::<State>(|s| s.to = v.parse().ok());
    view! {
        <div class="controls">
            <Segmented label=Signal::derive(move || w().breakdown) name="quota"
                choices=Signal::derive(breakdown_choices) current=current on_pick=pick />
            <Select label=Signal::derive(move || w().from_year) id="from"
                choices=Signal::derive(year_choices) current=from on_pick=set_from />
            <Select label=Signal::derive(move || w().to_year) id="to"
                choices=Signal::derive(year_choices) current=to on_pick=set_to />
        </div>
        <FigureView figure=figure id=SLUG />
    }
}
