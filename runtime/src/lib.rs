//! The hand-written runtime of the generated Cloudflare SDK.
//!
//! A generated SDK crate (such as `cloudflare-sdk`) holds the API's types and one method per
//! endpoint; everything else lives here, written and tested by hand: the HTTP [`Client`]
//! and its configuration ([`ClientBuilder`]), credentials, retries with backoff, timeouts,
//! the typed [`Error`], the response envelope, path encoding, pagination ([`Pages`]), and
//! the decoding support that keeps generated types lossless ([`DateTime`],
//! [`UnknownVariant`], [`UnknownEnumValue`]).
//!
//! Users normally reach these items through the SDK crate, which re-exports them and wraps
//! [`Client`] in its own `Client` that adds the API's operations. Generated code calls the
//! runtime through the hidden `__private` module, which is not part of the API and may
//! change in any release.

mod api_data;
mod auth;
mod binary;
mod builder;
mod call;
mod client;
mod datetime;
mod error;
mod multipart;
mod number;
mod one_of;
mod pages;
mod path;
mod redirect;
mod request;
mod response;
mod result_info;
mod retry;
mod serde_helpers;
mod tls;
mod trace;
mod transport;
mod union;
mod unknown;

pub use api_data::{from_api_json, from_api_value};
pub use binary::{Binary, ResponseValue, Text};
pub use builder::{
    ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, SdkClient,
};
pub use call::{Call, WithResponse};
pub use client::Client;
pub use datetime::{DateTime, ParseDateTimeError};
pub use error::{
    ApiError, ApiErrorKind, ApiMessage, DecodeError, EXCERPT_LIMIT, Error, ErrorCode,
    RedirectError, Result,
};
pub use number::Number;
pub use one_of::UnknownValue;
pub use pages::Pages;
pub use redirect::RedirectReason;
pub use reqwest::StatusCode;
pub use reqwest::header::HeaderMap;
pub use response::Response;
pub use result_info::ResultInfo;
pub use unknown::{ParseEnumError, UnknownEnumValue, UnknownVariant};

/// What generated code calls; not part of the API (it may change in any release), which is
/// why it is hidden from the docs, as serde's and prost's support modules are.
#[doc(hidden)]
pub mod __private {
    use std::fmt;

    use serde::de::{self, DeserializeOwned};
    use serde::{Deserialize, Deserializer, Serialize};
    use serde_json::{Map, Value};

    use crate::{Call, Client, Pages, ParseEnumError, UnknownEnumValue, UnknownVariant};

    pub use crate::multipart::Multipart;
    pub use crate::one_of::{OneOfFailures, OneOfValue};
    pub use crate::request::{ApiRequest, Method, Payload};
    pub use crate::serde_helpers::present;
    pub use crate::union::{TaggedUnion, deserialize as deserialize_union};

    /// The call a generated endpoint method returns.
    pub fn call<T>(client: &Client, request: ApiRequest) -> Call<T> {
        Call::new(client, request)
    }

    /// The stream a generated `…_stream` method returns: `request`'s pages from
    /// `first_page`, the page number sent as `page_param`, each page's items taken out of
    /// the decoded `P` by `items`.
    pub fn pages<T: Send + 'static, P: DeserializeOwned + Send + 'static>(
        client: &Client,
        request: ApiRequest,
        page_param: &'static str,
        first_page: i64,
        items: fn(P) -> Vec<T>,
    ) -> Pages<T> {
        Pages::new(client, request, page_param, first_page, items)
    }

    /// A union member whose tag value `kind` the generated union does not know (it knows
    /// `known`): kept whole, from the other `fields`, when the API sent it; an error
    /// naming the known kinds in JSON a user wrote.
    pub fn unknown_variant<'de, D: Deserializer<'de>>(
        tag_field: &str,
        kind: &str,
        fields: D,
        known: &'static [&'static str],
    ) -> Result<UnknownVariant, D::Error> {
        if !crate::api_data::decoding_api_data() {
            return Err(de::Error::unknown_variant(kind, known));
        }
        let fields = Map::<String, Value>::deserialize(fields)?;
        Ok(UnknownVariant::new(tag_field, kind.to_owned(), fields))
    }

    /// A string-enum value the generated enum does not know (it knows `known`): kept
    /// verbatim when the API sent it; an error naming the known values in JSON a user
    /// wrote.
    pub fn unknown_enum_value<E: de::Error>(
        value: String,
        known: &'static [&'static str],
    ) -> Result<UnknownEnumValue, E> {
        if crate::api_data::decoding_api_data() {
            Ok(UnknownEnumValue::new(value))
        } else {
            Err(E::unknown_variant(&value, known))
        }
    }

    /// What parsing `text` as a string enum that knows `known` fails with.
    pub fn parse_enum_error(text: &str, known: &'static [&'static str]) -> ParseEnumError {
        ParseEnumError::new(text, known)
    }

    /// Writes `value` as compact JSON, the `Display` of generated unions.
    pub fn display_json<T: Serialize>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_string(value) {
            Ok(json) => f.write_str(&json),
            Err(err) => write!(f, "(cannot be written as JSON: {err})"),
        }
    }
}
