//! The builder's errors outside the content: a file that cannot be read or written (always with
//! its path), the statute pack and library, the search index, the site. Content mistakes are not
//! here: those are [`crate::Diagnostic`]s with `file:line`, all reported together.
//!
//! Each error says what went wrong and keeps the error beneath it as its
//! [`source`](std::error::Error::source), so `anyhow`'s `{:#}` (the CLI) prints the whole chain;
//! [`chain`] does the same for a message that becomes text.

use pocketlaw_engine::EngineError;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A file or folder that could not be read, listed, created, removed or written.
#[derive(Debug, Error)]
#[error("{}", .path.display())]
pub struct IoError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

impl IoError {
    pub fn new(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        IoError { path: path.into(), source }
    }
}

/// `.at(path)` on an I/O result: the error with the path it was about.
pub trait AtPath<T> {
    fn at(self, path: &Path) -> Result<T, IoError>;
}

impl<T> AtPath<T> for std::io::Result<T> {
    fn at(self, path: &Path) -> Result<T, IoError> {
        self.map_err(|e| IoError::new(path, e))
    }
}

/// Why one law file of the statute pack could not be read: it is reported and skipped
/// ([`crate::library::Problem`]), the others are built.
#[derive(Debug, Error)]
pub enum FileProblem {
    #[error("unreadable: {0}")]
    Unreadable(std::io::Error),
    #[error("not UTF-8 text")]
    NotUtf8,
}

/// Why the search index of the content could not be built ([`crate::index`]).
#[derive(Debug, Error)]
pub enum IndexError {
    #[error("document `{doc}` has an unknown topic `{topic}`")]
    UnknownTopic { doc: String, topic: String },
    #[error("too many topics")]
    TooManyTopics,
    #[error("cannot build the search index")]
    Build(#[source] EngineError),
}

/// Why the compiled content could not be put together ([`crate::emit`]).
#[derive(Debug, Error)]
pub enum EmitError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("cannot write {what} as JSON")]
    Json { what: &'static str, source: serde_json::Error },
}

/// Why the statute library could not be built ([`crate::library`]).
#[derive(Debug, Error)]
pub enum LibraryError {
    /// The pack, or the library's folder, could not be read or written.
    #[error(transparent)]
    Io(#[from] IoError),
    #[error("more than 65,535 laws")]
    TooManyLaws,
    #[error("cannot build the library's index")]
    Index(#[source] EngineError),
    #[error("cannot write {what} as JSON")]
    Json { what: &'static str, source: serde_json::Error },
}

/// Why the site could not be assembled ([`crate::site`]).
#[derive(Debug, Error)]
pub enum SiteError {
    /// A file could not be read or written.
    #[error(transparent)]
    Io(#[from] IoError),
    /// A text file (public/ or the wasm-bindgen glue) is not UTF-8.
    #[error("{0} is not UTF-8")]
    NotUtf8(String),
    /// A file inlined in every page would end its element early.
    #[error("{0} must not contain \"</\" (it is inlined in the page)")]
    ClosesInline(String),
    /// A data file the site needs is not in the compiled data.
    #[error("{0} missing from the build")]
    Missing(String),
    /// A compiled data file that cannot be read back.
    #[error("{name}")]
    Data { name: String, source: EngineError },
    /// A topic piece holds a document the catalog does not list.
    #[error("{file}: {id} is not in the catalog")]
    NotInCatalog { file: String, id: String },
    /// The built library's laws and law files are not in the same order.
    #[error("library: law {0} out of order")]
    LawOutOfOrder(String),
    /// A template placeholder the build does not know.
    #[error("{0}: a placeholder was left unfilled")]
    Unfilled(String),
    #[error("cannot write {what} as JSON")]
    Json { what: &'static str, source: serde_json::Error },
}

/// An error and its sources in one line, `outer: inner: …` (as `anyhow`'s `{:#}`), for messages
/// that end up as text (a [`crate::Diagnostic`], the build script's output).
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut next = e.source();
    while let Some(s) = next {
        text.push_str(": ");
        text.push_str(&s.to_string());
        next = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_names_its_path_and_keeps_the_cause() {
        let path = Path::new("/nonexistent/pl-file");
        let e = std::fs::read(path).at(path).unwrap_err();
        assert_eq!(e.to_string(), "/nonexistent/pl-file");
        let text = chain(&e);
        assert!(text.starts_with("/nonexistent/pl-file: ") && text.len() > "/nonexistent/pl-file: ".len(), "{text}");
        let e = LibraryError::from(e);
        assert_eq!(chain(&e), text, "transparent: the path comes first");
        let e = EmitError::from(IndexError::Build(EngineError::Corrupt("x".into())));
        assert_eq!(chain(&e), "cannot build the search index: the search bundle is damaged: x");
    }
}
