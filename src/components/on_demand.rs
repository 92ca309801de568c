//! Everything that comes on demand, in one place. In the release build (feature `split`) the code
//! of the views after the first, of the claims' list and of the newsroom tools is cut out of the
//! first download into wasm chunks (src/bin/postbuild/split.rs cuts the wasm at the functions
//! marked `#[wasm_split]`); wasm-split moves functions, not data, so the rows only that code reads
//! travel in a text file beside the wasm (`data::pack`), fetched with the first chunk that needs
//! them and checked whole before use. Without the split the same functions are plain calls and the
//! whole dataset is embedded.
//!
//! `OnDemand` is the one component that loads such a part: it keeps the part's place at its
//! final height while loading, and says so and offers "Try again" when the code or the rows do not
//! arrive, or not intact; the rest of the page keeps working.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::context::tr;
use crate::data::{dataset, Dataset};
#[cfg(not(feature = "split"))]
use crate::i18n::Embedded as TextPart;
#[cfg(feature = "split")]
use crate::i18n::TextPart;
use crate::i18n::{Lang, Strings};

/// A part's code or rows did not arrive, or not intact.
#[derive(Debug)]
pub struct Unavailable;

impl From<leptos::wasm_split::SplitLoaderError> for Unavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// The whole dataset. In a split build it is whole once a part loaded on demand has unpacked the
/// rows file (`code_and_rows`, `unpack_rows`); before that, no code that reads those rows has run.
pub fn full_dataset() -> &'static Dataset {
    #[cfg(feature = "split")]
    if let Some(d) = rows::WHOLE.get() {
        return d;
    }
    dataset()
}

/// A chunk's code on its way (the preload future `#[wasm_split]` generates).
#[cfg(feature = "split")]
pub type Code = Pin<Box<dyn Future<Output = Result<(), leptos::wasm_split::SplitLoaderError>>>>;

/// Loads a part cut out of the first download: its chunk's code and the rows file, both requests
/// in flight at once (the rows' starts here, the code's when first polled), then builds it. One
/// function for every part, so its state machine is compiled once.
#[cfg(feature = "split")]
pub fn split_part(code: Code, build: fn() -> Loading) -> Loading {
    let code = send_wrapper::SendWrapper::new(code);
    Box::pin(async move {
        let rows = rows::fetch();
        // The rows are awaited even when the code failed: read and kept, they are not fetched
        // again by the next attempt, and no response is left hanging unread.
        let code = code.await.map_err(Unavailable::from);
        let rows = rows.await;
        code?;
        rows.map_err(|()| Unavailable)?;
        build().await
    })
}

/// Loads a part cut out of the first download that reads only the embedded rows: its chunk's code,
/// then builds it.
#[cfg(feature = "split")]
pub fn split_code(code: Code, build: fn() -> Loading) -> Loading {
    let code = send_wrapper::SendWrapper::new(code);
    Box::pin(async move {
        code.await?;
        build().await
    })
}

/// Declares a part's `load() -> Loading`: in the split build its code is cut out of the first
/// download into the chunk `$chunk` and fetched with the rows file, then `$component` is built;
/// without the split it is built at once.
macro_rules! part_on_demand {
    ($chunk:ident, $component:ident) => {
        /// Fetches the part's code and rows (in the split build), then builds it.
        pub fn load() -> $crate::components::on_demand::Loading {
            #[cfg(feature = "split")]
            return $crate::components::on_demand::split_part(Box::pin(preload()), || {
                Box::pin(build())
            });
            #[cfg(not(feature = "split"))]
            Box::pin(std::future::ready(build()))
        }

        #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split($chunk, fallible, preload(preload), wasm_split_path = ::leptos::wasm_split))]
        fn build() -> Result<leptos::prelude::AnyView, $crate::components::on_demand::Unavailable> {
            $crate::components::on_demand::unpack_rows()?;
            Ok(leptos::prelude::IntoAny::into_any(leptos::prelude::view! { <$component /> }))
        }
    };
}
pub(crate) use part_on_demand;

/// Decodes the fetched rows, once. Called from the chunks' own code, so the decoder travels with
/// them, not in the first download. Fails when the rows are missing or not this build's: they are
/// dropped, so the next attempt fetches them again.
pub fn unpack_rows() -> Result<(), Unavailable> {
    #[cfg(feature = "split")]
    if !rows::unpack() {
        return Err(Unavailable);
    }
    Ok(())
}

#[cfg(feature = "split")]
mod rows {
    use crate::data::{dataset, pack, Dataset, ROWS_META_SELECTOR};
    use std::cell::Cell;
    use std::future::Future;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    thread_local! {
        static TEXT: Cell<Option<&'static str>> = const { Cell::new(None) };
        pub static WHOLE: Cell<Option<&'static Dataset>> = const { Cell::new(None) };
        pub static TEXTS: Cell<Option<&'static pack::Texts>> = const { Cell::new(None) };
    }

