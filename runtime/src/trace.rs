//! The `tracing` events of a call, kept in one place so that their levels and fields stay
//! consistent and it is plain what they hold.
//!
//! Every event has the target `cloudflare_sdk` and the fields `method` and `path`, the
//! path *template* (`/accounts/{account_id}/…`): it groups calls by endpoint, and the
//! filled path would put account and resource ids into logs. Events never carry a URL, a
//! header other than `cf-ray`, or a body, so credentials cannot reach them.

use std::fmt::Display;
use std::time::Duration;

use reqwest::StatusCode;

use super::request::ApiRequest;

/// The target of every event, whatever module emits it, so that one filter directive
/// (`cloudflare_sdk=debug`) selects them all.
const TARGET: &str = "cloudflare_sdk";

/// An attempt got a response (debug): its status, `cf-ray` and how long it took.
pub(crate) fn attempt_answered(
    request: &ApiRequest,
    attempt: u32,
    status: StatusCode,
    cf_ray: Option<&str>,
    elapsed: Duration,
) {
    tracing::debug!(
        target: TARGET,
        method = %request.method,
        path = request.path_template(),
        attempt,
        status = status.as_u16(),
        cf_ray,
        ?elapsed,
        "attempt answered"
    );
}

/// An attempt got no response (debug): a timeout or a connection failure.
pub(crate) fn attempt_failed(
    request: &ApiRequest,
    attempt: u32,
    error: &dyn Display,
    elapsed: Duration,
) {
    tracing::debug!(
        target: TARGET,
        method = %request.method,
        path = request.path_template(),
        attempt,
        error = %error,
        ?elapsed,
        "attempt failed"
    );
}

/// A same-origin redirect is being followed (debug); `hop` counts them within the attempt.
pub(crate) fn following_redirect(request: &ApiRequest, attempt: u32, hop: u32, status: StatusCode) {
    tracing::debug!(
        target: TARGET,
        method = %request.method,
        path = request.path_template(),
        attempt,
        hop,
        status = status.as_u16(),
        "following redirect"
    );
}

/// Attempt `attempt` failed and another follows after `delay` (warn: the call may still
/// succeed, but the API or the network is misbehaving).
pub(crate) fn retrying(request: &ApiRequest, attempt: u32, delay: Duration, reason: &dyn Display) {
    tracing::warn!(
        target: TARGET,
        method = %request.method,
        path = request.path_template(),
        attempt,
        ?delay,
        reason = %reason,
        "retrying"
    );
}
