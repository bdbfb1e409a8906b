//! The `dyad train` and `dyad parse` commands.

use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::conllu::{self, Sentence, Word};
use super::reattach::Scope;
use super::syntax::Syntax;
use super::train;

/// `dyad train`: trains the tagger and parser.
#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    /// Training treebank (CoNLL-U).
    #[arg(long, default_value = "../shared/ud/en_ewt-ud-train.conllu")]
    pub train: PathBuf,
    /// Development treebank, for choosing the epoch and stopping early.
    #[arg(long, default_value = "../shared/ud/en_ewt-ud-dev.conllu")]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(short, long, default_value = "data/models/en_ewt.syntax")]
    pub output: PathBuf,
    /// Random seed: the same data and seed give the same model bytes. (The built-in model
    /// uses 2, the better of seeds 1 to 3 on dev.)
    #[arg(long, default_value_t = 2)]
    pub seed: u64,
    /// Most tagger epochs.
    #[arg(long, default_value_t = 12)]
    pub tagger_epochs: usize,
    /// Most parser epochs.
    #[arg(long, default_value_t = 20)]
    pub parser_epochs: usize,
    /// Stop after this many epochs without improvement on dev.
    #[arg(long, default_value_t = 5)]
    pub patience: usize,
    /// Train the parser on tags predicted by K taggers, each trained without one K-th of
    /// the data (0: tags of the final tagger).
    #[arg(long, default_value_t = 4)]
    pub jackknife: usize,
    /// Drop averaged weights smaller than this in absolute value (smaller model).
    #[arg(long, default_value_t = 0.5)]
    pub min_weight: f32,
    /// Epochs of the ranker that reconsiders the parser's heads (0: no ranker).
    #[arg(long, default_value_t = 10)]
    pub reattach_epochs: usize,
    /// Reconsider the heads of punctuation only.
    #[arg(long)]
    pub reattach_punct_only: bool,
    /// Weight pruning of the ranker.
    #[arg(long, default_value_t = 0.5)]
    pub reattach_min_weight: f32,
    /// Most epochs of the jackknifed parsers whose output trains the ranker.
    #[arg(long, default_value_t = 8)]
    pub fold_parser_epochs: usize,
    /// Keep the tagger and parser of this model and train only the ranker.
    #[arg(long, value_name = "FILE")]
    pub reuse: Option<PathBuf>,
}

