//! Spec docs as doc comments that rustdoc shows but never compiles. A spec's doc is text
//! about the API: a code block in it is an example request or a JSON payload, not Rust,
//! yet rustdoc compiles every unlabelled, `rust`-labelled or indented code block as a
//! doctest. Each such block becomes a `text` block, found the way rustdoc finds them
//! (with the Markdown parser rustdoc uses), and a block left open is closed, so that it
//! cannot swallow the compiled example the generator appends.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// `doc` with every code block rustdoc would compile turned into a `text` block, tabs as
/// four spaces (rustdoc's Markdown reads a tab as indentation), and a line that starts
/// with `>` or `<` outside a code block escaped, since the API's docs mean the character
/// (`>= | Greater than or equal to`), not a quote or HTML.
pub fn inert(doc: &str) -> String {
    let doc = escape_line_starts(&doc.replace('\t', "    "));
    if !may_hold_code_block(&doc) {
        return doc;
    }
    code_blocks_inert(&doc)
}

/// Whether Markdown could read a code block in `doc` (tabs already spaces): a fence needs
/// three backticks or tildes, and an indented block four spaces of indentation, after any
/// quote or list marker. Most of an API's docs have neither, and are then kept as they are
/// without running the Markdown parser over them.
fn may_hold_code_block(doc: &str) -> bool {
    doc.contains("```") || doc.contains("~~~") || doc.contains("    ")
}

/// `doc` with each code block rustdoc would compile made a `text` block, found by the
/// Markdown parser.
fn code_blocks_inert(doc: &str) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut open: Option<(usize, CodeBlockKind<'_>)> = None;
    for (event, range) in Parser::new_ext(doc, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => open = Some((range.start, kind)),
            Event::End(TagEnd::CodeBlock) => {
                if let Some((start, kind)) = open.take() {
                    edits.extend(block_edits(doc, start..range.end, &kind));
                }
            }
            _ => {}
        }
    }
    let mut text = doc.to_owned();
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, replacement) in edits {
        text.replace_range(range, &replacement);
    }
    text
}

/// `\\<` for a `<` that begins a line outside fenced code blocks and starts no HTML tag
/// (`<= | Less than or equal to`), and `\\>` for a `>` that begins a line a quote cannot
/// have: one next to a line of the same paragraph that is not quoted, which Markdown would
/// pull into the quote. Quotes whose every line is quoted stay quotes.
fn escape_line_starts(doc: &str) -> String {
    let lines: Vec<&str> = doc.split_inclusive('\n').collect();
    let mut in_fence = false;
    let mut outside_fence = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        } else {
            outside_fence[i] = !in_fence;
        }
    }
    let starts = |i: usize, c: char| lines[i].trim_start().starts_with(c);
    let blank = |i: usize| lines[i].trim().is_empty();
    let mut escaped = vec![false; lines.len()];
    for i in 0..lines.len() {
        let rest = lines[i].trim_start();
        escaped[i] = outside_fence[i]
            && rest.starts_with('<')
            && !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
    }
    // An escaped line is not quoted, so its neighbours are looked at again.
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..lines.len() {
            if escaped[i] || !outside_fence[i] || !starts(i, '>') {
                continue;
            }
            let unquoted = |j: usize| !blank(j) && (!starts(j, '>') || escaped[j]);
            let lazy = (i > 0 && unquoted(i - 1)) || (i + 1 < lines.len() && unquoted(i + 1));
            if lazy {
                escaped[i] = true;
                changed = true;
            }
        }
    }
    let mut out = String::with_capacity(doc.len() + 8);
    for (line, escaped) in lines.iter().zip(escaped) {
        if escaped {
            let trimmed = line.trim_start();
            out.push_str(&line[..line.len() - trimmed.len()]);
            out.push('\\');
            out.push_str(trimmed);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The edits that make one code block (`block` is its byte range in `doc`) inert.
fn block_edits(
    doc: &str,
    block: Range<usize>,
    kind: &CodeBlockKind<'_>,
) -> Vec<(Range<usize>, String)> {
    match kind {
        CodeBlockKind::Fenced(info) => fenced_edits(doc, block, info),
        CodeBlockKind::Indented => indented_edits(doc, block),
    }
}

/// A fenced block keeps a language label (`json`, `bash`) and gets `text` for anything
/// rustdoc reads as Rust: no label, `rust`, or its test attributes (`no_run`, `ignore`,
/// `edition2021`, …), alone or in a list. A block the doc leaves open is closed.
fn fenced_edits(doc: &str, block: Range<usize>, info: &str) -> Vec<(Range<usize>, String)> {
    let text = &doc[block.clone()];
    let fence_char = text.chars().next().unwrap_or('`');
    let fence_len = text.chars().take_while(|c| *c == fence_char).count();
    let fence: String = std::iter::repeat_n(fence_char, fence_len).collect();
    let mut edits = Vec::new();
    if !is_language_name(info) {
        let line_end = text.find('\n').map_or(block.end, |i| block.start + i);
        edits.push((block.start..line_end, format!("{fence}text")));
    }
    let last_line = text
        .trim_end_matches(['\n', '\r'])
        .rsplit('\n')
        .next()
        .unwrap_or("");
    let closed = text.contains('\n') && {
        let line = last_line.trim();
        line.len() >= fence_len && line.chars().all(|c| c == fence_char)
    };
    // A fence still open where the doc ends would open on whatever follows the doc.
    if !closed && block.end == doc.len() {
        let line_start = doc[..block.start].rfind('\n').map_or(0, |i| i + 1);
        let container: String = doc[line_start..block.start]
            .chars()
            .map(|c| if c == '>' { '>' } else { ' ' })
            .collect();
        let newline = if doc.ends_with('\n') { "" } else { "\n" };
        edits.push((block.end..block.end, format!("{newline}{container}{fence}")));
    }
    edits
}

/// Whether a fence's info string names a language other than Rust, which rustdoc leaves
/// alone: one word, not one of rustdoc's Rust labels.
fn is_language_name(info: &str) -> bool {
    let info = info.trim();
    let rust_label = info == "rust"
        || info.starts_with("ignore")
        || info.starts_with("edition")
        || matches!(
            info,
            "no_run" | "should_panic" | "compile_fail" | "test_harness" | "standalone_crate"
        );
    !info.is_empty()
        && !rust_label
        && info
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '#' | '.'))
}

