//! Reading an OpenAPI document: JSON or YAML into a [`Node`] tree, its version checked.
//! Syntax errors become located diagnostics.

use std::collections::HashMap;

use super::locate;
use super::node::Node;
use crate::diagnostic::{Diagnostic, Location, SourceFile};

/// An OpenAPI 3.0 document, parsed.
#[derive(Debug)]
pub struct Document {
    pub source: SourceFile,
    pub root: Node,
    is_json: bool,
}

impl Document {
    /// Parses `source`, JSON when it starts with `{`, YAML otherwise, and checks that it
    /// is an OpenAPI 3.0 document.
    pub fn parse(source: SourceFile) -> Result<Self, Diagnostic> {
        let is_json = source.text.trim_start().starts_with('{');
        let root = if is_json {
            serde_json::from_str::<Node>(&source.text).map_err(|err| json_error(&source, &err))?
        } else if source.text.trim().is_empty() {
            return Err(Diagnostic::error("the document is empty").at(Location::start_of(&source)));
        } else {
            serde_saphyr::from_str_with_options::<Node>(&source.text, crate::yaml::options())
                .map_err(|err| crate::yaml::diagnostic(&source, &err))?
        };
        let document = Self {
            source,
            root,
            is_json,
        };
        document.check_version()?;
        Ok(document)
    }

    /// The locations of `pointers`, in order.
    pub fn locate(&self, pointers: &[&str]) -> Vec<Location> {
        locate::locate(&self.source, self.is_json, pointers)
    }

    fn check_version(&self) -> Result<(), Diagnostic> {
        let Node::Map(root) = &self.root else {
            return Err(Diagnostic::error(format!(
                "an OpenAPI document is a mapping, but this one is {}",
                self.root.kind()
            ))
            .at(Location::start_of(&self.source)));
        };
        if let Some(swagger) = root.get("swagger") {
            let version = swagger.as_str().unwrap_or("?");
            return Err(self
                .error_at("/swagger", format!("this is a Swagger {version} document"))
                .help("the importer reads OpenAPI 3.0; convert the document first"));
        }
        let version = match root.get("openapi") {
            Some(Node::String(version)) => version,
            Some(other) => {
                return Err(self.error_at(
                    "/openapi",
                    format!("`openapi` must be a version string, not {}", other.kind()),
                ));
            }
            None => {
                return Err(Diagnostic::error("the document has no `openapi` version")
                    .at(Location::start_of(&self.source))
                    .help("an OpenAPI 3.0 document starts with `openapi: 3.0.3`"));
            }
        };
        if !(version == "3.0" || version.starts_with("3.0.")) {
            return Err(self
                .error_at("/openapi", format!("OpenAPI {version} is not supported"))
                .help("the importer reads OpenAPI 3.0 (`openapi: 3.0.x`)"));
        }
        match root.get("paths") {
            Some(Node::Map(_)) => Ok(()),
            Some(other) => Err(self.error_at(
                "/paths",
                format!("`paths` must be a mapping, not {}", other.kind()),
            )),
            None => Err(Diagnostic::error("the document has no `paths`")
                .at(Location::start_of(&self.source))),
        }
    }

    fn error_at(&self, pointer: &str, message: String) -> Diagnostic {
        let at = self.locate(&[pointer]).remove(0);
        Diagnostic::error(message).at(at)
    }
}

/// The locations of JSON pointers in each of a run's documents, every document's text
/// scanned once for all the pointers wanted in it: the coverage and the report's
/// diagnostics share one pass over megabytes of text instead of making one each.
#[derive(Debug, Default)]
pub struct Located(Vec<HashMap<String, Location>>);

impl Located {
    /// Locates `wanted[d]` (pointers, duplicates allowed) in `documents[d]`.
    pub fn find(documents: &[Document], wanted: Vec<Vec<&str>>) -> Self {
        Self(
            documents
                .iter()
                .zip(wanted)
                .map(|(document, mut pointers)| {
                    pointers.sort_unstable();
                    pointers.dedup();
                    let locations = document.locate(&pointers);
                    pointers
                        .into_iter()
                        .map(str::to_owned)
                        .zip(locations)
                        .collect()
                })
                .collect(),
        )
    }

    /// Where `pointer` is in document `document`; `None` when it was not asked for.
    pub fn get(&self, document: usize, pointer: &str) -> Option<&Location> {
        self.0.get(document)?.get(pointer)
    }
}

/// A serde_json error at its line and column; its message without serde_json's position.
fn json_error(source: &SourceFile, err: &serde_json::Error) -> Diagnostic {
    let line = source
        .text
        .lines()
        .nth(err.line().saturating_sub(1))
        .unwrap_or_default();
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    // serde_json counts the column in bytes; the location counts characters.
    let byte = err.column().saturating_sub(1).min(line.len());
    let column = line
        .get(..byte)
        .map_or(byte, |before| before.chars().count())
        + 1;
    let message = err.to_string();
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |end| &message[..end]);
    let at = Location::in_line(
        source.path.clone(),
        to_u32(err.line().max(1)),
        line,
        byte,
        to_u32(column),
        1,
    );
    let diagnostic = Diagnostic::error(format!("invalid JSON: {message}")).at(at);
    if err.is_eof() {
        diagnostic.help("the document ends in the middle of a value")
    } else {
        diagnostic
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{Document, Located};
    use crate::diagnostic::SourceFile;

    fn document(name: &str, text: &str) -> Document {
        Document::parse(SourceFile {
            path: PathBuf::from(name),
            text: text.to_owned(),
        })
        .expect("a valid OpenAPI document")
    }

    #[test]
    fn located_pointers_are_where_each_document_alone_puts_them() {
        let json = document(
            "a.json",
            "{\"openapi\": \"3.0.0\",\n \"paths\": {\"/a\": {\"get\": {}}}}",
        );
        let yaml = document("b.yaml", "openapi: 3.0.0\npaths:\n  /b:\n    put: {}\n");
        let documents = [json, yaml];
        let located = Located::find(
            &documents,
            vec![
                vec!["/paths/~1a/get", "/openapi", "/paths/~1a/get"],
                vec!["/paths/~1b/put"],
            ],
        );
        for (index, pointer) in [
            (0, "/paths/~1a/get"),
            (0, "/openapi"),
            (1, "/paths/~1b/put"),
        ] {
            let alone = documents[index].locate(&[pointer]).remove(0);
            assert_eq!(located.get(index, pointer), Some(&alone), "{pointer}");
        }
        assert_eq!(
            located.get(0, "/paths/~1b/put"),
            None,
            "not asked for in that document"
        );
        assert_eq!(located.get(2, "/openapi"), None, "no such document");
    }
}
