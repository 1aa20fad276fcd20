//! A decision tree: one question a screen, then the result. The answers live in the URL
//! (`/tree/<id>?a=0.2.1`), so a result can be shared and reopened with no server; progress is also
//! kept on the phone so a half-done tree can be resumed.

use crate::api::{load_trees, use_catalog};
use crate::components::{Hotline, Loading, Places, Problem, ReadAloud};
use crate::routes::doc::{set_title, Citations};
use crate::routes::not_found::NotFound;
use crate::storage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use pocketlaw_engine::model::Catalog;
use pocketlaw_engine::tree::{decode_answers, encode_answers, Answered, Node, Outcome, Question, Tree, Verdict};
use std::sync::Arc;

#[component]
pub fn TreePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let answers = Memo::new(move |_| query.read().get("a").map(|a| decode_answers(&a)).unwrap_or_default());
    let trees = LocalResource::new(load_trees);
    let catalog = use_catalog();
    // Keep the progress, so it can be resumed; an empty start page must not erase it.
    Effect::new(move |_| {
        let Some(Ok(set)) = trees.get() else { return };
        let Some(t) = set.trees.iter().find(|t| t.id == id.get()) else {
            return;
        };
        let ans = answers.get();
        if let Some(walk) = t.walk(&ans).filter(|w| w.used > 0) {
            storage::set(&pocketlaw_engine::contract::storage::tree(&t.id), &encode_answers(&ans[..walk.used]));
        }
    });
    move || match (trees.get(), &catalog) {
        (None, _) => view! { <Loading what="问题"/> }.into_any(),
        (Some(Err(e)), _) => view! { <Problem message=e/> }.into_any(),
        (_, Err(e)) => view! { <Problem message=e.clone()/> }.into_any(),
        (Some(Ok(set)), Ok(cat)) => match set.trees.iter().find(|t| t.id == id.get()) {
            None => view! { <NotFound/> }.into_any(),
            Some(t) => {
                let t = t.clone();
                let ans = answers.get();
                set_title(&t.title);
                let Some(walk) = t.walk(&ans) else {
                    return view! { <NotFound/> }.into_any();
                };
                let used = ans[..walk.used].to_vec();
                match walk.at {
                    Node::Ask(q) => view! { <Ask tree=t.clone() question=q.clone() answers=used/> }.into_any(),
                    Node::Done(o) => view! { <Result tree=t.clone() outcome=o.clone() path=walk.path catalog=cat.clone()/> }.into_any(),
                }
            }
        },
    }
}

fn tree_url(id: &str, answers: &[usize]) -> String {
    if answers.is_empty() {
        format!("/tree/{id}")
    } else {
        format!("/tree/{id}?a={}", encode_answers(answers))
    }
}

#[component]
fn Ask(tree: Tree, question: Question, answers: Vec<usize>) -> impl IntoView {
    let navigate = use_navigate();
    let step = answers.len() + 1;
    let saved = (answers.is_empty())
        .then(|| storage::get(&pocketlaw_engine::contract::storage::tree(&tree.id)))
        .flatten()
        .map(|s| decode_answers(&s))
        .filter(|a| !a.is_empty());
    let back = (!answers.is_empty()).then(|| tree_url(&tree.id, &answers[..answers.len() - 1]));
    let id = tree.id.clone();
    view! {
        <section class="tree" data-testid="tree-question" data-question=question.id.clone()>
            <p class="crumbs">{tree.title.clone()}</p>
            {(answers.is_empty()).then(|| view! { <p class="intro">{tree.intro.clone()}</p> })}
            {saved.map(|s| { let url = tree_url(&id, &s); view! {
                <p class="resume"><A href=url>"继续上次没答完的问题"</A></p>
            }})}
            <p class="progress" aria-live="polite">{format!("第 {step} 题")}</p>
            <h1>{question.text.clone()}</h1>
            <ReadAloud selector="[data-testid=tree-question]"/>
            <p class="why"><strong>"为什么问这个："</strong>{question.why.clone()}</p>
            <div class="answers">
                {question.options.iter().enumerate().map(|(i, c)| {
                    let mut next = answers.clone();
                    next.push(i);
                    let url = tree_url(&tree.id, &next);
                    let nav = navigate.clone();
                    view! { <button type="button" class="answer" data-testid="answer" on:click=move |_| nav(&url, Default::default())>{c.label.clone()}</button> }
                }).collect_view()}
            </div>
            <p class="tree-nav" data-no-read="">
                {back.map(|b| view! { <A href=b>"← 上一题"</A> })}
                {(!answers.is_empty()).then(|| view! { <A href=tree_url(&tree.id, &[])>"重新开始"</A> })}
            </p>
        </section>
    }
}

