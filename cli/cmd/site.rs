//! `pocketlaw site --app DIR --out DIR [--public DIR] [--content DIR [--statutes DIR|none]]`: the
//! static site, from the embedded data (or a content folder compiled now, as for test fixtures),
//! the wasm-bindgen output and public/. With the statute pack (`--statutes DIR`, default
//! ../shared/statutes; `--statutes none` or `--no-library` to leave it out) and the embedded
//! content, the statute library goes in too (`library/`, the same bytes as `pocketlaw library`).

use crate::data::{catalog, files, Args};
use anyhow::{anyhow, Result};
use pocketlaw_builder::site::{assemble, SiteInputs, SiteLibrary};
use std::path::Path;

pub fn run(args: &[String]) -> Result<i32> {
    let a = Args::new(args);
    let app = a.value("--app")?.ok_or_else(|| anyhow!("--app DIR (the wasm-bindgen output) is required"))?;
    let out = a.value("--out")?.ok_or_else(|| anyhow!("--out DIR is required"))?;
    let public = a.value("--public")?.unwrap_or("public");
    // Another content folder (a test fixture) is compiled here, with the same code as build.rs.
    let compiled = match a.value("--content")? {
        None => None,
        Some(dir) => {
            let statutes = pocketlaw_builder::find_statutes(Path::new("."), a.value("--statutes")?);
            let data = pocketlaw_builder::compile(Path::new(dir), statutes.as_deref()).map_err(|diags| {
                let all: Vec<String> = diags.0.iter().map(|d| format!("{dir}/{d}")).collect();
                anyhow!("content errors:\n{}", all.join("\n"))
            })?;
            Some(data)
        }
    };
    let owned: Vec<(String, Vec<u8>)> = compiled.as_ref().map(|d| d.files()).unwrap_or_default();
    let borrowed: Vec<(&str, &[u8])> = owned.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let (data, cat) = match &compiled {
        Some(d) => (borrowed.as_slice(), d.catalog.clone()),
        None => (files(), catalog()?),
    };
    // The statute library, for the real content only (test fixtures stay small).
    let statutes = if compiled.is_none() && !a.flag("--no-library") {
        pocketlaw_builder::find_statutes(Path::new("."), a.value("--statutes")?)
    } else {
        None
    };
    let library = match &statutes {
        None => None,
        Some(dir) => {
            let start = std::time::Instant::now();
            let lexicon = crate::data::engine()?.lexicon().clone();
            let lib = pocketlaw_builder::library::collect(dir)?;
            let built = pocketlaw_builder::library::build(&lib, &lexicon)?;
            let key = pocketlaw_builder::library::key_laws(dir, &lib);
            println!(
                "library: {} laws, {} articles, {} key laws, {} index pieces (built in {:.1} s)",
                lib.laws.len(),
                built.laws.iter().map(|l| l.articles).sum::<usize>(),
                key.len(),
                built.index.pieces.len(),
                start.elapsed().as_secs_f64()
            );
            Some((built, key))
        }
    };
    let site_library = library.as_ref().map(|(built, key)| SiteLibrary { built, key });
    let inputs = SiteInputs { app_dir: Path::new(app), public_dir: Path::new(public), data, catalog: &cat, library: site_library };
    let report = assemble(&inputs, Path::new(out))?;
    println!("site {} (content {}) written to {out}: {} files", report.version, report.build_id, report.files.len());
    Ok(0)
}
