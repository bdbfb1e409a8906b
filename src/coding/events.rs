//! Event triggers and roles: matches verb patterns around trigger words, then finds source
//! and target (explicit slots, else subject and object, with passives, relative clauses,
//! coordination and `between A and B`), drops negated events and self-dyads.

use super::actors::SentenceActors;
use crate::knowledge::verbs::GAP;
use crate::knowledge::{Elem, Knowledge, Pattern};
use crate::model::{Mention, MentionKind, Shape, Token};

/// How far the subject search looks back, and the object search ahead, in tokens.
const SUBJECT_WINDOW: usize = 30;
const OBJECT_WINDOW: usize = 14;

/// How far a `..` gap before a passive verb may reach back to the subject noun.
const PASSIVE_SUBJECT_GAP: usize = 14;

const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "'s", "'re", "get", "got", "gets"];

/// Words that may stand between a subject and its verb, or inside a verb group.
const AUXILIARIES: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "also",
    "to",
    "jointly",
    "reportedly",
    "officially",
    "formally",
    "finally",
    "already",
    "recently",
    "later",
    "then",
    "again",
    "now",
    "still",
    "just",
    "today",
    "yesterday",
    "'s",
    "'ve",
    "'ll",
    "'d",
    "'re",
];

const DETERMINERS: &[&str] =
    &["the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "such", "any", "no"];

/// Words after which a base or `-s` form is a verb.
const VERBAL_BEFORE: &[&str] = &[
    "to", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did", "n't",
    "not", "never", "he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "and", "or", "ca", "wo",
    "'ll", "'d", "cannot", "also", "jointly", "let", "help", "helped", "helps",
];

const PREPOSITIONS: &[&str] = &[
    "for", "to", "in", "on", "at", "of", "with", "from", "by", "over", "about", "against", "into", "onto", "under",
    "after", "before", "during", "between", "among", "through", "toward", "towards", "without", "within",
];

/// Governing verbs whose "to"-complement is asked of someone else.
const APPEALING: &[&str] = &[
    "urge",
    "urges",
    "urged",
    "urging",
    "ask",
    "asks",
    "asked",
    "asking",
    "call",
    "calls",
    "called",
    "appeal",
    "appeals",
    "appealed",
    "encourage",
    "encourages",
    "encouraged",
    "invite",
    "invites",
    "invited",
    "press",
    "pressed",
    "pressing",
    "push",
    "pushed",
    "order",
    "ordered",
    "orders",
    "demand",
    "demands",
    "demanded",
    "allow",
    "allowed",
    "permit",
    "permitted",
    "authorize",
    "authorized",
    "persuade",
    "persuaded",
    "told",
];

/// Governing verbs whose "to"-complement is intended, planned or promised.
const INTENDING: &[&str] = &[
    "want",
    "wants",
    "wanted",
    "wanting",
    "hope",
    "hopes",
    "hoped",
    "hoping",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "seek",
    "seeks",
    "sought",
    "seeking",
    "aim",
    "aims",
    "aimed",
    "try",
    "tries",
    "tried",
    "trying",
    "expect",
    "expects",
    "expected",
    "wish",
    "wishes",
    "wished",
    "offer",
    "offers",
    "offered",
    "pledge",
    "pledges",
    "pledged",
    "promise",
    "promises",
    "promised",
    "vow",
    "vows",
    "vowed",
    "propose",
    "proposes",
    "proposed",
    "agree",
    "agrees",
    "agreed",
    "prepare",
    "prepares",
    "prepared",
    "ready",
    "willing",
    "would",
    "like",
    "need",
    "needs",
    "scheduled",
    "due",
    "set",
    "likely",
    "eager",
    "keen",
    "determined",
    "decided",
    "decides",
    "decide",
    "committed",
    "undertook",
];

/// Governing words whose "to"-complement is scheduled: it will happen, nobody promises it.
const SCHEDULING: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "expect",
    "expects",
    "expected",
    "prepare",
    "prepares",
    "prepared",
    "preparing",
    "scheduled",
    "due",
    "set",
    "slated",
    "likely",
];

/// The codes of bare armed agents with no country ("troops", "warships", "police").
const ARMED: &[&str] = &["MIL", "COP", "PKO", "UAF", "SPY"];

/// Governing verbs whose "to"-complement is decided: the decision is the act.
const DECIDING: &[&str] = &["decide", "decides", "decided", "deciding", "decision"];

/// Governing verbs whose "to"-complement is refused.
const REFUSING: &[&str] = &[
    "refuse",
    "refuses",
    "refused",
    "refusing",
    "decline",
    "declines",
    "declined",
    "declining",
    "unwilling",
    "refusal",
];

/// Governing verbs whose "to"-complement is threatened.
const THREATENING: &[&str] = &["threaten", "threatens", "threatened", "threatening", "threat"];

/// Nouns for ideas and conduct: attacking them is criticism.
const ABSTRACT: &[&str] = &[
    "policy",
    "policies",
    "stance",
    "position",
    "positions",
    "decision",
    "decisions",
    "plan",
    "plans",
    "remarks",
    "comments",
    "statement",
    "statements",
    "proposal",
    "proposals",
    "record",
    "handling",
    "approach",
    "role",
    "behavior",
    "behaviour",
    "attitude",
    "leadership",
    "rhetoric",
    "claims",
    "claim",
    "budget",
    "strategy",
    "response",
    "reforms",
    "reform",
    "law",
    "laws",
    "bill",
    "ruling",
    "views",
    "view",
    "credibility",
    "conduct",
];

/// Verbs of saying: "X said it would ..." lets "it" take up X.
pub(crate) const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "announced",
    "announces",
    "stated",
    "states",
    "warned",
    "insisted",
    "claimed",
    "declared",
    "confirmed",
    "noted",
    "stressed",
    "argued",
    "believes",
    "believed",
    "thinks",
];

/// Things force is used on: a bare verb of force with one of them as its object is force
/// ("bombed military *vehicles*"), not "executed a plan" or "hit their targets".
const FORCE_OBJECTS: &[&str] = &[
    "positions",
    "position",
    "vehicles",
    "vehicle",
    "convoy",
    "convoys",
    "base",
    "bases",
    "checkpoint",
    "checkpoints",
    "outpost",
    "outposts",
    "barracks",
    "camp",
    "camps",
    "village",
    "villages",
    "houses",
    "homes",
    "hospital",
    "hospitals",
    "school",
    "schools",
    "mosque",
    "mosques",
    "church",
    "churches",
    "market",
    "markets",
    "bus",
    "buses",
    "ship",
    "ships",
    "tanker",
    "tankers",
    "vessel",
    "vessels",
    "warship",
    "warships",
    "patrol",
    "patrols",
    "depot",
    "depots",
    "airbase",
    "airport",
    "compound",
    "stronghold",
    "strongholds",
    "hideout",
    "hideouts",
    "bridge",
    "bridges",
    "trenches",
    "bunker",
    "bunkers",
    "fortifications",
    "garrison",
    "station",
    "stations",
    "refinery",
    "pipeline",
    "embassy",
    "consulate",
];

/// Words that end the clause an object is looked for in.
const CLAUSE_END: &[&str] = &[
    ".", ";", ":", "!", "?", "\"", ",", "that", "which", "who", "whom", "whose", "because", "after", "before", "when",
    "while", "if", "although", "though", "since", "until", "where", "whether", "and", "but", "or", "nor", "than", "is",
    "are", "was", "were", "has", "have", "had", "will", "would", "said", "says", "say", "--",
];

const NEGATIONS: &[&str] = &["not", "n't", "never", "no", "without", "neither", "nor", "cannot"];
const REFUSALS: &[&str] = &[
    "refused", "refuses", "refuse", "refusing", "declined", "declines", "decline", "failed", "fails", "fail",
    "rejected",
];

/// Words of violence: a clause that holds one speaks of an attack, not an accident.
const VIOLENCE: &[&str] = &[
    "attack",
    "attacks",
    "ambush",
    "bomb",
    "bombs",
    "bombing",
    "bombings",
    "blast",
    "explosion",
    "shelling",
    "airstrike",
    "airstrikes",
    "strike",
    "strikes",
    "raid",
    "raids",
    "clashes",
    "fighting",
    "gunfire",
    "gunmen",
    "militants",
    "insurgents",
    "rebels",
    "rocket",
    "rockets",
    "mortar",
    "suicide",
    "shooting",
    "massacre",
    "crossfire",
    "landmine",
    "grenade",
    "drone",
    "missile",
    "offensive",
    "assault",
    "firefight",
    "gunbattle",
    "bombed",
    "shelled",
    "attacked",
    "ambushed",
    "stabbed",
    "gunman",
    "explosives",
    "kidnapped",
    "abducted",
    "beheaded",
    "massacred",
    "assassinated",
    "tortured",
    "lynched",
    "hacked",
    "artillery",
    "missiles",
    "drones",
    "warplanes",
    "jets",
    "bombers",
    "airstrike",
    "gunshot",
    "gunshots",
    "sniper",
    "snipers",
    "clash",
    "skirmish",
    "skirmishes",
    "gunfight",
    "battle",
    "battles",
    "combat",
    "hostilities",
    "airstrikes",
];

/// A word of an amount: a number, a scale or a unit ("300 mln dlrs", "as much as 1.5
/// billion yen", "5,000 tonnes").
/// Capitalised words opening a sentence that are no one's name ("*Critics* accused Trump",
/// "*Some* also blamed the government").
const COMMON_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "all",
    "some",
    "many",
    "most",
    "both",
    "others",
    "other",
    "each",
    "several",
    "few",
    "critics",
    "analysts",
    "dealers",
    "traders",
    "experts",
    "speakers",
    "observers",
    "sources",
    "industry",
    "democrats",
    "republicans",
    "conservatives",
    "liberals",
    "socialists",
    "communists",
    "investors",
    "bankers",
    "economists",
    "businessmen",
    "farmers",
    "workers",
    "members",
    "participants",
    "delegates",
    "opponents",
    "supporters",
    "skeptics",
    "sceptics",
    "everyone",
    "nobody",
    "somebody",
    "someone",
    "people",
    "but",
    "and",
    "yet",
    "still",
    "also",
    "meanwhile",
];

/// Nouns that say what a named group is, standing after its name: "the ELN guerrilla
/// *group*", "the RSF *paramilitary force*".
const DESCRIPTORS: &[&str] = &[
    "group",
    "groups",
    "movement",
    "militia",
    "militias",
    "faction",
    "paramilitary",
    "paramilitaries",
    "guerrilla",
    "guerrillas",
    "guerilla",
    "rebel",
    "rebels",
    "militant",
    "militants",
    "insurgent",
    "insurgents",
    "armed",
    "force",
    "forces",
    "organisation",
    "organization",
    "coalition",
    "alliance",
    "bloc",
];

fn is_amount(t: &Token) -> bool {
    t.shape == Shape::Number
        || matches!(
            t.lower.as_str(),
            "mln"
                | "million"
                | "millions"
                | "bln"
                | "billion"
                | "billions"
                | "trillion"
                | "dlrs"
                | "dlr"
                | "dollars"
                | "dollar"
                | "yen"
                | "pct"
                | "percent"
                | "tonnes"
                | "tons"
                | "barrels"
                | "bpd"
                | "stg"
                | "marks"
                | "francs"
                | "euros"
                | "roubles"
                | "rubles"
                | "yuan"
                | "$"
                | "%"
        )
}

/// A quote mark, straight or curly.
fn is_quote(t: &Token) -> bool {
    matches!(t.lower.as_str(), "\"" | "\u{201c}" | "\u{201d}" | "``" | "''")
}

/// Punctuation a gap may not cross (quote marks and brackets aside: see `Matcher::forward`).
fn is_hard_punct(t: &Token) -> bool {
    matches!(t.lower.as_str(), "." | ";" | ":" | "!" | "?" | "\"" | "(" | ")" | "--" | "...")
}

/// A pattern matched at a trigger.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub pattern: u32,
    pub trigger: usize,
    /// Token range covered by the pattern's words.
    pub lo: usize,
    pub hi: usize,
    pub source: Option<usize>,
    pub target: Option<usize>,
    pub passive: bool,
}

/// A resolved event in a sentence, before export.
#[derive(Clone, Debug)]
pub struct Coded {
    pub pattern: u32,
    pub trigger: usize,
    /// Mention indexes. `source` is `None` for violence whose doer is not named ("three
    /// soldiers were killed in an ambush").
    pub source: Option<usize>,
    /// `None`: an act with no named target ("the Kremlin rejected the allegations").
    pub target: Option<usize>,
    pub code: String,
    pub roles: &'static str,
}

impl Coded {
    /// The event pattern `p` codes at candidate `c` between `source` and `target`.
    fn of(c: &Candidate, p: &Pattern, source: Option<usize>, target: Option<usize>, roles: &'static str) -> Coded {
        Coded { pattern: c.pattern, trigger: c.trigger, source, target, code: p.code.clone(), roles }
    }
}

#[derive(Clone, Copy, Default)]
struct Binds {
    source: Option<usize>,
    target: Option<usize>,
}

struct Matcher<'a> {
    tokens: &'a [Token],
    actors: &'a SentenceActors,
    /// Participle and gerund forms of event verbs: they start another clause.
    verbal: &'a crate::knowledge::fxhash::FxHashSet<String>,
    /// The actor-code ontology: which segment of a code is a country.
    ontology: &'a crate::knowledge::ontology::Ontology,
    /// Each token's number in the pattern vocabulary (`u32::MAX` when no pattern uses it).
    ids: Vec<u32>,
    /// The sentence's dependency parse, when it was parsed.
    tree: Option<Tree<'a>>,
    /// Whether each token is inside an actor group after its first word (such words do not
    /// count in a gap).
    inner: Vec<bool>,
}

