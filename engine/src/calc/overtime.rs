//! `overtime`: overtime pay of 劳动法 第四十四条 — at least 150 % for extended hours on workdays,
//! 200 % on rest days without time off in lieu, 300 % on statutory holidays — from an hourly rate of
//! monthly wage ÷ 21.75 days ÷ 8 hours (a ministry notice that is not in the statute pack, so it is
//! named, not cited).
//!
//! Each line is `wage in fen × hours in hundredths × percent / (174 × 100 × 100)`, rounded once, half
//! up, to the fen (21.75 × 8 = 174); the total is the sum of the rounded lines.

use super::money::{round_half_up, yuan, yuan_text};
use super::{cite, general_notes, input, money_figure, part, CalcInfo, CalcResult, FieldError, InputKind, Values};

const HOURS_PER_MONTH: i128 = 174; // 21.75 days × 8 hours

fn hours_kind() -> InputKind {
    InputKind::Number { unit: "小时".into(), decimals: 2 }
}

const LINES: [(&str, &str, i128, &str); 3] = [
    ("workday_hours", "工作日延长的时间（下班后加班）", 150, "安排延长工作时间的，支付不低于工资的 150%（《劳动法》第四十四条第一项）"),
    (
        "rest_day_hours",
        "休息日加班、又没有补休",
        200,
        "休息日安排工作又不能安排补休的，支付不低于工资的 200%（《劳动法》第四十四条第二项）",
    ),
    ("holiday_hours", "法定节假日加班", 300, "法定休假日安排工作的，支付不低于工资的 300%（《劳动法》第四十四条第三项）"),
];

pub(crate) fn info() -> CalcInfo {
    CalcInfo {
        id: "overtime".into(),
        title: "加班费计算器".into(),
        description: "按月工资算出每小时工资，再按工作日 1.5 倍、休息日 2 倍、法定节假日 3 倍算加班费。".into(),
        inputs: vec![
            input("wage", "月工资（元）", InputKind::Money, true, "正常上班时间的月工资，一般按劳动合同约定的工资算。"),
            input(
                "workday_hours",
                "工作日下班后加班（小时）",
                hours_kind(),
                false,
                "平常上班的日子，超过正常下班时间多干的小时数，加起来填。比如 12 或者 7.5。",
            ),
            input(
                "rest_day_hours",
                "休息日加班、没有补休（小时）",
                hours_kind(),
                false,
                "周末等休息日加班、单位又没安排补休的小时数。安排了补休的不算。",
            ),
            input("holiday_hours", "法定节假日加班（小时）", hours_kind(), false, "元旦、春节、劳动节、国庆节等法定节假日加班的小时数。"),
        ],
    }
}

/// 12.5 hours from hundredths (1250) → "12.5".
fn hours_text(h: i64) -> String {
    match h % 100 {
        0 => (h / 100).to_string(),
        f if f % 10 == 0 => format!("{}.{}", h / 100, f / 10),
        f => format!("{}.{f:02}", h / 100),
    }
}

