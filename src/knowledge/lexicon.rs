//! The name index: every surface form of every entity, as lower-case token sequences,
//! keyed by first token and tried longest first.

use super::entities::{Entity, EntityKind, Range};
use crate::model::{Date, Shape, Token};
use crate::text;

/// Which attribute of the entity a surface form came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRole {
    Name,
    Former,
    Adjective,
    Demonym,
    Capital,
    City,
}

/// How the text must be written for a name to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseRule {
    /// Written in capitals in the dictionary (`NATO`): every token in capitals.
    Upper,
    /// A proper name: the first token capitalised.
    Capitalized,
    /// Any case (agent nouns).
    Any,
}

#[derive(Clone, Debug)]
pub struct LexEntry {
    pub entity: u32,
    pub role: NameRole,
    pub case: CaseRule,
    pub when: Range,
    pub tokens: Vec<String>,
    /// Which tokens the name writes capitalised: with `CaseRule::Capitalized` they must be
    /// capitalised in the text too ("Port Said" but not "Port said").
    pub caps: Vec<bool>,
}

#[derive(Default)]
pub struct Lexicon {
    by_first: super::fxhash::FxHashMap<String, Vec<LexEntry>>,
    len: usize,
}

/// Tokenizes a name like article text and lower-cases it.
pub fn name_tokens(name: &str) -> Vec<String> {
    let norm = text::normalize::normalize(name);
    text::tokens::tokenize(&norm).into_iter().map(|t| t.lower).collect()
}

/// For each token of a name, whether the name writes it with a capital letter.
fn name_caps(name: &str) -> Vec<bool> {
    let norm = text::normalize::normalize(name);
    text::tokens::tokenize(&norm).iter().map(|t| norm[t.start..t.end].starts_with(char::is_uppercase)).collect()
}

/// Acronyms whose title-case form is an English word or another name: they match only in
/// capitals.
const ACRONYM_WORDS: &[&str] = &["care", "plan", "pace", "guam", "alba", "mena", "kuna"];

fn case_rule(kind: EntityKind, surface: &str) -> CaseRule {
    // "the West": the case rule applies to the word after the article.
    let surface = surface.strip_prefix("the ").unwrap_or(surface);
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        CaseRule::Upper
    } else if kind == EntityKind::Agent || surface.starts_with(|c: char| c.is_lowercase()) {
        CaseRule::Any
    } else {
        CaseRule::Capitalized
    }
}

impl Lexicon {
    pub fn build(entities: &[Entity]) -> Lexicon {
        let mut lex = Lexicon::default();
        for (i, e) in entities.iter().enumerate() {
            let header = super::entities::Dated { value: e.name.clone(), when: e.dates, matched: true };
            let mut add = |d: &super::entities::Dated, role: NameRole| {
                if !d.matched {
                    return;
                }
                let tokens = name_tokens(&d.value);
                if tokens.is_empty() {
                    return;
                }
                let caps = name_caps(&d.value);
                let case = case_rule(e.kind, &d.value);
                // An acronym of four letters or more is also written as a word by much of the
                // press ("Nato", "Opec", "Ecowas"), unless that word is an English one or
                // another name's ("Care", "Plan", "Guam").
                if case == CaseRule::Upper
                    && tokens.len() == 1
                    && tokens[0].chars().count() >= 4
                    && tokens[0].chars().all(|c| c.is_ascii_alphabetic())
                    && !ACRONYM_WORDS.contains(&tokens[0].as_str())
                {
                    let caps = vec![true];
                    let title = LexEntry {
                        entity: i as u32,
                        role,
                        case: CaseRule::Capitalized,
                        when: d.when,
                        tokens: tokens.clone(),
                        caps,
                    };
                    lex.insert(title);
                }
                let entry = LexEntry { entity: i as u32, role, case, when: d.when, tokens, caps };
                lex.insert(entry);
            };
            add(&header, NameRole::Name);
            for d in &e.names {
                add(d, NameRole::Name);
            }
            for d in &e.former {
                add(d, NameRole::Former);
            }
            for d in &e.adjectives {
                add(d, NameRole::Adjective);
            }
            for d in &e.demonyms {
                add(d, NameRole::Demonym);
            }
            for d in &e.capital {
                add(d, NameRole::Capital);
            }
            for d in &e.cities {
                add(d, NameRole::City);
            }
            if e.kind == EntityKind::Agent {
                // Regular plurals of agent nouns: "officials", "ministers of state" → "ministers".
                let mut plurals = Vec::new();
                for d in std::iter::once(&header).chain(&e.names) {
                    let mut toks = name_tokens(&d.value);
                    if let Some(last) = toks.last_mut()
                        && last.chars().all(|c| c.is_alphabetic())
                        && !last.ends_with('s')
                    {
                        *last = super::verbs::s_form(last);
                        plurals.push(toks);
                    }
                }
                for d in &e.plural {
                    plurals.push(name_tokens(&d.value));
                }
                for tokens in plurals {
                    lex.insert(LexEntry {
                        entity: i as u32,
                        role: NameRole::Name,
                        case: CaseRule::Any,
                        when: Range::ALWAYS,
                        caps: vec![false; tokens.len()],
                        tokens,
                    });
                }
            }
        }
        for v in lex.by_first.values_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.tokens.len()));
        }
        lex
    }

    fn insert(&mut self, entry: LexEntry) {
        let list = self.by_first.entry(entry.tokens[0].clone()).or_default();
        // (The same tokens under another case rule are another name: "Asean" beside "ASEAN",
        // which alone would match only in capitals.)
        if !list.iter().any(|e| {
            e.entity == entry.entity && e.tokens == entry.tokens && e.role == entry.role && e.case == entry.case
        }) {
            list.push(entry);
            self.len += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// All entries that match at `tokens[i..]` on `date`, of the longest matching length.
    pub fn longest_at<'a>(&'a self, tokens: &[Token], i: usize, date: Date) -> Vec<&'a LexEntry> {
        let Some(cands) = self.by_first.get(&tokens[i].lower) else { return Vec::new() };
        let mut best: Vec<&LexEntry> = Vec::new();
        for e in cands {
            if let Some(b) = best.first()
                && e.tokens.len() < b.tokens.len()
            {
                break;
            }
            let n = e.tokens.len();
            if i + n > tokens.len() || !e.when.contains(date) {
                continue;
            }
            if !(1..n).all(|k| tokens[i + k].lower == e.tokens[k]) {
                continue;
            }
            let ok = match e.case {
                CaseRule::Any => true,
                CaseRule::Capitalized => {
                    let k = if n > 1 && e.tokens[0] == "the" { i + 1 } else { i };
                    tokens[k].shape.is_capitalized()
                        && (0..n)
                            .all(|j| !e.caps.get(j).copied().unwrap_or(false) || tokens[i + j].shape.is_capitalized())
                }
                CaseRule::Upper => {
                    tokens[i..i + n].iter().all(|t| matches!(t.shape, Shape::Upper | Shape::Punct | Shape::Other))
                }
            };
            if ok {
                best.push(e);
            }
        }
        best
    }
}
