//! Stage 6: assemble the shipped data (catalog, one piece per topic, statute text, search bundle)
//! and write it to a folder.

use crate::county::CountyData;
use crate::doc::ParsedDoc;
use crate::error::{AtPath, EmitError, IoError};
use crate::hash::hex;
use crate::index::{self, IndexDoc};
use crate::statutes::StatutePack;
use pocketlaw_engine::citation::Citation;
use pocketlaw_engine::form::{Form, FormSet};
use pocketlaw_engine::lexicon::Lexicon;
use pocketlaw_engine::model::{
    Catalog, CitationRef, DocKind, DocMeta, DocPage, FormMeta, Notice, QuizBank, StatuteTexts, TopicChunk, TreeMeta, FORMAT_VERSION,
};
use pocketlaw_engine::search::pieces::IndexFiles;
use pocketlaw_engine::tree::{Tree, TreeSet};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Everything a build produces, in memory.
pub struct SiteData {
    pub catalog: Catalog,
    pub chunks: Vec<TopicChunk>,
    pub statutes: Option<StatuteTexts>,
    pub search: IndexFiles,
    pub trees: TreeSet,
    pub forms: FormSet,
    pub quiz: QuizBank,
    pub lexicon_entries: usize,
    /// Plain text of every guide, for the reading-level figures.
    pub guide_texts: Vec<(String, String)>,
}

const SUMMARY_CHARS: usize = 90;

fn summary(text: &str) -> String {
    cut(text, SUMMARY_CHARS)
}

/// The first `max` characters of `text`, with … when something was cut off.
pub fn cut(text: &str, max: usize) -> String {
    let t: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        format!("{t}…")
    } else {
        t
    }
}

