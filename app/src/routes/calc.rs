//! Calculators (算一算): deadlines, court fees, work-injury lump sums, severance, overtime pay.
//! Everything is the engine's (`engine::calc`): which fields there are, how each is checked, the
//! figures, the formula in words and the citations. This page only asks and shows. What the user
//! typed stays on the phone (kept per calculator, so it is there on the next visit).

use crate::components::Hotline;
use crate::routes::doc::set_title;
use crate::routes::not_found::NotFound;
use crate::storage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use pocketlaw_engine::calc::{self, CalcInfo, CalcResult, FieldError, InputInfo, InputKind};
use std::collections::BTreeMap;

/// The list of calculators.
#[component]
pub fn CalcList() -> impl IntoView {
    set_title("算一算");
    view! {
        <section class="calc-list" data-testid="calc-list">
            <h1>"算一算"</h1>
            <p>"按法律的规定，算期限、算钱。结果只供参考，具体以办事机关、法院的决定为准。"</p>
            <ul class="doc-list">
                {calc::list().into_iter().map(|c| view! {
                    <li><A href=format!("/calc/{}", c.id)><strong>{c.title}</strong></A><p>{c.description}</p></li>
                }).collect_view()}
            </ul>
            <Hotline/>
        </section>
    }
}

/// The links on the home page.
#[component]
pub fn CalcLinks() -> impl IntoView {
    view! {
        <p class="calc-links"><A href="/calc" attr:class="big-link">"算一算：期限、诉讼费、工伤补助、经济补偿、加班费"</A></p>
    }
}

#[component]
pub fn CalcPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        match calc::info(&id) {
            None => view! { <NotFound/> }.into_any(),
            Some(info) => {
                set_title(&info.title);
                view! { <Calculator info/> }.into_any()
            }
        }
    }
}

/// A calculator's crumbs, name and what it counts (its static page shows these before the app).
#[component]
pub fn CalcIntro(info: CalcInfo) -> impl IntoView {
    view! {
        <p class="crumbs"><A href="/calc">"算一算"</A></p>
        <h1>{info.title}</h1>
        <p>{info.description}</p>
    }
}

fn store_key(id: &str) -> String {
    pocketlaw_engine::contract::storage::calc(id)
}

#[component]
fn Calculator(info: CalcInfo) -> impl IntoView {
    let id = info.id.clone();
    // What was typed last time (a damaged or missing store just starts empty).
    let saved: BTreeMap<String, String> = storage::get(&store_key(&id)).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
    let mut start: BTreeMap<String, String> = info.inputs.iter().filter_map(|i| i.default.clone().map(|d| (i.key.clone(), d))).collect();
    start.extend(saved.into_iter().filter(|(k, _)| info.inputs.iter().any(|i| &i.key == k)));
    let values = RwSignal::new(start);
    let outcome: RwSignal<Option<Result<CalcResult, Vec<FieldError>>>> = RwSignal::new(None);
    let compute = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut inputs: BTreeMap<String, String> = values.get_untracked().into_iter().filter(|(_, v)| !v.trim().is_empty()).collect();
            if let Ok(json) = serde_json::to_string(&inputs) {
                storage::set(&store_key(&id), &json);
            }
            inputs.insert(calc::TODAY.to_string(), crate::routes::quiz::today());
            outcome.set(Some(calc::run(&id, &inputs)));
        }
    };
    let error_of = move |key: &str| -> Option<String> {
        outcome.with(|o| match o {
            Some(Err(errs)) => errs.iter().find(|e| e.key == key).map(|e| e.message.clone()),
            _ => None,
        })
    };
    let fields = info.inputs.clone().into_iter().map(|input| view! { <Field input values error_of/> }).collect_view();
    view! {
        <section class="calc" data-testid="calc" data-id=id.clone()>
            <CalcIntro info=info.clone()/>
            <form class="calc-form" novalidate on:submit=compute>
                {fields}
                <button type="submit" class="primary" data-testid="calc-run">"计算"</button>
            </form>
            {move || outcome.with(|o| match o {
                Some(Ok(r)) => Some(view! { <Outcome result=r.clone()/> }.into_any()),
                Some(Err(errs)) => {
                    // Errors that belong to no field on screen (today's date, say) show here.
                    let other: Vec<String> = errs.iter().filter(|e| !info.inputs.iter().any(|i| i.key == e.key)).map(|e| e.message.clone()).collect();
                    Some(view! {
                        <p class="problem" role="alert" data-testid="calc-errors">
                            "有 "{errs.len()}" 处要改一改，请看上面标红的地方。"{other.join(" ")}
                        </p>
                    }.into_any())
                }
                None => None,
            })}
            <Hotline/>
        </section>
    }
}

