//! The client against a real HTTP server on 127.0.0.1, driven through the generated
//! `create_version` method the way a user calls it. Each test checks what the server
//! received or what the caller got.

use std::future::{Future, IntoFuture};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cloudflare_sdk::{
    ApiErrorKind, Call, Client, ClientBuilder, CreateRouteVersion, ElementRef, Error,
    RedirectReason, Route, StartElement, StartOutputs, StatusCode,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "cf-test-token-DO-NOT-LEAK-4f9a1c";
const KEY: &str = "cf-test-global-key-DO-NOT-LEAK-77e2";
const ACCOUNT: &str = "0d37909e38d3e99c29fa2cd343ac421a";
const GATEWAY: &str = "54442216";
const ROUTE: &str = "54442216";
const BASE_PATH: &str = "/client/v4";

fn versions_path() -> String {
    format!("{BASE_PATH}/accounts/{ACCOUNT}/ai-gateway/gateways/{GATEWAY}/routes/{ROUTE}/versions")
}

/// The body of the reference doc's example: one start element.
fn new_version() -> CreateRouteVersion {
    let start = StartElement::new("id", StartOutputs::new(ElementRef::new("elementId")));
    CreateRouteVersion::new(vec![start.into()])
}

/// The reference doc's example response.
fn created() -> Value {
    json!({
        "result": {
            "id": "id",
            "created_at": "2019-12-27T18:11:19.117Z",
            "elements": [{"id": "id", "outputs": {"next": {"elementId": "elementId"}}, "type": "start"}],
            "gateway_id": "gateway_id",
            "modified_at": "2019-12-27T18:11:19.117Z",
            "name": "name"
        },
        "success": true,
        "errors": [],
        "messages": []
    })
}

fn error_body(code: i64, message: &str) -> Value {
    json!({
        "success": false,
        "errors": [{"code": code, "message": message, "documentation_url": "https://developers.cloudflare.com/x"}],
        "messages": [{"code": 10000, "message": "see the docs"}],
        "result": null
    })
}

/// Delays the client asked to sleep between retries; recorded instead of slept.
#[derive(Clone, Default)]
struct Delays(Arc<Mutex<Vec<Duration>>>);

impl Delays {
    fn taken(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

fn base_url(server: &MockServer) -> String {
    format!("{}{BASE_PATH}", server.uri())
}

/// A builder for `server` with a token and a sleeper that records instead of sleeping.
fn builder(server: &MockServer) -> (ClientBuilder, Delays) {
    let delays = Delays::default();
    let recorder = delays.clone();
    let builder = Client::builder()
        .api_token(TOKEN)
        .base_url(base_url(server))
        .sleep_with(move |delay| {
            recorder.0.lock().unwrap().push(delay);
            std::future::ready(())
        });
    (builder, delays)
}

fn client(server: &MockServer) -> (Client, Delays) {
    let (builder, delays) = builder(server);
    (builder.build().unwrap(), delays)
}

fn create(client: &Client) -> Call<Route> {
    client
        .ai_gateway()
        .dynamic_routing()
        .create_version(ACCOUNT, GATEWAY, ROUTE, &new_version())
}

async fn respond_always(server: &MockServer, template: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(versions_path()))
        .respond_with(template)
        .mount(server)
        .await;
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    move |name| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    }
}

// ---------------------------------------------------------------- configuration and auth

#[tokio::test]
async fn env_token_is_sent_as_a_bearer_header() {
    let server = MockServer::start().await;
    respond_always(&server, ResponseTemplate::new(200).set_body_json(created())).await;
    let url = base_url(&server);
    let lookup = env(&[
        ("CLOUDFLARE_API_TOKEN", TOKEN),
        ("CLOUDFLARE_BASE_URL", &url),
    ]);
    let client = ClientBuilder::from_env_with(lookup).build().unwrap();

    create(&client).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(
        header(&requests[0], "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(header(&requests[0], "x-auth-key"), None);
    assert_eq!(header(&requests[0], "x-auth-email"), None);
}

#[tokio::test]
async fn env_key_and_email_are_sent_as_x_auth_headers() {
    let server = MockServer::start().await;
    respond_always(&server, ResponseTemplate::new(200).set_body_json(created())).await;
    let url = base_url(&server);
    let lookup = env(&[
        ("CLOUDFLARE_API_KEY", KEY),
        ("CLOUDFLARE_EMAIL", "dev@example.com"),
        ("CLOUDFLARE_BASE_URL", &url),
    ]);
    let client = ClientBuilder::from_env_with(lookup).build().unwrap();

    create(&client).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(header(&requests[0], "x-auth-key"), Some(KEY));
    assert_eq!(
        header(&requests[0], "x-auth-email"),
        Some("dev@example.com")
    );
    assert_eq!(header(&requests[0], "authorization"), None);
}

#[tokio::test]
async fn base_url_trailing_slash_makes_no_difference() {
    let server = MockServer::start().await;
    respond_always(&server, ResponseTemplate::new(200).set_body_json(created())).await;
    for url in [base_url(&server), format!("{}/", base_url(&server))] {
        let client = Client::builder()
            .api_token(TOKEN)
            .base_url(url)
            .build()
            .unwrap();
        create(&client).await.unwrap();
    }
    let paths: Vec<String> = received(&server)
        .await
        .iter()
        .map(|request| request.url.path().to_owned())
        .collect();
    assert_eq!(paths, [versions_path(), versions_path()]);
}

#[tokio::test]
async fn missing_credentials_fail_before_any_request_is_sent() {
    let server = MockServer::start().await;
    let url = base_url(&server);
    let err = ClientBuilder::from_env_with(env(&[("CLOUDFLARE_BASE_URL", &url)]))
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::MissingCredentials(message) if message.contains("CLOUDFLARE_API_TOKEN")),
        "{err}"
    );
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn sends_accept_content_type_and_user_agent_headers() {
    let server = MockServer::start().await;
    respond_always(&server, ResponseTemplate::new(200).set_body_json(created())).await;
    let (client, _) = client(&server);

    create(&client).await.unwrap();

    let request = &received(&server).await[0];
    assert_eq!(header(request, "accept"), Some("application/json"));
    assert_eq!(header(request, "content-type"), Some("application/json"));
    let agent = header(request, "user-agent").unwrap();
    let version = agent.strip_prefix("cloudflare-sdk/").expect(agent);
    assert!(
        version.split('.').all(|part| part.parse::<u32>().is_ok()),
        "{agent}"
    );
}

#[tokio::test]
async fn custom_default_headers_are_sent() {
    let server = MockServer::start().await;
    respond_always(&server, ResponseTemplate::new(200).set_body_json(created())).await;
    let (builder, _) = builder(&server);
    let client = builder.default_header("x-team", "routing").build().unwrap();

    create(&client).await.unwrap();

    assert_eq!(
        header(&received(&server).await[0], "x-team"),
        Some("routing")
    );
}

#[tokio::test]
async fn body_is_exactly_the_typed_parameters_in_compact_json() {
    let server = MockServer::start().await;
    respond_always(&server, ResponseTemplate::new(200).set_body_json(created())).await;
    let (client, _) = client(&server);

    create(&client).await.unwrap();

    let body = received(&server).await[0].body.clone();
    assert_eq!(body, serde_json::to_vec(&new_version()).unwrap());
    assert!(
        !body.iter().any(|b| b.is_ascii_whitespace()),
        "{}",
        String::from_utf8_lossy(&body)
    );
    let sent: Value = serde_json::from_slice(&body).unwrap();
    let expected = json!({"elements": [{"id": "id", "outputs": {"next": {"elementId": "elementId"}}, "type": "start"}]});
    assert_eq!(sent, expected);
}

#[tokio::test]
async fn secrets_never_appear_in_debug_output_or_errors() {
    let server = MockServer::start().await;
    respond_always(
        &server,
        ResponseTemplate::new(401).set_body_json(error_body(10000, "Authentication error")),
    )
    .await;
    let (builder, _) = builder(&server);
    let client = builder.clone().max_retries(0).build().unwrap();
    let key_client = Client::builder()
        .api_key(KEY, "dev@example.com")
        .build()
        .unwrap();

    let api = create(&client).await.unwrap_err();
    let timeout = {
        let slow = MockServer::start().await;
        respond_always(
            &slow,
            ResponseTemplate::new(200).set_delay(Duration::from_secs(2)),
        )
        .await;
        let client = Client::builder()
            .api_token(TOKEN)
            .base_url(base_url(&slow))
            .build()
            .unwrap();
        create(&client)
            .max_retries(0)
            .timeout(Duration::from_millis(50))
            .await
            .unwrap_err()
    };
    let refused = {
        let client = Client::builder()
            .api_token(TOKEN)
            .base_url(closed_port_url())
            .max_retries(0);
        create(&client.build().unwrap()).await.unwrap_err()
    };
    let decode = {
        let server = MockServer::start().await;
        respond_always(
            &server,
            ResponseTemplate::new(200).set_body_string("<html>oops</html>"),
        )
        .await;
        let client = Client::builder()
            .api_token(TOKEN)
            .base_url(base_url(&server))
            .build()
            .unwrap();
        create(&client).await.unwrap_err()
    };
    let texts = [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{key_client:?}"),
        format!("{:?}", create(&client)),
        format!("{:?}", create(&client).with_response()),
        format!("{api} {api:?}"),
        format!("{timeout} {timeout:?}"),
        format!("{refused} {refused:?}"),
        format!("{decode} {decode:?}"),
    ];
    for text in texts {
        assert!(
            !text.contains(TOKEN) && !text.contains(KEY),
            "secret leaked: {text}"
        );
    }
    assert!(matches!(api, Error::Api(_)) && matches!(timeout, Error::Timeout { .. }));
    assert!(matches!(refused, Error::Connection { .. }) && matches!(decode, Error::Decode(_)));
}

// ---------------------------------------------------------------- redirects

/// Answers requests to `from` (under the base path) with `status` and `Location: location`.
async fn redirect(server: &MockServer, from: &str, status: u16, location: &str) {
    Mock::given(path(from))
        .respond_with(ResponseTemplate::new(status).insert_header("location", location))
        .mount(server)
        .await;
}

/// Answers requests to `at` with `template`.
async fn answer_at(server: &MockServer, at: &str, template: ResponseTemplate) {
    Mock::given(path(at))
        .respond_with(template)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_same_origin_307_or_308_is_followed_with_the_same_method_body_and_credentials() {
    let moved = format!("{BASE_PATH}/moved");
    for status in [307, 308] {
        let server = MockServer::start().await;
        // One relative and one absolute `Location`, both on the same origin.
        let location = match status {
            307 => moved.clone(),
            _ => format!("{}{moved}", server.uri()),
        };
        redirect(&server, &versions_path(), status, &location).await;
        answer_at(
            &server,
            &moved,
            ResponseTemplate::new(200).set_body_json(created()),
        )
        .await;
        let (client, _) = client(&server);

        let version = create(&client).await.unwrap();

        assert_eq!(version.id, "id");
        let requests = received(&server).await;
        assert_eq!(requests.len(), 2, "{status}");
        let (first, second) = (&requests[0], &requests[1]);
        assert_eq!(second.url.path(), moved);
        assert_eq!(second.method, first.method);
        assert_eq!(second.body, first.body);
        assert_eq!(second.body, serde_json::to_vec(&new_version()).unwrap());
        assert_eq!(
            header(second, "authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
    }
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed_and_names_the_location() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    answer_at(
        &elsewhere,
        "/collect",
        ResponseTemplate::new(200).set_body_json(created()),
    )
    .await;
    // Another port on the same host is another origin.
    let location = format!("{}/collect", elsewhere.uri());
    redirect(&server, &versions_path(), 307, &location).await;
    let (builder, _) = builder(&server);
    let client = builder.api_key(KEY, "dev@example.com").build().unwrap();

    let err = create(&client).await.unwrap_err();

    let Error::Redirect(redirect) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (redirect.status(), redirect.reason(), redirect.location()),
        (
            StatusCode::TEMPORARY_REDIRECT,
            RedirectReason::OtherOrigin,
            Some(location.as_str())
        )
    );
    assert_eq!(err.status(), Some(StatusCode::TEMPORARY_REDIRECT));
    let text = err.to_string();
    assert!(
        text.contains(&format!("`Location: {location}`")) && text.contains("another origin"),
        "{text}"
    );
    assert!(!text.contains(KEY) && !format!("{err:?}").contains(KEY));
    assert!(received(&elsewhere).await.is_empty());
    assert_eq!(received(&server).await.len(), 1, "not retried either");
}

#[tokio::test]
async fn other_3xx_are_not_followed_and_name_the_location() {
    let moved = format!("{BASE_PATH}/moved");
    for status in [300, 301, 302, 303, 304] {
        let server = MockServer::start().await;
        redirect(&server, &versions_path(), status, &moved).await;
        answer_at(
            &server,
            &moved,
            ResponseTemplate::new(200).set_body_json(created()),
        )
        .await;
        let (client, _) = client(&server);

        let err = create(&client).await.unwrap_err();

        let Error::Redirect(redirect) = &err else {
            panic!("{status}: {err:?}")
        };
        assert_eq!(redirect.status().as_u16(), status);
        assert_eq!(redirect.reason(), RedirectReason::UnsupportedStatus);
        assert_eq!(redirect.location(), Some(moved.as_str()));
        assert!(err.to_string().contains(&moved), "{status}: {err}");
        assert_eq!(received(&server).await.len(), 1, "{status}");
    }
}

#[tokio::test]
async fn at_most_five_redirects_are_followed() {
    let server = MockServer::start().await;
    let looping = format!("{BASE_PATH}/again");
    redirect(&server, &versions_path(), 307, &looping).await;
    redirect(&server, &looping, 308, &looping).await;
    let (client, _) = client(&server);

    let err = create(&client).await.unwrap_err();

    assert_eq!(
        received(&server).await.len(),
        6,
        "the request and five hops"
    );
    let Error::Redirect(redirect) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (redirect.status(), redirect.reason()),
        (StatusCode::PERMANENT_REDIRECT, RedirectReason::TooMany)
    );
    assert!(err.to_string().contains(&looping), "{err}");
}

#[tokio::test]
async fn a_307_without_a_location_is_a_redirect_error() {
    let server = MockServer::start().await;
    respond_always(
        &server,
        ResponseTemplate::new(307).insert_header("cf-ray", "ray-7"),
    )
    .await;
    let (client, _) = client(&server);

    let err = create(&client).await.unwrap_err();

    let Error::Redirect(redirect) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (redirect.reason(), redirect.location(), redirect.cf_ray()),
        (RedirectReason::NoLocation, None, Some("ray-7"))
    );
    assert!(err.to_string().contains("without a `Location`"), "{err}");
}

#[tokio::test]
async fn redirect_hops_count_against_the_attempts_timeout() {
    let server = MockServer::start().await;
    let (one, two) = (format!("{BASE_PATH}/one"), format!("{BASE_PATH}/two"));
    let slow = |template: ResponseTemplate| template.set_delay(Duration::from_millis(150));
    let hop = |to: &str| slow(ResponseTemplate::new(307).insert_header("location", to));
    answer_at(&server, &versions_path(), hop(&one)).await;
    answer_at(&server, &one, hop(&two)).await;
    answer_at(
        &server,
        &two,
        slow(ResponseTemplate::new(200).set_body_json(created())),
    )
    .await;
    let (builder, _) = builder(&server);
    let client = builder.timeout(Duration::from_millis(300)).build().unwrap();

    // Each response comes within the limit, but the three of them together do not.
    let err = create(&client).max_retries(0).await.unwrap_err();

    assert!(
        matches!(err, Error::Timeout { attempts: 1, timeout } if timeout == Duration::from_millis(300)),
        "{err:?}"
    );
}

// ---------------------------------------------------------------- the request path

/// A bare HTTP/1.1 server that records each request target byte for byte, so that no
/// URL library on the server side can normalise or re-encode what the client sent.
/// It answers `count` requests, then stops.
fn raw_server(count: usize) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}{BASE_PATH}", listener.local_addr().unwrap());
    let (sender, targets) = mpsc::channel();
    let body = created().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let mut stream = stream.unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let target = line.split(' ').nth(1).unwrap_or_default().to_owned();
            let mut length = 0;
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                if header.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap();
                }
            }
            reader.read_exact(&mut vec![0; length]).unwrap();
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(response.as_bytes()).unwrap();
            sender.send(target).unwrap();
        }
    });
    (url, targets)
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_as_one_segment_on_the_wire() {
    let cases = [
        ("a/b", "a%2Fb"),
        ("a?b=c", "a%3Fb=c"),
        ("a#f", "a%23f"),
        ("a b", "a%20b"),
        ("100%", "100%25"),
        ("a%2Fb", "a%252Fb"),
        ("ü", "%C3%BC"),
        ("{gateway_id}", "%7Bgateway_id%7D"),
        ("...", "..."),
        ("!$&'()*+,;=:@-._~", "!$&'()*+,;=:@-._~"),
    ];
    let (url, targets) = raw_server(cases.len());
    let client = Client::builder()
        .api_token(TOKEN)
        .base_url(url)
        .max_retries(0)
        .build()
        .unwrap();
    for (value, encoded) in cases {
        let call = client.ai_gateway().dynamic_routing().create_version(
            ACCOUNT,
            value,
            "r",
            &new_version(),
        );
        call.await.unwrap();
        let target = targets.recv_timeout(Duration::from_secs(5)).unwrap();
        let expected = format!(
            "{BASE_PATH}/accounts/{ACCOUNT}/ai-gateway/gateways/{encoded}/routes/r/versions"
        );
        assert_eq!(target, expected, "value {value:?}");
    }
}

