//! Context stage: what surrounds the events. Places (toponyms resolved against a built-in
//! GeoNames gazetteer, and where each event happened), dates (relative references resolved
//! against the article date; each event's own date), amounts (money and quantities with
//! what they measure, the actors and the period), themes, agreements and projects, and the
//! document tone.
//!
//! Input: the coding stage's [`CodedArticle`] and the [`Knowledge`] (to map actor codes to
//! countries). Output: a [`Context`]. Depends on `model`, `text`, `knowledge`, `coding`.
//! Extractors: `places.rs`, `dates.rs`, `amounts.rs`, `themes.rs`, `agreements.rs`,
//! `tone.rs`; the gazetteer in `gazetteer.rs`; `dyad dossier` in `dossier.rs`.

pub mod agreements;
pub mod amounts;
pub mod dates;
pub mod dossier;
pub mod gazetteer;
pub mod places;
pub mod themes;
pub mod tone;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::coding::CodedArticle;
use crate::knowledge::{EntityKind, Knowledge};
use crate::model::{Date, MentionKind};
pub use agreements::{Agreement, Project};
pub use dates::Period;
pub use gazetteer::Gazetteer;
pub use places::{Location, Place};
pub use themes::ThemeCount;
pub use tone::Tone;

/// A place in the text: sentence, character span in it, and the words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Spot {
    pub sentence: usize,
    pub span: [usize; 2],
    pub text: String,
}

/// A money amount or quantity.
#[derive(Clone, Debug, Serialize)]
pub struct Amount {
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    pub unit: String,
    pub currency: Option<&'static str>,
    pub qualifier: Option<&'static str>,
    pub text: String,
    pub sentence: usize,
    pub span: [usize; 2],
    pub measure: Option<String>,
    pub measure_text: Option<String>,
    /// CAMEO country codes of the actors it concerns.
    pub actors: Vec<String>,
    pub period: Period,
}

/// What the context stage adds to one event.
#[derive(Clone, Debug, Serialize)]
pub struct EventContext {
    /// Where the action happened.
    pub geo: Option<Place>,
    pub source_geo: Option<Place>,
    pub target_geo: Option<Place>,
    /// ISO 3166-1 alpha-3 code of the source's and the target's country (`ROU` for the
    /// CAMEO `ROM`); none for international bodies and actors with no country.
    pub source_country: Option<String>,
    pub target_country: Option<String>,
    /// The event's own date: a day named in its sentence, else the article date.
    #[serde(serialize_with = "dates::as_text")]
    pub date: Date,
    /// The time reference of its sentence, if any.
    pub period: Option<Period>,
    /// Theme ids of its sentence.
    pub themes: Vec<String>,
}

/// The context stage's output for one article.
#[derive(Clone, Debug, Serialize)]
pub struct Context {
    pub locations: Vec<Location>,
    pub times: Vec<Period>,
    pub amounts: Vec<Amount>,
    pub themes: Vec<ThemeCount>,
    pub agreements: Vec<Agreement>,
    pub projects: Vec<Project>,
    pub tone: Tone,
    /// The article's main place: its dateline, else its first located city.
    pub main_place: Option<Place>,
    /// One per event of the coded article, in order.
    pub events: Vec<EventContext>,
}

/// A fast hasher for short string keys (FNV-1a); the keys are the project's own data and
/// article words, so flooding resistance is not needed.
#[derive(Clone, Copy, Default)]
pub struct FastHash;

pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
}

impl std::hash::BuildHasher for FastHash {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf29ce484222325)
    }
}

/// Character offset of a byte offset in `s`.
pub(crate) fn char_at(s: &str, byte: usize) -> usize {
    crate::text::normalize::char_offset(s, byte)
}