/// An indented block becomes a fenced `text` block: its lines lose the four spaces that
/// made it code, and the fences go where its indentation began (inside the list item or
/// quote it is in).
fn indented_edits(doc: &str, block: Range<usize>) -> Vec<(Range<usize>, String)> {
    let line_start = doc[..block.start].rfind('\n').map_or(0, |i| i + 1);
    // What precedes the code on its first line: the container's prefix (a list item's
    // indentation, `> `) and the four spaces.
    let lead = &doc[line_start..block.start];
    let prefix = lead.strip_suffix("    ").unwrap_or_else(|| lead.trim_end());
    let code = &doc[line_start..block.end];
    let lines: Vec<String> = code
        .strip_suffix('\n')
        .unwrap_or(code)
        .split('\n')
        .map(|line| match line.strip_prefix(lead) {
            Some(rest) => format!("{prefix}{rest}"),
            None => line.to_owned(),
        })
        .collect();
    let newline = if code.ends_with('\n') { "\n" } else { "" };
    let fenced = format!(
        "{prefix}```text\n{}\n{prefix}```{newline}",
        lines.join("\n")
    );
    vec![(line_start..block.end, fenced)]
}

#[cfg(test)]
mod tests {
    use super::{code_blocks_inert, inert, may_hold_code_block};

    #[test]
    fn docs_skipped_as_holding_no_code_block_are_what_the_markdown_parser_leaves_them() {
        let docs = [
            "Plain text.",
            "A list:\n- one\n- two\n\n1. first\n2. second",
            "> quoted\n> text",
            "Two  spaces, `inline code`, ``double``, ~tilde~ and ~~strike~~.",
            "   three spaces\n\n   of indentation",
            "<b>html</b> and\n\n\\<= less or equal",
            "Line\n\n\n\nafter blanks",
            "- item\n\n   continued",
        ];
        for doc in docs {
            assert!(!may_hold_code_block(doc), "{doc:?}");
            assert_eq!(code_blocks_inert(doc), doc, "{doc:?}");
            assert_eq!(inert(doc), doc, "{doc:?}");
        }
        // Each of these has a block, so it must not be skipped.
        for doc in [
            "x\n\n    indented",
            ">     quoted indented",
            "-     listed indented",
            "~~~\nx\n~~~",
            "```\nx",
            "a\n\n\tx",
        ] {
            assert!(may_hold_code_block(&doc.replace('\t', "    ")), "{doc:?}");
            assert_ne!(inert(doc), doc.replace('\t', "    "), "{doc:?}");
        }
    }

    #[test]
    fn an_unlabelled_fence_becomes_text_and_a_language_label_stays() {
        assert_eq!(
            inert("A.\n\n```\nlet x = 1;\n```\n"),
            "A.\n\n```text\nlet x = 1;\n```\n"
        );
        assert_eq!(inert("```rust\nx\n```"), "```text\nx\n```");
        assert_eq!(inert("```no_run\nx\n```"), "```text\nx\n```");
        assert_eq!(inert("```json,ignore\nx\n```"), "```text\nx\n```");
        assert_eq!(inert("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(inert("~~~~\nx\n~~~~"), "~~~~text\nx\n~~~~");
    }

    #[test]
    fn an_indented_block_becomes_a_text_fence_at_its_container() {
        assert_eq!(
            inert("Call it:\n\n    curl -X GET /x\n    -H y\n\nDone."),
            "Call it:\n\n```text\ncurl -X GET /x\n-H y\n```\n\nDone."
        );
        assert_eq!(
            inert("- item\n\n      code\n"),
            "- item\n\n  ```text\n  code\n  ```\n"
        );
    }

    #[test]
    fn a_fence_left_open_is_closed() {
        assert_eq!(inert("A.\n\n```\nx"), "A.\n\n```text\nx\n```");
        assert_eq!(inert("```json\nx\n"), "```json\nx\n```");
        assert_eq!(inert("- a\n- ```\n  x"), "- a\n- ```text\n  x\n  ```");
    }

    #[test]
    fn an_indented_block_in_a_quote_keeps_its_quote() {
        assert_eq!(
            inert("> quote\n>\n>     code\n"),
            "> quote\n>\n> ```text\n> code\n> ```\n"
        );
    }

    #[test]
    fn a_line_starting_with_a_comparison_is_escaped_and_a_whole_quote_is_not() {
        assert_eq!(
            inert("Operators:\n> | Greater\n<= | Less or equal\n<br> stays"),
            "Operators:\n\\> | Greater\n\\<= | Less or equal\n<br> stays"
        );
        assert_eq!(
            inert("> all\n> quoted\n\nafter"),
            "> all\n> quoted\n\nafter"
        );
    }

    #[test]
    fn text_without_code_blocks_is_unchanged() {
        let doc = "Plain text with `inline code` and\n   three spaces of indent.";
        assert_eq!(inert(doc), doc);
    }
}
