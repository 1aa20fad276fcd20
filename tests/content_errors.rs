//! A content mistake fails the build with `file:line: what is wrong`. Each case copies the valid
//! fixture folder, applies one edit and checks the diagnostic. See tests/README.md.

use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        let t = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

/// Copies the fixture to a fresh folder and applies each edit (file, find, replace; an empty
/// `find` writes the whole file, which may be new). The caller compiles it and removes the folder.
pub(crate) fn edited_fixture(edits: &[(&str, &str, &str)]) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("pl-fixture-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&fixture(), &dir);
    for (file, find, replace) in edits {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let edited = if find.is_empty() { replace.to_string() } else { text.replacen(find, replace, 1) };
        assert_ne!(text, edited, "the edit to {file} changed nothing");
        std::fs::write(&path, edited).unwrap();
    }
    dir
}

/// Compiles the fixture with the edits and returns every diagnostic as `file:line: message`.
fn compile_edited(edits: &[(&str, &str, &str)], pack: Option<&Path>) -> Vec<String> {
    let dir = edited_fixture(edits);
    let result = pocketlaw_builder::compile(&dir, pack);
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(_) => Vec::new(),
        Err(d) => d.0.iter().map(|d| d.to_string()).collect(),
    }
}

fn diagnostics_after(file: &str, find: &str, replace: &str) -> Vec<String> {
    compile_edited(&[(file, find, replace)], None)
}

fn check(file: &str, find: &str, replace: &str, expected: &str) {
    let diags = diagnostics_after(file, find, replace);
    assert!(diags.iter().any(|d| d.contains(expected)), "expected a diagnostic containing `{expected}`, got {diags:#?}");
}

const G: &str = "guides/wage-arrears/wage-guide.md";
const F: &str = "faq/wage-arrears/faq-boss-ran.md";
const Q: &str = "quiz/2026-01/01.md";

#[test]
fn the_fixture_itself_compiles() {
    let data = pocketlaw_builder::compile(&fixture(), None).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(data.catalog.docs.len(), 4);
}

#[test]
fn missing_field() {
    check(G, "topic = \"wage-arrears\"\n", "", "guides/wage-arrears/wage-guide.md:2: missing field `topic`");
}

#[test]
fn unknown_field() {
    check(G, "reviewed = 2026-11-29", "reviewed = 2026-11-29\nauthor = \"x\"", "wage-guide.md:7: unknown field `author`");
}

#[test]
fn unknown_topic() {
    check(G, "topic = \"wage-arrears\"", "topic = \"wages\"", "wage-guide.md:4: unknown topic `wages`");
}

#[test]
fn duplicate_id() {
    check(
        F,
        "id = \"faq-boss-ran\"",
        "id = \"wage-guide\"",
        "guides/wage-arrears/wage-guide.md:2: duplicate id `wage-guide`: also used by faq/wage-arrears/faq-boss-ran.md:2",
    );
}

#[test]
fn broken_internal_link() {
    check(G, "(doc:faq-boss-ran)", "(doc:faq-nobody)", "wage-guide.md:33: broken link: no document with id `faq-nobody`");
    check(G, "(dir:county-legal-aid-center)", "(dir:nowhere)", "wage-guide.md:21: broken link: no directory entry `nowhere`");
}

#[test]
fn malformed_citation() {
    check(
        G,
        "\"劳动争议调解仲裁法 第二十七条\"",
        "\"劳动争议调解仲裁法 二十七\"",
        "wage-guide.md:7: citation `劳动争议调解仲裁法 二十七` has no article",
    );
    check(F, "第三十条）", "第三十）", "faq-boss-ran.md:10: citation `《保障农民工工资支付条例》第三十` must end with 条");
}

#[test]
fn missing_guide_section() {
    check(G, "## 别错过的期限\n\n一年。\n\n", "", "wage-guide.md:27: missing section `## 别错过的期限` before `## 相关问答`");
}

#[test]
fn guide_must_open_with_an_answer() {
    check(
        G,
        "老板拖欠劳动报酬，可以先投诉，再申请仲裁（《劳动争议调解仲裁法》第二十七条）。\n\n",
        "",
        "wage-guide.md:9: a guide opens with a one-paragraph answer",
    );
}

#[test]
fn external_links_and_html_are_refused() {
    check(G, "仲裁不收费。", "仲裁不收费，见[网页](https://example.com)。", "wage-guide.md:25: link `https://example.com`");
    check(G, "仲裁不收费。", "<b>仲裁不收费</b>", "wage-guide.md:25: raw HTML is not allowed");
}

