//! The monthly quiz (法治月考): the hub, taking a quiz (a month, a topic practice or the
//! wrong-answer notebook), the score and review, sharing, and the history. Marking, the notebook
//! rules and the stored schema are the engine's (`pocketlaw_engine::quiz`).

use crate::api::{load_quiz, use_catalog};
use crate::components::{Loading, Problem};
use crate::routes::doc::{set_title, Citations};
use crate::storage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use pocketlaw_engine::model::{DocPage, QuizType};
use pocketlaw_engine::quiz::{self, Loaded, Progress, QuizSet};
use std::sync::Arc;

const KEY: &str = pocketlaw_engine::contract::storage::QUIZ;

/// The quiz progress, shared by the quiz pages. Saving failures are shown, never fatal.
#[derive(Clone, Copy)]
pub struct QuizState {
    pub progress: RwSignal<Progress>,
    pub notice: RwSignal<Option<String>>,
}

impl QuizState {
    pub fn load() -> QuizState {
        let raw = storage::get(KEY);
        let writable = storage::set(pocketlaw_engine::contract::storage::PROBE, "1");
        let (progress, notice) = match quiz::load(raw.as_deref()) {
            Loaded::Corrupt(p) => (p, Some("以前保存的答题记录读不出来，已经重新开始。".to_string())),
            other => (other.progress(), None),
        };
        let notice = if writable {
            notice
        } else {
            Some("这个浏览器不允许保存数据：这次可以照常答题，但关掉后成绩和错题不会保留。".to_string())
        };
        QuizState { progress: RwSignal::new(progress), notice: RwSignal::new(notice) }
    }

    fn save(&self) {
        let json = self.progress.with_untracked(|p| p.to_json());
        if !storage::set(KEY, &json) && self.notice.get_untracked().is_none() {
            self.notice.set(Some("答题记录没能保存到手机上（存储不可用或已满）。".into()));
        }
    }

    fn update(&self, f: impl FnOnce(&mut Progress)) {
        self.progress.update(f);
        self.save();
    }
}

fn state() -> QuizState {
    match use_context::<QuizState>() {
        Some(s) => s,
        None => {
            let s = QuizState::load();
            provide_context(s);
            s
        }
    }
}

/// Today by the phone's clock (`YYYY-MM-DD`); none when the page is drawn by the site build.
pub(crate) fn clock() -> Option<String> {
    crate::window()?;
    let d = js_sys::Date::new_0();
    Some(format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date()))
}

pub(crate) fn today() -> String {
    clock().unwrap_or_default()
}

#[component]
fn Notice() -> impl IntoView {
    let s = state();
    move || s.notice.get().map(|n| view! { <p class="notice" role="status" data-testid="storage-notice">{n}</p> })
}

/// The month the home page and the hub offer: this month by the phone's clock, or the latest (also
/// what the site build's static page offers: it cannot know the day it is read).
pub fn offered(months: &[String]) -> Option<String> {
    let month = clock().map(|t| t[..7].to_string()).unwrap_or_else(|| "9999-12".into());
    quiz::offered_month(months, &month)
}

#[component]
pub fn QuizHub() -> impl IntoView {
    set_title("法治月考");
    let s = state();
    let catalog = use_catalog();
    move || match &catalog {
        Err(e) => view! { <Problem message=e.clone()/> }.into_any(),
        Ok(c) => {
            let month = offered(&c.quiz_months);
            let notebook = s.progress.with(|p| p.notebook.len());
            view! {
                <section class="quiz-hub" data-testid="quiz-hub">
                    <h1>"法治月考"</h1>
                    <Notice/>
                    {month.map(|m| view! { <A href=format!("/quiz/month/{m}") attr:class="big-link" attr:data-testid="this-month">{format!("开始 {m} 法治月考")}</A> })}
                    <A href="/quiz/notebook" attr:class="big-link">{format!("错题本（{notebook} 题）")}</A>
                    <A href="/quiz/history" attr:class="big-link">"历次成绩"</A>
                    <h2>"往期月考"</h2>
                    <ul class="doc-list">{c.quiz_months.clone().into_iter().rev().map(|m| view! { <li><A href=format!("/quiz/month/{m}")>{format!("{m} 法治月考")}</A></li> }).collect_view()}</ul>
                    <h2>"按专题练习"</h2>
                    <ul class="doc-list">{c.topics.clone().into_iter().map(|t| view! { <li><A href=format!("/quiz/practice/{}", t.slug)>{t.name}</A></li> }).collect_view()}</ul>
                </section>
            }.into_any()
        }
    }
}

