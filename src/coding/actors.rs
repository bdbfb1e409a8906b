//! Actor mentions: dictionary look-up, composition of agents with countries and people, and
//! coordination into groups.
//!
//! - `Russian president`, `Kazakhstan's foreign minister`, `Kazakh officials` → country + agent;
//! - `President of Kazakhstan`, `the President of the Russian Federation Vladimir Putin` →
//!   country + agent (the name is absorbed);
//! - `President Putin`, `Putin` → the person's role on the article's date;
//! - `Moscow`, `Astana` → the country (a place: after `in`/`at` it is a location);
//! - `Russia and China`, `Russia, China and Iran` → one group; `between A and B` is marked;
//! - `the two leaders`, `both countries` → the last two such actors of the article.

use crate::knowledge::{EntityKind, Knowledge, NameRole};
use crate::model::{Date, Mention, MentionKind, Sentence, Token};

/// Prepositions after which a place name is a location, not an actor.
const LOCATIVE: &[&str] =
    &["in", "at", "near", "inside", "outside", "across", "throughout", "within", "from", "into", "around"];

/// Words that may stand between a country adjective and an agent noun ("Russian *energy*
/// minister", "Kazakh *senior* officials").
const STOP: &[&str] = &[
    "and", "or", "of", "the", "a", "an", "to", "in", "on", "at", "with", "by", "for", "from", "said", "says", "is",
    "are", "was", "were", "has", "have", "had", "will", "would", "that", "which", "who", "as", "not", "but", "its",
    "his", "her", "their", "be", "been",
];

const DETERMINERS: &[&str] = &["the", "a", "an"];

/// A group of coordinated mentions: `Russia and China`.
#[derive(Clone, Debug)]
pub struct Group {
    /// Indexes into the sentence's mentions.
    pub members: Vec<usize>,
    /// Token range `[start, end)`.
    pub start: usize,
    pub end: usize,
    /// Preceded by `between`.
    pub between: bool,
    /// Joined by a conjunction ("and", "as well as"), not only by commas.
    pub conjoined: bool,
}

/// The actors of one sentence.
#[derive(Clone, Debug, Default)]
pub struct SentenceActors {
    pub mentions: Vec<Mention>,
    pub groups: Vec<Group>,
}

impl SentenceActors {
    /// The group that starts at token `i`.
    pub fn group_starting(&self, i: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.start == i)
    }
    /// The group that ends at token `i` (exclusive).
    pub fn group_ending(&self, i: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.end == i)
    }
    /// Whether a group has at least one coded member that is not a location.
    pub fn is_actor(&self, g: usize) -> bool {
        self.groups[g].members.iter().any(|&m| self.mentions[m].code.is_some() && !self.mentions[m].locative)
    }
}

/// Actors mentioned earlier in the article, for `the two leaders`.
#[derive(Default, Clone)]
pub struct Memory {
    /// (code, name, is a person or a person's role).
    recent: Vec<(String, String, bool)>,
}

impl Memory {
    fn remember(&mut self, m: &Mention) {
        if let Some(code) = &m.code {
            if m.locative || m.kind == MentionKind::Reference {
                return;
            }
            let person = matches!(m.kind, MentionKind::Person) || (m.kind == MentionKind::Composed && code.len() > 3);
            self.recent.retain(|(c, _, _)| c != code);
            self.recent.push((code.clone(), m.name.clone(), person));
        }
    }

    /// The last two distinct actors: people (and leaders) when `people`, countries otherwise.
    fn last_two(&self, people: bool) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (code, name, person) in self.recent.iter().rev() {
            let code = if people {
                if !*person {
                    continue;
                }
                code.clone()
            } else {
                code[..3.min(code.len())].to_string()
            };
            if !out.iter().any(|(c, _)| *c == code) {
                out.push((code, name.clone()));
            }
            if out.len() == 2 {
                break;
            }
        }
        out
    }
}

