//! Operations into endpoints: parameters, the JSON body, the success response inside its
//! Cloudflare envelope, numbered pages and the declared error statuses. An operation the
//! spec format cannot call (a non-JSON body, a required header) is skipped with a warning
//! that says why.

use heck::ToUpperCamelCase;

use super::document::Document;
use super::endpoint_names::base_name;
use super::node::Node;
use super::pointer;
use super::schema::{Translator, clean_doc, doc_of};
use super::shapes::{Hint, Kind, Shapes, Ty, Use};
use crate::model::HttpMethod;

/// One operation of a document.
#[derive(Clone, Debug)]
pub struct Operation<'a> {
    /// Index of its document in the run.
    pub document: usize,
    /// Pointer to the operation object, `/paths/~1a~1{id}/get`.
    pub pointer: String,
    pub method: HttpMethod,
    pub path: String,
    pub node: &'a Node,
    path_item: &'a Node,
    /// How the config names it: its `operationId`, or `GET /path` when it has none.
    pub handle: String,
}

impl Operation<'_> {
    /// The operation's tags.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.node
            .get("tags")
            .and_then(Node::as_list)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str)
    }
}

/// Every operation of `document`, in document order; methods the spec format has no
/// word for (HEAD, OPTIONS, TRACE) are reported and left out.
pub fn operations<'a>(
    document: &'a Document,
    index: usize,
    report: &mut super::report::Report,
) -> Vec<Operation<'a>> {
    let mut found = Vec::new();
    let Some(paths) = document.root.get("paths").and_then(Node::as_map) else {
        return found;
    };
    for (path, item) in paths {
        let item_pointer = pointer::child("/paths", path);
        let Some(methods) = item.as_map() else {
            report.error(index, &item_pointer, "a path item must be a mapping");
            continue;
        };
        for (key, node) in methods {
            let method = match key.as_str() {
                "get" => HttpMethod::Get,
                "post" => HttpMethod::Post,
                "put" => HttpMethod::Put,
                "patch" => HttpMethod::Patch,
                "delete" => HttpMethod::Delete,
                "head" | "options" | "trace" => {
                    report.warn(
                        index,
                        &pointer::child(&item_pointer, key),
                        format!(
                            "{} operations are not supported; skipped",
                            key.to_uppercase()
                        ),
                    );
                    continue;
                }
                _ => continue,
            };
            let op_pointer = pointer::child(&item_pointer, key);
            if !matches!(node, Node::Map(_)) {
                report.error(index, &op_pointer, "an operation must be a mapping");
                continue;
            }
            let handle = node
                .str("operationId")
                .map_or_else(|| format!("{} {path}", method.as_str()), str::to_owned);
            found.push(Operation {
                document: index,
                pointer: op_pointer,
                method,
                path: path.clone(),
                node,
                path_item: item,
                handle,
            });
        }
    }
    found
}

/// A parameter of an endpoint.
#[derive(Clone, Debug)]
pub struct Param {
    pub wire: String,
    pub ty: Ty,
    pub required: bool,
    pub doc: Option<String>,
}

/// An operation made an endpoint, names of types still to be chosen.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The operation's `operationId` (or `METHOD /path`), as the config names it.
    pub handle: String,
    /// Namespaces then the method name.
    pub name: Vec<String>,
    pub doc: Option<String>,
    pub method: HttpMethod,
    /// The path template, placeholders as the path parameters' wire names.
    pub path: String,
    pub path_params: Vec<Param>,
    pub query: Vec<Param>,
    pub body: Option<Ty>,
    pub response: Ty,
    pub envelope: String,
    /// (items field, page parameter), both wire names.
    pub pages: Option<(String, String)>,
    pub errors: Vec<(u16, String)>,
}

impl Endpoint {
    /// `ai_gateway.dynamic_routing.list`.
    pub fn dotted(&self) -> String {
        self.name.join(".")
    }
}

/// The Cloudflare envelope's own fields; the one other field holds the payload.
const ENVELOPE_FIELDS: &[&str] = &["success", "errors", "messages", "result_info"];

