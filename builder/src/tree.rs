//! Decision trees (content/trees/*.toml): parse with line numbers, check the structure with the
//! engine, and check citations, directory ids and guide ids against the rest of the content.

use crate::county::{is_slug, CountyData};
use crate::diag::{Diagnostic, Diagnostics};
use crate::frontmatter::line_at;
use crate::load::Sources;
use crate::statutes::StatutePack;
use pocketlaw_engine::citation::{find_inline, Citation};
use pocketlaw_engine::model::{CitationRef, DocKind};
use pocketlaw_engine::tree::{Choice, Outcome, Question, Tree, Verdict};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TreeFile {
    id: String,
    title: String,
    topic: String,
    reviewed: toml::value::Datetime,
    intro: String,
    start: String,
    question: Vec<Spanned<QRow>>,
    outcome: Vec<Spanned<ORow>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QRow {
    id: String,
    text: String,
    why: String,
    options: Vec<Choice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ORow {
    id: String,
    verdict: Verdict,
    title: String,
    summary: String,
    citations: Vec<String>,
    steps: Vec<String>,
    materials: Vec<String>,
    #[serde(rename = "where")]
    where_: Vec<String>,
    timeline: String,
    #[serde(default)]
    guides: Vec<String>,
}

/// A parsed tree with what is needed to report and resolve: the file, node lines, citations.
pub struct ParsedTree {
    pub path: String,
    pub tree: Tree,
    pub lines: HashMap<String, usize>,
    /// (outcome id, citation, line)
    pub citations: Vec<(String, Citation, usize)>,
}

pub fn parse_all(sources: &Sources, diags: &mut Diagnostics) -> Vec<ParsedTree> {
    let mut out: Vec<ParsedTree> = Vec::new();
    for src in sources.under("trees/", ".toml") {
        let f: TreeFile = match toml::from_str(&src.text) {
            Ok(f) => f,
            Err(e) => {
                let line = e.span().map(|s| line_at(&src.text, s.start, 1)).unwrap_or(0);
                diags.push(Diagnostic::new(&src.path, line, e.message().trim().to_string()));
                continue;
            }
        };
        let line_of = |span: std::ops::Range<usize>| line_at(&src.text, span.start, 1);
        let mut lines = HashMap::new();
        let mut citations = Vec::new();
        let mut questions = Vec::new();
        for q in f.question {
            let line = line_of(q.span());
            let q = q.into_inner();
            lines.entry(q.id.clone()).or_insert(line);
            questions.push(Question { id: q.id, text: q.text, why: q.why, options: q.options });
        }
        let mut outcomes = Vec::new();
        for o in f.outcome {
            let line = line_of(o.span());
            let o = o.into_inner();
            lines.entry(o.id.clone()).or_insert(line);
            let mut parsed: Vec<Citation> = Vec::new();
            for c in &o.citations {
                match Citation::parse(c) {
                    Ok(c) => {
                        if !parsed.contains(&c) {
                            parsed.push(c)
                        }
                    }
                    Err(m) => diags.push(Diagnostic::new(&src.path, line, m)),
                }
            }
            let prose = [o.summary.as_str(), o.timeline.as_str()].into_iter().chain(o.steps.iter().map(String::as_str));
            for text in prose {
                for (_, c) in find_inline(text) {
                    match c {
                        Ok(c) if !parsed.contains(&c) => parsed.push(c),
                        Ok(_) => {}
                        Err(m) => diags.push(Diagnostic::new(&src.path, line, m)),
                    }
                }
            }
            for c in &parsed {
                citations.push((o.id.clone(), c.clone(), line));
            }
            outcomes.push(Outcome {
                id: o.id,
                verdict: o.verdict,
                title: o.title,
                summary: o.summary,
                citations: parsed.iter().map(|c| CitationRef { law: c.law.clone(), article: c.article_label(), resolved: false }).collect(),
                steps: o.steps,
                materials: o.materials,
                where_: o.where_,
                timeline: o.timeline,
                guides: o.guides,
            });
        }
        if !is_slug(&f.id) {
            diags.push(Diagnostic::new(&src.path, 1, format!("tree id `{}` must be lower-case a-z, 0-9 and -", f.id)));
        }
        if let Some(other) = out.iter().find(|t| t.tree.id == f.id) {
            diags.push(Diagnostic::new(&src.path, 1, format!("duplicate tree id `{}`: also {}", f.id, other.path)));
        }
        let tree = Tree {
            id: f.id,
            title: f.title,
            topic: f.topic,
            reviewed: f.reviewed.to_string(),
            intro: f.intro,
            start: f.start,
            questions,
            outcomes,
        };
        for p in tree.validate() {
            let line = lines.get(&p.node).copied().unwrap_or(1);
            diags.push(Diagnostic::new(&src.path, line, p.message));
        }
        out.push(ParsedTree { path: src.path.clone(), tree, lines, citations });
    }
    out
}

/// Checks what needs the rest of the content; marks citations resolved.
pub fn check(
    trees: &mut [ParsedTree],
    county: &CountyData,
    guides: &HashMap<String, DocKind>,
    pack: Option<&StatutePack>,
    diags: &mut Diagnostics,
) {
    for t in trees.iter_mut() {
        if !county.has_topic(&t.tree.topic) {
            diags.push(Diagnostic::new(&t.path, 1, format!("unknown topic `{}`", t.tree.topic)));
        }
        for o in t.tree.outcomes.iter_mut() {
            let line = t.lines.get(&o.id).copied().unwrap_or(1);
            for w in &o.where_ {
                if county.directory.iter().all(|e| &e.id != w) {
                    diags.push(Diagnostic::new(&t.path, line, format!("outcome `{}`: no directory entry `{w}`", o.id)));
                }
            }
            for g in &o.guides {
                if guides.get(g) != Some(&DocKind::Guide) {
                    diags.push(Diagnostic::new(&t.path, line, format!("outcome `{}`: no guide `{g}`", o.id)));
                }
            }
            for c in o.citations.iter_mut() {
                if let Some(pack) = pack {
                    let parsed = Citation::parse(&format!("{} {}", c.law, c.article));
                    match parsed.as_ref().map_err(|e| e.clone()).and_then(|p| pack.resolve(p)) {
                        Ok(_) => c.resolved = true,
                        Err(why) => diags.push(Diagnostic::new(
                            &t.path,
                            line,
                            format!("outcome `{}`: citation 《{}》{} does not resolve: {why}", o.id, c.law, c.article),
                        )),
                    }
                }
            }
        }
    }
}
