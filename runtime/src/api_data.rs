//! Telling JSON the API sent from JSON a user wrote.
//!
//! Generated unions and string enums keep kinds and values they do not know, so that a
//! newer server's data survives a read-modify-write. That leniency is only right for data
//! from the API: in JSON a user wrote, an unknown element kind is a typo (`"strat"`), and
//! sending it back would be a mistake. So decoding is strict by default, and the runtime
//! marks the time it decodes a response; [`from_api_json`] does the same for API data a
//! program stored or received some other way.

use std::cell::Cell;

use serde::de::DeserializeOwned;

thread_local! {
    /// Set while this thread decodes data the API sent.
    static DECODING_API_DATA: Cell<bool> = const { Cell::new(false) };
}

/// Marks this thread as decoding API data until dropped.
pub(crate) struct DecodingApiData {
    previous: bool,
}

impl DecodingApiData {
    pub(crate) fn begin() -> Self {
        Self {
            previous: DECODING_API_DATA.replace(true),
        }
    }
}

impl Drop for DecodingApiData {
    fn drop(&mut self) {
        DECODING_API_DATA.set(self.previous);
    }
}

/// Whether the JSON being decoded on this thread came from the API.
pub(crate) fn decoding_api_data() -> bool {
    DECODING_API_DATA.get()
}

/// Decodes JSON that the API sent, such as a response body stored earlier or a route
/// fetched with another HTTP client, keeping element kinds and enum values this SDK does
/// not know (as `Unknown`), exactly as the client does with its responses.
///
/// `serde_json::from_str` is for JSON you write: it refuses an unknown kind or value,
/// naming the ones it knows, so that a typo is not sent.
///
/// ```
/// # fn main() -> serde_json::Result<()> {
/// use serde_json::{Map, Value};
///
/// let stored = r#"{"type": "cache", "ttl": 60}"#;
/// let object: Map<String, Value> = cloudflare_sdk_runtime::from_api_json(stored)?;
/// assert_eq!(object["ttl"], 60);
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// When `json` is not JSON or does not fit `T`.
pub fn from_api_json<T: DeserializeOwned>(json: &str) -> serde_json::Result<T> {
    let _api_data = DecodingApiData::begin();
    serde_json::from_str(json)
}

/// [`from_api_json`] for a JSON value already parsed, e.g. a field of a larger document.
///
/// # Errors
///
/// When `value` does not fit `T`.
pub fn from_api_value<T: DeserializeOwned>(value: serde_json::Value) -> serde_json::Result<T> {
    let _api_data = DecodingApiData::begin();
    serde_json::from_value(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_lasts_while_decoding_and_nests() {
        assert!(!decoding_api_data());
        {
            let _outer = DecodingApiData::begin();
            {
                let _inner = DecodingApiData::begin();
                assert!(decoding_api_data());
            }
            assert!(decoding_api_data());
        }
        assert!(!decoding_api_data());
    }
}
