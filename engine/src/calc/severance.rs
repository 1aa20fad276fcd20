//! `severance`: economic compensation (经济补偿) of 劳动合同法 第四十七条 — one month's wage per full
//! year; six months or more counts as a year, less than six months as half a month; above three
//! times the local average monthly wage, the wage is capped at three times and the years at twelve —
//! and the damages for unlawful dismissal of 第八十七条 (twice that).
//!
//! The count is kept in half-months so that it stays an integer: a year is 2, the half month 1.

use super::money::{round_half_up, yuan, yuan_text};
use super::{cite, general_notes, input, money_figure, part, CalcInfo, CalcResult, Date, FieldError, InputKind, Values};

pub(crate) fn info() -> CalcInfo {
    CalcInfo {
        id: "severance".into(),
        title: "经济补偿计算器".into(),
        description: "离职时单位该给的经济补偿（俗称 N），和单位违法解除时的赔偿金（2N）。".into(),
        inputs: vec![
            input("start_date", "入职日期", InputKind::Date { not_after_today: true }, false, "开始在这个单位上班的那天，比如 2019-03-01。不记得日子的，可以改填下面的“工作了几年、几个月”。"),
            input("end_date", "离职日期（最后一天上班）", InputKind::Date { not_after_today: false }, false, "劳动合同解除或者终止的那天。入职和离职日期两头都算上班的日子。"),
            input("years", "工作了几年（不填日期时填）", InputKind::Integer { min: 0, max: 60 }, false, "没填日期时用：在这个单位工作满了几年。"),
            input("months", "另外还有几个月（不填日期时填）", InputKind::Integer { min: 0, max: 11 }, false, "满年以外，还多干了几个月（0 到 11）。"),
            input(
                "wage",
                "月工资（元）",
                InputKind::Money,
                true,
                "离职前 12 个月的平均工资：应得工资，包括计时或者计件工资，以及奖金、津贴、补贴等。干了不满 12 个月的，按实际干的月数平均。",
            ),
            input(
                "area_average",
                "本地区上年度职工月平均工资（元/月，可以不填）",
                InputKind::Money,
                false,
                "由单位所在的直辖市或者设区的市的人民政府公布（比如广元市）。不知道的可以打 12333 问。月工资高的人要填，用来算“三倍封顶”。",
            ),
            input("min_wage", "当地最低工资标准（元/月，可以不填）", InputKind::Money, false, "平均工资低于当地最低工资标准的，按最低工资标准算。当地的标准可以问人社局或者打 12333。"),
        ],
    }
}

/// Length of service from `start` to `end`, both days worked: (full years, further full months,
/// further days). 2020-03-01 … 2021-02-28 is exactly one year.
pub(crate) fn service(start: Date, end: Date) -> Option<(i64, i64, i64)> {
    let after = end.add_days(1)?;
    let mut k = (i64::from(after.year) - i64::from(start.year)) * 12 + i64::from(after.month) - i64::from(start.month);
    while k > 0 && start.add_months(k)? > after {
        k -= 1;
    }
    let k = k.max(0);
    let days = after.days() - start.add_months(k)?.days();
    Some((k / 12, k % 12, days))
}

/// Months of wage in halves (第四十七条第一款).
fn half_months(years: i64, months: i64, days: i64) -> i64 {
    let rest = if months >= 6 {
        2
    } else if months > 0 || days > 0 {
        1
    } else {
        0
    };
    years * 2 + rest
}

fn months_text(half: i64) -> String {
    if half % 2 == 0 {
        format!("{} 个月", half / 2)
    } else {
        format!("{}.5 个月", half / 2)
    }
}

