//! One case per rule of the spec-change report: a small spec before and after one edit, the
//! changes the report must list, and a program written against the crate generated from
//! the old spec. `diff_rules.rs` checks the report; `diff_proof.rs` generates both crates
//! and checks that the program really fails to compile, or sends other requests, exactly
//! when the report says so.
//!
//! Each case uses its own type names and its own namespace (the case's name), so all cases
//! can be generated together: one spec file per case, plus [`COMMON`].

use codegen::diagnostic::SourceFile;
use codegen::diff::Severity::{self, Additive, Breaking, Docs, Wire};
use codegen::diff::{Report, Snapshot};

/// How the report names the generated crate.
pub const CRATE: &str = "cloudflare_sdk";

/// A spec edit and what it does to users of the generated crate.
pub struct Case {
    /// Also the namespace of the case's endpoints and the module of its program.
    pub name: &'static str,
    pub old: &'static str,
    pub new: &'static str,
    /// Every change the report lists: severity, the Rust item (without the crate name) and
    /// a fragment of the message.
    pub expect: &'static [(Severity, &'static str, &'static str)],
    /// The body of `pub async fn run(client: &Client) -> Result<()>`, written against the
    /// old crate; it sends its requests through `client`.
    pub program: &'static str,
}

/// Types every case may use.
pub const COMMON: &str = "
types:
  Empty:
    doc: A response the programs do not read.
    fields:
      note: { type: string, optional: true }
";

/// Parses and resolves in-memory spec files.
pub fn snapshot(files: &[(&str, &str)]) -> Snapshot {
    let sources = files
        .iter()
        .map(|(path, text)| SourceFile {
            path: (*path).into(),
            text: (*text).to_owned(),
        })
        .collect();
    Snapshot::from_sources(sources).unwrap_or_else(|err| panic!("the spec should be valid:\n{err}"))
}

/// The report on one case alone: its spec file next to the common one.
pub fn report(case: &Case) -> Report {
    let old = snapshot(&[("old/common.yaml", COMMON), ("old/case.yaml", case.old)]);
    let new = snapshot(&[("new/common.yaml", COMMON), ("new/case.yaml", case.new)]);
    codegen::diff::compare(&old, &new, CRATE)
}

pub const CASES: &[Case] = &[
    // ---- struct fields ----
    Case {
        name: "optional_field_added",
        old: "
types:
  OptAdded: { fields: { a: string } }
endpoints:
  optional_field_added.send: { method: POST, path: /s, body: OptAdded, response: { type: Empty, envelope: result } }
",
        new: "
types:
  OptAdded: { fields: { a: string, b: { type: string, optional: true } } }
endpoints:
  optional_field_added.send: { method: POST, path: /s, body: OptAdded, response: { type: Empty, envelope: result } }
",
        expect: &[(Additive, "OptAdded::b", "new optional field `b`")],
        program: r#"
    let body = OptAdded::new("x");
    assert_eq!(body.a, "x");
    client.optional_field_added().send(&body).await?;
"#,
    },
    Case {
        name: "form_field_added",
        old: "
types:
  FormAdded: { fields: { file: binary } }
endpoints:
  form_field_added.send: { method: POST, path: /f, body: { type: FormAdded, content: multipart }, response: { type: Empty, envelope: result } }
",
        new: "
types:
  FormAdded: { fields: { file: binary, more: { type: map<binary>, optional: true } } }
endpoints:
  form_field_added.send: { method: POST, path: /f, body: { type: FormAdded, content: multipart }, response: { type: Empty, envelope: result } }
",
        // A form is only sent: nothing of it is read back into `unknown_fields`.
        expect: &[(Additive, "FormAdded::more", "new optional field `more`")],
        program: r#"
    let body = FormAdded::new(Binary::new(b"x".to_vec()));
    client.form_field_added().send(&body).await?;
"#,
    },
    Case {
        name: "required_field_added",
        old: "
types:
  ReqAdded: { fields: { a: string } }
endpoints:
  required_field_added.send: { method: POST, path: /s, body: ReqAdded, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ReqAdded: { fields: { a: string, b: string } }
endpoints:
  required_field_added.send: { method: POST, path: /s, body: ReqAdded, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "ReqAdded::new", "takes a new argument `b: impl Into<String>`")],
        program: r#"
    client.required_field_added().send(&ReqAdded::new("x")).await?;
"#,
    },
    Case {
        name: "required_field_ends_default",
        old: "
types:
  ReqDefault: { fields: { a: { type: string, optional: true } } }
endpoints:
  required_field_ends_default.send: { method: POST, path: /s, body: ReqDefault, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ReqDefault: { fields: { a: { type: string, optional: true }, b: integer } }
endpoints:
  required_field_ends_default.send: { method: POST, path: /s, body: ReqDefault, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "ReqDefault::default", "no longer derives `Default`")],
        program: r#"
    client.required_field_ends_default().send(&ReqDefault::default().with_a("x")).await?;
"#,
    },
    Case {
        name: "optional_field_removed",
        old: "
types:
  OptRemoved: { fields: { a: string, b: { type: string, optional: true } } }
endpoints:
  optional_field_removed.send: { method: POST, path: /s, body: OptRemoved, response: { type: Empty, envelope: result } }
",
        new: "
types:
  OptRemoved: { fields: { a: string } }
endpoints:
  optional_field_removed.send: { method: POST, path: /s, body: OptRemoved, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "OptRemoved::b", "calls `with_b` stops compiling")],
        program: r#"
    client.optional_field_removed().send(&OptRemoved::new("x").with_b("y")).await?;
"#,
    },
    Case {
        name: "required_field_removed",
        old: "
types:
  ReqRemoved: { fields: { a: string, b: string } }
endpoints:
  required_field_removed.send: { method: POST, path: /s, body: ReqRemoved, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ReqRemoved: { fields: { a: string } }
endpoints:
  required_field_removed.send: { method: POST, path: /s, body: ReqRemoved, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "ReqRemoved::b", "loses its `b` argument")],
        program: r#"
    client.required_field_removed().send(&ReqRemoved::new("x", "y")).await?;
"#,
    },
    Case {
        name: "field_renamed_in_rust",
        old: "
types:
  RustRenamed: { fields: { a: string } }
endpoints:
  field_renamed_in_rust.send: { method: POST, path: /s, body: RustRenamed, response: { type: Empty, envelope: result } }
",
        new: "
types:
  RustRenamed: { fields: { a: { type: string, rust: alpha } } }
endpoints:
  field_renamed_in_rust.send: { method: POST, path: /s, body: RustRenamed, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "RustRenamed::alpha", "is renamed `alpha` in Rust")],
        program: r#"
    let body = RustRenamed::new("x");
    assert_eq!(body.a, "x");
    client.field_renamed_in_rust().send(&body).await?;
