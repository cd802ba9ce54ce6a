//! Where imported types live: a type only one product (top-level namespace) uses goes into
//! that product's module, its name without the product prefix the document gives it
//! (`workers-kv_namespace` → `kv::Namespace`); a type several products share stays at the
//! crate's root, where the generator compiles it only for the features that use it.

use std::collections::{BTreeSet, HashMap, HashSet};

use heck::ToUpperCamelCase;

use super::operations::Endpoint;
use super::shapes::{Hint, Kind, ShapeId, Shapes};
use crate::naming;
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
        // A method right under the product has its parameters struct in the module.
        if let [_, method] = endpoint.name.as_slice()
            && let Some(name) = crate::naming::parameters_struct(
                method,
                !endpoint.query.is_empty(),
                !endpoint.headers.is_empty(),
            )
        {
            module.insert(name);
        }
    }
    let mut ids: Vec<ShapeId> = products
        .iter()
        .filter(|(id, products)| products.len() == 1 && movable.contains(id))
        .map(|(id, _)| *id)
        .collect();
    ids.sort_unstable();
    // Every spec name stays free for its own type (and a union's variant structs), should
    // its short name be taken.
    for id in &ids {
        if let (Some(name), Some(product)) = (names.get(id), products[id].first()) {
            let module = taken.entry(product).or_default();
            module.insert(name.clone());
            let variants = variant_prefixes(shapes, *id);
            module.extend(variants.iter().map(|prefix| format!("{prefix}{name}")));
        }
    }
    let mut placer = Placer {
        shapes,
        names,
        products: &products,
        movable: &ids.iter().copied().collect(),
        taken,
        placements: HashMap::new(),
    };
    for id in ids {
        placer.place(id);
    }
    placer.placements
}

/// Places shapes one by one, each after the parent its name was made from.
struct Placer<'s> {
    shapes: &'s Shapes,
    names: &'s HashMap<ShapeId, String>,
    products: &'s HashMap<ShapeId, BTreeSet<&'s str>>,
    movable: &'s HashSet<ShapeId>,
    taken: HashMap<&'s str, BTreeSet<String>>,
    placements: HashMap<ShapeId, Placement>,
}

impl<'s> Placer<'s> {
    /// The placement of `id`, made now if it is not yet.
    fn place(&mut self, id: ShapeId) -> Option<Placement> {
        if let Some(placement) = self.placements.get(&id) {
            return Some(placement.clone());
        }
        let (Some(name), Some(&product)) = (
            self.names.get(&id),
            self.products.get(&id).and_then(BTreeSet::first),
        ) else {
            return None;
        };
        if !self.movable.contains(&id) {
            return None;
        }
        // A name made after its parent's (`WorkersKvSchemasResultData` after
        // `WorkersKvSchemasResult`) follows the parent's into the module (`SchemasResultData`).
        let shorts = match self.named_after_parent(id, name) {
            Some((parent, rest)) => match self.place(parent) {
                Some(placement)
                    if placement.module == product && placement.rust != self.names[&parent] =>
                {
                    vec![format!("{}{rest}", placement.rust)]
                }
                _ => short_names(self.shapes, id, name, product),
            },
            None => short_names(self.shapes, id, name, product),
        };
        // A union's variant structs are named after its Rust name (`BlockRulesCreateBody`
        // for `RulesCreateBody`): every one of them must be free as well.
        let variants = variant_prefixes(self.shapes, id);
        let module_taken = self.taken.entry(product).or_default();
        let free = |short: &String| {
            !module_taken.contains(short)
                && variants
                    .iter()
                    .all(|prefix| !module_taken.contains(&format!("{prefix}{short}")))
        };
        let rust = match shorts.into_iter().find(free) {
            Some(short) => {
                module_taken.insert(short.clone());
                for prefix in &variants {
                    module_taken.insert(format!("{prefix}{short}"));
                }
                short
            }
            None => name.clone(),
        };
        let placement = Placement {
            module: product.to_owned(),
            rust,
        };
        self.placements.insert(id, placement.clone());
        Some(placement)
    }

    /// The parent whose name `name` starts with, and the rest of it: the longest such
    /// parent's, of the uses of `id` that have a parent (not `id` itself).
    fn named_after_parent(&self, id: ShapeId, name: &str) -> Option<(ShapeId, String)> {
        self.shapes
            .current_uses(id)
            .into_iter()
            .filter_map(|u| u.parent)
            .filter(|&parent| parent != id)
            .filter_map(|parent| {
                let rest = name.strip_prefix(self.names.get(&parent)?.as_str())?;
                (!rest.is_empty()).then(|| (parent, rest.to_owned()))
            })
            .min_by_key(|(_, rest)| rest.len())
    }
}