#[tokio::test]
async fn empty_and_dot_path_parameters_are_rejected_before_sending() {
    let server = MockServer::start().await;
    let (client, _) = client(&server);
    let routing = client.ai_gateway().dynamic_routing();
    for bad in ["", ".", ".."] {
        for (name, call) in [
            (
                "account_id",
                routing.create_version(bad, GATEWAY, ROUTE, &new_version()),
            ),
            (
                "gateway_id",
                routing.create_version(ACCOUNT, bad, ROUTE, &new_version()),
            ),
            (
                "id",
                routing.create_version(ACCOUNT, GATEWAY, bad, &new_version()),
            ),
        ] {
            let err = call.await.unwrap_err();
            let Error::InvalidArgument(message) = &err else {
                panic!("{bad:?} in {name}: {err:?}")
            };
            assert!(message.contains(&format!("`{name}`")), "{message}");
        }
    }
    assert!(received(&server).await.is_empty());
}

// ---------------------------------------------------------------- responses and errors

#[tokio::test]
async fn a_success_unwraps_the_result_into_a_route_version() {
    let server = MockServer::start().await;
    respond_always(&server, ResponseTemplate::new(200).set_body_json(created())).await;
    let (client, _) = client(&server);

    let version = create(&client).await.unwrap();

    assert_eq!(
        (version.id.as_str(), version.gateway_id.as_str()),
        ("id", "gateway_id")
    );
    assert_eq!(version.created_at.as_str(), "2019-12-27T18:11:19.117Z");
    assert_eq!(serde_json::to_value(&version).unwrap(), created()["result"]);
}

