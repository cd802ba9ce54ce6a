//! Generates a typed async Rust SDK from a YAML API description.
//!
//! The pipeline reads top to bottom, one module per stage, after an optional
//! [`import`] of OpenAPI documents into spec files:
//! [`spec`] (parse) → [`resolve`] (check, name) → [`model`] → [`emit`] (tokens) →
//! [`format`] → [`write`].
//!
//! ```no_run
//! // In a build script or a tool: regenerate `generated/src` from `spec/`.
//! let generator = codegen::Generator::new("spec", "generated/src", "cloudflare_sdk");
//! let (rendered, changes) = generator.generate()?;
//! eprint!("{}", rendered.warnings);
//! for path in &changes.outdated {
//!     println!("wrote {}", path.display());
//! }
//! # Ok::<(), codegen::Error>(())
//! ```

pub mod diagnostic;
pub mod emit;
pub mod format;
pub mod import;
pub mod model;
pub mod naming;
pub mod resolve;
pub mod spec;
pub mod validate;
pub mod write;
pub mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use diagnostic::{Diagnostic, Diagnostics, Location, SourceFile};
use write::{Changes, OutputFile};

/// Spec files larger than this are refused rather than parsed.
pub const MAX_SPEC_BYTES: u64 = 16 * 1024 * 1024;

/// Where the generator reads the spec and where generated files belong.
#[derive(Clone, Debug)]
pub struct Generator {
    spec_dir: PathBuf,
    out_dir: PathBuf,
    crate_name: String,
}

impl Generator {
    /// A generator reading every `*.yaml` file of `spec_dir` and writing into `out_dir`,
    /// the `src/` of the crate that code refers to as `crate_name` (e.g. `cloudflare_sdk`).
    pub fn new(
        spec_dir: impl Into<PathBuf>,
        out_dir: impl Into<PathBuf>,
        crate_name: impl Into<String>,
    ) -> Self {
        Self {
            spec_dir: spec_dir.into(),
            out_dir: out_dir.into(),
            crate_name: crate_name.into(),
        }
    }

    /// Reads, checks and generates everything in memory; writes nothing.
    pub fn render(&self) -> Result<Rendered, Error> {
        render(read_spec_dir(&self.spec_dir)?, &self.crate_name)
    }

    /// Renders and writes the files that changed; returns what changed.
    pub fn generate(&self) -> Result<(Rendered, Changes), Error> {
        let rendered = self.render()?;
        let changes = rendered.write_to(&self.out_dir)?;
        Ok((rendered, changes))
    }

    /// Renders and compares with the files on disk; returns what is stale.
    pub fn check(&self) -> Result<(Rendered, Changes), Error> {
        let rendered = self.render()?;
        let changes =
            write::compare(&rendered.files, &self.out_dir).map_err(|source| Error::Io {
                path: self.out_dir.clone(),
                source,
            })?;
        Ok((rendered, changes))
    }
}

/// The generated files, plus the warnings found on the way.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
}

impl Rendered {
    /// Writes the files that changed into `out_dir` and removes obsolete generated files.
    pub fn write_to(&self, out_dir: impl AsRef<Path>) -> Result<Changes, Error> {
        let out_dir = out_dir.as_ref();
        write::write(&self.files, out_dir).map_err(|source| Error::Io {
            path: out_dir.to_owned(),
            source,
        })
    }

    /// The text of the generated file at `path` (relative to the output directory).
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == Path::new(path))
            .map(|f| f.contents.as_str())
    }
}

