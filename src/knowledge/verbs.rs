//! Verb files: verb declarations and event patterns (format: `docs/dictionaries.md`).

use std::collections::HashMap;

use super::entities::{Diagnostic, strip_comment};
use super::ontology::Ontology;

/// One pattern element.
#[derive(Clone, Debug, PartialEq)]
pub enum Elem {
    /// One of these word forms. `verb` is true when an alternative is a VERB. `ids` are the
    /// forms' numbers in the knowledge's vocabulary, sorted (filled when the knowledge is built).
    Words {
        forms: Vec<String>,
        verb: bool,
        participles: Vec<String>,
        ids: Vec<u32>,
    },
    /// Optionally one of these forms.
    Optional {
        forms: Vec<String>,
        ids: Vec<u32>,
    },
    /// 0 to [`GAP`] tokens.
    Gap,
    Source,
    Target,
}

/// Words that never head a noun pattern.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "between",
    "against",
    "into",
    "over",
    "about",
    "among",
    "after",
    "before",
    "during",
    "following",
    "his",
    "her",
    "their",
    "its",
    "our",
    "and",
    "or",
    "as",
    "'s",
    "this",
    "that",
    "these",
    "those",
    "upon",
    "onto",
    "toward",
    "towards",
    "through",
    "under",
    "without",
    "s",
    "ofs",
    "tos",
    "ins",
    "ons",
    "ats",
    "bys",
    "fors",
    "withs",
    "froms",
    "betweens",
    "againsts",
];

/// The longest gap `..` spans, in tokens.
pub const GAP: usize = 6;

/// An event pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// CAMEO event code, or `---` for the null code.
    pub code: String,
    pub mutual: bool,
    pub elems: Vec<Elem>,
    /// Index of the trigger element in `elems`.
    pub trigger: usize,
    /// How specific the pattern is; the most specific match at a trigger wins.
    pub specificity: u32,
    /// The pattern as written.
    pub text: String,
    /// `file:line`.
    pub origin: String,
}

impl Pattern {
    pub fn is_null(&self) -> bool {
        self.code == "---"
    }
    pub fn trigger_is_verb(&self) -> bool {
        matches!(&self.elems[self.trigger], Elem::Words { verb: true, .. })
    }
}

/// Irregular verbs declared with `verb LEMMA: forms`.
#[derive(Default, Debug)]
pub struct VerbTable {
    declared: HashMap<String, Vec<String>>,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// `-s` form of a noun or verb: `agreement` → `agreements`, `try` → `tries`, `push` → `pushes`.
pub fn s_form(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        return format!("{}ies", &w[..n - 1]);
    }
    if w.ends_with('s') || w.ends_with('x') || w.ends_with('z') || w.ends_with("ch") || w.ends_with("sh") {
        return format!("{w}es");
    }
    format!("{w}s")
}