/// Builds the endpoint for `op`, named `name`; `None` when it is skipped (reported).
pub fn endpoint<'a>(
    translator: &mut Translator<'a>,
    document: &'a Document,
    op: &Operation<'a>,
    name: Vec<String>,
) -> Option<Endpoint> {
    let mut builder = Builder {
        translator,
        document,
        op,
    };
    builder.build(name)
}

struct Builder<'t, 'a, 'o> {
    translator: &'t mut Translator<'a>,
    document: &'a Document,
    op: &'o Operation<'a>,
}

/// A parameter as declared, its `$ref` followed.
struct Declared<'a> {
    name: String,
    location: String,
    required: bool,
    node: &'a Node,
    pointer: String,
}

impl<'a> Builder<'_, 'a, '_> {
    fn skip<T>(&mut self, at: &str, why: impl Into<String>) -> Option<T> {
        self.translator.report().warn(
            self.op.document,
            at,
            format!("operation `{}` is skipped: {}", self.op.handle, why.into()),
        );
        None
    }

    fn warn(&mut self, at: &str, message: impl Into<String>) {
        self.translator
            .report()
            .warn(self.op.document, at, message.into());
    }

    fn build(&mut self, name: Vec<String>) -> Option<Endpoint> {
        let base = base_name(&name);
        let parameters = self.parameters();
        let (path, placeholders) = self.path_template()?;
        let mut path_params = Vec::new();
        let mut query = Vec::new();
        for param in &parameters {
            match param.location.as_str() {
                "path" => {
                    let wire = sanitize_placeholder(&param.name);
                    if !placeholders.contains(&wire) {
                        self.warn(
                            &param.pointer,
                            format!(
                                "path parameter `{}` is not in the path; left out",
                                param.name
                            ),
                        );
                        continue;
                    }
                    let schema_pointer = pointer::child(&param.pointer, "schema");
                    let translated = match param.node.get("schema") {
                        Some(schema) => self.translator.translate(schema, &schema_pointer),
                        None => super::schema::Translated {
                            ty: Ty::String,
                            nullable: false,
                            doc: None,
                        },
                    };
                    if !is_scalar(&translated.ty, self.translator.shapes()) {
                        self.warn(
                            &schema_pointer,
                            format!(
                                "path parameter `{}` is not a scalar; it is passed as a string",
                                param.name
                            ),
                        );
                    }
                    path_params.push(Param {
                        wire,
                        ty: Ty::String,
                        required: true,
                        doc: doc_of(param.node).or(translated.doc),
                    });
                }
                "query" => {
                    if let Some(param) = self.query_param(param, &base) {
                        query.push(param);
                    } else if param.required {
                        return self.skip(
                            &param.pointer,
                            format!(
                                "its required query parameter `{}` cannot be expressed",
                                param.name
                            ),
                        );
                    }
                }
                location => {
                    if param.required {
                        return self.skip(
                            &param.pointer,
                            format!(
                                "its required {location} parameter `{}` cannot be sent",
                                param.name
                            ),
                        );
                    }
                    self.warn(
                        &param.pointer,
                        format!(
                            "{location} parameter `{}` is not supported; left out",
                            param.name
                        ),
                    );
                }
            }
        }
        // Every placeholder is a parameter, in the order of the path.
        let mut ordered = Vec::with_capacity(placeholders.len());
        for placeholder in &placeholders {
            match path_params
                .iter()
                .position(|p: &Param| &p.wire == placeholder)
            {
                Some(i) => ordered.push(path_params.remove(i)),
                None => {
                    self.warn(
                        &self.op.pointer.clone(),
                        format!("`{{{placeholder}}}` in the path is not declared as a parameter; it is a string parameter"),
                    );
                    ordered.push(Param {
                        wire: placeholder.clone(),
                        ty: Ty::String,
                        required: true,
                        doc: None,
                    });
                }
            }
        }
        let body = self.body(&base)?;
        let (response, envelope, payload_object) = self.response(&base, &path)?;
        let pages = self.pages(&query, &response, payload_object);
        Some(Endpoint {
            handle: self.op.handle.clone(),
            name,
            doc: operation_doc(self.op.node),
            method: self.op.method,
            path,
            path_params: ordered,
            query,
            body,
            response,
            envelope,
            pages,
            errors: self.errors(),
        })
    }

