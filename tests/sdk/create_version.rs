//! The generated `create_version` method against a real HTTP server on 127.0.0.1: the
//! request the server receives, and the typed value the caller gets back.

use cloudflare_sdk::{
    Client, ConditionalElement, ConditionalOutputs, ConditionalProperties, CreateRouteVersion,
    Element, ElementRef, EndElement, LimitType, ModelElement, ModelProperties, PercentageElement,
    RateElement, RateProperties, StartElement, StartOutputs, SuccessOrFallback,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const VERSIONS_PATH: &str = "/accounts/0d37909e38d3e99c29fa2cd343ac421a/ai-gateway/gateways/54442216/routes/54442216/versions";

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .api_token("test-token")
        .base_url(server.uri())
        .build()
        .unwrap()
}

fn route_graph() -> Vec<Element> {
    let to = ElementRef::new;
    vec![
        StartElement::new("start", StartOutputs::new(to("split"))).into(),
        PercentageElement::new(
            "split",
            [("a".to_owned(), to("limit")), ("b".to_owned(), to("check"))],
        )
        .into(),
        ConditionalElement::new(
            "check",
            ConditionalOutputs::new(to("model"), to("end")),
            ConditionalProperties::default()
                .with_conditions(json!({"metadata.tier": {"$eq": "pro"}})),
        )
        .into(),
        RateElement::new(
            "limit",
            SuccessOrFallback::new(to("model"), to("end")),
            RateProperties::new("user", 100, LimitType::Count, 60),
        )
        .into(),
        ModelElement::new(
            "model",
            SuccessOrFallback::new(to("end"), to("end")),
            ModelProperties::new("openai", "gpt-4o-mini", 30000, 2),
        )
        .into(),
        EndElement::new("end", []).into(),
    ]
}

#[tokio::test]
async fn create_version_posts_the_elements_to_the_versions_path_and_returns_the_typed_result() {
    let server = MockServer::start().await;
    let elements = route_graph();
    let elements_json = serde_json::to_value(&elements).unwrap();
    let response = json!({
        "success": true,
        "errors": [],
        "messages": [],
        "result": {
            "id": "version-1",
            "created_at": "2019-12-27T18:11:19.117Z",
            "modified_at": "2019-12-27T18:11:19.117Z",
            "gateway_id": "54442216",
            "name": "my-route",
            "elements": elements_json,
        }
    });
    Mock::given(method("POST"))
        .and(path(VERSIONS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(&response))
        .expect(1)
        .mount(&server)
        .await;

    let version = client_for(&server)
        .ai_gateway()
        .dynamic_routing()
        .create_version(
            "0d37909e38d3e99c29fa2cd343ac421a",
            "54442216",
            "54442216",
            &CreateRouteVersion::new(elements.clone()),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), VERSIONS_PATH);
    assert_eq!(request.url.query(), None);
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        json!({"elements": [
            {"type": "start", "id": "start", "outputs": {"next": {"elementId": "split"}}},
            {"type": "percentage", "id": "split", "outputs": {"a": {"elementId": "limit"}, "b": {"elementId": "check"}}},
            {"type": "conditional", "id": "check",
             "outputs": {"true": {"elementId": "model"}, "false": {"elementId": "end"}},
             "properties": {"conditions": {"metadata.tier": {"$eq": "pro"}}}},
            {"type": "rate", "id": "limit",
             "outputs": {"success": {"elementId": "model"}, "fallback": {"elementId": "end"}},
             "properties": {"key": "user", "limit": 100, "limitType": "count", "window": 60}},
            {"type": "model", "id": "model",
             "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "end"}},
             "properties": {"provider": "openai", "model": "gpt-4o-mini", "timeout": 30000, "retries": 2}},
            {"type": "end", "id": "end", "outputs": {}},
        ]})
    );

    assert_eq!(version.id, "version-1");
    assert_eq!(version.name, "my-route");
    assert_eq!(version.gateway_id, "54442216");
    assert_eq!(version.created_at.as_str(), "2019-12-27T18:11:19.117Z");
    assert_eq!(version.elements, elements);
}

#[tokio::test]
async fn create_version_called_as_in_the_reference_example_decodes_the_reference_response() {
    let server = MockServer::start().await;
    let reference_response = json!({
        "result": {
            "id": "id",
            "created_at": "2019-12-27T18:11:19.117Z",
            "elements": [{"id": "id", "outputs": {"next": {"elementId": "elementId"}}, "type": "start"}],
            "gateway_id": "gateway_id",
            "modified_at": "2019-12-27T18:11:19.117Z",
            "name": "name"
        },
        "success": true
    });
    Mock::given(method("POST"))
        .and(path(VERSIONS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(&reference_response))
        .mount(&server)
        .await;

    let start = StartElement::new("id", StartOutputs::new(ElementRef::new("elementId")));
    let version = client_for(&server)
        .ai_gateway()
        .dynamic_routing()
        .create_version(
            "0d37909e38d3e99c29fa2cd343ac421a",
            "54442216",
            "54442216",
            &CreateRouteVersion::new(vec![start.clone().into()]),
        )
        .await
        .unwrap();

    let body: Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(
        body,
        json!({"elements": [{"id": "id", "outputs": {"next": {"elementId": "elementId"}}, "type": "start"}]})
    );
    assert_eq!(version.id, "id");
    assert_eq!(version.elements, [Element::Start(start)]);
    assert_eq!(
        serde_json::to_value(&version).unwrap(),
        reference_response["result"]
    );
}
