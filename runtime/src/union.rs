//! Decoding of tagged unions (`{"type": "start", ...}`), shared by every generated union.
//!
//! The generated `Deserialize` impl picks the variant from the tag and keeps unknown kinds
//! whole, which serde's derive cannot do.
//!
//! [`deserialize`] with a [`TaggedUnion`] impl streams: the fields before the tag are
//! buffered (usually none, or just `id`), and once the tag is read, the rest of the object
//! is decoded straight into the variant's struct, with no intermediate tree. With the tag
//! first or second this decodes faster than serde's internally tagged derive, which
//! buffers every object whole; with the tag last it is about as fast
//! (see `docs/benchmarks.md`).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{
    DeserializeSeed, EnumAccess, Error, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Deserializer, forward_to_deserialize_any};
use serde_json::Value;

/// A tagged union as the generated code describes it to [`deserialize`].
pub trait TaggedUnion: Sized {
    /// Wire name of the field holding the variant's name, e.g. `type`.
    const TAG: &'static str;

    /// Decodes the variant named `kind` from the object's other fields (the tag removed).
    ///
    /// `fields` is a map deserializer: a known kind passes it to its struct's
    /// `Deserialize`; an unknown kind reads it as a `Map<String, Value>` to keep it whole.
    fn decode_variant<'de, D: Deserializer<'de>>(kind: &str, fields: D) -> Result<Self, D::Error>;
}

/// Decodes a tagged union member, streaming the fields that follow the tag into the variant.
pub fn deserialize<'de, D: Deserializer<'de>, U: TaggedUnion>(
    deserializer: D,
) -> Result<U, D::Error> {
    deserializer.deserialize_map(UnionVisitor(PhantomData))
}

/// Reads the member's map until the tag, then hands the rest to the variant.
struct UnionVisitor<U>(PhantomData<U>);

impl<'de, U: TaggedUnion> Visitor<'de> for UnionVisitor<U> {
    type Value = U;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a map with a string `{}` field", U::TAG)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
        // Fields seen before the tag, kept as parsed (strings borrowed from the input
        // when possible) and replayed into the variant. Servers usually send the tag first
        // or second, so this stays empty or holds one short string: the first field is
        // kept inline, and only a second one allocates.
        let mut before_tag = Buffered::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key != U::TAG {
                let value = map.next_value_seed(ContentSeed)?;
                before_tag.push(key, value);
                continue;
            }
            let kind = match map.next_value_seed(TagSeed)? {
                Tag::Str(kind) => kind,
                Tag::Other(other) => {
                    return Err(A::Error::custom(format_args!(
                        "field `{}` must be a string, found {other}",
                        U::TAG
                    )));
                }
            };
            let fields = Fields {
                tag: U::TAG,
                before_tag: before_tag.into_iter(),
                pending: None,
                rest: map,
            };
            return U::decode_variant(&kind, fields)
                .map_err(|err| A::Error::custom(format_args!("invalid `{kind}` variant: {err}")));
        }
        Err(A::Error::missing_field(U::TAG))
    }
}

/// A field read before the tag: its name and its value as parsed.
type Entry<'de> = (Cow<'de, str>, Content<'de>);

/// The buffered fields, in the order they were read.
type Entries<'de> =
    std::iter::Chain<std::option::IntoIter<Entry<'de>>, std::vec::IntoIter<Entry<'de>>>;

/// The fields read before the tag, in order; the first without allocating.
#[derive(Default)]
struct Buffered<'de> {
    first: Option<Entry<'de>>,
    more: Vec<Entry<'de>>,
}

impl<'de> Buffered<'de> {
    fn push(&mut self, key: Cow<'de, str>, value: Content<'de>) {
        if self.first.is_none() {
            self.first = Some((key, value));
        } else {
            self.more.push((key, value));
        }
    }

    fn into_iter(self) -> Entries<'de> {
        self.first.into_iter().chain(self.more)
    }
}

/// Reads a key, borrowing it from the input when the deserializer allows.
pub(crate) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(KeySeed)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// The tag's value: a string as expected, or anything else, kept to show in the error.
enum Tag<'de> {
    Str(Cow<'de, str>),
    Other(Value),
}

/// Reads the tag's value without allocating when it can be borrowed.
struct TagSeed;

impl<'de> DeserializeSeed<'de> for TagSeed {
    type Value = Tag<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(TagSeed)
    }
}

