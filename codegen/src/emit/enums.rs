//! Emits a string enum: one variant per known value, plus `Unknown` for values added to
//! the API later, which only data from the API can hold.

use proc_macro2::TokenStream;
use quote::quote;

use super::imports::Imports;
use super::{doc_attrs, ident};
use crate::model::{StringEnum, TypeDef};

pub(super) fn emit_string_enum(
    def: &TypeDef,
    shape: &StringEnum,
    imports: &mut Imports,
) -> TokenStream {
    let name = ident(&def.rust_name);
    let doc = doc_attrs(def.doc.as_deref());
    let unknown_value = imports.runtime("UnknownEnumValue");
    let parse_error = imports.runtime("ParseEnumError");
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
    let from_str = imports.use_item("std::str::FromStr");
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not know, kept as the API sent it.
            Unknown(#unknown_value),
        }

        impl #name {
            /// The values this version of the SDK knows, as on the wire.
            const KNOWN: &'static [&'static str] = &[#(#wires),*];

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

        /// Parses a value this SDK knows, as written on the wire.
        impl #from_str for #name {
            type Err = #parse_error;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    #(#wires => Ok(Self::#variant_idents),)*
                    _ => Err(#private::parse_enum_error(text, Self::KNOWN)),
                }
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
                    _ => Self::Unknown(#private::unknown_enum_value(value, Self::KNOWN)?),
                };
                Ok(known)
            }
        }
    }
}
