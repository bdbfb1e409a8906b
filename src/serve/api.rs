//! Routes: the JSON API under `/api/`, the OpenAPI description, and the dashboard's files.

use std::io::Read;

use serde_json::json;
use tiny_http::Request;

use super::{Reply, Shared, Worker};
use crate::ingest::{Item, parse_record, read_line_bounded};
use crate::model::Date;
use crate::store::Store;
use crate::store::ingest::{self as store_ingest, IngestOptions};
use crate::store::query::Filter;

/// The OpenAPI 3 description of the API.
pub const OPENAPI: &str = include_str!("openapi.json");

mod libraries {
    include!(concat!(env!("OUT_DIR"), "/web_libraries.rs"));
}
pub use libraries::LIBRARIES_INSTALLED;

/// The dashboard's own files, embedded at build time: path, content type, bytes.
pub const PAGES: [(&str, &str, &[u8]); 3] = [
    ("/", "text/html; charset=utf-8", include_bytes!("../../web/index.html")),
    ("/app.js", "text/javascript; charset=utf-8", include_bytes!("../../web/app.js")),
    ("/style.css", "text/css; charset=utf-8", include_bytes!("../../web/style.css")),
];

/// Every embedded file: the pages and the libraries.
pub fn assets() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static [u8])> {
    PAGES.iter().chain(libraries::LIBRARIES.iter())
}

/// Largest page of events, mentions or edges the API returns.
pub const MAX_LIMIT: usize = 1000;

/// Decodes `%XX` and `+` of a query-string component; invalid escapes stay as they are.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a URL into its path (still encoded: segments are decoded one by one, so that an id
/// may contain `/` as `%2F`) and its decoded query parameters.
pub fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let params = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    (path.to_string(), params)
}

fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
}

/// Builds a filter from query parameters; a bad value is an error naming the parameter.
pub fn filter_from(params: &[(String, String)]) -> Result<Filter, String> {
    let date = |k: &str| -> Result<Option<Date>, String> {
        param(params, k).map(|v| Date::parse(v).ok_or(format!("{k}: '{v}' is not a date (YYYY-MM-DD)"))).transpose()
    };
    let num = |k: &str, default: usize| -> Result<usize, String> {
        param(params, k)
            .map(|v| v.parse::<usize>().map_err(|_| format!("{k}: '{v}' is not a number")))
            .unwrap_or(Ok(default))
    };
    let dyad = match param(params, "dyad") {
        Some(v) => match v.split_once([',', ':']) {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => Some((a.trim().into(), b.trim().into())),
            _ => return Err(format!("dyad: '{v}' is not SOURCE,TARGET")),
        },
        None => None,
    };
    let quad_class = match param(params, "quad") {
        Some(v) => match v.parse::<u8>() {
            Ok(q @ 1..=4) => Some(q),
            _ => return Err(format!("quad: '{v}' is not 1, 2, 3 or 4")),
        },
        None => None,
    };
    Ok(Filter {
        actor: param(params, "actor").map(String::from),
        dyad,
        country: param(params, "country").map(String::from),
        code: param(params, "code").map(String::from),
        root: param(params, "root").map(String::from),
        quad_class,
        plover: param(params, "plover").map(String::from),
        from: date("from")?,
        to: date("to")?,
        place: param(params, "place").map(String::from),
        text: param(params, "text").map(String::from),
        limit: num("limit", 100)?.min(MAX_LIMIT),
        offset: num("offset", 0)?,
    })
}

fn db_error(e: crate::store::StoreError) -> Reply {
    if e.0.contains("timed out") { Reply::error(503, "query timed out") } else { Reply::error(500, &e.0) }
}

fn ok<T: serde::Serialize>(v: &T) -> Reply {
    match serde_json::to_value(v) {
        Ok(v) => Reply::json(200, &v),
        Err(e) => Reply::error(500, &e.to_string()),
    }
}

