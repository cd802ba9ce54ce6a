//! Stage 2, resolve and validate: turns parsed spec files into the [`Api`] model.
//! Every problem becomes a located diagnostic; all of them are collected before
//! anything is generated.

use std::collections::{BTreeMap, BTreeSet};

use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, Location, SourceFile};
use crate::model::{
    Api, Body, BodyContent, Endpoint, EnumValue, Field, HttpMethod, OneOf, OneOfVariant, Pages,
    Response, ResponseContent, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Union, Variant,
};
use crate::naming::{self, UNKNOWN_FIELDS, variant_struct_name};
use crate::spec::{
    BodyDecl, EndpointDecl, EnumValueDecl, FieldDecl, PagesDecl, ResponseDecl, SpecFile, Text,
    TypeDecl, UnionDecl,
};
pub use crate::validate::parse_path_template;
use crate::validate::{NameKind, invalid_name};

/// Headers the client sets itself, from its configuration and the request, lower case;
/// none can be a header parameter.
pub const CLIENT_HEADERS: &[&str] = &[
    "accept",
    "authorization",
    "content-length",
    "content-type",
    "host",
    "user-agent",
    "x-auth-email",
    "x-auth-key",
];

/// The fields of Cloudflare's response envelope besides the payload: the runtime reads
/// them to tell success from failure and to page through lists.
const ENVELOPE_FIELDS: &[&str] = &["success", "errors", "messages", "result_info"];

const SCALARS: &[&str] = &[
    "string",
    "integer",
    "number",
    "boolean",
    "date-time",
    "any",
    "binary",
];

/// Resolves all spec files into one API, or returns every error found.
/// Warnings come back with a successful result too.
pub fn resolve(files: &[(SourceFile, SpecFile)]) -> Result<(Api, Diagnostics), Diagnostics> {
    let mut resolver = Resolver::default();
    for (source, spec) in files {
        resolver.declare_types(source, spec);
    }
    let mut api = Api {
        types: Vec::new(),
        endpoints: Vec::new(),
    };
    for (source, spec) in files {
        for (name, decl) in &spec.types {
            let mut defs = resolver.type_def(source, name, decl);
            resolver.place(source, name, decl, &mut defs);
            api.types.extend(defs);
        }
    }
    let mut endpoint_names = BTreeMap::new();
    for (source, spec) in files {
        for (name, decl) in &spec.endpoints {
            if let Some(first) = endpoint_names.insert(name.value.clone(), at(source, name)) {
                resolver.error(
                    Diagnostic::error(format!("endpoint `{}` is defined twice", name.value))
                        .at(at(source, name))
                        .help(format!(
                            "the first definition is at {}:{}",
                            first.path.display(),
                            first.line
                        )),
                );
                continue;
            }
            api.endpoints
                .extend(resolver.endpoint(source, name, decl, &api.types));
        }
    }
    let has_errors = resolver.diagnostics.iter().any(Diagnostic::is_error);
    let more = crate::validate::check(files, &api, has_errors);
    resolver.diagnostics.extend(more);
    mark_boxed(&mut api);
    let diagnostics = Diagnostics(resolver.diagnostics).sorted();
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok((api, diagnostics))
    }
}

/// Boxes the fields that close a cycle of types containing each other.
fn mark_boxed(api: &mut Api) {
    let boxed = crate::validate::boxed_fields(api);
    for def in &mut api.types {
        if let TypeKind::Struct(shape) = &mut def.kind {
            for field in &mut shape.fields {
                field.boxed = boxed.contains(&(def.name.clone(), field.wire_name.clone()));
            }
        }
    }
}

/// What is known about a declared type name before bodies are resolved.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Declared {
    Object,
    Enum,
}

#[derive(Default)]
struct Resolver {
    diagnostics: Vec<Diagnostic>,
    /// Every type name, spec types and union variant structs alike.
    types: BTreeMap<String, (Declared, Location)>,
}

fn at<T>(file: &SourceFile, spanned: &Spanned<T>) -> Location {
    Location::from_saphyr(file, &spanned.referenced)
}

/// The location of a field's type: its own for the full form, the field's for `name: type`.
fn type_location(file: &SourceFile, decl: &Spanned<FieldDecl>) -> Location {
    if decl.value.ty.referenced.line() == 0 {
        at(file, decl)
    } else {
        at(file, &decl.value.ty)
    }
}

fn doc_text(text: &Option<Text>) -> Option<String> {
    text.as_ref()
        .map(|t| t.value.trim().to_owned())
        .filter(|t| !t.is_empty())
}

impl Resolver {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn declare(&mut self, name: &str, kind: Declared, location: Location) {
        if let Some((_, first)) = self.types.get(name) {
            let help = format!(
                "the first definition is at {}:{}",
                first.path.display(),
                first.line
            );
            self.error(
                Diagnostic::error(format!("type `{name}` is defined twice"))
                    .at(location)
                    .help(help),
            );
        } else {
            self.types.insert(name.to_owned(), (kind, location));
        }
    }

