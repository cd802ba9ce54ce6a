// A required field cannot be left out: `RateProperties::new` takes key, limit, limit type
// and window.
use cloudflare_sdk::{LimitType, RateProperties};

fn main() {
    let _ = RateProperties::new("metadata.user_id", 100, LimitType::Count);
}
