//! Which documents match a query? The schema, the tantivy adapter for [`crate::text`], the query
//! pipeline (normalise → drop question words → segments → lexicon expansion → tantivy query) and
//! the snippets. The builder writes the index with [`schema`] and [`register_tokenizer`]; the CLI
//! and the browser worker read it with [`SearchEngine`].

mod query;
mod snippet;
mod tokenizer;
pub mod topics;

pub use query::{analyze, Analysis};
pub use snippet::snippet;
pub use tokenizer::{register_tokenizer, PlTokenizer, TOKENIZER_NAME};
pub use topics::TopicScores;

use crate::bundle::{SearchBundle, TopicStats};
use crate::lexicon::Lexicon;
use crate::model::{DocKind, Hit, SearchRequest, SearchResponse};
use crate::EngineError;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING};
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
    let indexing = TextFieldIndexing::default().set_tokenizer(TOKENIZER_NAME).set_index_option(IndexRecordOption::WithFreqsAndPositions);
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

/// The knobs of ranking. One set ships ([`RankParams::default`]); `pocketlaw eval --set` can
/// try others, so a change is judged on questions before it is made the default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankParams {
    /// How many full-text candidates are re-ranked.
    pub candidates: usize,
    /// A quiz question teaches one point of a topic; a guide or FAQ answers the problem.
    pub quiz_weight: f32,
    /// How much the topic posterior moves a candidate: final = text × (1 − β + β × p(topic)/p(best)).
    pub topic_beta: f32,
    /// Below this posterior for the best topic, the top results are spread over the likely topics.
    /// The shipped value is above 1, so results are always spread: the softened posterior is
    /// rarely high, and hit@5 rose on the dev set at every threshold tried.
    pub unsure_below: f32,
    /// When unsure, each earlier hit of the same topic multiplies a candidate's score by this.
    pub repeat_factor: f32,
    /// No good match: the library knows at most `weak_terms` of the query's terms and fewer than
    /// half of them, and the best topic explains those hardly better than the library as a whole
    /// does (its [`TopicScores::lift`] is below `weak_lift`). A query with no known term is
    /// always weak; a short query of known words (工伤) never is.
    pub weak_lift: f32,
    pub weak_terms: usize,
    /// Scales the per-term clauses of a long run against the run as a phrase.
    pub loose: f32,
    /// Each lexicon expansion's total weight in the topic model (a word the user typed is 1).
    pub topic_expansion: f32,
    /// Softens the topic posterior (1: plain naive Bayes, which is overconfident).
    pub temperature: f32,
}

impl Default for RankParams {
    fn default() -> Self {
        RankParams {
            candidates: 60,
            quiz_weight: 0.5,
            topic_beta: 0.7,
            unsure_below: 1.01,
            repeat_factor: 0.5,
            weak_lift: 3.0,
            weak_terms: 3,
            loose: 1.0,
            topic_expansion: 0.5,
            temperature: 6.0,
        }
    }
}

impl RankParams {
    /// Sets one knob by name (`topic_beta=0.5`). For evaluation runs.
    pub fn set(&mut self, assignment: &str) -> Result<(), String> {
        let (name, value) = assignment.split_once('=').ok_or_else(|| format!("`{assignment}`: write name=value"))?;
        let v: f32 = value.trim().parse().map_err(|_| format!("`{value}` is not a number"))?;
        match name.trim() {
            "candidates" => self.candidates = v.max(1.0) as usize,
            "quiz_weight" => self.quiz_weight = v,
            "topic_beta" => self.topic_beta = v,
            "unsure_below" => self.unsure_below = v,
            "repeat_factor" => self.repeat_factor = v,
            "weak_lift" => self.weak_lift = v,
            "weak_terms" => self.weak_terms = v.max(0.0) as usize,
            "loose" => self.loose = v,
            "topic_expansion" => self.topic_expansion = v,
            "temperature" => self.temperature = v.max(0.01),
            other => return Err(format!("no ranking knob named `{other}`")),
        }
        Ok(())
    }
}

/// A loaded index, ready to answer queries. The same code runs natively and in the worker.
pub struct SearchEngine {
    reader: IndexReader,
    fields: Fields,
    lexicon: Lexicon,
    topics: TopicStats,
    docs: usize,
}

/// One full-text candidate while ranking.
struct Candidate {
    addr: tantivy::DocAddress,
    kind: DocKind,
    topic: usize,
    score: f32,
}

impl SearchEngine {
    pub fn from_bundle_bytes(bytes: &[u8]) -> Result<SearchEngine, EngineError> {
        Self::from_bundle(SearchBundle::decode(bytes)?)
    }

    pub fn from_bundle(bundle: SearchBundle) -> Result<SearchEngine, EngineError> {
        let dir = RamDirectory::create();
        for (name, bytes) in &bundle.files {
            dir.atomic_write(Path::new(name), bytes).map_err(|e| EngineError::Corrupt(format!("{name}: {e}")))?;
        }
        let index = Index::open(dir)?;
        register_tokenizer(&index);
        let (_, fields) = schema();
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let docs = reader.searcher().num_docs() as usize;
        let t = &bundle.topics;
        if t.doc_topic.len() != docs || t.doc_kind.len() != docs || t.topic_tokens.len() != t.topics.len() {
            return Err(EngineError::Corrupt("the topic statistics do not match the index".into()));
        }
        Ok(SearchEngine { reader, fields, lexicon: bundle.lexicon, topics: bundle.topics, docs })
    }