/// Which tokens stand inside an actor group after its first word.
fn inner_tokens(n: usize, actors: &SentenceActors) -> Vec<bool> {
    let mut inner = vec![false; n];
    for g in &actors.groups {
        let coded = g.members.iter().any(|&k| actors.mentions[k].code.is_some());
        if coded {
            for flag in inner.iter_mut().take(g.end.min(n)).skip(g.start + 1) {
                *flag = true;
            }
        }
    }
    inner
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GroupKind {
    Actor,
    Place,
    Uncoded,
}

impl Matcher<'_> {
    fn word(&self, i: usize, ids: &[u32]) -> bool {
        self.ids.get(i).is_some_and(|id| ids.binary_search(id).is_ok())
    }

    /// The first token at or after `i` that is no quote mark.
    fn past_quotes(&self, mut i: usize) -> usize {
        while self.tokens.get(i).is_some_and(is_quote) {
            i += 1;
        }
        i
    }

    /// The end of the tokens before `i` once quote marks right before it are passed over.
    fn before_quotes(&self, mut i: usize) -> usize {
        while i > 0 && is_quote(&self.tokens[i - 1]) {
            i -= 1;
        }
        i
    }

    /// Matches `elems` forward from token `pos`; returns the end position.
    /// The position past a time phrase at `pos` ("today", "on Friday", "last week",
    /// "this morning"), or `pos` itself.
    fn past_time(&self, pos: usize) -> usize {
        let l = |k: usize| self.tokens.get(k).map_or("", |t| t.lower.as_str());
        match l(pos) {
            "today" | "yesterday" | "tonight" | "overnight" | "again" | "also" | "reportedly" | "later" | "earlier" => {
                pos + 1
            }
            "on" if matches!(
                l(pos + 1),
                "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
            ) =>
            {
                pos + 2
            }
            "last" | "this" | "early" | "late"
                if matches!(
                    l(pos + 1),
                    "night" | "week" | "month" | "morning" | "evening" | "afternoon" | "weekend"
                ) =>
            {
                pos + 2
            }
            _ => pos,
        }
    }

    fn forward(&self, elems: &[Elem], pos: usize, b: Binds) -> Option<(usize, Binds)> {
        let Some((e, rest)) = elems.split_first() else { return Some((pos, b)) };
        match e {
            Elem::Words { ids, .. } => {
                // Quote marks do not part a pattern's words: will "*respond* resolutely".
                let pos = self.past_quotes(pos);
                if self.word(pos, ids) {
                    return self.forward(rest, pos + 1, b);
                }
                // Nor does a time: "were killed *today* in an encounter with", "met *on
                // Friday* with".
                let after = self.past_time(pos);
                if after > pos && self.word(after, ids) { self.forward(rest, after + 1, b) } else { None }
            }
            Elem::Optional { ids, .. } => {
                let at = self.past_quotes(pos);
                if self.word(at, ids)
                    && let Some(r) = self.forward(rest, at + 1, b)
                {
                    return Some(r);
                }
                self.forward(rest, pos, b)
            }
            Elem::Gap => {
                // Words of an amount ("lifted *51 mln dlrs of* the sanctions") do not count
                // towards the gap's length.
                let mut cost = 0;
                let mut k = 0;
                loop {
                    if k > 0 {
                        // (Quote marks and brackets inside a clause do not end it, nor count:
                        // condemned the attack as a "heinous act", "donate $100 million (76
                        // million euros) in aid to"; nor do an actor's words after its first.)
                        let j = pos + k - 1;
                        let Some(t) = self
                            .tokens
                            .get(j)
                            .filter(|t| !is_hard_punct(t) || matches!(t.lower.as_str(), "\"" | "(" | ")"))
                        else {
                            break;
                        };
                        let inner = self.inner[j];
                        cost += usize::from(!is_amount(t) && !matches!(t.lower.as_str(), "\"" | "(" | ")") && !inner);
                        if cost > GAP {
                            break;
                        }
                    }
                    if let Some(r) = self.forward(rest, pos + k, b) {
                        return Some(r);
                    }
                    k += 1;
                }
                None
            }
            Elem::Source | Elem::Target => {
                // Right after the verb, a trailing slot is the verb's object (which may come
                // after adverbials: "received *at his residence* the President"); after a
                // preposition or noun it is that phrase's actor.
                let after_verb = pos > 0 && self.verbal.contains(self.tokens[pos - 1].lower.as_str());
                let g = match (rest.is_empty(), after_verb) {
                    (true, true) => self.group_at(pos).or_else(|| self.object(pos)),
                    (true, false) => self.group_at(pos).or_else(|| self.slot_object(pos)),
                    (false, _) => self.group_at(pos),
                }?;
                let mut b = b;
                if *e == Elem::Source {
                    b.source = Some(g);
                } else {
                    b.target = Some(g);
                }
                self.forward(rest, self.actors.groups[g].end, b)
            }
        }
    }

    /// Matches `elems` backward ending before token `pos` (the last element nearest `pos`);
    /// returns the start position.
    fn backward(&self, elems: &[Elem], pos: usize, b: Binds, gap: usize) -> Option<(usize, Binds)> {
        let Some((e, rest)) = elems.split_last() else { return Some((pos, b)) };
        match e {
            Elem::Words { ids, .. } => {
                let pos = self.before_quotes(pos);
                if pos > 0 && self.word(pos - 1, ids) { self.backward(rest, pos - 1, b, gap) } else { None }
            }
            Elem::Optional { ids, .. } => {
                let at = self.before_quotes(pos);
                if at > 0
                    && self.word(at - 1, ids)
                    && let Some(r) = self.backward(rest, at - 1, b, gap)
                {
                    return Some(r);
                }
                self.backward(rest, pos, b, gap)
            }
            Elem::Gap => {
                let mut cost = 0;
                for k in 0..=pos {
                    if k > 0 {
                        let t = &self.tokens[pos - k];
                        if is_hard_punct(t) && !is_quote(t) {
                            break;
                        }
                        cost += usize::from(!is_amount(t) && !is_quote(t));
                        if cost > gap {
                            break;
                        }
                    }
                    if let Some(r) = self.backward(rest, pos - k, b, gap) {
                        return Some(r);
                    }
                }
                None
            }
            Elem::Source | Elem::Target => {
                let ending = self.actors.group_ending(pos).filter(|&g| self.has_code(g));
                // A place "in" which the subject is, between it and its verb, is no doer:
                // "China's embassy *in Manila* said the Philippines was to blame".
                let placed = |g: usize| self.actors.groups[g].members.iter().all(|&k| self.actors.mentions[k].locative);
                let ending = match ending {
                    Some(g) if *e == Elem::Source && placed(g) => {
                        let s = self.actors.groups[g].start;
                        let inside = s >= 2 && matches!(self.tokens[s - 1].lower.as_str(), "in" | "at");
                        inside
                            .then(|| self.actors.group_ending(s - 1).filter(|&h| self.has_code(h) && !placed(h)))
                            .flatten()
                            .or(Some(g))
                    }
                    other => other,
                };
                let g = if rest.is_empty() { ending.or_else(|| self.subject(pos)) } else { ending }?;
                let mut b = b;
                if *e == Elem::Source {
                    b.source = Some(g);
                } else {
                    b.target = Some(g);
                }
                self.backward(rest, self.actors.groups[g].start, b, gap)
            }
        }
    }

    fn has_code(&self, g: usize) -> bool {
        self.has_code_group(&self.actors.groups[g])
    }

    /// The group that starts at `pos`, after determiners and possessive pronouns ("pressed
    /// *their* Japanese counterparts to", "met *his* Russian counterpart").
    fn group_at(&self, mut pos: usize) -> Option<usize> {
        // ... and numbers: "shelled by *four* American destroyers".
        while self.tokens.get(pos).is_some_and(|t| {
            t.shape == Shape::Number
                || matches!(
                    t.lower.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                        | "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "several"
                )
        }) {
            pos += 1;
        }
        self.actors.group_starting(pos).filter(|&g| self.has_code(g))
    }

    /// What a group is to role search: an actor, only places, or people or agents the
    /// dictionaries cannot code on this date.
    fn kind(&self, g: usize) -> GroupKind {
        let ms = &self.actors.groups[g].members;
        let mentions = &self.actors.mentions;
        // "earlier than Argentina": a comparison, not a participant.
        let start = self.actors.groups[g].start;
        let compared = start > 0 && self.tokens[start - 1].lower == "than"
            || start > 1 && self.tokens[start - 1].lower == "the" && self.tokens[start - 2].lower == "than";
        // A possessive pronoun ("its oil platforms") is passed over like a place: it is a
        // target only when nothing else is (see `resolve`).
        // So is a hyphenated pair ("the *Iranian-Iraqi* war"): a modifier, an actor only where
        // a pattern's slot names it ("*U.S.-Soviet* arms talks").
        let hyphenated = |m: usize| mentions[m].entry.starts_with("hyphenated:");
        if compared || ms.iter().all(|&m| mentions[m].locative || self.is_possessive_pronoun(m) || hyphenated(m)) {
            GroupKind::Place
        } else if ms.iter().any(|&m| mentions[m].code.is_some() && !mentions[m].locative) {
            GroupKind::Actor
        } else if ms.iter().any(|&m| self.blocks(&mentions[m])) {
            GroupKind::Uncoded
        } else {
            GroupKind::Place
        }
    }

    /// Whether an uncoded mention stands for an actor the coder cannot name, so that role
    /// search must stop at it: a person, or an agent with a determiner ("the president").
    /// A bare agent noun is often a modifier ("his *official* residence") and is passed over.
    fn blocks(&self, m: &crate::model::Mention) -> bool {
        match m.kind {
            MentionKind::Agent => {
                m.tokens.0 > 0
                    && matches!(self.tokens[m.tokens.0 - 1].lower.as_str(), "the" | "a" | "an" | "this" | "that")
            }
            _ => true,
        }
    }

    /// Whether a verb trigger's token is used as a verb. Inflected forms (`signed`,
    /// `signing`) are; the base and `-s` forms are also nouns ("boost *demand*", "corn
    /// *exports*"), so they need a verbal context: after `to`, a modal or auxiliary, a
    /// negation, a pronoun or an actor (the subject), or at the start of the sentence.
    fn verbal_context(&self, p: &Pattern, i: usize) -> bool {
        let Elem::Words { forms, .. } = &p.elems[p.trigger] else { return true };
        let lemma = &forms[0];
        let l = self.tokens[i].lower.as_str();
        if l != lemma && l != forms.get(1).map(String::as_str).unwrap_or("") {
            // A participle or gerund after a determiner (and an adjective) is an adjective or
            // a noun ("the promised aid", "the brutal slaying").
            let det = |k: usize| DETERMINERS.contains(&self.tokens[k].lower.as_str());
            // ("The police criticized": the word between is an actor, the subject.)
            // (A plural noun between is the subject: "its *allies* attacked".)
            let plural = |w: &str| w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us");
            let adjective_between = i >= 2
                && det(i - 2)
                && self.tokens[i - 1].shape == crate::model::Shape::Lower
                && !plural(&self.tokens[i - 1].lower)
                // ("Israeli forces *this morning* stormed": a time, not an adjective.)
                && !is_time_word(&self.tokens[i - 1].lower)
                && self.actors.group_ending(i).is_none();
            return !(i >= 1 && det(i - 1) || adjective_between);
        }
        let mut k = i;
        while k > 0
            && matches!(
                self.tokens[k - 1].lower.as_str(),
                "also"
                    | "now"
                    | "still"
                    | "again"
                    | "jointly"
                    | "not"
                    | "never"
                    | "further"
                    | "strongly"
                    | "firmly"
                    | "to"
            )
        {
            if self.tokens[k - 1].lower == "to" {
                return true;
            }
            k -= 1;
        }
        // Other adverbs and times between a subject and its verb: "Kigali *in turn* accuses",
        // "Iran *reportedly* seizes", "Moscow *on Monday* expels".
        while k > 0 {
            let l = self.tokens[k - 1].lower.as_str();
            let day = matches!(l, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday");
            let part_of_day = matches!(l, "morning" | "afternoon" | "evening" | "night" | "week" | "weekend");
            if k >= 2
                && ((l == "turn" && self.tokens[k - 2].lower == "in")
                    || (day && self.tokens[k - 2].lower == "on")
                    || (part_of_day && matches!(self.tokens[k - 2].lower.as_str(), "this" | "last" | "overnight")))
            {
                k -= 2;
            } else if is_quote(&self.tokens[k - 1])
                || (l.len() > 4
                    && l.ends_with("ly")
                    && !matches!(l, "family" | "assembly" | "supply" | "rally" | "italy" | "ally" | "monopoly"))
                || matches!(l, "today" | "yesterday")
            {
                k -= 1;
            } else {
                break;
            }
        }
        if k == 0 {
            return true;
        }
        let prev = self.tokens[k - 1].lower.as_str();
        // "was *hit*": a participle like its base form, after "be".
        let participle =
            matches!(&p.elems[p.trigger], Elem::Words { participles, .. } if participles.iter().any(|f| f == l));
        // ("*its* fight against": after a possessive pronoun, a noun.)
        if matches!(prev, "its" | "their" | "his" | "our" | "my" | "your") {
            return false;
        }
        // (Or after "have": "it had *hit* sites".)
        VERBAL_BEFORE.contains(&prev)
            || self.actors.group_ending(k).is_some()
            || participle && (BE.contains(&prev) || matches!(prev, "had" | "has" | "have" | "having"))
    }

    /// Whether a group ends right before `lo`, with at most auxiliaries and adverbs between
    /// ("Russia and China *are now* implementing").
    /// A relative clause set off by commas may stand between ("China and Israel*, which have
    /// no diplomatic relations,* discussed").
    fn adjacent_subject(&self, g: usize, lo: usize) -> bool {
        let mut end = self.actors.groups[g].end;
        if end + 2 < lo
            && self.tokens[end].lower == ","
            && self.describes(end + 1)
            && let Some(k) = (end + 2..lo).find(|&k| self.tokens[k].lower == ",")
        {
            end = k + 1;
        }
        // So may where the last member is: "Saudi Arabia and Houthi rebels *in Yemen* have
        // agreed".
        if end + 1 < lo
            && matches!(self.tokens[end].lower.as_str(), "in" | "from")
            && let Some(place) = self.actors.group_starting(end + 1)
            && self.actors.groups[place].members.iter().all(|&k| self.actors.mentions[k].locative)
        {
            end = self.actors.groups[place].end;
        }
        // So may what the last member is: "the Rapid Support Forces (RSF) *paramilitary
        // group* agreed", "the ELN guerrilla *group* have agreed" (words, or an agent with no
        // country of its own).
        while end < lo {
            let l = self.tokens[end].lower.as_str();
            if let Some(k) = self.actors.mentions.iter().position(|m| m.tokens.0 == end) {
                let mention = &self.actors.mentions[k];
                let code = mention.code.as_deref().unwrap_or_default();
                let same = self.actors.groups[g].members.iter().any(|&j| self.actors.mentions[j].code == mention.code);
                if (same || self.ontology.split_actor(code).country.is_empty()) && mention.kind != MentionKind::Person {
                    end = mention.tokens.1;
                    continue;
                }
                break;
            }
            if DESCRIPTORS.contains(&l) {
                end += 1;
            } else if matches!(l, "(" | "[")
                && let Some(k) =
                    (end + 1..lo.min(end + 6)).find(|&k| matches!(self.tokens[k].lower.as_str(), ")" | "]"))
            {
                // Its acronym in brackets: "the National Liberation Army *[ELN]*".
                end = k + 1;
            } else {
                break;
            }
        }
        self.light_gap(end, lo)
    }

    /// Whether only auxiliaries, modals of intent, adverbs, commas and times stand in
    /// `[from, to)`, as between a subject and its verb: "Putin and Erdogan *on Friday*
    /// agreed", "*have* agreed".
    fn light_gap(&self, from: usize, to: usize) -> bool {
        from <= to
            && self.tokens[from..to].iter().all(|t| {
                let l = t.lower.as_str();
                AUXILIARIES.contains(&l)
                    || INTENDING.contains(&l)
                    || REFUSING.contains(&l)
                    || THREATENING.contains(&l)
                    || l.ends_with("ly")
                    || l == ","
                    || is_time_word(l)
                    // "Israel and Hamas *each* released", "have *"*reached".
                    || matches!(l, "each" | "both" | "all")
                    || is_quote(t)
            })
    }

    /// The country whose warring sides are the subject before `lo`: "*Yemen*'s warring parties
    /// have agreed", "the rival factions in *Libya* agreed", "Sudan's warring sides"; a joint
    /// act of the country's two sides, which the dictionaries cannot name apart.
    fn warring_sides(&self, lo: usize) -> Option<usize> {
        const SIDES: &[&str] = &["sides", "parties", "factions", "camps"];
        const WARRING: &[&str] = &["warring", "rival", "feuding", "opposing", "belligerent", "conflicting"];
        let country = |g: usize| {
            let group = &self.actors.groups[g];
            (group.members.len() == 1).then(|| group.members[0]).filter(|&k| {
                let code = self.actors.mentions[k].code.as_deref().unwrap_or_default();
                code.len() == 3 && !self.ontology.split_actor(code).country.is_empty()
            })
        };
        // "The warring *Sudanese military* factions on Tuesday agreed": the country's adjective
        // (and its forces) between the two words.
        if let Some(n) = (lo.saturating_sub(12)..lo).rev().find(|&k| SIDES.contains(&self.tokens[k].lower.as_str()))
            && n >= 2
            && let Some(w) = (n.saturating_sub(4)..n - 1).find(|&k| WARRING.contains(&self.tokens[k].lower.as_str()))
            && let Some(g) = self.actors.group_starting(w + 1)
            && self.actors.groups[g].end == n
            && self.light_gap(n + 1, lo)
            && let Some(&k) = self.actors.groups[g].members.first()
        {
            let code = self.actors.mentions[k].code.as_deref().unwrap_or_default();
            let c = self.ontology.split_actor(code).country;
            if !c.is_empty() {
                // The country's own mention where the sentence names it, else the adjective's
                // (whose code carries the forces' sector too).
                return self.actors.mentions.iter().position(|m| m.code.as_deref() == Some(c.as_str())).or(Some(k));
            }
        }
        let n = (lo.saturating_sub(12)..lo).rev().find(|&k| {
            SIDES.contains(&self.tokens[k].lower.as_str())
                && k > 0
                && WARRING.contains(&self.tokens[k - 1].lower.as_str())
        })?;
        let adj = n - 1;
        // "Yemen's warring parties"
        if adj >= 2
            && matches!(self.tokens[adj - 1].lower.as_str(), "'s" | "’s")
            && let Some(g) = self.actors.group_ending(adj - 1)
            && self.light_gap(n + 1, lo)
        {
            return country(g);
        }
        // "the warring sides in Yemen('s seven-year conflict)"
        if matches!(self.tokens.get(n + 1).map(|t| t.lower.as_str()), Some("in" | "of"))
            && let Some(g) = self.actors.group_starting(n + 2).or_else(|| self.actors.group_starting(n + 3))
        {
            let end = self.actors.groups[g].end;
            let rest = (end..lo).find(|&k| AUXILIARIES.contains(&self.tokens[k].lower.as_str())).unwrap_or(lo);
            if rest - end <= 6 && !self.tokens[end..rest].iter().any(is_hard_punct) && self.light_gap(rest, lo) {
                return country(g);
            }
        }
        None
    }

    /// Whether a mention is the possessor of an abstract noun ("Japan's tight-fisted fiscal
    /// *policy*"): what is attacked then is an idea, not the country.
    fn possessed_is_abstract(&self, mention: usize) -> bool {
        let end = self.actors.mentions[mention].tokens.1;
        // "Japan's fiscal policy", or "its fiscal policy" (a possessive pronoun mention).
        let from = if self.is_possessive_pronoun(mention) {
            end
        } else if self.tokens.get(end).is_some_and(|t| t.lower == "'s") {
            end + 1
        } else {
            return false;
        };
        self.tokens[from..].iter().take(4).any(|t| ABSTRACT.contains(&t.lower.as_str()))
    }

    /// The last resort for a target: a possessive pronoun in the verb's clause that stands for
    /// someone other than the source ("U.S. forces attacked two of *its* oil platforms", said
    /// by Iran).
    fn possessive_object(&self, pos: usize, source: Option<usize>) -> Option<usize> {
        let country = |k: usize| self.actors.mentions[k].code.as_deref().map(|c| c.get(..3).unwrap_or(c));
        let sources: Vec<&str> = source
            .map(|g| self.actors.groups[g].members.iter().filter_map(|&k| country(k)).collect())
            .unwrap_or_default();
        let hi = (pos + OBJECT_WINDOW).min(self.tokens.len());
        for i in pos..hi {
            if CLAUSE_END.contains(&self.tokens[i].lower.as_str()) {
                return None;
            }
            let Some(g) = self.actors.group_starting(i) else { continue };
            let members = &self.actors.groups[g].members;
            if !members.iter().all(|&k| self.is_possessive_pronoun(k)) {
                continue;
            }
            if members.iter().all(|&k| country(k).is_some_and(|c| !sources.contains(&c))) {
                return Some(g);
            }
            // The source's own: "Iran said U.S. forces attacked two of *its* platforms" speaks
            // of the speaker's, when the speaker is another actor.
            return (0..self.actors.groups.len()).find(|&s| {
                let group = &self.actors.groups[s];
                group.end < i
                    && Some(s) != source
                    && self.kind(s) == GroupKind::Actor
                    && self.tokens.get(group.end).is_some_and(|t| SPEECH.contains(&t.lower.as_str()))
                    && group.members.iter().all(|&k| country(k).is_some_and(|c| !sources.contains(&c)))
            });
        }
        None
    }

    /// Whether every coded member of group `g` is the `source` group's own (a self-dyad:
    /// `PHL` and its `PHLGOV` ambassador).
    fn same_country(&self, g: usize, source: Option<usize>) -> bool {
        let Some(s) = source else { return false };
        let codes = |g: usize| -> Vec<&str> {
            self.actors.groups[g].members.iter().filter_map(|&k| self.actors.mentions[k].code.as_deref()).collect()
        };
        let sources = codes(s);
        let members = codes(g);
        !members.is_empty() && members.iter().all(|c| sources.iter().any(|s| is_self_dyad(s, c)))
    }

    /// A group that is one possessive pronoun ("its", "their") standing for its owner.
    fn is_possessive_group(&self, g: usize) -> bool {
        self.is_pronoun_group(g, &["its", "their"])
    }

    /// A group that is one pronoun mention, one of `words`.
    fn is_pronoun_group(&self, g: usize, words: &[&str]) -> bool {
        matches!(self.actors.groups[g].members.as_slice(), [m] if self.is_pronoun(*m, words))
    }

    /// A mention that is a possessive pronoun standing for its owner ("two of *its* oil
    /// platforms").
    fn is_possessive_pronoun(&self, mention: usize) -> bool {
        self.is_pronoun(mention, &["its", "their"])
    }

    fn is_pronoun(&self, mention: usize, words: &[&str]) -> bool {
        let m = &self.actors.mentions[mention];
        m.kind == MentionKind::Reference && words.contains(&m.text.to_lowercase().as_str())
    }

    /// The actor group holding the token at `k`, or holding one of its conjuncts.
    fn group_of_token(&self, k: usize) -> Option<usize> {
        let g = self.actors.groups.iter().position(|g| g.start <= k && k < g.end)?;
        (self.kind(g) == GroupKind::Actor).then_some(g)
    }

    /// Is actor group `g` the one a passive verb was done to: by the parse, the head of the
    /// verb's subject ("*Russian diplomats* were expelled", "*Japan*, which has been accused");
    /// without a parse, the group standing just before the verb's auxiliaries. Not a thing the
    /// actor only modifies ("a cargo of U.S. corn was rejected").
    fn passive_patient(&self, g: usize, trigger: usize) -> bool {
        let Some(tree) = self.tree.as_ref() else {
            let group = &self.actors.groups[g];
            return group.end <= trigger
                && self.tokens[group.end..trigger].iter().all(|t| {
                    matches!(
                        t.lower.as_str(),
                        "was" | "were" | "is" | "are" | "be" | "been" | "being" | "has" | "have" | "had" | "also"
                    )
                });
        };
        let mut verb = trigger;
        for _ in 0..2 {
            if verb >= tree.head.len() {
                return false;
            }
            if let Some(k) = tree.dependents(verb).find(|&k| matches!(tree.deprel[k], "nsubj:pass" | "nsubj")) {
                let k = if matches!(self.tokens[k].lower.as_str(), "who" | "which" | "that") {
                    match tree.head[verb].checked_sub(1) {
                        Some(noun) if tree.deprel[verb] == "acl:relcl" => noun,
                        _ => return false,
                    }
                } else {
                    k
                };
                // "*Hundreds* of people were arrested": a quantity heads its people.
                let quantity = matches!(
                    self.tokens[k].lower.as_str(),
                    "hundreds"
                        | "dozens"
                        | "thousands"
                        | "scores"
                        | "tens"
                        | "millions"
                        | "number"
                        | "some"
                        | "many"
                        | "several"
                        | "most"
                        | "all"
                        | "group"
                ) || self.tokens[k].shape == Shape::Number;
                // "Three *members* of Pakistan's ruling party were arrested": part of a group,
                // named after "of", is the group's.
                let part = matches!(
                    self.tokens[k].lower.as_str(),
                    "members"
                        | "member"
                        | "leaders"
                        | "leader"
                        | "head"
                        | "chief"
                        | "supporters"
                        | "followers"
                        | "officials"
                        | "official"
                        | "activists"
                        | "staff"
                        | "employees"
                        | "relatives"
                        | "officers"
                        | "soldiers"
                        | "crew"
                        | "figures"
                        | "lawmakers"
                        | "citizens"
                        | "nationals"
                ) && tree.dependents(k).any(|j| {
                    self.group_of_token(j) == Some(g)
                        && tree.dependents(j).any(|c| tree.deprel[c] == "case" && self.tokens[c].lower == "of")
                });
                return self.group_of_token(k) == Some(g)
                    || part
                    || quantity && tree.dependents(k).any(|j| self.group_of_token(j) == Some(g));
            }
            // "was arrested and *charged*": the first verb's subject.
            if tree.deprel[verb] != "conj" {
                return false;
            }
            let Some(up) = tree.head[verb].checked_sub(1) else { return false };
            verb = up;
        }
        false
    }

    /// Is actor group `g`, by the parse, the object of a verb other than `trigger` ("the ship
    /// had left *Kuwait* and would arrive", "attacked a *Kuwaiti* tanker and set it ablaze")?
    /// Such an actor is no subject the shallow search may take for the trigger when the parse
    /// names another. Not when the trigger is in that verb's complement ("urged *Iran* to
    /// stop"), in a clause on the object noun ("the *rebels*, who are fighting"), or the
    /// object noun itself ("discuss *U.S.* requests"); a possessor stays a candidate
    /// ("challenging *Canada*'s decision to impose").
    fn object_of_another_verb(&self, g: usize, trigger: usize) -> bool {
        let Some(tree) = self.tree.as_ref() else { return false };
        let n = tree.head.len();
        if trigger >= n {
            return false;
        }
        // The path from the trigger up to the root.
        let mut path = vec![trigger];
        while let Some(up) = tree.head[*path.last().unwrap_or(&trigger)].checked_sub(1) {
            if up >= n || path.len() > n {
                break;
            }
            path.push(up);
        }
        let group = &self.actors.groups[g];
        (group.start..group.end.min(n)).any(|k| {
            // Up from the word through its noun phrase to the phrase's head.
            let mut h = k;
            for _ in 0..4 {
                if h == trigger || !matches!(tree.deprel[h], "amod" | "compound" | "flat" | "det" | "nummod") {
                    break;
                }
                match tree.head[h].checked_sub(1) {
                    Some(up) if up < n => h = up,
                    _ => return false,
                }
            }
            if h == trigger || !matches!(tree.deprel[h], "obj" | "iobj") {
                return false;
            }
            let Some(verb) = tree.head[h].checked_sub(1) else { return false };
            if verb == trigger || path.contains(&h) {
                return false;
            }
            // The trigger in the verb's complement: some word on the way up hangs as one.
            match path.iter().position(|&w| w == verb) {
                Some(at) => !path[..at].iter().any(|&w| matches!(tree.deprel[w], "xcomp" | "ccomp")),
                None => true,
            }
        })
    }

    /// The trigger's subject or object in the parse, when that is an actor. A verb without a
    /// subject of its own (an infinitive, a participle, a conjoined verb: "Putin said,
    /// *inviting* Tokayev") takes its governing verb's subject; a relative clause's "who"
    /// stands for the noun the clause modifies.
    fn tree_role(&self, trigger: usize, role: Role) -> Option<usize> {
        let tree = self.tree.as_ref()?;
        let n = tree.head.len();
        if trigger >= n {
            return None;
        }
        let wanted = |rel: &str| match role {
            Role::Subject => rel == "nsubj",
            Role::Object => rel == "obj" || rel == "iobj",
        };
        let mut verb = trigger;
        for _ in 0..3 {
            // Of two subjects the parse splits ("the United States and its *allies*"), the
            // one that is an actor.
            let dep = tree
                .dependents(verb)
                .find(|&k| wanted(tree.deprel[k]) && self.group_of_token(k).is_some())
                .or_else(|| tree.dependents(verb).find(|&k| wanted(tree.deprel[k])));
            if let Some(k) = dep {
                if matches!(self.tokens[k].lower.as_str(), "who" | "which" | "that") {
                    let noun = tree.head[verb].checked_sub(1)?;
                    return self.group_of_token(noun);
                }
                // A subject the parse finds inside a phrase set off by commas just before the
                // verb is that phrase's, not the verb's: "The Philippines*, backed by the
                // United States,* criticised China", "Turkey*, a NATO member,* condemned".
                if role == Role::Subject
                    && let Some(g) = self.before_parenthetical(k, verb)
                {
                    return Some(g);
                }
                // A person no dictionary names, in apposition to an actor: "expel Sergei
                // Trepelkov, *Russia's second-ranking diplomat*".
                // A name no dictionary knows after its title: "Foreign Ministry *spokesman*
                // Wang Wenbin told reporters".
                // (A name: the head is capitalised and the title a role or a person, not a
                // place: "*U.S.* exchanges have complained" is no one's title.)
                let name = self.tokens[k].shape == Shape::Capitalized;
                let titled = |g: usize| {
                    self.actors.groups[g].members.iter().all(|&x| {
                        matches!(
                            self.actors.mentions[x].kind,
                            MentionKind::Agent | MentionKind::Composed | MentionKind::Person
                        )
                    })
                };
                return self.group_of_token(k).or_else(|| {
                    tree.dependents(k)
                        .filter(|&j| {
                            name && j < k && matches!(tree.deprel[j], "compound" | "flat")
                                || role == Role::Object && tree.deprel[j] == "appos"
                        })
                        .find_map(|j| self.group_of_token(j))
                        .filter(|&g| titled(g))
                });
            }
            // Objects are the verb's own; subjects may be inherited.
            if role == Role::Object || !matches!(tree.deprel[verb], "xcomp" | "advcl" | "conj" | "acl") {
                return None;
            }
            let up = tree.head[verb].checked_sub(1)?;
            // "praised *Reagan* for retaliating", "blamed Iran for attacking": a gerund after
            // `for` has the governing verb's object as its subject.
            if verb > 0 && self.tokens[verb - 1].lower == "for" && self.tokens[verb].lower.ends_with("ing") {
                let object = tree.dependents(up).find(|&k| tree.deprel[k] == "obj");
                if let Some(g) = object.and_then(|k| self.group_of_token(k)) {
                    return Some(g);
                }
            }
            if tree.deprel[verb] == "acl" {
                return None;
            }
            verb = up;
        }
        None
    }

    /// Whether the token at `k`, after a comma, opens a phrase that describes the noun before
    /// the comma: a relative pronoun, an apposition ("*a* NATO member"), a participle
    /// ("*backed* by the United States", "*considered* arch-enemies").
    fn describes(&self, k: usize) -> bool {
        let Some(t) = self.tokens.get(k) else { return false };
        let l = t.lower.as_str();
        matches!(l, "a" | "an" | "the" | "which" | "who" | "whose" | "along" | "together" | "like")
            || (l.ends_with("ed") && t.shape == Shape::Lower)
            // (Or any phrase in lower case that is no clause of speech: "Macri and Temer,
            // *ideological* allies in countries ..., agreed"; "China, *in* a statement,
            // condemned".)
            || (t.shape == Shape::Lower && !SPEECH.contains(&l) && !matches!(l, "and" | "or" | "but" | "while"))
    }

    /// The actor group standing before a phrase set off by commas that holds token `k` and
    /// ends right before `verb` (adverbs and auxiliaries aside).
    fn before_parenthetical(&self, k: usize, verb: usize) -> Option<usize> {
        if verb <= k {
            return None;
        }
        let right = (k + 1..verb).find(|&j| self.tokens[j].lower == ",")?;
        let tail_ok = self.tokens[right + 1..verb].iter().all(|t| {
            let l = t.lower.as_str();
            BE.contains(&l) || matches!(l, "has" | "have" | "had" | "also" | "now" | "then") || l.ends_with("ly")
        });
        let left = (0..k).rev().find(|&j| self.tokens[j].lower == ",")?;
        if !tail_ok || self.tokens[left + 1..right].iter().any(|t| t.lower == ",") {
            return None;
        }
        let g = self.actors.group_ending(left)?;
        (self.kind(g) == GroupKind::Actor && self.has_code(g) && self.group_of_token(k) != Some(g)).then_some(g)
    }

    /// Whether the subject of the verb at `trigger` is a weapon or an attack, not a doer ("a
    /// roadside *bomb* killed", "an *explosion* killed"): by the parse, or with none, a word
    /// of violence among the few words before the verb and no actor there.
    fn weapon_subject(&self, trigger: usize) -> bool {
        const WEAPONS: &[&str] = &[
            "bomb",
            "bombs",
            "blast",
            "blasts",
            "explosion",
            "explosions",
            "bombing",
            "bombings",
            "attack",
            "attacks",
            "airstrike",
            "airstrikes",
            "strike",
            "strikes",
            "shell",
            "shells",
            "shelling",
            "rocket",
            "rockets",
            "missile",
            "missiles",
            "drone",
            "drones",
            "mortar",
            "mortars",
            "grenade",
            "landmine",
            "mine",
            "ied",
            "device",
            "gunfire",
            "ambush",
            "raid",
            "raids",
            "bomber",
            "bombers",
            "barrage",
            "bombardment",
        ];
        if let Some(tree) = self.tree.as_ref() {
            return trigger < tree.head.len()
                && tree.dependents(trigger).find(|&k| tree.deprel[k] == "nsubj").is_some_and(|k| {
                    WEAPONS.contains(&self.tokens[k].lower.as_str()) && self.group_of_token(k).is_none()
                });
        }
        let lo = trigger.saturating_sub(4);
        (lo..trigger).any(|k| WEAPONS.contains(&self.tokens[k].lower.as_str()))
            && (lo..trigger).all(|k| self.group_of_token(k).is_none() && !is_hard_punct(&self.tokens[k]))
    }

    /// The actor the parse makes the passive verb's subject (`nsubj:pass`), through a
    /// coordination ("was arrested and *charged*"): "*Four leaders* of a pro-democracy group
    /// have been arrested", where the shallow search stops at "group".
    fn tree_passive_subject(&self, trigger: usize) -> Option<usize> {
        let k = self.clause_dependent(trigger, "nsubj:pass", &["conj"], 2)?;
        self.group_of_token(k).filter(|&g| self.kind(g) == GroupKind::Actor && self.has_code(g))
    }

    /// The first dependent with relation `rel` of the verb at `trigger` or, where that verb
    /// has none, of the clause it hangs on by one of the relations `through` (at most `steps`
    /// verbs in all): the walk up the parse that finds a participle's or an infinitive's
    /// subject in its governing clause.
    fn clause_dependent(&self, trigger: usize, rel: &str, through: &[&str], steps: usize) -> Option<usize> {
        let tree = self.tree.as_ref()?;
        let mut verb = trigger;
        for _ in 0..steps {
            if verb >= tree.head.len() {
                return None;
            }
            if let Some(k) = tree.dependents(verb).find(|&k| tree.deprel[k] == rel) {
                return Some(k);
            }
            if !through.contains(&tree.deprel[verb]) {
                return None;
            }
            verb = tree.head[verb].checked_sub(1)?;
        }
        None
    }

    /// A subject pronoun ends the subject search, unless it takes up the subject of a
    /// speech verb just before it ("Russia said *it* would sign" → Russia).
    /// What the parse says of the trigger verb's subject: `None` when it names none (the
    /// shallow search may look), `Some(None)` when it is something that is no actor ("*it*
    /// has killed three people", "*the virus* killed"), else its actor group. An actor
    /// inside the subject phrase stands for it ("a *delegation from Kazakhstan* visited").
    fn tree_subject(&self, trigger: usize) -> Option<Option<usize>> {
        if let Some(g) = self.tree_role(trigger, Role::Subject) {
            return Some(Some(g));
        }
        let tree = self.tree.as_ref()?;
        let k = self.clause_dependent(trigger, "nsubj", &["xcomp", "advcl", "conj"], 3)?;
        if matches!(self.tokens[k].lower.as_str(), "who" | "which" | "that") {
            return None;
        }
        if let Some(found) = self.pronoun_antecedent(k) {
            return Some(found);
        }
        // Modifiers of the subject noun, and theirs: "delegation from *Kazakhstan*",
        // "a report released in the *Rwandan* capital".
        // (A compound too, "*coalition* jets", but not a market's: "U.K. wheat
        // *futures* rallied".)
        let market = matches!(
            self.tokens[k].lower.as_str(),
            "futures"
                | "prices"
                | "shares"
                | "stocks"
                | "bonds"
                | "markets"
                | "market"
                | "currency"
                | "yields"
                | "rates"
                | "index"
                | "exports"
                | "imports"
                | "output"
                | "production"
                | "sales"
                | "earnings"
                | "exchanges"
        );
        let children = |h: usize| -> Vec<usize> {
            tree.dependents(h)
                .filter(|&j| {
                    matches!(tree.deprel[j], "nmod" | "nmod:poss" | "amod" | "appos" | "flat" | "acl" | "obl")
                        || tree.deprel[j] == "compound" && !market
                })
                .collect()
        };
        let mut inner = children(k);
        let mut level = inner.clone();
        for _ in 0..2 {
            level = level.into_iter().flat_map(children).collect();
            inner.extend(&level);
        }
        let actor = inner
            .into_iter()
            .filter_map(|j| self.group_of_token(j))
            .find(|&g| self.kind(g) == GroupKind::Actor)
            // "Iraq said *its* jets struck": the owner of the subject noun.
            .or_else(|| {
                tree.dependents(k)
                    .filter(|&j| tree.deprel[j] == "nmod:poss")
                    .filter_map(|j| self.group_of_token(j))
                    .find(|&g| self.is_possessive_group(g))
            });
        (actor.is_some() || self.group_of_token(k).is_none()).then_some(actor)
    }

    /// Does the parse give the verb an object that is a named actor, coded or not ("attacked
    /// *Biden*" where Biden holds no office on the date), a proper name dyad does not know,
    /// or a personal pronoun?
    fn tree_has_named_object(&self, trigger: usize) -> bool {
        let Some(tree) = self.tree.as_ref() else { return false };
        tree.dependents(trigger).any(|k| {
            matches!(tree.deprel[k], "obj" | "iobj")
                // (Bare forces with no country are no one named: "sent *troops*".)
                && (self.actors.mentions.iter().any(|x| {
                    x.tokens.0 <= k
                        && k < x.tokens.1
                        && !(x.kind == MentionKind::Agent && x.code.as_deref().is_none_or(|c| ARMED.contains(&c)))
                }) || matches!(self.tokens[k].lower.as_str(), "him" | "her" | "them" | "us" | "me" | "you")
                    || matches!(self.tokens[k].shape, crate::model::Shape::Capitalized | crate::model::Shape::Upper))
        })
    }

    /// Does the parse make the verb active: an active subject (`nsubj`), or a direct object
    /// (a participle read as a reduced relative, "troops *entered* west Beirut", is no
    /// passive when it has one)?
    fn tree_active_subject(&self, trigger: usize) -> bool {
        self.tree
            .as_ref()
            .is_some_and(|tree| tree.dependents(trigger).any(|k| matches!(tree.deprel[k], "nsubj" | "obj")))
    }

    /// Is the verb's object, by the parse, a plural or personal pronoun left unresolved
    /// ("said it would arrest *them*"): someone the story named, perhaps a foreign actor.
    fn tree_object_is_pronoun(&self, trigger: usize) -> bool {
        let Some(tree) = self.tree.as_ref() else { return false };
        tree.dependents(trigger).any(|k| {
            matches!(tree.deprel[k], "obj" | "iobj")
                && matches!(self.tokens[k].lower.as_str(), "them" | "us" | "me" | "you")
        })
    }

    /// Is the verb's object, by the parse, a personal pronoun ("attacked *them*", "shot
    /// *him*")?
    fn tree_object_is_person_pronoun(&self, trigger: usize) -> bool {
        let Some(tree) = self.tree.as_ref() else { return false };
        tree.dependents(trigger).any(|k| {
            matches!(tree.deprel[k], "obj" | "iobj")
                && matches!(self.tokens[k].lower.as_str(), "them" | "him" | "her" | "us")
        })
    }

    /// Is the verb, by the parse, a participle modifying a noun ("a panel *charged* with
    /// recovering the wealth"): a passive whose noun is the patient.
    fn tree_is_reduced_relative(&self, trigger: usize) -> bool {
        self.tree.as_ref().is_some_and(|tree| tree.deprel.get(trigger).is_some_and(|d| *d == "acl"))
    }

    /// Is the verb (or the verb it is coordinated with) passive ("was shot and *killed*")?
    fn tree_is_passive(&self, trigger: usize) -> bool {
        let Some(tree) = self.tree.as_ref() else { return false };
        let n = tree.head.len();
        let passive = |v: usize| {
            tree.dependents(v).any(|k| matches!(tree.deprel[k], "aux:pass" | "nsubj:pass"))
                || (v > 0
                    && matches!(self.tokens[v - 1].lower.as_str(), "was" | "were" | "been" | "being" | "is" | "are"))
        };
        if trigger >= n {
            return false;
        }
        passive(trigger)
            || (tree.deprel[trigger] == "conj" && tree.head[trigger] > 0 && passive(tree.head[trigger] - 1))
    }

    /// Does the clause around the trigger speak of violence ("killed in an *ambush*", "by
    /// *gunmen*") and not of an accident or a disaster ("killed in a *crash*")?
    fn violent_clause(&self, trigger: usize) -> bool {
        const ACCIDENT: &[&str] = &[
            "crash",
            "crashed",
            "accident",
            "collision",
            "fire",
            "blaze",
            "earthquake",
            "flood",
            "floods",
            "storm",
            "hurricane",
            "landslide",
            "avalanche",
            "derailment",
            "collapse",
            "collapsed",
            "virus",
            "outbreak",
            "disease",
            "heatwave",
            "stampede",
            "capsized",
            "sank",
        ];
        let is_stop = |t: &Token| matches!(t.lower.as_str(), "." | ";" | "!" | "?");
        let mut lo = trigger;
        while lo > 0 && !is_stop(&self.tokens[lo - 1]) && trigger - lo < 15 {
            lo -= 1;
        }
        let mut hi = trigger + 1;
        while hi < self.tokens.len() && !is_stop(&self.tokens[hi]) && hi - trigger < 15 {
            hi += 1;
        }
        let words = || self.tokens[lo..hi].iter().map(|t| t.lower.as_str());
        words().any(|w| VIOLENCE.contains(&w)) && !words().any(|w| ACCIDENT.contains(&w))
    }

    /// Whether "they" right before `lo` (past auxiliaries and adverbs) stands for group `g`:
    /// "Colombia and the ELN said that *they* had reached an agreement".
    fn they_stand_for(&self, g: usize, lo: usize) -> bool {
        let mut k = lo;
        while k > 0 && {
            let l = self.tokens[k - 1].lower.as_str();
            AUXILIARIES.contains(&l) || (l.len() > 4 && l.ends_with("ly"))
        } {
            k -= 1;
        }
        k > 0 && self.tokens[k - 1].lower == "they" && self.pronoun_antecedent(k - 1) == Some(Some(g))
    }

    /// The owner of a passive's subject noun: "*Ukraine*'s capital was hit by Russian drones",
    /// "*Israel*'s embassy in Amman was attacked" (a place or thing of the owner's, named before
    /// the verb: one to three lower-case words after `'s`).
    fn possessor_before(&self, lo: usize) -> Option<usize> {
        let mut k = lo;
        while k > 0 && {
            let l = self.tokens[k - 1].lower.as_str();
            AUXILIARIES.contains(&l) || (l.len() > 4 && l.ends_with("ly")) || is_time_word(l)
        } {
            k -= 1;
        }
        let mut j = k;
        while j > 0 && k - j < 3 && self.tokens[j - 1].shape == Shape::Lower && self.tokens[j - 1].lower != "'s" {
            j -= 1;
        }
        if j == k || j < 2 || !matches!(self.tokens[j - 1].lower.as_str(), "'s" | "’s") {
            return None;
        }
        self.actors.group_ending(j - 1).filter(|&g| self.kind(g) == GroupKind::Actor)
    }

    /// Whether the parse's subject of the verb at `trigger` (or of the verb it hangs on, for
    /// "..., *killing* two people") is a disaster or an accident (not a blast or fire, which
    /// are as often bombs and gunfire).
    fn accident_subject(&self, trigger: usize) -> bool {
        let Some(tree) = self.tree.as_ref() else { return false };
        let mut verb = trigger;
        for _ in 0..2 {
            if verb >= tree.head.len() {
                return false;
            }
            if let Some(k) = tree.dependents(verb).find(|&k| matches!(tree.deprel[k], "nsubj" | "nsubj:pass")) {
                return matches!(
                    self.tokens[k].lower.as_str(),
                    "blaze"
                        | "quake"
                        | "earthquake"
                        | "accident"
                        | "crash"
                        | "collision"
                        | "storm"
                        | "hurricane"
                        | "typhoon"
                        | "cyclone"
                        | "flood"
                        | "floods"
                        | "flooding"
                        | "landslide"
                        | "avalanche"
                        | "tornado"
                        | "eruption"
                        | "tsunami"
                        | "heatwave"
                        | "outbreak"
                        | "epidemic"
                        | "virus"
                        | "disease"
                        | "derailment"
                        | "stampede"
                        | "collapse"
                        | "lightning"
                );
            }
            if !matches!(tree.deprel[verb], "advcl" | "conj" | "xcomp") {
                return false;
            }
            let Some(up) = tree.head[verb].checked_sub(1) else { return false };
            verb = up;
        }
        false
    }

    fn pronoun_antecedent(&self, i: usize) -> Option<Option<usize>> {
        let l = self.tokens[i].lower.as_str();
        // "Mirziyoyev said that *his country* has resumed": the speaker's country; so is "the
        // nation" or "the country" after a speaker ("said *the nation* would use").
        let country = matches!(l, "country" | "nation" | "kingdom")
            && i > 0
            && matches!(self.tokens[i - 1].lower.as_str(), "his" | "her" | "its" | "their" | "our" | "the");
        if !matches!(l, "he" | "she" | "it" | "they" | "we" | "i" | "you") && !country {
            return None;
        }
        let i = if country { i - 1 } else { i };
        let mut k = i;
        if k > 0 && self.tokens[k - 1].lower == "that" {
            k -= 1;
            // "announced *on September 14* that it": a date before "that".
            let date = |t: &Token| {
                t.shape == Shape::Number
                    || t.lower == "on"
                    || t.lower == ","
                    || is_time_word(&t.lower)
                    // (A month without its period: "Feb." would be a change of output to be
                    // measured on its own.)
                    || (crate::text::MONTHS.contains(&t.lower.as_str()) && !t.lower.ends_with('.'))
            };
            let mut j = k;
            while j > 0 && k - j < 5 && date(&self.tokens[j - 1]) {
                j -= 1;
            }
            if j < k && j > 0 && SPEECH.contains(&self.tokens[j - 1].lower.as_str()) {
                k = j;
            }
        }
        // "Israel said *on Sunday* it had hit ...", "said Thursday *in a statement* it had".
        let mut times = 0;
        loop {
            // ("said *earlier on Friday* they had attacked": up to three words of time.)
            if k > 1 && is_time_word(&self.tokens[k - 1].lower) && times < 3 {
                k -= 1;
                times += 1;
                continue;
            }
            let statement = k >= 3
                && matches!(
                    self.tokens[k - 1].lower.as_str(),
                    "statement" | "twitter" | "x" | "interview" | "briefing"
                )
                && (k.saturating_sub(5)..k - 1).rev().find(|&j| self.tokens[j].lower == "in").is_some_and(|j| {
                    self.tokens[j + 1..k - 1].iter().all(|t| {
                        matches!(
                            t.lower.as_str(),
                            "a" | "an" | "the" | "joint" | "written" | "separate" | "brief" | "televised" | "press"
                        )
                    })
                });
            if statement {
                k = (k.saturating_sub(5)..k - 1).rev().find(|&j| self.tokens[j].lower == "in").unwrap_or(k);
                continue;
            }
            break;
        }
        if k > 0 && SPEECH.contains(&self.tokens[k - 1].lower.as_str()) {
            // The speaker may stand before an auxiliary or a time: "Russia *has* said it",
            // "Israel *on Sunday* said it".
            let mut j = k - 1;
            while j > 0 && j + 6 > k && {
                let l = self.tokens[j - 1].lower.as_str();
                AUXILIARIES.contains(&l) || is_time_word(l) || (l.ends_with("ly") && l.len() > 3)
            } {
                j -= 1;
            }
            // (And past a comma and an acronym in brackets: "The Balochistan Liberation Army
            // *(BLA),* has claimed that they had killed".)
            if j > 3
                && self.tokens[j - 1].lower == ","
                && self.tokens[j - 2].lower == ")"
                && self.actors.group_ending(j).is_none()
            {
                j -= 1;
            }
            if j > 3
                && self.actors.group_ending(j).is_none()
                && self.tokens[j - 1].lower == ")"
                && let Some(open) = (j.saturating_sub(5)..j - 1).rev().find(|&o| self.tokens[o].lower == "(")
            {
                j = open;
            }
            if let Some(g) = self.actors.group_ending(j).filter(|&g| self.kind(g) == GroupKind::Actor) {
                return Some(Some(g));
            }
        }
        // (Not a pronoun otherwise: "his country" may be anyone's.)
        if country { None } else { Some(None) }
    }

    /// Whether `[from, verb)` is a name no dictionary knows, after a possessor: lower-case
    /// modifiers, then capitalised words up to the verb (auxiliaries and times aside), and no
    /// actor among them ("South Korea's ruling *Civic Power Party* criticized"; not "Spain's
    /// exports went").
    fn owns_unknown_name(&self, from: usize, verb: usize) -> bool {
        let mut end = verb;
        while end > from && {
            let l = self.tokens[end - 1].lower.as_str();
            AUXILIARIES.contains(&l) || is_time_word(l)
        } {
            end -= 1;
        }
        let words = &self.tokens[from..end];
        let capitalised = words.iter().rev().take_while(|t| t.shape == Shape::Capitalized).count();
        capitalised >= 2
            && words[..words.len() - capitalised].iter().all(|t| t.shape == Shape::Lower && t.lower.len() > 2)
            && words.len() - capitalised <= 2
            && !self.actors.mentions.iter().any(|m| m.tokens.0 < end && m.tokens.1 > from)
    }

    /// The subject: the nearest actor group before `pos`, through relative pronouns
    /// ("Putin, who is in Kazakhstan" → Putin), not crossing `;`. Places are passed over; a
    /// nearer person or agent that cannot be coded ("the president", a name without a role
    /// on this date) ends the search rather than let an older actor take its place.
    fn subject(&self, pos: usize) -> Option<usize> {
        let lo = pos.saturating_sub(SUBJECT_WINDOW);
        let mut i = pos;
        // A phrase set off by commas right before the verb describes the subject before it:
        // "The Philippines*, backed by the United States,* criticised", "Turkey*, a NATO
        // member,* condemned", "China*, which has ties with Russia,* criticised".
        let mut j = pos;
        // (A time may stand there too: "Russia, which has questioned ..., *on Tuesday*
        // accused".)
        while j > 0 && {
            let l = self.tokens[j - 1].lower.as_str();
            BE.contains(&l)
                || matches!(l, "has" | "have" | "had" | "also" | "now")
                || (l.len() > 4 && l.ends_with("ly"))
                || (is_time_word(l) && pos - j < 3)
        } {
            j -= 1;
        }
        if j >= 3 && self.tokens[j - 1].lower == "," {
            // (A relative clause may run longer than other descriptions.)
            let relative = (j.saturating_sub(24)..j - 1)
                .rev()
                .find(|&k| matches!(self.tokens[k].lower.as_str(), "," | ";"))
                .is_some_and(|k| matches!(self.tokens.get(k + 1).map(|t| t.lower.as_str()), Some("which" | "who")));
            let reach = if relative { 24 } else { 16 };
            let left =
                (j.saturating_sub(reach)..j - 1).rev().find(|&k| matches!(self.tokens[k].lower.as_str(), "," | ";"));
            if let Some(left) = left.filter(|&k| self.tokens[k].lower == ",")
                && self.describes(left + 1)
                && self.actors.group_ending(left).is_some_and(|g| self.kind(g) == GroupKind::Actor)
            {
                i = left;
            } else if let Some(left) = left.filter(|&k| k > 0 && self.tokens[k].lower == ",")
                // "Ahmed Juma Al Rumaithi, *UAE ambassador* to Somalia, highlighted": a role
                // in apposition to a name no dictionary knows is the subject.
                && self.tokens[left - 1].shape == Shape::Capitalized
                && self.actors.group_ending(left).is_none()
                && !self.actors.mentions.iter().any(|m| m.tokens.0 < left && left <= m.tokens.1)
                && let Some(g) = self
                    .actors
                    .group_starting(left + 1)
                    .or_else(|| DETERMINERS.contains(&self.tokens[left + 1].lower.as_str()).then(|| self.actors.group_starting(left + 2)).flatten())
                && self.kind(g) == GroupKind::Actor
                && self.actors.groups[g].members.iter().all(|&k| {
                    let x = &self.actors.mentions[k];
                    matches!(x.kind, MentionKind::Agent | MentionKind::Composed)
                        && x.code.as_deref().is_some_and(|c| !self.ontology.split_actor(c).country.is_empty())
                })
            {
                return Some(g);
            }
        }
        while i > lo {
            let t = &self.tokens[i - 1];
            if matches!(t.lower.as_str(), ";") {
                return None;
            }
            if let Some(g) = self.actors.group_ending(i) {
                // A possessor is not the subject: in "Spain's exports went", the exports went;
                // but "Reagan's *decision to* impose tariffs" is Reagan's act.
                if self.tokens.get(i).is_some_and(|n| n.lower == "'s") && i + 1 < pos {
                    let decided = i + 3 == pos
                        && self.tokens[pos - 1].lower == "to"
                        && matches!(
                            self.tokens[i + 1].lower.as_str(),
                            "decision" | "plan" | "plans" | "offer" | "pledge" | "promise" | "refusal" | "threat"
                        );
                    // (Nor an organisation no dictionary knows, whose name the possessor owns:
                    // "*South Korea's* ruling Civic Power Party criticized".)
                    return (decided || self.owns_unknown_name(i + 1, pos))
                        .then_some(g)
                        .filter(|&g| self.kind(g) == GroupKind::Actor);
                }
                // "*its* jets struck": a possessive pronoun before the subject noun stands for
                // its owner.
                if self.is_possessive_group(g)
                    && pos - i <= 2
                    && self.tokens[i..pos].iter().all(|t| {
                        t.shape == Shape::Lower
                            && !AUXILIARIES.contains(&t.lower.as_str())
                            && !PREPOSITIONS.contains(&t.lower.as_str())
                            && !CLAUSE_END.contains(&t.lower.as_str())
                    })
                {
                    return Some(g);
                }
                match self.kind(g) {
                    GroupKind::Actor => return Some(g),
                    GroupKind::Uncoded => return None,
                    GroupKind::Place => {}
                }
            }
            if let Some(found) = self.pronoun_antecedent(i - 1) {
                return found;
            }
            // "X said [the talks ...]": the speaker is not the subject of the reported
            // clause; "X said, inviting Y" keeps X.
            // "X announced *plans to* slap tariffs" reports no clause: X plans.
            let plans = |k: usize| {
                self.tokens.get(k).is_some_and(|n| {
                    matches!(
                        n.lower.as_str(),
                        "plans" | "plan" | "intention" | "decision" | "readiness" | "willingness"
                    )
                })
            };
            if SPEECH.contains(&t.lower.as_str())
                && self.tokens.get(i).is_none_or(|n| n.lower != ",")
                && !(plans(i) || plans(i + 1) && self.tokens.get(i + 2).is_some_and(|n| n.lower == "to"))
            {
                return None;
            }
            // "an earthquake *that* killed", "although 80 pct have agreed": the subject stands
            // after these words, or is the noun the relative clause modifies.
            if matches!(t.lower.as_str(), "although" | "though" | "whereas" | "unless" | "because") {
                return None;
            }
            if t.lower == "that" && i >= 2 {
                return self.actors.group_ending(i - 1).filter(|&g| self.kind(g) == GroupKind::Actor);
            }
            if matches!(t.lower.as_str(), "who" | "which") && i >= 2 {
                let mut k = i - 1;
                if self.tokens[k - 1].lower == "," {
                    k -= 1;
                }
                // The relative pronoun is the subject: its antecedent, if an actor, else nobody
                // ("a plant in Kazakhstan, which will allow the export ..." has no actor subject).
                return self.actors.group_ending(k).filter(|&g| self.kind(g) == GroupKind::Actor);
            }
            i -= 1;
        }
        None
    }

    /// The object: the first actor group after `pos` that is not a place, within the verb's
    /// clause: the search ends at sentence punctuation, a subordinating or coordinating
    /// word, an auxiliary or another event verb ("retreated from a goal of *ousting* Assad"),
    /// and at a person or agent that cannot be coded.
    fn object(&self, pos: usize) -> Option<usize> {
        let hi = (pos + OBJECT_WINDOW).min(self.tokens.len());
        let mut i = pos;
        while i < hi {
            if let Some(g) = self.actors.group_starting(i) {
                match self.kind(g) {
                    GroupKind::Actor => return Some(g),
                    GroupKind::Uncoded => return None,
                    GroupKind::Place => {
                        i = self.actors.groups[g].end;
                        continue;
                    }
                }
            }
            let l = self.tokens[i].lower.as_str();
            // A quoted phrase goes on in the clause: rejects the objections*"* by China.
            if is_quote(&self.tokens[i]) {
                i += 1;
                continue;
            }
            // Coordinated verbs share the object: "attacked and destroyed an Iranian platform"
            // (not when the first has its own: "raided the village and detained residents").
            if matches!(l, "and" | "or")
                && i == pos
                && pos > 0
                && self.verbal.contains(self.tokens[pos - 1].lower.as_str())
                && self.tokens.get(i + 1).is_some_and(|n| self.verbal.contains(n.lower.as_str()))
            {
                i += 2;
                continue;
            }
            // "killed *more than* 4,000 Iraqis": a count, not a comparison.
            if l == "than" && i > 0 && matches!(self.tokens[i - 1].lower.as_str(), "more" | "less" | "fewer") {
                i += 1;
                continue;
            }
            // A participle after a determiner is an adjective ("a *sweeping* agreement").
            let adjectival = i > 0 && DETERMINERS.contains(&self.tokens[i - 1].lower.as_str());
            if CLAUSE_END.contains(&l) || (i > pos && self.verbal.contains(l) && !adjectival) {
                return None;
            }
            // "destroyed the platform *in retaliation for* an attack on a Kuwaiti ship": what
            // follows is the cause, not the object.
            if i > pos && matches!(l, "retaliation" | "response" | "reprisal" | "revenge") {
                return None;
            }
            i += 1;
        }
        None
    }

    /// The source of a noun trigger: an actor ending at most three tokens before it (after
    /// `'s`, `the`, adjectives: "Russia's surprise attack"), else `by X` after it.
    fn noun_source(&self, lo: usize, hi: usize) -> Option<usize> {
        let mut i = lo;
        while i > 0 && lo - i < 3 {
            if let Some(g) = self.actors.group_ending(i) {
                return (self.kind(g) == GroupKind::Actor).then_some(g);
            }
            let l = self.tokens[i - 1].lower.as_str();
            // A predicate noun ("X is on a state visit", "X, who is in Kazakhstan on a
            // visit"): the copula's subject is the source.
            if BE.contains(&l) {
                return self.subject(i - 1);
            }
            if !(l == "'s" || DETERMINERS.contains(&l) || l.chars().all(|c| c.is_alphabetic() || c == '-'))
                || CLAUSE_END.contains(&l)
                || PREPOSITIONS.contains(&l)
            {
                break;
            }
            i -= 1;
        }
        if let Some(g) = self.actors.group_ending(i) {
            return (self.kind(g) == GroupKind::Actor).then_some(g);
        }
        self.by_agent(hi)
    }

    /// A trailing `+` or `$`: the actor of the noun phrase that starts at `pos` ("talks with
    /// *the Russian side*"), within a few words, not across another preposition ("talks with
    /// commercial banks for loans to *Argentina*" has no actor there).
    fn slot_object(&self, pos: usize) -> Option<usize> {
        let hi = (pos + 6).min(self.tokens.len());
        for i in pos..hi {
            if let Some(g) = self.actors.group_starting(i) {
                return (self.kind(g) == GroupKind::Actor
                    || self.actors.mentions[self.actors.groups[g].members[0]].locative && i > pos)
                    .then_some(g)
                    .filter(|&g| self.has_code(g));
            }
            let l = self.tokens[i].lower.as_str();
            if is_quote(&self.tokens[i]) {
                continue;
            }
            // Targets of force in a country: "strikes on militant *targets inside* Iran".
            let site = i > pos
                && matches!(l, "in" | "inside" | "across")
                && matches!(
                    self.tokens[i - 1].lower.as_str(),
                    "targets" | "positions" | "bases" | "hideouts" | "camps" | "facilities" | "sites" | "installations"
                );
            if !site && (CLAUSE_END.contains(&l) || PREPOSITIONS.contains(&l) || self.verbal.contains(l)) {
                return None;
            }
        }
        None
    }

    /// For a passive whose subject noun is in the pattern: the first actor group between the
    /// noun and the verb ("agreements *with Kazakhstan* were signed"), else a group after
    /// `between` just after the verb ("were signed *between Russia and Kazakhstan*").
    fn inside_or_between(&self, lo: usize, trigger: usize, hi: usize) -> Option<usize> {
        let inside = self.actors.groups.iter().position(|g| g.start > lo && g.end <= trigger && self.has_code_group(g));
        inside.or_else(|| {
            let end = (hi + 4).min(self.tokens.len());
            self.actors
                .groups
                .iter()
                .position(|g| g.between && g.start >= hi && g.start < end && self.has_code_group(g))
        })
    }

    fn has_code_group(&self, g: &super::actors::Group) -> bool {
        g.members.iter().any(|&m| self.actors.mentions[m].code.is_some())
    }

    /// The agent of a passive: `by X` right after the verb group.
    fn by_agent(&self, pos: usize) -> Option<usize> {
        // "killed in an air strike *by* government forces": the agent of the attack.
        let attack = self.tokens.get(pos).is_some_and(|t| matches!(t.lower.as_str(), "in" | "during"))
            && self.tokens[pos..(pos + 5).min(self.tokens.len())].iter().any(|t| VIOLENCE.contains(&t.lower.as_str()));
        let reach = if attack { 7 } else { 3 };
        let mut i = pos;
        while i < self.tokens.len() && i < pos + reach && self.tokens[i].lower != "by" {
            i += 1;
        }
        if self.tokens.get(i).is_some_and(|t| t.lower == "by") {
            self.group_at(i + 1).filter(|&g| self.kind(g) == GroupKind::Actor)
        } else {
            None
        }
    }

    /// The two doers of a joint act named after "by" (within three tokens of `pos`), in
    /// words no grouping joins: "signed by *the chairman of the Kyrgyzstan National
    /// Security Committee*, Kamchibek Tashiev, and *his Tajik counterpart*, Saimumin
    /// Yatimov", "agreed to by *Libya's Prime Minister* and *the divided country's eastern
    /// commander* Khalifa Haftar". The first is the group after "by" (or the body named
    /// after its head's "of"), the second the first mention within six tokens of an "and"
    /// that follows it across names and commas; never the same actor twice.
    fn by_phrase_pair(&self, pos: usize) -> Option<(usize, usize)> {
        let by = (pos..self.tokens.len().min(pos + 3)).find(|&k| self.tokens[k].lower == "by")?;
        // The first doer: its group right after "by", or the body it heads ("the chairman of
        // the Kyrgyzstan National Security Committee").
        let first = self.group_at(by + 1).or_else(|| {
            let k = (by + 1..self.tokens.len().min(by + 5)).find(|&k| self.tokens[k].lower == "of")?;
            self.tokens[by + 1..k].iter().all(|t| t.shape == Shape::Lower).then(|| self.group_at(k + 1)).flatten()
        })?;
        // The second: after an "and" that follows within eight tokens (names, commas and
        // capitalised words between), itself within six tokens of it.
        let after = self.actors.groups[first].end;
        let and = (after..self.tokens.len().min(after + 8))
            .take_while(|&k| {
                let t = &self.tokens[k];
                t.lower == "and" || t.lower == "," || t.shape != Shape::Lower
            })
            .find(|&k| self.tokens[k].lower == "and")?;
        let usable = |k: usize| {
            let x = &self.actors.mentions[k];
            !x.locative
                && x.code.as_deref().is_some_and(|c| !self.ontology.split_actor(c).country.is_empty())
                && self.group_of_token(x.tokens.0).is_some_and(|g| self.kind(g) == GroupKind::Actor)
        };
        let b = (and + 1..self.tokens.len().min(and + 7))
            .take_while(|&k| !is_hard_punct(&self.tokens[k]) && self.tokens[k].lower != ",")
            .find_map(|k| self.actors.mentions.iter().position(|x| x.tokens.0 == k))
            .filter(|&k| usable(k))?;
        let a = self.actors.groups[first].members.iter().copied().find(|&k| usable(k))?;
        let code = |k: usize| self.actors.mentions[k].code.as_deref().unwrap_or_default();
        (!is_self_dyad(code(a), code(b))).then_some((a, b))
    }

    /// The subject of the main clause, by the parse, where the verb at `trigger` is a
    /// participle after a subordinator of a done act (not "before agreeing", which is not
    /// yet): "Kyrgyzstan and Tajikistan have completed the withdrawal *after agreeing* on a
    /// ceasefire".
    fn subordinate_subject(&self, trigger: usize) -> Option<usize> {
        let done = trigger > 0
            && self.tokens[trigger].lower.ends_with("ing")
            && matches!(self.tokens[trigger - 1].lower.as_str(), "after" | "upon" | "while");
        if !done {
            return None;
        }
        // Up through the clauses it hangs on ("the process of *withdrawing* ... after
        // agreeing"), to the first with a subject.
        let k = self.clause_dependent(trigger, "nsubj", &["xcomp", "advcl", "conj", "acl", "obj", "nmod"], 4)?;
        self.group_of_token(k).filter(|&g| self.kind(g) == GroupKind::Actor)
    }

    fn is_passive(&self, p: &Pattern, trigger: usize) -> bool {
        let Elem::Words { participles, verb: true, .. } = &p.elems[p.trigger] else { return false };
        if !participles.iter().any(|f| *f == self.tokens[trigger].lower) {
            return false;
        }
        let mut i = trigger;
        let mut steps = 0;
        while i > 0 && steps < 3 {
            let l = self.tokens[i - 1].lower.as_str();
            if BE.contains(&l) {
                return true;
            }
            if !(AUXILIARIES.contains(&l) || l.ends_with("ly") || NEGATIONS.contains(&l)) {
                return false;
            }
            i -= 1;
            steps += 1;
        }
        false
    }

    /// The mood of a verb after "to": what its governing verb makes of it. "Obama wants
    /// Putin to *attack*" is an appeal (the governing verb's pattern codes it); "wants to
    /// *attack*", "pledged to *expel*", "seeking to *deepen* a partnership" are intents;
    /// "refused to *sign*" a refusal; "threatened to *attack*" a threat.
    fn mood(&self, trigger: usize) -> Mood {
        if trigger == 0 {
            return Mood::Fact;
        }
        // "Israel announced it *would free* prisoners": the future is an intent.
        let mut k = trigger;
        while k > 0
            && matches!(
                self.tokens[k - 1].lower.as_str(),
                "also" | "soon" | "now" | "jointly" | "then" | "further" | "not" | "be"
            )
        {
            k -= 1;
        }
        if k > 0 && matches!(self.tokens[k - 1].lower.as_str(), "will" | "would" | "shall" | "'ll" | "wo") {
            return Mood::Planned;
        }
        // "Russia *should* (immediately) release the journalist": what someone ought to do
        // is asked of them, not done (an appealing pattern may code the asking).
        let mut j = trigger;
        while j > 0 && {
            let l = self.tokens[j - 1].lower.as_str();
            matches!(l, "also" | "now" | "not" | "be" | "first") || (l.len() > 4 && l.ends_with("ly"))
        } {
            j -= 1;
        }
        // Nor is what one may, might or could do ("Iran *could* attack Israel within days").
        // (Not the month: "last *May* launched".)
        if j > 0
            && self.tokens[j - 1].shape == Shape::Lower
            && matches!(
                self.tokens[j - 1].lower.as_str(),
                "should" | "must" | "ought" | "shouldn't" | "mustn't" | "may" | "might" | "could"
            )
        {
            return Mood::Appeal;
        }
        // "urged the United States to *immediately* stop": adverbs after "to" too.
        let to = if j > 0 && self.tokens[j - 1].lower == "to" { j } else { trigger };
        if self.tokens[to - 1].lower != "to" {
            return Mood::Fact;
        }
        // Look back over the object ("wants *Putin* to") and adverbs, within the clause.
        let lo = to.saturating_sub(8);
        let mut object = false;
        for k in (lo..to - 1).rev() {
            let l = self.tokens[k].lower.as_str();
            if CLAUSE_END.contains(&l) && l != "that" {
                return Mood::Fact;
            }
            if self.actors.group_ending(k + 1).is_some() {
                object = true;
            }
            // "has *no* plans to", "has *not* decided to": nothing is planned or decided.
            let governing = APPEALING.contains(&l)
                || DECIDING.contains(&l)
                || SCHEDULING.contains(&l)
                || INTENDING.contains(&l)
                || THREATENING.contains(&l);
            if governing
                && self.tokens[k.saturating_sub(2)..k]
                    .iter()
                    .any(|t| matches!(t.lower.as_str(), "no" | "not" | "n't" | "never"))
            {
                return Mood::Appeal;
            }
            let mood = if APPEALING.contains(&l) {
                Mood::Appeal
            } else if DECIDING.contains(&l) {
                // "decided to break relations": the decision is the act.
                if object { Mood::Appeal } else { Mood::Fact }
            } else if SCHEDULING.contains(&l) {
                if object { Mood::Appeal } else { Mood::Planned }
            } else if REFUSING.contains(&l) {
                Mood::Refusal
            } else if THREATENING.contains(&l) {
                Mood::Threat
            } else if INTENDING.contains(&l) {
                // "wants Putin to attack": wanting someone else to act is an appeal.
                if object { Mood::Appeal } else { Mood::Intent }
            } else {
                continue;
            };
            return mood;
        }
        Mood::Fact
    }

    /// Whether the act is only a condition: "will retaliate *if Iran attacks* U.S. ships",
    /// "*unless* Japan opens its markets". The clause opens with `if`/`unless` before the
    /// act's subject, with no punctuation between.
    fn is_conditional(&self, lo: usize) -> bool {
        let mut i = lo;
        let mut steps = 0;
        while i > 0 && steps < 10 {
            let l = self.tokens[i - 1].lower.as_str();
            // ... or a question ("unclear *whether* Iran attacked"), or denied ("denied
            // *that* its forces attacked").
            if matches!(l, "if" | "unless" | "whether") {
                return true;
            }
            if l == "that"
                && i >= 2
                && matches!(self.tokens[i - 2].lower.as_str(), "denied" | "denies" | "deny" | "denying")
            {
                return true;
            }
            if matches!(l, "." | ";" | ":" | "," | "--" | "\"" | "that" | "because" | "when" | "while" | "but" | "and")
            {
                return false;
            }
            i -= 1;
            steps += 1;
        }
        false
    }

    /// An act that may come: "*any* Iranian attack on Soviet ships will bring a response",
    /// "against *any further* attacks" (past the noun's modifier: "any *Iranian* attack"). Not
    /// when a verb of intent governs it ("willing to take part in any negotiations").
    fn is_hypothetical(&self, lo: usize) -> bool {
        let lo = self.actors.group_ending(lo).map_or(lo, |g| self.actors.groups[g].start);
        let before = |k: usize| lo.checked_sub(k).map(|i| self.tokens[i].lower.as_str());
        before(1) == Some("any")
            || before(2) == Some("any") && matches!(before(1), Some("further" | "new" | "more" | "future" | "such"))
    }

    /// Where the words before the verb at `lo` end once auxiliaries and adverbs ("has also",
    /// "then reportedly") are passed over: the end of its subject.
    fn past_auxiliaries(&self, lo: usize) -> usize {
        let mut k = lo;
        while k > 0 && {
            let l = self.tokens[k - 1].lower.as_str();
            AUXILIARIES.contains(&l) || (l.ends_with("ly") && l.len() > 3) || matches!(l, "also" | "then" | "later")
        } {
            k -= 1;
        }
        k
    }

    /// Whether the verb at `lo` has for subject a personal pronoun opening the sentence that
    /// names no actor here: "*They* urged Tehran", "*He* has also accused ..." (auxiliaries
    /// and adverbs between).
    fn pronoun_subject(&self, lo: usize) -> bool {
        let k = self.past_auxiliaries(lo);
        // (Opening the sentence: after "X said", the pronoun is X, dictionary or not.)
        k > 0
            && matches!(self.tokens[k - 1].lower.as_str(), "he" | "she" | "they" | "we" | "it")
            && self.actors.group_ending(k).is_none()
            && self.tokens[..k - 1].iter().all(|t| t.shape == Shape::Punct)
    }

    /// Whether the parse gives the verb at `trigger` a subject (`nsubj`) standing before `lo`:
    /// a finite clause ("Choe *accused*"), not a participle on a noun ("Numbers *released*
    /// by the Fed").
    fn tree_subject_before(&self, trigger: usize, lo: usize) -> bool {
        let Some(tree) = self.tree.as_ref() else { return false };
        trigger < tree.head.len() && tree.dependents(trigger).any(|k| tree.deprel[k] == "nsubj" && k < lo)
    }

    /// Whether the words before the verb at `lo` (past auxiliaries and adverbs) are a name no
    /// dictionary knows that opens the sentence: one to four capitalised words, none of them
    /// in a mention ("Choe", "Mr Xaydarov").
    fn unknown_name_subject(&self, lo: usize) -> bool {
        let k = self.past_auxiliaries(lo);
        (1..=4).contains(&k)
            && self.tokens[..k]
                .iter()
                .all(|t| matches!(t.shape, Shape::Capitalized) && !COMMON_OPENERS.contains(&t.lower.as_str()))
            && !self.actors.mentions.iter().any(|m| m.tokens.0 < k)
            // (Nor a company's: "Baker Hughes *Inc* criticised".)
            && !self.tokens[..k].iter().any(|t| {
                matches!(
                    t.lower.as_str(),
                    "inc" | "corp" | "co" | "ltd" | "plc" | "llc" | "ag" | "sa" | "nv" | "gmbh" | "bank" | "group"
                        | "holdings" | "company" | "corporation" | "industries" | "airlines" | "motors"
                )
            })
    }

    /// The speaker a sentence closes with: "It urged China to change course*, the Japanese
    /// Embassy said*." or "*, said the Japanese Embassy*." (times aside: "said on Monday").
    fn trailing_speaker(&self) -> Option<usize> {
        let t = &self.tokens;
        let mut k = t.len();
        while k > 0 && t[k - 1].shape == Shape::Punct && t[k - 1].lower != "," {
            k -= 1;
        }
        while k > 0 && is_time_word(&t[k - 1].lower) {
            k -= 1;
        }
        let comma_before = |g: usize| {
            let mut s = self.actors.groups[g].start;
            if s > 0 && DETERMINERS.contains(&t[s - 1].lower.as_str()) {
                s -= 1;
            }
            s
        };
        let actor = |g: &usize| self.kind(*g) == GroupKind::Actor;
        if k >= 3 && SPEECH.contains(&t[k - 1].lower.as_str()) {
            let g = self.actors.group_ending(k - 1).filter(actor)?;
            let s = comma_before(g);
            return (s > 0 && t[s - 1].lower == ",").then_some(g);
        }
        let g = self.actors.group_ending(k).filter(actor)?;
        let s = comma_before(g);
        (s >= 2 && SPEECH.contains(&t[s - 1].lower.as_str()) && t[s - 2].lower == ",").then_some(g)
    }

    /// Whether the verb at `trigger` is what someone could, might or may do ("could *strike*").
    fn possible(&self, trigger: usize) -> bool {
        let mut j = trigger;
        while j > 0 && {
            let l = self.tokens[j - 1].lower.as_str();
            matches!(l, "also" | "still" | "soon" | "even") || (l.len() > 4 && l.ends_with("ly"))
        } {
            j -= 1;
        }
        j > 0 && matches!(self.tokens[j - 1].lower.as_str(), "could" | "might" | "may" | "would")
    }

    /// Whether the sentence closes with its speaker's warning: "..., Israeli officials
    /// *warned* on Monday", "..., *warned* the defence minister".
    /// (The speaker must be of the doer's own country: another's warning that someone might
    /// attack is no threat of the doer's.)
    fn closes_with_warning(&self, lo: usize) -> bool {
        let Some(g) = self.trailing_speaker() else { return false };
        let country = |g: usize| {
            self.actors.groups[g]
                .members
                .iter()
                .find_map(|&k| self.actors.mentions[k].code.as_deref())
                .map(|c| self.ontology.split_actor(c).country)
                .filter(|c| !c.is_empty())
        };
        let Some(doer) = self.subject(lo) else { return false };
        if doer == g || country(doer).is_none() || country(doer) != country(g) {
            return false;
        }
        let (start, end) = (self.actors.groups[g].start, self.actors.groups[g].end);
        let warns = |k: usize| {
            self.tokens
                .get(k)
                .is_some_and(|t| matches!(t.lower.as_str(), "warned" | "warns" | "threatened" | "threatens"))
        };
        warns(end) || (start >= 1 && warns(start - 1)) || (start >= 2 && warns(start - 2))
    }

    /// Whether the verb at `trigger` is what someone must or should do ("should (immediately)
    /// *release*", "must *stop*"), not what one may or could.
    fn obligation(&self, trigger: usize) -> bool {
        let mut j = trigger;
        while j > 0 && {
            let l = self.tokens[j - 1].lower.as_str();
            matches!(l, "also" | "now" | "first") || (l.len() > 4 && l.ends_with("ly"))
        } {
            j -= 1;
        }
        j > 0 && matches!(self.tokens[j - 1].lower.as_str(), "should" | "must")
    }

    /// Whether a condition follows the act within its clause: "will walk off the job *if* no
    /// agreement is reached" is a threat, not a strike called.
    fn on_condition(&self, from: usize) -> bool {
        self.tokens[from.min(self.tokens.len())..]
            .iter()
            .take(15)
            .take_while(|t| !matches!(t.lower.as_str(), "." | ";" | "!" | "?"))
            .any(|t| matches!(t.lower.as_str(), "if" | "unless"))
    }

    /// Whether the act is only what someone is accused of: "accused U.S. officials *of
    /// plotting to discuss* ...", "charged Iran with attacking".
    /// The accusation is the event (its own pattern codes it), not the act.
    fn is_alleged(&self, lo: usize) -> bool {
        let from = lo.saturating_sub(12);
        let mut k = lo;
        while k > from {
            k -= 1;
            let l = self.tokens[k].lower.as_str();
            if CLAUSE_END.contains(&l) || l == "," {
                return false;
            }
            if matches!(l, "of" | "with" | "for") {
                let accused = self.tokens[k.saturating_sub(8)..k].iter().any(|t| {
                    let w = t.lower.as_str();
                    w.starts_with("accus")
                        || (w.starts_with("charg") && l == "with")
                        || (w.starts_with("blam") && l == "for")
                        || w.starts_with("suspect")
                        || w.starts_with("convict")
                });
                if accused {
                    return true;
                }
            }
        }
        false
    }

    fn is_negated(&self, lo: usize) -> bool {
        // "has *yet to* meet": not yet.
        if lo >= 2 && self.tokens[lo - 1].lower == "to" && self.tokens[lo - 2].lower == "yet" {
            return true;
        }
        // "stop *selling* arms", "ceased *shelling*": an act ended is no act; nor one denied ("denies *targeting* the opposition").
        if lo >= 1
            && self.tokens[lo].lower.ends_with("ing")
            && matches!(
                self.tokens[lo - 1].lower.as_str(),
                "stop"
                    | "stops"
                    | "stopped"
                    | "stopping"
                    | "cease"
                    | "ceased"
                    | "ceases"
                    | "halt"
                    | "halted"
                    | "quit"
                    | "deny"
                    | "denies"
                    | "denied"
                    | "denying"
            )
        {
            return true;
        }
        // "pledged *never to* talk to him", "urged it *not to* sell".
        if lo >= 2 && self.tokens[lo - 1].lower == "to" && NEGATIONS.contains(&self.tokens[lo - 2].lower.as_str()) {
            return true;
        }
        let mut i = lo;
        let mut steps = 0;
        while i > 0 && steps < 4 {
            let l = self.tokens[i - 1].lower.as_str();
            if NEGATIONS.contains(&l) || REFUSALS.contains(&l) {
                return true;
            }
            if !(AUXILIARIES.contains(&l) || l.ends_with("ly")) {
                return false;
            }
            i -= 1;
            steps += 1;
        }
        false
    }
}

/// Finds every pattern match in a sentence, resolves overlaps (most specific first) and
/// roles, and returns the coded events.
pub fn code_sentence(kb: &Knowledge, tokens: &[Token], actors: &SentenceActors) -> Vec<Coded> {
    code_sentence_parsed(kb, tokens, actors, None)
}

/// A dependency parse of a sentence: 1-based heads (0 = root) and relations, one per token.
pub struct Tree<'a> {
    pub head: &'a [usize],
    pub deprel: &'a [&'a str],
}

