//! A rough size of the generated types, in bytes, to box the variant of a tagged union
//! that would make every value of the union as large as itself (clippy's
//! `large_enum_variant`: the largest variant more than 200 bytes above the next). Sizes
//! are those of a 64-bit target, estimated from the field types; a type deeper than a few
//! levels counts as a pointer's worth, which is what a cycle's boxed field is.

use super::TypeIndex;
use crate::model::{TypeKind, TypeRef};

/// How many bytes above the next largest variant make a variant worth boxing.
pub const LARGE_VARIANT: usize = 200;

/// The size of the unknown-variant value every tagged union also holds.
pub const UNKNOWN_VARIANT: usize = 48;

/// Estimated size of the named type `name`.
pub fn of_named(name: &str, types: &TypeIndex<'_>, depth: usize) -> usize {
    if depth > 6 {
        return 24;
    }
    match types.get(name).map(|def| &def.kind) {
        Some(TypeKind::Struct(shape)) => {
            // The fields, and the map of fields the spec does not know.
            24 + shape
                .fields
                .iter()
                .map(|f| {
                    if f.boxed {
                        8
                    } else {
                        of_ref(&f.ty, types, depth + 1)
                    }
                })
                .sum::<usize>()
        }
        Some(TypeKind::Union(shape)) => {
            8 + shape
                .variants
                .iter()
                .map(|v| of_named(&v.struct_name, types, depth + 1))
                .max()
                .unwrap_or(0)
                .max(UNKNOWN_VARIANT)
        }
        // A string enum keeps an unknown value as a `String`; an untagged union boxes its
        // objects.
        Some(TypeKind::Enum(_)) => 24,
        Some(TypeKind::OneOf(_)) => 40,
        None => 24,
    }
}

/// Estimated size of a value of type `ty`; an `Option` is as large as its value.
fn of_ref(ty: &TypeRef, types: &TypeIndex<'_>, depth: usize) -> usize {
    match ty {
        TypeRef::Boolean => 1,
        TypeRef::Integer => 8,
        TypeRef::String | TypeRef::DateTime | TypeRef::List(_) | TypeRef::Map(_) => 24,
        TypeRef::Number => 24,
        TypeRef::Any => 32,
        TypeRef::Binary => 72,
        TypeRef::Named(name) => of_named(name, types, depth),
        TypeRef::Nullable(inner) => of_ref(inner, types, depth),
    }
}

/// Which of the variants (by their struct names) to box: while the largest is more than
/// [`LARGE_VARIANT`] bytes above the next, it is boxed.
pub fn variants_to_box(structs: &[&str], types: &TypeIndex<'_>) -> Vec<bool> {
    let mut sizes: Vec<usize> = structs.iter().map(|s| of_named(s, types, 0)).collect();
    let mut boxed = vec![false; structs.len()];
    while let Some((largest, &size)) = sizes.iter().enumerate().max_by_key(|(_, s)| **s) {
        let next = sizes
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != largest)
            .map(|(_, s)| *s)
            .chain([UNKNOWN_VARIANT])
            .max()
            .unwrap_or(0);
        if size <= next + LARGE_VARIANT {
            break;
        }
        boxed[largest] = true;
        sizes[largest] = 8;
    }
    boxed
}
