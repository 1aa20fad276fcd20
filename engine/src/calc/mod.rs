//! Statutory calculators: deadlines, court fees, work-injury lump sums, severance, overtime pay.
//!
//! One typed definition serves the CLI (`pocketlaw calc`) and the app: [`list`] describes every
//! calculator and its inputs; [`run`] takes the inputs as the user typed them (strings), checks
//! every field itself and returns either a [`CalcResult`] or one [`FieldError`] per bad field —
//! never a number computed from bad input. Money is integer fen (分) and exact fractions, rounded
//! once, half up, to the fen. Dates are plain calendar arithmetic ([`date`]): the engine knows no
//! holiday calendar and says so.
//!
//! "Today" is an input like the others (key [`TODAY`], `YYYY-MM-DD`): the CLI passes the system date
//! (China time), the app the phone's, the tests a fixed day.

mod court_fee;
pub mod date;
mod deadline;
mod ics;
pub mod money;
mod overtime;
mod severance;
mod work_injury;

pub use date::Date;
pub use ics::ics;

use crate::citation::Citation;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The input key that carries today's date (`YYYY-MM-DD`). Not listed among a calculator's inputs:
/// the caller fills it in.
pub const TODAY: &str = "today";

/// One calculator: what it is and what it asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalcInfo {
    pub id: String,
    pub title: String,
    pub description: String,
    pub inputs: Vec<InputInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputInfo {
    pub key: String,
    pub label: String,
    pub kind: InputKind,
    pub required: bool,
    /// Where to find the figure, what counts, examples.
    pub help: String,
    /// The value used when the field is left empty (choices and booleans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InputKind {
    /// Yuan, at most two decimals (fen), not negative. `50000`, `3500.50`, `5万` and `50,000` are accepted.
    Money,
    /// A whole number in `min..=max`.
    Integer { min: i64, max: i64 },
    /// A non-negative decimal with at most `decimals` places, e.g. hours.
    Number { unit: String, decimals: u32 },
    /// `YYYY-MM-DD` (also `2024/3/5`, `2024年3月5日`). `not_after_today`: the event must already have
    /// happened (a later date is an error on the field).
    Date { not_after_today: bool },
    /// One of the option values.
    Choice { options: Vec<ChoiceOption> },
    /// `true`/`false` (also `1`/`0`, `yes`/`no`, `是`/`否`).
    Bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
}

/// A problem with one field, in plain Chinese, for display beside that field. `key` is the input's
/// key, [`TODAY`], or `id` for an unknown calculator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub key: String,
    pub message: String,
}

impl FieldError {
    pub fn new(key: &str, message: impl Into<String>) -> FieldError {
        FieldError { key: key.to_string(), message: message.into() }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

/// What a calculator found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalcResult {
    pub id: String,
    pub title: String,
    /// The main answer(s), most important first.
    pub figures: Vec<Figure>,
    /// How it was worked out, one line per step, with the formula in plain words.
    pub parts: Vec<Part>,
    /// The articles the answer rests on, as the content writes them: 《诉讼费用交纳办法》第十三条.
    pub citations: Vec<CalcCitation>,
    /// What the calculator cannot know or did not count, and where to ask.
    pub notes: Vec<String>,
    /// For deadlines: a calendar reminder ([`ics`] renders it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder: Option<Reminder>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub key: String,
    pub label: String,
    /// Ready to show: `1050 元`, `50 元 至 300 元`, `2027年3月15日（星期一）`.
    pub text: String,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    Money {
        fen: i64,
        yuan: String,
    },
    MoneyRange {
        min_fen: i64,
        max_fen: i64,
        min_yuan: String,
        max_yuan: String,
    },
    Date {
        /// YYYY-MM-DD
        date: String,
        weekday: String,
        /// Days from today to this date; negative once it has passed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        days_left: Option<i64>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub label: String,
    pub value: String,
    pub formula: String,
}

/// A cited article: `cite` parses with [`Citation::parse`]; `about` says what it decides here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalcCitation {
    pub cite: String,
    pub about: String,
}

impl CalcCitation {
    pub fn citation(&self) -> Result<Citation, String> {
        Citation::parse(&self.cite)
    }
}

/// One all-day calendar event from `first_day` to `last_day` (YYYY-MM-DD, equal for a single
/// deadline), with an alarm `alarm_days_before` days before `first_day`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub first_day: String,
    pub last_day: String,
    pub summary: String,
    pub description: String,
    /// Derived from the inputs (not the clock): the same deadline gives the same event.
    pub uid: String,
    /// The DTSTAMP: today, midnight UTC (`20250601T000000Z`).
    pub stamp: String,
    pub alarm_days_before: u32,
}

