//! The boot shell: each route's page as static HTML, written into its `index.html` by the site
//! build. It is what a phone shows before the wasm app has loaded, the first and largest paint on
//! a slow line, and all that a phone without JavaScript or WebAssembly gets: a shared guide link
//! opens on the guide itself, with its legal basis, the disclaimer and the hotline.
//!
//! The markup mirrors the app's components (`app/src/routes/`), so the app can swap it for its
//! own in one step without anything on screen moving or growing. Links are plain links to the
//! other route pages, so the shell is browsable on its own.

use pocketlaw_engine::model::{Catalog, DocKind, DocPage, Notice, Topic};

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

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The status line the page's script fills in if the app cannot start.
fn status(text: &str) -> String {
    format!("<p id=\"boot-status\" class=\"boot-status\" role=\"status\">{text}</p>")
}

fn hotline(c: &Catalog) -> String {
    let h = escape(&c.county.hotline);
    format!("<a class=\"hotline\" href=\"tel:{h}\"><span aria-hidden=\"true\">📞 </span>拨打 {h} 法律服务热线（免费咨询）</a>")
}

fn trees(c: &Catalog, topic: Option<&str>) -> String {
    let items: String = c
        .trees
        .iter()
        .filter(|t| topic.is_none_or(|s| t.topic == s))
        .map(|t| format!("<li><a href=\"/tree/{}\">{}</a></li>", escape(&t.id), escape(&t.title)))
        .collect();
    if items.is_empty() {
        return String::new();
    }
    format!("<section class=\"tree-links\"><h2>一步一步问，帮您判断</h2><ul class=\"doc-list\">{items}</ul></section>")
}

/// The newest notices, for the home page. The static page cannot know today's date, so it shows
/// each one's last day; the app leaves out what has expired and marks what is new on this phone.
fn notices(c: &Catalog) -> String {
    if c.notices.is_empty() {
        return String::new();
    }
    let items: String = c
        .notices
        .iter()
        .take(pocketlaw_engine::model::HOME_NOTICES)
        .map(|n| {
            format!(
                "<li data-testid=\"notice\" data-id=\"{id}\"><a href=\"/notice/{id}\"><strong>{t}</strong></a><p class=\"notice-date\">{d}</p></li>",
                id = escape(&n.id),
                t = escape(&n.title),
                d = escape(&n.dates())
            )
        })
        .collect();
    format!("<section class=\"notices\" aria-labelledby=\"boot-notices-h\" data-testid=\"notices\"><h2 id=\"boot-notices-h\">通知公告</h2><ul class=\"doc-list\">{items}</ul></section>")
}

/// A notice's own page (a shareable link).
pub fn notice(c: &Catalog, n: &Notice) -> String {
    format!(
        "<article class=\"notice-page\" data-testid=\"notice-page\" data-id=\"{id}\"><p class=\"crumbs\">通知公告</p><h1>{t}</h1>\
         <p class=\"notice-date\">{d}</p><div class=\"body\">{body}</div>{hotline}</article>{status}",
        id = escape(&n.id),
        t = escape(&n.title),
        d = escape(&n.dates()),
        body = n.html,
        hotline = hotline(c),
        status = status(""),
    )
}

/// The home page's link to the calculators (as `routes::calc::CalcLinks` draws it).
fn calc_links() -> String {
    "<p class=\"calc-links\"><a href=\"/calc\" class=\"big-link\">算一算：期限、诉讼费、工伤补助、经济补偿、加班费</a></p>".to_string()
}

/// The calculators' list (as `routes::calc::CalcList` draws it).
pub fn calc_list(c: &Catalog) -> String {
    let items: String = pocketlaw_engine::calc::list()
        .iter()
        .map(|k| {
            format!(
                "<li><a href=\"/calc/{}\"><strong>{}</strong></a><p>{}</p></li>",
                escape(&k.id),
                escape(&k.title),
                escape(&k.description)
            )
        })
        .collect();
    format!(
        "<section class=\"calc-list\" data-testid=\"calc-list\"><h1>算一算</h1><p>按法律的规定，算期限、算钱。结果只供参考，具体以办事机关、法院的决定为准。</p>\
         <ul class=\"doc-list\">{items}</ul>{hotline}</section>{status}",
        hotline = hotline(c),
        status = status(""),
    )
}

/// One calculator before the app: what it is; its fields need the app.
pub fn calc_page(c: &Catalog, k: &pocketlaw_engine::calc::CalcInfo) -> String {
    format!(
        "<section class=\"calc\"><p class=\"crumbs\"><a href=\"/calc\">算一算</a></p><h1>{t}</h1><p>{d}</p>{status}{hotline}</section>",
        t = escape(&k.title),
        d = escape(&k.description),
        status = status("正在打开……"),
        hotline = hotline(c),
    )
}

