//! Actor dictionaries, the format TABARI (`.actors`) and PETRARCH (`*.actors.txt`) share.
//!
//! ```text
//! ARNOR  [ARN]                     a phrase and its code
//! AL_GORE  [AGR] ;comment          `_` joins words; a final `_` means the exact word
//! LORIEN  [ELR/GAL]                `/`: a compound actor (one event per member)
//! ALBRIGHT  [USAGOV 991201-010114] [---]   dated codes, then the default
//! GOLLUM                           an entry over several lines:
//! +SMEAGOL                         `+` synonyms
//!     [HOB < 950601]                   tab-indented codes: before, between, after dates
//!     [HOBGOV 950601 - 990815]
//!     [HOBREB > 990816]
//! ```
//!
//! `<NOUN>` and `<ADJECTIVE>` sections (TABARI) list words that are never verbs.

use std::collections::HashSet;

use super::{DatedCode, Diagnostic, PhraseIndex, Word, brackets, parse_dated_code, phrase, strip_comment};

/// One entry: its phrases and its (dated) codes.
#[derive(Clone, Debug, Default)]
pub struct Entry {
    pub phrases: Vec<Vec<Word>>,
    pub codes: Vec<DatedCode>,
    /// `file:line` of its first line.
    pub origin: String,
    /// The phrase as written on the first line.
    pub name: String,
}

/// The actors read so far.
#[derive(Default, Debug)]
pub struct Actors {
    pub entries: Vec<Entry>,
    pub index: PhraseIndex,
    /// Words the `<NOUN>` and `<ADJECTIVE>` sections say are not verbs.
    pub not_verbs: HashSet<String>,
    /// Words of the `<ADJECTIVE>` section (they may sit inside a compound: "the evil Gondor").
    pub adjectives: HashSet<String>,
}

/// Reads entries in the shared format. `expand` rewrites a phrase into the phrases it
/// stands for (agents' `!PERSON!` substitutions); actors pass the phrase through.
pub fn parse_entries(
    file: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    mut expand: impl FnMut(&str) -> Vec<String>,
    mut side: impl FnMut(&str, &str, bool) -> bool,
) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut current: Option<Entry> = None;
    let mut section = false;
    let finish = |e: Option<Entry>, out: &mut Vec<Entry>, diags: &mut Vec<Diagnostic>| {
        if let Some(e) = e {
            if e.codes.is_empty() {
                diags.push(Diagnostic {
                    origin: e.origin.clone(),
                    message: format!("{} has no [code]; skipped", e.name),
                });
            } else {
                out.push(e);
            }
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let origin = format!("{file}:{}", n + 1);
        let diag = |diags: &mut Vec<Diagnostic>, m: String| {
            diags.push(Diagnostic { origin: origin.clone(), message: format!("{m}; line skipped") })
        };
        if raw.starts_with("~~") {
            break;
        }
        if raw.trim_start().starts_with('#') {
            continue;
        }
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let t = line.trim();
        if t.starts_with('<') && t.ends_with('>') {
            section = !t.starts_with("</");
            continue;
        }
        if section {
            side(t, &origin, true);
            continue;
        }
        if side(t, &origin, false) {
            continue;
        }
        let indented = line.starts_with(char::is_whitespace);
        if indented && t.starts_with('[') {
            // Codes of the current entry.
            let Some(e) = current.as_mut() else {
                diag(diags, "code line before any actor".into());
                continue;
            };
            match brackets(t) {
                Ok((_, codes)) => {
                    for c in codes {
                        match parse_dated_code(c) {
                            Ok(dc) => e.codes.push(dc),
                            Err(m) => diag(diags, m),
                        }
                    }
                }
                Err(m) => diag(diags, m),
            }
            continue;
        }
        let (synonym, body) = match t.strip_prefix('+') {
            Some(b) => (true, b.trim()),
            None => (false, t),
        };
        let (head, codes) = match brackets(body) {
            Ok(x) => x,
            Err(m) => {
                diag(diags, m);
                continue;
            }
        };
        let head = head.trim();
        if head.is_empty() {
            diag(diags, "no phrase before [code]".into());
            continue;
        }
        let mut parsed = Vec::new();
        let mut bad = None;
        for c in codes {
            match parse_dated_code(c) {
                Ok(dc) => parsed.push(dc),
                Err(m) => bad = Some(m),
            }
        }
        if let Some(m) = bad {
            diag(diags, m);
            continue;
        }
        if synonym {
            let Some(e) = current.as_mut() else {
                diag(diags, "+synonym before any actor".into());
                continue;
            };
            for p in expand(head) {
                e.phrases.push(phrase(&p));
            }
            e.codes.extend(parsed);
        } else if parsed.is_empty() && current.as_ref().is_some_and(|e| e.codes.is_empty()) {
            // PETRARCH: lines without codes before the code lines are names of one actor.
            if let Some(e) = current.as_mut() {
                for p in expand(head) {
                    e.phrases.push(phrase(&p));
                }
            }
        } else {
            finish(current.take(), &mut out, diags);
            let mut e = Entry { origin: origin.clone(), name: head.to_string(), codes: parsed, ..Default::default() };
            for p in expand(head) {
                e.phrases.push(phrase(&p));
            }
            current = Some(e);
        }
    }
    finish(current.take(), &mut out, diags);
    out
}

