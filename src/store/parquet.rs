//! Parquet export of events and mentions (for pandas, polars, DuckDB, Spark): uncompressed,
//! row groups of 65,536 rows, strings as UTF-8 byte arrays, absent values as nulls.

use std::io::Write;
use std::sync::Arc;

use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use super::query::{EventRow, MentionRow};
use super::{Result, Store, StoreError};
use crate::store::query::Filter;

const ROW_GROUP: usize = 65_536;

/// A value of one cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Str(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(bool),
}

#[derive(Clone, Copy)]
enum Kind {
    Str,
    Int,
    Float,
    Bool,
}

/// A table layout: column names and kinds, and how a row becomes cells.
pub trait Table {
    /// `(name, kind, optional)` per column: kind is `s` string, `i` int64, `f` double, `b` bool.
    const COLUMNS: &'static [(&'static str, char, bool)];
    fn cells(&self) -> Vec<Cell>;
}

fn s(v: &str) -> Cell {
    Cell::Str(Some(v.to_string()))
}
fn os(v: &Option<String>) -> Cell {
    Cell::Str(v.clone())
}
fn i(v: i64) -> Cell {
    Cell::Int(Some(v))
}

impl Table for EventRow {
    const COLUMNS: &'static [(&'static str, char, bool)] = &[
        ("event_id", 'i', false),
        ("date", 's', true),
        ("sqldate", 'i', true),
        ("source", 's', false),
        ("source_name", 's', false),
        ("source_country", 's', false),
        ("target", 's', false),
        ("target_name", 's', false),
        ("target_country", 's', false),
        ("code", 's', false),
        ("base_code", 's', false),
        ("root_code", 's', false),
        ("name", 's', false),
        ("quad_class", 'i', false),
        ("goldstein", 'f', false),
        ("plover_type", 's', true),
        ("is_root", 'b', false),
        ("place", 's', true),
        ("place_country", 's', true),
        ("lat", 'f', true),
        ("lon", 'f', true),
        ("num_mentions", 'i', false),
        ("num_sources", 'i', false),
        ("num_articles", 'i', false),
        ("first_seen", 's', true),
        ("last_seen", 's', true),
        ("source_url", 's', true),
    ];

    fn cells(&self) -> Vec<Cell> {
        let sqldate = self.date.as_deref().and_then(crate::model::Date::parse).map(|d| d.sql());
        vec![
            i(self.event_id),
            os(&self.date),
            Cell::Int(sqldate),
            s(&self.source),
            s(&self.source_name),
            s(&self.source_country),
            s(&self.target),
            s(&self.target_name),
            s(&self.target_country),
            s(&self.code),
            s(&self.base_code),
            s(&self.root_code),
            s(&self.name),
            i(self.quad_class),
            Cell::Float(Some(self.goldstein)),
            os(&self.plover_type),
            Cell::Bool(self.is_root),
            os(&self.place),
            os(&self.place_country),
            Cell::Float(self.lat),
            Cell::Float(self.lon),
            i(self.num_mentions),
            i(self.num_sources),
            i(self.num_articles),
            os(&self.first_seen),
            os(&self.last_seen),
            os(&self.source_url),
        ]
    }
}

impl Table for MentionRow {
    const COLUMNS: &'static [(&'static str, char, bool)] = &[
        ("mention_id", 'i', false),
        ("event_id", 'i', false),
        ("doc_id", 's', false),
        ("sentence", 'i', false),
        ("sentence_start", 'i', false),
        ("sentence_text", 's', false),
        ("source_start", 'i', false),
        ("source_end", 'i', false),
        ("target_start", 'i', false),
        ("target_end", 'i', false),
        ("trigger_start", 'i', false),
        ("trigger_end", 'i', false),
        ("source_text", 's', false),
        ("target_text", 's', false),
        ("trigger", 's', false),
        ("is_root", 'b', false),
        ("confidence", 'f', false),
        ("rule", 's', false),
        ("roles", 's', false),
        ("place", 's', true),
        ("place_country", 's', true),
        ("added", 's', false),
        ("outlet", 's', true),
        ("url", 's', true),
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            i(self.mention_id),
            i(self.event_id),
            s(&self.doc_id),
            i(self.sentence),
            i(self.sentence_start),
            s(&self.sentence_text),
            i(self.source_span[0]),
            i(self.source_span[1]),
            i(self.target_span[0]),
            i(self.target_span[1]),
            i(self.trigger_span[0]),
            i(self.trigger_span[1]),
            s(&self.source_text),
            s(&self.target_text),
            s(&self.trigger),
            Cell::Bool(self.is_root),
            Cell::Float(Some(self.confidence)),
            s(&self.rule),
            s(&self.roles),
            os(&self.place),
            os(&self.place_country),
            s(&self.added),
            os(&self.outlet),
            os(&self.url),
        ]
    }
}

fn kind(c: char) -> Kind {
    match c {
        's' => Kind::Str,
        'i' => Kind::Int,
        'f' => Kind::Float,
        _ => Kind::Bool,
    }
}