/// One cited article (as `routes::law::LawPage` draws it): a tapped citation opens a real page, with
/// or without the app.
pub fn law(a: &pocketlaw_engine::model::ArticleText, whole: Option<&str>) -> String {
    let lines: String = a.text.lines().map(|l| format!("<p>{}</p>", escape(l))).collect();
    let whole = whole.map(|href| format!("<p class=\"whole-law\"><a href=\"{}\">在整部法律里看</a></p>", escape(href))).unwrap_or_default();
    format!(
        "<article class=\"law\" data-testid=\"law\"><p class=\"crumbs\">{t}</p><h1>{art}</h1>{lines}{whole}\
         <p class=\"note\">以上是法律原文。看不懂的地方，可以拨打 12348 请人解释。</p><button type=\"button\" class=\"back\">返回</button></article>{status}",
        t = escape(&a.title),
        art = escape(&a.article),
        status = status(""),
    )
}

/// The link from a cited article's page to the article in its whole law (`/laws/劳动合同法#a47`),
/// as `routes::law::LawPage` writes it.
pub fn whole_law_href(law: &str, article: &str) -> Option<String> {
    let no = pocketlaw_engine::library::parse_article_ref(article)?;
    Some(format!("/laws/{law}#{}", pocketlaw_engine::library::anchor_of_number(no)))
}

/// 法律法规 on the home page (app: `routes::laws::LawsLink`).
fn laws_link() -> String {
    "<p class=\"laws-link\"><a href=\"/laws\" class=\"big-link\">法律法规：查法律条文原文</a></p>".to_string()
}

/// The library's search page before the app (`routes::laws::LawsPage`): the box and the key laws.
pub fn laws(keys: &[&pocketlaw_engine::library::LawInfo]) -> String {
    let items: String = keys
        .iter()
        .map(|l| {
            format!(
                "<li><a href=\"/laws/{}\"><strong>{}</strong><span>{}</span></a></li>",
                escape(&l.id),
                escape(&l.title),
                escape(&l.status_label)
            )
        })
        .collect();
    format!(
        "<section class=\"laws\" data-testid=\"laws\"><h1>法律法规</h1>\
         <section class=\"search\" role=\"search\"><label for=\"law-q\" class=\"search-label\">查法律条文：法律名称、第几条，或者用自己的话</label>\
         <input id=\"law-q\" type=\"search\" placeholder=\"例如：劳动合同法第四十七条\" autocomplete=\"off\" enterkeyhint=\"search\"></section>\
         <h2>常用法律</h2><ul class=\"law-list\">{items}</ul></section>{status}",
        status = status("正在打开……"),
    )
}

/// A key law's page before the app draws it (`routes::laws::LawWhole`): its title and status.
pub fn law_whole(l: &pocketlaw_engine::library::LawInfo) -> String {
    format!(
        "<article class=\"law-whole\" data-testid=\"law-whole\"><p class=\"crumbs\"><a href=\"/laws\">法律法规</a></p><h1>{}</h1>\
         <p class=\"law-meta\">{}<span class=\"law-status\">{}</span></p></article>{status}",
        escape(&l.title),
        if l.date.is_empty() { String::new() } else { format!("{} 版 · ", escape(&l.date)) },
        escape(&l.status_label),
        status = status("正在打开……"),
    )
}

/// The home page (also the shell of the routes that have no static form of their own).
pub fn home(c: &Catalog, library: bool) -> String {
    let topics: String = c
        .topics
        .iter()
        .map(|t| {
            format!(
                "<li><a href=\"/topic/{}\"><strong>{}</strong><span>{}</span></a></li>",
                escape(&t.slug),
                escape(&t.name),
                escape(&t.blurb)
            )
        })
        .collect();
    // The quiz card offers the newest month here; the app picks by the phone's clock.
    let quiz = c
        .quiz_months
        .last()
        .map(|m| format!("<a class=\"big-link quiz-card\" href=\"/quiz/month/{m}\">本月法治月考（{m}）</a><p class=\"quiz-more\"><a href=\"/quiz\">错题本、专题练习、历次成绩</a></p>", m = escape(m)))
        .unwrap_or_default();
    format!(
        "<h1 class=\"sr-only\">{app}：遇到法律问题，先在这里查一查</h1>\
         <section class=\"search\" role=\"search\"><label for=\"boot-q\" class=\"search-label\">遇到什么事？用自己的话说一说</label>\
         <input id=\"boot-q\" type=\"search\" placeholder=\"例如：老板不给工钱\" autocomplete=\"off\" enterkeyhint=\"search\">{status}</section>\
         {notices}{quiz}{trees}{forms}{calc}{laws}\
         <section class=\"topics\" aria-labelledby=\"boot-topics-h\"><h2 id=\"boot-topics-h\">按问题找</h2><ul class=\"topic-grid\">{topics}</ul></section>{hotline}",
        app = escape(&c.county.app_name),
        status = status("正在打开……"),
        notices = notices(c),
        trees = trees(c, None),
        forms = forms_link(c),
        calc = calc_links(),
        laws = if library { laws_link() } else { String::new() },
        hotline = hotline(c),
    )
}