impl<'de> Visitor<'de> for TagSeed {
    type Value = Tag<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Tag::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Tag::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Tag::Str(Cow::Owned(v)))
    }

    // Anything else is an error; keep the value so that the message can show it.
    fn visit_bool<E: Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Tag::Other(Value::Bool(v)))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Tag::Other(Value::from(v)))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Tag::Other(Value::from(v)))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Tag::Other(Value::from(v)))
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Tag::Other(Value::Null))
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Tag::Other(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Tag::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Tag::Other)
    }
}

/// The member's fields other than the tag: those buffered before it, then the rest of
/// the live map. It is a map deserializer, so a variant's derived `Deserialize` reads it.
struct Fields<'de, A> {
    /// The tag's name: a second tag after the first is an error, as a repeated field is
    /// for serde's derive (otherwise it would land in the variant's unknown fields and be
    /// sent back twice).
    tag: &'static str,
    before_tag: Entries<'de>,
    /// The value of the buffered key just returned by `next_key_seed`.
    pending: Option<Content<'de>>,
    rest: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Fields<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let key = match self.before_tag.next() {
            Some((key, value)) => {
                self.pending = Some(value);
                key
            }
            None => match self.rest.next_key_seed(KeySeed)? {
                Some(key) if key == self.tag => return Err(A::Error::duplicate_field(self.tag)),
                Some(key) => key,
                None => return Ok(None),
            },
        };
        match key {
            Cow::Borrowed(key) => seed.deserialize(BorrowedStrDeserializer::new(key)),
            Cow::Owned(key) => seed.deserialize(key.into_deserializer()),
        }
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(ContentDeserializer::new(value)),
            None => self.rest.next_value_seed(seed),
        }
    }
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Fields<'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A JSON value buffered as parsed: what [`Fields`] replays for the fields that came
/// before the tag.
///
/// Cheaper than `serde_json::Value`: strings stay borrowed from the input when the
/// deserializer allows, maps are plain vectors, and numbers keep the exact form the
/// deserializer gave (`u64`, `i64` or `f64`), so replaying them into a `Number` gives the
/// same `Number` as decoding directly would.
enum Content<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(&'de str),
    String(String),
    Bytes(Vec<u8>),
    Some(Box<Content<'de>>),
    Seq(Vec<Content<'de>>),
    Map(Vec<(Content<'de>, Content<'de>)>),
}

/// Reads any value into a [`Content`].
struct ContentSeed;

impl<'de> DeserializeSeed<'de> for ContentSeed {
    type Value = Content<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(ContentSeed)
    }
}

impl<'de> Visitor<'de> for ContentSeed {
    type Value = Content<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Content::Bool(v))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Content::I64(v))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Content::U64(v))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Content::F64(v))
    }

    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Content::Str(v))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Content::String(v.to_owned()))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Content::String(v))
    }

    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(Content::Bytes(v.to_owned()))
    }

    fn visit_byte_buf<E: Error>(self, v: Vec<u8>) -> Result<Self::Value, E> {
        Ok(Content::Bytes(v))
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Content::Null)
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Content::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Ok(Content::Some(Box::new(
            deserializer.deserialize_any(ContentSeed)?,
        )))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(ContentSeed)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(ContentSeed)? {
            items.push(item);
        }
        Ok(Content::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(key) = map.next_key_seed(ContentSeed)? {
            let value = map.next_value_seed(ContentSeed)?;
            entries.push((key, value));
        }
        Ok(Content::Map(entries))
    }
}

/// Replays a [`Content`] into any `Deserialize`, with the caller's error type.
struct ContentDeserializer<'de, E> {
    content: Content<'de>,
    error: PhantomData<E>,
}

impl<'de, E> ContentDeserializer<'de, E> {
    fn new(content: Content<'de>) -> Self {
        Self {
            content,
            error: PhantomData,
        }
    }
}

