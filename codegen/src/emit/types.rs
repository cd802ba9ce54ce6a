//! Emits `types.rs`: one Rust type per named spec type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::imports::Imports;
use super::{Paths, doc_attrs, ident, rust_type};
use crate::model::{Api, Field, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Union};
use crate::naming::UNKNOWN_FIELDS;

/// All named types, in spec order, with the imports they need.
pub(super) fn emit_types(api: &Api, paths: &Paths<'_>) -> TokenStream {
    let mut imports = Imports::in_types(paths);
    let items: Vec<TokenStream> = api
        .types
        .iter()
        .map(|def| emit_type(def, &mut imports))
        .collect();
    let imports = imports.render();
    quote! { #imports #(#items)* }
}

fn emit_type(def: &TypeDef, imports: &mut Imports) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(shape) => emit_struct(def, shape, imports),
        TypeKind::Enum(shape) => emit_string_enum(def, shape, imports),
        TypeKind::Union(shape) => emit_union(def, shape, imports),
    }
}

/// A struct: public fields, a constructor taking the required ones, `with_*` setters for
/// the optional ones, and a map keeping the fields the spec does not know.
fn emit_struct(def: &TypeDef, shape: &Struct, imports: &mut Imports) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    let serialize = imports.use_item("serde::Serialize");
    let deserialize = imports.use_item("serde::Deserialize");
    let map = imports.use_item("serde_json::Map");
    let value = imports.use_item("serde_json::Value");
    let fields: Vec<TokenStream> = shape
        .fields
        .iter()
        .map(|field| emit_field(field, imports))
        .collect();
    let unknown = ident(UNKNOWN_FIELDS);
    let required: Vec<&Field> = shape.fields.iter().filter(|f| !f.optional).collect();
    let default = required.is_empty().then(|| quote!(Default,));
    let constructor =
        (!required.is_empty()).then(|| emit_constructor(&shape.fields, true, imports));
    let setters: Vec<TokenStream> = shape
        .fields
        .iter()
        .filter(|f| f.optional)
        .map(|f| emit_setter(f, imports))
        .collect();
    let setters = (!setters.is_empty() || constructor.is_some()).then(|| {
        quote! { impl #name { #constructor #(#setters)* } }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, #default PartialEq, #serialize, #deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Fields this version of the SDK does not know, kept so that they are sent back
            /// unchanged.
            #[serde(flatten)]
            pub #unknown: #map<String, #value>,
        }
        #setters
    }
}

