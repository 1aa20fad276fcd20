//! The statute library: the articles of every national law, searched over the index in pieces
//! ([`crate::search::pieces`], compact layout with a two-level term table). One document per
//! article (`劳动合同法#47`, titled `《劳动合同法》第四十七条`, the article's text as its body, its
//! chapter headings as keywords); the law is the document's topic, so the documents of a law are a
//! range and the root's law table ([`LawTable`], stored as the index's extra data) names them.
//!
//! Ranking ([`LibraryEngine::step`]): (1) a query that names an article (`劳动合同法 第47条`,
//! `民法典1079`, `刑法第二百七十六条之一`) answers that article; (2) a law's name alone answers
//! the law (each version, the current one first, with its status) and its first articles;
//! (3) anything else is BM25 over the articles, superseded versions below current ones. Like
//! [`crate::search::SearchEngine`], it is I/O-free in steps: it answers or names the pieces it
//! still needs.

use crate::citation::{article_label, parse_number};
use crate::search::pieces::PieceIndex;
use crate::search::{analyze, clauses, score_clause, snippet, MAX_ROUNDS};
use crate::text::normalize;
use crate::EngineError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How a superseded version's score compares with the current version's.
const SUPERSEDED_WEIGHT: f32 = 0.5;
/// How many full-text candidates are re-ranked.
const CANDIDATES: usize = 200;
/// Each earlier hit of the same law multiplies an article's score by this.
const REPEAT_FACTOR: f32 = 0.5;
/// How many articles a law's name shows after the law itself.
const FIRST_ARTICLES: usize = 3;
/// The score of an exact answer (a named article or a named law), above any full-text score.
const EXACT_SCORE: f32 = 1000.0;

/// Is a law in force?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum LawStatus {
    Current,
    /// An older version; the version of `by_date` is current.
    Superseded {
        by_date: String,
    },
    /// Repealed by another law (`by`, its article `article`).
    Repealed {
        by: String,
        article: String,
    },
}

impl LawStatus {
    /// How the app and the CLI say it: 现行有效, 已被修订（2023-09-01 版现行有效）, 已废止，由民法典取代.
    pub fn label(&self) -> String {
        match self {
            LawStatus::Current => "现行有效".into(),
            LawStatus::Superseded { by_date } => format!("已被修订（{by_date} 版现行有效）"),
            LawStatus::Repealed { by, .. } => format!("已废止，由{by}取代"),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            LawStatus::Current => 0,
            LawStatus::Superseded { .. } => 1,
            LawStatus::Repealed { .. } => 2,
        }
    }
}

/// One law (one version of it) in the root's law table. Its number in the table is its topic
/// number in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LawEntry {
    /// `劳动法`; an older version `行政复议法(2017-09-01)`.
    pub id: String,
    /// The short name (`劳动法`), when it differs from the id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The full title (`中华人民共和国劳动法`).
    pub title: String,
    /// The version's date, `YYYY-MM-DD`, or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(flatten)]
    pub status: LawStatus,
    /// Where the law stands among the sources: 0 a law of the NPC (法律), 1 an administrative
    /// regulation (行政法规), 2 a judicial interpretation (司法解释), 3 a department rule or other.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub level: u8,
    /// The article numbers in document order, as runs: `1-47,47.1,48-98` (see [`encode_numbers`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub numbers: String,
}

fn is_zero(x: &u8) -> bool {
    *x == 0
}

/// How much an article's full-text score counts by its law's [`LawEntry::level`]: the law
/// before the regulation, the regulation before the interpretation of it.
const LEVEL_WEIGHT: [f32; 4] = [1.0, 0.85, 0.7, 0.6];
/// A match of the title (the law's name, the same for all its articles) counts this much of a
/// content match's weight.
const TITLE_WEIGHT: f32 = 0.5;

