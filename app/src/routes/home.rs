//! The home page: the search box first, results as the user types, then the topics and the hotline.
//! The query lives in the URL (`/?q=…&kind=…`), so a search can be shared and reloaded.

use crate::api::use_catalog;
use crate::components::{Hotline, Problem};
use crate::routes::tree::TreeLinks;
use crate::search::{EngineState, SearchClient};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use pocketlaw_engine::model::{DocKind, SEARCH_PAGE as PAGE};

/// "More" stops here.
const MAX_HITS: usize = 50;

#[component]
pub fn Home() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let kind = Memo::new(move |_| query.read().get("kind").and_then(|k| DocKind::parse(&k)));
    let client = expect_context::<SearchClient>();
    let navigate = use_navigate();

    // How many hits to show: a page, plus the pages asked for with "more" for this very query.
    let more = RwSignal::new((String::new(), 0usize));
    let limit = Memo::new(move |_| {
        let (for_q, extra) = more.get();
        PAGE + if for_q == q.get() { extra } else { 0 }
    });
    let show_more = Callback::new(move |()| {
        // The extra hits so far are limit − PAGE; one more page on top.
        more.set((q.get_untracked(), limit.get_untracked().min(MAX_HITS - PAGE)));
    });

    // Search whenever the query, the kind filter or the number of hits changes.
    Effect::new(move |_| client.search(&q.get(), kind.get(), limit.get()));

    let set_url = move |text: String, kind: Option<DocKind>| {
        let url = crate::url_with("/", &[("q", &text), ("kind", kind.map(|k| k.as_str()).unwrap_or_default())]);
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let set_url2 = set_url.clone();

    view! {
        <HomeHeading/>
        <section class="search" role="search">
            <label for="q" class="search-label">"遇到什么事？用自己的话说一说"</label>
            <input
                id="q"
                type="search"
                data-testid="search-input"
                placeholder="例如：老板不给工钱"
                autocomplete="off"
                enterkeyhint="search"
                prop:value=move || q.get()
                on:focus=move |_| client.start()
                on:input=move |ev| set_url(event_target_value(&ev), kind.get_untracked())
            />
            <KindFilter current=kind on_pick=move |k| set_url2(q.get_untracked(), k)/>
        </section>
        <Show when=move || !q.get().trim().is_empty() fallback=|| view! { <HomeSections/> }>
            <Results limit=limit show_more=show_more/>
        </Show>
    }
}

/// The home page's heading, for screen readers.
#[component]
pub fn HomeHeading() -> impl IntoView {
    view! { <h1 class="sr-only">{format!("{}：遇到法律问题，先在这里查一查", crate::components::app_name())}</h1> }
}

/// What the home page shows under the box while nothing is typed: notices, this month's quiz, the
/// trees, forms, calculators, the statute library, the topics and the hotline.
#[component]
pub fn HomeSections() -> impl IntoView {
    view! {
        <crate::routes::notice::HomeNotices/> <QuizCard/> <TreeLinks/> <crate::routes::form::FormsLink/>
        <crate::routes::calc::CalcLinks/> <crate::routes::laws::LawsLink/> <Topics/> <Hotline/>
    }
}

