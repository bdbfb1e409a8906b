//! Agreements signed and projects named.
//!
//! An agreement is a sentence with an agreement noun (`agreement`, `accord`, `memorandum`,
//! `MoU`, `treaty`, `contract`, `deal`, `pact`) and a signing (`signed`, `inked`,
//! `concluded`, `sealed`, `ratified`, or a coded 057 event). Its count is the number before
//! the noun (`20 agreements`, `an agreement` is 1); its parties come from `between A and B`,
//! else from the sentence's events and actors, else from the article's main dyad; its
//! sectors are the sector themes of the sentence, else of the article's list of sectors
//! (`cooperation: industry, energy, oil and gas, ...`) when the sentence points to one
//! (`many areas`). Mentions of the same agreements (same count) are merged.
//!
//! A project is a named undertaking: a capitalised name ending in `Initiative`, `Project`,
//! `Corridor`, `Pipeline`, ... (`Belt and Road Initiative`), or a facility noun with its
//! modifiers (`nuclear power plant`, `gas pipeline`), tied to the actors of its sentence
//! (an owner in the possessive, `China's`, first).

use serde::Serialize;

use super::Spot;
use crate::model::{Shape, Token};

/// Agreement nouns → kind.
pub const NOUNS: &[(&str, &str)] = &[
    ("agreement", "agreement"),
    ("agreements", "agreement"),
    ("accord", "agreement"),
    ("accords", "agreement"),
    ("pact", "agreement"),
    ("pacts", "agreement"),
    ("memorandum", "memorandum"),
    ("memoranda", "memorandum"),
    ("memorandums", "memorandum"),
    ("mou", "memorandum"),
    ("mous", "memorandum"),
    ("treaty", "treaty"),
    ("treaties", "treaty"),
    ("contract", "contract"),
    ("contracts", "contract"),
    ("deal", "deal"),
    ("deals", "deal"),
];

const SIGN: &[&str] = &[
    "sign",
    "signs",
    "signed",
    "signing",
    "inked",
    "ink",
    "concluded",
    "conclude",
    "sealed",
    "seal",
    "ratified",
    "ratify",
    "struck",
    "clinched",
];

/// Themes that are sectors of cooperation.
pub const SECTOR_THEMES: &[&str] = &[
    "ENERGY",
    "OIL_GAS",
    "NUCLEAR",
    "TRADE",
    "INVESTMENT",
    "TRANSPORT",
    "FINANCE",
    "INDUSTRY",
    "AGRICULTURE",
    "ENVIRONMENT",
    "WATER",
    "EDUCATION",
    "SCIENCE",
    "CULTURE",
    "HUMANITARIAN",
    "HEALTH",
    "SECURITY",
    "MILITARY",
    "INFRASTRUCTURE",
];

#[derive(Clone, Debug, Serialize)]
pub struct Agreement {
    pub count: Option<f64>,
    /// The first kind named (`agreement`).
    pub kind: String,
    /// Every kind named (`agreement`, `memorandum`).
    pub kinds: Vec<String>,
    pub parties: Vec<String>,
    pub sectors: Vec<String>,
    pub date: String,
    pub place: Option<super::places::Place>,
    pub evidence: Vec<Spot>,
}

/// An agreement mention in one sentence, before merging.
pub struct Raw {
    pub sentence: usize,
    pub tokens: (usize, usize),
    pub kinds: Vec<&'static str>,
    pub count: Option<f64>,
    pub between: bool,
}

pub fn kind_of(w: &str) -> Option<&'static str> {
    NOUNS.iter().find(|(n, _)| *n == w).map(|&(_, k)| k)
}

