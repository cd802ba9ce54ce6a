//! The test package's library exists for one reason: its documentation is the workspace
//! README, so `cargo test` compiles (and runs, where not `no_run`) the README's examples
//! against the SDK as a user's program would use it.
#![doc = include_str!("../../README.md")]
