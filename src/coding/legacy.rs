//! The legacy coder: codes raw text with TABARI and PETRARCH2 dictionaries
//! ([`crate::knowledge::legacy::Dictionaries`]), following TABARI's shallow method.
//!
//! For each sentence: discards and time phrases; actors (longest match, dated codes chosen
//! by the article's date), agents composed onto the actor they qualify (`Gondor's
//! president`, `ambassadors of Arnor`), pronouns resolved to the sentence's first actor (or
//! the first actor of the story's previous sentence: [`Forward`]); compounds (`Gondor and Osgiliath`, comma lists);
//! comma-delimited subordinate and terminal clauses removed; the sentence split into clauses
//! at conjunctions that do not join actors. In each clause the verbs are tried in order: the
//! most specific pattern that matches around the verb (words before `*` backwards, after it
//! forwards, `_` adjacency, `$ + % ^` actor slots, synsets, alternatives) gives the code,
//! else the verb's own; source and target come from the slots, else the first actor before
//! the verb and the first after it; the passive (`was opposed by X`) swaps them. The first
//! verb that yields an event ends the clause (`SET: CODE ALL` codes every verb; a dominant
//! `!` code then silences the others). PETRARCH2 transformation rules first turn a verb and
//! the verb of its complement into one event ([`transform`]); each event carries the issue
//! codes of its sentence ([`issues_in`]).
//!
//! Where the originals go wrong this coder does not follow them: it never crashes or stops on
//! odd input, it does not code a verb capitalised mid-sentence or preceded by a determiner
//! (a noun), and a null code (`---`) matched by a pattern blocks the event it names.

use crate::coding::CodedArticle;
use crate::knowledge::Knowledge;
use crate::knowledge::legacy::agents::Compose;
use crate::knowledge::legacy::options::CodeBy;
use crate::knowledge::legacy::tabari_verbs::{Code, Elem};
use crate::knowledge::legacy::{Dictionaries, Use, Word, code_on, word_matches_as};
use crate::model::{Article, Date, Document, Event, Evidence, Plover, Rule, Span, Token};
use crate::text::normalize::char_offset;

/// A word of the sentence as the legacy coder sees it.
#[derive(Clone, Debug)]
struct Tok {
    up: String,
    /// Byte range in the document text.
    start: usize,
    end: usize,
    cap: bool,
    comma: bool,
    /// Removed with a comma-delimited clause.
    gone: bool,
}

/// An actor mention: token range and the codes it stands for (a compound code `A/B` gives
/// several).
#[derive(Clone, Debug)]
struct Mention {
    start: usize,
    end: usize,
    codes: Vec<String>,
    /// Known but uncoded (`[---]`): occupies its words, gives no event.
    null: bool,
    /// Index of the compound group.
    group: usize,
}

const DETERMINERS: &[&str] = &["THE", "A", "AN"];
const CONJUNCTIONS: &[&str] = &["AND", "BUT", "OR", "NOR", "WHILE", "WHEREAS"];
const PRONOUNS: &[&str] = &["HE", "SHE", "IT", "THEY", "HIM", "HER", "THEM"];
const BE: &[&str] = &["WAS", "WERE", "BEEN", "BEING", "IS", "ARE", "BE"];
const MAX_SUBORDINATE: usize = 10;
/// Words after which a noun phrase has ended.
const FUNCTION_WORDS: &[&str] = &[
    "OF", "IN", "ON", "AT", "TO", "FOR", "FROM", "BY", "WITH", "AND", "OR", "BUT", "WHO", "WHICH", "THAT", "THE", "A",
    "AN", "IS", "ARE", "WAS", "WERE", "HAS", "HAVE", "HAD", "WILL", "WOULD", "CAN", "COULD", "MAY", "MIGHT", "SHOULD",
    "MUST", "AGAINST", "OVER", "AFTER", "BEFORE", "DURING", "SAID", "SAYS", "ALSO", "THEN", "NOT",
];

fn tokens_of(doc: &Document, toks: &[Token]) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    for t in toks {
        let text = &doc.text[t.start..t.end];
        if text == "," || text == ";" {
            out.push(Tok { up: ",".into(), start: t.start, end: t.end, cap: false, comma: true, gone: false });
            continue;
        }
        let lower = t.lower.as_str();
        if lower.starts_with('\'') || lower == "n't" {
            // A clitic stays on its word, as TABARI reads it: `LIBYA'S`, `DIDN'T`.
            if let Some(prev) = out.last_mut().filter(|p| !p.comma && p.end == t.start) {
                prev.up.push_str(&text.to_uppercase());
                prev.end = t.end;
            }
            continue;
        }
        if !text.chars().any(|c| c.is_alphanumeric()) {
            if text == "-" || text == "--" {
                continue;
            }
            continue;
        }
        // `Dol_Amroth`: TABARI's connector in text is a space.
        let mut offset = t.start;
        for part in text.split('_') {
            if !part.is_empty() {
                let up = part.to_uppercase();
                let cap = part.chars().next().is_some_and(|c| c.is_uppercase());
                out.push(Tok { up, start: offset, end: offset + part.len(), cap, comma: false, gone: false });
            }
            offset += part.len() + 1;
        }
    }
    // A sentence in capitals: capitals say nothing about nouns.
    let words: Vec<&Tok> = out.iter().filter(|t| !t.comma).collect();
    let shouting = words.len() > 3
        && words.iter().filter(|t| doc.text[t.start..t.end].chars().all(|c| !c.is_lowercase())).count() * 5
            >= words.len() * 4;
    if shouting {
        for t in &mut out {
            t.cap = false;
        }
    }
    out
}

/// Matches a phrase's words against tokens from `i`, allowing up to two words between
/// words written with a space (TABARI's `PRINCE DOL_AMROTH` matches "Prince of Dol_Amroth")
/// and none between words joined by `_`. Returns the end of the match.
fn match_phrase(words: &[Word], toks: &[Tok], i: usize, gaps: bool, usage: Use) -> Option<usize> {
    let possessive = |k: usize, t: &str| k + 1 < words.len() && t.contains('\'');
    if !word_matches_as(&words[0], &toks[i].up, usage) || possessive(0, &toks[i].up) {
        return None;
    }
    // A short stem (`PLA`, `ENT`) names something only in a capitalised word: it must not
    // turn "plan" into the People's Liberation Army.
    let w0 = &words[0];
    if usage == Use::Noun && w0.mode == crate::knowledge::legacy::Mode::Stem && w0.text.len() <= 3 {
        let t = toks[i].up.trim_end_matches("'S");
        if t != w0.text && !toks[i].cap {
            return None;
        }
    }
    let mut pos = i + 1;
    for k in 1..words.len() {
        let adjacent = words[k - 1].joined || !gaps;
        let limit = if adjacent { 1 } else { 3 };
        let mut found = None;
        for (p, t) in toks.iter().enumerate().take((pos + limit).min(toks.len())).skip(pos) {
            if t.comma || t.gone {
                break;
            }
            if word_matches_as(&words[k], &t.up, usage) && !possessive(k, &t.up) {
                found = Some(p);
                break;
            }
        }
        pos = found? + 1;
    }
    Some(pos)
}

struct Sentence<'a> {
    toks: Vec<Tok>,
    mentions: Vec<Mention>,
    /// Token index → mention that starts there.
    starts: Vec<Option<usize>>,
    /// Token index → mention that covers it.
    covers: Vec<Option<usize>>,
    groups: Vec<Vec<usize>>,
    d: &'a Dictionaries,
}

#[derive(Clone, Default, Debug)]
struct Bind {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    used: Vec<usize>,
    /// Tokens the pattern's words after the verb matched: they belong to the verb phrase,
    /// and no actor found in them takes a role (`conducting military exercises in Alaska`).
    /// Words before the verb may also name the source, as in TABARI (`Dol Amroth tanks
    /// launched`).
    words: Vec<usize>,
    /// Last token the upper part matched.
    upper_end: usize,
    /// How much of the pattern matched words (literal words count more than synsets).
    score: usize,
}

impl<'a> Sentence<'a> {
    fn mention_at(&self, p: usize) -> Option<usize> {
        self.starts.get(p).copied().flatten()
    }

    fn word_ok(&self, p: usize) -> bool {
        !self.toks[p].gone && !self.toks[p].comma
    }