/// What the variant structs of a union start with before its name (`Block` of
/// `BlockRulesCreateBody`); nothing for another kind.
fn variant_prefixes(shapes: &Shapes, id: ShapeId) -> Vec<String> {
    match shapes.current_kind(id) {
        Kind::Union { variants, .. } => variants
            .iter()
            .map(|v| naming::variant_struct_prefix(&v.tag_value))
            .collect(),
        _ => Vec::new(),
    }
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

/// The names without what its product already says, best first: for a component named
/// `{prefix}_{rest}` (`workers-kv_namespace`), `rest` (`Namespace`); for a name that
/// starts with the product's (`KvNamespacesListResponse` in `kv`), the rest. A rest that
/// starts with the product's name again loses it too (`LogpushLogpushJob` → `Job`); should
/// that be taken, the name without only the product's words (`ZeroTrustGatewaySettings`
/// → `GatewaySettings` when `Settings` is taken) comes next.
fn short_names(shapes: &Shapes, id: ShapeId, name: &str, product: &str) -> Vec<String> {
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
    let product = product.to_upper_camel_case();
    let without_product = name.strip_prefix(&product).map(str::to_owned);
    let mut shorts = Vec::new();
    if let Some(short) = from_component.or_else(|| without_product.clone()) {
        // A component whose rest says the product again (`logpush_logpush_job`).
        if let Some(rest) = short.strip_prefix(&product) {
            shorts.push(rest.to_owned());
        }
        shorts.push(short);
    }
    shorts.extend(without_product);
    shorts.retain(|short| readable(short));
    shorts.dedup();
    shorts
}

/// Whether a short name can name a type: an `UpperCamelCase` word, not `Self`.
fn readable(short: &str) -> bool {
    short.starts_with(|c: char| c.is_ascii_uppercase()) && short.len() > 1 && short != "Self"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::shapes::{Docs, Prop, Ty, Use};

    #[test]
    fn a_name_made_after_its_parent_follows_the_parents_into_the_module() {
        let mut shapes = Shapes::default();
        let data = shapes.intern(
            Kind::Object(vec![Prop {
                wire: "key".to_owned(),
                ty: Ty::String,
                required: true,
                nullable: false,
            }]),
            Docs::default(),
        );
        let result = shapes.intern(
            Kind::Object(vec![Prop {
                wire: "data".to_owned(),
                ty: Ty::Named(data),
                required: true,
                nullable: false,
            }]),
            Docs::default(),
        );
        shapes.add_use(
            result,
            Use {
                parent: None,
                hint: Hint::Component("workers-kv_schemas-result".to_owned()),
            },
        );
        // A component name with a word that keeps it from a handle still loses its prefix.
        let project = shapes.intern(Kind::Enum(vec!["a".to_owned()]), Docs::default());
        shapes.add_use(
            project,
            Use {
                parent: None,
                hint: Hint::Component("workers-kv_kv".to_owned()),
            },
        );
        let names: HashMap<ShapeId, String> = [
            (data, "WorkersKvSchemasResultData".to_owned()),
            (result, "WorkersKvSchemasResult".to_owned()),
            (project, "WorkersKvKvValue".to_owned()),
        ]
        .into();
        let products: HashMap<ShapeId, BTreeSet<&str>> = [data, result, project]
            .into_iter()
            .map(|id| (id, BTreeSet::from(["kv"])))
            .collect();
        let movable: HashSet<ShapeId> = [data, result, project].into();
        let mut placer = Placer {
            shapes: &shapes,
            names: &names,
            products: &products,
            movable: &movable,
            taken: HashMap::new(),
            placements: HashMap::new(),
        };
        let rust = |placer: &mut Placer<'_>, id| placer.place(id).map(|p| p.rust);
        // The child first: its parent is placed on the way.
        assert_eq!(
            rust(&mut placer, data).as_deref(),
            Some("SchemasResultData")
        );
        assert_eq!(rust(&mut placer, result).as_deref(), Some("SchemasResult"));
        assert_eq!(rust(&mut placer, project).as_deref(), Some("Kv"));
    }

    #[test]
    fn a_component_whose_rest_says_the_product_again_loses_it_then_the_rest_is_tried() {
        let mut shapes = Shapes::default();
        let job = shapes.intern(Kind::Enum(vec!["a".to_owned()]), Docs::default());
        shapes.add_use(
            job,
            Use {
                parent: None,
                hint: Hint::Component("logpush_logpush_job".to_owned()),
            },
        );
        let only = shapes.intern(Kind::Enum(vec!["b".to_owned()]), Docs::default());
        shapes.add_use(
            only,
            Use {
                parent: None,
                hint: Hint::Component("logpush_logpush".to_owned()),
            },
        );
        assert_eq!(
            short_names(&shapes, job, "LogpushLogpushJob", "logpush"),
            ["Job", "LogpushJob"]
        );
        // Nothing would be left: the product's name is the type's.
        assert_eq!(
            short_names(&shapes, only, "LogpushLogpush", "logpush"),
            ["Logpush"]
        );
    }

    #[test]
    fn a_union_loses_the_product_prefix_when_its_variant_structs_names_are_free_too() {
        use crate::import::shapes::Variant;
        let mut shapes = Shapes::default();
        let union = |shapes: &mut Shapes, tag: &str| {
            shapes.intern(
                Kind::Union {
                    tag: "action".to_owned(),
                    variants: vec![Variant {
                        tag_value: tag.to_owned(),
                        props: Vec::new(),
                    }],
                },
                Docs::default(),
            )
        };
        let body = union(&mut shapes, "block");
        let rule = union(&mut shapes, "skip");
        let names: HashMap<ShapeId, String> = [
            (body, "RulesetsRulesCreateBody".to_owned()),
            (rule, "RulesetsRule".to_owned()),
        ]
        .into();
        let products: HashMap<ShapeId, BTreeSet<&str>> = [body, rule]
            .into_iter()
            .map(|id| (id, BTreeSet::from(["rulesets"])))
            .collect();
        let movable: HashSet<ShapeId> = [body, rule].into();
        // The module has a `SkipRule` of its own: `Rule` would make a second one.
        let taken = HashMap::from([("rulesets", BTreeSet::from(["SkipRule".to_owned()]))]);
        let mut placer = Placer {
            shapes: &shapes,
            names: &names,
            products: &products,
            movable: &movable,
            taken,
            placements: HashMap::new(),
        };
        let rust = |placer: &mut Placer<'_>, id| placer.place(id).map(|p| p.rust);
        assert_eq!(rust(&mut placer, body).as_deref(), Some("RulesCreateBody"));
        assert_eq!(rust(&mut placer, rule).as_deref(), Some("RulesetsRule"));
    }
}
