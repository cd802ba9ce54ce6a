//! Emits `api.rs`: namespace handles (`client.ai_gateway().dynamic_routing()`) and one
//! method per endpoint, each building a request for the runtime to send.

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::imports::Imports;
use super::{Options, Paths, TypeIndex, doc_attrs, ident, path_tokens, root_path, rust_type};
use crate::model::{Api, Endpoint, TypeRef};

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

/// The `api` module: the SDK's `Client` with the namespace tree below it and every
/// endpoint method.
pub(super) fn emit_endpoints(api: &Api, options: &Options) -> TokenStream {
    let mut root = Namespace::default();
    for endpoint in &api.endpoints {
        root.insert(endpoint, 0);
    }
    let types = TypeIndex::new(api);
    emit_namespace_items(
        &root,
        &Context {
            types: &types,
            options,
        },
    )
}

/// What every emitter of this file needs to know.
struct Context<'a> {
    types: &'a TypeIndex<'a>,
    options: &'a Options,
}

impl Context<'_> {
    /// How a namespace's module names things; the `api` module is one level below the
    /// SDK's root, and each namespace one more.
    fn paths(&self, namespace: &Namespace<'_>) -> Paths<'_> {
        Paths {
            runtime: &self.options.runtime,
            root: root_path(&self.options.layout, namespace.path.len() + 1),
        }
    }
}

/// The SDK's own `Client`: the runtime's client, plus a method per root namespace and
/// root endpoint (an inherent impl can only be written in the crate defining the type).
fn emit_client_struct(runtime_client: &TokenStream, runtime: &TokenStream) -> TokenStream {
    quote! {
        /// A client of the API. Cheap to clone: clones share one configuration and one
        /// connection pool.
        ///
        /// Build one with [`Client::from_env`] or [`Client::builder`]; every operation is
        /// a method of it or of the namespace handles it returns. Calls run on Tokio and
        /// need its time driver, which `#[tokio::main]` enables.
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #runtime_client,
        }

        /// Configures a [`Client`]: credentials, base URL, timeouts, retries and headers.
        pub type ClientBuilder = #runtime::ClientBuilder<Client>;

        impl From<#runtime_client> for Client {
            fn from(inner: #runtime_client) -> Self {
                Self { inner }
            }
        }

        impl #runtime::SdkClient for Client {
            const USER_AGENT: &'static str =
                concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
        }
    }
}

/// The constructors and accessors every SDK `Client` has besides its operations; the
/// names are listed in [`crate::naming::CLIENT_METHODS`].
fn emit_client_methods(runtime: &TokenStream, root: &str) -> TokenStream {
    let config_error =
        format!(" [`Error::Config`]({root}::Error::Config) when no usable credentials are set.");
    quote! {
        /// A builder for a client configured in code.
        pub fn builder() -> ClientBuilder {
            ClientBuilder::new()
        }

        /// A client configured from `CLOUDFLARE_API_TOKEN` (or `CLOUDFLARE_API_KEY` and
        /// `CLOUDFLARE_EMAIL`) and, optionally, `CLOUDFLARE_BASE_URL`; see
        /// [`ClientBuilder::from_env_with`].
        ///
        /// # Errors
        ///
        #[doc = #config_error]
        pub fn from_env() -> #runtime::Result<Self> {
            ClientBuilder::from_env().build()
        }

        /// The base URL requests are sent to, without a trailing slash.
        pub fn base_url(&self) -> &str {
            self.inner.base_url()
        }
    }
}

/// The items of one namespace's module: its handle, its methods, and its children's modules.
fn emit_namespace_items(namespace: &Namespace<'_>, context: &Context<'_>) -> TokenStream {
    let paths = context.paths(namespace);
    let mut imports = Imports::outside_types(&paths);
    let runtime = path_tokens(paths.runtime);
    let runtime_client = quote!(#runtime::Client);
    let handle = ident(&namespace.handle_name());
    let is_root = namespace.path.is_empty();
    let handle_struct = if is_root {
        emit_client_struct(&runtime_client, &runtime)
    } else {
        let doc = format!(" Operations under `{}`.", namespace.dotted());
        quote! {
            #[doc = #doc]
            #[derive(Clone, Copy, Debug)]
            pub struct #handle<'a> {
                pub(crate) client: &'a #runtime_client,
            }
        }
    };
    let client_methods = is_root.then(|| emit_client_methods(&runtime, &paths.root));
    let client_expr = if is_root {
        quote!(&self.inner)
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
    let handle_name = if is_root {
        format!("{}::Client", paths.root)
    } else {
        namespace.handle_name()
    };
    let endpoints: Vec<EndpointItems> = namespace
        .endpoints
        .iter()
        .map(|e| {
            let site = Site {
                handle: &handle_name,
                client: &client_expr,
                paths: &paths,
            };
            emit_endpoint(e, context, &site, &mut imports)
        })
        .collect();
    let methods = endpoints.iter().map(|e| &e.methods);
    let module_items = endpoints.iter().map(|e| &e.module_items);
    let impl_header = match (is_root, namespace.children.is_empty()) {
        (true, _) => quote!(impl Client),
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
            #client_methods
            #(#accessors)*
            #(#methods)*
        }
        #(#module_items)*
        #(#children)*
    }
}

/// What one endpoint contributes: methods on its namespace handle, and items beside
/// the handle (its query struct, the request builder shared by a method and its stream).
struct EndpointItems {
    methods: TokenStream,
    module_items: TokenStream,
}

