// An unknown element kind only comes from a server response; user code cannot make one.
use cloudflare_sdk::{Element, Map, UnknownVariant};

fn main() {
    let _ = Element::Unknown(UnknownVariant::new("type", "cache".to_owned(), Map::new()));
}
