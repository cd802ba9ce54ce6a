//! Emits a tagged union: one variant per known tag, plus `Unknown` for kinds added to the
//! API later, which only data from the API can hold.

use proc_macro2::TokenStream;
use quote::quote;

use super::constructors::argument;
use super::imports::Imports;
use super::{TypeIndex, doc_attrs, ident};
use crate::model::{TypeDef, TypeKind, Union, Variant};

/// Serialization is derived; deserialization streams the fields after the tag into the
/// variant (the runtime buffers only those before it).
pub(super) fn emit_union(
    def: &TypeDef,
    shape: &Union,
    types: &TypeIndex<'_>,
    imports: &mut Imports,
) -> TokenStream {
    let name = ident(&def.rust_name);
    let doc = doc_attrs(def.doc.as_deref());
    let tag = &shape.tag;
    let unknown_variant = imports.runtime("UnknownVariant");
    let private = imports.runtime_private();
    let (serialize, deserialize) = (
        imports.use_item("serde::Serialize"),
        imports.use_item("serde::Deserialize"),
    );
    let deserializer = imports.use_item("serde::Deserializer");
    let fmt = imports.use_item("std::fmt");
    let variant_idents: Vec<_> = shape.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let struct_idents: Vec<_> = shape
        .variants
        .iter()
        .map(|v| ident(&variant_struct(v, types)))
        .collect();
    let structs: Vec<&str> = shape
        .variants
        .iter()
        .map(|v| v.struct_name.as_str())
        .collect();
    let boxed = super::sizes::variants_to_box(&structs, types);
    // A boxed variant holds `Box<Struct>`; `wrap` makes one from a struct value.
    let held: Vec<TokenStream> = struct_idents
        .iter()
        .zip(&boxed)
        .map(|(s, boxed)| if *boxed { quote!(Box<#s>) } else { quote!(#s) })
        .collect();
    let wraps: Vec<TokenStream> = variant_idents
        .iter()
        .zip(&boxed)
        .map(|(v, boxed)| {
            if *boxed {
                quote!(|variant| Self::#v(Box::new(variant)))
            } else {
                quote!(Self::#v)
            }
        })
        .collect();
    let from_bodies: Vec<TokenStream> = variant_idents
        .iter()
        .zip(&boxed)
        .map(|(v, boxed)| {
            if *boxed {
                quote!(Self::#v(Box::new(variant)))
            } else {
                quote!(Self::#v(variant))
            }
        })
        .collect();
    let wires: Vec<&str> = shape.variants.iter().map(|v| v.wire.as_str()).collect();
    let docs = shape.variants.iter().map(|v| doc_attrs(v.doc.as_deref()));
    let unknown_doc = format!(
        " A kind this version of the SDK does not know, kept as the API sent it (tag `{tag}`)."
    );
    let constructors: Vec<TokenStream> = shape
        .variants
        .iter()
        .zip(&boxed)
        .map(|(variant, boxed)| emit_variant_constructor(variant, *boxed, types, imports))
        .collect();
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, #serialize)]
        #[serde(tag = #tag)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #[serde(rename = #wires)] #variant_idents(#held),)*
            #[doc = #unknown_doc]
            #[serde(untagged)]
            Unknown(#unknown_variant),
        }

        impl #name {
            /// The kinds this version of the SDK knows, as tagged on the wire.
            const KNOWN: &'static [&'static str] = &[#(#wires),*];

            #(#constructors)*

            /// The tag value naming this variant on the wire.
            pub fn kind(&self) -> &str {
                match self {
                    #(Self::#variant_idents(_) => #wires,)*
                    Self::Unknown(unknown) => unknown.kind(),
                }
            }
        }

        /// Writes the value as compact JSON, as the API receives it.
        impl #fmt::Display for #name {
            fn fmt(&self, f: &mut #fmt::Formatter<'_>) -> #fmt::Result {
                #private::display_json(self, f)
            }
        }

        impl #private::TaggedUnion for #name {
            const TAG: &'static str = #tag;

            fn decode_variant<'de, D: #deserializer<'de>>(kind: &str, fields: D) -> Result<Self, D::Error> {
                match kind {
                    #(#wires => #struct_idents::deserialize(fields).map(#wraps),)*
                    _ => #private::unknown_variant(#tag, kind, fields, Self::KNOWN).map(Self::Unknown),
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
                    #from_bodies
                }
            }
        )*
    }
}

/// `Element::rate(id, outputs, properties)`: the variant built from the required fields of
/// its struct, as that struct's `new` takes them (boxed when the variant is).
fn emit_variant_constructor(
    variant: &Variant,
    boxed: bool,
    types: &TypeIndex<'_>,
    imports: &mut Imports,
) -> TokenStream {
    let method = ident(&variant.constructor);
    let struct_name = variant_struct(variant, types);
    let (variant_ident, struct_ident) = (ident(&variant.rust_name), ident(&struct_name));
    let doc = format!(
        " A `{}` member, built as [`{struct_name}::new`] builds it.",
        variant.wire
    );
    let fields = match types.get(&variant.struct_name).map(|def| &def.kind) {
        Some(TypeKind::Struct(shape)) => shape.fields.as_slice(),
        _ => &[],
    };
    let mut params = Vec::new();
    let mut args = Vec::new();
    for field in fields.iter().filter(|f| !f.optional) {
        let (param, _) = argument(field, types, imports);
        params.push(param);
        args.push(ident(&field.rust_name));
    }
    let value = quote!(#struct_ident::new(#(#args),*));
    let value = if boxed {
        quote!(Box::new(#value))
    } else {
        value
    };
    let allow = (params.len() > 7).then(
        || quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required field")]),
    );
    quote! {
        #[doc = #doc]
        #allow
        pub fn #method(#(#params),*) -> Self {
            Self::#variant_ident(#value)
        }
    }
}

/// The Rust name of a variant's struct, which lives in the union's module.
fn variant_struct(variant: &Variant, types: &TypeIndex<'_>) -> String {
    types
        .get(&variant.struct_name)
        .map_or_else(|| variant.struct_name.clone(), |def| def.rust_name.clone())
}
