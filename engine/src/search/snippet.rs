//! Snippets: a window of the body around the best match, HTML-escaped ([`crate::html`]),
//! matches in `<mark>`.

use crate::html::push_escaped;
use crate::text::normalize;

/// Builds a snippet of about `width` chars of `body`. `needles` are normalised strings, longest
/// first; the window starts a little before the first occurrence of the first needle (in that
/// order) that occurs, and every needle occurrence inside the window is marked.
pub fn snippet(body: &str, needles: &[String], width: usize) -> String {
    let chars: Vec<char> = body.chars().collect();
    let norm_text = normalize(body);
    // Where the window starts: found with the substring search of `str`, then as a char index
    // (normalising keeps one char for one char, so char indexes agree with `chars`).
    let first_best =
        needles.iter().filter(|n| !n.is_empty()).find_map(|n| norm_text.find(n.as_str())).map(|byte| norm_text[..byte].chars().count());
    let norm: Vec<char> = norm_text.chars().collect();
    let start = first_best.map(|i| i.saturating_sub(width / 5)).unwrap_or(0);
    let end = (start + width).min(chars.len());
    // Mark the chars of the window covered by any needle occurrence (one that starts before the
    // window may reach into it).
    let longest = needles.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let from = start.saturating_sub(longest.saturating_sub(1));
    let mut marked = vec![false; chars.len().max(norm.len())];
    for needle in needles {
        let n: Vec<char> = needle.chars().collect();
        if n.is_empty() || n.len() > norm.len() {
            continue;
        }
        for i in from..end.min(norm.len() + 1 - n.len()) {
            if norm[i..i + n.len()] == n[..] {
                marked[i..i + n.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut open = false;
    for i in start..end {
        if marked[i] != open {
            out.push_str(if marked[i] { "<mark>" } else { "</mark>" });
            open = marked[i];
        }
        // A line break or tab in the body would break the one-line snippet: a space instead.
        let c = if matches!(chars[i], '\n' | '\r' | '\t') { ' ' } else { chars[i] };
        push_escaped(&mut out, c.encode_utf8(&mut [0; 4]));
    }
    if open {
        out.push_str("</mark>");
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_matches_and_escapes() {
        let s = snippet("老板<b>拖欠工资</b>怎么办", &["工资".into()], 40);
        assert_eq!(s, "老板&lt;b&gt;拖欠<mark>工资</mark>&lt;/b&gt;怎么办");
    }

    #[test]
    fn windows_long_text_around_the_match() {
        let body = format!("{}欠薪{}", "甲".repeat(100), "乙".repeat(100));
        let s = snippet(&body, &["欠薪".into()], 30);
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("<mark>欠薪</mark>"), "{s}");
    }

    #[test]
    fn the_window_follows_the_first_needle_that_occurs() {
        // 离婚 (first in order) occurs late; 工资 early: the window goes to 离婚, and a needle
        // occurrence that starts just before the window is marked where it reaches in.
        let body = format!("工资{}工资离婚{}", "甲".repeat(60), "乙".repeat(60));
        let s = snippet(&body, &["离婚".into(), "工资".into()], 20);
        assert!(s.contains("<mark>工资离婚</mark>"), "{s}");
        assert!(!s.contains("<mark>工资</mark>甲"), "the early 工资 is outside the window: {s}");
    }

    #[test]
    fn matches_traditional_input_against_simplified_text() {
        assert!(snippet("协议离婚", &[normalize("離婚")], 20).contains("<mark>离婚</mark>"));
    }
}