    fn declare_types(&mut self, file: &SourceFile, spec: &SpecFile) {
        for (name, decl) in &spec.types {
            let location = at(file, name);
            if !naming::is_type_name(&name.value) {
                let message = format!("`{}` is not a valid type name", name.value);
                self.error(invalid_name(
                    &message,
                    &name.value,
                    NameKind::Type,
                    location.clone(),
                    None,
                ));
            }
            let kind = if decl.values.is_some() {
                Declared::Enum
            } else {
                Declared::Object
            };
            self.declare(&name.value, kind, location);
            if let Some(union) = &decl.union {
                for (tag, variant) in &union.value.variants {
                    let struct_name = variant_struct_name(&name.value, tag, &variant.value.name);
                    let location = variant
                        .value
                        .name
                        .as_ref()
                        .map_or_else(|| at(file, tag), |n| at(file, n));
                    self.declare(&struct_name, Declared::Object, location);
                }
            }
        }
    }

    fn type_def(&mut self, file: &SourceFile, name: &Text, decl: &TypeDecl) -> Vec<TypeDef> {
        let doc = doc_text(&decl.doc);
        let name_text = name.value.clone();
        let kinds = [
            decl.fields.is_some(),
            decl.values.is_some(),
            decl.union.is_some(),
            decl.one_of.is_some(),
        ];
        if kinds.iter().filter(|&&given| given).count() != 1 {
            self.error(
                Diagnostic::error(format!(
                    "type `{}` must have exactly one of `fields`, `enum`, `union` or `one_of`",
                    name.value
                ))
                .at(at(file, name)),
            );
            return Vec::new();
        }
        let kind = if let Some(fields) = &decl.fields {
            TypeKind::Struct(Struct {
                fields: self.fields(file, &fields.value),
            })
        } else if let Some(values) = &decl.values {
            TypeKind::Enum(StringEnum {
                values: self.enum_values(file, name, values),
            })
        } else if let Some(variants) = &decl.one_of {
            TypeKind::OneOf(self.one_of(file, name, variants))
        } else if let Some(union) = &decl.union {
            return self.union(file, name, doc, union);
        } else {
            return Vec::new();
        };
        vec![TypeDef {
            rust_name: name_text.clone(),
            name: name_text,
            module: Vec::new(),
            doc,
            kind,
        }]
    }

    /// An untagged union's variants: each a name and a type expression.
    fn one_of(
        &mut self,
        file: &SourceFile,
        name: &Text,
        variants: &Spanned<indexmap::IndexMap<Text, Spanned<FieldDecl>>>,
    ) -> OneOf {
        if variants.value.len() < 2 {
            self.error(
                Diagnostic::error(format!(
                    "`one_of` of `{}` needs two variants or more",
                    name.value
                ))
                .at(at(file, variants))
                .help("a single shape is a type of its own: use it directly"),
            );
        }
        let mut seen = BTreeSet::from(["Unknown".to_owned()]);
        let mut result = Vec::new();
        for (key, decl) in &variants.value {
            let rust_name = match &decl.value.rust {
                Some(rust) if naming::is_type_name(&rust.value) => {
                    if !seen.insert(rust.value.clone()) {
                        self.error(
                            Diagnostic::error(format!(
                                "the Rust name `{}` is taken by another variant",
                                rust.value
                            ))
                            .at(at(file, rust)),
                        );
                        continue;
                    }
                    rust.value.clone()
                }
                Some(rust) => {
                    self.error(
                        Diagnostic::error(format!(
                            "`{}` is not a valid variant name (UpperCamelCase)",
                            rust.value
                        ))
                        .at(at(file, rust)),
                    );
                    continue;
                }
                None => match self.variant_name(file, "variant", key, &mut seen) {
                    Some(rust_name) => rust_name,
                    None => continue,
                },
            };
            if decl.value.optional || decl.value.nullable {
                self.error(
                    Diagnostic::error("a `one_of` variant cannot be `optional` or `nullable`")
                        .at(at(file, decl))
                        .help("make the field that holds the union optional or nullable instead"),
                );
            }
            let Some(ty) = self.type_ref(&decl.value.ty.value, type_location(file, decl)) else {
                continue;
            };
            result.push(OneOfVariant {
                rust_name,
                name: key.value.clone(),
                ty,
                doc: doc_text(&decl.value.doc),
            });
        }
        OneOf { variants: result }
    }

