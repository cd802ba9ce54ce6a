//! Rules for named types. Every type is re-exported at the crate root; structs have public
//! fields, `new`/`with_*`/`Default` (see [`super::fields`]); enums and unions are
//! `#[non_exhaustive]` with an `Unknown` variant that keeps what this version does not know;
//! each union variant holds its own struct, with `From<Struct> for Union`.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::fields::{self, Owner, OwnerKind};
use super::sites::{Key, Part};
use super::{Diff, Severity};
use crate::model::{
    Api, EnumValue, OneOf, OneOfVariant, StringEnum, TypeDef, TypeKind, Union, Variant,
};

/// Compares every named type; records renamed types in `diff.renames` first, so that the
/// other rules see a renamed type as the same type.
pub(super) fn compare(diff: &mut Diff<'_>) {
    let (old, new) = (diff.old.api(), diff.new.api());
    let old_types = by_name(old);
    let new_types = by_name(new);
    let old_variants = variant_structs(old);
    let new_variants = variant_structs(new);
    diff.renames = renames(
        old,
        new,
        &old_types,
        &new_types,
        &old_variants,
        &new_variants,
    );
    let renamed_to: HashSet<String> = diff.renames.values().cloned().collect();
    for def in &old.types {
        if let Some(new_def) = new_types.get(def.name.as_str()) {
            compare_type(diff, def, new_def);
        } else if let Some(to) = diff.renames.get(&def.name).cloned() {
            renamed(diff, def, &to);
            compare_type(diff, def, new_types[to.as_str()]);
        } else if !old_variants.contains_key(def.name.as_str()) {
            // A variant's struct goes with the variant, which reports it.
            removed(diff, def);
        }
    }
    for def in &new.types {
        let known = old_types.contains_key(def.name.as_str())
            || renamed_to.contains(&def.name)
            || new_variants.contains_key(def.name.as_str());
        if !known {
            added(diff, def);
        }
    }
}

fn has_type(api: &Api, name: &str) -> bool {
    api.types.iter().any(|def| def.name == name)
}

fn by_name(api: &Api) -> HashMap<&str, &TypeDef> {
    api.types
        .iter()
        .map(|def| (def.name.as_str(), def))
        .collect()
}

/// The struct of each union variant: struct name → union name.
fn variant_structs(api: &Api) -> HashMap<&str, &str> {
    let mut owners = HashMap::new();
    for def in &api.types {
        if let TypeKind::Union(union) = &def.kind {
            for variant in &union.variants {
                owners.insert(variant.struct_name.as_str(), def.name.as_str());
            }
        }
    }
    owners
}

/// A type that disappeared and one that appeared with the very same shape (docs aside) are
/// one type renamed, when neither could be paired otherwise. Variant structs are left to
/// their variant.
fn renames(
    old: &Api,
    new: &Api,
    old_types: &HashMap<&str, &TypeDef>,
    new_types: &HashMap<&str, &TypeDef>,
    old_variants: &HashMap<&str, &str>,
    new_variants: &HashMap<&str, &str>,
) -> BTreeMap<String, String> {
    let removed: Vec<&TypeDef> = old
        .types
        .iter()
        .filter(|d| !new_types.contains_key(d.name.as_str()))
        .filter(|d| !old_variants.contains_key(d.name.as_str()))
        .collect();
    let added: Vec<&TypeDef> = new
        .types
        .iter()
        .filter(|d| !old_types.contains_key(d.name.as_str()))
        .filter(|d| !new_variants.contains_key(d.name.as_str()))
        .collect();
    let mut renames = BTreeMap::new();
    if removed.is_empty() || added.is_empty() {
        return renames;
    }
    // Types by shape (docs aside), on each side; a shape's debug text is its key.
    let by_shape = |types: &[&TypeDef]| {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for def in types {
            let shape = format!("{:?}", shape(&def.kind));
            map.entry(shape).or_default().push(def.name.clone());
        }
        map
    };
    let added = by_shape(&added);
    for (shape, from) in by_shape(&removed) {
        if let ([from], Some([to])) = (&from[..], added.get(&shape).map(Vec::as_slice)) {
            renames.insert(from.clone(), to.clone());
        }
    }
    renames
}

