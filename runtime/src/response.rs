//! Turning a raw HTTP response into a typed value or an [`Error`]: unwrapping the
//! `{"success": ..., "errors": [...], "result": ...}` envelope.

use std::fmt;
use std::marker::PhantomData;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::error::{
    ApiError, ApiMessage, DecodeError, Error, RedirectError, Result, cf_ray, excerpt,
};
use super::redirect::RedirectReason;
use super::request::Payload;
use super::result_info::ResultInfo;

/// A decoded response together with its HTTP status and headers, for callers who need
/// more than the value (the `cf-ray` id, rate-limit headers, ...).
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    value: T,
    result_info: Option<ResultInfo>,
}

impl Response<()> {
    /// The same status and headers with `value`.
    pub(crate) fn with_value<T>(self, value: T) -> Response<T> {
        Response {
            status: self.status,
            headers: self.headers,
            value,
            result_info: self.result_info,
        }
    }

    /// The error for a text body that is not UTF-8.
    pub(crate) fn not_text(self, bytes: &[u8]) -> Error {
        Error::Decode(Box::new(DecodeError::new(
            self.status,
            self.headers,
            "the body is not UTF-8 text".to_owned(),
            excerpt(bytes),
        )))
    }
}

impl<T> Response<T> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `cf-ray` header: the id Cloudflare support asks for.
    pub fn cf_ray(&self) -> Option<&str> {
        cf_ray(&self.headers)
    }

    /// The envelope's `result_info`, which list endpoints send: the page number, the
    /// number of pages and items. `None` when the response has none, or one that is not
    /// an object of numbers.
    pub fn result_info(&self) -> Option<&ResultInfo> {
        self.result_info.as_ref()
    }

    /// The decoded payload.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// Takes the decoded payload.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Takes status, headers and payload apart.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.value)
    }
}

/// A response as it came off the wire.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
    /// Why this response, a redirect, was not followed; `None` for any other response.
    pub(crate) refused_redirect: Option<RedirectReason>,
}

impl RawResponse {
    /// Takes the payload out of a successful response, where `payload` says it is.
    ///
    /// A redirect that was not followed is an [`Error::Redirect`]. Any other error status
    /// is an [`Error::Api`] (read from the envelope when the body is one); so is
    /// `success: false` in a 2xx envelope. A 2xx body that is not JSON, or whose payload
    /// does not fit `T` (a missing or `null` payload included, unless `T` accepts null),
    /// is an [`Error::Decode`].
    pub(crate) fn decode<T: DeserializeOwned>(self, payload: Payload) -> Result<Response<T>> {
        // Kinds and values the SDK does not know are kept: this is the API's data.
        let _api_data = crate::api_data::DecodingApiData::begin();
        if let Some(reason) = self.refused_redirect {
            let redirect = RedirectError::new(self.status, self.headers, reason);
            return Err(Error::Redirect(Box::new(redirect)));
        }
        if !self.status.is_success() {
            return Err(self.into_api_error());
        }
        match payload {
            Payload::Envelope(field) => self.decode_envelope(field),
            Payload::Whole => self.decode_whole(),
            Payload::Nothing => self.decode_nothing(),
        }
    }

