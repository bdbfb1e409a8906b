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
use crate::model::{Date, Mention, MentionKind, Sentence, Shape, Token};
// Day names: no given name, no place.
use crate::text::WEEKDAYS;

/// Prepositions after which a place name is a location, not an actor.
const LOCATIVE: &[&str] =
    &["in", "at", "near", "inside", "outside", "across", "throughout", "through", "within", "into", "around", "off"];

/// Words that begin a title before an agent noun ("Deputy Foreign Minister").
/// Titles that may stand before a surname in a dictionary name ("Premier Li", "President Xi").
const NAME_TITLES: &[&str] = &[
    "president",
    "premier",
    "prime",
    "chancellor",
    "king",
    "queen",
    "general",
    "senator",
    "governor",
    "secretary",
    "ambassador",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sheikh",
    "prince",
    "emir",
    "sultan",
    "pope",
    "lord",
    "lady",
    "sir",
    "speaker",
    "chairman",
    "mayor",
    "minister",
];

const TITLE_WORDS: &[&str] = &[
    "deputy",
    "vice",
    "acting",
    "senior",
    "chief",
    "assistant",
    "under",
    "former",
    "interim",
    "first",
    "prime",
    "state",
    "federal",
    "national",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "trade",
    "economy",
    "economic",
    "energy",
    "justice",
    "health",
    "education",
    "agriculture",
    "labour",
    "labor",
    "transport",
    "industry",
    "culture",
    "information",
    "security",
    "intelligence",
    "army",
    "navy",
    "air",
    "police",
    "military",
    "central",
    "top",
    "special",
    "general",
    "supreme",
    "high",
    "joint",
    "permanent",
    "executive",
    "presidential",
    "royal",
    "opposition",
    "rebel",
    "party",
    "government",
    "cabinet",
    "parliamentary",
    "congressional",
    "senate",
    "house",
    "democratic",
    "republican",
    "conservative",
    "liberal",
    "socialist",
    "communist",
    "labour-led",
];

/// Compass directions: they make "east of Bahrain" a location, and may stand between a
/// preposition and its place ("in southwest Niger").
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
];

/// With [`DIRECTIONS`], words that make "*40 km* of Bahrain" a location.
const COMPASS: &[&str] = &["miles", "kilometres", "kilometers", "km", "coast"];

const STOP: &[&str] = &[
    "and", "or", "of", "the", "a", "an", "to", "in", "on", "at", "with", "by", "for", "from", "said", "says", "is",
    "are", "was", "were", "has", "have", "had", "will", "would", "that", "which", "who", "as", "not", "but", "its",
    "his", "her", "their", "be", "been", "into", "onto", "over", "under", "about", "against", "through", "between",
    "among", "during", "after", "before", "without", "within", "across", "toward", "towards", "upon", "via", "per",
    "told", "tells", "tell", "met", "meets", "urged", "called", "asked", "warned", "sent", "gave", "made", "took",
    "held", "say", "claim", "believe", "fear", "think",
];

const DETERMINERS: &[&str] = &["the", "a", "an"];

/// Irregular past forms that follow a subject ("workers *went* on strike").
const IRREGULAR_PAST: &[&str] = &[
    "went",
    "came",
    "took",
    "began",
    "fled",
    "fought",
    "threw",
    "stood",
    "gave",
    "sent",
    "told",
    "made",
    "broke",
    "led",
    "shot",
    "struck",
    "stole",
    "seized",
    "overran",
    "drove",
    "rose",
    "fell",
    "ran",
    "won",
    "lost",
    "sought",
    "left",
    "kept",
    "set",
    "hit",
    "cut",
    "put",
    "held",
    "met",
    "spoke",
    "swore",
    "withdrew",
    "forbade",
    "bore",
    "sank",
    "blew",
    "flew",
    "caught",
    "said",
    "found",
    "brought",
    "bought",
    "sold",
    "beat",
    "shut",
    "drew",
    "saw",
    "became",
    "got",
    "wrote",
    "chose",
    "built",
    "spent",
    "paid",
    "laid",
    "meant",
    "overtook",
    "undertook",
    "froze",
    "tore",
    "shook",
];

/// Direction and descriptive adjectives before a place name ("in northern Mali", "in
/// volatile south-eastern Turkey"); the bare [`DIRECTIONS`] too (see [`before_place`]).
const REGIONAL: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "far",
    "rural",
    "volatile",
    "restive",
    "remote",
    "neighbouring",
    "neighboring",
    "war-torn",
    "troubled",
    "mountainous",
    "coastal",
    "conflict-hit",
    "conflict-torn",
    "mainland",
];

/// Nouns of a place that a country adjective before them, or a name after "of", make a
/// location: "in the *Afghan* capital", "in the southern Philippine province of *Abra*".
const PLACE_NOUNS: &[&str] = &[
    "capital",
    "city",
    "cities",
    "town",
    "towns",
    "village",
    "villages",
    "province",
    "provinces",
    "region",
    "regions",
    "state",
    "district",
    "districts",
    "county",
    "governorate",
    "prefecture",
    "department",
    "municipality",
    "territory",
    "port",
    "enclave",
    "island",
    "border",
    "side",
];

/// Where the phrase of a place starting at `start` begins: "in *northern* Mali", "in the
/// *war-torn* east of", "in *the Afghan* capital" (direction and descriptive adjectives, then
/// a determiner, may stand between the preposition and the place).
fn before_place(tokens: &[Token], start: usize) -> usize {
    let mut k = start;
    while k > 0 && {
        let l = tokens[k - 1].lower.as_str();
        REGIONAL.contains(&l) || DIRECTIONS.contains(&l)
    } {
        k -= 1;
    }
    if k > 0 && DETERMINERS.contains(&tokens[k - 1].lower.as_str()) {
        k -= 1;
    }
    k
}

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
    /// The article's first sentence: nothing before it can explain a pronoun.
    pub opening: bool,
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
    /// Organisations the article has named, most recent last (for seats: "Brussels").
    orgs: Vec<u32>,
    /// Sentences seen so far.
    sentence: usize,
    /// People named, most recent last: (code, name, sentence index).
    people: Vec<(String, String, usize)>,
    /// In a story with no dateline, the country its first sentence is in ("On Friday *in
    /// Pakistan*, ...") or, naming no place, the one country of its actors: `Some(None)` when
    /// that sentence names more than one.
    place: Option<Option<String>>,
}

impl Memory {
    fn remember(&mut self, m: &Mention) {
        if let Some(code) = &m.code {
            if m.locative || m.kind == MentionKind::Reference {
                return;
            }
            let person = matches!(m.kind, MentionKind::Person) || (m.kind == MentionKind::Composed && code.len() > 3);
            if m.kind == MentionKind::Person {
                self.people.retain(|(c, n, _)| !(c == code && *n == m.name));
                self.people.push((code.clone(), m.name.clone(), self.sentence));
            }
            self.recent.retain(|(c, _, _)| c != code);
            if self.recent.len() >= 64 {
                self.recent.remove(0);
            }
            self.recent.push((code.clone(), m.name.clone(), person));
        }
    }

