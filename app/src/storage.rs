//! Browser storage that never takes the app down: when localStorage is missing, blocked (some
//! in-app browsers' private modes) or full, reads give nothing and writes report failure.

/// The keys themselves are the engine's (`pocketlaw_engine::contract::storage`), shared with pwa.js.
use pocketlaw_engine::contract::storage::PREFIX;

fn store() -> Option<web_sys::Storage> {
    crate::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    store()?.get_item(&format!("{PREFIX}{key}")).ok().flatten()
}

/// Returns false when the value could not be kept.
pub fn set(key: &str, value: &str) -> bool {
    store().is_some_and(|s| s.set_item(&format!("{PREFIX}{key}"), value).is_ok())
}
