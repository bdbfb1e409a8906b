//! Amounts: money and quantities with their unit and currency, what they measure and the
//! actors they concern.
//!
//! `$28.5 billion` → 28500000000 USD; `13 billion dollars`; `€1.2bn`; `US$5m`; `2.5 million
//! tonnes`; `20 agreements`; `5%`; ranges (`$1-2 billion`, `between 3 and 4 million
//! barrels`: `value` is the low end, `high` the high one); qualifiers (`up to`, `more than`,
//! `about`, `exceeded`); negatives (`-3%`, `minus 5`, `a deficit of`). The measure is found
//! in the clause before the amount (`the volume of trade reached $28.5 billion`) or just
//! after it (`$5 billion in loans`).

use serde::Serialize;

use crate::model::Token;

/// An amount as found in one sentence (before actors and period are attached).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Found {
    pub value: f64,
    /// High end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// `USD`, `EUR` ... for money; `None` otherwise.
    pub currency: Option<&'static str>,
    /// `currency` for money, else the unit (`tonne`, `percent`, `agreement`, ...).
    pub unit: String,
    /// `up to`, `more than`, `about`, `at least`, `less than`, or `None` for an exact figure.
    pub qualifier: Option<&'static str>,
    /// What it measures, canonical (`trade`, `investment`, ...), if found.
    pub measure: Option<String>,
    /// The words that named the measure (`volume of trade`).
    pub measure_text: Option<String>,
    #[serde(skip)]
    pub tokens: (usize, usize),
}

