//! Writing the site's folder: every file goes through one [`Writer`], which remembers its name
//! and hashes its path and bytes into the site's version.

use super::SiteError;
use crate::error::{AtPath, IoError};
use crate::hash::{hex, sha256_hex};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub(super) struct Writer {
    out: PathBuf,
    /// Every file written, relative to the folder, in order.
    pub files: Vec<String>,
    /// Every path and its bytes, in order: the site's version, which the service worker's cache
    /// is named after. Any changed file (app code, data, page) makes a new version.
    digest: Sha256,
}

impl Writer {
    /// A writer into `out`, which is emptied first.
    pub fn new(out: &Path) -> Result<Writer, IoError> {
        if out.exists() {
            std::fs::remove_dir_all(out).at(out)?;
        }
        Ok(Writer { out: out.to_path_buf(), files: Vec::new(), digest: Sha256::new() })
    }

    /// Writes `rel` and returns its URL (`/rel`).
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<String, IoError> {
        let path = self.out.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).at(p)?;
        }
        std::fs::write(&path, bytes).at(&path)?;
        self.digest.update((rel.len() as u64).to_le_bytes());
        self.digest.update(rel.as_bytes());
        self.digest.update((bytes.len() as u64).to_le_bytes());
        self.digest.update(bytes);
        self.files.push(rel.to_string());
        Ok(format!("/{rel}"))
    }

    /// Writes `dir/stem.<hash>.ext` and returns its URL.
    pub fn hashed(&mut self, dir: &str, name: &str, bytes: &[u8]) -> Result<String, IoError> {
        let hash = sha256_hex(bytes, 5);
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        self.write(&format!("{dir}/{stem}.{hash}.{ext}"), bytes)
    }

    /// The site's version so far: a hash over every file written.
    pub fn version(&self) -> String {
        hex(&self.digest.clone().finalize()[..6])
    }
}

/// A file's bytes.
pub(super) fn read(path: &Path) -> Result<Vec<u8>, IoError> {
    std::fs::read(path).at(path)
}

/// The text of `dir/name`.
pub(super) fn read_text(dir: &Path, name: &str) -> Result<String, SiteError> {
    String::from_utf8(read(&dir.join(name))?).map_err(|_| SiteError::NotUtf8(name.to_string()))
}

/// The files of public/ that are templates (filled in by the build), not copied as they are.
const TEMPLATES: [&str; 7] = ["index.html", "search-worker.js", "style.css", "sw.js", "pwa.js", "boot-search.js", "manifest.webmanifest"];

/// Copies public/ files other than the templates, keeping their paths.
pub(super) fn copy_static(root: &Path, dir: &Path, w: &mut Writer) -> Result<(), IoError> {
    for entry in std::fs::read_dir(dir).at(dir)?.flatten() {
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
