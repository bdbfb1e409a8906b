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

    // Role codes.
    for e in &kb.entities {
        for r in &e.roles {
            let head = &r.code[..3];
            let known = kb
                .ontology
                .actor_code(head)
                .iter()
                .any(|(k, _)| matches!(k, ActorCodeKind::Country | ActorCodeKind::Type | ActorCodeKind::Group));
            if !known {
                problems.push(format!(
                    "{}: {} has role code {} whose '{head}' is not a CAMEO country or organisation code",
                    e.origin, e.name, r.code
                ));
            }
        }
    }

    // Alias conflicts: one surface form, two codes, overlapping dates.
    let mut by_surface: HashMap<Vec<String>, Vec<(String, Range, &str)>> = HashMap::new();
    for e in &kb.entities {
        if e.kind == EntityKind::Agent {
            continue;
        }
        let matched = |d: &&super::entities::Dated| d.matched;
        let forms = std::iter::once(e.name.as_str())
            .chain(e.names.iter().filter(matched).map(|d| d.value.as_str()))
            .chain(e.adjectives.iter().filter(matched).map(|d| d.value.as_str()));
        let spans: Vec<(String, Range)> = if e.kind == EntityKind::Person {
            e.roles.iter().map(|r| (r.code.clone(), r.when)).collect()
        } else {
            vec![(e.code.clone(), e.dates)]
        };
        for form in forms {
            // Forms written in capitals ("GUAM") match other text than proper names ("Guam").
            let caps = form.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !form.chars().any(char::is_lowercase);
            let mut toks = name_tokens(form);
            if caps {
                toks.insert(0, "<caps>".into());
            }
            for (code, when) in &spans {
                by_surface.entry(toks.clone()).or_default().push((code.clone(), *when, &e.origin));
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
