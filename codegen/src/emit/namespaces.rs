//! The namespace tree: which endpoints and which placed types each namespace's module
//! holds. The root is the `api` module (the `Client`); each top-level namespace is a
//! module of the crate's root (and, in the crate layout, a file and a cargo feature).

use heck::{ToKebabCase, ToUpperCamelCase};

use crate::model::{Api, Endpoint, TypeDef};

/// One level of the namespace tree, with its endpoints, types and sub-namespaces in spec
/// order.
#[derive(Default)]
pub(super) struct Namespace<'a> {
    /// Segments from the root, e.g. `["ai_gateway", "dynamic_routing"]`.
    pub path: Vec<String>,
    pub endpoints: Vec<&'a Endpoint>,
    /// Types whose `module` is this namespace.
    pub types: Vec<&'a TypeDef>,
    pub children: Vec<Namespace<'a>>,
}

/// The tree of every endpoint and every type placed in a namespace.
pub(super) fn tree(api: &Api) -> Namespace<'_> {
    let mut root = Namespace::default();
    for endpoint in &api.endpoints {
        root.at(&endpoint.namespace).endpoints.push(endpoint);
    }
    for def in api.types.iter().filter(|def| !def.module.is_empty()) {
        root.at(&def.module).types.push(def);
    }
    root
}

impl<'a> Namespace<'a> {
    /// The namespace at `path` below this one, made if missing.
    fn at(&mut self, path: &[String]) -> &mut Namespace<'a> {
        let Some((segment, rest)) = path.split_first() else {
            return self;
        };
        let index = match self
            .children
            .iter()
            .position(|child| child.path.last() == Some(segment))
        {
            Some(index) => index,
            None => {
                let mut child_path = self.path.clone();
                child_path.push(segment.clone());
                self.children.push(Namespace {
                    path: child_path,
                    ..Namespace::default()
                });
                self.children.len() - 1
            }
        };
        self.children[index].at(rest)
    }

    /// The handle type: `Client` at the root, else the last segment in `UpperCamelCase`.
    pub fn handle_name(&self) -> String {
        self.path
            .last()
            .map_or_else(|| "Client".to_owned(), |s| s.to_upper_camel_case())
    }

    /// The module's name: the last segment.
    pub fn module_name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }

    /// `ai_gateway.dynamic_routing`.
    pub fn dotted(&self) -> String {
        self.path.join(".")
    }
}

/// The cargo feature of a top-level namespace: `ai_gateway` → `ai-gateway`.
pub fn feature_name(namespace: &str) -> String {
    namespace.to_kebab_case()
}
