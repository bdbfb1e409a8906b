//! `dyad dossier A B [--from DATE --to DATE] INPUT...`: a summary of the relationship of two
//! actors over a set of articles.
//!
//! Codes every article (with its context) and keeps the events between the two countries
//! (either direction; actor codes are matched on their first three letters), the agreements
//! whose parties include both, the figures (amounts with a measure) that concern either of
//! them in an article where both appear, and the themes of the relevant articles. Prints
//! event counts by month and QuadClass, the average Goldstein score, the agreements, the
//! figures with their source, the top themes and the latest events with their evidence, as
//! text or JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Agreement, Gazetteer};
use crate::ingest::{Item, Reader};
use crate::knowledge::Knowledge;
use crate::model::Date;

/// The dossier's options.
pub struct Args {
    pub a: String,
    pub b: String,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub inputs: Vec<String>,
    /// Date of articles that have none.
    pub default_date: Date,
    pub json: bool,
    /// How many latest events to show.
    pub latest: usize,
}

#[derive(Serialize, Default)]
pub struct Month {
    pub month: String,
    /// Events by QuadClass 1-4.
    pub quad: [usize; 4],
    pub goldstein: f64,
}

#[derive(Serialize)]
pub struct Source {
    pub article: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: String,
}

#[derive(Serialize)]
pub struct Figure {
    pub measure: String,
    pub value: f64,
    pub unit: String,
    pub currency: Option<&'static str>,
    pub qualifier: Option<&'static str>,
    pub period: String,
    pub actors: Vec<String>,
    pub text: String,
    pub sentence: String,
    pub source: Source,
}

#[derive(Serialize)]
pub struct AgreementOut {
    #[serde(flatten)]
    pub agreement: Agreement,
    pub source: Source,
}

#[derive(Serialize)]
pub struct LatestEvent {
    pub date: String,
    pub source: String,
    pub code: String,
    pub name: String,
    pub target: String,
    pub goldstein: f64,
    pub place: Option<String>,
    pub evidence: String,
    pub article: String,
}

#[derive(Serialize)]
pub struct Dossier {
    pub a: String,
    pub b: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub articles_read: usize,
    pub articles_relevant: usize,
    pub events: usize,
    /// Events by QuadClass 1-4, over the whole span.
    pub quad: [usize; 4],
    pub avg_goldstein: Option<f64>,
    pub months: Vec<Month>,
    pub agreements: Vec<AgreementOut>,
    pub figures: Vec<Figure>,
    pub themes: Vec<(String, usize)>,
    pub latest: Vec<LatestEvent>,
    pub skipped_records: usize,
}

fn pair_matches(x: &str, y: &str, a: &str, b: &str) -> bool {
    let (x, y) = (x.get(..3).unwrap_or(x), y.get(..3).unwrap_or(y));
    let (a, b) = (a.get(..3).unwrap_or(a), b.get(..3).unwrap_or(b));
    (x == a && y == b) || (x == b && y == a)
}

fn in_range(d: Date, args: &Args) -> bool {
    args.from.is_none_or(|f| d >= f) && args.to.is_none_or(|t| d <= t)
}

