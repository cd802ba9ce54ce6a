//! Located, rustc-style error and warning messages about the spec.

use std::fmt;
use std::path::PathBuf;

/// A spec file's display path and text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path as shown in messages, e.g. `spec/dynamic_routing.yaml`.
    pub path: PathBuf,
    pub text: String,
}

/// A place in a spec file, with the text of its line so a message can quote it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Number of characters to underline (at least one is shown).
    pub width: u32,
    /// The quoted line, or a part of it around the column when the line is long.
    source_line: String,
    /// Characters of the line before the quoted part, less the `…` that stands for them.
    quote_start: u32,
}

/// Lines longer than this (in bytes) are quoted in part, around the location: a minified JSON
/// document is one line of megabytes.
const MAX_QUOTED_BYTES: usize = 160;

impl Location {
    /// Line `line`, column `column` (both 1-based) of `file`, underlining `width` characters.
    pub fn new(file: &SourceFile, line: u32, column: u32, width: u32) -> Self {
        let source_line = file
            .text
            .lines()
            .nth(line.saturating_sub(1) as usize)
            .unwrap_or_default()
            .to_owned();
        Self {
            path: file.path.clone(),
            line,
            column,
            width,
            source_line,
            quote_start: 0,
        }
    }

    /// Column `column` (1-based, in characters; byte `byte` of the line) of `line_text`,
    /// line `line` of the file shown as `path`; a long line is quoted only around the
    /// column, without counting its characters (a minified document's line is megabytes).
    pub fn in_line(
        path: PathBuf,
        line: u32,
        line_text: &str,
        byte: usize,
        column: u32,
        width: u32,
    ) -> Self {
        let mut location = Self {
            path,
            line,
            column,
            width,
            source_line: String::new(),
            quote_start: 0,
        };
        if line_text.len() <= MAX_QUOTED_BYTES {
            location.source_line = line_text.to_owned();
            return location;
        }
        let boundary_before = |mut at: usize| {
            at = at.min(line_text.len());
            while !line_text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let start = boundary_before(byte.saturating_sub(MAX_QUOTED_BYTES / 4));
        let end = boundary_before(start + MAX_QUOTED_BYTES);
        let mut quoted = line_text[start..end].to_owned();
        if end < line_text.len() {
            quoted.push('…');
        }
        if start > 0 {
            quoted.insert(0, '…');
            let skipped = line_text[start..boundary_before(byte)].chars().count();
            let before = column.saturating_sub(1) as usize;
            location.quote_start = u32::try_from(before.saturating_sub(skipped + 1)).unwrap_or(0);
        }
        location.source_line = quoted;
        location
    }

    /// The first character of `file`.
    pub fn start_of(file: &SourceFile) -> Self {
        Self::new(file, 1, 1, 1)
    }

    /// The whole source line this location is on.
    pub fn source_line(&self) -> &str {
        &self.source_line
    }

    /// The source line from this location's column on (empty past its end).
    pub fn source_text(&self) -> &str {
        let skip = self.quoted_column().saturating_sub(1) as usize;
        self.source_line
            .char_indices()
            .nth(skip)
            .map_or("", |(byte, _)| &self.source_line[byte..])
    }

    /// The column within the quoted text (the column itself unless the line is long).
    fn quoted_column(&self) -> u32 {
        self.column.saturating_sub(self.quote_start)
    }

    /// The first occurrence of `needle` on this location's line at or after its column,
    /// underlined; this location when there is none (e.g. the value spans lines or is
    /// written with escapes).
    pub fn narrowed_to(&self, needle: &str) -> Self {
        let text = self.source_text();
        let Some(byte) = text.find(needle).filter(|_| !needle.is_empty()) else {
            return self.clone();
        };
        let offset = u32::try_from(text[..byte].chars().count()).unwrap_or(0);
        Self {
            column: self.column.saturating_add(offset),
            width: u32::try_from(needle.chars().count()).unwrap_or(1),
            ..self.clone()
        }
    }

    /// Converts a serde-saphyr location; `None` when the parser did not know it.
    pub fn from_saphyr(file: &SourceFile, at: &serde_saphyr::Location) -> Self {
        let to_u32 = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        if at.line() == 0 {
            return Self::start_of(file);
        }
        let (line, column, width) = (
            to_u32(at.line()),
            to_u32(at.column()),
            to_u32(at.span().len()),
        );
        // With the byte offset, the line is found around it rather than by counting lines
        // from the start, which made a big spec's thousands of locations quadratic.
        let offset = at
            .span()
            .byte_offset()
            .and_then(|b| usize::try_from(b).ok());
        match offset.and_then(|offset| line_around(&file.text, offset)) {
            Some(source_line) => Self {
                path: file.path.clone(),
                line,
                column,
                width,
                source_line: source_line.to_owned(),
                quote_start: 0,
            },
            None => Self::new(file, line, column, width),
        }
    }
}

/// The line of `text` that contains byte `offset`, without its line break.
fn line_around(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset)?;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    Some(text[start..end].trim_end_matches('\r'))
}

