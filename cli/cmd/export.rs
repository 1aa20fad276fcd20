//! `pocketlaw export --out DIR`: write the embedded site data, byte for byte.

use crate::data::{files, Args};
use anyhow::{anyhow, Result};
use std::path::Path;

pub fn run(args: &[String]) -> Result<i32> {
    let out = Args::new(args).value("--out")?.ok_or_else(|| anyhow!("--out DIR is required"))?;
    for (name, bytes) in files() {
        let path = Path::new(out).join(name);
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(&path, bytes)?;
    }
    println!("wrote {} files to {out}", files().len());
    Ok(0)
}
