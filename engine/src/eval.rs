//! How good is search on real questions? Reads labelled questions (one JSON object a line, the
//! dev set's format) and scores ranked results at the topic level: a hit is a result whose topic
//! is the question's `primary` or one of its `also`. Reports hit@1, hit@5 and MRR (over the top
//! 5), per topic and overall, and the misses. No I/O: the caller reads the file and runs search.

pub use crate::lexicon::LineError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One labelled question.
#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    #[serde(default)]
    pub id: String,
    pub q: String,
    pub primary: String,
    #[serde(default)]
    pub also: Vec<String>,
    #[serde(default = "good")]
    pub quality: String,
}

fn good() -> String {
    "good".into()
}

/// The topic label of a question that no topic fits.
pub const NONE_TOPIC: &str = "none";

impl Question {
    /// Scored questions are `good` and have a topic.
    pub fn is_scored(&self) -> bool {
        self.quality == "good" && self.primary != NONE_TOPIC
    }

    /// Is this topic a right answer?
    pub fn accepts(&self, topic: &str) -> bool {
        self.primary == topic || self.also.iter().any(|a| a == topic)
    }
}

/// Parses a questions file (JSON lines; blank lines are skipped). Reports every bad line.
pub fn parse_questions(text: &str) -> Result<Vec<Question>, Vec<LineError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Question>(line) {
            Ok(q) => out.push(q),
            Err(e) => errors.push(LineError { line: i + 1, message: e.to_string() }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// One scored question: its id, text, labels and the topics (and ids) of the top results.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub id: String,
    pub q: String,
    pub primary: String,
    pub also: Vec<String>,
    /// 1-based rank of the first right result in the top 5, if any.
    pub rank: Option<usize>,
    /// `(topic, doc id)` of the top 5.
    pub top: Vec<(String, String)>,
}

/// hit@1, hit@5 and MRR over a set of outcomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub n: usize,
    pub hit1: f64,
    pub hit5: f64,
    pub mrr: f64,
}

impl Figures {
    pub fn of<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> Figures {
        let (mut n, mut h1, mut h5, mut rr) = (0usize, 0usize, 0usize, 0f64);
        for o in outcomes {
            n += 1;
            if let Some(r) = o.rank {
                h5 += 1;
                h1 += usize::from(r == 1);
                rr += 1.0 / r as f64;
            }
        }
        if n == 0 {
            return Figures::default();
        }
        let d = n as f64;
        Figures { n, hit1: h1 as f64 / d, hit5: h5 as f64 / d, mrr: rr / d }
    }
}

/// What the evaluation found: the overall figures, per primary topic, the misses (no right
/// result first), and how the questions with no topic fared (how often search said it had no
/// good answer).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub overall: Figures,
    pub per_topic: BTreeMap<String, Figures>,
    pub misses: Vec<Outcome>,
    /// Questions labelled `none`: how many, and for how many search said it had no good match.
    pub none_asked: usize,
    pub none_declined: usize,
    /// Scored questions for which search said it had no good match.
    pub scored_declined: usize,
}

/// A ranked answer to one question, as the evaluation needs it.
pub struct Ranked {
    /// `(topic, doc id)` in rank order (at least the top 5).
    pub top: Vec<(String, String)>,
    /// Search said nothing matched well.
    pub weak: bool,
}

/// Scores every question with `search`, which answers one query.
pub fn evaluate(questions: &[Question], mut search: impl FnMut(&str) -> Ranked) -> Report {
    let mut outcomes = Vec::new();
    let (mut none_asked, mut none_declined, mut scored_declined) = (0, 0, 0);
    for q in questions {
        if q.quality != "good" {
            continue;
        }
        let ranked = search(&q.q);
        if q.primary == NONE_TOPIC {
            none_asked += 1;
            none_declined += usize::from(ranked.weak);
            continue;
        }
        scored_declined += usize::from(ranked.weak);
        let top: Vec<(String, String)> = ranked.top.into_iter().take(5).collect();
        let rank = top.iter().position(|(t, _)| q.accepts(t)).map(|i| i + 1);
        outcomes.push(Outcome { id: q.id.clone(), q: q.q.clone(), primary: q.primary.clone(), also: q.also.clone(), rank, top });
    }
    let mut per_topic: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for o in &outcomes {
        per_topic.entry(o.primary.clone()).or_default().push(o);
    }
    let per_topic = per_topic.into_iter().map(|(t, os)| (t, Figures::of(os))).collect();
    let overall = Figures::of(&outcomes);
    let misses = outcomes.iter().filter(|o| o.rank != Some(1)).cloned().collect();
    Report { overall, per_topic, misses, none_asked, none_declined, scored_declined }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SET: &str = r#"{"id":"a","q":"老板不给工钱","primary":"wage-arrears","also":[],"quality":"good"}
{"id":"b","q":"离婚","primary":"divorce","also":["child-custody"],"quality":"good"}

{"id":"c","q":"股票","primary":"none","also":[],"quality":"good"}
{"id":"d","q":"公司税","primary":"none","also":[],"quality":"skip"}
{"id":"e","q":"被打了","primary":"personal-injury","also":[],"quality":"good"}"#;

    fn ranked(topics: &[&str], weak: bool) -> Ranked {
        Ranked { top: topics.iter().map(|t| (t.to_string(), format!("{t}-doc"))).collect(), weak }
    }

    #[test]
    fn scores_at_the_topic_level() {
        let qs = parse_questions(SET).unwrap();
        assert_eq!(qs.len(), 5);
        let report = evaluate(&qs, |q| match q {
            "老板不给工钱" => ranked(&["wage-arrears", "labor-contract"], false),
            // `also` counts: the second result is right.
            "离婚" => ranked(&["inheritance", "child-custody", "divorce"], false),
            "股票" => ranked(&["fraud"], true),
            _ => ranked(&["a", "b", "c", "d", "e", "personal-injury"], false),
        });
        assert_eq!(report.overall.n, 3);
        assert!((report.overall.hit1 - 1.0 / 3.0).abs() < 1e-9);
        assert!((report.overall.hit5 - 2.0 / 3.0).abs() < 1e-9);
        assert!((report.overall.mrr - (1.0 + 0.5) / 3.0).abs() < 1e-9);
        assert_eq!(report.misses.len(), 2);
        assert_eq!(report.misses[0].rank, Some(2));
        assert_eq!(report.misses[1].rank, None, "a right answer at rank 6 is a miss");
        assert_eq!((report.none_asked, report.none_declined, report.scored_declined), (1, 1, 0));
        assert_eq!(report.per_topic["divorce"].hit5, 1.0);
    }

    #[test]
    fn reports_every_bad_line() {
        let errs = parse_questions("{\"q\":\"x\",\"primary\":\"a\"}\nnot json\n{}\n").unwrap_err();
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), vec![2, 3]);
    }
}
