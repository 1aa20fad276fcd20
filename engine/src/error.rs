use thiserror::Error;

/// Every way the engine can fail on the data it is given. Content mistakes are not here: those are
/// the builder's diagnostics. These are about shipped bytes that cannot be used.
#[derive(Debug, Error)]
pub enum EngineError {
    #[error("data format version {found} does not match this app's version {expected}; rebuild the site")]
    FormatVersion { expected: u32, found: u32 },
    #[error("the search bundle is damaged: {0}")]
    Corrupt(String),
    #[error("could not decode shipped data: {0}")]
    Json(#[from] serde_json::Error),
}