/// 帮您写文书 (app: `routes::form::FormsLink`).
fn forms_link(c: &Catalog) -> String {
    if c.forms.is_empty() {
        return String::new();
    }
    "<section class=\"form-links\"><h2>帮您写文书</h2><a href=\"/form\" class=\"big-link\">写借条、起诉状、仲裁申请书等</a></section>"
        .to_string()
}

/// A topic: its trees, guides with their summaries, FAQs and quiz questions.
pub fn topic(c: &Catalog, t: &Topic) -> String {
    let list = |kind: DocKind, summary: bool| -> String {
        c.docs
            .iter()
            .filter(|d| d.topic == t.slug && d.kind == kind)
            .map(|d| {
                if summary {
                    format!(
                        "<li><a href=\"/doc/{}\"><strong>{}</strong></a><p>{}</p></li>",
                        escape(&d.id),
                        escape(&d.title),
                        escape(&d.summary)
                    )
                } else {
                    format!("<li><a href=\"/doc/{}\">{}</a></li>", escape(&d.id), escape(&d.title))
                }
            })
            .collect()
    };
    let quiz = list(DocKind::Quiz, false);
    let quiz = if quiz.is_empty() { quiz } else { format!("<h2>相关月考题</h2><ul class=\"doc-list\">{quiz}</ul>") };
    format!(
        "<section class=\"topic\"><h1>{name}</h1><p class=\"blurb\">{blurb}</p>{trees}\
         <h2>办事指南</h2><ul class=\"doc-list\">{guides}</ul><h2>常见问题</h2><ul class=\"doc-list\">{faqs}</ul>{quiz}{hotline}</section>{status}",
        name = escape(&t.name),
        blurb = escape(&t.blurb),
        trees = trees(c, Some(&t.slug)),
        guides = list(DocKind::Guide, true),
        faqs = list(DocKind::Faq, false),
        hotline = hotline(c),
        status = status(""),
    )
}

/// A guide, FAQ or quiz question, whole: the body (already rendered and checked by the build),
/// the legal basis, the disclaimer with its review date, and the hotline.
pub fn doc(c: &Catalog, p: &DocPage, siblings: &[DocPage]) -> String {
    let topic_name = c.topic(&p.topic).map(|t| t.name.as_str()).unwrap_or_default();
    let quiz = p
        .quiz
        .as_ref()
        .map(|q| {
            let options: String = q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let right = q.answer.contains(&i);
                    format!(
                        "<li{}>{}{}</li>",
                        if right { " class=\"right\"" } else { "" },
                        escape(o),
                        if right { "（正确答案）" } else { "" }
                    )
                })
                .collect();
            format!("<ol class=\"quiz-options\" type=\"A\">{options}</ol><h2>解析</h2>")
        })
        .unwrap_or_default();
    let guide = p
        .guide
        .as_ref()
        .and_then(|g| c.doc(g))
        .map(|g| format!("<p class=\"see-guide\">详细办法见指南：<a href=\"/doc/{}\">{}</a></p>", escape(&g.id), escape(&g.title)))
        .unwrap_or_default();
    let faqs: String = if p.kind == DocKind::Guide {
        siblings
            .iter()
            .filter(|x| x.guide.as_deref() == Some(&p.id) && x.kind == DocKind::Faq)
            .map(|x| format!("<li><a href=\"/doc/{}\">{}</a></li>", escape(&x.id), escape(&x.title)))
            .collect()
    } else {
        String::new()
    };
    let faqs = if faqs.is_empty() { faqs } else { format!("<section class=\"faqs\"><h2>大家常问</h2><ul>{faqs}</ul></section>") };
    let cites: String = p
        .citations
        .iter()
        .map(|x| {
            let label = escape(&format!("《{}》{}", x.law, x.article));
            if x.resolved {
                format!("<li><a class=\"cite\" href=\"/law/{}/{}\">{label}</a></li>", escape(&x.law), escape(&x.article))
            } else {
                format!("<li>{label}</li>")
            }
        })
        .collect();
    format!(
        "<article class=\"doc doc-{kind}\"><p class=\"crumbs\"><a href=\"/topic/{slug}\">{topic}</a> · {label}</p><h1>{title}</h1>{quiz}\
         <div class=\"body\">{body}</div>{guide}{faqs}\
         <section class=\"citations\" aria-labelledby=\"boot-cites-h\"><h2 id=\"boot-cites-h\">法律依据</h2><ul>{cites}</ul></section>\
         <div class=\"disclaimer\" role=\"note\"><p>{disclaimer}</p><p class=\"reviewed\">内容核对日期：{reviewed}</p></div>{hotline}</article>{status}",
        kind = p.kind.as_str(),
        slug = escape(&p.topic),
        topic = escape(topic_name),
        label = p.kind.label(),
        title = escape(&p.title),
        body = p.html,
        disclaimer = escape(&c.county.disclaimer),
        reviewed = escape(&p.reviewed),
        hotline = hotline(c),
        status = status(""),
    )
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