pub fn train_main(args: &TrainArgs) -> ExitCode {
    let t0 = Instant::now();
    let read = |p: &Path| match train::read_treebank(p, true) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("dyad train: {e}");
            None
        }
    };
    let Some(train_set) = read(&args.train) else { return ExitCode::from(2) };
    let dev_set = if args.dev.as_os_str().is_empty() { Vec::new() } else { read(&args.dev).unwrap_or_default() };
    if train_set.is_empty() {
        eprintln!("dyad train: no usable sentence in {}", args.train.display());
        return ExitCode::from(2);
    }
    eprintln!("dyad train: {} training sentences, {} dev sentences", train_set.len(), dev_set.len());
    let opts = train::Options {
        seed: args.seed,
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        patience: args.patience,
        jackknife: args.jackknife,
        min_weight: args.min_weight,
        reattach_epochs: args.reattach_epochs,
        reattach_scope: if args.reattach_punct_only { Scope::Punct } else { Scope::All },
        reattach_min_weight: args.reattach_min_weight,
        fold_parser_epochs: args.fold_parser_epochs,
        verbose: true,
        ..train::Options::default()
    };
    let model = match &args.reuse {
        None => train::train(&train_set, &dev_set, &opts),
        Some(p) => match std::fs::read(p).map_err(|e| e.to_string()).and_then(|b| Syntax::from_bytes(&b)) {
            Ok(base) => train::train_ranker(base, &train_set, &dev_set, &opts),
            Err(e) => {
                eprintln!("dyad train: cannot load model {}: {e}", p.display());
                return ExitCode::from(2);
            }
        },
    };
    let bytes = model.to_bytes();
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = std::fs::write(&args.output, &bytes) {
        eprintln!("dyad train: cannot write {}: {e}", args.output.display());
        return ExitCode::from(2);
    }
    let (tf, tw) = model.tagger.size();
    let (pf, pw) = model.parser.size();
    let (rf, rw) = model.ranker.as_ref().map_or((0, 0), |r| r.size());
    eprintln!(
        "dyad train: wrote {} ({:.1} MB; tagger {tf} features {tw} weights, parser {pf} features {pw} weights, \
         re-attachment {rf} features {rw} weights) in {:.0} s",
        args.output.display(),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// `dyad parse`: tags and parses text or CoNLL-U, writing CoNLL-U.
#[derive(clap::Args, Debug)]
pub struct ParseArgs {
    /// Input files (`-` or nothing: standard input).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Input format; by default `conllu` for `.conllu` files, else `text`.
    #[arg(short, long, value_enum)]
    pub format: Option<InputFormat>,
    /// Use this model file instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Write output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Instead of parsing: score dyad's tokenizer and sentence splitter against CoNLL-U
    /// files with `# text` lines (such as UD treebanks).
    #[arg(long)]
    pub score_tokenizer: bool,
    /// Print no summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text: tokenised and split by dyad.
    Text,
    /// CoNLL-U: its tokens and sentences are kept.
    Conllu,
}

#[derive(Default)]
struct Stats {
    sentences: usize,
    tokens: usize,
    skipped: usize,
    time: Duration,
}

pub fn parse_main(args: &ParseArgs) -> ExitCode {
    let inputs: Vec<String> = if args.inputs.is_empty() { vec!["-".into()] } else { args.inputs.clone() };
    if args.score_tokenizer {
        return score_tokenizer_main(&inputs);
    }
    let t0 = Instant::now();
    let loaded;
    let syntax: &Syntax = match &args.model {
        None => Syntax::builtin(),
        Some(p) => match std::fs::read(p).map_err(|e| e.to_string()).and_then(|b| Syntax::from_bytes(&b)) {
            Ok(s) => {
                loaded = s;
                &loaded
            }
            Err(e) => {
                eprintln!("dyad parse: cannot load model {}: {e}", p.display());
                return ExitCode::from(2);
            }
        },
    };
    let load_secs = t0.elapsed().as_secs_f64();
    let stdout = io::stdout();
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("dyad parse: cannot write {}: {e}", p.display());
                return ExitCode::from(2);
            }
        },
        None => Box::new(io::BufWriter::with_capacity(1 << 16, stdout.lock())),
    };
    let mut stats = Stats::default();
    let mut opened = 0;
    let cpu0 = cpu_seconds();
    for input in &inputs {
        let format =
            args.format.unwrap_or(if input.ends_with(".conllu") { InputFormat::Conllu } else { InputFormat::Text });
        let reader: Box<dyn BufRead> = if input == "-" {
            Box::new(io::BufReader::new(io::stdin()))
        } else {
            match std::fs::File::open(input) {
                Ok(f) => Box::new(io::BufReader::new(f)),
                Err(e) => {
                    eprintln!("dyad parse: cannot open {input}: {e}");
                    continue;
                }
            }
        };
        opened += 1;
        let name = if input == "-" { "stdin" } else { input.as_str() };
        let result = match format {
            InputFormat::Conllu => parse_conllu(syntax, reader, name, &mut out, &mut stats),
            InputFormat::Text => parse_text(syntax, reader, name, &mut out, &mut stats),
        };
        if let Err(e) = result {
            eprintln!("dyad parse: {name}: {e}");
        }
    }
    if let Err(e) = out.flush() {
        eprintln!("dyad parse: cannot write: {e}");
        return ExitCode::from(2);
    }
    if !args.quiet {
        let secs = stats.time.as_secs_f64().max(1e-9);
        // CPU time of reading, tagging, parsing and writing: fair on a busy machine.
        let cpu = match (cpu0, cpu_seconds()) {
            (Some(a), Some(b)) if b > a => format!(", {:.0} tokens per CPU second", stats.tokens as f64 / (b - a)),
            _ => String::new(),
        };
        eprintln!(
            "dyad parse: {} sentences, {} tokens, {} skipped; model loaded in {:.2} s; tagged and parsed in {:.2} s on one thread ({:.0} tokens/s{cpu}); peak memory {}",
            stats.sentences,
            stats.tokens,
            stats.skipped,
            load_secs,
            secs,
            stats.tokens as f64 / secs,
            peak_memory().map(|b| format!("{:.1} MiB", b as f64 / 1048576.0)).unwrap_or_else(|| "unknown".into())
        );
    }
    if opened == 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// CPU time of this process (user + system) in seconds, from /proc (Linux; USER_HZ = 100).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Fills a sentence's tags and tree from the model.