    /// The payload of a body that is not an envelope: the whole JSON body.
    fn decode_whole<T: DeserializeOwned>(self) -> Result<Response<T>> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Err(self.decode_error("expected a JSON body, but the body is empty".into()));
        }
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        let decoded = serde_path_to_error::deserialize::<_, T>(&mut deserializer)
            .map_err(|err| (err.path().to_string(), err.into_inner()))
            .and_then(|value| {
                deserializer
                    .end()
                    .map(|()| value)
                    .map_err(|err| (".".to_owned(), err))
            });
        match decoded {
            Ok(value) => Ok(Response {
                status: self.status,
                headers: self.headers,
                value,
                result_info: None,
            }),
            Err(_) if self.looks_like_html() => Err(self.decode_error(
                "expected JSON, but the body is an HTML page (a proxy or error page?)".into(),
            )),
            Err((path, err)) if err.is_syntax() || err.is_eof() || path == "." => {
                Err(self.decode_error(format!("the body is not valid JSON: {err}")))
            }
            Err((path, err)) => Err(self.decode_error(format!(
                "`{path}` of the body does not match the expected type: {err}"
            ))),
        }
    }

    /// A success that carries nothing: whatever the body, unless it is an envelope that
    /// says `success: false`.
    fn decode_nothing<T: DeserializeOwned>(self) -> Result<Response<T>> {
        if let Ok(envelope) = self.envelope()
            && envelope.get("success") == Some(&Value::Bool(false))
        {
            return Err(self.api_error(Some(envelope)));
        }
        let result_info = self
            .envelope()
            .ok()
            .and_then(|mut envelope| envelope.remove(RESULT_INFO))
            .and_then(|info| serde_json::from_value(info).ok());
        match serde_json::from_value::<T>(Value::Null) {
            Ok(value) => Ok(Response {
                status: self.status,
                headers: self.headers,
                value,
                result_info,
            }),
            Err(err) => Err(self.decode_error(format!(
                "the response carries no payload, but a value was expected: {err}"
            ))),
        }
    }

    /// Unwraps the envelope field `field` into `T`.
    fn decode_envelope<T: DeserializeOwned>(self, field: &str) -> Result<Response<T>> {
        if let Some((value, result_info)) = self.decode_in_one_pass(field) {
            return Ok(Response {
                status: self.status,
                headers: self.headers,
                value,
                result_info,
            });
        }
        // Everything but a plain success (a bad body, `success: false`, a payload that does
        // not fit) takes the slower path below, which says exactly what is wrong.
        let mut envelope = match self.envelope() {
            Ok(envelope) => envelope,
            Err(reason) => return Err(self.decode_error(reason)),
        };
        if envelope.get("success") == Some(&Value::Bool(false)) {
            return Err(self.api_error(Some(envelope)));
        }
        let payload = envelope.remove(field).unwrap_or(Value::Null);
        let result_info = envelope
            .remove(RESULT_INFO)
            .and_then(|info| serde_json::from_value(info).ok());
        let was_null = payload.is_null();
        match serde_path_to_error::deserialize::<_, T>(payload) {
            Ok(value) => Ok(Response {
                status: self.status,
                headers: self.headers,
                value,
                result_info,
            }),
            Err(_) if was_null => Err(self.decode_error(format!(
                "the envelope's `{field}` is missing or null, but a value was expected"
            ))),
            Err(err) => Err(self.decode_error(format!(
                "`{}` does not match the expected type: {}",
                payload_path(field, err.path()),
                err.inner()
            ))),
        }
    }

    /// The payload of a successful envelope, read straight from the bytes without building
    /// a `Value` tree first; `None` when anything is unusual.
    fn decode_in_one_pass<T: DeserializeOwned>(
        &self,
        field: &str,
    ) -> Option<(T, Option<ResultInfo>)> {
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        let envelope = EnvelopeSeed {
            field,
            payload: PhantomData::<T>,
        }
        .deserialize(&mut deserializer)
        .ok()?;
        deserializer.end().ok()?;
        if envelope.unsuccessful {
            return None;
        }
        Some((envelope.payload?, envelope.result_info))
    }

    /// The body as a JSON object, or why it is not one.
    fn envelope(&self) -> Result<Map<String, Value>, String> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Err("expected a JSON envelope, but the body is empty".into());
        }
        match serde_json::from_slice(&self.body) {
            Ok(Value::Object(envelope)) => Ok(envelope),
            Ok(other) => Err(format!(
                "expected a JSON object envelope, found {}",
                kind(&other)
            )),
            Err(_) if self.looks_like_html() => {
                Err("expected JSON, but the body is an HTML page (a proxy or error page?)".into())
            }
            Err(err) => Err(format!("the body is not valid JSON: {err}")),
        }
    }

    fn looks_like_html(&self) -> bool {
        let declared = self
            .headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.to_ascii_lowercase().contains("html"));
        let text = String::from_utf8_lossy(&self.body[..self.body.len().min(64)]).to_lowercase();
        declared || text.trim_start().starts_with("<!doctype html") || text.contains("<html")
    }

    /// A successful response's body as it is, with its `Content-Type`, for a body that is
    /// not JSON; a redirect or an error status is an error as for any call.
    pub(crate) fn raw_body(self) -> Result<(Response<()>, Option<String>, Vec<u8>)> {
        if let Some(reason) = self.refused_redirect {
            let redirect = RedirectError::new(self.status, self.headers, reason);
            return Err(Error::Redirect(Box::new(redirect)));
        }
        if !self.status.is_success() {
            return Err(self.into_api_error());
        }
        let media_type = self
            .headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let response = Response {
            status: self.status,
            headers: self.headers,
            value: (),
            result_info: None,
        };
        Ok((response, media_type, self.body))
    }

    fn decode_error(self, reason: String) -> Error {
        let excerpt = excerpt(&self.body);
        Error::Decode(Box::new(DecodeError::new(
            self.status,
            self.headers,
            reason,
            excerpt,
        )))
    }

    fn into_api_error(self) -> Error {
        let envelope = self.envelope().ok();
        self.api_error(envelope)
    }

    /// An API error from the envelope's lists; the body excerpt is kept when the server
    /// listed no errors, so an HTML error page is not lost.
    fn api_error(self, envelope: Option<Map<String, Value>>) -> Error {
        let mut envelope = envelope.unwrap_or_default();
        let mut list = |name| match envelope.remove(name) {
            Some(Value::Array(items)) => items.into_iter().map(ApiMessage::from_value).collect(),
            _ => Vec::new(),
        };
        let errors: Vec<ApiMessage> = list("errors");
        let messages = list("messages");
        let body_excerpt = errors.is_empty().then(|| excerpt(&self.body));
        Error::Api(Box::new(ApiError::new(
            self.status,
            self.headers,
            errors,
            messages,
            body_excerpt,
        )))
    }
}

