//! The config's decisions about types and endpoints, checked against what was imported:
//! its selectors resolved (several for one type are merged), and every key it names
//! (endpoint, parameter, status, field, variant, value) shown to exist, so that nothing a
//! maintainer wrote silently stops applying when the schema changes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::config::{self, NameDoc, SpecConfig, TypeConfig};
use super::names::VariantStructs;
use super::operations::Endpoint;
use super::plan::SpecPlan;
use super::schema::Cache;
use super::selector::{self, OperationTypes, Roots};
use super::shapes::{Kind, MergeConflict, Prop, ShapeId, Shapes, Ty};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, did_you_mean};
use crate::naming;
use crate::spec::Text;
use crate::validate::RESERVED_TYPE_NAMES;
use serde_saphyr::Spanned;

/// A type the config names.
struct Entry<'c> {
    /// A shape it is made of (the merged shape is what this one stands for now).
    id: ShapeId,
    name: &'c Text,
    config: &'c TypeConfig,
}

/// The config's types, resolved to shapes.
#[derive(Default)]
pub struct TypeSettings<'c> {
    entries: Vec<Entry<'c>>,
}

impl<'c> TypeSettings<'c> {
    /// The names the config gives, by current shape.
    pub fn names(&self, shapes: &Shapes) -> HashMap<ShapeId, String> {
        self.entries
            .iter()
            .map(|e| (shapes.current(e.id), e.name.value.clone()))
            .collect()
    }

    /// What the config says about shape `id`.
    pub fn for_shape(&self, shapes: &Shapes, id: ShapeId) -> Option<&'c TypeConfig> {
        self.entries
            .iter()
            .find(|e| shapes.current(e.id) == id)
            .map(|e| e.config)
    }

    /// Variant struct names the config gives, by (union, tag value).
    pub fn variant_names(&self, shapes: &Shapes) -> VariantStructs {
        let mut names = BTreeMap::new();
        for entry in &self.entries {
            for (tag, variant) in &entry.config.variants {
                if let Some(name) = &variant.name {
                    names.insert(
                        (shapes.current(entry.id), tag.value.clone()),
                        name.value.clone(),
                    );
                }
            }
        }
        names
    }

    /// Config type names that are taken by something the generated code has.
    pub fn clashes_with(&self, file: &SourceFile, taken: &BTreeSet<String>) -> Vec<Diagnostic> {
        self.entries
            .iter()
            .filter(|e| taken.contains(&e.name.value))
            .map(|e| {
                Diagnostic::error(format!(
                    "the type name `{}` is taken: the generated code has a namespace handle, query struct or item of that name",
                    e.name.value
                ))
                .at(config::location(file, e.name))
                .help("choose another name")
            })
            .collect()
    }

    /// Every config type must be a type of the imported spec, used by an endpoint.
    pub fn check_used(
        &self,
        file: &SourceFile,
        shapes: &Shapes,
        homes: &HashMap<ShapeId, usize>,
    ) -> Result<(), Diagnostics> {
        let errors: Vec<Diagnostic> = self
            .entries
            .iter()
            .filter(|e| !homes.contains_key(&shapes.current(e.id)))
            .map(|e| {
                Diagnostic::error(format!(
                    "`{}` is not used by any imported endpoint",
                    e.name.value
                ))
                .at(config::location(file, e.name))
                .help("its schemas belong to skipped operations only; see the warnings")
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Diagnostics(errors))
        }
    }
}

