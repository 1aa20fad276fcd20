//! Legal forms (文书): a short guided interview, one question a screen, that fills in a document
//! laid out as the paper is expected to look. The content is `content/forms/<id>.toml` (checked
//! by the builder with file:line); the logic is here, so the CLI (`pocketlaw form`) and the app
//! validate and fill identically:
//!
//! - [`Form::visible`]: which questions are asked, given the answers so far (`when`);
//! - [`Form::check_field`]: is one answer acceptable (the message is plain Chinese, for the field);
//! - [`Form::fill`]: every answer checked, then the [`Document`] (lines with a style: the title,
//!   paragraphs, right-aligned signature lines) or one [`FieldError`] per bad field;
//! - [`Document::text`]: the plain text, for 复制文字;
//! - [`daxie`]: an amount in 大写 Chinese capital numerals (壹万零伍拾元整).
//!
//! The template language is small on purpose. `{{id}}` is an answer; `{{id|filter}}` formats it
//! ([`Filter`]). An empty placeholder (an optional question left blank, or a question not asked
//! because of its `when`) becomes a blank to fill in by hand (＿＿＿＿＿＿), except on a line that
//! starts with `? `: such a line is left out when all its placeholders are empty, so optional
//! parts need no `if`. A line that starts with `# ` is the title, with `> ` is right-aligned
//! (signature, date). A multi-line answer continues on lines of the same style and indent.
//!
//! Nothing typed leaves the phone: the engine only turns answers into text.

use crate::calc::money::parse_money;
use crate::calc::{Date, FieldError};
use crate::model::CitationRef;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// forms.json: every form, shipped together (small).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormSet {
    pub format_version: u32,
    pub forms: Vec<Form>,
}

impl FormSet {
    pub fn form(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Form {
    pub id: String,
    /// What the list shows: 劳动仲裁申请书.
    pub title: String,
    pub topic: String,
    pub reviewed: String,
    /// One or two plain sentences: what the paper is for, how long it takes.
    pub intro: String,
    pub questions: Vec<Field>,
    /// The document, with `{{placeholders}}` (see the module documentation).
    pub template: String,
    /// 交到哪里、交几份、附什么材料: rendered Markdown (links and citation marks) …
    pub handin_html: String,
    /// … and its plain text, for the copied text.
    pub handin_text: String,
    /// Directory entries (where to hand it in, who to ask).
    #[serde(rename = "where")]
    pub where_: Vec<String>,
    /// Guides to read.
    pub guides: Vec<String>,
    /// Every citation of the hand-in block, for the legal basis list.
    pub citations: Vec<CitationRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Lower-case a-z, 0-9 and `_`; the placeholder name.
    pub id: String,
    /// The question, in plain words: 您叫什么名字？
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    /// What counts, where to find it, an example.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub help: String,
    /// Shown in the empty box: 例如：张三.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub example: String,
    /// Asked only when an earlier choice has this answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines (facts, reasons).
    Multiline,
    /// A date: `2025-03-05`, `2025/3/5`, `2025年3月5日`.
    Date,
    /// Yuan, at most two decimals, more than 0: `50000`, `3500.50`, `5万`.
    Money,
    /// A mainland resident identity number (18 characters, with its check digit).
    Idcard,
    /// One of the options (the answer is the option's words).
    Choice { options: Vec<String> },
}

impl FieldKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Multiline => "multiline",
            FieldKind::Date => "date",
            FieldKind::Money => "money",
            FieldKind::Idcard => "idcard",
            FieldKind::Choice { .. } => "choice",
        }
    }
}

/// `question = "interest", is = ["要利息"]`: the field is asked when that earlier choice has one
/// of these answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub is: Vec<String>,
}

/// The longest answers accepted, in characters.
pub const MAX_TEXT: usize = 200;
pub const MAX_MULTILINE: usize = 3000;

/// How a placeholder formats its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// The answer as typed (trimmed); a date as 2025年3月5日; money as 5000 or 3500.50 (figures).
    Plain,
    /// Money in 大写: 伍仟元整.
    Daxie,
    /// A county or district (剑阁县) → 剑阁县人民法院; anything else, or nothing, → a blank to
    /// fill in by hand ([`COURT_BLANK`]): never a guessed court.
    Court,
}

