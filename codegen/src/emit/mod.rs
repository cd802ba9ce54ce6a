//! Stage 3, emit: turns the API model into token streams, one small function per kind.

mod client;
mod constructors;
mod docs;
mod endpoints;
mod enums;
mod example;
mod gates;
mod imports;
mod namespaces;
mod one_of;
mod root;
mod sizes;
mod types;
mod unions;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use std::collections::BTreeMap;

use crate::model::{Api, TypeDef, TypeRef};
use imports::Imports;

pub use constructors::{Literals, argument_literals, converts_into_named};
pub use namespaces::feature_name;
pub use root::{FEATURES_MARKER, RUNTIME_REEXPORTS, features_table};

/// What generated code refers to and how its files are laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Path of the runtime crate as generated code names it: `::cloudflare_sdk_runtime`,
    /// or a re-export such as `crate::runtime`.
    pub runtime: String,
    pub layout: Layout,
    /// Path by which users reach the generated items (`cloudflare_sdk`, `my_crate::sdk`),
    /// written in each method's compiled doc example; `None` leaves the examples out.
    pub doc_examples: Option<String>,
}

impl Options {
    /// A crate's `src/` (`lib.rs`, `types.rs`, `api.rs`) for the crate users name
    /// `crate_name`, calling the runtime crate `::cloudflare_sdk_runtime`.
    pub fn sdk_crate(crate_name: &str) -> Self {
        Self {
            runtime: DEFAULT_RUNTIME.to_owned(),
            layout: Layout::Crate {
                readme: None,
                features: None,
            },
            doc_examples: Some(crate_name.to_owned()),
        }
    }
}

/// The runtime crate's path unless configured otherwise.
pub const DEFAULT_RUNTIME: &str = "::cloudflare_sdk_runtime";

/// How the generated modules are put into files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The `src/` of a crate of its own: `lib.rs` declares `types`, `api` and a module per
    /// top-level namespace, each in its own file. `readme`, relative to `src/`, becomes the
    /// crate's documentation. With `features`, each top-level namespace is behind a cargo
    /// feature of its name (`ai-gateway`), and the manifest's `[features]` table is
    /// generated too.
    Crate {
        readme: Option<String>,
        features: Option<DefaultFeatures>,
    },
    /// One file holding every module inline, to be `include!`d anywhere in a crate (the
    /// build-script mode); its items refer to one another by relative paths.
    Module { file_name: String },
}

/// Which namespace features the generated `[features]` table enables by default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DefaultFeatures {
    /// Every namespace (`full`).
    All,
    /// These top-level namespaces, by their spec name (`ai_gateway`).
    These(Vec<String>),
}

impl Layout {
    /// How files of this layout are written again, for their `@generated` header.
    pub fn regenerate_hint(&self) -> &'static str {
        match self {
            Self::Crate { .. } => "Regenerate with `cargo run -p codegen`.",
            Self::Module { .. } => "Written by a build script with `codegen::Config`.",
        }
    }
}

/// One file of the SDK crate, before formatting.
pub struct EmittedFile {
    /// Path relative to the output directory, e.g. `types.rs`.
    pub path: String,
    /// Inner doc of the file's module, if it has one.
    pub module_doc: Option<String>,
    pub tokens: TokenStream,
}

/// Emits every generated file.
pub fn emit(api: &Api, options: &Options) -> Vec<EmittedFile> {
    let sdk = root::Sdk::new(api, options);
    sdk.parts().into_iter().map(|part| sdk.emit(part)).collect()
}

/// Emits every generated file and hands it to `finish` (which formats it, say) on the
/// thread that emitted it, the files spread over the machine's cores; the results are in
/// the order [`emit`] lists the files. Token streams cannot cross threads, hence `finish`.
pub fn emit_each<R: Send>(
    api: &Api,
    options: &Options,
    finish: impl Fn(EmittedFile) -> R + Sync,
) -> Vec<R> {
    let sdk = root::Sdk::new(api, options);
    crate::parallel::map_in_order(
        &sdk.parts(),
        |part| sdk.cost(*part),
        |part| finish(sdk.emit(*part)),
    )
}

/// The spec's types by name, built once per generated file.
struct TypeIndex<'a>(BTreeMap<&'a str, &'a TypeDef>);

