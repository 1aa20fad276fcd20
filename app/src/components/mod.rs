//! Small pieces shared by pages.

mod elderly;
pub use elderly::{ReadAloud, TextSize};

use crate::api::use_catalog;
use leptos::prelude::*;
use leptos_router::components::A;

/// The app's name, from the county configuration (what the boot shell shows too).
pub fn app_name() -> String {
    use_catalog().map(|c| c.county.app_name.clone()).unwrap_or_else(|_| "掌上法律服务".into())
}

/// The top bar: the app name (home link) and the hotline.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header>
            <div class="top">
                <A href="/" attr:class="brand">{app_name()}</A>
                <Hotline compact=true/>
            </div>
            <TextSize/>
        </header>
    }
}

/// The 12348 hotline as a `tel:` link. The number comes from the county configuration; 12348 (the
/// national number) if the catalog could not be loaded.
#[component]
pub fn Hotline(#[prop(optional)] compact: bool) -> impl IntoView {
    let number = use_catalog().map(|c| c.county.hotline.clone()).unwrap_or_else(|_| "12348".into());
    view! {
        <a class=if compact { "hotline compact" } else { "hotline" } href=format!("tel:{number}") data-testid="hotline">
            <span aria-hidden="true">"📞 "</span>
            {if compact { format!("拨打 {number}") } else { format!("拨打 {number} 法律服务热线（免费咨询）") }}
        </a>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="bottom">
            <p>"本应用不收集任何个人信息。搜索、答题都只在这部手机上进行。"</p>
            <p><A href="/directory">"去哪里办事：法律服务指引"</A></p>
        </footer>
    }
}

/// A loading notice.
#[component]
pub fn Loading(#[prop(into)] what: String) -> impl IntoView {
    view! { <p class="loading" role="status">{format!("正在加载{what}…")}</p> }
}

/// A failure the user can read, with the hotline as the way forward.
#[component]
pub fn Problem(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <div class="problem" role="alert">
            <p>{message}</p>
            <p>"可以稍后再试，或直接打电话问："</p>
            <Hotline/>
        </div>
    }
}

/// The notice on every document: general information, not advice; and when it was checked.
#[component]
pub fn Disclaimer(#[prop(into)] reviewed: String) -> impl IntoView {
    let text = use_catalog().map(|c| c.county.disclaimer.clone()).unwrap_or_default();
    view! {
        <div class="disclaimer" role="note" data-testid="disclaimer">
            <p>{text}</p>
            <p class="reviewed">{format!("内容核对日期：{reviewed}")}</p>
        </div>
    }
}

/// Where to go: directory entries (by id) as links into the directory, each with its phone number
/// only when the number is verified (nothing unverified is offered as a number to call).
#[component]
pub fn Places(ids: Vec<String>) -> impl IntoView {
    let catalog = use_catalog();
    let places: Vec<_> = catalog.map(|c| ids.iter().filter_map(|w| c.directory_entry(w).cloned()).collect()).unwrap_or_default();
    view! {
        <ul class="places">
            {places.into_iter().map(|e| {
                let call = if e.verified { e.phone.clone() } else { None };
                view! { <li><A href=format!("/directory#{}", e.id)>{e.name.clone()}</A>
                    {call.map(|p| view! { " " <a href=format!("tel:{p}")>{format!("📞 {p}")}</a> })}</li> }
            }).collect_view()}
        </ul>
    }
}
