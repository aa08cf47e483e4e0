//! Screening one traveller: analyse the name, retrieve the listed tokens each traveller
//! token can meet, keep the names that can still reach the threshold, score them.

use crate::index::{deletion_lookup, query_deletions, Index, ROLE_CONNECTOR, ROLE_INITIAL};
use crate::score::{self, How, NameScore};
use crate::ScreenOptions;
use fst::{Automaton, IntoStreamer, Streamer};
use paxscreen_core::{DocumentEvidence, Evidence, Hit, TokenMatch, Traveller};
use std::collections::HashMap;

/// A traveller token with the listed tokens it meets.
#[derive(Clone)]
pub(crate) struct QueryToken {
    pub forms: Vec<String>,
    pub keys: Vec<String>,
    pub role: u8,
    pub truncatable: bool,
    /// Meets listed tokens only as spelled (see [`SHORT_PIECE`]).
    pub exact_only: bool,
    /// (listed token id, similarity, how), sorted by token id; similarity > 0 only.
    /// Shared with the retrieval cache and the other readings of the name, not copied.
    pub matches: std::sync::Arc<[(u32, f32, How)]>,
    /// The same matches by value (similarity x listed weight), highest first, as
    /// `candidate_names` takes them; on a tie the shorter posting list first. Computed
    /// once per retrieval and cached with it: sorting reads every match's token record
    /// and posting offsets, a cache miss each.
    pub by_value: std::sync::Arc<[Valued]>,
    /// The postings of the short lists of `by_value` (at most [`INLINE_POSTINGS`]
    /// names), copied one after another in `by_value` order and cached with them:
    /// `candidate_names` reads them without a cache miss per list start (the offsets,
    /// then the first posting), which was most of the union's cost at 1M names, where a
    /// traveller token meets a couple of hundred short lists. `inline_end[j]` ends the
    /// run of `by_value[j]`, which starts where the run before ends; a long list's run
    /// is empty (see [`QueryToken::postings`]).
    pub inline: std::sync::Arc<[crate::index::HotPosting]>,
    pub inline_end: std::sync::Arc<[u32]>,
    /// Weight when unmatched: the weight of its best match, or a default when none. An
    /// initial's is [`score::INITIAL_AGREES_FACTOR`] of that (what it costs when it
    /// agrees with a listed name left unmatched), the rest in `initial_extra`.
    pub weight: f32,
    /// What an unmatched initial costs on top of `weight` when it agrees with no listed
    /// token left unmatched (0 for other tokens). Bounds leave it out.
    pub initial_extra: f32,
    /// Weight of the listed token spelled as this token (the most of its exact matches),
    /// infinite when the list does not hold the spelling: the most a typo or variant
    /// match of this token counts towards how informative a name match is.
    pub own_weight: f32,
}

/// Posting lists at most this long are copied into the query token (see
/// [`QueryToken::inline`]).
const INLINE_POSTINGS: usize = 64;

impl QueryToken {
    /// The postings of `by_value[j]`: the inline copy of a short list, the index's own
    /// of a long one (or of any list when there is no copy: the exhaustive reference
    /// makes none).
    #[inline]
    fn postings<'a>(&'a self, index: &'a Index, j: usize) -> &'a [crate::index::HotPosting] {
        let (_, t, len) = self.by_value[j];
        if len as usize <= INLINE_POSTINGS {
            if let Some(&end) = self.inline_end.get(j) {
                let start = j.checked_sub(1).map_or(0, |i| self.inline_end[i] as usize);
                return self.inline.get(start..end as usize).unwrap_or(&[]);
            }
        }
        index
            .postings_hot
            .get(index.tables.token_names.span(t))
            .unwrap_or(&[])
    }

    fn sim(&self, token: u32) -> (f32, How) {
        match self.matches.binary_search_by_key(&token, |m| m.0) {
            Ok(i) => (self.matches[i].1, self.matches[i].2),
            Err(_) => (0.0, How::None),
        }
    }
}

/// A piece of a glued token this short (`SAWSAN` as SAW + SAN, `LEAH` as LE + AH) meets
/// listed tokens only as spelled: a million-name list holds most syllables, and a split
/// that happens to find two of them, each then meeting a listed name by variant or typo
/// (SAN ~ THEIN, LE ~ LI), made innocent names reach listed ones. A connector is still
/// met by typo (BUKHATTALAH as BU + KHATTALAH, BU for ABU).
const SHORT_PIECE: usize = 3;

/// (similarity x listed weight, listed token, length of the token's posting list).
pub(crate) type Valued = (f32, u32, u32);

/// A name a traveller gives is "possibly truncated" when it fills an MRZ name field
/// (TD1 30, TD3 39 characters with `<<`): then its last given-name token may be a prefix.
const TRUNCATION_LENGTH: usize = 28;

/// Splits a token into listed forms when it is several names written together
/// (PNR given names lose their spaces: `SERGEYANATOLYEVICH`, `HUSAMMUHAMMADAMIN`):
/// the splits with the fewest pieces, each a form of the watchlist dictionary of 2+
/// letters (an article only before another piece), a connector or an ABD
/// (`CHIHEBBENMOHAMED`, `HAFIZABDUL`). Of several such splits, up to three are
/// returned: the one found first (cuts as early as possible) and, when they differ, the
/// one whose shortest piece is longest and the one whose last cut is latest: the list
/// may hold both `AA` + `MIRALI` and `AAMIR` + `ALI`, `SU` + `KWANG` and `SUK` + `WANG`,
/// or `SON` + `GUN` and `SONG` + `UN`, and screening keeps the better reading.
/// `None` when the token is itself a listed form or cannot be split.
///
/// A `truncatable` token (the last given name of a name long enough to have been cut
/// short, see [`analyse_traveller`]) may end in a piece of 3+ letters that only begins
/// a listed form (`ALEKSANDRVLADIMIROVI`; [`Split::prefix`]), or in one or two letters
/// left of a name or a glued title (`...VLADIMIROVICHM`, `...IBRAHIMH`), which are
/// dropped.
fn split_glued(index: &Index, form: &str, truncatable: bool) -> Option<Split> {
    const MIN_PIECE: usize = 2;
    let n = form.len();
    if !(2 * MIN_PIECE..=40).contains(&n) || !form.is_ascii() || index.forms_fst.contains_key(form)
    {
        return None;
    }
    // Whether form[i..j] may be a piece, looked up once for both splits.
    let mut known: Vec<Option<bool>> = vec![None; (n + 1) * (n + 1)];
    let mut is_piece = |i: usize, j: usize| -> bool {
        *known[i * (n + 1) + j].get_or_insert_with(|| {
            let piece = &form[i..j];
            // An article does not end a token (TARIQANWARALSAYYID, but MATIAS is not
            // MATI AS): read again before the next name, it would be dropped. AL or EL
            // before another piece is one whether or not the list holds it standing
            // alone (the assimilated AR, AS, AD, ... only where it does: ARALE, ADISA).
            let article = paxscreen_names::PARTICLES.contains(&piece);
            (j < n || !article)
                && ((j < n && matches!(piece, "AL" | "EL"))
                    || index.forms_fst.contains_key(piece)
                    || paxscreen_names::is_structure_word(piece))
        })
    };
    let mut splits: Vec<(Vec<String>, bool)> = Vec::with_capacity(3);
    // Three orders among the splits with the fewest pieces: cuts as early as possible;
    // the shortest piece longest; the last cut as late as possible (a glued Korean
    // given name: SONGUN is SON + GUN first, SONG + UN last).
    for (longest_shortest, latest) in [(false, false), (true, false), (false, true)] {
        // best[i] = (pieces, previous cut, shortest piece) for the prefix form[..i].
        let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0, usize::MAX));
        for i in 0..n {
            let Some((pieces, _, shortest)) = best[i] else {
                continue;
            };
            for (j, slot) in best.iter_mut().enumerate().skip(i + MIN_PIECE) {
                let candidate = (pieces + 1, i, shortest.min(j - i));
                let better = slot.is_none_or(|(p, _, s)| {
                    candidate.0 < p
                        || (candidate.0 == p && ((longest_shortest && candidate.2 > s) || latest))
                });
                if better && is_piece(i, j) {
                    *slot = Some(candidate);
                }
            }
        }
        // A cut-off end, in this order: what is left of a glued title after a whole
        // split (...ALEKSANDROVICHM: M, MI, MIS, MST, D); a last piece that begins a
        // listed form, the longest such (VLADIMIRANDREYEVI is VLADIMIR + ANDREYEVI[CH],
        // not ANDREYEV + I); one or two letters of a name after a whole split
        // (...IBRAHIMH).
        let mut end = n;
        let mut prefix = false;
        let whole_before = |k: usize, best: &[Option<(usize, usize, usize)>]| {
            k < n && best[n - k].is_some_and(|b| b.0 >= 2)
        };
        if truncatable && best[n].is_none() {
            if let Some(t) = ["MIS", "MST", "MI", "M", "D"]
                .iter()
                .find(|t| form.ends_with(*t) && whole_before(t.len(), &best))
            {
                end = n - t.len();
            } else if let Some(start) = (n.saturating_sub(40)..n.saturating_sub(2)).find(|&i| {
                best[i].is_some_and(|b| b.0 >= 1) && {
                    let piece = fst::automaton::Str::new(&form[i..]).starts_with();
                    index.forms_fst.search(piece).into_stream().next().is_some()
                }
            }) {
                best[n] = best[start].map(|(p, _, s)| (p + 1, start, s.min(n - start)));
                prefix = true;
            } else if let Some(k) = (1..=2).find(|&k| whole_before(k, &best)) {
                end = n - k;
            }
        }
        let Some((count, _, _)) = best[end] else {
            continue;
        };
        if count < 2 {
            continue;
        }
        let mut cuts = vec![end];
        let mut at = end;
        while at > 0 {
            at = best[at].map_or(0, |b| b.1);
            cuts.push(at);
        }
        cuts.reverse();
        // Three or more pieces of two letters each are syllables the list happens to
        // hold (FATIHA as FA TI HA, which met `Ta Fa CHA` at 0.81), not names written
        // together.
        if cuts.len() > 3 && cuts.windows(2).all(|w| w[1] - w[0] == MIN_PIECE) {
            continue;
        }
        let pieces: Vec<String> = cuts
            .windows(2)
            .map(|w| form[w[0]..w[1]].to_string())
            .collect();
        if splits.iter().all(|s| s.0 != pieces) {
            splits.push((pieces, prefix));
        }
    }
    let mut splits = splits.into_iter();
    let (pieces, prefix) = splits.next()?;
    Some(Split {
        pieces,
        prefix,
        alternatives: splits.map(|s| s.0).collect(),
    })
}

