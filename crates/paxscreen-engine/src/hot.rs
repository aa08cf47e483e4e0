//! Helpers of the query hot path: stack-allocated weight lists, per-thread scratch
//! marks over names, and the name-score upper bound used to prune candidates.

use crate::score;
use std::cell::RefCell;

/// Margin under `needed` within which names are still scored in full by `screen`
/// (scores are rounded to 4 decimals after adding f32 adjustments).
pub(crate) const NEEDED_MARGIN: f32 = 1e-3;

/// Token weights of one name, on the stack for names of up to 16 tokens.
pub(crate) enum Weights {
    Inline(usize, [f32; 16]),
    Heap(Vec<f32>),
}

impl FromIterator<f32> for Weights {
    fn from_iter<I: IntoIterator<Item = f32>>(iter: I) -> Self {
        let mut a = [0.0f32; 16];
        let mut n = 0;
        let mut it = iter.into_iter();
        for w in it.by_ref() {
            if n == 16 {
                let mut v = a.to_vec();
                v.push(w);
                v.extend(it);
                return Weights::Heap(v);
            }
            a[n] = w;
            n += 1;
        }
        Weights::Inline(n, a)
    }
}

impl std::ops::Deref for Weights {
    type Target = [f32];
    fn deref(&self) -> &[f32] {
        match self {
            Weights::Inline(n, a) => &a[..*n],
            Weights::Heap(v) => v,
        }
    }
}

/// Upper bound of [`score::score_name`] for a name whose aligned pairs sum to at most
/// `x` (similarity x weight) and that leaves at least `unmatched` weight of traveller
/// tokens unmatched: the ratio bound of [`score::name_upper_bound`] (the matched
/// listed weight is at least `x`, unmatched listed weight at least 0) times the
/// uninformative-name discount at `x` (both grow with `x`).
pub(crate) fn name_bound(x: f32, unmatched: f32) -> f32 {
    let conf = (x / score::INFORMATIVE_MASS).min(1.0);
    score::name_upper_bound(x, unmatched) * (1.0 - score::UNINFORMATIVE_DISCOUNT * (1.0 - conf))
}

/// Upper bound of [`score::score_name`] for a name of total token weight
/// `name_weight` whose aligned pairs sum to at most `x` and that leaves at least
/// `unmatched` weight of traveller tokens unmatched. With `w` the matched listed
/// weight (`w >= x`), the unmatched listed weight is `name_weight - w`, so the
/// denominator `w + alpha * unmatched + beta * (name_weight - w)` is at least
/// `(1 - beta) * x + beta * name_weight + alpha * unmatched`; the bound grows with `x`.
pub(crate) fn name_bound_with_listed(x: f32, unmatched: f32, name_weight: f32) -> f32 {
    if x <= 0.0 {
        return 0.0;
    }
    let beta = score::BETA_UNMATCHED_LISTED;
    let denominator =
        (1.0 - beta) * x + beta * name_weight.max(x) + score::ALPHA_UNMATCHED_TRAVELLER * unmatched;
    let conf = (x / score::INFORMATIVE_MASS).min(1.0);
    (x / denominator).min(1.0) * (1.0 - score::UNINFORMATIVE_DISCOUNT * (1.0 - conf))
}

/// Whether a name of total weight `name_weight` whose aligned pairs sum to at most `x`,
/// leaving at least `unmatched` traveller weight unmatched, can still score `floor` by
/// both bounds (the card filter of the candidate search and the exact-date pass share
/// it, margins included).
#[inline]
pub(crate) fn card_may_reach(x: f32, unmatched: f32, name_weight: f32, floor: f32) -> bool {
    name_bound(x, unmatched) + 1e-6 >= floor
        && name_bound_with_listed(x, unmatched, name_weight) + 1e-4 >= floor
}

/// The largest listed name weight `w` for which
/// `name_bound_with_listed(x, unmatched, w) + margin >= floor` can hold, rounded up:
/// every `w` passing the test is at most the cut (the bound falls as `w` grows, and is
/// flat while `w <= x`), so a posting list running lightest first is read up to the
/// first name heavier than it with a compare instead of the bound's division per name.
pub(crate) fn weight_cut(x: f32, unmatched: f32, floor: f32, margin: f32) -> f32 {
    Floors::new([floor], margin).cuts(x, unmatched)[0]
}

/// Floors for [`weight_cut`], several at once (the union's conflict classes), with what
/// does not depend on the list computed once per query: the union computes two cuts for
/// each of ~225 lists per traveller, and a division per floor took 5.7% of a one-core
/// run at 1M names.
#[derive(Clone, Copy)]
pub(crate) struct Floors<const N: usize> {
    need: [f32; N],
    inv_need: [f32; N],
}

