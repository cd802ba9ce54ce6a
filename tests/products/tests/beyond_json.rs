//! Operations of the whole schema beyond a JSON body in and a JSON envelope out, called
//! against a local server: a raw-bytes response (KV's value), a text response (DNS's
//! zone-file export), multipart form bodies (KV's value with metadata; a Worker's modules,
//! in parts named by the caller, with its metadata), an NDJSON file body
//! (Vectorize's insert), header parameters (Stream's copy), values of an untagged union
//! (D1's raw rows), and the pages of a list (KV's namespaces, fetched page after page until
//! `result_info` says it is the last).

mod common;

use futures_util::TryStreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header as header_is, method, path, query_param};
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

/// The parts of a multipart body, each as its headers and its content.
fn form_parts(request: &Request) -> Vec<(String, Vec<u8>)> {
    let content_type = header(request, "content-type").expect("a content type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not a form: {content_type}"));
    let delimiter = format!("\r\n--{boundary}");
    // Every part starts after a delimiter; the body starts with one without the line break.
    let body = [b"\r\n".as_slice(), &request.body].concat();
    let text = String::from_utf8_lossy(&body);
    let mut parts: Vec<&str> = text.split(delimiter.as_str()).skip(1).collect();
    assert_eq!(
        parts.pop(),
        Some("--\r\n"),
        "the form ends with the closing delimiter"
    );
    parts
        .into_iter()
        .map(|part| {
            let part = part
                .strip_prefix("\r\n")
                .expect("a line break after the delimiter");
            let (headers, content) = part.split_once("\r\n\r\n").expect("headers, then content");
            (headers.to_owned(), content.as_bytes().to_vec())
        })
        .collect()
}

#[tokio::test]
async fn workers_script_upload_sends_each_module_in_a_part_named_by_the_caller_and_the_metadata_as_json()
 {
    use cloudflare_sdk::workers::scripts::UpdateQuery;
    use cloudflare_sdk::{Binary, ScriptsUpdateBody, ScriptsUpdateBodyMetadata};

    let server = MockServer::start().await;
    let script_path = format!("{BASE_PATH}/accounts/{ACCOUNT}/workers/scripts/my-worker");
    let uploaded = json!({
        "id": "my-worker",
        "etag": "777f24a43bef5f69",
        "handlers": ["fetch"],
        "created_on": "2022-05-05T05:15:11.602148Z",
        "modified_on": "2022-05-20T19:02:56.446492Z",
        "startup_time_ms": 10,
        "usage_model": "bundled"
    });
    Mock::given(method("PUT"))
        .and(path(script_path.as_str()))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(envelope(uploaded.clone(), Value::Null)),
        )
        .expect(1)
        .mount(&server)
        .await;

    let main = "export default { fetch() { return new Response(\"OK\"); } };";
    let helper = "export const answer = 42;";
    let body = ScriptsUpdateBody::new()
        .with_parts([
            (
                "worker.js".to_owned(),
                vec![
                    Binary::new(main.as_bytes().to_vec())
                        .with_file_name("worker.js")
                        .with_media_type("application/javascript+module"),
                ],
            ),
            (
                "lib/answer.js".to_owned(),
                vec![
                    Binary::new(helper.as_bytes().to_vec())
                        .with_media_type("text/javascript+module"),
                ],
            ),
        ])
        .with_metadata(
            ScriptsUpdateBodyMetadata::new()
                .with_main_module("worker.js")
                .with_compatibility_date("2024-08-01"),
        );
    let got = client(&server)
        .workers()
        .scripts()
        .update(ACCOUNT, "my-worker", &UpdateQuery::new(), &body)
        .await
        .expect("uploaded");

    assert_eq!(got.id.as_deref(), Some("my-worker"));
    assert_eq!(got.startup_time_ms, Some(10));
    assert_eq!(got.usage_model.as_deref(), Some("bundled"));
    assert_eq!(
        got.unknown_fields.get("handlers"),
        Some(&json!(["fetch"])),
        "a field the schema does not declare is kept"
    );

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), script_path);
    assert_eq!(
        request.url.query(),
        None,
        "an unset query parameter is not sent"
    );
    let parts = form_parts(&request);
    let headers: Vec<&str> = parts.iter().map(|(headers, _)| headers.as_str()).collect();
    // The map's parts in key order, then the metadata; a module without a file name
    // is sent under its part name.
    assert_eq!(
        headers,
        [
            "Content-Disposition: form-data; name=\"lib/answer.js\"; filename=\"lib/answer.js\"\r\nContent-Type: text/javascript+module",
            "Content-Disposition: form-data; name=\"worker.js\"; filename=\"worker.js\"\r\nContent-Type: application/javascript+module",
            "Content-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json",
        ]
    );
    assert_eq!(parts[0].1, helper.as_bytes());
    assert_eq!(parts[1].1, main.as_bytes());
    let metadata: Value = serde_json::from_slice(&parts[2].1).expect("JSON metadata");
    assert_eq!(
        metadata,
        json!({"main_module": "worker.js", "compatibility_date": "2024-08-01"})
    );
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