/// The pieces of a glued token (see [`split_glued`]).
struct Split {
    pieces: Vec<String>,
    /// The last piece only begins a listed form (a name cut short).
    prefix: bool,
    /// The other splits with as few pieces (at most two), when there are.
    alternatives: Vec<Vec<String>>,
}

fn query_token(tok: paxscreen_names::NameToken, truncatable: bool) -> QueryToken {
    QueryToken {
        truncatable,
        exact_only: false,
        role: crate::index::role_code(tok.role),
        forms: tok.forms,
        keys: tok.keys,
        matches: Vec::new().into(),
        by_value: Vec::new().into(),
        inline: Vec::new().into(),
        inline_end: Vec::new().into(),
        weight: score::UNKNOWN_TOKEN_WEIGHT,
        initial_extra: 0.0,
        own_weight: f32::INFINITY,
    }
}

/// Analyses the traveller's name and retrieves the listed tokens each of its tokens
/// meets. When a token that meets nothing exactly splits into listed forms (glued PNR
/// given names), a second reading with the pieces is returned too, and when an ABD stands
/// apart from the name after it (a typo in either), a reading with the two joined (see
/// [`paxscreen_names::abd_joined_reading`]), and when the list writes a connector glued
/// to the name after it, a reading with them glued (see [`connector_glued_words`]), and
/// likewise a surname suffix or ULLAH, or any name, glued to the name before it (see
/// [`glued_pair_words`]);
/// screening keeps the better score per entry,
/// so a reading that fits by accident costs nothing.
fn analyse_and_retrieve(index: &Index, t: &Traveller, exhaustive: bool) -> Vec<Vec<QueryToken>> {
    let mut plain = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut any_split = false;
    // Pieces of a split so short that the list holds them by chance (see [`SHORT_PIECE`]).
    let mut short_pieces: Vec<String> = Vec::new();
    // The first token with a glued suffix to split off, and its parts (see
    // [`suffix_split`]).
    let mut unsuffixed: Option<(usize, [String; 2])> = None;
    // The last piece of a glued token cut short (see [`split_glued`]): a prefix.
    let mut truncated_piece: Option<String> = None;
    // The words with the second (then the third) split of a glued token, when one has
    // more than one.
    let mut alternatives: [Option<Vec<String>>; 2] = [None, None];
    for mut q in analyse_traveller(t) {
        retrieve_tokens(index, &mut q, exhaustive);
        let exact = q.matches.iter().any(|m| m.2 == How::Exact);
        let pieces = if q.role == crate::index::ROLE_NAME && !exact {
            // Any spelling may be the glued one (ABDIWELIMOHAMED is read as an ABD
            // compound first).
            q.forms
                .iter()
                .find_map(|f| split_glued(index, f, q.truncatable))
        } else {
            None
        };
        // Its own reading: the glued split may need this token whole (ZEINOLABEDIN
        // TAGHIPOUR against ZEINOL ABEDIN TAGHIPOUR).
        if unsuffixed.is_none() && q.role == crate::index::ROLE_NAME {
            unsuffixed = suffix_split(index, &q.forms[0]).map(|parts| (plain.len(), parts));
        }
        match pieces {
            Some(split) => {
                any_split = true;
                short_pieces.extend(
                    split
                        .pieces
                        .iter()
                        .chain(split.alternatives.iter().flatten())
                        .filter(|p| p.len() <= SHORT_PIECE)
                        .cloned(),
                );
                if split.prefix {
                    truncated_piece = split.pieces.last().cloned();
                }
                for (k, alternative) in alternatives.iter_mut().enumerate() {
                    match split.alternatives.get(k) {
                        Some(other) => {
                            alternative
                                .get_or_insert_with(|| words.clone())
                                .extend(other.iter().cloned());
                        }
                        None => {
                            if let Some(a) = alternative.as_mut() {
                                a.extend(split.pieces.iter().cloned());
                            }
                        }
                    }
                }
                words.extend(split.pieces);
            }
            None => {
                for a in alternatives.iter_mut().flatten() {
                    a.push(q.forms[0].clone());
                }
                words.push(q.forms[0].clone());
            }
        }
        plain.push(q);
    }
    // A reading from words: analysed again as one name, so that structure across them
    // applies (HAFIZABDUL RAUF -> HAFIZ ABDULRAUF), its tokens reused or retrieved.
    let read = |words: &[String], truncated: Option<&str>, short: &[String]| {
        let analysed = paxscreen_names::analyze(&words.join(" "));
        reuse_or_retrieve(index, &plain, analysed, exhaustive, truncated, short)
    };
    let cut = truncated_piece.as_deref();
    let split = any_split.then(|| read(&words, cut, &short_pieces));
    let split_others = alternatives
        .into_iter()
        .flatten()
        .map(|words| read(&words, cut, &short_pieces))
        .collect::<Vec<_>>();
    let primaries: Vec<&str> = plain.iter().map(|q| q.forms[0].as_str()).collect();
    let joined = paxscreen_names::abd_joined_reading(&t.surname, &t.given_names, &primaries)
        .map(|alt| reuse_or_retrieve(index, &plain, alt, exhaustive, None, &[]));
    let glued = connector_glued_words(index, &plain).map(|words| read(&words, None, &[]));
    let pair_glued = glued_pair_words(index, &plain).map(|words| read(&words, None, &[]));
    let unsuffixed = unsuffixed.map(|(at, parts)| {
        let mut words: Vec<String> = plain.iter().map(|q| q.forms[0].clone()).collect();
        words.splice(at..=at, parts);
        read(&words, None, &[])
    });
    let mut readings = vec![plain];
    readings.extend(split);
    readings.extend(split_others);
    readings.extend(joined);
    readings.extend(glued);
    readings.extend(pair_glued);
    readings.extend(unsuffixed);
    readings
}

/// The words of the traveller's name with a surname suffix or an ULLAH glued to the name
/// before it, when the list writes the two glued (`HASAN ZADEH`, `HASAN-ZADEH` ->
/// `HASANZADEH`; `SALEEM ULLAH` -> `SALEEMULLAH`; `MOHAMED ZADEH` meets `MOHAMMADZADE`
/// by key), or any two names of 3+ letters whose glued spelling the list holds
/// (`MIR DAMADI` -> `MIRDAMADI`, `ALI SHER` -> `ALISHER`): the first such pair only.
/// The other way round, a glued traveller surname and a spaced listed one, is the split
/// reading ([`suffix_split`]). `None` (a few lookups) for most names.
fn glued_pair_words(index: &Index, plain: &[QueryToken]) -> Option<Vec<String>> {
    let at = plain.windows(2).position(|w| {
        let name = |q: &QueryToken| q.role == crate::index::ROLE_NAME;
        let (a, b) = (&w[0].forms[0], &w[1].forms[0]);
        if !name(&w[0]) || !name(&w[1]) {
            return false;
        }
        // Glued on the stack: every traveller's adjacent names are tried.
        let mut buf = [0u8; 64];
        let n = a.len() + b.len();
        if n > buf.len() {
            return false;
        }
        buf[..a.len()].copy_from_slice(a.as_bytes());
        buf[a.len()..n].copy_from_slice(b.as_bytes());
        let g = &buf[..n];
        if paxscreen_names::is_detachable_suffix(b) {
            // By key only when long enough for the key to say much: ALI NIA would
            // otherwise read as ALINIA, whose key is ALAN's.
            index.forms_fst.contains_key(g)
                || (n >= 8
                    && std::str::from_utf8(g).is_ok_and(|g| {
                        index.keys_fst.contains_key(paxscreen_names::variant_key(g))
                    }))
        } else {
            a.len() >= 3 && b.len() >= 3 && index.forms_fst.contains_key(g)
        }
    })?;
    let mut words: Vec<String> = plain.iter().map(|q| q.forms[0].clone()).collect();
    let suffix = words.remove(at + 1);
    words[at].push_str(&suffix);
    Some(words)
}

/// A glued surname suffix or ULLAH split off its name (`AMANULLAH` -> `AMAN`, `ULLAH`;
/// `JAVADIPOUR` -> `JAVADI`, `POUR`) when the part before it is a listed form, also for
/// a token that meets a listed form exactly and so is not split otherwise: the list may
/// write the same name spaced (`Rahat Aman Ullah BHATTI`). The suffix need not be
/// listed as written: the split reading meets another spelling of it (`NEMATZADE` ->
/// `NEMAT ZADE` meets `Nemat ZADEH`) or leaves it unmatched (`HESHMATOLLAH` meets
/// `Heshmat`, as `HESHMAT OLLAH` would); that met 12 more of the 5,688 Wikidata pairs of
/// spellings of one person's name, with no more hits on other persons. The mirror of
/// [`glued_pair_words`]: a glued traveller name then scores as the spaced one does.
/// `None` for most tokens (no lookup unless the token ends in a suffix).
fn suffix_split(index: &Index, form: &str) -> Option<[String; 2]> {
    (3..=6).rev().find_map(|k| {
        let stem = form.get(..form.len().checked_sub(k)?)?;
        let suffix = &form[stem.len()..];
        (stem.len() >= 3
            && paxscreen_names::is_detachable_suffix(suffix)
            && index.forms_fst.contains_key(stem))
        .then(|| [stem.to_string(), suffix.to_string()])
    })
}

