//! Lossless decoding: every fixture under `tests/fixtures/` decodes into the SDK's types and
//! encodes back to the same JSON value, and the typed view shows what the server sent
//! (known kinds as their structs, unknown kinds and values kept whole and inspectable).

use std::fmt::Debug;
use std::path::Path;

use cloudflare_sdk::{
    ConditionalElement, ConditionalOutputs, ConditionalProperties, CreateRouteVersion, DateTime,
    Element, ElementRef, EndElement, LimitType, ModelElement, ModelProperties, Number,
    PercentageElement, RateElement, RateProperties, Route, StartElement, StartOutputs,
    SuccessOrFallback,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The parsed contents of `tests/fixtures/<name>`.
fn fixture(name: &str) -> Value {
    cloudflare_sdk::from_api_json(&fixture_text(name))
        .unwrap_or_else(|err| panic!("tests/fixtures/{name} is not JSON: {err}"))
}

/// Decodes `json` as `T` both from text (as the client reads a response body) and from a
/// `Value`, checks that encoding gives back exactly `json`, and that decoding the encoded
/// text again gives an equal `T`. Returns the decoded value for typed assertions.
#[track_caller]
fn assert_roundtrip<T>(json: &Value) -> T
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let text = serde_json::to_string(json).unwrap();
    let from_text: T = cloudflare_sdk::from_api_json(&text)
        .unwrap_or_else(|err| panic!("decoding failed: {err}\ninput: {text}"));
    let from_value: T = cloudflare_sdk::from_api_value(json.clone())
        .unwrap_or_else(|err| panic!("decoding from a Value failed: {err}\ninput: {text}"));
    assert_eq!(from_text, from_value, "text and Value decoding disagree");

    let encoded = serde_json::to_value(&from_text).unwrap();
    assert_eq!(
        &encoded, json,
        "encoding did not give back the input\ninput:  {json}\noutput: {encoded}"
    );

    let encoded_text = serde_json::to_string(&from_text).unwrap();
    let again: T = cloudflare_sdk::from_api_json(&encoded_text).unwrap();
    assert_eq!(
        again, from_text,
        "decoding the encoded text changed the value"
    );
    from_text
}

fn element_ref(id: &str) -> ElementRef {
    ElementRef::new(id)
}

// ---------------------------------------------------------------------------------------
// Every known element kind
// ---------------------------------------------------------------------------------------

#[test]
fn start_element_fixture_roundtrips_and_decodes_as_start() {
    let element: Element = assert_roundtrip(&fixture("element_start.json"));
    let Element::Start(start) = &element else {
        panic!("expected a start element, got {element:?}");
    };
    assert_eq!(element.kind(), "start");
    assert_eq!(start.id, "start");
    assert_eq!(start.outputs.next, element_ref("plan-check"));
    assert!(start.unknown_fields.is_empty());
}

#[test]
fn conditional_element_fixture_roundtrips_with_true_and_false_branches_and_conditions() {
    let element: Element = assert_roundtrip(&fixture("element_conditional.json"));
    let Element::Conditional(conditional) = &element else {
        panic!("expected a conditional element, got {element:?}");
    };
    assert_eq!(conditional.outputs.if_true, element_ref("paid-rate-limit"));
    assert_eq!(conditional.outputs.if_false, element_ref("free-split"));
    assert_eq!(
        conditional.properties.conditions,
        Some(json!({
            "metadata.plan": { "$eq": "paid" },
            "metadata.region": { "$in": ["eu", "us"] }
        }))
    );
}

#[test]
fn percentage_element_fixture_roundtrips_with_every_named_output() {
    let element: Element = assert_roundtrip(&fixture("element_percentage.json"));
    let Element::Percentage(percentage) = &element else {
        panic!("expected a percentage element, got {element:?}");
    };
    assert_eq!(percentage.outputs.len(), 2);
    assert_eq!(percentage.outputs["0.7"], element_ref("small-model"));
    assert_eq!(percentage.outputs["0.3"], element_ref("large-model"));
}

