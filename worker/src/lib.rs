//! The search engine for the browser, run inside a Web Worker so that typing never waits for it.
//! The bootstrap script (public/search-worker.js) fetches the index bundle and calls this; the
//! query code is the engine's, the same as the CLI's.

use pocketlaw_engine::model::{SearchRequest, SearchResponse};
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

    /// Takes a JSON [`SearchRequest`], returns a JSON [`SearchResponse`] (hits, and whether
    /// nothing matched well). A request that does not parse returns no hits: the search box never
    /// shows an error page.
    pub fn search(&self, request_json: &str) -> String {
        let answer = match serde_json::from_str::<SearchRequest>(request_json) {
            Ok(req) => self.inner.answer(&req),
            Err(_) => SearchResponse { hits: Vec::new(), weak: true },
        };
        serde_json::to_string(&answer).unwrap_or_else(|_| r#"{"hits":[],"weak":true}"#.into())
    }
}
