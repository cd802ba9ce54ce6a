//! Emits the `types` module: one Rust type per named spec type. Structs are emitted here;
//! string enums and unions have a module each.

use proc_macro2::TokenStream;
use quote::quote;

use super::constructors::{emit_constructor, emit_setter, text_conversions};
use super::imports::Imports;
use super::{TypeIndex, doc_attrs, ident, rust_type};
use crate::model::{Field, Struct, TypeDef, TypeKind, TypeRef};
use crate::naming::UNKNOWN_FIELDS;

/// One named type: a struct here, a string enum or union in their own modules.
pub(super) fn emit_type(
    def: &TypeDef,
    types: &TypeIndex<'_>,
    imports: &mut Imports,
) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(shape) => emit_struct(def, shape, types, imports),
        TypeKind::Enum(shape) => super::enums::emit_string_enum(def, shape, imports),
        TypeKind::Union(shape) => super::unions::emit_union(def, shape, types, imports),
        TypeKind::OneOf(shape) => super::one_of::emit_one_of(def, shape, types, imports),
    }
}

/// A struct: public fields, a constructor taking the required ones, `with_*` setters for
/// the optional ones, and a map keeping the fields the spec does not know.
fn emit_struct(
    def: &TypeDef,
    shape: &Struct,
    types: &TypeIndex<'_>,
    imports: &mut Imports,
) -> TokenStream {
    let name = ident(&def.rust_name);
    let doc = doc_attrs(def.doc.as_deref());
    let required: Vec<&Field> = shape.fields.iter().filter(|f| !f.optional).collect();
    let default = required.is_empty().then(|| quote!(Default,));
    if shape.is_form() {
        // A multipart form is only ever sent, part by part: no JSON, no unknown fields.
        let fields = shape.fields.iter().map(|field| {
            let doc = doc_attrs(field.doc.as_deref());
            let field_name = ident(&field.rust_name);
            let ty = field_type(field, imports);
            quote!(#doc pub #field_name: #ty,)
        });
        let fields: Vec<TokenStream> = fields.collect();
        let constructor = emit_constructor(&shape.fields, false, types, imports);
        let setters: Vec<TokenStream> = shape
            .fields
            .iter()
            .filter(|f| f.optional)
            .map(|f| emit_setter(f, types, imports))
            .collect();
        return quote! {
            #doc
            #[derive(Clone, Debug, #default PartialEq)]
            #[non_exhaustive]
            pub struct #name { #(#fields)* }
            impl #name { #constructor #(#setters)* }
        };
    }
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
    let constructor = emit_constructor(&shape.fields, true, types, imports);
    let setters: Vec<TokenStream> = shape
        .fields
        .iter()
        .filter(|f| f.optional)
        .map(|f| emit_setter(f, types, imports))
        .collect();
    let conversions = text_conversions(&def.rust_name, &shape.fields, types);
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
        impl #name { #constructor #(#setters)* }
        #conversions
    }
}

/// The Rust type of a field, `Option` where it may be absent or `null`.
pub(super) fn field_type(field: &Field, imports: &mut Imports) -> TokenStream {
    let ty = rust_type(&field.ty, imports);
    let ty = if field.boxed { quote!(Box<#ty>) } else { ty };
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

/// The query parameters of one endpoint: a plain struct (no serde: the method sends each
/// field as `name=value`), with `new` for required fields and setters for the others.
pub(super) fn emit_query_struct(
    name: &str,
    doc: &str,
    fields: &[Field],
    types: &TypeIndex<'_>,
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
    let constructor = emit_constructor(fields, false, types, imports);
    let setters: Vec<TokenStream> = fields
        .iter()
        .filter(|f| f.optional)
        .map(|f| emit_setter(f, types, imports))
        .collect();
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, #default PartialEq)]
        #[non_exhaustive]
        pub struct #name { #(#field_items)* }
        impl #name { #constructor #(#setters)* }
    }
}