"#,
    },
    Case {
        name: "field_renamed_on_the_wire",
        old: "
types:
  WireRenamed: { fields: { a: string } }
endpoints:
  field_renamed_on_the_wire.send: { method: POST, path: /s, body: WireRenamed, response: { type: Empty, envelope: result } }
",
        new: "
types:
  WireRenamed: { fields: { aValue: { type: string, rust: a } } }
endpoints:
  field_renamed_on_the_wire.send: { method: POST, path: /s, body: WireRenamed, response: { type: Empty, envelope: result } }
",
        expect: &[(Wire, "WireRenamed::a", "sent and read as `aValue` instead of `a`")],
        program: r#"
    let body = WireRenamed::new("x");
    assert_eq!(body.a, "x");
    client.field_renamed_on_the_wire().send(&body).await?;
"#,
    },
    Case {
        name: "field_type_changed",
        old: "
types:
  TypeChanged: { fields: { n: integer } }
endpoints:
  field_type_changed.send: { method: POST, path: /s, body: TypeChanged, response: { type: Empty, envelope: result } }
",
        new: "
types:
  TypeChanged: { fields: { n: string } }
endpoints:
  field_type_changed.send: { method: POST, path: /s, body: TypeChanged, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "TypeChanged::n", "changes from `i64` to `String`")],
        program: r#"
    let body = TypeChanged::new(5);
    assert_eq!(body.n + 1, 6);
    client.field_type_changed().send(&body).await?;
"#,
    },
    Case {
        name: "field_made_optional",
        old: "
types:
  MadeOptional: { fields: { a: string, b: string } }
endpoints:
  field_made_optional.send: { method: POST, path: /s, body: MadeOptional, response: { type: Empty, envelope: result } }
",
        new: "
types:
  MadeOptional: { fields: { a: string, b: { type: string, optional: true } } }
endpoints:
  field_made_optional.send: { method: POST, path: /s, body: MadeOptional, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "MadeOptional::b", "it is now optional")],
        program: r#"
    client.field_made_optional().send(&MadeOptional::new("x", "y")).await?;
"#,
    },
    Case {
        name: "field_made_required",
        old: "
types:
  MadeRequired: { fields: { a: string, b: { type: string, optional: true } } }
endpoints:
  field_made_required.send: { method: POST, path: /s, body: MadeRequired, response: { type: Empty, envelope: result } }
",
        new: "
types:
  MadeRequired: { fields: { a: string, b: string } }
endpoints:
  field_made_required.send: { method: POST, path: /s, body: MadeRequired, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "MadeRequired::b", "it is now required")],
        program: r#"
    client.field_made_required().send(&MadeRequired::new("x").with_b("y")).await?;
"#,
    },
    Case {
        name: "field_made_nullable",
        old: "
types:
  MadeNullable: { fields: { a: string } }
endpoints:
  field_made_nullable.send: { method: POST, path: /s, body: MadeNullable, response: { type: Empty, envelope: result } }
",
        new: "
types:
  MadeNullable: { fields: { a: { type: string, nullable: true } } }
endpoints:
  field_made_nullable.send: { method: POST, path: /s, body: MadeNullable, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "MadeNullable::a", "it may now be `null`")],
        program: r#"
    client.field_made_nullable().send(&MadeNullable::new("x")).await?;
"#,
    },
    Case {
        name: "optional_field_made_nullable",
        old: "
types:
  OptNullable: { fields: { a: { type: integer, optional: true } } }
endpoints:
  optional_field_made_nullable.send: { method: POST, path: /s, body: OptNullable, response: { type: Empty, envelope: result } }
",
        new: "
types:
  OptNullable: { fields: { a: { type: integer, optional: true, nullable: true } } }
endpoints:
  optional_field_made_nullable.send: { method: POST, path: /s, body: OptNullable, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "OptNullable::a", "from `Option<i64>` to `Option<Option<i64>>`")],
        program: r#"
    let body = OptNullable::default().with_a(3);
    client.optional_field_made_nullable().send(&body).await?;
"#,
    },
    Case {
        name: "any_field_made_nullable",
        old: "
types:
  AnyNullable: { fields: { v: any } }
endpoints:
  any_field_made_nullable.send: { method: POST, path: /s, body: AnyNullable, response: { type: Empty, envelope: result } }
",
        new: "
types:
  AnyNullable: { fields: { v: { type: any, nullable: true } } }
endpoints:
  any_field_made_nullable.send: { method: POST, path: /s, body: AnyNullable, response: { type: Empty, envelope: result } }
",
        expect: &[(Docs, "AnyNullable::v", "stays `Value`")],
        program: r#"
    let body = AnyNullable::new(Value::from(1));
    client.any_field_made_nullable().send(&body).await?;
"#,
    },
    Case {
        name: "same_type_required_fields_swapped",
        old: "
types:
  SameSwap: { fields: { first: string, second: string } }
endpoints:
  same_type_required_fields_swapped.send: { method: POST, path: /s, body: SameSwap, response: { type: Empty, envelope: result } }
",
        new: "
types:
  SameSwap: { fields: { second: string, first: string } }
endpoints:
  same_type_required_fields_swapped.send: { method: POST, path: /s, body: SameSwap, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "SameSwap::new", "silently mean something else")],
        program: r#"
    client.same_type_required_fields_swapped().send(&SameSwap::new("one", "two")).await?;
"#,
    },
    Case {
        name: "different_type_required_fields_swapped",
        old: "
types:
  MixedSwap: { fields: { name: string, count: integer } }
endpoints:
  different_type_required_fields_swapped.send: { method: POST, path: /s, body: MixedSwap, response: { type: Empty, envelope: result } }
",
        new: "
types:
  MixedSwap: { fields: { count: integer, name: string } }
endpoints:
  different_type_required_fields_swapped.send: { method: POST, path: /s, body: MixedSwap, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "MixedSwap::new", "existing calls stop compiling")],
        program: r#"
    client.different_type_required_fields_swapped().send(&MixedSwap::new("x", 2)).await?;
