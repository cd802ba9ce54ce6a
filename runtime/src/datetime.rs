use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// An RFC 3339 timestamp, such as `2019-12-27T18:11:19.117Z`.
///
/// The text is kept exactly as the server sent it, so a value that is read and written
/// back is unchanged (`.117Z` is not rewritten as `.117000Z` or `+00:00`); use
/// [`DateTime::timestamp`] to compute with it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    timestamp: jiff::Timestamp,
    text: String,
}

impl DateTime {
    /// The instant this value denotes.
    pub fn timestamp(&self) -> jiff::Timestamp {
        self.timestamp
    }

    /// The RFC 3339 text, as received or as formatted from a [`jiff::Timestamp`].
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl From<jiff::Timestamp> for DateTime {
    fn from(timestamp: jiff::Timestamp) -> Self {
        Self {
            timestamp,
            text: timestamp.to_string(),
        }
    }
}

impl FromStr for DateTime {
    type Err = jiff::Error;

    /// Parses RFC 3339 text, keeping it verbatim.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let timestamp = text.parse()?;
        Ok(Self {
            timestamp,
            text: text.to_owned(),
        })
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match jiff::Timestamp::from_str(&text) {
            Ok(timestamp) => Ok(Self { timestamp, text }),
            Err(err) => Err(de::Error::custom(format_args!(
                "invalid RFC 3339 date-time `{text}`: {err}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_servers_text_verbatim() {
        for text in [
            "2019-12-27T18:11:19.117Z",
            "2019-12-27T18:11:19.117000+01:00",
        ] {
            let value: DateTime = serde_json::from_value(serde_json::json!(text)).unwrap();
            assert_eq!(
                serde_json::to_value(&value).unwrap(),
                serde_json::json!(text)
            );
        }
    }

    #[test]
    fn exposes_the_instant() {
        let value: DateTime = "2019-12-27T19:11:19+01:00".parse().unwrap();
        assert_eq!(
            value.timestamp(),
            "2019-12-27T18:11:19Z".parse::<jiff::Timestamp>().unwrap()
        );
    }

    #[test]
    fn rejects_text_that_is_not_rfc_3339_with_the_text_in_the_error() {
        let err = serde_json::from_value::<DateTime>(serde_json::json!("yesterday")).unwrap_err();
        assert!(err.to_string().contains("`yesterday`"), "{err}");
    }
}
