//! `pocketlaw site --app DIR --out DIR [--public DIR]`: the static site, from the embedded data,
//! the wasm-bindgen output and public/.

use crate::data::{catalog, files, Args};
use anyhow::{anyhow, Result};
use pocketlaw_builder::site::{assemble, SiteInputs};
use std::path::Path;

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let app = a.value("--app")?.ok_or_else(|| anyhow!("--app DIR (the wasm-bindgen output) is required"))?;
    let out = a.value("--out")?.ok_or_else(|| anyhow!("--out DIR is required"))?;
    let public = a.value("--public")?.unwrap_or("public");
    let cat = catalog()?;
    let report =
        assemble(&SiteInputs { app_dir: Path::new(app), public_dir: Path::new(public), data: files(), catalog: &cat }, Path::new(out))
            .map_err(|e| anyhow!(e))?;
    println!("site {} (content {}) written to {out}: {} files", report.version, report.build_id, report.files.len());
    Ok(0)
}