#[tokio::test]
async fn a_timestamp_that_is_not_rfc_3339_is_kept_verbatim_and_does_not_fail_the_response() {
    let server = MockServer::start().await;
    let mut body = created();
    body["result"]["modified_at"] = json!("2025-06-12 09:15:30");
    respond_always(&server, ResponseTemplate::new(200).set_body_json(&body)).await;
    let (client, _) = client(&server);

    let route = create(&client).await.unwrap();

    assert_eq!(route.modified_at.as_str(), "2025-06-12 09:15:30");
    assert_eq!(route.modified_at.to_string(), "2025-06-12 09:15:30");
    assert_eq!(serde_json::to_value(&route).unwrap(), body["result"]);
    let err = route.modified_at.timestamp().unwrap_err();
    assert!(
        err.to_string()
            .starts_with("`2025-06-12 09:15:30` is not an RFC 3339 date-time"),
        "{err}"
    );
    assert!(route.created_at.timestamp().is_ok());
}

#[tokio::test]
async fn with_response_exposes_the_status_and_headers() {
    let server = MockServer::start().await;
    let template = ResponseTemplate::new(201)
        .set_body_json(created())
        .insert_header("cf-ray", "8f00ba11-SJC");
    respond_always(&server, template).await;
    let (client, _) = client(&server);

    let response = create(&client).with_response().await.unwrap();

    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.cf_ray(), Some("8f00ba11-SJC"));
    assert_eq!(response.headers()["cf-ray"], "8f00ba11-SJC");
    assert_eq!(response.into_value().id, "id");
}

