//! Rules for endpoints. Each is a method on its namespace's handle
//! (`client.ai_gateway().dynamic_routing()`) taking the path parameters as `&str` in
//! declaration order, then `&{Method}Query` when it has query parameters, then `&Body`;
//! it returns `Call<Response>`. A paginated endpoint also has `{method}_stream`. Declared
//! errors appear only in the method's docs.

use std::collections::{BTreeMap, HashMap};

use super::fields::{self, Owner, OwnerKind};
use super::sites::{Key, Part};
use super::{Diff, Severity, code, list, rust};
use crate::model::Endpoint;

pub(super) fn compare(diff: &mut Diff<'_>) {
    let (old, new) = (diff.old.api(), diff.new.api());
    let old_by_name: HashMap<String, &Endpoint> =
        old.endpoints.iter().map(|e| (rust::dotted(e), e)).collect();
    let new_by_name: HashMap<String, &Endpoint> =
        new.endpoints.iter().map(|e| (rust::dotted(e), e)).collect();
    let moves = moves(&old.endpoints, &new.endpoints, &old_by_name, &new_by_name);
    let moved_to: HashMap<&str, &str> = moves
        .iter()
        .map(|(from, to)| (to.as_str(), from.as_str()))
        .collect();
    for endpoint in &old.endpoints {
        let name = rust::dotted(endpoint);
        if let Some(now) = new_by_name.get(&name) {
            compare_endpoint(diff, endpoint, now);
        } else if let Some(to) = moves.get(&name) {
            let now = new_by_name[to];
            moved(diff, endpoint, now);
            compare_endpoint(diff, endpoint, now);
        } else {
            removed(diff, endpoint);
        }
    }
    for endpoint in &new.endpoints {
        let name = rust::dotted(endpoint);
        if !old_by_name.contains_key(&name) && !moved_to.contains_key(name.as_str()) {
            added(diff, endpoint);
        }
    }
    namespaces(diff);
}

/// An endpoint that disappeared and one that appeared with the same HTTP method and path
/// (placeholders compared by position) are one endpoint renamed or moved, when neither
/// could be paired otherwise.
fn moves(
    old: &[Endpoint],
    new: &[Endpoint],
    old_by_name: &HashMap<String, &Endpoint>,
    new_by_name: &HashMap<String, &Endpoint>,
) -> BTreeMap<String, String> {
    // Endpoints by operation (method and positional path), on each side.
    let by_operation = |endpoints: &[Endpoint], others: &HashMap<String, &Endpoint>| {
        let mut map: HashMap<(&str, String), Vec<String>> = HashMap::new();
        for endpoint in endpoints {
            let name = rust::dotted(endpoint);
            if !others.contains_key(&name) {
                let operation = (endpoint.method.as_str(), positional_path(endpoint));
                map.entry(operation).or_default().push(name);
            }
        }
        map
    };
    let removed = by_operation(old, new_by_name);
    let added = by_operation(new, old_by_name);
    let mut moves = BTreeMap::new();
    for (operation, from) in &removed {
        if let ([from], Some([to])) = (&from[..], added.get(operation).map(Vec::as_slice)) {
            moves.insert(from.clone(), to.clone());
        }
    }
    moves
}

/// A path template taken apart: the text around the placeholders, and for each placeholder
/// the position of its argument among the path parameters.
struct PathParts<'a> {
    text: Vec<&'a str>,
    arguments: Vec<Option<usize>>,
}

impl<'a> PathParts<'a> {
    fn of(endpoint: &'a Endpoint) -> Self {
        let (mut text, mut arguments) = (Vec::new(), Vec::new());
        let mut rest = endpoint.path.as_str();
        while let Some((before, after)) = rest.split_once('{') {
            let Some((name, after)) = after.split_once('}') else {
                break;
            };
            text.push(before);
            arguments.push(
                endpoint
                    .path_params
                    .iter()
                    .position(|p| p.wire_name == name),
            );
            rest = after;
        }
        text.push(rest);
        Self { text, arguments }
    }

