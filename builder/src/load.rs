//! Stage 1: read the content folder into memory. The only file reads of content happen here.

use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// One content file: its path relative to the content folder (with `/`), and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
}

/// All content files, sorted by path so that builds are deterministic.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub files: Vec<Source>,
}

impl Sources {
    pub fn get(&self, path: &str) -> Option<&Source> {
        self.files.iter().find(|s| s.path == path)
    }

    pub fn under<'a>(&'a self, prefix: &'a str, ext: &'a str) -> impl Iterator<Item = &'a Source> + 'a {
        self.files.iter().filter(move |s| s.path.starts_with(prefix) && s.path.ends_with(ext))
    }
}

pub fn load(root: &Path) -> Result<Sources, Diagnostics> {
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    if !root.is_dir() {
        return Err(Diagnostics::one(Diagnostic::new(root.display().to_string(), 0, "content folder not found")));
    }
    walk(root, root, &mut files, &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    files.sort_by(|a: &Source, b| a.path.cmp(&b.path));
    Ok(Sources { files })
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Source>, diags: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return diags.push(Diagnostic::new(dir.display().to_string(), 0, format!("cannot read folder: {e}"))),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let name = entry.file_name().to_string_lossy().into_owned();
        // `_example.md` and the like are examples of a format, not content.
        if name.starts_with('.') || name.starts_with('_') || name == "README.md" {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, out, diags);
        } else if name.ends_with(".md") || name.ends_with(".toml") || name.ends_with(".txt") {
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => out.push(Source { path: rel, text: text.replace("\r\n", "\n") }),
                    Err(_) => diags.push(Diagnostic::new(rel, 0, "file is not UTF-8")),
                },
                Err(e) => diags.push(Diagnostic::new(rel, 0, format!("cannot read: {e}"))),
            }
        }
    }
}
