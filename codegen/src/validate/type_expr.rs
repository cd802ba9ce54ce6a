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
    if let Some(help) = foreign_syntax(name) {
        return Diagnostic::error(format!(
            "`{name}` is not a type expression of the spec format"
        ))
        .at(location)
        .help(help);
    }
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

/// How to write in the spec format a type written the way another language writes it:
/// `string[]`, `[string]`, `Vec<T>` and `Array<T>` are `list<T>`; `T?` and `Option<T>`
/// are an optional field; `T | null` a nullable one; `HashMap<String, T>` is `map<T>`.
fn foreign_syntax(text: &str) -> Option<String> {
    let generic = |names: &[&str]| {
        names.iter().find_map(|name| {
            text.strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('<'))
                .and_then(|rest| rest.strip_suffix('>'))
                .map(str::trim)
        })
    };
    let list = |item: &str| format!("a list is written `list<{item}>`");
    if let Some(item) = text.strip_suffix("[]") {
        return Some(list(item.trim()));
    }
    if let Some(item) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        return Some(list(item.trim()));
    }
    if let Some(item) = generic(&["Vec", "Array", "List", "array", "Set", "HashSet"]) {
        return Some(list(item));
    }
    let optional = |inner: &str| {
        format!("write `type: {inner}` with `optional: true` (the field may be absent)")
    };
    if let Some(inner) = text.strip_suffix('?') {
        return Some(optional(inner.trim()));
    }
    if let Some(inner) = generic(&["Option", "Optional"]) {
        return Some(optional(inner));
    }
    if text.contains('|') {
        let parts: Vec<&str> = text.split('|').map(str::trim).collect();
        let others: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|part| !matches!(*part, "null" | "nil" | "None" | "undefined"))
            .collect();
        return Some(match others.as_slice() {
            [one] if others.len() < parts.len() => {
                format!("write `type: {one}` with `nullable: true` (the field may be `null`)")
            }
            _ => "a field has one type; for a value of one of several shapes, declare a \
                  `union` type"
                .to_owned(),
        });
    }
    if let Some(inner) = generic(&["HashMap", "BTreeMap", "Map", "Record", "Dict", "dict"]) {
        let value = inner.rsplit(',').next().unwrap_or(inner).trim();
        return Some(format!(
            "a map is written `map<{value}>` (its keys are always strings)"
        ));
    }
    None
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
    if opens > 0
        && !(text.starts_with("list<") || text.starts_with("map<") || text.starts_with("nullable<"))
    {
        return Some("only `list<…>`, `map<…>` and `nullable<…>` take a type argument");
    }
    if text.contains(char::is_whitespace) {
        return Some("a type name has no spaces");
    }
    None
}
