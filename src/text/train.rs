//! Training the syntax model from CoNLL-U treebanks (`dyad train`).
//!
//! The tagger is trained first. The parser is then trained on predicted tags, as it will see
//! at run time: with `jackknife = k`, the training set is cut in k parts and each part is
//! tagged by a tagger trained on the others. Everything is seeded: the same data and seed
//! give the same model bytes.

use std::path::Path;

use super::conllu::{self, Sentence};
use super::parser::{self, Input};
use super::syntax::Syntax;
use super::tagger::{self, Tag};

/// Options of `dyad train`.
pub struct Options {
    pub seed: u64,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    pub patience: usize,
    pub jackknife: usize,
    pub explore: f64,
    pub min_weight: f32,
    pub verbose: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            tagger_epochs: 12,
            parser_epochs: 15,
            patience: 3,
            jackknife: 0,
            explore: 0.9,
            min_weight: 0.0,
            verbose: false,
        }
    }
}

/// Reads a treebank, keeping complete trees and reporting the rest.
pub fn read_treebank(path: &Path, verbose: bool) -> Result<Vec<Sentence>, String> {
    let (good, bad) = conllu::read_file(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    for e in &bad {
        eprintln!("dyad train: skipped: {e}");
    }
    let total = good.len();
    let trees: Vec<Sentence> = good.into_iter().filter(conllu::is_tree).collect();
    if verbose && trees.len() < total {
        eprintln!("dyad train: {}: {} sentences without a complete tree skipped", path.display(), total - trees.len());
    }
    Ok(trees)
}

fn words(s: &Sentence) -> Vec<&str> {
    s.words.iter().map(|w| w.form.as_str()).collect()
}

fn tag_examples(sents: &[Sentence]) -> Vec<tagger::Example<'_>> {
    sents
        .iter()
        .map(|s| tagger::Example {
            words: words(s),
            tags: s.words.iter().map(|w| Tag { upos: w.upos.clone(), xpos: w.xpos.clone() }).collect(),
        })
        .collect()
}

fn parse_example(s: &Sentence, tags: Option<Vec<&Tag>>) -> parser::Example {
    let input = match tags {
        Some(tags) => s.words.iter().zip(tags).map(|(w, t)| Input::new(&w.form, &t.upos, &t.xpos)).collect(),
        None => s.words.iter().map(|w| Input::new(&w.form, &w.upos, &w.xpos)).collect(),
    };
    parser::Example {
        input,
        heads: s.words.iter().map(|w| w.head.unwrap_or(0)).collect(),
        labels: s.words.iter().map(|w| w.deprel.clone()).collect(),
    }
}

/// Trains a model from parsed treebanks.
pub fn train(train: &[Sentence], dev: &[Sentence], opts: &Options) -> Syntax {
    let tag_opts = tagger::TrainOptions {
        max_epochs: opts.tagger_epochs,
        patience: opts.patience,
        seed: opts.seed,
        min_weight: opts.min_weight,
        both_directions: true,
        verbose: opts.verbose,
    };
    let train_tags = tag_examples(train);
    let dev_tags = tag_examples(dev);
    let tagger = tagger::train(&train_tags, &dev_tags, &tag_opts);
    // Predicted tags for the parser's training data.
    let mut predicted: Vec<Option<Vec<&Tag>>> = vec![None; train.len()];
    let k = opts.jackknife;
    let fold_taggers: Vec<tagger::Tagger> = if k >= 2 {
        (0..k)
            .map(|f| {
                let rest: Vec<tagger::Example> =
                    tag_examples(train).into_iter().enumerate().filter(|(i, _)| i % k != f).map(|(_, e)| e).collect();
                if opts.verbose {
                    eprintln!("jackknife fold {}/{k}", f + 1);
                }
                let o = tagger::TrainOptions {
                    verbose: false,
                    both_directions: false,
                    seed: opts.seed + 1 + f as u64,
                    ..tag_opts
                };
                tagger::train(&rest, &dev_tags, &o)
            })
            .collect()
    } else {
        vec![]
    };
    for (i, s) in train.iter().enumerate() {
        let t = if k >= 2 { &fold_taggers[i % k] } else { &tagger };
        let classes = t.tag(&words(s));
        predicted[i] = Some(classes.into_iter().map(|c| &t.tags[c]).collect());
    }
    let parse_train: Vec<parser::Example> =
        train.iter().zip(predicted).map(|(s, tags)| parse_example(s, tags)).collect();
    let parse_dev: Vec<parser::Example> = dev
        .iter()
        .map(|s| {
            let classes = tagger.tag(&words(s));
            parse_example(s, Some(classes.into_iter().map(|c| &tagger.tags[c]).collect()))
        })
        .collect();
    let parse_opts = parser::TrainOptions {
        max_epochs: opts.parser_epochs,
        patience: opts.patience,
        seed: opts.seed,
        min_weight: opts.min_weight,
        explore: opts.explore,
        verbose: opts.verbose,
    };
    let parser = parser::train(&parse_train, &parse_dev, &parse_opts);
    // What is used is what is saved: weights quantised as in the model file.
    let model = Syntax { tagger, parser };
    Syntax::from_bytes(&model.to_bytes()).expect("a model reads back")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy treebank: determiners, nouns, verbs in fixed patterns.
    fn toy() -> Vec<Sentence> {
        let mut text = String::new();
        let nouns = ["dog", "cat", "man", "bird", "child"];
        let verbs = ["saw", "liked", "chased"];
        let mut id = 0;
        for a in nouns {
            for v in verbs {
                for b in nouns {
                    id += 1;
                    text.push_str(&format!(
                        "# sent_id = {id}\n1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\t{a}\t{a}\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n3\t{v}\t{v}\tVERB\tVBD\t_\t0\troot\t_\t_\n4\ta\ta\tDET\tDT\t_\t5\tdet\t_\t_\n5\t{b}\t{b}\tNOUN\tNN\t_\t3\tobj\t_\t_\n6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n"
                    ));
                }
            }
        }
        conllu::Reader::new(text.as_bytes(), "toy").collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn tiny_training_beats_the_majority_baseline_and_is_reproducible() {
        let data = toy();
        let (train_set, dev_set) = data.split_at(60);
        let opts = Options { tagger_epochs: 3, parser_epochs: 4, ..Options::default() };
        let model = train(train_set, dev_set, &opts);
        // Majority baselines: the most frequent tag (NOUN or DET, 2 of 6 words) and the
        // most frequent head.
        let (mut right_tag, mut right_head, mut n) = (0, 0, 0);
        for s in dev_set {
            let p = model.analyze(&words(s));
            for (i, w) in s.words.iter().enumerate() {
                right_tag += (p.upos[i] == w.upos) as usize;
                right_head += (Some(p.head[i]) == w.head) as usize;
                n += 1;
            }
        }
        assert!(right_tag as f64 / n as f64 > 2.0 / 6.0 + 0.3, "tagging {right_tag}/{n}");
        assert!(right_head as f64 / n as f64 > 3.0 / 6.0 + 0.3, "heads {right_head}/{n}");
        // Same seed, same bytes; the bytes load back to the same analyses.
        let again = train(train_set, dev_set, &opts);
        let bytes = model.to_bytes();
        assert_eq!(bytes, again.to_bytes());
        let loaded = Syntax::from_bytes(&bytes).unwrap();
        for s in dev_set {
            assert_eq!(loaded.analyze(&words(s)), model.analyze(&words(s)));
        }
        assert!(Syntax::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        assert!(Syntax::from_bytes(b"garbage").is_err());
    }
}
