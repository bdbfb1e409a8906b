//! Text stage: normalise, split into paragraphs and sentences, tokenise.
//!
//! Input: the raw text of an [`Article`](crate::model::Article). Output: a
//! [`Document`](crate::model::Document). Depends on nothing but `model`.

pub mod cli;
pub mod conllu;
pub mod normalize;
pub mod parser;
pub mod perceptron;
pub mod reattach;
pub mod sentences;
pub mod syntax;
pub mod tagger;
pub mod tokens;
pub mod train;

use crate::model::{Document, Sentence, Shape, Token};

/// Runs the text stage on one article's text.
pub fn analyze(raw: &str) -> Document {
    let text = normalize::normalize(raw);
    let mut sentences = Vec::new();
    let mut dateline = None;
    let mut paragraph = 0;
    let mut offset = 0;
    let mut buf: Vec<Token> = Vec::new();
    for line in text.split('\n') {
        let (start, end) = (offset, offset + line.len());
        offset = end + 1;
        buf.clear();
        tokens::tokenize_into(&text, start, end, &mut buf);
        if buf.is_empty() {
            continue;
        }
        let mut first = 0;
        if sentences.is_empty()
            && dateline.is_none()
            && let Some(n) = dateline_length(&buf)
        {
            dateline = Some((buf[0].start, buf[n - 1].end));
            first = n;
        }
        let toks = &buf[first..];
        for (a, b) in sentences::split(toks) {
            let tokens: Vec<Token> = toks[a..b].to_vec();
            sentences.push(Sentence { start: tokens[0].start, end: tokens[tokens.len() - 1].end, tokens, paragraph });
        }
        paragraph += 1;
    }
    Document { text, sentences, dateline }
}

/// Month names in full, the one list the later stages share (dates, names that are no one,
/// places that are no place).
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Day names, shared like [`MONTH_NAMES`].
pub const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Whether a lower-case word names a month or a day of the week.
pub fn is_month_or_weekday(l: &str) -> bool {
    MONTH_NAMES.contains(&l) || WEEKDAYS.contains(&l)
}

/// Month names and abbreviations, with and without their period (datelines; the coder's
/// reporting-clause dates use the ones without).
pub(crate) const MONTHS: &[&str] = &[
    "jan",
    "jan.",
    "january",
    "feb",
    "feb.",
    "february",
    "mar",
    "mar.",
    "march",
    "apr",
    "apr.",
    "april",
    "may",
    "jun",
    "jun.",
    "june",
    "jul",
    "jul.",
    "july",
    "aug",
    "aug.",
    "august",
    "sep",
    "sep.",
    "sept",
    "sept.",
    "september",
    "oct",
    "oct.",
    "october",
    "nov",
    "nov.",
    "november",
    "dec",
    "dec.",
    "december",
];

