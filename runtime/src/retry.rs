//! When to retry a failed attempt, and how long to wait first.

use std::fmt;
use std::future::Future;
use std::hash::{BuildHasher, RandomState};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Retries after the first attempt unless the client or the call says otherwise.
pub(crate) const DEFAULT_MAX_RETRIES: u32 = 2;
/// Backoff before the first retry; doubles for each further one.
const INITIAL_BACKOFF: Duration = Duration::from_millis(500);
/// Backoff never grows beyond this.
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// A server-requested delay is honoured only up to this; longer ones fall back to backoff.
const MAX_SERVER_DELAY: Duration = Duration::from_secs(60);

/// Whether an error response should be retried: `x-should-retry: true|false` from the
/// server decides; otherwise 408, 409, 429 and every 5xx are retried.
pub(crate) fn should_retry(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").map(|value| value.as_bytes()) {
        Some(b"true") => true,
        Some(b"false") => false,
        _ => matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error(),
    }
}

/// How long to wait before retry number `retry` (0 for the first), given the headers of
/// the failed response (none for a connection error or timeout), the current time and a
/// jitter factor in `0.75..=1.0`.
pub(crate) fn delay(
    headers: Option<&HeaderMap>,
    retry: u32,
    now: jiff::Timestamp,
    jitter: f64,
) -> Duration {
    headers
        .and_then(|headers| server_delay(headers, now))
        .filter(|delay| !delay.is_zero() && *delay <= MAX_SERVER_DELAY)
        .unwrap_or_else(|| backoff(retry).mul_f64(jitter))
}

/// `min(0.5 s · 2^retry, 8 s)`.
fn backoff(retry: u32) -> Duration {
    INITIAL_BACKOFF
        .saturating_mul(2u32.saturating_pow(retry))
        .min(MAX_BACKOFF)
}

/// The delay the server asked for: `retry-after-ms` (milliseconds), else `Retry-After` as
/// seconds (fractions allowed) or as an HTTP date. The first header that parses wins; a
/// negative delay (a date in the past) is returned as zero so that backoff applies.
fn server_delay(headers: &HeaderMap, now: jiff::Timestamp) -> Option<Duration> {
    let header = |name| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    };
    if let Some(millis) = header("retry-after-ms").and_then(parse_number) {
        return Some(seconds(millis / 1000.0));
    }
    let retry_after = header("retry-after")?;
    if let Some(secs) = parse_number(retry_after) {
        return Some(seconds(secs));
    }
    let date = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(retry_after)
        .ok()?;
    let millis = date.as_millisecond().saturating_sub(now.as_millisecond());
    Some(Duration::from_millis(u64::try_from(millis).unwrap_or(0)))
}

/// A finite decimal number; rejects `inf`, `NaN` and the like that `f64` would accept.
fn parse_number(text: &str) -> Option<f64> {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    text.parse()
        .ok()
        .filter(|value: &f64| plain && value.is_finite())
}

/// Seconds as a duration; negative or out-of-range values become zero instead of panicking.
fn seconds(secs: f64) -> Duration {
    Duration::try_from_secs_f64(secs).unwrap_or(Duration::ZERO)
}

/// A jitter factor in `0.75..=1.0`, so that clients failing together do not retry together.
///
/// `RandomState` is seeded randomly per process and re-keyed per instance, which is plenty
/// for spreading retries and spares a dependency on a random number crate.
pub(crate) fn jitter() -> f64 {
    let bits = RandomState::new().hash_one(0u8) >> 11; // 53 random bits
    let unit = bits as f64 / (1u64 << 53) as f64;
    1.0 - 0.25 * unit
}

/// Boxed future returned by a [`Sleeper`].
pub(crate) type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Waits between retries: `tokio::time::sleep` normally; tests swap in one that records
/// the delay and returns at once, so retry tests take milliseconds.
#[derive(Clone)]
pub(crate) struct Sleeper(Arc<dyn Fn(Duration) -> SleepFuture + Send + Sync>);

impl Sleeper {
    pub(crate) fn new<F, Fut>(sleep: F) -> Self
    where
        F: Fn(Duration) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        Self(Arc::new(move |delay| Box::pin(sleep(delay))))
    }

    pub(crate) fn sleep(&self, delay: Duration) -> SleepFuture {
        (self.0)(delay)
    }
}

