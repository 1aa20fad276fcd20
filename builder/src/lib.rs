//! Compiles `content/` into the files the app ships, in stages:
//! load ([`load`]) → parse and validate ([`doc`], [`county`], [`tree`], [`notice`], [`form`]) → render ([`render`]) →
//! resolve citations ([`statutes`]) → index ([`index`]) → emit ([`emit`]).
//!
//! Every content mistake becomes a [`Diagnostic`] with `file:line`; all of them are collected and
//! reported together, and nothing panics on content. Only this crate reads files, runs
//! pulldown-cmark or writes a tantivy index. Errors that are not about the content (a file that
//! cannot be read or written, the statute library, the site) are typed: [`error`].

pub mod boot;
pub mod contract;
pub mod county;
pub mod diag;
pub mod doc;
pub mod emit;
pub mod error;
pub mod form;
pub mod frontmatter;
pub mod hash;
pub mod icon;
pub mod index;
pub mod library;
pub mod load;
pub mod notice;
pub mod quality;
pub mod render;
pub mod site;
pub mod statutes;
pub mod tree;

pub use diag::{Diagnostic, Diagnostics};
pub use emit::SiteData;

use std::path::Path;

/// Where the statute pack is looked for when the builder names none.
pub const DEFAULT_STATUTES: &str = "../shared/statutes";

/// Compiles a content folder. `statutes`: the statute pack folder, or None to build without it
/// (citations are then shipped unresolved and shown as plain text).
pub fn compile(content: &Path, statutes: Option<&Path>) -> Result<SiteData, Diagnostics> {
    let sources = load::load(content)?;
    let pack = match statutes {
        Some(dir) => Some(statutes::StatutePack::load(dir).map_err(|e| {
            Diagnostics::one(Diagnostic::new(dir.display().to_string(), 0, format!("cannot read the statute pack: {}", error::chain(&e))))
        })?),
        None => None,
    };
    compile_sources(&sources, pack)
}

/// Compiles content already in memory (what [`load::load`] reads from a folder): every stage after
/// loading. The fuzz targets use it to compile mutated content without touching the disk.
pub fn compile_sources(sources: &load::Sources, pack: Option<statutes::StatutePack>) -> Result<SiteData, Diagnostics> {
    let mut diags = Diagnostics::default();
    let county = county::parse(sources, &mut diags);
    let lexicon = county::parse_lexicon(sources, &mut diags);
    let docs = doc::parse_all(sources, &county, &mut diags);
    let mut trees = tree::parse_all(sources, &mut diags);
    let mut forms = form::parse_all(sources, &mut diags);
    let mut pack = pack;
    if let Some(p) = pack.as_mut() {
        let wanted = docs
            .iter()
            .flat_map(|d| d.citations.iter().map(|c| c.0.law.clone()))
            .chain(trees.iter().flat_map(|t| t.citations.iter().map(|c| c.1.law.clone())))
            .chain(notice::cited_laws(sources))
            .chain(form::cited_laws(sources))
            .collect();
        if let Err(e) = p.load_missing_from_archive(&wanted) {
            diags.push(Diagnostic::new("statutes/all-laws.tar.gz", 0, format!("cannot read the archive: {}", error::chain(&e))));
        }
    }
    let tree_ids: Vec<String> = trees.iter().map(|t| t.tree.id.clone()).collect();
    let form_ids: Vec<String> = forms.iter().map(|f| f.form.id.clone()).collect();
    doc::check_links_and_citations(&docs, &county, &tree_ids, &form_ids, pack.as_ref(), &mut diags);
    let kinds = docs.iter().map(|d| (d.id.clone(), d.kind)).collect();
    tree::check(&mut trees, &county, &kinds, pack.as_ref(), &mut diags);
    let notices = notice::parse_all(sources, &county, &docs, &tree_ids, &form_ids, pack.as_ref(), &mut diags);
    form::check(&mut forms, &county, &docs, &tree_ids, &form_ids, pack.as_ref(), &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    let forms = forms.into_iter().map(|f| f.form).collect();
    emit::assemble(county, lexicon, docs, trees.into_iter().map(|t| t.tree).collect(), forms, notices, pack.as_ref())
        .map_err(|e| Diagnostics::one(Diagnostic::new("(index)", 0, error::chain(&e))))
}

/// The statute folder to use: the one named (if it exists), else [`DEFAULT_STATUTES`] relative
/// to `root` if it exists, else none.
pub fn find_statutes(root: &Path, named: Option<&str>) -> Option<std::path::PathBuf> {
    match named {
        Some("none") | Some("") => None,
        Some(p) => Some(std::path::PathBuf::from(p)),
        None => {
            let p = root.join(DEFAULT_STATUTES);
            p.is_dir().then_some(p)
        }
    }
}
