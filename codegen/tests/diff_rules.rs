//! The rules of the spec-change report, one test per rule: each case of `diff_cases` (a
//! small spec before and after one edit) must report exactly the changes it lists. The
//! same cases are compiled against both generated crates by `diff_proof.rs`.

#[allow(dead_code, reason = "the cases' programs are for diff_proof.rs")]
mod diff_cases;

use codegen::diff::{self, Bump, Report, Snapshot};
use diff_cases::{CASES, CRATE, Case, snapshot};

fn report(old: &[(&str, &str)], new: &[(&str, &str)]) -> Report {
    diff::compare(&snapshot(old), &snapshot(new), CRATE)
}

fn case(name: &str) -> &'static Case {
    CASES
        .iter()
        .find(|case| case.name == name)
        .unwrap_or_else(|| panic!("no case `{name}`"))
}

fn check(name: &str) {
    let case = case(name);
    let report = diff_cases::report(case);
    let listed: Vec<String> = report
        .changes
        .iter()
        .map(|c| format!("{:?} {} | {}", c.severity, c.item, c.message))
        .collect();
    let mut unmatched: Vec<&diff::Change> = report.changes.iter().collect();
    for (severity, item, fragment) in case.expect {
        let item = format!("{CRATE}::{item}");
        let found = unmatched.iter().position(|c| {
            c.severity == *severity && c.item == item && c.message.contains(fragment)
        });
        match found {
            Some(index) => {
                unmatched.remove(index);
            }
            None => panic!(
                "{name}: expected {severity:?} `{item}` with \"{fragment}\"; the report has:\n{}",
                listed.join("\n")
            ),
        }
    }
    assert!(
        unmatched.is_empty(),
        "{name}: unexpected changes:\n{}",
        unmatched
            .iter()
            .map(|c| format!("{:?} {} | {}", c.severity, c.item, c.message))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Additions and changes point into the new spec, removals into the old one.
    for change in &report.changes {
        let side = change.location.path.to_string_lossy();
        let removal = [
            "is removed:",
            "is gone",
            "no longer takes query parameters",
            "no longer takes a body",
            "no longer paginated",
            "no longer documents",
        ]
        .iter()
        .any(|phrase| change.message.contains(phrase));
        let expected = if removal { "old/" } else { "new/" };
        assert!(
            side.starts_with(expected),
            "{name}: {side} for {}",
            change.message
        );
    }
}

/// One test per rule, named after the case.
macro_rules! rules {
    ($($name:ident,)*) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*

        #[test]
        fn every_case_has_its_test() {
            let tested = [$(stringify!($name)),*];
            for case in CASES {
                assert!(tested.contains(&case.name), "no test for case `{}`", case.name);
            }
        }
    };
}

rules! {
    optional_field_added,
    form_field_added,
    required_field_added,
    required_field_ends_default,
    optional_field_removed,
    required_field_removed,
    field_renamed_in_rust,
    field_renamed_on_the_wire,
    field_type_changed,
    field_made_optional,
    field_made_required,
    field_made_nullable,
    optional_field_made_nullable,
    any_field_made_nullable,
    same_type_required_fields_swapped,
    different_type_required_fields_swapped,
    text_and_link_required_fields_swapped,
    type_moved_into_a_module,
    optional_fields_reordered,
    field_doc_changed,
    type_doc_changed,
    type_added,
    type_renamed,
    type_gone,
    type_kind_changed,
    one_of_variant_added,
    one_of_variant_removed,
    one_of_variants_reordered,
    enum_value_added,
    enum_value_removed,
    enum_value_changed_on_the_wire,
    enum_values_reordered_and_documented,
    union_variant_added,
    union_variant_removed,
    union_variant_changed_on_the_wire,
    union_variant_struct_renamed,
    union_tag_changed,
    union_variants_reordered_and_documented,
    endpoint_added,
    endpoint_removed,
    endpoint_renamed,
    endpoint_moved,
    method_changed,
    path_changed,
    envelope_changed,
    path_param_added,
    path_param_removed,
    path_params_reordered,
    path_param_renamed,
    path_param_doc_changed,
    optional_query_param_added,
    required_query_param_ends_default,
    first_query_param_added,
    query_param_removed,
    query_param_renamed_on_the_wire,
    query_params_reordered,
    body_added,
    body_removed,
    response_type_changed,
    pages_added,
    pages_removed,
    errors_and_doc_changed,
    last_required_field_removed,
    only_required_field_made_optional,
    renamed_type_used_in_fields,
    union_removed,
    body_type_changed,
    endpoint_renamed_and_moved,
    query_param_made_required,
    page_param_renamed_on_the_wire,
    page_item_type_changed,
    errors_reordered,
}

