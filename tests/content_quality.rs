//! The content library's bar: coverage, counts, reading level, no citation of a superseded law,
//! and one colloquial question per topic that finds that topic first.

use pocketlaw_builder::quality::{coverage_gaps, reading_level};
use pocketlaw_engine::citation::find_inline;
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
        // A parents' house in a village is also the homestead topic's question (出嫁的女儿能分父母的老房子吗).
        ("inheritance|homestead", "父母去世房子怎么分"),
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
        if !first.is_some_and(|h| topic.split('|').any(|t| t == h.topic)) {
            wrong.push(format!("{q}: expected {topic}, got {:?}", hits.iter().map(|h| &h.id).collect::<Vec<_>>()));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Laws that a newer law in the statute pack replaced: (superseded, current). Citing the old one
/// sends people to outdated rules (the 2003 条例 asked for a poverty certificate; the 法律援助法
/// lets the applicant sign a 个人诚信承诺). Add a row when the pack gains a law that replaces another.
const SUPERSEDED: &[(&str, &str)] = &[("法律援助条例", "法律援助法")];

/// Every citation of a superseded law in compiled content: each document's citations (front
/// matter and inline), each tree outcome's citations, and inline citations anywhere in a tree's
/// text (questions, options, materials too, which the builder does not collect).
fn superseded_citations(data: &pocketlaw_builder::SiteData) -> Vec<String> {
    let mut found = Vec::new();
    let mut check = |place: &str, law: &str, article: &str| {
        if let Some((old, new)) = SUPERSEDED.iter().find(|(old, _)| *old == law) {
            found.push(format!("{place}: 《{old}》{article} (superseded: cite 《{new}》)"));
        }
    };
    for page in data.chunks.iter().flat_map(|c| &c.pages) {
        for c in &page.citations {
            check(&page.id, &c.law, &c.article);
        }
    }
    for t in &data.trees.trees {
        let mut texts: Vec<(String, &str)> = vec![(t.id.clone(), t.title.as_str()), (t.id.clone(), t.intro.as_str())];
        for q in &t.questions {
            let place = format!("{}/{}", t.id, q.id);
            texts.extend(
                [q.text.as_str(), q.why.as_str()].into_iter().chain(q.options.iter().map(|o| o.label.as_str())).map(|s| (place.clone(), s)),
            );
        }
        for o in &t.outcomes {
            let place = format!("{}/{}", t.id, o.id);
            for c in &o.citations {
                check(&place, &c.law, &c.article);
            }
            let prose = [o.title.as_str(), o.summary.as_str(), o.timeline.as_str()].into_iter();
            texts.extend(prose.chain(o.steps.iter().chain(&o.materials).map(String::as_str)).map(|s| (place.clone(), s)));
        }
        for (place, text) in texts {
            for c in find_inline(text).into_iter().filter_map(|(_, c)| c.ok()) {
                check(&place, &c.law, &c.article_label());
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn no_citation_of_a_superseded_law() {
    assert_eq!(superseded_citations(data()), Vec::<String>::new());
}

/// The fixture content with (file, find, replace) edits applied (see
/// `content_errors::edited_fixture`), compiled.
fn compile_fixture_with(edits: &[(&str, &str, &str)]) -> pocketlaw_builder::SiteData {
    let dir = crate::content_errors::edited_fixture(edits);
    let result = pocketlaw_builder::compile(&dir, None);
    let _ = std::fs::remove_dir_all(&dir);
    result.unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn a_returning_citation_of_a_superseded_law_is_caught() {
    const TREE: &str = r#"id = "old-law"
title = "能申请法律援助吗？"
topic = "wage-arrears"
reviewed = 2026-12-02
intro = "测试。"
start = "q"

[[question]]
id = "q"
text = "家里困难吗？"
why = "要看经济困难（《法律援助条例》第二十五条）。"
options = [{ label = "困难", next = "o" }, { label = "不困难", next = "o" }]

[[outcome]]
id = "o"
verdict = "yes"
title = "可以申请"
summary = "如实说明经济状况（《法律援助法》第四十一条）。"
citations = ["法律援助法 第四十一条"]
steps = ["申请。"]
materials = ["经济困难证明（《法律援助条例》第十七条）"]
where = ["hotline-12348"]
timeline = "七日内决定。"
guides = ["wage-guide"]
"#;
    let data = compile_fixture_with(&[
        ("guides/wage-arrears/wage-guide.md", r#"citations = ["#, r#"citations = ["法律援助条例 第十七条", "#),
        ("faq/wage-arrears/faq-boss-ran.md", "可以找总承包单位", "困难的可以申请法律援助（《法律援助条例》第十条）。可以找总承包单位"),
        ("trees/old-law.toml", "", TREE),
    ]);
    let found = superseded_citations(&data);
    for place in [
        "wage-guide: 《法律援助条例》第十七条",
        "faq-boss-ran: 《法律援助条例》第十条",
        "old-law/q: 《法律援助条例》第二十五条",
        "old-law/o: 《法律援助条例》第十七条",
    ] {
        assert!(found.iter().any(|f| f.starts_with(place)), "{place} not caught: {found:#?}");
    }
    assert_eq!(found.len(), 4, "the current law is not flagged: {found:#?}");
}

/// One form of address: the reader is 您 everywhere. 你 may appear only inside quotation marks,
/// where someone else is speaking (a swindler's "帮你追回钱").
#[test]
fn the_reader_is_always_addressed_as_nin() {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "md" || x == "toml") {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                for (n, line) in text.lines().enumerate() {
                    let mut depth = 0i32;
                    for ch in line.chars() {
                        match ch {
                            '“' | '「' => depth += 1,
                            '”' | '」' => depth -= 1,
                            '你' if depth <= 0 && !line.trim_start().starts_with('#') => {
                                out.push(format!("{}:{}: {line}", p.display(), n + 1));
                                break;
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &mut found);
    assert!(found.is_empty(), "address the reader as 您:\n{}", found.join("\n"));
}
