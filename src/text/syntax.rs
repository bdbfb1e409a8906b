//! The syntax model: tagger and parser together, loaded once and shared.
//!
//! ```no_run
//! let syntax = dyad::text::syntax::Syntax::builtin();
//! let parsed = syntax.analyze(&["Putin", "visited", "Kazakhstan", "."]);
//! assert_eq!(parsed.deprel[1], "root");
//! ```

use std::sync::OnceLock;

use super::parser::{Input, Parser};
use super::perceptron::ByteReader;
use super::reattach::{self, Ranker};
use super::tagger::Tagger;

/// Tagger and parser.
const MAGIC: &[u8; 8] = b"DYADSYN1";
/// Tagger, parser and re-attachment ranker.
const MAGIC2: &[u8; 8] = b"DYADSYN2";

/// The model trained on the Universal Dependencies English Web Treebank, embedded in the
/// binary (`data/models/en_ewt.syntax`, written by `dyad train`).
static BUILTIN: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/models/en_ewt.syntax"));

/// A tagger, a parser and (optionally) the ranker that reconsiders the parser's heads.
pub struct Syntax {
    pub tagger: Tagger,
    pub parser: Parser,
    pub ranker: Option<Ranker>,
}

/// One analysed sentence; every vector has one entry per word.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed<'a> {
    /// Universal part-of-speech tags (`NOUN`, `VERB`, ...).
    pub upos: Vec<&'a str>,
    /// Penn Treebank tags (`NN`, `VBD`, ...).
    pub xpos: Vec<&'a str>,
    /// Heads, 1-based; 0 is the root.
    pub head: Vec<usize>,
    /// Universal dependency relations with subtypes (`nsubj`, `obl:tmod`, ...).
    pub deprel: Vec<&'a str>,
}

impl Syntax {
    /// The built-in model, loaded on first use.
    ///
    /// Panics if the embedded model is corrupt, which the tests rule out.
    pub fn builtin() -> &'static Syntax {
        static SYNTAX: OnceLock<Syntax> = OnceLock::new();
        SYNTAX.get_or_init(|| Syntax::from_bytes(BUILTIN).expect("the embedded syntax model is valid"))
    }

    /// Reads a model written by [`Syntax::to_bytes`].
    pub fn from_bytes(data: &[u8]) -> Result<Syntax, String> {
        let mut r = ByteReader::new(data);
        let magic = r.bytes(8).map_err(|_| "not a dyad syntax model".to_string())?;
        if magic != MAGIC && magic != MAGIC2 {
            return Err("not a dyad syntax model".into());
        }
        let tagger = Tagger::read(&mut r)?;
        let parser = Parser::read(&mut r)?;
        let ranker = if magic == MAGIC2 { Some(Ranker::read(&mut r)?) } else { None };
        if !r.at_end() {
            return Err("trailing bytes after the model".into());
        }
        Ok(Syntax { tagger, parser, ranker })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = if self.ranker.is_some() { MAGIC2 } else { MAGIC }.to_vec();
        self.tagger.write(&mut out);
        self.parser.write(&mut out);
        if let Some(r) = &self.ranker {
            r.write(&mut out);
        }
        out
    }

    /// Tags and parses one sentence (the strings of its words).
    pub fn analyze<'a>(&'a self, words: &[&str]) -> Parsed<'a> {
        if words.is_empty() {
            return Parsed { upos: vec![], xpos: vec![], head: vec![], deprel: vec![] };
        }
        let tags = self.tagger.tag(words);
        let input: Vec<Input> = words
            .iter()
            .zip(&tags)
            .map(|(w, &t)| {
                let tag = &self.tagger.tags[t];
                Input::new(w, &tag.upos, &tag.xpos)
            })
            .collect();
        let mut tree = self.parser.parse(&input);
        let upos: Vec<&str> = tags.iter().map(|&t| self.tagger.tags[t].upos.as_str()).collect();
        let xpos: Vec<&str> = tags.iter().map(|&t| self.tagger.tags[t].xpos.as_str()).collect();
        let deprel: Vec<&str> = tree.labels.iter().map(|&l| self.parser.labels[l].as_str()).collect();
        if let Some(r) = &self.ranker {
            let s = reattach::Sentence { forms: words, upos: &upos, xpos: &xpos, deprel: &deprel };
            r.reattach(&s, &mut tree.heads);
        }
        Parsed { upos, xpos, head: tree.heads, deprel }
    }
}

/// Convenience for evaluation: the parser's examples from tagged words.
pub fn parser_input(words: &[&str], upos: &[&str], xpos: &[&str]) -> Vec<Input> {
    words.iter().zip(upos).zip(xpos).map(|((w, u), x)| Input::new(w, u, x)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_model_loads_and_parses_a_clause() {
        let s = Syntax::builtin();
        assert!(s.analyze(&[]).head.is_empty());
        let p = s.analyze(&["Russia", "signed", "the", "agreement", "on", "Monday", "."]);
        assert_eq!(p.upos, ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]);
        assert_eq!(p.head, [2, 0, 4, 2, 6, 2, 2]);
        assert_eq!(&p.deprel[..4], ["nsubj", "root", "det", "obj"]);
        // The embedded bytes round-trip.
        assert_eq!(Syntax::from_bytes(&s.to_bytes()).unwrap().to_bytes(), s.to_bytes());
    }
}
