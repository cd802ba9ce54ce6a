//! Where each item of a resolved API is written in the spec, so that a change can point at
//! its line. A side table built from the parsed files, keyed the way the model names items,
//! so the model itself stays plain data and identical APIs compare equal wherever their
//! items were written.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde_saphyr::Spanned;

use crate::diagnostic::{Location, SourceFile};
use crate::naming::variant_struct_name;
use crate::spec::{FieldDecl, SpecFile, Text};

/// An item of the API, named as the model names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A named type (spec type or union variant struct), by its Rust name.
    Type(String),
    /// A field of a struct: (type name, wire name).
    Field(String, String),
    /// A value of a string enum: (type name, wire value).
    EnumValue(String, String),
    /// A variant of a union: (union name, tag value).
    Variant(String, String),
    /// An endpoint, by its dotted name (`ai_gateway.dynamic_routing.list`).
    Endpoint(String),
    /// A path parameter: (dotted endpoint name, wire name).
    PathParam(String, String),
    /// A query parameter: (dotted endpoint name, wire name).
    QueryParam(String, String),
    /// A declared error status: (dotted endpoint name, status).
    Error(String, u16),
}

/// A part of an item that a change can be about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Doc,
    /// A field's type expression.
    Type,
    /// A field's `rust:` name.
    Rust,
    /// A union's `tag`.
    Tag,
    /// A variant's `name:` (its struct).
    Name,
    Method,
    Path,
    /// The first path parameter.
    PathParams,
    /// The first query parameter.
    Query,
    Body,
    Response,
    Envelope,
    Pages,
    /// The first declared error status.
    Errors,
}

/// Where an item is declared, and where its parts are.
#[derive(Clone, Debug)]
struct Site {
    at: Location,
    parts: Vec<(Part, Location)>,
}

/// Declaration sites of every item of one side of a diff.
#[derive(Debug, Default)]
pub struct Sites {
    sites: HashMap<Key, Site>,
}

impl Sites {
    /// Collects the sites of every item in `files`. For a name declared twice (which resolve
    /// rejects) the first is kept.
    pub fn new(files: &[(SourceFile, SpecFile)]) -> Self {
        let mut sites = Self::default();
        for (file, spec) in files {
            for (name, decl) in &spec.types {
                let mut builder = sites.add(Key::Type(name.value.clone()), file, name);
                builder.part_opt(Part::Doc, &decl.doc);
                if let Some(fields) = &decl.fields {
                    sites.fields(file, &fields.value, |wire| {
                        Key::Field(name.value.clone(), wire.to_owned())
                    });
                }
                if let Some(values) = &decl.values {
                    for (wire, value) in &values.value {
                        let key = Key::EnumValue(name.value.clone(), wire.value.clone());
                        let doc = crate::spec::EnumValueDecl::doc_of(value);
                        sites.add(key, file, wire).part_opt(Part::Doc, &doc);
                    }
                }
                let Some(union) = &decl.union else { continue };
                let tag = at(file, &union.value.tag);
                sites.part_of(&Key::Type(name.value.clone()), Part::Tag, tag);
                for (tag, variant) in &union.value.variants {
                    let variant = &variant.value;
                    let key = Key::Variant(name.value.clone(), tag.value.clone());
                    let mut builder = sites.add(key, file, tag);
                    builder.part_opt(Part::Name, &variant.name);
                    builder.part_opt(Part::Doc, &variant.doc);
                    let struct_name = variant_struct_name(&name.value, tag, &variant.name);
                    let site = variant.name.as_ref().unwrap_or(tag);
                    let mut builder = sites.add(Key::Type(struct_name.clone()), file, site);
                    builder.part_opt(Part::Doc, &variant.doc);
                    sites.fields(file, &variant.fields, |wire| {
                        Key::Field(struct_name.clone(), wire.to_owned())
                    });
                }
            }
            for (name, decl) in &spec.endpoints {
                let endpoint = name.value.clone();
                let mut builder = sites.add(Key::Endpoint(endpoint.clone()), file, name);
                builder.part_opt(Part::Doc, &decl.doc);
                builder.part(Part::Method, &decl.method);
                builder.part(Part::Path, &decl.path);
                builder.part_opt(Part::Body, &decl.body);
                let response = &decl.response;
                match (&response.value.ty, &response.value.content) {
                    (Some(ty), _) => builder.part(Part::Response, ty),
                    (None, Some(content)) => builder.part(Part::Response, content),
                    (None, None) => builder.part(Part::Response, response),
                }
                builder.part_opt(Part::Envelope, &response.value.envelope);
                if let Some(pages) = &decl.pages {
                    builder.part(Part::Pages, pages);
                }
                if let Some(first) = decl.path_params.keys().next() {
                    builder.part(Part::PathParams, first);
                }
                if let Some(first) = decl.query.keys().next() {
                    builder.part(Part::Query, first);
                }
                if let Some(first) = decl.errors.keys().next() {
                    builder.part(Part::Errors, first);
                }
                for status in decl.errors.keys() {
                    if let Ok(code) = status.value.parse() {
                        sites.add(Key::Error(endpoint.clone(), code), file, status);
                    }
                }
                sites.fields(file, &decl.path_params, |wire| {
                    Key::PathParam(endpoint.clone(), wire.to_owned())
                });
                sites.fields(file, &decl.query, |wire| {
                    Key::QueryParam(endpoint.clone(), wire.to_owned())
                });
            }
        }
        sites
    }

