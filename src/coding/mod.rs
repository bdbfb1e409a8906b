//! Coding stage: actor mentions and CAMEO events.
//!
//! Input: a [`Document`] (text stage) and the [`Knowledge`]. Output: a [`Coded`] article —
//! its mentions and events, each event with its evidence and the rule that fired.
//! Depends on `model`, `text` (through `Document`) and `knowledge`.

pub mod actors;
pub mod events;
pub mod legacy;

use crate::knowledge::Knowledge;
use crate::model::{Article, Date, Document, Event, Evidence, Mention, Plover, Rule, Span};
use crate::text::normalize::char_offset;

/// A mention with the sentence it is in.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SentenceMention {
    pub sentence: usize,
    /// Character offsets into the sentence.
    pub span: [usize; 2],
    #[serde(flatten)]
    pub mention: Mention,
}

/// The coding stage's output for one article.
pub struct CodedArticle {
    pub doc: Document,
    /// The date the article was coded for (its own, `--date`, or today).
    pub date: Date,
    pub mentions: Vec<SentenceMention>,
    pub events: Vec<Event>,
}

/// The country of a wire dateline's place ("MANILA, March 20 -" → PHL).
fn dateline_country(kb: &Knowledge, dateline: &str, date: Date) -> Option<String> {
    let tokens = crate::text::tokens::tokenize(dateline);
    (0..tokens.len()).find_map(|i| {
        kb.lexicon.longest_at(&tokens, i, date).into_iter().find_map(|e| {
            let ent = kb.entity(e.entity);
            (ent.kind == crate::knowledge::EntityKind::Country).then(|| ent.code_on(date).map(str::to_string)).flatten()
        })
    })
}

/// Whether the coder uses the dependency parse (default) or only its shallow search. Set once
/// by the command line (`--shallow`) before coding starts.
pub static SHALLOW: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Parses a sentence when it can yield an event: a trigger word and an actor. Parsing every
/// sentence would cost most of the run's time for no gain.
fn parse_if_useful(
    kb: &Knowledge,
    text: &str,
    sentence: &crate::model::Sentence,
    found: &actors::SentenceActors,
) -> Option<crate::text::syntax::Parsed<'static>> {
    if SHALLOW.load(std::sync::atomic::Ordering::Relaxed) {
        return None;
    }
    let actors = found.mentions.iter().filter(|m| m.code.is_some()).count();
    if actors < 1 || !sentence.tokens.iter().any(|t| kb.triggers.contains_key(&t.lower)) {
        return None;
    }
    if !events::has_candidates(kb, &sentence.tokens, found) {
        return None;
    }
    let words: Vec<&str> = sentence.tokens.iter().map(|t| &text[t.start..t.end]).collect();
    let mut parsed = crate::text::syntax::Syntax::builtin().analyze(&words);
    finite_participle(&mut parsed, &sentence.tokens);
    Some(parsed)
}

/// A sentence whose only verb the parse takes for a participle modifying a noun root ("The
/// African Union *appealed* for calm": `Union` root, `appealed` acl) has that verb as its
/// finite root and the noun as its subject, unless the participle has its agent after "by"
/// (a headline's "Ships attacked by Houthis").
fn finite_participle(parsed: &mut crate::text::syntax::Parsed<'static>, tokens: &[crate::model::Token]) {
    let n = parsed.head.len();
    let Some(root) = (0..n).find(|&k| parsed.head[k] == 0) else { return };
    if !matches!(parsed.upos[root], "NOUN" | "PROPN") {
        return;
    }
    // (Or the noun root is the participle's object, the participle right before it and a
    // noun before that: "The Burma Army and police *arrested* participants who ...",
    // `arrested` amod of `participants`, `Army` too.)
    if root >= 2
        && parsed.deprel[root - 1] == "amod"
        && parsed.head[root - 1] == root + 1
        && parsed.xpos[root - 1] == "VBN"
        && tokens[root - 1].shape == crate::model::Shape::Lower
        && matches!(parsed.upos[root - 2], "NOUN" | "PROPN")
        && !(0..root).any(|k| matches!(parsed.xpos[k], "VBD" | "VBZ" | "VBP" | "MD"))
        && !tokens[..root].iter().any(|t| matches!(t.lower.as_str(), "," | "by" | "of" | "in" | "from" | "with"))
    {
        let v = root - 1;
        // The subject: the head of the words before the participle (the one hanging on the
        // root, outside them).
        let Some(subject) = (0..v).find(|&k| parsed.head[k] == root + 1) else { return };
        if !matches!(parsed.upos[subject], "NOUN" | "PROPN")
            || (0..v).any(|k| k != subject && parsed.head[k] == root + 1)
        {
            return;
        }
        parsed.head[v] = 0;
        parsed.deprel[v] = "root";
        parsed.xpos[v] = "VBD";
        parsed.head[subject] = v + 1;
        parsed.deprel[subject] = "nsubj";
        parsed.head[root] = v + 1;
        parsed.deprel[root] = "obj";
        for k in root + 1..n {
            // (What hangs on the old root after it stays, but the sentence's end is the verb's.)
            if parsed.head[k] == root + 1 && parsed.upos[k] == "PUNCT" && k == n - 1 {
                parsed.head[k] = v + 1;
            }
        }
        return;
    }
    // (Or a participle right after the noun taken as modifying the next one: "Government
    // troops *shelled* rebel positions", `shelled` amod of `positions`; that noun is its object.)
    let modifier = (root + 1..n).find(|&k| {
        parsed.deprel[k] == "amod" && parsed.head[k] > k + 1 && tokens[k].shape == crate::model::Shape::Lower
    });
    // (Also a participle on the noun after "of": "Small groups of protesters *gathered* in
    // Nairobi", `gathered` acl of `protesters`, itself nmod of `groups`.)
    let of_root = |h: usize| {
        h > root
            && parsed.deprel[h] == "nmod"
            && parsed.head[h] == root + 1
            && tokens[root + 1..h].iter().any(|t| t.lower == "of")
    };
    let acl = (root + 1..n).find(|&k| {
        parsed.deprel[k] == "acl"
            && parsed.head[k] > 0
            && (parsed.head[k] == root + 1 || (parsed.head[k] <= k && of_root(parsed.head[k] - 1)))
    });
    let (v, object) = match (acl, modifier) {
        (Some(v), _) => (v, None),
        (None, Some(v)) => (v, Some(parsed.head[v] - 1)),
        (None, None) => return,
    };
    // Where the subject phrase ends: after the noun of "of" when the participle hangs on it.
    let subject_end = if parsed.head[v] > 0 && of_root(parsed.head[v] - 1) { parsed.head[v] } else { root + 1 };
    if subject_end > v {
        return;
    }
    // (A speaker's clause after a comma does not count: "supporters rallied against the
    // bill*, police said*".)
    let end = (v + 1..n).find(|&k| tokens[k].lower == ",").unwrap_or(n);
    let finite = (0..end).any(|k| matches!(parsed.xpos[k], "VBD" | "VBZ" | "VBP" | "MD"));
    let by =
        (0..n).any(|k| parsed.head[k] == v + 1 && (0..n).any(|j| parsed.head[j] == k + 1 && tokens[j].lower == "by"));
    // A time may stand between: "Kenyan police *on Monday* fired tear gas".
    let timely = tokens[subject_end..v].iter().all(|t| {
        matches!(
            t.lower.as_str(),
            "on" | "late"
                | "early"
                | "overnight"
                | "today"
                | "yesterday"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "also"
                | "reportedly"
                | "earlier"
                | "later"
                | "this"
                | "last"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "week"
        )
    });
    if finite || parsed.xpos[v] != "VBN" || by || v > subject_end + 3 || !timely {
        return;
    }
    for k in root + 1..n {
        if k == v {
            continue;
        }
        // (The root's own modifiers and the "of" phrase stay on it.)
        if parsed.head[k] == root + 1 && k >= subject_end {
            parsed.head[k] = v + 1;
        }
    }
    parsed.head[v] = 0;
    parsed.deprel[v] = "root";
    parsed.xpos[v] = "VBD";
    parsed.head[root] = v + 1;
    parsed.deprel[root] = "nsubj";
    if let Some(o) = object {
        parsed.head[o] = v + 1;
        parsed.deprel[o] = "obj";
    }
}

/// The doer of an act the sentence names in the passive with no doer, when a state's organ
/// closes the sentence as its speaker: "Two Russian diplomats were expelled, *the Polish
/// foreign ministry* said" (`POLGOV`). Only for what states decide and announce themselves:
/// cooperation, aid, concessions, sanctions and coercion (06, 07, 08, 16, 17); not force,
/// whose victims' side reports it ("two soldiers were killed, the army said").
fn closing_doer(
    kb: &Knowledge,
    code: &str,
    sc: &str,
    tokens: &[crate::model::Token],
    mentions: &[crate::model::Mention],
) -> Option<String> {
    if !sc.is_empty() || !matches!(code.get(..2), Some("06" | "07" | "08" | "16" | "17")) {
        return None;
    }
    let mut k = tokens.len();
    while k > 0 && matches!(tokens[k - 1].lower.as_str(), "." | "!" | "\"" | "'") {
        k -= 1;
    }
    while k > 0
        && matches!(
            tokens[k - 1].lower.as_str(),
            "on" | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "today"
                | "yesterday"
                | "late"
                | "earlier"
                | "later"
        )
    {
        k -= 1;
    }
    // "..., X said" or "..., said X".
    let said = |t: &crate::model::Token| events::SPEECH.contains(&t.lower.as_str());
    let (speaker_end, before) = if k > 0 && said(&tokens[k - 1]) { (k - 1, None) } else { (k, Some(())) };
    let m = mentions.iter().filter(|m| !m.locative).find(|m| m.tokens.1 == speaker_end)?;
    let mut start = m.tokens.0;
    if before.is_some() {
        if start == 0 || !said(&tokens[start - 1]) {
            return None;
        }
        start -= 1;
    }
    while start > 0 && matches!(tokens[start - 1].lower.as_str(), "the" | "a" | "an") {
        start -= 1;
    }
    if start == 0 || tokens[start - 1].lower != "," {
        return None;
    }
    let c = m.code.as_deref()?;
    (c.starts_with("IGO") || state_organ(kb, c)).then(|| c.to_string())
}

/// A country's state itself or one of its organs (government, police, courts, forces,
/// intelligence, legislature): who may decide an act of state and report it.
fn state_organ(kb: &Knowledge, code: &str) -> bool {
    !kb.ontology.split_actor(code).country.is_empty()
        && (code.len() == 3 || matches!(code.get(3..6), Some("GOV" | "COP" | "JUD" | "MIL" | "SPY" | "LEG")))
}

/// The doer of an act named in the passive with no doer, reported by a state's organ that
/// opens the sentence: "*Pakistan's interior minister* said 64 Afghans were rounded up"
/// (`PAKGOV`). As [`closing_doer`], only for what states decide (06, 07, 08, 16, 17); and not
/// when the act befell the speaker's own people or happened in another country ("the US
/// said two Americans were detained in Iran": Iran detained them).
fn opening_doer(
    kb: &Knowledge,
    code: &str,
    sc: &str,
    tc: &str,
    trigger: usize,
    tokens: &[crate::model::Token],
    mentions: &[crate::model::Mention],
) -> Option<String> {
    if !sc.is_empty() || !matches!(code.get(..2), Some("06" | "07" | "08" | "16" | "17")) {
        return None;
    }
    let first = mentions.iter().find(|m| !m.locative)?;
    let mut k = first.tokens.0;
    while k > 0 && matches!(tokens[k - 1].lower.as_str(), "the" | "a" | "an") {
        k -= 1;
    }
    // The speaker opens the sentence, or follows an opening time ("On Monday, ...").
    if k > 0 && tokens[k - 1].lower != "," {
        return None;
    }
    let mut j = first.tokens.1;
    while j < tokens.len()
        && (events::is_time_word(&tokens[j].lower)
            || matches!(tokens[j].lower.as_str(), "also" | "has" | "had" | "have"))
    {
        j += 1;
    }
    if j >= trigger || !events::SPEECH.contains(&tokens.get(j)?.lower.as_str()) {
        return None;
    }
    let c = first.code.as_deref()?;
    if !state_organ(kb, c) {
        return None;
    }
    let country_of = |c: &str| kb.ontology.split_actor(c).country;
    let own = country_of(c);
    let abroad = mentions
        .iter()
        .any(|m| m.locative && m.code.as_deref().is_some_and(|x| !x.starts_with("IGO") && country_of(x) != own));
    (country_of(tc) != own && !abroad).then(|| c.to_string())
}

