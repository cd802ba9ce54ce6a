//! The description of one API request, as built by a generated method. It knows nothing
//! about particular endpoints; the generated code supplies the template and the values.

use std::fmt;

pub use reqwest::Method;
use serde::Serialize;

use super::binary::Binary;
use super::error::{Error, Result};
use super::multipart::Multipart;
use super::path;

/// Where the payload of a successful response is.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// In this field of Cloudflare's envelope (`result`).
    Envelope(&'static str),
    /// The whole JSON body, which is not an envelope.
    Whole,
    /// Nowhere: the call yields `()` whatever the body (an envelope that says
    /// `success: false` is still an error).
    Nothing,
}

/// One API call, before it is sent: method, path template with its parameters, query,
/// body and the envelope field that holds the payload of a successful response.
#[derive(Clone)]
pub struct ApiRequest {
    pub(crate) method: Method,
    path_template: &'static str,
    path_params: Vec<(&'static str, String)>,
    query: Vec<(&'static str, String)>,
    /// Header parameters of the endpoint, sent besides the client's own headers.
    pub(crate) headers: reqwest::header::HeaderMap,
    /// The encoded body and its content type; kept as bytes so every retry sends exactly
    /// the same body.
    pub(crate) body: Option<(Vec<u8>, String)>,
    /// Where a successful response's payload is: an envelope field (`result`), the whole
    /// body, or nowhere.
    pub(crate) payload: Payload,
    /// The first problem found while building the request; reported instead of sending.
    invalid: Option<String>,
}

impl ApiRequest {
    /// Starts a request for `path_template`, e.g. `/accounts/{account_id}/routes`.
    pub fn new(method: Method, path_template: &'static str) -> Self {
        Self {
            method,
            path_template,
            path_params: Vec::new(),
            query: Vec::new(),
            headers: reqwest::header::HeaderMap::new(),
            body: None,
            payload: Payload::Envelope("result"),
            invalid: None,
        }
    }

    /// Sets the value of the `{name}` placeholder of the path template.
    pub fn path_param(mut self, name: &'static str, value: &str) -> Self {
        self.path_params.push((name, value.to_owned()));
        self
    }

    /// Adds the query parameter `name` when `value` is present; absent values are left out.
    pub fn query(mut self, name: &'static str, value: Option<impl fmt::Display>) -> Self {
        if let Some(value) = value {
            self.query.push((name, value.to_string()));
        }
        self
    }

    /// Sends the header `name` when `value` is present. A value that cannot be sent in a
    /// header (a line break, say) is reported as an invalid argument, before sending.
    pub fn header(mut self, name: &'static str, value: Option<impl fmt::Display>) -> Self {
        let Some(value) = value else {
            return self;
        };
        let header_name = reqwest::header::HeaderName::from_bytes(name.as_bytes());
        match (
            header_name,
            reqwest::header::HeaderValue::try_from(value.to_string()),
        ) {
            (Ok(header_name), Ok(value)) => {
                self.headers.append(header_name, value);
            }
            _ => {
                self.invalid.get_or_insert(format!(
                    "the value of header parameter `{name}` cannot be sent in an HTTP header"
                ));
            }
        }
        self
    }

    /// Adds the query parameter `name` once per value, in order (`tag=a&tag=b`); nothing
    /// when there is no value.
    pub fn query_each<V: fmt::Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        for value in values {
            self.query.push((name, value.to_string()));
        }
        self
    }

    /// Sets the JSON body: compact, exactly the serialized value.
    pub fn json_body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some((bytes, "application/json".to_owned())),
            Err(err) => {
                self.invalid
                    .get_or_insert(format!("the request body cannot be encoded: {err}"));
            }
        }
        self
    }

    /// Sets a body of raw bytes, sent with their media type, else `media_type`.
    pub fn bytes_body(mut self, body: &Binary, media_type: &'static str) -> Self {
        let media_type = body.media_type().unwrap_or(media_type).to_owned();
        self.body = Some((body.bytes().to_vec(), media_type));
        self
    }

    /// Sets an NDJSON body: each item as one line of compact JSON.
    pub fn ndjson_body<B: Serialize>(mut self, items: &[B]) -> Self {
        let mut bytes = Vec::new();
        for item in items {
            if let Err(err) = serde_json::to_writer(&mut bytes, item) {
                self.invalid
                    .get_or_insert(format!("the request body cannot be encoded: {err}"));
                return self;
            }
            bytes.push(b'\n');
        }
        self.body = Some((bytes, "application/x-ndjson".to_owned()));
        self
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart_body(mut self, form: Multipart) -> Self {
        match form.finish() {
            Ok(body) => self.body = Some(body),
            Err(problem) => {
                self.invalid.get_or_insert(problem);
            }
        }
        self
    }

    /// Names the envelope field that holds the payload of a successful response.
    pub fn envelope(mut self, field: &'static str) -> Self {
        self.payload = Payload::Envelope(field);
        self
    }

    /// A successful response's whole JSON body is the payload: the endpoint answers
    /// without Cloudflare's envelope.
    pub fn whole_body(mut self) -> Self {
        self.payload = Payload::Whole;
        self
    }

    /// A successful response carries no payload (`204 No Content`, or a body nobody
    /// declared); the call yields `()`.
    pub fn no_content(mut self) -> Self {
        self.payload = Payload::Nothing;
        self
    }

    /// The path template, e.g. `/accounts/{account_id}/routes`, unfilled.
    pub(crate) fn path_template(&self) -> &'static str {
        self.path_template
    }

    /// The URL to send to: `base_url` joined with the encoded path and query.
    ///
    /// Fails, before anything is sent, on a problem found while building the request or on
    /// a path parameter that cannot be sent.
    pub(crate) fn url(&self, base_url: &str) -> Result<reqwest::Url> {
        if let Some(problem) = &self.invalid {
            return Err(Error::InvalidArgument(problem.clone()));
        }
        let path = path::render(self.path_template, &self.path_params)?;
        let mut url = reqwest::Url::parse(&format!("{base_url}{path}")).map_err(|err| {
            Error::InvalidArgument(format!("`{base_url}{path}` is not a valid URL: {err}"))
        })?;
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&self.query);
        }
        Ok(url)
    }
}

