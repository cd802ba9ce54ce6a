//! The importer's model of the schemas it met: every object, enum and tagged union once,
//! however often the document repeats it. Identical shapes (docs aside) are one entry, so
//! the eleven copies of the element union are one `Element`.

use std::collections::HashMap;

use indexmap::IndexMap;

/// Index of a shape in [`Shapes`].
pub type ShapeId = usize;

/// A type as a field or payload uses it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    DateTime,
    /// Bytes: a file part of a multipart form, or a raw body.
    Binary,
    Any,
    List(Box<Ty>),
    Map(Box<Ty>),
    /// List items or map values that may be `null`.
    Nullable(Box<Ty>),
    Named(ShapeId),
}

impl Ty {
    /// The named shape this type holds, directly or as list items or map values.
    pub fn named(&self) -> Option<ShapeId> {
        match self {
            Self::Named(id) => Some(*id),
            Self::List(inner) | Self::Map(inner) | Self::Nullable(inner) => inner.named(),
            _ => None,
        }
    }

    /// The type without the `null` that list items or map values may be.
    pub fn without_null(self) -> Self {
        match self {
            Self::Nullable(inner) => *inner,
            other => other,
        }
    }

    /// A free-form object: a map whose values may be anything.
    pub fn free_form() -> Self {
        Self::Map(Box::new(Self::Any))
    }

    /// Whether a value of this type may be `null` as it is (`any`), or becomes `any`
    /// when it may be `null` without a loss: a free-form object or `null` is any value
    /// the document leaves untyped.
    pub fn holds_null_untyped(&self) -> bool {
        *self == Self::Any || *self == Self::free_form()
    }

    fn map_named(&self, f: &impl Fn(ShapeId) -> ShapeId) -> Self {
        match self {
            Self::Named(id) => Self::Named(f(*id)),
            Self::List(inner) => Self::List(Box::new(inner.map_named(f))),
            Self::Map(inner) => Self::Map(Box::new(inner.map_named(f))),
            Self::Nullable(inner) => Self::Nullable(Box::new(inner.map_named(f))),
            other => other.clone(),
        }
    }
}

/// A property of an object or union variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Prop {
    pub wire: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
}

/// One variant of a tagged union: its tag value and its properties, the tag left out.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Variant {
    pub tag_value: String,
    pub props: Vec<Prop>,
}

/// One shape of an untagged union: the variant's name (`Integer`, `Rule`, `Strings`) and
/// its type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Alternative {
    pub name: String,
    pub ty: Ty,
}

/// What a shape is; two shapes with equal kinds are the same type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Object(Vec<Prop>),
    /// A string with these values.
    Enum(Vec<String>),
    Union {
        tag: String,
        variants: Vec<Variant>,
    },
    /// An untagged union: its shapes, in the order they are tried (most specific first).
    OneOf(Vec<Alternative>),
}

impl Kind {
    /// The types this kind holds directly: fields, variant fields, alternatives.
    pub fn children(&self) -> Vec<Ty> {
        match self {
            Self::Object(props) => props.iter().map(|p| p.ty.clone()).collect(),
            Self::Union { variants, .. } => variants
                .iter()
                .flat_map(|v| &v.props)
                .map(|p| p.ty.clone())
                .collect(),
            Self::OneOf(alternatives) => alternatives.iter().map(|a| a.ty.clone()).collect(),
            Self::Enum(_) => Vec::new(),
        }
    }
}

/// Docs found for a shape and its parts; the first non-empty doc of each part wins.
#[derive(Clone, Debug, Default)]
pub struct Docs {
    pub doc: Option<String>,
    /// Field docs by wire name (for a union: by variant tag value, then wire name).
    pub fields: IndexMap<String, String>,
    pub variants: IndexMap<String, Docs>,
}

impl Docs {
    fn absorb(&mut self, other: &Docs) {
        if self.doc.is_none() {
            self.doc.clone_from(&other.doc);
        }
        for (wire, doc) in &other.fields {
            self.fields
                .entry(wire.clone())
                .or_insert_with(|| doc.clone());
        }
        for (tag, docs) in &other.variants {
            self.variants.entry(tag.clone()).or_default().absorb(docs);
        }
    }
}

