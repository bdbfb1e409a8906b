//! Part-of-speech tagger: an averaged perceptron over joint UPOS+XPOS tags, tagging left to
//! right with the two previous predicted tags, word forms in a window of five, prefixes,
//! suffixes and word shapes, plus a dictionary of frequent unambiguous words.

use std::collections::HashMap;

use super::perceptron::{ByteReader, Model, Rng, Trainer, feat, feat2, feat3, hash_str, put_str, put_varint};

/// The tagger's word-level view of one token, precomputed once per sentence.
#[derive(Clone, Copy)]
struct WordInfo {
    /// The word's ambiguity class: the set of tags it has in the training data (frequent
    /// words only), or 0.
    amb: u64,
    form: u64,
    lower: u64,
    pre: [u64; 3],
    suf: [u64; 4],
    shape: u64,
    flags: u64,
}

fn sentinel(n: u64) -> WordInfo {
    WordInfo { amb: n, form: n, lower: n, pre: [n; 3], suf: [n; 4], shape: n, flags: n }
}

/// The word shape: letters as `X`/`x`, digits as `d`, runs cut at two (`Xxx-dd`).
fn shape(s: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in s.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if m == last {
            run += 1;
        } else {
            run = 0;
            last = m;
        }
        if run < 2 {
            out.push(m);
        }
    }
    out
}

fn word_info(w: &str) -> WordInfo {
    let lower = w.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    let prefix = |k: usize| -> u64 { hash_str(&chars[..k.min(n)].iter().collect::<String>()) };
    let suffix = |k: usize| -> u64 { hash_str(&chars[n.saturating_sub(k)..].iter().collect::<String>()) };
    let mut flags = 0u64;
    if w.contains('-') {
        flags |= 1;
    }
    if w.chars().any(|c| c.is_ascii_digit()) {
        flags |= 2;
    }
    if w.chars().next().is_some_and(char::is_uppercase) {
        flags |= 4;
    }
    if w.chars().all(|c| !c.is_alphanumeric()) {
        flags |= 8;
    }
    if w.contains('@') || w.contains("://") || w.starts_with("www.") {
        flags |= 16;
    }
    WordInfo {
        amb: 0,
        form: hash_str(w),
        lower: hash_str(&lower),
        pre: [prefix(1), prefix(2), prefix(3)],
        suf: [suffix(1), suffix(2), suffix(3), suffix(4)],
        shape: hash_str(&shape(w)),
        flags,
    }
}

const BOS: u64 = 0xB05;
/// Fewest occurrences for a word to get an ambiguity class.
const AMB_MIN: usize = 3;
const EOS: u64 = 0xE05;

/// Context of one sentence: two sentinels on each side.
fn context(words: &[&str], amb: &HashMap<String, u64>) -> Vec<WordInfo> {
    let mut ctx = Vec::with_capacity(words.len() + 4);
    ctx.push(sentinel(BOS + 1));
    ctx.push(sentinel(BOS));
    ctx.extend(words.iter().map(|w| {
        let mut info = word_info(w);
        info.amb = amb.get(&w.to_lowercase()).copied().unwrap_or(0);
        info
    }));
    ctx.push(sentinel(EOS));
    ctx.push(sentinel(EOS + 1));
    ctx
}