/// CAMEO country code → ISO alpha-2 (empty when the entry has none) for the countries of a
/// knowledge base, built once per knowledge base (the dictionaries' own look-up is a scan).
pub(crate) fn country_index(kb: &Knowledge) -> Arc<HashMap<String, String>> {
    type Cached = Option<(usize, usize, Arc<HashMap<String, String>>)>;
    static CACHE: Mutex<Cached> = Mutex::new(None);
    let key = (kb as *const Knowledge as usize, kb.entities.len());
    let mut cached = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((p, n, m)) = &*cached
        && (*p, *n) == key
    {
        return m.clone();
    }
    let mut m = HashMap::new();
    for e in kb.entities.iter().filter(|e| e.kind == EntityKind::Country && !e.is_block()) {
        m.entry(e.code.clone()).or_insert_with(|| e.iso2.clone()); // the first entry wins, as in `find`
    }
    let m = Arc::new(m);
    *cached = Some((key.0, key.1, m.clone()));
    m
}

/// The country (CAMEO code) of an actor code, when it starts with one.
fn country_of(kb: &Knowledge, cache: &mut HashMap<String, bool>, code: &str) -> Option<String> {
    let c = code.get(..3)?;
    let known = match cache.get(c) {
        Some(&k) => k,
        None => {
            let k = country_index(kb).contains_key(c);
            cache.insert(c.to_string(), k);
            k
        }
    };
    known.then(|| c.to_string())
}

