//! Typed async client for Cloudflare AI Gateway dynamic routing.
//!
//! The [`types`] and endpoint modules are generated from `spec/` by `cargo run -p codegen`;
//! the runtime ([`Client`], [`Error`], [`Call`]) is hand-written.
//!
//! ```no_run
//! use cloudflare_sdk::{Client, CreateRouteVersion, ElementRef, StartElement, StartOutputs};
//!
//! # async fn run() -> Result<(), cloudflare_sdk::Error> {
//! let client = Client::from_env()?;
//! let start = StartElement::new("start", StartOutputs::new(ElementRef::new("end")));
//! let route = client
//!     .ai_gateway()
//!     .dynamic_routing()
//!     .create_version(
//!         "0d37909e38d3e99c29fa2cd343ac421a",
//!         "54442216",
//!         "54442216",
//!         &CreateRouteVersion::new(vec![start.into()]),
//!     )
//!     .await?;
//! println!("route {} now has a new version", route.name);
//! # Ok(())
//! # }
//! ```

// Generated modules are formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
mod api;
mod runtime;
#[rustfmt::skip]
pub mod types;

pub use api::*;
pub use runtime::{
    ApiError, ApiErrorKind, ApiMessage, Call, Client, ClientBuilder, DEFAULT_BASE_URL,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DateTime, DecodeError, EXCERPT_LIMIT, Error,
    ErrorCode, HeaderMap, Pages, ParseDateTimeError, RedirectError, RedirectReason, Response,
    Result, StatusCode, UnknownEnumValue, UnknownVariant, WithResponse,
};
/// The README's examples, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

#[doc(no_inline)]
pub use serde_json::{Map, Number, Value};
pub use types::*;
