//! The shortest correct way to build the six kinds of element: a constructor per kind on
//! `Element`, ids where a link is wanted, plain numbers, arrays for lists and maps, `json!`
//! for conditions, and parsed enum values.

use cloudflare_sdk::{
    ConditionalOutputs, ConditionalProperties, CreateRouteVersion, Element, LimitType,
    ModelProperties, RateProperties, SuccessOrFallback, json,
};

#[test]
fn a_route_graph_can_be_built_the_short_way() {
    let limit_type: LimitType = "count".parse().expect("a known limit type");
    let body = CreateRouteVersion::new([
        Element::start("start", "plan"),
        Element::conditional(
            "plan",
            ConditionalOutputs::new("limit", "split"),
            ConditionalProperties::new().with_conditions(json!({ "metadata.plan": "free" })),
        ),
        Element::rate(
            "limit",
            SuccessOrFallback::new("small", "end"),
            RateProperties::new("metadata.user_id", 100, limit_type, 60.5),
        ),
        Element::percentage("split", [("0.7".into(), "small".into())]),
        Element::model(
            "small",
            SuccessOrFallback::new("end", "end"),
            ModelProperties::new("openai", "gpt-4o-mini", 30, 2),
        ),
        Element::end("end", []),
    ]);
    assert_eq!(body.elements.len(), 6);
    // A list argument takes any iterator of elements, variant structs converted.
    let starts = (0..3).map(|i| Element::start(format!("start-{i}"), "end"));
    assert_eq!(CreateRouteVersion::new(starts).elements.len(), 3);
}
