//! The paging engine shared by every paged cmdlet.
//!
//! Offset paging (`startAt`/`maxResults`, answers with `total`/`isLast` and an item container
//! `issues`, `values`, `comments`, `worklogs`, `groups` or `dashboards`): the first page is
//! fetched at once; when it tells the total, the remaining pages are fetched concurrently
//! (bounded window, default 4) and delivered strictly in order, each as soon as it and all
//! before it have arrived. Without a total, pages follow one another until `isLast`, a short
//! page or an empty page. Token paging (Cloud `/search/jql`: `nextPageToken`/`isLast`) is
//! sequential by nature.
//!
//! The consumer sees a plain blocking [`Iterator`] ([`PageStream`]) backed by a tokio task and a
//! bounded channel. The task starts fetching the second page only when the consumer asks for
//! an item past the first page, so a `Select-Object -First 5` satisfied by the first page makes
//! exactly one request. Dropping the iterator aborts the task and every request in flight, so a
//! consumer that stops later costs at most the window of pages.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use serde_json::Value;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::client::{Inner, JiraClient, Prepared};
use super::error::JiraError;
use super::request::{Cancel, Request};

/// The first-level keys whose arrays are a page's items.
pub const ITEM_CONTAINERS: [&str; 6] = [
    "issues",
    "values",
    "comments",
    "worklogs",
    "groups",
    "dashboards",
];

/// How to page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PagingMode {
    /// Token paging when the path contains `/search/jql`, offset paging otherwise.
    #[default]
    Auto,
    /// `startAt`/`maxResults`.
    Offset,
    /// `nextPageToken`/`maxResults`.
    Token,
}

/// Paging parameters (`-First`, `-Skip`, `-PageSize`…).
#[derive(Clone, Debug)]
pub struct PageOptions {
    /// Items per request (`maxResults`). Default 50.
    pub page_size: u32,
    /// Stop after this many items (`-First`).
    pub first: Option<u64>,
    /// Skip this many items first (`-Skip`).
    pub skip: u64,
    /// Most page requests in flight at once (offset paging with a known total). 1 = one after
    /// another. Default 4.
    pub concurrency: usize,
    /// Offset, token, or decide from the URL.
    pub mode: PagingMode,
}

impl Default for PageOptions {
    fn default() -> Self {
        PageOptions {
            page_size: 50,
            first: None,
            skip: 0,
            concurrency: 4,
            mode: PagingMode::Auto,
        }
    }
}

/// The items of one page: a bare array, or every known container present in the object.
pub fn page_items(page: &Value) -> Vec<Value> {
    match page {
        Value::Array(items) => items.clone(),
        Value::Object(map) => ITEM_CONTAINERS
            .iter()
            .filter_map(|k| map.get(*k).and_then(Value::as_array))
            .flat_map(|a| a.iter().cloned())
            .collect(),
        _ => Vec::new(),
    }
}

/// Items of a paged request, in order. Blocks in `next()` while the next page is on its way.
/// Dropping it stops the producer task and aborts its requests.
pub struct PageStream {
    buf: VecDeque<Value>,
    rx: Option<mpsc::Receiver<Result<Vec<Value>, JiraError>>>,
    total: Option<u64>,
    task: Option<AbortOnDrop<()>>,
    /// Tells the producer to start: sent when the consumer first needs more than the first page.
    start: Option<oneshot::Sender<()>>,
    done: bool,
}

impl std::fmt::Debug for PageStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageStream")
            .field("buffered", &self.buf.len())
            .field("total", &self.total)
            .field("done", &self.done)
            .finish()
    }
}

impl PageStream {
    /// Jira's `total` for the whole query (before `-Skip`/`-First`), when the server told it
    /// (offset paging); `None` for token paging.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    fn finished(items: Vec<Value>, total: Option<u64>) -> Self {
        PageStream {
            buf: items.into(),
            rx: None,
            total,
            task: None,
            start: None,
            done: true,
        }
    }
}

impl Iterator for PageStream {
    type Item = Result<Value, JiraError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(v) = self.buf.pop_front() {
                return Some(Ok(v));
            }
            if self.done {
                return None;
            }
            let Some(rx) = self.rx.as_mut() else {
                self.done = true;
                return None;
            };
            if let Some(start) = self.start.take() {
                // Err only means the producer has already gone; the channel then reports it.
                let _ = start.send(());
            }
            match rx.blocking_recv() {
                Some(Ok(items)) => self.buf.extend(items),
                Some(Err(e)) => {
                    self.done = true;
                    self.task = None;
                    return Some(Err(e));
                }
                None => {
                    self.done = true;
                    self.task = None;
                }
            }
        }
    }
}

