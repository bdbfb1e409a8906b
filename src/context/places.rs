//! Places: toponyms found and resolved against the gazetteer, and where events happened.
//!
//! Candidates come from the coder's place mentions (countries, capitals, cities: the
//! dictionaries decide that `USA` is a country) and from a gazetteer scan of the remaining
//! capitalised words. Each candidate is scored: `log10(population) + kind bonus (country 3,
//! region 1) + 5 when its country is mentioned elsewhere in the article + 1 for a main
//! (not alternate) name`, so `Georgia` is the US state in an article about Atlanta and
//! Americans, and the country otherwise. A gazetteer-only city must look like a place: after
//! a locative preposition, or big (a million people), or in a country the article is about,
//! and not part of a longer capitalised name.

use std::collections::HashMap;

use serde::Serialize;

use super::gazetteer::{FeatureKind, Gazetteer};
use crate::coding::CodedArticle;
use crate::knowledge::Knowledge;
use crate::model::{MentionKind, Shape, Token};

/// Prepositions after which a place name is where something happened.
pub const LOCATIVE: &[&str] =
    &["in", "at", "near", "inside", "outside", "across", "throughout", "within", "into", "around", "outskirts"];

/// A resolved place, with GDELT's geography fields.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    /// GDELT `Geo_Type`: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    #[serde(rename = "type")]
    pub geo_type: u8,
    pub kind: FeatureKind,
    pub name: String,
    pub full_name: String,
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
    /// FIPS 10-4 (GDELT's country code).
    pub fips: String,
    /// GDELT ADM1 code: FIPS country + GeoNames admin1 ("KZ05").
    pub adm1: String,
    pub lat: f32,
    pub lon: f32,
    pub feature_id: String,
}

impl Place {
    pub fn of(gaz: &Gazetteer, feature: u32) -> Place {
        let f = gaz.feature(feature);
        let us = f.iso2 == "US";
        let geo_type = match (f.kind, us) {
            (FeatureKind::Country, _) => 1,
            (FeatureKind::Admin1, true) => 2,
            (FeatureKind::City, true) => 3,
            (FeatureKind::City, false) => 4,
            (FeatureKind::Admin1, false) => 5,
        };
        Place {
            geo_type,
            kind: f.kind,
            name: f.name.clone(),
            full_name: gaz.full_name(f),
            country_code: f.iso2.clone(),
            fips: gaz.fips(&f.iso2).to_string(),
            adm1: gaz.adm1_code(f),
            lat: f.lat,
            lon: f.lon,
            feature_id: if f.kind == FeatureKind::Country { gaz.fips(&f.iso2).to_string() } else { f.id.clone() },
        }
    }

    /// How specific: city 3, region 2, country 1.
    pub fn rank(&self) -> u8 {
        match self.kind {
            FeatureKind::City => 3,
            FeatureKind::Admin1 => 2,
            FeatureKind::Country => 1,
        }
    }
}

/// A place named in the article.
#[derive(Clone, Debug, Serialize)]
pub struct Location {
    pub sentence: usize,
    /// Character offsets into the sentence.
    pub span: [usize; 2],
    pub text: String,
    /// After a locative preposition ("in Astana").
    pub locative: bool,
    #[serde(flatten)]
    pub place: Place,
    #[serde(skip)]
    pub tokens: (usize, usize),
    #[serde(skip)]
    pub feature: u32,
}

/// ISO alpha-2 code of a CAMEO actor code's country, through the dictionaries.
pub fn iso2_of_actor(kb: &Knowledge, code: &str) -> Option<String> {
    let c = code.get(..3)?;
    super::country_index(kb).get(c).filter(|s| !s.is_empty()).cloned()
}

struct Cand {
    sentence: usize,
    tokens: (usize, usize),
    bytes: (usize, usize),
    features: Vec<(u32, bool)>,
    locative: bool,
    /// Came from the coder's dictionaries (a sure place).
    sure: bool,
}