/// Analyses one coded article.
pub fn analyze(kb: &Knowledge, gaz: &Gazetteer, coded: &CodedArticle) -> Context {
    let doc = &coded.doc;
    let article_date = coded.date;
    let theme_lex = themes::ThemeLexicon::builtin();
    let mut iso_cache = HashMap::new();
    let mut country_cache = HashMap::new();
    let locations = places::find(kb, gaz, coded, &mut iso_cache);

    // per sentence: time references, themes, actor countries
    let n = doc.sentences.len();
    let mut times: Vec<Vec<dates::TimeRef>> = Vec::with_capacity(n);
    let mut hits: Vec<Vec<themes::Hit>> = Vec::with_capacity(n);
    let mut countries: Vec<Vec<String>> = vec![Vec::new(); n];
    for m in &coded.mentions {
        if m.mention.kind == MentionKind::Reference {
            continue;
        }
        if let Some(c) = m.mention.code.as_deref().and_then(|c| country_of(kb, &mut country_cache, c))
            && !countries[m.sentence].contains(&c)
        {
            countries[m.sentence].push(c);
        }
    }
    let stext = |si: usize| doc.sentence_text(&doc.sentences[si]);
    let spot = |si: usize, (a, b): (usize, usize)| -> Spot {
        let s = &doc.sentences[si];
        let t = stext(si);
        let (x, y) = (s.tokens[a].start - s.start, s.tokens[b - 1].end - s.start);
        Spot { sentence: si, span: [char_at(t, x), char_at(t, y)], text: t[x..y].to_string() }
    };
    for (si, s) in doc.sentences.iter().enumerate() {
        let mut refs = dates::find(&s.tokens, article_date);
        for r in &mut refs {
            let sp = spot(si, r.tokens);
            r.period.text = Some(sp.text);
            r.period.sentence = Some(si);
            r.period.span = Some(sp.span);
        }
        times.push(refs);
        hits.push(theme_lex.find(&s.tokens));
    }

    // amounts
    let mut amounts_out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let mut skip = vec![false; s.tokens.len()];
        for r in &times[si] {
            for k in skip.iter_mut().take(r.tokens.1).skip(r.tokens.0) {
                *k = true;
            }
        }
        for f in amounts::find(&s.tokens, &doc.text, &skip) {
            let sp = spot(si, f.tokens);
            // the period: the nearest time reference of the sentence, before it first
            let period = times[si]
                .iter()
                .min_by_key(|r| {
                    if r.tokens.1 <= f.tokens.0 {
                        f.tokens.0 - r.tokens.1
                    } else {
                        1000 + r.tokens.0.saturating_sub(f.tokens.1)
                    }
                })
                .map(|r| r.period.clone())
                .unwrap_or_else(|| Period::day(article_date));
            let mut actors = countries[si].clone();
            if actors.is_empty() && si > 0 {
                actors = countries[si - 1].clone();
            }
            amounts_out.push(Amount {
                value: f.value,
                high: f.high,
                unit: f.unit,
                currency: f.currency,
                qualifier: f.qualifier,
                text: sp.text,
                sentence: si,
                span: sp.span,
                measure: f.measure,
                measure_text: f.measure_text,
                actors,
                period,
            });
        }
    }

    // themes
    let mut by_theme: HashMap<u16, Vec<Spot>> = HashMap::new();
    for (si, hs) in hits.iter().enumerate() {
        for h in hs {
            by_theme.entry(h.theme).or_default().push(spot(si, h.tokens));
        }
    }
    let mut theme_counts: Vec<ThemeCount> = by_theme
        .into_iter()
        .map(|(t, mentions)| {
            let th = &theme_lex.themes[t as usize];
            ThemeCount { theme: th.id.clone(), label: th.label.clone(), count: mentions.len(), mentions }
        })
        .collect();
    theme_counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.theme.cmp(&b.theme)));

    // main place: the dateline's, else the first located city or region, else the first place
    let main_place = doc
        .dateline
        .and_then(|(a, b)| {
            let words = doc.text[a..b].split(',').next().unwrap_or("").trim().to_string();
            let key = gazetteer::key_of(&words);
            gaz.lookup(&key)
                .iter()
                .filter(|c| c.primary)
                .max_by_key(|c| gaz.feature(c.feature).population)
                .map(|c| Place::of(gaz, c.feature))
        })
        .or_else(|| locations.iter().find(|l| l.locative && l.place.rank() > 1).map(|l| l.place.clone()))
        .or_else(|| locations.first().map(|l| l.place.clone()));

    // events
    let country_place = |code: &str, iso_cache: &mut HashMap<String, Option<String>>| -> Option<Place> {
        let c = code.get(..3)?.to_string();
        let iso2 = iso_cache.entry(c.clone()).or_insert_with(|| places::iso2_of_actor(kb, &c)).clone()?;
        gaz.country_by_iso2(&iso2).map(|ci| Place::of(gaz, ci.feature))
    };
    let iso3_of = |code: &str, iso_cache: &mut HashMap<String, Option<String>>| -> Option<String> {
        let c = code.get(..3)?.to_string();
        let iso2 = iso_cache.entry(c.clone()).or_insert_with(|| places::iso2_of_actor(kb, &c)).clone()?;
        gaz.country_by_iso2(&iso2).map(|ci| ci.iso3.clone()).filter(|s| !s.is_empty())
    };
    let mut events = Vec::with_capacity(coded.events.len());
    for e in &coded.events {
        let source_country = iso3_of(&e.source, &mut iso_cache);
        let target_country = iso3_of(&e.target, &mut iso_cache);
        let si = e.sentence;
        let trig = e.evidence.trigger.start;
        let in_sentence: Vec<&Location> = locations.iter().filter(|l| l.sentence == si).collect();
        let actor_geo = |span: &crate::model::Span, code: &str, iso_cache: &mut HashMap<String, Option<String>>| {
            if let Some(l) = in_sentence.iter().find(|l| l.span == [span.start, span.end]) {
                return Some(l.place.clone());
            }
            country_place(code, iso_cache)
        };
        let source_geo = actor_geo(&e.evidence.source, &e.source, &mut iso_cache);
        let target_geo = actor_geo(&e.evidence.target, &e.target, &mut iso_cache);
        let located = in_sentence
            .iter()
            .filter(|l| l.locative)
            .max_by_key(|l| (l.place.rank(), std::cmp::Reverse(l.span[0].abs_diff(trig))))
            .map(|l| l.place.clone());
        let geo = located.or_else(|| main_place.clone()).or_else(|| match e.code.as_str() {
            c if c.starts_with("042") => target_geo.clone().or_else(|| source_geo.clone()),
            _ => source_geo.clone().or_else(|| target_geo.clone()),
        });
        let period = times[si]
            .iter()
            .min_by_key(|r| r.period.span.map(|sp| sp[0].abs_diff(trig)).unwrap_or(usize::MAX))
            .map(|r| r.period.clone());
        let date =
            times[si].iter().find(|r| r.period.granularity == "day").map(|r| r.period.start).unwrap_or(article_date);
        let mut ths: Vec<String> = Vec::new();
        for h in &hits[si] {
            let id = &theme_lex.themes[h.theme as usize].id;
            if !ths.contains(id) {
                ths.push(id.clone());
            }
        }
        events.push(EventContext {
            geo,
            source_geo,
            target_geo,
            source_country,
            target_country,
            date,
            period,
            themes: ths,
        });
    }

    // agreements
    let dyad = main_dyad(kb, coded, &mut country_cache);
    let sector_of = |si: usize| -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for h in &hits[si] {
            let th = &theme_lex.themes[h.theme as usize];
            if agreements::SECTOR_THEMES.contains(&th.id.as_str()) && !v.contains(&th.label) {
                v.push(th.label.clone());
            }
        }
        v
    };
    // the article's list of sectors: the sentence naming most of them (three or more)
    let sector_list = (0..n).map(sector_of).filter(|v| v.len() >= 3).max_by_key(|v| v.len()).unwrap_or_default();
    let mut agreements_out: Vec<Agreement> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let signed_event = coded.events.iter().any(|e| e.sentence == si && e.code.starts_with("057"));
        let Some(raw) = agreements::find(si, &s.tokens, signed_event) else { continue };
        let mut parties: Vec<String> = Vec::new();
        let push = |p: &mut Vec<String>, c: String| {
            if !p.contains(&c) {
                p.push(c);
            }
        };
        if raw.between {
            // countries after "between"
            let b = s.tokens.iter().position(|t| t.lower == "between").unwrap_or(0);
            for m in coded.mentions.iter().filter(|m| m.sentence == si && m.mention.tokens.0 > b) {
                if let Some(c) = m.mention.code.as_deref().and_then(|c| country_of(kb, &mut country_cache, c)) {
                    push(&mut parties, c);
                }
            }
        }
        if parties.len() < 2 {
            for e in coded
                .events
                .iter()
                .filter(|e| e.sentence == si && (e.code.starts_with("057") || e.code.starts_with("06")))
            {
                for c in [&e.source, &e.target] {
                    if let Some(c) = country_of(kb, &mut country_cache, c) {
                        push(&mut parties, c);
                    }
                }
            }
        }
        if parties.len() < 2 {
            for c in &countries[si] {
                push(&mut parties, c.clone());
            }
        }
        if parties.len() < 2 {
            for c in &dyad {
                push(&mut parties, c.clone());
            }
        }
        let mut sectors = sector_of(si);
        let points_to_list =
            s.tokens.iter().any(|t| matches!(t.lower.as_str(), "sectors" | "areas" | "fields" | "spheres"));
        if sectors.len() < 2 && points_to_list {
            for x in &sector_list {
                if !sectors.contains(x) {
                    sectors.push(x.clone());
                }
            }
        }
        let date =
            times[si].iter().find(|r| r.period.granularity == "day").map(|r| r.period.start).unwrap_or(article_date);
        let place = coded
            .events
            .iter()
            .zip(&events)
            .find(|(e, _)| e.sentence == si)
            .and_then(|(_, c)| c.geo.clone())
            .or_else(|| locations.iter().find(|l| l.sentence == si && l.locative).map(|l| l.place.clone()))
            .or_else(|| main_place.clone());
        let ev = spot(si, raw.tokens);
        // the same agreements mentioned again: merge
        // (same count; or no count, "the agreements signed", and the same kind)
        let same = |a: &Agreement| {
            a.count == raw.count || (raw.count.is_none() && a.kinds.iter().any(|k| raw.kinds.contains(&k.as_str())))
        };
        let prev = match agreements_out.iter().position(same) {
            Some(i) => Some(i),
            None if raw.count.is_some() => agreements_out.iter().position(|a| a.count.is_none()),
            None => None,
        };
        if let Some(prev) = prev.map(|i| &mut agreements_out[i]) {
            if prev.count.is_none() {
                prev.count = raw.count;
            }
            for k in &raw.kinds {
                if !prev.kinds.iter().any(|x| x == k) {
                    prev.kinds.push(k.to_string());
                }
            }
            // parties found in the sentence itself beat the article's dyad
            if prev.parties.len() < parties.len() || (raw.between && prev.parties != parties && parties.len() >= 2) {
                prev.parties = parties;
            }
            for x in sectors {
                if !prev.sectors.contains(&x) {
                    prev.sectors.push(x);
                }
            }
            if prev.place.is_none() {
                prev.place = place;
            }
            prev.evidence.push(ev);
            continue;
        }
        agreements_out.push(Agreement {
            count: raw.count,
            kind: raw.kinds[0].to_string(),
            kinds: raw.kinds.iter().map(|k| k.to_string()).collect(),
            parties,
            sectors,
            date: date.to_string(),
            place,
            evidence: vec![ev],
        });
    }

    // projects
    let mut projects_out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        for (a, b, kind) in agreements::projects(&s.tokens) {
            let sp = spot(si, (a, b));
            let mut actors: Vec<String> = Vec::new();
            // an owner in the possessive right before the name (skipping one adjective)
            let mut k = a;
            while k > 0 && s.tokens[k - 1].shape == crate::model::Shape::Lower && k + 2 > a {
                k -= 1;
            }
            if k >= 2
                && s.tokens[k - 1].lower == "'s"
                && let Some(m) = coded.mentions.iter().find(|m| m.sentence == si && m.mention.tokens.1 == k - 1)
                && let Some(c) = m.mention.code.as_deref().and_then(|c| country_of(kb, &mut country_cache, c))
            {
                actors.push(c);
            }
            for m in coded.mentions.iter().filter(|m| m.sentence == si && !m.mention.locative) {
                if let Some(c) = m.mention.code.as_deref().and_then(|c| country_of(kb, &mut country_cache, c))
                    && !actors.contains(&c)
                {
                    actors.push(c);
                }
            }
            let place = locations
                .iter()
                .filter(|l| l.sentence == si && l.locative)
                .min_by_key(|l| l.tokens.0.abs_diff(b))
                .map(|l| l.place.clone());
            projects_out.push(Project {
                name: sp.text.clone(),
                kind: kind.to_string(),
                actors,
                place,
                sentence: si,
                span: sp.span,
                tokens: (a, b),
            });
        }
    }

    let tone = tone::ToneLexicon::builtin().score(doc.sentences.iter().flat_map(|s| s.tokens.iter()));
    Context {
        locations,
        times: times.into_iter().flatten().map(|r| r.period).collect(),
        amounts: amounts_out,
        themes: theme_counts,
        agreements: agreements_out,
        projects: projects_out,
        tone,
        main_place,
        events,
    }
}

