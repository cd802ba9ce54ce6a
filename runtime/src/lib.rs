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

mod auth;
mod builder;
mod call;
mod client;
mod datetime;
mod error;
mod pages;
mod path;
mod redirect;
mod request;
mod response;
mod retry;
mod serde_helpers;
mod tls;
mod trace;
mod transport;
mod union;
mod unknown;

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
pub use pages::Pages;
pub use redirect::RedirectReason;
pub use reqwest::StatusCode;
pub use reqwest::header::HeaderMap;
pub use response::Response;
pub use unknown::{UnknownEnumValue, UnknownVariant};

/// What generated code calls; not part of the API (it may change in any release), which is
/// why it is hidden from the docs, as serde's and prost's support modules are.
#[doc(hidden)]
pub mod __private {
    use serde::de::DeserializeOwned;
    use serde_json::{Map, Value};

    use crate::{Call, Client, Pages, UnknownEnumValue, UnknownVariant};

    pub use crate::request::{ApiRequest, Method};
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

    /// A union member of a kind the generated union does not know, rebuilt from its tag
    /// field's name, the tag value and the other fields.
    pub fn unknown_variant(
        tag_field: &str,
        kind: String,
        fields: Map<String, Value>,
    ) -> UnknownVariant {
        UnknownVariant::new(tag_field, kind, fields)
    }

    /// A string-enum value the generated enum does not know, kept verbatim.
    pub fn unknown_enum_value(value: String) -> UnknownEnumValue {
        UnknownEnumValue::new(value)
    }
}