/// Features of word `i` (index into the sentence), given the two previous tags.
fn features(ctx: &[WordInfo], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let c = i + 2;
    let w = &ctx[c];
    let (m2, m1, n1, n2) = (&ctx[c - 2], &ctx[c - 1], &ctx[c + 1], &ctx[c + 2]);
    out.extend_from_slice(&[
        feat(0, 0),
        feat(1, w.form),
        feat(2, w.lower),
        feat(3, w.pre[0]),
        feat(4, w.pre[1]),
        feat(5, w.pre[2]),
        feat(6, w.suf[0]),
        feat(7, w.suf[1]),
        feat(8, w.suf[2]),
        feat(9, w.suf[3]),
        feat(10, w.shape),
        feat(11, w.flags),
        feat(12, p1),
        feat2(13, p1, p2),
        feat(14, p2),
        feat2(15, p1, w.lower),
        feat(16, m1.lower),
        feat(17, m1.suf[2]),
        feat(18, m2.lower),
        feat(19, n1.lower),
        feat(20, n1.suf[2]),
        feat(21, n2.lower),
        feat2(22, m1.lower, w.lower),
        feat2(23, w.lower, n1.lower),
        feat(24, n1.shape),
        feat(25, m1.shape),
        feat2(26, p1, n1.lower),
        feat3(27, p1, w.suf[2], n1.suf[1]),
        feat2(28, w.suf[2], n1.lower),
        feat2(29, m1.lower, n1.lower),
        feat2(30, p1, w.shape),
        feat(31, n1.suf[0]),
        feat2(32, w.shape, n1.shape),
        feat2(33, w.flags, p1),
        feat(34, w.amb),
        feat(35, n1.amb),
        feat(36, n2.amb),
        feat2(37, p1, w.amb),
        feat2(38, w.amb, n1.amb),
        feat3(39, w.amb, n1.amb, n2.amb),
        feat2(40, m1.amb, w.amb),
        feat2(41, w.lower, n1.amb),
    ]);
}

/// A tag class: the universal and the treebank-specific tag.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag {
    pub upos: String,
    pub xpos: String,
}

/// The trained tagger.
pub struct Tagger {
    pub tags: Vec<Tag>,
    tag_hash: Vec<u64>,
    model: Model,
    /// A right-to-left model whose scores are added to the left-to-right one's.
    backward: Option<Model>,
    dict: HashMap<String, u16>,
    amb: HashMap<String, u64>,
}

fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

impl Tagger {
    /// Tags a sentence: returns tag class indices into `self.tags`.
    pub fn tag(&self, words: &[&str]) -> Vec<usize> {
        let Some(backward) = &self.backward else {
            return self.greedy(&self.model, words, None);
        };
        let c = self.tags.len();
        let (mut fwd, mut bwd) = (vec![0f32; words.len() * c], vec![0f32; words.len() * c]);
        let first = self.greedy(&self.model, words, Some(&mut fwd));
        let reversed: Vec<&str> = words.iter().rev().copied().collect();
        self.greedy(backward, &reversed, Some(&mut bwd));
        let n = words.len();
        (0..n)
            .map(|i| {
                if self.dict.contains_key(words[i]) {
                    return first[i];
                }
                let (f, b) = (&fwd[i * c..(i + 1) * c], &bwd[(n - 1 - i) * c..(n - i) * c]);
                let mut best = 0;
                for k in 0..c {
                    if f[k] + b[k] > f[best] + b[best] {
                        best = k;
                    }
                }
                best
            })
            .collect()
    }

