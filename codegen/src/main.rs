//! `cargo run -p codegen [-- --check]`: regenerates `generated/src` from `spec/`;
//! `cargo run -p codegen -- check [PATH…]` only validates the spec;
//! `cargo run -p codegen -- diff [OLD NEW]` reports what a spec change breaks.

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::diff::render::{self, Verdict};
use codegen::diff::{Report, Severity, Snapshot, Version};
use codegen::{Config, Error};

const USAGE: &str = "\
usage: codegen [--check] [--spec DIR] [--out DIR]
       codegen check [PATH...]
       codegen diff [OLD NEW] [--format human|json] [--fail-on breaking|wire|additive]
                    [--spec DIR] [--base REV] [--current-version VERSION]

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

Exit status: 0 fine (warnings allowed; for diff: the report was made), 1 spec errors or
stale files, 2 usage or I/O error, 3 diff --fail-on found such a change.";

/// The generated crate, as user code refers to it: the diff names Rust items under it.
const SDK_CRATE: &str = "cloudflare_sdk";

/// Exit code for spec errors and stale files.
const FAILED: u8 = 1;
/// Exit code for usage and I/O errors.
const USAGE_OR_IO: u8 = 2;
/// Exit code of `diff --fail-on` when the report has such a change.
const FAIL_ON: u8 = 3;

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
    Diff(DiffOptions),
}

/// Where the two sides of `codegen diff` come from.
enum Sides {
    /// Two spec files or directories.
    Paths(PathBuf, PathBuf),
    /// A spec directory in the working tree, and the same directory at a git revision.
    Git { spec_dir: PathBuf, base: String },
}

struct DiffOptions {
    sides: Sides,
    json: bool,
    fail_on: Option<Severity>,
    /// The crate's version; read from the SDK's manifest when not given.
    current_version: Option<Version>,
    manifest: PathBuf,
}

