//! Golden test on the seed report (`../shared/examples/seed-kazakhstan-russia.txt`).
//!
//! The report is others' text, so it is read from `../shared` (the test skips with a message
//! when it is absent) and the snapshot in `tests/golden/seed.events.tsv` keeps no sentence
//! text: one event a line, `sentence source code target trigger source-span target-span`.
//! Refresh the snapshot after a deliberate change with `DYAD_BLESS=1 cargo test --test seed`
//! and review the diff.

use std::path::Path;
use std::process::Command;

const SEED: &str = "../shared/examples/seed-kazakhstan-russia.txt";
const GOLDEN: &str = "tests/golden/seed.events.tsv";

fn seed_articles() -> Option<serde_json::Value> {
    if !Path::new(SEED).exists() {
        eprintln!("skipped: {SEED} is absent (the seed golden test needs ../shared)");
        return None;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["code", "--format", "articles", "--date", "2024-10-02", SEED])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let article = serde_json::from_str(lines.next().expect("one article")).unwrap();
    assert!(lines.next().is_none(), "one article per .txt file");
    Some(article)
}

fn s(v: &serde_json::Value) -> &str {
    v.as_str().unwrap_or("")
}

#[test]
fn seed_report_codes_the_visit() {
    let Some(article) = seed_articles() else { return };
    let events = article["events"].as_array().unwrap();
    let has = |src: &str, code: &dyn Fn(&str) -> bool, tgt: &str| {
        events
            .iter()
            .any(|e| s(&e["source"]).starts_with(src) && code(s(&e["code"])) && s(&e["target"]).starts_with(tgt))
    };
    let listing: Vec<String> =
        events.iter().map(|e| format!("{} {} {}", s(&e["source"]), s(&e["code"]), s(&e["target"]))).collect();
    assert!(has("KAZGOV", &|c| c == "043", "RUSGOV"), "Tokayev hosts Putin: {listing:?}");
    assert!(has("RUSGOV", &|c| c == "042", "KAZ"), "Putin visits Kazakhstan: {listing:?}");
    assert!(has("RUS", &|c| c == "057", "KAZ") || has("KAZ", &|c| c == "057", "RUS"), "the 20 agreements: {listing:?}");
    let cooperates = |c: &str| c.starts_with("03") || c.starts_with("06");
    assert!(has("RUS", &cooperates, "KAZ"), "Russia cooperates with Kazakhstan: {listing:?}");
    assert!(has("CHN", &cooperates, "KAZ"), "China cooperates with Kazakhstan: {listing:?}");
    assert!(events.len() <= 16, "over-coding: {} events: {listing:?}", events.len());
    for e in events {
        let (src, tgt) = (s(&e["source"]), s(&e["target"]));
        for code in [src, tgt] {
            assert!(
                ["RUS", "KAZ", "CHN"].contains(&&code[..3]),
                "an actor the report does not involve: {code} in {listing:?}"
            );
        }
        assert_ne!(src, tgt, "self-dyad");
        assert_ne!(&src[..3], &tgt[..3], "self-dyad: {src} {tgt}");
        assert_eq!(s(&e["date"]), "2024-10-02");
        assert!(!s(&e["rule"]["pattern"]).is_empty());
    }
}

#[test]
fn seed_report_matches_golden_snapshot() {
    let Some(article) = seed_articles() else { return };
    let mut got = String::new();
    for e in article["events"].as_array().unwrap() {
        let span = |k: &str| format!("{}-{}", e["evidence"][k]["start"], e["evidence"][k]["end"]);
        got.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            e["sentence"],
            s(&e["source"]),
            s(&e["code"]),
            s(&e["target"]),
            s(&e["trigger"]),
            span("source"),
            span("target")
        ));
    }
    if std::env::var_os("DYAD_BLESS").is_some() {
        std::fs::write(GOLDEN, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(GOLDEN).expect("golden file; create it with DYAD_BLESS=1");
    assert_eq!(got, want, "seed output changed; if deliberate, re-bless with DYAD_BLESS=1 and review the diff");
}
