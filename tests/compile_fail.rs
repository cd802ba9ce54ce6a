//! What the compiler rejects, with the expected message: each `tests/ui/fail/*.rs` uses
//! the generated API wrongly and must fail to compile with the messages in the `.stderr`
//! file beside it (see `sdk_scratch::ui`, which compiles them all in one `cargo build`, in
//! the target directory the other scratch crates share). The copy of the SDK they are
//! checked against is the checked-in one, standalone and with its default API features
//! (a scratch copy leaves TLS out): a warning in its own code fails the test too.
//!
//! Record the `.stderr` files with `UI_STDERR=overwrite cargo test --test compile_fail`,
//! then read the diff.

use sdk_scratch::ui::check_compile_fail;
use sdk_scratch::workspace;

#[test]
fn misuses_of_the_generated_api_fail_to_compile_with_the_recorded_messages() {
    let cases = workspace().join("tests/ui/fail");
    let sdk = workspace().join("generated/src");
    if let Err(problems) = check_compile_fail(&cases, &sdk, "compile-fail") {
        panic!("{problems}");
    }
}

/// The harness itself: a case that compiles, one whose message is not the recorded one,
/// and a warning in the SDK's code must all be reported, or the test above could pass
/// without checking anything. (A one-line stand-in for the SDK: checking a second copy
/// of the real one would only cost time.)
#[test]
fn a_case_that_compiles_or_fails_differently_or_a_warning_in_the_sdk_is_reported() {
    let harness = workspace().join("target/scratch-crates/compile-fail-harness-inputs");
    let sdk = harness.join("sdk");
    std::fs::create_dir_all(&sdk).unwrap();
    std::fs::write(sdk.join("lib.rs"), "//! A stand-in SDK.\nfn unused() {}\n").unwrap();
    let cases = harness.join("cases");
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
    let problems = check_compile_fail(&cases, &sdk, "compile-fail-harness").unwrap_err();
    assert!(
        problems.contains("compiles.rs: compiled, but must not"),
        "{problems}"
    );
    assert!(
        problems.contains("other_message.rs: the compiler's messages differ")
            && problems.contains("expected `u8`, found `&str`"),
        "{problems}"
    );
    assert!(
        problems.contains("lib.rs: the SDK's own code must compile without warnings")
            && problems.contains("never used"),
        "{problems}"
    );
}