#[tokio::test]
async fn each_error_status_is_an_api_error_of_its_kind_with_the_servers_details() {
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
    ];
    let server = MockServer::start().await;
    let (client, _) = client(&server);
    for (status, kind) in cases {
        server.reset().await;
        let template = ResponseTemplate::new(status)
            .set_body_json(error_body(7003, "Could not route"))
            .insert_header("cf-ray", "ray-42");
        respond_always(&server, template).await;

        let err = create(&client).max_retries(0).await.unwrap_err();

        assert_eq!(err.status(), Some(StatusCode::from_u16(status).unwrap()));
        assert_eq!(err.api_kind(), Some(kind), "{status}");
        let api = err.as_api().unwrap();
        assert!(api.has_code(7003));
        assert_eq!(api.errors()[0].message, "Could not route");
        assert_eq!(
            api.errors()[0].extra["documentation_url"],
            "https://developers.cloudflare.com/x"
        );
        assert_eq!(api.messages()[0].message, "see the docs");
        assert_eq!(api.cf_ray(), Some("ray-42"));
        let text = err.to_string();
        assert!(
            text.contains(&status.to_string()) && text.contains("[7003] Could not route"),
            "{text}"
        );
        assert!(text.contains("ray-42"), "{text}");
    }
}

#[tokio::test]
async fn an_error_code_sent_as_text_is_read_and_shown_like_a_numeric_one() {
    let server = MockServer::start().await;
    let body = json!({
        "success": false,
        "errors": [{"code": "7003", "message": "Could not route"}, {"code": "E_LIMIT", "message": "Slow down"}],
        "messages": [],
        "result": null
    });
    respond_always(&server, ResponseTemplate::new(400).set_body_json(body)).await;
    let (client, _) = client(&server);

    let err = create(&client).await.unwrap_err();

    assert!(
        err.to_string().starts_with(
            "the API answered 400 Bad Request: [7003] Could not route; [E_LIMIT] Slow down"
        ),
        "{err}"
    );
    let api = err.as_api().unwrap();
    assert!(api.has_code(7003));
    let codes: Vec<_> = api
        .errors()
        .iter()
        .map(|error| error.code.clone().unwrap())
        .collect();
    assert_eq!(
        (codes[0].as_i64(), codes[0].as_str()),
        (Some(7003), Some("7003"))
    );
    assert_eq!(
        (codes[1].as_i64(), codes[1].as_str()),
        (None, Some("E_LIMIT"))
    );
    // What the server sent, text codes included, serializes back unchanged.
    assert_eq!(
        serde_json::to_value(api.errors()).unwrap(),
        json!([{"code": "7003", "message": "Could not route"}, {"code": "E_LIMIT", "message": "Slow down"}])
    );
}

