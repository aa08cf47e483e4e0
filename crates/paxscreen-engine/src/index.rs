//! The index: every watchlist name analysed once into tokens, with fst dictionaries
//! for the three ways a traveller token can meet a listed one (a shared form or typo
//! neighbour, a shared variant key, a prefix) and postings from tokens to names.

use crate::EngineError;
use fst::{Map, MapBuilder};
use paxscreen_core::WatchlistEntry;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Typos tolerated in a listed token of this many letters: none in one or two letters,
/// whose variants variant keys cover; one in three (KIM for KUM, XLI for ALI: a
/// peer that drops these misses a typo'd short name), counting at most
/// [`crate::score::SHORT_TYPO_SIMILARITY`].
pub(crate) fn max_typos(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=7 => 1,
        _ => 2,
    }
}

/// Deletions a traveller form of `len` letters needs to share a deletion variant with
/// every listed form it is within typo distance of. Of the `d <= max_typos(L)` edits
/// that turn it into a listed form of `L` letters, each costs the traveller side one
/// deletion (a substitution or a transposition one on each side, a letter the listed
/// form lacks one) except the insertions, which cost the listed side, and at least
/// `L - len` of them are insertions: the most, over `L`, of `max_typos(L) - (L - len)`.
/// One less than `max_typos(len + 2)` for 6 and 7 letters (MOHAMED, HASSAN): at 1M
/// names, 69 listed forms found per new traveller token instead of 96.
pub(crate) fn query_deletions(len: usize) -> usize {
    (len.saturating_sub(2)..=len + 2)
        .filter(|&l| l.abs_diff(len) <= max_typos(l))
        .map(|l| max_typos(l) - l.saturating_sub(len))
        .max()
        .unwrap_or(0)
}

/// Every string made from `word` by deleting up to `max` letters (the word itself
/// included): two words within edit distance `d` (substitutions, insertions, deletions,
/// adjacent transpositions) always share one with at most `d` deletions on each side.
/// The reference for the arena form the index build uses and for the fst walk that
/// looks them up (both tested against it).
#[cfg(test)]
pub(crate) fn deletion_variants(word: &str, max: usize, out: &mut Vec<String>) {
    out.push(word.to_string());
    let mut frontier = vec![word.to_string()];
    for _ in 0..max {
        let mut next = Vec::new();
        for w in &frontier {
            if w.len() <= 1 {
                continue;
            }
            for i in 0..w.len() {
                let mut v = String::with_capacity(w.len() - 1);
                v.push_str(&w[..i]);
                v.push_str(&w[i + 1..]);
                next.push(v);
            }
        }
        next.sort_unstable();
        next.dedup();
        out.extend(next.iter().cloned());
        frontier = next;
    }
}

/// The deletion variants of `word` (see the test-only `deletion_variants`, their
/// reference; possibly with repeats) written into `arena`, each as
/// a span `(start, len)` pushed onto `spans`: the index build makes millions of them,
/// and a String each cost more in allocation than their sorting.
fn push_deletion_variants(
    word: &[u8],
    max: usize,
    arena: &mut Vec<u8>,
    spans: &mut Vec<(u32, u16)>,
) {
    // Deletes every combination of up to `left` more positions at or after `from`.
    fn delete(
        word: &[u8],
        kept: &mut Vec<u8>,
        from: usize,
        left: usize,
        arena: &mut Vec<u8>,
        spans: &mut Vec<(u32, u16)>,
    ) {
        let rest = &word[from..];
        if kept.len() + rest.len() > 0 {
            spans.push((arena.len() as u32, (kept.len() + rest.len()) as u16));
            arena.extend_from_slice(kept);
            arena.extend_from_slice(rest);
        }
        if left == 0 {
            return;
        }
        for i in from..word.len() {
            // At least one letter stays.
            if kept.len() + (i - from) + (word.len() - i - 1) == 0 {
                continue;
            }
            let at = kept.len();
            kept.extend_from_slice(&word[from..i]);
            delete(word, kept, i + 1, left - 1, arena, spans);
            kept.truncate(at);
        }
    }
    if word.is_empty() {
        spans.push((arena.len() as u32, 0));
        return;
    }
    if word.len() > u16::MAX as usize {
        // No name token is that long; such a form would still be found exactly, through
        // the forms fst, just not within typos.
        return;
    }
    delete(
        word,
        &mut Vec::with_capacity(word.len()),
        0,
        max,
        arena,
        spans,
    );
}

/// The first eight bytes of `b`, zero-padded, as a big-endian number: sorting by it
/// sorts by the bytes' first eight (names hold no zero byte, so a shorter string that is
/// a prefix of a longer one still sorts first).
fn prefix8(b: &[u8]) -> u64 {
    let mut p = [0u8; 8];
    let n = b.len().min(8);
    p[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(p)
}

/// The bytes of one span `(start, len)` of a deletion-variant arena.
fn span_bytes(arena: &[u8], (at, len): (u32, u16)) -> &[u8] {
    &arena[at as usize..at as usize + len as usize]
}

/// The values of every key of `fst` that the deletion variants of `word` with up to
/// `max` deletions would give (the word itself included), pushed onto `out` (unsorted, with
/// repeats). One walk down the fst: variants that share a prefix share its nodes,
/// where looking each variant up alone decodes its whole path again and first builds
/// it as a string.
pub(crate) fn deletion_lookup<D: AsRef<[u8]>>(
    fst: &fst::raw::Fst<D>,
    word: &[u8],
    max: usize,
    out: &mut Vec<u64>,
) {
    fn walk<D: AsRef<[u8]>>(
        fst: &fst::raw::Fst<D>,
        node: fst::raw::Node<'_>,
        acc: fst::raw::Output,
        rest: &[u8],
        max: usize,
        out: &mut Vec<u64>,
    ) {
        let Some((&b, tail)) = rest.split_first() else {
            if node.is_final() {
                out.push(acc.cat(node.final_output()).value());
            }
            return;
        };
        // Delete `b`, or keep it.
        if max > 0 {
            walk(fst, node, acc, tail, max - 1, out);
        }
        if let Some(i) = node.find_input(b) {
            let t = node.transition(i);
            walk(fst, fst.node(t.addr), acc.cat(t.out), tail, max, out);
        }
    }
    // Deleting every letter leaves the empty word, which is no key.
    let max = max.min(word.len().saturating_sub(1));
    walk(fst, fst.root(), fst::raw::Output::zero(), word, max, out);
}

/// Lists of u32 stored flat: list `i` is `data[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Postings {
    offsets: Vec<u32>,
    data: Vec<u32>,
}

impl Postings {
    pub fn from_lists(lists: Vec<Vec<u32>>) -> Postings {
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        let mut data = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        offsets.push(0);
        for l in lists {
            data.extend(l);
            offsets.push(data.len() as u32);
        }
        Postings { offsets, data }
    }

    /// Postings from their flat parts: list `i` is `data[offsets[i]..offsets[i + 1]]`
    /// (`offsets` starts at 0, never falls, and ends at `data.len()`).
    fn from_parts(offsets: Vec<u32>, data: Vec<u32>) -> Postings {
        debug_assert!(offsets.first() == Some(&0) && offsets.windows(2).all(|w| w[0] <= w[1]));
        debug_assert_eq!(offsets.last().map(|&o| o as usize), Some(data.len()));
        Postings { offsets, data }
    }