    /// The armed group named last, for "the group": a rebel, insurgent, paramilitary or
    /// separatist code, or an international militant group.
    fn last_armed_group(&self) -> Option<(String, String)> {
        self.recent
            .iter()
            .rev()
            .find(|(code, _, _)| {
                code.starts_with("IMG") || matches!(code.get(3..6), Some("REB" | "INS" | "UAF" | "SEP"))
            })
            .map(|(code, name, _)| (code.clone(), name.clone()))
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

fn find_raw(kb: &Knowledge, tokens: &[Token], date: Date, named: &[&str]) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let cands = kb.lexicon.longest_at(tokens, i, date);
        if cands.is_empty() {
            if let Some(r) = surname_at(kb, tokens, i, date, out.last(), named) {
                out.push(r);
            }
            i += 1;
            continue;
        }
        // Among entries of the same surface form, prefer one that has a code on this date
        // (two people named "Bush"), then a proper name over an agent noun, then the entity
        // bounded in time ("Moscow" in 1987 is the Soviet Union's capital, not Russia's).
        let best = cands
            .iter()
            .max_by_key(|e| {
                let ent = kb.entity(e.entity);
                let dated = ent.dates != crate::knowledge::entities::Range::ALWAYS
                    || e.when != crate::knowledge::entities::Range::ALWAYS;
                (ent.code_on(date).is_some(), ent.kind != EntityKind::Agent, dated, std::cmp::Reverse(e.entity))
            })
            .unwrap();
        let ent = kb.entity(best.entity);
        let n = best.tokens.len();
        // "the West" is no match where a longer name starts at "West": "the *West German*
        // government", "the *West Bank*".
        if n >= 2
            && tokens[i].lower == "the"
            && kb.lexicon.longest_at(tokens, i + 1, date).first().is_some_and(|e| e.tokens.len() >= n)
        {
            i += 1;
            continue;
        }
        // A bare surname after another capitalised name is someone else ("Michael Howard").
        let after_name = i > 0
            && tokens[i - 1].shape == Shape::Capitalized
            && !STOP.contains(&tokens[i - 1].lower.as_str())
            && !matches!(
                tokens[i - 1].lower.as_str(),
                "this" | "these" | "those" | "after" | "before" | "when" | "while" | "if"
            )
            && out.last().is_none_or(|r: &Raw| r.end != i)
            && !matches!(tokens[i - 1].lower.as_str(), "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms" | "dr");
        // So is one before another capitalised word: a given name ("*Howard* Rubel, a
        // Toronto lawyer"), as in `surname_at` (a day may follow: "Reagan Tuesday said").
        // (Not before an agent noun: "the Trump Administration".)
        let name_at = |k: usize| {
            tokens.get(k).is_some_and(|t| {
                t.shape == Shape::Capitalized
                    && !STOP.contains(&t.lower.as_str())
                    && !WEEKDAYS.contains(&t.lower.as_str())
            }) && !kb.lexicon.longest_at(tokens, k, date).iter().any(|e| kb.entity(e.entity).kind == EntityKind::Agent)
        };
        let before_name = name_at(i + 1);
        if ent.kind == EntityKind::Person && n == 1 && (after_name || before_name) {
            i += 1;
            continue;
        }
        // Likewise a title and surname before another capitalised word: "Vice *Premier Li*
        // Peng" is Li Peng, whose full name may then match.
        if ent.kind == EntityKind::Person && n >= 2 && NAME_TITLES.contains(&tokens[i].lower.as_str()) && name_at(i + n)
        {
            i += 1;
            continue;
        }
        // A capitalised agent noun after an unknown capitalised word ends a proper name
        // ("Supermarkets *General*", "Goldman *Bank*"), unless that word is a title part
        // ("*Deputy* Foreign Minister").
        if ent.kind == EntityKind::Agent
            && tokens[i].shape == Shape::Capitalized
            && after_name
            && !TITLE_WORDS.contains(&tokens[i - 1].lower.as_str())
        {
            i += n;
            continue;
        }
        // A river's bank is no bank: "the *west bank* of the Dnipro", "the river bank".
        if ent.kind == EntityKind::Agent
            && n == 1
            && matches!(tokens[i].lower.as_str(), "bank" | "banks")
            && i > 0
            && matches!(
                tokens[i - 1].lower.as_str(),
                "west"
                    | "east"
                    | "left"
                    | "right"
                    | "river"
                    | "northern"
                    | "southern"
                    | "eastern"
                    | "western"
                    | "opposite"
                    | "far"
            )
        {
            i += n;
            continue;
        }
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
    // Adjacent agent nouns are one actor, named by the first ("U.S. *military adviser*",
    // "*army spokesman*", "*defence ministry officials*").
    let mut merged: Vec<Raw> = Vec::with_capacity(out.len());
    for r in out {
        if let Some(prev) = merged.last_mut()
            && prev.kind == EntityKind::Agent
            && r.kind == EntityKind::Agent
            && prev.end == r.start
        {
            prev.end = r.end;
            continue;
        }
        merged.push(r);
    }
    merged
}

/// A bare surname not listed as a name ("President *Aquino*", "*Botha* said"): the person
/// of that surname in office on the date, when all who are share one code (Howard and James
/// Baker were both `USAGOV` in 1987). Not inside a longer capitalised name ("Jim Wright",
/// "Baker Hughes").
fn surname_at(
    kb: &Knowledge,
    tokens: &[Token],
    i: usize,
    date: Date,
    last: Option<&Raw>,
    named: &[&str],
) -> Option<Raw> {
    let t = &tokens[i];
    if t.shape != Shape::Capitalized || tokens.get(i + 1).is_some_and(|n| n.shape == Shape::Capitalized) {
        return None;
    }
    let after_name = i > 0
        && matches!(tokens[i - 1].shape, Shape::Capitalized | Shape::Upper)
        && !STOP.contains(&tokens[i - 1].lower.as_str())
        && !TITLE_WORDS.contains(&tokens[i - 1].lower.as_str())
        && last.is_none_or(|r| r.end != i || r.kind != EntityKind::Agent);
    if after_name {
        return None;
    }
    // A common surname only after a title: "Treasury Secretary *Baker*", not "Baker said".
    // (Royal and honorary titles take given names: "Prince *Charles*", "Sheikh *Ali*".)
    let titled = last.is_some_and(|r| r.end == i && r.kind == EntityKind::Agent)
        && !matches!(
            tokens[i - 1].lower.as_str(),
            "prince" | "princess" | "king" | "queen" | "sheikh" | "emir" | "sultan" | "pope" | "lord" | "lady" | "sir"
        );
    // ... or once the article has named the person in full ("James Baker ... Baker said").
    let surname_of = |name: &str| name.split_whitespace().last().is_some_and(|w| w.to_lowercase() == t.lower);
    let earlier: Vec<&str> = named.iter().copied().filter(|n| surname_of(n)).collect();
    let (people, only_named) = match kb.surnames.get(&t.lower) {
        Some(p) => (p, false),
        None if titled || !earlier.is_empty() => (kb.common_surnames.get(&t.lower)?, !titled),
        None => return None,
    };
    let serving: Vec<u32> = people
        .iter()
        .copied()
        .filter(|&p| kb.entity(p).code_on(date).is_some())
        .filter(|&p| !only_named || earlier.contains(&kb.entity(p).name.as_str()))
        .collect();
    let first = *serving.first()?;
    let code = kb.entity(first).code_on(date);
    if serving.iter().any(|&p| kb.entity(p).code_on(date) != code) {
        return None;
    }
    let ent = kb.entity(first);
    Some(Raw {
        start: i,
        end: i + 1,
        entity: first,
        role: NameRole::Name,
        kind: EntityKind::Person,
        origin: format!("{} (surname)", ent.origin),
    })
}

fn is_country_like(r: &Raw) -> bool {
    matches!(r.kind, EntityKind::Country | EntityKind::Region)
        && matches!(
            r.role,
            NameRole::Name
                | NameRole::Former
                | NameRole::Adjective
                | NameRole::Demonym
                | NameRole::Capital
                | NameRole::City
        )
}

/// Tokens between two positions are only modifiers (no stop words, no punctuation), at most 2.
fn modifiers_only(kb: &Knowledge, tokens: &[Token], a: usize, b: usize) -> bool {
    // Participles that are adjectives before a role noun ("Russian *armed* forces").
    const ADJECTIVAL: &[&str] =
        &["armed", "allied", "united", "exiled", "elected", "retired", "jailed", "detained", "disputed", "appointed"];
    // A finite verb is no modifier: "China *deployed* warships" is China acting.
    // Nor is a present one: "the United States *provides* military aid" (plural nouns that
    // are also verb forms stay modifiers: "U.S. *arms* negotiators").
    const NOUNS: &[&str] = &[
        "arms",
        "talks",
        "forces",
        "affairs",
        "relations",
        "rights",
        "services",
        "works",
        "plans",
        "reports",
        "bases",
        "operations",
        "sales",
        "exports",
        "imports",
        "supplies",
        "claims",
        "issues",
        "trades",
        "funds",
        "aids",
        "interests",
        "markets",
        "goods",
        "products",
        "securities",
        "holdings",
        "shares",
    ];
    // (Nor an irregular past, which no "-ed" test finds: "Washington *began* joint military
    // drills" is Washington acting, not a "Washington military".)
    let verb = |l: &str| {
        IRREGULAR_PAST.contains(&l)
            || l.ends_with("ed") && !ADJECTIVAL.contains(&l) && kb.verbal_forms.contains(l)
            || !NOUNS.contains(&l) && kb.present_forms.contains(l)
    };
    b >= a
        && b - a <= 2
        && tokens[a..b].iter().all(|t| {
            // (A model name is a modifier too: "a Thai *F-16* fighter jet", "Russian *Su-34*
            // bombers".)
            let model = t.shape == Shape::Other
                && t.lower.chars().next().is_some_and(char::is_alphabetic)
                && t.lower.chars().any(|c| c.is_ascii_digit())
                && t.lower.chars().all(|c| c.is_alphanumeric() || c == '-');
            (t.lower.chars().all(|c| c.is_alphabetic() || c == '-') || model)
                && !STOP.contains(&t.lower.as_str())
                && !verb(&t.lower)
        })
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

    /// `start..end`: the words that named the entity (a person before any office is coded
    /// only when named in full: a bare surname then is too often someone else's).
    fn code(&self, entity: u32, start: usize, end: usize) -> Option<String> {
        // Named in full: two words or more, not a title and a surname ("Premier Li" in 1987
        // is none of the three premiers Li, all later).
        let titled = self.sentence.tokens.get(start).is_some_and(|t| NAME_TITLES.contains(&t.lower.as_str()));
        let words = if titled { 1 } else { end - start };
        let ent = self.kb.entity(entity);
        if let Some(code) = ent.code_on(self.date) {
            return Some(code.to_string());
        }
        // A person out of office is one of the country's elites ("former President Jair
        // Bolsonaro" in 2023 is BRAELI), as CAMEO codes former leaders; so is a person
        // before any office, of the country of the first ("Solidarity leader Lech Walesa" in
        // 1987 is POLELI) when named in full.
        if ent.kind != EntityKind::Person {
            return None;
        }
        let role = ent.roles.iter().filter(|r| r.when.to < self.date).max_by_key(|r| r.when.to).or_else(|| {
            ent.roles.iter().filter(|r| words >= 2 && r.when.from > self.date).min_by_key(|r| r.when.from)
        })?;
        let mut country = self.kb.ontology.split_actor(&role.code).country;
        // Before unification and the Soviet Union's end, a later office's country was the
        // state of the day (the people files' conventions).
        let before = |y, m, d| Date::new(y, m, d).is_some_and(|end| self.date < end);
        if country == "DEU" && before(1990, 10, 3) {
            country = "GMW".to_string();
        } else if country == "RUS" && before(1991, 12, 26) {
            country = "USR".to_string();
        }
        (!country.is_empty()).then(|| format!("{country}ELI"))
    }
}

/// Finds the actor mentions and groups of a sentence.
pub fn find(
    kb: &Knowledge,
    doc_text: &str,
    sentence: &Sentence,
    date: Date,
    memory: &mut Memory,
    context: Option<&str>,
) -> SentenceActors {
    let tokens = &sentence.tokens;
    let named: Vec<&str> = memory.people.iter().map(|(_, name, _)| name.as_str()).collect();
    let raws = find_raw(kb, tokens, date, &named);
    let mut b = Builder { kb, sentence, text: doc_text, date, out: Vec::new() };
    let mut bare_agents: Vec<(usize, String)> = Vec::new();
    // Mentions made by adjectives or demonyms: never a location ("in *British* attempts").
    let mut modifiers: Vec<usize> = Vec::new();
    let person_after = |j: usize, end: usize| raws.get(j).filter(|p| p.kind == EntityKind::Person && p.start == end);
    let mut i = 0;
    while i < raws.len() {
        let r = &raws[i];
        let ent = kb.entity(r.entity);
        if ent.is_block() {
            i += 1;
            continue;
        }
        let place_name = matches!(r.role, NameRole::Capital | NameRole::City);
        let agent_follows = raws.get(i + 1).is_some_and(|a| a.kind == EntityKind::Agent);
        if is_country_like(r) && (!place_name || agent_follows) {
            // "Russian president", "Kazakhstan's foreign minister", "Russian energy minister".
            let mut j = r.end;
            if r.role != NameRole::Adjective && tokens.get(j).is_some_and(|t| t.lower == "'s") {
                j += 1;
            }
            // After a country's name itself (no "'s"), a participle is its verb: "soldiers in
            // Niger *detained* President Bazoum" ("Russian *detained* journalists" and "US
            // *armed* forces" keep their adjectives).
            let noun = r.role != NameRole::Adjective && j == r.end;
            let acts = |a: usize| {
                noun && tokens[j..a].iter().any(|t| {
                    t.lower.ends_with("ed") && !matches!(t.lower.as_str(), "armed" | "allied" | "united" | "retired")
                })
            };
            if let Some(agent) = raws
                .get(i + 1)
                .filter(|a| a.kind == EntityKind::Agent && modifiers_only(kb, tokens, j, a.start) && !acts(a.start))
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
                // "US and British activists": the agent applies to the coordinated modifier
                // just before, too.
                if let Some(prev) = b.out.last_mut() {
                    let joined = prev.tokens.1 + 1 == r.start
                        && matches!(tokens[prev.tokens.1].lower.as_str(), "and" | "or" | ",");
                    if joined
                        && (modifiers.contains(&prev.tokens.0)
                            || prev.tokens.0 == 0
                            || !matches!(
                                tokens[prev.tokens.0 - 1].lower.as_str(),
                                "in" | "of" | "to" | "for" | "with" | "from" | "by" | "on" | "at" | "into" | "against"
                            ))
                        && matches!(prev.kind, MentionKind::Country | MentionKind::Region)
                        && !prev.text.ends_with("'s")
                        && let Some(c) = &prev.code
                    {
                        prev.code = Some(format!("{c}{}", agent_ent.code));
                        prev.kind = MentionKind::Composed;
                    }
                }
                b.push(r.start, end, code, MentionKind::Composed, name, origin);
                i += used;
                continue;
            }
            // A region adjective alone is description, not an actor ("the Western District",
            // "Central Asian republics"); with an agent it composed above.
            if ent.kind == EntityKind::Region && r.role == NameRole::Adjective {
                i += 1;
                continue;
            }
            if !place_name {
                if matches!(r.role, NameRole::Adjective | NameRole::Demonym) {
                    modifiers.push(r.start);
                }
                let kind = if ent.kind == EntityKind::Region { MentionKind::Region } else { MentionKind::Country };
                // A counted people are its civilians, a crowd or victims, not its state:
                // "thousands of *Kenyans* took to the streets", "two *Americans* were freed".
                let crowd = r.role == NameRole::Demonym && counted(tokens, r.start);
                let code = b.code(r.entity, r.start, r.end).map(|c| if crowd { format!("{c}CVL") } else { c });
                let kind = if crowd { MentionKind::Composed } else { kind };
                b.push(r.start, r.end, code, kind, ent.name.clone(), ent.origin.clone());
                i += 1;
                continue;
            }
        }
        match ent.kind {
            EntityKind::Agent => {
                // "President of Kazakhstan", "Foreign Minister of the Russian Federation",
                // "the mayor of the northern West Bank", "a court in Guyana", "officials in
                // Moscow": agent + of/in/from + [the] [modifiers] + country, capital or city.
                let mut k = r.end;
                let linked = tokens.get(k).map(|t| t.lower.as_str());
                if matches!(linked, Some("of" | "in" | "from")) {
                    k += 1;
                    if tokens.get(k).is_some_and(|t| t.lower == "the") {
                        k += 1;
                    }
                    // Troops *in* a country are often foreign: only "of"/"from" make them its own.
                    let military = matches!(ent.code.as_str(), "MIL" | "PKO" | "UAF" | "REB" | "INS");
                    // Troops withdrawn or an envoy recalled *from* a country leave it: "withdraw
                    // six regiments from Afghanistan", "recalled its ambassador from Tehran".
                    let away = linked == Some("from")
                        && tokens[r.start.saturating_sub(4)..r.start].iter().any(|t| {
                            ["withdr", "pull", "remov", "evacuat", "recall", "expel", "redeploy", "brought", "bring"]
                                .iter()
                                .any(|w| t.lower.starts_with(w))
                        });
                    let placed = |c: &&Raw| {
                        !away
                            && matches!(c.kind, EntityKind::Country | EntityKind::Region)
                            && c.role != NameRole::Adjective
                            && c.role != NameRole::Demonym
                            && (linked == Some("of")
                                || (!(military && linked == Some("in"))
                                    && matches!(c.role, NameRole::Name | NameRole::Capital | NameRole::City)))
                    };
                    // "leaders of *Egypt's* Muslim Brotherhood": a possessive country owns the
                    // next name; the agent belongs to that organisation, else stays bare.
                    let owned =
                        raws.get(i + 1).filter(|c| modifiers_only(kb, tokens, k, c.start) && placed(c)).and_then(|c| {
                            tokens.get(c.end).filter(|t| t.lower == "'s")?;
                            raws.get(i + 2).filter(|o| o.start == c.end + 1 && o.kind == EntityKind::Org)
                        });
                    if let Some(o) = owned {
                        let oent = kb.entity(o.entity);
                        let name = format!("{} {}", oent.name, ent.name);
                        let origin = format!("{} + {}", oent.origin, ent.origin);
                        let code = b.code(o.entity, o.start, o.end);
                        b.push(r.start, o.end, code, MentionKind::Composed, name, origin);
                        i += 3;
                        continue;
                    }
                    if let Some(c) = raws.get(i + 1).filter(|c| modifiers_only(kb, tokens, k, c.start) && placed(c)) {
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
                        // "the leaders of Britain, France and Japan": each is a leader.
                        if used == 2 {
                            let mut last_end = end;
                            while let Some(c2) = raws.get(i).filter(|c2| placed(c2)) {
                                let gap: Vec<&str> =
                                    tokens[last_end..c2.start].iter().map(|t| t.lower.as_str()).collect();
                                if !matches!(
                                    gap.as_slice(),
                                    [","] | ["and"] | [",", "and"] | ["and", "the"] | [",", "the"]
                                ) {
                                    break;
                                }
                                let c2ent = kb.entity(c2.entity);
                                let code = c2ent.code_on(date).map(|cc| format!("{cc}{}", ent.code));
                                let name = format!("{} {}", c2ent.name, ent.name);
                                b.push(
                                    c2.start,
                                    c2.end,
                                    code,
                                    MentionKind::Composed,
                                    name,
                                    format!("{} + {}", c2ent.origin, ent.origin),
                                );
                                last_end = c2.end;
                                i += 1;
                            }
                        }
                        continue;
                    }
                }
                // "President Putin", "Foreign Minister Sergei Lavrov".
                if let Some(p) = person_after(i + 1, r.end) {
                    let pent = kb.entity(p.entity);
                    b.push(
                        r.start,
                        p.end,
                        b.code(p.entity, p.start, p.end),
                        MentionKind::Person,
                        pent.name.clone(),
                        pent.origin.clone(),
                    );
                    i += 2;
                    continue;
                }
                // A bare agent ("the army said"): its country comes from the context, below.
                bare_agents.push((r.start, ent.code.clone()));
                b.push(r.start, r.end, None, MentionKind::Agent, ent.name.clone(), ent.origin.clone());
            }
            EntityKind::Person => {
                // "the Reagan administration", "the Putin government": the person's government.
                let governs = raws
                    .get(i + 1)
                    .filter(|a| a.kind == EntityKind::Agent && a.start == r.end && kb.entity(a.entity).code == "GOV");
                if let Some(a) = governs {
                    b.push(
                        r.start,
                        a.end,
                        b.code(r.entity, r.start, r.end),
                        MentionKind::Person,
                        ent.name.clone(),
                        r.origin.clone(),
                    );
                    i += 2;
                    continue;
                }
                b.push(
                    r.start,
                    r.end,
                    b.code(r.entity, r.start, r.end),
                    MentionKind::Person,
                    ent.name.clone(),
                    r.origin.clone(),
                );
            }
            EntityKind::Org => {
                memory.orgs.retain(|&o| o != r.entity);
                memory.orgs.push(r.entity);
                // "EC foreign ministers", "NATO officials": the organisation's people.
                let end = match raws.get(i + 1) {
                    Some(a) if a.kind == EntityKind::Agent && a.start == r.end => {
                        i += 1;
                        a.end
                    }
                    _ => r.end,
                };
                b.push(
                    r.start,
                    end,
                    b.code(r.entity, r.start, r.end),
                    MentionKind::Organization,
                    ent.name.clone(),
                    r.origin.clone(),
                );
            }
            EntityKind::Country | EntityKind::Region => {
                let kind = match r.role {
                    NameRole::Capital => MentionKind::Capital,
                    NameRole::City => MentionKind::City,
                    _ if ent.kind == EntityKind::Region => MentionKind::Region,
                    _ => MentionKind::Country,
                };
                // "Brussels" stands for the EU once the article has named the EU.
                let seated = matches!(kind, MentionKind::Capital | MentionKind::City)
                    .then(|| {
                        let key = tokens[r.start..r.end].iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" ");
                        let orgs = kb.seats.get(&key)?;
                        memory.orgs.iter().rev().find(|o| orgs.contains(o)).copied()
                    })
                    .flatten();
                if let Some(org) = seated {
                    let oent = kb.entity(org);
                    let origin = format!("{} (seat {})", oent.origin, ent.origin);
                    b.push(
                        r.start,
                        r.end,
                        b.code(org, r.start, r.end),
                        MentionKind::Organization,
                        oent.name.clone(),
                        origin,
                    );
                } else {
                    b.push(r.start, r.end, b.code(r.entity, r.start, r.end), kind, ent.name.clone(), r.origin.clone());
                }
            }
        }
        i += 1;
    }
    // "12 people", "hundreds of people", "at least 20 persons": counted people are civilians
    // (CVL), the victims or the crowd of an event. Bare "people" stays out: too often it is
    // no actor ("people familiar with the matter").
    for (k, t) in tokens.iter().enumerate() {
        if !matches!(t.lower.as_str(), "people" | "persons") || !counted(tokens, k) {
            continue;
        }
        if b.out.iter().any(|m| m.tokens.0 <= k && k < m.tokens.1) {
            continue;
        }
        bare_agents.push((k, "CVL".to_string()));
        b.push(k, k + 1, None, MentionKind::Agent, "people".to_string(), "built-in: counted people".to_string());
    }
    // "Thousands protested in Santiago", "hundreds marched": a crowd counted without a noun,
    // the subject of a verb, is civilians too.
    for (k, t) in tokens.iter().enumerate() {
        if !matches!(t.lower.as_str(), "thousands" | "hundreds" | "dozens" | "tens") {
            continue;
        }
        let Some(next) = tokens.get(k + 1) else { continue };
        let l = next.lower.as_str();
        let verb = l.ends_with("ed")
            || matches!(l, "have" | "were" | "are" | "took" | "gathered" | "rallied" | "marched" | "protested")
            || IRREGULAR_PAST.contains(&l);
        // ("*Tens of* thousands marched".)
        let s = if k >= 2 && tokens[k - 1].lower == "of" && matches!(tokens[k - 2].lower.as_str(), "tens" | "hundreds")
        {
            k - 2
        } else {
            k
        };
        if !verb || (s > 0 && tokens[s - 1].shape != Shape::Punct && !matches!(tokens[s - 1].lower.as_str(), "and")) {
            continue;
        }
        if b.out.iter().any(|m| m.tokens.0 <= k && k < m.tokens.1) {
            continue;
        }
        bare_agents.push((s, "CVL".to_string()));
        b.push(s, k + 1, None, MentionKind::Agent, t.lower.clone(), "built-in: a counted crowd".to_string());
    }
    let mut mentions = b.out;
    // A role word used as an adjective before a noun that is no role is description, not an
    // actor: "*militant* targets", "*military* facilities", "*civilian* areas", "the *official*
    // results" (but "*military* council", "*civilian* government", "*rebel* fighters" name
    // actors).
    const ADJECTIVES: &[&str] = &[
        "military",
        "militant",
        "civilian",
        "official",
        "general",
        "rebel",
        "marine",
        "paramilitary",
        "jihadist",
        "insurgent",
    ];
    const GROUPS: &[&str] = &[
        "council",
        "government",
        "junta",
        "regime",
        "leader",
        "leaders",
        "leadership",
        "ruler",
        "rulers",
        "command",
        "commander",
        "commanders",
        "chief",
        "chiefs",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "officials",
        "authorities",
        "administration",
        "court",
        "courts",
        "tribunal",
        "group",
        "groups",
        "movement",
        "faction",
        "factions",
        "wing",
        "cell",
        "cells",
        "network",
        "organisation",
        "organization",
        "outfit",
        "coalition",
        "alliance",
        "delegation",
        "prosecutor",
        "prosecutors",
        "police",
        "intelligence",
        "personnel",
        "staff",
    ];
    let starts: Vec<usize> = mentions.iter().map(|m| m.tokens.0).collect();
    mentions.retain(|m| {
        let adjective = m.kind == MentionKind::Agent
            && m.tokens.1 == m.tokens.0 + 1
            && ADJECTIVES.contains(&tokens[m.tokens.0].lower.as_str());
        let Some(next) = tokens.get(m.tokens.1) else { return true };
        let noun = next.shape == Shape::Lower
            && next.lower.chars().all(|c| c.is_alphabetic() || c == '-')
            && !GROUPS.contains(&next.lower.as_str())
            && !STOP.contains(&next.lower.as_str())
            && !kb.verbal_forms.contains(next.lower.as_str())
            && !starts.contains(&m.tokens.1);
        // Nor is a country naming a currency: "a 48.3 mln *U.S.* Dlr financing package",
        // "*Swiss* francs".
        let currency = m.kind == MentionKind::Country
            && tokens.get(m.tokens.1).is_some_and(|n| {
                matches!(
                    n.lower.as_str(),
                    "dlr"
                        | "dlrs"
                        | "dollar"
                        | "dollars"
                        | "franc"
                        | "francs"
                        | "yen"
                        | "yuan"
                        | "rupee"
                        | "rupees"
                        | "pound"
                        | "pounds"
                        | "peso"
                        | "pesos"
                        | "rouble"
                        | "roubles"
                        | "ruble"
                        | "rubles"
                        | "krona"
                        | "kronor"
                        | "lira"
                        | "rand"
                        | "reais"
                        | "shekel"
                        | "shekels"
                        | "riyal"
                        | "riyals"
                        | "dinar"
                        | "dinars"
                        | "cents"
                        | "crown"
                        | "crowns"
                        | "guilder"
                        | "guilders"
                )
            });
        !(currency || adjective && noun)
    });
    // "the two countries" may refer to countries named earlier in the same sentence; "the
    // group" to an armed group named earlier in it or in the story.
    if tokens.iter().any(|t| t.lower == "two" || t.lower == "both" || GROUP_NOUNS.contains(&t.lower.as_str())) {
        let mut seen = memory.clone();
        add_references(tokens, doc_text, &mut seen, &mut mentions);
    }
    mentions.sort_by_key(|m| m.tokens);
    // A place after a comma is the preceding place's country ("in Istanbul, *Turkey*") only
    // when that place lies in it: "in Istanbul, *Ukraine* and Russia agreed" lists actors.
    let foreign_after_place: Vec<usize> = mentions
        .iter()
        .filter(|m| m.tokens.0 >= 2 && tokens[m.tokens.0 - 1].lower == ",")
        .filter(|m| {
            mentions.iter().any(|p| {
                p.tokens.1 + 1 == m.tokens.0
                    && matches!(p.kind, MentionKind::Capital | MentionKind::City | MentionKind::Region)
                    && p.code
                        .as_deref()
                        .zip(m.code.as_deref())
                        .is_some_and(|(a, b)| a.len() >= 3 && b.len() >= 3 && a[..3] != b[..3])
            })
        })
        .map(|m| m.tokens.0)
        .collect();
    let mut adjective_place: Option<usize> = None;
    for m in mentions.iter_mut() {
        // "in the Belarusian capital *Minsk*": the name after a placed adjective's noun.
        if adjective_place.is_some_and(|end| m.tokens.0 == end + 1 && PLACE_NOUNS.contains(&tokens[end].lower.as_str()))
        {
            m.locative = true;
            continue;
        }
        // "in the *Afghan* capital", "in northern *Syrian* villages": an adjective of a
        // country before a place noun, after a locative preposition, places the sentence.
        if m.kind == MentionKind::Country
            && modifiers.contains(&m.tokens.0)
            && tokens.get(m.tokens.1).is_some_and(|n| PLACE_NOUNS.contains(&n.lower.as_str()))
        {
            let k = before_place(tokens, m.tokens.0);
            m.locative = k > 0 && LOCATIVE.contains(&tokens[k - 1].lower.as_str());
            if m.locative {
                adjective_place = Some(m.tokens.1);
            }
            continue;
        }
        if matches!(m.kind, MentionKind::Country | MentionKind::Region | MentionKind::Capital | MentionKind::City)
            && !modifiers.contains(&m.tokens.0)
        {
            let k = before_place(tokens, m.tokens.0);
            let of_distance = |l: &str| DIRECTIONS.contains(&l) || COMPASS.contains(&l);
            m.locative = k > 0 && LOCATIVE.contains(&tokens[k - 1].lower.as_str())
                || k > 1 && tokens[k - 1].lower == "of" && of_distance(tokens[k - 2].lower.as_str())
                // "in the province of *Abra*", "the town of *Ishaq*"
                || k > 1
                    && tokens[k - 1].lower == "of"
                    && PLACE_NOUNS.contains(&tokens[k - 2].lower.as_str())
                    && !matches!(tokens[k - 2].lower.as_str(), "border" | "side")
                || in_apposition(tokens, m.tokens.0) && !foreign_after_place.contains(&m.tokens.0);
        }
    }
    // Bare agents of a story with no dateline take the country its opening places it in, as
    // a dateline would ("*Police* arrested a Cheltenham man" in a story from England).
    let placed = memory.place.clone().flatten();
    assign_context(kb, tokens, &mut mentions, &bare_agents, context.or(placed.as_deref()));
    if context.is_none() && memory.place.is_none() && memory.sentence == 0 {
        let mut places: Vec<&str> = Vec::new();
        for m in mentions.iter().filter(|m| m.locative) {
            if let Some(c) = m.code.as_deref().filter(|c| c.len() >= 3)
                && !places.contains(&&c[..3])
            {
                places.push(&c[..3]);
            }
        }
        // With no place named, the one country all its actors are of ("A *United States*
        // federal jury convicted ...", "*Georgian* tennis player ... was arrested").
        let mut countries: Vec<String> = Vec::new();
        if places.is_empty() {
            for m in &mentions {
                if let Some(c) = m.code.as_deref().map(|c| kb.ontology.split_actor(c).country)
                    && !c.is_empty()
                    && !countries.contains(&c)
                {
                    countries.push(c);
                }
            }
            places = countries.iter().map(String::as_str).collect();
        }
        memory.place = Some(match places.as_slice() {
            [one] => Some(one.to_string()),
            _ => None,
        });
    }
    apposition(kb, tokens, &mut mentions);
    name_after_title(tokens, doc_text, &mut mentions);
    add_pronouns(tokens, doc_text, memory, &mut mentions);
    add_possessives(kb, tokens, doc_text, &mut mentions);
    add_here(tokens, doc_text, context, &mut mentions);
    add_hyphenated(kb, tokens, doc_text, date, &mut mentions);
    for m in &mentions {
        memory.remember(m);
    }
    let opening = memory.sentence == 0;
    memory.sentence += 1;
    let groups = group(tokens, &mentions);
    share_country(kb, &groups, &mut mentions);
    SentenceActors { mentions, groups, opening }
}

