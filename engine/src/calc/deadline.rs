//! `deadline`: from the day something happened, the last day to act.
//!
//! Counting (民法典 第二百零一条, 第二百零二条; 民事诉讼法 第八十五条): the day of the event is not
//! counted; a period of N days ends N days after the event; a period of N years ends on the same
//! month and day N years later, or on that month's last day when it has no such day. A last day that
//! is a statutory holiday moves to the day after the holiday (民法典 第二百零三条) — the engine knows no
//! holiday calendar, so it gives the calendar date and says so.

use super::{
    choice, cite, date_figure, fnv1a, general_notes, input, part, CalcCitation, CalcInfo, CalcResult, Date, FieldError, InputKind,
    Reminder, Values,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Years(i64),
    Days(i64),
}

impl Period {
    fn add_to(self, d: Date) -> Option<Date> {
        match self {
            Period::Years(n) => d.add_years(n),
            Period::Days(n) => d.add_days(n),
        }
    }
    fn text(self) -> String {
        match self {
            Period::Years(n) => format!("{n} 年"),
            Period::Days(n) => format!("{n} 天"),
        }
    }
}

/// Which counting rule the period follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rules {
    /// 民法典 第二百零一—二百零三条
    CivilCode,
    /// 民事诉讼法 第八十五条
    Procedure,
}

const KINDS: &[(&str, &str)] = &[
    ("limitation", "诉讼时效，到法院起诉要回权利（3年）"),
    ("labour-arbitration", "劳动争议申请仲裁（1年）"),
    ("work-injury", "自己申请工伤认定（1年）"),
    ("appeal-judgment", "不服一审判决，上诉（15天）"),
    ("appeal-ruling", "不服一审裁定，上诉（10天）"),
    ("enforcement", "申请法院强制执行（2年）"),
    ("divorce-cooling-off", "协议离婚的冷静期和领证期限（30天+30天）"),
];

pub(crate) fn info() -> CalcInfo {
    CalcInfo {
        id: "deadline".into(),
        title: "期限计算器".into(),
        description: "从某件事发生的那天算起，算出最晚哪天要去办（起诉、申请仲裁、申请工伤认定、上诉、申请执行、领离婚证）。".into(),
        inputs: vec![
            input("kind", "要算哪种期限", choice(KINDS), true, "选一种。不知道选哪种的，可以先打 12348 问一问。"),
            input(
                "event_date",
                "从哪天开始算",
                InputKind::Date { not_after_today: true },
                true,
                "按年-月-日填，比如 2024-03-15。要填的日子：诉讼时效填您知道（或者应当知道）自己吃亏了、也知道是谁造成的那天；\
                 劳动仲裁填知道（或者应当知道）自己权利被侵害的那天，已经离职、要讨欠薪的填离职那天；工伤认定填受伤那天，\
                 或者被诊断、鉴定为职业病那天；上诉填收到判决书或裁定书那天；申请执行填判决书、调解书等写的履行期限的最后一天\
                 （没写履行期限的，填它生效那天）；协议离婚填婚姻登记机关收到离婚登记申请那天。",
            ),
        ],
    }
}

struct Spec {
    period: Period,
    rules: Rules,
    /// What the last day is the last day for.
    figure_label: &'static str,
    /// Calendar summary.
    summary: &'static str,
    /// The period's legal basis in plain words (contains its inline citation).
    basis: &'static str,
    citations: Vec<CalcCitation>,
    /// What pauses or restarts the count, and other limits, in plain words.
    notes: Vec<&'static str>,
    alarm_days_before: u32,
}

