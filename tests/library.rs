//! The statute library (`pocketlaw library`, `pocketlaw law …`) on the real statute pack: built
//! once per test binary (about 10 s in release), then queried through the binary, the way the
//! browser's worker will read it (root, then the pieces a query names). Skipped loudly without
//! the pack.

use pocketlaw_builder::library::collect;
use pocketlaw_builder::statutes::{parse_law_full, read_archive};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn pocketlaw(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pocketlaw")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// The library built from the whole pack, once; None without the pack.
pub(crate) fn library() -> Option<&'static Path> {
    static LIB: OnceLock<Option<PathBuf>> = OnceLock::new();
    LIB.get_or_init(|| {
        let pack = crate::statute_pack("library: the statute library")?;
        // A fixed folder under the target directory: each run replaces the last one's files.
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("library");
        let (code, stdout, err) = pocketlaw(&["library", "--out", out.to_str()?, "--statutes", pack.to_str()?, "--no-brotli"]);
        assert_eq!(code, 0, "{err}");
        assert!(stdout.contains("left out: the provinces' local regulations"), "{stdout}");
        Some(out)
    })
    .as_deref()
}

fn search(q: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let dir = library().unwrap().to_str().unwrap();
    let mut args = vec!["law", "search", q, "--library", dir, "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = pocketlaw(&args);
    assert_eq!(code, 0, "{q}: {err}");
    serde_json::from_str::<Vec<serde_json::Value>>(&out).unwrap_or_else(|e| panic!("{q}: not JSON ({e}): {out}"))
}

#[test]
fn article_references_answer_the_article_first() {
    if library().is_none() {
        return;
    }
    for (q, law, article) in [
        ("劳动合同法 第47条", "劳动合同法", "第四十七条"),
        ("劳动合同法第四十七条", "劳动合同法", "第四十七条"),
        ("民法典1079", "民法典", "第一千零七十九条"),
        ("刑法 第二百七十六条之一", "刑法", "第二百七十六条之一"),
        ("刑法第276条之1", "刑法", "第二百七十六条之一"),
        ("《中华人民共和国劳动法》第五十条", "劳动法", "第五十条"),
    ] {
        let hits = search(q, &[]);
        assert_eq!(hits[0]["law"], law, "{q}: {hits:#?}");
        assert_eq!(hits[0]["article"], article, "{q}: {hits:#?}");
        for key in ["law", "article", "title", "snippet", "score"] {
            assert!(hits[0].get(key).is_some(), "{q}: no {key}");
        }
    }
    let one = search("第47条", &["--law", "劳动合同法"]);
    assert_eq!(one[0]["title"], "《劳动合同法》第四十七条");
}

#[test]
fn a_law_name_answers_the_law_with_its_status() {
    if library().is_none() {
        return;
    }
    let hits = search("劳动法", &[]);
    assert_eq!(hits[0]["law"], "劳动法");
    assert!(hits[0]["article"].is_null(), "the law itself first: {hits:#?}");
    assert_eq!(hits[0]["status"], "现行有效");
    assert_eq!(hits[1]["article"], "第一条");
    // Repealed by 民法典 第一千二百六十条, though the pack has no text of it.
    for name in ["婚姻法", "合同法", "民法通则", "中华人民共和国继承法"] {
        let hits = search(name, &[]);
        assert!(hits[0]["status"].as_str().unwrap().contains("已废止，由民法典取代"), "{name}: {hits:#?}");
        assert!(hits[0]["snippet"].as_str().unwrap().contains("第一千二百六十条"), "{name}: {hits:#?}");
    }
    let hits = search("婚姻法 第三十二条", &[]);
    assert_eq!(hits[0]["status"], "已废止，由民法典取代");
}

#[test]
fn words_find_the_article_that_is_about_them() {
    if library().is_none() {
        return;
    }
    let hits = search("拒不支付劳动报酬", &["--limit", "10"]);
    let top3: Vec<String> = hits.iter().take(3).map(|h| h["title"].as_str().unwrap().to_string()).collect();
    assert!(top3.contains(&"《刑法》第二百七十六条之一".to_string()), "{top3:#?}");
    // A law filter keeps to the law.
    let hits = search("经济补偿", &["--law", "劳动合同法"]);
    assert!(!hits.is_empty() && hits.iter().all(|h| h["law"] == "劳动合同法"), "{hits:#?}");
    assert!(search("经济补偿", &["--law", "没有这部法"]).is_empty());
    // Whatever is typed, never an error.
    for q in ["", "？？？", "第", "劳动法2018年", "🙂", "第九千九百条"] {
        search(q, &[]);
    }
}

#[test]
fn a_text_without_articles_is_found_by_name_and_by_its_words() {
    if library().is_none() {
        return;
    }
    for name in ["刑法修正案（十一）", "中华人民共和国刑法修正案（十一）", "刑法修正案(十一)"] {
        let hits = search(name, &[]);
        assert_eq!(hits[0]["law"], "刑法修正案（十一）", "{name}: {hits:#?}");
        assert!(hits[0]["article"].is_null(), "{name}: the law itself first: {hits:#?}");
        assert_eq!(hits[1]["article"], "第1部分", "{name}: {hits:#?}");
    }
    // A phrase of its text (妨害安全驾驶, its point 二, 刑法 第一百三十三条之二).
    let hits = search("对行驶中的公共交通工具的驾驶人员使用暴力", &["--limit", "10"]);
    assert!(hits.iter().take(3).any(|h| h["law"] == "刑法修正案（十一）"), "{hits:#?}");
    let hits = search("驾驶人员使用暴力", &["--law", "刑法修正案（十一）"]);
    assert_eq!(hits[0]["title"], "《刑法修正案（十一）》第2部分", "{hits:#?}");
    // A decision (决定) of the Supreme People's Court, without articles, by name.
    let name = "最高人民法院关于修改《最高人民法院关于审理食品药品纠纷案件适用法律若干问题的规定》的决定";
    assert_eq!(search(name, &[])[0]["law"], name);
}

#[test]
fn the_current_version_comes_before_the_superseded_one() {
    if library().is_none() {
        return;
    }
    let hits = search("行政复议法", &[]);
    assert_eq!(hits[0]["law"], "行政复议法");
    assert_eq!(hits[0]["status"], "现行有效");
    assert_eq!(hits[1]["law"], "行政复议法(2017-09-01)");
    assert_eq!(hits[1]["status"], "已被修订（2023-09-01 版现行有效）");
    // An article number goes to the current version; the old one is reachable by its id.
    assert_eq!(search("行政复议法 第1条", &[])[0]["law"], "行政复议法");
    let old = search("第1条", &["--law", "行政复议法(2017-09-01)"]);
    assert_eq!(old[0]["law"], "行政复议法(2017-09-01)");
    // Words: an article of the current version ranks above the same article of the old one.
    let hits = search("行政复议 申请期限", &["--law", "行政复议法", "--limit", "20"]);
    let first_old = hits.iter().position(|h| h["law"] != "行政复议法").unwrap_or(usize::MAX);
    assert!(first_old > 0, "{hits:#?}");
}

#[test]
fn law_list_and_show() {
    let Some(dir) = library() else { return };
    let dir_s = dir.to_str().unwrap();
    let (code, out, err) = pocketlaw(&["law", "list", "--library", dir_s, "--json"]);
    assert_eq!(code, 0, "{err}");
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    // The national documents of the archive, counted here on their own: files under Laws/ but
    // not Laws/DLC/, one law per file name (民法典's parts are one), those with any text (with
    // articles or not; not the one guide that names a web page as its source), plus the laws
    // 民法典 repealed that have no text in the pack.
    let pack = crate::statute_pack("library: count").unwrap();
    let mut stems = BTreeSet::new();
    let mut civil = false;
    read_archive(
        &pack.join("all-laws.tar.gz"),
        |_| true,
        |f, text| {
            let Ok(text) = text else { return };
            let parsed = parse_law_full(&text);
            if parsed.articles.is_empty() && parsed.loose.is_empty() {
                return;
            }
            let header = text.find(concat!("<!-- INFO", " END -->")).map_or("", |i| &text[..i]);
            if header.contains("https://") {
                return;
            }
            if f.category == "民法典" {
                civil = true;
            } else {
                stems.insert(f.stem.clone());
            }
        },
    )
    .unwrap();
    let repealed_without_text = list.iter().filter(|l| l["state"] == "repealed" && l["articles"] == 0).count();
    assert_eq!(repealed_without_text, 9, "民法典 第一千二百六十条 names nine laws, none in the pack");
    assert_eq!(list.len(), stems.len() + usize::from(civil) + repealed_without_text);
    let ids: BTreeSet<&str> = list.iter().map(|l| l["law"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), list.len(), "ids are unique");
    for l in &list {
        for key in ["law", "date", "status", "articles"] {
            assert!(l.get(key).is_some(), "{l}");
        }
    }
    let superseded = list.iter().filter(|l| l["state"] == "superseded").count();
    assert!((70..=90).contains(&superseded), "about 80 laws in several versions: {superseded}");
    // show: the table of contents and the text, or one article.
    let (code, out, err) = pocketlaw(&["law", "show", "民法典", "--article", "1079", "--library", dir_s, "--json"]);
    assert_eq!(code, 0, "{err}");
    let a: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(a["article"], "第一千零七十九条");
    assert!(a["text"].as_str().unwrap().contains("离婚"));
    let (code, out, err) = pocketlaw(&["law", "show", "刑法", "--library", dir_s, "--json"]);
    assert_eq!(code, 0, "{err}");
    let law: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(law["toc"][0]["title"], "第一编 总则");
    assert_eq!(law["toc"][0]["children"][0]["articles"][0], "第一条");
    assert!(law["text"].as_array().unwrap().len() > 450);
    // Texts without articles (刑法修正案, 决定, 批复 in points) are listed, in parts.
    let without: Vec<&serde_json::Value> = list.iter().filter(|l| l["parts"].as_u64().unwrap_or(0) > 0).collect();
    assert!(without.len() >= 80, "about 90 documents without articles: {}", without.len());
    assert!(without.iter().all(|l| l["articles"] == 0 && l["state"] != "repealed"), "{without:#?}");
    let eleven = list.iter().find(|l| l["law"] == "刑法修正案（十一）").expect("刑法修正案（十一） is listed");
    assert_eq!(eleven["status"], "现行有效");
    assert!(eleven["parts"].as_u64().unwrap() > 40, "{eleven}");
    let (code, out, err) = pocketlaw(&["law", "show", "刑法修正案（十一）", "--article", "第1部分", "--library", dir_s, "--json"]);
    assert_eq!(code, 0, "{err}");
    let a: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(a["text"].as_str().unwrap().starts_with("一、将刑法第十七条修改为"), "{a}");
    let (code, _, err) = pocketlaw(&["law", "show", "没有这部法", "--library", dir_s]);
    assert_ne!(code, 0);
    assert!(err.contains("no law named"), "{err}");
}

#[test]
fn a_missing_library_says_how_to_build_it() {
    let (code, _, err) = pocketlaw(&["law", "search", "劳动法", "--library", "/nonexistent/pl-library"]);
    assert_ne!(code, 0);
    assert!(err.contains("pocketlaw library --out"), "{err}");
}

#[test]
fn a_malformed_law_file_is_reported_and_skipped() {
    let dir = std::env::temp_dir().join(format!("pl-library-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let cat = dir.join("社会法");
    std::fs::create_dir_all(&cat).unwrap();
    let head = concat!("# 中华人民共和国测试法\n\n2020年1月1日通过\n\n<!-- INFO", " END -->\n\n## 第一章 总则\n\n");
    std::fs::write(cat.join("测试法(2020-01-01).md"), format!("{head}第一条 为了测试，制定本法。\n\n第二条 工资应当按月支付。\n")).unwrap();
    std::fs::write(cat.join("空法(2020-01-01).md"), head).unwrap();
    let decision = head.replace("中华人民共和国测试法", "关于测试的决定");
    std::fs::write(cat.join("关于测试的决定(2020-01-01).md"), format!("{decision}一、只有说明，没有条文。\n\n二、第二点，关于加班。\n"))
        .unwrap();
    std::fs::write(cat.join("坏法(2020-01-01).md"), [0xffu8, 0xfe, 0x00, 0x23]).unwrap();
    let lib = collect(&dir).unwrap();
    assert_eq!(lib.laws.len(), 2, "the law, and the decision without articles");
    let problems: Vec<String> = lib.problems.iter().map(|p| format!("{}: {}", p.path, p.message)).collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("空法(2020-01-01).md") && p.contains("no text")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("坏法(2020-01-01).md") && p.contains("not UTF-8")), "{problems:#?}");
    // The command builds the rest and says what it skipped.
    let out = dir.join("out");
    let (code, stdout, err) = pocketlaw(&["library", "--statutes", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("skipped") && err.contains("空法(2020-01-01).md"), "{err}");
    assert!(stdout.contains("2 laws"), "{stdout}");
    let hits = {
        let (code, o, e) = pocketlaw(&["law", "search", "工资", "--library", out.to_str().unwrap(), "--json"]);
        assert_eq!(code, 0, "{e}");
        serde_json::from_str::<Vec<serde_json::Value>>(&o).unwrap()
    };
    assert_eq!(hits[0]["title"], "《测试法》第二条");
    let (code, o, e) = pocketlaw(&["law", "search", "加班", "--library", out.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{e}");
    assert_eq!(serde_json::from_str::<Vec<serde_json::Value>>(&o).unwrap()[0]["title"], "《关于测试的决定》第2部分");
    let _ = std::fs::remove_dir_all(&dir);
}
