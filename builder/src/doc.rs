//! Stage 2: parse and validate guides, FAQs and quiz questions.

use crate::county::{is_slug, CountyData};
use crate::diag::{Diagnostic, Diagnostics};
use crate::frontmatter::{key_line, line_at, split, value_line, Split};
use crate::load::Sources;
use crate::render::{render, LinkTarget, Rendered};
use crate::statutes::StatutePack;
use pocketlaw_engine::citation::Citation;
use pocketlaw_engine::model::{DocKind, QuizData, QuizType};
use serde::Deserialize;
use std::collections::HashMap;

/// The sections every guide has, in this order (see content/README.md).
pub const GUIDE_SECTIONS: [&str; 7] =
    ["一步一步怎么办", "要带的材料", "去哪里办", "要多久、花多少钱", "别错过的期限", "相关问答", "法律依据"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    kind: String,
    topic: String,
    title: String,
    reviewed: toml::value::Datetime,
    #[serde(default)]
    citations: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    guide: Option<String>,
    month: Option<String>,
    #[serde(rename = "type")]
    qtype: Option<String>,
    options: Option<Vec<String>>,
    answer: Option<Vec<i64>>,
}

/// A document that parsed; its links and citations are checked once all documents are known.
#[derive(Debug)]
pub struct ParsedDoc {
    pub path: String,
    pub id: String,
    pub id_line: usize,
    pub kind: DocKind,
    pub topic: String,
    pub title: String,
    pub reviewed: String,
    pub keywords: Vec<String>,
    /// Front matter and inline citations, each with its line, without duplicates.
    pub citations: Vec<(Citation, usize)>,
    pub guide: Option<(String, usize)>,
    pub quiz: Option<QuizData>,
    pub rendered: Rendered,
}

pub fn parse_all(sources: &Sources, county: &CountyData, diags: &mut Diagnostics) -> Vec<ParsedDoc> {
    let mut docs: Vec<ParsedDoc> = Vec::new();
    for src in sources.files.iter().filter(|s| s.path.ends_with(".md")) {
        let folder = src.path.split('/').next().unwrap_or("");
        if folder == crate::notice::FOLDER {
            continue;
        }
        if !matches!(folder, "guides" | "faq" | "quiz") {
            diags.push(Diagnostic::new(&src.path, 0, "Markdown content belongs under guides/, faq/, quiz/ or notices/"));
            continue;
        }
        if let Some(doc) = parse_one(&src.path, &src.text, county, diags) {
            if let Some(first) = docs.iter().find(|d| d.id == doc.id) {
                diags.push(Diagnostic::new(
                    &doc.path,
                    doc.id_line,
                    format!("duplicate id `{}`: also used by {}:{}", doc.id, first.path, first.id_line),
                ));
                continue;
            }
            docs.push(doc);
        }
    }
    docs
}

