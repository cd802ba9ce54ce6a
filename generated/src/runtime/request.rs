//! The description of one API request, as built by a generated method.

pub(crate) use reqwest::Method;
use serde::Serialize;

/// One API call, before it is sent: method, path template with its parameters, body and
/// the envelope field that holds the payload of a successful response.
#[derive(Debug)]
pub(crate) struct ApiRequest {
    pub(crate) method: Method,
    pub(crate) path_template: &'static str,
    pub(crate) path_params: Vec<(&'static str, String)>,
    pub(crate) body: Option<Vec<u8>>,
    /// Field of the response envelope that holds the payload (`result`).
    pub(crate) envelope_field: &'static str,
    /// The first problem found while building the request; reported instead of sending.
    pub(crate) invalid: Option<String>,
}

impl ApiRequest {
    /// Starts a request for `path_template`, e.g. `/accounts/{account_id}/routes`.
    pub(crate) fn new(method: Method, path_template: &'static str) -> Self {
        Self {
            method,
            path_template,
            path_params: Vec::new(),
            body: None,
            envelope_field: "result",
            invalid: None,
        }
    }

    /// Sets the value of the `{name}` placeholder of the path template.
    pub(crate) fn path_param(mut self, name: &'static str, value: &str) -> Self {
        self.path_params.push((name, value.to_owned()));
        self
    }

    /// Sets the JSON body.
    pub(crate) fn json_body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(bytes),
            Err(err) => self.invalid = Some(format!("the request body cannot be encoded: {err}")),
        }
        self
    }

    /// Names the envelope field that holds the payload of a successful response.
    pub(crate) fn envelope(mut self, field: &'static str) -> Self {
        self.envelope_field = field;
        self
    }
}
