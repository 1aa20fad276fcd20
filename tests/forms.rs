//! Legal forms: every shipped form fills from a plain set of answers, its citations resolved, and
//! the papers carry what the law says they must (pinned to the article text where it matters).

use pocketlaw_engine::bundle::decode_json;
use pocketlaw_engine::form::{FieldKind, Form, FormSet, LineStyle};
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn forms() -> &'static FormSet {
    static F: OnceLock<FormSet> = OnceLock::new();
    F.get_or_init(|| decode_json(include_bytes!(concat!(env!("OUT_DIR"), "/site-data/forms.json"))).unwrap())
}

fn form(id: &str) -> &'static Form {
    forms().form(id).unwrap_or_else(|| panic!("no form {id}"))
}

/// A valid answer for every question asked (choices: the last option, which opens the most
/// `when` questions in the shipped forms).
fn sample(f: &Form, pick_first: bool) -> BTreeMap<String, String> {
    let mut a = BTreeMap::new();
    for q in &f.questions {
        let v = match &q.kind {
            FieldKind::Text => format!("答{}", q.id),
            FieldKind::Multiline => format!("第一行{}\n第二行{}", q.id, q.id),
            FieldKind::Date => "2025-03-05".into(),
            FieldKind::Money => "10050".into(),
            FieldKind::Idcard => "11010519491231002X".into(),
            FieldKind::Choice { options } => {
                if pick_first {
                    options[0].clone()
                } else {
                    options[options.len() - 1].clone()
                }
            }
        };
        a.insert(q.id.clone(), v);
    }
    a
}

#[test]
fn the_eight_kinds_of_paper_are_there() {
    let ids: Vec<&str> = forms().forms.iter().map(|f| f.id.as_str()).collect();
    for id in [
        "labor-arbitration",
        "civil-complaint-wages",
        "civil-complaint-loan",
        "civil-complaint-divorce",
        "civil-complaint-support",
        "protection-order",
        "legal-aid",
        "mediation",
        "iou",
        "work-injury",
        "consultation",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
}

#[test]
fn every_form_fills_from_plain_answers_and_says_where_to_ask() {
    for f in &forms().forms {
        for first in [true, false] {
            let answers = sample(f, first);
            let doc = f.fill(&answers).unwrap_or_else(|e| panic!("{}: {e:?}", f.id));
            let text = doc.text();
            assert_eq!(doc.lines[0].style, LineStyle::Title, "{}", f.id);
            assert!(!text.contains("{{"), "{}: a placeholder was left: {text}", f.id);
            // Every answer asked for appears on the paper (a choice that only opens questions
            // need not).
            for q in f.visible(&answers) {
                let shown = match &q.kind {
                    FieldKind::Multiline => format!("第一行{}", q.id),
                    FieldKind::Date => "2025年3月5日".into(),
                    FieldKind::Money => "10050".into(),
                    _ => answers[&q.id].clone(),
                };
                let switch = f.questions.iter().any(|o| o.when.as_ref().is_some_and(|c| c.question == q.id))
                    || f.template.contains(&format!("{{{{{}|court}}}}", q.id));
                assert!(switch || text.contains(&shown), "{}: `{}` not on the paper:\n{text}", f.id, q.id);
            }
        }
        assert!(f.intro.contains("12348"), "{}: the intro names 12348", f.id);
        assert!(f.intro.contains("不是对您具体"), "{}: the intro says it is general help", f.id);
        assert!(!f.citations.is_empty() && !f.handin_text.is_empty(), "{}", f.id);
        if crate::statute_pack("forms: citations").is_some() {
            assert!(f.citations.iter().all(|c| c.resolved), "{}: {:?}", f.id, f.citations);
        }
    }
}

#[test]
fn the_arbitration_application_has_the_items_of_article_28() {
    let f = form("labor-arbitration");
    assert!(f.citations.iter().any(|c| c.law == "劳动争议调解仲裁法" && c.article == "第二十八条"));
    // 劳动者的姓名、性别、年龄、职业、工作单位和住所；用人单位的名称、住所和法定代表人或者主要负责人的姓名、职务；
    // 仲裁请求和所根据的事实、理由；证据和证据来源、证人姓名和住所.
    for words in [
        "性别",
        "年龄",
        "职业",
        "工作单位",
        "住所",
        "被申请人",
        "法定代表人（主要负责人）",
        "职务",
        "仲裁请求",
        "事实和理由",
        "证据和证据来源",
        "证人姓名和住所",
    ] {
        assert!(f.template.contains(words), "{words}");
    }
    assert!(f.handin_text.contains("口头申请"), "a written application may be oral when writing is hard");
}

#[test]
fn complaints_have_the_items_of_article_124_and_never_invent_a_court() {
    for id in ["civil-complaint-wages", "civil-complaint-loan", "civil-complaint-divorce", "civil-complaint-support"] {
        let f = form(id);
        for words in
            ["性别", "民族", "职业", "工作单位", "住所", "联系电话", "被告", "诉讼请求", "事实和理由", "证据和证据来源，证人姓名和住所"]
        {
            assert!(f.template.contains(words), "{id}: {words}");
        }
        assert!(f.template.contains("{{court|court}}"), "{id}");
        let mut a = sample(f, true);
        a.insert("court".into(), "剑阁县".into());
        assert!(f.fill(&a).unwrap().text().contains("此致\n剑阁县人民法院"), "{id}");
        a.insert("court".into(), "不知道".into());
        let text = f.fill(&a).unwrap().text();
        assert!(text.contains("此致\n＿＿＿＿＿＿县（区）人民法院"), "{id}: {text}");
        a.remove("court");
        assert!(f.fill(&a).unwrap().text().contains("此致\n＿＿＿＿＿＿县（区）人民法院"), "{id}");
    }
}

#[test]
fn the_iou_writes_the_amount_twice_and_interest_only_when_agreed() {
    let f = form("iou");
    let mut a = sample(f, true);
    a.insert("amount".into(), "20000".into());
    a.insert("interest".into(), "不计利息".into());
    a.insert("guarantee".into(), "没有".into());
    let text = f.fill(&a).unwrap().text();
    assert!(text.contains("人民币贰万元整（¥20000元）"), "{text}");
    assert!(!text.contains("年利率") && !text.contains("担保人"), "{text}");
    a.insert("interest".into(), "计利息".into());
    a.remove("rate");
    let errs = f.fill(&a).unwrap_err();
    assert_eq!(errs.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), vec!["rate"], "agreed interest needs its rate");
}

#[test]
fn the_protection_order_says_an_oral_application_is_possible() {
    let f = form("protection-order");
    assert!(f.intro.contains("口头申请") && f.handin_text.contains("口头申请"));
    assert!(f.citations.iter().any(|c| c.law == "反家庭暴力法" && c.article == "第二十四条"));
    assert!(f.citations.iter().any(|c| c.law == "反家庭暴力法" && c.article == "第二十五条"));
}

#[test]
fn the_legal_aid_statement_asks_for_the_facts_of_article_41_or_42() {
    let f = form("legal-aid");
    let cites: Vec<&str> = f.citations.iter().filter(|c| c.law == "法律援助法").map(|c| c.article.as_str()).collect();
    assert!(cites.contains(&"第四十一条") && cites.contains(&"第四十二条"), "{cites:?}");
    let mut a = sample(f, true);
    a.insert("status".into(), "我家经济困难".into());
    a.remove("household");
    assert_eq!(f.fill(&a).unwrap_err()[0].key, "household", "economic hardship needs the household's situation");
}
