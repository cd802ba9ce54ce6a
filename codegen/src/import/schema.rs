//! Schemas into shapes: `$ref` followed, `allOf` of objects merged, `nullable` and
//! `additionalProperties` read, a `oneOf` whose members pin one property to one value made
//! a tagged union. What the spec format cannot express becomes `any` with a warning at the
//! schema's pointer; a broken document (a `$ref` to nothing, a `$ref` cycle) an error.

use std::collections::{HashMap, HashSet};

use heck::ToUpperCamelCase;

use super::document::Document;
use super::names::{enum_value_names, plural};
use super::node::Node;
use super::pointer;
use super::report::Report;
use super::shapes::{Alternative, Docs, Hint, Kind, Prop, ShapeId, Shapes, Ty, Use, Variant};
use crate::naming;

/// Schemas nested deeper than this (counting `$ref` and `allOf` steps) are typed `any`;
/// no real schema comes near it, and it bounds the translator's recursion.
const MAX_DEPTH: usize = 64;

/// A schema as a use site sees it.
#[derive(Clone, Debug)]
pub struct Translated {
    pub ty: Ty,
    pub nullable: bool,
    /// What the schema says about this use: its description, unless it is a component's,
    /// which documents the component's type instead.
    pub doc: Option<String>,
}

impl Translated {
    fn any() -> Self {
        Self::of(Ty::Any)
    }

    fn of(ty: Ty) -> Self {
        Self {
            ty,
            nullable: false,
            doc: None,
        }
    }
}

/// Translations of `$ref` targets, per document, so a component is read once.
pub type Cache = HashMap<String, Translated>;

/// Translates the schemas of one document into [`Shapes`].
pub struct Translator<'a> {
    document: &'a Document,
    index: usize,
    shapes: &'a mut Shapes,
    report: &'a mut Report,
    cache: &'a mut Cache,
    /// `$ref` targets being translated or read.
    in_progress: Vec<InProgress>,
    /// Properties, items and map values entered so far: a `$ref` met again below one of
    /// them is a recursive type; met again without one, a cycle of `$ref`s.
    structural: usize,
    depth: usize,
    /// Translating a multipart form, where `format: binary` strings are files.
    in_form: bool,
}

/// A `$ref` target being translated (or read, for an `allOf` merge).
struct InProgress {
    target: String,
    /// The structural depth it was entered at.
    structural: usize,
    /// Whether it is being translated (rather than read for its properties).
    translating: bool,
    /// The shape that stands for it where it contains itself.
    placeholder: Option<ShapeId>,
}