    /// Greedy tagging with one model; keeps each word's scores in `keep` if given.
    fn greedy(&self, model: &Model, words: &[&str], mut keep: Option<&mut Vec<f32>>) -> Vec<usize> {
        let ctx = context(words, &self.amb);
        let mut out = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(48);
        let c = self.tags.len();
        let mut scores = vec![0f32; c];
        let (mut p1, mut p2) = (BOS, BOS + 1);
        for (i, w) in words.iter().enumerate() {
            let class = match self.dict.get(*w) {
                Some(&c) => c as usize,
                None => {
                    features(&ctx, i, p1, p2, &mut feats);
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    model.score(&feats, &mut scores);
                    if let Some(k) = keep.as_deref_mut() {
                        k[i * c..(i + 1) * c].copy_from_slice(&scores);
                    }
                    argmax(&scores)
                }
            };
            out.push(class);
            p2 = p1;
            p1 = self.tag_hash[class];
        }
        out
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.tags.len() as u64);
        for t in &self.tags {
            put_str(out, &t.upos);
            put_str(out, &t.xpos);
        }
        let mut dict: Vec<(&String, &u16)> = self.dict.iter().collect();
        dict.sort();
        put_varint(out, dict.len() as u64);
        for (w, c) in dict {
            put_str(out, w);
            put_varint(out, *c as u64);
        }
        let mut amb: Vec<(&String, &u64)> = self.amb.iter().collect();
        amb.sort();
        put_varint(out, amb.len() as u64);
        for (w, h) in amb {
            put_str(out, w);
            out.extend_from_slice(&h.to_le_bytes());
        }
        self.model.write(out);
        out.push(self.backward.is_some() as u8);
        if let Some(b) = &self.backward {
            b.write(out);
        }
    }

    pub fn read(r: &mut ByteReader) -> Result<Tagger, String> {
        let n = r.varint()? as usize;
        let mut tags = Vec::with_capacity(n);
        for _ in 0..n {
            tags.push(Tag { upos: r.string()?, xpos: r.string()? });
        }
        let nd = r.varint()? as usize;
        let mut dict = HashMap::with_capacity(nd);
        for _ in 0..nd {
            let w = r.string()?;
            let c = r.varint()? as usize;
            if c >= n {
                return Err(format!("tag {c} out of range"));
            }
            dict.insert(w, c as u16);
        }
        let na = r.varint()? as usize;
        let mut amb = HashMap::with_capacity(na);
        for _ in 0..na {
            let w = r.string()?;
            amb.insert(w, u64::from_le_bytes(r.bytes(8)?.try_into().unwrap()));
        }
        let model = Model::read(r)?;
        let backward = match r.bytes(1)?[0] {
            0 => None,
            _ => Some(Model::read(r)?),
        };
        if model.n_classes != n || backward.as_ref().is_some_and(|b| b.n_classes != n) {
            return Err("tagger model does not match its tags".into());
        }
        let mut t = Tagger::new(tags, model, dict, amb);
        t.backward = backward;
        Ok(t)
    }

    fn new(tags: Vec<Tag>, model: Model, dict: HashMap<String, u16>, amb: HashMap<String, u64>) -> Tagger {
        let tag_hash = tags.iter().map(|t| hash_str(&format!("{}|{}", t.upos, t.xpos))).collect();
        Tagger { tags, tag_hash, model, backward: None, dict, amb }
    }

    /// Number of features and weights.
    pub fn size(&self) -> (usize, usize) {
        let (f, w) = self.model.size();
        let (bf, bw) = self.backward.as_ref().map(|b| b.size()).unwrap_or((0, 0));
        (f + bf, w + bw)
    }
}

/// A training sentence for the tagger: words and their gold tags.
pub struct Example<'a> {
    pub words: Vec<&'a str>,
    pub tags: Vec<Tag>,
}

/// Options of tagger training.
pub struct TrainOptions {
    pub max_epochs: usize,
    pub patience: usize,
    pub seed: u64,
    pub min_weight: f32,
    /// Also train a right-to-left model and add up both models' scores.
    pub both_directions: bool,
    pub verbose: bool,
}

fn reverse<'a>(data: &[Example<'a>]) -> Vec<Example<'a>> {
    data.iter()
        .map(|e| Example {
            words: e.words.iter().rev().copied().collect(),
            tags: e.tags.iter().rev().cloned().collect(),
        })
        .collect()
}

/// Trains a tagger; `dev` (if not empty) picks the best epoch and stops early.
pub fn train(train: &[Example], dev: &[Example], opts: &TrainOptions) -> Tagger {
    let mut tagger = train_one(train, dev, opts, "left-to-right");
    if opts.both_directions {
        let o = TrainOptions { seed: opts.seed.wrapping_add(1000), ..*opts };
        let backward = train_one(&reverse(train), &reverse(dev), &o, "right-to-left");
        tagger.backward = Some(backward.model);
        if opts.verbose && !dev.is_empty() {
            eprintln!("tagger, both directions: dev UPOS {:.2}%", 100.0 * accuracy(&tagger, dev).0);
        }
    }
    tagger
}