/// Whether the final consonant may double (`stop` → `stopped`, `travel` → `travelled`):
/// consonant-vowel-consonant, the last not `w`, `x` or `y`.
fn may_double(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    n >= 3
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

/// Number of vowel groups, a rough syllable count.
fn syllables(w: &str) -> usize {
    let mut n = 0;
    let mut prev = false;
    for b in w.bytes() {
        let v = is_vowel(b) || b == b'y';
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

/// All regular forms of a verb: base, `-s`, past/participle and `-ing` (with the doubled
/// consonant variant where spelling allows it; a form that never occurs costs nothing).
pub fn regular_forms(lemma: &str) -> (Vec<String>, Vec<String>) {
    let w = lemma;
    let b = w.as_bytes();
    let n = b.len();
    let mut past = Vec::new();
    let mut ing = Vec::new();
    if w.ends_with('e') {
        past.push(format!("{w}d"));
        if w.ends_with("ie") {
            ing.push(format!("{}ying", &w[..n - 2]));
        } else if w.ends_with("ee") || w.ends_with("ye") || w.ends_with("oe") {
            ing.push(format!("{w}ing"));
        } else {
            ing.push(format!("{}ing", &w[..n - 1]));
        }
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        past.push(format!("{}ied", &w[..n - 1]));
        ing.push(format!("{w}ing"));
    } else {
        // A one-syllable consonant-vowel-consonant verb doubles (rap → rapped, never
        // "raped"); a longer one may ("admitted", "travelled") or may not ("visited").
        let double = may_double(w);
        if !(double && syllables(w) == 1) {
            past.push(format!("{w}ed"));
            ing.push(format!("{w}ing"));
        }
        if double {
            let last = &w[n - 1..];
            past.push(format!("{w}{last}ed"));
            ing.push(format!("{w}{last}ing"));
        }
        if w.ends_with('c') {
            past.push(format!("{w}ked"));
            ing.push(format!("{w}king"));
        }
    }
    let mut forms = vec![w.to_string(), s_form(w)];
    forms.extend(past.iter().cloned());
    forms.extend(ing);
    (forms, past)
}

impl VerbTable {
    /// Forms and participles of a verb.
    pub fn forms(&self, lemma: &str) -> (Vec<String>, Vec<String>) {
        let (mut forms, mut participles) = regular_forms(lemma);
        if let Some(declared) = self.declared.get(lemma) {
            for f in declared {
                if !forms.contains(f) {
                    forms.push(f.clone());
                }
                // A declared form like the lemma is its participle too ("hit: hits hit hitting":
                // "was *hit*").
                if !f.ends_with("ing") && *f != s_form(lemma) && !participles.contains(f) {
                    participles.push(f.clone());
                }
            }
        }
        (forms, participles)
    }

    pub fn declare(&mut self, lemma: &str, forms: Vec<String>) {
        let entry = self.declared.entry(lemma.to_string()).or_default();
        for f in forms {
            if !entry.contains(&f) {
                entry.push(f);
            }
        }
    }
}

/// Parses the `verb` declarations of a verb file.
pub fn parse_declarations(file: &str, text: &str, verbs: &mut VerbTable, diags: &mut Vec<Diagnostic>) {
    for (n, raw) in text.lines().enumerate() {
        let line = strip_comment(raw).trim();
        let Some(rest) = line.strip_prefix("verb ") else { continue };
        let (lemma, forms) = match rest.split_once(':') {
            Some((l, f)) => (l.trim(), f),
            None => (rest.trim(), ""),
        };
        if lemma.is_empty() || lemma.contains(' ') || !lemma.chars().all(|c| c.is_alphabetic() || c == '-') {
            diags
                .push(Diagnostic { origin: format!("{file}:{}", n + 1), message: format!("bad verb lemma '{lemma}'") });
            continue;
        }
        let lemma = lemma.to_lowercase();
        verbs.declare(&lemma, forms.split_whitespace().map(|f| f.to_lowercase()).collect());
    }
}

fn is_verb_word(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c == '-')
}

fn word_forms(alt: &str, verbs: &VerbTable) -> (Vec<String>, bool, Vec<String>) {
    if is_verb_word(alt) {
        let (forms, participles) = verbs.forms(&alt.to_lowercase());
        (forms, true, participles)
    } else {
        let w = alt.to_lowercase();
        let mut forms = vec![w.clone()];
        if w.chars().last().is_some_and(|c| c.is_alphabetic()) {
            forms.push(s_form(&w));
        }
        (forms, false, Vec::new())
    }
}

fn parse_alternatives(s: &str, verbs: &VerbTable) -> Result<(Vec<String>, bool, Vec<String>), String> {
    let mut forms = Vec::new();
    let mut verb = false;
    let mut participles = Vec::new();
    for alt in s.split('|') {
        if alt.is_empty() || alt.contains(['$', '+', '(', ')']) || alt == ".." {
            return Err(format!("bad alternative '{alt}' in '{s}'"));
        }
        let (f, v, p) = word_forms(alt, verbs);
        verb |= v;
        for x in f {
            if !forms.contains(&x) {
                forms.push(x);
            }
        }
        participles.extend(p);
    }
    Ok((forms, verb, participles))
}

/// Parses one pattern line (`CODE [FLAGS]: ELEMENTS`).
pub fn parse_pattern(line: &str, origin: &str, verbs: &VerbTable, ontology: &Ontology) -> Result<Pattern, String> {
    let (head, body) = line.split_once(':').ok_or("a pattern needs 'CODE: elements'")?;
    let mut head_words = head.split_whitespace();
    let code = head_words.next().ok_or("no event code")?.to_string();
    if code != "---" && ontology.event(&code).is_none() {
        return Err(format!("'{code}' is not a CAMEO event code"));
    }
    let mut mutual = false;
    for flag in head_words {
        match flag {
            "mutual" => mutual = true,
            _ => return Err(format!("unknown flag '{flag}'")),
        }
    }
    let mut elems = Vec::new();
    for tok in body.split_whitespace() {
        let e = match tok {
            "$" => Elem::Source,
            "+" => Elem::Target,
            ".." => Elem::Gap,
            t if t.starts_with('(') && t.ends_with(')') && t.len() > 2 => {
                let (forms, _, _) = parse_alternatives(&t[1..t.len() - 1], verbs)?;
                Elem::Optional { forms, ids: Vec::new() }
            }
            t => {
                let (forms, verb, participles) = parse_alternatives(t, verbs)?;
                Elem::Words { forms, verb, participles, ids: Vec::new() }
            }
        };
        elems.push(e);
    }
    let trigger = elems
        .iter()
        .position(|e| matches!(e, Elem::Words { verb: true, .. }))
        .or_else(|| {
            // No verb: the head noun, the last content word ("in + on a state *visit*",
            // "*talks* with +", "trade *war*"), so that a null such as "trade war" silences
            // the same trigger as "war between $".
            let content = |e: &Elem| match e {
                Elem::Words { forms, .. } => !forms.iter().all(|f| FUNCTION_WORDS.contains(&f.as_str())),
                _ => false,
            };
            elems.iter().rposition(content).or_else(|| elems.iter().position(|e| matches!(e, Elem::Words { .. })))
        })
        .ok_or("a pattern needs at least one word")?;
    if elems.iter().filter(|e| **e == Elem::Source).count() > 1
        || elems.iter().filter(|e| **e == Elem::Target).count() > 1
    {
        return Err("a pattern has at most one '$' and one '+'".into());
    }
    if elems.windows(2).any(|w| w[0] == Elem::Gap && w[1] == Elem::Gap)
        || elems.first() == Some(&Elem::Gap)
        || elems.last() == Some(&Elem::Gap)
    {
        return Err("'..' must stand between two elements".into());
    }
    let specificity = elems
        .iter()
        .map(|e| match e {
            Elem::Words { .. } => 4,
            Elem::Source | Elem::Target => 2,
            Elem::Optional { .. } => 1,
            Elem::Gap => 0,
        })
        .sum();
    // A null wins over an event pattern with as many words ("trade war" over "war between $").
    let specificity = if code == "---" { specificity + 3 } else { specificity };
    Ok(Pattern { code, mutual, elems, trigger, specificity, text: line.trim().to_string(), origin: origin.to_string() })
}

/// Parses the patterns of a verb file (declarations must already be in `verbs`).
pub fn parse_patterns(
    file: &str,
    text: &str,
    verbs: &VerbTable,
    ontology: &Ontology,
    out: &mut Vec<Pattern>,
    diags: &mut Vec<Diagnostic>,
) {
    for (n, raw) in text.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() || line.starts_with("verb ") {
            continue;
        }
        let origin = format!("{file}:{}", n + 1);
        match parse_pattern(line, &origin, verbs, ontology) {
            Ok(p) => out.push(p),
            Err(message) => diags.push(Diagnostic { origin, message }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflection() {
        let (f, p) = regular_forms("sign");
        assert_eq!(f, ["sign", "signs", "signed", "signing"]);
        assert_eq!(p, ["signed"]);
        assert!(regular_forms("agree").0.contains(&"agreeing".to_string()));
        assert!(regular_forms("try").0.contains(&"tried".to_string()));
        assert!(regular_forms("stop").0.contains(&"stopped".to_string()));
        assert!(regular_forms("host").0.contains(&"hosting".to_string()));
        assert!(regular_forms("receive").0.contains(&"receiving".to_string()));
        assert!(regular_forms("travel").0.contains(&"travelled".to_string()));
        assert!(regular_forms("visit").0.contains(&"visited".to_string()));
        assert!(!regular_forms("rap").0.contains(&"raping".to_string()));
        assert!(regular_forms("ban").0.contains(&"banned".to_string()));
        assert_eq!(s_form("memorandum"), "memorandums");
        assert_eq!(s_form("talk"), "talks");
        assert_eq!(s_form("push"), "pushes");
    }

    #[test]
    fn patterns() {
        let o = Ontology::builtin();
        let mut v = VerbTable::default();
        let mut diags = Vec::new();
        parse_declarations("v", "verb meet: meets met meeting\nverb 12x", &mut v, &mut diags);
        assert_eq!(diags.len(), 1);
        let p = parse_pattern("040 mutual: MEET with +", "v:1", &v, &o).unwrap();
        assert!(p.mutual && p.trigger == 0 && p.trigger_is_verb());
        match &p.elems[0] {
            Elem::Words { forms, participles, .. } => {
                assert!(forms.contains(&"met".to_string()));
                assert_eq!(participles, &["meeted".to_string(), "met".to_string()]);
            }
            e => panic!("{e:?}"),
        }
        let p = parse_pattern("057: agreement|memoranda .. SIGN", "v:2", &v, &o).unwrap();
        assert_eq!(p.trigger, 2);
        let p = parse_pattern("042: visit to +", "v:3", &v, &o).unwrap();
        assert_eq!(p.trigger, 0);
        let p = parse_pattern("042: in + on (a) (state|official) visit", "v:4", &v, &o).unwrap();
        assert_eq!(p.trigger, 5);
        assert_eq!(parse_pattern("040: talks with +", "v:5", &v, &o).unwrap().trigger, 0);
        assert_eq!(parse_pattern("---: trade war", "v:6", &v, &o).unwrap().trigger, 1);
        assert!(parse_pattern("999: SIGN", "v", &v, &o).is_err());
        assert!(parse_pattern("057: $ +", "v", &v, &o).is_err());
        assert!(parse_pattern("057: .. SIGN", "v", &v, &o).is_err());
        assert!(parse_pattern("057 often: SIGN", "v", &v, &o).is_err());
        assert!(parse_pattern("---: SIGN up", "v", &v, &o).unwrap().is_null());
    }
}