#[test]
fn rate_element_fixture_roundtrips_with_count_limit_type_and_integer_numbers() {
    let element: Element = assert_roundtrip(&fixture("element_rate.json"));
    let Element::Rate(rate) = &element else {
        panic!("expected a rate element, got {element:?}");
    };
    assert_eq!(rate.outputs.success, element_ref("large-model"));
    assert_eq!(rate.outputs.fallback, element_ref("small-model"));
    assert_eq!(rate.properties.key, "metadata.user_id");
    assert_eq!(rate.properties.limit_type, LimitType::Count);
    assert_eq!(rate.properties.limit.as_u64(), Some(100));
    assert_eq!(rate.properties.window.as_u64(), Some(60));
}

#[test]
fn model_element_fixture_roundtrips_with_its_provider_and_model() {
    let element: Element = assert_roundtrip(&fixture("element_model.json"));
    let Element::Model(model) = &element else {
        panic!("expected a model element, got {element:?}");
    };
    assert_eq!(model.properties.provider, "openai");
    assert_eq!(model.properties.model, "gpt-4o");
    assert_eq!(model.properties.timeout.as_u64(), Some(30000));
    assert_eq!(model.properties.retries.as_u64(), Some(2));
    assert_eq!(model.outputs.fallback, element_ref("small-model"));
}

#[test]
fn end_element_fixture_roundtrips_with_empty_outputs_kept_as_an_object() {
    let json = fixture("element_end.json");
    let element: Element = assert_roundtrip(&json);
    let Element::End(end) = &element else {
        panic!("expected an end element, got {element:?}");
    };
    assert!(end.outputs.is_empty());
    assert_eq!(
        serde_json::to_value(&element).unwrap()["outputs"],
        json!({})
    );
}

#[test]
fn route_version_with_every_kind_roundtrips_in_order() {
    let version: Route = assert_roundtrip(&fixture("route_version_every_kind.json"));
    let kinds: Vec<&str> = version.elements.iter().map(Element::kind).collect();
    assert_eq!(
        kinds,
        [
            "start",
            "conditional",
            "cache",
            "percentage",
            "rate",
            "model",
            "model",
            "end"
        ]
    );
    assert!(matches!(version.elements[2], Element::Unknown(_)));
    let Element::Model(small) = &version.elements[6] else {
        panic!("expected a model element");
    };
    assert!(small.properties.timeout.is_f64());
    assert_eq!(small.properties.timeout.as_f64(), Some(12.5));
}

// ---------------------------------------------------------------------------------------
// The reference doc's example
// ---------------------------------------------------------------------------------------

#[test]
fn reference_doc_response_result_roundtrips_as_route() {
    let envelope = fixture("create_version_response.json");
    assert_eq!(envelope["success"], json!(true));
    let version: Route = assert_roundtrip(&envelope["result"]);
    assert_eq!(version.id, "id");
    assert_eq!(version.gateway_id, "gateway_id");
    assert_eq!(version.name, "name");
    assert_eq!(version.created_at.as_str(), "2019-12-27T18:11:19.117Z");
    assert_eq!(version.modified_at.as_str(), "2019-12-27T18:11:19.117Z");
    assert_eq!(
        version.elements,
        [Element::from(StartElement::new(
            "id",
            StartOutputs::new(ElementRef::new("elementId"))
        ))]
    );
    assert!(version.unknown_fields.is_empty());
}

#[test]
fn request_body_built_like_the_reference_example_serializes_to_the_wire_shape() {
    let body = CreateRouteVersion::new(vec![
        StartElement::new("id", StartOutputs::new(ElementRef::new("elementId"))).into(),
    ]);
    let expected = json!({
        "elements": [{
            "id": "id",
            "outputs": { "next": { "elementId": "elementId" } },
            "type": "start"
        }]
    });
    assert_eq!(serde_json::to_value(&body).unwrap(), expected);
    let decoded: CreateRouteVersion = assert_roundtrip(&expected);
    assert_eq!(decoded, body);
}

// ---------------------------------------------------------------------------------------
// Data this version of the SDK does not know
// ---------------------------------------------------------------------------------------

