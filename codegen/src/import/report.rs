//! What the import says about a document: errors (the document is broken) and warnings
//! (something it cannot express, and what it did instead), each at a JSON pointer. Pointers
//! become `file:line:col` only once, at the end, for all findings of a document together.
//!
//! For the coverage report, every finding is also attributed to what was being translated
//! when it was made: the innermost shape (object or union) being built, else the `$ref`
//! target being translated, else the operation itself. Shapes and targets are translated
//! once and shared, so an operation's findings are its own plus those of every shape its
//! types hold and every target those reach (see [`Report::findings_of`]); an envelope's
//! fields around the payload are not among them.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::document::{Document, Located};
use super::pointer;
use super::shapes::{ShapeId, Shapes, Ty};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Why a type is `any`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnyKind {
    /// The document leaves the value untyped (no `type`, `{}`): `any` is what it says.
    Untyped,
    /// The document says only that the value is an object (`type: object`, no
    /// properties): a `map<any>`, whose values are `any` because the document says
    /// nothing of them.
    FreeForm,
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
    /// For an operation: the types its schemas were translated to, before an envelope
    /// was unwrapped.
    pub translated: Vec<Ty>,
}

impl Reach {
    fn absorb(&mut self, other: Reach) {
        self.targets.extend(other.targets);
        self.findings.extend(other.findings);
    }
}

/// The parts of each shape with their reach, by shape.
pub type PartsByShape<'r> = HashMap<ShapeId, Vec<&'r (Option<String>, Reach)>>;

/// What is being translated: the reach so far and, for a shape, that of each field (or
/// alternative) translated.
#[derive(Debug, Default)]
struct Frame {
    reach: Reach,
    parts: Vec<(String, Reach)>,
}

