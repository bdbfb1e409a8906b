//! Serve stage: a small HTTP/1.1 server (tiny_http) with a JSON API over the store, its
//! OpenAPI description, and the dashboard (static files embedded in the binary).
//!
//! Read-only by default: worker threads hold read-only SQLite connections. `POST
//! /api/ingest` exists only when a token is configured (`DYAD_TOKEN` or `--token-file`) and
//! needs `Authorization: Bearer TOKEN`. Limits: request bodies over `--max-body` are refused
//! (413) before they are read, URLs over 4 KiB are refused (414), result sizes are capped,
//! and every database query is interrupted after `--query-timeout-ms` (503).

pub mod api;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tiny_http::{Header, Request, Response, Server};

use crate::knowledge::Knowledge;
use crate::store::Store;

#[derive(clap::Args, Clone)]
pub struct ServeArgs {
    /// The database file (created empty if missing).
    #[arg(long, value_name = "PATH", default_value = "dyad.db")]
    pub db: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Worker threads.
    #[arg(long, default_value_t = 4)]
    pub threads: usize,
    /// Interrupt a database query after this many milliseconds.
    #[arg(long, default_value_t = 5000)]
    pub query_timeout_ms: u64,
    /// Largest request body accepted, in bytes (the ingest endpoint's JSON Lines).
    #[arg(long, default_value_t = 16 << 20)]
    pub max_body: usize,
    /// Enable `POST /api/ingest` with the token in FILE (else from `DYAD_TOKEN`, if set).
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Date of ingested articles that have none (YYYY-MM-DD); default: today.
    #[arg(long)]
    pub date: Option<String>,
}

/// What every worker shares.
pub struct Shared {
    pub db: PathBuf,
    pub token: Option<String>,
    pub max_body: usize,
    pub query_timeout: Duration,
    /// The dictionaries: for ingest, and for country names on the map.
    pub kb: Knowledge,
    pub default_date: crate::model::Date,
    /// Serialises writers.
    pub write_lock: Mutex<()>,
}

/// A read-only connection with a query deadline.
pub struct Worker {
    pub store: Store,
    deadline: Arc<AtomicU64>,
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

impl Worker {
    pub fn new(shared: &Shared) -> crate::store::Result<Worker> {
        let mut store = Store::open_read_only(&shared.db)?;
        let deadline = Arc::new(AtomicU64::new(u64::MAX));
        let d = deadline.clone();
        store.conn.progress_handler(10_000, Some(move || now_ms() > d.load(Ordering::Relaxed)))?;
        Ok(Worker { store, deadline })
    }

    fn arm(&self, timeout: Duration) {
        self.deadline.store(now_ms() + timeout.as_millis() as u64, Ordering::Relaxed);
    }

    fn disarm(&self) {
        self.deadline.store(u64::MAX, Ordering::Relaxed);
    }
}

/// A running server: its address and threads.
pub struct Running {
    pub addr: std::net::SocketAddr,
    server: Arc<Server>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Running {
    /// Waits for the workers (they run until [`Running::stop`] or the process ends).
    pub fn join(self) {
        for t in self.threads {
            let _ = t.join();
        }
    }

    pub fn stop(self) {
        for _ in &self.threads {
            self.server.unblock();
        }
        self.join();
    }
}

/// Starts the server on `bind` with `threads` workers.
pub fn start(shared: Shared, bind: &str, threads: usize) -> Result<Running, String> {
    if !shared.db.exists() {
        Store::open(&shared.db).map_err(|e| e.to_string())?;
    }
    // Fail early on an unreadable database.
    Worker::new(&shared).map_err(|e| e.to_string())?;
    let server = Server::http(bind).map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let addr = server.server_addr().to_ip().ok_or("not an IP address")?;
    let server = Arc::new(server);
    let shared = Arc::new(shared);
    let mut handles = Vec::new();
    for _ in 0..threads.max(1) {
        let (server, shared) = (server.clone(), shared.clone());
        handles.push(std::thread::spawn(move || {
            let worker = match Worker::new(&shared) {
                Ok(w) => w,
                Err(e) => {
                    eprintln!("dyad serve: {e}");
                    return;
                }
            };
            while let Ok(req) = server.recv() {
                handle(&shared, &worker, req);
            }
        }));
    }
    Ok(Running { addr, server, threads: handles })
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// A response body with its status and content type.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(status: u16, v: &serde_json::Value) -> Reply {
        Reply { status, content_type: "application/json", body: serde_json::to_vec(v).unwrap_or_default() }
    }

