//! Queries over the store: events by filter, their mentions, articles with evidence spans,
//! time series, dossiers, the actor network and statistics.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};
use serde::Serialize;

use super::{Result, Store, StoreError};
use crate::model::Date;

/// Event filters; every field is optional and they combine with AND.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// An actor code or code prefix, as source or target (`RUS` matches `RUSGOV`).
    pub actor: Option<String>,
    /// A dyad `A,B`: source A and target B (prefixes), in either direction when `both`.
    pub dyad: Option<(String, String)>,
    /// Either side's country code.
    pub country: Option<String>,
    /// CAMEO event code (exact) .
    pub code: Option<String>,
    /// CAMEO root code (`04`).
    pub root: Option<String>,
    pub quad_class: Option<u8>,
    /// PLOVER type (`CONSULT`).
    pub plover: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Place name or place country code.
    pub place: Option<String>,
    /// Words in a sentence that reported the event.
    pub text: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

impl Filter {
    pub fn new() -> Filter {
        Filter { limit: 100, ..Default::default() }
    }

    /// The SQL condition over `events e` and its parameters.
    pub fn condition(&self) -> (String, Vec<Value>) {
        let mut parts: Vec<String> = Vec::new();
        let mut vals: Vec<Value> = Vec::new();
        let mut push = |sql: &str, vs: Vec<Value>| {
            let mut s = String::with_capacity(sql.len() + 8);
            let mut vs = vs.into_iter();
            for c in sql.chars() {
                if c == '?' {
                    vals.push(vs.next().expect("one value per placeholder"));
                    s.push_str(&format!("?{}", vals.len()));
                } else {
                    s.push(c);
                }
            }
            parts.push(s);
        };
        let text = |s: &str| Value::Text(s.to_string());
        let prefix = |s: &str| Value::Text(format!("{}%", escape_like(&s.to_uppercase())));
        if let Some(a) = &self.actor {
            push("(e.source LIKE ? ESCAPE '\\' OR e.target LIKE ? ESCAPE '\\')", vec![prefix(a), prefix(a)]);
        }
        if let Some((a, b)) = &self.dyad {
            push("(e.source LIKE ? ESCAPE '\\' AND e.target LIKE ? ESCAPE '\\')", vec![prefix(a), prefix(b)]);
        }
        if let Some(c) = &self.country {
            let c = c.to_uppercase();
            push("(e.source_country = ? OR e.target_country = ?)", vec![text(&c), text(&c)]);
        }
        if let Some(c) = &self.code {
            push("e.code = ?", vec![text(c)]);
        }
        if let Some(r) = &self.root {
            push("e.root_code = ?", vec![text(&format!("{r:0>2}"))]);
        }
        if let Some(q) = self.quad_class {
            push("e.quad_class = ?", vec![Value::Integer(q as i64)]);
        }
        if let Some(p) = &self.plover {
            push("e.plover_type = ?", vec![text(&p.to_uppercase())]);
        }
        if let Some(d) = self.from {
            push("e.sqldate >= ?", vec![Value::Integer(d.sql())]);
        }
        if let Some(d) = self.to {
            push("e.sqldate <= ?", vec![Value::Integer(d.sql())]);
        }
        if let Some(p) = &self.place {
            let like = Value::Text(format!("%{}%", escape_like(p)));
            push(
                "(e.place LIKE ? ESCAPE '\\' OR e.place_country = ? OR EXISTS (SELECT 1 FROM mentions pm
                  WHERE pm.event_id = e.event_id AND (pm.place LIKE ? ESCAPE '\\' OR pm.place_country = ?)))",
                vec![like.clone(), text(&p.to_uppercase()), like, text(&p.to_uppercase())],
            );
        }
        if let Some(t) = &self.text {
            push(
                "EXISTS (SELECT 1 FROM mentions tm WHERE tm.event_id = e.event_id AND tm.sentence_text LIKE ? ESCAPE '\\')",
                vec![Value::Text(format!("%{}%", escape_like(t)))],
            );
        }
        if parts.is_empty() { ("1".into(), vals) } else { (parts.join(" AND "), vals) }
    }
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// One deduplicated event.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct EventRow {
    pub event_id: i64,
    pub date: Option<String>,
    pub source: String,
    pub target: String,
    pub source_name: String,
    pub target_name: String,
    pub source_country: String,
    pub target_country: String,
    pub code: String,
    pub base_code: String,
    pub root_code: String,
    pub name: String,
    pub quad_class: i64,
    pub goldstein: f64,
    pub plover_type: Option<String>,
    pub is_root: bool,
    pub place: Option<String>,
    pub place_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub first_doc: Option<String>,
    pub source_url: Option<String>,
}

