//! Named shapes and endpoints into the spec file's types and endpoints, the config's
//! docs, Rust names and field order winning over the document's.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use serde_saphyr::Spanned;

use super::apply::TypeSettings;
use super::config::{NameDoc, lookup};
use super::names::{VariantStructs, enum_value_names, field_rust_names};
use super::operations::{Endpoint, Param};
use super::output::{
    AlternativeOut, BodyOut, EndpointOut, EnumValueOut, FieldOut, TypeBody, TypeOut, VariantOut,
};
use super::plan::SpecPlan;
use super::schema::clean_doc;
use super::shapes::{Kind, Prop, ShapeId, Shapes, Ty};
use crate::spec::Text;
use crate::validate::RESERVED_PARAMETERS;

/// Config settings of fields or parameters by wire name, the most specific first.
#[derive(Default)]
struct FieldSettings<'c>(Vec<&'c IndexMap<Text, Spanned<NameDoc>>>);

impl FieldSettings<'_> {
    fn get(&self, wire: &str) -> Option<&NameDoc> {
        self.0
            .iter()
            .find_map(|s| lookup(s, wire))
            .map(|s| &s.value)
    }

    fn doc(&self, wire: &str) -> Option<String> {
        self.get(wire).and_then(|s| text_doc(&s.doc))
    }

    /// Rust names to write for `wires`: the config's, else one made up where the derived
    /// one would not do (or would be one of `reserved`); `None` where the derived one is
    /// fine.
    fn rust_names(&self, wires: &[&str], reserved: &[&str]) -> Vec<Option<String>> {
        let chosen: Vec<Option<String>> = wires
            .iter()
            .map(|wire| {
                self.get(wire)
                    .and_then(|s| s.rust.as_ref())
                    .map(|r| r.value.clone())
            })
            .collect();
        let mut reserved: Vec<&str> = reserved.to_vec();
        reserved.extend(chosen.iter().flatten().map(String::as_str));
        let rest: Vec<&str> = wires
            .iter()
            .zip(&chosen)
            .filter(|(_, c)| c.is_none())
            .map(|(w, _)| *w)
            .collect();
        let mut made = field_rust_names(&rest, &reserved).into_iter();
        chosen
            .into_iter()
            .map(|c| c.or_else(|| made.next().flatten()))
            .collect()
    }
}

/// Everything assembling needs.
pub struct Context<'a, 'c> {
    pub shapes: &'a Shapes,
    pub names: &'a HashMap<ShapeId, String>,
    pub variant_structs: &'a VariantStructs,
    pub settings: &'a TypeSettings<'c>,
    /// Types that live in a product's module.
    pub modules: &'a HashMap<ShapeId, super::modules::Placement>,
    /// Types with a neutral name, whose doc from the document is one product's.
    pub neutral: &'a HashSet<ShapeId>,
}

