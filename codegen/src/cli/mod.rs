//! The subcommands besides generation, one module each.

pub(crate) mod diff;
pub(crate) mod import;
