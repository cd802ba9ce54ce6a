//! The checked-in import (`openapi/import.yaml` → `openapi/imported/`): it is what the
//! config imports from the checked-in documents, byte for byte, and its dynamic-routing
//! spec generates the SDK that today's hand-written `spec/dynamic_routing.yaml` does.

use std::path::{Path, PathBuf};

use codegen::diagnostic::SourceFile;
use quote::ToTokens;

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
        "openapi/imported/ is not what the config imports; run `cargo run -p codegen -- import` \
         and commit the result (stale: {:?})",
        changes
            .outdated
            .iter()
            .chain(&changes.obsolete)
            .collect::<Vec<_>>()
    );
}

/// Generated code with the items of every module and impl block in name order, so that
/// two specs that declare the same things in another order compare equal.
fn canonical(code: &str) -> String {
    let mut file = syn::parse_file(code).expect("generated code parses");
    sort_items(&mut file.items);
    prettyplease::unparse(&file)
}

fn sort_items(items: &mut [syn::Item]) {
    for item in items.iter_mut() {
        match item {
            syn::Item::Mod(module) => {
                if let Some((_, inner)) = &mut module.content {
                    sort_items(inner);
                }
            }
            syn::Item::Impl(block) => block.items.sort_by_key(|item| match item {
                syn::ImplItem::Fn(function) => function.sig.ident.to_string(),
                other => other.to_token_stream().to_string(),
            }),
            _ => {}
        }
    }
    items.sort_by_key(|item| match item {
        syn::Item::Struct(item) => format!("struct {}", item.ident),
        syn::Item::Enum(item) => format!("enum {}", item.ident),
        syn::Item::Mod(item) => format!("mod {}", item.ident),
        syn::Item::Impl(item) => format!(
            "impl {} for {}",
            item.trait_
                .as_ref()
                .map(|(path, _)| path.to_token_stream().to_string())
                .unwrap_or_default(),
            item.self_ty.to_token_stream()
        ),
        other => other.to_token_stream().to_string(),
    });
}

fn generated(spec: SourceFile) -> codegen::Rendered {
    codegen::render(vec![spec], &codegen::Options::sdk_crate("cloudflare_sdk"))
        .unwrap_or_else(|err| panic!("{err}"))
}

fn read(path: &str) -> SourceFile {
    let text = std::fs::read_to_string(workspace().join(path)).unwrap();
    SourceFile {
        path: path.into(),
        text,
    }
}

#[test]
fn the_imported_dynamic_routing_spec_generates_the_same_items_as_the_hand_written_one() {
    let hand = generated(read("spec/dynamic_routing.yaml"));
    let imported = generated(read("openapi/imported/dynamic_routing.yaml"));
    assert_eq!(hand.files.len(), imported.files.len());
    for file in &hand.files {
        let path = file.path.to_str().unwrap();
        let theirs = imported.file(path).unwrap_or_else(|| panic!("no {path}"));
        let (hand_items, imported_items) = (canonical(&file.contents), canonical(theirs));
        if hand_items != imported_items {
            let first = hand_items
                .lines()
                .zip(imported_items.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let around = |text: &str| {
                text.lines()
                    .skip(first.saturating_sub(3))
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "{path} differs, first at line {first} (items sorted by name):\n--- hand-written\n{}\n--- imported\n{}",
                around(&hand_items),
                around(&imported_items)
            );
        }
    }
}

#[test]
fn the_comparison_sees_a_difference_in_one_item() {
    let hand = generated(read("spec/dynamic_routing.yaml"));
    let mut changed = read("openapi/imported/dynamic_routing.yaml");
    changed.text = changed.text.replace(
        "doc: Identifier of the route.",
        "doc: The route's identifier.",
    );
    let changed = generated(changed);
    let path = "types.rs";
    assert_ne!(
        canonical(hand.file(path).unwrap()),
        canonical(changed.file(path).unwrap())
    );
}