/// Answers one request.
pub fn route(shared: &Shared, worker: &Worker, req: &mut Request, method: &str, url: &str) -> Reply {
    let (path, params) = split_url(url);
    if method == "POST" && path == "/api/ingest" {
        return ingest(shared, req, &params);
    }
    if method != "GET" && method != "HEAD" {
        return Reply::error(405, "only GET (and POST /api/ingest with a token)");
    }
    if let Some((_, ct, bytes)) = assets().find(|(p, _, _)| *p == path || (path == "/index.html" && *p == "/")) {
        return Reply { status: 200, content_type: ct, body: bytes.to_vec() };
    }
    let store = &worker.store;
    let filter = match filter_from(&params) {
        Ok(f) => f,
        Err(e) => return Reply::error(400, &e),
    };
    let decoded: Vec<String> = path.trim_end_matches('/').split('/').skip(1).map(percent_decode).collect();
    let segs: Vec<&str> = decoded.iter().map(String::as_str).collect();
    let result = match segs.as_slice() {
        ["api", "openapi.json"] => {
            return Reply { status: 200, content_type: "application/json", body: OPENAPI.as_bytes().to_vec() };
        }
        ["api", "stats"] => store.stats().map(|s| ok(&s)),
        ["api", "events"] => (|| {
            let total = store.count_events(&filter)?;
            let events = store.events(&filter)?;
            let mut events = serde_json::to_value(events).unwrap_or_default();
            if param(&params, "evidence").is_some_and(|v| v == "1" || v == "true") {
                // Each event with its first mention: the sentence and the spans to highlight.
                for e in events.as_array_mut().into_iter().flatten() {
                    let id = e["event_id"].as_i64().unwrap_or(0);
                    let first = store.mentions(Some(id), None, 1)?.into_iter().next();
                    e["evidence"] = serde_json::to_value(first).unwrap_or_default();
                }
            }
            Ok(Reply::json(
                200,
                &json!({"total": total, "limit": filter.limit, "offset": filter.offset, "events": events}),
            ))
        })(),
        ["api", "events", id] => match id.parse::<i64>() {
            Ok(id) => (|| {
                Ok(match store.event(id)? {
                    Some(e) => {
                        let mentions = store.mentions(Some(id), None, MAX_LIMIT)?;
                        Reply::json(200, &json!({"event": e, "mentions": mentions}))
                    }
                    None => Reply::error(404, "no such event"),
                })
            })(),
            Err(_) => Ok(Reply::error(400, "event ids are numbers")),
        },
        ["api", "mentions"] => {
            let event_id = match param(&params, "event_id").map(str::parse::<i64>).transpose() {
                Ok(v) => v,
                Err(_) => return Reply::error(400, "event_id: not a number"),
            };
            let doc_id = param(&params, "doc_id");
            if event_id.is_none() && doc_id.is_none() {
                return Reply::error(400, "give event_id or doc_id");
            }
            store.mentions(event_id, doc_id, filter.limit).map(|m| Reply::json(200, &json!({"mentions": m})))
        }
        ["api", "articles", id] => store.article(id).map(|a| match a {
            Some(a) => ok(&a),
            None => Reply::error(404, "no such article"),
        }),
        ["api", "timeseries"] => {
            let monthly = match param(&params, "interval") {
                None | Some("day") => false,
                Some("month") => true,
                Some(other) => return Reply::error(400, &format!("interval: '{other}' is not day or month")),
            };
            store.timeseries(&filter, monthly).map(|p| Reply::json(200, &json!({"points": p})))
        }
        ["api", "network"] => store.network(&filter, filter.limit).map(|e| Reply::json(200, &json!({"edges": e}))),
        ["api", "places"] => store.places(&filter).map(|places| {
            let places: Vec<serde_json::Value> = places
                .into_iter()
                .map(|p| json!({"country": p.key, "place": p.label, "count": p.count, "names": country_names(&shared.kb, &p.key)}))
                .collect();
            Reply::json(200, &json!({"places": places}))
        }),
        ["api", "dossier", actor] => store.dossier(actor).map(|d| ok(&d)),
        _ => Ok(Reply::error(404, "not found (see /api/openapi.json)")),
    };
    result.unwrap_or_else(db_error)
}

/// A country's names (its display name first), for matching map features by name.
pub fn country_names(kb: &crate::knowledge::Knowledge, code: &str) -> Vec<String> {
    kb.entities
        .iter()
        .filter(|e| e.kind == crate::knowledge::entities::EntityKind::Country && e.code == code)
        .flat_map(|e| std::iter::once(e.name.clone()).chain(e.names.iter().map(|d| d.value.clone())))
        .collect()
}

