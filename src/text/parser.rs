//! Labelled dependency parser: greedy arc-hybrid transitions scored by an averaged
//! perceptron with Zhang & Nivre (2011) style features, trained with the dynamic oracle of
//! Goldberg & Nivre (2013), with exploration.
//!
//! The root sits at the bottom of the stack and may take a dependent only when the buffer is
//! empty, so every parse is a tree: one root, no cycles, every word has a head.

use super::perceptron::{ByteReader, Model, Rng, Trainer, feat, feat2, feat3, hash_str, put_str, put_varint};

const NONE: usize = usize::MAX;
const SHIFT: usize = 0;

/// Word-level input of the parser: hashes of the word and its tags.
#[derive(Clone, Copy)]
pub struct Input {
    pub word: u64,
    pub xpos: u64,
    pub upos: u64,
}

impl Input {
    pub fn new(word: &str, upos: &str, xpos: &str) -> Input {
        Input { word: hash_str(&word.to_lowercase()), xpos: hash_str(xpos), upos: hash_str(upos) }
    }
}

const ROOT_INPUT: Input = Input { word: 0x5007, xpos: 0x5007, upos: 0x5007 };
const NONE_INPUT: Input = Input { word: 0x404E, xpos: 0x404E, upos: 0x404E };

/// Parser state; words are numbered 1..=n, 0 is the root.
struct State {
    n: usize,
    stack: Vec<usize>,
    /// First word of the buffer (the buffer is `b..=n`).
    b: usize,
    heads: Vec<usize>,
    labels: Vec<u16>,
    /// Two leftmost and two rightmost dependents.
    left: Vec<[usize; 2]>,
    right: Vec<[usize; 2]>,
    nleft: Vec<u8>,
    nright: Vec<u8>,
    left_set: Vec<u64>,
    right_set: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        let mut stack = Vec::with_capacity(n + 1);
        stack.push(0);
        State {
            n,
            stack,
            b: 1,
            heads: vec![NONE; n + 1],
            labels: vec![0; n + 1],
            left: vec![[NONE; 2]; n + 1],
            right: vec![[NONE; 2]; n + 1],
            nleft: vec![0; n + 1],
            nright: vec![0; n + 1],
            left_set: vec![0; n + 1],
            right_set: vec![0; n + 1],
        }
    }

    fn done(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    fn s(&self, i: usize) -> usize {
        if self.stack.len() > i { self.stack[self.stack.len() - 1 - i] } else { NONE }
    }

    fn buf(&self, i: usize) -> usize {
        if self.b + i <= self.n { self.b + i } else { NONE }
    }

    fn can_shift(&self) -> bool {
        self.b <= self.n
    }

    fn can_left(&self) -> bool {
        self.b <= self.n && self.stack.len() >= 2
    }

    fn can_right(&self) -> bool {
        self.stack.len() >= 2 && (self.stack.len() > 2 || self.b > self.n)
    }

    fn add_arc(&mut self, head: usize, dep: usize, label: u16) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        let bit = 1u64 << (label % 64);
        if dep < head {
            let l = &mut self.left[head];
            if l[0] == NONE || dep < l[0] {
                l[1] = l[0];
                l[0] = dep;
            } else if l[1] == NONE || dep < l[1] {
                l[1] = dep;
            }
            self.nleft[head] = self.nleft[head].saturating_add(1);
            self.left_set[head] |= bit;
        } else {
            let r = &mut self.right[head];
            if r[0] == NONE || dep > r[0] {
                r[1] = r[0];
                r[0] = dep;
            } else if r[1] == NONE || dep > r[1] {
                r[1] = dep;
            }
            self.nright[head] = self.nright[head].saturating_add(1);
            self.right_set[head] |= bit;
        }
    }

    /// Applies a move: 0 shift, 1+2l left-arc with label l, 2+2l right-arc with label l.
    fn apply(&mut self, mv: usize) {
        if mv == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
        } else {
            let label = ((mv - 1) / 2) as u16;
            let s0 = self.stack.pop().unwrap();
            if mv % 2 == 1 {
                self.add_arc(self.b, s0, label);
            } else {
                let s1 = *self.stack.last().unwrap();
                self.add_arc(s1, s0, label);
            }
        }
    }

    /// Unlabelled costs (shift, left, right) against a gold tree: how many gold arcs that
    /// are still reachable each move would make unreachable.
    fn costs(&self, gold: &[usize]) -> [u32; 3] {
        let (s0, s1) = (self.s(0), self.s(1));
        let mut c = [0u32; 3];
        if self.can_shift() {
            let b0 = self.b;
            for &k in &self.stack {
                if k != s0 && gold[b0] == k {
                    c[0] += 1;
                }
                if k != 0 && gold[k] == b0 {
                    c[0] += 1;
                }
            }
        }
        if s0 != NONE && s0 != 0 {
            let in_buffer = |h: usize| h != NONE && h != 0 && h >= self.b;
            let children = (self.b..=self.n).filter(|&k| gold[k] == s0).count() as u32;
            if self.can_left() {
                c[1] = children + (gold[s0] == s1 || (in_buffer(gold[s0]) && gold[s0] != self.b)) as u32;
            }
            if self.can_right() {
                c[2] = children + in_buffer(gold[s0]) as u32;
            }
        }
        c
    }
}

