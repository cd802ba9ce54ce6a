// An element is built by kind; text converts only where a link (an id) is wanted.
use cloudflare_sdk::CreateRouteVersion;

fn main() {
    let _ = CreateRouteVersion::new(["start"]);
}
