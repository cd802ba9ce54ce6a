//! Reading spec files from disk: which entries of a directory are the spec (with a warning
//! for each one that looks like a spec file but is skipped), refusing anything that is not
//! a regular file, and reading at most [`MAX_SPEC_BYTES`] of each, so that a FIFO, a
//! device or a file that keeps growing cannot hang the generator or exhaust its memory.

use std::fs::{self, File, FileType};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location, SourceFile};
use crate::{Error, Rendered, render};

/// Spec files larger than this are refused rather than parsed.
pub const MAX_SPEC_BYTES: u64 = 16 * 1024 * 1024;

/// The spec files read from disk, and a warning for each entry of a spec directory that
/// looks like a spec file but was not read.
#[derive(Clone, Debug, Default)]
pub struct SpecInputs {
    pub sources: Vec<SourceFile>,
    pub skipped: Vec<Diagnostic>,
}

impl SpecInputs {
    /// Runs the pipeline on the sources; the warnings about skipped files come with the
    /// result, success or spec errors alike (a skipped file may be why a type is unknown).
    pub fn render(self, options: &crate::Options) -> Result<Rendered, Error> {
        match render(self.sources, options) {
            Ok(mut rendered) => {
                rendered.warnings.0.splice(0..0, self.skipped);
                Ok(rendered)
            }
            Err(Error::Spec(mut diagnostics)) => {
                diagnostics.0.splice(0..0, self.skipped);
                Err(Error::Spec(diagnostics))
            }
            Err(other) => Err(other),
        }
    }
}

/// Reads the spec files named by `paths`, keeping the warnings about skipped files: a
/// directory stands for its `*.yaml` / `*.yml` files (any letter case), in name order; a
/// file is read whatever its name. A path that is neither a regular file nor a directory
/// (a FIFO, a device, a socket) is an I/O error.
pub fn read_spec_inputs(paths: &[PathBuf]) -> Result<SpecInputs, Error> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|source| io_error(path, source))?;
        if metadata.is_dir() {
            let listing = spec_files_in(path)?;
            files.extend(listing.paths);
            skipped.extend(listing.skipped);
        } else {
            files.push(path.clone());
        }
    }
    Ok(SpecInputs {
        sources: read_spec_files(&files)?,
        skipped,
    })
}

/// [`read_spec_inputs`] without the warnings about skipped files.
pub fn read_spec_paths(paths: &[PathBuf]) -> Result<Vec<SourceFile>, Error> {
    Ok(read_spec_inputs(paths)?.sources)
}

/// Reads every `*.yaml` / `*.yml` file of `dir`, in name order (see [`read_spec_paths`]).
pub fn read_spec_dir(dir: &Path) -> Result<Vec<SourceFile>, Error> {
    read_spec_paths(&[dir.to_owned()])
}

/// Whether a directory entry named `name` is read as a spec file: it ends in `.yaml` or
/// `.yml`, in any letter case, and is not hidden (editors' lock and swap files are).
pub fn is_spec_file_name(name: &str) -> bool {
    has_yaml_extension(name) && !name.starts_with('.')
}

fn has_yaml_extension(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// Why an entry named `name` that is not read looks like a spec file, if it does.
fn skipped_because(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    if has_yaml_extension(name) && name.starts_with('.') {
        Some("it is hidden (editors keep lock and swap files so); rename it to read it")
    } else if lower.contains(".yaml") || lower.contains(".yml") {
        Some("its name does not end in `.yaml` or `.yml` (a backup or a copy?)")
    } else if lower.ends_with(".json") {
        Some("spec files are YAML files ending in `.yaml` or `.yml`")
    } else {
        None
    }
}

/// The spec files of a directory, and warnings for the entries skipped.
pub(crate) struct Listing {
    pub paths: Vec<PathBuf>,
    pub skipped: Vec<Diagnostic>,
}

/// The spec files of `dir` (see [`is_spec_file_name`]), in name order; a usage error
/// when there are none.
pub(crate) fn spec_files_in(dir: &Path) -> Result<Listing, Error> {
    let mut listing = Listing {
        paths: Vec::new(),
        skipped: Vec::new(),
    };
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(|source| io_error(dir, source))? {
        entries.push(entry.map_err(|source| io_error(dir, source))?.path());
    }
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !is_spec_file_name(&name) {
            if let Some(reason) = skipped_because(&name) {
                listing.skipped.push(skipped(&path, reason));
            }
            continue;
        }
        let file_type = fs::metadata(&path)
            .map_err(|source| io_error(&path, source))?
            .file_type();
        if file_type.is_file() {
            listing.paths.push(path);
        } else {
            let reason = if file_type.is_dir() {
                "it is a directory (spec directories are not read recursively)".to_owned()
            } else {
                format!("it is {}, not a regular file", kind_of(&file_type))
            };
            listing.skipped.push(skipped(&path, &reason));
        }
    }
    if listing.paths.is_empty() {
        let mut message = format!("no *.yaml spec files in {}", dir.display());
        if !listing.skipped.is_empty() {
            let names: Vec<String> = listing
                .skipped
                .iter()
                .filter_map(|warning| warning.message.split('`').nth(1).map(str::to_owned))
                .collect();
            message.push_str(&format!(" (skipped: {})", names.join(", ")));
        }
        return Err(Error::Usage(message));
    }
    Ok(listing)
}

