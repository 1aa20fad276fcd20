//! Which documents match a query? The query pipeline (normalise → drop question words → segments
//! → lexicon expansion → weighted clauses), BM25 scoring over the index in pieces
//! ([`pieces`]), the topic model ([`topics`]), ranking and snippets. The builder writes the index
//! with [`pieces::build`]; the CLI and the browser worker read it with [`SearchEngine`].
//!
//! Search is I/O-free in two steps: [`SearchEngine::step`] either answers or names the pieces it
//! still needs (first the postings of the query's terms, then the texts of the hits); the caller
//! fetches those, adds them with [`SearchEngine::add_piece`] and asks again.

pub mod pieces;
mod query;
mod snippet;
pub mod topics;

pub use query::{analyze, clauses, Analysis, Clause};
pub use snippet::snippet;
pub use topics::TopicScores;

use crate::lexicon::Lexicon;
use crate::model::{DocKind, Hit, SearchRequest, SearchResponse};
use crate::EngineError;
use pieces::{PieceIndex, Posting};

/// The most results one search returns.
pub const MAX_LIMIT: usize = 100;

/// A search needs two rounds of pieces (postings, then texts), three when the term table has a
/// second level (directories, postings, texts); a fourth would be a bug.
pub const MAX_ROUNDS: usize = 3;

/// BM25's constants, as tantivy and Lucene use them.
const K1: f32 = 1.2;
const B: f32 = 0.75;

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

/// An index being searched. The same code runs natively and in the worker.
pub struct SearchEngine {
    index: PieceIndex,
}

/// What a search step gives: the answer, or the pieces it needs first.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Done(SearchResponse),
    Need(Vec<String>),
}

/// One full-text candidate while ranking.
struct Candidate {
    doc: u32,
    kind: DocKind,
    topic: usize,
    score: f32,
}

impl SearchEngine {
    /// Opens an index root; pieces come later ([`SearchEngine::add_piece`]).
    pub fn open(root: &[u8]) -> Result<SearchEngine, EngineError> {
        Ok(SearchEngine { index: PieceIndex::open(root)? })
    }

    /// Opens a one-file bundle with every piece (the CLI's `search.bin`).
    pub fn from_bundle_bytes(bytes: &[u8]) -> Result<SearchEngine, EngineError> {
        Ok(SearchEngine { index: PieceIndex::open_bundle(bytes)? })
    }

    /// Adds a fetched piece; a damaged one is refused (see [`PieceIndex::add_piece`]).
    pub fn add_piece(&mut self, name: &str, bytes: &[u8]) -> Result<(), EngineError> {
        self.index.add_piece(name, bytes)
    }

    pub fn index(&self) -> &PieceIndex {
        &self.index
    }

    pub fn num_docs(&self) -> usize {
        self.index.num_docs()
    }

    pub fn lexicon(&self) -> &Lexicon {
        self.index.lexicon()
    }

    /// The topic slugs, in the topic model's order.
    pub fn topics(&self) -> &[String] {
        self.index.topics()
    }

    /// The hits of [`SearchEngine::answer`].
    pub fn search(&self, req: &SearchRequest) -> Vec<Hit> {
        self.answer(req).hits
    }

    /// Answers a query from the pieces added so far (all of them, for the CLI). Never fails and
    /// never panics on any input: a query with nothing to search for (empty, punctuation, emoji)
    /// returns no hits.
    pub fn answer(&self, req: &SearchRequest) -> SearchResponse {
        self.answer_with(req, &RankParams::default())
    }

    /// [`SearchEngine::answer`] with other ranking knobs (for evaluation).
    pub fn answer_with(&self, req: &SearchRequest, params: &RankParams) -> SearchResponse {
        match self.run(req, params, false) {
            Step::Done(r) => r,
            Step::Need(_) => SearchResponse { hits: Vec::new(), weak: true },
        }
    }

    /// One step of a search in pieces: the answer once every piece it needs has been added, or
    /// the names of the missing pieces. Asked again after adding them, it answers the same as
    /// [`SearchEngine::answer`] with every piece.
    pub fn step(&self, req: &SearchRequest) -> Step {
        self.run(req, &RankParams::default(), true)
    }

