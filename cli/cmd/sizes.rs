//! `pocketlaw sizes --site DIR`: bytes (raw, gzip, brotli) of what the first paint needs and of
//! what search needs, from the site's build.json.

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
    let site = Args::new(args).value("--site")?.unwrap_or("dist");
    let report: SiteReport =
        serde_json::from_slice(&std::fs::read(Path::new(site).join("build.json")).context("build.json (run the site build first)")?)?;
    println!("{:<44} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    for (label, list) in [("FIRST PAINT (home page usable)", &report.first_paint), ("SEARCH (loaded in the background)", &report.search)] {
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
