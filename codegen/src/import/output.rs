//! Spec files as text, in the style of the hand-written ones: short forms where they fit,
//! `{ type: …, doc: … }` on one line when it is short, block form otherwise. Scalars are
//! quoted only when YAML would read them as something else.

use crate::model::{BodyContent, ResponseContent};
use std::fmt::Write as _;

/// A type of the spec.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeOut {
    pub name: String,
    /// The product module it lives in and its Rust name there, if not the crate's root.
    pub module: Option<(String, String)>,
    pub doc: Option<String>,
    pub body: TypeBody,
}

/// The kind of a spec type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeBody {
    Fields(Vec<FieldOut>),
    /// Wire values with their docs and, where the derived one would not do, Rust names.
    Enum(Vec<EnumValueOut>),
    Union {
        tag: String,
        variants: Vec<VariantOut>,
    },
    /// An untagged union's alternatives, in the order they are tried.
    OneOf(Vec<AlternativeOut>),
}

/// A value of a string enum of the spec.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValueOut {
    pub wire: String,
    pub doc: Option<String>,
    pub rust: Option<String>,
}

/// An alternative of an untagged union of the spec: its name, type expression and doc.
#[derive(Clone, Debug, PartialEq)]
pub struct AlternativeOut {
    pub name: String,
    pub ty: String,
    pub doc: Option<String>,
}

/// A union variant of the spec.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantOut {
    pub tag_value: String,
    pub doc: Option<String>,
    /// The struct's name when it is not the default `{Tag}{Union}`.
    pub name: Option<String>,
    pub fields: Vec<FieldOut>,
}

/// A field or parameter of the spec.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldOut {
    pub wire: String,
    /// A type expression.
    pub ty: String,
    pub doc: Option<String>,
    pub optional: bool,
    pub nullable: bool,
    pub rust: Option<String>,
}

/// An endpoint of the spec.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointOut {
    pub name: String,
    pub doc: Option<String>,
    pub method: &'static str,
    pub path: String,
    pub path_params: Vec<FieldOut>,
    pub query: Vec<FieldOut>,
    /// Header parameters, keyed by header name.
    pub headers: Vec<FieldOut>,
    /// (items, page); items empty when the payload is the list of items.
    pub pages: Option<(String, String)>,
    pub body: Option<BodyOut>,
    /// The JSON payload's type expression.
    pub response: String,
    /// Its envelope field; empty when the whole body is the payload.
    pub envelope: String,
    pub response_content: ResponseContent,
    pub errors: Vec<(u16, String)>,
}

/// A request body of the spec: its type and how it is sent.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyOut {
    pub ty: String,
    pub content: BodyContent,
    pub media_type: Option<String>,
}

/// Lines longer than this are written in block form.
const MAX_LINE: usize = 100;

/// The text of a spec file: `header` (comment lines), then its types and endpoints.
pub fn render(header: &str, types: &[TypeOut], endpoints: &[EndpointOut]) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    if !types.is_empty() {
        out.push_str("\ntypes:\n");
        for (i, ty) in types.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            write_type(&mut out, ty);
        }
    }
    if !endpoints.is_empty() {
        out.push_str("\nendpoints:\n");
        for (i, endpoint) in endpoints.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            write_endpoint(&mut out, endpoint);
        }
    }
    out
}

fn write_type(out: &mut String, ty: &TypeOut) {
    let _ = writeln!(out, "  {}:", key(&ty.name));
    if let Some((module, rust)) = &ty.module {
        let _ = writeln!(out, "    module: {module}");
        if rust != &ty.name {
            let _ = writeln!(out, "    rust: {rust}");
        }
    }
    write_doc(out, 4, &ty.doc);
    match &ty.body {
        TypeBody::Fields(fields) => write_fields(out, 4, "fields", fields, true),
        TypeBody::Enum(values) => {
            out.push_str("    enum:\n");
            for value in values {
                write_enum_value(out, value);
            }
        }
        TypeBody::OneOf(alternatives) => {
            out.push_str("    one_of:\n");
            for alternative in alternatives {
                let field = FieldOut {
                    wire: alternative.name.clone(),
                    ty: alternative.ty.clone(),
                    doc: alternative.doc.clone(),
                    optional: false,
                    nullable: false,
                    rust: None,
                };
                write_field(out, 6, &field);
            }
        }
        TypeBody::Union { tag, variants } => {
            out.push_str("    union:\n");
            let _ = writeln!(out, "      tag: {}", scalar(tag, false));
            out.push_str("      variants:\n");
            for variant in variants {
                let _ = writeln!(out, "        {}:", key(&variant.tag_value));
                write_doc(out, 10, &variant.doc);
                if let Some(name) = &variant.name {
                    let _ = writeln!(out, "          name: {name}");
                }
                write_fields(out, 10, "fields", &variant.fields, true);
            }
        }
    }
}

