//! The last stage: assemble the static site from the compiled data, the wasm-bindgen output and
//! public/. Every asset gets a content hash in its name, so a cached index.html never points at a
//! file of another version; one HTML page per shareable route makes deep links work on any plain
//! static host without rewrite rules.

use crate::boot::{self, escape};
use crate::emit::hex;
use pocketlaw_engine::bundle::decode_json;
use pocketlaw_engine::model::{Assets, Catalog, DocKind, TopicChunk};
use pocketlaw_engine::search::pieces::IndexFiles;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

struct Writer {
    out: PathBuf,
    files: Vec<String>,
    /// Every path and its bytes, in order: the site's version, which the service worker's cache
    /// is named after. Any changed file (app code, data, page) makes a new version.
    digest: Sha256,
}

impl Writer {
    fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<String, String> {
        let path = self.out.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        self.digest.update((rel.len() as u64).to_le_bytes());
        self.digest.update(rel.as_bytes());
        self.digest.update((bytes.len() as u64).to_le_bytes());
        self.digest.update(bytes);
        self.files.push(rel.to_string());
        Ok(format!("/{rel}"))
    }

    /// Writes `dir/stem.<hash>.ext` and returns its URL.
    fn hashed(&mut self, dir: &str, name: &str, bytes: &[u8]) -> Result<String, String> {
        let hash = hex(&Sha256::digest(bytes)[..5]);
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        self.write(&format!("{dir}/{stem}.{hash}.{ext}"), bytes)
    }
}

/// The home page (where people search) starts the search worker from its `<head>`, while the rest
/// of the page is still being read and drawn (public/boot-search.js then uses it). Other routes
/// drawn with the home page's boot shell start it when the box is used.
const BOOT_SEARCH_BOX: &str = "id=\"boot-q\"";
/// Beside the worker's own script, the page asks for the engine's wasm and the index root at once
/// (preloads share the HTTP cache with the worker), so they do not wait for the worker to start.
const EARLY_SEARCH: &str = "<script>if(location.pathname===\"/\"&&typeof WebAssembly===\"object\")try{var a=JSON.parse(document.getElementById(\"pl-assets\").textContent);window.plSearchWorker=new Worker(a.search_worker);a.search_preload.forEach(function(u){var l=document.createElement(\"link\");l.rel=\"preload\";l.as=\"fetch\";l.crossOrigin=\"anonymous\";l.href=u;document.head.appendChild(l)})}catch(e){}</script>\n";

/// A page's Content-Security-Policy: only this site's own files, the wasm it compiles, and the
/// inline scripts and style the page carries, each named by its SHA-256.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Policy {
    pub scripts: Vec<String>,
    pub styles: Vec<String>,
}

impl Policy {
    fn directives(&self) -> Vec<String> {
        let hashes = |v: &[String]| v.iter().map(|h| format!(" 'sha256-{h}'")).collect::<String>();
        vec![
            "default-src 'self'".into(),
            format!("script-src 'self' 'wasm-unsafe-eval'{}", hashes(&self.scripts)),
            format!("style-src 'self'{}", hashes(&self.styles)),
            "img-src 'self'".into(),
            "object-src 'none'".into(),
            "base-uri 'none'".into(),
            "form-action 'none'".into(),
        ]
    }

    /// For the page's `<meta>` (which cannot carry `frame-ancestors`).
    pub fn meta(&self) -> String {
        self.directives().join("; ")
    }

    /// For the host's response header (`_headers`): the same, and no framing.
    pub fn header(&self) -> String {
        let mut d = self.directives();
        d.push("frame-ancestors 'none'".into());
        d.join("; ")
    }
}

