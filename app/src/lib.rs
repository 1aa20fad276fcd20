//! Pocket Law's user interface (Leptos, client-side rendered). Pages live in `routes/`, shared
//! pieces in `components/`, data access in `api.rs` and the search worker client in `search.rs`.
//! The logic (search, content model) is the engine's; this crate only shows it.

mod api;
mod app;
mod components;
mod routes;
mod search;
#[cfg(feature = "ssr")]
pub mod ssr;
mod storage;

use wasm_bindgen::prelude::*;

/// Entry point, run when the wasm has loaded. The page's static boot shell (this route drawn by
/// the build from these same components, see `ssr`) stays until the catalog is here too; then the
/// app replaces it in one step with the same markup, so nothing on screen jumps. (It does not
/// hydrate: the pages' data loads after the wasm, so the first draw could not match.)
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let catalog = api::load_catalog().await;
        // Draw in a task of its own: a phone's main thread stays free for taps in between.
        gloo_timers::future::TimeoutFuture::new(0).await;
        let doc = crate::window().and_then(|w| w.document());
        if let Some(boot) = doc.as_ref().and_then(|d| d.get_element_by_id("boot")) {
            carry_boot_query(&boot);
            boot.remove();
        }
        leptos::mount::mount_to_body(move || leptos::view! { <app::App catalog/> });
        // The static page and the app draw the same markup; this says which one is on screen.
        if let Some(root) = doc.as_ref().and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-app", "ready");
        }
        // pwa.js sets up the offline copy once the app has drawn.
        if let (Some(w), Ok(ev)) = (crate::window(), web_sys::Event::new("pocketlaw-ready")) {
            let _ = w.dispatch_event(&ev);
        }
    });
}

/// The browser's window: none when the components are rendered by the site build on the host
/// (`ssr`), so a component reading the phone's state (storage, clock, the page) draws its default.
pub(crate) fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// JavaScript's `encodeURIComponent`, in Rust so that the site build writes the same links as the
/// app: UTF-8 bytes as `%XX`, except letters, digits and `-_.!~*'()`.
pub(crate) fn encode_uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A path segment for a link: ASCII other than letters, digits and `-_.~` as `%XX` (so `#`, `?`,
/// `/` and `%` in a law's name stay inside the segment), other characters as they are (the
/// browser sends them as UTF-8; a Chinese name stays a third of the size it has percent-encoded).
pub(crate) fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !c.is_ascii() || c.is_ascii_alphanumeric() || "-_.~".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("%{:02X}", c as u32));
        }
    }
    out
}

/// A page's address with its query: `path?k=v&…`, each value encoded, empty values left out.
pub(crate) fn url_with(path: &str, params: &[(&str, &str)]) -> String {
    let query: Vec<String> =
        params.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode_uri_component(v))).collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
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
    let Some(w) = crate::window() else { return };
    if w.location().pathname().as_deref() != Ok("/") {
        return;
    }
    let url = format!("/?q={}", crate::encode_uri_component(&typed));
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(super::encode_uri_component("劳动合同法"), "%E5%8A%B3%E5%8A%A8%E5%90%88%E5%90%8C%E6%B3%95");
        assert_eq!(super::encode_uri_component("a b&c=d/e?f#g"), "a%20b%26c%3Dd%2Fe%3Ff%23g");
        assert_eq!(super::encode_uri_component("-_.!~*'()AZaz09"), "-_.!~*'()AZaz09");
    }

    #[test]
    fn urls_leave_out_empty_values() {
        assert_eq!(super::url_with("/laws", &[("q", ""), ("law", "")]), "/laws");
        assert_eq!(super::url_with("/", &[("q", "工钱 a&b"), ("kind", "faq")]), "/?q=%E5%B7%A5%E9%92%B1%20a%26b&kind=faq");
    }

    #[test]
    fn a_path_segment_keeps_chinese_and_escapes_what_would_end_it() {
        assert_eq!(super::path_segment("劳动合同法"), "劳动合同法");
        assert_eq!(super::path_segment("a/b?c#d%e f"), "a%2Fb%3Fc%23d%25e%20f");
    }
}
