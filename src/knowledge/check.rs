//! `dyad dict check`: validates the dictionaries and reports their coverage.
//!
//! Problems (each fails the check):
//! - every load diagnostic (a malformed line, naming its file and line);
//! - a CAMEO event code with no pattern;
//! - a country without a name, an adjective or demonym, or a capital;
//! - a surface form that names two different actors on the same date (an alias conflict);
//! - a role whose code does not start with a known CAMEO country or organisation code.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::entities::{EntityKind, Range};
use super::lexicon::name_tokens;
use super::ontology::ActorCodeKind;
use super::{Elem, Knowledge};

pub struct Report {
    pub lines: Vec<String>,
    pub problems: Vec<String>,
}

impl Report {
    pub fn problems(&self) -> usize {
        self.problems.len()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for l in &self.lines {
            writeln!(f, "{l}")?;
        }
        if self.problems.is_empty() {
            writeln!(f, "no problems")
        } else {
            writeln!(f, "{} problems:", self.problems.len())?;
            for p in &self.problems {
                writeln!(f, "  {p}")?;
            }
            Ok(())
        }
    }
}

fn overlap(a: Range, b: Range) -> bool {
    a.from <= b.to && b.from <= a.to
}

fn days_between(a: crate::model::Date, b: crate::model::Date) -> i64 {
    b.days() - a.days()
}

