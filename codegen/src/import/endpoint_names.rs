//! Endpoint names: Cloudflare's SDK names or names from the path, and the registry that
//! keeps them from clashing with each other, with namespaces, and with what the generated
//! code names itself.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::neighbours::Neighbours;
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
    action_name(
        path_tail(&scoped_segments(&op.path), op.method, method_name(op)),
        op,
    )
}

/// The endpoint name the path segments below a namespace give: a namespace per literal
/// segment, then the method's name. A scoped name (`@cf/meta/llama-3-8b-instruct`, as npm
/// writes packages) is one thing, not namespaces: a POST to it runs it and is named by
/// its last segment (`run.llama_3_8b_instruct`); otherwise the method is `method`.
pub fn path_tail(segments: &[&str], http: HttpMethod, method: String) -> Vec<String> {
    let scoped = segments.iter().position(|s| s.starts_with('@'));
    match scoped {
        Some(at) if http == HttpMethod::Post && !segments[at..].iter().any(|s| is_param(s)) => {
            let mut name = namespace_segments(&segments[..at]);
            name.push(snake_segment(segments.last().copied().unwrap_or_default()));
            name
        }
        _ => {
            let mut name = namespace_segments(segments);
            name.push(method);
            name
        }
    }
}

/// The namespaces the literal segments of a path make: `snake_case`, without `new`, which
/// names an action (`POST /requests/new`), not a resource, and would make a handle method
/// `new` that does not return `Self`.
pub fn namespace_segments(segments: &[&str]) -> Vec<String> {
    segments
        .iter()
        .filter(|s| !is_param(s) && **s != "new")
        .map(|s| snake_segment(s))
        .collect()
}

/// Whether a path segment is a `{parameter}`.
pub fn is_param(segment: &str) -> bool {
    segment.starts_with('{')
}

/// The segments of `path` below its scope: `/accounts/{account_id}/…` and
/// `/zones/{zone_id}/…` (any `/name/{param}` with literal segments after it) scope
/// everything below them; a path that is only a scope (`/zones/{zone_id}`) keeps it.
pub fn scoped_segments(path: &str) -> Vec<&str> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let scoped = segments.len() > 2
        && !is_param(segments[0])
        && is_param(segments[1])
        && segments[2..].iter().any(|s| !is_param(s));
    segments[if scoped { 2 } else { 0 }..].to_vec()
}

/// The method name an operation gets by its HTTP method: `list` (GET of a collection,
/// or a POST that says it lists), `get` (GET of an item, or of a path that answers one
/// object), `create`, `update` (PUT), `edit` (PATCH, or a POST that changes an item);
/// `delete`; `bulk_update`, `bulk_edit`, `bulk_delete` for one that acts on many items of
/// a collection beside one that acts on one; then [`method_suffix`].
pub fn method_name(op: &Operation<'_>) -> String {
    let word = method_word(op.method, on_item(op), &op.neighbours);
    format!("{word}{}", method_suffix(op))
}

/// What tells a method from its twins: `_for_{scope}` (`list_for_zone`) when the same
/// operation is also under a scope that comes first (`accounts`), `_for_{item}` for a
/// parameter in the middle, and `_deprecated` for a deprecated one beside its current
/// version.
fn method_suffix(op: &Operation<'_>) -> String {
    let mut suffix = String::new();
    for of in [&op.neighbours.of_item, &op.neighbours.other_scope]
        .into_iter()
        .flatten()
    {
        suffix.push_str("_for_");
        suffix.push_str(of);
    }
    if op.neighbours.superseded {
        suffix.push_str("_deprecated");
    }
    suffix
}

/// The name of an action (see [`Neighbours::action`]): its last namespace, the action's
/// segment, is the method on the namespace before it, with the method's suffix
/// (`d1.database.query.create` → `d1.database.query`, `…validate.create_for_zone` →
/// `…validate_for_zone`). A name that would leave no namespace, or any other operation's
/// name, is kept.
pub fn action_name(mut name: Vec<String>, op: &Operation<'_>) -> Vec<String> {
    if op.neighbours.action && name.len() >= 3 {
        name.pop();
        if let Some(action) = name.pop() {
            name.push(format!("{action}{}", method_suffix(op)));
        }
    }
    name
}

/// Whether the path ends in a parameter: the operation acts on one item.
fn on_item(op: &Operation<'_>) -> bool {
    op.path.split('/').next_back().is_some_and(is_param)
}

