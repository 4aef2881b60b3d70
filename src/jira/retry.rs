//! Retry rules: which responses and failures are retried, and how long to wait.
//!
//! 429 and 503 are retried up to [`RetryPolicy::max_retries`] times, waiting what `Retry-After`
//! says (seconds or an HTTP date), capped, with a little jitter on top; without the header the
//! wait doubles from [`RetryPolicy::default_delay`]. A connection broken after the request may
//! have reached the server is retried once, and only for idempotent methods. This module only
//! decides; the client performs the waits (cancellably) and reports each one as a warning.

use std::time::Duration;

use reqwest::Method;

/// Limits for retries. `Default` is 3 retries, a 30 s cap and a 1 s default delay.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Retries after the first attempt for 429/503 (so `max_retries + 1` attempts).
    pub max_retries: u32,
    /// Longest wait, whatever `Retry-After` says.
    pub max_delay: Duration,
    /// First wait when the response has no usable `Retry-After` (doubled each retry).
    pub default_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            max_delay: Duration::from_secs(30),
            default_delay: Duration::from_secs(1),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `attempt` (1-based). `retry_after` is the parsed header;
    /// `jitter` is a random number in `[0, 1)`. With `Retry-After` the wait is never shorter
    /// than the server asked (jitter adds up to 20 %); without it the doubled default delay is
    /// scaled by 0.5–1.0. Always capped at `max_delay`.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>, jitter: f64) -> Duration {
        let jitter = jitter.clamp(0.0, 1.0);
        let wait = match retry_after {
            Some(d) => d.mul_f64(1.0 + 0.2 * jitter),
            None => {
                let doubling = 2u32.saturating_pow(attempt.saturating_sub(1).min(16));
                self.default_delay
                    .saturating_mul(doubling)
                    .mul_f64(0.5 + 0.5 * jitter)
            }
        };
        wait.min(self.max_delay)
    }
}

/// Whether a response status is retried after a wait (429 Too Many Requests, 503 Unavailable).
pub fn is_retry_status(status: u16) -> bool {
    status == 429 || status == 503
}

/// Whether a method may be sent twice without changing the result (GET, HEAD, PUT, DELETE,
/// OPTIONS, TRACE). POST and PATCH are not.
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// Parses a `Retry-After` value: delta seconds (`"2"`) or an HTTP date
/// (`"Wed, 21 Oct 2015 07:28:00 GMT"`, relative to `now`; a date in the past gives zero).
pub fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let when = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let diff = when.duration_since(now);
    Some(Duration::try_from(diff).unwrap_or(Duration::ZERO))
}

/// The warning shown before a retry: `Jira rate limit hit (429); retrying in 2 s (1/3)`.
pub fn warning_text(status: u16, wait: Duration, attempt: u32, max: u32) -> String {
    let what = match status {
        429 => "Jira rate limit hit (429)".to_string(),
        503 => "Jira is unavailable (503)".to_string(),
        other => format!("Jira answered {other}"),
    };
    format!(
        "{what}; retrying in {} ({attempt}/{max})",
        format_wait(wait)
    )
}

/// `2 s`, `1.5 s`, `250 ms`.
fn format_wait(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_http_date() {
        let now: jiff::Timestamp = "2015-10-21T07:27:50Z".parse().unwrap();
        assert_eq!(parse_retry_after("2", now), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:20:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    #[test]
    fn delay_honours_retry_after_with_jitter_and_cap() {
        let p = RetryPolicy::default();
        let d = p.delay(1, Some(Duration::from_secs(2)), 0.0);
        assert_eq!(d, Duration::from_secs(2));
        let d = p.delay(1, Some(Duration::from_secs(2)), 0.99);
        assert!(
            d > Duration::from_secs(2) && d <= Duration::from_millis(2400),
            "{d:?}"
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(3600)), 0.5),
            Duration::from_secs(30)
        );
    }

    #[test]
    fn delay_without_header_doubles() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, None, 1.0), Duration::from_secs(1));
        assert_eq!(p.delay(2, None, 1.0), Duration::from_secs(2));
        assert_eq!(p.delay(3, None, 1.0), Duration::from_secs(4));
        assert_eq!(p.delay(3, None, 0.0), Duration::from_secs(2));
        assert_eq!(p.delay(40, None, 1.0), Duration::from_secs(30));
    }

    #[test]
    fn idempotency_and_statuses() {
        assert!(is_idempotent(&Method::GET));
        assert!(is_idempotent(&Method::PUT));
        assert!(is_idempotent(&Method::DELETE));
        assert!(!is_idempotent(&Method::POST));
        assert!(!is_idempotent(&Method::PATCH));
        assert!(is_retry_status(429) && is_retry_status(503));
        assert!(!is_retry_status(500) && !is_retry_status(502));
    }

    #[test]
    fn warning_wording() {
        assert_eq!(
            warning_text(429, Duration::from_secs(2), 1, 3),
            "Jira rate limit hit (429); retrying in 2 s (1/3)"
        );
        assert_eq!(
            warning_text(503, Duration::from_millis(1500), 2, 3),
            "Jira is unavailable (503); retrying in 1.5 s (2/3)"
        );
    }
}