impl Tree<'_> {
    /// The words whose head is word `v` (0-based).
    fn dependents(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.head.len()).filter(move |&k| self.head[k] == v + 1)
    }
}

/// [`code_sentence`] with a dependency parse: source and target come from the trigger's
/// subject and object in the tree when they are actors, else from the shallow search.
/// Whether any event pattern matches the sentence: only then is it worth parsing.
pub fn has_candidates(kb: &Knowledge, tokens: &[Token], actors: &SentenceActors) -> bool {
    let ids = tokens.iter().map(|t| kb.vocab.get(&t.lower).copied().unwrap_or(u32::MAX)).collect();
    let inner = inner_tokens(tokens.len(), actors);
    let m = Matcher { tokens, actors, verbal: &kb.verbal_forms, ontology: &kb.ontology, ids, tree: None, inner };
    candidates(kb, &m).iter().any(|(_, c)| !kb.patterns[c.pattern as usize].is_null())
}

pub fn code_sentence_parsed(
    kb: &Knowledge,
    tokens: &[Token],
    actors: &SentenceActors,
    tree: Option<Tree>,
) -> Vec<Coded> {
    let ids = tokens.iter().map(|t| kb.vocab.get(&t.lower).copied().unwrap_or(u32::MAX)).collect();
    let inner = inner_tokens(tokens.len(), actors);
    let m = Matcher { tokens, actors, verbal: &kb.verbal_forms, ontology: &kb.ontology, ids, tree, inner };
    let cands = candidates(kb, &m);
    choose(kb, &m, cands)
}

