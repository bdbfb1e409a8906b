//! The `dyad` command: parses flags and wires the library's stages together.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use dyad::export::Format;
use dyad::model::Date;
use dyad::pipeline::{self, Engine, RunOptions};

#[derive(Parser)]
#[command(name = "dyad", version, about = "News text in, CAMEO-coded political events out.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct DictArgs {
    /// Load dictionaries from DIR instead of the built-in ones (repeatable).
    /// TABARI and PETRARCH2 dictionaries are recognised by name and content and coded with
    /// the legacy coder.
    #[arg(long = "dictionaries", value_name = "DIR")]
    dictionaries: Vec<PathBuf>,
    /// A TABARI or PETRARCH2 verb file (repeatable).
    #[arg(long = "verbs", value_name = "FILE")]
    verbs: Vec<PathBuf>,
    /// A TABARI or PETRARCH2 actor file (repeatable).
    #[arg(long = "actors", value_name = "FILE")]
    actors: Vec<PathBuf>,
    /// A TABARI or PETRARCH2 agent file (repeatable).
    #[arg(long = "agents", value_name = "FILE")]
    agents: Vec<PathBuf>,
    /// A PETRARCH2 discard file (repeatable).
    #[arg(long = "discards", value_name = "FILE")]
    discards: Vec<PathBuf>,
    /// A PETRARCH2 issue file (repeatable).
    #[arg(long = "issues", value_name = "FILE")]
    issues: Vec<PathBuf>,
    /// Find source and target by the shallow search only, without the dependency parse.
    #[arg(long)]
    shallow: bool,
}

