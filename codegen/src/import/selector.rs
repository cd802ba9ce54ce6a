//! Schema selectors: how the config says which schema a type is made of.
//!
//! - `OPERATION body`, `OPERATION response` or `OPERATION query.NAME`, then steps:
//!   `.name` (a property, or a union's variant by tag value), `[]` (list items), `{}` (map
//!   values): `aig-config-list-gateway-dynamic-routes response.routes[]`. `OPERATION` is
//!   an `operationId`, or `METHOD /path` for an operation without one; `response` is the
//!   payload inside the envelope; `query.NAME` the query parameter `NAME`.
//! - `#/components/schemas/name` (any JSON pointer to a schema reached through `$ref`).

use std::collections::HashMap;

use super::shapes::{Kind, ShapeId, Shapes, Ty};

/// A parsed selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    /// A JSON pointer, without the `#`.
    Pointer(String),
    Part {
        operation: String,
        part: Part,
        steps: Vec<Step>,
    },
}

/// Which schema of an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Body,
    Response,
    /// The query parameter of this wire name.
    Query(String),
}

/// One step from a schema into a part of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Field(String),
    Items,
    Values,
}

/// Parses `text`; an error says what is wrong.
pub fn parse(text: &str) -> Result<Selector, String> {
    let text = text.trim();
    if let Some(pointer) = text.strip_prefix('#') {
        return Ok(Selector::Pointer(pointer.to_owned()));
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let (operation, part) = match words.as_slice() {
        [operation, part] => ((*operation).to_owned(), *part),
        [method, path, part] if method.chars().all(|c| c.is_ascii_uppercase()) => {
            (format!("{method} {path}"), *part)
        }
        _ => {
            return Err(
                "expected `OPERATION body…` or `OPERATION response…` (or `#/pointer`)".to_owned(),
            );
        }
    };
    let (part, mut rest) = if let Some(rest) = part.strip_prefix("body") {
        (Part::Body, rest)
    } else if let Some(rest) = part.strip_prefix("response") {
        (Part::Response, rest)
    } else if let Some(rest) = part.strip_prefix("query.") {
        let end = rest.find(['.', '[', '{']).unwrap_or(rest.len());
        (Part::Query(rest[..end].to_owned()), &rest[end..])
    } else {
        return Err(format!(
            "`{part}` is not `body`, `response` or `query.NAME` followed by steps"
        ));
    };
    let mut steps = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[]") {
            steps.push(Step::Items);
            rest = after;
        } else if let Some(after) = rest.strip_prefix("{}") {
            steps.push(Step::Values);
            rest = after;
        } else if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[', '{']).unwrap_or(after.len());
            if end == 0 {
                return Err("a `.` must be followed by a property name or tag value".to_owned());
            }
            steps.push(Step::Field(after[..end].to_owned()));
            rest = &after[end..];
        } else {
            return Err(format!(
                "unexpected `{rest}`: steps are `.name`, `[]` and `{{}}`"
            ));
        }
    }
    Ok(Selector::Part {
        operation,
        part,
        steps,
    })
}

/// What selectors resolve against: each operation's types, and the shapes made from
/// `$ref` targets, by pointer.
#[derive(Debug, Default)]
pub struct Roots {
    pub operations: HashMap<String, OperationTypes>,
    pub pointers: HashMap<String, Ty>,
}

/// The types of one operation's parts.
#[derive(Debug)]
pub struct OperationTypes {
    pub body: Option<Ty>,
    pub response: Ty,
    /// Query parameters by wire name.
    pub query: Vec<(String, Ty)>,
}

