//! Checks that need the whole resolved API, run after [`crate::resolve`] builds it: names
//! that would clash in the generated code, types that contain themselves, unused types.
//! Each check is a small module; this one only runs them.

mod cycles;
mod depth;
mod forms;
mod locate;
mod name_problem;
mod names;
mod path;
mod placement;
mod routes;
mod text;
mod type_expr;
mod unused;

use crate::diagnostic::{Diagnostic, Location, SourceFile};
use crate::model::Api;
use crate::spec::SpecFile;

pub use cycles::boxed_fields;
pub use depth::too_deeply_nested;
pub use name_problem::{NameKind, invalid_name};
pub use names::{CLIENT_METHODS, RESERVED_NAMESPACES, RESERVED_PARAMETERS, RESERVED_TYPE_NAMES};
pub use path::{PathProblem, parse_path_template};
pub use type_expr::unknown_type;

/// Every problem found in `api`, resolved from `files`. Warnings are only looked for when
/// `has_errors` is false: with an error, a type can look unused only because the reference
/// to it was misspelled.
pub fn check(files: &[(SourceFile, SpecFile)], api: &Api, has_errors: bool) -> Vec<Diagnostic> {
    let declarations = locate::Declarations::new(files);
    let mut diagnostics = empty_files(files);
    diagnostics.extend(text::check(files));
    diagnostics.extend(names::check(files, api, &declarations));
    diagnostics.extend(placement::check(api, &declarations));
    diagnostics.extend(forms::check(api, &declarations));
    diagnostics.extend(routes::check(api, &declarations));
    diagnostics.extend(cycles::check(api, &declarations));
    diagnostics.extend(depth::check(api, &declarations));
    if !has_errors && diagnostics.is_empty() {
        diagnostics.extend(unused::check(api, &declarations));
    }
    diagnostics
}

/// A file that declares nothing (only comments, or empty `types` and `endpoints`) is
/// almost always a mistake: a wrong file, or content lost in an edit.
fn empty_files(files: &[(SourceFile, SpecFile)]) -> Vec<Diagnostic> {
    files
        .iter()
        .filter(|(_, spec)| spec.types.is_empty() && spec.endpoints.is_empty())
        .map(|(file, _)| {
            Diagnostic::error("the spec file declares no types and no endpoints")
                .at(Location::start_of(file))
                .help("add `types:` or `endpoints:`, or delete the file")
        })
        .collect()
}

/// Each type's position in `api.types`, by name: the graph checks' node numbers.
fn type_positions(api: &Api) -> std::collections::BTreeMap<&str, usize> {
    api.types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.as_str(), i))
        .collect()
}
