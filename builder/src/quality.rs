//! Quality figures the content library is held to: reading level per guide and topic coverage.

use pocketlaw_engine::citation::find_inline;
use pocketlaw_engine::model::{Catalog, DocKind};

/// Sentences longer than this (in characters) count as hard to read.
pub const LONG_SENTENCE: usize = 40;

#[derive(Debug, Clone, PartialEq)]
pub struct ReadingLevel {
    pub sentences: usize,
    /// Average sentence length in characters.
    pub average: f32,
    /// Share of sentences over [`LONG_SENTENCE`] characters, 0.0–1.0.
    pub long_share: f32,
}

/// Removes inline citations and the brackets around them: a reader skips （《劳动法》第三条）.
fn without_citations(text: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for (start, c) in find_inline(text) {
        let Ok(c) = c else { continue };
        let label = c.article_label();
        let Some(end) = text[start..].find(&label).map(|i| start + i + label.len()) else {
            continue;
        };
        out.push_str(&text[last..start]);
        last = end;
    }
    out.push_str(&text[last..]);
    out.replace("（）", "").replace("()", "")
}

/// Splits plain text into sentences at 。！？；, line breaks and list items, and measures them.
pub fn reading_level(text: &str) -> ReadingLevel {
    let clean = without_citations(text);
    let lens: Vec<usize> = clean
        .split(['。', '！', '？', '；', '\n', '!', '?'])
        .map(|s| s.trim().trim_start_matches(['-', '*', '•']).chars().filter(|c| !c.is_whitespace()).count())
        .filter(|n| *n >= 2)
        .collect();
    let n = lens.len().max(1) as f32;
    ReadingLevel {
        sentences: lens.len(),
        average: lens.iter().sum::<usize>() as f32 / n,
        long_share: lens.iter().filter(|l| **l > LONG_SENTENCE).count() as f32 / n,
    }
}

/// Topics that do not meet the library's minimum: at least one guide and five FAQs.
pub fn coverage_gaps(catalog: &Catalog) -> Vec<String> {
    let mut gaps = Vec::new();
    for t in &catalog.topics {
        let count = |k: DocKind| catalog.docs.iter().filter(|d| d.topic == t.slug && d.kind == k).count();
        let (g, f) = (count(DocKind::Guide), count(DocKind::Faq));
        if g < 1 || f < 5 {
            gaps.push(format!("{}: {g} guide(s), {f} FAQ(s); needs at least 1 and 5", t.slug));
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_sentences_without_citations() {
        let r = reading_level("先投诉（《劳动保障监察条例》第十三条）。再仲裁！\n- 身份证");
        assert_eq!(r.sentences, 3);
        assert!((r.average - 3.0).abs() < 0.01, "{r:?}");
        assert_eq!(r.long_share, 0.0);
        let long = reading_level(&format!("{}。短句。", "长".repeat(41)));
        assert_eq!(long.long_share, 0.5);
    }
}
