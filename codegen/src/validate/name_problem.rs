//! Why a name written in the spec cannot be the Rust name it must become, in words: a
//! letter that only looks like an ASCII one, a keyword, a leading digit, a character no
//! identifier has, or the wrong case; with the name to write instead when there is one.

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::diagnostic::{Diagnostic, Location};
use crate::naming;

/// What a spec name must be in Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// A type name, written `UpperCamelCase` in the spec.
    Type,
    /// A method, namespace or `rust:` name, written `snake_case`, not a keyword.
    Snake,
    /// A wire name the Rust name is derived from (a field's, an enum value's, a tag's).
    Derived,
}

/// The error `message` about `text` at `location`, saying why `text` is not a valid name of
/// `kind`; `fallback` is the help when no better name can be suggested.
pub fn invalid_name(
    message: &str,
    text: &str,
    kind: NameKind,
    location: Location,
    fallback: Option<&str>,
) -> Diagnostic {
    let (reason, suggestion) = explain(text, kind);
    let error = Diagnostic::error(format!("{message}: {reason}")).at(location);
    match (suggestion, fallback) {
        (Some(name), _) => error.help(format!("write `{name}`")),
        (None, Some(help)) => error.help(help),
        (None, None) if is_keyword(text) => error.help(format!(
            "choose another name: even where Rust allows `r#{text}`, every use would have \
             to write it so"
        )),
        (None, None) => error,
    }
}

/// The reason, and a valid name to write instead when one is obvious.
pub fn explain(text: &str, kind: NameKind) -> (String, Option<String>) {
    if text.is_empty() {
        return ("the name is empty".to_owned(), None);
    }
    if let Some(c) = text.chars().find(|c| !c.is_ascii()) {
        let replaced: String = text
            .chars()
            .filter(|c| invisible(*c).is_none())
            .map(|c| look_alike(c).unwrap_or(c))
            .collect();
        let suggestion = (replaced.is_ascii() && valid(&replaced, kind)).then_some(replaced);
        return (format!("{}; Rust names are ASCII", describe(c)), suggestion);
    }
    if is_keyword(text) {
        let reason = if naming::RESERVED.contains(&text) {
            format!("`{text}` is a Rust keyword, which cannot be a name even as `r#{text}`")
        } else {
            format!("`{text}` is a Rust keyword")
        };
        return (reason, None);
    }
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return ("a Rust name cannot start with a digit".to_owned(), None);
    }
    if let Some(c) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
    {
        let shown = match c {
            ' ' => "a space".to_owned(),
            c if c.is_ascii_control() => format!("the control character U+{:04X}", u32::from(c)),
            c => format!("`{c}`"),
        };
        let fixed = converted(text, kind);
        return (
            format!("{shown} cannot be part of a Rust name"),
            fixed.filter(|f| valid(f, kind)),
        );
    }
    let case = match kind {
        NameKind::Type => "type names are UpperCamelCase",
        NameKind::Snake | NameKind::Derived => "this name must be snake_case",
    };
    (
        case.to_owned(),
        converted(text, kind).filter(|f| valid(f, kind)),
    )
}

fn converted(text: &str, kind: NameKind) -> Option<String> {
    let fixed = match kind {
        NameKind::Type => text.to_upper_camel_case(),
        NameKind::Snake | NameKind::Derived => text.to_snake_case(),
    };
    (!fixed.is_empty() && fixed != text).then_some(fixed)
}

fn valid(name: &str, kind: NameKind) -> bool {
    match kind {
        NameKind::Type => naming::is_type_name(name),
        NameKind::Snake => naming::snake_name(name).is_some_and(|n| !n.starts_with("r#")),
        NameKind::Derived => naming::field_name(name).is_some(),
    }
}

fn is_keyword(text: &str) -> bool {
    naming::RESERVED.contains(&text) || naming::RAW_KEYWORDS.contains(&text)
}

/// `c` in words: its code point, and what it looks like or is.
fn describe(c: char) -> String {
    let code = format!("U+{:04X}", u32::from(c));
    if let Some(name) = invisible(c) {
        return format!("it contains an invisible character, {code} {name}");
    }
    let script = match u32::from(c) {
        0x0370..=0x03FF => "a Greek letter",
        0x0400..=0x052F => "a Cyrillic letter",
        0xFF00..=0xFFEF => "a full-width letter",
        _ => "a character",
    };
    match look_alike(c) {
        Some(ascii) => {
            format!("`{c}` ({code}) is {script} that looks like the ASCII `{ascii}`")
        }
        None => format!("`{c}` ({code}) is not an ASCII letter, digit or `_`"),
    }
}

