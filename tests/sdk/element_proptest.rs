//! Property tests: arbitrary `Element` values of every kind, with arbitrary strings, numbers,
//! `conditions` and unknown fields, survive serialize → deserialize, both as a
//! `serde_json::Value` and as JSON text.

use cloudflare_sdk::{
    ConditionalElement, ConditionalOutputs, ConditionalProperties, CreateRouteVersion, Element,
    ElementRef, EndElement, LimitType, Map, ModelElement, ModelProperties, Number,
    PercentageElement, RateElement, RateProperties, StartElement, StartOutputs, SuccessOrFallback,
    Value,
};
use proptest::prelude::*;

const KNOWN_KINDS: [&str; 6] = ["start", "conditional", "percentage", "rate", "model", "end"];

/// Strings of every sort: short identifiers, arbitrary printable unicode, and arbitrary
/// `char`s including control characters, quotes and backslashes.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_.-]{0,12}",
        "\\PC{0,12}",
        prop::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
    ]
}

/// Integers over the whole `u64` and `i64` ranges, small integers, and finite floats
/// (integral ones such as `100.0` included).
fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        (0u64..1000).prop_map(Number::from),
        any::<u64>().prop_map(Number::from),
        any::<i64>().prop_map(Number::from),
        (-1000i32..1000).prop_filter_map("finite", |n| Number::from_f64(f64::from(n))),
        (-1.0e6f64..1.0e6).prop_filter_map("finite", Number::from_f64),
        any::<f64>().prop_filter_map("finite", Number::from_f64),
    ]
}

