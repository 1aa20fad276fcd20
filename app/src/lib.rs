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

/// Entry point, run when the wasm has loaded. The page's static boot shell (this route drawn by
/// the build, see `builder::boot`) stays until the catalog is here too; then the app replaces it
/// in one step, complete, so nothing on screen jumps.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let catalog = api::load_catalog().await;
        // Draw in a task of its own: a phone's main thread stays free for taps in between.
        gloo_timers::future::TimeoutFuture::new(0).await;
        let doc = web_sys::window().and_then(|w| w.document());
        if let Some(boot) = doc.as_ref().and_then(|d| d.get_element_by_id("boot")) {
            carry_boot_query(&boot);
            boot.remove();
        }
        leptos::mount::mount_to_body(move || leptos::view! { <app::App catalog/> });
        // pwa.js sets up the offline copy once the app has drawn.
        if let (Some(w), Ok(ev)) = (web_sys::window(), web_sys::Event::new("pocketlaw-ready")) {
            let _ = w.dispatch_event(&ev);
        }
    });
}

/// Words typed into the boot shell's search box before the app was ready become the app's query.
fn carry_boot_query(boot: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let typed = boot
        .query_selector("input[type=search]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .filter(|v| !v.trim().is_empty());
    let Some(typed) = typed else { return };
    let Some(w) = web_sys::window() else { return };
    if w.location().pathname().as_deref() != Ok("/") {
        return;
    }
    let url = format!("/?q={}", js_sys::encode_uri_component(&typed));
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