    pub fn get(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.data[a as usize..b as usize],
            _ => &[],
        }
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Where list `i` sits in the flat data (empty for an unknown list): arrays kept
    /// parallel to the postings ([`Tables::token_name_years`], [`Index::postings_hot`])
    /// are indexed by it.
    pub fn span(&self, i: u32) -> std::ops::Range<usize> {
        let i = i as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// Every list's items, flat, in list order.
    pub fn flat(&self) -> &[u32] {
        &self.data
    }
}

/// One distinct analysed token of the watchlist.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct TokenInfo {
    /// Form ids (into `Tables::forms`), primary first.
    pub forms: Vec<u32>,
    /// Variant key ids.
    pub keys: Vec<u32>,
    /// Rarity weight in (0, 1].
    pub weight: f32,
    /// 0 name, 1 connector, 2 initial, 3 optional (a patronymic or an honorific name).
    pub role: u8,
}

impl TokenInfo {
    /// What this token costs a listed name that holds it unmatched.
    #[inline]
    pub(crate) fn unmatched_weight(&self) -> f32 {
        if self.role == ROLE_OPTIONAL {
            self.weight * crate::score::OPTIONAL_FACTOR
        } else {
            self.weight
        }
    }
}

/// One indexed name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct NameRec {
    pub entry: u32,
    pub name: u16,
    pub tokens: Vec<u32>,
}

/// Everything but the fsts; serialized into the snapshot.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Tables {
    pub forms: Vec<String>,
    pub form_tokens: Postings,
    pub keys: Vec<String>,
    pub key_tokens: Postings,
    pub delete_forms: Postings,
    pub tokens: Vec<TokenInfo>,
    /// Names holding each token, lightest first (ascending `name_weight`, then name
    /// id): a query reads a list only up to the heaviest name that can still reach
    /// its floor.
    pub token_names: Postings,
    pub names: Vec<NameRec>,
    /// Sum of the token weights of each name (bounds the unmatched listed weight when
    /// pruning candidates).
    pub name_weight: Vec<f32>,
    /// (normalized document number, entry), sorted.
    pub documents: Vec<(String, u32)>,
    /// The birth years of the entry of each name in `token_names`, parallel to its flat
    /// data (see [`BirthYears`]): the candidate search skips the names whose entry was
    /// born years away from the traveller while it reads their ids in order, without a
    /// cache miss per name (it reads them from [`Index::postings_hot`], derived from
    /// this). Stored, not derived on opening: walking a million entries' dates added
    /// 0.1 s to a 0.8 s load.
    pub token_name_years: Vec<BirthYears>,
}

/// Bytes of an fst: built in memory or memory-mapped from a snapshot.
pub(crate) enum FstBytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl AsRef<[u8]> for FstBytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            FstBytes::Owned(v) => v,
            FstBytes::Mapped(m) => m,
        }
    }
}

pub(crate) struct Index {
    /// Unique per built or opened index in this process: keys the shared cache
    /// of query-token retrieval (see `hot.rs`), so a cache never outlives its index's
    /// identity even when a new index reuses the old one's memory.
    pub id: u64,
    pub entries: Vec<WatchlistEntry>,
    pub tables: Tables,
    /// The tokens and unmatched weight of each name (`tables.names[n].tokens`,
    /// `tables.name_weight[n]`) in one card per name: derived from `tables` when built
    /// or opened, so the candidate filter reads one cache line per candidate name.
    pub name_tokens: NameCards,
    /// The entries of every full listed date of birth, by date code `yyyymmdd`: the
    /// entries an exact date of birth can back (see `query::screen`). Derived from
    /// `entries` when built or opened.
    pub birth_dates: HashRuns,
    /// The positions in `tables.documents` of each document number, by its hash: a
    /// traveller's documents are looked up in one or two cache misses, where binary
    /// searches over the strings cost a miss a step (2.3% of screening at 1M entries).
    /// Derived when built or opened.
    pub document_runs: HashRuns,
    /// Names of entry `e` are `entry_names[e]..entry_names[e + 1]` (names are stored in
    /// entry order). Derived when built or opened: the exact-date pass looks up the names
    /// of ~50 entries per traveller at 1M entries, two binary searches each without it.
    pub entry_names: Vec<u32>,
    /// Each name of `tables.token_names` with its weight (`tables.name_weight`) and
    /// its entry's birth years (`tables.token_name_years`), parallel to the flat list:
    /// the candidate union reads a posting list in one stream, one cache miss where
    /// the three arrays took three (most lists it reads hold a name or two), and cuts
    /// it at the first name too heavy to reach the floor. Derived when built or opened.
    pub postings_hot: Vec<HotPosting>,
    /// Each posting's [`BirthYears::near_span`], parallel to `postings_hot`: the union
    /// tests whole blocks of a long list for entries born near the traveller two bytes
    /// a posting, without a branch, and reads only the postings that pass (at 1M
    /// entries three in four postings it streamed were of entries born years away).
    /// Derived when built or opened.
    pub near_years: Vec<[u8; 2]>,
    /// form string -> form id
    pub forms_fst: Map<FstBytes>,
    /// variant key -> key id
    pub keys_fst: Map<FstBytes>,
    /// deletion variant -> id into `delete_forms`
    pub deletes_fst: Map<FstBytes>,
}

/// A posting as the candidate union reads it (see [`Index::postings_hot`]).
#[derive(Clone, Copy)]
pub(crate) struct HotPosting {
    pub name: u32,
    pub weight: f32,
    pub years: BirthYears,
    /// The entry's nationality and gender as [`posting_evidence`] packs them. Fills the
    /// two bytes the struct's alignment leaves after `years`: a posting stays 12 bytes.
    pub evidence: u16,
}

/// A gender as the evidence of a posting holds it: 1 for M, 2 for F, 0 for X or none
/// (never in conflict).
pub(crate) fn gender_code(g: Option<paxscreen_core::Gender>) -> u16 {
    match g {
        Some(paxscreen_core::Gender::M) => 1,
        Some(paxscreen_core::Gender::F) => 2,
        _ => 0,
    }
}

/// An entry's nationality and gender in one number: `3 * tag + gender`, where `tag` is
/// the [`nationality_tag`] of its nationality when it lists exactly one (else 0: none,
/// or several, so that no conflict is certain) and `gender` its [`gender_code`]. At
/// most 3 * 17,576 + 2, within 16 bits.
pub(crate) fn posting_evidence(e: &WatchlistEntry) -> u16 {
    // Codes that name no country (XXA, XXB, ...) are no nationality here either (see
    // `score::nationality_evidence`).
    let mut national = e.nationalities.iter().filter(|c| c.is_nationality());
    let tag = match (national.next(), national.next()) {
        (Some(&only), None) => nationality_tag(only).unwrap_or(0),
        _ => 0,
    };
    3 * tag + gender_code(e.gender)
}

const _: () = assert!(std::mem::size_of::<HotPosting>() == 12);

/// A country as a nonzero number (`None` for a code not of three letters A-Z).
pub(crate) fn nationality_tag(c: paxscreen_core::Country) -> Option<u16> {
    c.as_str()
        .bytes()
        .try_fold(0u16, |tag, b| {
            b.is_ascii_uppercase()
                .then(|| tag * 26 + u16::from(b - b'A'))
        })
        .map(|tag| tag + 1)
}

/// [`Index::near_years`] of `postings`.
pub(crate) fn near_years(postings: &[HotPosting]) -> Vec<[u8; 2]> {
    postings.iter().map(|p| p.years.near_span()).collect()
}

