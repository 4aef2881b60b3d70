//! Atlassian Document Format (ADF, Cloud REST v3 rich text) ↔ plain text/Markdown, minimal but
//! correct: paragraphs, hard line breaks, headings (`#`…`######`), bullet lists (`*` or `-`),
//! ordered lists (`1.`), fenced code blocks, and inline `code`. Anything else in ADF is read
//! for its text, so nothing a user wrote is lost on display.

use serde_json::{Map, Value, json};

/// Markdown/plain text → an ADF document (`{"version":1,"type":"doc","content":[…]}`).
/// Blank lines separate paragraphs; a single newline inside a paragraph is a hard break.
pub fn markdown_to_adf(text: &str) -> Value {
    let mut blocks: Vec<Value> = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Option<(bool, Vec<Value>)> = None;
    let mut lines = text.lines().peekable();

    fn flush_para(para: &mut Vec<&str>, blocks: &mut Vec<Value>) {
        if para.is_empty() {
            return;
        }
        let mut content = Vec::new();
        for (i, line) in para.iter().enumerate() {
            if i > 0 {
                content.push(json!({"type":"hardBreak"}));
            }
            content.extend(inline(line.trim_end()));
        }
        blocks.push(json!({"type":"paragraph","content":content}));
        para.clear();
    }
    fn flush_list(list: &mut Option<(bool, Vec<Value>)>, blocks: &mut Vec<Value>) {
        if let Some((ordered, items)) = list.take() {
            let kind = if ordered { "orderedList" } else { "bulletList" };
            blocks.push(json!({"type":kind,"content":items}));
        }
    }

    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut list, &mut blocks);
            let mut code = Vec::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                code.push(l);
            }
            let mut node = json!({"type":"codeBlock","content":[]});
            let lang = lang.trim();
            if !lang.is_empty() {
                node["attrs"] = json!({"language": lang});
            }
            let body = code.join("\n");
            if !body.is_empty() {
                node["content"] = json!([{"type":"text","text":body}]);
            }
            blocks.push(node);
            continue;
        }
        if trimmed.is_empty() {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut list, &mut blocks);
            continue;
        }
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut list, &mut blocks);
            blocks.push(json!({
                "type":"heading","attrs":{"level":hashes},
                "content": inline(trimmed[hashes..].trim())
            }));
            continue;
        }
        if let Some((ordered, item)) = list_item(trimmed) {
            flush_para(&mut para, &mut blocks);
            if list.as_ref().is_some_and(|(o, _)| *o != ordered) {
                flush_list(&mut list, &mut blocks);
            }
            let entry = json!({"type":"listItem","content":[
                {"type":"paragraph","content": inline(item)}
            ]});
            list.get_or_insert_with(|| (ordered, Vec::new()))
                .1
                .push(entry);
            continue;
        }
        flush_list(&mut list, &mut blocks);
        para.push(line);
    }
    flush_para(&mut para, &mut blocks);
    flush_list(&mut list, &mut blocks);
    json!({"version":1,"type":"doc","content":blocks})
}

/// `* x` / `- x` → (false, "x"); `1. x` → (true, "x").
fn list_item(line: &str) -> Option<(bool, &str)> {
    if let Some(rest) = line.strip_prefix("* ").or_else(|| line.strip_prefix("- ")) {
        return Some((false, rest.trim()));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(". ") {
        return Some((true, line[digits + 2..].trim()));
    }
    None
}

/// Inline text with `` `code` `` spans marked.
fn inline(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        let Some(len) = after.find('`') else { break };
        if start > 0 {
            out.push(json!({"type":"text","text":&rest[..start]}));
        }
        if len > 0 {
            out.push(json!({"type":"text","text":&after[..len],"marks":[{"type":"code"}]}));
        }
        rest = &after[len + 1..];
    }
    if !rest.is_empty() {
        out.push(json!({"type":"text","text":rest}));
    }
    out
}

/// Whether a JSON value looks like an ADF document.
pub fn is_adf(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("doc") && v.get("content").is_some()
}

/// ADF → readable text (Markdown-flavoured): blocks separated by a blank line, headings with
/// `#`, list items with `* ` or `1. `, code blocks fenced, hard breaks as newlines. A string is
/// returned as is; other JSON is printed compactly.
pub fn adf_to_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Object(map) if is_adf(v) => blocks_text(children(map), 0),
        other => other.to_string(),
    }
}

