//! Decision trees: one question a screen, ending at an outcome. The structure is checked here
//! (the builder adds file:line); walking a tree from a list of answers is also here, so the CLI,
//! the tests and the browser reach the same outcome for the same answers.

use crate::model::CitationRef;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Yes,
    Maybe,
    No,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Yes => "可以",
            Verdict::Maybe => "要看具体情况",
            Verdict::No => "这条路走不通",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub label: String,
    pub next: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub why: String,
    pub options: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub id: String,
    pub verdict: Verdict,
    pub title: String,
    pub summary: String,
    pub citations: Vec<CitationRef>,
    pub steps: Vec<String>,
    pub materials: Vec<String>,
    #[serde(rename = "where")]
    pub where_: Vec<String>,
    pub timeline: String,
    pub guides: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub reviewed: String,
    pub intro: String,
    pub start: String,
    pub questions: Vec<Question>,
    pub outcomes: Vec<Outcome>,
}

/// trees.json: every tree, shipped together (small).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeSet {
    pub format_version: u32,
    pub trees: Vec<Tree>,
}

/// Where a walk stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Ask(&'a Question),
    Done(&'a Outcome),
}

/// One answered question on the way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answered {
    pub question: String,
    pub answer: String,
}

/// The result of following a list of answers from the start.
#[derive(Debug, Clone, PartialEq)]
pub struct Walk<'a> {
    pub path: Vec<Answered>,
    pub at: Node<'a>,
    /// How many of the given answers were used (the rest were invalid or past the end).
    pub used: usize,
}

/// A structural problem, naming the node it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub node: String,
    pub message: String,
}

impl Tree {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }

    pub fn node(&self, id: &str) -> Option<Node<'_>> {
        self.question(id).map(Node::Ask).or_else(|| self.outcome(id).map(Node::Done))
    }

    /// Follows `answers` (option indexes) from the start. Stops at an outcome, at the first
    /// answer that is not an option of its question, or when the answers run out. Never panics.
    pub fn walk(&self, answers: &[usize]) -> Option<Walk<'_>> {
        let mut at = self.node(&self.start)?;
        let mut path = Vec::new();
        let mut used = 0;
        for &a in answers {
            let Node::Ask(q) = at else { break };
            let Some(choice) = q.options.get(a) else {
                break;
            };
            let Some(next) = self.node(&choice.next) else {
                break;
            };
            path.push(Answered { question: q.text.clone(), answer: choice.label.clone() });
            used += 1;
            at = next;
            if path.len() > self.questions.len() {
                break; // a cycle in unvalidated data; validated trees have none
            }
        }
        Some(Walk { path, at, used })
    }

    /// Checks the structure: unique ids, a start that exists, options that lead somewhere,
    /// unique labels within a question, no cycle, every node reachable, complete outcomes.
    pub fn validate(&self) -> Vec<Problem> {
        let mut p = Vec::new();
        let mut add = |node: &str, message: String| p.push(Problem { node: node.to_string(), message });
        let mut seen = BTreeSet::new();
        for id in self.questions.iter().map(|q| &q.id).chain(self.outcomes.iter().map(|o| &o.id)) {
            if !seen.insert(id.as_str()) {
                add(id, format!("duplicate id `{id}`"));
            }
        }
        if self.node(&self.start).is_none() {
            add(&self.start, format!("start `{}` is not a question", self.start));
        } else if self.outcome(&self.start).is_some() {
            add(&self.start, "start must be a question, not an outcome".into());
        }
        for q in &self.questions {
            if q.text.trim().is_empty() {
                add(&q.id, format!("question `{}` has no text", q.id));
            }
            if q.why.trim().is_empty() {
                add(&q.id, format!("question `{}` has no `why` (why we ask)", q.id));
            }
            if q.options.len() < 2 {
                add(&q.id, format!("question `{}` needs at least 2 options", q.id));
            }
            let mut labels = BTreeSet::new();
            for c in &q.options {
                if !labels.insert(c.label.trim()) {
                    add(&q.id, format!("question `{}` has the option `{}` twice", q.id, c.label));
                }
                if self.node(&c.next).is_none() {
                    add(&q.id, format!("option `{}` of `{}` leads nowhere: no question or outcome `{}`", c.label, q.id, c.next));
                }
            }
        }
        for o in &self.outcomes {
            let empty = |s: &str| s.trim().is_empty();
            for (what, missing) in [
                ("a title", empty(&o.title)),
                ("a summary", empty(&o.summary)),
                ("a legal basis (citations)", o.citations.is_empty()),
                ("next steps", o.steps.is_empty()),
                ("a materials checklist", o.materials.is_empty()),
                ("where to go", o.where_.is_empty()),
                ("a timeline", empty(&o.timeline)),
            ] {
                if missing {
                    add(&o.id, format!("outcome `{}` has no {what}", o.id));
                }
            }
        }
        // Cycles: depth-first search with colours.
        let mut colour: BTreeMap<&str, u8> = BTreeMap::new();
        fn dfs<'a>(t: &'a Tree, id: &'a str, colour: &mut BTreeMap<&'a str, u8>, out: &mut Vec<Problem>) {
            colour.insert(id, 1);
            if let Some(q) = t.question(id) {
                for c in &q.options {
                    match colour.get(c.next.as_str()) {
                        Some(1) => {
                            out.push(Problem { node: q.id.clone(), message: format!("cycle: `{}` leads back to `{}`", q.id, c.next) })
                        }
                        Some(_) => {}
                        None => {
                            if t.node(&c.next).is_some() {
                                dfs(t, &c.next, colour, out);
                            }
                        }
                    }
                }
            }
            colour.insert(id, 2);
        }
        if self.node(&self.start).is_some() {
            dfs(self, &self.start, &mut colour, &mut p);
        }
        for id in self.questions.iter().map(|q| &q.id).chain(self.outcomes.iter().map(|o| &o.id)) {
            if !colour.contains_key(id.as_str()) {
                p.push(Problem { node: id.clone(), message: format!("`{id}` cannot be reached from the start `{}`", self.start) });
            }
        }
        p
    }

    /// A Mermaid flowchart of the whole tree, for review on one page.
    pub fn mermaid(&self) -> String {
        let esc = |s: &str| s.replace('"', "'");
        let mut out = format!("flowchart TD\n  %% {} ({})\n", esc(&self.title), self.id);
        for q in &self.questions {
            out += &format!("  {}{{\"{}\"}}\n", q.id.replace('-', "_"), esc(&q.text));
        }
        for o in &self.outcomes {
            out += &format!("  {}[\"{}：{}\"]\n", o.id.replace('-', "_"), o.verdict.label(), esc(&o.title));
        }
        for q in &self.questions {
            for c in &q.options {
                out += &format!("  {} -->|\"{}\"| {}\n", q.id.replace('-', "_"), esc(&c.label), c.next.replace('-', "_"));
            }
        }
        out
    }
}

