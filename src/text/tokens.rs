//! Tokenizer for news English.
//!
//! Splits on white space, then peels punctuation off each chunk, keeping together what news
//! writes as one unit: abbreviations and titles (`Gen.`, `U.S.`, `Lt.`), initials (`J.`),
//! numbers (`28.5`, `1,200`, `2024-10-02`), hyphenated names (`Kassym-Jomart`) and internal
//! apostrophes (`d'Ivoire`). Clitics are split as in the Penn Treebank: `Russia's` →
//! `Russia` `'s`, `didn't` → `did` `n't`. Currency symbols are their own tokens (`$` `28.5`).

use crate::model::{Shape, Token};

/// Abbreviations that keep their final period (lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr", "adm", "gov", "sen",
    "rep", "rev", "hon", "pres", "st", "sr", "jr", "messrs", "mme", "mlle", "brig", "cpl", "pvt", "amb", "sec", "supt",
    "insp", "fr", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "inc", "corp", "co", "ltd", "plc", "bros", "vs", "etc",
    "approx", "dept", "est", "fig", "vol", "ave", "blvd", "mt", "ft", "pct", "mln", "bln", "min", "max", "ref", "cf",
    "al", "ed", "eds", "univ", "assn", "intl", "natl", "govt",
];

/// Abbreviations that often end a sentence ("... in the U.S. The ...").
pub const SENTENCE_FINAL_ABBREVIATIONS: &[&str] = &[
    "u.s.", "u.k.", "u.n.", "inc.", "corp.", "co.", "ltd.", "plc.", "etc.", "jr.", "sr.", "a.m.", "p.m.", "e.u.",
    "bros.",
];

fn is_abbreviation(word_without_period: &str) -> bool {
    let lower = word_without_period.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let mut chars = word_without_period.chars();
    // A single letter: an initial ("J." in "George W. Bush").
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    // Letters separated by periods: "U.S", "e.g", "a.m", "U.N".
    word_without_period.contains('.')
        && word_without_period.split('.').all(|p| p.chars().count() <= 2 && p.chars().all(|c| c.is_alphabetic()))
}

fn is_lead_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '<' | '¿' | '¡' | '*' | '#' | '•' | '·')
}

fn is_trail_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '>' | ',' | ';' | ':' | '!' | '?' | '…' | '*')
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₽' | '₹' | '₸' | '₩' | '₺' | '₴')
}

/// Computes the shape of a token's text.
pub fn shape_of(text: &str) -> Shape {
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut digits = 0usize;
    let mut first_upper = None;
    for c in text.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
            if first_upper.is_none() {
                first_upper = Some(c.is_uppercase());
            }
        } else if c.is_ascii_digit() {
            digits += 1;
        }
    }
    if letters == 0 {
        if digits > 0 {
            return Shape::Number;
        }
        return Shape::Punct;
    }
    if digits > 0 {
        return Shape::Other;
    }
    if upper == 0 {
        Shape::Lower
    } else if upper == letters {
        if letters >= 2 { Shape::Upper } else { Shape::Other }
    } else if first_upper == Some(true) {
        Shape::Capitalized
    } else {
        Shape::Other
    }
}

fn push(out: &mut Vec<Token>, text: &str, start: usize, end: usize) {
    if start >= end {
        return;
    }
    let s = &text[start..end];
    out.push(Token { start, end, lower: s.to_lowercase(), shape: shape_of(s) });
}