    /// Path-item parameters, then the operation's, which replace those of the same name
    /// and location.
    fn parameters(&mut self) -> Vec<Declared<'a>> {
        let mut declared: Vec<Declared<'a>> = Vec::new();
        let item_pointer = self
            .op
            .pointer
            .rsplit_once('/')
            .map_or(String::new(), |(item, _)| item.to_owned());
        let sources = [
            (self.op.path_item, item_pointer),
            (self.op.node, self.op.pointer.clone()),
        ];
        for (owner, owner_pointer) in sources {
            let Some(list) = owner.get("parameters").and_then(Node::as_list) else {
                continue;
            };
            let list_pointer = pointer::child(&owner_pointer, "parameters");
            for (i, node) in list.iter().enumerate() {
                let at = pointer::child(&list_pointer, &i.to_string());
                let Some((node, at)) = self.follow(node, at, "/components/parameters/") else {
                    continue;
                };
                let (Some(name), Some(location)) = (node.str("name"), node.str("in")) else {
                    self.translator.report().error(
                        self.op.document,
                        &at,
                        "a parameter needs `name` and `in`",
                    );
                    continue;
                };
                let param = Declared {
                    name: name.to_owned(),
                    location: location.to_owned(),
                    required: node.bool("required") == Some(true) || location == "path",
                    node,
                    pointer: at,
                };
                declared.retain(|d| !(d.name == param.name && d.location == param.location));
                declared.push(param);
            }
        }
        declared
    }

    /// `node`, or what its `$ref` points at (which must be under `expected`).
    fn follow(&mut self, node: &'a Node, at: String, expected: &str) -> Option<(&'a Node, String)> {
        let Some(reference) = node.str("$ref") else {
            return Some((node, at));
        };
        let target = reference.strip_prefix('#').map(str::to_owned);
        match target
            .as_deref()
            .and_then(|t| pointer::resolve(&self.document.root, t).map(|n| (n, t)))
        {
            Some((found, target))
                if target.starts_with(expected) && found.get("$ref").is_none() =>
            {
                Some((found, target.to_owned()))
            }
            Some(_) => {
                self.warn(
                    &pointer::child(&at, "$ref"),
                    format!("`$ref: {reference}` should point under `#{expected}`; left out"),
                );
                None
            }
            None => {
                self.translator.report().error(
                    self.op.document,
                    &pointer::child(&at, "$ref"),
                    format!("`$ref: {reference}` points at nothing in the document"),
                );
                None
            }
        }
    }

    /// The path with placeholders made identifiers, and the placeholders in order.
    fn path_template(&mut self) -> Option<(String, Vec<String>)> {
        let mut path = String::with_capacity(self.op.path.len());
        let mut placeholders = Vec::new();
        let mut rest = self.op.path.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            path.push_str(&rest[..open]);
            let name = sanitize_placeholder(&rest[open + 1..open + close]);
            if placeholders.contains(&name) {
                return self.skip(
                    &self.op.pointer.clone(),
                    format!("`{{{name}}}` appears twice in its path"),
                );
            }
            path.push('{');
            path.push_str(&name);
            path.push('}');
            placeholders.push(name);
            rest = &rest[open + close + 1..];
        }
        path.push_str(rest);
        if let Err(problem) = crate::resolve::parse_path_template(&path) {
            return self.skip(
                &self.op.pointer.clone(),
                format!("its path is malformed: {problem}"),
            );
        }
        Some((path, placeholders))
    }

    fn query_param(&mut self, param: &Declared<'a>, base: &str) -> Option<Param> {
        let schema_pointer = pointer::child(&param.pointer, "schema");
        let Some(schema) = param.node.get("schema") else {
            self.warn(
                &param.pointer,
                format!("query parameter `{}` has no `schema`; left out", param.name),
            );
            return None;
        };
        let translated = self.translator.translate(schema, &schema_pointer);
        let ty = match translated.ty {
            Ty::String | Ty::Integer | Ty::Number | Ty::Boolean => translated.ty,
            // A timestamp, or a schema without a type, is sent as the text the caller gives.
            Ty::DateTime | Ty::Any => Ty::String,
            Ty::Named(id) if matches!(self.translator.shapes().shapes[id].kind, Kind::Enum(_)) => {
                self.translator.shapes().add_use(
                    id,
                    Use {
                        parent: None,
                        hint: Hint::Query(base.to_owned(), param.name.clone()),
                    },
                );
                translated.ty
            }
            _ => {
                self.warn(
                    &schema_pointer,
                    format!("query parameter `{}` is not a scalar, which the spec format cannot send yet; left out", param.name),
                );
                return None;
            }
        };
        Some(Param {
            wire: param.name.clone(),
            ty,
            required: param.required,
            doc: doc_of(param.node).or(translated.doc),
        })
    }

    /// The JSON body's type; `Some(None)` for no body, `None` when the operation is skipped.
    fn body(&mut self, base: &str) -> Option<Option<Ty>> {
        let Some(body) = self.op.node.get("requestBody") else {
            return Some(None);
        };
        let at = pointer::child(&self.op.pointer, "requestBody");
        let Some((body, at)) = self.follow(body, at, "/components/requestBodies/") else {
            return Some(None);
        };
        let Some((schema, schema_pointer)) = self.json_schema(body, &at) else {
            return match body.get("content").and_then(Node::as_map) {
                Some(content) if !content.is_empty() => {
                    let types: Vec<&str> = content.keys().map(String::as_str).collect();
                    self.skip(
                        &at,
                        format!("its body is `{}`, not JSON", types.join("`, `")),
                    )
                }
                _ => Some(None),
            };
        };
        if matches!(self.op.method, HttpMethod::Get | HttpMethod::Delete) {
            self.warn(
                &at,
                format!(
                    "a {} request cannot have a body in the spec format; the body is left out",
                    self.op.method.as_str()
                ),
            );
            return Some(None);
        }
        let translated = self.translator.translate(schema, &schema_pointer);
        let shapes = self.translator.shapes();
        match translated.ty {
            Ty::Named(id) if !matches!(shapes.shapes[id].kind, Kind::Enum(_)) => {
                shapes.add_use(
                    id,
                    Use {
                        parent: None,
                        hint: Hint::Body(base.to_owned()),
                    },
                );
                Some(Some(translated.ty))
            }
            _ => self.skip(
                &schema_pointer,
                "its body is not an object, which the spec format requires",
            ),
        }
    }

    /// The `application/json` schema of a request body or response, and its pointer.
    fn json_schema(&self, owner: &'a Node, at: &str) -> Option<(&'a Node, String)> {
        let content = owner.get("content")?.as_map()?;
        let (media, entry) = content.iter().find(|(media, _)| is_json(media))?;
        let schema = entry.get("schema")?;
        let media_pointer = pointer::child(&pointer::child(at, "content"), media);
        Some((schema, pointer::child(&media_pointer, "schema")))
    }

    /// The payload type, its envelope field, and whether the payload is an object (for
    /// pages); `None` when the operation is skipped.
    fn response(&mut self, base: &str, path: &str) -> Option<(Ty, String, Option<usize>)> {
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
        let at = pointer::child(&responses_pointer, status);
        let (response, at) = self.follow(response, at, "/components/responses/")?;
        let Some((schema, schema_pointer)) = self.json_schema(response, &at) else {
            return self.skip(&at, format!("its {status} response has no JSON body"));
        };
        let translated = self.translator.translate(schema, &schema_pointer);
        let shapes = self.translator.shapes();
        let envelope = match translated.ty {
            Ty::Named(id) => match &shapes.shapes[id].kind {
                Kind::Object(props) if props.iter().any(|p| p.wire == "success") => {
                    Some(props.clone())
                }
                _ => None,
            },
            _ => None,
        };
        let Some(props) = envelope else {
            return self.skip(
                &schema_pointer,
                "its response is not a Cloudflare envelope (`success` beside the payload)",
            );
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
        if props.iter().any(|p| p.wire == "result_info") {
            self.warn(
                &schema_pointer,
                "the envelope's `result_info` (page counts) is not returned yet",
            );
        }
        let Some(payload) = payload else {
            return Some((Ty::Any, "result".to_owned(), None));
        };
        let (ty, envelope) = (payload.ty.clone(), payload.wire.clone());
        let ty = if payload.nullable && ty.holds_null_untyped() {
            Ty::Any
        } else if payload.nullable {
            self.warn(
                &schema_pointer,
                format!("the payload `{envelope}` may be `null`, which a response type cannot be; typed `any`"),
            );
            Ty::Any
        } else {
            ty
        };
        let shapes = self.translator.shapes();
        let payload_object = match &ty {
            Ty::Named(id) => {
                shapes.add_use(
                    *id,
                    Use {
                        parent: None,
                        hint: Hint::Response(base.to_owned()),
                    },
                );
                matches!(shapes.shapes[*id].kind, Kind::Object(_)).then_some(*id)
            }
            Ty::List(items) => {
                if let Ty::Named(id) = **items {
                    shapes.add_use(
                        id,
                        Use {
                            parent: None,
                            hint: Hint::ResponseItems(resource_name(path)),
                        },
                    );
                }
                None
            }
            _ => None,
        };
        Some((ty, envelope, payload_object))
    }

    /// `pages` when a `page` query parameter selects pages of an object payload with one
    /// list field.
    fn pages(
        &mut self,
        query: &[Param],
        response: &Ty,
        payload: Option<usize>,
    ) -> Option<(String, String)> {
        let page = query.iter().find(|p| p.wire == "page")?;
        if page.ty != Ty::Integer || page.required {
            return None;
        }
        let Some(id) = payload else {
            if matches!(response, Ty::List(_)) {
                self.warn(
                    &self.op.pointer.clone(),
                    "the pages' items are the payload itself, which `pages` cannot express yet; page with the `page` parameter",
                );
            }
            return None;
        };
        let Kind::Object(props) = &self.translator.shapes().shapes[id].kind else {
            return None;
        };
        let lists: Vec<&str> = props
            .iter()
            .filter(|p| p.required && !p.nullable && matches!(p.ty, Ty::List(_)))
            .map(|p| p.wire.as_str())
            .collect();
        match lists.as_slice() {
            [items] => Some(((*items).to_owned(), page.wire.clone())),
            _ => None,
        }
    }

    /// Declared 4XX and 5XX statuses with their descriptions.
    fn errors(&mut self) -> Vec<(u16, String)> {
        let Some(responses) = self.op.node.get("responses").and_then(Node::as_map) else {
            return Vec::new();
        };
        let responses_pointer = pointer::child(&self.op.pointer, "responses");
        let mut errors = Vec::new();
        for (status, response) in responses {
            if matches!(status.as_str(), "4XX" | "5XX") {
                self.warn(
                    &pointer::child(&responses_pointer, status),
                    format!("the status range `{status}` cannot be an error entry; left out"),
                );
                continue;
            }
            let Some(code) = status
                .parse::<u16>()
                .ok()
                .filter(|c| (400..600).contains(c))
            else {
                continue;
            };
            let doc = response
                .str("description")
                .and_then(clean_doc)
                .map_or_else(|| format!("Status {code}."), |d| d.replace('\n', " "));
            errors.push((code, doc));
        }
        errors
    }
}

