//! The content library's bar: coverage, counts, reading level, and one colloquial question per
//! topic that finds that topic first.

use pocketlaw_builder::quality::{coverage_gaps, reading_level};
use pocketlaw_engine::model::{DocKind, SearchRequest};
use pocketlaw_engine::search::SearchEngine;
use std::path::Path;
use std::sync::OnceLock;

fn data() -> &'static pocketlaw_builder::SiteData {
    static D: OnceLock<pocketlaw_builder::SiteData> = OnceLock::new();
    D.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        pocketlaw_builder::compile(&root.join("content"), None).unwrap_or_else(|d| panic!("{d}"))
    })
}

#[test]
fn counts_and_coverage() {
    let c = &data().catalog;
    let n = |k| c.docs.iter().filter(|d| d.kind == k).count();
    assert!(n(DocKind::Guide) >= 35, "guides: {}", n(DocKind::Guide));
    assert!(n(DocKind::Faq) >= 200, "FAQs: {}", n(DocKind::Faq));
    assert!(n(DocKind::Quiz) >= 120, "quiz questions: {}", n(DocKind::Quiz));
    assert_eq!(c.topics.len(), 27);
    assert_eq!(coverage_gaps(c), Vec::<String>::new());
    assert!(data().lexicon_entries >= 300, "lexicon: {}", data().lexicon_entries);
}

#[test]
fn guides_are_plain_to_read() {
    for (id, text) in &data().guide_texts {
        let r = reading_level(text);
        assert!(r.average <= 25.0, "{id}: average sentence {:.1} chars", r.average);
        assert!(r.long_share <= 0.10, "{id}: {:.0}% of sentences over 40 chars", r.long_share * 100.0);
    }
}

#[test]
fn directory_ships_no_unsourced_contact() {
    for e in &data().catalog.directory {
        assert!(!e.source.trim().is_empty(), "{}", e.id);
        if e.phone.is_some() || e.address.is_some() {
            assert!(e.verified, "{} has contact details but is not verified", e.id);
        }
    }
}

#[test]
fn a_colloquial_question_per_topic_finds_that_topic_first() {
    let engine = SearchEngine::from_bundle_bytes(include_bytes!(concat!(env!("OUT_DIR"), "/site-data/search.bin"))).unwrap();
    let cases = [
        ("legal-aid", "请不起律师能申请免费律师吗"),
        ("wage-arrears", "老板拖欠工钱不给"),
        ("work-injury", "干活摔断了腿算工伤吗"),
        ("labor-contract", "公司把我开除了给补偿吗"),
        ("divorce", "老公要离婚孩子怎么办"),
        ("child-custody", "离婚后孩子抚养费不给"),
        ("elderly-support", "儿子不给养老钱"),
        ("inheritance", "父母去世房子怎么分"),
        ("domestic-violence", "老公经常打我怎么办"),
        ("land-contract", "村里要收回我的承包地"),
        ("homestead", "农村宅基地能卖给城里人吗"),
        ("private-lending", "借钱不还怎么要回来"),
        ("traffic-accident", "被车撞了司机跑了"),
        ("fraud", "接到电话说我涉嫌洗钱"),
        ("notarization", "办公证要带什么"),
        ("mediation", "邻居吵架村里能调解吗"),
        ("litigation", "打官司要交多少钱"),
        ("minors", "孩子在学校被欺负"),
        ("community-correction", "缓刑期间能出去打工吗"),
        ("reentry", "刚从监狱出来户口怎么办"),
        ("petition", "上访找哪个部门"),
        ("consumer", "买到假化肥庄稼死了"),
        ("medical-dispute", "医院把病治坏了"),
        ("personal-injury", "被邻居家的狗咬了"),
        ("neighbor", "邻居盖房挡了我家的光"),
        ("social-assistance", "家里困难怎么申请低保"),
        ("criminal-defense", "派出所把我家人抓走了"),
    ];
    assert_eq!(cases.len(), data().catalog.topics.len());
    let mut wrong = Vec::new();
    for (topic, q) in cases {
        let hits = engine.search(&SearchRequest { query: q.into(), kind: None, limit: 3 });
        let first = hits.iter().find(|h| h.kind != DocKind::Quiz);
        if first.map(|h| h.topic.as_str()) != Some(topic) {
            wrong.push(format!("{q}: expected {topic}, got {:?}", hits.iter().map(|h| &h.id).collect::<Vec<_>>()));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
