//! [`Call`]: a prepared request that a generated method returns, with per-call options.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use super::binary::{ResponseBody, ResponseValue};
use super::client::Client;
use super::error::Result;
use super::request::ApiRequest;
use super::response::Response;
use super::transport::CallOptions;

/// A prepared API call; `.await` it to send it and get the typed result.
///
/// Before awaiting, the call's limits can be changed, and
/// [`with_response`](Self::with_response) gives access to the status and headers:
///
/// ```no_run
/// # async fn run(call: cloudflare_sdk_runtime::Call<serde_json::Value>) -> cloudflare_sdk_runtime::Result<()> {
/// use std::time::Duration;
///
/// let response = call.max_retries(5).timeout(Duration::from_secs(10)).with_response().await?;
/// println!("cf-ray: {:?}", response.cf_ray());
/// # Ok(())
/// # }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<T> {
    client: Client,
    request: ApiRequest,
    options: CallOptions,
    response: PhantomData<fn() -> T>,
}

impl<T> Call<T> {
    pub(crate) fn new(client: &Client, request: ApiRequest) -> Self {
        Self {
            client: client.clone(),
            request,
            options: CallOptions::default(),
            response: PhantomData,
        }
    }

    /// Retries this call at most `max_retries` times, instead of the client's setting.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.options.max_retries = Some(max_retries);
        self
    }

    /// Limits each attempt of this call to `timeout`, instead of the client's setting.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Resolves to a [`Response`] with the HTTP status and headers along with the value.
    pub fn with_response(self) -> WithResponse<T> {
        WithResponse(self)
    }
}

impl<T: ResponseValue> Call<T> {
    async fn send(self) -> Result<Response<T>> {
        let raw = self.client.execute(&self.request, self.options).await?;
        T::from_response(ResponseBody(raw), self.request.payload)
    }
}

impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("request", &self.request)
            .field("max_retries", &self.options.max_retries)
            .field("timeout", &self.options.timeout)
            .finish_non_exhaustive()
    }
}

impl<T: ResponseValue + Send + 'static> IntoFuture for Call<T> {
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.send().await.map(Response::into_value) })
    }
}

/// A [`Call`] that resolves to the whole [`Response`]; made by [`Call::with_response`].
#[must_use = "a call does nothing until it is awaited"]
pub struct WithResponse<T>(Call<T>);

impl<T> fmt::Debug for WithResponse<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("WithResponse").field(&self.0).finish()
    }
}

impl<T: ResponseValue + Send + 'static> IntoFuture for WithResponse<T> {
    type Output = Result<Response<T>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<Response<T>>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.0.send())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, request::Method};

    fn send_and_sync<T: Send + Sync>() {}

    #[test]
    fn clients_calls_and_errors_can_cross_threads() {
        send_and_sync::<Client>();
        send_and_sync::<Error>();
        send_and_sync::<Call<serde_json::Value>>();
        send_and_sync::<WithResponse<serde_json::Value>>();
    }

    #[test]
    fn per_call_options_are_kept_until_the_call_is_sent() {
        let client = Client::builder().api_token("t").build().unwrap();
        let call = Call::<serde_json::Value>::new(&client, ApiRequest::new(Method::GET, "/x"))
            .max_retries(7)
            .timeout(Duration::from_secs(3));
        assert_eq!(call.options.max_retries, Some(7));
        assert_eq!(call.options.timeout, Some(Duration::from_secs(3)));
        let debug = format!("{:?}", call.with_response());
        assert!(debug.contains("max_retries: Some(7)"), "{debug}");
    }
}
