//! Search behaviour: ranking rules on the fixture content, and robustness on the real index.

use pocketlaw_engine::model::{DocKind, Hit, SearchRequest};
use pocketlaw_engine::search::SearchEngine;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn fixture_engine() -> &'static SearchEngine {
    static E: OnceLock<SearchEngine> = OnceLock::new();
    E.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let data = pocketlaw_builder::compile(&dir, None).unwrap_or_else(|d| panic!("{d}"));
        SearchEngine::from_bundle_bytes(&data.search.encode_bundle()).unwrap()
    })
}

/// The index the release site ships (compiled by build.rs from content/).
fn real_engine() -> &'static SearchEngine {
    static E: OnceLock<SearchEngine> = OnceLock::new();
    E.get_or_init(|| SearchEngine::from_bundle_bytes(include_bytes!(concat!(env!("OUT_DIR"), "/site-data/search.bin"))).unwrap())
}

fn search(e: &SearchEngine, q: &str, kind: Option<DocKind>) -> Vec<Hit> {
    e.search(&SearchRequest { query: q.into(), kind, limit: 10 })
}

fn ids(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn exact_match_ranks_above_a_lexicon_expansion() {
    // divorce-guide says 工钱 literally; wage-guide only says 劳动报酬, which 工钱 expands to.
    let hits = search(fixture_engine(), "工钱", None);
    let ids = ids(&hits);
    assert_eq!(ids.first(), Some(&"divorce-guide"), "{ids:?}");
    assert!(ids.contains(&"wage-guide"), "the expansion must find the wage guide: {ids:?}");
}

#[test]
fn title_match_ranks_above_body_match() {
    // 老板 is in the FAQ's title and only in the guide's body.
    let ids_ = search(fixture_engine(), "老板", None);
    let ids = ids(&ids_);
    let faq = ids.iter().position(|i| *i == "faq-boss-ran").unwrap();
    let guide = ids.iter().position(|i| *i == "wage-guide").unwrap();
    assert!(faq < guide, "{ids:?}");
}

#[test]
fn kind_filter() {
    let hits = search(fixture_engine(), "仲裁", Some(DocKind::Quiz));
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.kind == DocKind::Quiz));
    let all = search(fixture_engine(), "仲裁", None);
    assert!(all.len() > hits.len());
}

#[test]
fn traditional_and_full_width_input() {
    assert_eq!(ids(&search(fixture_engine(), "離婚", None)).first(), Some(&"divorce-guide"));
    assert_eq!(ids(&search(fixture_engine(), "冷靜期", None)).first(), Some(&"divorce-guide"));
}

#[test]
fn snippets_highlight_the_match() {
    let hits = search(fixture_engine(), "冷静期", None);
    assert!(hits[0].snippet.contains("<mark>冷静期</mark>"), "{}", hits[0].snippet);
}

#[test]
fn colloquial_queries_find_their_topic_on_the_real_index() {
    let cases = [
        ("老板不给工钱", "wage-arrears"),
        ("包工头跑了", "wage-arrears"),
        ("打官司要多少钱", "litigation"),
        ("儿子不养老人", "elderly-support"),
        ("被老公打了", "domestic-violence"),
        ("被狗咬了", "personal-injury"),
        ("借钱不还", "private-lending"),
        ("撞了人跑了", "traffic-accident"),
        ("刷单被骗了", "fraud"),
        ("在工地摔伤了", "work-injury"),
        ("请不起律师", "legal-aid|criminal-defense"),
        ("想离婚", "divorce"),
        ("老人没人管", "elderly-support"),
        ("宅基地被占了", "homestead"),
        ("买到假种子", "consumer"),
    ];
    for (q, topics) in cases {
        let hits = search(real_engine(), q, None);
        let first = hits.first().map(|h| h.topic.as_str()).unwrap_or("");
        assert!(topics.split('|').any(|t| t == first), "{q}: expected {topics}, got {:?}", ids(&hits));
    }
}

/// What every answer must be, whatever the input: at most `limit` hits, no document twice, best
/// first, and snippets that are escaped text with nothing but `<mark>` in them.
fn assert_well_formed(hits: &[Hit], limit: usize, q: &str) {
    assert!(hits.len() <= limit, "{q}: {} hits for limit {limit}", hits.len());
    let mut seen = std::collections::HashSet::new();
    assert!(hits.iter().all(|h| seen.insert(h.id.as_str())), "{q}: a document twice: {:?}", ids(hits));
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score || w[0].topic != w[1].topic), "{q}: not best first within a topic");
    for h in hits {
        let bare = h.snippet.replace("<mark>", "").replace("</mark>", "");
        assert!(!bare.contains('<') && !bare.contains('>'), "{q}: unescaped snippet {}", h.snippet);
        assert!(h.score.is_finite(), "{q}: score {}", h.score);
    }
}

#[test]
fn strange_inputs_return_a_list() {
    let long = "工资".repeat(1000);
    // Nothing to search for: no words at all, only punctuation, emoji or invisible characters.
    for q in ["", " ", "！？。，", "😀😀", "\"", ":", "(", ")", "-", "\u{0}", "\u{200B}"] {
        let hits = search(real_engine(), q, None);
        assert!(hits.is_empty(), "{q:?} has no words, yet found {:?}", ids(&hits));
    }
    // Query syntax is just text: the words in it are searched, and nothing else happens.
    for (q, topic) in
        [("title:工伤", "work-injury"), ("\"工伤 AND (赔偿 OR title:认定)", "work-injury"), ("<script>工钱</script>", "wage-arrears")]
    {
        let hits = search(real_engine(), q, None);
        assert_well_formed(&hits, 10, q);
        assert_eq!(hits.first().map(|h| h.topic.as_str()), Some(topic), "{q}: {:?}", ids(&hits));
    }
    let hits = search(real_engine(), &long, None);
    assert_well_formed(&hits, 10, "long");
    assert_eq!(hits.first().map(|h| h.topic.as_str()), Some("wage-arrears"), "{:?}", ids(&hits));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn any_unicode_query_returns_a_list(q in any::<String>(), limit in 0usize..200) {
        let hits = real_engine().search(&SearchRequest { query: q.clone(), kind: None, limit });
        assert_well_formed(&hits, limit.clamp(1, 100), &q);
    }

    #[test]
    fn mixed_chinese_and_syntax_queries(q in "[工资离婚赔偿老板跑了\"():AND\\-*?~^ 　ＡＢ１😀]{0,80}") {
        let hits = real_engine().search(&SearchRequest { query: q.clone(), kind: Some(DocKind::Faq), limit: 5 });
        assert_well_formed(&hits, 5, &q);
        prop_assert!(hits.iter().all(|h| h.kind == DocKind::Faq));
    }
}
