//! The store end to end through the binary: ingest (idempotent, crash-safe: a real ingest
//! process is killed midway and rerun), deduplication, query and export.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dyad::store::Store;

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn tmpdir(name: &str) -> common::TempDir {
    common::TempDir::new("dyad-store-test", name)
}

const COUNTRIES: [&str; 12] = [
    "Russia",
    "Kazakhstan",
    "China",
    "Pakistan",
    "Iran",
    "Turkey",
    "Japan",
    "France",
    "Germany",
    "Brazil",
    "Egypt",
    "India",
];
const VERBS: [&str; 4] = ["criticized", "accused", "sent aid to", "demanded money from"];

/// A synthetic corpus: `n` articles over a few days, each reporting events that other
/// articles also report (so events have several mentions and sources), plus exact
/// duplicates under other ids, repeated ids, and malformed lines.
fn corpus(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let a = COUNTRIES[i % COUNTRIES.len()];
        let b = COUNTRIES[(i / COUNTRIES.len() + 1 + i) % COUNTRIES.len()];
        let b = if a == b { COUNTRIES[(i + 5) % COUNTRIES.len()] } else { b };
        let verb = VERBS[i % VERBS.len()];
        let day = 1 + (i % 5);
        let text = format!(
            "{a} {verb} {b} on Monday, report number {i} says.\n{b} {} {a} later. Officials met in the capital.",
            VERBS[(i + 1) % VERBS.len()]
        );
        let rec = serde_json::json!({
            "id": format!("art-{i}"),
            "date": format!("2024-10-0{day}"),
            "source": format!("outlet-{}", i % 7),
            "text": text,
        });
        out.push_str(&rec.to_string());
        out.push('\n');
        if i % 97 == 0 {
            // Same text, other id and spacing: a content duplicate.
            let dup = serde_json::json!({"id": format!("copy-{i}"), "date": format!("2024-10-0{day}"),
                "text": text.replace('\n', "\n\n")});
            out.push_str(&dup.to_string());
            out.push('\n');
        }
        if i % 101 == 0 {
            // Same id, other text: an id duplicate.
            let dup = serde_json::json!({"id": format!("art-{i}"), "text": "Egypt criticized Brazil."});
            out.push_str(&dup.to_string());
            out.push('\n');
        }
        if i % 503 == 0 {
            out.push_str("{\"id\": \"broken\", \"text\": \n");
        }
    }
    out
}

