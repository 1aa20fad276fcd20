//! The query pipeline: normalise, drop question words, cut into segments, expand with the lexicon,
//! and turn that into weighted clauses (no query parser, so `"`, `:`, `(`, `AND`, `-` are just
//! text).

use super::pieces::Field;
use crate::lexicon::Lexicon;
use crate::text::{normalize, segments, Segment};

/// Queries longer than this (in chars, after normalising) are cut: a pasted page still searches
/// its beginning, and query cost stays bounded.
pub const MAX_QUERY_CHARS: usize = 160;
/// At most this many segments (original plus expansion) are searched.
const MAX_SEGMENTS: usize = 40;

/// Question words and particles that say nothing about the legal problem. Longest first.
const STOP_PHRASES: &[&str] = &[
    // Greetings and politeness that long questions open or close with.
    "你好",
    "您好",
    "大家好",
    "新年好",
    "谢谢",
    "麻烦",
    "请教",
    "咨询一下",
    "问一下",
    "请问",
    // Question words and particles.
    "怎么办",
    "怎么样",
    "怎么弄",
    "怎样",
    "为什么",
    "能不能",
    "可不可以",
    "是不是",
    "有没有",
    "会不会",
    "要不要",
    "该不该",
    "能否",
    "是否",
    "怎么",
    "如何",
    "什么",
    "哪里",
    "可以吗",
    "吗",
    "呢",
    "吧",
    "啊",
    "呀",
    "嘛",
    "么",
    // Filler that says nothing about the legal problem.
    "现在",
    "已经",
    "一下",
    "应该",
    "这个",
    "那个",
    "这样",
    "这种",
    "情况",
    "如果",
    "因为",
    "所以",
    "但是",
    "而且",
    "然后",
    "还是",
    "就是",
    "一直",
    "可以",
    "需要",
    "我们",
    "他们",
    "自己",
    "一个",
    "了",
    "的",
    "我",
    "你",
    "该",
];

/// Weights: an exact match of what the user typed counts most; a lexicon expansion less, so an
/// exact match ranks first; loose bigram matches let long colloquial runs match partly.
const TITLE_BOOST: f32 = 3.0;
const BODY_BOOST: f32 = 1.0;
/// Keywords are chosen by the author for this document (guides list the words people use).
const KEYWORD_BOOST: f32 = 2.0;
const LOOSE_KEYWORD: f32 = 0.9;
const EXPANSION_WEIGHT: f32 = 0.6;
const LOOSE_TITLE: f32 = 1.5;
const LOOSE_BODY: f32 = 0.45;

/// What a query means after analysis: the user's own segments and the lexicon's expansions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub original: Vec<Segment>,
    pub expansions: Vec<Segment>,
}

impl Analysis {
    pub fn is_empty(&self) -> bool {
        self.original.is_empty() && self.expansions.is_empty()
    }

    /// The terms the topic model weighs, each once: the user's own at full weight, each lexicon
    /// expansion at `expansion` in all (shared by its terms, so a long legal term does not
    /// outweigh the short word the user typed).
    pub fn topic_terms(&self, expansion: f64) -> Vec<(String, f64)> {
        let mut out: Vec<(String, f64)> = Vec::new();
        let weighted =
            self.original.iter().map(|s| (s, 1.0)).chain(self.expansions.iter().map(|s| (s, expansion / s.terms().len().max(1) as f64)));
        for (seg, w) in weighted {
            for t in seg.terms() {
                match out.iter_mut().find(|(x, _)| *x == t) {
                    Some(e) => e.1 = e.1.max(w),
                    None => out.push((t, w)),
                }
            }
        }
        out
    }

    /// Strings to highlight in snippets, longest first.
    pub fn needles(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for seg in self.original.iter().chain(&self.expansions) {
            out.push(seg.as_string());
        }
        // Parts of a long run the user typed (老板不给工钱 → 工钱) are highlighted too; parts of
        // lexicon expansions are not, they would mark noise.
        for seg in &self.original {
            if let Segment::Han(chars) = seg {
                if chars.len() > 2 {
                    out.extend(chars.windows(2).map(|w| w.iter().collect::<String>()));
                }
            }
        }
        out.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        out.dedup();
        out
    }
}