/// A bare agent joined by a conjunction after actors of one country is of it: "the Burma
/// Army and *police* arrested" (`MMRCOP`), "U.S. manufacturers and *officials*".
fn share_country(kb: &Knowledge, groups: &[Group], mentions: &mut [Mention]) {
    for g in groups.iter().filter(|g| g.conjoined && g.members.len() > 1) {
        let country = |m: &Mention| m.code.as_deref().map(|c| kb.ontology.split_actor(c).country).unwrap_or_default();
        let mut countries: Vec<String> = Vec::new();
        for &k in &g.members {
            let c = country(&mentions[k]);
            if !c.is_empty() && !countries.contains(&c) {
                countries.push(c);
            }
        }
        let [one] = countries.as_slice() else { continue };
        // (Only after the member that names the country: "the minister and *U.S.* bankers"
        // says nothing of the minister's.)
        let Some(first) = g.members.iter().position(|&k| !country(&mentions[k]).is_empty()) else { continue };
        for &k in &g.members[first + 1..] {
            let m = &mut mentions[k];
            if m.kind == MentionKind::Agent
                && !m.locative
                && m.code.as_deref().is_some_and(|c| c.len() == 3 && country(m).is_empty())
            {
                m.code = Some(format!("{one}{}", m.code.as_deref().unwrap_or_default()));
            }
        }
    }
}

