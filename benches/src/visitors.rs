//! The SDK's element types with hand-written `Deserialize` visitors in place of
//! `#[serde(flatten)]`: a prototype of emitter recommendation 2 in `docs/benchmarks.md`,
//! measured as `sdk_visitors`. Each struct matches its known wire names and puts every
//! other key straight into `unknown_fields`, with no intermediate buffer.
//!
//! The structs mirror the generated ones field for field (same types, same
//! `unknown_fields` map), so the figure is what the emitter change would give.

use std::collections::BTreeMap;
use std::fmt;

use cloudflare_sdk::LimitType;

use crate::union::KeySeed;
use serde::de::{Error, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Number, Value};

/// A struct with required fields, optional fields (`Option<T>`, absent or present — even
/// `null` — as the SDK's `present` helper does) and `unknown_fields`, with the visitor the
/// emitter would generate for it.
macro_rules! lossless_struct {
    (
        $(#[$doc:meta])* $name:ident {
            $($field:ident: $ty:ty = $wire:literal,)*
            $(? $opt:ident: $opt_ty:ty = $opt_wire:literal,)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Serialize)]
        pub struct $name {
            $(
                #[allow(missing_docs, reason = "mirrors the generated field")]
                #[serde(rename = $wire)]
                pub $field: $ty,
            )*
            $(
                #[allow(missing_docs, reason = "mirrors the generated field")]
                #[serde(rename = $opt_wire, skip_serializing_if = "Option::is_none")]
                pub $opt: Option<$opt_ty>,
            )*
            /// Fields not known here, kept to be sent back.
            #[serde(flatten)]
            pub unknown_fields: Map<String, Value>,
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct StructVisitor;

                impl<'de> Visitor<'de> for StructVisitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("struct ", stringify!($name)))
                    }

                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        $(let mut $field: Option<$ty> = None;)*
                        $(let mut $opt: Option<$opt_ty> = None;)*
                        let mut unknown_fields = Map::new();
                        while let Some(key) = map.next_key_seed(KeySeed)? {
                            match key.as_ref() {
                                $($wire => {
                                    if $field.is_some() {
                                        return Err(A::Error::duplicate_field($wire));
                                    }
                                    $field = Some(map.next_value()?);
                                })*
                                $($opt_wire => {
                                    if $opt.is_some() {
                                        return Err(A::Error::duplicate_field($opt_wire));
                                    }
                                    $opt = Some(map.next_value()?);
                                })*
                                _ => {
                                    let value: Value = map.next_value()?;
                                    unknown_fields.insert(key.into_owned(), value);
                                }
                            }
                        }
                        Ok($name {
                            $($field: $field.ok_or_else(|| A::Error::missing_field($wire))?,)*
                            $($opt,)*
                            unknown_fields,
                        })
                    }
                }

                deserializer.deserialize_map(StructVisitor)
            }
        }
    };
}

lossless_struct! {
    /// Mirrors `ElementRef`.
    ElementRef { element_id: String = "elementId", }
}
lossless_struct! {
    /// Mirrors `StartOutputs`.
    StartOutputs { next: ElementRef = "next", }
}
lossless_struct! {
    /// Mirrors `ConditionalOutputs`.
    ConditionalOutputs { if_true: ElementRef = "true", if_false: ElementRef = "false", }
}
lossless_struct! {
    /// Mirrors `ConditionalProperties`.
    ConditionalProperties { ? conditions: Value = "conditions", }
}
lossless_struct! {
    /// Mirrors `SuccessOrFallback`.
    SuccessOrFallback { success: ElementRef = "success", fallback: ElementRef = "fallback", }
}
lossless_struct! {
    /// Mirrors `RateProperties`.
    RateProperties {
        key: String = "key",
        limit: Number = "limit",
        limit_type: LimitType = "limitType",
        window: Number = "window",
    }
}
lossless_struct! {
    /// Mirrors `ModelProperties`.
    ModelProperties {
        provider: String = "provider",
        model: String = "model",
        timeout: Number = "timeout",
        retries: Number = "retries",
    }
}
lossless_struct! {
    /// Mirrors `StartElement`.
    StartElement { id: String = "id", outputs: StartOutputs = "outputs", }
}
lossless_struct! {
    /// Mirrors `ConditionalElement`.
    ConditionalElement {
        id: String = "id",
        outputs: ConditionalOutputs = "outputs",
        properties: ConditionalProperties = "properties",
    }
}
lossless_struct! {
    /// Mirrors `PercentageElement` and `EndElement`.
    MapOutputsElement { id: String = "id", outputs: BTreeMap<String, ElementRef> = "outputs", }
}
lossless_struct! {
    /// Mirrors `RateElement`.
    RateElement {
        id: String = "id",
        outputs: SuccessOrFallback = "outputs",
        properties: RateProperties = "properties",
    }
}
lossless_struct! {
    /// Mirrors `ModelElement`.
    ModelElement {
        id: String = "id",
        outputs: SuccessOrFallback = "outputs",
        properties: ModelProperties = "properties",
    }
}

/// `Element` over the structs above, through the streaming union decoder.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Element {
    /// A start element.
    Start(StartElement),
    /// A conditional element.
    Conditional(ConditionalElement),
    /// A percentage element.
    Percentage(MapOutputsElement),
    /// A rate element.
    Rate(RateElement),
    /// A model element.
    Model(ModelElement),
    /// An end element.
    End(MapOutputsElement),
    /// A kind not known here, kept whole (tag included).
    #[serde(untagged)]
    Unknown(Map<String, Value>),
}

impl crate::union::TaggedUnion for Element {
    const TAG: &'static str = "type";

    fn decode_variant<'de, D: Deserializer<'de>>(kind: &str, fields: D) -> Result<Self, D::Error> {
        match kind {
            "start" => StartElement::deserialize(fields).map(Self::Start),
            "conditional" => ConditionalElement::deserialize(fields).map(Self::Conditional),
            "percentage" => MapOutputsElement::deserialize(fields).map(Self::Percentage),
            "rate" => RateElement::deserialize(fields).map(Self::Rate),
            "model" => ModelElement::deserialize(fields).map(Self::Model),
            "end" => MapOutputsElement::deserialize(fields).map(Self::End),
            _ => Map::deserialize(fields).map(|mut fields| {
                fields.insert("type".to_owned(), Value::String(kind.to_owned()));
                Self::Unknown(fields)
            }),
        }
    }
}

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::union::deserialize(deserializer)
    }
}