    /// Fetches the rows file, under the name the page gives (`data::ROWS_META`). The request starts when
    /// this is called, not when the future is first polled, so it travels alongside the chunk's
    /// code. Ready at once once the rows are here.
    pub fn fetch() -> impl Future<Output = Result<(), ()>> + Send {
        let needed = TEXT.get().is_none() && WHOLE.get().is_none();
        let request = needed
            .then(|| crate::context::page_meta(ROWS_META_SELECTOR))
            .flatten()
            .map(|name| leptos::prelude::window().fetch_with_str(&name));
        // Single-threaded wasm: the JS values never leave the thread Leptos's `Send` bound guards.
        send_wrapper::SendWrapper::new(async move {
            let request = match request {
                Some(request) => request,
                None if needed => return Err(()),
                None => return Ok(()),
            };
            let response: web_sys::Response = JsFuture::from(request)
                .await
                .map_err(drop)?
                .dyn_into()
                .map_err(drop)?;
            if !response.ok() {
                return Err(());
            }
            let text = JsFuture::from(response.text().map_err(drop)?)
                .await
                .map_err(drop)?;
            TEXT.set(Some(text.as_string().ok_or(())?.leak()));
            Ok(())
        })
    }

    pub fn unpack() -> bool {
        if WHOLE.get().is_some() {
            return true;
        }
        let Some((whole, texts)) = TEXT.take().and_then(|file| pack::decode(dataset(), file))
        else {
            return false;
        };
        TEXTS.set(Some(Box::leak(Box::new(texts))));
        WHOLE.set(Some(Box::leak(Box::new(whole))));
        true
    }
}

/// A part's own texts in `lang` (see `i18n::TextPart`). In the split build they came in the rows
/// file, which the part's loading has unpacked; read once per language and kept. Elsewhere they
/// are the embedded catalogue's.
pub fn texts<T: TextPart>(lang: Lang) -> &'static T {
    #[cfg(feature = "split")]
    {
        use std::any::Any;
        use std::cell::RefCell;
        thread_local! {
            static READ: RefCell<Vec<(&'static str, Lang, &'static dyn Any)>> = const { RefCell::new(Vec::new()) };
        }
        let known = READ.with_borrow(|read| {
            read.iter()
                .find(|(name, l, _)| *name == T::NAME && *l == lang)
                .and_then(|(_, _, part)| part.downcast_ref::<T>())
        });
        if let Some(part) = known {
            return part;
        }
        let index = usize::from(lang == Lang::Zh);
        let fields = rows::TEXTS
            .get()
            .and_then(|texts| texts.iter().find(|(name, _)| *name == T::NAME))
            .map(|(_, languages)| languages[index].clone())
            .unwrap_or_default();
        // Missing texts (never, for a file this build wrote) read as empty, not as a panic.
        let part: &'static T = Box::leak(Box::new(
            T::from_fields(&mut fields.into_iter()).unwrap_or_else(T::empty),
        ));
        READ.with_borrow_mut(|read| read.push((T::NAME, lang, part)));
        part
    }
    #[cfg(not(feature = "split"))]
    T::of(lang)
}

/// A part loading: its code (and rows) on their way, then the part built, or why not.
pub type Loading = Pin<Box<dyn Future<Output = Result<AnyView, Unavailable>> + Send>>;

/// How to load a part: `Loader::new(|| Box::pin(view.build()))`. One type for every part, so the
/// component below is compiled once, not once per part.
pub type Loader = Callback<(), Loading>;

/// A part loaded on demand: its place kept at `height` px until it is there, then the part; or,
/// when it could not be loaded, `failed`'s words and a way to try again. A part that is not a
/// place on the page (a dialog) passes `on_failure` instead: it is told, and shows nothing.
#[component]
pub fn OnDemand(
    load: Loader,
    /// The part's expected height, so that nothing below it moves when it arrives.
    height: u32,
    failed: fn(&Strings) -> &'static str,
    #[prop(optional, into)] on_failure: Option<Callback<()>>,
) -> impl IntoView {
    // Bumped by "Try again".
    let attempt = RwSignal::new(0u32);
    let loading = RwSignal::new(true);
    view! {
        <div class="on-demand" aria-busy=move || loading.get().to_string()
            style:min-height=move || loading.get().then(|| format!("{height}px"))>
            {move || {
                attempt.track();
                loading.set(true);
                Suspend::new(async move {
                    let part = load.run(()).await;
                    loading.set(false);
                    match (part, on_failure) {
                        (Ok(part), _) => part,
                        (Err(_), Some(told)) => {
                            told.run(());
                            ().into_any()
                        }
                        (Err(_), None) => view! { <LoadFailed attempt=attempt message=failed /> }.into_any(),
                    }
                })
            }}
        </div>
    }
}

/// What a part says when its code or rows could not be fetched (the reader is offline, say).
#[component]
pub fn LoadFailed(attempt: RwSignal<u32>, message: fn(&Strings) -> &'static str) -> impl IntoView {
    view! {
        <div class="load-failed" role="alert">
            <p>{tr(message)}</p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>{tr(|t| t.retry)}</button>
        </div>
    }
}
