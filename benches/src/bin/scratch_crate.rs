//! Sets up a scratch copy of the SDK crate for `scripts/compile_cost.sh`: the generated
//! crate's `Cargo.toml` (its `*.workspace = true` entries resolved from the root
//! manifest, plus an empty `[workspace]` so it builds on its own), `src/lib.rs`,
//! `src/runtime/` and the root `Cargo.lock`, with `types.rs` and `api.rs` generated from
//! a synthetic spec of ENDPOINTS endpoints (0: copied from `generated/src`).
//!
//! Usage: `scratch_crate ENDPOINTS DIR`.

use std::fs;
use std::path::{Path, PathBuf};

use sdk_benches::synth;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(endpoints), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: scratch_crate ENDPOINTS DIR");
        std::process::exit(2);
    };
    let endpoints: usize = endpoints.parse().expect("ENDPOINTS is a number");
    let dir = PathBuf::from(dir);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let generated = root.join("generated");

    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src/runtime")).expect("scratch directory");
    let root_manifest = read(&root.join("Cargo.toml"));
    let manifest = standalone_manifest(&read(&generated.join("Cargo.toml")), &root_manifest);
    write(&dir.join("Cargo.toml"), &manifest);
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    fs::copy(generated.join("src/lib.rs"), dir.join("src/lib.rs")).expect("copy lib.rs");
    for entry in fs::read_dir(generated.join("src/runtime")).expect("runtime/") {
        let path = entry.expect("runtime entry").path();
        fs::copy(
            &path,
            dir.join("src/runtime").join(path.file_name().unwrap()),
        )
        .expect("copy runtime file");
    }
    if endpoints == 0 {
        for file in ["types.rs", "api.rs"] {
            fs::copy(generated.join("src").join(file), dir.join("src").join(file))
                .expect("copy generated file");
        }
    } else {
        let rendered = codegen::render(synth::sources(endpoints), "cloudflare_sdk")
            .unwrap_or_else(|err| panic!("{err}"));
        rendered
            .write_to(dir.join("src"))
            .expect("write generated files");
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
}

/// `member` with `key.workspace = true` and `name = { workspace = true, … }` replaced by
/// the root's `[workspace.package]` / `[workspace.dependencies]` values, and an empty
/// `[workspace]` table so that cargo does not look for the parent workspace.
fn standalone_manifest(member: &str, root: &str) -> String {
    let mut out = String::new();
    for line in member.lines() {
        let (name, rest) = line.split_once(" = ").unwrap_or((line, ""));
        if let Some(key) = line.strip_suffix(".workspace = true") {
            let value = workspace_value(root, "[workspace.package]", key)
                .or_else(|| workspace_value(root, "[workspace.dependencies]", key))
                .unwrap_or_else(|| panic!("no workspace value for `{key}`"));
            out += &format!("{key} = {value}\n");
        } else if rest.starts_with("{ workspace = true") {
            let base = workspace_value(root, "[workspace.dependencies]", name)
                .unwrap_or_else(|| panic!("no workspace dependency `{name}`"));
            let extra = rest
                .trim_start_matches("{ workspace = true")
                .trim_end_matches('}')
                .trim()
                .trim_start_matches(',')
                .trim();
            let base = if base.starts_with('{') {
                base.trim_end_matches('}').trim().to_owned()
            } else {
                format!("{{ version = {base}")
            };
            // Both may list features; cargo merges them, so list both.
            let merged = match (
                base.find("features = ["),
                extra.strip_prefix("features = ["),
            ) {
                (Some(_), Some(extra_features)) => base.replacen(
                    "features = [",
                    &format!("features = [{}, ", extra_features.trim_end_matches(']')),
                    1,
                ),
                (_, _) if extra.is_empty() => base,
                (_, _) => format!("{base}, {extra}"),
            };
            out += &format!("{name} = {merged} }}\n");
        } else {
            out += line;
            out.push('\n');
        }
    }
    out + "\n[workspace]\n"
}

/// The value of `key` in the table `table` of a TOML text, for one-line entries.
fn workspace_value(root: &str, table: &str, key: &str) -> Option<String> {
    let start = root.find(table)? + table.len();
    let section = &root[start..];
    let section = &section[..section.find("\n[").unwrap_or(section.len())];
    section.lines().find_map(|line| {
        let (name, value) = line.split_once(" = ")?;
        (name.trim() == key).then(|| value.trim().to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_entries_are_resolved() {
        let root = "[workspace.package]\nedition = \"2024\"\n\n[workspace.dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\ntokio = { version = \"1.48\", default-features = false }\njiff = \"1\"\n";
        let member = "[package]\nedition.workspace = true\n[dependencies]\nserde.workspace = true\ntokio = { workspace = true, features = [\"time\"] }\nserde2 = { workspace = true, features = [\"rc\"] }\n";
        let member = member.replace("serde2", "serde");
        let out = standalone_manifest(&member, root);
        assert!(out.contains("edition = \"2024\"\n"), "{out}");
        assert!(
            out.contains("serde = { version = \"1\", features = [\"derive\"] }\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "tokio = { version = \"1.48\", default-features = false, features = [\"time\"] }\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("serde = { version = \"1\", features = [\"rc\", \"derive\"] }\n"),
            "{out}"
        );
        assert!(out.ends_with("[workspace]\n"), "{out}");
    }
}