/// Whether to print, on standard error, why each pattern does or does not code at each
/// trigger (`DYAD_TRACE=1 dyad code -f explain ...`): a tool for dictionary writers. Read once.
fn trace() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("DYAD_TRACE").is_some())
}

/// Every pattern that matches at every trigger, with its specificity. The parse plays no part.
fn candidates(kb: &Knowledge, m: &Matcher) -> Vec<(u32, Candidate)> {
    let (tokens, actors) = (m.tokens, m.actors);
    let mut cands: Vec<(u32, Candidate)> = Vec::new();
    // Tokens inside actor names never trigger ("International Monetary *Fund*").
    let mut in_name = vec![false; tokens.len()];
    for mention in &actors.mentions {
        if mention.kind != MentionKind::Agent && mention.kind != MentionKind::Reference {
            in_name[mention.tokens.0..mention.tokens.1].iter_mut().for_each(|b| *b = true);
        }
    }
    for (i, t) in tokens.iter().enumerate() {
        if in_name[i] {
            continue;
        }
        let Some(pats) = kb.triggers.get(&t.lower) else { continue };
        // "Iran *has* rejected talks with the US": "have" before a participle is an auxiliary,
        // not the verb of "have talks".
        if matches!(t.lower.as_str(), "has" | "have" | "had" | "having") {
            let next = tokens[i + 1..].iter().find(|n| {
                !matches!(
                    n.lower.as_str(),
                    "not" | "n't" | "already" | "also" | "just" | "since" | "now" | "yet" | "never"
                ) && !n.lower.ends_with("ly")
            });
            if next.is_some_and(|n| {
                n.shape == Shape::Lower
                    && !n.lower.ends_with('s')
                    && !n.lower.ends_with("ing")
                    && (n.lower.ends_with("ed") || n.lower == "been" || kb.verbal_forms.contains(n.lower.as_str()))
            }) {
                continue;
            }
        }
        for &pi in pats {
            let p = &kb.patterns[pi as usize];
            let after = &p.elems[p.trigger + 1..];
            let before = &p.elems[..p.trigger];
            // "missiles *hit* the tanker": the pattern's own noun right before the verb is its
            // subject, a verbal context.
            let own_subject = i > 0
                && !DETERMINERS.contains(&tokens[i - 1].lower.as_str())
                && !PREPOSITIONS.contains(&tokens[i - 1].lower.as_str())
                && before.iter().rev().find(|e| !matches!(e, Elem::Gap)).is_some_and(
                    |e| matches!(e, Elem::Words { forms, verb: false, .. } if forms.contains(&tokens[i - 1].lower)),
                );
            // ("A Myanmar military *airstrike* on a village killed": the pattern's own noun,
            // further back, is the subject the backward match will check.)
            let noun_subject = before.iter().any(|e| matches!(e, Elem::Words { verb: false, .. }))
                && before.iter().any(|e| matches!(e, Elem::Source));
            if p.trigger_is_verb() && !own_subject && !noun_subject && !m.verbal_context(p, i) {
                if trace() {
                    eprintln!("trace: {} at {i}: not in a verbal context: {} {}", t.lower, p.origin, p.text);
                }
                continue;
            }
            let Some((hi, b)) = m.forward(after, i + 1, Binds::default()) else {
                if trace() {
                    eprintln!("trace: {} at {i}: no match after the trigger: {} {}", t.lower, p.origin, p.text);
                }
                continue;
            };
            // Between a verb trigger and what precedes it, auxiliaries may stand
            // ("Russia and China *are* implementing").
            let mut start = i;
            if p.trigger_is_verb() && !before.is_empty() {
                let first_is_word = matches!(before.last(), Some(Elem::Words { .. }));
                if !first_is_word {
                    while start > 0 && AUXILIARIES.contains(&tokens[start - 1].lower.as_str()) {
                        start -= 1;
                    }
                }
            }
            let participle =
                matches!(&p.elems[p.trigger], Elem::Words { participles, .. } if participles.contains(&t.lower));
            // A participle whose coordination ends in `by`: "supported, *trained* and armed by
            // Paris and Washington" (a reduced passive, with no form of "be").
            let by_agent = || {
                let next = &tokens[i + 1..tokens.len().min(i + 6)];
                participle
                    && i > 0
                    && matches!(tokens[i - 1].lower.as_str(), "," | "and" | "or")
                    && next.iter().any(|n| n.lower == "by")
                    && next
                        .iter()
                        .take_while(|n| n.lower != "by")
                        .all(|n| matches!(n.lower.as_str(), "," | "and" | "or") || n.lower.ends_with("ed"))
            };
            // The subject of a passive may be a long noun phrase ("20 agreements and memoranda
            // of understanding covering ... were signed"): its gap may reach further.
            // A participle after a noun with an actor after `by` right after it: "American
            // prisoners *freed by Venezuela*" (a reduced relative clause).
            // (Not a verb whose pattern takes "by" itself: "he *stood by* the agreement".)
            let takes_by = matches!(p.elems.get(p.trigger + 1), Some(Elem::Words { forms, .. }) if forms.iter().any(|f| f == "by"));
            let reduced = || {
                participle
                    && !takes_by
                    && i > 0
                    && tokens.get(i + 1).is_some_and(|n| n.lower == "by")
                    && (m.actors.group_ending(i).is_some() || tokens[i - 1].shape == Shape::Lower)
                    && !matches!(tokens[i - 1].lower.as_str(), "," | "and" | "or" | "who" | "which" | "that")
                    && m.group_at(i + 2).is_some_and(|g| m.kind(g) == GroupKind::Actor)
            };
            let passive = m.is_passive(p, i) || by_agent() || reduced();
            let gap = if passive { PASSIVE_SUBJECT_GAP } else { GAP };
            let Some((lo, b)) = m.backward(before, start, b, gap) else {
                if trace() {
                    eprintln!("trace: {} at {i}: no match before the trigger: {} {}", t.lower, p.origin, p.text);
                }
                continue;
            };
            if trace() {
                eprintln!("trace: {} at {i}: candidate: {} {}", t.lower, p.origin, p.text);
            }
            let lo = lo.min(i);
            // "agreements .. signed": a participle after the pattern's own noun is passive.
            // ("Iraqi *jets attacked* Iran": with an object right after it, the verb is active.)
            let object_after = m.group_at(i + 1).is_some()
                || tokens.get(i + 1).is_some_and(|t| {
                    is_amount(t)
                        || matches!(
                            t.lower.as_str(),
                            "one" | "two" | "three" | "four" | "five" | "six" | "several" | "dozens" | "hundreds"
                        )
                        || DETERMINERS.contains(&t.lower.as_str()) && t.lower != "its"
                });
            // (Nor where the parse gives the verb an active subject or an object: "Syrian
            // troops *entered* west Beirut".)
            let passive = passive
                || (participle
                    && before.iter().any(|e| matches!(e, Elem::Words { verb: false, .. }))
                    && b.source.is_none()
                    && !object_after
                    && !m.tree_active_subject(i));
            let c = Candidate { pattern: pi, trigger: i, lo, hi, source: b.source, target: b.target, passive };
            cands.push((p.specificity, c));
        }
    }
    cands
}

