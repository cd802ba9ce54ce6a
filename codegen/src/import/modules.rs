//! Where imported types live: a type only one product (top-level namespace) uses goes into
//! that product's module, its name without the product prefix the document gives it
//! (`workers-kv_namespace` → `kv::Namespace`); a type several products share stays at the
//! crate's root, where the generator compiles it only for the features that use it.

use std::collections::{BTreeSet, HashMap, HashSet};

use heck::ToUpperCamelCase;

use super::operations::Endpoint;
use super::shapes::{Hint, Kind, ShapeId, Shapes};
use crate::validate::RESERVED_TYPE_NAMES;

/// A type's module and its Rust name there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    pub module: String,
    pub rust: String,
}

/// The placement of every shape in `movable` that the endpoints of exactly one product
/// reach; `names` are the spec names (unique in the crate). A shape keeps its spec name as
/// its Rust name when the short one is taken in its module.
pub fn placements(
    shapes: &Shapes,
    endpoints: &[&Endpoint],
    names: &HashMap<ShapeId, String>,
    movable: &HashSet<ShapeId>,
) -> HashMap<ShapeId, Placement> {
    let mut products: HashMap<ShapeId, BTreeSet<&str>> = HashMap::new();
    for endpoint in endpoints {
        let Some(product) = endpoint.name.first() else {
            continue;
        };
        for id in reached(shapes, endpoint) {
            products.entry(id).or_default().insert(product.as_str());
        }
    }
    // What a module already names: its handle and the query structs of its own methods.
    let mut taken: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for endpoint in endpoints {
        let Some(product) = endpoint.name.first() else {
            continue;
        };
        let module = taken.entry(product.as_str()).or_insert_with(|| {
            RESERVED_TYPE_NAMES
                .iter()
                .map(|s| (*s).to_owned())
                .chain([product.to_upper_camel_case()])
                .collect()
        });
        if endpoint.name.len() == 2 && !endpoint.query.is_empty() {
            module.insert(crate::naming::query_struct(&endpoint.name[1]));
        }
    }
    let mut ids: Vec<ShapeId> = products
        .iter()
        .filter(|(id, products)| products.len() == 1 && movable.contains(id))
        .map(|(id, _)| *id)
        .collect();
    ids.sort_unstable();
    // Every spec name stays free for its own type, should its short name be taken.
    for id in &ids {
        if let (Some(name), Some(product)) = (names.get(id), products[id].first()) {
            taken.entry(product).or_default().insert(name.clone());
        }
    }
    let mut placements = HashMap::new();
    for id in ids {
        let (Some(name), Some(product)) = (names.get(&id), products[&id].first()) else {
            continue;
        };
        let module_taken = taken.entry(product).or_default();
        let short = short_name(shapes, id, name, product);
        let rust = match short {
            Some(short) if !module_taken.contains(&short) => {
                module_taken.insert(short.clone());
                short
            }
            _ => name.clone(),
        };
        placements.insert(
            id,
            Placement {
                module: (*product).to_owned(),
                rust,
            },
        );
    }
    placements
}

/// Every named shape an endpoint's body, response and query parameters reach.
fn reached(shapes: &Shapes, endpoint: &Endpoint) -> HashSet<ShapeId> {
    let mut seen = HashSet::new();
    let mut stack: Vec<_> = endpoint
        .body
        .iter()
        .map(|body| &body.ty)
        .chain([&endpoint.response])
        .chain(endpoint.query.iter().map(|p| &p.ty))
        .chain(endpoint.headers.iter().map(|p| &p.ty))
        .map(|ty| shapes.current_ty(ty))
        .collect();
    while let Some(ty) = stack.pop() {
        let Some(id) = ty.named() else { continue };
        if seen.insert(id) {
            stack.extend(shapes.current_kind(id).children());
        }
    }
    seen
}

/// The name without what its product already says: for a component named
/// `{prefix}_{rest}` (`workers-kv_namespace`), `rest` (`Namespace`); for a name that
/// starts with the product's (`KvNamespacesListResponse` in `kv`), the rest. A union keeps
/// its name: its variant structs are named after it.
fn short_name(shapes: &Shapes, id: ShapeId, name: &str, product: &str) -> Option<String> {
    if matches!(shapes.current_kind(id), Kind::Union { .. }) {
        return None;
    }
    let from_component = shapes
        .current_uses(id)
        .into_iter()
        .find_map(|u| match u.hint {
            // The component's name, or that name with a word that keeps it from a handle
            // (`PagesProjectsObject` for `pages_projects`).
            Hint::Component(component) if name.starts_with(&component.to_upper_camel_case()) => {
                component
                    .split_once('_')
                    .map(|(_, rest)| rest.to_upper_camel_case())
            }
            _ => None,
        });
    let short = from_component.or_else(|| {
        name.strip_prefix(&product.to_upper_camel_case())
            .map(str::to_owned)
    })?;
    let readable =
        short.starts_with(|c: char| c.is_ascii_uppercase()) && short.len() > 1 && short != "Self";
    readable.then_some(short)
}