pub const EVENT_COLUMNS: &str =
    "e.event_id, e.date, e.source, e.target, e.source_name, e.target_name, e.source_country,
  e.target_country, e.code, e.base_code, e.root_code, e.name, e.quad_class, e.goldstein, e.plover_type, e.is_root,
  e.place, e.place_country, e.lat, e.lon, e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen,
  e.first_doc, e.source_url";

fn event_row(r: &Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        event_id: r.get(0)?,
        date: r.get(1)?,
        source: r.get(2)?,
        target: r.get(3)?,
        source_name: r.get(4)?,
        target_name: r.get(5)?,
        source_country: r.get(6)?,
        target_country: r.get(7)?,
        code: r.get(8)?,
        base_code: r.get(9)?,
        root_code: r.get(10)?,
        name: r.get(11)?,
        quad_class: r.get(12)?,
        goldstein: r.get(13)?,
        plover_type: r.get(14)?,
        is_root: r.get::<_, i64>(15)? != 0,
        place: r.get(16)?,
        place_country: r.get(17)?,
        lat: r.get(18)?,
        lon: r.get(19)?,
        num_mentions: r.get(20)?,
        num_sources: r.get(21)?,
        num_articles: r.get(22)?,
        first_seen: r.get(23)?,
        last_seen: r.get(24)?,
        first_doc: r.get(25)?,
        source_url: r.get(26)?,
    })
}

/// One mention of an event, with its evidence.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MentionRow {
    pub mention_id: i64,
    pub event_id: i64,
    pub doc_id: String,
    pub sentence: i64,
    /// Character offset of the sentence in the article text.
    pub sentence_start: i64,
    pub sentence_text: String,
    /// Character offsets into `sentence_text`: `[start, end)`.
    pub source_span: [i64; 2],
    pub target_span: [i64; 2],
    pub trigger_span: [i64; 2],
    pub source_text: String,
    pub target_text: String,
    pub trigger: String,
    pub is_root: bool,
    pub confidence: f64,
    pub rule: String,
    pub roles: String,
    pub place: Option<String>,
    pub place_country: Option<String>,
    pub added: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub article_date: Option<String>,
    pub title: Option<String>,
}

const MENTION_COLUMNS: &str = "m.mention_id, m.event_id, m.doc_id, m.sentence, m.sentence_start, m.sentence_text,
  m.source_start, m.source_end, m.target_start, m.target_end, m.trigger_start, m.trigger_end, m.source_text,
  m.target_text, m.trigger, m.is_root, m.confidence, m.rule, m.roles, m.place, m.place_country, m.added,
  a.outlet, a.url, a.date, a.title";

fn mention_row(r: &Row) -> rusqlite::Result<MentionRow> {
    Ok(MentionRow {
        mention_id: r.get(0)?,
        event_id: r.get(1)?,
        doc_id: r.get(2)?,
        sentence: r.get(3)?,
        sentence_start: r.get(4)?,
        sentence_text: r.get(5)?,
        source_span: [r.get(6)?, r.get(7)?],
        target_span: [r.get(8)?, r.get(9)?],
        trigger_span: [r.get(10)?, r.get(11)?],
        source_text: r.get(12)?,
        target_text: r.get(13)?,
        trigger: r.get(14)?,
        is_root: r.get::<_, i64>(15)? != 0,
        confidence: r.get(16)?,
        rule: r.get(17)?,
        roles: r.get(18)?,
        place: r.get(19)?,
        place_country: r.get(20)?,
        added: r.get(21)?,
        outlet: r.get(22)?,
        url: r.get(23)?,
        article_date: r.get(24)?,
        title: r.get(25)?,
    })
}

