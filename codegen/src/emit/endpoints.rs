//! Emits `api.rs`: namespace handles (`client.ai_gateway().dynamic_routing()`) and one
//! method per endpoint, each building a request for the runtime to send.

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::quote;

use super::imports::Imports;
use super::{doc_attrs, ident, rust_type};
use crate::model::{Api, Endpoint};

/// One level of the namespace tree, with its endpoints and sub-namespaces in spec order.
#[derive(Default)]
struct Namespace<'a> {
    /// Segments from the root, e.g. `["ai_gateway", "dynamic_routing"]`.
    path: Vec<String>,
    endpoints: Vec<&'a Endpoint>,
    children: Vec<Namespace<'a>>,
}

impl<'a> Namespace<'a> {
    fn insert(&mut self, endpoint: &'a Endpoint, depth: usize) {
        let Some(segment) = endpoint.namespace.get(depth) else {
            self.endpoints.push(endpoint);
            return;
        };
        let index = match self
            .children
            .iter()
            .position(|c| c.path.last() == Some(segment))
        {
            Some(index) => index,
            None => {
                let path = endpoint.namespace[..=depth].to_vec();
                self.children.push(Namespace {
                    path,
                    ..Namespace::default()
                });
                self.children.len() - 1
            }
        };
        self.children[index].insert(endpoint, depth + 1);
    }

    fn handle_name(&self) -> String {
        self.path
            .last()
            .map_or_else(|| "Client".to_owned(), |s| s.to_upper_camel_case())
    }

    fn dotted(&self) -> String {
        self.path.join(".")
    }
}

/// The namespace tree and every endpoint method.
pub fn emit_endpoints(api: &Api, crate_name: &str) -> TokenStream {
    let mut root = Namespace::default();
    for endpoint in &api.endpoints {
        root.insert(endpoint, 0);
    }
    emit_namespace_items(&root, &Context { api, crate_name })
}

/// What every emitter of this file needs to know.
struct Context<'a> {
    api: &'a Api,
    crate_name: &'a str,
}

/// The items of one namespace's module: its handle, its methods, and its children's modules.
fn emit_namespace_items(namespace: &Namespace<'_>, context: &Context<'_>) -> TokenStream {
    let mut imports = Imports::outside_types();
    let client = imports.use_item("crate::Client");
    let handle = ident(&namespace.handle_name());
    let is_root = namespace.path.is_empty();
    let handle_struct = (!is_root).then(|| {
        let doc = format!(" Operations under `{}`.", namespace.dotted());
        quote! {
            #[doc = #doc]
            #[derive(Clone, Copy, Debug)]
            pub struct #handle<'a> {
                pub(crate) client: &'a #client,
            }
        }
    });
    let client_expr = if is_root {
        quote!(self)
    } else {
        quote!(self.client)
    };
    let lifetime = if is_root { quote!('_) } else { quote!('a) };
    let accessors = namespace.children.iter().map(|child| {
        let module = ident(child.path.last().map_or("", String::as_str));
        let child_handle = ident(&child.handle_name());
        let doc = format!(" Operations under `{}`.", child.dotted());
        quote! {
            #[doc = #doc]
            pub fn #module(&self) -> #module::#child_handle<#lifetime> {
                #module::#child_handle { client: #client_expr }
            }
        }
    });
    let methods: Vec<TokenStream> = namespace
        .endpoints
        .iter()
        .map(|e| emit_method(e, context, &client_expr, &mut imports))
        .collect();
    let impl_header = match (is_root, namespace.children.is_empty()) {
        (true, _) => quote!(impl #client),
        // Accessors hand the borrowed client on, so they name its lifetime.
        (false, false) => quote!(impl<'a> #handle<'a>),
        (false, true) => quote!(impl #handle<'_>),
    };
    let children = namespace.children.iter().map(|child| {
        let module = ident(child.path.last().map_or("", String::as_str));
        let doc = format!(" Operations under `{}`.", child.dotted());
        let items = emit_namespace_items(child, context);
        quote! {
            #[doc = #doc]
            pub mod #module { #items }
        }
    });
    let imports = imports.render();
    quote! {
        #imports
        #handle_struct
        #impl_header {
            #(#accessors)*
            #(#methods)*
        }
        #(#children)*
    }
}

/// One endpoint method: takes the path parameters and body, returns a `Call` to await.
fn emit_method(
    endpoint: &Endpoint,
    context: &Context<'_>,
    client: &TokenStream,
    imports: &mut Imports,
) -> TokenStream {
    let name = ident(&endpoint.name);
    let call = imports.use_item("crate::runtime::Call");
    let api_request = imports.use_item("crate::runtime::ApiRequest");
    let method_type = imports.use_item("crate::runtime::Method");
    let http_method = ident(endpoint.method.as_str());
    let path = &endpoint.path;
    let response = rust_type(&endpoint.response.ty, imports);
    let envelope = &endpoint.response.envelope;
    let mut params = Vec::new();
    let mut steps = Vec::new();
    for param in &endpoint.path_params {
        let param_name = ident(&param.rust_name);
        let wire = &param.wire_name;
        params.push(quote!(#param_name: &str));
        steps.push(quote!(.path_param(#wire, #param_name)));
    }
    if let Some(body) = &endpoint.body {
        let body_type = rust_type(&crate::model::TypeRef::Named(body.clone()), imports);
        params.push(quote!(body: &#body_type));
        steps.push(quote!(.json_body(body)));
    }
    let doc = doc_attrs(Some(&method_doc(endpoint, context)));
    quote! {
        #doc
        pub fn #name(&self, #(#params),*) -> #call<#response> {
            let request = #api_request::new(#method_type::#http_method, #path)
                #(#steps)*
                .envelope(#envelope);
            #call::new(#client, request)
        }
    }
}

/// The method's doc: the spec's doc, the HTTP route, one line per argument, an example.
fn method_doc(endpoint: &Endpoint, context: &Context<'_>) -> String {
    let mut doc = endpoint.doc.clone().unwrap_or_default();
    doc.push_str(&format!(
        "\n\n`{} {}`",
        endpoint.method.as_str(),
        endpoint.path
    ));
    let arguments: Vec<String> = endpoint
        .path_params
        .iter()
        .map(|p| {
            format!(
                "- `{}`: {}",
                p.rust_name,
                p.doc.as_deref().unwrap_or("Path parameter.")
            )
        })
        .collect();
    if !arguments.is_empty() {
        doc.push_str("\n\n# Arguments\n\n");
        doc.push_str(&arguments.join("\n"));
    }
    doc.push_str("\n\n");
    doc.push_str(&super::example::example_doc(
        context.api,
        endpoint,
        context.crate_name,
    ));
    doc.trim().to_owned()
}
