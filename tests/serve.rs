//! `dyad serve` end to end: a real server process on loopback, the JSON API, its limits and
//! the token-protected ingest endpoint, and the dashboard in headless Chromium.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn tmpdir(name: &str) -> common::TempDir {
    common::TempDir::new("dyad-serve-test", name)
}

/// A running `dyad serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &Path, extra: &[&str], token: Option<&str>) -> Server {
    let mut cmd = dyad();
    cmd.args(["serve", "--bind", "127.0.0.1:0", "--threads", "2", "--db"]).arg(db).args(extra);
    cmd.env_remove("DYAD_TOKEN");
    if let Some(t) = token {
        cmd.env("DYAD_TOKEN", t);
    }
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, addr }
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One HTTP/1.1 request over a fresh connection.
fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
    let mut req =
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let _ = s.write_all(body); // the server may answer (413) and close before reading it all
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no HTTP reply: {raw:?}"));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Reply { status, headers: head.to_string(), body: body.to_string() }
}

fn get(addr: &str, path: &str) -> Reply {
    http(addr, "GET", path, &[], b"")
}

const FIXTURE: [(&str, &str, &str); 5] = [
    ("r1", "Reuters", "Russia criticized Kazakhstan in Astana on Monday. China sent aid to Pakistan."),
    ("t1", "TASS", "Officials said Russia criticized Kazakhstan."),
    ("r2", "Reuters", "Once more, Russia criticized Kazakhstan."),
    ("a1", "AP", "The United States accused Iran of lying."),
    ("https://news.example/w/1", "Web", "Japan criticized France on Monday."),
];

