//! The monthly quiz (法治月考): choosing the month, marking answers, the wrong-answer notebook,
//! practice draws, and the progress kept on the phone (a versioned schema with migration).
//! Pure logic: the app stores the JSON this module produces.

use crate::model::{DocPage, QuizData};
use serde::{Deserialize, Serialize};

/// Is this set of picked options exactly the answer?
pub fn is_correct(q: &QuizData, picked: &[usize]) -> bool {
    let mut p = picked.to_vec();
    p.sort_unstable();
    p.dedup();
    p == q.answer
}

/// The month to offer: this month if it has a quiz, else the latest month before it, else the
/// latest month there is. `today_month` is `YYYY-MM` from the phone's clock.
pub fn offered_month(available: &[String], today_month: &str) -> Option<String> {
    let mut months = available.to_vec();
    months.sort();
    months.dedup();
    months.iter().rev().find(|m| m.as_str() <= today_month).or(months.last()).cloned()
}

/// The current schema version of [`Progress`].
pub const PROGRESS_VERSION: u32 = 2;
/// A question leaves the notebook after this many right answers in a row.
pub const RIGHT_IN_A_ROW_TO_LEAVE: u8 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// `YYYY-MM`, or `practice`.
    pub month: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub score: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteEntry {
    pub id: String,
    /// Right answers in a row since it was last answered wrong.
    pub streak: u8,
}

/// A quiz under way, so that leaving and coming back resumes where the user was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InProgress {
    /// `YYYY-MM` for a monthly quiz, `practice` or `notebook`.
    pub key: String,
    pub ids: Vec<String>,
    /// The answers given so far, one per question, in order.
    pub answers: Vec<Vec<usize>>,
}

/// Everything the quiz keeps on the phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    pub history: Vec<Attempt>,
    pub notebook: Vec<NoteEntry>,
    #[serde(default)]
    pub current: Option<InProgress>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress { version: PROGRESS_VERSION, history: Vec::new(), notebook: Vec::new(), current: None }
    }
}

/// Version 1, the first schema: a history of scores and a plain list of wrong question ids.
#[derive(Debug, Deserialize)]
struct ProgressV1 {
    #[allow(dead_code)]
    version: u32,
    history: Vec<Attempt>,
    wrong: Vec<String>,
}

/// What loading stored progress found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet.
    Fresh(Progress),
    Current(Progress),
    /// An older version, upgraded.
    Migrated(Progress),
    /// Stored data that cannot be read: start again, and tell the user.
    Corrupt(Progress),
}

