//! Writers for stored events: readable table, JSON Lines, CSV, and GDELT 2.0 event and
//! mentions TSV (the deduplicated counterparts of `export::gdelt`).

use std::io::{self, Write};

use super::query::{EventRow, MentionRow};
use crate::export::gdelt::COLUMNS;
use crate::knowledge::Knowledge;
use crate::model::Date;

/// GDELT 2.0 mentions table columns, in order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

fn clean(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
}

/// `2024-10-02T10:11:12Z` → `20241002101112`.
fn timestamp(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).take(14).collect()
}

/// The 61 GDELT 2.0 event fields of a stored event: `NumMentions`, `NumSources` and
/// `NumArticles` are the deduplicated counts, `DATEADDED` is when it was first seen.
pub fn gdelt_event_fields(kb: &Knowledge, e: &EventRow) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(61);
    f.push(e.event_id.to_string());
    let date = e.date.as_deref().and_then(Date::parse);
    crate::export::gdelt::date_and_actors(&mut f, kb, date, [(&e.source, &e.source_name), (&e.target, &e.target_name)]);
    crate::export::gdelt::event_columns(
        &mut f,
        e.is_root,
        [&e.code, &e.base_code, &e.root_code],
        e.quad_class as u8,
        e.goldstein,
    );
    f.push(e.num_mentions.to_string());
    f.push(e.num_sources.to_string());
    f.push(e.num_articles.to_string());
    f.push(String::new()); // AvgTone
    f.extend(std::iter::repeat_n(String::new(), 16)); // Actor1Geo_*, Actor2Geo_*
    // ActionGeo: the place named in the sentence, where known.
    let has_place = e.place.is_some() || e.lat.is_some();
    f.push(if has_place { "1".into() } else { String::new() }); // ActionGeo_Type: country
    f.push(clean(e.place.as_deref().unwrap_or("")));
    f.push(e.place_country.clone().unwrap_or_default());
    f.push(String::new());
    f.push(String::new());
    f.push(e.lat.map(|v| format!("{v:.4}")).unwrap_or_default());
    f.push(e.lon.map(|v| format!("{v:.4}")).unwrap_or_default());
    f.push(String::new());
    f.push(e.first_seen.as_deref().map(timestamp).unwrap_or_default());
    f.push(clean(e.source_url.as_deref().or(e.first_doc.as_deref()).unwrap_or("")));
    debug_assert_eq!(f.len(), COLUMNS.len());
    f
}

/// The 16 GDELT 2.0 mentions fields. Offsets are character offsets into the article text;
/// `Confidence` is a percentage.
pub fn gdelt_mention_fields(m: &MentionRow, event: Option<&EventRow>) -> Vec<String> {
    vec![
        m.event_id.to_string(),
        event.and_then(|e| e.first_seen.as_deref()).map(timestamp).unwrap_or_default(),
        timestamp(&m.added),
        "1".into(),
        clean(m.outlet.as_deref().unwrap_or("")),
        clean(m.url.as_deref().unwrap_or(&m.doc_id)),
        (m.sentence + 1).to_string(),
        (m.sentence_start + m.source_span[0]).to_string(),
        (m.sentence_start + m.target_span[0]).to_string(),
        (m.sentence_start + m.trigger_span[0]).to_string(),
        "1".into(),
        format!("{:.0}", m.confidence * 100.0),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

pub fn write_tsv(out: &mut dyn Write, fields: &[String]) -> io::Result<()> {
    out.write_all(fields.join("\t").as_bytes())?;
    out.write_all(b"\n")
}

/// Columns of the CSV and table outputs of `dyad query`.
pub const CSV_COLUMNS: [&str; 17] = [
    "event_id",
    "date",
    "source",
    "source_name",
    "code",
    "name",
    "target",
    "target_name",
    "quad_class",
    "goldstein",
    "plover_type",
    "place",
    "num_mentions",
    "num_sources",
    "num_articles",
    "first_seen",
    "last_seen",
];

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

fn csv_values(e: &EventRow) -> Vec<String> {
    vec![
        e.event_id.to_string(),
        e.date.clone().unwrap_or_default(),
        e.source.clone(),
        e.source_name.clone(),
        e.code.clone(),
        e.name.clone(),
        e.target.clone(),
        e.target_name.clone(),
        e.quad_class.to_string(),
        format!("{:.1}", e.goldstein),
        e.plover_type.clone().unwrap_or_default(),
        e.place.clone().unwrap_or_default(),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        e.first_seen.clone().unwrap_or_default(),
        e.last_seen.clone().unwrap_or_default(),
    ]
}

pub fn write_csv_header(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", CSV_COLUMNS.join(","))
}

pub fn write_csv(out: &mut dyn Write, e: &EventRow) -> io::Result<()> {
    let v: Vec<String> = csv_values(e).iter().map(|s| csv_cell(s)).collect();
    writeln!(out, "{}", v.join(","))
}

pub fn write_table_header(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{:>8}  {:<10}  {:<9} {:<5} {:<9} {:<30} {:>5} {:>4} {:>4}  place",
        "id", "date", "source", "code", "target", "name", "ment", "src", "art"
    )
}

pub fn write_table(out: &mut dyn Write, e: &EventRow) -> io::Result<()> {
    let name: String = e.name.chars().take(30).collect();
    writeln!(
        out,
        "{:>8}  {:<10}  {:<9} {:<5} {:<9} {:<30} {:>5} {:>4} {:>4}  {}",
        e.event_id,
        e.date.as_deref().unwrap_or(""),
        e.source,
        e.code,
        e.target,
        name,
        e.num_mentions,
        e.num_sources,
        e.num_articles,
        e.place.as_deref().unwrap_or("")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(timestamp("2024-10-02T10:11:12Z"), "20241002101112");
    }
}