/// A stored article with the spans of every event in it, as character offsets into `text`.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleView {
    pub id: String,
    pub date: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub outlet: String,
    pub text: String,
    pub sentences: i64,
    pub added: String,
    pub highlights: Vec<Highlight>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Highlight {
    pub event_id: i64,
    /// `source`, `target` or `trigger`.
    pub role: &'static str,
    pub start: i64,
    pub end: i64,
}

/// One period of a time series.
#[derive(Clone, Debug, Serialize)]
pub struct Point {
    pub period: String,
    pub events: i64,
    pub mentions: i64,
    /// Goldstein score averaged over mentions.
    pub goldstein: f64,
    /// Mentions per QuadClass 1..4.
    pub quad: [i64; 4],
}

#[derive(Clone, Debug, Serialize)]
pub struct Count {
    pub key: String,
    pub label: String,
    pub count: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub events: i64,
    pub mentions: i64,
    pub goldstein: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    pub articles: i64,
    pub events: i64,
    pub mentions: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub schema_version: i64,
    pub by_quad_class: Vec<Count>,
    pub top_codes: Vec<Count>,
    pub top_actors: Vec<Count>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Dossier {
    pub actor: String,
    pub names: Vec<String>,
    pub events_as_source: i64,
    pub events_as_target: i64,
    pub mentions: i64,
    pub goldstein_given: Option<f64>,
    pub goldstein_received: Option<f64>,
    pub partners: Vec<Count>,
    pub by_root: Vec<Count>,
    pub timeline: Vec<Point>,
    pub recent: Vec<EventRow>,
}

fn interrupted(e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && f.code == rusqlite::ErrorCode::OperationInterrupted
    {
        return StoreError("query timed out".into());
    }
    StoreError::from(e)
}

impl Store {
    /// Events matching `f`, most mentioned first within date order (newest first).
    pub fn events(&self, f: &Filter) -> Result<Vec<EventRow>> {
        let (cond, mut vals) = f.condition();
        vals.push(Value::Integer(f.limit as i64));
        vals.push(Value::Integer(f.offset as i64));
        let n = vals.len();
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e WHERE {cond}
             ORDER BY e.sqldate DESC, e.num_mentions DESC, e.event_id LIMIT ?{} OFFSET ?{}",
            n - 1,
            n
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(vals), event_row).map_err(interrupted)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(interrupted)
    }

