//! One HTML page per shareable route, each with its own title and description for link previews,
//! and each carrying its route's boot shell (see `boot`): the home page for most routes, the
//! whole document for a guide, FAQ or quiz question, the lists for a topic. Also the web app
//! manifest and the host's `_headers`, which follow from the home page.

use super::assets::{Code, Data, Inline, Library};
use super::headers::{content_security_policy, headers_file};
use super::writer::{read_text, Writer};
use super::{SiteError, SiteInputs};
use crate::boot;
use pocketlaw_engine::bundle::decode_json;
use pocketlaw_engine::html::escape;
use pocketlaw_engine::library::LawInfo;
use pocketlaw_engine::model::{Catalog, StatuteTexts, TopicChunk};
use std::path::Path;

/// The home page (where people search) starts the search worker from its `<head>`, while the rest
/// of the page is still being read and drawn (public/boot-search.js then uses it). Other routes
/// drawn with the home page's boot shell start it when the box is used.
const BOOT_SEARCH_BOX: &str = "id=\"boot-q\"";
/// Beside the worker's own script, the page asks for the engine's wasm and the index root at once
/// (preloads share the HTTP cache with the worker), so they do not wait for the worker to start.
const EARLY_SEARCH: &str = "<script>if(location.pathname===\"/\"&&typeof WebAssembly===\"object\")try{var a=JSON.parse(document.getElementById(\"pl-assets\").textContent);window.plSearchWorker=new Worker(a.search_worker);a.search_preload.forEach(function(u){var l=document.createElement(\"link\");l.rel=\"preload\";l.as=\"fetch\";l.crossOrigin=\"anonymous\";l.href=u;document.head.appendChild(l)})}catch(e){}</script>\n";

/// What every page shares: public/index.html and what goes into it.
pub(super) struct Pages<'a> {
    c: &'a Catalog,
    template: String,
    catalog_url: String,
    inline: &'a Inline,
    code: &'a Code,
    assets_json: &'a str,
    /// Draws each route's boot shell with the app's components.
    shells: boot::Site,
    /// The home page's boot shell, which most routes carry.
    home_main: String,
    home_title: String,
    home_desc: String,
}

impl<'a> Pages<'a> {
    pub fn new(
        inputs: &SiteInputs<'a>,
        data: &Data,
        inline: &'a Inline,
        code: &'a Code,
        library: &Library,
        assets_json: &'a str,
    ) -> Result<Pages<'a>, SiteError> {
        let c = inputs.catalog;
        let shells = boot::Site::new(c, library.assets.is_some());
        let home_main = shells.home();
        Ok(Pages {
            c,
            template: read_text(inputs.public_dir, "index.html")?,
            catalog_url: data.url("catalog.json")?,
            inline,
            code,
            assets_json,
            shells,
            home_main,
            home_title: format!("{} · {}", c.county.app_name, c.county.tagline),
            home_desc: format!(
                "{}群众的免费法律自助指南：讨薪、工伤、离婚、赡养、土地、借钱等常见问题怎么办，去哪里办，拨打 {} 免费咨询。",
                c.county.name, c.county.hotline
            ),
        })
    }

    /// A page: the template with the route's title, description and boot shell (`main`).
    fn page_with(&self, title: &str, description: &str, main: &str) -> String {
        let page = self
            .template
            .replace("{{TITLE}}", &escape(title))
            .replace("{{DESCRIPTION}}", &escape(description))
            .replace("{{CATALOG}}", &self.catalog_url)
            .replace("{{CSS_TEXT}}", &self.inline.css)
            .replace("{{PWA_TEXT}}", &self.inline.pwa_js)
            .replace("{{BOOT_SEARCH_TEXT}}", &self.inline.boot_search_js)
            .replace("{{APP_JS}}", &self.code.app_js)
            .replace("{{APP_WASM}}", &self.code.app_wasm)
            .replace("{{ASSETS}}", &self.assets_json.replace("</", "<\\/"))
            .replace("{{EARLY_SEARCH}}", if main.contains(BOOT_SEARCH_BOX) { EARLY_SEARCH } else { "" })
            // Last, so that nothing in the content is taken for a placeholder.
            .replace("{{BOOT_MAIN}}", main);
        // The policy names the page's own inline scripts and style by hash (the head comes first,
        // so the first placeholder is the template's).
        let policy = content_security_policy(&page);
        page.replacen("{{CSP}}", &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">", escape(&policy.meta())), 1)
    }

    /// A page with the home page's boot shell.
    fn page(&self, title: &str, description: &str) -> String {
        self.page_with(title, description, &self.home_main)
    }

    /// `<what> - <app name>`: a route page's title.
    fn title(&self, what: &str) -> String {
        format!("{what} - {}", self.c.county.app_name)
    }
}

