// A limit type is a `LimitType`, not a string.
use cloudflare_sdk::RateProperties;

fn main() {
    let _ = RateProperties::new("metadata.user_id", 100, "count", 60);
}