impl LawEntry {
    /// The short name.
    pub fn name(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

/// The law table stored in the library index's root.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LawTable {
    pub laws: Vec<LawEntry>,
}

/// An article's number: (article, 之N). A document without `第…条` articles (a 修正案, a
/// 决定, a 批复 in numbered points) is read in parts: `(0, Some(k))` is its k-th part, `(0,
/// None)` its whole text in one part (no article is numbered 0, and no query names one).
pub type ArticleNo = (u32, Option<u32>);

/// Is this number a part of a text without articles ([`ArticleNo`])?
pub fn is_part(no: ArticleNo) -> bool {
    no.0 == 0
}

/// `[(1,None)..(47,None), (47,Some(1)), (48,None)]` → `1-47,47.1,48`; parts `(0,Some(1))..(0,Some(9))`
/// → `0.1-9`.
pub fn encode_numbers(numbers: &[ArticleNo]) -> String {
    let mut runs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        match numbers[i] {
            (n, Some(s)) => {
                let mut j = i;
                while j + 1 < numbers.len() && numbers[j + 1] == (n, numbers[j].1.map(|x| x + 1)) {
                    j += 1;
                }
                match numbers[j].1 {
                    Some(t) if j > i => runs.push(format!("{n}.{s}-{t}")),
                    _ => runs.push(format!("{n}.{s}")),
                }
                i = j + 1;
            }
            (n, None) => {
                let mut j = i;
                while j + 1 < numbers.len() && numbers[j + 1] == (numbers[j].0 + 1, None) {
                    j += 1;
                }
                runs.push(if j > i { format!("{n}-{}", numbers[j].0) } else { n.to_string() });
                i = j + 1;
            }
        }
    }
    runs.join(",")
}

/// The inverse of [`encode_numbers`]; None when damaged.
pub fn decode_numbers(s: &str) -> Option<Vec<ArticleNo>> {
    let mut out = Vec::new();
    for run in s.split(',').filter(|r| !r.is_empty()) {
        if let Some((n, sub)) = run.split_once('.') {
            let n: u32 = n.parse().ok()?;
            match sub.split_once('-') {
                Some((a, b)) => {
                    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
                    if b < a || b - a > 100_000 {
                        return None;
                    }
                    out.extend((a..=b).map(|s| (n, Some(s))));
                }
                None => out.push((n, Some(sub.parse().ok()?))),
            }
        } else if let Some((a, b)) = run.split_once('-') {
            let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
            if b < a || b - a > 100_000 {
                return None;
            }
            out.extend((a..=b).map(|n| (n, None)));
        } else {
            out.push((run.parse().ok()?, None));
        }
    }
    Some(out)
}

/// The document id of an article: `劳动合同法#47`, `刑法#276-1`.
pub fn article_id(law: &str, (n, sub): ArticleNo) -> String {
    match sub {
        Some(s) => format!("{law}#{n}-{s}"),
        None => format!("{law}#{n}"),
    }
}

/// How law names are compared: normalised text without spaces, 《》 or the 中华人民共和国 prefix.
pub fn name_key(s: &str) -> String {
    let n: String = normalize(s).chars().filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '<' | '>')).collect();
    n.strip_prefix("中华人民共和国").map(str::to_string).unwrap_or(n)
}

/// Parses an article reference after a law name: `第47条`, `47`, `第四十七条`, `第二百七十六条之一`,
/// `276之1`; anything after 条 (款, 项) is ignored. None when the text does not start with one.
pub fn parse_article_ref(rest: &str) -> Option<ArticleNo> {
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '，');
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let is_num = |c: char| c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(c);
    let len: usize = rest.chars().take_while(|&c| is_num(c)).map(char::len_utf8).sum();
    let n = parse_number(&rest[..len]).filter(|&n| n > 0)?;
    let after = &rest[len..];
    let after = after.strip_prefix('条').unwrap_or(after);
    let sub = match after.strip_prefix('之') {
        Some(s) => {
            let l: usize = s.chars().take_while(|&c| is_num(c)).map(char::len_utf8).sum();
            Some(parse_number(&s[..l]).filter(|&x| x > 0)?)
        }
        None => None,
    };
    // Only what may follow an article: nothing, 款/项 or words after 条 (not more digits).
    if sub.is_none() && after.len() == rest[len..].len() && !after.is_empty() {
        // No 条: the number must end the query (民法典1079), not start a word (劳动法2018年).
        return None;
    }
    Some((n, sub))
}