impl Loaded {
    pub fn progress(self) -> Progress {
        match self {
            Loaded::Fresh(p) | Loaded::Current(p) | Loaded::Migrated(p) | Loaded::Corrupt(p) => p,
        }
    }
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// Reads stored progress of any known version. Never fails: unreadable data gives a fresh
/// start marked [`Loaded::Corrupt`].
pub fn load(raw: Option<&str>) -> Loaded {
    let Some(raw) = raw else {
        return Loaded::Fresh(Progress::default());
    };
    let Ok(v) = serde_json::from_str::<VersionOnly>(raw) else {
        return Loaded::Corrupt(Progress::default());
    };
    match v.version {
        1 => match serde_json::from_str::<ProgressV1>(raw) {
            Ok(old) => Loaded::Migrated(Progress {
                version: PROGRESS_VERSION,
                history: old.history,
                notebook: old.wrong.into_iter().map(|id| NoteEntry { id, streak: 0 }).collect(),
                current: None,
            }),
            Err(_) => Loaded::Corrupt(Progress::default()),
        },
        PROGRESS_VERSION => match serde_json::from_str::<Progress>(raw) {
            Ok(p) => Loaded::Current(p),
            Err(_) => Loaded::Corrupt(Progress::default()),
        },
        _ => Loaded::Corrupt(Progress::default()),
    }
}

impl Progress {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Records one answer in the notebook: a wrong answer puts the question in (or resets its
    /// streak); a right answer to a noted question counts towards taking it out.
    pub fn record(&mut self, id: &str, correct: bool) {
        let pos = self.notebook.iter().position(|e| e.id == id);
        match (correct, pos) {
            (false, Some(i)) => self.notebook[i].streak = 0,
            (false, None) => self.notebook.push(NoteEntry { id: id.to_string(), streak: 0 }),
            (true, Some(i)) => {
                // Saturating: the streak comes from storage, where it may be anything up to 255.
                self.notebook[i].streak = self.notebook[i].streak.saturating_add(1);
                if self.notebook[i].streak >= RIGHT_IN_A_ROW_TO_LEAVE {
                    self.notebook.remove(i);
                }
            }
            (true, None) => {}
        }
    }

    pub fn in_notebook(&self, id: &str) -> bool {
        self.notebook.iter().any(|e| e.id == id)
    }
}

/// A small deterministic generator, so that a draw can be reproduced from its seed.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// Draws up to `n` distinct ids from `pool` (Fisher–Yates with a seeded generator).
pub fn draw(pool: &[String], n: usize, seed: u64) -> Vec<String> {
    let mut v = pool.to_vec();
    let mut s = seed | 1;
    for i in (1..v.len()).rev() {
        let j = (next(&mut s) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v.truncate(n);
    v
}

/// How many questions a topic practice draws.
pub const PRACTICE_SIZE: usize = 10;

/// Which questions a quiz page asks: a month's quiz, a topic practice (`all` for every topic) or
/// the wrong-answer notebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizSet {
    Month(String),
    Practice(String),
    Notebook,
}

impl QuizSet {
    /// The key the quiz under way is kept under.
    pub fn key(&self) -> String {
        match self {
            QuizSet::Month(m) => m.clone(),
            QuizSet::Practice(t) => format!("practice:{t}"),
            QuizSet::Notebook => "notebook".into(),
        }
    }

    /// The page's title.
    pub fn title(&self) -> String {
        match self {
            QuizSet::Month(m) => format!("{m} 法治月考"),
            QuizSet::Practice(_) => "专题练习".to_string(),
            QuizSet::Notebook => "错题本".to_string(),
        }
    }

    /// The questions to ask, in order: the quiz under way for this set if it is still valid (every
    /// question still in the bank), else a new one (a month's questions; a practice drawn with
    /// `seed`; the notebook's questions). A question without quiz data is never asked.
    pub fn questions<'a>(&self, bank: &'a [DocPage], progress: &Progress, seed: u64) -> Vec<&'a DocPage> {
        let askable = |id: &str| bank.iter().find(|q| q.id == id && q.quiz.is_some());
        let key = self.key();
        if let Some(c) = progress.current.as_ref().filter(|c| c.key == key) {
            let resumed: Vec<&DocPage> = c.ids.iter().filter_map(|id| askable(id)).collect();
            if !resumed.is_empty() && resumed.len() == c.ids.len() {
                return resumed;
            }
        }
        let ids: Vec<String> = match self {
            QuizSet::Month(m) => bank.iter().filter(|q| q.quiz.as_ref().is_some_and(|d| &d.month == m)).map(|q| q.id.clone()).collect(),
            QuizSet::Practice(t) => {
                let pool: Vec<String> =
                    bank.iter().filter(|q| q.quiz.is_some() && (&q.topic == t || t == "all")).map(|q| q.id.clone()).collect();
                draw(&pool, PRACTICE_SIZE, seed)
            }
            QuizSet::Notebook => progress.notebook.iter().map(|e| e.id.clone()).collect(),
        };
        ids.iter().filter_map(|id| askable(id)).collect()
    }
}

/// How many of `questions` the `answers` (in order) got right.
pub fn score(questions: &[&DocPage], answers: &[Vec<usize>]) -> u32 {
    questions.iter().zip(answers).filter(|(q, a)| q.quiz.as_ref().is_some_and(|d| is_correct(d, a))).count() as u32
}

impl Progress {
    /// Starts the quiz under way for `set` with these questions (nothing to start when empty, or
    /// when it is already the quiz under way). Whether anything changed (then it is worth saving).
    pub fn start(&mut self, set: &QuizSet, questions: &[&DocPage]) -> bool {
        let key = set.key();
        let ids: Vec<String> = questions.iter().map(|q| q.id.clone()).collect();
        if ids.is_empty() || self.current.as_ref().is_some_and(|c| c.key == key && c.ids == ids) {
            return false;
        }
        self.current = Some(InProgress { key, ids, answers: Vec::new() });
        true
    }

    /// The answers given so far in the quiz under way for `set`.
    pub fn answers(&self, set: &QuizSet) -> Vec<Vec<usize>> {
        let key = set.key();
        self.current.as_ref().filter(|c| c.key == key).map(|c| c.answers.clone()).unwrap_or_default()
    }