#[test]
fn unknown_element_kind_is_kept_whole_and_inspectable() {
    let json = fixture("element_unknown_kind.json");
    let element: Element = assert_roundtrip(&json);
    let Element::Unknown(unknown) = &element else {
        panic!("expected an unknown element, got {element:?}");
    };
    assert_eq!(unknown.kind(), "cache");
    assert_eq!(element.kind(), "cache");
    // The raw object is the whole object as received, tag included.
    assert_eq!(&Value::Object(unknown.json().clone()), &json);
    assert_eq!(unknown.json()["type"], json!("cache"));
    assert_eq!(
        unknown.json()["properties"]["key"]["from"],
        json!(["metadata.user_id", "body.messages"])
    );
    assert_eq!(
        unknown.json()["properties"]["tags"][1]["nested"]["deeper"],
        json!([1, -2, 3.5, true])
    );
    assert_eq!(unknown.json()["properties"]["bypass"], Value::Null);
    assert_eq!(Value::Object(unknown.clone().into_json()), json);
}

#[test]
fn unknown_element_kind_between_known_ones_survives_an_edit_of_its_neighbour() {
    // The user story from the design: read a version, change one element, send it back.
    let json = fixture("route_version_every_kind.json");
    let version: Route = cloudflare_sdk::from_api_value(json.clone()).unwrap();
    let mut body = CreateRouteVersion::new(version.elements);
    for element in &mut body.elements {
        if let Element::Rate(rate) = element {
            rate.properties.limit = Number::from(250);
        }
    }
    let mut expected = json["elements"].clone();
    expected[4]["properties"]["limit"] = json!(250);
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({ "elements": expected })
    );
}

#[test]
fn unknown_limit_type_is_kept_and_readable_as_str() {
    let element: Element = assert_roundtrip(&fixture("element_rate_unknown_limit_type.json"));
    let Element::Rate(rate) = &element else {
        panic!("expected a rate element, got {element:?}");
    };
    let LimitType::Unknown(value) = &rate.properties.limit_type else {
        panic!(
            "expected an unknown limit type, got {:?}",
            rate.properties.limit_type
        );
    };
    assert_eq!(value.as_str(), "tokens");
    assert_eq!(rate.properties.limit_type.as_str(), "tokens");
    assert_eq!(rate.properties.limit_type.to_string(), "tokens");
}

#[test]
fn known_limit_types_decode_to_their_variants() {
    for (text, expected) in [("count", LimitType::Count), ("cost", LimitType::Cost)] {
        let decoded: LimitType = assert_roundtrip(&json!(text));
        assert_eq!(decoded, expected);
        assert_eq!(decoded.as_str(), text);
    }
    // Matching is exact: a differently cased value is a different, unknown value.
    let decoded: LimitType = assert_roundtrip(&json!("Count"));
    assert!(matches!(decoded, LimitType::Unknown(_)), "{decoded:?}");
}

