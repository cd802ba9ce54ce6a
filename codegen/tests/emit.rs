//! Snapshot tests of the code emitted for small specs, plus properties of the output.

use codegen::diagnostic::SourceFile;
use codegen::{Error, Options, Rendered, render};

fn render_spec(yaml: &str) -> Rendered {
    let source = SourceFile {
        path: "spec/test.yaml".into(),
        text: yaml.to_owned(),
    };
    match render(vec![source], &Options::sdk_crate("sdk")) {
        Ok(rendered) => rendered,
        Err(err) => panic!("the spec should be valid:\n{err}"),
    }
}

fn spec_errors(yaml: &str) -> String {
    let source = SourceFile {
        path: "spec/test.yaml".into(),
        text: yaml.to_owned(),
    };
    match render(vec![source], &Options::sdk_crate("sdk")) {
        Err(Error::Spec(diagnostics)) => diagnostics.to_string(),
        Err(other) => panic!("expected spec errors, got {other}"),
        Ok(_) => panic!("expected spec errors, the spec was accepted"),
    }
}

#[test]
fn struct_fields_keep_wire_names_and_get_idiomatic_keyword_safe_rust_names() {
    let rendered = render_spec(
        r#"
types:
  Target:
    doc: Where to go next.
    fields:
      elementId: { type: string, doc: The target. }
      type: { type: string, doc: A field named like a keyword. }
      "true": { type: boolean, rust: if_true }
      weight: number
      count: integer
      tags: list<string>
      labels: map<string>
      when: date-time
"#,
    );
    insta::assert_snapshot!(rendered.file("types.rs").unwrap());
}

#[test]
fn optional_and_nullable_fields_tell_absent_null_and_value_apart() {
    let rendered = render_spec(
        r#"
types:
  Settings:
    doc: Every combination of optional and nullable.
    fields:
      required: string
      optional: { type: string, optional: true }
      nullable: { type: string, nullable: true }
      optional_nullable: { type: string, optional: true, nullable: true }
      anything: { type: any, optional: true, doc: "Absent, null or any JSON." }
"#,
    );
    insta::assert_snapshot!(rendered.file("types.rs").unwrap());
}

#[test]
fn string_enums_and_unions_keep_values_they_do_not_know() {
    let rendered = render_spec(
        r#"
types:
  Unit:
    doc: What is counted.
    enum:
      count: Requests.
      cost:
  Shape:
    doc: A shape, tagged by `kind`.
    union:
      tag: kind
      variants:
        circle:
          doc: A round shape.
          fields:
            radius: number
        square:
          name: Square
          fields:
            side: { type: number, doc: Length of a side. }
            unit: { type: Unit, optional: true }
"#,
    );
    insta::assert_snapshot!(rendered.file("types.rs").unwrap());
}

/// The `api` module (the `Client`) followed by the `things` module it leads to.
fn operations(rendered: &Rendered) -> String {
    format!(
        "{}\n// ---- things.rs ----\n\n{}",
        rendered.file("api.rs").unwrap(),
        rendered.file("things.rs").unwrap()
    )
}

#[test]
fn endpoints_become_methods_grouped_by_namespace() {
    let rendered = render_spec(
        r#"
types:
  Thing:
    fields:
      id: string
endpoints:
  things.create:
    doc: Create a thing.
    method: POST
    path: /accounts/{account_id}/things
    path_params:
      account_id: { type: string, doc: The account. }
    body: Thing
    response: { type: Thing, envelope: result }
  things.parts.get:
    method: GET
    path: /things/{id}/parts/{part_id}
    path_params:
      id: string
      part_id: string
    response: { type: "list<Thing>", envelope: result }
"#,
    );
    insta::assert_snapshot!(operations(&rendered));
}

#[test]
fn output_is_byte_identical_for_identical_input() {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/dynamic_routing.yaml"
    ))
    .unwrap();
    let first = render_spec(&spec);
    let second = render_spec(&spec);
    assert_eq!(first.files, second.files);
}

