//! Configuring a [`Client`]: credentials, base URL, timeouts, retries and headers, set in
//! code or read from `CLOUDFLARE_*` environment variables.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::time::Duration;

use reqwest::header::{ACCEPT, HeaderMap, HeaderName, HeaderValue};

use super::auth::{Credentials, Secret};
use super::client::{Client, Settings};
use super::error::{Error, Result};
use super::retry::{DEFAULT_MAX_RETRIES, Sleeper};
use super::tls;

/// Where requests go unless configured otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";
/// Time limit for one attempt (connecting, sending, and reading the whole response).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Time limit for establishing a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A client type that [`ClientBuilder`] builds: the runtime's [`Client`], or the client of
/// a generated SDK, which wraps one and names itself in the `User-Agent` header.
pub trait SdkClient: From<Client> {
    /// Sent as `User-Agent` with every request, e.g. `cloudflare-sdk/0.1.0`.
    const USER_AGENT: &'static str;
}

impl SdkClient for Client {
    const USER_AGENT: &'static str =
        concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
}

/// Builds a [`Client`], or the client of a generated SDK (`C`), which wraps one. Start
/// from [`Client::builder`] or [`ClientBuilder::from_env`] (or the SDK client's functions
/// of the same names).
///
/// Problems (no credentials, a bad URL, an invalid header) are reported by
/// [`build`](Self::build), before any request is sent. The client follows only `307` and
/// `308` redirects whose target has the base URL's scheme, host and port (up to five in a
/// row), so credentials are only ever sent there; other redirects are
/// [`Error::Redirect`].
#[must_use = "a builder does nothing until `build` is called"]
pub struct ClientBuilder<C = Client> {
    credentials: Option<Credentials>,
    /// Why the environment's credentials were unusable, reported by `build` unless
    /// credentials are set in code afterwards.
    credentials_problem: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_retries: Option<u32>,
    headers: Vec<(String, String)>,
    /// PEM text of root certificates trusted besides the platform's.
    root_certificates: Vec<Vec<u8>>,
    sleeper: Option<Sleeper>,
    /// What [`build`](Self::build) returns.
    client: PhantomData<fn() -> C>,
}

// Written out because derived impls would require `C: Clone` and `C: Default`.
impl<C> Clone for ClientBuilder<C> {
    fn clone(&self) -> Self {
        Self {
            credentials: self.credentials.clone(),
            credentials_problem: self.credentials_problem.clone(),
            base_url: self.base_url.clone(),
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            max_retries: self.max_retries,
            headers: self.headers.clone(),
            root_certificates: self.root_certificates.clone(),
            sleeper: self.sleeper.clone(),
            client: PhantomData,
        }
    }
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self {
            credentials: None,
            credentials_problem: None,
            base_url: None,
            timeout: None,
            connect_timeout: None,
            max_retries: None,
            headers: Vec::new(),
            root_certificates: Vec::new(),
            sleeper: None,
            client: PhantomData,
        }
    }
}

impl<C> ClientBuilder<C> {
    /// An empty builder: credentials must be set before [`build`](Self::build).
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder configured from the process environment; see
    /// [`from_env_with`](Self::from_env_with) for the variables read.
    pub fn from_env() -> Self {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// A builder configured from variables looked up with `lookup`, so configuration can
    /// come from elsewhere than the process environment (and tests need not change it).
    ///
    /// - `CLOUDFLARE_API_TOKEN`: an API token, sent as `Authorization: Bearer …`.
    /// - otherwise `CLOUDFLARE_API_KEY` and `CLOUDFLARE_EMAIL`: a global API key and its
    ///   account email, sent as `X-Auth-Key` and `X-Auth-Email`.
    /// - `CLOUDFLARE_BASE_URL`: overrides [`DEFAULT_BASE_URL`].
    ///
    /// Empty values count as unset.
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let var = |name| lookup(name).filter(|value| !value.is_empty());
        let mut builder = Self::new();
        if let Some(base_url) = var("CLOUDFLARE_BASE_URL") {
            builder = builder.base_url(base_url);
        }
        match (
            var("CLOUDFLARE_API_TOKEN"),
            var("CLOUDFLARE_API_KEY"),
            var("CLOUDFLARE_EMAIL"),
        ) {
            (Some(token), _, _) => builder.api_token(token),
            (None, Some(key), Some(email)) => builder.api_key(key, email),
            (None, Some(_), None) => builder.credentials_problem(
                "CLOUDFLARE_API_KEY is set but CLOUDFLARE_EMAIL is not; set both, or set \
                 CLOUDFLARE_API_TOKEN instead",
            ),
            (None, None, Some(_)) => builder.credentials_problem(
                "CLOUDFLARE_EMAIL is set but CLOUDFLARE_API_KEY is not; set both, or set \
                 CLOUDFLARE_API_TOKEN instead",
            ),
            (None, None, None) => builder,
        }
    }

