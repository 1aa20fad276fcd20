//! The search engine for the browser, run inside a Web Worker so that typing never waits for it.
//! The bootstrap script (public/search-worker.js) fetches the index bundle and calls this; the
//! query code is the engine's, the same as the CLI's.

use pocketlaw_engine::model::SearchRequest;
use pocketlaw_engine::search::SearchEngine;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Engine {
    inner: SearchEngine,
}

#[wasm_bindgen]
impl Engine {
    /// Opens the search bundle (`search.bin`). Fails with a readable message on a damaged bundle
    /// or a format version that does not match this engine.
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: &[u8]) -> Result<Engine, JsError> {
        console_error_panic_hook::set_once();
        SearchEngine::from_bundle_bytes(bundle).map(|inner| Engine { inner }).map_err(|e| JsError::new(&e.to_string()))
    }

    pub fn num_docs(&self) -> usize {
        self.inner.num_docs()
    }

    /// Takes a JSON [`SearchRequest`], returns a JSON array of hits. A request that does not
    /// parse returns an empty list: the search box never shows an error page.
    pub fn search(&self, request_json: &str) -> String {
        let hits = match serde_json::from_str::<SearchRequest>(request_json) {
            Ok(req) => self.inner.search(&req),
            Err(_) => Vec::new(),
        };
        serde_json::to_string(&hits).unwrap_or_else(|_| "[]".into())
    }
}
