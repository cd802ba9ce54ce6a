//! Path templates (`/accounts/{account_id}/routes`): what a request's path may hold, and
//! the placeholders that path parameters fill. The literal parts are sent as written, so
//! they must already be a valid URL path that means what it says: no query or fragment,
//! no space or other character a URL cannot hold, no `.`/`..` or empty segment that a
//! client or server would resolve to another path.

use std::fmt;

/// What is wrong with a path template, with the text in it to point at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathProblem {
    pub message: String,
    /// The part of the path the problem is about, as written.
    pub at: String,
    pub help: Option<String>,
}

impl fmt::Display for PathProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn problem(message: impl Into<String>, at: &str, help: Option<String>) -> PathProblem {
    PathProblem {
        message: message.into(),
        at: at.to_owned(),
        help,
    }
}

/// The placeholders of a path template, in order of first appearance, each once; an error
/// describes what is malformed.
pub fn parse_path_template(path: &str) -> Result<Vec<String>, PathProblem> {
    if !path.starts_with('/') {
        return Err(problem("the path must start with `/`", path, None));
    }
    let mut placeholders = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        literal(&rest[..open])?;
        if rest[open..].starts_with('}') {
            return Err(problem("`}` without a matching `{`", "}", None));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| problem("`{` without a matching `}`", &rest[open..], None))?;
        let name = &after[..close];
        let shown = format!("{{{name}}}");
        if name.is_empty()
            || name.contains('{')
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(problem(
                format!("`{shown}` is not a valid placeholder"),
                &shown,
                Some("a placeholder is a parameter's wire name: letters, digits and `_`".into()),
            ));
        }
        // Written twice, a placeholder is one parameter that fills both places.
        if !placeholders.iter().any(|p| p == name) {
            placeholders.push(name.to_owned());
        }
        rest = &after[close + 1..];
    }
    literal(rest)?;
    segments(path)?;
    Ok(placeholders)
}

/// A literal part of the path: only characters a URL path holds as themselves, and
/// percent-encoded bytes.
fn literal(text: &str) -> Result<(), PathProblem> {
    for (index, c) in text.char_indices() {
        let code = format!("U+{:04X}", u32::from(c));
        let here = &text[index..index + c.len_utf8()];
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '/' => {}
            '-' | '.' | '_' | '~' | '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';'
            | '=' | ':' | '@' => {}
            '%' => {
                let hex = text.get(index + 1..index + 3).unwrap_or("");
                if hex.len() != 2 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                    return Err(problem(
                        "`%` must begin a percent-encoded byte such as `%2F`",
                        here,
                        Some("write a `%` itself as `%25`".into()),
                    ));
                }
            }
            '?' => {
                return Err(problem(
                    "the path has a query string",
                    &text[index..],
                    Some("declare query parameters under `query:`".into()),
                ));
            }
            '#' => {
                return Err(problem(
                    "the path has a fragment (`#…`), which is never sent to the server",
                    &text[index..],
                    Some("remove it".into()),
                ));
            }
            ' ' => {
                return Err(problem(
                    "the path contains a space",
                    here,
                    Some("remove it, or write it percent-encoded: `%20`".into()),
                ));
            }
            c if c.is_control() || crate::diagnostic::is_bidi_control(c) => {
                return Err(problem(
                    format!("the path contains the control character {code}"),
                    here,
                    Some("remove it".into()),
                ));
            }
            c => {
                let what = if c.is_ascii() {
                    format!("`{c}`, which a URL path cannot hold as itself")
                } else {
                    format!("`{c}` ({code}); a URL path is ASCII")
                };
                return Err(problem(
                    format!("the path contains {what}"),
                    here,
                    Some(format!(
                        "write it percent-encoded: `{}`",
                        percent_encoded(c)
                    )),
                ));
            }
        }
    }
    Ok(())
}

/// `.`, `..` and empty segments (all but a trailing one) would reach another path.
fn segments(path: &str) -> Result<(), PathProblem> {
    let segments: Vec<&str> = path[1..].split('/').collect();
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        match *segment {
            "." | ".." => {
                return Err(problem(
                    format!(
                        "the path has a `{segment}` segment, which the client or the server resolves to another path"
                    ),
                    &format!("/{segment}"),
                    Some("write the path it stands for".into()),
                ));
            }
            "" if !last => {
                return Err(problem(
                    "the path has an empty segment (`//`)",
                    "//",
                    Some("remove one `/`".into()),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// `c` as the percent-encoded bytes of its UTF-8.
fn percent_encoded(c: char) -> String {
    let mut bytes = [0; 4];
    c.encode_utf8(&mut bytes)
        .bytes()
        .map(|b| format!("%{b:02X}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse_path_template;

    #[test]
    fn placeholders_come_in_order() {
        assert_eq!(
            parse_path_template("/a/{x}/b/{y_2}.json").unwrap(),
            ["x", "y_2"]
        );
        assert!(parse_path_template("/things/").is_ok());
        // Written twice, a placeholder is one parameter.
        assert_eq!(parse_path_template("/a/{x}/b/{x}").unwrap(), ["x"]);
        assert!(parse_path_template("/a%2Fb/~x:y@z").is_ok());
    }

    #[test]
    fn what_a_url_path_cannot_say_is_refused_with_the_part_to_point_at() {
        let at = |path: &str| parse_path_template(path).unwrap_err().at;
        assert_eq!(at("/a?b=1"), "?b=1");
        assert_eq!(at("/a#top"), "#top");
        assert_eq!(at("/a b"), " ");
        assert_eq!(at("/a/../b"), "/..");
        assert_eq!(at("/a/./b"), "/.");
        assert_eq!(at("/a//b"), "//");
        assert_eq!(at("/a\rb"), "\r");
        assert_eq!(at("/caf\u{e9}"), "\u{e9}");
        assert_eq!(at("/a%2"), "%");
        assert_eq!(at("/a|b"), "|");
        assert_eq!(at("a"), "a");
    }

    #[test]
    fn a_character_outside_ascii_is_shown_percent_encoded() {
        let help = parse_path_template("/caf\u{e9}").unwrap_err().help.unwrap();
        assert!(help.contains("%C3%A9"), "{help}");
    }
}
