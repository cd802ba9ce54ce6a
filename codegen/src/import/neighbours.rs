//! What the rest of the document says about an operation's name, which the operation
//! alone does not: that a PUT, PATCH or DELETE of a collection acts on many items at once
//! (`DELETE /filters` beside `DELETE /filters/{id}`: `bulk_delete`), that the same
//! operation is also under another scope (`/zones/{zone_id}/access/groups` beside
//! `/accounts/{account_id}/access/groups`: `list_for_zone`), and that a GET of a path
//! that is not an item answers one object, not a list (`GET /dnssec`: `get`), and that a
//! POST to a literal segment nothing else is at names an action on its parent
//! (`POST /d1/database/{id}/query`: `d1.database.query`).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::endpoint_names::{is_param, scoped_segments};
use super::node::Node;
use super::pointer;
use crate::model::HttpMethod;

/// What an operation's neighbours say about its name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Neighbours {
    /// A PUT, PATCH or DELETE of a collection, beside the same method on its items, that
    /// says it acts on many of them (its summary or id has the collection's plural, or
    /// `multiple`, `many`, `bulk`).
    pub bulk: bool,
    /// The scope word (`zone`) of an operation whose path below its scope is also under
    /// a scope that comes first (`accounts`, then the others by name).
    pub other_scope: Option<String>,
    /// A GET of a path that is not an item whose JSON answer is one object (`result`
    /// an object), not a list.
    pub answers_one: bool,
    /// The word (`policy`) of the parameter that tells this operation from one at the
    /// same literal segments without it (`/devices/policy/{policy_id}/exclude` beside
    /// `/devices/policy/exclude`): the singular of the segment before the parameter.
    pub of_item: Option<String>,
    /// A deprecated operation beside one that is not, at the same path but for version
    /// segments (`/vectorize/indexes` beside `/vectorize/v2/indexes`): the current one
    /// keeps the plain name.
    pub superseded: bool,
    /// A POST that is an action on what its parent path names, not the creation of
    /// something: its last segment is literal, nothing else is at that path or below it,
    /// and the document names the action with the segment (see [`names_action`]). The
    /// segment is then the method (`d1.database.query`, not `d1.database.query.create`).
    pub action: bool,
    /// A POST the document says lists (its summary starts with `List`), as Cloudforce
    /// One's searches do: `list`, which frees `create` for the POST that creates.
    pub lists: bool,
    /// A POST of an item beside a POST of its collection, and no PATCH of its own: it
    /// changes the item the collection's POST created (`POST /stream/{id}`: `edit`).
    pub edits: bool,
}