/// The postings of `tables` with their names' weights, birth years and entry
/// nationality and gender inline.
pub(crate) fn postings_hot(tables: &Tables, entries: &[WatchlistEntry]) -> Vec<HotPosting> {
    // Per name first (names are stored in entry order, so this reads entries once, in
    // order), then one lookup per posting as for the weight.
    let name_evidence: Vec<u16> = tables
        .names
        .iter()
        .map(|rec| entries.get(rec.entry as usize).map_or(0, posting_evidence))
        .collect();
    tables
        .token_names
        .flat()
        .iter()
        .enumerate()
        .map(|(k, &n)| HotPosting {
            name: n,
            weight: tables.name_weight.get(n as usize).copied().unwrap_or(0.0),
            years: tables
                .token_name_years
                .get(k)
                .copied()
                .unwrap_or(BirthYears::ANY),
            evidence: name_evidence.get(n as usize).copied().unwrap_or(0),
        })
        .collect()
}

/// Tokens a [`NameCard`] holds inline.
const CARD_TOKENS: usize = 6;

/// One name's unmatched weight and tokens in 32 bytes, aligned so that a card never
/// straddles two cache lines: the candidate filter reads one line per name instead of
/// an offset, a token list and a weight from three arrays.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(32))]
pub(crate) struct NameCard {
    weight: f32,
    /// Token count; above [`CARD_TOKENS`] the tokens are `overflow[tokens[0]..tokens[1]]`.
    len: u32,
    tokens: [u32; CARD_TOKENS],
}

/// Every name's [`NameCard`] (see [`Index::name_tokens`]).
#[derive(Debug, Default)]
pub(crate) struct NameCards {
    cards: Vec<NameCard>,
    overflow: Vec<u32>,
}

impl NameCards {
    /// The cards of `names` with their weights `name_weight` (see [`Tables::name_weight`]).
    pub fn new(names: &[NameRec], name_weight: &[f32]) -> NameCards {
        let mut overflow = Vec::new();
        let cards = names
            .iter()
            .zip(name_weight)
            .map(|(n, &weight)| {
                let mut card = NameCard {
                    weight,
                    len: n.tokens.len() as u32,
                    tokens: [0; CARD_TOKENS],
                };
                if n.tokens.len() <= CARD_TOKENS {
                    card.tokens[..n.tokens.len()].copy_from_slice(&n.tokens);
                } else {
                    card.tokens[0] = overflow.len() as u32;
                    overflow.extend_from_slice(&n.tokens);
                    card.tokens[1] = overflow.len() as u32;
                }
                card
            })
            .collect();
        NameCards { cards, overflow }
    }

    /// The tokens of name `n` (empty for an unknown name).
    #[inline]
    pub fn get(&self, n: u32) -> &[u32] {
        self.card(n).0
    }

    /// Reads the cards of `names` without using them, so that their cache misses overlap
    /// before a loop that needs them one at a time.
    pub fn touch(&self, names: &[u32]) {
        let mut x = 0u32;
        for &n in names {
            x ^= self.cards.get(n as usize).map_or(0, |c| c.len);
        }
        std::hint::black_box(x);
    }

    /// The tokens and unmatched weight of name `n`.
    #[inline]
    pub fn card(&self, n: u32) -> (&[u32], f32) {
        let Some(c) = self.cards.get(n as usize) else {
            return (&[], 0.0);
        };
        let len = c.len as usize;
        let tokens = if len <= CARD_TOKENS {
            &c.tokens[..len]
        } else {
            self.overflow
                .get(c.tokens[0] as usize..c.tokens[1] as usize)
                .unwrap_or(&[])
        };
        (tokens, c.weight)
    }
}

/// The span of an entry's listed birth years in two bytes (years since
/// [`BirthYears::BASE`]): `[0, 255]`, "any year", when the entry lists one outside the
/// span, and `[255, 0]` when it lists no date of birth ([`BirthYears::NONE`]: near every
/// year, as "any year", but in none, see [`BirthYears::excludes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BirthYears([u8; 2]);

impl BirthYears {
    const BASE: i32 = 1800;
    const ANY: BirthYears = BirthYears([0, 255]);
    const NONE: BirthYears = BirthYears([255, 0]);

    /// The span of every year in `dobs` (dates and ranges), [`BirthYears::ANY`] when
    /// one is outside the two bytes' span, [`BirthYears::NONE`] for no date.
    pub fn of(dobs: &[paxscreen_core::DobSpec]) -> BirthYears {
        if dobs.is_empty() {
            return Self::NONE;
        }
        let mut span: Option<(i32, i32)> = None;
        for d in dobs {
            let (lo, hi) = match *d {
                paxscreen_core::DobSpec::Date(d) => (d.year as i32, d.year as i32),
                paxscreen_core::DobSpec::Range { from, to } => (from as i32, to as i32),
            };
            span = Some(span.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
        }
        match span {
            Some((lo, hi)) if lo > Self::BASE && hi < Self::BASE + 255 && lo <= hi => {
                BirthYears([(lo - Self::BASE) as u8, (hi - Self::BASE) as u8])
            }
            _ => Self::ANY,
        }
    }

    /// Whether a traveller born in `year` can be within a year of one of the listed
    /// dates or ranges (the envelope of all of them: never false when one is).
    #[inline]
    pub fn near(self, year: i32) -> bool {
        // `ANY` spans every year a traveller can have: [1799, 2056].
        (year + 1 >= Self::BASE + self.0[0] as i32) & (year <= Self::BASE + self.0[1] as i32 + 1)
            | (self == Self::ANY)
            | (self == Self::NONE)
    }

    /// The span [`BirthYears::near`] tests, as `[first, last]` year offsets: an entry
    /// without a date of birth is near every year, as [`BirthYears::ANY`].
    pub fn near_span(self) -> [u8; 2] {
        if self == Self::NONE {
            Self::ANY.0
        } else {
            self.0
        }
    }

    /// For a traveller born in `year`, `(a, b)` such that an entry whose
    /// [`BirthYears::near_span`] is `[lo, hi]` is [`BirthYears::near`] exactly when
    /// `lo <= a && hi >= b`; `None` for a year too close to the span's ends.
    pub fn near_test(year: i32) -> Option<(u8, u8)> {
        let y = year - Self::BASE;
        (1..=254)
            .contains(&y)
            .then(|| ((y + 1) as u8, (y - 1) as u8))
    }

    /// [`BirthYears::near`] for the year whose [`BirthYears::near_test`] is `ab`, by byte
    /// compares alone (the union tests ~4,000 postings a traveller).
    #[inline]
    pub fn near_by(self, (a, b): (u8, u8)) -> bool {
        (self.0[0] <= a) & (self.0[1] >= b) | (self == Self::NONE)
    }

    /// The offset [`BirthYears::excludes_offset`] takes for `year`: `None` outside the
    /// two bytes' span (1800-2055).
    pub fn offset(year: i32) -> Option<u8> {
        u8::try_from(year - Self::BASE).ok()
    }

    /// [`BirthYears::excludes`] for the year of [`BirthYears::offset`] `y`, by byte
    /// compares alone.
    #[inline]
    pub fn excludes_offset(self, y: u8) -> bool {
        ((y < self.0[0]) | (y > self.0[1])) & (self != Self::ANY)
    }

    /// Whether `year` lies outside the span of every listed date and range (so that none
    /// lies in it): true for an entry without a date of birth, never for
    /// [`BirthYears::ANY`] (which may stand for a date outside the span). Either way the
    /// entry's date-of-birth evidence for a traveller born in `year` is at best `Near`
    /// or `None`: no bonus. The reference of [`BirthYears::excludes_offset`], which the
    /// union uses.
    #[cfg(test)]
    pub fn excludes(self, year: i32) -> bool {
        ((year < Self::BASE + self.0[0] as i32) | (year > Self::BASE + self.0[1] as i32))
            & (self != Self::ANY)
    }
}

/// `yyyymmdd` of a full date.
pub(crate) fn date_code(d: paxscreen_core::PartialDate) -> Option<u32> {
    match (d.month, d.day) {
        (Some(m), Some(day)) => Some(d.year as u32 * 10_000 + m as u32 * 100 + day as u32),
        _ => None,
    }
}

/// Values grouped by a 64-bit key hash and found through a table of bucket starts (about
/// two items a bucket): a lookup reads the bucket's start and its items, one or two cache
/// misses where a binary search over a million sorted keys took one a step (two searches
/// per traveller over the 540k listed dates of birth at 1M entries: 1.5% of screening).
/// Equal hashes need not mean equal keys: callers check what they need.
pub(crate) struct HashRuns {
    /// Bucket of hash `h`: `h >> shift`.
    shift: u32,
    /// Items of bucket `b`: `items[starts[b]..starts[b + 1]]`.
    starts: Vec<u32>,
    /// (key hash, value), sorted.
    items: Vec<(u64, u32)>,
}

impl HashRuns {
    pub(crate) fn new(mut items: Vec<(u64, u32)>) -> HashRuns {
        items.sort_unstable();
        items.dedup();
        let bits = (items.len() / 2)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(1, 24);
        let shift = 64 - bits;
        let mut starts = Vec::with_capacity((1 << bits) + 1);
        let mut at = 0usize;
        for b in 0..=(1u64 << bits) {
            while items.get(at).is_some_and(|x| x.0 >> shift < b) {
                at += 1;
            }
            starts.push(at as u32);
        }
        HashRuns {
            shift,
            starts,
            items,
        }
    }

