//! The search worker's logic, I/O-free: the worker's wasm (`worker/src/lib.rs`) wraps a [`Host`],
//! and its JS bootstrap (`public/search-worker.js`) only carries things in and out. In: the
//! messages posted to the worker ([`crate::contract::Request`], as JSON text), the bytes of each
//! file the host asked for, or the failure to get them. Out: [`Effect`]s, messages to post and
//! files to fetch.
//!
//! What the host decides: the content index's root is fetched at once (the bootstrap starts that
//! download beside the engine's own); a search waits for it, then runs
//! [`SearchEngine::step`] and fetches the pieces each step names, side by side, each piece once
//! however many searches wait for it, at most [`MAX_ROUNDS`] rounds; the statute library's root is
//! fetched on the first law search (and again on the next one if that failed); a piece whose
//! bytes do not match its name, or that did not come, is fetched once more bypassing every cache
//! (`reload`), then the searches waiting for it fail with a readable message. Nothing that comes
//! in makes it panic: a message it cannot read is answered with [`Response::Refused`].

use crate::contract::{Request, Response};
use crate::library::{LibraryEngine, LibraryRequest, LibraryStep};
use crate::model::SearchRequest;
use crate::search::{SearchEngine, Step, MAX_ROUNDS};
use serde::{Deserialize, Serialize};

/// Where the worker's files are, from the site build.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The content index's root (`/data/search-root.<hash>.bin`).
    pub search_root: String,
    /// The content index's pieces' folder (`/data/ix/`); a piece is `<folder><name>.bin`.
    pub pieces: String,
    /// The statute library's root and pieces' folder, when the build had the statute pack.
    pub library: Option<(String, String)>,
}

/// What the bootstrap must do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Post this message to the page.
    Post(Response),
    /// Fetch this file and hand its bytes to [`Host::fetched`] (or its failure to
    /// [`Host::failed`]). `reload`: its copy was damaged or did not come; drop it from every cache
    /// and fetch it from the network.
    Fetch { url: String, reload: bool },
}

pub const NO_LIBRARY: &str = "这个版本没有附带法律法规库";
pub const NOT_READY: &str = "搜索没有准备好";
pub const SEARCH_UNFINISHED: &str = "搜索没有完成";
pub const LAW_UNFINISHED: &str = "查找没有完成";