"#,
    },
    Case {
        name: "text_and_link_required_fields_swapped",
        old: "
types:
  HopLink: { fields: { elementId: string } }
  Hop: { fields: { name: string, next: HopLink } }
endpoints:
  text_and_link_required_fields_swapped.send: { method: POST, path: /s, body: Hop, response: { type: Empty, envelope: result } }
",
        new: "
types:
  HopLink: { fields: { elementId: string } }
  Hop: { fields: { next: HopLink, name: string } }
endpoints:
  text_and_link_required_fields_swapped.send: { method: POST, path: /s, body: Hop, response: { type: Empty, envelope: result } }
",
        // A link is built from its id, so both arguments take a string literal.
        expect: &[(Breaking, "Hop::new", "silently mean something else")],
        program: r#"
    client.text_and_link_required_fields_swapped().send(&Hop::new("first", "second")).await?;
"#,
    },
    Case {
        name: "type_moved_into_a_module",
        old: "
types:
  Moved: { fields: { a: string } }
endpoints:
  type_moved_into_a_module.send: { method: POST, path: /s, body: Moved, response: { type: Empty, envelope: result } }
",
        new: "
types:
  Moved: { module: type_moved_into_a_module, rust: Thing, fields: { a: string } }
endpoints:
  type_moved_into_a_module.send: { method: POST, path: /s, body: Moved, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "type_moved_into_a_module::Thing", "moved from `cloudflare_sdk::Moved` to `cloudflare_sdk::type_moved_into_a_module::Thing`")],
        program: r#"
    client.type_moved_into_a_module().send(&Moved::new("x")).await?;
"#,
    },
    Case {
        name: "optional_fields_reordered",
        old: "
types:
  OptOrder: { fields: { a: { type: string, optional: true }, b: { type: string, optional: true } } }
endpoints:
  optional_fields_reordered.send: { method: POST, path: /s, body: OptOrder, response: { type: Empty, envelope: result } }
",
        new: "
types:
  OptOrder: { fields: { b: { type: string, optional: true }, a: { type: string, optional: true } } }
endpoints:
  optional_fields_reordered.send: { method: POST, path: /s, body: OptOrder, response: { type: Empty, envelope: result } }
",
        expect: &[(Wire, "OptOrder", "keys in the new order")],
        program: r#"
    client.optional_fields_reordered().send(&OptOrder::default().with_a("1").with_b("2")).await?;
"#,
    },
    Case {
        name: "field_doc_changed",
        old: "
types:
  FieldDoc: { fields: { a: { type: string, doc: Before. } } }
endpoints:
  field_doc_changed.send: { method: POST, path: /s, body: FieldDoc, response: { type: Empty, envelope: result } }
",
        new: "
types:
  FieldDoc: { fields: { a: { type: string, doc: After. } } }
endpoints:
  field_doc_changed.send: { method: POST, path: /s, body: FieldDoc, response: { type: Empty, envelope: result } }
",
        expect: &[(Docs, "FieldDoc::a", "the doc of field `a`")],
        program: r#"
    client.field_doc_changed().send(&FieldDoc::new("x")).await?;
"#,
    },
    // ---- named types ----
    Case {
        name: "type_doc_changed",
        old: "
types:
  TypeDoc: { doc: Before., fields: { a: string } }
endpoints:
  type_doc_changed.send: { method: POST, path: /s, body: TypeDoc, response: { type: Empty, envelope: result } }
",
        new: "
types:
  TypeDoc: { doc: After., fields: { a: string } }
endpoints:
  type_doc_changed.send: { method: POST, path: /s, body: TypeDoc, response: { type: Empty, envelope: result } }
",
        expect: &[(Docs, "TypeDoc", "the doc of `TypeDoc`")],
        program: r#"
    client.type_doc_changed().send(&TypeDoc::new("x")).await?;
"#,
    },
    Case {
        name: "type_added",
        old: "
endpoints:
  type_added.send: { method: POST, path: /s, response: { type: Empty, envelope: result } }
",
        new: "
types:
  Added: { fields: { a: string } }
endpoints:
  type_added.send: { method: POST, path: /s, response: { type: Empty, envelope: result } }
  type_added.create: { method: POST, path: /c, body: Added, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Additive, "Added", "new struct `Added`"),
            (Additive, "type_added::TypeAdded::create", "new endpoint"),
        ],
        program: r#"
    client.type_added().send().await?;
"#,
    },
    Case {
        name: "type_renamed",
        old: "
types:
  Removed: { fields: { a: string } }
endpoints:
  type_renamed.send: { method: POST, path: /s, body: Removed, response: { type: Empty, envelope: result } }
",
        new: "
types:
  Kept: { fields: { a: string } }
  Other: { fields: { b: integer } }
endpoints:
  type_renamed.send: { method: POST, path: /s, body: Kept, response: { type: Empty, envelope: result } }
  type_renamed.other: { method: POST, path: /o, body: Other, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "Removed", "struct `Removed` is renamed `Kept`"),
            (Additive, "Other", "new struct `Other`"),
            (Additive, "type_renamed::TypeRenamed::other", "new endpoint"),
        ],
        program: r#"
    client.type_renamed().send(&Removed::new("x")).await?;
"#,
    },
    Case {
        name: "type_gone",
        old: "
types:
  Gone: { fields: { a: string } }
  Stays: { fields: { b: string } }
endpoints:
  type_gone.send: { method: POST, path: /s, body: Gone, response: { type: Empty, envelope: result } }
  type_gone.keep: { method: POST, path: /k, body: Stays, response: { type: Empty, envelope: result } }
",
        new: "
types:
  Stays: { fields: { b: string } }
endpoints:
  type_gone.keep: { method: POST, path: /k, body: Stays, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "Gone", "struct `Gone` is removed"),
            (Breaking, "type_gone::TypeGone::send", "endpoint `type_gone.send`"),
        ],
        program: r#"
    let gone = Gone::new("x");
    client.type_gone().keep(&Stays::new(gone.a)).await?;
"#,
    },
    Case {
        name: "type_kind_changed",
        old: "
types:
  Kind: { fields: { a: string } }
endpoints:
  type_kind_changed.make: { method: POST, path: /m, body: Kind, response: { type: Empty, envelope: result } }
",
        new: "
types:
  Kind: { enum: { a: } }
  KindBody: { fields: { kind: Kind } }
endpoints:
  type_kind_changed.make: { method: POST, path: /m, body: KindBody, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "Kind", "is now an enum (was a struct)"),
            (Breaking, "type_kind_changed::TypeKindChanged::make", "takes its body as `&KindBody` instead of `&Kind`"),
            (Additive, "KindBody", "new struct `KindBody`"),
        ],
        program: r#"
    client.type_kind_changed().make(&Kind::new("x")).await?;