    /// Streams the events matching `f` (ignoring `limit`/`offset`) in event id order.
    pub fn each_event(&self, f: &Filter, each: &mut dyn FnMut(&EventRow) -> std::io::Result<()>) -> Result<usize> {
        let (cond, vals) = f.condition();
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events e WHERE {cond} ORDER BY e.event_id");
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(vals))?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(interrupted)? {
            each(&event_row(r)?).map_err(|e| StoreError(format!("write: {e}")))?;
            n += 1;
        }
        Ok(n)
    }

    /// How many events match `f`.
    pub fn count_events(&self, f: &Filter) -> Result<i64> {
        let (cond, vals) = f.condition();
        self.conn
            .query_row(&format!("SELECT count(*) FROM events e WHERE {cond}"), params_from_iter(vals), |r| r.get(0))
            .map_err(interrupted)
    }

    pub fn event(&self, id: i64) -> Result<Option<EventRow>> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events e WHERE e.event_id = ?1");
        Ok(self.conn.query_row(&sql, params![id], event_row).optional()?)
    }

    /// Mentions of one event, or of one article, or both.
    pub fn mentions(&self, event_id: Option<i64>, doc_id: Option<&str>, limit: usize) -> Result<Vec<MentionRow>> {
        // Only the conditions given, so that SQLite uses the indexes on event_id and doc_id.
        let mut cond = vec!["1"];
        let mut vals: Vec<Value> = Vec::new();
        if let Some(id) = event_id {
            vals.push(Value::Integer(id));
            cond.push("m.event_id = ?1");
        }
        if let Some(d) = doc_id {
            vals.push(Value::Text(d.to_string()));
            cond.push(if event_id.is_some() { "m.doc_id = ?2" } else { "m.doc_id = ?1" });
        }
        vals.push(Value::Integer(limit as i64));
        let sql = format!(
            "SELECT {MENTION_COLUMNS} FROM mentions m LEFT JOIN articles a ON a.id = m.doc_id
             WHERE {} ORDER BY m.doc_id, m.sentence, m.mention_id LIMIT ?{}",
            cond.join(" AND "),
            vals.len()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(vals), mention_row).map_err(interrupted)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(interrupted)
    }

    /// Mentions of the events matching `f` (for the GDELT mentions export).
    pub fn mentions_of(&self, f: &Filter, each: &mut dyn FnMut(&MentionRow) -> std::io::Result<()>) -> Result<usize> {
        let (cond, vals) = f.condition();
        let sql = format!(
            "SELECT {MENTION_COLUMNS} FROM mentions m JOIN events e ON e.event_id = m.event_id
             LEFT JOIN articles a ON a.id = m.doc_id WHERE {cond} ORDER BY m.event_id, m.mention_id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(vals))?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(interrupted)? {
            each(&mention_row(r)?).map_err(|e| StoreError(format!("write: {e}")))?;
            n += 1;
        }
        Ok(n)
    }

    pub fn article(&self, id: &str) -> Result<Option<ArticleView>> {
        let a = self
            .conn
            .query_row(
                "SELECT id, date, title, source, url, outlet, text, sentences, added FROM articles WHERE id = ?1",
                params![id],
                |r| {
                    Ok(ArticleView {
                        id: r.get(0)?,
                        date: r.get(1)?,
                        title: r.get(2)?,
                        source: r.get(3)?,
                        url: r.get(4)?,
                        outlet: r.get(5)?,
                        text: r.get(6)?,
                        sentences: r.get(7)?,
                        added: r.get(8)?,
                        highlights: Vec::new(),
                    })
                },
            )
            .optional()?;
        let Some(mut a) = a else { return Ok(None) };
        for m in self.mentions(None, Some(id), 100_000)? {
            for (role, span) in [("source", m.source_span), ("target", m.target_span), ("trigger", m.trigger_span)] {
                a.highlights.push(Highlight {
                    event_id: m.event_id,
                    role,
                    start: m.sentence_start + span[0],
                    end: m.sentence_start + span[1],
                });
            }
        }
        Ok(Some(a))
    }

    /// Events, mentions, mean Goldstein and QuadClass counts per day or month.
    pub fn timeseries(&self, f: &Filter, monthly: bool) -> Result<Vec<Point>> {
        let (cond, vals) = f.condition();
        let period = if monthly { "substr(e.date, 1, 7)" } else { "e.date" };
        let sql = format!(
            "SELECT {period} AS p, count(DISTINCT e.event_id), count(m.mention_id), avg(e.goldstein),
               sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3), sum(e.quad_class = 4)
             FROM events e JOIN mentions m ON m.event_id = e.event_id
             WHERE {cond} AND e.date IS NOT NULL GROUP BY p ORDER BY p"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st
            .query_map(params_from_iter(vals), |r| {
                Ok(Point {
                    period: r.get(0)?,
                    events: r.get(1)?,
                    mentions: r.get(2)?,
                    goldstein: r.get::<_, Option<f64>>(3)?.unwrap_or(0.0),
                    quad: [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                })
            })
            .map_err(interrupted)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(interrupted)
    }

    fn tally(&self, sql: &str, vals: Vec<Value>) -> Result<Vec<Count>> {
        let mut st = self.conn.prepare(sql)?;
        let rows = st
            .query_map(params_from_iter(vals), |r| {
                Ok(Count {
                    key: r.get(0)?,
                    label: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    count: r.get(2)?,
                })
            })
            .map_err(interrupted)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(interrupted)
    }

    /// Actor pairs with their event counts (the network).
    pub fn network(&self, f: &Filter, limit: usize) -> Result<Vec<Edge>> {
        let (cond, mut vals) = f.condition();
        vals.push(Value::Integer(limit as i64));
        let sql = format!(
            "SELECT e.source, e.target, count(*), sum(e.num_mentions), avg(e.goldstein) FROM events e
             WHERE {cond} GROUP BY e.source, e.target ORDER BY count(*) DESC, e.source, e.target LIMIT ?{}",
            vals.len()
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st
            .query_map(params_from_iter(vals), |r| {
                Ok(Edge {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get(2)?,
                    mentions: r.get(3)?,
                    goldstein: r.get(4)?,
                })
            })
            .map_err(interrupted)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(interrupted)
    }

    /// Event counts per location country: the place named in the sentence, else the source
    /// actor's country. Points with coordinates come with `lat`/`lon` in [`Store::events`].
    pub fn places(&self, f: &Filter) -> Result<Vec<Count>> {
        let (cond, vals) = f.condition();
        let sql = format!(
            "SELECT c, max(pl), count(*) FROM (
               SELECT coalesce(nullif(e.place_country, ''), nullif(e.source_country, '')) AS c,
                 CASE WHEN coalesce(e.place_country, '') <> '' THEN e.place END AS pl
               FROM events e WHERE {cond})
             WHERE c IS NOT NULL GROUP BY c ORDER BY count(*) DESC, c"
        );
        self.tally(&sql, vals)
    }

    pub fn stats(&self) -> Result<Stats> {
        let (articles, events, mentions) = Store::counts(self)?;
        let (first_date, last_date) =
            self.conn.query_row("SELECT min(date), max(date) FROM events", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let schema_version = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(Stats {
            articles,
            events,
            mentions,
            first_date,
            last_date,
            schema_version,
            by_quad_class: self.tally(
                "SELECT CAST(quad_class AS TEXT), NULL, count(*) FROM events GROUP BY quad_class ORDER BY quad_class",
                vec![],
            )?,
            top_codes: self.tally(
                "SELECT code, max(name), count(*) FROM events GROUP BY code ORDER BY count(*) DESC, code LIMIT 20",
                vec![],
            )?,
            top_actors: self.tally(
                "SELECT a, max(n), count(*) FROM (SELECT source AS a, source_name AS n FROM events
                   UNION ALL SELECT target, target_name FROM events) GROUP BY a ORDER BY count(*) DESC, a LIMIT 20",
                vec![],
            )?,
        })
    }

    /// Everything known about one actor (code or prefix).
    pub fn dossier(&self, actor: &str) -> Result<Dossier> {
        let actor = actor.to_uppercase();
        let like = Value::Text(format!("{}%", escape_like(&actor)));
        let one = |sql: &str| -> Result<(i64, Option<f64>)> {
            Ok(self.conn.query_row(sql, params![like.clone()], |r| Ok((r.get(0)?, r.get(1)?)))?)
        };
        let (as_source, given) = one("SELECT count(*), avg(goldstein) FROM events WHERE source LIKE ?1 ESCAPE '\\'")?;
        let (as_target, received) =
            one("SELECT count(*), avg(goldstein) FROM events WHERE target LIKE ?1 ESCAPE '\\'")?;
        let (mentions, _) = one(
            "SELECT coalesce(sum(num_mentions), 0), NULL FROM events WHERE source LIKE ?1 ESCAPE '\\' OR target LIKE ?1 ESCAPE '\\'",
        )?;
        let names: Vec<String> = self
            .tally(
                "SELECT n, NULL, count(*) FROM (SELECT source_name AS n FROM events WHERE source LIKE ?1 ESCAPE '\\'
                   UNION ALL SELECT target_name FROM events WHERE target LIKE ?1 ESCAPE '\\')
                 WHERE n <> '' GROUP BY n ORDER BY count(*) DESC, n LIMIT 10",
                vec![like.clone()],
            )?
            .into_iter()
            .map(|c| c.key)
            .collect();
        let partners = self.tally(
            "SELECT p, max(n), count(*) FROM (
               SELECT target AS p, target_name AS n FROM events WHERE source LIKE ?1 ESCAPE '\\'
               UNION ALL SELECT source, source_name FROM events WHERE target LIKE ?1 ESCAPE '\\')
             GROUP BY p ORDER BY count(*) DESC, p LIMIT 20",
            vec![like.clone()],
        )?;
        let by_root = self.tally(
            "SELECT root_code, NULL, count(*) FROM events WHERE source LIKE ?1 ESCAPE '\\' OR target LIKE ?1 ESCAPE '\\'
             GROUP BY root_code ORDER BY root_code",
            vec![like],
        )?;
        let f = Filter { actor: Some(actor.clone()), limit: 20, ..Filter::new() };
        Ok(Dossier {
            names,
            events_as_source: as_source,
            events_as_target: as_target,
            mentions,
            goldstein_given: given,
            goldstein_received: received,
            partners,
            by_root,
            timeline: self.timeseries(&f, false)?,
            recent: self.events(&f)?,
            actor,
        })
    }
}
