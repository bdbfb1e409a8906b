//! Legacy dictionaries: TABARI and PETRARCH2 files, read unchanged.
//!
//! One file per format: [`tabari_verbs`] (`.verbs`), [`petrarch_verbs`] (`CAMEO.2.0.txt`
//! style), [`actors`] (the actor format both programs share), [`agents`], [`discards`],
//! [`issues`] and [`options`] (`.options` / `.project`, read for reference). [`load`] reads
//! directories, recognises each file's kind from its name and content, and returns one
//! [`Dictionaries`]; a broken line gives a [`Diagnostic`] naming file and line, the entry is
//! skipped and loading goes on. The coder that uses them is `coding::legacy`.
//!
//! Words follow the two programs' conventions: upper case; `_` joins words that must be
//! adjacent; a word ending in `_` matches exactly (with regular endings), `=` exactly with no
//! ending, and a word with neither is a stem that matches every word it begins.

pub mod actors;
pub mod agents;
pub mod discards;
pub mod issues;
pub mod options;
pub mod petrarch_verbs;
pub mod tabari_verbs;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use super::entities::Diagnostic;
use crate::model::Date;

/// How a dictionary word matches a text word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The text word begins with the dictionary word (`ARGENTIN` → `ARGENTINA`).
    Stem,
    /// The same word, or it with a regular ending (`DEPART_` → `DEPARTED`, `LIBYA_` → `LIBYAS`).
    Exact,
    /// The same word and nothing else (`BAN=`).
    Strict,
}

/// A dictionary word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub mode: Mode,
    /// The next element must follow immediately (written `A_B`).
    pub joined: bool,
    /// The first word of a PETRARCH prepositional phrase `(TO SANCTIONS)`: a preposition,
    /// so not the `to` of an infinitive.
    pub preposition: bool,
}

/// Splits a phrase (`UNITED_NATIONS_`, `AL GORE`, `REAL~_PLEASANT`) into words. Both `_` and
/// spaces separate words; `_` also marks the word before it as joined to the next one.
pub fn phrase(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for chunk in text.split_whitespace() {
        let parts: Vec<&str> = chunk.split('_').collect();
        let n = parts.len();
        for (i, p) in parts.iter().enumerate() {
            if p.is_empty() {
                // A trailing `_` (or a doubled one): the previous word is exact.
                if let Some(w) = out.last_mut() {
                    let w: &mut Word = w;
                    if w.mode == Mode::Stem {
                        w.mode = Mode::Exact;
                    }
                }
                continue;
            }
            let last = i + 1 == n;
            let (word, mode) = if let Some(s) = p.strip_suffix('=') {
                (s, Mode::Strict)
            } else if let Some(s) = p.strip_suffix('~') {
                (s, Mode::Stem)
            } else if !last {
                // `A_B`: A is followed by a connector, so it is a whole word.
                (*p, Mode::Exact)
            } else {
                (*p, Mode::Stem)
            };
            if word.is_empty() {
                continue;
            }
            out.push(Word { text: word.to_uppercase(), mode, joined: !last, preposition: false });
        }
    }
    if let Some(w) = out.last_mut() {
        w.joined = false;
    }
    out
}

/// Regular endings of a noun written `X_` (actors, agents): `LIBYA_` → `LIBYAS`, `LIBYA'S`.
const NOUN_ENDINGS: &[&str] = &["S", "ES", "'S", "S'", "'"];
/// Regular endings of a verb written `X_`: `DEPART_` → `DEPARTS`, `DEPARTED`, `DEPARTING`.
const VERB_ENDINGS: &[&str] = &["S", "ES", "ED", "D", "EN", "N", "ING"];

/// What a word is matched as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// Actor, agent, discard and issue phrases: noun endings.
    Noun,
    /// Verb forms: verb endings, never a possessive.
    Verb,
    /// Pattern words: stems or the exact word, never a possessive.
    Pattern,
}

