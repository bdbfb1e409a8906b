//! Entity files: countries, regions, organisations, agents and people
//! (format: `docs/dictionaries.md`).

use crate::model::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Country,
    Region,
    Org,
    Agent,
    Person,
}

impl EntityKind {
    fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "country" => EntityKind::Country,
            "region" => EntityKind::Region,
            "org" => EntityKind::Org,
            "agent" => EntityKind::Agent,
            "person" => EntityKind::Person,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Country => "country",
            EntityKind::Region => "region",
            EntityKind::Org => "org",
            EntityKind::Agent => "agent",
            EntityKind::Person => "person",
        }
    }
}

/// A closed date interval; open ends are `Date::MIN` / `Date::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub from: Date,
    pub to: Date,
}

impl Range {
    pub const ALWAYS: Range = Range { from: Date::MIN, to: Date::MAX };
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

/// A value that holds over a date range ("Nur-Sultan (2019-03-23..2022-09-17)").
#[derive(Clone, Debug, PartialEq)]
pub struct Dated {
    pub value: String,
    pub when: Range,
    /// `false` for a value written `~Victoria`: a recorded fact that is never matched in
    /// text (the capital of the Seychelles is not every "Victoria").
    pub matched: bool,
}

impl Dated {
    /// `-`: the attribute is known not to exist (an uninhabited territory has no demonym).
    pub fn is_none_marker(&self) -> bool {
        self.value == "-"
    }
}

/// A dated role of a person: `RUSGOV 2000-05-07..2008-05-07 president`.
#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub code: String,
    pub when: Range,
    pub title: String,
}

#[derive(Clone, Debug)]
pub struct Entity {
    pub kind: EntityKind,
    /// CAMEO code; empty for people.
    pub code: String,
    pub name: String,
    pub names: Vec<Dated>,
    pub former: Vec<Dated>,
    pub adjectives: Vec<Dated>,
    pub demonyms: Vec<Dated>,
    pub capital: Vec<Dated>,
    pub cities: Vec<Dated>,
    pub plural: Vec<Dated>,
    /// Cities that stand for an organisation once the article has named it ("Brussels").
    pub seats: Vec<Dated>,
    pub iso2: String,
    pub iso3: String,
    pub fips: String,
    pub roles: Vec<Role>,
    pub dates: Range,
    /// `file:line` of the header.
    pub origin: String,
}

impl Entity {
    fn new(kind: EntityKind, code: String, name: String, origin: String) -> Entity {
        Entity {
            kind,
            code,
            name,
            names: Vec::new(),
            former: Vec::new(),
            adjectives: Vec::new(),
            demonyms: Vec::new(),
            capital: Vec::new(),
            cities: Vec::new(),
            plural: Vec::new(),
            seats: Vec::new(),
            iso2: String::new(),
            iso3: String::new(),
            fips: String::new(),
            roles: Vec::new(),
            dates: Range::ALWAYS,
            origin,
        }
    }

    /// An entry with the null code `---`: its names are read and skipped, never an actor
    /// ("Indian Ocean" is not India).
    pub fn is_block(&self) -> bool {
        self.code == "---"
    }

    /// The code this entity has on `date`: its own code, or for a person the code of the role
    /// in force (the latest-starting one when roles overlap).
    pub fn code_on(&self, date: Date) -> Option<&str> {
        if self.kind == EntityKind::Person {
            return self
                .roles
                .iter()
                .filter(|r| r.when.contains(date))
                .max_by_key(|r| r.when.from)
                .map(|r| r.code.as_str());
        }
        if self.dates.contains(date) && !self.code.is_empty() && !self.is_block() { Some(&self.code) } else { None }
    }
}