/// Builds the dossier. Bad records are reported on stderr and counted.
pub fn build(kb: &Knowledge, gaz: &Gazetteer, args: &Args) -> Dossier {
    let (a, b) = (args.a.to_uppercase(), args.b.to_uppercase());
    let mut d = Dossier {
        a: a.clone(),
        b: b.clone(),
        from: args.from.map(|x| x.to_string()),
        to: args.to.map(|x| x.to_string()),
        articles_read: 0,
        articles_relevant: 0,
        events: 0,
        quad: [0; 4],
        avg_goldstein: None,
        months: Vec::new(),
        agreements: Vec::new(),
        figures: Vec::new(),
        themes: Vec::new(),
        latest: Vec::new(),
        skipped_records: 0,
    };
    let mut months: BTreeMap<String, (Month, usize)> = BTreeMap::new();
    let mut themes: BTreeMap<String, usize> = BTreeMap::new();
    let mut gold_sum = 0.0;
    let mut latest: Vec<((Date, usize), LatestEvent)> = Vec::new();
    for item in Reader::new(&args.inputs) {
        let article = match item {
            Item::Article(x) => x,
            Item::Error(e) => {
                eprintln!("dyad: error: {e}");
                d.skipped_records += 1;
                continue;
            }
            Item::Warning(w) => {
                eprintln!("dyad: warning: {w}");
                continue;
            }
        };
        d.articles_read += 1;
        let (coded, ctx) = crate::pipeline::analyze(kb, gaz, &article, args.default_date);
        let source = || Source {
            article: article.id.clone(),
            title: article.title.clone(),
            url: article.url.clone(),
            date: coded.date.to_string(),
        };
        let mut relevant = false;
        for (e, c) in coded.events.iter().zip(&ctx.events) {
            if !pair_matches(&e.source, &e.target, &a, &b) || !in_range(c.date, args) {
                continue;
            }
            relevant = true;
            d.events += 1;
            let q = (e.quad_class as usize).clamp(1, 4) - 1;
            d.quad[q] += 1;
            gold_sum += e.goldstein;
            let key = format!("{:04}-{:02}", c.date.year, c.date.month);
            let m = months.entry(key.clone()).or_insert_with(|| (Month { month: key, ..Default::default() }, 0));
            m.0.quad[q] += 1;
            m.0.goldstein += e.goldstein;
            m.1 += 1;
            let seq = latest.len();
            latest.push((
                (c.date, seq),
                LatestEvent {
                    date: c.date.to_string(),
                    source: e.source.clone(),
                    code: e.code.clone(),
                    name: e.name.clone(),
                    target: e.target.clone(),
                    goldstein: e.goldstein,
                    place: c.geo.as_ref().map(|p| p.full_name.clone()),
                    evidence: e.evidence.sentence.clone(),
                    article: article.id.clone(),
                },
            ));
        }
        let in_dates = in_range(coded.date, args);
        for ag in &ctx.agreements {
            let date = Date::parse(&ag.date).unwrap_or(coded.date);
            let has = |x: &str| ag.parties.iter().any(|p| p.get(..3) == x.get(..3));
            if has(&a) && has(&b) && in_range(date, args) {
                relevant = true;
                d.agreements.push(AgreementOut { agreement: ag.clone(), source: source() });
            }
        }
        let both =
            |v: &[String]| v.iter().any(|p| p.get(..3) == a.get(..3)) && v.iter().any(|p| p.get(..3) == b.get(..3));
        let article_both = relevant || both(&ctx.amounts.iter().flat_map(|x| x.actors.clone()).collect::<Vec<_>>());
        if article_both && in_dates {
            for am in &ctx.amounts {
                let Some(measure) = &am.measure else { continue };
                let concerns = am.actors.iter().any(|p| p.get(..3) == a.get(..3) || p.get(..3) == b.get(..3));
                if !concerns || (am.currency.is_none() && am.unit == *measure) {
                    continue; // counts of things ("20 agreements") are not figures
                }
                relevant = true;
                let p = &am.period;
                d.figures.push(Figure {
                    measure: measure.clone(),
                    value: am.value,
                    unit: am.unit.clone(),
                    currency: am.currency,
                    qualifier: am.qualifier,
                    period: if p.start == p.end { p.start.to_string() } else { format!("{}..{}", p.start, p.end) },
                    actors: am.actors.clone(),
                    text: am.text.clone(),
                    sentence: coded.doc.sentence_text(&coded.doc.sentences[am.sentence]).to_string(),
                    source: source(),
                });
            }
        }
        if relevant {
            d.articles_relevant += 1;
            for t in &ctx.themes {
                *themes.entry(t.label.clone()).or_default() += t.count;
            }
        }
    }
    if d.events > 0 {
        d.avg_goldstein = Some((gold_sum / d.events as f64 * 100.0).round() / 100.0);
    }
    d.months = months
        .into_values()
        .map(|(mut m, n)| {
            m.goldstein = (m.goldstein / n as f64 * 100.0).round() / 100.0;
            m
        })
        .collect();
    let mut th: Vec<(String, usize)> = themes.into_iter().collect();
    th.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    th.truncate(10);
    d.themes = th;
    latest.sort_by_key(|x| std::cmp::Reverse(x.0));
    d.latest = latest.into_iter().take(args.latest).map(|(_, e)| e).collect();
    d
}

fn money(v: f64, unit: &str) -> String {
    let (x, s) = if v.abs() >= 1e12 {
        (v / 1e12, " trillion")
    } else if v.abs() >= 1e9 {
        (v / 1e9, " billion")
    } else if v.abs() >= 1e6 {
        (v / 1e6, " million")
    } else {
        (v, "")
    };
    let num = format!("{x:.2}");
    let num = num.trim_end_matches('0').trim_end_matches('.');
    format!("{num}{s} {unit}")
}