/// Everything that must be identical between two databases holding the same articles
/// (ingest times apart).
fn snapshot(db: &Path) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let s = Store::open_read_only(db).unwrap();
    let strings = |sql: &str| -> BTreeSet<String> {
        let mut st = s.conn.prepare(sql).unwrap();
        st.query_map([], |r| r.get::<_, String>(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    (
        strings("SELECT id || '|' || hash FROM articles"),
        strings(
            "SELECT key || '|' || num_mentions || '|' || num_sources || '|' || num_articles || '|' || is_root FROM events",
        ),
        strings(
            "SELECT e.key || '|' || m.doc_id || '|' || m.sentence || '|' || m.source_start || '-' || m.source_end || '|'
               || m.target_start || '-' || m.target_end || '|' || m.trigger_start || '|' || m.confidence
             FROM mentions m JOIN events e ON e.event_id = m.event_id",
        ),
    )
}

fn ingest(db: &Path, input: &Path, batch: usize) -> std::process::Output {
    dyad()
        .args(["ingest", "--quiet", "--date", "2024-10-01", "--batch", &batch.to_string(), "--db"])
        .arg(db)
        .arg(input)
        .output()
        .unwrap()
}

fn articles_in(db: &Path) -> Option<i64> {
    let s = Store::open_read_only(db).ok()?;
    s.conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).ok()
}

#[test]
fn killed_ingest_rerun_loses_nothing_and_duplicates_nothing() {
    let dir = tmpdir("kill");
    let input = dir.join("corpus.jsonl");
    let n = 20_000;
    std::fs::write(&input, corpus(n)).unwrap();

    // Reference: one uninterrupted ingest.
    let reference = dir.join("reference.db");
    let out = ingest(&reference, &input, 500);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let want = snapshot(&reference);
    assert_eq!(want.0.len(), n, "every distinct article is stored once");
    assert!(!want.1.is_empty() && want.2.len() > want.1.len(), "events have several mentions");

    // A real ingest process, killed (SIGKILL) once some batches are committed.
    let db = dir.join("killed.db");
    let mut child = dyad()
        .args(["ingest", "--quiet", "--date", "2024-10-01", "--batch", "50", "--db"])
        .arg(&db)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut at_kill = 0;
    while started.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if let Some(c) = articles_in(&db)
            && c > 0
        {
            child.kill().unwrap();
            at_kill = c;
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let status = child.wait().unwrap();
    assert!(!status.success(), "the ingest was killed, not finished ({at_kill} articles stored when killed)");
    let partial = articles_in(&db).unwrap();
    assert!(partial > 0 && (partial as usize) < n, "killed midway: {partial} of {n} articles stored");
    assert_eq!(partial % 50, 0, "only whole batches are committed: {partial}");

    // Rerun to completion, then once more: same database as the uninterrupted run.
    let out = ingest(&db, &input, 50);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(snapshot(&db), want);
    let out = dyad().args(["ingest", "--date", "2024-10-01", "--db"]).arg(&db).arg(&input).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(" 0 stored,"), "a third run stores nothing: {err}");
    assert!(err.contains("malformed JSON"), "malformed lines are reported: {err}");
    assert_eq!(snapshot(&db), want);
    let _ = std::fs::remove_dir_all(&dir);
}

fn stdout_of(args: &[&str], db: &Path) -> String {
    let out = dyad().args(args).arg("--db").arg(db).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn dedup_query_and_export() {
    let dir = tmpdir("query");
    let input = dir.join("in.jsonl");
    let lines = [
        serde_json::json!({"id": "r1", "date": "2024-10-02", "source": "Reuters",
            "text": "Russia criticized Kazakhstan in Astana on Monday. Russia demanded money from Kazakhstan."}),
        serde_json::json!({"id": "t1", "date": "2024-10-02", "source": "TASS",
            "text": "Officials said Russia criticized Kazakhstan.", "url": "https://tass.example/1"}),
        serde_json::json!({"id": "r2", "date": "2024-10-02", "source": "Reuters",
            "text": "Once more, Russia criticized Kazakhstan."}),
        serde_json::json!({"id": "x1", "date": "2024-11-05", "text": "China sent aid to Pakistan."}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect::<String>() + "not json\n";
    std::fs::write(&input, body).unwrap();
    let db = dir.join("q.db");
    let out = dyad().args(["ingest", "--db"]).arg(&db).arg(&input).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("in.jsonl:5: malformed JSON"), "{err}");
    assert!(err.contains("4 stored") && err.contains("1 records skipped"), "{err}");

    let rows: Vec<serde_json::Value> =
        stdout_of(&["query", "--dyad", "RUS,KAZ", "--code", "111", "-f", "json", "--mentions"], &db)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    assert_eq!(rows.len(), 1, "three reports of one event are one event: {rows:?}");
    let e = &rows[0];
    assert_eq!(
        (e["num_mentions"].as_i64(), e["num_articles"].as_i64(), e["num_sources"].as_i64()),
        (Some(3), Some(3), Some(2))
    );
    assert_eq!(e["place"], "Astana");
    let mentions = e["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 3);
    for m in mentions {
        let chars: Vec<char> = m["sentence_text"].as_str().unwrap().chars().collect();
        let span = |k: &str| -> String {
            let s = m[k].as_array().unwrap();
            chars[s[0].as_u64().unwrap() as usize..s[1].as_u64().unwrap() as usize].iter().collect()
        };
        assert_eq!(span("source_span"), "Russia");
        assert_eq!(span("target_span"), "Kazakhstan");
        assert_eq!(span("trigger_span"), "criticized");
        assert!(m["confidence"].as_f64().unwrap() > 0.0);
    }

    // Filters.
    let count = |args: &[&str]| -> i64 {
        let mut a = vec!["query", "--count"];
        a.extend_from_slice(args);
        stdout_of(&a, &db).trim().parse().unwrap()
    };
    let all = count(&[]);
    assert!(all >= 2, "{all}");
    assert_eq!(count(&["--actor", "CHN"]), 1);
    assert_eq!(count(&["--country", "PAK"]), 1);
    assert_eq!(count(&["--from", "2024-11-01"]), 1);
    assert_eq!(count(&["--to", "2024-10-31"]), all - 1);
    assert_eq!(count(&["--quad", "2"]), count(&["--root", "07"]));
    assert_eq!(count(&["--plover", "aid"]), 1);
    // The context stage places an event at the place named in its sentence, else at the
    // article's main place: both Astana events of the seed-like article.
    assert_eq!(count(&["--place", "Astana"]), 2);
    assert_eq!(count(&["--text", "Once more"]), 1);
    assert_eq!(count(&["--text", "nothing like this"]), 0);
    let csv = stdout_of(&["query", "-f", "csv"], &db);
    assert!(csv.starts_with("event_id,date,source"));
    assert_eq!(csv.lines().count() as i64, all + 1);
    let table = stdout_of(&["query"], &db);
    assert!(table.contains("RUS") && table.contains("KAZ"));

    // GDELT exports: one event row per event, one mention row per mention.
    let events = stdout_of(&["export", "-f", "gdelt-events"], &db);
    assert_eq!(events.lines().count() as i64, all);
    for l in events.lines() {
        assert_eq!(l.split('\t').count(), 61, "{l}");
    }
    let rus = events.lines().find(|l| l.contains("\tRUS\t") && l.split('\t').nth(26) == Some("111")).unwrap();
    let f: Vec<&str> = rus.split('\t').collect();
    assert_eq!((f[1], f[31], f[32], f[33]), ("20241002", "3", "2", "3"));
    let mentions = stdout_of(&["export", "-f", "gdelt-mentions"], &db);
    let (_, _, m) = Store::open_read_only(&db).unwrap().counts().unwrap();
    assert_eq!(mentions.lines().count() as i64, m);
    for l in mentions.lines() {
        assert_eq!(l.split('\t').count(), 16, "{l}");
    }
    assert!(mentions.contains("https://tass.example/1"));
    parquet_matches_jsonl(&db, &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn query_on_a_missing_database_says_so() {
    let dir = tmpdir("missing");
    let out = dyad().args(["query", "--db"]).arg(dir.join("none.db")).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such database"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The Parquet exports hold the same rows as the JSON Lines export, read back with the
/// parquet crate's own reader (an independent check with DuckDB is in the report).
#[cfg(feature = "parquet")]
fn parquet_matches_jsonl(db: &Path, dir: &Path) {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;

    let jsonl: Vec<serde_json::Value> =
        stdout_of(&["export", "-f", "jsonl"], db).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let path = dir.join("events.parquet");
    let out = dyad().args(["export", "-f", "parquet-events", "-o"]).arg(&path).arg("--db").arg(db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let reader = SerializedFileReader::try_from(path.as_path()).unwrap();
    let rows: Vec<parquet::record::Row> = reader.get_row_iter(None).unwrap().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), jsonl.len());
    let fields: Vec<String> = rows[0].get_column_iter().map(|(name, _)| name.clone()).collect();
    let col = |name: &str| fields.iter().position(|f| f == name).unwrap();
    for (row, want) in rows.iter().zip(&jsonl) {
        assert_eq!(row.get_long(col("event_id")).unwrap(), want["event_id"].as_i64().unwrap());
        assert_eq!(row.get_string(col("source")).unwrap(), want["source"].as_str().unwrap());
        assert_eq!(row.get_string(col("date")).unwrap(), want["date"].as_str().unwrap());
        assert_eq!(row.get_long(col("num_mentions")).unwrap(), want["num_mentions"].as_i64().unwrap());
        assert_eq!(row.get_double(col("goldstein")).unwrap(), want["goldstein"].as_f64().unwrap());
        // Coordinates when the context stage placed the event, else null.
        match want["lat"].as_f64() {
            Some(lat) => assert!((row.get_double(col("lat")).unwrap() - lat).abs() < 1e-6),
            None => assert!(row.get_double(col("lat")).is_err(), "no coordinates: null"),
        }
    }
    let path = dir.join("mentions.parquet");
    let out = dyad().args(["export", "-f", "parquet-mentions", "-o"]).arg(&path).arg("--db").arg(db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let reader = SerializedFileReader::try_from(path.as_path()).unwrap();
    let (_, _, m) = Store::open_read_only(db).unwrap().counts().unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), m);
    let out = dyad().args(["export", "-f", "parquet-events", "--db"]).arg(db).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("give -o FILE"));
}

#[cfg(not(feature = "parquet"))]
fn parquet_matches_jsonl(_db: &Path, _dir: &Path) {
    eprintln!("parquet export not built (feature `parquet` off); its test is skipped");
}