/// A role noun with no country in apposition to a person is that person's office: "Mr. Fumio
/// Kishida, *Minister* for Foreign Affairs, held", "the *foreign minister*, Sergei Lavrov,
/// said" (either order, a determiner allowed after the comma).
fn apposition(kb: &Knowledge, tokens: &[Token], mentions: &mut [Mention]) {
    let country = |m: &Mention| m.code.as_deref().map(|c| kb.ontology.split_actor(c).country).unwrap_or_default();
    let countryless = |m: &Mention| m.kind == MentionKind::Agent && country(m).is_empty();
    let person = |m: &Mention| m.kind == MentionKind::Person && !country(m).is_empty();
    // Does `b` follow `a` after the word `link` (and an article)?
    let linked = |a: &Mention, b: &Mention, link: &str| {
        let mut k = a.tokens.1;
        if tokens.get(k).is_none_or(|t| t.lower != link) {
            return false;
        }
        k += 1;
        if tokens.get(k).is_some_and(|t| matches!(t.lower.as_str(), "the" | "a" | "an")) {
            k += 1;
        }
        // (Up to two plain adjectives after "of": "a top leader of the *main* opposition party".)
        if link == "of" {
            let mut adjectives = 0;
            while adjectives < 2
                && b.tokens.0 > k
                && tokens.get(k).is_some_and(|t| {
                    t.shape == Shape::Lower
                        && t.lower.chars().all(|c| c.is_alphabetic() || c == '-')
                        && !STOP.contains(&t.lower.as_str())
                })
            {
                k += 1;
                adjectives += 1;
            }
        }
        b.tokens.0 == k
    };
    let lend = |mentions: &mut [Mention], from: usize, to: usize, why: &str| {
        let (code, name) = (mentions[from].code.clone(), mentions[from].name.clone());
        let target = &mut mentions[to];
        target.code = code;
        target.entry = format!("{} ({why} {name})", target.entry);
    };
    // (Not a role after a preposition, which ends a phrase before the person: "Speaking to
    // *reporters*, Blinken urged".)
    let addressed = |a: &Mention| {
        a.tokens.0 > 0
            && matches!(
                tokens[a.tokens.0 - 1].lower.as_str(),
                "to" | "with" | "at" | "from" | "for" | "by" | "on" | "in"
            )
    };
    for i in 1..mentions.len() {
        let (a, b) = (&mentions[i - 1], &mentions[i]);
        if !linked(a, b, ",") {
            continue;
        }
        if person(a) && countryless(b) {
            lend(mentions, i - 1, i, "in apposition to");
        } else if countryless(a) && person(b) && !addressed(a) {
            lend(mentions, i, i - 1, "in apposition to");
        } else if countryless(a)
            && b.kind == MentionKind::Country
            && tokens.get(b.tokens.1).is_some_and(|t| matches!(t.lower.as_str(), "," | "of" | "for" | "over"))
        {
            // A role named before the country it stands for: "accused its former colonial
            // *ruler*, France, of genocide".
            lend(mentions, i, i - 1, "in apposition to");
        }
    }
    // A role noun with no country right after an organisation's name (or its acronym in
    // brackets) says what it is: "the New People's Army (NPA) *rebels*", "the ELN *guerrilla*";
    // so does one right before it: "the *paramilitary* Rapid Support Forces".
    let org = |m: &Mention| {
        !m.locative && m.kind == MentionKind::Organization && (!country(m).is_empty() || m.code.is_some())
    };
    // (A country the sentence's place lent it does not count: "the *paramilitary* Rapid Support
    // Forces signed ... in the Saudi port city of Jeddah".)
    let loose = |m: &Mention| countryless(m) || (m.kind == MentionKind::Agent && m.entry.ends_with("from context)"));
    for i in 1..mentions.len() {
        let (a, b) = (&mentions[i - 1], &mentions[i]);
        let after = b.tokens.0 == a.tokens.1
            || (b.tokens.0 == a.tokens.1 + 1 && matches!(tokens[a.tokens.1].lower.as_str(), ")" | "]"));
        if org(a) && loose(b) && b.code.is_some() && after {
            lend(mentions, i - 1, i, "describing");
        } else if loose(a) && a.code.is_some() && org(b) && b.tokens.0 == a.tokens.1 {
            lend(mentions, i, i - 1, "describing");
        }
    }
    // A role noun with no country "of" an actor is one of its people: "troops *of* the
    // Nigerian military", "a delegation *of* Hamas leaders", "the spokesman *of* the
    // Iranian foreign ministry", "the administration *of* President Donald Trump".
    for i in 1..mentions.len() {
        let (a, b) = (&mentions[i - 1], &mentions[i]);
        let actor = !b.locative
            && (!country(b).is_empty() || b.code.as_deref().is_some_and(|c| c.starts_with("IGO")))
            && matches!(
                b.kind,
                MentionKind::Composed | MentionKind::Organization | MentionKind::Agent | MentionKind::Person
            );
        if countryless(a) && a.code.is_some() && actor && linked(a, b, "of") {
            lend(mentions, i, i - 1, "one of");
        }
    }
}