struct Raw {
    start: usize,
    end: usize,
    entity: u32,
    role: NameRole,
    kind: EntityKind,
    origin: String,
}

fn find_raw(kb: &Knowledge, tokens: &[Token], date: Date) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let cands = kb.lexicon.longest_at(tokens, i, date);
        if cands.is_empty() {
            i += 1;
            continue;
        }
        // Among entries of the same surface form, prefer one that has a code on this date
        // (two people named "Bush"), then a proper name over an agent noun.
        let best = cands
            .iter()
            .max_by_key(|e| {
                let ent = kb.entity(e.entity);
                (ent.code_on(date).is_some(), ent.kind != EntityKind::Agent, std::cmp::Reverse(e.entity))
            })
            .unwrap();
        let ent = kb.entity(best.entity);
        let n = best.tokens.len();
        out.push(Raw {
            start: i,
            end: i + n,
            entity: best.entity,
            role: best.role,
            kind: ent.kind,
            origin: ent.origin.clone(),
        });
        i += n;
    }
    out
}

fn is_country_like(r: &Raw) -> bool {
    matches!(r.kind, EntityKind::Country | EntityKind::Region)
        && matches!(r.role, NameRole::Name | NameRole::Former | NameRole::Adjective)
}

/// Tokens between two positions are only modifiers (no stop words, no punctuation), at most 2.
fn modifiers_only(tokens: &[Token], a: usize, b: usize) -> bool {
    b >= a
        && b - a <= 2
        && tokens[a..b]
            .iter()
            .all(|t| t.lower.chars().all(|c| c.is_alphabetic() || c == '-') && !STOP.contains(&t.lower.as_str()))
}

struct Builder<'a> {
    kb: &'a Knowledge,
    sentence: &'a Sentence,
    text: &'a str,
    date: Date,
    out: Vec<Mention>,
}

impl Builder<'_> {
    fn push(&mut self, start: usize, end: usize, code: Option<String>, kind: MentionKind, name: String, entry: String) {
        let toks = &self.sentence.tokens;
        let bytes = (toks[start].start, toks[end - 1].end);
        self.out.push(Mention {
            tokens: (start, end),
            bytes,
            text: self.text[bytes.0..bytes.1].to_string(),
            code,
            kind,
            name,
            locative: false,
            entry,
        });
    }

    fn code(&self, entity: u32) -> Option<String> {
        self.kb.entity(entity).code_on(self.date).map(str::to_string)
    }
}

