//! The store's commands: `dyad ingest`, `dyad query`, `dyad export`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::export as out;
use super::ingest::{self, IngestOptions, IngestStats};
use super::query::Filter;
use super::{Result, Store};
use crate::ingest::Reader;
use crate::knowledge::Knowledge;
use crate::model::Date;

fn parse_date(s: &str) -> std::result::Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("'{s}' is not a date (YYYY-MM-DD)"))
}

fn parse_dyad(s: &str) -> std::result::Result<(String, String), String> {
    let (a, b) = s.split_once([',', ':']).ok_or_else(|| format!("'{s}' is not a dyad (SOURCE,TARGET)"))?;
    if a.trim().is_empty() || b.trim().is_empty() {
        return Err(format!("'{s}' is not a dyad (SOURCE,TARGET)"));
    }
    Ok((a.trim().to_string(), b.trim().to_string()))
}

/// `--db`, shared by the store's commands.
#[derive(clap::Args, Clone)]
pub struct DbArgs {
    /// The database file.
    #[arg(long, value_name = "PATH", default_value = "dyad.db")]
    pub db: PathBuf,
}

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files, directories (recursively) or `-` for standard input.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Articles per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
    /// Date of articles that have none (YYYY-MM-DD); default: today.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,
    /// Print no messages and no progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    /// Load dictionaries from DIR instead of the built-in ones (repeatable).
    #[arg(long = "dictionaries", value_name = "DIR")]
    pub dictionaries: Vec<PathBuf>,
}

/// Event filters on the command line.
#[derive(clap::Args, Clone, Default)]
pub struct FilterArgs {
    /// Actor code or prefix, as source or target (RUS matches RUSGOV).
    #[arg(long)]
    pub actor: Option<String>,
    /// Source and target codes or prefixes: SOURCE,TARGET.
    #[arg(long, value_parser = parse_dyad)]
    pub dyad: Option<(String, String)>,
    /// Country code of either actor.
    #[arg(long)]
    pub country: Option<String>,
    /// CAMEO event code.
    #[arg(long)]
    pub code: Option<String>,
    /// CAMEO root code (01..20).
    #[arg(long)]
    pub root: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// PLOVER event type (CONSULT, AID, ...).
    #[arg(long)]
    pub plover: Option<String>,
    /// First date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<Date>,
    /// Place name or country code of the event's location.
    #[arg(long)]
    pub place: Option<String>,
    /// Words in a sentence that reported the event.
    #[arg(long)]
    pub text: Option<String>,
}