impl<const N: usize> Floors<N> {
    pub(crate) fn new(floors: [f32; N], margin: f32) -> Floors<N> {
        let need = floors.map(|floor| floor - margin);
        Floors {
            need,
            inv_need: need.map(|n| 1.0 / n),
        }
    }

    /// The cut for each floor. Without branches, so that the floors go in one vector.
    #[inline]
    pub(crate) fn cuts(&self, x: f32, unmatched: f32) -> [f32; N] {
        // Flat part: w <= x gives the bound's largest value.
        let flat = name_bound_with_listed(x, unmatched, x);
        let beta = score::BETA_UNMATCHED_LISTED;
        let conf = (x / score::INFORMATIVE_MASS).min(1.0);
        let discount = 1.0 - score::UNINFORMATIVE_DISCOUNT * (1.0 - conf);
        let gain = x * discount;
        let fixed = (1.0 - beta) * x + score::ALPHA_UNMATCHED_TRAVELLER * unmatched;
        std::array::from_fn(|c| {
            let need = self.need[c];
            // x * discount / denominator >= need, denominator = (1 - beta) x + beta w +
            // alpha u. The reciprocals are a rounding off the divisions; the cut is
            // rounded up by far more, so float error never cuts a passing name.
            let w = (gain * self.inv_need[c] - fixed) * (1.0 / beta);
            let w = w.max(x) * (1.0 + 1e-4) + 1e-4;
            let w = if flat < need { f32::NEG_INFINITY } else { w };
            if need <= 0.0 {
                f32::INFINITY
            } else {
                w
            }
        })
    }
}

