//! Names that resolve accepts one by one but that would clash in the generated code:
//! with the names it imports and re-exports, with the client's own methods, with the
//! arguments and locals of endpoint methods, or with each other across namespaces.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use super::locate::Declarations;
use crate::diagnostic::{Diagnostic, Location, SourceFile};
use crate::model::Api;
use crate::naming;
use crate::spec::SpecFile;

/// Names a spec type cannot take: the generated code uses them unqualified (std prelude,
/// serde and serde_json items, runtime items imported by `types.rs` and `api.rs`), or the
/// SDK crate re-exports them at its root, where a spec type would be hidden.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    // std prelude and derives
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Eq",
    "Err",
    "From",
    "Hash",
    "Into",
    "None",
    "Ok",
    "Option",
    "PartialEq",
    "Result",
    "ResultInfo",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "Vec",
    "BTreeMap",
    // serde and serde_json
    "Deserialize",
    "Deserializer",
    "Map",
    "Number",
    "Serialize",
    "Serializer",
    "Value",
    // the runtime, as imported by generated modules and re-exported by the crate
    "ApiError",
    "ApiErrorKind",
    "ApiMessage",
    "ApiRequest",
    "Call",
    "ResponseValue",
    "Text",
    "Binary",
    "Client",
    "ClientBuilder",
    "DateTime",
    "DecodeError",
    "Error",
    "ErrorCode",
    "HeaderMap",
    "Method",
    "Pages",
    "ParseDateTimeError",
    "ParseEnumError",
    "RedirectError",
    "RedirectReason",
    "Response",
    "StatusCode",
    "UnknownEnumValue",
    "UnknownValue",
    "UnknownVariant",
    "WithResponse",
];

pub use crate::naming::CLIENT_METHODS;
use crate::naming::{FIXED_FEATURES, ROOT_MODULES};

/// Rust names an endpoint's parameter cannot take: the generated method's other arguments
/// (`body`, `query`) and its locals.
pub const RESERVED_PARAMETERS: &[&str] = &["body", "query", "request", "first_page"];

/// Namespace segments that would shadow a crate the generated code imports from.
pub const RESERVED_NAMESPACES: &[&str] = &["alloc", "core", "serde", "serde_json", "std"];

/// Every name clash in `api`.
pub fn check(
    files: &[(SourceFile, SpecFile)],
    api: &Api,
    declarations: &Declarations,
) -> Vec<Diagnostic> {
    let mut diagnostics = variant_struct_names(files);
    diagnostics.extend(reserved_type_names(api, declarations));
    diagnostics.extend(parameter_names(api, declarations));
    diagnostics.extend(namespaces(api, declarations));
    diagnostics.extend(type_modules(api, declarations));
    diagnostics.extend(generated_endpoint_items(api, declarations));
    diagnostics.extend(union_constructors(api, declarations));
    diagnostics
}

/// Methods every generated union has besides one constructor per variant.
const UNION_METHODS: &[&str] = &["kind"];

/// A union's constructor per variant (`Element::rate`) is named after the variant in
/// `snake_case`; two variants whose names differ only in case, or a variant named like
/// another method of the union, would give two methods of one name.
fn union_constructors(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for def in &api.types {
        let crate::model::TypeKind::Union(union) = &def.kind else {
            continue;
        };
        let mut taken: BTreeMap<&str, &str> = BTreeMap::new();
        for variant in &union.variants {
            let method = variant.constructor.as_str();
            let clash = if UNION_METHODS.contains(&method) {
                format!("every union has a `{method}` method")
            } else if let Some(first) = taken.insert(method, &variant.wire) {
                format!("so is variant `{first}`")
            } else {
                continue;
            };
            let Some(at) = declarations.types.get(&variant.struct_name) else {
                continue;
            };
            diagnostics.push(
                Diagnostic::error(format!(
                    "variant `{}` would be built by `{}::{method}`, but {clash}",
                    variant.wire, def.name
                ))
                .at(at.clone())
                .help("rename the variant's tag, or the variant it clashes with"),
            );
        }
    }
    diagnostics
}

