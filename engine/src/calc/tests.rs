//! Checks that hold for every calculator: the registry and `run` agree, bad input is an error on
//! its field (never a number), and every citation parses.

use super::*;
use crate::citation::find_inline;

pub(crate) fn inputs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// A run's money figures as (key, fen), for the table tests; panics on bad input or a non-money
/// figure (the tables only hold valid rows).
pub(crate) fn money_figures(id: &str, pairs: &[(&str, &str)]) -> Vec<(String, i64)> {
    let r = run(id, &inputs(pairs)).unwrap_or_else(|e| panic!("{id} {pairs:?}: {e:?}"));
    r.figures
        .iter()
        .map(|f| match f.value {
            Value::Money { fen, .. } => (f.key.clone(), fen),
            _ => panic!("{id}: {} is not money", f.key),
        })
        .collect()
}

/// An expected row: (key, fen) pairs.
pub(crate) fn fen(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// One valid run of every calculator, and of every choice the deadline and court-fee calculators
/// offer, for the checks that look at all output.
pub(crate) fn sample_runs() -> Vec<CalcResult> {
    let today = ("today", "2025-06-01");
    let mut runs = Vec::new();
    for kind in
        ["limitation", "labour-arbitration", "work-injury", "appeal-judgment", "appeal-ruling", "enforcement", "divorce-cooling-off"]
    {
        for event in ["2024-02-29", "2025-05-30"] {
            runs.push(run("deadline", &inputs(&[("kind", kind), ("event_date", event), today])).unwrap());
        }
    }
    for (case, amount) in [("property", "50000"), ("property", "30000000"), ("divorce", "300000"), ("divorce", ""), ("labour", "")] {
        runs.push(run("court-fee", &inputs(&[("case", case), ("amount", amount)])).unwrap());
    }
    for grade in 1..=10 {
        let g = grade.to_string();
        runs.push(run("work-injury-disability", &inputs(&[("grade", &g), ("wage", "5000"), ("area_average", "6000")])).unwrap());
    }
    runs.push(
        run(
            "severance",
            &inputs(&[("start_date", "2005-03-01"), ("end_date", "2024-08-31"), ("wage", "30000"), ("area_average", "8000"), today]),
        )
        .unwrap(),
    );
    runs.push(run("severance", &inputs(&[("years", "0"), ("months", "3"), ("wage", "1500"), ("min_wage", "2000")])).unwrap());
    runs.push(
        run("overtime", &inputs(&[("wage", "4350"), ("workday_hours", "10"), ("rest_day_hours", "8"), ("holiday_hours", "8")])).unwrap(),
    );
    runs
}

/// Every piece of prose in a result.
pub(crate) fn all_text(r: &CalcResult) -> Vec<String> {
    let mut t = vec![r.title.clone()];
    t.extend(r.figures.iter().flat_map(|f| [f.label.clone(), f.text.clone()]));
    t.extend(r.parts.iter().flat_map(|p| [p.label.clone(), p.value.clone(), p.formula.clone()]));
    t.extend(r.citations.iter().flat_map(|c| [c.cite.clone(), c.about.clone()]));
    t.extend(r.notes.iter().cloned());
    if let Some(rem) = &r.reminder {
        t.extend([rem.summary.clone(), rem.description.clone()]);
    }
    t
}

#[test]
fn the_registry_is_sound() {
    let list = list();
    let ids: Vec<&str> = list.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["deadline", "court-fee", "work-injury-disability", "severance", "overtime"]);
    for c in &list {
        assert!(!c.title.is_empty() && !c.description.is_empty(), "{}", c.id);
        let mut keys: Vec<&str> = c.inputs.iter().map(|i| i.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), c.inputs.len(), "{}: duplicate input keys", c.id);
        assert!(!keys.contains(&TODAY));
        for i in &c.inputs {
            assert!(!i.label.is_empty() && !i.help.is_empty(), "{}/{}", c.id, i.key);
            if let (InputKind::Choice { options }, Some(d)) = (&i.kind, &i.default) {
                assert!(options.iter().any(|o| &o.value == d), "{}/{}: default not an option", c.id, i.key);
            }
        }
        // The registry serialises for the app.
        let json = serde_json::to_string(c).unwrap();
        assert_eq!(&serde_json::from_str::<CalcInfo>(&json).unwrap(), c);
    }
}