/// One enum value: `wire: doc` (short form), or `wire: { rust: Name, doc: … }` when it
/// has a Rust name.
fn write_enum_value(out: &mut String, value: &EnumValueOut) {
    let name = key(&value.wire);
    let one_line_doc = value.doc.as_deref().filter(|d| !d.contains('\n'));
    if let Some(rust) = &value.rust {
        let mut entries = vec![format!("rust: {rust}")];
        if let Some(doc) = one_line_doc {
            entries.push(format!("doc: {}", scalar(doc, true)));
        }
        let line = format!("      {name}: {{ {} }}", entries.join(", "));
        if (value.doc.is_none() || one_line_doc.is_some()) && line.chars().count() <= MAX_LINE {
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "      {name}:");
            let _ = writeln!(out, "        rust: {rust}");
            write_doc(out, 8, &value.doc);
        }
        return;
    }
    match (&value.doc, one_line_doc) {
        (_, Some(doc)) => {
            let _ = writeln!(out, "      {name}: {}", scalar(doc, false));
        }
        (Some(doc), None) => {
            let _ = writeln!(out, "      {name}: {}", block(doc, 8));
        }
        (None, _) => {
            let _ = writeln!(out, "      {name}:");
        }
    }
}

fn write_endpoint(out: &mut String, endpoint: &EndpointOut) {
    let _ = writeln!(out, "  {}:", key(&endpoint.name));
    write_doc(out, 4, &endpoint.doc);
    let _ = writeln!(out, "    method: {}", endpoint.method);
    let _ = writeln!(out, "    path: {}", scalar(&endpoint.path, false));
    write_fields(out, 4, "path_params", &endpoint.path_params, false);
    write_fields(out, 4, "query", &endpoint.query, false);
    write_fields(out, 4, "headers", &endpoint.headers, false);
    if let Some((items, page)) = &endpoint.pages {
        if items.is_empty() {
            let _ = writeln!(out, "    pages: {{ page: {} }}", scalar(page, true));
        } else {
            let _ = writeln!(
                out,
                "    pages: {{ items: {}, page: {} }}",
                scalar(items, true),
                scalar(page, true)
            );
        }
    }
    if let Some(body) = &endpoint.body {
        write_body(out, body);
    }
    let response = match endpoint.response_content {
        ResponseContent::Json if endpoint.envelope.is_empty() => {
            format!("{{ type: {} }}", scalar(&endpoint.response, true))
        }
        ResponseContent::Json => format!(
            "{{ type: {}, envelope: {} }}",
            scalar(&endpoint.response, true),
            scalar(&endpoint.envelope, true)
        ),
        ResponseContent::Bytes => "{ content: bytes }".to_owned(),
        ResponseContent::Text => "{ content: text }".to_owned(),
        ResponseContent::None => "{ content: none }".to_owned(),
    };
    let _ = writeln!(out, "    response: {response}");
    if !endpoint.errors.is_empty() {
        out.push_str("    errors:\n");
        for (status, doc) in &endpoint.errors {
            let _ = writeln!(out, "      {status}: {}", scalar(doc, false));
        }
    }
}

