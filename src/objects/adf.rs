//! Reading Atlassian Document Format (Cloud v3 rich text) as Markdown text, the way JiraPS's
//! `ConvertFrom-AtlassianDocumentFormat` presents `Description`, comment bodies and worklog
//! comments. Read-only and lossy by design: it is for display and `-like` matching, not for
//! round trips (writing ADF belongs to the Jira client).

use serde_json::Value as Json;

/// Converts an ADF document (or any ADF node) to Markdown text; blocks are separated by a blank
/// line. A JSON string is returned as is; anything that is not ADF gives its JSON text.
pub fn to_text(doc: &Json) -> String {
    match doc {
        Json::String(s) => s.clone(),
        Json::Object(_) if doc.get("type").is_some() => {
            let blocks = if doc.get("type").and_then(Json::as_str) == Some("doc") {
                children(doc).iter().map(block).collect::<Vec<_>>()
            } else {
                vec![block(doc)]
            };
            blocks
                .into_iter()
                .filter(|b| !b.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n")
        }
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

fn children(n: &Json) -> &[Json] {
    n.get("content")
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn kind(n: &Json) -> &str {
    n.get("type").and_then(Json::as_str).unwrap_or_default()
}

fn attr<'a>(n: &'a Json, name: &str) -> Option<&'a Json> {
    n.get("attrs").and_then(|a| a.get(name))
}

fn attr_str<'a>(n: &'a Json, name: &str) -> &'a str {
    attr(n, name).and_then(Json::as_str).unwrap_or_default()
}

