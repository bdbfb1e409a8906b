//! The averaged perceptron shared by the tagger and the parser, with hashed features.
//!
//! Features are 64-bit hashes of (template, values); each feature holds a sparse list of
//! (class, weight). Training keeps, for every weight, its running sum for averaging (the
//! standard lazy trick). Freezing averages the weights, drops the negligible ones, folds the
//! keys to 32 bits and quantises the weights to 16 bits for the model file.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that already are hashes.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Early stopping on a dev score: keeps the best model seen, and says when `patience`
/// epochs have passed without improvement. With no dev data every epoch counts as best.
pub struct EarlyStopping<T> {
    best: Option<(f64, T)>,
    since_best: usize,
    patience: usize,
    has_dev: bool,
}

impl<T> EarlyStopping<T> {
    pub fn new(patience: usize, has_dev: bool) -> Self {
        EarlyStopping { best: None, since_best: 0, patience, has_dev }
    }

    /// Offers an epoch's model and dev score; returns `true` when training should stop.
    pub fn offer(&mut self, score: f64, model: T) -> bool {
        if !self.has_dev || self.best.as_ref().is_none_or(|(b, _)| score > *b) {
            self.best = Some((score, model));
            self.since_best = 0;
            false
        } else {
            self.since_best += 1;
            self.since_best >= self.patience
        }
    }

    /// The best model offered.
    pub fn best(self) -> T {
        self.best.expect("at least one epoch").1
    }
}

/// Mixes a value into a hash.
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    let v = (h ^ x).wrapping_mul(K);
    v ^ (v >> 29)
}

/// Hash of a string (FNV-1a, then mixed): stable across runs and platforms.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    mix(h, 0x51)
}

/// A feature: template number and up to three values.
#[inline]
pub fn feat(template: u64, a: u64) -> u64 {
    mix(mix(template.wrapping_mul(0xA076_1D64_78BD_642F), a), 1)
}
#[inline]
pub fn feat2(template: u64, a: u64, b: u64) -> u64 {
    mix(feat(template, a), b)
}
#[inline]
pub fn feat3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(feat2(template, a, b), c)
}

/// Seeded random numbers (SplitMix64): training is reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(K);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    weight: i32,
    total: i64,
    stamp: u32,
}

/// A perceptron being trained.
pub struct Trainer {
    n_classes: usize,
    weights: IdMap<u64, Vec<Entry>>,
    /// Number of examples seen (the clock of the averaging).
    time: u32,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        assert!(n_classes <= MAX_CLASSES, "{n_classes} classes: at most {MAX_CLASSES} are supported");
        Trainer { n_classes, weights: IdMap::default(), time: 0 }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Adds the current weights of `feats` to `scores` (length `n_classes`, zeroed by caller).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(entries) = self.weights.get(f) {
                for e in entries {
                    scores[e.class as usize] += e.weight as f32;
                }
            }
        }
    }

    /// Counts one example (call once per decision, whether or not it was right).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves the weights of `feats` towards `truth` and away from `guess`.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            self.add(f, truth, 1);
            self.add(f, guess, -1);
        }
    }

    /// Adds `delta` to the weight of every feature of `feats` for `class` (for rankers,
    /// whose candidates have features of their own).
    pub fn adjust(&mut self, feats: &[u64], class: usize, delta: i32) {
        for &f in feats {
            self.add(f, class, delta);
        }
    }

    fn add(&mut self, f: u64, class: usize, delta: i32) {
        let now = self.time;
        let entries = self.weights.entry(f).or_default();
        let e = match entries.iter_mut().position(|e| e.class as usize == class) {
            Some(i) => &mut entries[i],
            None => {
                entries.push(Entry { class: class as u16, weight: 0, total: 0, stamp: now });
                entries.last_mut().unwrap()
            }
        };
        e.total += (now - e.stamp) as i64 * e.weight as i64;
        e.stamp = now;
        e.weight += delta;
    }

    /// The averaged weights, as a model for prediction. Weights below `min_weight` in
    /// absolute value are dropped; the rest are quantised to 16 bits, as in model files.
    pub fn freeze(&self, min_weight: f32) -> Model {
        let time = self.time.max(1) as f64;
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        keys.sort_unstable();
        let mut merged: IdMap<u32, Vec<(u16, f32)>> = IdMap::default();
        for &key in keys {
            let folded = fold(key);
            for e in &self.weights[&key] {
                let total = e.total + (self.time - e.stamp) as i64 * e.weight as i64;
                let w = (total as f64 / time) as f32;
                if w.abs() < min_weight {
                    continue;
                }
                let list = merged.entry(folded).or_default();
                match list.iter_mut().find(|(c, _)| *c == e.class) {
                    Some(x) => x.1 += w,
                    None => list.push((e.class, w)),
                }
            }
        }
        let max = merged.values().flatten().fold(0f32, |m, (_, w)| m.max(w.abs())).max(1e-6);
        let scale = max / 32767.0;
        let mut keys: Vec<u32> = merged.keys().copied().collect();
        keys.sort_unstable();
        let mut m = Model::empty(self.n_classes, scale);
        for k in keys {
            let mut list = merged.remove(&k).unwrap();
            list.sort_by_key(|x| x.0);
            let start = m.entries.len() as u32;
            for (c, w) in list {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    m.entries.push(pack(c, q));
                }
            }
            let len = m.entries.len() as u32 - start;
            if len > 0 {
                m.index.insert(k, (start, len));
            }
        }
        m.densify();
        m
    }
}