/// An object schema with its `allOf` members and `$ref`s merged in.
#[derive(Clone, Default)]
struct ObjectView<'a> {
    /// Where the object schema is.
    pointer: String,
    /// (wire name, schema, pointer), first position kept when a later member redefines it.
    props: Vec<(String, &'a Node, String)>,
    required: Vec<String>,
    doc: Option<String>,
    nullable: bool,
    additional: Option<(&'a Node, String)>,
    /// A note added to a property's doc, by wire name: which alternative of a form of
    /// alternatives it belongs to.
    notes: Vec<(String, String)>,
}

impl<'a> Translator<'a> {
    pub fn new(
        document: &'a Document,
        index: usize,
        shapes: &'a mut Shapes,
        report: &'a mut Report,
        cache: &'a mut Cache,
    ) -> Self {
        Self {
            document,
            index,
            shapes,
            report,
            cache,
            in_progress: Vec::new(),
            structural: 0,
            depth: 0,
            in_form: false,
        }
    }

    pub fn report(&mut self) -> &mut Report {
        self.report
    }

    pub fn shapes(&mut self) -> &mut Shapes {
        self.shapes
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.report.warn(self.index, pointer, message);
    }

    /// The type of the schema `node` at `pointer`.
    pub fn translate(&mut self, node: &'a Node, pointer: &str) -> Translated {
        if self.depth >= MAX_DEPTH {
            self.warn(
                pointer,
                format!("the schema is nested more than {MAX_DEPTH} levels deep; typed `any`"),
            );
            return Translated::any();
        }
        self.depth += 1;
        let translated = self.schema(node, pointer);
        self.depth -= 1;
        if self.depth == 0 {
            self.report.translated(&translated.ty);
        }
        translated
    }

    /// The type of a multipart form's schema: as [`Translator::translate`], but its
    /// `format: binary` strings are files (`binary`), which only a form can send.
    pub fn translate_form(&mut self, node: &'a Node, pointer: &str) -> Translated {
        self.in_form = true;
        let translated = self.translate(node, pointer);
        self.in_form = false;
        translated
    }

    /// A schema one structural level down (a property, list items, map values).
    fn nested(&mut self, node: &'a Node, pointer: &str) -> Translated {
        self.structural += 1;
        let translated = self.translate(node, pointer);
        self.structural -= 1;
        translated
    }

    fn schema(&mut self, node: &'a Node, pointer: &str) -> Translated {
        if !matches!(node, Node::Map(_)) {
            self.warn(
                pointer,
                format!(
                    "a schema must be a mapping, not {}; typed `any`",
                    node.kind()
                ),
            );
            return Translated::any();
        }
        let nullable = node.bool("nullable") == Some(true);
        let doc = doc_of(node);
        if let Some(reference) = node.get("$ref") {
            let mut translated = self.reference(reference, &pointer::child(pointer, "$ref"));
            translated.nullable |= nullable;
            // A description beside a `$ref` describes this use.
            if doc.is_some() {
                translated.doc = doc;
            }
            return translated;
        }
        let mut translated = if node.get("allOf").is_some() {
            self.all_of(node, pointer)
        } else if let Some(key) = ["oneOf", "anyOf"]
            .into_iter()
            .find(|k| node.get(k).is_some())
        {
            self.one_of(node, key, pointer)
        } else {
            self.typed(node, pointer)
        };
        translated.nullable |= nullable;
        if translated.doc.is_none() {
            translated.doc = doc;
        }
        translated
    }

    /// The schema a `$ref` points at.
    fn reference(&mut self, reference: &'a Node, at: &str) -> Translated {
        let Some(target) = self.ref_target(reference, at) else {
            return Translated::any();
        };
        self.report.reached(&target);
        if let Some(done) = self.cache.get(&target) {
            let mut done = done.clone();
            self.note_component(&target, &done.ty);
            if matches!(done.ty, Ty::Named(_)) {
                done.doc = None;
            }
            return done;
        }
        if let Some(inner) = self.recursion(&target, at) {
            return inner;
        }
        let Some(node) = pointer::resolve(&self.document.root, &target) else {
            return Translated::any();
        };
        self.in_progress.push(InProgress {
            target: target.clone(),
            structural: self.structural,
            translating: true,
            placeholder: None,
        });
        self.report.enter_target();
        let translated = self.translate(node, &target);
        self.report.leave_target(self.index, &target);
        let entry = self.in_progress.pop();
        if let Some(placeholder) = entry.and_then(|e| e.placeholder) {
            match &translated.ty {
                Ty::Named(id) => self.shapes.define(placeholder, *id),
                Ty::List(items) if matches!(**items, Ty::Named(_)) => {
                    if let Ty::Named(id) = **items {
                        self.shapes.define(placeholder, id);
                    }
                }
                _ => self.warn(
                    &target,
                    format!(
                        "`{}` contains itself but is neither an object nor a union; the inner uses are objects whose fields all stay in `unknown_fields`",
                        pointer::shown(&target)
                    ),
                ),
            }
        }
        self.cache.insert(target.clone(), translated.clone());
        self.note_component(&target, &translated.ty);
        let mut translated = translated;
        if matches!(translated.ty, Ty::Named(_)) {
            translated.doc = None;
        }
        translated
    }

    /// The local pointer a `$ref` names, checked to exist; `None` after reporting why not.
    fn ref_target(&mut self, reference: &Node, at: &str) -> Option<String> {
        let Some(text) = reference.as_str() else {
            self.report.error(
                self.index,
                at,
                format!("`$ref` must be a string, not {}", reference.kind()),
            );
            return None;
        };
        let Some(fragment) = text.strip_prefix('#') else {
            self.warn(
                at,
                format!("`$ref: {text}` points into another document, which the importer does not read; typed `any`"),
            );
            return None;
        };
        let target = percent_decode(fragment);
        if pointer::resolve(&self.document.root, &target).is_none() {
            let message = format!("`$ref: {text}` points at nothing in the document");
            match closest_target(&self.document.root, &target) {
                Some(close) => self.report.error_with_help(
                    self.index,
                    at,
                    message,
                    format!("did you mean `#{close}`?"),
                ),
                None => self.report.error(self.index, at, message),
            }
            return None;
        }
        Some(target)
    }

    /// For a `$ref` to a target being translated: the type of the inner use. Below a
    /// property, list items, map values or an alternative, that is the target's own shape
    /// (a recursive type, which the generator boxes); without one, it is a `$ref` cycle,
    /// an error. `None` when the target is not being translated.
    fn recursion(&mut self, target: &str, at: &str) -> Option<Translated> {
        let position = self
            .in_progress
            .iter()
            .rposition(|p| p.target == target && p.translating)?;
        if self.structural > self.in_progress[position].structural {
            let node = pointer::resolve(&self.document.root, target);
            // A list of itself (`trace: { type: array, items: { …, trace: $ref } }`)
            // contains itself through its items' object.
            let list = node.is_some_and(|n| {
                n.str("type") == Some("array")
                    && n.get("items").is_some_and(|items| {
                        items.get("$ref").is_none() && is_object_like_schema(items)
                    })
            });
            if !list && !node.is_some_and(is_object_like_schema) {
                self.report.warn_with_help(
                    self.index,
                    at,
                    format!(
                        "`{}` contains itself, and is neither an object nor a union; the inner use is typed `any`",
                        pointer::shown(target)
                    ),
                    "only objects and unions can contain themselves in Rust",
                );
                return Some(Translated::any());
            }
            let id = match self.in_progress[position].placeholder {
                Some(id) => id,
                None => {
                    let id = self.shapes.placeholder();
                    self.in_progress[position].placeholder = Some(id);
                    id
                }
            };
            let ty = if list {
                Ty::List(Box::new(Ty::Named(id)))
            } else {
                Ty::Named(id)
            };
            return Some(Translated::of(ty));
        }
        self.report_cycle(position, target, at);
        Some(Translated::any())
    }

    fn report_cycle(&mut self, position: usize, target: &str, at: &str) {
        let chain: Vec<String> = self.in_progress[position..]
            .iter()
            .map(|p| format!("`{}`", pointer::shown(&p.target)))
            .chain([format!("`{}`", pointer::shown(target))])
            .collect();
        self.report.error(
            self.index,
            at,
            format!(
                "`$ref` cycle: {} (a schema that is only itself means nothing)",
                chain.join(" → ")
            ),
        );
    }

    /// Marks `target` as being read for its properties, unless that would go round a
    /// `$ref` cycle (reported); reading a target again below a property is fine, as
    /// reading does not translate the properties.
    fn enter_view(&mut self, target: &str, at: &str) -> bool {
        if let Some(position) = self.in_progress.iter().rposition(|p| p.target == target)
            && self.in_progress[position].structural >= self.structural
        {
            self.report_cycle(position, target, at);
            return false;
        }
        self.in_progress.push(InProgress {
            target: target.to_owned(),
            structural: self.structural,
            translating: false,
            placeholder: None,
        });
        true
    }

    /// Records that a component schema's name is a name for `ty`'s shape.
    fn note_component(&mut self, target: &str, ty: &Ty) {
        let (Ty::Named(id), Some(name)) = (ty, target.strip_prefix("/components/schemas/")) else {
            return;
        };
        if !name.contains('/') {
            let name = name.replace("~1", "/").replace("~0", "~");
            self.shapes.add_use(
                *id,
                Use {
                    parent: None,
                    hint: Hint::Component(name),
                },
            );
        }
    }

    fn all_of(&mut self, node: &'a Node, pointer: &str) -> Translated {
        let Some(members) = node.get("allOf").and_then(Node::as_list) else {
            self.report.error(
                self.index,
                &pointer::child(pointer, "allOf"),
                "`allOf` must be a list",
            );
            return Translated::any();
        };
        let member_pointer =
            |i: usize| pointer::child(&pointer::child(pointer, "allOf"), &i.to_string());
        let substantive: Vec<usize> = (0..members.len())
            .filter(|&i| !is_annotation_only(&members[i]))
            .collect();
        let any_nullable = members.iter().any(|m| m.bool("nullable") == Some(true));
        if substantive.len() == 1 && node.get("properties").is_none() {
            let i = substantive[0];
            let mut translated = self.translate(&members[i], &member_pointer(i));
            translated.nullable |= any_nullable;
            return translated;
        }
        if let Some(view) = self.object_view(node, pointer) {
            return self.object(view);
        }
        if let Some(distributed) = self.distributed(node, members, pointer) {
            return distributed;
        }
        // Not all objects: members that only constrain the value (`minLength`, `required`)
        // say nothing of its type, and members of one type are that type.
        let typing: Vec<usize> = substantive
            .iter()
            .copied()
            .filter(|&i| !is_constraint_only(&members[i]))
            .collect();
        if node.get("properties").is_none() && !typing.is_empty() {
            let translated: Vec<Translated> = typing
                .iter()
                .map(|&i| self.translate(&members[i], &member_pointer(i)))
                .collect();
            if let Some(mut common) = most_specific(self.shapes, &translated) {
                common.nullable |= any_nullable;
                return common;
            }
        }
        self.warn(
            pointer,
            "`allOf` of members that are not all objects, nor all of one type, cannot be expressed; typed `any`",
        );
        Translated::any()
    }

    /// An `allOf` of objects and one `oneOf`/`anyOf` of objects (`allOf: [Base, { oneOf:
    /// [A, B] }]`): a union of `Base + A` and `Base + B`, tagged when a property tells them
    /// apart. `None` when the members are not of that form.
    fn distributed(
        &mut self,
        node: &'a Node,
        members: &'a [Node],
        pointer: &str,
    ) -> Option<Translated> {
        let document: &'a Document = self.document;
        let members_pointer = pointer::child(pointer, "allOf");
        let mut base = ObjectView {
            pointer: pointer.to_owned(),
            doc: doc_of(node),
            nullable: node.bool("nullable") == Some(true),
            ..ObjectView::default()
        };
        let mut alternatives: Option<(&'a [Node], String)> = None;
        for (i, member) in members.iter().enumerate() {
            let at = pointer::child(&members_pointer, &i.to_string());
            if is_annotation_only(member) {
                continue;
            }
            let (resolved, resolved_at) = resolve_refs(document, member, &at)?;
            let union = ["oneOf", "anyOf"].into_iter().find_map(|key| {
                resolved
                    .get(key)
                    .and_then(Node::as_list)
                    .map(|list| (list, pointer::child(&resolved_at, key)))
            });
            match union {
                Some(found) if resolved.get("properties").is_none() => {
                    if alternatives.replace(found).is_some() {
                        return None;
                    }
                }
                _ => {
                    self.depth += 1;
                    let view = self.object_view(member, &at);
                    self.depth -= 1;
                    base.absorb(view?);
                }
            }
        }
        let (alternatives, alternatives_pointer) = alternatives?;
        let mut views = Vec::with_capacity(alternatives.len());
        for (j, alternative) in alternatives.iter().enumerate() {
            self.depth += 1;
            let view = self.object_view(
                alternative,
                &pointer::child(&alternatives_pointer, &j.to_string()),
            );
            self.depth -= 1;
            let mut combined = base.clone();
            combined.absorb(view?);
            combined.doc = doc_of(alternative).or(combined.doc);
            views.push(combined);
        }
        if let Some((tag, values)) = self.find_tag(node, alternatives, &views) {
            return Some(self.tagged_union(node, tag, values, &views));
        }
        self.report.enter_shape();
        let required_of: Vec<Vec<String>> =
            alternatives.iter().map(|m| self.required_of(m)).collect();
        let properties_of: Vec<Vec<String>> =
            alternatives.iter().map(|m| self.properties_of(m)).collect();
        let mut found = Vec::with_capacity(views.len());
        for (j, view) in views.into_iter().enumerate() {
            let required = view.required.len();
            let translated = self.object(view);
            let others: Vec<String> = properties_of
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != j)
                .flat_map(|(_, l)| l.iter().cloned())
                .collect();
            let names = self.alternative_names(
                &alternatives[j],
                &translated.ty,
                &required_of[j],
                &properties_of[j],
                &others,
            );
            found.push((names, translated.ty, doc_of(&alternatives[j]), required));
        }
        let translated = self.one_of_shape(doc_of(node), found, false);
        Some(translated)
    }

    /// Object schemas: `properties`, `additionalProperties`, `type: object`.
    fn typed(&mut self, node: &'a Node, pointer: &str) -> Translated {
        if let Some(values) = node.get("enum") {
            return self.enumeration(node, values, pointer);
        }
        match node.get("type") {
            Some(Node::String(ty)) => match ty.as_str() {
                "string" if node.str("format") == Some("date-time") => Translated::of(Ty::DateTime),
                "string" if self.in_form && node.str("format") == Some("binary") => {
                    Translated::of(Ty::Binary)
                }
                "string" => Translated::of(Ty::String),
                "integer" => Translated::of(Ty::Integer),
                "number" => Translated::of(Ty::Number),
                "boolean" => Translated::of(Ty::Boolean),
                "array" => self.array(node, pointer),
                "object" => self.object_schema(node, pointer),
                other => {
                    self.warn(
                        &pointer::child(pointer, "type"),
                        format!("`type: {other}` is not an OpenAPI 3.0 type; typed `any`"),
                    );
                    Translated::any()
                }
            },
            Some(other) => {
                self.warn(
                    &pointer::child(pointer, "type"),
                    format!(
                        "`type` must be a string in OpenAPI 3.0, not {}; typed `any`",
                        other.kind()
                    ),
                );
                Translated::any()
            }
            // No `type`, but keywords that only an object, a list or a timestamp has say
            // what the value is.
            None if ["properties", "additionalProperties", "required"]
                .iter()
                .any(|k| node.get(k).is_some()) =>
            {
                self.object_schema(node, pointer)
            }
            None if node.get("items").is_some() => self.array(node, pointer),
            None if node.str("format") == Some("date-time") => Translated::of(Ty::DateTime),
            None => {
                self.report.note_untyped(
                    self.index,
                    pointer,
                    "the schema has no `type`: any JSON value",
                );
                Translated::any()
            }
        }
    }

    fn object_schema(&mut self, node: &'a Node, pointer: &str) -> Translated {
        match self.object_view(node, pointer) {
            Some(view) => self.object(view),
            None => Translated::any(),
        }
    }

    fn array(&mut self, node: &'a Node, pointer: &str) -> Translated {
        let Some(items) = node.get("items") else {
            self.report.note_untyped(
                self.index,
                pointer,
                "the list has no `items`: its items are any JSON values",
            );
            return Translated::of(Ty::List(Box::new(Ty::Any)));
        };
        let items_pointer = pointer::child(pointer, "items");
        let translated = self.nested(items, &items_pointer);
        let ty = if translated.nullable && translated.ty.holds_null_untyped() {
            Ty::Any
        } else if translated.nullable {
            Ty::Nullable(Box::new(translated.ty))
        } else {
            translated.ty
        };
        Translated::of(Ty::List(Box::new(ty)))
    }

    /// An `enum`: a string enum (values that derive no Rust name are given one by
    /// [`enum_value_names`]); else its scalar type, with the values listed in its doc.
    fn enumeration(&mut self, node: &'a Node, values: &Node, pointer: &str) -> Translated {
        let enum_pointer = pointer::child(pointer, "enum");
        let Some(values) = values.as_list() else {
            self.report
                .error(self.index, &enum_pointer, "`enum` must be a list");
            return Translated::any();
        };
        let nullable = values.iter().any(|v| matches!(v, Node::Null));
        let values: Vec<&Node> = values.iter().filter(|v| !matches!(v, Node::Null)).collect();
        let declared = node.str("type");
        let all = |f: fn(&Node) -> bool| !values.is_empty() && values.iter().all(|v| f(v));
        let strings = all(|v| matches!(v, Node::String(_)));
        if strings && declared.is_none_or(|t| t == "string") {
            let mut texts: Vec<String> = Vec::new();
            for value in &values {
                if let Node::String(text) = value
                    && !texts.contains(text)
                {
                    texts.push(text.clone());
                }
            }
            return match enum_value_names(&texts) {
                Ok(_) => {
                    let docs = Docs {
                        doc: doc_of(node),
                        ..Docs::default()
                    };
                    let id = self.shapes.intern(Kind::Enum(texts), docs);
                    Translated {
                        nullable,
                        ..Translated::of(Ty::Named(id))
                    }
                }
                Err(problem) => {
                    self.warn(
                        &enum_pointer,
                        format!("{problem}, so it cannot be an enum; typed `string`, its values listed in the doc"),
                    );
                    Translated {
                        nullable,
                        doc: Some(with_values(doc_of(node), &values)),
                        ..Translated::of(Ty::String)
                    }
                }
            };
        }
        // The declared type wins; without one, the values' own.
        let ty = match declared {
            Some("integer") => Ty::Integer,
            Some("number") => Ty::Number,
            Some("boolean") => Ty::Boolean,
            Some("string") => Ty::String,
            Some(_) => {
                let mut translated = self.typed_without_enum(node, pointer);
                translated.nullable |= nullable;
                translated.doc = Some(with_values(
                    translated.doc.or_else(|| doc_of(node)),
                    &values,
                ));
                return translated;
            }
            None if all(|v| matches!(v, Node::Integer(_))) => Ty::Integer,
            None if all(|v| matches!(v, Node::Integer(_) | Node::Float(_))) => Ty::Number,
            None if all(|v| matches!(v, Node::Bool(_))) => Ty::Boolean,
            // Lists (`enum: [[]]`) and objects the enum does not describe further.
            None if all(|v| matches!(v, Node::List(_) | Node::Map(_))) => {
                self.report.note_untyped(
                    self.index,
                    pointer,
                    "an enum of lists or objects whose items the document does not describe",
                );
                if all(|v| matches!(v, Node::List(_))) {
                    Ty::List(Box::new(Ty::Any))
                } else {
                    Ty::Any
                }
            }
            None => return self.mixed_enum(node, &values, nullable, pointer),
        };
        Translated {
            nullable,
            doc: Some(with_values(doc_of(node), &values)),
            ..Translated::of(ty)
        }
    }

    /// The schema `node` as if it had no `enum`.
    fn typed_without_enum(&mut self, node: &'a Node, pointer: &str) -> Translated {
        match node.str("type") {
            Some("array") => self.array(node, pointer),
            Some("object") => self.object_schema(node, pointer),
            _ => Translated::any(),
        }
    }

    /// An enum of values of several JSON types (`["auto", 1]`): an untagged union of the
    /// scalar types they have, the values listed in its doc.
    fn mixed_enum(
        &mut self,
        node: &'a Node,
        values: &[&Node],
        nullable: bool,
        pointer: &str,
    ) -> Translated {
        let mut alternatives: Vec<Alternative> = Vec::new();
        let integers = values.iter().all(|v| !matches!(v, Node::Float(_)));
        for value in values {
            let ty = match value {
                Node::String(_) => Ty::String,
                Node::Integer(_) if integers => Ty::Integer,
                Node::Integer(_) | Node::Float(_) => Ty::Number,
                Node::Bool(_) => Ty::Boolean,
                _ => {
                    self.warn(
                        &pointer::child(pointer, "enum"),
                        "an enum with list or object values cannot be expressed; typed `any`",
                    );
                    return Translated::any();
                }
            };
            if !alternatives.iter().any(|a| a.ty == ty) {
                alternatives.push(Alternative {
                    name: scalar_name(&ty).to_owned(),
                    ty,
                });
            }
        }
        alternatives.sort_by_key(|a| rank(self.shapes, &a.ty, 0));
        let docs = Docs {
            doc: Some(with_values(doc_of(node), values)),
            ..Docs::default()
        };
        let id = self.shapes.intern(Kind::OneOf(alternatives), docs);
        Translated {
            nullable,
            ..Translated::of(Ty::Named(id))
        }
    }

    /// The properties of an object schema with its `allOf` members and `$ref`s merged;
    /// `None` when a part is not an object (a scalar, a `oneOf`).
    fn object_view(&mut self, node: &'a Node, pointer: &str) -> Option<ObjectView<'a>> {
        self.object_view_of(node, pointer, true)
    }

    /// [`Self::object_view`]; without `alternatives`, a `oneOf`/`anyOf` beside the
    /// object's own properties is left out (it only constrains them).
    fn object_view_of(
        &mut self,
        node: &'a Node,
        pointer: &str,
        alternatives: bool,
    ) -> Option<ObjectView<'a>> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        let Node::Map(map) = node else { return None };
        if let Some(reference) = map.get("$ref") {
            let at = pointer::child(pointer, "$ref");
            let target = self.ref_target(reference, &at)?;
            if !self.enter_view(&target, &at) {
                return None;
            }
            self.depth += 1;
            let view = pointer::resolve(&self.document.root, &target)
                .and_then(|target_node| self.object_view(target_node, &target));
            self.depth -= 1;
            self.in_progress.pop();
            let mut view = view?;
            view.doc = doc_of(node).or(view.doc);
            view.nullable |= node.bool("nullable") == Some(true);
            return Some(view);
        }
        // A `oneOf` of one member is that member.
        let single = ["oneOf", "anyOf"].iter().find_map(|key| {
            map.get(*key)
                .and_then(Node::as_list)
                .filter(|members| members.len() == 1)
                .map(|members| {
                    (
                        &members[0],
                        pointer::child(&pointer::child(pointer, key), "0"),
                    )
                })
        });
        if alternatives
            && single.is_none()
            && (map.contains_key("oneOf") || map.contains_key("anyOf"))
        {
            return None;
        }
        if map
            .get("type")
            .is_some_and(|ty| ty.as_str() != Some("object"))
        {
            return None;
        }
        let mut view = ObjectView {
            pointer: pointer.to_owned(),
            doc: doc_of(node),
            nullable: node.bool("nullable") == Some(true),
            ..ObjectView::default()
        };
        if let Some((member, member_pointer)) = single
            && alternatives
        {
            self.depth += 1;
            let member_view = self.object_view(member, &member_pointer);
            self.depth -= 1;
            view.absorb(member_view?);
        }
        if let Some(members) = map.get("allOf") {
            let members_pointer = pointer::child(pointer, "allOf");
            for (i, member) in members.as_list()?.iter().enumerate() {
                self.depth += 1;
                let member_view =
                    self.object_view(member, &pointer::child(&members_pointer, &i.to_string()));
                self.depth -= 1;
                let member_view = member_view?;
                view.absorb(member_view);
            }
        }
        if let Some(properties) = map.get("properties") {
            let properties_pointer = pointer::child(pointer, "properties");
            for (wire, schema) in properties.as_map()? {
                view.set_prop(wire, schema, pointer::child(&properties_pointer, wire));
            }
        }
        if let Some(required) = map.get("required").and_then(Node::as_list) {
            for wire in required.iter().filter_map(Node::as_str) {
                if !view.required.iter().any(|r| r == wire) {
                    view.required.push(wire.to_owned());
                }
            }
        }
        if let Some(additional) = map.get("additionalProperties")
            && matches!(additional, Node::Map(_))
        {
            view.additional = Some((additional, pointer::child(pointer, "additionalProperties")));
        }
        Some(view)
    }

    /// An object: a struct of its properties, a map when it only has
    /// `additionalProperties`, `any` when it has neither (a free-form object).
    fn object(&mut self, view: ObjectView<'a>) -> Translated {
        if view.props.is_empty() {
            let ty = match view.additional {
                Some((values, values_pointer)) if !is_annotation_only(values) => {
                    let translated = self.nested(values, &values_pointer);
                    if translated.nullable && translated.ty.holds_null_untyped() {
                        Ty::free_form()
                    } else if translated.nullable {
                        Ty::Map(Box::new(Ty::Nullable(Box::new(translated.ty))))
                    } else {
                        Ty::Map(Box::new(translated.ty))
                    }
                }
                _ => {
                    self.report.note_free_form(
                        self.index,
                        &view.pointer,
                        "a free-form object: any JSON object, a `map<any>`",
                    );
                    Ty::free_form()
                }
            };
            return Translated {
                nullable: view.nullable,
                doc: view.doc,
                ..Translated::of(ty)
            };
        }
        self.report.enter_shape();
        if let Some((values, values_pointer)) = &view.additional
            && !is_annotation_only(values)
        {
            self.warn(
                values_pointer,
                "`additionalProperties` beside `properties` cannot be expressed; other fields are kept in `unknown_fields`, typed `any`",
            );
        }
        let mut docs = Docs {
            doc: view.doc.clone(),
            ..Docs::default()
        };
        let props = self.props(&view, None, &mut docs.fields);
        let id = self.shapes.intern(Kind::Object(props), docs);
        self.report.leave_shape(Some(id));
        Translated {
            nullable: view.nullable,
            doc: view.doc,
            ..Translated::of(Ty::Named(id))
        }
    }

    /// The properties of `view` (but `skip`), required ones first in `required` order, then
    /// the others in document order; their docs go into `docs`.
    fn props(
        &mut self,
        view: &ObjectView<'a>,
        skip: Option<&str>,
        docs: &mut indexmap::IndexMap<String, String>,
    ) -> Vec<Prop> {
        let position = |wire: &str| view.required.iter().position(|r| r == wire);
        let mut order: Vec<&(String, &'a Node, String)> = view
            .props
            .iter()
            .filter(|(wire, _, _)| Some(wire.as_str()) != skip)
            .collect();
        order.sort_by_key(|(wire, _, _)| position(wire).unwrap_or(usize::MAX));
        let mut props = Vec::with_capacity(order.len());
        // A form's own property named `<any part name>` stands for files in parts the
        // caller names.
        let in_form = self.in_form && self.structural == 0;
        for (wire, schema, prop_pointer) in order {
            self.report.enter_part();
            let translated = self.nested(schema, prop_pointer);
            self.report.leave_part(wire);
            let note = view.notes.iter().find(|(noted, _)| noted == wire);
            let (wire, ty) = if in_form && is_placeholder(wire) {
                match self.parts_of_any_name(wire, translated.ty, prop_pointer, view) {
                    Some(field) => field,
                    None => continue,
                }
            } else {
                (wire.clone(), translated.ty)
            };
            let doc = match (translated.doc, note) {
                (Some(doc), Some((_, note))) => Some(format!("{doc}\n\n{note}")),
                (doc, note) => doc.or_else(|| note.map(|(_, note)| note.clone())),
            };
            if let Some(doc) = doc {
                docs.insert(wire.clone(), doc);
            }
            props.push(Prop {
                required: position(&wire).is_some(),
                wire,
                ty,
                nullable: translated.nullable,
            });
        }
        props
    }

    /// The field standing for a form's property `placeholder` (`<any part name>`) of type
    /// `ty`: [`PARTS`], a map of the files by part name; `None` (with a warning) when its
    /// values are not files or the form has a property of that name already.
    fn parts_of_any_name(
        &mut self,
        placeholder: &str,
        ty: Ty,
        at: &str,
        view: &ObjectView<'a>,
    ) -> Option<(String, Ty)> {
        let is_file = match &ty {
            Ty::Binary => true,
            Ty::List(item) => **item == Ty::Binary,
            _ => false,
        };
        if !is_file {
            self.warn(
                at,
                format!("`{placeholder}` stands for parts of any name, which the spec format sends only as files (`format: binary`); left out"),
            );
            return None;
        }
        if view.props.iter().any(|(wire, _, _)| wire == PARTS) {
            self.warn(
                at,
                format!("`{placeholder}` stands for parts of any name, but the form has a part named `{PARTS}` already; left out"),
            );
            return None;
        }
        Some((PARTS.to_owned(), Ty::Map(Box::new(ty))))
    }

    /// `oneOf` / `anyOf`: a tagged union when every member is an object that pins one
    /// property to its own value; otherwise an untagged union of the members' shapes.
    fn one_of(&mut self, node: &'a Node, key: &str, pointer: &str) -> Translated {
        let members_pointer = pointer::child(pointer, key);
        let Some(members) = node.get(key).and_then(Node::as_list) else {
            self.report.error(
                self.index,
                &members_pointer,
                format!("`{key}` must be a list"),
            );
            return Translated::any();
        };
        let member_pointer = |i: usize| pointer::child(&members_pointer, &i.to_string());
        if members.len() == 1 {
            return self.translate(&members[0], &member_pointer(0));
        }
        let mut views = Vec::with_capacity(members.len());
        for (i, member) in members.iter().enumerate() {
            match self.object_view(member, &member_pointer(i)) {
                Some(view) if !view.props.is_empty() => views.push(view),
                _ => break,
            }
        }
        // A multipart form that is one of several objects is sent as one form: each
        // part is one the caller may send, and the server reads the parts it expects.
        if self.in_form && self.structural == 0 && views.len() == members.len() {
            return self.form_of_alternatives(node, pointer, views);
        }
        // An object with properties of its own, beside members that are not objects with
        // properties (`{ required: [a] }`, `{ title: … }`): they only constrain it.
        if views.len() < members.len()
            && node.get("properties").is_some()
            && let Some(view) = self.object_view_of(node, pointer, false)
        {
            return self.object(view);
        }
        let tagged = if views.len() == members.len() && !members.is_empty() {
            self.find_tag(node, members, &views)
        } else {
            None
        };
        let Some((tag, values)) = tagged else {
            return self.untagged(node, members, &members_pointer);
        };
        self.tagged_union(node, tag, values, &views)
    }

    /// One form with every alternative's parts, each optional (only one alternative's
    /// parts are required at a time); a part's doc says which alternative it belongs to
    /// when that alternative has a doc, and the first alternative declaring a part wins.
    fn form_of_alternatives(
        &mut self,
        node: &'a Node,
        pointer: &str,
        alternatives: Vec<ObjectView<'a>>,
    ) -> Translated {
        let mut form = ObjectView {
            pointer: pointer.to_owned(),
            doc: doc_of(node),
            nullable: node.bool("nullable") == Some(true),
            ..ObjectView::default()
        };
        for alternative in alternatives {
            for (wire, schema, at) in alternative.props {
                if form.props.iter().any(|(known, _, _)| *known == wire) {
                    continue;
                }
                if let Some(doc) = &alternative.doc {
                    let first_line = doc.lines().next().unwrap_or_default().trim_end_matches('.');
                    form.notes
                        .push((wire.clone(), format!("Part of the form for: {first_line}.")));
                }
                form.props.push((wire, schema, at));
            }
        }
        self.object(form)
    }

    /// The tagged union of `views`, tagged by `tag` with `values`.
    fn tagged_union(
        &mut self,
        node: &'a Node,
        tag: String,
        values: Vec<String>,
        views: &[ObjectView<'a>],
    ) -> Translated {
        let mut docs = Docs {
            doc: doc_of(node),
            ..Docs::default()
        };
        let mut variants = Vec::with_capacity(views.len());
        self.report.enter_shape();
        for (view, value) in views.iter().zip(values) {
            let mut fields = indexmap::IndexMap::new();
            let props = self.props(view, Some(&tag), &mut fields);
            let variant_docs = Docs {
                doc: view.doc.clone(),
                fields,
                variants: indexmap::IndexMap::new(),
            };
            docs.variants.insert(value.clone(), variant_docs);
            variants.push(Variant {
                tag_value: value,
                props,
            });
        }
        let id = self.shapes.intern(Kind::Union { tag, variants }, docs);
        self.report.leave_shape(Some(id));
        Translated::of(Ty::Named(id))
    }

    /// A `oneOf`/`anyOf` that no property tells apart: one alternative per distinct
    /// shape, named after it (never by position), the most specific tried first; a
    /// member that only allows `null` makes the union nullable instead.
    fn untagged(
        &mut self,
        node: &'a Node,
        members: &'a [Node],
        members_pointer: &str,
    ) -> Translated {
        let mut nullable = false;
        // (name candidates, type, doc, required properties).
        let mut found: Vec<(Vec<String>, Ty, Option<String>, usize)> = Vec::new();
        let required_of: Vec<Vec<String>> = members.iter().map(|m| self.required_of(m)).collect();
        let properties_of: Vec<Vec<String>> =
            members.iter().map(|m| self.properties_of(m)).collect();
        self.report.enter_shape();
        for (i, member) in members.iter().enumerate() {
            let at = pointer::child(members_pointer, &i.to_string());
            if is_null_only(member) {
                nullable = true;
                continue;
            }
            self.report.enter_part();
            let translated = if is_annotation_only(member) {
                self.report.note_untyped(
                    self.index,
                    &at,
                    "the alternative has no schema: any JSON value",
                );
                Translated::any()
            } else {
                self.nested(member, &at)
            };
            self.report.leave_part("");
            nullable |= translated.nullable;
            let ty = match translated.ty {
                // A free-form object still tells objects from scalars and lists.
                Ty::Any if self.is_object_schema(member) => Ty::free_form(),
                ty => ty,
            };
            if found.iter().any(|(_, seen, _, _)| *seen == ty) {
                continue;
            }
            let others = |lists: &[Vec<String>]| -> Vec<String> {
                lists
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .flat_map(|(_, l)| l.iter().cloned())
                    .collect()
            };
            let candidates = self.alternative_names(
                member,
                &ty,
                &required_of[i],
                &properties_of[i],
                &others(&properties_of),
            );
            found.push((
                candidates,
                ty,
                translated.doc.or_else(|| doc_of(member)),
                required_of[i].len(),
            ));
        }
        let doc = doc_of(node);
        // Members of one scalar kind are that scalar: `number` or an enum of numbers.
        let tys: Vec<Ty> = found.iter().map(|(_, ty, _, _)| ty.clone()).collect();
        if let Some(ty) = common_scalar(self.shapes, &tys) {
            self.report.leave_shape(None);
            return Translated {
                nullable,
                doc,
                ..Translated::of(ty)
            };
        }
        if found.len() <= 1 {
            self.report.leave_shape(None);
            let Some((_, ty, member_doc, _)) = found.pop() else {
                return Translated {
                    nullable,
                    doc,
                    ..Translated::any()
                };
            };
            return Translated {
                nullable,
                doc: doc.or(member_doc),
                ..Translated::of(ty)
            };
        }
        self.one_of_shape(doc, found, nullable)
    }

    /// The untagged union of `found` (name candidates, type, doc, required properties),
    /// sorted most specific first, each named by its first candidate no other has; ends
    /// the shape entered for it.
    fn one_of_shape(
        &mut self,
        doc: Option<String>,
        mut found: Vec<(Vec<String>, Ty, Option<String>, usize)>,
        nullable: bool,
    ) -> Translated {
        found.sort_by_key(|(_, ty, _, required)| rank(self.shapes, ty, *required));
        let mut taken: Vec<String> = vec!["Unknown".to_owned()];
        let mut alternatives = Vec::with_capacity(found.len());
        let mut docs = Docs {
            doc,
            ..Docs::default()
        };
        for (candidates, ty, member_doc, _) in found {
            let name = candidates
                .iter()
                .find(|c| !taken.contains(c))
                .cloned()
                .unwrap_or_else(|| {
                    let base = candidates
                        .first()
                        .cloned()
                        .unwrap_or_else(|| "Value".to_owned());
                    (2..)
                        .map(|n| format!("{base}{n}"))
                        .find(|n| !taken.contains(n))
                        .unwrap_or_default()
                });
            taken.push(name.clone());
            if let Some(member_doc) = member_doc {
                docs.variants.insert(
                    name.clone(),
                    Docs {
                        doc: Some(member_doc),
                        ..Docs::default()
                    },
                );
            }
            alternatives.push(Alternative { name, ty });
        }
        let id = self.shapes.intern(Kind::OneOf(alternatives), docs);
        self.report.leave_shape(Some(id));
        Translated {
            nullable,
            ..Translated::of(Ty::Named(id))
        }
    }

    /// Names an alternative could have, the best first: its component's (product prefix
    /// left out), its title, its type's (`String`, `Strings`, `Rules`), then the
    /// properties that tell it from the other members (`required`, then any), then (for
    /// an object) its first required property.
    fn alternative_names(
        &self,
        member: &Node,
        ty: &Ty,
        required: &[String],
        properties: &[String],
        others: &[String],
    ) -> Vec<String> {
        let mut names = Vec::new();
        let mut push = |name: Option<String>| {
            if let Some(name) = name.filter(|n| naming::is_type_name(n))
                && !names.contains(&name)
            {
                names.push(name);
            }
        };
        push(member.str("$ref").and_then(component_name));
        push(member.str("title").map(|t| t.to_upper_camel_case()));
        // An enum of one value (`enum: [auto]`) is named after it.
        if let Ty::Named(id) = ty
            && let Kind::Enum(values) = &self.shapes.shapes[self.shapes.current(*id)].kind
            && let [value] = values.as_slice()
        {
            push(naming::variant_name(value));
        }
        match ty {
            Ty::List(items) => push(Some(
                match self.items_ref(member).and_then(component_name) {
                    Some(name) => plural(&name),
                    None if **items == Ty::Any => "List".to_owned(),
                    None => plural(&self.type_word(items)),
                },
            )),
            Ty::Named(_) if !is_object_like(ty, self.shapes) => push(Some(self.type_word(ty))),
            Ty::Named(_) => {}
            other => push(Some(self.type_word(other))),
        }
        for property in required.iter().chain(properties) {
            if !others.contains(property) {
                push(Some(property.to_upper_camel_case()));
            }
        }
        // An object no property of its own tells apart: after what it requires.
        if is_object_like(ty, self.shapes) {
            push(required.first().map(|p| p.to_upper_camel_case()));
        }
        push(Some(self.type_word(ty)));
        names
    }

    /// The word for a type in an alternative's name.
    fn type_word(&self, ty: &Ty) -> String {
        match ty {
            Ty::Named(id) => match &self.shapes.shapes[self.shapes.current(*id)].kind {
                Kind::Enum(_) => "String".to_owned(),
                Kind::OneOf(_) => "Value".to_owned(),
                Kind::Object(_) | Kind::Union { .. } => "Object".to_owned(),
            },
            Ty::List(items) => plural(&self.type_word(items)),
            Ty::Map(_) => "Object".to_owned(),
            Ty::Nullable(inner) => self.type_word(inner),
            other => scalar_name(other).to_owned(),
        }
    }

    /// The `$ref` of an array schema's items, the array's own `$ref`s followed.
    fn items_ref<'n>(&'n self, member: &'n Node) -> Option<&'n str> {
        let node = self.resolved(member)?;
        node.get("items").and_then(|items| items.str("$ref"))
    }

    /// A schema with its `$ref`s followed (a bounded number of them).
    fn resolved<'n>(&'n self, mut node: &'n Node) -> Option<&'n Node> {
        for _ in 0..MAX_DEPTH {
            let Some(target) = node.str("$ref") else {
                return Some(node);
            };
            node = pointer::resolve(
                &self.document.root,
                &percent_decode(target.strip_prefix('#')?),
            )?;
        }
        None
    }

    /// Whether a schema describes an object (`type: object`, or properties).
    fn is_object_schema(&self, member: &Node) -> bool {
        self.resolved(member).is_some_and(|node| {
            node.str("type") == Some("object")
                || node.get("properties").is_some()
                || node.get("additionalProperties").is_some()
        })
    }

    /// The `required` properties of a member (its `allOf` members' too).
    fn required_of(&self, member: &Node) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_names(member, "required", &mut out, 0);
        out
    }

    /// The property names of a member (its `allOf` members' too).
    fn properties_of(&self, member: &Node) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_names(member, "properties", &mut out, 0);
        out
    }

    fn collect_names(&self, member: &Node, key: &str, out: &mut Vec<String>, depth: usize) {
        let Some(node) = self.resolved(member).filter(|_| depth < MAX_DEPTH) else {
            return;
        };
        let names: Vec<String> = match node.get(key) {
            Some(Node::List(list)) => list
                .iter()
                .filter_map(Node::as_str)
                .map(str::to_owned)
                .collect(),
            Some(Node::Map(map)) => map.keys().cloned().collect(),
            _ => Vec::new(),
        };
        for name in names {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        for part in node
            .get("allOf")
            .and_then(Node::as_list)
            .unwrap_or_default()
        {
            self.collect_names(part, key, out, depth + 1);
        }
    }

    /// The tag of a union and each member's value: the `discriminator`'s property, or the
    /// first property that every member pins to one string, all values distinct.
    fn find_tag(
        &mut self,
        node: &'a Node,
        members: &'a [Node],
        views: &[ObjectView<'a>],
    ) -> Option<(String, Vec<String>)> {
        let discriminator = node.get("discriminator");
        let candidates: Vec<String> = match discriminator.and_then(|d| d.str("propertyName")) {
            Some(name) => vec![name.to_owned()],
            None => views[0]
                .props
                .iter()
                .map(|(wire, _, _)| wire.clone())
                .collect(),
        };
        'candidates: for tag in candidates {
            let mut values = Vec::with_capacity(views.len());
            for (view, member) in views.iter().zip(members) {
                let pinned = view
                    .props
                    .iter()
                    .find(|(wire, _, _)| *wire == tag)
                    .and_then(|(_, schema, _)| self.pinned_value(schema))
                    .or_else(|| discriminator.and_then(|d| mapped_value(d, member)));
                match pinned {
                    Some(value) if !values.contains(&value) => values.push(value),
                    _ => continue 'candidates,
                }
            }
            if unnamable_values(&values).is_none() {
                return Some((tag, values));
            }
        }
        None
    }

    /// The one string a property schema allows: `enum: [x]` or `const: x`.
    fn pinned_value(&self, schema: &Node) -> Option<String> {
        let mut schema = schema;
        let mut hops = 0;
        while let Some(target) = schema.str("$ref") {
            hops += 1;
            if hops > MAX_DEPTH {
                return None;
            }
            schema = pointer::resolve(
                &self.document.root,
                &percent_decode(target.strip_prefix('#')?),
            )?;
        }
        if let Some(value) = schema.str("const") {
            return Some(value.to_owned());
        }
        match schema.get("enum")?.as_list()? {
            [Node::String(value)] => Some(value.clone()),
            _ => None,
        }
    }
}

impl<'a> ObjectView<'a> {
    fn set_prop(&mut self, wire: &str, schema: &'a Node, at: String) {
        match self.props.iter_mut().find(|(w, _, _)| w == wire) {
            // A later `allOf` member refines the property; the more specific schema wins.
            Some(existing) if !is_annotation_only(schema) => {
                existing.1 = schema;
                existing.2 = at;
            }
            Some(_) => {}
            None => self.props.push((wire.to_owned(), schema, at)),
        }
    }

    fn absorb(&mut self, other: ObjectView<'a>) {
        for (wire, schema, at) in other.props {
            self.set_prop(&wire, schema, at);
        }
        for wire in other.required {
            if !self.required.contains(&wire) {
                self.required.push(wire);
            }
        }
        if self.doc.is_none() {
            self.doc = other.doc;
        }
        self.nullable |= other.nullable;
        if other.additional.is_some() {
            self.additional = other.additional;
        }
    }
}

/// The tag value a `discriminator.mapping` gives a `$ref` member, or the component's name.
fn mapped_value(discriminator: &Node, member: &Node) -> Option<String> {
    let reference = member.str("$ref")?;
    if let Some(mapping) = discriminator.get("mapping").and_then(Node::as_map) {
        return mapping
            .iter()
            .find(|(_, target)| target.as_str() == Some(reference))
            .map(|(value, _)| value.clone());
    }
    reference
        .rsplit('/')
        .next()
        .map(|name| name.replace("~1", "/").replace("~0", "~"))
}

/// For a pointer to nothing, the pointer to the most similar key of the same mapping
/// (`#/components/schemas/thnig` → `…/thing`).
fn closest_target(root: &Node, target: &str) -> Option<String> {
    let (parent, last) = target.rsplit_once('/')?;
    let keys = pointer::resolve(root, parent)?.as_map()?;
    let last = last.replace("~1", "/").replace("~0", "~");
    let close = crate::diagnostic::did_you_mean(&last, keys.keys().map(String::as_str))?;
    Some(pointer::child(parent, close))
}

/// Why these enum or tag values cannot all become Rust names, if they cannot.
fn unnamable_values(values: &[String]) -> Option<String> {
    let mut names = HashSet::from(["Unknown".to_owned()]);
    for value in values {
        match naming::variant_name(value) {
            None => return Some(format!("the value `{value}` gives no Rust name")),
            Some(name) if !names.insert(name.clone()) => {
                return Some(format!(
                    "the value `{value}` gives the Rust name `{name}`, which another value (or `Unknown`) has"
                ));
            }
            Some(_) => {}
        }
    }
    None
}

/// The most specific of types that all describe the same values: all equal, or strings
/// of which one is more specific (a string enum, a `date-time`); `None` when they differ.
fn most_specific(shapes: &Shapes, translated: &[Translated]) -> Option<Translated> {
    let (first, rest) = translated.split_first()?;
    let mut best = first.clone();
    for other in rest {
        let refines =
            best.ty == Ty::String && (other.ty == Ty::DateTime || is_enum(shapes, &other.ty));
        if refines {
            best.ty = other.ty.clone();
        } else if other.ty != best.ty && other.ty != Ty::String {
            return None;
        }
        best.nullable |= other.nullable;
        if best.doc.is_none() {
            best.doc.clone_from(&other.doc);
        }
    }
    Some(best)
}

/// Whether untagged alternatives are all one scalar kind, and which: numbers (`integer`
/// and `number` are `number`) or strings (a string enum or date-time and a string are
/// `string`).
fn common_scalar(shapes: &Shapes, tys: &[Ty]) -> Option<Ty> {
    if tys.len() < 2 {
        return None;
    }
    let is_enum = |ty: &Ty| is_enum(shapes, ty);
    if tys.iter().all(|t| matches!(t, Ty::Integer | Ty::Number)) {
        return Some(if tys.contains(&Ty::Number) {
            Ty::Number
        } else {
            Ty::Integer
        });
    }
    if tys
        .iter()
        .all(|t| matches!(t, Ty::String | Ty::DateTime) || is_enum(t))
    {
        return Some(Ty::String);
    }
    None
}

/// Where an alternative is tried: objects first (those with more required properties
/// first), then maps, lists, booleans, integers before numbers, enums, date-times,
/// strings, other untagged unions, and `any` last, as each later one accepts more.
fn rank(shapes: &Shapes, ty: &Ty, required: usize) -> (usize, std::cmp::Reverse<usize>) {
    let order = match ty {
        Ty::Named(id) => match &shapes.shapes[shapes.current(*id)].kind {
            Kind::Object(props) => {
                let required = required.max(props.iter().filter(|p| p.required).count());
                return (0, std::cmp::Reverse(required));
            }
            Kind::Union { .. } => return (0, std::cmp::Reverse(required.max(1))),
            Kind::Enum(_) => 6,
            Kind::OneOf(_) => 9,
        },
        // Only list items and map values are nullable; they are ranked as what they hold.
        Ty::Nullable(inner) => return rank(shapes, inner, required),
        Ty::Map(values) if **values != Ty::Any => 1,
        Ty::Map(_) => 2,
        Ty::List(items) if **items != Ty::Any => 3,
        Ty::List(_) => 4,
        Ty::Boolean => 5,
        Ty::Integer => 5,
        Ty::Number => 6,
        Ty::DateTime => 7,
        Ty::String | Ty::Binary => 8,
        Ty::Any => 10,
    };
    (order, std::cmp::Reverse(0))
}

/// The schema `node` (at `at`) with its `$ref`s followed, and where it is; `None` for a
/// `$ref` to nothing or another document (reported where the schema is translated).
fn resolve_refs<'d>(
    document: &'d Document,
    node: &'d Node,
    at: &str,
) -> Option<(&'d Node, String)> {
    let mut node = node;
    let mut at = at.to_owned();
    for _ in 0..MAX_DEPTH {
        let Some(reference) = node.str("$ref") else {
            return Some((node, at));
        };
        let target = percent_decode(reference.strip_prefix('#')?);
        node = pointer::resolve(&document.root, &target)?;
        at = target;
    }
    None
}

/// Whether a schema describes an object or a union of shapes, which may contain itself.
fn is_object_like_schema(node: &Node) -> bool {
    [
        "properties",
        "allOf",
        "oneOf",
        "anyOf",
        "additionalProperties",
    ]
    .iter()
    .any(|k| node.get(k).is_some())
        || node.str("type") == Some("object")
}

/// Whether a type is a string enum.
fn is_enum(shapes: &Shapes, ty: &Ty) -> bool {
    matches!(ty, Ty::Named(id) if matches!(shapes.shapes[shapes.current(*id)].kind, Kind::Enum(_)))
}

/// Whether a type is an object (a struct or a tagged union).
fn is_object_like(ty: &Ty, shapes: &Shapes) -> bool {
    matches!(ty, Ty::Named(id) if matches!(
        shapes.shapes[shapes.current(*id)].kind,
        Kind::Object(_) | Kind::Union { .. }
    ))
}

/// The name of a scalar type in an alternative's name.
fn scalar_name(ty: &Ty) -> &'static str {
    match ty {
        Ty::String => "String",
        Ty::Integer => "Integer",
        Ty::Number => "Number",
        Ty::Boolean => "Boolean",
        Ty::DateTime => "DateTime",
        Ty::Binary => "Binary",
        Ty::List(_) => "List",
        Ty::Map(_) | Ty::Named(_) => "Object",
        Ty::Nullable(inner) => scalar_name(inner),
        Ty::Any => "Other",
    }
}

