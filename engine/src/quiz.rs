//! The monthly quiz (法治月考): choosing the month, marking answers, the wrong-answer notebook,
//! practice draws, and the progress kept on the phone (a versioned schema with migration).
//! Pure logic: the app stores the JSON this module produces.

use crate::model::QuizData;
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
}
