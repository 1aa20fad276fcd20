//! `pocketlaw form`: the legal forms (文书) of `content/forms/`, filled by the same engine code as
//! the app (`pocketlaw_engine::form`).
//!   form --list [--json]                          every form
//!   form <id> [--json]                            its questions (what the answers file may hold)
//!   form <id> --answers FILE.json [--text|--json] the finished document; `-` reads stdin
//! The answers file is a JSON object: question id → answer text (numbers are accepted too). Bad
//! answers → one message per field on stderr, exit 2.

use crate::data::{file, Args};
use anyhow::{anyhow, Context, Result};
use pocketlaw_engine::bundle::decode_json;
use pocketlaw_engine::form::{Form, FormSet};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Read;

const USAGE: &str = "usage: pocketlaw form --list [--json] | form <id> [--json] | form <id> --answers FILE.json [--text|--json]";

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let set: FormSet = decode_json(file("forms.json")?)?;
    let json_out = a.flag("--json");
    if let Some(flag) = args.iter().find(|s| s.starts_with("--") && !matches!(s.as_str(), "--list" | "--json" | "--text" | "--answers")) {
        eprintln!("unknown flag `{flag}`\n{USAGE}");
        return Ok(2);
    }
    if a.flag("--list") {
        if json_out {
            let list: Vec<_> = set
                .forms
                .iter()
                .map(|f| json!({"id": f.id, "title": f.title, "topic": f.topic, "questions": f.questions.len(), "reviewed": f.reviewed}))
                .collect();
            println!("{}", serde_json::to_string_pretty(&list)?);
        } else {
            for f in &set.forms {
                println!("{:<26} {:<18} {}", f.id, f.topic, f.title);
            }
        }
        return Ok(0);
    }
    let Some(id) = a.positional(&["--answers"]).first().copied() else {
        eprintln!("{USAGE}");
        return Ok(2);
    };
    let Some(form) = set.form(id) else {
        let ids: Vec<&str> = set.forms.iter().map(|f| f.id.as_str()).collect();
        eprintln!("没有“{id}”这份文书。可以用的有：{}", ids.join("、"));
        return Ok(2);
    };
    let Some(path) = a.value("--answers")? else {
        if json_out {
            println!("{}", serde_json::to_string_pretty(form)?);
        } else {
            print_questions(form);
        }
        return Ok(0);
    };
    let answers = match read_answers(path) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e:#}");
            return Ok(2);
        }
    };
    match form.fill(&answers) {
        Ok(doc) => {
            if json_out {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&json!({"id": doc.id, "title": doc.title, "lines": doc.lines, "text": doc.text()}))?
                );
            } else {
                print!("{}", doc.text());
            }
            Ok(0)
        }
        Err(errors) => {
            if json_out {
                println!("{}", serde_json::to_string_pretty(&json!({ "id": id, "errors": errors }))?);
            }
            eprintln!("有几项要改一改，文书没有生成：");
            for e in &errors {
                let label = form.field(&e.key).map(|f| format!("（{}）", f.label)).unwrap_or_default();
                eprintln!("  {}{label}: {}", e.key, e.message);
            }
            eprintln!("看能填什么：pocketlaw form {id}");
            Ok(2)
        }
    }
}

/// The answers file: a JSON object of question id → text (a number or a boolean is taken as its
/// text; `null` as empty).
fn read_answers(path: &str) -> Result<BTreeMap<String, String>> {
    let text = if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context("reading the answers from stdin")?;
        s
    } else {
        std::fs::read_to_string(path).with_context(|| format!("cannot read the answers file {path}"))?
    };
    let value: serde_json::Value = serde_json::from_str(&text).with_context(|| format!("{path} is not JSON"))?;
    let obj = value.as_object().ok_or_else(|| anyhow!("{path}: the answers must be a JSON object {{\"question id\": \"answer\"}}"))?;
    let mut out = BTreeMap::new();
    for (k, v) in obj {
        let s = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            other => return Err(anyhow!("{path}: the answer to `{k}` must be text, not {other}")),
        };
        out.insert(k.clone(), s);
    }
    Ok(out)
}

fn print_questions(f: &Form) {
    println!("{}  {}\n  {}\n", f.id, f.title, f.intro);
    for q in &f.questions {
        let need = if q.required { "必填" } else { "可不填" };
        let when = q.when.as_ref().map(|c| format!("，当 {} 是 {} 时才问", c.question, c.is.join(" 或 "))).unwrap_or_default();
        let kind = match &q.kind {
            pocketlaw_engine::form::FieldKind::Choice { options } => format!("选一个：{}", options.join(" / ")),
            k => k.as_str().to_string(),
        };
        println!("  {}  {}（{need}{when}）  {kind}", q.id, q.label);
    }
}
