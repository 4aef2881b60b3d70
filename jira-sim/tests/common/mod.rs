//! Shared helpers for the simulator's integration tests: start an instance, make requests.
#![allow(dead_code)]

use jira_sim::{Flavor, Options, Running};
use reqwest::{Client, RequestBuilder, Response};
use serde_json::Value;

/// Starts a simulator of the given flavour with the default demo data.
pub async fn sim(flavor: Flavor) -> Running {
    sim_with(Options {
        flavor,
        ..Options::default()
    })
    .await
}

/// Starts a simulator with options.
pub async fn sim_with(opts: Options) -> Running {
    match jira_sim::start(opts).await {
        Ok(r) => r,
        Err(e) => panic!("simulator failed to start: {e}"),
    }
}

/// A reqwest client builder with the ring TLS provider installed. When the whole workspace
/// is built together, cargo unifies reqwest's features with jirash's `rustls-no-provider`,
/// and building a client without an installed provider panics.
pub fn builder() -> reqwest::ClientBuilder {
    // Err only means a provider is already installed, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder()
}

/// A client without a cookie store or redirects.
pub fn client() -> Client {
    builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_default()
}

/// Authenticated request builder for the flavour's demo credentials.
pub fn authed(c: &Client, flavor: Flavor, method: reqwest::Method, url: &str) -> RequestBuilder {
    let rb = c.request(method, url);
    match flavor {
        Flavor::DataCenter => rb.basic_auth(jira_sim::DEMO_USER, Some(jira_sim::DEMO_PASSWORD)),
        Flavor::Cloud => rb.basic_auth(jira_sim::DEMO_EMAIL, Some(jira_sim::DEMO_API_TOKEN)),
    }
}

/// Sends and returns (status, JSON body or Null).
pub async fn send(rb: RequestBuilder) -> (u16, Value) {
    let r = match rb.send().await {
        Ok(r) => r,
        Err(e) => panic!("request failed: {e}"),
    };
    status_json(r).await
}

/// Status and JSON body of a response (Null when empty or not JSON).
pub async fn status_json(r: Response) -> (u16, Value) {
    let s = r.status().as_u16();
    let bytes = r.bytes().await.unwrap_or_default();
    (s, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// A test client bound to one simulator.
pub struct T {
    /// The simulator.
    pub sim: Running,
    /// Its flavour.
    pub flavor: Flavor,
    /// The HTTP client.
    pub c: Client,
}

impl T {
    /// Starts a simulator.
    pub async fn new(flavor: Flavor) -> T {
        T {
            sim: sim(flavor).await,
            flavor,
            c: client(),
        }
    }
    /// `<base><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sim.base_url)
    }
    /// Authenticated GET.
    pub async fn get(&self, path: &str) -> (u16, Value) {
        send(authed(
            &self.c,
            self.flavor,
            reqwest::Method::GET,
            &self.url(path),
        ))
        .await
    }
    /// Authenticated DELETE.
    pub async fn delete(&self, path: &str) -> (u16, Value) {
        send(authed(
            &self.c,
            self.flavor,
            reqwest::Method::DELETE,
            &self.url(path),
        ))
        .await
    }
    /// Authenticated request with a JSON body.
    pub async fn json(&self, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
        send(authed(&self.c, self.flavor, method, &self.url(path)).json(&body)).await
    }
    /// Authenticated POST with JSON.
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.json(reqwest::Method::POST, path, body).await
    }
    /// Authenticated PUT with JSON.
    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.json(reqwest::Method::PUT, path, body).await
    }
}
