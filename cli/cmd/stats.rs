//! `pocketlaw stats`: reading level per guide and topic coverage, computed from content/.

use crate::data::Args;
use anyhow::{anyhow, Result};
use pocketlaw_builder::quality::{coverage_gaps, reading_level, LONG_SENTENCE};
use std::path::Path;

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let content = a.value("--content")?.unwrap_or("content");
    let data = pocketlaw_builder::compile(Path::new(content), None).map_err(|d| anyhow!("content does not compile:\n{d}"))?;
    println!("{:<40} {:>9} {:>12} {:>12}", "guide", "sentences", "avg chars", format!(">{LONG_SENTENCE} chars"));
    let (mut total_avg, mut worst) = (0.0, (String::new(), 0.0f32));
    for (id, text) in &data.guide_texts {
        let r = reading_level(text);
        println!("{:<40} {:>9} {:>12.1} {:>11.1}%", id, r.sentences, r.average, r.long_share * 100.0);
        total_avg += r.average;
        if r.long_share > worst.1 {
            worst = (id.clone(), r.long_share);
        }
    }
    let n = data.guide_texts.len().max(1) as f32;
    println!(
        "{} guides; mean of averages {:.1} chars; most long sentences: {} ({:.1}%)",
        data.guide_texts.len(),
        total_avg / n,
        worst.0,
        worst.1 * 100.0
    );
    let gaps = coverage_gaps(&data.catalog);
    if gaps.is_empty() {
        println!("coverage: every topic has at least 1 guide and 5 FAQs");
        Ok(0)
    } else {
        for g in &gaps {
            println!("coverage gap: {g}");
        }
        Ok(1)
    }
}