    /// Forward match of `elems` from token `pos` (inclusive) up to `hi`.
    fn fwd(&self, elems: &[Elem], pos: usize, adjacent: bool, hi: usize, b: &mut Bind) -> bool {
        let Some((e, rest)) = elems.split_first() else {
            b.upper_end = pos;
            return true;
        };
        let end = if adjacent { (pos + 1).min(hi) } else { hi };
        for p in pos..end {
            if self.toks[p].gone {
                continue;
            }
            match e {
                Elem::Word(w) => {
                    if self.word_ok(p) && word_matches_as(w, &self.toks[p].up, Use::Pattern) && !self.infinitive(w, p) {
                        b.score += 3;
                        b.words.push(p);
                        if self.fwd(rest, p + 1, w.joined, hi, b) {
                            return true;
                        }
                        b.words.pop();
                        b.score -= 3;
                    }
                }
                Elem::Synset { id, joined } => {
                    for m in &self.d.verbs.synsets[*id as usize].1 {
                        if !self.could_start(m.first(), p) {
                            continue;
                        }
                        let seq = splice(m, *joined, rest);
                        if self.fwd_at(&seq, p, hi, b) {
                            b.score = b.score.saturating_sub(1);
                            return true;
                        }
                    }
                }
                Elem::Alt { options, joined } => {
                    for o in options {
                        if !self.could_start(o.first(), p) {
                            continue;
                        }
                        let seq = splice(o, *joined, rest);
                        if self.fwd_at(&seq, p, hi, b) {
                            return true;
                        }
                    }
                }
                Elem::Source | Elem::Target | Elem::Compound | Elem::Skip => {
                    if let Some(m) = self.mention_at(p) {
                        let mut nb = b.clone();
                        if !bind(e, m, &self.groups, &self.mentions, &mut nb) {
                            continue;
                        }
                        let end = self.group_end(e, m);
                        if self.fwd(rest, end, false, hi, &mut nb) {
                            *b = nb;
                            return true;
                        }
                    }
                }
                Elem::Verb { .. } => {}
            }
            if adjacent {
                break;
            }
        }
        false
    }

    /// Is the pattern's preposition at `p` the `to` of an infinitive (`agreed to lift the
    /// sanctions` has no phrase `(TO SANCTIONS)`)? It is when the next word is a verb of the
    /// dictionary in its base form.
    fn infinitive(&self, w: &Word, p: usize) -> bool {
        if !w.preposition || self.toks[p].up != "TO" {
            return false;
        }
        let Some(next) = (p + 1..self.toks.len()).find(|&q| !self.toks[q].gone) else { return false };
        let t = &self.toks[next].up;
        let mut base = false;
        self.d.verbs.index.candidates(t, |_, form| base |= self.d.verbs.forms[form as usize].lemma == *t);
        base
    }

    /// Forward match whose first element must start exactly at `p`.
    fn fwd_at(&self, elems: &[Elem], p: usize, hi: usize, b: &mut Bind) -> bool {
        self.could_start(elems.first(), p) && self.fwd(elems, p, true, hi, b)
    }

    /// A cheap test before building a sequence for a synset member or an alternative: can
    /// its first (or, backwards, last) element sit at token `p`?
    fn could_start(&self, e: Option<&Elem>, p: usize) -> bool {
        match e {
            Some(Elem::Word(w)) => p < self.toks.len() && word_matches_as(w, &self.toks[p].up, Use::Pattern),
            _ => true,
        }
    }

    fn group_end(&self, e: &Elem, m: usize) -> usize {
        if matches!(e, Elem::Compound) {
            self.groups[self.mentions[m].group]
                .iter()
                .map(|&x| self.mentions[x].end)
                .max()
                .unwrap_or(self.mentions[m].end)
        } else {
            self.mentions[m].end
        }
    }

    /// Backward match of `elems` (in text order) ending before token `pos` (exclusive),
    /// down to `lo`. `adjacent`: the last element must end right at `pos`.
    fn bwd(&self, elems: &[Elem], pos: usize, lo: usize, b: &mut Bind) -> bool {
        let Some((e, rest)) = elems.split_last() else { return true };
        let adjacent = e.joined();
        let mut p = pos;
        while p > lo {
            p -= 1;
            if self.toks[p].gone {
                continue;
            }
            match e {
                Elem::Word(w) => {
                    if self.word_ok(p) && word_matches_as(w, &self.toks[p].up, Use::Pattern) {
                        b.score += 3;
                        if self.bwd(rest, p, lo, b) {
                            return true;
                        }
                        b.score -= 3;
                    }
                }
                Elem::Synset { id, joined } => {
                    for m in &self.d.verbs.synsets[*id as usize].1 {
                        if self.bwd_alt(m, *joined, rest, p, lo, b) {
                            b.score = b.score.saturating_sub(1);
                            return true;
                        }
                    }
                }
                Elem::Alt { options, joined } => {
                    for o in options {
                        if self.bwd_alt(o, *joined, rest, p, lo, b) {
                            return true;
                        }
                    }
                }
                Elem::Source | Elem::Target | Elem::Compound | Elem::Skip => {
                    // The mention that ends at p + 1.
                    if let Some(m) = self.covers[p].filter(|&m| self.mentions[m].end == p + 1) {
                        let mut nb = b.clone();
                        let first =
                            if matches!(e, Elem::Compound) { self.groups[self.mentions[m].group][0] } else { m };
                        if bind(e, first, &self.groups, &self.mentions, &mut nb) {
                            let start = self.mentions[first].start;
                            if self.bwd(rest, start, lo, &mut nb) {
                                *b = nb;
                                return true;
                            }
                        }
                    }
                }
                Elem::Verb { .. } => {}
            }
            if adjacent {
                break;
            }
        }
        false
    }

    /// A synset member or alternative ending at `p` (inclusive), then the rest before it.
    fn bwd_alt(&self, option: &[Elem], joined: bool, rest: &[Elem], p: usize, lo: usize, b: &mut Bind) -> bool {
        if !self.could_start(option.last(), p) {
            return false;
        }
        let mut seq: Vec<Elem> = rest.to_vec();
        let start = seq.len();
        seq.extend(option.iter().cloned());
        if let Some(last) = seq.last_mut() {
            set_joined(last, true); // the option's last element sits at p exactly
        }
        let _ = (joined, start);
        self.bwd(&seq, p + 1, lo, b)
    }
}

/// The code of an outer verb and its infinitive complement, as PETRARCH2's verb interaction
/// combines them, on CAMEO's own structure: an intention (`03`) to do what the complement
/// codes is the matching intent code (`wants to help` 033, `plans to release` 0353); any
/// other outer verb gives way to a complement of a higher category (`agreed to lift the
/// sanctions` 085) and keeps its code otherwise.
fn combine_codes(upper: &str, lower: &str) -> String {
    let root = |c: &str| c.get(..2).and_then(|r| r.parse::<u32>().ok()).unwrap_or(0);
    if root(upper) == 3 {
        let intent = match lower {
            c if c.starts_with("061") => "0311",
            c if c.starts_with("062") => "0312",
            c if c.starts_with("063") => "0313",
            c if c.starts_with("064") => "0314",
            c if c.starts_with("071") => "0331",
            c if c.starts_with("072") => "0332",
            c if c.starts_with("073") => "0333",
            c if c.starts_with("074") => "0334",
            c if c.starts_with("0831") => "0341",
            c if c.starts_with("0832") => "0342",
            c if c.starts_with("0833") => "0343",
            c if c.starts_with("0834") => "0344",
            c if c.starts_with("081") => "0351",
            c if c.starts_with("082") => "0352",
            c if c.starts_with("083") => "034",
            c if c.starts_with("084") => "0353",
            c if c.starts_with("085") => "0354",
            c if c.starts_with("086") => "0355",
            c if c.starts_with("087") => "0356",
            c => match root(c) {
                3 => c,
                4 => "036",
                5 => "032",
                6 => "031",
                7 => "033",
                8 => "035",
                18..=20 => "138",
                _ => upper,
            },
        };
        return intent.to_string();
    }
    if root(lower) >= root(upper) { lower.to_string() } else { upper.to_string() }
}

/// A pattern's words as written, without its code and comment.
fn pattern_words(text: &str) -> Vec<&str> {
    text.split('[').next().unwrap_or("").split_whitespace().collect()
}

fn set_joined(e: &mut Elem, j: bool) {
    match e {
        Elem::Word(w) => w.joined = j,
        Elem::Synset { joined, .. } | Elem::Alt { joined, .. } | Elem::Verb { joined } => *joined = j,
        _ => {}
    }
}

/// `option` followed by `rest`, the option's last element carrying the joint's adjacency.
fn splice(option: &[Elem], joined: bool, rest: &[Elem]) -> Vec<Elem> {
    let mut seq: Vec<Elem> = option.to_vec();
    if let Some(last) = seq.last_mut()
        && joined
    {
        set_joined(last, true);
    }
    seq.extend(rest.iter().cloned());
    seq
}

fn bind(e: &Elem, m: usize, groups: &[Vec<usize>], mentions: &[Mention], b: &mut Bind) -> bool {
    if b.used.contains(&m) {
        return false;
    }
    match e {
        Elem::Source => b.source = Some(m),
        Elem::Target => b.target = Some(m),
        Elem::Compound => {
            if groups[mentions[m].group].len() < 2 {
                return false;
            }
            b.compound = Some(m);
            b.used.extend(groups[mentions[m].group].iter().copied());
            return true;
        }
        _ => {}
    }
    b.used.push(m);
    true
}