    /// The values of hash `h`, in ascending order.
    pub(crate) fn get(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let b = (h >> self.shift) as usize;
        let run = match (self.starts.get(b), self.starts.get(b + 1)) {
            (Some(&lo), Some(&hi)) => &self.items[lo as usize..hi as usize],
            _ => &[],
        };
        run.iter().filter(move |x| x.0 == h).map(|x| x.1)
    }
}

/// The hash of a date code in [`Index::birth_dates`]: the splitmix64 finalizer, a
/// bijection, so that equal hashes mean equal dates.
pub(crate) fn date_hash(code: u32) -> u64 {
    let mut z = u64::from(code).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hash of a normalized document number in [`Index::document_runs`].
pub(crate) fn document_hash(number: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    number.hash(&mut h);
    h.finish()
}

/// [`Index::birth_dates`] of `entries`.
pub(crate) fn birth_dates(entries: &[WatchlistEntry]) -> HashRuns {
    let mut v: Vec<(u64, u32)> = Vec::new();
    for (ei, e) in entries.iter().enumerate() {
        for d in &e.dobs {
            if let paxscreen_core::DobSpec::Date(d) = d {
                if let Some(c) = date_code(*d) {
                    v.push((date_hash(c), ei as u32));
                }
            }
        }
    }
    HashRuns::new(v)
}

/// [`Index::document_runs`] of `documents` (`Tables::documents`).
pub(crate) fn document_runs(documents: &[(String, u32)]) -> HashRuns {
    HashRuns::new(
        documents
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (document_hash(n), i as u32))
            .collect(),
    )
}

/// [`Index::entry_names`] of `names` (in entry order) over `n_entries` entries.
pub(crate) fn entry_names(names: &[NameRec], n_entries: usize) -> Vec<u32> {
    let mut starts = Vec::with_capacity(n_entries + 1);
    let mut at = 0usize;
    for e in 0..=n_entries as u32 {
        while names.get(at).is_some_and(|n| n.entry < e) {
            at += 1;
        }
        starts.push(at as u32);
    }
    starts
}

/// A fresh [`Index::id`].
pub(crate) fn next_index_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

pub(crate) const ROLE_NAME: u8 = 0;
pub(crate) const ROLE_CONNECTOR: u8 = 1;
/// A listed name part that looks like an East Slavic patronymic, or an honorific that
/// is also a name (SAYYID, MIAN, MUFTI, ...: [`paxscreen_names::is_optional_name`]);
/// code 3 in snapshots written since patronymics had it: matched as a name, but missing from
/// the traveller's name it costs only [`crate::score::OPTIONAL_FACTOR`] of its weight
/// (passports of Russia, Ukraine and Belarus do not carry the patronymic).
pub(crate) const ROLE_OPTIONAL: u8 = 3;
pub(crate) const ROLE_INITIAL: u8 = 2;

pub(crate) fn role_code(role: paxscreen_names::TokenRole) -> u8 {
    match role {
        paxscreen_names::TokenRole::Name => ROLE_NAME,
        paxscreen_names::TokenRole::Connector => ROLE_CONNECTOR,
        paxscreen_names::TokenRole::Initial => ROLE_INITIAL,
    }
}

/// Rarity weight from the number of names holding a key: inverse document frequency
/// scaled to (0, 1], with the collection size floored so that small lists do not make
/// every token look rare.
pub(crate) fn rarity_weight(df: u32, n_names: usize) -> f32 {
    let n = n_names.max(20_000) as f64;
    let w = ((n + 1.0) / (df as f64 + 1.0)).ln() / (n + 1.0).ln();
    w.clamp(0.12, 1.0) as f32
}

fn build_map<K: AsRef<[u8]>>(
    keys: impl IntoIterator<Item = K>,
) -> Result<Map<FstBytes>, EngineError> {
    let mut b = MapBuilder::memory();
    for (i, k) in keys.into_iter().enumerate() {
        b.insert(k, i as u64)
            .map_err(|e| EngineError::Internal(format!("fst build: {e}")))?;
    }
    let bytes = b
        .into_inner()
        .map_err(|e| EngineError::Internal(format!("fst build: {e}")))?;
    Map::new(FstBytes::Owned(bytes)).map_err(|e| EngineError::Internal(format!("fst open: {e}")))
}

/// FxHash (rustc's hasher): the interning map hashes millions of short strings, where
/// the default SipHash cost more than the lookups. Not DoS-resistant, which a map
/// built once from the loaded lists does not need.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        for &b in chunks.remainder() {
            self.add(b as u64);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    /// The words' product mixes low bits into high ones only, and a hash table picks
    /// its bucket by the low bits: without this final mix (murmur3's), ids whose
    /// distinct characters end an 8-byte word (`F0000000` .. `F0999999`) fell into a
    /// few buckets and the duplicate-id check of 1M entries took 17 s instead of 0.1.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type TokenSig = (Vec<String>, Vec<String>, u8);
type Fx = std::hash::BuildHasherDefault<FxHasher>;

/// A token's signature (forms, keys, role code: an optional given name is
/// [`ROLE_OPTIONAL`]) and its hash.
fn token_sig(t: paxscreen_names::NameToken) -> (u64, TokenSig) {
    use std::hash::BuildHasher;
    let mut role = role_code(t.role);
    if role == ROLE_NAME && paxscreen_names::is_optional_name(&t.forms[0]) {
        role = ROLE_OPTIONAL;
    }
    let sig = (t.forms, t.keys, role);
    (Fx::default().hash_one(&sig), sig)
}

/// Distinct token signatures with ids in order of first appearance, looked up by a
/// hash computed elsewhere (on the cores that analyse the names).
#[derive(Default)]
struct Interner {
    table: hashbrown::HashTable<u32>,
    hashes: Vec<u64>,
    tokens: Vec<TokenSig>,
}

impl Interner {
    /// The id of `sig` (whose hash is `hash`); a signature interned before is handed
    /// back, for the caller to drop where it costs less.
    fn id(&mut self, hash: u64, sig: TokenSig) -> (u32, Option<TokenSig>) {
        let tokens = &self.tokens;
        if let Some(&id) = self.table.find(hash, |&id| tokens[id as usize] == sig) {
            return (id, Some(sig));
        }
        let id = self.tokens.len() as u32;
        self.tokens.push(sig);
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.table.insert_unique(hash, id, |&i| hashes[i as usize]);
        (id, None)
    }
}

/// The distinct deletion variants, sorted: spans `(start, len)` of an arena of bytes.
type DeleteKeys = (Vec<u8>, Vec<(u32, u16)>);

impl Index {
    /// Builds the index over these entries; also returns their content version (see
    /// [`Index::version_of`]), computed on another core while the names are analysed.
    pub fn build(entries: Vec<WatchlistEntry>) -> Result<(Index, String), EngineError> {
        let mut seen: std::collections::HashSet<&str, Fx> = Default::default();
        seen.reserve(entries.len());
        for e in &entries {
            if !seen.insert(e.id.as_str()) {
                return Err(EngineError::DuplicateId(e.id.clone()));
            }
        }
        drop(seen);
        let start = std::time::Instant::now();
        let (version, (raw_tokens, names)) =
            rayon::join(|| Self::version_of(&entries), || Self::intern(&entries));
        let interned = start.elapsed();
        let (tables, (arena, delete_keys)) = Self::tables_from(raw_tokens, names, &entries)?;
        let tabled = start.elapsed();
        // The three fsts are independent: the deletion variants' (the longest to build, on
        // one core) beside the other two and the tables the queries read.
        let ((deletes_fst, (forms_fst, keys_fst)), derived) = rayon::join(
            || {
                rayon::join(
                    || build_map(delete_keys.iter().map(|&span| span_bytes(&arena, span))),
                    || rayon::join(|| build_map(&tables.forms), || build_map(&tables.keys)),
                )
            },
            || {
                let hot = postings_hot(&tables, &entries);
                (
                    NameCards::new(&tables.names, &tables.name_weight),
                    birth_dates(&entries),
                    document_runs(&tables.documents),
                    entry_names(&tables.names, entries.len()),
                    near_years(&hot),
                    hot,
                )
            },
        );
        let (deletes_fst, forms_fst, keys_fst) = (deletes_fst?, forms_fst?, keys_fst?);
        drop((arena, delete_keys));
        let (name_tokens, birth_dates, document_runs, entry_names, near_years, hot) = derived;
        tracing::debug!(
            names = tables.names.len(),
            analyse_seconds = interned.as_secs_f64(),
            tables_seconds = (tabled - interned).as_secs_f64(),
            fst_seconds = (start.elapsed() - tabled).as_secs_f64(),
            "index built"
        );
        let index = Index {
            id: next_index_id(),
            name_tokens,
            birth_dates,
            document_runs,
            entry_names,
            near_years,
            postings_hot: hot,
            entries,
            tables,
            forms_fst,
            keys_fst,
            deletes_fst,
        };
        Ok((index, version))
    }