/// Parses an actor file into `actors`.
pub fn parse(file: &str, text: &str, actors: &mut Actors, diags: &mut Vec<Diagnostic>) {
    let mut in_adj = false;
    for l in text.lines() {
        let t = strip_comment(l).trim();
        if t.eq_ignore_ascii_case("<ADJECTIVE>") {
            in_adj = true;
        } else if t.starts_with("</") {
            in_adj = false;
        } else if in_adj && !t.is_empty() {
            actors.adjectives.extend(phrase(t).into_iter().map(|w| w.text));
        }
    }
    let mut not_verbs = Vec::new();
    let entries = parse_entries(
        file,
        text,
        diags,
        |p| vec![p.to_string()],
        |line, _, in_section| {
            if in_section {
                not_verbs.push(line.to_string());
            }
            in_section
        },
    );
    for l in not_verbs {
        for w in phrase(&l) {
            actors.not_verbs.insert(w.text);
        }
    }
    for e in entries {
        let id = actors.entries.len() as u32;
        for p in &e.phrases {
            actors.index.insert(p.clone(), id);
        }
        actors.entries.push(e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    const SAMPLE: &str = "<NOUN>\nBEES   ;pas\nFORCES_\n</NOUN>\nARNOR  [ARN]\n#ALBRIGHZ  [991201-010114] [---]\n\
ALBRIGHT  [USAGOV 991201-010114] [---] ;ems\nGOLLUM  ; pas\n+SMEAGOL\n+SLINKER\n\t[HOB < 950601]\n\
\t[HOBGOV 950601 - 990815]\n#\t[950601-990815]\n\t[AAA950601-990815]\n\t[HOBREB > 990816]\n\t\n\
LORIEN  [ELR/GAL]\nNOCODE\nBROKEN [ARN\n+\nARNOR2 [ARN]\nLEONID_BREZHNEV_\nSECRETARY_BREZHNEV\n\t[RUSELI 19240101-641014]\n";

    #[test]
    fn parses_sample() {
        let mut a = Actors::default();
        let mut d = Vec::new();
        parse("t.actors", SAMPLE, &mut a, &mut d);
        assert_eq!(a.entries.len(), 6, "{:?}", a.entries);
        assert_eq!(a.entries[5].phrases.len(), 2);
        assert!(a.not_verbs.contains("BEES") && a.not_verbs.contains("FORCES"));
        let gollum = &a.entries[2];
        assert_eq!(gollum.phrases.len(), 3);
        assert_eq!(gollum.codes.len(), 3);
        assert_eq!(super::super::code_on(&gollum.codes, Date::new(1998, 1, 1).unwrap()), Some("HOBGOV"));
        let albright = &a.entries[1];
        assert_eq!(super::super::code_on(&albright.codes, Date::new(2005, 1, 1).unwrap()), Some("---"));
        // The broken code line, the entry without a code, the unclosed bracket, the empty synonym.
        for line in [14, 18, 19, 20] {
            assert!(d.iter().any(|x| x.origin == format!("t.actors:{line}")), "line {line}: {d:?}");
        }
    }
}
