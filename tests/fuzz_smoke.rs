//! A short fuzz run on stable Rust: the fuzz targets' bodies (`fuzz/src/lib.rs`, compiled here as
//! a module) on their seeds and on a few thousand inputs mutated from them by a seeded
//! generator, the same on every run. The long, coverage-guided runs are `cargo fuzz run` (see
//! `fuzz/README.md`); this keeps every target compiling and catches a regression in seconds.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod bodies;

/// How many mutated inputs each target gets (on top of its seeds).
const RUNS: [(&str, usize); 8] = [
    ("content_compile", 400),
    ("tree_answers", 3000),
    ("quiz_progress", 3000),
    ("search_bundle", 1500),
    ("search_query", 1500),
    ("calc_fields", 3000),
    ("citation", 3000),
    ("worker_messages", 1500),
];

/// Pieces that the targets' formats are made of, for the mutator to insert.
const TOKENS: &[&str] = &[
    "+++\n",
    "\n",
    "=",
    "\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ".",
    "-",
    "0",
    "1",
    "31",
    "99999999999",
    "-1",
    "\u{0}",
    "《",
    "》",
    "第",
    "条",
    "之",
    "十",
    "百",
    "千",
    "一",
    "零",
    "(2012-12-28)",
    "中华人民共和国",
    "version",
    "\"version\":1",
    "\"version\":2",
    "streak",
    "255",
    "256",
    "null",
    "[[question]]\n",
    "[[outcome]]\n",
    "id = ",
    "topic = ",
    "citations = [",
    "](doc:",
    "](dir:",
    "](tree:",
    "# ",
    "## ",
    "- [ ] ",
    "| a | b |\n|---|---|\n",
    "<script>",
    "&amp;",
    "`",
    "*",
    "2026-02-30",
    "2024-02-29",
    "9999-12-31",
    "today=",
    "amount=",
    "万",
    "，",
    "。",
    "元",
    "　",
    "\u{FEFF}",
    "\u{200B}",
    "離婚",
    "工钱",
    "PLIB",
    "PLIR",
    "PLIT",
    "PLID",
    "\u{80}\u{80}\u{80}\u{80}\u{80}\u{80}\u{80}\u{80}\u{80}\u{1}",
    "\u{ff}",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A few random edits of a seed: byte flips, inserted tokens or bytes, cut, repeated or spliced
/// ranges. The first byte (a target's mode or file choice) is sometimes kept, sometimes not.
fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(8) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.insert(at, rng.next() as u8),
            2 | 3 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            4 if at < v.len() => {
                let end = (at + 1 + rng.below(64)).min(v.len());
                v.drain(at..end);
            }
            5 if at < v.len() => {
                let end = (at + 1 + rng.below(32)).min(v.len());
                let piece = v[at..end].to_vec();
                for _ in 0..1 + rng.below(8) {
                    v.splice(at..at, piece.iter().copied());
                }
            }
            6 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + 1 + rng.below(128)).min(other.len());
                v.splice(at..at, other[from..end].iter().copied());
            }
            _ => v.truncate(at),
        }
    }
    v
}

/// Runs one target's body on its seeds and `runs` mutated inputs; a panic names the input.
fn smoke(target: &str) {
    let runs = RUNS.iter().find(|r| r.0 == target).map(|r| r.1).unwrap_or(1000);
    let seeds = bodies::seeds(target);
    assert!(!seeds.is_empty(), "{target} has no seeds");
    let check = |what: &str, data: &[u8]| {
        if let Err(e) = std::panic::catch_unwind(|| bodies::run(target, data)) {
            eprintln!("fuzz_smoke {target}: {what} panicked on {} bytes: {:?}", data.len(), String::from_utf8_lossy(data));
            eprintln!("  as hex: {}", data.iter().map(|b| format!("{b:02x}")).collect::<String>());
            std::panic::resume_unwind(e);
        }
    };
    for (name, data) in &seeds {
        check(&format!("seed {name}"), data);
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ target.len() as u64);
    for i in 0..runs {
        let seed = &seeds[rng.below(seeds.len())].1;
        let other = &seeds[rng.below(seeds.len())].1;
        let data = if i % 16 == 15 { (0..rng.below(64)).map(|_| rng.next() as u8).collect() } else { mutate(&mut rng, seed, other) };
        check(&format!("input {i}"), &data);
    }
}

#[test]
fn content_compile() {
    smoke("content_compile");
}

#[test]
fn tree_answers() {
    smoke("tree_answers");
}

#[test]
fn quiz_progress() {
    smoke("quiz_progress");
}

#[test]
fn search_bundle() {
    smoke("search_bundle");
}

#[test]
fn search_query() {
    smoke("search_query");
}

#[test]
fn calc_fields() {
    smoke("calc_fields");
}

#[test]
fn citation() {
    smoke("citation");
}

/// Writes every target's seeds (committed and generated) to `fuzz/corpus/<target>/`, where
/// `cargo fuzz run` starts from. Run before fuzzing: see fuzz/README.md.
#[test]
#[ignore]
fn write_seeds() {
    for target in bodies::TARGETS {
        let dir = bodies::repo_root().join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, data) in bodies::seeds(target) {
            std::fs::write(dir.join(format!("seed-{name}")), data).unwrap();
        }
    }
}

#[test]
fn worker_messages() {
    smoke("worker_messages");
}
