//! Training the syntax model from CoNLL-U treebanks (`dyad train`).
//!
//! The tagger is trained first. The parser is then trained on predicted tags, as it will see
//! at run time: with `jackknife = k`, the training set is cut in k parts and each part is
//! tagged by a tagger trained on the others. Last, the re-attachment ranker
//! (`reattach.rs`) is trained on the training sentences as parsed by k parsers, each trained
//! without the part it parses. Everything is seeded: the same data and seed give the same
//! model bytes.

use std::path::Path;

use super::conllu::{self, Sentence};
use super::parser::{self, Input};
use super::reattach;
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
    /// Epochs of the re-attachment ranker (0: none).
    pub reattach_epochs: usize,
    /// Which words the ranker reconsiders.
    pub reattach_scope: reattach::Scope,
    /// Weight pruning of the ranker.
    pub reattach_min_weight: f32,
    /// Most epochs of the parsers trained for the ranker's data.
    pub fold_parser_epochs: usize,
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
            reattach_epochs: 0,
            reattach_scope: reattach::Scope::All,
            reattach_min_weight: 0.0,
            fold_parser_epochs: 8,
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

fn tagger_options(opts: &Options) -> tagger::TrainOptions {
    tagger::TrainOptions {
        max_epochs: opts.tagger_epochs,
        patience: opts.patience,
        seed: opts.seed,
        min_weight: opts.min_weight,
        both_directions: true,
        verbose: opts.verbose,
    }
}

/// Tags of the training sentences as predicted by taggers trained without them (with
/// `jackknife < 2`, by `tagger`).
fn jackknife_tags(train: &[Sentence], dev: &[Sentence], tagger: &tagger::Tagger, opts: &Options) -> Vec<Vec<Tag>> {
    let tag_opts = tagger_options(opts);
    let dev_tags = tag_examples(dev);
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
    train
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let t = if k >= 2 { &fold_taggers[i % k] } else { tagger };
            t.tag(&words(s)).into_iter().map(|c| t.tags[c].clone()).collect()
        })
        .collect()
}

/// Trains a model from parsed treebanks.
pub fn train(train: &[Sentence], dev: &[Sentence], opts: &Options) -> Syntax {
    let tagger = tagger::train(&tag_examples(train), &tag_examples(dev), &tagger_options(opts));
    // Predicted tags for the parser's training data.
    let tags = jackknife_tags(train, dev, &tagger, opts);
    let parse_train: Vec<parser::Example> =
        train.iter().zip(&tags).map(|(s, t)| parse_example(s, Some(t.iter().collect()))).collect();
    let parse_dev = dev_examples(&tagger, dev);
    let parser = parser::train(&parse_train, &parse_dev, &parser_options(opts, opts.parser_epochs, opts.seed));
    // What is used is what is saved: weights quantised as in the model file.
    let model = Syntax { tagger, parser, ranker: None };
    let model = Syntax::from_bytes(&model.to_bytes()).expect("a model reads back");
    add_ranker(model, train, dev, &tags, &parse_train, opts)
}

fn dev_examples(tagger: &tagger::Tagger, dev: &[Sentence]) -> Vec<parser::Example> {
    dev.iter()
        .map(|s| {
            let classes = tagger.tag(&words(s));
            parse_example(s, Some(classes.into_iter().map(|c| &tagger.tags[c]).collect()))
        })
        .collect()
}

fn parser_options(opts: &Options, epochs: usize, seed: u64) -> parser::TrainOptions {
    parser::TrainOptions {
        max_epochs: epochs,
        patience: opts.patience,
        seed,
        min_weight: opts.min_weight,
        explore: opts.explore,
        verbose: opts.verbose,
    }
}

/// Trains the re-attachment ranker of a model (replacing any it has), keeping its tagger
/// and parser (`dyad train --reuse`).
pub fn train_ranker(model: Syntax, train: &[Sentence], dev: &[Sentence], opts: &Options) -> Syntax {
    if opts.reattach_epochs == 0 {
        return Syntax { ranker: None, ..model };
    }
    let tags = jackknife_tags(train, dev, &model.tagger, opts);
    let parse_train: Vec<parser::Example> =
        train.iter().zip(&tags).map(|(s, t)| parse_example(s, Some(t.iter().collect()))).collect();
    add_ranker(model, train, dev, &tags, &parse_train, opts)
}

/// Trains the re-attachment ranker on the training sentences as parsed by parsers trained
/// without them (jackknifing, as for the tags), picking its epoch by UAS on `dev` as tagged
/// and parsed by the model. With `reattach_epochs == 0` the model gets no ranker.
fn add_ranker(
    mut model: Syntax,
    train: &[Sentence],
    dev: &[Sentence],
    tags: &[Vec<Tag>],
    parse_train: &[parser::Example],
    opts: &Options,
) -> Syntax {
    model.ranker = None;
    if opts.reattach_epochs == 0 {
        return model;
    }
    let trees = fold_trees(&model, dev, parse_train, opts);
    fit_ranker(model, train, dev, tags, &trees, opts)
}

