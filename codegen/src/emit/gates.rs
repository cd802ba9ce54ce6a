//! Which cargo features a root type is compiled for: those of the top-level namespaces
//! whose endpoints reach it (directly or through other types), so that a crate built with
//! one product's feature does not compile the types only other products use.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::namespaces::feature_name;
use crate::model::{Api, TypeKind, TypeRef};

/// The features each root type needs, by spec name; a type missing from the map is
/// compiled always (a root endpoint or nothing uses it).
pub struct Gates(BTreeMap<String, BTreeSet<String>>);

impl Gates {
    /// The gates of `api`'s root types.
    pub fn new(api: &Api) -> Self {
        let children: BTreeMap<&str, Vec<&str>> = api
            .types
            .iter()
            .map(|def| {
                let mut names = Vec::new();
                match &def.kind {
                    TypeKind::Struct(shape) => {
                        for field in &shape.fields {
                            names_in(&field.ty, &mut names);
                        }
                    }
                    TypeKind::Union(shape) => {
                        names.extend(shape.variants.iter().map(|v| v.struct_name.as_str()));
                    }
                    TypeKind::OneOf(shape) => {
                        for variant in &shape.variants {
                            names_in(&variant.ty, &mut names);
                        }
                    }
                    TypeKind::Enum(_) => {}
                }
                (def.name.as_str(), names)
            })
            .collect();
        let mut features: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        let mut always: BTreeSet<&str> = BTreeSet::new();
        for endpoint in &api.endpoints {
            let mut roots = Vec::new();
            if let Some(body) = &endpoint.body {
                names_in(&body.ty, &mut roots);
            }
            names_in(&endpoint.response.ty, &mut roots);
            let params = endpoint.path_params.iter().chain(&endpoint.query_params);
            for param in params.chain(&endpoint.header_params) {
                names_in(&param.ty, &mut roots);
            }
            let feature = endpoint.namespace.first().map(|n| feature_name(n));
            let mut seen = BTreeSet::new();
            while let Some(name) = roots.pop() {
                if !seen.insert(name) {
                    continue;
                }
                match &feature {
                    Some(feature) => {
                        features.entry(name).or_default().insert(feature.clone());
                    }
                    None => {
                        always.insert(name);
                    }
                }
                roots.extend(children.get(name).into_iter().flatten().copied());
            }
        }
        Self(
            features
                .into_iter()
                .filter(|(name, _)| !always.contains(name))
                .map(|(name, features)| (name.to_owned(), features))
                .collect(),
        )
    }

    /// The features type `name` is compiled for; `None`: always.
    pub fn of(&self, name: &str) -> Option<&BTreeSet<String>> {
        self.0.get(name)
    }
}

/// `#[cfg(feature = "kv")]` or `#[cfg(any(feature = "kv", feature = "dns"))]`.
pub fn cfg_attr(features: &BTreeSet<String>) -> TokenStream {
    let features = features.iter();
    if features.len() == 1 {
        quote!(#[cfg(#(feature = #features)*)])
    } else {
        quote!(#[cfg(any(#(feature = #features),*))])
    }
}

/// The named types `ty` refers to, through lists and maps.
fn names_in<'a>(ty: &'a TypeRef, names: &mut Vec<&'a str>) {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            names_in(inner, names);
        }
        TypeRef::Named(name) => names.push(name.as_str()),
        _ => {}
    }
}

/// `items` (a type and its impls), each behind `gate`.
pub fn gated(items: TokenStream, gate: &TokenStream) -> TokenStream {
    match syn::parse2::<syn::File>(items.clone()) {
        Ok(file) => {
            let items = file.items.iter();
            quote! { #(#gate #items)* }
        }
        // Tokens that are not items are a bug elsewhere; left as they are, the compiler
        // reports it where it is.
        Err(_) => items,
    }
}