/// Finds the actor mentions and groups of a sentence.
pub fn find(kb: &Knowledge, doc_text: &str, sentence: &Sentence, date: Date, memory: &mut Memory) -> SentenceActors {
    let tokens = &sentence.tokens;
    let raws = find_raw(kb, tokens, date);
    let mut b = Builder { kb, sentence, text: doc_text, date, out: Vec::new() };
    let person_after = |j: usize, end: usize| raws.get(j).filter(|p| p.kind == EntityKind::Person && p.start == end);
    let mut i = 0;
    while i < raws.len() {
        let r = &raws[i];
        let ent = kb.entity(r.entity);
        if ent.is_block() {
            i += 1;
            continue;
        }
        if is_country_like(r) {
            // "Russian president", "Kazakhstan's foreign minister", "Russian energy minister".
            let mut j = r.end;
            if r.role != NameRole::Adjective && tokens.get(j).is_some_and(|t| t.lower == "'s") {
                j += 1;
            }
            if let Some(agent) =
                raws.get(i + 1).filter(|a| a.kind == EntityKind::Agent && modifiers_only(tokens, j, a.start))
            {
                let agent_ent = kb.entity(agent.entity);
                let mut end = agent.end;
                let mut name = format!("{} {}", ent.name, agent_ent.name);
                let mut used = 2;
                if let Some(p) = person_after(i + 2, end) {
                    end = p.end;
                    name = kb.entity(p.entity).name.clone();
                    used = 3;
                }
                let code = ent.code_on(date).map(|c| format!("{c}{}", agent_ent.code));
                let origin = format!("{} + {}", ent.origin, agent_ent.origin);
                b.push(r.start, end, code, MentionKind::Composed, name, origin);
                i += used;
                continue;
            }
            let kind = if ent.kind == EntityKind::Region { MentionKind::Region } else { MentionKind::Country };
            b.push(r.start, r.end, b.code(r.entity), kind, ent.name.clone(), ent.origin.clone());
            i += 1;
            continue;
        }
        match ent.kind {
            EntityKind::Agent => {
                // "President of Kazakhstan", "Foreign Minister of the Russian Federation".
                let mut k = r.end;
                if tokens.get(k).is_some_and(|t| t.lower == "of") {
                    k += 1;
                    if tokens.get(k).is_some_and(|t| t.lower == "the") {
                        k += 1;
                    }
                    if let Some(c) =
                        raws.get(i + 1).filter(|c| c.start == k && is_country_like(c) && c.role != NameRole::Adjective)
                    {
                        let cent = kb.entity(c.entity);
                        let mut end = c.end;
                        let mut name = format!("{} {}", cent.name, ent.name);
                        let mut used = 2;
                        if let Some(p) = person_after(i + 2, end) {
                            end = p.end;
                            name = kb.entity(p.entity).name.clone();
                            used = 3;
                        }
                        let code = cent.code_on(date).map(|cc| format!("{cc}{}", ent.code));
                        let origin = format!("{} + {}", cent.origin, ent.origin);
                        b.push(r.start, end, code, MentionKind::Composed, name, origin);
                        i += used;
                        continue;
                    }
                }
                // "President Putin", "Foreign Minister Sergei Lavrov".
                if let Some(p) = person_after(i + 1, r.end) {
                    let pent = kb.entity(p.entity);
                    b.push(
                        r.start,
                        p.end,
                        b.code(p.entity),
                        MentionKind::Person,
                        pent.name.clone(),
                        pent.origin.clone(),
                    );
                    i += 2;
                    continue;
                }
                // A bare agent ("officials said"): kept, but without a country it codes nothing.
                b.push(r.start, r.end, None, MentionKind::Agent, ent.name.clone(), ent.origin.clone());
            }
            EntityKind::Person => {
                b.push(r.start, r.end, b.code(r.entity), MentionKind::Person, ent.name.clone(), r.origin.clone());
            }
            EntityKind::Org => {
                b.push(r.start, r.end, b.code(r.entity), MentionKind::Organization, ent.name.clone(), r.origin.clone());
            }
            EntityKind::Country | EntityKind::Region => {
                let kind = match r.role {
                    NameRole::Capital => MentionKind::Capital,
                    NameRole::City => MentionKind::City,
                    _ if ent.kind == EntityKind::Region => MentionKind::Region,
                    _ => MentionKind::Country,
                };
                b.push(r.start, r.end, b.code(r.entity), kind, ent.name.clone(), r.origin.clone());
            }
        }
        i += 1;
    }
    let mut mentions = b.out;
    // "the two countries" may refer to countries named earlier in the same sentence.
    let mut seen = memory.clone();
    add_references(tokens, doc_text, &mut seen, &mut mentions);
    mentions.sort_by_key(|m| m.tokens);
    for m in mentions.iter_mut() {
        if matches!(m.kind, MentionKind::Country | MentionKind::Region | MentionKind::Capital | MentionKind::City) {
            let mut k = m.tokens.0;
            if k > 0 && DETERMINERS.contains(&tokens[k - 1].lower.as_str()) {
                k -= 1;
            }
            m.locative = k > 0 && LOCATIVE.contains(&tokens[k - 1].lower.as_str());
        }
    }
    for m in &mentions {
        memory.remember(m);
    }
    let groups = group(tokens, &mentions);
    SentenceActors { mentions, groups }
}

