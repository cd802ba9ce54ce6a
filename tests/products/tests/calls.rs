//! Operations of eight products of the whole schema (KV, D1, Queues, Hyperdrive,
//! Turnstile, R2, Vectorize, DNS), each called once against a local server with a recorded
//! exchange: the test checks the request the SDK sent (method, path, query, headers, JSON
//! body) and that the response it decoded serializes back to exactly what the server sent.

mod common;

use std::future::IntoFuture;

use cloudflare_sdk::{Client, Error};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::{ACCOUNT, BASE_PATH, TOKEN, ZONE, client};

/// One recorded exchange: what the SDK must send, and what the server answers (the
/// envelope's `result`).
struct Exchange {
    method: &'static str,
    path: String,
    query: Vec<(&'static str, &'static str)>,
    body: Option<Value>,
    result: Value,
}

impl Exchange {
    fn new(method: &'static str, path: String, result: Value) -> Self {
        Self {
            method,
            path,
            query: Vec::new(),
            body: None,
            result,
        }
    }

    fn query(mut self, query: &[(&'static str, &'static str)]) -> Self {
        self.query = query.to_vec();
        self
    }

    fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }
}

/// A value of `T` from JSON, as a user might read a request body from a file.
fn from_json<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("the recorded body fits its type")
}

async fn server_for(exchange: &Exchange) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(exchange.method))
        .and(path(format!("{BASE_PATH}{}", exchange.path)))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true,
            "errors": [],
            "messages": [],
            "result": exchange.result,
        })))
        .expect(1)
        .mount(&server)
        .await;
    server
}

/// Runs `call` against a server that answers `exchange`, then checks the request it
/// received and the decoded response; gives that response.
async fn check<T, C>(exchange: Exchange, call: impl FnOnce(&Client) -> C) -> T
where
    T: Serialize,
    C: IntoFuture<Output = Result<T, Error>>,
{
    let server = server_for(&exchange).await;
    let client = client(&server);
    let decoded = call(&client)
        .await
        .unwrap_or_else(|err| panic!("{} {}: {err}", exchange.method, exchange.path));
    let requests = server
        .received_requests()
        .await
        .expect("requests are recorded");
    let [request] = requests.as_slice() else {
        panic!("expected one request, got {}", requests.len());
    };
    assert_eq!(request.method.as_str(), exchange.method);
    assert_eq!(request.url.path(), format!("{BASE_PATH}{}", exchange.path));
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let expected: Vec<(String, String)> = exchange
        .query
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(query, expected, "query of {}", exchange.path);
    assert_eq!(
        request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok()),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    match &exchange.body {
        Some(body) => {
            assert_eq!(
                request
                    .headers
                    .get("content-type")
                    .and_then(|v| v.to_str().ok()),
                Some("application/json")
            );
            let sent: Value = serde_json::from_slice(&request.body).expect("a JSON body");
            assert_eq!(&sent, body, "body of {}", exchange.path);
        }
        None => assert!(request.body.is_empty(), "{} sent a body", exchange.path),
    }
    let roundtrip = serde_json::to_value(&decoded).expect("the response serializes");
    assert_eq!(roundtrip, exchange.result, "response of {}", exchange.path);
    decoded
}

fn namespace() -> Value {
    json!({"id": "0f2ac74b498b48028cb68387c421e279", "title": "My Own Namespace", "supports_url_encoding": true})
}

#[tokio::test]
async fn kv_namespaces_list_sends_its_query_and_decodes_namespaces() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/storage/kv/namespaces"),
        json!([namespace()]),
    )
    .query(&[("page", "2"), ("per_page", "20")]);
    check(exchange, |c| {
        let query = cloudflare_sdk::kv::namespaces::ListQuery::new()
            .with_page(2)
            .with_per_page(20);
        c.kv().namespaces().list(ACCOUNT, &query)
    })
    .await;
}

