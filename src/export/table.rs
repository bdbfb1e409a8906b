//! A readable summary of each article: its events, one a line, with the words that produced
//! them.

use std::io::{self, Write};

use crate::coding::CodedArticle;
use crate::model::Article;

fn clip(s: &str, n: usize) -> String {
    let s = s.replace(['\n', '\t'], " ");
    if s.chars().count() <= n {
        return s;
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Every sentence with its actor mentions marked (`[Russia|RUS]`, `[Putin|-]` when a
/// mention codes nothing on the date) and its events below it: how the coder saw the text.
pub fn write_explained(out: &mut dyn Write, article: &Article, coded: &CodedArticle) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}  ({} sentences, {} events)",
        article.id,
        coded.date,
        coded.doc.sentences.len(),
        coded.events.len()
    )?;
    for (si, sentence) in coded.doc.sentences.iter().enumerate() {
        let text = coded.doc.sentence_text(sentence);
        let mut marked = String::new();
        let mut last = 0;
        for m in coded.mentions.iter().filter(|m| m.sentence == si) {
            let (a, b) = (m.mention.bytes.0 - sentence.start, m.mention.bytes.1 - sentence.start);
            if a < last {
                continue;
            }
            marked.push_str(&text[last..a]);
            let place = if m.mention.locative { "@" } else { "" };
            marked.push_str(&format!("[{}|{}{}]", &text[a..b], place, m.mention.code.as_deref().unwrap_or("-")));
            last = b;
        }
        marked.push_str(&text[last..]);
        writeln!(out, "  s{si:<3} {marked}")?;
        for e in coded.events.iter().filter(|e| e.sentence == si) {
            let issues = if e.issues.is_empty() { String::new() } else { format!("  issues: {}", e.issues.join(", ")) };
            writeln!(
                out,
                "        => {} {} {}  [{}] {} ({}){issues}",
                e.source, e.code, e.target, e.trigger, e.rule.text, e.rule.roles
            )?;
        }
    }
    writeln!(out)
}

pub fn write(out: &mut dyn Write, article: &Article, coded: &CodedArticle) -> io::Result<()> {
    let title = article.title.as_deref().map(|t| format!("  {}", clip(t, 70))).unwrap_or_default();
    writeln!(
        out,
        "{}  {}{}  ({} sentences, {} events)",
        article.id,
        coded.date,
        title,
        coded.doc.sentences.len(),
        coded.events.len()
    )?;
    for e in &coded.events {
        writeln!(
            out,
            "  s{:<3} {:<9} {:<5} {:<9} {:<34} {} → {}  [{}]",
            e.sentence,
            e.source,
            e.code,
            e.target,
            clip(&e.name, 34),
            clip(&e.source_text, 30),
            clip(&e.target_text, 30),
            e.trigger
        )?;
    }
    writeln!(out)
}
