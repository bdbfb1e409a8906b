//! The built-in gazetteer: countries, first-level administrative regions (ADM1) and cities
//! of 15,000 people or more, from GeoNames (CC BY 4.0; see `README.md`, rebuilt with
//! `docs/gazetteer-rebuild.py`).
//!
//! The three TSV files under `data/gazetteer/` are compiled into the binary and parsed once
//! (`Gazetteer::builtin`). Names are indexed by their lower-cased tokens (tokenized like
//! article text), so a look-up is one hash probe per candidate span.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::text;

const COUNTRIES: &str = include_str!("../../data/gazetteer/countries.tsv");
const ADMIN1: &str = include_str!("../../data/gazetteer/admin1.tsv");
const CITIES: &str = include_str!("../../data/gazetteer/cities.tsv");

/// What a gazetteer feature is. The numbers are GDELT's `Geo_Type` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    Country,
    Admin1,
    City,
}

/// One place of the gazetteer.
#[derive(Clone, Debug)]
pub struct Feature {
    pub kind: FeatureKind,
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub iso2: String,
    /// GeoNames admin1 code within the country ("05"; "GA" for US states); empty for countries.
    pub admin1: String,
    pub lat: f32,
    pub lon: f32,
    pub population: u64,
    /// GeoNames id (countries and cities); for ADM1 regions GDELT's convention, the ADM1 code.
    pub id: String,
}

/// Per-country facts.
#[derive(Clone, Debug)]
pub struct CountryInfo {
    pub iso2: String,
    pub iso3: String,
    pub fips: String,
    /// Index of the country's feature.
    pub feature: u32,
}

/// How a name was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub feature: u32,
    /// The feature's main name (not an alternate).
    pub primary: bool,
}

pub struct Gazetteer {
    pub features: Vec<Feature>,
    countries: Vec<CountryInfo>,
    by_iso2: HashMap<String, usize>,
    by_iso3: HashMap<String, usize>,
    admin1: HashMap<(String, String), u32>,
    index: HashMap<String, Vec<Candidate>, super::FastHash>,
    /// First words of indexed names, for a quick rejection.
    first_words: std::collections::HashSet<String, super::FastHash>,
    /// Every proper word prefix of a multi-word name ("new", "new york"), so that a scan
    /// stops as soon as no name can follow.
    prefixes: std::collections::HashSet<String, super::FastHash>,
    /// Longest indexed name, in tokens.
    pub max_tokens: usize,
    /// Malformed lines skipped while parsing, each naming its file and line.
    pub diagnostics: Vec<String>,
}

/// The fields of a data line, or a diagnostic naming file and line.
fn fields<'a>(diags: &mut Vec<String>, file: &str, line: &'a str, lineno: usize, min: usize) -> Option<Vec<&'a str>> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < min {
        diags.push(format!("data/gazetteer/{file}:{}: {} fields, expected {min}", lineno + 1, f.len()));
        return None;
    }
    Some(f)
}