/// The words of the traveller's name with a connector glued to the name after it, when
/// the list writes that name glued (`ABU TARIF` -> `ABOUTARIF`, `BIN LADEN` ->
/// `BINLADEN`): the listed token also carries the name without its connector, so the
/// plain reading meets it, but leaves the traveller's connector unmatched and
/// penalised. A BEN also meets the Maghreb BEL, BEN with the article assimilated
/// (`ben Mokhtar` -> `BELMOKHTAR`, `ben Kacem` -> `BELKACEM`), whose listed token is
/// one name (the plain reading met nothing there: `Mokhtar ben Mokhtar` had no candidate
/// over 0.5 against Mokhtar BELMOKHTAR). `None` when no glued spelling of a connector
/// and the next name is a listed form (most names: a lookup or two in the forms
/// dictionary).
fn connector_glued_words(index: &Index, plain: &[QueryToken]) -> Option<Vec<String>> {
    let at = plain.windows(2).position(|w| {
        w[0].role == crate::index::ROLE_CONNECTOR && w[1].role == crate::index::ROLE_NAME
    })?;
    let spellings: &[&str] = match plain[at].forms[0].as_str() {
        "ABU" => &["ABU", "ABOU"],
        "BIN" | "BEN" | "IBN" => &["BIN", "BEN", "IBN", "BEL"],
        _ => return None,
    };
    let next = plain[at + 1].forms[0].as_str();
    let glued = spellings.iter().find_map(|c| {
        let g = format!("{c}{next}");
        // BEL is no connector of its own (BELLA, BELO): glued to 4+ letters only, as
        // the others are stripped.
        let stripped = match *c {
            "BEL" => next.len() >= 4,
            _ => paxscreen_names::strip_glued_connector(&g) == Some(next),
        };
        (stripped && index.forms_fst.contains_key(&g)).then_some(g)
    })?;
    let mut words: Vec<String> = plain.iter().map(|q| q.forms[0].clone()).collect();
    words[at] = glued;
    words.remove(at + 1);
    Some(words)
}

/// The query tokens of another reading of the name: those the plain reading has too are
/// copied with their retrieved matches, the others retrieved.
fn reuse_or_retrieve(
    index: &Index,
    plain: &[QueryToken],
    alt: paxscreen_names::AnalyzedName,
    exhaustive: bool,
    truncated: Option<&str>,
    short_pieces: &[String],
) -> Vec<QueryToken> {
    alt.tokens
        .into_iter()
        .map(|tok| match plain.iter().find(|q| q.forms == tok.forms) {
            Some(q) => q.clone(),
            None => {
                let cut_short = truncated.is_some_and(|t| tok.forms[0] == t);
                let exact_only = short_pieces.contains(&tok.forms[0]);
                let mut p = query_token(tok, cut_short);
                p.exact_only = exact_only;
                retrieve_tokens(index, &mut p, exhaustive);
                p
            }
        })
        .collect()
}

pub(crate) fn analyse_traveller(t: &Traveller) -> Vec<QueryToken> {
    let analysed = paxscreen_names::analyze_person(&t.surname, &t.given_names);
    let full_len = t.surname.chars().count() + t.given_names.chars().count() + 2;
    let last_given = if full_len >= TRUNCATION_LENGTH {
        paxscreen_names::analyze_person("", &t.given_names)
            .tokens
            .len()
            .checked_sub(1)
    } else {
        None
    };
    analysed
        .tokens
        .into_iter()
        .enumerate()
        .map(|(i, tok)| {
            let truncatable =
                Some(i) == last_given && tok.role != paxscreen_names::TokenRole::Initial;
            query_token(tok, truncatable)
        })
        .collect()
}

/// Similarity of a traveller token and a listed token: the best over their forms, and
/// at least [`score::KEY_SIMILARITY`] when they share a variant key, at least
/// [`score::ELIDED_KEY_SIMILARITY`] when the listed token has a key of `q_elided_ids`
/// (the traveller's keys with the first vowel elided or written, or a glide Y written or
/// left out, see [`key_ids`]) within two edits.
pub(crate) fn token_similarity(
    index: &Index,
    q: &QueryToken,
    (q_key_ids, q_elided_ids): (&[u32], &[u32]),
    token: u32,
) -> (f32, How) {
    let info = &index.tables.tokens[token as usize];
    let mut best = (0.0f32, How::None);
    if q.role == ROLE_INITIAL || info.role == ROLE_INITIAL {
        // Initials meet only the same initial.
        for qf in &q.forms {
            for &cf in &info.forms {
                if qf == &index.tables.forms[cf as usize] {
                    return (1.0, How::Exact);
                }
            }
        }
        return best;
    }
    let shares_key = info.keys.iter().any(|k| q_key_ids.contains(k));
    for qf in &q.forms {
        for &cf in &info.forms {
            let cf = &index.tables.forms[cf as usize];
            let r = if shares_key {
                // Sharing a key, only equality or a typo scoring above the key's 0.90
                // can count (d edits in L letters score 1 - d/(L+2): one edit needs 9+
                // letters, two need 19+); prefixes score below it.
                if qf == cf {
                    return (1.0, How::Exact);
                }
                let cap = (qf.len().max(cf.len()) + 1) / 10;
                if cap == 0 {
                    continue;
                }
                score::typo_similarity(qf, cf, cap)
            } else {
                score::form_similarity(qf, cf, q.truncatable)
            };
            if r.0 > best.0 {
                best = r;
            }
        }
    }
    if best.0 < score::KEY_SIMILARITY && shares_key {
        best = (score::KEY_SIMILARITY, How::Variant);
    } else if best.0 < score::ELIDED_KEY_SIMILARITY
        && info.keys.iter().any(|k| q_elided_ids.contains(k))
        && elision_close(index, q, token)
    {
        best = (score::ELIDED_KEY_SIMILARITY, How::Variant);
    }
    best
}

/// Whether a listed token that shares an elided-vowel key with `q` is also within
/// [`ELISION_EDITS`] of one of its forms: an elided vowel is one of those edits (CHHADEH
/// / CHEHADE, RCHID / RASHID, M'HMED / MOHAMED are two apart), while a key without its
/// vowel gathers other names too (a typo MHAMOUD, of MAHMOUD, keys as M'HMED does).
fn elision_close(index: &Index, q: &QueryToken, token: u32) -> bool {
    let forms = &index.tables.forms;
    index.tables.tokens[token as usize].forms.iter().any(|&cf| {
        let cf = forms.get(cf as usize).map_or(&[][..], |f| f.as_bytes());
        q.forms
            .iter()
            .any(|qf| score::osa_within(qf.as_bytes(), cf, ELISION_EDITS).is_some())
    })
}

/// Edits within which an elided-vowel key match counts (see [`elision_close`]).
const ELISION_EDITS: usize = 2;

