//! TABARI `.verbs` files, and the verb table both legacy formats fill.
//!
//! ```text
//! <SYNSETS>
//! &TIETYPES
//! +MILITARY
//! </SYNSETS>
//! RESTOR  [064]                       a verb (stem) and its default code
//! { RESTORED_ RESTORING_ }            irregular forms of the verb above
//! - * DIPLOMATIC  [064]               a pattern: words before `*` precede the verb
//! - SAID $ *  [113]                   `$` source, `+` target, `%` compound, `^` skip an actor
//! - * FOR { SANCTIONS | BOYCOTT }  [172]   alternatives; `&NAME` a synset
//! LEFT_ [032:033]                     paired codes: source→target and target→source
//! ACCORD  [---]                       the null code: matched, but no event
//! ```

use std::collections::HashMap;

use super::{Diagnostic, Mode, PhraseIndex, Word, brackets, phrase, strip_comment};

/// A verb or pattern code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Code {
    /// `None` for the null code `---`.
    pub primary: Option<String>,
    /// The code of the reverse event, `[x:y]`.
    pub paired: Option<String>,
    /// `?` (subordinate: codes only through a pattern) or `!` (dominant), when written.
    pub flag: Option<char>,
    /// `###`: the sentence is discarded.
    pub discard: bool,
    /// `+++`: the sentence is too complex to code.
    pub complex: bool,
}

/// Parses a code bracket's content: `064`, `032:033`, `---`, `023?`, `031!`, `###`, `+++`.
pub fn parse_code(s: &str) -> Result<Code, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty code []".into());
    }
    if s.contains(char::is_whitespace) {
        return Err(format!("code [{s}] has spaces"));
    }
    let mut c = Code::default();
    let (main, paired) = match s.split_once(':') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let strip = |x: &str, c: &mut Code| -> String {
        let mut x = x.to_string();
        if let Some(last) = x.chars().last().filter(|ch| *ch == '?' || *ch == '!') {
            c.flag = Some(last);
            x.pop();
        }
        x
    };
    let main = strip(main, &mut c);
    match main.as_str() {
        "---" | "" => {}
        "###" => c.discard = true,
        "+++" => c.complex = true,
        _ => c.primary = Some(main.to_uppercase()),
    }
    if let Some(p) = paired {
        let p = strip(p, &mut c);
        if p != "---" && !p.is_empty() {
            c.paired = Some(p.to_uppercase());
        }
    }
    Ok(c)
}

/// An element of a verb pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    Word(Word),
    /// `&NAME`: any member of the synset (index into `Verbs::synsets`).
    Synset {
        id: u32,
        joined: bool,
    },
    /// `{ A | B }`: any of the alternatives.
    Alt {
        options: Vec<Vec<Elem>>,
        joined: bool,
    },
    /// `$`
    Source,
    /// `+`
    Target,
    /// `%`: a compound actor whose members act on each other.
    Compound,
    /// `^`: skip one actor.
    Skip,
    /// `*`: the verb.
    Verb {
        joined: bool,
    },
}

impl Elem {
    pub fn joined(&self) -> bool {
        match self {
            Elem::Word(w) => w.joined,
            Elem::Synset { joined, .. } | Elem::Alt { joined, .. } | Elem::Verb { joined } => *joined,
            _ => false,
        }
    }
    fn set_joined(&mut self, j: bool) {
        match self {
            Elem::Word(w) => w.joined = j,
            Elem::Synset { joined, .. } | Elem::Alt { joined, .. } | Elem::Verb { joined } => *joined = j,
            _ => {}
        }
    }
    /// How much an element narrows a match, for ordering patterns (longest first).
    pub fn weight(&self) -> usize {
        match self {
            // A literal word narrows more than a synset of them.
            Elem::Word(_) => 3,
            Elem::Synset { .. } => 2,
            Elem::Alt { options, .. } => 3 * options.iter().map(|o| o.len()).min().unwrap_or(0),
            Elem::Source | Elem::Target | Elem::Compound | Elem::Skip => 1,
            Elem::Verb { .. } => 0,
        }
    }
}

/// A pattern under a verb.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The elements in text order, one of them `Verb`.
    pub elems: Vec<Elem>,
    pub code: Code,
    /// `file:line`.
    pub origin: String,
    pub text: String,
    /// The verb a PETRARCH2 pattern was written for (`# RATIFY` after it): in a block of
    /// synonyms, that verb prefers it over an equally specific pattern of another.
    pub owner: Option<String>,
}

