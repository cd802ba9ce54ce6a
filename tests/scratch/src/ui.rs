//! Compile-fail cases: programs that use the SDK wrongly, each of which must fail to
//! compile with the messages recorded in the `.stderr` file beside it.
//!
//! The cases are the examples of one scratch copy of the checked-in SDK, compiled by one
//! `cargo build --examples --keep-going` in [`shared_target_dir`](crate::shared_target_dir),
//! so they reuse the dependency artifacts of every other scratch crate: same manifest,
//! same features, same flags. (trybuild builds the dependency tree in a target directory
//! of its own, twice: once with and once without `--diagnostic-width`.)
//!
//! The compiler's messages are compared after [`normalize`]: paths relative to the
//! workspace, and line numbers kept only for the case's own file, so that editing the
//! runtime or the generated code does not change a `.stderr` file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::{ScratchCrate, workspace};

/// Set this variable to `overwrite` to write the compiler's messages to the `.stderr`
/// files instead of comparing (then read the diff).
pub const OVERWRITE_VAR: &str = "UI_STDERR";

/// Checks every `*.rs` case in `cases_dir` against a copy of the SDK sources in `sdk_src`
/// (the checked-in SDK: `generated/src`), in the scratch crate
/// `target/scratch-crates/<scratch_name>`; `Err` lists each case that compiled, or whose
/// messages differ from its `.stderr` file (expected and actual text one after the other),
/// and any message about the SDK's own code.
pub fn check_compile_fail(
    cases_dir: &Path,
    sdk_src: &Path,
    scratch_name: &str,
) -> Result<(), String> {
    let cases = cases_in(cases_dir)?;
    let scratch = sdk_copy_with_examples(sdk_src, &cases, scratch_name)?;
    let output = scratch
        .command(&[
            crate::BUILD,
            "--examples",
            "--keep-going",
            "--message-format=json",
        ])
        .output()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let Checked { messages, compiled } = read_cargo_json(&stdout)?;
    let scratch_src = scratch.dir().join("src");
    let overwrite = std::env::var(OVERWRITE_VAR).is_ok_and(|value| value == "overwrite");
    let mut problems = Vec::new();
    // The copy's own code, standalone and with its default API features (a feature set no
    // other test compiles on its own), must compile without a warning.
    for (file, rendered) in &messages {
        if !cases.contains(file) {
            let shown = file
                .strip_prefix(&scratch_src)
                .map_or_else(|_| file.clone(), |in_sdk| sdk_src.join(in_sdk));
            problems.push(format!(
                "{}: the SDK's own code must compile without warnings:\n{}",
                shown.display(),
                rendered.join("\n")
            ));
        }
    }
    for case in &cases {
        let Some(rendered) = messages.get(case) else {
            let why = if compiled.contains(case) {
                "compiled, but must not".to_owned()
            } else {
                format!(
                    "no message from the compiler; cargo said:\n{}",
                    String::from_utf8_lossy(&output.stderr)
                )
            };
            problems.push(format!("{}: {why}", case.display()));
            continue;
        };
        let actual = normalize(&rendered.join("\n"), case, &scratch_src);
        let expected_path = case.with_extension("stderr");
        if overwrite {
            std::fs::write(&expected_path, &actual)
                .map_err(|err| format!("{}: {err}", expected_path.display()))?;
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if trim_lines(&expected) != trim_lines(&actual) {
            problems.push(format!(
                "{}: the compiler's messages differ from {} (rerun with {OVERWRITE_VAR}=overwrite \
                 to record them)\n--- expected\n{expected}\n--- actual\n{actual}",
                case.display(),
                expected_path.display()
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n\n"))
    }
}

/// The `*.rs` files in `dir`, sorted, as absolute paths.
fn cases_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = dir
        .canonicalize()
        .map_err(|err| format!("{}: {err}", dir.display()))?;
    let entries = std::fs::read_dir(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let mut cases: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    cases.sort();
    if cases.is_empty() {
        return Err(format!("no *.rs case in {}", dir.display()));
    }
    Ok(cases)
}

/// A scratch copy of the SDK sources in `sdk_src` whose examples are `cases`.
fn sdk_copy_with_examples(
    sdk_src: &Path,
    cases: &[PathBuf],
    name: &str,
) -> Result<ScratchCrate, String> {
    let dir = workspace().join("target/scratch-crates").join(name);
    let scratch = ScratchCrate::create(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    scratch
        .copy_sources(sdk_src)
        .map_err(|err| format!("{}: {err}", sdk_src.display()))?;
    let examples: Vec<(String, &Path)> = cases
        .iter()
        .map(|case| {
            let stem = case.file_stem().unwrap_or_default().to_string_lossy();
            (stem.into_owned(), case.as_path())
        })
        .collect();
    scratch
        .set_examples(examples.iter().map(|(name, path)| (name.as_str(), *path)))
        .map_err(|err| err.to_string())?;
    Ok(scratch)
}

/// What `cargo build --message-format=json` said, by the root source file of each target.
#[derive(Debug, Default)]
struct Checked {
    /// The rendered compiler messages. Summaries (`aborting due to …`, `For more
    /// information …`, `N warnings emitted`), which point at no code, are left out.
    messages: BTreeMap<PathBuf, Vec<String>>,
    /// The targets that compiled.
    compiled: BTreeSet<PathBuf>,
}

fn read_cargo_json(json_lines: &str) -> Result<Checked, String> {
    let mut checked = Checked::default();
    for line in json_lines.lines().filter(|line| line.starts_with('{')) {
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|err| format!("cargo's output: {err}: {line}"))?;
        if value["reason"] == "compiler-artifact" {
            if let Some(file) = value["target"]["src_path"].as_str() {
                checked.compiled.insert(PathBuf::from(file));
            }
            continue;
        }
        if value["reason"] != "compiler-message" {
            continue;
        }
        let message = &value["message"];
        if message["spans"].as_array().is_none_or(Vec::is_empty) {
            continue;
        }
        let (Some(file), Some(rendered)) = (
            value["target"]["src_path"].as_str(),
            message["rendered"].as_str(),
        ) else {
            return Err(format!(
                "cargo's output: a message without target or text: {line}"
            ));
        };
        checked
            .messages
            .entry(PathBuf::from(file))
            .or_default()
            .push(rendered.to_owned());
    }
    Ok(checked)
}

/// `rendered` with paths made relative to the workspace (the scratch copy's `src/` shown
/// as `generated/src/`), and, for every file but `case`, the line and column numbers
/// removed; the line-number gutter is then as wide as the case's own numbers need.
pub fn normalize(rendered: &str, case: &Path, scratch_src: &Path) -> String {
    let root = format!("{}/", workspace().display());
    let scratch_src = format!("{}/", scratch_src.display());
    let case_path = case.display().to_string();
    let case_relative = case_path
        .strip_prefix(&root)
        .unwrap_or(&case_path)
        .to_owned();
    let relative = |path: &str| -> String {
        // The copy is its own workspace, so cargo names its files relative to it.
        let in_copy = path
            .strip_prefix(&scratch_src)
            .or_else(|| path.strip_prefix("src/"));
        if let Some(rest) = in_copy {
            format!("generated/src/{rest}")
        } else {
            path.strip_prefix(&root).unwrap_or(path).to_owned()
        }
    };

    let width = gutter_width(rendered);
    let mut in_case = true;
    let mut lines: Vec<(Option<Gutter>, String)> = Vec::new();
    for line in rendered.lines() {
        if line == "..." {
            // Lines left out of a snippet, which goes on in the same file.
            lines.push((None, line.to_owned()));
            continue;
        }
        let Some((gutter, rest)) = split_gutter(line, width) else {
            // A message or its `note:`/`help:` heading; `help:` suggestions are edits of
            // the case.
            in_case = true;
            lines.push((None, without_counts(line)));
            continue;
        };
        if let Some(location) = rest
            .strip_prefix("--> ")
            .or_else(|| rest.strip_prefix("::: "))
        {
            let arrow = &rest[..4];
            let path = relative(location.split(':').next().unwrap_or(location));
            in_case = path == case_relative;
            let shown = if in_case { relative(location) } else { path };
            lines.push((Some(Gutter::Arrow), format!("{arrow}{shown}")));
            continue;
        }
        let number = gutter.trim();
        let gutter = if number.is_empty() || !in_case {
            Gutter::Blank
        } else {
            Gutter::Number(number.to_owned())
        };
        lines.push((Some(gutter), rest.to_owned()));
    }

    let new_width = lines
        .iter()
        .filter_map(|(gutter, _)| match gutter {
            Some(Gutter::Number(number)) => Some(number.len()),
            _ => None,
        })
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for (gutter, rest) in lines {
        let line = match gutter {
            None => rest,
            Some(Gutter::Arrow) => format!("{:new_width$}{rest}", ""),
            Some(Gutter::Blank) => format!("{:new_width$} {rest}", ""),
            Some(Gutter::Number(number)) => format!("{number:>new_width$} {rest}"),
        };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `line` with the count of a list the compiler cut short (`and 2 others`) replaced by
/// `$N`: it counts items of the generated code, not of the case.
fn without_counts(line: &str) -> String {
    let Some((before, after)) = line.split_once("and ") else {
        return line.to_owned();
    };
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && after[digits..].starts_with(" others") {
        format!("{before}and $N{}", &after[digits..])
    } else {
        line.to_owned()
    }
}

/// What stands left of a snippet line's `|`, `=`, `-` or `+`.
enum Gutter {
    /// `-->` or `:::`, which start where the line numbers start.
    Arrow,
    Blank,
    Number(String),
}

/// The width of the line-number column: the spaces before the first `-->`.
fn gutter_width(rendered: &str) -> usize {
    rendered
        .lines()
        .find_map(|line| {
            let trimmed = line.trim_start_matches(' ');
            trimmed
                .starts_with("--> ")
                .then(|| line.len() - trimmed.len())
        })
        .unwrap_or(1)
}

/// Splits a snippet line into its gutter (`width` characters of digits or spaces, then a
/// space) and the rest (which starts with `|`, `=`, `-`, `+`, `-->` or `:::`); `None`
/// for a line that is not part of a snippet.
fn split_gutter(line: &str, width: usize) -> Option<(&str, &str)> {
    if line.len() > width
        && line[..width].bytes().all(|byte| byte == b' ')
        && (line[width..].starts_with("--> ") || line[width..].starts_with("::: "))
    {
        return Some((&line[..width], &line[width..]));
    }
    let gutter = line.get(..width)?;
    let rest = line.get(width + 1..)?;
    let is_gutter = gutter
        .bytes()
        .all(|byte| byte == b' ' || byte.is_ascii_digit())
        && line.as_bytes()[width] == b' '
        && rest.starts_with(['|', '=', '-', '+']);
    is_gutter.then_some((gutter, rest))
}

fn trim_lines(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_files_lose_their_line_numbers_and_the_gutter_narrows() {
        let root = workspace();
        let case = root.join("tests/ui/fail/x.rs");
        let scratch_src = root.join("target/scratch-crates/compile-fail/src");
        let rendered = format!(
            "error[E0061]: this function takes 4 arguments but 3 arguments were supplied\n    \
             --> {case}:6:13\n     |\n   6 |     let _ = f(1);\n     |             ^ argument #4 is missing\n     |\n\
             note: associated function defined here\n    \
             --> {src}/types.rs:1003:12\n     |\n1003 |     pub fn new(\n     |            ^^^\n\
             help: provide the argument\n     |\n   6 |     let _ = f(1, /* window */);\n     |                 ++++++++++++++\n",
            case = case.display(),
            src = scratch_src.display(),
        );
        let expected = "error[E0061]: this function takes 4 arguments but 3 arguments were supplied\n \
             --> tests/ui/fail/x.rs:6:13\n  |\n6 |     let _ = f(1);\n  |             ^ argument #4 is missing\n  |\n\
             note: associated function defined here\n \
             --> generated/src/types.rs\n  |\n  |     pub fn new(\n  |            ^^^\n\
             help: provide the argument\n  |\n6 |     let _ = f(1, /* window */);\n  |                 ++++++++++++++\n";
        assert_eq!(normalize(&rendered, &case, &scratch_src), expected);
    }

    #[test]
    fn a_snippet_cut_short_stays_in_its_file_and_counts_of_other_items_are_hidden() {
        let root = workspace();
        let case = root.join("tests/ui/fail/x.rs");
        let scratch_src = root.join("target/scratch-crates/compile-fail/src");
        let rendered = format!(
            "error[E0599]: no variant named `Strat`\n   --> {case}:6:22\n    |\n  6 |     let _ = E::Strat;\n    |                ^^^^^\n    |\n\
             note: consider using one of the following associated functions:\n      E::start\n      and 2 others\n   \
             --> {src}/types.rs:660:7\n    |\n660 |     pub fn start() -> Self {{\n...\n666 |     pub fn end() -> Self {{\n",
            case = case.display(),
            src = scratch_src.display(),
        );
        let expected = "error[E0599]: no variant named `Strat`\n \
             --> tests/ui/fail/x.rs:6:22\n  |\n6 |     let _ = E::Strat;\n  |                ^^^^^\n  |\n\
             note: consider using one of the following associated functions:\n      E::start\n      and $N others\n \
             --> generated/src/types.rs\n  |\n  |     pub fn start() -> Self {\n...\n  |     pub fn end() -> Self {\n";
        assert_eq!(normalize(&rendered, &case, &scratch_src), expected);
    }

    #[test]
    fn paths_of_other_crates_are_made_relative_with_a_triple_colon() {
        let root = workspace();
        let case = root.join("tests/ui/fail/x.rs");
        let rendered = format!(
            "error[E0624]: associated function `new` is private\n  --> {case}:5:50\n   |\n \
             5 |     let _ = X::new();\n   |                ^^^ private associated function\n   |\n  \
             ::: {runtime}/src/unknown.rs:57:5\n   |\n57 |     pub(crate) fn new() -> Self {{\n   \
             |     --------------------- private associated function defined here\n",
            case = case.display(),
            runtime = root.join("runtime").display(),
        );
        let expected = "error[E0624]: associated function `new` is private\n \
             --> tests/ui/fail/x.rs:5:50\n  |\n5 |     let _ = X::new();\n  |                ^^^ private associated function\n  |\n \
             ::: runtime/src/unknown.rs\n  |\n  |     pub(crate) fn new() -> Self {\n  \
             |     --------------------- private associated function defined here\n";
        assert_eq!(normalize(&rendered, &case, Path::new("/nowhere")), expected);
    }

    #[test]
    fn summaries_are_left_out_and_checked_targets_noted() {
        let lines = [
            r#"{"reason":"compiler-artifact","target":{"src_path":"/a/lib.rs"}}"#,
            r#"{"reason":"compiler-message","target":{"src_path":"/a/x.rs"},"message":{"rendered":"error: boom\n","spans":[{"line_start":1}]}}"#,
            r#"{"reason":"compiler-message","target":{"src_path":"/a/x.rs"},"message":{"rendered":"error: aborting due to 1 previous error\n","spans":[]}}"#,
            r#"{"reason":"build-finished","success":false}"#,
        ];
        let checked = read_cargo_json(&lines.join("\n")).unwrap();
        assert_eq!(checked.messages.len(), 1);
        assert_eq!(checked.messages[Path::new("/a/x.rs")], ["error: boom\n"]);
        assert_eq!(
            checked.compiled,
            BTreeSet::from([PathBuf::from("/a/lib.rs")])
        );
    }
}
