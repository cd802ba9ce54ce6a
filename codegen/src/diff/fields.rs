//! Rules for the fields of a generated struct: a spec struct (or union variant struct), whose
//! fields are read and written as JSON, a multipart form, whose fields are sent as parts,
//! or an endpoint's `{Method}Query` struct, whose fields are sent as `name=value`. All get
//! `new(required…)` (arguments in the order of the required fields), a `with_*` setter per
//! optional field, `Default` when no field is
//! required, and public fields that user code reads and assigns.

use super::sites::{Key, Part};
use super::{Diff, Severity, code, list, rust};
use crate::emit;
use crate::model::{Field, TypeRef};

/// Whose fields are compared.
pub(super) struct Owner {
    /// Rust path of the struct in the new crate, e.g. `cloudflare_sdk::RateProperties`.
    pub path: String,
    pub kind: OwnerKind,
    /// Names that locate the fields: type names for structs, dotted endpoint names for
    /// query structs; (old, new).
    pub names: (String, String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum OwnerKind {
    /// A struct of `types.rs`, sent and received as a JSON object.
    Struct,
    /// A multipart form: only ever sent, part by part, and without `unknown_fields`.
    Form,
    /// An endpoint's query struct, sent as query parameters.
    Query,
}

impl Owner {
    fn key(&self, new: bool, wire: &str) -> Key {
        let owner = if new { &self.names.1 } else { &self.names.0 };
        match self.kind {
            OwnerKind::Struct | OwnerKind::Form => Key::Field(owner.clone(), wire.to_owned()),
            OwnerKind::Query => Key::QueryParam(owner.clone(), wire.to_owned()),
        }
    }

    fn what(&self) -> &'static str {
        match self.kind {
            OwnerKind::Struct | OwnerKind::Form => "field",
            OwnerKind::Query => "query parameter",
        }
    }

    /// The struct's short name, `RateProperties`, for code shown in messages.
    fn short(&self) -> &str {
        self.path.rsplit("::").next().unwrap_or(&self.path)
    }

    fn item(&self, member: &str) -> String {
        format!("{}::{}", self.path, member.trim_start_matches("r#"))
    }
}

/// One field matched across the two sides, either of which may be missing; `new_index` is
/// the new field's position among the new fields.
struct Pair<'a> {
    old: Option<&'a Field>,
    new: Option<&'a Field>,
    new_index: Option<usize>,
}

/// Compares the fields of one struct.
pub(super) fn compare(diff: &mut Diff<'_>, owner: &Owner, old: &[Field], new: &[Field]) {
    let pairs = pair(old, new);
    let context = Context {
        owner,
        old_has_new: old.iter().any(|f| !f.optional),
        new_has_new: new.iter().any(|f| !f.optional),
    };
    for pair in &pairs {
        match (pair.old, pair.new) {
            (Some(old), None) => context.removed(diff, old),
            (None, Some(new)) => context.added(diff, new),
            (Some(old), Some(new)) => context.changed(diff, old, new),
            (None, None) => {}
        }
    }
    if !context.constructor_reordered(diff, &pairs) {
        context.reordered(diff, &pairs);
    }
}

/// Matches fields by Rust name (what user code writes), then the rest by wire name (a
/// field renamed in Rust only). Old fields come first, in their order, then added ones.
fn pair<'a>(old: &'a [Field], new: &'a [Field]) -> Vec<Pair<'a>> {
    let mut taken = vec![false; new.len()];
    let mut matched: Vec<Option<usize>> = old
        .iter()
        .map(|o| {
            let found = new.iter().position(|n| n.rust_name == o.rust_name)?;
            taken[found] = true;
            Some(found)
        })
        .collect();
    for (index, o) in old.iter().enumerate() {
        if matched[index].is_none() {
            let found = (0..new.len()).find(|&j| !taken[j] && new[j].wire_name == o.wire_name);
            if let Some(found) = found {
                taken[found] = true;
                matched[index] = Some(found);
            }
        }
    }
    let mut pairs: Vec<Pair<'a>> = old
        .iter()
        .zip(&matched)
        .map(|(o, &new_index)| Pair {
            old: Some(o),
            new: new_index.map(|j| &new[j]),
            new_index,
        })
        .collect();
    for (j, n) in new.iter().enumerate() {
        if !taken[j] {
            pairs.push(Pair {
                old: None,
                new: Some(n),
                new_index: Some(j),
            });
        }
    }
    pairs
}