/// The verb of [`method_name`].
fn method_word(method: HttpMethod, on_item: bool, neighbours: &Neighbours) -> &'static str {
    match (method, on_item) {
        (HttpMethod::Get, false) if neighbours.answers_one => "get",
        (HttpMethod::Get, false) => "list",
        (HttpMethod::Get, true) => "get",
        (HttpMethod::Post, false) if neighbours.lists => "list",
        (HttpMethod::Post, true) if neighbours.edits => "edit",
        (HttpMethod::Post, _) => "create",
        (HttpMethod::Put, _) if neighbours.bulk => "bulk_update",
        (HttpMethod::Put, _) => "update",
        (HttpMethod::Patch, _) if neighbours.bulk => "bulk_edit",
        (HttpMethod::Patch, _) => "edit",
        (HttpMethod::Delete, _) if neighbours.bulk => "bulk_delete",
        (HttpMethod::Delete, _) => "delete",
    }
}

/// The method names to try, in order, for an operation whose default name (its method
/// `verb`) clashes: its `operationId` without the words its namespace and `tags` already
/// say (`workers-kv-namespace-list-namespaces` in `kv.namespaces` → `list`); then the verb
/// with the id's words its namespace does not say (`zone-level-access-groups-list-access-groups`
/// in `zero_trust.access.groups` → `list_zone_level`), each word once; then the whole id.
pub fn names_from_id(handle: &str, namespace: &[String], tags: &[&str], verb: &str) -> Vec<String> {
    let full = snake_segment(handle);
    let namespace_words = words_of(namespace.iter().map(String::as_str));
    let mut known = namespace_words.clone();
    known.extend(words_of(tags.iter().copied()));
    let mut names = Vec::new();
    let rest = remaining_words(&full, &known);
    match rest.first() {
        // A handle method `new` reads as a constructor (and clippy says so).
        Some(&"new") if rest.len() == 1 => names.push("create_new".to_owned()),
        Some(first) if !first.starts_with(|c: char| c.is_ascii_digit()) => {
            names.push(snake_segment(&rest.join("_")));
        }
        _ => {}
    }
    let mut known = namespace_words;
    known.extend(words_of(
        [verb, "list", "get", "create", "update", "edit", "delete"].into_iter(),
    ));
    let extra = remaining_words(&full, &known);
    if !extra.is_empty() {
        names.push(snake_segment(&format!("{verb}_{}", extra.join("_"))));
    }
    names.push(full);
    names.dedup();
    names
}

