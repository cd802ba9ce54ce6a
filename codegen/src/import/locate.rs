//! Where a JSON pointer is in a document's text, found only for the places a report names.
//! A JSON document is scanned once for all of them; a YAML document is parsed again with
//! serde-saphyr's locations.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::node::Key;
use super::pointer;
use crate::diagnostic::{Location, SourceFile};

/// The location of each of `pointers` in `file`: the key that introduces the value, or the
/// value itself for a list item; the start of the file for a pointer it cannot find.
pub fn locate(file: &SourceFile, is_json: bool, pointers: &[&str]) -> Vec<Location> {
    if is_json {
        locate_json(file, pointers)
    } else {
        locate_yaml(file, pointers)
    }
}

fn locate_json(file: &SourceFile, pointers: &[&str]) -> Vec<Location> {
    let targets: HashSet<&str> = pointers.iter().copied().collect();
    let mut scanner = JsonScanner {
        bytes: file.text.as_bytes(),
        pos: 0,
        path: String::new(),
        targets: &targets,
        found: HashMap::new(),
    };
    scanner.root();
    let found = scanner.found;
    let mut offsets: Vec<(usize, usize)> = found.values().copied().collect();
    offsets.sort_unstable();
    offsets.dedup();
    let at_offset = locations_at(file, &offsets);
    pointers
        .iter()
        .map(|pointer| {
            found
                .get(*pointer)
                .and_then(|key| at_offset.get(key).cloned())
                .unwrap_or_else(|| Location::start_of(file))
        })
        .collect()
}

/// The location of each (byte offset, byte length) of `file`, `spans` sorted: one pass
/// over the text, so that thousands of places on one line of megabytes stay cheap.
fn locations_at(file: &SourceFile, spans: &[(usize, usize)]) -> HashMap<(usize, usize), Location> {
    let text = &file.text;
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut located = HashMap::with_capacity(spans.len());
    let line_end_from = |start: usize| text[start..].find('\n').map_or(text.len(), |i| start + i);
    let (mut line, mut line_start) = (1_usize, 0_usize);
    let mut line_end = line_end_from(0);
    // Characters from the line start up to `counted`.
    let (mut counted, mut chars) = (0_usize, 0_usize);
    for &(offset, len) in spans {
        let Some(between) = text.get(counted..offset) else {
            continue;
        };
        for (i, _) in between.match_indices('\n') {
            line += 1;
            line_start = counted + i + 1;
        }
        if line_start > counted {
            chars = text[line_start..offset].chars().count();
            line_end = line_end_from(line_start);
        } else {
            chars += between.chars().count();
        }
        counted = offset;
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let width = text
            .get(offset..offset + len)
            .map_or(1, |s| s.chars().count());
        located.insert(
            (offset, len),
            Location::in_line(
                file.path.clone(),
                to_u32(line),
                line_text,
                offset - line_start,
                to_u32(chars + 1),
                to_u32(width),
            ),
        );
    }
    located
}

/// Walks a JSON text (already known to parse) keeping the pointer of the current value,
/// and records where each target pointer's key or item starts.
struct JsonScanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    path: String,
    targets: &'a HashSet<&'a str>,
    /// Pointer → (byte offset, byte length) of its key (or item).
    found: HashMap<String, (usize, usize)>,
}

/// Nesting the scanner follows; serde_json refuses deeper documents anyway.
const MAX_DEPTH: usize = 256;

