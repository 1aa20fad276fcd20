//! The `pocketlaw` binary, as a user or a script runs it.

use std::io::Write;
use std::process::{Command, Stdio};

fn pocketlaw(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pocketlaw"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn search_json_has_the_documented_fields() {
    let (code, out, err) = pocketlaw(&["search", "老板不给工钱", "--limit", "5", "--json"], None);
    assert_eq!(code, 0, "{err}");
    let hits = json(&out);
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5);
    for h in hits {
        for key in ["id", "kind", "topic", "title", "score", "snippet"] {
            assert!(h.get(key).is_some(), "missing {key} in {h}");
        }
    }
    assert_eq!(hits[0]["topic"], "wage-arrears");
}

#[test]
fn kind_filter_and_bad_flags() {
    let (_, out, _) = pocketlaw(&["search", "工伤", "--kind", "quiz", "--json"], None);
    let hits = json(&out);
    assert!(hits.as_array().unwrap().iter().all(|h| h["kind"] == "quiz"));
    assert!(!hits.as_array().unwrap().is_empty());
    let (code, _, err) = pocketlaw(&["search", "工伤", "--kind", "law"], None);
    assert_ne!(code, 0);
    assert!(err.contains("--kind"));
}

#[test]
fn batch_gives_one_array_per_line() {
    let (code, out, _) = pocketlaw(&["search", "--batch", "--json", "--limit", "3"], Some("离婚\n\n\"AND(\n赡养费\n"));
    assert_eq!(code, 0);
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    for l in &lines {
        assert!(json(l).as_array().unwrap().len() <= 3);
    }
    assert!(json(lines[1]).as_array().unwrap().is_empty());
}

#[test]
fn catalog_covers_every_topic_and_resolves_citations() {
    let (code, out, _) = pocketlaw(&["catalog", "--json"], None);
    assert_eq!(code, 0);
    let docs = json(&out);
    let docs = docs.as_array().unwrap();
    let topics: std::collections::BTreeSet<&str> = docs.iter().map(|d| d["topic"].as_str().unwrap()).collect();
    assert_eq!(topics.len(), 27);
    for d in docs {
        for key in ["id", "kind", "topic", "title", "citations", "reviewed"] {
            assert!(d.get(key).is_some(), "{key} missing");
        }
        assert!(!d["citations"].as_array().unwrap().is_empty(), "{} cites nothing", d["id"]);
    }
    if crate::statute_pack("cli: every citation resolves").is_some() {
        let unresolved: Vec<_> = docs
            .iter()
            .flat_map(|d| {
                d["citations"].as_array().unwrap().iter().filter(|c| c["resolved"] != true).map(move |c| format!("{}: {c}", d["id"]))
            })
            .collect();
        assert!(unresolved.is_empty(), "{unresolved:#?}");
    }
}

