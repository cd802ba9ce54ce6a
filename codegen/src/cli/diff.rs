//! `codegen diff [OLD NEW]`: the spec-change report on the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::Error;
use codegen::diff::render::{self, Verdict};
use codegen::diff::{Report, Severity, Snapshot, Version};

use crate::{FAIL_ON, FAILED, SDK_CRATE, USAGE_OR_IO, failure};

/// Where the two sides of `codegen diff` come from.
pub(crate) enum Sides {
    /// Two spec files or directories.
    Paths(PathBuf, PathBuf),
    /// A spec directory in the working tree, and the same directory at a git revision.
    Git { spec_dir: PathBuf, base: String },
}

pub(crate) struct DiffOptions {
    sides: Sides,
    json: bool,
    fail_on: Option<Severity>,
    /// The crate's version; read from the SDK's manifest when not given.
    current_version: Option<Version>,
    manifest: PathBuf,
}

pub(crate) fn parse(
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

/// `codegen diff`: loads both sides, prints the report, and exits 0 (or 3 with `--fail-on`).
pub(crate) fn run(options: &DiffOptions) -> ExitCode {
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
pub(crate) fn summarize_spec_changes(options: &crate::Options) {
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
