//! Schemas into shapes: `$ref` followed, `allOf` of objects merged, `nullable` and
//! `additionalProperties` read, a `oneOf` whose members pin one property to one value made
//! a tagged union. What the spec format cannot express becomes `any` with a warning at the
//! schema's pointer; a broken document (a `$ref` to nothing, a `$ref` cycle) an error.

use std::collections::{HashMap, HashSet};

use super::document::Document;
use super::node::Node;
use super::pointer;
use super::report::Report;
use super::shapes::{Docs, Hint, Kind, Prop, Shapes, Ty, Use, Variant};
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
    /// `$ref` targets being translated, each with the structural depth it was entered at.
    in_progress: Vec<(String, usize)>,
    /// Properties, items and map values entered so far: a `$ref` met again below one of
    /// them is a recursive type; met again without one, a cycle of `$ref`s.
    structural: usize,
    depth: usize,
}

/// An object schema with its `allOf` members and `$ref`s merged in.
#[derive(Default)]
struct ObjectView<'a> {
    /// (wire name, schema, pointer), first position kept when a later member redefines it.
    props: Vec<(String, &'a Node, String)>,
    required: Vec<String>,
    doc: Option<String>,
    nullable: bool,
    additional: Option<(&'a Node, String)>,
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
        if let Some(done) = self.cache.get(&target) {
            let mut done = done.clone();
            self.note_component(&target, &done.ty);
            if matches!(done.ty, Ty::Named(_)) {
                done.doc = None;
            }
            return done;
        }
        if !self.enter(&target, at) {
            return Translated::any();
        }
        let Some(node) = pointer::resolve(&self.document.root, &target) else {
            self.in_progress.pop();
            return Translated::any();
        };
        let translated = self.translate(node, &target);
        self.in_progress.pop();
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

    /// Marks `target` as being translated, unless it already is: then reports a recursive
    /// schema (typed `any`) or a `$ref` cycle, and returns false.
    fn enter(&mut self, target: &str, at: &str) -> bool {
        if let Some(position) = self.in_progress.iter().position(|(p, _)| p == target) {
            let entered = self.in_progress[position].1;
            if self.structural > entered {
                self.report.warn_with_help(
                    self.index,
                    at,
                    format!(
                        "`{}` contains itself; the inner use is typed `any`",
                        pointer::shown(target)
                    ),
                    "recursive schemas are not imported yet",
                );
            } else {
                let chain: Vec<String> = self.in_progress[position..]
                    .iter()
                    .map(|(p, _)| format!("`{}`", pointer::shown(p)))
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
            return false;
        }
        self.in_progress.push((target.to_owned(), self.structural));
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
        let substantive: Vec<usize> = (0..members.len())
            .filter(|&i| !is_annotation_only(&members[i]))
            .collect();
        if substantive.len() == 1 && node.get("properties").is_none() {
            let i = substantive[0];
            let member_pointer = pointer::child(&pointer::child(pointer, "allOf"), &i.to_string());
            let mut translated = self.translate(&members[i], &member_pointer);
            translated.nullable |= members.iter().any(|m| m.bool("nullable") == Some(true));
            return translated;
        }
        match self.object_view(node, pointer) {
            Some(view) => self.object(view),
            None => {
                self.warn(
                    pointer,
                    "`allOf` of members that are not all objects cannot be expressed; typed `any`",
                );
                Translated::any()
            }
        }
    }

    /// Object schemas: `properties`, `additionalProperties`, `type: object`.
    fn typed(&mut self, node: &'a Node, pointer: &str) -> Translated {
        let enum_values = node.get("enum");
        match node.get("type") {
            Some(Node::String(ty)) => match ty.as_str() {
                "string" => match enum_values {
                    Some(values) => self.enumeration(node, values, pointer),
                    None if node.str("format") == Some("date-time") => Translated::of(Ty::DateTime),
                    None => Translated::of(Ty::String),
                },
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
            None if node.get("properties").is_some()
                || node.get("additionalProperties").is_some() =>
            {
                self.object_schema(node, pointer)
            }
            None => match enum_values {
                Some(values) => self.enumeration(node, values, pointer),
                // No type: any JSON value.
                None => Translated::any(),
            },
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
            return Translated::of(Ty::List(Box::new(Ty::Any)));
        };
        let items_pointer = pointer::child(pointer, "items");
        let translated = self.nested(items, &items_pointer);
        let ty = if translated.nullable && translated.ty != Ty::Any {
            self.warn(
                &items_pointer,
                "list items that may be `null` cannot be expressed; the items are typed `any`",
            );
            Ty::Any
        } else {
            translated.ty
        };
        Translated::of(Ty::List(Box::new(ty)))
    }

    /// A string enum, or `string` when its values cannot all be Rust names.
    fn enumeration(&mut self, node: &'a Node, values: &Node, pointer: &str) -> Translated {
        let enum_pointer = pointer::child(pointer, "enum");
        let Some(values) = values.as_list() else {
            self.report
                .error(self.index, &enum_pointer, "`enum` must be a list");
            return Translated::any();
        };
        let mut nullable = false;
        let mut strings = Vec::new();
        for value in values {
            match value {
                Node::String(text) => {
                    if !strings.contains(text) {
                        strings.push(text.clone());
                    }
                }
                Node::Null => nullable = true,
                _ => {
                    let ty = match node.str("type") {
                        Some("integer") => Ty::Integer,
                        Some("number") => Ty::Number,
                        Some("boolean") => Ty::Boolean,
                        _ => Ty::Any,
                    };
                    if ty == Ty::Any {
                        self.warn(
                            &enum_pointer,
                            "an enum of mixed values cannot be expressed; typed `any`",
                        );
                    }
                    return Translated::of(ty);
                }
            }
        }
        if strings.is_empty() {
            return Translated::of(Ty::String);
        }
        if let Some(problem) = unnamable_values(&strings) {
            self.warn(
                &enum_pointer,
                format!("{problem}, so the enum cannot be expressed; typed `string`"),
            );
            return Translated {
                nullable,
                ..Translated::of(Ty::String)
            };
        }
        let docs = Docs {
            doc: doc_of(node),
            ..Docs::default()
        };
        let id = self.shapes.intern(Kind::Enum(strings), docs);
        Translated {
            nullable,
            ..Translated::of(Ty::Named(id))
        }
    }

    /// The properties of an object schema with its `allOf` members and `$ref`s merged;
    /// `None` when a part is not an object (a scalar, a `oneOf`).
    fn object_view(&mut self, node: &'a Node, pointer: &str) -> Option<ObjectView<'a>> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        let Node::Map(map) = node else { return None };
        if let Some(reference) = map.get("$ref") {
            let at = pointer::child(pointer, "$ref");
            let target = self.ref_target(reference, &at)?;
            if !self.enter(&target, &at) {
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
        if map.contains_key("oneOf") || map.contains_key("anyOf") {
            return None;
        }
        if map
            .get("type")
            .is_some_and(|ty| ty.as_str() != Some("object"))
        {
            return None;
        }
        let mut view = ObjectView {
            doc: doc_of(node),
            nullable: node.bool("nullable") == Some(true),
            ..ObjectView::default()
        };
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
                    if translated.nullable && translated.ty != Ty::Any {
                        self.warn(
                            &values_pointer,
                            "map values that may be `null` cannot be expressed; the values are typed `any`",
                        );
                        Ty::Map(Box::new(Ty::Any))
                    } else {
                        Ty::Map(Box::new(translated.ty))
                    }
                }
                _ => Ty::Any,
            };
            return Translated {
                nullable: view.nullable,
                doc: view.doc,
                ..Translated::of(ty)
            };
        }
        if let Some((values, values_pointer)) = &view.additional
            && !is_annotation_only(values)
        {
            self.warn(
                values_pointer,
                "`additionalProperties` beside `properties` cannot be expressed; other fields are kept, untyped, in `unknown_fields`",
            );
        }
        let mut docs = Docs {
            doc: view.doc.clone(),
            ..Docs::default()
        };
        let props = self.props(&view, None, &mut docs.fields);
        let id = self.shapes.intern(Kind::Object(props), docs);
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
        for (wire, schema, prop_pointer) in order {
            let translated = self.nested(schema, prop_pointer);
            if let Some(doc) = translated.doc {
                docs.insert(wire.clone(), doc);
            }
            props.push(Prop {
                wire: wire.clone(),
                ty: translated.ty,
                required: position(wire).is_some(),
                nullable: translated.nullable,
            });
        }
        props
    }

    /// `oneOf` / `anyOf`: a tagged union when every member is an object that pins one
    /// property to its own value; otherwise `any`.
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
        let tagged = if views.len() == members.len() && !members.is_empty() {
            self.find_tag(node, members, &views)
        } else {
            None
        };
        let Some((tag, values)) = tagged else {
            self.report.warn_with_help(
                self.index,
                pointer,
                format!("`{key}` without a tag (a property each member pins to its own value) cannot be expressed yet; typed `any`"),
                "untagged unions come with the whole-schema import",
            );
            return Translated::any();
        };
        let mut docs = Docs {
            doc: doc_of(node),
            ..Docs::default()
        };
        let mut variants = Vec::with_capacity(views.len());
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
        Translated::of(Ty::Named(id))
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

/// Whether a schema only annotates (a description, `nullable`, an example) and says
/// nothing about the value's type.
fn is_annotation_only(node: &Node) -> bool {
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
    node.as_map().is_some_and(|map| {
        map.keys()
            .all(|k| ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-"))
    })
}

/// A schema's description (or title), as a doc: trimmed, line breaks normalised, control
/// characters (which a Rust doc comment cannot hold) replaced by spaces.
pub fn doc_of(node: &Node) -> Option<String> {
    node.str("description")
        .or_else(|| node.str("title"))
        .and_then(clean_doc)
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
