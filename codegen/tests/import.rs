//! `codegen import` with the default rules on small OpenAPI documents, one construct per
//! fixture in `tests/import/`: a snapshot of the spec file it writes and of its report.
//! Every imported spec must also pass the whole generator (`codegen check`).

use std::path::{Path, PathBuf};

use codegen::diagnostic::SourceFile;
use codegen::import::{ImportError, Imported, import_sources};

fn fixture(name: &str) -> SourceFile {
    let path = Path::new("tests/import").join(name);
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path))
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    SourceFile { path, text }
}

fn import(name: &str) -> Imported {
    match import_sources(vec![fixture(name)], Path::new("out")) {
        Ok(imported) => imported,
        Err(err) => panic!("{name} should import:\n{err}"),
    }
}

/// The report, then each spec file; the spec files must pass the whole generator.
fn imported_text(imported: &Imported) -> String {
    let sources: Vec<SourceFile> = imported
        .files
        .iter()
        .map(|file| SourceFile {
            path: PathBuf::from("out").join(&file.path),
            text: file.contents.clone(),
        })
        .collect();
    if let Err(err) = codegen::render(sources, &codegen::Options::sdk_crate("sdk")) {
        panic!("the imported spec does not pass `codegen check`:\n{err}");
    }
    let mut text = format!("--- report ---\n{}", imported.report);
    for file in &imported.files {
        text.push_str(&format!(
            "--- {} ---\n{}",
            file.path.display(),
            file.contents
        ));
    }
    text
}

fn snapshot(name: &str) {
    let text = imported_text(&import(&format!("{name}.yaml")));
    insta::assert_snapshot!(name, text);
}

#[test]
fn identical_schemas_become_one_named_type() {
    snapshot("identical_shapes");
}

#[test]
fn one_of_members_that_pin_a_property_become_a_tagged_union_with_variant_structs_named_from_the_tag()
 {
    snapshot("tagged_unions");
}

#[test]
fn type_names_come_from_context_and_never_collide() {
    snapshot("names_from_context");
}

#[test]
fn endpoint_names_come_from_cloudflare_sdk_names_else_from_the_path_and_never_collide() {
    snapshot("endpoint_names");
}

#[test]
fn the_envelope_is_unwrapped_page_queries_become_pages_and_error_statuses_errors() {
    snapshot("envelopes_pages_errors");
}

#[test]
fn refs_all_of_nullable_and_additional_properties_are_resolved() {
    snapshot("refs_all_of_nullable");
}

#[test]
fn what_the_spec_cannot_express_is_reported_at_its_place_and_typed_any_or_skipped() {
    snapshot("not_expressible");
}

#[test]
fn a_json_document_imports_like_the_same_document_in_yaml() {
    let without_header = |imported: Imported| {
        let file = &imported.files[0];
        let body: String = file
            .contents
            .lines()
            .skip_while(|line| line.starts_with('#'))
            .map(|line| format!("{line}\n"))
            .collect();
        (file.path.clone(), body)
    };
    let from_yaml = without_header(import("tagged_unions.yaml"));
    let from_json = without_header(import("tagged_unions.json"));
    assert_eq!(from_yaml, from_json);
}

#[test]
fn importing_the_same_documents_twice_gives_byte_identical_files() {
    let documents = || {
        vec![
            fixture("names_from_context.yaml"),
            fixture("tagged_unions.yaml"),
            fixture("refs_all_of_nullable.yaml"),
        ]
    };
    let first = import_sources(documents(), Path::new("out")).unwrap();
    let second = import_sources(documents(), Path::new("out")).unwrap();
    assert_eq!(first.files, second.files);
    assert_eq!(first.files.len(), 3, "one spec file per document");
}

#[test]
fn documents_imported_together_share_names_without_colliding() {
    let imported = import_sources(
        vec![
            fixture("names_from_context.yaml"),
            fixture("identical_shapes.yaml"),
        ],
        Path::new("out"),
    )
    .unwrap();
    // Both files pass the generator together, so no type or endpoint is defined twice.
    imported_text(&imported);
}

/// Bad documents in `tests/import_bad/`, one kind of mistake each, with the located
/// errors they get.
#[test]
fn every_bad_document_gets_its_snapshotted_located_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import_bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 10, "expected at least 10 bad documents");
    let mut failed = Vec::new();
    for name in names {
        let path = PathBuf::from("tests/import_bad").join(&name);
        let output = match codegen::import::import_documents(
            &[Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)],
            Path::new("out"),
        ) {
            Ok(_) => format!("{name} was imported"),
            Err(ImportError::Invalid(diagnostics)) => {
                if diagnostics.0.iter().any(|d| d.location.is_none()) {
                    failed.push(format!("{name}: an error without a location"));
                }
                // Paths as the fixture's, whatever the directory the test runs in.
                ImportError::Invalid(diagnostics)
                    .to_string()
                    .replace(&dir.display().to_string(), "tests/import_bad")
            }
            Err(other) => format!("unexpected error: {other}"),
        };
        let class = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(stem, _)| stem)
            .to_owned();
        let snapshot = std::panic::catch_unwind(|| {
            insta::assert_snapshot!(format!("bad_document__{class}"), output);
        });
        if snapshot.is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "bad documents that failed: {failed:#?}");
}

#[test]
fn one_of_without_a_tag_becomes_an_untagged_union_with_alternatives_named_after_their_shapes_most_specific_first()
 {
    snapshot("untagged_unions");
}

#[test]
fn enums_of_numbers_are_their_scalar_and_string_values_without_a_rust_name_get_a_readable_one() {
    snapshot("enums_of_any_value");
}

#[test]
fn a_schema_that_contains_itself_is_a_reference_to_its_own_type() {
    snapshot("recursive_schemas");
}

#[test]
fn the_coverage_report_counts_each_product_and_attributes_a_shared_shapes_any_to_every_operation() {
    let imported = import("coverage.yaml");
    insta::assert_snapshot!("coverage_table", imported.coverage.table());
    let json = serde_json::to_string_pretty(&imported.coverage.json()).unwrap();
    insta::assert_snapshot!("coverage_json", json);
}

#[test]
fn all_of_members_of_one_type_are_that_type_and_constraints_are_left_out() {
    snapshot("all_of_not_objects");
}

#[test]
fn query_lists_form_objects_and_headers_become_parameters_and_repeated_placeholders_one() {
    snapshot("parameters");
}

#[test]
fn multipart_bytes_ndjson_and_json_bodies_of_any_type_are_imported_delete_included() {
    snapshot("bodies");
}

#[test]
fn text_bytes_empty_and_unenveloped_responses_are_imported_and_list_payloads_are_pages() {
    snapshot("responses");
}

#[test]
fn schemas_without_type_are_typed_by_their_keywords_and_free_form_objects_are_maps_of_any() {
    snapshot("keywords_without_type");
}

#[test]
fn list_items_and_map_values_that_may_be_null_are_nullable_types() {
    snapshot("nullable_items_and_values");
}

#[test]
fn a_form_property_of_any_part_name_is_a_map_of_files_and_a_one_of_form_merges_its_alternatives() {
    snapshot("forms_of_any_part_name");
}