/// Resolves and checks the config of every plan against the imported endpoints.
pub fn apply<'c>(
    file: &SourceFile,
    plans: &[SpecPlan<'c>],
    endpoints: &[(usize, Endpoint)],
    caches: &[Cache],
    shapes: &mut Shapes,
) -> Result<TypeSettings<'c>, Diagnostics> {
    let mut errors = Vec::new();
    let mut settings = TypeSettings::default();
    for (index, plan) in plans.iter().enumerate() {
        let Some(spec) = plan.config else { continue };
        let ours: Vec<&Endpoint> = endpoints
            .iter()
            .filter(|(p, _)| *p == index)
            .map(|(_, e)| e)
            .collect();
        check_endpoints(file, spec, &ours, &mut errors);
        let roots = Roots {
            operations: ours
                .iter()
                .map(|e| {
                    let types = OperationTypes {
                        body: e.body.as_ref().map(|body| body.ty.clone()),
                        response: e.response.clone(),
                        query: e
                            .query
                            .iter()
                            .map(|p| (p.wire.clone(), p.ty.clone()))
                            .collect(),
                    };
                    (e.handle.clone(), types)
                })
                .collect(),
            pointers: caches[plan.document]
                .iter()
                .map(|(pointer, translated)| (pointer.clone(), translated.ty.clone()))
                .collect(),
        };
        for (name, type_config) in &spec.types {
            if let Some(id) = resolve_type(file, name, type_config, &roots, shapes, &mut errors) {
                settings.entries.push(Entry {
                    id,
                    name,
                    config: type_config,
                });
            }
        }
    }
    let mut owners: HashMap<ShapeId, &Text> = HashMap::new();
    for entry in &settings.entries {
        let id = shapes.current(entry.id);
        if let Some(first) = owners.insert(id, entry.name) {
            errors.push(
                Diagnostic::error(format!(
                    "`{}` and `{}` name the same type",
                    first.value, entry.name.value
                ))
                .at(config::location(file, entry.name))
                .help("list all its schemas under one name's `from`"),
            );
        }
        check_type_keys(file, entry, shapes, &mut errors);
        keep_any_fields(entry, shapes);
    }
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(Diagnostics(errors))
    }
}

/// The shape a config type is made of, its sources merged.
fn resolve_type(
    file: &SourceFile,
    name: &Text,
    type_config: &TypeConfig,
    roots: &Roots,
    shapes: &mut Shapes,
    errors: &mut Vec<Diagnostic>,
) -> Option<ShapeId> {
    if !naming::is_type_name(&name.value) {
        let error = Diagnostic::error(format!("`{}` is not a valid type name", name.value))
            .at(config::location(file, name));
        errors.push(match naming::variant_name(&name.value) {
            Some(fixed) => error.help(format!("type names are UpperCamelCase: `{fixed}`")),
            None => error,
        });
        return None;
    }
    if RESERVED_TYPE_NAMES.contains(&name.value.as_str()) {
        errors.push(
            Diagnostic::error(format!(
                "the type name `{}` is reserved: the generated code uses it for its own `{0}`",
                name.value
            ))
            .at(config::location(file, name))
            .help(format!("choose another name, e.g. `Api{}`", name.value)),
        );
        return None;
    }
    let sources = &type_config.from.value.0;
    let mut ids = Vec::with_capacity(sources.len());
    for source in sources {
        let located = config::at(file, source, &type_config.from);
        let resolved = selector::parse(&source.value)
            .and_then(|selector| selector::resolve(&selector, roots, shapes));
        match resolved {
            Ok(id) => ids.push(id),
            Err(problem) => errors.push(
                Diagnostic::error(format!("`{}` selects no type: {problem}", source.value))
                    .at(located),
            ),
        }
    }
    if ids.len() != sources.len() || ids.is_empty() {
        if sources.is_empty() {
            errors.push(
                Diagnostic::error("`from` names no schema")
                    .at(config::location(file, &type_config.from)),
            );
        }
        return None;
    }
    match shapes.merge(&ids) {
        Ok(id) => Some(id),
        Err(conflict) => {
            let (culprit, why) = match conflict {
                MergeConflict::Kinds(id) => (
                    id,
                    "it is not an object or enum of the same kind".to_owned(),
                ),
                MergeConflict::Field(field, id) => (
                    id,
                    format!("its field `{field}` has another type than in the schemas before it"),
                ),
            };
            let member = ids
                .iter()
                .position(|&id| shapes.current(id) == culprit)
                .unwrap_or(0);
            let source = &sources[member];
            errors.push(
                Diagnostic::error(format!(
                    "`{}` cannot be merged into `{}`: {why}",
                    source.value, name.value
                ))
                .at(config::at(file, source, &type_config.from)),
            );
            None
        }
    }
}

