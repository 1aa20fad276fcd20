//! `pocketlaw`: the command line over the same data and engine as the app.
//! One file per subcommand in cli/cmd/.

mod cmd;
mod data;

use anyhow::Result;

const USAGE: &str = "\
pocketlaw — 掌上法律服务 command line

USAGE:
  pocketlaw search \"<query>\" [--limit N] [--kind guide|faq|quiz] [--json] [--topics]
  pocketlaw search --batch [--limit N] [--kind K] --json     one query per stdin line, one JSON array per line
  pocketlaw eval --questions FILE [--json] [--brief] [--set k=v]  hit@1, hit@5, MRR per topic on labelled questions, and the misses
  pocketlaw catalog [--json]                                 every document, its citations and whether they resolved
  pocketlaw check [--content DIR] [--statutes DIR|none]      compile a content folder and print every error
  pocketlaw tree --list [--json] | tree <id> [--json|--diagram|--answers 0.2.1]
  pocketlaw quiz --list [--json] | quiz <YYYY-MM> --json
  pocketlaw calc --list [--json] | calc <id> key=value… [--json] [--ics FILE|-]
                                                             statutory calculators (deadline, court-fee, severance…)
  pocketlaw form --list [--json] | form <id> [--json] | form <id> --answers FILE.json [--text|--json]
                                                             legal forms: the finished paper as text (bad answers → exit 2)
  pocketlaw export --out DIR                                 write the embedded site data (what the browser loads)
  pocketlaw site --app DIR --out DIR [--content DIR]         assemble the static site with hashed asset names
  pocketlaw stats [--content DIR]                            reading level per guide, topic coverage
  pocketlaw sizes [--site DIR]                               bytes (raw, gzip, brotli) for first paint and for search
  pocketlaw sizes --queries FILE [--limit N]                 what a cold phone downloads for each query (index pieces)
  pocketlaw library [--out DIR] [--statutes DIR] [--no-brotli] build the statute library (default DIR target/library)
  pocketlaw law list [--json]                                every law in the library: date, status, articles
  pocketlaw law show \"<law>\" [--article N] [--json]         a law's table of contents and text, or one article
  pocketlaw law search \"<q>\" [--law NAME] [--limit N] [--json]  search the library (article, law name or words)
  pocketlaw law sizes --queries FILE [--limit N]             what a cold phone downloads per library query
                                                             (law commands take --library DIR)
";

fn main() {
    // Like any Unix filter: a closed pipe (`pocketlaw catalog --json | head`) ends the program
    // quietly instead of a panic with a backtrace.
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result: Result<i32> = match args.first().map(String::as_str) {
        Some("search") => cmd::search::run(&args[1..]),
        Some("catalog") => cmd::catalog::run(&args[1..]),
        Some("check") => cmd::check::run(&args[1..]),
        Some("eval") => cmd::eval::run(&args[1..]),
        Some("export") => cmd::export::run(&args[1..]),
        Some("site") => cmd::site::run(&args[1..]),
        Some("quiz") => cmd::quiz::run(&args[1..]),
        Some("tree") => cmd::tree::run(&args[1..]),
        Some("calc") => cmd::calc::run(&args[1..]),
        Some("form") => cmd::form::run(&args[1..]),
        Some("stats") => cmd::stats::run(&args[1..]),
        Some("sizes") => cmd::sizes::run(&args[1..]),
        Some("library") => cmd::library::run(&args[1..]),
        Some("law") => cmd::law::run(&args[1..]),
        Some("-h") | Some("--help") | Some("help") | None => {
            print!("{USAGE}");
            Ok(0)
        }
        Some(other) => {
            eprint!("unknown command `{other}`\n\n{USAGE}");
            Ok(2)
        }
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(1);
        }
    }
}
