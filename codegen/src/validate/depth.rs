//! Nesting limits. The generator recurses over nested type expressions, namespaces and
//! (for doc examples) chains of required fields, and so does the Rust parser that checks
//! its output; past a few hundred levels either would overflow the stack. No real API
//! comes near these limits, so a spec that does is refused with a clear message.

use super::locate::Declarations;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Api, TypeKind, TypeRef};

/// Deepest `list<…>` / `map<…>` nesting in one type expression.
pub const MAX_TYPE_NESTING: usize = 16;
/// Most namespaces in one endpoint name (`a.b.c.method` has three).
pub const MAX_NAMESPACE_DEPTH: usize = 16;
/// Longest chain of types that each hold the next in a required field (`A.b: B`,
/// `B.c: C`, …); a doc example builds a value of each, nested.
pub const MAX_REQUIRED_CHAIN: usize = 64;

/// An error when the type expression `text` nests deeper than [`MAX_TYPE_NESTING`].
pub fn too_deeply_nested(text: &str, location: &Location) -> Option<Diagnostic> {
    let depth = text.matches('<').count();
    (depth > MAX_TYPE_NESTING).then(|| {
        Diagnostic::error(format!(
            "the type expression nests {depth} levels deep; the limit is {MAX_TYPE_NESTING}"
        ))
        .at(location.clone())
        .help("name an inner part as a type of its own")
    })
}

/// Endpoints with too many namespaces, and types that start too long a required chain.
pub fn check(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for endpoint in &api.endpoints {
        if endpoint.namespace.len() <= MAX_NAMESPACE_DEPTH {
            continue;
        }
        let dotted = format!("{}.{}", endpoint.namespace.join("."), endpoint.name);
        if let Some(site) = declarations.endpoints.get(&dotted) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "the endpoint name has {} namespaces; the limit is {MAX_NAMESPACE_DEPTH}",
                    endpoint.namespace.len()
                ))
                .at(site.clone()),
            );
        }
    }
    diagnostics.extend(required_chains(api, declarations));
    diagnostics
}

/// The longest chain of required, directly held named types starting at each type,
/// computed without recursion (a long chain must not overflow the stack here either).
/// Cycles are reported elsewhere; a type on one counts as a chain of one here.
fn required_chains(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let index = super::type_positions(api);
    let next: Vec<Vec<usize>> = api
        .types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(shape) => shape
                .fields
                .iter()
                .filter(|field| !field.optional)
                .filter_map(|field| required_target(&field.ty))
                .filter_map(|name| index.get(name).copied())
                .collect(),
            TypeKind::Union(shape) => shape
                .variants
                .iter()
                .filter_map(|variant| index.get(variant.struct_name.as_str()).copied())
                .collect(),
            TypeKind::OneOf(shape) => shape
                .variants
                .iter()
                .filter_map(|variant| required_target(&variant.ty))
                .filter_map(|name| index.get(name).copied())
                .collect(),
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect();
    // chain[i]: longest chain starting at i; computed in post-order with an explicit stack.
    const UNSEEN: usize = 0;
    const IN_PROGRESS: usize = usize::MAX;
    let mut chain = vec![UNSEEN; next.len()];
    for root in 0..next.len() {
        let mut stack = vec![(root, 0)];
        while let Some((node, edge)) = stack.pop() {
            if edge == 0 {
                if chain[node] != UNSEEN {
                    continue;
                }
                chain[node] = IN_PROGRESS;
            }
            if let Some(&to) = next[node].get(edge) {
                stack.push((node, edge + 1));
                if chain[to] == UNSEEN {
                    stack.push((to, 0));
                }
                continue;
            }
            let longest = next[node]
                .iter()
                .map(|&to| {
                    if chain[to] == IN_PROGRESS {
                        1
                    } else {
                        chain[to]
                    }
                })
                .max()
                .unwrap_or(0);
            chain[node] = longest.saturating_add(1);
        }
    }
    let mut held = vec![false; next.len()];
    for &to in next.iter().flatten() {
        held[to] = true;
    }
    let mut diagnostics = Vec::new();
    for (i, def) in api.types.iter().enumerate() {
        // Report only where a too-long chain starts, not at every type along it.
        if chain[i] <= MAX_REQUIRED_CHAIN || held[i] {
            continue;
        }
        if let Some(site) = declarations.type_site(&def.name) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "type `{}` starts a chain of {} types that each hold the next in a required field; the limit is {MAX_REQUIRED_CHAIN}",
                    def.name, chain[i]
                ))
                .at(site)
                .help("make a field along the chain optional, or flatten the structure"),
            );
        }
    }
    diagnostics
}

/// The named type a value of `ty` holds directly (lists and maps stop the chain: a doc
/// example leaves them short or empty).
fn required_target(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}