/// Folds a 64-bit feature key to the 32 bits stored in models.
#[inline]
pub fn fold(key: u64) -> u32 {
    (key ^ (key >> 32)) as u32
}

#[inline]
fn pack(class: u16, weight: i16) -> u32 {
    ((class as u32) << 16) | weight as u16 as u32
}

#[inline]
fn unpack(e: u32) -> (usize, i32) {
    ((e >> 16) as usize, e as u16 as i16 as i32)
}

/// A trained perceptron, read-only, with 16-bit weights (one scale per model). Features with
/// many classes hold a dense row (faster to add up), the others a sparse list of packed
/// (class, weight) pairs.
pub struct Model {
    pub n_classes: usize,
    scale: f32,
    /// Feature → (start, length) in `entries`, or (start in `dense`, `DENSE`).
    index: Table,
    entries: Vec<u32>,
    dense: Vec<i16>,
}

const DENSE: u32 = u32::MAX;

/// Open-addressing hash table from feature key to row, one slot of 12 bytes per entry, so
/// that a look-up usually costs one cache line. A slot with `len == 0` is empty.
#[derive(Default)]
struct Table {
    slots: Vec<(u32, u32, u32)>,
    len: usize,
    shift: u32,
}

impl Table {
    fn with_capacity(n: usize) -> Table {
        let size = (n * 2).max(16).next_power_of_two();
        Table { slots: vec![(0, 0, 0); size], len: 0, shift: 64 - size.trailing_zeros() }
    }

