//! Ingest: code articles and store them in batches, one transaction per batch.

use std::collections::{BTreeSet, HashSet};

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, content_hash, now_utc};
use crate::coding::CodedArticle;
use crate::ingest::Item;
use crate::knowledge::Knowledge;
use crate::model::{Article, Date, Event};
use crate::pipeline;

/// Options of an ingest run.
pub struct IngestOptions {
    /// Articles per transaction.
    pub batch: usize,
    pub default_date: Date,
    pub quiet: bool,
}

/// What an ingest did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestStats {
    /// Articles read from the inputs.
    pub read: usize,
    /// Articles newly stored.
    pub stored: usize,
    /// Articles skipped because one with the same id or content was already stored.
    pub duplicates: usize,
    /// Event mentions stored.
    pub mentions: usize,
    /// Events created (the rest of the mentions joined existing events).
    pub new_events: usize,
    /// Records skipped as malformed.
    pub errors: usize,
    pub warnings: usize,
    pub batches: usize,
}

/// How confident the coder is in a mention, from how its roles were found: an explicit
/// pattern slot is surer than roles taken from the subject and object, and a `mutual`
/// pairing is the least sure. (A prior until the coder reports its own scores.)
pub fn confidence(e: &Event) -> f64 {
    let base: f64 = match e.rule.roles.as_str() {
        "pattern" => 0.9,
        "passive" => 0.8,
        "subject-object" | "subject" | "object" => 0.7,
        "mutual" => 0.6,
        _ => 0.5,
    };
    if e.is_root { base } else { base - 0.05 }
}

/// Reads `items`, codes each new article and stores it; calls `progress` after each batch.
pub fn run(
    store: &mut Store,
    kb: &Knowledge,
    items: impl Iterator<Item = Item>,
    opts: &IngestOptions,
    progress: &mut dyn FnMut(&IngestStats, usize),
) -> Result<IngestStats> {
    let mut stats = IngestStats::default();
    let mut batch: Vec<(Article, CodedArticle, crate::context::Context, String)> = Vec::new();
    let mut in_batch: HashSet<String> = HashSet::new();
    let mut bytes = 0usize;
    for item in items {
        match item {
            Item::Error(e) => {
                stats.errors += 1;
                if !opts.quiet {
                    eprintln!("\rdyad: error: {e}");
                }
            }
            Item::Warning(w) => {
                stats.warnings += 1;
                if !opts.quiet {
                    eprintln!("\rdyad: warning: {w}");
                }
            }
            Item::Article(article) => {
                stats.read += 1;
                bytes += article.text.len();
                let hash = content_hash(&article.text);
                if in_batch.contains(&article.id)
                    || in_batch.contains(&hash)
                    || store.has_article(&article.id, &hash)?
                {
                    stats.duplicates += 1;
                    continue;
                }
                in_batch.insert(article.id.clone());
                in_batch.insert(hash.clone());
                let (coded, ctx) =
                    pipeline::analyze(kb, crate::context::Gazetteer::builtin(), &article, opts.default_date);
                batch.push((article, coded, ctx, hash));
                if batch.len() >= opts.batch.max(1) {
                    store_batch(store, kb, &batch, &mut stats)?;
                    batch.clear();
                    in_batch.clear();
                    progress(&stats, bytes);
                }
            }
        }
    }
    if !batch.is_empty() {
        store_batch(store, kb, &batch, &mut stats)?;
        progress(&stats, bytes);
    }
    Ok(stats)
}

/// The CAMEO code of the country with this ISO 3166-1 alpha-2 code (the store keys places by
/// CAMEO country, like actors); the ISO code itself when no current country has it.
fn cameo_country(kb: &Knowledge, iso2: &str) -> String {
    kb.entities
        .iter()
        .filter(|e| e.kind == crate::knowledge::EntityKind::Country && e.iso2 == iso2)
        .min_by_key(|e| e.dates != crate::knowledge::entities::Range::ALWAYS)
        .map(|e| e.code.clone())
        .unwrap_or_else(|| iso2.to_string())
}

/// The event key: what makes two mentions one event.
pub fn event_key(e: &Event) -> String {
    format!("{}|{}|{}|{}", e.date.as_deref().unwrap_or(""), e.source, e.target, e.code)
}

