//! "`codegen check` saying no errors means the code compiles", tried on random specs with
//! hostile names and text: keywords, names the crate already has, control and
//! bidirectional characters, non-ASCII, code blocks and very long docs, wire names that
//! are no identifiers. Each spec is either refused, every error with a location, or
//! generated into one member of a scratch cargo workspace; then one `cargo build` compiles
//! them all, which must pass without a warning.
//!
//! The CI run is a fixed set of specs (a fixed seed); the soak run, behind `--ignored`, is
//! many more from a random seed, and runs the generated doc examples too:
//! `cargo test -p codegen --test hostile_specs -- --ignored` (`HOSTILE_SEED=n` repeats a
//! run, `HOSTILE_ROUNDS=n` sets how many batches of 64 specs it makes; a refused spec's
//! errors are printed with `HOSTILE_VERBOSE=1`).

use std::path::Path;

use codegen::diagnostic::{Severity, SourceFile};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use sdk_scratch::{ScratchWorkspace, workspace};
use serde_json::{Map, Value, json};

/// Text that docs are made of and that generated code must carry: Markdown and HTML that
/// rustdoc reads, code blocks it would compile, non-ASCII, comment markers, escapes.
const DOCS: &[&str] = &[
    "`inline code`",
    "```\nlet x: u8 = 300;\n```",
    "```rust\nfn main() { undefined() }\n```",
    "~~~\nbroken(\n~~~",
    "```json\n{\"a\": 1}\n```",
    "```\nleft open",
    "    indented code();",
    "<b>bold</b> <script>x</script>",
    "[a link](http://example.com) [`Client`] [missing]",
    "*/ /* // ///",
    "\"quoted\" 'single'",
    "back\\slash \\u{202E}",
    "{braces} #hash %percent",
    "# Heading",
    "<!-- comment -->",
    "é ü ñ ß 日本語 🔥",
    "tab\there",
    "line\n\nbreaks",
    "zero\u{200B}width",
];

/// Characters rustc refuses in generated code: such a doc must be refused.
const BAD_DOCS: &[&str] = &[
    "\u{202E}reversed",
    "\u{2066}isolate\u{2069}",
    "bare\rreturn",
    "nul\u{0}byte",
    "bell\u{7}",
];

/// Snake-case names a spec may use that sit close to what the crate has.
const SEGMENTS: &[&str] = &[
    "get",
    "list",
    "new",
    "into",
    "inner",
    "execute",
    "settings",
    "send",
    "v2",
    "delete_all",
    "result",
    "errors",
    "page",
    "pages",
    "stream",
    "with_response",
    "kind",
    "unknown",
];

/// Snake-case names that must be refused: keywords, names the crate has, non-ASCII, odd.
const BAD_SEGMENTS: &[&str] = &[
    "type", "async", "gen", "self", "crate", "super", "fn", "match", "try", "dyn", "clone",
    "builder", "from_env", "base_url", "fmt", "from", "types", "api", "full", "default", "std",
    "serde", "core", "client", "café", "ｓ", "", "_", "a__b", "A", "aB", "1a", "a-b",
];

/// Type names close to Rust's own words.
const TYPE_NAMES: &[&str] = &[
    "Type", "Async", "Fn", "Match", "Data", "Item", "Kind", "Page",
];

/// Type names that must be refused: the crate uses or re-exports them, or they are odd.
const BAD_TYPE_NAMES: &[&str] = &[
    "Client",
    "Error",
    "Value",
    "Result",
    "Option",
    "String",
    "Vec",
    "Box",
    "Unknown",
    "Self",
    "Number",
    "DateTime",
    "Binary",
    "Pages",
    "Call",
    "Response",
    "Café",
    "A_b",
    "aB",
    "Map",
    "Text",
    "HTTPServer",
];

/// Wire names that give no Rust name or an awkward one (they get a `rust:` name when
/// they give none).
const WIRES: &[&str] = &[
    "type", "self", "Self", "a b", "0", "1.5", "ünï", "\"q\"", "x-y", "$ref", "@id", "🔥", "UPPER",
    "match", "a\\b", "{id}", "r#x", "crate", "gen", "",
];

