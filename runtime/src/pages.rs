//! Walking a paginated endpoint: a stream of items that fetches numbered pages lazily.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;

use super::call::Call;
use super::client::Client;
use super::error::Result;
use super::request::ApiRequest;
use super::result_info::ResultInfo;

/// A page's items, and the envelope's paging figures if it sent any.
type PageFuture<T> = Pin<Box<dyn Future<Output = Result<(Vec<T>, Option<ResultInfo>)>> + Send>>;
type FetchPage<T> = Box<dyn Fn(ApiRequest) -> PageFuture<T> + Send + Sync>;

/// Every item of a paginated list, as a [`Stream`]: pages are fetched one at a time, when
/// the items before them have been read, each with the client's retries and timeouts.
///
/// The stream ends after the last page: the one the envelope's `result_info` says is the
/// last (`total_pages`), or, when it does not say, the first page that is empty or holds
/// fewer items than the first page did. After an error the stream ends.
#[must_use = "a stream does nothing until it is polled"]
pub struct Pages<T> {
    request: ApiRequest,
    page_param: &'static str,
    next_page: i64,
    first_page_len: Option<usize>,
    fetch: FetchPage<T>,
    in_flight: Option<PageFuture<T>>,
    buffered: VecDeque<T>,
    done: bool,
}

impl<T: Send + 'static> Pages<T> {
    /// Walks `request`'s pages from `first_page`, setting the page number as the query
    /// parameter `page_param`, and taking each page's items out of the decoded `P`.
    pub(crate) fn new<P: DeserializeOwned + Send + 'static>(
        client: &Client,
        request: ApiRequest,
        page_param: &'static str,
        first_page: i64,
        items: fn(P) -> Vec<T>,
    ) -> Self {
        let client = client.clone();
        let fetch: FetchPage<T> = Box::new(move |request| {
            let call = Call::<P>::new(&client, request);
            Box::pin(async move {
                let response = call.with_response().await?;
                let result_info = response.result_info().cloned();
                Ok((items(response.into_value()), result_info))
            })
        });
        Self {
            request,
            page_param,
            next_page: first_page,
            first_page_len: None,
            fetch,
            in_flight: None,
            buffered: VecDeque::new(),
            done: false,
        }
    }
}

// Nothing is pinned structurally: the in-flight future is boxed.
impl<T> Unpin for Pages<T> {}

impl<T> Stream for Pages<T> {
    type Item = Result<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if this.done {
                return Poll::Ready(None);
            }
            let page = this.in_flight.get_or_insert_with(|| {
                let request = this
                    .request
                    .clone()
                    .query(this.page_param, Some(this.next_page));
                (this.fetch)(request)
            });
            let items = match page.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(result) => result,
            };
            this.in_flight = None;
            match items {
                Err(err) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(err)));
                }
                Ok((items, result_info)) => {
                    let page_len = *this.first_page_len.get_or_insert(items.len());
                    let last = result_info.is_some_and(|info| {
                        u64::try_from(this.next_page).is_ok_and(|page| info.is_last_page(page))
                    });
                    this.done = last || items.is_empty() || items.len() < page_len;
                    this.next_page += 1;
                    this.buffered.extend(items);
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let upper = if self.done {
            Some(self.buffered.len())
        } else {
            None
        };
        (self.buffered.len(), upper)
    }
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("next_page", &self.next_page)
            .field("buffered", &self.buffered.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}