/// Days and months (and "I"): capitalised words that name no one and no place.
fn is_calendar(l: &str) -> bool {
    crate::text::is_month_or_weekday(l) || l == "i"
}

/// A role with a country followed by a name no dictionary knows is that person: "summoned
/// [Russian ambassador Sergey Andreyev]", "[Opposition leader Kemal Tavukcu] was arrested".
/// The mention takes in the name (one to three capitalised words, not a day or a month), so
/// that the name is no uncoded person standing between the role and its verb.
fn name_after_title(tokens: &[Token], text: &str, mentions: &mut [Mention]) {
    let starts: Vec<usize> = mentions.iter().map(|m| m.tokens.0).collect();
    for m in mentions.iter_mut() {
        // (A role of two words or more, its last one lower case: not a capitalised title
        // alone, which may open a company's name: "*General* Acquisition".)
        let role = matches!(m.kind, MentionKind::Composed | MentionKind::Agent)
            && m.code.as_deref().is_some_and(|c| c.len() >= 6)
            && !m.locative
            && m.tokens.1 >= m.tokens.0 + 2
            && tokens[m.tokens.1 - 1].shape == Shape::Lower;
        if !role {
            continue;
        }
        let mut end = m.tokens.1;
        while end < tokens.len()
            && end - m.tokens.1 < 3
            && tokens[end].shape == Shape::Capitalized
            && !is_calendar(&tokens[end].lower)
            && !starts.contains(&end)
        {
            end += 1;
        }
        // A name is its own phrase: what follows is no more of it ("Sergey Andreyev *Ltd*").
        if end > m.tokens.1
            && tokens.get(end).is_none_or(|t| t.shape != Shape::Upper)
            && (end - m.tokens.1 >= 2 || tokens.get(end).is_none_or(|t| t.shape != Shape::Capitalized))
        {
            m.tokens.1 = end;
            m.bytes.1 = tokens[end - 1].end;
            m.text = text[m.bytes.0..m.bytes.1].to_string();
        }
    }
}

/// Is the noun at `k` counted: "12 people", "five innocent people", "hundreds of people",
/// "dozens more people"?
fn counted(tokens: &[Token], k: usize) -> bool {
    const NUMBERS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
        "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "dozen", "several",
    ];
    const MASS: &[&str] = &["dozens", "hundreds", "thousands", "millions", "scores", "tens"];
    let word = |i: usize| tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    let number = |i: usize| tokens.get(i).is_some_and(|t| t.shape == Shape::Number || NUMBERS.contains(&word(i)));
    if k == 0 {
        return false;
    }
    let mut j = k - 1;
    // One modifier may stand between: "five innocent people", "dozens more people".
    if !number(j) && word(j) != "of" && j > 0 && tokens[j].shape == Shape::Lower {
        j -= 1;
    }
    number(j) || (word(j) == "of" && j > 0 && MASS.contains(&word(j - 1)))
}

/// Words after which an actor is an object, not the owner of a later possessive pronoun.
const OBJECT_BEFORE: &[&str] = &[
    "in",
    "to",
    "with",
    "from",
    "for",
    "against",
    "on",
    "at",
    "by",
    "of",
    "than",
    "over",
    "about",
    "into",
    "under",
    "between",
    "among",
    "through",
    "toward",
    "towards",
    "allow",
    "allowed",
    "let",
    "urge",
    "urged",
    "ask",
    "asked",
    "tell",
    "told",
    "force",
    "forced",
    "help",
    "helped",
    "warn",
    "warned",
    "press",
    "pressed",
    "call",
    "called",
    "accuse",
    "accused",
    "criticize",
    "criticized",
    "criticise",
    "criticised",
    "blame",
    "blamed",
];

/// The actor a possessive pronoun at `k` (`its`, `their`, `his`, `her`) stands for: the
/// nearest actor named before it in the sentence that has a country and is not the object of
/// a preposition or verb ("the U.S. has said it will not allow Iran to ... and offered *its*
/// warships": the U.S.); for `his` and `her` a person or role.
fn owner_of<'m>(kb: &Knowledge, tokens: &[Token], mentions: &'m [Mention], k: usize) -> Option<&'m Mention> {
    let personal = match tokens.get(k)?.lower.as_str() {
        "its" | "their" => false,
        "his" | "her" => true,
        _ => return None,
    };
    let candidates: Vec<&Mention> = mentions
        .iter()
        .filter(|o| o.tokens.1 <= k && !o.locative)
        .filter(|o| o.code.as_deref().is_some_and(|c| !kb.ontology.split_actor(c).country.is_empty()))
        .filter(|o| !personal || matches!(o.kind, MentionKind::Person | MentionKind::Composed | MentionKind::Reference))
        .filter(|o| {
            // Not an object: after a preposition or a verb ("allow *Iran* to"), also as a
            // later member of a coordination ("the problems of Afghanistan and *Kampuchea*").
            let mut b = o.tokens.0;
            loop {
                while b > 0 && matches!(tokens[b - 1].lower.as_str(), "the" | "a" | "an") {
                    b -= 1;
                }
                let joined = b > 1 && matches!(tokens[b - 1].lower.as_str(), "and" | "or" | ",");
                match mentions.iter().find(|p| joined && p.tokens.1 == b - 1 && p.tokens.0 < b - 1) {
                    Some(p) => b = p.tokens.0,
                    None => break,
                }
            }
            let Some(before) = b.checked_sub(1).map(|b| tokens[b].lower.as_str()) else { return true };
            !OBJECT_BEFORE.contains(&before) && !kb.verbal_forms.contains(before)
        })
        .collect();
    candidates.last().copied()
}

