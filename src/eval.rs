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
    engine: &Engine,
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
            continue;
        }
        let id = match &rec.id {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let date = rec.date.as_deref().and_then(Date::parse).unwrap_or(opts.default_date);
        let article = Article {
            id: id.clone(),
            text: rec.text.clone(),
            date: Some(date),
            origin: origin.clone(),
            ..Default::default()
        };
        let coded = engine.code(&article, date);
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
    let mut report = misses;
    if opts.by_category {
        for (name, c) in &cats {
            let _ = writeln!(report, "{}", c.line(name));
        }
    }
    let _ = writeln!(report, "{}", total.line("total"));
    EvalResult { report, total, errors }
}