impl fmt::Debug for ApiRequest {
    /// Shows the body's size, not its bytes, which are unreadable and can be large.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiRequest")
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field("path_params", &self.path_params)
            .field("query", &self.query)
            .field(
                "body_bytes",
                &self.body.as_ref().map(|(bytes, _)| bytes.len()),
            )
            .field("payload", &self.payload)
            .field("invalid", &self.invalid)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://api.example.test/client/v4";

    #[test]
    fn url_joins_the_base_and_the_encoded_path() {
        let request = ApiRequest::new(Method::GET, "/accounts/{account_id}/routes/{id}")
            .path_param("account_id", "a b")
            .path_param("id", "x/y");
        assert_eq!(
            request.url(BASE).unwrap().as_str(),
            "https://api.example.test/client/v4/accounts/a%20b/routes/x%2Fy"
        );
    }

    #[test]
    fn query_parameters_are_form_encoded_and_absent_ones_left_out() {
        let request = ApiRequest::new(Method::GET, "/routes")
            .query("page", Some(2))
            .query("per_page", None::<u32>)
            .query("name", Some("a&b c"));
        assert_eq!(
            request.url(BASE).unwrap().as_str(),
            "https://api.example.test/client/v4/routes?page=2&name=a%26b+c"
        );
    }

    #[test]
    fn a_list_query_parameter_is_repeated_once_per_value() {
        let request = ApiRequest::new(Method::GET, "/radar")
            .query_each("location", ["US", "DE"])
            .query_each("asn", Vec::<u32>::new())
            .query("limit", Some(5));
        assert_eq!(
            request.url(BASE).unwrap().as_str(),
            "https://api.example.test/client/v4/radar?location=US&location=DE&limit=5"
        );
    }

    #[test]
    fn header_parameters_are_sent_when_present_and_checked() {
        let request = ApiRequest::new(Method::POST, "/x")
            .header("Upload-Length", Some(42))
            .header("Upload-Metadata", None::<&str>);
        assert_eq!(request.headers["upload-length"], "42");
        assert!(!request.headers.contains_key("upload-metadata"));
        let bad = ApiRequest::new(Method::POST, "/x").header("Upload-Creator", Some("a\nb"));
        let err = bad.url(BASE).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidArgument(m) if m.contains("`Upload-Creator`")),
            "{err}"
        );
    }

    #[test]
    fn ndjson_and_raw_bodies_carry_their_content_types() {
        let request = ApiRequest::new(Method::POST, "/x")
            .ndjson_body(&[serde_json::json!({"a": 1}), serde_json::json!([2])]);
        assert_eq!(
            request.body.unwrap(),
            (
                b"{\"a\":1}\n[2]\n".to_vec(),
                "application/x-ndjson".to_owned()
            )
        );
        let script = Binary::new(b"addEventListener()".to_vec());
        let request =
            ApiRequest::new(Method::PUT, "/x").bytes_body(&script, "application/javascript");
        assert_eq!(request.body.unwrap().1, "application/javascript");
        let png = Binary::new(vec![0x89]).with_media_type("image/png");
        let request =
            ApiRequest::new(Method::PUT, "/x").bytes_body(&png, "application/octet-stream");
        assert_eq!(request.body.unwrap(), (vec![0x89], "image/png".to_owned()));
    }

    #[test]
    fn json_body_is_compact_and_keeps_non_ascii() {
        let request = ApiRequest::new(Method::POST, "/x")
            .json_body(&serde_json::json!({"names": ["zürich", 1]}));
        assert_eq!(
            request.body.unwrap().0,
            r#"{"names":["zürich",1]}"#.as_bytes()
        );
    }

    #[test]
    fn a_body_that_cannot_be_encoded_is_an_invalid_argument() {
        let map: std::collections::HashMap<(u8, u8), u8> = [((1, 2), 3)].into();
        let request = ApiRequest::new(Method::POST, "/x").json_body(&map);
        let err = request.url(BASE).unwrap_err();
        assert!(matches!(&err, Error::InvalidArgument(m) if m.contains("body cannot be encoded")));
    }

    #[test]
    fn the_envelope_field_defaults_to_result() {
        assert_eq!(
            ApiRequest::new(Method::GET, "/x").payload,
            Payload::Envelope("result")
        );
        assert_eq!(
            ApiRequest::new(Method::GET, "/x").envelope("route").payload,
            Payload::Envelope("route")
        );
        assert_eq!(
            ApiRequest::new(Method::GET, "/x").whole_body().payload,
            Payload::Whole
        );
    }
}