#[test]
fn unknown_fields_at_every_level_survive_and_are_readable() {
    let version: Route = assert_roundtrip(&fixture("route_version_unknown_fields.json"));

    // Route
    assert_eq!(version.unknown_fields["version_number"], json!(3));
    assert_eq!(version.unknown_fields["active"], json!(true));
    assert_eq!(version.unknown_fields["notes"], Value::Null);
    assert_eq!(
        version.unknown_fields["created_by"]["roles"],
        json!(["admin"])
    );
    assert_eq!(version.unknown_fields.len(), 4);

    let [start, conditional, percentage, rate, model, _small, end] = &version.elements[..] else {
        panic!("expected 7 elements, got {}", version.elements.len());
    };

    // start: element, outputs, ElementRef
    let Element::Start(start) = start else {
        panic!("{start:?}")
    };
    assert_eq!(
        start.unknown_fields["position"],
        json!({ "x": 120.5, "y": -40 })
    );
    assert_eq!(
        start.outputs.unknown_fields["on_error"],
        json!({ "elementId": "end" })
    );
    assert_eq!(start.outputs.next.element_id, "plan-check");
    assert_eq!(start.outputs.next.unknown_fields["label"], json!("entry"));

    // conditional: element, outputs, ElementRef (incl. a null value), properties
    let Element::Conditional(conditional) = conditional else {
        panic!("{conditional:?}")
    };
    assert_eq!(
        conditional.unknown_fields["description"],
        json!("Paid users get the large model")
    );
    assert_eq!(
        conditional.outputs.unknown_fields["default"],
        json!({ "elementId": "end" })
    );
    assert_eq!(
        conditional.outputs.if_true.unknown_fields["weight"],
        json!(0.5)
    );
    assert_eq!(
        conditional.outputs.if_false.unknown_fields.get("weight"),
        Some(&Value::Null)
    );
    assert_eq!(
        conditional.properties.unknown_fields["evaluation"],
        json!("lazy")
    );

    // percentage: element, ElementRef inside the outputs map
    let Element::Percentage(percentage) = percentage else {
        panic!("{percentage:?}")
    };
    assert_eq!(percentage.unknown_fields["seed"], json!(42));
    assert_eq!(
        percentage.outputs["0.5"].unknown_fields["sticky"],
        json!(true)
    );

    // rate: element, outputs, ElementRef, properties
    let Element::Rate(rate) = rate else {
        panic!("{rate:?}")
    };
    assert_eq!(rate.unknown_fields["disabled"], json!(false));
    assert_eq!(
        rate.outputs.unknown_fields["error"],
        json!({ "elementId": "end" })
    );
    assert_eq!(
        rate.outputs.success.unknown_fields["note"],
        json!("within limit")
    );
    assert_eq!(rate.properties.unknown_fields["burst"], json!(10));
    assert_eq!(
        rate.properties.unknown_fields["scope"],
        json!({ "per": "colo" })
    );

    // model: element, ElementRef, properties
    let Element::Model(model) = model else {
        panic!("{model:?}")
    };
    assert_eq!(model.unknown_fields["tags"], json!(["premium"]));
    assert_eq!(
        model.outputs.fallback.unknown_fields["reason"],
        json!(["timeout", "5xx"])
    );
    assert_eq!(model.properties.unknown_fields["temperature"], json!(0.2));
    assert_eq!(
        model.properties.unknown_fields["headers"],
        json!({ "x-team": "support" })
    );

    // end: element, ElementRef inside the outputs map
    let Element::End(end) = end else {
        panic!("{end:?}")
    };
    assert_eq!(end.unknown_fields["metrics"], json!({ "log": true }));
    assert_eq!(end.outputs["audit"].element_id, "audit-sink");
    assert_eq!(end.outputs["audit"].unknown_fields["async"], json!(true));
}

#[test]
fn unknown_fields_of_the_request_body_are_sent_back() {
    let json = json!({
        "elements": [fixture("element_end.json")],
        "dry_run": true,
        "comment": { "by": "ops" }
    });
    let body: CreateRouteVersion = assert_roundtrip(&json);
    assert_eq!(body.unknown_fields["dry_run"], json!(true));
    assert_eq!(body.unknown_fields["comment"], json!({ "by": "ops" }));
}

#[test]
fn unknown_fields_set_in_code_are_serialized_next_to_known_ones() {
    let mut target = ElementRef::new("end");
    target.unknown_fields.insert("weight".into(), json!(3));
    let mut element = EndElement::new("end", [("audit".to_owned(), target)]);
    element
        .unknown_fields
        .insert("metrics".into(), json!({ "log": true }));
    assert_eq!(
        serde_json::to_value(Element::from(element)).unwrap(),
        json!({
            "type": "end",
            "id": "end",
            "metrics": { "log": true },
            "outputs": { "audit": { "elementId": "end", "weight": 3 } }
        })
    );
}

// ---------------------------------------------------------------------------------------
// `conditions`: absent, null, or any JSON
// ---------------------------------------------------------------------------------------

fn conditional(name: &str) -> ConditionalElement {
    let element: Element = assert_roundtrip(&fixture(name));
    match element {
        Element::Conditional(conditional) => conditional,
        other => panic!("expected a conditional element, got {other:?}"),
    }
}

#[test]
fn absent_conditions_decode_as_none_and_stay_absent() {
    let element = conditional("conditional_conditions_absent.json");
    assert_eq!(element.properties.conditions, None);
    let encoded = serde_json::to_value(Element::from(element)).unwrap();
    assert_eq!(encoded["properties"], json!({}));
}