/// Where an endpoint's method is emitted.
struct Site<'a> {
    /// The handle type, as its docs name it.
    handle: &'a str,
    /// The runtime client, as the handle's methods reach it.
    client: &'a TokenStream,
    paths: &'a Paths<'a>,
}

/// One endpoint: a method returning a `Call` to await, plus a `…_stream` method when the
/// endpoint is paginated.
fn emit_endpoint(
    endpoint: &Endpoint,
    context: &Context<'_>,
    site: &Site<'_>,
    imports: &mut Imports,
) -> EndpointItems {
    let (handle, client) = (site.handle, site.client);
    let name = ident(&endpoint.name);
    let call = imports.runtime("Call");
    let private = imports.runtime_private();
    let api_request = imports.runtime("__private::ApiRequest");
    let method_type = imports.runtime("__private::Method");
    let http_method = ident(endpoint.method.as_str());
    let path = &endpoint.path;
    let response = rust_type(&endpoint.response.ty, imports);
    let envelope = &endpoint.response.envelope;
    let mut params = Vec::new();
    let mut args = Vec::new();
    let mut steps = Vec::new();
    for param in &endpoint.path_params {
        let param_name = ident(&param.rust_name);
        let wire = &param.wire_name;
        params.push(quote!(#param_name: &str));
        args.push(quote!(#param_name));
        steps.push(quote!(.path_param(#wire, #param_name)));
    }
    let mut module_items = TokenStream::new();
    if let Some(query_name) = &endpoint.query_struct {
        let doc = format!(" Query parameters of [`{handle}::{}`].", endpoint.name);
        module_items.extend(super::types::emit_query_struct(
            query_name,
            &doc,
            &endpoint.query_params,
            context.types,
            imports,
        ));
        let query_type = ident(query_name);
        params.push(quote!(query: &#query_type));
        args.push(quote!(query));
        for field in &endpoint.query_params {
            let (wire, field_name) = (&field.wire_name, ident(&field.rust_name));
            // A list is sent as the parameter repeated, once per value.
            let step = match (matches!(field.ty, TypeRef::List(_)), field.optional) {
                (false, true) => quote!(.query(#wire, query.#field_name.as_ref())),
                (false, false) => quote!(.query(#wire, Some(&query.#field_name))),
                (true, true) => quote!(.query_each(#wire, query.#field_name.iter().flatten())),
                (true, false) => quote!(.query_each(#wire, &query.#field_name)),
            };
            steps.push(step);
        }
    }
    if let Some(body) = &endpoint.body {
        let body_type = rust_type(&TypeRef::Named(body.clone()), imports);
        params.push(quote!(body: &#body_type));
        args.push(quote!(body));
        steps.push(quote!(.json_body(body)));
    }
    let request = quote! {
        #api_request::new(#method_type::#http_method, #path) #(#steps)* .envelope(#envelope)
    };
    let doc = doc_attrs(Some(&method_doc(endpoint, context, site.paths)));
    let Some(pages) = &endpoint.pages else {
        let methods = quote! {
            #doc
            pub fn #name(&self, #(#params),*) -> #call<#response> {
                let request = #request;
                #private::call(#client, request)
            }
        };
        return EndpointItems {
            methods,
            module_items,
        };
    };
    let request_fn = format_ident!("{}_request", endpoint.name);
    let stream = ident(&crate::naming::stream_method(&endpoint.name));
    let pages_type = imports.runtime("Pages");
    let item = rust_type(&pages.item, imports);
    let (page_param, page_wire, items_field) = (
        ident(&pages.page_param),
        &pages.page_wire,
        ident(&pages.items_field),
    );
    let stream_doc = doc_attrs(Some(&format!(
        "Every item of [`{0}`](Self::{0}), page after page: a stream that fetches each page\n\
         when it is reached.\n\n\
         It starts at `query.{1}` (1 when unset) and ends after the last page: the one the\n\
         envelope's `result_info` says is the last, or else the first page that is empty or\n\
         shorter than the first one.",
        endpoint.name, pages.page_param,
    )));
    let stream_args = args.iter().map(|arg| {
        if arg.to_string() == "query" {
            quote!(&query)
        } else {
            arg.clone()
        }
    });
    module_items.extend(quote! {
        fn #request_fn(#(#params),*) -> #api_request {
            #request
        }
    });
    let methods = quote! {
        #doc
        pub fn #name(&self, #(#params),*) -> #call<#response> {
            #private::call(#client, #request_fn(#(#args),*))
        }

        #stream_doc
        pub fn #stream(&self, #(#params),*) -> #pages_type<#item> {
            let mut query = query.clone();
            let first_page = query.#page_param.take().unwrap_or(1);
            let request = #request_fn(#(#stream_args),*);
            #private::pages(#client, request, #page_wire, first_page, |page: #response| page.#items_field)
        }
    };
    EndpointItems {
        methods,
        module_items,
    }
}

/// The method's doc: the spec's doc, the HTTP route, one line per argument, an example.
fn method_doc(endpoint: &Endpoint, context: &Context<'_>, paths: &Paths<'_>) -> String {
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
    if !endpoint.errors.is_empty() {
        doc.push_str(&format!(
            "\n\n# Errors\n\nFails with [`Error`]({}::Error) when the call does not succeed; the API declares:\n",
            paths.root
        ));
        for (status, meaning) in &endpoint.errors {
            doc.push_str(&format!("\n- `{status}`: {meaning}"));
        }
    }
    if let Some(sdk) = &context.options.doc_examples {
        doc.push_str("\n\n");
        doc.push_str(&super::example::example_doc(context.types, endpoint, sdk));
    }
    doc.trim().to_owned()
}
