//! The statute library: every national law of the statute pack (`all-laws.tar.gz`, or the
//! pack's folder when there is no archive), one document per article, indexed with the engine's
//! index in pieces (compact layout, two-level term table) for `engine::library`.
//!
//! Left out: the provinces' local regulations (`Laws/DLC/`; none is Sichuan's). Versions: a law
//! in several files (`劳动法(2009-08-27)`, `劳动法(2018-12-29)`) is current in its newest and
//! 已被修订 in the others. 民法典 第一千二百六十条 names the laws it repealed; they are marked
//! 已废止，由民法典取代, with or without their text. A document without `第…条` articles (刑法
//! 修正案, a 决定, a 批复 in numbered points) is read in parts ([`parts`]). A file without any
//! text, not a legal text (a guide naming a web page as its source), or unreadable, is reported
//! with its path and skipped.

use crate::error::{AtPath, FileProblem, LibraryError};
use crate::statutes::{parse_law_full, read_archive, ArchiveFile, ParsedLaw};
use pocketlaw_engine::citation::{article_label, normalize_law_name};
use pocketlaw_engine::lexicon::Lexicon;
use pocketlaw_engine::library::{
    article_id, encode_numbers, is_part, label, name_key, parse_article_ref, ArticleNo, LawEntry, LawStatus, LawTable,
};
pub use pocketlaw_engine::library::{ArticleOut, LawFile, LawInfo, TocNode};
use pocketlaw_engine::model::{DocKind, FORMAT_VERSION};
use pocketlaw_engine::search::pieces::{self, DocInput, IndexFiles, Layout, PieceSizes};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The civil code's repeal article, and the law whose parts are one law.
const CIVIL_CODE: &str = "民法典";
const REPEAL_ARTICLE: ArticleNo = (1260, None);

/// Piece sizes for the library, measured with `pocketlaw law sizes` on the queries (the
/// largest cold word query, brotli, root included): term pieces of 32,000 / 16,000 / 8,000 /
/// 4,000 bytes cost 260 / 196 / 164 / 139 KB (document pieces of 16,000). Document pieces of
/// 8,000 bytes instead of 16,000 make the root 17 KB bigger (67 → 84 KB brotli: a cold query
/// by article or law name 70 → 86 KB) and save every word query a third of its texts (the
/// issue's 20-hit word queries: 55–79 KB → 31–45 KB of texts, the same number of requests), which
/// is what a later query, its term directories fetched ahead, spends most of its bytes on. A
/// directory piece lists 128 term pieces (34 directories).
pub const LIBRARY_SIZES: PieceSizes = PieceSizes { terms: 4_000, docs: 8_000, root_terms: 128, dir_entries: 128 };

/// One article of a law.
#[derive(Debug, Clone)]
pub struct LibArticle {
    pub number: ArticleNo,
    pub text: String,
    pub heading: Option<usize>,
}

/// One law (one version of it).
#[derive(Debug, Clone)]
pub struct LibLaw {
    pub id: String,
    pub name: String,
    pub title: String,
    pub category: String,
    pub date: String,
    pub status: LawStatus,
    /// Where its text came from (the archive path), empty for a repealed law without text.
    pub source: String,
    pub headings: Vec<(u8, String)>,
    pub articles: Vec<LibArticle>,
}

/// A file that was left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

/// What the pack holds, before indexing.
#[derive(Debug, Default)]
pub struct Library {
    pub laws: Vec<LibLaw>,
    pub problems: Vec<Problem>,
    /// Files seen twice (the same name and date in two folders); the first is kept.
    pub duplicates: Vec<String>,
}

/// `宪法修正案（2018年）` stays whole; `劳动法(2018-12-29)` → (`劳动法`, `2018-12-29`).
fn split_stem(stem: &str) -> (String, String) {
    if let Some(i) = stem.rfind('(') {
        let d = stem[i + 1..].trim_end_matches(')');
        if d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-' && stem.ends_with(')') {
            return (stem[..i].to_string(), d.to_string());
        }
    }
    (stem.to_string(), String::new())
}

/// A source file: where it is, its folder, its stem, and its text (or why there is none).
struct Source {
    path: String,
    category: String,
    stem: String,
    text: Result<String, FileProblem>,
}

fn sources(statutes: &Path) -> Result<Vec<Source>, LibraryError> {
    let mut out = Vec::new();
    let archive = statutes.join("all-laws.tar.gz");
    if archive.is_file() {
        read_archive(
            &archive,
            |_| true,
            |f: &ArchiveFile, text| {
                out.push(Source { path: f.path.clone(), category: f.category.clone(), stem: f.stem.clone(), text });
            },
        )?;
        return Ok(out);
    }
    // No archive: the pack's folder, `<category>/<file>.md`.
    let mut cats: Vec<_> =
        std::fs::read_dir(statutes).at(statutes)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    cats.sort();
    for cat in cats {
        let category = cat.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(&cat)
            .at(&cat)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        for f in files {
            let stem = f.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            if stem == "_index" || stem.starts_with("法律法规模版") {
                continue;
            }
            let text =
                std::fs::read(&f).map_err(FileProblem::Unreadable).and_then(|b| String::from_utf8(b).map_err(|_| FileProblem::NotUtf8));
            out.push(Source { path: f.display().to_string(), category: category.clone(), stem, text });
        }
    }
    Ok(out)
}