impl Default for Sleeper {
    fn default() -> Self {
        Self::new(tokio::time::sleep)
    }
}

impl fmt::Debug for Sleeper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sleeper")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.parse().unwrap(), value.parse().unwrap()))
            .collect()
    }

    fn now() -> jiff::Timestamp {
        "2024-01-01T00:00:00Z".parse().unwrap()
    }

    fn delay_for(pairs: &[(&'static str, &str)]) -> Duration {
        delay(Some(&headers(pairs)), 0, now(), 1.0)
    }

    #[test]
    fn retries_408_409_429_and_5xx_only() {
        let retried: Vec<u16> = (400..600)
            .filter(|&code| should_retry(StatusCode::from_u16(code).unwrap(), &HeaderMap::new()))
            .collect();
        let expected: Vec<u16> = [408, 409, 429].into_iter().chain(500..600).collect();
        assert_eq!(retried, expected);
    }

    #[test]
    fn x_should_retry_overrides_the_status_rule() {
        let yes = headers(&[("x-should-retry", "true")]);
        let no = headers(&[("x-should-retry", "false")]);
        let odd = headers(&[("x-should-retry", "maybe")]);
        assert!(should_retry(StatusCode::BAD_REQUEST, &yes));
        assert!(!should_retry(StatusCode::SERVICE_UNAVAILABLE, &no));
        assert!(should_retry(StatusCode::SERVICE_UNAVAILABLE, &odd));
    }

    #[test]
    fn backoff_doubles_from_half_a_second_up_to_eight() {
        let delays: Vec<f64> = (0..7)
            .map(|n| delay(None, n, now(), 1.0).as_secs_f64())
            .collect();
        assert_eq!(delays, [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]);
        assert_eq!(delay(None, u32::MAX, now(), 1.0), MAX_BACKOFF);
        assert_eq!(delay(None, 1, now(), 0.75), Duration::from_millis(750));
    }

    #[test]
    fn jitter_stays_between_three_quarters_and_one() {
        let samples: Vec<f64> = (0..1000).map(|_| jitter()).collect();
        assert!(samples.iter().all(|j| (0.75..=1.0).contains(j)));
        let spread = samples.iter().cloned().fold(f64::MIN, f64::max)
            - samples.iter().cloned().fold(f64::MAX, f64::min);
        assert!(spread > 0.2, "jitter does not vary: spread {spread}");
    }

    #[test]
    fn retry_after_ms_comes_first() {
        let both = [("retry-after-ms", "1500"), ("retry-after", "3")];
        assert_eq!(delay_for(&both), Duration::from_millis(1500));
        assert_eq!(
            delay_for(&[("retry-after-ms", "250.5")]),
            Duration::from_micros(250_500)
        );
    }

    #[test]
    fn retry_after_accepts_whole_and_fractional_seconds() {
        assert_eq!(delay_for(&[("retry-after", "3")]), Duration::from_secs(3));
        assert_eq!(
            delay_for(&[("retry-after", " 2.5 ")]),
            Duration::from_millis(2500)
        );
    }

    #[test]
    fn retry_after_accepts_an_http_date() {
        let date = [("retry-after", "Mon, 01 Jan 2024 00:00:07 GMT")];
        assert_eq!(delay_for(&date), Duration::from_secs(7));
    }

    #[test]
    fn out_of_range_or_unparsable_server_delays_fall_back_to_backoff() {
        for value in [
            "0",
            "-1",
            "61",
            "60.001",
            "Mon, 01 Jan 2023 00:00:00 GMT",
            "soon",
            "inf",
            "NaN",
            "",
        ] {
            assert_eq!(
                delay_for(&[("retry-after", value)]),
                INITIAL_BACKOFF,
                "{value:?}"
            );
        }
        assert_eq!(delay_for(&[("retry-after-ms", "0")]), INITIAL_BACKOFF);
        assert_eq!(
            delay_for(&[("retry-after-ms", "60000")]),
            Duration::from_secs(60)
        );
        assert_eq!(delay_for(&[("retry-after-ms", "1e400")]), INITIAL_BACKOFF);
    }

    #[test]
    fn an_unparsable_retry_after_ms_falls_through_to_retry_after() {
        let pairs = [("retry-after-ms", "soon"), ("retry-after", "4")];
        assert_eq!(delay_for(&pairs), Duration::from_secs(4));
    }
}