impl Pattern {
    pub fn verb_index(&self) -> usize {
        self.elems.iter().position(|e| matches!(e, Elem::Verb { .. })).unwrap_or(0)
    }
    pub fn weight(&self) -> usize {
        self.elems.iter().map(Elem::weight).sum()
    }
}

/// A verb block: its default code and its patterns.
#[derive(Clone, Debug, Default)]
pub struct Group {
    pub code: Code,
    pub patterns: Vec<u32>,
    pub origin: String,
}

/// One written form of a verb (the main form, an irregular form, a synonym): its words (the
/// first is the one looked up; the rest must follow) and its group.
#[derive(Clone, Debug)]
pub struct Form {
    pub words: Vec<Word>,
    /// The verb the form is of (`SAY` for `SAID`), as PETRARCH2's transformation rules name
    /// it; TABARI forms are their own.
    pub lemma: String,
    pub group: u32,
    /// A code written on the form's own line, overriding the group's (PETRARCH).
    pub code: Option<Code>,
}

/// A time phrase (`<TIME>` section): a shift in days, a discard or a complexity marker.
#[derive(Clone, Debug)]
pub struct TimePhrase {
    pub words: Vec<Word>,
    pub code: String,
}

/// A PETRARCH2 transformation: an event nested under a verb becomes one event.
/// `~ a (b . ATTACK) CLAIM = a b 112`: "A claimed that B attacked (anyone)" is A accusing B.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transform {
    /// Who acts in the nested event: `a` (the outer subject again), `b` (another actor) or `_`
    /// (no one named: "Obama wants to attack").
    pub inner_source: char,
    /// The nested event's target: `b` (an actor) or `.` (anything).
    pub inner_target: char,
    /// The nested verb, or `Q` for any coded verb.
    pub inner_verb: String,
    pub outer_verb: String,
    /// The resulting code, or `Q` for the nested event's.
    pub code: String,
    pub origin: String,
    /// The codes of the named verbs (filled by [`Verbs::finish`]).
    pub inner_code: Option<String>,
    pub outer_code: Option<String>,
}

/// Reads `~ a (X Y VERB) VERB = a b CODE`.
pub fn parse_transform(line: &str, origin: &str) -> Option<Transform> {
    let rule = line.trim().strip_prefix('~')?;
    let (lhs, rhs) = rule.split_once('=')?;
    let (a, rest) = lhs.split_once('(')?;
    let (inner, outer) = rest.split_once(')')?;
    let inner: Vec<&str> = inner.split_whitespace().collect();
    let outer: Vec<&str> = outer.split_whitespace().collect();
    let rhs: Vec<&str> = rhs.split_whitespace().collect();
    let ok = a.trim() == "a"
        && inner.len() == 3
        && outer.len() == 1
        && rhs.len() == 3
        && rhs[0] == "a"
        && rhs[1] == "b"
        && matches!(inner[0], "a" | "b" | "_")
        && matches!(inner[1], "b" | ".")
        && inner[0] != inner[1];
    ok.then(|| Transform {
        inner_source: inner[0].chars().next().unwrap_or('_'),
        inner_target: inner[1].chars().next().unwrap_or('.'),
        inner_verb: inner[2].to_uppercase(),
        outer_verb: outer[0].to_uppercase(),
        code: rhs[2].to_string(),
        origin: origin.to_string(),
        inner_code: None,
        outer_code: None,
    })
}

/// The name of a form's verb: its words joined by `_`.
pub fn lemma_of(words: &[Word]) -> String {
    words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join("_")
}

/// The verb table: synsets, forms, groups and patterns, from either format.
#[derive(Default, Debug)]
pub struct Verbs {
    pub synsets: Vec<(String, Vec<Vec<Elem>>)>,
    pub synset_ids: HashMap<String, u32>,
    pub forms: Vec<Form>,
    pub groups: Vec<Group>,
    pub patterns: Vec<Pattern>,
    pub time: Vec<TimePhrase>,
    /// PETRARCH2 transformation rules (`~ a (a b ATTACK) SAY = a b 015`), as written with
    /// their origin.
    pub rewrites: Vec<(String, String)>,
    /// The same rules as the coder applies them.
    pub transforms: Vec<Transform>,
    /// Form index by first word.
    pub index: PhraseIndex,
}