    /// The path with its placeholders emptied, `/a/{}/b/{}`: what changes only when the
    /// URL changes for every call.
    fn shape(&self) -> String {
        self.text.join("{}")
    }

    /// The path with each placeholder replaced by its argument's position, `/a/{0}/b/{1}`:
    /// the same for two endpoints that send the same URL for the same call.
    fn positional(&self) -> String {
        let mut path = String::new();
        for (text, argument) in self.text.iter().zip(&self.arguments) {
            path.push_str(text);
            path.push_str(&argument.map_or_else(|| "{?}".to_owned(), |i| format!("{{{i}}}")));
        }
        path.push_str(self.text.last().copied().unwrap_or_default());
        path
    }
}

fn positional_path(endpoint: &Endpoint) -> String {
    PathParts::of(endpoint).positional()
}

fn key(endpoint: &Endpoint) -> Key {
    Key::Endpoint(rust::dotted(endpoint))
}

fn removed(diff: &mut Diff<'_>, endpoint: &Endpoint) {
    let at = diff.old.site(&key(endpoint), None);
    let mut with = Vec::new();
    if endpoint.pages.is_some() {
        with.push(code(&rust::stream_path(endpoint)));
    }
    if let Some(query) = &endpoint.query_struct {
        with.push(code(query));
    }
    let with = if with.is_empty() {
        String::new()
    } else {
        format!(" ({} go with it)", list(&with))
    };
    diff.push(
        Severity::Breaking,
        at,
        diff.paths.method(endpoint),
        format!(
            "endpoint `{}` ({} {}) is removed: `{}` stops compiling{with}",
            rust::dotted(endpoint),
            endpoint.method.as_str(),
            endpoint.path,
            rust::call(endpoint)
        ),
        Some("stop calling it".to_owned()),
    );
}

fn added(diff: &mut Diff<'_>, endpoint: &Endpoint) {
    let at = diff.new.site(&key(endpoint), None);
    let mut extra = String::new();
    if endpoint.pages.is_some() {
        extra.push_str(&format!(", with `{}`", rust::stream_path(endpoint)));
    }
    if let Some(query) = &endpoint.query_struct {
        extra.push_str(&format!(" and its query struct `{query}`"));
    }
    diff.push(
        Severity::Additive,
        at,
        diff.paths.method(endpoint),
        format!(
            "new endpoint `{}` ({} {}): `{}`{extra}",
            rust::dotted(endpoint),
            endpoint.method.as_str(),
            endpoint.path,
            rust::call(endpoint)
        ),
        None,
    );
}

fn moved(diff: &mut Diff<'_>, old: &Endpoint, new: &Endpoint) {
    let at = diff.new.site(&key(new), None);
    let what = match (old.namespace == new.namespace, old.name == new.name) {
        (true, _) => "renamed",
        (false, true) => "moved",
        (false, false) => "renamed and moved",
    };
    let mut help = format!("call `{}`", rust::call(new));
    let (old_query, new_query) = (diff.paths.query_struct(old), diff.paths.query_struct(new));
    if let (Some(from), Some(to)) = (&old_query, &new_query)
        && from != to
    {
        help.push_str(&format!(" and use `{to}` in place of `{from}`"));
    }
    diff.push(
        Severity::Breaking,
        at,
        diff.paths.method(old),
        format!(
            "endpoint `{}` is {what} `{}` (same {} {}): `{}` stops compiling",
            rust::dotted(old),
            rust::dotted(new),
            new.method.as_str(),
            new.path,
            rust::call(old)
        ),
        Some(help),
    );
}

