//! `pocketlaw calc`: the statutory calculators of the engine (`pocketlaw_engine::calc`).
//!   calc --list [--json]                                every calculator and its inputs
//!   calc <id> key=value… [--json] [--ics FILE|-]        run one; bad input → messages, exit 2
//! `today` is the system date in China time (UTC+8) unless given as `today=YYYY-MM-DD`.

use crate::data::Args;
use anyhow::{Context, Result};
use pocketlaw_engine::calc::{self, CalcInfo, CalcResult, Date, FieldError, InputKind};
use serde_json::json;
use std::collections::BTreeMap;

const USAGE: &str = "usage: pocketlaw calc --list [--json] | calc <id> key=value… [--json] [--ics FILE|-]";

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let json_out = a.flag("--json");
    if a.flag("--list") {
        let list = calc::list();
        if json_out {
            println!("{}", serde_json::to_string_pretty(&list)?);
        } else {
            for c in &list {
                print_info(c);
            }
        }
        return Ok(0);
    }
    if let Some(flag) = args.iter().find(|s| s.starts_with("--") && !matches!(s.as_str(), "--json" | "--ics")) {
        eprintln!("unknown flag `{flag}`\n{USAGE}");
        return Ok(2);
    }
    let ics_path = a.value("--ics")?;
    let positional = a.positional(&["--ics"]);
    let Some((id, pairs)) = positional.split_first() else {
        eprintln!("{USAGE}\ncalculators: {}", calc::list().iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", "));
        return Ok(2);
    };
    let mut inputs = BTreeMap::new();
    for p in pairs {
        let Some((k, v)) = p.split_once('=') else {
            eprintln!("`{p}` is not key=value (e.g. amount=50000)\n{USAGE}");
            return Ok(2);
        };
        inputs.insert(k.trim().to_string(), v.to_string());
    }
    inputs.entry(calc::TODAY.to_string()).or_insert_with(|| today_in_china().to_string());
    match calc::run(id, &inputs) {
        Ok(result) => {
            // `--ics -` writes the calendar file alone to stdout.
            match (ics_path, json_out) {
                (Some("-"), _) => {}
                (_, true) => println!("{}", serde_json::to_string_pretty(&result)?),
                (_, false) => print_result(&result),
            }
            if let Some(path) = ics_path {
                let Some(reminder) = &result.reminder else {
                    eprintln!("`{id}` has no date to put in a calendar (--ics is for `deadline`)");
                    return Ok(2);
                };
                let text = calc::ics(reminder);
                if path == "-" {
                    print!("{text}");
                } else {
                    std::fs::write(path, text).with_context(|| format!("writing {path}"))?;
                    if !json_out {
                        println!("日历提醒已写到 {path}");
                    }
                }
            }
            Ok(0)
        }
        Err(errors) => {
            print_errors(id, &errors, json_out)?;
            Ok(2)
        }
    }
}

/// Today in China (UTC+8), from the system clock.
fn today_in_china() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = (secs + 8 * 3600) / 86_400;
    Date::from_days(i64::try_from(days).unwrap_or(0)).unwrap_or(Date { year: 1970, month: 1, day: 1 })
}

fn print_errors(id: &str, errors: &[FieldError], json_out: bool) -> Result<()> {
    if json_out {
        println!("{}", serde_json::to_string_pretty(&json!({ "id": id, "errors": errors }))?);
    }
    eprintln!("输入有问题，没有计算：");
    for e in errors {
        eprintln!("  {}: {}", e.key, e.message);
    }
    if errors.iter().any(|e| e.key == "id") {
        eprintln!("{USAGE}");
    } else {
        eprintln!("看能填什么：pocketlaw calc --list");
    }
    Ok(())
}

fn kind_text(kind: &InputKind) -> String {
    match kind {
        InputKind::Money => "金额（元）".into(),
        InputKind::Integer { min, max } => format!("整数 {min}–{max}"),
        InputKind::Number { unit, .. } => format!("数字（{unit}）"),
        InputKind::Date { not_after_today: true } => "日期 YYYY-MM-DD（不能晚于今天）".into(),
        InputKind::Date { .. } => "日期 YYYY-MM-DD".into(),
        InputKind::Choice { options } => {
            let o: Vec<String> = options.iter().map(|o| format!("{}={}", o.value, o.label)).collect();
            format!("选一个：{}", o.join("；"))
        }
        InputKind::Bool => "是/否".into(),
    }
}

fn print_info(c: &CalcInfo) {
    println!("{}  {}\n  {}", c.id, c.title, c.description);
    for i in &c.inputs {
        let need = if i.required { "必填" } else { "可不填" };
        let default = i.default.as_ref().map(|d| format!("，不填就是 {d}")).unwrap_or_default();
        println!("  {}=…  {}（{need}{default}）  {}", i.key, i.label, kind_text(&i.kind));
    }
    println!();
}

fn print_result(r: &CalcResult) {
    println!("{}\n", r.title);
    for f in &r.figures {
        println!("  {}：{}", f.label, f.text);
    }
    println!("\n怎么算的：");
    for p in &r.parts {
        println!("  - {}：{}", p.label, p.value);
        println!("    {}", p.formula);
    }
    println!("\n依据：");
    for c in &r.citations {
        println!("  {}  {}", c.cite, c.about);
    }
    println!("\n请注意：");
    for n in &r.notes {
        println!("  - {n}");
    }
}
