//! The client side of the search worker. The worker loads the engine and index in the
//! background; the page stays usable meanwhile. Answers carry a sequence number, so a slow
//! answer to an old query never replaces a newer one.

use crate::api::assets;
use leptos::prelude::*;
use pocketlaw_engine::contract::{Request, Response};
use pocketlaw_engine::library::{LibraryRequest, LibraryResponse};
use pocketlaw_engine::model::{DocKind, Hit, SearchRequest};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

#[derive(Debug, Clone, PartialEq)]
pub enum EngineState {
    Loading,
    Ready,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub seq: u32,
    pub hits: Vec<Hit>,
    /// Nothing matched well (the engine's [`pocketlaw_engine::model::SearchResponse::weak`]).
    pub weak: bool,
    pub error: Option<String>,
}

/// A statute library search's answer (or why there is none).
#[derive(Debug, Clone, PartialEq)]
pub struct LawResults {
    pub seq: u32,
    pub query: String,
    pub response: Result<LibraryResponse, String>,
}

/// Without a service worker: how long after the page's `load` event the worker starts by itself.
const IDLE_START_MS: u32 = 2000;
/// With one: the latest the worker waits for the offline copy.
const FALLBACK_START_MS: u32 = 20_000;

/// Shared through context. Cloning is cheap (signals and a stored worker handle).
#[derive(Clone, Copy)]
pub struct SearchClient {
    worker: StoredValue<Option<Worker>, LocalStorage>,
    seq: StoredValue<u32>,
    pub state: RwSignal<EngineState>,
    pub results: RwSignal<Option<Results>>,
    /// The statute library's answers (the same worker; it opens the library on the first ask).
    pub law_results: RwSignal<Option<LawResults>>,
    law_queries: StoredValue<Vec<(u32, String)>>,
}

impl Default for SearchClient {
    fn default() -> Self {
        Self::new()
    }
}

impl SearchClient {
    /// The client, without a worker yet: see [`SearchClient::start`].
    pub fn new() -> SearchClient {
        SearchClient {
            worker: StoredValue::new_local(None),
            seq: StoredValue::new(0),
            state: RwSignal::new(EngineState::Loading),
            results: RwSignal::new(None),
            law_results: RwSignal::new(None),
            law_queries: StoredValue::new(Vec::new()),
        }
    }

    /// Starts the worker (once), which then downloads the engine and the index.
    pub fn start(&self) {
        if self.worker.with_value(Option::is_some) || matches!(self.state.get_untracked(), EngineState::Failed(_)) {
            return;
        }
        let (state, results, law_results, law_queries) = (self.state, self.results, self.law_results, self.law_queries);
        // The boot shell's search (public/boot-search.js) may have started the worker already:
        // then it is adopted, with the pieces it has fetched, and asked whether it is ready.
        let adopted =
            crate::window().and_then(|w| js_sys::Reflect::get(&w, &"plSearchWorker".into()).ok()).and_then(|v| v.dyn_into::<Worker>().ok());
        let is_adopted = adopted.is_some();
        let worker = match adopted {
            Some(w) => Ok(w),
            None => assets().and_then(|a| Worker::new(&a.search_worker).map_err(|_| "浏览器不支持后台搜索".to_string())),
        };
        match worker {
            Ok(w) => {
                let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
                    // The worker posts the JSON text of a `Response`; anything else is not ours.
                    let Some(msg) = ev.data().as_string().and_then(|t| serde_json::from_str::<Response>(&t).ok()) else {
                        return;
                    };
                    match msg {
                        Response::Ready { .. } => state.set(EngineState::Ready),
                        Response::Failed { message } => state.set(EngineState::Failed(message)),
                        // The boot shell's own searches are answered to it, not to the app.
                        Response::Results { boot: true, .. } | Response::Refused { .. } => {}
                        Response::Results { seq, boot: false, result } => {
                            let newest = results.with_untracked(|r: &Option<Results>| r.as_ref().is_none_or(|r| r.seq <= seq));
                            if newest {
                                let (hits, weak, error) = match result {
                                    Ok(r) => (r.hits, r.weak, None),
                                    Err(e) => (Vec::new(), false, Some(e)),
                                };
                                results.set(Some(Results { seq, hits, weak, error }));
                            }
                        }
                        Response::LawResults { seq, result } => {
                            let newest = law_results.with_untracked(|r: &Option<LawResults>| r.as_ref().is_none_or(|r| r.seq <= seq));
                            let query = law_queries.with_value(|q| q.iter().find(|(s, _)| *s == seq).map(|(_, q)| q.clone()));
                            if let (true, Some(query)) = (newest, query) {
                                law_results.set(Some(LawResults { seq, query, response: result }));
                            }
                        }
                    }
                });
                w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                on_message.forget();
                if is_adopted {
                    post(&w, &Request::Status);
                }
                self.worker.set_value(Some(w));
            }
            Err(e) => state.set(EngineState::Failed(e)),
        }
    }

    /// Starts the worker by itself, unless something started it sooner: once the service worker
    /// has its offline copy (then the worker's files come from that copy, not down the line a
    /// second time), or, where there is no service worker (WeChat on iOS), a little after `load`.
    pub fn start_later(&self) {
        let this = *self;
        let Some(w) = crate::window() else { return };
        if js_sys::Reflect::has(&w.navigator(), &"serviceWorker".into()).unwrap_or(false) {
            let start = Closure::<dyn FnMut(JsValue)>::once(move |_: JsValue| this.start());
            let _ = w.navigator().service_worker().ready().map(|p| p.then(&start));
            start.forget();
            // If the offline copy never comes (storage full, private mode), start anyway.
            gloo_timers::callback::Timeout::new(FALLBACK_START_MS, move || this.start()).forget();
            return;
        }
        let later = move || gloo_timers::callback::Timeout::new(IDLE_START_MS, move || this.start()).forget();
        if w.document().is_some_and(|d| d.ready_state() == "complete") {
            later();
        } else {
            let cb = Closure::once_into_js(later);
            let _ = w.add_event_listener_with_callback("load", cb.unchecked_ref());
        }
    }

    /// Sends a query. An empty query clears the results without asking the worker.
    pub fn search(&self, query: &str, kind: Option<DocKind>, limit: usize) {
        let seq = self.seq.get_value() + 1;
        self.seq.set_value(seq);
        if query.trim().is_empty() {
            self.results.set(Some(Results { seq, hits: Vec::new(), weak: false, error: None }));
            return;
        }
        self.start();
        let request = Request::Search { seq, boot: false, request: SearchRequest { query: query.to_string(), kind, limit } };
        self.worker.with_value(|w| {
            if let Some(w) = w {
                post(w, &request);
            }
        });
    }
}

impl SearchClient {
    /// Asks the statute library (the worker opens it on the first ask).
    pub fn law_search(&self, request: LibraryRequest) {
        let seq = self.seq.get_value() + 1;
        self.seq.set_value(seq);
        self.law_queries.update_value(|q| {
            q.push((seq, request.query.clone()));
            if q.len() > 20 {
                q.remove(0);
            }
        });
        self.start();
        self.worker.with_value(|w| {
            if let Some(w) = w {
                post(w, &Request::LawSearch { seq, request });
            }
        });
    }
}

/// Posts a message to the worker: the JSON text of a [`Request`], which its bootstrap hands to the
/// engine unread.
fn post(w: &Worker, request: &Request) {
    if let Ok(text) = serde_json::to_string(request) {
        let _ = w.post_message(&JsValue::from_str(&text));
    }
}
