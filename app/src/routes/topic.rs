//! A topic: its guides first, then its FAQs, then how many quiz questions it has.

use crate::api::use_catalog;
use crate::components::{Hotline, Problem};
use crate::routes::doc::set_title;
use crate::routes::not_found::NotFound;
use crate::routes::tree::TreeLinks;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use pocketlaw_engine::model::DocKind;

#[component]
pub fn TopicPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let catalog = use_catalog();
    move || match &catalog {
        Err(e) => view! { <Problem message=e.clone()/> }.into_any(),
        Ok(c) => match c.topic(&slug.get()) {
            None => view! { <NotFound/> }.into_any(),
            Some(t) => {
                set_title(&t.name);
                view! { <TopicView topic=t.clone()/> }.into_any()
            }
        },
    }
}

/// A topic's lists (also the topic's static page, drawn by the site build).
#[component]
pub fn TopicView(topic: pocketlaw_engine::model::Topic) -> impl IntoView {
    let t = topic;
    let catalog = use_catalog();
    let Ok(c) = catalog.as_ref() else { return None };
    let list = |k: DocKind| -> Vec<(String, String, String)> {
        c.docs.iter().filter(|d| d.topic == t.slug && d.kind == k).map(|d| (d.id.clone(), d.title.clone(), d.summary.clone())).collect()
    };
    let (guides, faqs, quiz) = (list(DocKind::Guide), list(DocKind::Faq), list(DocKind::Quiz));
    Some(view! {
        <section class="topic" data-testid="topic">
            <h1>{t.name.clone()}</h1>
            <p class="blurb">{t.blurb.clone()}</p>
            <TreeLinks topic=t.slug.clone()/>
            <h2>"办事指南"</h2>
            <ul class="doc-list">
                {guides.into_iter().map(|(id, title, summary)| view! {
                    <li><A href=format!("/doc/{id}")><strong>{title}</strong></A><p>{summary}</p></li>
                }).collect_view()}
            </ul>
            <h2>"常见问题"</h2>
            <ul class="doc-list">
                {faqs.into_iter().map(|(id, title, _)| view! { <li><A href=format!("/doc/{id}")>{title}</A></li> }).collect_view()}
            </ul>
            {(!quiz.is_empty()).then(|| view! {
                <h2>"相关月考题"</h2>
                <ul class="doc-list">
                    {quiz.into_iter().map(|(id, title, _)| view! { <li><A href=format!("/doc/{id}")>{title}</A></li> }).collect_view()}
                </ul>
            })}
            <Hotline/>
        </section>
    })
}