thread_local! {
    /// Per-thread marks over names, all zero between queries: set membership and
    /// intersection counts without sorting or hashing long posting unions.
    static MARKS: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with this thread's marks (at least `n` long, all zero); `f` returns the
/// names it marked, which are reset afterwards.
pub(crate) fn with_marks(n: usize, f: impl FnOnce(&mut [u8]) -> Vec<u32>) -> Vec<u32> {
    MARKS.with(|cell| {
        let mut marks = cell.borrow_mut();
        if marks.len() < n {
            marks.resize(n, 0);
        }
        f(&mut marks[..n])
    })
}

thread_local! {
    /// Per-thread bit set over names, all zero between queries: union membership in an
    /// eighth of the memory of [`MARKS`] (200 KB at 1.6M names, so it stays in cache),
    /// a second level with one bit per word of the first (the words in use), and a
    /// second set of names (those met once in zone B, see `query::Zones`).
    static BITS: RefCell<[Vec<u64>; 3]> = const { RefCell::new([Vec::new(), Vec::new(), Vec::new()]) };
}

/// Runs `f` with this thread's bit set (at least `n` bits), its second level and a
/// second bit set as long as the first, all zero; `f` must leave all three zero again.
pub(crate) fn with_bits(
    n: usize,
    f: impl FnOnce(&mut [u64], &mut [u64], &mut [u64]) -> Vec<u32>,
) -> Vec<u32> {
    BITS.with(|cell| {
        let [bits, summary, second] = &mut *cell.borrow_mut();
        let words = n.div_ceil(64);
        if bits.len() < words {
            bits.resize(words, 0);
            second.resize(words, 0);
        }
        let summary_words = words.div_ceil(64);
        if summary.len() < summary_words {
            summary.resize(summary_words, 0);
        }
        f(
            &mut bits[..words],
            &mut summary[..summary_words],
            &mut second[..words],
        )
    })
}

/// Resets the marks of `touched` names (every name `f` of [`with_marks`] changed must
/// be listed here, or in its result).
pub(crate) fn clear_marks(marks: &mut [u8], touched: impl Iterator<Item = u32>) {
    for n in touched {
        marks[n as usize] = 0;
    }
}

/// What retrieval found for one query token: its matches, weight and largest weight.
#[derive(Clone)]
pub(crate) struct Retrieved {
    pub matches: std::sync::Arc<[(u32, f32, crate::score::How)]>,
    pub by_value: std::sync::Arc<[crate::query::Valued]>,
    pub inline: std::sync::Arc<[crate::index::HotPosting]>,
    pub inline_end: std::sync::Arc<[u32]>,
    pub weight: f32,
    pub own_weight: f32,
}

impl Retrieved {
    /// What this retrieval counts towards [`CACHE_MATCHES`]: its matches, half its
    /// inline postings (12 bytes each), plus one, so that tokens meeting nothing (a
    /// stream of garbage names) cannot grow the map without bound either.
    fn size(&self) -> usize {
        self.matches.len() + self.inline.len() / 2 + 1
    }
}

/// Cache of query-token retrieval shared by every thread, keyed by the index and
/// everything retrieval reads of the token (forms, keys, role, truncatable). Manifests
/// repeat tokens heavily (MOHAMMED, ALI, AL): a hit skips the fst walks, the deletion
/// neighbourhood and the edit distances, whichever thread retrieved the token first.
/// Retrieval is deterministic, so a cached result is the result. Bounded: cleared when
/// it holds too many matches (entries of a replaced index go then too).
struct RetrievalCache {
    map: std::collections::HashMap<String, Retrieved>,
    matches: usize,
}

/// Most matches held by the cache (24 bytes each: by token and by value; plus one per
/// cached token; an inline posting counts half): about 190 MB. The 100k travellers of
/// `paxscreen bench` (1M names) fit: at 4M the cache, holding the copied short lists
/// too, was emptied three times in two passes over them, and the second pass took as
/// long as the first.
const CACHE_MATCHES: usize = 8_000_000;

static CACHE: std::sync::LazyLock<std::sync::RwLock<RetrievalCache>> =
    std::sync::LazyLock::new(|| {
        std::sync::RwLock::new(RetrievalCache {
            map: std::collections::HashMap::new(),
            matches: 0,
        })
    });

/// The cache key of a query token over index `index`.
pub(crate) fn retrieval_key(
    index: u64,
    forms: &[String],
    keys: &[String],
    role: u8,
    truncatable: bool,
    exact_only: bool,
) -> String {
    use std::fmt::Write;
    let mut k = String::with_capacity(64);
    let _ = write!(k, "{index:x}:");
    k.push(char::from(b'0' + role));
    k.push(if truncatable { 'T' } else { 'F' });
    if exact_only {
        k.push('E');
    }
    for f in forms {
        k.push('|');
        k.push_str(f);
    }
    k.push('#');
    for f in keys {
        k.push('|');
        k.push_str(f);
    }
    k
}

/// The cached retrieval of `key`, if any.
pub(crate) fn cached(key: &str) -> Option<Retrieved> {
    // A poisoned lock only means another thread panicked while holding it; every entry
    // in the map is still a complete, valid retrieval.
    let c = CACHE
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    c.map.get(key).cloned()
}

/// Empties the retrieval cache (see [`crate::clear_retrieval_cache`]).
pub(crate) fn clear_cache() {
    let mut c = CACHE
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    c.map.clear();
    c.matches = 0;
}

/// Remembers the retrieval of `key`.
pub(crate) fn remember(key: String, r: &Retrieved) {
    let size = r.size();
    let mut c = CACHE
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if c.matches + size > CACHE_MATCHES {
        c.map.clear();
        c.matches = 0;
    }
    c.matches += size;
    if let Some(old) = c.map.insert(key, r.clone()) {
        c.matches -= old.size();
    }
}

thread_local! {
    /// Per-thread slots over listed tokens, all zero between queries: slot `s > 0` of
    /// a token holds its values for each traveller token at `(s - 1) * nq ..`.
    static TOKEN_SLOTS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// The best value (similarity x weight) each traveller token can earn from each
/// matched listed token, looked up by token id without binary searches.
pub(crate) struct TokenValues<'a> {
    slots: std::cell::RefMut<'a, Vec<u32>>,
    values: Vec<f32>,
    touched: Vec<u32>,
    nq: usize,
}

/// Runs `f` with the values of `by_value[i]` = (value, listed token, posting length) per
/// traveller token (see [`crate::query::Valued`]).
pub(crate) fn with_token_values<R>(
    n_tokens: usize,
    by_value: &[&[crate::query::Valued]],
    f: impl FnOnce(&TokenValues<'_>) -> R,
) -> R {
    TOKEN_SLOTS.with(|cell| {
        let mut slots = cell.borrow_mut();
        if slots.len() < n_tokens {
            slots.resize(n_tokens, 0);
        }
        let nq = by_value.len();
        // Sized and zeroed for every pair at once: growing them pair by pair (a
        // traveller meets ~400 listed tokens at 1M names, a common one thousands)
        // reallocated and copied them several times, and zeroing each new token's
        // values was a call to memset (~400 a traveller).
        let pairs: usize = by_value.iter().map(|v| v.len()).sum();
        let mut values: Vec<f32> = vec![0.0; pairs * nq];
        let mut touched = Vec::with_capacity(pairs);
        for (i, v) in by_value.iter().enumerate() {
            for &(val, t, _) in v.iter() {
                let s = &mut slots[t as usize];
                if *s == 0 {
                    touched.push(t);
                    *s = touched.len() as u32;
                }
                let at = (*s as usize - 1) * nq + i;
                values[at] = values[at].max(val);
            }
        }
        values.truncate(touched.len() * nq);
        let tv = TokenValues {
            slots,
            values,
            touched,
            nq,
        };
        let r = f(&tv);
        let TokenValues {
            mut slots, touched, ..
        } = tv;
        for t in touched {
            slots[t as usize] = 0;
        }
        r
    })
}

impl TokenValues<'_> {
    /// The slot of listed token `t` (0 when it matches none), for [`TokenValues::at`].
    #[inline]
    pub fn slot(&self, t: u32) -> u32 {
        self.slots.get(t as usize).copied().unwrap_or(0)
    }

    /// The values of the listed token in `slot` per traveller token (empty for slot 0).
    #[inline]
    pub fn at(&self, slot: u32) -> &[f32] {
        if slot == 0 {
            return &[];
        }
        let a = (slot as usize - 1) * self.nq;
        &self.values[a..a + self.nq]
    }
}

/// Bit `k` set where `spans[k]` (at most 64 `[lo, hi]` near spans) has `lo <= a` and
/// `hi >= b`: the union's test of a block of postings for births near the traveller.
/// Eight spans at a time: their tests as eight bytes of 0 or 1, gathered into eight
/// bits by one multiplication (byte `i` lands on bit `56 + i`, and no two partial
/// products share a bit, so nothing carries), instead of a shift and an or per span.
#[inline]
pub(crate) fn near_mask(spans: &[[u8; 2]], a: u8, b: u8) -> u64 {
    debug_assert!(spans.len() <= 64);
    let mut mask = 0u64;
    let mut chunks = spans.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        // A fixed eight, so that the tests unroll without a loop.
        let chunk: &[[u8; 2]; 8] = chunk.try_into().expect("chunks of eight");
        let bytes = chunk.map(|[lo, hi]| u8::from((lo <= a) & (hi >= b)));
        let bits = u64::from_le_bytes(bytes).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= bits << at;
        at += 8;
    }
    for (k, &[lo, hi]) in chunks.remainder().iter().enumerate() {
        mask |= u64::from((lo <= a) & (hi >= b)) << (at + k);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The gathered mask is the per-span test, bit for bit, at every length up to
        /// 64 (partial chunks included) and at the extremes of the bytes.
        #[test]
        fn near_mask_is_the_per_span_test(
            spans in proptest::collection::vec(
                (proptest::prop_oneof![0u8..=3, 250u8..=255, proptest::num::u8::ANY],
                 proptest::prop_oneof![0u8..=3, 250u8..=255, proptest::num::u8::ANY]),
                0..=64,
            ),
            a in proptest::num::u8::ANY,
            b in proptest::num::u8::ANY,
        ) {
            let spans: Vec<[u8; 2]> = spans.into_iter().map(|(lo, hi)| [lo, hi]).collect();
            let mut want = 0u64;
            for (k, &[lo, hi]) in spans.iter().enumerate() {
                want |= u64::from((lo <= a) & (hi >= b)) << k;
            }
            proptest::prop_assert_eq!(near_mask(&spans, a, b), want);
        }
    }

    #[test]
    fn weight_cut_keeps_every_weight_the_bound_passes_and_little_more() {
        let grid =
            |lo: f32, hi: f32, n: usize| (0..=n).map(move |k| lo + (hi - lo) * k as f32 / n as f32);
        let mut passed = 0;
        for x in grid(0.05, 40.0, 60) {
            for unmatched in grid(0.0, 30.0, 30) {
                for floor in grid(0.3, 1.0, 14) {
                    let cut = weight_cut(x, unmatched, floor, 2e-4);
                    for w in grid(0.0, 120.0, 400) {
                        let passes = name_bound_with_listed(x, unmatched, w) + 2e-4 >= floor;
                        if passes {
                            passed += 1;
                            assert!(w <= cut, "x {x} u {unmatched} floor {floor}: {w} > {cut}");
                        } else {
                            // Tight: a weight failing the bound is at most a hair under
                            // the cut.
                            assert!(
                                w > cut * 0.999 - 1e-3,
                                "x {x} u {unmatched} floor {floor}: {w} fails, cut {cut}"
                            );
                        }
                    }
                }
            }
        }
        // The grid covers both sides of the cut.
        assert!(passed > 100_000, "{passed}");
    }
}
