//! Property tests of the legacy (TABARI / PETRARCH2) dictionary parsers and coder: any input
//! is read without a panic, and every diagnostic names the file and a line that exists.

use dyad::knowledge::Knowledge;
use dyad::knowledge::legacy::{Dictionaries, Kind, load_text};
use dyad::model::{Article, Date};
use proptest::prelude::*;

/// Lines that look like dictionary lines often enough to reach the parsers' corners.
fn dictish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("ARNOR".to_string()),
        Just("[ARN]".to_string()),
        Just("[HOB < 950601]".to_string()),
        Just("[GOV 950601 - 990815]".to_string()),
        Just("[~GOV]".to_string()),
        Just("[NGO~]".to_string()),
        Just("[032:033]".to_string()),
        Just("[---]".to_string()),
        Just("[###]".to_string()),
        Just("- * FOR { A | B }".to_string()),
        Just("- $ ^ + % *".to_string()),
        Just("&SYN".to_string()),
        Just("+MEMBER".to_string()),
        Just("{ FORM_ FORMED }".to_string()),
        Just("---  VERB   [020]  ---".to_string()),
        Just("!PERSON! = MAN, MEN".to_string()),
        Just("<ISSUE CATEGORY=\"X\">".to_string()),
        Just("</ISSUE>".to_string()),
        Just("<SYNSETS>".to_string()),
        Just("<NOUN>".to_string()),
        Just("n:word [CODE]".to_string()),
        Just("~ a (a b X) Y = a b 015".to_string()),
        Just("\t".to_string()),
        Just("_".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\n".to_string()),
        "[A-Z_~=&+*${}()|\\[\\]<>!:;# -]{1,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

const KINDS: [Kind; 8] = [
    Kind::TabariVerbs,
    Kind::PetrarchVerbs,
    Kind::Actors,
    Kind::Agents,
    Kind::Discards,
    Kind::Issues,
    Kind::Options,
    Kind::Project,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn parsers_never_panic_and_name_lines(text in dictish()) {
        let lines = text.lines().count().max(1);
        for kind in KINDS {
            let mut d = Dictionaries::default();
            load_text(&mut d, "f.txt", &text, kind);
            d.verbs.finish();
            for diag in &d.diagnostics {
                let line: usize = diag.origin.rsplit(':').next().and_then(|n| n.parse().ok()).unwrap_or(0);
                prop_assert!(diag.origin.starts_with("f.txt:"), "{}", diag);
                prop_assert!(line >= 1 && line <= lines, "{} (of {} lines)", diag, lines);
            }
        }
    }

    #[test]
    fn coder_never_panics(dict in dictish(), text in any::<String>()) {
        let mut d = Dictionaries::default();
        load_text(&mut d, "a.actors", "ARNOR [ARN]\nGONDOR [GON]\n", Kind::Actors);
        load_text(&mut d, "v.verbs", &format!("RESTOR [064]\n{dict}\n"), Kind::TabariVerbs);
        load_text(&mut d, "a.agents", &dict, Kind::Agents);
        d.verbs.finish();
        let kb = Knowledge::from_files(Vec::new(), Vec::new());
        let text = format!("Arnor restored ties with Gondor. {text}");
        let article = Article { id: "p".into(), text: text.clone(), ..Default::default() };
        let doc = dyad::text::analyze(&text);
        let coded = dyad::coding::legacy::code_article(&d, &kb, &article, doc, Date::new(1995, 1, 1).unwrap());
        for e in &coded.events {
            prop_assert!(!e.code.is_empty());
            prop_assert!(e.evidence.trigger.end >= e.evidence.trigger.start);
        }
    }
}