/// Where a shape is used, as the importer's names are made from it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Hint {
    /// The component schema `#/components/schemas/{0}`.
    Component(String),
    /// A property of the parent, by wire name; `items`: its list items or map values.
    Property { wire: String, items: bool },
    /// A property of the parent union's variant `tag`.
    VariantProperty {
        tag: String,
        wire: String,
        items: bool,
    },
    /// An alternative of the parent untagged union, by its name (`Rule`); `items`: its
    /// list items or map values.
    Alternative { name: String, items: bool },
    /// The request body of an endpoint, by the endpoint's name (`kv.namespaces.create`):
    /// all of it, for the words that tell two bodies apart.
    Body(Vec<String>),
    /// The response payload of an endpoint, by the endpoint's name.
    Response(Vec<String>),
    /// The items of an endpoint's list payload or body: the resource they are (`Rule`
    /// for `/rules`) and the endpoint's name.
    ResponseItems {
        resource: String,
        endpoint: Vec<String>,
    },
    /// A query or header parameter's enum: (the endpoint's name, the parameter's wire name).
    Query(Vec<String>, String),
}

/// One use of a shape.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Use {
    pub parent: Option<ShapeId>,
    pub hint: Hint,
}

/// One shape: its kind, docs and uses.
#[derive(Clone, Debug)]
pub struct Shape {
    pub kind: Kind,
    pub docs: Docs,
    pub uses: Vec<Use>,
}

/// All shapes of an import run. Shapes are interned while schemas are translated, and
/// merged (by the config) only after that.
#[derive(Debug, Default)]
pub struct Shapes {
    pub shapes: Vec<Shape>,
    /// Kind → shape, as interned (not updated by merges).
    index: HashMap<Kind, ShapeId>,
    /// Shape → the shape it became when merged (itself when not merged).
    forward: Vec<ShapeId>,
}

impl Shapes {
    /// The shape of `kind`, new or the existing identical one; its docs absorb `docs`.
    pub fn intern(&mut self, kind: Kind, docs: Docs) -> ShapeId {
        if let Some(&id) = self.index.get(&kind) {
            self.shapes[id].docs.absorb(&docs);
            return id;
        }
        let id = self.shapes.len();
        for (child, hint) in child_hints(&kind) {
            self.add_use(
                child,
                Use {
                    parent: Some(id),
                    hint,
                },
            );
        }
        self.index.insert(kind.clone(), id);
        self.shapes.push(Shape {
            kind,
            docs,
            uses: Vec::new(),
        });
        self.forward.push(id);
        id
    }

    /// A shape that stands for a schema still being translated, so that the schema can
    /// contain itself; [`Shapes::define`] makes it the finished shape.
    pub fn placeholder(&mut self) -> ShapeId {
        let id = self.shapes.len();
        self.shapes.push(Shape {
            kind: Kind::Object(Vec::new()),
            docs: Docs::default(),
            uses: Vec::new(),
        });
        self.forward.push(id);
        id
    }

    /// Makes the placeholder `placeholder` stand for `shape`, its uses moving there.
    pub fn define(&mut self, placeholder: ShapeId, shape: ShapeId) {
        let shape = self.current(shape);
        if shape == placeholder {
            return;
        }
        self.forward[placeholder] = shape;
        for use_ in std::mem::take(&mut self.shapes[placeholder].uses) {
            self.add_use(shape, use_);
        }
    }

    /// Records a use of `id`, once.
    pub fn add_use(&mut self, id: ShapeId, use_: Use) {
        let id = self.current(id);
        let uses = &mut self.shapes[id].uses;
        if !uses.contains(&use_) {
            uses.push(use_);
        }
    }

    /// The shape `id` stands for now: itself, or what it was merged into.
    pub fn current(&self, mut id: ShapeId) -> ShapeId {
        while self.forward[id] != id {
            id = self.forward[id];
        }
        id
    }

    /// `ty` with every shape replaced by the one it stands for now.
    pub fn current_ty(&self, ty: &Ty) -> Ty {
        ty.map_named(&|id| self.current(id))
    }

    /// Makes `members` (at least one) one shape, the first: fields of all members, a field
    /// required only if every member requires it; or says which member does not fit.
    pub fn merge(&mut self, members: &[ShapeId]) -> Result<ShapeId, MergeConflict> {
        let members: Vec<ShapeId> = members.iter().map(|&id| self.current(id)).collect();
        let first = members[0];
        let others: Vec<ShapeId> = members[1..]
            .iter()
            .copied()
            .filter(|&id| id != first)
            .collect();
        if others.is_empty() {
            return Ok(first);
        }
        let kind = self.merged_kind(first, &others)?;
        for &other in &others {
            self.forward[other] = first;
            let (docs, uses) = {
                let shape = &self.shapes[other];
                (shape.docs.clone(), shape.uses.clone())
            };
            self.shapes[first].docs.absorb(&docs);
            for use_ in uses {
                self.add_use(first, use_);
            }
        }
        self.shapes[first].kind = kind;
        self.settle();
        Ok(first)
    }

