//! The engine compiled to wasm and run in headless Chromium: the text pipeline that the browser
//! uses gives the same answers as natively (the native unit tests assert the same facts), and the
//! index in pieces is built, fetched piece by piece and searched the same way.
#![cfg(target_arch = "wasm32")]

use pocketlaw_engine::citation::Citation;
use pocketlaw_engine::lexicon::Lexicon;
use pocketlaw_engine::model::{DocKind, SearchRequest};
use pocketlaw_engine::search::pieces::{build, DocInput, PieceSizes};
use pocketlaw_engine::search::topics::{counts_for_topics, FIELD_WEIGHTS};
use pocketlaw_engine::search::SearchEngine;
use pocketlaw_engine::text::{normalize, tokenize};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn tokenizer_in_the_browser() {
    let toks: Vec<String> = tokenize("农民工欠薪怎么办").into_iter().map(|t| t.text).collect();
    assert!(toks.contains(&"欠薪".to_string()));
    assert_eq!(normalize("ＡＢＣ１２３"), "abc123");
    assert_eq!(normalize("離婚 繼承 賠償"), "离婚 继承 赔偿");
}

#[wasm_bindgen_test]
fn lexicon_and_citations_in_the_browser() {
    let lex = Lexicon::parse("工钱 = 劳动报酬").unwrap();
    assert_eq!(lex.expand("老板不给工钱"), vec!["劳动报酬"]);
    assert_eq!(Citation::parse("《中华人民共和国刑法》第二百七十六条之一").unwrap().key(), "刑法|第二百七十六条之一");
}

#[wasm_bindgen_test]
fn search_in_pieces_in_the_browser() {
    let docs: Vec<DocInput> =
        [("wage", 0u16, "老板不给工钱怎么办", "拖欠工资可以申请劳动仲裁"), ("divorce", 1, "离婚怎么分财产", "协议离婚到婚姻登记机关")]
            .into_iter()
            .map(|(id, topic, title, body)| DocInput {
                id: id.into(),
                kind: DocKind::Faq,
                topic,
                title: title.into(),
                body: body.into(),
                keywords: String::new(),
            })
            .collect();
    let topics = vec!["labour".to_string(), "family".to_string()];
    let lex = Lexicon::parse("工钱 = 劳动报酬").unwrap();
    let files = build(&docs, &lex, &topics, FIELD_WEIGHTS, counts_for_topics, PieceSizes::default()).unwrap();
    let mut engine = SearchEngine::open(&files.root).unwrap();
    let req = SearchRequest { query: "工钱".into(), kind: None, limit: 5 };
    let answer = engine.answer_fetching(&req, |_, name| files.piece(name)).unwrap();
    assert_eq!(answer.hits[0].id, "wage");
    assert_eq!(answer, SearchEngine::from_bundle_bytes(&files.encode_bundle()).unwrap().answer(&req));
    assert!(SearchEngine::open(b"nonsense").is_err());
}