#[component]
fn KindFilter(current: Memo<Option<DocKind>>, on_pick: impl Fn(Option<DocKind>) + Clone + 'static) -> impl IntoView {
    let options: Vec<(Option<DocKind>, &str)> =
        vec![(None, "全部"), (Some(DocKind::Guide), "办事指南"), (Some(DocKind::Faq), "常见问题"), (Some(DocKind::Quiz), "月考题")];
    view! {
        <div class="chips" role="group" aria-label="只看某一类">
            {options.into_iter().map(|(k, label)| {
                let pick = on_pick.clone();
                view! {
                    <button type="button" class="chip" aria-pressed=move || (current.get() == k).to_string() on:click=move |_| pick(k)>
                        {label}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn Results(limit: Memo<usize>, show_more: Callback<()>) -> impl IntoView {
    let client = expect_context::<SearchClient>();
    // A full page may have more behind it.
    let more_button = move |shown: usize| {
        (shown >= limit.get_untracked() && shown < MAX_HITS).then(|| {
            view! {
                <button type="button" class="more" data-testid="more-hits" on:click=move |_| show_more.run(())>"显示更多结果"</button>
            }
        })
    };
    move || {
        let state = client.state.get();
        if let EngineState::Failed(e) = state {
            return view! { <Problem message=format!("搜索暂时用不了：{e}")/> }.into_any();
        }
        match client.results.get() {
            // Nothing matched well: the ways in that always work come first, the weak hits after,
            // folded away.
            Some(r) if r.weak && !r.hits.is_empty() => view! {
                <div class="weak" data-testid="weak">
                    <p role="status">"没有找到很对题的内容。可以换个说法（比如“工钱”“离婚”“借钱不还”），按下面的问题分类找，或直接打电话问："</p>
                    <Hotline/>
                    <TreeLinks/>
                    <Topics/>
                    <details class="weak-hits">
                        <summary>{format!("仍然看看搜到的 {} 条", r.hits.len())}</summary>
                        <HitList hits=r.hits/>
                    </details>
                </div>
            }.into_any(),
            Some(r) if !r.hits.is_empty() => {
                let shown = r.hits.len();
                view! {
                    <p class="count" role="status">{if shown >= limit.get_untracked() { format!("最相关的 {shown} 条") } else { format!("找到 {shown} 条") }}</p>
                    <HitList hits=r.hits/>
                    {more_button(shown)}
                }.into_any()
            }
            Some(_) if state == EngineState::Ready => view! {
                <div class="empty" data-testid="no-hits">
                    <p>"没有找到相关内容。可以换个说法，比如“工钱”“离婚”“借钱不还”，或直接打电话问："</p>
                    <Hotline/>
                </div>
            }.into_any(),
            _ => view! { <p class="loading" role="status">"正在准备搜索…"</p> }.into_any(),
        }
    }
}

/// The hits, each with its kind and its topic's name, so a wrong topic shows at a glance.
#[component]
fn HitList(hits: Vec<pocketlaw_engine::model::Hit>) -> impl IntoView {
    let catalog = use_catalog();
    let topic_name = move |slug: &str| catalog.as_ref().ok().and_then(|c| c.topic(slug)).map(|t| t.name.clone()).unwrap_or_default();
    view! {
        <ol class="hits" data-testid="hits">
            {hits.into_iter().map(|h| view! {
                <li class="hit" data-testid="hit" data-id=h.id.clone() data-topic=h.topic.clone()>
                    <span class=format!("kind kind-{}", h.kind.as_str())>{h.kind.label()}</span>
                    <span class="hit-topic" data-testid="hit-topic">{topic_name(&h.topic)}</span>
                    <A href=format!("/doc/{}", h.id)>{h.title.clone()}</A>
                    <p class="snippet" inner_html=h.snippet.clone()></p>
                </li>
            }).collect_view()}
        </ol>
    }
}

/// 本月法治月考: this month's quiz by the phone's clock, or the latest one.
#[component]
fn QuizCard() -> impl IntoView {
    use_catalog().ok().and_then(|c| crate::routes::quiz::offered(&c.quiz_months)).map(|m| view! {
        <A href=format!("/quiz/month/{m}") attr:class="big-link quiz-card" attr:data-testid="quiz-card">{format!("本月法治月考（{m}）")}</A>
        <p class="quiz-more"><A href="/quiz">"错题本、专题练习、历次成绩"</A></p>
    })
}

#[component]
fn Topics() -> impl IntoView {
    let catalog = use_catalog();
    view! {
        <section class="topics" aria-labelledby="topics-h">
            <h2 id="topics-h">"按问题找"</h2>
            {match &catalog {
                Err(e) => view! { <Problem message=e.clone()/> }.into_any(),
                Ok(c) => view! {
                    <ul class="topic-grid" data-testid="topics">
                        {c.topics.clone().into_iter().map(|t| view! {
                            <li><A href=format!("/topic/{}", t.slug)>
                                <strong>{t.name}</strong>
                                <span>{t.blurb}</span>
                            </A></li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