fn spec(kind: &str) -> Option<Spec> {
    Some(match kind {
        "limitation" => Spec {
            period: Period::Years(3),
            rules: Rules::CivilCode,
            figure_label: "起诉的最后一天（诉讼时效到期）",
            summary: "诉讼时效到期：起诉的最后一天",
            basis: "向法院请求保护民事权利的诉讼时效是 3 年，从您知道或者应当知道权利受到损害、也知道是谁造成的那天算起（《民法典》第一百八十八条）。",
            citations: vec![
                cite("《民法典》第一百八十八条", "诉讼时效 3 年，从什么时候算起；最长 20 年"),
                cite("《民法典》第一百八十九条", "分期履行的债，从最后一期到期那天算"),
                cite("《民法典》第一百九十四条", "什么情况下时效暂停（中止）"),
                cite("《民法典》第一百九十五条", "什么情况下时效重新算（中断）"),
                cite("《民法典》第一百九十六条", "哪些请求不受诉讼时效限制"),
            ],
            notes: vec![
                "时效可能“重新算”（中断）：您向对方要（比如发短信、写信催要），对方同意履行（比如答应还钱、还了一部分），或者您起诉、申请仲裁的，时效从那时起重新算 3 年（《民法典》第一百九十五条）。所以每次催要都要留下证据：短信、微信、录音、对方签字的欠条或还款计划。",
                "时效可能“暂停”（中止）：在最后 6 个月里，因为不可抗力（比如大地震、大洪水）、您被对方或者别人控制、没有民事行为能力的人没有法定代理人、继承开始后还没确定继承人或者遗产管理人等原因，没法主张权利的，时效暂停；这些原因消除后再满 6 个月，时效才到期（《民法典》第一百九十四条）。",
                "分期还的债，从最后一期到期那天开始算（《民法典》第一百八十九条）。但是从权利受到损害那天起超过 20 年的，法院一般不再保护（《民法典》第一百八十八条）。",
                "要求停止侵害、排除妨碍，要求支付抚养费、赡养费、扶养费等，不受诉讼时效限制（《民法典》第一百九十六条）。",
                "本应用算不出您的时效有没有中断、中止过：上面算的是“什么都没发生”时的最后一天。",
            ],
            alarm_days_before: 30,
        },
        "labour-arbitration" => Spec {
            period: Period::Years(1),
            rules: Rules::CivilCode,
            figure_label: "申请劳动仲裁的最后一天",
            summary: "劳动仲裁时效到期：申请仲裁的最后一天",
            basis: "劳动争议申请仲裁的时效是 1 年，从知道或者应当知道自己的权利被侵害那天算起（《劳动争议调解仲裁法》第二十七条）。",
            citations: vec![
                cite("《劳动争议调解仲裁法》第二十七条", "仲裁时效 1 年；中断、中止；在职时讨欠薪不受 1 年限制"),
                cite("《劳动争议调解仲裁法》第五十三条", "劳动争议仲裁不收费"),
            ],
            notes: vec![
                "时效可能“重新算”（中断）：您向单位要（比如催要工资并留下证据），向有关部门请求帮您维权（比如向劳动保障监察部门投诉），或者单位同意履行的，从那时起重新算 1 年（《劳动争议调解仲裁法》第二十七条）。",
                "时效可能“暂停”（中止）：因为不可抗力或者其他正当理由不能按时申请的，时效暂停，原因消除后接着算（《劳动争议调解仲裁法》第二十七条）。",
                "讨要拖欠的工资：还在这个单位上班时，不受 1 年的限制；离职以后，要在离职之日起 1 年内申请（《劳动争议调解仲裁法》第二十七条）。讨欠薪的，“从哪天开始算”请填离职那天。",
                "劳动仲裁不收费（《劳动争议调解仲裁法》第五十三条）。本应用算不出您的时效有没有中断、中止过。",
            ],
            alarm_days_before: 30,
        },
        "work-injury" => Spec {
            period: Period::Years(1),
            rules: Rules::CivilCode,
            figure_label: "自己申请工伤认定的最后一天",
            summary: "工伤认定：自己申请的最后一天",
            basis: "单位应当在受伤（或者确诊职业病）之日起 30 日内申请工伤认定；单位没有申请的，您本人、近亲属或者工会可以在受伤（或者确诊职业病）之日起 1 年内，直接向单位所在地统筹地区的社会保险行政部门（人社局）申请（《工伤保险条例》第十七条）。",
            citations: vec![cite("《工伤保险条例》第十七条", "单位 30 日内申请；单位不申请的，本人 1 年内申请")],
            notes: vec![
                "单位没有在 30 日内申请的，这期间发生的工伤待遇等费用由单位负担（《工伤保险条例》第十七条）。",
                "条例里没有写这 1 年在什么情况下可以暂停或者延长。快到期或者已经过了的，不要等，马上去单位所在地的人社局问，或者打 12333、12348。",
            ],
            alarm_days_before: 30,
        },
        "appeal-judgment" | "appeal-ruling" => {
            let judgment = kind == "appeal-judgment";
            Spec {
                period: Period::Days(if judgment { 15 } else { 10 }),
                rules: Rules::Procedure,
                figure_label: if judgment { "对判决上诉的最后一天" } else { "对裁定上诉的最后一天" },
                summary: if judgment { "上诉期：对一审判决上诉的最后一天" } else { "上诉期：对一审裁定上诉的最后一天" },
                basis: if judgment {
                    "不服地方法院一审判决的，可以在判决书送达之日起 15 日内向上一级法院上诉（《民事诉讼法》第一百七十一条）。"
                } else {
                    "不服地方法院一审裁定的，可以在裁定书送达之日起 10 日内向上一级法院上诉（《民事诉讼法》第一百七十一条）。"
                },
                citations: vec![
                    cite("《民事诉讼法》第一百七十一条", "判决 15 日、裁定 10 日内上诉"),
                    cite("《民事诉讼法》第八十六条", "有正当理由耽误了，障碍消除后 10 日内可以申请顺延"),
                ],
                notes: vec![
                    "上诉期不会因为您向对方催要而重新算。因为不可抗拒的事由或者其他正当理由耽误了的，在障碍消除后 10 日内可以向法院申请顺延，准不准由法院决定（《民事诉讼法》第八十六条）。",
                    "上诉状在期满前交邮的，不算过期（《民事诉讼法》第八十五条）。寄的话要留好邮寄凭证。",
                    "判决书、裁定书上写的上诉期限和上诉法院，以文书上写的为准。",
                ],
                alarm_days_before: 3,
            }
        }
        "enforcement" => Spec {
            period: Period::Years(2),
            rules: Rules::Procedure,
            figure_label: "申请强制执行的最后一天",
            summary: "申请执行期限到期：申请强制执行的最后一天",
            basis: "申请执行的期间是 2 年，从法律文书规定的履行期间的最后一天起算；分期履行的，从最后一期到期那天起算；没有规定履行期间的，从法律文书生效那天起算（《民事诉讼法》第二百五十条）。",
            citations: vec![
                cite("《民事诉讼法》第二百五十条", "申请执行的期间 2 年，从哪天算，中止、中断"),
                cite("《民法典》第一百九十四条", "中止（暂停）的情形"),
                cite("《民法典》第一百九十五条", "中断（重新算）的情形"),
            ],
            notes: vec![
                "申请执行的时效也会中止、中断，规则和诉讼时效一样（《民事诉讼法》第二百五十条）：比如您向对方要、对方同意履行的，从那时起重新算（《民法典》第一百九十五条）；最后 6 个月里因为不可抗力等原因没法申请的，暂停计算（《民法典》第一百九十四条）。",
                "分期履行的，“从哪天开始算”请填最后一期到期那天。本应用算不出您的期限有没有中断、中止过。",
            ],
            alarm_days_before: 30,
        },
        "divorce-cooling-off" => Spec {
            period: Period::Days(30),
            rules: Rules::CivilCode,
            figure_label: "冷静期的最后一天（到这天为止，任何一方都可以撤回申请）",
            summary: "协议离婚：领离婚证的期限",
            basis: "婚姻登记机关收到离婚登记申请之日起 30 日内，任何一方不愿意离婚的，可以撤回申请；这 30 天过完以后的 30 日内，双方要亲自到婚姻登记机关申请发给离婚证，没去的，视为撤回离婚登记申请（《民法典》第一千零七十七条）。",
            citations: vec![cite("《民法典》第一千零七十七条", "30 日冷静期；期满后 30 日内双方亲自申请发给离婚证")],
            notes: vec![
                "冷静期内，只要有一方不愿意离婚，就可以去婚姻登记机关撤回申请。",
                "领证那 30 天里，双方都要亲自去；过了最后一天还没去的，就当撤回了申请，要离婚得重新申请（《民法典》第一千零七十七条）。",
                "登记机关给您的材料上写的日期，以登记机关的为准。",
            ],
            alarm_days_before: 3,
        },
        _ => return None,
    })
}

