//! Legal-service notices (发布): `content/notices/<id>.md`, a dated Markdown page with an optional
//! last day. See `content/notices/_example.md` (an example of the format; files whose names start
//! with `_` are not built).

use crate::county::{is_slug, CountyData};
use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::{link_problem, ParsedDoc};
use crate::frontmatter::{key_line, line_at, split};
use crate::load::Sources;
use crate::render::render;
use crate::statutes::StatutePack;
use pocketlaw_engine::citation::Citation;
use pocketlaw_engine::model::Notice;
use serde::Deserialize;

pub const FOLDER: &str = "notices";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    title: String,
    date: toml::value::Datetime,
    expires: Option<toml::value::Datetime>,
}

/// A date-only TOML value as `YYYY-MM-DD`, or why not.
fn date_only(d: &toml::value::Datetime) -> Result<String, String> {
    match (d.date, d.time) {
        (Some(date), None) => Ok(date.to_string()),
        _ => Err(format!("must be a date like 2026-12-01, not `{d}`")),
    }
}

/// The laws the notices cite, so that the statute pack can load them from its archive.
pub fn cited_laws(sources: &Sources) -> Vec<String> {
    sources
        .under("notices/", ".md")
        .flat_map(|s| pocketlaw_engine::citation::find_inline(&s.text))
        .filter_map(|(_, c)| c.ok().map(|c| c.law))
        .collect()
}

/// Parses and checks every notice: the front matter, the body, its links and citations (the
/// same rules as guides). Newest first, each with its citations.
pub fn parse_all(
    sources: &Sources,
    county: &CountyData,
    docs: &[ParsedDoc],
    trees: &[String],
    forms: &[String],
    pack: Option<&StatutePack>,
    diags: &mut Diagnostics,
) -> Vec<(Notice, Vec<Citation>)> {
    let mut out: Vec<(Notice, Vec<Citation>, String, usize)> = Vec::new();
    for src in sources.under("notices/", ".md") {
        let path = src.path.as_str();
        let sp = match split(&src.text) {
            Ok(s) => s,
            Err((line, m)) => {
                diags.push(Diagnostic::new(path, line, m));
                continue;
            }
        };
        let fm: FrontMatter = match toml::from_str(sp.front) {
            Ok(f) => f,
            Err(e) => {
                let line = e.span().map(|s| line_at(sp.front, s.start, sp.front_line)).unwrap_or(sp.front_line);
                diags.push(Diagnostic::new(path, line, e.message().trim().to_string()));
                continue;
            }
        };
        let before = diags.len();
        let err = |diags: &mut Diagnostics, key: &str, m: String| diags.push(Diagnostic::new(path, key_line(&sp, key), m));
        if !is_slug(&fm.id) {
            err(diags, "id", format!("id `{}` must be lower-case a-z, 0-9 and -", fm.id));
        }
        if fm.title.trim().is_empty() {
            err(diags, "title", "title is empty".into());
        }
        let date = date_only(&fm.date).map_err(|m| err(diags, "date", format!("date {m}"))).ok();
        let expires = match &fm.expires {
            None => None,
            Some(e) => date_only(e).map_err(|m| err(diags, "expires", format!("expires {m}"))).ok(),
        };
        if let (Some(d), Some(e)) = (&date, &expires) {
            if e < d {
                err(diags, "expires", format!("expires ({e}) is before the notice's date ({d})"));
            }
        }
        let rendered = render(sp.body, sp.body_line);
        if rendered.text.trim().is_empty() {
            diags.push(Diagnostic::new(path, sp.body_line, "the notice has no text"));
        }
        for (line, m) in &rendered.errors {
            diags.push(Diagnostic::new(path, *line, m.clone()));
        }
        for (target, line) in &rendered.links {
            if let Some(m) = link_problem(target, &|id| docs.iter().any(|d| d.id == id), county, trees, forms) {
                diags.push(Diagnostic::new(path, *line, m));
            }
        }
        for (parsed, line) in &rendered.citations {
            match (parsed, pack) {
                (Err(m), _) => diags.push(Diagnostic::new(path, *line, m.clone())),
                (Ok(c), Some(p)) => {
                    if let Err(why) = p.resolve(c) {
                        diags.push(Diagnostic::new(path, *line, format!("citation {c} does not resolve: {why}")));
                    }
                }
                (Ok(_), None) => {}
            }
        }
        if let Some((_, _, first, line)) = out.iter().find(|(n, _, _, _)| n.id == fm.id) {
            err(diags, "id", format!("duplicate notice id `{}`: also used by {first}:{line}", fm.id));
        }
        if diags.len() > before {
            continue;
        }
        let (Some(date), summary) = (date, crate::boot::description(&rendered.html, 90)) else { continue };
        let id_line = key_line(&sp, "id");
        let cites = rendered.citations.iter().filter_map(|(c, _)| c.clone().ok()).collect();
        out.push((
            Notice { id: fm.id, title: fm.title.trim().to_string(), date, expires, html: rendered.html, summary },
            cites,
            path.to_string(),
            id_line,
        ));
    }
    let mut notices: Vec<(Notice, Vec<Citation>)> = out.into_iter().map(|(n, c, _, _)| (n, c)).collect();
    notices.sort_by(|a, b| b.0.date.cmp(&a.0.date).then_with(|| a.0.id.cmp(&b.0.id)));
    notices
}
