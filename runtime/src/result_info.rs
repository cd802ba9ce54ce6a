//! [`ResultInfo`]: the paging figures Cloudflare sends next to a list's `result`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The `result_info` object of a response envelope: where a page sits in the whole list.
/// Every figure is optional, since endpoints send different ones; fields this SDK does
/// not know (a cursor, say) are kept in [`unknown_fields`](Self::unknown_fields).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResultInfo {
    /// The number of this page, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    /// The most items a page holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u64>,
    /// The number of items on this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// The number of items on every page together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
    /// The number of pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<u64>,
    /// Fields this version of the SDK does not know, kept as the API sent them.
    #[serde(flatten)]
    pub unknown_fields: Map<String, Value>,
}

impl ResultInfo {
    /// Whether `page` is known to be the last page: `total_pages` says so.
    pub fn is_last_page(&self, page: u64) -> bool {
        self.total_pages.is_some_and(|total| page >= total)
    }
}
