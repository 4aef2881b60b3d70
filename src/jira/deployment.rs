//! Cloud vs Server/Data Center: the `serverInfo` answer, its 5-minute cache, and the REST v3 URL
//! rewrite used on Cloud.
//!
//! Detection itself (the `GET /rest/api/2/serverInfo` call) is done by the client; this module
//! owns the types, the cache and the pure helpers.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long a `serverInfo` answer is reused.
pub const SERVER_INFO_TTL: Duration = Duration::from_secs(300);

/// The kind of Jira behind a server URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deployment {
    /// Jira Cloud (`deploymentType: "Cloud"`).
    Cloud,
    /// Jira Server or Data Center (`deploymentType: "Server"`, or anything not Cloud).
    Server,
}

impl Deployment {
    /// `Cloud` or `Server`.
    pub fn as_str(self) -> &'static str {
        match self {
            Deployment::Cloud => "Cloud",
            Deployment::Server => "Server",
        }
    }
}

/// The parsed `serverInfo` answer. `raw` keeps every field for `Get-JiraServerInformation`.
#[derive(Clone, Debug)]
pub struct ServerInfo {
    /// Cloud or Server/DC.
    pub deployment: Deployment,
    /// `version`, e.g. `10.3.19` or `1001.0.0-SNAPSHOT`.
    pub version: String,
    /// `baseUrl`.
    pub base_url: String,
    /// The whole JSON object.
    pub raw: Value,
}

impl ServerInfo {
    /// Reads a `serverInfo` body. Missing fields become empty; `deploymentType` other than
    /// `Cloud` means Server.
    pub fn from_json(raw: Value) -> Self {
        let text = |k: &str| raw.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let deployment = if text("deploymentType").eq_ignore_ascii_case("cloud") {
            Deployment::Cloud
        } else {
            Deployment::Server
        };
        ServerInfo {
            deployment,
            version: text("version"),
            base_url: text("baseUrl"),
            raw,
        }
    }

    /// `[Cloud] 1001.0.0` (JiraPS's `ToString`).
    pub fn display(&self) -> String {
        format!("[{}] {}", self.deployment.as_str(), self.version)
    }
}

/// `serverInfo` answers per server (keyed by the server URL), each reused for
/// [`SERVER_INFO_TTL`].
#[derive(Debug, Default)]
pub struct ServerInfoCache {
    entries: Mutex<HashMap<String, (Instant, ServerInfo)>>,
}

impl ServerInfoCache {
    /// A fresh entry for `server`, if any.
    pub fn get(&self, server: &str) -> Option<ServerInfo> {
        self.get_at(server, Instant::now())
    }

    fn get_at(&self, server: &str, now: Instant) -> Option<ServerInfo> {
        let map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.get(server)
            .filter(|(at, _)| now.saturating_duration_since(*at) < SERVER_INFO_TTL)
            .map(|(_, info)| info.clone())
    }

    /// Stores an answer.
    pub fn put(&self, server: &str, info: ServerInfo) {
        self.put_at(server, info, Instant::now());
    }

    fn put_at(&self, server: &str, info: ServerInfo, at: Instant) {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.insert(server.to_string(), (at, info));
    }

    /// Forgets everything (`Clear-JiraCache`).
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

/// On Cloud, the first `/rest/api/2/` of a URL becomes `/rest/api/3/`; unchanged on Server.
pub fn to_v3_url(url: &str, deployment: Deployment) -> String {
    match deployment {
        Deployment::Cloud => url.replacen("/rest/api/2/", "/rest/api/3/", 1),
        Deployment::Server => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_deployment() {
        let cloud = ServerInfo::from_json(json!({"deploymentType":"Cloud","version":"1001.0.0"}));
        assert_eq!(cloud.deployment, Deployment::Cloud);
        assert_eq!(cloud.display(), "[Cloud] 1001.0.0");
        let dc = ServerInfo::from_json(json!({"deploymentType":"Server","version":"10.3.19"}));
        assert_eq!(dc.deployment, Deployment::Server);
        assert_eq!(
            ServerInfo::from_json(json!({})).deployment,
            Deployment::Server
        );
    }

    #[test]
    fn cache_expires_after_ttl() {
        let cache = ServerInfoCache::default();
        let t0 = Instant::now();
        cache.put_at(
            "https://a",
            ServerInfo::from_json(json!({"version":"1"})),
            t0,
        );
        assert!(
            cache
                .get_at("https://a", t0 + Duration::from_secs(299))
                .is_some()
        );
        assert!(cache.get_at("https://a", t0 + SERVER_INFO_TTL).is_none());
        assert!(cache.get_at("https://b", t0).is_none());
        cache.clear();
        assert!(cache.get_at("https://a", t0).is_none());
    }

    #[test]
    fn v3_rewrite_only_on_cloud_and_only_first() {
        let u = "https://x/rest/api/2/issue/rest/api/2/";
        assert_eq!(
            to_v3_url(u, Deployment::Cloud),
            "https://x/rest/api/3/issue/rest/api/2/"
        );
        assert_eq!(to_v3_url(u, Deployment::Server), u);
    }
}
