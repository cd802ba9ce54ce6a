//! The crate's one error type, and the details of an error answer from the API.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Number, Value};

use super::redirect::{MAX_REDIRECTS, RedirectReason};

/// Everything that can go wrong when configuring the client or calling the API.
///
/// Match on the variant to decide what to do; [`Error::status`] and [`ApiError::kind`]
/// cover the common "which HTTP error was it" questions.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client could not be built: a bad base URL, an invalid header, or credentials
    /// that cannot be sent in a header. Missing credentials are
    /// [`MissingCredentials`](Self::MissingCredentials) instead.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The client could not be built for lack of credentials: none were set, the
    /// environment held only one of `CLOUDFLARE_API_KEY` and `CLOUDFLARE_EMAIL`, or the
    /// token, key or email set in code was empty. The message says what to set.
    #[error("missing credentials: {0}")]
    MissingCredentials(String),
    /// An argument was rejected before anything was sent, such as an empty path parameter.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The API answered with an error status, or with `success: false` in its envelope.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The API answered with a redirect that was not followed: to another origin, with a
    /// status other than 307 or 308, or one too many.
    #[error(transparent)]
    Redirect(Box<RedirectError>),
    /// A successful response could not be decoded into the expected type.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// No complete response arrived in time, on the last of `attempts` attempts: either
    /// the per-attempt limit or the connect limit ran out, and `timeout` says which.
    #[error(
        "no response within {timeout:?} after {attempts} attempt(s); if the API is just slow, \
         raise the limit with `Call::timeout`, `ClientBuilder::timeout` or, for connecting, \
         `ClientBuilder::connect_timeout`"
    )]
    Timeout {
        /// The limit that ran out: the per-attempt timeout or the connect timeout.
        timeout: Duration,
        /// How many attempts were made, retries included.
        attempts: u32,
    },
    /// The connection could not be made, or broke before a complete response arrived.
    #[error(
        "cannot reach the API at {target} after {attempts} attempt(s): {cause}; \
         check the base URL and the network"
    )]
    Connection {
        /// Scheme, host and port the client tried to reach.
        target: String,
        /// How many attempts were made, retries included.
        attempts: u32,
        /// The innermost cause, e.g. `Connection refused (os error 111)`.
        cause: String,
        /// The underlying transport error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// The HTTP status of the response this error came from, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Redirect(redirect) => Some(redirect.status),
            Error::Decode(decode) => Some(decode.status),
            _ => None,
        }
    }

    /// The API error, if the server answered with one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The kind of API error, if the server answered with one; handy in a `match` guard.
    pub fn api_kind(&self) -> Option<ApiErrorKind> {
        self.as_api().map(ApiError::kind)
    }
}

/// Shorthand for results whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of API error a response was, from its status (and `success: false`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400: the request was malformed or failed validation.
    BadRequest,
    /// 401: the credentials are missing, wrong or expired.
    Unauthorized,
    /// 403: the credentials lack a permission this call needs.
    Forbidden,
    /// 404: the resource does not exist, or the credentials cannot see it.
    NotFound,
    /// 409: the request conflicts with the current state of the resource.
    Conflict,
    /// 422: the request was well-formed but its content was rejected.
    UnprocessableEntity,
    /// 429: too many requests.
    RateLimited,
    /// 5xx: the API failed on its side.
    Server,
    /// A 2xx response whose envelope said `success: false`.
    Unsuccessful,
    /// Any other status.
    Other,
}

impl ApiErrorKind {
    fn of(status: StatusCode) -> Self {
        match status.as_u16() {
            400 => Self::BadRequest,
            401 => Self::Unauthorized,
            403 => Self::Forbidden,
            404 => Self::NotFound,
            409 => Self::Conflict,
            422 => Self::UnprocessableEntity,
            429 => Self::RateLimited,
            500..=599 => Self::Server,
            200..=299 => Self::Unsuccessful,
            _ => Self::Other,
        }
    }

    /// What a person can do about it, where there is something general to say.
    fn hint(self) -> Option<&'static str> {
        Some(match self {
            Self::Unauthorized => "check the API token, or the API key and email",
            Self::Forbidden => "the credentials lack a permission this call needs",
            Self::NotFound => {
                "check the ids in the path: the resource may not exist, or the credentials cannot see it"
            }
            Self::RateLimited => "rate limited and out of retries; wait before trying again",
            Self::Server => {
                "the API failed on its side and retries were exhausted; try again later"
            }
            Self::Unsuccessful => "the API reported failure despite a success status",
            _ => return None,
        })
    }
}

