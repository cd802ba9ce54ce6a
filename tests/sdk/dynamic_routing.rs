//! Every dynamic-routing operation against a real HTTP server on 127.0.0.1: the request the
//! server receives (method, path, query, body) and the typed response, which must give back
//! exactly the JSON the server sent.

use cloudflare_sdk::ai_gateway::dynamic_routing::ListQuery;
use cloudflare_sdk::{
    Active, Client, CreateDeployment, CreateRoute, CreateRouteVersion, ElementRef, Error, Route,
    StartElement, StartOutputs, UpdateRoute,
};
use futures_util::StreamExt;
use serde::Serialize;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const ACCOUNT: &str = "0d37909e38d3e99c29fa2cd343ac421a";
const GATEWAY: &str = "my-gateway";
const ROUTE: &str = "54442216";
const ROUTES: &str =
    "/accounts/0d37909e38d3e99c29fa2cd343ac421a/ai-gateway/gateways/my-gateway/routes";

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/responses/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// A server that answers any request with the fixture `name`, and a client for it.
async fn serve(name: &str) -> (MockServer, Client, Value) {
    let server = MockServer::start().await;
    let body = fixture(name);
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_token("token")
        .base_url(server.uri())
        .build()
        .unwrap();
    (server, client, body)
}

async fn the_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "exactly one request is sent");
    requests.remove(0)
}

fn json_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
}

/// The typed value serializes back to exactly what the server sent in `envelope`.
fn assert_lossless(value: &impl Serialize, fixture: &Value, envelope: &str) {
    assert_eq!(serde_json::to_value(value).unwrap(), fixture[envelope]);
}

fn start_only() -> Vec<cloudflare_sdk::Element> {
    vec![StartElement::new("start", StartOutputs::new(ElementRef::new("end"))).into()]
}

#[tokio::test]
async fn list_gets_the_routes_path_with_page_query_and_unwraps_the_data_page() {
    let (server, client, body) = serve("list").await;
    let query = ListQuery::default().with_page(2).with_per_page(50);
    let page = client
        .ai_gateway()
        .dynamic_routing()
        .list(ACCOUNT, GATEWAY, &query)
        .await
        .unwrap();
    let request = the_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), ROUTES);
    assert_eq!(request.url.query(), Some("page=2&per_page=50"));
    assert!(request.body.is_empty());
    assert_eq!(page.routes[0].account_tag.as_deref(), Some(ACCOUNT));
    assert_eq!(
        page.routes[0].version.as_ref().unwrap().active,
        Active::True
    );
    assert_lossless(&page, &body, "data");
}

#[tokio::test]
async fn list_without_query_parameters_sends_no_query_string() {
    let (server, client, _) = serve("list").await;
    client
        .ai_gateway()
        .dynamic_routing()
        .list(ACCOUNT, GATEWAY, &ListQuery::default())
        .await
        .unwrap();
    assert_eq!(the_request(&server).await.url.query(), None);
}

#[tokio::test]
async fn create_posts_name_and_elements_to_the_routes_path() {
    let (server, client, body) = serve("create").await;
    let route = client
        .ai_gateway()
        .dynamic_routing()
        .create(
            ACCOUNT,
            GATEWAY,
            &CreateRoute::new("support-bot", start_only()),
        )
        .await
        .unwrap();
    let request = the_request(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("POST", ROUTES)
    );
    assert_eq!(
        json_body(&request),
        json!({"name": "support-bot", "elements": [{"type": "start", "id": "start", "outputs": {"next": {"elementId": "end"}}}]})
    );
    assert_eq!(route.deployment.as_ref().unwrap().version_id, "v-0002");
    assert_lossless(&route, &body, "result");
}

#[tokio::test]
async fn get_reads_one_route() {
    let (server, client, body) = serve("get").await;
    let route = client
        .ai_gateway()
        .dynamic_routing()
        .get(ACCOUNT, GATEWAY, ROUTE)
        .await
        .unwrap();
    let request = the_request(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("GET", format!("{ROUTES}/{ROUTE}").as_str())
    );
    assert!(request.body.is_empty());
    assert_eq!(route.elements.len(), 6);
    assert_lossless(&route, &body, "result");
}

