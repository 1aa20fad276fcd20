//! The statute library: `/laws` (one search box over every article of every law, a filter to one
//! law, the key laws when the box is empty) and `/laws/<id>` (a whole law: its date and status,
//! its table of contents, every article with an anchor and a link to share; `?a=第四十七条` or
//! `#a47` scrolls to the article). The search runs in the search worker (`law-search`), which
//! opens the library's index on the first ask and fetches only the pieces a query names.

use crate::api::{load_law, load_law_list};
use crate::components::{Loading, Problem};
use crate::routes::doc::set_title;
use crate::search::SearchClient;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use pocketlaw_engine::library::{anchor_of, anchor_of_number, parse_article_ref, LawFile, LawInfo, LibraryRequest, TocNode};

/// How many hits a library search shows.
const LIMIT: usize = 20;

/// 法律法规 on the home page, when the build has the library (drawn on the static home page too).
#[component]
pub fn LawsLink() -> impl IntoView {
    crate::api::has_library().then(|| {
        view! {
            <p class="laws-link"><a href="/laws" class="big-link">"法律法规：查法律条文原文"</a></p>
        }
    })
}

/// A hit's link: the article's anchor in its law's page, or the law itself.
fn hit_href(law: &str, id: &str, article: bool) -> String {
    let base = format!("/laws/{}", crate::path_segment(law));
    if article {
        format!("{base}#{}", anchor_of(id))
    } else {
        base
    }
}