    /// Runs [`SearchEngine::step`] to the end, taking each missing piece from `fetch(round,
    /// name)` (round 0: the postings of the query's terms; round 1: the texts of its hits). For
    /// callers that can fetch synchronously (the CLI's measurements, tests); the worker does the
    /// same with `fetch` over the network. A piece that does not come, or does not check, is an
    /// error.
    pub fn answer_fetching<'a>(
        &mut self,
        req: &SearchRequest,
        mut fetch: impl FnMut(usize, &str) -> Option<&'a [u8]>,
    ) -> Result<SearchResponse, EngineError> {
        for round in 0..=MAX_ROUNDS {
            let names = match self.step(req) {
                Step::Done(answer) => return Ok(answer),
                Step::Need(_) if round == MAX_ROUNDS => break,
                Step::Need(names) => names,
            };
            for name in names {
                let bytes = fetch(round, &name).ok_or_else(|| EngineError::Corrupt(format!("piece {name} is missing")))?;
                self.add_piece(&name, bytes)?;
            }
        }
        Err(EngineError::Corrupt(format!("the search did not finish in {MAX_ROUNDS} rounds of pieces")))
    }

    /// The posterior over topics for a query (for evaluation and diagnostics).
    pub fn topic_scores(&self, query: &str) -> TopicScores {
        self.posterior(&analyze(query, self.lexicon()), &RankParams::default())
    }

    fn posterior(&self, analysis: &Analysis, p: &RankParams) -> TopicScores {
        let terms = analysis.topic_terms(f64::from(p.topic_expansion));
        topics::score(&self.index, &terms, f64::from(p.temperature))
    }

    fn run(&self, req: &SearchRequest, p: &RankParams, fetch: bool) -> Step {
        let limit = req.limit.clamp(1, MAX_LIMIT);
        let analysis = analyze(&req.query, self.lexicon());
        let clauses = clauses(&analysis, p.loose);
        if clauses.is_empty() {
            return Step::Done(SearchResponse { hits: Vec::new(), weak: true });
        }
        if fetch {
            // The clauses name every term the query looks up; the topic model weighs a subset.
            let need = self.index.missing(clauses.iter().flat_map(|c| c.terms.iter().map(String::as_str)), []);
            if !need.is_empty() {
                return Step::Need(need);
            }
        }
        let top = self.full_text(&clauses, req.kind, p.candidates.max(limit * 3));
        let scores = self.posterior(&analysis, p);
        let ranked = self.rank(top, &scores, p);
        let weak = ranked.is_empty()
            || scores.known_terms == 0
            || (scores.known_terms <= p.weak_terms && scores.known_terms * 2 < scores.terms && scores.lift < f64::from(p.weak_lift));
        let shown: Vec<&Candidate> = ranked.iter().take(limit).collect();
        if fetch {
            let need = self.index.missing([], shown.iter().map(|c| c.doc));
            if !need.is_empty() {
                return Step::Need(need);
            }
        }
        let needles = analysis.needles();
        let hits = shown
            .into_iter()
            .filter_map(|c| {
                let text = self.index.text(c.doc)?;
                Some(Hit {
                    id: text.id.clone(),
                    kind: c.kind,
                    topic: self.topics().get(c.topic).cloned().unwrap_or_default(),
                    title: text.title.clone(),
                    // Rounded, so that the CLI and the browser print the same figure.
                    score: (c.score * 1000.0).round() / 1000.0,
                    snippet: snippet(&text.body, &needles, 90),
                })
            })
            .collect();
        Step::Done(SearchResponse { hits, weak })
    }

    /// The full-text candidates: each document's summed BM25 score over the clauses it matches,
    /// best first (ties by document order), at most `n`.
    fn full_text(&self, clauses: &[Clause], kind: Option<DocKind>, n: usize) -> Vec<(f32, u32)> {
        let docs = self.index.num_docs();
        let mut scores = vec![0.0f32; docs];
        let mut matched = vec![false; docs];
        for c in clauses {
            self.score_clause(c, &mut scores, &mut matched);
        }
        let mut top: Vec<(f32, u32)> = (0..docs)
            .filter(|&d| matched[d])
            .filter(|&d| kind.is_none_or(|k| self.index.doc(d as u32).is_some_and(|m| m.kind == k)))
            .map(|d| (scores[d], d as u32))
            .collect();
        top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        top.truncate(n);
        top
    }

    /// Adds a clause's BM25 score to each document it matches. A run of several terms (the bigrams
    /// of 老板不给工钱) matches a document that has all of them, with the sum of their idf (as
    /// tantivy scores a phrase) and the least of their frequencies. The index keeps no positions:
    /// they were half of its bytes, and true phrase matching found one more right first answer in
    /// 302 dev questions (hit@1 0.907 against 0.904).
    fn score_clause(&self, c: &Clause, scores: &mut [f32], matched: &mut [bool]) {
        score_clause(&self.index, c, scores, matched);
    }

    /// Orders the full-text candidates: the kind weight, then the topic posterior, then a quiz
    /// below the guides and FAQs of its topic, then (when the topic is unsure) a spread over the
    /// likely topics. Deterministic: ties keep document order, the same on every platform.
    fn rank(&self, top: Vec<(f32, u32)>, scores: &TopicScores, p: &RankParams) -> Vec<Candidate> {
        let (best_topic, p_best) = scores.best().unwrap_or((usize::MAX, 0.0));
        let mut cands: Vec<Candidate> = top
            .into_iter()
            .filter_map(|(score, doc)| {
                let meta = self.index.doc(doc)?;
                let (kind, topic) = (meta.kind, usize::from(meta.topic));
                let kw = if kind == DocKind::Quiz { p.quiz_weight } else { 1.0 };
                let rel = if p_best > 0.0 { (scores.prob(topic) / p_best) as f32 } else { 1.0 };
                Some(Candidate { doc, kind, topic, score: score * kw * (1.0 - p.topic_beta + p.topic_beta * rel) })
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

/// Adds a clause's BM25 score to each document it matches (see [`SearchEngine`]'s full text): a
/// run of several terms matches a document that has all of them, with the sum of their idf and
/// the least of their frequencies. Field lengths come from the root or, in a compact index, from
/// each posting's norm.
pub(crate) fn score_clause(index: &PieceIndex, c: &Clause, scores: &mut [f32], matched: &mut [bool]) {
    let f = c.field as usize;
    let mut lists: Vec<&pieces::TermPostings> = Vec::with_capacity(c.terms.len());
    for t in &c.terms {
        match index.postings(t) {
            Some(tp) if !tp.fields[f].is_empty() => lists.push(tp),
            _ => return,
        }
    }
    let n = index.num_docs() as f32;
    let idf: f32 = lists.iter().map(|l| l.fields[f].len()).map(|l| (1.0 + (n - l as f32 + 0.5) / (l as f32 + 0.5)).ln()).sum();
    let avg = index.avg_len(c.field).max(1.0);
    let weight = c.boost * idf * (K1 + 1.0);
    let mut add = |doc: u32, tf: u32, len: u32| {
        let len = len as f32;
        let tf = tf as f32;
        if let Some(s) = scores.get_mut(doc as usize) {
            *s += weight * tf / (tf + K1 * (1.0 - B + B * len / avg));
            matched[doc as usize] = true;
        }
    };
    let Some((first, rest)) = lists.split_first() else { return };
    if rest.is_empty() {
        for (i, p) in first.fields[f].iter().enumerate() {
            add(p.doc, p.tf, index.field_len(first, c.field, i));
        }
        return;
    }
    for (i, p) in first.fields[f].iter().enumerate() {
        let mut tf = p.tf;
        for l in rest {
            let l: &[Posting] = &l.fields[f];
            match l.binary_search_by_key(&p.doc, |q| q.doc) {
                Ok(j) => tf = tf.min(l[j].tf),
                Err(_) => {
                    tf = 0;
                    break;
                }
            }
        }
        if tf > 0 {
            add(p.doc, tf, index.field_len(first, c.field, i));
        }
    }
}