/// One block node as Markdown lines (no trailing newline).
fn block(n: &Json) -> String {
    match kind(n) {
        "paragraph" => inline_all(children(n)),
        "heading" => {
            let level = attr(n, "level")
                .and_then(Json::as_u64)
                .unwrap_or(1)
                .clamp(1, 6);
            format!("{} {}", "#".repeat(level as usize), inline_all(children(n)))
        }
        "bulletList" => list_items(n, |_| "* ".to_string()),
        "orderedList" => {
            let start = attr(n, "order").and_then(Json::as_u64).unwrap_or(1);
            list_items(n, |i| format!("{}. ", start + i as u64))
        }
        "taskList" => children(n)
            .iter()
            .map(|item| {
                let done = attr_str(item, "state") == "DONE";
                format!(
                    "* [{}] {}",
                    if done { "x" } else { " " },
                    inline_all(children(item))
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "decisionList" => children(n)
            .iter()
            .map(|item| format!("* {}", inline_all(children(item))))
            .collect::<Vec<_>>()
            .join("\n"),
        "codeBlock" => {
            let lang = attr_str(n, "language");
            format!("```{lang}\n{}\n```", inline_all(children(n)))
        }
        "blockquote" => children(n)
            .iter()
            .map(block)
            .collect::<Vec<_>>()
            .join("\n\n")
            .lines()
            .map(|l| format!("> {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        "rule" => "---".into(),
        "panel" | "expand" | "nestedExpand" | "layoutSection" | "layoutColumn"
        | "bodiedExtension" => children(n)
            .iter()
            .map(block)
            .filter(|b| !b.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
        "mediaSingle" | "mediaGroup" => {
            children(n).iter().map(media).collect::<Vec<_>>().join("\n")
        }
        "media" => media(n),
        "table" => table(n),
        _ if n.get("text").is_some() => inline(n),
        _ => inline_all(children(n)),
    }
}

fn list_items(n: &Json, marker: impl Fn(usize) -> String) -> String {
    let mut out = Vec::new();
    for (i, item) in children(n).iter().enumerate() {
        let body = children(item)
            .iter()
            .map(block)
            .collect::<Vec<_>>()
            .join("\n");
        let mut lines = body.lines();
        let first = lines.next().unwrap_or_default();
        out.push(format!("{}{first}", marker(i)));
        out.extend(lines.map(|l| format!("  {l}")));
    }
    out.join("\n")
}

fn media(n: &Json) -> String {
    let url = attr_str(n, "url");
    if url.is_empty() {
        String::new()
    } else {
        format!("![{}]({url})", attr_str(n, "alt"))
    }
}

fn table(n: &Json) -> String {
    let rows: Vec<Vec<String>> = children(n)
        .iter()
        .map(|row| {
            children(row)
                .iter()
                .map(|cell| inline_cell(cell).replace('|', "\\|"))
                .collect()
        })
        .collect();
    let Some(first) = rows.first() else {
        return String::new();
    };
    let mut out = vec![format!("| {} |", first.join(" | "))];
    out.push(format!("|{}|", vec![" --- "; first.len()].join("|")));
    out.extend(
        rows.iter()
            .skip(1)
            .map(|r| format!("| {} |", r.join(" | "))),
    );
    out.join("\n")
}

fn inline_cell(cell: &Json) -> String {
    children(cell)
        .iter()
        .map(block)
        .collect::<Vec<_>>()
        .join(" ")
}

fn inline_all(nodes: &[Json]) -> String {
    nodes.iter().map(inline).collect()
}

fn inline(n: &Json) -> String {
    match kind(n) {
        "text" => {
            let mut s = n
                .get("text")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string();
            let marks = n
                .get("marks")
                .and_then(Json::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            for m in marks {
                s = match kind(m) {
                    "strong" => format!("**{s}**"),
                    "em" => format!("_{s}_"),
                    "code" => format!("`{s}`"),
                    "strike" => format!("~~{s}~~"),
                    "link" => format!("[{s}]({})", attr_str(m, "href")),
                    _ => s,
                };
            }
            s
        }
        "hardBreak" => "\n".into(),
        "mention" => attr_str(n, "text").to_string(),
        "emoji" => {
            let t = attr_str(n, "text");
            if t.is_empty() {
                attr_str(n, "shortName").to_string()
            } else {
                t.to_string()
            }
        }
        "inlineCard" | "blockCard" => format!("<{}>", attr_str(n, "url")),
        "date" => {
            let ms = attr(n, "timestamp").and_then(|t| {
                t.as_str()
                    .and_then(|s| s.parse::<i64>().ok())
                    .or_else(|| t.as_i64())
            });
            ms.and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
                .map(|ts| ts.strftime("%Y-%m-%d").to_string())
                .unwrap_or_default()
        }
        "status" => attr_str(n, "text").to_string(),
        _ => inline_all(children(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paragraphs_are_joined_by_a_blank_line() {
        let doc = json!({"type":"doc","version":1,"content":[
            {"type":"paragraph","content":[{"type":"text","text":"First"}]},
            {"type":"paragraph","content":[{"type":"text","text":"Second"}]}]});
        assert_eq!(to_text(&doc), "First\n\nSecond");
    }

    #[test]
    fn marks_headings_lists_and_code_become_markdown() {
        let doc = json!({"type":"doc","version":1,"content":[
            {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Steps"}]},
            {"type":"bulletList","content":[
                {"type":"listItem","content":[{"type":"paragraph","content":[
                    {"type":"text","text":"bold","marks":[{"type":"strong"}]},
                    {"type":"text","text":" and "},
                    {"type":"text","text":"site","marks":[{"type":"link","attrs":{"href":"https://x.test"}}]}]}]}]},
            {"type":"orderedList","content":[
                {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"one"}]}]},
                {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"two"}]}]}]},
            {"type":"codeBlock","attrs":{"language":"sh"},"content":[{"type":"text","text":"ls -l"}]}]});
        assert_eq!(
            to_text(&doc),
            "## Steps\n\n* **bold** and [site](https://x.test)\n\n1. one\n2. two\n\n```sh\nls -l\n```"
        );
    }

    #[test]
    fn mentions_tables_and_non_adf_input() {
        let doc = json!({"type":"doc","version":1,"content":[
            {"type":"paragraph","content":[{"type":"mention","attrs":{"id":"abc","text":"@Alice"}},
                {"type":"hardBreak"},{"type":"text","text":"next"}]},
            {"type":"table","content":[
                {"type":"tableRow","content":[
                    {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"A"}]}]},
                    {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"B"}]}]}]},
                {"type":"tableRow","content":[
                    {"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"1"}]}]},
                    {"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"2"}]}]}]}]}]});
        assert_eq!(
            to_text(&doc),
            "@Alice\nnext\n\n| A | B |\n| --- | --- |\n| 1 | 2 |"
        );
        assert_eq!(to_text(&json!("plain wiki *text*")), "plain wiki *text*");
        assert_eq!(to_text(&Json::Null), "");
    }
}
