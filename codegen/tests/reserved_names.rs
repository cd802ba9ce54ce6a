//! Every name the generated crate already has, used by a spec where it would clash: each
//! one is refused with a location that points at it, while an unreserved name in the same
//! place is accepted (so the refusal is about the name). The reserved lists are checked
//! against the emitted code by the emitter's own tests (`emit::root::tests`).

use codegen::diagnostic::SourceFile;
use codegen::naming::{FIXED_FEATURES, ROOT_MODULES};
use codegen::validate::{
    CLIENT_METHODS, RESERVED_NAMESPACES, RESERVED_PARAMETERS, RESERVED_TYPE_NAMES,
};

const THING: &str = "types:\n  Thing:\n    doc: A thing.\n    fields:\n      id: string\n";

/// `Ok` when `spec` generates; else every error's message and located text.
fn render(spec: &str) -> Result<(), Vec<(String, String)>> {
    let source = SourceFile {
        path: "reserved.yaml".into(),
        text: spec.to_owned(),
    };
    match codegen::render(vec![source], &codegen::Options::sdk_crate("sdk")) {
        Ok(_) => Ok(()),
        Err(codegen::Error::Spec(diagnostics)) => Err(diagnostics
            .0
            .iter()
            .filter(|d| d.severity == codegen::diagnostic::Severity::Error)
            .map(|d| {
                let at = d
                    .location
                    .as_ref()
                    .map_or(String::new(), |at| at.source_text().to_owned());
                (d.message.clone(), at)
            })
            .collect()),
        Err(other) => panic!("{spec}\n{other}"),
    }
}

fn endpoint(name: &str, params: &str) -> String {
    format!(
        "{THING}endpoints:\n  {name}:\n    method: GET\n    path: /things{}\n{params}    \
         response: {{ type: Thing, envelope: result }}\n",
        if params.is_empty() { "" } else { "/{p}" }
    )
}

/// `spec_for(name)` is refused with an error at `name` for each reserved name, and
/// accepted for `control`.
fn each_is_refused(reserved: &[&str], control: &str, spec_for: impl Fn(&str) -> String) {
    render(&spec_for(control)).unwrap_or_else(|errors| panic!("{control}: {errors:?}"));
    let mut accepted = Vec::new();
    for name in reserved {
        match render(&spec_for(name)) {
            Ok(()) => accepted.push(*name),
            Err(errors) => assert!(
                errors.iter().any(|(_, at)| at.contains(name)),
                "`{name}`: no error points at it: {errors:?}"
            ),
        }
    }
    assert!(accepted.is_empty(), "accepted: {accepted:?}");
}

#[test]
fn a_root_endpoint_named_like_a_method_of_the_client_is_refused() {
    each_is_refused(CLIENT_METHODS, "fetch_all", |name| endpoint(name, ""));
}

#[test]
fn a_top_level_namespace_named_like_a_root_module_or_a_fixed_feature_is_refused() {
    let names: Vec<&str> = ROOT_MODULES.iter().chain(FIXED_FEATURES).copied().collect();
    each_is_refused(&names, "things", |name| {
        endpoint(&format!("{name}.get"), "")
    });
}

#[test]
fn a_namespace_named_like_a_crate_the_code_uses_is_refused_at_any_depth() {
    each_is_refused(RESERVED_NAMESPACES, "things", |name| {
        endpoint(&format!("{name}.get"), "")
    });
    each_is_refused(RESERVED_NAMESPACES, "things", |name| {
        endpoint(&format!("a.{name}.get"), "")
    });
}

#[test]
fn a_type_named_like_an_item_the_code_uses_or_the_crate_exports_is_refused() {
    each_is_refused(RESERVED_TYPE_NAMES, "Gadget", |name| {
        endpoint("things.get", "").replace("Thing", name)
    });
}

#[test]
fn a_parameter_named_like_an_argument_or_local_of_the_method_is_refused() {
    each_is_refused(RESERVED_PARAMETERS, "thing_id", |name| {
        endpoint(
            "things.get",
            &format!("    path_params:\n      {name}: string\n"),
        )
        .replace("{p}", &format!("{{{name}}}"))
    });
}

#[test]
fn every_type_the_crate_re_exports_from_the_runtime_is_a_reserved_type_name() {
    let types = codegen::emit::RUNTIME_REEXPORTS
        .iter()
        .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
        .filter(|name| name.chars().any(|c| c.is_ascii_lowercase()));
    let missing: Vec<&&str> = types
        .filter(|name| !RESERVED_TYPE_NAMES.contains(name))
        .collect();
    assert!(missing.is_empty(), "not reserved: {missing:?}");
}

#[test]
fn a_type_placed_in_a_module_named_like_a_root_module_a_feature_or_a_crate_is_refused() {
    let names: Vec<&str> = ROOT_MODULES
        .iter()
        .chain(FIXED_FEATURES)
        .chain(RESERVED_NAMESPACES)
        .copied()
        .collect();
    each_is_refused(&names, "things", |name| {
        let placed = format!(
            "  Placed:\n    doc: A placed thing.\n    module: {name}\n    rust: Thing\n    \
             fields:\n      id: string\n"
        );
        endpoint(&format!("{name}.get"), "")
            .replace("types:\n", &format!("types:\n{placed}"))
            .replace("type: Thing,", "type: Placed,")
            .replace(
                "  Thing:\n    doc: A thing.\n    fields:\n      id: string\n",
                "",
            )
    });
}