/// "attacked two of *its* oil platforms": `its` and `their` before a noun that names no actor
/// stand for their owner (see [`owner_of`]), so that they can be an event's target. (Before an
/// agent noun the pronoun gives the agent its country instead: "its forces".)
fn add_possessives(kb: &Knowledge, tokens: &[Token], text: &str, out: &mut Vec<Mention>) {
    let mut found = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        if !matches!(t.lower.as_str(), "its" | "their") {
            continue;
        }
        let covered = |i: usize| out.iter().any(|m| m.tokens.0 <= i && i < m.tokens.1);
        if covered(k) || covered(k + 1) || tokens.get(k + 1).is_none_or(|n| n.shape == Shape::Punct) {
            continue;
        }
        let Some(owner) = owner_of(kb, tokens, out, k) else { continue };
        found.push(Mention {
            tokens: (k, k + 1),
            bytes: (t.start, t.end),
            text: text[t.start..t.end].to_string(),
            code: owner.code.clone(),
            kind: MentionKind::Reference,
            name: owner.name.clone(),
            locative: false,
            entry: format!("possessive: {}", owner.name),
        });
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|m| m.tokens);
    }
}

/// "*U.S.-Soviet* arms talks", "*Sino-Soviet* talks": a hyphenated pair of countries (names or
/// adjectives) is a group of both, one mention each over the same token.
fn add_hyphenated(kb: &Knowledge, tokens: &[Token], text: &str, date: Date, out: &mut Vec<Mention>) {
    // The country (or, with `regions`, region) a part of a hyphenated word names, and its name.
    let country_of_part = |start: usize, end: usize, part: &str, regions: bool| {
        let token = Token { start, end, lower: part.to_lowercase(), shape: crate::text::tokens::shape_of(part) };
        kb.lexicon.longest_at(std::slice::from_ref(&token), 0, date).iter().find_map(|e| {
            let ent = kb.entity(e.entity);
            (ent.kind == EntityKind::Country || regions && ent.kind == EntityKind::Region)
                .then(|| ent.code_on(date).map(|c| (c.to_string(), ent.name.clone())))
                .flatten()
        })
    };
    // The whole hyphenated word as a reference to the country of its first part ("*U.S.-led*",
    // "*Greek-flagged*").
    let whole = |k: usize, t: &Token, word: &str, code: String, name: String, entry: String| Mention {
        tokens: (k, k + 1),
        bytes: (t.start, t.end),
        text: word.to_string(),
        code: Some(code),
        kind: MentionKind::Reference,
        name,
        locative: false,
        entry,
    };
    let mut found = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let word = &text[t.start..t.end];
        // A modifier, before a lower-case noun ("arms talks", "war"); not a name
        // ("Saudi-French, the bank").
        let modifier = tokens.get(k + 1).is_some_and(|n| n.shape == Shape::Lower);
        if !word.contains('-') || !modifier || out.iter().any(|m| m.tokens.0 <= k && k < m.tokens.1) {
            continue;
        }
        let mut parts = Vec::new();
        let mut offset = t.start;
        for part in word.split('-') {
            parts.push((offset, offset + part.len(), part));
            offset += part.len() + 1;
        }
        if parts.len() != 2 || parts.iter().any(|p| p.2.is_empty()) {
            continue;
        }
        // "*Saudi*-led coalition jets", "*U.S.*-led forces": the leader acts.
        if parts[1].2.eq_ignore_ascii_case("led") {
            let (start, end, part) = parts[0];
            if let Some((code, name)) = country_of_part(start, end, part, false) {
                // Before a role noun, the noun is the leader's: "U.S.-led *forces*".
                if let Some(agent) = out.iter_mut().find(|m| m.tokens.0 == k + 1 && m.kind == MentionKind::Agent) {
                    let sector = agent.code.as_deref().map(|c| c[c.len().saturating_sub(3)..].to_string());
                    if let Some(sector) = sector {
                        agent.code = Some(format!("{code}{sector}"));
                        agent.entry = format!("{} (led by {name})", agent.entry);
                        continue;
                    }
                }
                let entry = format!("led by {name}");
                found.push(whole(k, t, word, code, name, entry));
            }
            continue;
        }
        // "a *British*-owned tanker", "*Russian*-held villages": what the word modifies is the
        // country's, a target of what is done to it.
        if matches!(
            parts[1].2.to_lowercase().as_str(),
            "owned" | "flagged" | "operated" | "registered" | "held" | "controlled" | "run"
        ) {
            let (start, end, part) = parts[0];
            if let Some((code, name)) = country_of_part(start, end, part, false) {
                let entry = format!("owned by {name}");
                found.push(whole(k, t, word, code, name, entry));
            }
            continue;
        }
        let mut pair = Vec::new();
        for &(start, end, part) in &parts {
            let Some((code, name)) = country_of_part(start, end, part, true) else { break };
            pair.push(Mention {
                tokens: (k, k + 1),
                bytes: (start, end),
                text: part.to_string(),
                code: Some(code),
                kind: MentionKind::Reference,
                name: name.clone(),
                locative: false,
                entry: format!("hyphenated: {name}"),
            });
        }
        if pair.len() == 2 && pair[0].code != pair[1].code {
            found.extend(pair);
        }
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|m| m.tokens);
    }
}

/// "arrived *here*", "demonstrated *here*": in a story with a dateline, `here` is a place of
/// the dateline's country.
fn add_here(tokens: &[Token], text: &str, context: Option<&str>, out: &mut Vec<Mention>) {
    let Some(country) = context else { return };
    let mut found = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        if &text[t.start..t.end] != "here" || out.iter().any(|m| m.tokens.0 <= k && k < m.tokens.1) {
            continue;
        }
        found.push(Mention {
            tokens: (k, k + 1),
            bytes: (t.start, t.end),
            text: "here".to_string(),
            code: Some(country.to_string()),
            kind: MentionKind::City,
            name: format!("here ({country}, the dateline)"),
            locative: true,
            entry: "here: the dateline's country".to_string(),
        });
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|m| m.tokens);
    }
}

/// A country or region in apposition to a place the sentence is in: "arrested twelve people
/// in Tamil Nadu, *India*", "shot in Kenosha, *Wisconsin*" (a place no dictionary names, up
/// to four capitalised words, between `in` and the comma).
fn in_apposition(tokens: &[Token], k: usize) -> bool {
    if k < 3 || tokens[k - 1].lower != "," {
        return false;
    }
    let mut j = k - 1;
    // (Not a date: "in *August*, Indonesia sent".)
    while j > 0 && k - 1 - j < 4 && tokens[j - 1].shape == Shape::Capitalized && !is_calendar(&tokens[j - 1].lower) {
        j -= 1;
    }
    j < k - 1 && j > 0 && LOCATIVE.contains(&tokens[j - 1].lower.as_str())
}

/// A news outlet named as such ("the BBC", "Al Jazeera"): its country is no setting.
pub(crate) fn is_outlet(m: &Mention) -> bool {
    m.kind == MentionKind::Organization && m.code.as_deref().is_some_and(|c| c.get(3..6) == Some("MED"))
}