/// A JSON body by its type alone; the others in the full form.
fn write_body(out: &mut String, body: &BodyOut) {
    let content = match body.content {
        BodyContent::Json => {
            let _ = writeln!(out, "    body: {}", scalar(&body.ty, false));
            return;
        }
        BodyContent::Multipart => "multipart",
        BodyContent::Bytes => "bytes",
        BodyContent::Ndjson => "ndjson",
    };
    let media_type = body
        .media_type
        .as_ref()
        .map(|m| format!(", media_type: {}", scalar(m, true)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "    body: {{ type: {}, content: {content}{media_type} }}",
        scalar(&body.ty, true)
    );
}

fn write_doc(out: &mut String, indent: usize, doc: &Option<String>) {
    if let Some(doc) = doc {
        let pad = " ".repeat(indent);
        if doc.contains('\n') {
            let _ = writeln!(out, "{pad}doc: {}", block(doc, indent + 2));
        } else {
            let _ = writeln!(out, "{pad}doc: {}", scalar(doc, false));
        }
    }
}

/// A mapping of fields under `title`; none at all is written `title: {}` when `always`.
fn write_fields(out: &mut String, indent: usize, title: &str, fields: &[FieldOut], always: bool) {
    let pad = " ".repeat(indent);
    if fields.is_empty() {
        if always {
            let _ = writeln!(out, "{pad}{title}: {{}}");
        }
        return;
    }
    let _ = writeln!(out, "{pad}{title}:");
    for field in fields {
        write_field(out, indent + 2, field);
    }
}

fn write_field(out: &mut String, indent: usize, field: &FieldOut) {
    let pad = " ".repeat(indent);
    let name = key(&field.wire);
    let simple = field.doc.is_none() && !field.optional && !field.nullable && field.rust.is_none();
    if simple {
        let _ = writeln!(out, "{pad}{name}: {}", scalar(&field.ty, false));
        return;
    }
    let mut entries = vec![format!("type: {}", scalar(&field.ty, true))];
    if field.optional {
        entries.push("optional: true".to_owned());
    }
    if field.nullable {
        entries.push("nullable: true".to_owned());
    }
    if let Some(rust) = &field.rust {
        entries.push(format!("rust: {rust}"));
    }
    let one_line_doc = field.doc.as_deref().filter(|d| !d.contains('\n'));
    if let Some(doc) = one_line_doc {
        entries.push(format!("doc: {}", scalar(doc, true)));
    }
    let line = format!("{pad}{name}: {{ {} }}", entries.join(", "));
    if (field.doc.is_none() || one_line_doc.is_some()) && line.chars().count() <= MAX_LINE {
        out.push_str(&line);
        out.push('\n');
        return;
    }
    let _ = writeln!(out, "{pad}{name}:");
    let _ = writeln!(out, "{pad}  type: {}", scalar(&field.ty, false));
    if field.optional {
        let _ = writeln!(out, "{pad}  optional: true");
    }
    if field.nullable {
        let _ = writeln!(out, "{pad}  nullable: true");
    }
    if let Some(rust) = &field.rust {
        let _ = writeln!(out, "{pad}  rust: {rust}");
    }
    write_doc(out, indent + 2, &field.doc);
}

/// A mapping key: plain when YAML reads it back as the same string.
fn key(text: &str) -> String {
    scalar(text, false)
}

/// `text` as a YAML scalar that reads back as exactly this string; `in_flow` when it sits
/// inside `{ … }`, where `,` and brackets end a plain scalar.
pub fn scalar(text: &str, in_flow: bool) -> String {
    if is_plain_safe(text, in_flow) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

fn is_plain_safe(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text || text.chars().any(char::is_control) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    if in_flow && text.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    // Words and numbers YAML reads as other types.
    let lower = text.to_ascii_lowercase();
    let special = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", ".nan",
        "<<",
    ];
    if special.contains(&lower.as_str()) {
        return false;
    }
    let looks_numeric = first.is_ascii_digit()
        || (matches!(first, '+' | '.') && text[1..].starts_with(|c: char| c.is_ascii_digit()));
    !looks_numeric
}

/// A double-quoted YAML scalar.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line text as a literal block (`|-`), its lines indented by `indent`; quoted
/// when a block could not hold it unchanged.
fn block(text: &str, indent: usize) -> String {
    let first_line_indented = text.starts_with([' ', '\t']);
    if first_line_indented || text.chars().any(|c| c.is_control() && c != '\n') {
        return quoted(text);
    }
    let pad = " ".repeat(indent);
    let mut out = String::from("|-");
    for line in text.lines() {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(
            scalar("Identifier of the route.", false),
            "Identifier of the route."
        );
        assert_eq!(scalar("true", false), "\"true\"");
        assert_eq!(scalar("400", false), "\"400\"");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(scalar("a, b", false), "a, b");
        assert_eq!(scalar("key: value", false), "\"key: value\"");
        assert_eq!(scalar("`code`", false), "\"`code`\"");
        assert_eq!(scalar("", false), "\"\"");
        assert_eq!(scalar("say \"hi\"\\", false), "say \"hi\"\\");
        assert_eq!(scalar("\"hi\"\\", false), "\"\\\"hi\\\"\\\\\"");
        assert_eq!(scalar("list<Element>", true), "list<Element>");
    }

    #[test]
    fn multi_line_docs_become_literal_blocks() {
        assert_eq!(block("One.\n\nTwo.", 4), "|-\n    One.\n\n    Two.");
        assert_eq!(block("  indented\nnext", 4), "\"  indented\\nnext\"");
    }
}