/// An endpoint's doc: its summary, then its description when that says more.
fn operation_doc(node: &Node) -> Option<String> {
    let summary = node.str("summary").and_then(clean_doc);
    let description = node.str("description").and_then(clean_doc);
    match (summary, description) {
        (Some(summary), Some(description)) if description != summary => {
            Some(format!("{summary}\n\n{description}"))
        }
        (Some(summary), _) => Some(summary),
        (None, description) => description,
    }
}

fn is_json(media: &str) -> bool {
    let media = media.split(';').next().unwrap_or(media).trim();
    media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"))
}

fn is_scalar(ty: &Ty, shapes: &Shapes) -> bool {
    match ty {
        Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::DateTime => true,
        Ty::Named(id) => matches!(shapes.shapes[*id].kind, Kind::Enum(_)),
        _ => false,
    }
}

/// A placeholder name as an identifier: `{zone-id}` → `zone_id`.
fn sanitize_placeholder(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() {
        "param".to_owned()
    } else {
        clean
    }
}

/// The singular of the path's last literal segment, `Gateway` for `/…/gateways`: the name
/// of the items of a list payload.
fn resource_name(path: &str) -> String {
    let last = path
        .split('/')
        .rev()
        .find(|s| !s.is_empty() && !s.starts_with('{'))
        .unwrap_or("item");
    super::names::singular(&last.to_upper_camel_case())
}