/// Where in the envelope a decode error is: `result`, `result.elements[0].id` or
/// `result[2]`. serde_path_to_error prints the root as `.` and starts with `[2]` for a
/// list, so it cannot simply be appended after a dot.
fn payload_path(field: &str, path: &serde_path_to_error::Path) -> String {
    match path.iter().next() {
        None => field.to_owned(),
        Some(serde_path_to_error::Segment::Seq { .. }) => format!("{field}{path}"),
        Some(_) => format!("{field}.{path}"),
    }
}

/// The JSON type of `value`, for error messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What the one-pass decode keeps of an envelope: whether it says `success: false`, and
/// the payload field. Everything else is skipped without being built.
struct Envelope<T> {
    unsuccessful: bool,
    payload: Option<T>,
    /// A `result_info` that is not the expected object is left out, not an error: it is
    /// only paging help.
    result_info: Option<ResultInfo>,
}

/// The envelope field with paging figures.
const RESULT_INFO: &str = "result_info";

/// Reads an envelope object whose payload sits in `field`.
struct EnvelopeSeed<'a, T> {
    field: &'a str,
    payload: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for EnvelopeSeed<'_, T> {
    type Value = Envelope<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for EnvelopeSeed<'_, T> {
    type Value = Envelope<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut envelope = Envelope {
            unsuccessful: false,
            payload: None,
            result_info: None,
        };
        while let Some(key) = map.next_key::<String>()? {
            if key == self.field {
                envelope.payload = Some(map.next_value()?);
            } else if key == RESULT_INFO && self.field != RESULT_INFO {
                let info = map.next_value::<Value>()?;
                envelope.result_info = serde_json::from_value(info).ok();
            } else if key == "success" {
                envelope.unsuccessful |= map.next_value::<Value>()? == Value::Bool(false);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(envelope)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiErrorKind;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Version {
        id: String,
    }

    fn raw(status: u16, body: &str) -> RawResponse {
        let mut headers = HeaderMap::new();
        headers.insert("cf-ray", "ray-1".parse().unwrap());
        RawResponse {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
            body: body.into(),
            refused_redirect: None,
        }
    }

    #[test]
    fn a_success_decodes_in_one_pass_whatever_the_key_order_and_extra_keys() {
        for body in [
            r#"{"success": true, "errors": [], "result": {"id": "v1"}}"#,
            r#"{"result": {"id": "v1"}, "messages": [{"code": 1}], "success": true, "extra": [1, {"a": null}]}"#,
        ] {
            assert_eq!(
                raw(200, body).decode_in_one_pass::<Version>("result"),
                Some((Version { id: "v1".into() }, None))
            );
            assert_eq!(
                raw(200, body)
                    .decode::<Version>(Payload::Envelope("result"))
                    .unwrap()
                    .into_value()
                    .id,
                "v1"
            );
        }
    }

    #[test]
    fn result_info_is_kept_in_both_decodes_and_a_malformed_one_is_left_out() {
        let body = r#"{"success": true, "result": [{"id": "v1"}], "result_info": {"page": 2, "total_pages": 3, "cursor": "x"}}"#;
        let (_, info) = raw(200, body)
            .decode_in_one_pass::<Vec<Version>>("result")
            .unwrap();
        let info = info.unwrap();
        assert_eq!((info.page, info.total_pages), (Some(2), Some(3)));
        assert_eq!(info.unknown_fields["cursor"], "x");
        // The explaining path, taken when the one-pass decode gives up (here: no payload,
        // which the type accepts).
        let no_payload = r#"{"success": true, "result_info": {"page": 2}}"#;
        let slow = raw(200, no_payload).decode::<Option<Vec<Version>>>(Payload::Envelope("result"));
        assert_eq!(slow.unwrap().result_info().unwrap().page, Some(2));
        let odd = r#"{"success": true, "result": [], "result_info": "page two"}"#;
        let response = raw(200, odd)
            .decode::<Vec<Version>>(Payload::Envelope("result"))
            .unwrap();
        assert!(response.result_info().is_none());
    }

    #[test]
    fn success_false_after_the_payload_is_still_an_api_error() {
        let response = raw(
            200,
            r#"{"result": {"id": "v1"}, "success": false, "errors": [{"code": 9, "message": "no"}]}"#,
        );
        assert_eq!(response.decode_in_one_pass::<Version>("result"), None);
        let err = response
            .decode::<Version>(Payload::Envelope("result"))
            .unwrap_err();
        assert_eq!(err.api_kind(), Some(ApiErrorKind::Unsuccessful), "{err}");
    }

    #[test]
    fn anything_unusual_leaves_the_one_pass_decode_to_the_explaining_path() {
        for body in [
            r#"{"success": true}"#,
            r#"{"result": {"name": "x"}}"#,
            r#"{"result": {"id": "v1"}} trailing"#,
            "[]",
        ] {
            assert_eq!(
                raw(200, body).decode_in_one_pass::<Version>("result"),
                None,
                "{body}"
            );
        }
    }

    fn decode_err(status: u16, body: &str) -> DecodeError {
        match raw(status, body).decode::<Version>(Payload::Envelope("result")) {
            Err(Error::Decode(err)) => *err,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    fn api_err(status: u16, body: &str) -> ApiError {
        match raw(status, body).decode::<Version>(Payload::Envelope("result")) {
            Err(Error::Api(err)) => *err,
            other => panic!("expected an API error, got {other:?}"),
        }
    }

    #[test]
    fn unwraps_the_named_envelope_field() {
        let body =
            r#"{"success":true,"errors":[],"messages":[],"result":{"id":"v1"},"route":{"id":"r"}}"#;
        let response = raw(200, body)
            .decode::<Version>(Payload::Envelope("result"))
            .unwrap();
        assert_eq!(response.value(), &Version { id: "v1".into() });
        assert_eq!(
            (response.status(), response.cf_ray()),
            (StatusCode::OK, Some("ray-1"))
        );
        let route = raw(201, body)
            .decode::<Version>(Payload::Envelope("route"))
            .unwrap()
            .into_value();
        assert_eq!(route.id, "r");
    }

    #[test]
    fn success_false_in_a_2xx_is_an_api_error() {
        let error = api_err(
            200,
            r#"{"success":false,"errors":[{"code":1,"message":"nope"}],"result":null}"#,
        );
        assert_eq!(error.kind(), ApiErrorKind::Unsuccessful);
        assert_eq!(error.errors()[0].message, "nope");
    }

    #[test]
    fn a_missing_or_null_payload_is_a_decode_error() {
        for body in [r#"{"success":true}"#, r#"{"success":true,"result":null}"#] {
            let err = decode_err(200, body);
            assert!(
                err.reason().contains("`result` is missing or null"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_null_payload_is_fine_when_the_type_accepts_null() {
        let value = raw(200, r#"{"success":true,"result":null}"#)
            .decode::<Option<Version>>(Payload::Envelope("result"));
        assert_eq!(value.unwrap().into_value(), None);
    }

    #[test]
    fn a_payload_of_the_wrong_shape_names_the_path() {
        let err = decode_err(200, r#"{"success":true,"result":{"id":5}}"#);
        assert!(
            err.reason().starts_with("`result.id` does not match"),
            "{err}"
        );
    }

    #[test]
    fn a_payload_of_the_wrong_type_at_its_root_names_just_the_field() {
        let err = decode_err(200, r#"{"success":true,"result":"oops"}"#);
        assert!(err.reason().starts_with("`result` does not match"), "{err}");
    }

    #[test]
    fn a_list_payload_names_the_index_without_a_dot_before_it() {
        let response = raw(200, r#"{"success":true,"result":[{"id":"a"},{"id":5}]}"#);
        let Err(Error::Decode(err)) = response.decode::<Vec<Version>>(Payload::Envelope("result"))
        else {
            panic!("expected a decode error");
        };
        assert!(
            err.reason().starts_with("`result[1].id` does not match"),
            "{err}"
        );
    }

    #[test]
    fn html_empty_and_malformed_bodies_are_decode_errors_with_an_excerpt() {
        let html = decode_err(
            200,
            "<!DOCTYPE html><html><body>Just a moment...</body></html>",
        );
        assert!(html.reason().contains("HTML page"), "{html}");
        assert!(html.body_excerpt().starts_with("<!DOCTYPE html>"));

        let empty = decode_err(200, "");
        assert!(empty.reason().contains("body is empty"), "{empty}");
        assert!(empty.to_string().ends_with("the body is empty"), "{empty}");

        let malformed = decode_err(200, r#"{"success":true,"result":"#);
        assert!(malformed.reason().contains("not valid JSON"), "{malformed}");
        assert_eq!(malformed.body_excerpt(), r#"{"success":true,"result":"#);

        let array = decode_err(200, "[1]");
        assert!(array.reason().contains("found an array"), "{array}");
    }

    #[test]
    fn an_error_status_keeps_the_errors_messages_and_unknown_keys() {
        let error = api_err(
            403,
            r#"{"success":false,"errors":[{"code":9109,"message":"Unauthorized","documentation_url":"d"}],
                "messages":[{"code":1,"message":"note"}],"result":null}"#,
        );
        assert_eq!(error.kind(), ApiErrorKind::Forbidden);
        assert!(error.has_code(9109));
        assert_eq!(error.errors()[0].extra["documentation_url"], "d");
        assert_eq!(error.messages()[0].message, "note");
        assert_eq!(error.body_excerpt(), None);
    }

    #[test]
    fn an_error_status_with_a_non_json_body_keeps_an_excerpt() {
        let error = api_err(502, "<html>Bad gateway</html>");
        assert_eq!(error.kind(), ApiErrorKind::Server);
        assert!(error.errors().is_empty());
        assert_eq!(error.body_excerpt(), Some("<html>Bad gateway</html>"));
    }

    #[test]
    fn a_body_without_envelope_is_the_whole_payload() {
        let response = raw(200, r#"{"id": "v1"}"#)
            .decode::<Version>(Payload::Whole)
            .unwrap();
        assert_eq!(response.value(), &Version { id: "v1".into() });
        let list = raw(200, r#"[{"id": "a"}, {"id": "b"}]"#)
            .decode::<Vec<Version>>(Payload::Whole)
            .unwrap();
        assert_eq!(list.into_value().len(), 2);
    }

    #[test]
    fn a_whole_body_that_does_not_fit_says_where() {
        let Err(Error::Decode(err)) =
            raw(200, r#"[{"id": "a"}, {"id": 2}]"#).decode::<Vec<Version>>(Payload::Whole)
        else {
            panic!("expected a decode error");
        };
        assert!(err.reason().contains("`[1].id` of the body"), "{err}");
        let Err(Error::Decode(empty)) = raw(200, "").decode::<Version>(Payload::Whole) else {
            panic!("expected a decode error");
        };
        assert!(empty.reason().contains("empty"), "{empty}");
        let Err(Error::Decode(bad)) = raw(200, "{\"id\": ").decode::<Version>(Payload::Whole)
        else {
            panic!("expected a decode error");
        };
        assert!(bad.reason().contains("not valid JSON"), "{bad}");
    }

    #[test]
    fn an_unenveloped_endpoint_still_reads_errors_from_the_envelope() {
        let Err(Error::Api(error)) = raw(
            404,
            r#"{"success":false,"errors":[{"code":7003,"message":"No route"}]}"#,
        )
        .decode::<Version>(Payload::Whole) else {
            panic!("expected an API error");
        };
        assert!(error.has_code(7003));
    }

    #[test]
    fn no_content_yields_unit_whatever_the_body() {
        for body in ["", r#"{"success":true,"result":null}"#, "ok"] {
            raw(204, body).decode::<()>(Payload::Nothing).unwrap();
        }
        let Err(Error::Api(error)) = raw(
            200,
            r#"{"success":false,"errors":[{"code":10000,"message":"Denied"}]}"#,
        )
        .decode::<()>(Payload::Nothing) else {
            panic!("expected an API error");
        };
        assert!(error.has_code(10000));
    }
}
