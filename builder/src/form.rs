//! Legal forms (content/forms/*.toml): parse with line numbers, check the questions, the template's
//! placeholders, the hand-in block (Markdown: links and citations) and the ids the form names.
//! The format is described in content/README.md; the logic that fills a form is the engine's
//! (`pocketlaw_engine::form`).

use crate::county::{is_slug, CountyData};
use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::{link_problem, ParsedDoc};
use crate::frontmatter::line_at;
use crate::load::Sources;
use crate::render::{render, Rendered};
use crate::statutes::StatutePack;
use pocketlaw_engine::citation::{find_inline, Citation};
use pocketlaw_engine::form::{placeholders, Condition, Field, FieldKind, Filter, Form};
use pocketlaw_engine::model::{CitationRef, DocKind};
use serde::Deserialize;
use std::collections::BTreeSet;
use toml::Spanned;

pub const FOLDER: &str = "forms/";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormFile {
    id: String,
    title: String,
    topic: String,
    reviewed: toml::value::Datetime,
    /// Where the list shows it: lower first (then by id).
    #[serde(default = "default_order")]
    order: u32,
    intro: String,
    #[serde(rename = "where")]
    where_: Vec<String>,
    #[serde(default)]
    guides: Vec<String>,
    question: Vec<Spanned<QRow>>,
    document: DocRow,
}

