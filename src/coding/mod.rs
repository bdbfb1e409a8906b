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

/// Codes one article.
pub fn code_article(kb: &Knowledge, article: &Article, doc: Document, date: Date) -> CodedArticle {
    let mut memory = actors::Memory::default();
    let mut mentions = Vec::new();
    let mut events = Vec::new();
    let date_str = date.to_string();
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let found = actors::find(kb, &doc.text, sentence, date, &mut memory);
        let stext = doc.sentence_text(sentence);
        let span_of = |bytes: (usize, usize)| -> Span {
            let (a, b) = (bytes.0 - sentence.start, bytes.1 - sentence.start);
            Span { start: char_offset(stext, a), end: char_offset(stext, b), text: stext[a..b].to_string() }
        };
        let coded = events::code_sentence(kb, &sentence.tokens, &found);
        let mut seen: Vec<(String, String, String)> = Vec::new();
        for c in coded {
            let (s, t) = (&found.mentions[c.source], &found.mentions[c.target]);
            let (sc, tc) = (s.code.clone().unwrap_or_default(), t.code.clone().unwrap_or_default());
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
                source_text: s.text.clone(),
                target_text: t.text.clone(),
                source_name: s.name.clone(),
                target_name: t.name.clone(),
                trigger: trigger.text.clone(),
                is_root: sentence.paragraph == doc.sentences[0].paragraph,
                evidence: Evidence {
                    sentence: stext.to_string(),
                    source: span_of(s.bytes),
                    target: span_of(t.bytes),
                    trigger,
                },
                rule: Rule { pattern: p.origin.clone(), text: p.text.clone(), roles: c.roles.to_string() },
            });
        }
        for m in found.mentions {
            let sp = span_of(m.bytes);
            mentions.push(SentenceMention { sentence: si, span: [sp.start, sp.end], mention: m });
        }
    }
    CodedArticle { doc, date, mentions, events }
}
