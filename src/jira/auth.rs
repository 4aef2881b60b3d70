//! Credentials: Basic (user:password, or Cloud e-mail:API token), Bearer (personal access token),
//! custom headers (values secret), or none.
//!
//! Every secret is a [`SecretString`]; `Debug` of any type here prints `***` in its place. The
//! only place a secret's clear text is read is `Credentials::apply`, which builds the request
//! headers and marks them sensitive so that reqwest/hyper never log them.

use std::fmt;

use reqwest::header::{HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use super::error::JiraError;

/// How a request authenticates.
#[derive(Clone, Default)]
pub enum Auth {
    /// No `Authorization` header (anonymous, or the session cookie alone).
    #[default]
    None,
    /// `Authorization: Basic base64(user:password)`. Also Cloud `email:API token`.
    Basic {
        /// User name (Data Center) or e-mail address (Cloud).
        user: String,
        /// Password or API token.
        password: SecretString,
    },
    /// `Authorization: Bearer <token>` (Data Center personal access token).
    Bearer(SecretString),
}

impl Auth {
    /// Basic auth with a user name and password.
    pub fn basic(user: impl Into<String>, password: SecretString) -> Self {
        Auth::Basic {
            user: user.into(),
            password,
        }
    }

    /// Cloud API token: Basic auth with the e-mail address as user and the token as password.
    pub fn api_token(email: impl Into<String>, token: SecretString) -> Self {
        Self::basic(email, token)
    }

    /// A personal access token sent as `Authorization: Bearer`.
    pub fn bearer(token: SecretString) -> Self {
        Auth::Bearer(token)
    }

    /// The user name for Basic auth, if any.
    pub fn user(&self) -> Option<&str> {
        match self {
            Auth::Basic { user, .. } => Some(user),
            _ => None,
        }
    }

    /// A short name of the scheme: `None`, `Basic` or `Bearer`.
    pub fn scheme(&self) -> &'static str {
        match self {
            Auth::None => "None",
            Auth::Basic { .. } => "Basic",
            Auth::Bearer(_) => "Bearer",
        }
    }

    /// Whether this sends no `Authorization` header.
    pub fn is_none(&self) -> bool {
        matches!(self, Auth::None)
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Basic { user, .. } => f
                .debug_struct("Basic")
                .field("user", user)
                .field("password", &"***")
                .finish(),
            Auth::Bearer(_) => f.write_str("Bearer(***)"),
        }
    }
}

/// Extra request headers whose values are secret (e.g. `-Headers @{Authorization = "Bearer …"}`).
/// Names are validated when the set is built; `Debug` shows the names only.
#[derive(Clone, Default)]
pub struct SecretHeaders(Vec<(HeaderName, SecretString)>);

impl SecretHeaders {
    /// Validates header names and values. The error names the header, never its value.
    pub fn new(pairs: impl IntoIterator<Item = (String, SecretString)>) -> Result<Self, JiraError> {
        let mut out = Vec::new();
        for (name, value) in pairs {
            let header = HeaderName::from_bytes(name.trim().as_bytes())
                .map_err(|_| JiraError::InvalidRequest(format!("'{name}' is not a header name")))?;
            HeaderValue::from_str(value.expose_secret()).map_err(|_| {
                JiraError::InvalidRequest(format!(
                    "the value of header '{name}' contains characters not allowed in a header"
                ))
            })?;
            out.push((header, value));
        }
        Ok(SecretHeaders(out))
    }

    /// Whether there are no headers.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The header names (for display).
    pub fn names(&self) -> Vec<String> {
        self.0.iter().map(|(n, _)| n.as_str().to_string()).collect()
    }

    /// Whether one of the headers is `Authorization`.
    pub fn has_authorization(&self) -> bool {
        self.0
            .iter()
            .any(|(n, _)| *n == reqwest::header::AUTHORIZATION)
    }
}

impl fmt::Debug for SecretHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(n, _)| (n.as_str(), "***")))
            .finish()
    }
}

/// What a request carries to prove who it is: an [`Auth`] scheme plus secret headers.
#[derive(Clone, Default, Debug)]
pub struct Credentials {
    /// The `Authorization` scheme.
    pub auth: Auth,
    /// Extra secret headers (applied after `auth`, so they win).
    pub headers: SecretHeaders,
}