/// Does `token` (upper case) match the dictionary word, as a noun?
pub fn word_matches(w: &Word, token: &str) -> bool {
    word_matches_as(w, token, Use::Noun)
}

/// Does `token` (upper case) match the dictionary word used as `u`?
pub fn word_matches_as(w: &Word, token: &str, u: Use) -> bool {
    if u != Use::Noun && token.contains('\'') && !w.text.contains('\'') {
        return false;
    }
    match (w.mode, u) {
        (Mode::Stem, _) => token.starts_with(w.text.as_str()),
        (Mode::Strict, _) | (Mode::Exact, Use::Pattern) => token == w.text,
        (Mode::Exact, _) => {
            if token == w.text {
                return true;
            }
            let endings = if u == Use::Verb { VERB_ENDINGS } else { NOUN_ENDINGS };
            let Some(rest) = token.strip_prefix(w.text.as_str()) else {
                return u == Use::Verb && inflected(&w.text, token);
            };
            if endings.contains(&rest) {
                // `D` and `N` only after a final E (`DEPLORED`, `GIVEN`).
                return !(rest == "D" || rest == "N") || w.text.ends_with('E');
            }
            u == Use::Verb && inflected(&w.text, token)
        }
    }
}

/// Doubled consonants and y → i: `BAN` → `BANNED`, `CARRY` → `CARRIED`.
fn inflected(base: &str, token: &str) -> bool {
    let b = base.as_bytes();
    if let Some(stem) = base.strip_suffix('Y') {
        if let Some(rest) = token.strip_prefix(stem) {
            return matches!(rest, "IES" | "IED");
        }
        return false;
    }
    if b.len() >= 3 {
        let last = b[b.len() - 1];
        let prev = b[b.len() - 2];
        let vowel = |c: u8| b"AEIOU".contains(&c);
        if !vowel(last)
            && vowel(prev)
            && !b"WXY".contains(&last)
            && let Some(rest) = token.strip_prefix(base)
        {
            let mut chars = rest.bytes();
            if chars.next() == Some(last) {
                let tail = &rest[1..];
                return matches!(tail, "ED" | "ING" | "EN" | "ER");
            }
        }
    }
    if let Some(stem) = base.strip_suffix('E')
        && let Some(rest) = token.strip_prefix(stem)
    {
        return rest == "ING";
    }
    false
}

/// A code with optional date limits, as written in actor files: `[RUSGOV 991231-080507]`,
/// `[HOB <950601]`, `[HOBREB >990816]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DatedCode {
    pub fn undated(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
    pub fn contains(&self, d: Date) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }
}

/// Chooses the code in force on `date`: the first dated code whose period contains it, else
/// the first undated one.
pub fn code_on(codes: &[DatedCode], date: Date) -> Option<&str> {
    codes
        .iter()
        .find(|c| !c.undated() && c.contains(date))
        .or_else(|| codes.iter().find(|c| c.undated()))
        .map(|c| c.code.as_str())
}

/// Parses `YYMMDD` (years 30–99 are 19xx, 00–29 20xx) or `YYYYMMDD`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        6 => {
            let yy: i32 = s[0..2].parse().ok()?;
            let year = if yy >= 30 { 1900 + yy } else { 2000 + yy };
            Date::new(year, s[2..4].parse().ok()?, s[4..6].parse().ok()?)
        }
        8 => Date::new(s[0..4].parse().ok()?, s[4..6].parse().ok()?, s[6..8].parse().ok()?),
        _ => None,
    }
}