/// Compares an endpoint with its counterpart (same name, or renamed or moved).
fn compare_endpoint(diff: &mut Diff<'_>, old: &Endpoint, new: &Endpoint) {
    if old == new {
        // Nothing of it changed; a renamed type it uses is reported on its own.
        return;
    }
    let key = key(new);
    let method = diff.paths.method(new);
    let name = &rust::method_path(new);
    if old.doc != new.doc {
        let at = diff.new.site(&key, Some(Part::Doc));
        let message = format!("the doc of `{name}` changed");
        diff.push(Severity::Docs, at, method.clone(), message, None);
    }
    if old.method != new.method {
        let at = diff.new.site(&key, Some(Part::Method));
        diff.push(
            Severity::Wire,
            at,
            method.clone(),
            format!(
                "`{name}` sends {} instead of {}; the Rust API is unchanged",
                new.method.as_str(),
                old.method.as_str()
            ),
            None,
        );
    }
    path_params(diff, old, new);
    query(diff, old, new);
    body(diff, old, new);
    response(diff, old, new);
    pages(diff, old, new);
    errors(diff, old, new);
}

/// Path parameters are positional `&str` arguments: their names are only documentation,
/// their number and order are the method's signature, and a reorder compiles unchanged
/// and fills the path with swapped values.
fn path_params(diff: &mut Diff<'_>, old: &Endpoint, new: &Endpoint) {
    let key = key(new);
    let method = diff.paths.method(new);
    let name = &rust::method_path(new);
    let names = |e: &Endpoint| -> String {
        let names: Vec<&str> = e.path_params.iter().map(|p| p.rust_name.as_str()).collect();
        names.join(", ")
    };
    let mut swapped = false;
    if old.path_params.len() != new.path_params.len() {
        let at = diff.new.site(&key, Some(Part::PathParams));
        diff.push(
            Severity::Breaking,
            at,
            method,
            format!(
                "`{name}` takes {} path argument(s) ({}) instead of {} ({}): calls stop compiling",
                new.path_params.len(),
                names(new),
                old.path_params.len(),
                names(old)
            ),
            Some(format!(
                "pass the path arguments ({}) in this order",
                names(new)
            )),
        );
    } else if PathParts::of(old).arguments != PathParts::of(new).arguments {
        let at = diff.new.site(&key, Some(Part::PathParams));
        let moved: Vec<String> = old
            .path_params
            .iter()
            .zip(&new.path_params)
            .enumerate()
            .filter(|(_, (a, b))| a.wire_name != b.wire_name)
            .map(|(i, (a, b))| {
                format!(
                    "argument {} now fills `{{{}}}` instead of `{{{}}}`",
                    i + 1,
                    b.wire_name,
                    a.wire_name
                )
            })
            .collect();
        diff.push(
            Severity::Breaking,
            at,
            method.clone(),
            format!(
                "the path parameters of `{name}` are in another order, so `{name}({})` \
                 becomes `{name}({})`: they are all `&str`, so existing calls still compile \
                 and silently send each value in another place of the path ({})",
                names(old),
                names(new),
                list(&moved)
            ),
            Some(format!(
                "reorder the path arguments of every call to `{name}` to ({})",
                names(new)
            )),
        );
        swapped = true;
    }
    if PathParts::of(old).shape() != PathParts::of(new).shape() {
        let at = diff.new.site(&key, Some(Part::Path));
        diff.push(
            Severity::Wire,
            at,
            diff.paths.method(new),
            format!(
                "`{name}` requests `{}` instead of `{}`; the Rust API is unchanged",
                new.path, old.path
            ),
            None,
        );
    }
    if swapped || old.path_params.len() != new.path_params.len() {
        return;
    }
    for (a, b) in old.path_params.iter().zip(&new.path_params) {
        let param = Key::PathParam(rust::dotted(new), b.wire_name.clone());
        if a.rust_name != b.rust_name || a.wire_name != b.wire_name {
            let at = diff.new.site(&param, None);
            diff.push(
                Severity::Docs,
                at,
                diff.paths.method(new),
                format!(
                    "path parameter `{}` of `{name}` is now named `{}`; arguments are \
                     positional, so calls are unchanged and only the docs change",
                    a.rust_name, b.rust_name
                ),
                None,
            );
        } else if a.doc != b.doc {
            let at = diff.new.site(&param, Some(Part::Doc));
            diff.push(
                Severity::Docs,
                at,
                diff.paths.method(new),
                format!(
                    "the doc of path parameter `{}` of `{name}` changed",
                    b.rust_name
                ),
                None,
            );
        }
    }
}

