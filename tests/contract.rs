//! The contract between the halves (`engine::contract`): the two messages written in JS must have
//! the engine's shape, and the worker's logic (`engine::worker::Host`, what the browser's worker
//! runs) must answer on the real index and library as the CLI does.

use pocketlaw_engine::contract::{Request, Response};
use pocketlaw_engine::library::{LibraryEngine, LibraryRequest};
use pocketlaw_engine::model::{DocKind, Hit, SearchRequest, SearchResponse};
use pocketlaw_engine::search::pieces::IndexFiles;
use pocketlaw_engine::search::SearchEngine;
use pocketlaw_engine::worker::{Config, Effect, Host};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn public(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("public").join(name)).unwrap()
}

/// The object literal in `js` right after `marker`, as JSON: its keys quoted, and each variable
/// replaced by the JSON value `vars` gives it (an unknown variable fails the test).
fn literal_after(js: &str, marker: &str, vars: &[(&str, &str)]) -> Value {
    let start = js.find(marker).unwrap_or_else(|| panic!("no {marker:?} in the script")) + marker.len();
    let mut depth = 0;
    let mut end = start;
    for (i, c) in js[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            end = start + i + 1;
            break;
        }
    }
    let text = &js[start..end];
    let mut json = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            json.push(c);
            for c in chars.by_ref() {
                json.push(c);
                if c == '"' {
                    break;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let mut word = c.to_string();
            while let Some(&n) = chars.peek().filter(|n| n.is_alphanumeric() || **n == '_') {
                word.push(n);
                chars.next();
            }
            let key = chars.clone().find(|c| !c.is_whitespace()) == Some(':');
            match (key, word.as_str()) {
                (true, _) => json.push_str(&format!("\"{word}\"")),
                (false, "true" | "false" | "null") => json.push_str(&word),
                (false, _) => {
                    let v = vars.iter().find(|v| v.0 == word).unwrap_or_else(|| panic!("{text}: what is {word}?"));
                    json.push_str(v.1);
                }
            }
        } else {
            json.push(c);
        }
    }
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{text} → {json}: {e}"))
}

#[test]
fn boot_search_posts_the_engines_search_request() {
    let js = public("boot-search.js");
    let posted = literal_after(&js, "worker.postMessage(JSON.stringify(", &[("seq", "7"), ("q", "\"工钱\""), ("PAGE", "10")]);
    let expected = Request::Search { seq: 7, boot: true, request: SearchRequest { query: "工钱".into(), kind: None, limit: 10 } };
    assert_eq!(posted, serde_json::to_value(&expected).unwrap(), "boot-search.js's message is not the engine's Request");
    assert_eq!(serde_json::from_value::<Request>(posted).unwrap(), expected);
}

/// The value at a path of keys, if any.
fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

#[test]
fn boot_search_reads_the_engines_responses() {
    let js = public("boot-search.js");
    let hit = Hit { id: "d".into(), kind: DocKind::Faq, topic: "labour".into(), title: "t".into(), score: 1.0, snippet: "s".into() };
    let ok =
        serde_json::to_value(Response::Results { seq: 1, boot: true, result: Ok(SearchResponse { hits: vec![hit.clone()], weak: true }) })
            .unwrap();
    let err = serde_json::to_value(Response::Results { seq: 1, boot: true, result: Err("e".into()) }).unwrap();
    let failed = serde_json::to_value(Response::Failed { message: "m".into() }).unwrap();
    // What the script reads (left), and where the engine's JSON has it (right).
    let reads: [(&str, &Value, &[&str]); 9] = [
        ("msg.failed", &failed, &["failed"]),
        ("failed.message", &failed, &["failed", "message"]),
        ("msg.results", &ok, &["results"]),
        ("res.boot", &ok, &["results", "boot"]),
        ("res.seq", &ok, &["results", "seq"]),
        ("res.result.Ok", &ok, &["results", "result", "Ok"]),
        ("res.result.Err", &err, &["results", "result", "Err"]),
        ("msg.hits", &ok, &["results", "result", "Ok", "hits"]),
        ("msg.weak", &ok, &["results", "result", "Ok", "weak"]),
    ];
    for (read, value, path) in reads {
        assert!(js.contains(read), "boot-search.js no longer reads {read}: update this test with it");
        assert!(at(value, path).is_some(), "{read}: the engine's message has no {path:?}: {value}");
    }
    let hit = serde_json::to_value(&hit).unwrap();
    for key in ["id", "kind", "topic", "title", "snippet"] {
        assert!(js.contains(&format!("h.{key}")), "boot-search.js no longer reads h.{key}");
        assert!(hit.get(key).is_some(), "a Hit has no {key}");
    }
}

#[test]
fn the_worker_bootstrap_passes_messages_through() {
    let js = public("search-worker.js");
    // Its one message of its own: the engine did not load.
    let posted = literal_after(&js, "postMessage(JSON.stringify(", &[("failure", "\"CompileError\"")]);
    assert_eq!(posted, serde_json::to_value(Response::Failed { message: "CompileError".into() }).unwrap());
    // Everything else goes to the host unread and comes back as text to post.
    assert!(js.contains("run(host.message(event.data))") && js.contains("postMessage(m)"));
    assert_eq!(js.matches("JSON.parse(").count(), 1, "it parses only the host's own to-do list");
}