#[test]
fn check_reports_file_and_line_for_broken_content() {
    let dir = std::env::temp_dir().join(format!("pl-cli-broken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let status = Command::new("cp").arg("-r").arg(&src).arg(&dir).status().unwrap();
    assert!(status.success());
    let f = dir.join("faq/wage-arrears/faq-boss-ran.md");
    let t = std::fs::read_to_string(&f).unwrap().replace("topic = \"wage-arrears\"", "topic = \"nowhere\"");
    std::fs::write(&f, t).unwrap();
    let (code, _, err) = pocketlaw(&["check", "--content", dir.to_str().unwrap(), "--statutes", "none"], None);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 1);
    assert!(err.contains("faq/wage-arrears/faq-boss-ran.md:4: unknown topic `nowhere`"), "{err}");
}

#[test]
fn check_passes_on_the_shipped_content() {
    let (code, out, err) = pocketlaw(&["check"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ok:"));
}

#[test]
fn quiz_list_has_twelve_months_of_ten() {
    let (code, out, err) = pocketlaw(&["quiz", "--list", "--json"], None);
    assert_eq!(code, 0, "{err}");
    let months = json(&out);
    let months = months.as_array().unwrap();
    assert!(months.len() >= 12);
    for m in months {
        assert!(m["questions"].as_u64().unwrap() >= 10, "{m}");
    }
    let (code, out, _) = pocketlaw(&["quiz", "2026-01", "--json"], None);
    assert_eq!(code, 0);
    let qs = json(&out);
    assert!(qs.as_array().unwrap().iter().all(|q| q["quiz"]["answer"].as_array().is_some_and(|a| !a.is_empty())));
}

#[test]
fn tree_commands() {
    let (code, out, _) = pocketlaw(&["tree", "--list", "--json"], None);
    assert_eq!(code, 0);
    assert!(json(&out).as_array().unwrap().len() >= 6);
    let (code, out, _) = pocketlaw(&["tree", "legal-aid-eligibility", "--diagram"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("flowchart TD") && out.contains("-->"));
    let (code, out, _) = pocketlaw(&["tree", "legal-aid-eligibility", "--json"], None);
    assert_eq!(code, 0);
    let t = json(&out);
    assert!(t["questions"][0]["options"][0]["next"].is_string());
    assert!(t["outcomes"][0]["materials"].is_array());
    let (_, out, _) = pocketlaw(&["tree", "legal-aid-eligibility", "--answers", "1.0.0"], None);
    assert_eq!(json(&out)["at"]["outcome"]["id"], "yes-migrant-worker");
    let (code, _, err) = pocketlaw(&["tree", "no-such-tree"], None);
    assert_ne!(code, 0);
    assert!(err.contains("no tree"));
}

/// `pocketlaw site` with stand-in wasm-bindgen output (the real one needs the wasm build).
fn site_with_app(tag: &str, wasm: &[u8]) -> std::path::PathBuf {
    let base = std::env::temp_dir().join(format!("pl-site-{}-{tag}", std::process::id()));
    let (app, out) = (base.join("app"), base.join("out"));
    std::fs::create_dir_all(&app).unwrap();
    std::fs::write(app.join("pocketlaw_app.js"), "export default function init() {}").unwrap();
    std::fs::write(app.join("pocketlaw_app_bg.wasm"), wasm).unwrap();
    std::fs::write(app.join("pocketlaw_worker.js"), "var wasm_bindgen;").unwrap();
    std::fs::write(app.join("pocketlaw_worker_bg.wasm"), b"\0asm worker").unwrap();
    let (code, stdout, err) = pocketlaw(&["site", "--app", app.to_str().unwrap(), "--out", out.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("written to"), "{stdout}");
    out
}

#[test]
fn site_version_covers_the_app_code_and_the_precache_list_is_real() {
    let a = site_with_app("a", b"\0asm one");
    let b = site_with_app("b", b"\0asm two");
    let version = |dir: &std::path::Path| {
        let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
        sw.lines().find_map(|l| l.strip_prefix("const VERSION = \"").map(|v| v.trim_end_matches("\";").to_string())).unwrap()
    };
    // Same content, different app code: a new version, so the service worker updates atomically.
    assert_ne!(version(&a), version(&b));
    assert_eq!(version(&a), version(&site_with_app("a2", b"\0asm one")), "the version is reproducible");
    for dir in [&a, &b] {
        let report = json(&std::fs::read_to_string(dir.join("build.json")).unwrap());
        assert_eq!(report["version"], version(dir));
        let precache = report["precache"].as_array().unwrap();
        assert!(precache.len() > 40);
        for f in precache {
            let f = f.as_str().unwrap();
            assert!(dir.join(f.trim_start_matches('/')).is_file(), "{f} is precached but not in the site");
        }
        let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
        for f in report["first_paint"].as_array().unwrap().iter().filter_map(|f| f.as_str()).filter(|f| *f != "/index.html") {
            assert!(index.contains(f), "index.html does not name {f}");
        }
        assert!(!index.contains("{{"), "a template placeholder is left in index.html");
    }
    for tag in ["a", "b", "a2"] {
        let _ = std::fs::remove_dir_all(std::env::temp_dir().join(format!("pl-site-{}-{tag}", std::process::id())));
    }
}

/// Each route's static page is drawn by the app's own components (`pocketlaw_app::ssr`): the same
/// header, main and footer as the app, with the route's content, and nothing the template left.
#[test]
fn static_pages_are_drawn_by_the_apps_components() {
    let out = site_with_app("ssr", b"\0asm ssr");
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let catalog = json(&pocketlaw(&["catalog", "--json"], None).1);
    let boot = |html: &str| -> String {
        let start = html.find("<div id=\"boot\">").expect("a boot shell");
        html[start..html[start..].find("</div>\n<script>").map(|e| start + e).expect("the shell ends before the scripts")].to_string()
    };
    let home = boot(&read("index.html"));
    // The frame, once: the app's Header (name and hotline from the county), main, Footer.
    assert_eq!(home.matches("<header").count(), 1, "{home}");
    assert!(home.contains("<a href=\"#main\" class=\"skip\">跳到正文</a>"));
    assert!(home.contains(">掌上法律服务</a>"), "the app's name from the county configuration");
    assert!(home.contains("href=\"tel:12348\""));
    assert!(home.contains("data-boot-size=\"large\""), "the text-size buttons work before the app (pwa.js)");
    assert!(home.contains("本应用不收集任何个人信息"));
    assert!(home.contains("<noscript>"));
    // The home page: the box boot-search.js runs, then the app's sections.
    assert!(home.contains("id=\"boot-q\"") && home.contains("id=\"boot-status\""));
    let docs = catalog.as_array().unwrap();
    let topics: std::collections::BTreeSet<&str> = docs.iter().map(|d| d["topic"].as_str().unwrap()).collect();
    assert_eq!(home.matches("href=\"/topic/").count(), topics.len(), "every topic is listed once");
    assert!(home.contains("data-testid=\"topics\""));
    assert!(home.contains("href=\"/calc\"") && home.contains("href=\"/form\""));
    // A guide, whole: its title, body, the legal basis, the disclaimer with its date.
    let doc = docs.iter().find(|d| d["kind"] == "guide").unwrap();
    let (id, title) = (doc["id"].as_str().unwrap(), doc["title"].as_str().unwrap());
    let page = boot(&read(&format!("doc/{id}/index.html")));
    assert!(page.contains(&format!("<h1>{title}</h1>")), "{page}");
    assert!(page.contains(&format!("href=\"/topic/{}\"", doc["topic"].as_str().unwrap())));
    assert!(page.contains("法律依据") && page.contains("data-testid=\"disclaimer\"") && page.contains("内容核对日期："));
    assert!(page.contains("class=\"body\""));
    // A topic lists its guides.
    let slug = doc["topic"].as_str().unwrap();
    assert!(boot(&read(&format!("topic/{slug}/index.html"))).contains(&format!("href=\"/doc/{id}\"")));
    // No template placeholder or unescaped text anywhere in the shells.
    for rel in ["index.html", "calc/index.html", "calc/court-fee/index.html", &format!("doc/{id}/index.html")] {
        let shell = boot(&read(rel));
        assert!(!shell.contains("{{"), "{rel}");
        assert!(!shell.contains("<script"), "{rel}: no script inside the shell");
    }
    let _ = std::fs::remove_dir_all(std::env::temp_dir().join(format!("pl-site-{}-ssr", std::process::id())));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // `pocketlaw catalog --json | head -c 1`: the reader goes away; no panic, no backtrace.
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_pocketlaw"))
        .args(["catalog", "--json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut one = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut one).unwrap();
    // stdout is dropped here: the pipe is closed with most of the catalog unwritten.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked") && !err.contains("backtrace"), "{err}");
}

#[test]
fn calc_court_fee_json() {
    // The issue's check: 50 + (50000 − 10000) × 2.5% = 50 + 1000 = 1050; simplified procedure 1050 ÷ 2 = 525.
    let (code, out, err) = pocketlaw(&["calc", "court-fee", "amount=50000", "--json"], None);
    assert_eq!(code, 0, "{err}");
    let r = json(&out);
    assert_eq!(r["figures"][0]["key"], "fee");
    assert_eq!(r["figures"][0]["value"]["yuan"], "1050");
    assert_eq!(r["figures"][0]["value"]["fen"], 105_000);
    assert_eq!(r["figures"][1]["key"], "fee_simplified");
    assert_eq!(r["figures"][1]["value"]["yuan"], "525");
    assert!(r["citations"].as_array().unwrap().iter().any(|c| c["cite"] == "《诉讼费用交纳办法》第十三条"));
    // Human-readable by default.
    let (code, out, _) = pocketlaw(&["calc", "court-fee", "amount=50000"], None);
    assert_eq!(code, 0);
    assert!(out.contains("案件受理费：1050 元") && out.contains("525 元") && out.contains("12348"), "{out}");
}

#[test]
fn calc_bad_input_exits_2_with_the_field() {
    let (code, out, err) = pocketlaw(&["calc", "court-fee", "amount=-50000"], None);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "no result for bad input: {out}");
    assert!(err.contains("amount: 不能是负数"), "{err}");
    let (code, out, _) = pocketlaw(&["calc", "court-fee", "amount=abc", "--json"], None);
    assert_eq!(code, 2);
    assert_eq!(json(&out)["errors"][0]["key"], "amount");
    let (code, _, err) = pocketlaw(&["calc", "deadline", "kind=limitation", "event_date=2025-02-30"], None);
    assert_eq!(code, 2);
    assert!(err.contains("event_date: 没有这一天"), "{err}");
    let (code, _, err) = pocketlaw(&["calc", "deadline", "kind=appeal-judgment", "event_date=2099-01-01"], None);
    assert_eq!(code, 2);
    assert!(err.contains("还没到"), "{err}");
    let (code, _, err) = pocketlaw(&["calc", "no-such-calculator"], None);
    assert_eq!(code, 2);
    assert!(err.contains("court-fee"), "{err}");
    let (code, _, err) = pocketlaw(&["calc", "court-fee", "50000"], None);
    assert_eq!(code, 2);
    assert!(err.contains("key=value"), "{err}");
}

#[test]
fn calc_list_and_deadline_calendar() {
    let (code, out, _) = pocketlaw(&["calc", "--list", "--json"], None);
    assert_eq!(code, 0);
    let ids: Vec<String> = json(&out).as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["deadline", "court-fee", "work-injury-disability", "severance", "overtime"]);
    // 2024-12-20 + 15 days = 2025-01-04 (a fixed `today` keeps the test stable).
    let (code, out, err) =
        pocketlaw(&["calc", "deadline", "kind=appeal-judgment", "event_date=2024-12-20", "today=2024-12-21", "--ics", "-"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("BEGIN:VCALENDAR\r\n") && out.contains("DTSTART;VALUE=DATE:20250104\r\n"), "{out}");
    let (code, out, _) = pocketlaw(&["calc", "deadline", "kind=appeal-judgment", "event_date=2024-12-20", "today=2024-12-21"], None);
    assert_eq!(code, 0);
    assert!(out.contains("对判决上诉的最后一天：2025年1月4日（星期六）") && out.contains("还有 14 天"), "{out}");
}

#[test]
fn form_list_and_the_finished_arbitration_text() {
    let (code, out, err) = pocketlaw(&["form", "--list", "--json"], None);
    assert_eq!(code, 0, "{err}");
    let list = json(&out);
    let ids: Vec<&str> = list.as_array().unwrap().iter().filter_map(|f| f["id"].as_str()).collect();
    for id in
        ["labor-arbitration", "civil-complaint-wages", "protection-order", "legal-aid", "mediation", "iou", "work-injury", "consultation"]
    {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let (code, out, err) =
        pocketlaw(&["form", "labor-arbitration", "--answers", "tests/fixtures/forms/labor-arbitration.json", "--text"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("劳动争议仲裁申请书\n"), "{out}");
    // The items of 劳动争议调解仲裁法 第二十八条, filled in from the answers.
    for want in [
        "申请人：张三，性别：男，年龄：45岁",
        "职业：钢筋工，工作单位：某某建筑劳务有限公司",
        "被申请人：某某建筑劳务有限公司",
        "法定代表人（主要负责人）：李四，职务：＿＿＿＿＿＿",
        "　　1. 支付拖欠的工资8000元；\n　　2. 支付未签书面劳动合同",
        "申请人自2024年3月1日起在被申请人处工作。",
        "证人姓名和住所：王五",
        "此致\n剑阁县劳动人事争议仲裁委员会",
    ] {
        assert!(out.contains(want), "missing `{want}` in\n{out}");
    }
}

#[test]
fn form_bad_answers_name_each_field_and_exit_2() {
    let answers =
        r#"{"lender": "张三", "lender_id": "110105194912310021", "amount": "-5", "paid_on": "2025-02-30", "how": "刷卡", "nmae": "x"}"#;
    let (code, out, err) = pocketlaw(&["form", "iou", "--answers", "-"], Some(answers));
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty(), "no document on bad answers: {out}");
    for want in [
        "nmae: 这份文书没有",
        "lender_id（出借人的身份证号）: 这个身份证号对不上",
        "amount（借多少钱？）: 不能是负数",
        "paid_on",
        "2025年2月只有28天",
        "how（钱怎么给？）: 请从这些里选一个",
        "borrower（",
        "不能空着",
    ] {
        assert!(err.contains(want), "missing `{want}` in\n{err}");
    }
    let (code, _, err) = pocketlaw(&["form", "no-such-form", "--answers", "tests/fixtures/forms/labor-arbitration.json"], None);
    assert_eq!(code, 2);
    assert!(err.contains("可以用的有"), "{err}");
    let (code, _, err) = pocketlaw(&["form", "iou", "--answers", "-"], Some("[1, 2]"));
    assert_eq!(code, 2);
    assert!(err.contains("JSON object"), "{err}");
}