/// The listed tokens `q` meets, with [`token_similarity`]'s values, found through the
/// fsts. A listed form within typo distance of a traveller form shares a deletion
/// variant with it, and a prefix is streamed, so every pair of forms that scores above
/// zero is found by the walk from one of the traveller's forms: similarity is computed
/// per pair of forms found and kept per token at its best, and the tokens sharing a
/// variant key get at least [`score::KEY_SIMILARITY`]. A token record is read only for
/// the key's tokens (initials meet nothing by key), not for the ~100 tokens per
/// unseen traveller token that the deletion variants lead to, most of which meet
/// nothing. The indexed/exhaustive property test checks the equality with
/// `token_similarity` over every listed token.
fn indexed_matches(
    index: &Index,
    q: &QueryToken,
    (kids, elided): (&[u32], &[u32]),
) -> Vec<(u32, f32, How)> {
    let tables = &index.tables;
    let initial = q.role == ROLE_INITIAL;
    // (listed form, traveller form) pairs: from the deletion walk of each traveller form
    // (the forms of one token share many variants: ABDULHAMID, ABDALHAMID), and from the
    // prefix stream of a possibly truncated one.
    let mut pairs: Vec<(u32, u8)> = Vec::new();
    let mut ids = Vec::new();
    for (qi, qf) in q.forms.iter().enumerate().take(u8::MAX as usize) {
        // A listed form within typo distance shares a deletion variant with at most
        // `query_deletions` deletions on this side (see there).
        let qdel = query_deletions(qf.len());
        ids.clear();
        deletion_lookup(index.deletes_fst.as_fst(), qf.as_bytes(), qdel, &mut ids);
        ids.sort_unstable();
        ids.dedup();
        for &id in &ids {
            pairs.extend(
                tables
                    .delete_forms
                    .get(id as u32)
                    .iter()
                    .map(|&f| (f, qi as u8)),
            );
        }
        if q.truncatable && qf.len() >= 4 && !initial {
            let prefix = fst::automaton::Str::new(qf).starts_with();
            let mut stream = index.forms_fst.search(prefix).into_stream();
            while let Some((_, f)) = stream.next() {
                pairs.push((f as u32, qi as u8));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let patterns: Vec<score::OsaPattern> =
        q.forms.iter().map(|f| score::OsaPattern::new(f)).collect();
    let mut found: Vec<(u32, f32, How)> = Vec::new();
    // In blocks: the loads of a block's listed forms (the string, then its bytes) and
    // token lists do not depend on each other, so their cache misses overlap instead of
    // stalling one pair at a time (a pair cost ~440 ns at 1M names, mostly misses).
    const BLOCK: usize = 16;
    for block in pairs.chunks(BLOCK) {
        let mut forms: [&str; BLOCK] = [""; BLOCK];
        let mut lists: [&[u32]; BLOCK] = [&[]; BLOCK];
        let mut touched = 0u8;
        for (k, &(f, _)) in block.iter().enumerate() {
            forms[k] = tables.forms.get(f as usize).map_or("", String::as_str);
            lists[k] = tables.form_tokens.get(f);
            touched ^= forms[k].as_bytes().first().copied().unwrap_or(0);
            touched ^= lists[k].first().map_or(0, |&t| t as u8);
        }
        std::hint::black_box(touched);
        for (k, &(_, qi)) in block.iter().enumerate() {
            let cf = forms[k];
            let qp = &patterns[qi as usize];
            let qf = q.forms[qi as usize].as_str();
            // Initials meet only the same initial (and a one-letter listed form, an
            // initial, meets nothing else: no typo or prefix reaches it).
            let r = if initial || cf.len() == 1 {
                if qf == cf {
                    (1.0, How::Exact)
                } else {
                    (0.0, How::None)
                }
            } else {
                score::form_similarity_to(qp, cf, q.truncatable)
            };
            if r.0 > 0.0 {
                found.extend(lists[k].iter().map(|&t| (t, r.0, r.1)));
            }
        }
    }
    if !initial {
        for (ks, sim) in [
            (kids, score::KEY_SIMILARITY),
            (elided, score::ELIDED_KEY_SIMILARITY),
        ] {
            for &k in ks {
                for &t in tables.key_tokens.get(k) {
                    if tables.tokens[t as usize].role != ROLE_INITIAL
                        && (sim == score::KEY_SIMILARITY || elision_close(index, q, t))
                    {
                        found.push((t, sim, How::Variant));
                    }
                }
            }
        }
    }
    // The best per token: the highest similarity, and on a tie the stronger kind (a
    // typo scoring exactly the key's 0.90 is reported as the variant it also is).
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(b.2.cmp(&a.2)));
    found.dedup_by_key(|m| m.0);
    found
}

/// The ids of the listed keys among `q`'s variant keys, and of those among their
/// siblings with the first vowel elided or written
/// ([`paxscreen_names::elided_vowel_keys`]) or a glide Y written or left out
/// ([`paxscreen_names::glide_keys`]) that are not keys of `q` already.
fn key_ids(index: &Index, q: &QueryToken) -> (Vec<u32>, Vec<u32>) {
    let id = |k: &str| index.keys_fst.get(k).map(|v| v as u32);
    let kids: Vec<u32> = q.keys.iter().filter_map(|k| id(k)).collect();
    let mut elided: Vec<u32> = q
        .keys
        .iter()
        .flat_map(|k| {
            let mut siblings = paxscreen_names::elided_vowel_keys(k);
            siblings.extend(paxscreen_names::glide_keys(k));
            siblings
        })
        .filter(|k| !q.keys.contains(k))
        .filter_map(|k| id(&k))
        .collect();
    elided.sort_unstable();
    elided.dedup();
    (kids, elided)
}

/// Finds every listed token that `q` meets, through the fsts (or, `exhaustive`, by
/// comparing with every listed token), and sets its weights.
fn retrieve_tokens(index: &Index, q: &mut QueryToken, exhaustive: bool) {
    retrieve_token_matches(index, q, exhaustive);
    if q.role == ROLE_INITIAL {
        q.initial_extra = q.weight * (1.0 - score::INITIAL_AGREES_FACTOR);
        q.weight *= score::INITIAL_AGREES_FACTOR;
    }
}

/// [`retrieve_tokens`] without an initial's weight split (what the retrieval cache
/// holds).
fn retrieve_token_matches(index: &Index, q: &mut QueryToken, exhaustive: bool) {
    use crate::hot::{cached, remember, retrieval_key, Retrieved};
    // The exhaustive reference never reads or fills the cache.
    let key = (!exhaustive).then(|| {
        retrieval_key(
            index.id,
            &q.forms,
            &q.keys,
            q.role,
            q.truncatable,
            q.exact_only,
        )
    });
    if let Some(key) = &key {
        if let Some(r) = cached(key) {
            q.matches = r.matches;
            q.by_value = r.by_value;
            q.inline = r.inline;
            q.inline_end = r.inline_end;
            q.weight = r.weight;
            q.own_weight = r.own_weight;
            return;
        }
    }
    let (kids, elided) = key_ids(index, q);
    let mut matches: Vec<(u32, f32, How)> = if exhaustive {
        (0..index.tables.tokens.len() as u32)
            .filter_map(|t| {
                let (s, how) = token_similarity(index, q, (&kids, &elided), t);
                (s > 0.0).then_some((t, s, how))
            })
            .collect()
    } else {
        indexed_matches(index, q, (&kids, &elided))
    };
    if q.exact_only {
        matches.retain(|m| {
            m.2 == How::Exact || index.tables.tokens[m.0 as usize].role == ROLE_CONNECTOR
        });
    }
    let weight_of = |t: u32| index.tables.tokens[t as usize].weight;
    q.own_weight = matches
        .iter()
        .filter(|m| m.2 == How::Exact)
        .map(|m| weight_of(m.0))
        .reduce(f32::max)
        .unwrap_or(f32::INFINITY);
    // A spelling the list holds (a finite own weight) is a name in its own right: a typo
    // of another listed name is weaker evidence from it (GORAN for ZORAN) than from a
    // spelling no one is listed under (see [`score::KNOWN_SPELLING_TYPO_FACTOR`]).
    if q.own_weight.is_finite() {
        for m in matches.iter_mut().filter(|m| m.2 == How::Typo) {
            m.1 *= score::KNOWN_SPELLING_TYPO_FACTOR;
        }
    }
    q.weight = matches
        .iter()
        .max_by(|a, b| {
            a.1.total_cmp(&b.1)
                .then(weight_of(a.0).total_cmp(&weight_of(b.0)))
        })
        .map(|m| weight_of(m.0))
        .unwrap_or(score::UNKNOWN_TOKEN_WEIGHT);
    // A traveller's patronymic or honorific name (SAYYID, MIAN, ...) left unmatched
    // costs half, like a listed one (see `TokenInfo::unmatched_weight`), whatever it
    // meets elsewhere on the lists.
    if q.forms
        .first()
        .is_some_and(|f| paxscreen_names::is_optional_name(f))
    {
        q.weight *= score::OPTIONAL_FACTOR;
    }
    let postings = &index.tables.token_names;
    let mut by_value: Vec<Valued> = matches
        .iter()
        .map(|&(t, s, _)| (s * weight_of(t), t, postings.get(t).len() as u32))
        .collect();
    by_value.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    // The exhaustive reference meets every listed token and never reads postings.
    if !exhaustive {
        // The lists' spans first and a touch of each list's first posting, then the
        // copies: the cache misses of the ~60 lists a new token meets overlap instead of
        // stalling one list at a time (its offsets, then its postings).
        let short: Vec<&[crate::index::HotPosting]> = by_value
            .iter()
            .map(|&(_, t, len)| {
                if len as usize <= INLINE_POSTINGS {
                    index.postings_hot.get(postings.span(t)).unwrap_or(&[])
                } else {
                    &[]
                }
            })
            .collect();
        let touched = short
            .iter()
            .fold(0u32, |x, list| x ^ list.first().map_or(0, |p| p.name));
        std::hint::black_box(touched);
        let mut inline = Vec::with_capacity(short.iter().map(|l| l.len()).sum());
        let mut inline_end = Vec::with_capacity(by_value.len());
        for list in short {
            inline.extend_from_slice(list);
            inline_end.push(u32::try_from(inline.len()).unwrap_or(u32::MAX));
        }
        q.inline = inline.into();
        q.inline_end = inline_end.into();
    }
    q.by_value = by_value.into();
    q.matches = matches.into();
    if let Some(key) = key {
        let r = Retrieved {
            matches: q.matches.clone(),
            by_value: q.by_value.clone(),
            inline: q.inline.clone(),
            inline_end: q.inline_end.clone(),
            weight: q.weight,
            own_weight: q.own_weight,
        };
        remember(key, &r);
    }
}

/// What `candidate_names` needs to drop names by their entry's own evidence.
pub(crate) struct EntryCheck<'a> {
    traveller: &'a Traveller,
    threshold: f32,
    /// Entries holding one of the traveller's document numbers (sorted): never dropped,
    /// they are hits whatever their names score.
    document_entries: &'a [u32],
}

impl EntryCheck<'_> {
    /// The traveller's birth year when no name can make a hit of an entry born more
    /// than a year away from it: a conflicting date of birth costs 0.30, so even an
    /// exact name with every other bonus stays under the threshold (at the default
    /// 0.76: 1 - 0.30 + 0.03 = 0.73). API data carries a date of birth for every
    /// traveller, and a list's birth years spread over decades, so most candidates that
    /// share only common name parts go without their cards being read.
    fn far_year(&self) -> Option<i32> {
        let t = self.traveller;
        let dob = t.dob?;
        let best = 1.0
            + score::dob_adjustment(paxscreen_core::DobEvidence::Conflict, t.dob)
            + score::nationality_adjustment(best_nationality(t));
        (best + ENTRY_MARGIN < self.threshold).then_some(dob.year as i32)
    }

    /// How much higher than the candidate search's `needed` the name score of an entry
    /// in conflict with the traveller must be, by [`Conflicts::class`]: `needed`
    /// assumes the date of birth matches short of an exact date (+0.07 for the month,
    /// +0.05 for a year alone; exact dates are scored apart, see `screen`), the
    /// nationality too (+0.03, and +0.03 more for both) and that the gender does not
    /// conflict, while an entry listing one other nationality adds -0.10, one of the
    /// other gender -0.10, and one born only in other years than the traveller (within
    /// a year, or `far_year` drops it) adds nothing and loses the +0.03. Most entries of
    /// a list give one nationality that is not the traveller's, many the other gender,
    /// and of those born within a year of the traveller two thirds another year, so the
    /// union drops them at a stricter weight cut.
    fn conflicts(&self) -> Conflicts {
        use paxscreen_core::{DobEvidence as D, GenderEvidence as G, NationalityEvidence as N};
        let t = self.traveller;
        let nationality = score::traveller_nationality(t).and_then(crate::index::nationality_tag);
        let gender = crate::index::gender_code(t.gender);
        let (general, _) = bonuses(t);
        // The date-of-birth evidence `general` counts on.
        let best_dob = match t.dob {
            Some(d) if d.month.is_some() => D::Month,
            Some(_) => D::Year,
            None => D::None,
        };
        let delta = std::array::from_fn(|class| {
            if class == 0 {
                return 0.0;
            }
            let (other_nat, other_gender, other_year) =
                (class & 1 != 0, class & 2 != 0, class & 4 != 0);
            let dob = if other_year { D::Near } else { best_dob };
            let nat = if other_nat {
                N::Conflict
            } else {
                best_nationality(t)
            };
            let gender = if other_gender { G::Conflict } else { G::None };
            let best = score::dob_adjustment(dob, t.dob)
                + score::nationality_adjustment(nat)
                + score::gender_adjustment(gender)
                + score::corroboration(dob, t.dob, nat);
            // Never above the true difference: a looser cut only reads more names.
            (general - best - 1e-6).max(0.0)
        });
        Conflicts {
            nationality: nationality.map_or(0, u32::from),
            gender: gender.into(),
            // A year outside the postings' span (impossible for a traveller) is taken
            // as unknown: no year conflict, so a looser cut.
            year: t
                .dob
                .and_then(|d| crate::index::BirthYears::offset(d.year.into()))
                .unwrap_or(0),
            year_known: t
                .dob
                .is_some_and(|d| crate::index::BirthYears::offset(d.year.into()).is_some()),
            delta,
        }
    }
}