#[tokio::test]
async fn not_found_and_unauthorized_messages_say_what_to_check() {
    let server = MockServer::start().await;
    let (client, _) = client(&server);
    for (status, advice) in [
        (404, "check the ids in the path"),
        (401, "check the API token"),
    ] {
        server.reset().await;
        respond_always(
            &server,
            ResponseTemplate::new(status).set_body_json(error_body(1, "x")),
        )
        .await;
        let text = create(&client).await.unwrap_err().to_string();
        assert!(text.contains(advice), "{text}");
    }
}

#[tokio::test]
async fn success_false_in_a_2xx_is_an_api_error() {
    let server = MockServer::start().await;
    respond_always(
        &server,
        ResponseTemplate::new(200).set_body_json(error_body(1001, "route is locked")),
    )
    .await;
    let (client, _) = client(&server);

    let err = create(&client).await.unwrap_err();

    assert_eq!(err.api_kind(), Some(ApiErrorKind::Unsuccessful));
    assert_eq!(err.as_api().unwrap().errors()[0].message, "route is locked");
    assert_eq!(received(&server).await.len(), 1, "a 2xx is never retried");
}

#[tokio::test]
async fn a_missing_or_null_result_is_a_decode_error() {
    let server = MockServer::start().await;
    let (client, _) = client(&server);
    for body in [
        json!({"success": true}),
        json!({"success": true, "result": null}),
    ] {
        server.reset().await;
        respond_always(&server, ResponseTemplate::new(200).set_body_json(body)).await;
        let err = create(&client).await.unwrap_err();
        let Error::Decode(decode) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(decode.status(), StatusCode::OK);
        assert!(
            decode.reason().contains("`result` is missing or null"),
            "{err}"
        );
    }
}

#[tokio::test]
async fn a_result_of_the_wrong_shape_is_a_decode_error_naming_the_field() {
    let server = MockServer::start().await;
    let mut body = created();
    body["result"]["elements"][0]["outputs"] = json!({});
    respond_always(&server, ResponseTemplate::new(200).set_body_json(body)).await;
    let (client, _) = client(&server);

    let err = create(&client).await.unwrap_err();

    let Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert!(decode.reason().starts_with("`result.elements[0]"), "{err}");
}