fn annotate(syntax: &Syntax, sent: &mut Sentence, stats: &mut Stats) {
    let t = Instant::now();
    let words: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
    let p = syntax.analyze(&words);
    stats.time += t.elapsed();
    stats.sentences += 1;
    stats.tokens += words.len();
    for (i, w) in sent.words.iter_mut().enumerate() {
        w.upos = p.upos[i].to_string();
        w.xpos = p.xpos[i].to_string();
        w.head = Some(p.head[i]);
        w.deprel = p.deprel[i].to_string();
        w.lemma.clear();
        w.feats.clear();
        w.deps.clear();
    }
}

fn parse_conllu(
    syntax: &Syntax,
    reader: Box<dyn BufRead>,
    name: &str,
    out: &mut dyn Write,
    stats: &mut Stats,
) -> io::Result<()> {
    let mut buf = String::new();
    for sent in conllu::Reader::new(reader, name) {
        match sent {
            Ok(mut sent) => {
                annotate(syntax, &mut sent, stats);
                buf.clear();
                sent.write(&mut buf);
                out.write_all(buf.as_bytes())?;
            }
            Err(e) => {
                eprintln!("dyad parse: skipped: {e}");
                stats.skipped += 1;
            }
        }
    }
    Ok(())
}

fn parse_text(
    syntax: &Syntax,
    mut reader: Box<dyn BufRead>,
    name: &str,
    out: &mut dyn Write,
    stats: &mut Stats,
) -> io::Result<()> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    if let std::borrow::Cow::Owned(_) = text {
        eprintln!("dyad parse: {name}: invalid UTF-8 replaced by U+FFFD");
    }
    let doc = super::analyze(&text);
    let mut buf = String::new();
    for (n, s) in doc.sentences.iter().enumerate() {
        let mut sent = Sentence {
            comments: vec![
                format!("# sent_id = {}-{}", name.rsplit('/').next().unwrap_or(name), n + 1),
                format!("# text = {}", doc.sentence_text(s).replace('\n', " ")),
            ],
            ..Sentence::default()
        };
        for (i, t) in s.tokens.iter().enumerate() {
            let glued = s.tokens.get(i + 1).is_some_and(|next| next.start == t.end);
            sent.words.push(Word {
                form: doc.text[t.start..t.end].to_string(),
                misc: if glued { "SpaceAfter=No".into() } else { String::new() },
                ..Word::default()
            });
        }
        annotate(syntax, &mut sent, stats);
        buf.clear();
        sent.write(&mut buf);
        out.write_all(buf.as_bytes())?;
    }
    Ok(())
}

/// Precision, recall and F1 counts.
#[derive(Default, Debug, Clone, Copy, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn f1(&self) -> f64 {
        let p = self.correct as f64 / self.predicted.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn add(&mut self, gold: &[(usize, usize)], pred: &[(usize, usize)]) {
        self.gold += gold.len();
        self.predicted += pred.len();
        let gold: std::collections::HashSet<_> = gold.iter().collect();
        self.correct += pred.iter().filter(|p| gold.contains(p)).count();
    }
}

/// Token and sentence scores of the text stage against a treebank.
#[derive(Default, Debug, Clone, Copy)]
pub struct TokenizerScore {
    pub tokens: Counts,
    pub sentences: Counts,
    pub documents: usize,
    /// Sentences whose tokens could not be found in their `# text`.
    pub unaligned: usize,
}

