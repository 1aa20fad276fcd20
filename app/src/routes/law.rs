//! The text of one cited article, shipped with the build when the statute pack was present.

use crate::api::load_statutes;
use crate::components::{Loading, Problem};
use crate::routes::doc::set_title;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pocketlaw_engine::model::ArticleText;

#[component]
pub fn LawPage() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| {
        let p = params.read();
        (p.get("law").unwrap_or_default(), p.get("article").unwrap_or_default())
    });
    let statutes = LocalResource::new(load_statutes);
    move || {
        let (law, article) = key.get();
        set_title(&format!("《{law}》{article}"));
        match statutes.get() {
            None => view! { <Loading what="法律条文"/> }.into_any(),
            Some(Err(e)) => view! { <Problem message=e/> }.into_any(),
            Some(Ok(s)) => match s.articles.get(&format!("{law}|{article}")) {
                None => view! { <Problem message=format!("这个版本没有附带《{law}》{article}的原文。")/> }.into_any(),
                Some(a) => {
                    let whole = crate::api::has_library().then(|| whole_law_href(&law, &article)).flatten();
                    view! { <ArticleView article=a.clone() whole/> }.into_any()
                }
            },
        }
    }
}

/// One article's text (also its static page, drawn by the site build), with the link to it in its
/// whole law when the build has the library and the law.
#[component]
pub fn ArticleView(article: ArticleText, whole: Option<String>) -> impl IntoView {
    let a = article;
    view! {
        <article class="law" data-testid="law">
            <p class="crumbs">{a.title.clone()}</p>
            <h1>{a.article.clone()}</h1>
            {a.text.lines().map(|l| view! { <p>{l.to_string()}</p> }).collect_view()}
            {whole.map(|href| view! { <p class="whole-law"><a href=href>"在整部法律里看"</a></p> })}
            <p class="note">"以上是法律原文。看不懂的地方，可以拨打 12348 请人解释。"</p>
            <button type="button" class="back" on:click=|_| {
                if let Some(h) = crate::window().and_then(|w| w.history().ok()) {
                    let _ = h.back();
                }
            }>"返回"</button>
        </article>
    }
}

/// The link from a cited article to the article in its whole law (`/laws/劳动合同法#a47`).
pub fn whole_law_href(law: &str, article: &str) -> Option<String> {
    let no = pocketlaw_engine::library::parse_article_ref(article)?;
    Some(format!("/laws/{law}#{}", pocketlaw_engine::library::anchor_of_number(no)))
}
