//! The pipeline wired together for one article, and the run loop over many.

use std::io::Write;
use std::time::Instant;

use crate::coding::{self, CodedArticle};
use crate::context::{self, Context, Gazetteer};
use crate::export::{self, Format};
use crate::ingest::{Item, Reader};
use crate::knowledge::Knowledge;
use crate::knowledge::legacy::{self, Dictionaries};
use crate::model::{Article, Date};
use crate::text;

/// The coder a run uses: dyad's own dictionaries, or TABARI/PETRARCH dictionaries read
/// unchanged (`coding::legacy`).
pub enum Engine {
    Native(Box<Knowledge>),
    /// Legacy dictionaries, with dyad's ontology for names and Goldstein weights.
    Legacy(Box<(Dictionaries, Knowledge)>),
}

impl Engine {
    /// Codes one article with whichever coder this engine is.
    pub fn code(&self, article: &Article, default_date: Date) -> CodedArticle {
        match self {
            Engine::Native(kb) => code(kb, article, default_date),
            Engine::Legacy(b) => {
                let doc = text::analyze(&article.text);
                coding::legacy::code_article(&b.0, &b.1, article, doc, article.date.unwrap_or(default_date))
            }
        }
    }

    /// Codes one sentence-record of a story (`dyad eval` with TABARI-style story ids): the
    /// legacy coder takes `forward` from the story's previous record and updates it; dyad's own
    /// coder codes the article alone.
    pub fn code_in_story(
        &self,
        article: &Article,
        default_date: Date,
        forward: &mut coding::legacy::Forward,
    ) -> CodedArticle {
        match self {
            Engine::Native(kb) => code(kb, article, default_date),
            Engine::Legacy(b) => {
                let doc = text::analyze(&article.text);
                let date = article.date.unwrap_or(default_date);
                coding::legacy::code_in_story(&b.0, &b.1, article, doc, date, forward)
            }
        }
    }

    /// The TABARI options the legacy coder follows (none for dyad's own coder): `dyad eval`
    /// changes them when a suite's control record says so.
    pub fn legacy_options_mut(&mut self) -> Option<&mut legacy::options::Options> {
        match self {
            Engine::Native(_) => None,
            Engine::Legacy(b) => Some(&mut b.0.options),
        }
    }

    /// The knowledge export uses (the ontology, actor code parts).
    pub fn knowledge(&self) -> &Knowledge {
        match self {
            Engine::Native(kb) => kb,
            Engine::Legacy(b) => &b.1,
        }
    }

    /// Loading problems, each naming file and line.
    pub fn diagnostics(&self) -> Vec<String> {
        match self {
            Engine::Native(kb) => kb.diagnostics.iter().map(|d| d.to_string()).collect(),
            Engine::Legacy(b) => b.0.diagnostics.iter().map(|d| d.to_string()).collect(),
        }
    }

    /// Picks the engine: legacy when any directory holds TABARI/PETRARCH files or per-kind
    /// files are given, dyad's own dictionaries otherwise (built-in when none are given).
    pub fn load(dirs: &[std::path::PathBuf], files: &[legacy::Source]) -> Engine {
        if !files.is_empty() || dirs.iter().any(|d| legacy::is_legacy_dir(d)) {
            let dicts = legacy::load(dirs, files);
            // The built-in knowledge still serves the context stage (countries for places)
            // and the ontology for export.
            return Engine::Legacy(Box::new((dicts, Knowledge::builtin())));
        }
        let kb = if dirs.is_empty() { Knowledge::builtin() } else { Knowledge::from_dirs(dirs) };
        Engine::Native(Box::new(kb))
    }
}

/// Codes one article: text stage, then coding. `default_date` applies when the article has
/// no date of its own.
pub fn code(kb: &Knowledge, article: &Article, default_date: Date) -> CodedArticle {
    let doc = text::analyze(&article.text);
    coding::code_article(kb, article, doc, article.date.unwrap_or(default_date))
}

/// Codes one article and analyses its context (places, dates, amounts, themes, agreements,
/// tone): the whole pipeline short of export.
pub fn analyze(kb: &Knowledge, gaz: &Gazetteer, article: &Article, default_date: Date) -> (CodedArticle, Context) {
    let coded = code(kb, article, default_date);
    let ctx = context::analyze(kb, gaz, &coded);
    (coded, ctx)
}

/// Counts for the summary printed at the end of a run.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub articles: usize,
    pub sentences: usize,
    pub tokens: usize,
    pub events: usize,
    pub errors: usize,
    pub warnings: usize,
    pub bytes: usize,
    pub unreadable_inputs: usize,
    pub opened_inputs: usize,
}

/// Options of a run.
pub struct RunOptions {
    pub format: Option<Format>,
    pub default_date: Date,
    /// Flush after every article (for pipes that expect an answer per record).
    pub flush_each: bool,
    pub quiet: bool,
}

/// Reads every input, codes each article and writes it. Problems are reported on stderr as
/// they happen and counted; output errors (a closed pipe) end the run quietly.
pub fn run(engine: &Engine, inputs: &[String], opts: &RunOptions, out: &mut dyn Write) -> Stats {
    let mut stats = Stats::default();
    let mut reader = Reader::new(inputs);
    let started = Instant::now();
    let gaz = Gazetteer::builtin();
    for item in reader.by_ref() {
        match item {
            Item::Error(e) => {
                stats.errors += 1;
                if !opts.quiet {
                    eprintln!("dyad: error: {e}");
                }
            }
            Item::Warning(w) => {
                stats.warnings += 1;
                if !opts.quiet {
                    eprintln!("dyad: warning: {w}");
                }
            }
            Item::Article(article) => {
                // A fault of the coder on one article (a bug, not bad input) costs that article
                // only: it is reported with its id, counted as skipped, and the run goes on.
                let coded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let coded = engine.code(&article, opts.default_date);
                    let ctx = context::analyze(engine.knowledge(), gaz, &coded);
                    (coded, ctx)
                }));
                let Ok((coded, ctx)) = coded else {
                    stats.errors += 1;
                    if !opts.quiet {
                        eprintln!("dyad: error: record {}: internal error while coding; skipped", article.id);
                    }
                    continue;
                };
                stats.articles += 1;
                stats.bytes += article.text.len();
                stats.sentences += coded.doc.sentences.len();
                stats.tokens += coded.doc.sentences.iter().map(|s| s.tokens.len()).sum::<usize>();
                stats.events += coded.events.len();
                if let Some(format) = opts.format {
                    let r = export::write_article(out, format, engine.knowledge(), &article, &coded, &ctx)
                        .and_then(|_| if opts.flush_each { out.flush() } else { Ok(()) });
                    if r.is_err() {
                        break; // the reader went away (closed pipe): stop quietly
                    }
                }
            }
        }
    }
    let _ = out.flush();
    stats.unreadable_inputs = reader.unreadable;
    stats.opened_inputs = reader.opened;
    if !opts.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "dyad: {} articles, {} sentences, {} events; {} records skipped, {} warnings; {:.2} s",
            stats.articles, stats.sentences, stats.events, stats.errors, stats.warnings, secs
        );
    }
    stats
}

/// Peak resident memory of this process in bytes (Linux `VmHWM`), if known.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Today's date (UTC), from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Date::from_days((secs / 86400) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(Date::from_days(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(Date::from_days(19998), Date::new(2024, 10, 2).unwrap());
        assert_eq!(Date::from_days(11016), Date::new(2000, 2, 29).unwrap());
    }
}
