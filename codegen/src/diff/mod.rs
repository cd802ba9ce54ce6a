//! The spec-change report: compares two resolved APIs and says, per change, what happens to
//! Rust code written against the crate generated from the old one (it stops compiling, or
//! compiles and means something else: `breaking`; only new API: `additive`; the same Rust
//! API but other bytes on the wire: `wire`; only documentation: `docs`), and which semver
//! bump that needs.
//!
//! A consumer of the model: the rules follow from what `emit` generates (see [`rust`]), and
//! `codegen/tests/diff_proof.rs` proves them by compiling user code against both crates.
//!
//! ```no_run
//! use codegen::diff::{self, Snapshot};
//! use codegen::read_spec_paths;
//!
//! let old = Snapshot::from_sources(read_spec_paths(&["old/spec".into()])?)?;
//! let new = Snapshot::from_sources(read_spec_paths(&["spec".into()])?)?;
//! let report = diff::compare(&old, &new, "cloudflare_sdk");
//! println!("{:?}: {} change(s)", report.bump(), report.changes.len());
//! # Ok::<(), codegen::Error>(())
//! ```

mod endpoints;
mod fields;
pub mod render;
pub mod rust;
pub mod sites;
mod types;
pub mod version;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::diagnostic::{Location, SourceFile};
use crate::model::{Api, TypeRef};
use crate::spec::SpecFile;
use sites::{Key, Part, Sites};
pub use version::{Bump, Version};

/// How a change affects users of the generated crate. The order is the report's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Code that compiled against the old crate may stop compiling, or compiles and
    /// silently means something else.
    Breaking,
    /// New API only: old code compiles and means the same.
    Additive,
    /// The Rust API is the same, but what goes over the wire changes.
    Wire,
    /// Only documentation changes.
    Docs,
}

impl Severity {
    /// Every severity, in report order.
    pub const ALL: [Severity; 4] = [
        Severity::Breaking,
        Severity::Additive,
        Severity::Wire,
        Severity::Docs,
    ];

    /// The lower-case name used in the report and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Breaking => "breaking",
            Self::Additive => "additive",
            Self::Wire => "wire",
            Self::Docs => "docs",
        }
    }

    /// The semver bump a change of this severity needs.
    pub fn bump(self) -> Bump {
        match self {
            Self::Breaking => Bump::Major,
            Self::Additive | Self::Wire => Bump::Minor,
            Self::Docs => Bump::Patch,
        }
    }
}

/// One difference between the two APIs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub severity: Severity,
    /// In the new spec; in the old one for removals.
    pub location: Location,
    /// The Rust item affected, e.g. `cloudflare_sdk::RateProperties::new`.
    pub item: String,
    /// What changed and, for breaking changes, why user code breaks.
    pub message: String,
    /// How a user adapts, for breaking changes.
    pub help: Option<String>,
}

/// Every change between two APIs, in report order: by severity, then by location.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    /// The semver bump the changes need: the largest any change needs.
    pub fn bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|change| change.severity.bump())
            .max()
            .unwrap_or(Bump::None)
    }

    /// How many changes have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|change| change.severity == severity)
            .count()
    }

    /// Whether any change is at least as serious as `threshold`, in the order
    /// breaking > wire > additive > docs (`--fail-on`).
    pub fn has_at_least(&self, threshold: Severity) -> bool {
        let rank = |severity: Severity| match severity {
            Severity::Breaking => 3,
            Severity::Wire => 2,
            Severity::Additive => 1,
            Severity::Docs => 0,
        };
        self.changes
            .iter()
            .any(|change| rank(change.severity) >= rank(threshold))
    }
}

/// One side of a diff: a resolved API and the parsed files it came from, which tell where
/// each item is written.
#[derive(Debug)]
pub struct Snapshot {
    api: Api,
    files: Vec<(SourceFile, SpecFile)>,
    /// Built on the first lookup: a diff without changes never needs it.
    sites: OnceLock<Sites>,
}

impl Snapshot {
    /// Parses and resolves `sources`; spec errors come back as [`crate::Error::Spec`].
    pub fn from_sources(sources: Vec<SourceFile>) -> Result<Self, crate::Error> {
        let files = crate::parse_sources(sources)?;
        let (api, _warnings) = crate::resolve::resolve(&files).map_err(crate::Error::Spec)?;
        Ok(Self {
            api,
            files,
            sites: OnceLock::new(),
        })
    }

    /// The resolved API.
    pub fn api(&self) -> &Api {
        &self.api
    }

    fn sites(&self) -> &Sites {
        self.sites.get_or_init(|| Sites::new(&self.files))
    }

    /// Where `part` of `key` is written (the item itself for `None`); the start of the first
    /// file if the item cannot be found, which would be a bug in [`Sites`].
    fn site(&self, key: &Key, part: Option<Part>) -> Location {
        let sites = self.sites();
        let found = match part {
            Some(part) => sites.part(key, part),
            None => sites.at(key),
        };
        found.cloned().unwrap_or_else(|| match self.files.first() {
            Some((file, _)) => Location::start_of(file),
            None => Location::start_of(&SourceFile {
                path: "<no spec file>".into(),
                text: String::new(),
            }),
        })
    }
}

/// Compares two APIs for the crate that code refers to as `crate_name`.
pub fn compare(old: &Snapshot, new: &Snapshot, crate_name: &str) -> Report {
    let mut diff = Diff {
        old,
        new,
        paths: rust::Paths::new(crate_name, old.api(), new.api()),
        renames: BTreeMap::new(),
        changes: Vec::new(),
    };
    types::compare(&mut diff);
    endpoints::compare(&mut diff);
    let mut changes = diff.changes;
    changes.sort_by(|a, b| (a.severity, &a.location).cmp(&(b.severity, &b.location)));
    Report { changes }
}

/// The state of one comparison, shared by the rules of each kind of item.
struct Diff<'a> {
    old: &'a Snapshot,
    new: &'a Snapshot,
    paths: rust::Paths,
    /// Types that kept their shape under a new name: old name → new name.
    renames: BTreeMap<String, String>,
    changes: Vec<Change>,
}

impl Diff<'_> {
    fn push(
        &mut self,
        severity: Severity,
        location: Location,
        item: impl Into<String>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.changes.push(Change {
            severity,
            location,
            item: item.into(),
            message: message.into(),
            help,
        });
    }

    /// `ty` of the old API with renamed types given their new names.
    fn renamed(&self, ty: &TypeRef) -> TypeRef {
        match ty {
            TypeRef::Named(name) => TypeRef::Named(self.renames.get(name).unwrap_or(name).clone()),
            TypeRef::List(item) => TypeRef::List(Box::new(self.renamed(item))),
            TypeRef::Map(value) => TypeRef::Map(Box::new(self.renamed(value))),
            TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(self.renamed(inner))),
            other => other.clone(),
        }
    }

    /// Whether an old and a new type reference are the same Rust type, once renamed types
    /// (reported on their own) are taken into account.
    fn same_type(&self, old: &TypeRef, new: &TypeRef) -> bool {
        self.renamed(old) == *new
    }
}

/// `a`, `b` and `c`: a list for a message.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `text` in backticks.
fn code(text: &str) -> String {
    format!("`{text}`")
}
