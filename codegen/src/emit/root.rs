//! The SDK's root: how the `types` and `api` modules are put into files, and what the root
//! re-exports so that users write `cloudflare_sdk::Client` and `cloudflare_sdk::Element`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{EmittedFile, Layout, Options, Paths, endpoints, path_tokens, root_path, types};
use crate::model::Api;

/// The runtime's items that the SDK's root re-exports for its users: everything public in
/// the runtime except its `Client` and `ClientBuilder`, which the SDK wraps in its own, and
/// `SdkClient`, which only says what a builder can build.
pub const RUNTIME_REEXPORTS: &[&str] = &[
    "ApiError",
    "ApiErrorKind",
    "ApiMessage",
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
    "ResultInfo",
    "StatusCode",
    "UnknownEnumValue",
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

/// Every file of the chosen layout.
pub(super) fn emit_files(api: &Api, options: &Options) -> Vec<EmittedFile> {
    let types_paths = Paths {
        runtime: &options.runtime,
        root: root_path(&options.layout, 1),
    };
    let types = types::emit_types(api, &types_paths);
    let operations = endpoints::emit_endpoints(api, options);
    let reexports = reexports(&options.runtime);
    match &options.layout {
        Layout::Crate { readme } => {
            let crate_doc = match readme {
                Some(readme) => quote!(#![doc = include_str!(#readme)]),
                None => {
                    quote!(#![doc = " The API's types and operations, generated from its spec."])
                }
            };
            // The generator formats its files itself (prettyplease), so rustfmt leaves
            // them alone: `#![rustfmt::skip]` is not allowed as an inner attribute, but
            // rustfmt honours it behind `cfg_attr`, and the out-of-line modules need
            // their own.
            let lib = quote! {
                #crate_doc
                #![cfg_attr(rustfmt, rustfmt::skip)]

                #[rustfmt::skip]
                mod api;
                #[rustfmt::skip]
                pub mod types;

                #reexports
            };
            vec![
                file("lib.rs", None, lib),
                file("types.rs", Some(TYPES_DOC), types),
                file("api.rs", Some(API_DOC), operations),
            ]
        }
        Layout::Module { file_name } => {
            let (types_doc, api_doc) = (format!(" {TYPES_DOC}"), format!(" {API_DOC}"));
            let module = quote! {
                pub mod types {
                    #![doc = #types_doc]
                    #types
                }

                mod api {
                    #![doc = #api_doc]
                    #operations
                }

                #reexports
            };
            vec![file(file_name, None, module)]
        }
    }
}

fn file(path: &str, module_doc: Option<&str>, tokens: TokenStream) -> EmittedFile {
    EmittedFile {
        path: path.to_owned(),
        module_doc: module_doc.map(str::to_owned),
        tokens,
    }
}

/// The root's `pub use` items: the operations and types, the runtime's user-facing items,
/// and the serde_json types the generated types are made of.
fn reexports(runtime: &str) -> TokenStream {
    // `pub use` names a crate without the leading `::`.
    let runtime = path_tokens(runtime.trim_start_matches("::"));
    let runtime_items = RUNTIME_REEXPORTS.iter().map(|item| super::ident(item));
    let json_items = SERDE_JSON_REEXPORTS.iter().map(|item| super::ident(item));
    quote! {
        pub use api::*;
        pub use types::*;
        pub use #runtime::{#(#runtime_items),*};
        #[doc(no_inline)]
        pub use serde_json::{#(#json_items),*};
    }
}