    pub fn num_docs(&self) -> usize {
        self.docs
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The topic slugs, in the topic model's order.
    pub fn topics(&self) -> &[String] {
        &self.topics.topics
    }

    /// The hits of [`SearchEngine::answer`].
    pub fn search(&self, req: &SearchRequest) -> Vec<Hit> {
        self.answer(req).hits
    }

    /// Answers a query. Never fails and never panics on any input: a query with nothing to
    /// search for (empty, punctuation, emoji) returns no hits, and an internal index error
    /// returns no hits rather than an error page.
    pub fn answer(&self, req: &SearchRequest) -> SearchResponse {
        self.answer_with(req, &RankParams::default())
    }

    /// [`SearchEngine::answer`] with other ranking knobs (for evaluation).
    pub fn answer_with(&self, req: &SearchRequest, params: &RankParams) -> SearchResponse {
        self.try_answer(req, params).unwrap_or_else(|_| SearchResponse { hits: Vec::new(), weak: true })
    }

    /// The posterior over topics for a query (for evaluation and diagnostics).
    pub fn topic_scores(&self, query: &str) -> TopicScores {
        self.posterior(&self.reader.searcher(), &analyze(query, &self.lexicon), &RankParams::default())
    }

    fn posterior(&self, searcher: &tantivy::Searcher, analysis: &Analysis, p: &RankParams) -> TopicScores {
        let terms = analysis.topic_terms(f64::from(p.topic_expansion));
        topics::score(searcher, &self.fields, &self.topics, &terms, f64::from(p.temperature))
    }

    fn try_answer(&self, req: &SearchRequest, p: &RankParams) -> Result<SearchResponse, EngineError> {
        let limit = req.limit.clamp(1, MAX_LIMIT);
        let analysis = analyze(&req.query, &self.lexicon);
        let Some(query) = query::build(&analysis, &self.fields, req.kind, p.loose) else {
            return Ok(SearchResponse { hits: Vec::new(), weak: true });
        };
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(p.candidates.max(limit * 3)).order_by_score())?;
        let scores = self.posterior(&searcher, &analysis, p);
        let ranked = self.rank(top, &scores, p);
        let weak = ranked.is_empty()
            || scores.known_terms == 0
            || (scores.known_terms <= p.weak_terms && scores.known_terms * 2 < scores.terms && scores.lift < f64::from(p.weak_lift));
        let needles = analysis.needles();
        let mut hits = Vec::with_capacity(limit);
        for c in ranked.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(c.addr)?;
            let get = |f: Field| doc.get_first(f).and_then(|v| v.as_str()).unwrap_or("").to_string();
            hits.push(Hit {
                id: get(self.fields.id),
                kind: c.kind,
                topic: get(self.fields.topic),
                title: get(self.fields.title),
                // Rounded, so that the CLI and the browser print the same figure.
                score: (c.score * 1000.0).round() / 1000.0,
                snippet: snippet(&get(self.fields.body), &needles, 90),
            });
        }
        Ok(SearchResponse { hits, weak })
    }

    /// Orders the full-text candidates: the kind weight, then the topic posterior, then a quiz
    /// below the guides and FAQs of its topic, then (when the topic is unsure) a spread over the
    /// likely topics. Deterministic: ties keep tantivy's order, the same on every platform.
    fn rank(&self, top: Vec<(f32, tantivy::DocAddress)>, scores: &TopicScores, p: &RankParams) -> Vec<Candidate> {
        let (best_topic, p_best) = scores.best().unwrap_or((usize::MAX, 0.0));
        let mut cands: Vec<Candidate> = top
            .into_iter()
            .filter_map(|(score, addr)| {
                let i = addr.doc_id as usize;
                let kind = *self.topics.doc_kind.get(i)?;
                let topic = *self.topics.doc_topic.get(i)? as usize;
                let kw = if kind == DocKind::Quiz { p.quiz_weight } else { 1.0 };
                let rel = if p_best > 0.0 { (scores.prob(topic) / p_best) as f32 } else { 1.0 };
                Some(Candidate { addr, kind, topic, score: score * kw * (1.0 - p.topic_beta + p.topic_beta * rel) })
            })
            .collect();
        cands.sort_by(|a, b| b.score.total_cmp(&a.score));
        // A quiz question never outranks a guide or FAQ of its own topic: it teaches one point of
        // what they answer, so it comes after the last of them.
        let mut lowest_answer: std::collections::HashMap<usize, f32> = std::collections::HashMap::new();
        for c in cands.iter().filter(|c| c.kind != DocKind::Quiz) {
            let low = lowest_answer.entry(c.topic).or_insert(c.score);
            *low = low.min(c.score);
        }
        for c in cands.iter_mut().filter(|c| c.kind == DocKind::Quiz) {
            if let Some(&low) = lowest_answer.get(&c.topic) {
                c.score = c.score.min(low * 0.999);
            }
        }
        cands.sort_by(|a, b| b.score.total_cmp(&a.score));
        if (p_best as f32) >= p.unsure_below || best_topic == usize::MAX {
            return cands;
        }
        // Unsure of the topic: each pick lowers the others of its topic, so one wrong guess does
        // not fill the screen.
        let mut out = Vec::with_capacity(cands.len());
        let mut shown: std::collections::HashMap<usize, i32> = std::collections::HashMap::new();
        while !cands.is_empty() {
            let adjusted = |c: &Candidate| c.score * p.repeat_factor.powi(*shown.get(&c.topic).unwrap_or(&0));
            let mut best = 0;
            for (i, c) in cands.iter().enumerate() {
                if adjusted(c) > adjusted(&cands[best]) {
                    best = i;
                }
            }
            let c = cands.remove(best);
            *shown.entry(c.topic).or_insert(0) += 1;
            out.push(c);
        }
        out
    }
}