/// A mention before agents are composed: token range, actor codes (empty for a pronoun,
/// `None` for an uncoded actor or an agent) and the agent's composition.
/// The codes a pronoun at `p` stands for, as TABARI dereferences them: the sentence's first
/// actor (with the actors joined to it, for `they`/`them`), or the story's previous sentence's
/// when this one has named none yet. A pronoun object that names the subject again leaves the
/// target to the actor between them ("X urged Y to assist it": Y).
fn resolve_pronoun(toks: &[Tok], mentions: &[Mention], p: usize, previous: &[String]) -> Vec<String> {
    let named: Vec<&Mention> = mentions.iter().filter(|m| !m.null && !m.codes.is_empty() && m.end <= p).collect();
    let Some(first) = named.first() else { return previous.to_vec() };
    let mut codes = first.codes.clone();
    if matches!(toks[p].up.as_str(), "THEY" | "THEM") {
        // The actors coordinated with the first: `Elrond and Gondor ... they`.
        let mut end = first.end;
        for m in named.iter().skip(1) {
            let between = toks.get(end..m.start).unwrap_or(&[]);
            let joins = !between.is_empty()
                && between.len() <= 3
                && between.iter().all(|t| t.comma || t.up == "AND" || DETERMINERS.contains(&t.up.as_str()));
            if !joins {
                break;
            }
            codes.extend(m.codes.iter().cloned());
            end = m.end;
        }
    }
    codes
}

type RawMention = (usize, usize, Option<Vec<String>>, Option<Compose>);

/// An agent's code on an actor's, unless the actor's code already ends (or begins) with it:
/// `WHITE_HOUSE [USAGOV]` + `OFFICIALS [~GOV]` stays `USAGOV`.
fn compose(ag: &Compose, actor: &str) -> String {
    match ag {
        Compose::Suffix(x) if actor.ends_with(x.as_str()) => actor.to_string(),
        Compose::Prefix(x) if actor.starts_with(x.as_str()) => actor.to_string(),
        _ => ag.apply(actor),
    }
}

/// A verb found in a sentence.
struct VerbHit {
    start: usize,
    end: usize,
    form: u32,
}

/// One event before it becomes an [`Event`].
struct Coded {
    source: String,
    target: String,
    code: String,
    s_span: (usize, usize),
    t_span: (usize, usize),
    v_span: (usize, usize),
    origin: String,
    text: String,
    roles: &'static str,
}

/// Codes one article with legacy dictionaries. `kb` supplies the ontology (names, Goldstein
/// weights); codes it does not know pass through with empty names.
pub fn code_article(d: &Dictionaries, kb: &Knowledge, article: &Article, doc: Document, date: Date) -> CodedArticle {
    code_in_story(d, kb, article, doc, date, &mut Forward::default())
}

/// What one sentence hands to the next of the same story (TABARI's `FORWARD`): the first
/// actor it named, without agents, for a pronoun subject that has no actor of its own.
#[derive(Clone, Debug, Default)]
pub struct Forward {
    pub actor: Vec<String>,
}

/// [`code_article`] for an article that continues a story: `forward` comes from the story's
/// previous sentence and is left as this article's last sentence sets it.
pub fn code_in_story(
    d: &Dictionaries,
    kb: &Knowledge,
    article: &Article,
    doc: Document,
    date: Date,
    forward: &mut Forward,
) -> CodedArticle {
    let mut events = Vec::new();
    let date_str = date.to_string();
    let previous = &mut forward.actor;
    // A story discard drops the whole article.
    let story_discard = doc.sentences.iter().any(|s| {
        let toks = tokens_of(&doc, &s.tokens);
        discard_in(d, &toks).is_some_and(|story| story)
    });
    if story_discard {
        return CodedArticle { doc, date, mentions: Vec::new(), events };
    }
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let toks = tokens_of(&doc, &sentence.tokens);
        let stext = doc.sentence_text(sentence);
        let issues = if d.issues.issues.is_empty() { Vec::new() } else { issues_in(d, &toks) };
        let coded = code_sentence(d, toks, date, previous);
        let span_of = |bytes: (usize, usize)| -> Span {
            let (a, b) = (bytes.0.saturating_sub(sentence.start), bytes.1.saturating_sub(sentence.start));
            let (a, b) = (a.min(stext.len()), b.min(stext.len()));
            Span { start: char_offset(stext, a), end: char_offset(stext, b), text: stext[a..b].to_string() }
        };
        let mut seen: Vec<(String, String, String)> = Vec::new();
        for c in coded {
            let key = (c.source.clone(), c.target.clone(), c.code.clone());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let info = kb.ontology.event(&c.code);
            let (s, t, v) = (span_of(c.s_span), span_of(c.t_span), span_of(c.v_span));
            let plover = info.filter(|i| !i.plover_type.is_empty()).map(|i| Plover {
                kind: i.plover_type.clone(),
                mode: i.plover_mode.clone(),
                context: i.plover_context.clone(),
            });
            let root: String = c.code.chars().take(2).collect();
            let base: String = c.code.chars().take(3).collect();
            events.push(Event {
                id: format!("{}:{}:{}", article.id, si, events.len()),
                doc_id: article.id.clone(),
                sentence: si,
                date: Some(date_str.clone()),
                source: c.source.clone(),
                target: c.target.clone(),
                code: c.code.clone(),
                root_code: info.map(|i| i.root().to_string()).unwrap_or(root),
                base_code: info.map(|i| i.base().to_string()).unwrap_or(base),
                name: info.map(|i| i.name.clone()).unwrap_or_default(),
                quad_class: info.map(|i| i.quad_class).unwrap_or(0),
                goldstein: info.map(|i| i.goldstein).unwrap_or(0.0),
                plover,
                source_text: s.text.clone(),
                target_text: t.text.clone(),
                source_name: s.text.clone(),
                target_name: t.text.clone(),
                trigger: v.text.clone(),
                is_root: sentence.paragraph == doc.sentences[0].paragraph,
                evidence: Evidence { sentence: stext.to_string(), source: s, target: t, trigger: v },
                rule: Rule { pattern: c.origin, text: c.text, roles: c.roles.to_string() },
                issues: issues.clone(),
            });
        }
    }
    CodedArticle { doc, date, mentions: Vec::new(), events }
}

