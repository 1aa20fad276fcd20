//! Which documents match a query? The schema, the tantivy adapter for [`crate::text`], the query
//! pipeline (normalise → drop question words → segments → lexicon expansion → tantivy query) and
//! the snippets. The builder writes the index with [`schema`] and [`register_tokenizer`]; the CLI
//! and the browser worker read it with [`SearchEngine`].

mod query;
mod snippet;
mod tokenizer;

pub use query::{analyze, Analysis};
pub use snippet::snippet;
pub use tokenizer::{register_tokenizer, PlTokenizer, TOKENIZER_NAME};

use crate::bundle::SearchBundle;
use crate::lexicon::Lexicon;
use crate::model::{DocKind, Hit, SearchRequest};
use crate::EngineError;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::{Directory, Index, IndexReader, ReloadPolicy, TantivyDocument};

/// The most results one search returns.
pub const MAX_LIMIT: usize = 100;

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub topic: Field,
    pub title: Field,
    pub body: Field,
    pub keywords: Field,
}

/// The index schema. Title, body and keywords use the Pocket Law tokenizer with positions, so
/// that a phrase of bigrams can match; title and body are stored for results and snippets.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text_stored = TextOptions::default().set_indexing_options(indexing.clone()).set_stored();
    let text = TextOptions::default().set_indexing_options(indexing);
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        topic: b.add_text_field("topic", STRING | STORED),
        title: b.add_text_field("title", text_stored.clone()),
        body: b.add_text_field("body", text_stored),
        keywords: b.add_text_field("keywords", text),
    };
    (b.build(), fields)
}

/// The index files that make a searchable index, by name, from any tantivy directory.
pub fn index_files(index: &Index) -> Result<Vec<(String, Vec<u8>)>, EngineError> {
    use tantivy::index::SegmentComponent as C;
    let dir = index.directory();
    let mut files = vec![("meta.json".to_string(), read(dir, Path::new("meta.json"))?)];
    for meta in index.searchable_segment_metas()? {
        for c in [C::Postings, C::Positions, C::FastFields, C::FieldNorms, C::Terms, C::Store] {
            let path = meta.relative_path(c);
            if dir.exists(&path).unwrap_or(false) {
                files.push((path.to_string_lossy().into_owned(), read(dir, &path)?));
            }
        }
    }
    Ok(files)
}

fn read(dir: &dyn Directory, path: &Path) -> Result<Vec<u8>, EngineError> {
    dir.atomic_read(path).map_err(|e| EngineError::Corrupt(format!("{}: {e}", path.display())))
}

/// Guides and FAQs answer a citizen's problem; a quiz question only teaches one point of it, so
/// it ranks a little lower for the same match.
fn kind_weight(kind: DocKind) -> f32 {
    match kind {
        DocKind::Guide | DocKind::Faq => 1.0,
        DocKind::Quiz => 0.7,
    }
}

/// A loaded index, ready to answer queries. The same code runs natively and in the worker.
pub struct SearchEngine {
    reader: IndexReader,
    fields: Fields,
    lexicon: Lexicon,
    docs: usize,
}

impl SearchEngine {
    pub fn from_bundle_bytes(bytes: &[u8]) -> Result<SearchEngine, EngineError> {
        Self::from_bundle(SearchBundle::decode(bytes)?)
    }

    pub fn from_bundle(bundle: SearchBundle) -> Result<SearchEngine, EngineError> {
        let dir = RamDirectory::create();
        for (name, bytes) in &bundle.files {
            dir.atomic_write(Path::new(name), bytes)
                .map_err(|e| EngineError::Corrupt(format!("{name}: {e}")))?;
        }
        let index = Index::open(dir)?;
        register_tokenizer(&index);
        let (_, fields) = schema();
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let docs = reader.searcher().num_docs() as usize;
        Ok(SearchEngine { reader, fields, lexicon: bundle.lexicon, docs })
    }

    pub fn num_docs(&self) -> usize {
        self.docs
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Answers a query. Never fails and never panics on any input: a query with nothing to
    /// search for (empty, punctuation, emoji) returns no hits, and an internal index error
    /// returns no hits rather than an error page.
    pub fn search(&self, req: &SearchRequest) -> Vec<Hit> {
        self.try_search(req).unwrap_or_default()
    }

    fn try_search(&self, req: &SearchRequest) -> Result<Vec<Hit>, EngineError> {
        let limit = req.limit.clamp(1, MAX_LIMIT);
        let analysis = analyze(&req.query, &self.lexicon);
        let Some(query) = query::build(&analysis, &self.fields, req.kind) else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        // Over-fetch, then re-rank with the kind weights and cut to the limit.
        let top = searcher.search(&query, &TopDocs::with_limit(limit * 3).order_by_score())?;
        let needles = analysis.needles();
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let get = |f: Field| doc.get_first(f).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let Some(kind) = DocKind::parse(&get(self.fields.kind)) else { continue };
            let body = get(self.fields.body);
            hits.push(Hit {
                id: get(self.fields.id),
                kind,
                topic: get(self.fields.topic),
                title: get(self.fields.title),
                // Rounded, so that the CLI and the browser print the same figure.
                score: (score * kind_weight(kind) * 1000.0).round() / 1000.0,
                snippet: snippet(&body, &needles, 90),
            });
        }
        // Stable sort: equal scores keep tantivy's order, which is the same on every platform.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(limit);
        Ok(hits)
    }
}
