//! Reserves: USGS's reserves by country for one edition, the view readers see first. Its code and
//! its rows (`rows.rs`) are in the first download; every other view comes on demand.

pub mod figure;
pub mod rows;
pub mod state;

use leptos::prelude::*;

use self::figure::{edition, edition_note, figure, revisions};
use self::state::{State, MEASURES};
use crate::components::controls::{choices, picked, Choice, Select};
use crate::components::figure_view::{table_view, FigureView};
use crate::components::on_demand::{Loader, Loading, OnDemand, Unavailable};
use crate::context::{tr, use_ctx};
use crate::data::derived::{edition_is_complete, editions};
use crate::data::{dataset, Dataset};
use crate::i18n::{fill, Strings};
use crate::url::name_of;

/// The view's URL name, which also names its panel and its figure for the newsroom.
pub const SLUG: &str = "reserves";

/// The view, built at once: it is in the first download.
pub fn view() -> AnyView {
    view! { <ReservesView /> }.into_any()
}

/// How USGS's estimates moved, a table fetched when unfolded (in the split build).
fn load_revisions() -> Loading {
    #[cfg(feature = "split")]
    return crate::components::on_demand::split_code(Box::pin(preload_revisions()), || {
        Box::pin(revisions_table())
    });
    #[cfg(not(feature = "split"))]
    Box::pin(std::future::ready(revisions_table()))
}

#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(reserves_revisions, fallible, preload(preload_revisions), wasm_split_path = ::leptos::wasm_split))]
fn revisions_table() -> Result<AnyView, Unavailable> {
    let ctx = use_ctx();
    Ok((move || table_view(&revisions(dataset(), ctx.lang.get(), ctx.strings()))).into_any())
}

/// The editions the edition control offers, newest first; a partial one says so.
fn editions_offered(d: &Dataset, t: &Strings) -> Vec<Choice> {
    editions(d)
        .into_iter()
        .rev()
        .map(|e| {
            let mut label = fill(t.mcs_edition, &[("edition", &e.to_string())]);
            if !edition_is_complete(d, e) {
                label = fill(t.partial_edition, &[("edition", &label)]);
            }
            Choice {
                value: e.to_string(),
                label,
            }
        })
        .collect()
}

fn measures_offered(t: &Strings) -> Vec<Choice> {
    choices(&MEASURES, |m| match m {
        state::Measure::Tonnes => t.measure_tonnes,
        state::Measure::Share => t.measure_share,
        state::Measure::Years => t.measure_years,
    })
}

/// The view at its default state as the build-time copy prints it (`ReservesView`'s markup).
#[cfg(not(target_arch = "wasm32"))]
pub fn copy(d: &Dataset, lang: crate::i18n::Lang, t: &Strings, css: &mut Vec<String>) -> String {
    use crate::components::controls::select_html;
    use crate::components::figure_view::figure_html;
    use crate::html::escape;
    let s = State::default();
    format!(
        "<div class=\"controls\">{}{}</div><p class=\"edition-note\">{}</p>{}\
<details class=\"revisions\"><summary>{}</summary></details>",
        select_html(
            t.edition,
            "edition",
            &editions_offered(d, t),
            &edition(d, &s).to_string()
        ),
        select_html(
            t.measure,
            "measure",
            &measures_offered(t),
            name_of(&MEASURES, s.measure)
        ),
        escape(&edition_note(d, &s, t)),
        figure_html(
            &figure(d, &s, lang, t),
            &format!("{SLUG}-{}-0", lang.code()),
            d,
            lang,
            t,
            css
        ),
        escape(t.revisions_title),
    )
}

/// Edition and measure controls around the figure, and how USGS's estimates moved.
#[component]
fn ReservesView() -> impl IntoView {
    let ctx = use_ctx();
    let d = dataset();
    let state = ctx.params::<State>();
    let figure = Memo::new(move |_| {
        let (lang, t) = (ctx.lang.get(), ctx.strings());
        state.with(|s| figure(d, s, lang, t))
    });
    ctx.show_figure(SLUG, figure);
    let edition_choices = move || editions_offered(d, ctx.strings());
    let current_edition = Signal::derive(move || state.with(|s| edition(d, s)).to_string());
    let set_edition = move |v: String| ctx.edit::<State>(|s| s.edition = v.parse().ok());
    let measure_choices = move || measures_offered(ctx.strings());
    let current_measure =
        Signal::derive(move || name_of(&MEASURES, state.with(|s| s.measure)).to_string());
    let set_measure = move |v: String| {
        ctx.edit::<State>(|s| s.measure = picked(&MEASURES, &v).unwrap_or_default())
    };
    let note = move || state.with(|s| edition_note(d, s, ctx.strings()));
    // The revisions are below the chart and folded: their code comes when a reader unfolds them.
    let unfolded = RwSignal::new(false);
    view! {
        <div class="controls">
            <Select label=Signal::derive(tr(|t| t.edition)) id="edition"
                choices=Signal::derive(edition_choices) current=current_edition on_pick=set_edition />
            <Select label=Signal::derive(tr(|t| t.measure)) id="measure"
                choices=Signal::derive(measure_choices) current=current_measure on_pick=set_measure />
        </div>
        <p class="edition-note">{note}</p>
        <FigureView figure=figure id=SLUG />
        <details class="revisions" on:toggle=move |_| unfolded.set(true)>
            <summary>{tr(|t| t.revisions_title)}</summary>
            <Show when=move || unfolded.get()>
                <OnDemand load=Loader::new(|()| load_revisions()) height=0 failed=|t| t.load_failed />
            </Show>
        </details>
    }
}