/// Wire names that must be refused.
const BAD_WIRES: &[&str] = &["a\u{202E}", "a\r", "n\u{0}", "tab\tbed", "unknown_fields"];

const SCALARS: &[&str] = &[
    "string",
    "integer",
    "number",
    "boolean",
    "date-time",
    "any",
    "list<string>",
    "map<integer>",
    "list<list<number>>",
];

fn pick(pool: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(pool).prop_map(str::to_owned)
}

/// Mostly `ordinary`, often `tricky` (valid), rarely `bad` (to be refused): a spec has
/// dozens of such choices, and most specs must be valid for the compile check to mean
/// something.
fn mostly(
    ordinary: impl Strategy<Value = String> + 'static,
    tricky: &'static [&'static str],
    bad: &'static [&'static str],
) -> BoxedStrategy<String> {
    prop_oneof![140 => ordinary, 58 => pick(tricky), 2 => pick(bad)].boxed()
}

/// A doc: a sentence and fragments, sometimes a very long one.
fn doc() -> impl Strategy<Value = Option<String>> {
    let fragments =
        prop::collection::vec(mostly(Just("A sentence.".to_owned()), DOCS, BAD_DOCS), 1..4)
            .prop_map(|parts| parts.join(" "));
    let long = (1usize..4).prop_map(|n| "A long doc of many words. ".repeat(n * 2000));
    prop::option::weighted(0.7, prop_oneof![12 => fragments, 1 => long])
}

fn segment() -> BoxedStrategy<String> {
    mostly("[a-z][a-z0-9]{2,7}", SEGMENTS, BAD_SEGMENTS)
}

fn type_name() -> BoxedStrategy<String> {
    mostly("[A-Z][a-z]{3,8}", TYPE_NAMES, BAD_TYPE_NAMES)
}

fn wire() -> BoxedStrategy<String> {
    mostly("[a-z][a-zA-Z0-9_]{2,8}", WIRES, BAD_WIRES)
}

/// A field: wire name, type (a scalar or the index of another type of the spec),
/// optional, nullable, doc and perhaps a Rust name.
#[derive(Clone, Debug)]
struct FieldGen {
    wire: String,
    ty: Result<String, usize>,
    optional: bool,
    nullable: bool,
    doc: Option<String>,
    rust: Option<String>,
}

fn field() -> impl Strategy<Value = FieldGen> {
    let ty = prop_oneof![3 => pick(SCALARS).prop_map(Ok), 1 => (0usize..8).prop_map(Err)];
    (
        wire(),
        ty,
        any::<bool>(),
        prop::bool::weighted(0.2),
        doc(),
        prop::option::weighted(0.2, segment()),
        "[a-z]{4,9}",
    )
        .prop_map(|(wire, ty, optional, nullable, doc, rust, fallback)| {
            let needs_name = codegen::naming::field_name(&wire).is_none();
            // A named type is optional, so that a cycle of types has a value (it is boxed).
            let optional = optional || ty.is_err();
            FieldGen {
                wire,
                ty,
                optional,
                nullable,
                doc,
                rust: rust.or(needs_name.then_some(fallback)),
            }
        })
}

/// A named type's shape.
#[derive(Clone, Debug)]
enum ShapeGen {
    Struct(Vec<FieldGen>),
    /// Wire values, each with a Rust name perhaps and a doc.
    Enum(Vec<(String, Option<String>, Option<String>)>),
    /// Tag, and variants: tag value, doc, fields.
    Union(String, Vec<(String, Option<String>, Vec<FieldGen>)>),
}

#[derive(Clone, Debug)]
struct TypeGen {
    name: String,
    doc: Option<String>,
    shape: ShapeGen,
}

