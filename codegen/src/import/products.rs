//! The product table of the config's `products:`: which namespace an operation's endpoint
//! name starts with, from its path and tags, the way Cloudflare's own SDKs group them
//! (`/accounts/{account_id}/storage/kv/…` → `kv`, `/zones/{zone_id}/dns_records` → `dns`).

use super::config::{self, NamespaceRow};
use super::endpoint_names::{
    action_name, is_param, method_name, path_tail, scoped_segments, snake_segment,
};
use super::operations::Operation;
use crate::diagnostic::{Diagnostic, SourceFile};
use serde_saphyr::Spanned;

/// One checked row: its path's segments (`None` for a parameter) and tag.
pub struct Row {
    path: Vec<Option<String>>,
    tag: Option<String>,
    namespace: Vec<String>,
}

/// The rows of the table, checked: each has a `path` or a `tag`, a `path` starts with
/// `/`, and the namespace is dotted `snake_case` words.
pub fn rows(
    file: &SourceFile,
    rows: &[Spanned<NamespaceRow>],
) -> Result<Vec<Row>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for row in rows {
        let NamespaceRow {
            path,
            tag,
            namespace,
        } = &row.value;
        let at = config::location(file, row);
        if path.is_none() && tag.is_none() {
            errors.push(Diagnostic::error("a product row has a `path`, a `tag` or both").at(at));
            continue;
        }
        if path.as_ref().is_some_and(|p| !p.value.starts_with('/')) {
            errors.push(
                Diagnostic::error("a product row's `path` starts with `/`")
                    .at(at)
                    .help("it is matched below `/accounts/{account_id}` or `/zones/{zone_id}`"),
            );
            continue;
        }
        let segments: Vec<String> = namespace.value.split('.').map(str::to_owned).collect();
        if segments.iter().any(|s| snake_segment(s) != *s) {
            errors.push(
                Diagnostic::error(format!(
                    "`{}` is not a namespace: snake_case words joined by dots",
                    namespace.value
                ))
                .at(config::location(file, namespace)),
            );
            continue;
        }
        checked.push(Row {
            path: path.as_ref().map_or_else(Vec::new, |p| {
                p.value
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(|s| (!is_param(s)).then(|| s.to_owned()))
                    .collect()
            }),
            tag: tag.as_ref().map(|t| t.value.clone()),
            namespace: segments,
        });
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

/// The endpoint name of `op` by the table: the best row's namespace, the literal segments
/// of the path below what the row matched, and the method's name (`list`, `get`, …; an
/// action's segment, see [`action_name`]);
/// `None` when no row matches. The best row matches the most path segments; of two that
/// match as many, one that also asks for a tag wins.
pub fn endpoint_name(rows: &[Row], op: &Operation<'_>) -> Option<Vec<String>> {
    let below = scoped_segments(&op.path);
    let tags: Vec<&str> = op.tags().collect();
    let (row, matched) = rows
        .iter()
        .filter_map(|row| {
            let path_matches = row.path.len() <= below.len()
                && row.path.iter().zip(&below).all(|(want, have)| match want {
                    Some(literal) => literal == have,
                    None => is_param(have),
                });
            let tag_matches = row.tag.as_ref().is_none_or(|t| tags.contains(&t.as_str()));
            (path_matches && tag_matches).then_some((row, row.path.len()))
        })
        .max_by_key(|(row, matched)| (*matched, row.tag.is_some()))?;
    let mut name = row.namespace.clone();
    name.extend(path_tail(&below[matched..], op.method, method_name(op)));
    Some(action_name(name, op))
}