/// The path with its parameters all `{}`: two paths that differ only in parameter names
/// are one.
fn shape_of(path: &str) -> String {
    path.split('/')
        .map(|s| if is_param(s) { "{}" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// The path's shape without version segments (`v2`), its words in `snake_case`: the same
/// operation in two versions of an API has one.
fn unversioned(path: &str) -> String {
    shape_of(path)
        .split('/')
        .filter(|s| {
            !(s.len() > 1 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit()))
        })
        // `delete-by-ids` and `delete_by_ids` are one name.
        .map(|s| {
            if is_param(s) {
                s.to_owned()
            } else {
                s.to_snake_case()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The path without its parameters: `/devices/policy/exclude` for
/// `/devices/policy/{policy_id}/exclude`.
fn literal_only(path: &str) -> String {
    path.split('/')
        .filter(|s| !is_param(s))
        .collect::<Vec<_>>()
        .join("/")
}

/// The word of the one parameter `path` has in the middle where `twin` has none, the
/// rest being equal: `policy` for `/devices/policy/{policy_id}/exclude` beside
/// `/devices/policy/exclude`. A trailing parameter (an item beside its collection) is not
/// one: that is what `get` and `list` tell apart.
fn extra_parameter(path: &str, twin: &str) -> Option<String> {
    let ours: Vec<&str> = path.split('/').collect();
    let theirs: Vec<&str> = twin.split('/').collect();
    if ours.len() != theirs.len() + 1 {
        return None;
    }
    let at = (0..theirs.len()).find(|&i| shape_of(ours[i]) != shape_of(theirs[i]))?;
    let rest_equal = ours[at + 1..]
        .iter()
        .zip(&theirs[at..])
        .all(|(a, b)| shape_of(a) == shape_of(b));
    let before = ours.get(at.checked_sub(1)?)?;
    (is_param(ours[at]) && rest_equal && !is_param(before)).then(|| singular_word(before))
}

/// The scope of a scoped path (`zones` of `/zones/{zone_id}/…`) and the path below it;
/// `None` for a path without a scope.
fn scope_and_rest(path: &str) -> Option<(&str, String)> {
    let below = scoped_segments(path);
    let all: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    (below.len() + 2 == all.len()).then(|| (all[0], shape_of(&below.join("/"))))
}

/// Which scope of twins keeps the plain name: `accounts`, then the others by name.
fn scope_rank(scope: &str) -> (bool, &str) {
    (scope != "accounts", scope)
}

/// The neighbours of every operation of `paths` (the document's `paths` object), by
/// (path, method).
pub fn neighbours(root: &Node, paths: &indexmap::IndexMap<String, Node>) -> NeighbourTable {
    let mut methods_at: HashSet<(String, &str)> = HashSet::new();
    let mut scopes: BTreeMap<(String, &str), BTreeSet<String>> = BTreeMap::new();
    for (path, item) in paths {
        for method in methods_of(item) {
            methods_at.insert((shape_of(path), method_key(method)));
            if let Some((scope, rest)) = scope_and_rest(path) {
                scopes
                    .entry((rest, method_key(method)))
                    .or_default()
                    .insert(scope.to_owned());
            }
        }
    }
    // Of the operations at each unversioned path and method: whether one is current.
    let mut current: HashSet<(String, &str)> = HashSet::new();
    for (path, item) in paths {
        for method in methods_of(item) {
            let deprecated = item
                .get(method_key(method))
                .and_then(|op| op.bool("deprecated"))
                .unwrap_or(false);
            if !deprecated {
                current.insert((unversioned(path), method_key(method)));
            }
        }
    }
    // The paths at each literal-only path and method, for parameters that tell them apart.
    let mut literal_twins: BTreeMap<(String, &str), Vec<&str>> = BTreeMap::new();
    for (path, item) in paths {
        for method in methods_of(item) {
            literal_twins
                .entry((literal_only(path), method_key(method)))
                .or_default()
                .push(path);
        }
    }
    // Every shape that has a path below it.
    let parents: HashSet<String> = paths
        .keys()
        .flat_map(|path| {
            let shape = shape_of(path);
            let ends: Vec<usize> = shape.match_indices('/').map(|(at, _)| at).collect();
            ends.into_iter()
                .map(move |at| shape[..at].to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut answers: BTreeMap<(String, &str), bool> = BTreeMap::new();
    for (path, item) in paths {
        for method in methods_of(item) {
            let one = method == HttpMethod::Get
                && path
                    .split('/')
                    .rfind(|s| !s.is_empty())
                    .is_some_and(|last| !is_param(last))
                && !methods_at.contains(&(format!("{}/{{}}", shape_of(path)), "get"))
                && item.get("get").is_some_and(|op| answers_object(root, op));
            answers.insert((path.clone(), method_key(method)), one);
        }
    }
    let mut table = NeighbourTable::default();
    for (path, item) in paths {
        for method in methods_of(item) {
            let Some(op) = item.get(method_key(method)) else {
                continue;
            };
            let last = path.split('/').rfind(|s| !s.is_empty()).unwrap_or("");
            let on_collection = !last.is_empty() && !is_param(last);
            let item_path = format!("{}/{{}}", shape_of(path));
            let has_item_twin = methods_at.contains(&(item_path, method_key(method)));
            let bulk = on_collection
                && matches!(
                    method,
                    HttpMethod::Put | HttpMethod::Patch | HttpMethod::Delete
                )
                && has_item_twin
                && says_many(op, last);
            let other_scope = scope_and_rest(path).and_then(|(scope, rest)| {
                let twins = scopes.get(&(rest, method_key(method)))?;
                let first = twins.iter().min_by_key(|s| scope_rank(s))?;
                (first != scope).then(|| singular_word(scope))
            });
            let answers_one = answers[&(path.clone(), method_key(method))];
            // Only a twin that gets the same verb (both answer a list, or both one object)
            // needs the word.
            let of_item = literal_twins
                .get(&(literal_only(path), method_key(method)))
                .and_then(|twins| {
                    twins
                        .iter()
                        .filter(|twin| {
                            answers[&(twin.to_string(), method_key(method))] == answers_one
                        })
                        .find_map(|twin| extra_parameter(path, twin))
                });
            let superseded = op.bool("deprecated").unwrap_or(false)
                && current.contains(&(unversioned(path), method_key(method)));
            let post = method == HttpMethod::Post;
            let action = post
                && on_collection
                && last != "new"
                && !path.split('/').any(|s| s.starts_with('@'))
                && methods_of(item) == [HttpMethod::Post]
                && !parents.contains(&shape_of(path))
                && names_action(op, last);
            let lists = post && first_word(op.str("summary")).as_deref() == Some("list");
            let edits = post
                && !on_collection
                && item.get("patch").is_none()
                && path
                    .rsplit_once('/')
                    .is_some_and(|(parent, _)| methods_at.contains(&(shape_of(parent), "post")));
            table.0.insert(
                (path.clone(), method_key(method)),
                Neighbours {
                    bulk,
                    other_scope,
                    answers_one,
                    of_item,
                    superseded,
                    action,
                    lists,
                    edits,
                },
            );
        }
    }
    table
}

/// The neighbours of each operation, by (path, method).
#[derive(Debug, Default)]
pub struct NeighbourTable(BTreeMap<(String, &'static str), Neighbours>);

impl NeighbourTable {
    /// What the document says about the operation `method path`.
    pub fn get(&self, path: &str, method: HttpMethod) -> Neighbours {
        self.0
            .get(&(path.to_owned(), method_key(method)))
            .cloned()
            .unwrap_or_default()
    }
}

fn methods_of(item: &Node) -> Vec<HttpMethod> {
    [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
    ]
    .into_iter()
    .filter(|m| item.get(method_key(*m)).is_some())
    .collect()
}

fn method_key(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Put => "put",
        HttpMethod::Patch => "patch",
        HttpMethod::Delete => "delete",
    }
}

/// `zone` for `zones`.
fn singular_word(word: &str) -> String {
    super::names::singular(&word.to_upper_camel_case()).to_snake_case()
}

/// Whether the operation's summary or id says it acts on many: the plural of the
/// collection's last word (`tunnels` of `gre_tunnels`), or `multiple`, `many`, `bulk`.
fn says_many(op: &Node, collection: &str) -> bool {
    let last_word = collection
        .to_snake_case()
        .rsplit('_')
        .next()
        .unwrap_or_default()
        .to_owned();
    let plural =
        super::names::plural(&singular_word(&last_word).to_upper_camel_case()).to_snake_case();
    let words: BTreeSet<String> = [op.str("summary"), op.str("operationId")]
        .into_iter()
        .flatten()
        .flat_map(|text| {
            text.to_snake_case()
                .split('_')
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    words.contains(&plural)
        || ["multiple", "many", "bulk"]
            .iter()
            .any(|w| words.contains(*w))
}

/// Whether the document names the POST `op` to the literal segment `last` as an action
/// of that name: its summary starts with one of the segment's words (`Query D1 Database`
/// at `/query`, `Generate Pre Shared Key` at `/psk_generate`), or its `operationId` ends
/// with one (`queue-v2-messages-ack` at `/ack`) while the summary does not say it
/// creates something (`Create Miscategorization` at `/miscategorization` creates one).
fn names_action(op: &Node, last: &str) -> bool {
    let segment = last.to_snake_case();
    let words: BTreeSet<&str> = segment.split('_').collect();
    let summary_verb = first_word(op.str("summary"));
    let id_last = op
        .str("operationId")
        .map(|id| id.to_snake_case())
        .and_then(|id| id.rsplit('_').next().map(str::to_owned));
    let said = |word: &Option<String>| word.as_deref().is_some_and(|w| words.contains(w));
    said(&summary_verb) || (said(&id_last) && summary_verb.as_deref() != Some("create"))
}

/// The first word of `text` in `snake_case` (`list` of `List Requests`).
fn first_word(text: Option<&str>) -> Option<String> {
    let snake = text?.to_snake_case();
    snake
        .split('_')
        .next()
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
}

/// Whether the JSON success answer of `op` is one object: its schema (through `$ref`s
/// and `allOf`) has a `result` that is an object, and none that is a list. `false` when
/// that cannot be told.
fn answers_object(root: &Node, op: &Node) -> bool {
    let Some(responses) = op.get("responses").and_then(Node::as_map) else {
        return false;
    };
    let Some((_, success)) = responses
        .iter()
        .filter(|(status, _)| status.starts_with('2'))
        .min_by_key(|(status, _)| status.as_str())
    else {
        return false;
    };
    let success = follow(root, success);
    let Some(schema) = success
        .get("content")
        .and_then(|c| c.get("application/json"))
        .and_then(|m| m.get("schema"))
    else {
        return false;
    };
    let mut kinds = BTreeSet::new();
    result_kinds(root, schema, &mut kinds, 0);
    kinds.contains("object") && !kinds.contains("array")
}

/// The node a `$ref` points at (within the document), or the node itself.
fn follow<'a>(root: &'a Node, mut node: &'a Node) -> &'a Node {
    for _ in 0..16 {
        match node
            .str("$ref")
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| pointer::resolve(root, p))
        {
            Some(target) => node = target,
            None => break,
        }
    }
    node
}

/// The kinds (`object`, `array`) the `result` property of `schema` has, through `allOf`.
fn result_kinds(root: &Node, schema: &Node, kinds: &mut BTreeSet<&'static str>, depth: usize) {
    if depth > 8 {
        return;
    }
    let schema = follow(root, schema);
    for member in schema
        .get("allOf")
        .and_then(Node::as_list)
        .unwrap_or_default()
    {
        result_kinds(root, member, kinds, depth + 1);
    }
    let Some(result) = schema.get("properties").and_then(|p| p.get("result")) else {
        return;
    };
    let result = follow(root, result);
    let mut alternatives = vec![result];
    alternatives.extend(
        result
            .get("allOf")
            .and_then(Node::as_list)
            .unwrap_or_default(),
    );
    for alternative in alternatives {
        let alternative = follow(root, alternative);
        match alternative.str("type") {
            Some("array") => {
                kinds.insert("array");
            }
            Some("object") => {
                kinds.insert("object");
            }
            _ if alternative.get("properties").is_some() => {
                kinds.insert("object");
            }
            _ if alternative.get("items").is_some() => {
                kinds.insert("array");
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The neighbours of the operations of a document whose `paths` are `paths` (JSON).
    fn table(paths: &str) -> NeighbourTable {
        let root: Node = serde_json::from_str(&format!(r#"{{"paths": {paths}}}"#)).unwrap();
        let paths = root.get("paths").and_then(Node::as_map).unwrap();
        neighbours(&root, paths)
    }

    #[test]
    fn a_collection_put_patch_or_delete_that_says_it_acts_on_many_beside_its_items_is_bulk() {
        let table = table(
            r#"{
                "/zones/{zone_id}/filters": {
                    "delete": {"summary": "Delete filters"},
                    "put": {"summary": "Update the default filter"}
                },
                "/zones/{zone_id}/filters/{id}": {"delete": {}, "put": {}},
                "/zones/{zone_id}/rules": {"delete": {"summary": "Delete rules"}}
            }"#,
        );
        assert!(
            table
                .get("/zones/{zone_id}/filters", HttpMethod::Delete)
                .bulk
        );
        // It does not say it acts on many: one thing (a default) beside the items.
        assert!(!table.get("/zones/{zone_id}/filters", HttpMethod::Put).bulk);
        assert!(
            !table
                .get("/zones/{zone_id}/filters/{id}", HttpMethod::Delete)
                .bulk
        );
        // No item beside it.
        assert!(!table.get("/zones/{zone_id}/rules", HttpMethod::Delete).bulk);
    }

    #[test]
    fn an_operation_also_under_accounts_gets_its_own_scope_word() {
        let table = table(
            r#"{
                "/accounts/{account_id}/access/groups": {"get": {}},
                "/zones/{zone_id}/access/groups": {"get": {}, "post": {}},
                "/organizations/{organization_id}/audit_logs": {"get": {}},
                "/accounts/{account_identifier}/audit_logs": {"get": {}}
            }"#,
        );
        let scope = |path, method| table.get(path, method).other_scope;
        assert_eq!(
            scope("/accounts/{account_id}/access/groups", HttpMethod::Get),
            None
        );
        assert_eq!(
            scope("/zones/{zone_id}/access/groups", HttpMethod::Get).as_deref(),
            Some("zone")
        );
        // Only a POST under zones: nothing to tell apart.
        assert_eq!(
            scope("/zones/{zone_id}/access/groups", HttpMethod::Post),
            None
        );
        assert_eq!(
            scope(
                "/organizations/{organization_id}/audit_logs",
                HttpMethod::Get
            )
            .as_deref(),
            Some("organization")
        );
    }

    #[test]
    fn a_get_of_a_collection_path_whose_result_is_an_object_answers_one() {
        let table = table(
            r##"{
                "/zones/{zone_id}/dnssec": {"get": {"responses": {"200": {"content": {
                    "application/json": {"schema": {"allOf": [
                        {"$ref": "#/paths/~1zones~1{zone_id}~1dnssec/x-envelope"},
                        {"properties": {"result": {"type": "object"}}}
                    ]}}}}}}},
                "/zones/{zone_id}/records": {"get": {"responses": {"200": {"content": {
                    "application/json": {"schema": {"properties": {
                        "result": {"type": "array", "items": {}}}}}}}}}},
                "/zones/{zone_id}/hold": {"get": {}}
            }"##,
        );
        assert!(
            table
                .get("/zones/{zone_id}/dnssec", HttpMethod::Get)
                .answers_one
        );
        assert!(
            !table
                .get("/zones/{zone_id}/records", HttpMethod::Get)
                .answers_one
        );
        // Nothing to tell by: a list, as before.
        assert!(
            !table
                .get("/zones/{zone_id}/hold", HttpMethod::Get)
                .answers_one
        );
    }

    #[test]
    fn a_parameter_in_the_middle_that_a_twin_path_lacks_gives_its_items_word() {
        let table = table(
            r#"{
                "/accounts/{a}/devices/policy/exclude": {"get": {}},
                "/accounts/{a}/devices/policy/{policy_id}/exclude": {"get": {}},
                "/accounts/{a}/devices/policy": {"patch": {}},
                "/accounts/{a}/devices/policy/{policy_id}": {"patch": {}}
            }"#,
        );
        let of = |path| table.get(path, HttpMethod::Get).of_item;
        assert_eq!(of("/accounts/{a}/devices/policy/exclude"), None);
        assert_eq!(
            of("/accounts/{a}/devices/policy/{policy_id}/exclude").as_deref(),
            Some("policy")
        );
        // A trailing parameter is an item beside its collection, which verbs tell apart.
        let patch = table.get(
            "/accounts/{a}/devices/policy/{policy_id}",
            HttpMethod::Patch,
        );
        assert_eq!(patch.of_item, None);
    }

    #[test]
    fn a_deprecated_operation_beside_its_current_version_is_superseded() {
        let table = table(
            r#"{
                "/accounts/{a}/vectorize/indexes/{i}/delete-by-ids": {"post": {"deprecated": true}},
                "/accounts/{a}/vectorize/v2/indexes/{i}/delete_by_ids": {"post": {}},
                "/accounts/{a}/old": {"get": {"deprecated": true}}
            }"#,
        );
        let superseded = |path| table.get(path, HttpMethod::Post).superseded;
        assert!(superseded(
            "/accounts/{a}/vectorize/indexes/{i}/delete-by-ids"
        ));
        assert!(!superseded(
            "/accounts/{a}/vectorize/v2/indexes/{i}/delete_by_ids"
        ));
        // Deprecated, but nothing replaces it: it keeps the plain name.
        assert!(!table.get("/accounts/{a}/old", HttpMethod::Get).superseded);
    }

    #[test]
    fn a_post_to_a_lone_leaf_segment_the_document_names_after_it_is_an_action() {
        let table = table(
            r#"{
                "/accounts/{a}/d1/database/{id}/query": {"post": {"summary": "Query D1 Database"}},
                "/accounts/{a}/queues/{q}/messages/ack": {"post": {
                    "summary": "Acknowledge + Retry Queue Messages", "operationId": "queue-v2-messages-ack"}},
                "/accounts/{a}/ipsec/{id}/psk_generate": {"post": {"summary": "Generate Pre Shared Key"}},
                "/accounts/{a}/intel/miscategorization": {"post": {
                    "summary": "Create Miscategorization", "operationId": "miscategorization-create-miscategorization"}},
                "/accounts/{a}/tunnel/{id}/management": {"post": {"summary": "Get a management token"}},
                "/accounts/{a}/validate/destination": {"post": {"summary": "Validate destination"}},
                "/accounts/{a}/validate/destination/exists": {"post": {"summary": "Check it exists"}},
                "/accounts/{a}/holds/release": {"post": {"summary": "Release a hold"}, "get": {}},
                "/accounts/{a}/ai/run/@cf/meta/llama": {"post": {"summary": "Run llama", "operationId": "run-llama"}},
                "/accounts/{a}/requests/new": {"post": {"summary": "New request"}}
            }"#,
        );
        let action = |path| table.get(path, HttpMethod::Post).action;
        // The summary's verb, or the id's last word, is the segment's.
        assert!(action("/accounts/{a}/d1/database/{id}/query"));
        assert!(action("/accounts/{a}/queues/{q}/messages/ack"));
        assert!(action("/accounts/{a}/ipsec/{id}/psk_generate"));
        // The summary says it creates one, or says nothing of the segment.
        assert!(!action("/accounts/{a}/intel/miscategorization"));
        assert!(!action("/accounts/{a}/tunnel/{id}/management"));
        // Something is below it, or beside it at the path.
        assert!(!action("/accounts/{a}/validate/destination"));
        assert!(!action("/accounts/{a}/holds/release"));
        // A scoped name is run, and `new` creates.
        assert!(!action("/accounts/{a}/ai/run/@cf/meta/llama"));
        assert!(!action("/accounts/{a}/requests/new"));
    }

    #[test]
    fn a_post_that_says_it_lists_lists_and_a_post_of_an_item_beside_its_collections_edits() {
        let table = table(
            r#"{
                "/accounts/{a}/requests": {"post": {"summary": "List Requests"}},
                "/accounts/{a}/stream": {"post": {"summary": "Upload a video"}},
                "/accounts/{a}/stream/{id}": {"post": {"summary": "Edit video details"}},
                "/accounts/{a}/routes/{id}": {"post": {}},
                "/accounts/{a}/routes": {"post": {}},
                "/accounts/{a}/tunnels/{id}": {"post": {}, "patch": {}},
                "/accounts/{a}/tunnels": {"post": {}}
            }"#,
        );
        let post = |path| table.get(path, HttpMethod::Post);
        assert!(post("/accounts/{a}/requests").lists);
        assert!(!post("/accounts/{a}/stream").lists);
        assert!(post("/accounts/{a}/stream/{id}").edits);
        assert!(post("/accounts/{a}/routes/{id}").edits);
        assert!(!post("/accounts/{a}/stream").edits);
        // Its PATCH edits it: the POST is something else.
        assert!(!post("/accounts/{a}/tunnels/{id}").edits);
    }
}
