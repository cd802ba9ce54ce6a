//! Where types are placed (`module:`): a type in a namespace's module exists only with
//! that top-level namespace's cargo feature, so only types and endpoints of the same
//! top-level namespace may use it; and Rust names must be unique within each module.

use std::collections::BTreeMap;

use super::locate::Declarations;
use crate::diagnostic::Diagnostic;
use crate::model::{Api, TypeDef, TypeKind, TypeRef};

/// Every misplaced reference and every Rust name taken twice in one module.
pub fn check(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let by_name: BTreeMap<&str, &TypeDef> = api
        .types
        .iter()
        .map(|def| (def.name.as_str(), def))
        .collect();
    let mut diagnostics = duplicate_rust_names(api, declarations);
    for def in &api.types {
        let user = def.module.first().map(String::as_str);
        for (wire, ty) in references(def) {
            let Some(site) = declarations
                .fields
                .get(&(def.name.clone(), wire.to_owned()))
                .or_else(|| declarations.types.get(&def.name))
            else {
                continue;
            };
            if let Some(problem) = misplaced(ty, user, &by_name) {
                let user = format!("type `{}`", def.name);
                diagnostics.push(
                    Diagnostic::error(problem.message(&user))
                        .at(site.clone())
                        .help(problem.help()),
                );
            }
        }
    }
    for endpoint in &api.endpoints {
        let user = endpoint.namespace.first().map(String::as_str);
        let mut used: Vec<&TypeRef> = vec![&endpoint.response.ty];
        used.extend(endpoint.query_params.iter().map(|f| &f.ty));
        used.extend(endpoint.header_params.iter().map(|f| &f.ty));
        used.extend(endpoint.body.as_ref().map(|body| &body.ty));
        let dotted = if endpoint.namespace.is_empty() {
            endpoint.name.clone()
        } else {
            format!("{}.{}", endpoint.namespace.join("."), endpoint.name)
        };
        let Some(site) = declarations.endpoints.get(&dotted) else {
            continue;
        };
        for ty in used {
            if let Some(problem) = misplaced(ty, user, &by_name) {
                diagnostics.push(
                    Diagnostic::error(problem.message(&format!("endpoint `{dotted}`")))
                        .at(site.clone())
                        .help(problem.help()),
                );
            }
        }
    }
    diagnostics
}

/// A named type used where its module does not exist.
struct Misplaced<'a> {
    used: &'a str,
    module: String,
}

impl Misplaced<'_> {
    fn message(&self, user: &str) -> String {
        format!(
            "{user} uses `{}`, which is in module `{}`, outside the top-level namespace that module exists with",
            self.used, self.module
        )
    }

    fn help(&self) -> String {
        format!(
            "a type used by several top-level namespaces belongs at the root: remove `module: {}` from `{}`",
            self.module, self.used
        )
    }
}

/// The named types `def` refers to, with the wire name of the field that does.
fn references(def: &TypeDef) -> Vec<(&str, &TypeRef)> {
    match &def.kind {
        TypeKind::Struct(shape) => shape
            .fields
            .iter()
            .map(|field| (field.wire_name.as_str(), &field.ty))
            .collect(),
        TypeKind::OneOf(shape) => shape
            .variants
            .iter()
            .map(|variant| (variant.name.as_str(), &variant.ty))
            .collect(),
        // Variant structs are checked as structs; the union's own references are them.
        TypeKind::Union(_) | TypeKind::Enum(_) => Vec::new(),
    }
}

/// Whether `ty`, used from the top-level namespace `user` (`None`: the root), names a type
/// of another top-level namespace's module.
fn misplaced<'a>(
    ty: &TypeRef,
    user: Option<&str>,
    by_name: &BTreeMap<&str, &'a TypeDef>,
) -> Option<Misplaced<'a>> {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            misplaced(inner, user, by_name)
        }
        TypeRef::Named(name) => {
            let def = by_name.get(name.as_str())?;
            let top = def.module.first()?;
            (Some(top.as_str()) != user).then(|| Misplaced {
                used: def.name.as_str(),
                module: def.module.join("."),
            })
        }
        _ => None,
    }
}

/// Two types whose Rust names meet in one module.
fn duplicate_rust_names(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<(&[String], &str), &str> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for def in &api.types {
        let key = (def.module.as_slice(), def.rust_name.as_str());
        let Some(first) = seen.insert(key, &def.name) else {
            continue;
        };
        let Some(site) = declarations.types.get(&def.name) else {
            continue;
        };
        let module = if def.module.is_empty() {
            "the root".to_owned()
        } else {
            format!("module `{}`", def.module.join("."))
        };
        diagnostics.push(
            Diagnostic::error(format!(
                "type `{}` is named `{}` in Rust, like `{first}`, and both are in {module}",
                def.name, def.rust_name
            ))
            .at(site.clone())
            .help("give one of them another name with `rust:`, or another `module:`"),
        );
    }
    diagnostics
}