/// Query parameters are the fields of the `{Method}Query` struct the method takes by
/// reference after the path parameters.
fn query(diff: &mut Diff<'_>, old: &Endpoint, new: &Endpoint) {
    let key = key(new);
    let method = diff.paths.method(new);
    let name = &rust::method_path(new);
    match (diff.paths.query_struct(old), diff.paths.query_struct(new)) {
        (None, None) => {}
        (None, Some(query)) => {
            let short = new.query_struct.clone().unwrap_or_default();
            let build = if new
                .query_params
                .iter()
                .chain(&new.header_params)
                .all(|f| f.optional)
            {
                format!("&{short}::default()")
            } else {
                format!("&{short}::new(…)")
            };
            let at = diff.new.site(&key, Some(Part::Query));
            diff.push(
                Severity::Breaking,
                at,
                method,
                format!(
                    "`{name}` takes query parameters: a new argument `query: &{short}` after \
                     the path arguments, so calls stop compiling"
                ),
                Some(format!("pass `{build}` (the struct is `{query}`)")),
            );
        }
        (Some(query), None) => {
            let at = diff
                .old
                .site(&Key::Endpoint(rust::dotted(old)), Some(Part::Query));
            diff.push(
                Severity::Breaking,
                at,
                method,
                format!(
                    "`{name}` no longer takes query parameters: its `&{}` argument and `{query}` \
                     are removed, so calls stop compiling",
                    old.query_struct.clone().unwrap_or_default()
                ),
                Some("drop the query argument".to_owned()),
            );
        }
        (Some(_), Some(query)) => {
            let owner = Owner {
                path: query,
                kind: OwnerKind::Query,
                names: (rust::dotted(old), rust::dotted(new)),
            };
            // Header parameters are fields of the same struct.
            let fields = |e: &Endpoint| -> Vec<_> {
                e.query_params
                    .iter()
                    .chain(&e.header_params)
                    .cloned()
                    .collect()
            };
            fields::compare(diff, &owner, &fields(old), &fields(new));
        }
    }
}

fn body(diff: &mut Diff<'_>, old: &Endpoint, new: &Endpoint) {
    let key = key(new);
    let method = diff.paths.method(new);
    let name = &rust::method_path(new);
    let argument = |body: &crate::model::Body| rust::body_argument(body);
    match (&old.body, &new.body) {
        (None, None) => {}
        (None, Some(body)) => {
            let body = argument(body);
            let at = diff.new.site(&key, Some(Part::Body));
            diff.push(
                Severity::Breaking,
                at,
                method,
                format!(
                    "`{name}` takes a body: a new last argument `body: {body}`, so calls stop \
                     compiling"
                ),
                Some(format!("pass a `{body}`")),
            );
        }
        (Some(body), None) => {
            let body = argument(body);
            let at = diff
                .old
                .site(&Key::Endpoint(rust::dotted(old)), Some(Part::Body));
            diff.push(
                Severity::Breaking,
                at,
                method,
                format!(
                    "`{name}` no longer takes a body: its `{body}` argument is removed, so \
                     calls stop compiling"
                ),
                Some("drop the body argument".to_owned()),
            );
        }
        (Some(a), Some(b)) => {
            let (was, now) = (argument(a), argument(b));
            let renamed = crate::model::Body {
                ty: diff.renamed(&a.ty),
                ..a.clone()
            };
            if argument(&renamed) != now {
                let at = diff.new.site(&key, Some(Part::Body));
                diff.push(
                    Severity::Breaking,
                    at,
                    method,
                    format!("`{name}` takes its body as `{now}` instead of `{was}`: calls stop compiling"),
                    Some(format!("pass a `{now}` for the body")),
                );
            } else if (a.content, &a.media_type) != (b.content, &b.media_type) {
                let at = diff.new.site(&key, Some(Part::Body));
                diff.push(
                    Severity::Wire,
                    at,
                    method,
                    format!(
                        "`{name}` sends its body as {} instead of {}; the Rust API is unchanged",
                        rust::body_encoding(b),
                        rust::body_encoding(a)
                    ),
                    None,
                );
            }
        }
    }
}

