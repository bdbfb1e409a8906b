//! HTML pages: main-text extraction.
//!
//! A tolerant scanner (no DOM): text inside `script`, `style`, `noscript`, `template`, `svg`,
//! `nav`, `header`, `footer`, `aside`, `form` and `figure` is dropped; the text of each
//! paragraph-level block (`p`, `h1`–`h6`, `li`, `blockquote`, `pre`, `td`) becomes one
//! line; inside `<article>` or `<main>`, when the page has one, only that is kept. Short
//! lines (menus, bylines) are dropped unless they end like a sentence. Entities are
//! decoded. The title comes from `og:title` or `<title>`, the date from
//! `article:published_time`, `datePublished`, `<time datetime>` or `date` meta tags, the URL
//! from `og:url` or `<link rel=canonical>`.

use crate::model::Date;

/// What a page yields.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    pub text: String,
    pub date: Option<Date>,
    pub url: Option<String>,
}

/// Decodes the named and numeric character references that news pages use.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| c == ';' || c == '&' || c.is_whitespace()).map(|j| j + 1);
        let decoded = end.filter(|&e| rest.as_bytes().get(e) == Some(&b';') && e <= 12).and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                n.and_then(char::from_u32).map(|c| if c == '\0' { '\u{FFFD}' } else { c })
            } else {
                Some(match name {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    "nbsp" => ' ',
                    "ndash" => '–',
                    "mdash" => '—',
                    "lsquo" => '‘',
                    "rsquo" => '’',
                    "ldquo" => '“',
                    "rdquo" => '”',
                    "hellip" => '…',
                    "laquo" => '«',
                    "raquo" => '»',
                    "eacute" => 'é',
                    "copy" => '©',
                    _ => return None,
                })
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One piece of markup.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Text(&'a str),
    /// Tag name (lower case), attributes (raw), closing?
    Tag(String, &'a str, bool),
}

/// Splits markup into text and tags; comments, doctypes and processing instructions are
/// dropped, CDATA sections are text.
fn pieces(html: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(i) = rest.find('<') else {
            out.push(Piece::Text(rest));
            break;
        };
        if i > 0 {
            out.push(Piece::Text(&rest[..i]));
        }
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map(|j| &r[j + 3..]).unwrap_or("");
            continue;
        }
        if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let j = r.find("]]>").unwrap_or(r.len());
            out.push(Piece::Text(&r[..j]));
            rest = r.get(j + 3..).unwrap_or("");
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map(|j| &rest[j + 1..]).unwrap_or("");
            continue;
        }
        let body = &rest[1..];
        let closing = body.starts_with('/');
        let body = body.trim_start_matches('/');
        let name_len = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-')).unwrap_or(body.len());
        if name_len == 0 {
            out.push(Piece::Text("<"));
            rest = &rest[1..];
            continue;
        }
        let name = body[..name_len].to_ascii_lowercase();
        // The end of the tag: the first '>' outside quotes.
        let after = &body[name_len..];
        let mut quote = None;
        let mut end = None;
        for (k, c) in after.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    end = Some(k);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else { break };
        out.push(Piece::Tag(name.clone(), &after[..end], closing));
        rest = &after[end + 1..];
        // Raw-text elements: skip to their end tag.
        if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            let j = lower.find(&close).unwrap_or(rest.len());
            if name == "title" {
                out.push(Piece::Text(&rest[..j]));
            }
            rest = &rest[j..];
        }
    }
    out
}

/// The value of attribute `key` in a tag's raw attributes.
pub fn attr(raw: &str, key: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(key) {
        let at = from + i;
        from = at + key.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let start = raw.len() - rest.len() + 1;
        let v = raw[start..].trim_start();
        let value = match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
            _ => v.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
        };
        return Some(decode_entities(value.trim()));
    }
    None
}

const SKIP: [&str; 11] =
    ["script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "figure"];
const BLOCKS: [&str; 13] = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "div", "br"];

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses a date as pages write it: ISO (`2024-10-02T10:00:00Z`), or RFC 822
/// (`Wed, 02 Oct 2024 10:00:00 GMT`).
pub fn parse_any_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(d) = s.get(..10).and_then(Date::parse) {
        return Some(d);
    }
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    for w in words.windows(3) {
        let day: u8 = match w[0].parse() {
            Ok(d) => d,
            Err(_) => continue,
        };
        let month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            .iter()
            .position(|m| w[1].to_ascii_lowercase().starts_with(m))?;
        let year: i32 = w[2].parse().ok()?;
        return Date::new(year, month as u8 + 1, day);
    }
    None
}

