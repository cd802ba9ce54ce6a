//! What the emitter makes of model items, as the user of the generated crate sees it:
//! Rust types of fields and arguments, and the paths of items. It restates the rules of
//! `emit/types.rs` and `emit/endpoints.rs` in words a message can quote; the compile-proof
//! tests (`codegen/tests/diff_proof.rs`) check them against the generated code.

use heck::ToUpperCamelCase;

use crate::emit;
use crate::model::{Api, Body, BodyContent, Endpoint, Field, Response, ResponseContent, TypeRef};
use crate::naming;

/// The Rust type of a type reference, as the generated code spells it.
pub fn type_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Integer => "i64".to_owned(),
        TypeRef::Number => "Number".to_owned(),
        TypeRef::Boolean => "bool".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Binary => "Binary".to_owned(),
        TypeRef::Any => "Value".to_owned(),
        TypeRef::List(item) => format!("Vec<{}>", type_name(item)),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", type_name(value)),
        TypeRef::Nullable(inner) => format!("Option<{}>", type_name(inner)),
        TypeRef::Named(name) => name.clone(),
    }
}

/// The Rust type of a method's body argument: `&Route`, `&Binary`, `&[Record]`.
pub fn body_argument(body: &Body) -> String {
    match (&body.ty, body.content) {
        (TypeRef::List(item), BodyContent::Ndjson | BodyContent::Json) => {
            format!("&[{}]", type_name(item))
        }
        (TypeRef::String, _) => "&str".to_owned(),
        (ty, _) => format!("&{}", type_name(ty)),
    }
}

/// How a body goes over the wire, in words.
pub fn body_encoding(body: &Body) -> String {
    match body.content {
        BodyContent::Json => "JSON".to_owned(),
        BodyContent::Multipart => "a multipart form".to_owned(),
        BodyContent::Ndjson => "NDJSON".to_owned(),
        BodyContent::Bytes => format!(
            "bytes ({})",
            body.media_type
                .as_deref()
                .unwrap_or("application/octet-stream")
        ),
    }
}

/// What a method's call resolves to: the payload's type, or `Binary`/`Text`.
pub fn response_type(response: &Response) -> String {
    match response.content {
        ResponseContent::Json => type_name(&response.ty),
        ResponseContent::Bytes => "Binary".to_owned(),
        ResponseContent::Text => "Text".to_owned(),
        ResponseContent::None => "()".to_owned(),
    }
}

/// A field's Rust type: `Option` where it may be absent, and again where it may be `null`
/// (`any` already holds `null`, so only absence adds an `Option` to it).
pub fn field_type(field: &Field) -> String {
    let ty = type_name(&field.ty);
    let ty = if field.boxed {
        format!("Box<{ty}>")
    } else {
        ty
    };
    let nullable = field.nullable && field.ty != TypeRef::Any;
    match (field.optional, nullable) {
        (false, false) => ty,
        (true, true) => format!("Option<Option<{ty}>>"),
        _ => format!("Option<{ty}>"),
    }
}

/// The type of the argument that sets a field, in `new` (required fields) or in its
/// `with_*` setter (optional ones), as `emit/constructors.rs` writes it: `impl Into<…>`
/// for strings, numbers, `any`, unions and structs built from text; `impl IntoIterator`
/// for lists and maps; the field's own type otherwise (nullable ones included).
pub fn argument_type(field: &Field, api: &Api) -> String {
    // Arguments take the value; a boxed field boxes it itself.
    let set = Field {
        optional: false,
        boxed: false,
        ..field.clone()
    };
    let ty = field_type(&set);
    if field.nullable && field.ty != TypeRef::Any {
        return ty;
    }
    match &field.ty {
        TypeRef::String | TypeRef::Number | TypeRef::Any | TypeRef::Binary => {
            format!("impl Into<{ty}>")
        }
        TypeRef::Named(name) if emit::converts_into_named(name, api) => format!("impl Into<{ty}>"),
        TypeRef::List(item) => format!("impl IntoIterator<Item = {}>", type_name(item)),
        TypeRef::Map(value) => format!("impl IntoIterator<Item = (String, {})>", type_name(value)),
        _ => ty,
    }
}

/// The setter of an optional field: `with_limit`.
pub fn setter(field: &Field) -> String {
    format!("with_{}", field.rust_name.trim_start_matches("r#"))
}

