//! The search engine for the browser, run inside a Web Worker so that typing never waits for it.
//! The bootstrap script (public/search-worker.js) fetches the index root, then the pieces each
//! query names; the query code is the engine's, the same as the CLI's.

use pocketlaw_engine::model::{SearchRequest, SearchResponse};
use pocketlaw_engine::search::{SearchEngine, Step};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Engine {
    inner: SearchEngine,
}

#[wasm_bindgen]
impl Engine {
    /// Opens the index root. Fails with a readable message on a damaged root or a format version
    /// that does not match this engine.
    #[wasm_bindgen(constructor)]
    pub fn new(root: &[u8]) -> Result<Engine, JsError> {
        console_error_panic_hook::set_once();
        SearchEngine::open(root).map(|inner| Engine { inner }).map_err(|e| JsError::new(&e.to_string()))
    }

    pub fn num_docs(&self) -> usize {
        self.inner.num_docs()
    }

    /// Adds a fetched piece. Fails (and keeps nothing) when the bytes do not match the piece's
    /// name: the caller drops its cached copy and fetches it again.
    pub fn add_piece(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsError> {
        self.inner.add_piece(name, bytes).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Takes a JSON [`SearchRequest`]. Returns JSON: `{"need": [piece names]}` when pieces must be
    /// fetched first, else the [`SearchResponse`] (hits, and whether nothing matched well). A
    /// request that does not parse returns no hits: the search box never shows an error page.
    pub fn step(&self, request_json: &str) -> String {
        let step = match serde_json::from_str::<SearchRequest>(request_json) {
            Ok(req) => self.inner.step(&req),
            Err(_) => Step::Done(SearchResponse { hits: Vec::new(), weak: true }),
        };
        let json = match step {
            Step::Done(answer) => serde_json::to_string(&answer),
            Step::Need(names) => serde_json::to_string(&serde_json::json!({ "need": names })),
        };
        json.unwrap_or_else(|_| r#"{"hits":[],"weak":true}"#.into())
    }
}

/// The statute library (`engine::library`), a second class in the same wasm: the worker opens it
/// only when the library page first asks (its root is fetched then), so the content search's
/// cold start is unchanged but for the few kilobytes of code.
#[wasm_bindgen]
pub struct Library {
    inner: pocketlaw_engine::library::LibraryEngine,
}

#[wasm_bindgen]
impl Library {
    /// Opens the library's index root (with its law table). Fails with a readable message on a
    /// damaged root, another format version, or a root that is not a library's.
    #[wasm_bindgen(constructor)]
    pub fn new(root: &[u8]) -> Result<Library, JsError> {
        console_error_panic_hook::set_once();
        pocketlaw_engine::library::LibraryEngine::open(root).map(|inner| Library { inner }).map_err(|e| JsError::new(&e.to_string()))
    }

    pub fn num_articles(&self) -> usize {
        self.inner.num_articles()
    }

    /// Adds a fetched piece; refuses (keeping nothing) bytes that do not match the name.
    pub fn add_piece(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsError> {
        self.inner.add_piece(name, bytes).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The term directories not yet added, as a JSON array of piece names (fetched ahead after
    /// a first search, so that later word queries need one round of pieces less).
    pub fn missing_directories(&self) -> String {
        serde_json::to_string(&self.inner.missing_directories()).unwrap_or_else(|_| "[]".into())
    }

    /// Takes a JSON [`pocketlaw_engine::library::LibraryRequest`]. Returns JSON:
    /// `{"need": [piece names]}`, else the [`pocketlaw_engine::library::LibraryResponse`]. A
    /// request that does not parse answers no hits.
    pub fn step(&self, request_json: &str) -> String {
        use pocketlaw_engine::library::{LibraryRequest, LibraryResponse, LibraryStep};
        let step = match serde_json::from_str::<LibraryRequest>(request_json) {
            Ok(req) => self.inner.step(&req),
            Err(_) => LibraryStep::Done(LibraryResponse { hits: Vec::new(), mode: "words".into() }),
        };
        let json = match step {
            LibraryStep::Done(answer) => serde_json::to_string(&answer),
            LibraryStep::Need(names) => serde_json::to_string(&serde_json::json!({ "need": names })),
        };
        json.unwrap_or_else(|_| r#"{"hits":[],"mode":"words"}"#.into())
    }
}
