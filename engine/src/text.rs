//! Text normalisation and the tokenizer shared by indexing and querying.
//!
//! Chinese has no spaces and we ship no dictionary, so every run of Han characters is cut into
//! overlapping bigrams (and unigrams, so a one-character query still matches). A bigram and the
//! unigram that starts it share a position, so a phrase of bigrams matches a contiguous run.
//! Latin letters and digits form words. Everything else separates tokens.

/// Folds one character: full-width ASCII to half-width, the ideographic space and zero-width
/// characters to a space, ASCII to lower case. Traditional → simplified is done per string by
/// [`normalize`], which keeps one character for one character.
fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            let half = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            half.to_ascii_lowercase()
        }
        '\u{3000}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => ' ',
        _ => c.to_ascii_lowercase(),
    }
}

/// Traditional → simplified, one character for one character ([`crate::t2s`]).
fn simplify(c: char) -> char {
    let Ok(code) = u16::try_from(c as u32) else { return c };
    match crate::t2s::T2S.binary_search_by_key(&code, |&(t, _)| t) {
        Ok(i) => char::from_u32(u32::from(crate::t2s::T2S[i].1)).unwrap_or(c),
        Err(_) => c,
    }
}

/// Normalises text for matching. The result has exactly as many chars as the input, so a char
/// index in the normalised text is a char index in the original (the snippet code relies on it).
pub fn normalize(text: &str) -> String {
    text.chars().map(|c| simplify(fold_char(c))).collect()
}

/// Is this a Han character (CJK unified ideographs and extensions, compatibility ideographs, 〇)?
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2EBEF | 0x30000..=0x3134F)
}

fn is_word_char(c: char) -> bool {
    !is_han(c) && c.is_alphanumeric()
}

/// A token of normalised text, with byte offsets into the normalised string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub position: usize,
    pub from: usize,
    pub to: usize,
}

/// One piece of text as the tokenizer sees it: a run of Han characters or a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Han(Vec<char>),
    Word(String),
}

impl Segment {
    pub fn as_string(&self) -> String {
        match self {
            Segment::Han(chars) => chars.iter().collect(),
            Segment::Word(w) => w.clone(),
        }
    }

    /// The terms a query looks up for this segment, in phrase order: the bigrams of a Han run
    /// (or its one character), or the word.
    pub fn terms(&self) -> Vec<String> {
        match self {
            Segment::Han(chars) if chars.len() == 1 => vec![chars[0].to_string()],
            Segment::Han(chars) => chars.windows(2).map(|w| w.iter().collect()).collect(),
            Segment::Word(w) => vec![w.clone()],
        }
    }
}

/// Splits already-normalised text into Han runs and words, with the byte range of each.
pub fn segments(normalized: &str) -> Vec<(Segment, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(Segment, usize, usize)> = None;
    for (i, c) in normalized.char_indices() {
        let end = i + c.len_utf8();
        let han = is_han(c);
        let word = is_word_char(c);
        match (&mut cur, han, word) {
            (Some((Segment::Han(v), _, e)), true, _) => {
                v.push(c);
                *e = end;
            }
            (Some((Segment::Word(w), _, e)), false, true) => {
                w.push(c);
                *e = end;
            }
            _ => {
                if let Some(done) = cur.take() {
                    out.push(done);
                }
                if han {
                    cur = Some((Segment::Han(vec![c]), i, end));
                } else if word {
                    cur = Some((Segment::Word(c.to_string()), i, end));
                }
            }
        }
    }
    if let Some(done) = cur {
        out.push(done);
    }
    out
}

/// The tokens of normalised text, as indexed: for each Han character its unigram and the bigram
/// it starts (same position); one token per word.
pub fn tokenize_normalized(normalized: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut position = 0;
    for (segment, from, _to) in segments(normalized) {
        match segment {
            Segment::Han(chars) => {
                let mut offset = from;
                for (i, c) in chars.iter().enumerate() {
                    let len = c.len_utf8();
                    tokens.push(Token { text: c.to_string(), position, from: offset, to: offset + len });
                    if let Some(next) = chars.get(i + 1) {
                        let text: String = [*c, *next].iter().collect();
                        tokens.push(Token { position, from: offset, to: offset + len + next.len_utf8(), text });
                    }
                    offset += len;
                    position += 1;
                }
            }
            Segment::Word(word) => {
                let to = from + word.len();
                tokens.push(Token { text: word, position, from, to });
                position += 1;
            }
        }
    }
    tokens
}

/// Normalise, then tokenize. This is what the index sees.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_normalized(&normalize(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn finds_a_word_inside_a_han_run() {
        assert!(texts("农民工欠薪怎么办").contains(&"欠薪".to_string()));
        assert_eq!(Segment::Han("欠薪".chars().collect()).terms(), vec!["欠薪"]);
    }

    #[test]
    fn folds_full_width_and_case() {
        assert_eq!(normalize("ＡＢＣ１２３"), "abc123");
        assert_eq!(texts("ＡＢＣ１２３ App"), vec!["abc123", "app"]);
    }

    #[test]
    fn the_traditional_table_is_sorted_and_total() {
        assert!(crate::t2s::T2S.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(crate::t2s::T2S.iter().all(|&(_, s)| char::from_u32(u32::from(s)).is_some()));
    }

    #[test]
    fn folds_traditional_to_simplified() {
        assert_eq!(normalize("離婚"), "离婚");
        assert_eq!(normalize("繼承"), "继承");
        assert_eq!(normalize("賠償"), "赔偿");
    }

    #[test]
    fn normalize_keeps_char_count() {
        for s in ["離婚ＡＢＣ\u{3000}x", "😀繼承\u{200B}", ""] {
            assert_eq!(normalize(s).chars().count(), s.chars().count());
        }
    }

    #[test]
    fn bigram_and_unigram_share_a_position() {
        let toks = tokenize("工钱");
        let at0: Vec<_> = toks.iter().filter(|t| t.position == 0).map(|t| t.text.as_str()).collect();
        assert_eq!(at0, vec!["工", "工钱"]);
        assert_eq!(toks.last().unwrap().text, "钱");
        assert_eq!(toks.last().unwrap().position, 1);
    }

    #[test]
    fn punctuation_and_emoji_separate() {
        assert_eq!(texts("！？😀，"), Vec::<String>::new());
        let segs: Vec<_> = segments(&normalize("工伤,认定")).into_iter().map(|s| s.0.as_string()).collect();
        assert_eq!(segs, vec!["工伤", "认定"]);
    }

    #[test]
    fn offsets_point_into_the_normalized_text() {
        let n = normalize("讨薪 abc");
        for t in tokenize_normalized(&n) {
            assert_eq!(&n[t.from..t.to], t.text);
        }
    }
}
