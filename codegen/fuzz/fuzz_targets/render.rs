//! Any text through the whole in-memory pipeline: no panic, and no internal error (an
//! accepted spec must always produce Rust that parses).
#![no_main]

use codegen::diagnostic::SourceFile;
use codegen::{Error, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile {
        path: "spec/fuzz.yaml".into(),
        text: text.to_owned(),
    };
    match render(vec![source], "sdk") {
        Err(Error::Internal(message)) => panic!("internal error: {message}"),
        Err(err) => drop(err.to_string()),
        Ok(rendered) => drop(rendered.warnings.to_string()),
    }
});