/// Chooses among the candidates and codes their events.
fn choose(kb: &Knowledge, m: &Matcher, mut cands: Vec<(u32, Candidate)>) -> Vec<Coded> {
    let tokens = m.tokens;
    // Most specific first; then left to right. A token covered by an accepted pattern's words
    // cannot serve another pattern. When the most specific pattern at a trigger finds no
    // actors to code ("rallied *in Kyiv*" names only the protesters' own country), the next
    // one at that trigger may ("rallied ... against the government").
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.trigger.cmp(&b.1.trigger)));
    // A null pattern silences its own trigger only (TABARI's `---`); an event pattern covers
    // its words, which then serve no other pattern.
    let mut covered = vec![false; tokens.len()];
    let mut done = vec![false; tokens.len()];
    let mut alone_seen = vec![false; tokens.len()];
    let mut coded: Vec<(usize, Vec<Coded>)> = Vec::new();
    // The second round may aim an event at the place where it happens, once no pattern at
    // the trigger found its target among the actors; the third codes, for the kinds of act
    // that need none, an act whose target is not named at all.
    let rounds =
        [Round::Actors, Round::Place, Round::Alone].into_iter().flat_map(|r| cands.iter().map(move |(_, c)| (r, c)));
    for (round, c) in rounds {
        if done[c.trigger] || covered[c.trigger] {
            continue;
        }
        let p = &kb.patterns[c.pattern as usize];
        if p.is_null() {
            done[c.trigger] = true;
            continue;
        }
        let span = word_positions(c, m);
        if span.iter().any(|&k| covered[k]) {
            if trace() {
                eprintln!(
                    "trace: {} at {}: its words serve a more specific event: {}",
                    m.tokens[c.trigger].lower, c.trigger, p.origin
                );
            }
            // Its words already serve a more specific event ("threatened to *impose
            // sanctions*"): the trigger's reading is taken, no weaker pattern codes it.
            done[c.trigger] = true;
            continue;
        }
        // Alone, declining to comment (011), more specific than any act, settles the trigger:
        // no weaker pattern codes it as a refusal with no target. (A rejected allegation
        // stays a rejection, 120, for PLOVER has no type for denials.)
        if round == Round::Alone && !alone_seen[c.trigger] {
            alone_seen[c.trigger] = true;
            if p.code == "011" {
                done[c.trigger] = true;
                continue;
            }
        }
        if trace() {
            eprintln!(
                "trace: {} at {}: round {}, tokens {}..{}: {}",
                m.tokens[c.trigger].lower, c.trigger, round as u8, c.lo, c.hi, p.origin
            );
        }
        let Some(events) = code_candidate(m, p, c, round).inspect(|e| {
            if trace() && e.is_empty() {
                eprintln!("trace: {} at {}: no actors in round {}", m.tokens[c.trigger].lower, c.trigger, round as u8);
            }
        }) else {
            if trace() {
                eprintln!("trace: {} at {}: blocked (mood, negation or appeal)", m.tokens[c.trigger].lower, c.trigger);
            }
            // Negated, or an appeal: the trigger is settled, no weaker pattern codes it.
            done[c.trigger] = true;
            continue;
        };
        if events.is_empty() {
            continue;
        }
        done[c.trigger] = true;
        for k in span {
            covered[k] = true;
        }
        coded.push((c.trigger, events));
    }
    coded.sort_by_key(|(t, _)| *t);
    coded.into_iter().flat_map(|(_, e)| e).collect()
}

