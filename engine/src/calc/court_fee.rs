//! `court-fee`: the case acceptance fee (案件受理费) of 诉讼费用交纳办法 第十三条 — property cases by a
//! cumulative sliding scale, divorce cases as a range, labour disputes 10 yuan — and the halved fee
//! under the simplified procedure (第十六条).
//!
//! Exact arithmetic: each band's fee is `part in fen × rate in ‰ / 1000`; the bands are summed as
//! a fraction over 1000 and rounded once, half up, to the fen (the Measures say nothing about
//! rounding; the court's notice decides).

use super::money::{round_half_up, yuan, yuan_text};
use super::{
    cite, general_notes, input, money_figure, part, range_figure, CalcCitation, CalcInfo, CalcResult, FieldError, InputKind, Values,
};

/// 第十三条（一）: (upper bound of the band in yuan, rate in ‰) above the first 10,000 yuan, which
/// pays 50 yuan flat. None: no upper bound.
const BANDS: &[(Option<i64>, i128)] = &[
    (Some(100_000), 25),   // 超过1万元至10万元的部分，按照2.5%交纳
    (Some(200_000), 20),   // 超过10万元至20万元的部分，按照2%交纳
    (Some(500_000), 15),   // 超过20万元至50万元的部分，按照1.5%交纳
    (Some(1_000_000), 10), // 超过50万元至100万元的部分，按照1%交纳
    (Some(2_000_000), 9),  // 超过100万元至200万元的部分，按照0.9%交纳
    (Some(5_000_000), 8),  // 超过200万元至500万元的部分，按照0.8%交纳
    (Some(10_000_000), 7), // 超过500万元至1000万元的部分，按照0.7%交纳
    (Some(20_000_000), 6), // 超过1000万元至2000万元的部分，按照0.6%交纳
    (None, 5),             // 超过2000万元的部分，按照0.5%交纳
];
const FIRST_BAND_YUAN: i64 = 10_000;
const FIRST_BAND_FEE_FEN: i128 = 5_000;

const CASES: &[(&str, &str)] =
    &[("property", "要钱、要东西的官司（财产案件）"), ("divorce", "离婚官司"), ("labour", "劳动争议官司（仲裁以后起诉）")];

pub(crate) fn info() -> CalcInfo {
    let mut case = input("case", "什么官司", super::choice(CASES), true, "讨债、要赔偿、要工钱等要钱的官司选“财产案件”。");
    case.default = Some("property".into());
    CalcInfo {
        id: "court-fee".into(),
        title: "诉讼费计算器".into(),
        description: "按《诉讼费用交纳办法》算到法院打官司要交的案件受理费，和适用简易程序时减半后的数。".into(),
        inputs: vec![
            case,
            input(
                "amount",
                "要求对方给的钱（元）",
                InputKind::Money,
                false,
                "财产案件必须填：您起诉要求对方给的钱加起来一共多少（欠款、利息、赔偿等都算上）；要的是东西的，填它值多少钱。\
                 离婚官司填要分的夫妻共同财产一共值多少（没有财产要分的不用填）。劳动争议不用填。",
            ),
        ],
    }
}

/// "1万", "10万", "2000万"
fn wan(yuan: i64) -> String {
    format!("{}万", yuan / 10_000)
}

/// An exact amount given as a fraction of fen over 1000, in yuan with no rounding: 5864175 → "58.64175".
fn exact_yuan(milli_fen: i128) -> String {
    let whole = milli_fen / 100_000;
    let frac = milli_fen % 100_000;
    if frac == 0 {
        return whole.to_string();
    }
    let f = format!("{frac:05}");
    format!("{whole}.{}", f.trim_end_matches('0'))
}

fn rate_text(permille: i128) -> String {
    if permille % 10 == 0 {
        format!("{}%", permille / 10)
    } else {
        format!("{}.{}%", permille / 10, permille % 10)
    }
}

