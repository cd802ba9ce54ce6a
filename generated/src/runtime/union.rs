//! Decoding of tagged unions (`{"type": "start", ...}`), shared by every generated union.
//!
//! The generated `Deserialize` impl reads the object once, picks the variant from the tag
//! and keeps unknown kinds whole, which serde's derive cannot do.

use serde::de::{DeserializeOwned, Error};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// Reads one union member and splits it into its tag value and its other fields.
pub(crate) fn split_tag<'de, D: Deserializer<'de>>(
    deserializer: D,
    tag_field: &'static str,
) -> Result<(String, Map<String, Value>), D::Error> {
    let mut fields = Map::deserialize(deserializer)?;
    match fields.remove(tag_field) {
        Some(Value::String(kind)) => Ok((kind, fields)),
        Some(other) => Err(D::Error::custom(format_args!(
            "field `{tag_field}` must be a string, found {other}"
        ))),
        None => Err(D::Error::missing_field(tag_field)),
    }
}

/// Decodes the fields of a known variant (the tag already removed).
pub(crate) fn decode_variant<T: DeserializeOwned, E: Error>(
    kind: &str,
    fields: Map<String, Value>,
) -> Result<T, E> {
    T::deserialize(Value::Object(fields))
        .map_err(|err| E::custom(format_args!("invalid `{kind}` variant: {err}")))
}