/// The `UpperCamelCase` name of the component a `$ref` names, its product prefix
/// (`workers-kv_` of `workers-kv_namespace`) left out: within a union the product is
/// known.
fn component_name(reference: &str) -> Option<String> {
    let name = reference.strip_prefix("#/components/schemas/")?;
    let name = name.replace("~1", "/").replace("~0", "~");
    let short = match name.split_once('_') {
        Some((_, rest)) if !rest.is_empty() => rest,
        _ => name.as_str(),
    };
    let camel = short.to_upper_camel_case();
    naming::is_type_name(&camel).then_some(camel)
}

/// `doc`, then the values an enum allows: "One of: `0`, `1`, `2`."
fn with_values(doc: Option<String>, values: &[&Node]) -> String {
    let shown: Vec<String> = values
        .iter()
        .map(|v| match v {
            Node::String(text) => format!("`{}`", text.replace('`', "'")),
            Node::Integer(n) => format!("`{n}`"),
            Node::Float(x) => format!("`{x}`"),
            Node::Bool(b) => format!("`{b}`"),
            Node::List(items) if items.is_empty() => "`[]`".to_owned(),
            Node::Map(map) if map.is_empty() => "`{}`".to_owned(),
            other => other.kind().to_owned(),
        })
        .collect();
    let list = format!("One of: {}.", shown.join(", "));
    match doc {
        Some(doc) => format!("{doc}\n\n{list}"),
        None => list,
    }
}

