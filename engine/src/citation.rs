//! Citations: a law and an article. Law names are normalised so that
//! 《中华人民共和国劳动合同法》 and 劳动合同法 are the same law; article numbers are kept as numbers
//! and written back the way the statute text writes them (第一千零七十九条, 第二百七十六条之一).

use serde::{Deserialize, Serialize};

/// A parsed citation: law (normalised short name), article number and optional 之N part.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Citation {
    pub law: String,
    pub article: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<u32>,
}

impl Citation {
    /// Parses `劳动合同法 第三十条`, `《中华人民共和国劳动合同法》第三十条`, `刑法 第二百七十六条之一`
    /// or `民法典 第1079条`. Anything after the article (款, 项) is ignored.
    pub fn parse(text: &str) -> Result<Citation, String> {
        let text = text.trim();
        let Some(di) = text.rfind('第') else {
            return Err(format!("citation `{text}` has no article: write it as `劳动合同法 第三十条`"));
        };
        let (law_part, article_part) = text.split_at(di);
        let law = normalize_law_name(law_part);
        if law.is_empty() {
            return Err(format!("citation `{text}` has no law name before the article"));
        }
        let rest = &article_part['第'.len_utf8()..];
        let Some(ti) = rest.find('条') else {
            return Err(format!("citation `{text}`: the article must end with 条"));
        };
        let number = &rest[..ti];
        let article =
            parse_number(number).filter(|n| *n > 0).ok_or_else(|| format!("citation `{text}`: `{number}` is not an article number"))?;
        let after = &rest[ti + '条'.len_utf8()..];
        let sub = match after.strip_prefix('之') {
            Some(s) => {
                let digits: String = s.chars().take_while(|c| cn_digit(*c).is_some() || *c == '十').collect();
                Some(
                    parse_number(&digits)
                        .filter(|n| *n > 0)
                        .ok_or_else(|| format!("citation `{text}`: `之` must be followed by a number"))?,
                )
            }
            None => None,
        };
        Ok(Citation { law, article, sub })
    }

    /// The article as the statute writes it: 第二百七十六条之一.
    pub fn article_label(&self) -> String {
        article_label(self.article, self.sub)
    }

    /// A stable key for maps and file lookups: `劳动合同法|第三十条`.
    pub fn key(&self) -> String {
        format!("{}|{}", self.law, self.article_label())
    }
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "《{}》{}", self.law, self.article_label())
    }
}

pub fn article_label(article: u32, sub: Option<u32>) -> String {
    match sub {
        Some(s) => format!("第{}条之{}", to_cn_number(article), to_cn_number(s)),
        None => format!("第{}条", to_cn_number(article)),
    }
}

/// `《中华人民共和国劳动合同法》` → `劳动合同法`. Also drops spaces and a trailing version date
/// such as `(2012-12-28)`.
pub fn normalize_law_name(name: &str) -> String {
    let mut s: String = name.chars().filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '\u{200B}' | '\u{3000}')).collect();
    if let Some(i) = s.find('(').or_else(|| s.find('（')) {
        if s[i..].chars().any(|c| c.is_ascii_digit()) {
            s.truncate(i);
        }
    }
    s.strip_prefix("中华人民共和国").map(str::to_string).unwrap_or(s)
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Parses `一千零七十九`, `十五`, `二百零五` or ASCII digits. None for anything else.
pub fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let (mut total, mut cur) = (0u32, 0u32);
    let mut seen_digit = false;
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            cur = d;
            seen_digit = true;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        let n = if cur == 0 && unit == 10 && !seen_digit { 1 } else { cur };
        if n == 0 && unit != 10 {
            return None;
        }
        total = total.checked_add(n.checked_mul(unit)?)?;
        cur = 0;
        seen_digit = false;
    }
    total.checked_add(cur)
}

