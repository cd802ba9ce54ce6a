//! Where things are declared, so that checks on the resolved API can point at the spec.

use std::collections::HashMap;

use crate::diagnostic::{Location, SourceFile};
use crate::naming::variant_struct_name;
use crate::spec::SpecFile;

/// Declaration sites by name; when a name is declared twice the first one is kept
/// (resolve has already reported the second).
#[derive(Default)]
pub struct Declarations {
    /// Type name (spec types and union variant structs) → where it is declared.
    pub types: HashMap<String, Location>,
    /// (type name, field wire name) → where the field's type is written.
    pub fields: HashMap<(String, String), Location>,
    /// Dotted endpoint name → where it is declared.
    pub endpoints: HashMap<String, Location>,
    /// (dotted endpoint name, parameter wire name) → where the path parameter is declared.
    pub path_params: HashMap<(String, String), Location>,
}

impl Declarations {
    /// Collects the declaration sites of every file.
    pub fn new(files: &[(SourceFile, SpecFile)]) -> Self {
        let mut this = Self::default();
        for (file, spec) in files {
            for (name, decl) in &spec.types {
                this.types
                    .entry(name.value.clone())
                    .or_insert_with(|| at(file, &name.referenced));
                if let Some(fields) = &decl.fields {
                    this.add_fields(file, &name.value, &fields.value);
                }
                let Some(union) = &decl.union else { continue };
                for (tag, variant) in &union.value.variants {
                    let struct_name = variant_struct_name(&name.value, tag, &variant.value.name);
                    let site = variant.value.name.as_ref().unwrap_or(tag);
                    this.types
                        .entry(struct_name.clone())
                        .or_insert_with(|| at(file, &site.referenced));
                    this.add_fields(file, &struct_name, &variant.value.fields);
                }
            }
            for (name, decl) in &spec.endpoints {
                this.endpoints
                    .entry(name.value.clone())
                    .or_insert_with(|| at(file, &name.referenced));
                for wire in decl.path_params.keys() {
                    this.path_params
                        .entry((name.value.clone(), wire.value.clone()))
                        .or_insert_with(|| at(file, &wire.referenced));
                }
            }
        }
        this
    }

    fn add_fields(
        &mut self,
        file: &SourceFile,
        owner: &str,
        fields: &indexmap::IndexMap<
            crate::spec::Text,
            serde_saphyr::Spanned<crate::spec::FieldDecl>,
        >,
    ) {
        for (wire, decl) in fields {
            // The full form has the type's own location; the short form `name: type` has
            // only the field's.
            let site = if decl.value.ty.referenced.line() == 0 {
                &decl.referenced
            } else {
                &decl.value.ty.referenced
            };
            self.fields
                .entry((owner.to_owned(), wire.value.clone()))
                .or_insert_with(|| at(file, site));
        }
    }

    /// Where type `name` is declared; the start of the first file if unknown (a bug).
    pub fn type_site(&self, name: &str) -> Option<Location> {
        self.types.get(name).cloned()
    }
}

fn at(file: &SourceFile, location: &serde_saphyr::Location) -> Location {
    Location::from_saphyr(file, location)
}