#[test]
fn faq_must_name_an_existing_guide() {
    check(F, "guide = \"wage-guide\"", "guide = \"no-such-guide\"", "faq-boss-ran.md:6: guide `no-such-guide` does not exist");
}

#[test]
fn quiz_answer_outside_options() {
    check(Q, "answer = [1]", "answer = [3]", "quiz/2026-01/01.md:9: answer 3 points outside the 3 options");
}

#[test]
fn quiz_duplicate_and_count_of_options() {
    check(
        Q,
        "options = [\"半年\", \"一年\", \"两年\"]",
        "options = [\"半年\", \"半年\", \"两年\"]",
        "01.md:8: option `半年` is listed twice",
    );
    check(Q, "options = [\"半年\", \"一年\", \"两年\"]", "options = [\"一年\"]", "01.md:8: a quiz question has 2 to 6 options, not 1");
}

#[test]
fn quiz_missing_explanation() {
    check(Q, "一年（《劳动争议调解仲裁法》第二十七条）。\n", "", "01.md:14: the body is empty");
}

#[test]
fn front_matter_not_closed() {
    check(F, "+++\n可以", "可以", "faq-boss-ran.md:1: front matter is not closed");
}

#[test]
fn lexicon_line_without_mapping() {
    check("lexicon/a.txt", "散伙 = 离婚", "散伙离婚", "lexicon/a.txt:2: `散伙离婚` has no `=`");
}

#[test]
fn directory_contact_needs_verification() {
    check(
        "directory.toml",
        "source = \"测试\"",
        "source = \"测试\"\nphone = \"0839-0000000\"",
        "directory.toml:10: `county-legal-aid-center` has a phone",
    );
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let both = compile_edited(&[(G, "topic = \"wage-arrears\"", "topic = \"nope\""), (Q, "answer = [1]", "answer = [9]")], None);
    assert!(both.iter().any(|d| d.contains("unknown topic `nope`")), "{both:?}");
    assert!(both.iter().any(|d| d.contains("answer 9 points outside")), "{both:?}");
}

#[test]
fn unresolved_citation_with_the_statute_pack() {
    let Some(pack) = crate::statute_pack("content_errors: unresolved citation") else { return };
    let diags = compile_edited(&[(F, "第三十条\"", "第九百条\"")], Some(&pack));
    assert!(
        diags.iter().any(|d| d.contains("faq-boss-ran.md:8: citation 《保障农民工工资支付条例》第九百条 does not resolve")),
        "{diags:#?}"
    );
}

const N: &str = "notices/songfa.md";
const NOTICE: &str = "+++\nid = \"songfa\"\ntitle = \"送法下乡\"\ndate = 2026-11-20\nexpires = 2026-12-31\n+++\n\n司法所来村里解答问题。见[讨薪指南](doc:wage-guide)。\n";

#[test]
fn notices_compile_newest_first_and_the_example_file_is_not_built() {
    let example = include_str!("../content/notices/_example.md");
    let older = NOTICE.replace("songfa", "older").replace("2026-11-20", "2026-01-02").replace("expires = 2026-12-31\n", "");
    let dir = edited_fixture(&[(N, "", NOTICE), ("notices/older.md", "", &older), ("notices/_example.md", "", example)]);
    let data = pocketlaw_builder::compile(&dir, None).unwrap_or_else(|d| panic!("{d}"));
    let _ = std::fs::remove_dir_all(&dir);
    let n = &data.catalog.notices;
    assert_eq!(n.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), vec!["songfa", "older"], "the example is not built");
    assert_eq!((n[0].date.as_str(), n[0].expires.as_deref()), ("2026-11-20", Some("2026-12-31")));
    assert!(n[0].html.contains("href=\"/doc/wage-guide\""));
    assert_eq!(n[1].expires, None);
    // The example file is a valid notice once it is copied under a name of its own.
    let dir = edited_fixture(&[("notices/example-notice.md", "", example)]);
    let data = pocketlaw_builder::compile(&dir, None).unwrap_or_else(|d| panic!("the example does not compile: {d}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(data.catalog.notices[0].title.starts_with("【示例】"));
}

#[test]
fn notice_mistakes_are_reported_with_their_line() {
    let cases = [
        (
            "expires = 2026-12-31",
            "expires = 2026-11-01",
            "notices/songfa.md:5: expires (2026-11-01) is before the notice's date (2026-11-20)",
        ),
        ("date = 2026-11-20", "date = 2026-11-20T08:00:00", "notices/songfa.md:4: date must be a date like 2026-12-01"),
        ("title = \"送法下乡\"", "title = \"送法下乡\"\nplace = \"村委会\"", "notices/songfa.md:4: unknown field `place`"),
        ("(doc:wage-guide)", "(doc:nowhere)", "notices/songfa.md:8: broken link: no document with id `nowhere`"),
        ("id = \"songfa\"", "id = \"Song Fa\"", "notices/songfa.md:2: id `Song Fa` must be lower-case"),
        ("司法所来村里解答问题。见[讨薪指南](doc:wage-guide)。\n", "\n", "notices/songfa.md:7: the notice has no text"),
    ];
    for (find, replace, expected) in cases {
        let diags = compile_edited(&[(N, "", NOTICE), (N, find, replace)], None);
        assert!(diags.iter().any(|d| d.contains(expected)), "expected `{expected}`, got {diags:#?}");
    }
}

const FORM: &str = "forms/arbitration.toml";

#[test]
fn the_fixture_form_compiles_and_ships() {
    let data = pocketlaw_builder::compile(&fixture(), None).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(data.catalog.forms.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), vec!["arbitration"]);
    let form = &data.forms.forms[0];
    assert!(form.handin_html.contains("href=\"/doc/wage-guide\""), "{}", form.handin_html);
    assert!(form.handin_html.contains("cite-mark"), "the citation bracket becomes a mark: {}", form.handin_html);
    assert_eq!(form.citations.len(), 1);
}

