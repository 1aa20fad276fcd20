//! Stage 5: write the tantivy index (in memory) and pack it with the lexicon into the search bundle.

use pocketlaw_engine::bundle::SearchBundle;
use pocketlaw_engine::lexicon::Lexicon;
use pocketlaw_engine::search::{index_files, register_tokenizer, schema};
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

pub fn build(docs: &[IndexDoc], lexicon: &Lexicon) -> Result<SearchBundle, String> {
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
    let files = index_files(&index).map_err(|e| e.to_string())?;
    Ok(SearchBundle { lexicon: lexicon.clone(), files })
}
