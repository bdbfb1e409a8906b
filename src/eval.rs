//! `dyad eval`: codes an evaluation suite and scores it the way
//! `../shared/tools/score_events.py` does (that script stays the reference; `--predictions`
//! writes a file it can read, so the two can be compared).
//!
//! Suite records: `{"id","date","text","expected":[{"source","target","code"}],"evaluate",
//! "category"}`. Records with `"evaluate": false` are skipped; dates (`YYYYMMDD`) are honoured.
//! Events are (source, target, code) triples compared as multisets.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{BufRead, Write};

use serde::Deserialize;

use crate::coding::legacy::Forward;
use crate::model::{Article, Date};
use crate::pipeline::Engine;

#[derive(Deserialize)]
struct Expected {
    source: Option<String>,
    target: Option<String>,
    code: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Record {
    id: serde_json::Value,
    text: String,
    date: Option<String>,
    #[serde(default)]
    expected: Vec<Expected>,
    evaluate: Option<bool>,
    category: Option<String>,
    #[serde(default)]
    comment: Option<String>,
    /// The story the record's sentence belongs to; else read from a TABARI-style id.
    #[serde(default)]
    story: Option<serde_json::Value>,
}

/// The story of a record: its `story` field, else the id's `STORY-SSS` head when the id has the
/// TABARI `NAME-NNN-SSS` shape (`FRWD-001-002` is sentence 2 of story `FRWD-001`).
fn story_of(rec: &Record, id: &str) -> Option<String> {
    if let Some(s) = &rec.story {
        return Some(match s {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        });
    }
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let (head, sentence) = id.rsplit_once('-')?;
    let (_, number) = head.rsplit_once('-')?;
    (digits(sentence) && digits(number)).then(|| head.to_string())
}

/// TABARI option commands a control record carries (`OPTION: SET: MINIMUM WORDS = 4`, in its
/// text or comment): each is an options-file line.
fn option_commands(rec: &Record) -> Vec<String> {
    let mut out = Vec::new();
    for field in [Some(&rec.text), rec.comment.as_ref()].into_iter().flatten() {
        let mut rest = field.as_str();
        while let Some(i) = rest.find("OPTION:") {
            rest = &rest[i + "OPTION:".len()..];
            let end = rest.find(['}', '#', '\n']).unwrap_or(rest.len());
            out.push(rest[..end].trim().to_string());
        }
    }
    out
}

/// `SET:` commands an evaluated record's comment says it needs ("Requires SET: CODE ALL",
/// "Options file should SET: CODE ALL"): they hold for that record only.
fn required_settings(rec: &Record) -> Vec<String> {
    let Some(c) = &rec.comment else { return Vec::new() };
    let upper = c.to_uppercase();
    let mut out = Vec::new();
    for cue in ["REQUIRES SET:", "SHOULD SET:"] {
        let mut from = 0;
        while let Some(i) = upper[from..].find(cue) {
            let start = from + i + cue.len() - "SET:".len();
            let words: Vec<&str> =
                upper[start..].split_whitespace().take_while(|w| !w.starts_with(['[', '#'])).collect();
            // `SET: CODE ALL`, `SET: CODE BY SENTENCE`, `SET: MINIMUM WORDS = 5`.
            let line = words.iter().take(5).copied().collect::<Vec<_>>().join(" ");
            out.push(line);
            from = start + 4;
        }
    }
    out
}

/// Applies option-file lines to the engine's legacy options.
fn apply_options(engine: &mut Engine, lines: &[String], origin: &str, errors: &mut Vec<String>) {
    let Some(options) = engine.legacy_options_mut() else { return };
    let mut diags = Vec::new();
    for line in lines {
        let mut probe = options.clone();
        crate::knowledge::legacy::options::parse(origin, line, &mut probe, &mut diags);
        // Only the settings the coder follows; anything else is left as it was.
        options.code_by = probe.code_by;
        options.minimum_words = probe.minimum_words;
        options.default_source = probe.default_source;
        options.default_target = probe.default_target;
    }
    errors.extend(diags.iter().map(|d| d.to_string()));
}

type Triple = (String, String, String);

/// Counts over a set of records.
#[derive(Default, Clone, Copy, Debug)]
pub struct Counts {
    pub records: usize,
    pub exact: usize,
    pub tp: usize,
    pub npred: usize,
    pub ngold: usize,
    pub tp_root: usize,
}

fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 { tp as f64 / npred as f64 } else { 1.0 };
    let r = if ngold > 0 { tp as f64 / ngold as f64 } else { 1.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

impl Counts {
    pub fn line(&self, name: &str) -> String {
        let (p, r, f) = prf(self.tp, self.npred, self.ngold);
        let (rp, rr, _) = prf(self.tp_root, self.npred, self.ngold);
        let pct = if self.records > 0 { 100.0 * self.exact as f64 / self.records as f64 } else { 0.0 };
        format!(
            "{name:<12} exact {}/{} ({pct:.1}%)  P={p:.3} R={r:.3} F1={f:.3}  root P={rp:.3} R={rr:.3}",
            self.exact, self.records
        )
    }
    fn add(&mut self, o: &Counts) {
        self.records += o.records;
        self.exact += o.exact;
        self.tp += o.tp;
        self.npred += o.npred;
        self.ngold += o.ngold;
        self.tp_root += o.tp_root;
    }
}

fn multiset(v: &[Triple]) -> HashMap<&Triple, usize> {
    let mut m = HashMap::new();
    for t in v {
        *m.entry(t).or_insert(0) += 1;
    }
    m
}

fn overlap(a: &[Triple], b: &[Triple]) -> usize {
    let (ma, mb) = (multiset(a), multiset(b));
    ma.iter().map(|(k, n)| (*n).min(*mb.get(k).unwrap_or(&0))).sum()
}

fn roots(v: &[Triple]) -> Vec<Triple> {
    v.iter().map(|(s, t, c)| (s.clone(), t.clone(), c.chars().take(2).collect())).collect()
}

pub struct EvalOptions {
    pub by_category: bool,
    pub show_misses: usize,
    pub default_date: Date,
}

/// Result of an evaluation: the report text and the totals.
pub struct EvalResult {
    pub report: String,
    pub total: Counts,
    pub errors: Vec<String>,
}

/// Runs a suite. `predictions`, when given, receives one `{"id","events"}` line per record.
pub fn run(
    engine: &mut Engine,
    suite: &mut dyn BufRead,
    name: &str,
    opts: &EvalOptions,
    mut predictions: Option<&mut dyn Write>,
) -> EvalResult {
    let mut total = Counts::default();
    let mut cats: BTreeMap<String, Counts> = BTreeMap::new();
    let mut misses = String::new();
    let mut shown = 0;
    let mut errors = Vec::new();
    let original = engine.legacy_options_mut().map(|o| o.clone());
    let mut forward = Forward::default();
    let mut current_story: Option<String> = None;
    for (n, line) in suite.lines().enumerate() {
        let origin = format!("{name}:{}", n + 1);
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                errors.push(format!("{origin}: {e}"));
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let rec: Record = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("{origin}: malformed record ({e}); skipped"));
                continue;
            }
        };
        if rec.evaluate == Some(false) {
            // A control record: the options it sets hold for the records that follow.
            let commands = option_commands(&rec);
            apply_options(engine, &commands, &origin, &mut errors);
            continue;
        }
        let id = match &rec.id {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let story = story_of(&rec, &id);
        if story.is_none() || story != current_story {
            forward = Forward::default();
        }
        current_story = story;
        let required = required_settings(&rec);
        let saved = engine.legacy_options_mut().map(|o| o.clone());
        apply_options(engine, &required, &origin, &mut errors);
        let date = rec.date.as_deref().and_then(Date::parse).unwrap_or(opts.default_date);
        let article = Article {
            id: id.clone(),
            text: rec.text.clone(),
            date: Some(date),
            origin: origin.clone(),
            ..Default::default()
        };
        let coded = engine.code_in_story(&article, date, &mut forward);
        if let (Some(o), Some(saved)) = (engine.legacy_options_mut(), saved) {
            *o = saved;
        }
        let got: Vec<Triple> =
            coded.events.iter().map(|e| (e.source.to_uppercase(), e.target.to_uppercase(), e.code.clone())).collect();
        let want: Vec<Triple> = rec
            .expected
            .iter()
            .map(|e| {
                let code = match &e.code {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(v) => v.to_string(),
                    None => String::new(),
                };
                (
                    e.source.clone().unwrap_or_default().to_uppercase(),
                    e.target.clone().unwrap_or_default().to_uppercase(),
                    code,
                )
            })
            .collect();
        if let Some(out) = predictions.as_deref_mut() {
            let events: Vec<serde_json::Value> =
                got.iter().map(|(s, t, c)| serde_json::json!({"source": s, "target": t, "code": c})).collect();
            let _ = writeln!(out, "{}", serde_json::json!({"id": id, "events": events}));
        }
        let tp = overlap(&want, &got);
        let exact = tp == want.len() && tp == got.len();
        let row = Counts {
            records: 1,
            exact: exact as usize,
            tp,
            npred: got.len(),
            ngold: want.len(),
            tp_root: overlap(&roots(&want), &roots(&got)),
        };
        total.add(&row);
        cats.entry(rec.category.clone().unwrap_or_else(|| "-".into())).or_default().add(&row);
        if !exact && shown < opts.show_misses {
            shown += 1;
            let mut w = want.clone();
            let mut g = got.clone();
            w.sort();
            g.sort();
            let text: String = rec.text.chars().take(160).collect();
            let _ = writeln!(misses, "MISS {id}: {text}\n  expected {w:?}\n  got      {g:?}");
        }
    }
    if let (Some(o), Some(original)) = (engine.legacy_options_mut(), original) {
        *o = original;
    }
    let mut report = misses;
    if opts.by_category {
        for (name, c) in &cats {
            let _ = writeln!(report, "{}", c.line(name));
        }
    }
    let _ = writeln!(report, "{}", total.line("total"));
    EvalResult { report, total, errors }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;
    use crate::knowledge::legacy::{Dictionaries, Kind, load_text};