fn skipped(path: &Path, reason: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "skipped `{}`: {reason}",
        display_path(path).display()
    ))
}

/// Reads the given spec files, at most [`MAX_SPEC_BYTES`] (and one byte more, to tell
/// that a file is over the limit) of each. Oversized and non-UTF-8 files are spec errors;
/// a path that cannot be read, or is not a regular file, is an I/O error.
pub fn read_spec_files(paths: &[PathBuf]) -> Result<Vec<SourceFile>, Error> {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        let shown = display_path(path);
        let (bytes, length) = read_capped(path).map_err(|source| io_error(path, source))?;
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_SPEC_BYTES {
            // The length the file system reports, unless the file grew past it.
            let size = Some(length).filter(|length| *length > MAX_SPEC_BYTES);
            diagnostics.push(oversized(shown, size));
            continue;
        }
        files.push((shown, bytes));
    }
    decode_sources(files, diagnostics)
}

/// The first [`MAX_SPEC_BYTES`] + 1 bytes of the regular file at `path`, and its length
/// as the file system reports it. The type is checked before opening (opening a FIFO
/// waits for a writer) and again on the open file.
fn read_capped(path: &Path) -> io::Result<(Vec<u8>, u64)> {
    let not_a_file = |file_type: &FileType| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "it is {}, not a regular file; a spec is read from a regular file",
                kind_of(file_type)
            ),
        )
    };
    let file_type = fs::metadata(path)?.file_type();
    if !file_type.is_file() {
        return Err(not_a_file(&file_type));
    }
    let file = File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.file_type().is_file() {
        return Err(not_a_file(&metadata.file_type()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_SPEC_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes, metadata.len()))
}

/// What a file that is not a regular file is, in words.
fn kind_of(file_type: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// The error for a spec file over [`MAX_SPEC_BYTES`], of `size` bytes when known.
fn oversized(shown: PathBuf, size: Option<u64>) -> Diagnostic {
    let empty = SourceFile {
        path: shown,
        text: String::new(),
    };
    let size = size.map_or_else(|| "over".to_owned(), |size| format!("{size} bytes,"));
    Diagnostic::error(format!(
        "the spec file is {size} over the limit of {MAX_SPEC_BYTES} bytes ({} MiB)",
        MAX_SPEC_BYTES / (1024 * 1024)
    ))
    .at(Location::start_of(&empty))
    .help("split the spec into several files")
}

/// The spec file shown as `shown`, from its bytes; an error located at the first byte
/// that is not UTF-8.
fn decode_source(shown: PathBuf, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile { path: shown, text }),
        Err(err) => {
            // Point at the first bad byte; the line is shown with it replaced.
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let shown = SourceFile {
                path: shown,
                text: String::from_utf8_lossy(bytes).into_owned(),
            };
            let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            Err(Diagnostic::error(format!(
                "the spec file is not valid UTF-8 (byte {valid} cannot start a character)"
            ))
            .at(Location::new(&shown, to_u32(line), to_u32(column), 1))
            .help("save the file as UTF-8"))
        }
    }
}

/// Spec files from elsewhere than the file system (e.g. git): each is a display path and
/// its bytes, checked like files read from disk.
pub fn spec_sources_from_bytes(files: Vec<(PathBuf, Vec<u8>)>) -> Result<Vec<SourceFile>, Error> {
    let mut within_limit = Vec::new();
    let mut diagnostics = Vec::new();
    for (shown, bytes) in files {
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if size > MAX_SPEC_BYTES {
            diagnostics.push(oversized(shown, Some(size)));
        } else {
            within_limit.push((shown, bytes));
        }
    }
    decode_sources(within_limit, diagnostics)
}

/// Decodes every file, adding its error to the `diagnostics` found before.
fn decode_sources(
    files: Vec<(PathBuf, Vec<u8>)>,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Vec<SourceFile>, Error> {
    let mut sources = Vec::new();
    for (shown, bytes) in files {
        match decode_source(shown, bytes) {
            Ok(source) => sources.push(source),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.is_empty() {
        Ok(sources)
    } else {
        Err(Error::Spec(crate::diagnostic::Diagnostics(diagnostics)))
    }
}

/// `path` relative to the current directory when it is inside it, for shorter messages.
pub(crate) fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_owned())
}