fn train_one(train: &[Example], dev: &[Example], opts: &TrainOptions, name: &str) -> Tagger {
    // Tag set and dictionary of frequent unambiguous words.
    let mut tagset: Vec<Tag> = train.iter().flat_map(|e| e.tags.iter().cloned()).collect();
    tagset.sort();
    tagset.dedup();
    let tag_index: HashMap<&Tag, usize> = tagset.iter().enumerate().map(|(i, t)| (t, i)).collect();
    let mut counts: HashMap<&str, HashMap<usize, usize>> = HashMap::new();
    for e in train {
        for (w, t) in e.words.iter().zip(&e.tags) {
            *counts.entry(w).or_default().entry(tag_index[t]).or_default() += 1;
        }
    }
    let mut dict = HashMap::new();
    for (w, c) in &counts {
        let total: usize = c.values().sum();
        let (&best, &n) = c.iter().max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t))).unwrap();
        if total >= 20 && n as f64 / total as f64 >= 0.99 {
            dict.insert(w.to_string(), best as u16);
        }
    }
    // Ambiguity classes of words seen at least AMB_MIN times: their tags with a share of 5%.
    let mut lower_counts: HashMap<String, HashMap<usize, usize>> = HashMap::new();
    for (w, c) in &counts {
        let e = lower_counts.entry(w.to_lowercase()).or_default();
        for (t, n) in c {
            *e.entry(*t).or_default() += n;
        }
    }
    let mut amb = HashMap::new();
    for (w, c) in lower_counts {
        let total: usize = c.values().sum();
        if total >= AMB_MIN {
            let mut set: Vec<usize> = c.iter().filter(|(_, n)| **n * 20 >= total).map(|(t, _)| *t).collect();
            set.sort_unstable();
            let h = set.iter().fold(0xA3B1u64, |h, &t| super::perceptron::mix(h, t as u64 + 1));
            amb.insert(w, h);
        }
    }
    let golds: Vec<Vec<usize>> = train.iter().map(|e| e.tags.iter().map(|t| tag_index[t]).collect()).collect();
    let contexts: Vec<Vec<WordInfo>> = train.iter().map(|e| context(&e.words, &amb)).collect();
    let tag_hash: Vec<u64> = tagset.iter().map(|t| hash_str(&format!("{}|{}", t.upos, t.xpos))).collect();
    let mut trainer = Trainer::new(tagset.len());
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut feats = Vec::with_capacity(40);
    let mut scores = vec![0f32; tagset.len()];
    let mut stopping = super::perceptron::EarlyStopping::new(opts.patience, !dev.is_empty());
    for epoch in 0..opts.max_epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let (e, ctx, gold) = (&train[s], &contexts[s], &golds[s]);
            let (mut p1, mut p2) = (BOS, BOS + 1);
            for (i, w) in e.words.iter().enumerate() {
                let guess = match dict.get(*w) {
                    Some(&c) => c as usize,
                    None => {
                        features(ctx, i, p1, p2, &mut feats);
                        scores.iter_mut().for_each(|s| *s = 0.0);
                        trainer.score(&feats, &mut scores);
                        let guess = argmax(&scores);
                        trainer.tick();
                        trainer.update(&feats, gold[i], guess);
                        guess
                    }
                };
                right += (guess == gold[i]) as usize;
                total += 1;
                p2 = p1;
                p1 = tag_hash[guess];
            }
        }
        let tagger = Tagger::new(tagset.clone(), trainer.freeze(opts.min_weight), dict.clone(), amb.clone());
        let dev_acc = if dev.is_empty() { 0.0 } else { accuracy(&tagger, dev).0 };
        if opts.verbose {
            eprintln!(
                "tagger ({name}) epoch {}: train {:.2}%  dev UPOS {:.2}%",
                epoch + 1,
                100.0 * right as f64 / total.max(1) as f64,
                100.0 * dev_acc
            );
        }
        if stopping.offer(dev_acc, tagger) {
            break;
        }
    }
    stopping.best()
}

/// UPOS and XPOS accuracy of a tagger on examples.
pub fn accuracy(tagger: &Tagger, data: &[Example]) -> (f64, f64) {
    let (mut upos, mut xpos, mut n) = (0usize, 0usize, 0usize);
    for e in data {
        for (c, t) in tagger.tag(&e.words).into_iter().zip(&e.tags) {
            let p = &tagger.tags[c];
            upos += (p.upos == t.upos) as usize;
            xpos += (p.xpos == t.xpos) as usize;
            n += 1;
        }
    }
    (upos as f64 / n.max(1) as f64, xpos as f64 / n.max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Kassym-Jomart"), "Xxx-Xxx");
        assert_eq!(shape("2024"), "dd");
        assert_eq!(shape("NATO"), "XX");
    }
}