/// Every calculator, in the order the app lists them.
pub fn list() -> Vec<CalcInfo> {
    vec![deadline::info(), court_fee::info(), work_injury::info(), severance::info(), overtime::info()]
}

/// One calculator's description, or None for an unknown id.
pub fn info(id: &str) -> Option<CalcInfo> {
    list().into_iter().find(|c| c.id == id)
}

/// Runs calculator `id` on the inputs as typed (`key → text`; an empty text is a missing field).
/// Every field is checked: unknown keys, missing required fields, bad numbers and impossible or
/// future dates each give an error on that field, and then no result.
pub fn run(id: &str, inputs: &BTreeMap<String, String>) -> Result<CalcResult, Vec<FieldError>> {
    let Some(info) = info(id) else {
        let ids: Vec<String> = list().into_iter().map(|c| c.id).collect();
        return Err(vec![FieldError::new("id", format!("没有“{id}”这个计算器。可以用的有：{}", ids.join("、")))]);
    };
    let values = parse_inputs(&info, inputs)?;
    match id {
        "deadline" => deadline::compute(&values),
        "court-fee" => court_fee::compute(&values),
        "work-injury-disability" => work_injury::compute(&values),
        "severance" => severance::compute(&values),
        "overtime" => overtime::compute(&values),
        _ => Err(vec![FieldError::new("id", format!("没有“{id}”这个计算器"))]),
    }
}

/// A parsed input value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Parsed {
    Money(i64),
    Int(i64),
    Number(i64),
    Date(Date),
    Choice(String),
    Bool(bool),
}

/// The inputs of one run, parsed and checked against the calculator's [`InputInfo`]s.
#[derive(Debug, Default)]
pub(crate) struct Values {
    map: BTreeMap<String, Parsed>,
    today: Option<Date>,
}

impl Values {
    pub(crate) fn money(&self, key: &str) -> Option<i64> {
        match self.map.get(key) {
            Some(Parsed::Money(v)) => Some(*v),
            _ => None,
        }
    }
    pub(crate) fn int(&self, key: &str) -> Option<i64> {
        match self.map.get(key) {
            Some(Parsed::Int(v)) => Some(*v),
            _ => None,
        }
    }
    /// A decimal number in units of 10^-decimals.
    pub(crate) fn number(&self, key: &str) -> Option<i64> {
        match self.map.get(key) {
            Some(Parsed::Number(v)) => Some(*v),
            _ => None,
        }
    }
    pub(crate) fn date(&self, key: &str) -> Option<Date> {
        match self.map.get(key) {
            Some(Parsed::Date(v)) => Some(*v),
            _ => None,
        }
    }
    pub(crate) fn choice(&self, key: &str) -> Option<&str> {
        match self.map.get(key) {
            Some(Parsed::Choice(v)) => Some(v),
            _ => None,
        }
    }
    #[allow(dead_code)]
    pub(crate) fn boolean(&self, key: &str) -> Option<bool> {
        match self.map.get(key) {
            Some(Parsed::Bool(v)) => Some(*v),
            _ => None,
        }
    }
    pub(crate) fn today(&self) -> Option<Date> {
        self.today
    }
}