pub(crate) fn compute(v: &Values) -> Result<CalcResult, Vec<FieldError>> {
    let (Some(kind), Some(event), Some(today)) = (v.choice("kind"), v.date("event_date"), v.today()) else {
        // parse_inputs has reported a missing field already; this is only a guard.
        return Err(vec![FieldError::new("kind", "请选择要算哪种期限，并填写开始的日期")]);
    };
    let Some(spec) = spec(kind) else {
        return Err(vec![FieldError::new("kind", "没有这种期限")]);
    };
    let too_far = || vec![FieldError::new("event_date", "日期太远了，算不出来，请检查一下")];
    let last = spec.period.add_to(event).ok_or_else(too_far)?;
    let label = KINDS.iter().find(|(k, _)| *k == kind).map(|(_, l)| *l).unwrap_or(kind);

    let mut figures = Vec::new();
    let mut parts = vec![part("期限", spec.period.text(), spec.basis)];
    let mut citations = spec.citations;
    let (start_rule, end_rule, holiday_rule) = match spec.rules {
        Rules::CivilCode => (
            "开始的当天不算，从第二天开始算（《民法典》第二百零一条）。",
            "按年算的，到期那一年同一个月的同一天是最后一天；那个月没有这一天的（比如 2 月 29 日），那个月的最后一天就是最后一天（《民法典》第二百零二条）。",
            "如果最后一天是法定节假日，就顺延到假期结束后的第一天；最后一天到晚上 24 点截止，有办公时间的，到下班时截止（《民法典》第二百零三条）。",
        ),
        Rules::Procedure => (
            "开始的那一天不算在期间内（《民事诉讼法》第八十五条）。",
            "按年算的，到期那一年同一个月的同一天是最后一天；那个月没有这一天的，那个月的最后一天就是最后一天（《民法典》第二百零二条）。",
            "如果最后一天是法定节假日，以节假日后的第一天为到期日（《民事诉讼法》第八十五条）。",
        ),
    };
    match spec.rules {
        Rules::CivilCode => {
            citations.push(cite("《民法典》第二百零一条", "开始的当天不算，从第二天开始算"));
            if matches!(spec.period, Period::Years(_)) {
                citations.push(cite("《民法典》第二百零二条", "按年算的，到期月的对应日是最后一天；没有对应日的，取月末"));
            }
            citations.push(cite("《民法典》第二百零三条", "最后一天是法定节假日的往后顺延；到 24 点截止"));
        }
        Rules::Procedure => {
            citations.push(cite("《民事诉讼法》第八十五条", "开始的那天不算；最后一天是节假日的往后顺延；期满前交邮不算过期"));
            if matches!(spec.period, Period::Years(_)) {
                citations.push(cite("《民法典》第二百零二条", "按年算的，到期月的对应日是最后一天；没有对应日的，取月末"));
            }
        }
    }
    let first_counted = event.add_days(1).ok_or_else(too_far)?;
    parts.push(part("从哪天开始算", event.cn(), format!("{start_rule}所以从 {} 算第 1 天。", first_counted.cn())));
    let end_formula = match spec.period {
        Period::Days(n) => format!("{} 往后数 {n} 天，是 {}。", event.cn(), last.cn()),
        Period::Years(n) if last.day != event.day => format!(
            "{} 往后 {n} 年是 {}年{}月，这个月没有 {} 日，所以取这个月的最后一天 {}。{end_rule}",
            event.cn(),
            last.year,
            last.month,
            event.day,
            last.cn()
        ),
        Period::Years(n) => format!("{} 往后 {n} 年的同一天，是 {}。{end_rule}", event.cn(), last.cn()),
    };

    let mut reminder_first = last;
    let mut final_day = last;
    if kind == "divorce-cooling-off" {
        // Two windows of 30 days: the cooling-off period, then 30 days to ask for the certificate.
        let window_start = last.add_days(1).ok_or_else(too_far)?;
        let cert_last = last.add_days(30).ok_or_else(too_far)?;
        figures.push(date_figure("certificate_last_day", "双方亲自去领离婚证的最后一天", cert_last, Some(today)));
        figures.push(date_figure("cooling_off_last_day", spec.figure_label, last, Some(today)));
        parts.push(part("冷静期的最后一天", last.cn_with_weekday(), end_formula));
        parts.push(part(
            "领离婚证的时间",
            format!("{} 到 {}", window_start.cn(), cert_last.cn_with_weekday()),
            format!("冷静期过完（{}）以后的 30 天：从 {} 起，往后数 30 天到 {}。", last.cn(), window_start.cn(), cert_last.cn()),
        ));
        parts.push(days_left_part(cert_last, today));
        reminder_first = window_start;
        final_day = cert_last;
    } else {
        figures.push(date_figure("last_day", spec.figure_label, last, Some(today)));
        parts.push(part("最后一天", last.cn_with_weekday(), end_formula));
        parts.push(days_left_part(last, today));
    }

    let mut notes = Vec::new();
    if final_day < today {
        notes.push(format!(
            "按日历算，这个期限已经在 {} 过了。先别放弃：如果中间有下面说的中断、中止，或者有正当理由，可能还来得及。请尽快打 12348 问。",
            final_day.cn()
        ));
    }
    notes.push(format!(
        "本应用只按日历算日子，不知道每年的节假日和调休安排。{holiday_rule}周末休息日一般也按休假日往后顺延，但遇到调休上班就不一定。请以当年的放假通知为准，最好提前去办，别等到最后一天。"
    ));
    if final_day.is_weekend() {
        notes.push(format!(
            "算出来的最后一天 {} 是{}，可能会往后顺延到下一个工作日；为了稳妥，请按这一天或者更早去办。",
            final_day.cn(),
            final_day.weekday_cn()
        ));
    }
    notes.extend(spec.notes.iter().map(|s| s.to_string()));
    notes.extend(general_notes());

    let description = format!(
        "{label}\n{}：{}\n{}\n{}\n拿不准的打 12348 法律援助热线。（掌上法律服务：按日历算的日期，节假日可能顺延）",
        figures[0].label, figures[0].text, spec.basis, holiday_rule
    );
    let reminder = Reminder {
        first_day: reminder_first.to_string(),
        last_day: final_day.to_string(),
        summary: spec.summary.to_string(),
        description,
        uid: format!("{:016x}-deadline@pocketlaw", fnv1a(&format!("deadline|{kind}|{event}"))),
        stamp: format!("{}T000000Z", today.compact()),
        alarm_days_before: spec.alarm_days_before,
    };
    Ok(CalcResult {
        id: "deadline".into(),
        title: format!("期限计算器：{label}"),
        figures,
        parts,
        citations,
        notes,
        reminder: Some(reminder),
    })
}

