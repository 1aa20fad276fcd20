//! One file per page. The build draws a static copy of the home, topic and document pages as
//! the boot shell (`builder/src/boot.rs`); keep their markup in step, or the switch from the
//! shell to the app shows (the paint tests in `tests/e2e/paint.test.mjs` catch it).

pub mod calc;
pub mod directory;
pub mod doc;
pub mod form;
pub mod home;
pub mod law;
pub mod laws;
pub mod not_found;
pub mod notice;
pub mod quiz;
pub mod topic;
pub mod tree;
