//! The statute pack (`../shared/statutes`): official article text, read at build time to check
//! citations and to ship the text of every cited article. Never copied into the repository.

use crate::error::{AtPath, FileProblem, IoError};
use pocketlaw_engine::citation::{normalize_law_name, parse_number, Citation};
use pocketlaw_engine::model::ArticleText;
use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Law {
    pub title: String,
    /// The version date from the file name (`(2012-12-28)`), empty when there is none.
    pub date: String,
    pub articles: HashMap<(u32, Option<u32>), String>,
}

#[derive(Debug, Default)]
pub struct StatutePack {
    pub root: PathBuf,
    pub laws: HashMap<String, Law>,
}

/// Parses an article heading `第二百七十六条之一 …` at the start of a line: ((276, Some(1)), rest).
fn article_heading(line: &str) -> Option<((u32, Option<u32>), &str)> {
    let rest = line.strip_prefix('第')?;
    let ti = rest.find('条')?;
    let n = parse_number(&rest[..ti])?;
    let mut after = &rest[ti + '条'.len_utf8()..];
    let mut sub = None;
    if let Some(s) = after.strip_prefix('之') {
        let len: usize = s.chars().take_while(|c| !c.is_whitespace() && *c != '\u{3000}').map(char::len_utf8).sum();
        sub = Some(parse_number(&s[..len])?);
        after = &s[len..];
    }
    let first = after.chars().next()?;
    if first != ' ' && first != '\u{3000}' {
        return None;
    }
    Some(((n, sub), after.trim_start_matches([' ', '\u{3000}'])))
}

/// The line that ends a pack file's header (written in two pieces so that this source file is not
/// mistaken for a copy of a pack file).
const INFO_END: &str = concat!("<!-- INFO", " END -->");