/// The article's main dyad: the most frequent pair of countries among its events (ties:
/// the first seen), else its two most mentioned countries.
fn main_dyad(kb: &Knowledge, coded: &CodedArticle, cache: &mut HashMap<String, bool>) -> Vec<String> {
    let mut pairs: Vec<((String, String), usize)> = Vec::new();
    for e in &coded.events {
        let (Some(a), Some(b)) = (country_of(kb, cache, &e.source), country_of(kb, cache, &e.target)) else { continue };
        if a == b {
            continue;
        }
        let key = if a < b { (a, b) } else { (b, a) };
        match pairs.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => pairs.push((key, 1)),
        }
    }
    let mut best: Option<&((String, String), usize)> = None;
    for p in &pairs {
        if best.is_none_or(|b| p.1 > b.1) {
            best = Some(p);
        }
    }
    if let Some(((a, b), _)) = best {
        return vec![a.clone(), b.clone()];
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in &coded.mentions {
        if let Some(c) = m.mention.code.as_deref().and_then(|c| country_of(kb, cache, c)) {
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().take(2).map(|(c, _)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    fn run(text: &str) -> (CodedArticle, Context) {
        let kb = Knowledge::builtin();
        let article = Article { id: "t".into(), text: text.into(), ..Default::default() };
        crate::pipeline::analyze(&kb, Gazetteer::builtin(), &article, Date::new(2024, 10, 2).unwrap())
    }

    #[test]
    fn events_get_their_own_date_and_place() {
        let (coded, ctx) = run("Russian President Vladimir Putin visited Kazakhstan on Saturday.");
        assert_eq!(coded.events.len(), 1, "{:?}", coded.events);
        let e = &ctx.events[0];
        assert_eq!(e.date, Date::new(2024, 9, 28).unwrap());
        assert_eq!(e.geo.as_ref().map(|p| p.name.as_str()), Some("Kazakhstan"));
        assert_eq!(e.source_geo.as_ref().map(|p| p.fips.as_str()), Some("RS"));
        // in a city: the city, the most specific place
        let (_, ctx) = run("Russian President Vladimir Putin met Kazakh President Kassym-Jomart Tokayev in Almaty.");
        let geo = ctx.events.first().and_then(|e| e.geo.clone()).expect("an event with a place");
        assert_eq!((geo.name.as_str(), geo.geo_type, geo.country_code.as_str()), ("Almaty", 4, "KZ"));
    }

    #[test]
    fn gdelt_row_carries_geography_tone_and_event_date() {
        let kb = Knowledge::builtin();
        let article = Article {
            id: "t".into(),
            text: "Russian President Vladimir Putin visited Kazakhstan on Saturday, a friendly and fruitful visit."
                .into(),
            ..Default::default()
        };
        let (coded, ctx) =
            crate::pipeline::analyze(&kb, Gazetteer::builtin(), &article, Date::new(2024, 10, 2).unwrap());
        let mut out = Vec::new();
        crate::export::write_article(&mut out, crate::export::Format::Gdelt, &kb, &article, &coded, &ctx).unwrap();
        let line = String::from_utf8(out).unwrap();
        let f: Vec<&str> = line.trim_end().split('\t').collect();
        assert_eq!(f.len(), 61);
        assert_eq!(f[1], "20240928", "SQLDATE is the event's date");
        assert_eq!(f[59], "20241002000000", "DATEADDED is the article's");
        assert!(f[34].parse::<f64>().unwrap() > 0.0, "AvgTone {}", f[34]);
        assert_eq!(&f[35..38], &["1", "Russia", "RS"]);
        assert_eq!(&f[51..54], &["1", "Kazakhstan", "KZ"]);
        assert_eq!(f[58], "KZ", "a country's feature id is its FIPS code");
        // the articles format carries the same
        let mut out = Vec::new();
        crate::export::write_article(&mut out, crate::export::Format::Articles, &kb, &article, &coded, &ctx).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["events"][0]["date"], "2024-09-28");
        assert_eq!(v["events"][0]["geo"]["fips"], "KZ");
        assert_eq!(v["events"][0]["period"]["text"], "Saturday");
        assert!(v["locations"].as_array().unwrap().iter().any(|l| l["name"] == "Kazakhstan"));
        assert!(v["tone"]["tone"].as_f64().unwrap() > 0.0);
    }

    #[test]
    fn amounts_concern_the_sentence_actors_and_period() {
        let (_, ctx) = run("In 2023 China invested up to €1.2bn in Kazakhstan, and exports fell by 3%.");
        let inv = ctx.amounts.iter().find(|a| a.currency == Some("EUR")).expect("the euro amount");
        assert_eq!((inv.value, inv.qualifier, inv.measure.as_deref()), (1.2e9, Some("up to"), Some("investment")));
        assert_eq!(inv.actors, ["CHN", "KAZ"]);
        assert_eq!((inv.period.start.to_string(), inv.period.granularity), ("2023-01-01".to_string(), "year"));
        let pct = ctx.amounts.iter().find(|a| a.unit == "percent").expect("the percentage");
        assert_eq!((pct.value, pct.measure.as_deref()), (3.0, Some("exports")));
    }

    #[test]
    fn agreements_without_between_take_the_event_dyad() {
        let (_, ctx) = run("Turkey and Azerbaijan signed three energy agreements on Monday.");
        assert_eq!(ctx.agreements.len(), 1, "{:?}", ctx.agreements);
        let a = &ctx.agreements[0];
        assert_eq!(a.count, Some(3.0));
        let mut p = a.parties.clone();
        p.sort();
        assert_eq!(p, ["AZE", "TUR"]);
        assert_eq!(a.sectors, ["energy"]);
        assert_eq!(a.date, "2024-09-30");
    }
}