/// The trained parser.
pub struct Parser {
    pub labels: Vec<String>,
    root_label: usize,
    model: Model,
}

fn n_moves(n_labels: usize) -> usize {
    1 + 2 * n_labels
}

/// Features of a state.
fn features(st: &State, input: &[Input], out: &mut Vec<u64>) {
    out.clear();
    let get = |i: usize| -> &Input {
        if i == NONE {
            &NONE_INPUT
        } else if i == 0 {
            &ROOT_INPUT
        } else {
            &input[i - 1]
        }
    };
    let lab = |i: usize| -> u64 { if i == NONE || st.heads[i] == NONE { 0xFFFF } else { st.labels[i] as u64 } };
    let child = |i: usize, side: usize, k: usize| -> usize {
        if i == NONE {
            NONE
        } else if side == 0 {
            st.left[i][k]
        } else {
            st.right[i][k]
        }
    };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let (s0l, s0l2, s0r, s0r2) = (child(s0, 0, 0), child(s0, 0, 1), child(s0, 1, 0), child(s0, 1, 1));
    let (b0l, b0l2) = (child(b0, 0, 0), child(b0, 0, 1));
    let (s1l, s1r) = (child(s1, 0, 0), child(s1, 1, 0));
    let (is0, is1, is2, ib0, ib1, ib2) = (get(s0), get(s1), get(s2), get(b0), get(b1), get(b2));
    let (is0l, is0l2, is0r, is0r2, ib0l, ib0l2, is1l, is1r) =
        (get(s0l), get(s0l2), get(s0r), get(s0r2), get(b0l), get(b0l2), get(s1l), get(s1r));
    let dist = if s0 != NONE && b0 != NONE && s0 != 0 { (b0 - s0).min(6) as u64 } else { 7 };
    let val = |i: usize, side: usize| -> u64 {
        if i == NONE {
            99
        } else if side == 0 {
            st.nleft[i] as u64
        } else {
            st.nright[i] as u64
        }
    };
    let set = |i: usize, side: usize| -> u64 {
        if i == NONE {
            1 << 63
        } else if side == 0 {
            st.left_set[i]
        } else {
            st.right_set[i]
        }
    };
    let (w, t, u) = (|x: &Input| x.word, |x: &Input| x.xpos, |x: &Input| x.upos);
    out.extend_from_slice(&[
        feat(0, 0),
        // Single words.
        feat(1, w(is0)),
        feat(2, t(is0)),
        feat2(3, w(is0), t(is0)),
        feat(4, w(ib0)),
        feat(5, t(ib0)),
        feat2(6, w(ib0), t(ib0)),
        feat(7, w(ib1)),
        feat(8, t(ib1)),
        feat2(9, w(ib1), t(ib1)),
        feat(10, w(ib2)),
        feat(11, t(ib2)),
        feat(12, w(is1)),
        feat(13, t(is1)),
        feat2(14, w(is1), t(is1)),
        feat(15, t(is2)),
        // Pairs.
        feat3(16, feat2(0, w(is0), t(is0)), w(ib0), t(ib0)),
        feat3(17, w(is0), t(is0), w(ib0)),
        feat3(18, w(is0), w(ib0), t(ib0)),
        feat3(19, w(is0), t(is0), t(ib0)),
        feat3(20, t(is0), w(ib0), t(ib0)),
        feat2(21, w(is0), w(ib0)),
        feat2(22, t(is0), t(ib0)),
        feat2(23, t(ib0), t(ib1)),
        feat2(24, w(is1), w(is0)),
        feat2(25, t(is1), t(is0)),
        feat2(26, w(is1), t(is0)),
        feat2(27, t(is1), w(is0)),
        feat3(60, w(is1), t(is1), t(is0)),
        feat3(61, t(is1), w(is0), t(is0)),
        // Triples.
        feat3(28, t(ib0), t(ib1), t(ib2)),
        feat3(29, t(is0), t(ib0), t(ib1)),
        feat3(30, t(is1), t(is0), t(ib0)),
        feat3(31, t(is0), t(is0l), t(ib0)),
        feat3(32, t(is0), t(is0r), t(ib0)),
        feat3(33, t(is0), t(ib0), t(ib0l)),
        feat3(34, t(is2), t(is1), t(is0)),
        feat3(35, t(is1), t(is1r), t(is0)),
        feat3(36, t(is1), t(is1l), t(is0)),
        // Distance.
        feat2(37, w(is0), dist),
        feat2(38, t(is0), dist),
        feat2(39, w(ib0), dist),
        feat2(40, t(ib0), dist),
        feat3(41, w(is0), w(ib0), dist),
        feat3(42, t(is0), t(ib0), dist),
        // Valency.
        feat2(43, w(is0), val(s0, 1)),
        feat2(44, t(is0), val(s0, 1)),
        feat2(45, w(is0), val(s0, 0)),
        feat2(46, t(is0), val(s0, 0)),
        feat2(47, w(ib0), val(b0, 0)),
        feat2(48, t(ib0), val(b0, 0)),
        // Children.
        feat(49, w(is0l)),
        feat(50, t(is0l)),
        feat(51, lab(s0l)),
        feat(52, w(is0r)),
        feat(53, t(is0r)),
        feat(54, lab(s0r)),
        feat(55, w(ib0l)),
        feat(56, t(ib0l)),
        feat(57, lab(b0l)),
        feat2(58, t(is1r), lab(s1r)),
        feat2(59, t(is1l), lab(s1l)),
        // Third order.
        feat(62, t(is0l2)),
        feat(63, lab(s0l2)),
        feat(64, t(is0r2)),
        feat(65, lab(s0r2)),
        feat(66, t(ib0l2)),
        feat(67, lab(b0l2)),
        feat3(68, t(is0), t(is0l), t(is0l2)),
        feat3(69, t(is0), t(is0r), t(is0r2)),
        feat3(70, t(ib0), t(ib0l), t(ib0l2)),
        // Label sets.
        feat2(71, w(is0), set(s0, 1)),
        feat2(72, t(is0), set(s0, 1)),
        feat2(73, w(is0), set(s0, 0)),
        feat2(74, t(is0), set(s0, 0)),
        feat2(75, w(ib0), set(b0, 0)),
        feat2(76, t(ib0), set(b0, 0)),
        // Universal tags.
        feat2(77, u(is0), u(ib0)),
        feat3(78, u(is1), u(is0), u(ib0)),
        feat3(79, u(is0), u(ib0), u(ib1)),
        feat3(80, lab(s0l), t(is0), t(ib0)),
        feat3(81, lab(s0r), t(is0), t(ib0)),
        feat3(82, lab(b0l), t(is0), t(ib0)),
    ]);
}