/// Capitalised words that are city names somewhere but nearly always something else in news
/// text; the gazetteer scan never takes them alone (the dictionaries still may). Month and
/// weekday names (`dates::MONTHS`, `dates::WEEKDAYS`) are never taken alone either.
const NOT_ALONE: &[&str] = &[
    "gulf",
    "north",
    "south",
    "east",
    "west",
    "central",
    "union",
    "university",
    "street",
    "bank",
    "police",
    "mobile",
    "reading",
    "liberty",
    "progress",
    "victoria",
    "independence",
    "unity",
    "concord",
    "enterprise",
    "commerce",
    "industry",
    "justice",
    "president",
    "premier",
    "university",
    "opposition",
    "republic",
    "federal",
    "national",
    "general",
    "ministry",
    "chase",
    "sale",
    "bath",
    "split",
    "nice",
    "hope",
    "buffalo",
    "phoenix",
    "orange",
    "mercedes",
    "lincoln",
    "jackson",
    "florence",
    "charlotte",
    "eugene",
    "columbus",
    "marion",
    "warren",
    "hamilton",
    "wellington",
    "madison",
    "franklin",
    "bristol",
    "providence",
    "temple",
    "troy",
    "salem",
    "delta",
    "trinidad",
    "of",
    "us",
    "de",
    "la",
    "el",
    "piedmont",
    "western",
    "eastern",
    "northern",
    "southern",
    "capital",
    "coast",
    "brent",
    "holiday",
    "douglas",
    "barnes",
    "evans",
    "amos",
    "burton",
    "chester",
    "mission",
    "paradise",
    "college",
    "christmas",
    "easter",
    "hollywood",
    "bell",
    "wright",
    "paul",
    "whitney",
    "alliance",
    "goodyear",
    "henderson",
    "southwest",
    "northwest",
    "southeast",
    "northeast",
    "centrale",
    "nelson",
    "granma",
    "kingston",
    "hanover",
    "georgetown",
    "sterling",
    "hitachi",
];

fn capitalized_word(t: &Token) -> bool {
    matches!(t.shape, Shape::Capitalized | Shape::Upper) && t.lower.chars().next().is_some_and(|c| c.is_alphabetic())
}