/// The traveller's nationality and gender as postings hold them (see
/// [`crate::index::posting_evidence`]; 0 when unknown) and birth year, and the extra
/// name score an entry in conflict must reach by class (see [`EntryCheck::conflicts`]).
#[derive(Clone, Copy, Default)]
struct Conflicts {
    nationality: u32,
    gender: u32,
    /// The birth year as [`crate::index::BirthYears::offset`] gives it, when `year_known`.
    year: u8,
    year_known: bool,
    delta: [f32; CLASSES],
}

/// Conflict classes: another nationality (1), the other gender (2), born in other years
/// only (4), and their sums.
const CLASSES: usize = 8;

impl Conflicts {
    /// 0 for a posting without conflict; + 1 for another nationality, + 2 for the other
    /// gender, + 4 for an entry whose listed dates and ranges all lie in other years
    /// than the traveller's birth year.
    ///
    /// Without branches (`&`, not `&&`): the union asks this of ~1,400 postings a
    /// traveller, in its innermost loop.
    #[inline(always)]
    fn class(&self, p: &crate::index::HotPosting) -> usize {
        let e = u32::from(p.evidence);
        let nat = e / 3;
        let gender = e - 3 * nat;
        let other_nat = (self.nationality != 0) & (nat != 0) & (nat != self.nationality);
        // Genders are 1 and 2, 0 for unknown: only 1 against 2 gives 3.
        let other_gender = (gender ^ self.gender) == 3;
        let other_year = self.year_known & p.years.excludes_offset(self.year);
        usize::from(other_nat) | usize::from(other_gender) << 1 | usize::from(other_year) << 2
    }
}

/// Slack on the entry check of `candidate_names`: hit scores are rounded to 4 places
/// (up by at most 5e-5) and the adjustments are summed in another order there.
const ENTRY_MARGIN: f32 = 2e-4;

/// Lists at least this long are candidates to stop taking pairs before (see
/// `candidate_names`), at most [`MAX_STOPS`] times per query.
const LONG_LIST: usize = 1024;
const MAX_STOPS: usize = 16;
/// Lists shorter than this are read whole rather than searched for a weight cut.
const SHORT_LIST: usize = 64;