fn parse_one(path: &str, text: &str, county: &CountyData, diags: &mut Diagnostics) -> Option<ParsedDoc> {
    let sp = match split(text) {
        Ok(s) => s,
        Err((line, m)) => {
            diags.push(Diagnostic::new(path, line, m));
            return None;
        }
    };
    let fm: FrontMatter = match toml::from_str(sp.front) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map(|s| line_at(sp.front, s.start, sp.front_line)).unwrap_or(sp.front_line);
            diags.push(Diagnostic::new(path, line, e.message().trim().to_string()));
            return None;
        }
    };
    let before = diags.len();
    let err = |diags: &mut Diagnostics, key: &str, m: String| diags.push(Diagnostic::new(path, key_line(&sp, key), m));

    if !is_slug(&fm.id) {
        err(diags, "id", format!("id `{}` must be lower-case a-z, 0-9 and -", fm.id));
    }
    let kind = DocKind::parse(&fm.kind);
    let expected_folder = match kind {
        Some(DocKind::Guide) => "guides/",
        Some(DocKind::Faq) => "faq/",
        Some(DocKind::Quiz) => "quiz/",
        None => {
            err(diags, "kind", format!("unknown kind `{}`: use guide, faq or quiz", fm.kind));
            ""
        }
    };
    if !expected_folder.is_empty() && !path.starts_with(expected_folder) {
        err(diags, "kind", format!("a {} belongs under {expected_folder}", fm.kind));
    }
    if !county.has_topic(&fm.topic) {
        err(diags, "topic", format!("unknown topic `{}`: use one of the slugs in county.toml", fm.topic));
    }
    if fm.title.trim().is_empty() {
        err(diags, "title", "title is empty".into());
    }
    let reviewed = fm.reviewed.to_string();
    if fm.reviewed.date.is_none() || fm.reviewed.time.is_some() {
        err(diags, "reviewed", format!("reviewed must be a date like 2026-11-29, not `{reviewed}`"));
    }

    let mut citations: Vec<(Citation, usize)> = Vec::new();
    for c in &fm.citations {
        let line = value_line(&sp, "citations", &format!("\"{c}\""));
        match Citation::parse(c) {
            Ok(c) if citations.iter().any(|x| x.0 == c) => diags.push(Diagnostic::new(path, line, format!("citation {c} is listed twice"))),
            Ok(c) => citations.push((c, line)),
            Err(m) => diags.push(Diagnostic::new(path, line, m)),
        }
    }

    let rendered = render(sp.body, sp.body_line);
    for (line, m) in &rendered.errors {
        diags.push(Diagnostic::new(path, *line, m.clone()));
    }
    for (parsed, line) in &rendered.citations {
        match parsed {
            Ok(c) => {
                if !citations.iter().any(|x| &x.0 == c) {
                    citations.push((c.clone(), *line));
                }
            }
            Err(m) => diags.push(Diagnostic::new(path, *line, m.clone())),
        }
    }
    if citations.is_empty() {
        err(diags, "citations", "no citation: every document cites the law it states (law + article)".into());
    }
    if rendered.text.trim().is_empty() {
        diags.push(Diagnostic::new(path, sp.body_line, "the body is empty"));
    }

    let only_for = |diags: &mut Diagnostics, key: &str, present: bool, who: &str| {
        if present {
            err(diags, key, format!("`{key}` is only for {who}"));
        }
    };
    let guide = fm.guide.as_ref().map(|g| (g.clone(), key_line(&sp, "guide")));
    let mut quiz = None;
    match kind {
        Some(DocKind::Guide) => {
            only_for(diags, "guide", fm.guide.is_some(), "FAQs and quiz questions");
            check_guide_sections(path, &sp, &rendered, diags);
        }
        Some(DocKind::Faq) if fm.guide.is_none() => {
            err(diags, "id", "an FAQ needs `guide = \"<guide id>\"`, the guide it belongs to".into());
        }
        Some(DocKind::Faq) => {}
        Some(DocKind::Quiz) => {
            if fm.guide.is_none() {
                err(diags, "id", "a quiz question needs `guide = \"<guide id>\"`, the guide it comes from".into());
            }
            quiz = check_quiz(path, &sp, &fm, diags);
        }
        None => {}
    }
    if kind != Some(DocKind::Quiz) {
        for (key, present) in [
            ("month", fm.month.is_some()),
            ("type", fm.qtype.is_some()),
            ("options", fm.options.is_some()),
            ("answer", fm.answer.is_some()),
        ] {
            only_for(diags, key, present, "quiz questions");
        }
    }
    if diags.len() > before {
        return None;
    }
    Some(ParsedDoc {
        path: path.to_string(),
        id: fm.id,
        id_line: key_line(&sp, "id"),
        kind: kind?,
        topic: fm.topic,
        title: fm.title.trim().to_string(),
        reviewed,
        keywords: fm.keywords,
        citations,
        guide,
        quiz,
        rendered,
    })
}

fn check_guide_sections(path: &str, sp: &Split, r: &Rendered, diags: &mut Diagnostics) {
    if r.summary.is_empty() || r.h2.first().is_some_and(|h| r.text.trim_start().starts_with(&h.0)) {
        diags.push(Diagnostic::new(path, sp.body_line, "a guide opens with a one-paragraph answer before its first heading"));
    }
    let mut next = 0;
    for (h, line) in &r.h2 {
        if next < GUIDE_SECTIONS.len() && h == GUIDE_SECTIONS[next] {
            next += 1;
        } else if let Some(pos) = GUIDE_SECTIONS.iter().position(|s| s == h) {
            if pos < next {
                diags.push(Diagnostic::new(path, *line, format!("section `## {h}` appears twice or out of order")));
            } else {
                diags.push(Diagnostic::new(path, *line, format!("missing section `## {}` before `## {h}`", GUIDE_SECTIONS[next])));
                next = pos + 1;
            }
        }
    }
    if next < GUIDE_SECTIONS.len() {
        let line = r.h2.last().map(|h| h.1).unwrap_or(sp.body_line);
        diags.push(Diagnostic::new(
            path,
            line,
            format!("missing section `## {}` (guides have: {})", GUIDE_SECTIONS[next], GUIDE_SECTIONS.join(" / ")),
        ));
    }
}

