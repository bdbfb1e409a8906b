//! Dates: relative and absolute time references resolved against the article date.
//!
//! `last year`, `this month`, `next week`, `on Saturday`, `yesterday`, `two years ago`,
//! `in 2023`, `in March`, `March 5`, `5 March 2023`, `2024-10-02` each become a [`Period`]
//! (first and last day, and the granularity). A bare weekday is the latest such day on or
//! before the article date, or the next one after it in a sentence about the future
//! (`will`, `next`); a bare month is the latest such month not after the article's.

use serde::Serialize;

use crate::model::{Date, Token, days_in_month};

/// A span of time referred to by the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    #[serde(serialize_with = "as_text")]
    pub start: Date,
    #[serde(serialize_with = "as_text")]
    pub end: Date,
    /// `day`, `week`, `month`, `year`.
    pub granularity: &'static str,
    /// The words that gave it; `None` when it is the article date by default.
    pub text: Option<String>,
    /// Sentence index and character span in it, when it comes from the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
}

/// Serialises a date as `YYYY-MM-DD`.
pub fn as_text<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

impl Period {
    pub fn day(d: Date) -> Period {
        Period { start: d, end: d, granularity: "day", text: None, sentence: None, span: None }
    }
}

/// A time reference found in a sentence: token range and period.
#[derive(Clone, Debug)]
pub struct TimeRef {
    pub tokens: (usize, usize),
    pub period: Period,
}

pub use crate::text::MONTH_NAMES as MONTHS;
const MONTH_ABBR: [&str; 12] =
    ["jan.", "feb.", "mar.", "apr.", "may", "jun.", "jul.", "aug.", "sep.", "oct.", "nov.", "dec."];
pub use crate::text::WEEKDAYS;

/// Month number (1-12) of a month name or abbreviation.
pub fn month_of(lower: &str) -> Option<u8> {
    MONTHS.iter().position(|m| *m == lower).or_else(|| MONTH_ABBR.iter().position(|m| *m == lower)).map(|i| i as u8 + 1)
}

fn weekday_of(lower: &str) -> Option<i64> {
    WEEKDAYS.iter().position(|d| *d == lower).map(|i| i as i64)
}

/// 0 = Monday.
fn weekday(d: Date) -> i64 {
    (d.days() + 3).rem_euclid(7)
}

fn add_days(d: Date, n: i64) -> Date {
    Date::from_days(d.days() + n)
}

fn year_period(y: i32) -> Option<(Date, Date, &'static str)> {
    Some((Date::new(y, 1, 1)?, Date::new(y, 12, 31)?, "year"))
}

fn month_period(y: i32, m: u8) -> Option<(Date, Date, &'static str)> {
    Some((Date::new(y, m, 1)?, Date::new(y, m, days_in_month(y, m))?, "month"))
}

fn shift_month(y: i32, m: u8, by: i32) -> (i32, u8) {
    let idx = y * 12 + (m as i32 - 1) + by;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u8)
}

fn number_word(w: &str) -> Option<i64> {
    const WORDS: [&str; 13] =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as i64);
    }
    if w == "a" || w == "an" {
        return Some(1);
    }
    w.parse().ok().filter(|n: &i64| (0..=1000).contains(n))
}