"#,
    },
    // ---- string enums ----
    Case {
        name: "one_of_variant_added",
        old: "
types:
  SizeAdd: { one_of: { bytes: integer, text: string } }
  SizeAddBody: { fields: { size: SizeAdd } }
endpoints:
  one_of_variant_added.send: { method: POST, path: /s, body: SizeAddBody, response: { type: Empty, envelope: result } }
",
        new: "
types:
  SizeAdd: { one_of: { bytes: integer, text: string, many: list<integer> } }
  SizeAddBody: { fields: { size: SizeAdd } }
endpoints:
  one_of_variant_added.send: { method: POST, path: /s, body: SizeAddBody, response: { type: Empty, envelope: result } }
",
        expect: &[(Additive, "SizeAdd::Many", "new variant `SizeAdd::Many`")],
        program: r#"
    let size = SizeAdd::Bytes(10);
    let described = match &size {
        SizeAdd::Bytes(bytes) => bytes.to_string(),
        SizeAdd::Text(text) => text.clone(),
        _ => "other".to_owned(),
    };
    assert_eq!(described, "10");
    client.one_of_variant_added().send(&SizeAddBody::new(size)).await?;
"#,
    },
    Case {
        name: "one_of_variant_removed",
        old: "
types:
  SizeGone: { one_of: { bytes: integer, text: string } }
  SizeGoneBody: { fields: { size: SizeGone } }
endpoints:
  one_of_variant_removed.send: { method: POST, path: /s, body: SizeGoneBody, response: { type: Empty, envelope: result } }
",
        new: "
types:
  SizeGone: { one_of: { bytes: integer, many: list<integer> } }
  SizeGoneBody: { fields: { size: SizeGone } }
endpoints:
  one_of_variant_removed.send: { method: POST, path: /s, body: SizeGoneBody, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "SizeGone::Text", "variant `SizeGone::Text` is gone"),
            (Additive, "SizeGone::Many", "new variant `SizeGone::Many`"),
        ],
        program: r#"
    client.one_of_variant_removed().send(&SizeGoneBody::new(SizeGone::Text("ten".into()))).await?;
