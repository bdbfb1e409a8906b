//! Knowledge stage: the CAMEO ontology, the entity dictionaries (countries, regions,
//! organisations, agents, people), the verb patterns, and the indexes the coder looks them
//! up through.
//!
//! Built once per run, read-only afterwards (shared by reference between threads). Depends on
//! `model` and on `text` (names are tokenized like article text).

pub mod check;
pub mod entities;
pub mod fxhash;
pub mod legacy;
pub mod lexicon;
pub mod ontology;
pub mod verbs;

use std::collections::HashMap;

/// Family names that East Asian names put first (Chinese, Korean, Vietnamese, in their usual
/// romanisations).
const EAST_ASIAN_FAMILY_NAMES: &[&str] = &[
    "kim", "lee", "park", "choi", "chung", "jung", "kang", "cho", "yoon", "moon", "han", "ban", "roh", "shin", "hwang",
    "wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "hu", "zhu", "gao",
    "lin", "guo", "ma", "luo", "mao", "xi", "qin", "wen", "jiang", "deng", "cui", "fu", "geng", "hua", "kong", "lu",
    "tang", "wei", "xie", "yao", "yu", "zeng", "dong", "cao", "peng", "nguyen", "tran", "pham", "vo", "hun",
];

/// Surnames too common, or words too common, to stand for one person alone: ordinary words
/// and the most frequent English and Spanish surnames (months and days are
/// [`crate::text::is_month_or_weekday`]).
const COMMON_SURNAMES: &[&str] = &[
    "said",
    "pierce",
    "bird",
    "king",
    "young",
    "long",
    "rich",
    "brown",
    "white",
    "black",
    "green",
    "little",
    "hill",
    "wood",
    "rose",
    "bell",
    "price",
    "cash",
    "gold",
    "ford",
    "banks",
    "jesus",
    "north",
    "urban",
    "steel",
    "younger",
    "block",
    "smith",
    "johnson",
    "williams",
    "jones",
    "miller",
    "davis",
    "wilson",
    "moore",
    "taylor",
    "anderson",
    "thomas",
    "jackson",
    "harris",
    "thompson",
    "clark",
    "lewis",
    "lee",
    "walker",
    "hall",
    "allen",
    "scott",
    "adams",
    "baker",
    "nelson",
    "carter",
    "mitchell",
    "roberts",
    "turner",
    "phillips",
    "campbell",
    "parker",
    "evans",
    "edwards",
    "collins",
    "stewart",
    "morris",
    "murphy",
    "cook",
    "rogers",
    "morgan",
    "cooper",
    "peterson",
    "reed",
    "cohen",
    "kelly",
    "howard",
    "ward",
    "cox",
    "richardson",
    "watson",
    "brooks",
    "gray",
    "james",
    "bennett",
    "sanders",
    "garcia",
    "gonzalez",
    "rodriguez",
    "lopez",
    "martinez",
    "hernandez",
    "perez",
    "sanchez",
    "ramirez",
    "santos",
    "silva",
    "fernandez",
    "gomez",
    "diaz",
    "torres",
    "flores",
    "rivera",
    "ruiz",
    "alvarez",
    "romero",
    "castro",
    "morales",
    "ortiz",
    "gutierrez",
    "chavez",
    "ramos",
    "herrera",
    "medina",
    "vargas",
    "reyes",
    "cruz",
    "mendoza",
    "guzman",
    "khan",
    "ali",
    "ahmed",
    "hussein",
    "hassan",
    "singh",
    "kumar",
    "wang",
    "zhang",
    "chen",
    "liu",
    "kim",
    "park",
    "nguyen",
    "tran",
];
use std::path::{Path, PathBuf};

pub use entities::{Diagnostic, Entity, EntityKind};
pub use lexicon::{Lexicon, NameRole};
pub use ontology::Ontology;
pub use verbs::{Elem, Pattern, VerbTable};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/dictionaries.rs"));
}

/// Everything the coder knows.
pub struct Knowledge {
    pub ontology: Ontology,
    pub entities: Vec<Entity>,
    pub lexicon: Lexicon,
    pub patterns: Vec<Pattern>,
    /// Trigger word form → indexes into `patterns`.
    pub triggers: fxhash::FxHashMap<String, Vec<u32>>,
    /// Pattern word form → number (see `Elem::Words::ids`).
    pub vocab: fxhash::FxHashMap<String, u32>,
    /// Seat city (lower-case tokens joined by spaces) → organisations seated there.
    pub seats: HashMap<String, Vec<u32>>,
    /// Participle and gerund forms of the verbs that trigger patterns ("ousting", "signed").
    pub verbal_forms: fxhash::FxHashSet<String>,
    /// Third-person present forms of those verbs ("provides", "sends").
    pub present_forms: fxhash::FxHashSet<String>,
    /// Lower-cased surname (last word of the display name) → the people who bear it.
    pub surnames: fxhash::FxHashMap<String, Vec<u32>>,
    /// The same for common surnames and words ("Baker", "May"): only after a title.
    pub common_surnames: fxhash::FxHashMap<String, Vec<u32>>,
    /// Problems found while loading: each names its file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The files loaded, in order.
    pub files: Vec<String>,
}