/// Gives bare agents ("the army said", "rebels killed 18 soldiers") the country of the
/// sentence's one location ("in the southern Philippines"), else of the article's dateline,
/// as ICEWS-style coders do. An agent noun that modifies another noun ("military sources")
/// stays uncoded.
fn assign_context(
    kb: &Knowledge,
    tokens: &[Token],
    mentions: &mut [Mention],
    bare: &[(usize, String)],
    context: Option<&str>,
) {
    if bare.is_empty() {
        return;
    }
    let mut local: Vec<&str> = Vec::new();
    // Places named "in" the sentence, also inside a mention ("police *in Hong Kong*").
    let placed = |m: &Mention| {
        m.locative || m.kind == MentionKind::Composed && tokens[m.tokens.0..m.tokens.1].iter().any(|t| t.lower == "in")
    };
    for m in mentions.iter().filter(|m| placed(m)) {
        if let Some(c) = m.code.as_deref().filter(|c| c.len() >= 3)
            && !local.contains(&&c[..3])
        {
            local.push(&c[..3]);
        }
    }
    // With neither place nor dateline, a sentence whose actors are all of one country, named
    // before the agent, lends it to that country's institutions ("Obama faces pressure from
    // *Congress*").
    let mut countries: Vec<(String, usize)> = Vec::new();
    for m in mentions.iter().filter(|m| !m.locative && !is_outlet(m)) {
        if let Some(c) = m.code.as_deref().map(|c| kb.ontology.split_actor(c).country).filter(|c| !c.is_empty())
            && !countries.iter().any(|(k, _)| *k == c)
        {
            countries.push((c, m.tokens.1));
        }
    }
    // The one country of a sentence whose coded actors are all its people, rebels, parties
    // or persons (no state, no foreign government): see the forces' case below.
    let inner: Option<String> = {
        let inside = |m: &Mention| {
            m.kind == MentionKind::Person
                || m.code.as_deref().and_then(|c| c.get(3..6)).is_some_and(|s| {
                    matches!(
                        s,
                        "REB" | "INS" | "SEP" | "UAF" | "CVL" | "OPP" | "CRM" | "EDU" | "LAB" | "HRI" | "REL" | "ELI"
                    )
                })
        };
        let coded: Vec<&Mention> = mentions
            .iter()
            .filter(|m| {
                !m.locative && m.code.as_deref().is_some_and(|c| !kb.ontology.split_actor(c).country.is_empty())
            })
            .collect();
        match countries.as_slice() {
            [(one, _)] if !coded.is_empty() && coded.iter().all(|m| inside(m)) => Some(one.clone()),
            _ => None,
        }
    };
    // A dateline is often a regional hub's ("DAKAR — ... borders with *Mali* after mutinying
    // *soldiers* detained *President Keita*"): a sentence all of whose actors are of one other
    // country sets its bare agents there.
    // (The country must act in the sentence through its state or its politics, a leader or
    // an institution: a country only named as a market or a victim is no setting.)
    let political = |country: &str| {
        mentions.iter().filter(|m| !m.locative).any(|m| {
            m.code.as_deref().is_some_and(|c| {
                let parts = kb.ontology.split_actor(c);
                parts.country == country
                    && c.get(3..6).is_some_and(|s| matches!(s, "GOV" | "MIL" | "COP" | "OPP" | "REB" | "JUD" | "LEG"))
            })
        })
    };
    // A state's organ reporting at the end of the sentence ("..., *the Zimbabwean interior
    // ministry* said"), the sentence's one country, speaks of its own forces and people:
    // "*Security forces* detained four members of the opposition, the ... ministry said".
    let speaker: Option<String> = match countries.as_slice() {
        [(one, _)] => mentions
            .iter()
            .filter(|m| !m.locative)
            .find(|m| {
                let organ = m.code.as_deref().is_some_and(|c| {
                    kb.ontology.split_actor(c).country == *one
                        && c.get(3..6).is_some_and(|s| matches!(s, "GOV" | "MIL" | "COP" | "JUD" | "LEG" | "SPY"))
                });
                let reports = tokens.get(m.tokens.1).is_some_and(|t| {
                    matches!(
                        t.lower.as_str(),
                        "said"
                            | "says"
                            | "told"
                            | "reported"
                            | "announced"
                            | "stated"
                            | "added"
                            | "confirmed"
                            | "claimed"
                    )
                });
                let mut k = m.tokens.0;
                while k > 0 && DETERMINERS.contains(&tokens[k - 1].lower.as_str()) {
                    k -= 1;
                }
                let trailing = k > 0 && tokens[k - 1].lower == ",";
                let according = k >= 2 && tokens[k - 2].lower == "according" && tokens[k - 1].lower == "to";
                organ && ((reports && trailing) || according)
            })
            .map(|_| one.clone()),
        _ => None,
    };
    let elsewhere = match countries.as_slice() {
        [(one, _)] if context.is_some_and(|c| c != one) && political(one) => Some(one.clone()),
        _ => None,
    };
    // (Places of several countries, none the dateline's, one of them an actor's: that one.
    // "TEHRAN (Tasnim) - *Kenyan police* say 12 people have been killed in an attack in
    // *Mandera* county near the *Somalia* border".)
    let country = match local.as_slice() {
        [one] => Some(one.to_string()),
        many if !context.is_some_and(|c| many.contains(&c)) => {
            let acting: Vec<&str> = many.iter().copied().filter(|p| countries.iter().any(|(c, _)| c == p)).collect();
            match acting.as_slice() {
                [one] => Some(one.to_string()),
                _ => context.map(str::to_string),
            }
        }
        _ => context.map(str::to_string),
    };
    let unplaced = local.is_empty();
    // (Countries named only after the agent do not count: "President Reagan called on
    // *Congress* to approve aid for the Contra rebels".)
    // Places the sentence names, with their country: (country, first token).
    let places: Vec<(String, usize)> = mentions
        .iter()
        .filter(|m| matches!(m.kind, MentionKind::City | MentionKind::Region | MentionKind::Capital))
        .filter_map(|m| m.code.as_deref().filter(|c| c.len() >= 3).map(|c| (c[..3].to_string(), m.tokens.0)))
        .collect();
    let only = |start: usize| {
        let before: Vec<&String> = countries.iter().filter(|(_, end)| *end <= start).map(|(c, _)| c).collect();
        match before.as_slice() {
            [one] if country.is_none() => Some((*one).clone()),
            _ => None,
        }
    };
    // "Iran said *its* forces had captured ...", "Shultz and *his* aides": a bare agent after
    // a possessive pronoun belongs to the nearest actor before it in the sentence that has a
    // country (an actor of the sentence, not the dateline's or a place's country).
    let owners: Vec<Option<String>> = mentions
        .iter()
        .map(|m| {
            let (start, _) = m.tokens;
            if m.kind != MentionKind::Agent || m.code.is_some() || start == 0 {
                return None;
            }
            let owner = owner_of(kb, tokens, mentions, start - 1)?;
            let code = owner.code.as_deref()?;
            // "the rebel leader ... his forces": an armed group's forces are the group.
            let armed = ["REB", "INS", "UAF"].iter().any(|s| code[3..].contains(s));
            Some(if armed { code.to_string() } else { kb.ontology.split_actor(code).country })
        })
        .collect();
    for (m, owner) in mentions.iter_mut().zip(owners) {
        if m.kind != MentionKind::Agent || m.code.is_some() {
            continue;
        }
        let Some((_, agent)) = bare.iter().find(|(start, _)| *start == m.tokens.0) else { continue };
        // Officials and leaders in a story are often foreign ("allied leaders"): of the
        // government sector only the institution itself ("the government", "the cabinet")
        // takes the context's country; other sectors (army, police, rebels...) do.
        // A ministry, office or department and its people ("the Foreign Ministry said", "a
        // Defence Ministry spokesman") are, on a wire, the dateline's country's own.
        let institution = matches!(
            m.text.to_lowercase().as_str(),
            "government" | "cabinet" | "administration" | "regime" | "authorities" | "presidency" | "junta"
        ) || tokens[m.tokens.0..m.tokens.1]
            .iter()
            .any(|t| matches!(t.lower.as_str(), "ministry" | "ministries" | "office" | "department"));
        // A capitalised title before a name ("Finance Minister Wang Bingqian said") is the
        // title of an office of the place, as a wire story names its own country's officials.
        // The title may name its office after "of": "*Undersecretary* of State Michael
        // Armacost", "*Minister* of Finance Gustavo Petricioli" (the office and at least one
        // more capitalised word, the name).
        let capital = |n: &Token| n.shape == Shape::Capitalized && !STOP.contains(&n.lower.as_str());
        let after = match tokens.get(m.tokens.1) {
            Some(n) if n.lower == "of" => {
                let run = tokens[m.tokens.1 + 1..].iter().take_while(|n| capital(n)).count();
                (run >= 2).then_some(m.tokens.1 + 1)
            }
            _ => Some(m.tokens.1),
        };
        let titled = m.text.starts_with(|c: char| c.is_uppercase())
            && (m.tokens.0 > 0 || tokens.len() > 1)
            && after.and_then(|a| tokens.get(a)).is_some_and(capital);
        // (Only the country's own forces, police, courts and people: donors, banks and
        // companies are as often foreign: "aid donors have promised *Senegal*".)
        let domestic = !matches!(agent.as_str(), "BUS" | "DEV" | "MNC" | "NGO" | "IGO" | "AGR" | "MED");
        let country =
            if unplaced && domestic { elsewhere.as_deref().or(country.as_deref()) } else { country.as_deref() };
        let country = if (agent == "GOV" && !institution && !titled) || agent == "ELI" { None } else { country };
        let lent = only(m.tokens.0);
        // So is the society a state acts on, as one country's story names it: "Myanmar's
        // junta released political *prisoners*" (MMROPP), "Ethiopia freed *opposition leaders*".
        // (Not where a place of another country follows: the people are that place's,
        // "Israeli forces wounded seven *people* in the occupied West Bank" (PSECVL).)
        let society = matches!(agent.as_str(), "OPP" | "CVL" | "CRM" | "LAB" | "EDU" | "HRI");
        let place_after = places.iter().find(|(c, start)| *start >= m.tokens.1 && lent.as_ref().is_none_or(|l| l != c));
        let country = match place_after {
            Some((c, _)) if society && country.is_none() => Some(c.as_str()),
            _ => country,
        };
        let country = country.or(lent.as_deref().filter(|_| {
            institution
                || (society && place_after.is_none())
                || matches!(agent.as_str(), "LEG" | "JUD")
                || (agent == "GOV" && titled)
        }));
        // A state's forces acting on one country's own people, rebels or leaders, named before
        // or after them, are that country's: "the *military* detained State Counsellor Aung
        // San Suu Kyi", "*troops* killed 20 Boko Haram fighters" (not when a foreign state
        // stands in the sentence: "the junta ordered the *French ambassador* to leave").
        let country = country.or(inner.as_deref().filter(|_| matches!(agent.as_str(), "MIL" | "COP" | "SPY")));
        let country = country.or(speaker
            .as_deref()
            .filter(|_| matches!(agent.as_str(), "MIL" | "COP" | "SPY" | "JUD" | "LEG") || society || institution));
        let head = match tokens.get(m.tokens.1) {
            None => true,
            Some(n) => {
                let l = n.lower.as_str();
                n.shape != Shape::Lower
                    || STOP.contains(&l)
                    || kb.verbal_forms.contains(l)
                    // "The *rebels* say they have agreed": a verb of saying in the present.
                    || matches!(l, "say" | "says" | "claim" | "claims" | "insist" | "insists" | "deny" | "denies" | "warn" | "warns")
                    // A time or an auxiliary before the verb: "*Police* yesterday cracked down",
                    // "*troops* later withdrew", "*soldiers* could be deployed".
                    || matches!(
                        l,
                        "yesterday"
                            | "today"
                            | "tonight"
                            | "overnight"
                            | "earlier"
                            | "later"
                            | "again"
                            | "also"
                            | "then"
                            | "now"
                            | "still"
                            | "too"
                            | "themselves"
                            | "can"
                            | "could"
                            | "may"
                            | "might"
                            | "must"
                            | "should"
                            | "shall"
                            | "did"
                            | "do"
                            | "does"
                            // "left 12 *soldiers* dead", "held two *journalists* hostage"
                            | "dead"
                            | "alive"
                            | "missing"
                            | "hostage"
                            | "captive"
                    )
                    || l.ends_with("ed")
                    || l.ends_with("ing")
                    || IRREGULAR_PAST.contains(&l)
                    // An adverb before the verb: "*rioters* reportedly set fire".
                    || (l.ends_with("ly") && !matches!(l, "family" | "rally" | "supply" | "assembly" | "ally" | "monopoly"))
                    // A verb in the present opening the sentence, as headlines have it:
                    // "*Jihadists* kill 20 soldiers", "*Protesters* clash with police".
                    || (m.tokens.0 == 0
                        && ["s", "ed", "ing"].iter().any(|e| kb.verbal_forms.contains(format!("{l}{e}").as_str()))
                        && tokens.get(m.tokens.1 + 1).is_some_and(|a| {
                            a.shape == Shape::Number
                                || a.shape == Shape::Capitalized
                                || matches!(
                                    a.lower.as_str(),
                                    "the" | "a" | "an" | "with" | "on" | "against" | "in" | "at" | "into" | "their" | "its" | "his" | "her" | "two" | "three" | "dozens" | "hundreds" | "several"
                                )
                        }))
            }
        };
        if !head {
            continue;
        }
        if let Some(owner) = owner {
            m.code = Some(if owner.len() > 3 { owner.clone() } else { format!("{owner}{agent}") });
            m.entry = format!("{} (country {owner} from the possessive)", m.entry);
            continue;
        }
        // With no country known, the sector alone, as GDELT codes "police" (`COP`).
        match country {
            Some(country) => {
                m.code = Some(format!("{country}{agent}"));
                m.entry = format!("{} (country {country} from context)", m.entry);
            }
            // Peacekeepers named by no country are, in the news, the UN's.
            None if agent == "PKO" => {
                m.code = Some("IGOUNOPKO".to_string());
                m.entry = format!("{} (no country: the UN's)", m.entry);
            }
            None => {
                m.code = Some(agent.clone());
                m.entry = format!("{} (no country)", m.entry);
            }
        }
    }
}

