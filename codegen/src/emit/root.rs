//! The SDK's root: how the `types` and `api` modules are put into files, and what the root
//! re-exports so that users write `cloudflare_sdk::Client` and `cloudflare_sdk::Element`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;

use super::endpoints::Context;
use super::gates::{self, Gates};
use super::imports::{Imports, Placements};
use super::namespaces::Namespace;
use super::{
    DefaultFeatures, EmittedFile, Layout, Options, Paths, TypeIndex, endpoints, ident, namespaces,
    path_tokens, root_path, types,
};
use crate::model::{Api, TypeDef};

/// The runtime's items that the SDK's root re-exports for its users: everything public in
/// the runtime except its `Client` and `ClientBuilder`, which the SDK wraps in its own, and
/// `SdkClient`, which only says what a builder can build.
pub const RUNTIME_REEXPORTS: &[&str] = &[
    "ApiError",
    "ApiErrorKind",
    "ApiMessage",
    "Binary",
    "Call",
    "DEFAULT_BASE_URL",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "DateTime",
    "DecodeError",
    "EXCERPT_LIMIT",
    "Error",
    "ErrorCode",
    "HeaderMap",
    "Number",
    "Pages",
    "ParseDateTimeError",
    "ParseEnumError",
    "RedirectError",
    "RedirectReason",
    "Response",
    "Result",
    "ResponseValue",
    "ResultInfo",
    "StatusCode",
    "Text",
    "UnknownEnumValue",
    "UnknownValue",
    "UnknownVariant",
    "WithResponse",
    "from_api_json",
    "from_api_value",
];

/// serde_json's items that the root re-exports: what the generated types are made of,
/// and `json!` for writing `any` values.
const SERDE_JSON_REEXPORTS: &[&str] = &["Map", "Value", "json"];

const TYPES_DOC: &str =
    "The types of the API: request bodies, responses and everything they contain.";
const API_DOC: &str = "The API's operations: a handle per namespace, a method per endpoint.";

/// What every file of the SDK is emitted from, built once and shared by the threads that
/// emit the files (see [`super::emit_each`]).
pub(super) struct Sdk<'a> {
    api: &'a Api,
    options: &'a Options,
    index: TypeIndex<'a>,
    placements: Arc<Placements>,
    /// Whether top-level namespaces are behind cargo features.
    features: bool,
    /// The features of the root types, with namespace features.
    gates: Option<Gates>,
    tree: Namespace<'a>,
}