impl Filter {
    pub fn parse(name: &str) -> Option<Filter> {
        match name {
            "" => Some(Filter::Plain),
            "daxie" => Some(Filter::Daxie),
            "court" => Some(Filter::Court),
            _ => None,
        }
    }

    /// Whether the filter applies to a field of this kind.
    pub fn fits(self, kind: &FieldKind) -> bool {
        match self {
            Filter::Plain => true,
            Filter::Daxie => matches!(kind, FieldKind::Money),
            Filter::Court => matches!(kind, FieldKind::Text),
        }
    }
}

/// The court line when the user gave no county (or something that is not one): a blank that says
/// what to write, never a made-up name.
pub const COURT_BLANK: &str = "＿＿＿＿＿＿县（区）人民法院";

/// What is trimmed from the end of a line (not the full-width space, which leaves room to sign).
const ASCII_SPACE: [char; 3] = [' ', '\t', '\r'];

/// A blank to fill in by hand.
pub const BLANK: &str = "＿＿＿＿＿＿";

/// One `{{…}}` in a template: where (0-based line, byte offset in the line), the field id and
/// the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub id: String,
    pub filter: String,
}

/// Every placeholder of a template, or (0-based line, message) for each malformed one.
pub fn placeholders(template: &str) -> (Vec<Placeholder>, Vec<(usize, String)>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in template.lines().enumerate() {
        let mut pos = 0;
        let mut unclosed = false;
        while let Some(open) = line[pos..].find("{{").map(|i| pos + i) {
            let Some(close) = line[open + 2..].find("}}").map(|i| open + 2 + i) else {
                errors.push((n, "`{{` is not closed with `}}` on the same line".to_string()));
                unclosed = true;
                break;
            };
            let inner = line[open + 2..close].trim();
            let (id, filter) = inner.split_once('|').map(|(a, b)| (a.trim(), b.trim())).unwrap_or((inner, ""));
            if id.is_empty() {
                errors.push((n, "empty placeholder `{{}}`".to_string()));
            } else {
                found.push(Placeholder { line: n, start: open, end: close + 2, id: id.to_string(), filter: filter.to_string() });
            }
            pos = close + 2;
        }
        if !unclosed && line[pos..].contains("}}") {
            errors.push((n, "`}}` without `{{`".to_string()));
        }
    }
    (found, errors)
}

/// How a line of the finished document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineStyle {
    /// The paper's title, centred.
    Title,
    /// A line of text (a leading full-width space indents it, as on paper).
    Para,
    /// Right-aligned: signature, date.
    Right,
    /// An empty line between parts.
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub style: LineStyle,
    pub text: String,
}

/// A filled-in form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub lines: Vec<Line>,
}

impl Document {
    /// The plain text, for 复制文字 and `pocketlaw form --text`: the lines as they stand, the title
    /// first, the right-aligned lines as they are, at most one empty line in a row.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut blank = true;
        for l in &self.lines {
            if l.style == LineStyle::Blank || l.text.trim().is_empty() {
                if !blank {
                    out.push('\n');
                }
                blank = true;
                continue;
            }
            out.push_str(&l.text);
            out.push('\n');
            blank = false;
        }
        out.trim_end().to_string() + "\n"
    }
}

impl Form {
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Whether `field` is asked, given the answers: its `when` holds, and the question that
    /// condition names is asked too.
    pub fn is_asked(&self, field: &Field, answers: &BTreeMap<String, String>) -> bool {
        let mut at = field;
        // At most one step per question: unvalidated data with a loop of `when`s ends too.
        for _ in 0..=self.questions.len() {
            let Some(c) = &at.when else { return true };
            if !answers.get(&c.question).is_some_and(|a| c.is.iter().any(|v| v == a.trim())) {
                return false;
            }
            match self.field(&c.question) {
                Some(p) => at = p,
                None => return false,
            }
        }
        false
    }

    /// The questions asked, in order, given the answers so far.
    pub fn visible(&self, answers: &BTreeMap<String, String>) -> Vec<&Field> {
        self.questions.iter().filter(|q| self.is_asked(q, answers)).collect()
    }

