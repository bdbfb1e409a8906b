//! The `dyad` binary end to end: formats, streaming from stdin, and bad input.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn tmpdir(name: &str) -> common::TempDir {
    common::TempDir::new("dyad-test", name)
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child =
        dyad().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

const VISIT: &str = "Russian President Vladimir Putin visited Kazakhstan on Wednesday.";

#[test]
fn codes_jsonl_from_stdin() {
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "a1", "date": "2024-10-02", "text": VISIT}),
        serde_json::json!({"id": "a2", "date": "20241003", "text": "Kazakh officials hosted Chinese Foreign Minister Wang Yi in Astana."})
    );
    let out = run_stdin(&["code", "-", "-f", "events"], input.as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events = lines(&out);
    let triples: Vec<(String, String, String, String)> = events
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (s("doc_id"), s("source"), s("code"), s("target"))
        })
        .collect();
    assert!(triples.contains(&("a1".into(), "RUSGOV".into(), "042".into(), "KAZ".into())), "{triples:?}");
    let e = &events[0];
    for key in [
        "sentence",
        "root_code",
        "quad_class",
        "goldstein",
        "plover",
        "date",
        "source_text",
        "target_text",
        "trigger",
        "evidence",
        "rule",
    ] {
        assert!(!e[key].is_null(), "missing {key} in {e}");
    }
    // Spans are character offsets into the evidence sentence.
    let sentence: Vec<char> = e["evidence"]["sentence"].as_str().unwrap().chars().collect();
    let span = &e["evidence"]["trigger"];
    let (a, b) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
    assert_eq!(sentence[a..b].iter().collect::<String>(), e["trigger"].as_str().unwrap());
}

#[test]
fn articles_format_has_every_field() {
    let input = serde_json::json!({"id": "a1", "date": "2024-10-02", "title": "T", "text": VISIT}).to_string();
    let out = run_stdin(&["code", "-", "-f", "articles"], input.as_bytes());
    let arts = lines(&out);
    assert_eq!(arts.len(), 1);
    for key in ["id", "date", "title", "events", "actors", "locations", "amounts", "themes", "agreements"] {
        assert!(!arts[0][key].is_null(), "missing {key}");
    }
    let actors = arts[0]["actors"].as_array().unwrap();
    assert!(
        actors.iter().any(|a| a["code"] == "RUSGOV" && a["text"] == "Russian President Vladimir Putin"),
        "{actors:?}"
    );
}

#[test]
fn gdelt_rows_have_61_columns() {
    let input = serde_json::json!({"id": "a1", "date": "2024-10-02", "url": "https://example.org/a1", "text": VISIT})
        .to_string();
    let out = run_stdin(&["code", "-", "-f", "gdelt"], input.as_bytes());
    let text = String::from_utf8(out.stdout).unwrap();
    let row: Vec<&str> = text.lines().next().expect("one row").split('\t').collect();
    assert_eq!(row.len(), 61);
    assert_eq!(row[1], "20241002");
    assert_eq!((row[5], row[7], row[12]), ("RUSGOV", "RUS", "GOV"));
    assert_eq!((row[15], row[17]), ("KAZ", "KAZ"));
    assert_eq!((row[26], row[28], row[29]), ("042", "04", "1"));
    assert_eq!(row[60], "https://example.org/a1");
}

