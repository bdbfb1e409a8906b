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
use crate::context::{Agreement, Amount, Context, EventContext, Location, Project, ThemeCount, Tone};
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
    events: Vec<EventOut<'a>>,
    actors: &'a [SentenceMention],
    locations: &'a [Location],
    amounts: &'a [Amount],
    themes: &'a [ThemeCount],
    agreements: &'a [Agreement],
    projects: &'a [Project],
    tone: &'a Tone,
}

/// An event with what the context stage adds: its own date, where it happened (`geo`), its
/// actors' places, the time reference and the themes of its sentence.
#[derive(Serialize)]
pub struct EventOut<'a> {
    #[serde(flatten)]
    pub event: Event,
    pub geo: Option<&'a crate::context::Place>,
    pub source_geo: Option<&'a crate::context::Place>,
    pub target_geo: Option<&'a crate::context::Place>,
    /// ISO alpha-3 of the source's and the target's country.
    pub source_country: Option<&'a str>,
    pub target_country: Option<&'a str>,
    pub period: Option<&'a crate::context::Period>,
    pub themes: &'a [String],
}

/// The events of an article with their context (their own date replaces the article's).
pub fn events_out<'a>(coded: &CodedArticle, ctx: &'a Context) -> Vec<EventOut<'a>> {
    coded
        .events
        .iter()
        .zip(ctx.events.iter().map(Some).chain(std::iter::repeat(None)))
        .map(|(e, c): (&Event, Option<&'a EventContext>)| {
            let mut event = e.clone();
            if let Some(c) = c {
                event.date = Some(c.date.to_string());
            }
            EventOut {
                event,
                geo: c.and_then(|c| c.geo.as_ref()),
                source_geo: c.and_then(|c| c.source_geo.as_ref()),
                target_geo: c.and_then(|c| c.target_geo.as_ref()),
                source_country: c.and_then(|c| c.source_country.as_deref()),
                target_country: c.and_then(|c| c.target_country.as_deref()),
                period: c.and_then(|c| c.period.as_ref()),
                themes: c.map(|c| c.themes.as_slice()).unwrap_or(&[]),
            }
        })
        .collect()
}

/// Writes one coded article in the chosen format.
pub fn write_article(
    out: &mut dyn Write,
    format: Format,
    kb: &Knowledge,
    article: &Article,
    coded: &CodedArticle,
    ctx: &Context,
) -> io::Result<()> {
    match format {
        Format::Events => {
            for e in events_out(coded, ctx) {
                serde_json::to_writer(&mut *out, &e)?;
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
                events: events_out(coded, ctx),
                actors: &coded.mentions,
                locations: &ctx.locations,
                amounts: &ctx.amounts,
                themes: &ctx.themes,
                agreements: &ctx.agreements,
                projects: &ctx.projects,
                tone: &ctx.tone,
            };
            serde_json::to_writer(&mut *out, &a)?;
            out.write_all(b"\n")?;
        }
        Format::Gdelt => {
            for (i, e) in coded.events.iter().enumerate() {
                gdelt::write_row(out, kb, article, e, ctx.events.get(i), Some(&ctx.tone))?;
            }
        }
        Format::Table => table::write(out, article, coded)?,
        Format::Explain => table::write_explained(out, article, coded)?,
    }
    Ok(())
}