/// The words of `texts` in `snake_case`, each also as its singular and plural.
fn words_of<'t>(texts: impl Iterator<Item = &'t str>) -> BTreeSet<String> {
    texts
        .flat_map(|text| {
            text.to_snake_case()
                .split('_')
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .flat_map(|word| {
            let camel = word.to_upper_camel_case();
            [
                word.clone(),
                super::names::singular(&camel).to_snake_case(),
                super::names::plural(&camel).to_snake_case(),
            ]
        })
        .collect()
}

/// The words of `snake` that are not `known` and say something (not an article, nor a
/// lone letter left from `'s`), each once.
fn remaining_words<'s>(snake: &'s str, known: &BTreeSet<String>) -> Vec<&'s str> {
    let mut seen = BTreeSet::new();
    snake
        .split('_')
        .filter(|word| !word.is_empty() && !known.contains(*word))
        .filter(|word| !matches!(*word, "a" | "an" | "the" | "s" | "of" | "for"))
        .filter(|word| seen.insert(*word))
        .collect()
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

    /// `name`, changed until it clashes with nothing: the method becomes one of
    /// [`names_from_id`] (then the whole id, numbered), a clashing namespace segment gets
    /// `_api`. A `deprecated` operation first tries its method with `_deprecated`: the
    /// current operation that has its name replaces it (`DELETE /bulk` beside
    /// `POST /bulk/delete`).
    pub fn unique(
        &self,
        mut name: Vec<String>,
        handle: &str,
        tags: &[&str],
        deprecated: bool,
    ) -> Vec<String> {
        let tries = match name.split_last() {
            Some((verb, namespace)) => {
                let mut tries = names_from_id(handle, namespace, tags, verb);
                if deprecated && !verb.ends_with("_deprecated") {
                    tries.insert(0, format!("{verb}_deprecated"));
                }
                tries
            }
            None => Vec::new(),
        };
        let full = snake_segment(handle);
        let mut attempt = 0;
        while let Some(clash) = self.conflict(&name) {
            match clash {
                Clash::Method(_) => {
                    let last = name.len() - 1;
                    name[last] = tries
                        .get(attempt)
                        .cloned()
                        .unwrap_or_else(|| format!("{full}_{}", attempt + 2 - tries.len()));
                    attempt += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn verbs_say_bulk_one_object_or_the_http_method() {
        let plain = Neighbours::default();
        let bulk = Neighbours {
            bulk: true,
            ..Neighbours::default()
        };
        let one = Neighbours {
            answers_one: true,
            ..Neighbours::default()
        };
        assert_eq!(method_word(HttpMethod::Get, false, &plain), "list");
        assert_eq!(method_word(HttpMethod::Get, false, &one), "get");
        assert_eq!(method_word(HttpMethod::Get, true, &plain), "get");
        assert_eq!(method_word(HttpMethod::Delete, false, &bulk), "bulk_delete");
        assert_eq!(method_word(HttpMethod::Put, false, &bulk), "bulk_update");
        assert_eq!(method_word(HttpMethod::Patch, false, &bulk), "bulk_edit");
        assert_eq!(method_word(HttpMethod::Patch, true, &plain), "edit");
    }

    #[test]
    fn a_post_to_a_scoped_name_is_named_by_its_last_segment() {
        let path = ["ai", "run", "@cf", "meta", "llama-3-8b-instruct"];
        assert_eq!(
            path_tail(&path, HttpMethod::Post, "create".to_owned()),
            strings(&["ai", "run", "llama_3_8b_instruct"])
        );
        // Not a POST, or a parameter below the scoped name: segments as usual.
        assert_eq!(
            path_tail(&path[..2], HttpMethod::Get, "list".to_owned()),
            strings(&["ai", "run", "list"])
        );
        assert_eq!(
            path_tail(
                &["models", "@cf", "{id}"],
                HttpMethod::Post,
                "create".to_owned()
            ),
            strings(&["models", "cf", "create"])
        );
    }

    #[test]
    fn a_clashing_method_tries_the_ids_new_words_then_the_verb_with_them_then_the_id() {
        // The tag says `zone level`, so the first try is only `list`; the second keeps
        // what the namespace does not say, each word once.
        assert_eq!(
            names_from_id(
                "zone-level-access-groups-list-access-groups",
                &strings(&["zero_trust", "access", "groups"]),
                &["Zone-Level Access groups"],
                "list",
            ),
            strings(&[
                "list",
                "list_zone_level",
                "zone_level_access_groups_list_access_groups"
            ])
        );
        assert_eq!(
            names_from_id(
                "firewall-rules-update-priority-of-a-firewall-rule",
                &strings(&["firewall", "rules"]),
                &["Firewall rules"],
                "edit",
            ),
            strings(&[
                "update_priority",
                "edit_priority",
                "firewall_rules_update_priority_of_a_firewall_rule"
            ])
        );
    }

    #[test]
    fn a_name_that_clashes_takes_the_next_try() {
        let mut registry = EndpointNames::default();
        registry.claim(&strings(&["zero_trust", "access", "groups", "list"]));
        let name = registry.unique(
            strings(&["zero_trust", "access", "groups", "list"]),
            "zone-level-access-groups-list-access-groups",
            &["Zone-Level Access groups"],
            false,
        );
        assert_eq!(
            name,
            strings(&["zero_trust", "access", "groups", "list_zone_level"])
        );
    }

    #[test]
    fn a_deprecated_operation_whose_name_is_taken_tries_it_with_deprecated_first() {
        let mut registry = EndpointNames::default();
        registry.claim(&strings(&["kv", "namespaces", "bulk", "delete"]));
        let wanted = strings(&["kv", "namespaces", "bulk", "delete"]);
        let handle = "workers-kv-namespace-delete-multiple-key-value-pairs";
        let tags = ["Workers KV Namespace"];
        assert_eq!(
            registry.unique(wanted.clone(), handle, &tags, true),
            strings(&["kv", "namespaces", "bulk", "delete_deprecated"])
        );
        // A current one gets a name from its id instead.
        assert_eq!(
            registry.unique(wanted, handle, &tags, false),
            strings(&[
                "kv",
                "namespaces",
                "bulk",
                "delete_multiple_key_value_pairs"
            ])
        );
    }
}
