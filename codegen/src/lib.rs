//! Generates a typed async Rust SDK from a YAML API description.
//!
//! The pipeline reads top to bottom, one module per stage, after an optional
//! [`import`] of OpenAPI documents into spec files:
//! [`spec`] (parse) → [`resolve`] (check, name) → [`model`] → [`emit`] (tokens) →
//! [`format`] → [`write`].
//!
//! In a build script, [`Config`] generates the SDK into `OUT_DIR`, as `prost-build` does:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), codegen::Error> {
//!     codegen::Config::new()
//!         .spec_dir("spec")
//!         .runtime("::cloudflare_sdk_runtime")
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! and in the crate, `pub mod sdk { include!(concat!(env!("OUT_DIR"), "/sdk.rs")); }`
//! gives `sdk::Client`, `sdk::Element` and the rest. The crate needs the runtime crate
//! (`cloudflare-sdk-runtime`), `serde` (with `derive`) and `serde_json` as dependencies.

pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod files;
pub mod format;
pub mod git;
pub mod import;
pub mod model;
pub mod naming;
mod parallel;
pub mod resolve;
pub mod spec;
pub mod validate;
pub mod write;
pub mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use diagnostic::{Diagnostics, SourceFile};
pub use emit::{DefaultFeatures, Layout, Options};
pub(crate) use files::display_path;
pub use files::{
    MAX_SPEC_BYTES, SpecInputs, read_spec_dir, read_spec_files, read_spec_inputs, read_spec_paths,
    spec_sources_from_bytes,
};
use write::{Changes, OutputFile};

/// What to generate from which spec, and where: a builder for build scripts and tools.
///
/// By default it reads every `*.yaml` file of `spec/` (relative to the current directory,
/// which in a build script is the package's directory), calls the runtime crate
/// `::cloudflare_sdk_runtime`, and writes one file, `sdk.rs`, holding every module, for
/// `include!`.
#[derive(Clone, Debug)]
pub struct Config {
    spec_dir: PathBuf,
    out_dir: Option<PathBuf>,
    options: Options,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// The defaults described above.
    pub fn new() -> Self {
        Self {
            spec_dir: PathBuf::from("spec"),
            out_dir: None,
            options: Options {
                runtime: emit::DEFAULT_RUNTIME.to_owned(),
                layout: Layout::Module {
                    file_name: "sdk.rs".to_owned(),
                },
                doc_examples: None,
            },
        }
    }

    /// This workspace's own SDK: `spec/` generated into the `cloudflare-sdk` crate's
    /// `generated/src`, documented by its README, with doc examples; what
    /// `cargo run -p codegen` writes.
    pub fn checked_in_sdk(workspace: &Path) -> Self {
        Self::new()
            .spec_dir(workspace.join("spec"))
            .out_dir(workspace.join("generated/src"))
            .crate_layout(Some("../README.md"))
            .namespace_features(DefaultFeatures::These(vec!["ai_gateway".to_owned()]))
            .doc_examples("cloudflare_sdk")
    }