/// The shape `selector` selects, or why it selects none.
pub fn resolve(selector: &Selector, roots: &Roots, shapes: &Shapes) -> Result<ShapeId, String> {
    let (start, steps) = match selector {
        Selector::Pointer(pointer) => match roots.pointers.get(pointer) {
            Some(ty) => (ty.clone(), &[][..]),
            None => {
                return Err(format!(
                    "no imported operation uses the schema `#{pointer}` through a `$ref`"
                ));
            }
        },
        Selector::Part {
            operation,
            part,
            steps,
        } => {
            let Some(types) = roots.operations.get(operation) else {
                return Err(format!("`{operation}` is not an imported operation"));
            };
            let start = match part {
                Part::Body => types
                    .body
                    .clone()
                    .ok_or_else(|| format!("`{operation}` has no body"))?,
                Part::Response => types.response.clone(),
                Part::Query(name) => types
                    .query
                    .iter()
                    .find(|(wire, _)| wire == name)
                    .map(|(_, ty)| ty.clone())
                    .ok_or_else(|| {
                        no_such(
                            name,
                            "the operation's query",
                            types.query.iter().map(|(w, _)| w.as_str()),
                        )
                    })?,
            };
            (start, steps.as_slice())
        }
    };
    let mut ty = shapes.current_ty(&start);
    // Inside a union, after a tag value: the variant's tag and properties.
    let mut variant: Option<(String, Vec<super::shapes::Prop>)> = None;
    for step in steps {
        ty = match (step, &variant) {
            (Step::Field(name), Some((tag, props))) => {
                let prop = props.iter().find(|p| &p.wire == name).ok_or_else(|| {
                    no_such(
                        name,
                        &format!("variant `{tag}`"),
                        props.iter().map(|p| p.wire.as_str()),
                    )
                })?;
                let ty = prop.ty.clone();
                variant = None;
                ty
            }
            (Step::Field(name), None) => {
                let Ty::Named(id) = ty else {
                    return Err(format!(
                        "`.{name}` follows a {}, which has no fields",
                        describe(&ty)
                    ));
                };
                match shapes.current_kind(id) {
                    Kind::Object(props) => props
                        .iter()
                        .find(|p| &p.wire == name)
                        .map(|p| p.ty.clone())
                        .ok_or_else(|| {
                            no_such(name, "the object", props.iter().map(|p| p.wire.as_str()))
                        })?,
                    Kind::Union { variants, .. } => {
                        let Some(found) = variants.iter().find(|v| &v.tag_value == name) else {
                            return Err(no_such(
                                name,
                                "the union",
                                variants.iter().map(|v| v.tag_value.as_str()),
                            ));
                        };
                        variant = Some((name.clone(), found.props.clone()));
                        continue;
                    }
                    Kind::Enum(_) => {
                        return Err(format!("`.{name}` follows an enum, which has no fields"));
                    }
                    // An untagged union's alternatives are selected by name (`.Rule`).
                    Kind::OneOf(alternatives) => alternatives
                        .iter()
                        .find(|a| &a.name == name)
                        .map(|a| a.ty.clone())
                        .ok_or_else(|| {
                            no_such(
                                name,
                                "the untagged union",
                                alternatives.iter().map(|a| a.name.as_str()),
                            )
                        })?,
                }
            }
            (Step::Items, None) => match ty {
                Ty::List(items) => items.without_null(),
                other => return Err(format!("`[]` follows a {}, not a list", describe(&other))),
            },
            (Step::Values, None) => match ty {
                Ty::Map(values) => values.without_null(),
                other => return Err(format!("`{{}}` follows a {}, not a map", describe(&other))),
            },
            (_, Some((tag, _))) => {
                return Err(format!(
                    "variant `{tag}` is followed by `.field`, nothing else"
                ));
            }
        };
    }
    if let Some((tag, _)) = variant {
        return Err(format!(
            "this is the union variant `{tag}`; name its struct under the union's `variants: {{ {tag}: {{ name: … }} }}`"
        ));
    }
    match ty {
        Ty::Named(id) => Ok(shapes.current(id)),
        other => Err(format!(
            "this is a {}; only objects, enums and unions can be named",
            describe(&other)
        )),
    }
}

fn no_such<'a>(name: &str, owner: &str, names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    match crate::diagnostic::did_you_mean(name, names.iter().copied()) {
        Some(close) => format!("{owner} has no `{name}`; did you mean `{close}`?"),
        None => format!(
            "{owner} has no `{name}`; it has {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn describe(ty: &Ty) -> &'static str {
    match ty {
        Ty::String => "string",
        Ty::Integer => "integer",
        Ty::Number => "number",
        Ty::Boolean => "boolean",
        Ty::DateTime => "date-time",
        Ty::Binary => "binary",
        Ty::Any => "value of any type",
        Ty::List(_) => "list",
        Ty::Map(_) => "map",
        Ty::Nullable(inner) => describe(inner),
        Ty::Named(_) => "named type",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_name_an_operation_part_and_steps_into_it() {
        assert_eq!(
            parse("list-routes response.routes[].elements[].start.outputs").unwrap(),
            Selector::Part {
                operation: "list-routes".into(),
                part: Part::Response,
                steps: vec![
                    Step::Field("routes".into()),
                    Step::Items,
                    Step::Field("elements".into()),
                    Step::Items,
                    Step::Field("start".into()),
                    Step::Field("outputs".into()),
                ],
            }
        );
        assert_eq!(
            parse("GET /a/{id} body{}").unwrap(),
            Selector::Part {
                operation: "GET /a/{id}".into(),
                part: Part::Body,
                steps: vec![Step::Values],
            }
        );
        assert_eq!(
            parse("list-logs query.order_by").unwrap(),
            Selector::Part {
                operation: "list-logs".into(),
                part: Part::Query("order_by".into()),
                steps: vec![],
            }
        );
        assert_eq!(
            parse("#/components/schemas/x").unwrap(),
            Selector::Pointer("/components/schemas/x".into())
        );
        assert!(parse("list-routes result").is_err());
        assert!(parse("list-routes response..a").is_err());
        assert!(parse("list-routes").is_err());
    }
}
