//! One file per page. The site build draws each route's static page from these same components
//! (`crate::ssr`, server-side rendering on the host), so the static page and the app's cannot drift.

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