    /// Answers question `q` of the quiz under way for `set` with the options `picked`: marks it,
    /// keeps the notebook (see [`Progress::record`]) and the answer. None (nothing changes) when
    /// nothing was picked or the question has no quiz data.
    pub fn answer(&mut self, set: &QuizSet, q: &DocPage, picked: Vec<usize>) -> Option<bool> {
        let data = q.quiz.as_ref()?;
        if picked.is_empty() {
            return None;
        }
        let right = is_correct(data, &picked);
        self.record(&q.id, right);
        let key = set.key();
        if let Some(c) = self.current.as_mut().filter(|c| c.key == key) {
            c.answers.push(picked);
        }
        Some(right)
    }

    /// Starts the quiz under way for `set` again from its first question.
    pub fn restart(&mut self, set: &QuizSet) {
        let key = set.key();
        if let Some(c) = self.current.as_mut().filter(|c| c.key == key) {
            c.answers.clear();
        }
    }

    /// Ends the quiz under way: a month's quiz or a practice goes into the history (the notebook
    /// does not), and nothing is under way any more.
    pub fn finish(&mut self, set: &QuizSet, date: &str, score: u32, total: u32) {
        if *set != QuizSet::Notebook {
            let month = match set {
                QuizSet::Month(m) => m.clone(),
                _ => "practice".into(),
            };
            self.history.push(Attempt { month, date: date.into(), score, total });
        }
        self.current = None;
    }
}

/// A text summary to paste into a WeChat group.
pub fn share_text(app: &str, title: &str, score: u32, total: u32) -> String {
    format!("我在「{app}」参加了{title}，答对 {score}/{total} 题。学法用法，遇事拨打 12348。")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QuizType;

    fn q(answer: Vec<usize>) -> QuizData {
        QuizData { month: "2026-01".into(), qtype: QuizType::Multiple, options: vec!["a".into(), "b".into(), "c".into()], answer }
    }

    #[test]
    fn marks_single_and_multiple() {
        assert!(is_correct(&q(vec![1]), &[1]));
        assert!(!is_correct(&q(vec![1]), &[2]));
        assert!(is_correct(&q(vec![0, 2]), &[2, 0]));
        assert!(!is_correct(&q(vec![0, 2]), &[0]));
    }

    #[test]
    fn offers_this_month_or_the_latest_before_it() {
        let m: Vec<String> = ["2026-01", "2026-02", "2026-12"].iter().map(|s| s.to_string()).collect();
        assert_eq!(offered_month(&m, "2026-02").as_deref(), Some("2026-02"));
        assert_eq!(offered_month(&m, "2026-07").as_deref(), Some("2026-02"));
        assert_eq!(offered_month(&m, "2027-03").as_deref(), Some("2026-12"));
        assert_eq!(offered_month(&m, "2025-01").as_deref(), Some("2026-12"));
        assert_eq!(offered_month(&[], "2026-01"), None);
    }

    #[test]
    fn notebook_needs_two_right_in_a_row() {
        let mut p = Progress::default();
        p.record("q1", false);
        assert!(p.in_notebook("q1"));
        p.record("q1", true);
        assert!(p.in_notebook("q1"));
        p.record("q1", false);
        p.record("q1", true);
        assert!(p.in_notebook("q1"), "the streak restarted after a wrong answer");
        p.record("q1", true);
        assert!(!p.in_notebook("q1"));
        p.record("q2", true);
        assert!(!p.in_notebook("q2"));
    }

    #[test]
    fn migrates_version_1() {
        let v1 = r#"{"version":1,"history":[{"month":"2026-01","date":"2026-01-20","score":8,"total":10}],"wrong":["quiz-2026-01-03"]}"#;
        let Loaded::Migrated(p) = load(Some(v1)) else { panic!("not migrated") };
        assert_eq!(p.version, PROGRESS_VERSION);
        assert_eq!(p.history[0].score, 8);
        assert_eq!(p.notebook, vec![NoteEntry { id: "quiz-2026-01-03".into(), streak: 0 }]);
        let again = load(Some(&p.to_json()));
        assert_eq!(again, Loaded::Current(p));
    }

    #[test]
    fn a_stored_streak_of_255_does_not_overflow() {
        // Found by the quiz_progress fuzz target: `streak += 1` overflowed (a panic in a debug
        // build; in release it wrapped to 0 and kept the question in the notebook for good).
        let raw = r#"{"version":2,"history":[],"notebook":[{"id":"q","streak":255}]}"#;
        let mut p = load(Some(raw)).progress();
        p.record("q", true);
        assert!(!p.in_notebook("q"));
    }

    #[test]
    fn corrupt_or_unknown_data_starts_fresh() {
        for raw in ["", "{", "null", "[]", r#"{"version":2,"history":5}"#, r#"{"version":99}"#, "\u{0}garbage"] {
            assert!(matches!(load(Some(raw)), Loaded::Corrupt(p) if p == Progress::default()), "{raw}");
        }
        assert!(matches!(load(None), Loaded::Fresh(_)));
    }

    #[test]
    fn draws_are_distinct_reproducible_and_bounded() {
        let pool: Vec<String> = (0..30).map(|i| format!("q{i}")).collect();
        let a = draw(&pool, 10, 42);
        assert_eq!(a.len(), 10);
        assert_eq!(a, draw(&pool, 10, 42));
        let mut s = a.clone();
        s.sort();
        s.dedup();
        assert_eq!(s.len(), 10);
        assert_eq!(draw(&pool, 100, 1).len(), 30);
    }

    fn page(id: &str, topic: &str, month: &str, answer: usize) -> DocPage {
        DocPage {
            id: id.into(),
            kind: crate::model::DocKind::Quiz,
            topic: topic.into(),
            title: id.into(),
            html: String::new(),
            citations: Vec::new(),
            reviewed: "2026-01-01".into(),
            guide: None,
            quiz: Some(QuizData {
                month: month.into(),
                qtype: QuizType::Single,
                options: vec!["a".into(), "b".into()],
                answer: vec![answer],
            }),
        }
    }

    #[test]
    fn a_month_is_taken_marked_resumed_and_kept_in_the_history() {
        let bank = vec![page("m1", "divorce", "2026-01", 0), page("m2", "wage", "2026-01", 1), page("x", "wage", "2026-02", 0)];
        let set = QuizSet::Month("2026-01".into());
        let mut p = Progress::default();
        let qs = set.questions(&bank, &p, 1);
        assert_eq!(qs.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), vec!["m1", "m2"]);
        assert!(p.start(&set, &qs));
        assert_eq!(p.answer(&set, qs[0], vec![1]), Some(false), "wrong");
        assert!(p.in_notebook("m1"));
        assert_eq!(p.answer(&set, qs[1], Vec::new()), None, "nothing picked: nothing changes");
        assert_eq!(p.answers(&set), vec![vec![1]]);
        // Leaving and coming back: the same quiz, the same answers.
        let again = set.questions(&bank, &p, 99);
        assert_eq!(again.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), vec!["m1", "m2"]);
        assert!(!p.start(&set, &again), "the same quiz: nothing to save");
        assert_eq!(p.answers(&set), vec![vec![1]], "starting the same quiz again keeps its answers");
        assert_eq!(p.answer(&set, qs[1], vec![1]), Some(true));
        let score = score(&qs, &p.answers(&set));
        assert_eq!(score, 1);
        p.finish(&set, "2026-01-20", score, 2);
        assert_eq!(p.history, vec![Attempt { month: "2026-01".into(), date: "2026-01-20".into(), score: 1, total: 2 }]);
        assert!(p.current.is_none());
    }

    #[test]
    fn practice_draws_from_its_topic_and_the_notebook_stays_out_of_the_history() {
        let bank: Vec<DocPage> =
            (0..30).map(|i| page(&format!("q{i}"), if i % 2 == 0 { "wage" } else { "divorce" }, "2026-01", 0)).collect();
        let p = Progress::default();
        let wage = QuizSet::Practice("wage".into()).questions(&bank, &p, 7);
        assert_eq!(wage.len(), PRACTICE_SIZE);
        assert!(wage.iter().all(|q| q.topic == "wage"));
        assert_eq!(QuizSet::Practice("all".into()).questions(&bank, &p, 7).len(), PRACTICE_SIZE);
        let mut p = Progress::default();
        p.record("q3", false);
        p.record("gone", false);
        let nb = QuizSet::Notebook;
        let qs = nb.questions(&bank, &p, 1);
        assert_eq!(qs.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), vec!["q3"], "a question no longer in the bank is not asked");
        assert!(p.start(&nb, &qs));
        p.finish(&nb, "2026-01-20", 1, 1);
        assert!(p.history.is_empty());
        // A stored quiz whose questions are gone from the bank starts afresh.
        let mut p = Progress {
            current: Some(InProgress { key: "2026-01".into(), ids: vec!["old".into()], answers: vec![vec![0]] }),
            ..Progress::default()
        };
        let set = QuizSet::Month("2026-01".into());
        assert_eq!(set.questions(&bank, &p, 1).len(), 30);
        p.restart(&set);
        assert!(p.answers(&set).is_empty());
    }
}