/// Endpoint settings must name imported operations, their parameters and statuses.
fn check_endpoints(
    file: &SourceFile,
    spec: &SpecConfig,
    ours: &[&Endpoint],
    errors: &mut Vec<Diagnostic>,
) {
    let params_of = |e: &Endpoint| -> Vec<String> {
        e.path_params
            .iter()
            .chain(&e.query)
            .map(|p| p.wire.clone())
            .collect()
    };
    for (handle, endpoint_config) in &spec.endpoints {
        let Some(endpoint) = ours.iter().find(|e| e.handle == handle.value) else {
            let mut error = Diagnostic::error(format!(
                "`{}` is not an operation imported into this spec",
                handle.value
            ))
            .at(config::location(file, handle));
            let handles = ours.iter().map(|e| e.handle.as_str());
            error = match did_you_mean(&handle.value, handles) {
                Some(close) => error.help(format!("did you mean `{close}`?")),
                None => error.help("it is not selected, or it was skipped (see the warnings)"),
            };
            errors.push(error);
            continue;
        };
        let known = params_of(endpoint);
        check_params(file, &endpoint_config.params, &known, errors);
        let statuses: Vec<u16> = endpoint.errors.iter().map(|(s, _)| *s).collect();
        for status in endpoint_config.errors.keys() {
            if !statuses.contains(&status.value) {
                errors.push(
                    Diagnostic::error(format!(
                        "`{}` does not declare the status {}",
                        handle.value, status.value
                    ))
                    .at(config::location(file, status)),
                );
            }
        }
    }
    let all_params: Vec<String> = ours.iter().flat_map(|e| params_of(e)).collect();
    check_params(file, &spec.params, &all_params, errors);
    for status in spec.errors.keys() {
        if !ours
            .iter()
            .any(|e| e.errors.iter().any(|(s, _)| *s == status.value))
        {
            errors.push(
                Diagnostic::error(format!(
                    "no operation of this spec declares the status {}",
                    status.value
                ))
                .at(config::location(file, status)),
            );
        }
    }
}

fn check_params(
    file: &SourceFile,
    params: &indexmap::IndexMap<Text, Spanned<NameDoc>>,
    known: &[String],
    errors: &mut Vec<Diagnostic>,
) {
    for (wire, setting) in params {
        if !known.contains(&wire.value) {
            let mut error =
                Diagnostic::error(format!("there is no parameter `{}` here", wire.value))
                    .at(config::location(file, wire));
            if let Some(close) = did_you_mean(&wire.value, known.iter().map(String::as_str)) {
                error = error.help(format!("did you mean `{close}`?"));
            }
            errors.push(error);
        }
        check_rust_name(file, &setting.value.rust, errors);
        if let Some(ty) = &setting.value.ty {
            errors.push(
                Diagnostic::error("a parameter's type is not set in the config")
                    .at(config::location(file, ty))
                    .help("`type: any` is for a field of a type under `types`"),
            );
        }
    }
}

fn check_rust_name(file: &SourceFile, rust: &Option<Text>, errors: &mut Vec<Diagnostic>) {
    if let Some(rust) = rust
        && naming::snake_name(&rust.value).is_none_or(|n| n.starts_with("r#"))
    {
        errors.push(
            Diagnostic::error(format!("`{}` is not a snake_case Rust name", rust.value))
                .at(config::location(file, rust)),
        );
    }
}

