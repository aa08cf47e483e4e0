//! Scoring: token similarity, one-to-one alignment weighted by rarity, and the
//! date-of-birth, nationality, gender and document evidence around it.

use crate::index::max_typos;
use paxscreen_core::{
    Country, DobEvidence, DobSpec, Gender, GenderEvidence, NationalityEvidence, PartialDate,
};

/// The default operating point: hits scoring at or above this are reported.
/// Calibrated on the labelled dev set: the best recall at an innocent alert rate of at
/// most 0.5% (seed 2026: 97.43% at 0.48%; checked on seed 7: 97.20% at 0.46%; still so on
/// stop 31's sets: 97.47% at 0.47% and 97.87% at 0.41%, 0.75 alerting 0.54% and 0.51%). Not under
/// 0.71: an exact namesake with another birth year scores 0.70.
pub const DEFAULT_THRESHOLD: f64 = 0.76;

/// How scores are built, for `--help` texts and reports.
pub const SCORING_NOTES: &str = "name score = sum(sim * w) / (sum(w matched) + 0.4 * w(unmatched traveller tokens) + 0.3 * w(unmatched listed tokens)), \
w = rarity of the listed token (an unmatched East Slavic patronymic, -OVICH/-EVNA, or an honorific that is also a name, SAYYID, MIAN, MUFTI, CHAUDHRY, ..., costs half; a traveller initial left unmatched costs a quarter where its letter begins a listed name left unmatched, J for JOHN), times 1 - 0.35 * (1 - min(1, sum(sim * w') / 1.5)) so that common names alone weigh less (w' = w, but no more than the weight of the traveller's own spelling where the list holds it: a listed typo of MOHAMMED is no rarer than MOHAMMED); a typo of a traveller spelling that the list also holds counts 0.95 of its similarity; then dob exact +0.20 (an exact 1 January +0.07), same month +0.07, same year +0.05, in range +0.04, \
same year other day -0.08, other year -0.30; nationality match +0.03, conflict -0.10; exact dob and nationality both matching +0.15 more (a partial dob, same year, month or listed range, +0.03 more); gender conflict -0.10; \
an equal document number scores at least 0.95";

/// What an unmatched traveller initial costs, as a share of its weight, when its letter
/// begins a listed name token the alignment left unmatched (J SMITH against JOHN SMITH,
/// as PNRs write given names): the listed name is not confirmed (it still costs its own
/// weight), but the initial does not contradict it. An initial agreeing with no listed
/// token costs its whole weight.
pub(crate) const INITIAL_AGREES_FACTOR: f32 = 0.25;

/// What a typo match counts, as a share of its similarity, when the list also holds the
/// traveller's own spelling: that spelling is a name in its own right (GORAN, ZORAN;
/// KHIABANI, ASIABANI), so one letter away from another listed name is less likely a
/// typing error than for a spelling no one is listed under. On the dev sets (seeds
/// 2026 / 7) innocent alerts at 0.76 43 -> 42 and 40 -> 37 with recall unchanged; on
/// the 1M synthetic list 8,398 -> 8,170 of 98,976 innocents alert, recall 1,009 ->
/// 1,008 of 1,024 (MHAMAM YOUSSEF, 0.768 for YOUSSEF MHAMMA, falls under).
pub(crate) const KNOWN_SPELLING_TYPO_FACTOR: f32 = 0.95;

/// Similarity of two tokens that share a variant key (MOHAMMED / MUHAMMAD).
pub(crate) const KEY_SIMILARITY: f32 = 0.90;
/// Similarity of two tokens whose variant keys differ only by the vowel after the first
/// consonant, elided in one (M'HMED / MOHAMED, RCHID / RASHID; see
/// [`paxscreen_names::elided_vowel_keys`]), or by a glide Y written in one (KAYANI /
/// KIANI; [`paxscreen_names::glide_keys`]), within two edits: below a shared key, above
/// one typo in seven letters.
pub(crate) const ELIDED_KEY_SIMILARITY: f32 = 0.85;
/// Penalty weight of a traveller token that matched nothing in the listed name
/// (passports carry middle names and patronymics that short list aliases lack).
pub(crate) const ALPHA_UNMATCHED_TRAVELLER: f32 = 0.4;
/// Penalty weight of a listed token the traveller does not carry (passports drop
/// middle names, lists carry full genealogies, so this weighs less).
pub(crate) const BETA_UNMATCHED_LISTED: f32 = 0.3;
/// Matched rarity mass under which a name match is discounted (MOHAMMED ALI alone).
pub(crate) const INFORMATIVE_MASS: f32 = 1.5;
/// Largest discount for an uninformative name.
pub(crate) const UNINFORMATIVE_DISCOUNT: f32 = 0.35;
/// Weight factor of an unmatched patronymic or honorific name (SAYYID, MIAN, ...; see
/// [`paxscreen_names::is_optional_name`]): passports of Russia, Ukraine and Belarus do
/// not carry the patronymic a list gives; aliases and documents drop the honorific.
pub(crate) const OPTIONAL_FACTOR: f32 = 0.5;
/// Weight of a traveller token that meets no listed token at all.
pub(crate) const UNKNOWN_TOKEN_WEIGHT: f32 = 0.8;

