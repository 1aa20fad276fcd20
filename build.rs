//! Compiles content/ at `cargo build` time (stages in builder/). A content mistake fails the build
//! with `file:line: what is wrong`. The output lands in $OUT_DIR/site-data, and the CLI embeds
//! exactly those bytes (`site_data.rs`), so the CLI searches the same index the browser loads.
//!
//! POCKETLAW_CONTENT: the content folder (default: content/).
//! POCKETLAW_STATUTES: the statute pack (default: ../shared/statutes if present; `none` to skip).

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let content = std::env::var("POCKETLAW_CONTENT").map(PathBuf::from).unwrap_or_else(|_| root.join("content"));
    let named = std::env::var("POCKETLAW_STATUTES").ok();
    let statutes = pocketlaw_builder::find_statutes(&root, named.as_deref());
    println!("cargo:rerun-if-env-changed=POCKETLAW_CONTENT");
    println!("cargo:rerun-if-env-changed=POCKETLAW_STATUTES");
    println!("cargo:rerun-if-changed={}", content.display());
    println!("cargo:rerun-if-changed=build.rs");
    if let Some(s) = &statutes {
        println!("cargo:rerun-if-changed={}", s.display());
    } else {
        println!("cargo:warning=no statute pack: citations are not checked and ship as plain text");
    }

    let data = match pocketlaw_builder::compile(&content, statutes.as_deref()) {
        Ok(d) => d,
        Err(diags) => {
            let base = content.display().to_string();
            for d in &diags.0 {
                eprintln!("{base}/{d}");
            }
            eprintln!("error: {} content error(s); fix them and build again", diags.len());
            std::process::exit(1);
        }
    };
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("site-data");
    let _ = std::fs::remove_dir_all(&out);
    let names = data.write_to(&out).unwrap_or_else(|e| {
        eprintln!("error: cannot write the site data: {}", pocketlaw_builder::error::chain(&e));
        std::process::exit(1);
    });
    write_embed(&out, &names);
}

/// Generates `site_data.rs`: every shipped file, embedded with include_bytes!.
fn write_embed(dir: &Path, names: &[String]) {
    let mut rs = String::from("/// The compiled content, byte for byte as the site ships it.\npub static FILES: &[(&str, &[u8])] = &[\n");
    for n in names {
        rs.push_str(&format!("    ({n:?}, include_bytes!({:?})),\n", dir.join(n).display().to_string()));
    }
    rs.push_str("];\n");
    std::fs::write(dir.parent().unwrap().join("site_data.rs"), rs).expect("write site_data.rs");
}
