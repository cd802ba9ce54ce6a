//! The API model: what the generator knows once the spec is resolved and checked.
//! Plain ordered data: no YAML, no tokens, names already in their Rust form.

/// The whole API: its types and endpoints, in spec order.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    pub types: Vec<TypeDef>,
    pub endpoints: Vec<Endpoint>,
}

/// A named type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The spec's name, unique in the whole API: what [`TypeRef::Named`] refers to.
    pub name: String,
    /// Rust name, `UpperCamelCase`, unique in its module.
    pub rust_name: String,
    /// The namespace whose module holds the type (`["kv"]`); empty for the crate's root,
    /// where every type of the `types` module is re-exported.
    pub module: Vec<String>,
    pub doc: Option<String>,
    pub kind: TypeKind,
}

/// The shape of a named type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    Enum(StringEnum),
    Union(Union),
    OneOf(OneOf),
}

/// A value of one of several shapes told apart by nothing but their shape (an untagged
/// `oneOf`): decoded as the first variant that fits; a value that fits none is kept too.
#[derive(Clone, Debug, PartialEq)]
pub struct OneOf {
    pub variants: Vec<OneOfVariant>,
}

/// One shape of a [`OneOf`].
#[derive(Clone, Debug, PartialEq)]
pub struct OneOfVariant {
    /// Rust variant name, `UpperCamelCase`.
    pub rust_name: String,
    /// The spec's name of the variant.
    pub name: String,
    pub ty: TypeRef,
    pub doc: Option<String>,
}

/// An object with known fields; fields it does not know are kept too.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
}

impl Struct {
    /// Whether the struct is a multipart form, which has a file (`binary`) field: it is
    /// sent part by part, never as JSON.
    pub fn is_form(&self) -> bool {
        self.fields.iter().any(|field| field.ty.is_file_field())
    }
}

impl TypeRef {
    /// Whether a form field of this type is sent as file parts: `binary`, `list<binary>`
    /// (a part per file), or `map<binary>` / `map<list<binary>>` (parts named by the keys).
    pub fn is_file_field(&self) -> bool {
        let named_by_keys = match self {
            Self::Map(value) => value.as_ref(),
            other => other,
        };
        match named_by_keys {
            Self::Binary => true,
            Self::List(item) => **item == Self::Binary,
            _ => false,
        }
    }
}

/// A struct field or an endpoint parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Rust name, `snake_case`, already keyword-safe (`r#type`).
    pub rust_name: String,
    /// Name on the wire, e.g. `elementId`.
    pub wire_name: String,
    pub ty: TypeRef,
    /// May be absent.
    pub optional: bool,
    /// May be `null`.
    pub nullable: bool,
    /// Held in a `Box`: the field closes a cycle of types that contain each other.
    pub boxed: bool,
    pub doc: Option<String>,
}

/// A reference to a type, as written in a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Integer,
    /// A JSON number, kept exactly (an integer stays an integer).
    Number,
    Boolean,
    /// An RFC 3339 timestamp.
    DateTime,
    /// Bytes with a media type and maybe a file name: a file of a multipart form, or a raw
    /// body.
    Binary,
    /// Any JSON value.
    Any,
    List(Box<TypeRef>),
    /// An object with string keys and values of one type.
    Map(Box<TypeRef>),
    /// A list item or map value that may be `null` (`list<nullable<number>>`); a field
    /// says it may be `null` with `nullable: true` instead.
    Nullable(Box<TypeRef>),
    /// A named type, by its spec name.
    Named(String),
}

/// A string with a known set of values; values it does not know are kept too.
#[derive(Clone, Debug, PartialEq)]
pub struct StringEnum {
    pub values: Vec<EnumValue>,
}

/// One value of a string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// Rust variant name, `UpperCamelCase`.
    pub rust_name: String,
    pub wire: String,
    pub doc: Option<String>,
}

/// An object whose tag field selects one of several shapes; unknown tags are kept too.
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// Wire name of the tag field, e.g. `type`.
    pub tag: String,
    pub variants: Vec<Variant>,
}

/// One union variant; its fields live in the struct named `struct_name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// Rust variant name, `UpperCamelCase`.
    pub rust_name: String,
    /// Tag value on the wire, e.g. `start`.
    pub wire: String,
    pub struct_name: String,
    /// Name of the union's function that builds this variant, `snake_case`: `rate`.
    pub constructor: String,
    pub doc: Option<String>,
}

/// One HTTP operation, reached as `client.{namespace…}().{name}(…)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// Namespace segments, `snake_case`: `["ai_gateway", "dynamic_routing"]`.
    pub namespace: Vec<String>,
    /// Method name, `snake_case`.
    pub name: String,
    pub doc: Option<String>,
    pub method: HttpMethod,
    /// Path template with `{wire_name}` placeholders, as in the spec.
    pub path: String,
    /// In the order the generated method takes them.
    pub path_params: Vec<Field>,
    /// Rust name of the endpoint's query struct (`ListQuery`), when it has query parameters.
    pub query_struct: Option<String>,
    /// Fields of the endpoint's query struct sent in the query.
    pub query_params: Vec<Field>,
    /// Fields of the endpoint's query struct sent as headers (wire name = header name).
    pub header_params: Vec<Field>,
    pub body: Option<Body>,
    pub response: Response,
    /// Set when the endpoint returns numbered pages of items.
    pub pages: Option<Pages>,
    /// Declared error statuses and what they mean, in spec order.
    pub errors: Vec<(u16, String)>,
}

/// How to walk a paginated endpoint: which query field picks the page, which response
/// field holds the items.
#[derive(Clone, Debug, PartialEq)]
pub struct Pages {
    /// Rust name of the integer query field selecting the page.
    pub page_param: String,
    /// Its wire name.
    pub page_wire: String,
    /// Rust name of the response field holding the items.
    /// `None` when the payload is the list of items itself.
    pub items_field: Option<String>,
    /// Type of one item.
    pub item: TypeRef,
}

/// HTTP methods the generator supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    /// Parses an upper-case method name.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "GET" => Self::Get,
            "POST" => Self::Post,
            "PUT" => Self::Put,
            "PATCH" => Self::Patch,
            "DELETE" => Self::Delete,
            _ => return None,
        })
    }

    /// The upper-case name, as in `Method::POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

/// What a successful call returns.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// The payload's type; `binary` for a body taken as bytes, `string` for text, `any`
    /// (unused) for no content.
    pub ty: TypeRef,
    /// Envelope field holding the payload, e.g. `result`; empty when the payload is the
    /// whole JSON body (no envelope) and for a body that is not JSON.
    pub envelope: String,
    pub content: ResponseContent,
}

/// How a successful response's body is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseContent {
    /// The JSON envelope, unwrapped.
    Json,
    /// The body as it is: `Binary`.
    Bytes,
    /// The body as UTF-8 text: `Text`.
    Text,
    /// No payload: the call yields `()`.
    None,
}

/// A request body: its type and how it is encoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub ty: TypeRef,
    pub content: BodyContent,
    /// For `Bytes`: the media type sent when the value carries none.
    pub media_type: Option<String>,
}

/// How a request body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyContent {
    /// JSON, of any type but one that holds a file.
    Json,
    /// `multipart/form-data`: each field of a struct is a part.
    Multipart,
    /// Raw bytes: a `binary` value.
    Bytes,
    /// One JSON value per line: a list.
    Ndjson,
}
