//! The build-script mode: `codegen::Config` generating one file for `include!`.

use std::path::{Path, PathBuf};

use codegen::Config;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh directory under the test target directory.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("build-script")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A spec directory with the workspace's AI Gateway files only (they refer to no other), as
/// a build script would generate what its crate uses: the whole API would make each test
/// generate 79 files for what one product shows as well.
fn ai_gateway_spec(name: &str) -> PathBuf {
    let dir = scratch_dir(&format!("{name}-spec"));
    for file in ["ai_gateway.yaml", "dynamic_routing.yaml"] {
        std::fs::copy(workspace().join("spec").join(file), dir.join(file)).unwrap();
    }
    dir
}

#[test]
fn generate_writes_one_file_with_every_module_inline_for_include() {
    let out = scratch_dir("one-file");
    let changes = Config::new()
        .spec_dir(ai_gateway_spec("one-file"))
        .out_dir(&out)
        .generate()
        .unwrap();
    assert_eq!(changes.outdated, vec![out.join("sdk.rs")]);
    let text = std::fs::read_to_string(out.join("sdk.rs")).unwrap();
    assert!(
        text.starts_with(codegen::format::GENERATED_MARKER),
        "{text}"
    );
    assert!(text.contains("pub mod types {"), "{text}");
    assert!(text.contains("mod api {"), "{text}");
    // Included anywhere, so the modules refer to each other relatively, and the file
    // has no inner attribute or doc of its own (`include!` would reject it).
    assert!(!text.contains("crate::"), "{text}");
    assert!(!text.contains("\n#!["), "{text}");
    assert!(text.contains("use super::super::types::"), "{text}");
    // Without `doc_examples`, no example that could not compile in the user's crate.
    assert!(!text.contains("# Example"), "{text}");
}

#[test]
fn generated_code_names_the_runtime_by_the_configured_path() {
    let out = scratch_dir("runtime-path");
    Config::new()
        .spec_dir(ai_gateway_spec("runtime-path"))
        .out_dir(&out)
        .file_name("api.rs")
        .runtime("crate::rt")
        .generate()
        .unwrap();
    let text = std::fs::read_to_string(out.join("api.rs")).unwrap();
    assert!(text.contains("use crate::rt::"), "{text}");
    assert!(!text.contains("cloudflare_sdk_runtime"), "{text}");
}

#[test]
fn a_spec_error_fails_with_the_located_messages_and_writes_nothing() {
    let spec = scratch_dir("bad-spec");
    std::fs::write(
        spec.join("api.yaml"),
        "types:\n  Thing:\n    fields:\n      next: Thnig\n",
    )
    .unwrap();
    let out = scratch_dir("bad-spec-out");
    let err = Config::new()
        .spec_dir(&spec)
        .out_dir(&out)
        .generate()
        .unwrap_err();
    // `main` returning the error prints its `Debug`: the same text as `codegen check`.
    let shown = format!("{err:?}");
    assert_eq!(shown, err.to_string());
    assert!(shown.contains("unknown type `Thnig`"), "{shown}");
    assert!(shown.contains("api.yaml:4:13"), "{shown}");
    assert!(std::fs::read_dir(&out).unwrap().next().is_none());
}

#[test]
fn outside_a_build_script_an_output_directory_is_required() {
    if std::env::var_os("OUT_DIR").is_some() {
        return; // Only meaningful where Cargo has not set one.
    }
    let err = Config::new()
        .spec_dir(ai_gateway_spec("no-out-dir"))
        .generate()
        .unwrap_err();
    assert!(err.to_string().contains("OUT_DIR is not set"), "{err}");
}

#[test]
fn the_crate_layout_reexports_every_public_item_of_the_runtime() {
    let lib = std::fs::read_to_string(workspace().join("runtime/src/lib.rs")).unwrap();
    let file = syn::parse_file(&lib).unwrap();
    let mut public = Vec::new();
    for item in &file.items {
        if let syn::Item::Use(item) = item
            && matches!(item.vis, syn::Visibility::Public(_))
        {
            collect_use_names(&item.tree, &mut public);
        }
    }
    // The SDK has its own `Client` and `ClientBuilder`; `SdkClient` is what they implement.
    public.retain(|name| !["Client", "ClientBuilder", "SdkClient"].contains(&name.as_str()));
    public.sort();
    let mut reexported: Vec<String> = codegen::emit::RUNTIME_REEXPORTS
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    reexported.sort();
    assert_eq!(reexported, public);
}

fn collect_use_names(tree: &syn::UseTree, names: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(path) => collect_use_names(&path.tree, names),
        syn::UseTree::Name(name) => names.push(name.ident.to_string()),
        syn::UseTree::Rename(rename) => names.push(rename.rename.to_string()),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                collect_use_names(tree, names);
            }
        }
        syn::UseTree::Glob(_) => panic!("the runtime's root re-exports items by name"),
    }
}