fn days_left_part(last: Date, today: Date) -> super::Part {
    let n = last.days() - today.days();
    let value = match n {
        0 => "今天就是最后一天".to_string(),
        n if n > 0 => format!("还有 {n} 天"),
        n => format!("已经过了 {} 天", -n),
    };
    part("离最后一天还有多久", value, format!("今天是 {}，最后一天是 {}。", today.cn(), last.cn()))
}

#[cfg(test)]
mod tests {
    use super::super::{run, Value, TODAY};
    use std::collections::BTreeMap;

    fn last_days(kind: &str, event: &str, today: &str) -> Vec<(String, String, Option<i64>)> {
        let inputs: BTreeMap<String, String> =
            [("kind", kind), ("event_date", event), (TODAY, today)].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let r = run("deadline", &inputs).unwrap_or_else(|e| panic!("{kind} {event}: {e:?}"));
        r.figures
            .iter()
            .map(|f| match &f.value {
                Value::Date { date, days_left, .. } => (f.key.clone(), date.clone(), *days_left),
                v => panic!("not a date: {v:?}"),
            })
            .collect()
    }

    fn last_day(kind: &str, event: &str) -> String {
        last_days(kind, event, "2025-06-01")[0].1.clone()
    }

    #[test]
    fn each_period_worked_by_hand() {
        for (kind, event, expected, working) in [
            // 3 years (民法典 188): the same day three years on.
            ("limitation", "2021-03-15", "2024-03-15", "2021-03-15 + 3 年 = 2024-03-15"),
            // 2024-02-29 + 3 years: 2027 has no 29 February → the month's last day (民法典 202).
            ("limitation", "2024-02-29", "2027-02-28", "2027 年 2 月没有 29 日 → 2 月 28 日"),
            // 1 year from 29 February 2024 → 28 February 2025.
            ("labour-arbitration", "2024-02-29", "2025-02-28", "2025 年 2 月没有 29 日 → 2 月 28 日"),
            ("labour-arbitration", "2023-02-28", "2024-02-28", "对应日存在（闰年也不往后挪）"),
            ("work-injury", "2024-01-31", "2025-01-31", "2024-01-31 + 1 年"),
            // 15 days from 20 December: 11 days left in December (21…31), 4 in January → 4 January.
            ("appeal-judgment", "2024-12-20", "2025-01-04", "20 日 + 15 天 = 12 月 35 日 = 1 月 4 日"),
            // 10 days from 25 February in a leap year: 26…29 Feb is 4 days, then 6 in March → 6 March.
            ("appeal-ruling", "2024-02-25", "2024-03-06", "2 月有 29 天：25 + 10 − 29 = 3 月 6 日"),
            ("appeal-ruling", "2023-02-25", "2023-03-07", "2 月有 28 天：25 + 10 − 28 = 3 月 7 日"),
            ("enforcement", "2023-08-31", "2025-08-31", "2023-08-31 + 2 年"),
            ("enforcement", "2024-02-29", "2026-02-28", "2026 年 2 月没有 29 日"),
        ] {
            assert_eq!(last_day(kind, event), expected, "{kind} {event}: {working}");
        }
    }

