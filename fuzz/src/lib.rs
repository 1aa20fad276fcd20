//! The bodies of the fuzz targets: one plain function per target, `fn(&[u8])`, that must never
//! panic. `fuzz_targets/*.rs` hand them to libFuzzer (`cargo fuzz run`, see README.md);
//! `tests/fuzz_smoke.rs` compiles this same file as a module and runs every body on the seed
//! corpus and a few thousand pseudo-random inputs in the ordinary `cargo test`.
//!
//! Each body feeds one kind of outside input to the code that reads it, and checks what must hold
//! whatever the input: a content mistake is a diagnostic with a line inside its file, a query
//! returns hits or nothing, damaged shipped bytes are a typed error, stored progress survives a
//! save and a load. Setup (compiling the fixture or `content/`) happens once per process.

use pocketlaw_builder::load::{Source, Sources};
use pocketlaw_builder::SiteData;
use pocketlaw_engine::bundle::decode_json;
use pocketlaw_engine::calc;
use pocketlaw_engine::citation::{find_inline, normalize_law_name, parse_number, to_cn_number, Citation};
use pocketlaw_engine::contract::{Request, Response};
use pocketlaw_engine::model::{home_notices, Catalog, DocKind, Notice, QuizBank, QuizData, QuizType, SearchRequest, TopicChunk};
use pocketlaw_engine::quiz::{self, Loaded, Progress, PROGRESS_VERSION};
use pocketlaw_engine::search::pieces::{piece_name, IndexFiles};
use pocketlaw_engine::search::{SearchEngine, Step, MAX_LIMIT};
use pocketlaw_engine::text::{normalize, tokenize};
use pocketlaw_engine::tree::{decode_answers, encode_answers, Node, Tree, TreeSet};
use pocketlaw_engine::worker::{Config, Effect, Host};
use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The names of the targets, in the order of the README's table.
pub const TARGETS: [&str; 8] =
    ["content_compile", "tree_answers", "quiz_progress", "search_bundle", "search_query", "calc_fields", "citation", "worker_messages"];

/// Runs the body of the target named `name`.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "content_compile" => content_compile(data),
        "tree_answers" => tree_answers(data),
        "quiz_progress" => quiz_progress(data),
        "search_bundle" => search_bundle(data),
        "search_query" => search_query(data),
        "calc_fields" => calc_fields(data),
        "citation" => citation(data),
        "worker_messages" => worker_messages(data),
        other => panic!("no fuzz target named {other}"),
    }
}

/// The repository root, whether this file is compiled by the fuzz crate or by the test binary.
pub fn repo_root() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if dir.ends_with("fuzz") {
        dir.parent().map(PathBuf::from).unwrap_or(dir)
    } else {
        dir
    }
}

/// The content the fuzzer mutates: `tests/fixtures/mini` plus `fuzz/extra` (a tree and a notice,
/// which the fixture lacks), read once. It compiles without a diagnostic.
pub fn fixture_sources() -> &'static Sources {
    static S: OnceLock<Sources> = OnceLock::new();
    S.get_or_init(|| {
        let root = repo_root();
        let mut s = pocketlaw_builder::load::load(&root.join("tests/fixtures/mini")).expect("tests/fixtures/mini");
        let extra = pocketlaw_builder::load::load(&root.join("fuzz/extra")).expect("fuzz/extra");
        s.files.extend(extra.files);
        s.files.sort_by(|a, b| a.path.cmp(&b.path));
        s
    })
}

/// The fuzz fixture, compiled once.
pub fn fixture_site() -> &'static SiteData {
    static S: OnceLock<SiteData> = OnceLock::new();
    S.get_or_init(|| pocketlaw_builder::compile_sources(fixture_sources(), None).unwrap_or_else(|d| panic!("the fuzz fixture: {d}")))
}

/// The real `content/`, compiled once (without the statute pack: the trees and the index do not
/// depend on it).
pub fn real_site() -> &'static SiteData {
    static S: OnceLock<SiteData> = OnceLock::new();
    S.get_or_init(|| pocketlaw_builder::compile(&repo_root().join("content"), None).unwrap_or_else(|d| panic!("content/: {d}")))
}

/// The real index, every piece loaded (what the CLI searches).
pub fn real_engine() -> &'static SearchEngine {
    static E: OnceLock<SearchEngine> = OnceLock::new();
    E.get_or_init(|| SearchEngine::from_bundle_bytes(&real_site().search.encode_bundle()).expect("the real index opens"))
}

// ---------------------------------------------------------------------------------------------
// content_compile

