//! The report as people and tools read it: rustc-style text grouped by severity, one JSON
//! object, or the one-line summary printed after generation.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Bump, Report, Severity, Version};
use crate::diagnostic::write_located;

/// The semver verdict of a report for a crate at version `current`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub bump: Bump,
    pub current: Version,
    pub next: Version,
}

impl Verdict {
    pub fn new(report: &Report, current: Version) -> Self {
        let bump = report.bump();
        Self {
            bump,
            next: current.next(bump),
            current,
        }
    }
}

/// Every change, breaking ones first, each with its location, the spec line and the Rust
/// item; then the counts and the verdict.
pub fn human(report: &Report, verdict: &Verdict) -> String {
    let mut text = String::new();
    for change in &report.changes {
        let mut notes = vec![("item", change.item.as_str())];
        if let Some(help) = &change.help {
            notes.push(("help", help.as_str()));
        }
        // Writing to a String cannot fail.
        let _ = write_located(
            &mut text,
            change.severity.as_str(),
            &change.message,
            Some(&change.location),
            &notes,
        );
        text.push('\n');
    }
    if report.changes.is_empty() {
        text.push_str("no changes: both specs describe the same API\n");
    } else {
        let _ = writeln!(
            text,
            "{} change(s): {}",
            report.changes.len(),
            counts(report, true)
        );
    }
    let _ = match verdict.bump {
        Bump::None => writeln!(text, "verdict: none; the version stays {}", verdict.current),
        bump => writeln!(
            text,
            "verdict: {} ({}); next version {} (now {})",
            bump.as_str(),
            why(bump),
            verdict.next,
            verdict.current
        ),
    };
    text
}

fn why(bump: Bump) -> &'static str {
    match bump {
        Bump::Major => "code written against the old crate may break",
        Bump::Minor => "new API or a changed wire format, old code keeps compiling",
        Bump::Patch => "documentation only",
        Bump::None => "no change",
    }
}

/// `1 breaking, 2 additive`: the non-zero counts, in report order (all of them with
/// `all`).
fn counts(report: &Report, all: bool) -> String {
    let parts: Vec<String> = Severity::ALL
        .iter()
        .map(|&severity| (severity, report.count(severity)))
        .filter(|&(_, count)| all || count > 0)
        .map(|(severity, count)| format!("{count} {}", severity.as_str()))
        .collect();
    parts.join(", ")
}

#[derive(Serialize)]
struct JsonReport<'a> {
    bump: &'static str,
    next_version: String,
    changes: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    severity: &'static str,
    location: String,
    item: &'a str,
    message: String,
}

/// The report as one JSON object: `bump`, `next_version` and `changes`, each change with
/// `severity`, `location` (`file:line:col`), `item` and `message` (with how to adapt, for
/// breaking changes).
pub fn json(report: &Report, verdict: &Verdict) -> String {
    let changes = report
        .changes
        .iter()
        .map(|change| JsonChange {
            severity: change.severity.as_str(),
            location: format!(
                "{}:{}:{}",
                change.location.path.display(),
                change.location.line,
                change.location.column
            ),
            item: &change.item,
            message: match &change.help {
                Some(help) => format!("{}. To adapt: {help}.", change.message),
                None => format!("{}.", change.message),
            },
        })
        .collect();
    let report = JsonReport {
        bump: verdict.bump.as_str(),
        next_version: verdict.next.to_string(),
        changes,
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

/// `spec changes since HEAD: 1 breaking, 2 additive; next version 0.2.0 (codegen diff for
/// details)`; `None` when nothing changed.
pub fn summary(report: &Report, base: &str, current: Option<&Version>) -> Option<String> {
    if report.changes.is_empty() {
        return None;
    }
    let verdict = match current {
        Some(current) => format!("next version {}", current.next(report.bump())),
        None => format!("a {} change", report.bump().as_str()),
    };
    Some(format!(
        "spec changes since {base}: {}; {verdict} (codegen diff for details)",
        counts(report, false)
    ))
}