/// Legal moves of a state as a mask over all moves, honouring the root label rules.
fn legal(st: &State, n_labels: usize, root: usize, mask: &mut [bool]) {
    mask.iter_mut().for_each(|m| *m = false);
    mask[SHIFT] = st.can_shift();
    let left = st.can_left();
    let right = st.can_right();
    let s1_is_root = st.s(1) == 0;
    for l in 0..n_labels {
        mask[1 + 2 * l] = left && l != root;
        mask[2 + 2 * l] = right && ((l == root) == s1_is_root);
    }
}

fn best_legal(scores: &[f32], mask: &[bool]) -> usize {
    let mut best = NONE;
    for i in 0..scores.len() {
        if mask[i] && (best == NONE || scores[i] > scores[best]) {
            best = i;
        }
    }
    best
}

/// The result of parsing one sentence: 1-based heads (0 = root) and label indices.
pub struct Tree {
    pub heads: Vec<usize>,
    pub labels: Vec<usize>,
}

impl Parser {
    pub fn parse(&self, input: &[Input]) -> Tree {
        let n = input.len();
        let mut st = State::new(n);
        let moves = n_moves(self.labels.len());
        let mut scores = vec![0f32; moves];
        let mut mask = vec![false; moves];
        let mut feats = Vec::with_capacity(96);
        while !st.done() {
            features(&st, input, &mut feats);
            scores.iter_mut().for_each(|s| *s = 0.0);
            self.model.score(&feats, &mut scores);
            legal(&st, self.labels.len(), self.root_label, &mut mask);
            let mv = best_legal(&scores, &mask);
            st.apply(mv);
        }
        Tree { heads: st.heads[1..].to_vec(), labels: st.labels[1..].iter().map(|&l| l as usize).collect() }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.labels.len() as u64);
        for l in &self.labels {
            put_str(out, l);
        }
        put_varint(out, self.root_label as u64);
        self.model.write(out);
    }

    pub fn read(r: &mut ByteReader) -> Result<Parser, String> {
        let n = r.varint()? as usize;
        if n == 0 || n > 64 {
            return Err(format!("{n} labels: expected 1 to 64"));
        }
        let labels = (0..n).map(|_| r.string()).collect::<Result<Vec<_>, _>>()?;
        let root_label = r.varint()? as usize;
        if root_label >= n {
            return Err("root label out of range".into());
        }
        let model = Model::read(r)?;
        if model.n_classes != n_moves(n) {
            return Err("parser model does not match its labels".into());
        }
        Ok(Parser { labels, root_label, model })
    }

    pub fn size(&self) -> (usize, usize) {
        self.model.size()
    }
}

