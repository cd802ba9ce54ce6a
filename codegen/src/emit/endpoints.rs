//! Emits the namespace modules: the `api` module with the SDK's `Client`, and one module
//! per namespace (`client.ai_gateway().dynamic_routing()`) with its handle, one method per
//! endpoint (each building a request for the runtime to send), and the types placed there.

use std::collections::BTreeSet;
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client::{emit_client_methods, emit_client_struct};
use super::imports::{Imports, Placements};
use super::namespaces::{Namespace, feature_name};
use super::{
    Options, Paths, TypeIndex, ident, path_tokens, root_path, rust_type, written_doc_attrs,
};
use crate::model::{Body, BodyContent, Endpoint, Field, ResponseContent, TypeKind, TypeRef};

/// What every emitter of a namespace module needs to know.
pub(super) struct Context<'a> {
    pub types: &'a TypeIndex<'a>,
    pub options: &'a Options,
    pub placements: Arc<Placements>,
    /// Whether top-level namespaces are behind cargo features.
    pub features: bool,
}

impl Context<'_> {
    /// How a namespace's module names things. The root namespace is the `api` module, one
    /// level below the SDK's root; every other namespace's module is as deep as its path
    /// (the top-level ones are modules of the crate's root).
    fn paths(&self, namespace: &Namespace<'_>) -> Paths<'_> {
        Paths {
            runtime: &self.options.runtime,
            root: root_path(&self.options.layout, namespace.path.len().max(1)),
        }
    }

    /// `#[cfg(feature = "…")]` for an item of the top-level namespace `segment`.
    pub fn feature_gate_for(&self, segment: &str) -> Option<TokenStream> {
        self.features.then(|| {
            let feature = feature_name(segment);
            quote!(#[cfg(feature = #feature)])
        })
    }
}

/// The items of one namespace's module: its handle, its methods, the types placed in it,
/// and its children's modules (for the root, the `api` module, the children are the
/// crate's top-level modules and are emitted on their own).
pub(super) fn emit_namespace_items(
    namespace: &Namespace<'_>,
    context: &Context<'_>,
) -> TokenStream {
    let paths = context.paths(namespace);
    let is_root = namespace.path.is_empty();
    let mut local: BTreeSet<String> = namespace
        .types
        .iter()
        .map(|def| def.rust_name.clone())
        .chain(
            namespace
                .endpoints
                .iter()
                .filter_map(|e| e.query_struct.clone()),
        )
        .collect();
    local.insert(namespace.handle_name());
    if is_root {
        local.insert("ClientBuilder".to_owned());
    }
    let mut imports = Imports::new(
        &paths,
        Arc::clone(&context.placements),
        Some(namespace.path.clone()),
        local,
    );
    let runtime = path_tokens(paths.runtime);
    let runtime_client = quote!(#runtime::Client);
    let handle = ident(&namespace.handle_name());
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
        let module = ident(child.module_name());
        // Top-level namespaces are modules of the crate's root, reached from `api`.
        let module_path = if is_root {
            let root = path_tokens(&paths.root);
            quote!(#root::#module)
        } else {
            quote!(#module)
        };
        let gate = if is_root {
            context.feature_gate_for(child.module_name())
        } else {
            None
        };
        let child_handle = ident(&child.handle_name());
        let doc = format!(" Operations under `{}`.", child.dotted());
        quote! {
            #[doc = #doc]
            #gate
            pub fn #module(&self) -> #module_path::#child_handle<#lifetime> {
                #module_path::#child_handle { client: #client_expr }
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
    let types: Vec<TokenStream> = namespace
        .types
        .iter()
        .map(|def| super::types::emit_type(def, context.types, &mut imports))
        .collect();
    let impl_header = match (is_root, namespace.children.is_empty()) {
        (true, _) => quote!(impl Client),
        // Accessors hand the borrowed client on, so they name its lifetime.
        (false, false) => quote!(impl<'a> #handle<'a>),
        (false, true) => quote!(impl #handle<'_>),
    };
    let children: Vec<TokenStream> = if is_root {
        Vec::new()
    } else {
        namespace
            .children
            .iter()
            .map(|child| {
                let module = ident(child.module_name());
                let doc = format!(" Operations under `{}`.", child.dotted());
                let items = emit_namespace_items(child, context);
                quote! {
                    #[doc = #doc]
                    pub mod #module { #items }
                }
            })
            .collect()
    };
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
        #(#types)*
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
    let response = match endpoint.response.content {
        ResponseContent::Json => rust_type(&endpoint.response.ty, imports),
        ResponseContent::Bytes => imports.runtime("Binary"),
        ResponseContent::Text => imports.runtime("Text"),
        ResponseContent::None => quote!(()),
    };
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
    let parameters_name = crate::naming::parameters_argument(
        !endpoint.query_params.is_empty(),
        !endpoint.header_params.is_empty(),
    );
    let parameters = ident(parameters_name);
    if let Some(query_name) = &endpoint.query_struct {
        let what = if endpoint.header_params.is_empty() {
            "Query parameters"
        } else if endpoint.query_params.is_empty() {
            "Header parameters"
        } else {
            "Query and header parameters"
        };
        let doc = format!(" {what} of [`{handle}::{}`].", endpoint.name);
        let fields: Vec<_> = endpoint
            .query_params
            .iter()
            .chain(&endpoint.header_params)
            .cloned()
            .collect();
        module_items.extend(super::types::emit_query_struct(
            query_name,
            &doc,
            &fields,
            context.types,
            imports,
        ));
        let query_type = ident(query_name);
        params.push(quote!(#parameters: &#query_type));
        args.push(quote!(#parameters));
        for field in &endpoint.query_params {
            let (wire, field_name) = (&field.wire_name, ident(&field.rust_name));
            // A list is sent as the parameter repeated, once per value.
            let step = match (matches!(field.ty, TypeRef::List(_)), field.optional) {
                (false, true) => quote!(.query(#wire, #parameters.#field_name.as_ref())),
                (false, false) => quote!(.query(#wire, Some(&#parameters.#field_name))),
                (true, true) => {
                    quote!(.query_each(#wire, #parameters.#field_name.iter().flatten()))
                }
                (true, false) => quote!(.query_each(#wire, &#parameters.#field_name)),
            };
            steps.push(step);
        }
        for field in &endpoint.header_params {
            let (wire, field_name) = (&field.wire_name, ident(&field.rust_name));
            steps.push(if field.optional {
                quote!(.header(#wire, #parameters.#field_name.as_ref()))
            } else {
                quote!(.header(#wire, Some(&#parameters.#field_name)))
            });
        }
    }
    if let Some(body) = &endpoint.body {
        let (param, step) = emit_body(body, context, imports);
        params.push(param);
        args.push(quote!(body));
        steps.push(step);
    }
    let envelope_step = match endpoint.response.content {
        ResponseContent::Json if envelope.is_empty() => Some(quote!(.whole_body())),
        ResponseContent::Json => Some(quote!(.envelope(#envelope))),
        ResponseContent::None => Some(quote!(.no_content())),
        ResponseContent::Bytes | ResponseContent::Text => None,
    };
    let request = quote! {
        #api_request::new(#method_type::#http_method, #path) #(#steps)* #envelope_step
    };
    let doc = written_doc_attrs(&method_doc(endpoint, context, site.paths));
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
    let (page_param, page_wire) = (ident(&pages.page_param), &pages.page_wire);
    let items = match &pages.items_field {
        Some(field) => {
            let field = ident(field);
            quote!(page.#field)
        }
        None => quote!(page),
    };
    let stream_doc = written_doc_attrs(&format!(
        "Every item of [`{0}`](Self::{0}), page after page: a stream that fetches each page\n\
         when it is reached.\n\n\
         It starts at `{2}.{1}` (1 when unset) and ends after the last page: the one the\n\
         envelope's `result_info` says is the last, or else the first page that is empty or\n\
         shorter than the first one.",
        endpoint.name, pages.page_param, parameters_name,
    ));
    let stream_args = args.iter().map(|arg| {
        if arg.to_string() == parameters_name {
            quote!(&#parameters)
        } else {
            arg.clone()
        }
    });
    module_items.extend(quote! {
        fn #request_fn(#(#params),*) -> #api_request {
            #request
        }
    });
    // The stream method is `#[inline]` so that it is compiled only in crates that call it:
    // a non-generic method is compiled where it is defined, and this one instantiates the
    // whole decoding of the page type (for every deserializer the runtime uses): in the
    // AI Gateway crate, its one stream method was 88% of the crate's LLVM IR, paid by
    // users who never walk pages. `Call`-returning methods decode nothing until awaited,
    // so their decoding is compiled in the caller's crate already.
    let methods = quote! {
        #doc
        pub fn #name(&self, #(#params),*) -> #call<#response> {
            #private::call(#client, #request_fn(#(#args),*))
        }

        #stream_doc
        #[inline]
        pub fn #stream(&self, #(#params),*) -> #pages_type<#item> {
            let mut #parameters = #parameters.clone();
            let first_page = #parameters.#page_param.take().unwrap_or(1);
            let request = #request_fn(#(#stream_args),*);
            #private::pages(#client, request, #page_wire, first_page, |page: #response| #items)
        }
    };
    EndpointItems {
        methods,
        module_items,
    }
}

/// The method's body parameter, and the request step that sends it.
fn emit_body(
    body: &Body,
    context: &Context<'_>,
    imports: &mut Imports,
) -> (TokenStream, TokenStream) {
    match (body.content, &body.ty) {
        (BodyContent::Ndjson, TypeRef::List(item)) => {
            let item = rust_type(item, imports);
            (quote!(body: &[#item]), quote!(.ndjson_body(body)))
        }
        (BodyContent::Bytes, ty) => {
            let ty = rust_type(ty, imports);
            let media_type = body
                .media_type
                .as_deref()
                .unwrap_or("application/octet-stream");
            (quote!(body: &#ty), quote!(.bytes_body(body, #media_type)))
        }
        (BodyContent::Multipart, ty) => {
            let rust = rust_type(ty, imports);
            let fields = match ty {
                TypeRef::Named(name) => match context.types.get(name).map(|def| &def.kind) {
                    Some(TypeKind::Struct(shape)) => shape.fields.as_slice(),
                    _ => &[],
                },
                _ => &[],
            };
            let private = imports.runtime_private();
            let parts = fields.iter().map(form_part);
            let form = quote! {{
                let mut form = #private::Multipart::new();
                #(#parts)*
                form
            }};
            (quote!(body: &#rust), quote!(.multipart_body(#form)))
        }
        // A list is borrowed as a slice and a string as `&str`, as Rust APIs take them.
        (_, TypeRef::List(item)) => {
            let item = rust_type(item, imports);
            (quote!(body: &[#item]), quote!(.json_body(body)))
        }
        (_, TypeRef::String) => (quote!(body: &str), quote!(.json_body(body))),
        (_, ty) => {
            let ty = rust_type(ty, imports);
            (quote!(body: &#ty), quote!(.json_body(body)))
        }
    }
}

/// One field of a multipart body as its parts: text for scalars, files for `binary`,
/// JSON for the rest; a map of files sends a part per entry, named by its key (the
/// field's own name is not sent); an absent optional field sends no part.
fn form_part(field: &Field) -> TokenStream {
    let (wire, name) = (&field.wire_name, ident(&field.rust_name));
    let add = |value: TokenStream| {
        if let Some(parts) = file_parts(&field.ty, &quote!(#wire), &value) {
            return parts;
        }
        if let TypeRef::Map(files) = &field.ty {
            let entry = match **files {
                TypeRef::Binary => quote!(file),
                _ => quote!(files),
            };
            if let Some(parts) = file_parts(files, &quote!(part.clone()), &entry) {
                return quote!(for (part, #entry) in #value { #parts });
            }
        }
        match &field.ty {
            TypeRef::String
            | TypeRef::Integer
            | TypeRef::Number
            | TypeRef::Boolean
            | TypeRef::DateTime => quote!(form.text(#wire, #value);),
            _ => quote!(form.json(#wire, #value);),
        }
    };
    if field.optional {
        let part = add(quote!(value));
        quote! {
            if let Some(value) = &body.#name {
                #part
            }
        }
    } else {
        add(quote!(&body.#name))
    }
}

/// The file parts named `part` of `value`, of type `ty`: one for a `binary`, one per file
/// of a `list<binary>`; `None` for any other type.
fn file_parts(ty: &TypeRef, part: &TokenStream, value: &TokenStream) -> Option<TokenStream> {
    match ty {
        TypeRef::Binary => Some(quote!(form.file(#part, #value);)),
        TypeRef::List(item) if **item == TypeRef::Binary => {
            Some(quote!(for file in #value { form.file(#part, file); }))
        }
        _ => None,
    }
}

/// The method's doc: the spec's doc (its code blocks shown as text, see
/// [`super::docs::inert`]), the HTTP route, one line per argument and declared error, and
/// a compiled example.
fn method_doc(endpoint: &Endpoint, context: &Context<'_>, paths: &Paths<'_>) -> String {
    let mut doc = endpoint
        .doc
        .as_deref()
        .map(super::docs::inert)
        .unwrap_or_default();
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
                p.doc
                    .as_deref()
                    .map_or("Path parameter.".to_owned(), one_line)
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
            doc.push_str(&format!("\n- `{status}`: {}", one_line(meaning)));
        }
    }
    if let Some(sdk) = &context.options.doc_examples {
        doc.push_str("\n\n");
        doc.push_str(&super::example::example_doc(context.types, endpoint, sdk));
    }
    doc.trim().to_owned()
}

/// A spec text as the one line of a list item: its lines joined, so that nothing in it
/// (a blank line, a fence, indentation) can end the item or start a code block.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
