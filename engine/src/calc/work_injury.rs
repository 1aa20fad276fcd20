//! `work-injury-disability`: the one-off disability subsidy (一次性伤残补助金) of 工伤保险条例
//! 第三十五—三十七条 by disability grade, the monthly disability allowance (伤残津贴) of grades 1–6,
//! and what else each grade brings; 本人工资 as 第六十四条 defines it, with the 60 % floor and 300 %
//! cap of the pooling area's average wage when the user knows that figure.

use super::money::{round_half_up, yuan, yuan_text};
use super::{cite, general_notes, input, money_figure, part, CalcInfo, CalcResult, FieldError, InputKind, Values};

/// Months of 本人工资 for grades 1..=10 (第三十五条、第三十六条、第三十七条).
const MONTHS: [i128; 10] = [27, 25, 23, 21, 18, 16, 13, 11, 9, 7];
/// Monthly allowance in % of 本人工资 for grades 1..=6 (第三十五条（二）, 第三十六条（二）).
const ALLOWANCE_PCT: [i128; 6] = [90, 85, 80, 75, 70, 60];
const GRADE_CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

pub(crate) fn info() -> CalcInfo {
    let grades: Vec<(String, String)> = (1..=10)
        .map(|g| {
            let extra = match g {
                1 => "（最重）",
                10 => "（最轻）",
                _ => "",
            };
            (g.to_string(), format!("{}级伤残{extra}", GRADE_CN[g - 1]))
        })
        .collect();
    let options: Vec<(&str, &str)> = grades.iter().map(|(v, l)| (v.as_str(), l.as_str())).collect();
    CalcInfo {
        id: "work-injury-disability".into(),
        title: "工伤伤残补助计算器".into(),
        description: "按伤残等级算一次性伤残补助金，一至六级还算每月的伤残津贴，并说明这个等级还有哪些待遇。".into(),
        inputs: vec![
            input("grade", "伤残等级", super::choice(&options), true, "看劳动能力鉴定委员会给您的鉴定结论，一级最重，十级最轻。"),
            input(
                "wage",
                "本人工资（元/月）",
                InputKind::Money,
                true,
                "指受伤（或者得职业病）前 12 个月平均每月的缴费工资，也就是单位给您交工伤保险时报的工资。可以看社保缴费记录，或者问单位、社保经办机构。",
            ),
            input(
                "area_average",
                "统筹地区职工月平均工资（元/月，可以不填）",
                InputKind::Money,
                false,
                "“统筹地区”就是给您交工伤保险、管这笔保险钱的那个地区，一般按单位所在地算。这个地区上年度职工平均工资由当地公布，\
                 可以问单位所在地的人社局，或者打 12333。公布的是一年的数的，除以 12 再填。填了它，本应用会按“最低 60%、最高 300%”调整本人工资。",
            ),
        ],
    }
}

