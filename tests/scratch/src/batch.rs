//! Many scratch copies of the SDK crate in one cargo workspace, so that one `cargo build`
//! compiles them all (in parallel, with the dependencies built once): for tests that
//! generate a crate from each of many specs.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::{
    cargo_in, complaints, doctests_in, replace_dir, standalone_manifest, workspace,
    write_if_changed,
};

/// A workspace of SDK crates named `{prefix}-0`, `{prefix}-1`, … (library names with `_`).
#[derive(Clone, Debug)]
pub struct ScratchWorkspace {
    dir: PathBuf,
    prefix: String,
}

impl ScratchWorkspace {
    /// Sets up `dir` (outside any target directory) as a workspace of `members` crates,
    /// each with the SDK's manifest; a member's `src/` keeps what an earlier run wrote
    /// until [`ScratchWorkspace::write_member`] replaces it, so cargo rebuilds only the
    /// members whose code changed.
    pub fn create(dir: &Path, prefix: &str, members: usize) -> io::Result<Self> {
        let root = workspace();
        std::fs::create_dir_all(dir)?;
        let names: Vec<String> = (0..members).map(|i| format!("{prefix}-{i}")).collect();
        let members_list: Vec<String> = names.iter().map(|name| format!("{name:?}")).collect();
        write_if_changed(
            &dir.join("Cargo.toml"),
            &format!(
                "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n{}",
                members_list.join(", "),
                crate::PROFILE
            ),
        )?;
        write_if_changed(
            &dir.join("Cargo.lock"),
            &std::fs::read_to_string(root.join("Cargo.lock"))?,
        )?;
        let root_manifest = std::fs::read_to_string(root.join("Cargo.toml"))?;
        let sdk_manifest = std::fs::read_to_string(root.join("generated/Cargo.toml"))?;
        for name in &names {
            let member = dir.join(name);
            std::fs::create_dir_all(member.join("src"))?;
            let manifest =
                standalone_manifest(&root_manifest, &sdk_manifest, &root.join("generated"));
            let mut manifest: toml::Table = manifest.parse().map_err(io::Error::other)?;
            manifest.remove("workspace");
            manifest["package"]["name"] = toml::Value::String(name.clone());
            write_if_changed(&member.join("Cargo.toml"), &manifest.to_string())?;
            write_if_changed(&member.join("README.md"), &format!("The crate `{name}`.\n"))?;
        }
        Ok(Self {
            dir: dir.to_owned(),
            prefix: prefix.to_owned(),
        })
    }

    /// The directory of member `index`.
    pub fn member_dir(&self, index: usize) -> PathBuf {
        self.dir.join(format!("{}-{index}", self.prefix))
    }

    /// The library name of member `index`, as code names it (`hostile_3`).
    pub fn crate_name(&self, index: usize) -> String {
        format!("{}_{index}", self.prefix.replace('-', "_"))
    }

    /// Replaces member `index`'s `src/` with `files` and its `[features]` table with
    /// `features` (a TOML text holding one, as the generator renders it, or none). The
    /// SDK's hand-written TLS features go with the table, so `--all-features` never asks
    /// for a system TLS library; the generated code does not depend on them.
    pub fn write_member<'a>(
        &self,
        index: usize,
        files: impl IntoIterator<Item = (&'a Path, &'a str)>,
        features: Option<&str>,
    ) -> io::Result<()> {
        let member = self.member_dir(index);
        replace_dir(&member.join("src"), files)?;
        let path = member.join("Cargo.toml");
        let mut manifest: toml::Table = std::fs::read_to_string(&path)?
            .parse()
            .map_err(io::Error::other)?;
        match features {
            Some(table) => {
                let table: toml::Table = table.parse().map_err(io::Error::other)?;
                manifest.insert("features".to_owned(), table["features"].clone());
            }
            None => {
                manifest.remove("features");
            }
        }
        write_if_changed(&path, &manifest.to_string())
    }

    /// Runs `cargo ARGS` on the whole workspace, in the shared target directory.
    pub fn cargo(&self, args: &[&str]) -> io::Result<Output> {
        cargo_in(&self.dir, args)
    }

    /// `cargo build` of every member with every feature: `Err` with the compiler's output
    /// when it reports an error or a warning. (Built, not only checked: see
    /// [`crate::BUILD`].)
    pub fn build_without_warnings(&self) -> Result<(), String> {
        let output = self
            .cargo(&[
                crate::BUILD,
                "--workspace",
                "--all-targets",
                "--all-features",
            ])
            .map_err(|err| format!("cannot run cargo: {err}"))?;
        complaints(&output)
    }

    /// `cargo test --doc` of every member with every feature: `Err` with the output when
    /// an example fails to compile or warns; skipped when they passed before with the
    /// same inputs (see `stamp`).
    pub fn doctests_without_warnings(&self) -> Result<(), String> {
        doctests_in(
            &self.dir,
            &["test", "--doc", "--workspace", "--all-features"],
        )
    }
}
