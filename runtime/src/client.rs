//! The [`Client`] handle: shared configuration and connection pool.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;

use super::builder::ClientBuilder;
use super::error::Result;
use super::retry::Sleeper;

/// A Cloudflare API client. Cheap to clone: clones share one configuration and one
/// connection pool.
///
/// Build one with [`Client::from_env`] or [`Client::builder`]. Calls run on Tokio and
/// need its time driver, which `#[tokio::main]` enables.
#[derive(Clone)]
pub struct Client {
    settings: Arc<Settings>,
}

/// Everything a client needs to send requests, fixed when it is built.
pub(crate) struct Settings {
    pub(crate) http: reqwest::Client,
    /// Without a trailing slash, so that `base_url + "/accounts/..."` is right.
    pub(crate) base_url: String,
    /// Sent with every request: `Accept`, custom headers and the (sensitive) credentials.
    pub(crate) headers: HeaderMap,
    /// Which kind of credentials, for `Debug` output that shows no secret.
    pub(crate) auth_scheme: &'static str,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) sleeper: Sleeper,
}

impl Client {
    /// A builder for a client configured in code.
    ///
    /// ```
    /// # fn main() -> Result<(), cloudflare_sdk_runtime::Error> {
    /// use std::time::Duration;
    ///
    /// let client = cloudflare_sdk_runtime::Client::builder()
    ///     .api_token("my-token")
    ///     .timeout(Duration::from_secs(20))
    ///     .max_retries(4)
    ///     .build()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from `CLOUDFLARE_API_TOKEN` (or `CLOUDFLARE_API_KEY` and
    /// `CLOUDFLARE_EMAIL`) and, optionally, `CLOUDFLARE_BASE_URL`; see
    /// [`ClientBuilder::from_env_with`].
    ///
    /// # Errors
    ///
    /// [`Error::MissingCredentials`](crate::Error::MissingCredentials) when no usable
    /// credentials are set.
    pub fn from_env() -> Result<Self> {
        ClientBuilder::from_env().build()
    }

    pub(crate) fn from_settings(settings: Settings) -> Self {
        Self {
            settings: Arc::new(settings),
        }
    }

    pub(crate) fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The base URL requests are sent to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.settings.base_url
    }
}

impl fmt::Debug for Client {
    /// Shows the configuration; credentials and header values are left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.settings;
        let header_names: Vec<&str> = settings.headers.keys().map(|name| name.as_str()).collect();
        f.debug_struct("Client")
            .field("base_url", &settings.base_url)
            .field("auth", &settings.auth_scheme)
            .field("headers", &header_names)
            .field("timeout", &settings.timeout)
            .field("connect_timeout", &settings.connect_timeout)
            .field("max_retries", &settings.max_retries)
            .finish_non_exhaustive()
    }
}
