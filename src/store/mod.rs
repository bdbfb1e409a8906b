//! Store stage: coded articles kept in an embedded SQLite database, one event per real-world
//! event.
//!
//! Tables (schema version [`SCHEMA_VERSION`], kept in SQLite's `user_version`):
//! - `articles`: one row per stored article, unique by `id` and by content `hash` (FNV-1a
//!   128 of the text with whitespace runs collapsed), with its text for evidence display;
//! - `events`: one row per (date, source, target, code): GDELT's event, with `num_mentions`,
//!   `num_sources`, `num_articles`, `first_seen`, `last_seen` recounted after every batch;
//! - `mentions`: every sentence that reported an event: doc id, sentence, character offsets
//!   of source, target and trigger (in the sentence, and the sentence's offset in the
//!   document), confidence, the rule that fired, and the place named in the sentence.
//!
//! Ingest is idempotent and crash-safe: each batch of articles is one transaction (WAL
//! journal), an article already present by id or content hash is skipped before coding, so a
//! killed ingest rerun on the same inputs finishes without loss or duplicates.

pub mod cli;
pub mod export;
pub mod ingest;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod query;

use std::path::Path;

use rusqlite::{Connection, OpenFlags, params};

pub use rusqlite;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA_V1: &str = r#"
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE,
    date TEXT,
    title TEXT,
    source TEXT,
    url TEXT,
    outlet TEXT NOT NULL,
    origin TEXT,
    text TEXT NOT NULL,
    sentences INTEGER NOT NULL,
    events INTEGER NOT NULL,
    added TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    event_id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    date TEXT,
    sqldate INTEGER,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    source_country TEXT NOT NULL,
    target_country TEXT NOT NULL,
    source_name TEXT NOT NULL,
    target_name TEXT NOT NULL,
    code TEXT NOT NULL,
    base_code TEXT NOT NULL,
    root_code TEXT NOT NULL,
    name TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    plover_type TEXT,
    plover_mode TEXT,
    plover_context TEXT,
    is_root INTEGER NOT NULL DEFAULT 0,
    place TEXT,
    place_country TEXT,
    lat REAL,
    lon REAL,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT,
    first_doc TEXT,
    source_url TEXT
);
CREATE INDEX IF NOT EXISTS events_date ON events(sqldate);
CREATE INDEX IF NOT EXISTS events_source ON events(source);
CREATE INDEX IF NOT EXISTS events_target ON events(target);
CREATE INDEX IF NOT EXISTS events_code ON events(code);
CREATE TABLE IF NOT EXISTS mentions (
    mention_id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(event_id),
    doc_id TEXT NOT NULL REFERENCES articles(id),
    sentence INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_text TEXT NOT NULL,
    source_start INTEGER NOT NULL,
    source_end INTEGER NOT NULL,
    target_start INTEGER NOT NULL,
    target_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    source_text TEXT NOT NULL,
    target_text TEXT NOT NULL,
    trigger TEXT NOT NULL,
    is_root INTEGER NOT NULL,
    confidence REAL NOT NULL,
    rule TEXT NOT NULL,
    roles TEXT NOT NULL,
    place TEXT,
    place_country TEXT,
    added TEXT NOT NULL,
    UNIQUE(event_id, doc_id, sentence)
);
CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
"#;

/// An error of the store, with what was being done.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(format!("database: {e}"))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A dyad database.
pub struct Store {
    pub conn: Connection,
}

impl Store {
    /// Opens (creating it if needed) a database for writing, in WAL mode, and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| StoreError(format!("cannot open {}: {e}", path.display())))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError(format!("{}: cannot switch to WAL mode (got {mode})", path.display())));
        }
        // NORMAL: a commit is durable once the WAL is synced at checkpoint; a crash loses at most
        // the last batches, never consistency. Checkpoints (each an fsync) every 64 MiB of WAL.
        conn.execute_batch(
            "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=16384; PRAGMA cache_size=-65536;",
        )?;
        migrate(&conn)?;
        Ok(Store { conn })
    }

    /// Opens an existing database read-only (the server's connections).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|e| StoreError(format!("cannot open {}: {e}", path.display())))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if v != SCHEMA_VERSION {
            return Err(StoreError(format!(
                "{}: schema version {v}, this dyad reads {SCHEMA_VERSION} (run `dyad ingest --db` on it once to migrate)",
                path.display()
            )));
        }
        Ok(Store { conn })
    }

    /// Is an article with this id or this content hash stored?
    pub fn has_article(&self, id: &str, hash: &str) -> Result<bool> {
        // Two indexed look-ups: SQLite would scan the table for `id = ?1 OR hash = ?2`.
        let mut st = self.conn.prepare_cached(
            "SELECT 1 FROM articles WHERE id = ?1 UNION ALL SELECT 1 FROM articles WHERE hash = ?2 LIMIT 1",
        )?;
        Ok(st.exists(params![id, hash])?)
    }

    /// Row counts: articles, events, mentions.
    pub fn counts(&self) -> Result<(i64, i64, i64)> {
        let c = |t: &str| -> Result<i64> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?)
        };
        Ok((c("articles")?, c("events")?, c("mentions")?))
    }
}

/// Brings the schema to [`SCHEMA_VERSION`]; refuses a database written by a newer dyad.
fn migrate(conn: &Connection) -> Result<()> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if v > SCHEMA_VERSION {
        return Err(StoreError(format!(
            "the database has schema version {v}; this dyad knows up to {SCHEMA_VERSION}: upgrade dyad"
        )));
    }
    if v < 1 {
        conn.execute_batch(&format!("BEGIN; {SCHEMA_V1} PRAGMA user_version = 1; COMMIT;"))?;
    }
    // Later versions: `if v < 2 { ... PRAGMA user_version = 2 }`, each in its own transaction.
    Ok(())
}

/// Content hash of an article's text: FNV-1a over 128 bits of the text with runs of
/// whitespace collapsed to one space and the ends trimmed, as 32 hex digits. Two copies of
/// one wire story that differ only in line breaks or spacing hash the same.
pub fn content_hash(text: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    let mut feed = |b: u8| {
        h ^= b as u128;
        h = h.wrapping_mul(PRIME);
    };
    let mut pending_space = false;
    let mut started = false;
    for word in text.split_whitespace() {
        if pending_space && started {
            feed(b' ');
        }
        for &b in word.as_bytes() {
            feed(b);
        }
        started = true;
        pending_space = true;
    }
    format!("{h:032x}")
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let d = crate::model::Date::from_days((secs / 86400) as i64);
    let s = secs % 86400;
    format!("{d}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_spacing_only() {
        let a = content_hash("Putin visited  Kazakhstan.\n\nTokayev met him.");
        assert_eq!(a, content_hash("  Putin visited Kazakhstan. Tokayev\tmet him.\n"));
        assert_ne!(a, content_hash("Putin visited Kazakhstan. Tokayev met them."));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn schema_is_versioned() {
        let dir = std::env::temp_dir().join(format!("dyad-store-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("v.db");
        let s = Store::open(&path).unwrap();
        let v: i64 = s.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let mode: String = s.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        s.conn.execute_batch("PRAGMA user_version = 99").unwrap();
        drop(s);
        let err = Store::open(&path).err().expect("a newer schema is refused");
        assert!(err.to_string().contains("schema version 99"), "{err}");
        assert!(Store::open_read_only(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
