//! Export stage: writes coded articles as JSON Lines (`events`, `articles`), GDELT 2.0 event
//! rows (`gdelt`) or a readable table (`table`).
//!
//! Depends on `model`, `coding` (its output) and `knowledge` (the ontology, to split actor
//! codes into GDELT columns). Writers stream: one article in, its lines out.

pub mod gdelt;
pub mod table;

use std::io::{self, Write};

use serde::Serialize;

use crate::coding::{CodedArticle, SentenceMention};
use crate::knowledge::Knowledge;
use crate::model::{Article, Event};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One event a line (JSON).
    Events,
    /// One article a line (JSON), with its events, actors and context.
    Articles,
    /// GDELT 2.0 event table: 61 tab-separated columns.
    Gdelt,
    /// A readable summary.
    Table,
    /// Every sentence with its actors marked and its events: how the coder read the text.
    Explain,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    date: String,
    title: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    dateline: Option<&'a str>,
    sentences: usize,
    events: &'a [Event],
    actors: &'a [SentenceMention],
    locations: [(); 0],
    amounts: [(); 0],
    themes: [(); 0],
    agreements: [(); 0],
}

/// Writes one coded article in the chosen format.
pub fn write_article(
    out: &mut dyn Write,
    format: Format,
    kb: &Knowledge,
    article: &Article,
    coded: &CodedArticle,
) -> io::Result<()> {
    match format {
        Format::Events => {
            for e in &coded.events {
                serde_json::to_writer(&mut *out, e)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Articles => {
            let a = ArticleOut {
                id: &article.id,
                date: coded.date.to_string(),
                title: article.title.as_deref(),
                source: article.source.as_deref(),
                url: article.url.as_deref(),
                dateline: coded.doc.dateline.map(|(a, b)| &coded.doc.text[a..b]),
                sentences: coded.doc.sentences.len(),
                events: &coded.events,
                actors: &coded.mentions,
                locations: [],
                amounts: [],
                themes: [],
                agreements: [],
            };
            serde_json::to_writer(&mut *out, &a)?;
            out.write_all(b"\n")?;
        }
        Format::Gdelt => {
            for e in &coded.events {
                gdelt::write_row(out, kb, article, e)?;
            }
        }
        Format::Table => table::write(out, article, coded)?,
        Format::Explain => table::write_explained(out, article, coded)?,
    }
    Ok(())
}