/// Paths of items in the generated crate named `crate_name`.
#[derive(Clone, Debug)]
pub struct Paths {
    pub crate_name: String,
    /// Where each spec type is in Rust, below the crate: `kv::Namespace` for `KvNamespace`;
    /// a type without a `module` is re-exported at the crate's root as its Rust name.
    pub types: std::collections::BTreeMap<String, String>,
}

impl Paths {
    /// Paths in the crate `crate_name` generated from `new`, falling back on `old` for the
    /// types only it has.
    pub fn new(crate_name: &str, old: &Api, new: &Api) -> Self {
        let mut types = std::collections::BTreeMap::new();
        for def in old.types.iter().chain(&new.types) {
            let mut path: Vec<&str> = def.module.iter().map(String::as_str).collect();
            path.push(&def.rust_name);
            types.insert(def.name.clone(), path.join("::"));
        }
        Self {
            crate_name: crate_name.to_owned(),
            types,
        }
    }

    /// `cloudflare_sdk::RateProperties`, `cloudflare_sdk::kv::Namespace`.
    pub fn type_path(&self, name: &str) -> String {
        let path = self.types.get(name).map_or(name, String::as_str);
        format!("{}::{path}", self.crate_name)
    }

    /// The module of an endpoint's items: `cloudflare_sdk::ai_gateway::dynamic_routing`.
    pub fn module(&self, endpoint: &Endpoint) -> String {
        let mut path = self.crate_name.clone();
        for segment in &endpoint.namespace {
            path.push_str("::");
            path.push_str(segment);
        }
        path
    }

    /// The handle type the endpoint's method is on: `…::dynamic_routing::DynamicRouting`,
    /// or `cloudflare_sdk::Client` at the root.
    pub fn handle(&self, endpoint: &Endpoint) -> String {
        match endpoint.namespace.last() {
            Some(last) => format!("{}::{}", self.module(endpoint), last.to_upper_camel_case()),
            None => format!("{}::Client", self.crate_name),
        }
    }

    /// The endpoint's method: `…::DynamicRouting::create_version`.
    pub fn method(&self, endpoint: &Endpoint) -> String {
        format!("{}::{}", self.handle(endpoint), endpoint.name)
    }

    /// The endpoint's stream method, for paginated endpoints: `…::DynamicRouting::list_stream`.
    pub fn stream_method(&self, endpoint: &Endpoint) -> String {
        format!(
            "{}::{}",
            self.handle(endpoint),
            naming::stream_method(&endpoint.name)
        )
    }

    /// The endpoint's query struct, when it has one: `…::dynamic_routing::ListQuery`.
    pub fn query_struct(&self, endpoint: &Endpoint) -> Option<String> {
        let name = endpoint.query_struct.as_ref()?;
        Some(format!("{}::{name}", self.module(endpoint)))
    }
}

/// How a user calls an endpoint: `client.ai_gateway().dynamic_routing().list(…)`.
pub fn call(endpoint: &Endpoint) -> String {
    let mut call = "client".to_owned();
    for segment in &endpoint.namespace {
        call.push_str(&format!(".{segment}()"));
    }
    format!("{call}.{}(…)", endpoint.name)
}

/// An endpoint's method with its path from the client, as messages name it so that a
/// reader of a whole-API diff can find it: `kv().namespaces().list` (`list` at the root).
pub fn method_path(endpoint: &Endpoint) -> String {
    path_to(endpoint, &endpoint.name)
}

/// [`method_path`] of a paginated endpoint's stream method: `kv().namespaces().list_stream`.
pub fn stream_path(endpoint: &Endpoint) -> String {
    path_to(endpoint, &naming::stream_method(&endpoint.name))
}

fn path_to(endpoint: &Endpoint, method: &str) -> String {
    let mut path: String = endpoint
        .namespace
        .iter()
        .map(|segment| format!("{segment}()."))
        .collect();
    path.push_str(method);
    path
}

/// The dotted name of an endpoint, as written in the spec: `ai_gateway.dynamic_routing.list`.
pub fn dotted(endpoint: &Endpoint) -> String {
    let mut name = endpoint.namespace.join(".");
    if !name.is_empty() {
        name.push('.');
    }
    name.push_str(&endpoint.name);
    name
}
