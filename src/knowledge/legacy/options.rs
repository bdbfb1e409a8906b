//! TABARI `.options` and `.project` files, read for reference: the settings the coder honours
//! (`SET: CODE BY CLAUSE|SENTENCE|ALL`, `SET: MINIMUM WORDS = N`), those it reads but does not
//! apply yet (`DEFAULT: SOURCE/TARGET`, `LABEL:` names) and the files a project names.

use std::collections::BTreeMap;

use super::Diagnostic;

/// How many events a sentence may give.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CodeBy {
    /// One event per clause (TABARI's default).
    #[default]
    Clause,
    /// One event per sentence.
    Sentence,
    /// Every verb.
    All,
}

/// TABARI's minimum sentence length when the options do not set one.
pub const TABARI_MINIMUM_WORDS: usize = 8;

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub code_by: CodeBy,
    /// Sentences with fewer words are not coded.
    pub minimum_words: Option<usize>,
    pub default_source: Option<String>,
    pub default_target: Option<String>,
    /// `LABEL: 064=...` names of codes.
    pub labels: BTreeMap<String, String>,
    /// Other `SET:`/`COMPLEX:` lines, as written.
    pub other: Vec<String>,
    /// Code an agent without an actor as written (`~MIL`): TABARI's agent conversion, on
    /// when TABARI verb dictionaries are loaded; otherwise PETRARCH2's `---MIL`.
    pub agent_alone: bool,
    /// TABARI's shallow rules where PETRARCH2 reads a parse instead: with no actor after the
    /// verb, the actor between subject and verb is the target. On when TABARI verb
    /// dictionaries are loaded.
    pub tabari_rules: bool,
    /// Files a `.project` names: tag → file.
    pub project: BTreeMap<String, String>,
}

pub fn parse(file: &str, text: &str, out: &mut Options, diags: &mut Vec<Diagnostic>) {
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with("~~") {
            break;
        }
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            diags.push(Diagnostic {
                origin: format!("{file}:{}", n + 1),
                message: "not KEY: VALUE; line skipped".into(),
            });
            continue;
        };
        let key = key.trim().to_uppercase();
        let value = value.trim();
        let upper = value.to_uppercase();
        match key.as_str() {
            "LABEL" => {
                if let Some((c, name)) = value.split_once('=') {
                    out.labels.insert(c.trim().to_string(), name.trim().to_string());
                }
            }
            "SET" if upper.starts_with("CODE BY CLAUSE") => out.code_by = CodeBy::Clause,
            "SET" if upper.starts_with("CODE BY SENTENCE") => out.code_by = CodeBy::Sentence,
            "SET" if upper.starts_with("CODE ALL") => out.code_by = CodeBy::All,
            "SET" if upper.starts_with("MINIMUM WORDS") => {
                match upper.split('=').nth(1).and_then(|v| v.trim().parse().ok()) {
                    Some(v) => out.minimum_words = Some(v),
                    None => diags.push(Diagnostic {
                        origin: format!("{file}:{}", n + 1),
                        message: "MINIMUM WORDS needs = N; line skipped".into(),
                    }),
                }
            }
            "DEFAULT" => {
                let mut it = upper.split_whitespace();
                match (it.next(), it.next()) {
                    (Some("SOURCE"), Some(c)) => out.default_source = Some(c.trim_matches(['[', ']']).to_string()),
                    (Some("TARGET"), Some(c)) => out.default_target = Some(c.trim_matches(['[', ']']).to_string()),
                    (Some("OFF"), _) => {
                        out.default_source = None;
                        out.default_target = None;
                    }
                    _ => out.other.push(line.to_string()),
                }
            }
            _ => out.other.push(line.to_string()),
        }
    }
}

/// A `.project` file: `<tag> file` lines.
pub fn parse_project(_file: &str, text: &str, out: &mut Options, _diags: &mut Vec<Diagnostic>) {
    for line in text.lines() {
        let l = line.trim();
        if let Some(rest) = l.strip_prefix('<')
            && let Some((tag, value)) = rest.split_once('>')
            && tag.ends_with("file")
        {
            out.project.insert(tag.to_string(), value.trim().to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options() {
        let text = "// comment\nSET: CODE ALL\nSET: MINIMUM WORDS = 5\nLABEL: 064=RESTORE\nDEFAULT: SOURCE DEFSRC\n\
SET: MINIMUM WORDS = x\nnonsense\n";
        let mut o = Options::default();
        let mut d = Vec::new();
        parse("v.options", text, &mut o, &mut d);
        assert_eq!(o.code_by, CodeBy::All);
        assert_eq!(o.minimum_words, Some(5));
        assert_eq!(o.labels.get("064").map(String::as_str), Some("RESTORE"));
        assert_eq!(o.default_source.as_deref(), Some("DEFSRC"));
        let lines: Vec<&str> = d.iter().map(|x| x.origin.as_str()).collect();
        assert_eq!(lines, vec!["v.options:6", "v.options:7"]);
        parse_project("v.project", "<actorsfile> \tTABARI.Demo.actors\n<coder> X\n", &mut o, &mut d);
        assert_eq!(o.project.get("actorsfile").map(String::as_str), Some("TABARI.Demo.actors"));
    }
}
