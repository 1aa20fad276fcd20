//! The one HTML escaper: for text put into HTML by the builder (pages, rendered content,
//! citation links) and by the engine (search snippets, which the app sets as inner HTML).

/// `s` with `&`, `<`, `>` and `"` as entities: safe as an element's text and as the value of a
/// double-quoted attribute. Every attribute this project writes is double-quoted, so `'` is left
/// as it is (escaping it would only lengthen pages: their policy is full of `'self'`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped as by [`escape`].
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_double_quoted_attributes() {
        assert_eq!(escape("a<b>&\"c\"'d' 工资"), "a&lt;b&gt;&amp;&quot;c&quot;'d' 工资");
        // Once more escapes the entities themselves: the escaper is not idempotent, by design.
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape(""), "");
    }
}