#[tokio::test]
async fn kv_namespaces_create_sends_the_title() {
    let body = json!({"title": "My Own Namespace"});
    let exchange = Exchange::new(
        "POST",
        format!("/accounts/{ACCOUNT}/storage/kv/namespaces"),
        namespace(),
    )
    .body(body.clone());
    check(exchange, |c| {
        c.kv().namespaces().create(
            ACCOUNT,
            &cloudflare_sdk::kv::CreateRenameNamespaceBody::new("My Own Namespace"),
        )
    })
    .await;
}

#[tokio::test]
async fn kv_namespaces_get_puts_the_id_in_the_path() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/storage/kv/namespaces/0f2ac74b"),
        namespace(),
    );
    check(exchange, |c| c.kv().namespaces().get(ACCOUNT, "0f2ac74b")).await;
}

#[tokio::test]
async fn kv_keys_list_keeps_free_form_metadata_and_unknown_fields() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/storage/kv/namespaces/0f2ac74b/keys"),
        json!([{
            "name": "My-Key",
            "expiration": 1577836800,
            "metadata": {"someMetadataKey": "someMetadataValue", "nested": [1, 2.5, null]},
            "added_later": {"by": "a newer API"}
        }]),
    )
    .query(&[("limit", "10"), ("prefix", "My-")]);
    check(exchange, |c| {
        let query = cloudflare_sdk::kv::namespaces::keys::ListQuery::new()
            .with_limit(10)
            .with_prefix("My-");
        c.kv().namespaces().keys().list(ACCOUNT, "0f2ac74b", &query)
    })
    .await;
}

fn database() -> Value {
    json!({
        "created_at": "2022-11-15T18:25:44.442097Z",
        "name": "my-database",
        "uuid": "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
        "version": "production"
    })
}

#[tokio::test]
async fn d1_database_list_filters_by_name() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/d1/database"),
        json!([database()]),
    )
    .query(&[("name", "my-database")]);
    check(exchange, |c| {
        let query = cloudflare_sdk::d1::database::ListQuery::new().with_name("my-database");
        c.d1().database().list(ACCOUNT, &query)
    })
    .await;
}

#[tokio::test]
async fn d1_database_get_decodes_sizes_exactly() {
    let mut details = database();
    details["file_size"] = json!(12);
    details["num_tables"] = json!(12);
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/d1/database/xxxxxxxx"),
        details,
    );
    check(exchange, |c| c.d1().database().get(ACCOUNT, "xxxxxxxx")).await;
}

#[tokio::test]
async fn d1_query_sends_sql_and_params_and_decodes_rows_of_any_shape() {
    let body = json!({"sql": "SELECT * FROM myTable WHERE field = ? OR field = ?;", "params": ["firstParam", "secondParam"]});
    let exchange = Exchange::new(
        "POST",
        format!("/accounts/{ACCOUNT}/d1/database/xxxxxxxx/query"),
        json!([{
            "meta": {"changed_db": false, "changes": 0, "duration": 0.2541, "last_row_id": 0, "rows_read": 2, "rows_written": 0, "size_after": 8192},
            "results": [{"field": "firstParam", "n": 1}, {"field": "secondParam", "n": 2.5}],
            "success": true
        }]),
    )
    .body(body.clone());
    check(exchange, |c| {
        c.d1()
            .database()
            .query(ACCOUNT, "xxxxxxxx", &from_json(body.clone()))
    })
    .await;
}

fn queue() -> Value {
    json!({
        // The schema declares both free-form objects (a map of anything), not lists.
        "consumers": {},
        "consumers_total_count": 0,
        "created_on": "2024-01-01T00:00:00Z",
        "modified_on": "2024-01-01T00:00:00Z",
        "producers": {"script": "my-producer", "type": "worker"},
        "producers_total_count": 1,
        "queue_id": "525d0fb1",
        "queue_name": "example-queue"
    })
}

#[tokio::test]
async fn queues_list_decodes_each_queue() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/queues"),
        json!([queue()]),
    );
    check(exchange, |c| c.queues().list(ACCOUNT)).await;
}