/// First byte: which fixture file to replace (below 128), or (128 and above) a new file whose path
/// is the first line. The rest is the file's text. The compile must give site data or
/// diagnostics, each with a line inside the file it names, and never panic.
pub fn content_compile(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else { return };
    let mut sources = fixture_sources().clone();
    let text = String::from_utf8_lossy(rest).replace("\r\n", "\n");
    if pick < 128 {
        let i = usize::from(pick) % sources.files.len();
        sources.files[i].text = text;
    } else {
        let (path, body) = text.split_once('\n').unwrap_or((&text, ""));
        // What `load::load` can produce: a relative path of named parts, a content extension.
        let ok_ext = [".md", ".toml", ".txt"].iter().any(|e| path.ends_with(e));
        let ok_parts = path.split('/').all(|p| !p.is_empty() && !p.starts_with('.') && !p.starts_with('_') && !p.contains('\0'));
        if !ok_ext || !ok_parts || path.ends_with("README.md") {
            return;
        }
        sources.files.retain(|s| s.path != path);
        sources.files.push(Source { path: path.to_string(), text: body.to_string() });
        sources.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    check_compile(&sources);
}

fn check_compile(sources: &Sources) {
    match pocketlaw_builder::compile_sources(sources, None) {
        Ok(site) => {
            // What was built must load: the index opens and answers, the trees walk, the
            // catalog survives its JSON.
            let engine = SearchEngine::from_bundle_bytes(&site.search.encode_bundle()).expect("a freshly built index opens");
            for q in ["工钱", "老板跑了怎么办", "离婚"] {
                let _ = engine.answer(&SearchRequest { query: q.into(), kind: None, limit: 10 });
            }
            for t in &site.trees.trees {
                assert!(t.validate().is_empty(), "a built tree is sound: {:?}", t.validate());
                let w = t.walk(&[0, 1, 0, 1, 0, 1]).expect("a built tree has a start");
                assert!(w.used <= 6);
            }
            let json = serde_json::to_vec(&site.catalog).expect("catalog to JSON");
            decode_json::<Catalog>(&json).expect("catalog from JSON");
        }
        Err(diags) => {
            assert!(!diags.0.is_empty(), "a failed build says why");
            for d in &diags.0 {
                if let Some(src) = sources.get(&d.file) {
                    let lines = src.text.lines().count() + 1;
                    assert!(d.line <= lines, "diagnostic past the end of its file ({lines} lines): {d}");
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// tree_answers

/// The answers of a tree URL (`?a=1.0.2`) against every real tree.
pub fn tree_answers(data: &[u8]) {
    tree_answers_in(&real_site().trees.trees, data);
}

pub fn tree_answers_in(trees: &[Tree], data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let answers = decode_answers(&s);
    assert!(answers.len() <= 64 && answers.iter().all(|&a| a < 32), "{answers:?}");
    assert_eq!(decode_answers(&encode_answers(&answers)), answers, "answers survive the URL");
    for t in trees {
        let w = t.walk(&answers).expect("a built tree has a start");
        assert!(w.used <= answers.len() && w.path.len() == w.used);
        // The app writes the answers it used back to the URL: they lead to the same place.
        let again = t.walk(&decode_answers(&encode_answers(&answers[..w.used]))).expect("start");
        assert_eq!(again.at, w.at);
        if let Node::Ask(q) = w.at {
            assert!(!q.options.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// quiz_progress

/// Stored quiz progress (localStorage, any version) and the seen-notices list, as the app reads
/// them and then uses them.
pub fn quiz_progress(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let loaded = quiz::load(Some(&raw));
    let corrupt = matches!(loaded, Loaded::Corrupt(_));
    let mut p = loaded.progress();
    if corrupt {
        assert_eq!(p, Progress::default());
    }
    assert_eq!(p.version, PROGRESS_VERSION);
    // Saved and read again: the same progress.
    assert_eq!(quiz::load(Some(&p.to_json())), Loaded::Current(p.clone()));
    // What the quiz pages do with it: answer the noted questions, resume, draw, offer a month.
    let ids: Vec<String> = p.notebook.iter().map(|e| e.id.clone()).collect();
    for correct in [true, false, true, true] {
        for id in &ids {
            p.record(id, correct);
        }
    }
    let q = QuizData { month: "2026-01".into(), qtype: QuizType::Multiple, options: vec!["a".into(), "b".into()], answer: vec![0] };
    if let Some(c) = &p.current {
        for a in &c.answers {
            let _ = quiz::is_correct(&q, a);
        }
        let _ = quiz::draw(&c.ids, 10, c.answers.len() as u64);
    }
    let months: Vec<String> = p.history.iter().map(|h| h.month.clone()).collect();
    for h in &p.history {
        let _ = quiz::offered_month(&months, &h.date);
        let _ = quiz::share_text("掌上法律服务", &h.month, h.score, h.total);
    }
    let _ = quiz::draw(&ids, 10, 7);
    let _ = p.to_json();
    // The home page's seen-notices list, read from the same kind of storage.
    let seen: Vec<String> = serde_json::from_str(&raw).unwrap_or_default();
    let today: String = raw.chars().take(10).collect();
    let shown = home_notices(sample_notices(), &today, &seen);
    assert!(shown.len() <= pocketlaw_engine::model::HOME_NOTICES);
}

fn sample_notices() -> &'static [Notice] {
    static N: OnceLock<Vec<Notice>> = OnceLock::new();
    N.get_or_init(|| {
        [
            ("a", "2026-11-20", Some("2026-12-01")),
            ("b", "2026-10-01", None),
            ("c", "2026-12-24", Some("2099-12-31")),
            ("d", "2025-01-01", None),
        ]
        .iter()
        .map(|(id, date, expires)| Notice {
            id: id.to_string(),
            title: "通知".into(),
            date: date.to_string(),
            expires: expires.map(str::to_string),
            html: String::new(),
            summary: String::new(),
        })
        .collect()
    })
}

// ---------------------------------------------------------------------------------------------
// search_bundle

/// Damaged shipped bytes. First byte, the mode: 0 a one-file bundle (`search.bin`); 1 an index
/// root; 2 a term piece and 3 a document piece (under a root that names it, so the hash check
/// passes and the decoder runs); 4 an arbitrary piece name and bytes against the real root;
/// 5 the shipped JSON files (`decode_json`). A damaged file is an error; whatever is accepted
/// answers queries without panicking.
pub fn search_bundle(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else { return };
    let files = &fixture_site().search;
    match mode % 6 {
        0 => {
            if let Ok(f) = IndexFiles::decode_bundle(rest) {
                assert_eq!(IndexFiles::decode_bundle(&f.encode_bundle()).ok(), Some(f.clone()));
            }
            if let Ok(engine) = SearchEngine::from_bundle_bytes(rest) {
                exercise(&engine);
            }
        }
        1 => {
            if let Ok(mut engine) = SearchEngine::open(rest) {
                exercise(&engine);
                for (name, bytes) in &files.pieces {
                    let _ = engine.add_piece(name, bytes);
                }
                exercise(&engine);
            }
        }
        2 | 3 => {
            let name = piece_name(rest);
            let root = root_naming(&files.root, mode % 6 == 2, &name);
            let mut engine = SearchEngine::open(&root).expect("the rewritten root opens");
            if engine.add_piece(&name, rest).is_ok() {
                for (n, bytes) in &files.pieces {
                    let _ = engine.add_piece(n, bytes);
                }
                exercise(&engine);
            }
        }
        4 => {
            let mut engine = SearchEngine::open(&files.root).expect("the fixture root opens");
            let cut = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            let name = String::from_utf8_lossy(&rest[..cut]);
            let bytes = rest.get(cut + 1..).unwrap_or(&[]);
            let _ = engine.add_piece(&name, bytes);
            let _ = engine.add_piece(&piece_name(bytes), bytes);
            exercise(&engine);
        }
        _ => {
            if let Ok(c) = decode_json::<Catalog>(rest) {
                let _ = home_notices(&c.notices, "2026-12-01", &[]);
            }
            if let Ok(set) = decode_json::<TreeSet>(rest) {
                // Unvalidated trees from damaged bytes: walking them must still end.
                for t in &set.trees {
                    let _ = t.validate();
                    let _ = t.walk(&[0, 1, 0, 1, 0, 1, 0, 1]);
                    let _ = t.mermaid();
                }
            }
            let _ = decode_json::<QuizBank>(rest);
            let _ = decode_json::<TopicChunk>(rest);
        }
    }
}

/// Queries an engine the way the worker does: step until done (without fetching), then answer.
fn exercise(engine: &SearchEngine) {
    for (query, kind) in [("工钱", None), ("老板不给工钱怎么办", Some(DocKind::Guide)), ("离婚 财产", None), ("仲裁", Some(DocKind::Quiz))]
    {
        let req = SearchRequest { query: query.into(), kind, limit: 10 };
        let _ = engine.step(&req);
        let r = engine.answer(&req);
        assert!(r.hits.len() <= 10);
    }
    let _ = engine.topic_scores("工伤");
}

/// The fixture's root with its first term (or document) piece renamed `name`, so that a piece
/// with any bytes is "part of this index".
fn root_naming(root: &[u8], terms: bool, name: &str) -> Vec<u8> {
    let mut at = 8;
    let len = read_varint(root, &mut at) as usize;
    let mut header: serde_json::Value = serde_json::from_slice(&root[at..at + len]).expect("root header");
    let table = if terms { "term_pieces" } else { "doc_pieces" };
    header[table][0][1] = serde_json::Value::String(name.to_string());
    let json = serde_json::to_vec(&header).expect("header");
    let mut out = root[..8].to_vec();
    put_varint(&mut out, json.len() as u64);
    out.extend_from_slice(&json);
    out.extend_from_slice(&root[at + len..]);
    out
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return v;
        }
        shift += 7;
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

// ---------------------------------------------------------------------------------------------
// search_query

/// Any query against the real index. First byte: the kind filter (low 2 bits) and the limit
/// (the rest); the remaining bytes are the query.
pub fn search_query(data: &[u8]) {
    search_query_in(real_engine(), data);
}

pub fn search_query_in(engine: &SearchEngine, data: &[u8]) {
    let Some((&opts, rest)) = data.split_first() else { return };
    let query = String::from_utf8_lossy(rest).into_owned();
    let kind = [None, Some(DocKind::Guide), Some(DocKind::Faq), Some(DocKind::Quiz)][usize::from(opts % 4)];
    let limit = usize::from(opts / 4);
    // The tokenizer's promises: as many chars after normalising, offsets on char boundaries.
    let norm = normalize(&query);
    assert_eq!(norm.chars().count(), query.chars().count());
    for t in tokenize(&query) {
        assert!(t.from <= t.to && t.to <= norm.len() && norm.is_char_boundary(t.from) && norm.is_char_boundary(t.to), "{t:?}");
    }
    let req = SearchRequest { query, kind, limit };
    let r = engine.answer(&req);
    assert!(r.hits.len() <= limit.clamp(1, MAX_LIMIT));
    for h in &r.hits {
        assert!(h.score.is_finite(), "{h:?}");
        assert!(kind.is_none_or(|k| h.kind == k), "{h:?}");
    }
    // Every piece is loaded: one step answers, the same.
    assert_eq!(engine.step(&req), Step::Done(r));
    let _ = engine.topic_scores(&req.query);
}

// ---------------------------------------------------------------------------------------------
// calc_fields

/// A calculator run as typed. First line: the calculator (a number picks a real one; anything
/// else is the id as given). Each further line: `key=value`.
pub fn calc_fields(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or("");
    let ids: Vec<String> = calc::list().into_iter().map(|c| c.id).collect();
    let id = match first.parse::<usize>() {
        Ok(i) => ids[i % ids.len()].clone(),
        Err(_) => first.to_string(),
    };
    let mut inputs = BTreeMap::new();
    for l in lines {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        inputs.insert(k.to_string(), v.to_string());
    }
    match calc::run(&id, &inputs) {
        Ok(r) => {
            assert!(!r.figures.is_empty(), "a result has figures");
            for c in &r.citations {
                c.citation().expect("a calculator cites a parseable article");
            }
            if let Some(rem) = &r.reminder {
                let ics = calc::ics(rem);
                assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
            }
            serde_json::to_string(&r).expect("result to JSON");
        }
        Err(errors) => assert!(!errors.is_empty(), "an error names a field"),
    }
}

// ---------------------------------------------------------------------------------------------
// citation

/// A citation as written in content (`Citation::parse`) and prose with inline citations
/// (`find_inline`), plus the number and law-name helpers they use.
pub fn citation(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(c) = Citation::parse(&text) {
        assert!(c.article > 0 && c.sub.is_none_or(|s| s > 0), "{c:?}");
        let _ = (c.key(), c.to_string());
    }
    let mut last = None;
    for (at, _) in find_inline(&text) {
        assert!(text.is_char_boundary(at) && text[at..].starts_with('《'), "offset {at} in {text:?}");
        assert!(last.is_none_or(|l| l < at), "offsets increase");
        last = Some(at);
    }
    let _ = normalize_law_name(&text);
    if let Some(n) = parse_number(&text) {
        let _ = to_cn_number(n);
    }
}

// ---------------------------------------------------------------------------------------------
// seeds

/// Seeds built from the fixture at run time, so that they follow the formats (a committed index
/// would go stale with the next format version): for `content_compile` every fixture file as it
/// is, for `search_bundle` the fixture's bundle, root, first pieces and shipped JSON. The other
/// targets' seeds are the files in `fuzz/seeds/<target>/`.
pub fn generated_seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    match target {
        "content_compile" => {
            for (i, s) in fixture_sources().files.iter().enumerate() {
                let mut data = vec![i as u8];
                data.extend_from_slice(s.text.as_bytes());
                out.push((format!("file-{i}"), data));
            }
            out.push(("new-file".into(), [&[128u8][..], b"guides/divorce/new.md\n+++\nid = \"x\"\n+++\n"].concat()));
        }
        "search_bundle" => {
            let site = fixture_site();
            let with = |mode: u8, bytes: &[u8]| [&[mode][..], bytes].concat();
            out.push(("bundle".into(), with(0, &site.search.encode_bundle())));
            out.push(("root".into(), with(1, &site.search.root)));
            let first = |magic: &[u8]| site.search.pieces.iter().find(|p| p.1.starts_with(magic)).map(|p| p.1.clone()).unwrap_or_default();
            out.push(("terms".into(), with(2, &first(b"PLIT"))));
            out.push(("docs".into(), with(3, &first(b"PLID"))));
            let (name, bytes) = &site.search.pieces[0];
            out.push(("named".into(), with(4, &[name.as_bytes(), &[0], bytes].concat())));
            let trees = serde_json::to_vec(&site.trees).unwrap_or_default();
            out.push(("trees-json".into(), with(5, &trees)));
        }
        _ => {}
    }
    out
}

/// The committed seeds of a target (`fuzz/seeds/<target>/`) and its generated ones.
pub fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repo_root().join("fuzz/seeds").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries.flatten().filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).ok()?))).collect()
        })
        .unwrap_or_default();
    out.sort();
    out.extend(generated_seeds(target));
    out
}

// ---------------------------------------------------------------------------------------------
// worker_messages

/// The search worker's host (`engine::worker::Host`, what the browser's worker runs) over the
/// fixture's index, with a library whose root never comes. Lines of events: `m<text>` a message
/// posted to the worker, `f` the oldest file asked for arrives whole, `d` it arrives damaged, `x`
/// it fails (HTTP 404). At the end every file still asked for arrives. Nothing panics, and each
/// search and law search that was read is answered exactly once, with its own seq.
pub fn worker_messages(data: &[u8]) {
    let files = &fixture_site().search;
    let mut by_url: BTreeMap<String, &[u8]> = files.pieces.iter().map(|(n, b)| (format!("/ix/{n}.bin"), b.as_slice())).collect();
    by_url.insert("/root.bin".into(), &files.root);
    let library = Some(("/lib/root.bin".to_string(), "/lib/ix/".to_string()));
    let mut host = Host::new(Config { search_root: "/root.bin".into(), pieces: "/ix/".into(), library });
    let (mut queue, mut asked, mut answered) = (VecDeque::new(), Vec::new(), Vec::new());
    let mut take = |effects: Vec<Effect>, queue: &mut VecDeque<String>| {
        for e in effects {
            match e {
                Effect::Post(Response::Results { seq, .. }) => answered.push((false, seq)),
                Effect::Post(Response::LawResults { seq, .. }) => answered.push((true, seq)),
                Effect::Post(_) => {}
                Effect::Fetch { url, .. } => queue.push_back(url),
            }
        }
    };
    take(host.start(), &mut queue);
    let text = String::from_utf8_lossy(data);
    for line in text.split('\n') {
        let mut chars = line.chars();
        let event = chars.next();
        if event == Some('m') {
            match serde_json::from_str::<Request>(chars.as_str()) {
                Ok(Request::Search { seq, .. }) => asked.push((false, seq)),
                Ok(Request::LawSearch { seq, .. }) => asked.push((true, seq)),
                _ => {}
            }
            take(host.message(chars.as_str()), &mut queue);
            continue;
        }
        let Some(url) = queue.pop_front() else { continue };
        let out = match event {
            Some('f') => host.fetched(&url, by_url.get(&url).copied().unwrap_or_default()),
            Some('d') => host.fetched(&url, b"damaged"),
            Some('x') => host.failed(&url, 404),
            _ => {
                queue.push_front(url);
                continue;
            }
        };
        take(out, &mut queue);
    }
    while let Some(url) = queue.pop_front() {
        let out = match by_url.get(&url) {
            Some(bytes) => host.fetched(&url, bytes),
            None => host.failed(&url, 404),
        };
        take(out, &mut queue);
    }
    asked.sort_unstable();
    answered.sort_unstable();
    assert_eq!(asked, answered, "every search answered once");
    assert_eq!(host.waiting(), 0);
}
