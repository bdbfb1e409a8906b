//! Themes: a GKG-like lexicon (`data/context/themes.tsv`) matched on lower-cased tokens,
//! counted per article and listed per sentence with their spans.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::model::Token;

const THEMES: &str = include_str!("../../data/context/themes.tsv");

/// One theme of the lexicon.
#[derive(Clone, Debug)]
pub struct Theme {
    pub id: String,
    pub label: String,
}

#[derive(Clone, Debug)]
struct Term {
    words: Vec<String>,
    /// The last word is a prefix.
    prefix: bool,
    theme: u16,
}

pub struct ThemeLexicon {
    pub themes: Vec<Theme>,
    /// First word (or its first 3 bytes, for a prefix term) → terms.
    exact: HashMap<String, Vec<Term>, super::FastHash>,
    prefixes: HashMap<String, Vec<Term>, super::FastHash>,
    pub diagnostics: Vec<String>,
}

/// A theme found in a sentence: token range.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub theme: u16,
    pub tokens: (usize, usize),
}

impl ThemeLexicon {
    pub fn builtin() -> &'static ThemeLexicon {
        static L: OnceLock<ThemeLexicon> = OnceLock::new();
        L.get_or_init(|| ThemeLexicon::parse("data/context/themes.tsv", THEMES))
    }

    pub fn parse(name: &str, text: &str) -> ThemeLexicon {
        let mut lex = ThemeLexicon {
            themes: Vec::new(),
            exact: HashMap::default(),
            prefixes: HashMap::default(),
            diagnostics: Vec::new(),
        };
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 3 {
                lex.diagnostics.push(format!("{name}:{}: expected ID, label and terms separated by tabs", n + 1));
                continue;
            }
            let theme = lex.themes.len() as u16;
            lex.themes.push(Theme { id: f[0].trim().to_string(), label: f[1].trim().to_string() });
            for term in f[2].split('|').map(str::trim).filter(|t| !t.is_empty()) {
                let prefix = term.ends_with('*');
                let words: Vec<String> =
                    term.trim_end_matches('*').split_whitespace().map(|w| w.to_lowercase()).collect();
                if words.is_empty() || (prefix && words.last().is_some_and(|w| w.len() < 3)) {
                    lex.diagnostics.push(format!("{name}:{}: term '{term}' is too short", n + 1));
                    continue;
                }
                let t = Term { words, prefix, theme };
                if prefix && t.words.len() == 1 {
                    lex.prefixes.entry(t.words[0][..3].to_string()).or_default().push(t);
                } else {
                    lex.exact.entry(t.words[0].clone()).or_default().push(t);
                }
            }
        }
        lex
    }

    fn matches(t: &Term, tokens: &[Token], i: usize) -> Option<usize> {
        let n = t.words.len();
        if i + n > tokens.len() {
            return None;
        }
        for (k, w) in t.words.iter().enumerate() {
            let tok = &tokens[i + k].lower;
            let last = k + 1 == n;
            let ok = if last && t.prefix { tok.starts_with(w.as_str()) } else { tok == w };
            if !ok {
                return None;
            }
        }
        Some(i + n)
    }

    /// The themes of a sentence, longest match first at each token, one theme per span.
    pub fn find(&self, tokens: &[Token]) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let w = tokens[i].lower.as_str();
            let mut best: Option<(usize, u16)> = None;
            let mut consider = |terms: Option<&Vec<Term>>| {
                for t in terms.into_iter().flatten() {
                    if let Some(end) = Self::matches(t, tokens, i)
                        && best.is_none_or(|(e, _)| end > e)
                    {
                        best = Some((end, t.theme));
                    }
                }
            };
            consider(self.exact.get(w));
            if w.len() >= 3 && w.is_char_boundary(3) {
                consider(self.prefixes.get(&w[..3]));
            }
            match best {
                Some((end, theme)) => {
                    out.push(Hit { theme, tokens: (i, end) });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// A theme of the article, with its mentions.
#[derive(Clone, Debug, Serialize)]
pub struct ThemeCount {
    pub theme: String,
    pub label: String,
    pub count: usize,
    pub mentions: Vec<super::Spot>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn ids(s: &str) -> Vec<String> {
        let lex = ThemeLexicon::builtin();
        let doc = text::analyze(s);
        lex.find(&doc.sentences[0].tokens).iter().map(|h| lex.themes[h.theme as usize].id.clone()).collect()
    }

    #[test]
    fn builtin_lexicon_is_clean() {
        let lex = ThemeLexicon::builtin();
        assert!(lex.diagnostics.is_empty(), "{:?}", lex.diagnostics);
        assert!(lex.themes.len() >= 20);
    }

    #[test]
    fn longest_term_wins_and_prefixes_match() {
        assert_eq!(
            ids("They discussed oil and gas, investments and a nuclear plant."),
            ["OIL_GAS", "INVESTMENT", "NUCLEAR"]
        );
        assert_eq!(ids("Water resources and education"), ["WATER", "EDUCATION"]);
        assert!(ids("The protesters marched.").contains(&"PROTEST".to_string()));
        assert!(ids("He sat down.").is_empty());
    }

    #[test]
    fn malformed_lines_are_reported() {
        let lex = ThemeLexicon::parse("t.tsv", "A\ta\tx* | ok\nbroken line\n");
        assert_eq!(lex.diagnostics.len(), 2, "{:?}", lex.diagnostics);
        assert_eq!(lex.themes.len(), 1);
    }
}