/// The Rust type of a field, `Option` where it may be absent or `null`.
fn field_type(field: &Field, imports: &mut Imports) -> TokenStream {
    let ty = rust_type(&field.ty, imports);
    // `any` already has `Value::Null`, so only absence needs an `Option`.
    let nullable = field.nullable && field.ty != TypeRef::Any;
    match (field.optional, nullable) {
        (false, false) => ty,
        (true, true) => quote!(Option<Option<#ty>>),
        _ => quote!(Option<#ty>),
    }
}

fn emit_field(field: &Field, imports: &mut Imports) -> TokenStream {
    let doc = doc_attrs(field.doc.as_deref());
    let name = ident(&field.rust_name);
    let ty = field_type(field, imports);
    let mut serde_args = Vec::new();
    if field.rust_name.trim_start_matches("r#") != field.wire_name {
        let wire = &field.wire_name;
        serde_args.push(quote!(rename = #wire));
    }
    if field.optional {
        serde_args.push(quote!(default));
        // Absent stays absent, and a present `null` stays `null`.
        if field.nullable || field.ty == TypeRef::Any {
            let present = format!("{}::present", imports.runtime_private());
            serde_args.push(quote!(deserialize_with = #present));
        }
        serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    quote! { #doc #serde_attr pub #name: #ty, }
}

/// A constructor argument: `impl Into<…>` for strings and numbers, so literals work.
fn argument(field: &Field, imports: &mut Imports) -> (TokenStream, TokenStream) {
    let name = ident(&field.rust_name);
    let ty = field_type(field, imports);
    let convertible = !field.nullable && matches!(field.ty, TypeRef::String | TypeRef::Number);
    if convertible {
        (quote!(#name: impl Into<#ty>), quote!(#name.into()))
    } else {
        (quote!(#name: #ty), quote!(#name))
    }
}

/// `new(required…)`; `keeps_unknown` adds the empty map of unknown fields.
fn emit_constructor(fields: &[Field], keeps_unknown: bool, imports: &mut Imports) -> TokenStream {
    let required: Vec<&Field> = fields.iter().filter(|f| !f.optional).collect();
    let (params, _): (Vec<_>, Vec<_>) = required.iter().map(|f| argument(f, imports)).unzip();
    let inits: Vec<TokenStream> = fields
        .iter()
        .map(|field| {
            let name = ident(&field.rust_name);
            if field.optional {
                quote!(#name: None)
            } else {
                let (_, value) = argument(field, imports);
                if name == value.to_string() {
                    quote!(#name)
                } else {
                    quote!(#name: #value)
                }
            }
        })
        .collect();
    let unknown = keeps_unknown.then(|| {
        let unknown = ident(UNKNOWN_FIELDS);
        let map = imports.use_item("serde_json::Map");
        quote!(#unknown: #map::new())
    });
    // Clippy's default limit; past it the constructor still is the only way to build the
    // (non-exhaustive) struct, so the lint is allowed with its reason.
    let allow = (params.len() > 7).then(
        || quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required field")]),
    );
    quote! {
        /// Creates the value from its required fields; optional fields start unset.
        #allow
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits,)* #unknown }
        }
    }
}

/// The query parameters of one endpoint: a plain struct (no serde: the method sends each
/// field as `name=value`), with `new` for required fields and setters for the others.
pub(super) fn emit_query_struct(
    name: &str,
    doc: &str,
    fields: &[Field],
    imports: &mut Imports,
) -> TokenStream {
    let name = ident(name);
    let field_items = fields.iter().map(|field| {
        let doc = doc_attrs(field.doc.as_deref());
        let field_name = ident(&field.rust_name);
        let ty = field_type(field, imports);
        quote!(#doc pub #field_name: #ty,)
    });
    let field_items: Vec<TokenStream> = field_items.collect();
    let all_optional = fields.iter().all(|f| f.optional);
    let default = all_optional.then(|| quote!(Default,));
    let constructor = (!all_optional).then(|| emit_constructor(fields, false, imports));
    let setters: Vec<TokenStream> = fields
        .iter()
        .filter(|f| f.optional)
        .map(|f| emit_setter(f, imports))
        .collect();
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, #default PartialEq)]
        #[non_exhaustive]
        pub struct #name { #(#field_items)* }
        impl #name { #constructor #(#setters)* }
    }
}

fn emit_setter(field: &Field, imports: &mut Imports) -> TokenStream {
    let name = ident(&field.rust_name);
    let setter = format_ident!("with_{}", field.rust_name.trim_start_matches("r#"));
    let inner = Field {
        optional: false,
        ..field.clone()
    };
    let (param, value) = argument(&inner, imports);
    let doc = format!(
        " Sets [`{0}`](Self::{0}).",
        field.rust_name.trim_start_matches("r#")
    );
    quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #setter(mut self, #param) -> Self {
            self.#name = Some(#value);
            self
        }
    }
}

/// A string enum: one variant per known value, plus `Unknown` for values added later.
fn emit_string_enum(def: &TypeDef, shape: &StringEnum, imports: &mut Imports) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    let unknown_value = imports.runtime("UnknownEnumValue");
    let private = imports.runtime_private();
    let variants = shape.values.iter().map(|v| {
        let doc = doc_attrs(v.doc.as_deref());
        let variant = ident(&v.rust_name);
        quote!(#doc #variant,)
    });
    let variant_idents: Vec<_> = shape.values.iter().map(|v| ident(&v.rust_name)).collect();
    let wires: Vec<&str> = shape.values.iter().map(|v| v.wire.as_str()).collect();
    let (serialize, serializer) = (
        imports.use_item("serde::Serialize"),
        imports.use_item("serde::Serializer"),
    );
    let (deserialize, deserializer) = (
        imports.use_item("serde::Deserialize"),
        imports.use_item("serde::Deserializer"),
    );
    let fmt = imports.use_item("std::fmt");
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not know, kept as received.
            Unknown(#unknown_value),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variant_idents => #wires,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl #fmt::Display for #name {
            fn fmt(&self, f: &mut #fmt::Formatter<'_>) -> #fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl #serialize for #name {
            fn serialize<S: #serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                let known = match value.as_str() {
                    #(#wires => Self::#variant_idents,)*
                    _ => Self::Unknown(#private::unknown_enum_value(value)),
                };
                Ok(known)
            }
        }
    }
}

/// A tagged union: one variant per known tag, plus `Unknown` for kinds added later.
/// Serialization is derived; deserialization streams the fields after the tag into the
/// variant (the runtime buffers only those before it) and keeps unknown kinds whole.
fn emit_union(def: &TypeDef, shape: &Union, imports: &mut Imports) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    let tag = &shape.tag;
    let unknown_variant = imports.runtime("UnknownVariant");
    let private = imports.runtime_private();
    let (serialize, deserialize) = (
        imports.use_item("serde::Serialize"),
        imports.use_item("serde::Deserialize"),
    );
    let deserializer = imports.use_item("serde::Deserializer");
    let map = imports.use_item("serde_json::Map");
    let variant_idents: Vec<_> = shape.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let struct_idents: Vec<_> = shape
        .variants
        .iter()
        .map(|v| ident(&v.struct_name))
        .collect();
    let wires: Vec<&str> = shape.variants.iter().map(|v| v.wire.as_str()).collect();
    let docs = shape.variants.iter().map(|v| doc_attrs(v.doc.as_deref()));
    let unknown_doc =
        format!(" A kind this version of the SDK does not know, kept as received (tag `{tag}`).");
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, #serialize)]
        #[serde(tag = #tag)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #[serde(rename = #wires)] #variant_idents(#struct_idents),)*
            #[doc = #unknown_doc]
            #[serde(untagged)]
            Unknown(#unknown_variant),
        }

        impl #name {
            /// The tag value naming this variant on the wire.
            pub fn kind(&self) -> &str {
                match self {
                    #(Self::#variant_idents(_) => #wires,)*
                    Self::Unknown(unknown) => unknown.kind(),
                }
            }
        }

        impl #private::TaggedUnion for #name {
            const TAG: &'static str = #tag;

            fn decode_variant<'de, D: #deserializer<'de>>(kind: &str, fields: D) -> Result<Self, D::Error> {
                match kind {
                    #(#wires => #struct_idents::deserialize(fields).map(Self::#variant_idents),)*
                    _ => #map::deserialize(fields)
                        .map(|fields| Self::Unknown(#private::unknown_variant(#tag, kind.to_owned(), fields))),
                }
            }
        }

        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #private::deserialize_union(deserializer)
            }
        }

        #(
            impl From<#struct_idents> for #name {
                fn from(variant: #struct_idents) -> Self {
                    Self::#variant_idents(variant)
                }
            }
        )*
    }
}