/// The hashes of a page's inline `<script>` (not data blocks) and `<style>` elements.
pub fn content_security_policy(html: &str) -> Policy {
    use base64::Engine;
    let hash = |text: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()));
    let mut policy = Policy::default();
    for (open, close, scripts) in [("<script", "</script>", true), ("<style", "</style>", false)] {
        let mut rest = html;
        while let Some(at) = rest.find(open) {
            let after = &rest[at + open.len()..];
            let Some(tag_end) = after.find('>') else { break };
            let attrs = &after[..tag_end];
            let body = &after[tag_end + 1..];
            let Some(end) = body.find(close) else { break };
            let inline = !attrs.contains("src=") && !attrs.contains("application/json");
            if inline && (attrs.is_empty() || attrs.starts_with(' ')) {
                let list = if scripts { &mut policy.scripts } else { &mut policy.styles };
                let h = hash(&body[..end]);
                if !list.contains(&h) {
                    list.push(h);
                }
            }
            rest = &body[end + close.len()..];
        }
    }
    policy
}

/// The `_headers` file: the policy with `frame-ancestors`, no sniffing, no referrer, none of the
/// browser features the app does not use, and long caching for everything with a hashed name.
pub fn headers_file(policy: &Policy) -> String {
    format!(
        "/*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  \
         Permissions-Policy: accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()\n\
         /assets/*\n  Cache-Control: public, max-age=31536000, immutable\n\
         /data/*\n  Cache-Control: public, max-age=31536000, immutable\n\
         /library/*\n  Cache-Control: public, max-age=31536000, immutable\n\
         /sw.js\n  Cache-Control: no-cache\n",
        policy.header()
    )
}

