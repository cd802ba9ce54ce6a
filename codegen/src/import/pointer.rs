//! JSON pointers (RFC 6901) into a document: how the importer names a place in the
//! OpenAPI text, in its reports and in `$ref`.

use super::node::Node;

/// Appends one reference token to `pointer`, escaped (`/` → `~1`, `~` → `~0`).
pub fn push(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// `pointer` with `token` appended.
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    push(&mut out, token);
    out
}

/// The unescaped reference tokens of `pointer` (`""` is the whole document).
pub fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
}

/// The node `pointer` names in `root`.
pub fn resolve<'a>(root: &'a Node, pointer: &str) -> Option<&'a Node> {
    if !(pointer.is_empty() || pointer.starts_with('/')) {
        return None;
    }
    let mut node = root;
    for token in tokens(pointer) {
        node = match node {
            Node::Map(map) => map.get(&token)?,
            Node::List(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// How a pointer is written in messages: as a URI fragment, `#/paths/…`.
pub fn shown(pointer: &str) -> String {
    format!("#{pointer}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashes_and_tildes_are_escaped_and_unescaped() {
        let pointer = child(&child("", "paths"), "/a/{id}~x");
        assert_eq!(pointer, "/paths/~1a~1{id}~0x");
        assert_eq!(tokens(&pointer).collect::<Vec<_>>(), ["paths", "/a/{id}~x"]);
    }

    #[test]
    fn pointers_resolve_through_mappings_and_lists() {
        let root: Node = serde_json::from_str(r#"{"a": [{"b/c": 1}]}"#).unwrap();
        assert_eq!(resolve(&root, "/a/0/b~1c"), Some(&Node::Integer(1)));
        assert_eq!(resolve(&root, "/a/1"), None);
        assert_eq!(resolve(&root, "a"), None);
        assert_eq!(resolve(&root, ""), Some(&root));
    }
}
