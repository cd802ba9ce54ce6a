//! The import config (format: `openapi/README.md`): which documents and operations to
//! import into which spec files, and everything a maintainer decides by hand. Parsed like
//! the spec: unknown keys are errors, every value keeps its location.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, MapAccess, SeqAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Location, SourceFile};
use crate::spec::Text;

/// A whole config file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Directory the spec files are written to, relative to the config file.
    pub output: Text,
    /// Documents by the name specs refer to them with; paths relative to the config file.
    pub documents: IndexMap<Text, Text>,
    /// Spec files by name (`dynamic_routing` writes `dynamic_routing.yaml`).
    pub specs: IndexMap<Text, SpecConfig>,
    /// The rest of one document, a spec file per product namespace.
    pub products: Option<ProductsConfig>,
}

/// Every operation of a document that no entry of `specs` selects, imported with the
/// default rules into one spec file per top-level namespace (product), which `namespaces`
/// chooses from the path and tag.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductsConfig {
    /// The name of the document.
    pub document: Text,
    /// Which namespace an operation's endpoint name starts with; the row with the longest
    /// matching path wins.
    pub namespaces: Vec<Spanned<NamespaceRow>>,
}

/// One row of the product table: operations whose path (below `/accounts/{account_id}`
/// or `/zones/{zone_id}`) starts with `path` (`{}` matches any parameter), and/or that
/// have `tag`, get endpoint names that start with `namespace` (dotted).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamespaceRow {
    pub path: Option<Text>,
    pub tag: Option<Text>,
    pub namespace: Text,
}

/// One spec file to write.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecConfig {
    /// The name of the document it imports from.
    pub document: Text,
    /// Which operations: each entry selects some, by path prefix, tag or operation.
    pub operations: Spanned<Vec<Spanned<Selection>>>,
    /// Parameters of every operation of this spec, by wire name.
    #[serde(default)]
    pub params: IndexMap<Text, Spanned<NameDoc>>,
    /// Docs of error statuses for every operation of this spec that declares them.
    #[serde(default)]
    pub errors: IndexMap<Spanned<u16>, Text>,
    /// Per-operation settings, by `operationId` (or `METHOD /path`).
    #[serde(default)]
    pub endpoints: IndexMap<Text, EndpointConfig>,
    /// Names and docs of types, by Rust type name.
    #[serde(default)]
    pub types: IndexMap<Text, TypeConfig>,
}

/// Operations to import: exactly one of the three keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// Operations whose path starts with this.
    pub path: Option<Text>,
    /// Operations with this tag.
    pub tag: Option<Text>,
    /// The operation with this `operationId` (or `METHOD /path`).
    pub operation: Option<Text>,
}

/// What the config says about one operation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointConfig {
    /// The dotted endpoint name, `ai_gateway.dynamic_routing.list`.
    pub name: Option<Text>,
    pub doc: Option<Text>,
    #[serde(default)]
    pub params: IndexMap<Text, Spanned<NameDoc>>,
    #[serde(default)]
    pub errors: IndexMap<Spanned<u16>, Text>,
}

/// A type the config names: the schemas it is made of, and its docs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeConfig {
    /// Where the type's schemas are (see [`super::selector`]); several are merged into one.
    pub from: Spanned<Sources>,
    pub doc: Option<Text>,
    /// Wire names of fields that come first, in this order (the order of `new`'s arguments).
    #[serde(default)]
    pub order: Vec<Text>,
    /// Fields by wire name; for a union, fields of that name in every variant.
    #[serde(default)]
    pub fields: IndexMap<Text, Spanned<NameDoc>>,
    /// Union variants by tag value.
    #[serde(default)]
    pub variants: IndexMap<Text, VariantConfig>,
    /// Enum values and their docs.
    #[serde(default)]
    pub values: IndexMap<Text, Option<Text>>,
}

/// One union variant.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantConfig {
    pub doc: Option<Text>,
    /// The variant struct's name, instead of `{Tag}{Union}`.
    pub name: Option<Text>,
    #[serde(default)]
    pub fields: IndexMap<Text, Spanned<NameDoc>>,
}

/// A field's or parameter's doc and Rust name; a bare string is the doc.
#[derive(Debug, Default)]
pub struct NameDoc {
    pub doc: Option<Text>,
    pub rust: Option<Text>,
    /// For a field: `any`, to keep it `any` where the importer would type it more
    /// narrowly (a free-form object's `map<any>`), so a published type does not change.
    pub ty: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameDocDetail {
    doc: Option<Text>,
    rust: Option<Text>,
    #[serde(rename = "type")]
    ty: Option<Text>,
}

impl<'de> Deserialize<'de> for NameDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameDocVisitor;

        impl<'de> Visitor<'de> for NameDocVisitor {
            type Value = NameDoc;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a doc or a map with `doc`, `rust`, `type`")
            }

            fn visit_str<E: de::Error>(self, doc: &str) -> Result<NameDoc, E> {
                Ok(NameDoc {
                    doc: Some(Spanned::new(doc.to_owned(), UNKNOWN, UNKNOWN)),
                    rust: None,
                    ty: None,
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NameDoc, A::Error> {
                let detail = NameDocDetail::deserialize(MapAccessDeserializer::new(map))?;
                Ok(NameDoc {
                    doc: detail.doc,
                    rust: detail.rust,
                    ty: detail.ty,
                })
            }
        }

        deserializer.deserialize_any(NameDocVisitor)
    }
}

/// One selector or a list of them.
#[derive(Debug)]
pub struct Sources(pub Vec<Text>);

impl<'de> Deserialize<'de> for Sources {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SourcesVisitor;

        impl<'de> Visitor<'de> for SourcesVisitor {
            type Value = Sources;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a schema selector or a list of them")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Sources, E> {
                Ok(Sources(vec![Spanned::new(
                    text.to_owned(),
                    UNKNOWN,
                    UNKNOWN,
                )]))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sources, A::Error> {
                let mut sources = Vec::new();
                while let Some(source) = seq.next_element()? {
                    sources.push(source);
                }
                Ok(Sources(sources))
            }
        }

        deserializer.deserialize_any(SourcesVisitor)
    }
}

const UNKNOWN: serde_saphyr::Location = serde_saphyr::Location::UNKNOWN;

/// Parses a config file; a YAML or shape error becomes a located diagnostic.
pub fn parse(file: &SourceFile) -> Result<ConfigFile, Diagnostic> {
    if file.text.trim().is_empty() {
        return Err(Diagnostic::error("the config file is empty").at(Location::start_of(file)));
    }
    serde_saphyr::from_str_with_options::<ConfigFile>(&file.text, crate::yaml::options())
        .map_err(|err| crate::yaml::diagnostic(file, &err))
}

/// The location of `spanned` in `file`; for a short form without its own location, the
/// location of `outer`.
pub fn at<T, U>(file: &SourceFile, spanned: &Spanned<T>, outer: &Spanned<U>) -> Location {
    if spanned.referenced.line() == 0 {
        Location::from_saphyr(file, &outer.referenced)
    } else {
        Location::from_saphyr(file, &spanned.referenced)
    }
}

/// The location of `spanned` in `file`.
pub fn location<T>(file: &SourceFile, spanned: &Spanned<T>) -> Location {
    Location::from_saphyr(file, &spanned.referenced)
}

/// The value of `key` in a map keyed by located strings.
pub fn lookup<'m, V>(map: &'m IndexMap<Text, V>, key: &str) -> Option<&'m V> {
    map.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
}