/// Any JSON value, nested a few levels.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number().prop_map(|number| Value::Number(number.as_json().cloned().unwrap())),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(text(), inner, 0..4)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// Fields a newer server might add: arbitrary names, names that look like known ones, and
/// names known in other types, but never one of `known` (this type's wire names and, for
/// elements, the tag), which would collide with a known field.
fn unknown_fields(known: &'static [&'static str]) -> impl Strategy<Value = Map<String, Value>> {
    let name = prop_oneof![
        3 => text(),
        1 => prop::sample::select(vec![
            // Other spellings of known names.
            "element_id", "ElementId", "Type", "kind", "limit_type", "if_true", "True",
            "unknown_fields", "Id", "output",
            // Names known elsewhere: unknown here unless `known` lists them.
            "type", "properties", "next", "conditions", "limitType", "elementId", "success",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::btree_map(
        name.prop_filter("collides with a known field", move |name| {
            !known.contains(&name.as_str())
        }),
        json(),
        0..3,
    )
    .prop_map(|fields| fields.into_iter().collect())
}

fn element_ref() -> impl Strategy<Value = ElementRef> {
    (text(), unknown_fields(&["elementId"])).prop_map(|(id, extra)| {
        let mut target = ElementRef::new(id);
        target.unknown_fields = extra;
        target
    })
}

fn named_outputs() -> impl Strategy<Value = std::collections::BTreeMap<String, ElementRef>> {
    prop::collection::btree_map(text(), element_ref(), 0..4)
}

fn success_or_fallback() -> impl Strategy<Value = SuccessOrFallback> {
    (
        element_ref(),
        element_ref(),
        unknown_fields(&["success", "fallback"]),
    )
        .prop_map(|(success, fallback, extra)| {
            let mut outputs = SuccessOrFallback::new(success, fallback);
            outputs.unknown_fields = extra;
            outputs
        })
}

/// Known values, and values only a newer server would send (obtained by decoding, the only
/// way to get one).
fn limit_type() -> impl Strategy<Value = LimitType> {
    prop_oneof![
        Just(LimitType::Count),
        Just(LimitType::Cost),
        text()
            .prop_filter("a known value", |s| s != "count" && s != "cost")
            .prop_map(|s| cloudflare_sdk::from_api_value(Value::String(s)).unwrap()),
    ]
}

/// Absent, `null`, or any JSON.
fn conditions() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![Just(None), Just(Some(Value::Null)), json().prop_map(Some)]
}

const ELEMENT_FIELDS: &[&str] = &["type", "id", "outputs", "properties"];
const ELEMENT_FIELDS_WITHOUT_PROPERTIES: &[&str] = &["type", "id", "outputs"];

fn start() -> impl Strategy<Value = Element> {
    (
        text(),
        element_ref(),
        unknown_fields(&["next"]),
        unknown_fields(ELEMENT_FIELDS_WITHOUT_PROPERTIES),
    )
        .prop_map(|(id, next, outputs_extra, extra)| {
            let mut outputs = StartOutputs::new(next);
            outputs.unknown_fields = outputs_extra;
            let mut element = StartElement::new(id, outputs);
            element.unknown_fields = extra;
            element.into()
        })
}

fn conditional() -> impl Strategy<Value = Element> {
    (
        text(),
        (
            element_ref(),
            element_ref(),
            unknown_fields(&["true", "false"]),
        ),
        (conditions(), unknown_fields(&["conditions"])),
        unknown_fields(ELEMENT_FIELDS),
    )
        .prop_map(
            |(id, (if_true, if_false, outputs_extra), (conditions, properties_extra), extra)| {
                let mut outputs = ConditionalOutputs::new(if_true, if_false);
                outputs.unknown_fields = outputs_extra;
                let mut properties = ConditionalProperties::default();
                properties.conditions = conditions;
                properties.unknown_fields = properties_extra;
                let mut element = ConditionalElement::new(id, outputs, properties);
                element.unknown_fields = extra;
                element.into()
            },
        )
}

fn percentage() -> impl Strategy<Value = Element> {
    (
        text(),
        named_outputs(),
        unknown_fields(ELEMENT_FIELDS_WITHOUT_PROPERTIES),
    )
        .prop_map(|(id, outputs, extra)| {
            let mut element = PercentageElement::new(id, outputs);
            element.unknown_fields = extra;
            element.into()
        })
}

fn rate() -> impl Strategy<Value = Element> {
    let properties = (
        text(),
        number(),
        limit_type(),
        number(),
        unknown_fields(&["key", "limit", "limitType", "window"]),
    )
        .prop_map(|(key, limit, limit_type, window, extra)| {
            let mut properties = RateProperties::new(key, limit, limit_type, window);
            properties.unknown_fields = extra;
            properties
        });
    (
        text(),
        success_or_fallback(),
        properties,
        unknown_fields(ELEMENT_FIELDS),
    )
        .prop_map(|(id, outputs, properties, extra)| {
            let mut element = RateElement::new(id, outputs, properties);
            element.unknown_fields = extra;
            element.into()
        })
}

fn model() -> impl Strategy<Value = Element> {
    let properties = (
        text(),
        text(),
        number(),
        number(),
        unknown_fields(&["provider", "model", "timeout", "retries"]),
    )
        .prop_map(|(provider, model, timeout, retries, extra)| {
            let mut properties = ModelProperties::new(provider, model, timeout, retries);
            properties.unknown_fields = extra;
            properties
        });
    (
        text(),
        success_or_fallback(),
        properties,
        unknown_fields(ELEMENT_FIELDS),
    )
        .prop_map(|(id, outputs, properties, extra)| {
            let mut element = ModelElement::new(id, outputs, properties);
            element.unknown_fields = extra;
            element.into()
        })
}

fn end() -> impl Strategy<Value = Element> {
    (
        text(),
        named_outputs(),
        unknown_fields(ELEMENT_FIELDS_WITHOUT_PROPERTIES),
    )
        .prop_map(|(id, outputs, extra)| {
            let mut element = EndElement::new(id, outputs);
            element.unknown_fields = extra;
            element.into()
        })
}

/// The JSON of an element kind this SDK does not know: any tag but a known one, any fields
/// (including ones named like known fields, with any values).
fn unknown_kind_json() -> impl Strategy<Value = Value> {
    let kind = prop_oneof![
        prop::sample::select(vec!["cache", "Start", "START", "start ", "", "retry"])
            .prop_map(str::to_owned),
        text(),
    ]
    .prop_filter("a known kind", |kind| !KNOWN_KINDS.contains(&kind.as_str()));
    (kind, unknown_fields(&["type"])).prop_map(|(kind, mut fields)| {
        fields.insert("type".to_owned(), Value::String(kind));
        Value::Object(fields)
    })
}

fn unknown() -> impl Strategy<Value = Element> {
    unknown_kind_json().prop_map(|json| cloudflare_sdk::from_api_value(json).unwrap())
}

fn element() -> impl Strategy<Value = Element> {
    prop_oneof![
        start(),
        conditional(),
        percentage(),
        rate(),
        model(),
        end(),
        unknown()
    ]
}

/// Serializes `element`, deserializes it again from the `Value` and from the text, and
/// checks both give the same element and the same JSON.
fn assert_survives(element: &Element) -> Result<(), TestCaseError> {
    let json = serde_json::to_value(element).unwrap();
    prop_assert_eq!(&json["type"], &Value::String(element.kind().to_owned()));

    let from_value: Element = cloudflare_sdk::from_api_value(json.clone())
        .map_err(|err| TestCaseError::fail(format!("{err}\njson: {json}")))?;
    prop_assert_eq!(&from_value, element);
    prop_assert_eq!(serde_json::to_value(&from_value).unwrap(), json.clone());

    let text = serde_json::to_string(element).unwrap();
    let from_text: Element = cloudflare_sdk::from_api_json(&text)
        .map_err(|err| TestCaseError::fail(format!("{err}\ntext: {text}")))?;
    prop_assert_eq!(&from_text, element, "text: {}", text);
    prop_assert_eq!(serde_json::to_string(&from_text).unwrap(), text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_elements_of_every_kind_survive_serialize_then_deserialize(
        element in element()
    ) {
        assert_survives(&element)?;
    }

    #[test]
    fn arbitrary_unknown_kinds_decode_as_unknown_with_their_json_kept(json in unknown_kind_json()) {
        let element: Element = cloudflare_sdk::from_api_value(json.clone()).unwrap();
        let Element::Unknown(unknown) = &element else {
            return Err(TestCaseError::fail(format!("decoded as a known kind: {element:?}")));
        };
        prop_assert_eq!(Some(unknown.kind()), json["type"].as_str());
        prop_assert_eq!(&Value::Object(unknown.json().clone()), &json);
        prop_assert_eq!(serde_json::to_value(&element).unwrap(), json);
        assert_survives(&element)?;
    }

    #[test]
    fn arbitrary_request_bodies_survive_serialize_then_deserialize(
        elements in prop::collection::vec(element(), 0..4),
        extra in unknown_fields(&["elements"]),
    ) {
        let mut body = CreateRouteVersion::new(elements);
        body.unknown_fields = extra;
        let json = serde_json::to_value(&body).unwrap();
        let decoded: CreateRouteVersion = cloudflare_sdk::from_api_value(json.clone()).unwrap();
        prop_assert_eq!(&decoded, &body);
        let text = serde_json::to_string(&body).unwrap();
        let decoded: CreateRouteVersion = cloudflare_sdk::from_api_json(&text).unwrap();
        prop_assert_eq!(&decoded, &body);
        prop_assert_eq!(serde_json::to_value(&decoded).unwrap(), json);
    }
}
