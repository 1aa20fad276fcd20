//! Stage 3: Markdown → HTML with pulldown-cmark. Internal links (`doc:`, `dir:`, `topic:`,
//! `tree:`, `calc:`, `form:`) become app routes and are recorded for checking; inline citations become links to the
//! article page; raw HTML, images and external links are refused (the app works offline and
//! requests nothing from third parties).

use crate::frontmatter::line_at;
use pocketlaw_engine::citation::{find_inline, Citation};
use pocketlaw_engine::html::escape;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    Doc(String),
    Dir(String),
    Topic(String),
    Tree(String),
    Calc(String),
    Form(String),
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// Plain text of the body, for the index and snippets.
    pub text: String,
    /// The first paragraph's text.
    pub summary: String,
    pub links: Vec<(LinkTarget, usize)>,
    /// Level-2 headings with their lines.
    pub h2: Vec<(String, usize)>,
    pub citations: Vec<(Result<Citation, String>, usize)>,
    pub errors: Vec<(usize, String)>,
}

/// The app route of a citation's article page.
pub fn law_route(c: &Citation) -> String {
    format!("/law/{}/{}", c.law, c.article_label())
}

/// A citation found in a run of text: where it starts, where its article label ends.
struct Found {
    start: usize,
    end: Option<usize>,
    parsed: Result<Citation, String>,
}

/// What may stand between two citations in one bracket: `（《民法典》第一千零七十九条、《民事诉讼法》第二十二条）`.
fn only_separators(s: &str) -> bool {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';' | '和' | '及' | '与' | '以')).is_empty()
}

/// When `found[0]` opens a full-width bracket that holds nothing but citations (and separators),
/// the bracket's byte range and how many citations it holds.
fn bracket_of_citations(t: &str, found: &[Found]) -> Option<(usize, usize, usize)> {
    let first = found.first()?;
    let before = t[..first.start].trim_end();
    let open = before.strip_suffix('（').map(str::len)?;
    let mut n = 0;
    let mut pos = first.start;
    for f in found {
        if f.parsed.is_err() || f.start < pos || (n > 0 && !only_separators(&t[pos..f.start])) {
            break;
        }
        pos = f.end?;
        n += 1;
    }
    let after = &t[pos..];
    let rest = after.trim_start();
    let close = pos + (after.len() - rest.len()) + rest.strip_prefix('）').map(|_| '）'.len_utf8())?;
    (n > 0).then_some((open, close, n))
}

/// A bracket of citations as small marks after the words they support. Each mark is a link to its
/// article, named for screen readers; it shows "法" (drawn by style.css, so not part of the text)
/// and carries the exact words of the bracket, hidden, so the page's text stays exactly as
/// written (for copying, printing, and read-aloud when asked). The boot shell and the app both
/// show this HTML.
fn cite_marks(t: &str, open: usize, close: usize, found: &[Found]) -> String {
    let mut html = String::from("<span class=\"cite-marks\">");
    for (k, f) in found.iter().enumerate() {
        let Ok(c) = &f.parsed else { continue };
        let from = if k == 0 { open } else { f.start };
        let to = found.get(k + 1).map_or(close, |g| g.start);
        let label = &t[f.start..f.end.unwrap_or(f.start)];
        html.push_str(&format!(
            "<a class=\"cite-mark\" href=\"{}\" aria-label=\"法律依据：{}\"><span class=\"ct\">{}</span></a>",
            escape(&law_route(c)),
            escape(label),
            escape(&t[from..to])
        ));
    }
    html.push_str("</span>");
    html
}

