//! The engine's contract ([`pocketlaw_engine::contract`]) written into the site's scripts, so that
//! the JS side never spells a storage key itself.

use pocketlaw_engine::contract::storage;

/// `public/pwa.js`'s `{{…}}` names and what fills them.
pub fn pwa_names() -> [(&'static str, &'static str); 4] {
    [
        ("{{STORAGE_PREFIX}}", storage::PREFIX),
        ("{{TEXT_SIZE_KEY}}", storage::TEXT_SIZE),
        ("{{TEXT_SIZE_DEFAULT}}", storage::TEXT_SIZES[0]),
        ("{{WECHAT_HINT_KEY}}", storage::WECHAT_HINT),
    ]
}

/// `public/pwa.js` with the storage keys filled in; `None` when a `{{…}}` is left over (a name
/// this build does not know).
pub fn fill_pwa(text: &str) -> Option<String> {
    let filled = pwa_names().iter().fold(text.to_string(), |t, (name, value)| t.replace(name, value));
    (!filled.contains("{{")).then_some(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pwa_js_gets_every_key_from_the_engine() {
        let raw = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/pwa.js")).unwrap();
        for (name, _) in pwa_names() {
            assert!(raw.contains(name), "pwa.js does not use {name}");
        }
        // Every key it reads or writes is one of the names, never spelt in the script.
        for call in ["store.get(", "store.set(", "Item("] {
            for (i, _) in raw.match_indices(call) {
                assert!(
                    raw[i + call.len()..].starts_with("\"{{") || raw[i + call.len()..].starts_with('k'),
                    "pwa.js: {}",
                    raw[i..].chars().take(40).collect::<String>()
                );
            }
        }
        assert!(!raw.contains(storage::PREFIX) && !raw.contains(&format!("|| \"{}\"", storage::TEXT_SIZES[0])));
        let filled = fill_pwa(&raw).unwrap();
        assert!(filled.contains("getItem(\"pocketlaw.\" + k)") && filled.contains("store.get(\"textsize\")"), "{filled}");
        assert_eq!(fill_pwa("var k = \"{{TEXT_SIZE}}\";"), None);
    }
}