/// A training sentence for the parser: inputs and the gold tree (1-based heads).
pub struct Example {
    pub input: Vec<Input>,
    pub heads: Vec<usize>,
    pub labels: Vec<String>,
}

pub struct TrainOptions {
    pub max_epochs: usize,
    pub patience: usize,
    pub seed: u64,
    pub min_weight: f32,
    /// Probability of following the model's own (wrong) move after the first epoch.
    pub explore: f64,
    pub verbose: bool,
}

/// Trains a parser; `dev` (if not empty) picks the best epoch by LAS and stops early.
pub fn train(train: &[Example], dev: &[Example], opts: &TrainOptions) -> Parser {
    let mut labels: Vec<String> = train.iter().flat_map(|e| e.labels.iter().cloned()).collect();
    labels.sort();
    labels.dedup();
    if !labels.iter().any(|l| l == "root") {
        labels.push("root".into());
        labels.sort();
    }
    labels.truncate(64);
    let root = labels.iter().position(|l| l == "root").unwrap_or(0);
    let label_id = |l: &str| labels.iter().position(|x| x == l);
    // Gold trees with label ids; sentences whose labels are unknown are dropped.
    let golds: Vec<(Vec<usize>, Vec<usize>)> = train
        .iter()
        .map(|e| {
            let mut h = vec![NONE];
            h.extend_from_slice(&e.heads);
            let mut l = vec![0];
            l.extend(e.labels.iter().map(|x| label_id(x).unwrap_or(0)));
            (h, l)
        })
        .collect();
    let nl = labels.len();
    let moves = n_moves(nl);
    let mut trainer = Trainer::new(moves);
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; moves];
    let mut mask = vec![false; moves];
    let mut costs = vec![0u32; moves];
    let mut stopping = super::perceptron::EarlyStopping::new(opts.patience, !dev.is_empty());
    for epoch in 0..opts.max_epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let (gh, gl) = &golds[s];
            let input = &train[s].input;
            let mut st = State::new(input.len());
            while !st.done() {
                features(&st, input, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                trainer.score(&feats, &mut scores);
                legal(&st, nl, root, &mut mask);
                let c = st.costs(gh);
                let s0 = st.s(0);
                costs[SHIFT] = c[0];
                for l in 0..nl {
                    let wrong = |head: usize| (s0 != NONE && s0 != 0 && gh[s0] == head && gl[s0] != l) as u32;
                    costs[1 + 2 * l] = c[1] + wrong(st.b);
                    costs[2 + 2 * l] = c[2] + wrong(st.s(1));
                }
                let min = (0..moves).filter(|&m| mask[m]).map(|m| costs[m]).min().unwrap();
                let guess = best_legal(&scores, &mask);
                let mut gold = NONE;
                for m in 0..moves {
                    if mask[m] && costs[m] == min && (gold == NONE || scores[m] > scores[gold]) {
                        gold = m;
                    }
                }
                trainer.tick();
                let mv = if costs[guess] == min {
                    right += 1;
                    guess
                } else {
                    trainer.update(&feats, gold, guess);
                    if epoch > 0 && rng.unit() < opts.explore { guess } else { gold }
                };
                total += 1;
                st.apply(mv);
            }
        }
        let parser = Parser { labels: labels.clone(), root_label: root, model: trainer.freeze(opts.min_weight) };
        let (uas, las) = if dev.is_empty() { (0.0, 0.0) } else { attachment(&parser, dev) };
        if opts.verbose {
            eprintln!(
                "parser epoch {}: train moves {:.2}%  dev UAS {:.2}%  LAS {:.2}%",
                epoch + 1,
                100.0 * right as f64 / total.max(1) as f64,
                100.0 * uas,
                100.0 * las
            );
        }
        if stopping.offer(las, parser) {
            break;
        }
    }
    stopping.best()
}