/// A law's entry in `laws.json` (written by `builder::library`, read by the app).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LawInfo {
    pub id: String,
    pub name: String,
    pub title: String,
    pub category: String,
    pub date: String,
    #[serde(flatten)]
    pub status: LawStatus,
    pub status_label: String,
    /// Its articles (第…条); 0 for a text without articles, which is read in `parts`.
    pub articles: usize,
    /// The parts of a text without articles ([`ArticleNo`]); 0 for a law with articles.
    #[serde(default, skip_serializing_if = "is_zero_usize")]
    pub parts: usize,
    /// Its own JSON (table of contents and text): relative to the library folder, or in the
    /// site, its URL.
    pub file: String,
    /// Where its text came from in the pack (left out of the site's list).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// One of the key laws (those the pack's folder holds, which the guides cite): the site
    /// keeps them offline and lists them first.
    #[serde(default, skip_serializing_if = "is_false")]
    pub key: bool,
}

fn is_zero_usize(x: &usize) -> bool {
    *x == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The site's list of laws (`library/laws.<hash>.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LawList {
    pub format_version: u32,
    pub laws: Vec<LawInfo>,
}

/// A heading in a law's table of contents, with the articles directly under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TocNode {
    pub title: String,
    pub level: u8,
    pub articles: Vec<String>,
    pub children: Vec<TocNode>,
}

/// One article of a law's own JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleOut {
    /// The document id, `劳动合同法#47`.
    pub id: String,
    /// `第四十七条`.
    pub label: String,
    pub text: String,
}

impl ArticleOut {
    /// The article's anchor in a law's page: `a47`, `a276-1` (from its id).
    pub fn anchor(&self) -> String {
        anchor_of(&self.id)
    }
}

/// The anchor of an article id (`劳动合同法#47` → `a47`).
pub fn anchor_of(id: &str) -> String {
    format!("a{}", id.rsplit_once('#').map_or(id, |(_, n)| n))
}

/// The anchor of an article number (`(276, Some(1))` → `a276-1`).
pub fn anchor_of_number((n, sub): ArticleNo) -> String {
    match sub {
        Some(s) => format!("a{n}-{s}"),
        None => format!("a{n}"),
    }
}

/// A law's own JSON: its entry, its table of contents and its articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LawFile {
    pub format_version: u32,
    #[serde(flatten)]
    pub info: LawInfo,
    /// Articles before the first heading.
    pub articles_before_toc: Vec<String>,
    pub toc: Vec<TocNode>,
    pub text: Vec<ArticleOut>,
}

/// A library search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryRequest {
    pub query: String,
    /// Only this law (any of its names; every version of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<String>,
    pub limit: usize,
}

/// One result: an article, or a law itself (`article` is None) with its status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryHit {
    /// The law's id (its version).
    pub law: String,
    /// The law's short name.
    pub name: String,
    /// `第四十七条`, or None for the law itself.
    pub article: Option<String>,
    /// The document id (`劳动合同法#47`); the law's id for a law hit.
    pub id: String,
    /// `《劳动合同法》第四十七条`.
    pub title: String,
    /// HTML-escaped, matches in `<mark>`.
    pub snippet: String,
    pub score: f32,
    /// 现行有效 / 已被修订（…） / 已废止，由民法典取代.
    pub status: String,
}

/// What a library search answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryResponse {
    pub hits: Vec<LibraryHit>,
    /// How the query was understood: `article`, `law` or `words`.
    pub mode: String,
}

/// A step: the answer, or the pieces it needs first.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryStep {
    Done(LibraryResponse),
    Need(Vec<String>),
}

/// The library's index being searched. The same code runs natively and in the worker.
pub struct LibraryEngine {
    index: PieceIndex,
    laws: LawTable,
    numbers: Vec<Vec<ArticleNo>>,
    /// name key → laws (every version), best first (current, then newest).
    aliases: HashMap<String, Vec<usize>>,
    by_id: HashMap<String, usize>,
}

/// A result before its text is read: a law (its number) or an article (its document), and a score.
type Ranked = (Option<usize>, u32, f32);

/// What the query asks for, before any piece is needed.
enum Intent {
    Article(Vec<usize>, ArticleNo),
    Law(Vec<usize>),
    Words,
}

