//! `pocketlaw law …`: the statute library built by `pocketlaw library`, read the way the browser
//! reads it: the index root, then only the pieces a query names (from the folder instead of the
//! network), with the engine's `LibraryEngine`.
//!
//! - `law list [--json]`: every law (version) with its date, status and number of articles;
//! - `law show "<law>" [--article N] [--json]`: a law's table of contents and text, or one article;
//! - `law search "<q>" [--law NAME] [--limit N] [--json]`;
//! - `law sizes --queries FILE [--limit N]`: what a phone with nothing cached downloads for each
//!   query (root, then each round of pieces; brotli), so the budget is measured.

use crate::cmd::library::DEFAULT_LIBRARY;
use crate::data::Args;
use anyhow::{anyhow, bail, Context, Result};
use pocketlaw_builder::library::Manifest;
use pocketlaw_engine::library::{name_key, parse_article_ref, LibraryEngine, LibraryHit, LibraryRequest};
use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

const USAGE: &str = "\
pocketlaw law list [--library DIR] [--json]
pocketlaw law show \"<law>\" [--article N] [--library DIR] [--json]
pocketlaw law search \"<query>\" [--law NAME] [--limit N] [--library DIR] [--json]
pocketlaw law sizes --queries FILE [--limit N] [--library DIR]
(the library is built with `pocketlaw library --out DIR`; default DIR: target/library)";

pub fn run(args: &[String]) -> Result<i32> {
    let rest = args.get(1..).unwrap_or(&[]);
    let a = Args::new(rest);
    let dir = PathBuf::from(a.value("--library")?.unwrap_or(DEFAULT_LIBRARY));
    match args.first().map(String::as_str) {
        Some("list") => list(&dir, a.flag("--json")),
        Some("show") => show(&dir, &a),
        Some("search") => search(&dir, &a),
        Some("sizes") => sizes(&dir, &a),
        _ => {
            eprintln!("{USAGE}");
            Ok(2)
        }
    }
}

/// The library folder's manifest, or how to build one.
fn manifest(dir: &Path) -> Result<Manifest> {
    let path = dir.join("library.json");
    let bytes = std::fs::read(&path).map_err(|_| {
        anyhow!(
            "no statute library at {} — build it first: pocketlaw library --out {} [--statutes ../shared/statutes]",
            dir.display(),
            dir.display()
        )
    })?;
    let m: Manifest = serde_json::from_slice(&bytes).with_context(|| path.display().to_string())?;
    if m.format_version != pocketlaw_engine::model::FORMAT_VERSION {
        bail!(
            "the library at {} is of format {}; rebuild it with `pocketlaw library --out {}`",
            dir.display(),
            m.format_version,
            dir.display()
        );
    }
    Ok(m)
}

/// The engine over the root alone (pieces come as queries name them).
pub fn open(dir: &Path) -> Result<(LibraryEngine, Vec<u8>)> {
    let m = manifest(dir)?;
    let root = std::fs::read(dir.join(&m.root)).with_context(|| m.root.clone())?;
    Ok((LibraryEngine::open(&root).with_context(|| m.root.clone())?, root))
}

fn piece(dir: &Path, name: &str) -> Option<Cow<'static, [u8]>> {
    std::fs::read(dir.join("ix").join(format!("{name}.bin"))).ok().map(Cow::Owned)
}

