//! Stage 5: index the documents into the engine's index in pieces (`search::pieces`): a root and
//! the term and document pieces that a phone fetches as a query needs them.

use crate::error::IndexError;
use pocketlaw_engine::lexicon::Lexicon;
use pocketlaw_engine::model::DocKind;
use pocketlaw_engine::search::pieces::{self, DocInput, IndexFiles, PieceSizes};
use pocketlaw_engine::search::topics::{counts_for_topics, FIELD_WEIGHTS};

/// What the index holds of one document.
pub struct IndexDoc<'a> {
    pub id: &'a str,
    pub kind: DocKind,
    pub topic: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub keywords: String,
}

/// Indexes the documents; `topics` are the topic slugs in the county's order (the topic model's
/// numbering). Documents are numbered topic by topic, so that the hits of one query, which
/// mostly share a topic, mostly share document pieces too.
pub fn build(docs: &[IndexDoc], lexicon: &Lexicon, topics: &[String]) -> Result<IndexFiles, IndexError> {
    let mut inputs = Vec::with_capacity(docs.len());
    for d in docs {
        let topic = topics
            .iter()
            .position(|t| t == d.topic)
            .ok_or_else(|| IndexError::UnknownTopic { doc: d.id.to_string(), topic: d.topic.to_string() })?;
        inputs.push(DocInput {
            id: d.id.to_string(),
            kind: d.kind,
            topic: u16::try_from(topic).map_err(|_| IndexError::TooManyTopics)?,
            title: d.title.to_string(),
            body: d.body.to_string(),
            keywords: d.keywords.clone(),
        });
    }
    inputs.sort_by_key(|d| d.topic);
    pieces::build(&inputs, lexicon, topics, FIELD_WEIGHTS, counts_for_topics, PieceSizes::default()).map_err(IndexError::Build)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pocketlaw_engine::model::SearchRequest;
    use pocketlaw_engine::search::SearchEngine;

    fn docs() -> Vec<IndexDoc<'static>> {
        (0..20)
            .map(|i| IndexDoc {
                id: if i % 2 == 0 { "wage" } else { "divorce" },
                kind: DocKind::Faq,
                topic: if i % 2 == 0 { "labour" } else { "family" },
                title: if i % 2 == 0 { "老板不给工钱怎么办" } else { "离婚怎么分财产" },
                body: if i % 2 == 0 { "拖欠工资可以申请劳动仲裁" } else { "协议离婚到婚姻登记机关" },
                keywords: String::new(),
            })
            .collect()
    }

    #[test]
    fn the_same_documents_give_the_same_bytes_and_answer() {
        let topics = vec!["family".to_string(), "labour".to_string()];
        let a = build(&docs(), &Lexicon::default(), &topics).unwrap();
        assert_eq!(a, build(&docs(), &Lexicon::default(), &topics).unwrap());
        // Fetched piece by piece, the index answers as the whole bundle does.
        let whole = SearchEngine::from_bundle_bytes(&a.encode_bundle()).unwrap();
        let mut parts = SearchEngine::open(&a.root).unwrap();
        let req = SearchRequest { query: "工钱".into(), kind: None, limit: 5 };
        let answer = parts.answer_fetching(&req, |_, name| a.piece(name)).unwrap();
        assert_eq!(answer, whole.answer(&req));
        assert_eq!(answer.hits[0].id, "wage");
        assert_eq!(answer.hits[0].topic, "labour");
        // Documents are numbered topic by topic.
        assert!(build(&[IndexDoc { topic: "nope", ..docs().remove(0) }], &Lexicon::default(), &topics).is_err());
    }
}