fn year_of(t: &Token) -> Option<i32> {
    let w = t.lower.as_str();
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// Words after which a bare four-digit number is a year.
const YEAR_PREPS: &[&str] = &[
    "in", "since", "by", "during", "until", "till", "before", "after", "of", "from", "through", "to", "early", "late",
    "mid", "mid-", "for", "year", "end", "fiscal",
];

/// Finds the time references of a sentence's tokens. `future` is whether the sentence
/// speaks of the future (bare weekdays then point forward).
pub fn find(tokens: &[Token], article: Date) -> Vec<TimeRef> {
    let mut out = Vec::new();
    let future = tokens.iter().any(|t| matches!(t.lower.as_str(), "will" | "'ll" | "shall" | "upcoming" | "planned"));
    let w = |i: usize| tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    let mut i = 0;
    while i < tokens.len() {
        let mut found: Option<(usize, (Date, Date, &'static str))> = None;
        let cur = w(i);
        // last / this / next / past + unit
        if matches!(cur, "last" | "this" | "next" | "past" | "previous" | "current" | "coming") {
            let unit = w(i + 1);
            let by: i32 = match cur {
                "last" | "past" | "previous" => -1,
                "next" | "coming" => 1,
                _ => 0,
            };
            let p = match unit {
                "year" => year_period(article.year + by),
                "month" => {
                    let (y, m) = shift_month(article.year, article.month, by);
                    month_period(y, m)
                }
                "week" => {
                    let monday = add_days(article, -weekday(article) + 7 * by as i64);
                    Some((monday, add_days(monday, 6), "week"))
                }
                u => {
                    if let Some(wd) = weekday_of(u) {
                        let diff = wd - weekday(article);
                        let d = match by {
                            -1 => add_days(article, if diff < 0 { diff } else { diff - 7 }),
                            1 => add_days(article, if diff > 0 { diff } else { diff + 7 }),
                            _ => add_days(article, diff),
                        };
                        Some((d, d, "day"))
                    } else if let Some(m) = month_of(u) {
                        let y = match by {
                            -1 => {
                                if m < article.month {
                                    article.year
                                } else {
                                    article.year - 1
                                }
                            }
                            1 => {
                                if m > article.month {
                                    article.year
                                } else {
                                    article.year + 1
                                }
                            }
                            _ => article.year,
                        };
                        month_period(y, m)
                    } else {
                        None
                    }
                }
            };
            if let Some(p) = p {
                found = Some((i + 2, p));
            }
        }
        // yesterday / today / tomorrow
        if found.is_none() {
            let d = match cur {
                "yesterday" => Some(-1),
                "today" | "tonight" => Some(0),
                "tomorrow" => Some(1),
                _ => None,
            };
            if let Some(n) = d {
                let d = add_days(article, n);
                found = Some((i + 1, (d, d, "day")));
            }
        }
        // N days / weeks / months / years ago
        if found.is_none()
            && w(i + 2) == "ago"
            && let Some(n) = number_word(cur)
        {
            let unit = w(i + 1).trim_end_matches('s');
            let p = match unit {
                "day" => {
                    let d = add_days(article, -n);
                    Some((d, d, "day"))
                }
                "week" => {
                    let d = add_days(article, -7 * n);
                    let monday = add_days(d, -weekday(d));
                    Some((monday, add_days(monday, 6), "week"))
                }
                "month" => {
                    let (y, m) = shift_month(article.year, article.month, -(n as i32));
                    month_period(y, m)
                }
                "year" => year_period(article.year - n as i32),
                _ => None,
            };
            if let Some(p) = p {
                found = Some((i + 3, p));
            }
        }
        // a bare weekday ("on Saturday")
        if found.is_none()
            && tokens[i].shape.is_capitalized()
            && let Some(wd) = weekday_of(cur)
        {
            let diff = wd - weekday(article);
            let d = if future {
                add_days(article, if diff >= 0 { diff } else { diff + 7 })
            } else {
                add_days(article, if diff <= 0 { diff } else { diff - 7 })
            };
            found = Some((i + 1, (d, d, "day")));
        }
        // month [day][,] [year] / day month [year] / month year
        if found.is_none()
            && tokens[i].shape.is_capitalized()
            && let Some(m) = month_of(cur)
        {
            // "may" only as a month when a day or year is next to it
            let day_after = w(i + 1).parse::<u8>().ok().filter(|d| (1..=31).contains(d));
            let mut j = i + 1;
            let mut day = None;
            if let Some(d) = day_after {
                day = Some(d);
                j += 1;
                if w(j) == "," {
                    j += 1;
                }
            }
            let year = tokens.get(j).and_then(year_of);
            if year.is_some() {
                j += 1;
            } else if day.is_some() && w(j - 1) == "," {
                j -= 1;
            }
            let may_ok = cur != "may" || day.is_some() || year.is_some();
            if may_ok {
                let y = year.unwrap_or(if m <= article.month { article.year } else { article.year - 1 });
                let p = match day {
                    Some(d) => Date::new(y, m, d).map(|d| (d, d, "day")),
                    None => month_period(y, m),
                };
                if let Some(p) = p {
                    found = Some((j, p));
                }
            }
        }
        if found.is_none()
            && let Some(d) = cur.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
            && let Some(m) = tokens.get(i + 1).filter(|t| t.shape.is_capitalized()).and_then(|t| month_of(&t.lower))
        {
            let year = tokens.get(i + 2).and_then(year_of);
            let y = year.unwrap_or(if m <= article.month { article.year } else { article.year - 1 });
            if let Some(dd) = Date::new(y, m, d) {
                found = Some((i + 2 + year.is_some() as usize, (dd, dd, "day")));
            }
        }
        // ISO date
        if found.is_none()
            && cur.len() == 10
            && let Some(d) = Date::parse(cur)
        {
            found = Some((i + 1, (d, d, "day")));
        }
        // in 2023
        if found.is_none()
            && let Some(y) = year_of(&tokens[i])
            && i > 0
            && YEAR_PREPS.contains(&w(i - 1))
            && let Some(p) = year_period(y)
        {
            found = Some((i + 1, p));
        }
        match found {
            Some((end, (start, last, granularity))) => {
                out.push(TimeRef {
                    tokens: (i, end),
                    period: Period { start, end: last, granularity, text: None, sentence: None, span: None },
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn refs(s: &str, article: Date) -> Vec<(String, String, &'static str)> {
        let doc = text::analyze(s);
        let toks: Vec<Token> = doc.sentences.iter().flat_map(|s| s.tokens.clone()).collect();
        find(&toks, article)
            .into_iter()
            .map(|r| (r.period.start.to_string(), r.period.end.to_string(), r.period.granularity))
            .collect()
    }

    fn d(y: i32, m: u8, dd: u8) -> Date {
        Date::new(y, m, dd).unwrap()
    }

    #[test]
    fn relative_years_months_weeks() {
        let a = d(2024, 10, 2); // a Wednesday
        assert_eq!(refs("last year trade grew", a), vec![("2023-01-01".into(), "2023-12-31".into(), "year")]);
        assert_eq!(refs("next month they meet", a), vec![("2024-11-01".into(), "2024-11-30".into(), "month")]);
        assert_eq!(refs("Talks last week failed", a), vec![("2024-09-23".into(), "2024-09-29".into(), "week")]);
        assert_eq!(refs("two years ago", a), vec![("2022-01-01".into(), "2022-12-31".into(), "year")]);
        assert_eq!(refs("Trade in 2023 rose", a), vec![("2023-01-01".into(), "2023-12-31".into(), "year")]);
        // January in a January article: the next month crosses the year
        assert_eq!(refs("next month", d(2024, 12, 15))[0].0, "2025-01-01");
    }

    #[test]
    fn weekdays_point_back_unless_future() {
        let a = d(2024, 10, 2); // Wednesday
        assert_eq!(refs("He arrived on Saturday.", a)[0].0, "2024-09-28");
        assert_eq!(refs("He will arrive on Saturday.", a)[0].0, "2024-10-05");
        assert_eq!(refs("He spoke on Wednesday.", a)[0].0, "2024-10-02");
        assert_eq!(refs("yesterday", a)[0].0, "2024-10-01");
    }

    #[test]
    fn calendar_dates() {
        let a = d(2024, 10, 2);
        assert_eq!(refs("on March 5, 2023 they met", a)[0].0, "2023-03-05");
        assert_eq!(refs("on 5 March they met", a)[0].0, "2024-03-05");
        assert_eq!(refs("in November they met", a)[0].1, "2023-11-30");
        assert_eq!(refs("on 2024-09-30 they met", a)[0].0, "2024-09-30");
        // "may" the verb is no month; a year after a number is no year
        assert!(refs("They may meet. He sold 2023 shares", a).is_empty());
        assert!(refs("On February 30 nothing", a).iter().all(|r| r.2 == "month"));
    }

    #[test]
    fn civil_roundtrip() {
        for z in [-800_000i64, -1, 0, 1, 19_998, 60_000] {
            assert_eq!(Date::from_days(z).days(), z);
        }
        assert_eq!(weekday(d(2024, 10, 2)), 2);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::text;
    use proptest::prelude::*;

    proptest! {
        /// Any text and article date: no panic, every period ordered and its tokens in range.
        #[test]
        fn periods_are_ordered(s in "[ a-zA-Z0-9,.-]{0,60}", z in -20_000i64..40_000) {
            let article = Date::from_days(z);
            let doc = text::analyze(&s);
            for sent in &doc.sentences {
                for r in find(&sent.tokens, article) {
                    prop_assert!(r.period.start <= r.period.end);
                    prop_assert!(r.tokens.0 < r.tokens.1 && r.tokens.1 <= sent.tokens.len());
                }
            }
        }

        /// "N years ago" and "last year" count back from the article's year.
        #[test]
        fn years_ago(n in 1i64..12, z in 0i64..30_000) {
            let article = Date::from_days(z);
            let doc = text::analyze(&format!("It happened {n} years ago and last year."));
            let r = find(&doc.sentences[0].tokens, article);
            prop_assert_eq!(r.len(), 2);
            prop_assert_eq!(r[0].period.start.year, article.year - n as i32);
            prop_assert_eq!(r[1].period.end.year, article.year - 1);
        }
    }
}