fn schema<T: Table>(name: &str) -> String {
    let mut out = format!("message {name} {{\n");
    for (col, k, optional) in T::COLUMNS {
        let rep = if *optional { "OPTIONAL" } else { "REQUIRED" };
        let ty = match kind(*k) {
            Kind::Str => "BYTE_ARRAY",
            Kind::Int => "INT64",
            Kind::Float => "DOUBLE",
            Kind::Bool => "BOOLEAN",
        };
        let ann = if matches!(kind(*k), Kind::Str) { " (UTF8)" } else { "" };
        out.push_str(&format!("  {rep} {ty} {col}{ann};\n"));
    }
    out.push('}');
    out
}

fn perr(e: parquet::errors::ParquetError) -> StoreError {
    StoreError(format!("parquet: {e}"))
}

/// Streams rows into a Parquet file, one row group per [`ROW_GROUP`] rows.
pub struct Writer<T: Table, W: Write + Send> {
    inner: SerializedFileWriter<W>,
    rows: Vec<T>,
    pub written: usize,
}

impl<T: Table, W: Write + Send> Writer<T, W> {
    pub fn new(out: W, name: &str) -> Result<Self> {
        let schema = Arc::new(parse_message_type(&schema::<T>(name)).map_err(perr)?);
        let props = Arc::new(WriterProperties::builder().set_created_by("dyad".into()).build());
        Ok(Writer { inner: SerializedFileWriter::new(out, schema, props).map_err(perr)?, rows: Vec::new(), written: 0 })
    }

    pub fn push(&mut self, row: T) -> Result<()> {
        self.rows.push(row);
        if self.rows.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let cells: Vec<Vec<Cell>> = self.rows.drain(..).map(|r| r.cells()).collect();
        self.written += cells.len();
        let mut rg = self.inner.next_row_group().map_err(perr)?;
        let mut c = 0;
        while let Some(mut col) = rg.next_column().map_err(perr)? {
            let (_, k, optional) = T::COLUMNS[c];
            let defs: Vec<i16> = cells
                .iter()
                .map(|r| match &r[c] {
                    Cell::Str(None) | Cell::Int(None) | Cell::Float(None) => 0,
                    _ => 1,
                })
                .collect();
            let defs = optional.then_some(defs.as_slice());
            match kind(k) {
                Kind::Str => {
                    let v: Vec<ByteArray> = cells
                        .iter()
                        .filter_map(|r| match &r[c] {
                            Cell::Str(Some(s)) => Some(ByteArray::from(s.as_str())),
                            _ => None,
                        })
                        .collect();
                    col.typed::<ByteArrayType>().write_batch(&v, defs, None).map_err(perr)?;
                }
                Kind::Int => {
                    let v: Vec<i64> =
                        cells.iter().filter_map(|r| if let Cell::Int(x) = r[c] { x } else { None }).collect();
                    col.typed::<Int64Type>().write_batch(&v, defs, None).map_err(perr)?;
                }
                Kind::Float => {
                    let v: Vec<f64> =
                        cells.iter().filter_map(|r| if let Cell::Float(x) = r[c] { x } else { None }).collect();
                    col.typed::<DoubleType>().write_batch(&v, defs, None).map_err(perr)?;
                }
                Kind::Bool => {
                    let v: Vec<bool> =
                        cells.iter().filter_map(|r| if let Cell::Bool(x) = r[c] { Some(x) } else { None }).collect();
                    col.typed::<BoolType>().write_batch(&v, defs, None).map_err(perr)?;
                }
            }
            col.close().map_err(perr)?;
            c += 1;
        }
        rg.close().map_err(perr)?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<usize> {
        self.flush()?;
        self.inner.close().map_err(perr)?;
        Ok(self.written)
    }
}

/// Writes the events matching `f` as Parquet.
pub fn write_events<W: Write + Send>(store: &Store, f: &Filter, out: W) -> Result<usize> {
    let mut w: Writer<EventRow, W> = Writer::new(out, "events")?;
    let mut failed = None;
    store
        .each_event(f, &mut |e| {
            if let Err(err) = w.push(e.clone()) {
                failed = Some(err);
                return Err(std::io::Error::other("parquet"));
            }
            Ok(())
        })
        .map_err(|e| failed.take().unwrap_or(e))?;
    w.finish()
}

/// Writes the mentions of the events matching `f` as Parquet.
pub fn write_mentions<W: Write + Send>(store: &Store, f: &Filter, out: W) -> Result<usize> {
    let mut w: Writer<MentionRow, W> = Writer::new(out, "mentions")?;
    let mut failed = None;
    store
        .mentions_of(f, &mut |m| {
            if let Err(err) = w.push(m.clone()) {
                failed = Some(err);
                return Err(std::io::Error::other("parquet"));
            }
            Ok(())
        })
        .map_err(|e| failed.take().unwrap_or(e))?;
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_text() {
        let s = schema::<EventRow>("events");
        assert!(s.starts_with("message events {\n  REQUIRED INT64 event_id;\n  OPTIONAL BYTE_ARRAY date (UTF8);"));
        assert_eq!(s.matches(';').count(), EventRow::COLUMNS.len());
    }
}
