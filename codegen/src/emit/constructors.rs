//! How generated values are built: `new(required…)`, `with_*` setters for optional fields,
//! and conversions from text. Arguments take what converts into the field's type, so that
//! literals, variant structs and arrays work where the field wants a `String`, a
//! `Number`, a union or a `Vec`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::imports::Imports;
use super::{TypeIndex, ident, rust_type};
use crate::model::{Field, TypeKind, TypeRef};
use crate::naming::UNKNOWN_FIELDS;

/// A field as a function parameter, and the expression that turns the parameter into the
/// field's value.
pub(super) fn argument(
    field: &Field,
    types: &TypeIndex<'_>,
    imports: &mut Imports,
) -> (TokenStream, TokenStream) {
    if field.boxed {
        // The caller passes the value; the box is the generated code's business.
        let unboxed = Field {
            boxed: false,
            ..field.clone()
        };
        let (param, value) = argument(&unboxed, types, imports);
        let value = if field.nullable {
            quote!(#value.map(Box::new))
        } else {
            quote!(Box::new(#value))
        };
        return (param, value);
    }
    let name = ident(&field.rust_name);
    let ty = super::types::field_type(field, imports);
    // A nullable argument is an `Option` the caller writes out.
    if field.nullable && field.ty != TypeRef::Any {
        return (quote!(#name: #ty), quote!(#name));
    }
    match &field.ty {
        TypeRef::String | TypeRef::Number | TypeRef::Any | TypeRef::Binary => {
            (quote!(#name: impl Into<#ty>), quote!(#name.into()))
        }
        TypeRef::Named(named) if converts_into(named, types) => {
            (quote!(#name: impl Into<#ty>), quote!(#name.into()))
        }
        // Any iterable: an array literal, a `Vec`, a `BTreeMap` or an iterator chain.
        TypeRef::List(item) => {
            let item = rust_type(item, imports);
            (
                quote!(#name: impl IntoIterator<Item = #item>),
                quote!(#name.into_iter().collect()),
            )
        }
        TypeRef::Map(value) => {
            let value = rust_type(value, imports);
            (
                quote!(#name: impl IntoIterator<Item = (String, #value)>),
                quote!(#name.into_iter().collect()),
            )
        }
        _ => (quote!(#name: #ty), quote!(#name)),
    }
}

/// Which literals a constructor or setter argument setting `field` accepts; what the
/// spec-change report needs to tell a reordering that breaks calls from one that
/// compiles and silently swaps values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Literals {
    pub text: bool,
    pub integer: bool,
    pub float: bool,
    pub boolean: bool,
}

impl Literals {
    /// Whether some literal is accepted by both.
    pub fn overlap(self, other: Self) -> bool {
        (self.text && other.text)
            || (self.integer && other.integer)
            || (self.float && other.float)
            || (self.boolean && other.boolean)
    }
}

/// The literals the argument for `field` accepts in `api`'s generated code.
pub fn argument_literals(field: &Field, api: &crate::model::Api) -> Literals {
    let types = TypeIndex::new(api);
    if field.nullable && field.ty != TypeRef::Any {
        return Literals::default();
    }
    match &field.ty {
        TypeRef::String => Literals {
            text: true,
            ..Literals::default()
        },
        TypeRef::Named(name)
            if types.get(name).is_some_and(|def| {
                matches!(&def.kind, TypeKind::Struct(shape) if text_field(&shape.fields, &types).is_some())
            }) =>
        {
            Literals {
                text: true,
                ..Literals::default()
            }
        }
        TypeRef::Integer => Literals {
            integer: true,
            ..Literals::default()
        },
        TypeRef::Number => Literals {
            integer: true,
            float: true,
            ..Literals::default()
        },
        TypeRef::Boolean => Literals {
            boolean: true,
            ..Literals::default()
        },
        TypeRef::Any => Literals {
            text: true,
            integer: true,
            float: true,
            boolean: true,
        },
        _ => Literals::default(),
    }
}

/// Whether an argument of the named type takes `impl Into<…>` in `api`'s generated code.
pub fn converts_into_named(name: &str, api: &crate::model::Api) -> bool {
    converts_into(name, &TypeIndex::new(api))
}

/// Whether values of the named type are usually built from something else: a union from
/// its variants' structs, a struct from text (see [`text_conversions`]).
fn converts_into(name: &str, types: &TypeIndex<'_>) -> bool {
    types.get(name).is_some_and(|def| match &def.kind {
        TypeKind::Union(_) | TypeKind::OneOf(_) => true,
        TypeKind::Struct(shape) => text_field(&shape.fields, types).is_some(),
        TypeKind::Enum(_) => false,
    })
}

/// The struct's one required field, when it has exactly one and that one is text: a
/// string, or a struct that is itself built from text (`StartOutputs` from the id in its
/// `ElementRef`).
fn text_field<'f>(fields: &'f [Field], types: &TypeIndex<'_>) -> Option<&'f Field> {
    text_field_within(fields, types, MAX_TEXT_NESTING)
}

/// How many structs deep a conversion from text may reach; required fields cannot nest
/// endlessly (a spec where they do is refused), this only bounds the search.
const MAX_TEXT_NESTING: usize = 4;

fn text_field_within<'f>(
    fields: &'f [Field],
    types: &TypeIndex<'_>,
    depth: usize,
) -> Option<&'f Field> {
    let mut required = fields.iter().filter(|f| !f.optional);
    let (Some(field), None) = (required.next(), required.next()) else {
        return None;
    };
    if field.nullable {
        return None;
    }
    let is_text = match &field.ty {
        TypeRef::String => true,
        TypeRef::Named(name) if depth > 0 => types.get(name).is_some_and(|def| {
            matches!(&def.kind, TypeKind::Struct(shape)
                if text_field_within(&shape.fields, types, depth - 1).is_some())
        }),
        _ => false,
    };
    is_text.then_some(field)
}

/// `new(required…)`; `keeps_unknown` adds the empty map of unknown fields. A struct with
/// no required field gets a `new()` too, the same as its `Default`.
pub(super) fn emit_constructor(
    fields: &[Field],
    keeps_unknown: bool,
    types: &TypeIndex<'_>,
    imports: &mut Imports,
) -> TokenStream {
    if fields.iter().all(|f| f.optional) {
        return quote! {
            /// Creates the value with every field unset, the same as `Default`.
            pub fn new() -> Self {
                Self::default()
            }
        };
    }
    let mut params = Vec::new();
    let mut inits = Vec::new();
    for field in fields {
        let name = ident(&field.rust_name);
        if field.optional {
            inits.push(quote!(#name: None));
            continue;
        }
        let (param, value) = argument(field, types, imports);
        params.push(param);
        inits.push(if name == value.to_string() {
            quote!(#name)
        } else {
            quote!(#name: #value)
        });
    }
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

/// `with_{field}(value)` for an optional field.
pub(super) fn emit_setter(
    field: &Field,
    types: &TypeIndex<'_>,
    imports: &mut Imports,
) -> TokenStream {
    let name = ident(&field.rust_name);
    let setter = format_ident!("with_{}", field.rust_name.trim_start_matches("r#"));
    let inner = Field {
        optional: false,
        ..field.clone()
    };
    let (param, value) = argument(&inner, types, imports);
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

/// `From<&str>` and `From<String>` for a struct whose only required field is text (see
/// [`text_field`]), such as a link to another element: `ElementRef::from("end")`, or
/// `"end"` wherever an argument takes `impl Into<ElementRef>`.
pub(super) fn text_conversions(
    name: &str,
    fields: &[Field],
    types: &TypeIndex<'_>,
) -> Option<TokenStream> {
    let field = text_field(fields, types)?;
    let name = ident(name);
    let param = ident(&field.rust_name);
    let doc = if field.ty == TypeRef::String {
        format!(
            " The value with this `{}`; optional fields start unset.",
            field.wire_name
        )
    } else {
        format!(
            " The value whose `{}` is made from this text; optional fields start unset.",
            field.wire_name
        )
    };
    Some(quote! {
        impl From<&str> for #name {
            #[doc = #doc]
            fn from(#param: &str) -> Self {
                Self::new(#param)
            }
        }

        impl From<String> for #name {
            #[doc = #doc]
            fn from(#param: String) -> Self {
                Self::new(#param)
            }
        }
    })
}