pub fn report(kb: &Knowledge) -> Report {
    let mut lines = Vec::new();
    let mut problems: Vec<String> = kb.diagnostics.iter().map(|d| d.to_string()).collect();
    lines.push(format!("files: {}", kb.files.len()));

    // Entities by kind.
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &kb.entities {
        *kinds.entry(e.kind.as_str()).or_default() += 1;
    }
    let roles: usize = kb.entities.iter().map(|e| e.roles.len()).sum();
    lines.push(format!(
        "entities: {} ({}), {} dated roles, {} surface forms",
        kb.entities.len(),
        kinds.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", "),
        roles,
        kb.lexicon.len()
    ));

    // Countries: name, adjective or demonym, capital.
    for e in kb.entities.iter().filter(|e| e.kind == EntityKind::Country) {
        let current = e.dates.to == crate::model::Date::MAX;
        if e.adjectives.is_empty() && e.demonyms.is_empty() {
            problems.push(format!("{}: country {} has no adjective or demonym", e.origin, e.code));
        }
        if e.capital.is_empty() && current {
            problems.push(format!("{}: country {} has no capital", e.origin, e.code));
        }
    }

    // Role codes: the head must be a CAMEO country, type or group code, or a code the
    // dictionaries define (historical states such as YUG or GMW).
    let defined: std::collections::HashSet<&str> = kb
        .entities
        .iter()
        .filter(|e| e.kind != EntityKind::Person && e.code.len() >= 3)
        .map(|e| &e.code[..3])
        .collect();
    for e in &kb.entities {
        for r in &e.roles {
            let head = &r.code[..3];
            let known = defined.contains(head)
                || kb
                    .ontology
                    .actor_code(head)
                    .iter()
                    .any(|(k, _)| matches!(k, ActorCodeKind::Country | ActorCodeKind::Type | ActorCodeKind::Group));
            if !known {
                problems.push(format!(
                    "{}: {} has role code {} whose '{head}' is not a CAMEO or dictionary country or organisation code",
                    e.origin, e.name, r.code
                ));
            }
        }
    }

    // Role dates: one office, one holder. Two people with the same title and code whose terms
    // overlap by more than a transition month are inconsistent.
    type Terms<'a> = Vec<(Range, &'a str, &'a str)>;
    let mut offices: HashMap<(String, String), Terms> = HashMap::new();
    for e in kb.entities.iter().filter(|e| e.kind == EntityKind::Person) {
        for r in &e.roles {
            let title = r.title.trim().to_lowercase();
            if ["president", "prime minister", "chancellor", "king", "queen", "foreign minister", "secretary of state"]
                .contains(&title.as_str())
            {
                offices.entry((r.code.clone(), title)).or_default().push((r.when, e.name.as_str(), e.origin.as_str()));
            }
        }
    }
    let mut overlaps = Vec::new();
    for ((code, title), mut terms) in offices {
        terms.sort_by_key(|t| t.0.from);
        for (i, a) in terms.iter().enumerate() {
            for b in &terms[i + 1..] {
                if b.0.from > a.0.to {
                    break;
                }
                // Open terms count up to the end of the dictionaries' present (2026).
                let end = a.0.to.min(b.0.to).min(crate::model::Date::new(2026, 12, 31).unwrap());
                let days = days_between(b.0.from, end);
                if a.1 != b.1 && days > 45 {
                    overlaps.push(format!(
                        "{}: {} and {} ({}) are both {code} {title} for {days} days",
                        b.2, a.1, b.1, a.2
                    ));
                }
            }
        }
    }
    overlaps.sort();
    problems.extend(overlaps);

    // Alias conflicts: one surface form, two codes, overlapping dates.
    let mut by_surface: HashMap<Vec<String>, Vec<(String, Range, &str)>> = HashMap::new();
    for e in &kb.entities {
        if e.kind == EntityKind::Agent {
            continue;
        }
        let matched = |d: &&super::entities::Dated| d.matched;
        let forms = std::iter::once((e.name.as_str(), Range::ALWAYS))
            .chain(e.names.iter().filter(matched).map(|d| (d.value.as_str(), d.when)))
            .chain(e.adjectives.iter().filter(matched).map(|d| (d.value.as_str(), d.when)));
        let spans: Vec<(String, Range)> = if e.kind == EntityKind::Person {
            e.roles.iter().map(|r| (r.code.clone(), r.when)).collect()
        } else {
            vec![(e.code.clone(), e.dates)]
        };
        for (form, form_when) in forms {
            // Forms written in capitals ("GUAM") match other text than proper names ("Guam").
            let caps = form.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !form.chars().any(char::is_lowercase);
            let mut toks = name_tokens(form);
            if caps {
                toks.insert(0, "<caps>".into());
            }
            for (code, when) in &spans {
                // The form holds where both it and the actor's span hold.
                let both = Range { from: when.from.max(form_when.from), to: when.to.min(form_when.to) };
                if both.from <= both.to {
                    by_surface.entry(toks.clone()).or_default().push((code.clone(), both, &e.origin));
                }
            }
        }
    }
    let mut conflicts: Vec<String> = Vec::new();
    for (surface, list) in &by_surface {
        'pairs: for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if a.0 != b.0 && a.2 != b.2 && overlap(a.1, b.1) {
                    conflicts.push(format!(
                        "'{}' names {} ({}) and {} ({}) on the same dates",
                        surface.join(" "),
                        a.0,
                        a.2,
                        b.0,
                        b.2
                    ));
                    break 'pairs;
                }
            }
        }
    }
    conflicts.sort();
    problems.extend(conflicts);

    // Patterns: coverage of the CAMEO codes.
    let mut per_code: HashMap<&str, usize> = HashMap::new();
    for p in &kb.patterns {
        *per_code.entry(p.code.as_str()).or_default() += 1;
    }
    let codes: Vec<_> = kb.ontology.events().filter(|c| c.code.len() >= 3).collect();
    let covered = codes.iter().filter(|c| per_code.contains_key(c.code.as_str())).count();
    let nulls = per_code.get("---").copied().unwrap_or(0);
    let verbs = kb.patterns.iter().filter(|p| p.trigger_is_verb()).count();
    let nouns = kb.patterns.iter().filter(|p| matches!(p.elems[p.trigger], Elem::Words { verb: false, .. })).count();
    lines.push(format!(
        "patterns: {} ({} verb-triggered, {} noun-triggered, {} null), {} trigger forms",
        kb.patterns.len(),
        verbs,
        nouns,
        nulls,
        kb.triggers.len()
    ));
    lines.push(format!("CAMEO codes with patterns: {covered}/{}", codes.len()));
    let mut by_root: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for c in &codes {
        let e = by_root.entry(c.root()).or_default();
        e.1 += 1;
        if per_code.contains_key(c.code.as_str()) {
            e.0 += 1;
        }
    }
    lines.push(format!(
        "  by root: {}",
        by_root.iter().map(|(r, (a, b))| format!("{r}:{a}/{b}")).collect::<Vec<_>>().join(" ")
    ));
    for c in &codes {
        if !per_code.contains_key(c.code.as_str()) {
            problems.push(format!("CAMEO {} ({}) has no pattern", c.code, c.name));
        }
    }
    Report { lines, problems }
}