impl Context<'_, '_> {
    /// The spec's type expression for `ty`.
    fn ty(&self, ty: &Ty) -> String {
        match self.shapes.current_ty(ty) {
            Ty::String => "string".to_owned(),
            Ty::Integer => "integer".to_owned(),
            Ty::Number => "number".to_owned(),
            Ty::Boolean => "boolean".to_owned(),
            Ty::DateTime => "date-time".to_owned(),
            Ty::Binary => "binary".to_owned(),
            Ty::Any => "any".to_owned(),
            Ty::List(items) => format!("list<{}>", self.ty(&items)),
            Ty::Map(values) => format!("map<{}>", self.ty(&values)),
            Ty::Nullable(inner) => format!("nullable<{}>", self.ty(&inner)),
            Ty::Named(id) => self
                .names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| "any".to_owned()),
        }
    }

    /// The spec type for shape `id`.
    pub fn type_out(&self, id: ShapeId) -> TypeOut {
        let shape = &self.shapes.shapes[id];
        let config = self.settings.for_shape(self.shapes, id);
        let doc = config.and_then(|c| text_doc(&c.doc)).or_else(|| {
            (!self.neutral.contains(&id))
                .then(|| shape.docs.doc.clone())
                .flatten()
        });
        let body = match self.shapes.current_kind(id) {
            Kind::Object(props) => {
                let order = config.map_or(&[][..], |c| c.order.as_slice());
                let settings = FieldSettings(config.map(|c| vec![&c.fields]).unwrap_or_default());
                TypeBody::Fields(self.fields(&props, &shape.docs.fields, &settings, order))
            }
            Kind::Enum(values) => {
                // The translator keeps an enum only when every value has a Rust name.
                let rust = enum_value_names(&values).unwrap_or_default();
                TypeBody::Enum(
                    values
                        .into_iter()
                        .enumerate()
                        .map(|(i, wire)| {
                            let doc = config
                                .and_then(|c| lookup(&c.values, &wire))
                                .and_then(text_doc);
                            EnumValueOut {
                                doc,
                                rust: rust.get(i).cloned().flatten(),
                                wire,
                            }
                        })
                        .collect(),
                )
            }
            Kind::OneOf(alternatives) => TypeBody::OneOf(
                alternatives
                    .into_iter()
                    .map(|alternative| AlternativeOut {
                        ty: self.ty(&alternative.ty),
                        doc: shape
                            .docs
                            .variants
                            .get(&alternative.name)
                            .and_then(|d| d.doc.clone()),
                        name: alternative.name,
                    })
                    .collect(),
            ),
            Kind::Union { tag, variants } => TypeBody::Union {
                tag,
                variants: variants
                    .into_iter()
                    .map(|variant| {
                        let variant_config =
                            config.and_then(|c| lookup(&c.variants, &variant.tag_value));
                        let docs = shape.docs.variants.get(&variant.tag_value);
                        let mut settings = FieldSettings::default();
                        settings.0.extend(variant_config.map(|v| &v.fields));
                        settings.0.extend(config.map(|c| &c.fields));
                        let empty = IndexMap::new();
                        let fields = self.fields(
                            &variant.props,
                            docs.map_or(&empty, |d| &d.fields),
                            &settings,
                            &[],
                        );
                        VariantOut {
                            doc: variant_config
                                .and_then(|v| text_doc(&v.doc))
                                .or_else(|| docs.and_then(|d| d.doc.clone())),
                            name: self
                                .variant_structs
                                .get(&(id, variant.tag_value.clone()))
                                .cloned(),
                            tag_value: variant.tag_value,
                            fields,
                        }
                    })
                    .collect(),
            },
        };
        TypeOut {
            name: self.names.get(&id).cloned().unwrap_or_default(),
            module: self
                .modules
                .get(&id)
                .map(|p| (p.module.clone(), p.rust.clone())),
            doc,
            body,
        }
    }

    /// Fields in `order` first, then the others in the shape's order.
    fn fields(
        &self,
        props: &[Prop],
        docs: &IndexMap<String, String>,
        settings: &FieldSettings<'_>,
        order: &[Text],
    ) -> Vec<FieldOut> {
        let mut props: Vec<&Prop> = props.iter().collect();
        let rank = |prop: &&Prop| {
            order
                .iter()
                .position(|o| o.value == prop.wire)
                .unwrap_or(usize::MAX)
        };
        props.sort_by_key(rank);
        let wires: Vec<&str> = props.iter().map(|p| p.wire.as_str()).collect();
        let rust = settings.rust_names(&wires, &[]);
        props
            .iter()
            .zip(rust)
            .map(|(prop, rust)| {
                let ty = self.ty(&prop.ty);
                FieldOut {
                    wire: prop.wire.clone(),
                    doc: settings
                        .doc(&prop.wire)
                        .or_else(|| docs.get(&prop.wire).cloned()),
                    optional: !prop.required,
                    // `any` holds `null` already.
                    nullable: prop.nullable && ty != "any",
                    rust,
                    ty,
                }
            })
            .collect()
    }

    /// The spec endpoint for `endpoint` of `plan`.
    pub fn endpoint_out(&self, plan: &SpecPlan<'_>, endpoint: &Endpoint) -> EndpointOut {
        let spec = plan.config;
        let endpoint_config = spec.and_then(|s| lookup(&s.endpoints, &endpoint.handle));
        let mut settings = FieldSettings::default();
        settings.0.extend(endpoint_config.map(|e| &e.params));
        settings.0.extend(spec.map(|s| &s.params));
        let params = |params: &[Param], reserved: &[&str]| -> Vec<FieldOut> {
            let wires: Vec<&str> = params.iter().map(|p| p.wire.as_str()).collect();
            let rust = settings.rust_names(&wires, reserved);
            params
                .iter()
                .zip(rust)
                .map(|(param, rust)| FieldOut {
                    wire: param.wire.clone(),
                    ty: self.ty(&param.ty),
                    doc: settings.doc(&param.wire).or_else(|| param.doc.clone()),
                    optional: !param.required,
                    nullable: false,
                    rust,
                })
                .collect()
        };
        let errors = endpoint
            .errors
            .iter()
            .map(|(status, doc)| {
                let configured = endpoint_config
                    .and_then(|e| e.errors.iter().find(|(s, _)| s.value == *status))
                    .or_else(|| {
                        spec.and_then(|s| s.errors.iter().find(|(s, _)| s.value == *status))
                    })
                    .and_then(|(_, text)| clean_doc(&text.value));
                (*status, configured.unwrap_or_else(|| doc.clone()))
            })
            .collect();
        EndpointOut {
            name: endpoint.dotted(),
            doc: endpoint_config
                .and_then(|e| text_doc(&e.doc))
                .or_else(|| endpoint.doc.clone()),
            method: endpoint.method.as_str(),
            path: endpoint.path.clone(),
            path_params: params(&endpoint.path_params, RESERVED_PARAMETERS),
            query: params(&endpoint.query, &[]),
            pages: endpoint.pages.clone(),
            headers: params(&endpoint.headers, &[]),
            body: endpoint.body.as_ref().map(|body| BodyOut {
                ty: self.ty(&body.ty),
                content: body.content,
                media_type: body.media_type.clone(),
            }),
            response: self.ty(&endpoint.response),
            envelope: endpoint.envelope.clone(),
            response_content: endpoint.response_content,
            errors,
        }
    }
}

fn text_doc(text: &Option<Text>) -> Option<String> {
    text.as_ref().and_then(|t| clean_doc(&t.value))
}