/// An error answer from the API: its status, headers and the envelope's `errors` and
/// `messages` lists.
#[derive(Debug, Clone)]
pub struct ApiError {
    status: StatusCode,
    headers: HeaderMap,
    errors: Vec<ApiMessage>,
    messages: Vec<ApiMessage>,
    body_excerpt: Option<String>,
}

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        headers: HeaderMap,
        errors: Vec<ApiMessage>,
        messages: Vec<ApiMessage>,
        body_excerpt: Option<String>,
    ) -> Self {
        Self {
            status,
            headers,
            errors,
            messages,
            body_excerpt,
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The kind of error, from the status.
    pub fn kind(&self) -> ApiErrorKind {
        ApiErrorKind::of(self.status)
    }

    /// The response headers, e.g. `cf-ray` or `retry-after`.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `cf-ray` header: the id Cloudflare support asks for.
    pub fn cf_ray(&self) -> Option<&str> {
        cf_ray(&self.headers)
    }

    /// The envelope's `errors` list; empty if the body was not an API envelope.
    pub fn errors(&self) -> &[ApiMessage] {
        &self.errors
    }

    /// The envelope's `messages` list.
    pub fn messages(&self) -> &[ApiMessage] {
        &self.messages
    }

    /// Whether one of the server's `errors` has the code `code`, sent as a number or as
    /// numeric text.
    pub fn has_code(&self, code: i64) -> bool {
        self.errors
            .iter()
            .any(|error| error.code.as_ref().and_then(ErrorCode::as_i64) == Some(code))
    }

    /// The start of the body when it listed no errors (an HTML error page, say).
    pub fn body_excerpt(&self) -> Option<&str> {
        self.body_excerpt.as_deref()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered {}", self.status)?;
        if self.errors.is_empty() {
            match &self.body_excerpt {
                Some(excerpt) if !excerpt.is_empty() => write!(f, " with body {excerpt:?}")?,
                Some(_) => f.write_str(" with an empty body")?,
                None => f.write_str(" without error details")?,
            }
        } else {
            f.write_str(": ")?;
            for (index, error) in self.errors.iter().enumerate() {
                if index > 0 {
                    f.write_str("; ")?;
                }
                write!(f, "{error}")?;
            }
        }
        if let Some(hint) = self.kind().hint() {
            write!(f, " ({hint})")?;
        }
        if let Some(ray) = self.cf_ray() {
            write!(f, " [cf-ray {ray}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// One entry of an envelope's `errors` or `messages` list.
///
/// Serializing it gives back the object the server sent: the code as a number or as text,
/// the message (absent if it was absent) and every other key.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiMessage {
    /// The code, e.g. `7003`, when the server sent one as a number or as text.
    pub code: Option<ErrorCode>,
    /// The human-readable text; empty if the server sent none.
    pub message: String,
    /// Every other key the server sent (`documentation_url`, `source`, ...), kept as is.
    pub extra: Map<String, Value>,
    /// Whether the server sent `message` as a string, so that serializing does not add
    /// a `"message": ""` the server never sent.
    message_sent: bool,
}

impl ApiMessage {
    /// Reads one list entry without failing: a `code` that is neither a number nor a
    /// string or a `message` that is not a string stays in `extra`, and a non-object
    /// becomes the message.
    pub(crate) fn from_value(value: Value) -> Self {
        let mut fields = match value {
            Value::Object(fields) => fields,
            Value::String(message) => return Self::text(message),
            other => return Self::text(other.to_string()),
        };
        let code = match fields.remove("code") {
            Some(Value::Number(number)) => Some(ErrorCode(Code::Number(number))),
            Some(Value::String(text)) => Some(ErrorCode(Code::Text(text))),
            Some(other) => {
                fields.insert("code".to_owned(), other);
                None
            }
            None => None,
        };
        let message = match fields.remove("message") {
            Some(Value::String(message)) => Some(message),
            Some(other) => {
                fields.insert("message".to_owned(), other);
                None
            }
            None => None,
        };
        Self {
            code,
            message_sent: message.is_some(),
            message: message.unwrap_or_default(),
            extra: fields,
        }
    }

    fn text(message: String) -> Self {
        Self {
            code: None,
            message,
            extra: Map::new(),
            message_sent: true,
        }
    }
}

impl fmt::Display for ApiMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(code) => write!(f, "[{code}] {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl Serialize for ApiMessage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(code) = &self.code {
            map.serialize_entry("code", code)?;
        }
        if self.message_sent {
            map.serialize_entry("message", &self.message)?;
        }
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The `code` of an [`ApiMessage`], as the server sent it: a number such as `7003`, or
/// text such as `"7003"` or `"E_LIMIT"`.
///
/// [`as_i64`](Self::as_i64) reads numeric text as a number, so `7003` and `"7003"` compare
/// alike. `Display` shows the code without quotes; `Debug` and serialization keep number
/// and text apart, so the original is never lost.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ErrorCode(Code);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Code {
    Number(Number),
    Text(String),
}

impl ErrorCode {
    /// The code as an integer: a number sent as such, or text that is an integer.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.0 {
            Code::Number(number) => number.as_i64(),
            Code::Text(text) => text.parse().ok(),
        }
    }

    /// The text of a code that was sent as a string; `None` for a number.
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            Code::Number(_) => None,
            Code::Text(text) => Some(text),
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Code::Number(number) => fmt::Display::fmt(number, f),
            Code::Text(text) => f.write_str(text),
        }
    }
}