/// Extracts a page's main text and metadata.
pub fn extract(html: &str) -> Page {
    let ps = pieces(html);
    let mut page = Page::default();
    let mut title_tag = None;
    let mut og_title = None;
    // Metadata.
    let mut in_title = false;
    for p in &ps {
        match p {
            Piece::Tag(name, raw, closing) => {
                in_title = name == "title" && !closing;
                if *closing {
                    continue;
                }
                match name.as_str() {
                    "meta" => {
                        let key = attr(raw, "property").or_else(|| attr(raw, "name")).or_else(|| attr(raw, "itemprop"));
                        let content = attr(raw, "content");
                        if let (Some(k), Some(c)) = (key, content) {
                            match k.to_ascii_lowercase().as_str() {
                                "og:title" => og_title = Some(collapse(&c)),
                                "og:url" => page.url = page.url.take().or(Some(c)),
                                "article:published_time"
                                | "datepublished"
                                | "date"
                                | "pubdate"
                                | "dc.date"
                                | "dc.date.issued" => {
                                    page.date = page.date.or_else(|| parse_any_date(&c));
                                }
                                _ => {}
                            }
                        }
                    }
                    "link" if attr(raw, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                        if let Some(h) = attr(raw, "href") {
                            page.url = page.url.take().or(Some(h));
                        }
                    }
                    "time" if page.date.is_none() => {
                        page.date = attr(raw, "datetime").and_then(|d| parse_any_date(&d));
                    }
                    _ => {}
                }
            }
            Piece::Text(t) if in_title && title_tag.is_none() => title_tag = Some(collapse(&decode_entities(t))),
            _ => {}
        }
    }
    page.title = og_title.or(title_tag).filter(|t| !t.is_empty());
    // Main text: inside <article>/<main> if there is one, else the whole body.
    let has_main = ps.iter().any(|p| matches!(p, Piece::Tag(n, _, false) if n == "article" || n == "main"));
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut skip_depth: Vec<String> = Vec::new();
    let mut main_depth = 0usize;
    let flush = |line: &mut String, lines: &mut Vec<String>| {
        let l = collapse(&decode_entities(line));
        line.clear();
        let words = l.split_whitespace().count();
        if words >= 8 || (words >= 3 && l.ends_with(['.', '!', '?', '"', '”'])) {
            lines.push(l);
        }
    };
    for p in &ps {
        match p {
            Piece::Tag(name, _, closing) => {
                let n = name.as_str();
                if SKIP.contains(&n) {
                    if *closing {
                        if let Some(pos) = skip_depth.iter().rposition(|s| s == n) {
                            skip_depth.truncate(pos);
                        }
                    } else {
                        skip_depth.push(n.to_string());
                    }
                    continue;
                }
                if n == "article" || n == "main" {
                    if *closing {
                        main_depth = main_depth.saturating_sub(1);
                    } else {
                        main_depth += 1;
                    }
                    flush(&mut line, &mut lines);
                }
                if BLOCKS.contains(&n) {
                    flush(&mut line, &mut lines);
                }
            }
            Piece::Text(t) => {
                if skip_depth.is_empty() && (!has_main || main_depth > 0) {
                    line.push_str(t);
                    line.push(' ');
                }
            }
        }
    }
    flush(&mut line, &mut lines);
    lines.dedup();
    page.text = lines.join("\n");
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(decode_entities("A &amp; B &lt;x&gt; &#8220;q&#x201D; &nbsp;&bogus; &"), "A & B <x> “q”  &bogus; &");
        assert_eq!(decode_entities("&#0;"), "\u{FFFD}");
    }

    #[test]
    fn main_text() {
        let html = r#"<!doctype html><html><head><title>Ignored &amp; title</title>
<meta property="og:title" content="Putin visits Astana">
<meta property="article:published_time" content="2024-10-02T08:00:00Z">
<link rel="canonical" href="https://news.example/putin-astana">
<script>var x = "<p>not text</p>";</script><style>p{}</style></head>
<body><nav><ul><li>Home</li><li>World news section</li></ul></nav>
<article><h1>Putin visits Astana</h1><p class="lead">Russian President Vladimir Putin
visited Kazakhstan on Wednesday, officials said.</p>
<figure><figcaption>Photo: a long caption that is not part of the story text</figcaption></figure>
<p>Tokayev received him at the Akorda &mdash; the presidential residence.</p>
<p>Share</p></article><footer><p>Copyright 2024 by the newspaper, all rights reserved here.</p></footer></body></html>"#;
        let p = extract(html);
        assert_eq!(p.title.as_deref(), Some("Putin visits Astana"));
        assert_eq!(p.date, Date::new(2024, 10, 2));
        assert_eq!(p.url.as_deref(), Some("https://news.example/putin-astana"));
        assert_eq!(
            p.text,
            "Russian President Vladimir Putin visited Kazakhstan on Wednesday, officials said.\n\
             Tokayev received him at the Akorda — the presidential residence."
        );
    }

    #[test]
    fn dates() {
        assert_eq!(parse_any_date("Wed, 02 Oct 2024 10:00:00 GMT"), Date::new(2024, 10, 2));
        assert_eq!(parse_any_date("2024-10-02T10:00:00+02:00"), Date::new(2024, 10, 2));
        assert_eq!(parse_any_date("tomorrow"), None);
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in ["<", "<p", "<p attr='x>", "&#xFFFFFFFF;", "<![CDATA[x", "<!--", "<title>t", "é<é>"] {
            let _ = extract(s);
        }
    }
}
