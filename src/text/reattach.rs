//! Re-attachment after parsing: a corrective ranker (after Hall & Novák 2005).
//!
//! The greedy parser decides each arc once, often before it has seen the clause a word
//! belongs to (about one punctuation head in six is wrong). Once the tree is complete, this
//! ranker reconsiders the head of each word (of each punctuation mark, with
//! [`Scope::Punct`]), left to right, in two passes. A word's candidates are its current head and the other
//! words on the paths from the neighbours of its subtree up to the root whose arc to it
//! crosses no other arc; an averaged perceptron scores them from the word's and the
//! candidate's forms, tags and relations, side, distance, kinship to the current head and
//! whether the candidate's subtree ends or starts next to the word's. It is trained on the
//! trees that parsers trained without each sentence produce (jackknifing), so that it
//! learns when to trust the parser. A word moves only to a word outside its own subtree and
//! never to or from the root, so the result is still a tree with one root.

use super::perceptron::{ByteReader, Model, Rng, Trainer, hash_str, mix};

const NONE: usize = usize::MAX;

/// Passes over the sentence at run time: a second pass lets a word follow its neighbours'
/// moves (+0.09 UAS on dev; a third changes nothing).
const PASSES: usize = 2;

/// Which words are reconsidered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Punct,
    All,
}

/// The trained ranker.
pub struct Ranker {
    model: Model,
    scope: Scope,
    /// Added to the score of the parser's own choice: how much the ranker trusts it.
    keep: f32,
}

/// One parsed sentence as the ranker sees it.
pub struct Sentence<'a> {
    pub forms: &'a [&'a str],
    pub upos: &'a [&'a str],
    pub xpos: &'a [&'a str],
    pub deprel: &'a [&'a str],
}

fn is_punct(upos: &str, deprel: &str) -> bool {
    upos == "PUNCT" && deprel == "punct"
}

/// Hashes of a sentence's words, tags and relations, 1-based (index 0 is the root).
struct Hashed {
    word: Vec<u64>,
    upos: Vec<u64>,
    xpos: Vec<u64>,
    rel: Vec<u64>,
    punct: Vec<bool>,
    verb: Vec<bool>,
}

impl Hashed {
    fn new(s: &Sentence) -> Hashed {
        let root = 0x5007;
        let col = |v: &[&str], lower: bool| -> Vec<u64> {
            std::iter::once(root)
                .chain(v.iter().map(|x| if lower { hash_str(&x.to_lowercase()) } else { hash_str(x) }))
                .collect()
        };
        Hashed {
            word: col(s.forms, true),
            upos: col(s.upos, false),
            xpos: col(s.xpos, false),
            rel: col(s.deprel, false),
            punct: std::iter::once(false).chain(s.upos.iter().zip(s.deprel).map(|(u, d)| is_punct(u, d))).collect(),
            verb: std::iter::once(false).chain(s.upos.iter().map(|u| *u == "VERB" || *u == "AUX")).collect(),
        }
    }
}

/// A feature from a template number and values.
fn f(template: u64, values: &[u64]) -> u64 {
    let mut h = mix(template.wrapping_mul(0xA076_1D64_78BD_642F), 0x9C7);
    for &v in values {
        h = mix(h, v);
    }
    h
}

fn bucket(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=5 => 4,
        6..=10 => 5,
        _ => 6,
    }
}

/// A tree with index 0 for the root (`h[0] == NONE`) and the subtree of one word marked.
struct View<'a> {
    h: &'a [usize],
    i: usize,
    /// Words of `i`'s subtree.
    inside: Vec<bool>,
    /// First and last word of `i`'s subtree.
    lo: usize,
    hi: usize,
    /// First and last word of each subtree, leaving `i`'s subtree out.
    lm: Vec<usize>,
    rm: Vec<usize>,
}

