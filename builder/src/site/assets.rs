//! The site's assets: the compiled data, the app's code, the statute library and the search
//! worker, all hash-named; then the asset map that tells the app where they are.

use super::writer::{read, read_text, Writer};
use super::{SiteError, SiteLibrary, LIBRARY_PIECES_DIR, PIECES_DIR};
use pocketlaw_engine::library::{LawInfo, LawList};
use pocketlaw_engine::model::{Assets, DocKind, LibraryAssets, FORMAT_VERSION, SEARCH_PAGE};
use pocketlaw_engine::search::pieces::IndexFiles;
use std::collections::BTreeMap;
use std::path::Path;

/// Where the compiled data went.
pub(super) struct Data {
    /// Each data file's URL, by its name in the build (`catalog.json`, `topics/<slug>.json`, …).
    pub urls: BTreeMap<String, String>,
    /// The search index's root (its pieces are in [`PIECES_DIR`]).
    pub search_root: String,
}

impl Data {
    /// The URL of a data file the site cannot do without.
    pub fn url(&self, name: &str) -> Result<String, SiteError> {
        self.urls.get(name).cloned().ok_or_else(|| SiteError::Missing(name.to_string()))
    }
}

/// Writes the compiled data under `data/`, hash-named. The search index ships in pieces: a
/// hashed root, and pieces named by their own hash (`search::pieces`), fetched as queries need
/// them.
pub(super) fn write_data(w: &mut Writer, data: &[(&str, &[u8])]) -> Result<Data, SiteError> {
    let mut urls: BTreeMap<String, String> = BTreeMap::new();
    let mut search_root = None;
    for (name, bytes) in data {
        if *name == "search.bin" {
            let files = IndexFiles::decode_bundle(bytes).map_err(|source| SiteError::Data { name: name.to_string(), source })?;
            for (piece, bytes) in &files.pieces {
                w.write(&format!("{PIECES_DIR}/{piece}.bin"), bytes)?;
            }
            search_root = Some(w.hashed("data", "search-root.bin", &files.root)?);
            continue;
        }
        let (dir, file) = match name.rsplit_once('/') {
            Some((d, f)) => (format!("data/{d}"), f),
            None => ("data".to_string(), *name),
        };
        urls.insert(name.to_string(), w.hashed(&dir, file, bytes)?);
    }
    let search_root = search_root.ok_or_else(|| SiteError::Missing("search.bin".into()))?;
    Ok(Data { urls, search_root })
}

/// The style sheet (2 KB brotli) and the page's two small scripts, inlined in every page: as
/// files they would each cost a round trip on a new connection, and the first frame waited.
pub(super) struct Inline {
    pub css: String,
    pub pwa_js: String,
    pub boot_search_js: String,
}

/// Reads [`Inline`]'s files from public/. None may close an element (`</`).
pub(super) fn read_inline(public: &Path) -> Result<Inline, SiteError> {
    let inline = |name: &str| -> Result<String, SiteError> {
        let text = read_text(public, name)?;
        if text.contains("</") {
            return Err(SiteError::ClosesInline(name.to_string()));
        }
        Ok(text.trim().to_string())
    };
    // pwa.js's storage keys come from the engine (`builder::contract`).
    let pwa_js = crate::contract::fill_pwa(&inline("pwa.js")?).ok_or_else(|| SiteError::Unfilled("pwa.js".into()))?;
    Ok(Inline {
        css: inline("style.css")?,
        pwa_js: without_comment_lines(&pwa_js),
        boot_search_js: without_comment_lines(&inline("boot-search.js")?),
    })
}