/// Runs the pipeline on spec sources already in memory, for the crate named `crate_name`.
pub fn render(sources: Vec<SourceFile>, crate_name: &str) -> Result<Rendered, Error> {
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    for source in sources {
        match spec::parse(&source) {
            Ok(spec) => parsed.push((source, spec)),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    // A file that does not parse leaves its types undefined, so resolving the others
    // would report every use of them; report the parse errors alone.
    if !diagnostics.is_empty() {
        return Err(Error::Spec(Diagnostics(diagnostics).sorted()));
    }
    let (api, warnings) = resolve::resolve(&parsed).map_err(Error::Spec)?;
    let mut files = Vec::new();
    for file in emit::emit(&api, crate_name) {
        let contents = format::format_file(file.module_doc, &file.tokens).map_err(|err| {
            Error::Internal(format!("emitted invalid Rust for {}: {err}", file.path))
        })?;
        files.push(OutputFile {
            path: PathBuf::from(file.path),
            contents,
        });
    }
    Ok(Rendered { files, warnings })
}

/// Reads every `*.yaml` / `*.yml` file of `dir`, in name order.
pub fn read_spec_dir(dir: &Path) -> Result<Vec<SourceFile>, Error> {
    read_spec_paths(&[dir.to_owned()])
}

/// Reads the spec files named by `paths`: a directory stands for its `*.yaml` / `*.yml`
/// files, in name order; a file is read whatever its name.
pub fn read_spec_paths(paths: &[PathBuf]) -> Result<Vec<SourceFile>, Error> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if metadata.is_dir() {
            files.extend(spec_files_in(path)?);
        } else {
            files.push(path.clone());
        }
    }
    read_spec_files(&files)
}

/// The `*.yaml` / `*.yml` files of `dir`, in name order; a usage error when there are none.
fn spec_files_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let io_error = |source| Error::Io {
        path: dir.to_owned(),
        source,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io_error)? {
        let path = entry.map_err(io_error)?.path();
        if path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml")
        {
            paths.push(path);
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(Error::Usage(format!(
            "no *.yaml spec files in {}",
            dir.display()
        )));
    }
    Ok(paths)
}

/// Reads the given spec files. Unreadable, oversized or non-UTF-8 files are spec errors.
pub fn read_spec_files(paths: &[PathBuf]) -> Result<Vec<SourceFile>, Error> {
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        let shown = display_path(path);
        let empty = SourceFile {
            path: shown.clone(),
            text: String::new(),
        };
        let io_error = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let size = std::fs::metadata(path).map_err(io_error)?.len();
        if size > MAX_SPEC_BYTES {
            diagnostics.push(
                Diagnostic::error(format!(
                    "the spec file is {size} bytes, over the limit of {MAX_SPEC_BYTES} bytes ({} MiB)",
                    MAX_SPEC_BYTES / (1024 * 1024)
                ))
                .at(Location::start_of(&empty))
                .help("split the spec into several files"),
            );
            continue;
        }
        match String::from_utf8(std::fs::read(path).map_err(io_error)?) {
            Ok(text) => sources.push(SourceFile { path: shown, text }),
            Err(err) => {
                // Point at the first bad byte; the line is shown with it replaced.
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.as_bytes();
                let before = String::from_utf8_lossy(&bytes[..valid]);
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                let shown = SourceFile {
                    text: String::from_utf8_lossy(bytes).into_owned(),
                    ..empty
                };
                let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                diagnostics.push(
                    Diagnostic::error(format!(
                        "the spec file is not valid UTF-8 (byte {valid} cannot start a character)"
                    ))
                    .at(Location::new(&shown, to_u32(line), to_u32(column), 1))
                    .help("save the file as UTF-8"),
                );
            }
        }
    }
    if diagnostics.is_empty() {
        Ok(sources)
    } else {
        Err(Error::Spec(Diagnostics(diagnostics)))
    }
}

/// `path` relative to the current directory when it is inside it, for shorter messages.
pub(crate) fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_owned())
}

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// The spec has errors; each is located.
    Spec(Diagnostics),
    /// A file or directory could not be read or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The command was used wrongly.
    Usage(String),
    /// A bug in the generator: it produced code that does not parse.
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Spec(diagnostics) => write!(f, "{diagnostics}"),
            Self::Io { path, source } => write!(f, "error: {}: {source}", path.display()),
            Self::Usage(message) => write!(f, "error: {message}"),
            Self::Internal(message) => write!(f, "internal error (please report): {message}"),
        }
    }
}

impl std::error::Error for Error {}