pub(crate) fn compute(v: &Values) -> Result<CalcResult, Vec<FieldError>> {
    let wage = v.money("wage").unwrap_or(0);
    if wage <= 0 {
        return Err(vec![FieldError::new("wage", "月工资要大于 0 元")]);
    }
    let hours: Vec<i64> = LINES.iter().map(|(k, ..)| v.number(k).unwrap_or(0)).collect();
    if hours.iter().all(|h| *h == 0) {
        return Err(vec![FieldError::new("workday_hours", "请至少填一种加班的小时数")]);
    }
    let hourly_exact = round_half_up(i128::from(wage), HOURS_PER_MONTH);
    let hourly_text = if i128::from(wage) % HOURS_PER_MONTH == 0 { yuan(hourly_exact) } else { format!("约 {}", yuan(hourly_exact)) };
    let mut parts = vec![part(
        "每小时工资",
        format!("{hourly_text} 元"),
        format!(
            "月工资 ÷ 21.75 天 ÷ 8 小时 = {} ÷ 174 = {hourly_text} 元。每月按 21.75 天、每天 8 小时折算，出自原劳动和社会保障部的通知《关于职工全年月平均工作时间和工资折算问题的通知》；这个通知没有收在本应用的法律条文里，请以当地实际执行的为准。下面各项用没有四舍五入的时薪算。",
            yuan(wage)
        ),
    )];
    let mut total = 0i64;
    let mut figures = Vec::new();
    let mut sums = Vec::new();
    for ((key, label, pct, rule), h) in LINES.iter().zip(&hours) {
        if *h == 0 {
            continue;
        }
        let pay = round_half_up(i128::from(wage) * i128::from(*h) * pct, HOURS_PER_MONTH * 100 * 100);
        total += pay;
        sums.push(yuan(pay));
        parts.push(part(
            label,
            yuan_text(pay),
            format!("{} ÷ 174 × {} 小时 × {pct}% = {} 元。{rule}。算到分，分以下四舍五入。", yuan(wage), hours_text(*h), yuan(pay)),
        ));
        figures.push(money_figure(key.trim_end_matches("_hours"), label, pay));
    }
    parts.push(part("加班费合计", yuan_text(total), format!("{} = {} 元。", sums.join(" + "), yuan(total))));
    figures.insert(0, money_figure("total", "加班费合计（最少）", total));
    let mut notes = vec![
        "法律规定的是“不低于”这些比例，劳动合同或者单位规定给得更多的，按更多的算（《劳动法》第四十四条）。".to_string(),
        "休息日加班，只有单位安排不了补休的，才给 200% 的加班费；法定节假日加班，法律没有写可以用补休代替，给的是不低于 300% 的工资（《劳动法》第四十四条）。".to_string(),
        "加班本身有限制：一般每天不超过 1 小时；因为特殊原因，每天不超过 3 小时，每月不超过 36 小时（《劳动法》第四十一条）。".to_string(),
        "实行综合计算工时制的，超过法定标准工作时间的部分算延长工作时间；实行不定时工作制的，不按这个办法算；计件工资的，完成定额后加班，按计件单价的 150%、200%、300% 算（《工资支付暂行规定》第十三条）。".to_string(),
        "要加班费要有证据：考勤、打卡记录、排班表、工资条、聊天记录等，平时就要保存好。讨要加班费和单位谈不拢的，可以申请劳动仲裁，仲裁不收费（《劳动争议调解仲裁法》第五十三条）。".to_string(),
    ];
    notes.extend(general_notes());
    let citations = vec![
        cite("《劳动法》第四十四条", "加班费 150%、200%、300%"),
        cite("《劳动法》第四十一条", "延长工作时间的限制"),
        cite("《工资支付暂行规定》第十三条", "综合计算工时、不定时工作制、计件工资的加班费"),
        cite("《劳动争议调解仲裁法》第五十三条", "劳动争议仲裁不收费"),
    ];
    Ok(CalcResult { id: "overtime".into(), title: "加班费计算器".into(), figures, parts, citations, notes, reminder: None })
}

#[cfg(test)]
mod tests {
    use super::super::run;
    use super::super::tests::{fen as f, inputs, money_figures};

    fn pay(pairs: &[(&str, &str)]) -> Vec<(String, i64)> {
        money_figures("overtime", pairs)
    }

    #[test]
    fn worked_by_hand() {
        // 4350 ÷ 174 = 25 yuan an hour.
        // workday 10 h × 25 × 150% = 375; rest day 8 h × 25 × 200% = 400; holiday 8 h × 25 × 300% = 600; total 1375.
        assert_eq!(
            pay(&[("wage", "4350"), ("workday_hours", "10"), ("rest_day_hours", "8"), ("holiday_hours", "8")]),
            f(&[("total", 137_500), ("workday", 37_500), ("rest_day", 40_000), ("holiday", 60_000)])
        );
        // 5000 × 3 × 150% ÷ 174 = 22500 ÷ 174 = 129.3103… → 129.31.
        assert_eq!(pay(&[("wage", "5000"), ("workday_hours", "3")]), f(&[("total", 12_931), ("workday", 12_931)]));
        // 4350 ÷ 174 = 25; 2.5 h × 25 × 200% = 125.
        assert_eq!(pay(&[("wage", "4350"), ("rest_day_hours", "2.5")]), f(&[("total", 12_500), ("rest_day", 12_500)]));
        // 3000 ÷ 174 × 8 × 300% = 72000 ÷ 174 = 413.793… → 413.79; 3000 ÷ 174 × 0.25 × 150% = 1125 ÷ 174 = 6.4655… → 6.47.
        // Total 413.79 + 6.47 = 420.26 (the sum of the rounded lines).
        assert_eq!(
            pay(&[("wage", "3000"), ("workday_hours", "0.25"), ("holiday_hours", "8")]),
            f(&[("total", 42_026), ("workday", 647), ("holiday", 41_379)])
        );
    }

    #[test]
    fn bad_hours() {
        let err = |pairs: &[(&str, &str)]| run("overtime", &inputs(pairs)).unwrap_err();
        assert_eq!(err(&[("wage", "4350")])[0].key, "workday_hours");
        assert_eq!(err(&[("wage", "4350"), ("workday_hours", "-3")])[0].key, "workday_hours");
        assert_eq!(err(&[("wage", "4350"), ("holiday_hours", "八")])[0].key, "holiday_hours");
        assert_eq!(err(&[("wage", "4350"), ("holiday_hours", "1.234")])[0].key, "holiday_hours");
        assert_eq!(err(&[("wage", "0"), ("holiday_hours", "8")])[0].key, "wage");
    }
}