struct Context<'a> {
    owner: &'a Owner,
    /// Whether the struct has a `new` (it has a required field) on each side; without one it
    /// derives `Default`.
    old_has_new: bool,
    new_has_new: bool,
}

impl Context<'_> {
    fn name(&self) -> &str {
        self.owner.short()
    }

    fn removed(&self, diff: &mut Diff<'_>, old: &Field) {
        let at = diff.old.site(&self.owner.key(false, &old.wire_name), None);
        let (name, what, ty) = (&old.rust_name, self.owner.what(), self.name());
        let kept = (self.owner.kind == OwnerKind::Struct).then(|| {
            format!(
                "; a `{}` value the server still sends is kept in `unknown_fields`",
                old.wire_name
            )
        });
        let (message, help) = if old.optional {
            (
                format!(
                    "optional {what} `{name}` of `{ty}` is removed: code that reads or assigns \
                     `.{name}` or calls `{}` stops compiling",
                    rust::setter(old)
                ),
                format!("stop using `{name}`{}", kept.unwrap_or_default()),
            )
        } else {
            let constructor = if self.new_has_new {
                format!("`{ty}::new` loses its `{name}` argument")
            } else {
                format!("`{ty}::new` no longer exists (`{ty}` now derives `Default`)")
            };
            (
                format!(
                    "required {what} `{name}` of `{ty}` is removed: {constructor}, so calls to \
                     it stop compiling, and so does code that reads or assigns `.{name}`"
                ),
                if self.new_has_new {
                    format!("drop the `{name}` argument from calls to `{ty}::new`")
                } else {
                    format!("build `{ty}` with `{ty}::default()`")
                },
            )
        };
        diff.push(
            Severity::Breaking,
            at,
            self.owner.item(name),
            message,
            Some(help),
        );
    }

    fn added(&self, diff: &mut Diff<'_>, new: &Field) {
        let key = self.owner.key(true, &new.wire_name);
        let at = diff.new.site(&key, None);
        let (name, what, ty) = (&new.rust_name, self.owner.what(), self.name());
        if new.optional {
            let lands = match self.owner.kind {
                OwnerKind::Struct => format!(
                    "; a `{}` value the server sends now lands in `.{name}` instead of \
                     `unknown_fields`",
                    new.wire_name
                ),
                OwnerKind::Form | OwnerKind::Query => String::new(),
            };
            diff.push(
                Severity::Additive,
                at,
                self.owner.item(name),
                format!(
                    "new optional {what} `{name}` of `{ty}` (`{}`, set with `{}`){lands}",
                    rust::field_type(new),
                    rust::setter(new)
                ),
                None,
            );
            return;
        }
        let argument = format!("{name}: {}", rust::argument_type(new, diff.new.api()));
        let (message, help) = if self.old_has_new {
            (
                format!(
                    "new required {what} `{name}` of `{ty}`: `{ty}::new` takes a new argument \
                     `{argument}`, so calls to it stop compiling"
                ),
                format!(
                    "pass `{name}` to `{ty}::new`, in the position of the field among the \
                     required ones"
                ),
            )
        } else {
            (
                format!(
                    "new required {what} `{name}` of `{ty}`: `{ty}` no longer derives \
                     `Default` and is built with `{ty}::new({argument})`, so code calling \
                     `{ty}::default()` stops compiling"
                ),
                format!("replace `{ty}::default()` with `{ty}::new({name})`"),
            )
        };
        let decode = match self.owner.kind {
            OwnerKind::Struct => {
                format!("; a response without `{}` no longer decodes", new.wire_name)
            }
            OwnerKind::Form | OwnerKind::Query => String::new(),
        };
        diff.push(
            Severity::Breaking,
            at,
            format!(
                "{}::{}",
                self.owner.path,
                if self.old_has_new { "new" } else { "default" }
            ),
            format!("{message}{decode}"),
            Some(help),
        );
    }

    fn changed(&self, diff: &mut Diff<'_>, old: &Field, new: &Field) {
        let key = self.owner.key(true, &new.wire_name);
        let (what, ty) = (self.owner.what(), self.name());
        if old.rust_name != new.rust_name {
            let (from, to) = (&old.rust_name, &new.rust_name);
            let setters = if old.optional && new.optional {
                format!(" (`{}` → `{}`)", rust::setter(old), rust::setter(new))
            } else {
                String::new()
            };
            let at = diff.new.site(&key, Some(Part::Rust));
            diff.push(
                Severity::Breaking,
                at,
                self.owner.item(to),
                format!(
                    "{what} `{from}` of `{ty}` is renamed `{to}` in Rust (still `{}` on the \
                     wire): code using `.{from}`{setters} stops compiling",
                    new.wire_name
                ),
                Some(format!("rename `{from}` to `{to}`{setters} in your code")),
            );
        }
        if old.wire_name != new.wire_name {
            let at = diff.new.site(&key, None);
            let how = match self.owner.kind {
                OwnerKind::Struct => "sent and read as",
                OwnerKind::Form => "sent in a part named",
                OwnerKind::Query => "sent as",
            };
            diff.push(
                Severity::Wire,
                at,
                self.owner.item(&new.rust_name),
                format!(
                    "{what} `{}` of `{ty}` is {how} `{}` instead of `{}`; the Rust API is \
                     unchanged",
                    new.rust_name, new.wire_name, old.wire_name
                ),
                None,
            );
        }
        self.type_changed(diff, old, new);
        if old.doc != new.doc {
            let at = diff.new.site(&key, Some(Part::Doc));
            diff.push(
                Severity::Docs,
                at,
                self.owner.item(&new.rust_name),
                format!("the doc of {what} `{}` of `{ty}` changed", new.rust_name),
                None,
            );
        }
    }

    /// Type, optional and nullable together make the field's Rust type.
    fn type_changed(&self, diff: &mut Diff<'_>, old: &Field, new: &Field) {
        let key = self.owner.key(true, &new.wire_name);
        let (name, what, ty) = (&new.rust_name, self.owner.what(), self.name());
        let renamed_old = Field {
            ty: diff.renamed(&old.ty),
            ..old.clone()
        };
        let (old_type, new_type) = (rust::field_type(&renamed_old), rust::field_type(new));
        if old_type == new_type {
            if old.nullable != new.nullable {
                // Only `any` fields get here: `Value` holds `null` either way.
                let at = diff
                    .new
                    .site(&key, Some(Part::Type))
                    .narrowed_to("nullable");
                diff.push(
                    Severity::Docs,
                    at,
                    self.owner.item(name),
                    format!(
                        "{what} `{name}` of `{ty}` is {} nullable; its Rust type stays \
                         `{new_type}`, which holds `null` already",
                        if new.nullable { "now" } else { "no longer" }
                    ),
                    None,
                );
            }
            return;
        }
        let mut reasons = Vec::new();
        let mut needle = None;
        if renamed_old.ty != new.ty {
            reasons.push(format!(
                "its type is now `{}` (was `{}`)",
                rust::type_name(&new.ty),
                rust::type_name(&old.ty)
            ));
        }
        if old.optional != new.optional {
            needle = Some("optional");
            reasons.push(
                if new.optional {
                    "it is now optional"
                } else {
                    "it is now required"
                }
                .to_owned(),
            );
        }
        let nullable = |f: &Field| f.nullable && f.ty != TypeRef::Any;
        if nullable(old) != nullable(new) {
            needle = needle.or(Some("nullable"));
            reasons.push(
                if nullable(new) {
                    "it may now be `null`"
                } else {
                    "it may no longer be `null`"
                }
                .to_owned(),
            );
        }
        let mut consequences = vec![format!(
            "code that reads or assigns `.{name}` stops compiling"
        )];
        match (old.optional, new.optional) {
            (false, true) => consequences.push(if self.new_has_new {
                format!(
                    "`{ty}::new` no longer takes `{name}` (set it with `{}`)",
                    rust::setter(new)
                )
            } else {
                format!(
                    "`{ty}::new` no longer exists (`{ty}` now derives `Default`; set `{name}` with `{}`)",
                    rust::setter(new)
                )
            }),
            (true, false) => consequences.push(if self.old_has_new {
                format!(
                    "`{ty}::new` takes `{name}` as a new argument and `{}` no longer exists",
                    rust::setter(old)
                )
            } else {
                format!(
                    "`{ty}` no longer derives `Default`: it is built with `{ty}::new({name})`, and \
                     `{}` no longer exists",
                    rust::setter(old)
                )
            }),
            (false, false) if rust::argument_type(&renamed_old, diff.new.api()) != rust::argument_type(new, diff.new.api()) => {
                consequences.push(format!(
                    "the `{name}` argument of `{ty}::new` is now `{}`",
                    rust::argument_type(new, diff.new.api())
                ));
            }
            (true, true) if rust::argument_type(&renamed_old, diff.new.api()) != rust::argument_type(new, diff.new.api()) => {
                consequences.push(format!(
                    "`{}` now takes `{}`",
                    rust::setter(new),
                    rust::argument_type(new, diff.new.api())
                ));
            }
            _ => {}
        }
        let mut at = diff.new.site(&key, Some(Part::Type));
        if let Some(needle) = needle {
            at = at.narrowed_to(needle);
        }
        diff.push(
            Severity::Breaking,
            at,
            self.owner.item(name),
            format!(
                "{what} `{name}` of `{ty}` changes from `{old_type}` to `{new_type}` ({}): {}",
                reasons.join(", "),
                list(&consequences)
            ),
            Some(format!(
                "update the code that builds, reads or assigns `{name}` to `{new_type}`"
            )),
        );
    }

    /// The required fields are `new`'s arguments, in order: reordering them swaps
    /// arguments. Returns whether it reported a change.
    fn constructor_reordered(&self, diff: &mut Diff<'_>, pairs: &[Pair<'_>]) -> bool {
        let required = |f: Option<&Field>| f.is_some_and(|f| !f.optional);
        // Pair indices of `new`'s arguments on each side.
        let old_args: Vec<usize> = (0..pairs.len())
            .filter(|&i| required(pairs[i].old))
            .collect();
        let mut new_args: Vec<usize> = (0..pairs.len())
            .filter(|&i| required(pairs[i].new))
            .collect();
        new_args.sort_by_key(|&i| pairs[i].new_index);
        let in_both = |args: &[usize]| -> Vec<usize> {
            args.iter()
                .copied()
                .filter(|&i| required(pairs[i].old) && required(pairs[i].new))
                .collect()
        };
        let (old_common, new_common) = (in_both(&old_args), in_both(&new_args));
        if old_common == new_common {
            return false;
        }
        let ty = self.name();
        let names = |args: &[usize], new: bool| {
            let names: Vec<&str> = args
                .iter()
                .filter_map(|&i| if new { pairs[i].new } else { pairs[i].old })
                .map(|f| f.rust_name.as_str())
                .collect();
            names.join(", ")
        };
        // With the same arity, a position whose argument type is the same on both sides
        // takes the same expression as before, now meaning another field.
        let mut swapped = Vec::new();
        if old_args.len() == new_args.len() {
            for (&o, &n) in old_args.iter().zip(&new_args) {
                let (Some(old), Some(new)) = (pairs[o].old, pairs[n].new) else {
                    continue;
                };
                let old_renamed = Field {
                    ty: diff.renamed(&old.ty),
                    ..old.clone()
                };
                let api = diff.new.api();
                let same_type =
                    rust::argument_type(&old_renamed, api) == rust::argument_type(new, api);
                // Different types can still take the same literal: `"end"` sets a string
                // and, through `From<&str>`, a link; `2` sets an integer and a number.
                let same_literal = emit::argument_literals(&old_renamed, api)
                    .overlap(emit::argument_literals(new, api));
                if o != n && (same_type || same_literal) {
                    swapped.push(format!(
                        "what was passed as `{}` now sets `{}` (both `{}`)",
                        old.rust_name,
                        new.rust_name,
                        rust::argument_type(new, diff.new.api())
                    ));
                }
            }
        }
        let moved = old_common
            .iter()
            .zip(&new_common)
            .find(|(a, b)| a != b)
            .map_or(new_common[0], |(_, &b)| b);
        let wire = pairs[moved].new.map_or("", |f| f.wire_name.as_str());
        let at = diff.new.site(&self.owner.key(true, wire), None);
        let signature = format!(
            "the required {}s of `{ty}` are in another order, so `{ty}::new({})` becomes \
             `{ty}::new({})`",
            self.owner.what(),
            names(&old_args, false),
            names(&new_args, true)
        );
        let message = if swapped.is_empty() {
            format!("{signature}: existing calls stop compiling (the arguments' types differ)")
        } else {
            format!(
                "{signature}: existing calls still compile and silently mean something else: {}",
                list(&swapped)
            )
        };
        diff.push(
            Severity::Breaking,
            at,
            format!("{}::new", self.owner.path),
            message,
            Some(format!(
                "reorder the arguments of every call to `{ty}::new` to ({})",
                names(&new_args, true)
            )),
        );
        true
    }

    /// Fields in another order change only the order in which they are written: JSON keys
    /// (serde writes fields in declaration order) or query parameters.
    fn reordered(&self, diff: &mut Diff<'_>, pairs: &[Pair<'_>]) {
        let in_old_order: Vec<usize> = pairs
            .iter()
            .filter_map(|p| p.old.and(p.new_index))
            .collect();
        let mut in_new_order = in_old_order.clone();
        in_new_order.sort_unstable();
        let Some((_, &moved)) = in_old_order.iter().zip(&in_new_order).find(|(a, b)| a != b) else {
            return;
        };
        let new_fields: Vec<&Field> = {
            let mut fields: Vec<(usize, &Field)> = pairs
                .iter()
                .filter_map(|p| Some((p.new_index?, p.new?)))
                .collect();
            fields.sort_by_key(|(index, _)| *index);
            fields.into_iter().map(|(_, f)| f).collect()
        };
        let wire = &new_fields[moved].wire_name;
        let at = diff.new.site(&self.owner.key(true, wire), None);
        let written = match self.owner.kind {
            OwnerKind::Struct => "JSON objects are written with their keys in the new order",
            OwnerKind::Form => "the form's parts are sent in the new order",
            OwnerKind::Query => "query parameters are sent in the new order",
        };
        let order: Vec<String> = new_fields.iter().map(|f| code(&f.wire_name)).collect();
        diff.push(
            Severity::Wire,
            at,
            self.owner.path.clone(),
            format!(
                "the {}s of `{}` are in another order ({}): {written}; the Rust API is unchanged",
                self.owner.what(),
                self.name(),
                order.join(", ")
            ),
            None,
        );
    }
}
