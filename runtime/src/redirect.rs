//! Which redirects are followed: a `307` or `308` whose `Location` has the request's own
//! origin (scheme, host and port), at most [`MAX_REDIRECTS`] times per attempt. Those two
//! statuses promise that the same method and body are wanted, and the same origin means
//! the credentials go nowhere new. Any other redirect is returned to the caller.

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{StatusCode, Url};

/// Redirects followed within one attempt; the next one is refused.
pub(crate) const MAX_REDIRECTS: u32 = 5;

/// Why a redirect was not followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RedirectReason {
    /// The `Location` has another scheme, host or port: following it would send the
    /// credentials there.
    OtherOrigin,
    /// A status other than 307 and 308 (a 301, 302 or 303, say), which lets a client
    /// change the method or drop the body, so it is not repeated on the caller's behalf.
    UnsupportedStatus,
    /// Five redirects were already followed for this request, the limit.
    TooMany,
    /// A 307 or 308 without a `Location` header that is a URL.
    NoLocation,
}

/// What to do with a response to a request sent to some URL.
#[derive(Debug, PartialEq)]
pub(crate) enum Hop {
    /// Not a redirect: this response is the answer.
    Final,
    /// Send the same request again, to this URL.
    Follow(Url),
    /// A redirect that is not followed; the response is the answer.
    Refused(RedirectReason),
}

/// Decides about a response with `status` and `headers` to a request sent to `url`,
/// after `followed` redirects in the same attempt.
pub(crate) fn next_hop(status: StatusCode, headers: &HeaderMap, url: &Url, followed: u32) -> Hop {
    if !status.is_redirection() {
        return Hop::Final;
    }
    if !matches!(
        status,
        StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT
    ) {
        return Hop::Refused(RedirectReason::UnsupportedStatus);
    }
    let target = headers
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|location| url.join(location).ok());
    match target {
        None => Hop::Refused(RedirectReason::NoLocation),
        Some(target) if target.origin() != url.origin() => {
            Hop::Refused(RedirectReason::OtherOrigin)
        }
        Some(_) if followed >= MAX_REDIRECTS => Hop::Refused(RedirectReason::TooMany),
        Some(target) => Hop::Follow(target),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FROM: &str = "https://api.example.test/client/v4/accounts/a/routes";

    fn hop(status: u16, location: Option<&str>, followed: u32) -> Hop {
        let mut headers = HeaderMap::new();
        if let Some(location) = location {
            headers.insert(LOCATION, location.parse().unwrap());
        }
        let status = StatusCode::from_u16(status).unwrap();
        next_hop(status, &headers, &Url::parse(FROM).unwrap(), followed)
    }

    fn follows_to(location: &str) -> String {
        match hop(307, Some(location), 0) {
            Hop::Follow(url) => url.to_string(),
            other => panic!("{location}: {other:?}"),
        }
    }

    #[test]
    fn only_3xx_statuses_are_redirects() {
        for status in [200, 201, 204, 400, 404, 500] {
            assert_eq!(hop(status, Some("/x"), 0), Hop::Final, "{status}");
        }
    }

    #[test]
    fn relative_and_absolute_locations_on_the_same_origin_are_followed() {
        assert_eq!(
            follows_to("/client/v4/other"),
            "https://api.example.test/client/v4/other"
        );
        assert_eq!(
            follows_to("routes?page=2"),
            "https://api.example.test/client/v4/accounts/a/routes?page=2"
        );
        assert_eq!(
            follows_to("https://api.example.test:443/x"),
            "https://api.example.test/x"
        );
        assert!(matches!(hop(308, Some("/y"), 4), Hop::Follow(_)));
    }

    #[test]
    fn another_scheme_host_or_port_is_another_origin() {
        for location in [
            "http://api.example.test/client/v4",
            "https://evil.example.test/client/v4",
            "https://api.example.test.evil.test/",
            "https://api.example.test:8443/client/v4",
            "//evil.example.test/x",
            "data:text/plain,x",
        ] {
            assert_eq!(
                hop(307, Some(location), 0),
                Hop::Refused(RedirectReason::OtherOrigin),
                "{location}"
            );
        }
    }

    #[test]
    fn other_redirect_statuses_are_refused_whatever_the_location() {
        for status in [300, 301, 302, 303, 304, 305] {
            assert_eq!(
                hop(status, Some("/client/v4/other"), 0),
                Hop::Refused(RedirectReason::UnsupportedStatus),
                "{status}"
            );
        }
    }

    #[test]
    fn a_missing_or_unusable_location_is_refused() {
        assert_eq!(hop(307, None, 0), Hop::Refused(RedirectReason::NoLocation));
        assert_eq!(
            hop(308, Some("http://[::1"), 0),
            Hop::Refused(RedirectReason::NoLocation)
        );
    }

    #[test]
    fn the_sixth_redirect_is_refused() {
        assert!(matches!(
            hop(307, Some("/x"), MAX_REDIRECTS - 1),
            Hop::Follow(_)
        ));
        assert_eq!(
            hop(307, Some("/x"), MAX_REDIRECTS),
            Hop::Refused(RedirectReason::TooMany)
        );
    }
}
