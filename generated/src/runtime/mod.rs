//! The hand-written half of the SDK: the HTTP client and the support types that the
//! generated code builds on. Generated code calls into this module and never
//! re-implements its logic.

mod call;
mod client;
mod datetime;
mod error;
mod request;
pub(crate) mod serde_helpers;
pub(crate) mod union;
mod unknown;

pub use call::Call;
pub use client::Client;
pub use datetime::DateTime;
pub use error::{Error, Result};
pub(crate) use request::{ApiRequest, Method};
pub use unknown::{UnknownEnumValue, UnknownVariant};