const CURRENCY_SYMBOLS: &[(&str, &str)] = &[
    ("us$", "USD"),
    ("$", "USD"),
    ("usd", "USD"),
    ("€", "EUR"),
    ("eur", "EUR"),
    ("£", "GBP"),
    ("gbp", "GBP"),
    ("¥", "JPY"),
    ("jpy", "JPY"),
    ("₽", "RUB"),
    ("rub", "RUB"),
    ("₸", "KZT"),
    ("kzt", "KZT"),
    ("₹", "INR"),
    ("rs", "INR"),
    ("inr", "INR"),
    ("₩", "KRW"),
    ("₺", "TRY"),
    ("₴", "UAH"),
    ("cny", "CNY"),
    ("rmb", "CNY"),
    ("a$", "AUD"),
    ("c$", "CAD"),
    ("hk$", "HKD"),
    ("chf", "CHF"),
];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dlrs", "USD"),
    ("dlr", "USD"),
    ("marks", "DEM"),
    ("guilders", "NLG"),
    ("stg", "GBP"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("sterling", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("rubles", "RUB"),
    ("roubles", "RUB"),
    ("ruble", "RUB"),
    ("rouble", "RUB"),
    ("tenge", "KZT"),
    ("rupees", "INR"),
    ("won", "KRW"),
    ("lira", "TRY"),
    ("liras", "TRY"),
    ("hryvnias", "UAH"),
    ("hryvnia", "UAH"),
    ("francs", "CHF"),
    ("riyals", "SAR"),
    ("dirhams", "AED"),
    ("usd", "USD"),
    ("eur", "EUR"),
];

const MAGNITUDES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("mln", 1e6),
    ("mn", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bln", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("tn", 1e12),
    ("trn", 1e12),
    ("crore", 1e7),
    ("lakh", 1e5),
];

const SUFFIXES: &[(&str, f64)] = &[
    ("bn", 1e9),
    ("bln", 1e9),
    ("mn", 1e6),
    ("mln", 1e6),
    ("tn", 1e12),
    ("trn", 1e12),
    ("m", 1e6),
    ("k", 1e3),
    ("b", 1e9),
];

/// Units of quantity: surface (lower case) → canonical unit.
const UNITS: &[(&str, &str)] = &[
    ("tonnes", "tonne"),
    ("tonne", "tonne"),
    ("tons", "tonne"),
    ("ton", "tonne"),
    ("metric tons", "tonne"),
    ("barrels", "barrel"),
    ("barrel", "barrel"),
    ("bpd", "barrel per day"),
    ("barrels per day", "barrel per day"),
    ("cubic metres", "cubic metre"),
    ("cubic meters", "cubic metre"),
    ("bcm", "billion cubic metres"),
    ("kilometres", "km"),
    ("kilometers", "km"),
    ("km", "km"),
    ("miles", "mile"),
    ("megawatts", "MW"),
    ("mw", "MW"),
    ("gigawatts", "GW"),
    ("gw", "GW"),
    ("kilowatt-hours", "kWh"),
    ("kwh", "kWh"),
    ("percent", "percent"),
    ("pct", "percent"),
    ("basis points", "basis point"),
    ("basis point", "basis point"),
    ("bps", "basis point"),
    ("mths", "month"),
    ("per cent", "percent"),
    ("%", "percent"),
    ("percentage points", "percentage point"),
    ("hectares", "hectare"),
    ("litres", "litre"),
    ("liters", "litre"),
    ("kilograms", "kg"),
    ("kg", "kg"),
];

/// Measure words: surface (lower case) → canonical measure.
const MEASURES: &[(&str, &str)] = &[
    ("trade turnover", "trade"),
    ("trade", "trade"),
    ("turnover", "trade"),
    ("investments", "investment"),
    ("investment", "investment"),
    ("invested", "investment"),
    ("invest", "investment"),
    ("fdi", "investment"),
    ("exports", "exports"),
    ("export", "exports"),
    ("exported", "exports"),
    ("imports", "imports"),
    ("import", "imports"),
    ("imported", "imports"),
    ("aid", "aid"),
    ("assistance", "aid"),
    ("grant", "aid"),
    ("grants", "aid"),
    ("loan", "loan"),
    ("loans", "loan"),
    ("credit", "loan"),
    ("debt", "debt"),
    ("budget", "budget"),
    ("gdp", "gdp"),
    ("revenue", "revenue"),
    ("revenues", "revenue"),
    ("income", "revenue"),
    ("profit", "profit"),
    ("profits", "profit"),
    ("sales", "sales"),
    ("spending", "spending"),
    ("expenditure", "spending"),
    ("deficit", "deficit"),
    ("surplus", "surplus"),
    ("inflation", "inflation"),
    ("growth", "growth"),
    ("production", "production"),
    ("output", "production"),
    ("reserves", "reserves"),
    ("capacity", "capacity"),
    ("cost", "cost"),
    ("costs", "cost"),
    ("price", "price"),
    ("prices", "price"),
    ("deal", "deal"),
    ("contract", "deal"),
    ("contracts", "deal"),
    ("fund", "fund"),
    ("funding", "fund"),
    ("financing", "fund"),
    ("supplies", "supply"),
    ("supply", "supply"),
    ("deliveries", "supply"),
    ("unemployment", "unemployment"),
    ("casualties", "casualties"),
    ("killed", "casualties"),
    ("dead", "casualties"),
];

/// Words that name the size of a measure ("the *volume of* trade").
const MEASURE_HEADS: &[&str] = &["volume", "value", "level", "amount", "total", "sum", "share", "size"];

/// Signed qualifiers before a number.
const QUALIFIERS: &[(&[&str], &str)] = &[
    (&["up", "to"], "up to"),
    (&["more", "than"], "more than"),
    (&["over"], "more than"),
    (&["above"], "more than"),
    (&["exceeded"], "more than"),
    (&["exceeds"], "more than"),
    (&["exceeding"], "more than"),
    (&["at", "least"], "at least"),
    (&["less", "than"], "less than"),
    (&["under"], "less than"),
    (&["below"], "less than"),
    (&["nearly"], "about"),
    (&["almost"], "about"),
    (&["about"], "about"),
    (&["around"], "about"),
    (&["approximately"], "about"),
    (&["roughly"], "about"),
    (&["some"], "about"),
    (&["estimated"], "about"),
];

/// Words that make the amount negative ("a deficit of", "minus", "fell by").
const NEGATORS: &[&str] = &["minus", "negative"];

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("hundreds", 100.0),
    ("dozen", 12.0),
    ("dozens", 12.0),
    ("thousands", 1000.0),
];

