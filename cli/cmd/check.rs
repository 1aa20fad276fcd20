//! `pocketlaw check`: compile a content folder and print every diagnostic (the same compile as
//! build.rs, but on any folder, without rebuilding the binary).

use crate::data::Args;
use anyhow::Result;
use std::path::Path;

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let content = a.value("--content")?.unwrap_or("content");
    let statutes = pocketlaw_builder::find_statutes(Path::new("."), a.value("--statutes")?);
    match pocketlaw_builder::compile(Path::new(content), statutes.as_deref()) {
        Ok(data) => {
            let c = &data.catalog;
            let count = |k| c.docs.iter().filter(|d| d.kind == k).count();
            use pocketlaw_engine::model::DocKind::*;
            println!(
                "ok: {} guides, {} FAQs, {} quiz questions, {} topics, {} directory entries, {} lexicon entries; statutes {}",
                count(Guide),
                count(Faq),
                count(Quiz),
                c.topics.len(),
                c.directory.len(),
                data.lexicon_entries,
                if statutes.is_some() { "checked" } else { "not checked (no pack)" }
            );
            Ok(0)
        }
        Err(diags) => {
            for d in &diags.0 {
                eprintln!("{content}/{d}");
            }
            eprintln!("{} content error(s)", diags.len());
            Ok(1)
        }
    }
}
