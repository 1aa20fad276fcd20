//! The service directory (法律服务指引), grouped by level. An unverified entry says so and offers
//! the hotline instead of a number nobody checked.

use crate::api::use_catalog;
use crate::components::Problem;
use crate::routes::doc::set_title;
use leptos::prelude::*;
use pocketlaw_engine::model::{DirectoryEntry, Level};

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let catalog = use_catalog();
    set_title("法律服务指引");
    move || match &catalog {
        Err(e) => view! { <Problem message=e.clone()/> }.into_any(),
        Ok(c) => {
            let hotline = c.county.hotline.clone();
            view! {
                <section class="directory" data-testid="directory">
                    <h1>{format!("{}法律服务指引", c.county.name)}</h1>
                    <p>"先打电话问清楚，可以少跑路。"</p>
                    {Level::ALL.into_iter().map(|level| {
                        let entries: Vec<DirectoryEntry> = c.directory.iter().filter(|e| e.level == level).cloned().collect();
                        let hotline = hotline.clone();
                        view! {
                            <h2>{level.label()}</h2>
                            <ul class="entries">
                                {entries.into_iter().map(|e| view! { <Entry entry=e hotline=hotline.clone()/> }).collect_view()}
                            </ul>
                        }
                    }).collect_view()}
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn Entry(entry: DirectoryEntry, hotline: String) -> impl IntoView {
    let e = entry;
    view! {
        <li class="entry" id=e.id.clone() data-testid="entry" data-verified=e.verified.to_string()>
            <h3>{e.name.clone()}</h3>
            {e.within.clone().map(|w| view! { <p class="within">{w}</p> })}
            {e.note.clone().map(|n| view! { <p class="note">{n}</p> })}
            <p class="serves">{format!("可以办：{}", e.serves.join("、"))}</p>
            {e.phone.clone().map(|p| view! { <a class="call" href=format!("tel:{p}")>{format!("📞 拨打 {p}")}</a> })}
            {e.address.clone().map(|a| view! { <p>{format!("地址：{a}")}</p> })}
            {e.hours.clone().map(|h| view! { <p>{format!("时间：{h}")}</p> })}
            {(!e.verified).then(|| view! {
                <p class="unverified">{format!("地址和电话还没有核实。请先拨打 {hotline} 问清楚再去。")}</p>
                <a class="call" href=format!("tel:{hotline}")>{format!("📞 拨打 {hotline}")}</a>
            })}
            <p class="source">{format!("信息来源：{}", e.source)}</p>
        </li>
    }
}
