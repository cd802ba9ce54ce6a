// Nor can it be built field by field.
use cloudflare_sdk::{Map, UnknownVariant};

fn main() {
    let _ = UnknownVariant {
        kind: "cache".to_owned(),
        json: Map::new(),
    };
}
