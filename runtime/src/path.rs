//! Filling a path template such as `/accounts/{account_id}/routes/{id}` with encoded values.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::error::{Error, Result};

/// Bytes escaped in a path parameter: all but RFC 3986 `unreserved` and the `pchar`
/// delimiters `!$&'()*+,;=:@`, so a value always stays one path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Replaces each `{name}` of `template` with the encoded value of parameter `name`.
///
/// One pass over the template, so a value that itself contains `{other}` is data, not a
/// placeholder. Every placeholder needs a value and every value a placeholder.
pub(crate) fn render(template: &str, params: &[(&'static str, String)]) -> Result<String> {
    for (name, value) in params {
        check_value(name, value)?;
    }
    let mut path = String::with_capacity(template.len() + 32);
    let mut used = vec![false; params.len()];
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| {
            Error::InvalidArgument(format!("path template `{template}` has an unclosed `{{`"))
        })?;
        let name = &after[..close];
        let index = params
            .iter()
            .position(|(param, _)| *param == name)
            .ok_or_else(|| {
                Error::InvalidArgument(format!("path parameter `{name}` was not given a value"))
            })?;
        used[index] = true;
        path.extend(utf8_percent_encode(&params[index].1, SEGMENT));
        rest = &after[close + 1..];
    }
    path.push_str(rest);
    if let Some(index) = used.iter().position(|used| !used) {
        let name = params[index].0;
        return Err(Error::InvalidArgument(format!(
            "path parameter `{name}` is not in the path template `{template}`"
        )));
    }
    Ok(path)
}

/// Rejects values that cannot be sent as one path segment.
fn check_value(name: &str, value: &str) -> Result<()> {
    match value {
        "" => Err(Error::InvalidArgument(format!(
            "path parameter `{name}` must not be empty"
        ))),
        "." | ".." => Err(Error::InvalidArgument(format!(
            "path parameter `{name}` must not be `{value}`: URLs treat it as a relative path step"
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "/accounts/{account_id}/routes/{id}/versions";

    fn render_id(id: &str) -> Result<String> {
        render(TEMPLATE, &[("account_id", "acc".into()), ("id", id.into())])
    }

    #[test]
    fn encodes_each_value_as_one_segment() {
        let cases = [
            ("a/b", "a%2Fb"),
            ("a?b=c", "a%3Fb=c"),
            ("a#f", "a%23f"),
            ("a b", "a%20b"),
            ("100%", "100%25"),
            ("a%2Fb", "a%252Fb"),
            ("ü", "%C3%BC"),
            ("a\\b", "a%5Cb"),
            ("...", "..."),
            ("-._~!$&'()*+,;=:@", "-._~!$&'()*+,;=:@"),
            ("\"<>`^{|}", "%22%3C%3E%60%5E%7B%7C%7D"),
        ];
        for (value, encoded) in cases {
            assert_eq!(
                render_id(value).unwrap(),
                format!("/accounts/acc/routes/{encoded}/versions")
            );
        }
    }

    #[test]
    fn a_value_that_looks_like_a_placeholder_is_not_substituted_again() {
        let path = render(
            TEMPLATE,
            &[("account_id", "{id}".into()), ("id", "x".into())],
        )
        .unwrap();
        assert_eq!(path, "/accounts/%7Bid%7D/routes/x/versions");
    }

    #[test]
    fn empty_and_dot_values_are_rejected_naming_the_parameter() {
        for (value, expected) in [("", "must not be empty"), (".", "`.`"), ("..", "`..`")] {
            let message = render_id(value).unwrap_err().to_string();
            assert!(
                message.contains("`id`") && message.contains(expected),
                "{message}"
            );
        }
    }

    #[test]
    fn missing_and_unused_parameters_are_errors() {
        let missing = render(TEMPLATE, &[("account_id", "a".into())]).unwrap_err();
        assert!(
            missing.to_string().contains("`id` was not given"),
            "{missing}"
        );
        let params = [
            ("account_id", "a".into()),
            ("id", "b".into()),
            ("extra", "c".into()),
        ];
        let unused = render(TEMPLATE, &params).unwrap_err();
        assert!(
            unused
                .to_string()
                .contains("`extra` is not in the path template"),
            "{unused}"
        );
        let unclosed = render("/a/{id", &[("id", "b".into())]).unwrap_err();
        assert!(unclosed.to_string().contains("unclosed"), "{unclosed}");
    }
}
