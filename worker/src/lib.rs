//! The search engine for the browser, run inside a Web Worker so that typing never waits for it.
//! What the worker does is [`pocketlaw_engine::worker::Host`]'s (the same code is tested
//! natively); this crate only hands it to JS. The bootstrap (public/search-worker.js) gives it
//! each message posted to the worker and the bytes of each file it asks for, and carries out
//! what it returns: messages to post, files to fetch.

use pocketlaw_engine::worker::{Config, Effect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What the bootstrap does next: post these messages (JSON text of
/// [`pocketlaw_engine::contract::Response`], passed on unread), fetch these files.
#[derive(Serialize)]
struct Effects<'a> {
    post: Vec<String>,
    fetch: Vec<Fetch<'a>>,
}

#[derive(Serialize)]
struct Fetch<'a> {
    url: &'a str,
    reload: bool,
}

fn encode(effects: Vec<Effect>) -> String {
    let mut post = Vec::new();
    let mut urls = Vec::new();
    for e in &effects {
        match e {
            Effect::Post(r) => post.extend(serde_json::to_string(r).ok()),
            Effect::Fetch { url, reload } => urls.push(Fetch { url, reload: *reload }),
        }
    }
    serde_json::to_string(&Effects { post, fetch: urls }).unwrap_or_else(|_| r#"{"post":[],"fetch":[]}"#.into())
}

/// The worker's one engine host. Every method returns the JSON text of what to do next:
/// `{"post": [message, …], "fetch": [{"url", "reload"}, …]}`.
#[wasm_bindgen]
pub struct Host {
    inner: pocketlaw_engine::worker::Host,
}

#[wasm_bindgen]
impl Host {
    /// Where the files are (the site build writes them into the bootstrap): the content index's
    /// root and pieces' folder, the library's root and pieces' folder (empty: no library).
    #[wasm_bindgen(constructor)]
    pub fn new(search_root: String, pieces: String, library_root: String, library_pieces: String) -> Host {
        console_error_panic_hook::set_once();
        let library = (!library_root.is_empty()).then_some((library_root, library_pieces));
        Host { inner: pocketlaw_engine::worker::Host::new(Config { search_root, pieces, library }) }
    }

    /// Starts: asks for the content index's root (the bootstrap has its download under way).
    pub fn start(&mut self) -> String {
        encode(self.inner.start())
    }

    /// A message posted to the worker (JSON text of a
    /// [`pocketlaw_engine::contract::Request`]); anything else is answered with `refused`.
    pub fn message(&mut self, data: JsValue) -> String {
        match data.as_string() {
            Some(text) => encode(self.inner.message(&text)),
            None => encode(self.inner.message("")),
        }
    }

    /// The bytes of a file it asked for.
    pub fn fetched(&mut self, url: &str, bytes: &[u8]) -> String {
        encode(self.inner.fetched(url, bytes))
    }

    /// A file it asked for did not come: the HTTP status, 0 when the network failed.
    pub fn failed(&mut self, url: &str, status: u16) -> String {
        encode(self.inner.failed(url, status))
    }
}