impl Verbs {
    /// Builds the index and orders each group's patterns most specific first.
    pub fn finish(&mut self) {
        self.index = PhraseIndex { usage: Some(super::Use::Verb), ..Default::default() };
        for (i, f) in self.forms.iter().enumerate() {
            self.index.insert(f.words.clone(), i as u32);
        }
        let patterns = &self.patterns;
        for g in &mut self.groups {
            // Stable: among equals, dictionary order.
            g.patterns.sort_by_key(|&p| std::cmp::Reverse(patterns[p as usize].weight()));
        }
        // A transformation's verbs stand for their codes too, as in PETRARCH2: `ATTACK` (190)
        // also covers `KILL` (190), `SAY` (010) every statement verb.
        for i in 0..self.transforms.len() {
            let inner = self.code_of(&self.transforms[i].inner_verb);
            let outer = self.code_of(&self.transforms[i].outer_verb);
            self.transforms[i].inner_code = inner;
            self.transforms[i].outer_code = outer;
        }
    }

    /// The code a form gives by itself (its own, else its group's).
    pub fn form_code(&self, form: u32) -> Option<String> {
        let f = &self.forms[form as usize];
        f.code.as_ref().unwrap_or(&self.groups[f.group as usize].code).primary.clone()
    }

    /// The code of the verb named `lemma`, if the dictionary has it.
    fn code_of(&self, lemma: &str) -> Option<String> {
        let i = self.forms.iter().position(|f| f.lemma == lemma)?;
        self.form_code(i as u32)
    }

    pub fn synset(&mut self, name: &str) -> u32 {
        let key = name.trim_end_matches('_').to_uppercase();
        if let Some(&id) = self.synset_ids.get(&key) {
            return id;
        }
        let id = self.synsets.len() as u32;
        self.synsets.push((key.clone(), Vec::new()));
        self.synset_ids.insert(key, id);
        id
    }
}

/// Parses a pattern or phrase written in either format into elements.
/// Adds a `+MEMBER` line to the synset opened last (both TABARI's `<SYNSETS>` section and
/// PETRARCH's `&NAME` blocks write members so).
pub fn add_synset_member(verbs: &mut Verbs, synset: Option<u32>, member: &str) -> Result<(), String> {
    let id = synset.ok_or("synset member before any &NAME")?;
    let elems = parse_elems(member.trim(), verbs)?;
    if elems.is_empty() {
        return Err("empty synset member".into());
    }
    verbs.synsets[id as usize].1.push(elems);
    Ok(())
}

pub fn parse_elems(text: &str, verbs: &mut Verbs) -> Result<Vec<Elem>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut pos = 0;
    let elems = parse_seq(&chars, &mut pos, verbs, None)?;
    if pos < chars.len() {
        return Err(format!("unexpected '{}'", chars[pos]));
    }
    Ok(elems)
}

