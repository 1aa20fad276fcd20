//! Legal forms (文书): the list (`/form`), and one form (`/form/<id>`): a start page, one question
//! a screen (`?step=<question id>`), then the finished paper (`?step=done`) laid out as an A4 page
//! for printing, with 复制文字 and the hand-in block. The answers never leave the phone: they are
//! kept in localStorage (`form.<id>`, a JSON object) and in memory, never in the URL, so a shared
//! link never carries them. Validation and filling are the engine's (`pocketlaw_engine::form`),
//! the same as `pocketlaw form`.

use crate::api::{load_forms, use_catalog};
use crate::components::{Disclaimer, Hotline, Loading, Places, Problem};
use crate::routes::doc::{set_title, Citations};
use crate::routes::not_found::NotFound;
use crate::storage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use pocketlaw_engine::form::{Document, Field, FieldKind, Form, LineStyle};
use pocketlaw_engine::model::Catalog;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

type Answers = BTreeMap<String, String>;

thread_local! {
    /// The answers of this visit, so that a phone whose storage is blocked or full still keeps
    /// them from one screen to the next.
    static MEMORY: RefCell<BTreeMap<String, Answers>> = const { RefCell::new(BTreeMap::new()) };
}

fn key(id: &str) -> String {
    pocketlaw_engine::contract::storage::form(id)
}

/// The saved answers of form `id` (memory first, then the phone's storage; damaged data is
/// ignored).
fn load_answers(id: &str) -> Answers {
    if let Some(a) = MEMORY.with(|m| m.borrow().get(id).cloned()) {
        return a;
    }
    let a: Answers = storage::get(&key(id)).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
    MEMORY.with(|m| m.borrow_mut().insert(id.to_string(), a.clone()));
    a
}

/// Keeps the answers; false when the phone would not store them (they last for this visit).
fn save_answers(id: &str, answers: &Answers) -> bool {
    MEMORY.with(|m| m.borrow_mut().insert(id.to_string(), answers.clone()));
    serde_json::to_string(answers).map(|s| storage::set(&key(id), &s)).unwrap_or(false)
}

fn form_url(id: &str, step: Option<&str>) -> String {
    match step {
        None => format!("/form/{id}"),
        Some(s) => format!("/form/{id}?step={s}"),
    }
}

/// Where to resume: the first question asked that was never reached (a skipped question is kept
/// as an empty answer) or has no acceptable answer.
fn first_open<'a>(form: &'a Form, answers: &Answers) -> Option<&'a Field> {
    form.visible(answers).into_iter().find(|q| match answers.get(&q.id) {
        None => true,
        Some(v) => form.check_field(&q.id, v).is_err(),
    })
}

/// `/form`: every form, with a mark on those half filled in.
#[component]
pub fn FormList() -> impl IntoView {
    set_title("帮您写文书");
    let forms: Vec<_> = use_catalog().map(|c| c.forms.clone()).unwrap_or_default();
    view! {
        <section class="form-list" data-testid="form-list">
            <h1>"帮您写文书"</h1>
            <p class="intro">"回答几个问题，帮您写好常用的法律文书，可以打印，也可以复制文字发给村法律顾问。您填的内容只存在这部手机上，不会发到网上。"</p>
            <ul class="doc-list">
                {forms.into_iter().map(|f| {
                    let started = !load_answers(&f.id).is_empty();
                    view! { <li data-testid="form-link" data-id=f.id.clone()>
                        <A href=form_url(&f.id, None)><strong>{f.title.clone()}</strong></A>
                        {started.then(|| view! { <span class="new-mark">"填了一半"</span> })}
                    </li> }
                }).collect_view()}
            </ul>
            <Hotline/>
        </section>
    }
}

/// `/form/<id>`: the start page, a question, or the finished paper.
#[component]
pub fn FormPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let step = Memo::new(move |_| query.read().get("step"));
    let forms = LocalResource::new(load_forms);
    let catalog = use_catalog();
    move || match (forms.get(), &catalog) {
        (None, _) => view! { <Loading what="文书"/> }.into_any(),
        (Some(Err(e)), _) => view! { <Problem message=e/> }.into_any(),
        (_, Err(e)) => view! { <Problem message=e.clone()/> }.into_any(),
        (Some(Ok(set)), Ok(cat)) => match set.form(&id.get()) {
            None => view! { <NotFound/> }.into_any(),
            Some(f) => {
                let f = Arc::new(f.clone());
                set_title(&f.title);
                let answers = load_answers(&f.id);
                match step.get().as_deref() {
                    None => view! { <Start form=f answers/> }.into_any(),
                    Some("done") => view! { <Finished form=f answers catalog=cat.clone()/> }.into_any(),
                    Some(q) => match f.visible(&answers).into_iter().position(|x| x.id == q) {
                        Some(index) => view! { <Ask form=f.clone() index answers/> }.into_any(),
                        // A question not asked (any more): back to the start page.
                        None => view! { <Start form=f answers/> }.into_any(),
                    },
                }
            }
        },
    }
}