/// How bad a diagnostic is: errors stop generation, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One message about the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with `message`.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            help: None,
        }
    }

    /// A warning with `message`.
    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    /// Points the diagnostic at `location`.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds a `help:` line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// Renders like rustc: header, `--> file:line:col`, the source line and a caret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let notes: Vec<(&str, &str)> = self.help.iter().map(|h| ("help", h.as_str())).collect();
        write_located(f, label, &self.message, self.location.as_ref(), &notes)
    }
}

/// Writes a message the way rustc does: `label: message`, then `--> file:line:col` with the
/// source line and a caret under the location, then one `= name: text` line per note.
pub fn write_located(
    f: &mut impl fmt::Write,
    label: &str,
    message: &str,
    location: Option<&Location>,
    notes: &[(&str, &str)],
) -> fmt::Result {
    writeln!(f, "{label}: {}", visible(message))?;
    let gutter = location.map_or(1, |at| at.line.to_string().len());
    let pad = " ".repeat(gutter);
    if let Some(at) = location {
        writeln!(
            f,
            "{pad}--> {}:{}:{}",
            at.path.display(),
            at.line,
            at.column
        )?;
        let (line, caret) = quoted_line(at);
        writeln!(f, "{pad} |")?;
        writeln!(f, "{} | {line}", at.line)?;
        writeln!(f, "{pad} | {caret}")?;
    }
    for (name, text) in notes {
        writeln!(f, "{pad} = {name}: {}", visible(text))?;
    }
    Ok(())
}

/// The source line as shown, and the caret line under it: spaces up to the column (tabs
/// kept, so the caret lines up) and `^` under the value. Hidden characters are shown
/// escaped (see [`visible`]), and the caret counts them as wide as they are shown.
fn quoted_line(at: &Location) -> (String, String) {
    let column = at.quoted_column().saturating_sub(1) as usize;
    let (mut line, mut before, mut width) = (String::new(), String::new(), 0);
    let mut last = 0;
    for (index, c) in at.source_line.chars().enumerate() {
        let shown = visible_char(c);
        let shown_width = shown.chars().count();
        if index < column {
            before.push_str(&if c == '\t' {
                "\t".to_owned()
            } else {
                " ".repeat(shown_width)
            });
        } else if index < column + (at.width as usize).max(1) {
            width += shown_width;
        }
        last = index + 1;
        line.push_str(&shown);
    }
    let width = if last <= column { 1 } else { width.max(1) };
    (line, format!("{before}{}", "^".repeat(width)))
}

/// `text` with the characters a terminal would not show, or would show misleadingly,
/// written as escapes (`\u{202E}`): control characters, bidirectional controls (which
/// reorder the text around them) and invisible ones. Spec text is quoted in messages, and
/// it may be anything.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(visible_char).collect())
}

fn visible_char(c: char) -> String {
    if is_hidden(c) {
        format!("\\u{{{:04X}}}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// A control character (but a tab or line break), a bidirectional control or mark, or an
/// invisible character that is easily pasted into text by accident.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || is_bidi_control(c)
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
}

/// The characters that change the direction of the text after them, which rustc refuses
/// in comments and literals (its `text_direction_codepoint_in_comment` lint): they can
/// make code read differently than it runs ("Trojan Source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// All diagnostics of a run, sorted by location, errors first where they coincide.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts by file, line and column, so messages read top to bottom.
    pub fn sorted(mut self) -> Self {
        self.0
            .sort_by(|a, b| (&a.location, a.severity).cmp(&(&b.location, b.severity)));
        self
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        let warnings = self.0.len() - errors;
        if errors > 0 {
            writeln!(
                f,
                "\nerror: the spec has {errors} error(s) and {warnings} warning(s); nothing was written"
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            (
                edit_distance(&name.to_lowercase(), &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}