/// The workspace this command belongs to.
fn workspace() -> PathBuf {
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
        return parse_diff_args(args, &workspace).map(Command::Diff);
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

fn parse_diff_args(
    mut args: impl Iterator<Item = std::ffi::OsString>,
    workspace: &std::path::Path,
) -> Result<DiffOptions, String> {
    let mut paths = Vec::new();
    let (mut json, mut fail_on, mut current_version) = (false, None, None);
    let (mut spec_dir, mut base) = (None, None);
    while let Some(arg) = args.next() {
        let Some(text) = arg.to_str() else {
            paths.push(PathBuf::from(arg));
            continue;
        };
        let mut value = |flag: &str| -> Result<String, String> {
            args.next()
                .and_then(|v| v.into_string().ok())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match text {
            "-h" | "--help" => return Err(String::new()),
            "--format" => match value("--format")?.as_str() {
                "json" => json = true,
                "human" => json = false,
                other => return Err(format!("unknown format `{other}` (use human or json)")),
            },
            "--fail-on" => {
                let severity = value("--fail-on")?;
                fail_on = Some(match severity.as_str() {
                    "breaking" => Severity::Breaking,
                    "wire" => Severity::Wire,
                    "additive" => Severity::Additive,
                    other => {
                        return Err(format!(
                            "unknown severity `{other}` for --fail-on (use breaking, wire or additive)"
                        ));
                    }
                });
            }
            "--current-version" => {
                current_version = Some(value("--current-version")?.parse::<Version>()?);
            }
            "--spec" => spec_dir = Some(PathBuf::from(value("--spec")?)),
            "--base" => base = Some(value("--base")?),
            flag if flag.starts_with('-') => {
                return Err(format!("unexpected option `{flag}` for `diff`"));
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let sides = match <[PathBuf; 2]>::try_from(paths) {
        Ok([old, new]) if spec_dir.is_none() && base.is_none() => Sides::Paths(old, new),
        Ok(_) => return Err("--spec and --base compare with git; they take no OLD NEW".into()),
        Err(paths) if paths.is_empty() => Sides::Git {
            spec_dir: spec_dir.unwrap_or_else(|| workspace.join("spec")),
            base: base.unwrap_or_else(|| "HEAD".to_owned()),
        },
        Err(_) => return Err("`diff` takes two paths, OLD and NEW, or none".into()),
    };
    Ok(DiffOptions {
        sides,
        json,
        fail_on,
        current_version,
        manifest: workspace.join("generated/Cargo.toml"),
    })
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
        Command::Diff(options) => return diff(&options),
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
                summarize_spec_changes(&options);
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

/// `codegen diff`: loads both sides, prints the report, and exits 0 (or 3 with `--fail-on`).
fn diff(options: &DiffOptions) -> ExitCode {
    let (old, new) = match &options.sides {
        Sides::Paths(old, new) => (read_warning_of_skipped(old), read_warning_of_skipped(new)),
        Sides::Git { spec_dir, base } => (
            codegen::git::read_spec_at(spec_dir, base),
            read_warning_of_skipped(spec_dir),
        ),
    };
    let (old, new) = match (
        old.and_then(Snapshot::from_sources),
        new.and_then(Snapshot::from_sources),
    ) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let errors = [("OLD", old.err()), ("NEW", new.err())];
            // A usage or I/O problem says more than the other side's spec errors.
            if let Some((_, Some(err))) = errors
                .iter()
                .find(|(_, err)| err.as_ref().is_some_and(|e| !matches!(e, Error::Spec(_))))
            {
                return failure(err);
            }
            for (side, err) in &errors {
                if let Some(err) = err {
                    print_side_error(side, err);
                }
            }
            return ExitCode::from(FAILED);
        }
    };
    let current = match &options.current_version {
        Some(version) => version.clone(),
        None => match Version::of_manifest(&options.manifest) {
            Ok(version) => version,
            Err(problem) => {
                eprintln!("error: cannot read the crate's version: {problem}");
                eprintln!("  = help: pass it with --current-version");
                return ExitCode::from(USAGE_OR_IO);
            }
        },
    };
    let report = codegen::diff::compare(&old, &new, SDK_CRATE);
    let verdict = Verdict::new(&report, current);
    if options.json {
        print!("{}", render::json(&report, &verdict));
    } else {
        print!("{}", render::human(&report, &verdict));
    }
    match options.fail_on {
        Some(threshold) if report.has_at_least(threshold) => {
            eprintln!(
                "error: the spec change has {} changes or worse (--fail-on {})",
                threshold.as_str(),
                threshold.as_str()
            );
            ExitCode::from(FAIL_ON)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The spec files at `path`, printing a warning for each file that looks like a spec
/// file but was skipped.
fn read_warning_of_skipped(
    path: &std::path::Path,
) -> Result<Vec<codegen::diagnostic::SourceFile>, Error> {
    let inputs = codegen::read_spec_inputs(&[path.to_owned()])?;
    for warning in &inputs.skipped {
        eprintln!("{warning}");
    }
    Ok(inputs.sources)
}

/// Prints the errors of one side of a diff, as `check` shows them.
fn print_side_error(side: &str, err: &Error) {
    match err {
        Error::Spec(diagnostics) => {
            for diagnostic in &diagnostics.0 {
                eprintln!("{diagnostic}");
            }
            let errors = diagnostics.0.iter().filter(|d| d.is_error()).count();
            eprintln!("error: the {side} spec has {errors} error(s); no report was made\n");
        }
        other => eprintln!("{other}"),
    }
}

/// After generation wrote files: one line on what the spec change means for users, against
/// git HEAD; nothing without git, or when the spec is unchanged since HEAD.
fn summarize_spec_changes(options: &Options) {
    let Ok(old) = codegen::git::read_spec_at(&options.spec_dir, "HEAD") else {
        return;
    };
    let sides = Snapshot::from_sources(old).and_then(|old| {
        let new = codegen::read_spec_dir(&options.spec_dir)?;
        Ok((old, Snapshot::from_sources(new)?))
    });
    let Ok((old, new)) = sides else { return };
    let report: Report = codegen::diff::compare(&old, &new, SDK_CRATE);
    let manifest = options
        .out_dir
        .parent()
        .map(|crate_dir| crate_dir.join("Cargo.toml"));
    let current = manifest.and_then(|path| Version::of_manifest(&path).ok());
    if let Some(line) = render::summary(&report, "HEAD", current.as_ref()) {
        eprintln!("{line}");
    }
}

/// Prints `err` and returns its exit code.
fn failure(err: &Error) -> ExitCode {
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
