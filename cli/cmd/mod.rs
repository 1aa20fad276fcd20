pub mod catalog;
pub mod check;
pub mod export;
pub mod search;
pub mod site;
pub mod sizes;
pub mod stats;
pub mod tree;