/// The events one matched pattern codes; `None` when its mood or a negation blocks it.
/// Which resolution a round of candidates tries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Round {
    /// Source and target among the actors.
    Actors,
    /// The target is the place where the act happens.
    Place,
    /// No target: only the source acts.
    Alone,
}

/// Kinds of act that stand without a named target: appeals, demands, criticism, rejection,
/// threats, protest, shows of force, coercion and violence ("the Kremlin rejected the
/// allegations", "gunmen opened fire"); and a state's own decisions of aid, concession,
/// investigation and sanction, whose other side is often left unsaid ("the EU pledged two
/// billion euros", "Russian forces withdrew from Snake Island", "India ordered a probe into
/// the collision", "Washington imposed sanctions"), and of consultation and support ("Russia
/// brokered a cease-fire agreement", "Qatar welcomed the joint Saudi-US statement",
/// "Kazakhstan has ratified the treaty"; PLOVER's CONSULT needs no recipient), for which
/// [`state_decides`] also checks the doer. Cooperation and pledges always have a partner;
/// a bare concession (080, mostly "conceded that"), resigning (0831, 0832) and ending talks
/// (164) alone are too often words, a company's officers or a meeting closing.
fn stands_alone(code: &str) -> bool {
    matches!(&code[..2], "02" | "10" | "11" | "12" | "13" | "14" | "15" | "17" | "18" | "19" | "20")
        || eases_at_home(code)
        || state_decision(code)
}

/// Consultation, support, aid, concessions, investigations and sanctions, which stand alone
/// only when a state, an international organisation or an armed force decides them (see
/// [`stands_alone`]).
fn state_decision(code: &str) -> bool {
    matches!(&code[..2], "04" | "05" | "07" | "08" | "09" | "16") && !matches!(code, "080" | "0831" | "0832" | "164")
}

/// Whether an actor may decide an aid, concession or sanction on its own: a country, its
/// government, forces, courts or legislature, an international organisation, or an armed
/// group; not a company, union, party official or civilians ("2,000 workers will *return* to
/// work", "the bank *approved* loans").
fn state_decides(parts: &crate::knowledge::ontology::ActorParts, code: &str) -> bool {
    code.starts_with("IGO")
        || match parts.types[0].as_str() {
            "" => !parts.country.is_empty(),
            sector => {
                matches!(sector, "GOV" | "MIL" | "JUD" | "LEG" | "COP" | "SPY" | "REB" | "INS" | "UAF" | "PKO" | "IGO")
            }
        }
}

/// Concessions a government makes to its whole society, which need no partner: easing a
/// curfew, a state of emergency or martial law ("Ethiopia lifted the state of emergency",
/// "eased the curfew in Colombo"). (Not resigning, changing policy or returning to work,
/// which have other doers as often as states.)
fn eases_at_home(code: &str) -> bool {
    matches!(code, "0813" | "0814")
}

