//! Stage 5: write the tantivy index (in memory) and pack it with the lexicon into the search bundle.

use pocketlaw_engine::bundle::SearchBundle;
use pocketlaw_engine::lexicon::Lexicon;
use pocketlaw_engine::search::{index_files, register_tokenizer, schema, topics};
use tantivy::{doc, Index};

/// What the index stores of one document.
pub struct IndexDoc<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub topic: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub keywords: String,
}

/// Indexes the documents; `topics` are the topic slugs in the county's order (the topic model's
/// numbering).
pub fn build(docs: &[IndexDoc], lexicon: &Lexicon, topics: &[String]) -> Result<SearchBundle, String> {
    let (schema, f) = schema();
    let index = Index::create_in_ram(schema);
    register_tokenizer(&index);
    let e = |e: tantivy::TantivyError| e.to_string();
    // One thread, one segment: the index is small, and one segment loads fastest in the browser.
    let mut writer = index.writer_with_num_threads::<tantivy::TantivyDocument>(1, 50_000_000).map_err(e)?;
    for d in docs {
        writer
            .add_document(doc!(
                f.id => d.id, f.kind => d.kind, f.topic => d.topic,
                f.title => d.title, f.body => d.body, f.keywords => d.keywords.as_str()
            ))
            .map_err(e)?;
    }
    writer.commit().map_err(e)?;
    writer.wait_merging_threads().map_err(e)?;
    let searcher = index.reader().map_err(e)?.searcher();
    let topic_stats = topics::stats_from_index(&searcher, &f, topics).map_err(|e| e.to_string())?;
    let files = index_files(&index).map_err(|e| e.to_string())?;
    Ok(SearchBundle { lexicon: lexicon.clone(), topics: topic_stats, files: stable_segment_ids(files) })
}

/// tantivy names each segment with a random UUID, so the same content would give a different
/// bundle (and a new hashed file, and a 1.4 MB download on every phone) at each build. This
/// renames every segment after a hash of its own bytes: same content, same bundle.
fn stable_segment_ids(files: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    use sha2::{Digest, Sha256};
    use std::collections::BTreeMap;
    let mut segments: BTreeMap<String, Sha256> = BTreeMap::new();
    for (name, bytes) in &files {
        if let Some((id, ext)) = name.split_once('.').filter(|(id, _)| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())) {
            let h = segments.entry(id.to_string()).or_default();
            h.update(ext.as_bytes());
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        }
    }
    let renamed: BTreeMap<String, String> = segments.into_iter().map(|(old, h)| (old, crate::emit::hex(&h.finalize()[..16]))).collect();
    let hyphenated = |s: &str| format!("{}-{}-{}-{}-{}", &s[..8], &s[8..12], &s[12..16], &s[16..20], &s[20..]);
    files
        .into_iter()
        .map(|(name, bytes)| match name.split_once('.').and_then(|(id, ext)| renamed.get(id).map(|new| format!("{new}.{ext}"))) {
            Some(new_name) => (new_name, bytes),
            None if name == "meta.json" => {
                let mut meta = String::from_utf8_lossy(&bytes).into_owned();
                for (old, new) in &renamed {
                    meta = meta.replace(&hyphenated(old), &hyphenated(new));
                }
                (name, meta.into_bytes())
            }
            None => (name, bytes),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_documents_give_the_same_bytes() {
        let docs: Vec<IndexDoc> = (0..20)
            .map(|i| IndexDoc {
                id: "x",
                kind: "faq",
                topic: "t",
                title: "老板不给工钱怎么办",
                body: if i % 2 == 0 { "拖欠工资" } else { "劳动仲裁" },
                keywords: String::new(),
            })
            .collect();
        let topics = vec!["t".to_string()];
        let a = build(&docs, &Lexicon::default(), &topics).unwrap();
        let b = build(&docs, &Lexicon::default(), &topics).unwrap();
        assert_eq!(a.topics.doc_topic, vec![0; 20]);
        assert_eq!(a.topics.doc_kind.len(), 20);
        assert!(a.topics.topic_tokens[0] > 0);
        assert_eq!(a.encode(), b.encode());
        let meta = String::from_utf8(a.files[0].1.clone()).unwrap();
        let seg = a.files[1].0.split_once('.').unwrap().0;
        assert!(meta.contains(&format!("{}-{}", &seg[..8], &seg[8..12])), "meta.json names the renamed segment");
        // And the renamed index opens and answers.
        let engine = pocketlaw_engine::search::SearchEngine::from_bundle_bytes(&a.encode()).unwrap();
        let req = pocketlaw_engine::model::SearchRequest { query: "工钱".into(), kind: None, limit: 5 };
        assert!(!engine.search(&req).is_empty());
    }
}
