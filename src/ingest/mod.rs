//! Ingest stage: turns inputs (files, directories, standard input) into [`Article`]s, one at
//! a time, with bounded memory.
//!
//! Formats, by extension and then by content:
//! - `.txt` (and anything not JSON): one article per file, the file name is its id, the first
//!   line is its title when it looks like one;
//! - `.jsonl` / `.ndjson` (or content starting with `{`): one article per line with `id` and
//!   `text` required, `date`, `title`, `source`, `url` optional.
//!
//! Bad input never stops a run: a malformed record becomes an [`Item::Error`] naming the file
//! and line (or record id) and is skipped; repairable input (invalid UTF-8 in a text file, an
//! unreadable date) becomes an [`Item::Warning`] and the article goes on.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub mod compress;
pub mod feed;
pub mod html;
pub mod warc;

use crate::model::{Article, Date};

/// The longest line or file dyad accepts: larger records are reported and skipped.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// A problem with one input record.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    /// `file`, `file:line` or `file:line (id)`.
    pub origin: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// What the reader yields.
#[derive(Debug)]
pub enum Item {
    Article(Article),
    /// The record was skipped.
    Error(InputError),
    /// The record was read, with a repair.
    Warning(InputError),
}

enum Source {
    Path(PathBuf),
    Stdin,
}

enum Open {
    Lines { name: String, reader: Box<dyn BufRead>, line: usize },
    Warc(warc::WarcReader),
    Done,
}

/// An input's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    Html,
    Feed,
    Warc,
}

/// The format of an input from its extension, else from its first bytes.
pub fn format_of(ext: &str, head: &[u8]) -> Format {
    match ext {
        "jsonl" | "ndjson" => return Format::Jsonl,
        "txt" | "text" => return Format::Text,
        "html" | "htm" | "xhtml" => return Format::Html,
        "rss" | "atom" => return Format::Feed,
        "warc" => return Format::Warc,
        _ => {}
    }
    let start = head.iter().position(|c| !c.is_ascii_whitespace()).map(|i| &head[i..]).unwrap_or(&[]);
    if start.starts_with(b"{") {
        return Format::Jsonl;
    }
    if start.starts_with(b"WARC/") {
        return Format::Warc;
    }
    if start.starts_with(b"<") {
        if feed::looks_like_feed(start) {
            return Format::Feed;
        }
        let lower = String::from_utf8_lossy(&start[..start.len().min(512)]).to_ascii_lowercase();
        if lower.contains("<html") || lower.starts_with("<!doctype html") {
            return Format::Html;
        }
    }
    Format::Text
}

/// Reads all inputs in order, yielding articles and problems.
pub struct Reader {
    pending: std::collections::VecDeque<Source>,
    current: Open,
    queued: std::collections::VecDeque<Item>,
    /// Inputs that could not be opened at all.
    pub unreadable: usize,
    /// Inputs that were opened.
    pub opened: usize,
}

impl Reader {
    /// `inputs` are paths, directories (walked recursively, in name order) or `-` for stdin.
    pub fn new(inputs: &[String]) -> Reader {
        let pending =
            inputs.iter().map(|i| if i == "-" { Source::Stdin } else { Source::Path(PathBuf::from(i)) }).collect();
        Reader { pending, current: Open::Done, queued: Default::default(), unreadable: 0, opened: 0 }
    }

    fn error(&mut self, origin: String, message: String) {
        self.queued.push_back(Item::Error(InputError { origin, message }));
    }

