//! What the import says about a document: errors (the document is broken) and warnings
//! (something it cannot express, and what it did instead), each at a JSON pointer. Pointers
//! become `file:line:col` only once, at the end, for all findings of a document together.
//!
//! For the coverage report, every finding is also attributed to what was being translated
//! when it was made: a `$ref` target, or the operation itself. Targets are translated once
//! and shared, so an operation's findings are its own plus those of every target it
//! reaches, however it reaches them (see [`Report::end_operation`]).

use std::collections::{BTreeSet, HashMap, HashSet};

use super::document::Document;
use super::pointer;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Why a type is `any`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnyKind {
    /// The document leaves the value untyped (no `type`, `{}`, a free-form object): `any`
    /// is what it says.
    Untyped,
    /// The document types the value in a way the spec format cannot express.
    NotExpressible,
}

/// One finding, before it is located.
#[derive(Clone, Debug)]
pub struct Finding {
    pub error: bool,
    pub message: String,
    pub document: usize,
    pub pointer: String,
    pub help: Option<String>,
    /// Whether it is a typed-`any` finding, and which kind.
    pub any: Option<AnyKind>,
    /// Shown among the warnings; an untyped `any` is only counted in the coverage report.
    pub shown: bool,
}

/// What was translated while one `$ref` target (or one operation) was: the targets it
/// reached and the findings made or met meanwhile.
#[derive(Clone, Debug, Default)]
pub struct Reach {
    pub targets: BTreeSet<String>,
    pub findings: BTreeSet<usize>,
}

/// The findings of an import run.
#[derive(Debug, Default)]
pub struct Report {
    findings: Vec<Finding>,
    /// (document, pointer, message) of every finding, to say each once: the same schema
    /// can be reached from several operations. The value is the finding's index.
    seen: HashMap<(usize, String, String), usize>,
    /// What is being translated: the operation (first), then nested `$ref` targets.
    frames: Vec<Reach>,
    /// The reach of every `$ref` target translated, by (document, target).
    targets: HashMap<(usize, String), Reach>,
}

impl Report {
    /// The document is broken at `pointer`.
    pub fn error(&mut self, document: usize, pointer: &str, message: impl Into<String>) {
        self.push(true, document, pointer, message.into(), None);
    }

    /// An error with a `help:` line.
    pub fn error_with_help(
        &mut self,
        document: usize,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(true, document, pointer, message.into(), Some(help.into()));
    }

    /// Something at `pointer` cannot be expressed; `message` says what was done instead.
    pub fn warn(&mut self, document: usize, pointer: &str, message: impl Into<String>) {
        self.push(false, document, pointer, message.into(), None);
    }

    /// A warning with a `help:` line.
    pub fn warn_with_help(
        &mut self,
        document: usize,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(false, document, pointer, message.into(), Some(help.into()));
    }

    /// The document leaves the value at `pointer` untyped (`why`), so it is `any`; not
    /// a warning, but counted in the coverage report.
    pub fn note_untyped(&mut self, document: usize, pointer: &str, why: impl Into<String>) {
        self.add(Finding {
            error: false,
            message: why.into(),
            document,
            pointer: pointer.to_owned(),
            help: None,
            any: Some(AnyKind::Untyped),
            shown: false,
        });
    }

    fn push(
        &mut self,
        error: bool,
        document: usize,
        pointer: &str,
        message: String,
        help: Option<String>,
    ) {
        // Every stage words a value it had to type `any` the same way.
        let any = (!error && message.contains("typed `any`")).then_some(AnyKind::NotExpressible);
        self.add(Finding {
            error,
            message,
            document,
            pointer: pointer.to_owned(),
            help,
            any,
            shown: true,
        });
    }

    fn add(&mut self, finding: Finding) {
        let key = (
            finding.document,
            finding.pointer.clone(),
            finding.message.clone(),
        );
        let index = *self.seen.entry(key).or_insert_with(|| {
            self.findings.push(finding);
            self.findings.len() - 1
        });
        if let Some(frame) = self.frames.last_mut() {
            frame.findings.insert(index);
        }
    }

    /// Starts recording what one operation's translation reaches.
    pub fn begin_operation(&mut self) {
        self.frames = vec![Reach::default()];
    }

    /// What the operation begun last reached: its own findings and those of every `$ref`
    /// target it reached, directly or through other targets (cached ones included).
    pub fn end_operation(&mut self, document: usize) -> Reach {
        let mut reach = self.frames.drain(..).next().unwrap_or_default();
        let mut stack: Vec<String> = reach.targets.iter().cloned().collect();
        let mut visited: HashSet<String> = HashSet::new();
        while let Some(target) = stack.pop() {
            if !visited.insert(target.clone()) {
                continue;
            }
            if let Some(inner) = self.targets.get(&(document, target)) {
                reach.findings.extend(inner.findings.iter().copied());
                stack.extend(inner.targets.iter().cloned());
                reach.targets.extend(inner.targets.iter().cloned());
            }
        }
        reach
    }

    /// The translation reached the `$ref` target `target` (translated now or before).
    pub fn reached(&mut self, target: &str) {
        if let Some(frame) = self.frames.last_mut() {
            frame.targets.insert(target.to_owned());
        }
    }

    /// The `$ref` target `target` is being translated, for the first time.
    pub fn enter_target(&mut self) {
        if !self.frames.is_empty() {
            self.frames.push(Reach::default());
        }
    }

    /// The `$ref` target `target` entered last is translated.
    pub fn leave_target(&mut self, document: usize, target: &str) {
        if self.frames.len() > 1
            && let Some(frame) = self.frames.pop()
        {
            self.targets.insert((document, target.to_owned()), frame);
        }
    }

    /// The findings so far, by index.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.error)
    }

    /// The findings as located diagnostics, sorted by place; each names its pointer.
    pub fn into_diagnostics(self, documents: &[Document]) -> Diagnostics {
        let mut diagnostics = Vec::with_capacity(self.findings.len());
        for (index, document) in documents.iter().enumerate() {
            let findings: Vec<&Finding> = self
                .findings
                .iter()
                .filter(|f| f.document == index && f.shown)
                .collect();
            if findings.is_empty() {
                continue;
            }
            let pointers: Vec<&str> = findings.iter().map(|f| f.pointer.as_str()).collect();
            let locations = document.locate(&pointers);
            for (finding, location) in findings.into_iter().zip(locations) {
                let message = format!(
                    "{} (at `{}`)",
                    finding.message,
                    pointer::shown(&finding.pointer)
                );
                let diagnostic = if finding.error {
                    Diagnostic::error(message)
                } else {
                    Diagnostic::warning(message)
                }
                .at(location);
                diagnostics.push(match &finding.help {
                    Some(help) => diagnostic.help(help.clone()),
                    None => diagnostic,
                });
            }
        }
        Diagnostics(diagnostics).sorted()
    }
}
