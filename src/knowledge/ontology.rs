//! The CAMEO ontology: every event code with its name, Goldstein weight, QuadClass and PLOVER
//! type, and the actor code tables used to split composite actor codes into GDELT columns.
//!
//! The tables are data (`data/ontology/*.tsv`) compiled into the binary.

use std::collections::HashMap;

const CAMEO_TSV: &str = include_str!("../../data/ontology/cameo.tsv");
const ACTOR_CODES_TSV: &str = include_str!("../../data/ontology/actor_codes.tsv");

/// One CAMEO event code.
#[derive(Clone, Debug, PartialEq)]
pub struct EventCode {
    pub code: String,
    pub name: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub plover_type: String,
    pub plover_mode: String,
    pub plover_context: String,
}

impl EventCode {
    /// The two-digit root ("04" for "043").
    pub fn root(&self) -> &str {
        &self.code[..2]
    }
    /// The three-digit base code ("043" for "0431", the root itself for "04").
    pub fn base(&self) -> &str {
        &self.code[..self.code.len().min(3)]
    }
}

/// Kinds of CAMEO actor code segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorCodeKind {
    Country,
    Type,
    Group,
    Ethnic,
    Religion,
}

/// A composite actor code split as GDELT's actor columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorParts {
    pub country: String,
    pub known_group: String,
    pub ethnic: String,
    pub religion: [String; 2],
    pub types: [String; 3],
}

pub struct Ontology {
    events: HashMap<String, EventCode>,
    order: Vec<String>,
    actor_codes: HashMap<String, Vec<(ActorCodeKind, String)>>,
}

impl Ontology {
    /// The built-in tables.
    pub fn builtin() -> Ontology {
        let mut events = HashMap::new();
        let mut order = Vec::new();
        for line in CAMEO_TSV.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 7 {
                continue;
            }
            let code = EventCode {
                code: f[0].to_string(),
                name: f[1].to_string(),
                goldstein: f[2].parse().unwrap_or(0.0),
                quad_class: f[3].parse().unwrap_or(0),
                plover_type: f[4].to_string(),
                plover_mode: f[5].to_string(),
                plover_context: f[6].to_string(),
            };
            order.push(code.code.clone());
            events.insert(code.code.clone(), code);
        }
        let mut actor_codes = HashMap::new();
        for line in ACTOR_CODES_TSV.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let kind = match f[0] {
                "country" => ActorCodeKind::Country,
                "type" => ActorCodeKind::Type,
                "group" => ActorCodeKind::Group,
                "ethnic" => ActorCodeKind::Ethnic,
                "religion" => ActorCodeKind::Religion,
                _ => continue,
            };
            // Ethnic codes are lower case in CAMEO; segments of actor codes are upper case.
            actor_codes.entry(f[1].to_uppercase()).or_insert_with(Vec::new).push((kind, f[2].to_string()));
        }
        Ontology { events, order, actor_codes }
    }

    pub fn event(&self, code: &str) -> Option<&EventCode> {
        self.events.get(code)
    }

    /// All event codes in code order.
    pub fn events(&self) -> impl Iterator<Item = &EventCode> {
        self.order.iter().map(|c| &self.events[c])
    }

    /// What a three-letter actor code segment can be (a segment such as `UNO` is both a type
    /// and a known group).
    pub fn actor_code(&self, segment: &str) -> &[(ActorCodeKind, String)] {
        self.actor_codes.get(segment).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Splits `RUSGOV` into country `RUS`, type `GOV`; `IGOUNO` into type `IGO`, group `UNO`.
    pub fn split_actor(&self, code: &str) -> ActorParts {
        let mut parts = ActorParts::default();
        let mut types = 0;
        let mut religions = 0;
        let bytes = code.as_bytes();
        let mut i = 0;
        while i + 3 <= bytes.len() {
            let seg = &code[i..i + 3];
            i += 3;
            let kinds = self.actor_code(seg);
            let has = |k: ActorCodeKind| kinds.iter().any(|(kind, _)| *kind == k);
            if i == 3 && has(ActorCodeKind::Country) {
                parts.country = seg.to_string();
            } else if has(ActorCodeKind::Group) && parts.known_group.is_empty() && (i > 3 || !has(ActorCodeKind::Type))
            {
                parts.known_group = seg.to_string();
            } else if has(ActorCodeKind::Type) && types < 3 {
                parts.types[types] = seg.to_string();
                types += 1;
            } else if has(ActorCodeKind::Religion) && religions < 2 {
                parts.religion[religions] = seg.to_string();
                religions += 1;
            } else if has(ActorCodeKind::Ethnic) && parts.ethnic.is_empty() {
                parts.ethnic = seg.to_lowercase();
            }
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_complete() {
        let o = Ontology::builtin();
        let codes: Vec<&EventCode> = o.events().collect();
        assert!(codes.len() >= 310, "only {} codes", codes.len());
        for c in codes {
            assert!(!c.name.is_empty(), "{} has no name", c.code);
            assert!((1..=4).contains(&c.quad_class), "{}", c.code);
            assert!((-10.0..=10.0).contains(&c.goldstein), "{}", c.code);
            let root: u32 = c.root().parse().unwrap();
            assert!((1..=20).contains(&root));
            if root >= 3 {
                assert!(!c.plover_type.is_empty(), "{} has no PLOVER type", c.code);
            }
        }
    }

    #[test]
    fn known_values() {
        let o = Ontology::builtin();
        let c = o.event("043").unwrap();
        assert_eq!(
            (c.goldstein, c.quad_class, c.plover_type.as_str(), c.plover_mode.as_str()),
            (2.8, 1, "CONSULT", "visit")
        );
        assert_eq!(o.event("057").unwrap().goldstein, 8.0);
        assert_eq!(o.event("190").unwrap().quad_class, 4);
        assert_eq!(o.event("0331").unwrap().base(), "033");
    }

    #[test]
    fn splits_actor_codes() {
        let o = Ontology::builtin();
        let p = o.split_actor("RUSGOV");
        assert_eq!((p.country.as_str(), p.types[0].as_str()), ("RUS", "GOV"));
        let p = o.split_actor("IGOUNO");
        assert_eq!((p.country.as_str(), p.types[0].as_str(), p.known_group.as_str()), ("", "IGO", "UNO"));
        let p = o.split_actor("USAMILREB");
        assert_eq!(p.types, ["MIL".to_string(), "REB".to_string(), String::new()]);
    }

    #[test]
    fn every_dictionary_country_is_a_country_segment() {
        // Else a 1987 "Soviet" actor has no country: no owner of "its", no country for agents.
        let o = Ontology::builtin();
        let p = o.split_actor("USRGOV");
        assert_eq!((p.country.as_str(), p.types[0].as_str()), ("USR", "GOV"));
        let countries = include_str!("../../data/dictionaries/countries.txt");
        for code in countries.lines().filter_map(|l| l.strip_prefix("country ")).filter_map(|l| l.split(' ').next()) {
            assert_eq!(o.split_actor(code).country, code, "{code} is not a country in actor_codes.tsv");
        }
    }
}