    fn record(json: &str) -> Record {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn reads_stories_and_option_commands() {
        let r = record(r#"{"id":"FRWD-001-002","text":"x"}"#);
        assert_eq!(story_of(&r, "FRWD-001-002").as_deref(), Some("FRWD-001"));
        assert_eq!(story_of(&r, "DEMO-02"), None);
        assert_eq!(story_of(&r, "AFP0808020625_4"), None);
        let r = record(r#"{"id":"x","text":"Reducing","comment":"{ OPTION: SET: MINIMUM WORDS = 4","evaluate":false}"#);
        assert_eq!(option_commands(&r), vec!["SET: MINIMUM WORDS = 4".to_string()]);
        let r = record(r#"{"id":"x","text":"t","comment":"[Pronoun tests] Requires SET: CODE ALL 950118"}"#);
        assert_eq!(required_settings(&r), vec!["SET: CODE ALL 950118".to_string()]);
    }

    #[test]
    fn control_records_change_options_and_stories_forward() {
        let mut d = Dictionaries::default();
        load_text(&mut d, "t.actors", "ARNOR [ARN]\nGONDOR [GON]\nOSGILIATH [OSG]\n", Kind::Actors);
        load_text(&mut d, "t.verbs", "ASK [090]\nATTACK [223]\n", Kind::TabariVerbs);
        d.verbs.finish();
        d.options.minimum_words = Some(8);
        let mut engine = Engine::Legacy(Box::new((d, Knowledge::from_files(Vec::new(), Vec::new()))));
        let suite = r#"{"id":"A-01","date":"19950101","text":"Arnor attacked Gondor.","expected":[]}
{"id":"CTL","date":"19950101","text":"x","evaluate":false,"comment":"{ OPTION: SET: MINIMUM WORDS = 3"}
{"id":"A-02","date":"19950101","text":"Arnor attacked Gondor.","expected":[{"source":"ARN","target":"GON","code":"223"}]}
{"id":"S-001-001","date":"19950101","text":"Arnor attacked Gondor on Monday.","expected":[{"source":"ARN","target":"GON","code":"223"}]}
{"id":"S-001-002","date":"19950101","text":"It asked Osgiliath for help.","expected":[{"source":"ARN","target":"OSG","code":"090"}]}
{"id":"S-002-001","date":"19950101","text":"It asked Osgiliath for help.","expected":[]}
"#;
        let opts = EvalOptions { by_category: false, show_misses: 10, default_date: Date::new(1995, 1, 1).unwrap() };
        let result = run(&mut engine, &mut suite.as_bytes(), "t", &opts, None);
        assert_eq!((result.total.exact, result.total.records), (5, 5), "{}", result.report);
        // The suite's settings do not outlive it.
        assert_eq!(engine.legacy_options_mut().unwrap().minimum_words, Some(8));
    }
}