fn type_gen() -> impl Strategy<Value = TypeGen> {
    let value = (
        wire(),
        prop::option::weighted(0.2, type_name()),
        doc(),
        "[A-Z][a-z]{3,8}",
    )
        .prop_map(|(wire, rust, doc, fallback)| {
            let needs_name = codegen::naming::variant_name(&wire).is_none();
            (wire, rust.or(needs_name.then_some(fallback)), doc)
        });
    let variant = (wire(), doc(), prop::collection::vec(field(), 0..3));
    let shape = prop_oneof![
        4 => prop::collection::vec(field(), 0..5).prop_map(ShapeGen::Struct),
        2 => prop::collection::vec(value, 1..5).prop_map(ShapeGen::Enum),
        1 => (wire(), prop::collection::vec(variant, 1..3))
            .prop_map(|(tag, variants)| ShapeGen::Union(tag, variants)),
    ];
    (type_name(), doc(), shape).prop_map(|(name, doc, shape)| TypeGen { name, doc, shape })
}

#[derive(Clone, Debug)]
struct EndpointGen {
    namespace: Vec<String>,
    name: String,
    doc: Option<String>,
    method: &'static str,
    path_param: Option<(String, Option<String>)>,
    query: Vec<FieldGen>,
    body: Option<usize>,
    response: Result<String, usize>,
    list: bool,
    errors: Vec<(u16, Option<String>)>,
}

fn endpoint() -> impl Strategy<Value = EndpointGen> {
    let methods = prop::sample::select(&["GET", "POST", "PUT", "PATCH", "DELETE"][..]);
    let scalar_query = field().prop_map(|mut f| {
        f.ty = Ok("string".to_owned());
        f.nullable = false;
        f
    });
    (
        prop::collection::vec(segment(), 0..3),
        segment(),
        doc(),
        methods,
        prop::option::weighted(
            0.5,
            (
                mostly(
                    "[a-z][a-z0-9_]{2,8}",
                    &["id", "type", "zone_id"],
                    &["a b", "body", "query"],
                ),
                prop::option::weighted(0.3, segment()),
            ),
        ),
        prop::collection::vec(scalar_query, 0..3),
        (0usize..8, any::<bool>()),
        prop_oneof![1 => pick(SCALARS).prop_map(Ok), 3 => (0usize..8).prop_map(Err)],
        any::<bool>(),
        prop::collection::vec((400u16..600, doc()), 0..3),
    )
        .prop_map(
            |(namespace, name, doc, method, path_param, query, body, response, list, errors)| {
                EndpointGen {
                    namespace,
                    name,
                    doc,
                    method,
                    path_param,
                    query,
                    body: (body.1 && matches!(method, "POST" | "PUT" | "PATCH")).then_some(body.0),
                    response,
                    list,
                    errors,
                }
            },
        )
}

fn spec() -> impl Strategy<Value = (Vec<TypeGen>, Vec<EndpointGen>)> {
    (
        prop::collection::vec(type_gen(), 1..5),
        prop::collection::vec(endpoint(), 1..4),
    )
}