pub fn assemble(
    county: CountyData,
    lexicon: Lexicon,
    docs: Vec<ParsedDoc>,
    trees: Vec<Tree>,
    forms: Vec<Form>,
    notices: Vec<(Notice, Vec<Citation>)>,
    pack: Option<&StatutePack>,
) -> Result<SiteData, EmitError> {
    let mut articles = BTreeMap::new();
    // A notice's citations ship their article text too.
    if let Some(p) = pack {
        for c in notices.iter().flat_map(|n| &n.1) {
            if let Ok(text) = p.resolve(c) {
                articles.insert(CitationRef { law: c.law.clone(), article: c.article_label(), resolved: true }.key(), text);
            }
        }
    }
    let notices: Vec<Notice> = notices.into_iter().map(|n| n.0).collect();
    // Tree citations ship their article text too.
    if let Some(p) = pack {
        for o in trees.iter().flat_map(|t| &t.outcomes) {
            for c in &o.citations {
                if let Ok(text) = Citation::parse(&format!("{} {}", c.law, c.article)).and_then(|x| p.resolve(&x)) {
                    articles.insert(c.key(), text);
                }
            }
        }
    }
    // So do a form's (the hand-in block's citation marks open them).
    if let Some(p) = pack {
        for c in forms.iter().flat_map(|f| &f.citations) {
            if let Ok(text) = Citation::parse(&format!("{} {}", c.law, c.article)).and_then(|x| p.resolve(&x)) {
                articles.insert(c.key(), text);
            }
        }
    }
    let mut refs_of = |d: &ParsedDoc| -> Vec<CitationRef> {
        d.citations
            .iter()
            .map(|(c, _)| {
                let resolved = pack.and_then(|p| p.resolve(c).ok());
                let r = CitationRef { law: c.law.clone(), article: c.article_label(), resolved: resolved.is_some() };
                if let Some(text) = resolved {
                    articles.insert(r.key(), text);
                }
                r
            })
            .collect()
    };
    let mut metas = Vec::new();
    let mut pages: BTreeMap<String, Vec<DocPage>> = BTreeMap::new();
    for d in &docs {
        let citations = refs_of(d);
        let summary_src = if d.rendered.summary.is_empty() { &d.rendered.text } else { &d.rendered.summary };
        metas.push(DocMeta {
            id: d.id.clone(),
            kind: d.kind,
            topic: d.topic.clone(),
            title: d.title.clone(),
            summary: if d.kind == DocKind::Guide { summary(summary_src.trim()) } else { String::new() },
            reviewed: d.reviewed.clone(),
        });
        pages.entry(d.topic.clone()).or_default().push(DocPage {
            id: d.id.clone(),
            kind: d.kind,
            topic: d.topic.clone(),
            title: d.title.clone(),
            html: d.rendered.html.clone(),
            citations,
            reviewed: d.reviewed.clone(),
            guide: d.guide.as_ref().map(|g| g.0.clone()),
            quiz: d.quiz.clone(),
        });
    }
    let topic_name = |slug: &str| county.topics.iter().find(|t| t.slug == slug).map(|t| t.name.clone()).unwrap_or_default();
    let index_docs: Vec<IndexDoc> = docs
        .iter()
        .map(|d| {
            let mut kw = d.keywords.join(" ");
            kw.push(' ');
            kw.push_str(&topic_name(&d.topic));
            if let Some(q) = &d.quiz {
                kw.push(' ');
                kw.push_str(&q.options.join(" "));
            }
            IndexDoc { id: &d.id, kind: d.kind, topic: &d.topic, title: &d.title, body: &d.rendered.text, keywords: kw }
        })
        .collect();
    let topic_slugs: Vec<String> = county.topics.iter().map(|t| t.slug.clone()).collect();
    let search = index::build(&index_docs, &lexicon, &topic_slugs)?;
    let guide_texts = docs
        .iter()
        .filter(|d| d.kind == pocketlaw_engine::model::DocKind::Guide)
        .map(|d| (d.id.clone(), d.rendered.text.clone()))
        .collect();

    let mut hasher = Sha256::new();
    hasher.update(to_json("the catalog's documents", &metas)?);
    for chunk in pages.values() {
        hasher.update(to_json("a topic's pages", chunk)?);
    }
    hasher.update(to_json("the lexicon", &lexicon)?);
    hasher.update(to_json("the forms", &forms)?);
    let build_id = hex(&hasher.finalize()[..6]);

    let catalog = Catalog {
        format_version: FORMAT_VERSION,
        build_id,
        county: county.county,
        topics: county.topics,
        directory: county.directory,
        docs: metas,
        trees: trees
            .iter()
            .map(|t| TreeMeta { id: t.id.clone(), title: t.title.clone(), topic: t.topic.clone(), intro: t.intro.clone() })
            .collect(),
        forms: forms
            .iter()
            .map(|f| FormMeta { id: f.id.clone(), title: f.title.clone(), topic: f.topic.clone(), intro: f.intro.clone() })
            .collect(),
        quiz_months: {
            let mut m: Vec<String> = docs.iter().filter_map(|d| d.quiz.as_ref().map(|q| q.month.clone())).collect();
            m.sort();
            m.dedup();
            m
        },
        statutes_shipped: pack.is_some(),
        notices,
    };
    let quiz = QuizBank {
        format_version: FORMAT_VERSION,
        questions: pages.values().flatten().filter(|p| p.kind == DocKind::Quiz).cloned().collect(),
    };
    let chunks = pages.into_iter().map(|(topic, pages)| TopicChunk { format_version: FORMAT_VERSION, topic, pages }).collect();
    Ok(SiteData {
        catalog,
        chunks,
        statutes: pack.map(|_| StatuteTexts { format_version: FORMAT_VERSION, articles }),
        search,
        trees: TreeSet { format_version: FORMAT_VERSION, trees },
        forms: FormSet { format_version: FORMAT_VERSION, forms },
        quiz,
        lexicon_entries: lexicon.len(),
        guide_texts,
    })
}

impl SiteData {
    /// The shipped files as (relative path, bytes): `catalog.json`, `topics/<slug>.json`,
    /// `statutes.json` (with the pack) and `search.bin`.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = vec![("catalog.json".to_string(), json(&self.catalog))];
        for c in &self.chunks {
            out.push((format!("topics/{}.json", c.topic), json(c)));
        }
        if let Some(s) = &self.statutes {
            out.push(("statutes.json".into(), json(s)));
        }
        out.push(("trees.json".into(), json(&self.trees)));
        out.push(("forms.json".into(), json(&self.forms)));
        out.push(("quiz.json".into(), json(&self.quiz)));
        out.push(("search.bin".into(), self.search.encode_bundle()));
        out
    }

    pub fn write_to(&self, dir: &Path) -> Result<Vec<String>, IoError> {
        let mut names = Vec::new();
        for (name, bytes) in self.files() {
            let path = dir.join(&name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).at(parent)?;
            }
            std::fs::write(&path, bytes).at(&path)?;
            names.push(name);
        }
        Ok(names)
    }
}

/// `v` as JSON, for the build id.
fn to_json<T: serde::Serialize + ?Sized>(what: &'static str, v: &T) -> Result<Vec<u8>, EmitError> {
    serde_json::to_vec(v).map_err(|source| EmitError::Json { what, source })
}

fn json<T: serde::Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).expect("shipped data serializes")
}