pub(crate) fn compute(v: &Values) -> Result<CalcResult, Vec<FieldError>> {
    let mut errors = Vec::new();
    let (start, end, years, months) = (v.date("start_date"), v.date("end_date"), v.int("years"), v.int("months"));
    let wage = v.money("wage").unwrap_or(0);
    if wage <= 0 {
        errors.push(FieldError::new("wage", "月工资要大于 0 元"));
    }
    for key in ["area_average", "min_wage"] {
        if v.money(key) == Some(0) {
            errors.push(FieldError::new(key, "要大于 0 元；不知道的话，这一项可以不填"));
        }
    }
    let dates = start.is_some() || end.is_some();
    let length = match (start, end) {
        (Some(s), Some(e)) if e < s => {
            errors.push(FieldError::new("end_date", format!("离职日期 {} 在入职日期 {} 之前，请检查一下", e.cn(), s.cn())));
            None
        }
        (Some(s), Some(e)) => match service(s, e) {
            Some(l) => Some(l),
            None => {
                errors.push(FieldError::new("end_date", "日期太远了，算不出来，请检查一下"));
                None
            }
        },
        (Some(_), None) => {
            errors.push(FieldError::new("end_date", "请填离职日期"));
            None
        }
        (None, Some(_)) => {
            errors.push(FieldError::new("start_date", "请填入职日期"));
            None
        }
        (None, None) => match (years, months) {
            (None, None) => {
                errors.push(FieldError::new("start_date", "请填入职和离职日期，或者填工作了几年、几个月"));
                None
            }
            (y, m) if y.unwrap_or(0) + m.unwrap_or(0) == 0 => {
                errors.push(FieldError::new("years", "工作时间要大于 0"));
                None
            }
            (y, m) => Some((y.unwrap_or(0), m.unwrap_or(0), 0)),
        },
    };
    if dates {
        for key in ["years", "months"] {
            if v.int(key).is_some() {
                errors.push(FieldError::new(key, "已经填了入职和离职日期，这一项就不用填了（两种只填一种）"));
            }
        }
    }
    let Some((y, m, d)) = length.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };

    let mut parts = Vec::new();
    let mut notes = Vec::new();
    match (start, end) {
        (Some(s), Some(e)) => {
            let text = if d > 0 { format!("{y} 年 {m} 个月 {d} 天") } else { format!("{y} 年 {m} 个月") };
            parts.push(part("工作时间", text, format!("从 {} 到 {}，两头的日子都算上班。", s.cn(), e.cn())));
        }
        _ => parts.push(part("工作时间", format!("{y} 年 {m} 个月"), "按您填的年数和月数算。")),
    }
    let mut half = half_months(y, m, d);
    let rest = if m > 0 || d > 0 {
        if d > 0 {
            format!("{m} 个月 {d} 天")
        } else {
            format!("{m} 个月")
        }
    } else {
        String::new()
    };
    let count_formula = match (y, rest.is_empty(), m >= 6) {
        (_, true, _) => format!("每满 1 年给 1 个月工资：满 {y} 年，就是 {y} 个月。"),
        (0, false, false) => format!("工作不满 6 个月（{rest}），给半个月工资。"),
        (0, false, true) => format!("工作 6 个月以上不满 1 年（{rest}），按 1 年算，给 1 个月工资。“以上”包括本数，正好 6 个月也算（《民法典》第一千二百五十九条）。"),
        (_, false, false) => format!("满 {y} 年给 {y} 个月；剩下的 {rest} 不满 6 个月，再给半个月。"),
        (_, false, true) => format!("满 {y} 年给 {y} 个月；剩下的 {rest} 是 6 个月以上不满 1 年，按 1 年算，再给 1 个月（“以上”包括本数，《民法典》第一千二百五十九条）。"),
    };
    parts.push(part("按几个月工资算", months_text(half), format!("{count_formula}（《劳动合同法》第四十七条）")));

    // The wage base: the minimum wage as a floor (实施条例 第二十七条), three times the local average as a cap.
    let mut base = wage;
    let mut base_formula = "离职前 12 个月的平均工资（《劳动合同法》第四十七条第三款）。".to_string();
    if let Some(min) = v.money("min_wage") {
        if wage < min {
            base = min;
            base_formula += &format!(
                "您填的 {} 元低于当地最低工资标准 {} 元，按最低工资标准算（《劳动合同法实施条例》第二十七条）。",
                yuan(wage),
                yuan(min)
            );
        }
    }
    let mut capped = false;
    match v.money("area_average") {
        Some(avg) => {
            let three = i128::from(avg) * 3;
            if i128::from(base) > three {
                capped = true;
                base = i64::try_from(three).unwrap_or(i64::MAX);
                base_formula += &format!(
                    "您的月工资 {} 元高于本地区上年度职工月平均工资的三倍（{} × 3 = {} 元），工资按三倍 {} 元算，年限最多按 12 年算（《劳动合同法》第四十七条第二款）。",
                    yuan(wage),
                    yuan(avg),
                    yuan(base),
                    yuan(base)
                );
                if half > 24 {
                    parts.push(part(
                        "三倍封顶后按几个月算",
                        months_text(24),
                        format!("月工资超过三倍的，年限最多按 12 年算：{} 改为 12 个月（《劳动合同法》第四十七条第二款）。", months_text(half)),
                    ));
                    half = 24;
                }
            } else {
                base_formula += &format!("没有高于本地区月平均工资的三倍（{} × 3 = {} 元），不封顶。", yuan(avg), yuan(i64::try_from(three).unwrap_or(i64::MAX)));
            }
        }
        None => notes.push("您没有填本地区上年度职工月平均工资，本应用没有检查“三倍封顶”。月工资比较高的（高于当地平均工资三倍的），请填上再算，或者打 12333 问。".to_string()),
    }
    parts.push(part("每个月按多少工资算", yuan_text(base), base_formula));

    let exact_half = i128::from(base) * i128::from(half); // severance × 2, in fen
    let severance = round_half_up(exact_half, 2);
    let damages = i64::try_from(exact_half).unwrap_or(i64::MAX);
    let times = months_text(half).replace(" 个月", "");
    parts.push(part(
        "经济补偿",
        yuan_text(severance),
        format!("{} × {times} = {} 元（《劳动合同法》第四十七条）。算到分，分以下四舍五入。", yuan(base), yuan(severance)),
    ));
    parts.push(part(
        "单位违法解除的赔偿金",
        yuan_text(damages),
        format!("经济补偿的两倍：{} × {times} × 2 = {} 元（《劳动合同法》第八十七条）。", yuan(base), yuan(damages)),
    ));
    let figures = vec![
        money_figure("severance", "经济补偿（N）", severance),
        money_figure("damages", "单位违法解除时的赔偿金（2N，拿了它就不再拿经济补偿）", damages),
    ];

    if let Some(s) = start.filter(|s| *s < Date { year: 2008, month: 1, day: 1 }) {
        notes.push(format!(
            "您是 {} 入职的，早于《劳动合同法》施行的 2008 年 1 月 1 日。2008 年以前的那段工作时间，经济补偿按当时的规定办（《劳动合同法》第九十七条），可能和上面算的不一样；本应用把整段时间都按第四十七条算了。违法解除的赔偿金，年限从开始用工那天算（《劳动合同法实施条例》第二十五条）。",
            s.cn()
        ));
    }
    if capped {
        notes.push("三倍封顶只看“本地区上年度职工月平均工资”，这个数以单位所在的直辖市或者设区的市政府公布的为准。".to_string());
    }
    notes.extend([
        "单位要给经济补偿的常见情况：单位提出、双方商量一致解除合同的；单位拖欠工资、不依法给您交社保等，您因此辞职的；单位因为您生病、不能胜任工作或者客观情况重大变化而解除的；单位裁员的；固定期限合同到期，单位不续签的（单位维持或者提高条件续签、您不愿意的除外）；单位破产、被吊销营业执照、责令关闭、撤销或者提前解散的（《劳动合同法》第四十六条）。您自己想走、单位没有过错的，一般没有经济补偿。".to_string(),
        "单位违法解除或者终止合同、您不要求继续干的，单位给两倍的赔偿金（《劳动合同法》第四十八条、第八十七条）；给了赔偿金，就不再给经济补偿（《劳动合同法实施条例》第二十五条）。是不是“违法解除”，要看具体情况，最后由仲裁委或者法院认定。".to_string(),
        "“月工资”按应得工资算，包括奖金、津贴、补贴；干了不满 12 个月的，按实际干的月数平均；低于当地最低工资标准的，按最低工资标准算（《劳动合同法实施条例》第二十七条）。".to_string(),
        "要这笔钱，和单位谈不拢的，可以申请劳动仲裁，时效是 1 年，仲裁不收费（《劳动争议调解仲裁法》第二十七条、第五十三条）。可以用“期限计算器”算最后一天。".to_string(),
    ]);
    notes.extend(general_notes());
    let mut citations = vec![
        cite("《劳动合同法》第四十七条", "经济补偿怎么算：年限、半年规则、三倍封顶、月工资"),
        cite("《劳动合同法》第八十七条", "违法解除的赔偿金是经济补偿的两倍"),
        cite("《劳动合同法》第四十六条", "哪些情况单位要给经济补偿"),
        cite("《劳动合同法》第四十八条", "违法解除：继续履行或者赔偿金"),
        cite("《劳动合同法实施条例》第二十五条", "给了赔偿金不再给经济补偿；赔偿金年限从用工之日算"),
        cite("《劳动合同法实施条例》第二十七条", "月工资包括什么；不满 12 个月；最低工资"),
        cite("《民法典》第一千二百五十九条", "“以上”包括本数"),
        cite("《劳动争议调解仲裁法》第二十七条", "申请仲裁的时效 1 年"),
        cite("《劳动争议调解仲裁法》第五十三条", "劳动争议仲裁不收费"),
    ];
    if start.is_some_and(|s| s < Date { year: 2008, month: 1, day: 1 }) {
        citations.push(cite("《劳动合同法》第九十七条", "2008 年以前的工作年限按当时的规定"));
    }
    Ok(CalcResult { id: "severance".into(), title: "经济补偿计算器".into(), figures, parts, citations, notes, reminder: None })
}