/// Writes the dossier as readable text.
pub fn write_text(out: &mut dyn Write, d: &Dossier) -> io::Result<()> {
    let span = match (&d.from, &d.to) {
        (None, None) => String::new(),
        (f, t) => format!(" ({} .. {})", f.as_deref().unwrap_or("…"), t.as_deref().unwrap_or("…")),
    };
    writeln!(out, "Dossier {} – {}{span}", d.a, d.b)?;
    writeln!(out, "{} articles read, {} relevant", d.articles_read, d.articles_relevant)?;
    writeln!(out)?;
    writeln!(
        out,
        "Events: {}  (QuadClass 1 verbal coop {}, 2 material coop {}, 3 verbal conflict {}, 4 material conflict {})",
        d.events, d.quad[0], d.quad[1], d.quad[2], d.quad[3]
    )?;
    if let Some(g) = d.avg_goldstein {
        writeln!(out, "Average Goldstein: {g:+.2}")?;
    }
    if !d.months.is_empty() {
        writeln!(out, "  month     q1  q2  q3  q4  goldstein")?;
        for m in &d.months {
            writeln!(
                out,
                "  {}  {:>3} {:>3} {:>3} {:>3}  {:+.2}",
                m.month, m.quad[0], m.quad[1], m.quad[2], m.quad[3], m.goldstein
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "Agreements: {}", d.agreements.len())?;
    for a in &d.agreements {
        let g = &a.agreement;
        let count = g.count.map(|c| format!("{c} ")).unwrap_or_default();
        writeln!(
            out,
            "  {}: {count}× {} between {}; sectors: {}{}  [{}]",
            g.date,
            g.kinds.join("/"),
            g.parties.join(", "),
            if g.sectors.is_empty() { "-".to_string() } else { g.sectors.join(", ") },
            g.place.as_ref().map(|p| format!("; at {}", p.full_name)).unwrap_or_default(),
            a.source.article
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Figures: {}", d.figures.len())?;
    for f in &d.figures {
        let q = f.qualifier.map(|q| format!("{q} ")).unwrap_or_default();
        writeln!(
            out,
            "  {}: {q}{} ({}; {})  \"{}\"  [{}]",
            f.measure,
            money(f.value, &f.unit),
            f.period,
            f.actors.join(", "),
            f.text,
            f.source.article
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Top themes: {}", d.themes.iter().map(|(t, n)| format!("{t} ({n})")).collect::<Vec<_>>().join(", "))?;
    writeln!(out)?;
    writeln!(out, "Latest events:")?;
    for e in &d.latest {
        writeln!(
            out,
            "  {}  {} {} {} ({}, {:+.1}){}  [{}]\n      {}",
            e.date,
            e.source,
            e.code,
            e.target,
            e.name,
            e.goldstein,
            e.place.as_ref().map(|p| format!(" at {p}")).unwrap_or_default(),
            e.article,
            e.evidence
        )?;
    }
    if d.skipped_records > 0 {
        writeln!(out, "\n{} records skipped (see messages above)", d.skipped_records)?;
    }
    Ok(())
}

/// Runs the dossier command; returns the process exit code.
pub fn run(kb: &Knowledge, args: &Args, out: &mut dyn Write) -> io::Result<u8> {
    let d = build(kb, Gazetteer::builtin(), args);
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &d)?;
        writeln!(out)?;
    } else {
        write_text(out, &d)?;
    }
    Ok(if d.articles_read == 0 { 1 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dossier_over_a_small_corpus() {
        let dir = std::env::temp_dir().join(format!("dyad-dossier-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.jsonl");
        std::fs::write(
            &p,
            concat!(
                r#"{"id":"a1","date":"2024-10-02","text":"Russian President Vladimir Putin visited Kazakhstan on Wednesday. Last year trade between Russia and Kazakhstan reached $28.5 billion. Russia and Kazakhstan signed 20 agreements in Astana."}"#,
                "\n",
                r#"{"id":"a2","date":"2023-05-01","text":"Chinese President Xi Jinping visited Kazakhstan."}"#,
                "\n",
                "not json\n"
            ),
        )
        .unwrap();
        let kb = Knowledge::builtin();
        let args = Args {
            a: "RUS".into(),
            b: "KAZ".into(),
            from: None,
            to: None,
            inputs: vec![p.display().to_string()],
            default_date: Date::new(2024, 1, 1).unwrap(),
            json: false,
            latest: 5,
        };
        let d = build(&kb, Gazetteer::builtin(), &args);
        assert_eq!((d.articles_read, d.articles_relevant, d.skipped_records), (2, 1, 1));
        assert!(d.events >= 1 && d.quad[0] >= 1, "events {} {:?}", d.events, d.quad);
        assert_eq!(d.months[0].month, "2024-10");
        let trade = d.figures.iter().find(|f| f.measure == "trade").expect("trade figure");
        assert_eq!((trade.value, trade.period.as_str()), (28.5e9, "2023-01-01..2023-12-31"));
        assert_eq!(trade.source.article, "a1");
        assert_eq!(d.agreements.len(), 1);
        assert_eq!(d.agreements[0].agreement.count, Some(20.0));
        let mut text = Vec::new();
        write_text(&mut text, &d).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("28.5 billion USD") && text.contains("Dossier RUS – KAZ"), "{text}");
        // a date range that excludes the article leaves nothing
        let later = Args { from: Date::new(2025, 1, 1), ..args };
        let d = build(&kb, Gazetteer::builtin(), &later);
        assert_eq!((d.events, d.figures.len(), d.agreements.len()), (0, 0, 0));
        std::fs::remove_dir_all(&dir).ok();
    }
}
