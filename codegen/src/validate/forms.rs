//! Multipart forms: a struct with a file field (`binary`, `list<binary>`, `map<binary>`,
//! `map<list<binary>>`) is a form, sent part by part and never as JSON, so it can only be
//! a `multipart` body, and `binary` can only be in a form's file field.

use std::collections::BTreeSet;

use super::locate::Declarations;
use crate::diagnostic::Diagnostic;
use crate::model::{Api, BodyContent, ResponseContent, TypeKind, TypeRef};

/// Every misused form and every `binary` outside a form.
pub fn check(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let forms: BTreeSet<&str> = api
        .types
        .iter()
        .filter(|def| matches!(&def.kind, TypeKind::Struct(shape) if shape.is_form()))
        .map(|def| def.name.as_str())
        .collect();
    let mut error = |message: String, help: &str, site: Option<&crate::diagnostic::Location>| {
        if let Some(site) = site {
            diagnostics.push(
                Diagnostic::error(message)
                    .at(site.clone())
                    .help(help.to_owned()),
            );
        }
    };
    for def in &api.types {
        let types: Vec<(&str, &TypeRef)> = match &def.kind {
            TypeKind::Struct(shape) => shape
                .fields
                .iter()
                .map(|f| (f.wire_name.as_str(), &f.ty))
                .collect(),
            TypeKind::OneOf(shape) => shape
                .variants
                .iter()
                .map(|v| (v.name.as_str(), &v.ty))
                .collect(),
            _ => Vec::new(),
        };
        let is_own_form = forms.contains(def.name.as_str());
        for (wire, ty) in types {
            let site = declarations
                .fields
                .get(&(def.name.clone(), wire.to_owned()))
                .or_else(|| declarations.types.get(&def.name));
            if contains_binary(ty) && !(is_own_form && ty.is_file_field()) {
                error(
                    format!(
                        "`{}.{wire}` holds `binary`, which only a multipart form's field can",
                        def.name
                    ),
                    "a file is a field of a struct sent as a `multipart` body: `binary`, `list<binary>`, or `map<binary>` / `map<list<binary>>` for parts named by their keys",
                    site,
                );
            }
            if let Some(form) = named_form(ty, &forms) {
                error(
                    format!(
                        "`{}.{wire}` holds the multipart form `{form}`, which is never JSON",
                        def.name
                    ),
                    "a form can only be an endpoint's `multipart` body",
                    site,
                );
            }
        }
    }
    for endpoint in &api.endpoints {
        let dotted = if endpoint.namespace.is_empty() {
            endpoint.name.clone()
        } else {
            format!("{}.{}", endpoint.namespace.join("."), endpoint.name)
        };
        let site = declarations.endpoints.get(&dotted);
        if let Some(body) = &endpoint.body {
            let form = named_form(&body.ty, &forms);
            match body.content {
                BodyContent::Multipart => {
                    let is_struct = matches!(&body.ty, TypeRef::Named(name) if api
                        .types
                        .iter()
                        .any(|def| &def.name == name && matches!(def.kind, TypeKind::Struct(_))));
                    if !is_struct {
                        error(
                            format!("the multipart body of `{dotted}` is not a struct"),
                            "a form is a struct: each field is a part",
                            site,
                        );
                    }
                }
                _ if form.is_some()
                    || (contains_binary(&body.ty) && body.content != BodyContent::Bytes) =>
                {
                    error(
                        format!(
                            "the body of `{dotted}` holds a file, which only a multipart body can send"
                        ),
                        "say `content: multipart` for the body",
                        site,
                    );
                }
                _ => {}
            }
        }
        if endpoint.response.content == ResponseContent::Json
            && (named_form(&endpoint.response.ty, &forms).is_some()
                || contains_binary(&endpoint.response.ty))
        {
            error(
                format!("the JSON response of `{dotted}` holds a file or a form"),
                "a response that is a file says `content: bytes`",
                site,
            );
        }
    }
    diagnostics
}

fn contains_binary(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Binary => true,
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            contains_binary(inner)
        }
        _ => false,
    }
}

/// The form `ty` names, directly or in a list or map.
fn named_form<'a>(ty: &'a TypeRef, forms: &BTreeSet<&str>) -> Option<&'a str> {
    match ty {
        TypeRef::Named(name) if forms.contains(name.as_str()) => Some(name),
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            named_form(inner, forms)
        }
        _ => None,
    }
}
