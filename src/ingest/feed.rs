//! RSS 2.0 and Atom feeds: one article per `<item>` or `<entry>`.
//!
//! The article text is the item's `content:encoded` / Atom `content`, else its
//! `description` / `summary`, with markup removed (see [`super::html`]); the id is its
//! `guid` / `id`, else its link. An item without text or without any id is reported and
//! skipped.

use super::html::{self, attr, decode_entities, parse_any_date};
use crate::model::Article;

/// An item as read, or why it was skipped: `(origin, message)`.
pub type Entry = Result<Article, (String, String)>;

/// Is this content a feed?
pub fn looks_like_feed(head: &[u8]) -> bool {
    let s = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    s.contains("<rss") || s.contains("<feed") || s.contains("<rdf:rdf")
}

/// The inner markup of the first `<name ...>...</name>` in `xml`, and the raw attributes.
fn element<'a>(xml: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    let lower = xml.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut from = 0;
    loop {
        let i = from + lower[from..].find(&open)?;
        let after = i + open.len();
        let next = lower.as_bytes().get(after).copied();
        if !matches!(next, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            from = after;
            continue;
        }
        let end = after + lower[after..].find('>')?;
        let raw = &xml[after..end];
        if raw.ends_with('/') {
            return Some(("", raw));
        }
        let close = format!("</{name}>");
        let stop = lower[end + 1..].find(&close).map(|j| end + 1 + j).unwrap_or(xml.len());
        return Some((&xml[end + 1..stop], raw));
    }
}

/// The text of an element: CDATA unwrapped, entities decoded, markup removed.
fn text_of(inner: &str) -> String {
    let inner = inner.trim();
    let unwrapped = match inner.strip_prefix("<![CDATA[") {
        Some(r) => r.strip_suffix("]]>").unwrap_or(r).to_string(),
        None => decode_entities(inner),
    };
    if unwrapped.contains('<') {
        let page = html::extract(&format!("<body>{unwrapped}</body>"));
        if !page.text.is_empty() {
            return page.text;
        }
        // Short markup: keep the words.
        let mut out = String::new();
        let mut in_tag = false;
        for c in unwrapped.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        return out.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    unwrapped.trim().to_string()
}

/// Splits a feed into its items (`item` for RSS, `entry` for Atom).
pub fn parse(xml: &str, origin: &str) -> Vec<Entry> {
    let lower = xml.to_ascii_lowercase();
    let tag = if lower.contains("<entry") && !lower.contains("<item") { "entry" } else { "item" };
    let mut out = Vec::new();
    let mut from = 0;
    let mut n = 0;
    while let Some(i) = lower[from..].find(&format!("<{tag}")) {
        let start = from + i;
        let after = start + tag.len() + 1;
        if !matches!(lower.as_bytes().get(after), Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
            from = after;
            continue;
        }
        let close = format!("</{tag}>");
        let end = lower[after..].find(&close).map(|j| after + j + close.len()).unwrap_or(xml.len());
        n += 1;
        out.push(item(&xml[start..end], &format!("{origin} (item {n})")));
        from = end;
    }
    out
}

fn item(xml: &str, origin: &str) -> Entry {
    let get = |name: &str| element(xml, name).map(|(inner, _)| text_of(inner)).filter(|s| !s.is_empty());
    let link = get("link").or_else(|| {
        // Atom: <link rel="alternate" href="..."/>
        element(xml, "link").and_then(|(_, raw)| attr(raw, "href"))
    });
    let text =
        get("content:encoded").or_else(|| get("content")).or_else(|| get("description")).or_else(|| get("summary"));
    let id = get("guid").or_else(|| get("id")).or_else(|| link.clone());
    let title = get("title");
    let date = get("pubdate")
        .or_else(|| get("published"))
        .or_else(|| get("updated"))
        .or_else(|| get("dc:date"))
        .and_then(|d| parse_any_date(&d));
    let Some(id) = id else { return Err((origin.to_string(), "item has no guid, id or link; skipped".into())) };
    let Some(text) = text else { return Err((format!("{origin} ({id})"), "item has no text; skipped".into())) };
    let origin = format!("{origin} ({id})");
    Ok(Article { id, text, date, title, url: link, origin, ..Default::default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn rss() {
        let xml = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>World</title><link>https://news.example/</link>
<item><title>Putin in Astana</title><link>https://news.example/1</link><guid>news-1</guid>
<pubDate>Wed, 02 Oct 2024 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Russian President Vladimir Putin visited Kazakhstan on Wednesday, officials said.</p>]]></description></item>
<item><title>No text</title><guid>news-2</guid></item>
<item><description>Tokayev thanked Putin &amp; his delegation.</description><link>https://news.example/3</link></item>
</channel></rss>"#;
        assert!(looks_like_feed(xml.as_bytes()));
        let items = parse(xml, "f.rss");
        assert_eq!(items.len(), 3);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.id, "news-1");
        assert_eq!(a.title.as_deref(), Some("Putin in Astana"));
        assert_eq!(a.date, Date::new(2024, 10, 2));
        assert_eq!(a.url.as_deref(), Some("https://news.example/1"));
        assert_eq!(a.text, "Russian President Vladimir Putin visited Kazakhstan on Wednesday, officials said.");
        assert!(items[1].as_ref().unwrap_err().0.contains("news-2"));
        let c = items[2].as_ref().unwrap();
        assert_eq!(
            (c.id.as_str(), c.text.as_str()),
            ("https://news.example/3", "Tokayev thanked Putin & his delegation.")
        );
    }

    #[test]
    fn atom() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><id>tag:news.example,2024:1</id><title type="html">Visit</title>
<link rel="alternate" href="https://news.example/a1"/><published>2024-10-02T08:00:00Z</published>
<content type="html">&lt;p&gt;Russia and Kazakhstan signed 20 agreements in Astana on Wednesday.&lt;/p&gt;</content></entry></feed>"#;
        let items = parse(xml, "f.atom");
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.id, "tag:news.example,2024:1");
        assert_eq!(a.url.as_deref(), Some("https://news.example/a1"));
        assert_eq!(a.date, Date::new(2024, 10, 2));
        assert_eq!(a.text, "Russia and Kazakhstan signed 20 agreements in Astana on Wednesday.");
    }
}