impl fmt::Debug for ErrorCode {
    /// `7003` for a number, `"7003"` for text: as it appeared in the JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Code::Number(number) => fmt::Display::fmt(number, f),
            Code::Text(text) => fmt::Debug::fmt(text, f),
        }
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Code::Number(number) => number.serialize(serializer),
            Code::Text(text) => serializer.serialize_str(text),
        }
    }
}

/// A redirect the client did not follow. It follows a `307` or `308` whose `Location` has
/// the same scheme, host and port, up to five in a row; anything else is this error, so
/// that the credentials never reach another origin.
#[derive(Debug, Clone)]
pub struct RedirectError {
    status: StatusCode,
    headers: HeaderMap,
    reason: RedirectReason,
}

impl RedirectError {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, reason: RedirectReason) -> Self {
        Self {
            status,
            headers,
            reason,
        }
    }

    /// The HTTP status of the redirect.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `Location` header as the server sent it (relative or absolute), if any.
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(reqwest::header::LOCATION)
            .and_then(|value| value.to_str().ok())
    }

    /// Why it was not followed.
    pub fn reason(&self) -> RedirectReason {
        self.reason
    }

    /// The `cf-ray` header: the id Cloudflare support asks for.
    pub fn cf_ray(&self) -> Option<&str> {
        cf_ray(&self.headers)
    }
}