/// The outlet an article counts as for `NumSources`: its `source`, else its URL's host, else
/// its id (an article of unknown origin is its own source).
pub fn outlet(a: &Article) -> String {
    if let Some(s) = a.source.as_deref().filter(|s| !s.trim().is_empty()) {
        return s.trim().to_string();
    }
    if let Some(u) = a.url.as_deref() {
        let rest = u.split_once("://").map(|(_, r)| r).unwrap_or(u);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
        let host = host.split(':').next().unwrap_or("").trim_start_matches("www.");
        if !host.is_empty() {
            return host.to_ascii_lowercase();
        }
    }
    a.id.clone()
}

/// Stores a batch of coded articles in one transaction. Articles already present (by id or
/// hash: another process may have stored them meanwhile) are skipped with their events.
pub fn store_batch(
    store: &mut Store,
    kb: &Knowledge,
    batch: &[(Article, CodedArticle, crate::context::Context, String)],
    stats: &mut IngestStats,
) -> Result<()> {
    let added = now_utc();
    let tx = store.conn.transaction()?;
    let mut touched: BTreeSet<i64> = BTreeSet::new();
    {
        let mut ins_article = tx.prepare_cached(
            "INSERT OR IGNORE INTO articles (id, hash, date, title, source, url, outlet, origin, text, sentences, events, added)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut ins_event = tx.prepare_cached(
            "INSERT INTO events (key, date, sqldate, source, target, source_country, target_country, source_name,
               target_name, code, base_code, root_code, name, quad_class, goldstein, plover_type, plover_mode,
               plover_context, place, place_country, first_doc, source_url, lat, lon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
               ?23, ?24)
             ON CONFLICT(key) DO NOTHING",
        )?;
        let mut find_event = tx.prepare_cached("SELECT event_id FROM events WHERE key = ?1")?;
        let mut fill_place = tx
            .prepare_cached("UPDATE events SET place = ?2, place_country = ?3 WHERE event_id = ?1 AND place IS NULL")?;
        let mut ins_mention = tx.prepare_cached(
            "INSERT OR IGNORE INTO mentions (event_id, doc_id, sentence, sentence_start, sentence_text, source_start,
               source_end, target_start, target_end, trigger_start, trigger_end, source_text, target_text, trigger,
               is_root, confidence, rule, roles, place, place_country, added)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        )?;
        for (article, coded, ctx, hash) in batch {
            let n = ins_article.execute(params![
                article.id,
                hash,
                coded.date.to_string(),
                article.title,
                article.source,
                article.url,
                outlet(article),
                article.origin,
                article.text,
                coded.doc.sentences.len() as i64,
                coded.events.len() as i64,
                added,
            ])?;
            if n == 0 {
                stats.duplicates += 1;
                continue;
            }
            stats.stored += 1;
            // Sentence start offsets in characters, and the place named in each sentence.
            let starts: Vec<usize> = {
                let mut out = Vec::with_capacity(coded.doc.sentences.len());
                let (mut byte, mut chars) = (0usize, 0usize);
                for s in &coded.doc.sentences {
                    chars += coded.doc.text[byte..s.start].chars().count();
                    byte = s.start;
                    out.push(chars);
                }
                out
            };
            for (i, e) in coded.events.iter().enumerate() {
                let key = event_key(e);
                // Where it happened: the context stage's place (with coordinates), else the
                // place named in the sentence.
                let geo = ctx.events.get(i).and_then(|c| c.geo.as_ref());
                let place = match geo {
                    Some(g) => Some((g.name.clone(), cameo_country(kb, &g.country_code))),
                    None => coded
                        .mentions
                        .iter()
                        .find(|m| m.sentence == e.sentence && m.mention.locative && m.mention.code.is_some())
                        .map(|m| {
                            (
                                m.mention.text.clone(),
                                m.mention.code.as_deref().unwrap_or("").get(..3).unwrap_or("").to_string(),
                            )
                        }),
                };
                let (place_name, place_country) = match &place {
                    Some((n, c)) => (Some(n.as_str()), Some(c.as_str())),
                    None => (None, None),
                };
                let date = e.date.as_deref().and_then(Date::parse);
                let inserted = ins_event.execute(params![
                    key,
                    e.date,
                    date.map(|d| d.sql()),
                    e.source,
                    e.target,
                    kb.ontology.split_actor(&e.source).country,
                    kb.ontology.split_actor(&e.target).country,
                    e.source_name,
                    e.target_name,
                    e.code,
                    e.base_code,
                    e.root_code,
                    e.name,
                    e.quad_class as i64,
                    e.goldstein,
                    e.plover.as_ref().map(|p| p.kind.as_str()),
                    e.plover.as_ref().map(|p| p.mode.as_str()),
                    e.plover.as_ref().map(|p| p.context.as_str()),
                    place_name,
                    place_country,
                    article.id,
                    article.url.as_deref().unwrap_or(&article.id),
                    geo.map(|g| g.lat as f64),
                    geo.map(|g| g.lon as f64),
                ])?;
                let event_id: i64 = find_event
                    .query_row(params![key], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| super::StoreError(format!("event {key} vanished")))?;
                if inserted > 0 {
                    stats.new_events += 1;
                } else if place_name.is_some() {
                    fill_place.execute(params![event_id, place_name, place_country])?;
                }
                let ev = &e.evidence;
                let n = ins_mention.execute(params![
                    event_id,
                    article.id,
                    e.sentence as i64,
                    starts.get(e.sentence).copied().unwrap_or(0) as i64,
                    ev.sentence,
                    ev.source.start as i64,
                    ev.source.end as i64,
                    ev.target.start as i64,
                    ev.target.end as i64,
                    ev.trigger.start as i64,
                    ev.trigger.end as i64,
                    e.source_text,
                    e.target_text,
                    e.trigger,
                    e.is_root as i64,
                    confidence(e),
                    e.rule.pattern,
                    e.rule.roles,
                    place_name,
                    place_country,
                    added,
                ])?;
                stats.mentions += n;
                touched.insert(event_id);
            }
        }
        let mut recount = tx.prepare_cached(
            "UPDATE events SET
               num_mentions = (SELECT count(*) FROM mentions m WHERE m.event_id = events.event_id),
               num_articles = (SELECT count(DISTINCT m.doc_id) FROM mentions m WHERE m.event_id = events.event_id),
               num_sources = (SELECT count(DISTINCT a.outlet) FROM mentions m JOIN articles a ON a.id = m.doc_id
                              WHERE m.event_id = events.event_id),
               first_seen = (SELECT min(m.added) FROM mentions m WHERE m.event_id = events.event_id),
               last_seen = (SELECT max(m.added) FROM mentions m WHERE m.event_id = events.event_id),
               is_root = (SELECT max(m.is_root) FROM mentions m WHERE m.event_id = events.event_id)
             WHERE event_id = ?1",
        )?;
        for id in &touched {
            recount.execute(params![id])?;
        }
    }
    tx.commit()?;
    stats.batches += 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, text: &str, source: Option<&str>) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            date: Date::new(2024, 10, 2),
            source: source.map(String::from),
            origin: "test".into(),
            ..Default::default()
        }
    }

    #[test]
    fn dedups_events_and_articles() {
        let dir = std::env::temp_dir().join(format!("dyad-ingest-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = Store::open(&dir.join("t.db")).unwrap();
        let kb = Knowledge::builtin();
        let visit = "Russian President Vladimir Putin criticized Kazakhstan on Wednesday.";
        let items = vec![
            Item::Article(article("a1", visit, Some("Reuters"))),
            // Same content, other id: a duplicate article.
            Item::Article(article("a1-copy", &format!("{visit}\n"), Some("Reuters"))),
            // Same event reported by another outlet in other words.
            Item::Article(article("a2", "Putin criticized Kazakhstan. Observers were surprised.", Some("TASS"))),
            // Same id again, other text: a duplicate id.
            Item::Article(article("a2", "Something else entirely.", None)),
        ];
        let opts = IngestOptions { batch: 2, default_date: Date::new(2024, 10, 2).unwrap(), quiet: true };
        let stats = run(&mut store, &kb, items.into_iter(), &opts, &mut |_, _| {}).unwrap();
        assert_eq!((stats.read, stats.stored, stats.duplicates), (4, 2, 2));
        let (n, m, s, a): (i64, i64, i64, i64) = store
            .conn
            .query_row(
                "SELECT num_mentions, num_articles, num_sources, (SELECT count(*) FROM events) FROM events
                 WHERE source = 'RUSGOV' AND target = 'KAZ' AND code = '111'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!((n, m, s), (2, 2, 2));
        assert!(a >= 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn outlets() {
        let mut a = article("x", "t", None);
        assert_eq!(outlet(&a), "x");
        a.url = Some("https://www.Example.com:443/news/1?a=b".into());
        assert_eq!(outlet(&a), "example.com");
        a.source = Some(" AP ".into());
        assert_eq!(outlet(&a), "AP");
    }
}