fn parse_seq(chars: &[char], pos: &mut usize, verbs: &mut Verbs, close: Option<char>) -> Result<Vec<Elem>, String> {
    let mut out: Vec<Elem> = Vec::new();
    while *pos < chars.len() {
        let c = chars[*pos];
        if Some(c) == close || (close == Some('}') && c == '|') {
            return Ok(out);
        }
        match c {
            c if c.is_whitespace() => *pos += 1,
            '_' => {
                *pos += 1;
                let next = chars.get(*pos).copied();
                let joins = next.is_some_and(|n| !n.is_whitespace() && n != '|' && Some(n) != close);
                let tilde = *pos >= 2 && chars[*pos - 2] == '~';
                if let Some(last) = out.last_mut() {
                    if let Elem::Word(w) = last
                        && w.mode == Mode::Stem
                        && !tilde
                    {
                        w.mode = Mode::Exact;
                    }
                    if joins {
                        last.set_joined(true);
                    }
                }
            }
            '~' => {
                *pos += 1;
            }
            '*' => {
                out.push(Elem::Verb { joined: false });
                *pos += 1;
            }
            '$' => {
                out.push(Elem::Source);
                *pos += 1;
            }
            '+' => {
                out.push(Elem::Target);
                *pos += 1;
            }
            '%' => {
                out.push(Elem::Compound);
                *pos += 1;
            }
            '^' => {
                out.push(Elem::Skip);
                *pos += 1;
            }
            '{' | '(' => {
                let closer = if c == '{' { '}' } else { ')' };
                *pos += 1;
                let mut options = Vec::new();
                loop {
                    let seq = parse_seq(chars, pos, verbs, Some(closer))?;
                    options.push(seq);
                    match chars.get(*pos) {
                        Some('|') => *pos += 1,
                        Some(x) if *x == closer => {
                            *pos += 1;
                            break;
                        }
                        _ => return Err(format!("unclosed {c}")),
                    }
                }
                if options.len() == 1 {
                    // A PETRARCH noun or prepositional phrase: its words in order; a
                    // prepositional phrase's first word is its preposition.
                    let mut seq = options.pop().unwrap_or_default();
                    if c == '('
                        && let Some(Elem::Word(w)) = seq.first_mut()
                    {
                        w.preposition = true;
                    }
                    out.extend(seq);
                } else {
                    out.push(Elem::Alt { options, joined: false });
                }
            }
            '}' | ')' | '|' | '[' | ']' => return Err(format!("unexpected '{c}'")),
            '&' => {
                *pos += 1;
                let start = *pos;
                while *pos < chars.len() && (chars[*pos].is_alphanumeric() || chars[*pos] == '-') {
                    *pos += 1;
                }
                let name: String = chars[start..*pos].iter().collect();
                if name.is_empty() {
                    return Err("& without a synset name".into());
                }
                let id = verbs.synset(&name);
                out.push(Elem::Synset { id, joined: false });
            }
            _ => {
                let start = *pos;
                while *pos < chars.len() {
                    let ch = chars[*pos];
                    if ch.is_whitespace() || "_*{}()|[]&".contains(ch) || (ch == '$' || ch == '%' || ch == '^') {
                        break;
                    }
                    if ch == '+' && *pos > start {
                        // `PRE+N` in issue phrases; in patterns `+` is its own token.
                        break;
                    }
                    *pos += 1;
                }
                let word: String = chars[start..*pos].iter().collect();
                let (word, mode) = if let Some(w) = word.strip_suffix('=') {
                    (w.to_string(), Mode::Strict)
                } else if let Some(w) = word.strip_suffix('~') {
                    (w.to_string(), Mode::Stem)
                } else {
                    (word, Mode::Stem)
                };
                if !word.is_empty() {
                    out.push(Elem::Word(Word { text: word.to_uppercase(), mode, joined: false, preposition: false }));
                }
            }
        }
    }
    if close.is_some() {
        return Err("unclosed bracket".into());
    }
    Ok(out)
}

/// Parses a TABARI `.verbs` file into `verbs`.
pub fn parse(file: &str, text: &str, verbs: &mut Verbs, diags: &mut Vec<Diagnostic>) {
    let mut section = "";
    let mut current_synset: Option<u32> = None;
    let mut group: Option<u32> = None;
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
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('<') {
            let tag = line.trim_matches(|c| c == '<' || c == '>').to_uppercase();
            section = match tag.as_str() {
                "SYNSETS" => "synsets",
                "TIME" => "time",
                t if t.starts_with('/') => "",
                _ => "other",
            };
            continue;
        }
        match section {
            "synsets" => {
                if let Some(name) = line.strip_prefix('&') {
                    current_synset = Some(verbs.synset(name.trim()));
                } else if let Some(member) = line.strip_prefix('+') {
                    if let Err(e) = add_synset_member(verbs, current_synset, member) {
                        diag(diags, e);
                    }
                } else {
                    diag(diags, "expected &NAME or +MEMBER in <SYNSETS>".into());
                }
                continue;
            }
            "time" => {
                if line.starts_with('-') {
                    continue; // time patterns: shifts only
                }
                match brackets(line) {
                    Ok((head, codes)) if codes.len() == 1 && !head.trim().is_empty() => {
                        verbs.time.push(TimePhrase { words: phrase(head.trim()), code: codes[0].trim().to_string() })
                    }
                    Ok(_) => diag(diags, "time phrase needs a phrase and one [code]".into()),
                    Err(e) => diag(diags, e),
                }
                continue;
            }
            "other" => continue,
            _ => {}
        }
        if let Some(rest) = line.strip_prefix('-') {
            let Some(g) = group else {
                diag(diags, "pattern before any verb".into());
                continue;
            };
            match pattern(rest, &origin, verbs) {
                Ok(p) => {
                    let id = verbs.patterns.len() as u32;
                    verbs.patterns.push(p);
                    verbs.groups[g as usize].patterns.push(id);
                }
                Err(e) => diag(diags, e),
            }
        } else if line.starts_with('{') {
            let Some(g) = group else {
                diag(diags, "verb forms before any verb".into());
                continue;
            };
            let Some(inner) = line.strip_prefix('{').and_then(|l| l.trim_end().strip_suffix('}')) else {
                diag(diags, "unclosed { in verb forms".into());
                continue;
            };
            for f in inner.split_whitespace() {
                let words = phrase(f);
                if !words.is_empty() {
                    let lemma = lemma_of(&words);
                    verbs.forms.push(Form { words, lemma, group: g, code: None });
                }
            }
        } else if line.starts_with('&') || line.starts_with('+') {
            diag(diags, "synset line outside <SYNSETS>".into());
        } else {
            match brackets(line) {
                Ok((head, codes)) => {
                    let head = head.trim();
                    if head.is_empty() || codes.len() != 1 {
                        diag(diags, "a verb line is WORDS [CODE]".into());
                        group = None;
                        continue;
                    }
                    match parse_code(codes[0]) {
                        Ok(code) => {
                            let g = verbs.groups.len() as u32;
                            verbs.groups.push(Group { code, patterns: Vec::new(), origin: origin.clone() });
                            let words = phrase(head);
                            let lemma = lemma_of(&words);
                            verbs.forms.push(Form { words, lemma, group: g, code: None });
                            group = Some(g);
                        }
                        Err(e) => {
                            diag(diags, e);
                            group = None;
                        }
                    }
                }
                Err(e) => diag(diags, e),
            }
        }
    }
}

