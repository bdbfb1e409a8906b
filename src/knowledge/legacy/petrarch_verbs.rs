//! PETRARCH2 verb dictionaries (`CAMEO.2.0.txt`).
//!
//! ```text
//! &CURRENCY                         synsets at the top: &NAME then +MEMBER lines
//! +DOLLAR
//! ---  ACCELERATE   [---]  ---      a block: its name and default code
//! HURRY {HURRIES HURRYING HURRIED } a verb of the block with its irregular forms
//! +ASK_FOR {+ASKED_FOR} [020]       a multi-word verb, with a code of its own
//! - * (TO BORDER)  [154]  # RUSH    a pattern: `{}` noun phrase, `()` prepositional phrase
//! ```
//!
//! Verb words are whole words: PETRARCH generates their regular forms (`-S`, `-ED`, `-ING`),
//! which [`super::word_matches`] accepts for `Exact` words.

use super::tabari_verbs::{Form, Group, Verbs, add_synset_member, lemma_of, parse_code, parse_transform, pattern};
use super::{Diagnostic, Mode, brackets, phrase};

/// Parses a PETRARCH verb file into `verbs`.
pub fn parse(file: &str, text: &str, verbs: &mut Verbs, diags: &mut Vec<Diagnostic>) {
    let mut synset: Option<u32> = None;
    let mut group: Option<u32> = None;
    for (n, raw) in text.lines().enumerate() {
        let origin = format!("{file}:{}", n + 1);
        let diag = |diags: &mut Vec<Diagnostic>, m: String| {
            diags.push(Diagnostic { origin: origin.clone(), message: format!("{m}; line skipped") })
        };
        let trimmed = raw.trim();
        if trimmed.starts_with("---") {
            // `---  NAME   [CODE]  ---`
            let inner = trimmed.trim_matches('-').trim();
            match brackets(inner) {
                Ok((_, codes)) if codes.len() == 1 => match parse_code(codes[0]) {
                    Ok(code) => {
                        group = Some(verbs.groups.len() as u32);
                        verbs.groups.push(Group { code, patterns: Vec::new(), origin: origin.clone() });
                    }
                    Err(e) => {
                        diag(diags, e);
                        group = None;
                    }
                },
                Ok(_) => {
                    diag(diags, "a block header is --- NAME [CODE] ---".into());
                    group = None;
                }
                Err(e) => diag(diags, e),
            }
            synset = None;
            continue;
        }
        let line = super::strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rule) = line.strip_prefix('~') {
            let balanced = rule.matches('(').count() == rule.matches(')').count();
            match rule.split_once('=') {
                Some((lhs, rhs)) if balanced && !lhs.trim().is_empty() && rhs.split_whitespace().count() == 3 => {
                    verbs.rewrites.push((origin.clone(), line.to_string()));
                    match parse_transform(line, &origin) {
                        Some(t) => verbs.transforms.push(t),
                        None => diags.push(Diagnostic {
                            origin: origin.clone(),
                            message: "a rewrite rule the coder cannot apply (it reads ~ a (X Y VERB) VERB = a b CODE with X in a b _ and Y in b .)".into(),
                        }),
                    }
                }
                _ => diag(diags, "a rewrite rule is ~ a (b c VERB) VERB = x y CODE".into()),
            }
            continue;
        }
        if let Some(name) = line.strip_prefix('&') {
            synset = Some(verbs.synset(name.trim()));
            continue;
        }
        if group.is_none()
            && let Some(member) = line.strip_prefix('+')
        {
            if let Err(e) = add_synset_member(verbs, synset, member) {
                diag(diags, e);
            }
            continue;
        }
        let Some(g) = group else {
            diag(diags, "entry before any --- VERB [CODE] --- block".into());
            continue;
        };
        if let Some(rest) = line.strip_prefix('-') {
            match pattern(rest, &origin, verbs) {
                Ok(mut p) => {
                    // `- * &TREATY  [057]  # RATIFY`: the verb the pattern was written for.
                    let comment = raw.get(super::strip_comment(raw).len()..).unwrap_or("");
                    p.owner = comment
                        .trim_start_matches(['#', ' ', '\t'])
                        .split_whitespace()
                        .next()
                        .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
                        .map(str::to_string);
                    let id = verbs.patterns.len() as u32;
                    verbs.patterns.push(p);
                    verbs.groups[g as usize].patterns.push(id);
                }
                Err(e) => diag(diags, e),
            }
            continue;
        }
        // A verb line: WORD {FORMS} [CODE]
        let (head, code) = match brackets(line) {
            Ok((h, codes)) if codes.len() <= 1 => match codes.first().map(|c| parse_code(c)).transpose() {
                Ok(c) => (h, c),
                Err(e) => {
                    diag(diags, e);
                    continue;
                }
            },
            Ok(_) => {
                diag(diags, "a verb line has at most one [code]".into());
                continue;
            }
            Err(e) => {
                diag(diags, e);
                continue;
            }
        };
        let (main, irregular) = match head.split_once('{') {
            Some((m, rest)) => match rest.split_once('}') {
                Some((forms, tail)) if tail.trim().is_empty() => (m, forms),
                _ => {
                    diag(diags, "unclosed { in verb forms".into());
                    continue;
                }
            },
            None => (head, ""),
        };
        let main = main.trim();
        if main.is_empty() || main.contains(char::is_whitespace) {
            diag(diags, "a verb is one word or words joined by _".into());
            continue;
        }
        let lemma = lemma_of(&phrase(main.trim_start_matches('+')));
        for f in std::iter::once(main).chain(irregular.split_whitespace()) {
            let mut words = phrase(f.trim_start_matches('+'));
            if let Some(last) = words.last_mut()
                && last.mode == Mode::Stem
            {
                last.mode = Mode::Exact;
            }
            if !words.is_empty() {
                verbs.forms.push(Form { words, lemma: lemma.clone(), group: g, code: code.clone() });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# comment\n&CURRENCY\n+MONEY\n+CASH_\n\n####### VERB PATTERNS #######\n\
---  ACCELERATE   [---]  ---\nHURRY {HURRIES HURRYING HURRIED }\nRUSH\n- * (TO)  [042:043]  # RUSH\n\
- * &CURRENCY [071]\n- * {RELIEF ASSISTANCE}  [073]\n---  ASK   [020]  ---\n+ASK_FOR {+ASKED_FOR +ASKS_FOR} [021]\n\
- * (OF {RIGHTS ABUSES}  [1122]\nGRILL [110\n~ a (a b ATTACK) SAY = a b 015\n~ a (b ATTACK SAY = a b\n";

    #[test]
    fn parses_sample() {
        let mut v = Verbs::default();
        let mut d = Vec::new();
        parse("CAMEO.2.0.txt", SAMPLE, &mut v, &mut d);
        v.finish();
        assert_eq!(v.synsets[0].1.len(), 2);
        assert_eq!(v.groups.len(), 2);
        assert!(v.groups[0].code.primary.is_none());
        assert_eq!(v.patterns.len(), 3);
        assert_eq!(v.patterns[0].code.paired.as_deref(), Some("043"));
        let ask: Vec<_> = v.forms.iter().filter(|f| f.group == 1).collect();
        assert_eq!(ask.len(), 3);
        assert_eq!(ask[0].words.len(), 2);
        assert_eq!(ask[0].code.as_ref().and_then(|c| c.primary.as_deref()), Some("021"));
        let lines: Vec<&str> = d.iter().map(|x| x.origin.as_str()).collect();
        assert_eq!(lines, vec!["CAMEO.2.0.txt:15", "CAMEO.2.0.txt:16", "CAMEO.2.0.txt:18"]);
        assert_eq!(v.rewrites.len(), 1);
        assert_eq!(v.transforms, vec![parse_transform("~ a (a b ATTACK) SAY = a b 015", "CAMEO.2.0.txt:17").unwrap()]);
        // Irregular forms name their verb.
        assert!(ask.iter().all(|f| f.lemma == "ASK_FOR"));
        assert!(v.forms.iter().any(|f| f.words[0].text == "HURRIED" && f.lemma == "HURRY"));
    }

    #[test]
    fn reads_transformations() {
        let t = parse_transform("~ a (b . ATTACK ) WANT = a b 021", "f:1").unwrap();
        assert_eq!(
            (t.inner_source, t.inner_target, t.inner_verb.as_str(), t.outer_verb.as_str()),
            ('b', '.', "ATTACK", "WANT")
        );
        assert_eq!(t.code, "021");
        assert!(
            parse_transform("~ a (a b Q) SAY = a b Q", "f:2").is_some_and(|t| t.inner_verb == "Q" && t.code == "Q")
        );
        // Shapes the coder cannot apply are refused, not guessed.
        assert!(parse_transform("~ a (c d ATTACK) SAY = a b 015", "f:3").is_none());
        assert!(parse_transform("~ a (a b ATTACK) SAY = b a 015", "f:4").is_none());
    }
}