/// Finds and resolves the places of an article. `iso_cache` maps CAMEO country codes to
/// ISO alpha-2 codes (filled as needed).
pub fn find(
    kb: &Knowledge,
    gaz: &Gazetteer,
    coded: &CodedArticle,
    iso_cache: &mut HashMap<String, Option<String>>,
) -> Vec<Location> {
    let doc = &coded.doc;
    let mut iso = |code: &str| -> Option<String> {
        let c = code.get(..3)?;
        if let Some(v) = iso_cache.get(c) {
            return v.clone();
        }
        let v = iso2_of_actor(kb, c);
        iso_cache.insert(c.to_string(), v.clone());
        v
    };
    let mut cands: Vec<Cand> = Vec::new();
    // Countries the article speaks of, from the coder's mentions.
    let mut context: HashMap<String, usize> = HashMap::new();
    // 0 free; 1 taken by a place or a person or organisation; 2 inside an agent phrase
    // ("the governor of Georgia"), where only countries and regions are looked for
    let mut covered: Vec<Vec<u8>> = doc.sentences.iter().map(|s| vec![0; s.tokens.len()]).collect();
    for m in &coded.mentions {
        let (a, b) = m.mention.tokens;
        let level = if matches!(m.mention.kind, MentionKind::Composed | MentionKind::Agent) { 2 } else { 1 };
        for c in covered[m.sentence].iter_mut().take(b).skip(a) {
            *c = (*c).max(level);
        }
        let Some(code) = &m.mention.code else { continue };
        let Some(iso2) = iso(code) else { continue };
        let is_place = matches!(m.mention.kind, MentionKind::Country | MentionKind::Capital | MentionKind::City);
        // a name that is also a region or city elsewhere ("Georgia") gives no context by itself
        let toks = &doc.sentences[m.sentence].tokens[a..b];
        let named = toks.iter().any(|t| capitalized_word(t) && gaz.starts_name(&t.lower));
        if !named && !is_place {
            *context.entry(iso2).or_default() += 1;
            continue;
        }
        let key = toks.iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" ");
        let ambiguous = std::iter::once(key.as_str()).chain(toks.iter().map(|t| t.lower.as_str())).any(|k| {
            let c = gaz.lookup(k);
            c.iter().any(|c| gaz.feature(c.feature).kind == FeatureKind::Country && gaz.feature(c.feature).iso2 == iso2)
                && c.iter().any(|c| c.primary && gaz.feature(c.feature).iso2 != iso2)
        });
        if !ambiguous {
            *context.entry(iso2.clone()).or_default() += 1;
        }
        if !is_place {
            continue;
        }
        let country = gaz.country_by_iso2(&iso2).map(|c| c.feature);
        let mut features: Vec<(u32, bool)> = Vec::new();
        if m.mention.kind == MentionKind::Country {
            if let Some(f) = country {
                features.push((f, true));
            }
            if ambiguous {
                for c in gaz.lookup(&key) {
                    let f = gaz.feature(c.feature);
                    if c.primary && f.iso2 != iso2 && f.kind != FeatureKind::Country {
                        features.push((c.feature, true));
                    }
                }
            }
        } else {
            for c in gaz.lookup(&key) {
                let f = gaz.feature(c.feature);
                if f.iso2 == iso2 && f.kind == FeatureKind::City {
                    features.push((c.feature, c.primary));
                }
            }
            if features.is_empty() {
                // a region or a city under 15,000 people: the country stands for it
                if let Some(f) = country {
                    features.push((f, true));
                }
            }
        }
        if features.is_empty() {
            continue;
        }
        cands.push(Cand {
            sentence: m.sentence,
            tokens: m.mention.tokens,
            bytes: m.mention.bytes,
            features,
            locative: m.mention.locative,
            sure: true,
        });
    }
    // The gazetteer scan over words no mention took.
    for (si, s) in doc.sentences.iter().enumerate() {
        let toks = &s.tokens;
        let mut i = 0;
        while i < toks.len() {
            if covered[si][i] == 1 || !capitalized_word(&toks[i]) || !gaz.starts_name(&toks[i].lower) {
                i += 1;
                continue;
            }
            // extend while the words so far begin some name; keep the longest full name
            let mut hit = None;
            let mut key = String::new();
            let inside = covered[si][i];
            for n in 0..gaz.max_tokens.min(toks.len() - i) {
                if covered[si][i + n] != inside {
                    break;
                }
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(&toks[i + n].lower);
                if n > 0 && !gaz.begins_name(&key) {
                    break;
                }
                let c = gaz.lookup(&key);
                if !c.is_empty() && capitalized_word(&toks[i + n]) {
                    hit = Some((i + n + 1, c));
                }
            }
            let Some((end, found)) = hit else {
                i += 1;
                continue;
            };
            // one word in the stop list, or a short all-capitals word (an acronym: "GAO", "EST")
            let lone = end == i + 1
                && (NOT_ALONE.contains(&toks[i].lower.as_str())
                    || super::dates::MONTHS.contains(&toks[i].lower.as_str())
                    || super::dates::WEEKDAYS.contains(&toks[i].lower.as_str())
                    || (toks[i].shape == Shape::Upper && toks[i].lower.chars().count() <= 4));
            let names_country = found.iter().any(|c| gaz.feature(c.feature).kind == FeatureKind::Country);
            // inside an agent phrase only a country's name is read as a place: "the governor
            // of Georgia", but not "President Vladimir Putin"
            if (lone || inside == 2) && !names_country {
                i = end;
                continue;
            }
            // part of a longer name ("Belt and Road", "Central Asian")?
            let prev_cap = inside == 0 && i > 0 && capitalized_word(&toks[i - 1]) && !is_sentence_start(toks, i - 1);
            let next_cap = inside == 0 && toks.get(end).is_some_and(capitalized_word);
            let locative = i > 0 && LOCATIVE.contains(&toks[i - 1].lower.as_str());
            if prev_cap || next_cap {
                i = end;
                continue;
            }
            let at_start = is_sentence_start(toks, i);
            let features: Vec<(u32, bool)> = found
                .iter()
                .filter(|c| {
                    let f = gaz.feature(c.feature);
                    let in_context = context.contains_key(&f.iso2);
                    match f.kind {
                        _ if inside == 2 && f.kind == FeatureKind::City => false,
                        FeatureKind::Country => true,
                        FeatureKind::Admin1 => c.primary && (locative || in_context || !at_start),
                        FeatureKind::City => {
                            if c.primary {
                                (locative && (in_context || f.population >= 100_000))
                                    || (in_context && !at_start && f.population >= 100_000)
                                    || f.population >= 1_000_000
                            } else {
                                locative && in_context
                            }
                        }
                    }
                })
                .map(|c| (c.feature, c.primary))
                .collect();
            if !features.is_empty() {
                cands.push(Cand {
                    sentence: si,
                    tokens: (i, end),
                    bytes: (toks[i].start, toks[end - 1].end),
                    features,
                    locative,
                    sure: false,
                });
            }
            i = end;
        }
    }
    // Resolve.
    let mut out = Vec::new();
    for c in cands {
        let best = c
            .features
            .iter()
            .map(|&(f, primary)| {
                let feat = gaz.feature(f);
                let mut score = ((feat.population + 1) as f64).log10();
                score += match feat.kind {
                    FeatureKind::Country => 3.0,
                    FeatureKind::Admin1 => 1.0,
                    FeatureKind::City => 0.0,
                };
                if context.contains_key(&feat.iso2) {
                    score += 5.0;
                }
                if primary {
                    score += 1.0;
                }
                (f, score)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((f, _)) = best else { continue };
        if !c.sure {
            *context.entry(gaz.feature(f).iso2.clone()).or_default() += 1;
        }
        let s = &doc.sentences[c.sentence];
        let stext = doc.sentence_text(s);
        let (a, b) = (c.bytes.0 - s.start, c.bytes.1 - s.start);
        out.push(Location {
            sentence: c.sentence,
            span: [super::char_at(stext, a), super::char_at(stext, b)],
            text: stext[a..b].to_string(),
            locative: c.locative,
            place: Place::of(gaz, f),
            tokens: c.tokens,
            feature: f,
        });
    }
    out.sort_by_key(|l| (l.sentence, l.span[0]));
    out
}

fn is_sentence_start(toks: &[Token], i: usize) -> bool {
    toks[..i].iter().all(|t| t.shape == Shape::Punct)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Date};

    fn places(text: &str) -> Vec<(String, String, String, bool)> {
        let kb = Knowledge::builtin();
        let gaz = Gazetteer::builtin();
        let article = Article { id: "t".into(), text: text.into(), ..Default::default() };
        let coded = crate::pipeline::code(&kb, &article, Date::new(2024, 10, 2).unwrap());
        find(&kb, gaz, &coded, &mut HashMap::new())
            .into_iter()
            .map(|l| (l.text, l.place.name, l.place.country_code, l.locative))
            .collect()
    }

    #[test]
    fn capitals_countries_and_cities() {
        let p = places("Tokayev received Putin in Astana. Kazakhstan and Russia signed deals in Shymkent.");
        assert!(p.contains(&("Astana".into(), "Astana".into(), "KZ".into(), true)), "{p:?}");
        assert!(p.iter().any(|x| x.1 == "Kazakhstan" && x.2 == "KZ"), "{p:?}");
        assert!(p.iter().any(|x| x.1 == "Shymkent"), "{p:?}");
    }

    #[test]
    fn georgia_is_decided_by_context() {
        let us = places("The governor of Georgia met American farmers in Atlanta and Savannah.");
        let g = us.iter().find(|x| x.0 == "Georgia").expect("Georgia found");
        assert_eq!((g.1.as_str(), g.2.as_str()), ("Georgia", "US"), "{us:?}");
        let ge = places("Georgia and Russia held talks in Tbilisi.");
        let g = ge.iter().find(|x| x.0 == "Georgia").expect("Georgia found");
        assert_eq!(g.2, "GE", "{ge:?}");
    }

    #[test]
    fn no_places_out_of_common_words_or_longer_names() {
        // "USA" is a country, never a building or a small town
        let p = places("The USA said on Monday that Police in Belt and Road projects were late.");
        assert!(p.iter().all(|x| x.2 == "US"), "{p:?}");
        assert!(p.iter().any(|x| x.0 == "USA"), "{p:?}");
    }
}