/// One law file, parsed with its structure (for the statute library).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedLaw {
    /// The first `# ` line.
    pub title: String,
    /// A second `# ` line in the header (民法典's parts: `总则`).
    pub part: Option<String>,
    /// The newest date in the header (`2018年12月29日` → `2018-12-29`), empty when none.
    pub header_date: String,
    /// Headings after the header: (level: the number of `#`, text).
    pub headings: Vec<(u8, String)>,
    /// The articles in file order; a number seen twice keeps its first text.
    pub articles: Vec<ParsedArticle>,
    /// The paragraphs after the header that belong to no article (a preamble; all the text of a
    /// document without `第…条` articles, such as a 修正案 or a 决定), each with the innermost
    /// heading above it (an index into `headings`).
    pub loose: Vec<(Option<usize>, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedArticle {
    pub number: (u32, Option<u32>),
    pub text: String,
    /// The innermost heading above it (an index into `headings`).
    pub heading: Option<usize>,
}

/// `2018年12月29日` anywhere in a line → `2018-12-29`.
fn dates_in(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let num = |from: usize, max: usize| -> (Option<u32>, usize) {
        let mut j = from;
        while j < chars.len() && j - from < max && chars[j].is_ascii_digit() {
            j += 1;
        }
        (chars[from..j].iter().collect::<String>().parse().ok(), j)
    };
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let (y, j) = num(i, 4);
            if let (Some(y), Some('年')) = (y, chars.get(j)) {
                let (m, k) = num(j + 1, 2);
                if let (Some(m), Some('月')) = (m, chars.get(k)) {
                    let (d, l) = num(k + 1, 2);
                    if let (Some(d), Some('日')) = (d, chars.get(l)) {
                        if (1000..3000).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                            out.push(format!("{y:04}-{m:02}-{d:02}"));
                        }
                        i = l;
                        continue;
                    }
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Parses one law file of the pack format, with its headings and header.
pub fn parse_law_full(text: &str) -> ParsedLaw {
    let text = text.replace('\u{200B}', "");
    let mut law = ParsedLaw::default();
    let mut seen: BTreeSet<(u32, Option<u32>)> = BTreeSet::new();
    let mut current: Option<ParsedArticle> = None;
    let mut info_done = !text.contains(INFO_END);
    let mut finish = |a: Option<ParsedArticle>, law: &mut ParsedLaw| {
        if let Some(a) = a {
            if seen.insert(a.number) {
                law.articles.push(a);
            }
        }
    };
    for line in text.lines() {
        if law.title.is_empty() {
            if let Some(t) = line.strip_prefix("# ") {
                law.title = t.trim().to_string();
                continue;
            }
        }
        if !info_done {
            info_done = line.trim() == INFO_END;
            if let Some(p) = line.strip_prefix("# ") {
                law.part.get_or_insert_with(|| p.trim().to_string());
            }
            for d in dates_in(line) {
                if d > law.header_date {
                    law.header_date = d;
                }
            }
            continue;
        }
        if line.starts_with('#') {
            finish(current.take(), &mut law);
            let level = line.chars().take_while(|&c| c == '#').count();
            let heading = line[level..].trim();
            if !heading.is_empty() {
                law.headings.push((level.min(9) as u8, heading.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
            continue;
        }
        if let Some((number, rest)) = article_heading(line) {
            finish(current.take(), &mut law);
            let heading = law.headings.len().checked_sub(1);
            current = Some(ParsedArticle { number, text: rest.trim().to_string(), heading });
        } else if let Some(a) = current.as_mut() {
            let l = line.trim();
            if !l.is_empty() {
                a.text.push('\n');
                a.text.push_str(l);
            }
        } else {
            let l = line.trim();
            if !l.is_empty() {
                law.loose.push((law.headings.len().checked_sub(1), l.to_string()));
            }
        }
    }
    finish(current.take(), &mut law);
    law
}

/// Parses one law file of the pack format: its title and its articles.
pub fn parse_law(text: &str) -> (String, HashMap<(u32, Option<u32>), String>) {
    let law = parse_law_full(text);
    (law.title, law.articles.into_iter().map(|a| (a.number, a.text)).collect())
}

/// `劳动合同法(2012-12-28).md` → (`劳动合同法`, `2012-12-28`).
pub fn name_and_date(file_stem: &str) -> (String, String) {
    let date = file_stem
        .rfind('(')
        .map(|i| file_stem[i + 1..].trim_end_matches(')').to_string())
        .filter(|d| d.len() == 10 && d.chars().nth(4) == Some('-'))
        .unwrap_or_default();
    (normalize_law_name(file_stem), date)
}

impl StatutePack {
    /// Loads every law file in the folder. 民法典's parts (民法典/*.md) become one law.
    pub fn load(root: &Path) -> Result<StatutePack, IoError> {
        let mut pack = StatutePack { root: root.to_path_buf(), laws: HashMap::new() };
        for cat in std::fs::read_dir(root).at(root)? {
            let cat = cat.at(root)?.path();
            if !cat.is_dir() {
                continue;
            }
            let civil_code = cat.file_name().is_some_and(|n| n == "民法典");
            for f in std::fs::read_dir(&cat).at(&cat)? {
                let f = f.at(&cat)?.path();
                if f.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let text = std::fs::read_to_string(&f).at(&f)?;
                let stem = f.file_stem().unwrap_or_default().to_string_lossy().into_owned();
                if civil_code {
                    let (_, articles) = parse_law(&text);
                    let law = pack.laws.entry("民法典".into()).or_insert_with(|| Law {
                        title: "中华人民共和国民法典".into(),
                        date: String::new(),
                        articles: HashMap::new(),
                    });
                    law.articles.extend(articles);
                } else {
                    pack.add(&stem, &text);
                }
            }
        }
        Ok(pack)
    }

    fn add(&mut self, stem: &str, text: &str) {
        let (name, date) = name_and_date(stem);
        let (title, articles) = parse_law(text);
        if articles.is_empty() {
            return;
        }
        let law = Law { title: if title.is_empty() { name.clone() } else { title.clone() }, date, articles };
        let title_name = normalize_law_name(&title);
        for key in [name, title_name] {
            let newer = self.laws.get(&key).is_none_or(|old| old.date < law.date);
            if newer && !key.is_empty() {
                self.laws.insert(key, law.clone());
            }
        }
    }

    /// Laws cited but not in the folder are looked up in `all-laws.tar.gz` beside it (not the
    /// provinces' local regulations); the newest version of each is kept.
    pub fn load_missing_from_archive(&mut self, wanted: &BTreeSet<String>) -> Result<(), IoError> {
        let missing: BTreeSet<&String> = wanted.iter().filter(|w| !self.laws.contains_key(*w)).collect();
        let archive = self.root.join("all-laws.tar.gz");
        if missing.is_empty() || !archive.is_file() {
            return Ok(());
        }
        let mut found: Vec<(String, String)> = Vec::new();
        read_archive(
            &archive,
            |file| missing.contains(&name_and_date(&file.stem).0),
            |file, text| {
                if let Ok(text) = text {
                    found.push((file.stem.clone(), text));
                }
            },
        )?;
        for (stem, text) in found {
            self.add(&stem, &text);
        }
        Ok(())
    }

    pub fn resolve(&self, c: &Citation) -> Result<ArticleText, String> {
        let law = self.laws.get(&c.law).ok_or_else(|| format!("no law named `{}` in the statute pack", c.law))?;
        let text = law.articles.get(&(c.article, c.sub)).ok_or_else(|| format!("{} has no {}", law.title, c.article_label()))?;
        Ok(ArticleText { title: law.title.clone(), article: c.article_label(), text: text.clone() })
    }
}

/// A national law file in `all-laws.tar.gz`: `Laws/<category>/[<department>/]<stem>.md`.
#[derive(Debug, Clone)]
pub struct ArchiveFile {
    /// The path inside the archive.
    pub path: String,
    /// The folder under `Laws/` (行政法规, 司法解释, …).
    pub category: String,
    /// The file name without `.md` (`劳动法(2018-12-29)`).
    pub stem: String,
}

/// Reads the national law files of `all-laws.tar.gz`: everything under `Laws/` except the
/// provinces' local regulations (`Laws/DLC/`), the folders' `_index.md` and the template
/// `法律法规模版.md`. `want` chooses the files to read; `each` gets each chosen file's text, or
/// why it could not be read (not UTF-8, a damaged entry).
pub fn read_archive(
    archive: &Path,
    mut want: impl FnMut(&ArchiveFile) -> bool,
    mut each: impl FnMut(&ArchiveFile, Result<String, FileProblem>),
) -> Result<(), IoError> {
    let gz = flate2::read::GzDecoder::new(std::fs::File::open(archive).at(archive)?);
    let mut tar = tar::Archive::new(gz);
    for entry in tar.entries().at(archive)? {
        let mut entry = entry.at(archive)?;
        let Ok(path) = entry.path().map(|p| p.to_string_lossy().into_owned()) else { continue };
        let parts: Vec<&str> = path.split('/').collect();
        if parts.len() < 3 || parts[0] != "Laws" || parts[1] == "DLC" || !path.ends_with(".md") {
            continue;
        }
        let file_name = parts[parts.len() - 1];
        if file_name == "_index.md" || file_name.starts_with("法律法规模版") {
            continue;
        }
        let file = ArchiveFile { path: path.clone(), category: parts[1].to_string(), stem: file_name.trim_end_matches(".md").to_string() };
        if !want(&file) {
            continue;
        }
        let mut bytes = Vec::new();
        let text = match entry.read_to_end(&mut bytes) {
            Ok(_) => String::from_utf8(bytes).map_err(|_| FileProblem::NotUtf8),
            Err(e) => Err(FileProblem::Unreadable(e)),
        };
        each(&file, text);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = concat!("# 中华人民共和国测试法\n\n2020年通过\n\n<!-- INFO", " END -->\n\n## 第一章\n\n第一条 为了测试，制定本法。\n\n第二条\u{3000}第二条的\u{200B}正文。\n\n（一）第一项；\n\n第二百七十六条之一 以转移财产方法逃避支付劳动者的劳动报酬。\n");

    #[test]
    fn parses_articles_with_paragraphs_and_sub_articles() {
        let (title, a) = parse_law(SAMPLE);
        assert_eq!(title, "中华人民共和国测试法");
        assert_eq!(a[&(1, None)], "为了测试，制定本法。");
        assert_eq!(a[&(2, None)], "第二条的正文。\n（一）第一项；");
        assert!(a[&(276, Some(1))].starts_with("以转移财产"));
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn names_drop_prefix_and_date() {
        assert_eq!(name_and_date("劳动合同法(2012-12-28)"), ("劳动合同法".into(), "2012-12-28".into()));
        assert_eq!(name_and_date("刑法"), ("刑法".into(), String::new()));
    }

    #[test]
    fn resolves_against_the_real_pack_when_present() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/statutes");
        if !root.is_dir() {
            assert!(std::env::var_os("POCKETLAW_REQUIRE_STATUTES").is_none(), "no statute pack at {}", root.display());
            eprintln!("\n!!! SKIPPED statutes: no statute pack at {}: citations are NOT checked against the law !!!\n", root.display());
            return;
        }
        let pack = StatutePack::load(&root).unwrap();
        let ok = |s: &str| pack.resolve(&Citation::parse(s).unwrap());
        assert!(ok("劳动争议调解仲裁法 第二十七条").unwrap().text.contains("一年"));
        assert!(ok("民法典 第一千零七十七条").unwrap().text.contains("三十日"));
        assert!(ok("法律援助法 第四十二条").unwrap().text.contains("进城务工人员"));
        assert!(ok("劳动合同法 第九百条").is_err());
        assert!(ok("不存在法 第一条").is_err());
    }
}