/// A problem in a dictionary file: where, and what.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub origin: String,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// Strips a `#` comment.
pub fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Parses one end of a date range. `end` picks the last day of a partial date.
pub fn parse_partial_date(s: &str, end: bool) -> Option<Date> {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if parts[0].len() != 4 {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    let m: u8 = match parts.get(1) {
        Some(p) if p.len() == 2 => p.parse().ok()?,
        Some(_) => return None,
        None => {
            if end {
                12
            } else {
                1
            }
        }
    };
    let d: u8 = match parts.get(2) {
        Some(p) if p.len() == 2 => p.parse().ok()?,
        Some(_) => return None,
        None => {
            if end {
                crate::model::days_in_month(y, m)
            } else {
                1
            }
        }
    };
    Date::new(y, m, d)
}

/// Parses `FROM..TO` with optional ends.
pub fn parse_range(s: &str) -> Result<Range, String> {
    let s = s.trim();
    let Some((a, b)) = s.split_once("..") else {
        // A single date is the whole period it names: `1997` is that year.
        return match (parse_partial_date(s, false), parse_partial_date(s, true)) {
            (Some(from), Some(to)) => Ok(Range { from, to }),
            _ => Err(format!("'{s}' is not a date or a date range FROM..TO")),
        };
    };
    let from = if a.trim().is_empty() {
        Date::MIN
    } else {
        parse_partial_date(a.trim(), false).ok_or_else(|| format!("bad date '{a}'"))?
    };
    let to = if b.trim().is_empty() {
        Date::MAX
    } else {
        parse_partial_date(b.trim(), true).ok_or_else(|| format!("bad date '{b}'"))?
    };
    if from > to {
        return Err(format!("range '{s}' ends before it starts"));
    }
    Ok(Range { from, to })
}

fn parse_dated(value: &str) -> Result<Dated, String> {
    let v = value.trim();
    let (v, matched) = match v.strip_prefix('~') {
        Some(rest) => (rest.trim(), false),
        None => (v, v != "-"),
    };
    if let Some(open) = v.rfind('(')
        && v.ends_with(')')
        && v[open + 1..].contains("..")
    {
        let when = parse_range(&v[open + 1..v.len() - 1])?;
        return Ok(Dated { value: v[..open].trim().to_string(), when, matched });
    }
    Ok(Dated { value: v.to_string(), when: Range::ALWAYS, matched })
}

fn parse_role(value: &str) -> Result<Role, String> {
    let mut it = value.split_whitespace();
    let code = it.next().ok_or("empty role")?;
    if code.len() < 3 || code.len() % 3 != 0 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("role code '{code}' is not a CAMEO actor code"));
    }
    let range = it.next().ok_or("role has no date range")?;
    let when = parse_range(range)?;
    let title: Vec<&str> = it.collect();
    Ok(Role { code: code.to_string(), when, title: title.join(" ") })
}

