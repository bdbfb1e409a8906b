//! Issue dictionaries (PETRARCH `Phoenix.IssueCoding.txt`): phrases that tag a sentence's
//! events with a topic.
//!
//! ```text
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
//! n:teacher [TEACHERS]          `n:` a noun: also its plural
//! pre+k [EARLY_CHILDHOOD_EDUCATION]   `+` joins with a hyphen, a space or nothing
//! ~a head start                 `~` a phrase that blocks the issue
//! </ISSUE>
//! ```

use super::{Diagnostic, Mode, PhraseIndex, Word};

#[derive(Clone, Debug)]
pub struct Issue {
    pub code: String,
    pub category: String,
}

#[derive(Default, Debug)]
pub struct Issues {
    pub issues: Vec<Issue>,
    /// Payload: index into `issues`, or `u32::MAX` for a blocking phrase.
    pub index: PhraseIndex,
}

fn words_of(body: &str) -> Vec<Vec<Word>> {
    // Each `+` yields the hyphenated and the split spellings.
    let mut variants: Vec<String> = vec![String::new()];
    for (i, tok) in body.split_whitespace().enumerate() {
        // `n:` (a noun) and `v:` (a verb) mark the word class; the word is matched as written.
        let tok = tok.strip_prefix("n:").or_else(|| tok.strip_prefix("v:")).unwrap_or(tok);
        let tok = tok.replace("n:", "").replace("v:", "");
        let forms: Vec<String> = if tok.contains('+') {
            vec![tok.replace('+', "-"), tok.replace('+', " "), tok.replace('+', "")]
        } else {
            vec![tok.clone()]
        };
        let mut next = Vec::new();
        for v in &variants {
            for f in &forms {
                next.push(if i == 0 { f.clone() } else { format!("{v} {f}") });
            }
        }
        variants = next;
    }
    variants
        .iter()
        .map(|v| {
            let ws: Vec<&str> = v.split_whitespace().collect();
            let n = ws.len();
            ws.iter()
                .enumerate()
                .map(|(i, w)| Word { text: w.to_uppercase(), mode: Mode::Exact, joined: i + 1 < n, preposition: false })
                .collect()
        })
        .filter(|w: &Vec<Word>| !w.is_empty())
        .collect()
}

pub fn parse(file: &str, text: &str, out: &mut Issues, diags: &mut Vec<Diagnostic>) {
    let mut category: Option<String> = None;
    let mut last_cat: Option<String> = None;
    for (n, raw) in text.lines().enumerate() {
        let origin = format!("{file}:{}", n + 1);
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("</ISSUE") {
            category = None;
            continue;
        }
        if let Some(rest) = line.strip_prefix("<ISSUE") {
            let cat = rest.split("CATEGORY=\"").nth(1).and_then(|r| r.split('"').next());
            match cat {
                Some(c) if !c.is_empty() => category = Some(c.to_string()),
                _ => diags.push(Diagnostic { origin, message: "<ISSUE> without CATEGORY; block skipped".into() }),
            }
            continue;
        }
        let Some(cat) = category.clone() else {
            diags.push(Diagnostic { origin, message: "issue phrase outside <ISSUE> block; line skipped".into() });
            continue;
        };
        if let Some(block) = line.strip_prefix('~') {
            for w in words_of(block) {
                out.index.insert(w, u32::MAX);
            }
            continue;
        }
        let Some((body, code)) = line.split_once('[') else {
            // A phrase without a code is another spelling of the phrase before it.
            match out.issues.len().checked_sub(1).filter(|_| last_cat.as_deref() == Some(cat.as_str())) {
                Some(id) => {
                    for w in words_of(line) {
                        out.index.insert(w, id as u32);
                    }
                }
                // A block whose phrases carry no codes (`TYPE="COUNTEVENT"`) codes its
                // category.
                None => {
                    last_cat = Some(cat.clone());
                    let id = out.issues.len() as u32;
                    out.issues.push(Issue { code: cat.clone(), category: cat });
                    for w in words_of(line) {
                        out.index.insert(w, id);
                    }
                }
            }
            continue;
        };
        last_cat = Some(cat.clone());
        let code = code.trim().trim_end_matches(']').trim();
        if code.is_empty() || body.trim().is_empty() || !line.trim_end().ends_with(']') {
            diags.push(Diagnostic { origin, message: "an issue line is PHRASE [CODE]; line skipped".into() });
            continue;
        }
        let id = out.issues.len() as u32;
        out.issues.push(Issue { code: code.to_string(), category: cat });
        for w in words_of(body) {
            out.index.insert(w, id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_issues() {
        let text = "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:teacher [TEACHERS]\npre+k [ECE]\n~a head start\n\
other spelling\n</ISSUE>\nstray [X]\n<ISSUE TYPE=\"ALL\">\n";
        let mut i = Issues::default();
        let mut d = Vec::new();
        parse("t.txt", text, &mut i, &mut d);
        assert_eq!(i.issues.len(), 2);
        let mut hits = Vec::new();
        i.index.matches_at(&["TEACHERS"], |n, p, _| hits.push((n, p)));
        assert_eq!(hits, vec![(1, 0)]);
        hits.clear();
        i.index.matches_at(&["PRE-K"], |n, p, _| hits.push((n, p)));
        assert_eq!(hits, vec![(1, 1)]);
        let lines: Vec<&str> = d.iter().map(|x| x.origin.as_str()).collect();
        assert_eq!(lines, vec!["t.txt:7", "t.txt:8"]);
        hits.clear();
        i.index.matches_at(&["OTHER", "SPELLING"], |n, p, _| hits.push((n, p)));
        assert_eq!(hits, vec![(2, 1)]);
    }
}
