//! The contract between the halves of the site, written once and compiled by both sides: the
//! messages to and from the search worker ([`Request`], [`Response`]) and the browser storage keys
//! ([`storage`]). The asset map is [`crate::model::Assets`]. (The route paths are not here: the
//! app's route table is Leptos's `path!`, which takes literals.)
//!
//! The worker's messages travel as JSON text (`postMessage` of a string): the app and the worker's
//! wasm encode and decode them with these types, the worker's JS bootstrap passes them through
//! unread. The two scripts that must write a message in JS (`public/boot-search.js`, the
//! bootstrap's "the engine did not load") are checked against these types by `tests/contract.rs`.

use crate::library::{LibraryRequest, LibraryResponse};
use crate::model::{Hit, SearchRequest, SearchResponse};
use serde::{Deserialize, Serialize};

/// A message to the search worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Request {
    /// Search the guides, FAQs and quiz questions. `seq` comes back with the answer; `boot` marks
    /// the boot shell's own searches (`public/boot-search.js`), whose answers the app ignores and
    /// the other way round, as both listen to the same worker.
    Search {
        seq: u32,
        #[serde(default)]
        boot: bool,
        request: SearchRequest,
    },
    /// Search the statute library (the worker opens it on the first such message).
    LawSearch { seq: u32, request: LibraryRequest },
    /// Is the engine ready? Answered with [`Response::Ready`] or [`Response::Failed`] once the
    /// index root is in (the app asks when it adopts the worker the boot shell started).
    Status,
}

/// A message from the search worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    /// The engine and the index root are in (sent once by itself, and on [`Request::Status`]).
    Ready { docs: usize },
    /// The engine could not start (a browser too old for the wasm, an index root that did not
    /// come or is damaged): every content search fails with this message.
    Failed { message: String },
    /// The answer to [`Request::Search`] with the same `seq` and `boot`.
    Results { seq: u32, boot: bool, result: Result<SearchResponse, String> },
    /// The answer to [`Request::LawSearch`] with the same `seq`.
    LawResults { seq: u32, result: Result<LibraryResponse, String> },
    /// A message the worker could not read (not text, not JSON, not a [`Request`]).
    Refused { message: String },
}

impl Response {
    /// The hits of a content answer (none for an error or another message).
    pub fn hits(&self) -> &[Hit] {
        match self {
            Response::Results { result: Ok(r), .. } => &r.hits,
            _ => &[],
        }
    }
}

/// Keys of the browser's localStorage, each stored under [`storage::PREFIX`]. `public/pwa.js`
/// gets the ones it uses from here at build time (`pocketlaw site` fills its `{{…}}` names).
pub mod storage {
    /// Before every key, so that nothing else on the origin is touched.
    pub const PREFIX: &str = "pocketlaw.";
    /// The text size: one of [`TEXT_SIZES`] (also the `data-size` of `<html>`).
    pub const TEXT_SIZE: &str = "textsize";
    /// The text sizes, the first being the default (no `data-size` rule in the style sheet).
    pub const TEXT_SIZES: [&str; 3] = ["standard", "large", "xlarge"];
    /// The one-time hint inside WeChat on iOS has been dismissed.
    pub const WECHAT_HINT: &str = "wechat-hint";
    /// The quiz progress (`quiz::Progress`, versioned JSON).
    pub const QUIZ: &str = "quiz";
    /// Written once to learn whether storage keeps anything.
    pub const PROBE: &str = "probe";
    /// The notices already shown on the home page (a JSON list of ids).
    pub const NOTICES_SEEN: &str = "notices-seen";

    /// A calculator's last inputs.
    pub fn calc(id: &str) -> String {
        format!("calc.{id}")
    }

    /// A form's answers.
    pub fn form(id: &str) -> String {
        format!("form.{id}")
    }

    /// A decision tree's answers.
    pub fn tree(id: &str) -> String {
        format!("tree.{id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocKind;

    fn round_trip<T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug>(v: &T) -> String {
        let json = serde_json::to_string(v).unwrap();
        assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), v, "{json}");
        json
    }

    #[test]
    fn messages_round_trip_in_their_wire_shape() {
        let search =
            Request::Search { seq: 3, boot: false, request: SearchRequest { query: "工钱".into(), kind: Some(DocKind::Faq), limit: 10 } };
        assert_eq!(round_trip(&search), r#"{"search":{"seq":3,"boot":false,"request":{"query":"工钱","kind":"faq","limit":10}}}"#);
        assert_eq!(round_trip(&Request::Status), r#""status""#);
        let law = Request::LawSearch { seq: 9, request: LibraryRequest { query: "劳动法".into(), law: None, limit: 5 } };
        assert_eq!(round_trip(&law), r#"{"law-search":{"seq":9,"request":{"query":"劳动法","limit":5}}}"#);
        let failed = Response::Results { seq: 4, boot: true, result: Err("搜索没有完成".into()) };
        assert_eq!(round_trip(&failed), r#"{"results":{"seq":4,"boot":true,"result":{"Err":"搜索没有完成"}}}"#);
        assert!(failed.hits().is_empty());
        round_trip(&Response::Ready { docs: 120 });
        round_trip(&Response::LawResults { seq: 1, result: Ok(LibraryResponse { hits: vec![], mode: "words".into() }) });
    }

    #[test]
    fn a_boot_flag_left_out_means_the_app() {
        let r: Request = serde_json::from_str(r#"{"search":{"seq":1,"request":{"query":"x","limit":2}}}"#).unwrap();
        assert_eq!(r, Request::Search { seq: 1, boot: false, request: SearchRequest { query: "x".into(), kind: None, limit: 2 } });
        for bad in [r#"{"search":{"seq":-1,"request":{"query":"x","limit":2}}}"#, r#"{"type":"search"}"#, r#""reset""#, "", "[]"] {
            assert!(serde_json::from_str::<Request>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn storage_keys_are_distinct_and_prefixed_once() {
        let keys = [storage::TEXT_SIZE, storage::WECHAT_HINT, storage::QUIZ, storage::PROBE, storage::NOTICES_SEEN];
        let set: std::collections::BTreeSet<_> = keys.iter().collect();
        assert_eq!(set.len(), keys.len());
        assert!(keys.iter().all(|k| !k.starts_with(storage::PREFIX) && !k.contains('.')), "dotted keys are the per-item ones");
        assert_eq!(storage::calc("severance"), "calc.severance");
        assert_ne!(storage::form("x"), storage::tree("x"));
    }
}
