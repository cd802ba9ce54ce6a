//! `cargo run -p codegen [-- --check]`: regenerates `generated/src` from `spec/`;
//! `cargo run -p codegen -- check [PATH…]` only validates the spec;
//! `cargo run -p codegen -- diff [OLD NEW]` reports what a spec change breaks;
//! `cargo run -p codegen -- import …` writes spec files from OpenAPI documents.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::{Config, Error};

const USAGE: &str = "\
usage: codegen [--check] [--spec DIR] [--out DIR]
       codegen check [PATH...]
       codegen diff [OLD NEW] [--format human|json] [--fail-on breaking|wire|additive]
                    [--spec DIR] [--base REV] [--current-version VERSION]
       codegen import [--config FILE] [--check] [--format human|json]
       codegen import DOCUMENT... --out DIR [--check] [--format human|json]

Regenerates the SDK crate's sources from the YAML spec; writes nothing if the spec has errors.
  --check      write nothing; exit 1 and list stale files if generated code is out of date
  --spec DIR   spec directory (default: spec/ of the workspace)
  --out DIR    output directory (default: generated/src of the workspace)

`check` validates spec files (a directory stands for its *.yaml files; default: spec/ of
the workspace) and writes nothing.

`diff` compares two specs (files or directories) and reports, per change, what happens to
code written against the crate generated from OLD: breaking, additive, wire or docs; then
the semver bump and the next version. Without OLD and NEW it compares the spec directory
(--spec, default: spec/ of the workspace) with the same directory at git revision --base
(default: HEAD).
  --format json      print one JSON object instead of the rustc-style text
  --fail-on SEVERITY exit 3 when a change is at least that serious
                     (breaking > wire > additive)
  --current-version  the crate's version (default: from generated/Cargo.toml)

`import` writes spec files from OpenAPI 3.0 documents (JSON or YAML): with no document, as
the import config says (default: openapi/import.yaml of the workspace); with documents,
every operation of each with the default rules, one spec file per document in --out DIR.
It prints what the spec format cannot express, at its place in the document, then the
coverage: per product, operations imported fully typed, with an `any`, and skipped.
  --check      write nothing; exit 1 and list stale files if the spec files are out of date
  --format json  write the coverage as JSON to stdout, with every operation that is not
               fully typed: where each `any` is and why, or why it was skipped

Exit status: 0 fine (warnings allowed; for diff: the report was made), 1 spec errors or
stale files, 2 usage or I/O error, 3 diff --fail-on found such a change.";

/// The generated crate, as user code refers to it: the diff names Rust items under it.
pub(crate) const SDK_CRATE: &str = "cloudflare_sdk";

/// Exit code for spec errors and stale files.
pub(crate) const FAILED: u8 = 1;
/// Exit code for usage and I/O errors.
pub(crate) const USAGE_OR_IO: u8 = 2;
/// Exit code of `diff --fail-on` when the report has such a change.
pub(crate) const FAIL_ON: u8 = 3;

struct Options {
    check: bool,
    spec_dir: PathBuf,
    out_dir: PathBuf,
}

/// What the command line asks for.
enum Command {
    /// Generate (or, with `--check`, compare with what is on disk).
    Generate(Options),
    /// Validate these spec files and directories; write nothing.
    Validate(Vec<PathBuf>),
    /// Report what changed between two specs.
    Diff(cli::diff::DiffOptions),
    /// Import OpenAPI documents into spec files.
    Import(cli::import::ImportOptions),
}

/// The workspace this command belongs to.
pub(crate) fn workspace() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.clone(), PathBuf::from)
}

