//! Docs become `///` comments, where rustc refuses a bare carriage return and other
//! control characters; refuse them in the spec, where they can be pointed at.

use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Location, SourceFile};
use crate::spec::{FieldDecl, SpecFile, Text};

/// One error per doc that holds a control character other than a line break or a tab.
pub fn check(files: &[(SourceFile, SpecFile)]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (file, spec) in files {
        let mut check = |doc: &Option<Text>| {
            if let Some(doc) = doc
                && let Some(c) = control_character(&doc.value)
            {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "the doc contains the control character U+{:04X}, which a Rust doc comment cannot hold",
                        u32::from(c)
                    ))
                    .at(Location::from_saphyr(file, &doc.referenced))
                    .help("remove it; write line breaks as real line breaks"),
                );
            }
        };
        for decl in spec.types.values() {
            check(&decl.doc);
            for field in decl.fields.iter().flat_map(|f| f.value.values()) {
                check(&field.value.doc);
            }
            for value_doc in decl.values.iter().flat_map(|v| v.value.values()) {
                check(value_doc);
            }
            for variant in decl.union.iter().flat_map(|u| u.value.variants.values()) {
                check(&variant.value.doc);
                variant
                    .value
                    .fields
                    .values()
                    .for_each(|f| check(&f.value.doc));
            }
        }
        for decl in spec.endpoints.values() {
            check(&decl.doc);
            let params: Vec<&Spanned<FieldDecl>> = decl
                .path_params
                .values()
                .chain(decl.query.values())
                .collect();
            params.iter().for_each(|p| check(&p.value.doc));
            for meaning in decl.errors.values() {
                check(&Some(meaning.clone()));
            }
        }
    }
    diagnostics
}

/// The first control character of `text` that is not `\n`, `\t` or the `\r` of `\r\n`.
fn control_character(text: &str) -> Option<char> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed = c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n'));
        if c.is_control() && !allowed {
            return Some(c);
        }
    }
    None
}
