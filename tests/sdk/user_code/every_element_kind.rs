//! Every element kind can be built from its required fields, optional ones added with
//! `with_*`, and turned into an `Element`; code matching on `Element` needs a wildcard arm
//! and can read an unknown kind's name and JSON.

use std::collections::BTreeMap;

use cloudflare_sdk::{
    ConditionalElement, ConditionalOutputs, ConditionalProperties, Element, ElementRef, EndElement,
    LimitType, ModelElement, ModelProperties, Number, PercentageElement, RateElement,
    RateProperties, StartElement, StartOutputs, SuccessOrFallback,
};
use serde_json::json;

fn every_kind() -> Vec<Element> {
    let start = StartElement::new("start", StartOutputs::new(ElementRef::new("plan-check")));

    let conditional = ConditionalElement::new(
        "plan-check",
        ConditionalOutputs::new(ElementRef::new("rate"), ElementRef::new("split")),
        ConditionalProperties::default().with_conditions(json!({ "metadata.plan": "paid" })),
    );
    // Optional fields can also be left out entirely.
    let _no_conditions = ConditionalProperties::default();

    let mut outputs = BTreeMap::new();
    outputs.insert("0.7".to_owned(), ElementRef::new("small-model"));
    outputs.insert("0.3".to_owned(), ElementRef::new("large-model"));
    let percentage = PercentageElement::new("split", outputs);

    let rate = RateElement::new(
        "rate",
        SuccessOrFallback::new(
            ElementRef::new("large-model"),
            ElementRef::new("small-model"),
        ),
        RateProperties::new("metadata.user_id", 100, LimitType::Count, 60),
    );

    let model = ModelElement::new(
        "large-model",
        SuccessOrFallback::new(ElementRef::new("end"), ElementRef::new("small-model")),
        ModelProperties::new("openai", "gpt-4o", Number::from_f64(2.5).unwrap(), 2u8),
    );

    let end = EndElement::new("end", BTreeMap::new());

    vec![
        start.into(),
        conditional.into(),
        percentage.into(),
        rate.into(),
        model.into(),
        Element::from(end),
    ]
}

fn describe(element: &Element) -> String {
    match element {
        Element::Start(start) => format!("start -> {}", start.outputs.next.element_id),
        Element::Conditional(conditional) => format!(
            "if -> {} else -> {}",
            conditional.outputs.if_true.element_id, conditional.outputs.if_false.element_id
        ),
        Element::Rate(rate) => format!("rate limit by {}", rate.properties.limit_type),
        Element::Unknown(unknown) => {
            format!(
                "unknown `{}` with {} fields",
                unknown.kind(),
                unknown.json().len()
            )
        }
        // `Element` is non_exhaustive: kinds added later land here.
        other => other.kind().to_owned(),
    }
}

#[test]
fn every_element_kind_can_be_built_matched_and_edited() {
    let elements = every_kind();
    assert_eq!(elements.len(), 6);
    assert_eq!(describe(&elements[0]), "start -> plan-check");

    // Fields are public and can be edited in place.
    let mut edited = elements[3].clone();
    if let Element::Rate(rate) = &mut edited {
        rate.properties.limit = 250.into();
        rate.unknown_fields
            .insert("note".to_owned(), json!("raised"));
    }
    assert_ne!(edited, elements[3]);

    // Only data the API sent can hold an unknown kind.
    let unknown: Element =
        cloudflare_sdk::from_api_value(json!({ "type": "cache", "ttl": 60 })).unwrap();
    assert_eq!(describe(&unknown), "unknown `cache` with 2 fields");
}