/// The issue codes a sentence's words name, in order of first mention, each once. At each
/// word the longest phrase wins; a blocking phrase (`~a head start`) takes its words and
/// names nothing.
fn issues_in(d: &Dictionaries, toks: &[Tok]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].comma {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, u32)> = None;
        d.issues.index.candidates(&toks[i].up, |words, payload| {
            if let Some(end) = match_phrase(words, toks, i, false, Use::Noun)
                && best.is_none_or(|b| end > b.0)
            {
                best = Some((end, payload));
            }
        });
        match best {
            Some((end, payload)) => {
                if let Some(issue) = d.issues.issues.get(payload as usize)
                    && !out.contains(&issue.code)
                {
                    out.push(issue.code.clone());
                }
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Events for source–target mention pairs: every code of the one with every code of the
/// other, and the reverse event of a paired code `[x:y]`.
#[allow(clippy::too_many_arguments)]
fn emit(
    s: &Sentence,
    pairs: &[(usize, usize)],
    primary: &str,
    paired: Option<&str>,
    vspan: (usize, usize),
    origin: &str,
    text: &str,
    roles: &'static str,
    out: &mut Vec<Coded>,
) {
    let m = &s.mentions;
    for &(a, t) in pairs {
        for sc in &m[a].codes {
            for tc in &m[t].codes {
                if sc == tc {
                    continue;
                }
                let mk = |src: &str, tgt: &str, code: &str, sa: usize, ta: usize| Coded {
                    source: src.to_string(),
                    target: tgt.to_string(),
                    code: code.to_string(),
                    s_span: (s.toks[m[sa].start].start, s.toks[m[sa].end - 1].end),
                    t_span: (s.toks[m[ta].start].start, s.toks[m[ta].end - 1].end),
                    v_span: vspan,
                    origin: origin.to_string(),
                    text: text.to_string(),
                    roles,
                };
                out.push(mk(sc, tc, primary, a, t));
                if let Some(p2) = paired {
                    out.push(mk(tc, sc, p2, t, a));
                }
            }
        }
    }
}

/// Applies the first transformation rule that fits a verb and a verb of its complement
/// ("The US claimed that ISIL had attacked Iraq"): the outer subject `a`, the nested subject
/// (`a` again, another actor `b`, or none `_`) and the nested target give one event; both
/// verbs are then spent.
fn transform(s: &Sentence, verbs: &mut Vec<VerbHit>, out: &mut Vec<Coded>) {
    let d = s.d;
    let m = &s.mentions;
    let live = |x: usize| !m[x].null && !m[x].codes.is_empty() && !s.toks[m[x].start].gone;
    let mut spent: Vec<usize> = Vec::new();
    for i in 0..verbs.len() {
        let v1 = &verbs[i];
        let outer = &d.verbs.forms[v1.form as usize].lemma;
        let outer_code = d.verbs.form_code(v1.form);
        let outer_ok = |t: &crate::knowledge::legacy::tabari_verbs::Transform| {
            &t.outer_verb == outer || (t.outer_code.is_some() && t.outer_code == outer_code)
        };
        if spent.contains(&i) || !d.verbs.transforms.iter().any(outer_ok) {
            continue;
        }
        // The outer subject: the nearest actor before the verb.
        let Some(a) = (0..m.len()).rev().find(|&x| m[x].end <= v1.start && live(x)) else { continue };
        for (j, v2) in verbs.iter().enumerate().skip(i + 1) {
            // The complement follows closely, with no clause break between (a verb inside the
            // outer one's words is no complement).
            if v2.start < v1.end {
                continue;
            }
            let gap = &s.toks[v1.end..v2.start];
            if gap.len() > 8 || gap.iter().any(|t| t.comma || CONJUNCTIONS.contains(&t.up.as_str())) {
                break;
            }
            let inner_form = &d.verbs.forms[v2.form as usize];
            let inner_code = d.verbs.form_code(v2.form);
            let mut x = (0..m.len()).find(|&x| m[x].start >= v1.end && m[x].end <= v2.start && live(x));
            let mut y = (0..m.len()).find(|&y| m[y].start >= v2.end && live(y));
            // A passive nested verb: its agent acts ("people were killed in a strike by
            // government forces"), its subject is the target; the words up to the agent are
            // the nested event's.
            let be = (v1.end..v2.start).rev().take(2).any(|q| BE.contains(&s.toks[q].up.as_str()));
            let by = (v2.end..s.toks.len().min(v2.end + 8)).find(|&q| s.toks[q].up == "BY");
            let mut nested_end = v2.end;
            if let (true, Some(by)) = (be, by)
                && let Some(agent) = (0..m.len()).find(|&a| m[a].start == by + 1 && live(a))
            {
                y = x;
                x = Some(agent);
                nested_end = m[agent].end;
            }
            let same = |p: usize, q: usize| m[p].codes.iter().all(|c| m[q].codes.contains(c));
            let rule = d.verbs.transforms.iter().find(|t| {
                let inner_ok = t.inner_verb == inner_form.lemma
                    || (t.inner_verb == "Q" && inner_code.is_some())
                    || (t.inner_code.is_some() && t.inner_code == inner_code);
                let verb_ok = outer_ok(t) && inner_ok;
                let source_ok = match t.inner_source {
                    'a' => x.is_some_and(|x| same(x, a)),
                    'b' => x.is_some_and(|x| !same(x, a)),
                    _ => x.is_none(),
                };
                let target_ok = t.inner_target == '.' || y.is_some_and(|y| !same(y, a));
                verb_ok && source_ok && target_ok
            });
            let Some(rule) = rule else { continue };
            let target = if rule.inner_source == 'b' { x } else { y };
            let (Some(t), Some(code)) =
                (target, if rule.code == "Q" { inner_code.clone() } else { Some(rule.code.clone()) })
            else {
                continue;
            };
            let span = |x: usize| (s.toks[m[x].start].start, s.toks[m[x].end - 1].end);
            for sc in &m[a].codes {
                for tc in m[t].codes.iter().filter(|tc| *tc != sc) {
                    out.push(Coded {
                        source: sc.clone(),
                        target: tc.clone(),
                        code: code.clone(),
                        s_span: span(a),
                        t_span: span(t),
                        v_span: (s.toks[v1.start].start, s.toks[v2.end.saturating_sub(1).max(v2.start)].end),
                        origin: rule.origin.clone(),
                        text: format!("{} … {} [{}]", s.toks[v1.start].up, s.toks[v2.start].up, code),
                        roles: "transformation",
                    });
                }
            }
            spent.extend([i, j]);
            spent.extend((j + 1..verbs.len()).filter(|&k| verbs[k].start < nested_end));
            break;
        }
    }
    let mut k = 0;
    verbs.retain(|_| {
        k += 1;
        !spent.contains(&(k - 1))
    });
}

/// `Some(story)` when the sentence holds a discard phrase (or a `###` time phrase).
fn discard_in(d: &Dictionaries, toks: &[Tok]) -> Option<bool> {
    let mut found = None;
    for i in 0..toks.len() {
        if toks[i].comma {
            continue;
        }
        d.discards.index.candidates(&toks[i].up, |words, payload| {
            if match_phrase(words, toks, i, false, Use::Noun).is_some() {
                found = Some(found.unwrap_or(false) || payload % 2 == 1);
            }
        });
        for t in &d.verbs.time {
            if t.code == "###" && match_phrase(&t.words, toks, i, false, Use::Noun).is_some() {
                found = Some(found.unwrap_or(false));
            }
        }
    }
    found
}

fn code_sentence(d: &Dictionaries, mut toks: Vec<Tok>, date: Date, previous: &mut Vec<String>) -> Vec<Coded> {
    let mut out = Vec::new();
    if toks.is_empty() || discard_in(d, &toks).is_some() {
        return out;
    }
    let words = toks.iter().filter(|t| !t.comma).count();
    if d.options.minimum_words.is_some_and(|m| words < m) {
        return out;
    }
    // Actors and agents.
    let mut raw: Vec<RawMention> = Vec::new();
    let mut i = 0;
    let mut discard = false;
    while i < toks.len() {
        if toks[i].comma {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, Option<u32>, Option<u32>)> = None;
        d.actors.index.candidates(&toks[i].up, |w, id| {
            if let Some(end) = match_phrase(w, &toks, i, true, Use::Noun)
                && best.is_none_or(|b| end > b.0)
            {
                best = Some((end, Some(id), None));
            }
        });
        d.agents.index.candidates(&toks[i].up, |w, id| {
            if let Some(end) = match_phrase(w, &toks, i, true, Use::Noun)
                && best.is_none_or(|b| end > b.0)
            {
                best = Some((end, None, Some(id)));
            }
        });
        match best {
            Some((end, Some(a), _)) => {
                let code = code_on(&d.actors.entries[a as usize].codes, date).unwrap_or("---");
                if code == "###" {
                    discard = true;
                }
                let codes = (code != "---" && code != "+++" && code != "###")
                    .then(|| code.split('/').map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()).collect());
                raw.push((i, end, codes, None));
                i = end;
            }
            Some((end, None, Some(g))) => {
                raw.push((i, end, None, Some(d.agents.entries[g as usize].compose.clone())));
                i = end;
            }
            _ => {
                if PRONOUNS.contains(&toks[i].up.as_str()) {
                    raw.push((i, i + 1, Some(Vec::new()), None)); // resolved below
                }
                i += 1;
            }
        }
    }
    if discard {
        return out;
    }
    // Compose agents with actors: `Gondor's president`, `ambassadors of Arnor`.
    let mut mentions: Vec<Mention> = Vec::new();
    let mut k = 0;
    while k < raw.len() {
        let (s, e, codes, agent) = raw[k].clone();
        let pronoun = codes.as_ref().is_some_and(|c| c.is_empty());
        if let (Some(codes), None, false) = (&codes, &agent, pronoun) {
            if let Some((s2, e2, None, Some(ag))) = raw.get(k + 1).cloned() {
                let former_between = s2 == e + 1 && toks[e].up == "FORMER";
                let former_before = s > 0 && toks[s - 1].up == "FORMER";
                if former_between || (s2 == e && former_before) {
                    // Former officials are elites: the agent gives way to ELI.
                    let codes = codes.iter().map(|c| format!("{c}ELI")).collect();
                    mentions.push(Mention { start: s, end: e2, codes, null: false, group: 0 });
                    k += 2;
                    continue;
                }
                if s2 == e {
                    let codes = codes.iter().map(|c| compose(&ag, c)).collect();
                    // `US and British activists`: the agent is shared by the coordinated actor.
                    if let Some(prev) = mentions.last_mut()
                        && !prev.null
                        && prev.end + 1 == s
                        && toks[prev.end].up == "AND"
                        && raw
                            .iter()
                            .any(|r| r.0 == prev.start && r.3.is_none() && r.2.as_ref().is_some_and(|c| !c.is_empty()))
                        && prev.end - prev.start == 1
                    {
                        prev.codes = prev.codes.iter().map(|c| compose(&ag, c)).collect();
                    }
                    mentions.push(Mention { start: s, end: e2, codes, null: false, group: 0 });
                    k += 2;
                    continue;
                }
            }
            mentions.push(Mention { start: s, end: e, codes: codes.clone(), null: false, group: 0 });
        } else if let Some(ag) = &agent {
            // Agent of/in [the] actor; a prefixed agent right before its actor.
            let mut p = e;
            let of = p < toks.len() && (toks[p].up == "OF" || toks[p].up == "IN");
            if of {
                p += 1;
                if p < toks.len() && DETERMINERS.contains(&toks[p].up.as_str()) {
                    p += 1;
                }
            }
            // `President Michel Suleiman`, `human rights activists Gondor`.
            let adjacent_ok = true;
            // `mayor of the northern West Bank city`: a few words may sit between.
            let near =
                |s2: usize| s2 == p || (of && s2 > p && s2 - p <= 3 && (p..s2).all(|q| !toks[q].comma && !toks[q].cap));
            if let (true, Some((s2, e2, Some(c2), None))) = (adjacent_ok, raw.get(k + 1).cloned())
                && near(s2)
                && !c2.is_empty()
            {
                let former = s > 0 && toks[s - 1].up == "FORMER";
                let codes =
                    c2.iter().map(|c| if former { format!("{}ELI", compose(ag, c)) } else { compose(ag, c) }).collect();
                mentions.push(Mention { start: s, end: e2, codes, null: false, group: 0 });
                k += 2;
                continue;
            }
            // An agent alone is coded as written (`~MIL`), as TABARI's agent conversion does.
            let bare = match ag {
                Compose::Suffix(x) => format!("~{x}"),
                Compose::Prefix(x) => format!("{x}~"),
            };
            // PETRARCH2 writes an agent with no country as `---GOV`; an agent word that only
            // modifies the noun after it (`military exercises`) is no actor.
            let modifier = e < toks.len() && {
                let next = &toks[e];
                let mut verb = false;
                d.verbs.index.candidates(&next.up, |_, _| verb = true);
                !next.comma && !next.cap && !verb && !FUNCTION_WORDS.contains(&next.up.as_str())
            };
            if d.options.agent_alone {
                mentions.push(Mention { start: s, end: e, codes: vec![bare], null: false, group: 0 });
            } else if modifier {
                mentions.push(Mention { start: s, end: e, codes: Vec::new(), null: true, group: 0 });
            } else {
                mentions.push(Mention {
                    start: s,
                    end: e,
                    codes: vec![format!("---{}", ag.bare())],
                    null: false,
                    group: 0,
                });
            }
        } else if pronoun {
            let codes = resolve_pronoun(&toks, &mentions, s, previous);
            if !codes.is_empty() {
                mentions.push(Mention { start: s, end: e, codes, null: false, group: 0 });
            }
        } else {
            mentions.push(Mention { start: s, end: e, codes: Vec::new(), null: true, group: 0 });
        }
        k += 1;
    }
    // The story's next sentence gets this one's first actor as written, without agents.
    if let Some(first) = raw.iter().find(|r| r.3.is_none() && r.2.as_ref().is_some_and(|c| !c.is_empty())) {
        *previous = first.2.clone().unwrap_or_default();
    }
    // Comma-delimited clauses: internal ones and the terminal one, when short and not a list.
    let commas: Vec<usize> = toks.iter().enumerate().filter(|(_, t)| t.comma).map(|(i, _)| i).collect();
    let covered = |p: usize, ms: &[Mention]| ms.iter().any(|m| m.start <= p && p < m.end);
    let is_list = |a: usize, b: usize, ms: &[Mention]| {
        // Only actors and conjunctions between the commas.
        (a + 1..b).all(|p| {
            let w = toks[p].up.as_str();
            covered(p, ms) || CONJUNCTIONS.contains(&w) || DETERMINERS.contains(&w) || d.actors.adjectives.contains(w)
        })
    };
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for w in commas.windows(2) {
        let (a, b) = (w[0], w[1]);
        let n = b - a - 1;
        if n > 0 && n <= MAX_SUBORDINATE && !is_list(a, b, &mentions) && !cut.iter().any(|c| c.1 == a) {
            cut.push((a, b));
        }
    }
    if let Some(&last) = commas.last() {
        let n = toks.len() - last - 1;
        // A clause's closing comma opens a terminal clause only when a verb came before it
        // (else the terminal part holds the main verb: "X, in remarks on Monday, urged Y").
        let verb_before = (0..last).any(|p| {
            let inside = cut.iter().any(|&(a, b)| a < p && p <= b);
            let mut found = false;
            if !inside && !toks[p].comma && !covered(p, &mentions) {
                d.verbs.index.candidates(&toks[p].up, |_, _| found = true);
            }
            found
        });
        // Nor when no verb came before the comma at all ("X, Y, and Z met").
        if n > 0 && n <= MAX_SUBORDINATE && !is_list(last, toks.len(), &mentions) && verb_before {
            cut.push((last, toks.len()));
        }
    }
    for (a, b) in &cut {
        // The clause and its closing comma.
        for t in toks.iter_mut().take(*b + 1).skip(*a + 1) {
            t.gone = true;
        }
    }
    mentions.retain(|m| !toks[m.start].gone);
    // Compound groups: mentions joined by `and` / commas.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for mi in 0..mentions.len() {
        let joined = mi > 0 && {
            let prev = &mentions[mi - 1];
            let between: Vec<&Tok> = toks[prev.end..mentions[mi].start].iter().filter(|t| !t.gone).collect();
            let joiner = |t: &&Tok| t.comma || t.up == "AND" || t.up == "NOR";
            !between.is_empty()
                && between.len() <= 5
                && between.iter().all(|t| {
                    joiner(t) || DETERMINERS.contains(&t.up.as_str()) || d.actors.adjectives.contains(&t.up)
                })
                && between.iter().any(joiner)
                // `awful and evil minister`: a conjunction between adjectives joins no actors.
                && between.iter().take_while(|t| !joiner(t)).all(|t| t.comma)
        };
        if joined {
            let g = groups.len() - 1;
            groups[g].push(mi);
            mentions[mi].group = g;
        } else {
            mentions[mi].group = groups.len();
            groups.push(vec![mi]);
        }
    }
    let mut starts = vec![None; toks.len() + 1];
    let mut covers = vec![None; toks.len() + 1];
    for (mi, m) in mentions.iter().enumerate() {
        starts[m.start] = Some(mi);
        for c in covers.iter_mut().take(m.end).skip(m.start) {
            *c = Some(mi);
        }
    }
    let s = Sentence { toks, mentions, starts, covers, groups, d };
    // Verbs.
    let mut verbs: Vec<VerbHit> = Vec::new();
    let mut p = 0;
    while p < s.toks.len() {
        let t = &s.toks[p];
        if t.comma || t.gone || s.covers[p].is_some() || (t.cap && p > 0) || d.actors.not_verbs.contains(&t.up) {
            p += 1;
            continue;
        }
        let prev = (0..p).rev().find(|&q| !s.toks[q].gone).map(|q| s.toks[q].up.as_str());
        if prev.is_some_and(|w| DETERMINERS.contains(&w)) {
            p += 1;
            continue;
        }
        let mut best: Option<(usize, u32, usize)> = None;
        d.verbs.index.candidates(&t.up, |w, form| {
            if let Some(end) = match_phrase(w, &s.toks, p, true, Use::Verb) {
                let len = w.len();
                if best.is_none_or(|b| len > b.2) {
                    best = Some((end, form, len));
                }
            }
        });
        if let Some((end, form, _)) = best {
            verbs.push(VerbHit { start: p, end, form });
            p += 1;
        } else {
            p += 1;
        }
    }
    // PETRARCH2 transformations: an event nested under `say`, `claim`, `want`... becomes one.
    if !d.verbs.transforms.is_empty() {
        transform(&s, &mut verbs, &mut out);
    }
    // Clauses: split at conjunctions that do not join two actors.
    let mut bounds = vec![0];
    for q in 0..s.toks.len() {
        if s.toks[q].gone || !CONJUNCTIONS.contains(&s.toks[q].up.as_str()) {
            continue;
        }
        if verbs.iter().any(|v| v.start < q && q < v.end) {
            continue; // inside a verb phrase: SHOT_AND_WOUND
        }
        let before = q > 0 && s.covers[q - 1].is_some();
        let after = s.covers.get(q + 1).copied().flatten().is_some();
        if !(before && after) {
            bounds.push(q);
        }
    }
    bounds.push(s.toks.len());
    let mut carried: Option<usize> = None;
    let mut dominant: Vec<usize> = Vec::new();
    // PETRARCH2 reads `agreed to lift the sanctions` as a verb phrase nested in the outer
    // one: the outer verb's patterns do not reach into it, and when the outer verb has no
    // pattern of its own, the two codes combine (`combine_codes`). The complement: `to` and
    // a verb of the dictionary in its base form, right after the outer verb.
    let complement = |v: &VerbHit| -> Option<usize> {
        if d.options.tabari_rules {
            return None;
        }
        let to = (v.end..s.toks.len()).find(|&q| !s.toks[q].gone)?;
        let next = (to + 1..s.toks.len()).find(|&q| !s.toks[q].gone)?;
        (s.toks[to].up == "TO")
            .then(|| verbs.iter().find(|w| w.start == next && d.verbs.forms[w.form as usize].lemma == s.toks[next].up))
            .flatten()
            .map(|w| w.start)
    };
    let mut upper: Option<(String, usize)> = None;
    for w in bounds.windows(2) {
        let (lo, hi) = (w[0], w[1]);
        let mut coded_here = false;
        for v in verbs.iter().filter(|v| v.start >= lo && v.start < hi) {
            let form = &d.verbs.forms[v.form as usize];
            let group = &d.verbs.groups[form.group as usize];
            let mut chosen: Option<(Code, Bind, String, String)> = None;
            let mut owned = false;
            let nested = complement(v);
            for &pi in &group.patterns {
                let pat = &d.verbs.patterns[pi as usize];
                let vi = pat.verb_index();
                let (lower, upper_elems) = (&pat.elems[..vi], &pat.elems[vi + 1..]);
                let verb_joined = pat.elems[vi].joined();
                let mut b = Bind { upper_end: v.end, ..Default::default() };
                if s.bwd(lower, v.start, lo, &mut b)
                    && s.fwd(upper_elems, v.end, verb_joined, hi, &mut b)
                    && !nested.is_some_and(|c| b.words.contains(&c))
                {
                    // The pattern that matched the most words wins; among equals, the one
                    // written for this verb, else the first.
                    // A PETRARCH2 pattern written twice in a block keeps its last code, as
                    // PETRARCH2 stores patterns by their words (`- * &INVESTIGATION [091]`
                    // then `[1014]` under ORDER: 1014).
                    let own = pat.owner.as_ref().is_some_and(|o| *o == form.lemma);
                    let rewritten = |c: &(Code, Bind, String, String)| {
                        !d.options.tabari_rules
                            && b.score == c.1.score
                            && own == owned
                            && pattern_words(&pat.text) == pattern_words(&c.3)
                    };
                    let better = chosen
                        .as_ref()
                        .is_none_or(|c| b.score > c.1.score || (b.score == c.1.score && own && !owned) || rewritten(c));
                    if better {
                        owned = own;
                        chosen = Some((pat.code.clone(), b, pat.origin.clone(), pat.text.clone()));
                    }
                }
            }
            // A passive verb's subject is its object, as PETRARCH2 reads the parse: "Evidence
            // against Russia was presented by the US" matches `- * EVIDENCE`.
            if chosen.is_none() && !d.options.tabari_rules {
                let be = (lo..v.start)
                    .rev()
                    .filter(|&q| !s.toks[q].gone)
                    .take(2)
                    .find(|&q| BE.contains(&s.toks[q].up.as_str()));
                let by = (v.end..hi.min(v.end + 3)).any(|q| s.toks[q].up == "BY");
                if let (Some(be), true) = (be, by) {
                    for &pi in &group.patterns {
                        let pat = &d.verbs.patterns[pi as usize];
                        let vi = pat.verb_index();
                        let upper = &pat.elems[vi + 1..];
                        let plain = upper
                            .iter()
                            .all(|e| !matches!(e, Elem::Source | Elem::Target | Elem::Compound | Elem::Skip));
                        if vi > 0 || upper.is_empty() || !plain {
                            continue;
                        }
                        let mut b = Bind { upper_end: v.end, ..Default::default() };
                        if s.fwd(upper, lo, false, be, &mut b) && chosen.as_ref().is_none_or(|c| b.score > c.1.score) {
                            b.upper_end = v.end;
                            chosen = Some((pat.code.clone(), b, pat.origin.clone(), pat.text.clone()));
                        }
                    }
                }
            }
            let from_pattern = chosen.is_some();
            let (mut code, b, origin, mut text) = chosen.unwrap_or_else(|| {
                let code = form.code.clone().unwrap_or_else(|| group.code.clone());
                let b = Bind { upper_end: v.end, ..Default::default() };
                (code, b, group.origin.clone(), String::new())
            });
            // The outer verb of a complement, with no pattern of its own, waits for it.
            if !from_pattern && nested.is_some() && code.primary.is_some() && !code.discard {
                upper = code.primary.clone().map(|c| (c, v.start));
                continue;
            }
            if let Some((up, at)) = upper.take() {
                let lower = code.primary.clone();
                code.primary = Some(match &lower {
                    Some(lower) => combine_codes(&up, lower),
                    None => up.clone(),
                });
                code.paired = None;
                // The rule shows both verbs: `AGREE [050] to - * SANCTIONS [085] => 085`.
                let inner = if text.is_empty() {
                    format!("{} [{}]", s.toks[v.start].up, lower.as_deref().unwrap_or("---"))
                } else {
                    text.clone()
                };
                text = format!("{} [{up}] to {inner} => {}", s.toks[at].up, code.primary.as_deref().unwrap_or("---"));
            }
            if code.discard {
                return Vec::new();
            }
            // `[:100]`: only the reverse event, the target acting on the source ("X faces
            // pressure from Y" is Y pressing X).
            let reverse_only = code.primary.is_none() && code.paired.is_some();
            let Some(primary) = code.primary.clone().or_else(|| code.paired.clone()) else { continue };
            let paired = if reverse_only { None } else { code.paired.clone() };
            let orient = |pairs: Vec<(usize, usize)>| -> Vec<(usize, usize)> {
                if reverse_only { pairs.into_iter().map(|(a, t)| (t, a)).collect() } else { pairs }
            };
            if code.flag == Some('?') && !from_pattern {
                continue;
            }
            let m = &s.mentions;
            let usable = |x: usize| {
                !m[x].null && !b.used.contains(&x) && !b.words.iter().any(|&p| m[x].start <= p && p < m[x].end)
            };
            let mut roles = "pattern";
            let mut pairs: Vec<(usize, usize)> = Vec::new();
            if let Some(c) = b.compound {
                let g = &s.groups[m[c].group];
                for &a in g {
                    for &t in g {
                        if a != t {
                            pairs.push((a, t));
                        }
                    }
                }
            } else {
                let before = (0..m.len()).find(|&x| m[x].start >= lo && m[x].end <= v.start && usable(x));
                let after_from = b.upper_end.max(v.end);
                let after = (0..m.len())
                    .find(|&x| m[x].start >= v.end && m[x].start < hi && usable(x))
                    .filter(|&x| m[x].start < after_from || m[x].start >= v.end);
                let mut source = b.source;
                let mut target = b.target;
                if source.is_none() && target.is_none() {
                    roles = "subject-object";
                    // The passive: `was opposed by X`.
                    let prev: Vec<&str> = (lo..v.start)
                        .rev()
                        .filter(|&q| !s.toks[q].gone)
                        .take(2)
                        .map(|q| s.toks[q].up.as_str())
                        .collect();
                    let passive =
                        prev.iter().any(|w| BE.contains(w)) && (v.end..hi.min(v.end + 3)).any(|q| s.toks[q].up == "BY");
                    if passive {
                        let by = (v.end..hi).find(|&q| s.toks[q].up == "BY").unwrap_or(v.end);
                        let agent = (0..m.len()).find(|&x| m[x].start > by && m[x].start < hi && usable(x));
                        if let (Some(a), Some(subj)) = (agent, before.or(carried)) {
                            source = Some(a);
                            target = Some(subj);
                            roles = "passive";
                        }
                    }
                }
                if source.is_none() {
                    source = before.filter(|&x| Some(x) != target).or(carried.filter(|&x| Some(x) != target));
                    if source.is_none() && target.is_some() {
                        source = after.filter(|&x| Some(x) != target);
                    }
                }
                if target.is_none() {
                    target = after.filter(|&x| Some(x) != source);
                    // No other actor after the verb (or only the subject again, through a
                    // pronoun): the actor between subject and verb is the target.
                    let same = |x: usize, y: usize| {
                        let group = &s.groups[m[y].group];
                        m[x].codes.iter().all(|c| group.iter().any(|&g| m[g].codes.contains(c)))
                    };
                    // TABARI does this also when no actor follows the verb at all; with PETRARCH
                    // dictionaries only for the pronoun echo (news would be over-coded).
                    if let Some(src) = source.filter(|_| b.source.is_none())
                        && (if d.options.tabari_rules {
                            target.is_none_or(|t| same(t, src))
                        } else {
                            target.is_some_and(|t| same(t, src))
                        })
                    {
                        let between = (0..m.len()).find(|&x| {
                            m[x].start >= m[src].end.max(lo)
                                && m[x].end <= v.start
                                && usable(x)
                                && m[x].group != m[src].group
                                && !same(x, src)
                        });
                        if between.is_some() {
                            target = between;
                        }
                    }
                }
                // A compound subject with no one else named acts on itself, member on member
                // ("the US, Russia and Switzerland met"), as PETRARCH2 codes it.
                if let (Some(src), None, false) = (source, target, d.options.tabari_rules) {
                    let members: Vec<usize> = s.groups[m[src].group]
                        .iter()
                        .copied()
                        .filter(|&x| !m[x].null && !b.used.contains(&x))
                        .collect();
                    if members.len() >= 2 {
                        for &a in &members {
                            for &t in &members {
                                if a != t {
                                    pairs.push((a, t));
                                }
                            }
                        }
                        roles = "mutual";
                        carried = Some(src);
                    }
                }
                let (Some(src), Some(tgt)) = (source, target) else {
                    if pairs.is_empty() {
                        continue;
                    }
                    let vspan = (s.toks[v.start].start, s.toks[v.end.saturating_sub(1).max(v.start)].end);
                    let text = if text.is_empty() { format!("{} [{}]", s.toks[v.start].up, primary) } else { text };
                    let first = out.len();
                    emit(
                        &s,
                        &orient(pairs.clone()),
                        &primary,
                        paired.as_deref(),
                        vspan,
                        &origin,
                        &text,
                        roles,
                        &mut out,
                    );
                    if code.flag == Some('!') {
                        dominant.extend(first..out.len());
                    }
                    coded_here = true;
                    if d.options.code_by != CodeBy::All {
                        break;
                    }
                    continue;
                };
                for &a in &s.groups[m[src].group] {
                    if m[a].null || (b.source.is_some() && a != src && !s.groups[m[src].group].contains(&a)) {
                        continue;
                    }
                    for &t in &s.groups[m[tgt].group] {
                        if !m[t].null && a != t {
                            pairs.push((a, t));
                        }
                    }
                }
                if b.source.is_some() {
                    pairs.retain(|&(a, _)| a == src || s.groups[m[src].group].contains(&a));
                }
                carried = Some(src);
            }
            let vspan = (s.toks[v.start].start, s.toks[v.end.saturating_sub(1).max(v.start)].end);
            let text = if text.is_empty() { format!("{} [{}]", s.toks[v.start].up, primary) } else { text };
            let first = out.len();
            emit(&s, &orient(pairs.clone()), &primary, paired.as_deref(), vspan, &origin, &text, roles, &mut out);
            if code.flag == Some('!') {
                dominant.extend(first..out.len());
            }
            coded_here = true;
            if d.options.code_by != CodeBy::All {
                break;
            }
        }
        if coded_here && d.options.code_by == CodeBy::Sentence {
            break;
        }
    }
    // A dominant code (`[031!]`) silences the sentence's other verbs when every verb codes.
    if d.options.code_by == CodeBy::All && !dominant.is_empty() {
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            dominant.contains(&(k - 1))
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::legacy::{Kind, load_text};

    fn dicts() -> Dictionaries {
        let mut d = Dictionaries::default();
        load_text(
            &mut d,
            "t.actors",
            "ARNOR [ARN]\nGONDOR\n+MINAS_TIRITH\n\t[GON]\nOSGILIATH [OSG]\nERIADOR [ERI]\nPLA [CHNMIL]\nGOLLUM\n\t[HOB <950601]\n\t[HOBGOV >950601]\n",
            Kind::Actors,
        );
        load_text(&mut d, "t.agents", "PRESIDENT_ [~GOVPRS]\nGOVERNMENT_ [~GOV]\n", Kind::Agents);
        load_text(
            &mut d,
            "t.verbs",
            "RESTOR [064]\n- NOT * RELATIONS [112]\nOPPOS [112]\nFREE [066]\n- + * FROM $ [066]\nMEET [031:031]\n\
- % HAVE POSTPONED * [191]\nSAID [023?]\nREGRET [111]\n- SAID $ * [113]\n",
            Kind::TabariVerbs,
        );
        d.verbs.finish();
        d
    }

    fn code(d: &Dictionaries, text: &str, date: Date) -> Vec<(String, String, String)> {
        let kb = Knowledge::from_files(Vec::new(), Vec::new());
        let a = Article { id: "t".into(), text: text.into(), ..Default::default() };
        let doc = crate::text::analyze(text);
        code_article(d, &kb, &a, doc, date).events.into_iter().map(|e| (e.source, e.target, e.code)).collect()
    }

    fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
        (s.into(), t.into(), c.into())
    }

    #[test]
    fn codes_the_basic_cases() {
        let d = dicts();
        let day = Date::new(1995, 1, 1).unwrap();
        assert_eq!(
            code(&d, "Arnor is about to restore full diplomatic ties with Gondor.", day),
            vec![t("ARN", "GON", "064")]
        );
        // Agent composed; compound target.
        assert_eq!(
            code(&d, "The Arnor government restored ties with Gondor and Osgiliath.", day),
            vec![t("ARNGOV", "GON", "064"), t("ARNGOV", "OSG", "064")]
        );
        // Passive.
        assert_eq!(code(&d, "Eriador was opposed by Osgiliath.", day), vec![t("OSG", "ERI", "112")]);
        // A pattern with slots reverses the roles.
        assert_eq!(code(&d, "Arnor was freed from Osgiliath.", day), vec![t("OSG", "ARN", "066")]);
        // Compound slot: both directions.
        assert_eq!(
            code(&d, "Gondor and Osgiliath have postponed their meeting.", day),
            vec![t("GON", "OSG", "191"), t("OSG", "GON", "191")]
        );
        // A verb capitalised mid-sentence is a noun; "said" codes only through a pattern.
        assert!(code(&d, "Arnor is about To Restore ties with Gondor.", day).is_empty());
        assert_eq!(code(&d, "Arnor said he regretted Eriador's refusal.", day), vec![t("ARN", "ERI", "113")]);
        // A short stem needs a capitalised word.
        assert_eq!(code(&d, "Arnor plans to restore ties with Gondor.", day), vec![t("ARN", "GON", "064")]);
        assert_eq!(code(&d, "The PLA restored ties with Gondor.", day), vec![t("CHNMIL", "GON", "064")]);
        // Dated actors.
        assert_eq!(code(&d, "Gollum restored ties with Gondor.", day), vec![t("HOB", "GON", "064")]);
        assert_eq!(
            code(&d, "Gollum restored ties with Gondor.", Date::new(1999, 1, 1).unwrap()),
            vec![t("HOBGOV", "GON", "064")]
        );
    }

    /// A PETRARCH-format fixture: verb blocks, a pattern with a noun phrase and a
    /// prepositional phrase, a null-coded pattern, paired codes, transformations, issues.
    fn petrarch() -> Dictionaries {
        let mut d = Dictionaries::default();
        load_text(&mut d, "t.actors", "ARNOR [ARN]\nGONDOR [GON]\nOSGILIATH [OSG]\nERIADOR [ERI]\n", Kind::Actors);
        load_text(&mut d, "t.agents", "MINISTER [~GOV]\nMILITARY [~MIL]\n", Kind::Agents);
        load_text(
            &mut d,
            "CAMEO.2.0.txt",
            "&AID\n+HELP\n+ASSISTANCE\n\
---  SAY   [010]  ---\nSAY {SAYS SAID SAYING}\nCLAIM\n+SAID_ATTACK\n\
---  WANT   [---]  ---\nWANT\n\
---  ATTACK   [190]  ---\nATTACK\nSTRIKE {STRUCK STRIKES STRIKING}\n\
---  KILL   [190]  ---\nKILL\n\
---  ALLOW   [080]  ---\nAPPROVE\nRATIFY {RATIFIES RATIFIED}\n- * &AID [031] # APPROVE\n- * &AID [057] # RATIFY\n\
---  SEND   [---]  ---\nSEND {SENT SENDS SENDING}\n- * &AID [070]\n- * {TROOPS} (TO) [150]\n- * {CONDOLENCES} [---]\n\
---  MEET   [036:036]  ---\nMEET {MET MEETS MEETING}\n\
---  GATHER   [040]  ---\nGATHER\n\
---  PRESENT   [---]  ---\nPRESENT\n- * EVIDENCE [1124]\n\
---  FACE   [---]  ---\nFACE\n- * PRESSURE [:100]\n\
---  CONDUCT   [---]  ---\nCONDUCT\n- * {MILITARY EXERCISES} [150]\n\
---  EXERCISE   [---]  ---\nEXERCISE\n\
---  AGREE   [050]  ---\nAGREE\n- * (TO SANCTIONS) [163]\n\
---  EASE   [080]  ---\nLIFT\n- * SANCTIONS [085]\n\
---  PLEDGE   [030]  ---\nPLEDGE\n\
---  HELP   [070]  ---\nHELP\n\
---  ORDER   [100]  ---\nORDER\n- * INQUIRY [091]\n- * INQUIRY [1014]\n\
~ a (a b ATTACK) SAY = a b 015\n~ a (b . ATTACK) CLAIM = a b 112\n~ a (_ b ATTACK) WANT = a b 138\n",
            Kind::PetrarchVerbs,
        );
        load_text(
            &mut d,
            "t.issues",
            "<ISSUE CATEGORY=\"ENERGY\" TYPE=\"ALL\">\nnuclear n:plant [NUCLEAR_ENERGY]\n~nuclear plant workers\n</ISSUE>\n\
<ISSUE CATEGORY=\"KIDNAP\" TYPE=\"COUNTEVENT\">\nabduction\n</ISSUE>\n",
            Kind::Issues,
        );
        d.verbs.finish();
        d
    }

    #[test]
    fn complement_codes_combine_on_cameo_structure() {
        assert_eq!(combine_codes("030", "0841"), "0353");
        assert_eq!(combine_codes("030", "072"), "0332");
        assert_eq!(combine_codes("030", "190"), "138");
        assert_eq!(combine_codes("030", "037"), "037");
        assert_eq!(combine_codes("030", "010"), "030");
        assert_eq!(combine_codes("050", "085"), "085");
        assert_eq!(combine_codes("120", "042"), "120");
    }

    #[test]
    fn honours_petrarch_verb_constructs() {
        let d = petrarch();
        let day = Date::new(2015, 1, 1).unwrap();
        // Irregular form, synset, noun phrase + prepositional phrase, null code, paired code.
        assert_eq!(code(&d, "Arnor sent assistance to Gondor.", day), vec![t("ARN", "GON", "070")]);
        assert_eq!(code(&d, "Arnor sent troops to Gondor.", day), vec![t("ARN", "GON", "150")]);
        assert!(code(&d, "Arnor sent condolences to Gondor.", day).is_empty());
        assert_eq!(code(&d, "Arnor met Gondor.", day), vec![t("ARN", "GON", "036"), t("GON", "ARN", "036")]);
        assert_eq!(code(&d, "Arnor struck Gondor.", day), vec![t("ARN", "GON", "190")]);
        // Transformations: the nested subject is the outer one, another actor, or no one.
        assert_eq!(code(&d, "Arnor said that it had attacked Gondor.", day), vec![t("ARN", "GON", "015")]);
        assert_eq!(code(&d, "Arnor claimed that Osgiliath attacked Eriador.", day), vec![t("ARN", "OSG", "112")]);
        assert_eq!(code(&d, "Arnor wants to attack Gondor.", day), vec![t("ARN", "GON", "138")]);
        // A rule's verb stands for its code (KILL is 190 as ATTACK is); a passive nested verb's
        // agent is its subject.
        assert_eq!(code(&d, "Arnor claimed that Gondor was killed by Osgiliath.", day), vec![t("ARN", "OSG", "112")]);
        // A verb inside a multi-word verb is no complement of it (this once panicked).
        let _ = code(&d, "Arnor said attack on Gondor.", day);
        // In a block of synonyms a pattern written for the verb (`# RATIFY`) wins a tie.
        assert_eq!(code(&d, "Arnor ratified assistance for Gondor.", day), vec![t("ARN", "GON", "057")]);
        assert_eq!(code(&d, "Arnor approved assistance for Gondor.", day), vec![t("ARN", "GON", "031")]);
        // `[:x]`: the target acts on the source.
        assert_eq!(code(&d, "Arnor faces pressure from Gondor.", day), vec![t("GON", "ARN", "100")]);
        // An actor inside the words a pattern matched after the verb takes no role (the
        // agent is no mere modifier here, as `exercises` may be a verb).
        assert_eq!(code(&d, "Arnor conducted military exercises in Gondor.", day), vec![t("ARN", "GON", "150")]);
        // A prepositional phrase's `to` is no infinitive's.
        assert_eq!(code(&d, "Arnor agreed to sanctions on Gondor.", day), vec![t("ARN", "GON", "163")]);
        // An infinitive complement nested in a verb with no pattern of its own: the codes
        // combine.
        assert_eq!(code(&d, "Arnor agreed to lift the sanctions on Gondor.", day), vec![t("ARN", "GON", "085")]);
        assert_eq!(code(&d, "Arnor pledged to help Gondor.", day), vec![t("ARN", "GON", "033")]);
        assert_eq!(code(&d, "Arnor pledged help to Gondor.", day), vec![t("ARN", "GON", "030")]);
        // A pattern written twice in a block keeps its last code.
        assert_eq!(code(&d, "Arnor ordered an inquiry against Gondor.", day), vec![t("ARN", "GON", "1014")]);
        // A passive verb's patterns match its subject.
        assert_eq!(code(&d, "Evidence against Gondor was presented by Arnor.", day), vec![t("ARN", "GON", "1124")]);
        // A compound subject with no target: member on member, even after a comma list.
        assert_eq!(
            code(&d, "Arnor, Gondor, and Eriador gathered yesterday.", day),
            vec![
                t("ARN", "GON", "040"),
                t("ARN", "ERI", "040"),
                t("GON", "ARN", "040"),
                t("GON", "ERI", "040"),
                t("ERI", "ARN", "040"),
                t("ERI", "GON", "040")
            ]
        );
    }

    #[test]
    fn events_carry_their_sentences_issues() {
        let d = petrarch();
        let kb = Knowledge::from_files(Vec::new(), Vec::new());
        let text = "Arnor attacked nuclear plants in Gondor after the abduction. Arnor attacked Eriador.";
        let a = Article { id: "t".into(), text: text.into(), ..Default::default() };
        let coded = code_article(&d, &kb, &a, crate::text::analyze(text), Date::new(2015, 1, 1).unwrap());
        let issues: Vec<Vec<String>> = coded.events.iter().map(|e| e.issues.clone()).collect();
        assert_eq!(issues, vec![vec!["NUCLEAR_ENERGY".to_string(), "KIDNAP".to_string()], vec![]]);
        // A blocking phrase takes its words and names nothing.
        let text = "Arnor attacked nuclear plant workers in Gondor.";
        let a = Article { id: "t".into(), text: text.into(), ..Default::default() };
        let coded = code_article(&d, &kb, &a, crate::text::analyze(text), Date::new(2015, 1, 1).unwrap());
        assert_eq!(coded.events.len(), 1);
        assert!(coded.events[0].issues.is_empty());
    }

    #[test]
    fn pronouns_and_forwarding_follow_tabari() {
        let mut d = dicts();
        load_text(&mut d, "more.verbs", "URGE [102]\nASSIST [092]\nASK [090]\n", Kind::TabariVerbs);
        d.options.code_by = CodeBy::All;
        d.verbs.finish();
        let day = Date::new(1995, 1, 1).unwrap();
        // A pronoun object naming the subject again: the actor between is the target.
        assert_eq!(
            code(&d, "Arnor urged Gondor on Monday to assist it in the talks.", day),
            vec![t("ARN", "GON", "102"), t("ARN", "GON", "092")]
        );
        // `they` is the coordinated subject.
        assert_eq!(
            code(&d, "Arnor and Eriador urged Gondor to chill out and then they asked Osgiliath for help.", day),
            vec![t("ARN", "GON", "102"), t("ERI", "GON", "102"), t("ARN", "OSG", "090"), t("ERI", "OSG", "090")]
        );
        // Forwarding across a story's records: the first actor as written, without agents.
        let kb = Knowledge::from_files(Vec::new(), Vec::new());
        let mut forward = Forward::default();
        let mut story = |text: &str| {
            let a = Article { id: "s".into(), text: text.into(), ..Default::default() };
            let coded = code_in_story(&d, &kb, &a, crate::text::analyze(text), day, &mut forward);
            coded.events.into_iter().map(|e| (e.source, e.target, e.code)).collect::<Vec<_>>()
        };
        assert_eq!(story("The Arnor president urged Gondor to end the war."), vec![t("ARNGOVPRS", "GON", "102")]);
        assert_eq!(story("He also asked Osgiliath for help."), vec![t("ARN", "OSG", "090")]);
        // What is forwarded is the first actor the previous record named, not whom its pronoun
        // stood for (TABARI's "secondary forwarding").
        assert_eq!(story("Then it asked Eriador for help."), vec![t("OSG", "ERI", "090")]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let d = dicts();
        let day = Date::new(1995, 1, 1).unwrap();
        for text in ["", ",,,", "and and and", "Arnor , , restore", "_ _ Arnor_ _", "he", "'s 's Arnor's"] {
            let _ = code(&d, text, day);
        }
    }
}