#[tokio::test]
async fn html_empty_and_malformed_2xx_bodies_are_decode_errors_with_an_excerpt() {
    let page = format!(
        "<!DOCTYPE html><html><body>{}</body></html>",
        "Checking your browser. ".repeat(100)
    );
    let cases = [
        (
            ResponseTemplate::new(200).set_body_raw(page.clone(), "text/html"),
            "HTML page",
        ),
        (ResponseTemplate::new(200), "body is empty"),
        (
            ResponseTemplate::new(200).set_body_raw(r#"{"result": {"id"#, "application/json"),
            "not valid JSON",
        ),
    ];
    let server = MockServer::start().await;
    let (client, _) = client(&server);
    for (template, reason) in cases {
        server.reset().await;
        respond_always(&server, template).await;
        let err = create(&client).await.unwrap_err();
        let Error::Decode(decode) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(decode.status(), StatusCode::OK);
        assert!(decode.reason().contains(reason), "{err}");
        assert!(
            decode.body_excerpt().len() <= cloudflare_sdk::EXCERPT_LIMIT + 3,
            "{err}"
        );
    }
    server.reset().await;
    respond_always(
        &server,
        ResponseTemplate::new(200).set_body_raw(page, "text/html"),
    )
    .await;
    let text = create(&client).await.unwrap_err().to_string();
    assert!(
        text.contains("<!DOCTYPE html><html><body>Checking your browser.") && text.ends_with("…\""),
        "{text}"
    );
}

#[tokio::test]
async fn an_html_error_page_is_an_api_error_with_the_status_and_an_excerpt() {
    let server = MockServer::start().await;
    let page = "<html><head><title>502 Bad Gateway</title></head></html>";
    respond_always(
        &server,
        ResponseTemplate::new(502).set_body_raw(page, "text/html"),
    )
    .await;
    let (client, _) = client(&server);

    let err = create(&client).max_retries(0).await.unwrap_err();

    assert_eq!(err.api_kind(), Some(ApiErrorKind::Server));
    assert_eq!(err.as_api().unwrap().body_excerpt(), Some(page));
    assert!(
        err.to_string().contains("502 Bad Gateway with body"),
        "{err}"
    );
}

// ---------------------------------------------------------------- retries

#[tokio::test]
async fn retryable_statuses_are_retried_twice_by_default() {
    let server = MockServer::start().await;
    let (client, delays) = client(&server);
    for status in [408, 409, 429, 500, 502, 503, 504, 520] {
        server.reset().await;
        respond_always(
            &server,
            ResponseTemplate::new(status).set_body_json(error_body(1, "try again")),
        )
        .await;
        let err = create(&client).await.unwrap_err();
        assert_eq!(err.status(), Some(StatusCode::from_u16(status).unwrap()));
        assert_eq!(received(&server).await.len(), 3, "status {status}");
    }
    assert_eq!(delays.taken().len(), 8 * 2);
}

#[tokio::test]
async fn other_client_errors_are_not_retried() {
    let server = MockServer::start().await;
    let (client, delays) = client(&server);
    for status in [400, 401, 403, 404, 405, 413, 422] {
        server.reset().await;
        respond_always(
            &server,
            ResponseTemplate::new(status).set_body_json(error_body(1, "no")),
        )
        .await;
        create(&client).await.unwrap_err();
        assert_eq!(received(&server).await.len(), 1, "status {status}");
    }
    assert!(delays.taken().is_empty());
}

#[tokio::test]
async fn a_retry_that_succeeds_returns_the_value_and_resends_the_same_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    respond_always(&server, ResponseTemplate::new(200).set_body_json(created())).await;
    let (client, delays) = client(&server);

    let version = create(&client).await.unwrap();

    assert_eq!(version.id, "id");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body, requests[1].body);
    assert_eq!(
        requests[1].body,
        serde_json::to_vec(&new_version()).unwrap()
    );
    assert_eq!(
        header(&requests[1], "authorization"),
        header(&requests[0], "authorization")
    );
    assert_eq!(delays.taken().len(), 1);
}

#[tokio::test]
async fn max_retries_is_configurable_per_client_and_per_call() {
    let server = MockServer::start().await;
    respond_always(&server, ResponseTemplate::new(500)).await;
    let (builder, _) = builder(&server);
    let client = builder.max_retries(4).build().unwrap();
    let mut counts = Vec::new();
    for call in [
        create(&client),
        create(&client).max_retries(0),
        create(&client).max_retries(1),
    ] {
        server.reset().await;
        respond_always(&server, ResponseTemplate::new(500)).await;
        call.await.unwrap_err();
        counts.push(received(&server).await.len());
    }
    assert_eq!(counts, [5, 1, 2]);
}

#[tokio::test]
async fn x_should_retry_overrides_the_status_rule() {
    let server = MockServer::start().await;
    let (client, _) = client(&server);
    let mut counts = Vec::new();
    for (status, should_retry) in [(400, "true"), (503, "false")] {
        server.reset().await;
        let template = ResponseTemplate::new(status).insert_header("x-should-retry", should_retry);
        respond_always(&server, template).await;
        create(&client).await.unwrap_err();
        counts.push(received(&server).await.len());
    }
    assert_eq!(counts, [3, 1]);
}