impl<'a> View<'a> {
    fn new(h: &'a [usize], i: usize) -> View<'a> {
        let n = h.len() - 1;
        let mut inside = vec![false; n + 1];
        for (d, slot) in inside.iter_mut().enumerate().skip(1) {
            let mut x = d;
            let mut steps = 0;
            while x != NONE && x != 0 && steps <= n {
                if x == i {
                    *slot = true;
                    break;
                }
                x = h[x];
                steps += 1;
            }
        }
        let lo = (1..=n).find(|&d| inside[d]).unwrap_or(i);
        let hi = (1..=n).rev().find(|&d| inside[d]).unwrap_or(i);
        let mut lm: Vec<usize> = (0..=n).collect();
        let mut rm: Vec<usize> = (0..=n).collect();
        for d in 1..=n {
            if inside[d] {
                continue;
            }
            let mut x = h[d];
            let mut steps = 0;
            while x != NONE && steps <= n {
                lm[x] = lm[x].min(d);
                rm[x] = rm[x].max(d);
                if x == 0 {
                    break;
                }
                x = h[x];
                steps += 1;
            }
        }
        View { h, i, inside, lo, hi, lm, rm }
    }

    /// Candidate heads with their rank on the paths from the words just before and just
    /// after the subtree up to the root (`NONE`: not on that path). The current head is
    /// always a candidate.
    fn candidates(&self) -> Vec<(usize, usize, usize)> {
        let n = self.h.len() - 1;
        let mut out: Vec<(usize, usize, usize)> = Vec::new();
        let walk = |start: usize, side: usize, out: &mut Vec<(usize, usize, usize)>| {
            let mut x = start;
            let mut rank = 0;
            while x != 0 && x != NONE && rank <= n && !self.inside[x] {
                match out.iter_mut().find(|c| c.0 == x) {
                    Some(c) if side == 0 => c.1 = rank,
                    Some(c) => c.2 = rank,
                    None => out.push(if side == 0 { (x, rank, NONE) } else { (x, NONE, rank) }),
                }
                x = self.h[x];
                rank += 1;
            }
        };
        if self.lo > 1 {
            walk(self.lo - 1, 0, &mut out);
        }
        if self.hi < n {
            walk(self.hi + 1, 1, &mut out);
        }
        let current = self.h[self.i];
        out.retain(|&(c, _, _)| c == current || !self.crosses(c));
        if current != 0 && current != NONE && !out.iter().any(|c| c.0 == current) {
            out.push((current, NONE, NONE));
        }
        out.sort_unstable_by_key(|c| c.0);
        out
    }

    /// Whether an arc from `c` to `i` would cross an arc of the tree other than `i`'s.
    fn crosses(&self, c: usize) -> bool {
        let (lo, hi) = (c.min(self.i), c.max(self.i));
        let inner = |x: usize| lo < x && x < hi;
        let outer = |x: usize| x < lo || x > hi;
        (1..self.h.len()).any(|d| {
            let hd = self.h[d];
            d != self.i && hd != NONE && ((inner(d) && outer(hd)) || (outer(d) && inner(hd)))
        })
    }
}

/// Features of attaching word `v.i` to candidate `(c, left rank, right rank)`.
fn features(s: &Hashed, v: &View, cand: (usize, usize, usize), out: &mut Vec<u64>) {
    let (h, i) = (v.h, v.i);
    let n = h.len() - 1;
    let (c, lr, rr) = cand;
    let current = h[i];
    let cur = (c == current) as u64;
    let kin = if c == current {
        0
    } else if current != 0 && c == h[current] {
        1
    } else if h[c] == current {
        2
    } else if current != 0 && h[c] == h[current] {
        3
    } else {
        4
    };
    let (dw, dx, dr) = (s.word[i], s.xpos[i], s.rel[i]);
    let dir = (c < i) as u64;
    let dist = bucket(c.abs_diff(i));
    let rank = |r: usize| if r == NONE { 9 } else { r.min(4) as u64 };
    let (lr, rr) = (rank(lr), rank(rr));
    let adj = ((c < i && v.rm[c] + 1 == v.lo) as u64) | (((c > i && v.lm[c] == v.hi + 1) as u64) << 1);
    let at = |col: &[u64], k: usize| if k >= 1 && k <= n { col[k] } else { 0xE0D };
    let (prev, next) = (v.lo - 1, v.hi + 1);
    let hc = h[c];
    let (cr, cu, cx, cw) = (s.rel[c], s.upos[c], s.xpos[c], s.word[c]);
    let chr = if hc == NONE || hc == 0 { 0xB007 } else { s.rel[hc] };
    let chu = if hc == NONE { 0xB007 } else { s.upos[hc] };
    let last = (v.hi == n) as u64 | (((v.lo == 1) as u64) << 1);
    let parity = if s.punct[i] { ((1..i).filter(|&k| s.word[k] == dw).count() % 2) as u64 } else { 2 };
    let size = bucket(v.rm[c] - v.lm[c] + 1);
    // The candidate's other dependents: one with the word's relation already, valency, and
    // the word's own dependents' relations (order-free).
    let (mut same, mut nl, mut nr, mut own) = (0u64, 0u64, 0u64, 0u64);
    for (d, &hd) in h.iter().enumerate().skip(1) {
        if hd == c && d != i {
            same |= (s.rel[d] == dr) as u64;
            if d < c {
                nl += 1;
            } else {
                nr += 1;
            }
        } else if hd == i {
            own = own.wrapping_add(s.rel[d]);
        }
    }
    let (nl, nr) = (nl.min(3), nr.min(3));
    // What lies between the candidate and the word's subtree.
    let between = if c < v.lo { c + 1..v.lo } else { v.hi + 1..c };
    let (mut marks, mut verbs) = (0u64, 0u64);
    for k in between {
        marks += s.punct[k] as u64;
        verbs += s.verb[k] as u64;
    }
    let (marks, verbs) = (marks.min(2), verbs.min(2));
    out.clear();
    out.extend_from_slice(&[
        f(1, &[dw, dir]),
        f(2, &[dw, dir, dist]),
        f(3, &[dx, dir, cx]),
        f(4, &[dw, dir, cx]),
        f(5, &[dx, dr, dir, cr]),
        f(6, &[dw, dir, cw]),
        f(7, &[dx, lr, rr]),
        f(8, &[dx, dir, adj]),
        f(9, &[dx, dir, adj, cr]),
        f(10, &[dx, dir, cr, cu]),
        f(11, &[dx, dir, cr, chr]),
        f(12, &[dx, dir, cu, chu]),
        f(13, &[dx, last, dir, cr]),
        f(14, &[dx, dir, cr, at(&s.upos, next)]),
        f(15, &[dx, dir, cr, at(&s.word, next)]),
        f(16, &[dx, dir, cr, at(&s.upos, prev)]),
        f(17, &[dx, dir, cu, at(&s.upos, next), at(&s.upos, prev)]),
        f(18, &[dw, parity, dir, adj]),
        f(19, &[dw, parity, dir, cr]),
        f(20, &[dx, lr, rr, cr]),
        f(21, &[dx, dir, dist, cr]),
        f(22, &[dx, adj, lr, rr]),
        f(23, &[dir, cr, at(&s.word, next)]),
        f(24, &[dx, dir, cr, at(&s.rel, next)]),
        f(25, &[dx, dir, cr, at(&s.rel, prev)]),
        f(26, &[dx, dir, cw, cr]),
        f(27, &[dx, dir, size, cr]),
        f(28, &[dx, dir, adj, size]),
        f(29, &[dx, lr, rr, adj, cr, last]),
        // The parser's choice and the candidate's kinship to it.
        f(30, &[cur]),
        f(31, &[cur, dx, dr]),
        f(32, &[kin, dx, cx]),
        f(33, &[kin, dr, cr]),
        f(34, &[kin, dx, dir, cx, dist]),
        f(35, &[kin, dw, cw]),
        f(36, &[dw, dir, cx, dr]),
        f(37, &[dx, dr, dir, cx, dist]),
        f(38, &[dr, same, cu]),
        f(39, &[dr, same, cx, cur]),
        f(40, &[dx, dir, cx, nl, nr]),
        f(41, &[dr, cr, dir, nl, nr]),
        f(42, &[dx, own, dir, cx]),
        f(43, &[dr, own, kin]),
        f(44, &[dx, dir, cx, marks, verbs]),
        f(45, &[dr, cr, marks, verbs, kin]),
    ]);
}

/// Whether the ranker reconsiders word `i`: attached to a word (not the root) and, in the
/// punctuation scope, a punctuation leaf.
fn movable(s: &Hashed, scope: Scope, h: &[usize], i: usize) -> bool {
    h[i] != 0 && h[i] != NONE && (scope == Scope::All || (s.punct[i] && !h[1..].contains(&i)))
}

fn with_root(heads: &[usize]) -> Vec<usize> {
    std::iter::once(NONE).chain(heads.iter().copied()).collect()
}

impl Ranker {
    /// Re-attaches the words of a parsed sentence, left to right, twice; `heads` are
    /// 1-based (0 = root) and are changed in place.
    pub fn reattach(&self, s: &Sentence, heads: &mut [usize]) {
        let n = heads.len();
        if n < 3 || (self.scope == Scope::Punct && !(0..n).any(|k| is_punct(s.upos[k], s.deprel[k]))) {
            return;
        }
        let hashed = Hashed::new(s);
        let mut h = with_root(heads);
        let mut feats = Vec::with_capacity(48);
        let mut score = [0f32; 1];
        for i in (1..=n).cycle().take(PASSES * n) {
            if !movable(&hashed, self.scope, &h, i) {
                continue;
            }
            let view = View::new(&h, i);
            let cands = view.candidates();
            if cands.len() < 2 {
                continue;
            }
            let mut best = (NONE, f32::NEG_INFINITY);
            for &c in &cands {
                score[0] = if c.0 == h[i] { self.keep } else { 0.0 };
                features(&hashed, &view, c, &mut feats);
                self.model.score(&feats, &mut score);
                if score[0] > best.1 {
                    best = (c.0, score[0]);
                }
            }
            // Candidates lie outside the subtree: no cycle.
            h[i] = best.0;
        }
        heads.copy_from_slice(&h[1..]);
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.push(match self.scope {
            Scope::Punct => 0,
            Scope::All => 1,
        });
        out.extend_from_slice(&self.keep.to_le_bytes());
        self.model.write(out);
    }

