//! `pocketlaw catalog --json`: every document with its citations and whether each resolved.

use crate::data::{catalog, topic, Args};
use anyhow::{anyhow, Result};
use pocketlaw_engine::model::TopicChunk;
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
    // Citations ship with the pages (topic chunks), not in the catalog.
    let slugs: std::collections::BTreeSet<&str> = cat.docs.iter().map(|d| d.topic.as_str()).collect();
    let chunks: Vec<TopicChunk> = slugs.into_iter().map(topic).collect::<Result<_>>()?;
    let rows: Vec<Row> = cat
        .docs
        .iter()
        .map(|d| {
            let page = chunks.iter().flat_map(|c| &c.pages).find(|p| p.id == d.id).ok_or_else(|| anyhow!("{} has no page", d.id))?;
            Ok(Row {
                id: &d.id,
                kind: d.kind.as_str(),
                topic: &d.topic,
                title: &d.title,
                citations: &page.citations,
                reviewed: &d.reviewed,
            })
        })
        .collect::<Result<_>>()?;
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
