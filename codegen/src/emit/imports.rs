//! The `use` list of a generated file, built from what the emitted code actually uses.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::Paths;

/// Collects `path::Item` uses and renders them grouped: `std`, external crates, then the
/// crate's own modules.
pub struct Imports {
    /// Module that named spec types are imported from; `None` inside `types` itself.
    pub types_module: Option<String>,
    /// Path of the runtime crate.
    runtime: String,
    by_module: BTreeMap<(u8, String), BTreeSet<String>>,
}

impl Imports {
    /// Imports for the `types` module, where spec types need no import.
    pub fn in_types(paths: &Paths<'_>) -> Self {
        Self {
            types_module: None,
            runtime: paths.runtime.to_owned(),
            by_module: BTreeMap::new(),
        }
    }

    /// Imports for a module outside `types`, which imports spec types from it.
    pub fn outside_types(paths: &Paths<'_>) -> Self {
        Self {
            types_module: Some(format!("{}::types", paths.root)),
            ..Self::in_types(paths)
        }
    }

    /// Records the runtime's `item` (e.g. `DateTime`) and returns the name to use.
    pub fn runtime(&mut self, item: &str) -> TokenStream {
        let path = format!("{}::{item}", self.runtime);
        self.use_item(&path)
    }

    /// Records the runtime's module of entry points for generated code, `__private`.
    pub fn runtime_private(&mut self) -> TokenStream {
        self.runtime("__private")
    }

    /// Records `path` (e.g. `serde_json::Number`) and returns the item's name to use.
    pub fn use_item(&mut self, path: &str) -> TokenStream {
        // `use` paths name crates without the leading `::` (edition 2018 and later).
        let path = path.trim_start_matches("::");
        let (module, item) = path.rsplit_once("::").unwrap_or(("", path));
        let group = match module.split("::").next() {
            Some("std") => 0,
            Some("crate" | "super" | "self") => 2,
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
