//! For elderly eyes and ears: the text-size switch (remembered on the phone) and read-aloud with
//! the browser's speech synthesis in zh-CN (hidden when the phone has no Chinese voice).

use crate::storage;
use leptos::prelude::*;
use pocketlaw_engine::contract::storage as keys;
use wasm_bindgen::JsCast;

/// The engine's sizes ([`keys::TEXT_SIZES`], the values pwa.js and the style sheet know) and
/// their labels.
const SIZES: [(&str, &str); 3] = [(keys::TEXT_SIZES[0], "标准"), (keys::TEXT_SIZES[1], "大"), (keys::TEXT_SIZES[2], "特大")];

fn apply_size(size: &str) {
    if let Some(el) = crate::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("data-size", size);
    }
}

/// 字号: standard, large, extra-large. pwa.js applies the saved size before the app starts, and
/// makes these buttons work on the static page (`#boot [data-boot-size]`) until the app is there.
#[component]
pub fn TextSize() -> impl IntoView {
    let current = RwSignal::new(storage::get(keys::TEXT_SIZE).unwrap_or_else(|| keys::TEXT_SIZES[0].into()));
    view! {
        <div class="text-size" role="group" aria-label="字号">
            <span aria-hidden="true">"字号"</span>
            {SIZES.into_iter().map(|(key, label)| view! {
                <button type="button" class="size" data-testid=format!("size-{key}") data-boot-size=key
                    aria-pressed=move || (current.get() == key).to_string()
                    aria-label=format!("字号{label}")
                    on:click=move |_| { current.set(key.to_string()); apply_size(key); storage::set(keys::TEXT_SIZE, key); }>
                    {label}
                </button>
            }).collect_view()}
        </div>
    }
}

fn synth() -> Option<web_sys::SpeechSynthesis> {
    crate::window()?.speech_synthesis().ok()
}

fn zh_voice() -> Option<web_sys::SpeechSynthesisVoice> {
    synth()?
        .get_voices()
        .iter()
        .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
        .find(|v| v.lang().to_lowercase().starts_with("zh"))
}

/// The text to read: the element's parts in order, without the read-aloud buttons themselves
/// and without anything marked `data-no-read` (print buttons, share notes). A citation mark
/// (`.cite-mark`, see builder::render) and the list of the legal basis (`.citations`) are skipped,
/// or read (a mark as its full words) when `with_law`
/// (its "法" is drawn by CSS, which `innerText` leaves out): a class on the element hides the
/// marks for the moment the text is taken (style.css).
fn readable_text(el: &web_sys::Element, with_law: bool) -> String {
    let class = "reading-no-law";
    if !with_law {
        let _ = el.class_list().add_1(class);
    }
    let children = el.children();
    let text = (0..children.length())
        .filter_map(|i| children.item(i))
        .filter(|c| !c.matches(".read-aloud, [data-no-read]").unwrap_or(false))
        // (innerText gives a hidden element's whole text, so a hidden part is left out here.)
        .filter(|c| with_law || !c.matches(".citations").unwrap_or(false))
        .filter_map(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|c| c.inner_text())
        .filter(|t| !t.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let _ = el.class_list().remove_1(class);
    text
}

#[derive(Clone, Copy, PartialEq)]
enum Speaking {
    Idle,
    Playing,
    Paused,
}

/// 朗读 the text of the element matched by `selector`, with pause and stop.
#[component]
pub fn ReadAloud(#[prop(into)] selector: String) -> impl IntoView {
    let available = RwSignal::new(zh_voice().is_some());
    // Voices often arrive after the page loads.
    if let Some(s) = synth() {
        let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || available.set(zh_voice().is_some()));
        s.set_onvoiceschanged(Some(cb.as_ref().unchecked_ref()));
        cb.forget();
    }
    let state = RwSignal::new(Speaking::Idle);
    // Citations are skipped unless the reader asks for the law too.
    let with_law = RwSignal::new(false);
    let selector = StoredValue::new(selector);
    on_cleanup(move || {
        if let Some(s) = synth() {
            s.cancel();
        }
    });
    let play = move |_| {
        let Some(s) = synth() else { return };
        match state.get_untracked() {
            Speaking::Paused => {
                s.resume();
                state.set(Speaking::Playing);
            }
            _ => {
                let text = crate::window()
                    .and_then(|w| w.document())
                    .and_then(|d| selector.with_value(|s| d.query_selector(s).ok().flatten()))
                    .map(|e| readable_text(&e, with_law.get_untracked()))
                    .unwrap_or_default();
                let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else {
                    return;
                };
                u.set_lang("zh-CN");
                if let Some(v) = zh_voice() {
                    u.set_voice(Some(&v));
                }
                u.set_rate(0.9);
                let done = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || state.set(Speaking::Idle));
                u.set_onend(Some(done.as_ref().unchecked_ref()));
                done.forget();
                s.cancel();
                s.speak(&u);
                state.set(Speaking::Playing);
            }
        }
    };
    let pause = move |_| {
        if let Some(s) = synth() {
            s.pause();
            state.set(Speaking::Paused);
        }
    };
    let stop = move |_| {
        if let Some(s) = synth() {
            s.cancel();
            state.set(Speaking::Idle);
        }
    };
    view! {
        <Show when=move || available.get()>
            <div class="read-aloud no-print" role="group" aria-label="朗读" data-testid="read-aloud">
                <button type="button" on:click=play>{move || if state.get() == Speaking::Paused { "🔊 继续朗读" } else { "🔊 朗读" }}</button>
                <button type="button" on:click=pause disabled=move || state.get() != Speaking::Playing>"⏸ 暂停"</button>
                <button type="button" on:click=stop disabled=move || state.get() == Speaking::Idle>"⏹ 停止"</button>
                <label class="read-law"><input type="checkbox" prop:checked=move || with_law.get()
                    on:change=move |ev| with_law.set(event_target_checked(&ev))/>"连法条一起读"</label>
            </div>
        </Show>
    }
}
