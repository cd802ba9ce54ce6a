//! A compiled doc example for each endpoint method, built from the spec's types: the
//! smallest valid body (required fields only) and the call itself.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::{Api, Endpoint, TypeDef, TypeKind, TypeRef};

/// Lists nested deeper than this are left empty, which also ends recursive types.
const MAX_LIST_DEPTH: usize = 2;

/// The example as Markdown lines: an `# Example` heading and a `no_run` code block.
pub fn example_doc(api: &Api, endpoint: &Endpoint, crate_name: &str) -> String {
    let mut names = BTreeSet::from(["Client".to_owned()]);
    let mut args: Vec<TokenStream> = endpoint
        .path_params
        .iter()
        .map(|p| {
            let wire = &p.wire_name;
            quote!(#wire)
        })
        .collect();
    let query_import = super::endpoints::query_struct_name(endpoint).map(|query| {
        let required: Vec<TokenStream> = endpoint
            .query_params
            .iter()
            .filter(|f| !f.optional)
            .map(|f| value(api, &f.ty, 0, &mut names))
            .collect();
        let query = ident(&query);
        args.push(if required.is_empty() {
            quote!(&#query::default())
        } else {
            quote!(&#query::new(#(#required),*))
        });
        let module = endpoint.namespace.iter().map(|segment| ident(segment));
        let krate = ident(crate_name);
        quote!(use #krate #(::#module)*::#query;)
    });
    let body = endpoint.body.as_ref().map(|body| {
        let value = value(api, &TypeRef::Named(body.clone()), 0, &mut names);
        args.push(quote!(&body));
        quote!(let body = #value;)
    });
    let namespaces = endpoint.namespace.iter().map(|segment| ident(segment));
    let method = ident(&endpoint.name);
    let krate = ident(crate_name);
    let names = names.iter().map(|name| ident(name));
    let code = quote! {
        use #krate::{#(#names),*};
        #query_import

        async fn example(client: &Client) -> #krate::Result<()> {
            #body
            let response = client #(.#namespaces())* .#method(#(#args),*).await?;
            println!("{response:?}");
            Ok(())
        }
    };
    let code = syn::parse2::<syn::File>(code).map_or_else(
        |_| String::new(),
        |file| crate::format::separate_items(&prettyplease::unparse(&file)),
    );
    format!("# Example\n\n```no_run\n{code}```")
}

/// A Rust expression for a valid value of `ty`, recording the type names it uses.
fn value(api: &Api, ty: &TypeRef, depth: usize, names: &mut BTreeSet<String>) -> TokenStream {
    match ty {
        TypeRef::String => quote!("example"),
        TypeRef::Integer | TypeRef::Number => quote!(1),
        TypeRef::Boolean => quote!(true),
        TypeRef::DateTime => {
            names.insert("DateTime".to_owned());
            quote!(
                "2019-12-27T18:11:19.117Z"
                    .parse::<DateTime>()
                    .expect("valid RFC 3339")
            )
        }
        TypeRef::Any => {
            names.insert("Value".to_owned());
            quote!(Value::Null)
        }
        TypeRef::List(item) if depth < MAX_LIST_DEPTH => {
            let item = value(api, item, depth + 1, names);
            quote!(vec![#item])
        }
        TypeRef::List(_) => quote!(Vec::new()),
        TypeRef::Map(_) => quote!(Default::default()),
        TypeRef::Named(name) => match api.types.iter().find(|def| &def.name == name) {
            Some(def) => named_value(api, def, depth, names),
            None => quote!(Default::default()),
        },
    }
}

fn named_value(
    api: &Api,
    def: &TypeDef,
    depth: usize,
    names: &mut BTreeSet<String>,
) -> TokenStream {
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(shape) => {
            names.insert(def.name.clone());
            let required: Vec<_> = shape.fields.iter().filter(|f| !f.optional).collect();
            if required.is_empty() {
                return quote!(#name::default());
            }
            let args = required.iter().map(|field| {
                let inner = if field.ty == TypeRef::String {
                    literal(&field.wire_name)
                } else {
                    value(api, &field.ty, depth, names)
                };
                if field.nullable && field.ty != TypeRef::Any {
                    quote!(Some(#inner))
                } else {
                    inner
                }
            });
            quote!(#name::new(#(#args),*))
        }
        TypeKind::Enum(shape) => {
            names.insert(def.name.clone());
            let variant = shape.values.first().map(|v| ident(&v.rust_name));
            quote!(#name::#variant)
        }
        TypeKind::Union(shape) => {
            let Some(variant) = shape.variants.first() else {
                return quote!(Default::default());
            };
            let variant_value = value(
                api,
                &TypeRef::Named(variant.struct_name.clone()),
                depth,
                names,
            );
            quote!(#variant_value.into())
        }
    }
}

/// A string field's example: its wire name, which reads better than a placeholder.
fn literal(text: &str) -> TokenStream {
    quote!(#text)
}
