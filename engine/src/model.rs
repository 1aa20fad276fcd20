//! The data the app ships, as the build writes it and the app, the worker and the CLI read it.
//! One set of types on both sides (the lesson of Pagefind's drifting encoder and decoder).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bumped whenever any shipped structure changes incompatibly. Every shipped file carries it, and a
/// reader refuses a file of another version (see [`crate::bundle`]).
/// 2: the catalog's documents no longer carry citations (they ship with the pages), and only
///    guides carry a summary.
/// 3: the search bundle carries the topic statistics; a search answers with a [`SearchResponse`].
/// 4: the search index is in pieces (`search::pieces`), no longer tantivy files.
pub const FORMAT_VERSION: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Guide,
    Faq,
    Quiz,
}

impl DocKind {
    pub const ALL: [DocKind; 3] = [DocKind::Guide, DocKind::Faq, DocKind::Quiz];

    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Guide => "guide",
            DocKind::Faq => "faq",
            DocKind::Quiz => "quiz",
        }
    }

    pub fn parse(s: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How the UI names the kind.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Guide => "办事指南",
            DocKind::Faq => "常见问题",
            DocKind::Quiz => "月考题",
        }
    }
}

/// The county a build serves (content/county.toml).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct County {
    pub name: String,
    pub full_name: String,
    pub app_name: String,
    pub tagline: String,
    pub hotline: String,
    pub hotline_label: String,
    pub disclaimer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    pub blurb: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Hotline,
    County,
    Township,
    Village,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Hotline, Level::County, Level::Township, Level::Village];

    pub fn label(self) -> &'static str {
        match self {
            Level::Hotline => "服务热线",
            Level::County => "县级",
            Level::Township => "乡镇",
            Level::Village => "村（社区）",
        }
    }
}

/// One place or number in the service directory. Contact fields are only present when sourced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryEntry {
    pub id: String,
    pub level: Level,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    pub serves: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub source: String,
    pub verified: bool,
}

/// A citation as shipped: the law, the article label, and whether the statute pack resolved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitationRef {
    pub law: String,
    pub article: String,
    pub resolved: bool,
}

impl CitationRef {
    pub fn key(&self) -> String {
        format!("{}|{}", self.law, self.article)
    }
}

/// What the catalog says of every document: enough for lists, not the body. Citations are not
/// here: the catalog is read before the first paint, so it carries only what lists show; each
/// document's citations ship with its page in the topic chunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    pub id: String,
    pub kind: DocKind,
    pub topic: String,
    pub title: String,
    /// For guides only (the topic page lists them with it); empty for FAQs and quiz questions,
    /// whose lists show the title, to keep the catalog small.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    pub reviewed: String,
}

/// What the catalog says of a decision tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeMeta {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub intro: String,
}

/// What the catalog says of a legal form (`content/forms/`); the questions and the template ship
/// in forms.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormMeta {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub intro: String,
}

/// catalog.json: loaded at start-up, small. Everything but bodies, search and statute text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub format_version: u32,
    pub build_id: String,
    pub county: County,
    pub topics: Vec<Topic>,
    pub directory: Vec<DirectoryEntry>,
    pub docs: Vec<DocMeta>,
    pub trees: Vec<TreeMeta>,
    /// The legal forms (文书), in the order the list shows them.
    #[serde(default)]
    pub forms: Vec<FormMeta>,
    /// The months that have a quiz, `YYYY-MM`, sorted.
    pub quiz_months: Vec<String>,
    /// Whether statute text ships with this build (a citation can then be tapped to read it).
    pub statutes_shipped: bool,
    /// Legal-service notices (发布), newest first.
    #[serde(default)]
    pub notices: Vec<Notice>,
}

/// The asset map: every hashed file name a page needs, written into each page as
/// `<script id="pl-assets" type="application/json">` by `pocketlaw site` and read by the app and
/// by the page's small scripts (the boot shell's search, the early worker start). One definition
/// for both halves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assets {
    pub catalog: String,
    /// The search worker's script (its wasm-bindgen glue inside).
    pub search_worker: String,
    /// What the home page asks for beside the worker's script: the engine's wasm, the index root.
    pub search_preload: Vec<String>,
    /// The article texts, when the build had the statute pack.
    #[serde(default)]
    pub statutes: Option<String>,
    /// Topic slug → its piece.
    pub topics: BTreeMap<String, String>,
    pub trees: String,
    pub forms: String,
    pub quiz: String,
    /// For the boot shell's search, which draws hits as the app does: the page size and the
    /// document kinds' labels.
    pub search_page: usize,
    pub kind_labels: BTreeMap<String, String>,
    /// The statute library, when the build had the statute pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub library: Option<LibraryAssets>,
}

/// Where the statute library is (`library/` in the site). Each law's own JSON is named in the
/// law list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryAssets {
    /// The index root (`/library/root.<hash>.bin`), fetched by the worker on the first law search.
    pub root: String,
    /// The index pieces' folder (`/library/ix/`).
    pub pieces: String,
    /// The law list ([`crate::library::LawList`]).
    pub laws: String,
}