/// `Retry-After` as an HTTP date `ahead` from now, e.g. `Mon, 01 Jan 2024 00:00:10 GMT`.
///
/// Goes through the SDK's `DateTime` to reach a timestamp, since this test package does
/// not depend on a date crate itself.
fn http_date_in(ahead: Duration) -> String {
    let epoch: cloudflare_sdk::DateTime = "1970-01-01T00:00:00Z".parse().unwrap();
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let then = epoch
        .timestamp()
        .unwrap()
        .checked_add(since_epoch + ahead)
        .unwrap();
    then.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

#[tokio::test]
async fn retry_after_headers_set_the_delay_between_attempts() {
    let http_date = http_date_in(Duration::from_secs(10));
    let cases: [(&str, &str, f64, f64); 6] = [
        ("retry-after-ms", "1500", 1.5, 1.5),
        ("retry-after", "2", 2.0, 2.0),
        ("retry-after", "0.25", 0.25, 0.25),
        ("retry-after", &http_date, 8.0, 10.0),
        // Out of range: the computed backoff (0.5 s with jitter) applies instead.
        ("retry-after", "120", 0.375, 0.5),
        ("retry-after", "0", 0.375, 0.5),
    ];
    let server = MockServer::start().await;
    for (name, value, low, high) in cases {
        server.reset().await;
        respond_always(
            &server,
            ResponseTemplate::new(429).insert_header(name, value),
        )
        .await;
        let (client, delays) = client(&server);
        create(&client).max_retries(1).await.unwrap_err();
        let taken = delays.taken();
        assert_eq!(taken.len(), 1);
        let secs = taken[0].as_secs_f64();
        assert!((low..=high).contains(&secs), "{name}: {value} gave {secs}s");
    }
}

#[tokio::test]
async fn backoff_doubles_with_jitter_and_is_capped_at_eight_seconds() {
    let server = MockServer::start().await;
    respond_always(&server, ResponseTemplate::new(500)).await;
    let (client, delays) = client(&server);

    create(&client).max_retries(6).await.unwrap_err();

    let taken: Vec<f64> = delays.taken().iter().map(Duration::as_secs_f64).collect();
    let ceilings = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0];
    assert_eq!(taken.len(), ceilings.len());
    for (secs, ceiling) in taken.iter().zip(ceilings) {
        assert!((ceiling * 0.75..=ceiling).contains(secs), "{taken:?}");
    }
}

// ---------------------------------------------------------------- timeouts and connections

#[tokio::test]
async fn a_timeout_is_retried_and_then_reported() {
    let server = MockServer::start().await;
    respond_always(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(created())
            .set_delay(Duration::from_secs(2)),
    )
    .await;
    let (builder, delays) = builder(&server);
    let client = builder.timeout(Duration::from_millis(100)).build().unwrap();
    let started = Instant::now();

    let err = create(&client).await.unwrap_err();

    assert!(
        matches!(err, Error::Timeout { timeout, attempts: 3 } if timeout == Duration::from_millis(100)),
        "{err:?}"
    );
    assert_eq!(received(&server).await.len(), 3);
    assert_eq!(delays.taken().len(), 2);
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
    assert!(err.to_string().contains("Call::timeout"), "{err}");
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried_and_can_succeed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(created())
                .set_delay(Duration::from_secs(2)),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    respond_always(&server, ResponseTemplate::new(200).set_body_json(created())).await;
    let (client, _) = client(&server);

    let version = create(&client)
        .timeout(Duration::from_millis(100))
        .await
        .unwrap();

    assert_eq!(version.id, "id");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn the_call_timeout_overrides_the_client_timeout() {
    let server = MockServer::start().await;
    respond_always(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(created())
            .set_delay(Duration::from_millis(300)),
    )
    .await;
    let (builder, _) = builder(&server);
    let client = builder.timeout(Duration::from_millis(50)).build().unwrap();

    let slow_but_allowed = create(&client).timeout(Duration::from_secs(5)).await;
    let too_slow = create(&client).max_retries(0).await;

    assert_eq!(slow_but_allowed.unwrap().id, "id");
    assert!(
        matches!(too_slow, Err(Error::Timeout { attempts: 1, .. })),
        "{too_slow:?}"
    );
}

/// A URL on 127.0.0.1 where nothing listens: bind a port, then free it.
fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}/client/v4")
}

#[tokio::test]
async fn connection_refused_is_retried_then_a_connection_error() {
    let delays = Delays::default();
    let recorder = delays.clone();
    let url = closed_port_url();
    let client = Client::builder()
        .api_token(TOKEN)
        .base_url(&url)
        .sleep_with(move |delay| {
            recorder.0.lock().unwrap().push(delay);
            std::future::ready(())
        })
        .build()
        .unwrap();

    let err = create(&client).await.unwrap_err();

    let Error::Connection {
        target,
        attempts,
        cause,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        (target.as_str(), *attempts),
        (url.trim_end_matches("/client/v4"), 3)
    );
    assert!(!cause.is_empty());
    assert_eq!(delays.taken().len(), 2);
    let text = err.to_string();
    assert!(
        text.contains("cannot reach the API at http://127.0.0.1:") && text.contains("3 attempt"),
        "{text}"
    );
    assert!(std::error::Error::source(&err).is_some());
}

// ---------------------------------------------------------------- tracing events

