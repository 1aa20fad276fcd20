//! The encoding of shipped files, shared by the builder (encode) and the readers (decode).
//!
//! JSON files carry `format_version` and are checked with [`decode_json`]. The search bundle is
//! binary: `PLSB`, the format version (u32 LE), a JSON header (u32 LE length) naming the files, then
//! the files' bytes in order. A reader of another version fails loudly instead of misreading.

use crate::lexicon::Lexicon;
use crate::model::{DocKind, FORMAT_VERSION};
use crate::EngineError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

const MAGIC: &[u8; 4] = b"PLSB";

#[derive(Serialize, Deserialize)]
struct Header {
    lexicon: Lexicon,
    topics: TopicStats,
    files: Vec<(String, u64)>,
}

/// What ranking needs beyond the index's postings (see `search::topics`): the topics, each
/// document's topic and kind (by tantivy document number), and each topic's weighted token total.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TopicStats {
    pub topics: Vec<String>,
    pub doc_topic: Vec<u16>,
    pub doc_kind: Vec<DocKind>,
    pub topic_tokens: Vec<u64>,
}

/// The search bundle: the tantivy index files, the lexicon used for query expansion and the
/// topic statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchBundle {
    pub lexicon: Lexicon,
    pub topics: TopicStats,
    pub files: Vec<(String, Vec<u8>)>,
}

impl SearchBundle {
    pub fn encode(&self) -> Vec<u8> {
        let header = Header {
            lexicon: self.lexicon.clone(),
            topics: self.topics.clone(),
            files: self.files.iter().map(|(n, b)| (n.clone(), b.len() as u64)).collect(),
        };
        let header = serde_json::to_vec(&header).expect("header serializes");
        let mut out = Vec::with_capacity(12 + header.len() + self.files.iter().map(|f| f.1.len()).sum::<usize>());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(&header);
        for (_, bytes) in &self.files {
            out.extend_from_slice(bytes);
        }
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<SearchBundle, EngineError> {
        let corrupt = |m: &str| EngineError::Corrupt(m.to_string());
        if bytes.len() < 12 || &bytes[..4] != MAGIC {
            return Err(corrupt("not a Pocket Law search bundle"));
        }
        let version = u32::from_le_bytes(bytes[4..8].try_into().unwrap());
        if version != FORMAT_VERSION {
            return Err(EngineError::FormatVersion { expected: FORMAT_VERSION, found: version });
        }
        let hlen = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
        let body = &bytes[12..];
        if body.len() < hlen {
            return Err(corrupt("truncated header"));
        }
        let header: Header = serde_json::from_slice(&body[..hlen])?;
        let mut rest = &body[hlen..];
        let mut files = Vec::with_capacity(header.files.len());
        for (name, len) in header.files {
            let len = usize::try_from(len).map_err(|_| corrupt("file too large"))?;
            if rest.len() < len {
                return Err(corrupt("truncated file data"));
            }
            files.push((name, rest[..len].to_vec()));
            rest = &rest[len..];
        }
        if !rest.is_empty() {
            return Err(corrupt("trailing bytes"));
        }
        Ok(SearchBundle { lexicon: header.lexicon, topics: header.topics, files })
    }
}

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

    fn sample() -> SearchBundle {
        SearchBundle {
            lexicon: Lexicon::parse("工钱 = 劳动报酬").unwrap(),
            topics: TopicStats {
                topics: vec!["wage-arrears".into()],
                doc_topic: vec![0, 0],
                doc_kind: vec![DocKind::Guide, DocKind::Quiz],
                topic_tokens: vec![7],
            },
            files: vec![("meta.json".into(), b"{}".to_vec()), ("a.idx".into(), vec![1, 2, 3])],
        }
    }

    #[test]
    fn round_trips() {
        let b = sample();
        assert_eq!(SearchBundle::decode(&b.encode()).unwrap(), b);
    }

    #[test]
    fn refuses_another_version() {
        let mut bytes = sample().encode();
        bytes[4] = 99;
        assert!(matches!(SearchBundle::decode(&bytes), Err(EngineError::FormatVersion { found: 99, .. })));
        let json = br#"{"format_version": 7, "topic": "x", "pages": []}"#;
        assert!(matches!(decode_json::<TopicChunk>(json), Err(EngineError::FormatVersion { found: 7, .. })));
    }

    #[test]
    fn refuses_damaged_bytes() {
        let bytes = sample().encode();
        for cut in [0, 3, 11, 20, bytes.len() - 1] {
            assert!(SearchBundle::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(SearchBundle::decode(&extra).is_err());
    }
}