fn code_candidate(m: &Matcher, p: &Pattern, c: &Candidate, round: Round) -> Option<Vec<Coded>> {
    // The mood applies when the pattern itself does not take in the governing verb
    // ("expected|due .. to VISIT" codes the intent itself).
    let mood = if p.trigger_is_verb() && c.lo >= c.trigger { m.mood(c.trigger) } else { Mood::Fact };
    // What someone must or should do, in the words of a speaker the sentence closes with, is
    // the speaker's appeal to them: "South Sudanese authorities should immediately release
    // journalist Alfred Angasi, the Committee to Protect Journalists said" (020).
    if mood == Mood::Appeal
        && round == Round::Actors
        && m.obligation(c.trigger)
        && let Some(speaker) = m.trailing_speaker()
        && let Some(doer) = m.subject(c.lo).filter(|&g| g != speaker && m.kind(g) == GroupKind::Actor)
    {
        let coded = |k: &usize| m.actors.mentions[*k].code.is_some();
        let mut out = Vec::new();
        for &s in m.actors.groups[speaker].members.iter().filter(|k| coded(k)) {
            for &d in m.actors.groups[doer].members.iter().filter(|k| coded(k)) {
                let mut e = Coded::of(c, p, Some(s), Some(d), "reported appeal");
                e.code = "020".to_string();
                out.push(e);
            }
        }
        return Some(out);
    }
    // Force one "could" or "might" use, in a sentence that closes with a warning, is
    // threatened: "Israel could strike Iran's nuclear sites, Israeli officials warned" (13x).
    let mood = if mood == Mood::Appeal
        && matches!(&p.code[..2], "15" | "17" | "18" | "19" | "20")
        && m.possible(c.trigger)
        && m.closes_with_warning(c.lo)
    {
        Mood::Threat
    } else {
        mood
    };
    let code = match mood {
        Mood::Fact => Some(p.code.clone()),
        Mood::Appeal => None,
        Mood::Intent => intent_code(&p.code),
        Mood::Planned if planned_is_act(&p.code) && !m.on_condition(c.hi.max(c.trigger + 1)) => Some(p.code.clone()),
        Mood::Planned => intent_code(&p.code),
        Mood::Refusal => refusal_code(&p.code),
        Mood::Threat => threat_code(&p.code),
    }?;
    // A pledge with a negation in its gap pledges the opposite: "pledged *never* to talk to".
    let pledged_not = p.code.starts_with("03")
        && (c.trigger + 1..c.hi.min(m.tokens.len())).any(|k| NEGATIONS.contains(&m.tokens[k].lower.as_str()));
    let negated = mood != Mood::Refusal && (m.is_negated(c.lo.min(c.trigger)) || pledged_not);
    // Not accepting is refusing: "Turkey would not *approve* Sweden's bid", "will not
    // *recognise* the vote" (not "did not sign", which may only not have happened yet).
    let refused = negated
        && !pledged_not
        && !c.passive
        && matches!(mood, Mood::Fact | Mood::Intent | Mood::Planned)
        && p.trigger_is_verb()
        && is_acceptance(&m.tokens[c.trigger].lower);
    let (code, mood) = if refused {
        (refusal_code(&p.code)?, Mood::Refusal)
    } else if negated {
        return None;
    } else {
        (code, mood)
    };
    if m.is_conditional(c.lo.min(c.trigger)) || m.is_alleged(c.lo.min(c.trigger)) {
        return None;
    }
    // (A wider pattern that takes in the governing words may still code it: "willing to take
    // part in any negotiations" is an intent.)
    if mood == Mood::Fact && m.is_hypothetical(c.lo.min(c.trigger)) {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    match round {
        Round::Actors => resolve(m, p, c, false, &mut out),
        Round::Alone if stands_alone(&code) => resolve(m, p, c, true, &mut out),
        _ => {}
    }
    // A protest, a show of force, a coercive or violent act with no named target is aimed
    // at the place where it happens ("staged a protest in Beijing" → CHN; "exercises in
    // Alaska" → USA; "police arrested protesters in Nairobi" → KEN).
    if round == Round::Place && (matches!(&code[..2], "14" | "15" | "17" | "18" | "19" | "20") || eases_at_home(&code))
    {
        resolve_at_place(m, p, c, &mut out);
    }
    // "here" (the dateline's country) is only a place: one travels to it ("arrived *here*"),
    // or acts in it (the place round); nobody meets or hosts it.
    let here = |k: Option<usize>| k.is_some_and(|k| m.actors.mentions[k].entry.starts_with("here:"));
    out.retain(|e| !here(e.target) || p.code == "042" || e.roles == "place");
    // Force used on a policy is words: "attacked Japan's fiscal policy" criticises; so is a
    // politician's attack on a politician ("Harris attacked Biden during the debates").
    let person = |k: Option<usize>| {
        k.is_some_and(|k| {
            let mention = &m.actors.mentions[k];
            matches!(mention.kind, MentionKind::Person | MentionKind::Reference)
                && !mention
                    .code
                    .as_deref()
                    .is_some_and(|c| ["MIL", "REB", "COP", "INS", "UAF"].iter().any(|s| c.ends_with(s)))
        })
    };
    let attack = m.tokens[c.trigger].lower.starts_with("attack");
    let protest = m.tokens[c.trigger].lower.starts_with("protest");
    let code_of = |k: Option<usize>| k.and_then(|k| m.actors.mentions[k].code.as_deref()).unwrap_or_default();
    let country_of = |code: &str| m.ontology.split_actor(code).country;
    // Another country's government ("US Embassy second-in-command").
    let foreign_official = |a: Option<usize>, b: Option<usize>| {
        let (a, b) = (code_of(a), code_of(b));
        let country = country_of(b);
        b.len() == 6 && &b[3..] == "GOV" && !country.is_empty() && country_of(a) != country
    };
    // A country ("China") or its government or military.
    let state = |k: Option<usize>| {
        let code = code_of(k);
        !country_of(code).is_empty() && (code.len() == 3 || matches!(code.get(3..6), Some("GOV" | "MIL")))
    };
    for e in &mut out {
        let verbal = person(e.source) && person(e.target);
        if matches!(&e.code[..2], "18" | "19" | "20")
            && (e.target.is_some_and(|t| m.possessed_is_abstract(t)) || (attack && verbal))
        {
            e.code = "111".to_string();
            e.roles = "verbal";
        }
        // Expelling another state's officials cuts diplomatic relations: "kicked out US
        // Embassy second-in-command Bart Gorman" (161, not a deportation).
        if e.code == "174" && foreign_official(e.source, e.target) {
            e.code = "161".to_string();
        }
        // A state that "protests" something complains officially: "China protested the new
        // US military aid to Taiwan" is no demonstration.
        if e.code.starts_with("14") && protest && state(e.source) {
            e.code = "114".to_string();
            e.roles = "official";
        }
    }
    if mood != Mood::Fact {
        for e in &mut out {
            e.code = code.clone();
            e.roles = match mood {
                Mood::Intent => "intent",
                Mood::Planned if planned_is_act(&p.code) && !m.on_condition(c.hi.max(c.trigger + 1)) => "planned",
                Mood::Planned => "intent",
                Mood::Refusal => "refusal",
                _ => "threat",
            };
        }
    }
    Some(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Subject,
    Object,
}

/// What a governing verb makes of the verb after "to".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mood {
    Fact,
    Appeal,
    Intent,
    /// Scheduled or simply future ("will visit", "is due to meet", "plans to send troops"):
    /// a meeting or a deployment is coded as the act (PLOVER's CONSULT, MOBILIZE), anything
    /// else as an intent.
    Planned,
    Refusal,
    Threat,
}

/// Whether a scheduled act is coded as the act itself rather than as an intent to it:
/// meetings and visits (04), shows of force and deployments (15), and the decisions a
/// government announces for itself to carry out: aid (07, "will give $2 billion"),
/// concessions, releases and withdrawals (08, "will withdraw all troops"), cuts in relations
/// and expulsions (16, "will expel 23 British diplomats"); so are protests called for a
/// date ("protesters were set to march on London"). An announced decision is news as the
/// act, as analysts code it; force and coercion to come stay threats.
pub fn planned_is_act(code: &str) -> bool {
    matches!(&code[..2], "04" | "07" | "08" | "14" | "15" | "16")
}

/// CAMEO's "express intent to" code for an action code (root 03).
pub fn intent_code(code: &str) -> Option<String> {
    let c = match code {
        "061" => "0311",
        "062" => "0312",
        "063" => "0313",
        "064" => "0314",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        "081" | "0811" | "0812" | "0813" | "0814" => "0351",
        "082" => "0352",
        "084" | "0841" | "0842" => "0353",
        "085" => "0354",
        "086" | "0861" | "0862" | "0863" => "0355",
        "087" | "0871" | "0872" | "0873" | "0874" => "0356",
        "083" | "0831" | "0832" | "0833" | "0834" => "034",
        _ => match &code[..2] {
            "01" | "02" | "03" | "13" => code,
            "04" => "036",
            "05" => "032",
            "06" => "031",
            "07" => "033",
            "08" => "035",
            // Planned violence is a threat of force; planned protest, sanctions or
            // repression ("will slap tariffs on Japan") a threat of them.
            "15" | "18" | "19" | "20" => "138",
            "14" | "16" | "17" => return threat_code(code),
            _ => return None,
        },
    };
    Some(c.to_string())
}

/// Words of a time phrase that may stand between a subject and its verb ("on Friday",
/// "last week", "earlier this month").
pub(crate) fn is_time_word(l: &str) -> bool {
    const WORDS: &[&str] = &[
        "on",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
        "earlier",
        "later",
        "last",
        "this",
        "next",
        "week",
        "month",
        "year",
        "weekend",
        "morning",
        "afternoon",
        "evening",
        "night",
        "both",
        "jointly",
        "together",
        "also",
        "then",
        "now",
        "again",
    ];
    WORDS.contains(&l)
}

/// Verbs of accepting, whose negation is a refusal.
fn is_acceptance(word: &str) -> bool {
    ["approv", "accept", "recogni", "allow", "permit", "support", "endors", "ratif", "agree"]
        .iter()
        .any(|s| word.starts_with(s))
}

/// CAMEO's reject code for refusing an action (root 12).
pub fn refusal_code(code: &str) -> Option<String> {
    let c = match code {
        "057" => "127",
        "061" => "1211",
        "062" => "1212",
        "063" => "1213",
        "064" => "1214",
        "0841" | "0842" | "084" => "1243",
        "085" => "1244",
        "086" | "0861" | "0862" | "0863" => "1245",
        "087" | "0871" | "0872" | "0873" | "0874" => "1246",
        _ => match &code[..2] {
            "04" => "125",
            "01" | "02" | "03" | "05" => "120",
            "06" => "121",
            "07" => "122",
            "08" => "124",
            _ => return None,
        },
    };
    Some(c.to_string())
}

/// CAMEO's threat code for threatening an action (root 13).
pub fn threat_code(code: &str) -> Option<String> {
    let c = match code {
        "162" | "1621" | "1622" | "1623" => "1311",
        "163" => "1312",
        "161" | "164" | "165" => "1313",
        "166" | "1661" | "1662" | "1663" => "136",
        "172" | "1721" | "1722" | "1723" | "1724" => "132",
        "191" => "1381",
        "192" => "1382",
        "204" | "2041" | "2042" => "1385",
        _ => match &code[..2] {
            "14" => "133",
            "15" | "18" | "19" | "20" => "138",
            "16" => "131",
            "17" => "137",
            "13" => code,
            _ => return None,
        },
    };
    Some(c.to_string())
}

/// Codes a candidate against the first place named after its trigger, as target.
/// How far after its pattern the place of an act may stand, in tokens.
const PLACE_WINDOW: usize = 8;

fn resolve_at_place(m: &Matcher, p: &Pattern, c: &Candidate, out: &mut Vec<Coded>) {
    // The place of the act stands close after it, in its clause.
    let near = |x: &crate::model::Mention| {
        x.tokens.0 > c.trigger
            && x.tokens.0 <= c.hi.max(c.trigger + 1) + PLACE_WINDOW
            && !m.tokens[c.trigger..x.tokens.0].iter().any(is_hard_punct)
    };
    let place = m.actors.mentions.iter().position(|x| x.locative && x.code.is_some() && near(x));
    let Some(place) = place else { return };
    // The doer must be known: named by the pattern, or the subject of an active verb. For
    // force and coercion, where the parse names a subject that is no actor, nobody else is
    // the doer ("officials said *the virus* killed two in Wuhan" is not the officials' act);
    // a passive's subject is the victim.
    let violent = matches!(&p.code[..2], "17" | "18" | "19" | "20");
    let source = match c.source {
        Some(s) => Some(s),
        None if c.passive => None,
        None if violent && p.trigger_is_verb() => m.tree_subject(c.trigger).unwrap_or_else(|| m.subject(c.lo)),
        None if violent => None,
        None => m.subject(c.lo),
    };
    let Some(s) = source else { return };
    let members: Vec<usize> = m.actors.groups[s]
        .members
        .iter()
        .copied()
        .filter(|&k| m.actors.mentions[k].code.is_some() && !m.actors.mentions[k].locative)
        .collect();
    let pc = m.actors.mentions[place].code.as_deref().unwrap_or_default();
    // Domestic unrest and repression happen in the actor's own country: "police arrested 20
    // in Nairobi" is KENCOP → KEN. A bare country acting in itself is no event, nor is a
    // show of force at home.
    // Only society protests at home (a government "holding a rally" campaigns).
    let domestic = |ac: &str| match &p.code[..2] {
        "15" => false,
        "14" => !matches!(ac.get(3..6), Some("GOV" | "MIL" | "COP" | "JUD" | "LEG" | "SPY" | "ELI" | "PTY")),
        _ => true,
    };
    for a in members {
        let ac = m.actors.mentions[a].code.as_deref().unwrap_or_default();
        if ac == pc || (is_self_dyad(ac, pc) && !(ac.len() > 3 && ac.starts_with(pc) && domestic(ac))) {
            continue;
        }
        out.push(Coded::of(c, p, Some(a), Some(place), "place"));
    }
}

/// Token positions of a candidate's words (not its actor slots).
fn word_positions(c: &Candidate, m: &Matcher) -> Vec<usize> {
    let actors = m.actors;
    let slot = |g: Option<usize>| g.map(|g| (actors.groups[g].start, actors.groups[g].end));
    let (s, t) = (slot(c.source), slot(c.target));
    let inside = |k: usize, r: Option<(usize, usize)>| r.is_some_and(|(a, b)| a <= k && k < b);
    // A verb coordinated after the trigger is another act on the same object, not this
    // pattern's word: "fined *and jailed* dozens of protesters".
    let coordinated = |k: usize| {
        k > c.trigger + 1
            && matches!(m.tokens[k - 1].lower.as_str(), "and" | "or")
            && m.verbal.contains(m.tokens[k].lower.as_str())
    };
    (c.lo..c.hi.max(c.trigger + 1)).filter(|&k| !inside(k, s) && !inside(k, t) && !coordinated(k)).collect()
}

/// Codes a matched pattern's events between the actors it finds. With `alone`, only when no
/// target is found at all: the source's events with no target.
fn resolve(m: &Matcher, p: &Pattern, c: &Candidate, alone: bool, out: &mut Vec<Coded>) {
    // What a fire, a quake or an accident kills is no one's act: "a quake ... hit south-west
    // Japan, killing two people", "a fire last week killed one miner".
    if matches!(&p.code[..2], "18" | "19" | "20") && p.trigger_is_verb() && m.accident_subject(c.trigger) {
        return;
    }
    // A pattern whose noun stands before a passive verb ("agreements .. were signed"): that
    // noun is the subject, so the other side is inside it ("agreements with Kazakhstan",
    // "between Russia and Kazakhstan") or a `between` group after the verb.
    let noun_first = c.passive && p.elems[..p.trigger].iter().any(|e| matches!(e, Elem::Words { .. }));
    let (source, target, mut roles);
    if c.passive {
        // A target slot filled after "by" holds the agent: "were shelled *by four American
        // destroyers*".
        let after_by = c.target.filter(|&g| {
            let start = m.actors.groups[g].start;
            (start.saturating_sub(3).max(c.trigger + 1)..start).any(|k| m.tokens[k].lower == "by")
        });
        let slot = c.target.filter(|_| after_by.is_none());
        source = c.source.or(after_by).or_else(|| m.by_agent(c.hi));
        target = slot
            .or_else(|| {
                if noun_first {
                    m.inside_or_between(c.lo, c.trigger, c.hi)
                } else {
                    m.tree_passive_subject(c.trigger).or_else(|| m.subject(c.lo))
                }
            })
            .or_else(|| m.possessor_before(c.lo));
        roles = "passive";
    } else {
        // A noun trigger's source stands close to it: a possessor or modifier ("Russia's
        // attack", "the Russian attack") or `by X`; a distant subject is not its agent.
        // (Where the parse names a subject that is no actor, the shallow search still looks
        // past it: measured, stopping there lost more right events than wrong ones.)
        let (tree_subject, tree_object) = if p.trigger_is_verb() {
            (m.tree_role(c.trigger, Role::Subject), m.tree_role(c.trigger, Role::Object))
        } else {
            (None, None)
        };
        // An actor inside the parse's subject phrase ("*planes from Afghanistan* attacked",
        // "*its* jets struck") before the shallow search.
        let inner_subject =
            || if p.trigger_is_verb() && c.lo < c.trigger { m.tree_subject(c.trigger).flatten() } else { None };
        // A pattern led by its own noun ("planes .. ATTACK"): "*planes from Afghanistan*".
        let noun_led =
            p.trigger_is_verb() && c.lo < c.trigger && matches!(p.elems.first(), Some(Elem::Words { verb: false, .. }));
        let from = || {
            (c.lo..c.trigger)
                .filter(|_| noun_led)
                .find(|&k| m.tokens[k].lower == "from")
                .and_then(|k| m.group_at(k + 1))
                .filter(|&g| m.kind(g) == GroupKind::Actor)
        };
        // "*Accusing* the French of overfishing, Canada said": a participle opening the
        // sentence has the main clause's subject, after its comma.
        let fronted = || {
            // (Also after a subordinator with nothing named before it: "A day *after
            // accusing* Ukraine of the attack, Peskov said".)
            let led = c.trigger > 0
                && matches!(
                    m.tokens[c.trigger - 1].lower.as_str(),
                    "after" | "before" | "while" | "when" | "since" | "despite" | "upon" | "following"
                )
                && !m.actors.groups.iter().any(|g| g.start < c.trigger);
            let opening = (c.trigger == 0 || led) && m.tokens[c.trigger].lower.ends_with("ing") && p.trigger_is_verb();
            let comma = (c.hi..m.tokens.len().min(c.hi + 12)).find(|&k| m.tokens[k].lower == ",");
            opening
                .then_some(comma)
                .flatten()
                .and_then(|k| m.group_at(k + 1))
                .filter(|&g| m.kind(g) == GroupKind::Actor)
        };
        // A possessive pronoun among a noun pattern's words is the noun's owner: "in *its*
        // talks with Peking" (not the actor that ends before "in").
        let possessor = || {
            (!p.trigger_is_verb())
                .then(|| {
                    (c.lo..c.trigger)
                        .find_map(|k| m.actors.group_starting(k))
                        .filter(|&g| m.is_pronoun_group(g, &["its", "their", "his"]))
                })
                .flatten()
        };
        // The pattern's own noun heading an actor: "*Syrian troops* entered west Beirut".
        let own_noun = || noun_led.then(|| m.group_of_token(c.lo)).flatten();
        // A participle after a speech and its listener has the speaker as subject: "Wang
        // told *reporters*, *warning* Washington against arms sales" (not the reporters).
        let trailing = || {
            let participle = p.trigger_is_verb()
                && c.lo == c.trigger
                && c.trigger >= 2
                && m.tokens[c.trigger].lower.ends_with("ing")
                && m.tokens[c.trigger - 1].lower == ",";
            participle
                .then(|| {
                    (c.trigger.saturating_sub(6)..c.trigger - 1)
                        .rev()
                        .find(|&k| SPEECH.contains(&m.tokens[k].lower.as_str()))
                        .and_then(|k| m.subject(k))
                })
                .flatten()
        };
        source = c
            .source
            .or(tree_subject)
            .or_else(possessor)
            .or_else(own_noun)
            .or_else(from)
            .or_else(fronted)
            .or_else(trailing)
            .or_else(inner_subject)
            // A pronoun opening the sentence is the speaker it closes with: "*It* urged China
            // to change course, *the Japanese Embassy* said."
            .or_else(|| (p.trigger_is_verb() && m.pronoun_subject(c.lo)).then(|| m.trailing_speaker()).flatten())
            .or_else(|| {
                if p.trigger_is_verb() {
                    // Past a subject the parse names that is no actor ("*the ship* had left
                    // Kuwait and would arrive"), not to another verb's object.
                    let named_other = matches!(m.tree_subject(c.trigger), Some(None));
                    m.subject(c.lo).filter(|&g| !(named_other && m.object_of_another_verb(g, c.trigger)))
                } else {
                    m.noun_source(c.lo, c.hi)
                }
            });
        // Force names its target inside the pattern's own words too: "captured *Iraqi*
        // positions", "shelled *Kurdish* villages" (the possessor or modifier of the noun).
        // So does protection: "escort *Kuwaiti* tankers".
        // (Of a noun too: "the *killing* of five *soldiers* by Boko Haram insurgents".)
        let forceful =
            matches!(&p.code[..2], "15" | "17" | "18" | "19" | "20") || (p.trigger_is_verb() && p.code == "074");
        // The verb's object may be the pattern's own noun ("send *troops* to", "recalled its
        // *ambassador* to"): an actor after it is the target ("to the Solomon Islands"), else
        // that noun ("cleared *protesters*"), unless it is the source's own.
        let own_noun = tree_object.is_some_and(|g| m.actors.groups[g].start >= c.lo && m.actors.groups[g].end == c.hi);
        // (Bare forces with no country, "sends *troops*", are the source's own too.)
        let countryless = |g: usize| {
            m.actors.groups[g].members.iter().all(|&k| {
                let x = &m.actors.mentions[k];
                x.kind == MentionKind::Agent && x.code.as_deref().is_none_or(|c| ARMED.contains(&c))
            })
        };
        // A person acted on is that noun itself when another country's ("summoned the
        // *Indian envoy* to protest ...", "expelled *Russian diplomats* from"), not what follows.
        let acted_on = matches!(&p.code[..2], "11" | "16" | "17");
        let foreign = |g: &usize| !m.same_country(*g, source) && !countryless(*g);
        let tree_object = if own_noun && acted_on && source.is_some() && tree_object.as_ref().is_some_and(foreign) {
            tree_object
        } else if own_noun {
            m.object(c.hi).or(tree_object.filter(foreign))
        } else {
            tree_object
        };
        let inside = || {
            forceful
                .then(|| {
                    // (A noun pattern's words may stand before its trigger: "killing of ..
                    // by $".)
                    let from = if p.trigger_is_verb() { c.trigger } else { c.lo };
                    (0..m.actors.groups.len()).find(|&g| {
                        let group = &m.actors.groups[g];
                        group.start > from
                            && group.end < c.hi
                            && Some(g) != source
                            && m.has_code(g)
                            && m.kind(g) == GroupKind::Actor
                    })
                })
                .flatten()
        };
        // What is protected is named in the pattern's words ("protect *Kuwaiti* tankers from
        // Iranian attack"): what follows is the threat.
        let protection = p.code == "074";
        // Words name their owner inside the pattern's own words too: "support *Ukraine*'s
        // bid to join the EU", "rejected the *Egyptian* proposal" (not the source's own).
        let owner = || {
            (!forceful && p.elems.last().is_some_and(|e| matches!(e, Elem::Words { .. })))
                .then(|| {
                    (0..m.actors.groups.len()).find(|&g| {
                        let group = &m.actors.groups[g];
                        group.start > c.trigger
                            && group.end < c.hi
                            && m.has_code(g)
                            && m.kind(g) == GroupKind::Actor
                            && !m.same_country(g, source)
                            && !matches!(
                                m.tokens[group.end].lower.as_str(),
                                "dlr" | "dlrs" | "dollar" | "dollars" | "dollar-denominated"
                            )
                    })
                })
                .flatten()
        };
        // An appeal's addressee is its target, whatever it asks for: "urged *Israel* to protect
        // civilians", "called on *Washington* to lift its sanctions on Cuba".
        let addressee = || {
            let k = c.trigger + 1;
            let k = if m.tokens.get(k).is_some_and(|t| matches!(t.lower.as_str(), "on" | "upon")) { k + 1 } else { k };
            (p.trigger_is_verb() && matches!(&p.code[..2], "02" | "10")).then(|| m.group_at(k)).flatten().filter(|&g| {
                m.kind(g) == GroupKind::Actor
                    && m.has_code(g)
                    && m.tokens.get(m.actors.groups[g].end).is_some_and(|t| t.lower == "to")
            })
        };
        target = addressee()
            .or(c.target)
            .or_else(|| if protection { inside() } else { None })
            .or(tree_object)
            .or_else(owner)
            .or_else(|| if protection { None } else { m.object(c.hi) })
            .or_else(inside)
            .or_else(|| m.possessive_object(c.hi, source));
        roles = if c.source.is_some() || c.target.is_some() {
            "pattern"
        } else if tree_subject.is_some() || tree_object.is_some() {
            "parse"
        } else {
            "subject-object"
        };
    }
    let actors = m.actors;
    // Forces a retreat takes back with no country of their own are the doer's ("Russian
    // forces withdrew *troops* from the area"): no target.
    let target = target.filter(|&t| {
        !(p.code.starts_with("087")
            && actors.groups[t].members.iter().all(|&k| {
                let x = &actors.mentions[k];
                x.kind == MentionKind::Agent && x.code.as_deref().is_none_or(|c| ARMED.contains(&c))
            }))
    });
    if trace() {
        let text = |g: Option<usize>| {
            g.map(|g| {
                let x = &actors.groups[g];
                m.tokens[x.start..x.end].iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" ")
            })
        };
        eprintln!(
            "trace: {} at {}: source {:?}, target {:?} ({roles})",
            m.tokens[c.trigger].lower,
            c.trigger,
            text(source),
            text(target)
        );
    }
    // Members that code: a place counts only where the pattern put it.
    let members = |g: usize, explicit: bool| -> Vec<usize> {
        actors.groups[g]
            .members
            .iter()
            .copied()
            .filter(|&k| actors.mentions[k].code.is_some() && (explicit || !actors.mentions[k].locative))
            .collect()
    };
    let within = |ms: Vec<usize>| -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for &a in &ms {
            for &b in &ms {
                if a != b {
                    pairs.push((a, b));
                }
            }
        }
        pairs
    };
    if alone && c.passive && source.is_none() && !p.mutual {
        // An act whose doer is not named: "three soldiers were killed in an ambush", "two
        // Russian diplomats were expelled", "the opposition leader was arrested". Violence
        // must be so by its clause, not an accident; statements (01) have no victim.
        let Some(t) = target else { return };
        let violent = matches!(&p.code[..2], "18" | "19" | "20");
        if violent {
            if !m.violent_clause(c.trigger) {
                return;
            }
        } else {
            // Not where the participle is a stance of its subject ("Denmark *is opposed* to
            // the tax"), and the victim must be the subject itself.
            const STANCE: &[&str] = &[
                "opposed",
                "concerned",
                "committed",
                "determined",
                "prepared",
                "interested",
                "worried",
                "disappointed",
                "divided",
                "involved",
                "engaged",
                "pleased",
                "satisfied",
                "inclined",
                "resolved",
            ];
            if p.code.starts_with("01")
                || !p.trigger_is_verb()
                || STANCE.contains(&m.tokens[c.trigger].lower.as_str())
                || !m.passive_patient(t, c.trigger)
            {
                return;
            }
        }
        // The doer may be named by the weapon: "killed *in Armenian shelling*", "struck *by
        // Israeli gunfire*".
        let weapon_owner = violent
            .then(|| {
                (0..actors.groups.len())
                    .find(|&g| {
                        let group = &actors.groups[g];
                        group.start > c.trigger
                            && group.start <= c.hi.max(c.trigger + 1) + 4
                            && matches!(m.tokens[group.start - 1].lower.as_str(), "in" | "by" | "from" | "during")
                            && m.tokens.get(group.end).is_some_and(|n| {
                                matches!(
                                    n.lower.as_str(),
                                    "shelling"
                                        | "fire"
                                        | "gunfire"
                                        | "attack"
                                        | "attacks"
                                        | "strike"
                                        | "strikes"
                                        | "airstrike"
                                        | "airstrikes"
                                        | "bombing"
                                        | "bombardment"
                                        | "raid"
                                        | "raids"
                                        | "rocket"
                                        | "rockets"
                                        | "missile"
                                        | "missiles"
                                        | "drone"
                                        | "drones"
                                )
                            })
                            && m.has_code(g)
                    })
                    // Or by the side of the fight it happened in: "killed *in a clash with Chinese
                    // troops*", "wounded in fighting with the RSF", "died in an attack by ISWAP".
                    .or_else(|| {
                        (0..actors.groups.len()).find(|&g| {
                            let group = &actors.groups[g];
                            let near = group.start > c.trigger + 2 && group.start <= c.hi.max(c.trigger + 1) + 6;
                            near && matches!(m.tokens[group.start - 1].lower.as_str(), "with" | "by")
                                && matches!(
                                    m.tokens[group.start - 2].lower.as_str(),
                                    "clash"
                                        | "clashes"
                                        | "fighting"
                                        | "battle"
                                        | "battles"
                                        | "firefight"
                                        | "gunfight"
                                        | "gunbattle"
                                        | "skirmish"
                                        | "skirmishes"
                                        | "attack"
                                        | "attacks"
                                        | "ambush"
                                        | "raid"
                                        | "assault"
                                        | "offensive"
                                )
                                && m.tokens[c.trigger + 1..group.start - 2]
                                    .iter()
                                    .any(|t| matches!(t.lower.as_str(), "in" | "during"))
                                && !m.tokens[c.trigger + 1..group.start].iter().any(is_hard_punct)
                                && m.has_code(g)
                        })
                    })
            })
            .flatten();
        for b in members(t, c.target.is_some()) {
            let doers = weapon_owner.map(|g| members(g, true)).unwrap_or_default();
            if doers.is_empty() {
                out.push(Coded::of(c, p, None, Some(b), "unnamed doer"));
            }
            for a in doers {
                let (ca, cb) =
                    (actors.mentions[a].code.as_deref().unwrap(), actors.mentions[b].code.as_deref().unwrap());
                if !is_self_dyad(ca, cb) {
                    out.push(Coded::of(c, p, Some(a), Some(b), "weapon"));
                }
            }
        }
        return;
    }
    if alone && target.is_none() && !p.mutual && matches!(&p.code[..2], "18" | "19" | "20") {
        // Force whose doer is named next to it and whose victim names no actor: "the rigs were
        // shelled *by four American destroyers*", "*U.S.* raids on the rigs", "the attack *by
        // U.S. Navy destroyers* on the platform". Not a feared or possible attack ("the risk
        // of Iranian attack").
        let hypothetical = m.tokens[c.lo.saturating_sub(4)..c.lo].iter().any(|t| {
            matches!(
                t.lower.as_str(),
                "risk"
                    | "threat"
                    | "fear"
                    | "fears"
                    | "possible"
                    | "potential"
                    | "any"
                    | "no"
                    | "future"
                    | "planned"
                    | "prevent"
                    | "avoid"
                    | "deter"
                    | "against"
                    // Force stopped is none: "the Houthis *halted* attacks on shipping".
                    | "halt"
                    | "halted"
                    | "halting"
                    | "stop"
                    | "stopped"
                    | "suspend"
                    | "suspended"
                    | "end"
                    | "ended"
                    | "cease"
                    | "ceased"
                    | "pause"
                    | "paused"
            )
        });
        let named = if c.passive {
            source
        } else if !p.trigger_is_verb()
            && c.source.is_none()
            && (c.trigger..(c.trigger + 2).min(m.tokens.len()))
                .any(|k| matches!(m.tokens[k].lower.as_str(), "on" | "against" | "into"))
        {
            // A noun of force aimed at something ("raids *on*"), its doer the modifier.
            source
        } else {
            None
        };
        if let Some(s) = named.filter(|_| !hypothetical) {
            for a in members(s, false) {
                out.push(Coded::of(c, p, Some(a), None, "alone"));
            }
            return;
        }
    }
    if alone {
        // A court's or the police's act on a person no dictionary names ("Judge Schwartz
        // *sentenced* David Turpin", "Waseem was *sentenced* ... by a court in Multan",
        // "police *arrested* a Cheltenham man"), or an accusation of one ("the government
        // *accused* Avenatti of extortion"), is still the doer's act: coded with no target.
        // (Not lawsuits: most are companies'.)
        let legal = p.code.starts_with("173") || p.code.starts_with("112") || p.code == "116";
        // A group acting jointly with no other side is no act of one alone; nor is a
        // passive's victim the doer. The doer must be sure: named by the pattern, or the
        // parse's subject of a finite verb ("to demolish", "the bombing" name no doer).
        // (A passive's doer named after "by" acts alone too: "the resolution was vetoed *by
        // Russia*"; not in lawsuits, nor in "pressured by" something that is no one's act.)
        let by_doer = c.passive && source.is_some() && !matches!(p.code.as_str(), "115" | "170");
        // A show of force with the doer's own forces as its object is the doer's alone:
        // "Serbia put *its troops* on full alert".
        let own_object = !c.passive
            && p.code.starts_with("15")
            && source.is_some()
            && target.is_some_and(|t| m.same_country(t, source));
        if (target.is_some() && !own_object) || (c.passive && !by_doer) || p.mutual || !p.trigger_is_verb() {
            return;
        }
        // A bare verb of force with no victim is too often something else ("executed a
        // plan", "killing animals"); words of its own make it sure ("opened fire").
        // (But force on people the story named before is force: "the rebels *attacked
        // them* using an IED"; its doer acts, the victim left unresolved.)
        let violent = matches!(&p.code[..2], "18" | "19" | "20");
        let pronoun_victim = violent && m.tree_object_is_person_pronoun(c.trigger);
        let bare = p.elems.iter().filter(|e| matches!(e, Elem::Words { .. })).count() == 1;
        // (Nor when what it strikes is a thing force strikes: "the guerrillas *bombed military
        // vehicles*", "troops shelled rebel *positions*", within the clause.)
        let force_object = || {
            m.tokens[c.trigger + 1..m.tokens.len().min(c.trigger + 6)]
                .iter()
                .take_while(|t| !CLAUSE_END.contains(&t.lower.as_str()))
                .any(|t| FORCE_OBJECTS.contains(&t.lower.as_str()))
        };
        if bare && violent && !pronoun_victim && !force_object() {
            return;
        }
        // (Unless a finite decision governs it: "EU foreign ministers have *decided to* adopt
        // sanctions", the decision being the act.)
        let decided = c.trigger >= 2
            && matches!(m.tokens[c.trigger - 2].lower.as_str(), "decided" | "decides")
            && m.mood(c.trigger) == Mood::Fact;
        if c.trigger > 0 && m.tokens[c.trigger - 1].lower == "to" && !decided {
            return;
        }
        // A target that is there but not coded (a person with no office on the date) is
        // still a target; a passive's subject is the victim.
        // (Nor does coercion of a thing or a person no dictionary names: "Russian authorities
        // blocked *Instagram*".)
        let named = if legal || p.code.starts_with("17") {
            m.tree_object_is_pronoun(c.trigger)
        } else {
            m.tree_has_named_object(c.trigger)
        };
        let passive = m.tree_is_passive(c.trigger) || (legal && m.tree_is_reduced_relative(c.trigger));
        if (named && !own_object && !pronoun_victim) || (passive && !c.passive) {
            return;
        }
        let doer = if c.passive {
            source
        } else {
            c.source
                .or_else(|| m.tree_subject(c.trigger).flatten())
                .or_else(|| m.pronoun_subject(c.lo).then(|| m.trailing_speaker()).flatten())
        };
        let Some(s) = doer else { return };
        // Only society protests on its own (a government "holding a rally" campaigns).
        let state = |k: usize| {
            let code = actors.mentions[k].code.as_deref().unwrap_or_default();
            matches!(code.get(code.len().saturating_sub(3)..), Some("GOV" | "MIL" | "COP" | "JUD" | "LEG" | "SPY"))
        };
        if p.code.starts_with("14") && actors.groups[s].members.iter().any(|&k| state(k)) {
            return;
        }
        for a in members(s, c.source.is_some()) {
            let code = actors.mentions[a].code.as_deref().unwrap_or_default();
            // A retreat alone is armed forces' ("rates *retreated* from a peak"); and
            // what is "released by" a ministry is mostly figures, not prisoners.
            let parts = m.ontology.split_actor(code);
            let armed = matches!(parts.types[0].as_str(), "MIL" | "REB" | "INS" | "UAF" | "PKO");
            if state_decision(&p.code)
                && (!state_decides(&parts, code)
                    || (c.passive && c.source.is_none())
                    || (p.code.starts_with("087") && !armed))
            {
                continue;
            }
            out.push(Coded::of(c, p, Some(a), None, "alone"));
        }
        return;
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    // An act on "each other" is the subject group's members' on one another: "Kyrgyzstan and
    // Tajikistan *accused each other* of starting the fighting".
    if !p.mutual
        && !c.passive
        && target.is_none()
        && let Some(s) = source
        && members(s, c.source.is_some()).len() >= 2
        && m.tokens.get(c.hi.max(c.trigger + 1)..c.hi.max(c.trigger + 1) + 2).is_some_and(|w| {
            matches!((w[0].lower.as_str(), w[1].lower.as_str()), ("each", "other") | ("one", "another"))
        })
    {
        pairs = within(members(s, c.source.is_some()));
        roles = "each other";
    }
    // A joint action by a group ("Tokayev and Putin discussed", "agreements between Russia
    // and Kazakhstan were signed") pairs the group's members, unless the pattern itself
    // names the other side.
    if p.mutual {
        // A passive's doers after "by" act jointly; not a demand "met by" purchases.
        let joint_passive = c.passive && m.tokens[c.trigger].lower != "met";
        let group = match (source, target) {
            // A joint subject stands next to its verb ("Russia and China *are* implementing",
            // "the two leaders spoke"), or is named by "between"; a group further back is
            // some other phrase's ("discuss the problems of Afghanistan and Kampuchea in its
            // talks ... on normalising relations").
            (Some(s), _)
                if c.target.is_none()
                    && members(s, c.source.is_some()).len() >= 2
                    && (c.source.is_some()
                        || joint_passive
                        || actors.groups[s].between
                        || m.adjacent_subject(s, c.lo)
                        || m.they_stand_for(s, c.lo)) =>
            {
                Some((s, c.source.is_some()))
            }
            // (Not a hyphenated pair after the verb: "discuss the *Iran-Iraq* war".)
            (None, Some(t))
                if members(t, c.target.is_some()).len() >= 2
                    && !actors.groups[t]
                        .members
                        .iter()
                        .any(|&k| actors.mentions[k].entry.starts_with("hyphenated:")) =>
            {
                Some((t, c.target.is_some()))
            }
            (Some(s), Some(t)) if s == t => Some((s, false)),
            _ => None,
        };
        // Or the main clause's joint subject, of a participle after "after": "Kyrgyzstan and
        // Tajikistan have completed the withdrawal *after agreeing* on a ceasefire".
        let group = group.or_else(|| {
            (c.source.is_none() && c.target.is_none())
                .then(|| m.subordinate_subject(c.trigger))
                .flatten()
                .filter(|&g| members(g, false).len() >= 2)
                .map(|g| (g, false))
        });
        if let Some((g, explicit)) = group {
            pairs = within(members(g, explicit));
            roles = "mutual";
        }
        // A joint act in the passive, its doers after "by" in words no grouping joins.
        if pairs.is_empty()
            && joint_passive
            && c.source.is_none()
            && c.target.is_none()
            && let Some((a, b)) = m.by_phrase_pair(c.hi.max(c.trigger + 1))
        {
            pairs = vec![(a, b), (b, a)];
            roles = "mutual";
        }
        // A country's warring sides acting together: the country on both sides ("Yemen's
        // warring parties agreed to a truce" YEM ↔ YEM).
        if pairs.is_empty()
            && c.source.is_none()
            && c.target.is_none()
            && let Some(k) = m.warring_sides(c.lo)
        {
            out.push(Coded::of(c, p, Some(k), Some(k), "warring sides"));
            return;
        }
    }
    // A joint act named by one actor before its noun ("the *Venice* summit", "*ICO* talks")
    // pairs it only with a partner named "with" it ("Japan's trade talks *with* the U.S.").
    if p.mutual
        && pairs.is_empty()
        && c.source.is_some()
        && c.target.is_none()
        && m.tokens.get(c.hi).is_none_or(|t| t.lower != "with")
    {
        return;
    }
    if pairs.is_empty()
        && let (Some(s), Some(t)) = (source, target)
        && s != t
    {
        for a in members(s, c.source.is_some()) {
            for b in members(t, c.target.is_some()) {
                pairs.push((a, b));
            }
        }
    }
    // Violence whose subject is the weapon itself, its doer unnamed: "A roadside *bomb* killed
    // three soldiers in Narathiwat" (the victims stand, the doer is unknown).
    if pairs.is_empty()
        && source.is_none()
        && !p.mutual
        && !c.passive
        && p.trigger_is_verb()
        && matches!(&p.code[..2], "18" | "19" | "20")
        && m.weapon_subject(c.trigger)
        && let Some(t) = target
    {
        for b in members(t, c.target.is_some()) {
            out.push(Coded::of(c, p, None, Some(b), "unnamed doer"));
        }
        return;
    }
    // A subject that is a pronoun opening an article, where nothing can explain it ("*They*
    // urged Tehran to", a sentence coded alone): the act and its target stand, its doer is
    // unknown. (Later in an article such a pronoun is some uncoded company's or person's.)
    if pairs.is_empty()
        && source.is_none()
        && actors.opening
        && !p.mutual
        && p.trigger_is_verb()
        && m.pronoun_subject(c.lo)
    {
        if let Some(t) = target {
            for b in members(t, c.target.is_some()) {
                out.push(Coded::of(c, p, None, Some(b), "unknown pronoun"));
            }
        }
        return;
    }
    // A subject that is a name no dictionary knows, opening the sentence ("*Choe* accused
    // U.S. and South Korean officials of plotting", "*Mr Xaydarov* urged Russia to"): the act
    // and its target stand, its doer is not coded.
    if pairs.is_empty()
        && source.is_none()
        && !p.mutual
        && !c.passive
        && p.trigger_is_verb()
        && !matches!(&p.code[..2], "03" | "04" | "06" | "07" | "08")
        && m.unknown_name_subject(c.lo)
        && m.tree_subject_before(c.trigger, c.lo)
    {
        // (Not a place the act happens in: "Apple sued Samsung *in a California court*".)
        let placed = |t: usize| {
            let start = actors.groups[t].start;
            start > c.hi
                && m.tokens[c.hi..start].iter().any(|w| {
                    matches!(w.lower.as_str(), "in" | "at" | "from" | "during" | "near" | "inside" | "outside")
                })
        };
        if let Some(t) = target.filter(|&t| !placed(t)) {
            for b in members(t, c.target.is_some()) {
                // Aimed at a state, its organs, an international body or an armed group (a
                // name no dictionary knows urging "shareholders" is a company's).
                let code = actors.mentions[b].code.as_deref().unwrap_or_default();
                if !state_decides(&m.ontology.split_actor(code), code) {
                    continue;
                }
                out.push(Coded::of(c, p, None, Some(b), "unknown name"));
            }
        }
        return;
    }
    for (a, b) in pairs {
        let (ca, cb) = (actors.mentions[a].code.as_deref().unwrap(), actors.mentions[b].code.as_deref().unwrap());
        if is_self_dyad(ca, cb)
            && !coerces_own_society(&p.code, ca, cb)
            && !faction_fights(&p.code, &actors.mentions[a], &actors.mentions[b], c.trigger)
            && !protests_at_home(&p.code, ca, &actors.mentions[b])
            && !state_and_insurgents(ca, cb)
        {
            continue;
        }
        let mut e = Coded::of(c, p, Some(a), Some(b), roles);
        if let Some((code, why)) = clash_at_protest(&p.code, &m.tokens[c.trigger].lower, ca, cb) {
            e.code = code.to_string();
            e.roles = why;
        }
        out.push(e);
    }
}

