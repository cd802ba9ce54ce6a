//! Building a request body: constructors that take what converts, JSON in, and what is
//! refused before anything is sent.

use cloudflare_sdk::{
    Client, ConditionalOutputs, ConditionalProperties, CreateRouteVersion, Element, ElementRef,
    Error, LimitType, ModelProperties, Number, RateProperties, StartOutputs, SuccessOrFallback,
    json,
};
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The README's six-element graph, written the short way.
fn readme_graph() -> CreateRouteVersion {
    CreateRouteVersion::new([
        Element::start("start", "plan"),
        Element::conditional(
            "plan",
            ConditionalOutputs::new("limit", "split"),
            ConditionalProperties::new().with_conditions(json!({ "metadata.plan": "free" })),
        ),
        Element::rate(
            "limit",
            SuccessOrFallback::new("small", "end"),
            RateProperties::new("metadata.user_id", 100, LimitType::Count, 60.5),
        ),
        Element::percentage(
            "split",
            [
                ("0.7".into(), "small".into()),
                ("0.3".into(), "large".into()),
            ],
        ),
        Element::model(
            "small",
            SuccessOrFallback::new("end", "large"),
            ModelProperties::new("openai", "gpt-4o-mini", 30, 2),
        ),
        Element::model(
            "large",
            SuccessOrFallback::new("end", "end"),
            ModelProperties::new("openai", "gpt-4o", 60, 1),
        ),
        Element::end("end", []),
    ])
}

#[test]
fn the_short_way_builds_exactly_the_json_the_api_documents() {
    let expected = json!({ "elements": [
        { "type": "start", "id": "start", "outputs": { "next": { "elementId": "plan" } } },
        { "type": "conditional", "id": "plan",
          "outputs": { "true": { "elementId": "limit" }, "false": { "elementId": "split" } },
          "properties": { "conditions": { "metadata.plan": "free" } } },
        { "type": "rate", "id": "limit",
          "outputs": { "success": { "elementId": "small" }, "fallback": { "elementId": "end" } },
          "properties": { "key": "metadata.user_id", "limit": 100, "limitType": "count", "window": 60.5 } },
        { "type": "percentage", "id": "split",
          "outputs": { "0.7": { "elementId": "small" }, "0.3": { "elementId": "large" } } },
        { "type": "model", "id": "small",
          "outputs": { "success": { "elementId": "end" }, "fallback": { "elementId": "large" } },
          "properties": { "provider": "openai", "model": "gpt-4o-mini", "timeout": 30, "retries": 2 } },
        { "type": "model", "id": "large",
          "outputs": { "success": { "elementId": "end" }, "fallback": { "elementId": "end" } },
          "properties": { "provider": "openai", "model": "gpt-4o", "timeout": 60, "retries": 1 } },
        { "type": "end", "id": "end", "outputs": {} },
    ]});
    assert_eq!(serde_json::to_value(readme_graph()).unwrap(), expected);
}

#[test]
fn the_short_way_and_the_long_way_build_the_same_value() {
    let long = cloudflare_sdk::StartElement::new(
        "start",
        StartOutputs::new(ElementRef::new("plan".to_owned())),
    );
    assert_eq!(Element::start("start", "plan"), Element::from(long));
    assert_eq!(ElementRef::from("x"), ElementRef::new("x"));
    assert_eq!(StartOutputs::from("x"), StartOutputs::new("x"));
    assert_eq!(
        ConditionalProperties::new(),
        ConditionalProperties::default()
    );
}

#[test]
fn numbers_take_any_integer_or_float_and_keep_their_kind() {
    let properties = RateProperties::new("k", 100u8, LimitType::Cost, 0.25f32);
    let json = serde_json::to_value(&properties).unwrap();
    assert_eq!(json["limit"], json!(100));
    assert_eq!(json["window"], json!(0.25));
    assert!(properties.limit.is_u64() && properties.window.is_f64());
}

#[test]
fn a_mistyped_kind_in_json_a_user_wrote_is_refused_naming_the_known_kinds() {
    let err = serde_json::from_str::<CreateRouteVersion>(
        r#"{"elements": [{"id": "start", "type": "strat", "outputs": {}}]}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown variant `strat`"), "{err}");
    assert!(err.contains("`start`") && err.contains("`end`"), "{err}");
    assert!(err.contains("line 1 column"), "{err}");
}

#[test]
fn an_unknown_enum_value_in_json_a_user_wrote_is_refused() {
    let err = serde_json::from_value::<LimitType>(json!("tokens"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown variant `tokens`"), "{err}");
    assert!(err.contains("expected `count` or `cost`"), "{err}");
}

#[test]
fn json_the_api_sent_keeps_kinds_and_values_the_sdk_does_not_know() {
    let element: Element =
        cloudflare_sdk::from_api_json(r#"{"type": "cache", "ttl": 60}"#).unwrap();
    assert_eq!(element.kind(), "cache");
    let limit: LimitType = cloudflare_sdk::from_api_value(json!("tokens")).unwrap();
    assert_eq!(limit.as_str(), "tokens");
    // And it is sent back as received.
    assert_eq!(
        serde_json::to_value(&element).unwrap(),
        json!({"type": "cache", "ttl": 60})
    );
}

#[test]
fn string_enums_parse_the_values_they_know() {
    assert_eq!("count".parse::<LimitType>(), Ok(LimitType::Count));
    let err = "tokens".parse::<LimitType>().unwrap_err();
    assert_eq!(err.to_string(), "`tokens` is not one of `count`, `cost`");
    assert_eq!(err.value(), "tokens");
}

#[test]
fn a_union_displays_as_its_json() {
    let element = Element::end("end", []);
    assert_eq!(
        element.to_string(),
        r#"{"type":"end","id":"end","outputs":{}}"#
    );
}

#[tokio::test]
async fn a_number_json_cannot_hold_is_an_invalid_argument_and_nothing_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_token("token")
        .base_url(server.uri())
        .build()
        .unwrap();
    let body = CreateRouteVersion::new([Element::rate(
        "limit",
        SuccessOrFallback::new("end", "end"),
        RateProperties::new("k", f64::NAN, LimitType::Count, 60),
    )]);
    let err = client
        .ai_gateway()
        .dynamic_routing()
        .create_version("a", "g", "r", &body)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidArgument(message) if message.contains("NaN is not a finite number")),
        "{err:?}"
    );
    // A NaN is never turned into `null`.
    assert!(serde_json::to_value(Number::from(f64::NAN)).is_err());
}

#[tokio::test]
async fn the_readme_graph_is_posted_as_built() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/accounts/a/ai-gateway/gateways/g/routes/r/versions"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_token("token")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    let body = readme_graph();
    let _ = client
        .ai_gateway()
        .dynamic_routing()
        .create_version("a", "g", "r", &body)
        .await;
    let requests = server.received_requests().await.unwrap();
    let sent: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(sent, serde_json::to_value(&body).unwrap());
}