/// Nouns counted by a bare number that are not worth reporting (times, ages, ranks).
const NOT_COUNTED: &[&str] = &["times", "o'clock", "years-old", "th", "st", "nd", "rd", "am", "pm", "a.m.", "p.m."];

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == w).map(|&(_, v)| v)
}

/// A parsed numeric token: `28.5`, `1,200`, `-3`, `1.2bn`, `5%`, `US$5m`, `1-2`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Num {
    value: f64,
    high: Option<f64>,
    currency: Option<&'static str>,
    scale: Option<f64>,
    percent: bool,
}

fn parse_plain(s: &str) -> Option<f64> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) || !s.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') {
        return None;
    }
    // "1,200" and "1,200,000" are thousands; a single "," with other than 3 digits after
    // is a decimal comma ("28,5").
    let commas: Vec<&str> = s.split(',').collect();
    let cleaned = if commas.len() > 1
        && commas[1..].iter().all(|p| {
            p.len() == 3
                || p.starts_with(|c: char| c.is_ascii_digit()) && p.split('.').next().is_some_and(|x| x.len() == 3)
        }) {
        s.replace(',', "")
    } else if commas.len() == 2 && !s.contains('.') {
        s.replace(',', ".")
    } else {
        s.replace(',', "")
    };
    cleaned.parse().ok()
}

fn parse_num(tok: &str) -> Option<Num> {
    let mut s = tok;
    let mut currency = None;
    for &(sym, code) in CURRENCY_SYMBOLS {
        if sym.len() < s.len() && s.is_char_boundary(sym.len()) && s[..sym.len()].eq_ignore_ascii_case(sym) {
            if sym.chars().all(|c| c.is_ascii_alphabetic()) {
                continue; // "usd5" is not written
            }
            currency = Some(code);
            s = &s[sym.len()..];
            break;
        }
    }
    let mut neg = false;
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        neg = true;
        s = rest;
    }
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        percent = true;
        s = rest;
    }
    let mut scale = None;
    if !percent {
        for &(suf, mult) in SUFFIXES {
            if let Some(rest) = s.strip_suffix(suf)
                && rest.ends_with(|c: char| c.is_ascii_digit())
            {
                scale = Some(mult);
                s = rest;
                break;
            }
        }
    }
    let (lo, hi) = match s.split_once('-') {
        Some((a, b)) if !neg || !a.is_empty() => (parse_plain(a)?, Some(parse_plain(b)?)),
        _ => (parse_plain(s)?, None),
    };
    let sign = if neg { -1.0 } else { 1.0 };
    Some(Num { value: sign * lo, high: hi.map(|h| sign * h), currency, scale, percent })
}

fn is_year_like(tokens: &[Token], i: usize) -> bool {
    let w = &tokens[i].lower;
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        let prev = if i > 0 { tokens[i - 1].lower.as_str() } else { "" };
        let y: i32 = w.parse().unwrap_or(0);
        return (1800..=2200).contains(&y) && !matches!(prev, "$" | "€" | "£" | "¥" | "₽" | "₸" | "₹");
    }
    false
}

