//! [`Number`]: a JSON number kept exactly as the API sent it, which can also be built from
//! any Rust integer or float.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer, ser};

/// A JSON number, kept exactly: an integer stays an integer (`100` is not sent back as
/// `100.0`), and a float keeps every digit.
///
/// Built from any integer or float with `From`, so constructors take `60`, `60.5` or
/// `2u8` alike. JSON has no NaN or infinity: such a float is kept as given, and sending a
/// value that holds one fails with [`Error::InvalidArgument`](crate::Error::InvalidArgument)
/// before anything goes over the wire (it is never sent as `null`).
#[derive(Clone, PartialEq)]
pub struct Number(Repr);

#[derive(Clone, PartialEq)]
enum Repr {
    Json(serde_json::Number),
    /// A float that JSON cannot represent; refused when serialized.
    NotFinite(f64),
}

impl Number {
    /// The number for a finite `value`; `None` for NaN and infinities.
    pub fn from_f64(value: f64) -> Option<Self> {
        serde_json::Number::from_f64(value).map(|number| Self(Repr::Json(number)))
    }

    /// The value as an `i64`, if it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_json().and_then(serde_json::Number::as_i64)
    }

    /// The value as a `u64`, if it is a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_json().and_then(serde_json::Number::as_u64)
    }

    /// The value as an `f64`, possibly rounded.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.0 {
            Repr::Json(number) => number.as_f64(),
            Repr::NotFinite(value) => Some(*value),
        }
    }

    /// Whether the number is an integer that fits an `i64`.
    pub fn is_i64(&self) -> bool {
        self.as_json().is_some_and(serde_json::Number::is_i64)
    }

    /// Whether the number is an integer that fits a `u64`.
    pub fn is_u64(&self) -> bool {
        self.as_json().is_some_and(serde_json::Number::is_u64)
    }

    /// Whether the number is a float rather than an integer.
    pub fn is_f64(&self) -> bool {
        self.as_json().is_none_or(serde_json::Number::is_f64)
    }

    /// The number as serde_json holds it; `None` for a NaN or infinity given in code.
    pub fn as_json(&self) -> Option<&serde_json::Number> {
        match &self.0 {
            Repr::Json(number) => Some(number),
            Repr::NotFinite(_) => None,
        }
    }
}

macro_rules! from_integers {
    ($($integer:ty),*) => {
        $(
            impl From<$integer> for Number {
                fn from(value: $integer) -> Self {
                    Self(Repr::Json(serde_json::Number::from(value)))
                }
            }
        )*
    };
}

from_integers!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Self::from_f64(value).unwrap_or(Self(Repr::NotFinite(value)))
    }
}

impl From<f32> for Number {
    fn from(value: f32) -> Self {
        Self::from(f64::from(value))
    }
}

impl From<serde_json::Number> for Number {
    fn from(value: serde_json::Number) -> Self {
        Self(Repr::Json(value))
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Json(number) => fmt::Display::fmt(number, f),
            Repr::NotFinite(value) => fmt::Display::fmt(value, f),
        }
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({self})")
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Json(number) => number.serialize(serializer),
            Repr::NotFinite(value) => Err(ser::Error::custom(format_args!(
                "{value} is not a finite number, and JSON has no way to send it"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Number::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_floats_serialize_as_written() {
        for (number, json) in [
            (Number::from(100), "100"),
            (Number::from(u64::MAX), "18446744073709551615"),
            (Number::from(-7i8), "-7"),
            (Number::from(60.5), "60.5"),
            (Number::from(0.1f32), "0.10000000149011612"),
        ] {
            assert_eq!(serde_json::to_string(&number).unwrap(), json);
        }
    }

    #[test]
    fn a_number_read_from_json_keeps_its_kind_and_digits() {
        for json in [
            "100",
            "100.0",
            "-0.0",
            "9007199254740993",
            "1.2345678901234567",
        ] {
            let number: Number = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&number).unwrap(), json);
        }
        let integer: Number = serde_json::from_str("100").unwrap();
        assert!(integer.is_i64() && !integer.is_f64());
        assert_eq!(integer.as_i64(), Some(100));
    }

    #[test]
    fn a_float_json_cannot_represent_fails_to_serialize_and_is_never_null() {
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let number = Number::from(value);
            assert!(Number::from_f64(value).is_none());
            let err = serde_json::to_string(&number).unwrap_err().to_string();
            assert!(err.contains("not a finite number"), "{err}");
            assert_eq!(number.as_json(), None);
            assert!(number.is_f64());
        }
        assert_eq!(Number::from(f64::INFINITY).to_string(), "inf");
    }

    #[test]
    fn display_and_debug_show_the_value() {
        assert_eq!(Number::from(2.5).to_string(), "2.5");
        assert_eq!(format!("{:?}", Number::from(3)), "Number(3)");
    }
}
