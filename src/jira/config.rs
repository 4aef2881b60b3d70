//! Where the server URL lives between runs, and how a server URL is validated.
//!
//! The URL is persisted, one line, to `<config home>/jirash/server` (`$XDG_CONFIG_HOME`, default
//! `~/.config`). When that file is absent, JiraPS's own `<config home>/AtlassianPS/JiraPS/server_config`
//! is read so that a JiraPS user's setting carries over. Nothing secret is ever written here.
//! Paths are parameters ([`ConfigPaths`]) so tests can isolate them.

use std::path::{Path, PathBuf};

use url::Url;

use super::error::JiraError;

/// The base directory for configuration files (`$XDG_CONFIG_HOME` or `~/.config`).
#[derive(Clone, Debug)]
pub struct ConfigPaths {
    /// The config home (`~/.config`).
    pub config_home: PathBuf,
}

/// Where a loaded server URL came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerSource {
    /// jirash's own file.
    Jirash,
    /// JiraPS's `server_config`.
    JiraPs,
}

impl ConfigPaths {
    /// Paths under an explicit config home.
    pub fn new(config_home: impl Into<PathBuf>) -> Self {
        ConfigPaths {
            config_home: config_home.into(),
        }
    }

    /// From the environment: `$XDG_CONFIG_HOME` when set and absolute, else `$HOME/.config`.
    /// `None` when neither is available.
    pub fn from_env() -> Option<Self> {
        Self::from_vars(
            std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from),
            std::env::var_os("HOME").map(PathBuf::from),
        )
    }

    /// The rule of [`ConfigPaths::from_env`] with the variables given.
    pub fn from_vars(xdg_config_home: Option<PathBuf>, home: Option<PathBuf>) -> Option<Self> {
        match xdg_config_home {
            Some(p) if p.is_absolute() => Some(Self::new(p)),
            _ => home
                .filter(|h| !h.as_os_str().is_empty())
                .map(|h| Self::new(h.join(".config"))),
        }
    }

    /// `<config home>/jirash/server`.
    pub fn server_file(&self) -> PathBuf {
        self.config_home.join("jirash").join("server")
    }

    /// `<config home>/AtlassianPS/JiraPS/server_config`.
    pub fn jiraps_server_file(&self) -> PathBuf {
        self.config_home
            .join("AtlassianPS")
            .join("JiraPS")
            .join("server_config")
    }

    /// Reads the persisted server: jirash's file, else JiraPS's. `Ok(None)` when neither exists
    /// or the file is empty; an error when a file exists but holds no valid URL.
    pub fn load_server(&self) -> Result<Option<(Url, ServerSource)>, JiraError> {
        for (path, source) in [
            (self.server_file(), ServerSource::Jirash),
            (self.jiraps_server_file(), ServerSource::JiraPs),
        ] {
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    // A file written by Windows tools may start with a byte-order mark.
                    let text = text.trim_start_matches('\u{feff}');
                    let Some(line) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
                        continue;
                    };
                    let url = parse_server_url(line).map_err(|e| file_error(&path, &e))?;
                    return Ok(Some((url, source)));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(file_error(&path, &e)),
            }
        }
        Ok(None)
    }

    /// Writes the server URL (one line) to jirash's file, creating directories.
    pub fn save_server(&self, url: &Url) -> Result<(), JiraError> {
        let path = self.server_file();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| file_error(dir, &e))?;
        }
        std::fs::write(&path, format!("{}\n", server_text(url))).map_err(|e| file_error(&path, &e))
    }
}

fn file_error(path: &Path, e: &dyn std::fmt::Display) -> JiraError {
    JiraError::File {
        path: path.display().to_string(),
        detail: e.to_string(),
    }
}