/// A type's shape without its docs.
fn shape(kind: &TypeKind) -> TypeKind {
    let mut kind = kind.clone();
    match &mut kind {
        TypeKind::Struct(shape) => shape.fields.iter_mut().for_each(|f| f.doc = None),
        TypeKind::Enum(shape) => shape.values.iter_mut().for_each(|v| v.doc = None),
        TypeKind::Union(shape) => shape.variants.iter_mut().for_each(|v| v.doc = None),
        TypeKind::OneOf(shape) => shape.variants.iter_mut().for_each(|v| v.doc = None),
    }
    kind
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::OneOf(_) => "untagged union",
    }
}

/// `` `CatPet` and `DogPet` ``: the structs of a union's variants; `None` for other kinds.
fn variant_struct_list(def: &TypeDef) -> Option<String> {
    let TypeKind::Union(union) = &def.kind else {
        return None;
    };
    let structs: Vec<String> = union
        .variants
        .iter()
        .map(|v| super::code(&v.struct_name))
        .collect();
    Some(super::list(&structs))
}

fn removed(diff: &mut Diff<'_>, def: &TypeDef) {
    let at = diff.old.site(&Key::Type(def.name.clone()), None);
    let mut message = format!(
        "{} `{}` is removed: code that names it stops compiling",
        kind_name(&def.kind),
        def.name
    );
    if let Some(structs) = variant_struct_list(def) {
        message.push_str(&format!(
            ", and so does code using its variants' structs {structs}, removed with it"
        ));
    }
    diff.push(
        Severity::Breaking,
        at,
        diff.paths.type_path(&def.name),
        message,
        Some(format!("stop using `{}`", def.name)),
    );
}

fn added(diff: &mut Diff<'_>, def: &TypeDef) {
    let at = diff.new.site(&Key::Type(def.name.clone()), None);
    let mut message = format!("new {} `{}`", kind_name(&def.kind), def.name);
    if let Some(structs) = variant_struct_list(def) {
        message.push_str(&format!(", with its variants' structs {structs}"));
    }
    diff.push(
        Severity::Additive,
        at,
        diff.paths.type_path(&def.name),
        message,
        None,
    );
}

fn renamed(diff: &mut Diff<'_>, def: &TypeDef, to: &str) {
    let at = diff.new.site(&Key::Type(to.to_owned()), None);
    diff.push(
        Severity::Breaking,
        at,
        diff.paths.type_path(&def.name),
        format!(
            "{} `{}` is renamed `{to}` (same shape): code that names `{}` stops compiling",
            kind_name(&def.kind),
            def.name,
            def.name
        ),
        Some(format!("rename `{}` to `{to}` in your code", def.name)),
    );
}

/// Compares a type with its counterpart (same name, or renamed).
fn compare_type(diff: &mut Diff<'_>, old: &TypeDef, new: &TypeDef) {
    if old == new {
        // Nothing of it changed; a renamed type it uses is reported on its own.
        return;
    }
    let key = Key::Type(new.name.clone());
    let path = diff.paths.type_path(&new.name);
    // A renamed type (reported on its own) has another Rust name by default.
    let renamed_by_default = old.name != new.name
        && old.rust_name == old.name
        && new.rust_name == new.name
        && old.module == new.module;
    if (&old.module, &old.rust_name) != (&new.module, &new.rust_name) && !renamed_by_default {
        let public = |def: &TypeDef| {
            let mut segments = def.module.clone();
            segments.push(def.rust_name.clone());
            format!("{}::{}", diff.paths.crate_name, segments.join("::"))
        };
        let (was, now) = (public(old), public(new));
        let at = diff.new.site(&key, None);
        diff.push(
            Severity::Breaking,
            at,
            path.clone(),
            format!(
                "`{}` moved from `{was}` to `{now}`: code that names `{was}` stops compiling",
                new.name
            ),
            Some(format!("write `{now}` where your code has `{was}`")),
        );
    }
    if old.doc != new.doc {
        let at = diff.new.site(&key, Some(Part::Doc));
        let message = format!("the doc of `{}` changed", new.name);
        diff.push(Severity::Docs, at, path.clone(), message, None);
    }
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            let owner = Owner {
                path,
                kind: if a.is_form() || b.is_form() {
                    OwnerKind::Form
                } else {
                    OwnerKind::Struct
                },
                names: (old.name.clone(), new.name.clone()),
            };
            fields::compare(diff, &owner, &a.fields, &b.fields);
        }
        (TypeKind::Enum(a), TypeKind::Enum(b)) => compare_enum(diff, &old.name, new, a, b),
        (TypeKind::Union(a), TypeKind::Union(b)) => compare_union(diff, &old.name, new, a, b),
        (TypeKind::OneOf(a), TypeKind::OneOf(b)) => compare_one_of(diff, &old.name, new, a, b),
        (a, b) => {
            let at = diff.new.site(&key, None);
            diff.push(
                Severity::Breaking,
                at,
                path,
                format!(
                    "`{}` is now {} {} (was {} {}): code that builds, reads or matches it \
                     stops compiling",
                    new.name,
                    article(b),
                    kind_name(b),
                    article(a),
                    kind_name(a)
                ),
                Some(format!(
                    "rewrite the code using `{}` for its new kind",
                    new.name
                )),
            );
        }
    }
}