    pub fn read(r: &mut ByteReader) -> Result<Ranker, String> {
        let scope = match r.bytes(1)?[0] {
            0 => Scope::Punct,
            1 => Scope::All,
            x => return Err(format!("unknown re-attachment scope {x}")),
        };
        let keep = f32::from_le_bytes(r.bytes(4)?.try_into().unwrap());
        if !keep.is_finite() {
            return Err("bad re-attachment bias".into());
        }
        let model = Model::read(r)?;
        if model.n_classes != 1 {
            return Err("re-attachment model has more than one class".into());
        }
        Ok(Ranker { model, scope, keep })
    }

    pub fn size(&self) -> (usize, usize) {
        self.model.size()
    }
}

/// A parsed sentence with its gold heads, for training.
pub struct Example<'a> {
    pub sentence: Sentence<'a>,
    /// The parser's heads (1-based, 0 = root).
    pub heads: Vec<usize>,
    pub gold: Vec<usize>,
}

pub struct TrainOptions {
    pub epochs: usize,
    pub scope: Scope,
    pub seed: u64,
    pub min_weight: f32,
    pub verbose: bool,
}

/// One training decision: sentence, word, candidates and the gold one's index.
struct Decision {
    sentence: usize,
    word: usize,
    gold: usize,
}

/// Biases towards the parser's choice tried on dev.
const KEEP: [f32; 12] = [0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0, 30.0, 50.0, 80.0];

