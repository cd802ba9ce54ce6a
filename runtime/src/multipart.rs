//! `multipart/form-data` bodies (RFC 7578), built in memory so that every retry sends the
//! same bytes: text parts, file parts and JSON parts.

use std::borrow::Cow;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde::Serialize;

use super::binary::Binary;

/// A multipart form being built, part by part, in order.
#[derive(Default)]
pub struct Multipart {
    parts: Vec<Part>,
    /// The first part that could not be encoded.
    invalid: Option<String>,
}

struct Part {
    /// The part's name: a field's wire name, or a name the caller chose (a file part of
    /// a map of files is named by its key).
    name: Cow<'static, str>,
    file_name: Option<String>,
    media_type: Option<String>,
    bytes: Vec<u8>,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// A text part: the value as text.
    pub fn text(&mut self, name: impl Into<Cow<'static, str>>, value: impl fmt::Display) {
        self.parts.push(Part {
            name: name.into(),
            file_name: None,
            media_type: None,
            bytes: value.to_string().into_bytes(),
        });
    }

    /// A file part: the bytes with their file name and media type.
    pub fn file(&mut self, name: impl Into<Cow<'static, str>>, file: &Binary) {
        let name = name.into();
        self.parts.push(Part {
            // A file part always has a file name; servers tell files from fields by it.
            file_name: Some(file.file_name().unwrap_or(&name).to_owned()),
            name,
            media_type: Some(
                file.media_type()
                    .unwrap_or("application/octet-stream")
                    .to_owned(),
            ),
            bytes: file.bytes().to_vec(),
        });
    }

    /// A JSON part: the value serialized.
    pub fn json<T: Serialize + ?Sized>(&mut self, name: impl Into<Cow<'static, str>>, value: &T) {
        let name = name.into();
        match serde_json::to_vec(value) {
            Ok(bytes) => self.parts.push(Part {
                name,
                file_name: None,
                media_type: Some("application/json".to_owned()),
                bytes,
            }),
            Err(err) => {
                self.invalid
                    .get_or_insert(format!("the form part `{name}` cannot be encoded: {err}"));
            }
        }
    }

    /// The body and its content type (with the boundary), or why a part could not be
    /// encoded.
    pub(crate) fn finish(self) -> Result<(Vec<u8>, String), String> {
        if let Some(problem) = self.invalid {
            return Err(problem);
        }
        let boundary = self.boundary();
        let mut body = Vec::new();
        for part in &self.parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let mut disposition = format!(
                "Content-Disposition: form-data; name=\"{}\"",
                quoted(&part.name)
            );
            if let Some(file_name) = &part.file_name {
                disposition.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
            }
            body.extend_from_slice(disposition.as_bytes());
            body.extend_from_slice(b"\r\n");
            if let Some(media_type) = &part.media_type {
                body.extend_from_slice(format!("Content-Type: {media_type}\r\n").as_bytes());
            }
            body.extend_from_slice(b"\r\n");
            body.extend_from_slice(&part.bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok((body, format!("multipart/form-data; boundary={boundary}")))
    }

    /// A boundary that no part contains: derived from the parts, so the same form always
    /// gives the same bytes.
    fn boundary(&self) -> String {
        let mut hasher = DefaultHasher::new();
        for part in &self.parts {
            part.bytes.hash(&mut hasher);
        }
        let mut seed = hasher.finish();
        loop {
            let boundary = format!("cloudflare-sdk-{seed:016x}");
            let clashes = self
                .parts
                .iter()
                .any(|part| contains(&part.bytes, boundary.as_bytes()));
            if !clashes {
                return boundary;
            }
            seed = seed.wrapping_add(1);
        }
    }
}

/// A name or file name inside a quoted header parameter: quotes and line breaks escaped
/// as browsers do (percent-encoded), so they cannot end the parameter.
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_written_in_order_with_their_names_files_and_types() {
        let mut form = Multipart::new();
        form.text("id", 42);
        form.file(
            "script",
            &Binary::new(b"export default {}".to_vec())
                .with_file_name("worker.js")
                .with_media_type("application/javascript"),
        );
        form.json("metadata", &serde_json::json!({"main_module": "worker.js"}));
        let (body, content_type) = form.finish().unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n42\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"script\"; filename=\"worker.js\"\r\nContent-Type: application/javascript\r\n\r\nexport default {{}}\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n{{\"main_module\":\"worker.js\"}}\r\n\
             --{b}--\r\n",
            b = boundary
        );
        assert_eq!(String::from_utf8(body).unwrap(), expected);
    }

    #[test]
    fn the_boundary_is_in_no_part_and_the_same_for_the_same_form() {
        let build = || {
            let mut form = Multipart::new();
            form.text("a", "x");
            form.finish().unwrap()
        };
        assert_eq!(build(), build());
        let (_, content_type) = build();
        let boundary = content_type.rsplit('=').next().unwrap().to_owned();
        let mut form = Multipart::new();
        form.text("a", "x");
        form.text("b", &boundary);
        let (_, other) = form.finish().unwrap();
        assert!(!other.ends_with(&boundary));
    }

    #[test]
    fn a_quote_in_a_file_name_cannot_end_the_parameter() {
        let mut form = Multipart::new();
        form.file("f", &Binary::new(vec![1]).with_file_name("a\"; name=\"b"));
        let (body, _) = form.finish().unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("filename=\"a%22; name=%22b\""), "{body}");
    }

    #[test]
    fn a_part_named_at_run_time_has_its_quotes_escaped() {
        let mut form = Multipart::new();
        let chosen = String::from("lib\"; x=\"y.js");
        form.file(
            chosen.clone(),
            &Binary::new(vec![1]).with_file_name("lib.js"),
        );
        form.text(chosen, "t");
        let (body, _) = form.finish().unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(
            body.contains("name=\"lib%22; x=%22y.js\"; filename=\"lib.js\""),
            "{body}"
        );
        assert!(
            body.contains("name=\"lib%22; x=%22y.js\"\r\n\r\nt"),
            "{body}"
        );
    }
}