impl Credentials {
    /// Credentials from an auth scheme alone.
    pub fn from_auth(auth: Auth) -> Self {
        Credentials {
            auth,
            headers: SecretHeaders::default(),
        }
    }

    /// Whether these carry anything secret.
    pub fn is_empty(&self) -> bool {
        self.auth.is_none() && self.headers.is_empty()
    }

    /// Adds the auth and secret headers to a request, marked sensitive. A secret header
    /// replaces a header of the same name (an `Authorization` among them wins over the auth
    /// scheme: exactly one `Authorization` is sent).
    pub(crate) fn apply(&self, mut rb: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        if !self.headers.has_authorization() {
            rb = match &self.auth {
                Auth::None => rb,
                Auth::Basic { user, password } => {
                    rb.basic_auth(user, Some(password.expose_secret()))
                }
                Auth::Bearer(token) => rb.bearer_auth(token.expose_secret()),
            };
        }
        let mut map = reqwest::header::HeaderMap::new();
        for (name, value) in &self.headers.0 {
            // Validated in `SecretHeaders::new`, so this conversion cannot fail; skip if it did.
            if let Ok(mut v) = HeaderValue::from_str(value.expose_secret()) {
                v.set_sensitive(true);
                map.append(name.clone(), v);
            }
        }
        if !map.is_empty() {
            rb = rb.headers(map);
        }
        rb
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn debug_never_shows_secrets() {
        let creds = Credentials {
            auth: Auth::basic("alice", secret("hunter2")),
            headers: SecretHeaders::new([("X-Token".to_string(), secret("tok-123"))]).unwrap(),
        };
        let text = format!("{creds:?}");
        assert!(text.contains("alice"), "{text}");
        assert!(text.contains("x-token"), "{text}");
        assert!(
            !text.contains("hunter2") && !text.contains("tok-123"),
            "{text}"
        );
        let bearer = format!("{:?}", Auth::bearer(secret("pat-xyz")));
        assert_eq!(bearer, "Bearer(***)");
    }

    #[test]
    fn invalid_header_error_names_header_not_value() {
        let err = SecretHeaders::new([("X-Bad".to_string(), secret("line\nbreak-secret"))])
            .unwrap_err()
            .to_string();
        assert!(err.contains("X-Bad"), "{err}");
        assert!(!err.contains("break-secret"), "{err}");
        assert!(SecretHeaders::new([("bad name".to_string(), secret("v"))]).is_err());
    }

    #[test]
    fn apply_sets_sensitive_authorization() {
        let client =
            crate::jira::transport::build_http_client(&Default::default(), &Default::default())
                .unwrap();
        let creds = Credentials::from_auth(Auth::api_token("me@example.com", secret("tok")));
        let req = creds
            .apply(client.get("http://127.0.0.1/"))
            .build()
            .unwrap();
        let value = req.headers().get(reqwest::header::AUTHORIZATION).unwrap();
        assert!(value.is_sensitive());
        // base64("me@example.com:tok")
        assert_eq!(value.to_str().unwrap(), "Basic bWVAZXhhbXBsZS5jb206dG9r");
        let creds = Credentials {
            auth: Auth::None,
            headers: SecretHeaders::new([("X-Api-Key".to_string(), secret("k"))]).unwrap(),
        };
        let req = creds
            .apply(client.get("http://127.0.0.1/"))
            .build()
            .unwrap();
        assert!(req.headers().get("x-api-key").unwrap().is_sensitive());
        assert!(!creds.headers.has_authorization());
        // An Authorization header given with a credential is the one Authorization sent.
        let creds = Credentials {
            auth: Auth::basic("u", secret("p")),
            headers: SecretHeaders::new([("Authorization".to_string(), secret("Bearer t"))])
                .unwrap(),
        };
        let req = creds
            .apply(client.get("http://127.0.0.1/"))
            .build()
            .unwrap();
        let all: Vec<_> = req
            .headers()
            .get_all(reqwest::header::AUTHORIZATION)
            .iter()
            .collect();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].to_str().unwrap(), "Bearer t");
    }
}
