//! The checked-in generated code must be exactly what the generator writes from `spec/`.

use std::path::Path;

use codegen::Config;

#[test]
fn checked_in_generated_code_is_what_the_generator_writes_from_the_spec() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, changes) = Config::checked_in_sdk(root)
        .check()
        .unwrap_or_else(|err| panic!("{err}"));
    assert!(
        changes.is_empty(),
        "the generated code is stale: run `cargo run -p codegen` and commit the result\n\
         outdated: {:?}\nobsolete: {:?}",
        changes.outdated,
        changes.obsolete,
    );
}