    fn merged_kind(&self, first: ShapeId, others: &[ShapeId]) -> Result<Kind, MergeConflict> {
        let ids: Vec<ShapeId> = std::iter::once(first)
            .chain(others.iter().copied())
            .collect();
        let kinds: Vec<&Kind> = ids.iter().map(|&id| &self.shapes[id].kind).collect();
        match kinds[0] {
            Kind::Object(_) => {
                let mut merged: Vec<Prop> = Vec::new();
                let mut counts: HashMap<String, usize> = HashMap::new();
                for (member, kind) in kinds.iter().enumerate() {
                    let Kind::Object(props) = kind else {
                        return Err(MergeConflict::Kinds(ids[member]));
                    };
                    for prop in props {
                        let ty = self.current_ty(&prop.ty);
                        *counts.entry(prop.wire.clone()).or_default() += 1;
                        match merged.iter_mut().find(|p| p.wire == prop.wire) {
                            Some(existing) if existing.ty != ty => {
                                return Err(MergeConflict::Field(prop.wire.clone(), ids[member]));
                            }
                            Some(existing) => {
                                existing.required &= prop.required;
                                existing.nullable |= prop.nullable;
                            }
                            None => merged.push(Prop { ty, ..prop.clone() }),
                        }
                    }
                }
                for prop in &mut merged {
                    prop.required &= counts[&prop.wire] == kinds.len();
                }
                let (required, optional): (Vec<Prop>, Vec<Prop>) =
                    merged.into_iter().partition(|p| p.required);
                Ok(Kind::Object(required.into_iter().chain(optional).collect()))
            }
            Kind::Enum(_) => {
                let mut values: Vec<String> = Vec::new();
                for (member, kind) in kinds.iter().enumerate() {
                    let Kind::Enum(more) = kind else {
                        return Err(MergeConflict::Kinds(ids[member]));
                    };
                    for value in more {
                        if !values.contains(value) {
                            values.push(value.clone());
                        }
                    }
                }
                Ok(Kind::Enum(values))
            }
            Kind::Union { .. } | Kind::OneOf(_) => Err(MergeConflict::Kinds(ids[1])),
        }
    }

