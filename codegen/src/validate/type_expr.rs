//! The message for a type expression that names no type: a malformed `list<…>`/`map<…>`,
//! a scalar from another language (`int`, `float`), or a misspelt type name.

use crate::diagnostic::{Diagnostic, Location, did_you_mean};

/// Scalar names people bring from other languages and formats, with ours.
const SCALAR_SYNONYMS: &[(&str, &str)] = &[
    ("bool", "boolean"),
    ("date", "date-time"),
    ("datetime", "date-time"),
    ("decimal", "number"),
    ("double", "number"),
    ("f32", "number"),
    ("f64", "number"),
    ("float", "number"),
    ("i32", "integer"),
    ("i64", "integer"),
    ("int", "integer"),
    ("json", "any"),
    ("long", "integer"),
    ("object", "any"),
    ("str", "string"),
    ("text", "string"),
    ("timestamp", "date-time"),
];

/// The error for `name`, which is neither a scalar nor a declared type.
pub fn unknown_type<'a>(
    name: &str,
    scalars: &'a [&'a str],
    declared: impl Iterator<Item = &'a str>,
    location: Location,
) -> Diagnostic {
    if let Some(problem) = malformed(name) {
        return Diagnostic::error(format!("malformed type expression `{name}`: {problem}"))
            .at(location)
            .help("write `list<T>` or `map<T>` with one type `T`, e.g. `list<string>`");
    }
    let scalar_like = name.starts_with(|c: char| c.is_ascii_lowercase());
    if scalar_like {
        let error = Diagnostic::error(format!("unknown scalar type `{name}`")).at(location);
        let synonym = SCALAR_SYNONYMS
            .iter()
            .find(|(other, _)| other.eq_ignore_ascii_case(name))
            .map(|(_, ours)| *ours);
        return match synonym.or_else(|| did_you_mean(name, scalars.iter().copied())) {
            Some(ours) => error.help(format!("did you mean `{ours}`?")),
            None => error.help(format!("the scalar types are {}", scalars.join(", "))),
        };
    }
    let candidates = scalars.iter().copied().chain(declared);
    let error = Diagnostic::error(format!("unknown type `{name}`")).at(location);
    match did_you_mean(name, candidates) {
        Some(suggestion) => error.help(format!("did you mean `{suggestion}`?")),
        None => error,
    }
}

/// What is wrong with a type expression that is not a plain name, if anything.
fn malformed(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        return Some("it is empty");
    }
    let opens = text.matches('<').count();
    let closes = text.matches('>').count();
    if opens > closes {
        return Some("`<` without a matching `>`");
    }
    if closes > opens {
        return Some("`>` without a matching `<`");
    }
    if text.contains(',') {
        return Some("`map<…>` and `list<…>` take one type (map keys are always strings)");
    }
    if text.contains("<>") {
        return Some("`<>` names no type");
    }
    if opens > 0 && !(text.starts_with("list<") || text.starts_with("map<")) {
        return Some("only `list<…>` and `map<…>` take a type argument");
    }
    if text.contains(char::is_whitespace) {
        return Some("a type name has no spaces");
    }
    None
}
