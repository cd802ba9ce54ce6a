//! Sending a request: one attempt under a time limit, repeated with backoff while the
//! failure is worth retrying.

use std::error::Error as StdError;
use std::fmt;
use std::time::{Duration, Instant};

use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, HeaderValue};

use super::client::Client;
use super::error::{Error, Result, cf_ray};
use super::redirect::{self, Hop};
use super::request::ApiRequest;
use super::response::RawResponse;
use super::retry;
use super::trace;

/// Limits for one call: the client's, unless the call overrides them.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CallOptions {
    pub(crate) max_retries: Option<u32>,
    pub(crate) timeout: Option<Duration>,
}

/// Why an attempt produced no response.
enum Failure {
    /// The attempt's time limit ran out.
    Timeout(Duration),
    /// The connection failed, or broke before the response was read.
    Transport(reqwest::Error),
}

impl fmt::Display for Failure {
    /// A short cause for the trace events, without the URL that reqwest's own message has.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Timeout(timeout) => write!(f, "no response within {timeout:?}"),
            Failure::Transport(err) if err.is_timeout() => f.write_str("connect timed out"),
            Failure::Transport(err) => write!(f, "connection failed: {}", root_cause(err)),
        }
    }
}

impl Client {
    /// Sends `request`, retrying as the retry rules allow, and returns the last response
    /// (whatever its status) or the last transport failure as an error.
    pub(crate) async fn execute(
        &self,
        request: &ApiRequest,
        options: CallOptions,
    ) -> Result<RawResponse> {
        let url = request.url(self.base_url())?;
        let settings = self.settings();
        let max_retries = options.max_retries.unwrap_or(settings.max_retries);
        let timeout = options.timeout.unwrap_or(settings.timeout);
        let mut retries = 0;
        loop {
            let attempt = retries + 1;
            let started = Instant::now();
            let outcome = self.attempt(request, &url, timeout, attempt).await;
            let elapsed = started.elapsed();
            let retryable = match &outcome {
                Ok(raw) => {
                    let ray = cf_ray(&raw.headers);
                    trace::attempt_answered(request, attempt, raw.status, ray, elapsed);
                    !raw.status.is_success() && retry::should_retry(raw.status, &raw.headers)
                }
                Err(failure) => {
                    trace::attempt_failed(request, attempt, failure, elapsed);
                    true
                }
            };
            if !retryable || retries >= max_retries {
                return outcome.map_err(|failure| self.error(failure, &url, attempt));
            }
            let headers = outcome.as_ref().ok().map(|raw| &raw.headers);
            let delay = retry::delay(headers, retries, jiff::Timestamp::now(), retry::jitter());
            match &outcome {
                Ok(raw) => trace::retrying(request, attempt, delay, &raw.status),
                Err(failure) => trace::retrying(request, attempt, delay, failure),
            }
            settings.sleeper.sleep(delay).await;
            retries += 1;
        }
    }

    /// One attempt: send, follow the redirects that may be followed, then read the whole
    /// body, all within `timeout`.
    async fn attempt(
        &self,
        request: &ApiRequest,
        url: &Url,
        timeout: Duration,
        attempt: u32,
    ) -> Result<RawResponse, Failure> {
        let exchange = async {
            let mut url = url.clone();
            let mut followed = 0;
            loop {
                let response = self.send(request, &url).await?;
                let status = response.status();
                let hop = redirect::next_hop(status, response.headers(), &url, followed);
                let refused_redirect = match hop {
                    Hop::Final => None,
                    Hop::Refused(reason) => Some(reason),
                    Hop::Follow(next) => {
                        followed += 1;
                        trace::following_redirect(request, attempt, followed, status);
                        url = next;
                        continue;
                    }
                };
                let headers = response.headers().clone();
                let body = response.bytes().await?.to_vec();
                return Ok(RawResponse {
                    status,
                    headers,
                    body,
                    refused_redirect,
                });
            }
        };
        match tokio::time::timeout(timeout, exchange).await {
            Ok(result) => result.map_err(Failure::Transport),
            Err(_elapsed) => Err(Failure::Timeout(timeout)),
        }
    }

