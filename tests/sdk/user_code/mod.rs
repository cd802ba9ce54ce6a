//! What users can write with the generated API, compiled as a user's crate is: outside
//! the SDK, through its public items only. What they cannot write is in
//! `tests/compile_fail.rs`.

mod build_a_route_graph_the_short_way;
mod every_element_kind;
mod reference_example;