#[test]
fn editing_a_field_doc_changes_exactly_that_doc_line() {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/dynamic_routing.yaml"
    ))
    .unwrap();
    let old_doc = "Identifier of the target element.";
    let new_doc = "Identifier of the element that receives the request.";
    assert_eq!(
        spec.matches(old_doc).count(),
        1,
        "the test edits one doc line"
    );
    let before = render_spec(&spec);
    let after = render_spec(&spec.replace(old_doc, new_doc));
    let mut changed = Vec::new();
    for (old, new) in before.files.iter().zip(&after.files) {
        assert_eq!(old.contents.lines().count(), new.contents.lines().count());
        for (old_line, new_line) in old.contents.lines().zip(new.contents.lines()) {
            if old_line != new_line {
                changed.push((old_line.to_owned(), new_line.to_owned()));
            }
        }
    }
    assert_eq!(
        changed,
        [(format!("    /// {old_doc}"), format!("    /// {new_doc}"))]
    );
}

#[test]
fn an_unknown_type_is_reported_where_it_is_used_with_a_suggestion() {
    insta::assert_snapshot!(spec_errors(
        r#"
types:
  Element:
    fields:
      id: string
  Route:
    fields:
      elements: list<Elemnt>
"#
    ));
}

#[test]
fn all_errors_of_a_run_are_reported_together_in_source_order() {
    insta::assert_snapshot!(spec_errors(
        r#"
types:
  Thing:
    fields:
      id: strng
      "0.5": string
endpoints:
  things.get:
    method: FETCH
    path: /things/{id}
    response: { type: Thing, envelope: result }
"#
    ));
}

#[test]
fn paginated_endpoints_get_a_query_struct_declared_errors_and_a_stream() {
    let rendered = render_spec(
        r#"
types:
  Thing:
    fields:
      id: string
  ThingPage:
    fields:
      things: list<Thing>
      page: number
endpoints:
  things.list:
    doc: List things.
    method: GET
    path: /things
    query:
      page: { type: integer, optional: true, doc: Page number. }
      tag: { type: string, doc: Only things with this tag. }
    pages: { items: things, page: page }
    response: { type: ThingPage, envelope: data }
    errors:
      400: Bad request.
      404: No such thing.
"#,
    );
    let operations = operations(&rendered);
    // Inline, so a crate that never walks pages does not compile the page's decoding.
    assert!(
        operations.contains("#[inline]\n    pub fn list_stream("),
        "{operations}"
    );
    assert_eq!(operations.matches("#[inline]").count(), 1, "{operations}");
    insta::assert_snapshot!(operations);
}

/// `valid_specs/docs_and_examples.yaml`: every code block of its docs is shown as text
/// (rustdoc would compile an unlabelled, `rust` or indented one), one left open is closed
/// where its doc ends, and the example builds each required nullable field of the body
/// with exactly its type (`generated_compiles` runs the doctests).
#[test]
fn code_blocks_of_spec_docs_are_text_and_examples_fill_nullable_arguments_exactly() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/valid_specs/docs_and_examples.yaml"
    );
    let rendered = render_spec(&std::fs::read_to_string(path).unwrap());
    insta::assert_snapshot!(
        "docs_and_examples_types",
        rendered.file("types.rs").unwrap()
    );
    insta::assert_snapshot!(
        "docs_and_examples_endpoints",
        rendered.file("payloads.rs").unwrap()
    );
}

#[test]
fn untagged_unions_try_each_shape_in_order_and_keep_what_fits_none() {
    let rendered = render_spec(
        r#"
types:
  Ttl:
    doc: How long a record is cached.
    one_of:
      seconds: { type: integer, doc: A number of seconds. }
      rule: TtlRule
      automatic: { type: string, rust: Auto }
  TtlRule:
    fields:
      rule: string
endpoints:
  ttl.get:
    method: GET
    path: /ttl
    response: { type: Ttl, envelope: result }
"#,
    );
    insta::assert_snapshot!(rendered.file("types.rs").unwrap());
}

/// Enum values that give no Rust name (`""`, `1`, an emoji) are named by `rust:`; the
/// wire value is what is sent and read.
#[test]
fn enum_values_named_by_rust_keep_their_wire_values() {
    let rendered = render_spec(
        r#"
types:
  Grade:
    doc: A grade.
    enum:
      "": { rust: Ungraded, doc: Not graded yet. }
      "1": { rust: First }
      "🔥": { rust: Hot }
      pass: Passed.
endpoints:
  grades.get:
    method: GET
    path: /grades
    response: { type: Grade, envelope: result }
"#,
    );
    insta::assert_snapshot!(rendered.file("types.rs").unwrap());
}