#[cfg(test)]
mod tests {
    use super::super::{run, Value, TODAY};
    use super::*;
    use std::collections::BTreeMap;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn money(pairs: &[(&str, &str)]) -> (i64, i64) {
        let mut inputs: BTreeMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        inputs.insert(TODAY.into(), "2025-06-01".into());
        let r = run("severance", &inputs).unwrap_or_else(|e| panic!("{pairs:?}: {e:?}"));
        let fen = |i: usize| match r.figures[i].value {
            Value::Money { fen, .. } => fen,
            _ => panic!(),
        };
        (fen(0), fen(1))
    }

    #[test]
    fn length_of_service() {
        // Both ends are days worked: 2020-03-01 … 2021-02-28 is one year exactly.
        assert_eq!(service(d("2020-03-01"), d("2021-02-28")), Some((1, 0, 0)));
        assert_eq!(service(d("2020-03-01"), d("2021-02-27")), Some((0, 11, 27)));
        assert_eq!(service(d("2024-01-01"), d("2024-06-30")), Some((0, 6, 0)));
        assert_eq!(service(d("2024-01-01"), d("2024-06-29")), Some((0, 5, 29)));
        assert_eq!(service(d("2024-05-10"), d("2024-05-10")), Some((0, 0, 1)));
        // Month ends: the day after 29 Feb 2024 is 1 March; 31 Jan + 1 month = 29 Feb ≤ 1 Mar and
        // + 2 months = 31 Mar > 1 Mar, so 1 month and the 1 day from 29 Feb to 1 Mar.
        assert_eq!(service(d("2024-01-31"), d("2024-02-29")), Some((0, 1, 1)));
    }

