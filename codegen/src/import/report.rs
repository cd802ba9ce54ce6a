//! What the import says about a document: errors (the document is broken) and warnings
//! (something it cannot express, and what it did instead), each at a JSON pointer. Pointers
//! become `file:line:col` only once, at the end, for all findings of a document together.

use std::collections::HashSet;

use super::document::Document;
use super::pointer;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// One finding, before it is located.
#[derive(Clone, Debug)]
struct Finding {
    error: bool,
    message: String,
    document: usize,
    pointer: String,
    help: Option<String>,
}

/// The findings of an import run.
#[derive(Debug, Default)]
pub struct Report {
    findings: Vec<Finding>,
    /// (document, pointer, message) of every finding, to say each once: the same schema
    /// can be reached from several operations.
    seen: HashSet<(usize, String, String)>,
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

    fn push(
        &mut self,
        error: bool,
        document: usize,
        pointer: &str,
        message: String,
        help: Option<String>,
    ) {
        if self
            .seen
            .insert((document, pointer.to_owned(), message.clone()))
        {
            self.findings.push(Finding {
                error,
                message,
                document,
                pointer: pointer.to_owned(),
                help,
            });
        }
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
                .filter(|f| f.document == index)
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
