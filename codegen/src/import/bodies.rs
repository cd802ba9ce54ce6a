//! Request bodies: JSON of any type, `multipart/form-data` forms (`format: binary`
//! properties as files, a `<any part name>` property as files in parts the caller names,
//! a `oneOf` of objects as one form of every alternative's parts), NDJSON lists, and
//! every other media type as raw bytes.

use super::node::Node;
use super::operations::{Builder, is_json, resource_name};
use super::pointer;
use super::shapes::{Hint, Kind, Ty, Use};
use crate::model::{BodyContent, HttpMethod};

/// A request body as the spec format sends it.
#[derive(Clone, Debug)]
pub struct Body {
    pub ty: Ty,
    pub content: BodyContent,
    /// For a `bytes` body whose media type is not `application/octet-stream`.
    pub media_type: Option<String>,
}

/// The media type of a multipart form.
const MULTIPART: &str = "multipart/form-data";
/// The media type of NDJSON, one JSON value per line.
const NDJSON: &str = "application/x-ndjson";
/// The media type a `bytes` body is sent with unless the spec says another.
const OCTET_STREAM: &str = "application/octet-stream";

impl<'a> Builder<'_, 'a, '_> {
    /// The body; `Some(None)` for none, `None` when the operation is skipped (reported).
    pub(super) fn body(&mut self, endpoint: &[String]) -> Option<Option<Body>> {
        let Some(body) = self.op.node.get("requestBody") else {
            return Some(None);
        };
        let at = pointer::child(&self.op.pointer, "requestBody");
        let (body, at) = self.follow(body, at, "/components/requestBodies/")?;
        let content_pointer = pointer::child(&at, "content");
        let Some(content) = body.get("content").and_then(Node::as_map) else {
            return Some(None);
        };
        // Media types in the order they are preferred, each with its schema.
        let with_schema = |wanted: &dyn Fn(&str) -> bool| {
            content.iter().find_map(|(media, entry)| {
                let schema = entry.get("schema")?;
                wanted(bare(media)).then(|| {
                    let media_pointer = pointer::child(&content_pointer, media);
                    (
                        media.as_str(),
                        schema,
                        pointer::child(&media_pointer, "schema"),
                    )
                })
            })
        };
        let chosen = with_schema(&|m| is_json(m))
            .map(|c| (BodyContent::Json, c))
            .or_else(|| with_schema(&|m| m == MULTIPART).map(|c| (BodyContent::Multipart, c)))
            .or_else(|| with_schema(&|m| m == NDJSON).map(|c| (BodyContent::Ndjson, c)))
            .or_else(|| with_schema(&|m| !is_json(m)).map(|c| (BodyContent::Bytes, c)));
        let Some((kind, (media, schema, schema_pointer))) = chosen else {
            if let Some(media) = content.keys().find(|m| !is_json(bare(m))) {
                // A raw body needs no schema: it is the bytes the caller gives.
                return Some(Some(bytes_body(media)));
            }
            if !content.is_empty() {
                self.warn(
                    &content_pointer,
                    "the body is declared without a schema; the request is sent without one",
                );
            }
            return Some(None);
        };
        if self.op.method == HttpMethod::Get {
            self.warn(
                &at,
                "a GET request cannot have a body in the spec format; the body is left out",
            );
            return Some(None);
        }
        let body = match kind {
            BodyContent::Json => {
                let ty = self.translator.translate(schema, &schema_pointer).ty;
                Body {
                    ty,
                    content: BodyContent::Json,
                    media_type: None,
                }
            }
            BodyContent::Multipart => {
                let ty = self.translator.translate_form(schema, &schema_pointer).ty;
                let is_object = matches!(&ty, Ty::Named(id)
                    if matches!(&self.translator.shapes().shapes[*id].kind, Kind::Object(props) if !props.is_empty()));
                if !is_object {
                    return self.skip(
                        &schema_pointer,
                        "its multipart form is not an object of named parts (its parts have arbitrary names), which the spec format cannot send",
                    );
                }
                Body {
                    ty,
                    content: BodyContent::Multipart,
                    media_type: None,
                }
            }
            // A file of lines (`type: string, format: binary`, as Vectorize's inserts
            // declare): the caller's bytes, sent with the NDJSON media type. Typed as a
            // list of strings it would send each line as a JSON string instead.
            BodyContent::Ndjson
                if schema.str("type") == Some("string")
                    && schema.str("format") == Some("binary") =>
            {
                bytes_body(media)
            }
            BodyContent::Ndjson => {
                let ty = match self.translator.translate(schema, &schema_pointer).ty {
                    list @ Ty::List(_) => list,
                    // The schema of one line: the body is a list of them.
                    item => Ty::List(Box::new(item)),
                };
                Body {
                    ty,
                    content: BodyContent::Ndjson,
                    media_type: None,
                }
            }
            BodyContent::Bytes => bytes_body(media),
        };
        // A body is named after its operation; the items of a list body (or the values
        // of a map) after the resource, as a list payload's are (`Rule` for `/rules`).
        let hint = match &body.ty {
            Ty::Named(id) => Some((*id, Hint::Body(endpoint.to_vec()))),
            Ty::List(items) | Ty::Map(items) => match items.named() {
                Some(id) => Some((
                    id,
                    Hint::ResponseItems {
                        resource: resource_name(&self.op.path),
                        endpoint: endpoint.to_vec(),
                    },
                )),
                _ => None,
            },
            _ => None,
        };
        if let Some((id, hint)) = hint {
            self.translator
                .shapes()
                .add_use(id, Use { parent: None, hint });
        }
        Some(Some(body))
    }
}

/// A raw body of `media`.
fn bytes_body(media: &str) -> Body {
    let media = bare(media);
    Body {
        ty: Ty::Binary,
        content: BodyContent::Bytes,
        media_type: (media != OCTET_STREAM && !media.contains('*')).then(|| media.to_owned()),
    }
}

/// A media type without its parameters (`; charset=utf-8`).
pub fn bare(media: &str) -> &str {
    media.split(';').next().unwrap_or(media).trim()
}