    /// Sends `request` to `url` with the client's headers (credentials included) and the
    /// request's body, and waits for the response head.
    async fn send(&self, request: &ApiRequest, url: &Url) -> reqwest::Result<reqwest::Response> {
        let settings = self.settings();
        let mut builder = settings
            .http
            .request(request.method.clone(), url.clone())
            .headers(settings.headers.clone())
            .headers(request.headers.clone());
        if let Some((body, content_type)) = &request.body {
            // Content types come from the spec and the runtime, so they are valid.
            let content_type = HeaderValue::try_from(content_type.as_str())
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            builder = builder
                .header(CONTENT_TYPE, content_type)
                .body(body.clone());
        }
        builder.send().await
    }

    fn error(&self, failure: Failure, url: &Url, attempts: u32) -> Error {
        match failure {
            Failure::Timeout(timeout) => Error::Timeout { timeout, attempts },
            // reqwest's own timeouts come from the connect limit.
            Failure::Transport(err) if err.is_timeout() => Error::Timeout {
                timeout: self.settings().connect_timeout,
                attempts,
            },
            Failure::Transport(err) => Error::Connection {
                target: url.origin().ascii_serialization(),
                attempts,
                cause: root_cause(&err),
                source: Box::new(err),
            },
        }
    }
}

/// The innermost error's message (e.g. `Connection refused (os error 111)`), which says
/// more than the outer "error sending request".
fn root_cause(err: &(dyn StdError + 'static)) -> String {
    let mut current = err;
    while let Some(source) = current.source() {
        current = source;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Method;
    use crate::{Call, Error};

    /// A port on 127.0.0.1 that accepts no new connection: its accept queue (length 1)
    /// is full and never drained, so the kernel drops further connection attempts and a
    /// client's connect hangs until its own limit.
    async fn unconnectable() -> (tokio::net::TcpListener, Vec<tokio::net::TcpStream>) {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let listener = socket.listen(1).unwrap();
        let address = listener.local_addr().unwrap();
        let mut fillers = Vec::new();
        // Fill the queue: connects succeed until it is full, then they hang.
        while let Ok(Ok(stream)) = tokio::time::timeout(
            Duration::from_millis(100),
            tokio::net::TcpStream::connect(address),
        )
        .await
        {
            fillers.push(stream);
            assert!(fillers.len() < 64, "the accept queue never filled up");
        }
        (listener, fillers)
    }

    #[tokio::test]
    async fn a_connect_that_hangs_is_a_timeout_of_the_connect_limit() {
        let (listener, _fillers) = unconnectable().await;
        let client = Client::builder()
            .api_token("t")
            .base_url(format!("http://{}", listener.local_addr().unwrap()))
            .connect_timeout(Duration::from_millis(150))
            .max_retries(0)
            .build()
            .unwrap();
        let started = std::time::Instant::now();

        let result =
            Call::<serde_json::Value>::new(&client, ApiRequest::new(Method::GET, "/x")).await;

        assert!(
            matches!(result, Err(Error::Timeout { timeout, attempts: 1 }) if timeout == Duration::from_millis(150)),
            "{result:?}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }

    /// Serves one request on 127.0.0.1 and hands back its head.
    async fn one_request(reply: &'static str) -> (String, tokio::task::JoinHandle<String>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let head = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut received = Vec::new();
            let mut buffer = [0; 4096];
            while !received.windows(4).any(|w| w == b"\r\n\r\n") {
                let read = stream.read(&mut buffer).await.unwrap();
                received.extend_from_slice(&buffer[..read]);
            }
            stream.write_all(reply.as_bytes()).await.unwrap();
            String::from_utf8_lossy(&received).into_owned()
        });
        (base, head)
    }

    #[tokio::test]
    async fn header_parameters_are_sent_beside_the_clients_headers() {
        let (base, head) = one_request(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 27\r\n\r\n{\"success\":true,\"result\":1}",
        )
        .await;
        let client = Client::builder()
            .api_token("t")
            .base_url(base)
            .build()
            .unwrap();
        let request = ApiRequest::new(Method::POST, "/uploads").header("Upload-Length", Some(42));
        let value = Call::<serde_json::Value>::new(&client, request)
            .await
            .unwrap();
        assert_eq!(value, 1);
        let head = head.await.unwrap().to_ascii_lowercase();
        assert!(head.contains("upload-length: 42\r\n"), "{head}");
        assert!(head.contains("authorization: bearer t\r\n"), "{head}");
    }

    #[tokio::test]
    async fn a_body_that_is_not_json_is_taken_as_it_is_with_its_media_type() {
        let (base, _head) = one_request(
            "HTTP/1.1 200 OK\r\ncontent-type: text/csv\r\ncontent-length: 8\r\n\r\na,b\n1,2\n",
        )
        .await;
        let client = Client::builder()
            .api_token("t")
            .base_url(base)
            .build()
            .unwrap();
        let csv = Call::<crate::Text>::new(&client, ApiRequest::new(Method::GET, "/report"))
            .await
            .unwrap();
        assert_eq!(
            (csv.as_str(), csv.media_type()),
            ("a,b\n1,2\n", Some("text/csv"))
        );

        let (base, _head) = one_request(
            "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 3\r\n\r\n\x01\x02\x03",
        )
        .await;
        let client = Client::builder()
            .api_token("t")
            .base_url(base)
            .build()
            .unwrap();
        let png = Call::<crate::Binary>::new(&client, ApiRequest::new(Method::GET, "/shot"))
            .await
            .unwrap();
        assert_eq!(
            (png.bytes(), png.media_type()),
            (&[1u8, 2, 3][..], Some("image/png"))
        );
    }

    #[tokio::test]
    async fn an_error_status_of_a_raw_endpoint_is_an_api_error_from_its_envelope() {
        let (base, _head) = one_request(
            "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: 56\r\n\r\n{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"x\"}]}",
        )
        .await;
        let client = Client::builder()
            .api_token("t")
            .base_url(base)
            .max_retries(0)
            .build()
            .unwrap();
        let err = Call::<crate::Binary>::new(&client, ApiRequest::new(Method::GET, "/shot"))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Api(api) if api.has_code(7003)),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn an_unenveloped_body_is_decoded_whole_from_a_local_server() {
        let (base, _head) = one_request(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 16\r\n\r\n{\"healthy\":true}",
        )
        .await;
        let client = Client::builder()
            .api_token("t")
            .base_url(base)
            .build()
            .unwrap();
        let request = ApiRequest::new(Method::GET, "/status").whole_body();
        let value = Call::<serde_json::Value>::new(&client, request)
            .await
            .unwrap();
        assert_eq!(value, serde_json::json!({"healthy": true}));
    }

    #[tokio::test]
    async fn a_no_content_call_yields_unit_and_still_reads_errors() {
        let (base, head) = one_request("HTTP/1.1 204 No Content\r\n\r\n").await;
        let client = Client::builder()
            .api_token("t")
            .base_url(base)
            .build()
            .unwrap();
        let request = ApiRequest::new(Method::DELETE, "/rules")
            .json_body(&["a", "b"])
            .no_content();
        let () = Call::<()>::new(&client, request).await.unwrap();
        let head = head.await.unwrap();
        assert!(head.starts_with("DELETE /rules "), "{head}");

        let (base, _head) = one_request(
            "HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\ncontent-length: 56\r\n\r\n{\"success\":false,\"errors\":[{\"code\":9109,\"message\":\"x\"}]}",
        )
        .await;
        let client = Client::builder()
            .api_token("t")
            .base_url(base)
            .max_retries(0)
            .build()
            .unwrap();
        let request = ApiRequest::new(Method::DELETE, "/rules").no_content();
        let err = Call::<()>::new(&client, request).await.unwrap_err();
        assert!(
            matches!(&err, Error::Api(api) if api.has_code(9109)),
            "{err:?}"
        );
    }

    #[derive(Debug, thiserror::Error)]
    #[error("error sending request")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn root_cause_is_the_innermost_message() {
        let inner = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        assert_eq!(root_cause(&Outer(inner)), "refused");
    }
}