"#,
    },
    Case {
        name: "one_of_variants_reordered",
        old: "
types:
  Reply: { one_of: { empty: Empty, anything: any } }
endpoints:
  one_of_variants_reordered.get: { method: GET, path: /g, response: { type: Reply, envelope: result } }
  one_of_variants_reordered.send: { method: POST, path: /s, body: Empty, response: { type: Empty, envelope: result } }
",
        new: "
types:
  Reply: { one_of: { anything: any, empty: Empty } }
endpoints:
  one_of_variants_reordered.get: { method: GET, path: /g, response: { type: Reply, envelope: result } }
  one_of_variants_reordered.send: { method: POST, path: /s, body: Empty, response: { type: Empty, envelope: result } }
",
        // The server's `{"note": "ok", …}` fits both; the first one listed wins.
        expect: &[(Wire, "Reply", "tried in another order")],
        program: r#"
    let reply = client.one_of_variants_reordered().get().await?;
    let note = if matches!(reply, Reply::Empty(_)) { "empty" } else { "anything" };
    client.one_of_variants_reordered().send(&Empty::default().with_note(note)).await?;
"#,
    },
    Case {
        name: "enum_value_added",
        old: "
types:
  ColorAdd: { enum: { red: , green: } }
  ColorAddBody: { fields: { color: ColorAdd } }
endpoints:
  enum_value_added.send: { method: POST, path: /s, body: ColorAddBody, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ColorAdd: { enum: { red: , green: , blue: } }
  ColorAddBody: { fields: { color: ColorAdd } }
endpoints:
  enum_value_added.send: { method: POST, path: /s, body: ColorAddBody, response: { type: Empty, envelope: result } }
",
        expect: &[(Additive, "ColorAdd::Blue", "need no change")],
        program: r#"
    let color = ColorAdd::Green;
    let name = match &color {
        ColorAdd::Red => "red",
        ColorAdd::Green => "green",
        _ => "other",
    };
    assert_eq!(name, color.as_str());
    client.enum_value_added().send(&ColorAddBody::new(color)).await?;
"#,
    },
    Case {
        name: "enum_value_removed",
        old: "
types:
  ColorRemove: { enum: { red: , green: } }
  ColorRemoveBody: { fields: { color: ColorRemove } }
endpoints:
  enum_value_removed.send: { method: POST, path: /s, body: ColorRemoveBody, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ColorRemove: { enum: { red: } }
  ColorRemoveBody: { fields: { color: ColorRemove } }
endpoints:
  enum_value_removed.send: { method: POST, path: /s, body: ColorRemoveBody, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "ColorRemove::Green", "is removed")],
        program: r#"
    client.enum_value_removed().send(&ColorRemoveBody::new(ColorRemove::Green)).await?;
"#,
    },
    Case {
        name: "enum_value_changed_on_the_wire",
        old: "
types:
  ColorWire: { enum: { red: , green: } }
  ColorWireBody: { fields: { color: ColorWire } }
endpoints:
  enum_value_changed_on_the_wire.send: { method: POST, path: /s, body: ColorWireBody, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ColorWire: { enum: { red: , GREEN: } }
  ColorWireBody: { fields: { color: ColorWire } }
endpoints:
  enum_value_changed_on_the_wire.send: { method: POST, path: /s, body: ColorWireBody, response: { type: Empty, envelope: result } }
",
        expect: &[(Wire, "ColorWire::Green", "sent and read as `GREEN` instead of `green`")],
        program: r#"
    client.enum_value_changed_on_the_wire().send(&ColorWireBody::new(ColorWire::Green)).await?;
"#,
    },
    Case {
        name: "enum_values_reordered_and_documented",
        old: "
types:
  ColorOrder: { enum: { red: , green: } }
  ColorOrderBody: { fields: { color: ColorOrder } }
endpoints:
  enum_values_reordered_and_documented.send: { method: POST, path: /s, body: ColorOrderBody, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ColorOrder: { enum: { green: , red: The colour of stop signs. } }
  ColorOrderBody: { fields: { color: ColorOrder } }
endpoints:
  enum_values_reordered_and_documented.send: { method: POST, path: /s, body: ColorOrderBody, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Docs, "ColorOrder", "listed in another order"),
            (Docs, "ColorOrder::Red", "the doc of `ColorOrder::Red`"),
        ],
        program: r#"
    client.enum_values_reordered_and_documented().send(&ColorOrderBody::new(ColorOrder::Red)).await?;
"#,
    },
    // ---- tagged unions ----
    Case {
        name: "union_variant_added",
        old: "
types:
  ShapeAdd:
    union: { tag: kind, variants: { circle: { fields: { r: integer } } } }
endpoints:
  union_variant_added.send: { method: POST, path: /s, body: ShapeAdd, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ShapeAdd:
    union: { tag: kind, variants: { circle: { fields: { r: integer } }, square: { fields: { side: integer } } } }
endpoints:
  union_variant_added.send: { method: POST, path: /s, body: ShapeAdd, response: { type: Empty, envelope: result } }
",
        expect: &[(Additive, "ShapeAdd::Square", "new variant `ShapeAdd::Square`")],
        program: r#"
    let shape: ShapeAdd = CircleShapeAdd::new(2).into();
    let radius = match &shape {
        ShapeAdd::Circle(circle) => circle.r,
        _ => 0,
    };
    assert_eq!(radius, 2);
    client.union_variant_added().send(&shape).await?;
"#,
    },
    Case {
        name: "union_variant_removed",
        old: "
types:
  ShapeRemove:
    union: { tag: kind, variants: { circle: { fields: { r: integer } }, square: { fields: { side: integer } } } }
endpoints:
  union_variant_removed.send: { method: POST, path: /s, body: ShapeRemove, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ShapeRemove:
    union: { tag: kind, variants: { circle: { fields: { r: integer } } } }
endpoints:
  union_variant_removed.send: { method: POST, path: /s, body: ShapeRemove, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "ShapeRemove::Square", "its struct `SquareShapeRemove` is removed")],
        program: r#"
    client.union_variant_removed().send(&SquareShapeRemove::new(3).into()).await?;
"#,
    },
    Case {
        name: "union_variant_changed_on_the_wire",
        old: "
types:
  ShapeWire:
    union: { tag: kind, variants: { circle: { name: CircleWire, fields: { r: integer } } } }
endpoints:
  union_variant_changed_on_the_wire.send: { method: POST, path: /s, body: ShapeWire, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ShapeWire:
    union: { tag: kind, variants: { CIRCLE: { name: CircleWire, fields: { r: integer } } } }
endpoints:
  union_variant_changed_on_the_wire.send: { method: POST, path: /s, body: ShapeWire, response: { type: Empty, envelope: result } }
",
        expect: &[(Wire, "ShapeWire::Circle", "tagged `CIRCLE` on the wire instead of `circle`")],
        program: r#"
    client.union_variant_changed_on_the_wire().send(&CircleWire::new(1).into()).await?;
"#,
    },
    Case {
        name: "union_variant_struct_renamed",
        old: "
types:
  ShapeStruct:
    union: { tag: kind, variants: { circle: { fields: { r: integer } } } }
endpoints:
  union_variant_struct_renamed.send: { method: POST, path: /s, body: ShapeStruct, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ShapeStruct:
    union: { tag: kind, variants: { circle: { name: Round, fields: { r: integer } } } }
endpoints:
  union_variant_struct_renamed.send: { method: POST, path: /s, body: ShapeStruct, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "ShapeStruct::Circle", "now holds `Round` instead of `CircleShapeStruct`")],
        program: r#"
    client.union_variant_struct_renamed().send(&CircleShapeStruct::new(1).into()).await?;
"#,
    },
    Case {
        name: "union_tag_changed",
        old: "
types:
  ShapeTag:
    union: { tag: kind, variants: { circle: { fields: { r: integer } } } }
endpoints:
  union_tag_changed.send: { method: POST, path: /s, body: ShapeTag, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ShapeTag:
    union: { tag: shape, variants: { circle: { fields: { r: integer } } } }
endpoints:
  union_tag_changed.send: { method: POST, path: /s, body: ShapeTag, response: { type: Empty, envelope: result } }
",
        expect: &[(Wire, "ShapeTag", "tagged on the wire by `shape` instead of `kind`")],
        program: r#"
    client.union_tag_changed().send(&CircleShapeTag::new(1).into()).await?;
"#,
    },
    Case {
        name: "union_variants_reordered_and_documented",
        old: "
types:
  ShapeOrder:
    union: { tag: kind, variants: { circle: { fields: { r: integer } }, square: { fields: { side: integer } } } }
endpoints:
  union_variants_reordered_and_documented.send: { method: POST, path: /s, body: ShapeOrder, response: { type: Empty, envelope: result } }
",
        new: "
types:
  ShapeOrder:
    union: { tag: kind, variants: { square: { fields: { side: integer } }, circle: { doc: Round., fields: { r: integer } } } }
endpoints:
  union_variants_reordered_and_documented.send: { method: POST, path: /s, body: ShapeOrder, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Docs, "ShapeOrder", "listed in another order"),
            (Docs, "CircleShapeOrder", "the doc of `CircleShapeOrder`"),
        ],
        program: r#"
    client.union_variants_reordered_and_documented().send(&CircleShapeOrder::new(1).into()).await?;
"#,
    },
    // ---- endpoints ----
    Case {
        name: "endpoint_added",
        old: "
endpoints:
  endpoint_added.get: { method: GET, path: /g, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  endpoint_added.get: { method: GET, path: /g, response: { type: Empty, envelope: result } }
  endpoint_added.ping: { method: POST, path: /p, response: { type: Empty, envelope: result } }
",
        expect: &[(Additive, "endpoint_added::EndpointAdded::ping", "new endpoint `endpoint_added.ping`")],
        program: r#"
    client.endpoint_added().get().await?;
"#,
    },
    Case {
        name: "endpoint_removed",
        old: "
endpoints:
  endpoint_removed.get: { method: GET, path: /g, response: { type: Empty, envelope: result } }
  endpoint_removed.old.ping: { method: POST, path: /p, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  endpoint_removed.get: { method: GET, path: /g, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "endpoint_removed::old::Old::ping", "is removed"),
            (Breaking, "endpoint_removed::old", "namespace `endpoint_removed.old` is gone"),
        ],
        program: r#"
    client.endpoint_removed().old().ping().await?;
"#,
    },
    Case {
        name: "endpoint_renamed",
        old: "
endpoints:
  endpoint_renamed.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  endpoint_renamed.list_all: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "endpoint_renamed::EndpointRenamed::list", "is renamed `endpoint_renamed.list_all`")],
        program: r#"
    use cloudflare_sdk::endpoint_renamed::ListQuery;
    client.endpoint_renamed().list(&ListQuery::default().with_page(2)).await?;
"#,
    },
    Case {
        name: "endpoint_moved",
        old: "
endpoints:
  endpoint_moved.get: { method: GET, path: /g, response: { type: Empty, envelope: result } }
  endpoint_moved.a.call: { method: POST, path: /c, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  endpoint_moved.get: { method: GET, path: /g, response: { type: Empty, envelope: result } }
  endpoint_moved.b.call: { method: POST, path: /c, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "endpoint_moved::a::A::call", "is moved `endpoint_moved.b.call`"),
            (Breaking, "endpoint_moved::a", "namespace `endpoint_moved.a` is gone"),
            (Additive, "endpoint_moved::b", "new namespace `endpoint_moved.b`"),
        ],
        program: r#"
    client.endpoint_moved().a().call().await?;
"#,
    },
    Case {
        name: "method_changed",
        old: "
endpoints:
  method_changed.save: { method: PUT, path: /s, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  method_changed.save: { method: PATCH, path: /s, response: { type: Empty, envelope: result } }
",
        expect: &[(Wire, "method_changed::MethodChanged::save", "sends PATCH instead of PUT")],
        program: r#"
    client.method_changed().save().await?;
"#,
    },
    Case {
        name: "path_changed",
        old: "
endpoints:
  path_changed.get: { method: GET, path: '/v1/{id}', path_params: { id: string }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  path_changed.get: { method: GET, path: '/v2/{id}', path_params: { id: string }, response: { type: Empty, envelope: result } }
",
        expect: &[(Wire, "path_changed::PathChanged::get", "requests `/v2/{id}` instead of `/v1/{id}`")],
        program: r#"
    client.path_changed().get("7").await?;
"#,
    },
    Case {
        name: "envelope_changed",
        old: "
endpoints:
  envelope_changed.get: { method: GET, path: /g, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  envelope_changed.get: { method: GET, path: /g, response: { type: Empty, envelope: data } }
",
        expect: &[(Wire, "envelope_changed::EnvelopeChanged::get", "envelope's `data` field instead of `result`")],
        program: r#"
    client.envelope_changed().get().await?;
"#,
    },
    Case {
        name: "path_param_added",
        old: "
endpoints:
  path_param_added.get: { method: GET, path: '/a/{a}', path_params: { a: string }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  path_param_added.get: { method: GET, path: '/a/{a}/b/{b}', path_params: { a: string, b: string }, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "path_param_added::PathParamAdded::get", "takes 2 path argument(s) (a, b) instead of 1 (a)"),
            (Wire, "path_param_added::PathParamAdded::get", "requests `/a/{a}/b/{b}`"),
        ],
        program: r#"
    client.path_param_added().get("1").await?;
"#,
    },
    Case {
        name: "path_param_removed",
        old: "
endpoints:
  path_param_removed.get: { method: GET, path: '/a/{a}/b/{b}', path_params: { a: string, b: string }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  path_param_removed.get: { method: GET, path: '/a/{a}', path_params: { a: string }, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "path_param_removed::PathParamRemoved::get", "takes 1 path argument(s) (a) instead of 2 (a, b)"),
            (Wire, "path_param_removed::PathParamRemoved::get", "requests `/a/{a}`"),
        ],
        program: r#"
    client.path_param_removed().get("1", "2").await?;
"#,
    },
    Case {
        name: "path_params_reordered",
        old: "
endpoints:
  path_params_reordered.get: { method: GET, path: '/accounts/{account}/items/{item}', path_params: { account: string, item: string }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  path_params_reordered.get: { method: GET, path: '/accounts/{account}/items/{item}', path_params: { item: string, account: string }, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "path_params_reordered::PathParamsReordered::get", "silently send each value in another place")],
        program: r#"
    client.path_params_reordered().get("acme", "42").await?;
"#,
    },
    Case {
        name: "path_param_renamed",
        old: "
endpoints:
  path_param_renamed.get: { method: GET, path: '/items/{id}', path_params: { id: string }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  path_param_renamed.get: { method: GET, path: '/items/{item_id}', path_params: { item_id: { type: string, doc: The item. } }, response: { type: Empty, envelope: result } }
",
        expect: &[(Docs, "path_param_renamed::PathParamRenamed::get", "arguments are positional")],
        program: r#"
    client.path_param_renamed().get("42").await?;
"#,
    },
    Case {
        name: "path_param_doc_changed",
        old: "
endpoints:
  path_param_doc_changed.get: { method: GET, path: '/items/{id}', path_params: { id: { type: string, doc: Before. } }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  path_param_doc_changed.get: { method: GET, path: '/items/{id}', path_params: { id: { type: string, doc: After. } }, response: { type: Empty, envelope: result } }
",
        expect: &[(Docs, "path_param_doc_changed::PathParamDocChanged::get", "the doc of path parameter `id`")],
        program: r#"
    client.path_param_doc_changed().get("42").await?;
"#,
    },
    // ---- query parameters ----
    Case {
        name: "optional_query_param_added",
        old: "
endpoints:
  optional_query_param_added.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  optional_query_param_added.list: { method: GET, path: /l, query: { page: { type: integer, optional: true }, per_page: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        expect: &[(Additive, "optional_query_param_added::ListQuery::per_page", "new optional query parameter `per_page`")],
        program: r#"
    use cloudflare_sdk::optional_query_param_added::ListQuery;
    client.optional_query_param_added().list(&ListQuery::default().with_page(2)).await?;
"#,
    },
    Case {
        name: "required_query_param_ends_default",
        old: "
endpoints:
  required_query_param_ends_default.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  required_query_param_ends_default.list: { method: GET, path: /l, query: { page: { type: integer, optional: true }, filter: string }, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "required_query_param_ends_default::ListQuery::default", "no longer derives `Default`")],
        program: r#"
    use cloudflare_sdk::required_query_param_ends_default::ListQuery;
    client.required_query_param_ends_default().list(&ListQuery::default()).await?;
"#,
    },
    Case {
        name: "first_query_param_added",
        old: "
endpoints:
  first_query_param_added.list: { method: GET, path: /l, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  first_query_param_added.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "first_query_param_added::FirstQueryParamAdded::list", "a new argument `query: &ListQuery`")],
        program: r#"
    client.first_query_param_added().list().await?;
"#,
    },
    Case {
        name: "query_param_removed",
        old: "
endpoints:
  query_param_removed.list: { method: GET, path: /l, query: { page: { type: integer, optional: true }, tag: { type: string, optional: true } }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  query_param_removed.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "query_param_removed::ListQuery::tag", "optional query parameter `tag` of `ListQuery` is removed")],
        program: r#"
    use cloudflare_sdk::query_param_removed::ListQuery;
    client.query_param_removed().list(&ListQuery::default().with_tag("x")).await?;
"#,
    },
    Case {
        name: "query_param_renamed_on_the_wire",
        old: "
endpoints:
  query_param_renamed_on_the_wire.list: { method: GET, path: /l, query: { per_page: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  query_param_renamed_on_the_wire.list: { method: GET, path: /l, query: { perPage: { type: integer, optional: true, rust: per_page } }, response: { type: Empty, envelope: result } }
",
        expect: &[(Wire, "query_param_renamed_on_the_wire::ListQuery::per_page", "sent as `perPage` instead of `per_page`")],
        program: r#"
    use cloudflare_sdk::query_param_renamed_on_the_wire::ListQuery;
    client.query_param_renamed_on_the_wire().list(&ListQuery::default().with_per_page(5)).await?;
"#,
    },
    Case {
        name: "query_params_reordered",
        old: "
endpoints:
  query_params_reordered.list: { method: GET, path: /l, query: { a: { type: integer, optional: true }, b: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  query_params_reordered.list: { method: GET, path: /l, query: { b: { type: integer, optional: true }, a: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        expect: &[(Wire, "query_params_reordered::ListQuery", "query parameters are sent in the new order")],
        program: r#"
    use cloudflare_sdk::query_params_reordered::ListQuery;
    client.query_params_reordered().list(&ListQuery::default().with_a(1).with_b(2)).await?;
"#,
    },
    // ---- bodies, responses, pages, errors, docs ----
    Case {
        name: "body_added",
        old: "
types:
  AddedBody: { fields: { a: string } }
endpoints:
  body_added.post: { method: POST, path: /p, response: { type: Empty, envelope: result } }
  body_added.keep: { method: POST, path: /k, body: AddedBody, response: { type: Empty, envelope: result } }
",
        new: "
types:
  AddedBody: { fields: { a: string } }
endpoints:
  body_added.post: { method: POST, path: /p, body: AddedBody, response: { type: Empty, envelope: result } }
  body_added.keep: { method: POST, path: /k, body: AddedBody, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "body_added::BodyAdded::post", "takes a body")],
        program: r#"
    client.body_added().post().await?;
"#,
    },
    Case {
        name: "body_removed",
        old: "
types:
  RemovedBody: { fields: { a: string } }
endpoints:
  body_removed.post: { method: POST, path: /p, body: RemovedBody, response: { type: Empty, envelope: result } }
  body_removed.keep: { method: POST, path: /k, body: RemovedBody, response: { type: Empty, envelope: result } }
",
        new: "
types:
  RemovedBody: { fields: { a: string } }
endpoints:
  body_removed.post: { method: POST, path: /p, response: { type: Empty, envelope: result } }
  body_removed.keep: { method: POST, path: /k, body: RemovedBody, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "body_removed::BodyRemoved::post", "no longer takes a body")],
        program: r#"
    client.body_removed().post(&RemovedBody::new("x")).await?;
"#,
    },
    Case {
        name: "response_type_changed",
        old: "
types:
  Answer: { fields: { note: { type: string, optional: true } } }
endpoints:
  response_type_changed.get: { method: GET, path: /g, response: { type: Answer, envelope: result } }
",
        new: "
types:
  Answer: { fields: { note: { type: string, optional: true } } }
endpoints:
  response_type_changed.get: { method: GET, path: /g, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "response_type_changed::ResponseTypeChanged::get", "returns `Empty` instead of `Answer`")],
        program: r#"
    let answer: Answer = client.response_type_changed().get().await?;
    assert_eq!(answer.note.as_deref(), Some("ok"));
"#,
    },
    Case {
        name: "pages_added",
        old: "
types:
  PageAdded: { fields: { items: list<string> } }
endpoints:
  pages_added.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: PageAdded, envelope: result } }
",
        new: "
types:
  PageAdded: { fields: { items: list<string> } }
endpoints:
  pages_added.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, pages: { items: items, page: page }, response: { type: PageAdded, envelope: result } }
",
        expect: &[(Additive, "pages_added::PagesAdded::list_stream", "new method `pages_added().list_stream`")],
        program: r#"
    use cloudflare_sdk::pages_added::ListQuery;
    let page = client.pages_added().list(&ListQuery::default()).await?;
    assert!(page.items.is_empty());
"#,
    },
    Case {
        name: "pages_removed",
        old: "
types:
  PageRemoved: { fields: { items: list<string> } }
endpoints:
  pages_removed.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, pages: { items: items, page: page }, response: { type: PageRemoved, envelope: result } }
",
        new: "
types:
  PageRemoved: { fields: { items: list<string> } }
endpoints:
  pages_removed.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: PageRemoved, envelope: result } }
",
        expect: &[(Breaking, "pages_removed::PagesRemoved::list_stream", "`pages_removed().list_stream` is removed")],
        program: r#"
    use cloudflare_sdk::pages_removed::ListQuery;
    use futures_util::TryStreamExt;
    let items: Vec<String> = client.pages_removed().list_stream(&ListQuery::default()).try_collect().await?;
    assert!(items.is_empty());
"#,
    },
    Case {
        name: "errors_and_doc_changed",
        old: "
endpoints:
  errors_and_doc_changed.get: { doc: Before., method: GET, path: /g, errors: { 404: Not found. }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  errors_and_doc_changed.get: { doc: After., method: GET, path: /g, errors: { 404: No such thing., 429: Slow down. }, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Docs, "errors_and_doc_changed::ErrorsAndDocChanged::get", "the doc of `errors_and_doc_changed().get` changed"),
            (Docs, "errors_and_doc_changed::ErrorsAndDocChanged::get", "meaning of error 404"),
            (Docs, "errors_and_doc_changed::ErrorsAndDocChanged::get", "new error status 429"),
        ],
        program: r#"
    client.errors_and_doc_changed().get().await?;
"#,
    },
    Case {
        name: "last_required_field_removed",
        old: "
types:
  LastRequired: { fields: { a: string, b: { type: string, optional: true } } }
endpoints:
  last_required_field_removed.send: { method: POST, path: /s, body: LastRequired, response: { type: Empty, envelope: result } }
",
        new: "
types:
  LastRequired: { fields: { b: { type: string, optional: true } } }
endpoints:
  last_required_field_removed.send: { method: POST, path: /s, body: LastRequired, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "LastRequired::a", "`LastRequired::new` no longer exists")],
        program: r#"
    client.last_required_field_removed().send(&LastRequired::new("x")).await?;
"#,
    },
    Case {
        name: "only_required_field_made_optional",
        old: "
types:
  OnlyRequired: { fields: { a: string } }
endpoints:
  only_required_field_made_optional.send: { method: POST, path: /s, body: OnlyRequired, response: { type: Empty, envelope: result } }
",
        new: "
types:
  OnlyRequired: { fields: { a: { type: string, optional: true } } }
endpoints:
  only_required_field_made_optional.send: { method: POST, path: /s, body: OnlyRequired, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "OnlyRequired::a", "`OnlyRequired::new` no longer exists")],
        program: r#"
    client.only_required_field_made_optional().send(&OnlyRequired::new("x")).await?;
"#,
    },
    Case {
        name: "renamed_type_used_in_fields",
        old: "
types:
  Inner: { fields: { x: string } }
  Outer: { fields: { inner: Inner, more: list<Inner> } }
endpoints:
  renamed_type_used_in_fields.send: { method: POST, path: /s, body: Outer, response: { type: Empty, envelope: result } }
",
        new: "
types:
  Core: { fields: { x: string } }
  Outer: { fields: { inner: Core, more: list<Core> } }
endpoints:
  renamed_type_used_in_fields.send: { method: POST, path: /s, body: Outer, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "Inner", "struct `Inner` is renamed `Core`")],
        program: r#"
    client.renamed_type_used_in_fields().send(&Outer::new(Inner::new("x"), Vec::new())).await?;
"#,
    },
    Case {
        name: "union_removed",
        old: "
types:
  Pet: { union: { tag: kind, variants: { cat: { fields: { lives: integer } }, dog: { fields: { good: boolean } } } } }
  Keeper: { fields: { a: string } }
endpoints:
  union_removed.send: { method: POST, path: /s, body: Pet, response: { type: Empty, envelope: result } }
  union_removed.keep: { method: POST, path: /k, body: Keeper, response: { type: Empty, envelope: result } }
",
        new: "
types:
  Keeper: { fields: { a: string } }
endpoints:
  union_removed.keep: { method: POST, path: /k, body: Keeper, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "Pet", "`CatPet` and `DogPet`, removed with it"),
            (Breaking, "union_removed::UnionRemoved::send", "is removed"),
        ],
        program: r#"
    let pet: Pet = CatPet::new(9).into();
    assert_eq!(pet.kind(), "cat");
    client.union_removed().keep(&Keeper::new("x")).await?;
"#,
    },
    Case {
        name: "body_type_changed",
        old: "
types:
  FirstBody: { fields: { a: string } }
  SecondBody: { fields: { b: integer } }
endpoints:
  body_type_changed.post: { method: POST, path: /p, body: FirstBody, response: { type: Empty, envelope: result } }
  body_type_changed.other: { method: POST, path: /o, body: SecondBody, response: { type: Empty, envelope: result } }
",
        new: "
types:
  FirstBody: { fields: { a: string } }
  SecondBody: { fields: { b: integer } }
endpoints:
  body_type_changed.post: { method: POST, path: /p, body: SecondBody, response: { type: Empty, envelope: result } }
  body_type_changed.other: { method: POST, path: /o, body: FirstBody, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "body_type_changed::BodyTypeChanged::post", "as `&SecondBody` instead of `&FirstBody`"),
            (Breaking, "body_type_changed::BodyTypeChanged::other", "as `&FirstBody` instead of `&SecondBody`"),
        ],
        program: r#"
    client.body_type_changed().post(&FirstBody::new("x")).await?;
