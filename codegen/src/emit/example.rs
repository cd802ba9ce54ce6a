//! A compiled doc example for each endpoint method, built from the spec's types: the
//! smallest valid body (required fields only) and the call itself.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::{TypeIndex, ident, path_tokens};
use crate::model::{Endpoint, Field, TypeDef, TypeKind, TypeRef};

/// Lists nested deeper than this are left empty, which also ends recursive types.
const MAX_LIST_DEPTH: usize = 2;
/// Values nested deeper than this make no example: it would not help a reader, and
/// building it would recurse once per level.
const MAX_NESTING: usize = 12;

/// The example as Markdown: an `# Example` heading and a `no_run` code block, written for
/// a user who reaches the SDK as `sdk` (`cloudflare_sdk`); empty when the endpoint's
/// arguments nest too deeply to write one.
pub(super) fn example_doc(types: &TypeIndex<'_>, endpoint: &Endpoint, sdk: &str) -> String {
    let mut builder = ValueBuilder {
        types,
        names: BTreeSet::from(["Client".to_owned()]),
        uses_btree_map: false,
    };
    builder.example(endpoint, sdk).unwrap_or_default()
}

/// Writes example values, recording the type names they use.
struct ValueBuilder<'a> {
    types: &'a TypeIndex<'a>,
    names: BTreeSet<String>,
    /// Whether an empty map is written, which needs `std::collections::BTreeMap`.
    uses_btree_map: bool,
}