fn check_quiz(path: &str, sp: &Split, fm: &FrontMatter, diags: &mut Diagnostics) -> Option<QuizData> {
    let before = diags.len();
    let err = |diags: &mut Diagnostics, key: &str, m: String| diags.push(Diagnostic::new(path, key_line(sp, key), m));
    let month = fm.month.clone().unwrap_or_default();
    let month_ok = month.len() == 7
        && month.as_bytes()[4] == b'-'
        && month[..4].parse::<u32>().is_ok()
        && month[5..].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
    if !month_ok {
        err(diags, if fm.month.is_some() { "month" } else { "id" }, format!("a quiz question needs `month = \"YYYY-MM\"`, not `{month}`"));
    } else if !path.starts_with(&format!("quiz/{month}/")) {
        err(diags, "month", format!("month {month} does not match the folder; put the file under quiz/{month}/"));
    }
    let qtype = match fm.qtype.as_deref() {
        Some("single") => Some(QuizType::Single),
        Some("multiple") => Some(QuizType::Multiple),
        Some("truefalse") => Some(QuizType::Truefalse),
        other => {
            err(
                diags,
                if other.is_some() { "type" } else { "id" },
                format!("`type` must be single, multiple or truefalse, not `{}`", other.unwrap_or("")),
            );
            None
        }
    };
    let options = fm.options.clone().unwrap_or_default();
    if !(2..=6).contains(&options.len()) {
        err(
            diags,
            if fm.options.is_some() { "options" } else { "id" },
            format!("a quiz question has 2 to 6 options, not {}", options.len()),
        );
    }
    for (i, o) in options.iter().enumerate() {
        if o.trim().is_empty() {
            err(diags, "options", format!("option {} is empty", i + 1));
        }
        if options[..i].contains(o) {
            err(diags, "options", format!("option `{o}` is listed twice"));
        }
    }
    if qtype == Some(QuizType::Truefalse) && options != ["对", "错"] {
        err(diags, "options", "a truefalse question has options [\"对\", \"错\"]".into());
    }
    let raw = fm.answer.clone().unwrap_or_default();
    let mut answer = Vec::new();
    for a in &raw {
        if *a < 0 || *a as usize >= options.len() {
            err(diags, "answer", format!("answer {a} points outside the {} options (answers are 0-based)", options.len()));
        } else if answer.contains(&(*a as usize)) {
            err(diags, "answer", format!("answer {a} is listed twice"));
        } else {
            answer.push(*a as usize);
        }
    }
    match (qtype, raw.len()) {
        (_, 0) => err(diags, if fm.answer.is_some() { "answer" } else { "id" }, "a quiz question needs `answer = [..]`".into()),
        (Some(QuizType::Single | QuizType::Truefalse), n) if n != 1 => {
            err(diags, "answer", format!("a {} question has exactly one answer", fm.qtype.as_deref().unwrap_or("")))
        }
        (Some(QuizType::Multiple), 1) => err(diags, "answer", "a multiple question has at least two answers; use type = \"single\"".into()),
        _ => {}
    }
    if diags.len() > before {
        return None;
    }
    answer.sort_unstable();
    Some(QuizData { month, qtype: qtype?, options, answer })
}

/// What is wrong with an internal link, if anything (`doc_exists`: whether a document id exists).
pub fn link_problem(
    target: &LinkTarget,
    doc_exists: &dyn Fn(&str) -> bool,
    county: &CountyData,
    trees: &[String],
    forms: &[String],
) -> Option<String> {
    match target {
        LinkTarget::Doc(id) if !doc_exists(id) => Some(format!("broken link: no document with id `{id}`")),
        LinkTarget::Dir(id) if !county.directory.iter().any(|e| &e.id == id) => {
            Some(format!("broken link: no directory entry `{id}` in directory.toml"))
        }
        LinkTarget::Topic(s) if !county.has_topic(s) => Some(format!("broken link: no topic `{s}`")),
        LinkTarget::Tree(id) if !trees.contains(id) => Some(format!("broken link: no decision tree `{id}`")),
        LinkTarget::Calc(id) if pocketlaw_engine::calc::info(id).is_none() => Some(format!("broken link: no calculator `{id}`")),
        LinkTarget::Form(id) if !forms.contains(id) => Some(format!("broken link: no form `{id}` in forms/")),
        _ => None,
    }
}

/// Checks what needs every document: links point at existing ids, FAQs and quiz questions name
/// an existing guide, and (with the statute pack) every citation resolves.
pub fn check_links_and_citations(
    docs: &[ParsedDoc],
    county: &CountyData,
    trees: &[String],
    forms: &[String],
    pack: Option<&StatutePack>,
    diags: &mut Diagnostics,
) {
    let by_id: HashMap<&str, &ParsedDoc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    for d in docs {
        for (target, line) in &d.rendered.links {
            if let Some(m) = link_problem(target, &|id| by_id.contains_key(id), county, trees, forms) {
                diags.push(Diagnostic::new(&d.path, *line, m));
            }
        }
        if let Some((g, line)) = &d.guide {
            match by_id.get(g.as_str()) {
                None => diags.push(Diagnostic::new(&d.path, *line, format!("guide `{g}` does not exist"))),
                Some(target) if target.kind != DocKind::Guide => {
                    diags.push(Diagnostic::new(&d.path, *line, format!("`{g}` is a {}, not a guide", target.kind.as_str())))
                }
                _ => {}
            }
        }
        if let Some(pack) = pack {
            for (c, line) in &d.citations {
                if let Err(why) = pack.resolve(c) {
                    diags.push(Diagnostic::new(&d.path, *line, format!("citation {c} does not resolve: {why}")));
                }
            }
        }
    }
}