/// Parses the part of a pattern line after `-`.
pub fn pattern(rest: &str, origin: &str, verbs: &mut Verbs) -> Result<Pattern, String> {
    let (head, codes) = brackets(rest)?;
    if codes.len() != 1 {
        return Err("a pattern needs one [code]".into());
    }
    let code = parse_code(codes[0])?;
    let elems = parse_elems(head, verbs)?;
    let verbs_in = elems.iter().filter(|e| matches!(e, Elem::Verb { .. })).count();
    if verbs_in != 1 {
        return Err(format!("a pattern needs exactly one * (found {verbs_in})"));
    }
    Ok(Pattern { elems, code, origin: origin.to_string(), text: format!("-{}", rest.trim_end()), owner: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "<SYNSETS>\n&TIETYPES\n+MILITARY\n+ECONOMIC\n</SYNSETS>\n<TIME>\nKAN_WA_MA_KAN [###]\n</TIME>\n\
ACT_ [100]\n{ ACTING_ ACTXD_ ACTUALITY  }\n- SAID WOULD * NOW  [101]\n- * RESOLUTION  [102] ;tony\n\
ACCORD  [---]\n- IN_*  [075]\n- IN_ *  [075A]\n- * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS  [222]\n\
LEFT_ [032:033]\nSAID  [023?]\n- SAID $ * + [113]\nBROKEN [12\n- * NOWHERE\n~~FINISH\nNOT READ [000]\n";

    #[test]
    fn parses_sample() {
        let mut v = Verbs::default();
        let mut d = Vec::new();
        parse("t.verbs", SAMPLE, &mut v, &mut d);
        v.finish();
        assert_eq!(v.synsets[0].1.len(), 2);
        assert_eq!(v.time.len(), 1);
        assert_eq!(v.groups.len(), 4);
        // ACT_ plus three irregular forms.
        assert_eq!(v.forms.iter().filter(|f| f.group == 0).count(), 4);
        assert_eq!(v.groups[2].code.paired.as_deref(), Some("033"));
        assert_eq!(v.groups[3].code.flag, Some('?'));
        assert!(v.groups[1].code.primary.is_none());
        let in_joined = &v.patterns[2];
        assert!(matches!(&in_joined.elems[0], Elem::Word(w) if w.joined && w.mode == Mode::Exact));
        let in_spaced = &v.patterns[3];
        assert!(matches!(&in_spaced.elems[0], Elem::Word(w) if !w.joined && w.mode == Mode::Exact));
        let alt = &v.patterns[4];
        assert!(alt.elems.iter().any(|e| matches!(e, Elem::Alt { options, joined: true } if options.len() == 2)));
        // Broken lines name file and line; nothing after ~~FINISH is read.
        assert!(d.iter().any(|x| x.origin == "t.verbs:20"), "{d:?}");
        assert!(d.iter().any(|x| x.origin == "t.verbs:21"), "{d:?}");
        assert!(!v.forms.iter().any(|f| f.words[0].text == "NOT"));
    }

    #[test]
    fn codes() {
        assert_eq!(parse_code("064").unwrap().primary.as_deref(), Some("064"));
        assert!(parse_code("---").unwrap().primary.is_none());
        assert!(parse_code("###").unwrap().discard);
        assert!(parse_code("+++").unwrap().complex);
        assert_eq!(parse_code("031!").unwrap().flag, Some('!'));
        assert!(parse_code("").is_err());
        assert!(parse_code("0 64").is_err());
    }
}