impl LibraryEngine {
    /// Opens a library index root. Fails on a damaged root, another format version, or a root
    /// that is not a library's (no law table, or one that does not match the index).
    pub fn open(root: &[u8]) -> Result<LibraryEngine, EngineError> {
        let index = PieceIndex::open(root)?;
        let extra = index.extra().ok_or_else(|| EngineError::Corrupt("this index has no law table: not a library".into()))?;
        let laws: LawTable = serde_json::from_value(extra.clone())?;
        if laws.laws.len() != index.topics().len() || !index.compact() {
            return Err(EngineError::Corrupt("the law table does not match the index".into()));
        }
        let mut numbers = Vec::with_capacity(laws.laws.len());
        for (i, law) in laws.laws.iter().enumerate() {
            let list =
                decode_numbers(&law.numbers).ok_or_else(|| EngineError::Corrupt(format!("law {}: damaged article numbers", law.id)))?;
            let docs = index.topic_docs(i).map_or(0, |r| r.len());
            if list.len() != docs {
                return Err(EngineError::Corrupt(format!("law {}: {} article numbers for {docs} articles", law.id, list.len())));
            }
            numbers.push(list);
        }
        let mut aliases: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_id = HashMap::new();
        for (i, law) in laws.laws.iter().enumerate() {
            by_id.insert(law.id.clone(), i);
            let mut keys = vec![name_key(law.name()), name_key(&law.title), name_key(&law.id)];
            keys.sort();
            keys.dedup();
            for k in keys.into_iter().filter(|k| k.chars().count() >= 2) {
                aliases.entry(k).or_default().push(i);
            }
        }
        for list in aliases.values_mut() {
            list.sort_by(|&a, &b| {
                let (x, y) = (&laws.laws[a], &laws.laws[b]);
                x.status.rank().cmp(&y.status.rank()).then(y.date.cmp(&x.date)).then(a.cmp(&b))
            });
        }
        Ok(LibraryEngine { index, laws, numbers, aliases, by_id })
    }

    /// Adds a fetched piece; a damaged one is refused (see [`PieceIndex::add_piece`]).
    pub fn add_piece(&mut self, name: &str, bytes: &[u8]) -> Result<(), EngineError> {
        self.index.add_piece(name, bytes)
    }

    pub fn index(&self) -> &PieceIndex {
        &self.index
    }

    /// The term directories not yet added ([`PieceIndex::missing_dirs`]): fetched ahead once a
    /// first search has answered, a later word query needs two rounds of pieces instead of three.
    pub fn missing_directories(&self) -> Vec<String> {
        self.index.missing_dirs()
    }

    /// Every law (version) in the library, in index order.
    pub fn laws(&self) -> &[LawEntry] {
        &self.laws.laws
    }

    /// The number of articles in the library.
    pub fn num_articles(&self) -> usize {
        self.index.num_docs()
    }

    /// The laws a name means (`劳动法`, `中华人民共和国劳动法`, `《劳动法》`, an id such as
    /// `行政复议法(2017-09-01)`), best first: the current version, then the newest.
    pub fn resolve(&self, name: &str) -> Vec<&LawEntry> {
        if let Some(&i) = self.by_id.get(name.trim()) {
            return vec![&self.laws.laws[i]];
        }
        self.aliases.get(&name_key(name)).map(|l| l.iter().map(|&i| &self.laws.laws[i]).collect()).unwrap_or_default()
    }

    /// The article numbers of a law, in document order.
    pub fn articles_of(&self, law: &str) -> Option<&[ArticleNo]> {
        self.by_id.get(law).map(|&i| self.numbers[i].as_slice())
    }

    /// The longest law name the query starts with, and what follows it.
    fn law_prefix(&self, q: &str) -> Option<(Vec<usize>, String)> {
        let key = name_key(q);
        let bounds: Vec<usize> = key.char_indices().map(|(i, _)| i).skip(2).chain([key.len()]).collect();
        bounds.into_iter().rev().find_map(|end| self.aliases.get(&key[..end]).map(|laws| (laws.clone(), key[end..].to_string())))
    }

