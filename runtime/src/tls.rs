//! Which TLS implementation the HTTP client uses, chosen by cargo feature, and the root
//! certificates it trusts: the platform's, plus any given to the builder.
//!
//! With rustls, the runtime builds the `ClientConfig` itself and hands it to reqwest, so
//! the crypto provider is the one the feature names. It never installs a process-wide
//! default provider: that is the application's decision, not a library's.

use reqwest::ClientBuilder as HttpClientBuilder;

use super::error::{Error, Result};

/// Whether a TLS feature is enabled, so `https://` URLs can be used.
pub(crate) const ENABLED: bool = cfg!(any(
    feature = "native-tls",
    feature = "rustls-ring",
    feature = "rustls-aws-lc-rs"
));

/// Sets up `http` for HTTPS, trusting the platform's roots and `extra_roots` (PEM text,
/// each holding one or more certificates); without a TLS feature, leaves it as it is.
pub(crate) fn configure(
    http: HttpClientBuilder,
    extra_roots: &[Vec<u8>],
) -> Result<HttpClientBuilder> {
    backend::configure(http, extra_roots)
}

#[cfg(any(
    feature = "native-tls",
    feature = "rustls-ring",
    feature = "rustls-aws-lc-rs"
))]
fn bad_root(index: usize, why: impl std::fmt::Display) -> Error {
    Error::Config(format!(
        "root certificate #{} given to the builder is not usable: {why}",
        index + 1
    ))
}

#[cfg(feature = "native-tls")]
mod backend {
    use super::*;

    pub(super) fn configure(
        mut http: HttpClientBuilder,
        extra_roots: &[Vec<u8>],
    ) -> Result<HttpClientBuilder> {
        for (index, pem) in extra_roots.iter().enumerate() {
            let certificates =
                reqwest::Certificate::from_pem_bundle(pem).map_err(|err| bad_root(index, err))?;
            if certificates.is_empty() {
                return Err(bad_root(index, "no PEM certificate in it"));
            }
            for certificate in certificates {
                http = http.add_root_certificate(certificate);
            }
        }
        Ok(http.tls_backend_native())
    }
}

#[cfg(all(
    not(feature = "native-tls"),
    any(feature = "rustls-ring", feature = "rustls-aws-lc-rs")
))]
mod backend {
    use std::sync::Arc;

    use rustls::crypto::CryptoProvider;
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;

    use super::*;

    fn tls_error(err: impl std::fmt::Display) -> Error {
        Error::Config(format!("cannot set up TLS: {err}"))
    }

    #[cfg(feature = "rustls-aws-lc-rs")]
    fn provider() -> CryptoProvider {
        rustls::crypto::aws_lc_rs::default_provider()
    }

    #[cfg(not(feature = "rustls-aws-lc-rs"))]
    fn provider() -> CryptoProvider {
        rustls::crypto::ring::default_provider()
    }

    pub(super) fn configure(
        http: HttpClientBuilder,
        extra_roots: &[Vec<u8>],
    ) -> Result<HttpClientBuilder> {
        let provider = Arc::new(provider());
        let verifier = verifier(parse_roots(extra_roots)?, provider.clone())?;
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(tls_error)?
            .dangerous() // only to plug in the platform verifier, which does verify
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        // What reqwest offers when it builds the configuration itself.
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(http.tls_backend_preconfigured(config))
    }

    fn parse_roots(extra_roots: &[Vec<u8>]) -> Result<Vec<CertificateDer<'static>>> {
        let mut roots = Vec::new();
        for (index, pem) in extra_roots.iter().enumerate() {
            let before = roots.len();
            for certificate in CertificateDer::pem_slice_iter(pem) {
                roots.push(certificate.map_err(|err| bad_root(index, err))?);
            }
            if roots.len() == before {
                return Err(bad_root(index, "no PEM certificate in it"));
            }
        }
        Ok(roots)
    }

    #[cfg(not(target_os = "android"))]
    fn verifier(
        roots: Vec<CertificateDer<'static>>,
        provider: Arc<CryptoProvider>,
    ) -> Result<rustls_platform_verifier::Verifier> {
        rustls_platform_verifier::Verifier::new_with_extra_roots(roots, provider).map_err(tls_error)
    }

    #[cfg(target_os = "android")]
    fn verifier(
        roots: Vec<CertificateDer<'static>>,
        provider: Arc<CryptoProvider>,
    ) -> Result<rustls_platform_verifier::Verifier> {
        if !roots.is_empty() {
            return Err(tls_error(
                "extra root certificates are not supported on Android; install them in the system store",
            ));
        }
        rustls_platform_verifier::Verifier::new(provider).map_err(tls_error)
    }
}

#[cfg(not(any(
    feature = "native-tls",
    feature = "rustls-ring",
    feature = "rustls-aws-lc-rs"
)))]
mod backend {
    use super::*;

    pub(super) fn configure(
        http: HttpClientBuilder,
        extra_roots: &[Vec<u8>],
    ) -> Result<HttpClientBuilder> {
        if extra_roots.is_empty() {
            Ok(http)
        } else {
            Err(no_tls())
        }
    }
}

/// Why an `https://` base URL cannot be used: no TLS feature is enabled.
pub(crate) fn no_tls() -> Error {
    Error::Config(
        "HTTPS needs a TLS feature of cloudflare-sdk (`rustls-ring`, the default, \
         `rustls-aws-lc-rs` or `native-tls`), and none is enabled"
            .to_owned(),
    )
}
