//! `cargo run -p codegen [-- --check]`: regenerates `generated/src` from `spec/`.

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::{Error, Generator};

const USAGE: &str = "\
usage: codegen [--check] [--spec DIR] [--out DIR]

Regenerates the SDK crate's sources from the YAML spec.
  --check      write nothing; exit 1 and list stale files if generated code is out of date
  --spec DIR   spec directory (default: spec/ of the workspace)
  --out DIR    output directory (default: generated/src of the workspace)";

/// The generated crate, as code refers to it.
const SDK_CRATE: &str = "cloudflare_sdk";

/// Exit code for spec errors and stale files.
const FAILED: u8 = 1;
/// Exit code for usage and I/O errors.
const USAGE_OR_IO: u8 = 2;

struct Options {
    check: bool,
    spec_dir: PathBuf,
    out_dir: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.clone(), PathBuf::from);
    let mut options = Options {
        check: false,
        spec_dir: workspace.join("spec"),
        out_dir: workspace.join("generated/src"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--spec" => options.spec_dir = args.next().ok_or("--spec needs a directory")?.into(),
            "--out" => options.out_dir = args.next().ok_or("--out needs a directory")?.into(),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(if message.is_empty() { 0 } else { USAGE_OR_IO });
        }
    };
    let generator = Generator::new(&options.spec_dir, &options.out_dir, SDK_CRATE);
    let result = if options.check {
        generator.check()
    } else {
        generator.generate()
    };
    match result {
        Ok((rendered, changes)) => {
            if !rendered.warnings.0.is_empty() {
                eprint!("{}", rendered.warnings);
            }
            report(options.check, &changes)
        }
        Err(err) => {
            eprint!("{err}");
            if !err.to_string().ends_with('\n') {
                eprintln!();
            }
            ExitCode::from(match err {
                Error::Spec(_) | Error::Internal(_) => FAILED,
                Error::Io { .. } | Error::Usage(_) => USAGE_OR_IO,
            })
        }
    }
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