    fn intent(&self, req: &LibraryRequest, filter: &Option<Vec<usize>>) -> Intent {
        if let Some((laws, rest)) = self.law_prefix(&req.query) {
            if rest.is_empty() {
                return Intent::Law(laws);
            }
            if let Some(no) = parse_article_ref(&rest) {
                return Intent::Article(laws, no);
            }
        }
        if let (Some(laws), Some(no)) = (filter, parse_article_ref(&name_key(&req.query))) {
            return Intent::Article(laws.clone(), no);
        }
        Intent::Words
    }

    /// The document of an article: the first of `laws` (best first) that has it.
    fn find_article(&self, laws: &[usize], no: ArticleNo) -> Option<(usize, u32)> {
        laws.iter().find_map(|&l| {
            let pos = self.numbers[l].iter().position(|&x| x == no)?;
            let range = self.index.topic_docs(l)?;
            Some((l, range.start + pos as u32))
        })
    }

    /// Answers from the pieces added so far (all of them, for a caller that has the whole index).
    pub fn answer(&self, req: &LibraryRequest) -> LibraryResponse {
        match self.run(req, false) {
            LibraryStep::Done(r) => r,
            LibraryStep::Need(_) => LibraryResponse { hits: Vec::new(), mode: "words".into() },
        }
    }

    /// One step: the answer once every piece it needs has been added, or the missing pieces'
    /// names (round by round: term directories, postings, article texts).
    pub fn step(&self, req: &LibraryRequest) -> LibraryStep {
        self.run(req, true)
    }

