//! Agent dictionaries: role nouns composed onto actors.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     a substitution set
//! CATTLE!PERSON! [~AGR]                          CATTLEMAN, CATTLEMEN, ... all [~AGR]
//! PRESIDENT_  [ ~GOVPRS]                         `~X`: appended to the actor (GON → GONGOVPRS)
//! HUMAN_RIGHTS_BODY_   [  NGO~]                  `X~`: put before it (GON → NGOGON)
//! ```

use std::collections::HashMap;

use super::actors::{Entry, parse_entries};
use super::{Diagnostic, PhraseIndex};

/// How an agent's code combines with an actor's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Compose {
    /// `~GOV`: actor code + `GOV`.
    Suffix(String),
    /// `NGO~`: `NGO` + actor code.
    Prefix(String),
}

impl Compose {
    pub fn apply(&self, actor: &str) -> String {
        match self {
            Compose::Suffix(s) => format!("{actor}{s}"),
            Compose::Prefix(p) => format!("{p}{actor}"),
        }
    }
    /// The code alone, for an agent with no actor.
    pub fn bare(&self) -> &str {
        match self {
            Compose::Suffix(s) | Compose::Prefix(s) => s,
        }
    }
}

/// Parses `~GOV`, `GOV~` (or a bare `GOV`, read as `~GOV`).
pub fn parse_compose(code: &str) -> Result<Compose, String> {
    let c = code.trim();
    if let Some(s) = c.strip_prefix('~') {
        if s.is_empty() || s.contains('~') {
            return Err(format!("bad agent code [{c}]"));
        }
        return Ok(Compose::Suffix(s.trim().to_uppercase()));
    }
    if let Some(p) = c.strip_suffix('~') {
        if p.is_empty() || p.contains('~') {
            return Err(format!("bad agent code [{c}]"));
        }
        return Ok(Compose::Prefix(p.trim().to_uppercase()));
    }
    if c.is_empty() {
        return Err("empty agent code".into());
    }
    Ok(Compose::Suffix(c.to_uppercase()))
}

#[derive(Clone, Debug)]
pub struct Agent {
    pub entry: Entry,
    pub compose: Compose,
}

#[derive(Default, Debug)]
pub struct Agents {
    pub entries: Vec<Agent>,
    pub index: PhraseIndex,
}

/// Expands `!NAME!` substitutions in a phrase.
pub fn expand(phrase: &str, sets: &HashMap<String, Vec<String>>) -> Vec<String> {
    let Some(a) = phrase.find('!') else { return vec![phrase.to_string()] };
    let Some(len) = phrase[a + 1..].find('!') else { return vec![phrase.to_string()] };
    let name = &phrase[a + 1..a + 1 + len];
    let rest = &phrase[a + 2 + len..];
    let Some(values) = sets.get(&name.to_uppercase()) else { return vec![phrase.replace('!', "")] };
    let mut out = Vec::new();
    for v in values {
        for tail in expand(rest, sets) {
            out.push(format!("{}{}{}", &phrase[..a], v, tail));
        }
    }
    out
}

/// Parses an agent file into `agents`.
pub fn parse(file: &str, text: &str, agents: &mut Agents, diags: &mut Vec<Diagnostic>) {
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut set_errors = Vec::new();
    let entries = {
        let sets_cell = std::cell::RefCell::new(&mut sets);
        parse_entries(
            file,
            text,
            diags,
            |p| expand(p, &sets_cell.borrow()),
            |line, origin, in_section| {
                if in_section {
                    return true;
                }
                // `!NAME! = A, B`; a line like `!MINIST! OF_TRADE [~GOV]` is an entry.
                let is_set =
                    line.starts_with('!') && line.split_once('=').is_some_and(|(n, _)| n.trim().ends_with('!'));
                if is_set || (line.starts_with('!') && !line.contains('[') && !line.trim_end().ends_with('!')) {
                    if let Some((name, values)) = line.split_once('=') {
                        let name = name.trim().trim_matches('!').to_uppercase();
                        let vals: Vec<String> =
                            values.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
                        if name.is_empty() || vals.is_empty() {
                            set_errors.push(origin.to_string());
                        } else {
                            sets_cell.borrow_mut().insert(name, vals);
                        }
                    } else {
                        set_errors.push(origin.to_string());
                    }
                    return true;
                }
                false
            },
        )
    };
    for o in set_errors {
        diags.push(Diagnostic { origin: o, message: "a substitution set is !NAME! = A, B, ...; line skipped".into() });
    }
    for e in entries {
        let compose = match e.codes.first().map(|c| parse_compose(&c.code)) {
            Some(Ok(c)) => c,
            Some(Err(m)) => {
                diags.push(Diagnostic { origin: e.origin.clone(), message: format!("{m}; skipped") });
                continue;
            }
            None => continue,
        };
        let id = agents.entries.len() as u32;
        for p in &e.phrases {
            agents.index.insert(p.clone(), id);
        }
        agents.entries.push(Agent { entry: e, compose });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_agents() {
        let text = "!PERSON! = MAN, MEN, WOMAN\n!BROKEN!\nCATTLE!PERSON! [~AGR]\nPRESIDENT_  [ ~GOVPRS] ;ns\n\
HUMAN_RIGHTS_BODY_   [  NGO~]\nBAD_ [~]\nNOCODE_\n";
        let mut a = Agents::default();
        let mut d = Vec::new();
        parse("t.agents", text, &mut a, &mut d);
        assert_eq!(a.entries.len(), 3, "{d:?}");
        assert_eq!(a.entries[0].entry.phrases.len(), 3);
        assert_eq!(a.entries[0].entry.phrases[1][0].text, "CATTLEMEN");
        assert_eq!(a.entries[1].compose.apply("GON"), "GONGOVPRS");
        assert_eq!(a.entries[2].compose.apply("GON"), "NGOGON");
        for line in [2, 6, 7] {
            assert!(d.iter().any(|x| x.origin == format!("t.agents:{line}")), "line {line}: {d:?}");
        }
    }
}