/// Names of the invisible characters most often pasted into names by accident.
fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00A0}' => "NO-BREAK SPACE",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        _ => return None,
    })
}

/// The ASCII letter or digit that `c` is easily taken for: Cyrillic and Greek letters
/// drawn like Latin ones, and full-width forms.
fn look_alike(c: char) -> Option<char> {
    const PAIRS: &[(char, char)] = &[
        // Cyrillic
        ('а', 'a'),
        ('в', 'B'),
        ('е', 'e'),
        ('о', 'o'),
        ('р', 'p'),
        ('с', 'c'),
        ('у', 'y'),
        ('х', 'x'),
        ('ѕ', 's'),
        ('і', 'i'),
        ('ј', 'j'),
        ('ԁ', 'd'),
        ('А', 'A'),
        ('В', 'B'),
        ('Е', 'E'),
        ('К', 'K'),
        ('М', 'M'),
        ('Н', 'H'),
        ('О', 'O'),
        ('Р', 'P'),
        ('С', 'C'),
        ('Т', 'T'),
        ('Х', 'X'),
        ('Ѕ', 'S'),
        ('І', 'I'),
        ('Ј', 'J'),
        // Greek
        ('Α', 'A'),
        ('Β', 'B'),
        ('Ε', 'E'),
        ('Ζ', 'Z'),
        ('Η', 'H'),
        ('Ι', 'I'),
        ('Κ', 'K'),
        ('Μ', 'M'),
        ('Ν', 'N'),
        ('Ο', 'O'),
        ('Ρ', 'P'),
        ('Τ', 'T'),
        ('Υ', 'Y'),
        ('Χ', 'X'),
        ('ο', 'o'),
        ('ν', 'v'),
        ('ι', 'i'),
        // Latin look-alikes outside ASCII
        ('ı', 'i'),
        ('ℓ', 'l'),
    ];
    if let Some((_, ascii)) = PAIRS.iter().find(|(other, _)| *other == c) {
        return Some(*ascii);
    }
    // Full-width ASCII (U+FF01..U+FF5E) is ASCII shifted by 0xFEE0.
    let code = u32::from(c);
    (0xFF10..=0xFF5E)
        .contains(&code)
        .then(|| char::from_u32(code - 0xFEE0))
        .flatten()
        .filter(char::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cyrillic_look_alike_is_named_and_the_ascii_name_suggested() {
        let (reason, suggestion) = explain("Еlement", NameKind::Type);
        assert!(reason.contains("U+0415"), "{reason}");
        assert!(
            reason.contains("Cyrillic letter that looks like the ASCII `E`"),
            "{reason}"
        );
        assert_eq!(suggestion.as_deref(), Some("Element"));
    }

    #[test]
    fn keywords_are_called_keywords_not_a_matter_of_case() {
        for keyword in ["gen", "async", "self", "type"] {
            let (reason, _) = explain(keyword, NameKind::Snake);
            assert!(reason.contains("is a Rust keyword"), "{keyword}: {reason}");
        }
        assert!(
            explain("self", NameKind::Snake)
                .0
                .contains("even as `r#self`")
        );
    }

    #[test]
    fn case_digits_and_punctuation_each_get_their_reason() {
        assert_eq!(
            explain("getThing", NameKind::Snake),
            (
                "this name must be snake_case".to_owned(),
                Some("get_thing".to_owned())
            )
        );
        assert!(
            explain("1st", NameKind::Snake)
                .0
                .contains("start with a digit")
        );
        assert_eq!(
            explain("per%", NameKind::Snake),
            (
                "`%` cannot be part of a Rust name".to_owned(),
                Some("per".to_owned())
            )
        );
        let (reason, suggestion) = explain("a\u{200B}b", NameKind::Snake);
        assert!(reason.contains("ZERO WIDTH SPACE"), "{reason}");
        assert_eq!(suggestion.as_deref(), Some("ab"));
    }
}