/// The items an endpoint adds besides its method: a `{Method}Query` struct beside its
/// namespace handle (which must not meet a spec type or handle of that name), and a
/// `{method}_stream` method when paginated (which must not meet another endpoint's method).
fn generated_endpoint_items(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let taken_types: BTreeSet<String> = api
        .types
        .iter()
        .map(|def| def.name.clone())
        .chain(
            api.endpoints
                .iter()
                .flat_map(|e| e.namespace.iter().map(|s| s.to_upper_camel_case())),
        )
        .chain(RESERVED_TYPE_NAMES.iter().map(|name| (*name).to_owned()))
        .collect();
    let methods: BTreeSet<(&[String], &str)> = api
        .endpoints
        .iter()
        .map(|e| (e.namespace.as_slice(), e.name.as_str()))
        .collect();
    let mut diagnostics = Vec::new();
    for endpoint in &api.endpoints {
        let dotted = dotted_name(&endpoint.namespace, &endpoint.name);
        let Some(at) = declarations.endpoints.get(&dotted) else {
            continue;
        };
        if let Some(query) = endpoint
            .query_struct
            .as_ref()
            .filter(|q| taken_types.contains(*q))
        {
            diagnostics.push(
                Diagnostic::error(format!(
                    "endpoint `{dotted}` has query parameters, so it gets a `{query}` struct; that name is already taken"
                ))
                .at(at.clone())
                .help(format!("rename the endpoint, or the type or namespace named `{query}`")),
            );
        }
        let stream = crate::naming::stream_method(&endpoint.name);
        if endpoint.pages.is_some()
            && methods.contains(&(endpoint.namespace.as_slice(), stream.as_str()))
        {
            diagnostics.push(
                Diagnostic::error(format!(
                    "endpoint `{dotted}` is paginated, so it gets a `{stream}` method, which another endpoint of its namespace already is"
                ))
                .at(at.clone())
                .help(format!("rename `{}`", dotted_name(&endpoint.namespace, &stream))),
            );
        }
    }
    diagnostics
}

/// A union variant's `name:` becomes a struct name, so it must be one.
fn variant_struct_names(files: &[(SourceFile, SpecFile)]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (file, spec) in files {
        for decl in spec.types.values() {
            let Some(union) = &decl.union else { continue };
            for variant in union.value.variants.values() {
                let Some(name) = &variant.value.name else {
                    continue;
                };
                if naming::is_type_name(&name.value) {
                    continue;
                }
                let message = format!("`{}` is not a valid type name", name.value);
                let location = Location::from_saphyr(file, &name.referenced);
                diagnostics.push(super::invalid_name(
                    &message,
                    &name.value,
                    super::NameKind::Type,
                    location,
                    None,
                ));
            }
        }
    }
    diagnostics
}

fn reserved_type_names(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    api.types
        .iter()
        .filter(|def| {
            def.module.is_empty() && RESERVED_TYPE_NAMES.contains(&def.rust_name.as_str())
        })
        .filter_map(|def| {
            let site = declarations.type_site(&def.name)?;
            Some(
                Diagnostic::error(format!(
                    "the type name `{}` is reserved: the generated code uses it for its own `{0}`",
                    def.name
                ))
                .at(site)
                .help(format!("rename the type, e.g. `Api{}`", def.name)),
            )
        })
        .collect()
}

/// Path parameters become arguments of the endpoint method, beside `body` and `query`.
fn parameter_names(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for endpoint in &api.endpoints {
        let dotted = dotted_name(&endpoint.namespace, &endpoint.name);
        for param in &endpoint.path_params {
            let name = param.rust_name.as_str();
            if !RESERVED_PARAMETERS.contains(&name) {
                continue;
            }
            let key = (dotted.clone(), param.wire_name.clone());
            let Some(site) = declarations.path_params.get(&key) else {
                continue;
            };
            diagnostics.push(
                Diagnostic::error(format!(
                    "the path parameter `{}` has the Rust name `{name}`, which the generated method uses itself",
                    param.wire_name
                ))
                .at(site.clone())
                .help(format!(
                    "give it another Rust name: `{}: {{ type: string, rust: {name}_id }}`",
                    param.wire_name
                )),
            );
        }
    }
    diagnostics
}

/// What one namespace holds: its methods and its child namespaces, each with the endpoint
/// that introduced it.
#[derive(Default)]
struct Level {
    methods: BTreeMap<String, String>,
    children: BTreeMap<String, String>,
}

