//! The YAML layer of parsing a spec file: the parser's limits, and serde-saphyr's errors
//! turned into located diagnostics in our own words (its messages name its API, not the
//! spec's keys, and some point at a key when the problem is the value).

use serde_saphyr::budget::{Budget, BudgetBreach};
use serde_saphyr::granit_parser::Event;
use serde_saphyr::options::AliasLimits;
use serde_saphyr::{Error, Options};

use crate::MAX_SPEC_BYTES;
use crate::diagnostic::{Diagnostic, Location, SourceFile, did_you_mean};

/// Events that aliases may replay in one file. Aliases that share a field list are
/// legitimate; a spec that needs more than this is an alias bomb ("billion laughs").
pub const MAX_ALIAS_EVENTS: usize = 100_000;

/// Parser options: duplicate keys are errors, aliases are limited, and the event and node
/// budgets are as large as the file size limit, so that every file under
/// [`MAX_SPEC_BYTES`] can be parsed (an event or node takes at least one byte).
pub fn options() -> Options {
    let mut budget = Budget::default();
    let size = usize::try_from(MAX_SPEC_BYTES).unwrap_or(usize::MAX);
    budget.max_events = budget.max_events.max(size);
    budget.max_nodes = budget.max_nodes.max(size);
    let mut alias_limits = AliasLimits::default();
    alias_limits.max_total_replayed_events = MAX_ALIAS_EVENTS;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits = alias_limits;
    // We render the source line ourselves.
    options.with_snippet = false;
    options
}

/// The first YAML tag in `file` (`!!binary`, `!Custom`), as an error. The spec format
/// gives no tag a meaning, and the parser would apply some (decoding `!!binary` text as
/// base64) and drop the others silently. Only a file with a `!` is read for them; a YAML
/// error in it is left for the real parse to report.
pub fn first_tag(file: &SourceFile) -> Option<Diagnostic> {
    if !file.text.contains('!') {
        return None;
    }
    for item in serde_saphyr::granit_parser::Parser::new_from_str(&file.text) {
        let (event, span) = item.ok()?;
        let tag = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag.as_ref(),
            _ => None,
        };
        let Some(tag) = tag else { continue };
        let written = tag.original();
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let line = to_u32(span.start.line());
        // The node starts after its tag, on the same line or a later one: point at the tag
        // where it is written on the node's line or before it.
        let location = (1..=line)
            .rev()
            .map(|line| Location::new(file, line, 1, 1))
            .find(|at| at.source_line().contains(&written))
            .map_or_else(
                || Location::new(file, line, to_u32(span.start.col() + 1), 1),
                |at| at.narrowed_to(&written),
            );
        let help = match tag.suffix_in_namespace("tag:yaml.org,2002:").as_deref() {
            Some("str") => "remove it; quote the value to make it text".to_owned(),
            Some("binary") => "remove it; the spec holds text, not encoded bytes".to_owned(),
            _ => "remove it; the spec format gives tags no meaning".to_owned(),
        };
        return Some(
            Diagnostic::error(format!(
                "the YAML tag `{written}` is not part of the spec format"
            ))
            .at(location)
            .help(help),
        );
    }
    None
}