fn article(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Enum(_) => "an",
        _ => "a",
    }
}

/// Enum values are matched by Rust name, which is derived from the wire value: the same
/// Rust name with another wire value is a case or punctuation change on the wire only.
fn compare_enum(
    diff: &mut Diff<'_>,
    old_name: &str,
    def: &TypeDef,
    old: &StringEnum,
    new: &StringEnum,
) {
    let name = &def.name;
    let find = |values: &[EnumValue], rust: &str| values.iter().position(|v| v.rust_name == rust);
    for value in &old.values {
        let item = format!("{}::{}", diff.paths.type_path(name), value.rust_name);
        let Some(index) = find(&new.values, &value.rust_name) else {
            let at = diff.old.site(
                &Key::EnumValue(old_name.to_owned(), value.wire.clone()),
                None,
            );
            diff.push(
                Severity::Breaking,
                at,
                item,
                format!(
                    "value `{name}::{}` is removed: code that names it stops compiling; a `{}` \
                     sent by the server now decodes as `{name}::Unknown`",
                    value.rust_name, value.wire
                ),
                Some(format!(
                    "compare `as_str()` with \"{}\" where you matched `{name}::{}`",
                    value.wire, value.rust_name
                )),
            );
            continue;
        };
        let now = &new.values[index];
        let key = Key::EnumValue(name.clone(), now.wire.clone());
        if now.wire != value.wire {
            let at = diff.new.site(&key, None);
            diff.push(
                Severity::Wire,
                at,
                item.clone(),
                format!(
                    "`{name}::{}` is sent and read as `{}` instead of `{}`; the Rust API is \
                     unchanged",
                    now.rust_name, now.wire, value.wire
                ),
                None,
            );
        }
        if now.doc != value.doc {
            let at = diff.new.site(&key, None);
            let message = format!("the doc of `{name}::{}` changed", now.rust_name);
            diff.push(Severity::Docs, at, item, message, None);
        }
    }
    for value in &new.values {
        if find(&old.values, &value.rust_name).is_none() {
            let at = diff
                .new
                .site(&Key::EnumValue(name.clone(), value.wire.clone()), None);
            diff.push(
                Severity::Additive,
                at,
                format!("{}::{}", diff.paths.type_path(name), value.rust_name),
                format!(
                    "new value `{name}::{}` (`{}`): matches on `{name}` need no change (it is \
                     `#[non_exhaustive]`), but a `{}` sent by the server now decodes as \
                     `{name}::{}` instead of `{name}::Unknown`",
                    value.rust_name, value.wire, value.wire, value.rust_name
                ),
                None,
            );
        }
    }
    let order = |values: &[EnumValue], other: &[EnumValue]| -> Vec<String> {
        values
            .iter()
            .filter(|v| find(other, &v.rust_name).is_some())
            .map(|v| v.rust_name.clone())
            .collect()
    };
    if order(&old.values, &new.values) != order(&new.values, &old.values) {
        let at = diff.new.site(&Key::Type(name.clone()), None);
        diff.push(
            Severity::Docs,
            at,
            diff.paths.type_path(name),
            format!(
                "the values of `{name}` are listed in another order; only the documentation \
                 (and doc examples, which use the first value) changes"
            ),
            None,
        );
    }
}