/// "He" and "she" refer to the person named last, when that person was named in this or the
/// previous two sentences and no other person was named since that one's last mention in
/// that window (two recent people make the pronoun ambiguous: it stays unresolved).
fn add_pronouns(tokens: &[Token], text: &str, memory: &Memory, out: &mut Vec<Mention>) {
    let recent: Vec<&(String, String, usize)> =
        memory.people.iter().filter(|(_, _, s)| memory.sentence.saturating_sub(*s) <= 2).collect();
    // The person named last, when no one else was named in that sentence ("Biden claimed
    // ... . Trump encouraged schools to reopen. *He* threatened ...": Trump).
    let last = recent.iter().map(|(_, _, s)| *s).max();
    let recent: Vec<&(String, String, usize)> = recent.into_iter().filter(|(_, _, s)| Some(*s) == last).collect();
    // A person, or one person named by role: "Kuwait's foreign minister said *he* ...".
    // (A composed mention ending in a name is a person whatever the sector: "Russian
    // opposition leader Alexei *Navalny*".)
    let one_person = |m: &Mention| {
        m.kind == MentionKind::Person
            || m.kind == MentionKind::Composed
                && m.code.is_some()
                && (m.code.as_deref().is_some_and(|c| c.ends_with("GOV") || c.ends_with("MIL"))
                    || tokens[m.tokens.1 - 1].shape == Shape::Capitalized)
                && !tokens[m.tokens.1 - 1].lower.ends_with('s')
    };
    let in_sentence: Vec<Mention> = out.iter().filter(|m| one_person(m) && m.code.is_some()).cloned().collect();
    let mut found = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        // "*his* talks with Shevardnadze", "*his* two-day visit to Tokyo": before a meeting
        // or journey noun, the possessive stands for its owner, the one who meets or travels
        // (elsewhere "his" is the owner of a patient: "warned his successor").
        let journey = || {
            tokens[i + 1..tokens.len().min(i + 4)].iter().any(|n| {
                matches!(
                    n.lower.as_str(),
                    "talks"
                        | "meeting"
                        | "meetings"
                        | "visit"
                        | "visits"
                        | "trip"
                        | "tour"
                        | "mission"
                        | "consultations"
                )
            })
        };
        if !(matches!(t.lower.as_str(), "he" | "she") || t.lower == "his" && journey()) {
            continue;
        }
        // The first person named earlier in this sentence (its subject, usually: "Tokayev
        // thanked Putin ..., he said"); else the one person of the last sentence that named
        // people, within the last two.
        let before: Vec<&Mention> = in_sentence.iter().filter(|m| m.tokens.1 <= i).collect();
        let (code, name) = match (before.as_slice(), recent.as_slice()) {
            ([first, ..], _) => (first.code.clone().unwrap_or_default(), first.name.clone()),
            ([], [one]) => (one.0.clone(), one.1.clone()),
            _ => continue,
        };
        found.push(Mention {
            tokens: (i, i + 1),
            bytes: (t.start, t.end),
            text: text[t.start..t.end].to_string(),
            code: Some(code),
            kind: MentionKind::Reference,
            name: name.clone(),
            locative: false,
            entry: format!("pronoun: {name}"),
        });
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|m| m.tokens);
    }
}

/// `the two leaders`, `both presidents`, `the two countries`, `both sides`.
/// Nouns by which a story refers back to an armed group: "the group", "the militant
/// movement".
const GROUP_NOUNS: &[&str] = &["group", "movement", "organisation", "organization", "outfit", "faction", "militia"];

fn add_references(tokens: &[Token], text: &str, memory: &mut Memory, out: &mut Vec<Mention>) {
    let mut i = 0;
    let mut fed = 0; // mentions of this sentence already remembered, in token order
    out.sort_by_key(|m| m.tokens);
    while i + 1 < tokens.len() {
        let (start, noun_at) = match (tokens[i].lower.as_str(), tokens[i + 1].lower.as_str()) {
            ("the", "two") if i + 2 < tokens.len() => (i, i + 2),
            ("both", _) => (i, i + 1),
            ("the", _) => {
                // "the group", "the militant group": the armed group the story named last.
                let noun_at = if matches!(
                    tokens[i + 1].lower.as_str(),
                    "militant" | "armed" | "rebel" | "islamist" | "jihadist" | "terrorist" | "paramilitary"
                ) {
                    i + 2
                } else {
                    i + 1
                };
                if tokens.get(noun_at).is_some_and(|t| GROUP_NOUNS.contains(&t.lower.as_str())) {
                    let inside = |m: &Mention| m.tokens.0 <= noun_at && noun_at < m.tokens.1;
                    let named = out.iter().any(|m| {
                        inside(m) && !(m.kind == MentionKind::Agent && m.code.as_deref().is_none_or(|c| c.len() == 3))
                    });
                    remember_before(memory, out, &mut fed, i);
                    if !named && let Some((code, name)) = memory.last_armed_group() {
                        out.retain(|m| !inside(m));
                        out.push(reference(tokens, text, (i, noun_at + 1), code, name));
                        out.sort_by_key(|m| m.tokens);
                    }
                }
                i += 1;
                continue;
            }
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
        remember_before(memory, out, &mut fed, start);
        let found = memory.last_two(people);
        if found.len() == 2 {
            out.retain(|m| !inside(m));
            for (code, name) in found {
                out.push(reference(tokens, text, (start, noun_at + 1), code, name));
            }
        }
        i = noun_at + 1;
    }
}

/// Feeds the memory the sentence's mentions (in token order, from `fed` on) that end by
/// token `upto`, so that a reference there can name them.
fn remember_before(memory: &mut Memory, out: &[Mention], fed: &mut usize, upto: usize) {
    while *fed < out.len() && out[*fed].tokens.1 <= upto {
        memory.remember(&out[*fed]);
        *fed += 1;
    }
}

/// A reference mention over tokens `[span.0, span.1)` standing for an actor named earlier.
fn reference(tokens: &[Token], text: &str, span: (usize, usize), code: String, name: String) -> Mention {
    let bytes = (tokens[span.0].start, tokens[span.1 - 1].end);
    Mention {
        tokens: span,
        bytes,
        text: text[bytes.0..bytes.1].to_string(),
        code: Some(code),
        kind: MentionKind::Reference,
        name,
        locative: false,
        entry: "reference".into(),
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
            // An acronym in brackets after a name is the same actor again: "the Rapid Support
            // Forces (RSF) agreed" (the group spans it, so its verb stays next to it).
            let last = g.members.last().map(|&k| mentions[k].code.as_deref());
            if gap.len() == 1
                && gap[0].lower == "("
                && tokens.get(m.tokens.1).is_some_and(|t| t.lower == ")")
                && m.code.is_some()
                && last == Some(m.code.as_deref())
            {
                g.end = m.tokens.1 + 1;
                continue;
            }
            // So is a role noun that says what it is, next to it: "the RSF *paramilitary*", "the
            // *paramilitary* RSF".
            let described = |k: usize| mentions[k].entry.contains("(describing ");
            let last_index = g.members.last().copied();
            if (gap.is_empty() || (gap.len() == 1 && matches!(gap[0].lower.as_str(), ")" | "]")))
                && m.code.is_some()
                && last == Some(m.code.as_deref())
                && (described(i) || last_index.is_some_and(described))
            {
                g.end = m.tokens.1;
                continue;
            }
            // A person named in apposition to a role of the same country is that role: "his
            // Tajik counterpart, Saimumin Yatimov" (one actor, not a second member). Not a
            // person with a title of his own, an item of a list ("a U.S. Senate committee,
            // *Commerce Secretary* Malcolm Baldrige and ...").
            let prev = last_index.map(|k| &mentions[k]);
            // (Or an honorific between: "Ethiopian Prime Minister *Dr.* Abiy Ahmed".)
            let honorific = |l: &str| {
                matches!(
                    l,
                    "dr" | "dr." | "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "prof" | "prof." | "h.e." | "hh"
                )
            };
            if ((gap.len() == 1 && gap[0].lower == ",")
                || (!gap.is_empty() && gap.len() <= 2 && gap.iter().all(|t| honorific(&t.lower))))
                && m.kind == MentionKind::Person
                && m.text.split_whitespace().count() <= m.name.split_whitespace().count()
                && let Some(p) = prev.filter(|p| matches!(p.kind, MentionKind::Composed | MentionKind::Agent))
                && let (Some(a), Some(b)) = (p.code.as_deref(), m.code.as_deref())
                && a.len() >= 3
                && b.len() >= 3
                && a[..3] == b[..3]
            {
                g.members.pop();
                g.members.push(i);
                g.end = m.tokens.1;
                continue;
            }
            // A country's own actor after its possessive is that actor, the country no second
            // member: "the United States and *Yemen's Houthis*".
            if gap.len() == 1
                && matches!(gap[0].lower.as_str(), "'s" | "’s")
                && m.kind != MentionKind::Country
                && let Some(p) = prev.filter(|p| p.kind == MentionKind::Country && !p.locative)
                && let (Some(a), Some(b)) = (p.code.as_deref(), m.code.as_deref())
                && b.len() > 3
                && b.starts_with(a)
                && g.members.len() > 1
            {
                g.members.pop();
                g.members.push(i);
                g.end = m.tokens.1;
                continue;
            }
            let words: Vec<&str> = gap.iter().map(|t| t.lower.as_str()).collect();
            let mut words = words.as_slice();
            if let Some((last, rest)) = words.split_last()
                && (DETERMINERS.contains(last)
                    || matches!(*last, "mr" | "mrs" | "ms" | "dr" | "mr." | "mrs." | "ms." | "dr."))
            {
                words = rest;
            }
            // "Putin and *his* Turkish counterpart Erdogan": a possessive standing for the
            // first member.
            // (A possessive pronoun is no member: "the United States and *its* allies".)
            let possessive = matches!(m.text.to_lowercase().as_str(), "its" | "their" | "his" | "her");
            if !possessive
                && matches!(
                    words,
                    ["and"]
                        | [","]
                        | [",", "and"]
                        | ["as", "well", "as"]
                        | ["&"]
                        | ["and", "also"]
                        | ["and", "his" | "her" | "their" | "its"]
                        | [",", "and", "his" | "her" | "their" | "its"]
                )
            {
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
