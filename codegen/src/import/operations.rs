//! Operations into endpoints: their path, parameters ([`super::params`]), body
//! ([`super::bodies`]), success response ([`super::responses`]), numbered pages and the
//! declared error statuses. An operation the spec format cannot call is skipped with a
//! warning that says why.

use heck::ToUpperCamelCase;

use super::bodies::Body;
use super::document::Document;
use super::neighbours::{Neighbours, neighbours};
use super::node::Node;
use super::params::{Outcome, field_name};
use super::pointer;
use super::responses::Response;
use super::schema::{Translator, clean_doc, doc_of};
use super::shapes::{Kind, Shapes, Ty};
use crate::model::{HttpMethod, ResponseContent};

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
    /// What the rest of the document says about its name.
    pub neighbours: Neighbours,
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

    /// Whether the document marks the operation deprecated.
    pub fn deprecated(&self) -> bool {
        self.node.bool("deprecated").unwrap_or(false)
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
    let table = neighbours(&document.root, paths);
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
                neighbours: table.get(path, method),
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
    /// Header parameters, by header name.
    pub headers: Vec<Param>,
    pub body: Option<Body>,
    /// The JSON payload's type; `any` for a response that is not JSON.
    pub response: Ty,
    /// The envelope field of the payload; empty when the whole body is the payload.
    pub envelope: String,
    /// How the success response is read.
    pub response_content: ResponseContent,
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

/// Builds one endpoint; its parts are built in the modules named after them.
pub(super) struct Builder<'t, 'a, 'o> {
    pub(super) translator: &'t mut Translator<'a>,
    document: &'a Document,
    pub(super) op: &'o Operation<'a>,
}

/// A parameter as declared, its `$ref` followed.
pub(super) struct Declared<'a> {
    pub(super) name: String,
    pub(super) location: String,
    pub(super) required: bool,
    pub(super) node: &'a Node,
    pub(super) pointer: String,
}

impl<'a> Builder<'_, 'a, '_> {
    pub(super) fn skip<T>(&mut self, at: &str, why: impl Into<String>) -> Option<T> {
        self.translator.report().warn(
            self.op.document,
            at,
            format!("operation `{}` is skipped: {}", self.op.handle, why.into()),
        );
        None
    }

    pub(super) fn warn(&mut self, at: &str, message: impl Into<String>) {
        self.translator
            .report()
            .warn(self.op.document, at, message.into());
    }

    fn build(&mut self, name: Vec<String>) -> Option<Endpoint> {
        let parameters = self.parameters();
        let (path, placeholders) = self.path_template()?;
        let mut path_params = Vec::new();
        let mut query = Vec::new();
        let mut headers = Vec::new();
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
                    let (schema_pointer, translated) = self.param_schema(param);
                    // A path segment is text: an untyped schema (`{}`, as 146 of
                    // Cloudflare's identifiers are) loses nothing as a string.
                    let untyped = matches!(translated.ty, Ty::Any);
                    if !untyped && !is_scalar(&translated.ty, self.translator.shapes()) {
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
                "query" | "header" => {
                    let outcome = if param.location == "query" {
                        self.query_param(param, &name)
                    } else {
                        self.header_param(param, &name)
                    };
                    match outcome {
                        Outcome::Sent(fields) if param.location == "query" => query.extend(fields),
                        Outcome::Sent(fields) => headers.extend(fields),
                        Outcome::LeftOut if param.required => {
                            return self.skip(
                                &param.pointer,
                                format!(
                                    "its required {} parameter `{}` cannot be sent",
                                    param.location, param.name
                                ),
                            );
                        }
                        Outcome::LeftOut => {}
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
        self.distinct_fields(&mut query, &mut headers);
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
        let body = self.body(&name)?;
        let response = self.response(&name, &path)?;
        let pages = self.pages(&mut query, &response);
        Some(Endpoint {
            handle: self.op.handle.clone(),
            name,
            doc: operation_doc(self.op.node),
            method: self.op.method,
            path,
            path_params: ordered,
            query,
            headers,
            body,
            response: response.ty,
            envelope: response.envelope,
            response_content: response.content,
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
    pub(super) fn follow(
        &mut self,
        node: &'a Node,
        at: String,
        expected: &str,
    ) -> Option<(&'a Node, String)> {
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
            path.push('{');
            path.push_str(&name);
            path.push('}');
            // Written twice, it is one parameter that fills both places.
            if !placeholders.contains(&name) {
                placeholders.push(name);
            }
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

    /// `pages` when an optional `page` query parameter selects pages: of an object payload
    /// with one list field (its items), or of a list payload beside the envelope's
    /// `result_info` (the payload's items). A `page` typed `number` is made an integer.
    fn pages(&mut self, query: &mut [Param], response: &Response) -> Option<(String, String)> {
        let page = query.iter_mut().find(|p| p.wire == "page")?;
        if !matches!(page.ty, Ty::Integer | Ty::Number) || page.required {
            return None;
        }
        let items = match (&response.ty, response.payload_object) {
            (Ty::List(_), _) if response.result_info => String::new(),
            (_, Some(id)) => {
                let Kind::Object(props) = &self.translator.shapes().shapes[id].kind else {
                    return None;
                };
                let lists: Vec<&str> = props
                    .iter()
                    .filter(|p| p.required && !p.nullable && matches!(p.ty, Ty::List(_)))
                    .map(|p| p.wire.as_str())
                    .collect();
                match lists.as_slice() {
                    [items] => (*items).to_owned(),
                    _ => return None,
                }
            }
            _ => return None,
        };
        // Page numbers are whole; `number` is how some operations declare them.
        page.ty = Ty::Integer;
        Some((items, page.wire.clone()))
    }

    /// Leaves out a header whose Rust field name a query parameter (or an earlier header)
    /// already has: they share the method's query struct.
    fn distinct_fields(&mut self, query: &mut [Param], headers: &mut Vec<Param>) {
        let mut taken: Vec<String> = query.iter().map(|p| field_name(&p.wire)).collect();
        let mut kept = Vec::with_capacity(headers.len());
        for header in headers.drain(..) {
            let name = field_name(&header.wire);
            if taken.contains(&name) {
                self.warn(
                    &self.op.pointer.clone(),
                    format!(
                        "header `{}` would be the field `{name}`, which another parameter is; left out",
                        header.wire
                    ),
                );
                continue;
            }
            taken.push(name);
            kept.push(header);
        }
        *headers = kept;
    }

    /// Declared 4xx and 5xx statuses with their descriptions.
    fn errors(&mut self) -> Vec<(u16, String)> {
        let Some(responses) = self.op.node.get("responses").and_then(Node::as_map) else {
            return Vec::new();
        };
        let mut errors = Vec::new();
        for (status, response) in responses {
            // A range (`4XX`, as 1,227 of Cloudflare's operations declare, with the error
            // envelope) says what every error status already is to the SDK: an error
            // whose envelope and status the call returns. It is no entry of its own.
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

/// Whether `media` is JSON: `application/json` or `application/…+json`.
pub fn is_json(media: &str) -> bool {
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
pub fn resource_name(path: &str) -> String {
    let last = path
        .split('/')
        .rev()
        .find(|s| !s.is_empty() && !s.starts_with('{'))
        .unwrap_or("item");
    super::names::singular(&last.to_upper_camel_case())
}
