//! Types that contain themselves without indirection (`Node { next: Node }`): in Rust such
//! a value would be infinitely large, so the generated code would not compile. A cycle
//! through `list<…>` or `map<…>` is fine (the collection is the indirection); `optional`
//! and `nullable` do not help, since `Option<T>` stores its `T` inline.

use std::collections::{BTreeMap, VecDeque};

use super::locate::Declarations;
use crate::diagnostic::Diagnostic;
use crate::model::{Api, TypeKind, TypeRef};

/// A direct containment: `from` holds a `to` inline, through field or variant `via`.
struct Edge {
    to: usize,
    via: String,
}

/// One error per group of types that contain each other.
pub fn check(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let index = super::type_positions(api);
    let edges: Vec<Vec<Edge>> = api
        .types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(shape) => shape
                .fields
                .iter()
                .filter_map(|field| match &field.ty {
                    TypeRef::Named(name) => index.get(name.as_str()).map(|&to| Edge {
                        to,
                        via: field.wire_name.clone(),
                    }),
                    _ => None,
                })
                .collect(),
            TypeKind::Union(shape) => shape
                .variants
                .iter()
                .filter_map(|variant| {
                    index.get(variant.struct_name.as_str()).map(|&to| Edge {
                        to,
                        via: variant.wire.clone(),
                    })
                })
                .collect(),
            TypeKind::OneOf(shape) => shape
                .variants
                .iter()
                .filter_map(|variant| match &variant.ty {
                    TypeRef::Named(name) => index.get(name.as_str()).map(|&to| Edge {
                        to,
                        via: variant.name.clone(),
                    }),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let mut diagnostics = Vec::new();
    for component in strongly_connected(&edges) {
        let start = component.iter().copied().min().unwrap_or_default();
        let Some(path) = cycle_from(start, &edges, &component) else {
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
        diagnostics.push(
            Diagnostic::error(format!(
                "type `{}` contains itself without indirection: {chain}",
                name(start)
            ))
            .at(site)
            .help("a value would be infinitely large; hold the recursive value in a `list<…>` or `map<…>`"),
        );
    }
    diagnostics
}

/// The shortest path of edges from `start` back to `start` inside `component`.
fn cycle_from<'a>(
    start: usize,
    edges: &'a [Vec<Edge>],
    component: &[usize],
) -> Option<Vec<(usize, &'a Edge)>> {
    let mut inside = vec![false; edges.len()];
    for &member in component {
        inside[member] = true;
    }
    let mut came_from: BTreeMap<usize, (usize, &Edge)> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for edge in &edges[node] {
            if !inside[edge.to] {
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

/// Tarjan's algorithm, iterative so that a long chain of types cannot overflow the stack.
/// Returns the components that contain a cycle: several types, or one type with an edge to
/// itself.
fn strongly_connected(edges: &[Vec<Edge>]) -> Vec<Vec<usize>> {
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
                let cyclic = component.len() > 1 || edges[node].iter().any(|e| e.to == node);
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