    /// Opens the next source; queues what it yields for whole-file formats.
    fn open_next(&mut self) -> bool {
        let Some(src) = self.pending.pop_front() else { return false };
        match src {
            Source::Stdin => {
                self.opened += 1;
                let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(1 << 16, io::stdin()));
                let first =
                    reader.fill_buf().map(|b| b.iter().find(|c| !c.is_ascii_whitespace()).copied()).unwrap_or(None);
                if first == Some(b'{') || first.is_none() {
                    self.current = Open::Lines { name: "<stdin>".into(), reader, line: 0 };
                } else {
                    let mut bytes = Vec::new();
                    match reader.take(MAX_RECORD_BYTES as u64 + 1).read_to_end(&mut bytes) {
                        Ok(_) => self.text_article("<stdin>", "stdin", bytes),
                        Err(e) => self.error("<stdin>".into(), format!("cannot read: {e}")),
                    }
                }
            }
            Source::Path(p) => {
                if p.is_dir() {
                    let mut files = Vec::new();
                    walk(&p, &mut files, &mut self.queued);
                    files.sort();
                    for f in files.into_iter().rev() {
                        self.pending.push_front(Source::Path(f));
                    }
                    return true;
                }
                let name = p.display().to_string();
                let file = match File::open(&p) {
                    Ok(f) => f,
                    Err(e) => {
                        self.unreadable += 1;
                        self.error(name, format!("cannot open: {e}"));
                        return true;
                    }
                };
                self.opened += 1;
                let mut ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                let mut id = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| name.clone());
                let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(1 << 16, file));
                let head = reader.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
                if let Some(c) = compress::by_extension(&ext).or_else(|| compress::by_magic(&head)) {
                    if compress::by_extension(&ext).is_some() {
                        // `news.jsonl.gz`: the format is the inner extension, the id the inner name.
                        let stem = Path::new(p.file_stem().unwrap_or_default());
                        ext = stem.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                        id = stem.to_string_lossy().into_owned();
                    }
                    reader = match compress::decode(reader, c) {
                        Ok(r) => r,
                        Err(e) => {
                            self.error(name, format!("cannot decompress: {e}"));
                            return true;
                        }
                    };
                }
                let format = match reader.fill_buf() {
                    Ok(head) => format_of(&ext, head),
                    Err(e) => {
                        self.error(name, format!("cannot read: {e}"));
                        return true;
                    }
                };
                match format {
                    Format::Jsonl => self.current = Open::Lines { name, reader, line: 0 },
                    Format::Warc => self.current = Open::Warc(warc::WarcReader::new(name, reader)),
                    Format::Text | Format::Html | Format::Feed => {
                        let mut bytes = Vec::new();
                        match reader.take(MAX_RECORD_BYTES as u64 + 1).read_to_end(&mut bytes) {
                            Ok(_) if format == Format::Text => self.text_article(&name, &id, bytes),
                            Ok(_) => self.markup_articles(&name, &id, bytes, format),
                            Err(e) => self.error(name, format!("cannot read: {e}")),
                        }
                    }
                }
            }
        }
        true
    }

    /// An HTML page (one article) or a feed (one per item).
    fn markup_articles(&mut self, name: &str, id: &str, bytes: Vec<u8>, format: Format) {
        if bytes.len() > MAX_RECORD_BYTES {
            self.error(name.to_string(), format!("larger than {} MiB; skipped", MAX_RECORD_BYTES >> 20));
            return;
        }
        let text = String::from_utf8_lossy(&bytes);
        if format == Format::Feed {
            for entry in feed::parse(&text, name) {
                match entry {
                    Ok(a) => self.queued.push_back(Item::Article(a)),
                    Err((origin, message)) => self.queued.push_back(Item::Error(InputError { origin, message })),
                }
            }
            return;
        }
        let page = html::extract(&text);
        if page.text.trim().is_empty() {
            self.error(name.to_string(), "no main text found in the page; skipped".into());
            return;
        }
        self.queued.push_back(Item::Article(Article {
            id: id.to_string(),
            text: page.text,
            date: page.date,
            title: page.title,
            url: page.url,
            origin: name.to_string(),
            ..Default::default()
        }));
    }

    fn text_article(&mut self, name: &str, id: &str, bytes: Vec<u8>) {
        if bytes.len() > MAX_RECORD_BYTES {
            self.error(name.to_string(), format!("larger than {} MiB; skipped", MAX_RECORD_BYTES >> 20));
            return;
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                self.queued.push_back(Item::Warning(InputError {
                    origin: format!("{name}:{line}"),
                    message: format!("invalid UTF-8 at byte {at}; replaced with U+FFFD"),
                }));
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        if text.trim().is_empty() {
            self.error(name.to_string(), "empty article; skipped".into());
            return;
        }
        let title = title_line(&text);
        self.queued.push_back(Item::Article(Article {
            id: id.to_string(),
            text,
            title,
            origin: name.to_string(),
            ..Default::default()
        }));
    }
}

/// The first line of a text file is its title when more follows and it is short and has no
/// final period.
fn title_line(text: &str) -> Option<String> {
    let trimmed = text.trim_start();
    let (first, rest) = trimmed.split_once('\n')?;
    let first = first.trim();
    if rest.trim().is_empty()
        || first.is_empty()
        || first.chars().count() > 200
        || first.ends_with(['.', '!', '?', ':'])
    {
        return None;
    }
    Some(first.to_string())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, queued: &mut std::collections::VecDeque<Item>) {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let p = entry.path();
                if p.is_dir() {
                    walk(&p, out, queued);
                } else if p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    let e = e.to_ascii_lowercase();
                    let inner = p.file_stem().map(Path::new).and_then(|s| s.extension()).and_then(|e| e.to_str());
                    let known = |e: &str| {
                        matches!(e, "txt" | "text" | "jsonl" | "ndjson" | "html" | "htm" | "rss" | "atom" | "warc")
                    };
                    known(&e)
                        || (compress::by_extension(&e).is_some()
                            && inner.is_some_and(|i| known(&i.to_ascii_lowercase())))
                }) {
                    out.push(p);
                }
            }
        }
        Err(e) => queued.push_back(Item::Error(InputError {
            origin: dir.display().to_string(),
            message: format!("cannot read directory: {e}"),
        })),
    }
}