fn parse_inputs(info: &CalcInfo, inputs: &BTreeMap<String, String>) -> Result<Values, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut values = Values::default();
    for key in inputs.keys() {
        if key != TODAY && !info.inputs.iter().any(|i| i.key == *key) {
            let keys: Vec<&str> = info.inputs.iter().map(|i| i.key.as_str()).collect();
            errors.push(FieldError::new(key, format!("这个计算器没有“{key}”这一项。能填的有：{}", keys.join("、"))));
        }
    }
    let present = |key: &str| inputs.get(key).map(|s| s.trim()).filter(|s| !s.is_empty());
    match present(TODAY).map(Date::parse) {
        Some(Ok(d)) => values.today = Some(d),
        Some(Err(e)) => errors.push(FieldError::new(TODAY, format!("今天的日期不对：{e}"))),
        None => {}
    }
    for input in &info.inputs {
        let text = match (present(&input.key), &input.default) {
            (Some(t), _) => t,
            (None, Some(d)) => d.as_str(),
            (None, None) => {
                if input.required {
                    errors.push(FieldError::new(&input.key, format!("请填写“{}”", input.label)));
                }
                continue;
            }
        };
        match parse_one(&input.kind, text, values.today) {
            Ok(v) => {
                values.map.insert(input.key.clone(), v);
            }
            Err(message) => errors.push(FieldError { key: input.key.clone(), message }),
        }
    }
    let needs_today = info.inputs.iter().any(|i| matches!(i.kind, InputKind::Date { not_after_today: true }) && present(&i.key).is_some());
    if needs_today && values.today.is_none() && !errors.iter().any(|e| e.key == TODAY) {
        errors.push(FieldError::new(TODAY, "缺少今天的日期（YYYY-MM-DD），用来检查日期有没有填到将来"));
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

fn parse_one(kind: &InputKind, text: &str, today: Option<Date>) -> Result<Parsed, String> {
    match kind {
        InputKind::Money => money::parse_money(text).map(Parsed::Money),
        InputKind::Number { unit, decimals } => {
            let v = money::parse_decimal(text, *decimals, unit)?;
            if v > 1_000_000 * 10i64.pow(*decimals) {
                return Err("数字太大了，请检查一下".to_string());
            }
            Ok(Parsed::Number(v))
        }
        InputKind::Integer { min, max } => {
            let s: String = text.chars().map(date::fullwidth_to_ascii).collect();
            let s = s.trim();
            if s.starts_with('-') && s.len() > 1 && s[1..].bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("不能是负数，请填 {min} 到 {max} 之间的整数"));
            }
            if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("请只填整数（不带小数点），比如 {min} 到 {max} 之间的数"));
            }
            let n: i64 = s.parse().map_err(|_| format!("请只填整数，比如 {min} 到 {max} 之间的数"))?;
            if n < *min || n > *max {
                return Err(format!("要在 {min} 到 {max} 之间，您填的是 {n}"));
            }
            Ok(Parsed::Int(n))
        }
        InputKind::Date { not_after_today } => {
            let d = Date::parse(text)?;
            if let (true, Some(t)) = (*not_after_today, today) {
                if d > t {
                    return Err(format!("{} 还没到（今天是 {}）。这里要填已经发生的那一天", d.cn(), t.cn()));
                }
            }
            Ok(Parsed::Date(d))
        }
        InputKind::Choice { options } => {
            let t = text.trim();
            options.iter().find(|o| o.value == t || o.label == t).map(|o| Parsed::Choice(o.value.clone())).ok_or_else(|| {
                let all: Vec<String> = options.iter().map(|o| format!("{}（{}）", o.value, o.label)).collect();
                format!("请从这些里选一个：{}", all.join("、"))
            })
        }
        InputKind::Bool => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "y" | "是" | "对" => Ok(Parsed::Bool(true)),
            "false" | "0" | "no" | "n" | "否" | "不是" => Ok(Parsed::Bool(false)),
            _ => Err("请填“是”或“否”".to_string()),
        },
    }
}

// ---- small builders shared by the calculators ----

pub(crate) fn input(key: &str, label: &str, kind: InputKind, required: bool, help: &str) -> InputInfo {
    InputInfo { key: key.into(), label: label.into(), kind, required, help: help.into(), default: None }
}

pub(crate) fn choice(options: &[(&str, &str)]) -> InputKind {
    InputKind::Choice { options: options.iter().map(|(v, l)| ChoiceOption { value: (*v).into(), label: (*l).into() }).collect() }
}

pub(crate) fn cite(cite: &str, about: &str) -> CalcCitation {
    CalcCitation { cite: cite.into(), about: about.into() }
}

pub(crate) fn part(label: &str, value: impl Into<String>, formula: impl Into<String>) -> Part {
    Part { label: label.into(), value: value.into(), formula: formula.into() }
}

pub(crate) fn money_figure(key: &str, label: &str, fen: i64) -> Figure {
    Figure { key: key.into(), label: label.into(), text: money::yuan_text(fen), value: Value::Money { fen, yuan: money::yuan(fen) } }
}

pub(crate) fn range_figure(key: &str, label: &str, min_fen: i64, max_fen: i64) -> Figure {
    Figure {
        key: key.into(),
        label: label.into(),
        text: format!("{} 元 至 {} 元", money::yuan(min_fen), money::yuan(max_fen)),
        value: Value::MoneyRange { min_fen, max_fen, min_yuan: money::yuan(min_fen), max_yuan: money::yuan(max_fen) },
    }
}

pub(crate) fn date_figure(key: &str, label: &str, d: Date, today: Option<Date>) -> Figure {
    Figure {
        key: key.into(),
        label: label.into(),
        text: d.cn_with_weekday(),
        value: Value::Date { date: d.to_string(), weekday: d.weekday_cn().into(), days_left: today.map(|t| d.days() - t.days()) },
    }
}

/// The closing notes every calculator carries.
pub(crate) fn general_notes() -> Vec<String> {
    vec![
        "这是按法律条文算出的一般结果，帮您心里有个数，不是对您具体案子的法律意见；最后以法院、仲裁委或者有关部门的决定为准。".into(),
        "拿不准的，请打 12348 法律援助热线免费问，或者到县公共法律服务中心、乡镇司法所当面问。".into(),
    ]
}

/// A stable 64-bit FNV-1a hash, for reminder UIDs.
pub(crate) fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

#[cfg(test)]
mod tests;