/// A located diagnostic for a YAML or shape error in `file`.
pub fn diagnostic(file: &SourceFile, err: &Error) -> Diagnostic {
    let err = err.without_snippet();
    let location = err.location().map_or_else(
        || Location::start_of(file),
        |at| Location::from_saphyr(file, &at),
    );
    match err {
        Error::SerdeUnknownField {
            field, expected, ..
        } => unknown_key(field, expected, location),
        Error::DuplicateMappingKey { key, .. } => duplicate_key(file, key.as_deref(), location),
        Error::SerdeMissingField { field, .. } => missing_key(file, field, location),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => Diagnostic::error(format!(
            "expected {}, found {}",
            expected,
            found_words(unexpected)
        ))
        .at(value_after_key(file, location)),
        Error::Unexpected { expected, .. } => unexpected(file, expected_words(expected), location),
        Error::NullIntoString { .. } => {
            let token = token_at(&location).trim_end_matches(':').to_owned();
            Diagnostic::error(format!(
                "expected text, found `{token}`, which YAML reads as null"
            ))
            .at(location.narrowed_to(&token))
            .help(format!("quote it (`\"{token}\"`) if you mean the text"))
        }
        Error::RecursiveReferencesRequireWeakTypes { .. } => {
            let alias = token_at(&location);
            Diagnostic::error(format!(
                "the alias `{alias}` is inside the value its anchor names, so that value would contain itself"
            ))
            .at(location.narrowed_to(&alias))
            .help("an alias can only repeat a value defined before it, not one it is part of")
        }
        Error::InvalidScalar { ty, .. } => {
            Diagnostic::error(format!("expected {}, found `{}`", ty, token_at(&location)))
                .at(location)
        }
        Error::UnknownAnchor { .. } => {
            let name = token_at(&location);
            Diagnostic::error(format!(
                "alias `{name}` refers to an anchor that is not defined"
            ))
            .at(location.narrowed_to(&name))
            .help(format!(
                "define the anchor with `&{}` before the alias",
                name.trim_start_matches('*')
            ))
        }
        Error::MultipleDocuments { .. } => {
            Diagnostic::error("a spec file holds one YAML document; this is a second one")
                .at(location)
                .help("remove the `---` line, or move the second document into its own file")
        }
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => alias_bomb(location),
        Error::Budget { breach, .. } => Diagnostic::error(budget_message(breach))
            .at(location)
            .help("split the spec into several files"),
        Error::Eof { .. } => {
            Diagnostic::error("the file ends in the middle of a value").at(location)
        }
        other => {
            let mut message = first_line(&other.to_string());
            if message.contains("simple key expected") {
                message = "expected `key: value`, found a line without the `:`".to_owned();
            }
            if message.starts_with("alias replay") || message.starts_with("alias expansion") {
                return alias_bomb(location);
            }
            let help = tab_help(&message)
                .map(str::to_owned)
                .or_else(|| unclosed_help(file, &message, &location))
                .or_else(|| {
                    message.contains("without the `:`").then(|| {
                        "a `key: value` line needs a `:` and a space after the key, \
                         and a key is at most 1024 characters long"
                            .to_owned()
                    })
                });
            let diagnostic = Diagnostic::error(message).at(location);
            match help {
                Some(help) => diagnostic.help(help),
                None => diagnostic,
            }
        }
    }
}

/// The parser expected `expected` at `location` and found something else: a key without
/// a value, a value of the wrong kind, or a line it cannot read.
fn unexpected(file: &SourceFile, expected: &str, location: Location) -> Diagnostic {
    if let Some(key) = key_without_value(&location) {
        return Diagnostic::error(format!("`{key}` has no value; expected {expected}"))
            .at(key_location(
                file,
                location.line,
                key_column(location.source_line()),
                &key,
            ))
            .help(format!(
                "write the value after `{key}:`, or on the lines below it, indented further"
            ));
    }
    let found = found_at(&location);
    let text = location.source_text();
    let is_flow = text.starts_with(['[', '{']);
    if !is_flow && text.chars().count() > 1024 {
        return Diagnostic::error(format!(
            "expected {expected}, found a line YAML cannot read as `key: value`"
        ))
        .at(location)
        .help("a key can be at most 1024 characters long");
    }
    let error = Diagnostic::error(format!("expected {expected}, found {found}"));
    let depth = text
        .chars()
        .take_while(|c| matches!(c, '[' | '{' | ' '))
        .filter(|c| *c != ' ')
        .count();
    if depth > 8 {
        return error.at(location).help(format!(
            "the value opens {depth} nested lists or mappings here"
        ));
    }
    error.at(location)
}