#[tokio::test]
async fn update_patches_the_name_and_unwraps_the_route_envelope() {
    let (server, client, body) = serve("update").await;
    let route = client
        .ai_gateway()
        .dynamic_routing()
        .update(ACCOUNT, GATEWAY, ROUTE, &UpdateRoute::new("support-bot-v2"))
        .await
        .unwrap();
    let request = the_request(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("PATCH", format!("{ROUTES}/{ROUTE}").as_str())
    );
    assert_eq!(json_body(&request), json!({"name": "support-bot-v2"}));
    assert_eq!(route.name, "support-bot-v2");
    assert_lossless(&route, &body, "route");
}

#[tokio::test]
async fn delete_deletes_the_route_and_returns_it() {
    let (server, client, body) = serve("delete").await;
    let route = client
        .ai_gateway()
        .dynamic_routing()
        .delete(ACCOUNT, GATEWAY, ROUTE)
        .await
        .unwrap();
    let request = the_request(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("DELETE", format!("{ROUTES}/{ROUTE}").as_str())
    );
    assert!(request.body.is_empty());
    assert_eq!((&route.deployment, &route.version), (&None, &None));
    assert_lossless(&route, &body, "result");
}

#[tokio::test]
async fn list_deployments_gets_the_deployments_page() {
    let (server, client, body) = serve("list_deployments").await;
    let page = client
        .ai_gateway()
        .dynamic_routing()
        .list_deployments(ACCOUNT, GATEWAY, ROUTE)
        .await
        .unwrap();
    let request = the_request(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("GET", format!("{ROUTES}/{ROUTE}/deployments").as_str())
    );
    assert_eq!(page.deployments.len(), 2);
    assert_lossless(&page, &body, "data");
}

#[tokio::test]
async fn create_deployment_posts_the_version_to_deploy() {
    let (server, client, body) = serve("create_deployment").await;
    let route = client
        .ai_gateway()
        .dynamic_routing()
        .create_deployment(ACCOUNT, GATEWAY, ROUTE, &CreateDeployment::new("v-0002"))
        .await
        .unwrap();
    let request = the_request(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("POST", format!("{ROUTES}/{ROUTE}/deployments").as_str())
    );
    assert_eq!(json_body(&request), json!({"version_id": "v-0002"}));
    assert_lossless(&route, &body, "result");
}

#[tokio::test]
async fn list_versions_gets_the_versions_page_with_string_booleans() {
    let (server, client, body) = serve("list_versions").await;
    let page = client
        .ai_gateway()
        .dynamic_routing()
        .list_versions(ACCOUNT, GATEWAY, ROUTE)
        .await
        .unwrap();
    let request = the_request(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("GET", format!("{ROUTES}/{ROUTE}/versions").as_str())
    );
    let active: Vec<&Active> = page.versions.iter().map(|v| &v.active).collect();
    assert_eq!(active, [&Active::True, &Active::False]);
    assert_eq!(page.versions[1].is_valid, None);
    assert_lossless(&page, &body, "data");
}

#[tokio::test]
async fn create_version_posts_the_elements_to_the_versions_path() {
    let (server, client, body) = serve("create_version").await;
    let route = client
        .ai_gateway()
        .dynamic_routing()
        .create_version(
            ACCOUNT,
            GATEWAY,
            ROUTE,
            &CreateRouteVersion::new(start_only()),
        )
        .await
        .unwrap();
    let request = the_request(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("POST", format!("{ROUTES}/{ROUTE}/versions").as_str())
    );
    assert_eq!(json_body(&request)["elements"][0]["type"], "start");
    assert_lossless(&route, &body, "result");
}

#[tokio::test]
async fn get_version_reads_the_route_at_one_version() {
    let (server, client, body) = serve("get_version").await;
    let version = client
        .ai_gateway()
        .dynamic_routing()
        .get_version(ACCOUNT, GATEWAY, ROUTE, "v-0002")
        .await
        .unwrap();
    let request = the_request(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("GET", format!("{ROUTES}/{ROUTE}/versions/v-0002").as_str())
    );
    assert_eq!(
        version.created_at, "2025-03-02 10:14:59",
        "a plain-string timestamp stays a string"
    );
    assert_eq!(version.modified_at.as_str(), "2025-03-02T10:15:00.123Z");
    assert_lossless(&version, &body, "result");
}

/// A page of `count` routes named `{page}-{index}`, as the server sends it.
fn routes_page(page: u32, count: u32) -> Value {
    let template = fixture("delete")["result"].clone();
    let routes: Vec<Value> = (0..count)
        .map(|index| {
            let mut route = template.clone();
            route["id"] = json!(format!("{page}-{index}"));
            route
        })
        .collect();
    json!({"success": true, "data": {"routes": routes, "page": page, "per_page": 2, "order_by": "created_at", "order_by_direction": "asc"}})
}