/// Heads and relations of the training sentences from parsers trained without them.
fn fold_trees(
    model: &Syntax,
    dev: &[Sentence],
    parse_train: &[parser::Example],
    opts: &Options,
) -> Vec<(Vec<usize>, Vec<String>)> {
    let parse_dev = dev_examples(&model.tagger, dev);
    let k = opts.jackknife.max(2);
    let mut trees: Vec<(Vec<usize>, Vec<String>)> = vec![(vec![], vec![]); parse_train.len()];
    for f in 0..k {
        let rest: Vec<parser::Example> = parse_train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != f)
            .map(|(_, e)| parser::Example { input: e.input.clone(), heads: e.heads.clone(), labels: e.labels.clone() })
            .collect();
        let o = parser::TrainOptions {
            verbose: false,
            ..parser_options(opts, opts.fold_parser_epochs, opts.seed + 1 + f as u64)
        };
        let p = parser::train(&rest, &parse_dev, &o);
        if opts.verbose {
            let (uas, las) = parser::attachment(&p, &parse_dev);
            eprintln!("parser fold {}/{k}: dev UAS {:.2}%  LAS {:.2}%", f + 1, 100.0 * uas, 100.0 * las);
        }
        for i in (f..parse_train.len()).step_by(k) {
            let t = p.parse(&parse_train[i].input);
            trees[i] = (t.heads, t.labels.iter().map(|&l| p.labels[l].clone()).collect());
        }
    }
    trees
}

fn fit_ranker(
    mut model: Syntax,
    train: &[Sentence],
    dev: &[Sentence],
    tags: &[Vec<Tag>],
    trees: &[(Vec<usize>, Vec<String>)],
    opts: &Options,
) -> Syntax {
    // Dev as the model tags and parses it, without a ranker.
    struct Parsed {
        words: Vec<String>,
        upos: Vec<String>,
        xpos: Vec<String>,
        deprel: Vec<String>,
        heads: Vec<usize>,
        gold: Vec<usize>,
    }
    let owned = |v: &[&str]| -> Vec<String> { v.iter().map(|x| x.to_string()).collect() };
    let dev_parsed: Vec<Parsed> = dev
        .iter()
        .map(|s| {
            let w = words(s);
            let p = model.analyze(&w);
            Parsed {
                words: owned(&w),
                upos: owned(&p.upos),
                xpos: owned(&p.xpos),
                deprel: owned(&p.deprel),
                heads: p.head.clone(),
                gold: s.words.iter().map(|w| w.head.unwrap_or(0)).collect(),
            }
        })
        .collect();
    fn refs(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let uas = |ranker: Option<&reattach::Ranker>| -> f64 {
        let (mut right, mut n) = (0usize, 0usize);
        for p in &dev_parsed {
            let (w, u, x, d) = (refs(&p.words), refs(&p.upos), refs(&p.xpos), refs(&p.deprel));
            let s = reattach::Sentence { forms: &w, upos: &u, xpos: &x, deprel: &d };
            let mut heads = p.heads.clone();
            if let Some(r) = ranker {
                r.reattach(&s, &mut heads);
            }
            right += heads.iter().zip(&p.gold).filter(|(a, b)| a == b).count();
            n += heads.len();
        }
        right as f64 / n.max(1) as f64
    };
    let cols: Vec<[Vec<&str>; 4]> = train
        .iter()
        .zip(tags)
        .zip(trees)
        .map(|((s, t), (_, rels))| {
            [
                words(s),
                t.iter().map(|t| t.upos.as_str()).collect(),
                t.iter().map(|t| t.xpos.as_str()).collect(),
                rels.iter().map(String::as_str).collect(),
            ]
        })
        .collect();
    let examples: Vec<reattach::Example> = train
        .iter()
        .zip(&cols)
        .zip(trees)
        .map(|((s, [w, u, x, d]), (heads, _))| reattach::Example {
            sentence: reattach::Sentence { forms: w, upos: u, xpos: x, deprel: d },
            heads: heads.clone(),
            gold: s.words.iter().map(|w| w.head.unwrap_or(0)).collect(),
        })
        .collect();
    if opts.verbose {
        let (mut right, mut n) = (0, 0);
        for e in &examples {
            right += e.heads.iter().zip(&e.gold).filter(|(a, b)| a == b).count();
            n += e.gold.len();
        }
        eprintln!(
            "re-attachment: train UAS of the fold parsers {:.2}%; dev UAS without the ranker {:.2}%",
            100.0 * right as f64 / n.max(1) as f64,
            100.0 * uas(None)
        );
    }
    let ropts = reattach::TrainOptions {
        epochs: opts.reattach_epochs,
        scope: opts.reattach_scope,
        seed: opts.seed,
        min_weight: opts.reattach_min_weight,
        verbose: opts.verbose,
    };
    let ranker = reattach::train(&examples, &ropts, |r| uas(Some(r)));
    model.ranker = Some(ranker);
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
        let opts = Options {
            tagger_epochs: 3,
            parser_epochs: 4,
            reattach_epochs: 2,
            fold_parser_epochs: 2,
            ..Options::default()
        };
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
        assert!(model.ranker.is_some());
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