#[test]
fn every_citation_parses() {
    for r in sample_runs() {
        assert!(!r.citations.is_empty(), "{}", r.id);
        for c in &r.citations {
            let parsed = c.citation().unwrap_or_else(|e| panic!("{}: {e}", r.id));
            // Written the way the statute writes it, so the catalog and the pack agree.
            assert_eq!(parsed.to_string(), c.cite, "{}", r.id);
        }
        // Inline citations in any text parse too, and each is among the result's citations.
        let cited: Vec<Citation> = r.citations.iter().filter_map(|c| c.citation().ok()).collect();
        for text in all_text(&r) {
            for (_, c) in find_inline(&text) {
                let c = c.unwrap_or_else(|e| panic!("{}: {e} in {text}", r.id));
                assert!(cited.contains(&c), "{}: {c} is in the text but not in the citations", r.id);
            }
        }
    }
}

#[test]
fn results_end_with_the_hotline_and_serialise() {
    for r in sample_runs() {
        assert!(r.notes.iter().any(|n| n.contains("12348")), "{}", r.id);
        assert!(r.notes.iter().any(|n| n.contains("不是对您具体案子的法律意见")), "{}", r.id);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<CalcResult>(&json).unwrap(), r);
    }
}

#[test]
fn bad_input_is_an_error_on_its_field_never_a_number() {
    let today = ("today", "2025-06-01");
    for (id, pairs, key, says) in [
        ("court-fee", vec![("amount", "-50000")], "amount", "负数"),
        ("court-fee", vec![("amount", "5O000")], "amount", "数字"),
        ("court-fee", vec![("amount", "abc")], "amount", "数字"),
        ("court-fee", vec![("amount", "50000"), ("case", "criminal")], "case", "选一个"),
        ("court-fee", vec![("amount", "50000"), ("amout", "1")], "amout", "没有"),
        ("deadline", vec![("kind", "limitation"), ("event_date", "2025-02-30"), today], "event_date", "没有这一天"),
        ("deadline", vec![("kind", "limitation"), ("event_date", "2025-06-02"), today], "event_date", "还没到"),
        ("deadline", vec![("kind", "limitation"), ("event_date", "15/03/2024"), today], "event_date", "年份"),
        ("deadline", vec![("event_date", "2024-03-15"), today], "kind", "请填写"),
        ("deadline", vec![("kind", "limitation"), today], "event_date", "请填写"),
        ("deadline", vec![("kind", "limitation"), ("event_date", "2024-03-15")], "today", "今天"),
        ("deadline", vec![("kind", "limitation"), ("event_date", "2024-03-15"), ("today", "2024-02-30")], "today", "没有这一天"),
        ("work-injury-disability", vec![("grade", "3"), ("wage", "-1")], "wage", "负数"),
        ("work-injury-disability", vec![("grade", "3"), ("wage", "5000"), ("area_average", "6千")], "area_average", "数字"),
        ("severance", vec![("start_date", "2023-02-29"), ("end_date", "2024-01-01"), ("wage", "5000"), today], "start_date", "没有这一天"),
        ("severance", vec![("start_date", "2026-01-01"), ("end_date", "2026-02-01"), ("wage", "5000"), today], "start_date", "还没到"),
        ("severance", vec![("years", "-2"), ("wage", "5000")], "years", "负数"),
        ("severance", vec![("years", "two"), ("wage", "5000")], "years", "整数"),
        ("overtime", vec![("wage", "5000"), ("workday_hours", "-1")], "workday_hours", "负数"),
        ("overtime", vec![("wage", "5000元多"), ("workday_hours", "1")], "wage", "数字"),
    ] {
        let errors = run(id, &inputs(&pairs)).expect_err(&format!("{id} {pairs:?} gave a result"));
        let e = errors.iter().find(|e| e.key == key).unwrap_or_else(|| panic!("{id} {pairs:?}: no error on {key}: {errors:?}"));
        assert!(e.message.contains(says), "{id} {pairs:?}: `{}` does not say {says}", e.message);
    }
    let e = run("no-such", &BTreeMap::new()).unwrap_err();
    assert_eq!(e[0].key, "id");
    assert!(e[0].message.contains("court-fee"));
}

#[test]
fn several_bad_fields_are_all_reported() {
    let e =
        run("severance", &inputs(&[("start_date", "2024-13-01"), ("end_date", "x"), ("wage", "-1"), ("today", "2025-06-01")])).unwrap_err();
    let keys: Vec<&str> = e.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["start_date", "end_date", "wage"]);
}

#[test]
fn empty_text_is_a_missing_field() {
    // The app sends every field; an empty optional one is as if absent.
    let r = run("court-fee", &inputs(&[("case", ""), ("amount", "50000")])).unwrap();
    assert_eq!(r.figures[0].value, Value::Money { fen: 105_000, yuan: "1050".into() });
    let e = run("court-fee", &inputs(&[("case", "property"), ("amount", "  ")])).unwrap_err();
    assert_eq!(e[0].key, "amount");
}