    fn credentials_problem(mut self, problem: &str) -> Self {
        self.credentials_problem = Some(problem.to_owned());
        self
    }

    /// Authenticates with an API token (`Authorization: Bearer …`), the recommended way.
    pub fn api_token(mut self, token: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::Token(Secret::new(token)));
        self.credentials_problem = None;
        self
    }

    /// Authenticates with a global API key and the email of its account
    /// (`X-Auth-Key` and `X-Auth-Email`).
    pub fn api_key(mut self, key: impl Into<String>, email: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::Key {
            key: Secret::new(key),
            email: email.into(),
        });
        self.credentials_problem = None;
        self
    }

    /// Sends requests to `base_url` instead of [`DEFAULT_BASE_URL`]; a trailing slash
    /// makes no difference.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Time limit for each attempt, from connecting until the whole response is read
    /// (default [`DEFAULT_TIMEOUT`]). Each retry gets the full limit again.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time limit for establishing a connection (default [`DEFAULT_CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How many times a failed request is retried (default 2, so 3 attempts in all);
    /// `0` turns retries off.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Adds a header sent with every request; a later value for the same name replaces
    /// an earlier one.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Trusts the root certificates in `pem` (PEM text, one or more certificates) for
    /// HTTPS, besides the platform's own: for a TLS-intercepting proxy or a test server.
    /// Unusable text is reported by [`build`](Self::build).
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// Replaces the wait between retries; meant for tests, which record the delays
    /// instead of sleeping through them.
    #[doc(hidden)]
    pub fn sleep_with<F, Fut>(mut self, sleep: F) -> Self
    where
        F: Fn(Duration) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.sleeper = Some(Sleeper::new(sleep));
        self
    }
}

impl<C: SdkClient> ClientBuilder<C> {
    /// Checks the configuration and builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::MissingCredentials`] when there are no credentials (or only empty ones);
    /// [`Error::Config`] when the base URL is not an `http(s)` URL (or is `https` and no
    /// TLS feature is enabled), a header name or value cannot be sent, or a root
    /// certificate given with [`add_root_certificate_pem`](Self::add_root_certificate_pem)
    /// cannot be read.
    pub fn build(self) -> Result<C> {
        let credentials = self.credentials.ok_or_else(|| {
            Error::MissingCredentials(self.credentials_problem.unwrap_or_else(|| {
                "set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL), or \
                 call `ClientBuilder::api_token`"
                    .to_owned()
            }))
        })?;
        if let Some(part) = credentials.empty_part() {
            return Err(Error::MissingCredentials(format!(
                "the {part} given to the builder is empty"
            )));
        }
        let base_url = check_base_url(self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in &self.headers {
            let (name, value) = check_header(name, value)?;
            headers.insert(name, value);
        }
        credentials.apply(&mut headers)?;
        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let http = reqwest::Client::builder()
            .user_agent(C::USER_AGENT)
            .connect_timeout(connect_timeout)
            // Redirects are followed by `transport`, same-origin only: reqwest's own
            // policy would also follow to other hosts, carrying `X-Auth-Key` with it.
            .redirect(reqwest::redirect::Policy::none());
        let http = tls::configure(http, &self.root_certificates)?
            .build()
            .map_err(|err| Error::Config(format!("cannot set up the HTTP client: {err}")))?;
        Ok(C::from(Client::from_settings(Settings {
            http,
            base_url,
            headers,
            auth_scheme: match credentials {
                Credentials::Token(_) => "api token",
                Credentials::Key { .. } => "api key",
            },
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            connect_timeout,
            max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
            sleeper: self.sleeper.unwrap_or_default(),
        })))
    }
}

/// The base URL without its trailing slashes, checked to be a plain `http(s)` URL.
fn check_base_url(base_url: &str) -> Result<String> {
    let trimmed = base_url.trim().trim_end_matches('/');
    let invalid = |why: &str| Error::Config(format!("the base URL `{trimmed}` {why}"));
    let url =
        reqwest::Url::parse(trimmed).map_err(|err| invalid(&format!("is not a URL: {err}")))?;
    if !url.username().is_empty() || url.password().is_some() {
        // Said without echoing the URL, which holds a secret.
        return Err(Error::Config(
            "the base URL must not contain credentials".into(),
        ));
    }
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("must start with https:// (or http://)"));
    }
    if url.scheme() == "https" && !tls::ENABLED {
        return Err(tls::no_tls());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("must not have a query or fragment"));
    }
    Ok(trimmed.to_owned())
}