/// The spec as YAML (JSON is YAML): every name and text exactly as generated.
fn spec_text(types: &[TypeGen], endpoints: &[EndpointGen]) -> String {
    // Names drawn twice from a small pool are made unique: a duplicate is an error that
    // would hide whatever else the spec tries.
    let mut types = types.to_vec();
    for index in 0..types.len() {
        if types[..index]
            .iter()
            .any(|def| def.name == types[index].name)
        {
            types[index].name.push_str(&format!("Nr{index}"));
        }
    }
    let types = types.as_slice();
    let type_ref = |ty: &Result<String, usize>| match ty {
        Ok(scalar) => scalar.clone(),
        Err(index) => types[index % types.len()].name.clone(),
    };
    let with_doc = |mut map: Map<String, Value>, doc: &Option<String>| {
        if let Some(doc) = doc {
            map.insert("doc".into(), json!(doc));
        }
        map
    };
    let fields = |fields: &[FieldGen]| {
        let mut map = Map::new();
        for f in fields {
            let mut decl = Map::new();
            decl.insert("type".into(), json!(type_ref(&f.ty)));
            decl.insert("optional".into(), json!(f.optional));
            decl.insert("nullable".into(), json!(f.nullable));
            if let Some(rust) = &f.rust {
                decl.insert("rust".into(), json!(rust));
            }
            map.insert(f.wire.clone(), Value::Object(with_doc(decl, &f.doc)));
        }
        Value::Object(map)
    };
    let mut type_map = Map::new();
    for def in types {
        let mut decl = with_doc(Map::new(), &def.doc);
        match &def.shape {
            ShapeGen::Struct(list) => {
                decl.insert("fields".into(), fields(list));
            }
            ShapeGen::Enum(values) => {
                let mut map = Map::new();
                for (wire, rust, doc) in values {
                    let mut value = with_doc(Map::new(), doc);
                    if let Some(rust) = rust {
                        value.insert("rust".into(), json!(rust));
                    }
                    map.insert(wire.clone(), Value::Object(value));
                }
                decl.insert("enum".into(), Value::Object(map));
            }
            ShapeGen::Union(tag, variants) => {
                let mut map = Map::new();
                for (wire, doc, list) in variants {
                    let mut variant = with_doc(Map::new(), doc);
                    variant.insert("fields".into(), fields(list));
                    map.insert(wire.clone(), Value::Object(variant));
                }
                decl.insert("union".into(), json!({ "tag": tag, "variants": map }));
            }
        }
        type_map.insert(def.name.clone(), Value::Object(decl));
    }
    let mut endpoint_map = Map::new();
    for (index, e) in endpoints.iter().enumerate() {
        let mut decl = with_doc(Map::new(), &e.doc);
        decl.insert("method".into(), json!(e.method));
        let mut path = format!("/e{index}");
        if let Some((wire, rust)) = &e.path_param {
            path.push_str(&format!("/{{{wire}}}"));
            let mut param = Map::new();
            param.insert("type".into(), json!("string"));
            if let Some(rust) = rust {
                param.insert("rust".into(), json!(rust));
            }
            decl.insert("path_params".into(), json!({ wire.clone(): param }));
        }
        decl.insert("path".into(), json!(path));
        if !e.query.is_empty() {
            decl.insert("query".into(), fields(&e.query));
        }
        // A body is a struct or a union.
        let body = e.body.and_then(|start| {
            (0..types.len())
                .map(|offset| &types[(start + offset) % types.len()])
                .find(|def| !matches!(def.shape, ShapeGen::Enum(_)))
        });
        if let Some(body) = body {
            decl.insert("body".into(), json!(body.name));
        }
        let response = type_ref(&e.response);
        let response = if e.list {
            format!("list<{response}>")
        } else {
            response
        };
        decl.insert(
            "response".into(),
            json!({ "type": response, "envelope": "result" }),
        );
        if !e.errors.is_empty() {
            let errors: Map<String, Value> = e
                .errors
                .iter()
                .map(|(status, doc)| (status.to_string(), json!(doc.clone().unwrap_or_default())))
                .collect();
            decl.insert("errors".into(), Value::Object(errors));
        }
        let name: Vec<&str> = e
            .namespace
            .iter()
            .map(String::as_str)
            .chain([e.name.as_str()])
            .collect();
        endpoint_map.insert(name.join("."), Value::Object(decl));
    }
    serde_json::to_string_pretty(&json!({ "types": type_map, "endpoints": endpoint_map }))
        .expect("JSON")
}