pub(crate) fn compute(v: &Values) -> Result<CalcResult, Vec<FieldError>> {
    let grade: usize = v
        .choice("grade")
        .and_then(|g| g.parse().ok())
        .filter(|g| (1..=10).contains(g))
        .ok_or_else(|| vec![FieldError::new("grade", "请选择伤残等级（1 到 10 级）")])?;
    let wage = v.money("wage").unwrap_or(0);
    let mut errors = Vec::new();
    if wage <= 0 {
        errors.push(FieldError::new("wage", "本人工资要大于 0 元"));
    }
    let average = v.money("area_average");
    if average == Some(0) {
        errors.push(FieldError::new("area_average", "平均工资要大于 0 元；不知道的话，这一项可以不填"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let g = grade - 1;
    let grade_cn = GRADE_CN[g];

    // 本人工资 as a fraction of fen over 100 (60 % and 300 % of the average are exact in it).
    let wage_x100 = i128::from(wage) * 100;
    let (base_x100, base_note) = match average {
        Some(a) if wage_x100 > i128::from(a) * 300 => (
            i128::from(a) * 300,
            format!(
                "您填的 {} 元高于统筹地区平均工资的 300%（{} × 300% = {} 元），按 300% 算（《工伤保险条例》第六十四条）。",
                yuan(wage),
                yuan(a),
                frac_yuan(i128::from(a) * 300)
            ),
        ),
        Some(a) if wage_x100 < i128::from(a) * 60 => (
            i128::from(a) * 60,
            format!(
                "您填的 {} 元低于统筹地区平均工资的 60%（{} × 60% = {} 元），按 60% 算（《工伤保险条例》第六十四条）。",
                yuan(wage),
                yuan(a),
                frac_yuan(i128::from(a) * 60)
            ),
        ),
        Some(a) => (
            wage_x100,
            format!(
                "在统筹地区平均工资的 60%（{} 元）到 300%（{} 元）之间，按您填的数算（《工伤保险条例》第六十四条）。",
                frac_yuan(i128::from(a) * 60),
                frac_yuan(i128::from(a) * 300)
            ),
        ),
        None => {
            (wage_x100, "没有填统筹地区平均工资，按您填的数算，没有检查“最低 60%、最高 300%”（《工伤保险条例》第六十四条）。".to_string())
        }
    };
    let base_text = format!("{} 元", frac_yuan(base_x100));
    let article = match grade {
        1..=4 => "第三十五条",
        5..=6 => "第三十六条",
        _ => "第三十七条",
    };

    let months = MONTHS[g];
    let subsidy = round_half_up(base_x100 * months, 100);
    let mut parts = vec![
        part("本人工资", base_text.clone(), format!("本人工资是受伤（或者得职业病）前 12 个月的平均月缴费工资。{base_note}")),
        part(
            "一次性伤残补助金",
            yuan_text(subsidy),
            format!(
                "{grade_cn}级伤残是 {months} 个月的本人工资：{} × {months} = {} 元（《工伤保险条例》{article}）。算到分，分以下四舍五入。",
                frac_yuan(base_x100),
                frac_yuan(base_x100 * months)
            ),
        ),
    ];
    let mut figures = vec![money_figure("subsidy", "一次性伤残补助金", subsidy)];
    let mut notes = Vec::new();
    if grade <= 6 {
        let pct = ALLOWANCE_PCT[g];
        let allowance = round_half_up(base_x100 * pct, 10_000);
        let (label, who) = if grade <= 4 {
            ("每月伤残津贴", "从工伤保险基金按月发")
        } else {
            ("每月伤残津贴（单位安排不了工作时）", "单位安排不了适当工作的，由单位按月发")
        };
        figures.push(money_figure("allowance", label, allowance));
        parts.push(part(
            label,
            yuan_text(allowance),
            format!(
                "{grade_cn}级伤残是本人工资的 {pct}%：{} × {pct}% = {} 元，{who}（《工伤保险条例》{article}）。实际数低于当地最低工资标准的，要补足差额。",
                frac_yuan(base_x100),
                exact(base_x100 * pct, 10_000)
            ),
        ));
    }
    match grade {
        1..=4 => notes.extend([
            "一至四级：保留劳动关系，退出工作岗位；一次性伤残补助金和每月的伤残津贴都从工伤保险基金支付；伤残津贴低于当地最低工资标准的，由工伤保险基金补足差额（《工伤保险条例》第三十五条）。".to_string(),
            "到了退休年龄、办了退休手续以后，停发伤残津贴，改领基本养老保险待遇；养老待遇低于伤残津贴的，由工伤保险基金补足差额。单位和您个人以伤残津贴为基数，缴纳基本医疗保险费（《工伤保险条例》第三十五条）。".to_string(),
        ]),
        5..=6 => notes.extend([
            "五、六级：保留与单位的劳动关系，由单位安排适当工作；安排不了的，由单位按月发伤残津贴（五级 70%、六级 60% 的本人工资），并给您交各项社会保险费；伤残津贴低于当地最低工资标准的，由单位补足差额（《工伤保险条例》第三十六条）。".to_string(),
            "您本人提出的，可以和单位解除或者终止劳动关系，这时由工伤保险基金支付一次性工伤医疗补助金，由单位支付一次性伤残就业补助金。这两笔钱的具体标准由省、自治区、直辖市人民政府规定（《工伤保险条例》第三十六条）。四川省的标准本应用不知道，请问单位所在地的人社局，或者打 12333。".to_string(),
        ]),
        _ => notes.push(
            "七至十级：劳动合同期满终止，或者您本人提出解除劳动合同的，由工伤保险基金支付一次性工伤医疗补助金，由单位支付一次性伤残就业补助金。这两笔钱的具体标准由省、自治区、直辖市人民政府规定（《工伤保险条例》第三十七条）。四川省的标准本应用不知道，请问单位所在地的人社局，或者打 12333。".to_string(),
        ),
    }
    notes.extend([
        "一次性伤残补助金从工伤保险基金支付。单位应当参加工伤保险却没有参加的，由单位按同样的项目和标准支付（《工伤保险条例》第六十二条）。".to_string(),
        "伤残等级要经过劳动能力鉴定：一级最重，十级最轻（《工伤保险条例》第二十二条）；由单位、您本人或者近亲属向设区的市级劳动能力鉴定委员会申请（《工伤保险条例》第二十三条）。".to_string(),
        "“本人工资”按缴费工资算。如果单位少报了您的缴费工资，或者没给您交工伤保险，请问 12333 或者 12348。".to_string(),
        "这里只算伤残补助和伤残津贴。医疗费、停工留薪期的工资、护理费等其他工伤待遇没有算在里面。".to_string(),
    ]);
    notes.extend(general_notes());
    let mut citations = vec![cite(&format!("《工伤保险条例》{article}"), &format!("{grade_cn}级伤残的一次性伤残补助金和其他待遇"))];
    citations.extend([
        cite("《工伤保险条例》第六十四条", "本人工资是什么；最低 60%、最高 300%"),
        cite("《工伤保险条例》第六十二条", "单位没参加工伤保险的，由单位支付"),
        cite("《工伤保险条例》第二十二条", "伤残等级：一级最重，十级最轻"),
        cite("《工伤保险条例》第二十三条", "向谁申请劳动能力鉴定"),
    ]);
    Ok(CalcResult {
        id: "work-injury-disability".into(),
        title: format!("工伤伤残补助计算器：{grade_cn}级伤残"),
        figures,
        parts,
        citations,
        notes,
        reminder: None,
    })
}

/// A fraction of fen over 100 as yuan, exactly when it is whole fen, else to the fen (half up)
/// with 约.
fn frac_yuan(x100: i128) -> String {
    exact(x100, 100)
}

/// `num / den` fen as yuan: exact if whole fen, otherwise "约 " and rounded half up to the fen.
fn exact(num: i128, den: i128) -> String {
    if num % den == 0 {
        yuan(i64::try_from(num / den).unwrap_or(i64::MAX))
    } else {
        format!("约 {}", yuan(round_half_up(num, den)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::run;
    use super::super::tests::{fen as f, inputs, money_figures};

    fn figures(grade: &str, wage: &str, average: Option<&str>) -> Vec<(String, i64)> {
        let mut pairs = vec![("grade", grade), ("wage", wage)];
        if let Some(a) = average {
            pairs.push(("area_average", a));
        }
        money_figures("work-injury-disability", &pairs)
    }

    #[test]
    fn each_grade_worked_by_hand() {
        // 本人工资 5000 yuan; months from 第三十五—三十七条; allowance % from 第三十五、三十六条.
        for (grade, expected, working) in [
            ("1", f(&[("subsidy", 13_500_000), ("allowance", 450_000)]), "27 × 5000 = 135000; 90% = 4500"),
            ("2", f(&[("subsidy", 12_500_000), ("allowance", 425_000)]), "25 × 5000 = 125000; 85% = 4250"),
            ("3", f(&[("subsidy", 11_500_000), ("allowance", 400_000)]), "23 × 5000 = 115000; 80% = 4000"),
            ("4", f(&[("subsidy", 10_500_000), ("allowance", 375_000)]), "21 × 5000 = 105000; 75% = 3750"),
            ("5", f(&[("subsidy", 9_000_000), ("allowance", 350_000)]), "18 × 5000 = 90000; 70% = 3500"),
            ("6", f(&[("subsidy", 8_000_000), ("allowance", 300_000)]), "16 × 5000 = 80000; 60% = 3000"),
            ("7", f(&[("subsidy", 6_500_000)]), "13 × 5000 = 65000"),
            ("8", f(&[("subsidy", 5_500_000)]), "11 × 5000 = 55000"),
            ("9", f(&[("subsidy", 4_500_000)]), "9 × 5000 = 45000"),
            ("10", f(&[("subsidy", 3_500_000)]), "7 × 5000 = 35000"),
        ] {
            assert_eq!(figures(grade, "5000", None), expected, "grade {grade}: {working}");
        }
    }

    #[test]
    fn floor_and_cap_of_the_pooling_area_average() {
        // Average 6000: floor 60% = 3600, cap 300% = 18000 (第六十四条).
        // Wage 3000 < 3600 → 3600; grade 7: 13 × 3600 = 46800.
        assert_eq!(figures("7", "3000", Some("6000")), f(&[("subsidy", 4_680_000)]));
        // Wage exactly 3600: unchanged; grade 7: 13 × 3600 = 46800.
        assert_eq!(figures("7", "3600", Some("6000")), f(&[("subsidy", 4_680_000)]));
        // Wage 20000 > 18000 → 18000; grade 5: 18 × 18000 = 324000; allowance 70% = 12600.
        assert_eq!(figures("5", "20000", Some("6000")), f(&[("subsidy", 32_400_000), ("allowance", 1_260_000)]));
        // Wage exactly 18000: unchanged.
        assert_eq!(figures("10", "18000", Some("6000")), f(&[("subsidy", 12_600_000)]));
        // Average 5555.55: floor 60% = 3333.33 exactly; wage 3000 → 3333.33; grade 9: 9 × 3333.33 = 29999.97.
        assert_eq!(figures("9", "3000", Some("5555.55")), f(&[("subsidy", 2_999_997)]));
        // Average 5555.57: floor = 3333.342 (not whole fen); grade 10: 7 × 3333.342 = 23333.394 → 23333.39.
        assert_eq!(figures("10", "100", Some("5555.57")), f(&[("subsidy", 2_333_339)]));
    }

    #[test]
    fn fen_and_rounding() {
        // Grade 6, wage 4321.50: 16 × 4321.50 = 69144; 60% = 2592.90.
        assert_eq!(figures("6", "4321.50", None), f(&[("subsidy", 6_914_400), ("allowance", 259_290)]));
        // Grade 2, wage 3333.33: 25 × 3333.33 = 83333.25; 85% = 2833.3305 → 2833.33.
        assert_eq!(figures("2", "3333.33", None), f(&[("subsidy", 8_333_325), ("allowance", 283_333)]));
        // Grade 4, wage 1000.02: 75% = 750.015 → 750.02 (half up).
        assert_eq!(figures("4", "1000.02", None)[1], ("allowance".to_string(), 75_002));
    }

    #[test]
    fn bad_grade_and_wage() {
        let run_with = |pairs: &[(&str, &str)]| run("work-injury-disability", &inputs(pairs)).unwrap_err();
        assert_eq!(run_with(&[("grade", "11"), ("wage", "5000")])[0].key, "grade");
        assert_eq!(run_with(&[("grade", "3"), ("wage", "0")])[0].key, "wage");
        assert_eq!(run_with(&[("grade", "3"), ("wage", "5000"), ("area_average", "0")])[0].key, "area_average");
        let e = run_with(&[("wage", "五千")]);
        let keys: Vec<&str> = e.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["grade", "wage"]);
    }
}
