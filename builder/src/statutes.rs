//! The statute pack (`../shared/statutes`): official article text, read at build time to check
//! citations and to ship the text of every cited article. Never copied into the repository.

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

/// Parses one law file of the pack format.
pub fn parse_law(text: &str) -> (String, HashMap<(u32, Option<u32>), String>) {
    let text = text.replace('\u{200B}', "");
    let mut title = String::new();
    let mut articles: HashMap<(u32, Option<u32>), String> = HashMap::new();
    let mut current: Option<((u32, Option<u32>), String)> = None;
    let mut info_done = !text.contains(INFO_END);
    for line in text.lines() {
        if title.is_empty() {
            if let Some(t) = line.strip_prefix("# ") {
                title = t.trim().to_string();
                continue;
            }
        }
        if !info_done {
            info_done = line.trim() == INFO_END;
            continue;
        }
        if line.starts_with('#') {
            if let Some((k, t)) = current.take() {
                articles.entry(k).or_insert(t);
            }
            continue;
        }
        if let Some((key, rest)) = article_heading(line) {
            if let Some((k, t)) = current.take() {
                articles.entry(k).or_insert(t);
            }
            current = Some((key, rest.trim().to_string()));
        } else if let Some((_, t)) = current.as_mut() {
            let l = line.trim();
            if !l.is_empty() {
                t.push('\n');
                t.push_str(l);
            }
        }
    }
    if let Some((k, t)) = current.take() {
        articles.entry(k).or_insert(t);
    }
    (title, articles)
}

/// `劳动合同法(2012-12-28).md` → (`劳动合同法`, `2012-12-28`).
fn name_and_date(file_stem: &str) -> (String, String) {
    let date = file_stem
        .rfind('(')
        .map(|i| file_stem[i + 1..].trim_end_matches(')').to_string())
        .filter(|d| d.len() == 10 && d.chars().nth(4) == Some('-'))
        .unwrap_or_default();
    (normalize_law_name(file_stem), date)
}

impl StatutePack {
    /// Loads every law file in the folder. 民法典's parts (民法典/*.md) become one law.
    pub fn load(root: &Path) -> std::io::Result<StatutePack> {
        let mut pack = StatutePack { root: root.to_path_buf(), laws: HashMap::new() };
        for cat in std::fs::read_dir(root)? {
            let cat = cat?.path();
            if !cat.is_dir() {
                continue;
            }
            let civil_code = cat.file_name().is_some_and(|n| n == "民法典");
            for f in std::fs::read_dir(&cat)? {
                let f = f?.path();
                if f.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let text = std::fs::read_to_string(&f)?;
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
    pub fn load_missing_from_archive(&mut self, wanted: &BTreeSet<String>) -> std::io::Result<()> {
        let missing: BTreeSet<&String> = wanted.iter().filter(|w| !self.laws.contains_key(*w)).collect();
        let archive = self.root.join("all-laws.tar.gz");
        if missing.is_empty() || !archive.is_file() {
            return Ok(());
        }
        let gz = flate2::read::GzDecoder::new(std::fs::File::open(archive)?);
        let mut tar = tar::Archive::new(gz);
        for entry in tar.entries()? {
            let mut entry = entry?;
            let path = entry.path()?.into_owned();
            let p = path.to_string_lossy();
            if p.contains("/DLC/") || !p.ends_with(".md") {
                continue;
            }
            let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            let (name, _) = name_and_date(&stem);
            if !missing.contains(&name) {
                continue;
            }
            let mut text = String::new();
            if entry.read_to_string(&mut text).is_ok() {
                self.add(&stem, &text);
            }
        }
        Ok(())
    }

    pub fn resolve(&self, c: &Citation) -> Result<ArticleText, String> {
        let law = self.laws.get(&c.law).ok_or_else(|| format!("no law named `{}` in the statute pack", c.law))?;
        let text = law.articles.get(&(c.article, c.sub)).ok_or_else(|| format!("{} has no {}", law.title, c.article_label()))?;
        Ok(ArticleText { title: law.title.clone(), article: c.article_label(), text: text.clone() })
    }
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