/// Trains the ranker on parsed sentences; `score_dev` (given a candidate ranker, higher is
/// better) picks the epoch and the bias towards the parser's choice.
pub fn train(examples: &[Example], opts: &TrainOptions, mut score_dev: impl FnMut(&Ranker) -> f64) -> Ranker {
    let hashed: Vec<Hashed> = examples.iter().map(|e| Hashed::new(&e.sentence)).collect();
    let trees: Vec<Vec<usize>> = examples.iter().map(|e| with_root(&e.heads)).collect();
    let mut data = Vec::new();
    for (k, e) in examples.iter().enumerate() {
        let h = &trees[k];
        for i in 1..=e.heads.len() {
            if e.heads.len() < 3 || !movable(&hashed[k], opts.scope, h, i) {
                continue;
            }
            let cands = View::new(h, i).candidates();
            if cands.len() < 2 {
                continue;
            }
            if let Some(gold) = cands.iter().position(|c| c.0 == e.gold[i - 1]) {
                data.push(Decision { sentence: k, word: i, gold });
            }
        }
    }
    let mut trainer = Trainer::new(1);
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut best: Option<(f64, Ranker)> = None;
    let mut score = [0f32; 1];
    let mut feats: Vec<Vec<u64>> = Vec::new();
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let mut right = 0;
        for &k in &order {
            let d = &data[k];
            let view = View::new(&trees[d.sentence], d.word);
            let cands = view.candidates();
            feats.resize(cands.len(), Vec::new());
            let mut guess = (0, f32::NEG_INFINITY);
            for (j, &c) in cands.iter().enumerate() {
                features(&hashed[d.sentence], &view, c, &mut feats[j]);
                score[0] = 0.0;
                trainer.score(&feats[j], &mut score);
                if score[0] > guess.1 {
                    guess = (j, score[0]);
                }
            }
            trainer.tick();
            if guess.0 == d.gold {
                right += 1;
            } else {
                trainer.adjust(&feats[d.gold], 0, 1);
                trainer.adjust(&feats[guess.0], 0, -1);
            }
        }
        let mut ranker = Ranker { model: trainer.freeze(opts.min_weight), scope: opts.scope, keep: 0.0 };
        let (mut dev, mut keep) = (f64::NEG_INFINITY, 0.0);
        for k in KEEP {
            ranker.keep = k;
            let d = score_dev(&ranker);
            if d > dev {
                (dev, keep) = (d, k);
            }
        }
        ranker.keep = keep;
        if opts.verbose {
            eprintln!(
                "re-attachment epoch {}: train {:.2}% of {}  dev UAS {:.2}% (bias {keep}, {} features)",
                epoch + 1,
                100.0 * right as f64 / data.len().max(1) as f64,
                data.len(),
                100.0 * dev,
                ranker.size().0
            );
        }
        if best.as_ref().is_none_or(|(b, _)| dev > *b) {
            best = Some((dev, ranker));
        }
    }
    best.expect("at least one epoch").1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_keep_the_tree_projective() {
        // "He left , she stayed ." : he→left, left root, ,→left, she→stayed,
        // stayed→left (conj), .→left.
        let h = vec![NONE, 2, 0, 2, 5, 2, 2];
        let c: Vec<usize> = View::new(&h, 3).candidates().iter().map(|c| c.0).collect();
        // Left neighbour "left" (2); right neighbour "she" (4) → stayed (5) → left (2).
        assert_eq!(c, [2, 4, 5]);
        let c: Vec<usize> = View::new(&h, 6).candidates().iter().map(|c| c.0).collect();
        assert_eq!(c, [2, 5]);
        // "stayed" (with "she" in its subtree) may hang from "left" or the marks next to
        // its subtree, never from "she".
        let c: Vec<usize> = View::new(&h, 5).candidates().iter().map(|c| c.0).collect();
        assert_eq!(c, [2, 3, 6]);
        // Arcs from word 4 back to word 1 or 2 would cross 2 → root or 1 → 3.
        let t = [NONE, 3, 0, 2, 2];
        assert!(View::new(&t, 4).crosses(1));
        assert!(View::new(&t, 4).crosses(2));
        assert!(!View::new(&t, 4).crosses(3));
    }

    /// A random projective tree over `lo..=hi` hanging from `head`.
    fn projective(rng: &mut Rng, h: &mut [usize], lo: usize, hi: usize, head: usize) {
        if lo > hi {
            return;
        }
        let r = lo + rng.below(hi - lo + 1);
        h[r] = head;
        projective(rng, h, lo, r - 1, r);
        projective(rng, h, r + 1, hi, r);
    }

    fn is_tree(h: &[usize]) -> bool {
        let n = h.len() - 1;
        (1..=n).filter(|&i| h[i] == 0).count() == 1
            && (1..=n).all(|i| {
                let (mut x, mut steps) = (i, 0);
                while x != 0 && steps <= n {
                    x = h[x];
                    steps += 1;
                }
                x == 0 && h[i] <= n && h[i] != i
            })
    }

    fn is_projective(h: &[usize]) -> bool {
        let arcs: Vec<(usize, usize)> = (1..h.len()).map(|d| (d.min(h[d]), d.max(h[d]))).collect();
        arcs.iter().all(|&(a, b)| arcs.iter().all(|&(c, d)| !(a < c && c < b && b < d)))
    }

    #[test]
    fn random_rankers_keep_random_trees_trees() {
        let mut rng = Rng::new(11);
        let tags = ["NOUN", "VERB", "PUNCT", "DET", "ADP"];
        let rels = ["nsubj", "obj", "punct", "det", "case"];
        for round in 0..300 {
            let n = 1 + rng.below(25);
            let pick = |rng: &mut Rng| rng.below(tags.len());
            let kinds: Vec<usize> = (0..n).map(|_| pick(&mut rng)).collect();
            let forms: Vec<&str> = kinds.iter().map(|&k| [",", "saw", ".", "the", "of"][k]).collect();
            let upos: Vec<&str> = kinds.iter().map(|&k| tags[k]).collect();
            let mut deprel: Vec<&str> = kinds.iter().map(|&k| rels[k]).collect();
            let mut h = vec![NONE; n + 1];
            if round % 3 == 0 {
                // Any tree, projective or not: each word hangs from an earlier one.
                let order: Vec<usize> = {
                    let mut o: Vec<usize> = (1..=n).collect();
                    rng.shuffle(&mut o);
                    o
                };
                h[order[0]] = 0;
                for k in 1..n {
                    h[order[k]] = order[rng.below(k)];
                }
            } else {
                projective(&mut rng, &mut h, 1, n, 0);
            }
            let root = (1..=n).find(|&i| h[i] == 0).unwrap();
            deprel[root - 1] = "root";
            let s = Sentence { forms: &forms, upos: &upos, xpos: &upos, deprel: &deprel };
            // A ranker with random weights on the features of this kind of sentence.
            let hashed = Hashed::new(&s);
            let mut t = Trainer::new(1);
            let mut feats = Vec::new();
            for i in 1..=n {
                if h[i] == 0 {
                    continue;
                }
                let v = View::new(&h, i);
                for c in v.candidates() {
                    features(&hashed, &v, c, &mut feats);
                    t.tick();
                    t.adjust(&feats, 0, rng.below(5) as i32 - 2);
                }
            }
            for scope in [Scope::Punct, Scope::All] {
                let ranker = Ranker { model: t.freeze(0.0), scope, keep: rng.below(3) as f32 };
                let mut heads = h[1..].to_vec();
                ranker.reattach(&s, &mut heads);
                let out = with_root(&heads);
                assert!(is_tree(&out), "{h:?} → {out:?}");
                assert_eq!(out[root], 0);
                if round % 3 != 0 {
                    assert!(is_projective(&out), "{h:?} → {out:?}");
                }
            }
        }
    }

    #[test]
    fn untrained_ranker_keeps_trees() {
        let forms = ["He", "left", ",", "she", "stayed", "."];
        let upos = ["PRON", "VERB", "PUNCT", "PRON", "VERB", "PUNCT"];
        let rel = ["nsubj", "root", "punct", "nsubj", "conj", "punct"];
        let s = Sentence { forms: &forms, upos: &upos, xpos: &upos, deprel: &rel };
        for scope in [Scope::Punct, Scope::All] {
            let p = Ranker { model: Trainer::new(1).freeze(0.0), scope, keep: 0.0 };
            let mut heads = vec![2, 0, 2, 5, 2, 2];
            p.reattach(&s, &mut heads);
            assert_eq!(heads.iter().filter(|&&x| x == 0).count(), 1);
            assert_eq!(heads[1], 0);
        }
    }
}
