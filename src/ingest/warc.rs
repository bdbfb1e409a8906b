//! WARC files (ISO 28500, as Common Crawl's CC-NEWS): one article per HTML `response`
//! record, read one record at a time.
//!
//! The record's `WARC-Target-URI` is the article's URL and, with the `WARC-Record-ID`, its
//! id; `WARC-Date` is its date unless the page states one; the HTTP payload's main text is
//! extracted as for HTML pages. Records of other types (`warcinfo`, `request`, `metadata`)
//! and non-HTML responses are passed over silently; a record over the size limit, a
//! response without main text, or bytes that are not a WARC record are reported (the reader
//! resynchronises on the next `WARC/` line).

use std::io::{self, BufRead, Read};

use super::{InputError, Item, MAX_RECORD_BYTES, html, read_line_bounded};
use crate::model::Article;

/// Longest WARC or HTTP header line accepted.
const MAX_HEADER_LINE: usize = 64 << 10;

pub struct WarcReader {
    pub name: String,
    reader: Box<dyn BufRead>,
    /// 1-based number of the record being read.
    record: usize,
    done: bool,
}

impl WarcReader {
    pub fn new(name: String, reader: Box<dyn BufRead>) -> WarcReader {
        WarcReader { name, reader, record: 0, done: false }
    }

    fn error(&self, message: String) -> Item {
        Item::Error(InputError { origin: format!("{} (record {})", self.name, self.record), message })
    }

