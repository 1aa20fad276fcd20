//! Which topic is a query about? A multinomial naive-Bayes topic model whose counts are the
//! index's own postings: the content itself is the training data (never the evaluation questions),
//! and nothing extra ships but one topic number per document and one token total per topic
//! ([`TopicStats`], written by the builder into the search bundle).
//!
//! For each query term (a bigram or a word; single characters say too little), the postings of
//! the title, keyword and body fields give how often each topic uses it. With Dirichlet smoothing
//! towards the whole library's use of the term, the log-likelihoods of the topics become a
//! posterior. The words that say who is asking (我爸, 儿子, 包工头) and what about weigh in here
//! even when a long sentence buries them under filler for the full-text score.

use super::Fields;
use crate::bundle::TopicStats;
use crate::text::is_han;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, Term, TERMINATED};

/// How much each field's occurrences count in the topic model: a title or keyword says more about
/// what a document is about than a word in its body.
pub const FIELD_WEIGHTS: [(FieldName, f64); 3] = [(FieldName::Title, 3.0), (FieldName::Keywords, 2.0), (FieldName::Body, 1.0)];

/// Dirichlet smoothing mass (in weighted tokens): how far a topic's rare use of a word is pulled
/// towards the library's average use of it.
const MU: f64 = 800.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldName {
    Title,
    Keywords,
    Body,
}

impl FieldName {
    fn of(self, f: &Fields) -> Field {
        match self {
            FieldName::Title => f.title,
            FieldName::Keywords => f.keywords,
            FieldName::Body => f.body,
        }
    }
}

/// Does this index term count for the topic model? Bigrams and words do; a single Han character
/// is shared by too many topics to say anything.
pub fn counts_for_topics(term: &str) -> bool {
    let mut chars = term.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => !is_han(c),
        (Some(_), Some(_)) => true,
        _ => false,
    }
}

/// The posterior over topics for a query, as probabilities in [`TopicStats::topics`] order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicScores {
    pub probs: Vec<f64>,
    /// How many query terms the topic model weighs (bigrams and words), and how many of them
    /// occur in the library at all.
    pub terms: usize,
    pub known_terms: usize,
    /// How much better the best topic explains the query's known terms than the library as a
    /// whole does: the log-likelihood ratio, summed over the terms. Near 0, the words are
    /// everyday words that say nothing about any topic.
    pub lift: f64,
}

impl TopicScores {
    /// The most likely topic and its probability.
    pub fn best(&self) -> Option<(usize, f64)> {
        self.probs.iter().copied().enumerate().max_by(|a, b| a.1.total_cmp(&b.1))
    }

    pub fn prob(&self, topic: usize) -> f64 {
        self.probs.get(topic).copied().unwrap_or(0.0)
    }
}

/// Scores the topics for weighted query terms (`(term, weight)`). Terms the library never uses
/// say nothing and are skipped; with no known term the posterior is uniform. The log-likelihoods
/// are divided by `temperature` (> 1 softens the posterior).
pub fn score(searcher: &Searcher, fields: &Fields, stats: &TopicStats, terms: &[(String, f64)], temperature: f64) -> TopicScores {
    let k = stats.topics.len();
    if k == 0 {
        return TopicScores::default();
    }
    let total: f64 = stats.topic_tokens.iter().map(|&n| n as f64).sum::<f64>().max(1.0);
    let mut log_lik = vec![0.0f64; k];
    let mut log_lib = 0.0f64;
    let mut known_weight = 0.0f64;
    let mut known_terms = 0;
    let mut counted = 0;
    let mut counts = vec![0.0f64; k];
    for (term, w) in terms {
        if !counts_for_topics(term) {
            continue;
        }
        counted += 1;
        counts.iter_mut().for_each(|c| *c = 0.0);
        for (name, fw) in FIELD_WEIGHTS {
            accumulate(searcher, name.of(fields), term, fw, stats, &mut counts);
        }
        let c_all: f64 = counts.iter().sum();
        if c_all <= 0.0 {
            continue;
        }
        known_terms += 1;
        known_weight += w;
        let p_lib = c_all / total;
        log_lib += w * p_lib.ln();
        for t in 0..k {
            let n = stats.topic_tokens.get(t).copied().unwrap_or(0) as f64;
            log_lik[t] += w * ((counts[t] + MU * p_lib) / (n + MU)).ln();
        }
    }
    let best = log_lik.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lift = if known_weight > 0.0 { best - log_lib } else { 0.0 };
    let scaled: Vec<f64> = log_lik.iter().map(|l| l / temperature.max(0.01)).collect();
    TopicScores { probs: softmax(&scaled), terms: counted, known_terms, lift }
}