/// One generated file of the [`Sdk`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part<'o> {
    /// The crate layout's `lib.rs`: the crate's docs (from this readme, relative to `src/`),
    /// its modules and re-exports.
    Lib(Option<&'o str>),
    /// The crate layout's `types.rs`: the root types.
    Types,
    /// The crate layout's `api.rs`: the `Client` and the root namespace's endpoints.
    Api,
    /// The crate layout's file of the top-level namespace with this index in the tree.
    Top(usize),
    /// The single file of the module layout, holding everything, by its name.
    Whole(&'o str),
}

impl<'a> Sdk<'a> {
    /// Indexes `api` for emitting it as `options` say.
    pub(super) fn new(api: &'a Api, options: &'a Options) -> Self {
        let placements: Arc<Placements> = Arc::new(
            api.types
                .iter()
                .map(|def| {
                    (
                        def.name.clone(),
                        (def.module.clone(), def.rust_name.clone()),
                    )
                })
                .collect(),
        );
        let features = matches!(
            &options.layout,
            Layout::Crate {
                features: Some(_),
                ..
            }
        );
        Self {
            api,
            options,
            index: TypeIndex::new(api),
            placements,
            features,
            gates: features.then(|| Gates::new(api)),
            tree: namespaces::tree(api),
        }
    }

    /// The files of the chosen layout, in the order they are listed.
    pub(super) fn parts(&self) -> Vec<Part<'a>> {
        match &self.options.layout {
            Layout::Crate { readme, .. } => [Part::Lib(readme.as_deref()), Part::Types, Part::Api]
                .into_iter()
                .chain((0..self.tree.children.len()).map(Part::Top))
                .collect(),
            Layout::Module { file_name } => vec![Part::Whole(file_name)],
        }
    }

    /// A rough measure of the work `part` takes: the endpoints and types it holds.
    pub(super) fn cost(&self, part: Part<'_>) -> usize {
        fn size(namespace: &Namespace<'_>) -> usize {
            namespace.endpoints.len()
                + namespace.types.len()
                + namespace.children.iter().map(size).sum::<usize>()
        }
        match part {
            Part::Lib(_) => self.tree.children.len(),
            Part::Types => self.root_types().len(),
            Part::Api => self.tree.endpoints.len() + self.tree.types.len(),
            Part::Top(index) => size(&self.tree.children[index]),
            Part::Whole(_) => self.api.endpoints.len() + self.api.types.len(),
        }
    }

    /// How the namespace emitters see the SDK.
    fn context(&self) -> Context<'_> {
        Context {
            types: &self.index,
            options: self.options,
            placements: Arc::clone(&self.placements),
            features: self.features,
        }
    }

    /// The types without a `module`, in spec order.
    fn root_types(&self) -> Vec<&'a TypeDef> {
        self.api
            .types
            .iter()
            .filter(|def| def.module.is_empty())
            .collect()
    }

    /// The file `part`.
    pub(super) fn emit(&self, part: Part<'_>) -> EmittedFile {
        let context = self.context();
        match part {
            Part::Lib(readme) => file("lib.rs", None, self.lib(readme, &context)),
            Part::Types => file(
                "types.rs",
                Some(TYPES_DOC),
                root_types(&self.root_types(), self.gates.as_ref(), &context),
            ),
            Part::Api => file(
                "api.rs",
                Some(API_DOC),
                endpoints::emit_namespace_items(&self.tree, &context),
            ),
            Part::Top(index) => {
                let namespace = &self.tree.children[index];
                file(
                    &format!("{}.rs", namespace.module_name()),
                    Some(top_module_doc(namespace).trim()),
                    endpoints::emit_namespace_items(namespace, &context),
                )
            }
            Part::Whole(file_name) => file(file_name, None, self.whole(&context)),
        }
    }

    /// The crate layout's `lib.rs`, documented by `readme`.
    fn lib(&self, readme: Option<&str>, context: &Context<'_>) -> TokenStream {
        let crate_doc = match readme {
            Some(readme) => quote!(#![doc = include_str!(#readme)]),
            None => {
                quote!(#![doc = " The API's types and operations, generated from its spec."])
            }
        };
        let module_decls = self.tree.children.iter().map(|namespace| {
            let name = ident(namespace.module_name());
            let doc = top_module_doc(namespace);
            let gate = context.feature_gate_for(namespace.module_name());
            quote! {
                #[doc = #doc]
                #gate
                #[rustfmt::skip]
                pub mod #name;
            }
        });
        let types_gate = types_reexport_gate(&self.root_types(), self.gates.as_ref());
        let reexports = reexports(&self.options.runtime, types_gate.as_ref());
        // The generator formats its files itself (prettyplease), so rustfmt leaves
        // them alone: `#![rustfmt::skip]` is not allowed as an inner attribute, but
        // rustfmt honours it behind `cfg_attr`, and the out-of-line modules need
        // their own.
        // The examples in the docs are generated too: a warning in one is a bug. They
        // are functions never called (a call needs a server), hence `dead_code`.
        quote! {
            #crate_doc
            #![doc(test(attr(deny(warnings), allow(dead_code))))]
            #![cfg_attr(rustfmt, rustfmt::skip)]

            #[rustfmt::skip]
            mod api;
            #[rustfmt::skip]
            pub mod types;
            #(#module_decls)*

            #reexports
        }
    }

    /// The module layout's single file: every module inline.
    fn whole(&self, context: &Context<'_>) -> TokenStream {
        let roots = self.root_types();
        let types = root_types(&roots, self.gates.as_ref(), context);
        let operations = endpoints::emit_namespace_items(&self.tree, context);
        let types_gate = types_reexport_gate(&roots, self.gates.as_ref());
        let reexports = reexports(&self.options.runtime, types_gate.as_ref());
        let (types_doc, api_doc) = (format!(" {TYPES_DOC}"), format!(" {API_DOC}"));
        let inline = self.tree.children.iter().map(|namespace| {
            let name = ident(namespace.module_name());
            let doc = top_module_doc(namespace);
            let tokens = endpoints::emit_namespace_items(namespace, context);
            quote! {
                #[doc = #doc]
                pub mod #name { #tokens }
            }
        });
        quote! {
            pub mod types {
                #![doc = #types_doc]
                #types
            }

            mod api {
                #![doc = #api_doc]
                #operations
            }

            #(#inline)*

            #reexports
        }
    }
}

/// The doc of a top-level namespace's module, with its leading space.
fn top_module_doc(namespace: &Namespace<'_>) -> String {
    format!(" Operations under `{}`.", namespace.dotted())
}

/// The `types` module: every type without a `module` (`roots`), re-exported at the
/// crate's root, each behind the features of the namespaces that use it (`gates`).
fn root_types(roots: &[&TypeDef], gates: Option<&Gates>, context: &Context<'_>) -> TokenStream {
    let paths = Paths {
        runtime: &context.options.runtime,
        root: root_path(&context.options.layout, 1),
    };
    let local: BTreeSet<String> = roots.iter().map(|def| def.rust_name.clone()).collect();
    // Each type's imports are its own, so that an import only gated types use is gated too.
    let mut uses: BTreeMap<Use, Option<BTreeSet<String>>> = BTreeMap::new();
    let mut items = Vec::new();
    for def in roots {
        let mut imports =
            Imports::new(&paths, Arc::clone(&context.placements), None, local.clone());
        let tokens = types::emit_type(def, context.types, &mut imports);
        let features = gates.and_then(|g| g.of(&def.name));
        for used in imports.entries() {
            let gate = uses.entry(used).or_insert_with(|| Some(BTreeSet::new()));
            match (gate.as_mut(), features) {
                (Some(gate), Some(features)) => gate.extend(features.iter().cloned()),
                _ => *gate = None,
            }
        }
        items.push(match features {
            Some(features) => gates::gated(tokens, &gates::cfg_attr(features)),
            None => tokens,
        });
    }
    let imports = render_uses(&uses);
    quote! { #imports #(#items)* }
}

/// The gate of the root's re-export of the `types` module when every root type is gated:
/// with none of their features on, the module is empty and its glob re-export would be
/// unused. `None` when a root type is ungated or there is none.
fn types_reexport_gate(roots: &[&TypeDef], gates: Option<&Gates>) -> Option<TokenStream> {
    let mut features = (!roots.is_empty()).then(BTreeSet::new);
    for def in roots {
        match (features.as_mut(), gates.and_then(|g| g.of(&def.name))) {
            (Some(all), Some(of_type)) => all.extend(of_type.iter().cloned()),
            _ => return None,
        }
    }
    features.as_ref().map(gates::cfg_attr)
}

/// Imports of one module behind one gate: group, module, features.
type UseGroup<'a> = (u8, String, Option<&'a BTreeSet<String>>);

/// One import of the `types` module: its group (`std`, other crates, the crate), module
/// and item.
type Use = (u8, String, String);

/// The `use` items of the `types` module, each behind the features of the types that use
/// it (none for one an ungated type uses), grouped and sorted as [`Imports::render`] does.
fn render_uses(uses: &BTreeMap<Use, Option<BTreeSet<String>>>) -> TokenStream {
    let mut groups: BTreeMap<UseGroup<'_>, Vec<&str>> = BTreeMap::new();
    for ((group, module, item), gate) in uses {
        groups
            .entry((*group, module.clone(), gate.as_ref()))
            .or_default()
            .push(item);
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by_key(|((group, module, gate), items)| {
        (
            *group,
            format!("{module}::{}", items.first().copied().unwrap_or("")),
            gate.cloned(),
        )
    });
    groups
        .into_iter()
        .map(|((_, module, gate), items)| {
            let gate = gate.map(gates::cfg_attr);
            let module = path_tokens(&module);
            let items = items.iter().map(|item| ident(item));
            if items.len() == 1 {
                quote! { #gate use #module::#(#items)*; }
            } else {
                quote! { #gate use #module::{#(#items),*}; }
            }
        })
        .collect()
}

/// The manifest's `[features]` table for the crate layout with features: one feature per
/// top-level namespace, `full` for all of them, and `default`.
pub fn features_table(api: &Api, options: &Options) -> Option<String> {
    let Layout::Crate {
        features: Some(default),
        ..
    } = &options.layout
    else {
        return None;
    };
    let mut namespaces: Vec<&str> = Vec::new();
    let tops = api
        .endpoints
        .iter()
        .filter_map(|e| e.namespace.first())
        .chain(api.types.iter().filter_map(|def| def.module.first()));
    for top in tops {
        if !namespaces.contains(&top.as_str()) {
            namespaces.push(top);
        }
    }
    let list = |names: &[&str]| {
        let quoted: Vec<String> = names
            .iter()
            .map(|name| format!("\"{}\"", namespaces::feature_name(name)))
            .collect();
        format!("[{}]", quoted.join(", "))
    };
    let default = match default {
        DefaultFeatures::All => "[\"full\"]".to_owned(),
        DefaultFeatures::These(names) => {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            list(&names)
        }
    };
    let mut table = format!(
        "[features]\n{FEATURES_MARKER}\ndefault = {default}\nfull = {}\n",
        list(&namespaces)
    );
    for namespace in &namespaces {
        table.push_str(&format!("{} = []\n", namespaces::feature_name(namespace)));
    }
    Some(table)
}

/// The line that opens the generated `[features]` table in the crate's manifest.
pub const FEATURES_MARKER: &str =
    "# One feature per top-level namespace, written by `cargo run -p codegen`; do not edit.";

fn file(path: &str, module_doc: Option<&str>, tokens: TokenStream) -> EmittedFile {
    EmittedFile {
        path: path.to_owned(),
        module_doc: module_doc.map(str::to_owned),
        tokens,
    }
}

/// The root's `pub use` items: the operations and types, the runtime's user-facing items,
/// and the serde_json types the generated types are made of.
fn reexports(runtime: &str, types_gate: Option<&TokenStream>) -> TokenStream {
    // With its leading `::` the runtime crate is not ambiguous with a top-level
    // namespace's module of the same name.
    let runtime = path_tokens(runtime);
    let runtime_items = RUNTIME_REEXPORTS.iter().map(|item| super::ident(item));
    let json_items = SERDE_JSON_REEXPORTS.iter().map(|item| super::ident(item));
    quote! {
        pub use api::*;
        #types_gate
        pub use types::*;
        pub use #runtime::{#(#runtime_items),*};
        #[doc(no_inline)]
        pub use serde_json::{#(#json_items),*};
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::{Options, emit};
    use crate::model::Api;
    use crate::naming::{CLIENT_METHODS, FIXED_FEATURES, ROOT_MODULES};

    /// An API without types or endpoints, generated as the SDK crate with features.
    fn empty_sdk() -> (Api, Options) {
        let api = Api {
            types: Vec::new(),
            endpoints: Vec::new(),
        };
        let mut options = Options::sdk_crate("sdk");
        options.layout = super::Layout::Crate {
            readme: None,
            features: Some(super::DefaultFeatures::All),
        };
        (api, options)
    }

    /// The files emitted for an API without types or endpoints: what every SDK has.
    fn fixed_files() -> Vec<(String, syn::File)> {
        let (api, options) = empty_sdk();
        emit(&api, &options)
            .into_iter()
            .map(|file| {
                let parsed = syn::parse2(file.tokens).expect("the emitter writes valid Rust");
                (file.path, parsed)
            })
            .collect()
    }

    /// The methods `Client` has in `file`: those of its impl blocks (its own and its
    /// traits') and those of the std traits it derives.
    fn client_methods(file: &syn::File) -> BTreeSet<String> {
        let mut methods = BTreeSet::new();
        for item in &file.items {
            match item {
                syn::Item::Struct(item) if item.ident == "Client" => {
                    for attr in item.attrs.iter().filter(|a| a.path().is_ident("derive")) {
                        attr.parse_nested_meta(|meta| {
                            let derived: &[&str] = match meta.path.get_ident() {
                                Some(name) if name == "Clone" => &["clone", "clone_from"],
                                Some(name) if name == "Debug" => &["fmt"],
                                other => panic!("a derive this test does not know: {other:?}"),
                            };
                            methods.extend(derived.iter().map(|m| (*m).to_owned()));
                            Ok(())
                        })
                        .expect("a derive list");
                    }
                }
                syn::Item::Impl(item) => {
                    let syn::Type::Path(ty) = &*item.self_ty else {
                        continue;
                    };
                    if !ty.path.is_ident("Client") {
                        continue;
                    }
                    for inner in &item.items {
                        if let syn::ImplItem::Fn(function) = inner {
                            methods.insert(function.sig.ident.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
        methods
    }

    #[test]
    fn the_reserved_client_methods_are_the_methods_the_emitted_client_has() {
        let files = fixed_files();
        let (_, api) = files
            .iter()
            .find(|(path, _)| path == "api.rs")
            .expect("api.rs");
        let listed: BTreeSet<String> = CLIENT_METHODS.iter().map(|m| (*m).to_owned()).collect();
        assert_eq!(
            client_methods(api),
            listed,
            "naming::CLIENT_METHODS must list every method of the emitted Client"
        );
    }

    #[test]
    fn the_reserved_root_modules_are_the_modules_the_emitted_root_declares() {
        let files = fixed_files();
        let (_, lib) = files
            .iter()
            .find(|(path, _)| path == "lib.rs")
            .expect("lib.rs");
        let modules: BTreeSet<String> = lib
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Mod(module) => Some(module.ident.to_string()),
                _ => None,
            })
            .collect();
        let listed: BTreeSet<String> = ROOT_MODULES.iter().map(|m| (*m).to_owned()).collect();
        assert_eq!(modules, listed, "naming::ROOT_MODULES must list them");
        let files: BTreeSet<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        for module in ROOT_MODULES {
            assert!(files.contains(format!("{module}.rs").as_str()), "{files:?}");
        }
    }

    #[test]
    fn the_reserved_features_are_the_features_the_emitted_table_has_without_namespaces() {
        let (api, options) = empty_sdk();
        let table: toml::Table = super::features_table(&api, &options)
            .expect("a features table")
            .parse()
            .expect("valid TOML");
        let features: BTreeSet<&str> = table["features"]
            .as_table()
            .expect("a table")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(features, FIXED_FEATURES.iter().copied().collect());
    }
}