/// The key of a `key:` line that has nothing after its colon (but maybe a comment), when
/// `location` is at or after that colon: what the parser reports for a missing value.
fn key_without_value(location: &Location) -> Option<String> {
    let line = location.source_line();
    let content = line.split(" #").next().unwrap_or(line).trim_end();
    let key = key_of(content)?;
    let colon_column = u32::try_from(content.chars().count()).ok()?;
    (content.ends_with(':') && location.column >= colon_column).then_some(key)
}

/// The column where the key of a `key: …` line (or `- key: …` item) starts.
fn key_column(line: &str) -> u32 {
    let text = line.trim_start();
    let item = if text.starts_with("- ") { 2 } else { 0 };
    column_of(line, line.len() - text.len() + item)
}

/// An unknown key: the closest expected key as a suggestion, else the list of keys.
fn unknown_key(field: &str, expected: &[&str], location: Location) -> Diagnostic {
    let listed = expected
        .iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let error = Diagnostic::error(format!("unknown key `{field}`")).at(location);
    if field.contains(' ') {
        // Almost always the rest of an unquoted text after a comma inside `{ … }`.
        return error
            .help("inside `{ … }` a comma separates entries; quote text that contains one");
    }
    if field == "default" && expected.contains(&"optional") {
        return error.help(
            "the spec format has no default values; describe the server's default in `doc:`",
        );
    }
    match did_you_mean(field, expected.iter().copied()) {
        Some(suggestion) => error.help(format!("did you mean `{suggestion}`?")),
        None if expected.is_empty() => error.help("this mapping takes no keys"),
        None => error.help(format!("expected one of {listed}")),
    }
}

/// A key that appears twice in one mapping, with where the first one is when we find it.
fn duplicate_key(file: &SourceFile, key: Option<&str>, location: Location) -> Diagnostic {
    let shown = key.map_or_else(
        || location.source_text().trim().to_owned(),
        ToOwned::to_owned,
    );
    let error = Diagnostic::error(format!("duplicate key `{shown}`"));
    match key.and_then(|key| previous_sibling_key(file, &location, key)) {
        Some(line) => error
            .help(format!(
                "the first `{shown}` is on line {line}; a key may appear once in a mapping"
            ))
            .at(location),
        None => error
            .help("a key may appear once in a mapping")
            .at(location),
    }
}

/// The line of an earlier key `key` at the same indentation as the one at `location`, in
/// the same block mapping (the search stops at the parent, the first line indented less).
fn previous_sibling_key(file: &SourceFile, location: &Location, key: &str) -> Option<u32> {
    let line_index = usize::try_from(location.line).ok()?.checked_sub(1)?;
    let lines: Vec<&str> = file.text.lines().collect();
    let indent = indentation(lines.get(line_index)?);
    for index in (0..line_index).rev() {
        let line = lines[index];
        if is_blank_or_comment(line) {
            continue;
        }
        let this_indent = indentation(line);
        if this_indent < indent {
            return None;
        }
        if this_indent == indent && key_of(line).is_some_and(|k| k == key) {
            return u32::try_from(index + 1).ok();
        }
    }
    None
}

/// A required key is missing: point at the key of the mapping that lacks it.
fn missing_key(file: &SourceFile, field: &str, location: Location) -> Diagnostic {
    match enclosing_key(file, &location) {
        Some((owner, at)) => Diagnostic::error(format!("`{owner}` is missing the key `{field}`"))
            .at(at)
            .help(format!("add `{field}: …`")),
        None => Diagnostic::error(format!("missing key `{field}`"))
            .at(location)
            .help(format!("add `{field}: …`")),
    }
}