/// Parses the inside of a code bracket: `RUSGOV`, `RUSGOV 991231-080507`, `HOB < 950601`,
/// `HOBREB > 990816`, `### <890101`. Returns an error message for a bracket without a code
/// or with a bad date.
pub fn parse_dated_code(inner: &str) -> Result<DatedCode, String> {
    let inner = inner.trim();
    let mut code = String::new();
    let rest;
    if let Some(i) = inner.find(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        code.push_str(&inner[..i]);
        rest = inner[i..].trim();
    } else {
        code.push_str(inner);
        rest = "";
    }
    if code.is_empty() {
        return Err(format!("code missing in [{inner}]"));
    }
    // A date run into the code (`AAA950601-990815`) or standing for it (`991201-010114`).
    let longest_digits = code.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0);
    if longest_digits >= 6 {
        return Err(format!("code missing or run into the date in [{inner}]"));
    }
    let mut dc = DatedCode { code, from: None, to: None };
    if rest.is_empty() {
        return Ok(dc);
    }
    let bad = || format!("bad date in [{inner}] (expected YYMMDD, <YYMMDD, >YYMMDD or YYMMDD-YYMMDD)");
    if let Some(d) = rest.strip_prefix('<') {
        // Before the date.
        let d = parse_date(d).ok_or_else(bad)?;
        dc.to = Some(prev_day(d));
    } else if let Some(d) = rest.strip_prefix('>') {
        dc.from = Some(parse_date(d).ok_or_else(bad)?);
    } else if let Some((a, b)) = rest.split_once('-') {
        dc.from = Some(parse_date(a).ok_or_else(bad)?);
        dc.to = Some(parse_date(b).ok_or_else(bad)?);
    } else if let Some(d) = parse_date(rest) {
        // A bare date (`[MNEGOV 20121204]`, as Phoenix writes some) starts the role, as `>`.
        dc.from = Some(d);
    } else {
        return Err(bad());
    }
    Ok(dc)
}

fn prev_day(d: Date) -> Date {
    if d.day > 1 {
        return Date { day: d.day - 1, ..d };
    }
    if d.month > 1 {
        let m = d.month - 1;
        return Date { month: m, day: crate::model::days_in_month(d.year, m), ..d };
    }
    Date { year: d.year - 1, month: 12, day: 31 }
}

