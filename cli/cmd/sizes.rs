//! `pocketlaw sizes --site DIR`: bytes (raw, gzip, brotli) of what the first paint needs and of
//! what search needs, from the site's build.json.
//!
//! `pocketlaw sizes --queries FILE`: what a phone with nothing cached downloads for each query
//! (one per line, or JSON lines with a `q` field): the index root, then the pieces the engine
//! names, in rounds, as the worker fetches them. From the embedded index, so no site is needed.

use crate::data::Args;
use anyhow::{anyhow, Context, Result};
use pocketlaw_builder::site::SiteReport;
use std::io::Write;
use std::path::Path;

fn gzip(b: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(b).unwrap();
    e.finish().unwrap().len()
}

fn brotli(b: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &b[..], &mut out, &params).unwrap();
    out.len()
}

pub fn run(args: &[String]) -> Result<i32> {
    if let Some(file) = Args::new(args).value("--queries")? {
        let limit = Args::new(args).value("--limit")?.map(str::parse).transpose().context("--limit")?.unwrap_or(10);
        return queries(file, limit);
    }
    let site = Args::new(args).value("--site")?.unwrap_or("dist");
    let report: SiteReport =
        serde_json::from_slice(&std::fs::read(Path::new(site).join("build.json")).context("build.json (run the site build first)")?)?;
    println!("{:<44} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    for (label, list) in [
        ("FIRST PAINT (the boot shell: drawn, links and search usable)", &report.first_paint),
        ("APP (after the first frame; takes over from the boot shell)", &report.app),
        ("SEARCH (on the first use of a search box; then pieces per query, see --queries)", &report.search),
    ] {
        println!("{label}");
        let mut total = (0, 0, 0);
        for url in list {
            let bytes = std::fs::read(Path::new(site).join(url.trim_start_matches('/'))).map_err(|e| anyhow!("{url}: {e}"))?;
            let (r, g, b) = (bytes.len(), gzip(&bytes), brotli(&bytes));
            total = (total.0 + r, total.1 + g, total.2 + b);
            println!("  {:<42} {:>10} {:>10} {:>10}", url, r, g, b);
        }
        println!("  {:<42} {:>10} {:>10} {:>10}", "total", total.0, total.1, total.2);
    }
    Ok(0)
}

fn percentile(sorted: &[usize], p: f64) -> usize {
    if sorted.is_empty() {
        return 0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn queries(file: &str, limit: usize) -> Result<i32> {
    use pocketlaw_engine::model::SearchRequest;
    use pocketlaw_engine::search::pieces::IndexFiles;
    use pocketlaw_engine::search::SearchEngine;
    use std::collections::HashMap;
    let text = std::fs::read_to_string(file).with_context(|| file.to_string())?;
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match serde_json::from_str::<serde_json::Value>(l) {
            Ok(v) => v.get("q").and_then(|q| q.as_str()).unwrap_or(l).to_string(),
            Err(_) => l.to_string(),
        })
        .collect();
    let files = IndexFiles::decode_bundle(crate::data::file("search.bin")?)?;
    let sizes: HashMap<&str, usize> = files.pieces.iter().map(|(n, b)| (n.as_str(), brotli(b))).collect();
    let root_br = brotli(&files.root);
    let (term_pieces, doc_pieces) = SearchEngine::open(&files.root)?.index().piece_counts();
    println!("index: {} raw, {} brotli in all", files.total_len(), root_br + sizes.values().sum::<usize>());
    println!("  root: {} raw, {} brotli", files.root.len(), root_br);
    println!("  {term_pieces} term pieces, {doc_pieces} document pieces");
    let (mut bytes, mut requests, mut rounds) = (Vec::new(), Vec::new(), Vec::new());
    let (mut term_bytes, mut doc_bytes) = (Vec::new(), Vec::new());
    for q in &lines {
        let mut engine = SearchEngine::open(&files.root)?;
        let req = SearchRequest { query: q.clone(), kind: None, limit };
        // The root is the first request and the first round; then each round of pieces.
        let (mut n, mut r) = (1, 1);
        let mut by_round = [0usize; 2];
        engine.answer_fetching(&req, |round, name| {
            by_round[round.min(1)] += sizes.get(name).copied().unwrap_or(0);
            n += 1;
            r = r.max(round + 2);
            files.piece(name)
        })?;
        term_bytes.push(by_round[0]);
        doc_bytes.push(by_round[1]);
        bytes.push(root_br + by_round[0] + by_round[1]);
        requests.push(n);
        rounds.push(r);
    }
    for v in [&mut bytes, &mut requests, &mut rounds, &mut term_bytes, &mut doc_bytes] {
        v.sort_unstable();
    }
    println!("cold first query, {limit} hits, over {} queries (root included, brotli; median / p90 / max):", lines.len());
    println!("  bytes    {:>8} {:>8} {:>8}", percentile(&bytes, 0.5), percentile(&bytes, 0.9), percentile(&bytes, 1.0));
    println!("    terms  {:>8} {:>8} {:>8}", percentile(&term_bytes, 0.5), percentile(&term_bytes, 0.9), percentile(&term_bytes, 1.0));
    println!("    texts  {:>8} {:>8} {:>8}", percentile(&doc_bytes, 0.5), percentile(&doc_bytes, 0.9), percentile(&doc_bytes, 1.0));
    println!("  requests {:>8} {:>8} {:>8}", percentile(&requests, 0.5), percentile(&requests, 0.9), percentile(&requests, 1.0));
    println!("  rounds   {:>8} {:>8} {:>8}", percentile(&rounds, 0.5), percentile(&rounds, 0.9), percentile(&rounds, 1.0));
    Ok(0)
}