/// UAS and LAS (universal part of the label) of a parser on examples.
pub fn attachment(parser: &Parser, data: &[Example]) -> (f64, f64) {
    let (mut uas, mut las, mut n) = (0usize, 0usize, 0usize);
    for e in data {
        let t = parser.parse(&e.input);
        for i in 0..e.heads.len() {
            n += 1;
            if t.heads[i] == e.heads[i] {
                uas += 1;
                let base = |l: &str| l.split(':').next().unwrap_or("").to_string();
                las += (base(&parser.labels[t.labels[i]]) == base(&e.labels[i])) as usize;
            }
        }
    }
    (uas as f64 / n.max(1) as f64, las as f64 / n.max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(n: usize) -> Vec<Input> {
        (0..n).map(|i| Input::new(&format!("w{i}"), "X", "X")).collect()
    }

    #[test]
    fn oracle_reproduces_projective_trees() {
        // "the cat sat on the mat": heads 2 3 0 6 6 3.
        let heads = vec![NONE, 2, 3, 0, 6, 6, 3];
        let mut st = State::new(6);
        while !st.done() {
            let c = st.costs(&heads);
            let legal = [st.can_shift(), st.can_left(), st.can_right()];
            let mv = (0..3).find(|&m| legal[m] && c[m] == 0).expect("a zero-cost move");
            st.apply(if mv == 0 { 0 } else { mv });
        }
        assert_eq!(st.heads[1..], heads[1..]);
    }

    #[test]
    fn untrained_parser_still_builds_trees() {
        let p = Parser {
            labels: vec!["dep".into(), "root".into()],
            root_label: 1,
            model: Trainer::new(n_moves(2)).freeze(0.0),
        };
        for n in 1..12 {
            let t = p.parse(&input(n));
            assert_eq!(t.heads.iter().filter(|&&h| h == 0).count(), 1);
        }
    }
}