/// Removes a comment: `;` (TABARI) or `#` (PETRARCH) to the end of the line. A `#` at the
/// start of a TABARI line comments the whole line out.
pub fn strip_comment(line: &str) -> &str {
    // `#` inside a bracket is a code (`[###]`), not a comment.
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ';' => return &line[..i],
            '#' if depth <= 0 => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Finds `[...]` groups in a line: returns the text before the first bracket and the
/// contents of each bracket, or an error for an unclosed bracket.
pub fn brackets(line: &str) -> Result<(&str, Vec<&str>), String> {
    let Some(first) = line.find('[') else { return Ok((line, Vec::new())) };
    let head = &line[..first];
    let mut out = Vec::new();
    let mut rest = &line[first..];
    while let Some(i) = rest.find('[') {
        let after = &rest[i + 1..];
        let Some(j) = after.find(']') else { return Err("unclosed [".into()) };
        out.push(&after[..j]);
        rest = &after[j + 1..];
    }
    if rest.contains(']') {
        return Err("unmatched ]".into());
    }
    Ok((head, out))
}

/// An index from words to the phrases that begin with them, for longest-match look-up of
/// stems and exact words alike.
#[derive(Default, Debug)]
pub struct PhraseIndex {
    /// First word text → (phrase, payload).
    map: HashMap<String, Vec<(Vec<Word>, u32)>>,
    max_first: usize,
    /// How the first word is matched.
    pub usage: Option<Use>,
}

impl PhraseIndex {
    pub fn insert(&mut self, words: Vec<Word>, payload: u32) {
        if words.is_empty() {
            return;
        }
        self.max_first = self.max_first.max(words[0].text.len());
        self.map.entry(words[0].text.clone()).or_default().push((words, payload));
    }

    pub fn len(&self) -> usize {
        self.map.values().map(|v| v.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every phrase whose first word matches `token`.
    pub fn candidates<'a>(&'a self, token: &str, mut f: impl FnMut(&'a [Word], u32)) {
        if self.map.is_empty() {
            return;
        }
        let ends = token.char_indices().map(|(i, _)| i).skip(1).chain(std::iter::once(token.len()));
        for end in ends {
            if end > self.max_first {
                break;
            }
            let Some(list) = self.map.get(&token[..end]) else { continue };
            for (words, payload) in list {
                if word_matches_as(&words[0], token, self.usage.unwrap_or(Use::Noun)) {
                    f(words, *payload);
                }
            }
        }
    }

    /// Every phrase whose first word matches `tokens[0]`, with the number of tokens it
    /// covers when all its words match consecutive tokens.
    pub fn matches_at<'a>(&'a self, tokens: &[&str], mut f: impl FnMut(usize, u32, &'a [Word])) {
        let Some(first) = tokens.first() else { return };
        let mut ends: Vec<usize> = first.char_indices().map(|(i, _)| i).skip(1).collect();
        ends.push(first.len());
        for end in ends {
            if end > self.max_first {
                break;
            }
            let Some(list) = self.map.get(&first[..end]) else { continue };
            for (words, payload) in list {
                if words.len() > tokens.len() {
                    continue;
                }
                if words.iter().zip(tokens).all(|(w, t)| word_matches(w, t)) {
                    f(words.len(), *payload, words);
                }
            }
        }
    }
}

/// The kinds of legacy file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    TabariVerbs,
    PetrarchVerbs,
    Actors,
    Agents,
    Discards,
    Issues,
    Options,
    Project,
}

impl Kind {
    /// The kind a per-kind flag names (`--verbs` etc.), refined by content for verbs.
    pub fn from_flag(flag: &str, text: &str) -> Option<Kind> {
        Some(match flag {
            "verbs" => {
                if looks_petrarch_verbs(text) {
                    Kind::PetrarchVerbs
                } else {
                    Kind::TabariVerbs
                }
            }
            "actors" => Kind::Actors,
            "agents" => Kind::Agents,
            "discards" => Kind::Discards,
            "issues" => Kind::Issues,
            _ => return None,
        })
    }
}

fn looks_petrarch_verbs(text: &str) -> bool {
    text.lines().take(5000).any(|l| l.starts_with("--- ") && l.trim_end().ends_with("---"))
}

/// Recognises a legacy file from its name and content; `None` for anything else (licences,
/// READMEs, dyad's own dictionaries).
pub fn detect(name: &str, text: &str) -> Option<Kind> {
    let base = Path::new(name).file_name().and_then(|s| s.to_str()).unwrap_or(name).to_lowercase();
    if base.starts_with("license") || base.starts_with("readme") || base.ends_with(".md") {
        return None;
    }
    // dyad's own format (`country RUS ...`, `042: VISIT +`) is not a legacy file.
    if super::detect(text).is_some() {
        return None;
    }
    let ext = Path::new(&base).extension().and_then(|s| s.to_str()).unwrap_or("");
    match ext {
        "verbs" => return Some(if looks_petrarch_verbs(text) { Kind::PetrarchVerbs } else { Kind::TabariVerbs }),
        "actors" => return Some(Kind::Actors),
        "agents" => return Some(Kind::Agents),
        "options" => return Some(Kind::Options),
        "project" => return Some(Kind::Project),
        "discards" => return Some(Kind::Discards),
        "issues" => return Some(Kind::Issues),
        _ => {}
    }
    if text.contains("<ISSUE ") || base.contains("issue") {
        return Some(Kind::Issues);
    }
    if base.contains("discard") {
        return Some(Kind::Discards);
    }
    if base.contains("agent") {
        return Some(Kind::Agents);
    }
    if base.contains("actor") {
        return Some(Kind::Actors);
    }
    if looks_petrarch_verbs(text) || base.contains("verb") || base.starts_with("cameo") {
        return Some(if looks_petrarch_verbs(text) { Kind::PetrarchVerbs } else { Kind::TabariVerbs });
    }
    sniff(text)
}

/// Recognises a legacy file by its content alone, for names that say nothing
/// (`countries.txt`): verb patterns (`- * SUMMIT [042]`), agents (`PRESIDENT [~GOVPRS]`) or
/// actors (`AFGHANISTAN_ [AFG]`, `+KABUL_`, a tab and `[AFGGOV 331108-730717]`), by what most
/// of the first lines that carry a code look like.
fn sniff(text: &str) -> Option<Kind> {
    let (mut patterns, mut agents, mut actors, mut lines) = (0usize, 0usize, 0usize, 0usize);
    for raw in text.lines().take(2000) {
        let line = strip_comment(raw).trim_end();
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        let code = line.find('[').and_then(|a| line[a + 1..].find(']').map(|b| line[a + 1..a + 1 + b].trim()));
        if line.starts_with("- ") && line.contains('*') {
            patterns += 1;
        } else if code.is_some_and(|c| c.starts_with('~') || c.ends_with('~')) {
            agents += 1;
        } else if code.is_some_and(|c| {
            let first = c.split_whitespace().next().unwrap_or("");
            first.len() >= 3 && first.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '-')
        }) || line.starts_with('+')
        {
            actors += 1;
        }
    }
    if lines < 3 {
        return None;
    }
    let most = |n: usize| n * 2 >= lines;
    // Verb patterns (`- * EFFORT [987]`) are in no other kind of file.
    if patterns >= 3 {
        Some(Kind::TabariVerbs)
    } else if most(agents) {
        Some(Kind::Agents)
    } else if most(actors) {
        Some(Kind::Actors)
    } else {
        None
    }
}

/// Does this directory (or file) hold legacy dictionaries? True when any file in it is
/// recognised as TABARI or PETRARCH.
pub fn is_legacy_dir(dir: &Path) -> bool {
    let mut paths = Vec::new();
    list(dir, &mut paths);
    paths.iter().any(|p| {
        let name = p.display().to_string();
        let head = read_head(p);
        detect(&name, &head).is_some()
    })
}

fn read_head(p: &Path) -> String {
    use std::io::Read;
    let mut buf = vec![0u8; 64 * 1024];
    let n = std::fs::File::open(p).and_then(|mut f| f.read(&mut buf)).unwrap_or(0);
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

fn list(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                list(&p, out);
            } else {
                out.push(p);
            }
        }
    }
}

