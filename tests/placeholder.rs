#[test]
fn placeholder_until_real_tests() {}
