//! Every integration test, as one test binary (a link per binary is the slow part of a build).
//! Run one area with `cargo test --release --test integration <module>::`, e.g. `relevance::`.

mod calc;
mod cli;
mod content_errors;
mod content_quality;
mod contract;
mod forms;
mod fuzz_smoke;
mod library;
mod relevance;
mod search;
mod trees;

/// The statute pack beside the repository, which the citation checks need. Without it those checks
/// are skipped, loudly (a fresh clone without the pack proves less than it seems to); with
/// `POCKETLAW_REQUIRE_STATUTES` set, its absence fails the test instead.
pub fn statute_pack(test: &str) -> Option<std::path::PathBuf> {
    let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/statutes");
    if pack.is_dir() {
        return Some(pack);
    }
    assert!(std::env::var_os("POCKETLAW_REQUIRE_STATUTES").is_none(), "{test}: no statute pack at {}", pack.display());
    eprintln!("\n!!! SKIPPED {test}: no statute pack at {} — citations are NOT checked against the law !!!\n", pack.display());
    None
}