    #[test]
    fn severance_worked_by_hand() {
        for (pairs, expected, working) in [
            // Exactly 3 years: 3 × 6000 = 18000; damages 36000.
            (&[("start_date", "2020-03-01"), ("end_date", "2023-02-28"), ("wage", "6000")][..], (1_800_000, 3_600_000), "3 年整 → 3 个月"),
            // 3 years 6 months exactly: the 6 months count as a year → 4 × 6000 = 24000.
            (
                &[("start_date", "2020-03-01"), ("end_date", "2023-08-31"), ("wage", "6000")][..],
                (2_400_000, 4_800_000),
                "3 年 6 个月 → 4 个月",
            ),
            // One day short of 6 months: 3 years 5 months 30 days → 3.5 × 6000 = 21000.
            (
                &[("start_date", "2020-03-01"), ("end_date", "2023-08-30"), ("wage", "6000")][..],
                (2_100_000, 4_200_000),
                "3 年 5 个月 30 天 → 3.5 个月",
            ),
            // Exactly 6 months (以上 includes 6): 1 × 6000.
            (&[("start_date", "2024-01-01"), ("end_date", "2024-06-30"), ("wage", "6000")][..], (600_000, 1_200_000), "6 个月 → 1 个月"),
            // Under 6 months (5 months 29 days): half a month, 0.5 × 6000 = 3000.
            (
                &[("start_date", "2024-01-01"), ("end_date", "2024-06-29"), ("wage", "6000")][..],
                (300_000, 600_000),
                "5 个月 29 天 → 0.5 个月",
            ),
            // One day worked: half a month.
            (&[("start_date", "2024-05-10"), ("end_date", "2024-05-10"), ("wage", "6000")][..], (300_000, 600_000), "1 天 → 0.5 个月"),
            // Years and months instead of dates: 2 years 7 months → 3 × 4500 = 13500.
            (&[("years", "2"), ("months", "7"), ("wage", "4500")][..], (1_350_000, 2_700_000), "2 年 7 个月 → 3 个月"),
            (&[("years", "0"), ("months", "5"), ("wage", "4500")][..], (225_000, 450_000), "5 个月 → 0.5 个月"),
            (&[("years", "4"), ("wage", "4500")][..], (1_800_000, 3_600_000), "4 年 → 4 个月"),
            // Fen: 0.5 × 5555.55 = 2777.775 → 2777.78; damages 2 × 2777.775 = 5555.55 (from the exact value).
            (&[("years", "0"), ("months", "3"), ("wage", "5555.55")][..], (277_778, 555_555), "0.5 × 5555.55"),
        ] {
            assert_eq!(money(pairs), expected, "{working}");
        }
    }