/// Recognises a wire dateline at the start of a text: `ASTANA, Oct 2 (Reuters) -`,
/// `SALVADOR, Feb 26 -`, `WASHINGTON (AP) --`. Returns its length in tokens, dash included.
fn dateline_length(toks: &[Token]) -> Option<usize> {
    let first = toks.first()?;
    // A place and a colon before the first capitalised word of the story: `TRIPOLI:`,
    // `New Delhi:` (at most three words).
    if let Some(colon) = toks.iter().take(4).position(|t| t.lower == ":")
        && colon > 0
        && toks[..colon].iter().all(|t| matches!(t.shape, Shape::Upper | Shape::Capitalized))
        && toks.get(colon + 1).is_some_and(|t| {
            matches!(t.shape, Shape::Upper | Shape::Capitalized) || (t.shape == Shape::Other && t.lower == "a")
        })
    {
        return Some(colon + 1);
    }
    // `Abuja - The Economic Community ...`, `Nairobi, July 23, 2021 - South Sudanese
    // authorities ...`: a place in title case, perhaps a date, a dash, then the story.
    // (Also with a source or a country in brackets and a day before its month, `Addis Ababa,
    // 2 July 2014 (WIC) - ...`, `Astana [Kazakhstan], May 2 : ...`; a colon ends it only after
    // a comma.)
    if first.shape == Shape::Capitalized {
        let mut in_paren = false;
        let mut comma = false;
        for (i, t) in toks.iter().enumerate().take(14) {
            let l = t.lower.as_str();
            match l {
                "(" | "[" if i > 0 && !in_paren => in_paren = true,
                ")" | "]" if in_paren => in_paren = false,
                _ if in_paren => {}
                "-" | "--" if i > 0 => {
                    return toks
                        .get(i + 1)
                        .is_some_and(|n| matches!(n.shape, Shape::Upper | Shape::Capitalized))
                        .then_some(i + 1);
                }
                ":" if comma => {
                    return toks
                        .get(i + 1)
                        .is_some_and(|n| matches!(n.shape, Shape::Upper | Shape::Capitalized))
                        .then_some(i + 1);
                }
                "," => comma = true,
                _ if matches!(t.shape, Shape::Capitalized | Shape::Upper | Shape::Number) => {}
                _ => return None,
            }
        }
        return None;
    }
    if first.shape != Shape::Upper {
        return None;
    }
    // `MANILA- China's coast guard ...`: the dash kept on the place.
    if first.lower.len() > 2 && first.lower.ends_with('-') && !first.lower.ends_with("--") {
        return Some(1);
    }
    let mut in_paren = false;
    let mut after_comma = false;
    for (i, t) in toks.iter().enumerate().take(16) {
        let l = t.lower.as_str();
        match l {
            "-" | "--" if i > 0 && !in_paren => return Some(i + 1),
            "(" => in_paren = true,
            // `NAIROBI, Kenya (AP) Witnesses say ...`: a wire's name in brackets ends it, with
            // no dash, when the story's first word follows.
            ")" if in_paren
                && i >= 2
                && toks[i - 2].lower == "("
                && matches!(toks[i - 1].shape, Shape::Upper | Shape::Capitalized)
                && toks.get(i + 1).is_some_and(|n| n.shape == Shape::Capitalized) =>
            {
                return Some(i + 1);
            }
            ")" => in_paren = false,
            "," | "/" => after_comma = true,
            _ if in_paren => {}
            _ if t.shape == Shape::Upper || t.shape == Shape::Number => {}
            // `KYIV, Ukraine (AP) -`: the country after the city.
            _ if after_comma && t.shape == Shape::Capitalized => {}
            _ if MONTHS.contains(&l) => {}
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let d = analyze("ASTANA, Oct 2 (Reuters) - Putin arrived. He met Tokayev.");
        let (a, b) = d.dateline.unwrap();
        assert_eq!(&d.text[a..b], "ASTANA, Oct 2 (Reuters) -");
        assert_eq!(d.sentences.len(), 2);
        assert_eq!(d.sentence_text(&d.sentences[0]), "Putin arrived.");
        let d = analyze("NEW YORK, Feb 26 - Text here.");
        assert!(d.dateline.is_some());
        let d = analyze("NATO said on Monday - not a dateline - that it would.");
        assert!(d.dateline.is_none());
        for text in [
            "TRIPOLI: The army attacked.",
            "BANGKOK: A bomb exploded.",
            "New Delhi: India protested.",
            "KYIV, Ukraine (AP) - Russia fired.",
            "NAIROBI, Kenya (AP) Witnesses say troops withdrew.",
        ] {
            assert!(analyze(text).dateline.is_some(), "{text}");
        }
        assert!(analyze("The army said: it attacked.").dateline.is_none());
        for text in [
            "Abuja - The Economic Community of West African States lifted sanctions.",
            "Nairobi, July 23, 2021 - South Sudanese authorities should act.",
            "Addis Ababa, 2 July 2014 (WIC) - Ethiopia and Russia have signed an agreement.",
            "Astana [Kazakhstan], May 2 : Turkish Foreign Minister Hakan Fidan held talks.",
        ] {
            assert!(analyze(text).dateline.is_some(), "{text}");
        }
        assert!(analyze("Saudi Arabia - a kingdom of deserts - said so.").dateline.is_none());
        assert!(analyze("Iran, Iraq (the neighbours) - both said so.").dateline.is_none());
        assert!(analyze("Officials in Kyiv, Lviv : none.").dateline.is_none());
    }

    #[test]
    fn lines_are_paragraphs() {
        let d = analyze("A title without a period\nFirst sentence. Second one.\n\nThird.");
        let texts: Vec<&str> = d.sentences.iter().map(|s| d.sentence_text(s)).collect();
        assert_eq!(texts, ["A title without a period", "First sentence.", "Second one.", "Third."]);
        assert_eq!(d.sentences.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [0, 1, 1, 2]);
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(analyze("").sentences.is_empty());
        assert!(analyze("\n\n \t\n").sentences.is_empty());
        let d = analyze("\u{0}\u{FEFF}x\u{200B}");
        assert_eq!(d.sentences.len(), 1);
    }
}