/// A script inlined in every page, without its whole-line `//` comments: they are for the
/// maintainer, and every first paint would carry them. (The two scripts have no multi-line
/// strings, so a line starting with `//` is always a comment.)
fn without_comment_lines(js: &str) -> String {
    js.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The code: the app's script and wasm, the worker's wasm (URLs), and the worker's glue.
pub(super) struct Code {
    pub app_js: String,
    pub app_wasm: String,
    /// The worker's wasm-bindgen glue, which goes inside the worker's script: one round trip less.
    pub worker_glue: String,
    pub worker_wasm: String,
}

/// Writes the icons (drawn in code), and the app's and the worker's code from the
/// wasm-bindgen output `app_dir`.
pub(super) fn write_code(w: &mut Writer, app_dir: &Path) -> Result<Code, SiteError> {
    for (name, size) in [("icon-192.png", 192), ("icon-512.png", 512), ("maskable-512.png", 512)] {
        w.write(&format!("icons/{name}"), &crate::icon::png(size))?;
    }
    let app = |n: &str| read(&app_dir.join(n));
    let app_js = w.hashed("assets", "app.js", &app("pocketlaw_app.js")?)?;
    let app_wasm = w.hashed("assets", "app.wasm", &app("pocketlaw_app_bg.wasm")?)?;
    let worker_glue = read_text(app_dir, "pocketlaw_worker.js")?;
    let worker_wasm = w.hashed("assets", "worker.wasm", &app("pocketlaw_worker_bg.wasm")?)?;
    Ok(Code { app_js, app_wasm, worker_glue, worker_wasm })
}

/// What the statute library put in the site (nothing without the statute pack).
#[derive(Default)]
pub(super) struct Library {
    /// For the asset map: the root, the pieces' folder, the law list.
    pub assets: Option<LibraryAssets>,
    /// Not precached: the index pieces and the laws the guides do not cite (cached when fetched).
    pub lazy: Vec<String>,
    /// Precached: the root, the key laws and the law list.
    pub precache: Vec<String>,
    /// The key laws, which get a page each.
    pub key_laws: Vec<LawInfo>,
}

/// Writes the statute library under `library/`: the index root and the law list hash-named,
/// the pieces named by their own hash (in [`LIBRARY_PIECES_DIR`]), each law's JSON hash-named.
/// Only the root, the list and the key laws are precached; the rest is cached by the service
/// worker once fetched.
pub(super) fn write_library(w: &mut Writer, lib: Option<&SiteLibrary>) -> Result<Library, SiteError> {
    let Some(lib) = lib else { return Ok(Library::default()) };
    let mut out = Library::default();
    let index = &lib.built.index;
    for (piece, bytes) in &index.pieces {
        out.lazy.push(w.write(&format!("{LIBRARY_PIECES_DIR}/{piece}.bin"), bytes)?);
    }
    let root = w.hashed("library", "root.bin", &index.root)?;
    out.precache.push(root.clone());
    let mut laws = lib.built.laws.clone();
    for (info, (id, bytes)) in laws.iter_mut().zip(&lib.built.law_files) {
        if info.id != *id {
            return Err(SiteError::LawOutOfOrder(id.clone()));
        }
        info.file = w.hashed("library/laws", "law.json", bytes)?;
        info.key = lib.key.contains(id);
        info.source = String::new();
        if info.key {
            out.precache.push(info.file.clone());
            out.key_laws.push(info.clone());
        } else {
            out.lazy.push(info.file.clone());
        }
    }
    let list = LawList { format_version: FORMAT_VERSION, laws };
    let list = serde_json::to_vec(&list).map_err(|source| SiteError::Json { what: "the law list", source })?;
    let laws_url = w.hashed("library", "laws.json", &list)?;
    out.precache.push(laws_url.clone());
    out.assets = Some(LibraryAssets { root, pieces: format!("/{LIBRARY_PIECES_DIR}/"), laws: laws_url });
    Ok(out)
}

/// Writes the search worker's script (public/search-worker.js with the worker's glue inside
/// and the URLs of its wasm, the index and the library filled in); returns its URL.
pub(super) fn write_search_worker(w: &mut Writer, public: &Path, code: &Code, data: &Data, library: &Library) -> Result<String, SiteError> {
    let library = library.assets.as_ref();
    let bootstrap = read_text(public, "search-worker.js")?
        .replace("importScripts(\"{{WORKER_GLUE}}\");", &code.worker_glue)
        .replace("{{WORKER_WASM}}", &code.worker_wasm)
        .replace("{{SEARCH_ROOT}}", &data.search_root)
        .replace("{{PIECES}}", &format!("/{PIECES_DIR}/"))
        .replace("{{LIBRARY_ROOT}}", library.map_or("", |l| l.root.as_str()))
        .replace("{{LIBRARY_PIECES}}", library.map_or("", |l| l.pieces.as_str()));
    if bootstrap.contains("{{") {
        return Err(SiteError::Unfilled("search-worker.js".into()));
    }
    Ok(w.hashed("assets", "search-worker.js", bootstrap.as_bytes())?)
}

/// The asset map the app reads from the page (`#pl-assets`), as JSON.
pub(super) fn asset_map(data: &Data, worker: &str, code: &Code, library: &Library) -> Result<String, SiteError> {
    let topics: BTreeMap<String, String> = data
        .urls
        .iter()
        .filter_map(|(n, u)| n.strip_prefix("topics/").and_then(|s| s.strip_suffix(".json")).map(|s| (s.to_string(), u.clone())))
        .collect();
    let assets = Assets {
        catalog: data.url("catalog.json")?,
        search_worker: worker.to_string(),
        search_preload: vec![code.worker_wasm.clone(), data.search_root.clone()],
        statutes: data.urls.get("statutes.json").cloned(),
        topics,
        trees: data.url("trees.json")?,
        forms: data.url("forms.json")?,
        quiz: data.url("quiz.json")?,
        search_page: SEARCH_PAGE,
        kind_labels: DocKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect(),
        library: library.assets.clone(),
    };
    serde_json::to_string(&assets).map_err(|source| SiteError::Json { what: "the asset map", source })
}

#[cfg(test)]
mod tests {
    #[test]
    fn inlined_scripts_lose_their_comment_lines_only() {
        let js = "// about\n(function () {\n  // why\n  var u = \"http://x\"; // kept: not a whole line\n})();";
        assert_eq!(super::without_comment_lines(js), "(function () {\n  var u = \"http://x\"; // kept: not a whole line\n})();");
    }
}
