//! Compile-time guarantees of the generated API: what users can write (`tests/ui/pass`) and
//! what the compiler rejects, with the expected message (`tests/ui/fail/*.stderr`).
//!
//! Regenerate the `.stderr` files with `TRYBUILD=overwrite cargo test --test trybuild`, then
//! read them.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
