//! Property tests: the parsers never panic and keep their invariants on any input.

use std::sync::OnceLock;

use dyad::knowledge::Knowledge;
use dyad::model::Date;
use dyad::text::{self, normalize, sentences, tokens};
use proptest::prelude::*;

fn kb() -> &'static Knowledge {
    static KB: OnceLock<Knowledge> = OnceLock::new();
    KB.get_or_init(Knowledge::builtin)
}

/// Text that looks like news often enough to exercise the coder: words from the
/// dictionaries, punctuation, quotes, numbers, odd Unicode.
fn newsish() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("Russia".to_string()),
        Just("Kazakhstan".to_string()),
        Just("Putin".to_string()),
        Just("President".to_string()),
        Just("of".to_string()),
        Just("and".to_string()),
        Just("the".to_string()),
        Just("signed".to_string()),
        Just("visited".to_string()),
        Just("agreement".to_string()),
        Just("were".to_string()),
        Just("by".to_string()),
        Just("not".to_string()),
        Just("in".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just("\u{201C}".to_string()),
        Just("U.S.".to_string()),
        Just("$28.5".to_string()),
        Just("\n".to_string()),
        "[a-zA-Z\u{e9}\u{2019}\u{2014}-]{1,8}",
        any::<String>(),
    ];
    prop::collection::vec(word, 0..60).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn normalize_keeps_character_count(s in any::<String>()) {
        prop_assert_eq!(normalize::normalize(&s).chars().count(), s.chars().count());
    }

    #[test]
    fn tokens_are_ordered_nonempty_and_cover_the_text(s in any::<String>()) {
        let n = normalize::normalize(&s);
        let toks = tokens::tokenize(&n);
        let mut last = 0;
        for t in &toks {
            prop_assert!(t.start >= last && t.start < t.end && t.end <= n.len());
            prop_assert!(n.is_char_boundary(t.start) && n.is_char_boundary(t.end));
            prop_assert!(!n[t.start..t.end].chars().any(char::is_whitespace));
            last = t.end;
        }
        let covered: usize = toks.iter().map(|t| n[t.start..t.end].chars().count()).sum();
        prop_assert_eq!(covered, n.chars().filter(|c| !c.is_whitespace()).count());
    }

    #[test]
    fn sentences_partition_the_tokens(s in newsish()) {
        let toks = tokens::tokenize(&normalize::normalize(&s));
        let parts = sentences::split(&toks);
        let mut next = 0;
        for (a, b) in parts {
            prop_assert_eq!(a, next);
            prop_assert!(b > a && b - a <= sentences::MAX_TOKENS);
            next = b;
        }
        prop_assert_eq!(next, toks.len());
    }

    #[test]
    fn documents_stay_in_bounds(s in newsish()) {
        let d = text::analyze(&s);
        for sent in &d.sentences {
            prop_assert!(sent.start < sent.end && sent.end <= d.text.len());
            prop_assert!(!sent.tokens.is_empty());
        }
    }

    #[test]
    fn coding_never_panics_and_spans_are_exact(s in newsish(), day in 0i64..20000) {
        let date = Date::from_days(day);
        let article = dyad::model::Article { id: "p".into(), text: s, ..Default::default() };
        let coded = dyad::pipeline::code(kb(), &article, date);
        for e in &coded.events {
            let chars: Vec<char> = e.evidence.sentence.chars().collect();
            for span in [&e.evidence.source, &e.evidence.target, &e.evidence.trigger] {
                prop_assert!(span.start <= span.end && span.end <= chars.len());
                prop_assert_eq!(chars[span.start..span.end].iter().collect::<String>(), span.text.clone());
            }
            prop_assert_ne!(&e.source, &e.target);
        }
    }

    #[test]
    fn json_records_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = dyad::ingest::parse_record(&bytes, "f:1");
    }

    #[test]
    fn dictionary_parsers_never_panic(s in "(country|person|agent|org|region|verb|[0-9]{3}|---|  [a-z]+ =|[A-Z]{3}|\\.\\.|[$+|():]|[a-z]+|\n| ){0,40}") {
        let kb = Knowledge::from_files(vec![("f.txt".into(), s)], Vec::new());
        for d in &kb.diagnostics {
            prop_assert!(d.origin.starts_with("f.txt"));
        }
    }

    #[test]
    fn dates_round_trip(y in 1i32..9999, m in 1u8..=12, d in 1u8..=28) {
        let date = Date::new(y, m, d).unwrap();
        prop_assert_eq!(Date::parse(&date.to_string()), Some(date));
    }

    #[test]
    fn parses_are_trees(words in prop::collection::vec("(the|a|Putin|visited|Kazakhstan|and|of|said|,|\\.|\"|\\(|[a-zA-Z]{1,12}|[0-9]{1,4}|[^ \t\n]{1,3})", 1..60)) {
        let syntax = dyad::text::syntax::Syntax::builtin();
        // The parse includes the re-attachment ranker's moves.
        prop_assert!(syntax.ranker.is_some());
        let refs: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
        let p = syntax.analyze(&refs);
        let n = words.len();
        prop_assert_eq!((p.upos.len(), p.xpos.len(), p.head.len(), p.deprel.len()), (n, n, n, n));
        // One root, every word has a head inside the sentence, no cycles.
        prop_assert_eq!(p.head.iter().filter(|&&h| h == 0).count(), 1);
        for (i, &h) in p.head.iter().enumerate() {
            prop_assert!(h <= n && h != i + 1);
            prop_assert_eq!(h == 0, p.deprel[i] == "root");
            let (mut cur, mut steps) = (i + 1, 0);
            while cur != 0 {
                cur = p.head[cur - 1];
                steps += 1;
                prop_assert!(steps <= n, "cycle through word {}", i + 1);
            }
        }
    }

    #[test]
    fn conllu_reader_never_panics(s in "([0-9]{1,2}|-|\\.|_|#|[a-z]{1,4}|\t|\n| ){0,80}") {
        for sent in dyad::text::conllu::Reader::new(s.as_bytes(), "p.conllu") {
            match sent {
                Ok(sent) => {
                    let mut out = String::new();
                    sent.write(&mut out);
                    prop_assert!(!sent.words.is_empty());
                }
                Err(e) => prop_assert!(e.starts_with("p.conllu:")),
            }
        }
    }
}
