//! Stage 3, emit: turns the API model into token streams, one small function per kind.

mod endpoints;
mod example;
mod imports;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Api, TypeRef};
use imports::Imports;

/// One file of the SDK crate, before formatting.
pub struct EmittedFile {
    /// Path relative to the crate's `src/`, e.g. `types.rs`.
    pub path: &'static str,
    /// Inner doc of the module, one line.
    pub module_doc: &'static str,
    pub tokens: TokenStream,
}

/// Emits every generated file of the SDK crate named `crate_name` (as code refers to it,
/// e.g. `cloudflare_sdk`; doc examples use it).
pub fn emit(api: &Api, crate_name: &str) -> Vec<EmittedFile> {
    vec![
        EmittedFile {
            path: "types.rs",
            module_doc: "The types of the API: request bodies, responses and everything they contain.",
            tokens: types::emit_types(api),
        },
        EmittedFile {
            path: "api.rs",
            module_doc: "The API's operations: a handle per namespace, a method per endpoint.",
            tokens: endpoints::emit_endpoints(api, crate_name),
        },
    ]
}

/// An identifier; `r#type` style names become raw identifiers.
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "…"]` attributes, one per line, so they print as `///` comments.
fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let Some(doc) = doc else {
        return TokenStream::new();
    };
    let lines = doc.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// The Rust type for a type reference, recording the imports it needs.
fn rust_type(ty: &TypeRef, imports: &mut Imports) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Number => imports.use_item("serde_json::Number"),
        TypeRef::DateTime => imports.use_item("crate::runtime::DateTime"),
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
        TypeRef::Named(name) => match imports.types_module {
            Some(module) => imports.use_item(&format!("{module}::{name}")),
            None => {
                let name = ident(name);
                quote!(#name)
            }
        },
    }
}
