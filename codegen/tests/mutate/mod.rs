//! Random edits of a text (a spec, an OpenAPI document), for the robustness tests: delete,
//! duplicate, swap or re-indent lines, flip characters, insert snippets, truncate,
//! replace words. Shared by `mutations.rs` and `import_mutations.rs`.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

/// One edit of a text.
#[derive(Clone, Debug)]
pub enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Indent(usize, bool),
    FlipChar(usize, char),
    Insert(usize, &'static str),
    Truncate(usize),
    /// Replace the `n`th word with a word from elsewhere in the text.
    ReplaceWord(usize, usize),
}

/// Any one edit; inserted text is one of `snippets`.
pub fn mutation(snippets: &'static [&'static str]) -> impl Strategy<Value = Mutation> {
    let index = any::<usize>();
    prop_oneof![
        index.prop_map(Mutation::DeleteLine),
        index.prop_map(Mutation::DuplicateLine),
        (index, index).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (index, any::<bool>()).prop_map(|(line, deeper)| Mutation::Indent(line, deeper)),
        (index, any::<char>()).prop_map(|(at, c)| Mutation::FlipChar(at, c)),
        (index, prop::sample::select(snippets)).prop_map(|(at, s)| Mutation::Insert(at, s)),
        index.prop_map(Mutation::Truncate),
        (index, index).prop_map(|(a, b)| Mutation::ReplaceWord(a, b)),
    ]
}

/// `text` with `mutation` applied; indexes wrap around so every edit applies somewhere.
pub fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let line_count = lines.len().max(1);
    let char_at = |at: usize| {
        let count = text.chars().count().max(1);
        text.char_indices()
            .nth(at % count)
            .map_or(text.len(), |(byte, _)| byte)
    };
    match mutation {
        Mutation::DeleteLine(at) if !lines.is_empty() => {
            lines.remove(at % line_count);
        }
        Mutation::DuplicateLine(at) if !lines.is_empty() => {
            let line = lines[at % line_count].clone();
            lines.insert(at % line_count, line);
        }
        Mutation::SwapLines(a, b) if !lines.is_empty() => {
            lines.swap(a % line_count, b % line_count)
        }
        Mutation::Indent(at, deeper) if !lines.is_empty() => {
            let line = &mut lines[at % line_count];
            if *deeper {
                line.insert_str(0, "  ");
            } else {
                *line = line.trim_start_matches(' ').to_owned();
            }
        }
        Mutation::FlipChar(at, c) => {
            let byte = char_at(*at);
            let mut out = text.to_owned();
            let end = out[byte..]
                .chars()
                .next()
                .map_or(byte, |old| byte + old.len_utf8());
            out.replace_range(byte..end, &c.to_string());
            return out;
        }
        Mutation::Insert(at, snippet) => {
            let mut out = text.to_owned();
            out.insert_str(char_at(*at), snippet);
            return out;
        }
        Mutation::Truncate(at) => return text[..char_at(*at)].to_owned(),
        Mutation::ReplaceWord(target, source) => {
            let words: Vec<(usize, &str)> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .filter(|w| !w.is_empty())
                .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
                .collect();
            if words.is_empty() {
                return text.to_owned();
            }
            let (start, old) = words[target % words.len()];
            let (_, new) = words[source % words.len()];
            let mut out = text.to_owned();
            out.replace_range(start..start + old.len(), new);
            return out;
        }
        _ => {}
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// A seed and the mutations to apply to it.
pub fn mutated(
    seeds: Vec<String>,
    snippets: &'static [&'static str],
) -> impl Strategy<Value = String> {
    (
        prop::sample::select(seeds),
        prop::collection::vec(mutation(snippets), 1..8),
    )
        .prop_map(|(seed, mutations)| {
            mutations
                .iter()
                .fold(seed, |text, mutation| apply(&text, mutation))
        })
}

/// `PROPTEST_CASES`, or 300.
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(300)
}

/// Runs `holds` on inputs from `strategy` for `MUTATION_SECONDS` (default 60) and prints
/// how many were tried; `holds` says whether an input was accepted, or what went wrong.
pub fn soak(strategy: impl Strategy<Value = String>, holds: impl Fn(&str) -> Result<bool, String>) {
    let seconds = std::env::var("MUTATION_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    });
    let (mut tried, mut accepted) = (0_u64, 0_u64);
    while Instant::now() < deadline {
        let text = strategy
            .new_tree(&mut runner)
            .expect("a mutated input")
            .current();
        tried += 1;
        match holds(&text) {
            Ok(valid) => accepted += u64::from(valid),
            Err(problem) => panic!("after {tried} inputs: {problem}\n--- input ---\n{text}"),
        }
    }
    println!("mutation soak: {tried} inputs tried in {seconds} s, {accepted} accepted as valid");
}