/// A type's `module` makes a namespace module even without endpoints: its segments take
/// no name the crate already has (the reasons are said where endpoints make them).
fn type_modules(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for def in &api.types {
        let clash = def.module.iter().enumerate().find_map(|(depth, segment)| {
            let top = depth == 0;
            let what = if RESERVED_NAMESPACES.contains(&segment.as_str()) {
                "the name of a crate the generated code uses"
            } else if top && ROOT_MODULES.contains(&segment.as_str()) {
                "a module the crate's root has already"
            } else if top && FIXED_FEATURES.contains(&segment.as_str()) {
                "a cargo feature the generator writes itself"
            } else {
                return None;
            };
            Some((segment, what))
        });
        let (Some((segment, what)), Some(at)) = (clash, declarations.types.get(&def.name)) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::error(format!(
                "type `{}` is placed in the module `{}`, but `{segment}` is {what}",
                def.name,
                def.module.join(".")
            ))
            .at(at.clone())
            .help("place it in another namespace, or at the root"),
        );
    }
    diagnostics
}

/// Method and namespace names: unique within a namespace, clear of the client's own
/// methods at the root, and handle types that do not clash with imported names.
fn namespaces(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let mut levels: BTreeMap<Vec<String>, Level> = BTreeMap::new();
    for endpoint in &api.endpoints {
        let dotted = dotted_name(&endpoint.namespace, &endpoint.name);
        for depth in 0..endpoint.namespace.len() {
            levels
                .entry(endpoint.namespace[..depth].to_vec())
                .or_default()
                .children
                .entry(endpoint.namespace[depth].clone())
                .or_insert_with(|| dotted.clone());
        }
        levels
            .entry(endpoint.namespace.clone())
            .or_default()
            .methods
            .entry(endpoint.name.clone())
            .or_insert_with(|| dotted.clone());
    }
    // A handle lives in its namespace's module, beside the types placed there.
    let module_types: BTreeSet<(&[String], &str)> = api
        .types
        .iter()
        .map(|def| (def.module.as_slice(), def.rust_name.as_str()))
        .collect();
    let site = |endpoint: &str| declarations.endpoints.get(endpoint).cloned();
    let mut diagnostics = Vec::new();
    for (path, level) in &levels {
        for (method, endpoint) in &level.methods {
            if level.children.contains_key(method) {
                let namespace = dotted_name(path, method);
                diagnostics.extend(site(endpoint).map(|at| {
                    Diagnostic::error(format!(
                        "endpoint `{endpoint}` is also the namespace `{namespace}`; one name cannot be both a method and a namespace"
                    ))
                    .at(at)
                    .help("rename the endpoint or the namespace")
                }));
            }
        }
        let names = level.methods.iter().chain(&level.children);
        for (name, endpoint) in names {
            if path.is_empty() && CLIENT_METHODS.contains(&name.as_str()) {
                diagnostics.extend(site(endpoint).map(|at| {
                    Diagnostic::error(format!(
                        "`{name}` in endpoint `{endpoint}` would become `Client::{name}`, which the client already has"
                    ))
                    .at(at)
                    .help("put the endpoint under a namespace, or rename it")
                }));
            }
        }
        for (segment, endpoint) in &level.children {
            let handle = segment.to_upper_camel_case();
            let top = path.is_empty();
            let clash = if RESERVED_NAMESPACES.contains(&segment.as_str()) {
                Some(format!(
                    "the namespace `{segment}` would hide the crate `{segment}` from the generated code"
                ))
            } else if top && ROOT_MODULES.contains(&segment.as_str()) {
                Some(format!(
                    "the namespace `{segment}` would be the module `{segment}` of the crate's root, which the crate has already"
                ))
            } else if top && FIXED_FEATURES.contains(&segment.as_str()) {
                Some(format!(
                    "the namespace `{segment}` would be the cargo feature `{segment}`, which the generator writes itself"
                ))
            } else if module_types.contains(&(
                [path.as_slice(), std::slice::from_ref(segment)]
                    .concat()
                    .as_slice(),
                handle.as_str(),
            )) {
                Some(format!(
                    "the namespace `{segment}` gets the handle type `{handle}`, which is also the name of a type placed in its module"
                ))
            } else if RESERVED_TYPE_NAMES.contains(&handle.as_str()) {
                Some(format!(
                    "the namespace `{segment}` gets the handle type `{handle}`, a name the generated code uses itself"
                ))
            } else {
                None
            };
            if let Some(message) = clash {
                diagnostics.extend(site(endpoint).map(|at| {
                    let at = at.narrowed_to(segment);
                    Diagnostic::error(message)
                        .at(at)
                        .help("rename the namespace")
                }));
            }
        }
    }
    diagnostics
}

/// `ai_gateway.logs.list`, as the spec names an endpoint.
pub(super) fn dotted_name(namespace: &[String], name: &str) -> String {
    namespace
        .iter()
        .map(String::as_str)
        .chain([name])
        .collect::<Vec<_>>()
        .join(".")
}