/// The key that owns the block mapping containing `location`: the nearest line above
/// that is indented less and has the form `key:`.
fn enclosing_key(file: &SourceFile, location: &Location) -> Option<(String, Location)> {
    let line_index = usize::try_from(location.line).ok()?.checked_sub(1)?;
    let lines: Vec<&str> = file.text.lines().collect();
    let current = lines.get(line_index)?;
    // A key on the same line before a `{` owns a flow mapping: `response: { type: A }`.
    if let Some(brace) = current.find('{')
        && usize::try_from(location.column).is_ok_and(|c| c > brace)
        && let Some(key) = key_of(current)
    {
        let column = column_of(current, indentation(current));
        return Some((key.clone(), key_location(file, location.line, column, &key)));
    }
    let indent = indentation(current);
    for index in (0..line_index).rev() {
        let line = lines[index];
        if is_blank_or_comment(line) || indentation(line) >= indent {
            continue;
        }
        let key = key_of(line)?;
        let line_number = u32::try_from(index + 1).ok()?;
        let column = column_of(line, indentation(line));
        return Some((key.clone(), key_location(file, line_number, column, &key)));
    }
    None
}

fn key_location(file: &SourceFile, line: u32, column: u32, key: &str) -> Location {
    let width = u32::try_from(key.chars().count()).unwrap_or(1);
    Location::new(file, line, column, width)
}

/// For a type error reported at a key (`a: 5`), the location of its value (`5`) when the
/// value is on the same line.
fn value_after_key(file: &SourceFile, location: Location) -> Location {
    let line = location.source_line();
    let start = line
        .char_indices()
        .nth(
            usize::try_from(location.column)
                .unwrap_or(usize::MAX)
                .saturating_sub(1),
        )
        .map(|(byte, _)| byte);
    let Some(start) = start else {
        return location;
    };
    let rest = &line[start..];
    let Some(key_end) = key_end(rest) else {
        return location;
    };
    let after = &rest[key_end + 1..];
    let value = after.trim_start();
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    // A value inside `{ … }` ends at the next `,` or `}`.
    let value = if line[..start].contains('{') {
        value.split([',', '}']).next().unwrap_or(value).trim_end()
    } else {
        value
    };
    if value.is_empty() {
        return location;
    }
    let value_start = start + key_end + 1 + (after.len() - after.trim_start().len());
    let column = column_of(line, value_start);
    let width = u32::try_from(value.chars().count()).unwrap_or(1);
    Location::new(file, location.line, column, width)
}

/// The byte index of the `:` ending the key at the start of `text`, if `text` starts with
/// a (plain or quoted) key followed by `:` and a space or the end of the line.
fn key_end(text: &str) -> Option<usize> {
    let search_from = match text.chars().next()? {
        quote @ ('"' | '\'') => text[1..].find(quote)? + 2,
        _ => 0,
    };
    let colon = search_from + text[search_from..].find(':')?;
    let after = &text[colon + 1..];
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(colon)
}

/// The key of a `key: …` line, unquoted; `None` for other lines.
fn key_of(line: &str) -> Option<String> {
    let text = line.trim_start().trim_start_matches("- ");
    let end = key_end(text)?;
    let key = text[..end].trim_end();
    let unquoted = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    Some(unquoted.to_owned())
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let text = line.trim();
    text.is_empty() || text.starts_with('#')
}

/// The 1-based character column of byte index `byte` of `line`.
fn column_of(line: &str, byte: usize) -> u32 {
    let chars = line.get(..byte).map_or(0, |prefix| prefix.chars().count());
    u32::try_from(chars + 1).unwrap_or(u32::MAX)
}

/// What the source has at `location`, in words: a mapping, a list or a value.
fn found_at(location: &Location) -> String {
    let text = location.source_text();
    match text.chars().next() {
        Some('{') => "a mapping".to_owned(),
        Some('[') => "a list".to_owned(),
        Some('-') if text.starts_with("- ") || text == "-" => "a list".to_owned(),
        Some('*') => format!("the alias `{}`", token_at(location)),
        None | Some('#') => "nothing".to_owned(),
        Some(_) => {
            let token = token_at(location);
            if token.ends_with(':') || location.source_text().contains(": ") {
                "a mapping".to_owned()
            } else {
                format!("`{token}`")
            }
        }
    }
}