/// 1079 → 一千零七十九, the way statutes number their articles (1..=9999).
pub fn to_cn_number(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    let (t, h, d, o) = (n / 1000, n / 100 % 10, n / 10 % 10, n % 10);
    let mut s = String::new();
    if t > 0 {
        s += D[t as usize];
        s += "千";
    }
    if h > 0 {
        s += D[h as usize];
        s += "百";
    } else if t > 0 && (d > 0 || o > 0) {
        s += "零";
    }
    if d > 0 {
        if !(d == 1 && t == 0 && h == 0) {
            s += D[d as usize];
        }
        s += "十";
    } else if h > 0 && o > 0 {
        s += "零";
    }
    if o > 0 {
        s += D[o as usize];
    }
    s
}

/// Finds inline citations in prose: `《劳动合同法》第三十条`. Returns the parsed citation (or the
/// error) with the byte offset where it starts. Only citations with both 《》 and 第…条 count.
pub fn find_inline(text: &str) -> Vec<(usize, Result<Citation, String>)> {
    let mut out = Vec::new();
    let mut rest_start = 0;
    while let Some(open) = text[rest_start..].find('《') {
        let start = rest_start + open;
        let Some(close) = text[start..].find('》') else {
            break;
        };
        let end_name = start + close + '》'.len_utf8();
        let after = &text[end_name..];
        rest_start = end_name;
        if !after.starts_with('第') {
            continue;
        }
        let article_end = after.find('条').filter(|ti| after[..*ti].chars().count() <= 10);
        let Some(ti) = article_end else {
            let shown: String =
                after.chars().take_while(|c| *c == '第' || cn_digit(*c).is_some() || matches!(c, '十' | '百' | '千')).collect();
            out.push((start, Err(format!("citation `{}{shown}` must end with 条", &text[start..end_name]))));
            continue;
        };
        let mut end = end_name + ti + '条'.len_utf8();
        if text[end..].starts_with('之') {
            let n: usize =
                text[end + '之'.len_utf8()..].chars().take_while(|c| cn_digit(*c).is_some() || *c == '十').map(char::len_utf8).sum();
            end += '之'.len_utf8() + n;
        }
        out.push((start, Citation::parse(&text[start..end])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for (n, s) in [
            (1, "一"),
            (10, "十"),
            (15, "十五"),
            (110, "一百一十"),
            (205, "二百零五"),
            (1005, "一千零五"),
            (1010, "一千零一十"),
            (1079, "一千零七十九"),
            (1100, "一千一百"),
            (276, "二百七十六"),
            (1260, "一千二百六十"),
        ] {
            assert_eq!(to_cn_number(n), s);
            assert_eq!(parse_number(s), Some(n));
        }
        for n in 1..=1300 {
            assert_eq!(parse_number(&to_cn_number(n)), Some(n), "{n}");
        }
    }

    #[test]
    fn parses_the_forms_people_write() {
        let a = Citation::parse("《中华人民共和国劳动合同法》第三十条").unwrap();
        let b = Citation::parse("劳动合同法 第三十条").unwrap();
        assert_eq!(a, b);
        assert_eq!(b.key(), "劳动合同法|第三十条");
        let c = Citation::parse("刑法 第二百七十六条之一").unwrap();
        assert_eq!((c.article, c.sub), (276, Some(1)));
        assert_eq!(c.article_label(), "第二百七十六条之一");
        assert_eq!(Citation::parse("民法典 第1079条").unwrap().article_label(), "第一千零七十九条");
    }

    #[test]
    fn rejects_malformed() {
        assert!(Citation::parse("劳动合同法").is_err());
        assert!(Citation::parse("第三十条").is_err());
        assert!(Citation::parse("劳动合同法 第三十").is_err());
        assert!(Citation::parse("劳动合同法 第x条").is_err());
    }

    #[test]
    fn finds_inline_citations() {
        let found = find_inline("要在一年内申请（《劳动争议调解仲裁法》第二十七条）。见《民法典》。《刑法》第二百七十六条之一规定");
        let cites: Vec<_> = found.into_iter().map(|(_, c)| c.unwrap().key()).collect();
        assert_eq!(cites, vec!["劳动争议调解仲裁法|第二十七条", "刑法|第二百七十六条之一"]);
        let bad = find_inline("见《劳动法》第三十）");
        assert_eq!(bad[0].1, Err("citation `《劳动法》第三十` must end with 条".to_string()));
    }
}