#[test]
fn bad_input_is_reported_counted_and_skipped() {
    let dir = tmpdir("bad");
    let mut jsonl = Vec::new();
    jsonl.extend_from_slice(
        serde_json::json!({"id": "good1", "date": "2024-10-02", "text": VISIT}).to_string().as_bytes(),
    );
    jsonl.extend_from_slice(b"\n{this is not json\n");
    jsonl.extend_from_slice(b"{\"id\": \"bad-utf8\", \"text\": \"caf\xff\"}\n");
    jsonl.extend_from_slice(b"{\"id\": \"empty\", \"text\": \"\"}\n");
    jsonl.extend_from_slice(b"{\"text\": \"no id\"}\n");
    jsonl.extend_from_slice(b"\n");
    jsonl.extend_from_slice(
        serde_json::json!({"id": "good2", "date": "2024-10-02", "text": VISIT}).to_string().as_bytes(),
    );
    jsonl.extend_from_slice(b"\n");
    std::fs::write(dir.join("mixed.jsonl"), &jsonl).unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Putin visited Kazakhstan \xe9t\xe9.\n").unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    // A 10 MB article on one line, with no sentence punctuation.
    let big = "word ".repeat(2_000_000);
    std::fs::write(dir.join("big.jsonl"), serde_json::json!({"id": "big", "text": big}).to_string()).unwrap();

    let out = dyad().args(["code", "-f", "articles", "--date", "2024-10-02"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "the run goes on and succeeds");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let ids: Vec<String> = lines(&out).iter().map(|a| a["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["big", "latin1.txt", "good1", "good2"]);
    assert!(stderr.contains("mixed.jsonl:2: malformed JSON"), "{stderr}");
    assert!(stderr.contains("mixed.jsonl:3: invalid UTF-8"), "{stderr}");
    assert!(stderr.contains("mixed.jsonl:4 (empty): empty article"), "{stderr}");
    assert!(stderr.contains("mixed.jsonl:5: record has no \"id\""), "{stderr}");
    assert!(stderr.contains("empty.txt: empty article"), "{stderr}");
    assert!(stderr.contains("latin1.txt:1: invalid UTF-8"), "{stderr}");
    assert!(stderr.contains("5 records skipped, 1 warnings"), "{stderr}");

    // --strict turns skipped records into a failure; the output is still complete.
    let out = dyad().args(["code", "-q", "--strict", "-f", "events"]).arg(dir.join("mixed.jsonl")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out).len(), 2);
}

#[test]
fn nothing_readable_fails() {
    let out = dyad().args(["code", "-q", "/nonexistent/file.jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = dyad().args(["code"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn plain_text_on_stdin_is_one_article() {
    let out = run_stdin(&["code", "-", "-f", "events", "--date", "2024-10-02"], VISIT.as_bytes());
    let events = lines(&out);
    assert!(events.iter().any(|e| e["doc_id"] == "stdin" && e["code"] == "042"), "{events:?}");
}

#[test]
fn dict_check_passes_on_builtin_dictionaries() {
    let out = dyad().args(["dict", "check"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("CAMEO codes with patterns"), "{text}");
}

#[test]
fn broken_user_dictionary_names_file_and_line() {
    let dir = tmpdir("dict");
    std::fs::write(
        dir.join("actors.txt"),
        "country RUS Russia\n  adjectives = Russian\n  capital = Moscow\nperson Vladimir Putin\n  names = Putin\n  role = RUSGOV 2012-13-07.. president\ncountry KAZ Kazakhstan\n  capital = Astana\n",
    )
    .unwrap();
    std::fs::write(dir.join("verbs.txt"), "042: VISIT +\n999: FROB\n").unwrap();
    let input = serde_json::json!({"id": "x", "date": "2024-10-02", "text": "Russia visited Kazakhstan."}).to_string();
    let out = run_stdin(&["code", "-", "-f", "events", "--dictionaries", dir.to_str().unwrap()], input.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("actors.txt:6: "), "{stderr}");
    assert!(stderr.contains("verbs.txt:2: '999' is not a CAMEO event code"), "{stderr}");
    let events = lines(&out);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!((events[0]["source"].as_str(), events[0]["target"].as_str()), (Some("RUS"), Some("KAZ")));
}

#[test]
fn parse_text_prints_conllu_trees() {
    let out = run_stdin(&["parse", "-q"], b"Putin visited Kazakhstan on Wednesday. He met Tokayev.\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let sentences: Vec<&str> = text.split("\n\n").filter(|s| !s.trim().is_empty()).collect();
    assert_eq!(sentences.len(), 2);
    for s in sentences {
        let words: Vec<Vec<&str>> =
            s.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect()).collect();
        assert!(words.iter().all(|w| w.len() == 10));
        assert_eq!(words.iter().filter(|w| w[6] == "0").count(), 1, "one root in {s}");
    }
    assert!(text.contains("# text = Putin visited Kazakhstan on Wednesday."));
}

#[test]
fn parse_conllu_keeps_tokens_and_skips_bad_sentences() {
    let input = "# text = I don't know.\n1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n4\tknow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n1\tbroken line\n\n";
    let out = run_stdin(&["parse", "--format", "conllu", "-"], input.as_bytes());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "# text = I don't know.");
    assert!(lines[2].starts_with("2-3\tdon't\t"));
    let forms: Vec<&str> = lines[1..].iter().filter(|l| !l.is_empty()).map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(forms, ["I", "don't", "do", "n't", "know", "."]);
    assert!(lines[5].ends_with("SpaceAfter=No"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("stdin:9:"), "{err}");
    assert!(err.contains("1 skipped"), "{err}");
}

#[test]
fn events_name_each_sides_country_in_iso() {
    // CAMEO's ROM is ISO's ROU; an international body has no country.
    let input = serde_json::json!({"id": "r", "date": "2023-10-26", "text": "Romania condemned Russia. NATO criticised Serbia."});
    let out = run_stdin(&["code", "-", "-f", "events"], format!("{input}\n").as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let countries: Vec<(serde_json::Value, serde_json::Value)> =
        lines(&out).iter().map(|e| (e["source_country"].clone(), e["target_country"].clone())).collect();
    assert_eq!(
        countries,
        [(serde_json::json!("ROU"), serde_json::json!("RUS")), (serde_json::Value::Null, serde_json::json!("SRB"))]
    );
}