    pub fn error(status: u16, message: &str) -> Reply {
        Reply::json(status, &serde_json::json!({"error": message, "status": status}))
    }
}

fn handle(shared: &Shared, worker: &Worker, mut req: Request) {
    let started = std::time::Instant::now();
    let method = req.method().as_str().to_string();
    let url = req.url().to_string();
    let reply = if url.len() > 4096 {
        Reply::error(414, "URL longer than 4096 bytes")
    } else {
        worker.arm(shared.query_timeout);
        let r = api::route(shared, worker, &mut req, &method, &url);
        worker.disarm();
        r
    };
    let status = reply.status;
    let response = Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_header(header("Content-Type", reply.content_type))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Cache-Control", "no-store"));
    let _ = req.respond(response);
    if std::env::var_os("DYAD_LOG").is_some() {
        eprintln!("dyad serve: {method} {url} {status} {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    }
}

fn read_token(args: &ServeArgs) -> Result<Option<String>, String> {
    let token = match &args.token_file {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read token file {}: {e}", p.display()))?
                .trim()
                .to_string(),
        ),
        None => std::env::var("DYAD_TOKEN").ok().map(|t| t.trim().to_string()),
    };
    match token {
        Some(t) if t.len() < 16 => Err("the ingest token must be at least 16 characters".into()),
        other => Ok(other.filter(|t| !t.is_empty())),
    }
}

pub fn main(args: &ServeArgs) -> ExitCode {
    let token = match read_token(args) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("dyad serve: {e}");
            return ExitCode::from(2);
        }
    };
    let default_date = match &args.date {
        Some(d) => match crate::model::Date::parse(d) {
            Some(d) => d,
            None => {
                eprintln!("dyad serve: '{d}' is not a date (YYYY-MM-DD)");
                return ExitCode::from(2);
            }
        },
        None => crate::pipeline::today(),
    };
    let shared = Shared {
        db: args.db.clone(),
        kb: Knowledge::builtin(),
        token,
        max_body: args.max_body,
        query_timeout: Duration::from_millis(args.query_timeout_ms),
        default_date,
        write_lock: Mutex::new(()),
    };
    let ingest = if shared.token.is_some() { "enabled (token)" } else { "disabled (read-only)" };
    match start(shared, &args.bind, args.threads) {
        Ok(running) => {
            eprintln!("dyad serve: http://{}/ (database {}; ingest {ingest})", running.addr, args.db.display());
            running.join();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dyad serve: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_past_the_deadline_are_interrupted() {
        let dir = std::env::temp_dir().join(format!("dyad-serve-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("t.db");
        Store::open(&db).unwrap();
        let shared = Shared {
            db,
            token: None,
            max_body: 1024,
            query_timeout: Duration::from_secs(5),
            kb: Knowledge::from_files(Vec::new(), Vec::new()),
            default_date: crate::model::Date::new(2024, 10, 2).unwrap(),
            write_lock: Mutex::new(()),
        };
        let w = Worker::new(&shared).unwrap();
        let long =
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) FROM c";
        let count = |w: &Worker| w.store.conn.query_row(long, [], |r| r.get::<_, i64>(0));
        // Without a deadline the query runs to the end.
        assert_eq!(count(&w).unwrap(), 2_000_000);
        // With a deadline already past, the first progress check interrupts it.
        w.deadline.store(0, Ordering::Relaxed);
        let err = count(&w).unwrap_err();
        assert_eq!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::OperationInterrupted), "{err}");
        w.disarm();
        assert_eq!(w.store.count_events(&crate::store::query::Filter::new()).unwrap(), 0);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
