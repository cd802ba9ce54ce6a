//! What the compiler rejects, with the expected message: each `tests/ui/fail/*.rs` uses
//! the generated API wrongly and must fail to compile with the messages in the `.stderr`
//! file beside it (see `sdk_scratch::ui`, which checks them all in one `cargo check`, in
//! the target directory the other scratch crates share).
//!
//! Record the `.stderr` files with `UI_STDERR=overwrite cargo test --test compile_fail`,
//! then read the diff.

use sdk_scratch::ui::check_compile_fail;
use sdk_scratch::workspace;

#[test]
fn misuses_of_the_generated_api_fail_to_compile_with_the_recorded_messages() {
    let cases = workspace().join("tests/ui/fail");
    if let Err(problems) = check_compile_fail(&cases, "compile-fail") {
        panic!("{problems}");
    }
}

/// The harness itself: a case that compiles, and one whose message is not the recorded
/// one, must both be reported, or the test above could pass without checking anything.
#[test]
fn a_case_that_compiles_or_fails_differently_is_reported() {
    let cases = workspace().join("target/scratch-crates/compile-fail-harness-cases");
    std::fs::create_dir_all(&cases).unwrap();
    std::fs::write(cases.join("compiles.rs"), "fn main() {}\n").unwrap();
    std::fs::write(
        cases.join("other_message.rs"),
        "fn main() {\n    let _: u8 = \"text\";\n}\n",
    )
    .unwrap();
    std::fs::write(
        cases.join("other_message.stderr"),
        "error[E0308]: some other message\n",
    )
    .unwrap();
    let problems = check_compile_fail(&cases, "compile-fail-harness").unwrap_err();
    assert!(
        problems.contains("compiles.rs: compiled, but must not"),
        "{problems}"
    );
    assert!(
        problems.contains("other_message.rs: the compiler's messages differ")
            && problems.contains("expected `u8`, found `&str`"),
        "{problems}"
    );
}
