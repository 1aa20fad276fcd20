//! `pocketlaw quiz`: the monthly quiz bank.
//!   quiz --list --json      months, question counts and topics
//!   quiz <YYYY-MM> --json   that month's questions with options, answers and citations

use crate::data::{file, Args};
use anyhow::{anyhow, Result};
use pocketlaw_engine::bundle::decode_json;
use pocketlaw_engine::model::QuizBank;
use serde_json::json;
use std::collections::BTreeMap;

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let bank: QuizBank = decode_json(file("quiz.json")?)?;
    let month_of = |q: &pocketlaw_engine::model::DocPage| q.quiz.as_ref().map(|d| d.month.clone()).unwrap_or_default();
    if a.flag("--list") {
        let mut months: BTreeMap<String, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
        for q in &bank.questions {
            let e = months.entry(month_of(q)).or_default();
            e.0 += 1;
            *e.1.entry(q.topic.clone()).or_default() += 1;
        }
        let list: Vec<_> = months.iter().map(|(m, (n, topics))| json!({"month": m, "questions": n, "topics": topics})).collect();
        if a.flag("--json") {
            println!("{}", serde_json::to_string_pretty(&list)?);
        } else {
            for (m, (n, topics)) in &months {
                println!("{m}  {n} questions  {} topics", topics.len());
            }
        }
        return Ok(0);
    }
    let month = a.positional(&[]).first().copied().ok_or_else(|| anyhow!("usage: pocketlaw quiz --list | quiz <YYYY-MM> --json"))?;
    let qs: Vec<_> = bank.questions.iter().filter(|q| month_of(q) == month).collect();
    if qs.is_empty() {
        return Err(anyhow!("no quiz for {month}"));
    }
    println!("{}", serde_json::to_string_pretty(&qs)?);
    Ok(0)
}