/// Compares two byte strings in time independent of where they differ.
fn same_token(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `POST /api/ingest`: JSON Lines articles in the body, coded and stored.
fn ingest(shared: &Shared, req: &mut Request, params: &[(String, String)]) -> Reply {
    let kb = &shared.kb;
    let Some(token) = &shared.token else {
        return Reply::error(403, "ingest is disabled: start the server with a token to enable it");
    };
    let given = req
        .headers()
        .iter()
        .find(|h| h.field.equiv("Authorization"))
        .map(|h| h.value.as_str().trim().to_string())
        .unwrap_or_default();
    let given = given.strip_prefix("Bearer ").unwrap_or("");
    if !same_token(given.trim().as_bytes(), token.as_bytes()) {
        return Reply::error(401, "missing or wrong bearer token");
    }
    match req.body_length() {
        Some(n) if n > shared.max_body => {
            return Reply::error(413, &format!("body of {n} bytes is over the limit of {} bytes", shared.max_body));
        }
        _ => {}
    }
    let mut body = Vec::new();
    if let Err(e) = req.as_reader().take(shared.max_body as u64 + 1).read_to_end(&mut body) {
        return Reply::error(400, &format!("cannot read body: {e}"));
    }
    if body.len() > shared.max_body {
        return Reply::error(413, &format!("body is over the limit of {} bytes", shared.max_body));
    }
    let default_date = match param(params, "date") {
        Some(d) => match Date::parse(d) {
            Some(d) => d,
            None => return Reply::error(400, &format!("date: '{d}' is not a date")),
        },
        None => shared.default_date,
    };
    // Parse every line first, so that problems are reported with their line numbers.
    let mut items = Vec::new();
    let mut reader: &[u8] = &body;
    let mut buf = Vec::new();
    let mut line = 0;
    while let Ok(Some(_)) = read_line_bounded(&mut reader, &mut buf, shared.max_body) {
        line += 1;
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        items.extend(parse_record(&buf, &format!("body:{line}")));
    }
    let problems: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Error(e) | Item::Warning(e) => Some(e.to_string()),
            Item::Article(_) => None,
        })
        .collect();
    let _guard = shared.write_lock.lock().unwrap_or_else(|p| p.into_inner());
    let mut store = match Store::open(&shared.db) {
        Ok(s) => s,
        Err(e) => return Reply::error(500, &e.0),
    };
    let opts = IngestOptions { batch: 500, default_date, quiet: true };
    match store_ingest::run(&mut store, kb, items.into_iter(), &opts, &mut |_, _| {}) {
        Ok(s) => Reply::json(
            200,
            &json!({
                "read": s.read, "stored": s.stored, "duplicates": s.duplicates, "mentions": s.mentions,
                "new_events": s.new_events, "skipped": s.errors, "warnings": s.warnings, "problems": problems
            }),
        ),
        Err(e) => Reply::error(500, &e.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let (p, q) = split_url("/api/events?actor=RUS&text=state+visit%21&bad=%zz&x");
        assert_eq!(p, "/api/events");
        let (p, _) = split_url("/api/articles/https%3A%2F%2Fnews.example%2F1?x=1");
        assert_eq!(p, "/api/articles/https%3A%2F%2Fnews.example%2F1");
        assert_eq!(param(&q, "actor"), Some("RUS"));
        assert_eq!(param(&q, "text"), Some("state visit!"));
        assert_eq!(param(&q, "bad"), Some("%zz"));
        assert_eq!(param(&q, "x"), None);
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("a%4"), "a%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
    }

    #[test]
    fn filters() {
        let q = |s: &str| split_url(&format!("/api/events?{s}")).1;
        let f = filter_from(&q("dyad=RUS,KAZ&quad=1&from=2024-10-01&limit=5000")).unwrap();
        assert_eq!(f.dyad, Some(("RUS".into(), "KAZ".into())));
        assert_eq!((f.quad_class, f.limit), (Some(1), MAX_LIMIT));
        assert!(filter_from(&q("quad=5")).unwrap_err().starts_with("quad"));
        assert!(filter_from(&q("from=yesterday")).unwrap_err().starts_with("from"));
        assert!(filter_from(&q("dyad=RUS")).unwrap_err().starts_with("dyad"));
        assert!(filter_from(&q("limit=-1")).unwrap_err().starts_with("limit"));
    }

    #[test]
    fn tokens() {
        assert!(same_token(b"abc", b"abc"));
        assert!(!same_token(b"abc", b"abd"));
        assert!(!same_token(b"abc", b"abcd"));
    }

    #[test]
    fn openapi_is_json_and_lists_routes() {
        let v: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
        let paths = v["paths"].as_object().unwrap();
        for p in ["/api/events", "/api/events/{id}", "/api/articles/{id}", "/api/timeseries", "/api/ingest"] {
            assert!(paths.contains_key(p), "{p}");
        }
    }
}
