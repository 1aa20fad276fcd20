//! The engine compiled to wasm and run in headless Chromium: the text pipeline that the browser
//! uses gives the same answers as natively (the native unit tests assert the same facts).
#![cfg(target_arch = "wasm32")]

use pocketlaw_engine::bundle::SearchBundle;
use pocketlaw_engine::citation::Citation;
use pocketlaw_engine::lexicon::Lexicon;
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
fn bundle_format_in_the_browser() {
    let b = SearchBundle { lexicon: Lexicon::default(), topics: Default::default(), files: vec![("meta.json".into(), b"{}".to_vec())] };
    assert_eq!(SearchBundle::decode(&b.encode()).unwrap(), b);
    assert!(SearchBundle::decode(b"nonsense").is_err());
}
