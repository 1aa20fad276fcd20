//! One file per page.

pub mod directory;
pub mod doc;
pub mod home;
pub mod law;
pub mod not_found;
pub mod quiz;
pub mod topic;
pub mod tree;