/// A default header, checked; the error names the header but never echoes its value.
fn check_header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue)> {
    let header_name = HeaderName::try_from(name)
        .map_err(|_| Error::Config(format!("`{name}` is not a valid HTTP header name")))?;
    let value = HeaderValue::try_from(value).map_err(|_| {
        Error::Config(format!(
            "the value of header `{name}` cannot be sent in an HTTP header"
        ))
    })?;
    Ok((header_name, value))
}

impl<C> fmt::Debug for ClientBuilder<C> {
    /// Shows the configuration with credentials and header values left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("credentials_problem", &self.credentials_problem)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("default_headers", &header_names)
            .field("root_certificates", &self.root_certificates.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "tok-SECRET-0123456789";
    const KEY: &str = "key-SECRET-9876543210";

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    fn build(pairs: &[(&str, &str)]) -> Result<Client> {
        ClientBuilder::from_env_with(env(pairs)).build()
    }

    #[test]
    fn env_token_becomes_a_bearer_header() {
        let client = build(&[("CLOUDFLARE_API_TOKEN", TOKEN)]).unwrap();
        assert_eq!(
            client.settings().headers["authorization"],
            format!("Bearer {TOKEN}").as_str()
        );
        assert_eq!(client.base_url(), DEFAULT_BASE_URL);
    }

    #[test]
    fn env_key_and_email_become_x_auth_headers() {
        let client = build(&[("CLOUDFLARE_API_KEY", KEY), ("CLOUDFLARE_EMAIL", "me@x.y")]).unwrap();
        let headers = &client.settings().headers;
        assert_eq!(headers["x-auth-key"], KEY);
        assert_eq!(headers["x-auth-email"], "me@x.y");
        assert!(!headers.contains_key("authorization"));
    }

    #[test]
    fn env_token_wins_over_key_and_email() {
        let pairs = [
            ("CLOUDFLARE_API_TOKEN", TOKEN),
            ("CLOUDFLARE_API_KEY", KEY),
            ("CLOUDFLARE_EMAIL", "e"),
        ];
        let headers = &build(&pairs).unwrap().settings().headers.clone();
        assert!(headers.contains_key("authorization") && !headers.contains_key("x-auth-key"));
    }

    #[test]
    fn env_base_url_overrides_the_default_and_a_trailing_slash_is_ignored() {
        for url in [
            "http://127.0.0.1:9/v4",
            "http://127.0.0.1:9/v4/",
            "http://127.0.0.1:9/v4//",
        ] {
            let client = build(&[
                ("CLOUDFLARE_API_TOKEN", TOKEN),
                ("CLOUDFLARE_BASE_URL", url),
            ]);
            assert_eq!(client.unwrap().base_url(), "http://127.0.0.1:9/v4");
        }
    }

    #[test]
    fn no_credentials_is_a_missing_credentials_error_that_says_what_to_set() {
        for pairs in [
            &[][..],
            &[("CLOUDFLARE_API_TOKEN", "")],
            &[("CLOUDFLARE_BASE_URL", "http://x")],
        ] {
            let err = build(pairs).unwrap_err();
            assert!(
                matches!(&err, Error::MissingCredentials(m) if m.contains("CLOUDFLARE_API_TOKEN")),
                "{err}"
            );
            assert!(
                err.to_string().starts_with("missing credentials: "),
                "{err}"
            );
        }
    }

    #[test]
    fn half_of_key_and_email_is_missing_credentials_naming_the_missing_variable() {
        let err = build(&[("CLOUDFLARE_API_KEY", KEY)]).unwrap_err();
        assert!(matches!(err, Error::MissingCredentials(_)), "{err:?}");
        let err = err.to_string();
        assert!(
            err.contains("CLOUDFLARE_EMAIL is not") && !err.contains(KEY),
            "{err}"
        );
        let err = build(&[("CLOUDFLARE_EMAIL", "e")]).unwrap_err();
        assert!(matches!(err, Error::MissingCredentials(_)), "{err:?}");
        assert!(
            err.to_string().contains("CLOUDFLARE_API_KEY is not"),
            "{err}"
        );
        let fixed = ClientBuilder::<Client>::from_env_with(env(&[("CLOUDFLARE_API_KEY", KEY)]))
            .api_token(TOKEN);
        assert!(fixed.build().is_ok());
    }

    #[test]
    fn empty_credentials_set_in_code_are_missing_credentials() {
        for builder in [
            Client::builder().api_token(""),
            Client::builder().api_token(" \t"),
            Client::builder().api_key("", "me@x.y"),
            Client::builder().api_key(KEY, ""),
        ] {
            let err = builder.build().unwrap_err();
            assert!(matches!(err, Error::MissingCredentials(_)), "{err:?}");
            assert!(!err.to_string().contains(KEY), "{err}");
        }
    }

    #[test]
    fn other_configuration_problems_stay_config_errors() {
        let err = Client::builder().api_token("to\nken").build().unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{err:?}");
    }

    #[test]
    fn bad_base_urls_are_config_errors() {
        for (url, expected) in [
            ("api.cloudflare.com/client/v4", "is not a URL"),
            ("ftp://example.com", "must start with https://"),
            ("https://example.com/v4?x=1", "must not have a query"),
        ] {
            let err = Client::builder()
                .api_token(TOKEN)
                .base_url(url)
                .build()
                .unwrap_err();
            assert!(err.to_string().contains(expected), "{url}: {err}");
        }
        let err = Client::builder()
            .api_token(TOKEN)
            .base_url("https://u:hunter2@h")
            .build();
        let message = err.unwrap_err().to_string();
        assert!(message.contains("must not contain credentials") && !message.contains("hunter2"));
    }

    #[test]
    fn default_headers_are_checked_without_echoing_values() {
        let client = Client::builder()
            .api_token(TOKEN)
            .default_header("x-team", "ai")
            .build();
        assert_eq!(client.unwrap().settings().headers["x-team"], "ai");
        let err = Client::builder()
            .api_token(TOKEN)
            .default_header("bad name", "v")
            .build();
        assert!(
            err.unwrap_err()
                .to_string()
                .contains("`bad name` is not a valid")
        );
        let err = Client::builder()
            .api_token(TOKEN)
            .default_header("x-s", "se\ncret")
            .build();
        let message = err.unwrap_err().to_string();
        assert!(
            message.contains("`x-s`") && !message.contains("cret"),
            "{message}"
        );
    }

    #[test]
    fn defaults_are_60s_5s_and_2_retries() {
        let client = Client::builder().api_token(TOKEN).build().unwrap();
        let settings = client.settings();
        assert_eq!(settings.timeout, Duration::from_secs(60));
        assert_eq!(settings.connect_timeout, Duration::from_secs(5));
        assert_eq!(settings.max_retries, 2);
    }

    #[test]
    fn debug_output_never_shows_secrets() {
        let builder = ClientBuilder::<Client>::from_env_with(env(&[
            ("CLOUDFLARE_API_KEY", KEY),
            ("CLOUDFLARE_EMAIL", "e"),
        ]))
        .default_header("x-extra-secret", TOKEN);
        let client = builder.clone().build().unwrap();
        let token_client = Client::builder().api_token(TOKEN).build().unwrap();
        for text in [
            format!("{builder:?}"),
            format!("{builder:#?}"),
            format!("{client:?}"),
            format!("{client:#?}"),
            format!("{token_client:?}"),
        ] {
            assert!(!text.contains(TOKEN) && !text.contains(KEY), "{text}");
        }
        assert!(format!("{token_client:?}").contains("api token"));
    }
}