fn children(map: &Map<String, Value>) -> &[Value] {
    map.get("content")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn blocks_text(blocks: &[Value], depth: usize) -> String {
    blocks
        .iter()
        .filter_map(|b| b.as_object())
        .map(|b| block_text(b, depth))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn block_text(node: &Map<String, Value>, depth: usize) -> String {
    let kind = node.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "paragraph" => inline_text(children(node)),
        "heading" => {
            let level = node
                .get("attrs")
                .and_then(|a| a.get("level"))
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .clamp(1, 6) as usize;
            format!("{} {}", "#".repeat(level), inline_text(children(node)))
        }
        "bulletList" | "orderedList" => {
            let indent = "  ".repeat(depth);
            children(node)
                .iter()
                .filter_map(Value::as_object)
                .enumerate()
                .map(|(i, item)| {
                    let marker = if kind == "orderedList" {
                        format!("{}. ", i + 1)
                    } else {
                        "* ".to_string()
                    };
                    let body = children(item)
                        .iter()
                        .filter_map(Value::as_object)
                        .map(|c| block_text(c, depth + 1))
                        .collect::<Vec<_>>()
                        .join("\n");
                    format!("{indent}{marker}{body}")
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        "codeBlock" => {
            let lang = node
                .get("attrs")
                .and_then(|a| a.get("language"))
                .and_then(Value::as_str)
                .unwrap_or("");
            format!("```{lang}\n{}\n```", inline_text(children(node)))
        }
        "rule" => "---".to_string(),
        "text" | "hardBreak" | "mention" | "emoji" | "inlineCard" => {
            inline_text(std::slice::from_ref(&Value::Object(node.clone())))
        }
        _ => {
            // Blockquotes, panels, tables, task lists…: their text content.
            let inner = children(node);
            if inner
                .iter()
                .all(|c| c.get("type").and_then(Value::as_str) == Some("text"))
            {
                inline_text(inner)
            } else {
                blocks_text(inner, depth)
            }
        }
    }
}

fn inline_text(nodes: &[Value]) -> String {
    let mut out = String::new();
    for n in nodes {
        let kind = n.get("type").and_then(Value::as_str).unwrap_or("");
        let attr = |k: &str| {
            n.get("attrs")
                .and_then(|a| a.get(k))
                .and_then(Value::as_str)
                .unwrap_or("")
        };
        match kind {
            "text" => {
                let text = n.get("text").and_then(Value::as_str).unwrap_or("");
                let code = n
                    .get("marks")
                    .and_then(Value::as_array)
                    .is_some_and(|m| m.iter().any(|m| m["type"] == "code"));
                if code {
                    out.push('`');
                    out.push_str(text);
                    out.push('`');
                } else {
                    out.push_str(text);
                }
            }
            "hardBreak" => out.push('\n'),
            "mention" | "emoji" => out.push_str(attr("text")),
            "inlineCard" => out.push_str(attr("url")),
            _ => {
                if let Some(map) = n.as_object() {
                    out.push_str(&inline_text(children(map)));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_breaks() {
        let doc = markdown_to_adf("Hello\nworld\n\nSecond");
        assert_eq!(
            doc,
            json!({"version":1,"type":"doc","content":[
                {"type":"paragraph","content":[
                    {"type":"text","text":"Hello"},{"type":"hardBreak"},{"type":"text","text":"world"}]},
                {"type":"paragraph","content":[{"type":"text","text":"Second"}]}
            ]})
        );
        assert_eq!(adf_to_text(&doc), "Hello\nworld\n\nSecond");
    }

    #[test]
    fn headings_lists_code_round_trip() {
        let md = "# Title\n\n* one\n* two `x`\n\n1. first\n2. second\n\n```rust\nfn main() {}\n```";
        let doc = markdown_to_adf(md);
        let kinds: Vec<&str> = doc["content"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            vec!["heading", "bulletList", "orderedList", "codeBlock"]
        );
        assert_eq!(doc["content"][0]["attrs"]["level"], 1);
        assert_eq!(
            doc["content"][1]["content"][1]["content"][0]["content"][1],
            json!({"type":"text","text":"x","marks":[{"type":"code"}]})
        );
        assert_eq!(doc["content"][3]["attrs"]["language"], "rust");
        assert_eq!(adf_to_text(&doc), md);
    }

    #[test]
    fn empty_input_gives_empty_doc() {
        assert_eq!(
            markdown_to_adf("  \n"),
            json!({"version":1,"type":"doc","content":[]})
        );
    }

    #[test]
    fn non_adf_values() {
        assert_eq!(adf_to_text(&json!("wiki *text*")), "wiki *text*");
        assert_eq!(adf_to_text(&Value::Null), "");
        let doc = json!({"type":"doc","version":1,"content":[
            {"type":"blockquote","content":[{"type":"paragraph","content":[
                {"type":"text","text":"hi "},{"type":"mention","attrs":{"text":"@Bob"}}]}]},
            {"type":"panel","content":[{"type":"paragraph","content":[{"type":"text","text":"note"}]}]}
        ]});
        assert_eq!(adf_to_text(&doc), "hi @Bob\n\nnote");
    }
}