/// Names that could reach `needed` (name score), in ascending order, with their name
/// scores (computed here once; `screen` does not score them again).
///
/// The exhaustive path returns every name, scored: it is the reference the index is
/// checked against. The indexed path reads the postings of only those (traveller token, listed
/// token) pairs that a name must hold one of to reach `needed` (highest similarity x
/// weight first, until the best a name holding none of them could score is below),
/// or, when cheaper, intersects the names of the traveller tokens no name can miss;
/// then keeps the names whose own upper bound, then exact name score, reach `needed`.
/// Dropping a name whose name score is below `needed` never changes the hits: `screen`
/// reports an entry only when its name score plus the largest possible bonus reaches
/// the threshold, and rescores entries found by document number over all their names.
/// With `entry_check`, a name scoring at least `needed` is also dropped when its score
/// plus its own entry's date-of-birth, nationality and gender adjustments
/// ([`score::EntryEvidence`]) cannot reach the threshold: an innocent traveller with a
/// common name and another birth year no longer drags a thousand namesakes through
/// entry scoring and explanation.
fn candidate_names(
    index: &Index,
    query: &[QueryToken],
    needed: f32,
    exhaustive: bool,
    considered: &mut usize,
    entry_check: Option<&EntryCheck>,
) -> Vec<(u32, NameScore)> {
    use crate::hot::{clear_marks, name_bound, with_bits, with_marks, Weights, NEEDED_MARGIN};
    if exhaustive {
        *considered += index.tables.names.len();
        let q_weights: Weights = query.iter().map(|q| q.weight).collect();
        return (0..index.tables.names.len() as u32)
            .map(|n| (n, score_indexed_name(index, query, &q_weights, n)))
            .collect();
    }
    let tokens = &index.tables.tokens;
    let postings = &index.tables.token_names;
    // Names whose entry was born more than a year away from the traveller cannot be
    // hits (see `EntryCheck::far_year`): the union skips them as it reads them, from
    // the birth years stored beside the postings. An entry holding the traveller's
    // document number is a hit whatever its dates, but `screen` scores those entries'
    // names itself, so they need not come through here.
    let far_year = entry_check.and_then(EntryCheck::far_year);
    let near_test = far_year.and_then(crate::index::BirthYears::near_test);
    // `p.years.near(y)`, by byte compares where the year allows.
    let born_near = |p: &crate::index::HotPosting, y: i32| match near_test {
        Some(ab) => p.years.near_by(ab),
        None => p.years.near(y),
    };
    let floor = needed - NEEDED_MARGIN;
    // Names of entries in conflict with the traveller (another nationality, the other
    // gender) must reach a higher floor (see `EntryCheck::conflicts`): the union reads
    // them with the same cuts, computed for that floor.
    let conflicts = entry_check.map(EntryCheck::conflicts).unwrap_or_default();
    let floors = conflicts.delta.map(|d| floor + d);
    // Each traveller token's matches by value (similarity x listed weight), highest first.
    let by_value: Vec<&[Valued]> = query.iter().map(|q| &q.by_value[..]).collect();
    let vmax: Vec<f32> = by_value
        .iter()
        .map(|v| v.first().map_or(0.0, |m| m.0))
        .collect();
    let total: f32 = vmax.iter().sum();
    // Pairs a name must hold one of: take the highest-valued pair while a name holding
    // none of the pairs taken so far could still reach the floor.
    let mut taken = vec![0usize; query.len()];
    let mut pairs_cost = 0usize;
    // Places to stop early, before taking a long list: (pairs taken, their cost, the
    // value `x` and unmatched weight bounding a name that holds none of them).
    let mut stops: Vec<(Vec<usize>, usize, f32, f32)> = Vec::new();
    loop {
        let mut x = 0.0f32;
        let mut unmatched = 0.0f32;
        let mut next: Option<usize> = None;
        for (i, v) in by_value.iter().enumerate() {
            match v.get(taken[i]) {
                Some(m) => {
                    x += m.0;
                    if next.is_none_or(|j| m.0 > by_value[j][taken[j]].0) {
                        next = Some(i);
                    }
                }
                None => unmatched += query[i].weight,
            }
        }
        let Some(i) = next else { break };
        if name_bound(x, unmatched) + 1e-6 < floor {
            break;
        }
        let len = by_value[i][taken[i]].2 as usize;
        if len >= LONG_LIST && stops.len() < MAX_STOPS {
            stops.push((taken.clone(), pairs_cost, x, unmatched));
        }
        pairs_cost += len;
        taken[i] += 1;
    }
    // Stopping early at `stop`: a reachable name holds one of the pairs taken in full
    // (`taken`); one holding none of those taken by `stop` earns at most `x` with at
    // least `unmatched` left, so with total weight `w` it scores at most
    // `name_bound_with_listed(x, unmatched, w)`, which falls as `w` grows. Postings run
    // lightest name first: the other pairs' lists are read only up to the first name
    // heavier than `cut(x, unmatched)`, the heaviest that can reach the floor. The same
    // cut bounds the zones of the lists below.
    let cut = |x: f32, unmatched: f32| crate::hot::weight_cut(x, unmatched, floor, 2e-4);
    // The cut for each conflict class (class 0, no conflict, is `cut`'s and the loosest).
    let floors_by_class = crate::hot::Floors::new(floors, 2e-4);
    let cuts_by_class = |x: f32, unmatched: f32| floors_by_class.cuts(x, unmatched);
    let hot_postings = |t: u32| -> &[crate::index::HotPosting] {
        index.postings_hot.get(postings.span(t)).unwrap_or(&[])
    };
    let read_upto = |t: u32, heaviest: f32| -> usize {
        let list = hot_postings(t);
        if list.len() < SHORT_LIST {
            return list.len();
        }
        list.partition_point(|p| p.weight <= heaviest)
    };
    let mut early: Option<(usize, usize)> = None;
    for (s, (stop_taken, cost, x, unmatched)) in stops.iter().enumerate() {
        let mut cost = *cost;
        let heaviest = cut(*x, *unmatched);
        for (i, v) in by_value.iter().enumerate() {
            for m in &v[stop_taken[i]..taken[i]] {
                cost += read_upto(m.1, heaviest);
            }
        }
        if cost < early.map_or(pairs_cost, |e| e.1) {
            early = Some((s, cost));
        }
    }
    if let Some((_, cost)) = early {
        pairs_cost = cost;
    }
    // Traveller tokens no reachable name can miss, cheapest first.
    let mut required: Vec<(usize, usize)> = (0..query.len())
        .filter(|&i| name_bound(total - vmax[i], query[i].weight) + 1e-6 < floor)
        .map(|i| {
            let cost = by_value[i].iter().map(|m| m.2 as usize).sum();
            (cost, i)
        })
        .take(250)
        .collect();
    required.sort_unstable();
    let required_cost: usize = required.iter().map(|r| r.0).sum();
    let names = if !required.is_empty() && required_cost < pairs_cost {
        // A name past zone B of a list (see `Zones`) cannot reach the floor.
        let zone = Zones::new(query, &by_value, &taken);
        with_marks(index.tables.names.len(), |marks| {
            let mut out = Vec::new();
            // The names marked: those of the first required token, as marks[n] counts
            // the required tokens `n` has met so far, in order.
            let mut touched = Vec::new();
            let last = required.len() - 1;
            for (k, &(_, i)) in required.iter().enumerate() {
                let (xb, ub) = zone.b[i];
                for (j, &(value, _, _)) in by_value[i].iter().enumerate() {
                    let cut_b = cuts_by_class(value + xb, ub);
                    for p in query[i].postings(index, j) {
                        if p.weight > cut_b[0] {
                            break;
                        }
                        // Far-born names are skipped before their mark is touched (a
                        // cache miss each), so they are never marked at all; so are
                        // names in conflict too heavy for their floor.
                        if far_year.is_some_and(|y| !born_near(p, y))
                            || p.weight > cut_b[conflicts.class(p)]
                        {
                            continue;
                        }
                        let m = &mut marks[p.name as usize];
                        if *m as usize == k {
                            *m += 1;
                            if k == 0 {
                                touched.push(p.name);
                            }
                            if k == last {
                                out.push(p.name);
                            }
                        }
                    }
                }
            }
            clear_marks(marks, touched.into_iter());
            out.sort_unstable();
            out
        })
    } else {
        // The union of the pairs taken: membership in a bit set that stays in cache.
        // Each list is read in zones (see `Zones`). With an early stop, the zones of the
        // pairs taken by the stop are those of the pairs it took; a name of the pairs
        // after it that holds none of those is light enough for the stop's bound (the
        // cut of `read_upto`), and in zone A of all the pairs taken or met by two traveller
        // tokens there.
        let zone_taken: &[usize] = match early {
            Some((s, _)) => &stops[s].0,
            None => &taken,
        };
        let zone = Zones::new(query, &by_value, zone_taken);
        let zone_after = early.map(|_| Zones::new(query, &by_value, &taken));
        with_bits(index.tables.names.len(), |bits, summary, seen| {
            // The second level marks the words in use, so that the union comes out in
            // ascending order by a scan of the words set (sorting it cost 9% of a run).
            let mut count = 0usize;
            let mut mark = |n: u32| {
                let (word, bit) = (n as usize / 64, 1u64 << (n % 64));
                if bits[word] & bit == 0 {
                    bits[word] |= bit;
                    summary[word / 64] |= 1u64 << (word % 64);
                    count += 1;
                }
            };
            // Zone B names met by the tokens before this one (`seen`), and by this one
            // (`met`, added to `seen` when the token is done): a name met by two
            // traveller tokens is a candidate.
            let mut met: Vec<u32> = Vec::new();
            let mut all_met: Vec<u32> = Vec::new();
            for (i, v) in by_value.iter().enumerate() {
                for &n in &met {
                    seen[n as usize / 64] |= 1u64 << (n % 64);
                }
                all_met.append(&mut met);
                for (j, &(value, _, _)) in v[..taken[i]].iter().enumerate() {
                    let list = query[i].postings(index, j);
                    // A short list (in the retrieval's copy) with no entry born near the
                    // traveller holds no candidate: most of them, at 1M names.
                    if list.len() <= INLINE_POSTINGS
                        && far_year.is_some_and(|y| !list.iter().any(|p| born_near(p, y)))
                    {
                        continue;
                    }
                    // The heaviest name of this list in zone A, and in either zone; after
                    // an early stop, in either zone and holding none of the stop's pairs.
                    // By conflict class (see `cuts_by_class`).
                    let after_stop = match (&zone_after, early) {
                        (Some(z), Some((s, _))) if j >= zone_taken[i] => Some((z, s)),
                        _ => None,
                    };
                    let cut_b = match after_stop {
                        Some((_, s)) => {
                            let (_, _, x, unmatched) = &stops[s];
                            cuts_by_class(*x, *unmatched)
                        }
                        None => cuts_by_class(value + zone.b[i].0, zone.b[i].1),
                    };
                    // A list whose lightest name is past zone B of every class holds no
                    // candidate (class 0's cut is the loosest): its zone A cuts are not
                    // needed.
                    if list.first().is_none_or(|p| p.weight > cut_b[0]) {
                        continue;
                    }
                    let (xa, ua) = match after_stop {
                        Some((z, _)) => z.a[i],
                        None => zone.a[i],
                    };
                    let cut_a = cuts_by_class(value + xa, ua);
                    // A long list is tested for births near the traveller a block at a
                    // time, from its near spans, before any of its postings is read.
                    let near = near_test
                        .filter(|_| list.len() > INLINE_POSTINGS)
                        .and_then(|ab| {
                            let years = index.near_years.get(postings.span(v[j].1))?;
                            (years.len() == list.len()).then_some((ab, years))
                        });
                    for (k, block) in list.chunks(64).enumerate() {
                        let under = match block.last() {
                            Some(p) if p.weight <= cut_b[0] => block.len(),
                            _ => block.partition_point(|p| p.weight <= cut_b[0]),
                        };
                        // The postings under the cut and born near the traveller.
                        let mut born_near = match (near, far_year) {
                            (Some(((a, b), years)), _) => {
                                crate::hot::near_mask(&years[64 * k..64 * k + under], a, b)
                            }
                            (None, Some(y)) => block[..under]
                                .iter()
                                .enumerate()
                                .fold(0u64, |m, (i, p)| m | u64::from(born_near(p, y)) << i),
                            (None, None) => u64::MAX.checked_shr(64 - under as u32).unwrap_or(0),
                        };
                        while born_near != 0 {
                            let p = &block[born_near.trailing_zeros() as usize];
                            born_near &= born_near - 1;
                            // In zone A by its class's cut (the lists run lightest
                            // first); past zone B of its class, not a candidate.
                            let in_a = match conflicts.class(p) {
                                0 => p.weight <= cut_a[0],
                                c if p.weight > cut_b[c] => continue,
                                c => p.weight <= cut_a[c],
                            };
                            let n = p.name;
                            if in_a || seen[n as usize / 64] & (1u64 << (n % 64)) != 0 {
                                mark(n);
                            } else {
                                met.push(n);
                            }
                        }
                        if under < block.len() {
                            break;
                        }
                    }
                }
            }
            for n in all_met {
                seen[n as usize / 64] = 0;
            }
            let mut out = Vec::with_capacity(count);
            for (si, used) in summary.iter_mut().enumerate() {
                let mut used = std::mem::take(used);
                while used != 0 {
                    let word = si * 64 + used.trailing_zeros() as usize;
                    used &= used - 1;
                    let mut b = std::mem::take(&mut bits[word]);
                    while b != 0 {
                        out.push((word * 64) as u32 + b.trailing_zeros());
                        b &= b - 1;
                    }
                }
            }
            out
        })
    };
    *considered += names.len();
    let q_weights: Weights = query.iter().map(|q| q.weight).collect();
    crate::hot::with_token_values(tokens.len(), &by_value, |values| {
        let nq = query.len();
        // Each candidate's best value per traveller token, zeroed per candidate: on the
        // stack for up to 16 tokens (a fixed-size zeroing is a few stores; a slice's
        // was a call to memset per candidate, ~11M calls for 50k travellers).
        let mut best_small = [0.0f32; 16];
        let mut best_big: Vec<f32> = vec![0.0; if nq > 16 { nq } else { 0 }];
        let name_tokens = &index.name_tokens;
        // Candidates go in blocks: the loads of a block's token lists, weights and token
        // slots do not depend on each other, so their cache misses overlap instead of
        // stalling one candidate at a time (the bound is memory-bound at 1M names).
        const BLOCK: usize = 16;
        let mut slots: Vec<(usize, u32)> = Vec::with_capacity(BLOCK * 8);
        let mut kept = Vec::new();
        let mut forced = [0.0f32; 16];
        for block in names.chunks(BLOCK) {
            let mut lists: [&[u32]; BLOCK] = [&[]; BLOCK];
            let mut weights = [0.0f32; BLOCK];
            for (k, &n) in block.iter().enumerate() {
                (lists[k], weights[k]) = name_tokens.card(n);
            }
            slots.clear();
            for (k, list) in lists[..block.len()].iter().enumerate() {
                slots.extend(list.iter().map(|&t| (k, values.slot(t))));
            }
            let mut at = 0;
            for (k, &n) in block.iter().enumerate() {
                // This name's own bound: each traveller token contributes at most its
                // best value over the name's tokens; tokens meeting none are unmatched.
                // The alignment is one-to-one, so the listed side bounds it too: each
                // listed token adds at most its best value over the traveller tokens,
                // and at most as many traveller tokens as the name has matching tokens
                // can be matched (AHMED AHMAD AHMAD against a name with one AHMED).
                let best: &mut [f32] = if nq <= best_small.len() {
                    best_small = [0.0; 16];
                    &mut best_small[..nq]
                } else {
                    best_big.fill(0.0);
                    &mut best_big
                };
                let mut x_listed = 0.0f32;
                let mut listed_matching = 0usize;
                while let Some(&(_, slot)) = slots.get(at).filter(|s| s.0 == k) {
                    let mut top = 0.0f32;
                    for (b, &v) in best.iter_mut().zip(values.at(slot)) {
                        *b = b.max(v);
                        top = top.max(v);
                    }
                    x_listed += top;
                    listed_matching += usize::from(top > 0.0);
                    at += 1;
                }
                let mut x = 0.0f32;
                let mut unmatched = 0.0f32;
                let mut matchable = 0usize;
                for (q, &b) in query.iter().zip(best.iter()) {
                    if b > 0.0 {
                        x += b;
                        matchable += 1;
                    } else {
                        unmatched += q.weight;
                    }
                }
                x = x.min(x_listed);
                if matchable > listed_matching && nq <= forced.len() {
                    // The lightest of the matchable traveller tokens stay unmatched.
                    let mut n_forced = 0;
                    for (q, &b) in query.iter().zip(best.iter()) {
                        if b > 0.0 {
                            forced[n_forced] = q.weight;
                            n_forced += 1;
                        }
                    }
                    let forced = &mut forced[..n_forced];
                    forced.sort_unstable_by(f32::total_cmp);
                    unmatched += forced[..matchable - listed_matching].iter().sum::<f32>();
                }
                if !crate::hot::card_may_reach(x, unmatched, weights[k], floor) {
                    continue;
                }
                let s = score_indexed_name(index, query, &q_weights, n);
                if s.score < floor {
                    continue;
                }
                // Then the entry's own adjustment (after the name score: reading an
                // entry costs more cache misses than scoring a name whose card is
                // loaded). A hit's score is rounded to 4 places, hence the margin.
                let entry_fails = entry_check.is_some_and(|c| {
                    let entry = index.tables.names[n as usize].entry;
                    c.document_entries.binary_search(&entry).is_err() && {
                        let e = &index.entries[entry as usize];
                        let adj = score::EntryEvidence::of(c.traveller, e).adjustment();
                        s.score + adj + ENTRY_MARGIN < c.threshold
                    }
                });
                if !entry_fails {
                    kept.push((n, s));
                }
            }
        }
        kept
    })
}