/// Finds the agreement mention of a sentence, if any. `signed_event` is whether the coder
/// found an agreement-signing event (057) in it.
pub fn find(sentence: usize, tokens: &[Token], signed_event: bool) -> Option<Raw> {
    let signed = signed_event || tokens.iter().any(|t| SIGN.contains(&t.lower.as_str()));
    if !signed {
        return None;
    }
    let first = tokens.iter().position(|t| kind_of(&t.lower).is_some())?;
    let mut kinds: Vec<&'static str> = Vec::new();
    let mut end = first + 1;
    for (i, t) in tokens.iter().enumerate().skip(first) {
        if let Some(k) = kind_of(&t.lower) {
            if !kinds.contains(&k) {
                kinds.push(k);
            }
            if i <= end + 2 {
                end = i + 1;
            }
        }
    }
    // "memoranda of understanding"
    if tokens.get(end).is_some_and(|t| t.lower == "of")
        && tokens.get(end + 1).is_some_and(|t| t.lower == "understanding")
    {
        end += 2;
    }
    // the count: a number up to three words before the noun
    let mut count = None;
    let mut start = first;
    for back in 1..=3 {
        let Some(i) = first.checked_sub(back) else { break };
        let w = tokens[i].lower.as_str();
        if let Some(n) = number(w) {
            count = Some(n);
            start = i;
            break;
        }
        if matches!(w, "a" | "an") && kind_of(&tokens[first].lower).is_some() && !tokens[first].lower.ends_with('s') {
            count = Some(1.0);
            start = i;
            break;
        }
        if tokens[i].shape != Shape::Lower
            || matches!(w, "of" | "the" | "and" | "with" | "on")
            || super::amounts::is_amount_word(w)
        {
            break;
        }
    }
    let between = tokens.iter().any(|t| t.lower == "between");
    Some(Raw { sentence, tokens: (start, end), kinds, count, between })
}

fn number(w: &str) -> Option<f64> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as f64);
    }
    if w == "thirty" {
        return Some(30.0);
    }
    w.replace(',', "").parse::<f64>().ok().filter(|n| *n >= 0.0 && *n < 10_000.0 && !w.contains('.'))
}

/// A named project.
#[derive(Clone, Debug, Serialize)]
pub struct Project {
    pub name: String,
    /// `initiative`, `plant`, `pipeline`, `railway`, ...
    pub kind: String,
    /// CAMEO country codes of the actors tied to it (owner first).
    pub actors: Vec<String>,
    pub place: Option<super::places::Place>,
    pub sentence: usize,
    pub span: [usize; 2],
    #[serde(skip)]
    pub tokens: (usize, usize),
}

/// Heads of capitalised project names → kind.
const NAMED_HEADS: &[(&str, &str)] = &[
    ("initiative", "initiative"),
    ("project", "project"),
    ("programme", "programme"),
    ("program", "programme"),
    ("corridor", "corridor"),
    ("pipeline", "pipeline"),
    ("railway", "railway"),
    ("canal", "canal"),
    ("dam", "dam"),
    ("plant", "plant"),
    ("bridge", "bridge"),
    ("port", "port"),
    ("road", "road"),
    ("highway", "highway"),
    ("station", "plant"),
    ("refinery", "refinery"),
];

/// Words that make a capitalised phrase a person's title, not a project.
const TITLES: &[&str] = &["president", "minister", "chairman", "secretary", "governor", "council", "mr", "mr.", "ceo"];

/// Facility nouns (lower case): words → kind.
const FACILITIES: &[(&[&str], &str)] = &[
    (&["power", "plant"], "plant"),
    (&["power", "station"], "plant"),
    (&["power", "stations"], "plant"),
    (&["power", "plants"], "plant"),
    (&["pipeline"], "pipeline"),
    (&["pipelines"], "pipeline"),
    (&["railway"], "railway"),
    (&["railroad"], "railway"),
    (&["refinery"], "refinery"),
    (&["dam"], "dam"),
    (&["seaport"], "port"),
    (&["highway"], "highway"),
    (&["plant"], "plant"),
    (&["terminal"], "terminal"),
    (&["reactor"], "plant"),
    (&["reactors"], "plant"),
];

/// Modifiers kept in a facility's name.
const FACILITY_MODIFIERS: &[&str] = &[
    "nuclear",
    "hydroelectric",
    "hydropower",
    "hydro",
    "coal",
    "coal-fired",
    "gas",
    "gas-fired",
    "solar",
    "wind",
    "thermal",
    "oil",
    "lng",
    "chemical",
    "steel",
    "cement",
    "fertilizer",
    "fertiliser",
    "high-speed",
    "electric",
    "atomic",
    "power",
    "trans-caspian",
    "export",
    "transit",
    "water",
    "desalination",
];

