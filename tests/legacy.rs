//! The legacy engine end to end: TABARI and PETRARCH2 dictionaries through the `dyad`
//! binary, and the suites in `../shared` (skipped with a message when absent).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn tmpdir(name: &str) -> common::TempDir {
    common::TempDir::new("dyad-legacy", name)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ACTORS: &str =
    "ARNOR  [ARN]\nGONDOR\n+MINAS_TIRITH\n\t[GON]\nGOLLUM\n\t[HOB <950601]\n\t[HOBGOV >950601]\nBROKEN [ARN\n";
const VERBS: &str = "RESTOR  [064]\n- NOT * RELATIONS  [112]\nLEFT_ [032:033]\n- * FOR { A | B  [111]\n";

fn write_tabari(dir: &Path) {
    std::fs::write(dir.join("demo.actors"), ACTORS).unwrap();
    std::fs::write(dir.join("demo.verbs"), VERBS).unwrap();
    std::fs::write(dir.join("demo.agents"), "GOVERNMENT_ [~GOV]\n").unwrap();
    std::fs::write(dir.join("LICENSE"), "not a dictionary\n").unwrap();
}

#[test]
fn a_tabari_directory_is_recognised_and_coded() {
    let dir = tmpdir("tabari");
    write_tabari(&dir);
    let input = dir.join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"a\",\"date\":\"19950101\",\"text\":\"The Gollum government left for Minas Tirith on Monday.\"}\n\
         {\"id\":\"b\",\"date\":\"19990101\",\"text\":\"Gollum restored ties with Arnor.\"}\n",
    )
    .unwrap();
    let out = dyad().args(["code", "-f", "events", "--dictionaries"]).arg(&dir).arg(&input).output().unwrap();
    let events: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let triples: Vec<(String, String, String)> = events
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap().into(),
                e["target"].as_str().unwrap().into(),
                e["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(triples.contains(&("HOBGOV".into(), "GON".into(), "032".into())), "{triples:?}");
    assert!(triples.contains(&("GON".into(), "HOBGOV".into(), "033".into())), "{triples:?}");
    assert!(triples.contains(&("HOBGOV".into(), "ARN".into(), "064".into())), "{triples:?}");
    // Broken lines are reported with file and line; loading went on.
    let err = stderr(&out);
    assert!(err.contains("demo.actors:8"), "{err}");
    assert!(err.contains("demo.verbs:4"), "{err}");
}

#[test]
fn per_kind_flags_load_single_files() {
    let dir = tmpdir("flags");
    write_tabari(&dir);
    let out = dyad()
        .args(["code", "-f", "events", "--date", "1995-01-01", "--verbs"])
        .arg(dir.join("demo.verbs"))
        .arg("--actors")
        .arg(dir.join("demo.actors"))
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(b"Arnor is about to restore full diplomatic ties with Gondor.")?;
            c.wait_with_output()
        })
        .unwrap();
    let s = stdout(&out);
    assert!(
        s.contains("\"source\":\"ARN\"") && s.contains("\"target\":\"GON\"") && s.contains("\"code\":\"064\""),
        "{s}"
    );
}

#[test]
fn dict_check_reports_legacy_problems() {
    let dir = tmpdir("check");
    write_tabari(&dir);
    let out = dyad().args(["dict", "check", "--dictionaries"]).arg(&dir).output().unwrap();
    let s = stdout(&out);
    assert!(s.contains("demo.actors:8"), "{s}");
    assert!(s.contains("legacy dictionaries: 3 files"), "{s}");
    assert!(!out.status.success());
}

fn shared(path: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(path);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found (the shared data sits beside the repository)", p.display());
        None
    }
}

/// The exact-match share from an eval report's `total` line.
fn exact(report: &str) -> f64 {
    let line = report.lines().find(|l| l.starts_with("total")).unwrap();
    let pct = line.split('(').nth(1).unwrap().split('%').next().unwrap();
    pct.parse().unwrap()
}

#[test]
fn tabari_validation_suite() {
    let (Some(suite), Some(dicts)) = (shared("eval/tabari/validate.jsonl"), shared("eval/tabari/dictionaries")) else {
        return;
    };
    let out = dyad().arg("eval").arg(&suite).arg("--dictionaries").arg(&dicts).output().unwrap();
    let report = stdout(&out);
    // 15 of the 417 records depend on settings the suite's control records made and the JSON
    // conversion dropped (the DEFAULT codes, comma-clause lengths, CODE BY SENTENCE).
    assert!(exact(&report) >= 90.0, "{report}");
}

#[test]
fn phoenix_dictionaries_load_and_code() {
    let (Some(suite), Some(dicts)) = (shared("eval/gigaword-petr2/sample.jsonl"), shared("dicts/phoenix")) else {
        return;
    };
    let out = dyad().args(["dict", "check", "--dictionaries"]).arg(&dicts).output().unwrap();
    let s = stdout(&out);
    let summary = s.lines().find(|l| l.starts_with("legacy dictionaries")).unwrap();
    assert!(summary.contains("7 files"), "{summary}");
    // Every reported problem names a file and line.
    for l in s.lines().filter(|l| !l.starts_with("legacy")) {
        let mut parts = l.splitn(3, ':');
        let (file, line) = (parts.next().unwrap(), parts.next().unwrap_or(""));
        assert!(file.ends_with(".txt") && line.parse::<usize>().is_ok(), "{l}");
    }
    let out = dyad().arg("eval").arg(&suite).arg("--dictionaries").arg(&dicts).output().unwrap();
    let report = stdout(&out);
    // Agreement with PETRARCH2's own coding of the sample (74.1% when this was written; three
    // of its codings are PETRARCH2's mistakes).
    assert!(exact(&report) >= 70.0, "{report}");
}
