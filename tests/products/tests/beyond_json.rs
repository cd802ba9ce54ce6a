//! Operations of the whole schema whose requests or responses are not one JSON envelope,
//! called against a local server: a raw-bytes response (KV's value), a text response (DNS's
//! zone-file export), a multipart form body (KV's value with metadata), and the pages of a
//! list (KV's namespaces, fetched page after page until `result_info` says it is the last).

mod common;

use futures_util::TryStreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use common::{ACCOUNT, BASE_PATH, ZONE, client};

fn envelope(result: Value, result_info: Value) -> Value {
    json!({"success": true, "errors": [], "messages": [], "result": result, "result_info": result_info})
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn kv_value_get_gives_the_bytes_and_media_type_the_server_sent() {
    let server = MockServer::start().await;
    let value: Vec<u8> = vec![0, 159, 146, 150, 255, b'\n'];
    let key_path =
        format!("{BASE_PATH}/accounts/{ACCOUNT}/storage/kv/namespaces/ns1/values/a%2Fkey");
    Mock::given(method("GET"))
        .and(path(key_path.as_str()))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(value.clone(), "application/octet-stream"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let got = client(&server)
        .kv()
        .namespaces()
        .values()
        .get(ACCOUNT, "ns1", "a/key")
        .await
        .expect("the value");

    assert_eq!(got.bytes(), value.as_slice());
    assert_eq!(got.media_type(), Some("application/octet-stream"));
    assert_eq!(only_request(&server).await.url.path(), key_path);
}

#[tokio::test]
async fn dns_records_export_gives_the_zone_file_as_text() {
    let server = MockServer::start().await;
    let zone_file = "example.com.\t3600\tIN\tA\t192.0.2.1\n; ünïcode comment\n";
    Mock::given(method("GET"))
        .and(path(format!("{BASE_PATH}/zones/{ZONE}/dns_records/export")))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(zone_file, "text/plain; charset=utf-8"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let got = client(&server)
        .dns()
        .records()
        .export()
        .list(ZONE)
        .await
        .expect("the zone file");

    assert_eq!(got.as_str(), zone_file);
    assert_eq!(got.media_type(), Some("text/plain; charset=utf-8"));
}

#[tokio::test]
async fn kv_value_update_sends_a_multipart_form_with_a_part_per_field() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(format!(
            "{BASE_PATH}/accounts/{ACCOUNT}/storage/kv/namespaces/ns1/values/key"
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!({}), Value::Null)))
        .expect(1)
        .mount(&server)
        .await;

    let body = cloudflare_sdk::kv::ValuesUpdateBody::new("the stored value", r#"{"owner":"me"}"#);
    let answer = client(&server)
        .kv()
        .namespaces()
        .values()
        .update(ACCOUNT, "ns1", "key", &body)
        .await
        .expect("written");
    assert_eq!(answer, json!({}));

    let request = only_request(&server).await;
    let content_type = header(&request, "content-type").expect("a content type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not a form: {content_type}"));
    let sent = String::from_utf8(request.body.clone()).expect("text parts");
    let parts: Vec<&str> = sent
        .split(&format!("--{boundary}"))
        .map(str::trim)
        .filter(|part| !part.is_empty() && *part != "--")
        .collect();
    assert_eq!(parts.len(), 2, "{sent}");
    assert!(
        parts[0].starts_with(r#"Content-Disposition: form-data; name="value""#),
        "{sent}"
    );
    assert!(parts[0].ends_with("\r\n\r\nthe stored value"), "{sent}");
    assert!(
        parts[1].starts_with(r#"Content-Disposition: form-data; name="metadata""#),
        "{sent}"
    );
    assert!(parts[1].ends_with("\r\n\r\n{\"owner\":\"me\"}"), "{sent}");
}

#[tokio::test]
async fn kv_namespaces_list_stream_fetches_every_page_and_stops_at_the_last() {
    let server = MockServer::start().await;
    let namespaces_path = format!("{BASE_PATH}/accounts/{ACCOUNT}/storage/kv/namespaces");
    let namespace = |id: &str| json!({"id": id, "title": format!("Namespace {id}")});
    for (page, ids) in [("1", vec!["a", "b"]), ("2", vec!["c"])] {
        let items: Vec<Value> = ids.into_iter().map(namespace).collect();
        Mock::given(method("GET"))
            .and(path(namespaces_path.as_str()))
            .and(query_param("page", page))
            .and(query_param("per_page", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(envelope(
                json!(items),
                json!({"page": page.parse::<i64>().unwrap(), "per_page": 2, "count": items.len(), "total_count": 3, "total_pages": 2}),
            )))
            .expect(1)
            .mount(&server)
            .await;
    }

    let query = cloudflare_sdk::kv::namespaces::ListQuery::new().with_per_page(2);
    let client = client(&server);
    let all: Vec<_> = client
        .kv()
        .namespaces()
        .list_stream(ACCOUNT, &query)
        .try_collect()
        .await
        .expect("every page");

    let ids: Vec<&str> = all.iter().map(|namespace| namespace.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 2, "no request after the last page");
}
