// An unknown limit type only comes from a server response; user code cannot make one.
use cloudflare_sdk::{LimitType, UnknownEnumValue};

fn main() {
    let _ = LimitType::Unknown(UnknownEnumValue::new("tokens".to_owned()));
}
