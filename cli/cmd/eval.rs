//! `pocketlaw eval`: how well search finds the right topic on labelled real questions. A
//! benchmark, not a test: it prints n, hit@1, hit@5 and MRR, a table per topic and every miss
//! with its top 5. The scoring is the engine's (`pocketlaw_engine::eval`).

use crate::data::{engine, Args};
use anyhow::{anyhow, Context, Result};
use pocketlaw_engine::eval::{evaluate, parse_questions, Ranked, Report};
use pocketlaw_engine::model::SearchRequest;
use pocketlaw_engine::search::RankParams;

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let path = a
        .value("--questions")?
        .ok_or_else(|| anyhow!("usage: pocketlaw eval --questions FILE [--json] [--brief] [--set knob=value]..."))?;
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let questions = parse_questions(&text).map_err(|errs| {
        let lines: Vec<String> = errs.iter().map(|e| format!("{path}:{}: {}", e.line, e.message)).collect();
        anyhow!("the questions file has errors:\n{}", lines.join("\n"))
    })?;
    // `--set name=value` (repeatable) tries other ranking knobs than the shipped ones.
    let mut params = RankParams::default();
    for pair in args.windows(2).filter(|w| w[0] == "--set") {
        params.set(&pair[1]).map_err(|e| anyhow!(e))?;
    }
    let engine = engine()?;
    let report = evaluate(&questions, |q| {
        let answer = engine.answer_with(&SearchRequest { query: q.to_string(), kind: None, limit: 5 }, &params);
        Ranked { top: answer.hits.into_iter().map(|h| (h.topic, h.id)).collect(), weak: answer.weak }
    });
    if a.flag("--json") {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report, a.flag("--misses") || !a.flag("--brief"));
    }
    Ok(0)
}

fn print_report(r: &Report, misses: bool) {
    let f = r.overall;
    println!("n {}   hit@1 {:.3}   hit@5 {:.3}   MRR {:.3}", f.n, f.hit1, f.hit5, f.mrr);
    println!(
        "no-topic questions: {} asked, search said \"no good match\" for {}; scored questions declined: {}",
        r.none_asked, r.none_declined, r.scored_declined
    );
    println!("\n{:<22} {:>4} {:>7} {:>7} {:>7}", "topic", "n", "hit@1", "hit@5", "MRR");
    for (topic, f) in &r.per_topic {
        println!("{:<22} {:>4} {:>7.3} {:>7.3} {:>7.3}", topic, f.n, f.hit1, f.hit5, f.mrr);
    }
    if misses {
        println!("\nmisses ({}): first result not a right topic", r.misses.len());
        for m in &r.misses {
            let rank = m.rank.map_or("-".to_string(), |r| r.to_string());
            println!("\n[{}] rank {rank}  want {} {:?}\n  {}", m.id, m.primary, m.also, m.q);
            for (i, (topic, id)) in m.top.iter().enumerate() {
                println!("  {}. {topic:<20} {id}", i + 1);
            }
        }
    }
}
