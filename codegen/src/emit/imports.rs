//! The `use` list of a generated file, built from what the emitted code actually uses.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

/// Collects `path::Item` uses and renders them grouped: `std`, external crates, `crate`.
#[derive(Default)]
pub struct Imports {
    /// Module that named spec types are imported from; `None` inside `types.rs` itself.
    pub types_module: Option<&'static str>,
    by_module: BTreeMap<(u8, String), BTreeSet<String>>,
}

impl Imports {
    /// Imports for a module outside `types.rs`, where spec types come from `crate::types`.
    pub fn outside_types() -> Self {
        Self {
            types_module: Some("crate::types"),
            ..Self::default()
        }
    }

    /// Records `path` (e.g. `serde_json::Number`) and returns the item's name to use.
    pub fn use_item(&mut self, path: &str) -> TokenStream {
        let (module, item) = path.rsplit_once("::").unwrap_or(("", path));
        let group = match module.split("::").next() {
            Some("std") => 0,
            Some("crate") => 2,
            _ => 1,
        };
        self.by_module
            .entry((group, module.to_owned()))
            .or_default()
            .insert(item.to_owned());
        super::ident(item).into_token_stream()
    }

    /// The `use` items, grouped, and sorted by path within a group as rustfmt does.
    pub fn render(&self) -> TokenStream {
        let mut modules: Vec<_> = self.by_module.iter().collect();
        modules.sort_by_key(|((group, module), items)| {
            (
                *group,
                format!("{module}::{}", items.first().map_or("", String::as_str)),
            )
        });
        modules
            .into_iter()
            .map(|((_, module), items)| {
                let module = module.split("::").map(super::ident);
                let module = quote!(#(#module)::*);
                let items = items.iter().map(|item| super::ident(item));
                if items.len() == 1 {
                    quote! { use #module::#(#items)*; }
                } else {
                    quote! { use #module::{#(#items),*}; }
                }
            })
            .collect()
    }
}