async fn serve_pages(pages: &[(u32, ResponseTemplate)]) -> (MockServer, Client) {
    let server = MockServer::start().await;
    for (page, response) in pages {
        Mock::given(method("GET"))
            .and(path(ROUTES))
            .and(query_param("page", page.to_string()))
            .and(query_param("per_page", "2"))
            .respond_with(response.clone())
            .mount(&server)
            .await;
    }
    let client = Client::builder()
        .api_token("token")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    (server, client)
}

#[tokio::test]
async fn list_stream_walks_every_page_lazily_and_stops_after_a_short_page() {
    let (server, client) = serve_pages(&[
        (
            1,
            ResponseTemplate::new(200).set_body_json(routes_page(1, 2)),
        ),
        (
            2,
            ResponseTemplate::new(200).set_body_json(routes_page(2, 2)),
        ),
        (
            3,
            ResponseTemplate::new(200).set_body_json(routes_page(3, 1)),
        ),
    ])
    .await;
    let query = ListQuery::default().with_per_page(2);
    let routes = client
        .ai_gateway()
        .dynamic_routing()
        .list_stream(ACCOUNT, GATEWAY, &query);

    let mut routes = Box::pin(routes);
    let first: Route = routes.next().await.unwrap().unwrap();
    assert_eq!(first.id, "1-0");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "only the first page is fetched so far"
    );

    let rest: Vec<String> = routes.map(|route| route.unwrap().id).collect().await;
    assert_eq!(rest, ["1-1", "2-0", "2-1", "3-0"]);
    let pages: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        pages,
        [
            "per_page=2&page=1",
            "per_page=2&page=2",
            "per_page=2&page=3"
        ]
    );
}

#[tokio::test]
async fn list_stream_stops_at_the_last_page_that_result_info_announces() {
    let with_info = |page: u32| {
        let mut body = routes_page(page, 2);
        body["result_info"] =
            json!({"page": page, "per_page": 2, "total_pages": 2, "total_count": 4});
        ResponseTemplate::new(200).set_body_json(body)
    };
    // A third page would be full too: only `total_pages` says there is none.
    let (server, client) =
        serve_pages(&[(1, with_info(1)), (2, with_info(2)), (3, with_info(3))]).await;
    let query = ListQuery::default().with_per_page(2);
    let ids: Vec<String> = client
        .ai_gateway()
        .dynamic_routing()
        .list_stream(ACCOUNT, GATEWAY, &query)
        .map(|route| route.unwrap().id)
        .collect()
        .await;
    assert_eq!(ids, ["1-0", "1-1", "2-0", "2-1"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    // One call shows the figures next to its value.
    let response = client
        .ai_gateway()
        .dynamic_routing()
        .list(ACCOUNT, GATEWAY, &query.with_page(1))
        .with_response()
        .await
        .unwrap();
    let info = response
        .result_info()
        .expect("the envelope had result_info");
    assert_eq!((info.total_pages, info.total_count), (Some(2), Some(4)));
}

#[tokio::test]
async fn list_stream_ends_on_an_empty_page_and_starts_at_the_requested_page() {
    let (server, client) = serve_pages(&[
        (
            2,
            ResponseTemplate::new(200).set_body_json(routes_page(2, 2)),
        ),
        (
            3,
            ResponseTemplate::new(200).set_body_json(routes_page(3, 0)),
        ),
    ])
    .await;
    let query = ListQuery::default().with_page(2).with_per_page(2);
    let ids: Vec<String> = client
        .ai_gateway()
        .dynamic_routing()
        .list_stream(ACCOUNT, GATEWAY, &query)
        .map(|route| route.unwrap().id)
        .collect()
        .await;
    assert_eq!(ids, ["2-0", "2-1"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn list_stream_yields_a_failing_page_as_an_error_and_then_ends() {
    let (_server, client) = serve_pages(&[
        (
            1,
            ResponseTemplate::new(200).set_body_json(routes_page(1, 2)),
        ),
        (
            2,
            ResponseTemplate::new(404).set_body_json(
                json!({"success": false, "errors": [{"code": 7003, "message": "No route"}]}),
            ),
        ),
    ])
    .await;
    let query = ListQuery::default().with_per_page(2);
    let results: Vec<Result<Route, Error>> = client
        .ai_gateway()
        .dynamic_routing()
        .list_stream(ACCOUNT, GATEWAY, &query)
        .collect()
        .await;
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    assert_eq!(
        results[2]
            .as_ref()
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(404)
    );
}
