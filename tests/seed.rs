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

/// The context stage on the seed report: where, how much, when, which agreements.
#[test]
fn seed_report_context() {
    let Some(article) = seed_articles() else { return };
    let events = article["events"].as_array().unwrap();
    // the visit is located in Astana
    let visit = events.iter().find(|e| s(&e["code"]) == "042").expect("a visit event");
    let geo = &visit["geo"];
    assert_eq!(s(&geo["name"]), "Astana", "visit geo: {geo}");
    assert_eq!((s(&geo["country_code"]), s(&geo["fips"]), geo["type"].as_u64()), ("KZ", "KZ", Some(4)));
    assert!((geo["lat"].as_f64().unwrap() - 51.18).abs() < 0.1 && (geo["lon"].as_f64().unwrap() - 71.45).abs() < 0.1);
    assert!(!s(&geo["feature_id"]).is_empty() && s(&geo["adm1"]).starts_with("KZ"));
    let locations = article["locations"].as_array().unwrap();
    assert!(locations.iter().any(|l| s(&l["text"]) == "Astana" && l["locative"] == true), "{locations:?}");
    // every event has its own date (the article date here)
    assert!(events.iter().all(|e| s(&e["date"]) == "2024-10-02"));

    // the two figures, with their measures and the year they refer to (last year = 2023)
    let amounts = article["amounts"].as_array().unwrap();
    let money: Vec<&serde_json::Value> = amounts.iter().filter(|a| s(&a["currency"]) == "USD").collect();
    assert_eq!(money.len(), 2, "{amounts:?}");
    let year = |a: &serde_json::Value| (s(&a["period"]["start"]).to_string(), s(&a["period"]["end"]).to_string());
    let trade = money.iter().find(|a| s(&a["measure"]) == "trade").expect("the trade figure");
    assert_eq!(trade["value"].as_f64(), Some(28.5e9));
    assert_eq!(s(&trade["text"]), "$28.5 billion");
    assert_eq!(year(trade), ("2023-01-01".to_string(), "2023-12-31".to_string()));
    assert_eq!(s(&trade["period"]["text"]), "last year");
    let investment = money.iter().find(|a| s(&a["measure"]) == "investment").expect("the investment figure");
    assert_eq!(investment["value"].as_f64(), Some(13e9));
    assert_eq!(s(&investment["qualifier"]), "more than");
    assert_eq!(year(investment), ("2023-01-01".to_string(), "2023-12-31".to_string()));
    for a in [trade, investment] {
        let actors: Vec<&str> = a["actors"].as_array().unwrap().iter().map(s).collect();
        assert!(actors.contains(&"RUS") && actors.contains(&"KAZ"), "{a}");
    }

    // the 20 agreements, between Russia and Kazakhstan, in the listed sectors
    let agreements = article["agreements"].as_array().unwrap();
    assert_eq!(agreements.len(), 1, "one set of agreements, mentioned three times: {agreements:?}");
    let ag = &agreements[0];
    assert_eq!(ag["count"].as_f64(), Some(20.0));
    let kinds: Vec<&str> = ag["kinds"].as_array().unwrap().iter().map(s).collect();
    assert_eq!(kinds, ["agreement", "memorandum"]);
    let mut parties: Vec<&str> = ag["parties"].as_array().unwrap().iter().map(s).collect();
    parties.sort();
    assert_eq!(parties, ["KAZ", "RUS"]);
    let sectors: Vec<&str> = ag["sectors"].as_array().unwrap().iter().map(s).collect();
    for want in [
        "industry",
        "energy",
        "oil and gas",
        "transport and logistics",
        "finance",
        "water",
        "education",
        "science",
        "culture",
    ] {
        assert!(sectors.contains(&want), "sector {want} missing: {sectors:?}");
    }
    assert_eq!(s(&ag["date"]), "2024-10-02");
    assert!(ag["evidence"].as_array().unwrap().len() >= 2);

    // projects tied to their actors
    let projects = article["projects"].as_array().unwrap();
    let bri = projects.iter().find(|p| s(&p["name"]).starts_with("Belt and Road Initiative")).expect("BRI");
    assert!(bri["actors"].as_array().unwrap().iter().any(|a| s(a) == "CHN"), "{bri}");
    let npp = projects.iter().find(|p| s(&p["name"]) == "nuclear power plant").expect("the nuclear power plant");
    let actors: Vec<&str> = npp["actors"].as_array().unwrap().iter().map(s).collect();
    assert!(actors.contains(&"RUS") && actors.contains(&"CHN"), "{npp}");
    assert_eq!(s(&npp["place"]["country_code"]), "KZ");

    // themes and tone
    let themes: Vec<&str> = article["themes"].as_array().unwrap().iter().map(|t| s(&t["theme"])).collect();
    for want in ["ENERGY", "TRADE", "INVESTMENT", "NUCLEAR", "OIL_GAS"] {
        assert!(themes.contains(&want), "theme {want} missing: {themes:?}");
    }
    assert!(article["tone"]["tone"].as_f64().unwrap() > 0.0, "a friendly visit reads positive: {}", article["tone"]);
}

/// The GDELT export carries the geography and the tone.
#[test]
fn seed_report_gdelt_geography() {
    if !Path::new(SEED).exists() {
        eprintln!("skipped: {SEED} is absent (the seed golden test needs ../shared)");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["code", "--format", "gdelt", "--date", "2024-10-02", SEED])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let visit: Vec<&str> =
        text.lines().map(|l| l.split('\t').collect::<Vec<_>>()).find(|f| f[26] == "042").expect("visit row").clone();
    assert_eq!(visit.len(), 61);
    assert!(visit[34].parse::<f64>().unwrap() > 0.0, "AvgTone");
    assert_eq!(
        &visit[51..59],
        &["4", "Astana, Astana Qalasy, Kazakhstan", "KZ", "KZ05", "", "51.1801", "71.4460", "1526273"]
    );
    assert_eq!(visit[35], "1"); // Actor1Geo_Type: the country of Russia's president
    assert_eq!(visit[37], "RS"); // FIPS
}

/// `dyad dossier RUS KAZ` on the seed report.
#[test]
fn seed_report_dossier() {
    if !Path::new(SEED).exists() {
        eprintln!("skipped: {SEED} is absent (the seed golden test needs ../shared)");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["dossier", "RUS", "KAZ", "--json", "--date", "2024-10-02", SEED])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(d["events"].as_u64().unwrap() >= 5, "{d}");
    assert!(d["avg_goldstein"].as_f64().unwrap() > 0.0);
    assert_eq!(d["agreements"][0]["count"].as_f64(), Some(20.0));
    let measures: Vec<&str> = d["figures"].as_array().unwrap().iter().map(|f| s(&f["measure"])).collect();
    assert!(measures.contains(&"trade") && measures.contains(&"investment"), "{measures:?}");
    assert_eq!(s(&d["figures"][0]["source"]["article"]), "seed-kazakhstan-russia.txt");
    let text = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["dossier", "RUS", "KAZ", "--date", "2024-10-02", SEED])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Agreements: 1") && text.contains("28.5 billion USD"), "{text}");
}