    /// Where `key` is declared.
    pub fn at(&self, key: &Key) -> Option<&Location> {
        self.sites.get(key).map(|site| &site.at)
    }

    /// Where `part` of `key` is written; the item's own site when the part is not written.
    pub fn part(&self, key: &Key, part: Part) -> Option<&Location> {
        let site = self.sites.get(key)?;
        Some(
            site.parts
                .iter()
                .find(|(p, _)| *p == part)
                .map_or(&site.at, |(_, at)| at),
        )
    }

    fn add<'a, T>(
        &'a mut self,
        key: Key,
        file: &'a SourceFile,
        spanned: &Spanned<T>,
    ) -> SiteBuilder<'a> {
        let site = self.sites.entry(key).or_insert_with(|| Site {
            at: at(file, spanned),
            parts: Vec::new(),
        });
        SiteBuilder { site, file }
    }

    fn part_of(&mut self, key: &Key, part: Part, location: Location) {
        if let Some(site) = self.sites.get_mut(key) {
            site.parts.push((part, location));
        }
    }

    fn fields(
        &mut self,
        file: &SourceFile,
        fields: &IndexMap<Text, Spanned<FieldDecl>>,
        key: impl Fn(&str) -> Key,
    ) {
        for (wire, decl) in fields {
            let mut builder = self.add(key(&wire.value), file, wire);
            // The short form `name: type` has only the value's location.
            let ty = if decl.value.ty.referenced.line() == 0 {
                at(file, decl)
            } else {
                at(file, &decl.value.ty)
            };
            builder.site.parts.push((Part::Type, ty));
            builder.part_opt(Part::Doc, &decl.value.doc);
            builder.part_opt(Part::Rust, &decl.value.rust);
        }
    }
}

/// Adds parts to a site just added.
struct SiteBuilder<'a> {
    site: &'a mut Site,
    file: &'a SourceFile,
}

impl SiteBuilder<'_> {
    fn part<T>(&mut self, part: Part, spanned: &Spanned<T>) {
        self.site.parts.push((part, at(self.file, spanned)));
    }

    fn part_opt<T>(&mut self, part: Part, spanned: &Option<Spanned<T>>) {
        if let Some(spanned) = spanned {
            self.part(part, spanned);
        }
    }
}

fn at<T>(file: &SourceFile, spanned: &Spanned<T>) -> Location {
    Location::from_saphyr(file, &spanned.referenced)
}
