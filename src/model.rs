//! The types that flow between pipeline stages, in one place.
//!
//! ```text
//! ingest  → Article
//! text    → Document { sentences: [Sentence { tokens: [Token] }] }
//! coding  → Mention (actors), Event
//! context → places, dates, amounts, themes (filled by the context stage)
//! export  → JSON Lines / GDELT TSV / table
//! ```
//!
//! Offsets: every `start`/`end` inside the text stage is a **byte** offset into the article's
//! normalised text. Normalisation replaces characters one for one, so character offsets in
//! the normalised text equal character offsets in the original; the exported `evidence`
//! spans are **character** offsets (what Python, JavaScript and most readers index by).

use serde::Serialize;

/// A calendar date (proleptic Gregorian), compared as `(year, month, day)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub const MIN: Date = Date { year: i32::MIN, month: 1, day: 1 };
    pub const MAX: Date = Date { year: i32::MAX, month: 12, day: 31 };

    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` or `YYYYMMDD`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) { part.parse().ok() } else { None }
        };
        let (y, m, d) = match b.len() {
            10 if b[4] == b'-' && b[7] == b'-' => (digits(0..4)?, digits(5..7)?, digits(8..10)?),
            8 => (digits(0..4)?, digits(4..6)?, digits(6..8)?),
            _ => return None,
        };
        Date::new(y as i32, m as u8, d as u8)
    }

    /// `YYYYMMDD` as an integer, as GDELT's SQLDATE.
    pub fn sql(&self) -> i64 {
        self.year as i64 * 10000 + self.month as i64 * 100 + self.day as i64
    }

    /// The date `z` days after 1970-01-01 (Howard Hinnant's civil-from-days algorithm).
    pub fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z.rem_euclid(146097);
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date { year: (if m <= 2 { y + 1 } else { y }) as i32, month: m, day: d }
    }

    /// Days since 1970-01-01.
    pub fn days(&self) -> i64 {
        let y = if self.month <= 2 { self.year as i64 - 1 } else { self.year as i64 };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// Day of the year, 1-based.
    pub fn ordinal(&self) -> u32 {
        (1..self.month).map(|m| days_in_month(self.year, m) as u32).sum::<u32>() + self.day as u32
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// One input article, as read by the ingest stage.
#[derive(Clone, Debug, Default)]
pub struct Article {
    pub id: String,
    pub text: String,
    pub date: Option<Date>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Where it came from, for messages: `file` or `file:line`.
    pub origin: String,
}

/// A token of the normalised text.
#[derive(Clone, Debug)]
pub struct Token {
    /// Byte offsets into the document's normalised text.
    pub start: usize,
    pub end: usize,
    /// Lower-cased form, used for all dictionary look-ups.
    pub lower: String,
    pub shape: Shape,
}

/// Orthographic shape of a token: what case and character classes it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// All letters lower case ("signed").
    Lower,
    /// First letter upper case, some lower ("Putin", "McDonald").
    Capitalized,
    /// Two or more letters, all upper case ("NATO", "U.S.").
    Upper,
    /// Digits, possibly with `.`/`,` ("28.5", "1,200").
    Number,
    /// Punctuation or symbols only.
    Punct,
    /// Anything else (mixed, single capital letter).
    Other,
}

impl Shape {
    pub fn is_capitalized(self) -> bool {
        matches!(self, Shape::Capitalized | Shape::Upper | Shape::Other)
    }
}

/// A sentence: a range of tokens and of text.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// Byte range into the document's normalised text.
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
    /// Index of the paragraph (0 = the title, where there is one, or the lead).
    pub paragraph: usize,
}

/// The text stage's output: normalised text split into sentences and tokens.
#[derive(Clone, Debug)]
pub struct Document {
    pub text: String,
    pub sentences: Vec<Sentence>,
    /// "ASTANA, Oct 2 (Reuters) -" at the start of the text, if any: byte range.
    pub dateline: Option<(usize, usize)>,
}

impl Document {
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.text[s.start..s.end]
    }
}

/// What kind of dictionary entry a mention resolved through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Country,
    Region,
    Capital,
    City,
    Organization,
    Person,
    Agent,
    /// A country or region with an agent ("Russian president", "Kazakh officials").
    Composed,
    /// A reference to earlier actors ("the two leaders").
    Reference,
}

/// An actor mention found in a sentence.
#[derive(Clone, Debug, Serialize)]
pub struct Mention {
    /// Token range `[first, last)` within the sentence.
    #[serde(skip)]
    pub tokens: (usize, usize),
    /// Byte range into the document text.
    #[serde(skip)]
    pub bytes: (usize, usize),
    pub text: String,
    /// Resolved CAMEO actor code; `None` when the entry has no role on the article's date.
    pub code: Option<String>,
    pub kind: MentionKind,
    /// Display name of the entity (`"Vladimir Putin"`, `"Kazakhstan"`).
    pub name: String,
    /// A place name (country, capital, city) used as a location ("in Astana").
    pub locative: bool,
    /// Which dictionary entry matched: `file:line`.
    pub entry: String,
}

/// A span of text: character offsets into the sentence, and the text.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Where an event came from: the sentence and the spans of its parts.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    pub sentence: String,
    pub source: Span,
    pub target: Span,
    pub trigger: Span,
}

/// Which dictionary rule produced an event.
#[derive(Clone, Debug, Serialize)]
pub struct Rule {
    /// `file:line` of the pattern.
    pub pattern: String,
    /// The pattern as written.
    pub text: String,
    /// How source and target were found: `pattern`, `subject`, `object`, `passive`, `mutual`.
    pub roles: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Plover {
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: String,
    pub context: String,
}

/// A coded event.
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub id: String,
    pub doc_id: String,
    pub sentence: usize,
    pub date: Option<String>,
    pub source: String,
    pub target: String,
    pub code: String,
    pub root_code: String,
    pub base_code: String,
    pub name: String,
    pub quad_class: u8,
    pub goldstein: f64,
    pub plover: Option<Plover>,
    pub source_text: String,
    pub target_text: String,
    pub source_name: String,
    pub target_name: String,
    pub trigger: String,
    /// In the article's lead paragraph (GDELT's IsRootEvent).
    pub is_root: bool,
    pub evidence: Evidence,
    pub rule: Rule,
    /// Issue codes of the event's sentence (PETRARCH issue dictionaries: `NUCLEAR`,
    /// `EARLY_CHILDHOOD_EDUCATION`), in order of first mention. Left out of JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
}