#[tokio::test]
async fn queues_get_puts_the_queue_in_the_path() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/queues/525d0fb1"),
        queue(),
    );
    check(exchange, |c| c.queues().get(ACCOUNT, "525d0fb1")).await;
}

#[tokio::test]
async fn queues_delete_gives_none_for_a_null_result_and_the_list_otherwise() {
    for (result, expected) in [(json!(null), None), (json!([]), Some(Vec::new()))] {
        let exchange = Exchange::new(
            "DELETE",
            format!("/accounts/{ACCOUNT}/queues/525d0fb1"),
            result,
        );
        let got = check(exchange, |c| c.queues().delete(ACCOUNT, "525d0fb1")).await;
        assert_eq!(got, expected);
    }
}

#[tokio::test]
async fn queues_ack_sends_acks_and_retries() {
    let body = json!({"acks": [{"lease_id": "lease-1"}], "retries": [{"lease_id": "lease-2", "delay_seconds": 10}]});
    let exchange = Exchange::new(
        "POST",
        format!("/accounts/{ACCOUNT}/queues/525d0fb1/messages/ack"),
        json!({"ackCount": 1, "retryCount": 1, "warnings": []}),
    )
    .body(body.clone());
    check(exchange, |c| {
        c.queues()
            .messages()
            .ack(ACCOUNT, "525d0fb1", &from_json(body.clone()))
    })
    .await;
}

fn hyperdrive() -> Value {
    json!({
        "id": "d6bf5ae0",
        "name": "example-hyperdrive",
        "caching": {"disabled": false, "max_age": 60, "stale_while_revalidate": 15},
        "origin": {"database": "postgres", "host": "database.example.com", "port": 5432, "scheme": "postgres", "user": "postgres"}
    })
}

#[tokio::test]
async fn hyperdrive_configs_list_decodes_origins() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/hyperdrive/configs"),
        json!([hyperdrive()]),
    );
    check(exchange, |c| c.hyperdrive().configs().list(ACCOUNT)).await;
}

#[tokio::test]
async fn hyperdrive_configs_get_puts_the_config_in_the_path() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/hyperdrive/configs/d6bf5ae0"),
        hyperdrive(),
    );
    check(exchange, |c| {
        c.hyperdrive().configs().get(ACCOUNT, "d6bf5ae0")
    })
    .await;
}

#[tokio::test]
async fn hyperdrive_configs_delete_sends_no_body_and_keeps_any_result() {
    let exchange = Exchange::new(
        "DELETE",
        format!("/accounts/{ACCOUNT}/hyperdrive/configs/d6bf5ae0"),
        json!(null),
    );
    check(exchange, |c| {
        c.hyperdrive().configs().delete(ACCOUNT, "d6bf5ae0")
    })
    .await;
}

fn widget() -> Value {
    json!({
        "sitekey": "0x4AAF00AAAABn0R22HWm-YUc",
        "created_on": "2014-01-01T05:20:00.123123Z",
        "modified_on": "2014-01-01T05:20:00.123123Z",
        "name": "blog.cloudflare.com login form",
        "domains": ["203.0.113.1", "cloudflare.com"],
        "mode": "invisible",
        "region": "world",
        "bot_fight_mode": false,
        "offlabel": false,
        "clearance_level": "interactive"
    })
}

#[tokio::test]
async fn turnstile_widgets_list_sends_per_page_and_decodes_enums() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/challenges/widgets"),
        json!([widget()]),
    )
    .query(&[("per_page", "5")]);
    check(exchange, |c| {
        let query = cloudflare_sdk::turnstile::widgets::ListQuery::new().with_per_page(5);
        c.turnstile().widgets().list(ACCOUNT, &query)
    })
    .await;
}

#[tokio::test]
async fn turnstile_widgets_get_keeps_an_enum_value_the_sdk_does_not_know() {
    let mut detail = widget();
    detail["secret"] = json!("0x4AAF00AAAABn0R22HWm098HVBjhdsYUc");
    detail["mode"] = json!("a-mode-added-later");
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/challenges/widgets/0x4AAF00AAAABn0R22HWm-YUc"),
        detail,
    );
    check(exchange, |c| {
        c.turnstile()
            .widgets()
            .get(ACCOUNT, "0x4AAF00AAAABn0R22HWm-YUc")
    })
    .await;
}

