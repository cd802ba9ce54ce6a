//! Semver bumps and the next version under Cargo's rules, where in `0.y.z` the left-most
//! non-zero number is the one that says "breaking".

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// How much a version number must change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    /// The lower-case name used in the report: `major`, `minor`, `patch`, `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Patch => "patch",
            Self::Minor => "minor",
            Self::Major => "major",
        }
    }
}

/// A crate version, `MAJOR.MINOR.PATCH` with an optional pre-release and build suffix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    /// `-alpha.1+build`, kept only to be shown.
    pub suffix: String,
}

impl Version {
    /// The version to publish after changes that need `bump`. Cargo treats `0.y.z` and
    /// `0.y.w` as compatible, so in `0.y.z` a breaking change bumps `y` and anything else
    /// bumps `z`; in `0.0.z` every change is breaking, so each bumps `z`. A pre-release or
    /// build suffix is dropped.
    pub fn next(&self, bump: Bump) -> Version {
        let (major, minor, patch) = (self.major, self.minor, self.patch);
        let (major, minor, patch) = match bump {
            Bump::None => return self.clone(),
            _ if major == 0 && minor == 0 => (0, 0, patch + 1),
            Bump::Major if major == 0 => (0, minor + 1, 0),
            Bump::Major => (major + 1, 0, 0),
            Bump::Minor if major == 0 => (0, minor, patch + 1),
            Bump::Minor => (major, minor + 1, 0),
            Bump::Patch => (major, minor, patch + 1),
        };
        Version {
            major,
            minor,
            patch,
            suffix: String::new(),
        }
    }

    /// The `version` of the `[package]` in the Cargo manifest at `path`; a version inherited
    /// from the workspace (`version.workspace = true`) is read from the workspace manifest
    /// in a parent directory.
    pub fn of_manifest(path: &Path) -> Result<Version, String> {
        let manifest = read_manifest(path)?;
        let version = manifest
            .get("package")
            .and_then(|package| package.get("version"))
            .ok_or_else(|| format!("{}: no `package.version`", path.display()))?;
        if let Some(text) = version.as_str() {
            return text.parse();
        }
        if version.get("workspace").and_then(toml::Value::as_bool) != Some(true) {
            return Err(format!(
                "{}: `package.version` is not a string",
                path.display()
            ));
        }
        let mut dir = path.parent();
        while let Some(candidate) = dir.and_then(Path::parent) {
            let root = candidate.join("Cargo.toml");
            if root.is_file() {
                let root_manifest = read_manifest(&root)?;
                let version = root_manifest
                    .get("workspace")
                    .and_then(|workspace| workspace.get("package"))
                    .and_then(|package| package.get("version"))
                    .and_then(toml::Value::as_str);
                if let Some(version) = version {
                    return version.parse();
                }
            }
            dir = Some(candidate);
        }
        Err(format!(
            "{}: the version is inherited from a workspace that sets none",
            path.display()
        ))
    }
}

fn read_manifest(path: &Path) -> Result<toml::Table, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
    text.parse::<toml::Table>()
        .map_err(|err| format!("{}: {err}", path.display()))
}

impl FromStr for Version {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || format!("`{text}` is not a version (MAJOR.MINOR.PATCH)");
        let split = text.find(['-', '+']).unwrap_or(text.len());
        let (numbers, suffix) = text.split_at(split);
        let mut parts = numbers.split('.').map(|part| {
            // Semver forbids leading zeros, and `+5` is not a number here.
            if part.is_empty() || (part.len() > 1 && part.starts_with('0')) {
                return None;
            }
            part.parse::<u64>()
                .ok()
                .filter(|_| part.bytes().all(|b| b.is_ascii_digit()))
        });
        let mut next = || parts.next().flatten().ok_or_else(invalid);
        let (major, minor, patch) = (next()?, next()?, next()?);
        if parts.next().is_some() || suffix.len() == 1 {
            return Err(invalid());
        }
        Ok(Version {
            major,
            minor,
            patch,
            suffix: suffix.to_owned(),
        })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}.{}{}",
            self.major, self.minor, self.patch, self.suffix
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(version: &str, bump: Bump) -> String {
        version.parse::<Version>().unwrap().next(bump).to_string()
    }

    #[test]
    fn in_0_y_z_a_breaking_change_bumps_the_minor_number_and_anything_else_the_patch() {
        assert_eq!(next("0.1.0", Bump::Major), "0.2.0");
        assert_eq!(next("0.1.3", Bump::Minor), "0.1.4");
        assert_eq!(next("0.1.3", Bump::Patch), "0.1.4");
        assert_eq!(next("0.1.3", Bump::None), "0.1.3");
    }

    #[test]
    fn in_0_0_z_every_change_bumps_the_patch_number() {
        assert_eq!(next("0.0.7", Bump::Major), "0.0.8");
        assert_eq!(next("0.0.7", Bump::Minor), "0.0.8");
        assert_eq!(next("0.0.7", Bump::Patch), "0.0.8");
        assert_eq!(next("0.0.7", Bump::None), "0.0.7");
    }

    #[test]
    fn from_1_0_0_on_each_kind_of_change_bumps_its_own_number() {
        assert_eq!(next("1.4.2", Bump::Major), "2.0.0");
        assert_eq!(next("1.4.2", Bump::Minor), "1.5.0");
        assert_eq!(next("1.4.2", Bump::Patch), "1.4.3");
    }

    #[test]
    fn a_pre_release_suffix_is_shown_and_dropped_by_a_bump() {
        let version: Version = "1.0.0-alpha.1".parse().unwrap();
        assert_eq!(version.to_string(), "1.0.0-alpha.1");
        assert_eq!(version.next(Bump::Patch).to_string(), "1.0.1");
    }

    #[test]
    fn malformed_versions_are_refused() {
        for text in [
            "", "1", "1.2", "1.2.3.4", "01.2.3", "1.x.3", "1.2.3-", "1.2.+3",
        ] {
            assert!(text.parse::<Version>().is_err(), "{text:?} was accepted");
        }
    }
}