    /// After a merge, shapes that now hold the same types are identical: make them one,
    /// until nothing changes.
    fn settle(&mut self) {
        loop {
            let mut seen: HashMap<Kind, ShapeId> = HashMap::new();
            let mut changed = false;
            for id in 0..self.shapes.len() {
                if self.current(id) != id {
                    continue;
                }
                let kind = self.current_kind(id);
                match seen.get(&kind) {
                    Some(&first) => {
                        self.forward[id] = first;
                        let shape = self.shapes[id].clone();
                        self.shapes[first].docs.absorb(&shape.docs);
                        for use_ in shape.uses {
                            self.add_use(first, use_);
                        }
                        changed = true;
                    }
                    None => {
                        seen.insert(kind, id);
                    }
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// The kind of `id` with its types pointing at current shapes.
    pub fn current_kind(&self, id: ShapeId) -> Kind {
        let props = |props: &[Prop]| {
            props
                .iter()
                .map(|p| Prop {
                    ty: self.current_ty(&p.ty),
                    ..p.clone()
                })
                .collect()
        };
        match &self.shapes[id].kind {
            Kind::Object(fields) => Kind::Object(props(fields)),
            Kind::Enum(values) => Kind::Enum(values.clone()),
            Kind::Union { tag, variants } => Kind::Union {
                tag: tag.clone(),
                variants: variants
                    .iter()
                    .map(|v| Variant {
                        tag_value: v.tag_value.clone(),
                        props: props(&v.props),
                    })
                    .collect(),
            },
            Kind::OneOf(alternatives) => Kind::OneOf(
                alternatives
                    .iter()
                    .map(|a| Alternative {
                        name: a.name.clone(),
                        ty: self.current_ty(&a.ty),
                    })
                    .collect(),
            ),
        }
    }

    /// The uses of `id` with parents pointing at current shapes.
    pub fn current_uses(&self, id: ShapeId) -> Vec<Use> {
        let mut uses: Vec<Use> = Vec::new();
        for use_ in &self.shapes[id].uses {
            let use_ = Use {
                parent: use_.parent.map(|p| self.current(p)),
                hint: use_.hint.clone(),
            };
            if !uses.contains(&use_) {
                uses.push(use_);
            }
        }
        uses
    }
}

/// Why shapes could not be merged: this shape is of another kind (or a union, which does
/// not merge), or has field `0` with another type.
#[derive(Debug, PartialEq, Eq)]
pub enum MergeConflict {
    Kinds(ShapeId),
    Field(String, ShapeId),
}

/// The named shapes a kind holds and how.
fn child_hints(kind: &Kind) -> Vec<(ShapeId, Hint)> {
    let mut hints = Vec::new();
    match kind {
        Kind::Object(props) => {
            for prop in props {
                if let Some(child) = prop.ty.named() {
                    let items = !matches!(prop.ty, Ty::Named(_));
                    hints.push((
                        child,
                        Hint::Property {
                            wire: prop.wire.clone(),
                            items,
                        },
                    ));
                }
            }
        }
        Kind::Union { variants, .. } => {
            for variant in variants {
                for prop in &variant.props {
                    if let Some(child) = prop.ty.named() {
                        let items = !matches!(prop.ty, Ty::Named(_));
                        hints.push((
                            child,
                            Hint::VariantProperty {
                                tag: variant.tag_value.clone(),
                                wire: prop.wire.clone(),
                                items,
                            },
                        ));
                    }
                }
            }
        }
        Kind::OneOf(alternatives) => {
            for alternative in alternatives {
                if let Some(child) = alternative.ty.named() {
                    hints.push((
                        child,
                        Hint::Alternative {
                            name: alternative.name.clone(),
                            items: !matches!(alternative.ty, Ty::Named(_)),
                        },
                    ));
                }
            }
        }
        Kind::Enum(_) => {}
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(wire: &str, ty: Ty, required: bool) -> Prop {
        Prop {
            wire: wire.to_owned(),
            ty,
            required,
            nullable: false,
        }
    }

    #[test]
    fn identical_shapes_are_one_and_keep_the_first_doc() {
        let mut shapes = Shapes::default();
        let kind = Kind::Object(vec![prop("elementId", Ty::String, true)]);
        let docs = |doc: &str| Docs {
            doc: Some(doc.to_owned()),
            ..Docs::default()
        };
        let a = shapes.intern(kind.clone(), Docs::default());
        let b = shapes.intern(kind.clone(), docs("first"));
        let c = shapes.intern(kind, docs("second"));
        assert_eq!((a, b), (c, c));
        assert_eq!(shapes.shapes[a].docs.doc.as_deref(), Some("first"));
    }

    #[test]
    fn merged_objects_require_only_what_every_member_requires() {
        let mut shapes = Shapes::default();
        let long = shapes.intern(
            Kind::Object(vec![
                prop("id", Ty::String, true),
                prop("tag", Ty::String, true),
            ]),
            Docs::default(),
        );
        let short = shapes.intern(
            Kind::Object(vec![prop("id", Ty::String, true)]),
            Docs::default(),
        );
        let holder = |id| Kind::Object(vec![prop("route", Ty::Named(id), true)]);
        let a = shapes.intern(holder(long), Docs::default());
        let b = shapes.intern(holder(short), Docs::default());
        assert_ne!(a, b);
        let merged = shapes.merge(&[long, short]).unwrap();
        assert_eq!(
            shapes.current_kind(merged),
            Kind::Object(vec![
                prop("id", Ty::String, true),
                prop("tag", Ty::String, false)
            ])
        );
        assert_eq!(shapes.current(short), merged);
        assert_eq!(shapes.current(b), shapes.current(a), "holders became one");
    }

    #[test]
    fn shapes_whose_fields_disagree_do_not_merge() {
        let mut shapes = Shapes::default();
        let a = shapes.intern(
            Kind::Object(vec![prop("id", Ty::String, true)]),
            Docs::default(),
        );
        let b = shapes.intern(
            Kind::Object(vec![prop("id", Ty::Integer, true)]),
            Docs::default(),
        );
        assert_eq!(
            shapes.merge(&[a, b]),
            Err(MergeConflict::Field("id".into(), b))
        );
    }
}