    /// Puts a type (and, for a union, its variant structs) where `module` and `rust` say.
    /// A variant struct named by default is renamed after the union's Rust name:
    /// `StartKvElement` becomes `StartElement` when `KvElement` is `Element` in Rust.
    fn place(&mut self, file: &SourceFile, name: &Text, decl: &TypeDecl, defs: &mut [TypeDef]) {
        let module = decl
            .module
            .as_ref()
            .and_then(|module| self.module_path(file, module))
            .unwrap_or_default();
        let rust_name = match &decl.rust {
            Some(rust) if naming::is_type_name(&rust.value) => rust.value.clone(),
            Some(rust) => {
                self.error(
                    Diagnostic::error(format!("`{}` is not a valid type name", rust.value))
                        .at(at(file, rust))
                        .help("Rust type names are UpperCamelCase"),
                );
                name.value.clone()
            }
            None => name.value.clone(),
        };
        let named_variants: BTreeSet<String> = decl
            .union
            .iter()
            .flat_map(|union| union.value.variants.values())
            .filter_map(|variant| variant.value.name.as_ref().map(|n| n.value.clone()))
            .collect();
        for def in defs.iter_mut() {
            def.module = module.clone();
            if def.name == name.value {
                def.rust_name = rust_name.clone();
            } else if !named_variants.contains(&def.name)
                && let Some(variant) = def.name.strip_suffix(name.value.as_str())
            {
                def.rust_name = format!("{variant}{rust_name}");
            }
        }
    }

    /// A dotted namespace path (`zones.dns`), each segment `snake_case`.
    fn module_path(&mut self, file: &SourceFile, module: &Text) -> Option<Vec<String>> {
        let segments: Option<Vec<String>> = module
            .value
            .split('.')
            .map(|segment| naming::snake_name(segment).filter(|s| !s.starts_with("r#")))
            .collect();
        if segments.is_none() {
            self.error(
                Diagnostic::error(format!(
                    "`{}` is not a namespace path (`snake_case` segments joined by `.`)",
                    module.value
                ))
                .at(at(file, module)),
            );
        }
        segments
    }

    fn fields(
        &mut self,
        file: &SourceFile,
        decls: &indexmap::IndexMap<Text, Spanned<FieldDecl>>,
    ) -> Vec<Field> {
        let mut fields: Vec<Field> = Vec::new();
        let mut seen = BTreeMap::new();
        seen.insert(
            UNKNOWN_FIELDS.to_owned(),
            "(reserved for fields the spec does not know)".to_owned(),
        );
        for (wire, decl) in decls {
            let Some(field) = self.field(file, wire, decl) else {
                continue;
            };
            if let Some(other) = seen.insert(field.rust_name.clone(), wire.value.clone()) {
                let location = decl
                    .value
                    .rust
                    .as_ref()
                    .map_or_else(|| at(file, wire), |r| at(file, r));
                let error = if field.rust_name == UNKNOWN_FIELDS {
                    Diagnostic::error(format!(
                        "field `{}` has the Rust name `{UNKNOWN_FIELDS}`, which every struct uses for the fields the spec does not know",
                        wire.value
                    ))
                    .help("give the field another Rust name with `rust:`")
                } else {
                    Diagnostic::error(format!(
                        "field `{}` has the Rust name `{}`, already taken by `{other}`",
                        wire.value, field.rust_name
                    ))
                    .help("give one of them another name with `rust:`")
                };
                self.error(error.at(location));
                continue;
            }
            fields.push(field);
        }
        fields
    }

    fn field(
        &mut self,
        file: &SourceFile,
        wire: &Text,
        decl: &Spanned<FieldDecl>,
    ) -> Option<Field> {
        let rust_name = self.rust_field_name(file, wire, &decl.value.rust);
        let ty = self.type_ref(&decl.value.ty.value, type_location(file, decl));
        Some(Field {
            rust_name: rust_name?,
            wire_name: wire.value.clone(),
            ty: ty?,
            optional: decl.value.optional,
            nullable: decl.value.nullable,
            boxed: false,
            doc: doc_text(&decl.value.doc),
        })
    }

    fn rust_field_name(
        &mut self,
        file: &SourceFile,
        wire: &Text,
        rust: &Option<Text>,
    ) -> Option<String> {
        if let Some(rust) = rust {
            let name = naming::snake_name(&rust.value);
            if name.is_none() {
                let message = format!("`{}` cannot be the Rust name", rust.value);
                self.error(invalid_name(
                    &message,
                    &rust.value,
                    NameKind::Snake,
                    at(file, rust),
                    None,
                ));
            }
            return name;
        }
        let name = naming::field_name(&wire.value);
        if name.is_none() {
            let message = format!("`{}` does not give a valid Rust name", wire.value);
            self.error(invalid_name(
                &message,
                &wire.value,
                NameKind::Derived,
                at(file, wire),
                Some("give the field a Rust name with `rust:`"),
            ));
        }
        name
    }

    fn type_ref(&mut self, text: &str, location: Location) -> Option<TypeRef> {
        self.type_expr(text, location, false)
    }

