//! The SDK's tests, one test binary: the generated crate used as a user's crate uses it
//! (outside the SDK, through its public items), against a local HTTP server and in
//! roundtrips. One binary rather than one per file, so that a change of the generated code
//! compiles and links the tests once, not once per file.

mod building_requests;
mod client;
mod create_version;
mod dynamic_routing;
mod element_proptest;
mod roundtrip;
mod user_code;