/// One API written two ways: in one file, and split over two files in another order with
/// every map in another order.
const ONE_FILE: &str = "
types:
  Widget:
    doc: A widget.
    fields:
      id: string
      color: { type: Color, optional: true }
  Color: { enum: { red: , blue: } }
  Shape: { union: { tag: kind, variants: { circle: { fields: { r: integer } }, square: { fields: { side: integer } } } } }
endpoints:
  shop.get: { method: GET, path: '/w/{id}', path_params: { id: string }, response: { type: Widget, envelope: result } }
  shop.draw: { method: POST, path: /d, body: Shape, errors: { 400: Bad., 404: Gone. }, response: { type: Widget, envelope: result } }
  other.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: Widget, envelope: result } }
";
const SPLIT_ENDPOINTS: &str = "
endpoints:
  other.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: Widget, envelope: result } }
  shop.draw: { method: POST, errors: { 400: Bad., 404: Gone. }, response: { envelope: result, type: Widget }, body: Shape, path: /d }
  shop.get: { response: { type: Widget, envelope: result }, method: GET, path: '/w/{id}', path_params: { id: string } }
";
const SPLIT_TYPES: &str = "
types:
  Shape: { union: { variants: { circle: { fields: { r: integer } }, square: { fields: { side: integer } } }, tag: kind } }
  Color: { enum: { red: , blue: } }
  Widget:
    fields:
      id: { type: string }
      color: { optional: true, type: Color }
    doc: A widget.
";

#[test]
fn identical_apis_report_none_when_files_are_split_merged_or_reordered() {
    let one = [("a/api.yaml", ONE_FILE)];
    let split = [
        ("b/0_endpoints.yaml", SPLIT_ENDPOINTS),
        ("b/1_types.yaml", SPLIT_TYPES),
    ];
    for (old, new) in [
        (&one[..], &split[..]),
        (&split[..], &one[..]),
        (&one[..], &one[..]),
    ] {
        let report = report(old, new);
        assert_eq!(report.changes, [], "{old:?} → {new:?}");
        assert_eq!(report.bump(), Bump::None);
    }
}

#[test]
fn the_real_spec_against_itself_reports_none() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let sources = || codegen::read_spec_dir(&dir).unwrap();
    let old = Snapshot::from_sources(sources()).unwrap();
    let new = Snapshot::from_sources(sources()).unwrap();
    assert_eq!(diff::compare(&old, &new, CRATE), Report::default());
}

#[test]
fn the_bump_is_the_largest_any_change_needs() {
    let bump = |name: &str| diff_cases::report(case(name)).bump();
    assert_eq!(bump("required_field_added"), Bump::Major);
    assert_eq!(bump("path_params_reordered"), Bump::Major);
    assert_eq!(bump("optional_field_added"), Bump::Minor);
    assert_eq!(bump("method_changed"), Bump::Minor);
    assert_eq!(bump("field_doc_changed"), Bump::Patch);
}

#[test]
fn each_change_points_at_the_spec_text_it_is_about() {
    let at = |name: &str| {
        let report = diff_cases::report(case(name));
        let change = &report.changes[0];
        let location = &change.location;
        (
            location.path.display().to_string(),
            location.line,
            location.source_text().to_owned(),
        )
    };
    let (file, _, text) = at("field_type_changed");
    assert_eq!(file, "new/case.yaml");
    assert!(text.starts_with("string } }"), "the new type: {text}");
    let (_, _, text) = at("field_made_optional");
    assert!(text.starts_with("optional: true"), "the flag: {text}");
    let (file, line, text) = at("optional_field_removed");
    assert_eq!(
        (file.as_str(), line),
        ("old/case.yaml", 3),
        "removals point into OLD"
    );
    assert!(
        text.starts_with("b: { type: string"),
        "the removed field: {text}"
    );
    let (_, _, text) = at("envelope_changed");
    assert!(text.starts_with("data }"), "the envelope: {text}");
    let (_, _, text) = at("field_renamed_in_rust");
    assert!(text.starts_with("alpha }"), "the `rust:` name: {text}");
    let (_, _, text) = at("union_tag_changed");
    assert!(text.starts_with("shape,"), "the tag: {text}");
}

#[test]
fn a_form_field_added_says_nothing_of_unknown_fields_as_a_form_is_never_read() {
    let report = diff_cases::report(case("form_field_added"));
    for change in &report.changes {
        assert!(
            !change.message.contains("unknown_fields"),
            "{}",
            change.message
        );
    }
}
