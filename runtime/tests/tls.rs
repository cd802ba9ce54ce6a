//! HTTPS end to end with whichever TLS feature is enabled: a request reaches a local TLS
//! server whose certificate is signed by a CA the builder was told to trust; without that
//! CA the handshake fails; the client offers HTTP/2 and HTTP/1.1 over ALPN.
//!
//! Run it for each implementation with, e.g.,
//! `cargo test -p cloudflare-sdk-runtime --no-default-features --features native-tls --test tls`.
//!
//! The certificates in `tests/tls/` (valid until 2126) were made with OpenSSL:
//!
//! ```text
//! openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key \
//!   -out ca.pem -days 36500 -subj "/CN=cloudflare-sdk test CA" \
//!   -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
//! openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.ec.key \
//!   -out server.csr -subj "/CN=localhost"
//! openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -out server.pem -days 36500 \
//!   -extfile ext.cnf   # CA:FALSE, serverAuth, subjectAltName=DNS:localhost,IP:127.0.0.1
//! openssl pkcs8 -topk8 -nocrypt -in server.ec.key -out server.key
//! ```
#![cfg(any(
    feature = "rustls-ring",
    feature = "rustls-aws-lc-rs",
    feature = "native-tls"
))]

use std::sync::{Arc, Mutex};

use cloudflare_sdk_runtime::__private::{ApiRequest, Method, call};
use cloudflare_sdk_runtime::{Client, Error};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::LazyConfigAcceptor;

const CA: &str = include_str!("tls/ca.pem");
const SERVER_CERT: &str = include_str!("tls/server.pem");
const SERVER_KEY: &str = include_str!("tls/server.key");

/// A TLS server on 127.0.0.1 that answers every request with one successful envelope and
/// records the ALPN protocols each client offered. Stops when dropped.
struct TlsServer {
    base_url: String,
    offered_alpn: Arc<Mutex<Vec<Vec<String>>>>,
    task: JoinHandle<()>,
}

impl TlsServer {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("https://{}/client/v4", listener.local_addr().unwrap());
        let offered_alpn = Arc::new(Mutex::new(Vec::new()));
        let config = Arc::new(server_config());
        let record = offered_alpn.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (config, record) = (config.clone(), record.clone());
                tokio::spawn(async move {
                    let acceptor = rustls::server::Acceptor::default();
                    let Ok(start) = LazyConfigAcceptor::new(acceptor, stream).await else {
                        return;
                    };
                    let offered = start
                        .client_hello()
                        .alpn()
                        .into_iter()
                        .flatten()
                        .map(|protocol| String::from_utf8_lossy(protocol).into_owned())
                        .collect();
                    record.lock().unwrap().push(offered);
                    // A client that does not trust the certificate ends the handshake here.
                    let Ok(mut tls) = start.into_stream(config).await else {
                        return;
                    };
                    let mut request = Vec::new();
                    let mut buffer = [0; 4096];
                    while !request.windows(4).any(|window| window == b"\r\n\r\n") {
                        match tls.read(&mut buffer).await {
                            Ok(0) | Err(_) => return,
                            Ok(read) => request.extend_from_slice(&buffer[..read]),
                        }
                    }
                    let body = json!({
                        "success": true, "errors": [], "messages": [], "result": { "pong": true }
                    })
                    .to_string();
                    let response = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                         content-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = tls.write_all(response.as_bytes()).await;
                    let _ = tls.shutdown().await;
                });
            }
        });
        Self {
            base_url,
            offered_alpn,
            task,
        }
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// HTTP/1.1 only, so the test needs no HTTP/2 server; the client's offer is recorded.
fn server_config() -> rustls::ServerConfig {
    let chain = CertificateDer::pem_slice_iter(SERVER_CERT.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY.as_bytes()).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    config
}

fn ping(client: &Client) -> impl Future<Output = cloudflare_sdk_runtime::Result<Value>> {
    call(client, ApiRequest::new(Method::GET, "/ping"))
        .max_retries(0)
        .into_future()
}

#[tokio::test]
async fn https_request_reaches_a_server_whose_ca_the_builder_trusts() {
    let server = TlsServer::start().await;
    let client = Client::builder()
        .api_token("token")
        .base_url(&server.base_url)
        .add_root_certificate_pem(CA)
        .build()
        .unwrap();
    let result = ping(&client).await.unwrap();
    assert_eq!(result, json!({ "pong": true }));
}

#[tokio::test]
async fn a_server_certificate_from_an_untrusted_ca_is_a_connection_error() {
    let server = TlsServer::start().await;
    let client = Client::builder()
        .api_token("token")
        .base_url(&server.base_url)
        .build()
        .unwrap();
    let err = ping(&client).await.unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    // The handshake was attempted, so the failure is the certificate, not the network.
    assert_eq!(server.offered_alpn.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn the_client_offers_http2_and_http1_over_alpn() {
    let server = TlsServer::start().await;
    let client = Client::builder()
        .api_token("token")
        .base_url(&server.base_url)
        .add_root_certificate_pem(CA)
        .build()
        .unwrap();
    ping(&client).await.unwrap();
    let offered = server.offered_alpn.lock().unwrap().clone();
    assert_eq!(offered, [["h2", "http/1.1"]]);
}

#[test]
fn text_without_a_pem_certificate_is_a_config_error() {
    for pem in [
        "",
        "not a certificate",
        "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n",
    ] {
        let err = Client::builder()
            .api_token("token")
            .add_root_certificate_pem(pem)
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{pem:?}: {err:?}");
        assert!(err.to_string().contains("root certificate #1"), "{err}");
    }
}
