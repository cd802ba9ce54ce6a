//! What one spec file of an import is made from: its document, and what the config says
//! about it.

use super::config::SpecConfig;
use super::products::Row;

/// One spec file to produce.
pub struct SpecPlan<'c> {
    /// `dynamic_routing.yaml`.
    pub file_name: String,
    /// Comment lines at the top of the file.
    pub header: String,
    /// Index of the document it imports from.
    pub document: usize,
    /// What the config says about it; `None`: every operation, default rules.
    pub config: Option<&'c SpecConfig>,
    /// For the config's `products:`: the product table. Such a plan takes every operation
    /// of its document no other plan selects, and the run splits it into a plan per
    /// product (`{product}.yaml`).
    pub products: Option<&'c [Row]>,
}
