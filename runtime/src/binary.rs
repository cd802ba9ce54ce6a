//! Bodies that are not JSON: [`Binary`] (bytes with a media type and maybe a file name),
//! [`Text`], and how a call decodes a response into them ([`ResponseValue`]).

use std::fmt;

use serde::de::DeserializeOwned;

use super::error::Result;
use super::request::Payload;
use super::response::{RawResponse, Response};

/// Bytes with their media type and, for a file, its name: a file part of a multipart
/// form, a raw request body, or a response that is not JSON (a PDF, a PNG, a pcap, …).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Binary {
    bytes: Vec<u8>,
    file_name: Option<String>,
    media_type: Option<String>,
}

impl Binary {
    /// These bytes, with no file name and no media type (sent as
    /// `application/octet-stream`, or as the endpoint declares).
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: None,
            media_type: None,
        }
    }

    /// Names the file, as a multipart form's file part says (`filename=`).
    #[must_use]
    pub fn with_file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the media type (`image/png`).
    #[must_use]
    pub fn with_media_type(mut self, media_type: impl Into<String>) -> Self {
        self.media_type = Some(media_type.into());
        self
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Takes the bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The file name, if any.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The media type, if known: for a response, its `Content-Type`.
    pub fn media_type(&self) -> Option<&str> {
        self.media_type.as_deref()
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<&[u8]> for Binary {
    fn from(bytes: &[u8]) -> Self {
        Self::new(bytes)
    }
}

impl fmt::Debug for Binary {
    /// The size, not the bytes, which are unreadable and can be large.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Binary")
            .field("bytes", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("media_type", &self.media_type)
            .finish()
    }
}

/// A response that is text (CSV, plain text, WebVTT, …), with its media type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    text: String,
    media_type: Option<String>,
}

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Takes the text.
    pub fn into_string(self) -> String {
        self.text
    }

    /// The response's `Content-Type`, if it sent one.
    pub fn media_type(&self) -> Option<&str> {
        self.media_type.as_deref()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// What a [`Call`](crate::Call) resolves to: any type decoded from the JSON envelope, or a
/// body taken as it is ([`Binary`], [`Text`]). Implemented by the runtime only.
pub trait ResponseValue: Sized {
    #[doc(hidden)]
    fn from_response(raw: ResponseBody, payload: Payload) -> Result<Response<Self>>;
}

/// A successful or failed response, as the runtime received it (only the runtime can
/// read it).
pub struct ResponseBody(pub(crate) RawResponse);

impl<T: DeserializeOwned> ResponseValue for T {
    fn from_response(raw: ResponseBody, payload: Payload) -> Result<Response<Self>> {
        raw.0.decode(payload)
    }
}

impl ResponseValue for Binary {
    fn from_response(raw: ResponseBody, _payload: Payload) -> Result<Response<Self>> {
        raw.0.raw_body().map(|(response, media_type, bytes)| {
            response.with_value(Binary {
                bytes,
                file_name: None,
                media_type,
            })
        })
    }
}

impl ResponseValue for Text {
    fn from_response(raw: ResponseBody, _payload: Payload) -> Result<Response<Self>> {
        let (response, media_type, bytes) = raw.0.raw_body()?;
        match String::from_utf8(bytes) {
            Ok(text) => Ok(response.with_value(Text { text, media_type })),
            Err(err) => Err(response.not_text(err.as_bytes())),
        }
    }
}