/// Variants are matched by Rust name, like enum values. A variant's doc is its struct's
/// doc, compared with the struct.
fn compare_union(diff: &mut Diff<'_>, old_name: &str, def: &TypeDef, old: &Union, new: &Union) {
    let name = &def.name;
    let key = Key::Type(name.clone());
    if old.tag != new.tag {
        let at = diff.new.site(&key, Some(Part::Tag));
        diff.push(
            Severity::Wire,
            at,
            diff.paths.type_path(name),
            format!(
                "`{name}` is tagged on the wire by `{}` instead of `{}`; the Rust API is \
                 unchanged",
                new.tag, old.tag
            ),
            None,
        );
    }
    let find = |variants: &[Variant], rust: &str| variants.iter().position(|v| v.rust_name == rust);
    for variant in &old.variants {
        match find(&new.variants, &variant.rust_name) {
            Some(index) => compare_variant(diff, def, variant, &new.variants[index]),
            None => variant_removed(diff, old_name, def, variant),
        }
    }
    for variant in &new.variants {
        if find(&old.variants, &variant.rust_name).is_none() {
            variant_added(diff, def, variant);
        }
    }
    let order = |variants: &[Variant], other: &[Variant]| -> Vec<String> {
        variants
            .iter()
            .filter(|v| find(other, &v.rust_name).is_some())
            .map(|v| v.rust_name.clone())
            .collect()
    };
    if order(&old.variants, &new.variants) != order(&new.variants, &old.variants) {
        let at = diff.new.site(&key, None);
        diff.push(
            Severity::Docs,
            at,
            diff.paths.type_path(name),
            format!(
                "the variants of `{name}` are listed in another order; only the documentation \
                 (and doc examples, which use the first variant) changes"
            ),
            None,
        );
    }
}

/// Untagged variants are matched by Rust name. Each holds a value of its type; the first
/// that fits a value decodes it, so their order decides what a value becomes.
fn compare_one_of(diff: &mut Diff<'_>, old_name: &str, def: &TypeDef, old: &OneOf, new: &OneOf) {
    let name = &def.name;
    let at = diff.new.site(&Key::Type(name.clone()), None);
    let path = diff.paths.type_path(name);
    fn find<'v>(variants: &'v [OneOfVariant], rust: &str) -> Option<&'v OneOfVariant> {
        variants.iter().find(|v| v.rust_name == rust)
    }
    for variant in &old.variants {
        let Some(now) = find(&new.variants, &variant.rust_name) else {
            let removed_at = diff.old.site(&Key::Type(old_name.to_owned()), None);
            diff.push(
                Severity::Breaking,
                removed_at,
                format!("{path}::{}", variant.rust_name),
                format!(
                    "variant `{}::{}` is gone: code that builds or matches it stops compiling, and such values decode as another variant or `Unknown`",
                    def.rust_name, variant.rust_name
                ),
                Some("remove the uses of the variant".to_owned()),
            );
            continue;
        };
        if !diff.same_type(&variant.ty, &now.ty) {
            diff.push(
                Severity::Breaking,
                at.clone(),
                format!("{path}::{}", variant.rust_name),
                format!(
                    "variant `{}::{}` now holds `{}` instead of `{}`: code that builds or matches it stops compiling",
                    def.rust_name,
                    variant.rust_name,
                    super::rust::type_name(&now.ty),
                    super::rust::type_name(&variant.ty)
                ),
                Some("build and match the variant with its new type".to_owned()),
            );
        } else if variant.doc != now.doc {
            let message = format!(
                "the doc of `{}::{}` changed",
                def.rust_name, variant.rust_name
            );
            diff.push(
                Severity::Docs,
                at.clone(),
                format!("{path}::{}", variant.rust_name),
                message,
                None,
            );
        }
    }
    for variant in &new.variants {
        if find(&old.variants, &variant.rust_name).is_none() {
            diff.push(
                Severity::Additive,
                at.clone(),
                format!("{path}::{}", variant.rust_name),
                format!(
                    "new variant `{}::{}` (`{}`); `{}` is `#[non_exhaustive]`, so matches keep compiling, and values of that shape that decoded as `Unknown` or a later variant now decode as it",
                    def.rust_name,
                    variant.rust_name,
                    super::rust::type_name(&variant.ty),
                    def.rust_name
                ),
                None,
            );
        }
    }
    let order = |variants: &[OneOfVariant], other: &[OneOfVariant]| -> Vec<String> {
        variants
            .iter()
            .filter(|v| find(other, &v.rust_name).is_some())
            .map(|v| v.rust_name.clone())
            .collect()
    };
    if order(&old.variants, &new.variants) != order(&new.variants, &old.variants) {
        diff.push(
            Severity::Wire,
            at,
            path.clone(),
            format!(
                "the variants of `{}` are tried in another order: a value that fits several now decodes as another one",
                def.rust_name
            ),
            None,
        );
    }
}