/// A database with the fixture articles (and the seed report, when `../shared` is there).
fn fixture_db(dir: &Path) -> PathBuf {
    let input = dir.join("in.jsonl");
    let body: String = FIXTURE
        .iter()
        .map(|(id, src, text)| {
            format!("{}\n", serde_json::json!({"id": id, "source": src, "date": "2024-10-02", "text": text}))
        })
        .collect();
    std::fs::write(&input, body).unwrap();
    let db = dir.join("api.db");
    let mut cmd = dyad();
    cmd.args(["ingest", "--quiet", "--date", "2024-10-02", "--db"]).arg(&db).arg(&input);
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/examples/seed-kazakhstan-russia.txt");
    if seed.exists() {
        cmd.arg(&seed);
    } else {
        eprintln!("note: ../shared/examples/seed-kazakhstan-russia.txt is absent; using the fixture articles only");
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}

#[test]
fn read_only_api() {
    let dir = tmpdir("api");
    let db = fixture_db(&dir);
    let server = serve(&db, &[], None);
    let a = server.addr.as_str();

    let stats = get(a, "/api/stats");
    assert_eq!(stats.status, 200);
    assert!(stats.headers.contains("application/json"));
    let stats = stats.json();
    assert!(stats["articles"].as_i64().unwrap() >= 4);
    assert_eq!(stats["schema_version"], 1);

    let r = get(a, "/api/events?dyad=RUS,KAZ&code=111&evidence=1").json();
    assert_eq!(r["total"], 1, "{r}");
    let e = &r["events"][0];
    assert_eq!((e["num_mentions"].as_i64(), e["num_sources"].as_i64()), (Some(3), Some(2)));
    assert_eq!(e["evidence"]["trigger"], "criticized");
    let id = e["event_id"].as_i64().unwrap();

    let one = get(a, &format!("/api/events/{id}")).json();
    assert_eq!(one["mentions"].as_array().unwrap().len(), 3);
    assert_eq!(get(a, "/api/events/99999999").status, 404);
    assert_eq!(get(a, "/api/events/abc").status, 400);
    assert_eq!(get(a, &format!("/api/mentions?event_id={id}")).json()["mentions"].as_array().unwrap().len(), 3);
    assert_eq!(get(a, "/api/mentions").status, 400);

    // The article with its highlights: the spans point at the words.
    let art = get(a, "/api/articles/r1").json();
    let chars: Vec<char> = art["text"].as_str().unwrap().chars().collect();
    let mut seen = Vec::new();
    for h in art["highlights"].as_array().unwrap() {
        let (s, t) = (h["start"].as_u64().unwrap() as usize, h["end"].as_u64().unwrap() as usize);
        seen.push((h["role"].as_str().unwrap().to_string(), chars[s..t].iter().collect::<String>()));
    }
    for want in [("source", "Russia"), ("target", "Kazakhstan"), ("trigger", "criticized"), ("trigger", "sent")] {
        assert!(seen.contains(&(want.0.into(), want.1.into())), "{want:?} in {seen:?}");
    }
    assert_eq!(get(a, "/api/articles/nope").status, 404);
    // Ids with slashes (URLs, as WARC and feed items have) are one path segment, encoded.
    let url_id = get(a, "/api/articles/https%3A%2F%2Fnews.example%2Fw%2F1").json();
    assert_eq!(url_id["id"], "https://news.example/w/1");
    assert!(!url_id["highlights"].as_array().unwrap().is_empty());

    let ts = get(a, "/api/timeseries?actor=RUS").json();
    let p = &ts["points"][0];
    assert_eq!(p["period"], "2024-10-02");
    assert!(p["quad"][2].as_i64().unwrap() >= 3, "{p}");
    assert_eq!(get(a, "/api/timeseries?interval=month").json()["points"][0]["period"], "2024-10");
    assert_eq!(get(a, "/api/timeseries?interval=year").status, 400);
    let edges = get(a, "/api/network").json();
    assert!(edges["edges"].as_array().unwrap().iter().any(|e| e["source"] == "RUS" && e["target"] == "KAZ"));
    let places = get(a, "/api/places").json();
    let kaz = places["places"].as_array().unwrap().iter().find(|p| p["country"] == "KAZ").unwrap();
    assert!(kaz["names"].as_array().unwrap().iter().any(|n| n == "Kazakhstan"));
    let dossier = get(a, "/api/dossier/RUS").json();
    assert!(dossier["events_as_source"].as_i64().unwrap() >= 1);
    assert!(dossier["partners"].as_array().unwrap().iter().any(|p| p["key"] == "KAZ"));

    // Every GET path of the OpenAPI description is served.
    let spec = get(a, "/api/openapi.json").json();
    for (path, item) in spec["paths"].as_object().unwrap() {
        if item.get("get").is_none() {
            continue;
        }
        let concrete = path.replace("{id}", &id.to_string()).replace("{actor}", "RUS");
        let concrete = if concrete == "/api/articles/".to_string() + &id.to_string() {
            "/api/articles/r1".into()
        } else {
            concrete
        };
        let concrete = if concrete == "/api/mentions" { format!("/api/mentions?event_id={id}") } else { concrete };
        assert_eq!(get(a, &concrete).status, 200, "{concrete}");
    }

    // Bad input and limits.
    assert_eq!(get(a, "/api/events?quad=9").status, 400);
    assert_eq!(get(a, "/api/events?from=yesterday").status, 400);
    assert_eq!(get(a, "/api/nothing").status, 404);
    assert_eq!(get(a, &format!("/api/events?text={}", "x".repeat(5000))).status, 414);
    assert_eq!(get(a, "/api/events?limit=100000").json()["limit"], 1000);
    assert_eq!(http(a, "DELETE", "/api/events", &[], b"").status, 405);
    let r = http(a, "POST", "/api/ingest", &[], b"{}");
    assert_eq!(r.status, 403, "read-only by default: {}", r.body);

    // The dashboard's files.
    let page = get(a, "/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("/vendor/d3.min.js") && page.headers.contains("text/html"));
    for asset in
        ["/app.js", "/style.css", "/vendor/d3.min.js", "/vendor/topojson-client.min.js", "/vendor/countries-110m.json"]
    {
        let r = get(a, asset);
        assert_eq!(r.status, 200, "{asset}");
        assert!(r.body.len() > 1000, "{asset}");
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ingest_endpoint_needs_the_token() {
    let dir = tmpdir("ingest");
    let db = dir.join("new.db");
    let token = "test-token-0123456789abcdef";
    let server = serve(&db, &["--max-body", "4096", "--date", "2024-10-02"], Some(token));
    let a = server.addr.as_str();
    let body = format!(
        "{}\n{{broken\n{}\n",
        serde_json::json!({"id": "n1", "text": "Russia criticized Kazakhstan."}),
        serde_json::json!({"id": "n2", "text": "China sent aid to Pakistan.", "date": "2024-10-05"})
    );
    let auth = format!("Bearer {token}");
    assert_eq!(http(a, "POST", "/api/ingest", &[], body.as_bytes()).status, 401);
    assert_eq!(
        http(a, "POST", "/api/ingest", &[("Authorization", "Bearer wrong-token-000000000")], body.as_bytes()).status,
        401
    );
    let big = vec![b'x'; 5000];
    assert_eq!(http(a, "POST", "/api/ingest", &[("Authorization", &auth)], &big).status, 413);

    let r = http(a, "POST", "/api/ingest", &[("Authorization", &auth)], body.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
    let r = r.json();
    assert_eq!((r["stored"].as_i64(), r["skipped"].as_i64()), (Some(2), Some(1)), "{r}");
    assert!(r["problems"][0].as_str().unwrap().starts_with("body:2: malformed JSON"), "{r}");
    let again = http(a, "POST", "/api/ingest", &[("Authorization", &auth)], body.as_bytes()).json();
    assert_eq!((again["stored"].as_i64(), again["duplicates"].as_i64()), (Some(0), Some(2)), "{again}");

    let stats = get(a, "/api/stats").json();
    assert_eq!(stats["articles"], 2);
    let r = get(a, "/api/events?actor=CHN").json();
    assert_eq!(r["events"][0]["date"], "2024-10-05");
    let _ = std::fs::remove_dir_all(&dir);
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.exists())
    })
}

#[test]
fn dashboard_in_headless_chromium() {
    if !dyad::serve::api::LIBRARIES_INSTALLED {
        eprintln!(
            "SKIPPED dashboard_in_headless_chromium: the dashboard's libraries were not installed at build time (npm ci --prefix web; .ci/run does it)"
        );
        return;
    }
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED dashboard_in_headless_chromium: no chromium on PATH (apt-get install chromium; .ci/run installs it)"
        );
        return;
    };
    let dir = tmpdir("browser");
    let db = fixture_db(&dir);
    let server = serve(&db, &[], None);
    let url = format!("http://{}/", server.addr);
    let api = get(&server.addr, "/api/events?limit=50&evidence=1").json();
    let events = api["events"].as_array().unwrap().clone();
    assert!(!events.is_empty());

    let run = |extra: &[&str]| {
        let profile = dir.join(format!("profile-{}", extra.len()));
        let out = Command::new(&browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--enable-logging=stderr",
                "--v=0",
                "--window-size=1280,2000",
                "--virtual-time-budget=15000",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(extra)
            .arg(&url)
            .output()
            .unwrap();
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (dom, log) = run(&["--dump-dom"]);
    assert!(dom.contains("data-ready=\"1\""), "the page finished loading: {}", &dom[..dom.len().min(2000)]);
    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(dom.contains("<pre id=\"errors\" hidden=\"\"></pre>"), "the page reported errors");
    let stats = get(&server.addr, "/api/stats").json();
    assert!(dom.contains(&format!("{} articles · {} events", stats["articles"], stats["events"])));
    // Each event is listed with its sentence, source, target and trigger highlighted.
    assert_eq!(dom.matches("<tr data-event=").count(), events.len());
    for e in &events {
        let ev = &e["evidence"];
        let joint = ev["source_span"] == ev["target_span"];
        if joint {
            // A joint actor ("the two leaders") is one mark, both source and target.
            let mark = format!(
                "<mark class=\"src tgt\" title=\"source and target\">{}</mark>",
                ev["source_text"].as_str().unwrap().replace('&', "&amp;")
            );
            assert!(dom.contains(&mark), "{mark} for event {}", e["event_id"]);
        }
        for (cls, key) in [("src", "source_text"), ("tgt", "target_text"), ("trg", "trigger")] {
            if joint && cls != "trg" {
                continue;
            }
            // A side completed from the sentence's context ("Putin said, expressing his
            // gratitude", the other country of the sentence) has no words to mark.
            if ev[key].as_str().unwrap().is_empty() {
                continue;
            }
            let mark = format!(
                "<mark class=\"{cls}\" title=\"{}\">{}</mark>",
                match cls {
                    "src" => "source",
                    "tgt" => "target",
                    _ => "trigger",
                },
                ev[key].as_str().unwrap().replace('&', "&amp;")
            );
            assert!(dom.contains(&mark), "{mark} for event {}", e["event_id"]);
        }
    }
    // The charts were drawn: timeline bars, map countries, network nodes.
    assert!(dom.matches("class=\"country\"").count() > 100, "map countries");
    assert!(dom.contains("id=\"network\" class=\"chart\"><svg"), "network");
    assert!(dom.contains("id=\"timeline\" class=\"chart\"><svg"), "timeline");

    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dashboard.png");
    let _ = std::fs::remove_file(&shot);
    run(&[&format!("--screenshot={}", shot.display())]);
    let png = std::fs::read(&shot).expect("a screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    eprintln!("dashboard screenshot: {}", shot.display());
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
