//! GDELT 2.0 event table rows: 61 tab-separated columns in GDELT's order, so scripts written
//! for GDELT's `*.export.CSV` files load dyad's output unchanged.
//!
//! Geography comes from the context stage: `Actor1Geo_*`/`Actor2Geo_*` are the actors'
//! places (the place they were named as, else their country), `ActionGeo_*` where the event
//! happened; country codes are FIPS 10-4 as in GDELT, `ADM2Code` stays empty. `AvgTone` is
//! the document tone. `SQLDATE` is the event's own date. `NumMentions`, `NumSources`
//! and `NumArticles` are 1: each row is one mention until events are deduplicated.
//! `DATEADDED` is the article's date at 00:00:00, so that output is reproducible.

use std::io::{self, Write};

use crate::context::{EventContext, Place, Tone};
use crate::knowledge::Knowledge;
use crate::model::{Article, Date, Event};

/// GDELT 2.0 event table column names, in order.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// A stable numeric event id (FNV-1a of the event id, 53 bits so JavaScript keeps it exact).
pub fn global_id(id: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in id.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    (h & ((1 << 53) - 1)).max(1)
}

fn clean(s: &str) -> String {
    s.chars().map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c }).collect()
}

/// The 61 fields of one event.
fn geo(f: &mut Vec<String>, p: Option<&Place>) {
    match p {
        Some(p) => {
            f.push(p.geo_type.to_string());
            f.push(clean(&p.full_name));
            f.push(p.fips.clone());
            f.push(p.adm1.clone());
            f.push(String::new()); // ADM2
            f.push(format!("{:.4}", p.lat));
            f.push(format!("{:.4}", p.lon));
            f.push(p.feature_id.clone());
        }
        None => f.extend(std::iter::repeat_n(String::new(), 8)),
    }
}

/// Columns 2–25: SQLDATE, MonthYear, Year, FractionDate, then each actor's code, name and
/// code parts (country, known group, ethnic, two religions, three types). Shared by the
/// coded-article export and the store's export.
pub fn date_and_actors(f: &mut Vec<String>, kb: &Knowledge, date: Option<Date>, actors: [(&String, &String); 2]) {
    match date {
        Some(d) => {
            let days = if crate::model::is_leap(d.year) { 366.0 } else { 365.0 };
            f.push(d.sql().to_string());
            f.push(format!("{:04}{:02}", d.year, d.month));
            f.push(d.year.to_string());
            f.push(format!("{:.4}", d.year as f64 + d.ordinal() as f64 / days));
        }
        None => f.extend(std::iter::repeat_n(String::new(), 4)),
    }
    for (code, name) in actors {
        let p = kb.ontology.split_actor(code);
        f.push(code.clone());
        f.push(clean(&name.to_uppercase()));
        f.push(p.country);
        f.push(p.known_group);
        f.push(p.ethnic);
        let [r1, r2] = p.religion;
        f.extend([r1, r2]);
        let [t1, t2, t3] = p.types;
        f.extend([t1, t2, t3]);
    }
}

/// Columns 26–31: IsRootEvent, EventCode, EventBaseCode, EventRootCode, QuadClass,
/// GoldsteinScale.
pub fn event_columns(f: &mut Vec<String>, is_root: bool, codes: [&str; 3], quad_class: u8, goldstein: f64) {
    f.push(if is_root { "1" } else { "0" }.into());
    f.extend(codes.map(str::to_string));
    f.push(quad_class.to_string());
    f.push(format!("{goldstein:.1}"));
}

/// The 61 fields of one event, with its context (geography, own date) and the document tone
/// where known.
pub fn fields(
    kb: &Knowledge,
    article: &Article,
    e: &Event,
    ctx: Option<&EventContext>,
    tone: Option<&Tone>,
) -> Vec<String> {
    let date = ctx.map(|c| c.date).or_else(|| e.date.as_deref().and_then(Date::parse));
    let mut f: Vec<String> = Vec::with_capacity(61);
    f.push(global_id(&e.id).to_string());
    date_and_actors(&mut f, kb, date, [(&e.source, &e.source_name), (&e.target, &e.target_name)]);
    event_columns(&mut f, e.is_root, [&e.code, &e.base_code, &e.root_code], e.quad_class, e.goldstein);
    f.extend(["1", "1", "1"].map(String::from));
    f.push(tone.map(|t| format!("{:.4}", t.tone)).unwrap_or_default()); // AvgTone
    geo(&mut f, ctx.and_then(|c| c.source_geo.as_ref()));
    geo(&mut f, ctx.and_then(|c| c.target_geo.as_ref()));
    geo(&mut f, ctx.and_then(|c| c.geo.as_ref()));
    let added = e.date.as_deref().and_then(Date::parse).or(date);
    f.push(added.map(|d| format!("{}000000", d.sql())).unwrap_or_default());
    f.push(clean(article.url.as_deref().unwrap_or(&article.id)));
    f
}

pub fn write_row(
    out: &mut dyn Write,
    kb: &Knowledge,
    article: &Article,
    e: &Event,
    ctx: Option<&EventContext>,
    tone: Option<&Tone>,
) -> io::Result<()> {
    let f = fields(kb, article, e, ctx, tone);
    debug_assert_eq!(f.len(), COLUMNS.len());
    out.write_all(f.join("\t").as_bytes())?;
    out.write_all(b"\n")
}
