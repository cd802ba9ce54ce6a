//! Checks that need the whole resolved API, run after [`crate::resolve`] builds it: names
//! that would clash in the generated code, types that contain themselves, unused types.
//! Each check is a small module; this one only runs them.

mod cycles;
mod locate;
mod names;
mod unused;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::Api;
use crate::spec::SpecFile;

pub use names::{CLIENT_METHODS, RESERVED_PARAMETERS, RESERVED_TYPE_NAMES};

/// Every problem found in `api`, resolved from `files`. Warnings are only looked for when
/// `has_errors` is false: with an error, a type can look unused only because the reference
/// to it was misspelled.
pub fn check(files: &[(SourceFile, SpecFile)], api: &Api, has_errors: bool) -> Vec<Diagnostic> {
    let declarations = locate::Declarations::new(files);
    let mut diagnostics = names::check(files, api, &declarations);
    diagnostics.extend(cycles::check(api, &declarations));
    if !has_errors && diagnostics.is_empty() {
        diagnostics.extend(unused::check(api, &declarations));
    }
    diagnostics
}