"#,
    },
    Case {
        name: "endpoint_renamed_and_moved",
        old: "
endpoints:
  endpoint_renamed_and_moved.get: { method: GET, path: /g, response: { type: Empty, envelope: result } }
  endpoint_renamed_and_moved.a.call: { method: POST, path: /c, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  endpoint_renamed_and_moved.get: { method: GET, path: /g, response: { type: Empty, envelope: result } }
  endpoint_renamed_and_moved.b.invoke: { method: POST, path: /c, response: { type: Empty, envelope: result } }
",
        expect: &[
            (Breaking, "endpoint_renamed_and_moved::a::A::call", "is renamed and moved `endpoint_renamed_and_moved.b.invoke`"),
            (Breaking, "endpoint_renamed_and_moved::a", "is gone"),
            (Additive, "endpoint_renamed_and_moved::b", "new namespace"),
        ],
        program: r#"
    client.endpoint_renamed_and_moved().a().call().await?;
"#,
    },
    Case {
        name: "query_param_made_required",
        old: "
endpoints:
  query_param_made_required.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  query_param_made_required.list: { method: GET, path: /l, query: { page: integer }, response: { type: Empty, envelope: result } }
",
        expect: &[(Breaking, "query_param_made_required::ListQuery::page", "no longer derives `Default`")],
        program: r#"
    use cloudflare_sdk::query_param_made_required::ListQuery;
    client.query_param_made_required().list(&ListQuery::default().with_page(1)).await?;
"#,
    },
    Case {
        name: "page_param_renamed_on_the_wire",
        old: "
types:
  WirePage: { fields: { items: list<string> } }
endpoints:
  page_param_renamed_on_the_wire.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, pages: { items: items, page: page }, response: { type: WirePage, envelope: result } }
",
        new: "
types:
  WirePage: { fields: { items: list<string> } }
endpoints:
  page_param_renamed_on_the_wire.list: { method: GET, path: /l, query: { p: { type: integer, optional: true, rust: page } }, pages: { items: items, page: p }, response: { type: WirePage, envelope: result } }
",
        expect: &[
            (Wire, "page_param_renamed_on_the_wire::ListQuery::page", "sent as `p` instead of `page`"),
            (Wire, "page_param_renamed_on_the_wire::PageParamRenamedOnTheWire::list_stream", "selects pages with `p=` instead of `page=`"),
        ],
        program: r#"
    use cloudflare_sdk::page_param_renamed_on_the_wire::ListQuery;
    use futures_util::TryStreamExt;
    let query = ListQuery::default().with_page(3);
    let items: Vec<String> = client.page_param_renamed_on_the_wire().list_stream(&query).try_collect().await?;
    assert!(items.is_empty());
"#,
    },
    Case {
        name: "page_item_type_changed",
        old: "
types:
  ItemPage: { fields: { items: list<string> } }
endpoints:
  page_item_type_changed.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, pages: { items: items, page: page }, response: { type: ItemPage, envelope: result } }