    /// Step 1: analyses every name and interns its distinct tokens; returns the tokens
    /// and the names as token ids.
    fn intern(entries: &[WatchlistEntry]) -> (Vec<TokenSig>, Vec<NameRec>) {
        let mut interner = Interner::default();
        let mut names = Vec::new();
        // Names are analysed a chunk of entries at a time on every core while the chunk
        // before is interned, in entry order, so token ids do not depend on the cores.
        // The cores also hash each token's signature, so the one interning thread only
        // looks it up (it was the build's bottleneck: 4.1-4.6 s of the 6.3-6.7 s this
        // step took at 1M names, hashing and cloning signatures); the signatures it
        // finds already interned are dropped by the cores with the next chunk.
        use rayon::prelude::*;
        const CHUNK: usize = 8192;
        let analyse = |chunk: &[WatchlistEntry]| -> Vec<Vec<Vec<(u64, TokenSig)>>> {
            chunk
                .par_iter()
                .map(|e| {
                    let names = e.names.iter().take(u16::MAX as usize);
                    names
                        .map(|n| {
                            let analysed = paxscreen_names::analyze(&n.name);
                            analysed.tokens.into_iter().map(token_sig).collect()
                        })
                        .collect()
                })
                .collect()
        };
        let mut chunks = entries.chunks(CHUNK);
        let mut next = chunks.next().map(analyse);
        let mut ei = 0usize;
        let mut interned: Vec<TokenSig> = Vec::new();
        while let Some(analysed) = next.take() {
            let garbage = std::mem::take(&mut interned);
            let (following, ()) = rayon::join(
                || {
                    drop(garbage);
                    chunks.next().map(analyse)
                },
                || {
                    for entry_names in analysed {
                        for (ni, tokens) in entry_names.into_iter().enumerate() {
                            if tokens.is_empty() {
                                continue;
                            }
                            let mut toks = Vec::with_capacity(tokens.len());
                            for (hash, sig) in tokens {
                                let (id, known) = interner.id(hash, sig);
                                interned.extend(known);
                                toks.push(id);
                            }
                            names.push(NameRec {
                                entry: ei as u32,
                                name: ni as u16,
                                tokens: toks,
                            });
                        }
                        ei += 1;
                    }
                },
            );
            next = following;
        }
        (interner.tokens, names)
    }