/// The findings of an import run.
#[derive(Debug, Default)]
pub struct Report {
    findings: Vec<Finding>,
    /// (document, pointer, message) of every finding, to say each once: the same schema
    /// can be reached from several operations. The value is the finding's index.
    seen: HashMap<(usize, String, String), usize>,
    /// What is being translated: the operation (first), then nested `$ref` targets and
    /// shapes.
    frames: Vec<Frame>,
    /// The reach of every `$ref` target translated, by (document, target).
    targets: HashMap<(usize, String), Reach>,
    /// The reach of every shape (as interned) outside its fields, and of each field, by
    /// (shape, wire name).
    shapes: HashMap<ShapeId, Vec<(Option<String>, Reach)>>,
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
        self.note(AnyKind::Untyped, document, pointer, why.into());
    }

    /// The document says only that the value at `pointer` is an object, so it is a
    /// `map<any>`; not a warning, but counted in the coverage report.
    pub fn note_free_form(&mut self, document: usize, pointer: &str, why: impl Into<String>) {
        self.note(AnyKind::FreeForm, document, pointer, why.into());
    }

    fn note(&mut self, kind: AnyKind, document: usize, pointer: &str, message: String) {
        self.add(Finding {
            error: false,
            message,
            document,
            pointer: pointer.to_owned(),
            help: None,
            any: Some(kind),
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
            frame.reach.findings.insert(index);
        }
    }

    /// Starts recording what one operation's translation reaches.
    pub fn begin_operation(&mut self) {
        self.frames = vec![Frame::default()];
    }

    /// What the operation begun last reached outside the shapes it built.
    pub fn end_operation(&mut self) -> Reach {
        self.frames
            .drain(..)
            .next()
            .map(|frame| frame.reach)
            .unwrap_or_default()
    }

    /// The reach of every shape's parts by the shape it is now (the config's merges
    /// made), for [`Report::findings_of`].
    pub fn parts_by_shape<'r>(&'r self, shapes: &Shapes) -> PartsByShape<'r> {
        let mut by_shape: PartsByShape<'r> = HashMap::new();
        for (&id, parts) in &self.shapes {
            by_shape
                .entry(shapes.current(id))
                .or_default()
                .extend(parts.iter());
        }
        by_shape
    }

    /// The findings of the operation at `pointer` of `document`: those `reach` (what it
    /// reached outside shapes) holds, those of the envelope's field `envelope` it returns,
    /// those of every shape its types `roots` hold, and of every `$ref` target those
    /// reached, directly or through other targets. Identical shapes are one, so a shape's
    /// part may hold the same finding at each copy: only the copies in what the operation
    /// reached are kept (all when none is).
    pub fn findings_of(
        &self,
        operation: (usize, &str),
        reach: &Reach,
        roots: &[Ty],
        envelope: Option<&str>,
        (shapes, by_shape): (&Shapes, &PartsByShape<'_>),
    ) -> BTreeSet<usize> {
        let (document, pointer) = operation;
        let mut findings = reach.findings.clone();
        let mut targets: Vec<String> = reach.targets.iter().cloned().collect();
        // Each part of a shape, all its copies together.
        let mut parts: HashMap<(ShapeId, Option<&str>), Vec<&Reach>> = HashMap::new();
        // The payload field of an envelope the operation's response was translated to.
        for ty in &reach.translated {
            let Some(id) = shapes.current_ty(ty).named() else {
                continue;
            };
            for (wire, part) in by_shape.get(&id).into_iter().flatten() {
                if envelope.is_some() && wire.as_deref() == envelope {
                    parts.entry((id, wire.as_deref())).or_default().push(part);
                }
            }
        }
        let mut stack: Vec<Ty> = roots.iter().map(|ty| shapes.current_ty(ty)).collect();
        let mut seen_shapes: HashSet<ShapeId> = HashSet::new();
        while let Some(ty) = stack.pop() {
            let Some(id) = ty.named() else { continue };
            if !seen_shapes.insert(id) {
                continue;
            }
            for (wire, part) in by_shape.get(&id).into_iter().flatten() {
                parts.entry((id, wire.as_deref())).or_default().push(part);
            }
            stack.extend(shapes.current_kind(id).children());
        }
        for part in parts.values().flatten() {
            targets.extend(part.targets.iter().cloned());
        }
        let mut seen_targets: HashSet<String> = HashSet::new();
        while let Some(target) = targets.pop() {
            if seen_targets.contains(&target) {
                continue;
            }
            if let Some(inner) = self.targets.get(&(document, target.clone())) {
                findings.extend(inner.findings.iter().copied());
                targets.extend(inner.targets.iter().cloned());
            }
            seen_targets.insert(target);
        }
        let within = |at: &str, scope: &str| {
            at.strip_prefix(scope)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        for copies in parts.values() {
            let all: BTreeSet<usize> = copies
                .iter()
                .flat_map(|part| part.findings.iter().copied())
                .collect();
            let own: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&i| {
                    let at = self.findings[i].pointer.as_str();
                    within(at, pointer) || seen_targets.iter().any(|t| within(at, t))
                })
                .collect();
            if own.is_empty() {
                findings.extend(all);
            } else {
                findings.extend(own);
            }
        }
        findings
    }

    /// A shape is being built.
    pub fn enter_shape(&mut self) {
        if !self.frames.is_empty() {
            self.frames.push(Frame::default());
        }
    }

    /// One part (a field, an alternative) of the shape being built is being translated.
    pub fn enter_part(&mut self) {
        self.enter_shape();
    }

    /// The part entered last, `name`, is translated.
    pub fn leave_part(&mut self, name: &str) {
        if self.frames.len() < 3 {
            return;
        }
        if let (Some(part), Some(shape)) = (self.frames.pop(), self.frames.last_mut()) {
            shape.parts.push((name.to_owned(), part.reach));
        }
    }

    /// The shape entered last is built: what it reached belongs to shape `id`, or (with
    /// `None`, no shape was made) to what encloses it.
    pub fn leave_shape(&mut self, id: Option<ShapeId>) {
        if self.frames.len() < 2 {
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match id {
            Some(id) => {
                let entry = self.shapes.entry(id).or_default();
                entry.push((None, frame.reach));
                entry.extend(frame.parts.into_iter().map(|(name, r)| (Some(name), r)));
            }
            None => {
                if let Some(parent) = self.frames.last_mut() {
                    parent.reach.absorb(frame.reach);
                    for (_, part) in frame.parts {
                        parent.reach.absorb(part);
                    }
                }
            }
        }
    }

    /// An operation's schema (body, response, parameter) was translated to `ty`.
    pub fn translated(&mut self, ty: &Ty) {
        if let Some(frame) = self.frames.first_mut() {
            frame.reach.translated.push(ty.clone());
        }
    }

    /// The translation reached the `$ref` target `target` (translated now or before).
    pub fn reached(&mut self, target: &str) {
        if let Some(frame) = self.frames.last_mut() {
            frame.reach.targets.insert(target.to_owned());
        }
    }

    /// A `$ref` target is being translated, for the first time.
    pub fn enter_target(&mut self) {
        if !self.frames.is_empty() {
            self.frames.push(Frame::default());
        }
    }

    /// The `$ref` target entered last, `target`, is translated.
    pub fn leave_target(&mut self, document: usize, target: &str) {
        if self.frames.len() > 1
            && let Some(mut frame) = self.frames.pop()
        {
            // A target that is not a shape (`{}`, a list) has its parts' findings itself.
            for (_, part) in frame.parts.drain(..) {
                frame.reach.absorb(part);
            }
            self.targets
                .insert((document, target.to_owned()), frame.reach);
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
        let located = Located::find(documents, self.shown_pointers(documents.len()));
        self.into_located_diagnostics(&located)
    }

    /// The pointers of the findings the diagnostics show, per document (of `documents`),
    /// for a [`Located`] shared with the coverage.
    pub fn shown_pointers(&self, documents: usize) -> Vec<Vec<&str>> {
        let mut pointers = vec![Vec::new(); documents];
        for finding in self.findings.iter().filter(|f| f.shown) {
            if let Some(wanted) = pointers.get_mut(finding.document) {
                wanted.push(finding.pointer.as_str());
            }
        }
        pointers
    }

    /// [`Self::into_diagnostics`] with the places already found, `located` holding
    /// [`Self::shown_pointers`].
    pub fn into_located_diagnostics(self, located: &Located) -> Diagnostics {
        let mut diagnostics = Vec::with_capacity(self.findings.len());
        let mut shown: Vec<&Finding> = self.findings.iter().filter(|f| f.shown).collect();
        // Document by document, each in the order found, as the sort below expects ties.
        shown.sort_by_key(|finding| finding.document);
        for finding in shown {
            let message = format!(
                "{} (at `{}`)",
                finding.message,
                pointer::shown(&finding.pointer)
            );
            let mut diagnostic = if finding.error {
                Diagnostic::error(message)
            } else {
                Diagnostic::warning(message)
            };
            // Never missing when `located` is what the doc says; unlocated, it is still shown.
            diagnostic.location = located.get(finding.document, &finding.pointer).cloned();
            diagnostics.push(match &finding.help {
                Some(help) => diagnostic.help(help.clone()),
                None => diagnostic,
            });
        }
        Diagnostics(diagnostics).sorted()
    }
}
