//! Endpoint names: Cloudflare's SDK names or names from the path, and the registry that
//! keeps them from clashing with each other, with namespaces, and with what the generated
//! code names itself.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::operations::Operation;
use crate::model::HttpMethod;
use crate::validate::{CLIENT_METHODS, RESERVED_NAMESPACES, RESERVED_TYPE_NAMES};

/// The endpoint name an operation gets without config: Cloudflare's SDK names
/// (`x-fern-sdk-group-name` + `x-fern-sdk-method-name`) when present, else names from the
/// path (literal segments become namespaces) and the HTTP method (`list`, `get`,
/// `create`, `update`, `edit`, `delete`).
pub fn default_name(op: &Operation<'_>) -> Vec<String> {
    let fern_group = op.node.str("x-fern-sdk-group-name");
    let fern_method = op.node.str("x-fern-sdk-method-name");
    if let (Some(group), Some(method)) = (fern_group, fern_method) {
        let mut name: Vec<String> = group.split('.').map(snake_segment).collect();
        name.push(snake_segment(method));
        return name;
    }
    let segments: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
    let is_param = |s: &str| s.starts_with('{');
    // `/accounts/{account_id}/…` and `/zones/{zone_id}/…` scope everything below them.
    let skip = if segments.len() > 2
        && !is_param(segments[0])
        && is_param(segments[1])
        && segments[2..].iter().any(|s| !is_param(s))
    {
        2
    } else {
        0
    };
    let mut name: Vec<String> = segments[skip..]
        .iter()
        .filter(|s| !is_param(s))
        .map(|s| snake_segment(s))
        .collect();
    let on_item = segments.last().is_some_and(|s| is_param(s));
    name.push(
        match (op.method, on_item) {
            (HttpMethod::Get, false) => "list",
            (HttpMethod::Get, true) => "get",
            (HttpMethod::Post, _) => "create",
            (HttpMethod::Put, _) => "update",
            (HttpMethod::Patch, _) => "edit",
            (HttpMethod::Delete, _) => "delete",
        }
        .to_owned(),
    );
    name
}

/// A `snake_case` namespace or method segment from any text; keywords, which cannot
/// name a method, get a suffix.
pub fn snake_segment(text: &str) -> String {
    let snake = text.to_snake_case();
    let snake = if snake.is_empty() {
        "api".to_owned()
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    };
    match crate::naming::snake_name(&snake) {
        Some(name) if !name.starts_with("r#") => name,
        _ => format!("{snake}_api"),
    }
}

/// `DynamicRoutingList` for `ai_gateway.dynamic_routing.list`: the start of the names of
/// an endpoint's body and response types.
pub fn base_name(name: &[String]) -> String {
    let len = name.len();
    name[len.saturating_sub(2)..]
        .iter()
        .map(|s| s.to_upper_camel_case())
        .collect()
}

/// Why a name cannot be taken, and which segment to change.
pub enum Clash {
    /// The method name: another endpoint or a namespace has it, or the client.
    Method(String),
    /// The namespace segment at this index: it is another endpoint, or hides a crate.
    Namespace(usize, String),
}

/// Endpoint names taken so far, and the namespaces they make.
#[derive(Default)]
pub struct EndpointNames {
    endpoints: BTreeSet<Vec<String>>,
    namespaces: BTreeSet<Vec<String>>,
}

impl EndpointNames {
    /// Why `name` cannot be taken, if it cannot.
    pub fn conflict(&self, name: &[String]) -> Option<Clash> {
        let (method, namespace) = name.split_last()?;
        if let Some(len) = (1..name.len()).find(|&len| self.endpoints.contains(&name[..len])) {
            return Some(Clash::Namespace(
                len - 1,
                "puts it in a namespace that is another endpoint's name".to_owned(),
            ));
        }
        if let Some(i) = namespace
            .iter()
            .position(|s| RESERVED_NAMESPACES.contains(&s.as_str()))
        {
            return Some(Clash::Namespace(
                i,
                format!(
                    "has the namespace `{}`, which would hide a crate",
                    namespace[i]
                ),
            ));
        }
        if let Some(i) = namespace
            .iter()
            .position(|s| RESERVED_TYPE_NAMES.contains(&s.to_upper_camel_case().as_str()))
        {
            return Some(Clash::Namespace(
                i,
                format!(
                    "has the namespace `{}`, whose handle type the generated code names itself",
                    namespace[i]
                ),
            ));
        }
        if namespace
            .first()
            .is_some_and(|s| CLIENT_METHODS.contains(&s.as_str()))
        {
            return Some(Clash::Namespace(
                0,
                format!(
                    "would make `Client::{}`, which the client has",
                    namespace[0]
                ),
            ));
        }
        if self.endpoints.contains(name) {
            return Some(Clash::Method("is taken by another endpoint".to_owned()));
        }
        if self.namespaces.contains(name) {
            return Some(Clash::Method(
                "is also a namespace of other endpoints".to_owned(),
            ));
        }
        if namespace.is_empty() && CLIENT_METHODS.contains(&method.as_str()) {
            return Some(Clash::Method(format!(
                "would be `Client::{method}`, which the client has"
            )));
        }
        None
    }

    /// `name`, changed until it clashes with nothing: the method becomes the operation's
    /// id (then numbered), a clashing namespace segment gets `_api`.
    pub fn unique(&self, mut name: Vec<String>, handle: &str) -> Vec<String> {
        let by_id = snake_segment(handle);
        let mut attempt = 0;
        while let Some(clash) = self.conflict(&name) {
            match clash {
                Clash::Method(_) => {
                    attempt += 1;
                    let last = name.len() - 1;
                    name[last] = if attempt == 1 {
                        by_id.clone()
                    } else {
                        format!("{by_id}_{attempt}")
                    };
                }
                Clash::Namespace(i, _) => name[i] = format!("{}_api", name[i]),
            }
        }
        name
    }

    pub fn claim(&mut self, name: &[String]) {
        for len in 1..name.len() {
            self.namespaces.insert(name[..len].to_vec());
        }
        self.endpoints.insert(name.to_vec());
    }
}