#[test]
fn form_mistakes_are_reported_with_their_line() {
    let cases = [
        ("请求：支付工资{{amount}}元", "请求：支付工资{{amout}}元", "forms/arbitration.toml:32: template: unknown placeholder `{{amout}}`"),
        ("{{amount|daxie}}", "{{name|daxie}}", "forms/arbitration.toml:32: template: filter `daxie` does not fit `name`, a text question"),
        ("{{amount|daxie}}", "{{amount|upper}}", "forms/arbitration.toml:32: template: unknown filter `upper`"),
        ("? 　　{{facts}}", "? 　　事实", "forms/arbitration.toml:21: question `facts` is never used in the template"),
        ("kind = \"money\"", "kind = \"number\"", "forms/arbitration.toml:15: question `amount`: unknown kind `number`"),
        ("id = \"amount\"", "id = \"name\"", "forms/arbitration.toml:15: duplicate question id `name`"),
        (
            "help = \"按时间顺序写。\"",
            "help = \"按时间顺序写。\"\nwhen = { question = \"name\", is = [\"张三\"] }",
            "forms/arbitration.toml:21: question `facts`: `when` must name a choice question",
        ),
        ("(doc:wage-guide)", "(form:nowhere)", "forms/arbitration.toml:37: broken link: no form `nowhere`"),
        ("(doc:wage-guide)", "(doc:nowhere)", "forms/arbitration.toml:37: broken link: no document with id `nowhere`"),
        (
            "where = [\"county-legal-aid-center\"]",
            "where = [\"nowhere\"]",
            "forms/arbitration.toml:6: `where`: no directory entry `nowhere`",
        ),
        (
            "第二十八条）。\n- 先看",
            "第二十八）。\n- 先看",
            "forms/arbitration.toml:36: citation `《劳动争议调解仲裁法》第二十八` must end with 条",
        ),
        ("topic = \"wage-arrears\"", "topic = \"wages\"", "forms/arbitration.toml:1: unknown topic `wages`"),
        ("reviewed = 2026-11-29", "reviewed = 2026-11-29\nauthor = \"x\"", "forms/arbitration.toml:5: unknown field `author`"),
    ];
    for (find, replace, expected) in cases {
        let diags = compile_edited(&[(FORM, find, replace)], None);
        assert!(diags.iter().any(|d| d.contains(expected)), "expected `{expected}`, got {diags:#?}");
    }
}

#[test]
fn a_guide_may_link_to_a_form_and_a_broken_form_link_fails() {
    let ok = compile_edited(&[(G, "仲裁不收费。", "仲裁不收费，可以用[申请书](form:arbitration)。")], None);
    assert!(ok.is_empty(), "{ok:#?}");
    check(G, "仲裁不收费。", "仲裁不收费，见[申请书](form:no-such-form)。", "wage-guide.md:25: broken link: no form `no-such-form`");
}

#[test]
fn an_unresolved_form_citation_with_the_statute_pack() {
    let Some(pack) = crate::statute_pack("content_errors: unresolved form citation") else { return };
    let diags = compile_edited(&[(FORM, "第二十八条）。\n- 先看", "第九百条）。\n- 先看")], Some(&pack));
    assert!(
        diags.iter().any(|d| d.contains("forms/arbitration.toml:36: citation 《劳动争议调解仲裁法》第九百条 does not resolve")),
        "{diags:#?}"
    );
}
