//! Sentence splitter.
//!
//! Works on tokens, so abbreviations are already decided by the tokenizer. Rules:
//! - a line break ends a sentence (news paragraphs, titles without a final period);
//! - `.`, `!`, `?` and `...` end a sentence when the next token starts a new one (a capital
//!   letter, a digit, a quote or a bracket); closing quotes and brackets stay with the
//!   sentence they close;
//! - an abbreviation that often ends sentences (`U.S.`, `Inc.`) ends one when a capitalised
//!   function word follows ("... in the U.S. The talks ...");
//! - a sentence longer than [`MAX_TOKENS`] is cut, so that one run-on line (a table, a list,
//!   a 10 MB article without punctuation) cannot make coding quadratic.

use crate::model::{Shape, Token};
use crate::text::tokens::SENTENCE_FINAL_ABBREVIATIONS;

/// The longest sentence the splitter emits, in tokens.
pub const MAX_TOKENS: usize = 200;

const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "in",
    "on",
    "at",
    "but",
    "and",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "after",
    "before",
    "when",
    "while",
    "however",
    "meanwhile",
    "also",
    "as",
    "if",
    "for",
    "some",
    "many",
];

fn is_terminal(t: &Token) -> bool {
    matches!(t.lower.as_str(), "." | "!" | "?" | "..." | "…")
}

fn is_closer(t: &Token) -> bool {
    matches!(t.lower.as_str(), "\"" | "'" | ")" | "]" | "}")
}

fn starts_sentence(t: &Token) -> bool {
    t.shape.is_capitalized()
        || t.shape == Shape::Number
        || matches!(t.lower.as_str(), "\"" | "'" | "(" | "[" | "-" | "--")
        || t.lower.starts_with(|c: char| !c.is_alphanumeric() && c != ',' && c != '.')
}

/// Splits the tokens of one paragraph into sentences: returns token index ranges.
pub fn split(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut begin = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let mut boundary = false;
        if is_terminal(t) {
            let mut j = i + 1;
            // A closing quote or bracket is attached to what it closes (`no."`); a quote
            // after a space opens the next sentence.
            while j < tokens.len() && is_closer(&tokens[j]) && tokens[j].start == tokens[j - 1].end {
                j += 1;
            }
            // "No. 5", "Art. 3": a period between such a word and a number ends nothing.
            let numbered = i > 0
                && matches!(tokens[i - 1].lower.as_str(), "no" | "nos" | "art" | "p" | "pp")
                && tokens.get(j).is_some_and(|t| t.shape == Shape::Number);
            if !numbered && (j >= tokens.len() || starts_sentence(&tokens[j])) {
                boundary = true;
                i = j - 1;
            }
        } else if SENTENCE_FINAL_ABBREVIATIONS.contains(&t.lower.as_str())
            && let Some(next) = tokens.get(i + 1)
        {
            boundary = next.shape == Shape::Capitalized && SENTENCE_STARTERS.contains(&next.lower.as_str());
        }
        if boundary || i + 1 - begin >= MAX_TOKENS {
            out.push((begin, i + 1));
            begin = i + 1;
        }
        i += 1;
    }
    if begin < tokens.len() {
        out.push((begin, tokens.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn sents(s: &str) -> Vec<String> {
        let toks = tokenize(s);
        split(&toks).into_iter().map(|(a, b)| s[toks[a].start..toks[b - 1].end].to_string()).collect()
    }

    #[test]
    fn splits_on_periods_not_abbreviations() {
        assert_eq!(
            sents("Gen. Smith met Mr. Jones in the U.S. capital. They talked. \"Good,\" he said."),
            ["Gen. Smith met Mr. Jones in the U.S. capital.", "They talked.", "\"Good,\" he said."]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(sents("He said \"no.\" Then he left."), ["He said \"no.\"", "Then he left."]);
    }

    #[test]
    fn abbreviation_at_end() {
        assert_eq!(sents("It moved to the U.S. The talks went on."), ["It moved to the U.S.", "The talks went on."]);
    }

    #[test]
    fn numbered_items_do_not_split() {
        assert_eq!(sents("He is No. 2 in the party. Yes."), ["He is No. 2 in the party.", "Yes."]);
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(sents("Trade reached $28.5 billion. Fine."), ["Trade reached $28.5 billion.", "Fine."]);
    }

    #[test]
    fn long_runs_are_cut() {
        let s = "word ".repeat(1000);
        let toks = tokenize(&s);
        let parts = split(&toks);
        assert_eq!(parts.len(), 5);
        assert!(parts.iter().all(|(a, b)| b - a <= MAX_TOKENS));
    }
}