#[tokio::test]
async fn vectorize_insert_sends_the_ndjson_file_as_given_with_its_media_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!(
            "{BASE_PATH}/accounts/{ACCOUNT}/vectorize/v2/indexes/idx/insert"
        )))
        .and(query_param("unparsable-behavior", "discard"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(json!({"mutationId": "m-1"}), Value::Null)),
        )
        .expect(1)
        .mount(&server)
        .await;

    let lines = "{\"id\":\"a\",\"values\":[0.5,1]}\n{\"id\":\"b\",\"values\":[2,3.25]}\n";
    let query = cloudflare_sdk::vectorize::indexes::InsertQuery::default()
        .with_unparsable_behavior(cloudflare_sdk::vectorize::UnparsableBehavior::Discard);
    let answer = client(&server)
        .vectorize()
        .indexes()
        .insert(
            ACCOUNT,
            "idx",
            &query,
            &cloudflare_sdk::Binary::new(lines.as_bytes().to_vec()),
        )
        .await
        .expect("inserted");
    assert_eq!(
        serde_json::to_value(&answer).unwrap(),
        json!({"mutationId": "m-1"})
    );

    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-ndjson")
    );
    assert_eq!(request.body, lines.as_bytes(), "the lines, byte for byte");
}

#[tokio::test]
async fn stream_copy_sends_the_header_parameters_that_are_set_and_no_others() {
    let server = MockServer::start().await;
    let video = json!({"uid": "v-1", "creator": "creator-42", "allowedOrigins": ["example.com"]});
    Mock::given(method("POST"))
        .and(path(format!("{BASE_PATH}/accounts/{ACCOUNT}/stream/copy")))
        .and(header_is("Upload-Creator", "creator-42"))
        .and(body_json(json!({"url": "https://example.com/video.mp4"})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(envelope(video.clone(), Value::Null)),
        )
        .expect(1)
        .mount(&server)
        .await;

    let headers = cloudflare_sdk::stream::copy_api::CreateHeaders::default()
        .with_upload_creator("creator-42");
    let body = cloudflare_sdk::stream::VideoCopyRequest::new("https://example.com/video.mp4");
    let got = client(&server)
        .stream()
        .copy_api()
        .create(ACCOUNT, &headers, &body)
        .await
        .expect("the video");
    assert_eq!(serde_json::to_value(&got).unwrap(), video, "lossless");

    let request = only_request(&server).await;
    assert_eq!(header(&request, "upload-creator"), Some("creator-42"));
    assert_eq!(
        header(&request, "upload-metadata"),
        None,
        "an unset header is not sent"
    );
    assert!(
        request.url.query().is_none(),
        "headers are not query parameters"
    );
}

#[tokio::test]
async fn d1_raw_rows_decode_each_value_as_the_first_variant_it_fits_and_keep_the_rest() {
    use cloudflare_sdk::d1::Row;

    let server = MockServer::start().await;
    let result = json!([{
        "results": {
            "columns": ["name", "score", "extra", "active", "deleted_at"],
            "rows": [["ada", 12.5, {"tags": ["x"]}, true, null]]
        },
        "success": true
    }]);
    Mock::given(method("POST"))
        .and(path(format!(
            "{BASE_PATH}/accounts/{ACCOUNT}/d1/database/db1/raw"
        )))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(envelope(result.clone(), Value::Null)),
        )
        .expect(1)
        .mount(&server)
        .await;

    let body = cloudflare_sdk::d1::DatabaseQueryBody::new("SELECT * FROM people;");
    let got = client(&server)
        .d1()
        .database()
        .raw(ACCOUNT, "db1", &body)
        .await
        .expect("the rows");

    let rows = got[0]
        .results
        .as_ref()
        .and_then(|r| r.rows.as_ref())
        .expect("rows");
    let row = &rows[0];
    assert!(
        matches!(&row[0], Row::String(name) if name == "ada"),
        "{row:?}"
    );
    assert!(
        matches!(&row[1], Row::Number(score) if score.to_string() == "12.5"),
        "{row:?}"
    );
    assert!(
        matches!(&row[2], Row::Object(extra) if extra["tags"] == json!(["x"])),
        "{row:?}"
    );
    // A boolean and a null fit none of the three shapes the schema gives: kept as sent.
    assert!(matches!(&row[3], Row::Unknown(_)), "{row:?}");
    assert!(matches!(&row[4], Row::Unknown(_)), "{row:?}");
    assert_eq!(serde_json::to_value(&got).unwrap(), result, "lossless");
}