impl FilterArgs {
    pub fn filter(&self) -> Filter {
        Filter {
            actor: self.actor.clone(),
            dyad: self.dyad.clone(),
            country: self.country.clone(),
            code: self.code.clone(),
            root: self.root.clone(),
            quad_class: self.quad,
            plover: self.plover.clone(),
            from: self.from,
            to: self.to,
            place: self.place.clone(),
            text: self.text.clone(),
            ..Filter::new()
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum QueryFormat {
    Table,
    Json,
    Csv,
}

#[derive(clap::Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: QueryFormat,
    /// At most N events.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// With `--format json`: include each event's mentions.
    #[arg(long)]
    pub mentions: bool,
    /// Print only the number of matching events.
    #[arg(long)]
    pub count: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// GDELT 2.0 event table (61 tab-separated columns, no header).
    GdeltEvents,
    /// GDELT 2.0 mentions table (16 tab-separated columns, no header).
    GdeltMentions,
    /// One event a line (JSON).
    Jsonl,
    /// CSV with a header line.
    Csv,
    /// Parquet file of the events (needs `-o FILE`).
    #[cfg(feature = "parquet")]
    ParquetEvents,
    /// Parquet file of the mentions of the events (needs `-o FILE`).
    #[cfg(feature = "parquet")]
    ParquetMentions,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(short, long, value_enum)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn input_bytes(inputs: &[String]) -> u64 {
    fn walk(p: &Path) -> u64 {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                std::fs::read_dir(p).map(|rd| rd.flatten().map(|e| walk(&e.path())).sum()).unwrap_or(0)
            }
            Ok(m) => m.len(),
            Err(_) => 0,
        }
    }
    inputs.iter().filter(|i| *i != "-").map(|i| walk(Path::new(i))).sum()
}

/// The progress bar's line. `done` counts article text bytes, an underestimate of the input
/// bytes read (markup, JSON and compression differ), so the bar stops at 99% until the end.
fn progress_line(stats: &IngestStats, done: usize, total: u64, started: Instant, finished: bool) -> String {
    let rate = stats.read as f64 / started.elapsed().as_secs_f64().max(1e-3);
    let bar = if total > 0 {
        let frac = if finished { 1.0 } else { (done as f64 / total as f64).min(0.99) };
        let filled = (frac * 30.0) as usize;
        format!("[{}{}] {:>3.0}% ", "#".repeat(filled), " ".repeat(30 - filled), frac * 100.0)
    } else {
        String::new()
    };
    format!(
        "\r{bar}{} articles, {} stored, {} duplicates, {} mentions, {:.0} articles/s ",
        stats.read, stats.stored, stats.duplicates, stats.mentions, rate
    )
}

pub fn ingest(args: &IngestArgs) -> ExitCode {
    let kb = if args.dictionaries.is_empty() { Knowledge::builtin() } else { Knowledge::from_dirs(&args.dictionaries) };
    if !args.quiet {
        for d in &kb.diagnostics {
            eprintln!("dyad: dictionary: {d}");
        }
    }
    let mut store = match Store::open(&args.db.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dyad ingest: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = IngestOptions {
        batch: args.batch,
        default_date: args.date.unwrap_or_else(crate::pipeline::today),
        quiet: args.quiet,
    };
    let bar = !args.quiet && io::stderr().is_terminal();
    let total = if bar { input_bytes(&args.inputs) } else { 0 };
    let started = Instant::now();
    let mut reader = Reader::new(&args.inputs);
    let result = ingest::run(&mut store, &kb, reader.by_ref(), &opts, &mut |stats, done| {
        if bar {
            eprint!("{}", progress_line(stats, done, total, started, false));
        }
    });
    if bar {
        if let Ok(stats) = &result {
            eprint!("{}", progress_line(stats, 0, total, started, true));
        }
        eprintln!();
    }
    match result {
        Ok(stats) => {
            if !args.quiet {
                let (a, e, m) = store.counts().unwrap_or_default();
                eprintln!(
                    "dyad: {} articles read, {} stored, {} duplicates skipped, {} mentions ({} new events); {} records skipped, {} warnings; {:.2} s",
                    stats.read,
                    stats.stored,
                    stats.duplicates,
                    stats.mentions,
                    stats.new_events,
                    stats.errors,
                    stats.warnings,
                    started.elapsed().as_secs_f64()
                );
                eprintln!("dyad: {} now holds {a} articles, {e} events, {m} mentions", args.db.db.display());
            }
            if reader.opened == 0 && stats.read == 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(e) => {
            eprintln!("dyad ingest: {e}");
            ExitCode::from(2)
        }
    }
}

fn open_read(db: &Path) -> Result<Store> {
    if !db.exists() {
        return Err(super::StoreError(format!("{}: no such database (create it with `dyad ingest`)", db.display())));
    }
    Store::open_read_only(db)
}

pub fn query(args: &QueryArgs) -> ExitCode {
    let run = || -> Result<()> {
        let store = open_read(&args.db.db)?;
        let mut f = args.filter.filter();
        if args.count {
            println!("{}", store.count_events(&f)?);
            return Ok(());
        }
        f.limit = args.limit;
        f.offset = args.offset;
        let events = store.events(&f)?;
        let stdout = io::stdout();
        let mut w = io::BufWriter::new(stdout.lock());
        let io_err = |e: io::Error| super::StoreError(format!("write: {e}"));
        match args.format {
            QueryFormat::Table => {
                out::write_table_header(&mut w).map_err(io_err)?;
                for e in &events {
                    out::write_table(&mut w, e).map_err(io_err)?;
                }
            }
            QueryFormat::Csv => {
                out::write_csv_header(&mut w).map_err(io_err)?;
                for e in &events {
                    out::write_csv(&mut w, e).map_err(io_err)?;
                }
            }
            QueryFormat::Json => {
                for e in &events {
                    let mut v = serde_json::to_value(e).map_err(|e| super::StoreError(e.to_string()))?;
                    if args.mentions {
                        v["mentions"] = serde_json::to_value(store.mentions(Some(e.event_id), None, 1000)?)
                            .map_err(|e| super::StoreError(e.to_string()))?;
                    }
                    serde_json::to_writer(&mut w, &v).map_err(|e| super::StoreError(e.to_string()))?;
                    w.write_all(b"\n").map_err(io_err)?;
                }
            }
        }
        w.flush().map_err(io_err)
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dyad query: {e}");
            ExitCode::from(2)
        }
    }
}

pub fn export(args: &ExportArgs) -> ExitCode {
    let run = || -> Result<usize> {
        let store = open_read(&args.db.db)?;
        let mut f = args.filter.filter();
        f.limit = usize::MAX;
        #[cfg(feature = "parquet")]
        if matches!(args.format, ExportFormat::ParquetEvents | ExportFormat::ParquetMentions) {
            let Some(p) = &args.output else {
                return Err(super::StoreError("Parquet is a file format: give -o FILE".into()));
            };
            let file = std::fs::File::create(p)
                .map_err(|e| super::StoreError(format!("cannot write {}: {e}", p.display())))?;
            let w = io::BufWriter::new(file);
            return if args.format == ExportFormat::ParquetEvents {
                super::parquet::write_events(&store, &f, w)
            } else {
                super::parquet::write_mentions(&store, &f, w)
            };
        }
        let mut w: Box<dyn Write> = match &args.output {
            Some(p) => Box::new(io::BufWriter::new(
                std::fs::File::create(p)
                    .map_err(|e| super::StoreError(format!("cannot write {}: {e}", p.display())))?,
            )),
            None => Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        };
        let n = match args.format {
            ExportFormat::GdeltEvents => {
                let kb = Knowledge::builtin();
                store.each_event(&f, &mut |e| out::write_tsv(&mut w, &out::gdelt_event_fields(&kb, e)))?
            }
            ExportFormat::GdeltMentions => {
                let mut last: Option<super::query::EventRow> = None;
                store.mentions_of(&f, &mut |m| {
                    if last.as_ref().is_none_or(|e| e.event_id != m.event_id) {
                        last = store.event(m.event_id).map_err(|e| io::Error::other(e.to_string()))?;
                    }
                    out::write_tsv(&mut w, &out::gdelt_mention_fields(m, last.as_ref()))
                })?
            }
            ExportFormat::Jsonl => store.each_event(&f, &mut |e| {
                serde_json::to_writer(&mut w, e)?;
                w.write_all(b"\n")
            })?,
            ExportFormat::Csv => {
                out::write_csv_header(&mut w).map_err(|e| super::StoreError(e.to_string()))?;
                store.each_event(&f, &mut |e| out::write_csv(&mut w, e))?
            }
            #[cfg(feature = "parquet")]
            ExportFormat::ParquetEvents | ExportFormat::ParquetMentions => unreachable!("handled above"),
        };
        w.flush().map_err(|e| super::StoreError(format!("write: {e}")))?;
        Ok(n)
    };
    match run() {
        Ok(n) => {
            eprintln!("dyad export: {n} rows");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dyad export: {e}");
            ExitCode::from(2)
        }
    }
}
