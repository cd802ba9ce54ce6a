//! Sets up a scratch copy of the SDK crate for `scripts/compile_cost.sh` (see
//! `sdk-scratch`): its sources are generated from a synthetic spec of ENDPOINTS endpoints,
//! or copied from `generated/src` for 0.
//!
//! Usage: `scratch_crate ENDPOINTS DIR`.

use std::fs;
use std::path::PathBuf;

use sdk_benches::synth;
use sdk_scratch::{ScratchCrate, workspace};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(endpoints), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: scratch_crate ENDPOINTS DIR");
        std::process::exit(2);
    };
    let endpoints: usize = endpoints.parse().expect("ENDPOINTS is a number");
    let dir = PathBuf::from(dir);
    let scratch = ScratchCrate::create(&dir).expect("scratch directory");
    let files: Vec<(PathBuf, String)> = if endpoints == 0 {
        let src = workspace().join("generated/src");
        fs::read_dir(&src)
            .expect("generated/src")
            .map(|entry| {
                let path = entry.expect("generated/src entry").path();
                let text = fs::read_to_string(&path).expect("generated file");
                (PathBuf::from(path.file_name().expect("file name")), text)
            })
            .collect()
    } else {
        let options = codegen::Config::checked_in_sdk(&workspace())
            .options()
            .clone();
        codegen::render(synth::sources(endpoints), &options)
            .unwrap_or_else(|err| panic!("{err}"))
            .files
            .into_iter()
            .map(|file| (file.path, file.contents))
            .collect()
    };
    scratch
        .write_sources(
            files
                .iter()
                .map(|(path, text)| (path.as_path(), text.as_str())),
        )
        .expect("write generated files");
}
