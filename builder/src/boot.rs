//! The boot shell: each route's page as static HTML, written into its `index.html` by the site
//! build. It is what a phone shows before the wasm app has loaded, the first and largest paint on
//! a slow line, and all that a phone without JavaScript or WebAssembly gets: a shared guide link
//! opens on the guide itself, with its legal basis, the disclaimer and the hotline.
//!
//! The markup is the app's own: `Site` (`pocketlaw_app::ssr`) renders the app's components on the
//! host, so the app draws the same page in its place and nothing on screen moves. What stays here
//! is text for the page's `<head>`.

pub use pocketlaw_app::ssr::{whole_law_href, Site};

/// The text of rendered HTML, tags dropped and entities of the escaper undone, cut to `max`
/// characters: a page's description for link previews.
pub fn description(html: &str, max: usize) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            // Inline tags add no space (Chinese has none between words); block ends come with a newline.
            '>' => in_tag = false,
            c if !in_tag => text.push(if c.is_whitespace() { ' ' } else { c }),
            _ => {}
        }
    }
    let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    crate::emit::cut(&text.split_whitespace().collect::<Vec<_>>().join(" "), max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_is_plain_text_cut_to_length() {
        let html = "<p>老板拖欠<strong>工资</strong>，先&lt;协商&gt;。</p>\n<ul><li>带上欠条</li></ul>";
        assert_eq!(description(html, 80), "老板拖欠工资，先<协商>。 带上欠条");
        assert_eq!(description(html, 4), "老板拖欠…");
        assert_eq!(description("", 10), "");
    }
}