/// Why a file of the pack is not a legal text, if it is not: its header names a web page as its
/// source (`该攻略出自 https://…`, a third party's guide among the 其他 files). No law, regulation
/// or interpretation in the pack does.
fn not_a_legal_text(text: &str) -> Option<&'static str> {
    let end = INFO_END_MARK;
    let header = text.find(end).map(|i| &text[..i])?;
    (header.contains("http://") || header.contains("https://")).then_some("not a legal text (its header names a web page as its source)")
}

/// The line that ends a pack file's header (in two pieces, so this file is not taken for a pack file).
const INFO_END_MARK: &str = concat!("<!-- INFO", " END -->");

/// How a paragraph of a text without articles starts a numbered point: `一、`, `1.` / `1．` /
/// `1、`, `（一）` / `(一)`; (style, number).
fn point_marker(p: &str) -> Option<(u8, u32)> {
    let cn = |c: char| "零〇一二两三四五六七八九十百".contains(c);
    let num = |s: &str, digits: bool| -> Option<(u32, usize)> {
        let len: usize = s.chars().take_while(|&c| if digits { c.is_ascii_digit() } else { cn(c) }).map(char::len_utf8).sum();
        let n = pocketlaw_engine::citation::parse_number(&s[..len]).filter(|_| len > 0 && len <= 12)?;
        Some((n, len))
    };
    if let Some((n, len)) = num(p, false) {
        return p[len..].starts_with('、').then_some((0, n));
    }
    if let Some((n, len)) = num(p, true) {
        return p[len..].starts_with(['.', '．', '、']).then_some((1, n));
    }
    let inner = p.strip_prefix('（').or_else(|| p.strip_prefix('('))?;
    let (n, len) = num(inner, false)?;
    inner[len..].starts_with(['）', ')']).then_some((2, n))
}

/// Above this many characters, a part of a text without numbered points ends at the next
/// paragraph.
const PART_CHARS: usize = 1_200;

/// The parts of a text without articles, from its paragraphs (with their headings): a part per
/// numbered point (`一、`, `1.` or `（一）`: the style of the first paragraph numbered 1), and per
/// heading; without numbered points, paragraphs up to [`PART_CHARS`]. The text is the file's, in
/// order, nothing left out. One part is `(0, None)` (全文); several are `(0, Some(1..))`.
pub fn parts(paragraphs: &[(Option<usize>, String)]) -> Vec<crate::statutes::ParsedArticle> {
    use crate::statutes::ParsedArticle;
    let style = paragraphs.iter().find_map(|(_, p)| point_marker(p).filter(|m| m.1 == 1)).map(|m| m.0);
    let mut out: Vec<ParsedArticle> = Vec::new();
    for (heading, p) in paragraphs {
        let starts_point = style.is_some() && point_marker(p).map(|m| m.0) == style;
        let continues =
            out.last().is_some_and(|a| a.heading == *heading && !starts_point && (style.is_some() || a.text.chars().count() < PART_CHARS));
        match out.last_mut() {
            Some(a) if continues => {
                a.text.push('\n');
                a.text.push_str(p);
            }
            _ => out.push(ParsedArticle { number: (0, Some(out.len() as u32 + 1)), text: p.clone(), heading: *heading }),
        }
    }
    if out.len() == 1 {
        out[0].number = (0, None);
    }
    out
}