/// The zones of a taken pair's posting list (lightest name first). A reachable name
/// holding taken pairs of one traveller token `i` only gets from every other token `j`
/// at most the value of `j`'s first untaken pair (a better one would be taken), and
/// nothing from a token whose pairs are all taken: so it is light enough to reach the
/// floor with that (zone A of its best taken pair's list). A name past zone A is a
/// candidate only when it holds a taken pair of another traveller token too (zone B,
/// light enough to reach the floor with every other token at its best value); a name
/// past zone B cannot reach the floor. (At 1M entries, 9.5M of the 22.2M names the union
/// read for 20k travellers without zones lie past zone A and hold one token only.)
struct Zones {
    /// Per traveller token: the value the other tokens can add and the unmatched weight
    /// they leave at least, for a name in zone A, then in zone B.
    a: Vec<(f32, f32)>,
    b: Vec<(f32, f32)>,
}

impl Zones {
    fn new(query: &[QueryToken], by_value: &[&[Valued]], taken: &[usize]) -> Zones {
        let others = |i: usize, f: &dyn Fn(usize) -> (f32, f32)| {
            (0..query.len())
                .filter(|&j| j != i)
                .map(f)
                .fold((0.0, 0.0), |(x, u), (dx, du)| (x + dx, u + du))
        };
        // Zone A: a token with untaken pairs adds at most the first one's value; one
        // with all its pairs taken (or none) stays unmatched.
        let untaken = |j: usize| match by_value[j].get(taken[j]) {
            Some(m) => (m.0, 0.0),
            None => (0.0, query[j].weight),
        };
        // Zone B: a token adds at most its best value; one meeting nothing stays unmatched.
        let best = |j: usize| match by_value[j].first() {
            Some(m) => (m.0, 0.0),
            None => (0.0, query[j].weight),
        };
        Zones {
            a: (0..query.len()).map(|i| others(i, &untaken)).collect(),
            b: (0..query.len()).map(|i| others(i, &best)).collect(),
        }
    }
}

fn score_indexed_name(
    index: &Index,
    query: &[QueryToken],
    q_weights: &[f32],
    name: u32,
) -> NameScore {
    let tokens = index.name_tokens.get(name);
    let c_weights: crate::hot::Weights = tokens
        .iter()
        .map(|&t| index.tables.tokens[t as usize].weight)
        .collect();
    let c_unmatched: crate::hot::Weights = tokens
        .iter()
        .map(|&t| index.tables.tokens[t as usize].unmatched_weight())
        .collect();
    score::score_name(
        q_weights,
        |i| query[i].initial_extra,
        &c_weights,
        &c_unmatched,
        |i, j| query[i].sim(tokens[j]).0,
        |i| query[i].own_weight,
        |i, j| initial_agrees(index, &query[i], tokens[j]),
    )
}

/// Whether traveller token `q`, an initial, begins listed token `t`, a name (or a
/// patronymic or honorific: D. I. POPOV for DMITRI IGOREVICH POPOV), so that it costs
/// less left unmatched (see [`score::INITIAL_AGREES_FACTOR`]).
fn initial_agrees(index: &Index, q: &QueryToken, t: u32) -> bool {
    use crate::index::{ROLE_NAME, ROLE_OPTIONAL};
    if q.role != ROLE_INITIAL {
        return false;
    }
    let Some(info) = index.tables.tokens.get(t as usize) else {
        return false;
    };
    let letter = q.forms.first().and_then(|f| f.bytes().next());
    let listed = info
        .forms
        .first()
        .and_then(|&f| index.tables.forms.get(f as usize));
    (info.role == ROLE_NAME || info.role == ROLE_OPTIONAL)
        && letter.is_some()
        && letter == listed.and_then(|f| f.bytes().next())
}

/// Whether name `n` could score `floor` against `query`, by the bound of the card filter
/// of `candidate_names` without its token-value table: each traveller token's best
/// similarity x weight over the name's tokens, the tokens meeting none unmatched. A
/// name meeting no traveller token scores 0, which is never offered. Entries born on
/// the traveller's exact date are ~31 names per traveller at 1M entries, almost all
/// sharing no token with the traveller: scoring each in full took 20 us per traveller.
/// `met` holds the listed tokens the traveller's tokens meet (see [`MetFilter`]).
fn name_may_reach(
    index: &Index,
    query: &[QueryToken],
    met: &MetFilter,
    n: u32,
    floor: f32,
) -> bool {
    let (tokens, name_weight) = index.name_tokens.card(n);
    if !tokens.iter().any(|&t| met.may_hold(t)) {
        return false;
    }
    let mut x = 0.0f32;
    let mut unmatched = 0.0f32;
    for q in query {
        let mut best = 0.0f32;
        for &t in tokens {
            let (s, _) = q.sim(t);
            if s > 0.0 {
                best = best.max(s * index.tables.tokens[t as usize].weight);
            }
        }
        if best > 0.0 {
            x += best;
        } else {
            unmatched += q.weight;
        }
    }
    x > 0.0 && crate::hot::card_may_reach(x, unmatched, name_weight, floor)
}

/// The listed tokens some traveller token meets, hashed into 4,096 bits: most names of
/// the entries born on the traveller's date share no token with it, and one test per
/// listed token says so where `name_may_reach` would binary-search every traveller
/// token's matches for it (~2% of a one-core run at 1M entries).
struct MetFilter([u64; 64]);

impl Default for MetFilter {
    fn default() -> Self {
        MetFilter([0; 64])
    }
}

impl MetFilter {
    /// Holds exactly `tokens` (and the tokens sharing their bits).
    fn fill(&mut self, tokens: impl Iterator<Item = u32>) {
        self.0 = [0; 64];
        for t in tokens {
            self.0[(t as usize >> 6) & 63] |= 1u64 << (t & 63);
        }
    }

    /// False only when no traveller token meets listed token `t`.
    #[inline]
    fn may_hold(&self, t: u32) -> bool {
        self.0[(t as usize >> 6) & 63] & (1u64 << (t & 63)) != 0
    }
}

struct EntryBest {
    name: u32,
    score: NameScore,
    /// Which reading of the traveller's name (see `analyse_and_retrieve`).
    reading: usize,
}

/// The largest evidence bonus (date of birth, nationality) an entry without the
/// traveller's exact date of birth can add, and the one an entry with it can (0 when
/// the traveller's date is not full). Entries with the exact date (few: a full date is
/// shared by about one entry in 20,000) are scored in full by `screen`, so that the
/// exact-date bonus does not widen every candidate search.
fn bonuses(t: &Traveller) -> (f32, f32) {
    use paxscreen_core::DobEvidence;
    let best_nat = best_nationality(t);
    let nat_bonus = score::nationality_adjustment(best_nat);
    let full_dob = t.dob.filter(|d| d.is_full());
    let general = match full_dob {
        Some(_) => score::dob_adjustment(DobEvidence::Month, t.dob),
        None => score::max_dob_bonus(t.dob),
    } + nat_bonus
        + partial_corroboration(t);
    let exact = full_dob.map_or(0.0, |_| {
        score::dob_adjustment(DobEvidence::Exact, t.dob)
            + nat_bonus
            + score::corroboration(DobEvidence::Exact, t.dob, best_nat)
    });
    (general, exact)
}

/// The most a date of birth and a nationality that both match can add for `t` without
/// an exact date (see [`score::corroboration`]): 0 without a date or a nationality.
fn partial_corroboration(t: &Traveller) -> f32 {
    t.dob.map_or(0.0, |_| {
        score::corroboration(
            paxscreen_core::DobEvidence::Month,
            t.dob,
            best_nationality(t),
        )
    })
}

/// The best nationality evidence any entry can give `t`.
fn best_nationality(t: &Traveller) -> paxscreen_core::NationalityEvidence {
    if score::traveller_nationality(t).is_some() {
        paxscreen_core::NationalityEvidence::Match
    } else {
        paxscreen_core::NationalityEvidence::None
    }
}

/// The listed names the index considers and keeps for `t` at `options` (summed over
/// the readings of its name; the exact-date pass not included): token retrieval and
/// candidate selection without building hits.
pub(crate) fn candidate_count(
    index: &Index,
    t: &Traveller,
    options: &ScreenOptions,
) -> crate::Candidates {
    let readings = analyse_and_retrieve(index, t, false);
    let needed = options.threshold as f32 - bonuses(t).0;
    let document_entries = document_entries(index, t);
    let check = EntryCheck {
        traveller: t,
        threshold: options.threshold as f32,
        document_entries: &document_entries,
    };
    readings
        .iter()
        .fold(crate::Candidates::default(), |mut c, query| {
            c.kept +=
                candidate_names(index, query, needed, false, &mut c.considered, Some(&check)).len();
            c
        })
}

/// Keeps in `eb` the better of itself and the best name of `entry` under `query`
/// (reading `reading` of the traveller's name).
fn best_name_of_entry(
    index: &Index,
    query: &[QueryToken],
    q_weights: &[f32],
    reading: usize,
    entry: u32,
    eb: &mut Option<EntryBest>,
) {
    for ni in index.names_of_entry(entry) {
        let s = score_indexed_name(index, query, q_weights, ni as u32);
        if eb.as_ref().is_none_or(|b| s.score > b.score.score) {
            *eb = Some(EntryBest {
                name: ni as u32,
                score: s,
                reading,
            });
        }
    }
}

