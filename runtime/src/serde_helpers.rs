//! Small serde adapters used by generated field attributes.

use serde::{Deserialize, Deserializer};

/// Deserializes a field that is present as `Some`, even when its value is `null`.
///
/// With `#[serde(default)]` an absent field stays `None`, so `Option<Value>` tells absent
/// from `null`, and `Option<Option<T>>` tells absent, `null` and a value apart.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}