/// Answers as they appear in a URL: `0.2.1`.
pub fn encode_answers(answers: &[usize]) -> String {
    answers.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(".")
}

/// Parses `0.2.1`; anything malformed gives the longest valid prefix.
pub fn decode_answers(s: &str) -> Vec<usize> {
    s.split('.').map_while(|p| p.parse::<usize>().ok().filter(|n| *n < 32)).take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(id: &str) -> Outcome {
        Outcome {
            id: id.into(),
            verdict: Verdict::Yes,
            title: "t".into(),
            summary: "s".into(),
            citations: vec![CitationRef { law: "法律援助法".into(), article: "第二条".into(), resolved: true }],
            steps: vec!["a".into()],
            materials: vec!["身份证".into()],
            where_: vec!["hotline-12348".into()],
            timeline: "七日".into(),
            guides: vec![],
        }
    }

    fn q(id: &str, nexts: &[&str]) -> Question {
        Question {
            id: id.into(),
            text: "问".into(),
            why: "因为".into(),
            options: nexts.iter().enumerate().map(|(i, n)| Choice { label: format!("选项{i}"), next: n.to_string() }).collect(),
        }
    }

    fn tree(questions: Vec<Question>, outcomes: Vec<Outcome>) -> Tree {
        Tree {
            id: "t".into(),
            title: "t".into(),
            topic: "legal-aid".into(),
            reviewed: "2026-11-29".into(),
            intro: "i".into(),
            start: "a".into(),
            questions,
            outcomes,
        }
    }

    #[test]
    fn walks_to_an_outcome_and_records_reasons() {
        let t = tree(vec![q("a", &["b", "no"]), q("b", &["yes", "no"])], vec![outcome("yes"), outcome("no")]);
        assert!(t.validate().is_empty(), "{:?}", t.validate());
        let w = t.walk(&[0, 0]).unwrap();
        assert!(matches!(w.at, Node::Done(o) if o.id == "yes"));
        assert_eq!(w.path.len(), 2);
        let partial = t.walk(&[0]).unwrap();
        assert!(matches!(partial.at, Node::Ask(q) if q.id == "b"));
        let bad = t.walk(&[7, 0]).unwrap();
        assert_eq!(bad.used, 0);
    }

    #[test]
    fn finds_structural_problems() {
        let mut dup = q("b", &["yes", "yes"]);
        dup.options[1].label = dup.options[0].label.clone();
        let t = tree(
            vec![q("a", &["b", "nowhere"]), dup, q("orphan", &["yes", "a"]), q("loop", &["a", "yes"])],
            vec![outcome("yes"), Outcome { steps: vec![], ..outcome("x") }],
        );
        let msgs: Vec<String> = t.validate().into_iter().map(|p| p.message).collect();
        let has = |s: &str| msgs.iter().any(|m| m.contains(s));
        assert!(has("leads nowhere"), "{msgs:?}");
        assert!(has("twice"), "{msgs:?}");
        assert!(has("cannot be reached"), "{msgs:?}");
        assert!(has("has no next steps"), "{msgs:?}");
        let cyclic = tree(vec![q("a", &["b", "yes"]), q("b", &["a", "yes"])], vec![outcome("yes")]);
        assert!(cyclic.validate().iter().any(|p| p.message.contains("cycle")));
    }

    #[test]
    fn answers_round_trip_through_the_url() {
        assert_eq!(decode_answers(&encode_answers(&[0, 2, 1])), vec![0, 2, 1]);
        assert_eq!(decode_answers("1.x.2"), vec![1]);
        assert_eq!(decode_answers(""), Vec::<usize>::new());
    }
}