/// Plays the bootstrap: each file the host asks for comes from `files` (none: a 404). Returns
/// the messages posted, the number of fetches, and the rounds of fetches before the first message.
fn drive(host: &mut Host, effects: Vec<Effect>, files: &dyn Fn(&str) -> Option<Vec<u8>>) -> (Vec<Response>, usize, usize) {
    let (mut posted, mut fetches, mut rounds, mut effects) = (Vec::new(), 0, 0, effects);
    while !effects.is_empty() {
        if posted.is_empty() && effects.iter().any(|e| matches!(e, Effect::Fetch { .. })) {
            rounds += 1;
        }
        let mut next = Vec::new();
        for e in effects {
            match e {
                Effect::Post(r) => posted.push(r),
                Effect::Fetch { url, .. } => {
                    fetches += 1;
                    next.extend(match files(&url) {
                        Some(bytes) => host.fetched(&url, &bytes),
                        None => host.failed(&url, 404),
                    });
                }
            }
        }
        effects = next;
    }
    (posted, fetches, rounds)
}

#[test]
fn the_worker_answers_the_real_index_as_the_cli_does() {
    let bundle = include_bytes!(concat!(env!("OUT_DIR"), "/site-data/search.bin"));
    let files = IndexFiles::decode_bundle(bundle).unwrap();
    let cli = SearchEngine::from_bundle_bytes(bundle).unwrap();
    let by_url: BTreeMap<String, Vec<u8>> = files
        .pieces
        .iter()
        .map(|(n, b)| (format!("/data/ix/{n}.bin"), b.clone()))
        .chain([("/root".to_string(), files.root.clone())])
        .collect();
    let mut host = Host::new(Config { search_root: "/root".into(), pieces: "/data/ix/".into(), library: None });
    let start = host.start();
    let (posted, _, _) = drive(&mut host, start, &|u| by_url.get(u).cloned());
    assert_eq!(posted, vec![Response::Ready { docs: cli.num_docs() }]);
    for (seq, q) in ["老板不给工钱怎么办", "离婚孩子归谁", "被狗咬了", "借钱不还", "xyz"].into_iter().enumerate() {
        let request = SearchRequest { query: q.into(), kind: None, limit: 10 };
        let msg = serde_json::to_string(&Request::Search { seq: seq as u32, boot: false, request: request.clone() }).unwrap();
        let first = host.message(&msg);
        let (posted, _, _) = drive(&mut host, first, &|u| by_url.get(u).cloned());
        let expected = Response::Results { seq: seq as u32, boot: false, result: Ok(cli.answer(&request)) };
        assert_eq!(posted, vec![expected], "{q}");
    }
}

#[test]
fn the_worker_opens_the_library_on_the_first_law_search() {
    let Some(dir) = crate::library::library() else { return };
    let manifest: Value = serde_json::from_slice(&std::fs::read(dir.join("library.json")).unwrap()).unwrap();
    let root = manifest["root"].as_str().unwrap().to_string();
    let file = |url: &str| {
        let rel = url.strip_prefix("/library/")?;
        std::fs::read(dir.join(rel)).ok()
    };
    let config = Config {
        search_root: "/none".into(),
        pieces: "/data/ix/".into(),
        library: Some((format!("/library/{root}"), "/library/ix/".into())),
    };
    let mut host = Host::new(config);
    let request = LibraryRequest { query: "劳动合同法 第47条".into(), law: None, limit: 5 };
    let first = host.message(&serde_json::to_string(&Request::LawSearch { seq: 3, request: request.clone() }).unwrap());
    assert!(matches!(&first[..], [Effect::Fetch { url, reload: false }] if url.ends_with(&root)), "only the library's root: {first:?}");
    let (posted, fetches, rounds) = drive(&mut host, first, &file);
    let mut cli = LibraryEngine::open(&std::fs::read(dir.join(&root)).unwrap()).unwrap();
    let expected =
        cli.answer_fetching(&request, |_, n| std::fs::read(dir.join("ix").join(format!("{n}.bin"))).ok().map(Into::into)).unwrap();
    assert_eq!(posted, vec![Response::LawResults { seq: 3, result: Ok(expected.clone()) }]);
    assert_eq!(expected.hits[0].article.as_deref(), Some("第四十七条"));
    assert!(rounds >= 2, "the root, then pieces: {rounds} rounds");
    // After the answer the term directories were fetched ahead (driven to the end here): a word
    // query now needs two rounds of pieces at most (postings, texts), and nothing else is fetched
    // ahead.
    let words = LibraryRequest { query: "拒不支付劳动报酬".into(), law: None, limit: 5 };
    let ask = host.message(&serde_json::to_string(&Request::LawSearch { seq: 5, request: words }).unwrap());
    let (posted_words, more, rounds) = drive(&mut host, ask, &file);
    assert!(matches!(&posted_words[..], [Response::LawResults { seq: 5, result: Ok(r) }] if !r.hits.is_empty()), "{posted_words:?}");
    assert!(rounds <= 2 && more > 0 && fetches > more, "{rounds} rounds, {more} fetches (the first search and the directories: {fetches})");
    // The content index never loaded: a content search fails alone, the library still answers.
    let start = host.start();
    let (posted, _, _) = drive(&mut host, start, &file);
    assert!(matches!(&posted[..], [Response::Failed { message }] if message.contains("404")), "{posted:?}");
    let again = host.message(&serde_json::to_string(&Request::LawSearch { seq: 4, request }).unwrap());
    let (posted, _, _) = drive(&mut host, again, &file);
    assert!(matches!(&posted[..], [Response::LawResults { seq: 4, result: Ok(r) }] if r == &expected), "{posted:?}");
}
