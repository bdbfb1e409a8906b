//! Document tone, lexicon-based like GDELT's AvgTone (`data/context/tone.tsv`).
//!
//! Over the article's word tokens (tokens with a letter): `positive` and `negative` are the
//! percentages of words in the positive and negative lists; `tone = positive − negative`
//! (−100 … +100, usually −10 … +10); `polarity = positive + negative`. A word right after
//! a negator (`not`, `no`, `never`, `n't`, `without`) counts for the other side.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Serialize;

use crate::model::Token;

const TONE: &str = include_str!("../../data/context/tone.tsv");

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Tone {
    pub tone: f64,
    pub positive: f64,
    pub negative: f64,
    pub polarity: f64,
    pub words: usize,
}

#[derive(Default)]
pub struct ToneLexicon {
    pos: HashSet<String, super::FastHash>,
    neg: HashSet<String, super::FastHash>,
    /// Prefixes by their first three bytes: (prefix, +1 or −1). Prefixes are 3 bytes or more.
    prefixes: HashMap<[u8; 3], Vec<(String, i8)>, super::FastHash>,
}

impl ToneLexicon {
    pub fn builtin() -> &'static ToneLexicon {
        static L: OnceLock<ToneLexicon> = OnceLock::new();
        L.get_or_init(|| ToneLexicon::parse(TONE))
    }

    pub fn parse(text: &str) -> ToneLexicon {
        let mut lex = ToneLexicon::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((side, words)) = line.split_once('\t') else { continue };
            for w in words.split_whitespace() {
                let (set, sign) = match side {
                    "positive" => (&mut lex.pos, 1),
                    "negative" => (&mut lex.neg, -1),
                    _ => continue,
                };
                match w.strip_suffix('*') {
                    Some(p) if p.len() >= 3 => {
                        let p = p.to_lowercase();
                        let b = p.as_bytes();
                        lex.prefixes.entry([b[0], b[1], b[2]]).or_default().push((p, sign));
                    }
                    _ => {
                        set.insert(w.trim_end_matches('*').to_lowercase());
                    }
                }
            }
        }
        lex
    }

    /// +1 positive, −1 negative, 0 neither.
    pub fn polarity(&self, w: &str) -> i8 {
        let b = w.as_bytes();
        if b.len() < 3 {
            return 0; // no entry is shorter
        }
        let mut p = self.pos.contains(w);
        let mut n = self.neg.contains(w);
        {
            for (pre, sign) in self.prefixes.get(&[b[0], b[1], b[2]]).into_iter().flatten() {
                if w.starts_with(pre.as_str()) {
                    if *sign > 0 {
                        p = true;
                    } else {
                        n = true;
                    }
                }
            }
        }
        match (p, n) {
            (true, false) => 1,
            (false, true) => -1,
            _ => 0,
        }
    }

    pub fn score<'a>(&self, tokens: impl Iterator<Item = &'a Token>) -> Tone {
        let (mut pos, mut neg, mut words) = (0usize, 0usize, 0usize);
        let mut negated = false;
        for t in tokens {
            if !t.lower.chars().any(|c| c.is_alphabetic()) {
                if !matches!(t.lower.as_str(), "," | "-") {
                    negated = false;
                }
                continue;
            }
            words += 1;
            let mut p = self.polarity(&t.lower);
            if negated && p != 0 {
                p = -p;
                negated = false;
            }
            match p {
                1 => pos += 1,
                -1 => neg += 1,
                _ => {}
            }
            if matches!(t.lower.as_str(), "not" | "no" | "never" | "n't" | "without" | "nor") {
                negated = true;
            }
        }
        if words == 0 {
            return Tone::default();
        }
        let pct = |n: usize| (n as f64 * 100.0 / words as f64 * 1000.0).round() / 1000.0;
        let (p, n) = (pct(pos), pct(neg));
        Tone { tone: ((p - n) * 1000.0).round() / 1000.0, positive: p, negative: n, polarity: pct(pos + neg), words }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn tone(s: &str) -> Tone {
        let doc = text::analyze(s);
        ToneLexicon::builtin().score(doc.sentences.iter().flat_map(|s| s.tokens.iter()))
    }

    #[test]
    fn signs_and_scale() {
        let good = tone("The leaders welcomed the fruitful cooperation and thanked each other.");
        assert!(good.tone > 0.0 && good.negative == 0.0, "{good:?}");
        let bad = tone("Rebels attacked the town, killing ten people and wounding dozens.");
        assert!(bad.tone < 0.0 && bad.positive == 0.0, "{bad:?}");
        assert_eq!(bad.words, 10);
        assert!((bad.polarity - (bad.positive + bad.negative)).abs() < 1e-9);
    }

    #[test]
    fn negation_flips_and_empty_is_zero() {
        assert!(tone("The talks were not successful.").tone < 0.0);
        assert_eq!(tone("2024 ... 5").words, 0);
        assert_eq!(tone("").tone, 0.0);
    }
}