/// What a dictionary file holds, decided from its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Entities,
    Verbs,
}

/// Decides a file's kind from its first meaningful line.
pub fn detect(text: &str) -> Option<FileKind> {
    for raw in text.lines() {
        let line = entities::strip_comment(raw).trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let first = line.split_whitespace().next().unwrap_or("");
        if first == "verb"
            || (line.contains(':') && (first.starts_with(|c: char| c.is_ascii_digit()) || first == "---"))
        {
            return Some(FileKind::Verbs);
        }
        if ["country", "region", "org", "agent", "person"].contains(&first) {
            return Some(FileKind::Entities);
        }
        return None;
    }
    None
}

impl Knowledge {
    /// The dictionaries compiled into the binary.
    pub fn builtin() -> Knowledge {
        let files: Vec<(String, String)> =
            builtin::BUILTIN.iter().map(|(p, t)| (format!("data/dictionaries/{p}"), t.to_string())).collect();
        Knowledge::from_files(files, Vec::new())
    }

    /// Loads every `.txt` file under the given directories (recursively), in path order.
    /// Files whose kind cannot be told, or that cannot be read, give diagnostics.
    pub fn from_dirs(dirs: &[PathBuf]) -> Knowledge {
        let mut files = Vec::new();
        let mut diags = Vec::new();
        for dir in dirs {
            let mut paths = Vec::new();
            collect(dir, &mut paths, &mut diags);
            paths.sort();
            for p in paths {
                match std::fs::read(&p) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(t) => files.push((p.display().to_string(), t)),
                        Err(e) => diags.push(Diagnostic {
                            origin: p.display().to_string(),
                            message: format!("not UTF-8 (byte {}); file skipped", e.utf8_error().valid_up_to()),
                        }),
                    },
                    Err(e) => {
                        diags.push(Diagnostic { origin: p.display().to_string(), message: format!("cannot read: {e}") })
                    }
                }
            }
        }
        Knowledge::from_files(files, diags)
    }

    /// Builds the knowledge from (name, contents) pairs.
    pub fn from_files(files: Vec<(String, String)>, mut diagnostics: Vec<Diagnostic>) -> Knowledge {
        let ontology = Ontology::builtin();
        let mut entities = Vec::new();
        let mut verbs = VerbTable::default();
        let mut verb_files = Vec::new();
        let mut names = Vec::new();
        for (name, text) in &files {
            match detect(text) {
                Some(FileKind::Entities) => entities::parse(name, text, &mut entities, &mut diagnostics),
                Some(FileKind::Verbs) => {
                    verbs::parse_declarations(name, text, &mut verbs, &mut diagnostics);
                    verb_files.push((name, text));
                }
                None => {
                    diagnostics.push(Diagnostic {
                        origin: name.clone(),
                        message: "not a dyad dictionary (no entity header or pattern found); skipped".into(),
                    });
                    continue;
                }
            }
            names.push(name.clone());
        }
        let mut patterns = Vec::new();
        for (name, text) in verb_files {
            verbs::parse_patterns(name, text, &verbs, &ontology, &mut patterns, &mut diagnostics);
        }
        // Number every word form the patterns use, so the matcher compares integers.
        let mut vocab: fxhash::FxHashMap<String, u32> = Default::default();
        for p in patterns.iter_mut() {
            for e in p.elems.iter_mut() {
                let (forms, ids) = match e {
                    Elem::Words { forms, ids, .. } | Elem::Optional { forms, ids } => (forms, ids),
                    _ => continue,
                };
                ids.clear();
                for f in forms.iter() {
                    let next = vocab.len() as u32;
                    ids.push(*vocab.entry(f.clone()).or_insert(next));
                }
                ids.sort_unstable();
                ids.dedup();
            }
        }
        let lexicon = Lexicon::build(&entities);
        let mut triggers: fxhash::FxHashMap<String, Vec<u32>> = Default::default();
        for (i, p) in patterns.iter().enumerate() {
            let forms = match &p.elems[p.trigger] {
                Elem::Words { forms, .. } => forms,
                _ => continue,
            };
            for f in forms {
                triggers.entry(f.clone()).or_default().push(i as u32);
            }
        }
        let mut verbal_forms = fxhash::FxHashSet::default();
        let mut present_forms = fxhash::FxHashSet::default();
        for p in &patterns {
            for e in &p.elems {
                if let Elem::Words { forms, verb: true, .. } = e {
                    verbal_forms.extend(forms.iter().filter(|f| f.ends_with("ing") || f.ends_with("ed")).cloned());
                    // The lemma is first, its -s form second.
                    present_forms.extend(forms.get(1).filter(|f| f.ends_with('s')).cloned());
                }
            }
        }
        // A surname that is also someone's given name ("Martin", "Charles") is no surname alone.
        let given: fxhash::FxHashSet<String> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .filter_map(|e| e.name.split_whitespace().next().map(str::to_lowercase))
            .collect();
        let mut surnames: fxhash::FxHashMap<String, Vec<u32>> = fxhash::FxHashMap::default();
        let mut common_surnames: fxhash::FxHashMap<String, Vec<u32>> = fxhash::FxHashMap::default();
        for (i, e) in entities.iter().enumerate() {
            if e.kind != EntityKind::Person {
                continue;
            }
            // East Asian names put the family name first ("Kim Yo Jong", "Wang Yi"): it is
            // the surname, and, shared by so many, usable only after a title.
            let words: Vec<&str> = e.name.split_whitespace().collect();
            if words.len() >= 2 && EAST_ASIAN_FAMILY_NAMES.contains(&words[0].to_lowercase().as_str()) {
                common_surnames.entry(words[0].to_lowercase()).or_default().push(i as u32);
                continue;
            }
            if let Some(last) = words.last()
                && last.len() >= 3
                && last.chars().next().is_some_and(char::is_uppercase)
            {
                let last = last.to_lowercase();
                let common = given.contains(&last)
                    || COMMON_SURNAMES.contains(&last.as_str())
                    || crate::text::is_month_or_weekday(&last);
                (if common { &mut common_surnames } else { &mut surnames }).entry(last).or_default().push(i as u32);
            }
        }
        let mut seats: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            for seat in &e.seats {
                seats.entry(lexicon::name_tokens(&seat.value).join(" ")).or_default().push(i as u32);
            }
        }
        // Most specific first: at a trigger, the first pattern that matches wins.
        for list in triggers.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(patterns[i as usize].specificity));
        }
        Knowledge {
            ontology,
            entities,
            lexicon,
            patterns,
            triggers,
            seats,
            verbal_forms,
            present_forms,
            surnames,
            common_surnames,
            vocab,
            diagnostics,
            files: names,
        }
    }

    pub fn entity(&self, i: u32) -> &Entity {
        &self.entities[i as usize]
    }

    /// The entity with this code and kind, if any (countries by CAMEO code).
    pub fn find(&self, kind: EntityKind, code: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.kind == kind && e.code == code)
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let p = entry.path();
                if p.is_dir() {
                    collect(&p, out, diags);
                } else if p.extension().is_some_and(|e| e == "txt") {
                    out.push(p);
                }
            }
        }
        Err(e) => {
            diags.push(Diagnostic { origin: dir.display().to_string(), message: format!("cannot read directory: {e}") })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn surnames_that_are_also_words_need_a_title() {
        let kb = Knowledge::builtin();
        // "the North" (of Korea) is no Oliver North; "Urban unemployment" no Jerzy Urban;
        // "Steel output" no David Steel.
        for word in ["north", "urban", "cohen", "steel", "younger", "block"] {
            assert!(!kb.surnames.contains_key(word), "{word}");
            assert!(kb.common_surnames.contains_key(word), "{word}");
        }
    }

    #[test]
    fn second_tier_actors_of_1987_hold_dated_roles() {
        let kb = Knowledge::builtin();
        let date = Date::new(1987, 6, 1).unwrap();
        let code = |surname: &str| -> Vec<&str> {
            kb.surnames[surname].iter().filter_map(|&i| kb.entity(i).code_on(date)).collect()
        };
        assert_eq!(code("nunn"), ["USALEG"]);
        assert_eq!(code("akhromeyev"), ["USRMIL"]);
        assert_eq!(code("garang"), ["SDNREB"]);
        assert_eq!(code("fitzwater"), ["USAGOV"]);
        // Elizabeth Dole was a cabinet member, so the bare surname is listed for the senator.
        let dole = kb.entities.iter().find(|e| e.name == "Bob Dole").unwrap();
        assert_eq!(dole.code_on(date), Some("USALEG"));
    }
}