/// The property-case fee as an exact fraction (fen × 1000), and the lines that show it.
fn property_fee(amount_fen: i64) -> (i128, Vec<super::Part>) {
    let amount = i128::from(amount_fen);
    let mut total: i128 = FIRST_BAND_FEE_FEN * 1000;
    let mut parts = vec![part("不超过 1万元 的部分", "50 元", "不超过 1 万元的，每件交 50 元（不论多少，都是 50 元）。")];
    let mut lower = i128::from(FIRST_BAND_YUAN) * 100;
    let mut lower_yuan = FIRST_BAND_YUAN;
    for (upper_yuan, permille) in BANDS {
        if amount <= lower {
            break;
        }
        let upper = upper_yuan.map(|u| i128::from(u) * 100);
        let in_band = upper.map_or(amount, |u| amount.min(u)) - lower;
        let fee = in_band * permille;
        total += fee;
        let label = match upper_yuan {
            Some(u) => format!("超过 {} 至 {} 的部分", wan(lower_yuan), wan(*u)),
            None => format!("超过 {} 的部分", wan(lower_yuan)),
        };
        let in_band_fen = i64::try_from(in_band).unwrap_or(i64::MAX);
        parts.push(part(
            &label,
            format!("{} 元", exact_yuan(fee)),
            format!(
                "这一段有 {} 元，按 {} 交：{} × {} = {} 元。",
                yuan(in_band_fen),
                rate_text(*permille),
                yuan(in_band_fen),
                rate_text(*permille),
                exact_yuan(fee)
            ),
        ));
        match (upper, upper_yuan) {
            (Some(u), Some(uy)) => {
                lower = u;
                lower_yuan = *uy;
            }
            _ => break,
        }
    }
    (total, parts)
}

const ROUNDING: &str = "《诉讼费用交纳办法》没有写怎么取整，本应用算到分，分以下四舍五入；以法院的交费通知为准。";