    /// A type expression; `nullable<T>` only where `nullable_allowed`: as the items of a
    /// list, the values of a map, or a response's payload.
    fn type_expr(
        &mut self,
        text: &str,
        location: Location,
        nullable_allowed: bool,
    ) -> Option<TypeRef> {
        let text = text.trim();
        if let Some(error) = crate::validate::too_deeply_nested(text, &location) {
            self.error(error);
            return None;
        }
        let generic = |prefix: &str| {
            text.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix('>'))
        };
        Some(match text {
            "string" => TypeRef::String,
            "integer" => TypeRef::Integer,
            "number" => TypeRef::Number,
            "boolean" => TypeRef::Boolean,
            "date-time" => TypeRef::DateTime,
            "binary" => TypeRef::Binary,
            "any" => TypeRef::Any,
            _ if generic("list<").is_some() => TypeRef::List(Box::new(self.type_expr(
                generic("list<")?,
                location,
                true,
            )?)),
            _ if generic("map<").is_some() => TypeRef::Map(Box::new(self.type_expr(
                generic("map<")?,
                location,
                true,
            )?)),
            _ if generic("nullable<").is_some() => {
                if !nullable_allowed {
                    self.error(
                        Diagnostic::error(format!(
                            "`{text}`: `nullable<…>` is for the items of a list, the values of a map or a response's payload"
                        ))
                        .at(location)
                        .help("a field that may be `null` says `nullable: true`"),
                    );
                    return None;
                }
                let inner = self.type_expr(generic("nullable<")?, location.clone(), false)?;
                if inner == TypeRef::Any {
                    self.error(
                        Diagnostic::error(
                            "`nullable<any>` says nothing more than `any`, which holds `null`",
                        )
                        .at(location)
                        .help("write `any`"),
                    );
                    return None;
                }
                TypeRef::Nullable(Box::new(inner))
            }
            name if self.types.contains_key(name) => TypeRef::Named(name.to_owned()),
            name => {
                let declared = self.types.keys().map(String::as_str);
                let error = crate::validate::unknown_type(name, SCALARS, declared, location);
                self.error(error);
                return None;
            }
        })
    }

    fn enum_values(
        &mut self,
        file: &SourceFile,
        name: &Text,
        values: &Spanned<indexmap::IndexMap<Text, Option<Spanned<EnumValueDecl>>>>,
    ) -> Vec<EnumValue> {
        if values.value.is_empty() {
            self.error(
                Diagnostic::error(format!("enum `{}` has no values", name.value))
                    .at(at(file, values)),
            );
        }
        let mut seen = BTreeSet::from(["Unknown".to_owned()]);
        let mut result = Vec::new();
        for (wire, value) in &values.value {
            let rust_name = match EnumValueDecl::rust_of(value) {
                Some(rust) => self.chosen_variant_name(file, "enum value", wire, rust, &mut seen),
                None => self.variant_name(file, "enum value", wire, &mut seen),
            };
            let Some(rust_name) = rust_name else {
                continue;
            };
            result.push(EnumValue {
                rust_name,
                wire: wire.value.clone(),
                doc: doc_text(&EnumValueDecl::doc_of(value)),
            });
        }
        result
    }

    /// The Rust name a `rust:` key gives an enum value (`what`): an `UpperCamelCase`
    /// identifier, not `Unknown` and not already in `seen`.
    fn chosen_variant_name(
        &mut self,
        file: &SourceFile,
        what: &str,
        wire: &Text,
        rust: &Text,
        seen: &mut BTreeSet<String>,
    ) -> Option<String> {
        if naming::variant_name(&rust.value).as_deref() != Some(rust.value.as_str()) {
            let message = format!("`{}` cannot be the Rust name", rust.value);
            self.error(invalid_name(
                &message,
                &rust.value,
                NameKind::Type,
                at(file, rust),
                Some("a value's Rust name is `UpperCamelCase`, e.g. `Empty`"),
            ));
            return None;
        }
        if !seen.insert(rust.value.clone()) {
            let message = if rust.value == "Unknown" {
                format!("`Unknown` is the {what} that holds the values the spec does not list")
            } else {
                format!(
                    "{what} `{}` has the Rust name `{}`, which is already taken",
                    wire.value, rust.value
                )
            };
            self.error(Diagnostic::error(message).at(at(file, rust)));
            return None;
        }
        Some(rust.value.clone())
    }

    /// The `UpperCamelCase` Rust name of an enum value or union variant (`what`), unless it
    /// is not an identifier or is already in `seen` (which starts with `Unknown`).
    fn variant_name(
        &mut self,
        file: &SourceFile,
        what: &str,
        wire: &Text,
        seen: &mut BTreeSet<String>,
    ) -> Option<String> {
        let Some(rust_name) = naming::variant_name(&wire.value) else {
            let message = format!("{what} `{}` does not give a valid Rust name", wire.value);
            // An enum value can be named; a union's variant is named by its tag.
            let help = format!("give it a Rust name: `{:?}: {{ rust: Name }}`", wire.value);
            let help = (what == "enum value").then_some(help.as_str());
            self.error(invalid_name(
                &message,
                &wire.value,
                NameKind::Derived,
                at(file, wire),
                help,
            ));
            return None;
        };
        if !seen.insert(rust_name.clone()) {
            let message = format!(
                "{what} `{}` has the Rust name `{rust_name}`, which is already taken",
                wire.value
            );
            self.error(Diagnostic::error(message).at(at(file, wire)));
            return None;
        }
        Some(rust_name)
    }

    fn union(
        &mut self,
        file: &SourceFile,
        name: &Text,
        doc: Option<String>,
        union: &Spanned<UnionDecl>,
    ) -> Vec<TypeDef> {
        let UnionDecl { tag, variants } = &union.value;
        if tag.value.trim().is_empty() {
            self.error(
                Diagnostic::error(format!("the tag of union `{}` is empty", name.value))
                    .at(at(file, tag))
                    .help("name the field that holds each variant's name, e.g. `type`"),
            );
        }
        if variants.is_empty() {
            self.error(
                Diagnostic::error(format!("union `{}` has no variants", name.value))
                    .at(at(file, union)),
            );
        }
        let mut seen = BTreeSet::from(["Unknown".to_owned()]);
        let mut model_variants = Vec::new();
        let mut structs = Vec::new();
        for (wire, variant) in variants {
            let Some(rust_name) = self.variant_name(file, "variant", wire, &mut seen) else {
                continue;
            };
            if let Some((field, _)) = variant
                .value
                .fields
                .iter()
                .find(|(field, _)| field.value == tag.value)
            {
                self.error(
                    Diagnostic::error(format!(
                        "variant `{}` has a field `{}`, which is the union's tag",
                        wire.value, field.value
                    ))
                    .at(at(file, field))
                    .help("the tag is written by the union; remove the field"),
                );
            }
            let fields = self.fields(file, &variant.value.fields);
            let struct_name = variant_struct_name(&name.value, wire, &variant.value.name);
            let variant_doc = doc_text(&variant.value.doc);
            structs.push(TypeDef {
                rust_name: struct_name.clone(),
                name: struct_name.clone(),
                module: Vec::new(),
                doc: variant_doc.clone(),
                kind: TypeKind::Struct(Struct { fields }),
            });
            model_variants.push(Variant {
                constructor: naming::constructor_name(&rust_name),
                rust_name,
                wire: wire.value.clone(),
                struct_name,
                doc: variant_doc,
            });
        }
        let union = Union {
            tag: tag.value.clone(),
            variants: model_variants,
        };
        let mut defs = vec![TypeDef {
            rust_name: name.value.clone(),
            name: name.value.clone(),
            module: Vec::new(),
            doc,
            kind: TypeKind::Union(union),
        }];
        defs.extend(structs);
        defs
    }

    fn endpoint(
        &mut self,
        file: &SourceFile,
        name: &Text,
        decl: &EndpointDecl,
        types: &[TypeDef],
    ) -> Option<Endpoint> {
        let mut segments = Vec::new();
        for segment in name.value.split('.') {
            match naming::snake_name(segment).filter(|s| !s.starts_with("r#")) {
                Some(segment) => segments.push(segment),
                None => {
                    let message = format!(
                        "`{segment}` in endpoint name `{}` cannot name a method or namespace",
                        name.value
                    );
                    let location = at(file, name).narrowed_to(segment);
                    self.error(invalid_name(
                        &message,
                        segment,
                        NameKind::Snake,
                        location,
                        None,
                    ));
                    return None;
                }
            }
        }
        let method_name = segments.pop()?;
        let method = HttpMethod::parse(&decl.method.value);
        if method.is_none() {
            self.error(
                Diagnostic::error(format!("unsupported HTTP method `{}`", decl.method.value))
                    .at(at(file, &decl.method))
                    .help(match HttpMethod::parse(&decl.method.value.to_uppercase()) {
                        Some(upper) => format!("methods are upper case: `{}`", upper.as_str()),
                        None => "use one of GET, POST, PUT, PATCH, DELETE".to_owned(),
                    }),
            );
        }
        let path_params = self.path_params(file, decl);
        let query_params = self.query_params(file, decl);
        let header_params = self.header_params(file, decl, &query_params);
        let body = decl
            .body
            .as_ref()
            .and_then(|body| self.body(file, method, body));
        let response = self.response(file, &decl.response);
        let pages = match (&decl.pages, &response) {
            (Some(pages), Some(response)) => {
                Some(self.pages(file, pages, &query_params, &response.ty, types)?)
            }
            _ => None,
        };
        let errors = self.declared_errors(file, decl);
        let query_struct = naming::parameters_struct(
            &method_name,
            !query_params.is_empty(),
            !header_params.is_empty(),
        );
        Some(Endpoint {
            pages,
            errors,
            namespace: segments,
            name: method_name,
            doc: doc_text(&decl.doc),
            method: method?,
            path: decl.path.value.clone(),
            path_params: path_params?,
            query_struct,
            query_params,
            header_params,
            body: if decl.body.is_some() {
                Some(body?)
            } else {
                None
            },
            response: response?,
        })
    }

    /// Query parameters: scalars or string enums, sent as `name=value`, or lists of them,
    /// sent as `name=a&name=b`.
    fn query_params(&mut self, file: &SourceFile, decl: &EndpointDecl) -> Vec<Field> {
        let fields = self.fields(file, &decl.query);
        for (field, (_, param)) in fields.iter().zip(&decl.query) {
            let value = match &field.ty {
                TypeRef::List(item) => item,
                other => other,
            };
            let is_enum = matches!(value, TypeRef::Named(name)
                if self.types.get(name).is_some_and(|(kind, _)| *kind == Declared::Enum));
            let scalar = matches!(
                value,
                TypeRef::String
                    | TypeRef::Integer
                    | TypeRef::Number
                    | TypeRef::Boolean
                    | TypeRef::DateTime
            );
            if !(scalar || is_enum) || field.nullable {
                self.error(
                    Diagnostic::error("a query parameter must be a non-null string, integer, number, boolean, date-time or string enum, or a list of them")
                        .at(type_location(file, param)),
                );
            }
        }
        fields
    }

    /// Header parameters: scalars or string enums, named like HTTP headers, none of them a
    /// header the client sends itself; their Rust names join those of the query fields.
    fn header_params(
        &mut self,
        file: &SourceFile,
        decl: &EndpointDecl,
        query: &[Field],
    ) -> Vec<Field> {
        let fields = self.fields(file, &decl.headers);
        let mut kept = Vec::new();
        for (field, (wire, param)) in fields.into_iter().zip(&decl.headers) {
            let token = !wire.value.is_empty()
                && wire
                    .value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            let is_enum = matches!(&field.ty, TypeRef::Named(name)
                if self.types.get(name).is_some_and(|(kind, _)| *kind == Declared::Enum));
            let scalar = matches!(
                field.ty,
                TypeRef::String | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean
            );
            let problem = if !token {
                Some(format!("`{}` is not an HTTP header name", wire.value))
            } else if CLIENT_HEADERS.contains(&wire.value.to_ascii_lowercase().as_str()) {
                Some(format!(
                    "`{}` is a header the client sets itself; it cannot be a parameter",
                    wire.value
                ))
            } else if !(scalar || is_enum) || field.nullable {
                Some("a header parameter must be a non-null string, integer, number, boolean or string enum".to_owned())
            } else if query.iter().any(|q| q.rust_name == field.rust_name) {
                Some(format!(
                    "header `{}` has the Rust name `{}`, already a query parameter's",
                    wire.value, field.rust_name
                ))
            } else {
                None
            };
            match problem {
                Some(problem) => {
                    self.error(Diagnostic::error(problem).at(type_location(file, param)))
                }
                None => kept.push(field),
            }
        }
        kept
    }

    /// Checks `pages`: the page number is an integer query field, the items a list field
    /// of the response struct.
    fn pages(
        &mut self,
        file: &SourceFile,
        decl: &Spanned<PagesDecl>,
        query: &[Field],
        response: &TypeRef,
        types: &[TypeDef],
    ) -> Option<Pages> {
        let page_param = query.iter().find(|f| f.wire_name == decl.value.page.value);
        let page_param = match page_param {
            Some(field) if field.ty == TypeRef::Integer && field.optional => {
                Some((field.rust_name.clone(), field.wire_name.clone()))
            }
            Some(_) => {
                self.error(
                    Diagnostic::error("the page parameter must be an optional `integer`")
                        .at(at(file, &decl.value.page)),
                );
                None
            }
            None => {
                self.error(
                    Diagnostic::error(format!(
                        "`{}` is not a query parameter of this endpoint",
                        decl.value.page.value
                    ))
                    .at(at(file, &decl.value.page)),
                );
                None
            }
        };
        let response_fields = match response {
            TypeRef::Named(name) => {
                types
                    .iter()
                    .find(|t| &t.name == name)
                    .and_then(|t| match &t.kind {
                        TypeKind::Struct(shape) => Some(&shape.fields),
                        _ => None,
                    })
            }
            _ => None,
        };
        let items = match (&decl.value.items, response) {
            (None, TypeRef::List(item)) => Some((None, (**item).clone())),
            (None, _) => {
                self.error(
                    Diagnostic::error(
                        "without `items`, the response type must be the list of items itself",
                    )
                    .at(at(file, decl))
                    .help("name the list field of the response type with `items:`"),
                );
                None
            }
            (Some(items), _) => {
                let field = response_fields
                    .and_then(|fields| fields.iter().find(|f| f.wire_name == items.value));
                match field {
                    Some(Field {
                        ty: TypeRef::List(item),
                        optional: false,
                        nullable: false,
                        rust_name,
                        ..
                    }) => Some((Some(rust_name.clone()), (**item).clone())),
                    _ => {
                        self.error(
                            Diagnostic::error(format!(
                                "`{}` is not a required list field of the response type",
                                items.value
                            ))
                            .at(at(file, items)),
                        );
                        None
                    }
                }
            }
        };
        let (items_field, item) = items?;
        let (page_param, page_wire) = page_param?;
        Some(Pages {
            page_param,
            page_wire,
            items_field,
            item,
        })
    }

    /// The envelope field that holds the payload: a name, and not one of the envelope's
    /// own fields, which say whether the call succeeded and how.
    fn envelope(&mut self, file: &SourceFile, envelope: &Text) -> Option<String> {
        let name = envelope.value.as_str();
        let problem = if name.trim().is_empty() {
            "the envelope field is empty".to_owned()
        } else if ENVELOPE_FIELDS.contains(&name) {
            format!("`{name}` is a field of every envelope, not the one that holds the payload")
        } else {
            return Some(name.to_owned());
        };
        self.error(
            Diagnostic::error(problem)
                .at(at(file, envelope))
                .help("name the envelope field that holds the payload, usually `result`"),
        );
        None
    }

    /// Declared error statuses: each key a number from 400 to 599, each status once.
    /// Every bad key is reported, not only the first.
    fn declared_errors(&mut self, file: &SourceFile, decl: &EndpointDecl) -> Vec<(u16, String)> {
        let mut errors: Vec<(u16, String)> = Vec::new();
        let mut seen: BTreeMap<u16, &Text> = BTreeMap::new();
        for (status, meaning) in &decl.errors.0 {
            let key = status.value.trim();
            let code = key
                .parse::<u16>()
                .ok()
                .filter(|code| (400..600).contains(code));
            let Some(code) = code else {
                let what = if key.chars().all(|c| c.is_ascii_digit()) && !key.is_empty() {
                    format!("`{key}` is not an error status")
                } else {
                    format!("`{key}` is not a status code")
                };
                let help = if key.len() == 3 && key[1..].eq_ignore_ascii_case("xx") {
                    "write each status of the range that the endpoint can return (`400`, \
                     `404`, …); a key is one status code from 400 to 599"
                } else {
                    "a key of `errors` is one status code from 400 to 599"
                };
                self.error(Diagnostic::error(what).at(at(file, status)).help(help));
                continue;
            };
            if let Some(first) = seen.insert(code, status) {
                self.error(
                    Diagnostic::error(format!("the status `{code}` is listed twice"))
                        .at(at(file, status))
                        .help(format!(
                            "the first is on line {}; give each status one meaning",
                            first.referenced.line()
                        )),
                );
                continue;
            }
            errors.push((code, meaning.value.trim().to_owned()));
        }
        errors
    }

    /// The body: its type fits how it is sent (a struct or union as JSON or, a struct, as
    /// a multipart form; `binary` as bytes; a list as NDJSON).
    fn body(
        &mut self,
        file: &SourceFile,
        method: Option<HttpMethod>,
        decl: &Spanned<BodyDecl>,
    ) -> Option<Body> {
        let body = &decl.value;
        let location = if body.ty.referenced.line() == 0 {
            at(file, decl)
        } else {
            at(file, &body.ty)
        };
        // DELETE may carry a body: Cloudflare's bulk deletes say what to delete in it.
        if method == Some(HttpMethod::Get) {
            self.error(Diagnostic::error("a GET request cannot have a body").at(location));
            return None;
        }
        let content = match body.content.as_ref().map(|c| c.value.as_str()) {
            None | Some("json") => BodyContent::Json,
            Some("multipart") => BodyContent::Multipart,
            Some("bytes") => BodyContent::Bytes,
            Some("ndjson") => BodyContent::Ndjson,
            Some(other) => {
                let content = body.content.as_ref()?;
                self.error(
                    Diagnostic::error(format!("`{other}` is not a kind of body"))
                        .at(at(file, content))
                        .help("use `json`, `multipart`, `bytes` or `ndjson`"),
                );
                return None;
            }
        };
        if let Some(media_type) = &body.media_type
            && content != BodyContent::Bytes
        {
            self.error(
                Diagnostic::error("only a `bytes` body has a `media_type`")
                    .at(at(file, media_type))
                    .help("the other kinds of body say their own content type"),
            );
        }
        let ty = self.type_ref(&body.ty.value, location.clone())?;
        let is_object = |resolver: &Self, ty: &TypeRef| {
            matches!(ty, TypeRef::Named(name) if resolver
                .types
                .get(name)
                .is_some_and(|(kind, _)| *kind == Declared::Object))
        };
        let fits = match content {
            BodyContent::Json => ty != TypeRef::Binary,
            BodyContent::Multipart => is_object(self, &ty),
            BodyContent::Bytes => ty == TypeRef::Binary,
            BodyContent::Ndjson => matches!(ty, TypeRef::List(_)),
        };
        if !fits {
            let expected = match content {
                BodyContent::Json => "a JSON body cannot be `binary`: send it as `content: bytes`",
                BodyContent::Multipart => "a multipart body must be a struct, one part per field",
                BodyContent::Bytes => "a `bytes` body is of type `binary`",
                BodyContent::Ndjson => "an `ndjson` body is a `list<…>`, one item per line",
            };
            self.error(Diagnostic::error(expected).at(location));
            return None;
        }
        Some(Body {
            ty,
            content,
            media_type: body.media_type.as_ref().map(|m| m.value.clone()),
        })
    }

    /// What a successful call returns: a type unwrapped from the JSON envelope, or a body
    /// taken as it is (`bytes`, `text`), which has neither type nor envelope.
    fn response(&mut self, file: &SourceFile, decl: &Spanned<ResponseDecl>) -> Option<Response> {
        let response = &decl.value;
        let content = match response.content.as_ref().map(|c| c.value.as_str()) {
            None | Some("json") => ResponseContent::Json,
            Some("bytes") => ResponseContent::Bytes,
            Some("text") => ResponseContent::Text,
            Some("none") => ResponseContent::None,
            Some(other) => {
                let content = response.content.as_ref()?;
                self.error(
                    Diagnostic::error(format!("`{other}` is not a kind of response"))
                        .at(at(file, content))
                        .help("use `json`, `bytes`, `text` or `none`"),
                );
                return None;
            }
        };
        if content != ResponseContent::Json {
            let extra = response.ty.as_ref().or(response.envelope.as_ref());
            if let Some(extra) = extra {
                self.error(
                    Diagnostic::error("a response that is not JSON has no `type` or `envelope`")
                        .at(at(file, extra))
                        .help(
                            "it is taken as it is: `Binary` for `bytes`, `Text` for `text`, \
                             `()` for `none`",
                        ),
                );
                return None;
            }
            let ty = match content {
                ResponseContent::Bytes => TypeRef::Binary,
                ResponseContent::Text => TypeRef::String,
                _ => TypeRef::Any,
            };
            return Some(Response {
                ty,
                envelope: String::new(),
                content,
            });
        }
        let Some(ty) = &response.ty else {
            self.error(
                Diagnostic::error("a JSON response needs a `type`")
                    .at(at(file, decl))
                    .help(
                        "e.g. `response: { type: Route, envelope: result }`; a call without a \
                         payload says `response: { content: none }`",
                    ),
            );
            return None;
        };
        // A payload may be `null` (`nullable<T>`: the call gives an `Option<T>`).
        let ty = self.type_expr(&ty.value, at(file, ty), true);
        // Without `envelope`, the whole body is the payload (an API that does not wrap it).
        let envelope = match &response.envelope {
            Some(envelope) => self.envelope(file, envelope),
            None => Some(String::new()),
        };
        Some(Response {
            ty: ty?,
            envelope: envelope?,
            content,
        })
    }

    /// Checks the path template against the declared path parameters.
    fn path_params(&mut self, file: &SourceFile, decl: &EndpointDecl) -> Option<Vec<Field>> {
        let location = at(file, &decl.path);
        let placeholders = match parse_path_template(&decl.path.value) {
            Ok(placeholders) => placeholders,
            Err(problem) => {
                let mut error = Diagnostic::error(format!("malformed path template: {problem}"))
                    .at(location.narrowed_to(&problem.at));
                if let Some(help) = problem.help {
                    error = error.help(help);
                }
                self.error(error);
                return None;
            }
        };
        let mut ok = true;
        for placeholder in &placeholders {
            if !decl.path_params.keys().any(|k| &k.value == placeholder) {
                ok = false;
                self.error(
                    Diagnostic::error(format!(
                        "path parameter `{placeholder}` is used in the path but not declared"
                    ))
                    .at(location.narrowed_to(&format!("{{{placeholder}}}")))
                    .help(format!(
                        "declare it under `path_params`: `{placeholder}: string`"
                    )),
                );
            }
        }
        let mut params = Vec::new();
        for (wire, param) in &decl.path_params {
            if !placeholders.contains(&wire.value) {
                ok = false;
                self.error(
                    Diagnostic::error(format!(
                        "path parameter `{}` is declared but not used in the path",
                        wire.value
                    ))
                    .at(at(file, wire)),
                );
                continue;
            }
            let field = self.field(file, wire, param)?;
            if field.ty != TypeRef::String || field.optional || field.nullable {
                ok = false;
                self.error(
                    Diagnostic::error("a path parameter must be a required, non-null `string`")
                        .at(type_location(file, param)),
                );
                continue;
            }
            params.push(field);
        }
        ok.then_some(params)
    }
}
