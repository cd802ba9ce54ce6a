//! `cargo run -p codegen [-- --check]`: regenerates `generated/src` from `spec/`;
//! `cargo run -p codegen -- check [PATH…]` only validates the spec;
//! `cargo run -p codegen -- import …` writes spec files from OpenAPI documents.

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::{Error, Generator};

const USAGE: &str = "\
usage: codegen [--check] [--spec DIR] [--out DIR]
       codegen check [PATH...]
       codegen import [--config FILE] [--check]
       codegen import DOCUMENT... --out DIR [--check]

Regenerates the SDK crate's sources from the YAML spec; writes nothing if the spec has errors.
  --check      write nothing; exit 1 and list stale files if generated code is out of date
  --spec DIR   spec directory (default: spec/ of the workspace)
  --out DIR    output directory (default: generated/src of the workspace)

`check` validates spec files (a directory stands for its *.yaml files; default: spec/ of
the workspace) and writes nothing.

`import` writes spec files from OpenAPI 3.0 documents (JSON or YAML): with no document, as
the import config says (default: openapi/import.yaml of the workspace); with documents,
every operation of each with the default rules, one spec file per document in --out DIR.
It prints what the spec format cannot express, at its place in the document.
  --check      write nothing; exit 1 and list stale files if the spec files are out of date

Exit status: 0 fine (warnings allowed), 1 spec errors or stale files, 2 usage or I/O error.";

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

/// What the command line asks for.
enum Command {
    /// Generate (or, with `--check`, compare with what is on disk).
    Generate(Options),
    /// Validate these spec files and directories; write nothing.
    Validate(Vec<PathBuf>),
    /// Import OpenAPI documents into spec files.
    Import(ImportOptions),
}

/// What `codegen import` reads and where it writes.
struct ImportOptions {
    /// Read this config, or (when `documents` is not empty) none.
    config: PathBuf,
    documents: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    check: bool,
}

fn parse_args() -> Result<Command, String> {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.clone(), PathBuf::from);
    let mut args = std::env::args_os().skip(1).peekable();
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
    if args.peek().is_some_and(|arg| arg == "import") {
        args.next();
        let mut options = ImportOptions {
            config: workspace.join("openapi/import.yaml"),
            documents: Vec::new(),
            out_dir: None,
            check: false,
        };
        let mut config_given = false;
        while let Some(arg) = args.next() {
            match arg.to_str() {
                Some("--check") => options.check = true,
                Some("--config") => {
                    options.config = args.next().ok_or("--config needs a file")?.into();
                    config_given = true;
                }
                Some("--out") => {
                    options.out_dir = Some(args.next().ok_or("--out needs a directory")?.into())
                }
                Some("-h" | "--help") => return Err(String::new()),
                Some(flag) if flag.starts_with('-') => {
                    return Err(format!("unexpected option `{flag}` for `import`"));
                }
                _ => options.documents.push(PathBuf::from(arg)),
            }
        }
        if options.documents.is_empty() && options.out_dir.is_some() {
            return Err("--out goes with documents; a config says where it writes".to_owned());
        }
        if !options.documents.is_empty() && (config_given || options.out_dir.is_none()) {
            return Err("import documents with `--out DIR`, or import as a config says with `--config FILE`".to_owned());
        }
        return Ok(Command::Import(options));
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
        Command::Import(options) => return import(&options),
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
        Err(err) => failure(&err),
    }
}

/// `codegen check`: reads and checks the spec, generating in memory, writing nothing.
fn validate(paths: &[PathBuf]) -> ExitCode {
    let result =
        codegen::read_spec_paths(paths).and_then(|sources| codegen::render(sources, SDK_CRATE));
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

/// `codegen import`: imports, prints the report, writes (or with `--check` compares).
fn import(options: &ImportOptions) -> ExitCode {
    use codegen::import::{ImportError, import_documents, import_with_config};
    let result = match &options.out_dir {
        Some(out_dir) => import_documents(&options.documents, out_dir),
        None => import_with_config(&options.config),
    };
    let imported = match result {
        Ok(imported) => imported,
        Err(err) => {
            eprint!("{err}");
            return ExitCode::from(match err {
                ImportError::Invalid(_) => FAILED,
                ImportError::Io { .. } => USAGE_OR_IO,
            });
        }
    };
    if !imported.report.0.is_empty() {
        eprintln!("{}", imported.report);
    }
    eprintln!(
        "imported {} operation(s) as endpoints, skipped {} ({} warning(s) above)",
        imported.endpoints,
        imported.skipped,
        imported.report.0.len()
    );
    let changes = if options.check {
        imported.compare()
    } else {
        imported.write()
    };
    match changes {
        Ok(changes) if options.check && !changes.is_empty() => {
            eprintln!(
                "error: the imported spec files are stale; run `cargo run -p codegen -- import` and commit the result"
            );
            for path in changes.outdated.iter().chain(&changes.obsolete) {
                eprintln!("  stale: {}", path.display());
            }
            ExitCode::from(FAILED)
        }
        Ok(changes) => {
            for path in &changes.outdated {
                eprintln!("wrote {}", path.display());
            }
            for path in &changes.obsolete {
                eprintln!("removed {}", path.display());
            }
            if changes.is_empty() {
                eprintln!(
                    "the spec files in {} are up to date",
                    imported.out_dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprint!("{err}");
            ExitCode::from(USAGE_OR_IO)
        }
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
