//! Text search for `~` / `!~`: an approximation of Jira's Lucene matching. The value is
//! split into terms (words, `"inner phrases"`, `fail*` prefixes, `?` wildcards, `-excluded`
//! terms, `OR` between alternatives; words are AND-ed), and each term is matched
//! case-insensitively against the words of the field's text with light English stemming
//! (`fails` finds `fail`).

/// Why a text value cannot be searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// The value is empty.
    Empty,
    /// The value is only Lucene operators (`AND`).
    Unparsable,
}

#[derive(Debug, Clone)]
enum Pattern {
    /// A stemmed word.
    Exact(String),
    /// A word prefix (`fail*`).
    Prefix(String),
    /// A `*`/`?` pattern.
    Wild(Vec<char>),
}

#[derive(Debug, Clone)]
struct Term {
    words: Vec<Pattern>,
    negate: bool,
}

/// A parsed text query: alternatives (OR) of terms that must all match (AND).
#[derive(Debug, Clone)]
pub struct TextQuery {
    groups: Vec<Vec<Term>>,
}

/// Reduces a lower-case word to a crude stem.
fn stem(w: &str) -> String {
    for (suffix, repl) in [("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
            && !(suffix == "s" && base.ends_with('s'))
        {
            return format!("{base}{repl}");
        }
    }
    w.to_string()
}

/// Splits text into lower-case words (letters and digits; `keep_wild` keeps `*` and `?`).
fn words(text: &str, keep_wild: bool) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || (keep_wild && (c == '*' || c == '?'))))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn pattern(w: &str) -> Pattern {
    if !w.contains(['*', '?']) {
        return Pattern::Exact(stem(w));
    }
    let body = w.trim_end_matches('*');
    if !body.contains(['*', '?']) && body.len() < w.len() {
        Pattern::Prefix(body.to_string())
    } else {
        Pattern::Wild(w.chars().collect())
    }
}

/// `*`/`?` matching in O(pattern × word) time (a backtracking matcher is exponential on
/// patterns like `a*a*a*a*b`, and the pattern comes from the request).
fn wild_match(p: &[char], s: &[char]) -> bool {
    // row[j]: does the pattern prefix seen so far match s[..j]?
    let mut row = vec![false; s.len() + 1];
    row[0] = true;
    for pc in p {
        let mut next = vec![false; s.len() + 1];
        if *pc == '*' {
            let mut any = false;
            for j in 0..=s.len() {
                any = any || row[j];
                next[j] = any;
            }
        } else {
            for j in 1..=s.len() {
                next[j] = row[j - 1] && (*pc == '?' || *pc == s[j - 1]);
            }
        }
        row = next;
    }
    row[s.len()]
}

impl Pattern {
    fn matches(&self, word: &str) -> bool {
        match self {
            Pattern::Exact(stemmed) => word == stemmed || stem(word) == *stemmed,
            Pattern::Prefix(p) => word.starts_with(p.as_str()),
            Pattern::Wild(p) => {
                let s: Vec<char> = word.chars().collect();
                wild_match(p, &s)
            }
        }
    }
}

/// Parses the value of a `~` clause.
pub fn parse_text(value: &str) -> Result<TextQuery, TextError> {
    if value.trim().is_empty() {
        return Err(TextError::Empty);
    }
    let mut groups: Vec<Vec<Term>> = vec![Vec::new()];
    let mut negate_next = false;
    let mut chars = value.chars().peekable();
    let mut saw_term = false;
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let (raw, quoted) = if c == '"' {
            chars.next();
            let mut s = String::new();
            for ch in chars.by_ref() {
                if ch == '"' {
                    break;
                }
                s.push(ch);
            }
            (s, true)
        } else {
            let mut s = String::new();
            while let Some(&ch) = chars.peek() {
                if ch.is_whitespace() || ch == '"' {
                    break;
                }
                s.push(ch);
                chars.next();
            }
            (s, false)
        };
        let mut raw = raw.as_str();
        let mut negate = std::mem::take(&mut negate_next);
        if !quoted {
            match raw {
                "AND" | "&&" => continue,
                "OR" | "||" => {
                    groups.push(Vec::new());
                    continue;
                }
                "NOT" | "!" => {
                    negate_next = true;
                    continue;
                }
                _ => {}
            }
            if let Some(r) = raw.strip_prefix(['-', '!']) {
                negate = true;
                raw = r;
            } else if let Some(r) = raw.strip_prefix('+') {
                raw = r;
            }
        }
        let ws = words(raw, !quoted);
        if ws.is_empty() {
            continue;
        }
        saw_term = true;
        let words = ws.iter().map(|w| pattern(w)).collect();
        if let Some(g) = groups.last_mut() {
            g.push(Term { words, negate });
        }
    }
    if !saw_term {
        return Err(TextError::Unparsable);
    }
    groups.retain(|g| !g.is_empty());
    Ok(TextQuery { groups })
}

impl TextQuery {
    /// True when the documents (the texts of one field, or of several for `text`) match.
    pub fn matches(&self, docs: &[String]) -> bool {
        let tokenized: Vec<Vec<String>> = docs.iter().map(|d| words(d, false)).collect();
        self.groups.iter().any(|g| {
            g.iter().all(|t| {
                let found = tokenized.iter().any(|doc| {
                    let n = t.words.len();
                    n <= doc.len()
                        && (0..=doc.len() - n)
                            .any(|i| t.words.iter().zip(&doc[i..]).all(|(p, w)| p.matches(w)))
                });
                found != t.negate
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(q: &str, doc: &str) -> bool {
        parse_text(q)
            .map(|t| t.matches(&[doc.to_string()]))
            .unwrap_or(false)
    }

    #[test]
    fn words_are_anded_and_case_insensitive() {
        assert!(m("login FAIL", "Login fails on Safari"));
        assert!(!m("login crash", "Login fails on Safari"));
    }

    #[test]
    fn stemming_prefix_and_wildcards() {
        assert!(m("failing", "the build failed"));
        assert!(m("fail*", "failure in CI"));
        assert!(m("sa?ari", "Safari"));
        assert!(m("*ari", "Safari"));
        assert!(!m("fail*", "a bug"));
    }

    #[test]
    fn phrases_or_and_exclusion() {
        assert!(m("\"full screen\"", "enter full screen mode"));
        assert!(!m("\"full screen\"", "screen is full"));
        assert!(m("crash OR safari", "Safari login"));
        assert!(!m("login -safari", "Safari login"));
        assert!(m("lcls-ii", "the LCLS II project"));
    }

    #[test]
    fn wildcards_in_the_middle_and_pathological_patterns() {
        assert!(m("s*f?ri", "Safari"));
        assert!(!m("s*x", "Safari"));
        let word = "a".repeat(200);
        let pattern = format!("{}b", "a*".repeat(30));
        assert!(!m(&pattern, &word));
        assert!(m(&format!("{}a", "a*".repeat(30)), &word));
    }

    #[test]
    fn errors() {
        assert_eq!(parse_text("  ").err(), Some(TextError::Empty));
        assert_eq!(parse_text("AND").err(), Some(TextError::Unparsable));
    }
}