",
        new: "
types:
  ItemPage: { fields: { items: list<integer> } }
endpoints:
  page_item_type_changed.list: { method: GET, path: /l, query: { page: { type: integer, optional: true } }, pages: { items: items, page: page }, response: { type: ItemPage, envelope: result } }
",
        expect: &[
            (Breaking, "ItemPage::items", "from `Vec<String>` to `Vec<i64>`"),
            (Breaking, "page_item_type_changed::PageItemTypeChanged::list_stream", "yields `i64` instead of `String`"),
        ],
        program: r#"
    use cloudflare_sdk::page_item_type_changed::ListQuery;
    use futures_util::TryStreamExt;
    let items: Vec<String> = client.page_item_type_changed().list_stream(&ListQuery::default()).try_collect().await?;
    assert!(items.is_empty());
"#,
    },
    Case {
        name: "errors_reordered",
        old: "
endpoints:
  errors_reordered.get: { method: GET, path: /g, errors: { 404: Not found., 429: Slow down. }, response: { type: Empty, envelope: result } }
",
        new: "
endpoints:
  errors_reordered.get: { method: GET, path: /g, errors: { 429: Slow down., 404: Not found. }, response: { type: Empty, envelope: result } }
",
        expect: &[(Docs, "errors_reordered::ErrorsReordered::get", "documented in another order")],
        program: r#"
    client.errors_reordered().get().await?;
"#,
    },
];
