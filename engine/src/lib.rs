//! Pocket Law's engine: everything that must give the same answer in the build, the CLI and the
//! browser. It does no file or network I/O and knows nothing of Leptos or the DOM.
//!
//! - [`text`]: how is text normalised and cut into tokens? (one tokenizer for index and query)
//! - [`lexicon`]: which legal terms does a colloquial query also mean?
//! - [`citation`]: what is a citation, and how are law names and article numbers normalised?
//! - [`model`]: what does the app ship? (county, topics, directory, catalog, pages, quiz)
//! - [`eval`]: how good is search on labelled real questions (hit@1, hit@5, MRR per topic)?
//! - [`bundle`]: how are the shipped files encoded, and which format version are they?
//! - [`quiz`]: which month, is this answer right, what goes in the wrong-answer notebook?
//! - [`tree`]: where does a list of answers lead in a decision tree, and is the tree sound?
//! - [`search`]: the index in pieces and, given a query, which documents match?
//! - [`form`]: legal forms: which questions are asked, is an answer acceptable, the filled-in
//!   document and its plain text, amounts in 大写 capitals
//! - [`html`]: the one HTML escaper (snippets here, the builder's pages and rendered content)
//! - [`library`]: the statute library: which law or article does a query name, which articles match?
//! - [`contract`]: what the halves say to each other: the search worker's messages, storage keys
//! - [`worker`]: the search worker's logic without I/O: which files to fetch, what to answer
//! - [`calc`]: statutory calculators (deadlines, court fees, work-injury lump sums, severance,
//!   overtime): typed inputs checked field by field, exact money, the articles they rest on

pub mod bundle;
pub mod calc;
pub mod citation;
pub mod contract;
mod error;
pub mod eval;
pub mod form;
pub mod html;
pub mod lexicon;
pub mod library;
pub mod model;
pub mod quiz;
pub mod search;
mod t2s;
pub mod text;
pub mod tree;
pub mod worker;

pub use error::EngineError;