/// Writes the manifest and every route's page, in this order (the site's version hashes the
/// files in the order written).
pub(super) fn write_pages(w: &mut Writer, p: &Pages, inputs: &SiteInputs, library: &Library) -> Result<(), SiteError> {
    write_home(w, p, inputs.public_dir)?;
    write_topics_and_quiz(w, p)?;
    write_calculators_and_notices(w, p)?;
    write_articles(w, p, inputs)?;
    write_forms(w, p)?;
    write_docs(w, p, inputs.data)?;
    write_laws(w, p, library)
}

/// The web app manifest, the home page, the host's `_headers`, `404.html` and the directory.
fn write_home(w: &mut Writer, p: &Pages, public: &Path) -> Result<(), SiteError> {
    let c = p.c;
    let manifest = read_text(public, "manifest.webmanifest")?
        .replace("{{APP_NAME}}", &c.county.app_name)
        .replace("{{TAGLINE}}", &c.county.tagline)
        .replace("{{DESCRIPTION}}", &p.home_desc.replace('"', "'"));
    w.write("manifest.webmanifest", manifest.as_bytes())?;
    let home = p.page(&p.home_title, &p.home_desc);
    w.write("index.html", home.as_bytes())?;
    // Response headers for static hosts that read a `_headers` file (Netlify, Cloudflare Pages);
    // README "Deploying" says what to set elsewhere. The home page carries every inline script.
    w.write("_headers", headers_file(&content_security_policy(&home)).as_bytes())?;
    w.write("404.html", p.page(&p.home_title, &p.home_desc).as_bytes())?;
    w.write("directory/index.html", p.page(&p.title("法律服务指引"), &p.home_desc).as_bytes())?;
    Ok(())
}

/// Each topic (its lists), and the quiz: its pages, each month's, each topic's practice.
fn write_topics_and_quiz(w: &mut Writer, p: &Pages) -> Result<(), SiteError> {
    let c = p.c;
    for t in &c.topics {
        let html = p.page_with(&p.title(&t.name), &t.blurb, &p.shells.topic(t));
        w.write(&format!("topic/{}/index.html", t.slug), html.as_bytes())?;
    }
    for route in ["quiz", "quiz/notebook", "quiz/history"] {
        w.write(&format!("{route}/index.html"), p.page(&p.title("法治月考"), &p.home_desc).as_bytes())?;
    }
    for m in &c.quiz_months {
        w.write(&format!("quiz/month/{m}/index.html"), p.page(&p.title(&format!("{m} 法治月考")), &p.home_desc).as_bytes())?;
    }
    for t in &c.topics {
        let html = p.page(&p.title(&format!("{} 专题练习", t.name)), &p.home_desc);
        w.write(&format!("quiz/practice/{}/index.html", t.slug), html.as_bytes())?;
    }
    Ok(())
}

/// The calculators (the list and each), the notices and the decision trees.
fn write_calculators_and_notices(w: &mut Writer, p: &Pages) -> Result<(), SiteError> {
    let c = p.c;
    w.write("calc/index.html", p.page_with(&p.title("算一算"), &p.home_desc, &p.shells.calc_list()).as_bytes())?;
    for k in pocketlaw_engine::calc::list() {
        let html = p.page_with(&p.title(&k.title), &k.description, &p.shells.calc_page(&k));
        w.write(&format!("calc/{}/index.html", k.id), html.as_bytes())?;
    }
    for n in &c.notices {
        let html = p.page_with(&p.title(&n.title), &n.summary, &p.shells.notice(n));
        w.write(&format!("notice/{}/index.html", n.id), html.as_bytes())?;
    }
    for t in &c.trees {
        w.write(&format!("tree/{}/index.html", t.id), p.page(&p.title(&t.title), &t.intro).as_bytes())?;
    }
    Ok(())
}