#[test]
fn null_conditions_decode_as_some_null_and_stay_null() {
    let element = conditional("conditional_conditions_null.json");
    assert_eq!(element.properties.conditions, Some(Value::Null));
    let encoded = serde_json::to_value(Element::from(element)).unwrap();
    assert_eq!(encoded["properties"], json!({ "conditions": null }));
}

#[test]
fn array_conditions_are_kept_as_any_json() {
    let element = conditional("conditional_conditions_array.json");
    let conditions = element.properties.conditions.expect("conditions present");
    assert_eq!(conditions.as_array().map(Vec::len), Some(5));
    assert_eq!(conditions[4], json!(7));
}

#[test]
fn number_conditions_are_kept_as_any_json() {
    let element = conditional("conditional_conditions_number.json");
    assert_eq!(element.properties.conditions, Some(json!(1)));
}

#[test]
fn conditions_set_in_code_distinguish_unset_from_null() {
    let outputs = ConditionalOutputs::new(ElementRef::new("a"), ElementRef::new("b"));
    let unset = ConditionalElement::new("c", outputs.clone(), ConditionalProperties::default());
    let null = ConditionalElement::new(
        "c",
        outputs,
        ConditionalProperties::default().with_conditions(Value::Null),
    );
    assert_eq!(
        serde_json::to_value(&unset).unwrap()["properties"],
        json!({})
    );
    assert_eq!(
        serde_json::to_value(&null).unwrap()["properties"],
        json!({ "conditions": null })
    );
}

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

#[test]
fn numbers_keep_integer_or_float_form_and_exact_value() {
    let json = fixture("route_version_numbers.json");
    let version: Route = assert_roundtrip(&json);
    let rate = |index: usize| match &version.elements[index] {
        Element::Rate(rate) => rate.properties.clone(),
        other => panic!("expected a rate element, got {other:?}"),
    };
    let model = |index: usize| match &version.elements[index] {
        Element::Model(model) => model.properties.clone(),
        other => panic!("expected a model element, got {other:?}"),
    };

    // `100` stays an integer, not `100.0`.
    let int = rate(0);
    assert!(int.limit.is_u64(), "{:?}", int.limit);
    assert_eq!(int.limit.to_string(), "100");
    assert_eq!(int.window.to_string(), "60");

    // `0.5` stays a float.
    let float = rate(1);
    assert!(float.limit.is_f64(), "{:?}", float.limit);
    assert_eq!(float.limit.as_f64(), Some(0.5));
    assert_eq!(float.window.as_f64(), Some(1.25));
    assert_eq!(float.limit_type, LimitType::Cost);

    // Integers above 2^53 are exact, not rounded through f64.
    let big = rate(2);
    assert_eq!(big.limit.as_u64(), Some(9_007_199_254_740_993));
    assert_eq!(big.window.as_u64(), Some(u64::MAX));

    // Negative integers, down to i64::MIN.
    let negative = model(3);
    assert_eq!(negative.timeout.as_i64(), Some(-1));
    assert_eq!(negative.retries.as_i64(), Some(i64::MIN));

    let tiny = model(4);
    assert_eq!(tiny.timeout.as_f64(), Some(1e-7));

    // The text the SDK sends back has the same numbers.
    let text = serde_json::to_string(&version).unwrap();
    for number in [
        "\"limit\":100,",
        "\"limit\":0.5,",
        "\"limit\":9007199254740993,",
        "\"window\":18446744073709551615",
        "\"retries\":-9223372036854775808",
        "[0,-0.0,9007199254740993,-9007199254740993,1.5e+300,100.0]",
    ] {
        assert!(text.contains(number), "`{number}` missing from {text}");
    }
}

/// The text of `tests/fixtures/<name>`.
fn fixture_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

