//! Stage 1, parse: serde structs that mirror the YAML spec format exactly (see
//! `spec/README.md`). Unknown keys are errors and every value keeps its source location,
//! so later stages can point at it.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Location, SourceFile};

/// A string together with where it was written.
pub type Text = Spanned<String>;

/// One file of `spec/`: named types and endpoints, both optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Named types, keyed by their Rust type name.
    #[serde(default)]
    pub types: IndexMap<Text, TypeDecl>,
    /// Endpoints, keyed by their dotted resource path (`ai_gateway.dynamic_routing.create`).
    #[serde(default)]
    pub endpoints: IndexMap<Text, EndpointDecl>,
}

/// A named type: exactly one of `fields` (struct), `enum` (string enum) or `union`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDecl {
    pub doc: Option<Text>,
    /// The namespace whose module holds the Rust type (`kv`, `zones.dns`); the crate's
    /// root when absent.
    pub module: Option<Text>,
    /// The Rust name there, when it is not the spec name (`KvNamespace` → `Namespace`).
    pub rust: Option<Text>,
    pub fields: Option<Spanned<IndexMap<Text, Spanned<FieldDecl>>>>,
    /// Wire values, each with an optional doc and Rust name.
    #[serde(rename = "enum")]
    pub values: Option<Spanned<IndexMap<Text, Option<Spanned<EnumValueDecl>>>>>,
    pub union: Option<Spanned<UnionDecl>>,
    /// An untagged union: variants by name, each a type expression, tried in order.
    pub one_of: Option<Spanned<IndexMap<Text, Spanned<FieldDecl>>>>,
}

/// One value of an enum, after its wire value: nothing, a doc (the short form), or
/// `{ doc, rust }`, where `rust` names a value whose wire value gives no Rust name (`""`,
/// `1`, an emoji) or not the one wanted.
#[derive(Debug, Default)]
pub struct EnumValueDecl {
    /// Without a location of its own in the short form: see [`EnumValueDecl::doc_of`].
    pub doc: Option<Text>,
    /// The value's Rust name (`UpperCamelCase`).
    pub rust: Option<Text>,
}

impl EnumValueDecl {
    /// The doc of an enum entry's value, located where it is written.
    pub fn doc_of(value: &Option<Spanned<Self>>) -> Option<Text> {
        let value = value.as_ref()?;
        let doc = value.value.doc.as_ref()?;
        Some(if doc.referenced == UNKNOWN {
            Spanned::new(doc.value.clone(), value.referenced, value.defined)
        } else {
            doc.clone()
        })
    }

    /// The `rust:` name of an enum entry's value, if it has one.
    pub fn rust_of(value: &Option<Spanned<Self>>) -> Option<&Text> {
        value.as_ref()?.value.rust.as_ref()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnumValueDetail {
    doc: Option<Text>,
    rust: Option<Text>,
}

impl<'de> Deserialize<'de> for EnumValueDecl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EnumValueVisitor;

        impl<'de> Visitor<'de> for EnumValueVisitor {
            type Value = EnumValueDecl;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("nothing, a doc, or a map with `doc`, `rust`")
            }

            fn visit_str<E: de::Error>(self, doc: &str) -> Result<EnumValueDecl, E> {
                Ok(EnumValueDecl {
                    doc: Some(Spanned::new(doc.to_owned(), UNKNOWN, UNKNOWN)),
                    rust: None,
                })
            }

            fn visit_unit<E: de::Error>(self) -> Result<EnumValueDecl, E> {
                Ok(EnumValueDecl::default())
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<EnumValueDecl, A::Error> {
                let detail = EnumValueDetail::deserialize(MapAccessDeserializer::new(map))?;
                Ok(EnumValueDecl {
                    doc: detail.doc,
                    rust: detail.rust,
                })
            }
        }

        deserializer.deserialize_any(EnumValueVisitor)
    }
}

/// A tagged union: an object whose `tag` field names its variant.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnionDecl {
    /// Wire name of the field that holds the variant's name, e.g. `type`.
    pub tag: Text,
    /// Variants keyed by their tag value.
    pub variants: IndexMap<Text, Spanned<VariantDecl>>,
}

/// One union variant: an object with its own fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantDecl {
    pub doc: Option<Text>,
    /// Name of the variant's struct; defaults to `{Variant}{Union}`, e.g. `StartElement`.
    pub name: Option<Text>,
    #[serde(default)]
    pub fields: IndexMap<Text, Spanned<FieldDecl>>,
}

/// A struct field or parameter: either a bare type expression (`elementId: string`) or
/// the full form.
#[derive(Debug)]
pub struct FieldDecl {
    /// Type expression: `string`, `list<Element>`, `ElementRef`, ...
    pub ty: Text,
    pub doc: Option<Text>,
    pub optional: bool,
    pub nullable: bool,
    /// Rust name, when the derived one is not good enough (`true` → `if_true`).
    pub rust: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldDetail {
    #[serde(rename = "type")]
    ty: Text,
    doc: Option<Text>,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    nullable: bool,
    rust: Option<Text>,
}

impl<'de> Deserialize<'de> for FieldDecl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;