/// Validates a server URL: absolute, `http` or `https`, with a host, no credentials, query or
/// fragment. A missing scheme gets a hint.
pub fn parse_server_url(input: &str) -> Result<Url, JiraError> {
    let trimmed = input.trim();
    // Whatever is wrong with it, the URL is shown without any `user:password@` part.
    let invalid = |reason: &str| JiraError::InvalidServerUrl {
        input: without_userinfo(trimmed),
        reason: reason.to_string(),
    };
    if trimmed.is_empty() {
        return Err(invalid("it is empty"));
    }
    let url = match Url::parse(trimmed) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return Err(invalid("it is not absolute; add https://"));
        }
        Err(e) => return Err(invalid(&e.to_string())),
    };
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(invalid("only http:// and https:// are supported"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "it must not contain credentials; use New-JiraSession instead",
        ));
    }
    // A page address pasted from the browser (`…/browse/TEST-1`, `…/secure/Dashboard.jspa`) or
    // a REST address: every request would miss. Say which base URL was probably meant.
    let path = url.path().to_ascii_lowercase();
    // Jira Cloud lives at the root of its site: any path there is a page.
    let cloud = url
        .host_str()
        .is_some_and(|h| h.to_ascii_lowercase().ends_with(".atlassian.net"));
    let page_at = if cloud && !path.trim_end_matches('/').is_empty() {
        Some(0)
    } else {
        ["/rest/", "/browse/", "/secure/", "/plugins/servlet/"]
            .iter()
            .filter_map(|m| path.find(m))
            .chain(
                (path.ends_with(".jsp") || path.ends_with(".jspa"))
                    .then(|| path.rfind('/'))
                    .flatten(),
            )
            .min()
    };
    if let Some(at) = page_at {
        let mut base = url.clone();
        base.set_path(&url.path()[..at]);
        base.set_query(None);
        base.set_fragment(None);
        return Err(invalid(&format!(
            "it is the address of a page, not of the server; the server's base URL would be {}",
            server_text(&base)
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not have a query or fragment"));
    }
    Ok(url)
}

/// `text` with any `user:password@` before the host removed, so that a URL (or something meant
/// to be one) can be quoted in a message without its password: `https://u:pw@h/x` →
/// `https://h/x`, `u:pw@h` → `h`. An http(s) URL is cut exactly; anything else errs towards
/// hiding too much (everything up to the last `@` before a query goes). Text without user info
/// is returned unchanged.
pub fn without_userinfo(text: &str) -> String {
    if let Ok(mut url) = Url::parse(text)
        && matches!(url.scheme(), "http" | "https")
    {
        if url.username().is_empty() && url.password().is_none() {
            return text.to_string();
        }
        // Setting these cannot fail on an http(s) URL with a host, which a parsed one has.
        let _ = url.set_username("");
        let _ = url.set_password(None);
        return url.to_string();
    }
    let (scheme, rest) = match text.find("://") {
        Some(i) => text.split_at(i + 3),
        None => ("", text),
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}{}", &rest[at + 1..]),
        None => text.to_string(),
    }
}

/// The URL as `Get-JiraConfigServer` shows it: one trailing `/` removed.
pub fn server_text(url: &Url) -> String {
    let s = url.as_str();
    s.strip_suffix('/').unwrap_or(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_server_urls() {
        assert_eq!(
            server_text(&parse_server_url(" https://jira.example.com/ ").unwrap()),
            "https://jira.example.com"
        );
        assert_eq!(
            server_text(&parse_server_url("https://h/jira").unwrap()),
            "https://h/jira"
        );
        let err = parse_server_url("jira.example.com")
            .unwrap_err()
            .to_string();
        assert!(err.contains("add https://"), "{err}");
        assert!(parse_server_url("ftp://h/").is_err());
        assert!(parse_server_url("").is_err());
        let err = parse_server_url("https://u:pw@h/").unwrap_err().to_string();
        assert!(!err.contains("pw"), "{err}");
        assert!(err.contains("credentials"), "{err}");
        assert!(parse_server_url("https://h/?x=1").is_err());
        // A URL that is wrong in another way is not echoed with its password either.
        for bad in ["ftp://u:pw@h/", "u:pw@jira.example.com", "https://u:pw@/x"] {
            let err = parse_server_url(bad).unwrap_err().to_string();
            assert!(!err.contains("pw"), "{err}");
        }
    }

    #[test]
    fn page_addresses_are_refused_with_the_base_url() {
        for (page, base) in [
            (
                "https://jira.example.com/browse/TEST-1",
                "https://jira.example.com",
            ),
            (
                "https://h.example/jira/secure/Dashboard.jspa",
                "https://h.example/jira",
            ),
            (
                "https://h.example/jira/rest/api/2/",
                "https://h.example/jira",
            ),
            (
                "https://x.atlassian.net/jira/software/projects/T/issues?x=1",
                "https://x.atlassian.net",
            ),
            (
                "https://x.atlassian.net/jira/your-work",
                "https://x.atlassian.net",
            ),
            ("https://h.example/login.jsp", "https://h.example"),
        ] {
            let err = parse_server_url(page).unwrap_err().to_string();
            assert!(
                err.contains(&format!("the server's base URL would be {base})")),
                "{page}: {err}"
            );
        }
        assert!(parse_server_url("https://h.example/jira").is_ok());
        assert!(parse_server_url("https://h.example/projects/jira").is_ok());
        assert!(parse_server_url("https://x.atlassian.net/").is_ok());
    }

    #[test]
    fn userinfo_is_removed_from_quoted_urls() {
        assert_eq!(
            without_userinfo("https://u:pw@h:8/x?a=b@c"),
            "https://h:8/x?a=b@c"
        );
        assert_eq!(without_userinfo("u:pw@h/x"), "h/x");
        assert_eq!(without_userinfo("https://h/x@y"), "https://h/x@y");
        assert_eq!(without_userinfo("/rest/api/2/myself"), "/rest/api/2/myself");
        assert_eq!(without_userinfo("ftp://u:pw@h/"), "ftp://h/");
        // A password with a '/' or '@' makes the text no URL at all; still nothing of it shows.
        assert_eq!(without_userinfo("https://u:p/w@h/x"), "https://h/x");
        assert_eq!(without_userinfo("https://u:p@w@h/"), "https://h/");
    }

    #[test]
    fn env_rules() {
        let p = ConfigPaths::from_vars(Some("/x/cfg".into()), Some("/home/u".into())).unwrap();
        assert_eq!(p.server_file(), PathBuf::from("/x/cfg/jirash/server"));
        let p = ConfigPaths::from_vars(Some("rel".into()), Some("/home/u".into())).unwrap();
        assert_eq!(p.config_home, PathBuf::from("/home/u/.config"));
        assert!(ConfigPaths::from_vars(None, None).is_none());
    }

    #[test]
    fn save_load_and_jiraps_fallback() {
        let dir = tempfile::tempdir().unwrap();
        let paths = ConfigPaths::new(dir.path());
        assert_eq!(paths.load_server().unwrap(), None);

        std::fs::create_dir_all(paths.jiraps_server_file().parent().unwrap()).unwrap();
        std::fs::write(
            paths.jiraps_server_file(),
            "\u{feff}https://old.example.com/\r\n",
        )
        .unwrap();
        let (url, src) = paths.load_server().unwrap().unwrap();
        assert_eq!(src, ServerSource::JiraPs);
        assert_eq!(server_text(&url), "https://old.example.com");

        paths
            .save_server(&parse_server_url("https://new.example.com").unwrap())
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(paths.server_file()).unwrap(),
            "https://new.example.com\n"
        );
        let (url, src) = paths.load_server().unwrap().unwrap();
        assert_eq!(src, ServerSource::Jirash);
        assert_eq!(url.host_str(), Some("new.example.com"));

        std::fs::write(paths.server_file(), "not a url\n").unwrap();
        let err = paths.load_server().unwrap_err().to_string();
        assert!(err.contains("jirash/server"), "{err}");
    }
}