#[component]
fn Result(tree: Tree, outcome: Outcome, path: Vec<Answered>, catalog: Arc<Catalog>) -> impl IntoView {
    let badge = match outcome.verdict {
        Verdict::Yes => "verdict yes",
        Verdict::Maybe => "verdict maybe",
        Verdict::No => "verdict no",
    };
    let hotline = catalog.county.hotline.clone();
    let guides: Vec<(String, String)> =
        outcome.guides.iter().filter_map(|g| catalog.doc(g)).map(|d| (d.id.clone(), d.title.clone())).collect();
    view! {
        <article class="tree-result" data-testid="tree-result" data-outcome=outcome.id.clone()>
            <p class="crumbs">{tree.title.clone()}</p>
            <p class=badge data-testid="verdict">{format!("结论：{}", outcome.verdict.label())}</p>
            <h1>{outcome.title.clone()}</h1>
            <ReadAloud selector="[data-testid=tree-result]"/>
            <p>{outcome.summary.clone()}</p>
            <h2>"您的回答"</h2>
            <ol class="reasons">
                {path.into_iter().map(|a| view! { <li>{a.question}<br/><strong>{format!("答：{}", a.answer)}</strong></li> }).collect_view()}
            </ol>
            <h2>"下一步怎么做"</h2>
            <ol>{outcome.steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ol>
            <h2>"要带的材料（一次带齐）"</h2>
            <ul class="checklist">
                {outcome.materials.iter().map(|m| view! { <li><label><input type="checkbox"/>" "{m.clone()}</label></li> }).collect_view()}
            </ul>
            <h2>"要多久"</h2>
            <p>{outcome.timeline.clone()}</p>
            <h2>"去哪里"</h2>
            <Places ids=outcome.where_.clone()/>
            <Citations list=outcome.citations.clone()/>
            {(!guides.is_empty()).then(|| view! {
                <h2>"详细看指南"</h2>
                <ul>{guides.into_iter().map(|(id, t)| view! { <li><A href=format!("/doc/{id}")>{t}</A></li> }).collect_view()}</ul>
            })}
            <Hotline/>
            <p class="tree-nav no-print" data-no-read="">
                <button type="button" class="print" onclick="window.print()">"打印这一页"</button>
                <A href=tree_url(&tree.id, &[])>"重新回答"</A>
            </p>
            <p class="share-note no-print" data-no-read="">{format!("这个页面的网址里记着您的回答，发到微信群里，别人打开也能看到同样的结果。拿不准的，请拨打 {hotline}。")}</p>
        </article>
    }
}

/// The list of trees, for the home page and the topic pages.
#[component]
pub fn TreeLinks(#[prop(optional, into)] topic: Option<String>) -> impl IntoView {
    let trees: Vec<_> = use_catalog()
        .map(|c| c.trees.iter().filter(|t| topic.as_ref().is_none_or(|s| &t.topic == s)).cloned().collect())
        .unwrap_or_default();
    (!trees.is_empty()).then(|| {
        view! {
            <section class="tree-links">
                <h2>"一步一步问，帮您判断"</h2>
                <ul class="doc-list">
                    {trees.into_iter().map(|t| view! { <li><A href=format!("/tree/{}", t.id)>{t.title}</A></li> }).collect_view()}
                </ul>
            </section>
        }
    })
}
