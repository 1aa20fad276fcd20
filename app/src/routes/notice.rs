//! Notices (通知公告): the newest on the home page, marked new on this phone until shown once,
//! and each on its own page. What applies today and what is new is the engine's rule
//! (`model::home_notices`); this file only shows it.

use crate::api::use_catalog;
use crate::components::Hotline;
use crate::routes::doc::set_title;
use crate::routes::not_found::NotFound;
use crate::storage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use pocketlaw_engine::model::{home_notices, Notice};

/// Where the ids of the notices this phone has shown are kept.
const SEEN: &str = pocketlaw_engine::contract::storage::NOTICES_SEEN;

/// The home page's list. A notice is "new" until the home page has shown it once on this phone;
/// a broken or missing store only means everything counts as new. Drawn by the site build (no
/// clock, no phone), it lists the newest, each with its last day, and marks none new.
#[component]
pub fn HomeNotices() -> impl IntoView {
    let Ok(c) = use_catalog() else { return None };
    let shown: Vec<(Notice, bool)> = match crate::routes::quiz::clock() {
        Some(today) => {
            let seen: Vec<String> = storage::get(SEEN).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
            let shown: Vec<(Notice, bool)> = home_notices(&c.notices, &today, &seen).into_iter().map(|(n, new)| (n.clone(), new)).collect();
            let mut keep = seen;
            keep.extend(shown.iter().filter(|(_, new)| *new).map(|(n, _)| n.id.clone()));
            if shown.iter().any(|(_, new)| *new) {
                if let Ok(json) = serde_json::to_string(&keep) {
                    storage::set(SEEN, &json);
                }
            }
            shown
        }
        None => c.notices.iter().take(pocketlaw_engine::model::HOME_NOTICES).map(|n| (n.clone(), false)).collect(),
    };
    if shown.is_empty() {
        return None;
    }
    Some(view! {
        <section class="notices" aria-labelledby="notices-h" data-testid="notices">
            <h2 id="notices-h">"通知公告"</h2>
            <ul class="doc-list">
                {shown.into_iter().map(|(n, new)| {
                    let (href, when) = (format!("/notice/{}", n.id), n.dates());
                    view! {
                        <li data-testid="notice" data-id=n.id>
                            <A href=href><strong>{n.title}</strong></A>
                            {new.then(|| view! { <span class="new-mark" data-testid="new-mark">"新"</span> })}
                            <p class="notice-date">{when}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}

/// One notice, at `/notice/<id>` (also after it has expired: a shared link still opens).
#[component]
pub fn NoticePage() -> impl IntoView {
    let params = use_params_map();
    let catalog = use_catalog();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        match catalog.as_ref().ok().and_then(|c| c.notice(&id)) {
            None => view! { <NotFound/> }.into_any(),
            Some(n) => {
                set_title(&n.title);
                view! { <NoticeView notice=n.clone()/> }.into_any()
            }
        }
    }
}

#[component]
pub fn NoticeView(notice: Notice) -> impl IntoView {
    let n = notice;
    view! {
        <article class="notice-page" data-testid="notice-page" data-id=n.id.clone()>
            <p class="crumbs">"通知公告"</p>
            <h1>{n.title.clone()}</h1>
            <p class="notice-date">{n.dates()}</p>
            <div class="body" inner_html=n.html.clone()></div>
            <Hotline/>
        </article>
    }
}