#[component]
fn Start(form: Arc<Form>, answers: Answers) -> impl IntoView {
    let first = form.visible(&answers).first().map(|q| q.id.clone()).unwrap_or_default();
    let resume = (!answers.is_empty()).then(|| match first_open(&form, &answers) {
        Some(q) => (form_url(&form.id, Some(&q.id)), "继续上次没填完的"),
        None => (form_url(&form.id, Some("done")), "看上次填好的文书"),
    });
    let id = form.id.clone();
    let cleared = RwSignal::new(false);
    let started = !answers.is_empty();
    view! {
        <section class="form-start" data-testid="form-start" data-id=form.id.clone()>
            <p class="crumbs"><A href="/form">"帮您写文书"</A></p>
            <h1>{form.title.clone()}</h1>
            <p class="intro">{form.intro.clone()}</p>
            <p class="privacy">"您填的内容只存在这部手机上，不会发到网上。"</p>
            {resume.map(|(url, label)| view! {
                <p class="resume" data-testid="form-resume" hidden=move || cleared.get()><A href=url>{label}</A></p>
            })}
            <A href=form_url(&form.id, Some(&first)) attr:class="big-link" attr:data-testid="form-begin">
                {if started { "从第一题看起" } else { "开始填写" }}
            </A>
            {started.then(|| view! {
                <p><button type="button" class="link" data-testid="form-clear" hidden=move || cleared.get()
                    on:click=move |_| { save_answers(&id, &Answers::new()); cleared.set(true); }>"清空重新填"</button></p>
            })}
            <Hotline/>
        </section>
    }
}