#[component]
fn Field(
    input: InputInfo,
    values: RwSignal<BTreeMap<String, String>>,
    error_of: impl Fn(&str) -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let key = input.key.clone();
    let field_id = format!("f-{key}");
    let help_id = format!("{field_id}-help");
    let err_id = format!("{field_id}-err");
    let value = {
        let key = key.clone();
        move || values.with(|v| v.get(&key).cloned().unwrap_or_default())
    };
    let set = {
        let key = key.clone();
        move |v: String| values.update(|m| drop(m.insert(key.clone(), v)))
    };
    let err_key = StoredValue::new(key.clone());
    let error = move || err_key.with_value(|k| error_of(k));
    let invalid = move || error().is_some().to_string();
    let described = format!("{help_id} {err_id}");
    let label = if input.required { input.label.clone() } else { format!("{}（可不填）", input.label) };
    let control = match &input.kind {
        InputKind::Choice { options } => {
            let set = set.clone();
            view! {
                <select id=field_id.clone() aria-describedby=described.clone() aria-invalid=invalid
                    prop:value=value.clone() on:change=move |ev| set(event_target_value(&ev))>
                    {(!input.required).then(|| view! { <option value="">"（不选）"</option> })}
                    {(input.required && input.default.is_none()).then(|| view! { <option value="">"（请选择）"</option> })}
                    {options.iter().map(|o| view! { <option value=o.value.clone()>{o.label.clone()}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        InputKind::Bool => {
            let set = set.clone();
            let checked = {
                let value = value.clone();
                move || matches!(value().as_str(), "true" | "1" | "是")
            };
            view! {
                <input type="checkbox" id=field_id.clone() aria-describedby=described.clone() aria-invalid=invalid
                    prop:checked=checked on:change=move |ev| set(event_target_checked(&ev).to_string())/>
            }
            .into_any()
        }
        kind => {
            // Text boxes for numbers too: the engine reads 5万 and 50,000, and checks everything.
            let (ty, mode) = match kind {
                InputKind::Date { .. } => ("date", "numeric"),
                InputKind::Integer { .. } => ("text", "numeric"),
                _ => ("text", "decimal"),
            };
            let set = set.clone();
            view! {
                <input type=ty inputmode=mode id=field_id.clone() aria-describedby=described.clone() aria-invalid=invalid
                    autocomplete="off" prop:value=value.clone() on:input=move |ev| set(event_target_value(&ev))/>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:invalid=move || error().is_some() data-key=key.clone()>
            <label for=field_id.clone()>{label}</label>
            {control}
            <p class="help" id=help_id>{input.help.clone()}</p>
            <p class="field-error" id=err_id role="alert" data-testid="field-error">{error}</p>
        </div>
    }
}

#[component]
fn Outcome(result: CalcResult) -> impl IntoView {
    let ics = result.reminder.as_ref().map(|r| {
        let text = calc::ics(r);
        format!("data:text/calendar;charset=utf-8,{}", crate::encode_uri_component(&text))
    });
    view! {
        <section class="calc-result" data-testid="calc-result" aria-live="polite">
            <h2>"结果"</h2>
            <ul class="figures">
                {result.figures.iter().map(|f| view! {
                    <li data-key=f.key.clone()><span class="figure-label">{f.label.clone()}</span><strong class="figure">{f.text.clone()}</strong></li>
                }).collect_view()}
            </ul>
            {ics.map(|href| view! {
                <p><a class="big-link" href=href download="提醒.ics" data-testid="calc-ics">"📅 把最后一天加到手机日历里"</a></p>
            })}
            <h3>"怎么算的"</h3>
            <ul class="parts">
                {result.parts.iter().map(|p| view! {
                    <li><strong>{p.label.clone()}"："{p.value.clone()}</strong><br/>{p.formula.clone()}</li>
                }).collect_view()}
            </ul>
            <h3>"法律依据"</h3>
            <ul class="citations-list">
                {result.citations.iter().map(|c| view! { <li>{c.cite.clone()}" "<span class="muted">{c.about.clone()}</span></li> }).collect_view()}
            </ul>
            <h3>"要注意"</h3>
            <ul class="notes">{result.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
        </section>
    }
}