/// `the two leaders`, `both presidents`, `the two countries`, `both sides`.
fn add_references(tokens: &[Token], text: &str, memory: &mut Memory, out: &mut Vec<Mention>) {
    let mut i = 0;
    let mut fed = 0; // mentions of this sentence already remembered, in token order
    out.sort_by_key(|m| m.tokens);
    while i + 1 < tokens.len() {
        let (start, noun_at) = match (tokens[i].lower.as_str(), tokens[i + 1].lower.as_str()) {
            ("the", "two") if i + 2 < tokens.len() => (i, i + 2),
            ("both", _) => (i, i + 1),
            _ => {
                i += 1;
                continue;
            }
        };
        let noun = tokens[noun_at].lower.as_str();
        let people = match noun {
            "leaders" | "presidents" | "heads" | "ministers" | "premiers" => true,
            "countries" | "nations" | "sides" | "states" | "governments" => false,
            _ => {
                i += 1;
                continue;
            }
        };
        // A bare agent noun ("leaders") gives way to the reference; anything else wins.
        let inside = |m: &Mention| m.tokens.0 <= noun_at && noun_at < m.tokens.1;
        if out.iter().any(|m| inside(m) && !(m.kind == MentionKind::Agent && m.code.is_none())) {
            i += 1;
            continue;
        }
        while fed < out.len() && out[fed].tokens.1 <= start {
            memory.remember(&out[fed]);
            fed += 1;
        }
        let found = memory.last_two(people);
        if found.len() == 2 {
            out.retain(|m| !inside(m));
            let bytes = (tokens[start].start, tokens[noun_at].end);
            for (code, name) in found {
                out.push(Mention {
                    tokens: (start, noun_at + 1),
                    bytes,
                    text: text[bytes.0..bytes.1].to_string(),
                    code: Some(code),
                    kind: MentionKind::Reference,
                    name,
                    locative: false,
                    entry: "reference".into(),
                });
            }
        }
        i = noun_at + 1;
    }
}

/// Groups coordinated mentions: separated by `and`, `,`, `, and`, `as well as`, `&`
/// (a determiner may follow: "Russia and the United States").
fn group(tokens: &[Token], mentions: &[Mention]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if let Some(g) = groups.last_mut() {
            // References share a span: they are one group.
            if m.tokens.0 == g.start && m.tokens.1 == g.end && m.kind == MentionKind::Reference {
                g.members.push(i);
                continue;
            }
            let gap = tokens.get(g.end..m.tokens.0).unwrap_or(&[]);
            let words: Vec<&str> = gap.iter().map(|t| t.lower.as_str()).collect();
            let mut words = words.as_slice();
            if let Some((last, rest)) = words.split_last()
                && DETERMINERS.contains(last)
            {
                words = rest;
            }
            if matches!(words, ["and"] | [","] | [",", "and"] | ["as", "well", "as"] | ["&"] | ["and", "also"]) {
                g.members.push(i);
                g.end = m.tokens.1;
                g.conjoined |= words != [","];
                continue;
            }
        }
        let mut k = m.tokens.0;
        if k > 0 && DETERMINERS.contains(&tokens[k - 1].lower.as_str()) {
            k -= 1;
        }
        let between = k > 0 && tokens[k - 1].lower == "between";
        groups.push(Group { members: vec![i], start: m.tokens.0, end: m.tokens.1, between, conjoined: false });
    }
    // Commas alone do not coordinate ("during a trip to France, Trump refused"): a group
    // joined only by commas is split back into its mentions.
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        let references = g.members.iter().all(|&m| mentions[m].kind == MentionKind::Reference);
        if g.members.len() > 1 && !g.conjoined && !references {
            for &m in &g.members {
                let (start, end) = mentions[m].tokens;
                out.push(Group {
                    members: vec![m],
                    start,
                    end,
                    between: g.between && m == g.members[0],
                    conjoined: false,
                });
            }
        } else {
            out.push(g);
        }
    }
    out
}
