//! Discard dictionaries (PETRARCH): phrases that mark a sentence (or, with `+`, a whole
//! story) as not political news: sports results, entertainment.
//!
//! ```text
//! WEEKS AGO          a sentence discard
//! +FIRST SEED        a story discard
//! ```

use super::{Diagnostic, PhraseIndex, phrase};

#[derive(Default, Debug)]
pub struct Discards {
    /// Payload: 1 for a story discard, 0 for a sentence discard.
    pub index: PhraseIndex,
    /// The phrases as written, for messages.
    pub names: Vec<String>,
}

pub fn parse(file: &str, text: &str, out: &mut Discards, diags: &mut Vec<Diagnostic>) {
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (story, body) = match line.strip_prefix('+') {
            Some(b) => (true, b.trim()),
            None => (false, line),
        };
        if body.is_empty() || body.contains(['[', ']']) {
            diags.push(Diagnostic {
                origin: format!("{file}:{}", n + 1),
                message: "a discard is a phrase (+ for a story discard); line skipped".into(),
            });
            continue;
        }
        let words = phrase(body);
        out.index.insert(words, out.names.len() as u32 * 2 + story as u32);
        out.names.push(body.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_discards() {
        let mut d = Discards::default();
        let mut diags = Vec::new();
        parse("t.txt", "# comment\nWEEKS AGO\n+FIRST SEED\n+\nBAD [X]\n", &mut d, &mut diags);
        assert_eq!(d.names, vec!["WEEKS AGO", "FIRST SEED"]);
        let mut found = Vec::new();
        d.index.matches_at(&["FIRST", "SEED"], |n, p, _| found.push((n, p)));
        assert_eq!(found, vec![(2, 3)]);
        assert_eq!(diags.iter().map(|d| d.origin.as_str()).collect::<Vec<_>>(), vec!["t.txt:4", "t.txt:5"]);
    }
}
