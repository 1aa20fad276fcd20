//! The calculators against the statute pack: every article any calculator cites (in its citation
//! list or inline in its text) exists, and the figures the code hard-wires are the ones the article
//! text states.

use pocketlaw_builder::statutes::StatutePack;
use pocketlaw_engine::calc::{self, CalcResult};
use pocketlaw_engine::citation::{find_inline, Citation};
use std::collections::{BTreeMap, BTreeSet};

fn run(id: &str, pairs: &[(&str, &str)]) -> CalcResult {
    let inputs: BTreeMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    calc::run(id, &inputs).unwrap_or_else(|e| panic!("{id} {pairs:?}: {e:?}"))
}

/// Runs that reach every branch that cites something: each deadline kind, case type and grade,
/// severance with a pre-2008 start, the cap and the minimum wage, overtime of all three kinds.
fn every_branch() -> Vec<CalcResult> {
    let today = ("today", "2025-06-01");
    let mut runs = Vec::new();
    for c in calc::list() {
        for input in &c.inputs {
            if let (calc::InputKind::Choice { options }, "deadline") = (&input.kind, c.id.as_str()) {
                runs.extend(options.iter().map(|o| run("deadline", &[("kind", &o.value), ("event_date", "2024-02-29"), today])));
            }
        }
    }
    for case in ["property", "divorce", "labour"] {
        runs.push(run("court-fee", &[("case", case), ("amount", "300000")]));
    }
    for grade in 1..=10 {
        runs.push(run("work-injury-disability", &[("grade", &grade.to_string()), ("wage", "5000"), ("area_average", "1000")]));
    }
    runs.push(run(
        "severance",
        &[("start_date", "2005-03-01"), ("end_date", "2024-08-31"), ("wage", "30000"), ("area_average", "8000"), today],
    ));
    runs.push(run("severance", &[("years", "0"), ("months", "6"), ("wage", "1500"), ("min_wage", "2000")]));
    runs.push(run("overtime", &[("wage", "4350"), ("workday_hours", "10"), ("rest_day_hours", "8"), ("holiday_hours", "8")]));
    runs
}

fn texts(r: &CalcResult) -> Vec<String> {
    let mut t: Vec<String> = r.notes.clone();
    t.extend(r.parts.iter().flat_map(|p| [p.label.clone(), p.value.clone(), p.formula.clone()]));
    t.extend(r.figures.iter().map(|f| f.label.clone()));
    if let Some(rem) = &r.reminder {
        t.push(rem.description.clone());
    }
    t
}

#[test]
fn every_cited_article_is_in_the_statute_pack() {
    let Some(root) = crate::statute_pack("calc: citations resolve") else { return };
    let pack = StatutePack::load(&root).unwrap();
    let mut cited: BTreeSet<Citation> = BTreeSet::new();
    for r in every_branch() {
        for c in &r.citations {
            cited.insert(c.citation().unwrap_or_else(|e| panic!("{}: {e}", r.id)));
        }
        for text in texts(&r) {
            for (_, c) in find_inline(&text) {
                cited.insert(c.unwrap_or_else(|e| panic!("{}: {e}", r.id)));
            }
        }
    }
    assert!(cited.len() >= 40, "only {} citations: is every branch reached?", cited.len());
    let missing: Vec<String> = cited.iter().filter_map(|c| pack.resolve(c).err().map(|e| format!("{c}: {e}"))).collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn the_hard_wired_figures_are_the_statutes() {
    let Some(root) = crate::statute_pack("calc: figures match the statutes") else { return };
    let pack = StatutePack::load(&root).unwrap();
    let text = |c: &str| pack.resolve(&Citation::parse(c).unwrap()).unwrap_or_else(|e| panic!("{c}: {e}")).text;
    for (cite, phrases) in [
        (
            "诉讼费用交纳办法 第十三条",
            &[
                "不超过1万元的，每件交纳50元",
                "超过1万元至10万元的部分，按照2.5%交纳",
                "超过10万元至20万元的部分，按照2%交纳",
                "超过20万元至50万元的部分，按照1.5%交纳",
                "超过50万元至100万元的部分，按照1%交纳",
                "超过100万元至200万元的部分，按照0.9%交纳",
                "超过200万元至500万元的部分，按照0.8%交纳",
                "超过500万元至1000万元的部分，按照0.7%交纳",
                "超过1000万元至2000万元的部分，按照0.6%交纳",
                "超过2000万元的部分，按照0.5%交纳",
                "离婚案件每件交纳50元至300元",
                "超过20万元的部分，按照0.5%交纳",
                "劳动争议案件每件交纳10元",
            ][..],
        ),
        ("诉讼费用交纳办法 第十六条", &["适用简易程序审理的案件减半交纳案件受理费"][..]),
        ("诉讼费用交纳办法 第十五条", &["减半交纳案件受理费"][..]),
        ("诉讼费用交纳办法 第四十六条", &["减交比例不得低于30%"][..]),
        (
            "工伤保险条例 第三十五条",
            &[
                "一级伤残为27个月",
                "二级伤残为25个月",
                "三级伤残为23个月",
                "四级伤残为21个月",
                "一级伤残为本人工资的90%",
                "二级伤残为本人工资的85%",
                "三级伤残为本人工资的80%",
                "四级伤残为本人工资的75%",
            ][..],
        ),
        ("工伤保险条例 第三十六条", &["五级伤残为18个月", "六级伤残为16个月", "五级伤残为本人工资的70%", "六级伤残为本人工资的60%"][..]),
        ("工伤保险条例 第三十七条", &["七级伤残为13个月", "八级伤残为11个月", "九级伤残为9个月", "十级伤残为7个月"][..]),
        ("工伤保险条例 第六十四条", &["前12个月平均月缴费工资", "统筹地区职工平均工资300%", "统筹地区职工平均工资60%"][..]),
        ("工伤保险条例 第十七条", &["30日内", "1年内"][..]),
        (
            "劳动合同法 第四十七条",
            &[
                "每满一年支付一个月工资",
                "六个月以上不满一年的，按一年计算",
                "不满六个月的，向劳动者支付半个月工资",
                "三倍",
                "最高不超过十二年",
                "前十二个月的平均工资",
            ][..],
        ),
        ("劳动合同法 第八十七条", &["二倍"][..]),
        ("劳动法 第四十四条", &["百分之一百五十", "百分之二百", "百分之三百"][..]),
        ("民法典 第一百八十八条", &["诉讼时效期间为三年", "二十年"][..]),
        ("民法典 第二百零一条", &["开始的当日不计入，自下一日开始计算"][..]),
        ("民法典 第二百零二条", &["到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日"][..]),
        ("民法典 第二百零三条", &["法定休假日结束的次日", "二十四时"][..]),
        ("民法典 第一千零七十七条", &["三十日内"][..]),
        ("民法典 第一千二百五十九条", &["“以上”", "包括本数"][..]),
        ("劳动争议调解仲裁法 第二十七条", &["时效期间为一年", "中断", "中止"][..]),
        ("民事诉讼法 第一百七十一条", &["判决书送达之日起十五日内", "裁定书送达之日起十日内"][..]),
        ("民事诉讼法 第二百五十条", &["申请执行的期间为二年"][..]),
        ("民事诉讼法 第八十五条", &["期间开始的时和日，不计算在期间内", "法定休假日后的第一日"][..]),
    ] {
        let t = text(cite);
        for p in phrases {
            assert!(t.contains(p), "{cite} does not say `{p}`:\n{t}");
        }
    }
}