/// The key a name is indexed under: its lower-cased tokens joined by one space.
pub fn key_of(name: &str) -> String {
    let norm = text::normalize::normalize(name);
    let toks = text::tokens::tokenize(&norm);
    let mut k = String::with_capacity(name.len());
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            k.push(' ');
        }
        k.push_str(&t.lower);
    }
    k
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, parsed on first use.
    pub fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(COUNTRIES, ADMIN1, CITIES))
    }

    /// Builds a gazetteer from the three TSV files' contents (each with a header line).
    pub fn parse(countries: &str, admin1: &str, cities: &str) -> Gazetteer {
        let mut g = Gazetteer {
            features: Vec::new(),
            countries: Vec::new(),
            by_iso2: HashMap::new(),
            by_iso3: HashMap::new(),
            admin1: HashMap::new(),
            index: HashMap::default(),
            first_words: Default::default(),
            prefixes: Default::default(),
            max_tokens: 1,
            diagnostics: Vec::new(),
        };
        let num = |s: &str| s.trim().parse::<f32>().ok();
        for (i, line) in countries.lines().enumerate().skip(1) {
            let Some(f) = fields(&mut g.diagnostics, "countries.tsv", line, i, 8) else { continue };
            let (Some(lat), Some(lon)) = (num(f[4]), num(f[5])) else {
                g.diagnostics.push(format!("data/gazetteer/countries.tsv:{}: bad coordinates", i + 1));
                continue;
            };
            let fi = g.features.len() as u32;
            g.features.push(Feature {
                kind: FeatureKind::Country,
                name: f[3].to_string(),
                iso2: f[0].to_string(),
                admin1: String::new(),
                lat,
                lon,
                population: f[6].parse().unwrap_or(0),
                id: f[7].to_string(),
            });
            g.by_iso2.insert(f[0].to_string(), g.countries.len());
            g.by_iso3.insert(f[1].to_string(), g.countries.len());
            g.countries.push(CountryInfo {
                iso2: f[0].to_string(),
                iso3: f[1].to_string(),
                fips: f[2].to_string(),
                feature: fi,
            });
            g.add_name(f[3], fi, true);
        }
        for (i, line) in admin1.lines().enumerate().skip(1) {
            let Some(f) = fields(&mut g.diagnostics, "admin1.tsv", line, i, 7) else { continue };
            let (Some(lat), Some(lon)) = (num(f[3]), num(f[4])) else { continue };
            let fi = g.features.len() as u32;
            let fips = g.by_iso2.get(f[0]).map(|&c| g.countries[c].fips.clone()).unwrap_or_default();
            g.features.push(Feature {
                kind: FeatureKind::Admin1,
                name: f[2].to_string(),
                iso2: f[0].to_string(),
                admin1: f[1].to_string(),
                lat,
                lon,
                population: f[5].parse().unwrap_or(0),
                id: format!("{fips}{}", f[1]),
            });
            g.admin1.insert((f[0].to_string(), f[1].to_string()), fi);
            g.add_name(f[2], fi, true);
        }
        for (i, line) in cities.lines().enumerate().skip(1) {
            let Some(f) = fields(&mut g.diagnostics, "cities.tsv", line, i, 8) else { continue };
            let (Some(lat), Some(lon)) = (num(f[4]), num(f[5])) else { continue };
            let fi = g.features.len() as u32;
            g.features.push(Feature {
                kind: FeatureKind::City,
                name: f[1].to_string(),
                iso2: f[2].to_string(),
                admin1: f[3].to_string(),
                lat,
                lon,
                population: f[6].parse().unwrap_or(0),
                id: f[0].to_string(),
            });
            g.add_name(f[1], fi, true);
            for alt in f[7].split('|').filter(|a| !a.is_empty()) {
                g.add_name(alt, fi, false);
            }
        }
        g
    }

    fn add_name(&mut self, name: &str, feature: u32, primary: bool) {
        let key = key_of(name);
        if key.is_empty() {
            return;
        }
        self.max_tokens = self.max_tokens.max(key.split(' ').count());
        if let Some(first) = key.split(' ').next()
            && !self.first_words.contains(first)
        {
            self.first_words.insert(first.to_string());
        }
        for (i, _) in key.match_indices(' ') {
            if !self.prefixes.contains(&key[..i]) {
                self.prefixes.insert(key[..i].to_string());
            }
        }
        let v = self.index.entry(key).or_default();
        if let Some(c) = v.iter_mut().find(|c| c.feature == feature) {
            c.primary |= primary;
        } else {
            v.push(Candidate { feature, primary });
        }
    }

    /// The features a name (an index key, see [`key_of`]) may refer to.
    pub fn lookup(&self, key: &str) -> &[Candidate] {
        self.index.get(key).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// Whether some name is, or starts with, these words (an index key).
    pub fn begins_name(&self, key: &str) -> bool {
        self.prefixes.contains(key) || self.index.contains_key(key)
    }

    /// Whether some name starts with this (lower-cased) word.
    pub fn starts_name(&self, word: &str) -> bool {
        self.first_words.contains(word)
    }

    pub fn feature(&self, i: u32) -> &Feature {
        &self.features[i as usize]
    }

    pub fn country_by_iso2(&self, iso2: &str) -> Option<&CountryInfo> {
        self.by_iso2.get(iso2).map(|&i| &self.countries[i])
    }

    pub fn country_by_iso3(&self, iso3: &str) -> Option<&CountryInfo> {
        self.by_iso3.get(iso3).map(|&i| &self.countries[i])
    }

    /// The ADM1 region a feature lies in (itself for a region), if known.
    pub fn admin1_of(&self, f: &Feature) -> Option<&Feature> {
        if f.admin1.is_empty() {
            return None;
        }
        self.admin1.get(&(f.iso2.clone(), f.admin1.clone())).map(|&i| &self.features[i as usize])
    }

    /// FIPS 10-4 code of a country given by ISO alpha-2 (GDELT's country column).
    pub fn fips(&self, iso2: &str) -> &str {
        self.country_by_iso2(iso2).map(|c| c.fips.as_str()).unwrap_or("")
    }

    /// "Astana, Astana Qalasy, Kazakhstan", as GDELT writes full names.
    pub fn full_name(&self, f: &Feature) -> String {
        let country = self.country_by_iso2(&f.iso2).map(|c| self.features[c.feature as usize].name.as_str());
        let mut parts = vec![f.name.as_str()];
        if f.kind == FeatureKind::City
            && let Some(a) = self.admin1_of(f)
            && a.name != f.name
        {
            parts.push(a.name.as_str());
        }
        if f.kind != FeatureKind::Country
            && let Some(c) = country
        {
            parts.push(c);
        }
        parts.join(", ")
    }

    /// GDELT's ADM1 code: FIPS country code + GeoNames admin1 code ("KZ05"), or the FIPS
    /// country code alone for a country.
    pub fn adm1_code(&self, f: &Feature) -> String {
        let fips = self.fips(&f.iso2);
        if f.admin1.is_empty() { fips.to_string() } else { format!("{fips}{}", f.admin1) }
    }

    pub fn len(&self) -> usize {
        self.features.len()
    }

    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_countries_regions_and_cities() {
        let g = Gazetteer::builtin();
        assert!(g.diagnostics.is_empty(), "{:?}", g.diagnostics);
        assert!(g.countries.len() > 240, "{}", g.countries.len());
        assert!(g.features.len() > 30_000);
        let astana: Vec<&Feature> =
            g.lookup("astana").iter().map(|c| g.feature(c.feature)).filter(|f| f.kind == FeatureKind::City).collect();
        assert_eq!(astana.len(), 1);
        assert_eq!(astana[0].iso2, "KZ");
        assert!((astana[0].lat - 51.18).abs() < 0.1 && (astana[0].lon - 71.45).abs() < 0.1);
        assert_eq!(g.full_name(astana[0]), "Astana, Astana Qalasy, Kazakhstan");
        // an alternate name reaches the same city
        assert!(g.lookup("nur-sultan").iter().any(|c| g.feature(c.feature).id == astana[0].id));
        // Georgia is a country and a US state
        let kinds: Vec<FeatureKind> = g.lookup("georgia").iter().map(|c| g.feature(c.feature).kind).collect();
        assert!(kinds.contains(&FeatureKind::Country) && kinds.contains(&FeatureKind::Admin1), "{kinds:?}");
        assert_eq!(g.fips("KZ"), "KZ");
        assert_eq!(g.fips("RU"), "RS");
        assert_eq!(g.country_by_iso3("DEU").map(|c| c.fips.as_str()), Some("GM"));
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let g = Gazetteer::parse(
            "iso2\tiso3\tfips\tname\tlat\tlon\tpopulation\tgeonameid\nXX\tXXX\n\
             KZ\tKAZ\tKZ\tKazakhstan\t48\t68\t1\t1522867\nYY\tYYY\tYY\tBad\tnorth\t0\t0\t1\n",
            "h\n",
            "h\n",
        );
        assert_eq!(g.len(), 1);
        assert_eq!(g.lookup("kazakhstan").len(), 1);
        assert_eq!(g.diagnostics.len(), 2, "{:?}", g.diagnostics);
        assert!(g.diagnostics[0].starts_with("data/gazetteer/countries.tsv:2:"), "{:?}", g.diagnostics);
    }
}
