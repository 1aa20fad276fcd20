//! Pocket Law's user interface (Leptos, client-side rendered). Pages live in `routes/`, shared
//! pieces in `components/`, data access in `api.rs` and the search worker client in `search.rs`.
//! The logic (search, content model) is the engine's; this crate only shows it.

mod api;
mod app;
mod components;
mod routes;
mod search;
mod storage;

use wasm_bindgen::prelude::*;

/// Entry point: mounts the app. Called by the page's module script after the wasm loads.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    // The static boot shell (hotline, "opening…") has done its job once the app can draw.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
