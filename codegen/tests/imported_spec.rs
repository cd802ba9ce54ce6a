//! The checked-in import (`openapi/import.yaml` → `spec/`): the spec is what the config
//! imports from the checked-in documents, byte for byte.

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ is inside the workspace")
        .to_owned()
}

#[test]
fn the_checked_in_imported_spec_is_what_the_config_imports() {
    let imported = codegen::import::import_with_config(&workspace().join("openapi/import.yaml"))
        .unwrap_or_else(|err| panic!("the checked-in config should import:\n{err}"));
    let changes = imported.compare().unwrap();
    assert!(
        changes.is_empty(),
        "spec/ is not what the config imports; run `cargo run -p codegen -- import` \
         and commit the result (stale: {:?})",
        changes
            .outdated
            .iter()
            .chain(&changes.obsolete)
            .collect::<Vec<_>>()
    );
}
