//! The success response of an operation: the payload inside Cloudflare's envelope, a JSON
//! body without the envelope, text, bytes, or nothing at all.

use super::bodies::bare;
use super::node::Node;
use super::operations::{Builder, is_json, resource_name};
use super::pointer;
use super::shapes::{Hint, Kind, Ty, Use};
use crate::model::ResponseContent;

/// The Cloudflare envelope's own fields; the one other field holds the payload.
const ENVELOPE_FIELDS: &[&str] = &["success", "errors", "messages", "result_info"];

/// What a successful call returns.
#[derive(Clone, Debug)]
pub struct Response {
    /// The payload's type (JSON only; `any` otherwise).
    pub ty: Ty,
    /// The envelope field that holds it; empty when the whole body is the payload.
    pub envelope: String,
    pub content: ResponseContent,
    /// The payload's shape when it is an object (its list field may be pages' items).
    pub payload_object: Option<usize>,
    /// Whether the envelope has `result_info` beside the payload (page counts).
    pub result_info: bool,
}

impl Response {
    fn raw(content: ResponseContent) -> Self {
        Self {
            ty: Ty::Any,
            envelope: String::new(),
            content,
            payload_object: None,
            result_info: false,
        }
    }
}

impl<'a> Builder<'_, 'a, '_> {
    /// The success response; `None` when the operation is skipped (reported).
    pub(super) fn response(&mut self, endpoint: &[String], path: &str) -> Option<Response> {
        let responses_pointer = pointer::child(&self.op.pointer, "responses");
        let Some(responses) = self.op.node.get("responses").and_then(Node::as_map) else {
            return self.skip(&self.op.pointer.clone(), "it declares no responses");
        };
        let success = responses
            .iter()
            .filter(|(status, _)| status.starts_with('2'))
            .min_by_key(|(status, _)| status.as_str());
        let Some((status, response)) = success else {
            return self.skip(&responses_pointer, "it declares no success (2XX) response");
        };
        if status == "204" {
            return Some(Response::raw(ResponseContent::None));
        }
        let at = pointer::child(&responses_pointer, status);
        let (response, at) = self.follow(response, at, "/components/responses/")?;
        let content_pointer = pointer::child(&at, "content");
        let content = response
            .get("content")
            .and_then(Node::as_map)
            .filter(|c| !c.is_empty());
        let Some(content) = content else {
            return Some(Response::raw(ResponseContent::None));
        };
        let json = content.iter().find(|(media, _)| is_json(bare(media)));
        let Some((media, entry)) = json else {
            let text = content.keys().any(|media| is_text(bare(media)));
            return Some(Response::raw(if text {
                ResponseContent::Text
            } else {
                ResponseContent::Bytes
            }));
        };
        let media_pointer = pointer::child(&content_pointer, media);
        let Some(schema) = entry.get("schema") else {
            self.warn(
                &media_pointer,
                "the JSON response has no schema; the whole body is returned, typed `any`",
            );
            return Some(Response::raw(ResponseContent::Json));
        };
        let schema_pointer = pointer::child(&media_pointer, "schema");
        let translated = self.translator.translate(schema, &schema_pointer);
        let envelope = match &translated.ty {
            Ty::Named(id) => match &self.translator.shapes().shapes[*id].kind {
                Kind::Object(props) if props.iter().any(|p| p.wire == "success") => {
                    Some(props.clone())
                }
                _ => None,
            },
            _ => None,
        };
        let Some(props) = envelope else {
            // Not Cloudflare's envelope: the whole body is the payload.
            let ty = may_be_null(translated.ty, translated.nullable);
            return Some(self.payload(endpoint, path, ty, String::new(), false));
        };
        let payloads: Vec<_> = props
            .iter()
            .filter(|p| !ENVELOPE_FIELDS.contains(&p.wire.as_str()))
            .collect();
        let payload = match payloads.as_slice() {
            [] => None,
            [one] => Some(*one),
            several => several
                .iter()
                .copied()
                .find(|p| p.wire == "result")
                .or_else(|| Some(several[0])),
        };
        if payloads.len() > 1 {
            let chosen = payload.map_or("result", |p| p.wire.as_str()).to_owned();
            let others: Vec<String> = payloads
                .iter()
                .filter(|p| p.wire != chosen)
                .map(|p| format!("`{}`", p.wire))
                .collect();
            self.warn(
                &schema_pointer,
                format!(
                    "the envelope has several payload fields; `{chosen}` is returned, {} left out",
                    others.join(", ")
                ),
            );
        }
        let result_info = props.iter().any(|p| p.wire == "result_info");
        let Some(payload) = payload else {
            return Some(Response {
                envelope: "result".to_owned(),
                result_info,
                ..Response::raw(ResponseContent::Json)
            });
        };
        let ty = may_be_null(payload.ty.clone(), payload.nullable);
        Some(self.payload(endpoint, path, ty, payload.wire.clone(), result_info))
    }

    /// A JSON payload, its shape's use recorded for its name.
    fn payload(
        &mut self,
        endpoint: &[String],
        path: &str,
        ty: Ty,
        envelope: String,
        result_info: bool,
    ) -> Response {
        let shapes = self.translator.shapes();
        // A payload that may be `null` is named as the value it holds, and has no pages.
        let (value, pageable) = match &ty {
            Ty::Nullable(value) => (&**value, false),
            value => (value, true),
        };
        let payload_object = match value {
            Ty::Named(id) => {
                shapes.add_use(
                    *id,
                    Use {
                        parent: None,
                        hint: Hint::Response(endpoint.to_vec()),
                    },
                );
                (pageable && matches!(shapes.shapes[*id].kind, Kind::Object(_))).then_some(*id)
            }
            // The items of a list, or the values of a map (`map<nullable<…>>` by id).
            Ty::List(items) | Ty::Map(items) => {
                if let Some(id) = items.named() {
                    shapes.add_use(
                        id,
                        Use {
                            parent: None,
                            hint: Hint::ResponseItems {
                                resource: resource_name(path),
                                endpoint: endpoint.to_vec(),
                            },
                        },
                    );
                }
                None
            }
            _ => None,
        };
        Response {
            ty,
            envelope,
            content: ResponseContent::Json,
            payload_object,
            result_info,
        }
    }
}

/// A payload's type, `nullable<T>` when it may be `null` and `T` does not hold `null`
/// already (`any`, a free-form object taken as `any`).
fn may_be_null(ty: Ty, nullable: bool) -> Ty {
    if !nullable {
        ty
    } else if ty.holds_null_untyped() {
        Ty::Any
    } else {
        Ty::Nullable(Box::new(ty))
    }
}

/// Media types read as text: `text/*` and the textual `application/` ones.
fn is_text(media: &str) -> bool {
    media.starts_with("text/")
        || matches!(
            media,
            "application/javascript"
                | "application/xml"
                | "application/yaml"
                | "application/x-yaml"
        )
        || media.ends_with("+xml")
}
