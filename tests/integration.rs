//! Every integration test, as one test binary (a link per binary is the slow part of a build).
//! Run one area with `cargo test --release --test integration <module>::`, e.g. `relevance::`.

mod cli;
mod content_errors;
mod content_quality;
mod relevance;
mod search;
mod trees;
