//! The site data compiled by build.rs, embedded in the binary.

use anyhow::{anyhow, Context, Result};
use pocketlaw_engine::bundle::decode_json;
use pocketlaw_engine::model::{Catalog, TopicChunk};
use pocketlaw_engine::search::SearchEngine;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/site_data.rs"));
}

pub fn files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

pub fn file(name: &str) -> Result<&'static [u8]> {
    files().iter().find(|f| f.0 == name).map(|f| f.1).ok_or_else(|| anyhow!("{name} is not in the build"))
}

pub fn catalog() -> Result<Catalog> {
    decode_json(file("catalog.json")?).context("catalog.json")
}

pub fn topic(slug: &str) -> Result<TopicChunk> {
    decode_json(file(&format!("topics/{slug}.json"))?).with_context(|| format!("topics/{slug}.json"))
}

pub fn engine() -> Result<SearchEngine> {
    SearchEngine::from_bundle_bytes(file("search.bin")?).context("search.bin")
}

/// A tiny flag parser: `--name value` and `--flag`.
pub struct Args<'a> {
    args: &'a [String],
}

impl<'a> Args<'a> {
    pub fn new(args: &'a [String]) -> Args<'a> {
        Args { args }
    }

    pub fn flag(&self, name: &str) -> bool {
        self.args.iter().any(|a| a == name)
    }

    pub fn value(&self, name: &str) -> Result<Option<&'a str>> {
        match self.args.iter().position(|a| a == name) {
            None => Ok(None),
            Some(i) => self.args.get(i + 1).map(|s| Some(s.as_str())).ok_or_else(|| anyhow!("{name} needs a value")),
        }
    }

    /// Arguments that are neither flags nor flag values.
    pub fn positional(&self, with_values: &[&str]) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut skip = false;
        for a in self.args {
            if skip {
                skip = false;
            } else if with_values.contains(&a.as_str()) {
                skip = true;
            } else if !a.starts_with("--") {
                out.push(a.as_str());
            }
        }
        out
    }
}