/// Where the search index's pieces go: `<name>.bin`, the name being the hash of the bytes.
pub const PIECES_DIR: &str = "data/ix";

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn assemble(inputs: &SiteInputs, out: &Path) -> Result<SiteReport, String> {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let mut w = Writer { out: out.to_path_buf(), files: Vec::new(), digest: Sha256::new() };
    let app = |n: &str| read(&inputs.app_dir.join(n));
    let public = |n: &str| read(&inputs.public_dir.join(n));
    let utf8 = |n: &str, bytes: Vec<u8>| String::from_utf8(bytes).map_err(|_| format!("{n} is not UTF-8"));
    let public_text = |n: &str| utf8(n, public(n)?);

    // Data.
    let mut data_urls: BTreeMap<String, String> = BTreeMap::new();
    let mut search_root = None;
    for (name, bytes) in inputs.data {
        // The search index ships in pieces: a hashed root, and pieces named by their own hash
        // (`search::pieces`), fetched as queries need them.
        if *name == "search.bin" {
            let files = IndexFiles::decode_bundle(bytes).map_err(|e| format!("search.bin: {e}"))?;
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
        data_urls.insert(name.to_string(), w.hashed(&dir, file, bytes)?);
    }
    let data_url = |n: &str| data_urls.get(n).cloned().ok_or_else(|| format!("{n} missing from the build"));

    // Code.
    // The style sheet (2 KB brotli) and the page's two small scripts are inlined in every page: as
    // files they would each cost a round trip on a new connection, and the first frame waited.
    let inline = |name: &str| -> Result<String, String> {
        let text = public_text(name)?;
        if text.contains("</") {
            return Err(format!("{name} must not contain \"</\" (it is inlined in the page)"));
        }
        Ok(text.trim().to_string())
    };
    let css = inline("style.css")?;
    let pwa_js = crate::contract::fill_pwa(&inline("pwa.js")?)?;
    let boot_search_js = inline("boot-search.js")?;
    for (name, size) in [("icon-192.png", 192), ("icon-512.png", 512), ("maskable-512.png", 512)] {
        w.write(&format!("icons/{name}"), &crate::icon::png(size))?;
    }
    let app_js = w.hashed("assets", "app.js", &app("pocketlaw_app.js")?)?;
    let app_wasm = w.hashed("assets", "app.wasm", &app("pocketlaw_app_bg.wasm")?)?;
    // The worker's wasm-bindgen glue goes inside the worker's script: one round trip less.
    let worker_glue = utf8("pocketlaw_worker.js", app("pocketlaw_worker.js")?)?;
    let worker_wasm = w.hashed("assets", "worker.wasm", &app("pocketlaw_worker_bg.wasm")?)?;
    let search_root = search_root.ok_or("search.bin missing from the build")?;
    // The statute library: the index root and the law list hash-named, the pieces named by their
    // own hash, each law's JSON hash-named. Only the root, the list and the key laws are
    // precached; the rest is cached by the service worker once fetched.
    let mut library_urls: Vec<String> = Vec::new();
    let mut library_precache: Vec<String> = Vec::new();
    let mut key_pages: Vec<(pocketlaw_engine::library::LawInfo, String)> = Vec::new();
    let library = match &inputs.library {
        None => None,
        Some(lib) => {
            let index = &lib.built.index;
            for (piece, bytes) in &index.pieces {
                library_urls.push(w.write(&format!("{LIBRARY_PIECES_DIR}/{piece}.bin"), bytes)?);
            }
            let root = w.hashed("library", "root.bin", &index.root)?;
            library_precache.push(root.clone());
            let mut laws = lib.built.laws.clone();
            for (info, (id, bytes)) in laws.iter_mut().zip(&lib.built.law_files) {
                if info.id != *id {
                    return Err(format!("library: law {id} out of order"));
                }
                info.file = w.hashed("library/laws", "law.json", bytes)?;
                info.key = lib.key.contains(id);
                info.source = String::new();
                if info.key {
                    library_precache.push(info.file.clone());
                    key_pages.push((info.clone(), info.file.clone()));
                } else {
                    library_urls.push(info.file.clone());
                }
            }
            let list = pocketlaw_engine::library::LawList { format_version: pocketlaw_engine::model::FORMAT_VERSION, laws };
            let laws_url = w.hashed("library", "laws.json", &serde_json::to_vec(&list).map_err(|e| e.to_string())?)?;
            library_precache.push(laws_url.clone());
            Some(pocketlaw_engine::model::LibraryAssets { root, pieces: format!("/{LIBRARY_PIECES_DIR}/"), laws: laws_url })
        }
    };
    let bootstrap = public_text("search-worker.js")?
        .replace("importScripts(\"{{WORKER_GLUE}}\");", &worker_glue)
        .replace("{{WORKER_WASM}}", &worker_wasm)
        .replace("{{SEARCH_ROOT}}", &search_root)
        .replace("{{PIECES}}", &format!("/{PIECES_DIR}/"))
        .replace("{{LIBRARY_ROOT}}", library.as_ref().map_or("", |l| l.root.as_str()))
        .replace("{{LIBRARY_PIECES}}", library.as_ref().map_or("", |l| l.pieces.as_str()));
    if bootstrap.contains("{{") {
        return Err("search-worker.js: a placeholder was left unfilled".into());
    }
    let worker = w.hashed("assets", "search-worker.js", bootstrap.as_bytes())?;

    // The asset map the app reads from the page.
    let topics: BTreeMap<String, String> = data_urls
        .iter()
        .filter_map(|(n, u)| n.strip_prefix("topics/").and_then(|s| s.strip_suffix(".json")).map(|s| (s.to_string(), u.clone())))
        .collect();
    let assets = Assets {
        catalog: data_url("catalog.json")?,
        search_worker: worker.clone(),
        search_preload: vec![worker_wasm.clone(), search_root.clone()],
        statutes: data_urls.get("statutes.json").cloned(),
        topics,
        trees: data_url("trees.json")?,
        forms: data_url("forms.json")?,
        quiz: data_url("quiz.json")?,
        search_page: pocketlaw_engine::model::SEARCH_PAGE,
        kind_labels: DocKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect(),
        library: library.clone(),
    };
    let assets_json = serde_json::to_string(&assets).map_err(|e| e.to_string())?;

    // Static files from public/ that keep their names (icons, manifest, …).
    copy_static(inputs.public_dir, inputs.public_dir, &mut w)?;

    // One page per shareable route, each with its own title and description for link previews.
    let template = public_text("index.html")?;
    let c = inputs.catalog;
    let catalog_url = data_url("catalog.json")?;
    // Each page carries its route's boot shell (see `boot`): the home page for most routes, the
    // whole document for a guide, FAQ or quiz question, the lists for a topic.
    let home_main = boot::home(c, library.is_some());
    let page_with = |title: &str, description: &str, main: &str| -> String {
        let page = template
            .replace("{{TITLE}}", &escape(title))
            .replace("{{DESCRIPTION}}", &escape(description))
            .replace("{{APP_NAME}}", &escape(&c.county.app_name))
            .replace("{{HOTLINE}}", &escape(&c.county.hotline))
            .replace("{{CATALOG}}", &catalog_url)
            .replace("{{CSS_TEXT}}", &css)
            .replace("{{PWA_TEXT}}", &pwa_js)
            .replace("{{BOOT_SEARCH_TEXT}}", &boot_search_js)
            .replace("{{APP_JS}}", &app_js)
            .replace("{{APP_WASM}}", &app_wasm)
            .replace("{{ASSETS}}", &assets_json.replace("</", "<\\/"))
            .replace("{{EARLY_SEARCH}}", if main.contains(BOOT_SEARCH_BOX) { EARLY_SEARCH } else { "" })
            // Last, so that nothing in the content is taken for a placeholder.
            .replace("{{BOOT_MAIN}}", main);
        // The policy names the page's own inline scripts and style by hash (the head comes first,
        // so the first placeholder is the template's).
        let policy = content_security_policy(&page);
        page.replacen("{{CSP}}", &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">", escape(&policy.meta())), 1)
    };
    let page = |title: &str, description: &str| page_with(title, description, &home_main);
    let home_title = format!("{} · {}", c.county.app_name, c.county.tagline);
    let home_desc = format!(
        "{}群众的免费法律自助指南：讨薪、工伤、离婚、赡养、土地、借钱等常见问题怎么办，去哪里办，拨打 {} 免费咨询。",
        c.county.name, c.county.hotline
    );
    let manifest = public_text("manifest.webmanifest")?
        .replace("{{APP_NAME}}", &c.county.app_name)
        .replace("{{TAGLINE}}", &c.county.tagline)
        .replace("{{DESCRIPTION}}", &home_desc.replace('"', "'"));
    w.write("manifest.webmanifest", manifest.as_bytes())?;
    let home = page(&home_title, &home_desc);
    w.write("index.html", home.as_bytes())?;
    // Response headers for static hosts that read a `_headers` file (Netlify, Cloudflare Pages);
    // README "Deploying" says what to set elsewhere. The home page carries every inline script.
    w.write("_headers", headers_file(&content_security_policy(&home)).as_bytes())?;
    w.write("404.html", page(&home_title, &home_desc).as_bytes())?;
    w.write("directory/index.html", page(&format!("法律服务指引 - {}", c.county.app_name), &home_desc).as_bytes())?;
    for t in &c.topics {
        let html = page_with(&format!("{} - {}", t.name, c.county.app_name), &t.blurb, &boot::topic(c, t));
        w.write(&format!("topic/{}/index.html", t.slug), html.as_bytes())?;
    }
    for route in ["quiz", "quiz/notebook", "quiz/history"] {
        w.write(&format!("{route}/index.html"), page(&format!("法治月考 - {}", c.county.app_name), &home_desc).as_bytes())?;
    }
    for m in &c.quiz_months {
        w.write(&format!("quiz/month/{m}/index.html"), page(&format!("{m} 法治月考 - {}", c.county.app_name), &home_desc).as_bytes())?;
    }
    for t in &c.topics {
        w.write(
            &format!("quiz/practice/{}/index.html", t.slug),
            page(&format!("{} 专题练习 - {}", t.name, c.county.app_name), &home_desc).as_bytes(),
        )?;
    }
    w.write("calc/index.html", page_with(&format!("算一算 - {}", c.county.app_name), &home_desc, &boot::calc_list(c)).as_bytes())?;
    for k in pocketlaw_engine::calc::list() {
        let html = page_with(&format!("{} - {}", k.title, c.county.app_name), &k.description, &boot::calc_page(c, &k));
        w.write(&format!("calc/{}/index.html", k.id), html.as_bytes())?;
    }
    for n in &c.notices {
        let html = page_with(&format!("{} - {}", n.title, c.county.app_name), &n.summary, &boot::notice(c, n));
        w.write(&format!("notice/{}/index.html", n.id), html.as_bytes())?;
    }
    for t in &c.trees {
        w.write(&format!("tree/{}/index.html", t.id), page(&format!("{} - {}", t.title, c.county.app_name), &t.intro).as_bytes())?;
    }
    // Each cited article has its page, so a shared /law/… link answers 200 with the article.
    if let Some((name, bytes)) = inputs.data.iter().find(|f| f.0 == "statutes.json") {
        let texts: pocketlaw_engine::model::StatuteTexts = decode_json(bytes).map_err(|e| format!("{name}: {e}"))?;
        for (key, a) in &texts.articles {
            let Some((law, article)) = key.split_once('|') else { continue };
            let title = format!("《{law}》{article} - {}", c.county.app_name);
            let whole = inputs
                .library
                .as_ref()
                .filter(|l| l.built.laws.iter().any(|i| i.id == law))
                .and_then(|_| boot::whole_law_href(law, article));
            let html = page_with(&title, &boot::description(&escape(&a.text), 80), &boot::law(a, whole.as_deref()));
            w.write(&format!("law/{law}/{article}/index.html"), html.as_bytes())?;
        }
    }
    // Legal forms: the list and each form (the interview and the printable page are drawn by the
    // app; the answers never leave the phone, so no page is written per answer).
    if !c.forms.is_empty() {
        let desc = format!(
            "帮您一步一步写好常用的法律文书：仲裁申请书、起诉状、借条等。填的内容只存在这部手机上。拿不准的，请拨打 {}。",
            c.county.hotline
        );
        w.write("form/index.html", page(&format!("帮您写文书 - {}", c.county.app_name), &desc).as_bytes())?;
    }
    for f in &c.forms {
        w.write(&format!("form/{}/index.html", f.id), page(&format!("{} - {}", f.title, c.county.app_name), &f.intro).as_bytes())?;
    }
    // Documents: each topic piece holds its pages whole.
    for (name, bytes) in inputs.data.iter().filter(|f| f.0.starts_with("topics/")) {
        let chunk: TopicChunk = decode_json(bytes).map_err(|e| format!("{name}: {e}"))?;
        for p in &chunk.pages {
            let d = c.doc(&p.id).ok_or_else(|| format!("{name}: {} is not in the catalog", p.id))?;
            let title = format!("{} - {}", d.title, c.county.app_name);
            let description = if d.summary.is_empty() { boot::description(&p.html, 80) } else { d.summary.clone() };
            w.write(&format!("doc/{}/index.html", d.id), page_with(&title, &description, &boot::doc(c, p, &chunk.pages)).as_bytes())?;
        }
    }

    // The library's pages: the search (its boot shell lists the key laws) and each key law.
    if library.is_some() {
        let desc = "查法律法规原文：法律、行政法规、司法解释，按条文搜索，整部阅读。".to_string();
        let keys: Vec<&pocketlaw_engine::library::LawInfo> = key_pages.iter().map(|(i, _)| i).collect();
        w.write("laws/index.html", page_with(&format!("法律法规 - {}", c.county.app_name), &desc, &boot::laws(&keys)).as_bytes())?;
        for (info, _) in key_pages.iter().filter(|(i, _)| !i.id.contains(['/', '\\'])) {
            let html = page_with(&format!("{} - {}", info.title, c.county.app_name), &desc, &boot::law_whole(info));
            w.write(&format!("laws/{}/index.html", info.id), html.as_bytes())?;
        }
    }

    let first_paint = vec!["/index.html".to_string()];
    let app_files = vec![app_js.clone(), app_wasm.clone(), catalog_url.clone()];
    // The service worker: every file of this version, generated from what was just written.
    let is_route_shell = |f: &str| f.ends_with("/index.html");
    let lazy: std::collections::HashSet<&str> = library_urls.iter().map(String::as_str).collect();
    let mut precache: Vec<String> = w
        .files
        .iter()
        .filter(|f| !is_route_shell(f) && *f != "_headers")
        .map(|f| format!("/{f}"))
        .filter(|f| !lazy.contains(f.as_str()))
        .collect();
    precache.sort();
    let shells = w.files.iter().filter(|f| is_route_shell(f)).count();
    let version = hex(&w.digest.clone().finalize()[..6]);
    let sw = public_text("sw.js")?
        .replace("{{BUILD_ID}}", &version)
        .replace("{{PRECACHE}}", &serde_json::to_string(&precache).map_err(|e| e.to_string())?);
    w.write("sw.js", sw.as_bytes())?;
    let report = SiteReport {
        build_id: c.build_id.clone(),
        version,
        first_paint,
        app: app_files,
        search: vec![worker, worker_wasm, search_root],
        files: w.files.clone(),
        precache,
        not_precached: vec![
            format!("{shells} route pages (*/index.html): copies of /index.html with their own title for link previews; offline, the service worker answers every navigation with /index.html"),
            "/sw.js: the service worker itself".to_string(),
            "/_headers: the host's response headers, not a page".to_string(),
            format!(
                "{} statute library files (index pieces, laws the guides do not cite): fetched when asked for, then kept by the service worker (their names are hashes); precached: {}",
                library_urls.len(),
                library_precache.len()
            ),
        ],
    };
    let json = serde_json::to_vec_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(out.join("build.json"), json).map_err(|e| e.to_string())?;
    Ok(report)
}