/// Adds `weight × term frequency` of `term` in `field` to the count of each document's topic.
fn accumulate(searcher: &Searcher, field: Field, term: &str, weight: f64, stats: &TopicStats, counts: &mut [f64]) {
    let term = Term::from_field_text(field, term);
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(Some(mut postings)) = inverted.read_postings(&term, IndexRecordOption::WithFreqs) else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if let Some(&t) = stats.doc_topic.get(doc as usize) {
                if let Some(c) = counts.get_mut(t as usize) {
                    *c += weight * f64::from(postings.term_freq());
                }
            }
            doc = postings.advance();
        }
    }
}

fn softmax(xs: &[f64]) -> Vec<f64> {
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return vec![1.0 / xs.len().max(1) as f64; xs.len()];
    }
    let exps: Vec<f64> = xs.iter().map(|x| (x - max).exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
}

/// Computes the topic statistics of an index from its postings: each document's topic (from the
/// stored `topic` field) and each topic's weighted count of the tokens the model uses. The
/// builder calls this once; the result ships in the search bundle.
pub fn stats_from_index(searcher: &Searcher, fields: &Fields, topics: &[String]) -> Result<TopicStats, crate::EngineError> {
    use tantivy::schema::Value;
    use tantivy::TantivyDocument;
    let corrupt = |m: String| crate::EngineError::Corrupt(m);
    if searcher.segment_readers().len() > 1 {
        return Err(corrupt("the topic model needs a one-segment index".into()));
    }
    let mut doc_topic = Vec::new();
    let mut doc_kind = Vec::new();
    if let Some(segment) = searcher.segment_readers().first() {
        let store = segment.get_store_reader(1).map_err(|e| corrupt(e.to_string()))?;
        for doc in 0..segment.max_doc() {
            let d: TantivyDocument = store.get(doc)?;
            let slug = d.get_first(fields.topic).and_then(|v| v.as_str()).unwrap_or("");
            let t =
                topics.iter().position(|s| s == slug).ok_or_else(|| corrupt(format!("document {doc} has an unknown topic `{slug}`")))?;
            doc_topic.push(u16::try_from(t).map_err(|_| corrupt("too many topics".into()))?);
            let kind = d.get_first(fields.kind).and_then(|v| v.as_str()).unwrap_or("");
            doc_kind
                .push(crate::model::DocKind::parse(kind).ok_or_else(|| corrupt(format!("document {doc} has an unknown kind `{kind}`")))?);
        }
    }
    let mut stats = TopicStats { topics: topics.to_vec(), doc_topic, doc_kind, topic_tokens: vec![0; topics.len()] };
    let mut totals = vec![0.0f64; topics.len()];
    for segment in searcher.segment_readers() {
        for (name, fw) in FIELD_WEIGHTS {
            let field = name.of(fields);
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream().map_err(|e| corrupt(e.to_string()))?;
            while stream.advance() {
                let Ok(text) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !counts_for_topics(text) {
                    continue;
                }
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)
                    .map_err(|e| corrupt(e.to_string()))?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if let Some(&t) = stats.doc_topic.get(doc as usize) {
                        totals[t as usize] += fw * f64::from(postings.term_freq());
                    }
                    doc = postings.advance();
                }
            }
        }
    }
    stats.topic_tokens = totals.into_iter().map(|x| x.round() as u64).collect();
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_terms_count() {
        assert!(counts_for_topics("工钱"));
        assert!(counts_for_topics("12348"));
        assert!(counts_for_topics("x"));
        assert!(!counts_for_topics("钱"));
        assert!(!counts_for_topics(""));
    }

    #[test]
    fn softmax_is_a_distribution() {
        let p = softmax(&[-3.0, -1.0, -2.0]);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(p[1] > p[2] && p[2] > p[0]);
        assert_eq!(softmax(&[f64::NEG_INFINITY, f64::NEG_INFINITY]), vec![0.5, 0.5]);
    }
}