pub(crate) fn compute(v: &Values) -> Result<CalcResult, Vec<FieldError>> {
    let case = v.choice("case").unwrap_or("property");
    let amount = v.money("amount");
    let mut figures = Vec::new();
    let mut parts;
    let mut notes = Vec::new();
    let mut citations: Vec<CalcCitation> =
        vec![cite("《诉讼费用交纳办法》第十三条", "案件受理费的交纳标准"), cite("《诉讼费用交纳办法》第六条", "诉讼费用包括哪些")];
    match case {
        "property" => {
            let amount = match amount {
                Some(a) if a > 0 => a,
                Some(_) => return Err(vec![FieldError::new("amount", "要求对方给的钱要大于 0 元")]),
                None => return Err(vec![FieldError::new("amount", "财产案件要填“要求对方给的钱”，比如 50000")]),
            };
            let (total, lines) = property_fee(amount);
            parts = vec![part(
                "要求对方给的钱",
                yuan_text(amount),
                "按诉讼请求的金额，分段累计计算：每一段按自己的比例算，再加起来（第十三条）。",
            )];
            parts.extend(lines);
            let fee = round_half_up(total, 1000);
            let half = round_half_up(total, 2000);
            let sum: Vec<String> = parts[1..].iter().map(|p| p.value.trim_end_matches(" 元").to_string()).collect();
            parts.push(part("案件受理费", yuan_text(fee), format!("{} = {} 元。{ROUNDING}", sum.join(" + "), exact_yuan(total))));
            parts.push(part(
                "适用简易程序的（减半）",
                yuan_text(half),
                format!(
                    "{} ÷ 2 = {} 元（先算出准确的数再减半，最后取到分）。简易程序审理的案件减半交纳（第十六条）。",
                    exact_yuan(total),
                    yuan(half)
                ),
            ));
            figures.push(money_figure("fee", "案件受理费", fee));
            figures.push(money_figure("fee_simplified", "适用简易程序时（减半）", half));
            notes.push("讨要劳动报酬（工资）的案件，起诉时可以不预交案件受理费（《诉讼费用交纳办法》第二十条）。".to_string());
        }
        "divorce" => {
            let property = amount.unwrap_or(0);
            let over = (i128::from(property) - 20_000_000).max(0);
            let extra = over * 5; // 0.5% = 5‰, as fen × 1000
            let (min, max) = (5_000 * 1000 + extra, 30_000 * 1000 + extra);
            parts = vec![part(
                "每件的基本费用",
                "50 元 至 300 元",
                "离婚案件每件交纳 50 元至 300 元（第十三条）。具体交多少，由省里在这个幅度内定。",
            )];
            if over > 0 {
                let over_fen = i64::try_from(over).unwrap_or(i64::MAX);
                parts.push(part(
                    "财产超过 20万元 的部分",
                    format!("{} 元", exact_yuan(extra)),
                    format!(
                        "财产一共 {} 元，超过 20 万元的部分是 {} 元，按 0.5% 交：{} × 0.5% = {} 元（第十三条）。",
                        yuan(property),
                        yuan(over_fen),
                        yuan(over_fen),
                        exact_yuan(extra)
                    ),
                ));
            } else {
                parts.push(part(
                    "分财产另交的钱",
                    "0 元",
                    format!("财产总额不超过 20 万元的，不另外交（第十三条）。您填的财产是 {} 元。", yuan(property)),
                ));
            }
            let (lo, hi) = (round_half_up(min, 1000), round_half_up(max, 1000));
            let (lo_half, hi_half) = (round_half_up(min, 2000), round_half_up(max, 2000));
            parts.push(part(
                "案件受理费",
                format!("{} 元 至 {} 元", yuan(lo), yuan(hi)),
                format!(
                    "最少 50 + {} = {} 元，最多 300 + {} = {} 元。{ROUNDING}",
                    exact_yuan(extra),
                    exact_yuan(min),
                    exact_yuan(extra),
                    exact_yuan(max)
                ),
            ));
            parts.push(part(
                "适用简易程序的（减半）",
                format!("{} 元 至 {} 元", yuan(lo_half), yuan(hi_half)),
                "上面两个数各除以 2（第十六条）。".to_string(),
            ));
            figures.push(range_figure("fee", "案件受理费", lo, hi));
            figures.push(range_figure("fee_simplified", "适用简易程序时（减半）", lo_half, hi_half));
            notes.push("离婚案件 50 元至 300 元之间具体交多少，由省、自治区、直辖市人民政府在这个幅度内规定（《诉讼费用交纳办法》第十三条）。四川省定的具体数本应用不知道，以法院的交费通知为准。".to_string());
        }
        _ => {
            parts = vec![
                part("劳动争议案件", "10 元", "劳动争议案件每件交纳 10 元，不按金额算（第十三条）。"),
                part("适用简易程序的（减半）", "5 元", "10 ÷ 2 = 5 元（第十六条）。"),
            ];
            figures.push(money_figure("fee", "案件受理费", 1_000));
            figures.push(money_figure("fee_simplified", "适用简易程序时（减半）", 500));
            notes.push("劳动争议一般要先申请劳动仲裁，对仲裁裁决不服的才向法院起诉（《劳动争议调解仲裁法》第五条）。劳动仲裁不收费（《劳动争议调解仲裁法》第五十三条）。".to_string());
            citations.push(cite("《劳动争议调解仲裁法》第五条", "先仲裁，对裁决不服再起诉"));
            citations.push(cite("《劳动争议调解仲裁法》第五十三条", "劳动争议仲裁不收费"));
            if amount.is_some() {
                notes.push("劳动争议案件的受理费不按金额算，您填的金额没有用到。".to_string());
            }
        }
    }
    citations.extend([
        cite("《诉讼费用交纳办法》第十五条", "调解结案或者撤诉的，减半交纳"),
        cite("《诉讼费用交纳办法》第十六条", "适用简易程序的，减半交纳"),
        cite("《诉讼费用交纳办法》第二十条", "谁预交；讨要劳动报酬的可以不预交"),
        cite("《诉讼费用交纳办法》第二十九条", "诉讼费用由败诉方负担"),
        cite("《诉讼费用交纳办法》第四十四条", "交费确有困难的，可以申请缓交、减交、免交"),
        cite("《诉讼费用交纳办法》第四十五条", "应当准予免交的情形"),
        cite("《诉讼费用交纳办法》第四十六条", "应当准予减交的情形，减交不少于 30%"),
        cite("《诉讼费用交纳办法》第四十七条", "应当准予缓交的情形"),
        cite("《诉讼费用交纳办法》第四十八条", "起诉或者上诉时交书面申请和证明材料"),
    ]);
    if case != "property" {
        citations.retain(|c| c.cite != "《诉讼费用交纳办法》第二十条");
    }
    notes.extend([
        "这里算的只是案件受理费。申请保全、申请执行等要另交申请费；证人、鉴定人等出庭的交通、住宿、误工等费用也不在里面（《诉讼费用交纳办法》第六条）。".to_string(),
        "调解结案或者撤诉的，也减半交纳（《诉讼费用交纳办法》第十五条）。是不是适用简易程序，由法院决定。".to_string(),
        "官司结束后，诉讼费用一般由输的一方负担（赢的一方自愿负担的除外）；部分赢、部分输的，由法院决定各自负担多少（《诉讼费用交纳办法》第二十九条）。".to_string(),
        "交诉讼费确实有困难的，可以向法院申请缓交、减交或者免交；免交只适用于个人（《诉讼费用交纳办法》第四十四条）。".to_string(),
        "应当准予免交的：残疾人没有固定生活来源的；追讨赡养费、扶养费、抚育费、抚恤金的；领低保、农村特困定期救济、农村五保供养或者失业保险金，又没有其他收入的；因见义勇为或者保护社会公共利益受到损害，请求赔偿或者补偿的；其他确实需要免交的（《诉讼费用交纳办法》第四十五条）。".to_string(),
        "应当准予减交的：因自然灾害等不可抗力生活困难、正在接受社会救济，或者家庭生产经营难以为继的；属于国家规定的优抚、安置对象的；其他确实需要减交的。减交的比例不低于 30%（《诉讼费用交纳办法》第四十六条）。".to_string(),
        "应当准予缓交（晚点交）的：追讨社会保险金、经济补偿金的；交通事故、医疗事故、工伤事故等人身伤害的受害人请求赔偿的；正在接受法律援助的；其他确实需要缓交的（《诉讼费用交纳办法》第四十七条）。".to_string(),
        "申请时，要在起诉或者上诉时交书面申请和证明经济困难的材料；因为生活困难申请免交、减交的，还要交符合当地经济困难标准的证明（《诉讼费用交纳办法》第四十八条）。".to_string(),
    ]);
    notes.extend(general_notes());
    let title = CASES.iter().find(|(k, _)| *k == case).map(|(_, l)| *l).unwrap_or("");
    Ok(CalcResult {
        id: "court-fee".into(), title: format!("诉讼费计算器：{title}"), figures, parts, citations, notes, reminder: None
    })
}