/// How two tokens met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum How {
    None,
    Prefix,
    Typo,
    Variant,
    Exact,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::None => "unmatched",
            How::Prefix => "prefix",
            How::Typo => "typo",
            How::Variant => "variant",
            How::Exact => "exact",
        }
    }
}

/// Similarity of two forms. Non-zero only where retrieval can find the pair: equal,
/// within `max_typos(listed length)` edits, or (for a possibly truncated traveller
/// token of 4+ letters) a prefix of the listed form.
pub(crate) fn form_similarity(q: &str, c: &str, truncatable: bool) -> (f32, How) {
    form_similarity_by(q, c, truncatable, |max| {
        osa_within(q.as_bytes(), c.as_bytes(), max)
    })
}

/// [`form_similarity`] with the distance of `q` prepared (see [`OsaPattern`]).
pub(crate) fn form_similarity_to(q: &OsaPattern, c: &str, truncatable: bool) -> (f32, How) {
    form_similarity_by(q.form, c, truncatable, |max| q.within(c.as_bytes(), max))
}

/// [`form_similarity`] with `osa(max)` giving the distance of `q` and `c` when it is at
/// most `max`.
fn form_similarity_by(
    q: &str,
    c: &str,
    truncatable: bool,
    osa: impl FnOnce(usize) -> Option<usize>,
) -> (f32, How) {
    if q == c {
        return (1.0, How::Exact);
    }
    let r = typo_similarity_by(q, c, usize::MAX, osa);
    if r.0 > 0.0 {
        return r;
    }
    if truncatable && q.len() >= 4 && c.len() > q.len() && c.starts_with(q) {
        return (0.7 + 0.2 * q.len() as f32 / c.len() as f32, How::Prefix);
    }
    (0.0, How::None)
}

/// The most a typo of a listed form of three letters counts (KIM for KUM, ALI for XLI):
/// one edit in three letters also turns one name into another (LEA, LENA; MIA, MILA).
pub(crate) const SHORT_TYPO_SIMILARITY: f32 = 0.75;

/// The typo similarity of two different forms, counting at most `cap` edits (and at
/// most `max_typos(listed length)`); 0 beyond.
pub(crate) fn typo_similarity(q: &str, c: &str, cap: usize) -> (f32, How) {
    typo_similarity_by(q, c, cap, |max| osa_within(q.as_bytes(), c.as_bytes(), max))
}

fn typo_similarity_by(
    q: &str,
    c: &str,
    cap: usize,
    osa: impl FnOnce(usize) -> Option<usize>,
) -> (f32, How) {
    let maxd = max_typos(c.len()).min(cap);
    if maxd > 0 && q.len().abs_diff(c.len()) <= maxd {
        if let Some(d) = osa(maxd) {
            let l = q.len().max(c.len()) as f32;
            let s = 1.0 - d as f32 / (l + 2.0);
            if c.len() <= 3 {
                return (s.min(SHORT_TYPO_SIMILARITY), How::Typo);
            }
            return (s, How::Typo);
        }
    }
    (0.0, How::None)
}

/// Optimal string alignment distance (edits: insert, delete, substitute, swap two
/// neighbours) of two byte strings when it is at most `max`, else `None`; equal to
/// `strsim::osa_distance` on ASCII (checked by a property test). Only the diagonal
/// band of width `max` is filled, on the stack, and it stops as soon as a whole row
/// exceeds `max`: retrieval checks hundreds of listed forms per traveller token.
pub(crate) fn osa_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    const N: usize = 64;
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    if n >= N || m >= N {
        let d = strsim::osa_distance(std::str::from_utf8(a).ok()?, std::str::from_utf8(b).ok()?);
        return (d <= max).then_some(d);
    }
    // Both are shorter than N, so no distance exceeds N: cells hold at most N + 1.
    let max = max.min(N);
    let big = (max + 1) as u8;
    // Rows i-2, i-1, i of the distance table; cells outside the band hold `big`. A row
    // writes its band and the cell on each side of it, which is all the next two rows
    // read, so the rows are never cleared whole.
    let mut prev2 = [big; N + 1];
    let mut prev = [big; N + 1];
    let mut cur = [big; N + 1];
    for (j, p) in prev.iter_mut().enumerate().take(m.min(max) + 1) {
        *p = j as u8;
    }
    for i in 1..=n {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(m);
        cur[0] = if i <= max { i as u8 } else { big };
        if lo > 1 {
            cur[lo - 1] = big;
        }
        if hi < m {
            cur[hi + 1] = big;
        }
        let mut row_min = cur[0];
        for j in lo..=hi {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d.min(big);
            row_min = row_min.min(cur[j]);
        }
        if row_min > max as u8 {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= max as u8).then_some(prev[m] as usize)
}