    /// The items of the next record (often none); `None` at the end of the input.
    pub fn next_items(&mut self) -> Option<Vec<Item>> {
        if self.done {
            return None;
        }
        let mut line = Vec::new();
        // Find the version line, skipping blank lines between records.
        let mut skipped = 0usize;
        loop {
            match read_line_bounded(self.reader.as_mut(), &mut line, MAX_HEADER_LINE) {
                Ok(None) => {
                    self.done = true;
                    if skipped > 0 {
                        self.record += 1;
                        return Some(vec![self.error(format!("{skipped} lines that are not a WARC record; skipped"))]);
                    }
                    return None;
                }
                Ok(Some(_)) if line.starts_with(b"WARC/") => break,
                Ok(Some(_)) if line.iter().all(|b| b.is_ascii_whitespace()) => {}
                Ok(Some(_)) => skipped += 1,
                Err(e) => {
                    self.done = true;
                    return Some(vec![self.error(format!("read error: {e}; rest of the input skipped"))]);
                }
            }
        }
        self.record += 1;
        let mut out = Vec::new();
        if skipped > 0 {
            out.push(self.error(format!("{skipped} lines before this record are not WARC; skipped")));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match read_line_bounded(self.reader.as_mut(), &mut line, MAX_HEADER_LINE) {
                Ok(Some(false)) if line.is_empty() => break,
                Ok(Some(false)) => {
                    let l = String::from_utf8_lossy(&line);
                    if let Some((k, v)) = l.split_once(':') {
                        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                    }
                }
                Ok(Some(true)) => {}
                Ok(None) => {
                    self.done = true;
                    out.push(self.error("truncated record header; skipped".into()));
                    return Some(out);
                }
                Err(e) => {
                    self.done = true;
                    out.push(self.error(format!("read error: {e}; rest of the input skipped")));
                    return Some(out);
                }
            }
        }
        let header = |k: &str| headers.iter().find(|(h, _)| h == k).map(|(_, v)| v.as_str());
        let Some(len) = header("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            out.push(self.error("record without a Content-Length; rest of the input skipped".into()));
            self.done = true;
            return Some(out);
        };
        let wanted = header("warc-type") == Some("response")
            && header("content-type").is_some_and(|t| t.contains("application/http"));
        if !wanted || len > MAX_RECORD_BYTES as u64 {
            if wanted {
                out.push(self.error(format!("larger than {} MiB; skipped", MAX_RECORD_BYTES >> 20)));
            }
            if let Err(e) = io::copy(&mut self.reader.as_mut().take(len), &mut io::sink()) {
                self.done = true;
                out.push(self.error(format!("read error: {e}; rest of the input skipped")));
            }
            return Some(out);
        }
        let mut block = Vec::with_capacity(len as usize);
        match self.reader.as_mut().take(len).read_to_end(&mut block) {
            Ok(n) if n as u64 == len => {}
            Ok(_) => {
                self.done = true;
                out.push(self.error("truncated record; skipped".into()));
                return Some(out);
            }
            Err(e) => {
                self.done = true;
                out.push(self.error(format!("read error: {e}; rest of the input skipped")));
                return Some(out);
            }
        }
        let uri = header("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let record_id = header("warc-record-id").map(|r| r.trim_matches(['<', '>']).to_string());
        let warc_date = header("warc-date").and_then(html::parse_any_date);
        // The HTTP response: status line and headers, then the payload.
        let split = block
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map(|i| i + 4)
            .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|i| i + 2));
        let Some(body_at) = split else {
            out.push(self.error("HTTP response without headers; skipped".into()));
            return Some(out);
        };
        let http_head = String::from_utf8_lossy(&block[..body_at]).to_ascii_lowercase();
        let content_type = http_head.lines().find_map(|l| l.strip_prefix("content-type:")).unwrap_or("text/html");
        if !content_type.contains("html") {
            return Some(out);
        }
        let body = String::from_utf8_lossy(&block[body_at..]);
        let page = html::extract(&body);
        let id = uri.clone().or(record_id).unwrap_or_else(|| format!("{}#{}", self.name, self.record));
        if page.text.trim().is_empty() {
            out.push(self.error(format!("{id}: no main text found; skipped")));
            return Some(out);
        }
        out.push(Item::Article(Article {
            id: id.clone(),
            text: page.text,
            date: page.date.or(warc_date),
            title: page.title,
            source: None,
            url: page.url.or(uri),
            origin: format!("{} (record {}, {id})", self.name, self.record),
        }));
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    pub fn record(kind: &str, uri: &str, payload: &str) -> Vec<u8> {
        let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{payload}");
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-10-02T12:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: application/http; msgtype=response\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block.as_bytes());
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn read_all(data: Vec<u8>) -> Vec<Item> {
        let mut w = WarcReader::new("t.warc".into(), Box::new(io::Cursor::new(data)));
        let mut out = Vec::new();
        while let Some(items) = w.next_items() {
            out.extend(items);
        }
        out
    }

    #[test]
    fn records() {
        let page = "<html><body><article><p>Russian President Vladimir Putin visited Kazakhstan on Wednesday.</p></article></body></html>";
        let mut data = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n".to_vec();
        data.extend(record("response", "https://news.example/1", page));
        data.extend(record("request", "https://news.example/1", "GET"));
        data.extend(b"garbage line\n");
        data.extend(record("response", "https://news.example/empty", "<html><body><nav>menu</nav></body></html>"));
        let mut truncated = record("response", "https://news.example/2", page);
        truncated.truncate(truncated.len() - 40);
        data.extend(truncated);
        let items = read_all(data);
        let articles: Vec<&Article> =
            items.iter().filter_map(|i| if let Item::Article(a) = i { Some(a) } else { None }).collect();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].id, "https://news.example/1");
        assert_eq!(articles[0].date, Date::new(2024, 10, 2));
        assert_eq!(articles[0].text, "Russian President Vladimir Putin visited Kazakhstan on Wednesday.");
        let errors: Vec<String> =
            items.iter().filter_map(|i| if let Item::Error(e) = i { Some(e.to_string()) } else { None }).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].contains("not WARC"), "{errors:?}");
        assert!(errors[1].contains("no main text"), "{errors:?}");
        assert!(errors[2].contains("truncated"), "{errors:?}");
    }
}