#[cfg(test)]
mod tests {
    use super::super::{run, Value};
    use std::collections::BTreeMap;

    fn fees(case: &str, amount: Option<&str>) -> (Value, Value) {
        let mut inputs: BTreeMap<String, String> = [("case".to_string(), case.to_string())].into();
        if let Some(a) = amount {
            inputs.insert("amount".into(), a.into());
        }
        let r = run("court-fee", &inputs).unwrap_or_else(|e| panic!("{case} {amount:?}: {e:?}"));
        (r.figures[0].value.clone(), r.figures[1].value.clone())
    }

    fn fen(v: &Value) -> i64 {
        match v {
            Value::Money { fen, .. } => *fen,
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn property_bands_worked_by_hand() {
        // (amount, fee in fen, halved fee in fen, working from 第十三条（一）)
        for (amount, fee, half, working) in [
            ("5000", 5_000, 2_500, "≤ 1万: 50"),
            ("10000", 5_000, 2_500, "≤ 1万: 50 (the boundary is still the flat fee)"),
            // 50 + 0.01 × 2.5% = 50.00025 → 50.00; half 25.000125 → 25.00
            ("10000.01", 5_000, 2_500, "50 + 0.01×2.5% = 50.00025"),
            // 50 + 1 × 2.5% = 50.025 → 50.03 (half up); half 25.0125 → 25.01
            ("10001", 5_003, 2_501, "50 + 1×2.5% = 50.025"),
            // The check: 50 + (50000 − 10000) × 2.5% = 50 + 1000 = 1050; half 525.
            ("50000", 105_000, 52_500, "50 + 40000×2.5% = 1050"),
            ("100000", 230_000, 115_000, "50 + 90000×2.5% = 50 + 2250 = 2300"),
            ("150000", 330_000, 165_000, "50 + 90000×2.5% + 50000×2% = 50+2250+1000 = 3300"),
            ("200000", 430_000, 215_000, "50 + 2250 + 100000×2% = 4300"),
            ("500000", 880_000, 440_000, "4300 + 300000×1.5% = 4300+4500 = 8800"),
            ("1000000", 1_380_000, 690_000, "8800 + 500000×1% = 13800"),
            ("2000000", 2_280_000, 1_140_000, "13800 + 1000000×0.9% = 22800"),
            ("5000000", 4_680_000, 2_340_000, "22800 + 3000000×0.8% = 46800"),
            ("10000000", 8_180_000, 4_090_000, "46800 + 5000000×0.7% = 81800"),
            ("20000000", 14_180_000, 7_090_000, "81800 + 10000000×0.6% = 141800"),
            ("30000000", 19_180_000, 9_590_000, "141800 + 10000000×0.5% = 191800"),
            // 50 + 2345.67 × 2.5% = 50 + 58.64175 = 108.64175 → 108.64; half 54.320875 → 54.32
            ("12345.67", 10_864, 5_432, "50 + 2345.67×2.5% = 108.64175"),
            // 4300 + 0.01 × 1.5% = 4300.00015 → 4300.00
            ("200000.01", 430_000, 215_000, "4300 + 0.01×1.5%"),
            ("5万", 105_000, 52_500, "5万 = 50000"),
        ] {
            let (f, h) = fees("property", Some(amount));
            assert_eq!((fen(&f), fen(&h)), (fee, half), "{amount}: {working}");
        }
    }

    #[test]
    fn the_parts_show_each_band() {
        let r = run("court-fee", &[("amount".to_string(), "150000".to_string())].into()).unwrap();
        let values: Vec<&str> = r.parts.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(values, ["150000 元", "50 元", "2250 元", "1000 元", "3300 元", "1650 元"]);
        assert!(r.parts[4].formula.starts_with("50 + 2250 + 1000 = 3300 元"), "{}", r.parts[4].formula);
    }

    #[test]
    fn divorce_is_a_range() {
        let range = |v: &Value| match v {
            Value::MoneyRange { min_fen, max_fen, .. } => (*min_fen, *max_fen),
            v => panic!("{v:?}"),
        };
        // No property: 50–300; half 25–150.
        let (f, h) = fees("divorce", None);
        assert_eq!((range(&f), range(&h)), ((5_000, 30_000), (2_500, 15_000)));
        // 200,000 exactly: "不超过20万元的，不另行交纳".
        let (f, _) = fees("divorce", Some("200000"));
        assert_eq!(range(&f), (5_000, 30_000));
        // 300,000: (300000 − 200000) × 0.5% = 500 → 550–800; half 275–400.
        let (f, h) = fees("divorce", Some("300000"));
        assert_eq!((range(&f), range(&h)), ((55_000, 80_000), (27_500, 40_000)));
        // 200,100.50: 100.50 × 0.5% = 0.5025 → 50.5025 → 50.50 and 300.50; half 25.25125 → 25.25, 150.25125 → 150.25
        let (f, h) = fees("divorce", Some("200100.50"));
        assert_eq!((range(&f), range(&h)), ((5_050, 30_050), (2_525, 15_025)));
    }

    #[test]
    fn labour_is_ten_yuan() {
        let (f, h) = fees("labour", None);
        assert_eq!((fen(&f), fen(&h)), (1_000, 500));
    }

    #[test]
    fn a_property_case_needs_a_positive_amount() {
        for (amount, key) in [(None, "amount"), (Some("0"), "amount"), (Some("-100"), "amount"), (Some("5万元x"), "amount")] {
            let mut inputs: BTreeMap<String, String> = BTreeMap::new();
            if let Some(a) = amount {
                inputs.insert("amount".into(), a.into());
            }
            let e = run("court-fee", &inputs).unwrap_err();
            assert_eq!(e.len(), 1, "{e:?}");
            assert_eq!(e[0].key, key);
        }
    }
}
