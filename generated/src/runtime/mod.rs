//! The hand-written half of the SDK: the HTTP client and the support types that the
//! generated code builds on. Generated code calls into this module and never
//! re-implements its logic.

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
pub(crate) mod serde_helpers;
mod trace;
mod transport;
pub(crate) mod union;
mod unknown;

pub use builder::{ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use call::{Call, WithResponse};
pub use client::Client;
pub use datetime::{DateTime, ParseDateTimeError};
pub use error::{
    ApiError, ApiErrorKind, ApiMessage, DecodeError, EXCERPT_LIMIT, Error, ErrorCode,
    RedirectError, Result,
};
pub use pages::Pages;
pub use redirect::RedirectReason;
pub(crate) use request::{ApiRequest, Method};
pub use reqwest::StatusCode;
pub use reqwest::header::HeaderMap;
pub use response::Response;
pub use unknown::{UnknownEnumValue, UnknownVariant};