/// The heading chain above each heading (編 › 章 › 节), joined by spaces.
fn heading_paths(headings: &[(u8, String)]) -> Vec<String> {
    let mut stack: Vec<(u8, &str)> = Vec::new();
    headings
        .iter()
        .map(|(level, text)| {
            while stack.last().is_some_and(|(l, _)| l >= level) {
                stack.pop();
            }
            stack.push((*level, text));
            stack.iter().map(|(_, t)| *t).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// Reads the pack: every national law, its versions and its status.
pub fn collect(statutes: &Path) -> Result<Library, LibraryError> {
    let mut lib = Library::default();
    let mut civil_parts: Vec<(String, ParsedLaw)> = Vec::new();
    // (base name) → versions (date, law)
    let mut groups: BTreeMap<String, Vec<LibLaw>> = BTreeMap::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for src in sources(statutes)? {
        let text = match src.text {
            Ok(t) => t,
            Err(e) => {
                lib.problems.push(Problem { path: src.path, message: e.to_string() });
                continue;
            }
        };
        let mut parsed = parse_law_full(&text);
        if let Some(why) = not_a_legal_text(&text) {
            lib.problems.push(Problem { path: src.path, message: format!("{why}, skipped") });
            continue;
        }
        if parsed.articles.is_empty() {
            parsed.articles = parts(&parsed.loose);
        }
        if parsed.articles.is_empty() {
            lib.problems.push(Problem { path: src.path, message: "no text (neither articles 第…条 nor paragraphs), skipped".into() });
            continue;
        }
        if src.category == CIVIL_CODE {
            if parsed.articles.first().is_some_and(|a| is_part(a.number)) {
                lib.problems.push(Problem { path: src.path, message: "a part of 民法典 without articles, skipped".into() });
                continue;
            }
            civil_parts.push((src.path, parsed));
            continue;
        }
        if let Some(first) = seen.get(&src.stem) {
            lib.duplicates.push(format!("{} (same as {first})", src.path));
            continue;
        }
        seen.insert(src.stem.clone(), src.path.clone());
        let (base, file_date) = split_stem(&src.stem);
        let date = if file_date.is_empty() { parsed.header_date.clone() } else { file_date };
        let title = if parsed.title.is_empty() { base.clone() } else { parsed.title.clone() };
        groups.entry(base.clone()).or_default().push(LibLaw {
            id: base,
            name: normalize_law_name(&title),
            title,
            category: src.category,
            date,
            status: LawStatus::Current,
            source: src.path,
            headings: parsed.headings,
            articles: parsed.articles.into_iter().map(|a| LibArticle { number: a.number, text: a.text, heading: a.heading }).collect(),
        });
    }
    // 民法典: its parts are one law, in article order; each part is a heading above its chapters.
    if !civil_parts.is_empty() {
        civil_parts.sort_by_key(|(_, p)| p.articles.first().map(|a| a.number));
        let mut law = LibLaw {
            id: CIVIL_CODE.into(),
            name: CIVIL_CODE.into(),
            title: "中华人民共和国民法典".into(),
            category: CIVIL_CODE.into(),
            date: String::new(),
            status: LawStatus::Current,
            source: format!("Laws/{CIVIL_CODE}/"),
            headings: Vec::new(),
            articles: Vec::new(),
        };
        let mut numbers: std::collections::HashSet<ArticleNo> = std::collections::HashSet::new();
        for (_, part) in civil_parts {
            let offset = law.headings.len();
            let part_heading = part.part.as_ref().map(|p| {
                law.headings.push((1, p.clone()));
                offset
            });
            let shift = law.headings.len();
            law.headings.extend(part.headings.iter().cloned());
            law.date = law.date.max(part.header_date.clone());
            for a in part.articles {
                if numbers.insert(a.number) {
                    law.articles.push(LibArticle {
                        number: a.number,
                        text: a.text,
                        heading: a.heading.map(|h| h + shift).or(part_heading),
                    });
                }
            }
        }
        groups.entry(CIVIL_CODE.into()).or_default().push(law);
    }
    // Versions: the newest is current, the others superseded by it.
    for versions in groups.values_mut() {
        versions.sort_by(|a, b| b.date.cmp(&a.date).then(a.source.cmp(&b.source)));
        let newest = versions[0].date.clone();
        for (i, v) in versions.iter_mut().enumerate().skip(1) {
            v.status = LawStatus::Superseded { by_date: newest.clone() };
            v.id = if v.date.is_empty() { format!("{}({i})", v.id) } else { format!("{}({})", v.id, v.date) };
        }
    }
    // 民法典 第一千二百六十条: the laws it repealed.
    let repeal_text = groups
        .get(CIVIL_CODE)
        .and_then(|v| v.first())
        .and_then(|l| l.articles.iter().find(|a| a.number == REPEAL_ARTICLE))
        .map(|a| a.text.clone());
    if let Some(text) = repeal_text {
        let label = article_label(REPEAL_ARTICLE.0, REPEAL_ARTICLE.1);
        let status = LawStatus::Repealed { by: CIVIL_CODE.into(), article: label };
        for name in repealed_names(&text) {
            let hits: Vec<String> = groups
                .iter()
                .filter(|(base, v)| normalize_law_name(base) == name || v.iter().any(|l| l.name == name))
                .map(|(b, _)| b.clone())
                .collect();
            if hits.is_empty() {
                groups.insert(
                    name.clone(),
                    vec![LibLaw {
                        id: name.clone(),
                        name: name.clone(),
                        title: format!("中华人民共和国{name}"),
                        category: "民法商法".into(),
                        date: String::new(),
                        status: status.clone(),
                        source: String::new(),
                        headings: Vec::new(),
                        articles: Vec::new(),
                    }],
                );
            }
            for base in hits {
                for v in groups.get_mut(&base).into_iter().flatten() {
                    v.status = status.clone();
                }
            }
        }
    }
    let mut laws: Vec<LibLaw> = groups.into_values().flatten().collect();
    laws.sort_by(|a, b| a.category.cmp(&b.category).then(a.id.cmp(&b.id)));
    lib.laws = laws;
    Ok(lib)
}

/// The laws an article says it repeals: `《中华人民共和国婚姻法》、…同时废止` → [婚姻法, …].
pub fn repealed_names(text: &str) -> Vec<String> {
    let Some(end) = text.find("废止") else { return Vec::new() };
    let mut out = Vec::new();
    let mut rest = &text[..end];
    while let Some(open) = rest.find('《') {
        let after = &rest[open + '《'.len_utf8()..];
        let Some(close) = after.find('》') else { break };
        let name = normalize_law_name(&after[..close]);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
        rest = &after[close..];
    }
    out
}

fn toc(law: &LibLaw) -> (Vec<String>, Vec<TocNode>) {
    // Nodes in heading order, then nested by level.
    let mut under: Vec<Vec<String>> = vec![Vec::new(); law.headings.len()];
    let mut before = Vec::new();
    for a in &law.articles {
        let label = label(a.number);
        match a.heading.and_then(|h| under.get_mut(h)) {
            Some(list) => list.push(label),
            None => before.push(label),
        }
    }
    fn nest(items: &mut std::iter::Peekable<impl Iterator<Item = TocNode>>, level: u8) -> Vec<TocNode> {
        let mut out = Vec::new();
        while let Some(node) = items.next_if(|n| n.level > level) {
            let mut node = node;
            node.children = nest(items, node.level);
            out.push(node);
        }
        out
    }
    let nodes = law.headings.iter().zip(under).map(|((level, title), articles)| TocNode {
        title: title.clone(),
        level: *level,
        articles,
        children: Vec::new(),
    });
    (before, nest(&mut nodes.peekable(), 0))
}

/// A category's place among the sources ([`LawEntry::level`]).
fn level(category: &str) -> u8 {
    match category {
        "行政法规" => 1,
        "司法解释" => 2,
        "部门规章" | "其他" => 3,
        _ => 0,
    }
}

/// A law's file name in the library folder (its id, with `/` replaced).
pub fn law_file_name(id: &str) -> String {
    format!("laws/{}.json", id.replace(['/', '\\'], "_"))
}

impl LibLaw {
    fn info(&self) -> LawInfo {
        LawInfo {
            id: self.id.clone(),
            name: self.name.clone(),
            title: self.title.clone(),
            category: self.category.clone(),
            date: self.date.clone(),
            status: self.status.clone(),
            status_label: self.status.label(),
            articles: self.articles.iter().filter(|a| !is_part(a.number)).count(),
            parts: self.articles.iter().filter(|a| is_part(a.number)).count(),
            file: law_file_name(&self.id),
            source: self.source.clone(),
            key: false,
        }
    }
}

/// The most characters of other laws' words about one article that its keywords take.
const MAX_ANCHOR_CHARS: usize = 400;
/// How many characters on each side of a citation count as its anchor text.
const ANCHOR_WINDOW: usize = 24;
/// The longest law name looked for before a `第…条` in prose.
const MAX_NAME_CHARS: usize = 40;

/// What other laws say where they cite an article ("anchor text", as web search uses the words
/// of links): `依照刑法第二百七十六条之一的规定，以拒不支付劳动报酬罪追究刑事责任` tells what
/// 刑法 第二百七十六条之一 is about in the words people use, though the article never says
/// 拒不支付劳动报酬. For each article of a current law: the clauses (up to 。；) of other laws'
/// articles that cite it by name, at most [`MAX_ANCHOR_CHARS`].
pub fn anchors(lib: &Library) -> HashMap<(usize, ArticleNo), String> {
    let mut names: HashMap<String, usize> = HashMap::new();
    for (i, law) in lib.laws.iter().enumerate() {
        if law.status == LawStatus::Current && law.articles.first().is_some_and(|a| !is_part(a.number)) {
            for n in [name_key(&law.name), name_key(&law.title)] {
                if n.chars().count() >= 2 {
                    names.entry(n).or_insert(i);
                }
            }
        }
    }
    let mut out: HashMap<(usize, ArticleNo), String> = HashMap::new();
    for (from, law) in lib.laws.iter().enumerate() {
        for a in &law.articles {
            let text = &a.text;
            for (i, _) in text.match_indices('第') {
                let before = text[..i].trim_end_matches(['》', ' ']);
                let starts: Vec<usize> = before.char_indices().map(|(j, _)| j).collect();
                let cited = starts
                    .iter()
                    .rev()
                    .skip(1)
                    .take(MAX_NAME_CHARS)
                    .rev()
                    .find_map(|&j| names.get(&name_key(before[j..].trim_start_matches('《'))).copied());
                let Some(to) = cited.filter(|&to| to != from) else { continue };
                let tail: String = text[i..].chars().take(16).collect();
                let Some(no) = parse_article_ref(&tail).filter(|_| tail.contains('条')) else { continue };
                // The words around the citation, within its clause (up to 。；).
                let clause_start =
                    text[..i].rfind(['。', '；', '\n']).map_or(0, |k| k + text[k..].chars().next().map_or(0, char::len_utf8));
                let clause_end = text[i..].find(['。', '；', '\n']).map_or(text.len(), |k| i + k);
                let from_char = text[clause_start..i].chars().count().saturating_sub(ANCHOR_WINDOW);
                let after_ref = text[i..].find('条').map_or(i, |k| i + k);
                let to_char = text[clause_start..after_ref].chars().count() + ANCHOR_WINDOW;
                let clause: String =
                    text.get(clause_start..clause_end).unwrap_or("").chars().skip(from_char).take(to_char - from_char).collect();
                let clause = clause.as_str();
                let entry = out.entry((to, no)).or_default();
                if entry.chars().count() < MAX_ANCHOR_CHARS && !entry.contains(clause) {
                    entry.push(' ');
                    entry.extend(clause.chars().take(MAX_ANCHOR_CHARS));
                }
            }
        }
    }
    out
}

/// The documents of a library (one per article, law by law), its law table and its topics.
fn documents(lib: &Library) -> Result<(Vec<DocInput>, LawTable, Vec<String>), LibraryError> {
    let mut docs = Vec::new();
    let mut table = LawTable::default();
    let topics: Vec<String> = lib.laws.iter().map(|l| l.id.clone()).collect();
    let anchors = anchors(lib);
    for (t, law) in lib.laws.iter().enumerate() {
        let topic = u16::try_from(t).map_err(|_| LibraryError::TooManyLaws)?;
        let paths = heading_paths(&law.headings);
        for a in &law.articles {
            let mut keywords = a.heading.and_then(|h| paths.get(h)).cloned().unwrap_or_default();
            if let Some(words) = anchors.get(&(t, a.number)) {
                keywords.push_str(words);
            }
            docs.push(DocInput {
                id: article_id(&law.id, a.number),
                kind: DocKind::Guide,
                topic,
                title: format!("《{}》{}", law.name, label(a.number)),
                body: a.text.clone(),
                keywords,
            });
        }
        let numbers: Vec<ArticleNo> = law.articles.iter().map(|a| a.number).collect();
        table.laws.push(LawEntry {
            id: law.id.clone(),
            name: if law.name == law.id { String::new() } else { law.name.clone() },
            title: law.title.clone(),
            date: law.date.clone(),
            status: law.status.clone(),
            level: level(&law.category),
            numbers: encode_numbers(&numbers),
        });
    }
    Ok((docs, table, topics))
}

/// The index of a library: one document per article, law by law.
pub fn index(lib: &Library, lexicon: &Lexicon, sizes: PieceSizes) -> Result<IndexFiles, LibraryError> {
    let (docs, table, topics) = documents(lib)?;
    let extra = serde_json::to_value(&table).map_err(|source| LibraryError::Json { what: "the law table", source })?;
    let layout = Layout { compact_docs: true, extra: Some(extra) };
    pieces::build_with(&docs, lexicon, &topics, [0.0; 3], |_| false, sizes, layout).map_err(LibraryError::Index)
}

/// What `write` reports.
#[derive(Debug, Clone, Serialize)]
pub struct LibraryReport {
    pub laws: usize,
    pub current: usize,
    pub superseded: usize,
    pub repealed: usize,
    pub articles: usize,
    /// The parts of the texts without articles (each a document, as an article is).
    pub parts: usize,
    pub skipped: Vec<Problem>,
    pub duplicates: Vec<String>,
    /// The index root's file name in the folder.
    pub root: String,
    pub index_pieces: usize,
    /// Every file written: (path relative to the folder, bytes).
    pub files: Vec<(String, usize)>,
}

/// The library folder's manifest (`library.json`).
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Manifest {
    pub format_version: u32,
    /// The index root, `root.<hash>.bin`; pieces are `ix/<name>.bin`.
    pub root: String,
    pub laws: usize,
    pub articles: usize,
}

/// A library built in memory: the index, and each law's entry and own JSON (in library order).
pub struct Built {
    pub index: IndexFiles,
    pub laws: Vec<LawInfo>,
    /// (law id, its JSON).
    pub law_files: Vec<(String, Vec<u8>)>,
}

/// Builds the library's files in memory (what [`write`] puts in a folder, and the site build
/// under `library/`: the same bytes).
pub fn build(lib: &Library, lexicon: &Lexicon) -> Result<Built, LibraryError> {
    let index = index(lib, lexicon, LIBRARY_SIZES)?;
    let mut law_files = Vec::with_capacity(lib.laws.len());
    for law in &lib.laws {
        let (before, toc) = toc(law);
        let file = LawFile {
            format_version: FORMAT_VERSION,
            info: law.info(),
            articles_before_toc: before,
            toc,
            text: law
                .articles
                .iter()
                .map(|a| ArticleOut { id: article_id(&law.id, a.number), label: label(a.number), text: a.text.clone() })
                .collect(),
        };
        law_files.push((law.id.clone(), serde_json::to_vec(&file).map_err(|source| LibraryError::Json { what: "a law's file", source })?));
    }
    Ok(Built { index, laws: lib.laws.iter().map(LibLaw::info).collect(), law_files })
}

/// The key laws: those of the pack's folder (`<category>/<name>(<date>).md`, 民法典's parts),
/// which the guides cite; the others come from the archive alone. Their ids in the library (the
/// current version's, and the folder's own version's when the archive has a newer one).
pub fn key_laws(statutes: &Path, lib: &Library) -> Vec<String> {
    let mut stems = Vec::new();
    if let Ok(cats) = std::fs::read_dir(statutes) {
        for cat in cats.flatten().filter(|e| e.path().is_dir()) {
            let category = cat.file_name().to_string_lossy().into_owned();
            if category == CIVIL_CODE {
                stems.push((CIVIL_CODE.to_string(), String::new()));
                continue;
            }
            for f in std::fs::read_dir(cat.path()).into_iter().flatten().flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                if let Some(stem) = name.strip_suffix(".md") {
                    if stem != "_index" && !stem.starts_with("法律法规模版") {
                        stems.push(split_stem(stem));
                    }
                }
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for (base, date) in stems {
        for law in lib.laws.iter().filter(|l| l.id == base || (l.id.starts_with(&base) && !date.is_empty() && l.date == date)) {
            if !law.articles.is_empty() && !out.contains(&law.id) && (law.id == base || split_stem(&law.id).0 == base) {
                out.push(law.id.clone());
            }
        }
    }
    out.sort();
    out
}

/// Builds the library into `out`: `library.json`, `root.<hash>.bin`, `ix/<piece>.bin`,
/// `laws.json` and `laws/<id>.json`. Files this build wrote before are replaced.
pub fn write(lib: &Library, lexicon: &Lexicon, out: &Path) -> Result<LibraryReport, LibraryError> {
    let built = build(lib, lexicon)?;
    let files = &built.index;
    for old in ["ix", "laws"] {
        let p = out.join(old);
        if p.is_dir() {
            std::fs::remove_dir_all(&p).at(&p)?;
        }
    }
    std::fs::create_dir_all(out.join("ix")).at(out)?;
    std::fs::create_dir_all(out.join("laws")).at(out)?;
    if let Ok(entries) = std::fs::read_dir(out) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("root.") && name.ends_with(".bin") {
                std::fs::remove_file(e.path()).at(&e.path())?;
            }
        }
    }
    let mut written: Vec<(String, usize)> = Vec::new();
    let mut put = |rel: String, bytes: &[u8]| -> Result<(), LibraryError> {
        let p = out.join(&rel);
        std::fs::write(&p, bytes).at(&p)?;
        written.push((rel, bytes.len()));
        Ok(())
    };
    let root = format!("root.{}.bin", pieces::piece_name(&files.root));
    put(root.clone(), &files.root)?;
    for (name, bytes) in &files.pieces {
        put(format!("ix/{name}.bin"), bytes)?;
    }
    put(
        "laws.json".into(),
        &serde_json::to_vec_pretty(&built.laws).map_err(|source| LibraryError::Json { what: "the law list", source })?,
    )?;
    for (id, bytes) in &built.law_files {
        put(law_file_name(id), bytes)?;
    }
    let articles = lib.laws.iter().map(|l| l.articles.len()).sum();
    let manifest = Manifest { format_version: FORMAT_VERSION, root: root.clone(), laws: lib.laws.len(), articles };
    put(
        "library.json".into(),
        &serde_json::to_vec_pretty(&manifest).map_err(|source| LibraryError::Json { what: "the manifest", source })?,
    )?;
    let count = |f: fn(&LawStatus) -> bool| lib.laws.iter().filter(|l| f(&l.status)).count();
    Ok(LibraryReport {
        laws: lib.laws.len(),
        current: count(|s| matches!(s, LawStatus::Current)),
        superseded: count(|s| matches!(s, LawStatus::Superseded { .. })),
        repealed: count(|s| matches!(s, LawStatus::Repealed { .. })),
        articles: lib.laws.iter().flat_map(|l| &l.articles).filter(|a| !is_part(a.number)).count(),
        parts: lib.laws.iter().flat_map(|l| &l.articles).filter(|a| is_part(a.number)).count(),
        skipped: lib.problems.clone(),
        duplicates: lib.duplicates.clone(),
        root,
        index_pieces: files.pieces.len(),
        files: written,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pack folder (no archive): two versions of a law, 民法典 in two parts with its repeal
    /// article, a law it repeals with text, and a file without articles.
    fn mini_pack() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("pl-mini-pack-{}-{:?}", std::process::id(), std::thread::current().id()));
        let _ = std::fs::remove_dir_all(&dir);
        let law = |cat: &str, file: &str, title: &str, body: &str| {
            std::fs::create_dir_all(dir.join(cat)).unwrap();
            let text = format!("# {title}\n\n2017年9月1日通过\n\n{}\n\n## 第一章 总则\n\n{body}", concat!("<!-- INFO", " END -->"));
            std::fs::write(dir.join(cat).join(file), text).unwrap();
        };
        law("诉讼与非诉讼程序法", "行政复议法(2017-09-01).md", "中华人民共和国行政复议法", "第一条 旧的复议。\n\n第二条 旧的第二条。\n");
        law(
            "诉讼与非诉讼程序法",
            "行政复议法(2023-09-01).md",
            "中华人民共和国行政复议法",
            "第一条 新的复议。\n\n第二条 新的第二条。\n\n第三条 新的第三条。\n",
        );
        law("民法典", "总则.md", "中华人民共和国民法典\n\n# 总则", "第一条 民事权益。\n");
        law(
            "民法典",
            "附则.md",
            "中华人民共和国民法典\n\n# 附则",
            "第一千二百六十条 本法自2021年1月1日起施行。《中华人民共和国婚姻法》、《中华人民共和国合同法》同时废止。\n",
        );
        law("民法商法", "合同法(1999-03-15).md", "中华人民共和国合同法", "第一条 合同。\n\n第二条 依照民法典第一条的规定保护民事权益。\n");
        law("其他", "说明.md", "说明", "没有条文。\n");
        law(
            "刑法",
            "刑法修正案（九十）.md",
            "中华人民共和国刑法修正案（九十）",
            "一、将刑法第一条修改为：“测试。”\n\n二、在刑法第二条后增加一条：“增加。”\n",
        );
        std::fs::write(dir.join("其他").join("空.md"), concat!("# 空\n\n<!-- INFO", " END -->\n\n")).unwrap();
        std::fs::write(
            dir.join("其他").join("攻略.md"),
            concat!("# 攻略\n\n出自 https://example.org\n\n<!-- INFO", " END -->\n\n正文。\n"),
        )
        .unwrap();
        dir
    }

    #[test]
    fn versions_repeals_and_bad_files_in_a_small_pack() {
        use pocketlaw_engine::library::{LibraryEngine, LibraryRequest};
        let dir = mini_pack();
        let lib = collect(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let by_id = |id: &str| lib.laws.iter().find(|l| l.id == id).unwrap_or_else(|| panic!("no {id}"));
        assert_eq!(by_id("行政复议法").status, LawStatus::Current);
        assert_eq!(by_id("行政复议法").articles.len(), 3);
        assert_eq!(by_id("行政复议法(2017-09-01)").status, LawStatus::Superseded { by_date: "2023-09-01".into() });
        let repealed = LawStatus::Repealed { by: "民法典".into(), article: "第一千二百六十条".into() };
        assert_eq!(by_id("合同法").status, repealed, "with its text");
        assert_eq!(by_id("婚姻法").status, repealed, "without text");
        assert!(by_id("婚姻法").articles.is_empty());
        let civil = by_id("民法典");
        assert_eq!(civil.articles.len(), 2);
        assert_eq!(civil.headings[0], (1, "总则".to_string()), "each part heads its chapters");
        assert_eq!(civil.date, "2017-09-01");
        // A text without articles is read in parts; one without any text, or a guide, is skipped.
        assert_eq!(by_id("说明").articles.iter().map(|a| a.number).collect::<Vec<_>>(), vec![(0, None)]);
        let amendment = by_id("刑法修正案（九十）");
        assert_eq!(amendment.articles.iter().map(|a| a.number).collect::<Vec<_>>(), vec![(0, Some(1)), (0, Some(2))]);
        assert!(amendment.articles[1].text.starts_with("二、在刑法第二条后增加一条"));
        assert_eq!((amendment.info().articles, amendment.info().parts), (0, 2));
        assert_eq!(lib.problems.len(), 2, "{:?}", lib.problems);
        assert!(lib.problems.iter().any(|p| p.path.ends_with("空.md") && p.message.contains("no text")), "{:?}", lib.problems);
        assert!(lib.problems.iter().any(|p| p.path.ends_with("攻略.md") && p.message.contains("not a legal text")), "{:?}", lib.problems);
        // Anchor text: 合同法 第二条 cites 民法典 第一条 (a repealed law's words still count).
        let a = anchors(&lib);
        let civil_i = lib.laws.iter().position(|l| l.id == "民法典").unwrap();
        assert!(a[&(civil_i, (1, None))].contains("保护民事权益"));
        // Indexed and searched with the engine, every piece at once.
        let files = index(&lib, &Lexicon::default(), PieceSizes { terms: 60, docs: 60, root_terms: 2, dir_entries: 4 }).unwrap();
        let mut engine = LibraryEngine::open(&files.root).unwrap();
        assert!(engine.index().dir_count() > 0);
        let ask = |engine: &mut LibraryEngine, q: &str| {
            let req = LibraryRequest { query: q.into(), law: None, limit: 5 };
            engine.answer_fetching(&req, |_, name| files.piece(name).map(std::borrow::Cow::Borrowed)).unwrap()
        };
        let r = ask(&mut engine, "行政复议法 第3条");
        assert_eq!((r.hits[0].law.as_str(), r.hits[0].article.as_deref()), ("行政复议法", Some("第三条")));
        let r = ask(&mut engine, "行政复议法");
        assert_eq!(r.hits[0].law, "行政复议法");
        assert_eq!(r.hits[1].law, "行政复议法(2017-09-01)");
        assert_eq!(r.hits[1].status, "已被修订（2023-09-01 版现行有效）");
        let r = ask(&mut engine, "婚姻法");
        assert_eq!(r.hits[0].status, "已废止，由民法典取代");
        let r = ask(&mut engine, "刑法修正案（九十）");
        assert_eq!(r.hits[0].law, "刑法修正案（九十）");
        assert!(r.hits[0].snippet.contains("无条文，共 2 部分"), "{:?}", r.hits[0]);
        assert_eq!(r.hits[1].article.as_deref(), Some("第1部分"));
        let r = ask(&mut engine, "增加一条");
        assert_eq!((r.hits[0].law.as_str(), r.hits[0].title.as_str()), ("刑法修正案（九十）", "《刑法修正案（九十）》第2部分"));
        let r = ask(&mut engine, "第二条");
        assert_eq!(r.mode, "words");
        let r = ask(&mut engine, "复议");
        assert_eq!(r.hits[0].law, "行政复议法", "the current version above the old: {:?}", r.hits);
        // Any input answers, never a panic.
        for q in [
            "",
            "第",
            "之一",
            "🙂",
            "行政复议法第99999999999条",
            "行政复议法 第〇条",
            "民法典第一千二百六十条之",
            "《》",
            &"复议".repeat(500),
        ] {
            ask(&mut engine, q);
            let req = LibraryRequest { query: q.into(), law: Some(q.into()), limit: 0 };
            engine.answer_fetching(&req, |_, name| files.piece(name).map(std::borrow::Cow::Borrowed)).unwrap();
        }
    }

    #[test]
    fn a_text_without_articles_is_read_in_parts() {
        let p = |v: &[(Option<usize>, &str)]| parts(&v.iter().map(|(h, t)| (*h, t.to_string())).collect::<Vec<_>>());
        // Numbered points (the style of the first point numbered 1), a preamble on its own.
        let got = p(&[(None, "为了测试，规定如下："), (None, "一、第一点。"), (None, "（一）其中一项；"), (None, "二、第二点。")]);
        let texts: Vec<&str> = got.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["为了测试，规定如下：", "一、第一点。\n（一）其中一项；", "二、第二点。"]);
        assert_eq!(got[2].number, (0, Some(3)));
        let got = p(&[(None, "1.第一点。"), (None, "2．第二点。"), (None, "(一)不是新的一点")]);
        assert_eq!(got.len(), 2);
        // A heading starts a part; without points, paragraphs gather up to PART_CHARS.
        let long = "字".repeat(PART_CHARS);
        let got = p(&[(None, "甲。"), (Some(0), "乙。"), (Some(0), &long), (Some(0), "丙。"), (Some(0), "丁。")]);
        let texts: Vec<&str> = got.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["甲。".to_string(), format!("乙。\n{long}"), "丙。\n丁。".into()]);
        assert_eq!(got[1].heading, Some(0));
        // One part is the whole text; no paragraphs, no parts.
        assert_eq!(p(&[(None, "只有一段。")])[0].number, (0, None));
        assert!(p(&[]).is_empty());
        assert_eq!(point_marker("十二、"), Some((0, 12)));
        assert_eq!(point_marker("（三）"), Some((2, 3)));
        assert_eq!(point_marker("一九九七年"), None);
    }

    #[test]
    fn stems_keep_their_own_brackets() {
        assert_eq!(split_stem("劳动法(2018-12-29)"), ("劳动法".into(), "2018-12-29".into()));
        assert_eq!(split_stem("宪法修正案（2018年）"), ("宪法修正案（2018年）".into(), String::new()));
        assert_eq!(split_stem("刑法"), ("刑法".into(), String::new()));
    }

    #[test]
    fn the_civil_codes_repeal_article_names_nine_laws() {
        let text = "本法自2021年1月1日起施行。《中华人民共和国婚姻法》、《中华人民共和国继承法》、《中华人民共和国民法通则》、《中华人民共和国收养法》、《中华人民共和国担保法》、《中华人民共和国合同法》、《中华人民共和国物权法》、《中华人民共和国侵权责任法》、《中华人民共和国民法总则》同时废止。";
        let names = repealed_names(text);
        assert_eq!(names.len(), 9);
        assert_eq!(names[0], "婚姻法");
        assert_eq!(names[8], "民法总则");
    }

    #[test]
    fn headings_nest_by_level() {
        let h = vec![
            (2, "第一编 总则".to_string()),
            (3, "第一章 任务".into()),
            (3, "第二章 犯罪".into()),
            (4, "第一节 责任".into()),
            (2, "第二编 分则".into()),
        ];
        let p = heading_paths(&h);
        assert_eq!(p[3], "第一编 总则 第二章 犯罪 第一节 责任");
        assert_eq!(p[4], "第二编 分则");
        let law = LibLaw {
            id: "x".into(),
            name: "x".into(),
            title: "x".into(),
            category: String::new(),
            date: String::new(),
            status: LawStatus::Current,
            source: String::new(),
            headings: h,
            articles: vec![
                LibArticle { number: (1, None), text: "a".into(), heading: Some(1) },
                LibArticle { number: (2, None), text: "b".into(), heading: Some(3) },
            ],
        };
        let (before, t) = toc(&law);
        assert!(before.is_empty());
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].children.len(), 2);
        assert_eq!(t[0].children[0].articles, vec!["第一条"]);
        assert_eq!(t[0].children[1].children[0].articles, vec!["第二条"]);
    }
}