/// The message for a download that failed: `status` is the HTTP status, 0 when the network failed.
pub fn download_failed(status: u16) -> String {
    if status == 0 {
        "搜索索引下载失败（网络不通）".into()
    } else {
        format!("搜索索引下载失败（{status}）")
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Content,
    Library,
}

enum Open<E> {
    /// Nothing asked for yet (the library before its first search, or after its root failed).
    Closed,
    Loading,
    Ready(E),
    Failed(String),
}

enum Query {
    Content { seq: u32, boot: bool, request: SearchRequest },
    Law { seq: u32, request: LibraryRequest },
}

impl Query {
    fn side(&self) -> Side {
        match self {
            Query::Content { .. } => Side::Content,
            Query::Law { .. } => Side::Library,
        }
    }

    /// Its answer when it fails.
    fn fail(&self, message: String) -> Response {
        match self {
            Query::Content { seq, boot, .. } => Response::Results { seq: *seq, boot: *boot, result: Err(message) },
            Query::Law { seq, .. } => Response::LawResults { seq: *seq, result: Err(message) },
        }
    }
}

/// A search in progress.
struct Job {
    query: Query,
    /// Rounds of pieces fetched so far.
    round: usize,
    /// The pieces it waits for (empty: it waits for its index to open).
    waiting: Vec<String>,
}

/// A file being fetched.
struct Pending {
    url: String,
    side: Side,
    /// The piece's name; `None` for the index root.
    piece: Option<String>,
    reload: bool,
    /// Fetched ahead (the library's term directories), not for a search waiting now.
    background: bool,
}

/// The search worker's state: the two indexes, the searches waiting for pieces, the files being
/// fetched.
pub struct Host {
    config: Config,
    content: Open<SearchEngine>,
    library: Open<LibraryEngine>,
    jobs: Vec<Job>,
    pending: Vec<Pending>,
    /// The library has answered once: its missing term directories are fetched ahead.
    prefetch: bool,
    /// Pieces that failed twice: not fetched ahead again.
    given_up: Vec<String>,
}

/// How many of the library's term directories are fetched ahead side by side.
pub const PREFETCH_AT_ONCE: usize = 2;

impl Host {
    pub fn new(config: Config) -> Host {
        Host {
            config,
            content: Open::Closed,
            library: Open::Closed,
            jobs: Vec::new(),
            pending: Vec::new(),
            prefetch: false,
            given_up: Vec::new(),
        }
    }

    /// Starts: the content index's root is fetched at once.
    pub fn start(&mut self) -> Vec<Effect> {
        if !matches!(self.content, Open::Closed) {
            return Vec::new();
        }
        self.content = Open::Loading;
        let url = self.config.search_root.clone();
        self.fetch(url, Side::Content, None, false, false).into_iter().collect()
    }

    /// A message posted to the worker, as the JSON text of a [`Request`].
    pub fn message(&mut self, text: &str) -> Vec<Effect> {
        match serde_json::from_str::<Request>(text) {
            Ok(req) => self.request(req),
            Err(e) => vec![Effect::Post(Response::Refused { message: format!("not a search worker message: {e}") })],
        }
    }

    pub fn request(&mut self, req: Request) -> Vec<Effect> {
        let mut out = Vec::new();
        match req {
            Request::Status => match &self.content {
                Open::Ready(e) => out.push(Effect::Post(Response::Ready { docs: e.num_docs() })),
                Open::Failed(m) => out.push(Effect::Post(Response::Failed { message: m.clone() })),
                // Ready or Failed is posted when the root is in.
                Open::Loading => {}
                Open::Closed => out.extend(self.start()),
            },
            Request::Search { seq, boot, request } => {
                let job = Job { query: Query::Content { seq, boot, request }, round: 0, waiting: Vec::new() };
                match &self.content {
                    Open::Ready(_) => self.advance(job, &mut out),
                    Open::Failed(m) => out.push(Effect::Post(job.query.fail(m.clone()))),
                    Open::Loading => self.jobs.push(job),
                    Open::Closed => {
                        self.jobs.push(job);
                        out.extend(self.start());
                    }
                }
            }
            Request::LawSearch { seq, request } => {
                let job = Job { query: Query::Law { seq, request }, round: 0, waiting: Vec::new() };
                let Some((root, _)) = self.config.library.clone() else {
                    out.push(Effect::Post(job.query.fail(NO_LIBRARY.into())));
                    return out;
                };
                match &self.library {
                    Open::Ready(_) => self.advance(job, &mut out),
                    Open::Loading => self.jobs.push(job),
                    Open::Closed | Open::Failed(_) => {
                        self.jobs.push(job);
                        self.library = Open::Loading;
                        out.extend(self.fetch(root, Side::Library, None, false, false));
                    }
                }
            }
        }
        self.prefetch_directories(&mut out);
        out
    }

    /// The bytes of a file the host asked for.
    pub fn fetched(&mut self, url: &str, bytes: &[u8]) -> Vec<Effect> {
        let mut out = Vec::new();
        let Some(p) = self.take_pending(url) else { return out };
        match (&p.piece, p.side) {
            (None, Side::Content) => match SearchEngine::open(bytes) {
                Ok(e) => {
                    out.push(Effect::Post(Response::Ready { docs: e.num_docs() }));
                    self.content = Open::Ready(e);
                    self.resume(Side::Content, &mut out);
                }
                Err(e) => self.content_failed(e.to_string(), &mut out),
            },
            (None, Side::Library) => match LibraryEngine::open(bytes) {
                Ok(e) => {
                    self.library = Open::Ready(e);
                    self.resume(Side::Library, &mut out);
                }
                Err(e) => self.library_failed(e.to_string(), &mut out),
            },
            (Some(name), side) => {
                let added = match (side, &mut self.content, &mut self.library) {
                    (Side::Content, Open::Ready(e), _) => e.add_piece(name, bytes).map_err(|e| e.to_string()),
                    (Side::Library, _, Open::Ready(e)) => e.add_piece(name, bytes).map_err(|e| e.to_string()),
                    _ => Err(NOT_READY.to_string()),
                };
                match added {
                    Ok(()) => {
                        for job in self.jobs.iter_mut().filter(|j| j.query.side() == side) {
                            job.waiting.retain(|n| n != name);
                        }
                        self.resume(side, &mut out);
                    }
                    Err(e) => self.piece_failed(p, e, &mut out),
                }
            }
        }
        self.prefetch_directories(&mut out);
        out
    }

    /// A file the host asked for did not come: `status` is the HTTP status, 0 when the network
    /// failed.
    pub fn failed(&mut self, url: &str, status: u16) -> Vec<Effect> {
        let mut out = Vec::new();
        let Some(p) = self.take_pending(url) else { return out };
        let message = download_failed(status);
        match (&p.piece, p.side) {
            (None, Side::Content) => self.content_failed(message, &mut out),
            (None, Side::Library) => self.library_failed(message, &mut out),
            (Some(_), _) => self.piece_failed(p, message, &mut out),
        }
        self.prefetch_directories(&mut out);
        out
    }

    /// The number of searches waiting (for tests and diagnostics).
    pub fn waiting(&self) -> usize {
        self.jobs.len()
    }

    fn take_pending(&mut self, url: &str) -> Option<Pending> {
        let i = self.pending.iter().position(|p| p.url == url)?;
        Some(self.pending.swap_remove(i))
    }

    /// Asks for a file unless it is being fetched already (then whoever asks waits for that copy).
    fn fetch(&mut self, url: String, side: Side, piece: Option<String>, reload: bool, background: bool) -> Option<Effect> {
        if self.pending.iter().any(|p| p.url == url) {
            return None;
        }
        self.pending.push(Pending { url: url.clone(), side, piece, reload, background });
        Some(Effect::Fetch { url, reload })
    }

    /// Once the library has answered: the term directories it lacks, [`PREFETCH_AT_ONCE`] at a
    /// time, while no law search is under way (it has the line to itself), so that a later word
    /// query needs two rounds of pieces (postings, texts) instead of three.
    fn prefetch_directories(&mut self, out: &mut Vec<Effect>) {
        if !self.prefetch || self.jobs.iter().any(|j| j.query.side() == Side::Library) {
            return;
        }
        let (Open::Ready(lib), Some((_, dir))) = (&self.library, &self.config.library) else { return };
        let dir = dir.clone();
        let mut in_flight = self.pending.iter().filter(|p| p.background).count();
        for name in lib.missing_directories() {
            if in_flight >= PREFETCH_AT_ONCE {
                break;
            }
            if self.given_up.contains(&name) {
                continue;
            }
            if let Some(e) = self.fetch(format!("{dir}{name}.bin"), Side::Library, Some(name), false, true) {
                out.push(e);
                in_flight += 1;
            }
        }
    }

    fn content_failed(&mut self, message: String, out: &mut Vec<Effect>) {
        out.push(Effect::Post(Response::Failed { message: message.clone() }));
        self.content = Open::Failed(message.clone());
        self.fail_where(|j| j.query.side() == Side::Content, &message, out);
    }

    /// The library's root failed: its searches fail, and the next one tries again.
    fn library_failed(&mut self, message: String, out: &mut Vec<Effect>) {
        self.library = Open::Failed(message.clone());
        self.fail_where(|j| j.query.side() == Side::Library, &message, out);
    }

    /// A piece was damaged or did not come: once more from the network, else its searches fail.
    fn piece_failed(&mut self, p: Pending, message: String, out: &mut Vec<Effect>) {
        let Some(name) = p.piece else { return };
        if !p.reload {
            out.extend(self.fetch(p.url, p.side, Some(name), true, p.background));
            return;
        }
        let side = p.side;
        self.given_up.push(name.clone());
        self.fail_where(|j| j.query.side() == side && j.waiting.contains(&name), &message, out);
    }

    /// Answers the searches `which` picks with `message`, in the order they came.
    fn fail_where(&mut self, which: impl Fn(&Job) -> bool, message: &str, out: &mut Vec<Effect>) {
        let mut i = 0;
        while i < self.jobs.len() {
            if which(&self.jobs[i]) {
                let job = self.jobs.remove(i);
                out.push(Effect::Post(job.query.fail(message.to_string())));
            } else {
                i += 1;
            }
        }
    }

    /// Steps every search of `side` that waits for nothing any more, in the order they came. (A
    /// search stepped again goes to the end waiting for pieces, so it is not stepped twice.)
    fn resume(&mut self, side: Side, out: &mut Vec<Effect>) {
        let mut i = 0;
        while i < self.jobs.len() {
            let job = &self.jobs[i];
            if job.query.side() == side && job.waiting.is_empty() {
                let job = self.jobs.remove(i);
                self.advance(job, out);
            } else {
                i += 1;
            }
        }
    }

    /// One step of a search: its answer, or the pieces to fetch first.
    fn advance(&mut self, mut job: Job, out: &mut Vec<Effect>) {
        let step = match (&job.query, &self.content, &self.library) {
            (Query::Content { seq, boot, request }, Open::Ready(e), _) => match e.step(request) {
                Step::Done(r) => Ok(Response::Results { seq: *seq, boot: *boot, result: Ok(r) }),
                Step::Need(names) => Err(names),
            },
            (Query::Law { seq, request }, _, Open::Ready(e)) => match e.step(request) {
                LibraryStep::Done(r) => Ok(Response::LawResults { seq: *seq, result: Ok(r) }),
                LibraryStep::Need(names) => Err(names),
            },
            _ => Ok(job.query.fail(NOT_READY.into())),
        };
        let names = match step {
            Ok(answer) => {
                // The library has answered: its term directories may now be fetched ahead.
                self.prefetch |= matches!(answer, Response::LawResults { result: Ok(_), .. });
                out.push(Effect::Post(answer));
                return;
            }
            Err(names) => names,
        };
        if job.round == MAX_ROUNDS || names.is_empty() {
            let message = if job.query.side() == Side::Content { SEARCH_UNFINISHED } else { LAW_UNFINISHED };
            out.push(Effect::Post(job.query.fail(message.into())));
            return;
        }
        job.round += 1;
        let side = job.query.side();
        let dir = match side {
            Side::Content => self.config.pieces.clone(),
            Side::Library => self.config.library.as_ref().map(|l| l.1.clone()).unwrap_or_default(),
        };
        for name in &names {
            out.extend(self.fetch(format!("{dir}{name}.bin"), side, Some(name.clone()), false, false));
        }
        job.waiting = names;
        self.jobs.push(job);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::model::SearchResponse;
    use crate::search::pieces::{build, IndexFiles, PieceSizes};
    use std::collections::BTreeMap;

    fn files() -> IndexFiles {
        let docs = crate::search::pieces::tests::docs();
        let sizes = PieceSizes { terms: 200, docs: 300, ..PieceSizes::default() };
        build(&docs, &Lexicon::default(), &["labour".into(), "family".into()], [3.0, 1.0, 2.0], |_| true, sizes).unwrap()
    }

    const ROOT: &str = "/data/search-root.abc.bin";

    fn host(library: bool) -> Host {
        Host::new(Config {
            search_root: ROOT.into(),
            pieces: "/data/ix/".into(),
            library: library.then(|| ("/library/root.x.bin".into(), "/library/ix/".into())),
        })
    }

    /// The site's files by URL.
    fn site(files: &IndexFiles) -> BTreeMap<String, Vec<u8>> {
        let mut m: BTreeMap<String, Vec<u8>> = files.pieces.iter().map(|(n, b)| (format!("/data/ix/{n}.bin"), b.clone())).collect();
        m.insert(ROOT.into(), files.root.clone());
        m
    }

    /// Plays the bootstrap: fetches what the host asks for from `site` (a missing file is a 404),
    /// until nothing is left to fetch. Returns the messages posted and every fetch made.
    fn drive(host: &mut Host, site: &BTreeMap<String, Vec<u8>>, mut effects: Vec<Effect>) -> (Vec<Response>, Vec<(String, bool)>) {
        let (mut posted, mut fetched) = (Vec::new(), Vec::new());
        while !effects.is_empty() {
            let mut next = Vec::new();
            for e in effects {
                match e {
                    Effect::Post(r) => posted.push(r),
                    Effect::Fetch { url, reload } => {
                        fetched.push((url.clone(), reload));
                        next.extend(match site.get(&url) {
                            Some(bytes) => host.fetched(&url, bytes),
                            None => host.failed(&url, 404),
                        });
                    }
                }
            }
            effects = next;
        }
        (posted, fetched)
    }

    fn search(seq: u32, query: &str) -> String {
        let req = Request::Search { seq, boot: seq % 2 == 1, request: SearchRequest { query: query.into(), kind: None, limit: 10 } };
        serde_json::to_string(&req).unwrap()
    }

    /// The answer with every piece at hand (the CLI's way).
    fn expected(query: &str) -> SearchResponse {
        let all = SearchEngine::from_bundle_bytes(&files().encode_bundle()).unwrap();
        match all.step(&SearchRequest { query: query.into(), kind: None, limit: 10 }) {
            Step::Done(r) => r,
            Step::Need(n) => panic!("{n:?}"),
        }
    }

    #[test]
    fn a_search_sent_before_the_root_is_answered_once_it_is_in() {
        let f = files();
        let mut h = host(false);
        let start = h.start();
        assert_eq!(start, vec![Effect::Fetch { url: ROOT.into(), reload: false }]);
        assert!(h.start().is_empty(), "started once");
        assert!(h.message(&search(1, "老板不给工钱怎么办")).is_empty(), "waits for the root");
        assert!(h.message(r#""status""#).is_empty(), "Ready comes with the root");
        let (posted, fetched) = drive(&mut h, &site(&f), start);
        assert_eq!(posted[0], Response::Ready { docs: 30 });
        let Response::Results { seq: 1, boot: true, result: Ok(answer) } = &posted[1] else { panic!("{posted:?}") };
        assert_eq!(*answer, expected("老板不给工钱怎么办"));
        assert!(!answer.hits.is_empty() && answer.hits.iter().all(|h| h.topic == "labour"), "{answer:?}");
        assert_eq!(posted.len(), 2);
        assert!(fetched.len() > 2 && fetched.iter().all(|(_, reload)| !reload), "the root, the postings, the texts: {fetched:?}");
        assert_eq!(h.waiting(), 0);
        assert_eq!(h.message(r#""status""#), vec![Effect::Post(Response::Ready { docs: 30 })]);
    }

    #[test]
    fn searches_side_by_side_fetch_each_piece_once() {
        let f = files();
        let s = site(&f);
        let mut h = host(false);
        let start = h.start();
        drive(&mut h, &s, start);
        let mut first = h.message(&search(2, "工钱"));
        first.extend(h.message(&search(4, "拖欠工资")));
        first.extend(h.message(&search(6, "工钱")));
        let (posted, fetched) = drive(&mut h, &s, first);
        let mut urls: Vec<_> = fetched.iter().map(|f| f.0.clone()).collect();
        urls.sort();
        let n = urls.len();
        urls.dedup();
        assert_eq!(urls.len(), n, "{fetched:?}");
        let seqs: Vec<u32> = posted.iter().filter_map(|r| if let Response::Results { seq, .. } = r { Some(*seq) } else { None }).collect();
        assert_eq!(seqs.len(), 3, "{posted:?}");
        for (seq, q) in [(2, "工钱"), (4, "拖欠工资"), (6, "工钱")] {
            let r = posted.iter().find(|r| matches!(r, Response::Results { seq: s, .. } if *s == seq)).unwrap();
            assert_eq!(r, &Response::Results { seq, boot: false, result: Ok(expected(q)) });
        }
        // Everything is in now: a repeated search fetches nothing.
        let again = h.message(&search(8, "工钱"));
        assert!(matches!(&again[..], [Effect::Post(Response::Results { seq: 8, result: Ok(_), .. })]), "{again:?}");
    }

    #[test]
    fn a_damaged_piece_is_fetched_again_bypassing_the_caches_then_the_search_fails() {
        let f = files();
        let mut s = site(&f);
        let mut h = host(false);
        let start = h.start();
        drive(&mut h, &s, start);
        // Every piece damaged: fetched again from the network, still damaged, then an error.
        for (url, bytes) in s.iter_mut() {
            if url != ROOT {
                bytes.truncate(bytes.len() / 2);
            }
        }
        let first = h.message(&search(3, "工钱"));
        let (posted, fetched) = drive(&mut h, &s, first);
        assert!(fetched.iter().any(|(_, reload)| *reload) && fetched.iter().any(|(_, reload)| !*reload), "{fetched:?}");
        let Response::Results { seq: 3, result: Err(e), .. } = &posted[0] else { panic!("{posted:?}") };
        assert!(e.contains("damaged"), "{e}");
        assert_eq!(h.waiting(), 0);
        // A piece that is whole the second time heals: the search is answered.
        let whole = site(&f);
        let first = h.message(&search(5, "工钱"));
        let mut posted = Vec::new();
        let mut effects = first;
        while !effects.is_empty() {
            let mut next = Vec::new();
            for e in effects {
                match e {
                    Effect::Post(r) => posted.push(r),
                    Effect::Fetch { url, reload } => next.extend(h.fetched(&url, if reload { &whole[&url] } else { &s[&url] })),
                }
            }
            effects = next;
        }
        assert_eq!(posted, vec![Response::Results { seq: 5, boot: true, result: Ok(expected("工钱")) }]);
    }

    #[test]
    fn a_root_that_does_not_come_fails_every_content_search() {
        let mut h = host(false);
        h.message(&search(1, "工钱"));
        let start = h.start();
        assert!(start.is_empty(), "the search started it");
        let posted = h.failed(ROOT, 503);
        let failed = download_failed(503);
        assert_eq!(
            posted,
            vec![
                Effect::Post(Response::Failed { message: failed.clone() }),
                Effect::Post(Response::Results { seq: 1, boot: true, result: Err(failed.clone()) })
            ]
        );
        assert!(failed.contains("503"));
        assert_eq!(
            h.message(&search(2, "工钱")),
            vec![Effect::Post(Response::Results { seq: 2, boot: false, result: Err(failed.clone()) })]
        );
        assert_eq!(h.message(r#""status""#), vec![Effect::Post(Response::Failed { message: failed })]);
        // A damaged root: the engine's own message.
        let mut h = host(false);
        h.start();
        let posted = h.fetched(ROOT, b"PLIXnot a root");
        assert!(matches!(&posted[..], [Effect::Post(Response::Failed { .. })]), "{posted:?}");
        // Files nobody asked for are ignored.
        assert!(h.fetched("/data/ix/other.bin", b"x").is_empty() && h.failed("/x", 0).is_empty());
    }

    #[test]
    fn law_searches_without_a_library_or_its_root_fail_and_are_retried() {
        let mut h = host(false);
        let law = r#"{"law-search":{"seq":7,"request":{"query":"劳动法","limit":5}}}"#;
        assert_eq!(h.message(law), vec![Effect::Post(Response::LawResults { seq: 7, result: Err(NO_LIBRARY.into()) })]);
        let mut h = host(true);
        let fetch = h.message(law);
        assert_eq!(fetch, vec![Effect::Fetch { url: "/library/root.x.bin".into(), reload: false }]);
        assert!(h.message(law).is_empty(), "the root is fetched once");
        let posted = h.failed("/library/root.x.bin", 0);
        assert_eq!(posted.len(), 2);
        assert!(posted.iter().all(|e| matches!(e, Effect::Post(Response::LawResults { seq: 7, result: Err(m) }) if m.contains("网络"))));
        // The next law search tries again; a content root is not a library's.
        assert_eq!(h.message(law), fetch);
        let posted = h.fetched("/library/root.x.bin", &files().root);
        assert!(matches!(&posted[..], [Effect::Post(Response::LawResults { seq: 7, result: Err(_) })]), "{posted:?}");
    }

    #[test]
    fn messages_it_cannot_read_are_refused_never_a_panic() {
        let mut h = host(true);
        for bad in [
            "",
            "{",
            "null",
            "[1,2]",
            r#"{"search":{}}"#,
            r#"{"search":{"seq":1,"request":{"query":"x"}}}"#,
            r#"{"type":"search"}"#,
            "\u{0}\u{ffff}",
        ] {
            let out = h.message(bad);
            assert!(matches!(&out[..], [Effect::Post(Response::Refused { .. })]), "{bad}: {out:?}");
        }
        assert_eq!(h.waiting(), 0);
    }
}