        impl<'de> Visitor<'de> for FieldVisitor {
            type Value = FieldDecl;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a type expression or a map with `type`, `doc`, `optional`, `nullable`, `rust`",
                )
            }

            fn visit_str<E: de::Error>(self, ty: &str) -> Result<FieldDecl, E> {
                // The outer `Spanned<FieldDecl>` carries the location of a short form.
                let ty = Spanned::new(ty.to_owned(), UNKNOWN, UNKNOWN);
                Ok(FieldDecl {
                    ty,
                    doc: None,
                    optional: false,
                    nullable: false,
                    rust: None,
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FieldDecl, A::Error> {
                let detail = FieldDetail::deserialize(MapAccessDeserializer::new(map))?;
                Ok(FieldDecl {
                    ty: detail.ty,
                    doc: detail.doc,
                    optional: detail.optional,
                    nullable: detail.nullable,
                    rust: detail.rust,
                })
            }
        }

        deserializer.deserialize_any(FieldVisitor)
    }
}

const UNKNOWN: serde_saphyr::Location = serde_saphyr::Location::UNKNOWN;

/// One HTTP operation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointDecl {
    pub doc: Option<Text>,
    /// HTTP method, upper case: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: Text,
    /// Path template relative to the base URL, with `{name}` placeholders.
    pub path: Text,
    /// Parameters that fill the template's placeholders, in the order the method takes them.
    #[serde(default)]
    pub path_params: IndexMap<Text, Spanned<FieldDecl>>,
    /// Query parameters; they become the fields of a `{Method}Query` struct.
    #[serde(default)]
    pub query: IndexMap<Text, Spanned<FieldDecl>>,
    /// Header parameters, by header name; they join the query parameters' struct.
    #[serde(default)]
    pub headers: IndexMap<Text, Spanned<FieldDecl>>,
    /// Marks a list endpoint whose results come in numbered pages.
    pub pages: Option<Spanned<PagesDecl>>,
    /// Error statuses the endpoint declares, each with what it means.
    #[serde(default)]
    pub errors: ErrorsDecl,
    /// The request body: a type's name (JSON), or the full form.
    pub body: Option<Spanned<BodyDecl>>,
    pub response: Spanned<ResponseDecl>,
}

/// A request body: its type and how it is sent.
#[derive(Debug)]
pub struct BodyDecl {
    /// A type expression; for the short form, without a location of its own.
    pub ty: Text,
    /// `json` (default), `multipart`, `bytes` or `ndjson`.
    pub content: Option<Text>,
    /// The media type a `bytes` body is sent with when the value has none.
    pub media_type: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BodyDetail {
    #[serde(rename = "type")]
    ty: Text,
    content: Option<Text>,
    media_type: Option<Text>,
}

impl<'de> Deserialize<'de> for BodyDecl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BodyVisitor;

        impl<'de> Visitor<'de> for BodyVisitor {
            type Value = BodyDecl;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a type name or a map with `type`, `content`, `media_type`")
            }

            fn visit_str<E: de::Error>(self, ty: &str) -> Result<BodyDecl, E> {
                Ok(BodyDecl {
                    ty: Spanned::new(ty.to_owned(), UNKNOWN, UNKNOWN),
                    content: None,
                    media_type: None,
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<BodyDecl, A::Error> {
                let detail = BodyDetail::deserialize(MapAccessDeserializer::new(map))?;
                Ok(BodyDecl {
                    ty: detail.ty,
                    content: detail.content,
                    media_type: detail.media_type,
                })
            }
        }

        deserializer.deserialize_any(BodyVisitor)
    }
}

/// The `errors` of an endpoint: each status key as written (checked by resolve, so that
/// every bad key is reported) with what it means, in order, a status written twice as
/// `404` and `"404"` kept twice.
#[derive(Debug, Default)]
pub struct ErrorsDecl(pub Vec<(Text, Text)>);

impl ErrorsDecl {
    /// The status keys, as written.
    pub fn keys(&self) -> impl Iterator<Item = &Text> {
        self.0.iter().map(|(status, _)| status)
    }

    /// What each status means.
    pub fn values(&self) -> impl Iterator<Item = &Text> {
        self.0.iter().map(|(_, meaning)| meaning)
    }
}

impl<'de> Deserialize<'de> for ErrorsDecl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ErrorsVisitor;

        impl<'de> Visitor<'de> for ErrorsVisitor {
            type Value = ErrorsDecl;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of error statuses to what they mean")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorsDecl, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(ErrorsDecl(entries))
            }
        }

        deserializer.deserialize_map(ErrorsVisitor)
    }
}

/// How a paginated endpoint's pages are selected and where their items are.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagesDecl {
    /// Wire name of the response field holding the page's items (a list); absent when the
    /// response type is itself the list.
    pub items: Option<Text>,
    /// Wire name of the query parameter holding the page number (an integer).
    pub page: Text,
}

/// What a successful call returns and where the payload sits in the response envelope.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseDecl {
    /// The payload's type expression; for a JSON response only.
    #[serde(rename = "type")]
    pub ty: Option<Text>,
    /// Envelope field that holds the payload, e.g. `result`; for a JSON response only.
    pub envelope: Option<Text>,
    /// `json` (default), `bytes` or `text`: a body that is not JSON is taken as it is.
    pub content: Option<Text>,
}

/// Parses one spec file; a YAML or shape error becomes a located diagnostic.
pub fn parse(file: &SourceFile) -> Result<SpecFile, Diagnostic> {
    if file.text.trim().is_empty() {
        return Err(Diagnostic::error("the spec file is empty").at(Location::start_of(file)));
    }
    let spec = serde_saphyr::from_str_with_options::<SpecFile>(&file.text, crate::yaml::options())
        .map_err(|err| crate::yaml::diagnostic(file, &err));
    // A tag can be what broke the parse (`!!binary` text that is not base64): say so first.
    match crate::yaml::first_tag(file) {
        Some(tag) => Err(tag),
        None => spec,
    }
}
