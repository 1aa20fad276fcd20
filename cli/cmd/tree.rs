//! `pocketlaw tree`: decision trees, as the app runs them.
//!   tree --list --json                 the trees
//!   tree <id> --json                   the whole structure
//!   tree <id> --diagram                a Mermaid flowchart for review on one page
//!   tree <id> --answers 0.2.1 --json   where those answers lead (the same walk as the app's)

use crate::data::{file, Args};
use anyhow::{anyhow, Result};
use pocketlaw_engine::bundle::decode_json;
use pocketlaw_engine::tree::{decode_answers, Node, TreeSet};
use serde_json::json;

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let set: TreeSet = decode_json(file("trees.json")?)?;
    if a.flag("--list") {
        let list: Vec<_> = set
            .trees
            .iter()
            .map(|t| json!({"id": t.id, "title": t.title, "topic": t.topic, "questions": t.questions.len(), "outcomes": t.outcomes.len()}))
            .collect();
        if a.flag("--json") {
            println!("{}", serde_json::to_string_pretty(&list)?);
        } else {
            for t in &set.trees {
                println!("{:<28} {:<18} {}", t.id, t.topic, t.title);
            }
        }
        return Ok(0);
    }
    let id = a
        .positional(&["--answers"])
        .first()
        .copied()
        .ok_or_else(|| anyhow!("usage: pocketlaw tree <id> [--json|--diagram|--answers 0.1]"))?;
    let tree = set.trees.iter().find(|t| t.id == id).ok_or_else(|| anyhow!("no tree `{id}`; see `pocketlaw tree --list`"))?;
    if a.flag("--diagram") {
        print!("{}", tree.mermaid());
        return Ok(0);
    }
    if let Some(ans) = a.value("--answers")? {
        let walk = tree.walk(&decode_answers(ans)).ok_or_else(|| anyhow!("tree `{id}` has no start"))?;
        let at = match walk.at {
            Node::Ask(q) => json!({"question": q}),
            Node::Done(o) => json!({"outcome": o}),
        };
        println!("{}", serde_json::to_string_pretty(&json!({"tree": id, "used": walk.used, "path": walk.path, "at": at}))?);
        return Ok(0);
    }
    println!("{}", serde_json::to_string_pretty(tree)?);
    Ok(0)
}