/// Analyses a raw query. Total: any string gives an analysis, possibly empty.
pub fn analyze(raw: &str, lexicon: &Lexicon) -> Analysis {
    let normalized: String = normalize(raw).chars().take(MAX_QUERY_CHARS).collect();
    let expansions = lexicon.expand(&normalized);
    let mut stripped = normalized.clone();
    for stop in STOP_PHRASES {
        stripped = stripped.replace(stop, " ");
    }
    let mut original: Vec<Segment> = Vec::new();
    for (seg, _, _) in segments(&stripped) {
        if !original.contains(&seg) {
            original.push(seg);
        }
    }
    // Colloquial phrases the lexicon knows (请不起律师 inside 家里穷请不起律师) are searched as
    // phrases too: what the user typed, cut where the lexicon knows a word.
    for key in lexicon.matched_keys(&normalized) {
        for (seg, _, _) in segments(key) {
            if matches!(&seg, Segment::Han(c) if c.len() >= 2) && !original.contains(&seg) {
                original.push(seg);
            }
        }
    }
    // A query of nothing but question words ("怎么办") still searches for what was typed.
    if original.is_empty() {
        original = segments(&normalized).into_iter().map(|s| s.0).collect();
    }
    original.truncate(MAX_SEGMENTS);
    let mut exp: Vec<Segment> = Vec::new();
    for term in expansions {
        for (seg, _, _) in segments(&term) {
            if !original.contains(&seg) && !exp.contains(&seg) {
                exp.push(seg);
            }
        }
    }
    exp.truncate(MAX_SEGMENTS.saturating_sub(original.len()));
    Analysis { original, expansions: exp }
}

/// One scored part of a query: a phrase (or one term) in one field, with its weight. A document
/// scores the sum of the BM25 scores of the clauses it matches, as tantivy's boolean query of
/// boosted term and phrase queries did.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub field: Field,
    /// One term, or a phrase: terms at consecutive positions.
    pub terms: Vec<String>,
    pub boost: f32,
}

/// The clauses of a query; none when there is nothing to search for. `loose` scales the per-term
/// clauses of a run of several terms against the run as a phrase.
pub fn clauses(analysis: &Analysis, loose: f32) -> Vec<Clause> {
    let mut out = Vec::new();
    // A phrase scores the sum of its terms, so a long expansion (劳动报酬: three bigrams) would
    // outweigh the short word the user typed (工钱: one). Expansions are therefore weighted per
    // term, which keeps an exact match first.
    let weighted = analysis
        .original
        .iter()
        .map(|s| (s, 1.0))
        .chain(analysis.expansions.iter().map(|s| (s, EXPANSION_WEIGHT / s.terms().len() as f32)));
    let mut push = |field: Field, terms: &[String], boost: f32| out.push(Clause { field, terms: terms.to_vec(), boost });
    for (seg, w) in weighted {
        let terms = seg.terms();
        push(Field::Title, &terms, TITLE_BOOST * w);
        push(Field::Body, &terms, BODY_BOOST * w);
        push(Field::Keywords, &terms, KEYWORD_BOOST * w);
        if terms.len() >= 2 {
            for t in &terms {
                let one = std::slice::from_ref(t);
                push(Field::Title, one, LOOSE_TITLE * w * loose);
                push(Field::Body, one, LOOSE_BODY * w * loose);
                push(Field::Keywords, one, LOOSE_KEYWORD * w * loose);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_question_words_and_expands() {
        let lex = Lexicon::parse("工钱 = 劳动报酬").unwrap();
        let a = analyze("老板不给工钱怎么办？", &lex);
        let han = |s: &str| Segment::Han(s.chars().collect());
        assert_eq!(a.original, vec![han("老板不给工钱"), han("工钱")]);
        assert_eq!(a.expansions, vec![Segment::Han("劳动报酬".chars().collect())]);
    }

    #[test]
    fn only_question_words_still_searches() {
        let a = analyze("怎么办", &Lexicon::default());
        assert_eq!(a.original.len(), 1);
    }

    #[test]
    fn syntax_is_text() {
        let a = analyze("\"工伤\" AND (离婚) -赔偿 title:x", &Lexicon::default());
        let s: Vec<_> = a.original.iter().map(Segment::as_string).collect();
        assert_eq!(s, vec!["工伤", "and", "离婚", "赔偿", "title", "x"]);
    }

    #[test]
    fn long_input_is_bounded() {
        let a = analyze(&"离婚 ".repeat(2000), &Lexicon::default());
        assert!(a.original.len() <= MAX_SEGMENTS);
        let b = analyze(&"字".repeat(2000), &Lexicon::default());
        assert_eq!(b.original[0].as_string().chars().count(), MAX_QUERY_CHARS);
    }
}
