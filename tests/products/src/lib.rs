//! No library: the tests in `tests/` call operations of several products of the SDK
//! against a local server.
