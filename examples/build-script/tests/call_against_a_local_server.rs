//! The SDK generated in the build script makes real calls.

use build_script_example::sdk::{
    Client, CreateRouteVersion, Element, ElementRef, StartElement, StartOutputs,
};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn create_version_from_the_build_script_sdk_sends_the_request_and_decodes_the_route() {
    let server = MockServer::start().await;
    let route = serde_json::json!({
        "id": "54442216",
        "name": "support",
        "gateway_id": "gw",
        "created_at": "2025-06-12T09:15:30Z",
        "modified_at": "2025-06-12T09:15:30Z",
        "elements": [{"id": "start", "type": "start", "outputs": {"next": {"elementId": "end"}}}],
    });
    Mock::given(method("POST"))
        .and(path(
            "/accounts/acc/ai-gateway/gateways/gw/routes/54442216/versions",
        ))
        .and(header("authorization", "Bearer test-token"))
        .and(body_json(serde_json::json!({
            "elements": [{"type": "start", "id": "start", "outputs": {"next": {"elementId": "end"}}}]
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "success": true, "errors": [], "messages": [], "result": route,
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder()
        .api_token("test-token")
        .base_url(server.uri())
        .build()
        .unwrap();
    let start = StartElement::new("start", StartOutputs::new(ElementRef::new("end")));
    let body = CreateRouteVersion::new(vec![start.into()]);
    let route = client
        .ai_gateway()
        .dynamic_routing()
        .create_version("acc", "gw", "54442216", &body)
        .await
        .unwrap();

    assert_eq!(route.name, "support");
    assert!(matches!(&route.elements[..], [Element::Start(start)] if start.id == "start"));
}