/// Tokenizes `text[start..end]`, appending tokens with absolute byte offsets.
pub fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let slice = &text[start..end];
    let mut chunk_start: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            if let Some(a) = chunk_start.take() {
                tokenize_chunk(text, start + a, start + i, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(a) = chunk_start {
        tokenize_chunk(text, start + a, end, out);
    }
}

/// Tokenizes a whole text.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, 0, text.len(), &mut out);
    out
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn tokenize_chunk(text: &str, mut a: usize, mut b: usize, out: &mut Vec<Token>) {
    // Leading punctuation and currency symbols.
    while a < b {
        let c = first_char(&text[a..b]).unwrap();
        let dashes = text[a..b].len() - text[a..b].trim_start_matches('-').len();
        // A chunk of one repeated mark (`------`, `**`, `!!!`) stays whole.
        if dashes == b - a || (b - a >= 2 && !c.is_alphanumeric() && text[a..b].chars().all(|x| x == c)) {
            break;
        }
        // (One dash glued to a word is a dash before it, as after a dateline: "(Reuters)
        // -Jihadists killed"; not a minus before a number.)
        let glued_dash = dashes == 1 && text[a + 1..b].chars().next().is_some_and(char::is_alphabetic);
        if (is_lead_punct(c) && b - a > c.len_utf8()) || is_currency(c) || dashes >= 2 || glued_dash {
            let n = if dashes >= 2 { dashes } else { c.len_utf8() };
            push(out, text, a, a + n);
            a += n;
        } else {
            break;
        }
    }
    // Trailing punctuation, collected in reverse.
    let mut trailing: Vec<(usize, usize)> = Vec::new();
    while a < b {
        let s = &text[a..b];
        let c = last_char(s).unwrap();
        // A run of the same mark is one token: `!!!`, `??`, `....`, `------`, `**`.
        let run = if matches!(c, '!' | '?' | '.' | '-' | '*') { s.len() - s.trim_end_matches(c).len() } else { 0 };
        if run >= 2 && b - a > run {
            trailing.push((b - run, b));
            b -= run;
        } else if run >= 2 {
            break;
        } else if c == '.' && b - a > 1 {
            let word = &s[..s.len() - 1];
            if is_abbreviation(word) {
                break;
            }
            trailing.push((b - 1, b));
            b -= 1;
        } else if c == '%' && b - a > 1 && !s[..s.len() - 1].chars().any(|c| c.is_ascii_digit()) {
            trailing.push((b - 1, b));
            b -= 1;
        } else if is_trail_punct(c) && b - a > c.len_utf8() {
            // Keep the apostrophe of "leaders'" as its own token, like other punctuation.
            trailing.push((b - c.len_utf8(), b));
            b -= c.len_utf8();
        } else {
            break;
        }
    }
    // Internal "--" splits ("word--word").
    let mut cur = a;
    while let Some(i) = text[cur..b].find("--") {
        if i > 0 {
            emit_word(text, cur, cur + i, out);
        }
        let dashes = text[cur + i..b].len() - text[cur + i..b].trim_start_matches('-').len();
        push(out, text, cur + i, cur + i + dashes);
        cur += i + dashes;
    }
    if cur < b {
        emit_word(text, cur, b, out);
    }
    for &(s, e) in trailing.iter().rev() {
        push(out, text, s, e);
    }
}

/// Emits a word, splitting English clitics.
fn emit_word(text: &str, a: usize, b: usize, out: &mut Vec<Token>) {
    let s = &text[a..b];
    let lower = s.to_ascii_lowercase();
    if lower.len() > 3 && lower.ends_with("n't") {
        push(out, text, a, b - 3);
        push(out, text, b - 3, b);
        return;
    }
    if lower == "cannot" {
        push(out, text, a, a + 3);
        push(out, text, a + 3, b);
        return;
    }
    for clitic in ["'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if lower.len() > clitic.len() && lower.ends_with(clitic) {
            let cut = b - clitic.len();
            if text[a..cut].chars().any(|c| c.is_alphabetic()) {
                push(out, text, a, cut);
                push(out, text, cut, b);
                return;
            }
        }
    }
    push(out, text, a, b);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| s[t.start..t.end].to_string()).collect()
    }

    #[test]
    fn abbreviations_and_titles() {
        assert_eq!(toks("Gen. Smith met U.S. officials."), ["Gen.", "Smith", "met", "U.S.", "officials", "."]);
        assert_eq!(toks("Lt. Col. J. Doe"), ["Lt.", "Col.", "J.", "Doe"]);
    }

    #[test]
    fn money_and_numbers() {
        assert_eq!(toks("reached $28.5 billion, up 1,200"), ["reached", "$", "28.5", "billion", ",", "up", "1,200"]);
        assert_eq!(toks("on 2024-10-02."), ["on", "2024-10-02", "."]);
        assert_eq!(toks("rose 5%."), ["rose", "5%", "."]);
    }

    #[test]
    fn names_quotes_and_clitics() {
        assert_eq!(toks("Kassym-Jomart Tokayev's"), ["Kassym-Jomart", "Tokayev", "'s"]);
        assert_eq!(toks("\"We didn't,\" he said."), ["\"", "We", "did", "n't", ",", "\"", "he", "said", "."]);
        assert_eq!(toks("Cote d'Ivoire (Reuters) -"), ["Cote", "d'Ivoire", "(", "Reuters", ")", "-"]);
        assert_eq!(toks("leaders' talks--and more..."), ["leaders", "'", "talks", "--", "and", "more", "..."]);
        assert_eq!(toks("(Reuters) -Jihadists fell -5"), ["(", "Reuters", ")", "-", "Jihadists", "fell", "-5"]);
    }

    #[test]
    fn pronoun_clitics_cannot_and_repeated_marks() {
        assert_eq!(toks("I'm sure I'll go, I've said"), ["I", "'m", "sure", "I", "'ll", "go", ",", "I", "'ve", "said"]);
        assert_eq!(toks("We cannot."), ["We", "can", "not", "."]);
        assert_eq!(toks("Wow!!! Really?? so...."), ["Wow", "!!!", "Really", "??", "so", "...."]);
        assert_eq!(toks("------ end --- x"), ["------", "end", "---", "x"]);
        assert_eq!(toks("a---b **"), ["a", "---", "b", "**"]);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape_of("NATO"), Shape::Upper);
        assert_eq!(shape_of("U.S."), Shape::Upper);
        assert_eq!(shape_of("Putin"), Shape::Capitalized);
        assert_eq!(shape_of("signed"), Shape::Lower);
        assert_eq!(shape_of("28.5"), Shape::Number);
        assert_eq!(shape_of(","), Shape::Punct);
    }

    #[test]
    fn offsets_are_exact() {
        let s = "Côte d'Ivoire's “x”";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            assert!(!s[t.start..t.end].trim().is_empty());
        }
    }
}