impl<'de, E: Error> Deserializer<'de> for ContentDeserializer<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.content {
            Content::Null => visitor.visit_unit(),
            Content::Bool(v) => visitor.visit_bool(v),
            Content::U64(v) => visitor.visit_u64(v),
            Content::I64(v) => visitor.visit_i64(v),
            Content::F64(v) => visitor.visit_f64(v),
            Content::Str(v) => visitor.visit_borrowed_str(v),
            Content::String(v) => visitor.visit_string(v),
            Content::Bytes(v) => visitor.visit_byte_buf(v),
            Content::Some(v) => visitor.visit_some(ContentDeserializer::new(*v)),
            Content::Seq(items) => visitor.visit_seq(Replay::<'de, E, Content<'de>> {
                items: items.into_iter(),
                value: None,
                error: PhantomData,
            }),
            Content::Map(entries) => visitor.visit_map(Replay::<'de, E, _> {
                items: entries.into_iter(),
                value: None,
                error: PhantomData,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.content {
            Content::Null => visitor.visit_none(),
            Content::Some(v) => visitor.visit_some(ContentDeserializer::new(*v)),
            content => visitor.visit_some(ContentDeserializer::new(content)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        // A unit variant is a string, as in JSON; a variant with data is a one-entry map.
        match self.content {
            Content::Str(v) => visitor.visit_enum(BorrowedStrDeserializer::new(v)),
            Content::String(v) => visitor.visit_enum(v.into_deserializer()),
            Content::Map(mut entries) if entries.len() == 1 => {
                let (variant, value) = entries.pop().expect("one entry");
                visitor.visit_enum(EnumReplay {
                    variant,
                    value,
                    error: PhantomData,
                })
            }
            content => ContentDeserializer::new(content).deserialize_any(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// Replays the items of a buffered array, or the entries of a buffered object.
struct Replay<'de, E, T> {
    items: std::vec::IntoIter<T>,
    /// The value of the entry whose key was just returned.
    value: Option<Content<'de>>,
    error: PhantomData<E>,
}

impl<'de, E: Error> SeqAccess<'de> for Replay<'de, E, Content<'de>> {
    type Error = E;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, E> {
        self.items
            .next()
            .map(|item| seed.deserialize(ContentDeserializer::new(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

impl<'de, E: Error> MapAccess<'de> for Replay<'de, E, (Content<'de>, Content<'de>)> {
    type Error = E;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, E> {
        let Some((key, value)) = self.items.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(ContentDeserializer::new(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, E> {
        let value = self
            .value
            .take()
            .ok_or_else(|| E::custom("a map value was read before its key"))?;
        seed.deserialize(ContentDeserializer::new(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// Replays a one-entry object as an enum variant with data.
struct EnumReplay<'de, E> {
    variant: Content<'de>,
    value: Content<'de>,
    error: PhantomData<E>,
}

impl<'de, E: Error> EnumAccess<'de> for EnumReplay<'de, E> {
    type Error = E;
    type Variant = ContentDeserializer<'de, E>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), E> {
        let variant = seed.deserialize(ContentDeserializer::<E>::new(self.variant))?;
        Ok((variant, ContentDeserializer::new(self.value)))
    }
}

impl<'de, E: Error> serde::de::VariantAccess<'de> for ContentDeserializer<'de, E> {
    type Error = E;

    fn unit_variant(self) -> Result<(), E> {
        serde::de::IgnoredAny::deserialize(self).map(|_| ())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, E> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, E> {
        self.deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        self.deserialize_any(visitor)
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::{Map, Number};

    use super::*;

    /// A small union shaped like a generated one: known variants with unknown fields kept,
    /// and unknown kinds kept whole.
    #[derive(Debug, PartialEq, Serialize)]
    #[serde(tag = "kind")]
    enum Shape {
        #[serde(rename = "circle")]
        Circle(Circle),
        #[serde(untagged)]
        Unknown(Map<String, Value>),
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Circle {
        radius: Number,
        #[serde(
            default,
            deserialize_with = "present",
            skip_serializing_if = "Option::is_none"
        )]
        label: Option<Option<String>>,
        #[serde(flatten)]
        unknown_fields: Map<String, Value>,
    }

    impl TaggedUnion for Shape {
        const TAG: &'static str = "kind";

        fn decode_variant<'de, D: Deserializer<'de>>(
            kind: &str,
            fields: D,
        ) -> Result<Self, D::Error> {
            match kind {
                "circle" => Circle::deserialize(fields).map(Self::Circle),
                _ => Map::deserialize(fields).map(|mut fields| {
                    fields.insert(Self::TAG.to_owned(), Value::String(kind.to_owned()));
                    Self::Unknown(fields)
                }),
            }
        }
    }

    impl<'de> Deserialize<'de> for Shape {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::deserialize(deserializer)
        }
    }

    /// As the runtime's `serde_helpers::present`; repeated so that this file also compiles
    /// on its own (the benchmarks include it).
    fn present<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::deserialize(deserializer).map(Some)
    }

    /// Decodes `text` from text and from a `Value`, checks both agree and re-encode to the
    /// same JSON, and returns the decoded value.
    #[track_caller]
    fn roundtrip(text: &str) -> Shape {
        let from_text: Shape = serde_json::from_str(text).unwrap();
        let value: Value = serde_json::from_str(text).unwrap();
        let from_value: Shape = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(from_text, from_value);
        assert_eq!(serde_json::to_value(&from_text).unwrap(), value);
        from_text
    }

    #[track_caller]
    fn error(text: &str) -> String {
        let from_text = serde_json::from_str::<Shape>(text).unwrap_err().to_string();
        let value: Value = serde_json::from_str(text).unwrap();
        let from_value = serde_json::from_value::<Shape>(value)
            .unwrap_err()
            .to_string();
        assert!(
            from_text.starts_with(&from_value),
            "{from_text} / {from_value}"
        );
        from_value
    }

    #[test]
    fn the_tag_may_stand_anywhere_and_every_field_is_kept() {
        let extra = r#""extra":{"deep":[1,-2,0.1,1e300,18446744073709551615,null,"s\"q"]}"#;
        let texts = [
            format!(r#"{{"kind":"circle","radius":2,"label":null,{extra}}}"#),
            format!(r#"{{"radius":2,"kind":"circle","label":null,{extra}}}"#),
            format!(r#"{{"radius":2,"label":null,{extra},"kind":"circle"}}"#),
            format!(r#"{{{extra},"label":null,"radius":2,"kind":"circle"}}"#),
        ];
        for text in &texts {
            let Shape::Circle(circle) = roundtrip(text) else {
                panic!("{text}: not a circle");
            };
            assert_eq!(circle.radius, Number::from(2), "{text}");
            assert_eq!(
                circle.label,
                Some(None),
                "{text}: null is kept apart from absent"
            );
            assert_eq!(circle.unknown_fields.len(), 1, "{text}");
        }
    }

    #[test]
    fn buffered_fields_keep_exact_numbers_and_escaped_strings() {
        for radius in [
            "0.1",
            "1e300",
            "-9223372036854775808",
            "18446744073709551615",
            "100",
        ] {
            let text = format!(r#"{{"radius":{radius},"label":"a\"b","kind":"circle"}}"#);
            let Shape::Circle(circle) = roundtrip(&text) else {
                panic!("not a circle");
            };
            let exact: Number = serde_json::from_str(radius).unwrap();
            assert_eq!(circle.radius, exact, "{radius}");
            assert_eq!(circle.label, Some(Some("a\"b".to_owned())));
        }
    }

    #[test]
    fn unknown_kinds_are_kept_whole_wherever_the_tag_stands() {
        for text in [
            r#"{"kind":"square","side":3,"nested":{"a":[true]}}"#,
            r#"{"side":3,"nested":{"a":[true]},"kind":"square"}"#,
        ] {
            assert!(matches!(roundtrip(text), Shape::Unknown(_)), "{text}");
        }
    }

    #[test]
    fn errors_name_the_problem() {
        assert!(error(r#"{"radius":1}"#).contains("missing field `kind`"));
        let message = error(r#"{"kind":3,"radius":1}"#);
        assert!(
            message.contains("field `kind` must be a string, found 3"),
            "{message}"
        );
        let message = error(r#"{"label":"x","kind":"circle"}"#);
        assert!(message.contains("invalid `circle` variant"), "{message}");
        assert!(message.contains("missing field `radius`"), "{message}");
        // Only text can repeat a key (a `Value` keeps the last).
        let message =
            serde_json::from_str::<Shape>(r#"{"kind":"circle","radius":1,"kind":"circle"}"#)
                .unwrap_err()
                .to_string();
        assert!(message.contains("duplicate field `kind`"), "{message}");
        let message = error(r#"{"kind":"circle","radius":"big"}"#);
        assert!(message.contains("invalid `circle` variant"), "{message}");
        for text in [r#""circle""#, "null", "[1]"] {
            assert!(error(text).contains("expected a map"), "{text}");
        }
    }
}
