//! The last stage: assemble the static site from the compiled data, the wasm-bindgen output and
//! public/. Every asset gets a content hash in its name, so a cached index.html never points at a
//! file of another version; one HTML page per shareable route makes deep links work on any plain
//! static host without rewrite rules.
//!
//! [`assemble`] is the list of steps, each in its own module under `site/`:
//! - `writer`: the folder; every file written through it goes into the site's version;
//! - `assets`: the compiled data, the app's code, the statute library, the search worker, and
//!   the asset map that tells the app where they are;
//! - `pages`: the page template, and one page per route with its boot shell;
//! - `headers`: the pages' Content-Security-Policy and the host's `_headers`;
//! - `sw`: the service worker's precache list and version.

mod assets;
mod headers;
mod pages;
mod sw;
mod writer;

pub use headers::{content_security_policy, headers_file, Policy};

pub use crate::error::SiteError;

use crate::error::AtPath;
use pocketlaw_engine::model::Catalog;
use serde::Serialize;
use std::path::Path;

pub struct SiteInputs<'a> {
    /// wasm-bindgen output: pocketlaw_app.js/_bg.wasm and pocketlaw_worker.js/_bg.wasm.
    pub app_dir: &'a Path,
    /// public/: index.html, search-worker.js, style.css and static files.
    pub public_dir: &'a Path,
    /// The compiled data files (as from `SiteData::files` or the CLI's embedded copy).
    pub data: &'a [(&'a str, &'a [u8])],
    pub catalog: &'a Catalog,
    /// The statute library, when the build had the statute pack.
    pub library: Option<SiteLibrary<'a>>,
}

/// The statute library for the site: the built files and the key laws' ids.
pub struct SiteLibrary<'a> {
    pub built: &'a crate::library::Built,
    /// The laws the guides cite (the pack's folder): precached, listed first, a page each.
    pub key: &'a [String],
}

/// Where the library's index pieces go (FNV names, checked by the engine, as `data/ix/`).
pub const LIBRARY_PIECES_DIR: &str = "library/ix";

/// Where the search index's pieces go: `<name>.bin`, the name being the hash of the bytes.
pub const PIECES_DIR: &str = "data/ix";

/// What went where; written to `build.json` in the site and used by `pocketlaw sizes`.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct SiteReport {
    /// The content's id (from the compiled data).
    pub build_id: String,
    /// The whole site's version: a hash over every file written. The service worker's cache is
    /// named after it, so a change to anything (app code alone, too) is a new, atomic version.
    #[serde(default)]
    pub version: String,
    /// What the home page needs before it is drawn and usable: the boot shell (links, text size
    /// and search work without the app).
    pub first_paint: Vec<String>,
    /// The app (wasm), loaded after the first frame, which takes over from the boot shell.
    #[serde(default)]
    pub app: Vec<String>,
    /// What search needs on top of that.
    pub search: Vec<String>,
    /// Every file of the site.
    pub files: Vec<String>,
    /// What the service worker precaches: every file except the per-route HTML shells (the worker
    /// answers every navigation with /index.html, which they duplicate but for the title).
    pub precache: Vec<String>,
    /// Files deliberately not precached, and why.
    pub not_precached: Vec<String>,
}

/// Assembles the site into `out` (emptied first), step by step, and writes what went where to
/// `out/build.json`.
pub fn assemble(inputs: &SiteInputs, out: &Path) -> Result<SiteReport, SiteError> {
    let public = inputs.public_dir;
    let mut w = writer::Writer::new(out)?;
    let data = assets::write_data(&mut w, inputs.data)?;
    let inline = assets::read_inline(public)?;
    let code = assets::write_code(&mut w, inputs.app_dir)?;
    let library = assets::write_library(&mut w, inputs.library.as_ref())?;
    let worker = assets::write_search_worker(&mut w, public, &code, &data, &library)?;
    let assets_json = assets::asset_map(&data, &worker, &code, &library)?;
    // Static files from public/ that keep their names (icons, manifest, …).
    writer::copy_static(public, public, &mut w)?;
    let pages = pages::Pages::new(inputs, &data, &inline, &code, &library, &assets_json)?;
    pages::write_pages(&mut w, &pages, inputs, &library)?;
    let sw = sw::write_service_worker(&mut w, public, &library.lazy)?;
    let report = report(inputs.catalog, sw, code, data, worker, w.files, &library)?;
    write_report(out, &report)?;
    Ok(report)
}

/// What went where: the report, from the steps' results.
fn report(
    catalog: &Catalog,
    sw: sw::ServiceWorker,
    code: assets::Code,
    data: assets::Data,
    worker: String,
    files: Vec<String>,
    library: &assets::Library,
) -> Result<SiteReport, SiteError> {
    Ok(SiteReport {
        build_id: catalog.build_id.clone(),
        version: sw.version,
        first_paint: vec!["/index.html".to_string()],
        app: vec![code.app_js, code.app_wasm, data.url("catalog.json")?],
        search: vec![worker, code.worker_wasm, data.search_root],
        files,
        precache: sw.precache,
        not_precached: vec![
            format!("{} route pages (*/index.html): copies of /index.html with their own title for link previews; offline, the service worker answers every navigation with /index.html", sw.shells),
            "/sw.js: the service worker itself".to_string(),
            "/_headers: the host's response headers, not a page".to_string(),
            format!(
                "{} statute library files (index pieces, laws the guides do not cite): fetched when asked for, then kept by the service worker (their names are hashes); precached: {}",
                library.lazy.len(),
                library.precache.len()
            ),
        ],
    })
}

/// Writes the report to `build.json` (not part of the site's version, nor precached).
fn write_report(out: &Path, report: &SiteReport) -> Result<(), SiteError> {
    let json = serde_json::to_vec_pretty(report).map_err(|source| SiteError::Json { what: "the site report", source })?;
    let path = out.join("build.json");
    std::fs::write(&path, json).at(&path)?;
    Ok(())
}
