//! `pocketlaw library --out DIR [--statutes DIR] [--json] [--no-brotli]`: builds the statute library (every
//! national law of the pack, one document per article) into DIR: the index (`root.<hash>.bin`,
//! `ix/<piece>.bin`), `laws.json`, `laws/<id>.json` and `library.json`. The provinces' local
//! regulations (`Laws/DLC/`) are left out.

use crate::data::Args;
use anyhow::{anyhow, Result};
use std::path::Path;
use std::time::Instant;

pub const DEFAULT_LIBRARY: &str = "target/library";

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let out = a.value("--out")?.unwrap_or(DEFAULT_LIBRARY);
    let statutes = pocketlaw_builder::find_statutes(Path::new("."), a.value("--statutes")?)
        .ok_or_else(|| anyhow!("no statute pack: name it with --statutes DIR (default ../shared/statutes)"))?;
    let report = build(&statutes, Path::new(out), !a.flag("--json"))?;
    if a.flag("--json") {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else if !a.flag("--no-brotli") {
        brotli_sizes(Path::new(out), &report)?;
    }
    Ok(0)
}

/// What the folder weighs brotli-compressed (quality 9, as a static host might precompress; the
/// site's own files use 11, a few per cent smaller), by kind of file.
fn brotli_sizes(out: &Path, report: &pocketlaw_builder::library::LibraryReport) -> Result<()> {
    let start = Instant::now();
    let params = brotli::enc::BrotliEncoderParams { quality: 9, lgwin: 22, ..Default::default() };
    let (mut index, mut laws, mut other) = ((0usize, 0usize), (0usize, 0usize), (0usize, 0usize));
    for (rel, len) in &report.files {
        let bytes = std::fs::read(out.join(rel))?;
        let mut packed = Vec::new();
        brotli::BrotliCompress(&mut &bytes[..], &mut packed, &params)?;
        let slot = if rel.starts_with("ix/") || rel.starts_with("root.") {
            &mut index
        } else if rel.starts_with("laws/") {
            &mut laws
        } else {
            &mut other
        };
        slot.0 += len;
        slot.1 += packed.len();
    }
    println!("  brotli (quality 9; measured in {:.1} s, not part of the build):", start.elapsed().as_secs_f64());
    println!("    index (root + pieces)    {:>11} raw {:>11} brotli", index.0, index.1);
    println!("    laws/<id>.json           {:>11} raw {:>11} brotli", laws.0, laws.1);
    println!("    laws.json, library.json  {:>11} raw {:>11} brotli", other.0, other.1);
    println!("    total                    {:>11} raw {:>11} brotli", index.0 + laws.0 + other.0, index.1 + laws.1 + other.1);
    Ok(())
}

/// Builds the library, printing what it did when `talk`.
pub fn build(statutes: &Path, out: &Path, talk: bool) -> Result<pocketlaw_builder::library::LibraryReport> {
    let start = Instant::now();
    let lexicon = crate::data::engine()?.lexicon().clone();
    let lib = pocketlaw_builder::library::collect(statutes)?;
    let read = start.elapsed();
    let report = pocketlaw_builder::library::write(&lib, &lexicon, out)?;
    if talk {
        for p in &report.skipped {
            eprintln!("skipped {}: {}", p.path, p.message);
        }
        for d in &report.duplicates {
            eprintln!("duplicate {d}");
        }
        let bytes: usize = report.files.iter().map(|f| f.1).sum();
        let index: usize = report.files.iter().filter(|f| f.0.starts_with("ix/") || f.0.starts_with("root.")).map(|f| f.1).sum();
        println!(
            "library: {} laws ({} current, {} superseded, {} repealed), {} articles, {} parts of texts without articles; {} files skipped, {} duplicates",
            report.laws,
            report.current,
            report.superseded,
            report.repealed,
            report.articles,
            report.parts,
            report.skipped.len(),
            report.duplicates.len()
        );
        println!("  left out: the provinces' local regulations (Laws/DLC/)");
        println!("  built in {:.1} s (reading the pack {:.1} s) into {}", start.elapsed().as_secs_f64(), read.as_secs_f64(), out.display());
        println!(
            "  on disk: {} files, {} bytes ({} bytes of index in {} pieces and the root)",
            report.files.len(),
            bytes,
            index,
            report.index_pieces
        );
    }
    Ok(report)
}