    #[test]
    fn divorce_has_two_windows() {
        // Received 31 January 2024 (leap year). Cooling-off: 31 Jan + 30 days = 1 March (29 days of
        // February: 31 + 30 − 31 − 29 = 1). Then 30 days from 2 March to 31 March.
        let f = last_days("divorce-cooling-off", "2024-01-31", "2024-03-01");
        assert_eq!(f[0], ("certificate_last_day".to_string(), "2024-03-31".to_string(), Some(30)));
        assert_eq!(f[1], ("cooling_off_last_day".to_string(), "2024-03-01".to_string(), Some(0)));
    }

    #[test]
    fn days_left_and_a_passed_deadline() {
        let f = last_days("appeal-judgment", "2025-05-20", "2025-06-01");
        // 20 May + 15 = 4 June; from 1 June that is 3 days.
        assert_eq!(f[0].1, "2025-06-04");
        assert_eq!(f[0].2, Some(3));
        let f = last_days("appeal-ruling", "2025-05-01", "2025-06-01");
        // 1 May + 10 = 11 May; 1 June − 11 May = 21 days ago.
        assert_eq!(f[0].2, Some(-21));
        let inputs: BTreeMap<String, String> = [("kind", "appeal-ruling"), ("event_date", "2025-05-01"), (TODAY, "2025-06-01")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let r = run("deadline", &inputs).unwrap();
        assert!(r.notes[0].contains("已经在 2025年5月11日 过了"), "{:?}", r.notes);
        assert!(r.parts.iter().any(|p| p.value == "已经过了 21 天"));
    }

    #[test]
    fn a_weekend_last_day_is_flagged() {
        // 2024-03-16 is a Saturday: 2021-03-16 + 3 years.
        let inputs: BTreeMap<String, String> = [("kind", "limitation"), ("event_date", "2021-03-16"), (TODAY, "2024-01-01")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let r = run("deadline", &inputs).unwrap();
        assert_eq!(r.figures[0].text, "2024年3月16日（星期六）");
        assert!(r.notes.iter().any(|n| n.contains("是星期六，可能会往后顺延")));
    }

    #[test]
    fn the_reminder_is_deterministic() {
        let inputs = |today: &str| -> BTreeMap<String, String> {
            [("kind", "divorce-cooling-off"), ("event_date", "2024-01-31"), (TODAY, today)]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let a = run("deadline", &inputs("2024-02-01")).unwrap().reminder.unwrap();
        let b = run("deadline", &inputs("2024-02-10")).unwrap().reminder.unwrap();
        assert_eq!(a.uid, b.uid, "the UID depends on the deadline, not on the day it was computed");
        assert!(a.uid.ends_with("-deadline@pocketlaw"));
        assert_eq!((a.first_day.as_str(), a.last_day.as_str()), ("2024-03-02", "2024-03-31"));
        assert_eq!(a.stamp, "20240201T000000Z");
        let text = super::super::ics(&a);
        assert!(text.contains("DTSTART;VALUE=DATE:20240302\r\n") && text.contains("DTEND;VALUE=DATE:20240401\r\n"));
        let other = run("deadline", &{
            let mut i = inputs("2024-02-01");
            i.insert("event_date".into(), "2024-01-30".into());
            i
        })
        .unwrap()
        .reminder
        .unwrap();
        assert_ne!(a.uid, other.uid);
    }
}