/// Scores `t` against entry `entry` alone (pair scoring): its best name over every
/// reading of the traveller's name, with the evidence, whatever the score.
pub(crate) fn score_entry(index: &Index, t: &Traveller, entry: u32) -> Option<Hit> {
    if entry as usize >= index.entries.len() {
        return None;
    }
    let readings = analyse_and_retrieve(index, t, false);
    let mut eb: Option<EntryBest> = None;
    for (reading, query) in readings.iter().enumerate() {
        let q_weights: Vec<f32> = query.iter().map(|q| q.weight).collect();
        best_name_of_entry(index, query, &q_weights, reading, entry, &mut eb);
    }
    let eb = eb?;
    let document_match = t.documents.iter().any(|d| {
        let n = d.normalized_number();
        n.len() >= 5 && index.entries_with_document(&n).any(|e| e == entry)
    });
    let ev = score::EntryEvidence::of(t, &index.entries[entry as usize]);
    Some(make_hit(
        index,
        &readings[eb.reading],
        entry,
        &eb,
        document_match,
        &ev,
    ))
}

pub(crate) fn screen(
    index: &Index,
    t: &Traveller,
    options: &ScreenOptions,
    exhaustive: bool,
) -> (Vec<Hit>, usize) {
    let readings = analyse_and_retrieve(index, t, exhaustive);
    let full_dob = t.dob.filter(|d| d.is_full());
    let (general_bonus, exact_bonus) = bonuses(t);
    let threshold = options.threshold as f32;
    let needed = threshold - general_bonus;
    // Entries holding one of the traveller's document numbers are hits by themselves.
    let doc_entries = document_entries(index, t);
    let check = EntryCheck {
        traveller: t,
        threshold,
        document_entries: &doc_entries,
    };
    let check = (!exhaustive).then_some(&check);

    // Best name per entry, over every reading of the traveller's name.
    let mut best: HashMap<u32, EntryBest> = HashMap::new();
    let offer = |best: &mut HashMap<u32, EntryBest>, name: u32, s: NameScore, reading: usize| {
        if s.score <= 0.0 {
            return;
        }
        let entry = index.tables.names[name as usize].entry;
        match best.get(&entry) {
            Some(b) if b.score.score >= s.score => {}
            _ => {
                best.insert(
                    entry,
                    EntryBest {
                        name,
                        score: s,
                        reading,
                    },
                );
            }
        }
    };
    // Each reading's traveller-token weights (unmatched costs), for direct scoring.
    let weights_of: Vec<Vec<f32>> = readings
        .iter()
        .map(|query| query.iter().map(|q| q.weight).collect())
        .collect();
    // The names of entries born on the traveller's exact date, which score the exact
    // date's larger bonus: candidates at a lower floor. Their cards are loaded in one
    // pass first, so that the cache misses overlap (one per name, ~31 names per
    // traveller at 1M entries).
    let born_on: Vec<u32> = match full_dob.filter(|_| exact_bonus > general_bonus && !exhaustive) {
        Some(d) => index
            .entries_born_on(d)
            .flat_map(|e| index.names_of_entry(e))
            .map(|n| n as u32)
            .collect(),
        None => Vec::new(),
    };
    index.name_tokens.touch(&born_on);
    let mut met = MetFilter::default();
    for (reading, (query, q_weights)) in readings.iter().zip(&weights_of).enumerate() {
        for (name, s) in candidate_names(index, query, needed, exhaustive, &mut 0, check) {
            offer(&mut best, name, s, reading);
        }
        let floor = threshold - exact_bonus - crate::hot::NEEDED_MARGIN;
        if !born_on.is_empty() {
            met.fill(query.iter().flat_map(|q| q.matches.iter().map(|m| m.0)));
        }
        for &name in &born_on {
            if !name_may_reach(index, query, &met, name, floor) {
                continue;
            }
            let s = score_indexed_name(index, query, q_weights, name);
            if s.score >= floor {
                offer(&mut best, name, s, reading);
            }
        }
    }
    // Entries holding the traveller's document number: every name under every reading
    // (the candidate search may skip them, by their dates), for the explanation.
    for &e in &doc_entries {
        let mut eb: Option<EntryBest> = best.remove(&e);
        for (reading, (query, q_weights)) in readings.iter().zip(&weights_of).enumerate() {
            best_name_of_entry(index, query, q_weights, reading, e, &mut eb);
        }
        if let Some(eb) = eb {
            best.insert(e, eb);
        }
    }

    // The entries that are hits, by the score a hit carries (the total, rounded).
    let mut kept = Vec::new();
    for (entry, b) in best {
        let ev = score::EntryEvidence::of(t, &index.entries[entry as usize]);
        let document_match = doc_entries.binary_search(&entry).is_ok();
        let total = round4(ev.total(b.score.score, document_match));
        if total + 1e-9 >= options.threshold {
            kept.push((total, entry, b, document_match, ev));
        }
    }
    let id = |e: u32| index.entries[e as usize].id.as_str();
    kept.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| id(a.1).cmp(id(b.1))));
    let not_shown = kept.len().saturating_sub(options.max_hits);
    kept.truncate(options.max_hits);
    // The explanations are built for the hits shown only.
    let hits = kept
        .into_iter()
        .map(|(total, entry, b, document_match, ev)| {
            let hit = make_hit(index, &readings[b.reading], entry, &b, document_match, &ev);
            debug_assert_eq!(hit.score, total);
            hit
        })
        .collect();
    (hits, not_shown)
}

/// The entries holding one of the traveller's document numbers (5+ characters), sorted.
fn document_entries(index: &Index, t: &Traveller) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for d in &t.documents {
        let n = d.normalized_number();
        if n.len() >= 5 {
            out.extend(index.entries_with_document(&n));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn round4(x: f32) -> f64 {
    ((x as f64) * 10_000.0).round() / 10_000.0
}

fn make_hit(
    index: &Index,
    query: &[QueryToken],
    entry: u32,
    b: &EntryBest,
    document_match: bool,
    ev: &score::EntryEvidence,
) -> Hit {
    let e = &index.entries[entry as usize];
    let rec = &index.tables.names[b.name as usize];
    let mut adjustments: Vec<String> = ev
        .parts
        .iter()
        .filter(|p| p.2 != 0.0)
        .map(|(what, word, adj)| format!("{what} {word} {adj:+.2}"))
        .collect();
    if ev.corroboration != 0.0 {
        let dob = if ev.corroboration == score::CORROBORATION {
            "exact dob"
        } else {
            "partial dob"
        };
        adjustments.push(format!(
            "{dob} and nationality both match {:+.2}",
            ev.corroboration
        ));
    }
    let total = ev.total(b.score.score, document_match);
    if document_match && ev.total(b.score.score, false) < score::DOCUMENT_MATCH_FLOOR {
        adjustments.push(format!(
            "document number match: raised to {:.2}",
            score::DOCUMENT_MATCH_FLOOR
        ));
    }
    let (dob, nat, gender) = (ev.dob, ev.nat, ev.gender);
    let forms = &index.tables.forms;
    let token_text = |tok: u32| forms[index.tables.tokens[tok as usize].forms[0] as usize].clone();
    let mut tokens = Vec::new();
    for p in &b.score.pairs {
        let (sim, how) = query[p.q].sim(rec.tokens[p.c]);
        let weight = index.tables.tokens[rec.tokens[p.c] as usize].weight;
        let own = query[p.q].own_weight;
        tokens.push(TokenMatch {
            traveller: query[p.q].forms[0].clone(),
            listed: token_text(rec.tokens[p.c]),
            similarity: round4(sim),
            how: how.as_str().to_string(),
            weight: round4(weight),
            counts_as: (own < weight).then(|| round4(own)),
        });
    }
    for (i, q) in query.iter().enumerate() {
        if b.score.pairs.iter().any(|p| p.q == i) {
            continue;
        }
        // An initial agreeing with a listed name left unmatched: what it cost, beside
        // that name (which still costs its own weight, in its row below).
        let (listed, how, weight) = match b.score.initials.iter().find(|p| p.q == i) {
            Some(p) => (token_text(rec.tokens[p.c]), "initial", q.weight),
            None => (
                String::new(),
                How::None.as_str(),
                q.weight + q.initial_extra,
            ),
        };
        tokens.push(TokenMatch {
            traveller: q.forms[0].clone(),
            listed,
            similarity: 0.0,
            how: how.into(),
            weight: round4(weight),
            counts_as: None,
        });
    }
    for (j, &tok) in rec.tokens.iter().enumerate() {
        if !b.score.pairs.iter().any(|p| p.c == j) {
            tokens.push(TokenMatch {
                traveller: String::new(),
                listed: token_text(tok),
                similarity: 0.0,
                how: How::None.as_str().into(),
                // What it cost the name: half for a patronymic or honorific name.
                weight: round4(index.tables.tokens[tok as usize].unmatched_weight()),
                counts_as: None,
            });
        }
    }
    Hit {
        entry_id: e.id.clone(),
        list: e.list.clone(),
        score: round4(total),
        matched_name: e.names[rec.name as usize].name.clone(),
        remarks: e.remarks.clone(),
        evidence: Evidence {
            name: round4(b.score.score),
            dob,
            nationality: nat,
            document: if document_match {
                DocumentEvidence::Match
            } else {
                DocumentEvidence::None
            },
            gender,
            tokens,
            adjustments,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::MetFilter;

    proptest::proptest! {
        /// The filter holds every token it was filled with, and no token whose bit none
        /// of them shares; a refill forgets the tokens before.
        #[test]
        fn met_filter_holds_what_it_was_filled_with(
            first in proptest::collection::vec(0u32..20_000, 0..50),
            tokens in proptest::collection::vec(0u32..20_000, 0..50),
            probe in 0u32..20_000,
        ) {
            let mut met = MetFilter::default();
            met.fill(first.iter().copied());
            met.fill(tokens.iter().copied());
            for &t in &tokens {
                proptest::prop_assert!(met.may_hold(t));
            }
            let shares_a_bit = tokens.iter().any(|&t| t % 4096 == probe % 4096);
            proptest::prop_assert_eq!(met.may_hold(probe), shares_a_bit);
        }
    }
}