    /// Runs [`LibraryEngine::step`] to the end, taking each missing piece from `fetch(round,
    /// name)`. A piece that does not come, or does not check, is an error.
    pub fn answer_fetching<'a>(
        &mut self,
        req: &LibraryRequest,
        mut fetch: impl FnMut(usize, &str) -> Option<std::borrow::Cow<'a, [u8]>>,
    ) -> Result<LibraryResponse, EngineError> {
        for round in 0..=MAX_ROUNDS {
            let names = match self.step(req) {
                LibraryStep::Done(answer) => return Ok(answer),
                LibraryStep::Need(_) if round == MAX_ROUNDS => break,
                LibraryStep::Need(names) => names,
            };
            for name in names {
                let bytes = fetch(round, &name).ok_or_else(|| EngineError::Corrupt(format!("piece {name} is missing")))?;
                self.add_piece(&name, &bytes)?;
            }
        }
        Err(EngineError::Corrupt(format!("the search did not finish in {MAX_ROUNDS} rounds of pieces")))
    }

    fn law_hit(&self, l: usize, score: f32) -> LibraryHit {
        let law = &self.laws.laws[l];
        let n = self.numbers[l].len();
        let mut about = law.title.clone();
        if !law.date.is_empty() {
            about += &format!("（{} 版）", law.date);
        }
        about += &format!("，{}", law.status.label());
        match self.numbers[l].first() {
            Some(&no) if is_part(no) && n > 1 => about += &format!("，无条文，共 {n} 部分"),
            Some(&no) if is_part(no) => about += "，无条文",
            Some(_) => about += &format!("，共 {n} 条"),
            None => {}
        }
        if let LawStatus::Repealed { by, article } = &law.status {
            about += &format!("。见《{by}》{article}");
        }
        LibraryHit {
            law: law.id.clone(),
            name: law.name().to_string(),
            article: None,
            id: law.id.clone(),
            title: format!("《{}》", law.name()),
            snippet: crate::html::escape(&about),
            score,
            status: law.status.label(),
        }
    }

    fn article_hit(&self, doc: u32, score: f32, needles: &[String]) -> Option<LibraryHit> {
        let text = self.index.text(doc)?;
        let l = usize::from(self.index.doc(doc)?.topic);
        let law = self.laws.laws.get(l)?;
        let pos = (doc - self.index.topic_docs(l)?.start) as usize;
        let &(n, sub) = self.numbers.get(l)?.get(pos)?;
        Some(LibraryHit {
            law: law.id.clone(),
            name: law.name().to_string(),
            article: Some(label((n, sub))),
            id: text.id.clone(),
            title: text.title.clone(),
            snippet: snippet(&text.body, needles, 90),
            score: (score * 1000.0).round() / 1000.0,
            status: law.status.label(),
        })
    }

    fn run(&self, req: &LibraryRequest, fetch: bool) -> LibraryStep {
        let limit = req.limit.clamp(1, crate::search::MAX_LIMIT);
        let filter: Option<Vec<usize>> =
            req.law.as_deref().map(|name| self.resolve(name).into_iter().filter_map(|l| self.by_id.get(&l.id).copied()).collect());
        if filter.as_ref().is_some_and(|f| f.is_empty()) {
            return LibraryStep::Done(LibraryResponse { hits: Vec::new(), mode: "law".into() });
        }
        let analysis = analyze(&req.query, self.index.lexicon());
        let mut needles = analysis.needles();
        let (mode, ranked): (&str, Vec<Ranked>) = match self.intent(req, &filter) {
            Intent::Article(laws, no) => match self.find_article(&laws, no) {
                Some((_, doc)) => ("article", vec![(None, doc, EXACT_SCORE)]),
                // The law has no such article (or no text): the law itself says what it is.
                None => ("law", laws.iter().take(limit).map(|&l| (Some(l), 0, EXACT_SCORE)).collect()),
            },
            Intent::Law(laws) => {
                let mut out: Vec<Ranked> = laws.iter().map(|&l| (Some(l), 0, EXACT_SCORE)).collect();
                if let Some(range) = laws.first().and_then(|&l| self.index.topic_docs(l)) {
                    out.extend(range.take(FIRST_ARTICLES).map(|d| (None, d, EXACT_SCORE - 1.0)));
                }
                out.truncate(limit);
                ("law", out)
            }
            Intent::Words => {
                let mut clauses = clauses(&analysis, 1.0);
                for c in clauses.iter_mut().filter(|c| c.field == crate::search::pieces::Field::Title) {
                    c.boost *= TITLE_WEIGHT;
                }
                if clauses.is_empty() {
                    return LibraryStep::Done(LibraryResponse { hits: Vec::new(), mode: "words".into() });
                }
                if fetch {
                    let need = self.index.missing(clauses.iter().flat_map(|c| c.terms.iter().map(String::as_str)), []);
                    if !need.is_empty() {
                        return LibraryStep::Need(need);
                    }
                }
                ("words", self.full_text(&clauses, filter.as_deref(), limit).into_iter().map(|(s, d)| (None, d, s)).collect())
            }
        };
        if mode != "words" {
            // A named law or article is not a match of words: nothing to highlight.
            needles.clear();
        }
        if fetch {
            let need = self.index.missing([], ranked.iter().filter(|r| r.0.is_none()).map(|r| r.1));
            if !need.is_empty() {
                return LibraryStep::Need(need);
            }
        }
        let hits = ranked
            .into_iter()
            .filter_map(|(law, doc, score)| match law {
                Some(l) => Some(self.law_hit(l, score)),
                None => self.article_hit(doc, score, &needles),
            })
            .collect();
        LibraryStep::Done(LibraryResponse { hits, mode: mode.into() })
    }

    /// BM25 over the articles (in `only`'s laws when given), superseded versions weighed down;
    /// the best `n`, ties in document order.
    fn full_text(&self, clauses: &[crate::search::Clause], only: Option<&[usize]>, n: usize) -> Vec<(f32, u32)> {
        let docs = self.index.num_docs();
        let mut scores = vec![0.0f32; docs];
        let mut matched = vec![false; docs];
        for c in clauses {
            score_clause(&self.index, c, &mut scores, &mut matched);
        }
        let allowed: Option<Vec<std::ops::Range<u32>>> = only.map(|laws| laws.iter().filter_map(|&l| self.index.topic_docs(l)).collect());
        let mut top: Vec<(f32, u32)> = (0..docs as u32)
            .filter(|&d| matched[d as usize])
            .filter(|d| allowed.as_ref().is_none_or(|r| r.iter().any(|r| r.contains(d))))
            .map(|d| {
                let law = self.index.doc(d).and_then(|m| self.laws.laws.get(usize::from(m.topic)));
                let mut w = if law.is_some_and(|l| l.status != LawStatus::Current) { SUPERSEDED_WEIGHT } else { 1.0 };
                w *= law.map_or(1.0, |l| LEVEL_WEIGHT[usize::from(l.level).min(LEVEL_WEIGHT.len() - 1)]);
                (scores[d as usize] * w, d)
            })
            .collect();
        top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        top.truncate(n.max(CANDIDATES));
        // Each further article of a law already shown is weighed down, so that one law (a
        // judicial interpretation whose title repeats the words) does not fill the screen.
        let mut out: Vec<(f32, u32)> = Vec::with_capacity(n);
        let mut shown: HashMap<u16, i32> = HashMap::new();
        let law_of = |d: u32| self.index.doc(d).map_or(u16::MAX, |m| m.topic);
        while out.len() < n && !top.is_empty() {
            let adjusted = |&(s, d): &(f32, u32)| s * REPEAT_FACTOR.powi(*shown.get(&law_of(d)).unwrap_or(&0));
            let mut best = 0;
            for (i, c) in top.iter().enumerate() {
                if adjusted(c) > adjusted(&top[best]) {
                    best = i;
                }
            }
            let c = top.remove(best);
            let score = adjusted(&c);
            *shown.entry(law_of(c.1)).or_insert(0) += 1;
            out.push((score, c.1));
        }
        out
    }
}

