//! CoNLL-U reader and writer (the Universal Dependencies file format).
//!
//! A sentence is its comment lines, its words (integer ids) and the other lines it holds:
//! multiword-token ranges (`1-2`) and empty nodes (`1.1`). Those are kept verbatim, in
//! place, so that a file read and written again keeps its tokens. A malformed line makes the
//! whole sentence an error naming the file and line; the reader goes on with the next one.

use std::fmt::Write as _;
use std::io::BufRead;

/// One syntactic word (a line with an integer id).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root; `None` when the column is `_`.
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// Comment lines, `#` included.
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    /// Multiword-token and empty-node lines, verbatim, with the index of the word they
    /// precede (`words.len()` for the end).
    pub extra: Vec<(usize, String)>,
    /// Line number of the sentence's first line, for messages.
    pub line: usize,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let rest = rest.strip_prefix(key)?.trim_start();
            Some(rest.strip_prefix('=')?.trim())
        })
    }

    /// Writes the sentence in CoNLL-U, blank line included.
    pub fn write(&self, out: &mut String) {
        for c in &self.comments {
            out.push_str(c);
            out.push('\n');
        }
        let mut extra = self.extra.iter().peekable();
        for (i, w) in self.words.iter().enumerate() {
            while let Some((_, line)) = extra.next_if(|(at, _)| *at <= i) {
                out.push_str(line);
                out.push('\n');
            }
            let head = w.head.map(|h| h.to_string()).unwrap_or_else(|| "_".into());
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                or_blank(&w.form),
                or_blank(&w.lemma),
                or_blank(&w.upos),
                or_blank(&w.xpos),
                or_blank(&w.feats),
                head,
                or_blank(&w.deprel),
                or_blank(&w.deps),
                or_blank(&w.misc)
            );
        }
        for (_, line) in extra {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() { "_" } else { s }
}

fn field(s: &str) -> String {
    if s == "_" { String::new() } else { s.to_string() }
}

/// Reads sentences one at a time; malformed sentences come out as `Err(message)`.
pub struct Reader<R> {
    input: R,
    name: String,
    line_no: usize,
    buf: String,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// `name` is used in messages (usually the file name).
    pub fn new(input: R, name: &str) -> Self {
        Reader { input, name: name.to_string(), line_no: 0, buf: String::new(), done: false }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Sentence, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut sent = Sentence::default();
        let mut error: Option<String> = None;
        let mut any = false;
        loop {
            self.buf.clear();
            match self.input.read_line(&mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    self.line_no += 1;
                    error.get_or_insert(format!("{}:{}: cannot read: {e}", self.name, self.line_no));
                    break;
                }
            }
            self.line_no += 1;
            let line = self.buf.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                if any {
                    break;
                }
                continue;
            }
            if !any {
                sent.line = self.line_no;
                any = true;
            }
            if error.is_some() {
                continue;
            }
            if line.starts_with('#') {
                sent.comments.push(line.to_string());
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                error = Some(format!(
                    "{}:{}: expected 10 tab-separated columns, found {}",
                    self.name,
                    self.line_no,
                    cols.len()
                ));
                continue;
            }
            let id = cols[0];
            if id.contains('-') || id.contains('.') {
                sent.extra.push((sent.words.len(), line.to_string()));
                continue;
            }
            match id.parse::<usize>() {
                Ok(n) if n == sent.words.len() + 1 => {}
                _ => {
                    error = Some(format!(
                        "{}:{}: word id '{id}' should be {}",
                        self.name,
                        self.line_no,
                        sent.words.len() + 1
                    ));
                    continue;
                }
            }
            let head = match cols[6] {
                "_" => None,
                h => match h.parse::<usize>() {
                    Ok(h) => Some(h),
                    Err(_) => {
                        error = Some(format!("{}:{}: head '{h}' is not a number", self.name, self.line_no));
                        continue;
                    }
                },
            };
            if cols[1].is_empty() {
                error = Some(format!("{}:{}: empty form", self.name, self.line_no));
                continue;
            }
            sent.words.push(Word {
                form: cols[1].to_string(),
                lemma: field(cols[2]),
                upos: field(cols[3]),
                xpos: field(cols[4]),
                feats: field(cols[5]),
                head,
                deprel: field(cols[7]),
                deps: field(cols[8]),
                misc: field(cols[9]),
            });
        }
        if !any {
            return None;
        }
        if let Some(e) = error {
            return Some(Err(e));
        }
        if sent.words.is_empty() {
            return Some(Err(format!("{}:{}: sentence without words", self.name, sent.line)));
        }
        if let Some((i, w)) = sent.words.iter().enumerate().find(|(_, w)| w.head.is_some_and(|h| h > sent.words.len()))
        {
            return Some(Err(format!(
                "{}:{}: word {} has head {} beyond the sentence",
                self.name,
                sent.line,
                i + 1,
                w.head.unwrap()
            )));
        }
        Some(Ok(sent))
    }
}

/// Reads a whole file: the good sentences and the messages for the bad ones.
pub fn read_file(path: &std::path::Path) -> std::io::Result<(Vec<Sentence>, Vec<String>)> {
    let f = std::fs::File::open(path)?;
    let reader = Reader::new(std::io::BufReader::new(f), &path.display().to_string());
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    for s in reader {
        match s {
            Ok(s) => good.push(s),
            Err(e) => bad.push(e),
        }
    }
    Ok((good, bad))
}

/// Whether a sentence is a usable training tree: every word has a head, exactly one word
/// hangs from the root, and following heads always reaches the root.
pub fn is_tree(s: &Sentence) -> bool {
    let n = s.words.len();
    let heads: Vec<usize> = match s.words.iter().map(|w| w.head).collect::<Option<Vec<_>>>() {
        Some(h) => h,
        None => return false,
    };
    if heads.iter().filter(|&&h| h == 0).count() != 1 {
        return false;
    }
    for start in 0..n {
        let mut cur = start + 1;
        let mut steps = 0;
        while cur != 0 {
            cur = heads[cur - 1];
            steps += 1;
            if steps > n {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = 1\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n3.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn round_trip_keeps_every_line() {
        let sents: Vec<_> = Reader::new(SAMPLE.as_bytes(), "t").collect::<Result<_, _>>().unwrap();
        assert_eq!(sents.len(), 1);
        assert_eq!(sents[0].words.len(), 4);
        assert_eq!(sents[0].comment("text"), Some("I don't."));
        assert_eq!(sents[0].words[2].head, Some(0));
        let mut out = String::new();
        sents[0].write(&mut out);
        assert_eq!(out, SAMPLE);
        assert!(is_tree(&sents[0]));
    }

    #[test]
    fn bad_lines_name_the_line_and_reading_goes_on() {
        let input = "1\ta\n\n1\tb\tb\tX\tX\t_\t0\troot\t_\t_\n\n1\tc\tc\tX\tX\t_\t5\troot\t_\t_\n";
        let out: Vec<_> = Reader::new(input.as_bytes(), "f.conllu").collect();
        assert_eq!(out.len(), 3);
        assert!(out[0].as_ref().unwrap_err().starts_with("f.conllu:1:"));
        assert_eq!(out[1].as_ref().unwrap().words[0].form, "b");
        assert!(out[2].as_ref().unwrap_err().contains("beyond"));
    }

    #[test]
    fn trees_are_checked() {
        let mut s = Sentence::default();
        for h in [2, 0, 2] {
            s.words.push(Word { form: "x".into(), head: Some(h), ..Default::default() });
        }
        assert!(is_tree(&s));
        s.words[1].head = Some(3);
        assert!(!is_tree(&s));
    }
}
