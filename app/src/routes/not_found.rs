//! The page for an address that leads nowhere.

use crate::components::Hotline;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="not-found" data-testid="not-found">
            <h1>"没有找到这个页面"</h1>
            <p>"链接可能写错了，或者这篇内容已经更新。"</p>
            <p><A href="/">"回到首页，用搜索找一找"</A></p>
            <Hotline/>
        </section>
    }
}