/// Copies public/ files other than the templates, keeping their paths.
fn copy_static(root: &Path, dir: &Path, w: &mut Writer) -> Result<(), String> {
    const TEMPLATES: [&str; 7] =
        ["index.html", "search-worker.js", "style.css", "sw.js", "pwa.js", "boot-search.js", "manifest.webmanifest"];
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten() {
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            copy_static(root, &path, w)?;
        } else if !TEMPLATES.contains(&rel.as_str()) {
            w.write(&rel, &read(&path)?)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_each_inline_script_and_style_by_hash() {
        let html = "<head><meta charset=utf-8>{{CSP}}<style>b{}</style>\
                    <script id=\"pl-assets\" type=\"application/json\">{}</script>\
                    <script src=\"/a.js\"></script><script>one()</script><script type=\"module\">two()</script>\
                    <script>one()</script></head>";
        let p = content_security_policy(html);
        assert_eq!(p.scripts.len(), 2, "two distinct inline scripts; not the data block, not the file");
        assert_eq!(p.styles.len(), 1);
        // The hash of `one()` (checked against `printf 'one()' | openssl dgst -sha256 -binary | base64`).
        assert_eq!(p.scripts[0], "HR7iaask9daLMRRskMI++QeJtjWDOjyPA6lGzYGzKW4=");
        assert!(!p.meta().contains("unsafe-inline") && !p.meta().contains("frame-ancestors"));
        assert!(p.header().ends_with("frame-ancestors 'none'"));
        assert!(headers_file(&p).contains("X-Content-Type-Options: nosniff"));
    }
}
