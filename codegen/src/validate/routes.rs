//! Two endpoints with the same method and path are one operation of the API described
//! twice: a copy left behind, or one of them has the wrong path. Placeholders stand for
//! any segment, so `/things/{id}` and `/things/{thing_id}` are the same path.

use std::collections::BTreeMap;

use super::locate::Declarations;
use crate::diagnostic::Diagnostic;
use crate::model::Api;

/// One error per endpoint whose method and path an earlier endpoint already has.
pub fn check(api: &Api, declarations: &Declarations) -> Vec<Diagnostic> {
    let mut first: BTreeMap<(&str, String), String> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for endpoint in &api.endpoints {
        let dotted = super::names::dotted_name(&endpoint.namespace, &endpoint.name);
        let route = (endpoint.method.as_str(), route_shape(&endpoint.path));
        let Some(other) = first.get(&route) else {
            first.insert(route, dotted);
            continue;
        };
        let Some(at) = declarations.endpoints.get(&dotted) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::error(format!(
                "endpoint `{dotted}` has the method and path of `{other}`: `{} {}`",
                endpoint.method.as_str(),
                endpoint.path
            ))
            .at(at.clone())
            .help("one operation is described once; remove one, or correct its path"),
        );
    }
    diagnostics
}

/// The path with every placeholder written `{}`.
fn route_shape(path: &str) -> String {
    let mut shape = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        shape.push_str(&rest[..open]);
        shape.push_str("{}");
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    shape.push_str(rest);
    shape
}

#[cfg(test)]
mod tests {
    use super::route_shape;

    #[test]
    fn placeholders_of_any_name_are_one_shape() {
        assert_eq!(route_shape("/a/{id}/b/{x}"), "/a/{}/b/{}");
        assert_eq!(route_shape("/a/{id}"), route_shape("/a/{name}"));
        assert_ne!(route_shape("/a/{id}"), route_shape("/a/{id}/"));
    }
}
