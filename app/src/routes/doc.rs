//! A guide, FAQ or quiz question. The body was rendered to HTML at build time.

use crate::api::{load_topic, use_catalog};
use crate::components::{Disclaimer, Hotline, Loading, Problem, ReadAloud};
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use pocketlaw_engine::model::{Catalog, CitationRef, DocKind, DocPage as Page};

#[component]
pub fn DocPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let catalog = use_catalog();
    // The topic piece that holds this document, once the catalog says which topic it is.
    let topic = {
        let catalog = catalog.clone();
        Memo::new(move |_| catalog.as_ref().ok().and_then(|c| c.doc(&id.get()).map(|d| d.topic.clone())))
    };
    let chunk = LocalResource::new(move || {
        let t = topic.get();
        async move {
            match t {
                Some(t) => Some(load_topic(t).await),
                None => None,
            }
        }
    });
    move || match &catalog {
        Err(e) => view! { <Problem message=e.clone()/> }.into_any(),
        Ok(c) if c.doc(&id.get()).is_none() => view! { <NotFound/> }.into_any(),
        Ok(c) => match chunk.get().flatten() {
            None => view! { <Loading what="内容"/> }.into_any(),
            Some(Err(e)) => view! { <Problem message=e/> }.into_any(),
            Some(Ok(ch)) => match ch.pages.iter().find(|p| p.id == id.get()) {
                None => view! { <NotFound/> }.into_any(),
                Some(p) => {
                    set_title(&p.title);
                    article(p.clone(), c, &ch.pages).into_any()
                }
            },
        },
    }
}

/// A document whole (also its static page, drawn by the site build): `siblings` are the pages of
/// its topic, for a guide's FAQs.
pub fn article(page: Page, c: &Catalog, siblings: &[Page]) -> impl IntoView {
    let topic_name = c.topic(&page.topic).map(|t| t.name.clone()).unwrap_or_default();
    let guide = page.guide.as_ref().and_then(|g| c.doc(g)).map(|g| (g.id.clone(), g.title.clone()));
    let faqs: Vec<(String, String)> = if page.kind == DocKind::Guide {
        siblings
            .iter()
            .filter(|x| x.guide.as_deref() == Some(&page.id) && x.kind == DocKind::Faq)
            .map(|x| (x.id.clone(), x.title.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let quiz = page.quiz.clone();
    view! {
        <article class=format!("doc doc-{}", page.kind.as_str()) data-testid="doc" data-id=page.id.clone()>
            <p class="crumbs"><A href=format!("/topic/{}", page.topic)>{topic_name}</A>" · "{page.kind.label()}</p>
            <h1>{page.title.clone()}</h1>
            <ReadAloud selector="[data-testid=doc]"/>
            {quiz.map(|q| view! {
                <ol class="quiz-options" type="A">
                    {q.options.iter().enumerate().map(|(i, o)| {
                        let right = q.answer.contains(&i);
                        view! { <li class:right=right>{o.clone()}{right.then_some("（正确答案）")}</li> }
                    }).collect_view()}
                </ol>
                <h2>"解析"</h2>
            })}
            <div class="body" inner_html=page.html.clone()></div>
            {guide.map(|(id, title)| view! {
                <p class="see-guide">"详细办法见指南："<A href=format!("/doc/{id}")>{title}</A></p>
            })}
            {(!faqs.is_empty()).then(|| view! {
                <section class="faqs"><h2>"大家常问"</h2><ul>
                    {faqs.into_iter().map(|(id, t)| view! { <li><A href=format!("/doc/{id}")>{t}</A></li> }).collect_view()}
                </ul></section>
            })}
            <Citations list=page.citations.clone()/>
            <Disclaimer reviewed=page.reviewed.clone()/>
            <Hotline/>
        </article>
    }
}

/// The legal basis: each citation links to the article text when the build shipped it.
#[component]
pub fn Citations(list: Vec<CitationRef>) -> impl IntoView {
    view! {
        <section class="citations" aria-labelledby="cites-h">
            <h2 id="cites-h">"法律依据"</h2>
            <ul>
                {list.into_iter().map(|c| {
                    let label = format!("《{}》{}", c.law, c.article);
                    if c.resolved {
                        view! { <li><A href=format!("/law/{}/{}", c.law, c.article) attr:class="cite">{label}</A></li> }.into_any()
                    } else {
                        view! { <li>{label}</li> }.into_any()
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Sets the document title (shown in the tab and in shares).
pub fn set_title(title: &str) {
    if let Some(d) = crate::window().and_then(|w| w.document()) {
        d.set_title(&format!("{title} - {}", crate::components::app_name()));
    }
}