/// A form prepared for its optimal string alignment distances to many others, by the
/// bit-parallel algorithm of Hyyrö (2003, Myers' bit vectors with transpositions): one
/// pass of a dozen word operations per byte of the other form, where the banded table
/// of [`osa_within`] fills several cells per byte. Retrieval scores ~100 listed forms
/// per traveller token seen for the first time. Forms of more than 64 bytes (a
/// machine word) use [`osa_within`].
pub(crate) struct OsaPattern<'a> {
    form: &'a str,
    /// Per byte value, the positions in `form` holding it; `None` for an empty form
    /// or one over 64 bytes.
    masks: Option<Box<[u64; 256]>>,
}

impl<'a> OsaPattern<'a> {
    pub(crate) fn new(form: &'a str) -> OsaPattern<'a> {
        let bytes = form.as_bytes();
        let masks = (!bytes.is_empty() && bytes.len() <= 64).then(|| {
            let mut m = Box::new([0u64; 256]);
            for (i, &b) in bytes.iter().enumerate() {
                m[b as usize] |= 1 << i;
            }
            m
        });
        OsaPattern { form, masks }
    }

    /// The distance to `other` when it is at most `max`, as [`osa_within`].
    pub(crate) fn within(&self, other: &[u8], max: usize) -> Option<usize> {
        let Some(masks) = &self.masks else {
            return osa_within(self.form.as_bytes(), other, max);
        };
        let m = self.form.len();
        if m.abs_diff(other.len()) > max {
            return None;
        }
        // Bit i of the vertical deltas is for the table cell of the form's first i + 1
        // bytes: `vp` +1, `vn` -1. Bits above the form's length carry garbage, which
        // shifts and carries only ever move up, away from the bits read.
        let last = 1u64 << (m - 1);
        let (mut vp, mut vn, mut d0, mut prev) = (u64::MAX, 0u64, 0u64, 0u64);
        let mut dist = m;
        for &b in other {
            let pm = masks[b as usize];
            // Transpositions: a match here whose neighbour matched the previous byte.
            let tr = ((!d0 & pm) << 1) & prev;
            d0 = ((((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn) | tr;
            let hp = vn | !(d0 | vp);
            let hn = d0 & vp;
            if hp & last != 0 {
                dist += 1;
            } else if hn & last != 0 {
                dist -= 1;
            }
            let hp = (hp << 1) | 1;
            let hn = hn << 1;
            vp = hn | !(d0 | hp);
            vn = hp & d0;
            prev = pm;
        }
        (dist <= max).then_some(dist)
    }
}

/// Pair of a traveller token and a listed token in an alignment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pair {
    pub q: usize,
    pub c: usize,
    pub sim: f32,
}

/// Result of scoring one name.
#[derive(Debug, Clone)]
pub(crate) struct NameScore {
    pub score: f32,
    pub pairs: Vec<Pair>,
    /// Unmatched traveller initials and the unmatched listed token each agrees with
    /// (see [`INITIAL_AGREES_FACTOR`]); `sim` 0.
    pub initials: Vec<Pair>,
}

/// One-to-one greedy alignment (best similarity x weight first) and the name score.
/// `sim(i, j)` is the similarity of traveller token i and listed token j; a listed token
/// left unmatched costs its `c_unmatched` weight (at most its `c_weights` weight). A
/// traveller token left unmatched costs its `q_weights` weight, plus its `extra(i)`
/// unless `agrees(i, j)` with a listed token j also left unmatched (an initial and a
/// name it begins; each listed token stands for one initial). Every bound on the score
/// takes `q_weights` alone, so it stays a bound.
pub(crate) fn score_name(
    q_weights: &[f32],
    extra: impl Fn(usize) -> f32,
    c_weights: &[f32],
    c_unmatched: &[f32],
    sim: impl Fn(usize, usize) -> f32,
    own_weight: impl Fn(usize) -> f32,
    agrees: impl Fn(usize, usize) -> bool,
) -> NameScore {
    let mut cands: Vec<(f32, f32, usize, usize)> =
        Vec::with_capacity(q_weights.len() * c_weights.len());
    for (i, _) in q_weights.iter().enumerate() {
        for (j, &wc) in c_weights.iter().enumerate() {
            let s = sim(i, j);
            if s > 0.0 {
                cands.push((s * wc, s, i, j));
            }
        }
    }
    cands.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut q_used = 0u64;
    let mut c_used = 0u64;
    let mut pairs = Vec::new();
    for (_, s, i, j) in cands {
        if i >= 64 || j >= 64 || q_used & (1 << i) != 0 || c_used & (1 << j) != 0 {
            continue;
        }
        q_used |= 1 << i;
        c_used |= 1 << j;
        pairs.push(Pair { q: i, c: j, sim: s });
    }
    let x: f32 = pairs.iter().map(|p| p.sim * c_weights[p.c]).sum();
    if x <= 0.0 {
        return NameScore {
            score: 0.0,
            pairs,
            initials: Vec::new(),
        };
    }
    let mut initials = Vec::new();
    let mut extra_cost = 0.0f32;
    let mut c_claimed = c_used;
    for i in 0..q_weights.len().min(64) {
        let e = extra(i);
        if e <= 0.0 || q_used & (1 << i) != 0 {
            continue;
        }
        match (0..c_weights.len().min(64)).find(|&j| c_claimed & (1 << j) == 0 && agrees(i, j)) {
            Some(j) => {
                c_claimed |= 1 << j;
                initials.push(Pair {
                    q: i,
                    c: j,
                    sim: 0.0,
                });
            }
            None => extra_cost += e,
        }
    }
    let w: f32 = pairs.iter().map(|p| c_weights[p.c]).sum();
    let rq: f32 = q_weights
        .iter()
        .enumerate()
        .filter(|(i, _)| *i >= 64 || q_used & (1 << i) == 0)
        .map(|(_, w)| w)
        .sum::<f32>()
        + extra_cost;
    let uc: f32 = c_unmatched
        .iter()
        .enumerate()
        .filter(|(j, _)| *j >= 64 || c_used & (1 << j) == 0)
        .map(|(_, w)| w)
        .sum();
    let ratio = x / (w + ALPHA_UNMATCHED_TRAVELLER * rq + BETA_UNMATCHED_LISTED * uc);
    // How informative the match is: a listed spelling a typo or a variant away from the
    // traveller's own counts no rarer than that spelling where the list holds it (a
    // listed MUNHAMMAD, a typo of MUHAMMAD, is rare as written but says MUHAMMAD).
    // Never above `x`, so every bound on the score stays a bound.
    let evidence: f32 = pairs
        .iter()
        .map(|p| p.sim * c_weights[p.c].min(own_weight(p.q)))
        .sum();
    let conf = (evidence / INFORMATIVE_MASS).min(1.0);
    let score = ratio * (1.0 - UNINFORMATIVE_DISCOUNT * (1.0 - conf));
    NameScore {
        score,
        pairs,
        initials,
    }
}

/// Upper bound of [`score_name`] for a name that can match at most the traveller
/// tokens whose best weights sum to `matchable`, leaving at least `unmatched` weight of
/// traveller tokens unmatched.
pub(crate) fn name_upper_bound(matchable: f32, unmatched: f32) -> f32 {
    if matchable <= 0.0 {
        0.0
    } else {
        matchable / (matchable + ALPHA_UNMATCHED_TRAVELLER * unmatched)
    }
}

/// Date-of-birth evidence: the best agreement between the traveller's date and any
/// listed date.
pub(crate) fn dob_evidence(traveller: Option<PartialDate>, listed: &[DobSpec]) -> DobEvidence {
    let Some(t) = traveller else {
        return DobEvidence::None;
    };
    if listed.is_empty() {
        return DobEvidence::None;
    }
    let rank = |e: DobEvidence| match e {
        DobEvidence::Exact => 7,
        DobEvidence::Month => 6,
        DobEvidence::Year => 5,
        DobEvidence::Range => 4,
        DobEvidence::Near => 3,
        DobEvidence::PartialConflict => 2,
        DobEvidence::Conflict => 1,
        DobEvidence::None => 0,
    };
    let mut best = DobEvidence::Conflict;
    for spec in listed {
        let e = match *spec {
            DobSpec::Range { from, to } => {
                if (from..=to).contains(&t.year) {
                    DobEvidence::Range
                } else if t.year + 1 >= from && t.year <= to + 1 {
                    DobEvidence::Near
                } else {
                    DobEvidence::Conflict
                }
            }
            DobSpec::Date(l) => {
                if l.year != t.year {
                    if l.year.abs_diff(t.year) <= 1 {
                        DobEvidence::Near
                    } else {
                        DobEvidence::Conflict
                    }
                } else {
                    match (l.month, t.month) {
                        (Some(a), Some(b)) if a != b => DobEvidence::PartialConflict,
                        (Some(_), Some(_)) => match (l.day, t.day) {
                            (Some(a), Some(b)) if a != b => DobEvidence::PartialConflict,
                            (Some(_), Some(_)) => DobEvidence::Exact,
                            _ => DobEvidence::Month,
                        },
                        _ => DobEvidence::Year,
                    }
                }
            }
        };
        if rank(e) > rank(best) {
            best = e;
        }
    }
    best
}

/// Score adjustment for date-of-birth evidence. `t` is the traveller's date: an exact
/// match on 1 January (the placeholder many documents carry when the day is unknown)
/// counts as a same-month match.
pub(crate) fn dob_adjustment(e: DobEvidence, t: Option<PartialDate>) -> f32 {
    match e {
        DobEvidence::Exact if t.is_some_and(is_placeholder_date) => DOB_MONTH,
        DobEvidence::Exact => DOB_EXACT,
        DobEvidence::Month => DOB_MONTH,
        DobEvidence::Year => 0.05,
        DobEvidence::Range => 0.04,
        DobEvidence::Near | DobEvidence::None => 0.0,
        DobEvidence::PartialConflict => -0.08,
        DobEvidence::Conflict => -0.30,
    }
}

/// Bonus for an exact date of birth: a full date shared by chance is rare (about one in
/// 20,000 pairs), so with it a partial name (a held-back alias that shares the surname)
/// reaches the threshold, while a name that shares only common tokens does not.
pub(crate) const DOB_EXACT: f32 = 0.20;
/// Bonus for the same year and month (or an exact 1 January).
pub(crate) const DOB_MONTH: f32 = 0.07;
/// Extra bonus when the exact date of birth and the nationality both match: two
/// independent facts (a full date is shared by chance by about one pair in 20,000, a
/// date and a nationality by far fewer). With it (0.38 in all) a held-back alias that
/// shares one name part with its entry reaches the threshold: TANG Ping-keung against
/// Chris TANG, AL-DARRAJI Abu-Rida against Habib Hasan Mughamis DARRAJI, each with the
/// same date and nationality. 0.15 rather than 0.10: on the dev sets +3 / +1 held-back
/// aliases of 334 at 0.76 and no innocent alert more; 0.20 found one more on each but
/// raised the innocent alerts on the 1M synthetic list from 8.252% to 8.384% (0.15:
/// 8.296%), where a million entries make a shared date and nationality common.
pub(crate) const CORROBORATION: f32 = 0.15;
/// Extra bonus when a partial date of birth (same year, same month, inside a listed
/// range, or an exact 1 January) and the nationality both match: lists often give only
/// a year of birth, and a year and a nationality agreeing by chance is rare too (about
/// one in 3,000 pairs) though not as rare as a full date.
pub(crate) const PARTIAL_CORROBORATION: f32 = 0.03;

/// 1 January, the usual placeholder for an unknown day and month.
pub(crate) fn is_placeholder_date(d: PartialDate) -> bool {
    d.month == Some(1) && d.day == Some(1)
}

/// Extra bonus when the date of birth and the nationality both match: two independent
/// facts agreeing. [`CORROBORATION`] for an exact (not placeholder) date,
/// [`PARTIAL_CORROBORATION`] for a partial one.
pub(crate) fn corroboration(
    dob: DobEvidence,
    t: Option<PartialDate>,
    nat: NationalityEvidence,
) -> f32 {
    if nat != NationalityEvidence::Match {
        return 0.0;
    }
    match dob {
        DobEvidence::Exact if !t.is_some_and(is_placeholder_date) => CORROBORATION,
        DobEvidence::Exact | DobEvidence::Month | DobEvidence::Year | DobEvidence::Range => {
            PARTIAL_CORROBORATION
        }
        _ => 0.0,
    }
}

/// The largest date-of-birth bonus a traveller with this date could earn.
pub(crate) fn max_dob_bonus(t: Option<PartialDate>) -> f32 {
    match t {
        None => 0.0,
        Some(d) if d.is_full() => dob_adjustment(DobEvidence::Exact, t),
        Some(d) if d.month.is_some() => dob_adjustment(DobEvidence::Month, t),
        Some(_) => dob_adjustment(DobEvidence::Year, t),
    }
}

/// The date-of-birth, nationality and gender evidence of a traveller against one
/// entry, with what each adds to the name score. Computed once per entry: `screen`
/// drops names and entries that cannot reach the threshold with it before building
/// any explanation.
pub(crate) struct EntryEvidence {
    pub dob: DobEvidence,
    pub nat: NationalityEvidence,
    pub gender: GenderEvidence,
    /// (what, evidence word, adjustment) for the date of birth, nationality and gender.
    pub parts: [(&'static str, &'static str, f32); 3],
    /// The extra bonus for the date of birth and the nationality both matching (see
    /// [`corroboration`]).
    pub corroboration: f32,
}

impl EntryEvidence {
    pub fn of(t: &paxscreen_core::Traveller, e: &paxscreen_core::WatchlistEntry) -> Self {
        let dob = dob_evidence(t.dob, &e.dobs);
        let nat = nationality_evidence(traveller_nationality(t), &e.nationalities);
        let gender = gender_evidence(t.gender, e.gender);
        EntryEvidence {
            dob,
            nat,
            gender,
            parts: [
                ("dob", dob.as_str(), dob_adjustment(dob, t.dob)),
                ("nationality", nat.as_str(), nationality_adjustment(nat)),
                ("gender", gender.as_str(), gender_adjustment(gender)),
            ],
            corroboration: corroboration(dob, t.dob, nat),
        }
    }

    /// The sum of the adjustments, unclamped.
    pub fn adjustment(&self) -> f32 {
        self.parts.iter().map(|p| p.2).sum::<f32>() + self.corroboration
    }

    /// The final score of a name scoring `name` against this entry: the name score
    /// plus every adjustment (added in order), clamped to [0, 1], raised to
    /// [`DOCUMENT_MATCH_FLOOR`] on an equal document number.
    pub fn total(&self, name: f32, document_match: bool) -> f32 {
        let mut total = name;
        for p in &self.parts {
            total += p.2;
        }
        total += self.corroboration;
        total = total.clamp(0.0, 1.0);
        if document_match && total < DOCUMENT_MATCH_FLOOR {
            total = DOCUMENT_MATCH_FLOOR;
        }
        total
    }
}

/// The traveller's nationality as evidence: none where the code names no country (a
/// stateless person's or a refugee's travel document, XXA / XXB, is neither a match nor
/// a conflict with a listed nationality).
pub(crate) fn traveller_nationality(t: &paxscreen_core::Traveller) -> Option<Country> {
    t.nationality.filter(Country::is_nationality)
}

/// A listed code that names no country (a listed person's stateless or refugee
/// status) is no nationality to conflict with, as for the traveller.
pub(crate) fn nationality_evidence(t: Option<Country>, listed: &[Country]) -> NationalityEvidence {
    match t {
        None => NationalityEvidence::None,
        Some(_) if !listed.iter().any(Country::is_nationality) => NationalityEvidence::None,
        Some(c) if listed.contains(&c) => NationalityEvidence::Match,
        Some(_) => NationalityEvidence::Conflict,
    }
}

/// A nationality the entry does not list costs 0.10: most travellers who share a
/// listed name are other people of other countries, while a listed person travelling
/// on a second nationality's passport still hits on an exact name (0.90 without a
/// date of birth) or any name with the exact date. 0.10 rather than 0.06 (until stop
/// 33): innocent alerts on the 1M synthetic list 8.296% -> 6.957% of 99,037 with the
/// same recall (98.858% of 963), on the dev sets 0.47% -> 0.42% and 0.41% -> 0.40% at
/// 0.76 and held-back aliases within 1% alerts 85.3% / 84.7% -> 85.3% / 85.3% (0.15:
/// 0.38% / 0.34%, 85.6% / 85.3%, but an exact name's typo on another passport falls
/// under 0.76).
pub(crate) fn nationality_adjustment(e: NationalityEvidence) -> f32 {
    match e {
        NationalityEvidence::Match => 0.03,
        NationalityEvidence::Conflict => -0.10,
        NationalityEvidence::None => 0.0,
    }
}

pub(crate) fn gender_evidence(t: Option<Gender>, listed: Option<Gender>) -> GenderEvidence {
    match (t, listed) {
        (Some(a), Some(b)) if a == Gender::X || b == Gender::X => GenderEvidence::None,
        (Some(a), Some(b)) if a == b => GenderEvidence::Match,
        (Some(_), Some(_)) => GenderEvidence::Conflict,
        _ => GenderEvidence::None,
    }
}

pub(crate) fn gender_adjustment(e: GenderEvidence) -> f32 {
    match e {
        GenderEvidence::Conflict => -0.10,
        _ => 0.0,
    }
}

/// Floor of the score of a hit whose document number equals a listed one.
pub(crate) const DOCUMENT_MATCH_FLOOR: f32 = 0.95;

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// [`score_name`] without initials.
    fn plain(
        q_weights: &[f32],
        c_weights: &[f32],
        c_unmatched: &[f32],
        sim: impl Fn(usize, usize) -> f32,
        own_weight: impl Fn(usize) -> f32,
    ) -> NameScore {
        score_name(
            q_weights,
            |_| 0.0,
            c_weights,
            c_unmatched,
            sim,
            own_weight,
            |_, _| false,
        )
    }

    proptest! {
        #[test]
        fn osa_within_agrees_with_strsim(
            a in "[ABDH]{0,20}",
            b in "[ABDH]{0,20}",
            max in prop_oneof![0usize..8, Just(usize::MAX)],
        ) {
            let d = strsim::osa_distance(&a, &b);
            prop_assert_eq!(
                super::osa_within(a.as_bytes(), b.as_bytes(), max),
                (d <= max).then_some(d)
            );
        }
    }

    proptest! {
        #[test]
        fn osa_pattern_agrees_with_strsim(
            a in prop_oneof!["[ABDH]{0,20}", "[A-Z]{0,12}", "[AB]{60,70}"],
            b in prop_oneof!["[ABDH]{0,20}", "[A-Z]{0,12}", "[AB]{55,70}"],
            max in prop_oneof![0usize..8, Just(usize::MAX)],
        ) {
            let d = strsim::osa_distance(&a, &b);
            prop_assert_eq!(
                super::OsaPattern::new(&a).within(b.as_bytes(), max),
                (d <= max).then_some(d)
            );
        }
    }

    #[test]
    fn osa_pattern_examples() {
        let p = |a: &str, b: &str| super::OsaPattern::new(a).within(b.as_bytes(), usize::MAX);
        assert_eq!(p("MOHAMED", "MOHAMMED"), Some(1));
        assert_eq!(p("AHMDE", "AHMED"), Some(1));
        assert_eq!(p("KHALID", "KHALED"), Some(1));
        // Transposition then a substitution of one of its letters: OSA counts 3 (CA ->
        // ABC is 3 in OSA, 2 in unrestricted Damerau-Levenshtein).
        assert_eq!(p("CA", "ABC"), Some(3));
        assert_eq!(p("", "AB"), Some(2));
        assert_eq!(p("AB", ""), Some(2));
        let a64 = "AB".repeat(32);
        let b64 = "BA".repeat(32);
        assert_eq!(p(&a64, &b64), Some(2));
        assert_eq!(super::OsaPattern::new("KHALID").within(b"KHALED", 0), None);
    }

    #[test]
    fn osa_within_examples() {
        assert_eq!(super::osa_within(b"MOHAMED", b"MOHAMMED", 1), Some(1));
        assert_eq!(super::osa_within(b"AHMDE", b"AHMED", 1), Some(1));
        assert_eq!(super::osa_within(b"KHALID", b"KHALED", 0), None);
        assert_eq!(super::osa_within(b"", b"AB", 2), Some(2));
        let long = "A".repeat(70);
        assert_eq!(
            super::osa_within(long.as_bytes(), &long.as_bytes()[1..], 2),
            Some(1)
        );
    }

    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn form_similarity_kinds() {
        assert_eq!(
            form_similarity("BAGHDADI", "BAGHDADI", false),
            (1.0, How::Exact)
        );
        let (s, h) = form_similarity("BAGHDADY", "BAGHDADI", false);
        assert_eq!(h, How::Typo);
        assert!((s - 0.9).abs() < 1e-6);
        // One typo in a 3-letter listed token, counting at most 0.75 (1 - 1/5 would be
        // 0.8); none in 2 letters.
        assert_eq!(form_similarity("XLI", "ALI", false), (0.75, How::Typo));
        assert_eq!(form_similarity("LENA", "LEA", false), (0.75, How::Typo));
        assert_eq!(form_similarity("KM", "KIM", false), (0.75, How::Typo));
        assert_eq!(form_similarity("KIM", "KIMA", false).1, How::Typo);
        assert!((form_similarity("KIM", "KIMA", false).0 - (1.0 - 1.0 / 6.0)).abs() < 1e-6);
        assert_eq!(form_similarity("AB", "AX", false).1, How::None);
        assert_eq!(form_similarity("ALI", "AXY", false).1, How::None);
        assert_eq!(form_similarity("RAHM", "RAHMAN", true).1, How::Prefix);
        assert_eq!(form_similarity("RAHM", "RAHMAN", false).1, How::None);
        assert_eq!(form_similarity("ABCDEFGH", "ABCDXYZH", false).1, How::None);
    }

    #[test]
    fn alignment_is_one_to_one_and_order_free() {
        let s1 = plain(
            &[1.0, 1.0],
            &[1.0, 1.0],
            &[1.0, 1.0],
            |i, j| if i != j { 1.0 } else { 0.0 },
            |_| f32::INFINITY,
        );
        assert!((s1.score - 1.0).abs() < 1e-6);
        // One traveller token cannot stand for two listed ones.
        let s2 = plain(
            &[1.0],
            &[1.0, 1.0],
            &[1.0, 1.0],
            |_, _| 1.0,
            |_| f32::INFINITY,
        );
        let discount = 1.0 - UNINFORMATIVE_DISCOUNT * (1.0 - 1.0 / INFORMATIVE_MASS);
        assert!((s2.score - discount / (1.0 + BETA_UNMATCHED_LISTED)).abs() < 1e-6);
        // Unmatched traveller tokens cost more than unmatched listed ones.
        let s3 = plain(
            &[1.0, 1.0],
            &[1.0],
            &[1.0],
            |i, _| if i == 0 { 1.0 } else { 0.0 },
            |_| f32::INFINITY,
        );
        assert!(s3.score < s2.score);
    }

    #[test]
    fn common_tokens_alone_are_discounted() {
        let diagonal = |i: usize, j: usize| if i == j { 1.0 } else { 0.0 };
        let rare = plain(&[1.0, 1.0], &[1.0, 1.0], &[1.0, 1.0], diagonal, |_| {
            f32::INFINITY
        });
        let common = plain(&[0.3, 0.3], &[0.3, 0.3], &[0.3, 0.3], diagonal, |_| {
            f32::INFINITY
        });
        assert!(common.score < rare.score);
        assert!(common.score < 0.9);
        // Rare listed spellings a typo away from the traveller's common ones (weight
        // 0.3 where the list holds them as written) are as uninformative as those.
        let typo = plain(&[0.3, 0.3], &[1.0, 1.0], &[1.0, 1.0], diagonal, |_| 0.3);
        assert!(
            (typo.score - common.score).abs() < 1e-6,
            "{} {}",
            typo.score,
            common.score
        );
        // The ratio part keeps the listed weights: only the discount changes.
        let uncapped = plain(&[0.3, 0.3], &[1.0, 1.0], &[1.0, 1.0], diagonal, |_| {
            f32::INFINITY
        });
        assert!(uncapped.score > typo.score + 0.1);
    }

    #[test]
    fn an_initial_agreeing_with_an_unmatched_name_costs_a_quarter() {
        // Traveller J SMITH (J an initial, weight 1 split 0.25 + 0.75), listed JOHN
        // SMITH: SMITH matched, JOHN left unmatched.
        let sim = |i: usize, j: usize| if i == 1 && j == 1 { 1.0 } else { 0.0 };
        let q = [INITIAL_AGREES_FACTOR, 1.0];
        let extra = [1.0 - INITIAL_AGREES_FACTOR, 0.0];
        let c = [1.0, 1.0];
        // The same pair scored with the initial agreeing with JOHN, then with nothing.
        let scored = |agrees: &dyn Fn(usize, usize) -> bool| {
            score_name(&q, |i| extra[i], &c, &c, sim, |_| f32::INFINITY, agrees)
        };
        let agreeing = scored(&|i, j| i == 0 && j == 0);
        let other = scored(&|_, _| false);
        let discount = 1.0 - UNINFORMATIVE_DISCOUNT * (1.0 - 1.0 / INFORMATIVE_MASS);
        let want = |traveller_cost: f32| {
            discount / (1.0 + ALPHA_UNMATCHED_TRAVELLER * traveller_cost + BETA_UNMATCHED_LISTED)
        };
        assert!((agreeing.score - want(INITIAL_AGREES_FACTOR)).abs() < 1e-6);
        assert!((other.score - want(1.0)).abs() < 1e-6);
        assert_eq!(agreeing.initials.len(), 1);
        assert_eq!((agreeing.initials[0].q, agreeing.initials[0].c), (0, 0));
        assert!(other.initials.is_empty());
        // A matched listed token agrees with no initial, and one listed token stands for
        // one initial only: two initials J J against JOHN SMITH, one agrees.
        let two = score_name(
            &[INITIAL_AGREES_FACTOR, INITIAL_AGREES_FACTOR, 1.0],
            |i| [0.75, 0.75, 0.0][i],
            &c,
            &c,
            |i, j| if i == 2 && j == 1 { 1.0 } else { 0.0 },
            |_| f32::INFINITY,
            |i, j| i < 2 && j < 2,
        );
        assert_eq!(two.initials.len(), 1);
        assert_eq!(two.initials[0].c, 0);
        let cost = ALPHA_UNMATCHED_TRAVELLER * (2.0 * INITIAL_AGREES_FACTOR + 0.75);
        assert!((two.score - discount / (1.0 + cost + BETA_UNMATCHED_LISTED)).abs() < 1e-6);
    }

    #[test]
    fn upper_bound_bounds() {
        let s = plain(
            &[0.5, 1.0],
            &[0.5, 0.7],
            &[0.5, 0.7],
            |i, j| if i == 0 && j == 0 { 1.0 } else { 0.0 },
            |_| f32::INFINITY,
        );
        assert!(s.score <= name_upper_bound(0.5, 1.0) + 1e-6);
    }

    #[test]
    fn placeholder_dates_earn_the_month_bonus() {
        assert_eq!(
            dob_adjustment(DobEvidence::Exact, Some(d("1964-05-11"))),
            DOB_EXACT
        );
        assert_eq!(
            dob_adjustment(DobEvidence::Exact, Some(d("1970-01-01"))),
            DOB_MONTH
        );
        assert_eq!(max_dob_bonus(Some(d("1970-01-01"))), DOB_MONTH);
        assert_eq!(max_dob_bonus(Some(d("1970-02"))), DOB_MONTH);
        assert_eq!(max_dob_bonus(None), 0.0);
        let (e, n) = (DobEvidence::Exact, NationalityEvidence::Match);
        assert_eq!(corroboration(e, Some(d("1964-05-11")), n), CORROBORATION);
        // A placeholder or partial date corroborates less.
        assert_eq!(
            corroboration(e, Some(d("1970-01-01")), n),
            PARTIAL_CORROBORATION
        );
        for partial in [DobEvidence::Month, DobEvidence::Year, DobEvidence::Range] {
            assert_eq!(
                corroboration(partial, Some(d("1964-05")), n),
                PARTIAL_CORROBORATION
            );
        }
        assert_eq!(corroboration(DobEvidence::Near, Some(d("1964")), n), 0.0);
        assert_eq!(
            corroboration(e, Some(d("1964-05-11")), NationalityEvidence::None),
            0.0
        );
    }

    #[test]
    fn dob_evidence_kinds() {
        let l = [
            DobSpec::Date(d("1979-06-30")),
            DobSpec::Range {
                from: 1960,
                to: 1962,
            },
        ];
        assert_eq!(dob_evidence(Some(d("1979-06-30")), &l), DobEvidence::Exact);
        assert_eq!(dob_evidence(Some(d("1979-06")), &l), DobEvidence::Month);
        assert_eq!(dob_evidence(Some(d("1979")), &l), DobEvidence::Year);
        assert_eq!(dob_evidence(Some(d("1961-01-01")), &l), DobEvidence::Range);
        assert_eq!(dob_evidence(Some(d("1980-01-01")), &l), DobEvidence::Near);
        assert_eq!(
            dob_evidence(Some(d("1979-07-30")), &l),
            DobEvidence::PartialConflict
        );
        assert_eq!(
            dob_evidence(Some(d("1990-07-30")), &l),
            DobEvidence::Conflict
        );
        assert_eq!(dob_evidence(None, &l), DobEvidence::None);
        assert_eq!(dob_evidence(Some(d("1990")), &[]), DobEvidence::None);
    }
}
