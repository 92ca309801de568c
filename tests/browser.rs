//! Component tests in a real browser (Chromium and Firefox through wasm-bindgen-test): mount the
//! explorer, operate it as a reader would, and check what the page then shows.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh explorer into its own container and returns the container.
fn mount() -> HtmlElement {
    let doc = document();
    if let Some(old) = doc.get_element_by_id("test-root") {
        old.remove();
    }
    let root: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    root.set_id("test-root");
    // The explorer reads its state from the URL, which earlier tests have changed.
    let path = window().location().pathname().unwrap_or_default();
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(&path))
        .unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.clone(), rare_earth_explorer::shell::App).forget();
    root
}

fn find(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

fn text(root: &HtmlElement, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn selected_tab(root: &HtmlElement) -> String {
    text(root, "[role=tab][aria-selected=true]")
}

async fn settle() {
    leptos::task::tick().await;
}

/// Waits until the browser has been idle once: the explorer writes its URL then (after the idle
/// callbacks queued before this one).
async fn url_written() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_idle_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn clicking_a_tab_selects_it_and_changes_the_panel() {
    let root = mount();
    settle().await;
    assert_eq!(selected_tab(&root), "Reserves");
    let panel = find(&root, "[role=tabpanel]:not([hidden])");
    assert_eq!(
        panel.get_attribute("data-view").as_deref(),
        Some("reserves")
    );
    let before = text(&root, "[role=tabpanel]:not([hidden]) .summary");
    assert!(before.contains("44 Mt"), "{before}");

    find(&root, "#tab-quotas").click();
    settle().await;
    assert_eq!(selected_tab(&root), "Quotas");
    let panel = find(&root, "[role=tabpanel]:not([hidden])");
    assert_eq!(panel.get_attribute("data-view").as_deref(), Some("quotas"));
    assert_eq!(
        panel.get_attribute("aria-labelledby").as_deref(),
        Some("tab-quotas")
    );
    let after = text(&root, "[role=tabpanel]:not([hidden]) .summary");
    assert!(after.contains("135,000 t"), "{after}");
    assert!(
        root.query_selector("[role=tabpanel]:not([hidden]) .chart svg rect")
            .unwrap()
            .is_some(),
        "the quota chart is drawn"
    );
    url_written().await;
    let search = window().location().search().unwrap_or_default();
    assert!(search.contains("view=quotas"), "{search}");
}

#[wasm_bindgen_test]
async fn every_tab_draws_a_chart() {
    let root = mount();
    for view in ["reserves", "discoveries", "quotas", "exports"] {
        find(&root, &format!("#tab-{view}")).click();
        settle().await;
        let marks = root
            .query_selector_all("[role=tabpanel]:not([hidden]) .chart :is(rect, circle, polygon)")
            .unwrap();
        assert!(marks.length() > 3, "{view}: {} marks", marks.length());
    }
}

#[wasm_bindgen_test]
async fn choosing_an_edition_redraws_chart_summary_and_table() {
    let root = mount();
    find(&root, "#tab-reserves").click();
    settle().await;
    let select: HtmlSelectElement = find(&root, "#edition").unchecked_into();
    select.set_value("2025");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    let summary = text(&root, "[role=tabpanel]:not([hidden]) .summary");
    assert!(
        summary.contains("48.9 %") && summary.contains("MCS 2025"),
        "{summary}"
    );

    find(
        &root,
        "[role=tabpanel]:not([hidden]) .switch button:last-child",
    )
    .click();
    settle().await;
    let first_row = text(&root, "tbody tr td");
    assert_eq!(first_row, "44,000,000 t");
    url_written().await;
    assert!(window()
        .location()
        .search()
        .unwrap_or_default()
        .contains("table=1"));
    find(
        &root,
        "[role=tabpanel]:not([hidden]) .switch button:first-child",
    )
    .click();
    settle().await;
}

#[wasm_bindgen_test]
async fn the_keyboard_steps_through_the_data_and_reads_each_value() {
    let root = mount();
    find(&root, "#tab-reserves").click();
    settle().await;
    let chart = find(&root, "[role=tabpanel]:not([hidden]) .chart");
    let key = |k: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(k);
        init.set_bubbles(true);
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()
    };
    chart.dispatch_event(&key("ArrowDown")).unwrap();
    settle().await;
    let readout = text(&root, "[role=tabpanel]:not([hidden]) .readout");
    assert!(readout.starts_with("China: 44,000,000 t REO"), "{readout}");
    chart.dispatch_event(&key("ArrowDown")).unwrap();
    settle().await;
    let readout = text(&root, "[role=tabpanel]:not([hidden]) .readout");
    assert!(
        readout.contains("Liangshan") && readout.contains("4,960,000 t"),
        "{readout}"
    );
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_tabs() {
    let root = mount();
    find(&root, "#tab-reserves").click();
    settle().await;
    let tabs = find(&root, "[role=tablist]");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("End");
    init.set_bubbles(true);
    let end = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    tabs.dispatch_event(&end).unwrap();
    settle().await;
    // End reaches the registry's last view; one step back is Exports.
    assert_eq!(selected_tab(&root), "Prices");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowLeft");
    init.set_bubbles(true);
    let left = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    tabs.dispatch_event(&left).unwrap();
    settle().await;
    assert_eq!(selected_tab(&root), "Exports");
    let summary = text(&root, "[role=tabpanel]:not([hidden]) .summary");
    assert!(summary.contains("+6.4 %"), "{summary}");
}
