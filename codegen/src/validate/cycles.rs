//! Types that contain themselves. A value holds its fields and its union's variant inline,
//! so a type that contains itself directly would be infinitely large; the generator boxes
//! the fields that close such a cycle (`Option<Box<Node>>`). A cycle of required, non-null
//! fields is an error: no finite value has one. A cycle through `list<…>` or `map<…>` needs
//! nothing (the collection is the indirection).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::locate::Declarations;
use crate::diagnostic::Diagnostic;
use crate::model::{Api, TypeKind, TypeRef};

/// A direct containment: `from` holds a `to` inline, through field or variant `via`.
struct Edge {
    to: usize,
    via: String,
    /// Through a struct field (which can be boxed), rather than a union's variant.
    field: bool,
    /// A required, non-null field: every value has one.
    required: bool,
}

/// The direct containments of every type, by position in `api.types`.
fn edges(api: &Api) -> Vec<Vec<Edge>> {
    let index = super::type_positions(api);
    let named = |ty: &TypeRef| match ty {
        TypeRef::Named(name) => index.get(name.as_str()).copied(),
        _ => None,
    };
    api.types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(shape) => shape
                .fields
                .iter()
                .filter_map(|field| {
                    named(&field.ty).map(|to| Edge {
                        to,
                        via: field.wire_name.clone(),
                        field: true,
                        required: !field.optional && !field.nullable,
                    })
                })
                .collect(),
            TypeKind::Union(shape) => shape
                .variants
                .iter()
                .filter_map(|variant| {
                    index.get(variant.struct_name.as_str()).map(|&to| Edge {
                        to,
                        via: variant.wire.clone(),
                        field: false,
                        required: false,
                    })
                })
                .collect(),
            TypeKind::OneOf(shape) => shape
                .variants
                .iter()
                .filter_map(|variant| {
                    named(&variant.ty).map(|to| Edge {
                        to,
                        via: variant.name.clone(),
                        field: false,
                        required: false,
                    })
                })
                .collect(),
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect()
}

/// The fields to box, as (type name, wire name): every field inside a cycle of direct
/// containments.
pub fn boxed_fields(api: &Api) -> BTreeSet<(String, String)> {
    let edges = edges(api);
    let mut boxed = BTreeSet::new();
    for component in strongly_connected(&edges, |_| true) {
        for &from in &component {
            for edge in edges[from].iter().filter(|e| e.field) {
                if component.binary_search(&edge.to).is_ok() {
                    boxed.insert((api.types[from].name.clone(), edge.via.clone()));
                }
            }
        }
    }
    boxed
}

/// One error per group of types that contain each other through required fields only, or
/// through union variants only (which no box can break).
pub fn check(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let edges = edges(api);
    let mut diagnostics = Vec::new();
    let unboxable: Vec<(Vec<usize>, bool)> = strongly_connected(&edges, |e| e.required)
        .into_iter()
        .map(|component| (component, true))
        .chain(
            strongly_connected(&edges, |e| !e.field)
                .into_iter()
                .map(|component| (component, false)),
        )
        .collect();
    for (component, required) in unboxable {
        let keep = |e: &Edge| if required { e.required } else { !e.field };
        let start = component.iter().copied().min().unwrap_or_default();
        let Some(path) = cycle_from(start, &edges, &component, keep) else {
            continue;
        };
        let name = |i: usize| api.types[i].name.as_str();
        let chain = path
            .iter()
            .map(|(from, edge)| format!("`{}.{}` → `{}`", name(*from), edge.via, name(edge.to)))
            .collect::<Vec<_>>()
            .join(", ");
        let (first_from, first_edge) = &path[0];
        let site = declarations
            .fields
            .get(&(name(*first_from).to_owned(), first_edge.via.clone()))
            .or_else(|| declarations.types.get(name(first_edge.to)))
            .or_else(|| declarations.types.get(name(start)))
            .cloned();
        let Some(site) = site else { continue };
        let (message, help) = if required {
            (
                format!(
                    "type `{}` contains itself through required fields: {chain}",
                    name(start)
                ),
                "no finite value has such a chain; make one of the fields `optional` or `nullable`, or hold the value in a `list<…>` or `map<…>`",
            )
        } else {
            (
                format!("type `{}` is one of its own variants: {chain}", name(start)),
                "a value would be infinitely large; hold the recursive value in a field of a struct, or in a `list<…>`",
            )
        };
        diagnostics.push(Diagnostic::error(message).at(site).help(help));
    }
    diagnostics
}

/// The shortest path of edges from `start` back to `start` inside `component`.
fn cycle_from<'a>(
    start: usize,
    edges: &'a [Vec<Edge>],
    component: &[usize],
    keep: impl Fn(&Edge) -> bool,
) -> Option<Vec<(usize, &'a Edge)>> {
    let mut inside = vec![false; edges.len()];
    for &member in component {
        inside[member] = true;
    }
    let mut came_from: BTreeMap<usize, (usize, &Edge)> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for edge in &edges[node] {
            if !inside[edge.to] || !keep(edge) {
                continue;
            }
            if edge.to == start {
                let mut path = vec![(node, edge)];
                let mut at = node;
                while at != start {
                    let (previous, via) = came_from.get(&at)?;
                    path.push((*previous, *via));
                    at = *previous;
                }
                path.reverse();
                return Some(path);
            }
            if let std::collections::btree_map::Entry::Vacant(entry) = came_from.entry(edge.to) {
                entry.insert((node, edge));
                queue.push_back(edge.to);
            }
        }
    }
    None
}

/// Tarjan's algorithm over the edges `keep` accepts, iterative so that a long chain of
/// types cannot overflow the stack. Returns the components that contain a cycle (several
/// types, or one type with an edge to itself), each sorted.
fn strongly_connected(edges: &[Vec<Edge>], keep: impl Fn(&Edge) -> bool) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut components = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, position of the next edge to look at)
        let mut work = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut next_edge)) = work.last_mut() {
            if let Some(edge) = edges[node].get(*next_edge) {
                *next_edge += 1;
                if !keep(edge) {
                    continue;
                }
                let to = edge.to;
                if index[to] == usize::MAX {
                    index[to] = next_index;
                    low[to] = next_index;
                    next_index += 1;
                    stack.push(to);
                    on_stack[to] = true;
                    work.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(index[to]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                let cyclic =
                    component.len() > 1 || edges[node].iter().any(|e| e.to == node && keep(e));
                if cyclic {
                    component.sort_unstable();
                    components.push(component);
                }
            }
        }
    }
    components.sort();
    components
}