    #[inline]
    fn slot(&self, key: u32) -> usize {
        ((key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, key: u32) -> Option<(u32, u32)> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            let (k, start, len) = self.slots[i];
            if len == 0 {
                return None;
            }
            if k == key {
                return Some((start, len));
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts a new key (`len > 0`); false if it is already there.
    fn insert(&mut self, key: u32, (start, len): (u32, u32)) -> bool {
        debug_assert!(len > 0);
        if (self.len + 1) * 2 > self.slots.len() {
            let old = self.drain();
            *self = Table::with_capacity((old.len() + 1) * 2);
            for (k, v) in old {
                self.insert(k, v);
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        while self.slots[i].2 != 0 {
            if self.slots[i].0 == key {
                return false;
            }
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, start, len);
        self.len += 1;
        true
    }

    fn len(&self) -> usize {
        self.len
    }

    fn iter(&self) -> impl Iterator<Item = (u32, (u32, u32))> + '_ {
        self.slots.iter().filter(|s| s.2 != 0).map(|&(k, s, l)| (k, (s, l)))
    }

    fn drain(&mut self) -> Vec<(u32, (u32, u32))> {
        let all = self.iter().collect();
        *self = Table::default();
        all
    }
}
/// Most classes a model may have.
const MAX_CLASSES: usize = 1024;

impl Model {
    fn empty(n_classes: usize, scale: f32) -> Model {
        Model { n_classes, scale, index: Table::default(), entries: vec![], dense: vec![] }
    }

    /// Adds the weights of `feats` to `scores` (length `n_classes`).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let mut small = [0i32; 256];
        let mut large = Vec::new();
        let acc: &mut [i32] = if self.n_classes <= small.len() {
            &mut small[..self.n_classes]
        } else {
            large.resize(self.n_classes, 0);
            &mut large
        };
        // Look every feature up first, so that the memory accesses overlap.
        let mut rows = [(0u32, 0u32); 128];
        for chunk in feats.chunks(rows.len()) {
            let mut found = 0;
            for &f in chunk {
                if let Some(row) = self.index.get(fold(f)) {
                    rows[found] = row;
                    found += 1;
                }
            }
            self.accumulate(&rows[..found], acc);
        }
        for (s, a) in scores.iter_mut().zip(acc.iter()) {
            *s += *a as f32 * self.scale;
        }
    }

    #[inline]
    fn accumulate(&self, rows: &[(u32, u32)], acc: &mut [i32]) {
        for &(start, len) in rows {
            if len == DENSE {
                let row = &self.dense[start as usize..start as usize + self.n_classes];
                for (s, w) in acc.iter_mut().zip(row) {
                    *s += *w as i32;
                }
            } else {
                for &e in &self.entries[start as usize..(start + len) as usize] {
                    let (c, w) = unpack(e);
                    acc[c] += w;
                }
            }
        }
    }

    /// Number of features and of non-zero weights.
    pub fn size(&self) -> (usize, usize) {
        (self.index.len(), self.entries.len() + self.dense.iter().filter(|w| **w != 0).count())
    }

    /// The (class, weight) pairs of a feature.
    fn feature_entries(&self, start: u32, len: u32) -> Vec<(usize, i32)> {
        if len == DENSE {
            let row = &self.dense[start as usize..start as usize + self.n_classes];
            row.iter().enumerate().filter(|(_, w)| **w != 0).map(|(c, w)| (c, *w as i32)).collect()
        } else {
            self.entries[start as usize..(start + len) as usize].iter().map(|&e| unpack(e)).collect()
        }
    }

    /// Moves the features with many classes to dense rows.
    fn densify(&mut self) {
        let threshold = (self.n_classes / 4).max(4) as u32;
        let entries = std::mem::take(&mut self.entries);
        let mut all: Vec<(u32, (u32, u32))> = self.index.drain();
        all.sort_unstable_by_key(|x| x.0);
        self.index = Table::with_capacity(all.len());
        for (k, (start, len)) in all {
            let range = start as usize..(start + len) as usize;
            if len >= threshold {
                let at = self.dense.len();
                self.dense.resize(at + self.n_classes, 0);
                for &e in &entries[range] {
                    let (c, w) = unpack(e);
                    self.dense[at + c] = w as i16;
                }
                self.index.insert(k, (at as u32, DENSE));
            } else {
                let at = self.entries.len() as u32;
                self.entries.extend_from_slice(&entries[range]);
                self.index.insert(k, (at, len));
            }
        }
    }

    /// Serialises: class count, scale, feature count, then per feature (in key order) its
    /// key, its number of weights and its (class, i16 weight) pairs.
    pub fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.n_classes as u32);
        out.extend_from_slice(&self.scale.to_le_bytes());
        let mut keys: Vec<(u32, (u32, u32))> = self.index.iter().collect();
        keys.sort_unstable_by_key(|x| x.0);
        put_u32(out, keys.len() as u32);
        for (k, (start, len)) in keys {
            put_u32(out, k);
            let entries = self.feature_entries(start, len);
            put_varint(out, entries.len() as u64);
            for (c, w) in entries {
                put_varint(out, c as u64);
                out.extend_from_slice(&(w as i16).to_le_bytes());
            }
        }
    }

    pub fn read(r: &mut ByteReader) -> Result<Model, String> {
        let n_classes = r.u32()? as usize;
        if n_classes == 0 || n_classes > MAX_CLASSES {
            return Err(format!("{n_classes} classes: expected 1 to {MAX_CLASSES}"));
        }
        let scale = f32::from_le_bytes(r.bytes(4)?.try_into().unwrap());
        if !scale.is_finite() {
            return Err("bad weight scale".into());
        }
        let n = r.u32()? as usize;
        let mut m = Model::empty(n_classes, scale);
        m.index = Table::with_capacity(n.min(1 << 24));
        for _ in 0..n {
            let k = r.u32()?;
            let len = r.varint()? as usize;
            let start = m.entries.len() as u32;
            let mut last = None;
            for _ in 0..len {
                let c = r.varint()? as usize;
                if c >= n_classes || last.is_some_and(|l| c <= l) {
                    return Err(format!("class {c} out of range or out of order"));
                }
                last = Some(c);
                let q = i16::from_le_bytes(r.bytes(2)?.try_into().unwrap());
                if q != 0 {
                    m.entries.push(pack(c as u16, q));
                }
            }
            let len = m.entries.len() as u32 - start;
            if len > 0 && !m.index.insert(k, (start, len)) {
                return Err(format!("feature {k:08x} twice"));
            }
        }
        m.densify();
        Ok(m)
    }
}

pub fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Reads what the `put_*` functions wrote, with errors instead of panics.
pub struct ByteReader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> ByteReader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        ByteReader { data, pos: 0 }
    }
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.pos + n > self.data.len() {
            return Err(format!("model truncated at byte {}", self.pos));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.bytes(4)?.try_into().unwrap()))
    }
    pub fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.bytes(1)?[0];
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("bad number at byte {}", self.pos))
    }
    pub fn string(&mut self) -> Result<String, String> {
        let n = self.varint()? as usize;
        let b = self.bytes(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| format!("bad text at byte {}", self.pos))
    }
    pub fn at_end(&self) -> bool {
        self.pos == self.data.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(3);
        let data: Vec<(Vec<u64>, usize)> =
            (0..30).map(|i| (vec![feat(1, i % 3), feat(2, 7)], (i % 3) as usize)).collect();
        for _ in 0..5 {
            for (f, y) in &data {
                let mut s = [0f32; 3];
                t.score(f, &mut s);
                let guess = (0..3).max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a))).unwrap();
                t.tick();
                t.update(f, *y, guess);
            }
        }
        let m = t.freeze(0.0);
        let mut bytes = Vec::new();
        m.write(&mut bytes);
        let m2 = Model::read(&mut ByteReader::new(&bytes)).unwrap();
        for (f, y) in &data {
            let mut s = [0f32; 3];
            m2.score(f, &mut s);
            let best = (0..3).max_by(|&a, &b| s[a].total_cmp(&s[b])).unwrap();
            assert_eq!(best, *y);
        }
        assert!(Model::read(&mut ByteReader::new(&bytes[..bytes.len() - 1])).is_err());
    }

    #[test]
    fn rng_is_seeded() {
        let a: Vec<u64> = {
            let mut r = Rng::new(7);
            (0..5).map(|_| r.next_u64()).collect()
        };
        let b: Vec<u64> = {
            let mut r = Rng::new(7);
            (0..5).map(|_| r.next_u64()).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a[0], Rng::new(8).next_u64());
    }
}