fn list(dir: &Path, json: bool) -> Result<i32> {
    manifest(dir)?;
    let laws: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(dir.join("laws.json"))?)?;
    if json {
        let out: Vec<serde_json::Value> = laws
            .iter()
            .map(|l| {
                serde_json::json!({
                    "law": l["id"], "name": l["name"], "date": l["date"], "status": l["status_label"],
                    "state": l["status"], "category": l["category"], "articles": l["articles"],
                    "parts": l.get("parts").cloned().unwrap_or(serde_json::json!(0)),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for l in &laws {
            let size = match l.get("parts").and_then(serde_json::Value::as_u64) {
                Some(n) if n > 0 => format!("{n:>5} 部分"),
                _ => format!("{:>5} 条", l["articles"]),
            };
            println!(
                "{:<40} {:<10} {size}  {}",
                l["id"].as_str().unwrap_or(""),
                l["date"].as_str().unwrap_or(""),
                l["status_label"].as_str().unwrap_or("")
            );
        }
        println!("{} laws", laws.len());
    }
    Ok(0)
}

fn show(dir: &Path, a: &Args) -> Result<i32> {
    let name = a.positional(&["--article", "--library"]).join(" ");
    if name.is_empty() {
        bail!("which law? pocketlaw law show \"劳动合同法\" [--article 47]");
    }
    let (engine, _) = open(dir)?;
    let found = engine.resolve(&name);
    let Some(law) = found.first() else {
        bail!("no law named `{name}` in the library (pocketlaw law list shows them)");
    };
    let path = dir.join(pocketlaw_builder::library::law_file_name(&law.id));
    let file: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).with_context(|| path.display().to_string())?)?;
    let others: Vec<&str> = found.iter().skip(1).map(|l| l.id.as_str()).collect();
    if let Some(n) = a.value("--article")? {
        // A part of a text without articles by its label (`第2部分`, `全文`), else an article number.
        let is_label = file["text"].as_array().is_some_and(|t| t.iter().any(|x| x["label"] == n.trim()));
        let label = if is_label {
            n.trim().to_string()
        } else {
            let no = parse_article_ref(&name_key(n))
                .ok_or_else(|| anyhow!("--article `{n}`: write 47, 第四十七条 or 276之1 (a text without articles: 第2部分 or 全文)"))?;
            pocketlaw_engine::library::label(no)
        };
        let article = file["text"].as_array().and_then(|t| t.iter().find(|x| x["label"] == label.as_str()));
        let Some(article) = article else {
            bail!("{} ({}) has no {label}", law.title, law.status.label());
        };
        if a.flag("--json") {
            let out = serde_json::json!({
                "law": law.id, "name": law.name(), "title": law.title, "date": law.date, "status": law.status.label(),
                "article": label, "id": article["id"], "text": article["text"], "other_versions": others,
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        } else {
            let version = if law.date.is_empty() { String::new() } else { format!("{} 版，", law.date) };
            println!("《{}》{}（{version}{}）\n{}", law.name(), label, law.status.label(), article["text"].as_str().unwrap_or(""));
        }
        return Ok(0);
    }
    if a.flag("--json") {
        let mut out = file.clone();
        out["other_versions"] = serde_json::json!(others);
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(0);
    }
    let mut about: Vec<String> = Vec::new();
    if !law.date.is_empty() {
        about.push(format!("{} 版", law.date));
    }
    about.push(law.status.label());
    match (file["articles"].as_u64(), file["parts"].as_u64()) {
        (_, Some(n)) if n > 0 => about.push(format!("无条文，{n} 部分")),
        (Some(0) | None, _) => about.push("库中无条文".into()),
        (Some(n), _) => about.push(format!("{n} 条")),
    }
    println!("{}（{}）", law.title, about.join("，"));
    if !others.is_empty() {
        println!("其他版本: {}", others.join(", "));
    }
    fn print_toc(nodes: &serde_json::Value, depth: usize) {
        for n in nodes.as_array().into_iter().flatten() {
            let arts = n["articles"].as_array().map_or(0, Vec::len);
            println!("{}{} ({} 条)", "  ".repeat(depth), n["title"].as_str().unwrap_or(""), arts);
            print_toc(&n["children"], depth + 1);
        }
    }
    print_toc(&file["toc"], 1);
    for t in file["text"].as_array().into_iter().flatten() {
        println!("\n{} {}", t["label"].as_str().unwrap_or(""), t["text"].as_str().unwrap_or(""));
    }
    Ok(0)
}

fn search(dir: &Path, a: &Args) -> Result<i32> {
    let query = a.positional(&["--law", "--limit", "--library"]).join(" ");
    let limit = a.value("--limit")?.map(str::parse).transpose().map_err(|_| anyhow!("--limit takes a number"))?.unwrap_or(10);
    let req = LibraryRequest { query, law: a.value("--law")?.map(str::to_string), limit };
    let (mut engine, _) = open(dir)?;
    let answer = engine.answer_fetching(&req, |_, name| piece(dir, name))?;
    if a.flag("--json") {
        let out: Vec<serde_json::Value> = answer.hits.iter().map(hit_json).collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        if answer.hits.is_empty() {
            println!("没有找到。");
        }
        for (i, h) in answer.hits.iter().enumerate() {
            let snippet = h.snippet.replace("<mark>", "【").replace("</mark>", "】");
            println!("{:>2}. {}  [{}] ({:.3})\n    {}", i + 1, h.title, h.status, h.score, snippet);
        }
    }
    Ok(0)
}

fn hit_json(h: &LibraryHit) -> serde_json::Value {
    serde_json::json!({
        "law": h.law, "name": h.name, "article": h.article, "id": h.id, "title": h.title,
        "snippet": h.snippet, "score": h.score, "status": h.status,
    })
}

fn brotli(b: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    match brotli::BrotliCompress(&mut &b[..], &mut out, &params) {
        Ok(_) => out.len(),
        Err(_) => b.len(),
    }
}

fn sizes(dir: &Path, a: &Args) -> Result<i32> {
    use std::collections::HashMap;
    let file = a.value("--queries")?.ok_or_else(|| anyhow!("--queries FILE (one query per line)"))?;
    let limit = a.value("--limit")?.map(str::parse).transpose().map_err(|_| anyhow!("--limit takes a number"))?.unwrap_or(10);
    let text = std::fs::read_to_string(file).with_context(|| file.to_string())?;
    let (engine, root) = open(dir)?;
    let root_br = brotli(&root);
    let (terms, docs) = engine.index().piece_counts();
    println!(
        "library index: {} laws, {} articles; root {} raw, {} brotli; {} directory pieces, {} document pieces (+ {} in the root's term table)",
        engine.laws().len(),
        engine.num_articles(),
        root.len(),
        root_br,
        engine.index().dir_count(),
        docs,
        terms
    );
    println!("cold first query, {limit} hits (brotli bytes; root included; rounds include the root's):");
    println!("{:<28} {:>6} {:>6} {:>9}  per round (requests/bytes)", "query", "rounds", "reqs", "bytes");
    let mut cache: HashMap<String, usize> = HashMap::new();
    let mut worst = 0;
    for q in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (query, law) = match q.split_once(" --law ") {
            Some((q, l)) => (q.to_string(), Some(l.trim().to_string())),
            None => (q.to_string(), None),
        };
        let (mut engine, _) = open(dir)?;
        let req = LibraryRequest { query, law, limit };
        let mut rounds: Vec<(usize, usize)> = vec![(1, root_br)];
        let answer = engine.answer_fetching(&req, |round, name| {
            let bytes = piece(dir, name)?;
            let br = *cache.entry(name.to_string()).or_insert_with(|| brotli(&bytes));
            while rounds.len() < round + 2 {
                rounds.push((0, 0));
            }
            rounds[round + 1].0 += 1;
            rounds[round + 1].1 += br;
            Some(bytes)
        })?;
        let total: usize = rounds.iter().map(|r| r.1).sum();
        let reqs: usize = rounds.iter().map(|r| r.0).sum();
        worst = worst.max(total);
        let per: Vec<String> = rounds.iter().map(|(n, b)| format!("{n}/{b}")).collect();
        let top = answer.hits.first().map(|h| h.title.clone()).unwrap_or_default();
        println!("{:<28} {:>6} {:>6} {:>9}  {}  → {}", q, rounds.len(), reqs, total, per.join(" "), top);
        std::io::stdout().flush().ok();
    }
    println!("largest cold query: {worst} bytes brotli (budget 1,000,000; aim 500,000)");
    Ok(0)
}
