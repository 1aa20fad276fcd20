//! Splitting `+++` TOML front matter from a Markdown body, and mapping errors to lines.

/// A file split into front matter and body, with the line numbers where each starts.
pub struct Split<'a> {
    pub front: &'a str,
    /// 1-based line of the first front matter line.
    pub front_line: usize,
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: usize,
}

pub fn split(text: &str) -> Result<Split<'_>, (usize, String)> {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return Err((1, "file must start with a `+++` line opening the TOML front matter".into()));
    };
    let Some(end) = rest.find("\n+++") else {
        return Err((1, "front matter is not closed: add a `+++` line after it".into()));
    };
    let front = &rest[..end + 1];
    let after = &rest[end + 4..];
    let body = after.strip_prefix('\n').unwrap_or(after);
    let front_lines = front.matches('\n').count();
    Ok(Split { front, front_line: 2, body, body_line: 2 + front_lines + 1 })
}

/// The 1-based line (within the file) of a byte offset inside `part`, which starts at `first_line`.
pub fn line_at(part: &str, offset: usize, first_line: usize) -> usize {
    first_line + part[..offset.min(part.len())].matches('\n').count()
}

/// The line of `key = …` in the front matter, or the first front matter line.
pub fn key_line(split: &Split, key: &str) -> usize {
    for (i, line) in split.front.lines().enumerate() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return split.front_line + i;
            }
        }
    }
    split.front_line
}

/// The line where `needle` occurs in the front matter (e.g. one citation in a multi-line array),
/// else the line of `key`.
pub fn value_line(split: &Split, key: &str, needle: &str) -> usize {
    match split.front.find(needle) {
        Some(off) => line_at(split.front, off, split.front_line),
        None => key_line(split, key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let text = "+++\nid = \"a\"\ntopic = \"b\"\n+++\nbody line\n";
        let s = split(text).unwrap();
        assert_eq!(s.front, "id = \"a\"\ntopic = \"b\"\n");
        assert_eq!(s.body, "body line\n");
        assert_eq!(s.body_line, 5);
        assert_eq!(key_line(&s, "topic"), 3);
        assert_eq!(text.lines().nth(s.body_line - 1), Some("body line"));
    }

    #[test]
    fn reports_missing_delimiters() {
        assert_eq!(split("id = 1").err().unwrap().0, 1);
        assert!(split("+++\nid = 1\n").is_err());
    }
}