/// Each cited article has its page, so a shared /law/… link answers 200 with the article.
fn write_articles(w: &mut Writer, p: &Pages, inputs: &SiteInputs) -> Result<(), SiteError> {
    let Some((name, bytes)) = inputs.data.iter().find(|f| f.0 == "statutes.json") else { return Ok(()) };
    let texts: StatuteTexts = decode_json(bytes).map_err(|source| SiteError::Data { name: name.to_string(), source })?;
    for (key, a) in &texts.articles {
        let Some((law, article)) = key.split_once('|') else { continue };
        let title = p.title(&format!("《{law}》{article}"));
        let whole =
            inputs.library.as_ref().filter(|l| l.built.laws.iter().any(|i| i.id == law)).and_then(|_| boot::whole_law_href(law, article));
        let html = p.page_with(&title, &boot::description(&escape(&a.text), 80), &p.shells.law(a, &format!("/law/{law}/{article}"), whole));
        w.write(&format!("law/{law}/{article}/index.html"), html.as_bytes())?;
    }
    Ok(())
}

/// Legal forms: the list and each form (the interview and the printable page are drawn by the
/// app; the answers never leave the phone, so no page is written per answer).
fn write_forms(w: &mut Writer, p: &Pages) -> Result<(), SiteError> {
    let c = p.c;
    if !c.forms.is_empty() {
        let desc = format!(
            "帮您一步一步写好常用的法律文书：仲裁申请书、起诉状、借条等。填的内容只存在这部手机上。拿不准的，请拨打 {}。",
            c.county.hotline
        );
        w.write("form/index.html", p.page(&p.title("帮您写文书"), &desc).as_bytes())?;
    }
    for f in &c.forms {
        w.write(&format!("form/{}/index.html", f.id), p.page(&p.title(&f.title), &f.intro).as_bytes())?;
    }
    Ok(())
}

/// Documents (guides, FAQs, quiz questions), each whole: each topic piece holds its pages.
fn write_docs(w: &mut Writer, p: &Pages, data: &[(&str, &[u8])]) -> Result<(), SiteError> {
    let c = p.c;
    for (name, bytes) in data.iter().filter(|f| f.0.starts_with("topics/")) {
        let chunk: TopicChunk = decode_json(bytes).map_err(|source| SiteError::Data { name: name.to_string(), source })?;
        for page in &chunk.pages {
            let d = c.doc(&page.id).ok_or_else(|| SiteError::NotInCatalog { file: name.to_string(), id: page.id.clone() })?;
            let description = if d.summary.is_empty() { boot::description(&page.html, 80) } else { d.summary.clone() };
            let html = p.page_with(&p.title(&d.title), &description, &p.shells.doc(page, &chunk.pages));
            w.write(&format!("doc/{}/index.html", d.id), html.as_bytes())?;
        }
    }
    Ok(())
}

/// The library's pages (with the statute pack): the search (its boot shell lists the key laws)
/// and each key law.
fn write_laws(w: &mut Writer, p: &Pages, library: &Library) -> Result<(), SiteError> {
    if library.assets.is_none() {
        return Ok(());
    }
    let desc = "查法律法规原文：法律、行政法规、司法解释，按条文搜索，整部阅读。";
    let keys: Vec<LawInfo> = library.key_laws.clone();
    w.write("laws/index.html", p.page_with(&p.title("法律法规"), desc, &p.shells.laws(keys)).as_bytes())?;
    for info in library.key_laws.iter().filter(|i| !i.id.contains(['/', '\\'])) {
        let html = p.page_with(&p.title(&info.title), desc, &p.shells.law_whole(info));
        w.write(&format!("laws/{}/index.html", info.id), html.as_bytes())?;
    }
    Ok(())
}