fn bucket() -> Value {
    json!({"creation_date": "2024-08-06T00:00:00Z", "location": "wnam", "name": "example-bucket", "storage_class": "Standard"})
}

#[tokio::test]
async fn r2_buckets_list_sends_filters() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/r2/buckets"),
        json!([bucket()]),
    )
    .query(&[("name_contains", "example"), ("per_page", "10")]);
    check(exchange, |c| {
        let query = cloudflare_sdk::r2::buckets::ListQuery::new()
            .with_name_contains("example")
            .with_per_page(10);
        c.r2().buckets().list(ACCOUNT, &query)
    })
    .await;
}

#[tokio::test]
async fn r2_buckets_create_sends_the_location_hint() {
    let body =
        json!({"name": "example-bucket", "locationHint": "wnam", "storageClass": "Standard"});
    let exchange = Exchange::new("POST", format!("/accounts/{ACCOUNT}/r2/buckets"), bucket())
        .body(body.clone());
    check(exchange, |c| {
        c.r2().buckets().create(ACCOUNT, &from_json(body.clone()))
    })
    .await;
}

#[tokio::test]
async fn r2_buckets_get_puts_the_bucket_in_the_path() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/r2/buckets/example-bucket"),
        bucket(),
    );
    check(exchange, |c| {
        c.r2().buckets().get(ACCOUNT, "example-bucket")
    })
    .await;
}

#[tokio::test]
async fn vectorize_indexes_get_decodes_the_config() {
    let exchange = Exchange::new(
        "GET",
        format!("/accounts/{ACCOUNT}/vectorize/v2/indexes/example-index"),
        json!({
            "config": {"dimensions": 768, "metric": "cosine"},
            "created_on": "2024-08-06T00:00:00Z",
            "description": "This is my example index.",
            "modified_on": "2024-08-06T00:00:00Z",
            "name": "example-index"
        }),
    );
    check(exchange, |c| {
        c.vectorize().indexes().get(ACCOUNT, "example-index")
    })
    .await;
}

fn record() -> Value {
    json!({
        "type": "A",
        "name": "example.com",
        "content": "198.51.100.4",
        "proxied": false,
        "comment": "Domain verification record",
        "created_on": "2014-01-01T05:20:00.12345Z",
        "id": "023e105f4ecef8ad9ca31a8372d0c353",
        "meta": {"auto_added": true, "source": "primary"},
        "modified_on": "2014-01-01T05:20:00.12345Z",
        "proxiable": true,
        "tags": ["owner:dns-team"],
        "ttl": 3600
    })
}

#[tokio::test]
async fn dns_records_list_sends_dotted_query_names() {
    let exchange = Exchange::new(
        "GET",
        format!("/zones/{ZONE}/dns_records"),
        json!([record()]),
    )
    .query(&[("name", "example.com"), ("per_page", "5")]);
    check(exchange, |c| {
        let query = cloudflare_sdk::dns::records::ListQuery::new()
            .with_name("example.com")
            .with_per_page(5);
        c.dns().records().list(ZONE, &query)
    })
    .await;
}

#[tokio::test]
async fn dns_records_get_decodes_a_record_of_the_a_type() {
    let exchange = Exchange::new(
        "GET",
        format!("/zones/{ZONE}/dns_records/023e105f"),
        record(),
    );
    check(exchange, |c| c.dns().records().get(ZONE, "023e105f")).await;
}

#[tokio::test]
async fn dns_records_create_sends_the_record_as_written() {
    let body = json!({"type": "A", "name": "example.com", "content": "198.51.100.4", "proxied": false, "ttl": 3600});
    let exchange =
        Exchange::new("POST", format!("/zones/{ZONE}/dns_records"), record()).body(body.clone());
    check(exchange, |c| {
        c.dns().records().create(ZONE, &from_json(body.clone()))
    })
    .await;
}