/// Everything read from a set of legacy dictionaries.
#[derive(Default)]
pub struct Dictionaries {
    pub verbs: tabari_verbs::Verbs,
    pub actors: actors::Actors,
    pub agents: agents::Agents,
    pub discards: discards::Discards,
    pub issues: issues::Issues,
    pub options: options::Options,
    /// Problems found while loading: each names its file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The files loaded, with their kinds.
    pub files: Vec<(String, Kind)>,
}

/// A file given explicitly: its path and, for the per-kind flags, its kind.
pub struct Source {
    pub path: PathBuf,
    pub kind: Option<&'static str>,
}

/// Reads legacy dictionaries from directories (every recognised file in them) and from
/// files named by kind.
pub fn load(dirs: &[PathBuf], files: &[Source]) -> Dictionaries {
    let mut d = Dictionaries::default();
    let mut todo: Vec<(String, String, Kind)> = Vec::new();
    for dir in dirs {
        let mut paths = Vec::new();
        list(dir, &mut paths);
        if paths.is_empty() {
            d.diagnostics.push(Diagnostic { origin: dir.display().to_string(), message: "no files found".into() });
        }
        paths.sort();
        for p in paths {
            let name = p.display().to_string();
            let Some(text) = read(&p, &mut d.diagnostics) else { continue };
            match detect(&name, &text) {
                Some(kind) => todo.push((name, text, kind)),
                None => continue,
            }
        }
    }
    for s in files {
        let name = s.path.display().to_string();
        let Some(text) = read(&s.path, &mut d.diagnostics) else { continue };
        let kind = s.kind.and_then(|k| Kind::from_flag(k, &text)).or_else(|| detect(&name, &text));
        match kind {
            Some(kind) => todo.push((name, text, kind)),
            None => {
                d.diagnostics.push(Diagnostic { origin: name, message: "kind of dictionary not recognised".into() })
            }
        }
    }
    // Options first (they may change how the rest is read), then verbs before the rest.
    todo.sort_by_key(|(_, _, k)| match k {
        Kind::Options | Kind::Project => 0,
        Kind::TabariVerbs | Kind::PetrarchVerbs => 1,
        _ => 2,
    });
    for (name, text, kind) in &todo {
        load_text(&mut d, name, text, *kind);
    }
    d.verbs.finish();
    // A TABARI project (an `.options` file) codes no sentence shorter than TABARI's minimum:
    // 8 words unless `SET: MINIMUM WORDS` says otherwise. Without one, and with PETRARCH,
    // there is no such filter.
    if d.files.iter().any(|(_, k)| *k == Kind::Options) && d.options.minimum_words.is_none() {
        d.options.minimum_words = Some(options::TABARI_MINIMUM_WORDS);
    }
    d
}