fn response(diff: &mut Diff<'_>, old: &Endpoint, new: &Endpoint) {
    let key = key(new);
    let name = &rust::method_path(new);
    let (a, b) = (&old.response, &new.response);
    if !diff.same_type(&a.ty, &b.ty) || a.content != b.content {
        let at = diff.new.site(&key, Some(Part::Response));
        let (from, to) = (rust::response_type(a), rust::response_type(b));
        diff.push(
            Severity::Breaking,
            at,
            diff.paths.method(new),
            format!(
                "`{name}` returns `{to}` instead of `{from}`: code that uses the result as a \
                 `{from}` stops compiling"
            ),
            Some(format!(
                "update the code that uses the result of `{name}` to `{to}`"
            )),
        );
    }
    if a.envelope != b.envelope {
        let at = diff.new.site(&key, Some(Part::Envelope));
        diff.push(
            Severity::Wire,
            at,
            diff.paths.method(new),
            format!(
                "`{name}` reads its result from the envelope's `{}` field instead of `{}`; the \
                 Rust API is unchanged",
                b.envelope, a.envelope
            ),
            None,
        );
    }
}

fn pages(diff: &mut Diff<'_>, old: &Endpoint, new: &Endpoint) {
    let key = key(new);
    let stream = rust::stream_path(new);
    let item = diff.paths.stream_method(new);
    match (&old.pages, &new.pages) {
        (None, None) => {}
        (None, Some(_)) => {
            let at = diff.new.site(&key, Some(Part::Pages));
            diff.push(
                Severity::Additive,
                at,
                item,
                format!(
                    "new method `{stream}`: every item of `{}`, page after page",
                    rust::method_path(new)
                ),
                None,
            );
        }
        (Some(_), None) => {
            let at = diff
                .old
                .site(&Key::Endpoint(rust::dotted(old)), Some(Part::Pages));
            diff.push(
                Severity::Breaking,
                at,
                diff.paths.stream_method(old),
                format!(
                    "`{}` is no longer paginated: `{}` is removed, so code calling it stops \
                     compiling",
                    rust::method_path(old),
                    rust::stream_path(old)
                ),
                Some(format!(
                    "call `{}` page by page instead",
                    rust::method_path(new)
                )),
            );
        }
        (Some(a), Some(b)) => {
            let at = diff.new.site(&key, Some(Part::Pages));
            if !diff.same_type(&a.item, &b.item) {
                let (from, to) = (rust::type_name(&a.item), rust::type_name(&b.item));
                diff.push(
                    Severity::Breaking,
                    at.clone(),
                    item.clone(),
                    format!(
                        "`{stream}` yields `{to}` instead of `{from}`: code that uses the items \
                         as `{from}` stops compiling"
                    ),
                    Some(format!("update the code that uses the items to `{to}`")),
                );
            }
            if a.page_wire != b.page_wire {
                diff.push(
                    Severity::Wire,
                    at.clone(),
                    item.clone(),
                    format!(
                        "`{stream}` selects pages with `{}=` instead of `{}=`; the Rust API is \
                         unchanged",
                        b.page_wire, a.page_wire
                    ),
                    None,
                );
            }
            if a.items_field != b.items_field {
                diff.push(
                    Severity::Wire,
                    at,
                    item,
                    format!(
                        "`{stream}` takes the items of a page from `{}` instead of `{}`",
                        b.items_field.as_deref().unwrap_or("the payload itself"),
                        a.items_field.as_deref().unwrap_or("the payload itself")
                    ),
                    None,
                );
            }
        }
    }
}