/// Finds the amounts in a sentence's tokens. `skip` marks tokens already used by dates.
pub fn find(tokens: &[Token], text: &str, skip: &[bool]) -> Vec<Found> {
    let mut out = Vec::new();
    let w = |i: usize| tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    let mut i = 0;
    while i < tokens.len() {
        if skip.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        if !may_start(&tokens[i].lower) {
            i += 1;
            continue;
        }
        let start = i;
        let mut currency = None;
        let mut j = i;
        // currency symbol or code before the number
        if let Some(c) = lookup(CURRENCY_SYMBOLS, w(j))
            && tokens.get(j + 1).is_some_and(|t| t.lower.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
        {
            currency = Some(c);
            j += 1;
        }
        let mut neg = false;
        if currency.is_none() && NEGATORS.contains(&w(j)) {
            neg = true;
            j += 1;
        }
        let raw = &text[tokens.get(j).map(|t| t.start).unwrap_or(0)..tokens.get(j).map(|t| t.end).unwrap_or(0)];
        let num = parse_num(raw).or_else(|| {
            lookup(NUMBER_WORDS, w(j)).map(|v| Num {
                value: v,
                high: None,
                currency: None,
                scale: None,
                percent: false,
            })
        });
        let Some(mut num) = num else {
            i += 1;
            continue;
        };
        let number_word = lookup(NUMBER_WORDS, w(j)).is_some();
        if currency.is_none() && num.currency.is_none() && is_year_like(tokens, j) {
            i = j + 1;
            continue;
        }
        if currency.is_none() {
            currency = num.currency;
        }
        j += 1;
        // magnitude word
        let mut scale = num.scale.unwrap_or(1.0);
        if let Some(m) = lookup(MAGNITUDES, w(j)) {
            scale *= m;
            j += 1;
        }
        // range: "1 to 2 billion", "1-2", "between 3 and 4"
        let between = start > 0 && w(start - 1) == "between";
        if num.high.is_none() && (matches!(w(j), "to" | "-") || (between && w(j) == "and")) {
            let next = tokens.get(j + 1).map(|t| &text[t.start..t.end]).unwrap_or("");
            let cur2 = if lookup(CURRENCY_SYMBOLS, w(j + 1)).is_some() {
                tokens.get(j + 2).map(|t| &text[t.start..t.end]).unwrap_or("")
            } else {
                next
            };
            if let Some(n2) = parse_num(cur2) {
                let skip_sym = if cur2 == next { 0 } else { 1 };
                num.high = Some(n2.value);
                j += 2 + skip_sym;
                if let Some(m) = lookup(MAGNITUDES, w(j)) {
                    if num.scale.is_none() && scale == 1.0 {
                        scale = m;
                    }
                    j += 1;
                }
                if n2.percent {
                    num.percent = true;
                }
            }
        }
        // unit or currency after
        let mut unit: Option<String> = None;
        if num.percent {
            unit = Some("percent".into());
        } else if currency.is_none() {
            if let Some(c) = lookup(CURRENCY_WORDS, w(j)) {
                currency = Some(c);
                j += 1;
            } else if matches!(w(j), "cents" | "cts" | "ct" | "cent") {
                currency = Some("USD");
                scale *= 0.01;
                j += 1;
            } else if matches!(w(j), "u.s." | "us" | "american") && matches!(w(j + 1), "dollars" | "dollar") {
                currency = Some("USD");
                j += 2;
            } else if w(j) == "%" {
                unit = Some("percent".into());
                j += 1;
            } else {
                let two = format!("{} {}", w(j), w(j + 1));
                let three = format!("{} {} {}", w(j), w(j + 1), w(j + 2));
                if let Some(u) = lookup(UNITS, &three) {
                    unit = Some(u.into());
                    j += 3;
                } else if let Some(u) = lookup(UNITS, &two) {
                    unit = Some(u.into());
                    j += 2;
                } else if let Some(u) = lookup(UNITS, w(j)) {
                    unit = Some(u.into());
                    j += 1;
                }
            }
        } else if matches!(w(j), "dollars" | "dollar") {
            j += 1; // "$5 million dollars"
        }
        // a counted noun: "20 agreements", "two new agreements"
        if currency.is_none() && unit.is_none() {
            let mut k = j;
            if tokens.get(k).is_some_and(|t| t.shape == crate::model::Shape::Lower)
                && tokens.get(k + 1).is_some_and(|t| t.shape == crate::model::Shape::Lower && is_plural(&t.lower))
                && !is_plural(&tokens[k].lower)
                && !matches!(
                    w(k),
                    "of" | "and"
                        | "or"
                        | "to"
                        | "in"
                        | "on"
                        | "at"
                        | "for"
                        | "per"
                        | "by"
                        | "from"
                        | "with"
                        | "than"
                        | "as"
                        | "the"
                        | "a"
                )
            {
                k += 1; // one adjective
            }
            let noun = w(k);
            let counted = tokens.get(k).is_some_and(|t| t.shape == crate::model::Shape::Lower)
                && noun.len() > 2
                && is_plural(noun)
                && !NOT_COUNTED.contains(&noun)
                && !(num.value == 1.0 && num.high.is_none());
            if counted && !number_word_is_pronoun(number_word, w(j.wrapping_sub(1)), noun) {
                unit = Some(singular(noun));
                j = k + 1;
            }
        }
        let bare = currency.is_none() && unit.is_none();
        if bare {
            // a number without unit or currency is not reported (scores, ages, ordinals)
            i = j.max(i + 1);
            continue;
        }
        // qualifier and sign before
        let mut qualifier = None;
        for (words, q) in QUALIFIERS {
            let n = words.len();
            if start >= n && (0..n).all(|k| w(start - n + k) == words[k]) {
                qualifier = Some(*q);
                break;
            }
        }
        let sign =
            if neg || (start >= 2 && matches!(w(start - 2), "deficit" | "loss" | "losses") && w(start - 1) == "of") {
                -1.0
            } else {
                1.0
            };
        let value = sign * num.value * scale;
        let high = num.high.map(|h| sign * h * scale);
        let unit_s = match currency {
            Some(c) => c.to_string(),
            None => unit.unwrap_or_default(),
        };
        out.push(Found {
            value: round(value),
            high: high.map(round),
            currency,
            unit: unit_s,
            qualifier,
            measure: None,
            measure_text: None,
            tokens: (start, j),
        });
        i = j.max(i + 1);
    }
    for f in &mut out {
        let (m, t) = measure_of(tokens, text, f.tokens, f.unit.as_str(), f.currency.is_some());
        f.measure = m;
        f.measure_text = t;
    }
    out
}

/// "one of them": a number word standing as a pronoun is no count.
fn number_word_is_pronoun(number_word: bool, _prev: &str, noun: &str) -> bool {
    number_word && matches!(noun, "others" | "ones" | "sides" | "countries" | "leaders" | "parties")
}

/// Words that belong to an amount (magnitudes and currencies): "500 mln dlr deal" is a deal
/// of 500 million dollars, not 500 deals.
pub fn is_amount_word(w: &str) -> bool {
    lookup(MAGNITUDES, w).is_some() || lookup(CURRENCY_WORDS, w).is_some() || lookup(CURRENCY_SYMBOLS, w).is_some()
}

/// Whether an amount may start at a token: a digit, a symbol, a minus, or one of the words
/// that begin amounts (number words, currency codes, negators).
fn may_start(w: &str) -> bool {
    match w.chars().next() {
        Some(c) if c.is_ascii_digit() || c == '-' || c == '−' || !c.is_alphanumeric() => true,
        Some(c) if c.is_ascii_alphabetic() => {
            lookup(NUMBER_WORDS, w).is_some()
                || NEGATORS.contains(&w)
                || (w.len() <= 3 && lookup(CURRENCY_SYMBOLS, w).is_some())
                || w.contains('$')
        }
        _ => false,
    }
}

fn is_plural(noun: &str) -> bool {
    const NOT_PLURAL: &[&str] =
        &["this", "its", "his", "hers", "was", "has", "plus", "less", "thus", "versus", "across", "perhaps", "whereas"];
    (noun.ends_with('s')
        && !noun.ends_with("ss")
        && !noun.ends_with("us")
        && !noun.ends_with("is")
        && !NOT_PLURAL.contains(&noun))
        || matches!(noun, "memoranda" | "people" | "children" | "criteria")
}

fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn singular(noun: &str) -> String {
    match noun {
        "memoranda" => "memorandum".into(),
        "people" => "person".into(),
        "children" => "child".into(),
        n if n.ends_with("ies") => format!("{}y", &n[..n.len() - 3]),
        n if n.ends_with("sses") || n.ends_with("ches") || n.ends_with("shes") || n.ends_with("xes") => {
            n[..n.len() - 2].into()
        }
        n => n.trim_end_matches('s').into(),
    }
}

/// Finds what an amount measures: backwards in its clause, then just after it.
fn measure_of(
    tokens: &[Token],
    text: &str,
    (a, b): (usize, usize),
    unit: &str,
    money: bool,
) -> (Option<String>, Option<String>) {
    let w = |i: usize| tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    // after: "$5 billion in loans", "$2bn of investment", "$1bn worth of arms"
    let mut k = b;
    if w(k) == "worth" {
        k += 1;
    }
    if matches!(w(k), "in" | "of" | "for") {
        for n in (1..=2).rev() {
            let phrase: Vec<&str> = (0..n).map(|x| w(k + 1 + x)).collect();
            if let Some(m) = lookup(MEASURES, &phrase.join(" ")) {
                let t = &text[tokens[k + 1].start..tokens[k + n].end];
                return (Some(m.into()), Some(t.into()));
            }
        }
    }
    // before, within the clause
    let mut i = a;
    let mut steps = 0;
    while i > 0 && steps < 12 {
        i -= 1;
        steps += 1;
        let cur = w(i);
        if matches!(cur, ";" | ":" | "." | "(" | ")") || (cur == "," && steps > 1 && w(i + 1) == "and") {
            break;
        }
        if cur == "," && steps > 1 {
            // a clause boundary: only go past it when nothing was passed that is a verb-like
            // measure candidate; stop here
            break;
        }
        for n in (1..=2).rev() {
            if i + 1 < n {
                continue;
            }
            let s = i + 1 - n;
            let phrase: Vec<&str> = (s..=i).map(w).collect();
            if let Some(m) = lookup(MEASURES, &phrase.join(" ")) {
                let mut first = s;
                if first >= 2 && w(first - 1) == "of" && MEASURE_HEADS.contains(&w(first - 2)) {
                    first -= 2;
                }
                let t = &text[tokens[first].start..tokens[i].end];
                return (Some(m.into()), Some(t.into()));
            }
        }
    }
    if !money && !unit.is_empty() && unit != "percent" {
        return (Some(unit.to_string()), None);
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn amounts(s: &str) -> Vec<Found> {
        let doc = text::analyze(s);
        let sent = &doc.sentences[0];
        find(&sent.tokens, &doc.text, &[])
    }

    fn one(s: &str) -> Found {
        let a = amounts(s);
        assert_eq!(a.len(), 1, "{s}: {a:?}");
        a.into_iter().next().unwrap()
    }

    #[test]
    fn money_in_its_forms() {
        let a = one("Last year the volume of trade reached $28.5 billion.");
        assert_eq!((a.value, a.currency, a.measure.as_deref()), (28.5e9, Some("USD"), Some("trade")));
        assert_eq!(a.measure_text.as_deref(), Some("volume of trade"));
        let a = one("Investments totalled 13 billion dollars.");
        assert_eq!((a.value, a.currency, a.measure.as_deref()), (13e9, Some("USD"), Some("investment")));
        let a = one("The EU pledged €1.2bn in aid.");
        assert_eq!((a.value, a.currency, a.measure.as_deref()), (1.2e9, Some("EUR"), Some("aid")));
        let a = one("It borrowed US$5m from the bank.");
        assert_eq!((a.value, a.currency), (5e6, Some("USD")));
        let a = one("Exports were 3,500 million roubles.");
        assert_eq!((a.value, a.currency, a.measure.as_deref()), (3.5e9, Some("RUB"), Some("exports")));
        let a = one("They paid 2 million U.S. dollars.");
        assert_eq!((a.value, a.currency), (2e6, Some("USD")));
        // wire style
        let a = one("Profit was 400 mln dlrs.");
        assert_eq!((a.value, a.currency, a.measure.as_deref()), (4e8, Some("USD"), Some("profit")));
        let a = one("The dividend is nine cts a share.");
        assert_eq!((a.value, a.currency), (0.09, Some("USD")));
    }

    #[test]
    fn quantities_and_counts() {
        let a = one("Output rose to 2.5 million tonnes.");
        assert_eq!((a.value, a.unit.as_str(), a.currency), (2.5e6, "tonne", None));
        let a = one("They signed 20 agreements.");
        assert_eq!((a.value, a.unit.as_str()), (20.0, "agreement"));
        let a = one("Twenty new memoranda were signed.");
        assert_eq!((a.value, a.unit.as_str()), (20.0, "memorandum"));
        let a = one("Inflation rose 2.1 pct this year.");
        assert_eq!((a.value, a.unit.as_str(), a.measure.as_deref()), (2.1, "percent", Some("inflation")));
        let a = one("Rates fell 25 basis points.");
        assert_eq!((a.value, a.unit.as_str()), (25.0, "basis point"));
        let a = one("Inflation reached 8.5% in August.");
        assert_eq!((a.value, a.unit.as_str(), a.measure.as_deref()), (8.5, "percent", Some("inflation")));
    }

    #[test]
    fn qualifiers_ranges_negatives() {
        let a = one("Russian investments in Kazakhstan exceeded $13 billion.");
        assert_eq!((a.value, a.qualifier, a.measure.as_deref()), (13e9, Some("more than"), Some("investment")));
        let a = one("The fund will provide up to $5 billion.");
        assert_eq!((a.value, a.qualifier), (5e9, Some("up to")));
        let a = one("Costs were $1-2 billion.");
        assert_eq!((a.value, a.high), (1e9, Some(2e9)));
        let a = one("They ship between 3 and 4 million barrels.");
        assert_eq!((a.value, a.high, a.unit.as_str()), (3e6, Some(4e6), "barrel"));
        let a = one("Growth was -0.5% last quarter.");
        assert_eq!(a.value, -0.5);
        let a = one("It ran a deficit of $2 billion.");
        assert_eq!((a.value, a.measure.as_deref()), (-2e9, Some("deficit")));
    }

    #[test]
    fn quotes_and_non_amounts() {
        let a = one("\"We will invest $3 billion,\" he said.");
        assert_eq!((a.value, a.measure.as_deref()), (3e9, Some("investment")));
        // years, ages and bare numbers are no amounts
        assert!(
            amounts("In 2023 he turned 45 and won 3 to 1.").is_empty(),
            "{:?}",
            amounts("In 2023 he turned 45 and won 3 to 1.")
        );
        assert!(amounts("One of the leaders spoke.").is_empty());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::text;
    use proptest::prelude::*;

    proptest! {
        /// Any text: no panic, token ranges inside the sentence, finite values, ranges ordered
        /// as written.
        #[test]
        fn amounts_never_panic(s in "[ $€£0-9.,%a-zA-Z-]{0,60}") {
            let doc = text::analyze(&s);
            for sent in &doc.sentences {
                for f in find(&sent.tokens, &doc.text, &[]) {
                    prop_assert!(f.tokens.0 < f.tokens.1 && f.tokens.1 <= sent.tokens.len());
                    prop_assert!(f.value.is_finite());
                    prop_assert!(!f.unit.is_empty());
                }
            }
        }

        /// A written dollar figure reads back as its value.
        #[test]
        fn dollar_figures_round_trip(whole in 1u32..10_000, tenths in 0u32..10, mag in 0usize..3) {
            let (word, m) = [("million", 1e6), ("billion", 1e9), ("trillion", 1e12)][mag];
            let s = format!("Trade reached ${whole}.{tenths} {word} last year.");
            let doc = text::analyze(&s);
            let f = find(&doc.sentences[0].tokens, &doc.text, &[]);
            prop_assert_eq!(f.len(), 1);
            let want = (whole as f64 + tenths as f64 / 10.0) * m;
            prop_assert!((f[0].value - want).abs() <= want * 1e-9, "{} vs {}", f[0].value, want);
            prop_assert_eq!(f[0].currency, Some("USD"));
            prop_assert_eq!(f[0].measure.as_deref(), Some("trade"));
        }
    }
}
