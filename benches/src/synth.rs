//! Synthetic specs of any size in the format of `spec/README.md`, for measuring how the
//! generator and the generated code scale with the number of endpoints.
//!
//! Each endpoint brings three named types, one of each kind that costs the most to
//! generate: a struct with a map, a list, optional, nullable and date-time fields; a string
//! enum; and a tagged union of two variants (each variant becomes its own struct).

use std::fmt::Write as _;

use codegen::diagnostic::SourceFile;

/// Endpoints per namespace, so that large specs also exercise nested namespaces.
const PER_NAMESPACE: usize = 25;

/// Named types each endpoint declares (struct, enum, union).
pub const TYPES_PER_ENDPOINT: usize = 3;

/// A spec of `endpoints` endpoints and `3 × endpoints` named types, as one YAML file.
pub fn spec(endpoints: usize) -> String {
    let mut types = String::from("types:\n");
    let mut paths = String::from("endpoints:\n");
    for n in 0..endpoints {
        let _ = write!(
            types,
            r#"  Item{n}:
    doc: An item of resource {n}.
    fields:
      id: {{ type: string, doc: Identifier of the item. }}
      name: {{ type: string, doc: Name of the item. }}
      count: {{ type: integer, doc: How many there are. }}
      ratio: {{ type: number, optional: true, doc: A share between 0 and 1. }}
      labels: {{ type: "map<string>", doc: Labels by name. }}
      tags: {{ type: "list<string>", optional: true, nullable: true, doc: Free-form tags. }}
      status: {{ type: Status{n}, doc: Where the item stands. }}
      shape: {{ type: Shape{n}, doc: The item's shape. }}
      created_at: {{ type: date-time, doc: When the item was created. }}
  Status{n}:
    doc: Where an item of resource {n} stands.
    enum:
      active: In use.
      paused: Kept but not in use.
      deleted: Gone.
  Shape{n}:
    doc: The shape of an item of resource {n}.
    union:
      tag: kind
      variants:
        circle:
          doc: A circle.
          fields:
            radius: {{ type: number, doc: The radius. }}
        polygon:
          doc: A polygon.
          fields:
            sides: {{ type: integer, doc: How many sides. }}
            points: {{ type: "map<number>", optional: true, doc: Named points. }}
"#
        );
        let (method, path, body, params) = if n % 2 == 0 {
            (
                "POST",
                format!("/accounts/{{account_id}}/resources{n}/items"),
                format!("\n    body: Item{n}"),
                "      account_id: { type: string, doc: Identifier of the account. }\n",
            )
        } else {
            (
                "GET",
                format!("/accounts/{{account_id}}/resources{n}/items/{{item_id}}"),
                String::new(),
                "      account_id: { type: string, doc: Identifier of the account. }\n      item_id: { type: string, doc: Identifier of the item. }\n",
            )
        };
        let verb = if n % 2 == 0 { "create" } else { "get" };
        let _ = write!(
            paths,
            r#"  group{group}.resource{n}.{verb}:
    doc: Operation {n} of the synthetic API.
    method: {method}
    path: {path}
    path_params:
{params}{body}
    response: {{ type: Item{n}, envelope: result }}
"#,
            group = n / PER_NAMESPACE,
        );
    }
    types + &paths
}

/// The synthetic spec as the in-memory source that `codegen::render` takes.
pub fn sources(endpoints: usize) -> Vec<SourceFile> {
    vec![SourceFile {
        path: format!("spec/synthetic_{endpoints}.yaml").into(),
        text: spec(endpoints),
    }]
}

/// The real spec, read once: all of `spec/` (the whole Cloudflare API) under `cargo bench`;
/// under `cargo test`, which only proves the benchmarks still run, AI Gateway's two files.
/// The whole API in a debug build took 20 s of every test run, and the tests that need it
/// (`generated_code_is_fresh`) generate it anyway.
pub fn real_sources() -> Vec<SourceFile> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    if crate::full_run() {
        return codegen::read_spec_dir(&dir).expect("spec/ is readable");
    }
    let paths = ["ai_gateway.yaml", "dynamic_routing.yaml"].map(|file| dir.join(file));
    codegen::read_spec_paths(&paths).expect("spec/ is readable")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_specs_render_without_warnings() {
        for endpoints in [1, 3] {
            let rendered = codegen::render(
                sources(endpoints),
                &codegen::Options::sdk_crate("cloudflare_sdk"),
            )
            .unwrap_or_else(|err| panic!("{err}"));
            assert!(rendered.warnings.0.is_empty(), "{}", rendered.warnings);
            let types = rendered.file("types.rs").unwrap();
            assert!(types.contains("pub enum Shape0"), "{types}");
        }
    }

    #[test]
    fn real_spec_renders() {
        assert!(
            codegen::render(
                real_sources(),
                &codegen::Options::sdk_crate("cloudflare_sdk")
            )
            .is_ok()
        );
    }
}
