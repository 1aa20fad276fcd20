//! Decision trees: scenario tests that pin outcomes (written from the statute text), and random
//! walks that must always end at an outcome.

use pocketlaw_engine::bundle::decode_json;
use pocketlaw_engine::tree::{Node, Tree, TreeSet, Verdict};
use proptest::prelude::*;
use std::sync::OnceLock;

fn trees() -> &'static TreeSet {
    static T: OnceLock<TreeSet> = OnceLock::new();
    T.get_or_init(|| decode_json(include_bytes!(concat!(env!("OUT_DIR"), "/site-data/trees.json"))).unwrap())
}

fn tree(id: &str) -> &'static Tree {
    trees().trees.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("no tree {id}"))
}

/// Walks `answers` and checks the outcome id and verdict; `labels` are words each chosen answer
/// must contain, so that a reordering of options cannot silently change what a test means.
fn check(tree_id: &str, answers: &[usize], labels: &[&str], outcome: &str, verdict: Verdict) {
    let t = tree(tree_id);
    let w = t.walk(answers).unwrap();
    assert_eq!(w.used, answers.len(), "{tree_id} {answers:?}: not every answer was used");
    for (a, want) in w.path.iter().zip(labels) {
        assert!(a.answer.contains(want), "{tree_id} {answers:?}: answer `{}` should contain `{want}`", a.answer);
    }
    match w.at {
        Node::Done(o) => {
            assert_eq!(o.id, outcome, "{tree_id} {answers:?}");
            assert_eq!(o.verdict, verdict, "{tree_id} {answers:?}");
        }
        Node::Ask(q) => panic!("{tree_id} {answers:?} stopped at question {}", q.id),
    }
}

#[test]
fn at_least_six_trees() {
    assert!(trees().trees.len() >= 6);
}

#[test]
fn legal_aid_required_scenarios() {
    // A migrant worker claiming unpaid wages: eligible, economic difficulty not checked (42(3)).
    check("legal-aid-eligibility", &[1, 0, 0], &["打工", "工钱"], "yes-migrant-worker", Verdict::Yes);
    let o = tree("legal-aid-eligibility").outcome("yes-migrant-worker").unwrap();
    assert!(o.citations.iter().any(|c| c.law == "法律援助法" && c.article == "第四十二条"));
    // A domestic-violence victim claiming her rights: not limited by economic condition (32(4)).
    check("legal-aid-eligibility", &[2, 0, 1], &["家里", "家暴"], "abuse-yes", Verdict::Yes);
    let o = tree("legal-aid-eligibility").outcome("abuse-yes").unwrap();
    assert!(o.citations.iter().any(|c| c.law == "法律援助法" && c.article == "第三十二条"));
    // A 低保 family claiming 赡养费: covered (31(4)), check waived (42(2)).
    check("legal-aid-eligibility", &[2, 1, 0], &["家里", "赡养费", "低保"], "support-exempt", Verdict::Yes);
    let o = tree("legal-aid-eligibility").outcome("support-exempt").unwrap();
    for art in ["第三十一条", "第四十二条"] {
        assert!(o.citations.iter().any(|c| c.law == "法律援助法" && c.article == art), "{art}");
    }
    // Ordinary means, business contract dispute: not a legal-aid matter; mediation, 12348, lawyer.
    check("legal-aid-eligibility", &[4, 0, 1], &["别的", "合同", "不困难"], "no-not-covered", Verdict::No);
    let o = tree("legal-aid-eligibility").outcome("no-not-covered").unwrap();
    assert!(o.where_.iter().any(|w| w == "hotline-12348"));
    let all = format!("{} {}", o.summary, o.steps.join(" "));
    assert!(all.contains("调解") && all.contains("律师"), "{all}");
}

#[test]
fn legal_aid_other_paths() {
    check("legal-aid-eligibility", &[0, 0, 0], &[], "criminal-must-assign", Verdict::Yes);
    check("legal-aid-eligibility", &[1, 0, 2], &[], "labor-unsure", Verdict::Maybe);
}

#[test]
fn other_trees_scenarios() {
    check("wage-arrears-path", &[0, 0, 0], &[], "site-complain", Verdict::Yes);
    check("wage-arrears-path", &[0, 1, 0], &[], "fled-upstream", Verdict::Yes);
    check("wage-arrears-path", &[2, 1, 0], &[], "private-sue", Verdict::Yes);
    check("work-injury-recognition", &[0, 0, 0, 0, 1], &[], "apply-now", Verdict::Yes);
    check("work-injury-recognition", &[0, 0, 1], &[], "not-injury-excluded", Verdict::No);
    check("divorce-path", &[0, 0, 0], &[], "agreement-divorce", Verdict::Yes);
    check("divorce-path", &[1, 0, 0], &[], "dv-safety-first", Verdict::Yes);
    check("protection-order", &[0, 0, 0, 0], &[], "apply-urgent", Verdict::Yes);
    check("protection-order", &[0, 0, 3], &[], "proxy-not-allowed", Verdict::No);
    check("dispute-resolution-path", &[0, 0, 0], &[], "labor-arbitration", Verdict::Yes);
    check("dispute-resolution-path", &[2, 0, 0], &[], "civil-mediate", Verdict::Yes);
}

#[test]
fn every_tree_is_valid_and_every_outcome_cites_resolved_law() {
    let pack = crate::statute_pack("trees: outcome citations resolve").is_some();
    for t in &trees().trees {
        assert!(t.validate().is_empty(), "{}: {:?}", t.id, t.validate());
        for o in &t.outcomes {
            assert!(!o.citations.is_empty());
            if pack {
                assert!(o.citations.iter().all(|c| c.resolved), "{} {}", t.id, o.id);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// Random walks, choosing any option at each question, always end at an outcome.
    #[test]
    fn random_walks_end_at_an_outcome(choices in proptest::collection::vec(0usize..1000, 64)) {
        for t in &trees().trees {
            let mut answers = Vec::new();
            let mut at = t.walk(&answers).unwrap().at;
            let mut steps = 0;
            while let Node::Ask(q) = at {
                answers.push(choices[steps % choices.len()] % q.options.len());
                at = t.walk(&answers).unwrap().at;
                steps += 1;
                prop_assert!(steps <= t.questions.len(), "{}: more steps than questions", t.id);
            }
        }
    }
}