fn default_order() -> u32 {
    100
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QRow {
    id: String,
    label: String,
    kind: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    help: String,
    #[serde(default)]
    example: String,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    when: Option<Condition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocRow {
    template: Spanned<String>,
    handin: Spanned<String>,
}

/// A parsed form with what is needed to report and resolve.
pub struct ParsedForm {
    pub path: String,
    pub form: Form,
    pub handin: Rendered,
    /// The line of the hand-in block's first line, of `where`, and of every citation in plain
    /// text (intro, help), with the citation.
    pub where_line: usize,
    pub text_citations: Vec<(Citation, usize)>,
    pub order: u32,
}

/// The 1-based line where a TOML string value's text starts (a multi-line string drops the
/// newline right after its opening quotes).
fn string_first_line(text: &str, span: &std::ops::Range<usize>) -> usize {
    let line = line_at(text, span.start, 1);
    let raw = &text[span.start.min(text.len())..];
    if raw.starts_with("\"\"\"\n") || raw.starts_with("'''\n") {
        line + 1
    } else {
        line
    }
}

fn key_line(text: &str, key: &str) -> usize {
    text.lines().position(|l| l.trim_start().starts_with(key) && l.contains('=')).map_or(1, |i| i + 1)
}

/// The laws the forms cite, so that the statute pack can load them from its archive.
pub fn cited_laws(sources: &Sources) -> Vec<String> {
    sources.under(FOLDER, ".toml").flat_map(|s| find_inline(&s.text)).filter_map(|(_, c)| c.ok().map(|c| c.law)).collect()
}

pub fn parse_all(sources: &Sources, diags: &mut Diagnostics) -> Vec<ParsedForm> {
    let mut out: Vec<ParsedForm> = Vec::new();
    for src in sources.under(FOLDER, ".toml") {
        let path = src.path.as_str();
        let text = &src.text;
        let f: FormFile = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                let line = e.span().map(|s| line_at(text, s.start, 1)).unwrap_or(0);
                diags.push(Diagnostic::new(path, line, e.message().trim().to_string()));
                continue;
            }
        };
        let before = diags.len();
        let mut text_citations = Vec::new();
        let mut cites_in = |s: &str, line: usize, diags: &mut Diagnostics| {
            for (_, c) in find_inline(s) {
                match c {
                    Ok(c) => text_citations.push((c, line)),
                    Err(m) => diags.push(Diagnostic::new(path, line, m)),
                }
            }
        };
        if !is_slug(&f.id) {
            diags.push(Diagnostic::new(path, key_line(text, "id"), format!("form id `{}` must be lower-case a-z, 0-9 and -", f.id)));
        }
        if let Some(other) = out.iter().find(|p| p.form.id == f.id) {
            diags.push(Diagnostic::new(path, key_line(text, "id"), format!("duplicate form id `{}`: also {}", f.id, other.path)));
        }
        for (key, value) in [("title", &f.title), ("intro", &f.intro)] {
            if value.trim().is_empty() {
                diags.push(Diagnostic::new(path, key_line(text, key), format!("`{key}` is empty")));
            }
        }
        cites_in(&f.intro, key_line(text, "intro"), diags);
        let reviewed = match (f.reviewed.date, f.reviewed.time) {
            (Some(d), None) => d.to_string(),
            _ => {
                diags.push(Diagnostic::new(
                    path,
                    key_line(text, "reviewed"),
                    format!("reviewed must be a date like 2026-12-01, not `{}`", f.reviewed),
                ));
                String::new()
            }
        };

        // Questions.
        let mut questions: Vec<Field> = Vec::new();
        let mut lines: Vec<usize> = Vec::new();
        for q in f.question {
            let line = line_at(text, q.span().start, 1);
            let q = q.into_inner();
            let mut err = |m: String| diags.push(Diagnostic::new(path, line, m));
            let id_ok = !q.id.is_empty() && q.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !id_ok {
                err(format!("question id `{}` must be lower-case a-z, 0-9 and _", q.id));
            }
            if questions.iter().any(|p| p.id == q.id) {
                err(format!("duplicate question id `{}`", q.id));
            }
            if q.label.trim().is_empty() {
                err(format!("question `{}` has no label", q.id));
            }
            let kind = match q.kind.as_str() {
                "text" => Some(FieldKind::Text),
                "multiline" => Some(FieldKind::Multiline),
                "date" => Some(FieldKind::Date),
                "money" => Some(FieldKind::Money),
                "idcard" => Some(FieldKind::Idcard),
                "choice" => {
                    let mut seen = BTreeSet::new();
                    for o in &q.options {
                        if o.trim().is_empty() || !seen.insert(o.as_str()) {
                            err(format!("question `{}`: option `{o}` is empty or listed twice", q.id));
                        }
                    }
                    if q.options.len() < 2 {
                        err(format!("question `{}`: a choice needs at least 2 options", q.id));
                    }
                    Some(FieldKind::Choice { options: q.options.clone() })
                }
                other => {
                    err(format!("question `{}`: unknown kind `{other}` (text, multiline, date, money, idcard or choice)", q.id));
                    None
                }
            };
            if q.kind != "choice" && !q.options.is_empty() {
                err(format!("question `{}`: only a choice has options", q.id));
            }
            if let Some(c) = &q.when {
                match questions.iter().find(|p| p.id == c.question) {
                    None => err(format!("question `{}`: `when` names `{}`, which is not an earlier question", q.id, c.question)),
                    Some(p) => match &p.kind {
                        FieldKind::Choice { options } => {
                            for v in &c.is {
                                if !options.contains(v) {
                                    err(format!("question `{}`: `when` value `{v}` is not an option of `{}`", q.id, c.question));
                                }
                            }
                            if c.is.is_empty() {
                                err(format!("question `{}`: `when` needs at least one value in `is`", q.id));
                            }
                        }
                        _ => err(format!("question `{}`: `when` must name a choice question, not `{}`", q.id, c.question)),
                    },
                }
            }
            cites_in(&q.help, line, diags);
            cites_in(&q.label, line, diags);
            lines.push(line);
            questions.push(Field {
                id: q.id,
                label: q.label,
                kind: kind.unwrap_or(FieldKind::Text),
                required: q.required,
                help: q.help,
                example: q.example,
                when: q.when,
            });
        }
        if questions.is_empty() {
            diags.push(Diagnostic::new(path, 1, "a form needs at least one [[question]]"));
        }

        // The template: every placeholder names a question and a filter that fits it; every
        // question is used.
        let t_line = string_first_line(text, &f.document.template.span());
        let template = f.document.template.into_inner();
        let (found, errors) = placeholders(&template);
        for (n, m) in errors {
            diags.push(Diagnostic::new(path, t_line + n, format!("template: {m}")));
        }
        for p in &found {
            match questions.iter().find(|q| q.id == p.id) {
                None => diags.push(Diagnostic::new(
                    path,
                    t_line + p.line,
                    format!("template: unknown placeholder `{{{{{}}}}}`: no question with that id", p.id),
                )),
                Some(q) => match Filter::parse(&p.filter) {
                    None => diags.push(Diagnostic::new(
                        path,
                        t_line + p.line,
                        format!("template: unknown filter `{}` in `{{{{{}|{}}}}}` (daxie, court)", p.filter, p.id, p.filter),
                    )),
                    Some(flt) if !flt.fits(&q.kind) => diags.push(Diagnostic::new(
                        path,
                        t_line + p.line,
                        format!("template: filter `{}` does not fit `{}`, a {} question", p.filter, p.id, q.kind.as_str()),
                    )),
                    Some(_) => {}
                },
            }
        }
        for (q, line) in questions.iter().zip(&lines) {
            let switches = questions.iter().any(|o| o.when.as_ref().is_some_and(|c| c.question == q.id));
            if !switches && !found.iter().any(|p| p.id == q.id) {
                diags.push(Diagnostic::new(path, *line, format!("question `{}` is never used in the template (nor in a `when`)", q.id)));
            }
        }
        for (n, l) in template.lines().enumerate() {
            if l.starts_with("? ") && !found.iter().any(|p| p.line == n) {
                diags.push(Diagnostic::new(path, t_line + n, "template: a `? ` line (left out when empty) needs a placeholder"));
            }
        }
        if !template.lines().any(|l| l.starts_with("# ")) {
            diags.push(Diagnostic::new(path, t_line, "template: no title line (`# 标题`)"));
        }

        // The hand-in block.
        let h_line = string_first_line(text, &f.document.handin.span());
        let handin_src = f.document.handin.into_inner();
        let handin = render(&handin_src, h_line);
        for (line, m) in &handin.errors {
            diags.push(Diagnostic::new(path, *line, m.clone()));
        }
        for (c, line) in &handin.citations {
            if let Err(m) = c {
                diags.push(Diagnostic::new(path, *line, m.clone()));
            }
        }
        if handin.text.trim().is_empty() {
            diags.push(Diagnostic::new(path, h_line, "the hand-in block (交到哪里、交几份、附什么材料) is empty"));
        }
        if f.where_.is_empty() {
            diags.push(Diagnostic::new(path, key_line(text, "where"), "`where` needs at least one directory entry"));
        }
        if diags.len() > before {
            continue;
        }
        let mut citations: Vec<CitationRef> = Vec::new();
        for c in handin.citations.iter().filter_map(|(c, _)| c.as_ref().ok()).chain(text_citations.iter().map(|(c, _)| c)) {
            let r = CitationRef { law: c.law.clone(), article: c.article_label(), resolved: false };
            if !citations.contains(&r) {
                citations.push(r);
            }
        }
        let form = Form {
            id: f.id,
            title: f.title,
            topic: f.topic,
            reviewed,
            intro: f.intro,
            questions,
            template,
            handin_html: handin.html.clone(),
            handin_text: handin.text.trim().to_string(),
            where_: f.where_,
            guides: f.guides,
            citations,
        };
        out.push(ParsedForm { path: path.to_string(), form, handin, where_line: key_line(text, "where"), text_citations, order: f.order });
    }
    out.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.form.id.cmp(&b.form.id)));
    out
}