/// Codes whose act is, with no other country in the sentence, done to the doer's own society:
/// coercion (17x), violent repression (175) and protest (14x).
fn domestic_by_default(code: &str) -> bool {
    code.starts_with("17") || code.starts_with("14")
}

/// A side the text leaves without a country, completed from the rest of the sentence (the
/// news states the other country once, a reader fills it in):
/// - an act with a doer of country C and no target, or a target with no country ("the
///   protesters"), is aimed at the one other country the sentence names ("Bishkek said *Tajik
///   troops* opened fire on dwellings" KGZ; "Iran demanded that Iranians detained over U.S.
///   sanctions be freed" USA); with no other country, coercion and protest are domestic
///   ("Myanmar security forces opened fire on pro-democracy protests" MMR -> MMR).
/// - a doer with no country (police, gunmen, protesters) acting on country C, the sentence's
///   only country, is of C ("*Protesters* took to the streets of Algeria's capital").
///
/// Returns the codes and, when a side was completed, how (for `rule.roles`).
fn complete_sides(
    kb: &Knowledge,
    code: &str,
    sc: String,
    tc: String,
    mentions: &[crate::model::Mention],
) -> (String, String, Option<&'static str>) {
    // (A region is no country to aim at: "a blow to hopes for a transition in one of
    // *Africa*'s largest countries".)
    let country = |c: &str| {
        let k = kb.ontology.split_actor(c).country;
        (!k.is_empty()
            && !matches!(k.as_str(), "IGO" | "NGO" | "IMG" | "MNC")
            && kb.find(crate::knowledge::entities::EntityKind::Region, &k).is_none())
        .then_some(k)
    };
    let mut named: Vec<String> = Vec::new();
    // (A news outlet reporting sets no scene: "*The BBC* has reported that these militias
    // ambushed army convoys".)
    for m in mentions.iter().filter(|m| !crate::coding::actors::is_outlet(m)) {
        if let Some(k) = m.code.as_deref().and_then(country)
            && !named.contains(&k)
        {
            named.push(k);
        }
    }
    // (An international organisation's act aims at a country as a state's does: "EU ministers
    // adopted sanctions against rights violators in Iran".)
    let organisation = |c: &str| (c.starts_with("IGO") || c.starts_with("NGO")).then(|| c[..3].to_string());
    let (cs, ct) = (country(&sc).or_else(|| organisation(&sc)), country(&tc));
    // A bare agent ("CVL", "COP") or nothing: a side with no country, no organisation.
    // (Not "GOV": officials with no country are as often foreign, "talks with governments".)
    let bare = |c: &str| {
        c.is_empty()
            || matches!(
                c,
                "CVL"
                    | "OPP"
                    | "COP"
                    | "MIL"
                    | "REB"
                    | "INS"
                    | "LAB"
                    | "EDU"
                    | "JUD"
                    | "LEG"
                    | "MED"
                    | "HRI"
                    | "CRM"
                    | "REL"
                    | "REF"
                    | "SPY"
                    | "UAF"
            )
    };
    // (A company's dealings are no state's: "Gulf States said the banks had requested".)
    let business = ["BUS", "MNC", "DEV"].iter().any(|b| sc.get(3..).is_some_and(|r| r.contains(b)));
    // Force, like coercion and protest, is domestic when the sentence names no other country,
    // where it is done by armed groups, police or crowds, or placed in the doer's own country
    // ("Soldiers killed 12 militants in southwest *Niger*"); a state's strike with no place is
    // as often abroad ("Iraq said its warplanes attacked two naval targets in the Gulf").
    // A government as target of coercion or protest is the doer's own.
    let force = matches!(&code[..2], "18" | "19" | "20")
        && (sc.get(3..).is_some_and(|r| {
            ["REB", "INS", "CRM", "UAF", "SEP", "COP", "CVL", "OPP", "LAB"].iter().any(|k| r.starts_with(k))
        }) || mentions.iter().any(|m| m.locative && m.code.as_deref().and_then(country) == country(&sc)));
    // A country's own society, opposition, armed groups, courts and parliament, with no
    // other country in sight, act at home whatever they do: "Bangladesh's opposition accused
    // ...", "the rebels demanded ..." (not its government or forces, whose words are as
    // often about abroad: "the Kremlin rejected the allegations").
    let inward = matches!(&code[..2], "02" | "10" | "11" | "12" | "13" | "14")
        && sc.get(3..).is_some_and(|r| {
            ["REB", "INS", "SEP", "UAF", "CRM", "CVL", "OPP", "LAB", "EDU", "HRI", "REL", "JUD", "LEG", "COP", "MED"]
                .iter()
                .any(|k| r.starts_with(k))
        });
    let own_government = tc == "GOV" && domestic_by_default(code);
    match (cs, ct) {
        (Some(s), None) if (bare(&tc) || own_government) && !business => {
            let others: Vec<&String> = named.iter().filter(|k| **k != s).collect();
            let to = match others.as_slice() {
                [one] => Some(((*one).clone(), "target country: the other country of the sentence")),
                // (So is any act on people, forces or groups named by role alone: "the Syrian
                // army accused *rebels*", SYR -> SYRREB.)
                [] if (domestic_by_default(code) || force || inward || !tc.is_empty()) && country(&sc).is_some() => {
                    Some((s.clone(), "target country: the doer's own (domestic act)"))
                }
                _ => None,
            };
            match to {
                Some((k, how)) => (sc, format!("{k}{tc}"), Some(how)),
                None => (sc, tc, None),
            }
        }
        // A coercion with no doer named at all ("eight activists were arrested") is by the
        // state of the sentence's one country, when that country is its target's.
        (None, Some(t)) if sc.is_empty() && code.starts_with("17") && named.len() == 1 => {
            (t, tc, Some("source country: the sentence's one country (a coercion with no doer named)"))
        }
        (None, None)
            if sc.is_empty()
                && code.starts_with("17")
                && !tc.is_empty()
                && (bare(&tc) || tc == "GOV")
                && named.len() == 1 =>
        {
            let k = named[0].clone();
            (
                k.clone(),
                format!("{k}{tc}"),
                Some("both countries: the sentence's one country (a coercion with no doer named)"),
            )
        }
        (None, Some(t)) if !sc.is_empty() && bare(&sc) && named.len() == 1 => {
            let armed = matches!(sc.as_str(), "REB" | "INS" | "CRM" | "UAF" | "SEP");
            let society = matches!(sc.as_str(), "CVL" | "OPP" | "LAB" | "EDU" | "HRI" | "REL");
            let police = matches!(sc.as_str(), "COP" | "MIL" | "SPY" | "GOV" | "JUD");
            let violent = code.starts_with("18") || code.starts_with("19") || code.starts_with("20");
            if (armed && violent) || (society && code.starts_with("14")) || (police && domestic_by_default(code)) {
                (format!("{t}{sc}"), tc, Some("source country: the sentence's one country"))
            } else {
                (sc, tc, None)
            }
        }
        _ => (sc, tc, None),
    }
}

