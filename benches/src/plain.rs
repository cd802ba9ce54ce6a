//! The route graph as other generators emit it (progenitor, typify, openapi-generator):
//! plain `#[derive(Serialize, Deserialize)]` structs, `f64` for numbers, and an internally
//! tagged enum `#[serde(tag = "type")]`. The baseline of the serde benchmarks.
//!
//! It is lossy, which is why the SDK does not emit it: unknown element kinds are errors,
//! unknown fields are dropped, and `100` comes back as `100.0`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One node of a route graph, decoded by serde's internally tagged derive, which buffers
/// each object whole before it picks the variant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Element {
    /// A start element.
    Start { id: String, outputs: StartOutputs },
    /// A conditional element.
    Conditional {
        id: String,
        outputs: ConditionalOutputs,
        properties: ConditionalProperties,
    },
    /// A percentage element.
    Percentage {
        id: String,
        outputs: BTreeMap<String, ElementRef>,
    },
    /// A rate element.
    Rate {
        id: String,
        outputs: SuccessOrFallback,
        properties: RateProperties,
    },
    /// A model element.
    Model {
        id: String,
        outputs: SuccessOrFallback,
        properties: ModelProperties,
    },
    /// An end element.
    End {
        id: String,
        outputs: BTreeMap<String, ElementRef>,
    },
}

/// A link to the next element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ElementRef {
    /// Target element.
    #[serde(rename = "elementId")]
    pub element_id: String,
}

/// Outputs of a start element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StartOutputs {
    /// First element.
    pub next: ElementRef,
}

/// Outputs of a conditional element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConditionalOutputs {
    /// Taken when the conditions match.
    #[serde(rename = "true")]
    pub if_true: ElementRef,
    /// Taken otherwise.
    #[serde(rename = "false")]
    pub if_false: ElementRef,
}

/// Settings of a conditional element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConditionalProperties {
    /// The conditions, as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<serde_json::Value>,
}

/// Outputs of a rate or model element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuccessOrFallback {
    /// On success.
    pub success: ElementRef,
    /// On failure.
    pub fallback: ElementRef,
}

/// What a rate limit counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LimitType {
    /// Requests.
    Count,
    /// Cost.
    Cost,
}

/// Settings of a rate element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateProperties {
    /// Counting key.
    pub key: String,
    /// Limit.
    pub limit: f64,
    /// What is counted.
    #[serde(rename = "limitType")]
    pub limit_type: LimitType,
    /// Window.
    pub window: f64,
}

/// Settings of a model element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelProperties {
    /// Provider.
    pub provider: String,
    /// Model.
    pub model: String,
    /// Timeout.
    pub timeout: f64,
    /// Retries.
    pub retries: f64,
}

/// The same plain structs decoded through the SDK's streaming union decoder instead of
/// serde's buffering derive: separates what streaming saves from what the SDK's lossless
/// types (unknown-field maps, exact numbers) cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Streamed {
    /// A start element.
    Start(StartFields),
    /// A conditional element.
    Conditional(ConditionalFields),
    /// A percentage element.
    Percentage(MapOutputsFields),
    /// A rate element.
    Rate(RateFields),
    /// A model element.
    Model(ModelFields),
    /// An end element.
    End(MapOutputsFields),
}

impl crate::union::TaggedUnion for Streamed {
    const TAG: &'static str = "type";

    fn decode_variant<'de, D: serde::Deserializer<'de>>(
        kind: &str,
        fields: D,
    ) -> Result<Self, D::Error> {
        match kind {
            "start" => StartFields::deserialize(fields).map(Self::Start),
            "conditional" => ConditionalFields::deserialize(fields).map(Self::Conditional),
            "percentage" => MapOutputsFields::deserialize(fields).map(Self::Percentage),
            "rate" => RateFields::deserialize(fields).map(Self::Rate),
            "model" => ModelFields::deserialize(fields).map(Self::Model),
            "end" => MapOutputsFields::deserialize(fields).map(Self::End),
            other => Err(serde::de::Error::unknown_variant(
                other,
                &["start", "conditional", "percentage", "rate", "model", "end"],
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Streamed {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::union::deserialize(deserializer)
    }
}

/// Fields of a start element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StartFields {
    /// Identifier.
    pub id: String,
    /// Outputs.
    pub outputs: StartOutputs,
}

/// Fields of a conditional element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConditionalFields {
    /// Identifier.
    pub id: String,
    /// Outputs.
    pub outputs: ConditionalOutputs,
    /// Conditions.
    pub properties: ConditionalProperties,
}

/// Fields of a percentage or end element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapOutputsFields {
    /// Identifier.
    pub id: String,
    /// Outputs by name.
    pub outputs: BTreeMap<String, ElementRef>,
}

/// Fields of a rate element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateFields {
    /// Identifier.
    pub id: String,
    /// Outputs.
    pub outputs: SuccessOrFallback,
    /// Limit.
    pub properties: RateProperties,
}

/// Fields of a model element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelFields {
    /// Identifier.
    pub id: String,
    /// Outputs.
    pub outputs: SuccessOrFallback,
    /// Model call.
    pub properties: ModelProperties,
}