/// Checks what needs the rest of the content (topics, directory ids, guides, links) and, with the
/// statute pack, resolves every citation.
pub fn check(
    forms: &mut [ParsedForm],
    county: &CountyData,
    docs: &[ParsedDoc],
    trees: &[String],
    form_ids: &[String],
    pack: Option<&StatutePack>,
    diags: &mut Diagnostics,
) {
    for p in forms.iter_mut() {
        let path = p.path.clone();
        if !county.has_topic(&p.form.topic) {
            diags.push(Diagnostic::new(&path, 1, format!("unknown topic `{}`", p.form.topic)));
        }
        for w in &p.form.where_ {
            if county.directory.iter().all(|e| &e.id != w) {
                diags.push(Diagnostic::new(&path, p.where_line, format!("`where`: no directory entry `{w}`")));
            }
        }
        for g in &p.form.guides {
            if !docs.iter().any(|d| &d.id == g && d.kind == DocKind::Guide) {
                diags.push(Diagnostic::new(&path, p.where_line, format!("`guides`: no guide `{g}`")));
            }
        }
        for (target, line) in &p.handin.links {
            if let Some(m) = link_problem(target, &|id| docs.iter().any(|d| d.id == id), county, trees, form_ids) {
                diags.push(Diagnostic::new(&path, *line, m));
            }
        }
        let Some(pack) = pack else { continue };
        let all = p
            .handin
            .citations
            .iter()
            .filter_map(|(c, l)| c.as_ref().ok().map(|c| (c, *l)))
            .chain(p.text_citations.iter().map(|(c, l)| (c, *l)));
        let mut bad = BTreeSet::new();
        for (c, line) in all {
            if let Err(why) = pack.resolve(c) {
                diags.push(Diagnostic::new(&path, line, format!("citation {c} does not resolve: {why}")));
                bad.insert((c.law.clone(), c.article_label()));
            }
        }
        for r in p.form.citations.iter_mut() {
            r.resolved = !bad.contains(&(r.law.clone(), r.article.clone()));
        }
    }
}
