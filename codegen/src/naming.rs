//! Rust names derived from wire names: case conversion, keyword escaping, validity.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Name of the field that keeps the JSON fields a struct does not know.
pub const UNKNOWN_FIELDS: &str = "unknown_fields";

/// The methods and associated functions of the SDK's `Client` that are not operations:
/// its own (`builder`, `from_env`, `base_url`) and those of the traits it implements
/// (derived `Clone` and `Debug`, `From` the runtime's client). Root namespaces and root
/// endpoints become methods of `Client` too, so they cannot take these names: an own one
/// would be defined twice, a trait's one shadowed (`client.clone()` would call the
/// endpoint). The emitter's tests check this list against the `Client` it writes.
pub const CLIENT_METHODS: &[&str] = &[
    "base_url",
    "builder",
    "clone",
    "clone_from",
    "fmt",
    "from",
    "from_env",
];

/// The modules of the SDK crate's root besides one per top-level namespace (whose file
/// would be overwritten by a namespace's module of the same name). The emitter's tests
/// check this list against the `lib.rs` it writes.
pub const ROOT_MODULES: &[&str] = &["api", "types"];

/// The cargo features the generator writes besides one per top-level namespace.
pub const FIXED_FEATURES: &[&str] = &["default", "full"];

/// The features the SDK's manifest has by hand: the runtime's TLS choices, forwarded. A
/// top-level namespace's feature cannot take their names either. Tests check the list
/// against the runtime's and the SDK's manifests.
pub const FORWARDED_FEATURES: &[&str] = &["native-tls", "rustls-aws-lc-rs", "rustls-ring"];

/// Keywords that can be used as raw identifiers (`r#type`).
pub(crate) const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
pub(crate) const RESERVED: &[&str] = &["crate", "self", "super", "Self", "_"];

/// The `snake_case` Rust name for a field or parameter, keyword-safe; `None` when the
/// wire name gives no valid identifier (e.g. `0.5`).
pub fn field_name(wire: &str) -> Option<String> {
    escape(wire.to_snake_case())
}

/// The `snake_case` method that builds a union's variant (`Element::rate` for `Rate`):
/// the variant's name as a field name, and with a trailing `_` when that is a word Rust
/// reserves even as a raw identifier (`crate_` for `Crate`).
pub fn constructor_name(variant: &str) -> String {
    field_name(variant).unwrap_or_else(|| format!("{}_", variant.to_snake_case()))
}

/// A `snake_case` name written in the spec (`rust:` override, endpoint segment), checked.
pub fn snake_name(text: &str) -> Option<String> {
    (text.to_snake_case() == text)
        .then(|| escape(text.to_owned()))
        .flatten()
}

/// The `UpperCamelCase` Rust name for a variant or enum value; `None` if not valid.
pub fn variant_name(wire: &str) -> Option<String> {
    let name = wire.to_upper_camel_case();
    is_identifier(&name)
        .then_some(name)
        .filter(|n| !RESERVED.contains(&n.as_str()))
}

/// Whether a type name written in the spec is already a valid `UpperCamelCase` name.
pub fn is_type_name(name: &str) -> bool {
    is_identifier(name) && name.to_upper_camel_case() == name && !RESERVED.contains(&name)
}

/// The struct of endpoint method `method`'s query and header parameters, named after what
/// it holds: `ListQuery` (query parameters), `CreateHeaders` (header parameters) or
/// `CreateParams` (both); `None` when the method has neither.
pub fn parameters_struct(method: &str, query: bool, headers: bool) -> Option<String> {
    let holds = match (query, headers) {
        (true, false) => "Query",
        (false, true) => "Headers",
        (true, true) => "Params",
        (false, false) => return None,
    };
    Some(format!("{}{holds}", method.to_upper_camel_case()))
}

/// The method argument that takes that struct: `query`, `headers` or `params`.
pub fn parameters_argument(query: bool, headers: bool) -> &'static str {
    match (query, headers) {
        (false, true) => "headers",
        (true, true) => "params",
        _ => "query",
    }
}

/// The struct of the union variant tagged `tag`: the spec's `name:` when given, else
/// `{Variant}{Union}` (`start` of `Element` → `StartElement`).
pub fn variant_struct_name(
    union: &str,
    tag: &crate::spec::Text,
    name: &Option<crate::spec::Text>,
) -> String {
    name.as_ref().map_or_else(
        || format!("{}{union}", variant_struct_prefix(&tag.value)),
        |n| n.value.clone(),
    )
}

/// What a variant struct named by default starts with, before its union's name: the tag
/// in `UpperCamelCase` (`Start`), or nothing when that is no identifier.
pub fn variant_struct_prefix(tag: &str) -> String {
    // `Self` cannot name a variant but can begin a struct's name (`SelfShape`).
    let camel = tag.to_upper_camel_case();
    if is_identifier(&camel) {
        camel
    } else {
        String::new()
    }
}

/// The streaming twin of paginated endpoint method `method`: `list` → `list_stream`.
pub fn stream_method(method: &str) -> String {
    format!("{method}_stream")
}

fn escape(name: String) -> Option<String> {
    if !is_identifier(&name) || RESERVED.contains(&name.as_str()) {
        None
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        Some(format!("r#{name}"))
    } else {
        Some(name)
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parameters_struct_is_named_after_what_it_holds() {
        let named = |query, headers| {
            (
                parameters_struct("list_all", query, headers),
                parameters_argument(query, headers),
            )
        };
        assert_eq!(named(true, false), (Some("ListAllQuery".into()), "query"));
        assert_eq!(
            named(false, true),
            (Some("ListAllHeaders".into()), "headers")
        );
        assert_eq!(named(true, true), (Some("ListAllParams".into()), "params"));
        assert_eq!(named(false, false).0, None);
    }

    #[test]
    fn camel_case_wire_names_become_snake_case() {
        assert_eq!(field_name("elementId").as_deref(), Some("element_id"));
        assert_eq!(field_name("limitType").as_deref(), Some("limit_type"));
    }

    #[test]
    fn keywords_become_raw_identifiers() {
        assert_eq!(field_name("type").as_deref(), Some("r#type"));
        assert_eq!(field_name("true").as_deref(), Some("r#true"));
    }

    #[test]
    fn names_that_cannot_be_identifiers_are_refused() {
        assert_eq!(field_name("0.5"), None);
        assert_eq!(field_name("self"), None);
        assert_eq!(variant_name("50%"), Some("50".to_owned()).filter(|_| false));
    }

    #[test]
    fn type_names_must_already_be_upper_camel_case() {
        assert!(is_type_name("ElementRef"));
        assert!(!is_type_name("element_ref"));
        assert!(!is_type_name("Self"));
    }
}
