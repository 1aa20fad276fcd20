//! `pocketlaw catalog --json`: every document with its citations and whether each resolved.

use crate::data::{catalog, Args};
use anyhow::Result;
use serde::Serialize;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    kind: &'a str,
    topic: &'a str,
    title: &'a str,
    citations: &'a [pocketlaw_engine::model::CitationRef],
    reviewed: &'a str,
}

pub fn run(args: &[String]) -> Result<i32> {
    let cat = catalog()?;
    let rows: Vec<Row> = cat
        .docs
        .iter()
        .map(|d| Row { id: &d.id, kind: d.kind.as_str(), topic: &d.topic, title: &d.title, citations: &d.citations, reviewed: &d.reviewed })
        .collect();
    if Args::new(args).flag("--json") {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        for r in &rows {
            let unresolved = r.citations.iter().filter(|c| !c.resolved).count();
            println!("{:<6} {:<20} {:<40} {} citation(s), {} unresolved", r.kind, r.topic, r.id, r.citations.len(), unresolved);
        }
        println!("{} documents", rows.len());
    }
    Ok(0)
}