/// Generates `count` specs from `seed`; refused ones must point at their errors, the
/// others are generated into one workspace that must compile without a warning (and,
/// with `doctests`, whose examples must too).
fn run(seed: u64, count: usize, doctests: bool) {
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let dir = workspace().join(format!("target/scratch-crates/hostile-specs-{count}"));
    let batch = ScratchWorkspace::create(&dir, "hostile", count).expect("scratch workspace");
    let mut accepted = Vec::new();
    let mut problems = Vec::new();
    for index in 0..count {
        let (types, endpoints) = spec().new_tree(&mut runner).expect("a spec").current();
        let text = spec_text(&types, &endpoints);
        let source = SourceFile {
            path: format!("hostile-{index}.yaml").into(),
            text: text.clone(),
        };
        let mut options = codegen::Config::checked_in_sdk(&workspace())
            .namespace_features(codegen::DefaultFeatures::All)
            .options()
            .clone();
        options.doc_examples = Some(batch.crate_name(index));
        let rendered = std::panic::catch_unwind(|| codegen::render(vec![source], &options));
        let files = match rendered {
            Err(_) => {
                problems.push(format!("spec {index} made the generator panic:\n{text}"));
                Vec::new()
            }
            Ok(Err(codegen::Error::Spec(diagnostics))) => {
                let unlocated: Vec<&str> = diagnostics
                    .0
                    .iter()
                    .filter(|d| d.severity == Severity::Error && d.location.is_none())
                    .map(|d| d.message.as_str())
                    .collect();
                if std::env::var_os("HOSTILE_VERBOSE").is_some() {
                    for d in diagnostics
                        .0
                        .iter()
                        .filter(|d| d.severity == Severity::Error)
                    {
                        eprintln!("spec {index}: {}", d.message);
                    }
                }
                if !unlocated.is_empty() {
                    problems.push(format!(
                        "spec {index} was refused without a location: {unlocated:?}\n{text}"
                    ));
                }
                Vec::new()
            }
            Ok(Err(other)) => {
                problems.push(format!("spec {index}: {other}\n{text}"));
                Vec::new()
            }
            Ok(Ok(rendered)) => {
                accepted.push((index, text));
                let files: Vec<(std::path::PathBuf, String)> = rendered
                    .files
                    .iter()
                    .map(|f| (f.path.clone(), f.contents.clone()))
                    .collect();
                batch
                    .write_member(
                        index,
                        files.iter().map(|(p, c)| (p.as_path(), c.as_str())),
                        rendered.features_table.as_deref(),
                    )
                    .expect("member written");
                files
            }
        };
        if files.is_empty() {
            // A refused spec's member is a crate that compiles: an empty library.
            let empty = "//! Refused spec.\n";
            batch
                .write_member(index, [(Path::new("lib.rs"), empty)], None)
                .expect("member written");
        }
    }
    assert!(
        problems.is_empty(),
        "seed {seed}:\n{}",
        problems.join("\n\n")
    );
    // A run that generates almost nothing proves nothing.
    assert!(
        accepted.len() * 4 >= count,
        "seed {seed}: only {} of {count} specs were accepted",
        accepted.len()
    );
    let mut checks = vec![batch.build_without_warnings()];
    if doctests {
        checks.push(batch.doctests_without_warnings());
    }
    for check in checks {
        if let Err(output) = check {
            let blamed: Vec<String> = accepted
                .iter()
                .filter(|(index, _)| output.contains(&format!("hostile-{index}/")))
                .map(|(index, text)| format!("spec {index}:\n{text}"))
                .collect();
            panic!(
                "seed {seed}: generated code that does not compile cleanly:\n{output}\n{}",
                blamed.join("\n\n")
            );
        }
    }
    eprintln!(
        "seed {seed}: {} of {count} specs accepted and compiled",
        accepted.len()
    );
}

#[test]
fn hostile_specs_are_refused_with_a_location_or_generate_code_that_compiles() {
    run(14, 24, false);
}

/// Many more specs, from a random seed (or `HOSTILE_SEED`), doc examples included.
#[test]
#[ignore = "a soak: minutes of compiling; run with --ignored"]
fn hostile_specs_soak() {
    let seed = std::env::var("HOSTILE_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let rounds = std::env::var("HOSTILE_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(5);
    for round in 0..rounds {
        run(seed + round, 64, true);
    }
}

/// The harness itself: one member of the batch with a warning fails the check, or the
/// test above could pass without checking anything.
#[test]
fn the_batch_check_fails_when_one_member_warns() {
    let dir = workspace().join("target/scratch-crates/hostile-harness");
    let batch = ScratchWorkspace::create(&dir, "harness", 2).unwrap();
    let clean = "//! A clean crate.\n";
    let warns = "//! A crate with a warning.\nfn unused() {}\n";
    batch
        .write_member(0, [(Path::new("lib.rs"), clean)], None)
        .unwrap();
    batch
        .write_member(1, [(Path::new("lib.rs"), warns)], None)
        .unwrap();
    let problem = batch.build_without_warnings().unwrap_err();
    assert!(
        problem.contains("harness-1/") && problem.contains("never used"),
        "{problem}"
    );
}
