use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// A member of a tagged union that this version of the SDK does not know, such as an
/// element kind added to the API after the SDK was generated.
///
/// It keeps the whole JSON object, tag included, so it is sent back unchanged. It can only
/// come from the API (a response, or JSON decoded with [`from_api_json`](crate::from_api_json)):
/// there is no way to build one in code, and JSON a user wrote with an unknown kind (a typo
/// such as `"strat"`) fails to decode, so none is sent by mistake in place of a known kind.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownVariant {
    kind: String,
    json: Map<String, Value>,
}

impl UnknownVariant {
    /// Rebuilds the object the server sent from its tag and the remaining fields.
    pub(crate) fn new(tag_field: &str, kind: String, mut fields: Map<String, Value>) -> Self {
        fields.insert(tag_field.to_owned(), Value::String(kind.clone()));
        Self { kind, json: fields }
    }

    /// The tag value, e.g. `"cache"` for `{"type": "cache", ...}`.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The whole object as received, tag included.
    pub fn json(&self) -> &Map<String, Value> {
        &self.json
    }

    /// Takes the whole object as received, tag included.
    pub fn into_json(self) -> Map<String, Value> {
        self.json
    }
}

impl Serialize for UnknownVariant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// A string-enum value that this version of the SDK does not know, kept verbatim so it is
/// sent back unchanged. It can only come from a server response.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownEnumValue(String);

impl UnknownEnumValue {
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why text is not a value of a string enum: it names no value this SDK knows. Values
/// the SDK does not know only come from the API (as `Unknown`), never from parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseEnumError {
    value: String,
    expected: &'static [&'static str],
}

impl ParseEnumError {
    pub(crate) fn new(value: &str, expected: &'static [&'static str]) -> Self {
        Self {
            value: value.to_owned(),
            expected,
        }
    }

    /// The text that was parsed.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The values the enum knows, as on the wire.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not one of ", self.value)?;
        for (i, value) in self.expected.iter().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            write!(f, "{separator}`{value}`")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseEnumError {}
