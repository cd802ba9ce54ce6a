use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use serde::de::DeserializeOwned;

use super::client::Client;
use super::error::{Error, Result};
use super::request::ApiRequest;

/// A prepared API call; `.await` it to send it and get the typed result.
#[must_use = "a call does nothing until it is awaited"]
#[derive(Debug)]
pub struct Call<T> {
    client: Client,
    request: ApiRequest,
    response: PhantomData<fn() -> T>,
}

impl<T> Call<T> {
    pub(crate) fn new(client: &Client, request: ApiRequest) -> Self {
        Self { client: client.clone(), request, response: PhantomData }
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for Call<T> {
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let envelope_field = self.request.envelope_field;
            let (status, body) = self.client.send(self.request).await?;
            if !(200..300).contains(&status) {
                return Err(Error::Api { status, body: String::from_utf8_lossy(&body).into() });
            }
            let decode = |message: String| Error::Decode { status, message };
            let mut envelope: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(&body).map_err(|err| decode(err.to_string()))?;
            let payload = envelope
                .remove(envelope_field)
                .ok_or_else(|| decode(format!("the response has no `{envelope_field}` field")))?;
            T::deserialize(payload).map_err(|err| decode(err.to_string()))
        })
    }
}