fn variant_removed(diff: &mut Diff<'_>, old_name: &str, union: &TypeDef, variant: &Variant) {
    let name = &union.name;
    let at = diff.old.site(
        &Key::Variant(old_name.to_owned(), variant.wire.clone()),
        None,
    );
    let mut message = format!(
        "variant `{name}::{}` is removed: code that builds or matches it stops compiling; a \
         `{}` element sent by the server now decodes as `{name}::Unknown`",
        variant.rust_name, variant.wire
    );
    if !has_type(diff.new.api(), &variant.struct_name) {
        message.push_str(&format!(
            ", and its struct `{}` is removed with it",
            variant.struct_name
        ));
    }
    diff.push(
        Severity::Breaking,
        at,
        format!("{}::{}", diff.paths.type_path(name), variant.rust_name),
        message,
        Some(format!(
            "handle `{}` elements through `{name}::Unknown` (`kind()` is \"{}\"), or drop the code",
            variant.wire, variant.wire
        )),
    );
}

fn variant_added(diff: &mut Diff<'_>, union: &TypeDef, variant: &Variant) {
    let name = &union.name;
    let at = diff
        .new
        .site(&Key::Variant(name.clone(), variant.wire.clone()), None);
    let is_new_struct = !has_type(diff.old.api(), &variant.struct_name);
    diff.push(
        Severity::Additive,
        at,
        format!("{}::{}", diff.paths.type_path(name), variant.rust_name),
        format!(
            "new variant `{name}::{}` (`{}`) holding {}`{}`: matches on `{name}` need no \
             change (it is `#[non_exhaustive]`), but a `{}` element sent by the server now \
             decodes as `{name}::{}` instead of `{name}::Unknown`",
            variant.rust_name,
            variant.wire,
            if is_new_struct { "the new struct " } else { "" },
            variant.struct_name,
            variant.wire,
            variant.rust_name
        ),
        None,
    );
}

fn compare_variant(diff: &mut Diff<'_>, union: &TypeDef, old: &Variant, new: &Variant) {
    let name = &union.name;
    let item = format!("{}::{}", diff.paths.type_path(name), new.rust_name);
    let key = Key::Variant(name.clone(), new.wire.clone());
    if old.wire != new.wire {
        let at = diff.new.site(&key, None);
        diff.push(
            Severity::Wire,
            at,
            item.clone(),
            format!(
                "`{name}::{}` is tagged `{}` on the wire instead of `{}`; the Rust API is \
                 unchanged",
                new.rust_name, new.wire, old.wire
            ),
            None,
        );
    }
    if diff.same_type(
        &crate::model::TypeRef::Named(old.struct_name.clone()),
        &crate::model::TypeRef::Named(new.struct_name.clone()),
    ) {
        return;
    }
    let at = diff.new.site(&key, Some(Part::Name));
    let (from, to) = (&old.struct_name, &new.struct_name);
    diff.push(
        Severity::Breaking,
        at,
        item,
        format!(
            "`{name}::{}` now holds `{to}` instead of `{from}`: code that builds it from a \
             `{from}` or uses its value as one stops compiling",
            new.rust_name
        ),
        Some(format!("use `{to}` where you used `{from}`")),
    );
    // The old struct gone and the new one new: the struct was renamed with the variant, so
    // its fields are compared too.
    let (old_api, new_api) = (diff.old.api(), diff.new.api());
    if has_type(new_api, from) || has_type(old_api, to) {
        return;
    }
    let old_struct = old_api.types.iter().find(|d| d.name == *from);
    let new_struct = new_api.types.iter().find(|d| d.name == *to);
    if let (Some(a), Some(b)) = (old_struct, new_struct) {
        compare_type(diff, a, b);
    }
}