    /// Reads the spec from the `*.yaml` files of `dir`.
    #[must_use]
    pub fn spec_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spec_dir = dir.into();
        self
    }

    /// Writes into `dir` instead of the build script's `OUT_DIR`.
    #[must_use]
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// How generated code names the runtime crate: `::cloudflare_sdk_runtime` (the
    /// default), another name it is imported under, or a re-export such as `crate::rt`.
    #[must_use]
    pub fn runtime(mut self, path: impl Into<String>) -> Self {
        self.options.runtime = path.into();
        self
    }

    /// Writes the single generated file under this name (default `sdk.rs`).
    #[must_use]
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.options.layout = Layout::Module {
            file_name: name.into(),
        };
        self
    }

    /// Writes a whole crate's `src/` instead of one file: `lib.rs`, `types.rs` and `api.rs`.
    /// `readme`, a path relative to `src/`, becomes the crate's documentation.
    #[must_use]
    pub fn crate_layout(mut self, readme: Option<&str>) -> Self {
        self.options.layout = Layout::Crate {
            readme: readme.map(str::to_owned),
            features: None,
        };
        self
    }

    /// In the crate layout, puts each top-level namespace behind a cargo feature of its
    /// name (`ai_gateway` → `ai-gateway`, plus `full` for all) and writes the `[features]`
    /// table of the crate's manifest (the `Cargo.toml` beside the output `src/`),
    /// enabling `default` ones by default.
    #[must_use]
    pub fn namespace_features(mut self, default: DefaultFeatures) -> Self {
        if let Layout::Crate { features, .. } = &mut self.options.layout {
            *features = Some(default);
        }
        self
    }

    /// Gives every method a compiled doc example that reaches the SDK as `path` (e.g.
    /// `cloudflare_sdk`, or `my_crate::sdk` where the file is included); without it the
    /// examples are left out, since they would not compile.
    #[must_use]
    pub fn doc_examples(mut self, path: impl Into<String>) -> Self {
        self.options.doc_examples = Some(path.into());
        self
    }

    /// What the generated code refers to and how it is laid out.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Reads, checks and generates everything in memory; writes nothing.
    pub fn render(&self) -> Result<Rendered, Error> {
        read_spec_inputs(std::slice::from_ref(&self.spec_dir))?.render(&self.options)
    }

    /// The build-script entry point: tells Cargo to run the script again when a spec file
    /// changes, then generates and writes the files that changed.
    ///
    /// # Errors
    ///
    /// [`Error::Spec`] lists every problem of the spec, located, as `codegen check`
    /// prints them; returning it from `main` shows them and fails the build. Nothing is
    /// written then.
    pub fn generate(&self) -> Result<Changes, Error> {
        println!("cargo:rerun-if-changed={}", self.spec_dir.display());
        if let Ok(listing) = files::spec_files_in(&self.spec_dir) {
            for path in listing.paths {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let rendered = self.render()?;
        let changes = rendered.write_to(self.resolved_out_dir()?)?;
        for line in rendered.warnings.to_string().lines() {
            println!("cargo:warning={line}");
        }
        Ok(changes)
    }

    /// Renders and compares with the files in the output directory; returns what is stale.
    pub fn check(&self) -> Result<(Rendered, Changes), Error> {
        let rendered = self.render()?;
        let out_dir = self.resolved_out_dir()?;
        let mut changes =
            write::compare(&rendered.files, &out_dir).map_err(|source| Error::Io {
                path: out_dir.clone(),
                source,
            })?;
        if let Some((manifest, Some(_))) = self.updated_manifest(&rendered)? {
            changes.outdated.push(manifest);
        }
        Ok((rendered, changes))
    }

    /// Renders and writes the files that changed; returns what changed.
    pub fn write(&self) -> Result<(Rendered, Changes), Error> {
        let rendered = self.render()?;
        let mut changes = rendered.write_to(self.resolved_out_dir()?)?;
        if let Some((manifest, Some(text))) = self.updated_manifest(&rendered)? {
            std::fs::write(&manifest, text).map_err(|source| Error::Io {
                path: manifest.clone(),
                source,
            })?;
            changes.outdated.push(manifest);
        }
        Ok((rendered, changes))
    }

    /// The manifest and, when its `[features]` table is not what the spec gives, its new
    /// text; `None` without namespace features.
    fn updated_manifest(
        &self,
        rendered: &Rendered,
    ) -> Result<Option<(PathBuf, Option<String>)>, Error> {
        let Some(table) = &rendered.features_table else {
            return Ok(None);
        };
        let out_dir = self.resolved_out_dir()?;
        let Some(manifest) = out_dir
            .parent()
            .map(|crate_dir| crate_dir.join("Cargo.toml"))
        else {
            return Ok(None);
        };
        let current = match std::fs::read_to_string(&manifest) {
            Ok(current) => current,
            // Sources generated somewhere else than a crate's `src/`.
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(Error::Io {
                    path: manifest,
                    source,
                });
            }
        };
        let updated = write::manifest_with_features(&current, table)
            .map_err(|err| Error::Usage(format!("{}: {err}", manifest.display())))?;
        Ok(Some((manifest, (updated != current).then_some(updated))))
    }

    /// The configured output directory, else the build script's `OUT_DIR`.
    fn resolved_out_dir(&self) -> Result<PathBuf, Error> {
        match &self.out_dir {
            Some(dir) => Ok(dir.clone()),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::Usage(
                        "OUT_DIR is not set: outside a build script, set `Config::out_dir`".into(),
                    )
                }),
        }
    }
}

/// The generated files, plus the warnings found on the way.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    /// The manifest's `[features]` table, with namespace features.
    pub features_table: Option<String>,
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

    /// `manifest` (the crate's `Cargo.toml`) with these sources' namespace features
    /// ([`write::manifest_with_features`]); unchanged without them.
    pub fn manifest_with_features(&self, manifest: &str) -> Result<String, String> {
        match &self.features_table {
            Some(table) => write::manifest_with_features(manifest, table),
            None => Ok(manifest.to_owned()),
        }
    }

    /// The text of the generated file at `path` (relative to the output directory).
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == Path::new(path))
            .map(|f| f.contents.as_str())
    }
}

/// Runs the pipeline on spec sources already in memory.
pub fn render(sources: Vec<SourceFile>, options: &Options) -> Result<Rendered, Error> {
    let parsed = parse_sources(sources)?;
    let (api, warnings) = resolve::resolve(&parsed).map_err(Error::Spec)?;
    let regenerate = options.layout.regenerate_hint();
    let files = emit::emit_each(&api, options, |file| {
        let contents = format::format_file(file.module_doc.as_deref(), file.tokens, regenerate)
            .map_err(|err| {
                Error::Internal(format!("emitted invalid Rust for {}: {err}", file.path))
            })?;
        Ok(OutputFile {
            path: PathBuf::from(file.path),
            contents,
        })
    })
    .into_iter()
    .collect::<Result<Vec<_>, Error>>()?;
    let features_table = emit::features_table(&api, options);
    Ok(Rendered {
        files,
        features_table,
        warnings,
    })
}

/// Parses every source; all parse errors at once if any fails.
pub fn parse_sources(sources: Vec<SourceFile>) -> Result<Vec<(SourceFile, spec::SpecFile)>, Error> {
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    // The files parse independently, on every core.
    let results = parallel::map_in_order(&sources, |source| source.text.len(), spec::parse);
    for (source, result) in sources.into_iter().zip(results) {
        match result {
            Ok(spec) => parsed.push((source, spec)),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    // A file that does not parse leaves its types undefined, so resolving the others
    // would report every use of them; report the parse errors alone.
    if !diagnostics.is_empty() {
        return Err(Error::Spec(Diagnostics(diagnostics).sorted()));
    }
    Ok(parsed)
}

/// Why generation failed.
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

/// The same text as `Display`, so that a build script's `main` returning this error, or
/// an `unwrap`, shows the located diagnostics readably.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}