fn is_code(s: &str) -> bool {
    s == "---"
        || s.len() >= 3 && s.len().is_multiple_of(3) && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Parses an entity file. Malformed lines give diagnostics and are skipped.
pub fn parse(file: &str, text: &str, out: &mut Vec<Entity>, diags: &mut Vec<Diagnostic>) {
    let mut current: Option<Entity> = None;
    for (n, raw) in text.lines().enumerate() {
        let origin = format!("{file}:{}", n + 1);
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let mut err = |m: String| diags.push(Diagnostic { origin: origin.clone(), message: m });
        if !line.starts_with([' ', '\t']) {
            if let Some(e) = current.take() {
                out.push(e);
            }
            let mut words = line.split_whitespace();
            let kind_word = words.next().unwrap_or("");
            let Some(kind) = EntityKind::parse(kind_word) else {
                err(format!("unknown entity kind '{kind_word}' (country, region, org, agent, person)"));
                continue;
            };
            let rest: Vec<&str> = words.collect();
            let (code, name) = if kind == EntityKind::Person {
                (String::new(), rest.join(" "))
            } else {
                match rest.split_first() {
                    Some((c, name)) if is_code(c) => (c.to_string(), name.join(" ")),
                    _ => {
                        err(format!("a {kind_word} header needs a CAMEO code and a name"));
                        continue;
                    }
                }
            };
            if name.is_empty() {
                err("the header has no name".into());
                continue;
            }
            current = Some(Entity::new(kind, code, name, origin.clone()));
            continue;
        }
        let Some(e) = current.as_mut() else {
            err("attribute line before any header".into());
            continue;
        };
        let Some((key, value)) = line.split_once('=') else {
            err("attribute line without '='".into());
            continue;
        };
        let key = key.trim();
        let values = value.split('|').map(str::trim).filter(|v| !v.is_empty());
        let list = match key {
            "names" => Some(&mut e.names),
            "former" => Some(&mut e.former),
            "adjectives" => Some(&mut e.adjectives),
            "demonyms" => Some(&mut e.demonyms),
            "capital" => Some(&mut e.capital),
            "cities" | "provinces" => Some(&mut e.cities),
            "plural" => Some(&mut e.plural),
            "seat" => Some(&mut e.seats),
            _ => None,
        };
        if let Some(list) = list {
            for v in values {
                match parse_dated(v) {
                    Ok(d) => list.push(d),
                    Err(m) => err(m),
                }
            }
            continue;
        }
        let value = value.trim();
        match key {
            "iso2" => e.iso2 = value.to_string(),
            "iso3" => e.iso3 = value.to_string(),
            "fips" => e.fips = value.to_string(),
            "note" => {}
            "dates" => match parse_range(value) {
                Ok(r) => e.dates = r,
                Err(m) => err(m),
            },
            "role" => {
                if e.kind != EntityKind::Person {
                    err("only a person has roles".into());
                    continue;
                }
                match parse_role(value) {
                    Ok(r) => e.roles.push(r),
                    Err(m) => err(m),
                }
            }
            _ => err(format!("unknown key '{key}'")),
        }
    }
    if let Some(e) = current.take() {
        out.push(e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
country KAZ Kazakhstan   # comment
  names = Republic of Kazakhstan | Qazaqstan
  adjectives = Kazakh | Kazakhstani
  capital = Astana | Nur-Sultan (2019-03-23..2022-09-17) | Akmola (1992..1998-05)
  iso3 = KAZ
person Vladimir Putin
  names = Putin
  role = RUSGOV 1999-08-16..2000-05-07 prime minister
  role = RUSGOV 2000-05-07..2008-05-07 president
bogus XYZ line
  colour = blue
person Nobody
  role = rusgov 2000.. x
";

    #[test]
    fn parses_entities_and_reports_errors() {
        let (mut out, mut diags) = (Vec::new(), Vec::new());
        parse("t.txt", SAMPLE, &mut out, &mut diags);
        assert_eq!(out.len(), 3);
        let kaz = &out[0];
        assert_eq!((kaz.code.as_str(), kaz.name.as_str()), ("KAZ", "Kazakhstan"));
        assert_eq!(kaz.capital.len(), 3);
        assert_eq!(kaz.capital[1].value, "Nur-Sultan");
        assert_eq!(kaz.capital[2].when.to, Date::new(1998, 5, 31).unwrap());
        let putin = &out[1];
        assert_eq!(putin.code_on(Date::new(2001, 1, 1).unwrap()), Some("RUSGOV"));
        assert_eq!(putin.code_on(Date::new(1990, 1, 1).unwrap()), None);
        let origins: Vec<&str> = diags.iter().map(|d| d.origin.as_str()).collect();
        assert_eq!(origins, ["t.txt:10", "t.txt:11", "t.txt:13"]);
    }

    #[test]
    fn ranges() {
        assert!(parse_range("2012-05-07..").unwrap().contains(Date::new(2030, 1, 1).unwrap()));
        assert!(parse_range("2010..2009").is_err());
        let y = parse_range("1997").unwrap();
        assert_eq!((y.from, y.to), (Date::new(1997, 1, 1).unwrap(), Date::new(1997, 12, 31).unwrap()));
        assert!(parse_range("soon").is_err());
        assert!(parse_range("2010-13..").is_err());
        assert_eq!(parse_range("..2008").unwrap().to, Date::new(2008, 12, 31).unwrap());
    }
}
