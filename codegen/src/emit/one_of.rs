//! Emits an untagged union (`one_of`): an enum with one variant per shape, decoded as the
//! first that fits, plus `Unknown` for a value that fits none, which only data from the API
//! can hold.

use proc_macro2::TokenStream;
use quote::quote;

use super::imports::Imports;
use super::{TypeIndex, doc_attrs, ident, rust_type};
use crate::model::{OneOf, TypeDef, TypeKind, TypeRef};

/// An untagged union; a variant holding an object or union is boxed (`Rule(Box<Rule>)`),
/// so that the enum is as small as its scalar variants, and `From` boxes it.
pub(super) fn emit_one_of(
    def: &TypeDef,
    shape: &OneOf,
    types: &TypeIndex<'_>,
    imports: &mut Imports,
) -> TokenStream {
    let name = ident(&def.rust_name);
    let doc = doc_attrs(def.doc.as_deref());
    let unknown_value = imports.runtime("UnknownValue");
    let private = imports.runtime_private();
    let (serialize, serializer) = (
        imports.use_item("serde::Serialize"),
        imports.use_item("serde::Serializer"),
    );
    let (deserialize, deserializer) = (
        imports.use_item("serde::Deserialize"),
        imports.use_item("serde::Deserializer"),
    );
    let fmt = imports.use_item("std::fmt");
    let variants: Vec<_> = shape.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let boxed: Vec<bool> = shape
        .variants
        .iter()
        .map(|v| match &v.ty {
            TypeRef::Named(name) => types
                .get(name)
                .is_some_and(|def| matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_))),
            _ => false,
        })
        .collect();
    let inner: Vec<TokenStream> = shape
        .variants
        .iter()
        .map(|v| rust_type(&v.ty, imports))
        .collect();
    let types: Vec<TokenStream> = inner
        .iter()
        .zip(&boxed)
        .map(|(ty, boxed)| if *boxed { quote!(Box<#ty>) } else { ty.clone() })
        .collect();
    let docs = shape.variants.iter().map(|v| doc_attrs(v.doc.as_deref()));
    let names: Vec<&str> = shape.variants.iter().map(|v| v.name.as_str()).collect();
    // `From` for each variant whose named type no other variant has.
    let conversions = shape
        .variants
        .iter()
        .zip(inner.iter().zip(&boxed))
        .filter_map(|(variant, (ty, boxed))| {
            let TypeRef::Named(_) = &variant.ty else {
                return None;
            };
            let unique = shape.variants.iter().filter(|v| v.ty == variant.ty).count() == 1;
            let variant = ident(&variant.rust_name);
            let value = if *boxed {
                quote!(Box::new(value))
            } else {
                quote!(value)
            };
            unique.then(|| {
                quote! {
                    impl From<#ty> for #name {
                        fn from(value: #ty) -> Self {
                            Self::#variant(#value)
                        }
                    }
                }
            })
        });
    let unknown_doc = " A value of none of these shapes, kept as the API sent it.";
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #variants(#types),)*
            #[doc = #unknown_doc]
            Unknown(#unknown_value),
        }

        impl #serialize for #name {
            fn serialize<S: #serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(value) => value.serialize(serializer),)*
                    Self::Unknown(value) => value.serialize(serializer),
                }
            }
        }

        /// Decodes the first variant, in order, that the value fits.
        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = #private::OneOfValue::deserialize(deserializer)?;
                let mut failures = #private::OneOfFailures::default();
                #(
                    match value.decode() {
                        Ok(decoded) => return Ok(Self::#variants(decoded)),
                        Err(err) => failures.push(#names, err),
                    }
                )*
                failures.into_unknown(value).map(Self::Unknown)
            }
        }

        /// Writes the value as compact JSON, as the API receives it.
        impl #fmt::Display for #name {
            fn fmt(&self, f: &mut #fmt::Formatter<'_>) -> #fmt::Result {
                #private::display_json(self, f)
            }
        }

        #(#conversions)*
    }
}