/// A legal-service notice (发布): a 送法下乡 date, a new law taking effect, changed office hours.
/// From `content/notices/*.md`; each has its own page (`/notice/<id>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub id: String,
    pub title: String,
    /// Published on, `YYYY-MM-DD`.
    pub date: String,
    /// The last day it applies, `YYYY-MM-DD`; none: it does not expire.
    pub expires: Option<String>,
    /// The body, rendered at build time.
    pub html: String,
    pub summary: String,
}

impl Notice {
    /// The date line under its title: published on, and the last day when it has one (the same
    /// words in the static page and the app).
    pub fn dates(&self) -> String {
        match &self.expires {
            Some(e) => format!("{} 发布 · 有效期至 {e}", self.date),
            None => format!("{} 发布", self.date),
        }
    }

    /// Whether it still applies on `today` (`YYYY-MM-DD`; ISO dates compare as text).
    pub fn is_current(&self, today: &str) -> bool {
        self.expires.as_deref().is_none_or(|e| today <= e)
    }
}

/// How many notices the home page shows.
pub const HOME_NOTICES: usize = 3;

/// The notices the home page shows on `today`, newest first, each with whether it is new: not
/// among the ids this phone has already shown (`seen`, kept on the phone). The ids to keep as seen
/// afterwards are those shown.
pub fn home_notices<'a>(all: &'a [Notice], today: &str, seen: &[String]) -> Vec<(&'a Notice, bool)> {
    let mut current: Vec<&Notice> = all.iter().filter(|n| n.is_current(today)).collect();
    current.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    current.into_iter().take(HOME_NOTICES).map(|n| (n, !seen.contains(&n.id))).collect()
}

impl Catalog {
    pub fn doc(&self, id: &str) -> Option<&DocMeta> {
        self.docs.iter().find(|d| d.id == id)
    }

    pub fn topic(&self, slug: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.slug == slug)
    }

    pub fn notice(&self, id: &str) -> Option<&Notice> {
        self.notices.iter().find(|n| n.id == id)
    }

    pub fn directory_entry(&self, id: &str) -> Option<&DirectoryEntry> {
        self.directory.iter().find(|d| d.id == id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuizType {
    Single,
    Multiple,
    Truefalse,
}

/// The quiz part of a quiz question. The question stem is the document title; the explanation
/// is its body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizData {
    pub month: String,
    #[serde(rename = "type")]
    pub qtype: QuizType,
    pub options: Vec<String>,
    pub answer: Vec<usize>,
}

/// A whole document as the document page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocPage {
    pub id: String,
    pub kind: DocKind,
    pub topic: String,
    pub title: String,
    /// The body rendered to HTML at build time; internal links already point at app routes.
    pub html: String,
    pub citations: Vec<CitationRef>,
    pub reviewed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiz: Option<QuizData>,
}

/// topics/<slug>.json: every document of one topic. The app loads one piece per topic it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicChunk {
    pub format_version: u32,
    pub topic: String,
    pub pages: Vec<DocPage>,
}

/// quiz.json: every quiz question, for the quiz pages (they draw across topics).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizBank {
    pub format_version: u32,
    pub questions: Vec<DocPage>,
}

/// The text of one cited article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleText {
    /// The law's full title, e.g. 中华人民共和国劳动合同法.
    pub title: String,
    pub article: String,
    pub text: String,
}

/// statutes.json: the text of every cited article, keyed by [`CitationRef::key`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatuteTexts {
    pub format_version: u32,
    pub articles: BTreeMap<String, ArticleText>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub id: String,
    pub kind: DocKind,
    pub topic: String,
    pub title: String,
    pub score: f32,
    /// HTML-escaped text with the matches wrapped in `<mark>`.
    pub snippet: String,
}

/// A search's answer: the hits, and whether nothing matched well (then the app offers the
/// topics, the decision trees and 12348 instead of weak hits).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub hits: Vec<Hit>,
    #[serde(default)]
    pub weak: bool,
}

/// Hits per page of results: a first answer shows ten (on a slow line, each hit's text is a
/// download), and "more" adds ten at a time. The app and the boot shell's search (through the
/// page's asset map) both use it.
pub const SEARCH_PAGE: usize = 10;

/// What a search asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub query: String,
    #[serde(default)]
    pub kind: Option<DocKind>,
    pub limit: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(id: &str, date: &str, expires: Option<&str>) -> Notice {
        Notice {
            id: id.into(),
            title: id.into(),
            date: date.into(),
            expires: expires.map(Into::into),
            html: String::new(),
            summary: String::new(),
        }
    }

    #[test]
    fn the_home_page_shows_current_notices_newest_first_and_marks_the_unseen() {
        let all = vec![
            notice("old", "2026-01-05", None),
            notice("over", "2026-11-01", Some("2026-11-30")),
            notice("today-last", "2026-10-01", Some("2026-12-02")),
            notice("new", "2026-12-01", None),
            notice("older", "2025-06-01", None),
        ];
        let shown = home_notices(&all, "2026-12-02", &["old".to_string()]);
        let ids: Vec<_> = shown.iter().map(|(n, new)| (n.id.as_str(), *new)).collect();
        // Expired on 11-30 is gone; the last day of "today-last" still counts; three at most.
        assert_eq!(ids, vec![("new", true), ("today-last", true), ("old", false)]);
        assert!(home_notices(&all, "2027-01-01", &[]).iter().all(|(n, _)| n.expires.is_none()));
        assert!(home_notices(&[], "2026-12-02", &[]).is_empty());
    }
}
