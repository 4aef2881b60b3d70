//! The fault plan: which requests get a 429, a 503, a dropped connection, a truncated, HTML or
//! slow body. Parsed from specs like `429:every=10`, `503:once`, `429:retry-after=2`,
//! `reset:once:path=/rest/api/2/search`, `html:once:status=502`, `slow:once:method=GET`.
//!
//! Only decides; `routes` turns a decision into a response. Counting is per rule.

use crate::SimError;

/// What a faulty request gets instead of (or on top of) its normal answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// 429 with `Retry-After` and rate-limit headers.
    TooMany {
        /// Seconds in `Retry-After`.
        retry_after: u64,
    },
    /// 503 with `Retry-After`.
    Unavailable {
        /// Seconds in `Retry-After`.
        retry_after: u64,
    },
    /// The connection is dropped without a response.
    Reset,
    /// The real response with its full `Content-Length`, cut after half the body.
    Truncate,
    /// An HTML error page.
    Html {
        /// Status code (500 or 502…).
        status: u16,
    },
    /// The real response, trickled in small chunks.
    Slow,
}

/// One rule of the plan.
#[derive(Debug, Clone)]
pub struct FaultRule {
    /// The fault.
    pub kind: FaultKind,
    /// Fire on every n-th matching request (1 = all); `None` with `once`.
    pub every: Option<u64>,
    /// Fire only once.
    pub once: bool,
    /// Only requests with this method.
    pub method: Option<String>,
    /// Only requests whose path starts with this.
    pub path: Option<String>,
    /// The spec the rule was parsed from.
    pub spec: String,
    seen: u64,
    fired: bool,
}

impl FaultRule {
    /// Matching requests counted so far.
    pub fn seen(&self) -> u64 {
        self.seen
    }
    /// Whether the rule has fired at least once.
    pub fn fired(&self) -> bool {
        self.fired
    }
}

/// A list of rules; the first that fires wins.
#[derive(Debug, Clone, Default)]
pub struct FaultPlan {
    /// The rules.
    pub rules: Vec<FaultRule>,
}

fn bad(spec: &str, why: &str) -> SimError {
    SimError::Options(format!("bad fault spec '{spec}': {why}"))
}

impl FaultRule {
    /// Parses one spec: `KIND[:opt[=v]]…` with KIND in 429, 503, reset, truncate, html, slow
    /// and options `once`, `every=N`, `retry-after=S`, `status=N`, `path=/prefix`, `method=GET`.
    pub fn parse(spec: &str) -> Result<FaultRule, SimError> {
        let mut parts = spec.trim().split(':');
        let kind = parts.next().unwrap_or_default().to_ascii_lowercase();
        let mut every = None;
        let mut once = false;
        let mut retry_after = None;
        let mut status = None;
        let mut method = None;
        let mut path = None;
        for p in parts {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let num = || {
                v.parse::<u64>()
                    .map_err(|_| bad(spec, &format!("'{k}' needs a number")))
            };
            match k.to_ascii_lowercase().as_str() {
                "once" => once = true,
                "every" => every = Some(num()?.max(1)),
                "retry-after" => retry_after = Some(num()?),
                "status" => status = Some(u16::try_from(num()?).map_err(|_| bad(spec, "status"))?),
                "path" => path = Some(v.to_string()),
                "method" => method = Some(v.to_ascii_uppercase()),
                other => return Err(bad(spec, &format!("unknown option '{other}'"))),
            }
        }
        let kind = match kind.as_str() {
            "429" => FaultKind::TooMany {
                retry_after: retry_after.unwrap_or(1),
            },
            "503" => FaultKind::Unavailable {
                retry_after: retry_after.unwrap_or(1),
            },
            "reset" => FaultKind::Reset,
            "truncate" => FaultKind::Truncate,
            "html" => FaultKind::Html {
                status: status.unwrap_or(502),
            },
            "slow" => FaultKind::Slow,
            other => return Err(bad(spec, &format!("unknown fault '{other}'"))),
        };
        if every.is_none() && !once {
            // `429:retry-after=2` alone means: every request.
            every = Some(1);
        }
        Ok(FaultRule {
            kind,
            every,
            once,
            method,
            path,
            spec: spec.trim().to_string(),
            seen: 0,
            fired: false,
        })
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
            && self.path.as_deref().is_none_or(|p| path.starts_with(p))
    }
}

impl FaultPlan {
    /// Parses a list of specs.
    pub fn parse<'a>(specs: impl Iterator<Item = &'a str>) -> Result<FaultPlan, SimError> {
        Ok(FaultPlan {
            rules: specs.map(FaultRule::parse).collect::<Result<_, _>>()?,
        })
    }

    /// Decides the fault for one request (counting it against every matching rule).
    pub fn next(&mut self, method: &str, path: &str) -> Option<FaultKind> {
        let mut hit = None;
        for r in &mut self.rules {
            if !r.matches(method, path) {
                continue;
            }
            r.seen += 1;
            let fire = if r.once {
                let n = r.every.unwrap_or(1);
                !r.fired && r.seen % n == 0
            } else {
                r.every.is_some_and(|n| r.seen % n == 0)
            };
            if fire && hit.is_none() {
                r.fired = true;
                hit = Some(r.kind.clone());
            }
        }
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_n_fires_on_multiples() {
        let mut p = FaultPlan::parse(["429:every=3"].into_iter()).unwrap_or_default();
        let hits: Vec<bool> = (0..7).map(|_| p.next("GET", "/x").is_some()).collect();
        assert_eq!(hits, [false, false, true, false, false, true, false]);
    }

    #[test]
    fn once_fires_once_and_scopes_by_path_and_method() {
        let mut p = FaultPlan::parse(["503:once:path=/rest/api/2/search:method=POST"].into_iter())
            .unwrap_or_default();
        assert_eq!(p.next("GET", "/rest/api/2/search"), None);
        assert_eq!(p.next("POST", "/rest/api/2/issue"), None);
        assert_eq!(
            p.next("POST", "/rest/api/2/search"),
            Some(FaultKind::Unavailable { retry_after: 1 })
        );
        assert_eq!(p.next("POST", "/rest/api/2/search"), None);
    }

    #[test]
    fn bad_specs_are_rejected() {
        assert!(FaultRule::parse("418:once").is_err());
        assert!(FaultRule::parse("429:every=x").is_err());
        assert!(FaultRule::parse("429:bogus").is_err());
        assert_eq!(
            FaultRule::parse("429:retry-after=2").map(|r| r.kind).ok(),
            Some(FaultKind::TooMany { retry_after: 2 })
        );
    }
}
