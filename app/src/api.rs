//! Loading the shipped data. File names are content-hashed; the page lists them in a JSON
//! script tag (`#pl-assets`) written by `pocketlaw site`. Every failure becomes a message the
//! user can read, never a silent `None`.

use leptos::prelude::*;
use pocketlaw_engine::bundle::decode_json;
use pocketlaw_engine::model;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// The asset map written into each page (one definition with the site build: `model::Assets`).
pub use pocketlaw_engine::model::Assets;

/// The asset map, read from the page once.
pub fn assets() -> Result<Assets, String> {
    thread_local! {
        static ASSETS: Result<Assets, String> = read_assets();
    }
    ASSETS.with(Clone::clone)
}

/// Whether this build ships the statute library. The site build, drawing a page without one,
/// says so by context (`ssr`); the app reads its asset map.
#[derive(Clone, Copy)]
pub struct LibraryShipped(pub bool);

pub fn has_library() -> bool {
    use_context::<LibraryShipped>().map(|l| l.0).unwrap_or_else(|| assets().is_ok_and(|a| a.library.is_some()))
}

fn read_assets() -> Result<Assets, String> {
    let doc = crate::window().and_then(|w| w.document()).ok_or("no document")?;
    let el = doc.get_element_by_id("pl-assets").ok_or("页面缺少资源清单（#pl-assets）")?;
    serde_json::from_str(&el.text_content().unwrap_or_default()).map_err(|e| format!("资源清单无法读取：{e}"))
}

async fn fetch_json<T: DeserializeOwned>(url: &str) -> Result<T, String> {
    let resp = gloo_net::http::Request::get(url).send().await.map_err(|_| "网络不通，数据没有下载下来。".to_string())?;
    if !resp.ok() {
        return Err(format!("数据下载失败（{}）。", resp.status()));
    }
    let bytes = resp.binary().await.map_err(|_| "数据没有下载完整。".to_string())?;
    decode_json(&bytes).map_err(|e| format!("数据格式不对：{e}"))
}

pub type Loaded<T> = Result<Arc<T>, String>;

/// The catalog, shared by every page through context. It is loaded before the app mounts (the
/// page preloads it alongside the wasm), so pages draw complete at once and nothing shifts.
#[derive(Clone)]
pub struct Catalog(pub Loaded<model::Catalog>);

pub async fn load_catalog() -> Loaded<model::Catalog> {
    let a = assets()?;
    fetch_json(&a.catalog).await.map(Arc::new)
}

pub async fn load_topic(slug: String) -> Loaded<model::TopicChunk> {
    let a = assets()?;
    let url = a.topics.get(&slug).ok_or_else(|| format!("没有这个分类：{slug}"))?;
    fetch_json(url).await.map(Arc::new)
}

pub async fn load_statutes() -> Loaded<model::StatuteTexts> {
    let a = assets()?;
    let url = a.statutes.ok_or("这个版本没有附带法律条文原文。")?;
    fetch_json(&url).await.map(Arc::new)
}

pub async fn load_trees() -> Loaded<pocketlaw_engine::tree::TreeSet> {
    let a = assets()?;
    fetch_json(&a.trees).await.map(Arc::new)
}

pub async fn load_forms() -> Loaded<pocketlaw_engine::form::FormSet> {
    let a = assets()?;
    fetch_json(&a.forms).await.map(Arc::new)
}

pub async fn load_quiz() -> Loaded<pocketlaw_engine::model::QuizBank> {
    let a = assets()?;
    fetch_json(&a.quiz).await.map(Arc::new)
}

pub fn use_catalog() -> Loaded<model::Catalog> {
    expect_context::<Catalog>().0
}

/// The statute library's law list (`library/laws.<hash>.json`), when the build has the library.
pub async fn load_law_list() -> Loaded<pocketlaw_engine::library::LawList> {
    let a = assets()?;
    let lib = a.library.ok_or("这个版本没有附带法律法规库。")?;
    fetch_json(&lib.laws).await.map(Arc::new)
}

/// One law's own JSON (table of contents and text), by its id.
pub async fn load_law(id: String) -> Loaded<pocketlaw_engine::library::LawFile> {
    let list = load_law_list().await?;
    let info = list.laws.iter().find(|l| l.id == id).ok_or_else(|| format!("法律法规库里没有《{id}》。"))?;
    fetch_json(&info.file).await.map(Arc::new)
}