#[test]
fn floats_with_many_significant_digits_are_read_exactly_and_sent_back_unchanged() {
    // Both numbers are the shortest text of an f64 (what any JSON encoder writes for it).
    // A decoder that is off by one unit in the last place reads a different f64 and then
    // sends back different text, silently changing the server's value.
    let text = fixture_text("element_rate_17_digit_floats.json");
    let element: Element = cloudflare_sdk::from_api_json(&text).unwrap();
    let Element::Rate(rate) = &element else {
        panic!("expected a rate element, got {element:?}");
    };
    let exact = |digits: &str| Some(digits.parse::<f64>().unwrap());
    assert_eq!(
        rate.properties.limit.as_f64(),
        exact("0.014688139636995935"),
        "limit read inexactly"
    );
    assert_eq!(
        rate.properties.window.as_f64(),
        exact("-6.51450552116551e-140"),
        "window read inexactly"
    );
    let encoded = serde_json::to_string(&element).unwrap();
    for number in [
        "\"limit\":0.014688139636995935,",
        "\"window\":-6.51450552116551e-140",
    ] {
        assert!(
            encoded.contains(number),
            "`{number}` missing from {encoded}"
        );
    }
}

#[test]
fn numbers_set_in_code_keep_their_form() {
    let rate = RateProperties::new("k", 100, LimitType::Count, 60u64);
    assert_eq!(
        serde_json::to_string(&rate).unwrap(),
        r#"{"key":"k","limit":100,"limitType":"count","window":60}"#
    );
    let fractional = Number::from_f64(0.5).unwrap();
    let model = ModelProperties::new("p", "m", fractional, -3);
    assert_eq!(
        serde_json::to_value(&model).unwrap(),
        json!({ "provider": "p", "model": "m", "timeout": 0.5, "retries": -3 })
    );
    let element = ModelElement::new(
        "m",
        SuccessOrFallback::new(ElementRef::new("a"), ElementRef::new("b")),
        model,
    );
    let _: Element = assert_roundtrip(&serde_json::to_value(Element::from(element)).unwrap());
}

// ---------------------------------------------------------------------------------------
// Date-times
// ---------------------------------------------------------------------------------------

#[test]
fn date_times_with_offsets_and_fractions_are_kept_verbatim() {
    let version: Route = assert_roundtrip(&fixture("route_version_datetimes.json"));
    assert_eq!(
        version.created_at.as_str(),
        "2024-03-10T02:30:00.123456789+05:30"
    );
    assert_eq!(
        version.modified_at.as_str(),
        "2024-03-09T13:00:00.123456789-08:00"
    );
    // Different text, same instant.
    assert_eq!(
        version.created_at.timestamp().unwrap(),
        version.modified_at.timestamp().unwrap()
    );
    assert_ne!(version.created_at, version.modified_at);
}

#[test]
fn a_date_time_that_is_not_rfc_3339_is_read_kept_and_sent_back_unchanged() {
    let version: Route = assert_roundtrip(&fixture("route_version_odd_created_at.json"));
    assert_eq!(version.created_at.as_str(), "27/12/2019 18:11");
    let err = version.created_at.timestamp().unwrap_err();
    assert!(
        err.to_string()
            .starts_with("`27/12/2019 18:11` is not an RFC 3339 date-time"),
        "{err}"
    );
    assert!(version.modified_at.timestamp().is_ok());
}

#[test]
fn date_time_text_forms_are_all_sent_back_unchanged() {
    for text in [
        "2019-12-27T18:11:19Z",
        "2019-12-27T18:11:19.1Z",
        "2019-12-27T18:11:19.117Z",
        "2019-12-27T18:11:19.117000Z",
        "2019-12-27T18:11:19.117000000Z",
        "2019-12-27T18:11:19+00:00",
        "2019-12-27T18:11:19-00:00",
        "2019-12-27T23:41:19.117+05:30",
        "2019-12-27T10:11:19.117-08:00",
    ] {
        let value: DateTime = assert_roundtrip(&json!(text));
        assert_eq!(value.as_str(), text);
        assert_eq!(value.to_string(), text);
    }
    let utc: DateTime = "2019-12-27T18:11:19.117Z".parse().unwrap();
    let india: DateTime = "2019-12-27T23:41:19.117+05:30".parse().unwrap();
    assert_eq!(utc.timestamp().unwrap(), india.timestamp().unwrap());
}