/// Finds the projects of a sentence.
pub fn projects(tokens: &[Token]) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    let cap = |t: &Token| matches!(t.shape, Shape::Capitalized | Shape::Upper);
    let mut i = 0;
    while i < tokens.len() {
        // capitalised name with a project head
        if cap(&tokens[i]) {
            let mut j = i;
            let mut last_head = None;
            while j < tokens.len() {
                let t = &tokens[j];
                let inner = matches!(t.lower.as_str(), "and" | "of" | "the" | "&")
                    && j > i
                    && tokens.get(j + 1).is_some_and(cap);
                if !(cap(t) || inner) {
                    break;
                }
                if let Some(&(_, k)) = NAMED_HEADS.iter().find(|(h, _)| *h == t.lower) {
                    last_head = Some((j, k));
                }
                j += 1;
            }
            // a sentence-initial function word is no part of a name ("The Panama Canal")
            let mut i0 = i;
            while i0 < j
                && matches!(tokens[i0].lower.as_str(), "the" | "but" | "and" | "in" | "a" | "an" | "on" | "for")
            {
                i0 += 1;
            }
            let titled = tokens[i0..j].iter().any(|t| TITLES.contains(&t.lower.as_str()));
            if let Some((h, kind)) = last_head.filter(|&(h, _)| !titled && h > i0) {
                let mut end = h + 1;
                // an acronym in parentheses: "(BRI)"
                if tokens.get(end).is_some_and(|t| t.lower == "(")
                    && tokens.get(end + 1).is_some_and(|t| t.shape == Shape::Upper)
                    && tokens.get(end + 2).is_some_and(|t| t.lower == ")")
                {
                    end += 3;
                }
                out.push((i0, end, kind));
                i = end;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        // facility noun with modifiers
        let mut matched = None;
        for (words, kind) in FACILITIES {
            if words.iter().enumerate().all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.lower == *w)) {
                matched = Some((i + words.len(), *kind));
                break;
            }
        }
        if let Some((end, kind)) = matched {
            let mut start = i;
            while start > 0 && FACILITY_MODIFIERS.contains(&tokens[start - 1].lower.as_str()) {
                start -= 1;
            }
            // a bare "plant" or "terminal" needs a modifier
            let bare = start == i && matches!(kind, "plant" | "terminal") && end - i == 1;
            if !bare {
                out.push((start, end, kind));
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn toks(s: &str) -> Vec<Token> {
        text::analyze(s).sentences.into_iter().next().unwrap().tokens
    }

    #[test]
    fn counts_kinds_and_signing() {
        let t = toks("20 agreements and memoranda of understanding between Russia and Kazakhstan were signed.");
        let r = find(0, &t, false).unwrap();
        assert_eq!((r.count, r.kinds.clone(), r.between), (Some(20.0), vec!["agreement", "memorandum"], true));
        let r = find(0, &toks("They signed an agreement on gas."), false).unwrap();
        assert_eq!(r.count, Some(1.0));
        let r = find(0, &toks("The two sides inked two new contracts."), false).unwrap();
        assert_eq!((r.count, r.kinds.clone()), (Some(2.0), vec!["contract"]));
        // no signing, no agreement; "in agreement" without a signing is none
        assert!(find(0, &toks("They discussed a possible deal."), false).is_none());
        // a coded signing event is enough
        assert!(find(0, &toks("A treaty was reached."), true).is_some());
        // a deal of 500 million dollars is one deal, not 500
        let r = find(0, &toks("They signed a 500 mln dlr deal."), false).unwrap();
        assert_eq!(r.count, None);
    }

    #[test]
    fn projects_named_and_facilities() {
        let t = toks("It is a hub under China's global Belt and Road Initiative (BRI), the New Silk Road.");
        let p = projects(&t);
        let names: Vec<String> =
            p.iter().map(|&(a, b, _)| t[a..b].iter().map(|x| x.lower.clone()).collect::<Vec<_>>().join(" ")).collect();
        assert!(names.contains(&"belt and road initiative ( bri )".to_string()), "{names:?}");
        let t = toks("They will build a large nuclear power plant and a gas pipeline, not a plant.");
        let p = projects(&t);
        let names: Vec<String> =
            p.iter().map(|&(a, b, _)| t[a..b].iter().map(|x| x.lower.clone()).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(names, ["nuclear power plant", "gas pipeline"]);
    }
}
