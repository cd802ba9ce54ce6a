//! Generates the SDK into `OUT_DIR/sdk.rs` from the workspace's AI Gateway spec files. A
//! spec error fails the build with the same located messages `codegen check` prints.
//!
//! The workspace's `spec/` has all of Cloudflare's products; a build script generates what
//! its crate uses, so this one copies the two AI Gateway files (which refer to no other)
//! and generates from the copy.

use std::path::PathBuf;

/// The spec files this crate's SDK is made of.
const SPEC_FILES: &[&str] = &["ai_gateway.yaml", "dynamic_routing.yaml"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let spec_dir = out_dir.join("spec");
    std::fs::create_dir_all(&spec_dir)?;
    for file in SPEC_FILES {
        let source = PathBuf::from("../../spec").join(file);
        println!("cargo:rerun-if-changed={}", source.display());
        std::fs::copy(&source, spec_dir.join(file))?;
    }
    codegen::Config::new()
        .spec_dir(spec_dir)
        .runtime("::cloudflare_sdk_runtime")
        .doc_examples("build_script_example::sdk")
        .generate()?;
    Ok(())
}