/// A task handle that aborts the task when dropped.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl<T> Future for AbortOnDrop<T> {
    type Output = Result<T, tokio::task::JoinError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(cx)
    }
}

/// What the first page told.
struct FirstPage {
    items: Vec<Value>,
    total: Option<u64>,
    /// Effective page size (echoed `maxResults`, or the short first page's length).
    page_size: u64,
    /// No more pages.
    last: bool,
    next_token: Option<String>,
}

fn u64_field(v: &Value, key: &str) -> Option<u64> {
    v.get(key).and_then(Value::as_u64)
}

/// A copy of `base` with these query parameters set (replacing same-named ones).
fn with_params(base: &Prepared, params: &[(&str, String)]) -> Prepared {
    let mut p = base.clone();
    let kept: Vec<(String, String)> = p
        .url
        .query_pairs()
        .filter(|(k, _)| !params.iter().any(|(pk, _)| pk == k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    p.url
        .query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .extend_pairs(params.iter().map(|(k, v)| (*k, v.as_str())));
    p
}

async fn fetch_page(inner: &Inner, req: &Prepared) -> Result<Value, JiraError> {
    Ok(inner.execute(req).await?.json()?.unwrap_or(Value::Null))
}

impl JiraClient {
    /// Runs a paged request (`-Paging`, and every paged cmdlet). The first page is fetched
    /// before this returns, so its errors come back here and [`PageStream::total`] is known;
    /// later pages are fetched in the background and errors arrive as the iterator's last item.
    pub fn pages(
        &self,
        req: Request,
        opts: PageOptions,
        cancel: &Cancel,
    ) -> Result<PageStream, JiraError> {
        let base = self.prepare(req)?;
        let want = opts.first.unwrap_or(u64::MAX);
        if want == 0 {
            return Ok(PageStream::finished(Vec::new(), None));
        }
        let token_mode = match opts.mode {
            PagingMode::Token => true,
            PagingMode::Offset => false,
            PagingMode::Auto => base.url.path().contains("/search/jql"),
        };
        let page_size = u64::from(opts.page_size.max(1));
        let inner = self.inner.clone();
        if token_mode {
            let first_req = with_params(
                &base,
                &[(
                    "maxResults",
                    page_size.min(want.saturating_add(opts.skip)).to_string(),
                )],
            );
            let first = self.block_on(cancel, async move {
                let page = fetch_page(&inner, &first_req).await?;
                Ok(read_token_page(page))
            })?;
            let mut skip = opts.skip;
            let mut items = first.items;
            let dropped = (skip as usize).min(items.len());
            items.drain(..dropped);
            skip -= dropped as u64;
            items.truncate(usize::try_from(want).unwrap_or(usize::MAX));
            let emitted = items.len() as u64;
            let (Some(token), false) = (first.next_token.clone(), first.last || emitted >= want)
            else {
                return Ok(PageStream::finished(items, None));
            };
            let state = TokenState {
                base,
                token,
                skip,
                remaining: want - emitted,
                page_size,
            };
            return Ok(self.spawn_stream(items, None, cancel, move |inner, tx| {
                token_pages(inner, state, tx)
            }));
        }

        let first_size = page_size.min(want);
        let first_req = with_params(
            &base,
            &[
                ("startAt", opts.skip.to_string()),
                ("maxResults", first_size.to_string()),
            ],
        );
        let first = self.block_on(cancel, async move {
            let page = fetch_page(&inner, &first_req).await?;
            Ok(read_offset_page(page, first_size))
        })?;
        let mut items = first.items;
        let first_item = items.first().cloned();
        items.truncate(usize::try_from(want).unwrap_or(usize::MAX));
        let emitted = items.len() as u64;
        let start = opts.skip + emitted;
        if first.last || emitted >= want || emitted == 0 {
            return Ok(PageStream::finished(items, first.total));
        }
        let total = first.total;
        let state = OffsetState {
            base,
            next_start: start,
            end: total.map(|t| t.min(opts.skip.saturating_add(want))),
            remaining: want - emitted,
            page_size: first.page_size.max(1),
            concurrency: opts.concurrency.max(1),
            first_item,
        };
        if let Some(end) = state.end
            && start >= end
        {
            return Ok(PageStream::finished(items, total));
        }
        Ok(self.spawn_stream(items, total, cancel, move |inner, tx| {
            offset_pages(inner, state, tx)
        }))
    }

    fn spawn_stream<F, Fut>(
        &self,
        first_items: Vec<Value>,
        total: Option<u64>,
        cancel: &Cancel,
        producer: F,
    ) -> PageStream
    where
        F: FnOnce(Arc<Inner>, mpsc::Sender<Result<Vec<Value>, JiraError>>) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let (tx, rx) = mpsc::channel(1);
        let (start_tx, start_rx) = oneshot::channel::<()>();
        let cancel = cancel.clone();
        let fut = producer(self.inner.clone(), tx.clone());
        let task = self.handle().spawn(async move {
            tokio::select! {
                biased;
                () = cancel.cancelled() => {
                    let _ = tx.send(Err(JiraError::Cancelled)).await;
                }
                () = async move {
                    // Nothing is fetched until the consumer wants more than the first page; a
                    // dropped stream (Err) means it never will.
                    if start_rx.await.is_ok() {
                        fut.await;
                    }
                } => {}
            }
        });
        PageStream {
            buf: first_items.into(),
            rx: Some(rx),
            total,
            task: Some(AbortOnDrop(task)),
            start: Some(start_tx),
            done: false,
        }
    }
}

fn read_offset_page(page: Value, requested: u64) -> FirstPage {
    let items = page_items(&page);
    let total = u64_field(&page, "total");
    let echoed = u64_field(&page, "maxResults").filter(|m| *m > 0);
    let len = items.len() as u64;
    let page_size = match (echoed, total) {
        (Some(m), _) => m.min(requested),
        // No echo, but the server gave fewer than asked while more exist: that is its page size.
        (None, Some(t)) if len < requested && len < t && len > 0 => len,
        _ => requested,
    };
    let is_last = page.get("isLast").and_then(Value::as_bool) == Some(true);
    let short = len < page_size;
    // More items than asked for: the endpoint does not page at all (`/rest/api/2/field`), and
    // asking for a next page would only bring the same items again.
    let unpaged = len > requested;
    FirstPage {
        total,
        page_size,
        last: is_last || unpaged || (total.is_none() && short),
        next_token: None,
        items,
    }
}

fn read_token_page(page: Value) -> FirstPage {
    let items = page_items(&page);
    let next_token = page
        .get("nextPageToken")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let is_last = page.get("isLast").and_then(Value::as_bool) == Some(true);
    FirstPage {
        total: None,
        page_size: items.len() as u64,
        last: is_last || next_token.is_none() || items.is_empty(),
        next_token,
        items,
    }
}

struct OffsetState {
    base: Prepared,
    next_start: u64,
    /// Index to stop before, when the total is known.
    end: Option<u64>,
    remaining: u64,
    page_size: u64,
    concurrency: usize,
    /// The first item of the first page (to notice a server that ignores `startAt`).
    first_item: Option<Value>,
}

type PageSender = mpsc::Sender<Result<Vec<Value>, JiraError>>;

/// Sends a page downstream; false when the consumer has gone.
async fn deliver(tx: &PageSender, page: Result<Vec<Value>, JiraError>) -> bool {
    tx.send(page).await.is_ok()
}

async fn offset_pages(inner: Arc<Inner>, mut st: OffsetState, tx: PageSender) {
    let Some(end) = st.end else {
        // No total: one page after another until a short, empty or last page — or a page that
        // starts like the one before (the server ignored `startAt`: nothing new will come).
        let mut previous_first = st.first_item.take();
        loop {
            let size = st.page_size.min(st.remaining);
            let req = with_params(
                &st.base,
                &[
                    ("startAt", st.next_start.to_string()),
                    ("maxResults", size.to_string()),
                ],
            );
            let page = match fetch_page(&inner, &req).await {
                Ok(p) => read_offset_page(p, size),
                Err(e) => {
                    let _ = deliver(&tx, Err(e)).await;
                    return;
                }
            };
            let mut items = page.items;
            if !items.is_empty() && items.first() == previous_first.as_ref() {
                return;
            }
            previous_first = items.first().cloned();
            items.truncate(usize::try_from(st.remaining).unwrap_or(usize::MAX));
            let n = items.len() as u64;
            st.remaining -= n;
            st.next_start += n;
            if n > 0 && !deliver(&tx, Ok(items)).await {
                return;
            }
            if page.last || n == 0 || n < size || st.remaining == 0 {
                return;
            }
        }
    };
    // Known total: a bounded window of requests, delivered in order.
    let mut in_flight: VecDeque<AbortOnDrop<Result<Value, JiraError>>> = VecDeque::new();
    loop {
        while in_flight.len() < st.concurrency && st.next_start < end {
            let size = st.page_size.min(end - st.next_start);
            let req = with_params(
                &st.base,
                &[
                    ("startAt", st.next_start.to_string()),
                    ("maxResults", size.to_string()),
                ],
            );
            st.next_start += size;
            let inner = inner.clone();
            in_flight.push_back(AbortOnDrop(tokio::spawn(async move {
                fetch_page(&inner, &req).await
            })));
        }
        let Some(next) = in_flight.pop_front() else {
            return;
        };
        let page = tokio::select! {
            r = next => r,
            () = tx.closed() => return,
        };
        let items = match page {
            Ok(Ok(v)) => page_items(&v),
            Ok(Err(e)) => {
                let _ = deliver(&tx, Err(e)).await;
                return;
            }
            Err(join) => {
                let _ = deliver(
                    &tx,
                    Err(JiraError::Transport {
                        host: st.base.url.host_str().unwrap_or("?").to_string(),
                        detail: format!("page task failed: {join}"),
                    }),
                )
                .await;
                return;
            }
        };
        if items.is_empty() {
            // The result set shrank while paging: nothing more to fetch.
            return;
        }
        if !deliver(&tx, Ok(items)).await {
            return;
        }
    }
}

struct TokenState {
    base: Prepared,
    token: String,
    skip: u64,
    remaining: u64,
    page_size: u64,
}

async fn token_pages(inner: Arc<Inner>, mut st: TokenState, tx: PageSender) {
    loop {
        let size = st.page_size.min(st.remaining.saturating_add(st.skip));
        let req = with_params(
            &st.base,
            &[
                ("nextPageToken", st.token.clone()),
                ("maxResults", size.to_string()),
            ],
        );
        let page = match fetch_page(&inner, &req).await {
            Ok(p) => read_token_page(p),
            Err(e) => {
                let _ = deliver(&tx, Err(e)).await;
                return;
            }
        };
        let mut items = page.items;
        let dropped = usize::try_from(st.skip)
            .unwrap_or(usize::MAX)
            .min(items.len());
        items.drain(..dropped);
        st.skip -= dropped as u64;
        items.truncate(usize::try_from(st.remaining).unwrap_or(usize::MAX));
        st.remaining -= items.len() as u64;
        if !items.is_empty() && !deliver(&tx, Ok(items)).await {
            return;
        }
        match page.next_token {
            // The same token again would ask for the same page forever.
            Some(t) if !page.last && st.remaining > 0 && t != st.token => st.token = t,
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn items_from_containers_and_arrays() {
        assert_eq!(page_items(&json!([1, 2])), vec![json!(1), json!(2)]);
        assert_eq!(
            page_items(&json!({"startAt":0,"issues":[{"key":"A-1"}],"names":{}})),
            vec![json!({"key":"A-1"})]
        );
        assert_eq!(page_items(&json!({"values":[1],"comments":[2]})).len(), 2);
        assert!(page_items(&json!({"total":0})).is_empty());
    }

    #[test]
    fn offset_page_reading() {
        let p = read_offset_page(
            json!({"startAt":0,"maxResults":10,"total":25,"issues":[1,2,3,4,5,6,7,8,9,10]}),
            50,
        );
        assert_eq!((p.page_size, p.total, p.last), (10, Some(25), false));
        let p = read_offset_page(json!({"values":[1,2],"isLast":true}), 50);
        assert!(p.last);
        let p = read_offset_page(json!([1, 2]), 50);
        assert!(p.last, "short page without total is the last");
        let p = read_offset_page(json!({"total":100,"comments":[1,2,3]}), 50);
        assert_eq!(p.page_size, 3);
    }

    #[test]
    fn token_page_reading() {
        let p = read_token_page(json!({"issues":[1],"nextPageToken":"t","isLast":false}));
        assert_eq!(p.next_token.as_deref(), Some("t"));
        assert!(!p.last);
        let p = read_token_page(json!({"issues":[1],"isLast":true}));
        assert!(p.last);
    }
}