/// Reads one line into `buf` (without the newline), never holding more than `max` bytes.
/// Returns `None` at end of input, `Some(true)` when the line was longer than `max`.
pub fn read_line_bounded(r: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Option<bool>> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(if any { Some(too_long) } else { None });
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1),
            None => (chunk, chunk.len()),
        };
        if !too_long {
            if buf.len() + part.len() > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        let found_newline = done > part.len();
        r.consume(done);
        if found_newline {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(too_long));
        }
    }
}

#[derive(Deserialize)]
struct JsonRecord {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    date: Option<serde_json::Value>,
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

/// Parses one JSON Lines record.
pub fn parse_record(line: &[u8], origin: &str) -> Vec<Item> {
    let err = |m: String| vec![Item::Error(InputError { origin: origin.to_string(), message: m })];
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => return err(format!("invalid UTF-8 at byte {}; record skipped", e.valid_up_to())),
    };
    let rec: JsonRecord = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => return err(format!("malformed JSON ({e}); record skipped")),
    };
    let id = match rec.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return err("record has no \"id\" (a string or number); skipped".into()),
    };
    let origin_id = format!("{origin} ({id})");
    let body = match rec.text {
        Some(serde_json::Value::String(s)) => s,
        _ => {
            return vec![Item::Error(InputError {
                origin: origin_id,
                message: "record has no \"text\" string; skipped".into(),
            })];
        }
    };
    if body.trim().is_empty() {
        return vec![Item::Error(InputError { origin: origin_id, message: "empty article; skipped".into() })];
    }
    let mut out = Vec::new();
    let date = match rec.date {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(v) => {
            let s = match &v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            // Accept a timestamp's date part too ("2024-10-02T10:00:00Z").
            let d = Date::parse(&s).or_else(|| s.get(..10).and_then(Date::parse));
            if d.is_none() {
                out.push(Item::Warning(InputError {
                    origin: origin_id.clone(),
                    message: format!("unreadable date {v}; the default date is used"),
                }));
            }
            d
        }
    };
    out.push(Item::Article(Article {
        id,
        text: body,
        date,
        title: rec.title,
        source: rec.source,
        url: rec.url,
        origin: origin_id,
    }));
    out
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut buf = Vec::new();
        loop {
            if let Some(item) = self.queued.pop_front() {
                return Some(item);
            }
            match &mut self.current {
                Open::Lines { name, reader, line } => {
                    match read_line_bounded(reader.as_mut(), &mut buf, MAX_RECORD_BYTES) {
                        Ok(None) => self.current = Open::Done,
                        Ok(Some(too_long)) => {
                            *line += 1;
                            let origin = format!("{name}:{line}");
                            if too_long {
                                self.error(origin, format!("line longer than {} MiB; skipped", MAX_RECORD_BYTES >> 20));
                            } else if !buf.iter().all(|b| b.is_ascii_whitespace()) {
                                let items = parse_record(&buf, &origin);
                                self.queued.extend(items);
                            }
                        }
                        Err(e) => {
                            let origin = format!("{name}:{}", *line + 1);
                            self.current = Open::Done;
                            self.error(origin, format!("read error: {e}; rest of the input skipped"));
                        }
                    }
                }
                Open::Warc(w) => match w.next_items() {
                    Some(items) => self.queued.extend(items),
                    None => self.current = Open::Done,
                },
                Open::Done => {
                    if !self.open_next() {
                        return None;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records() {
        let items = parse_record(br#"{"id": 7, "text": "Putin met Tokayev.", "date": "20241002"}"#, "f:1");
        match &items[..] {
            [Item::Article(a)] => {
                assert_eq!(a.id, "7");
                assert_eq!(a.date, Date::new(2024, 10, 2));
            }
            other => panic!("{other:?}"),
        }
        let bad = |line: &[u8]| match &parse_record(line, "f:3")[..] {
            [Item::Error(e)] => e.to_string(),
            other => panic!("{other:?}"),
        };
        assert!(bad(b"{not json").starts_with("f:3: malformed JSON"));
        assert!(bad(b"{\"text\": \"x\"}").contains("no \"id\""));
        assert!(bad(b"{\"id\": \"a\", \"text\": \"  \"}").starts_with("f:3 (a): empty article"));
        assert!(bad(b"{\"id\": \"a\", \"text\": \"\xff\"}").contains("invalid UTF-8"));
        let items = parse_record(br#"{"id": "x", "text": "t", "date": "yesterday"}"#, "f:4");
        assert!(matches!(&items[..], [Item::Warning(_), Item::Article(_)]));
    }

    #[test]
    fn bounded_lines() {
        let data = b"short\nthis line is long\r\nlast";
        let mut r: &[u8] = data;
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).unwrap(), Some(false));
        assert_eq!(buf, b"short");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).unwrap(), Some(true));
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).unwrap(), Some(false));
        assert_eq!(buf, b"last");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).unwrap(), None);
    }

    #[test]
    fn titles() {
        assert_eq!(title_line("A title\nBody text."), Some("A title".into()));
        assert_eq!(title_line("One sentence only."), None);
        assert_eq!(title_line("First sentence.\nSecond."), None);
    }
}