/// Whether a schema only allows `null`: `type: "null"`, `enum: [null]`, or `nullable`
/// with nothing else.
fn is_null_only(node: &Node) -> bool {
    node.str("type") == Some("null")
        || matches!(node.get("enum").and_then(Node::as_list), Some([Node::Null]))
        || (node.bool("nullable") == Some(true) && is_annotation_only(node))
}

/// Whether a schema only constrains a value (`minLength`, `pattern`, `required`) and
/// annotates it, and says nothing of its type.
fn is_constraint_only(node: &Node) -> bool {
    const CONSTRAINTS: &[&str] = &[
        "minLength",
        "maxLength",
        "pattern",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "required",
    ];
    node.as_map().is_some_and(|map| {
        map.keys()
            .all(|k| CONSTRAINTS.contains(&k.as_str()) || is_annotation_key(k))
    })
}

/// Whether a schema only annotates (a description, `nullable`, an example) and says
/// nothing about the value's type.
fn is_annotation_only(node: &Node) -> bool {
    node.as_map()
        .is_some_and(|map| map.keys().all(|k| is_annotation_key(k)))
}

/// Schema keys that only annotate.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "example",
    "examples",
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "default",
    "externalDocs",
    "xml",
];

/// Whether a schema key only annotates: a description, `nullable`, an example.
fn is_annotation_key(key: &str) -> bool {
    ANNOTATIONS.contains(&key) || key.starts_with("x-")
}

/// A schema's description (or title), as a doc: trimmed, line breaks normalised, control
/// characters (which a Rust doc comment cannot hold) replaced by spaces.
pub fn doc_of(node: &Node) -> Option<String> {
    node.str("description")
        .or_else(|| node.str("title"))
        .and_then(clean_doc)
}

/// The field of a form that holds its parts of any name, by part name.
const PARTS: &str = "parts";

/// Whether a property name is a placeholder (`<any part name>`) rather than a name.
fn is_placeholder(wire: &str) -> bool {
    wire.len() > 2 && wire.starts_with('<') && wire.ends_with('>')
}

/// `text` as a doc; `None` when it is blank.
pub fn clean_doc(text: &str) -> Option<String> {
    let text: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let text = lines.join("\n");
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A URI fragment with `%XX` escapes decoded (a `$ref` may escape `{` and `}` that way).
fn percent_decode(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