fn parse_args() -> Result<Command, String> {
    let workspace = workspace();
    let mut args = std::env::args_os().skip(1).peekable();
    if args.peek().is_some_and(|arg| arg == "diff") {
        args.next();
        return cli::diff::parse(args, &workspace).map(Command::Diff);
    }
    if args.peek().is_some_and(|arg| arg == "import") {
        args.next();
        return cli::import::parse(args, &workspace).map(Command::Import);
    }
    if args.peek().is_some_and(|arg| arg == "check") {
        args.next();
        let mut paths = Vec::new();
        for arg in args {
            match arg.to_str() {
                Some("-h" | "--help") => return Err(String::new()),
                Some(flag) if flag.starts_with('-') => {
                    return Err(format!("unexpected option `{flag}` for `check`"));
                }
                _ => paths.push(PathBuf::from(arg)),
            }
        }
        if paths.is_empty() {
            paths.push(workspace.join("spec"));
        }
        return Ok(Command::Validate(paths));
    }
    let mut options = Options {
        check: false,
        spec_dir: workspace.join("spec"),
        out_dir: workspace.join("generated/src"),
    };
    while let Some(arg) = args.next() {
        match arg.to_str().unwrap_or_default() {
            "--check" => options.check = true,
            "--spec" => options.spec_dir = args.next().ok_or("--spec needs a directory")?.into(),
            "--out" => options.out_dir = args.next().ok_or("--out needs a directory")?.into(),
            "-h" | "--help" => return Err(String::new()),
            _ => return Err(format!("unexpected argument `{}`", arg.to_string_lossy())),
        }
    }
    Ok(Command::Generate(options))
}

fn main() -> ExitCode {
    let command = match parse_args() {
        Ok(command) => command,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(if message.is_empty() { 0 } else { USAGE_OR_IO });
        }
    };
    let options = match command {
        Command::Generate(options) => options,
        Command::Validate(paths) => return validate(&paths),
        Command::Diff(options) => return cli::diff::run(&options),
        Command::Import(options) => return cli::import::run(&options),
    };
    let config = Config::checked_in_sdk(&workspace())
        .spec_dir(&options.spec_dir)
        .out_dir(&options.out_dir);
    let result = if options.check {
        config.check()
    } else {
        config.write()
    };
    match result {
        Ok((rendered, changes)) => {
            if !rendered.warnings.0.is_empty() {
                eprint!("{}", rendered.warnings);
            }
            let status = report(options.check, &changes);
            if !options.check && !changes.is_empty() {
                cli::diff::summarize_spec_changes(&options);
            }
            status
        }
        Err(err) => failure(&err),
    }
}

/// `codegen check`: reads and checks the spec, generating in memory, writing nothing.
fn validate(paths: &[PathBuf]) -> ExitCode {
    let options = Config::checked_in_sdk(&workspace()).options().clone();
    let result = codegen::read_spec_inputs(paths).and_then(|inputs| inputs.render(&options));
    match result {
        Ok(rendered) => {
            let warnings = rendered.warnings.0.len();
            if warnings > 0 {
                eprintln!("{}", rendered.warnings);
            }
            eprintln!("the spec has no errors and {warnings} warning(s)");
            ExitCode::SUCCESS
        }
        Err(err) => failure(&err),
    }
}

/// Prints `err` and returns its exit code.
pub(crate) fn failure(err: &Error) -> ExitCode {
    let text = err.to_string();
    eprint!("{text}");
    if !text.ends_with('\n') {
        eprintln!();
    }
    ExitCode::from(match err {
        Error::Spec(_) | Error::Internal(_) => FAILED,
        Error::Io { .. } | Error::Usage(_) => USAGE_OR_IO,
    })
}

fn report(check: bool, changes: &codegen::write::Changes) -> ExitCode {
    if check {
        if changes.is_empty() {
            eprintln!("generated code is up to date");
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "error: generated code is stale; run `cargo run -p codegen` and commit the result"
        );
        for path in &changes.outdated {
            eprintln!("  outdated: {}", path.display());
        }
        for path in &changes.obsolete {
            eprintln!("  obsolete: {}", path.display());
        }
        return ExitCode::from(FAILED);
    }
    for path in &changes.outdated {
        eprintln!("wrote {}", path.display());
    }
    for path in &changes.obsolete {
        eprintln!("removed {}", path.display());
    }
    if changes.is_empty() {
        eprintln!("generated code is up to date");
    }
    ExitCode::SUCCESS
}