/// Why the library is compact (`cargo test --release -p pocketlaw-builder measure -- --ignored
/// --nocapture`, with the statute pack): per-document records in the root against length norms
/// in the postings. Measured: records make the root 211 KB gzip (compact: 81 KB, with the law
/// table) but the term pieces 11.5 MB instead of 18.4 MB gzip; a cold word query fetches about
/// 40–90 KB of postings, so norms cost it 15–35 KB while records cost every first query 130 KB,
/// and more as the library grows.
#[cfg(test)]
mod measure {
    #[test]
    #[ignore]
    fn layouts() {
        use super::*;
        let lib = collect(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/statutes")).unwrap();
        let compact = index(&lib, &Lexicon::default(), LIBRARY_SIZES).unwrap();
        // The same documents with per-document records in the root, no norms.
        let (docs, _, topics) = documents(&lib).unwrap();
        let plain = pieces::build(&docs, &Lexicon::default(), &topics, [0.0; 3], |_| false, LIBRARY_SIZES).unwrap();
        for (name, f) in [("compact", &compact), ("records", &plain)] {
            let terms: usize = f.pieces.iter().filter(|p| p.1.starts_with(b"PLIT")).map(|p| p.1.len()).sum();
            let gz = |b: &[u8]| {
                use std::io::Write;
                let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                e.write_all(b).unwrap();
                e.finish().unwrap().len()
            };
            let terms_gz: usize = f.pieces.iter().filter(|p| p.1.starts_with(b"PLIT")).map(|p| gz(&p.1)).sum();
            eprintln!("{name}: root {} raw {} gzip, term pieces {} raw {} gzip", f.root.len(), gz(&f.root), terms, terms_gz);
        }
    }
}