/// Adds one file's text of a known kind.
pub fn load_text(d: &mut Dictionaries, name: &str, text: &str, kind: Kind) {
    let diags = &mut d.diagnostics;
    match kind {
        Kind::TabariVerbs => {
            d.options.agent_alone = true;
            d.options.tabari_rules = true;
            tabari_verbs::parse(name, text, &mut d.verbs, diags)
        }
        Kind::PetrarchVerbs => petrarch_verbs::parse(name, text, &mut d.verbs, diags),
        Kind::Actors => actors::parse(name, text, &mut d.actors, diags),
        Kind::Agents => agents::parse(name, text, &mut d.agents, diags),
        Kind::Discards => discards::parse(name, text, &mut d.discards, diags),
        Kind::Issues => issues::parse(name, text, &mut d.issues, diags),
        Kind::Options => options::parse(name, text, &mut d.options, diags),
        Kind::Project => options::parse_project(name, text, &mut d.options, diags),
    }
    d.files.push((name.to_string(), kind));
}

fn read(p: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match std::fs::read(p) {
        // Old dictionaries are often Latin-1: keep going with replacement characters.
        Ok(bytes) => Some(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }),
        Err(e) => {
            diags.push(Diagnostic { origin: p.display().to_string(), message: format!("cannot read: {e}") });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_and_modes() {
        let p = phrase("ITHILEN_GOVERNMENT_RADIO_");
        assert_eq!(p.len(), 3);
        assert!(p[0].joined && p[1].joined && !p[2].joined);
        assert_eq!(p[2].mode, Mode::Exact);
        let p = phrase("ARGENTIN");
        assert_eq!(p[0].mode, Mode::Stem);
        let p = phrase("BAN=");
        assert_eq!(p[0].mode, Mode::Strict);
        let p = phrase("REAL~_PLEASANT");
        assert_eq!(p[0].mode, Mode::Stem);
        assert!(p[0].joined);
    }

    #[test]
    fn endings() {
        let w = |s: &str| phrase(s).remove(0);
        let verb = |d: &str, t: &str| word_matches_as(&w(d), t, Use::Verb);
        assert!(verb("DEPART_", "DEPARTED"));
        assert!(verb("DEPART_", "DEPARTING"));
        assert!(!verb("DEPART_", "DEPARTX"));
        assert!(verb("DEPLORE_", "DEPLORED"));
        assert!(!verb("DEPLORE_", "DEPLOREZ"));
        assert!(!verb("DONATE_", "DONATE'S"));
        assert!(!verb("BAN=", "BANING"));
        assert!(verb("BAN=", "BAN"));
        assert!(verb("HURRY_", "HURRIED"));
        assert!(verb("STAB_", "STABBED"));
        // Nouns take noun endings only; closed pattern words match themselves only.
        assert!(!word_matches(&w("KRONER_"), "KRONEREN"));
        assert!(!word_matches_as(&w("RESOLUTION_"), "RESOLUTIONS", Use::Pattern));
        assert!(word_matches(&w("LIBYA_"), "LIBYA'S"));
        assert!(word_matches(&w("ARGENTIN"), "ARGENTINA"));
        assert!(word_matches(&w("LIBYA_"), "LIBYAS"));
        assert!(!word_matches(&w("ESTONIA_"), "ESTONIAXS"));
    }

    #[test]
    fn dated_codes() {
        let c = parse_dated_code("USAGOV 991201-010114").unwrap();
        assert_eq!(c.from, Date::new(1999, 12, 1));
        assert_eq!(c.to, Date::new(2001, 1, 14));
        let c = parse_dated_code("HOB < 950601").unwrap();
        assert_eq!(c.to, Date::new(1995, 5, 31));
        let c = parse_dated_code("HOBREB > 990816").unwrap();
        assert_eq!(c.from, Date::new(1999, 8, 16));
        assert!(parse_dated_code("991201-010114").is_err());
        assert!(parse_dated_code(" ").is_err());
        assert!(parse_dated_code("AAA950601-990815").is_err());
        let codes = vec![
            parse_dated_code("HOB < 950601").unwrap(),
            parse_dated_code("HOBGOV 950601 - 990815").unwrap(),
            parse_dated_code("HOBREB > 990816").unwrap(),
        ];
        assert_eq!(code_on(&codes, Date::new(1950, 12, 1).unwrap()), Some("HOB"));
        assert_eq!(code_on(&codes, Date::new(1998, 1, 1).unwrap()), Some("HOBGOV"));
        assert_eq!(code_on(&codes, Date::new(2001, 1, 1).unwrap()), Some("HOBREB"));
    }

    #[test]
    fn kinds() {
        assert_eq!(detect("x/TABARI.Demo.verbs", "ABANDON [345]"), Some(Kind::TabariVerbs));
        assert_eq!(detect("x/CAMEO.2.0.txt", "---  ADD   [---]  ---\nADD\n"), Some(Kind::PetrarchVerbs));
        assert_eq!(detect("x/Phoenix.agents.txt", ""), Some(Kind::Agents));
        assert_eq!(detect("x/Phoenix.Countries.actors.txt", ""), Some(Kind::Actors));
        assert_eq!(detect("x/Phoenix.IssueCoding.txt", "<ISSUE CATEGORY=\"X\">"), Some(Kind::Issues));
        assert_eq!(detect("x/Phoenix.discards.txt", ""), Some(Kind::Discards));
        assert_eq!(detect("x/LICENSE.MIT", ""), None);
        assert_eq!(detect("x/countries.txt", "country RUS"), None);
        // Names that say nothing: the content decides.
        let actors = "AFGHANISTAN_  [AFG]\n+AFGHAN_\n+KABUL_\nMOHAMMAD_ZAHIR_SHAH_\n\t[AFGGOV 331108-730717]\n";
        assert_eq!(detect("x/countries.txt", actors), Some(Kind::Actors));
        let agents = "AMBASSADOR_  [ ~GOV] ;LRP\nPRESIDENT_  [ ~GOVPRS]\nHUMAN_RIGHTS_BODY_ [NGO~]\n";
        assert_eq!(detect("x/roles.txt", agents), Some(Kind::Agents));
        let verbs = "&AID\n+HELP\n+AID\n+ASSISTANCE\nABANDON [345]\n- * EFFORT [987]\n- * TIES [901]\n- $ * + [902]\n";
        assert_eq!(detect("x/v.txt", verbs), Some(Kind::TabariVerbs));
        assert_eq!(detect("x/notes.txt", "Some notes.\nNothing coded [here].\nThe end.\n"), None);
    }
}
