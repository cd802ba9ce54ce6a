// Structs are non_exhaustive: they are built with `new`, so adding a field later is not a
// breaking change.
use cloudflare_sdk::{ElementRef, Map};

fn main() {
    let _ = ElementRef {
        element_id: "end".to_owned(),
        unknown_fields: Map::new(),
    };
}
