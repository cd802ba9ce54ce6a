//! Placeholder until `cargo run -p codegen` writes this file.
