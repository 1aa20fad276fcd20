//! The encoding of shipped JSON files, shared by the builder (encode) and the readers (decode).
//!
//! JSON files carry `format_version` and are checked with [`decode_json`]; a reader of another
//! version fails loudly instead of misreading. The search index has a binary format of its own,
//! in pieces (`search::pieces`), with the same version number.

use crate::model::FORMAT_VERSION;
use crate::EngineError;
use serde::de::DeserializeOwned;
use serde::Deserialize;

#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// Decodes a shipped JSON file after checking its `format_version`.
pub fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, EngineError> {
    let probe: VersionProbe = serde_json::from_slice(bytes)?;
    if probe.format_version != FORMAT_VERSION {
        return Err(EngineError::FormatVersion { expected: FORMAT_VERSION, found: probe.format_version });
    }
    Ok(serde_json::from_slice(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TopicChunk;

    #[test]
    fn refuses_another_version() {
        let json = br#"{"format_version": 7, "topic": "x", "pages": []}"#;
        assert!(matches!(decode_json::<TopicChunk>(json), Err(EngineError::FormatVersion { found: 7, .. })));
        assert!(decode_json::<TopicChunk>(b"{\"format_").is_err());
    }
}