/// The word at `location`: up to the next space, comma or bracket.
fn token_at(location: &Location) -> String {
    let text = location.source_text();
    let end = text
        .char_indices()
        .skip(1)
        .find(|(_, c)| matches!(c, ' ' | ',' | '}' | ']' | '{' | '['))
        .map_or(text.len(), |(index, _)| index);
    text[..end].to_owned()
}

/// serde's names for what it found, in the spec's words.
fn found_words(unexpected: &str) -> String {
    match unexpected {
        "unit value" => "an empty value".to_owned(),
        "sequence" => "a list".to_owned(),
        "map" => "a mapping".to_owned(),
        other => {
            let other = other.replace("string ", "text ");
            if other.starts_with(['a', 'e', 'i', 'o', 'u']) {
                format!("an {other}")
            } else {
                format!("a {other}")
            }
        }
    }
}

/// serde-saphyr's names for what it expected, in the spec's words.
fn expected_words(expected: &str) -> &str {
    match expected {
        "mapping start" | "mapping" => "a mapping (`key: value` lines)",
        "sequence start" | "sequence" => "a list",
        "string scalar" | "string" => "text",
        other => other,
    }
}

fn budget_message(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Depth { depth } => {
            format!("the YAML is nested {depth} levels deep, more than the parser allows")
        }
        BudgetBreach::Aliases { aliases } => format!("the file has {aliases} aliases, too many"),
        BudgetBreach::Anchors { anchors } => format!("the file has {anchors} anchors, too many"),
        BudgetBreach::AliasAnchorRatio { aliases, anchors } => format!(
            "the file has {aliases} aliases for {anchors} anchors, too many (an alias bomb?)"
        ),
        other => format!("the file exceeds a YAML parser limit: {other:?}"),
    }
}

/// Aliases that expand beyond [`MAX_ALIAS_EVENTS`], at the alias that crossed the limit.
fn alias_bomb(location: Location) -> Diagnostic {
    let name = token_at(&location);
    Diagnostic::error(format!(
        "aliases expand to more than {MAX_ALIAS_EVENTS} YAML events (an alias bomb?)"
    ))
    .at(location.narrowed_to(&name))
    .help("write the repeated parts out, or use fewer nested aliases")
}

/// For a flow collection the parser could not finish: where the `{` or `[` that is
/// still open was written.
fn unclosed_help(file: &SourceFile, message: &str, location: &Location) -> Option<String> {
    let (open, close) = if message.contains("flow mapping") {
        ('{', '}')
    } else if message.contains("flow sequence") {
        ('[', ']')
    } else {
        return None;
    };
    let lines: Vec<&str> = file.text.lines().collect();
    let last = usize::try_from(location.line).ok()?.min(lines.len());
    let mut stack = Vec::new();
    for (index, line) in lines[..last].iter().enumerate() {
        let mut quote = None;
        for c in line.chars() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '#') => break,
                (None, c) if c == open => stack.push(index + 1),
                (None, c) if c == close => {
                    stack.pop();
                }
                _ => {}
            }
        }
    }
    let line = stack.first()?;
    Some(format!(
        "the `{open}` on line {line} is not closed: add the `{close}`, or a `,` between entries"
    ))
}

/// Tabs cannot indent YAML; say how to fix it.
fn tab_help(message: &str) -> Option<&'static str> {
    message
        .contains("tabs")
        .then_some("indent with spaces; YAML does not allow tabs for indentation")
}

/// serde-saphyr's message without its own rendering and position, which we show ourselves.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    match line.rfind(" at line ") {
        Some(index) => line[..index].to_owned(),
        None => line.to_owned(),
    }
}