/// The fields, order, variants and values a type config names must exist in its type.
fn check_type_keys(
    file: &SourceFile,
    entry: &Entry<'_>,
    shapes: &Shapes,
    errors: &mut Vec<Diagnostic>,
) {
    let kind = shapes.current_kind(shapes.current(entry.id));
    let config = entry.config;
    let unknown = |key: &Text, what: &str, known: &[&str]| {
        let error = Diagnostic::error(format!(
            "`{}` has no {what} `{}`",
            entry.name.value, key.value
        ))
        .at(config::location(file, key));
        match did_you_mean(&key.value, known.iter().copied()) {
            Some(close) => error.help(format!("did you mean `{close}`?")),
            None if known.is_empty() => error.help(format!("it has no {what}s")),
            None => error.help(format!(
                "it has {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    };
    let (fields, tags, values): (Vec<&str>, Vec<&str>, Vec<&str>) = match &kind {
        Kind::Object(props) => (
            props.iter().map(|p| p.wire.as_str()).collect(),
            Vec::new(),
            Vec::new(),
        ),
        Kind::Union { variants, .. } => {
            let mut fields: Vec<&str> = Vec::new();
            for prop in variants.iter().flat_map(|v| &v.props) {
                if !fields.contains(&prop.wire.as_str()) {
                    fields.push(&prop.wire);
                }
            }
            (
                fields,
                variants.iter().map(|v| v.tag_value.as_str()).collect(),
                Vec::new(),
            )
        }
        Kind::Enum(values) => (
            Vec::new(),
            Vec::new(),
            values.iter().map(String::as_str).collect(),
        ),
        Kind::OneOf(_) => (Vec::new(), Vec::new(), Vec::new()),
    };
    for key in config.fields.keys() {
        if !fields.contains(&key.value.as_str()) {
            errors.push(unknown(key, "field", &fields));
        }
    }
    for key in &config.order {
        if !matches!(kind, Kind::Object(_)) || !fields.contains(&key.value.as_str()) {
            errors.push(unknown(key, "field", &fields));
        }
    }
    for (tag, variant) in &config.variants {
        let Kind::Union { variants, .. } = &kind else {
            errors.push(unknown(tag, "variant", &tags));
            continue;
        };
        let Some(found) = variants.iter().find(|v| v.tag_value == tag.value) else {
            errors.push(unknown(tag, "variant", &tags));
            continue;
        };
        let variant_fields: Vec<&str> = found.props.iter().map(|p| p.wire.as_str()).collect();
        for key in variant.fields.keys() {
            if !variant_fields.contains(&key.value.as_str()) {
                errors.push(unknown(
                    key,
                    &format!("field in variant `{}`", tag.value),
                    &variant_fields,
                ));
            }
        }
        if let Some(name) = &variant.name
            && !naming::is_type_name(&name.value)
        {
            errors.push(
                Diagnostic::error(format!(
                    "`{}` is not an UpperCamelCase type name",
                    name.value
                ))
                .at(config::location(file, name)),
            );
        }
        for setting in variant.fields.values() {
            check_rust_name(file, &setting.value.rust, errors);
        }
    }
    for key in config.values.keys() {
        if !values.contains(&key.value.as_str()) {
            errors.push(unknown(key, "value", &values));
        }
    }
    for setting in config.fields.values() {
        check_rust_name(file, &setting.value.rust, errors);
        if let Some(ty) = &setting.value.ty
            && ty.value != "any"
        {
            errors.push(
                Diagnostic::error(format!(
                    "a field's type can only be set to `any`, not `{}`",
                    ty.value
                ))
                .at(config::location(file, ty))
                .help("`type: any` keeps a field `any` where the importer would type it more narrowly"),
            );
        }
    }
}

/// Fields the config keeps `any` (`type: any`): their type in the shape becomes `any`.
fn keep_any_fields(entry: &Entry<'_>, shapes: &mut Shapes) {
    let id = shapes.current(entry.id);
    let keep: Vec<&str> = entry
        .config
        .fields
        .iter()
        .filter(|(_, setting)| setting.value.ty.as_ref().is_some_and(|t| t.value == "any"))
        .map(|(wire, _)| wire.value.as_str())
        .collect();
    if keep.is_empty() {
        return;
    }
    let props: Vec<&mut Prop> = match &mut shapes.shapes[id].kind {
        Kind::Object(props) => props.iter_mut().collect(),
        Kind::Union { variants, .. } => variants
            .iter_mut()
            .flat_map(|v| v.props.iter_mut())
            .collect(),
        Kind::Enum(_) | Kind::OneOf(_) => Vec::new(),
    };
    for prop in props {
        if keep.contains(&prop.wire.as_str()) {
            prop.ty = Ty::Any;
        }
    }
}