/// Rebuilds each document's running text from the `# text` lines (sentences joined by a
/// space, paragraphs by a line break), runs the text stage on it and compares character
/// spans of tokens and sentences. Tokens are the treebank's words where they spell the text
/// (`do` `n't`), else its surface tokens.
pub fn score_tokenizer(sents: &[Sentence]) -> TokenizerScore {
    let mut score = TokenizerScore::default();
    let mut doc = String::new();
    let mut gold_tokens: Vec<(usize, usize)> = Vec::new();
    let mut gold_sents: Vec<(usize, usize)> = Vec::new();
    let flush =
        |doc: &mut String, gt: &mut Vec<(usize, usize)>, gs: &mut Vec<(usize, usize)>, score: &mut TokenizerScore| {
            if doc.is_empty() {
                return;
            }
            let d = super::analyze(doc);
            let to_char = |text: &str, b: usize| text[..b].chars().count();
            let pt: Vec<(usize, usize)> = d
                .sentences
                .iter()
                .flat_map(|s| s.tokens.iter())
                .map(|t| (to_char(&d.text, t.start), to_char(&d.text, t.end)))
                .collect();
            let ps: Vec<(usize, usize)> =
                d.sentences.iter().map(|s| (to_char(&d.text, s.start), to_char(&d.text, s.end))).collect();
            let gtc: Vec<(usize, usize)> = gt.iter().map(|&(a, b)| (to_char(doc, a), to_char(doc, b))).collect();
            let gsc: Vec<(usize, usize)> = gs.iter().map(|&(a, b)| (to_char(doc, a), to_char(doc, b))).collect();
            score.tokens.add(&gtc, &pt);
            score.sentences.add(&gsc, &ps);
            score.documents += 1;
            doc.clear();
            gt.clear();
            gs.clear();
        };
    for s in sents {
        if s.comment("newdoc id").is_some() || s.comments.iter().any(|c| c.starts_with("# newdoc")) {
            flush(&mut doc, &mut gold_tokens, &mut gold_sents, &mut score);
        }
        let Some(text) = s.comment("text") else {
            score.unaligned += 1;
            continue;
        };
        if !doc.is_empty() {
            doc.push(if s.comments.iter().any(|c| c.starts_with("# newpar")) { '\n' } else { ' ' });
        }
        let base = doc.len();
        doc.push_str(text);
        // Multiword-token lines replace their words when these do not spell them.
        let mut forms: Vec<&str> = Vec::new();
        let mut skip_until = 0usize;
        let mut extra = s.extra.iter().peekable();
        for (i, w) in s.words.iter().enumerate() {
            while let Some((_, line)) = extra.next_if(|(at, _)| *at <= i) {
                let mut cols = line.split('\t');
                let id = cols.next().unwrap_or("");
                if let Some((a, b)) = id.split_once('-') {
                    let surface = cols.next().unwrap_or("");
                    let (a, b) = (a.parse().unwrap_or(0usize), b.parse().unwrap_or(0usize));
                    let parts: String = s
                        .words
                        .get(a.max(1) - 1..b.min(s.words.len()))
                        .unwrap_or(&[])
                        .iter()
                        .map(|w| w.form.as_str())
                        .collect();
                    // Words that spell the token (`do` `n't`) are scored as words.
                    if parts != surface {
                        forms.push(surface);
                        skip_until = b;
                    }
                }
            }
            if i + 1 > skip_until {
                forms.push(&w.form);
            }
        }
        let mut pos = 0;
        let mut spans = Vec::with_capacity(forms.len());
        for f in forms {
            match text[pos..].find(f) {
                Some(k) if text[pos..pos + k].trim().is_empty() => {
                    spans.push((base + pos + k, base + pos + k + f.len()));
                    pos += k + f.len();
                }
                _ => {
                    spans.clear();
                    break;
                }
            }
        }
        if spans.is_empty() {
            score.unaligned += 1;
            continue;
        }
        gold_sents.push((spans[0].0, spans[spans.len() - 1].1));
        gold_tokens.extend(spans);
    }
    flush(&mut doc, &mut gold_tokens, &mut gold_sents, &mut score);
    score
}

fn score_tokenizer_main(inputs: &[String]) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for input in inputs {
        let (sents, bad) = match conllu::read_file(Path::new(input)) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("dyad parse: cannot read {input}: {e}");
                status = ExitCode::from(1);
                continue;
            }
        };
        for e in &bad {
            eprintln!("dyad parse: skipped: {e}");
        }
        let s = score_tokenizer(&sents);
        let line = |name: &str, c: &Counts| {
            format!(
                "{name:<10} gold {:>6}  dyad {:>6}  matched {:>6}  P {:.2}%  R {:.2}%  F1 {:.2}%",
                c.gold,
                c.predicted,
                c.correct,
                100.0 * c.correct as f64 / c.predicted.max(1) as f64,
                100.0 * c.correct as f64 / c.gold.max(1) as f64,
                100.0 * c.f1()
            )
        };
        println!("{input}: {} documents, {} sentences without alignable # text", s.documents, s.unaligned);
        println!("{}", line("tokens", &s.tokens));
        println!("{}", line("sentences", &s.sentences));
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_score_counts_spans() {
        let text = "# newdoc id = d\n# text = He left.\n1\tHe\t_\t_\t_\t_\t_\t_\t_\t_\n2\tleft\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\t_\t_\t_\t_\t_\t_\t_\t_\n2\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n3\tgo\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
        let sents: Vec<Sentence> = conllu::Reader::new(text.as_bytes(), "t").collect::<Result<_, _>>().unwrap();
        let s = score_tokenizer(&sents);
        assert_eq!(s.documents, 1);
        assert_eq!(s.unaligned, 0);
        // Gold: He left . Do n't go . as dyad.
        assert_eq!(s.tokens, Counts { gold: 7, predicted: 7, correct: 7 });
        assert_eq!(s.sentences, Counts { gold: 2, predicted: 2, correct: 2 });
    }
}
