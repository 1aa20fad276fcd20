//! The county configuration (county.toml), the service directory (directory.toml) and the lexicon.

use crate::diag::{Diagnostic, Diagnostics};
use crate::frontmatter::line_at;
use crate::load::Sources;
use pocketlaw_engine::lexicon::Lexicon;
use pocketlaw_engine::model::{County, DirectoryEntry, Level, Topic};
use serde::Deserialize;

/// Everything county-specific: configuration, topics and directory.
#[derive(Debug, Clone)]
pub struct CountyData {
    pub county: County,
    pub topics: Vec<Topic>,
    pub directory: Vec<DirectoryEntry>,
}

impl CountyData {
    pub fn has_topic(&self, slug: &str) -> bool {
        self.topics.iter().any(|t| t.slug == slug)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountyFile {
    name: String,
    full_name: String,
    app_name: String,
    tagline: String,
    hotline: String,
    hotline_label: String,
    disclaimer: String,
    topic: Vec<TopicRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicRow {
    slug: String,
    name: String,
    blurb: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectoryFile {
    entry: Vec<toml::Spanned<DirectoryRow>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectoryRow {
    id: String,
    level: Level,
    name: String,
    within: Option<String>,
    serves: Vec<String>,
    phone: Option<String>,
    address: Option<String>,
    hours: Option<String>,
    note: Option<String>,
    source: String,
    verified: bool,
}

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn toml_error(file: &str, text: &str, e: toml::de::Error) -> Diagnostic {
    let line = e.span().map(|s| line_at(text, s.start, 1)).unwrap_or(0);
    Diagnostic::new(file, line, e.message().trim().to_string())
}

fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle).map(|o| line_at(text, o, 1)).unwrap_or(0)
}

pub fn parse(sources: &Sources, diags: &mut Diagnostics) -> CountyData {
    let empty = County {
        name: String::new(),
        full_name: String::new(),
        app_name: String::new(),
        tagline: String::new(),
        hotline: "12348".into(),
        hotline_label: String::new(),
        disclaimer: String::new(),
    };
    let mut data = CountyData { county: empty, topics: Vec::new(), directory: Vec::new() };
    match sources.get("county.toml") {
        None => diags.push(Diagnostic::new("county.toml", 0, "missing: every build needs the county configuration")),
        Some(src) => match toml::from_str::<CountyFile>(&src.text) {
            Err(e) => diags.push(toml_error(&src.path, &src.text, e)),
            Ok(f) => {
                data.county = County {
                    name: f.name,
                    full_name: f.full_name,
                    app_name: f.app_name,
                    tagline: f.tagline,
                    hotline: f.hotline,
                    hotline_label: f.hotline_label,
                    disclaimer: f.disclaimer,
                };
                for t in f.topic {
                    let line = line_of(&src.text, &format!("\"{}\"", t.slug));
                    if !is_slug(&t.slug) {
                        diags.push(Diagnostic::new(&src.path, line, format!("topic slug `{}` must be lower-case a-z, 0-9 and -", t.slug)));
                    } else if data.topics.iter().any(|x| x.slug == t.slug) {
                        diags.push(Diagnostic::new(&src.path, line, format!("topic `{}` is listed twice", t.slug)));
                    } else {
                        data.topics.push(Topic { slug: t.slug, name: t.name, blurb: t.blurb });
                    }
                }
            }
        },
    }
    match sources.get("directory.toml") {
        None => diags.push(Diagnostic::new("directory.toml", 0, "missing: the service directory")),
        Some(src) => match toml::from_str::<DirectoryFile>(&src.text) {
            Err(e) => diags.push(toml_error(&src.path, &src.text, e)),
            Ok(f) => {
                for spanned in f.entry {
                    let line = line_at(&src.text, spanned.span().start, 1);
                    let r = spanned.into_inner();
                    let mut err = |m: String| diags.push(Diagnostic::new(&src.path, line, m));
                    if !is_slug(&r.id) {
                        err(format!("directory id `{}` must be lower-case a-z, 0-9 and -", r.id));
                    }
                    if data.directory.iter().any(|d| d.id == r.id) {
                        err(format!("directory id `{}` is used twice", r.id));
                    }
                    if r.source.trim().is_empty() {
                        err(format!("`{}` has no source: say where its facts come from", r.id));
                    }
                    let contact = r.phone.is_some() || r.address.is_some() || r.hours.is_some();
                    if contact && !r.verified {
                        err(format!(
                            "`{}` has a phone, address or hours but `verified = false`: only verified contact details may ship",
                            r.id
                        ));
                    }
                    if let Some(p) = &r.phone {
                        if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit() || c == '-') {
                            err(format!("`{}`: phone `{p}` must be digits (and -)", r.id));
                        }
                    }
                    data.directory.push(DirectoryEntry {
                        id: r.id,
                        level: r.level,
                        name: r.name,
                        within: r.within,
                        serves: r.serves,
                        phone: r.phone,
                        address: r.address,
                        hours: r.hours,
                        note: r.note,
                        source: r.source,
                        verified: r.verified,
                    });
                }
            }
        },
    }
    data
}

pub fn parse_lexicon(sources: &Sources, diags: &mut Diagnostics) -> Lexicon {
    let mut parts = Vec::new();
    for src in sources.under("lexicon/", ".txt") {
        match Lexicon::parse(&src.text) {
            Ok(l) => parts.push(l),
            Err(errs) => {
                for e in errs {
                    diags.push(Diagnostic::new(&src.path, e.line, e.message));
                }
            }
        }
    }
    Lexicon::merge(parts)
}