#[component]
pub fn QuizMonth() -> impl IntoView {
    let p = use_params_map();
    view! { <QuizLoader set=Signal::derive(move || QuizSet::Month(p.read().get("month").unwrap_or_default()))/> }
}

#[component]
pub fn QuizPractice() -> impl IntoView {
    let p = use_params_map();
    view! { <QuizLoader set=Signal::derive(move || QuizSet::Practice(p.read().get("topic").unwrap_or_default()))/> }
}

#[component]
pub fn QuizNotebook() -> impl IntoView {
    view! { <QuizLoader set=Signal::derive(|| QuizSet::Notebook)/> }
}

#[component]
fn QuizLoader(set: Signal<QuizSet>) -> impl IntoView {
    let bank = LocalResource::new(load_quiz);
    let s = state();
    move || match bank.get() {
        None => view! { <Loading what="题目"/> }.into_any(),
        Some(Err(e)) => view! { <Problem message=e/> }.into_any(),
        Some(Ok(bank)) => {
            let set = set.get();
            // The quiz under way for this set, or a new one (the engine's rules).
            let picked = s.progress.with_untracked(|p| set.questions(&bank.questions, p, js_sys::Date::now() as u64));
            // Saved only when a new quiz starts (a resumed one is already stored).
            let mut progress = s.progress.get_untracked();
            if progress.start(&set, &picked) {
                s.update(|p| *p = progress);
            }
            let questions: Vec<DocPage> = picked.into_iter().cloned().collect();
            let title = set.title();
            set_title(&title);
            if questions.is_empty() {
                let msg = if set == QuizSet::Notebook {
                    "错题本是空的。答错的题会自动放进来。"
                } else {
                    "这里还没有题目。"
                };
                return view! { <section class="quiz"><h1>{title}</h1><Notice/><p data-testid="quiz-empty">{msg}</p><A href="/quiz">"回到法治月考"</A></section> }.into_any();
            }
            view! { <Runner title set questions=Arc::new(questions)/> }.into_any()
        }
    }
}

