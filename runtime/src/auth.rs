//! Credentials, and the headers that carry them. Secrets never reach `Debug` output or
//! error messages: they are wrapped in [`Secret`] and sent as sensitive header values.

use std::fmt;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use super::error::{Error, Result};

/// A string that must not be shown: its `Debug` prints a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How the client proves who it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Credentials {
    /// An API token, sent as `Authorization: Bearer <token>`.
    Token(Secret),
    /// A global API key and its account email, sent as `X-Auth-Key` and `X-Auth-Email`.
    Key { key: Secret, email: String },
}

impl Credentials {
    /// The part that is empty (or only whitespace), which would be sent as no credential.
    pub(crate) fn empty_part(&self) -> Option<&'static str> {
        let blank = |value: &str| value.trim().is_empty();
        match self {
            Credentials::Token(token) if blank(&token.0) => Some("API token"),
            Credentials::Key { key, .. } if blank(&key.0) => Some("API key"),
            Credentials::Key { email, .. } if blank(email) => Some("email"),
            _ => None,
        }
    }

    /// Adds the authentication headers to `headers`, marked sensitive so that `http`
    /// itself never prints them.
    pub(crate) fn apply(&self, headers: &mut HeaderMap) -> Result<()> {
        match self {
            Credentials::Token(token) => {
                let value = sensitive(&format!("Bearer {}", token.0), "API token")?;
                headers.insert(AUTHORIZATION, value);
            }
            Credentials::Key { key, email } => {
                headers.insert(
                    HeaderName::from_static("x-auth-key"),
                    sensitive(&key.0, "API key")?,
                );
                headers.insert(
                    HeaderName::from_static("x-auth-email"),
                    sensitive(email, "email")?,
                );
            }
        }
        Ok(())
    }
}

/// A sensitive header value; the error names `what` but never echoes the value.
fn sensitive(value: &str, what: &str) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(value).map_err(|_| {
        Error::Config(format!(
            "the {what} contains characters that cannot be sent in an HTTP header \
             (a stray newline or quote?)"
        ))
    })?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "tok-0123456789-secret";

    #[test]
    fn token_becomes_a_sensitive_bearer_header() {
        let mut headers = HeaderMap::new();
        Credentials::Token(Secret::new(TOKEN))
            .apply(&mut headers)
            .unwrap();
        let value = &headers[AUTHORIZATION];
        assert_eq!(value.to_str().unwrap(), format!("Bearer {TOKEN}"));
        assert!(value.is_sensitive());
        assert!(!format!("{headers:?}").contains(TOKEN));
    }

    #[test]
    fn key_and_email_become_x_auth_headers() {
        let mut headers = HeaderMap::new();
        let credentials = Credentials::Key {
            key: Secret::new("k3y"),
            email: "a@b.c".into(),
        };
        credentials.apply(&mut headers).unwrap();
        assert_eq!(headers["x-auth-key"], "k3y");
        assert_eq!(headers["x-auth-email"], "a@b.c");
        assert!(!headers.contains_key(AUTHORIZATION));
    }

    #[test]
    fn secrets_are_redacted_in_debug() {
        let credentials = Credentials::Token(Secret::new(TOKEN));
        assert_eq!(format!("{credentials:?}"), "Token(<redacted>)");
    }

    #[test]
    fn an_unsendable_token_is_a_config_error_that_does_not_echo_it() {
        let bad = format!("{TOKEN}\n");
        let err = Credentials::Token(Secret::new(bad))
            .apply(&mut HeaderMap::new())
            .unwrap_err();
        let message = err.to_string();
        assert!(matches!(err, Error::Config(_)));
        assert!(
            message.contains("API token") && !message.contains(TOKEN),
            "{message}"
        );
    }
}
