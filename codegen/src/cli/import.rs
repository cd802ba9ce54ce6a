//! `codegen import`: spec files from OpenAPI documents on the command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::{FAILED, USAGE_OR_IO};

/// What `codegen import` reads and where it writes.
pub(crate) struct ImportOptions {
    /// Read this config, or (when `documents` is not empty) none.
    config: PathBuf,
    documents: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    check: bool,
    /// Write the coverage report as JSON to stdout instead of a table after the warnings.
    json: bool,
}

/// The arguments after `import`.
pub(crate) fn parse(
    mut args: impl Iterator<Item = std::ffi::OsString>,
    workspace: &Path,
) -> Result<ImportOptions, String> {
    let mut options = ImportOptions {
        config: workspace.join("openapi/import.yaml"),
        documents: Vec::new(),
        out_dir: None,
        check: false,
        json: false,
    };
    let mut config_given = false;
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--check") => options.check = true,
            Some("--format") => match args.next().as_ref().and_then(|f| f.to_str()) {
                Some("json") => options.json = true,
                Some("human") => options.json = false,
                _ => return Err("--format needs `human` or `json`".to_owned()),
            },
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
        return Err(
            "import documents with `--out DIR`, or import as a config says with `--config FILE`"
                .to_owned(),
        );
    }
    Ok(options)
}

/// `codegen import`: imports, prints the report, writes (or with `--check` compares).
pub(crate) fn run(options: &ImportOptions) -> ExitCode {
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
    if options.json {
        match serde_json::to_string_pretty(&imported.coverage.json()) {
            Ok(json) => println!("{json}"),
            Err(err) => {
                eprintln!("error: cannot write the coverage report: {err}");
                return ExitCode::from(USAGE_OR_IO);
            }
        }
    } else {
        eprint!("{}", imported.coverage.table());
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