impl fmt::Display for RedirectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered {}", self.status)?;
        match self.location() {
            Some(location) => write!(f, " with `Location: {location}`")?,
            None => f.write_str(" without a `Location`")?,
        }
        f.write_str("; not followed")?;
        match self.reason {
            RedirectReason::OtherOrigin => f.write_str(
                ": it is another origin (scheme, host or port), and the credentials go \
                 only to the base URL's",
            )?,
            RedirectReason::UnsupportedStatus => f.write_str(": only 307 and 308 are")?,
            RedirectReason::TooMany => write!(f, ": {MAX_REDIRECTS} were followed already")?,
            RedirectReason::NoLocation if self.location().is_some() => {
                f.write_str(": that is not a URL")?
            }
            RedirectReason::NoLocation => {}
        }
        if let Some(ray) = self.cf_ray() {
            write!(f, " [cf-ray {ray}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for RedirectError {}

/// A successful response whose body could not be decoded into the expected type.
#[derive(Debug, Clone)]
pub struct DecodeError {
    status: StatusCode,
    headers: HeaderMap,
    reason: String,
    body_excerpt: String,
}

impl DecodeError {
    pub(crate) fn new(
        status: StatusCode,
        headers: HeaderMap,
        reason: String,
        body_excerpt: String,
    ) -> Self {
        Self {
            status,
            headers,
            reason,
            body_excerpt,
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// What was wrong, e.g. ``result.elements[0]: missing field `id` ``.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The start of the body, at most [`EXCERPT_LIMIT`] bytes.
    pub fn body_excerpt(&self) -> &str {
        &self.body_excerpt
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot decode the API response ({}): {}",
            self.status, self.reason
        )?;
        if self.body_excerpt.is_empty() {
            f.write_str("; the body is empty")
        } else {
            write!(f, "; the body starts with {:?}", self.body_excerpt)
        }
    }
}

impl std::error::Error for DecodeError {}

/// The `cf-ray` header of `headers`, if it is text.
pub(crate) fn cf_ray(headers: &HeaderMap) -> Option<&str> {
    headers.get("cf-ray").and_then(|value| value.to_str().ok())
}

/// The most bytes of a body that an error keeps, so a huge page does not flood a log.
pub const EXCERPT_LIMIT: usize = 512;

/// The start of `body` as text, cut at a character boundary, with `…` if it was cut.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(EXCERPT_LIMIT)]);
    // A multi-byte character cut in half shows up as a trailing replacement character.
    let mut text = text.trim_end_matches('\u{FFFD}').trim().to_owned();
    if body.len() > EXCERPT_LIMIT {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn api_error(status: u16, errors: Value) -> ApiError {
        let errors = errors
            .as_array()
            .unwrap()
            .iter()
            .cloned()
            .map(ApiMessage::from_value);
        let mut headers = HeaderMap::new();
        headers.insert("cf-ray", "8d1f2a3b4c5d6e7f-SJC".parse().unwrap());
        ApiError::new(
            StatusCode::from_u16(status).unwrap(),
            headers,
            errors.collect(),
            vec![],
            None,
        )
    }

    #[test]
    fn kinds_follow_the_status() {
        let cases = [
            (400, ApiErrorKind::BadRequest),
            (401, ApiErrorKind::Unauthorized),
            (403, ApiErrorKind::Forbidden),
            (404, ApiErrorKind::NotFound),
            (409, ApiErrorKind::Conflict),
            (422, ApiErrorKind::UnprocessableEntity),
            (429, ApiErrorKind::RateLimited),
            (500, ApiErrorKind::Server),
            (503, ApiErrorKind::Server),
            (599, ApiErrorKind::Server),
            (200, ApiErrorKind::Unsuccessful),
            (418, ApiErrorKind::Other),
        ];
        for (status, kind) in cases {
            assert_eq!(api_error(status, json!([])).kind(), kind, "status {status}");
        }
    }

    #[test]
    fn api_error_display_lists_the_servers_errors_a_hint_and_the_ray_id() {
        let error = api_error(
            404,
            json!([{"code": 7003, "message": "Could not route"}, {"code": 7000, "message": "No route"}]),
        );
        assert_eq!(
            error.to_string(),
            "the API answered 404 Not Found: [7003] Could not route; [7000] No route (check the ids \
             in the path: the resource may not exist, or the credentials cannot see it) \
             [cf-ray 8d1f2a3b4c5d6e7f-SJC]"
        );
    }

    #[test]
    fn api_error_display_shows_the_body_when_there_is_no_error_list() {
        let error = ApiError::new(
            StatusCode::BAD_GATEWAY,
            HeaderMap::new(),
            vec![],
            vec![],
            Some("<html>bad gateway</html>".into()),
        );
        let text = Error::Api(Box::new(error)).to_string();
        assert!(
            text.starts_with("the API answered 502 Bad Gateway with body \"<html>"),
            "{text}"
        );
    }

    #[test]
    fn api_messages_keep_unknown_keys_and_tolerate_odd_shapes() {
        let message = ApiMessage::from_value(json!({
            "code": 1004, "message": "bad", "documentation_url": "https://x", "source": {"pointer": "/a"}
        }));
        assert_eq!(
            message.code.as_ref().and_then(ErrorCode::as_i64),
            Some(1004)
        );
        assert_eq!(message.message, "bad");
        assert_eq!(message.extra["source"], json!({"pointer": "/a"}));
        assert_eq!(message.extra["documentation_url"], json!("https://x"));

        let odd = ApiMessage::from_value(json!({"code": [1], "message": 5}));
        assert_eq!((odd.code, odd.message.as_str()), (None, ""));
        assert_eq!(
            odd.extra,
            json!({"code": [1], "message": 5})
                .as_object()
                .unwrap()
                .clone()
        );

        assert_eq!(ApiMessage::from_value(json!("plain")).message, "plain");
        assert_eq!(ApiMessage::from_value(json!(7)).message, "7");
    }

    #[test]
    fn a_code_sent_as_text_reads_like_a_number_and_is_kept_as_text() {
        let numeric = ApiMessage::from_value(json!({"code": 7003, "message": "m"}));
        let text = ApiMessage::from_value(json!({"code": "7003", "message": "m"}));
        let name = ApiMessage::from_value(json!({"code": "E_LIMIT", "message": "m"}));
        let codes = [&numeric, &text, &name].map(|message| message.code.clone().unwrap());

        assert_eq!(
            codes.clone().map(|code| code.as_i64()),
            [Some(7003), Some(7003), None]
        );
        assert_eq!(
            codes.clone().map(|code| code.as_str().map(str::to_owned)),
            [None, Some("7003".to_owned()), Some("E_LIMIT".to_owned())]
        );
        assert_eq!(
            codes.clone().map(|code| code.to_string()),
            ["7003", "7003", "E_LIMIT"]
        );
        assert_eq!(
            codes.map(|code| format!("{code:?}")),
            ["7003", "\"7003\"", "\"E_LIMIT\""]
        );
        assert_ne!(numeric, text);
        assert_eq!(
            (text.to_string(), name.to_string()),
            ("[7003] m".into(), "[E_LIMIT] m".into())
        );
        assert!(
            format!("{text:?}").contains("code: Some(\"7003\")"),
            "{text:?}"
        );
        assert!(text.extra.is_empty());
    }

    #[test]
    fn a_message_serializes_back_to_what_the_server_sent() {
        for entry in [
            json!({"code": 7003, "message": "m"}),
            json!({"code": "7003", "message": "m", "documentation_url": "d"}),
            json!({"code": 7003.5, "message": ""}),
            json!({"code": null, "message": 5, "source": {"pointer": "/a"}}),
            json!({"documentation_url": "d"}),
            json!({}),
        ] {
            let message = ApiMessage::from_value(entry.clone());
            assert_eq!(serde_json::to_value(&message).unwrap(), entry);
        }
    }

    #[test]
    fn has_code_finds_numeric_and_textual_codes() {
        let error = api_error(
            400,
            json!([{"code": "7003", "message": "a"}, {"code": 1000}]),
        );
        assert!(error.has_code(7003) && error.has_code(1000));
        assert!(!error.has_code(7000));
    }

    #[test]
    fn redirect_error_display_names_the_location_and_why_it_was_not_followed() {
        let redirect = |status: u16, location: Option<&str>, reason| {
            let mut headers = HeaderMap::new();
            if let Some(location) = location {
                headers.insert("location", location.parse().unwrap());
            }
            let status = StatusCode::from_u16(status).unwrap();
            Error::Redirect(Box::new(RedirectError::new(status, headers, reason))).to_string()
        };
        let cases = [
            (
                redirect(
                    307,
                    Some("https://other.test/x"),
                    RedirectReason::OtherOrigin,
                ),
                "the API answered 307 Temporary Redirect with `Location: https://other.test/x`; \
                 not followed: it is another origin (scheme, host or port), and the \
                 credentials go only to the base URL's",
            ),
            (
                redirect(301, Some("/v4/x"), RedirectReason::UnsupportedStatus),
                "the API answered 301 Moved Permanently with `Location: /v4/x`; not followed: \
                 only 307 and 308 are",
            ),
            (
                redirect(308, Some("/loop"), RedirectReason::TooMany),
                "the API answered 308 Permanent Redirect with `Location: /loop`; not followed: \
                 5 were followed already",
            ),
            (
                redirect(307, Some("http://[::1"), RedirectReason::NoLocation),
                "the API answered 307 Temporary Redirect with `Location: http://[::1`; not \
                 followed: that is not a URL",
            ),
            (
                redirect(307, None, RedirectReason::NoLocation),
                "the API answered 307 Temporary Redirect without a `Location`; not followed",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(text, expected);
        }
    }

    #[test]
    fn excerpt_is_bounded_and_cut_on_a_character_boundary() {
        let body = "é".repeat(EXCERPT_LIMIT);
        let text = excerpt(body.as_bytes());
        assert!(text.ends_with('…'));
        assert!(!text.contains('\u{FFFD}'));
        assert!(text.len() <= EXCERPT_LIMIT + '…'.len_utf8());
        assert_eq!(excerpt(b"  short \n"), "short");
    }

    #[test]
    fn error_status_helpers() {
        let error = Error::Api(Box::new(api_error(429, json!([]))));
        assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
        assert_eq!(error.api_kind(), Some(ApiErrorKind::RateLimited));
        let timeout = Error::Timeout {
            timeout: Duration::from_secs(1),
            attempts: 3,
        };
        assert_eq!((timeout.status(), timeout.api_kind()), (None, None));
    }
}