    /// Checks one answer (empty: only an error when the field is required).
    pub fn check_field(&self, id: &str, value: &str) -> Result<(), String> {
        let field = self.field(id).ok_or_else(|| format!("这份文书没有“{id}”这一项"))?;
        check_value(field, value).map(|_| ())
    }

    /// Checks every answer and fills in the template. Answers to questions that are not asked
    /// (their `when` does not hold) are ignored; unknown keys are errors (a typo in a file).
    pub fn fill(&self, answers: &BTreeMap<String, String>) -> Result<Document, Vec<FieldError>> {
        let mut errors = Vec::new();
        for key in answers.keys() {
            if self.field(key).is_none() {
                let ids: Vec<&str> = self.questions.iter().map(|q| q.id.as_str()).collect();
                errors.push(FieldError::new(key, format!("这份文书没有“{key}”这一项。能填的有：{}", ids.join("、"))));
            }
        }
        let mut values: BTreeMap<&str, Value> = BTreeMap::new();
        for q in &self.questions {
            if !self.is_asked(q, answers) {
                continue;
            }
            match check_value(q, answers.get(&q.id).map(String::as_str).unwrap_or("")) {
                Ok(Some(v)) => {
                    values.insert(&q.id, v);
                }
                Ok(None) => {}
                Err(m) => errors.push(FieldError::new(&q.id, m)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (found, _) = placeholders(&self.template);
        let mut lines = Vec::new();
        for (n, raw) in self.template.lines().enumerate() {
            let on_line: Vec<&Placeholder> = found.iter().filter(|p| p.line == n).collect();
            let rendered: Vec<Option<String>> = on_line.iter().map(|p| values.get(p.id.as_str()).map(|v| v.render(&p.filter))).collect();
            // An empty court is the blank that says what to write.
            let blank = |p: &Placeholder| if Filter::parse(&p.filter) == Some(Filter::Court) { COURT_BLANK } else { BLANK };
            let optional = raw.starts_with("? ");
            if optional && !on_line.is_empty() && rendered.iter().all(Option::is_none) {
                continue; // an optional line with nothing filled in is left out
            }
            let skip = if optional { 2 } else { 0 };
            let mut text = String::new();
            let mut pos = skip;
            for (p, r) in on_line.iter().zip(&rendered) {
                text.push_str(&raw[pos..p.start]);
                text.push_str(r.as_deref().unwrap_or(blank(p)));
                pos = p.end;
            }
            text.push_str(&raw[pos.max(skip)..]);
            let (style, body) = if let Some(t) = text.strip_prefix("# ") {
                (LineStyle::Title, t.to_string())
            } else if let Some(t) = text.strip_prefix("> ") {
                (LineStyle::Right, t.to_string())
            } else if text.trim().is_empty() {
                (LineStyle::Blank, String::new())
            } else {
                (LineStyle::Para, text.trim_end_matches(ASCII_SPACE).to_string())
            };
            // A multi-line answer continues as lines of the same style and indent.
            let indent: String = body.chars().take_while(|c| *c == '　' || *c == ' ').collect();
            for (k, part) in body.split('\n').enumerate() {
                // Full-width spaces at the end stay: room to sign by hand.
                let part = part.trim_end_matches(ASCII_SPACE);
                if k > 0 && part.trim().is_empty() {
                    continue;
                }
                let text = if k > 0 && !part.starts_with(['　', ' ']) { format!("{indent}{part}") } else { part.to_string() };
                lines.push(Line { style, text });
            }
        }
        // No empty lines at the ends, nor two in a row.
        let mut tidy: Vec<Line> = Vec::new();
        for l in lines {
            if l.style == LineStyle::Blank && tidy.last().is_none_or(|p| p.style == LineStyle::Blank) {
                continue;
            }
            tidy.push(l);
        }
        while tidy.last().is_some_and(|l| l.style == LineStyle::Blank) {
            tidy.pop();
        }
        Ok(Document { id: self.id.clone(), title: self.title.clone(), lines: tidy })
    }
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Text(String),
    Date(Date),
    Money(i64),
}

impl Value {
    fn render(&self, filter: &str) -> String {
        match (self, Filter::parse(filter).unwrap_or(Filter::Plain)) {
            (Value::Money(fen), Filter::Daxie) => daxie(*fen),
            (Value::Money(fen), _) => crate::calc::money::yuan(*fen),
            (Value::Date(d), _) => d.cn(),
            (Value::Text(t), Filter::Court) => court(t),
            (Value::Text(t), _) => t.clone(),
        }
    }
}

/// The court of a county or district the user typed: `剑阁县` → `剑阁县人民法院`. Only a name
/// that ends in 县, 区, 市 or 旗 (with nothing but Chinese characters before it) becomes a court
/// name; anything else gives [`COURT_BLANK`], never a guess.
pub fn court(place: &str) -> String {
    let p: String = place.trim().chars().filter(|c| !c.is_whitespace()).collect();
    let p = p.strip_suffix("人民法院").or_else(|| p.strip_suffix("法院")).unwrap_or(&p);
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let n = p.chars().count();
    if (2..=12).contains(&n) && p.chars().all(han) && p.ends_with(['县', '区', '市', '旗']) {
        format!("{p}人民法院")
    } else {
        COURT_BLANK.to_string()
    }
}

fn check_value(field: &Field, value: &str) -> Result<Option<Value>, String> {
    let v = value.trim();
    if v.is_empty() {
        return if field.required { Err("这一项要填，不能空着".to_string()) } else { Ok(None) };
    }
    let chars = v.chars().count();
    match &field.kind {
        FieldKind::Text => {
            if v.contains('\n') {
                return Err("这一项只写一行".into());
            }
            if chars > MAX_TEXT {
                return Err(format!("太长了（{chars} 个字），这一项最多 {MAX_TEXT} 个字"));
            }
            Ok(Some(Value::Text(v.to_string())))
        }
        FieldKind::Multiline => {
            if chars > MAX_MULTILINE {
                return Err(format!("太长了（{chars} 个字），最多 {MAX_MULTILINE} 个字。可以只写要点，细节当面说"));
            }
            let text: Vec<&str> = v.lines().map(str::trim_end).collect();
            Ok(Some(Value::Text(text.join("\n"))))
        }
        FieldKind::Date => Date::parse(v).map(|d| Some(Value::Date(d))),
        FieldKind::Money => {
            let fen = parse_money(v)?;
            if fen == 0 {
                return Err("金额要大于 0".into());
            }
            Ok(Some(Value::Money(fen)))
        }
        FieldKind::Idcard => check_idcard(v).map(|id| Some(Value::Text(id))),
        FieldKind::Choice { options } => options
            .iter()
            .find(|o| o.as_str() == v)
            .map(|o| Some(Value::Text(o.clone())))
            .ok_or_else(|| format!("请从这些里选一个：{}", options.join("、"))),
    }
}

/// An 18-character resident identity number: 17 digits and a check digit (0–9 or X), ISO 7064
/// MOD 11-2 as GB 11643 sets it. Returns it with a capital X.
pub fn check_idcard(text: &str) -> Result<String, String> {
    let s: String = text.trim().chars().map(crate::calc::date::fullwidth_to_ascii).filter(|c| *c != ' ').collect::<String>().to_uppercase();
    if s.len() != 18 || !s[..17].bytes().all(|b| b.is_ascii_digit()) || !matches!(s.as_bytes()[17], b'0'..=b'9' | b'X') {
        return Err(format!("身份证号是 18 位（最后一位可能是 X），您填了 {} 位，请对着身份证再看一下", s.chars().count()));
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = s.bytes().take(17).zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    if s.as_bytes()[17] != CHECK[(sum % 11) as usize] {
        return Err("这个身份证号对不上（可能有一位抄错了），请对着身份证再核对一遍".into());
    }
    Ok(s)
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// 1 ..= 9999 in capitals, zeros inside written once: 1010 → 壹仟零壹拾.
fn four(n: u64) -> String {
    let mut out = String::new();
    let mut zero = false;
    for (unit, place) in [("仟", 1000), ("佰", 100), ("拾", 10), ("", 1)] {
        let d = (n / place % 10) as usize;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push(DIGITS[d]);
        out.push_str(unit);
    }
    out
}

/// A whole number of yuan (> 0) in capitals: 万 and 亿 sections, a 零 where a section or a
/// place inside it is skipped (100500 → 壹拾万零伍佰).
fn whole(n: u64) -> String {
    if n >= 100_000_000 {
        let (hi, lo) = (n / 100_000_000, n % 100_000_000);
        let mut s = whole(hi) + "亿";
        if lo > 0 {
            if lo < 10_000_000 {
                s.push('零');
            }
            s += &whole(lo);
        }
        s
    } else if n >= 10_000 {
        let (hi, lo) = (n / 10_000, n % 10_000);
        let mut s = four(hi) + "万";
        if lo > 0 {
            if lo < 1000 {
                s.push('零');
            }
            s += &four(lo);
        }
        s
    } else {
        four(n)
    }
}

/// An amount in fen in 大写 Chinese capital numerals, as bills and IOUs write it (中国人民银行
/// 《正确填写票据和结算凭证的基本规定》): 壹万零伍拾元整, 叁仟伍佰元伍角, 壹拾元零伍分. 整 after
/// 元; nothing after 角 or 分; 零 when the 角 place is zero but the 分 place is not. Negative
/// amounts are written as their absolute value (the caller never passes one).
pub fn daxie(fen: i64) -> String {
    let fen = fen.unsigned_abs();
    let (yuan, jiao, fen_d) = (fen / 100, (fen / 10 % 10) as usize, (fen % 10) as usize);
    let mut s = String::new();
    if yuan > 0 {
        s = whole(yuan) + "元";
    }
    if jiao == 0 && fen_d == 0 {
        if yuan == 0 {
            return "零元整".into();
        }
        s.push('整');
        return s;
    }
    if jiao > 0 {
        s.push(DIGITS[jiao]);
        s.push('角');
    } else if yuan > 0 {
        s.push('零');
    }
    if fen_d > 0 {
        s.push(DIGITS[fen_d]);
        s.push('分');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_follow_the_banking_rules() {
        let cases = [
            (0, "零元整"),
            (1, "壹分"),
            (50, "伍角"),
            (100, "壹元整"),
            (1_000, "壹拾元整"),
            (1_050, "壹拾元伍角"),
            (1_005, "壹拾元零伍分"),
            (10_000, "壹佰元整"),
            (500_000, "伍仟元整"),
            (1_005_000, "壹万零伍拾元整"),
            (168_032, "壹仟陆佰捌拾元叁角贰分"),
            (168_002, "壹仟陆佰捌拾元零贰分"),
            (160_532, "壹仟陆佰零伍元叁角贰分"),
            (101_000, "壹仟零壹拾元整"),
            (100_100, "壹仟零壹元整"),
            (5_000_000, "伍万元整"),
            (10_500_000, "壹拾万伍仟元整"),
            (10_050_000, "壹拾万零伍佰元整"),
            (100_001_000, "壹佰万零壹拾元整"),
            (1_200_000_000, "壹仟贰佰万元整"),
            (10_000_000_500, "壹亿零伍元整"),
            (10_100_000_000, "壹亿零壹佰万元整"),
            (11_000_000_000, "壹亿壹仟万元整"),
            (100_000_000_000_000, "壹万亿元整"),
            (100_000_100_000_000, "壹万亿零壹佰万元整"),
            (100_000_001_000_000, "壹万亿零壹万元整"),
            (120_000_000_000_000, "壹万贰仟亿元整"),
        ];
        for (fen, want) in cases {
            assert_eq!(daxie(fen), want, "{fen} fen");
        }
    }

    #[test]
    fn court_names_come_only_from_what_was_typed() {
        assert_eq!(court("剑阁县"), "剑阁县人民法院");
        assert_eq!(court(" 利州区 "), "利州区人民法院");
        assert_eq!(court("江油市人民法院"), "江油市人民法院");
        for vague in ["", "广元", "不知道", "Jiange", "剑阁县下寺镇", "县"] {
            assert_eq!(court(vague), COURT_BLANK, "{vague}");
        }
    }

    #[test]
    fn identity_numbers_are_checked() {
        // The example number of GB 11643-1999.
        assert_eq!(check_idcard("11010519491231002x"), Ok("11010519491231002X".into()));
        assert!(check_idcard("110105194912310021").unwrap_err().contains("对不上"));
        assert!(check_idcard("1101051949").unwrap_err().contains("18 位"));
    }

    fn field(id: &str, kind: FieldKind, required: bool) -> Field {
        Field { id: id.into(), label: format!("{id}?"), kind, required, help: String::new(), example: String::new(), when: None }
    }

    fn form() -> Form {
        let mut rate = field("rate", FieldKind::Text, true);
        rate.when = Some(Condition { question: "interest".into(), is: vec!["要利息".into()] });
        Form {
            id: "iou".into(),
            title: "借条".into(),
            topic: "private-lending".into(),
            reviewed: "2026-12-02".into(),
            intro: String::new(),
            questions: vec![
                field("name", FieldKind::Text, true),
                field("amount", FieldKind::Money, true),
                field("day", FieldKind::Date, true),
                field("interest", FieldKind::Choice { options: vec!["不要利息".into(), "要利息".into()] }, true),
                rate,
                field("note", FieldKind::Multiline, false),
                field("phone", FieldKind::Text, false),
            ],
            template: "# 借  条\n\n　　今借到{{name}}人民币{{amount|daxie}}（¥{{amount}}元），于{{day}}归还。\n　　利息：{{interest}}。\n? 　　年利率：{{rate}}。\n\n? 　　{{note}}\n电话：{{phone}}，住址：{{name}}\n> 借款人：{{name}}\n".into(),
            handin_html: String::new(),
            handin_text: String::new(),
            where_: vec![],
            guides: vec![],
            citations: vec![],
        }
    }

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn fills_the_template_and_drops_lines_left_empty() {
        let f = form();
        let doc = f
            .fill(&answers(&[("name", "张三"), ("amount", "10050"), ("day", "2027/1/5"), ("interest", "不要利息"), ("rate", "百分之五")]))
            .unwrap();
        let text = doc.text();
        assert_eq!(doc.lines[0], Line { style: LineStyle::Title, text: "借  条".into() });
        assert!(text.contains("今借到张三人民币壹万零伍拾元整（¥10050元），于2027年1月5日归还。"), "{text}");
        // `rate` is not asked without interest: its line is left out, and so is the empty note.
        assert!(!text.contains("年利率"), "{text}");
        // A line with something filled keeps a blank for the rest.
        assert!(text.contains(&format!("电话：{BLANK}，住址：张三")), "{text}");
        assert_eq!(doc.lines.last().unwrap(), &Line { style: LineStyle::Right, text: "借款人：张三".into() });
        assert!(!text.contains("\n\n\n"));
    }

    #[test]
    fn a_condition_makes_its_question_asked_and_required() {
        let f = form();
        let a = answers(&[("name", "张三"), ("amount", "100"), ("day", "2027-01-05"), ("interest", "要利息")]);
        assert_eq!(f.visible(&a).len(), 7);
        let errs = f.fill(&a).unwrap_err();
        assert_eq!(errs, vec![FieldError::new("rate", "这一项要填，不能空着")]);
        let mut a = a;
        a.insert("rate".into(), "年利率百分之六".into());
        a.insert("note".into(), "第一行\n\n第二行".into());
        let doc = f.fill(&a).unwrap();
        let text = doc.text();
        assert!(text.contains("年利率：年利率百分之六。"), "{text}");
        assert!(text.contains("　　第一行\n　　第二行"), "{text}");
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let f = form();
        let errs =
            f.fill(&answers(&[("name", ""), ("amount", "-5"), ("day", "2027-02-30"), ("interest", "随便"), ("nmae", "x")])).unwrap_err();
        let keys: Vec<&str> = errs.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, vec!["nmae", "name", "amount", "day", "interest"]);
        assert!(errs[2].message.contains("负数"));
        assert!(errs[3].message.contains("2027年2月只有28天"));
        assert!(errs[4].message.contains("不要利息、要利息"));
        assert!(f.check_field("amount", "0").unwrap_err().contains("大于 0"));
        assert!(f.check_field("note", "").is_ok());
        assert!(f.check_field("name", "a\nb").is_err());
    }

    #[test]
    fn placeholders_are_found_with_their_lines() {
        let (found, errors) = placeholders("a {{x}} b {{ y | daxie }}\n\nc {{z\n}}");
        assert_eq!(
            found.iter().map(|p| (p.line, p.id.as_str(), p.filter.as_str())).collect::<Vec<_>>(),
            vec![(0, "x", ""), (0, "y", "daxie")]
        );
        assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), vec![2, 3]);
    }
}