    #[test]
    fn three_times_cap() {
        // 30000 > 3 × 8000 = 24000: the wage is 24000 and the years at most 12 (15 years → 12).
        // 12 × 24000 = 288000; damages 576000.
        assert_eq!(money(&[("years", "15"), ("wage", "30000"), ("area_average", "8000")]), (28_800_000, 57_600_000));
        // Exactly three times is not "高于": no cap, 15 × 24000 = 360000.
        assert_eq!(money(&[("years", "15"), ("wage", "24000"), ("area_average", "8000")]), (36_000_000, 72_000_000));
        // Capped wage but fewer than 12 years: 5.5 × 24000 = 132000.
        assert_eq!(money(&[("years", "5"), ("months", "2"), ("wage", "30000"), ("area_average", "8000")]), (13_200_000, 26_400_000));
        // 12 years 6 months = 13 months, capped to 12: 12 × 24000 = 288000.
        assert_eq!(money(&[("years", "12"), ("months", "6"), ("wage", "30000"), ("area_average", "8000")]), (28_800_000, 57_600_000));
        // Below the cap, more than 12 years: no year limit, 15 × 6000 = 90000.
        assert_eq!(money(&[("years", "15"), ("wage", "6000"), ("area_average", "8000")]), (9_000_000, 18_000_000));
    }

    #[test]
    fn minimum_wage_floor() {
        // Average 1500 below the minimum wage 2000 (实施条例 第二十七条): 2 × 2000 = 4000.
        assert_eq!(money(&[("years", "2"), ("wage", "1500"), ("min_wage", "2000")]), (400_000, 800_000));
        assert_eq!(money(&[("years", "2"), ("wage", "2500"), ("min_wage", "2000")]), (500_000, 1_000_000));
    }

    #[test]
    fn bad_inputs_name_their_field() {
        let keys = |pairs: &[(&str, &str)]| -> Vec<String> {
            let mut inputs: BTreeMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            inputs.insert(TODAY.into(), "2025-06-01".into());
            run("severance", &inputs).unwrap_err().into_iter().map(|e| e.key).collect()
        };
        assert_eq!(keys(&[("start_date", "2023-05-01"), ("end_date", "2022-05-01"), ("wage", "5000")]), ["end_date"]);
        assert_eq!(keys(&[("start_date", "2025-07-01"), ("end_date", "2025-08-01"), ("wage", "5000")]), ["start_date"]);
        assert_eq!(keys(&[("start_date", "2023-05-01"), ("wage", "5000")]), ["end_date"]);
        assert_eq!(keys(&[("wage", "5000")]), ["start_date"]);
        assert_eq!(keys(&[("years", "0"), ("wage", "5000")]), ["years"]);
        assert_eq!(keys(&[("years", "2"), ("wage", "-5000")]), ["wage"]);
        assert_eq!(keys(&[("years", "2.5"), ("wage", "5000")]), ["years"]);
        assert_eq!(keys(&[("years", "2"), ("months", "12"), ("wage", "5000")]), ["months"]);
        assert_eq!(keys(&[("start_date", "2020-01-01"), ("end_date", "2023-01-01"), ("years", "3"), ("wage", "5000")]), ["years"]);
        assert_eq!(keys(&[("years", "2"), ("wage", "5000"), ("area_average", "0")]), ["area_average"]);
    }

    #[test]
    fn before_2008_is_flagged() {
        let mut inputs: BTreeMap<String, String> =
            [("start_date", "2005-03-01"), ("end_date", "2020-02-29"), ("wage", "5000"), (TODAY, "2025-06-01")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let r = run("severance", &inputs).unwrap();
        assert!(r.notes.iter().any(|n| n.contains("第九十七条")));
        assert!(r.citations.iter().any(|c| c.cite == "《劳动合同法》第九十七条"));
        inputs.insert("start_date".into(), "2008-01-01".into());
        let r = run("severance", &inputs).unwrap();
        assert!(!r.notes.iter().any(|n| n.contains("第九十七条")));
    }
}