#[component]
fn Runner(title: String, set: QuizSet, questions: Arc<Vec<DocPage>>) -> impl IntoView {
    let s = state();
    let total = questions.len();
    // Answers given so far come from the stored quiz under way.
    let answers = Memo::new({
        let set = set.clone();
        move |_| s.progress.with(|p| p.answers(&set))
    });
    let picked = RwSignal::new(Vec::<usize>::new());
    let revealed = RwSignal::new(false);
    let finished = RwSignal::new(None::<u32>);
    let qs = questions.clone();
    let submit = {
        let set = set.clone();
        let qs = qs.clone();
        move || {
            let i = answers.get_untracked().len();
            let Some(q) = qs.get(i) else { return };
            let mine = picked.get_untracked();
            if mine.is_empty() || q.quiz.is_none() {
                return;
            }
            let set = set.clone();
            let q = q.clone();
            s.update(move |p| {
                let _ = p.answer(&set, &q, mine);
            });
            revealed.set(true);
        }
    };
    let next = {
        let qs = qs.clone();
        let set = set.clone();
        move || {
            picked.set(Vec::new());
            revealed.set(false);
            let done = answers.get_untracked();
            if done.len() >= qs.len() {
                let score = quiz::score(&qs.iter().collect::<Vec<_>>(), &done);
                let total = qs.len() as u32;
                let set = set.clone();
                s.update(move |p| p.finish(&set, &today(), score, total));
                finished.set(Some(score));
            }
        }
    };
    let restart = {
        let set = set.clone();
        move || {
            s.update(|p| p.restart(&set));
            picked.set(Vec::new());
            revealed.set(false);
        }
    };
    let title2 = title.clone();
    view! {
        <section class="quiz" data-testid="quiz">
            <h1>{title.clone()}</h1>
            <Notice/>
            {move || {
                if let Some(score) = finished.get() {
                    return view! { <Score title=title2.clone() score total questions=questions.clone() answers=answers.get_untracked()/> }.into_any();
                }
                let done = answers.get();
                let i = if revealed.get() { done.len().saturating_sub(1) } else { done.len() };
                let Some(q) = qs.get(i).cloned() else {
                    // Every question answered but not yet finished (e.g. after a reload): finish now.
                    let n = next.clone();
                    return view! { <button type="button" class="primary" on:click=move |_| n()>"看成绩"</button> }.into_any();
                };
                // The engine only asks questions with quiz data; say so rather than panic if not.
                let Some(data) = q.quiz.clone() else {
                    return view! { <Problem message="这道题的数据不完整。".to_string()/> }.into_any();
                };
                let multiple = data.qtype == QuizType::Multiple;
                let submit = submit.clone();
                let next = next.clone();
                let restart = restart.clone();
                let last = i + 1 == total;
                view! {
                    <p class="progress">{format!("第 {} 题，共 {total} 题", i + 1)}</p>
                    <h2 class="stem" data-testid="stem" data-id=q.id.clone()>{q.title.clone()}</h2>
                    <p class="hint">{if multiple { "多选题：可以选几个，选好后点“提交”。" } else { "选一个答案，再点“提交”。" }}</p>
                    <div class="answers">
                        {data.options.iter().enumerate().map(|(k, o)| {
                            let right = data.answer.contains(&k);
                            view! {
                                <button type="button" class="answer" data-testid="option"
                                    aria-pressed=move || picked.with(|p| p.contains(&k)).to_string()
                                    class:correct=move || revealed.get() && right
                                    disabled=move || revealed.get()
                                    on:click=move |_| picked.update(|p| {
                                        if multiple {
                                            if let Some(x) = p.iter().position(|v| *v == k) { p.remove(x); } else { p.push(k); }
                                        } else {
                                            *p = vec![k];
                                        }
                                    })>
                                    {format!("{}. {}", (b'A' + k as u8) as char, o)}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                    {move || if revealed.get() {
                        let mine = answers.get().last().cloned().unwrap_or_default();
                        let ok = quiz::is_correct(&data, &mine);
                        let letters: String = data.answer.iter().map(|k| (b'A' + *k as u8) as char).collect();
                        let next = next.clone();
                        view! {
                            <div class=if ok { "result right" } else { "result wrong" } data-testid="feedback" data-correct=ok.to_string() role="status">
                                <p><strong>{if ok { "✔ 答对了".to_string() } else { format!("✘ 答错了，正确答案是 {letters}") }}</strong></p>
                                <div class="body" inner_html=q.html.clone()></div>
                                <Citations list=q.citations.clone()/>
                                {q.guide.clone().map(|g| view! { <p><A href=format!("/doc/{g}")>"看相关指南"</A></p> })}
                            </div>
                            <button type="button" class="primary" data-testid="next" on:click=move |_| next()>{if last { "看成绩" } else { "下一题" }}</button>
                        }.into_any()
                    } else {
                        let submit = submit.clone();
                        view! { <button type="button" class="primary" data-testid="submit" disabled=move || picked.with(|p| p.is_empty()) on:click=move |_| submit()>"提交"</button> }.into_any()
                    }}
                    {(i > 0).then(|| view! { <p><button type="button" class="link" on:click=move |_| restart()>"从第一题重新开始"</button></p> })}
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Score(title: String, score: u32, total: usize, questions: Arc<Vec<DocPage>>, answers: Vec<Vec<usize>>) -> impl IntoView {
    let app = crate::components::app_name();
    let text = quiz::share_text(&app, &title, score, total as u32);
    let card = result_card(&title, score, total as u32);
    let letters = |v: &[usize]| v.iter().map(|k| (b'A' + *k as u8) as char).collect::<String>();
    view! {
        <div class="score" data-testid="score" data-score=score.to_string()>
            <p class="big">{format!("答对 {score} / {total} 题")}</p>
            <h2>"逐题回顾"</h2>
            <ol class="review">
                {questions.iter().cloned().zip(answers).filter_map(|(q, a)| q.quiz.clone().map(|d| (q, d, a))).map(|(q, d, a)| {
                    let ok = quiz::is_correct(&d, &a);
                    view! { <li class=if ok { "right" } else { "wrong" }>
                        <A href=format!("/doc/{}", q.id)>{q.title.clone()}</A>
                        <br/>{format!("{} 您选 {}，正确答案 {}", if ok { "✔" } else { "✘" }, letters(&a), letters(&d.answer))}
                    </li> }
                }).collect_view()}
            </ol>
            <h2>"分享到微信群"</h2>
            <textarea readonly class="share" data-testid="share-text" aria-label="分享的文字">{text.clone()}</textarea>
            <button type="button" class="primary" on:click=move |_| copy(&text)>"复制文字"</button>
            {card.map(|url| view! {
                <p><img class="card" src=url.clone() alt=format!("{title} 成绩卡：答对 {score}/{total}")/></p>
                <a class="big-link" href=url download="法治月考成绩.png">"保存成绩图片"</a>
            })}
            <p><A href="/quiz/notebook">"去错题本"</A>" · "<A href="/quiz">"回到法治月考"</A></p>
        </div>
    }
}

fn copy(text: &str) {
    if let Some(w) = crate::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Draws a result card on a canvas and returns it as a PNG data URL.
fn result_card(title: &str, score: u32, total: u32) -> Option<String> {
    use wasm_bindgen::JsCast;
    let doc = crate::window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(600);
    canvas.set_height(340);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_fill_style_str("#0b5394");
    ctx.fill_rect(0.0, 0.0, 600.0, 340.0);
    ctx.set_fill_style_str("#ffffff");
    ctx.set_font("bold 36px sans-serif");
    ctx.fill_text(title, 40.0, 80.0).ok()?;
    ctx.set_font("bold 64px sans-serif");
    ctx.fill_text(&format!("{score} / {total}"), 40.0, 180.0).ok()?;
    ctx.set_font("28px sans-serif");
    ctx.fill_text("学法用法 · 遇事拨打 12348", 40.0, 270.0).ok()?;
    canvas.to_data_url().ok()
}

#[component]
pub fn QuizHistory() -> impl IntoView {
    set_title("历次成绩");
    let s = state();
    view! {
        <section class="quiz-history" data-testid="quiz-history">
            <h1>"历次成绩"</h1>
            <Notice/>
            {move || {
                let h = s.progress.with(|p| p.history.clone());
                if h.is_empty() {
                    view! { <p>"还没有答过题。"</p> }.into_any()
                } else {
                    view! { <table class="history"><thead><tr><th>"月考"</th><th>"日期"</th><th>"成绩"</th></tr></thead><tbody>
                        {h.into_iter().rev().map(|a| view! { <tr data-testid="history-row"><td>{if a.month == "practice" { "专题练习".to_string() } else { a.month }}</td><td>{a.date}</td><td>{format!("{}/{}", a.score, a.total)}</td></tr> }).collect_view()}
                    </tbody></table> }.into_any()
                }
            }}
            <A href="/quiz">"回到法治月考"</A>
        </section>
    }
}
