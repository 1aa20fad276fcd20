//! `pocketlaw search`: the same query code and index bytes as the browser's search worker.

use crate::data::{engine, Args};
use anyhow::{anyhow, Result};
use pocketlaw_engine::model::{DocKind, Hit, SearchRequest};
use std::io::BufRead;

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let limit = match a.value("--limit")? {
        Some(n) => n.parse().map_err(|_| anyhow!("--limit takes a number"))?,
        None => 10,
    };
    let kind = match a.value("--kind")? {
        Some(k) => Some(DocKind::parse(k).ok_or_else(|| anyhow!("--kind is guide, faq or quiz"))?),
        None => None,
    };
    let json = a.flag("--json");
    let engine = engine()?;
    let ask = |query: &str| engine.search(&SearchRequest { query: query.to_string(), kind, limit });
    if a.flag("--batch") {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            let hits = ask(&line?);
            println!("{}", serde_json::to_string(&hits)?);
        }
        return Ok(0);
    }
    let words = a.positional(&["--limit", "--kind"]);
    let query = words.join(" ");
    if a.flag("--topics") {
        // Which topics the topic model thinks the query is about (for review and tuning).
        let scores = engine.topic_scores(&query);
        let mut ranked: Vec<(usize, f64)> = scores.probs.iter().copied().enumerate().collect();
        ranked.sort_by(|x, y| y.1.total_cmp(&x.1));
        println!("topic model ({} of {} terms known, lift {:.2}):", scores.known_terms, scores.terms, scores.lift);
        for (t, p) in ranked.into_iter().take(5) {
            println!("  {:<22} {:.3}", engine.topics().get(t).map(String::as_str).unwrap_or("?"), p);
        }
    }
    let hits = ask(&query);
    if json {
        println!("{}", serde_json::to_string_pretty(&hits)?);
    } else {
        print_hits(&hits);
    }
    Ok(0)
}

fn print_hits(hits: &[Hit]) {
    if hits.is_empty() {
        println!("没有找到。可以换个说法，或拨打 12348。");
    }
    for (i, h) in hits.iter().enumerate() {
        let snippet = h.snippet.replace("<mark>", "【").replace("</mark>", "】");
        println!("{:>2}. [{}] {}  ({}, {:.3})\n    {}", i + 1, h.kind.label(), h.title, h.id, h.score, snippet);
    }
}
