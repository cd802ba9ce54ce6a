//! Warnings for types that nothing uses: no endpoint and no other type refers to them.
//! They are still generated; the warning catches a forgotten reference or a leftover.

use std::collections::BTreeSet;

use super::locate::Declarations;
use crate::diagnostic::Diagnostic;
use crate::model::{Api, TypeKind, TypeRef};

/// One warning per unused type, at its declaration.
pub fn check(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let mut used = BTreeSet::new();
    for def in &api.types {
        let mut inner = BTreeSet::new();
        match &def.kind {
            TypeKind::Struct(shape) => {
                for field in &shape.fields {
                    names_in(&field.ty, &mut inner);
                }
            }
            TypeKind::Union(shape) => {
                inner.extend(shape.variants.iter().map(|v| v.struct_name.as_str()));
            }
            TypeKind::OneOf(shape) => {
                for variant in &shape.variants {
                    names_in(&variant.ty, &mut inner);
                }
            }
            TypeKind::Enum(_) => {}
        }
        // A type that only refers to itself is still unused.
        inner.remove(def.name.as_str());
        used.extend(inner);
    }
    for endpoint in &api.endpoints {
        if let Some(body) = &endpoint.body {
            names_in(&body.ty, &mut used);
        }
        names_in(&endpoint.response.ty, &mut used);
        let params = endpoint.path_params.iter().chain(&endpoint.query_params);
        for param in params.chain(&endpoint.header_params) {
            names_in(&param.ty, &mut used);
        }
    }
    api.types
        .iter()
        .filter(|def| !used.contains(def.name.as_str()))
        .filter_map(|def| {
            let site = declarations.type_site(&def.name)?;
            Some(
                Diagnostic::warning(format!("type `{}` is never used", def.name))
                    .at(site)
                    .help("no endpoint and no other type refers to it; use it or remove it"),
            )
        })
        .collect()
}

/// The named types `ty` refers to, through lists and maps.
fn names_in<'a>(ty: &'a TypeRef, names: &mut BTreeSet<&'a str>) {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            names_in(inner, names)
        }
        TypeRef::Named(name) => {
            names.insert(name.as_str());
        }
        _ => {}
    }
}