impl ValueBuilder<'_> {
    fn example(&mut self, endpoint: &Endpoint, sdk: &str) -> Option<String> {
        let krate = path_tokens(sdk);
        let mut args: Vec<TokenStream> = endpoint
            .path_params
            .iter()
            .map(|p| {
                let wire = &p.wire_name;
                quote!(#wire)
            })
            .collect();
        let mut query_import = None;
        if let Some(query) = &endpoint.query_struct {
            let mut required = Vec::new();
            let fields = endpoint.query_params.iter().chain(&endpoint.header_params);
            for field in fields.filter(|f| !f.optional) {
                required.push(self.argument_value(field, 0, 0)?);
            }
            let query = ident(query);
            args.push(if required.is_empty() {
                quote!(&#query::default())
            } else {
                quote!(&#query::new(#(#required),*))
            });
            let module = endpoint.namespace.iter().map(|segment| ident(segment));
            query_import = Some(quote!(use #krate #(::#module)*::#query;));
        }
        let mut body = None;
        if let Some(body_type) = &endpoint.body {
            let value = self.value(&body_type.ty, 0, 0)?;
            args.push(quote!(&body));
            body = Some(quote!(let body = #value;));
        }
        let namespaces = endpoint.namespace.iter().map(|segment| ident(segment));
        let method = ident(&endpoint.name);
        let names = self.names.iter().map(|name| ident(name));
        let std_import = self.uses_btree_map.then(|| {
            quote!(
                use std::collections::BTreeMap;
            )
        });
        let code = quote! {
            #std_import
            use #krate::{#(#names),*};
            #query_import

            async fn example(client: &Client) -> #krate::Result<()> {
                #body
                let response = client #(.#namespaces())* .#method(#(#args),*).await?;
                println!("{response:?}");
                Ok(())
            }
        };
        let file = syn::parse2::<syn::File>(code).ok()?;
        let code = crate::format::separate_items(&prettyplease::unparse(&file));
        Some(format!("# Example\n\n```no_run\n{code}```"))
    }

    /// A Rust expression for a valid value of `ty` where the argument takes what
    /// converts into it (see `constructors::argument`); `None` past [`MAX_NESTING`].
    fn value(&mut self, ty: &TypeRef, nesting: usize, list_depth: usize) -> Option<TokenStream> {
        match ty {
            TypeRef::String => Some(quote!("example")),
            TypeRef::Number => Some(quote!(1)),
            // Any iterable of the items themselves.
            TypeRef::List(item) if list_depth < MAX_LIST_DEPTH => {
                let item = self.exact_value(item, nesting + 1, list_depth + 1)?;
                Some(quote!(vec![#item]))
            }
            _ => self.exact_value(ty, nesting, list_depth),
        }
    }

    /// A Rust expression of exactly the Rust type of `ty`, as a nullable argument (an
    /// `Option` of it) and the items of lists need it; `None` past [`MAX_NESTING`].
    fn exact_value(
        &mut self,
        ty: &TypeRef,
        nesting: usize,
        list_depth: usize,
    ) -> Option<TokenStream> {
        if nesting > MAX_NESTING {
            return None;
        }
        Some(match ty {
            TypeRef::String => quote!("example".to_owned()),
            TypeRef::Integer => quote!(1),
            TypeRef::Number => {
                self.names.insert("Number".to_owned());
                quote!(Number::from(1))
            }
            TypeRef::Boolean => quote!(true),
            TypeRef::DateTime => {
                self.names.insert("DateTime".to_owned());
                quote!(
                    "2019-12-27T18:11:19.117Z"
                        .parse::<DateTime>()
                        .expect("valid RFC 3339")
                )
            }
            TypeRef::Binary => {
                self.names.insert("Binary".to_owned());
                quote!(Binary::new(b"example".to_vec()))
            }
            TypeRef::Any => {
                self.names.insert("Value".to_owned());
                quote!(Value::Null)
            }
            TypeRef::List(item) if list_depth < MAX_LIST_DEPTH => {
                let item = self.exact_value(item, nesting + 1, list_depth + 1)?;
                quote!(vec![#item])
            }
            TypeRef::List(_) => quote!(Vec::new()),
            TypeRef::Map(_) => {
                self.uses_btree_map = true;
                quote!(BTreeMap::new())
            }
            TypeRef::Nullable(_) => quote!(None),
            TypeRef::Named(name) => match self.types.get(name) {
                Some(def) => self.named_value(def, nesting + 1, list_depth)?,
                None => quote!(Default::default()),
            },
        })
    }

    /// The value of a struct field or constructor argument: exactly its type inside
    /// `Some` when it is nullable, else what converts into it. A string field's example
    /// is its wire name, which reads better than a placeholder.
    fn argument_value(
        &mut self,
        field: &Field,
        nesting: usize,
        list_depth: usize,
    ) -> Option<TokenStream> {
        let nullable = field.nullable && field.ty != TypeRef::Any;
        if field.ty == TypeRef::String {
            let wire = &field.wire_name;
            return Some(if nullable {
                quote!(Some(#wire.to_owned()))
            } else {
                quote!(#wire)
            });
        }
        Some(if nullable {
            let value = self.exact_value(&field.ty, nesting, list_depth)?;
            quote!(Some(#value))
        } else {
            self.value(&field.ty, nesting, list_depth)?
        })
    }

    /// How the example writes a type: imported by name from the crate's root, or through
    /// its top-level module (`kv::Namespace`), which is imported instead.
    fn type_path(&mut self, def: &TypeDef) -> TokenStream {
        let name = ident(&def.rust_name);
        let Some(top) = def.module.first() else {
            self.names.insert(def.rust_name.clone());
            return quote!(#name);
        };
        self.names.insert(top.clone());
        let segments = def.module.iter().map(|segment| ident(segment));
        quote!(#(#segments::)* #name)
    }

    /// A value of exactly the named type: `new(…)` (or `default()`) for a struct, the
    /// first value of an enum, the first variant's constructor for a tagged union and the
    /// first variant for an untagged one.
    fn named_value(
        &mut self,
        def: &TypeDef,
        nesting: usize,
        list_depth: usize,
    ) -> Option<TokenStream> {
        let name = self.type_path(def);
        Some(match &def.kind {
            TypeKind::Struct(shape) => {
                let mut args = Vec::new();
                for field in shape.fields.iter().filter(|f| !f.optional) {
                    args.push(self.argument_value(field, nesting, list_depth)?);
                }
                if args.is_empty() {
                    quote!(#name::default())
                } else {
                    quote!(#name::new(#(#args),*))
                }
            }
            TypeKind::Enum(shape) => {
                let variant = ident(&shape.values.first()?.rust_name);
                quote!(#name::#variant)
            }
            TypeKind::OneOf(shape) => {
                let variant = shape.variants.first()?;
                let value = self.value(&variant.ty, nesting, list_depth)?;
                let variant = ident(&variant.rust_name);
                quote!(#name::#variant(#value.into()))
            }
            TypeKind::Union(shape) => {
                let variant = shape.variants.first()?;
                let constructor = ident(&variant.constructor);
                let fields = match self.types.get(&variant.struct_name).map(|d| &d.kind) {
                    Some(TypeKind::Struct(shape)) => shape.fields.as_slice(),
                    _ => &[],
                };
                let mut args = Vec::new();
                for field in fields.iter().filter(|f| !f.optional) {
                    args.push(self.argument_value(field, nesting, list_depth)?);
                }
                quote!(#name::#constructor(#(#args),*))
            }
        })
    }
}