/// Declared errors only document the method.
fn errors(diff: &mut Diff<'_>, old: &Endpoint, new: &Endpoint) {
    if old.errors == new.errors {
        return;
    }
    let method = diff.paths.method(new);
    let name = &rust::method_path(new);
    let meaning = |errors: &[(u16, String)], status: u16| {
        errors
            .iter()
            .find(|(s, _)| *s == status)
            .map(|(_, m)| m.clone())
    };
    let mut changed = false;
    for (status, text) in &old.errors {
        match meaning(&new.errors, *status) {
            None => {
                let at = diff.old.site(&Key::Error(rust::dotted(old), *status), None);
                let message = format!("`{name}` no longer documents the error status {status}");
                diff.push(Severity::Docs, at, method.clone(), message, None);
                changed = true;
            }
            Some(now) if now != *text => {
                let at = diff.new.site(&Key::Error(rust::dotted(new), *status), None);
                let message =
                    format!("the documented meaning of error {status} of `{name}` changed");
                diff.push(Severity::Docs, at, method.clone(), message, None);
                changed = true;
            }
            Some(_) => {}
        }
    }
    for (status, _) in &new.errors {
        if meaning(&old.errors, *status).is_none() {
            let at = diff.new.site(&Key::Error(rust::dotted(new), *status), None);
            let message = format!("`{name}` documents a new error status {status}");
            diff.push(Severity::Docs, at, method.clone(), message, None);
            changed = true;
        }
    }
    if !changed {
        let at = diff.new.site(&key(new), Some(Part::Errors));
        let message = format!("the errors of `{name}` are documented in another order");
        diff.push(Severity::Docs, at, method, message, None);
    }
}

/// Each namespace is a module, a handle type and an accessor (`client.ai_gateway()`).
fn namespaces(diff: &mut Diff<'_>) {
    let collect = |endpoints: &[Endpoint]| {
        let mut namespaces: BTreeMap<Vec<String>, String> = BTreeMap::new();
        for endpoint in endpoints {
            for depth in 1..=endpoint.namespace.len() {
                namespaces
                    .entry(endpoint.namespace[..depth].to_vec())
                    .or_insert_with(|| rust::dotted(endpoint));
            }
        }
        namespaces
    };
    let old = collect(&diff.old.api().endpoints);
    let new = collect(&diff.new.api().endpoints);
    let module =
        |namespace: &[String]| format!("{}::{}", diff.paths.crate_name, namespace.join("::"));
    let accessor = |namespace: &[String]| {
        let calls: Vec<String> = namespace.iter().map(|s| format!(".{s}()")).collect();
        format!("client{}", calls.concat())
    };
    let mut changes = Vec::new();
    for (namespace, first) in &old {
        if !new.contains_key(namespace) {
            let at = diff.old.site(&Key::Endpoint(first.clone()), None);
            changes.push((
                Severity::Breaking,
                at,
                module(namespace),
                format!(
                    "namespace `{}` is gone with its last endpoint: `{}`, its handle type and \
                     its module stop compiling",
                    namespace.join("."),
                    accessor(namespace)
                ),
                Some("stop using it".to_owned()),
            ));
        }
    }
    for (namespace, first) in &new {
        if !old.contains_key(namespace) {
            let at = diff.new.site(&Key::Endpoint(first.clone()), None);
            changes.push((
                Severity::Additive,
                at,
                module(namespace),
                format!(
                    "new namespace `{}`: `{}`",
                    namespace.join("."),
                    accessor(namespace)
                ),
                None,
            ));
        }
    }
    for (severity, at, item, message, help) in changes {
        diff.push(severity, at, item, message, help);
    }
}