impl JsonScanner<'_> {
    fn root(&mut self) {
        self.whitespace();
        if self.targets.contains("") {
            self.found.insert(String::new(), (self.pos, 1));
        }
        self.value(0);
    }

    fn whitespace(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips one value; `None` when the text is not JSON after all.
    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.whitespace();
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(drop),
            _ => {
                while self
                    .peek()
                    .is_some_and(|b| !matches!(b, b',' | b']' | b'}') && !b.is_ascii_whitespace())
                {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        self.pos += 1;
        loop {
            self.whitespace();
            if self.peek()? == b'}' {
                self.pos += 1;
                return Some(());
            }
            let key_start = self.pos;
            let key = self.string()?;
            let parent = self.path.len();
            pointer::push(&mut self.path, &key);
            if self.targets.contains(self.path.as_str()) {
                self.found
                    .insert(self.path.clone(), (key_start, self.pos - key_start));
            }
            self.whitespace();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.value(depth + 1)?;
            self.path.truncate(parent);
            self.whitespace();
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        self.pos += 1;
        let mut index = 0_usize;
        loop {
            self.whitespace();
            if self.peek()? == b']' {
                self.pos += 1;
                return Some(());
            }
            let parent = self.path.len();
            pointer::push(&mut self.path, &index.to_string());
            if self.targets.contains(self.path.as_str()) {
                self.found.insert(self.path.clone(), (self.pos, 1));
            }
            self.value(depth + 1)?;
            self.path.truncate(parent);
            index += 1;
            self.whitespace();
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Reads a string token and returns its text, escapes decoded.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    self.pos += 2;
                }
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        let token = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?;
        if escaped {
            serde_json::from_str(token).ok()
        } else {
            Some(token[1..token.len() - 1].to_owned())
        }
    }
}

fn locate_yaml(file: &SourceFile, pointers: &[&str]) -> Vec<Location> {
    let tree =
        serde_saphyr::from_str_with_options::<Spanned<Located>>(&file.text, crate::yaml::options())
            .ok();
    pointers
        .iter()
        .map(|pointer| {
            tree.as_ref()
                .and_then(|tree| find_yaml(tree, pointer))
                .map_or_else(
                    || Location::start_of(file),
                    |at| Location::from_saphyr(file, &at),
                )
        })
        .collect()
}

fn find_yaml(tree: &Spanned<Located>, pointer: &str) -> Option<serde_saphyr::Location> {
    let mut node = tree;
    let mut at = tree.referenced;
    for token in pointer::tokens(pointer) {
        match &node.value {
            Located::Map(members) => {
                let (key, value) = members.iter().find(|(key, _)| key.value == token)?;
                at = key.referenced;
                node = value;
            }
            Located::List(items) => {
                node = items.get(token.parse::<usize>().ok()?)?;
                at = node.referenced;
            }
            Located::Leaf => return None,
        }
    }
    Some(at)
}

/// A YAML document's shape with the location of every key and value, values dropped.
enum Located {
    Leaf,
    List(Vec<Spanned<Located>>),
    Map(Vec<(Spanned<String>, Spanned<Located>)>),
}

impl<'de> Deserialize<'de> for Located {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LocatedVisitor)
    }
}

struct LocatedVisitor;

impl<'de> Visitor<'de> for LocatedVisitor {
    type Value = Located;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Located, E> {
        Ok(Located::Leaf)
    }

    fn visit_none<E: de::Error>(self) -> Result<Located, E> {
        Ok(Located::Leaf)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Located, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Located, E> {
        Ok(Located::Leaf)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Located, E> {
        Ok(Located::Leaf)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Located, E> {
        Ok(Located::Leaf)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Located, E> {
        Ok(Located::Leaf)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Located, E> {
        Ok(Located::Leaf)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Located, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Located::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Located, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Key>>()? {
            let key = Spanned {
                value: key.value.0,
                referenced: key.referenced,
                defined: key.defined,
            };
            members.push((key, map.next_value()?));
        }
        Ok(Located::Map(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "doc".into(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn json_pointers_are_found_at_their_key_or_item() {
        let doc = file("{\"a\": {\"b~/\": [1, {\"c\": 2}]},\n \"d\\u0041\": 3}");
        let found = locate(&doc, true, &["/a/b~0~1", "/a/b~0~1/1", "/dA", "/zz"]);
        let at: Vec<_> = found.iter().map(|l| (l.line, l.column, l.width)).collect();
        assert_eq!(at, [(1, 8, 5), (1, 19, 1), (2, 2, 9), (1, 1, 1)]);
    }

    #[test]
    fn yaml_pointers_are_found_at_their_key() {
        let doc = file("a:\n  b:\n    - x\n    - c: 1\n");
        let found = locate(&doc, false, &["/a/b", "/a/b/1/c"]);
        let at: Vec<_> = found.iter().map(|l| (l.line, l.column)).collect();
        assert_eq!(at, [(2, 3), (4, 7)]);
    }
}
