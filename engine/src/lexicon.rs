//! The colloquial lexicon: everyday words → legal terms, used for query expansion.
//!
//! Format, one mapping a line: `工钱 = 劳动报酬, 工资`. `#` starts a comment. Keys and terms are
//! normalised with [`crate::text::normalize`], so traditional or full-width input matches too.

use crate::text::normalize;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LexiconEntry {
    pub colloquial: String,
    pub terms: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Lexicon {
    pub entries: Vec<LexiconEntry>,
}

/// A problem on one line of a lexicon file (1-based line number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

impl Lexicon {
    /// Parses one lexicon file. Returns every bad line, not just the first.
    pub fn parse(text: &str) -> Result<Lexicon, Vec<LineError>> {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: String| LineError { line: i + 1, message };
            let Some((left, right)) = line.split_once('=') else {
                errors.push(err(format!("`{line}` has no `=`: write `口语词 = 法律术语, 法律术语`")));
                continue;
            };
            let colloquial = normalize(left.trim());
            let terms: Vec<String> = right.split([',', '，', '、']).map(|t| normalize(t.trim())).filter(|t| !t.is_empty()).collect();
            if colloquial.is_empty() {
                errors.push(err("the left side of `=` is empty".into()));
            } else if terms.is_empty() {
                errors.push(err(format!("`{colloquial}` maps to no legal term")));
            } else if terms.contains(&colloquial) {
                errors.push(err(format!("`{colloquial}` maps to itself")));
            } else {
                entries.push(LexiconEntry { colloquial, terms });
            }
        }
        if errors.is_empty() {
            Ok(Lexicon { entries })
        } else {
            Err(errors)
        }
    }

    /// Merges several files' lexicons; entries with the same key have their terms joined.
    pub fn merge(parts: impl IntoIterator<Item = Lexicon>) -> Lexicon {
        let mut entries: Vec<LexiconEntry> = Vec::new();
        for part in parts {
            for e in part.entries {
                match entries.iter_mut().find(|x| x.colloquial == e.colloquial) {
                    Some(x) => {
                        for t in e.terms {
                            if !x.terms.contains(&t) {
                                x.terms.push(t);
                            }
                        }
                    }
                    None => entries.push(e),
                }
            }
        }
        Lexicon { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The colloquial phrases of the lexicon that occur in a normalised query, in lexicon order.
    /// They are known phrases, so the query pipeline can search them as phrases.
    pub fn matched_keys(&self, normalized_query: &str) -> Vec<&str> {
        self.entries.iter().map(|e| e.colloquial.as_str()).filter(|k| normalized_query.contains(k)).collect()
    }

    /// The legal terms that a normalised query also means: the terms of every entry whose
    /// colloquial key occurs in the query, minus terms the query already contains. Order is the
    /// lexicon's order, so expansion is deterministic.
    pub fn expand(&self, normalized_query: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in &self.entries {
            if normalized_query.contains(e.colloquial.as_str()) {
                for t in &e.terms {
                    if !normalized_query.contains(t.as_str()) && !out.contains(t) {
                        out.push(t.clone());
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_expands() {
        let lex = Lexicon::parse("# comment\n工钱 = 劳动报酬, 工资\n打官司 = 起诉、诉讼 # note\n").unwrap();
        assert_eq!(lex.len(), 2);
        assert_eq!(lex.expand("老板不给工钱"), vec!["劳动报酬", "工资"]);
        assert_eq!(lex.expand("打官司要多少钱"), vec!["起诉", "诉讼"]);
        assert!(lex.expand("离婚").is_empty());
    }

    #[test]
    fn does_not_repeat_terms_already_in_the_query() {
        let lex = Lexicon::parse("工钱 = 劳动报酬, 工资").unwrap();
        assert_eq!(lex.expand("工钱和工资"), vec!["劳动报酬"]);
    }

    #[test]
    fn keys_are_normalized() {
        let lex = Lexicon::parse("離婚 = 解除婚姻").unwrap();
        assert_eq!(lex.expand("我想离婚"), vec!["解除婚姻"]);
    }

    #[test]
    fn reports_every_bad_line() {
        let errs = Lexicon::parse("好 = 好\n没有等号\n = 空\n对 = 诉讼").unwrap_err();
        let lines: Vec<_> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
    }

    #[test]
    fn merge_joins_terms() {
        let a = Lexicon::parse("工钱 = 劳动报酬").unwrap();
        let b = Lexicon::parse("工钱 = 工资\n讨薪 = 劳动报酬").unwrap();
        let m = Lexicon::merge([a, b]);
        assert_eq!(m.entries[0].terms, vec!["劳动报酬", "工资"]);
        assert_eq!(m.len(), 2);
    }
}