/// Codes one article.
pub fn code_article(kb: &Knowledge, article: &Article, doc: Document, date: Date) -> CodedArticle {
    let mut memory = actors::Memory::default();
    let mut mentions = Vec::new();
    let mut events = Vec::new();
    let date_str = date.to_string();
    let context = doc.dateline.and_then(|(a, b)| dateline_country(kb, &doc.text[a..b], date));
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let found = actors::find(kb, &doc.text, sentence, date, &mut memory, context.as_deref());
        let stext = doc.sentence_text(sentence);
        let span_of = |bytes: (usize, usize)| -> Span {
            let (a, b) = (bytes.0 - sentence.start, bytes.1 - sentence.start);
            Span { start: char_offset(stext, a), end: char_offset(stext, b), text: stext[a..b].to_string() }
        };
        let coded = match parse_if_useful(kb, &doc.text, sentence, &found) {
            Some(parsed) => {
                let tree = events::Tree { head: &parsed.head, deprel: &parsed.deprel };
                events::code_sentence_parsed(kb, &sentence.tokens, &found, Some(tree))
            }
            None => events::code_sentence(kb, &sentence.tokens, &found),
        };
        let mut seen: Vec<(String, String, String)> = Vec::new();
        for c in coded {
            let s = c.source.map(|s| &found.mentions[s]);
            let t = c.target.map(|t| &found.mentions[t]);
            let sc = s.and_then(|s| s.code.clone()).unwrap_or_default();
            let tc = t.and_then(|t| t.code.clone()).unwrap_or_default();
            let (sc, tc, inferred) = match closing_doer(kb, &c.code, &sc, &sentence.tokens, &found.mentions) {
                Some(doer) => (doer, tc, Some("source: the state organ the sentence closes with (passive, no doer)")),
                None => match opening_doer(kb, &c.code, &sc, &tc, c.trigger, &sentence.tokens, &found.mentions) {
                    Some(doer) => {
                        (doer, tc, Some("source: the state organ the sentence opens with (passive, no doer)"))
                    }
                    None => complete_sides(kb, &c.code, sc, tc, &found.mentions),
                },
            };
            let key = (sc.clone(), tc.clone(), c.code.clone());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let Some(info) = kb.ontology.event(&c.code) else { continue };
            let p = &kb.patterns[c.pattern as usize];
            let tok = &sentence.tokens[c.trigger];
            let trigger = span_of((tok.start, tok.end));
            let plover = (!info.plover_type.is_empty()).then(|| Plover {
                kind: info.plover_type.clone(),
                mode: info.plover_mode.clone(),
                context: info.plover_context.clone(),
            });
            events.push(Event {
                id: format!("{}:{}:{}", article.id, si, events.len()),
                doc_id: article.id.clone(),
                sentence: si,
                date: Some(date_str.clone()),
                source: sc,
                target: tc,
                code: c.code.clone(),
                root_code: info.root().to_string(),
                base_code: info.base().to_string(),
                name: info.name.clone(),
                quad_class: info.quad_class,
                goldstein: info.goldstein,
                plover,
                source_text: s.map(|s| s.text.clone()).unwrap_or_default(),
                target_text: t.map(|t| t.text.clone()).unwrap_or_default(),
                source_name: s.map(|s| s.name.clone()).unwrap_or_default(),
                target_name: t.map(|t| t.name.clone()).unwrap_or_default(),
                trigger: trigger.text.clone(),
                is_root: sentence.paragraph == doc.sentences[0].paragraph,
                evidence: Evidence {
                    sentence: stext.to_string(),
                    source: s.map(|s| span_of(s.bytes)).unwrap_or_default(),
                    target: t.map(|t| span_of(t.bytes)).unwrap_or_default(),
                    trigger,
                },
                rule: Rule {
                    pattern: p.origin.clone(),
                    text: p.text.clone(),
                    roles: match inferred {
                        Some(how) => format!("{}; {how}", c.roles),
                        None => c.roles.to_string(),
                    },
                },
                issues: Vec::new(),
            });
        }
        for m in found.mentions {
            let sp = span_of(m.bytes);
            mentions.push(SentenceMention { sentence: si, span: [sp.start, sp.end], mention: m });
        }
    }
    CodedArticle { doc, date, mentions, events }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;

    fn kb() -> &'static Knowledge {
        static KB: OnceLock<Knowledge> = OnceLock::new();
        KB.get_or_init(Knowledge::builtin)
    }

    /// Codes a text dated 2024-10-02 and returns its events as "SOURCE CODE TARGET".
    fn code(text: &str) -> Vec<String> {
        code_on(Date::new(2024, 10, 2).unwrap(), text)
    }

    /// The events of `text` as an article of `date`: "SOURCE CODE TARGET".
    fn code_on(date: Date, text: &str) -> Vec<String> {
        let article = Article { id: "t".into(), text: text.into(), date: Some(date), ..Default::default() };
        let coded = crate::pipeline::code(kb(), &article, date);
        coded.events.iter().map(|e| format!("{} {} {}", e.source, e.code, e.target)).collect()
    }

    #[test]
    fn joint_acts_in_the_passive_pair_their_doers_after_by() {
        // Two doers after "by", in words no grouping joins: a body one heads, an apposition ...
        assert_eq!(
            code(
                "The protocol was signed by the chairman of the Kyrgyzstan National Security Committee, \
                 Kamchibek Tashiev, and his Tajik counterpart."
            ),
            ["KGZ 057 TJKGOV", "TJKGOV 057 KGZ"]
        );
        // ... or a description of the second.
        assert_eq!(
            code(
                "The truce was agreed to by Libya's Prime Minister and the divided country's eastern commander Khalifa Haftar."
            ),
            ["LBYGOV 030 LBYMIL", "LBYMIL 030 LBYGOV"]
        );
        // A participle after "after" has the main clause's joint subject (not "before", not yet).
        assert_eq!(
            code(
                "Kyrgyzstan and Tajikistan completed the process of withdrawing troops after agreeing on a ceasefire."
            ),
            ["KGZ 0356 TJK", "TJK 0356 KGZ"]
        );
        // A country's own actor after its possessive is that actor, no second member.
        assert_eq!(
            code("The United States and Yemen's Houthis have reached a ceasefire agreement."),
            ["USA 0356 YEMREB", "YEMREB 0356 USA"]
        );
        // A demand "met by" purchases is no meeting.
        assert!(code("Demand has been met by Soviet purchases and U.S. exports.").is_empty());
    }

    #[test]
    fn settings_come_from_actors_not_from_outlets_or_far_datelines() {
        // A news outlet's country sets no scene.
        assert_eq!(code("The BBC has reported that militias ambushed convoys from the junta."), ["UAF 190 GOV"]);
        // A role "of" a person is of the person's country.
        assert_eq!(
            code_on(
                Date::new(2018, 4, 7).unwrap(),
                "The administration of President Donald Trump accused Russia of spying."
            ),
            ["USAGOV 1125 RUS"]
        );
        // Places of two countries, neither the dateline's: the one an actor is of.
        let article = Article {
            id: "t".into(),
            text: "TEHRAN (Tasnim) - Kenyan police say 12 people have been killed in an attack in Mandera county \
                   near the Somalia border."
                .into(),
            date: Some(Date::new(2016, 10, 25).unwrap()),
            ..Default::default()
        };
        let coded = crate::pipeline::code(kb(), &article, Date::new(2016, 10, 25).unwrap());
        let events: Vec<String> =
            coded.events.iter().map(|e| format!("{} {} {}", e.source, e.code, e.target)).collect();
        assert_eq!(events, [" 190 KENCVL"]);
    }

    #[test]
    fn a_participle_before_a_noun_root_is_the_verb() {
        // The parse takes "arrested" for a modifier of "participants", its root; the repair
        // makes it the verb, and the bare police share the army's country.
        assert_eq!(
            code("The Burma Army and police arrested participants who took part in protests."),
            ["MMRMIL 173 MMR", "MMRCOP 173 MMR"]
        );
    }

    #[test]
    fn sides_left_without_a_country_are_completed_from_the_sentence() {
        // The one other country the sentence names is the target ...
        assert_eq!(code("Bishkek said Tajik troops opened fire on dwellings."), ["TJKMIL 193 KGZ"]);
        // ... with none, coercion and protest are domestic ...
        assert_eq!(code("Hundreds of Malians took to the streets."), ["MLICVL 141 MLI"]);
        // ... a bare doer acting on the sentence's one country is of it ...
        assert_eq!(code("Gunmen attacked Kabul."), ["AFGREB 180 AFG"]);
        // ... a passive with no doer, closed by a state's organ, is that organ's act ...
        assert_eq!(
            code("Two Russian diplomats were expelled, the Polish foreign ministry said."),
            ["POLGOV 161 RUSGOV"]
        );
        assert_eq!(code("Two soldiers were killed by gunmen in the north, the army said."), ["REB 190 MIL"]);
        // ... or a state's organ opening the sentence, when the act befell no one of its own ...
        assert_eq!(code("Pakistan's interior minister said 64 Afghans were rounded up."), ["PAKGOV 173 AFGCVL"]);
        assert_eq!(code("The U.S. State Department said two Americans were detained in Iran."), [" 173 USACVL"]);
        // ... an organisation's act aims at the country it names ...
        assert_eq!(code("EU ministers adopted sanctions against rights violators in Iran."), ["IGOEUREEC 163 IRN"]);
        // ... and a state's organ reporting at the end speaks of its own forces.
        assert_eq!(
            code(
                "Security forces detained four members of the opposition party, the Zimbabwean interior ministry said."
            ),
            ["ZWECOP 173 ZWEOPP"]
        );
        assert_eq!(code("The Syrian army accused rebels of violating the truce."), ["SYRMIL 1123 SYRREB"]);
        // Two other countries: the target stays open.
        assert_eq!(code("Russian troops opened fire on dwellings, Ukraine said."), ["RUSMIL 193 UKR"]);
        assert_eq!(code("Russian troops opened fire on dwellings, France and Germany said."), ["RUSMIL 193 "]);
        // Force by armed groups, or placed in the doer's own country, is domestic.
        assert_eq!(code("Soldiers killed 12 militants in southwest Niger."), ["NERMIL 190 NERREB"]);
        assert_eq!(code("A suicide bomber killed 12 people in the Afghan capital."), ["AFGREB 1831 AFGCVL"]);
        // A second verb shares the first one's subject ("and shelled" is no company "Shell").
        assert_eq!(
            code("Russian forces captured the village and shelled Ukrainian positions."),
            ["RUSMIL 192 UKR", "RUSMIL 194 UKR"]
        );
        // A state's heavy weapons on its own city.
        assert_eq!(code("Ethiopian jets bombed Mekelle."), ["ETH 195 ETH"]);
        // Force one "could" use, closed by a warning of the doer's own side, is threatened.
        assert_eq!(
            code("Israel could strike Iran's nuclear sites, Israeli officials warned on Monday."),
            ["ISR 138 IRN"]
        );
        assert!(code("Israel could strike Iran's nuclear sites, Israeli officials said.").is_empty());
        // A place "in" which the doer is, before the verb, is no doer.
        assert_eq!(code("China's embassy in Manila said the Philippines was to blame."), ["CHNGOV 112 PHL"]);
        // "have" before a participle is no verb of its own.
        assert_eq!(code("Iran has rejected talks with the United States."), ["IRN 125 USA"]);
    }

    #[test]
    fn active_passive_and_by() {
        assert_eq!(code("Russia signed an agreement with Kazakhstan."), ["RUS 057 KAZ"]);
        assert_eq!(code("An agreement with Kazakhstan was signed by Russia."), ["RUS 057 KAZ"]);
    }

    #[test]
    fn negation_blocks_the_event() {
        assert!(code("Russia did not sign an agreement with Kazakhstan.").is_empty());
        assert!(code("Russia refused to sign an agreement with Kazakhstan.").iter().all(|e| !e.contains(" 057 ")));
    }

    #[test]
    fn compounds_give_one_event_each() {
        assert_eq!(code("Russia and China criticized Japan."), ["RUS 111 JPN", "CHN 111 JPN"]);
        assert_eq!(code("Russia and Kazakhstan signed an agreement."), ["RUS 057 KAZ", "KAZ 057 RUS"]);
    }

    #[test]
    fn composed_actors_and_dated_people() {
        assert_eq!(code("Kazakh officials criticized the Russian president."), ["KAZGOV 111 RUSGOV"]);
        assert_eq!(code("The President of Kazakhstan criticized Putin."), ["KAZGOV 111 RUSGOV"]);
        // In 1995 Putin held no office that dyad codes: no actor, no event.
        let date = Date::new(1995, 1, 1).unwrap();
        let article =
            Article { id: "t".into(), text: "Putin criticized Japan.".into(), date: Some(date), ..Default::default() };
        assert!(crate::pipeline::code(kb(), &article, date).events.is_empty());
        // Out of office, a leader is one of the country's elites.
        let date = Date::new(2023, 8, 1).unwrap();
        let text = "Prosecutors in Brazil opened an investigation into former President Jair Bolsonaro.";
        let article = Article { id: "t".into(), text: text.into(), date: Some(date), ..Default::default() };
        let got: Vec<String> = crate::pipeline::code(kb(), &article, date)
            .events
            .iter()
            .map(|e| format!("{} {} {}", e.source, e.code, e.target))
            .collect();
        assert_eq!(got, ["BRAJUD 090 BRAELI"]);
    }

    #[test]
    fn domestic_events_take_their_place() {
        // Counted people are civilians of the place where it happens.
        assert_eq!(code("Police arrested 20 people in Nairobi after clashes."), ["KENCOP 173 KENCVL"]);
        // "in northern Mali" is a place, which gives bare agents their country.
        assert_eq!(code("Gunmen killed five soldiers in northern Mali."), ["MLIREB 180 MLIMIL"]);
        // The most specific pattern finds only the protesters' own city; a weaker one finds
        // whom they protest against.
        assert_eq!(code("Thousands of protesters rallied in Kyiv against the government."), ["UKRCVL 141 UKRGOV"]);
        // With no target at all, repression is aimed at the place, at home too.
        assert_eq!(code("Riot police detained dozens in Nairobi."), ["KENCOP 173 KEN"]);
        // But a government rallying at home campaigns, and victims are no doers.
        assert!(code("The Kenyan government held a rally in Nairobi.").is_empty());
        assert!(code("At least seven people were killed in Kenya yesterday.").is_empty());
        // Bare "people" is no actor.
        assert!(code("People in Nairobi criticized the plan.").is_empty());
    }

    #[test]
    fn a_finite_verb_is_no_modifier() {
        // "China deployed warships": China acts, it is not "Chinese warships".
        assert_eq!(code("China deployed warships near Taiwan."), ["CHN 154 TWN"]);
        assert_eq!(code("Russian armed forces attacked Kyiv."), ["RUSMIL 190 UKR"]);
    }

    #[test]
    fn acts_with_no_named_target() {
        // Rejection, criticism, arrests: the doer alone, with an empty target (an arrest's
        // target, with no other country named, is the doer's own: see `complete_sides`).
        assert_eq!(code("The Kremlin rejected the allegations as baseless."), ["RUSGOV 120 "]);
        assert_eq!(code("Kenyan police arrested a 36-year-old man on suspicion of theft."), ["KENCOP 173 KEN"]);
        // Cooperation always has a partner; a bare verb of force with no victim is no attack;
        // a government rallying campaigns; a victim is no doer.
        assert!(code("Russia signed an agreement.").is_empty());
        assert!(code("The Russian government executed a plan to cut costs.").is_empty());
        assert!(code("The Kenyan government held a rally.").is_empty());
        assert!(code("Three Kenyan soldiers were killed.").is_empty());
        // A target that is named but not coded is still a target.
        assert!(code("Putin criticized Mr. Zzyzx Qwerty.").is_empty());
        // Violence whose doer is not named has an empty source; an accident is no violence.
        assert_eq!(code("Three Malian soldiers were killed in an ambush on Sunday."), [" 190 MLIMIL"]);
        assert!(code("Three Malian soldiers were killed when their truck crashed.").is_empty());
        // So has any act done to a named side by someone unnamed, but not a stance ("is
        // opposed to") nor a thing the side only qualifies.
        assert_eq!(code("Two Russian diplomats were expelled on Monday."), [" 161 RUSGOV"]);
        assert_eq!(code("Japan, which has been accused of dumping steel, said nothing."), [" 112 JPN"]);
        assert!(code("Denmark was opposed to the tax.").iter().all(|e| !e.starts_with(" 1")));
        assert!(code("A cargo of U.S. corn for the Soviet Union was rejected.").is_empty());
    }

    #[test]
    fn refusals_owners_and_persons_acted_on() {
        // Not accepting is refusing; not signing is only no signing.
        assert_eq!(code("Hungary will not support Ukraine's bid to join the EU."), ["HUN 120 UKR"]);
        assert_eq!(code("Kazakhstan did not recognize the independence of Kosovo."), ["KAZ 120 KSV"]);
        assert!(code("Russia did not sign an agreement with Kazakhstan.").is_empty());
        // The owner named inside the pattern's words is the target, not what follows.
        assert_eq!(code("Israel rejected the Egyptian proposal in Cairo."), ["ISR 120 EGY"]);
        // A person acted on is the pattern's own noun when another country's.
        assert_eq!(
            code("Pakistan summoned the Indian envoy to protest the killing of civilians.")[0],
            "PAK 114 INDGOV"
        );
    }

    #[test]
    fn appositions_compounds_and_official_protests() {
        let date = Date::new(2016, 4, 10).unwrap();
        // A role noun in apposition to a person is that person's office.
        assert_eq!(
            code_on(date, "Mr. Fumio Kishida, Minister for Foreign Affairs, criticized Germany."),
            ["JPNGOV 111 DEU"]
        );
        // A person no dictionary names stands for the actor in apposition to him.
        assert_eq!(
            code("The State Department expelled Sergei Trepelkov, Russia's second-ranking diplomat in Washington."),
            ["USAGOV 161 RUSGOV"]
        );
        // "X and his counterpart Y", a time between them and the verb: one joint subject.
        assert_eq!(
            code("Putin and his Turkish counterpart Erdogan on Friday agreed to strengthen economic cooperation."),
            ["RUSGOV 0311 TURGOV", "TURGOV 0311 RUSGOV"]
        );
        // A state protesting complains officially.
        assert_eq!(code("China protested the new US military aid to Taiwan."), ["CHN 114 USAMIL"]);
    }

    #[test]
    fn speakers_pronouns_alleged_and_ended_acts() {
        // "it" after a speaker who stands before an auxiliary or a time is the speaker.
        assert_eq!(code("Israel on Sunday said it had arrested six Palestinians."), ["ISR 173 PSECVL"]);
        // So is "he" after an opposition leader named in full.
        assert_eq!(
            code("Russian opposition leader Alexei Navalny said he was arrested on Wednesday."),
            ["RUS 173 RUSOPP"]
        );
        // What one is accused of is the accusation's content, not an act.
        assert_eq!(code("Iran accused Israel of attacking its nuclear facility."), ["IRN 1123 ISR"]);
        assert!(
            code("Iran accused Israel of plotting to discuss sanctions with France.")
                .iter()
                .all(|e| !e.contains(" 04"))
        );
        // An act stopped is none: the appeal is the event.
        let got = code("China urged the U.S. to stop selling arms to Taiwan.");
        assert!(got.iter().all(|e| !e.contains(" 07")) && got.iter().any(|e| e.starts_with("CHN 02")), "{got:?}");
        // Expelling another state's officials cuts relations.
        assert_eq!(code("Russia kicked out US Embassy second-in-command Bart Gorman."), ["RUS 161 USAGOV"]);
        // A planned act on a condition stays a threat.
        let strike = code("Kenyan teachers will go on strike if the government does not raise wages.");
        assert!(strike.iter().all(|e| !e.contains(" 143")), "{strike:?}");
    }

    #[test]
    fn titles_before_unknown_names_and_trailing_participles() {
        // A participle after a speech and its listener is the speaker's.
        let got = code(
            "\"We will not tolerate any provocation,\" Chinese Foreign Ministry spokesman Zhu Qiang told \
             reporters, warning Washington against arms sales to Taiwan.",
        );
        assert_eq!(got, ["CHNGOV 130 USA"]);
        // Counted people head the passive's subject.
        assert_eq!(code("Hundreds of people were arrested in Iran after the protests."), ["IRN 173 IRNCVL"]);
    }

    #[test]
    fn allies_leaders_and_places_across() {
        // "X and its allies": X is the subject, the possessive no member.
        assert_eq!(code("The United States and its allies attacked Iraq."), ["USA 190 IRQ"]);
        // The leader of a force acts through it.
        let date = Date::new(2016, 6, 1).unwrap();
        assert_eq!(code_on(date, "U.S.-led forces attacked Taliban positions."), ["USAMIL 190 AFGREBTAL"]);
        // Targets struck across a country are struck in it.
        assert_eq!(code("Russia struck energy infrastructure across Ukraine overnight."), ["RUS 190 UKR"]);
        // A killing in a clause of bombing is violence.
        assert_eq!(code("At least 12 people were killed when jets bombed a market in Yemen."), [" 190 YEMCVL"]);
    }

    #[test]
    fn a_pronoun_opening_an_article_is_an_unknown_doer() {
        assert_eq!(code("They urged Tehran to cooperate with the inspectors."), [" 0255 IRN"]);
        // After a named speaker the pronoun is the speaker's, known or not.
        assert!(code("Acme Widgets Inc said it will ask Congress to approve the sale.").is_empty());
        // Later in an article an unexplained pronoun is left alone.
        assert!(code("Acme Widgets Inc reported higher sales. It urged Congress to cut taxes.").is_empty());
    }

    #[test]
    fn members_of_an_actor_and_negative_pledges() {
        // A role noun "of" an actor is one of its people.
        assert_eq!(code("Troops of the Nigerian military killed 20 Boko Haram fighters."), ["NGAMIL 190 NGAREB"]);
        // A pledge never to act is no intent to (its own pattern makes it a refusal).
        assert_eq!(code("Erdogan pledged never to talk to Mitsotakis again."), ["TURGOV 125 GRCGOV"]);
        assert!(code("Erdogan pledged never to cooperate with Greece.").iter().all(|e| !e.contains(" 03")));
    }

    #[test]
    fn states_coercing_their_society_and_east_asian_names() {
        // A country and its own suspects are two sides when it arrests them.
        assert_eq!(code("Israel said it had arrested six suspects in Jerusalem."), ["ISR 173 ISRCRM"]);
        // A Korean or Chinese name's last word is a given name, not a surname alone.
        assert!(code("Jong was arrested in March.").is_empty());
        assert_eq!(code("Foreign Minister Wang criticized Japan."), ["CHNGOV 111 JPN"]);
    }

    #[test]
    fn domestic_dyads_of_factions_society_and_concessions() {
        // The society a state acts on is of the one country the sentence names.
        assert_eq!(
            code_on(Date::new(2021, 10, 18).unwrap(), "Myanmar's junta released more than 5,000 political prisoners."),
            ["MMRGOV 0841 MMROPP"]
        );
        assert_eq!(code("Turkey sentenced two people smugglers to four years in prison."), ["TUR 173 TURCRM"]);
        // People protesting against their state, or at home.
        assert_eq!(code("Iranians rallied against the government in Tehran."), ["IRN 141 IRNGOV"]);
        assert_eq!(
            code_on(
                Date::new(2019, 7, 24).unwrap(),
                "After Navalny's arrest, more than 22,000 people rallied in the Russian capital."
            ),
            ["RUSCVL 141 RUS"]
        );
        // Easing a curfew or a state of emergency needs no partner.
        assert_eq!(code("The Sri Lankan government eased the curfew in Colombo."), ["LKAGOV 0813 LKA"]);
        assert_eq!(code("Ethiopia's government lifted the state of emergency on Tuesday."), ["ETHGOV 0814 "]);
        // Resigning is not one of them.
        assert!(code("The Italian government resigned.").is_empty());
    }

    #[test]
    fn a_participle_after_a_country_and_the_side_of_a_clash() {
        let d = Date::new(2023, 7, 26).unwrap();
        // After a country's own name, a participle is its clause's verb, not a modifier.
        assert_eq!(code_on(d, "Soldiers in Niger detained President Mohamed Bazoum."), ["NERMIL 173 NERGOV"]);
        // The side a victim's clash was with is the doer.
        assert_eq!(
            code_on(d, "Twenty Indian soldiers were killed in a clash with Chinese troops."),
            ["CHNMIL 190 INDMIL"]
        );
    }

    #[test]
    fn any_lower_case_phrase_between_commas_describes_the_subject() {
        assert_eq!(code("China, in a statement, condemned Japan."), ["CHN 111 JPN"]);
        // The parse's passive subject is the victim, past the noun its "of" phrase ends with.
        assert_eq!(
            code("Four leaders of a pro-democracy Hong Kong activist group have been arrested."),
            ["HKG 173 HKGOPP"]
        );
        // A time between a pattern's words does not part them.
        assert_eq!(code("Two rebels were killed today in an encounter with Philippine troops."), ["PHLMIL 193 PHLREB"]);
        // A role of a country in apposition to a name no dictionary knows is the subject.
        assert_eq!(
            code("Abdul Karim, the Nigerian foreign minister, condemned the attack on Niger."),
            ["NGAGOV 111 NER"]
        );
        assert_eq!(
            code_on(
                Date::parse("2017-01-01").unwrap(),
                "Macri and Temer, ideological allies in countries once governed by leftists, agreed to work together."
            ),
            ["ARGGOV 030 BRAGOV", "BRAGOV 030 ARGGOV"]
        );
    }

    #[test]
    fn a_phrase_between_commas_describes_the_subject_before_it() {
        assert_eq!(code("The Philippines, backed by the United States, criticised China."), ["PHL 111 CHN"]);
        assert_eq!(code("Turkey, a NATO member, condemned Israel."), ["TUR 111 ISR"]);
        assert_eq!(
            code("Iran and Saudi Arabia, considered arch-enemies by Israel, have signed an agreement."),
            ["IRN 057 SAU", "SAU 057 IRN"]
        );
    }

    #[test]
    fn a_participle_with_by_after_a_noun_is_passive() {
        assert_eq!(code("Two American prisoners freed by Venezuela were flown home."), ["VEN 0841 USA"]);
        assert_eq!(code("Canada, strongly supported by Australia, has championed the cause."), ["AUS 051 CAN"]);
    }

    #[test]
    fn counted_peoples_are_civilians_and_a_show_of_force_with_its_own_forces() {
        assert_eq!(code("Thousands of Georgians protested outside parliament."), ["GEOCVL 141 GEOLEG"]);
        assert_eq!(code("Tens of thousands marched in Belgrade against the government."), ["SRBCVL 141 SRBGOV"]);
        assert_eq!(code("Serbia put its troops on full combat alert."), ["SRB 152 "]);
    }

    #[test]
    fn a_weapon_as_the_subject_leaves_the_doer_unnamed() {
        assert_eq!(code("A roadside bomb killed three soldiers in Narathiwat province."), [" 190 THAMIL"]);
        assert!(code("The virus killed 20 people in Wuhan.").is_empty());
    }

    #[test]
    fn a_participle_the_parse_hangs_on_a_noun_root_is_the_verb() {
        assert_eq!(code("The African Union appealed for calm."), ["IGOAFROAU 0252 "]);
    }

    #[test]
    fn forces_acting_on_one_countrys_people_are_its_own() {
        let d = Date::new(2021, 2, 1).unwrap();
        assert_eq!(
            code_on(d, "The military detained State Counsellor Aung San Suu Kyi in an early morning raid."),
            ["MMRMIL 173 MMRGOV"]
        );
        // Not where a foreign state stands in the sentence.
        assert_eq!(code_on(d, "The junta ordered the French ambassador to leave."), ["GOV 161 FRAGOV"]);
    }

    #[test]
    fn a_ship_owned_or_flagged_by_a_country_is_its() {
        assert_eq!(code("Iran seized a Greek-flagged oil tanker."), ["IRN 171 GRC"]);
        assert_eq!(code("The Houthis attacked a British-owned tanker in the Red Sea."), ["YEMREB 190 GBR"]);
    }

    #[test]
    fn force_named_by_a_noun_finds_its_victim_inside_the_pattern() {
        assert_eq!(code("The killing of five soldiers by Boko Haram insurgents was confirmed."), ["NGAREB 190 NGAMIL"]);
    }

    #[test]
    fn role_words_as_adjectives_and_currencies_are_no_actors() {
        assert_eq!(
            code("Pakistan carried out retaliatory strikes on militant targets inside Iran on Thursday."),
            ["PAK 190 IRN"]
        );
        assert!(code("The Taiwan dollar appreciated against the U.S. dollar.").is_empty());
    }

    #[test]
    fn what_one_should_or_could_do_is_not_done() {
        assert!(
            code("Russia should immediately release the journalist, the State Department said.")
                .iter()
                .all(|e| !e.contains(" 0841 "))
        );
        assert!(code("Iran could attack Israel within days.").is_empty());
        // Force halted is no force, but a de-escalation of the force's own.
        assert_eq!(code("The Houthis halted attacks on shipping in the Red Sea."), ["YEMREB 087 "]);
        // A joint subject with its place before the verb; armed men are a rebel force.
        assert_eq!(
            code("Saudi Arabia and Houthi rebels in Yemen have agreed to a six-month truce."),
            ["SAU 0356 YEMREB", "YEMREB 0356 SAU"]
        );
        assert_eq!(code("Armed men abducted 30 students in Kaduna state."), ["NGAREB 181 NGAEDU"]);
        // A role in apposition to the country it stands for.
        assert_eq!(code("Rwanda accused its former colonial ruler, France, of genocide."), ["RWA 112 FRA"]);
        // Peacekeepers of no named country are the UN's.
        assert_eq!(code("Peacekeepers left Mali on Monday."), ["IGOUNOPKO 0874 MLI"]);
    }

    #[test]
    fn a_passives_doer_after_by_acts_alone() {
        assert_eq!(code("The resolution was vetoed by Russia."), ["RUS 129 "]);
        // Not a lawsuit.
        assert!(code("Iroquois said it has been sued by a French company.").is_empty());
    }

    #[test]
    fn an_appeals_addressee_and_a_listener_before_a_comma() {
        let d = Date::new(2023, 11, 3).unwrap();
        // The one asked is the target, not what it is asked to protect; reporters spoken to
        // are not in apposition to the speaker.
        assert_eq!(
            code_on(d, "Speaking to reporters, Blinken urged Israel to protect civilians."),
            ["USAGOV 0234 ISR"]
        );
    }

    #[test]
    fn a_named_faction_fights_its_own_country() {
        let d = Date::new(2019, 4, 5).unwrap();
        assert_eq!(code_on(d, "The Libyan National Army launched an offensive on Tripoli."), ["LBYMIL 190 LBY"]);
        // A state's forces striking one of its own cities fight a civil war too.
        assert_eq!(code_on(d, "Sudan's army bombed Nyala."), ["SDNMIL 195 SDN"]);
        // A country and its own rebels are two sides of any act; an acronym in brackets is
        // the same actor again.
        assert_eq!(
            code_on(d, "Colombia and the ELN agreed to extend the ceasefire."),
            ["COL 0356 COLREB", "COLREB 0356 COL"]
        );
        assert_eq!(
            code_on(
                Date::new(2023, 5, 20).unwrap(),
                "The Sudanese army and the Rapid Support Forces (RSF) agreed to a ceasefire."
            ),
            ["SDNMIL 0356 SDNREB", "SDNREB 0356 SDNMIL"]
        );
        // An adverb between a subject and its verb.
        assert_eq!(code_on(d, "Kigali in turn accuses Kinshasa of shelling its territory."), ["RWA 1123 COD"]);
    }

    #[test]
    fn a_rivers_bank_is_no_bank() {
        assert_eq!(
            code("Russian forces pulled back from the west bank of the Dnipro river in Ukraine."),
            ["RUSMIL 0874 UKR"]
        );
    }

    #[test]
    fn a_hub_dateline_gives_way_to_the_country_the_sentence_is_about() {
        let text = "DAKAR, Aug 18 - Mutinying soldiers detained President Ibrahim Boubacar Keita of Mali on Tuesday.";
        assert_eq!(code_on(Date::new(2020, 8, 18).unwrap(), text), ["MLIMIL 173 MLIGOV"]);
    }

    #[test]
    fn relative_clauses_and_locations() {
        let got = code("Tokayev received in Astana the Russian president, who is in Kazakhstan on a state visit.");
        assert_eq!(got, ["KAZGOV 043 RUSGOV", "RUSGOV 042 KAZ"]);
    }

    #[test]
    fn references_to_two_leaders() {
        let got = code("Putin arrived in Astana to see Tokayev. The two leaders spoke privately.");
        assert!(
            got.contains(&"RUSGOV 040 KAZGOV".to_string()) && got.contains(&"KAZGOV 040 RUSGOV".to_string()),
            "{got:?}"
        );
    }

    #[test]
    fn pronouns_take_up_one_recent_person() {
        assert_eq!(code("Putin arrived in Astana on Monday. He met Tokayev."), ["RUSGOV 042 KAZ", "RUSGOV 040 KAZGOV"]);
        // The one person of the last sentence that named people is "he".
        assert_eq!(code("Tokayev spoke in Astana. Putin arrived on Monday. He criticized Japan."), ["RUSGOV 111 JPN"]);
        // Two people in the last sentence: "he" is ambiguous and codes nothing.
        assert!(code("Putin met Tokayev. Later he criticized Japan.").iter().all(|e| !e.contains(" 111 ")));
    }

    #[test]
    fn possessive_pronouns_give_bare_agents_their_owner() {
        // "its forces": the country that opens the sentence, not the place named after.
        assert_eq!(code("Iran said its forces attacked Iraqi positions east of Basra."), ["IRNMIL 190 IRQ"]);
        // Not the object of a preposition, nor the dateline's country.
        assert_eq!(code("Kenya said its troops attacked Somalia."), ["KENMIL 190 SOM"]);
        // An armed group's forces are the group.
        let got = code("Syrian rebel leader Abu Zzyzx said his forces attacked the Syrian army.");
        assert_eq!(got, ["SYRREB 190 SYRMIL"]);
    }

    #[test]
    fn possessive_pronouns_are_targets_of_last_resort() {
        // "its" is Iran's: the speaker's, not the attacker's own.
        assert_eq!(code("Iran said U.S. forces attacked two of its oil platforms."), ["USAMIL 190 IRN"]);
        // A named target comes first; the pronoun only where nothing else is.
        assert_eq!(code("China attacked the Japanese army and its bases."), ["CHN 190 JPNMIL"]);
        // A possessive is no subject, and one's own is no target.
        assert!(code("Japan said its exports rose.").is_empty());
        assert_eq!(code("Iran test-fired its new missiles."), ["IRN 150 "]);
    }

    #[test]
    fn force_with_a_named_doer_and_no_named_victim() {
        // The doer after "by" in the passive, or the modifier of a noun of force aimed at
        // something: the act stands alone.
        assert_eq!(code("The rigs were shelled by four American destroyers on Monday."), ["USA 194 "]);
        assert_eq!(
            code("The Tehran leadership condemned the U.S. raids on the rigs."),
            ["IRNGOV 111 USA", "USA 190 IRN"]
        );
        // A feared attack is none.
        assert!(code("The risk of Iranian attacks on shipping is low.").is_empty());
    }

    #[test]
    fn crowds_and_places_give_bare_agents_their_country() {
        // A counted crowd is civilians; a place inside another mention ("police in Hong
        // Kong") is the sentence's place.
        assert_eq!(code("Thousands protested in Santiago against the government of Chile."), ["CHLCVL 140 CHLGOV"]);
        // (Crowds clashing with police riot, 145: the crowd protests violently.)
        assert_eq!(code("Protesters clashed with police in Hong Kong."), ["HKGCVL 145 HKGCOP"]);
    }

    #[test]
    fn the_patterns_own_noun_gives_way_to_an_actor_after_it() {
        // "send troops to", "recalled its ambassador to": the target follows the noun.
        assert_eq!(code("The Philippines recalled its ambassador to Canada."), ["PHL 161 CAN"]);
        // With nothing after it, the noun is the target.
        // (The protesters are of the one country the sentence names.)
        assert_eq!(code("Kenyan police cleared protesters from the square."), ["KENCOP 175 KENCVL"]);
        assert_eq!(code("Germany will provide Ukraine with 5,000 helmets."), ["DEU 070 UKR"]);
    }

    #[test]
    fn sanctions_named_before_their_imposer() {
        // "tariffs Reagan slapped on": sanctions, not a slap.
        assert_eq!(code("Japan will retaliate against tariffs the U.S. slapped on Japanese goods."), ["USA 163 JPN"]);
    }

    #[test]
    fn a_politicians_attack_on_a_politician_is_words() {
        let date = Date::new(2020, 8, 1).unwrap();
        let text = "Harris attacked Biden during the debates.";
        let article = Article { id: "t".into(), text: text.into(), date: Some(date), ..Default::default() };
        let got: Vec<String> = crate::pipeline::code(kb(), &article, date)
            .events
            .iter()
            .map(|e| format!("{} {} {}", e.source, e.code, e.target))
            .collect();
        assert_eq!(got, ["USALEG 111 USAELI"]);
        // Armed groups attack with force.
        assert_eq!(code("Rebels attacked Kabul."), ["AFGREB 190 AFG"]);
    }

    #[test]
    fn marches_are_protests() {
        assert_eq!(code("Protesters marched on parliament in Kyiv."), ["UKRCVL 141 UKRLEG"]);
        // "March" the month is no march.
        assert!(code("On March 8, Kenyan police said nothing.").is_empty());
    }

    #[test]
    fn pressure_and_travel_advisories() {
        // Pressing someone to act is an appeal, not coercion.
        assert_eq!(code("Washington pressured Tokyo to open its markets."), ["USA 020 JPN"]);
        // The noun alone is no act.
        assert!(code("The U.S. pressure on Japan grew.").is_empty());
        assert_eq!(code("The US State Department has advised against travel to Tunisia."), ["USAGOV 160 TUN"]);
    }

    #[test]
    fn one_countrys_sentence_lends_it_to_institutions() {
        // No place, no dateline: the one country named before "Congress" is its own.
        assert_eq!(code("Biden faces pressure from Congress."), ["USALEG 100 USAGOV"]);
        // Not a country named only after it.
        assert!(code("Congress criticized Iran.").iter().all(|e| !e.starts_with("IRN")));
        assert_eq!(code("President Biden called on Congress to approve aid for Ukraine."), ["USAGOV 020 USALEG"]);
    }

    #[test]
    fn he_takes_up_a_role_named_in_the_sentence() {
        assert_eq!(code("Kuwait's foreign minister said he met Iraqi officials."), ["KWTGOV 040 IRQGOV"]);
        // A possessive pronoun before the object: "pressed their counterparts".
        assert_eq!(
            code("British officials pressed their Japanese counterparts to change rules."),
            ["GBRGOV 0242 JPNGOV"]
        );
    }

    #[test]
    fn amounts_do_not_count_in_gaps() {
        // "as much as 300 mln dlrs in": seven words, of which four count.
        assert_eq!(code("Washington slapped as much as 300 mln dlrs in tariffs on Japan."), ["USA 163 JPN"]);
        // A planned sanction is an announced decision: the sanction itself; a planned attack
        // is still a threat.
        assert_eq!(code("Washington plans to slap tariffs on Japan."), ["USA 163 JPN"]);
        assert_eq!(code("Russia will expel 23 British diplomats."), ["RUS 161 GBRGOV"]);
    }

    #[test]
    fn force_names_its_target_inside_the_pattern() {
        assert_eq!(code("Iran captured Iraqi positions."), ["IRN 192 IRQ"]);
    }

    #[test]
    fn seats_stand_for_organisations_named_before() {
        assert_eq!(code("Brussels criticized Hungary."), ["BEL 111 HUN"]);
        assert_eq!(
            code("The European Union met Hungary. Later Brussels criticized Hungary."),
            ["IGOEUREEC 040 HUN", "IGOEUREEC 111 HUN"]
        );
    }

    #[test]
    fn another_verbs_object_is_no_subject() {
        // The parse names "the ship" as the subject of "arrive": Kuwait, the object of
        // "left", is not the visitor.
        assert!(
            code("Iran said the ship had left Kuwait and would arrive in Bahrain on Friday.")
                .iter()
                .all(|e| !e.starts_with("KWT"))
        );
        // A subject the parse does not name leaves the shallow search free.
        assert_eq!(code("Iran left Kuwait and arrived in Bahrain."), ["IRN 042 BHR"]);
    }

    #[test]
    fn a_person_before_office_named_in_full_is_an_elite() {
        let date = Date::new(1987, 3, 5).unwrap();
        let code_dated = |text: &str| code_on(date, text);
        // (Russia's offices were the Soviet Union's state in 1987.)
        assert_eq!(code_dated("Vladimir Putin criticised Washington."), ["USRELI 111 USA"]);
        // A bare surname before office is too often someone else; so is a title and surname.
        assert!(code_dated("Zelensky criticised Moscow.").is_empty());
        assert!(code_dated("Premier Li criticised Moscow.").is_empty());
        // A title and surname before another name gives way to the full name.
        assert_eq!(code_dated("Vice Premier Li Peng criticised Moscow."), ["CHNELI 111 USR"]);
    }

    #[test]
    fn a_patterns_own_noun_heading_an_actor_is_the_doer() {
        // "entered" with an object is active, though the parse reads a reduced relative.
        assert!(code("Syrian troops entered west Beirut on Sunday.").contains(&"SYRMIL 192 LBN".to_string()));
    }

    #[test]
    fn his_before_a_meeting_or_journey_is_the_one_who_goes() {
        assert_eq!(code("Lavrov said his talks in Beijing were useful."), ["RUSGOV 042 CHN"]);
        assert_eq!(code("Lavrov began his visit to India on Monday."), ["RUSGOV 042 IND"]);
        // Elsewhere "his" is no actor: not the target of "warned his aides".
        assert!(code("Lavrov warned his aides.").is_empty());
    }

    #[test]
    fn an_agent_of_a_countrys_organisation_is_the_organisation() {
        // "leaders of Egypt's Muslim Brotherhood" are the Brotherhood's, not Egypt's leaders.
        let got = code("Qatar will expel leaders of Egypt's Muslim Brotherhood.");
        assert!(!got.is_empty() && got.iter().all(|e| e.ends_with("EGYOPPMUS")), "{got:?}");
    }

    #[test]
    fn a_reduced_passive_with_by_is_no_act_of_its_subject() {
        // "supported, trained and armed by Paris": Paris trains, not Chad.
        let got = code("The forces of Chad, supported, trained and armed by Paris, pushed Libyan troops out.");
        assert!(got.iter().all(|e| !e.starts_with("TCD 072")), "{got:?}");
        // "opposed by fishermen": the fishermen oppose.
        let got = code("Canada and France concluded an accord, opposed by fishermen in both countries.");
        assert!(got.iter().all(|e| !e.contains(" 110 ") || !e.starts_with("CAN")), "{got:?}");
    }

    #[test]
    fn a_gerund_after_for_has_the_governing_objects_subject() {
        let got = code("The Senate leaders praised President Biden for retaliating against Iran.");
        assert!(got.contains(&"USAGOV 130 IRN".to_string()), "{got:?}");
    }

    #[test]
    fn a_statement_reading_settles_a_trigger_with_no_target() {
        // "refused to comment" is 011 (no PLOVER type), not a refusal coded alone.
        assert!(code("A Kremlin spokesman refused to comment on the report.").iter().all(|e| !e.contains(" 12")));
        // A rejected suggestion is a rejection.
        assert_eq!(code("Lavrov rejected a suggestion by the European Union."), ["RUSGOV 120 IGOEUREEC"]);
    }

    #[test]
    fn delegations_and_missions_visit() {
        assert_eq!(code("Lavrov led a delegation to Tokyo in May."), ["RUSGOV 042 JPN"]);
        assert_eq!(code("A South Korean trade mission to the United States bought wheat."), ["KOR 042 USA"]);
    }

    #[test]
    fn wanted_and_planned_acts_are_not_facts() {
        assert!(code("Obama wants Putin to attack Switzerland.").iter().all(|e| !e.contains(" 190 ")));
        // The wish is an appeal to the other.
        assert_eq!(code("Biden wants Putin to withdraw from Ukraine."), ["USAGOV 020 RUSGOV"]);
        // A scheduled meeting or visit is the meeting (PLOVER's CONSULT); one offered or
        // wanted is an intent.
        assert_eq!(code("Putin is due to visit Kazakhstan."), ["RUSGOV 042 KAZ"]);
        assert_eq!(code("Putin will meet Tokayev in Astana."), ["RUSGOV 040 KAZGOV"]);
        assert_eq!(code("Putin hopes to visit Kazakhstan."), ["RUSGOV 036 KAZ"]);
        // A decision is the act.
        assert_eq!(code("Tunisia decided to break diplomatic relations with Iran."), ["TUN 161 IRN"]);
        // An intended, refused or threatened act is coded as the intent, refusal or threat.
        assert_eq!(code("Russia plans to attack Georgia."), ["RUS 138 GEO"]);
        assert_eq!(code("Russia refused to sign an agreement with Kazakhstan."), ["RUS 127 KAZ"]);
        assert_eq!(code("China threatened to impose sanctions on Japan."), ["CHN 1312 JPN"]);
    }

    #[test]
    fn weapons_and_possessed_forces_as_doers() {
        // The pattern's own noun before a base-form verb is its subject.
        assert_eq!(code("Iraqi missiles hit Iran."), ["IRQ 195 IRN"]);
        // A participle like its base form is passive after "be".
        assert_eq!(code("The Kuwaiti tanker was hit by an Iranian missile."), ["IRN 195 KWT"]);
        // "its jets": the owner is the doer, and an object makes the participle active.
        assert_eq!(code("Iraq said its jets attacked Iran."), ["IRQ 195 IRN"]);
        assert_eq!(code("Pakistan said planes from Afghanistan attacked Pakistani villages."), ["AFG 195 PAK"]);
    }

    #[test]
    fn here_is_the_datelines_country() {
        let date = Date::new(1987, 3, 5).unwrap();
        let code_dated = |text: &str| code_on(date, text);
        // One travels to it ...
        assert_eq!(
            code_dated("CARACAS, March 5 - Ecuador's energy minister arrived here last night for talks."),
            ["ECUGOV 042 VEN"]
        );
        // ... but nobody meets it.
        assert!(code_dated("BRUSSELS, March 5 - EC foreign ministers meeting here issued a statement.").is_empty());
    }

    #[test]
    fn a_ministry_is_the_datelines_countrys_own() {
        let date = Date::new(1987, 3, 5).unwrap();
        let code_dated = |text: &str| code_on(date, text);
        assert_eq!(code_dated("LONDON, March 5 - The Foreign Office condemned Iran."), ["GBRGOV 111 IRN"]);
        assert_eq!(code_dated("TOKYO, March 5 - A Foreign Ministry spokesman criticised Iran."), ["JPNGOV 111 IRN"]);
        assert_eq!(
            code_dated("WASHINGTON, March 5 - Undersecretary of State Michael Armacost criticised Iran."),
            ["USAGOV 111 IRN"]
        );
        assert_eq!(code_dated("WASHINGTON, March 5 - The Secretary of State criticised Iran."), ["GOV 111 IRN"]);
        // Officials are often foreign: they keep no country.
        assert_eq!(code_dated("TOKYO, March 5 - Officials criticised Iran."), ["GOV 111 IRN"]);
        // A named country wins over the dateline.
        assert_eq!(code_dated("TOKYO, March 5 - The Soviet Foreign Ministry criticised Iran."), ["USRGOV 111 IRN"]);
    }

    #[test]
    fn a_story_without_dateline_is_placed_by_its_first_sentence() {
        let date = Date::new(2019, 9, 18).unwrap();
        let code_dated = |text: &str| code_on(date, text);
        // The opening's place lends its country to later bare agents, as a dateline does ...
        assert_eq!(
            code_dated(
                "On Friday in Pakistan, a man was found dead. Police arrested a 36-year-old man on suspicion of murder."
            ),
            ["PAKCOP 173 PAK"]
        );
        // ... but not an opening that names places of two countries, nor the opening itself.
        assert_eq!(
            code_dated(
                "Talks were held in Paris and in Berlin. Police arrested a 36-year-old man on suspicion of murder."
            ),
            ["COP 173 "]
        );
        // An opening that names no place lends the one country of its actors.
        assert_eq!(
            code_dated("A Georgian tennis player was arrested on Friday. Police arrested his brother."),
            ["GEOCOP 173 GEO"]
        );
        // A country in apposition to a place is a place too: "in Tamil Nadu, India".
        assert_eq!(
            code_dated("Authorities on Monday arrested twelve people in Tamil Nadu, India after a jackal died."),
            ["INDGOV 173 INDCVL"]
        );
    }

    #[test]
    fn an_adverb_after_a_bare_agent_keeps_it_the_subject() {
        assert_eq!(code("On Friday in Kenya, police reportedly arrested twelve protesters."), ["KENCOP 173 KENCVL"]);
    }

    #[test]
    fn a_surname_before_another_name_is_a_given_name() {
        let date = Date::new(2000, 6, 1).unwrap();
        let code_dated = |text: &str| code_on(date, text);
        // John Howard was Australia's prime minister; Howard Rubel is not he.
        assert!(code_dated("Howard Rubel criticized Canada.").iter().all(|e| !e.starts_with("AUS")));
        assert_eq!(code_dated("Howard criticized Canada."), ["AUSGOV 111 CAN"]);
        // A day may follow the surname.
        assert_eq!(code_dated("Howard Tuesday criticized Canada."), ["AUSGOV 111 CAN"]);
    }

    #[test]
    fn courts_and_police_act_on_people_no_dictionary_names() {
        // A named person with no office is no target, but the sentence or arrest is the court's
        // or the police's act.
        // (A sentence or a prison term is coercion, 173; a verdict alone is 116.)
        assert_eq!(code("A Moscow court sentenced Ivan Petrov to five years in prison."), ["RUSJUD 173 RUS"]);
        assert_eq!(code("Ivan Petrov was sentenced by a court in Moscow to life in prison."), ["RUSJUD 173 RUS"]);
        assert_eq!(code("A Moscow court convicted Ivan Petrov of fraud."), ["RUSJUD 116 RUS"]);
        // Not a panel "charged with" a task.
        let panel = "The head of a Philippine panel charged with recovering illegal wealth accumulated by former \
                     President Ferdinand Marcos said they still controlled large funds.";
        assert!(code(panel).iter().all(|e| !e.contains(" 173")));
        // So is an accusation.
        assert_eq!(code("The Russian government accused Ivan Petrov of fraud."), ["RUSGOV 1121 "]);
        // Other acts still need their target: criticism of an unknown person is not coded alone.
        assert!(code("Putin criticized Ivan Petrov.").is_empty());
    }

    #[test]
    fn warnings_escorts_and_assaults() {
        assert_eq!(
            code("A British minister said he had given the Japanese government a clear warning of sanctions."),
            ["GBRGOV 130 JPNGOV"]
        );
        assert_eq!(code("The U.S. Navy escorted Kuwaiti tankers in the Gulf."), ["USAMIL 074 KWT"]);
        // What follows "in retaliation for" is the cause, not the object.
        assert_eq!(
            code("U.S. warships destroyed an Iranian oil platform in retaliation for an attack on a Kuwaiti ship."),
            ["USAMIL 190 IRN"]
        );
        assert_eq!(
            code("Iranian Revolutionary Guards were under assault from Iraqi warplanes."),
            ["IRQMIL 190 IRNMIL"]
        );
    }

    #[test]
    fn longer_names_inside_the_west_and_verbs_after_countries() {
        let date = Date::new(1987, 6, 1).unwrap();
        let code_dated = |text: &str| code_on(date, text);
        // "the West" gives way to "West German", "West Bank".
        assert_eq!(code_dated("The West German government criticised the United States."), ["GMWGOV 111 USA"]);
        // A present verb is no modifier between a country and an agent.
        assert_eq!(code_dated("The United States provides aid to the Afghan rebels."), ["USA 070 AFGREB"]);
        // Troops withdrawn from a country are not its troops; one's own troops are no target.
        assert!(
            code_dated("The Soviet Union will withdraw six regiments from Afghanistan.")
                .iter()
                .all(|e| !e.contains("AFGMIL"))
        );
        assert_eq!(code_dated("The United States sent two more warships to the Gulf."), ["USA 154 "]);
        // Nor is an irregular past: Washington began drills, it is no "Washington military".
        assert_eq!(code("Seoul and Washington began joint military drills."), ["KOR 062 USA", "USA 062 KOR"]);
    }

    #[test]
    fn conditions_claims_and_exchanges() {
        // An act in an "if" clause is only a condition; so is one asked about or denied, or
        // not yet done, planned or decided.
        assert!(
            code("The United States will retaliate if Iran attacks U.S. ships.").iter().all(|e| !e.starts_with("IRN"))
        );
        assert!(code("It was unclear whether Iran attacked Kuwait.").is_empty());
        assert!(code("Iran denied that its forces attacked Kuwait.").is_empty());
        assert!(code("Shultz has yet to meet Shevardnadze.").is_empty());
        assert!(code("Japan has no plans to impose sanctions on Iran.").is_empty());
        assert!(code("Japan has not decided to impose sanctions on Iran.").is_empty());
        // Claiming that another attacked is an accusation.
        assert_eq!(code("Kuwait claimed that Iran had attacked Saudi Arabia."), ["KWT 112 IRN"]);
        assert_eq!(code("Saudi Arabia and Iran exchanged accusations."), ["SAU 112 IRN", "IRN 112 SAU"]);
        // The subject of a relative "that" is the noun it modifies; after "although" it
        // stands in its own clause.
        assert!(
            code("Ecuador asked for aid after an earthquake that killed 300 people.")
                .iter()
                .all(|e| !e.contains(" 190 "))
        );
        assert!(
            code("Japanese banks refused new credits to Nigeria although many have agreed to reschedule.")
                .iter()
                .all(|e| !e.starts_with("NGA "))
        );
    }

    #[test]
    fn hyphenated_pairs_and_possessed_decisions() {
        let date = Date::new(1987, 6, 1).unwrap();
        let code_dated = |text: &str| code_on(date, text);
        assert_eq!(code_dated("U.S.-Soviet arms talks resumed in Geneva."), ["USA 040 USR", "USR 040 USA"]);
        assert_eq!(code_dated("The Sino-Soviet talks ended without agreement."), ["CHN 040 USR", "USR 040 CHN"]);
        // A pair after the verb is what is discussed, not who discusses; one actor before a
        // meeting's noun is no meeting.
        assert!(code_dated("The Arab leaders will discuss the Iran-Iraq war.").iter().all(|e| !e.starts_with("IRN")));
        assert!(code_dated("The Venice summit accord gives the IMF more responsibility.").is_empty());
        // "Reagan's decision to impose tariffs" is Reagan's act.
        assert_eq!(
            code_dated("Reagan's decision to impose tariffs on Japanese goods angered Tokyo."),
            ["USAGOV 163 JPN"]
        );
    }

    #[test]
    fn bare_surnames_of_people_in_office() {
        let date = Date::new(1987, 6, 1).unwrap();
        let code_dated = |text: &str| code_on(date, text);
        assert_eq!(code_dated("President Aquino criticised France."), ["PHLGOV 111 FRA"]);
        assert_eq!(code_dated("Shamir met Mubarak."), ["ISRGOV 040 EGYGOV"]);
        // A common surname needs a title; a royal title takes a given name.
        assert_eq!(code_dated("Treasury Secretary Baker met Miyazawa."), ["USAGOV 040 JPNGOV"]);
        assert!(code_dated("Baker Hughes Inc criticised France.").is_empty());
        // ... or once the article has named the person in full.
        assert_eq!(
            code_dated("Treasury Secretary James Baker arrived in Tokyo. Baker met Miyazawa on Friday."),
            ["USAGOV 042 JPN", "USAGOV 040 JPNGOV"]
        );
        assert!(code_dated("Prince Charles criticised France.").iter().all(|e| !e.starts_with("DMA")));
    }

    #[test]
    fn retaliation_is_threatened() {
        assert_eq!(code("Japan will retaliate against the United States."), ["JPN 130 USA"]);
        assert_eq!(code("China threatened to retaliate against the United States."), ["CHN 130 USA"]);
    }

    #[test]
    fn counts_and_fronted_participles() {
        assert_eq!(code("Iran said its troops had killed more than 4,000 Iraqis."), ["IRNMIL 190 IRQCVL"]);
        assert_eq!(code("Accusing the French of overfishing, Canada said it would arrest them."), ["CAN 112 FRA"]);
    }

    #[test]
    fn possessors_in_patterns_coordinations_and_relative_clauses() {
        // "its" is the subject's, not the later member of a coordination after "of"; a
        // possessive among a noun pattern's words is the noun's owner.
        let got = code("Russia agreed to discuss the problems of Afghanistan and Syria in its talks with China.");
        assert!(got.contains(&"RUS 040 CHN".to_string()), "{got:?}");
        assert!(!got.iter().any(|e| e.ends_with("040 CHN") && !e.starts_with("RUS")), "{got:?}");
        // A joint subject set off from its verb by a relative clause still pairs.
        let got = code("China and Israel, which have no diplomatic relations, discussed trade.");
        assert_eq!(got, ["CHN 040 ISR", "ISR 040 CHN"]);
    }

    #[test]
    fn acts_that_may_come_and_meetings_one_goes_to() {
        assert!(code("Any Iranian attack on Russian ships will bring a response, a Russian official said.").is_empty());
        let got = code(
            "The U.S. envoy drove straight from the airport to a meeting with Russian Foreign Minister Sergei Lavrov.",
        );
        assert_eq!(got, ["USAGOV 040 RUSGOV"]);
        let got = code("Iraq said its troops were pushing Iranian forces out of their positions.");
        assert_eq!(got, ["IRQMIL 190 IRNMIL"]);
        let got = code("The Netherlands deeply regretted German opposition to the reforms.");
        assert_eq!(got, ["NLD 110 DEUOPP"]);
    }

    #[test]
    fn mood_codes_map_to_their_roots() {
        use super::events::{intent_code, refusal_code, threat_code};
        assert_eq!(intent_code("042").as_deref(), Some("036"));
        assert_eq!(intent_code("0841").as_deref(), Some("0353"));
        assert_eq!(intent_code("111"), None);
        // "will slap tariffs on Japan": a threat of sanctions.
        assert_eq!(intent_code("163").as_deref(), Some("1312"));
        assert_eq!(intent_code("173").as_deref(), Some("137"));
        assert_eq!(refusal_code("057").as_deref(), Some("127"));
        assert_eq!(threat_code("195").as_deref(), Some("138"));
        let kb = kb();
        for code in kb.ontology.events().map(|e| e.code.clone()).filter(|c| c.len() >= 3) {
            for mapped in [intent_code(&code), refusal_code(&code), threat_code(&code)].into_iter().flatten() {
                assert!(kb.ontology.event(&mapped).is_some(), "{code} maps to unknown {mapped}");
            }
        }
    }

    #[test]
    fn agents_with_articles_are_subjects() {
        assert_eq!(code("The police criticized China."), ["COP 111 CHN"]);
        assert_eq!(code("The government expressed appreciation for China's assistance."), ["GOV 051 CHN"]);
    }

    #[test]
    fn the_parse_finds_subjects_the_shallow_search_misses() {
        // "Britain" is the subject of "could not go", not "Japan" (the nearest actor).
        let got = code(
            "Thatcher said Britain could not go it alone on sanctions against Japan, but would coordinate action with the European Community.",
        );
        assert!(got.iter().all(|e| !e.starts_with("JPN")), "{got:?}");
    }

    #[test]
    fn names_do_not_trigger_and_possessors_are_not_subjects() {
        assert!(code("The International Monetary Fund opened an office.").is_empty());
        assert!(code("Spain's exports went to France.").is_empty());
    }

    #[test]
    fn quotes_warring_sides_and_state_decisions_alone() {
        // Quote marks part neither a pattern's words nor a verb from its object.
        assert_eq!(code("China will \"respond resolutely\" to any violation by the Philippines."), ["CHN 138 PHL"]);
        assert_eq!(
            code("India said it \u{201c}categorically rejects the objections\u{201d} by China."),
            ["IND 120 CHN"]
        );
        // What a named group is may follow its name in a joint subject.
        let d = Date::new(2023, 5, 21).unwrap();
        assert_eq!(
            code_on(
                d,
                "The Sudanese army and the Rapid Support Forces (RSF) paramilitary group agreed late on Saturday to a seven-day ceasefire."
            ),
            ["SDNMIL 0356 SDNREB", "SDNREB 0356 SDNMIL"]
        );
        // A country's warring sides act jointly: the country on both sides.
        assert_eq!(code_on(d, "Yemen's warring parties have agreed to a two-month ceasefire."), ["YEM 0356 YEM"]);
        assert_eq!(code_on(d, "The warring sides in Sudan have agreed to a seven-day ceasefire."), ["SDN 0356 SDN"]);
        // (Also with the country's adjective between: "the warring Sudanese military factions".)
        assert_eq!(
            code_on(d, "The warring Sudanese military factions on Tuesday, agreed to a seven-day ceasefire."),
            ["SDNMIL 0356 SDNMIL"]
        );
        // A state's aid, concessions and sanctions stand with no named target; not a company's.
        assert_eq!(code("Washington imposed the sanctions in April."), ["USA 163 "]);
        assert_eq!(code("Russian forces withdrew troops from the area on Thursday."), ["RUSMIL 0874 "]);
        assert!(code("The bank approved loans totalling two billion dollars.").is_empty());
        assert!(code("Australian prime rates have now retreated from a recent peak.").is_empty());
        // An act on each other pairs the subject's members.
        assert_eq!(
            code("Kyrgyzstan and Tajikistan accused each other of starting the fighting."),
            ["KGZ 112 TJK", "TJK 112 KGZ"]
        );
        // A role noun next to an organisation's name says what it is.
        assert_eq!(
            code_on(d, "The paramilitary Rapid Support Forces attacked the city of El Fasher on Sunday."),
            ["SDNREB 190 SDN"]
        );
        // (Even when a place of another country would lend it that country.)
        assert_eq!(
            code_on(
                d,
                "The Sudanese army and the paramilitary Rapid Support Forces signed off a ceasefire in the Saudi port city of Jeddah."
            ),
            ["SDNMIL 0871 SDNREB", "SDNREB 0871 SDNMIL"]
        );
        // "the group" is the armed group named last; "they" after a joint subject stands for
        // it; "his country" after a speaker is the speaker's.
        assert_eq!(
            code(
                "The Houthi military spokesman, Yahya Saree, said the group carried out a missile strike on the US-flagged tanker."
            ),
            ["YEMREB 190 USA"]
        );
        assert_eq!(
            code(
                "The Government of Colombia and the ELN said that they had reached an agreement to extend the ceasefire."
            ),
            ["COLGOV 0871 COLREB", "COLREB 0871 COLGOV"]
        );
        assert_eq!(
            code("Mirziyoyev said that his country has resumed oil supplies to Afghanistan."),
            ["UZBGOV 061 AFG"]
        );
        // A name no dictionary knows opening the sentence is an uncoded doer; common words
        // and companies' business are not.
        assert_eq!(code("Mr Xaydarov urged Russia to release the detained journalists."), [" 0253 RUS"]);
        assert!(code("Critics accused Russia of intransigence.").is_empty());
        assert!(code("Apple sued Samsung in a California court.").is_empty());
        // A state's force on its own people; a time between subject and participle; what
        // an earthquake kills is no one's act.
        assert_eq!(code("Iran executed a protester on Thursday."), ["IRN 1823 IRNCVL"]);
        assert_eq!(code("Israeli forces this morning stormed the Jenin refugee camp."), ["ISRMIL 190 PSEREF"]);
        assert!(code("An earthquake hit Japan on Tuesday, killing two people.").is_empty());
        // Adverbs after "to" keep an appeal's complement an appeal.
        assert_eq!(code("China urged the United States to immediately stop arms sales to Taiwan."), ["CHN 020 USA"]);
        // A speaker's "should" is an appeal to the doer.
        assert_eq!(
            code("South Sudanese authorities should immediately release the journalist, Amnesty International said."),
            ["NGOAMN 020 SSDGOV"]
        );
        // A state's release of its own people; "Mr" between joint subjects; "the nation"
        // after a speaker is the speaker's.
        assert_eq!(
            code_on(Date::new(2015, 7, 10).unwrap(), "Cuba released 53 political prisoners."),
            ["CUB 0841 CUBOPP"]
        );
        assert_eq!(
            code_on(Date::new(2015, 7, 10).unwrap(), "Mr Obama and Mr Xi committed to cooperate on climate change."),
            ["USAGOV 030 CHNGOV", "CHNGOV 030 USAGOV"]
        );
        assert_eq!(
            code_on(
                Date::new(2017, 9, 10).unwrap(),
                "North Korea's foreign minister said the nation would use nuclear weapons on the U.S."
            ),
            ["PRKGOV 1385 USA"]
        );
        // Spelling variants and Russia's fleets (only from 1992).
        assert_eq!(
            code_on(
                Date::new(2019, 5, 10).unwrap(),
                "Iranian President Hassan Rohani has threatened again to close the Strait of Hormuz."
            ),
            ["IRNGOV 1381 "]
        );
        assert_eq!(
            code_on(Date::new(1987, 4, 10).unwrap(), "The Soviet Black Sea Fleet held exercises."),
            ["USR 150 "]
        );
        // An opening participle after a subordinator has the main clause's subject.
        assert_eq!(
            code_on(
                Date::new(2023, 5, 4).unwrap(),
                "A day after accusing Ukraine of the attack, Peskov said the Kremlin would respond."
            ),
            ["RUSGOV 1123 UKR"]
        );
        // Two coordinated verbs on one object are two acts; a passive's subject owned by an
        // actor is its target; coercion of a thing no dictionary names stands alone.
        assert_eq!(
            code("Georgian authorities fined and jailed dozens of protesters."),
            ["GEOGOV 116 GEOCVL", "GEOGOV 173 GEOCVL"]
        );
        assert_eq!(code("Ukraine's capital was hit by a wave of Russian drones."), ["RUS 1952 UKR"]);
        assert_eq!(code("Russian authorities blocked Instagram."), ["RUSGOV 1721 RUS"]);
        // People a foreign force acts on in a named place are that place's.
        assert_eq!(
            code_on(Date::new(2022, 3, 15).unwrap(), "Russian troops fired on civilians trying to flee Mariupol."),
            ["RUSMIL 193 UKRCVL"]
        );
        // A role with a country takes in the unknown name after it.
        assert_eq!(code("Poland summoned Russian ambassador Sergey Andreyev on Wednesday."), ["POL 114 RUSGOV"]);
        assert_eq!(code("Opposition leader Kemal Tavukcu was arrested in Ankara on Tuesday."), ["TUR 173 TUROPP"]);
        // A date before "that" keeps the speaker the pronoun's antecedent.
        assert_eq!(
            code_on(
                Date::new(2023, 9, 15).unwrap(),
                "Russia announced on September 14 that it expelled two US diplomats."
            ),
            ["RUS 161 USAGOV"]
        );
        // A headline's present tense after an opening agent: the agent is the subject.
        assert_eq!(code("Jihadists kill 20 soldiers in Burkina Faso."), ["BFAREB 180 BFAMIL"]);
        // Coordinated verbs share an object only when the first has none of its own.
        assert_eq!(code("Junta troops raided the village and detained four residents."), ["MIL 173 CVL"]);
        // Part of a group named after "of" is the group's, as the victim of a passive.
        assert_eq!(code("Three members of Pakistan's ruling party were arrested."), ["PAK 173 PAKGOV"]);
    }

    #[test]
    fn a_state_coerces_its_own_activists_of_any_society() {
        // Environmental, health, religious and aid workers are society too (not a former
        // president, ELI, whose name after "charged with" is no arrest).
        assert_eq!(code("Iran arrested eight Iranian environmental activists."), ["IRN 173 IRNENV"]);
    }

    #[test]
    fn agreeing_on_a_course_is_intent() {
        assert_eq!(
            code("The United States and Jordan have agreed upon a new free-trade pact."),
            ["USA 030 JOR", "JOR 030 USA"]
        );
        let should = code("Pakistan and Russia agreed that the peace talks should resume as soon as possible.");
        assert_eq!(should, ["PAK 030 RUS", "RUS 030 PAK"]);
        assert_eq!(code("Israel and Lebanon renewed negotiations today."), ["ISR 046 LBN", "LBN 046 ISR"]);
    }

    #[test]
    fn a_speaker_stands_for_the_pronoun_of_its_report() {
        // Past three words of time, and past an acronym in brackets and its comma.
        assert_eq!(
            code("Yemen's Houthis said earlier on Friday they had attacked Saudi oil facilities."),
            ["YEMREB 190 SAU"]
        );
        assert_eq!(
            code("The Balochistan Liberation Army (BLA), has claimed that they had killed 10 Pakistani soldiers."),
            ["PAKSEP 190 PAKMIL"]
        );
        // A long relative clause and a time between the subject and its verb.
        let relative = "Russia, which has questioned why it would shell its own forces who it says are guarding \
                        the plant, on Tuesday accused Ukrainian troops of bombarding the facility.";
        assert_eq!(code(relative), ["RUS 112 UKRMIL"]);
    }

    #[test]
    fn a_country_after_a_foreign_city_is_listed_not_placed() {
        // "in Istanbul, Ukraine and Russia": Ukraine is no apposition to a Turkish city.
        let coded = code("During negotiations in Istanbul, Ukraine and Russia agreed to exchange prisoners.");
        assert!(coded.contains(&"UKR 030 RUS".to_string()), "{coded:?}");
        // "in Kyiv, Ukraine" still places.
        assert!(code("In Kyiv, Ukraine, Russia attacked a power plant.").iter().all(|e| !e.starts_with("UKR")));
    }

    #[test]
    fn support_by_a_state_stands_alone() {
        assert_eq!(code("Qatar welcomed the joint statement."), ["QAT 051 "]);
        // So does consultation (PLOVER's CONSULT needs no recipient).
        assert_eq!(code("Russia brokered a cease-fire agreement."), ["RUS 045 "]);
        // Not a company's.
        assert!(code("The company welcomed the decision.").is_empty());
    }

    #[test]
    fn a_clash_of_police_and_protesters_is_repression_or_riot() {
        assert_eq!(
            code("Police in Kenya have been clashing with anti-government protesters in the capital."),
            ["KENCOP 175 KENCVL"]
        );
        assert_eq!(code("Hundreds of Kenyan protesters clashed with police in Nairobi."), ["KENCVL 145 KENCOP"]);
        // Killing in clashes stays force.
        let killed = "At least 10 dissidents from the former FARC guerrilla group were killed in clashes with the Colombian army.";
        assert_eq!(code(killed), ["COLMIL 190 COLOPP"]);
    }

    #[test]
    fn orders_to_withdraw_and_police_raids() {
        let kherson = "The Russian defense minister, Sergei Shoigu, has ordered the country's troops to leave Ukraine's city of Kherson.";
        assert_eq!(code_on(Date::new(2022, 11, 10).unwrap(), kherson), ["RUSGOV 0874 UKR"]);
        assert_eq!(
            code("Kansas police conducted a raid on the offices of a local newspaper on Friday."),
            ["USACOP 170 USAMED"]
        );
    }

    #[test]
    fn a_possessor_owns_an_organisation_no_dictionary_knows() {
        let party =
            "South Korea's ruling Civic Power Party criticized Chinese Ambassador Xing Haiming for his remarks.";
        assert_eq!(code_on(Date::new(2023, 6, 11).unwrap(), party), ["KOR 111 CHNGOV"]);
        // Not a thing the country has.
        assert!(code("Spain's exports criticized France.").is_empty());
    }

    #[test]
    fn acronyms_written_as_words() {
        // "Asean" is listed beside "ASEAN"; "Ecowas" is derived from "ECOWAS".
        assert_eq!(code("Asean urged Myanmar to end the violence."), ["IGOSEAASN 0256 MMR"]);
        assert_eq!(code("Ecowas suspended Mali."), ["IGOWAFWAS 160 MLI"]);
        // Not an English word: "Care" is no aid group at the start of a sentence.
        assert!(code("Care said it urged Sudan to open the border.").iter().all(|e| !e.starts_with("NGO")));
    }

    #[test]
    fn a_show_of_force_at_home() {
        assert_eq!(
            code("On Tuesday, the Colombian army deployed tanks at the north entrance of Bogota."),
            ["COLMIL 154 COL"]
        );
    }

    #[test]
    fn a_declared_obligation_is_an_appeal() {
        let bush = "The Bush administration declared Tuesday that China must drop barriers to U.S. exports.";
        assert_eq!(code_on(Date::new(2003, 11, 1).unwrap(), bush), ["USAGOV 020 CHN"]);
    }
}