/// `第四十七条` for an article number; `第2部分` or `全文` for a part of a text without articles.
pub fn label(no: ArticleNo) -> String {
    match no {
        (0, Some(k)) => format!("第{k}部分"),
        (0, None) => "全文".into(),
        (n, sub) => article_label(n, sub),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_numbers_round_trip_as_runs() {
        let list = vec![(1, None), (2, None), (3, None), (3, Some(1)), (3, Some(2)), (4, None), (7, None), (8, None)];
        let s = encode_numbers(&list);
        assert_eq!(s, "1-3,3.1-2,4,7-8");
        assert_eq!(decode_numbers(&s), Some(list));
        assert_eq!(decode_numbers(""), Some(vec![]));
        assert_eq!(decode_numbers("5-2"), None);
        assert_eq!(decode_numbers("x"), None);
        assert_eq!(decode_numbers("0.3-1"), None);
        let parts: Vec<ArticleNo> = (1..=12).map(|k| (0, Some(k))).collect();
        assert_eq!(encode_numbers(&parts), "0.1-12");
        assert_eq!(decode_numbers("0.1-12"), Some(parts));
        assert_eq!(decode_numbers(&encode_numbers(&[(0, None)])), Some(vec![(0, None)]));
        assert_eq!(
            (label((0, Some(2))), label((0, None)), label((276, Some(1)))),
            ("第2部分".into(), "全文".into(), "第二百七十六条之一".into())
        );
    }

    #[test]
    fn article_references_in_the_forms_people_type() {
        assert_eq!(parse_article_ref("第47条"), Some((47, None)));
        assert_eq!(parse_article_ref("47"), Some((47, None)));
        assert_eq!(parse_article_ref("第四十七条"), Some((47, None)));
        assert_eq!(parse_article_ref("第二百七十六条之一"), Some((276, Some(1))));
        assert_eq!(parse_article_ref("276之1"), Some((276, Some(1))));
        assert_eq!(parse_article_ref("1079"), Some((1079, None)));
        assert_eq!(parse_article_ref("第三十条第二款"), Some((30, None)));
        assert_eq!(parse_article_ref("经济补偿"), None);
        assert_eq!(parse_article_ref("2018年"), None);
        assert_eq!(parse_article_ref("第0条"), None);
    }

    #[test]
    fn names_compare_without_prefix_and_marks() {
        assert_eq!(name_key("《中华人民共和国劳动法》"), "劳动法");
        assert_eq!(name_key("劳动合同法 第47条"), "劳动合同法第47条");
        assert_eq!(article_id("刑法", (276, Some(1))), "刑法#276-1");
        assert_eq!(LawStatus::Repealed { by: "民法典".into(), article: "第一千二百六十条".into() }.label(), "已废止，由民法典取代");
    }
}