/// A clash between a country's police or troops and its protesters is no battle (190): the
/// state's side represses (175: "Police in Kenya have been clashing with anti-government
/// protesters"), the protesters' side riots (145: "protesters clashed with police").
/// (Killing is not a clash: "troops killed ten dissidents in clashes" stays force.)
fn clash_at_protest(code: &str, trigger: &str, source: &str, target: &str) -> Option<(&'static str, &'static str)> {
    let clash = ["clash", "scuffl", "skirmish", "brawl", "tussl"].iter().any(|w| trigger.starts_with(w));
    if code != "190" || !clash || source.len() < 6 || target.len() < 6 || source[..3] != target[..3] {
        return None;
    }
    let state = |c: &str| matches!(&c[3..6], "COP" | "MIL");
    let crowd = |c: &str| matches!(&c[3..6], "CVL" | "OPP");
    if state(source) && crowd(target) {
        Some(("175", "force of police or troops on protesters: repression (175)"))
    } else if crowd(source) && state(target) {
        Some(("145", "protesters' force on police or troops: a violent protest (145)"))
    } else {
        None
    }
}

/// The same actor on both sides: identical codes, or the same country where one side has no
/// sector (`RUSGOV` and `RUS`). `KAZGOV` and `KAZOPP` are a real domestic dyad.
pub fn is_self_dyad(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() == 3 && long.starts_with(short)
}

/// A state coercing or sentencing its own society: "Israel arrested six Jewish suspects" (ISR →
/// ISRCRM), "Turkey sentenced two people smugglers" (TUR → TURCRM), a real domestic dyad
/// though the bare country and the sector share a prefix.
fn coerces_own_society(code: &str, source: &str, target: &str) -> bool {
    // (So is a state's assault on its own people: "Iran executed a protester" IRN → IRNCVL;
    // not fighting, whose bare country is as often only the place: "hit Japan, killing two".)
    // (And a state's release or concession to its own people: "Cuba released 53 political
    // prisoners" CUB → CUBOPP.)
    let coercion = (code.starts_with("17") || code == "116" || code.starts_with("18") || code.starts_with("08"))
        && source.len() == 3
        && target.len() >= 6
        && target.starts_with(source)
        && (matches!(
            &target[3..6],
            "CVL"
                | "OPP"
                | "CRM"
                | "REB"
                | "INS"
                | "SEP"
                | "LAB"
                | "EDU"
                | "MED"
                | "REF"
                | "HRI"
                | "ENV"
                | "NGO"
                | "HLH"
                | "RAD"
                | "MOD"
                | "REL"
        ) || (code.starts_with("17") && matches!(&target[3..6], "LEG" | "GOV" | "JUD" | "MIL" | "COP")));
    // (A state's arrests of its own lawmakers, officials and officers are coercion at home too:
    // "Venezuelan intelligence agents detained a senior leader of the National Assembly".)
    // So is an armed group fighting in its own country: "rebels attacked the Libyan
    // capital" (LBYREB → LBY), a civil war's act. (Not the army: "Iraqi troops repelled an
    // attack east of Basra" is no attack on Iraq.)
    let civil_war = matches!(&code[..2], "18" | "19" | "20")
        && target.len() == 3
        && source.len() >= 6
        && source.starts_with(target)
        && matches!(&source[3..6], "REB" | "INS" | "SEP" | "UAF");
    // So is armed forces' retreat from a place of their own country: "M23 rebels withdrew
    // from Goma" (CODREB → COD), "Syrian troops withdrew from the town".
    let retreat_at_home = code.starts_with("087")
        && target.len() == 3
        && source.len() >= 6
        && source.starts_with(target)
        && matches!(&source[3..6], "REB" | "INS" | "SEP" | "UAF" | "MIL" | "COP");
    // A country's people protesting against a part of it: "Sudanese took to the streets
    // against the military" (SDN → SDNMIL).
    let protest = code.starts_with("14") && source.len() == 3 && target.len() >= 6 && target.starts_with(source);
    // So is a show of force in the forces' own country: "the Colombian army deployed tanks at
    // the north entrance of Bogota" (COLMIL → COL).
    let force_at_home = code.starts_with("15")
        && target.len() == 3
        && source.len() >= 6
        && source.starts_with(target)
        && matches!(&source[3..6], "MIL" | "COP" | "GOV");
    coercion || civil_war || protest || retreat_at_home || force_at_home
}

/// A country and its own non-state armed group are two sides in whatever they do: "Colombia
/// and the ELN agreed to extend the ceasefire" (COL ↔ COLREB), "Colombia attacked the ELN".
fn state_and_insurgents(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() == 3 && long.starts_with(short) && matches!(long.get(3..6), Some("REB" | "INS" | "SEP" | "UAF"))
}

/// A country's society protesting at home, named by the country rather than a place in it:
/// "22,000 people rallied in the *Russian* capital" (RUSCVL → RUS). (A place after "in" is
/// left to a weaker pattern that may find whom they protest against: "rallied in Kyiv
/// against the government".)
fn protests_at_home(code: &str, source: &str, target: &Mention) -> bool {
    let society = matches!(source.get(3..6), Some("CVL" | "OPP" | "LAB" | "EDU" | "HRI" | "REL" | "REF"));
    let target_code = target.code.as_deref().unwrap_or_default();
    code.starts_with("14") && society && target_code.len() == 3 && source.starts_with(target_code) && !target.locative
}

/// A named armed faction's force against its own country or against another named faction
/// of the same code, or a state's forces striking one of its own cities, is a civil war's act: "the *Libyan National Army* launched an offensive on
/// Tripoli" (LBYMIL → LBY), though a country's troops named by role are the state itself
/// ("Iraqi troops repelled an attack east of Basra" is no attack on Iraq).
fn faction_fights(code: &str, a: &Mention, b: &Mention, trigger: usize) -> bool {
    let (Some(ca), Some(cb)) = (a.code.as_deref(), b.code.as_deref()) else {
        return false;
    };
    let armed = |c: &str| c.len() >= 6 && matches!(&c[3..6], "MIL" | "REB" | "INS" | "SEP" | "UAF");
    let faction = |m: &Mention| m.kind == MentionKind::Organization && m.code.as_deref().is_some_and(armed);
    if !matches!(&code[..2], "18" | "19" | "20") {
        return false;
    }
    // A state's forces striking a city of their own, named as what they strike, the verb's
    // object (not a place where they act, nor one near which they fend off an attack):
    // "Sudan's army bombed *Nyala*", held by the other side of a civil war.
    // (Also a region, and after a light verb's noun: "the Syrian army carried out strikes on
    // *Aleppo*"; and by the country named alone with its aircraft or guns, "*Ethiopian* jets
    // bombed Mekelle".)
    let city = matches!(b.kind, MentionKind::City | MentionKind::Capital | MentionKind::Region)
        && !b.locative
        && b.tokens.0 > trigger
        && b.tokens.0 <= trigger + 5;
    let heavy = matches!(code, "194" | "195");
    if city
        && cb.len() == 3
        && ca.starts_with(cb)
        && (matches!(ca.get(3..6), Some("MIL" | "COP")) || (heavy && ca == cb))
    {
        return true;
    }
    faction(a) && ((cb.len() == 3 && ca.starts_with(cb)) || (ca == cb && faction(b) && a.name != b.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_dyads() {
        assert!(is_self_dyad("RUS", "RUS"));
        assert!(is_self_dyad("RUSGOV", "RUS"));
        assert!(!is_self_dyad("KAZGOV", "KAZOPP"));
        assert!(!is_self_dyad("RUS", "KAZ"));
        assert!(coerces_own_society("173", "ISR", "ISRCRM"));
        assert!(!coerces_own_society("190", "JPN", "JPNCVL"));
    }
}
