//! Exports: China's rare earth exports by year and by month, the article's "+6.4 %" among them.
//! Its code comes on demand, with the rows it reads.

pub mod figure;
pub mod magnets;
pub mod state;

use leptos::prelude::*;

use self::figure::{annual, annual_csv, monthly, monthly_title};
use self::state::{Measure, State, MEASURES};
use crate::components::controls::{choices, picked, Choice, Segmented};
use crate::components::figure_view::FigureView;
use crate::components::on_demand::{full_dataset, part_on_demand, texts};
use crate::components::view_link::ViewLink;
use crate::context::use_ctx;
use crate::i18n::ExportsTexts;
use crate::url::name_of;

pub const SLUG: &str = "exports";

part_on_demand!(exports_view, ExportsView);

fn measures_offered(w: &ExportsTexts) -> Vec<Choice> {
    choices(&MEASURES, |m| match m {
        Measure::Volume => w.export_volume,
        Measure::Value => w.export_value,
        Measure::UnitValue => w.unit_value,
        Measure::Magnets => w.magnets,
    })
}

/// The chart the measure control changes: the yearly columns in the measure asked, or magnet
/// exports month by month beside the headline tonnage.
pub fn first_chart(
    d: &crate::data::Dataset,
    s: &State,
    lang: crate::i18n::Lang,
    t: &crate::i18n::Strings,
    w: &ExportsTexts,
) -> crate::figure::Figure {
    match s.measure {
        Measure::Magnets => magnets::figure(d, lang, t, w),
        _ => annual(d, s, lang, t, w),
    }
}

/// The figures the measure control shows, for a spreadsheet (the download): every yearly
/// report, or the magnet and headline months.
pub fn csv(d: &crate::data::Dataset, s: &State) -> crate::figure::Csv {
    match s.measure {
        Measure::Magnets => magnets::csv(d),
        _ => annual_csv(d),
    }
}

/// The view at its default state as the build-time copy prints it (`ExportsView`'s markup).
#[cfg(not(target_arch = "wasm32"))]
pub fn copy(
    d: &crate::data::Dataset,
    lang: crate::i18n::Lang,
    t: &crate::i18n::Strings,
    css: &mut Vec<String>,
) -> String {
    use crate::components::controls::segmented_html;
    use crate::components::figure_view::figure_html;
    use crate::components::view_link::view_link_html;
    let (s, w) = (State::default(), texts::<ExportsTexts>(lang));
    let key = |i: usize| format!("{SLUG}-{}-{i}", lang.code());
    format!(
        "<div class=\"on-demand\" aria-busy=\"false\"><div class=\"controls\">{}</div>{}{}\
<h3 class=\"subhead\">{}</h3>{}</div>",
        segmented_html(
            w.show,
            "show",
            &measures_offered(w),
            name_of(&MEASURES, s.measure)
        ),
        figure_html(&first_chart(d, &s, lang, t, w), &key(0), d, lang, t, css),
        view_link_html("prices", lang, w.see_prices),
        crate::html::escape(&monthly_title(d, lang, w)),
        figure_html(&monthly(d, lang, t, w), &key(1), d, lang, t, css),
    )
}

/// The yearly figure with its measure control, then the months.
#[component]
fn ExportsView() -> impl IntoView {
    let ctx = use_ctx();
    let w = move || texts::<ExportsTexts>(ctx.lang.get());
    let d = full_dataset();
    let state = ctx.params::<State>();
    let annual =
        Memo::new(move |_| state.with(|s| first_chart(d, s, ctx.lang.get(), ctx.strings(), w())));
    // Downloads and citations take the yearly figures, the ones the control changes.
    ctx.show_figure(SLUG, annual);
    let monthly = Memo::new(move |_| monthly(d, ctx.lang.get(), ctx.strings(), w()));
    let measures = move || measures_offered(w());
    let current = Signal::derive(move || name_of(&MEASURES, state.with(|s| s.measure)).to_string());
    let pick = move |v: String| {
        ctx.edit::<State>(|s| s.measure = picked(&MEASURES, &v).unwrap_or_default())
    };
    view! {
        <div class="controls">
            <Segmented label=Signal::derive(move || w().show) name="show"
                choices=Signal::derive(measures) current=current on_pick=pick />
        </div>
        <FigureView figure=annual id="annual" />
        <ViewLink view="prices" label=Signal::derive(move || w().see_prices) />
        <h3 class="subhead">{move || monthly_title(d, ctx.lang.get(), w())}</h3>
        <FigureView figure=monthly id="monthly" />
    }
}