#[component]
fn Ask(form: Arc<Form>, index: usize, answers: Answers) -> impl IntoView {
    let navigate = use_navigate();
    let visible: Vec<Field> = form.visible(&answers).into_iter().cloned().collect();
    let total = visible.len();
    let q = visible[index].clone();
    let back = if index == 0 { form_url(&form.id, None) } else { form_url(&form.id, Some(&visible[index - 1].id)) };
    let draft = RwSignal::new(answers.get(&q.id).cloned().unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let unsaved = RwSignal::new(false);
    // Keeps `value` as the answer and goes on: the next question asked given the new answers, or
    // the finished paper.
    let go_on = {
        let form = form.clone();
        let q = q.clone();
        let answers = answers.clone();
        let navigate = navigate.clone();
        move |value: String| {
            if let Err(m) = form.check_field(&q.id, &value) {
                error.set(Some(m));
                return;
            }
            let mut a = answers.clone();
            a.insert(q.id.clone(), value.trim_end().to_string());
            if !save_answers(&form.id, &a) {
                unsaved.set(true);
            }
            let vis = form.visible(&a);
            let here = vis.iter().position(|x| x.id == q.id).unwrap_or(0);
            let next = vis.get(here + 1).map(|x| x.id.clone()).unwrap_or_else(|| "done".into());
            navigate(&form_url(&form.id, Some(&next)), Default::default());
        }
    };
    let input_id = format!("f-{}", q.id);
    let help_id = format!("h-{}", q.id);
    let input = match &q.kind {
        FieldKind::Choice { options } => {
            let current = answers.get(&q.id).cloned();
            view! {
                <div class="answers" role="group" aria-labelledby="form-q">
                    {options.iter().map(|o| {
                        let o = o.clone();
                        let go = go_on.clone();
                        let pressed = current.as_deref() == Some(o.as_str());
                        view! { <button type="button" class="answer" data-testid="form-choice" aria-pressed=pressed.to_string()
                            on:click=move |_| go(o.clone())>{o.clone()}</button> }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
        FieldKind::Multiline => view! {
            <textarea id=input_id.clone() class="form-input" data-testid="form-input" rows="7" aria-describedby=help_id.clone()
                placeholder=q.example.clone() prop:value=move || draft.get()
                on:input=move |ev| { draft.set(event_target_value(&ev)); error.set(None); }></textarea>
        }
        .into_any(),
        kind => {
            let mode = if matches!(kind, FieldKind::Money) { "decimal" } else { "text" };
            let example =
                if q.example.is_empty() && matches!(kind, FieldKind::Date) { "例如：2025-03-05".to_string() } else { q.example.clone() };
            view! {
                <input id=input_id.clone() class="form-input" data-testid="form-input" type="text" inputmode=mode autocomplete="off"
                    aria-describedby=help_id.clone() placeholder=example prop:value=move || draft.get()
                    on:input=move |ev| { draft.set(event_target_value(&ev)); error.set(None); }/>
            }
            .into_any()
        }
    };
    let is_choice = matches!(q.kind, FieldKind::Choice { .. });
    let next = go_on.clone();
    let skip = go_on.clone();
    view! {
        <section class="form-ask" data-testid="form-question" data-question=q.id.clone()>
            <p class="crumbs">{form.title.clone()}</p>
            <p class="progress" aria-live="polite">{format!("第 {} 题，共 {total} 题", index + 1)}</p>
            {if is_choice {
                view! { <h1 id="form-q">{q.label.clone()}</h1> }.into_any()
            } else {
                view! { <h1 id="form-q"><label for=input_id.clone()>{q.label.clone()}</label></h1> }.into_any()
            }}
            {(!q.help.is_empty()).then(|| view! { <p class="why" id=help_id.clone()>{q.help.clone()}</p> })}
            {(!q.required).then(|| view! { <p class="optional">"这一项可以不填。"</p> })}
            {input}
            <p class="form-error" role="alert" data-testid="form-error">{move || error.get()}</p>
            <p class="notice" hidden=move || !unsaved.get()>"这部手机不让保存，离开这个页面后要重新填。"</p>
            {(!is_choice).then(|| view! {
                <button type="button" class="primary" data-testid="form-next" on:click=move |_| next(draft.get_untracked())>
                    {if index + 1 == total { "填好了，看文书" } else { "下一题" }}
                </button>
            })}
            {(!q.required && !is_choice).then(|| view! {
                <p><button type="button" class="link" data-testid="form-skip" on:click=move |_| skip(String::new())>"不填，跳过"</button></p>
            })}
            <p class="tree-nav">
                <A href=back>"← 上一题"</A>
                <A href=form_url(&form.id, None)>"回到开头"</A>
            </p>
        </section>
    }
}

#[component]
fn Finished(form: Arc<Form>, answers: Answers, catalog: Arc<Catalog>) -> impl IntoView {
    match form.fill(&answers) {
        Err(errors) => view! {
            <section class="form-fix" data-testid="form-fix">
                <p class="crumbs">{form.title.clone()}</p>
                <h1>"还有几项要填或要改"</h1>
                <ul>
                    {errors.into_iter().map(|e| {
                        let label = form.field(&e.key).map(|f| f.label.clone()).unwrap_or_else(|| e.key.clone());
                        view! { <li><A href=form_url(&form.id, Some(&e.key))>{label}</A>{format!("：{}", e.message)}</li> }
                    }).collect_view()}
                </ul>
                <Hotline/>
            </section>
        }
        .into_any(),
        Ok(doc) => view! { <Paper form doc catalog/> }.into_any(),
    }
}

#[component]
fn Paper(form: Arc<Form>, doc: Document, catalog: Arc<Catalog>) -> impl IntoView {
    let text = doc.text();
    let status = RwSignal::new(String::new());
    let show_text = RwSignal::new(false);
    let guides: Vec<(String, String)> =
        form.guides.iter().filter_map(|g| catalog.doc(g)).map(|d| (d.id.clone(), d.title.clone())).collect();
    let first = form.questions.first().map(|q| q.id.clone()).unwrap_or_default();
    let copy_text = text.clone();
    view! {
        <article class="form-result" data-testid="form-result" data-id=form.id.clone()>
            <div class="no-print">
                <p class="crumbs"><A href="/form">"帮您写文书"</A>" · "{form.title.clone()}</p>
                <h1>{format!("{}写好了", form.title)}</h1>
                <p>"请先从头到尾看一遍，有错的点“修改答案”。打印出来以后，在签名的地方亲笔签名、按手印。"</p>
                <div class="form-actions">
                    <button type="button" class="primary" data-testid="form-print" on:click=move |_| print()>"打印"</button>
                    <button type="button" class="primary" data-testid="form-copy"
                        on:click=move |_| copy(copy_text.clone(), status, show_text)>"复制文字"</button>
                </div>
                <p class="copy-status" role="status" data-testid="copy-status">{move || status.get()}</p>
                <p class="tree-nav"><A href=form_url(&form.id, Some(&first))>"修改答案"</A><A href=form_url(&form.id, None)>"回到开头"</A></p>
            </div>
            <div class="paper" data-testid="paper">
                {doc.lines.iter().map(|l| match l.style {
                    LineStyle::Title => view! { <h2 class="paper-title">{l.text.clone()}</h2> }.into_any(),
                    LineStyle::Right => view! { <p class="right">{l.text.clone()}</p> }.into_any(),
                    LineStyle::Blank => view! { <p class="gap" aria-hidden="true"></p> }.into_any(),
                    LineStyle::Para => view! { <p>{l.text.clone()}</p> }.into_any(),
                }).collect_view()}
            </div>
            <div class="no-print">
                <details class="copy-box" prop:open=move || show_text.get()>
                    <summary>"文字版（复制不了时，长按下面的文字，全选后复制）"</summary>
                    <textarea id="form-text" readonly class="share" data-testid="copy-text" aria-label="文书的文字">{text}</textarea>
                </details>
                <section class="handin" data-testid="handin">
                    <h2>"交到哪里、交几份、附什么材料"</h2>
                    <div class="body" inner_html=form.handin_html.clone()></div>
                    <h3>"可以去这些地方、打这些电话"</h3>
                    <Places ids=form.where_.clone()/>
                    {(!guides.is_empty()).then(|| view! {
                        <h3>"详细看指南"</h3>
                        <ul>{guides.into_iter().map(|(id, t)| view! { <li><A href=format!("/doc/{id}")>{t}</A></li> }).collect_view()}</ul>
                    })}
                </section>
                <Citations list=form.citations.clone()/>
                <Disclaimer reviewed=form.reviewed.clone()/>
                <Hotline/>
            </div>
        </article>
    }
}

fn print() {
    if let Some(w) = crate::window() {
        let _ = w.print();
    }
}

/// Copies `text`: the Clipboard API where the browser has it (a secure page), else the old way
/// (select the text box, `execCommand("copy")`), else opens the text box, selected, and asks the
/// user to copy it by hand. Never throws.
fn copy(text: String, status: RwSignal<String>, show_text: RwSignal<bool>) {
    let Some(w) = crate::window() else { return };
    let get = |target: &wasm_bindgen::JsValue, name: &str| {
        js_sys::Reflect::get(target, &name.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
    };
    let promise = get(&w.navigator(), "clipboard")
        .and_then(|clip| {
            let f = get(&clip, "writeText")?.dyn_into::<js_sys::Function>().ok()?;
            f.call1(&clip, &text.clone().into()).ok()
        })
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    match promise {
        Some(p) => wasm_bindgen_futures::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(p).await {
                Ok(_) => status.set("已复制。到微信里长按输入框，选“粘贴”就能发出去。".into()),
                Err(_) => copy_by_selection(status, show_text),
            }
        }),
        None => copy_by_selection(status, show_text),
    }
}

fn copy_by_selection(status: RwSignal<String>, show_text: RwSignal<bool>) {
    show_text.set(true);
    let doc = crate::window().and_then(|w| w.document());
    let Some(doc) = doc else { return };
    let copied = doc.get_element_by_id("form-text").is_some_and(|el| {
        let call = |target: &wasm_bindgen::JsValue, name: &str, args: &js_sys::Array| {
            js_sys::Reflect::get(target, &name.into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .and_then(|f| f.apply(target, args).ok())
        };
        call(&el, "focus", &js_sys::Array::new());
        call(&el, "select", &js_sys::Array::new());
        call(&doc, "execCommand", &js_sys::Array::of1(&"copy".into())).is_some_and(|v| v.as_bool() == Some(true))
    });
    status.set(if copied {
        "已复制。到微信里长按输入框，选“粘贴”就能发出去。".into()
    } else {
        "这部手机不让自动复制。请长按下面的文字，选“全选”，再选“复制”。".into()
    });
}

/// 帮您写文书: the link from the home page (the boot shell draws the same markup, builder::boot).
#[component]
pub fn FormsLink() -> impl IntoView {
    let has = use_catalog().map(|c| !c.forms.is_empty()).unwrap_or(false);
    has.then(|| {
        view! {
            <section class="form-links">
                <h2>"帮您写文书"</h2>
                <A href="/form" attr:class="big-link">"写借条、起诉状、仲裁申请书等"</A>
            </section>
        }
    })
}