impl<'a> TypeIndex<'a> {
    fn new(api: &'a Api) -> Self {
        Self(
            api.types
                .iter()
                .map(|def| (def.name.as_str(), def))
                .collect(),
        )
    }

    /// The type named `name`.
    fn get(&self, name: &str) -> Option<&'a TypeDef> {
        self.0.get(name).copied()
    }
}

/// How a generated module names the things it uses.
struct Paths<'a> {
    /// The runtime crate, e.g. `::cloudflare_sdk_runtime`.
    runtime: &'a str,
    /// The SDK's root module as seen from the module being emitted: `crate` in the crate
    /// layout, `super::super` two modules deep in the single-file layout.
    root: String,
}

/// The path of the SDK's root module as seen from a module `depth` levels below it.
fn root_path(layout: &Layout, depth: usize) -> String {
    match layout {
        Layout::Crate { .. } => "crate".to_owned(),
        Layout::Module { .. } if depth == 0 => "self".to_owned(),
        Layout::Module { .. } => vec!["super"; depth].join("::"),
    }
}

/// Tokens of a path written as text, e.g. `::cloudflare_sdk_runtime` or `crate::rt`.
fn path_tokens(path: &str) -> TokenStream {
    let leading = path.starts_with("::").then(|| quote!(::));
    let segments = path
        .trim_start_matches("::")
        .split("::")
        .map(|segment| match segment {
            "crate" | "self" | "super" => Ident::new(segment, Span::call_site()),
            _ => ident(segment),
        });
    quote!(#leading #(#segments)::*)
}

/// An identifier; `r#type` style names become raw identifiers.
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "…"]` attributes for a doc from the spec, whose code blocks are shown as
/// text (see [`docs::inert`]).
fn doc_attrs(doc: Option<&str>) -> TokenStream {
    doc.map_or_else(TokenStream::new, |doc| written_doc_attrs(&docs::inert(doc)))
}

/// `#[doc = "…"]` attributes, one per line, so they print as `///` comments, for a doc
/// the generator writes (whose code blocks are meant to be compiled).
fn written_doc_attrs(doc: &str) -> TokenStream {
    let lines = doc.lines().map(|line| {
        if line.is_empty() {
            Literal::string("")
        } else {
            doc_line_literal(&format!(" {line}"))
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// The string literal of one doc line, written raw (`r#"…"#`) where it can be: the doc
/// prints the same either way, but formatting reads a raw literal's value as it is,
/// while an escaped one is escaped here and unescaped there character by character, which
/// made long docs most of a debug build's generating time.
fn doc_line_literal(line: &str) -> Literal {
    // A raw string cannot hold a carriage return.
    if line.contains('\r') {
        return Literal::string(line);
    }
    // One more `#` than the longest run of them after a quote inside the line.
    let hashes = line
        .split('"')
        .skip(1)
        .map(|after_quote| after_quote.len() - after_quote.trim_start_matches('#').len())
        .max()
        .map_or(0, |longest| longest + 1);
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{line}\"{fence}")
        .parse()
        .unwrap_or_else(|_| Literal::string(line))
}

/// The Rust type for a type reference, recording the imports it needs.
fn rust_type(ty: &TypeRef, imports: &mut Imports) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Number => imports.runtime("Number"),
        TypeRef::DateTime => imports.runtime("DateTime"),
        TypeRef::Binary => imports.runtime("Binary"),
        TypeRef::Any => imports.use_item("serde_json::Value"),
        TypeRef::List(item) => {
            let item = rust_type(item, imports);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let map = imports.use_item("std::collections::BTreeMap");
            let value = rust_type(value, imports);
            quote!(#map<String, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, imports);
            quote!(Option<#inner>)
        }
        TypeRef::Named(name) => imports.named_type(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_print_as_the_same_comments_whatever_quotes_hashes_or_returns_they_hold() {
        let doc = "Plain.\n\nSays \"hi\"\nA \"# and a \"## inside\nEnds with a quote\"\nA\rreturn";
        let tokens = written_doc_attrs(doc);
        let tokens = quote! { #tokens struct Documented; };
        let printed = prettyplease::unparse(&syn::parse2(tokens).unwrap());
        assert_eq!(
            printed,
            "/// Plain.\n///\n/// Says \"hi\"\n/// A \"# and a \"## inside\n/// Ends with a quote\"\n/// A\rreturn\nstruct Documented;\n"
        );
    }
}
