use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A `date-time` value, such as `2019-12-27T18:11:19.117Z`: the text exactly as the server
/// sent it, and the instant it denotes.
///
/// Reading a response never fails because of a date-time's text: whatever string the
/// server sends (`2025-06-12 09:15:30`, with no `T` and no offset, say) is kept verbatim,
/// so one odd field cannot make a whole response unusable, and a value that is read and
/// written back is unchanged (`.117Z` is not rewritten as `.117000Z` or `+00:00`). Only
/// [`DateTime::timestamp`] says whether the text is an RFC 3339 instant.
///
/// A value made in code is checked: [`FromStr`] accepts only text that denotes an instant,
/// and `From<jiff::Timestamp>` formats one, so what you send is always a valid date-time.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: String,
}

impl DateTime {
    /// The instant this value denotes.
    ///
    /// # Errors
    ///
    /// When the text is not an RFC 3339 date-time with a UTC offset (`Z` or `+01:00`).
    /// Text without an offset, like `2025-06-12 09:15:30`, names no instant by itself; if
    /// you know which zone the server means, read it with
    /// `jiff::civil::DateTime::from_str(value.as_str())` and attach the zone with
    /// `to_zoned_datetime`.
    pub fn timestamp(&self) -> Result<jiff::Timestamp, ParseDateTimeError> {
        self.text.parse().map_err(|reason| ParseDateTimeError {
            text: self.text.clone(),
            reason,
        })
    }

    /// The text, as received or as formatted from a [`jiff::Timestamp`].
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl From<jiff::Timestamp> for DateTime {
    fn from(timestamp: jiff::Timestamp) -> Self {
        Self {
            text: timestamp.to_string(),
        }
    }
}

impl FromStr for DateTime {
    type Err = ParseDateTimeError;

    /// Parses RFC 3339 text, keeping it verbatim; text that denotes no instant is refused,
    /// so that a value built in code is one the API accepts.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let value = Self {
            text: text.to_owned(),
        };
        value.timestamp()?;
        Ok(value)
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
    /// Accepts any string, unchecked; see [`DateTime::timestamp`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Self { text })
    }
}

/// Text that is not an RFC 3339 date-time: from [`DateTime::timestamp`], or from parsing a
/// [`DateTime`].
#[derive(Clone, Debug)]
pub struct ParseDateTimeError {
    text: String,
    reason: jiff::Error,
}

impl ParseDateTimeError {
    /// The text that did not parse.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ParseDateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an RFC 3339 date-time: {}",
            self.text, self.reason
        )
    }
}

impl std::error::Error for ParseDateTimeError {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_the_servers_text_verbatim() {
        for text in [
            "2019-12-27T18:11:19.117Z",
            "2019-12-27T18:11:19.117000+01:00",
        ] {
            let value: DateTime = serde_json::from_value(json!(text)).unwrap();
            assert_eq!(serde_json::to_value(&value).unwrap(), json!(text));
        }
    }

    #[test]
    fn exposes_the_instant() {
        let value: DateTime = "2019-12-27T19:11:19+01:00".parse().unwrap();
        assert_eq!(
            value.timestamp().unwrap(),
            "2019-12-27T18:11:19Z".parse::<jiff::Timestamp>().unwrap()
        );
        let formatted = DateTime::from(value.timestamp().unwrap());
        assert_eq!(formatted.as_str(), "2019-12-27T18:11:19Z");
    }

    #[test]
    fn any_text_is_read_and_kept_and_only_the_instant_reports_that_it_does_not_parse() {
        for text in ["2025-06-12 09:15:30", "27/12/2019 18:11", "yesterday", ""] {
            let value: DateTime = serde_json::from_value(json!(text)).unwrap();
            assert_eq!((value.as_str(), value.to_string()), (text, text.to_owned()));
            assert_eq!(serde_json::to_value(&value).unwrap(), json!(text));

            let err = value.timestamp().unwrap_err();
            assert_eq!(err.text(), text);
            let message = err.to_string();
            assert!(
                message.starts_with(&format!("`{text}` is not an RFC 3339 date-time: ")),
                "{message}"
            );
        }
    }

    #[test]
    fn text_made_in_code_must_denote_an_instant() {
        let err = "2025-06-12 09:15:30".parse::<DateTime>().unwrap_err();
        assert_eq!(err.text(), "2025-06-12 09:15:30");
        assert!(err.to_string().contains("offset"), "{err}");
        assert!("yesterday".parse::<DateTime>().is_err());
    }

    #[test]
    fn text_without_an_offset_can_still_be_read_as_a_civil_date_time_as_documented() {
        let value: DateTime = serde_json::from_value(json!("2025-06-12 09:15:30")).unwrap();
        let civil = jiff::civil::DateTime::from_str(value.as_str()).unwrap();
        let utc = civil.to_zoned_datetime(jiff::tz::TimeZone::UTC).unwrap();
        assert_eq!(utc.timestamp().to_string(), "2025-06-12T09:15:30Z");
    }

    #[test]
    fn a_value_that_is_not_a_string_is_still_a_decode_error() {
        let err = serde_json::from_value::<DateTime>(json!(1718183730)).unwrap_err();
        assert!(err.to_string().contains("expected a string"), "{err}");
    }
}