pub fn render(body: &str, body_line: usize) -> Rendered {
    let mut out = Rendered::default();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event> = Vec::new();
    let mut in_h2: Option<(String, usize)> = None;
    let mut in_link = false;
    let mut para_depth = 0usize;
    let mut first_para_done = false;
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let line = line_at(body, range.start, body_line);
        match &event {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => in_h2 = Some((String::new(), line)),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some(h) = in_h2.take() {
                    out.h2.push((h.0.trim().to_string(), h.1));
                }
            }
            Event::Start(Tag::Paragraph) => para_depth += 1,
            Event::End(TagEnd::Paragraph) => {
                para_depth = para_depth.saturating_sub(1);
                if !out.summary.is_empty() {
                    first_para_done = true;
                }
            }
            Event::End(TagEnd::Item) | Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::TableCell) => out.text.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => {
                out.errors.push((line, format!("raw HTML is not allowed in content: `{}`", h.trim())));
                continue;
            }
            Event::Start(Tag::Image { .. }) => {
                out.errors.push((line, "images are not supported: the app ships text only".into()));
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                in_link = true;
                let dest = dest_url.to_string();
                let (route, target) = match dest.split_once(':') {
                    Some(("doc", id)) => (format!("/doc/{id}"), Some(LinkTarget::Doc(id.into()))),
                    Some(("dir", id)) => (format!("/directory#{id}"), Some(LinkTarget::Dir(id.into()))),
                    Some(("topic", s)) => (format!("/topic/{s}"), Some(LinkTarget::Topic(s.into()))),
                    Some(("tree", id)) => (format!("/tree/{id}"), Some(LinkTarget::Tree(id.into()))),
                    Some(("calc", id)) => (format!("/calc/{id}"), Some(LinkTarget::Calc(id.into()))),
                    Some(("form", id)) => (format!("/form/{id}"), Some(LinkTarget::Form(id.into()))),
                    Some(("tel", n)) if n.chars().all(|c| c.is_ascii_digit()) => (dest.clone(), None),
                    _ => {
                        out.errors.push((
                            line,
                            format!(
                                "link `{dest}`: only doc:, dir:, topic:, tree:, calc:, form: and tel: links are allowed (the app works offline)"
                            ),
                        ));
                        (dest.clone(), None)
                    }
                };
                if let Some(t) = target {
                    out.links.push((t, line));
                }
                events.push(Event::Start(Tag::Link { link_type, dest_url: CowStr::from(route), title, id }));
            }
            Event::End(TagEnd::Link) => {
                in_link = false;
                events.push(Event::End(TagEnd::Link));
            }
            Event::Text(t) => {
                if let Some(h) = in_h2.as_mut() {
                    h.0.push_str(&t);
                }
                if para_depth > 0 && !first_para_done {
                    out.summary.push_str(&t);
                }
                out.text.push_str(&t);
                if in_link {
                    events.push(Event::Text(t));
                    continue;
                }
                // Inline citations become links to the article page; a bracket that holds only
                // citations becomes small marks instead (see `cite_marks`), so that it does not
                // break the sentence for a reader.
                let c_line = line_at(body, range.start, body_line);
                let found: Vec<Found> = find_inline(&t)
                    .into_iter()
                    .map(|(start, parsed)| {
                        // The citation's text ends after its article label.
                        let end = parsed.as_ref().ok().and_then(|c| {
                            let art = c.article_label();
                            t[start..].find(&art).map(|i| start + i + art.len())
                        });
                        Found { start, end, parsed }
                    })
                    .collect();
                let mut last = 0;
                let mut i = 0;
                while i < found.len() {
                    let f = &found[i];
                    if let Some((open, close, n)) = bracket_of_citations(&t, &found[i..]) {
                        if open > last {
                            events.push(Event::Text(CowStr::from(t[last..open].to_string())));
                        }
                        events.push(Event::InlineHtml(CowStr::from(cite_marks(&t, open, close, &found[i..i + n]))));
                        for g in &found[i..i + n] {
                            out.citations.push((g.parsed.clone(), c_line));
                        }
                        last = close;
                        i += n;
                        continue;
                    }
                    if let (Ok(c), Some(end)) = (&f.parsed, f.end) {
                        if f.start > last {
                            events.push(Event::Text(CowStr::from(t[last..f.start].to_string())));
                        }
                        events.push(Event::InlineHtml(CowStr::from(format!(
                            "<a class=\"cite\" href=\"{}\">{}</a>",
                            escape(&law_route(c)),
                            escape(&t[f.start..end])
                        ))));
                        last = end;
                    }
                    out.citations.push((f.parsed.clone(), c_line));
                    i += 1;
                }
                if last < t.len() {
                    events.push(Event::Text(CowStr::from(t[last..].to_string())));
                }
            }
            Event::Code(t) => {
                out.text.push_str(&t);
                events.push(Event::Code(t));
            }
            // A checklist item ("- [ ] 身份证") becomes a tick box people can use while packing.
            Event::TaskListMarker(_) => {
                events.push(Event::InlineHtml(CowStr::from("<input type=\"checkbox\" aria-label=\"已备好这一项\"> ")));
            }
            Event::SoftBreak | Event::HardBreak => {
                out.text.push(' ');
                events.push(event);
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            other => events.push(other),
        }
    }
    html::push_html(&mut out.html, events.into_iter());
    out.summary = out.summary.trim().to_string();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_internal_links_and_records_them() {
        let r = render("见[指南](doc:wage-claim)和[法援中心](dir:legal-aid)。\n", 10);
        assert!(r.html.contains("href=\"/doc/wage-claim\""), "{}", r.html);
        assert!(r.html.contains("href=\"/directory#legal-aid\""));
        assert_eq!(r.links, vec![(LinkTarget::Doc("wage-claim".into()), 10), (LinkTarget::Dir("legal-aid".into()), 10)]);
    }

    #[test]
    fn refuses_html_images_and_external_links() {
        let r = render("第一段\n\n<script>x</script>\n\n[a](https://example.com) ![i](x.png)\n", 5);
        let lines: Vec<_> = r.errors.iter().map(|e| e.0).collect();
        assert_eq!(lines, vec![7, 9, 9]);
    }

    #[test]
    fn collects_h2_summary_text_and_citations() {
        let md = "先说结论，要在一年内申请（《劳动争议调解仲裁法》第二十七条）。\n\n## 一步一步怎么办\n\n1. 去仲裁\n";
        let r = render(md, 3);
        assert_eq!(r.h2, vec![("一步一步怎么办".to_string(), 5)]);
        assert!(r.summary.starts_with("先说结论"));
        assert_eq!(r.citations.len(), 1);
        assert_eq!(r.citations[0].1, 3);
        assert!(r.text.contains("去仲裁"));
    }

    /// The words a reader sees: the page without its tags and without the hidden citation text.
    fn visible(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(i) = rest.find("<span class=\"ct\">") {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            rest = &rest[rest.find("</span>").map_or(rest.len(), |j| j + 7)..];
        }
        out.push_str(rest);
        crate::boot::description(&out, 10_000)
    }

    #[test]
    fn a_bracket_of_citations_becomes_marks_and_keeps_its_exact_words() {
        let md = "要在一年内申请（《劳动争议调解仲裁法》第二十七条）。\n\n离婚可以去法院（《民法典》第一千零七十九条、《民事诉讼法》第二十二条）。\n";
        let r = render(md, 1);
        assert_eq!(r.citations.len(), 3);
        assert!(r.citations.iter().all(|(c, line)| c.is_ok() && *line >= 1));
        // Each citation is a mark that links to its article and names it for screen readers.
        assert_eq!(r.html.matches("class=\"cite-mark\"").count(), 3, "{}", r.html);
        assert!(r.html.contains("href=\"/law/民法典/第一千零七十九条\" aria-label=\"法律依据：《民法典》第一千零七十九条\""));
        // The reader sees the sentence (and the marks, drawn by style.css), not the bracket.
        assert_eq!(visible(&r.html), "要在一年内申请。 离婚可以去法院。");
        // Nothing is lost: the page's text is still exactly the source's words.
        assert_eq!(crate::boot::description(&r.html, 10_000), md.replace("\n\n", " ").trim());
        assert!(r.text.contains("（《民法典》第一千零七十九条、《民事诉讼法》第二十二条）"));
    }

    #[test]
    fn a_citation_inside_a_sentence_stays_a_link_in_the_sentence() {
        for md in [
            "根据《劳动争议调解仲裁法》第二十七条，时效是一年。",
            "时效是一年（见《劳动争议调解仲裁法》第二十七条）。",
            "时效是一年（《劳动合同法》第四十七条、第八十七条）。",
        ] {
            let r = render(md, 1);
            assert!(!r.html.contains("cite-mark"), "{md}: {}", r.html);
            assert!(r.html.contains("<a class=\"cite\" href=\"/law/"), "{md}: {}", r.html);
            assert_eq!(r.citations.len(), 1);
        }
    }
}
