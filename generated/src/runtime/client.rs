use std::sync::Arc;

use super::error::{Error, Result};
use super::request::ApiRequest;

const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";

/// A Cloudflare API client. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    base_url: String,
    api_token: String,
}

impl Client {
    /// A client that authenticates with `api_token` against `base_url`.
    pub fn new(api_token: impl Into<String>, base_url: impl Into<String>) -> Result<Self> {
        let http = reqwest::Client::builder().build()?;
        let base_url = base_url.into().trim_end_matches('/').to_owned();
        Ok(Self { inner: Arc::new(Inner { http, base_url, api_token: api_token.into() }) })
    }

    /// A client configured from `CLOUDFLARE_API_TOKEN` and `CLOUDFLARE_BASE_URL`.
    pub fn from_env() -> Result<Self> {
        let token = std::env::var("CLOUDFLARE_API_TOKEN")
            .map_err(|_| Error::InvalidArgument("CLOUDFLARE_API_TOKEN is not set".into()))?;
        let base_url =
            std::env::var("CLOUDFLARE_BASE_URL").unwrap_or_else(|_| DEFAULT_BASE_URL.into());
        Self::new(token, base_url)
    }

    /// Sends `request` and returns the raw status and body.
    pub(crate) async fn send(&self, request: ApiRequest) -> Result<(u16, Vec<u8>)> {
        if let Some(problem) = request.invalid {
            return Err(Error::InvalidArgument(problem));
        }
        let mut path = request.path_template.to_owned();
        for (name, value) in &request.path_params {
            path = path.replace(&format!("{{{name}}}"), value);
        }
        let mut builder = self
            .inner
            .http
            .request(request.method, format!("{}{path}", self.inner.base_url))
            .bearer_auth(&self.inner.api_token);
        if let Some(body) = request.body {
            builder = builder.header("content-type", "application/json").body(body);
        }
        let response = builder.send().await?;
        let status = response.status().as_u16();
        let body = response.bytes().await?.to_vec();
        Ok((status, body))
    }
}