impl DictArgs {
    fn legacy_files(&self) -> Vec<dyad::knowledge::legacy::Source> {
        let kinds: [(&[PathBuf], &'static str); 5] = [
            (&self.verbs, "verbs"),
            (&self.actors, "actors"),
            (&self.agents, "agents"),
            (&self.discards, "discards"),
            (&self.issues, "issues"),
        ];
        kinds
            .iter()
            .flat_map(|(paths, kind)| {
                paths.iter().map(|p| dyad::knowledge::legacy::Source { path: p.clone(), kind: Some(kind) })
            })
            .collect()
    }
}

#[derive(Subcommand)]
enum Command {
    /// Code articles into events.
    Code {
        /// Files, directories (recursively) or `-` for standard input.
        #[arg(value_name = "INPUT")]
        inputs: Vec<String>,
        /// Output format; `table` when standard output is a terminal, else `events`.
        #[arg(short, long, value_enum)]
        format: Option<Format>,
        /// Date of articles that have none (YYYY-MM-DD); default: today.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Write output to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Exit non-zero when any record is skipped or a dictionary line is bad.
        #[arg(long)]
        strict: bool,
        /// Print no messages on standard error.
        #[arg(short, long)]
        quiet: bool,
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// Measure throughput and memory: codes a corpus in memory and reports articles/s,
    /// sentences/s, tokens/s and peak memory.
    Bench {
        /// JSON Lines corpus (default: ../shared/corpus/news.jsonl).
        #[arg(default_value = "../shared/corpus/news.jsonl")]
        input: String,
        /// Code at most N articles.
        #[arg(long)]
        limit: Option<usize>,
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// Score an evaluation suite (JSON Lines with expected events), as
    /// ../shared/tools/score_events.py does.
    Eval {
        /// The suite.
        suite: PathBuf,
        /// Print one line per category.
        #[arg(long)]
        by_category: bool,
        /// Print the first N records that are not coded exactly.
        #[arg(long, value_name = "N", default_value_t = 0)]
        show_misses: usize,
        /// Write the predictions (one `{"id","events"}` line per record) to FILE.
        #[arg(long, value_name = "FILE")]
        predictions: Option<PathBuf>,
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// Summarise the relationship of two actors (CAMEO country codes) over articles:
    /// events by QuadClass over time, Goldstein, agreements, figures, themes, latest events.
    Dossier {
        /// First actor (e.g. RUS).
        a: String,
        /// Second actor (e.g. KAZ).
        b: String,
        /// Files, directories (recursively) or `-` for standard input.
        #[arg(value_name = "INPUT", required = true)]
        inputs: Vec<String>,
        /// Only events and agreements on or after this date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// Only events and agreements on or before this date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        to: Option<Date>,
        /// Date of articles that have none (YYYY-MM-DD); default: today.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// How many latest events to list.
        #[arg(long, default_value_t = 10)]
        latest: usize,
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// Code articles and store them in a SQLite database, one event per real-world event.
    Ingest(dyad::store::cli::IngestArgs),
    /// Query the stored events.
    Query(dyad::store::cli::QueryArgs),
    /// Export the stored events (GDELT 2.0 events or mentions TSV, JSON Lines, CSV).
    Export(dyad::store::cli::ExportArgs),
    /// Serve the stored events: HTTP JSON API and dashboard.
    Serve(dyad::serve::ServeArgs),
    /// Train the part-of-speech tagger and dependency parser from UD treebanks.
    Train(dyad::text::cli::TrainArgs),
    /// Tag and parse text or CoNLL-U, writing CoNLL-U.
    Parse(dyad::text::cli::ParseArgs),
    /// Dictionary tools.
    Dict {
        #[command(subcommand)]
        command: DictCommand,
    },
}

#[derive(Subcommand)]
enum DictCommand {
    /// Validate the dictionaries and report their coverage.
    Check {
        #[command(flatten)]
        dicts: DictArgs,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("'{s}' is not a date (YYYY-MM-DD)"))
}

fn load(dicts: &DictArgs, quiet: bool) -> Engine {
    dyad::coding::SHALLOW.store(dicts.shallow, std::sync::atomic::Ordering::Relaxed);
    let engine = Engine::load(&dicts.dictionaries, &dicts.legacy_files());
    if !quiet {
        for d in engine.diagnostics() {
            eprintln!("dyad: dictionary: {d}");
        }
    }
    engine
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Code { inputs, format, date, output, strict, quiet, dicts } => {
            if inputs.is_empty() {
                eprintln!("dyad: no input: give files, directories, or - for standard input");
                return ExitCode::from(2);
            }
            let kb = load(&dicts, quiet);
            let stdout = io::stdout();
            let (mut out, is_terminal): (Box<dyn Write>, bool) = match &output {
                Some(p) => match std::fs::File::create(p) {
                    Ok(f) => (Box::new(io::BufWriter::new(f)), false),
                    Err(e) => {
                        eprintln!("dyad: cannot write {}: {e}", p.display());
                        return ExitCode::from(2);
                    }
                },
                None => (Box::new(io::BufWriter::with_capacity(1 << 16, stdout.lock())), io::stdout().is_terminal()),
            };
            let format = format.unwrap_or(if is_terminal { Format::Table } else { Format::Events });
            let opts = RunOptions {
                format: Some(format),
                default_date: date.unwrap_or_else(pipeline::today),
                flush_each: inputs.iter().any(|i| i == "-") || is_terminal,
                quiet,
            };
            let stats = pipeline::run(&kb, &inputs, &opts, &mut out);
            let diagnostics = kb.diagnostics().len();
            drop(out);
            let nothing_read = stats.opened_inputs == 0 && stats.articles == 0;
            if nothing_read || (strict && (stats.errors > 0 || stats.warnings > 0 || diagnostics > 0)) {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Command::Bench { input, limit, dicts } => bench(&input, limit, &dicts),
        Command::Dict { command: DictCommand::Check { dicts } } => dict_check(&dicts),
        Command::Dossier { a, b, inputs, from, to, date, json, latest, dicts } => {
            let kb = load(&dicts, false);
            let default_date = date.unwrap_or_else(pipeline::today);
            let args = dyad::context::dossier::Args { a, b, from, to, inputs, default_date, json, latest };
            match dyad::context::dossier::run(kb.knowledge(), &args, &mut io::stdout().lock()) {
                Ok(code) => ExitCode::from(code),
                Err(_) => ExitCode::SUCCESS, // the reader went away
            }
        }
        Command::Ingest(args) => dyad::store::cli::ingest(&args),
        Command::Query(args) => dyad::store::cli::query(&args),
        Command::Export(args) => dyad::store::cli::export(&args),
        Command::Serve(args) => dyad::serve::main(&args),
        Command::Train(args) => dyad::text::cli::train_main(&args),
        Command::Parse(args) => dyad::text::cli::parse_main(&args),
        Command::Eval { suite, by_category, show_misses, predictions, dicts } => {
            eval(&suite, by_category, show_misses, predictions.as_deref(), &dicts)
        }
    }
}

fn bench(input: &str, limit: Option<usize>, dicts: &DictArgs) -> ExitCode {
    if !std::path::Path::new(input).exists() {
        eprintln!("dyad bench: {input} not found (the benchmark corpus lives in ../shared/corpus/news.jsonl)");
        return ExitCode::from(2);
    }
    let t0 = Instant::now();
    let kb = load(dicts, false);
    let load_secs = t0.elapsed().as_secs_f64();
    // Read first, so that the timing is the coding alone.
    let mut articles = Vec::new();
    for item in dyad::ingest::Reader::new(&[input.to_string()]) {
        if let dyad::ingest::Item::Article(a) = item {
            articles.push(a);
            if limit.is_some_and(|l| articles.len() >= l) {
                break;
            }
        }
    }
    let default_date = Date::new(2000, 1, 1).unwrap();
    let gaz = dyad::context::Gazetteer::builtin(); // parsed here, outside the timing
    let t1 = Instant::now();
    let (mut sentences, mut tokens, mut events, mut bytes) = (0usize, 0usize, 0usize, 0usize);
    let mut context_secs = 0.0;
    for a in &articles {
        let coded = kb.code(a, default_date);
        let tc = Instant::now();
        let _context = dyad::context::analyze(kb.knowledge(), gaz, &coded);
        context_secs += tc.elapsed().as_secs_f64();
        sentences += coded.doc.sentences.len();
        tokens += coded.doc.sentences.iter().map(|s| s.tokens.len()).sum::<usize>();
        events += coded.events.len();
        bytes += a.text.len();
    }
    let secs = t1.elapsed().as_secs_f64();
    let peak =
        pipeline::peak_memory().map(|b| format!("{:.1} MiB", b as f64 / 1048576.0)).unwrap_or_else(|| "unknown".into());
    println!("corpus        {input}");
    println!("articles      {}  ({:.1} MiB of text)", articles.len(), bytes as f64 / 1048576.0);
    println!("sentences     {sentences}");
    println!("tokens        {tokens}");
    println!("events        {events}");
    match &kb {
        Engine::Native(k) => println!(
            "dictionaries  {:.3} s to load ({} entities, {} patterns)",
            load_secs,
            k.entities.len(),
            k.patterns.len()
        ),
        Engine::Legacy(b) => println!(
            "dictionaries  {:.3} s to load (legacy: {} actors, {} agents, {} verb forms, {} patterns)",
            load_secs,
            b.0.actors.entries.len(),
            b.0.agents.entries.len(),
            b.0.verbs.forms.len(),
            b.0.verbs.patterns.len()
        ),
    }
    println!("coding time   {secs:.3} s on one thread (of which the context stage {context_secs:.3} s)");
    println!("articles/s    {:.0}", articles.len() as f64 / secs);
    println!("sentences/s   {:.0}", sentences as f64 / secs);
    println!("tokens/s      {:.0}", tokens as f64 / secs);
    println!("peak memory   {peak} (VmHWM, includes the corpus held in memory)");
    ExitCode::SUCCESS
}

fn dict_check(dicts: &DictArgs) -> ExitCode {
    let kb = load(dicts, true);
    if let Engine::Legacy(b) = &kb {
        for d in &b.0.diagnostics {
            println!("{d}");
        }
        println!(
            "legacy dictionaries: {} files, {} actors, {} agents, {} verb forms, {} patterns, {} problems",
            b.0.files.len(),
            b.0.actors.entries.len(),
            b.0.agents.entries.len(),
            b.0.verbs.forms.len(),
            b.0.verbs.patterns.len(),
            b.0.diagnostics.len()
        );
        return if b.0.diagnostics.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    }
    let report = dyad::knowledge::check::report(kb.knowledge());
    let mut out = io::stdout().lock();
    let _ = write!(out, "{report}");
    if report.problems() > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn eval(
    suite: &std::path::Path,
    by_category: bool,
    show_misses: usize,
    predictions: Option<&std::path::Path>,
    dicts: &DictArgs,
) -> ExitCode {
    let mut kb = load(dicts, false);
    let file = match std::fs::File::open(suite) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("dyad eval: cannot open {}: {e}", suite.display());
            return ExitCode::from(2);
        }
    };
    let mut pred_out = match predictions.map(std::fs::File::create).transpose() {
        Ok(f) => f.map(io::BufWriter::new),
        Err(e) => {
            eprintln!("dyad eval: cannot write predictions: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = dyad::eval::EvalOptions { by_category, show_misses, default_date: pipeline::today() };
    let mut reader = io::BufReader::new(file);
    let name = suite.display().to_string();
    let result = dyad::eval::run(&mut kb, &mut reader, &name, &opts, pred_out.as_mut().map(|w| w as &mut dyn Write));
    if let Some(mut w) = pred_out {
        let _ = w.flush();
    }
    for e in &result.errors {
        eprintln!("dyad eval: {e}");
    }
    print!("{}", result.report);
    ExitCode::SUCCESS
}
