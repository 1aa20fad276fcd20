//! Which topic is a query about? A multinomial naive-Bayes topic model whose counts are the
//! index's own postings: the content itself is the training data (never the evaluation questions),
//! and nothing extra ships but one topic number per document and one token total per topic (in
//! the index root, `search::pieces`).
//!
//! For each query term (a bigram or a word; single characters say too little), the postings of
//! the title, keyword and body fields give how often each topic uses it. With Dirichlet smoothing
//! towards the whole library's use of the term, the log-likelihoods of the topics become a
//! posterior. The words that say who is asking (我爸, 儿子, 包工头) and what about weigh in here
//! even when a long sentence buries them under filler for the full-text score.

use super::pieces::{Field, PieceIndex};
use crate::text::is_han;

/// How much each field's occurrences count in the topic model ([`Field`] order: title, body,
/// keywords): a title or keyword says more about what a document is about than a word in its body.
pub const FIELD_WEIGHTS: [f64; 3] = [3.0, 1.0, 2.0];

/// Dirichlet smoothing mass (in weighted tokens): how far a topic's rare use of a word is pulled
/// towards the library's average use of it.
const MU: f64 = 800.0;

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
pub fn score(index: &PieceIndex, terms: &[(String, f64)], temperature: f64) -> TopicScores {
    let k = index.topics().len();
    if k == 0 {
        return TopicScores::default();
    }
    let topic_tokens = index.topic_tokens();
    let total: f64 = topic_tokens.iter().map(|&n| n as f64).sum::<f64>().max(1.0);
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
        accumulate(index, term, &mut counts);
        let c_all: f64 = counts.iter().sum();
        if c_all <= 0.0 {
            continue;
        }
        known_terms += 1;
        known_weight += w;
        let p_lib = c_all / total;
        log_lib += w * p_lib.ln();
        for t in 0..k {
            let n = topic_tokens.get(t).copied().unwrap_or(0) as f64;
            log_lik[t] += w * ((counts[t] + MU * p_lib) / (n + MU)).ln();
        }
    }
    let best = log_lik.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lift = if known_weight > 0.0 { best - log_lib } else { 0.0 };
    let scaled: Vec<f64> = log_lik.iter().map(|l| l / temperature.max(0.01)).collect();
    TopicScores { probs: softmax(&scaled), terms: counted, known_terms, lift }
}

/// Adds each field's weight × term frequency of `term` to the count of each document's topic.
fn accumulate(index: &PieceIndex, term: &str, counts: &mut [f64]) {
    let Some(postings) = index.postings(term) else { return };
    for field in Field::ALL {
        let fw = FIELD_WEIGHTS[field as usize];
        for p in &postings.fields[field as usize] {
            if let Some(c) = index.doc(p.doc).and_then(|d| counts.get_mut(usize::from(d.topic))) {
                *c += fw * f64::from(p.tf);
            }
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