/// One event as a subscriber saw it: level, target and every field as text.
#[derive(Debug)]
struct SeenEvent {
    level: tracing::Level,
    target: String,
    fields: std::collections::BTreeMap<String, String>,
}

impl SeenEvent {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

/// A `tracing` layer that keeps every event it sees.
#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<SeenEvent>>>);

/// Runs `future` with a subscriber that keeps every event, and returns them with the
/// output. The subscriber is this thread's default, and a `#[tokio::test]` runs the client
/// on the test's own thread.
async fn traced<T>(future: impl Future<Output = T>) -> (T, Vec<SeenEvent>) {
    use tracing_subscriber::layer::SubscriberExt;
    let seen = Seen::default();
    let output = {
        let subscriber = tracing_subscriber::registry().with(seen.clone());
        let _guard = tracing::subscriber::set_default(subscriber);
        future.await
    };
    let events = std::mem::take(&mut *seen.0.lock().unwrap());
    (output, events)
}

/// The events the SDK emitted, in order.
fn sdk_events(events: &[SeenEvent]) -> Vec<&SeenEvent> {
    events
        .iter()
        .filter(|event| event.target == "cloudflare_sdk")
        .collect()
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Seen {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        struct Fields(std::collections::BTreeMap<String, String>);
        impl tracing::field::Visit for Fields {
            fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
                self.0.insert(field.name().to_owned(), value.to_owned());
            }
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                self.0.insert(field.name().to_owned(), format!("{value:?}"));
            }
        }
        let mut fields = Fields(Default::default());
        event.record(&mut fields);
        self.0.lock().unwrap().push(SeenEvent {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields: fields.0,
        });
    }
}

const VERSIONS_TEMPLATE: &str =
    "/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes/{id}/versions";

#[tokio::test]
async fn attempts_redirects_and_retries_are_traced_without_secrets_or_ids() {
    let server = MockServer::start().await;
    let moved = format!("{BASE_PATH}/moved");
    Mock::given(path(versions_path()))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("cf-ray", "ray-503")
                .insert_header("retry-after", "2"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    redirect(&server, &versions_path(), 307, &moved).await;
    answer_at(
        &server,
        &moved,
        ResponseTemplate::new(200)
            .set_body_json(created())
            .insert_header("cf-ray", "ray-200"),
    )
    .await;
    let (builder, _) = builder(&server);
    let client = builder
        .default_header("x-secret-header", KEY)
        .build()
        .unwrap();

    let (result, events) = traced(create(&client).into_future()).await;

    result.unwrap();
    let ours = sdk_events(&events);
    let summary: Vec<_> = ours
        .iter()
        .map(|e| {
            (
                e.level,
                e.field("message"),
                e.field("attempt"),
                e.field("status"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                tracing::Level::DEBUG,
                Some("attempt answered"),
                Some("1"),
                Some("503")
            ),
            (tracing::Level::WARN, Some("retrying"), Some("1"), None),
            (
                tracing::Level::DEBUG,
                Some("following redirect"),
                Some("2"),
                Some("307")
            ),
            (
                tracing::Level::DEBUG,
                Some("attempt answered"),
                Some("2"),
                Some("200")
            ),
        ],
        "{ours:#?}"
    );
    for event in &ours {
        assert_eq!(event.field("method"), Some("POST"), "{event:?}");
        assert_eq!(event.field("path"), Some(VERSIONS_TEMPLATE), "{event:?}");
    }
    let (first, retry, last) = (ours[0], ours[1], ours[3]);
    assert_eq!(first.field("cf_ray"), Some("ray-503"));
    assert_eq!(last.field("cf_ray"), Some("ray-200"));
    assert!(first.field("elapsed").is_some() && last.field("elapsed").is_some());
    assert_eq!(retry.field("delay"), Some("2s"));
    assert_eq!(retry.field("reason"), Some("503 Service Unavailable"));
    assert_eq!(ours[2].field("hop"), Some("1"));
    // Nothing any event says, the SDK's or a dependency's, holds a secret or an id.
    for event in events.iter() {
        let text = format!("{event:?}");
        for secret in [TOKEN, KEY, ACCOUNT, "/moved"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}

#[tokio::test]
async fn a_failed_attempt_and_its_retry_are_traced_with_the_cause() {
    let url = closed_port_url();
    let client = Client::builder()
        .api_token(TOKEN)
        .base_url(&url)
        .sleep_with(|_| std::future::ready(()))
        .max_retries(1)
        .build()
        .unwrap();

    let (result, events) = traced(create(&client).into_future()).await;

    result.unwrap_err();
    let ours = sdk_events(&events);
    let messages: Vec<Option<&str>> = ours.iter().map(|e| e.field("message")).collect();
    assert_eq!(
        messages,
        [
            Some("attempt failed"),
            Some("retrying"),
            Some("attempt failed")
        ],
        "{ours:#?}"
    );
    let cause = ours[0].field("error").unwrap();
    assert!(
        cause.starts_with("connection failed: ") && cause.contains("refused"),
        "{cause}"
    );
    assert_eq!(ours[1].field("reason"), Some(cause));
    assert_eq!(ours[1].level, tracing::Level::WARN);
    assert!(events.iter().all(|e| !format!("{e:?}").contains(TOKEN)));
}
