//! Spec text that the generated code carries: docs become `///` comments, and wire names,
//! enum values, tags, paths and envelope fields become string literals and are quoted in
//! docs. rustc refuses a bare carriage return or another control character in a doc
//! comment, and a bidirectional control character (U+202A–U+202E, U+2066–U+2069) in a
//! comment or a literal; so such text is refused here, where it can be pointed at, rather
//! than in the generated code. A wire name holds no control character at all.
//!
//! Every text of a spec file is visited by destructuring each declaration whole, so that a
//! key added to the spec format does not compile until it is placed in one of the two
//! kinds of text below.

use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Location, SourceFile, is_bidi_control};
use crate::spec::{
    BodyDecl, EndpointDecl, EnumValueDecl, FieldDecl, PagesDecl, ResponseDecl, SpecFile, Text,
    TypeDecl, UnionDecl, VariantDecl,
};

/// One error per text that holds a character the generated code cannot carry.
pub fn check(files: &[(SourceFile, SpecFile)]) -> Vec<Diagnostic> {
    let mut texts = Texts {
        file: None,
        diagnostics: Vec::new(),
    };
    for (file, spec) in files {
        texts.file = Some(file);
        let SpecFile { types, endpoints } = spec;
        // Type and endpoint names are checked to be ASCII identifiers where they are
        // resolved, as are `module`, `rust` and `name` below.
        for decl in types.values() {
            texts.type_decl(decl);
        }
        for decl in endpoints.values() {
            texts.endpoint(decl);
        }
    }
    texts.diagnostics
}

/// What a text becomes in the generated code, which says what it may hold.
#[derive(Clone, Copy)]
enum Kind {
    /// A doc comment: line breaks and tabs are fine.
    Doc,
    /// A string literal, quoted in docs too: one line of printable text.
    Wire(&'static str),
}

struct Texts<'a> {
    file: Option<&'a SourceFile>,
    diagnostics: Vec<Diagnostic>,
}

