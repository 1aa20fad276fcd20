//! The service worker: every file of this version, generated from what was just written.

use super::writer::{read_text, Writer};
use super::SiteError;
use std::collections::HashSet;
use std::path::Path;

/// What the service worker was given.
pub(super) struct ServiceWorker {
    /// The site's version, which names its cache.
    pub version: String,
    /// Every file it precaches.
    pub precache: Vec<String>,
    /// How many route pages it leaves out (it answers every navigation with /index.html).
    pub shells: usize,
}

/// Writes `sw.js` (public/sw.js with the version and the precache list filled in). It precaches
/// every file written so far but the route pages, `_headers` and the `lazy` ones (cached when
/// first fetched). Written last: the version covers everything else.
pub(super) fn write_service_worker(w: &mut Writer, public: &Path, lazy: &[String]) -> Result<ServiceWorker, SiteError> {
    let is_route_shell = |f: &str| f.ends_with("/index.html");
    let lazy: HashSet<&str> = lazy.iter().map(String::as_str).collect();
    let mut precache: Vec<String> = w
        .files
        .iter()
        .filter(|f| !is_route_shell(f) && *f != "_headers")
        .map(|f| format!("/{f}"))
        .filter(|f| !lazy.contains(f.as_str()))
        .collect();
    precache.sort();
    let shells = w.files.iter().filter(|f| is_route_shell(f)).count();
    let version = w.version();
    let list = serde_json::to_string(&precache).map_err(|source| SiteError::Json { what: "the precache list", source })?;
    let sw = read_text(public, "sw.js")?.replace("{{BUILD_ID}}", &version).replace("{{PRECACHE}}", &list);
    w.write("sw.js", sw.as_bytes())?;
    Ok(ServiceWorker { version, precache, shells })
}
