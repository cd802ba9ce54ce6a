//! Decoding untagged unions (`one_of`): the value is read once, then tried against each
//! shape in order; a value that fits none is kept as [`UnknownValue`] when the API sent it,
//! and is an error naming why each shape failed when a user wrote it.

use std::fmt;

use serde::de::{self, DeserializeOwned};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// A value of an untagged union that fits none of the shapes this version of the SDK
/// knows, such as a shape added to the API later. It keeps the JSON as received, so it is
/// sent back unchanged, and, like the other `Unknown*` types, only comes from the API.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownValue(Value);

impl UnknownValue {
    /// The value as received.
    pub fn json(&self) -> &Value {
        &self.0
    }

    /// Takes the value as received.
    pub fn into_json(self) -> Value {
        self.0
    }
}

impl Serialize for UnknownValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// The value of an untagged union, read once and decoded as each shape in turn.
pub struct OneOfValue(Value);

impl<'de> Deserialize<'de> for OneOfValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Self)
    }
}

impl OneOfValue {
    /// The value as one shape.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(&self.0)
    }
}

/// Why each shape tried so far did not fit.
#[derive(Default)]
pub struct OneOfFailures(Vec<(&'static str, serde_json::Error)>);

impl OneOfFailures {
    /// Records that the shape `name` did not fit, and why.
    pub fn push(&mut self, name: &'static str, err: serde_json::Error) {
        self.0.push((name, err));
    }

    /// After every shape failed: the value kept whole when the API sent it, else an error
    /// that says why each shape failed.
    pub fn into_unknown<E: de::Error>(self, value: OneOfValue) -> Result<UnknownValue, E> {
        if crate::api_data::decoding_api_data() {
            Ok(UnknownValue(value.0))
        } else {
            Err(E::custom(self))
        }
    }
}

impl fmt::Display for OneOfFailures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the value fits none of its shapes")?;
        for (i, (name, err)) in self.0.iter().enumerate() {
            let separator = if i == 0 { ": " } else { "; " };
            write!(f, "{separator}not `{name}` ({err})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A union of a number and a list of strings, as generated code decodes it.
    #[derive(Debug, PartialEq)]
    enum Ttl {
        Seconds(u32),
        Names(Vec<String>),
        Unknown(UnknownValue),
    }

    impl<'de> Deserialize<'de> for Ttl {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = OneOfValue::deserialize(deserializer)?;
            let mut failures = OneOfFailures::default();
            match value.decode() {
                Ok(decoded) => return Ok(Self::Seconds(decoded)),
                Err(err) => failures.push("seconds", err),
            }
            match value.decode() {
                Ok(decoded) => return Ok(Self::Names(decoded)),
                Err(err) => failures.push("names", err),
            }
            failures.into_unknown(value).map(Self::Unknown)
        }
    }

    #[test]
    fn the_first_shape_that_fits_is_taken() {
        assert_eq!(serde_json::from_str::<Ttl>("60").unwrap(), Ttl::Seconds(60));
        assert_eq!(
            serde_json::from_str::<Ttl>(r#"["a"]"#).unwrap(),
            Ttl::Names(vec!["a".into()])
        );
    }

    #[test]
    fn a_value_of_no_shape_is_kept_from_the_api_and_explained_otherwise() {
        let kept: Ttl = crate::from_api_json(r#"{"auto": true}"#).unwrap();
        let Ttl::Unknown(unknown) = kept else {
            panic!("expected Unknown")
        };
        assert_eq!(unknown.json(), &serde_json::json!({"auto": true}));
        assert_eq!(serde_json::to_string(&unknown).unwrap(), r#"{"auto":true}"#);
        let err = serde_json::from_str::<Ttl>(r#"{"auto": true}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("fits none of its shapes"), "{err}");
        assert!(
            err.contains("not `seconds` (invalid type: map") && err.contains("not `names`"),
            "{err}"
        );
    }
}