impl Texts<'_> {
    fn type_decl(&mut self, decl: &TypeDecl) {
        let TypeDecl {
            doc,
            module: _,
            rust: _,
            fields,
            values,
            union,
            one_of,
        } = decl;
        self.doc(doc);
        if let Some(fields) = fields {
            self.fields(&fields.value);
        }
        for (wire, value) in values.iter().flat_map(|values| &values.value) {
            self.text(wire, Kind::Wire("the enum value"));
            // Its `rust` name is checked where it is resolved.
            self.doc(&EnumValueDecl::doc_of(value));
        }
        if let Some(union) = union {
            let UnionDecl { tag, variants } = &union.value;
            self.text(tag, Kind::Wire("the union's tag"));
            for (wire, variant) in variants {
                self.text(wire, Kind::Wire("the variant's tag value"));
                let VariantDecl {
                    doc,
                    name: _,
                    fields,
                } = &variant.value;
                self.doc(doc);
                self.fields(fields);
            }
        }
        // The variants' names are Rust names, checked where they are resolved.
        for variant in one_of.iter().flat_map(|variants| variants.value.values()) {
            self.doc(&variant.value.doc);
        }
    }

    fn endpoint(&mut self, decl: &EndpointDecl) {
        // The method is one of five words, the path is checked character by character
        // with its template, and the body and response types are type expressions.
        let EndpointDecl {
            doc,
            method: _,
            path: _,
            path_params,
            query,
            headers,
            pages,
            errors,
            body,
            response,
        } = decl;
        self.doc(doc);
        self.fields(path_params);
        self.fields(query);
        self.fields(headers);
        if let Some(pages) = pages {
            let PagesDecl { items, page } = &pages.value;
            if let Some(items) = items {
                self.text(items, Kind::Wire("the items field"));
            }
            self.text(page, Kind::Wire("the page parameter"));
        }
        // The statuses are numbers, checked where they are resolved.
        for meaning in errors.values() {
            self.text(meaning, Kind::Doc);
        }
        if let Some(body) = body {
            // The content is one of four words, checked where it is resolved.
            let BodyDecl {
                ty: _,
                content: _,
                media_type,
            } = &body.value;
            if let Some(media_type) = media_type {
                self.text(media_type, Kind::Wire("the media type"));
            }
        }
        let ResponseDecl {
            ty: _,
            envelope,
            content: _,
        } = &response.value;
        if let Some(envelope) = envelope {
            self.text(envelope, Kind::Wire("the envelope field"));
        }
    }

    fn fields(&mut self, fields: &indexmap::IndexMap<Text, Spanned<FieldDecl>>) {
        for (wire, decl) in fields {
            self.text(wire, Kind::Wire("the wire name"));
            // Type expressions and Rust names are checked where they are resolved.
            let FieldDecl {
                ty: _,
                doc,
                optional: _,
                nullable: _,
                rust: _,
            } = &decl.value;
            self.doc(doc);
        }
    }

    fn doc(&mut self, doc: &Option<Text>) {
        if let Some(doc) = doc {
            self.text(doc, Kind::Doc);
        }
    }

    fn text(&mut self, text: &Text, kind: Kind) {
        let Some(file) = self.file else { return };
        let Some((c, problem)) = problem(&text.value, kind) else {
            return;
        };
        let location = Location::from_saphyr(file, &text.referenced);
        let what = match kind {
            Kind::Doc => "the doc",
            Kind::Wire(what) => what,
        };
        let help = match (kind, c) {
            (Kind::Doc, '\r') => "remove it; write line breaks as real line breaks",
            (_, c) if is_bidi_control(c) => {
                "remove it: it reorders the text that follows it, in the docs and in the code"
            }
            _ => "remove it",
        };
        self.diagnostics.push(
            Diagnostic::error(format!("{what} contains {problem}"))
                .at(narrowed_to_char(location, c))
                .help(help),
        );
    }
}

/// The first character of `text` that a text of `kind` cannot hold, in words.
fn problem(text: &str, kind: Kind) -> Option<(char, String)> {
    let mut chars = text.chars().peekable();
    // The character's code is only written once a problem is found: this runs over every
    // character of every doc of the spec.
    let code = |c: char| format!("U+{:04X}", u32::from(c));
    while let Some(c) = chars.next() {
        if is_bidi_control(c) {
            return Some((
                c,
                format!(
                    "{}, a bidirectional control character, which rustc refuses in generated code",
                    code(c)
                ),
            ));
        }
        let allowed = match kind {
            Kind::Doc => c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n')),
            Kind::Wire(_) => false,
        };
        if c.is_control() && !allowed {
            let reason = match kind {
                Kind::Doc => "which a Rust doc comment cannot hold",
                Kind::Wire(_) => "which no wire name, value or path has",
            };
            return Some((c, format!("the control character {}, {reason}", code(c))));
        }
    }
    None
}

/// `location` narrowed to the character `c` when it is written as itself on the line, or
/// to its escape in a double-quoted string (`\r`, `\u202E`).
fn narrowed_to_char(location: Location, c: char) -> Location {
    let code = u32::from(c);
    let escapes = [
        c.to_string(),
        match c {
            '\r' => "\\r".to_owned(),
            '\n' => "\\n".to_owned(),
            '\t' => "\\t".to_owned(),
            '\0' => "\\0".to_owned(),
            '\u{1B}' => "\\e".to_owned(),
            _ => format!("\\x{code:02X}"),
        },
        format!("\\u{code:04X}"),
        format!("\\u{code:04x}"),
        format!("\\x{code:02x}"),
    ];
    let text = location.source_text();
    escapes
        .iter()
        .find(|escape| text.contains(escape.as_str()))
        .map_or(location.clone(), |escape| location.narrowed_to(escape))
}
