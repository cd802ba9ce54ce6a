//! Generates the SDK into `OUT_DIR/sdk.rs` from the workspace's spec. A spec error fails
//! the build with the same located messages `codegen check` prints.

fn main() -> Result<(), codegen::Error> {
    codegen::Config::new()
        .spec_dir("../../spec")
        .runtime("::cloudflare_sdk_runtime")
        .doc_examples("build_script_example::sdk")
        .generate()?;
    Ok(())
}