    fn tables_from(
        raw_tokens: Vec<TokenSig>,
        names: Vec<NameRec>,
        entries: &[WatchlistEntry],
    ) -> Result<(Tables, DeleteKeys), EngineError> {
        // 2. Forms and keys dictionaries (sorted: fst needs sorted keys), one per core.
        let dictionary = |strings: &dyn Fn(&TokenSig) -> &[String]| -> Vec<String> {
            use rayon::slice::ParallelSliceMut;
            let mut all: Vec<String> = raw_tokens
                .iter()
                .flat_map(|t| strings(t).iter().cloned())
                .collect();
            all.par_sort_unstable();
            all.dedup();
            all
        };
        let (forms, keys) = rayon::join(|| dictionary(&|t| &t.0), || dictionary(&|t| &t.1));
        let form_id: HashMap<&str, u32, Fx> = forms
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_str(), i as u32))
            .collect();
        let key_id: HashMap<&str, u32, Fx> = keys
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_str(), i as u32))
            .collect();
        let mut form_lists = vec![Vec::new(); forms.len()];
        let mut key_lists = vec![Vec::new(); keys.len()];
        let mut tokens = Vec::with_capacity(raw_tokens.len());
        for (ti, (tf, tk, role)) in raw_tokens.iter().enumerate() {
            let fids: Vec<u32> = tf.iter().map(|f| form_id[f.as_str()]).collect();
            let kids: Vec<u32> = tk.iter().map(|k| key_id[k.as_str()]).collect();
            for &f in &fids {
                form_lists[f as usize].push(ti as u32);
            }
            for &k in &kids {
                key_lists[k as usize].push(ti as u32);
            }
            tokens.push(TokenInfo {
                forms: fids,
                keys: kids,
                weight: 1.0,
                role: *role,
            });
        }
        // 3. Postings token -> names (on one core), and beside them the rarity weights
        // from the names per key (counted a slice of names per core, then summed).
        let (mut token_name_lists, key_df) = rayon::join(
            || {
                let mut lists = vec![Vec::new(); tokens.len()];
                for (ni, n) in names.iter().enumerate() {
                    for &t in &n.tokens {
                        let l: &mut Vec<u32> = &mut lists[t as usize];
                        if l.last() != Some(&(ni as u32)) {
                            l.push(ni as u32);
                        }
                    }
                }
                lists
            },
            || {
                use rayon::prelude::*;
                let count = |mut df: Vec<u32>, slice: &[NameRec]| {
                    let mut name_keys: Vec<u32> = Vec::new();
                    for n in slice {
                        name_keys.clear();
                        for &t in &n.tokens {
                            name_keys.extend(tokens[t as usize].keys.iter().copied());
                        }
                        name_keys.sort_unstable();
                        name_keys.dedup();
                        for &k in &name_keys {
                            df[k as usize] += 1;
                        }
                    }
                    df
                };
                names
                    .par_chunks(1 << 16)
                    .fold(|| vec![0u32; keys.len()], count)
                    .reduce(
                        || vec![0u32; keys.len()],
                        |mut a, b| {
                            a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                            a
                        },
                    )
            },
        );
        // A token weighs as its most common key: the Arabic-script `المحمد` (ALMHMD, rare
        // as written) is as common as its MAHMD reading.
        for t in &mut tokens {
            let df = t
                .keys
                .iter()
                .map(|&k| key_df[k as usize])
                .max()
                .unwrap_or(1);
            t.weight = rarity_weight(df, names.len());
        }
        // 4. Deletion neighbourhoods of every form (typo retrieval).
        // Millions of variants: their bytes live in one arena, as spans of it, made a
        // chunk of forms per core. They are sorted by their first eight bytes, held
        // beside each span (most comparisons then read no arena bytes), and grouped
        // straight into flat postings. At 1M names this step took 2.5 s on one core
        // for making, dedup and grouping, with byte-slice comparisons in the sort.
        const FORMS_PER_CHUNK: usize = 4096;
        // Per chunk: its arena, and (first eight bytes, span in it, form id) per variant.
        type Variants = (Vec<u8>, Vec<(u64, (u32, u16), u32)>);
        let chunks: Vec<Variants> = {
            use rayon::prelude::*;
            forms
                .par_chunks(FORMS_PER_CHUNK)
                .enumerate()
                .map(|(ci, chunk)| {
                    let (mut arena, mut pairs, mut spans) = (Vec::new(), Vec::new(), Vec::new());
                    for (k, f) in chunk.iter().enumerate() {
                        spans.clear();
                        push_deletion_variants(
                            f.as_bytes(),
                            max_typos(f.len()),
                            &mut arena,
                            &mut spans,
                        );
                        let fi = (ci * FORMS_PER_CHUNK + k) as u32;
                        pairs.extend(
                            spans
                                .iter()
                                .map(|&span| (prefix8(span_bytes(&arena, span)), span, fi)),
                        );
                    }
                    (arena, pairs)
                })
                .collect()
        };
        let arena_len: usize = chunks.iter().map(|c| c.0.len()).sum();
        if u32::try_from(arena_len).is_err() {
            return Err(EngineError::Internal(
                "the typo index's deletion variants exceed 4 GB".into(),
            ));
        }
        let mut arena: Vec<u8> = Vec::with_capacity(arena_len);
        let mut pairs: Vec<(u64, (u32, u16), u32)> =
            Vec::with_capacity(chunks.iter().map(|c| c.1.len()).sum());
        for (chunk_arena, chunk_pairs) in chunks {
            let base = arena.len() as u32;
            arena.extend_from_slice(&chunk_arena);
            pairs.extend(
                chunk_pairs
                    .into_iter()
                    .map(|(prefix, (at, len), f)| (prefix, (base + at, len), f)),
            );
        }
        let bytes = |span| span_bytes(&arena, span);
        {
            use rayon::slice::ParallelSliceMut;
            pairs.par_sort_unstable_by(|a, b| {
                a.0.cmp(&b.0)
                    .then_with(|| bytes(a.1).cmp(bytes(b.1)))
                    .then(a.2.cmp(&b.2))
            });
        }
        let mut delete_keys: Vec<(u32, u16)> = Vec::new();
        let mut offsets: Vec<u32> = vec![0];
        let mut data: Vec<u32> = Vec::with_capacity(pairs.len());
        let mut group: Option<(u64, (u32, u16))> = None;
        for (prefix, span, f) in pairs {
            let same = group.is_some_and(|(p, g)| p == prefix && bytes(g) == bytes(span));
            if !same {
                if group.is_some() {
                    offsets.push(data.len() as u32);
                }
                delete_keys.push(span);
                group = Some((prefix, span));
            } else if data.last() == Some(&f) {
                // The same variant of the same form twice (AAB deletes to AB twice).
                continue;
            }
            data.push(f);
        }
        if group.is_some() {
            offsets.push(data.len() as u32);
        }
        let delete_forms = Postings::from_parts(offsets, data);
        // 5. Documents.
        let mut documents: Vec<(String, u32)> = Vec::new();
        for (ei, e) in entries.iter().enumerate() {
            for d in &e.documents {
                let n = d.normalized_number();
                if n.len() >= 5 {
                    documents.push((n, ei as u32));
                }
            }
        }
        documents.sort_unstable();
        documents.dedup();
        use rayon::prelude::*;
        let name_weight: Vec<f32> = names
            .par_iter()
            .map(|n| {
                n.tokens
                    .iter()
                    .map(|&t| tokens[t as usize].unmatched_weight())
                    .sum()
            })
            .collect();
        token_name_lists.par_iter_mut().for_each(|l| {
            l.sort_unstable_by(|&a, &b| {
                name_weight[a as usize]
                    .total_cmp(&name_weight[b as usize])
                    .then(a.cmp(&b))
            })
        });
        let token_names = Postings::from_lists(token_name_lists);
        let entry_years: Vec<BirthYears> =
            entries.iter().map(|e| BirthYears::of(&e.dobs)).collect();
        let token_name_years = token_names
            .flat()
            .iter()
            .map(|&n| entry_years[names[n as usize].entry as usize])
            .collect();
        let tables = Tables {
            forms,
            form_tokens: Postings::from_lists(form_lists),
            keys,
            key_tokens: Postings::from_lists(key_lists),
            delete_forms,
            tokens,
            token_names,
            names,
            token_name_years,
            name_weight,
            documents,
        };
        // The deletion variants themselves live only in the fst.
        Ok((tables, (arena, delete_keys)))
    }

    /// A content hash of the entries: equal lists give equal versions.
    pub fn version_of(entries: &[WatchlistEntry]) -> String {
        // FNV-1a of the entries' bincode bytes, hashed as they are written: at 1M
        // entries the bytes (~100 MB) were first serialized whole into memory.
        struct Fnv(u64);
        impl std::io::Write for Fnv {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                for &b in buf {
                    self.0 ^= b as u64;
                    self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
                }
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        // Writing to `Fnv` cannot fail, nor can serializing entries (no maps with
        // non-string keys, no unsized sequences).
        let _ = bincode::serialize_into(&mut h, entries);
        format!("{:016x}", h.0)
    }

    /// Entries with this full date among their dates of birth.
    pub fn entries_born_on(
        &self,
        d: paxscreen_core::PartialDate,
    ) -> impl Iterator<Item = u32> + '_ {
        // A partial date is born on no single day: no entries.
        date_code(d)
            .map(|code| self.birth_dates.get(date_hash(code)))
            .into_iter()
            .flatten()
    }

    /// Names of entry `e` (names are stored in entry order, so they are one run).
    pub fn names_of_entry(&self, e: u32) -> std::ops::Range<usize> {
        let at = |e: u32| self.entry_names.get(e as usize).map_or(0, |&i| i as usize);
        at(e)..at(e + 1).max(at(e))
    }

    pub fn entries_with_document<'a>(&'a self, number: &'a str) -> impl Iterator<Item = u32> + 'a {
        let docs = &self.tables.documents;
        self.document_runs
            .get(document_hash(number))
            .filter_map(move |i| docs.get(i as usize).filter(|d| d.0 == number))
            .map(|d| d.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fx_hash_spreads_ids_that_differ_at_the_end_of_a_word() {
        // A table of 2^16 buckets indexes by the low 16 bits: ids differing only in the
        // high bytes of their one 8-byte word must still spread over most buckets
        // (a random hash fills 1 - 1/e = 63% of them with 2^16 keys).
        use std::hash::BuildHasher;
        for prefix in ["F", "W", "ENT"] {
            let width = 8 - prefix.len();
            let low: std::collections::HashSet<u64> = (0..1u64 << 16)
                .map(|i| Fx::default().hash_one(format!("{prefix}{i:0width$}").as_str()) & 0xffff)
                .collect();
            assert!(
                low.len() > 40_000,
                "{prefix}: {} buckets of 65536",
                low.len()
            );
        }
    }

    #[test]
    fn name_cards_hold_short_and_long_names() {
        let rec = |tokens: Vec<u32>| NameRec {
            entry: 0,
            name: 0,
            tokens,
        };
        let names = vec![
            rec(vec![7, 3]),
            rec((10..20).collect()),
            rec(vec![]),
            rec((0..6).collect()),
        ];
        let cards = NameCards::new(&names, &[0.5, 2.0, 0.0, 1.5]);
        assert_eq!(std::mem::size_of::<NameCard>(), 32);
        assert_eq!(cards.card(0), (&[7u32, 3][..], 0.5));
        assert_eq!(cards.get(1), (10..20).collect::<Vec<u32>>().as_slice());
        assert_eq!(cards.card(1).1, 2.0);
        assert_eq!(cards.get(2), &[] as &[u32]);
        assert_eq!(cards.get(3), &[0u32, 1, 2, 3, 4, 5][..]);
        assert_eq!(cards.card(4), (&[] as &[u32], 0.0));
    }

    #[test]
    fn excludes_by_offset_is_excludes() {
        for year in 1700..2100 {
            let Some(y) = BirthYears::offset(year) else {
                assert!(!(1800..=2055).contains(&year), "{year}");
                continue;
            };
            for lo in 0..=255u8 {
                for hi in 0..=255u8 {
                    let s = BirthYears([lo, hi]);
                    assert_eq!(s.excludes_offset(y), s.excludes(year), "{s:?} {year}");
                }
            }
        }
    }

    #[test]
    fn the_near_test_on_spans_is_near() {
        let mut spans: Vec<BirthYears> = Vec::new();
        for lo in 0..=255u8 {
            for hi in (0..=255u8).step_by(3) {
                spans.push(BirthYears([lo, hi]));
            }
        }
        spans.extend([BirthYears::ANY, BirthYears::NONE, BirthYears([255, 0])]);
        let mut tested = 0;
        for year in 1790..2070 {
            let Some((a, b)) = BirthYears::near_test(year) else {
                assert!(!(1801..=2054).contains(&year), "{year}");
                continue;
            };
            for &s in &spans {
                let [lo, hi] = s.near_span();
                assert_eq!(lo <= a && hi >= b, s.near(year), "{s:?} {year}");
                assert_eq!(s.near_by((a, b)), s.near(year), "{s:?} {year}");
                tested += 1;
            }
        }
        assert!(tested > 5_000_000, "{tested}");
    }

    #[test]
    fn birth_years_span_every_listed_date_and_range() {
        use paxscreen_core::{DobSpec, PartialDate};
        let date = |y| DobSpec::Date(PartialDate::new(y, Some(3), None).unwrap());
        let y = BirthYears::of(&[
            date(1950),
            DobSpec::Range {
                from: 1960,
                to: 1962,
            },
        ]);
        let near: Vec<i32> = (1945..1968).filter(|&t| y.near(t)).collect();
        assert_eq!(near, (1949..=1963).collect::<Vec<i32>>());
        assert_eq!(
            (1945..1968).filter(|&t| y.excludes(t)).count(),
            10,
            "the years outside the span 1950-1962"
        );
        // A date the two bytes cannot hold: any year, never excluded.
        let any = BirthYears::of(&[date(1700)]);
        assert_eq!(any, BirthYears::ANY);
        assert!(any.near(1000) && any.near(1980) && any.near(3000));
        assert!(!any.excludes(1700) && !any.excludes(1980));
        // No date: near every year, in none.
        let none = BirthYears::of(&[]);
        assert_eq!(none, BirthYears::NONE);
        assert!(none.near(1000) && none.near(1980) && none.near(3000));
        assert!(none.excludes(1000) && none.excludes(1980) && none.excludes(2054));
        let one = BirthYears::of(&[date(2010)]);
        assert_eq!(
            (
                one.near(2008),
                one.near(2009),
                one.near(2011),
                one.near(2012)
            ),
            (false, true, true, false)
        );
    }

    #[test]
    fn query_deletions_by_length() {
        let got: Vec<usize> = (0..12).map(query_deletions).collect();
        assert_eq!(got, vec![0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        /// A traveller form within a listed form's typo distance shares a deletion
        /// variant with it: `query_deletions` on its side, `max_typos` on the listed one.
        #[test]
        fn query_deletions_reach_every_listed_form_in_typo_distance(
            q in "[AB]{1,11}",
            c in "[ABC]{1,11}",
        ) {
            let k = max_typos(c.len());
            if strsim::osa_distance(&q, &c) <= k {
                let (mut vq, mut vc) = (Vec::new(), Vec::new());
                deletion_variants(&q, query_deletions(q.len()), &mut vq);
                deletion_variants(&c, k, &mut vc);
                let vq: std::collections::BTreeSet<String> = vq.into_iter().collect();
                proptest::prop_assert!(vc.iter().any(|v| vq.contains(v)), "{} {}", q, c);
            }
        }
    }

    #[test]
    fn deletion_variants_cover_distance() {
        let mut v = Vec::new();
        deletion_variants("ABCD", 1, &mut v);
        assert_eq!(v, vec!["ABCD", "ABC", "ABD", "ACD", "BCD"]);
        let mut v = Vec::new();
        deletion_variants("AB", 2, &mut v);
        assert_eq!(v, vec!["AB", "A", "B"]);
    }

    #[test]
    fn deletion_variants_in_an_arena_are_the_same_variants() {
        for (word, max) in [
            ("ABCD", 1),
            ("ABCD", 2),
            ("AB", 2),
            ("A", 2),
            ("", 1),
            ("HASSAN", 2),
            ("AAAB", 2),
            ("MUHAMMADREZA", 3),
        ] {
            let mut want = Vec::new();
            deletion_variants(word, max, &mut want);
            want.sort_unstable();
            want.dedup();
            let (mut arena, mut spans) = (Vec::new(), Vec::new());
            push_deletion_variants(word.as_bytes(), max, &mut arena, &mut spans);
            let mut got: Vec<String> = spans
                .iter()
                .map(|&span| String::from_utf8(span_bytes(&arena, span).to_vec()).expect("ascii"))
                .collect();
            got.sort_unstable();
            got.dedup();
            assert_eq!(got, want, "{word} {max}");
        }
    }

    /// The keys of `map` that the walk finds for `word` with up to `max` deletions,
    /// asserted equal to those of the reference enumeration.
    fn assert_lookup_is_the_reference(map: &fst::Map<Vec<u8>>, word: &str, max: usize) -> Vec<u64> {
        let mut variants = Vec::new();
        deletion_variants(word, max, &mut variants);
        let mut want: Vec<u64> = variants.iter().filter_map(|v| map.get(v)).collect();
        want.sort_unstable();
        want.dedup();
        let mut got = Vec::new();
        deletion_lookup(map.as_fst(), word.as_bytes(), max, &mut got);
        got.sort_unstable();
        got.dedup();
        assert_eq!(got, want, "{word} {max}");
        got
    }

    #[test]
    fn deletion_lookup_finds_the_keys_of_the_deletion_variants() {
        let keys = [
            "ABCD", "ABD", "ACD", "BD", "HASAN", "HASN", "HSAN", "HSN", "SAN", "XYZ",
        ];
        let map = fst::Map::from_iter(keys.iter().enumerate().map(|(i, k)| (*k, i as u64)))
            .expect("sorted keys");
        for (word, max) in [
            ("ABCD", 1),
            ("ABCD", 2),
            ("HASAN", 1),
            ("HASAN", 2),
            ("AB", 5),
            ("", 1),
        ] {
            assert_lookup_is_the_reference(&map, word, max);
        }
    }

    /// Words with letters in runs (where deleting either letter of a pair gives the same
    /// variant, so a walk that skipped repeated subtrees could lose one), against keys
    /// holding all their variants.
    #[test]
    fn deletion_lookup_finds_every_variant_of_letters_in_runs() {
        let words = [
            "HASSAN", "MOHAMMED", "AAAB", "ABBBA", "AABBAA", "ALLAH", "ABAB",
        ];
        let mut keys = std::collections::BTreeSet::new();
        for w in words {
            let mut v = Vec::new();
            deletion_variants(w, 2, &mut v);
            keys.extend(v.into_iter().filter(|k| !k.is_empty()));
        }
        let map = fst::Map::from_iter(keys.iter().enumerate().map(|(i, k)| (k.as_str(), i as u64)))
            .expect("sorted keys");
        for word in words.iter().chain(&["HASAN", "MUHAMMAD", "BAAA", "AAAAA"]) {
            for max in 0..=3 {
                let found = assert_lookup_is_the_reference(&map, word, max);
                if max == 2 && words.contains(word) {
                    assert!(found.len() >= 5, "{word}: {}", found.len());
                }
            }
        }
    }

    #[test]
    fn rarity_weights_fall_with_frequency() {
        assert!(rarity_weight(1, 20_000) > 0.9);
        assert!(rarity_weight(1000, 20_000) < 0.35);
        assert!(rarity_weight(20_000, 20_000) >= 0.12);
    }

    #[test]
    fn postings_roundtrip() {
        let p = Postings::from_lists(vec![vec![1, 2], vec![], vec![7]]);
        assert_eq!(p.get(0), &[1, 2]);
        assert_eq!(p.get(1), &[] as &[u32]);
        assert_eq!(p.get(2), &[7]);
        assert_eq!(p.get(3), &[] as &[u32]);
        assert_eq!(p.len(), 3);
    }

    proptest::proptest! {
        /// The deletion walk finds exactly the keys the reference enumeration of
        /// deletion variants finds: words over three letters, so that runs and repeats
        /// abound, against keys holding half the variants of such words.
        #[test]
        fn deletion_lookup_is_the_reference_on_words_with_runs(
            word in "[ABN]{0,9}",
            others in proptest::collection::vec("[ABN]{1,9}", 1..5),
            max in 0usize..4,
        ) {
            let mut keys = std::collections::BTreeSet::new();
            for w in others.iter().chain(std::iter::once(&word)) {
                let mut v = Vec::new();
                deletion_variants(w, 2, &mut v);
                keys.extend(v.into_iter().filter(|k| !k.is_empty()));
            }
            let map = fst::Map::from_iter(
                keys.iter().enumerate().filter(|(i, _)| i % 2 == 0).map(|(i, k)| (k.as_str(), i as u64)),
            )
            .expect("sorted keys");
            assert_lookup_is_the_reference(&map, &word, max);
        }

        /// A lookup in `HashRuns` gives exactly the values stored under that hash, in
        /// ascending order, whatever the bucket sizes (hashes drawn from a few high
        /// bits so that buckets fill and collide).
        #[test]
        fn hash_runs_find_exactly_the_values_of_a_hash(
            items in proptest::collection::vec((0u64..64, 0u64..4, 0u32..50), 0..300),
            probe in (0u64..64, 0u64..4),
        ) {
            let key = |(hi, lo): (u64, u64)| (hi << 58) | lo;
            let items: Vec<(u64, u32)> = items.iter().map(|&(hi, lo, v)| (key((hi, lo)), v)).collect();
            let runs = HashRuns::new(items.clone());
            for h in items.iter().map(|i| i.0).chain([key(probe)]) {
                let mut want: Vec<u32> = items.iter().filter(|i| i.0 == h).map(|i| i.1).collect();
                want.sort_unstable();
                want.dedup();
                proptest::prop_assert_eq!(runs.get(h).collect::<Vec<_>>(), want);
            }
        }
    }

    #[test]
    fn dates_and_documents_find_their_entries() {
        use paxscreen_core::{DobSpec, Document, ListedName, NameQuality, PartialDate};
        let date = |y, m, d| PartialDate::new(y, Some(m), Some(d)).unwrap();
        let entry = |id: &str, name: &str, dobs: Vec<DobSpec>, doc: Option<&str>| WatchlistEntry {
            id: id.into(),
            names: vec![ListedName {
                name: name.into(),
                quality: NameQuality::Primary,
            }],
            dobs,
            documents: doc
                .map(|n| Document {
                    doc_type: "P".into(),
                    issuer: String::new(),
                    number: n.into(),
                })
                .into_iter()
                .collect(),
            ..Default::default()
        };
        let year = PartialDate::new(1981, None, None).unwrap();
        let (index, _) = Index::build(vec![
            entry(
                "A",
                "AHMED ALI",
                vec![DobSpec::Date(date(1980, 5, 17)), DobSpec::Date(year)],
                Some("X1234567"),
            ),
            entry(
                "B",
                "OMAR ALI",
                vec![DobSpec::Date(date(1980, 5, 17))],
                Some("x-1234567"),
            ),
            entry(
                "C",
                "SAID ALI",
                vec![DobSpec::Date(date(1980, 5, 18))],
                None,
            ),
        ])
        .unwrap();
        let born = |d| index.entries_born_on(d).collect::<Vec<_>>();
        assert_eq!(born(date(1980, 5, 17)), vec![0, 1]);
        assert_eq!(born(date(1980, 5, 18)), vec![2]);
        assert_eq!(born(date(1980, 5, 19)), Vec::<u32>::new());
        assert_eq!(born(year), Vec::<u32>::new());
        let docs = |n: &str| index.entries_with_document(n).collect::<Vec<_>>();
        assert_eq!(docs("X1234567"), vec![0, 1]);
        assert_eq!(docs("X1234568"), Vec::<u32>::new());
    }
}