#[component]
pub fn LawsPage() -> impl IntoView {
    set_title("法律法规");
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let law = Memo::new(move |_| query.read().get("law").filter(|l| !l.is_empty()));
    let client = expect_context::<SearchClient>();
    let navigate = use_navigate();
    let list = LocalResource::new(load_law_list);

    Effect::new(move |_| {
        let text = q.get();
        if !text.trim().is_empty() {
            client.law_search(LibraryRequest { query: text, law: law.get(), limit: LIMIT });
        }
    });
    let set_url = move |text: String, law: Option<String>| {
        let url = crate::url_with("/laws", &[("q", &text), ("law", law.as_deref().unwrap_or_default())]);
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let (set_q, set_law, set_law2) = (set_url.clone(), set_url.clone(), set_url);

    let filter = move || {
        let laws = list.get().and_then(Result::ok)?;
        let current = law.get();
        let mut options: Vec<(String, String)> =
            laws.laws.iter().filter(|l| l.key && l.status_label == "现行有效").map(|l| (l.id.clone(), l.name.clone())).collect();
        if let Some(c) = &current {
            if !options.iter().any(|(id, _)| id == c) {
                options.insert(0, (c.clone(), c.clone()));
            }
        }
        let set_law = set_law.clone();
        Some(view! {
            <label for="law-filter" class="filter-label">"只查一部法律："</label>
            <select id="law-filter" data-testid="law-filter" on:change=move |ev| {
                let v = event_target_value(&ev);
                set_law(q.get_untracked(), (!v.is_empty()).then_some(v));
            }>
                <option value="" selected=current.is_none()>"全部法律法规"</option>
                {options.into_iter().map(|(id, name)| {
                    let selected = current.as_deref() == Some(id.as_str());
                    view! { <option value=id selected=selected>{name}</option> }
                }).collect_view()}
            </select>
        })
    };

    let key_laws = move || match list.get() {
        None => view! { <Loading what="法律目录"/> }.into_any(),
        Some(Err(e)) => view! { <Problem message=e/> }.into_any(),
        Some(Ok(laws)) => view! { <KeyLaws laws=laws.laws.iter().filter(|l| l.key).cloned().collect()/> }.into_any(),
    };

    let results = move || {
        let text = q.get();
        let answer = client.law_results.get().filter(|r| r.query == text);
        let done = answer.is_some().then(|| text.clone());
        let shown = match answer {
            None => view! { <p class="loading" role="status">"正在查找…"</p> }.into_any(),
            Some(r) => match r.response {
                Err(e) => view! { <Problem message=format!("查找暂时用不了：{e}")/> }.into_any(),
                Ok(resp) if resp.hits.is_empty() => {
                    view! { <p class="empty" role="status">"没有找到。换个说法试试，或者写法律名称和第几条，例如：劳动法第四十四条。"</p> }
                        .into_any()
                }
                Ok(resp) => {
                    let set_law = set_law2.clone();
                    view! {
                        <p class="sr-only" role="status">{format!("找到 {} 条", resp.hits.len())}</p>
                        <ol class="hits law-hits" data-testid="law-hits">
                            {resp.hits.into_iter().map(|h| {
                                let href = hit_href(&h.law, &h.id, h.article.is_some());
                                let pick = set_law.clone();
                                let only = h.law.clone();
                                view! {
                                    <li class="hit">
                                        <a href=href><strong>{h.title.clone()}</strong></a>
                                        <span class="law-status">{h.status.clone()}</span>
                                        <p class="snippet" inner_html=h.snippet.clone()></p>
                                        <button type="button" class="chip" on:click=move |_| pick(q.get_untracked(), Some(only.clone()))>
                                            {format!("只查《{}》", h.name)}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }
            },
        };
        // Which query the answer shown is for (the benchmark waits on it).
        view! { <div class="law-answer" data-testid="law-answer" data-query=done>{shown}</div> }
    };

    view! {
        <section class="laws" data-testid="laws">
            <h1>"法律法规"</h1>
            <section class="search" role="search">
                <label for="law-q" class="search-label">"查法律条文：法律名称、第几条，或者用自己的话"</label>
                <input
                    id="law-q"
                    type="search"
                    data-testid="law-input"
                    placeholder="例如：劳动合同法第四十七条"
                    autocomplete="off"
                    enterkeyhint="search"
                    prop:value=move || q.get()
                    on:focus=move |_| client.start()
                    on:input=move |ev| set_q(event_target_value(&ev), law.get_untracked())
                />
                {filter}
            </section>
            {move || if q.get().trim().is_empty() { key_laws().into_any() } else { results().into_any() }}
        </section>
    }
}

/// 常用法律: the key laws, when the box is empty (also on the static page).
#[component]
pub fn KeyLaws(laws: Vec<LawInfo>) -> impl IntoView {
    view! {
        <h2>"常用法律"</h2>
        <ul class="law-list">
            {laws.into_iter().map(|l| view! {
                <li><a href=format!("/laws/{}", crate::path_segment(&l.id))><strong>{l.title}</strong><span>{l.status_label}</span></a></li>
            }).collect_view()}
        </ul>
    }
}

/// A law's crumbs, title, date and status (also the key laws' static pages).
#[component]
pub fn LawHead(info: LawInfo) -> impl IntoView {
    let date = if info.date.is_empty() { String::new() } else { format!("{} 版 · ", info.date) };
    view! {
        <p class="crumbs"><a href="/laws">"法律法规"</a></p>
        <h1>{info.title}</h1>
        <p class="law-meta">{date}<span class="law-status" data-testid="law-status">{info.status_label}</span></p>
    }
}

/// The anchor an article label (`第四十七条`) or an anchor (`a47`) means.
fn target_anchor(a: &str) -> Option<String> {
    if a.starts_with('a') && a[1..].chars().all(|c| c.is_ascii_digit() || c == '-') && a.len() > 1 {
        return Some(a.to_string());
    }
    parse_article_ref(a).map(anchor_of_number)
}

fn scroll_to(anchor: &str) {
    let Some(doc) = crate::window().and_then(|w| w.document()) else { return };
    if let Some(el) = doc.get_element_by_id(anchor) {
        el.scroll_into_view();
        if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

use wasm_bindgen::JsCast;

#[component]
pub fn LawWhole() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let file = LocalResource::new(move || load_law(id.get()));
    // After the law is drawn: ?a=第四十七条, else #a47.
    Effect::new(move |_| {
        if let Some(Ok(_)) = file.get() {
            let wanted = query.read().get("a").or_else(|| {
                let hash = crate::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
                let hash = hash.trim_start_matches('#');
                (!hash.is_empty()).then(|| js_sys::decode_uri_component(hash).ok().map(String::from).unwrap_or_else(|| hash.to_string()))
            });
            if let Some(anchor) = wanted.as_deref().and_then(target_anchor) {
                request_animation_frame(move || scroll_to(&anchor));
            }
        }
    });
    move || match file.get() {
        None => view! { <Loading what="法律全文"/> }.into_any(),
        Some(Err(e)) => view! { <Problem message=e/> }.into_any(),
        Some(Ok(law)) => {
            set_title(&law.info.title);
            whole(&law).into_any()
        }
    }
}

fn whole(law: &LawFile) -> impl IntoView {
    let info = &law.info;
    let by_label: std::collections::HashMap<&str, &pocketlaw_engine::library::ArticleOut> =
        law.text.iter().map(|a| (a.label.as_str(), a)).collect();
    let law_href = format!("/laws/{}", crate::path_segment(&info.id));
    let article = |label: &str| {
        by_label.get(label).map(|a| {
            let anchor = a.anchor();
            let share = format!("{law_href}#{anchor}");
            view! {
                <section class="article" id=anchor.clone() tabindex="-1">
                    <h4>{a.label.clone()}" "<a class="share" href=share aria-label=format!("{}的链接", a.label)>"链接"</a></h4>
                    {a.text.lines().map(|l| view! { <p>{l.to_string()}</p> }).collect_view()}
                </section>
            }
        })
    };
    // Headings numbered in order for their anchors (`h0`, `h1`, …).
    fn count(nodes: &[TocNode]) -> usize {
        nodes.iter().map(|n| 1 + count(&n.children)).sum()
    }
    fn toc_items(nodes: &[TocNode], next: &mut usize) -> Vec<AnyView> {
        nodes
            .iter()
            .map(|n| {
                let anchor = format!("h{next}");
                *next += 1;
                let children = toc_items(&n.children, next);
                let sub = (!children.is_empty()).then(|| view! { <ul>{children}</ul> });
                view! { <li><a href=format!("#{anchor}")>{n.title.clone()}</a>{sub}</li> }.into_any()
            })
            .collect()
    }
    fn body(nodes: &[TocNode], next: &mut usize, article: &dyn Fn(&str) -> Option<AnyView>) -> Vec<AnyView> {
        let mut out = Vec::new();
        for n in nodes {
            let anchor = format!("h{next}");
            *next += 1;
            let heading = match n.level {
                0..=2 => view! { <h2 id=anchor class="law-heading">{n.title.clone()}</h2> }.into_any(),
                _ => view! { <h3 id=anchor class="law-heading">{n.title.clone()}</h3> }.into_any(),
            };
            out.push(heading);
            out.extend(n.articles.iter().filter_map(|l| article(l)));
            out.extend(body(&n.children, next, article));
        }
        out
    }
    let article_any = |l: &str| article(l).map(IntoAny::into_any);
    let toc = (count(&law.toc) > 0).then(|| {
        let mut n = 0;
        view! { <nav class="toc" aria-label="目录"><h2>"目录"</h2><ul>{toc_items(&law.toc, &mut n)}</ul></nav> }
    });
    let before: Vec<AnyView> = law.articles_before_toc.iter().filter_map(|l| article_any(l)).collect();
    let mut n = 0;
    let rest = body(&law.toc, &mut n, &article_any);
    let empty = law.text.is_empty().then(|| view! { <p class="note">"这个版本没有附带这部法律的条文。"</p> });
    view! {
        <article class="law-whole" data-testid="law-whole">
            <LawHead info=info.clone()/>
            {toc}
            {empty}
            {before}
            {rest}
            <p class="note">"以上是法律原文。看不懂的地方，可以拨打 12348 请人解释。"</p>
        </article>
    }
}