// ---------------------------------------------------------------------------------------
// Bad server data is an error that names the problem, never a panic
// ---------------------------------------------------------------------------------------

#[track_caller]
fn decode_error<T: DeserializeOwned + Debug>(json: &Value) -> String {
    let text = serde_json::to_string(json).unwrap();
    let from_text = cloudflare_sdk::from_api_json::<T>(&text).expect_err("decoding should fail");
    let from_value =
        cloudflare_sdk::from_api_value::<T>(json.clone()).expect_err("decoding should fail");
    // The text error adds a position; the message itself is the same.
    assert!(
        from_text.to_string().starts_with(&from_value.to_string()),
        "text error `{from_text}` differs from value error `{from_value}`"
    );
    from_text.to_string()
}

#[test]
fn element_without_type_is_an_error_naming_the_missing_tag() {
    let message = decode_error::<Element>(&fixture("invalid/element_missing_type.json"));
    assert!(message.contains("missing field `type`"), "{message}");
}

#[test]
fn element_with_a_non_string_type_is_an_error_showing_the_value() {
    let message = decode_error::<Element>(&fixture("invalid/element_numeric_type.json"));
    assert!(
        message.contains("field `type` must be a string"),
        "{message}"
    );
    assert!(message.contains("found 3"), "{message}");
}

#[test]
fn known_kind_missing_a_required_field_is_an_error_naming_kind_and_field() {
    let message = decode_error::<Element>(&fixture("invalid/rate_missing_properties.json"));
    assert!(message.contains("`rate`"), "{message}");
    assert!(message.contains("missing field `properties`"), "{message}");
}

#[test]
fn known_kind_is_never_demoted_to_unknown_when_its_fields_are_wrong() {
    // A `start` element whose `next` is not an ElementRef must fail, not become Unknown.
    let json = json!({ "id": "s", "type": "start", "outputs": { "next": "end" } });
    let message = decode_error::<Element>(&json);
    assert!(message.contains("`start`"), "{message}");
}

#[test]
fn element_that_is_not_an_object_is_an_error() {
    for json in [json!("start"), json!(null), json!([1, 2]), json!(7)] {
        let message = decode_error::<Element>(&json);
        assert!(message.contains("expected a map"), "{json}: {message}");
    }
}

#[test]
fn non_string_limit_type_is_an_error_naming_the_expected_type() {
    let mut json = fixture("element_rate.json");
    json["properties"]["limitType"] = json!(1);
    let message = decode_error::<Element>(&json);
    assert!(message.contains("expected a string"), "{message}");
}

#[test]
fn element_ref_without_element_id_is_an_error_naming_the_wire_field() {
    let mut json = fixture("element_model.json");
    json["outputs"]["success"] = json!({ "element_id": "end" });
    let message = decode_error::<Element>(&json);
    assert!(message.contains("missing field `elementId`"), "{message}");
}

// ---------------------------------------------------------------------------------------
// Values built in code
// ---------------------------------------------------------------------------------------

#[test]
fn every_known_kind_built_in_code_roundtrips() {
    let next = || ElementRef::new("next");
    let success_or_fallback = || SuccessOrFallback::new(next(), next());
    let elements: Vec<Element> = vec![
        StartElement::new("s", StartOutputs::new(next())).into(),
        ConditionalElement::new(
            "c",
            ConditionalOutputs::new(next(), next()),
            ConditionalProperties::default().with_conditions(json!({ "a": 1 })),
        )
        .into(),
        PercentageElement::new("p", [("0.5".to_owned(), next())]).into(),
        RateElement::new(
            "r",
            success_or_fallback(),
            RateProperties::new("k", 10, LimitType::Cost, 60),
        )
        .into(),
        ModelElement::new(
            "m",
            success_or_fallback(),
            ModelProperties::new("openai", "gpt-4o", 1000, 1),
        )
        .into(),
        EndElement::new("e", []).into(),
    ];
    for element in elements {
        let json = serde_json::to_value(&element).unwrap();
        assert_eq!(json["type"], json!(element.kind()));
        let decoded: Element = assert_roundtrip(&json);
        assert_eq!(decoded, element);
    }
}
