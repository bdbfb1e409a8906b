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
