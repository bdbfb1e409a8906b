//! Input formats end to end (`dyad ingest` on HTML, RSS, Atom, WARC, gzip and zstd files,
//! with malformed records reported and skipped), and property tests of their parsers.

mod common;

use std::io::Write;
use std::process::Command;

use dyad::ingest::{Item, Reader, feed, html, warc};
use proptest::prelude::*;

fn tmpdir(name: &str) -> common::TempDir {
    common::TempDir::new("dyad-formats-test", name)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// One zstd frame of raw blocks (no compression), as the format allows.
fn zstd_raw(data: &[u8]) -> Vec<u8> {
    // Magic; frame header: no content size, no checksum; window descriptor: 1 KiB.
    let mut f = vec![0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x00];
    let chunks: Vec<&[u8]> = data.chunks(1024).collect();
    for (i, c) in chunks.iter().enumerate() {
        let last = (i + 1 == chunks.len()) as u32;
        let h = ((c.len() as u32) << 3) | last;
        f.extend_from_slice(&h.to_le_bytes()[..3]);
        f.extend_from_slice(c);
    }
    f
}

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-10-03T01:02:03Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn page(sentence: &str) -> String {
    format!(
        "<html><head><title>T</title><meta property=\"article:published_time\" content=\"2024-10-04\"></head>\
         <body><nav><a href=/>Home</a></nav><article><p>{sentence}</p></article></body></html>"
    )
}

#[test]
fn ingests_every_format() {
    let dir = tmpdir("all");
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    let w = |name: &str, data: &[u8]| std::fs::write(inputs.join(name), data).unwrap();
    w("page.html", page("Russia criticized Kazakhstan on Monday, officials said.").as_bytes());
    w("page2.htm.gz", &gzip(page("China sent aid to Pakistan on Tuesday, officials said.").as_bytes()));
    w(
        "feed.rss",
        br#"<rss><channel><item><guid>rss-1</guid><pubDate>Wed, 02 Oct 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Iran accused Turkey of lying on Wednesday.&lt;/p&gt;</description></item>
<item><guid>rss-empty</guid></item></channel></rss>"#,
    );
    w(
        "feed.atom",
        br#"<feed><entry><id>atom-1</id><updated>2024-10-02T00:00:00Z</updated>
<content type="html">Japan criticized France.</content></entry></feed>"#,
    );
    // WARC.gz as Common Crawl writes it: one gzip member per record.
    let mut warc = gzip(&warc_record("https://news.example/w1", &page("Egypt demanded money from Brazil.")));
    warc.extend(gzip(&warc_record("https://news.example/w2", &page("Germany criticized India on Friday."))));
    w("news.warc.gz", &warc);
    let jsonl = "{\"id\": \"j1\", \"text\": \"Russia accused Iran.\"}\n{broken\n";
    w("more.jsonl.zst", &zstd_raw(jsonl.as_bytes()));
    w("corrupt.jsonl.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03this is not deflate");
    w("ignored.bin", b"\x00\x01");

    let db = dir.join("f.db");
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "--date", "2024-10-01", "--db"])
        .arg(&db)
        .arg(&inputs)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("corrupt.jsonl.gz"), "a corrupt file is reported: {err}");
    assert!(err.contains("rss-empty") && err.contains("no text"), "{err}");
    assert!(err.contains("more.jsonl.zst:2: malformed JSON"), "{err}");

    let store = dyad::store::Store::open_read_only(&db).unwrap();
    let mut st = store.conn.prepare("SELECT id, date, coalesce(url, '') FROM articles ORDER BY id").unwrap();
    let rows: Vec<(String, String, String)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect();
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        ids,
        ["atom-1", "https://news.example/w1", "https://news.example/w2", "j1", "page.html", "page2.htm", "rss-1"]
    );
    let date = |id: &str| rows.iter().find(|r| r.0 == id).unwrap().1.clone();
    assert_eq!(date("page.html"), "2024-10-04", "the page's own date");
    assert_eq!(date("rss-1"), "2024-10-02");
    assert_eq!(date("j1"), "2024-10-01", "the default date");
    let text: String =
        store.conn.query_row("SELECT text FROM articles WHERE id = 'page.html'", [], |r| r.get(0)).unwrap();
    assert_eq!(text, "Russia criticized Kazakhstan on Monday, officials said.");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reader_streams_a_gzipped_jsonl_file() {
    let dir = tmpdir("gz");
    let mut data = String::new();
    for i in 0..1000 {
        data.push_str(&format!("{{\"id\": \"a{i}\", \"text\": \"Russia criticized Kazakhstan.\"}}\n"));
    }
    let path = dir.join("big.jsonl.gz");
    std::fs::write(&path, gzip(data.as_bytes())).unwrap();
    let items: Vec<Item> = Reader::new(&[path.display().to_string()]).collect();
    assert_eq!(items.len(), 1000);
    assert!(
        matches!(&items[999], Item::Article(a) if a.id == "a999" && a.origin.ends_with("big.jsonl.gz:1000 (a999)"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn html_never_panics_and_yields_clean_text(s in "(<[a-z/!]{0,8}( [a-z]+=['\"]?[a-z<>]*['\"]?)?>|&[#a-z0-9]{0,6};?|[a-zA-Z .,é]{0,12}){0,40}") {
        let p = html::extract(&s);
        prop_assert!(!p.text.contains(char::from(0)), "NUL in text");
        for line in p.text.lines() {
            prop_assert_eq!(line.trim(), line);
        }
    }

    #[test]
    fn feeds_never_panic(s in "(<(item|entry|guid|id|link|description|content|title)>|</(item|entry|guid|id|link|description|content|title)>|<!\\[CDATA\\[|\\]\\]>|[a-z &;<>]{0,10}){0,30}") {
        for entry in feed::parse(&s, "f") {
            match entry {
                Ok(a) => prop_assert!(!a.id.is_empty() && !a.text.is_empty()),
                Err((origin, message)) => prop_assert!(origin.starts_with("f (item") && message.ends_with("skipped")),
            }
        }
    }

    #[test]
    fn warc_reader_never_panics_nor_loops(data in proptest::collection::vec(any::<u8>(), 0..600), prefix in "(WARC/1.0\r\n(Content-Length: [0-9]{1,3}\r\n|WARC-Type: response\r\n|Content-Type: application/http\r\n){0,3}\r\n)?") {
        let mut bytes = prefix.into_bytes();
        bytes.extend(data);
        let len = bytes.len();
        let mut r = warc::WarcReader::new("p".into(), Box::new(std::io::Cursor::new(bytes)));
        let mut rounds = 0;
        while r.next_items().is_some() {
            rounds += 1;
            prop_assert!(rounds <= len + 1);
        }
    }
}
