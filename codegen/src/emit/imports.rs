//! The `use` list of a generated module, built from what the emitted code actually uses,
//! and how the module names the spec's types wherever they are placed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::{Paths, path_tokens};

/// Where each spec type lives: its module (a namespace path; empty for the root `types`
/// module) and its Rust name there, by spec name.
pub type Placements = BTreeMap<String, (Vec<String>, String)>;

/// Collects `path::Item` uses and renders them grouped: `std`, external crates, then the
/// crate's own modules. A name the module already has (one of its own items, or another
/// item imported under that name) is not imported again: the item is written by its full
/// path instead, so two `Namespace` types of two products never clash.
pub struct Imports {
    /// The module being emitted: `None` for the root `types` module, else the namespace
    /// path (empty for `api`, the root namespace).
    module: Option<Vec<String>>,
    /// The SDK's root as this module names it (`crate`, `super::super`).
    root: String,
    /// Path of the runtime crate.
    runtime: String,
    placements: Arc<Placements>,
    /// Names of the module's own items.
    local: BTreeSet<String>,
    /// Imported names, with the path each comes from.
    imported: BTreeMap<String, String>,
    by_module: BTreeMap<(u8, String), BTreeSet<String>>,
}

impl Imports {
    /// Imports for a module: the root `types` module (`module` is `None`) or a namespace's
    /// module, whose own items are named `local`.
    pub fn new(
        paths: &Paths<'_>,
        placements: Arc<Placements>,
        module: Option<Vec<String>>,
        local: BTreeSet<String>,
    ) -> Self {
        Self {
            module,
            root: paths.root.clone(),
            runtime: paths.runtime.to_owned(),
            placements,
            local,
            imported: BTreeMap::new(),
            by_module: BTreeMap::new(),
        }
    }

    /// The spec type `name` as this module writes it: its bare Rust name when it is one of
    /// the module's own, else imported (or its full path, see [`Imports`]).
    pub fn named_type(&mut self, name: &str) -> TokenStream {
        let Some((module, rust_name)) = self.placements.get(name).cloned() else {
            return super::ident(name).into_token_stream();
        };
        let here = match &self.module {
            None => module.is_empty(),
            Some(namespace) => !module.is_empty() && &module == namespace,
        };
        if here {
            return super::ident(&rust_name).into_token_stream();
        }
        let module_path = if module.is_empty() {
            "types".to_owned()
        } else {
            module.join("::")
        };
        let path = format!("{}::{module_path}::{rust_name}", self.root);
        self.use_item(&path)
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
        let trimmed = path.trim_start_matches("::");
        let (module, item) = trimmed.rsplit_once("::").unwrap_or(("", trimmed));
        let clashes = self.local.contains(item)
            || self.imported.get(item).is_some_and(|from| from != trimmed);
        if clashes {
            return path_tokens(path);
        }
        self.imported.insert(item.to_owned(), trimmed.to_owned());
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

    /// Every recorded import: its group (0 `std`, 1 other crates, 2 the crate), module and
    /// item.
    pub fn entries(&self) -> Vec<(u8, String, String)> {
        self.by_module
            .iter()
            .flat_map(|((group, module), items)| {
                items
                    .iter()
                    .map(move |item| (*group, module.clone(), item.clone()))
            })
            .collect()
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
                let module = path_tokens(module);
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
