//! Query and header parameters of an operation: scalars, enums and lists of them in the
//! query, an exploded `form` object as one query field per property, and header
//! parameters except those the client sets itself. What cannot be sent is left out with
//! a warning at its location; the operation is skipped only when it is required.

use super::operations::{Builder, Declared, Param};
use super::pointer;
use super::schema::{Translated, doc_of};
use super::shapes::{Hint, Kind, Ty, Use};
use crate::resolve::CLIENT_HEADERS;

/// What became of one declared parameter.
pub enum Outcome {
    /// Sent as these fields (an exploded object gives several).
    Sent(Vec<Param>),
    /// Left out, with the warning already given.
    LeftOut,
}

impl<'a> Builder<'_, 'a, '_> {
    /// A `query` parameter as the fields that send it.
    pub(super) fn query_param(&mut self, param: &Declared<'a>, endpoint: &[String]) -> Outcome {
        let schema_pointer = pointer::child(&param.pointer, "schema");
        let Some(schema) = param.node.get("schema") else {
            self.warn(
                &param.pointer,
                format!("query parameter `{}` has no `schema`; left out", param.name),
            );
            return Outcome::LeftOut;
        };
        let translated = self.translator.translate(schema, &schema_pointer);
        let doc = doc_of(param.node).or(translated.doc);
        if let Some(ty) = self.sendable(&translated.ty, endpoint, &param.name, true) {
            return Outcome::Sent(vec![Param {
                wire: param.name.clone(),
                ty,
                required: param.required,
                doc,
            }]);
        }
        let object = match &translated.ty {
            Ty::Named(id) => match &self.translator.shapes().shapes[*id].kind {
                Kind::Object(props) if !props.is_empty() => Some(props.clone()),
                _ => None,
            },
            _ => None,
        };
        let Some(props) = object else {
            self.warn(
                &schema_pointer,
                format!(
                    "query parameter `{}` is not a scalar, an enum or a list of them, which a query cannot send; left out",
                    param.name
                ),
            );
            return Outcome::LeftOut;
        };
        let style = param.node.str("style").unwrap_or("form");
        let explode = param.node.bool("explode").unwrap_or(style == "form");
        if style != "form" || !explode {
            let how = if style == "form" {
                "`form` without `explode`".to_owned()
            } else {
                format!("`style: {style}`")
            };
            self.warn(
                &pointer::child(&param.pointer, "style"),
                format!(
                    "query parameter `{}` is an object sent as {how}, which the spec format cannot send; left out",
                    param.name
                ),
            );
            return Outcome::LeftOut;
        }
        // An exploded form object: each property is a parameter of its own (`a=1&b=2`).
        let mut fields = Vec::new();
        for prop in props {
            let Some(ty) = self.sendable(&prop.ty, endpoint, &prop.wire, true) else {
                self.warn(
                    &schema_pointer,
                    format!(
                        "property `{}` of query parameter `{}` is not a scalar or a list of them; left out",
                        prop.wire, param.name
                    ),
                );
                if param.required && prop.required {
                    return Outcome::LeftOut;
                }
                continue;
            };
            fields.push(Param {
                wire: prop.wire.clone(),
                ty,
                required: param.required && prop.required,
                doc: None,
            });
        }
        Outcome::Sent(fields)
    }

    /// A `header` parameter, unless the client sets that header itself.
    pub(super) fn header_param(&mut self, param: &Declared<'a>, endpoint: &[String]) -> Outcome {
        if CLIENT_HEADERS.contains(&param.name.to_ascii_lowercase().as_str()) {
            self.warn(
                &param.pointer,
                format!(
                    "header `{}` is set by the client itself; left out",
                    param.name
                ),
            );
            return Outcome::LeftOut;
        }
        let (schema_pointer, translated) = self.param_schema(param);
        let doc = doc_of(param.node).or(translated.doc);
        let Some(ty) = self.sendable(&translated.ty, endpoint, &param.name, false) else {
            self.warn(
                &schema_pointer,
                format!(
                    "header parameter `{}` is not a scalar or a string enum; left out",
                    param.name
                ),
            );
            return Outcome::LeftOut;
        };
        Outcome::Sent(vec![Param {
            wire: param.name.clone(),
            ty,
            required: param.required,
            doc,
        }])
    }

    /// The type `ty` is sent as in a query (lists too when `lists`) or a header: scalars
    /// as they are, a timestamp or an untyped value as the text the caller gives, string
    /// enums by their values; `None` when it cannot be sent.
    /// A path or header parameter's schema, translated, and its pointer; a parameter
    /// without a schema is a string.
    pub(super) fn param_schema(&mut self, param: &Declared<'a>) -> (String, Translated) {
        let schema_pointer = pointer::child(&param.pointer, "schema");
        let translated = match param.node.get("schema") {
            Some(schema) => self.translator.translate(schema, &schema_pointer),
            None => Translated {
                ty: Ty::String,
                nullable: false,
                doc: None,
            },
        };
        (schema_pointer, translated)
    }

    fn sendable(&mut self, ty: &Ty, endpoint: &[String], wire: &str, lists: bool) -> Option<Ty> {
        match ty {
            Ty::String | Ty::Integer | Ty::Number | Ty::Boolean => Some(ty.clone()),
            Ty::DateTime | Ty::Any => Some(Ty::String),
            Ty::Named(id) if matches!(self.translator.shapes().shapes[*id].kind, Kind::Enum(_)) => {
                self.translator.shapes().add_use(
                    *id,
                    Use {
                        parent: None,
                        hint: Hint::Query(endpoint.to_vec(), wire.to_owned()),
                    },
                );
                Some(ty.clone())
            }
            // A string or a number (`anyOf` of scalars): sent as the text the caller gives.
            Ty::Named(id)
                if matches!(&self.translator.shapes().shapes[*id].kind, Kind::OneOf(alternatives)
                    if alternatives.iter().all(|a| matches!(a.ty,
                        Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::DateTime))) =>
            {
                Some(Ty::String)
            }
            Ty::List(items) if lists => {
                let items = self.sendable(items, endpoint, wire, false)?;
                Some(Ty::List(Box::new(items)))
            }
            _ => None,
        }
    }
}

/// The Rust field name a parameter gets, to find two that would clash.
pub fn field_name(wire: &str) -> String {
    crate::naming::field_name(wire).unwrap_or_else(|| wire.to_owned())
}
