//! Metrics of one matcher over labelled travellers: recall, false alerts, top-1, the
//! threshold sweep and the best recall at a given innocent alert rate.
//!
//! A matcher's answer for a traveller is an [`Outcome`]: candidate entries with scores,
//! best first, down to the lowest threshold of interest. Every metric at threshold `t`
//! reads the hits with `score >= t`, so one screening at a low threshold gives the
//! whole sweep.

use crate::labels::{INNOCENT, NAMESAKE};
use serde::Serialize;
use std::collections::BTreeMap;

/// Lowest threshold of the sweep.
pub const SWEEP_FROM: f64 = 0.50;
/// Highest threshold of the reported sweep table.
pub const SWEEP_TO: f64 = 0.99;
/// Innocent alert rates at which the best recall is reported.
pub const ALERT_RATE_TARGETS: [f64; 2] = [0.01, 0.001];
/// The namesake alert rate an operating point may reach (issue 5: at most 10% of the
/// namesakes whose full date of birth is known). Where the best recall within an
/// innocent alert rate alerts on more namesakes, the best point within both is
/// reported beside it.
pub const NAMESAKE_BAR: f64 = 0.10;

/// A labelled traveller as the metrics see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Traveller id.
    pub traveller_id: String,
    /// Label category (`exact`, `typo`, ..., `innocent`, `namesake`).
    pub category: String,
    /// The entry the traveller is, None when unlisted.
    pub expected: Option<String>,
    /// Other entries that are the same person: a hit on them finds the traveller too.
    pub also: Vec<String>,
    /// Does the traveller have a full date of birth (year, month and day)?
    pub full_dob: bool,
}

impl Case {
    /// Is a hit on this entry a correct hit for this traveller?
    pub fn accepts(&self, entry_id: &str) -> bool {
        self.expected.as_deref() == Some(entry_id) || self.also.iter().any(|a| a == entry_id)
    }
}

/// One matcher's candidates for one traveller, best first.
pub type Outcome = Vec<(String, f64)>;

/// A count out of a total.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rate {
    /// How many.
    pub count: usize,
    /// Out of how many.
    pub total: usize,
    /// `count / total`, 0 when the total is 0.
    pub rate: f64,
}

impl Rate {
    /// `count` out of `total`.
    pub fn new(count: usize, total: usize) -> Rate {
        let rate = if total == 0 {
            0.0
        } else {
            count as f64 / total as f64
        };
        Rate { count, total, rate }
    }

    /// `92.31% (9231/10000)`, or `n/a (0)` for an empty total.
    pub fn show(&self) -> String {
        if self.total == 0 {
            "n/a (0)".to_string()
        } else {
            format!("{} ({}/{})", pct(self.rate), self.count, self.total)
        }
    }
}

/// A rate as a percentage with two decimals.
pub fn pct(rate: f64) -> String {
    format!("{:.2}%", rate * 100.0)
}

/// One threshold of the sweep.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SweepRow {
    /// Threshold.
    pub threshold: f64,
    /// Recall over listed travellers.
    pub recall: f64,
    /// Alert rate on `innocent` travellers.
    pub innocent_alert_rate: f64,
    /// Alert rate on `namesake` travellers.
    pub namesake_alert_rate: f64,
    /// Top-1 accuracy over listed travellers.
    pub top1: f64,
    /// Mean number of hits per traveller.
    pub hits_per_traveller: f64,
}

/// The best recall reachable while alerting on at most `max_alert_rate` of innocents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OperatingPoint {
    /// The alert-rate budget.
    pub max_alert_rate: f64,
    /// The threshold achieving it (None when no threshold of the sweep stays within).
    pub threshold: Option<f64>,
    /// Recall there (0 when none).
    pub recall: f64,
    /// Innocent alert rate there.
    pub alert_rate: f64,
    /// The category of listed travellers with the lowest recall there, and that recall
    /// (the held-out bar asks every category to clear one).
    pub weakest_category: Option<(String, f64)>,
    /// Recall of every category of listed travellers there (empty when none).
    pub recall_by_category: BTreeMap<String, f64>,
    /// Namesake alert rate there (0 when none or no namesakes).
    pub namesake_alert_rate: f64,
    /// Where `namesake_alert_rate` exceeds [`NAMESAKE_BAR`]: the best recall within the
    /// same innocent alert rate and the namesake bar.
    pub within_namesake_bar: Option<Box<OperatingPoint>>,
}

/// Number of example errors kept per category in a [`MethodReport`].
pub const EXAMPLES_PER_CATEGORY: usize = 10;

/// One error, for whoever tunes the matcher: a listed traveller missed (or found only
/// below the first hit), or an unlisted traveller alerted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorExample {
    /// Traveller id.
    pub traveller_id: String,
    /// The expected entry (None for an unlisted traveller).
    pub expected: Option<String>,
    /// Best score of the expected entry (or an also-matching one) among the candidates,
    /// even below the threshold.
    pub expected_score: Option<f64>,
    /// The first candidate and its score.
    pub first: Option<(String, f64)>,
}

/// Everything measured for one matcher at one threshold (or one fixed rule).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodReport {
    /// `paxscreen`, `gtas`, `token_sort`.
    pub method: String,
    /// The threshold the headline numbers are at; None for a fixed rule.
    pub threshold: Option<f64>,
    /// Labelled travellers evaluated.
    pub travellers: usize,
    /// Listed travellers whose expected entry is among the hits.
    pub recall: Rate,
    /// Recall per listed category.
    pub recall_by_category: BTreeMap<String, Rate>,
    /// Listed travellers whose first hit is the expected entry.
    pub top1: Rate,
    /// Unlisted travellers with any hit, per unlisted category, plus
    /// `namesake_full_dob` (namesakes whose full date of birth is known).
    pub false_alerts: BTreeMap<String, Rate>,
    /// The first [`EXAMPLES_PER_CATEGORY`] errors of each category at the threshold:
    /// misses of listed travellers, alerts on unlisted ones.
    pub errors: BTreeMap<String, Vec<ErrorExample>>,
    /// Mean hits per traveller (all labelled travellers).
    pub hits_per_traveller: f64,
    /// Best recall at each of [`ALERT_RATE_TARGETS`] (empty for a fixed rule).
    pub operating_points: Vec<OperatingPoint>,
    /// Thresholds 0.50..=0.99 step 0.01 (empty for a fixed rule).
    pub sweep: Vec<SweepRow>,
    /// The same at step 0.001 up to 1.0: used for the operating points and the curve.
    #[serde(skip)]
    pub fine_sweep: Vec<SweepRow>,
    /// Wall-clock seconds the matcher took over these travellers.
    pub seconds: f64,
    /// Travellers per second.
    pub travellers_per_second: f64,
}

impl MethodReport {
    /// False-alert rate on `innocent` travellers.
    pub fn innocent_alerts(&self) -> Rate {
        self.false_alerts
            .get(INNOCENT)
            .copied()
            .unwrap_or(Rate::new(0, 0))
    }

    /// Best recall among the fine sweep's thresholds whose innocent alert rate is at
    /// most `max_alert_rate` (None for a fixed rule).
    pub fn recall_at_alert_rate(&self, max_alert_rate: f64) -> Option<OperatingPoint> {
        if self.fine_sweep.is_empty() {
            return None;
        }
        Some(best_recall(&self.fine_sweep, max_alert_rate))
    }
}

/// Thresholds `from..=to` in steps of `1/per_unit` (computed from integers: no drift).
pub fn thresholds(from: f64, to: f64, per_unit: u32) -> Vec<f64> {
    let lo = (from * per_unit as f64).round() as u32;
    let hi = (to * per_unit as f64).round() as u32;
    (lo..=hi).map(|i| i as f64 / per_unit as f64).collect()
}

/// Per-traveller facts the sweep needs, read once from the outcome.
struct Scored<'a> {
    case: &'a Case,
    outcome: &'a Outcome,
    /// Score of the expected entry among the candidates.
    expected: Option<f64>,
    /// Best score of any candidate.
    best: Option<f64>,
}

fn scored<'a>(cases: &'a [Case], outcomes: &'a [Outcome]) -> Vec<Scored<'a>> {
    cases
        .iter()
        .zip(outcomes)
        .map(|(case, outcome)| {
            let expected = outcome
                .iter()
                .filter(|(e, _)| case.accepts(e))
                .map(|(_, s)| *s)
                .reduce(f64::max);
            let best = outcome.iter().map(|(_, s)| *s).reduce(f64::max);
            Scored {
                case,
                outcome,
                expected,
                best,
            }
        })
        .collect()
}

/// Recall per category of listed travellers at `t`.
fn recall_by_category(all: &[Scored], t: f64) -> BTreeMap<String, Rate> {
    let mut by: BTreeMap<String, Rate> = BTreeMap::new();
    for s in all.iter().filter(|s| s.case.expected.is_some()) {
        let r = by.entry(s.case.category.clone()).or_insert(Rate::new(0, 0));
        *r = Rate::new(r.count + at(s.expected, t) as usize, r.total + 1);
    }
    by
}

/// The category with the lowest recall of `by` (the first by name on a tie), and that
/// recall; None without listed travellers.
fn weakest_category(by: &BTreeMap<String, f64>) -> Option<(String, f64)> {
    by.iter()
        .fold(None, |min: Option<(&String, f64)>, (k, &r)| match min {
            Some(m) if m.1 <= r => Some(m),
            _ => Some((k, r)),
        })
        .map(|(k, r)| (k.clone(), r))
}

fn at(score: Option<f64>, t: f64) -> bool {
    score.is_some_and(|s| s >= t)
}

/// Top-1 at `t`: the first candidate is the expected entry and reaches `t`.
fn top1_at(s: &Scored, t: f64) -> bool {
    match s.outcome.first() {
        Some((first, score)) => s.case.accepts(first) && *score >= t,
        None => false,
    }
}

fn sweep_row(all: &[Scored], t: f64) -> SweepRow {
    let (mut listed, mut found, mut top1) = (0usize, 0usize, 0usize);
    let (mut inn, mut inn_alert, mut ns, mut ns_alert) = (0usize, 0usize, 0usize, 0usize);
    let mut hits = 0usize;
    for s in all {
        hits += s.outcome.iter().filter(|(_, sc)| *sc >= t).count();
        if s.case.expected.is_some() {
            listed += 1;
            found += at(s.expected, t) as usize;
            top1 += top1_at(s, t) as usize;
        } else if s.case.category == NAMESAKE {
            ns += 1;
            ns_alert += at(s.best, t) as usize;
        } else {
            // Every other unlisted traveller is innocent (see `crate::labels`).
            inn += 1;
            inn_alert += at(s.best, t) as usize;
        }
    }
    SweepRow {
        threshold: t,
        recall: Rate::new(found, listed).rate,
        innocent_alert_rate: Rate::new(inn_alert, inn).rate,
        namesake_alert_rate: Rate::new(ns_alert, ns).rate,
        top1: Rate::new(top1, listed).rate,
        hits_per_traveller: if all.is_empty() {
            0.0
        } else {
            hits as f64 / all.len() as f64
        },
    }
}

/// The sweep at the given thresholds.
pub fn sweep(cases: &[Case], outcomes: &[Outcome], thresholds: &[f64]) -> Vec<SweepRow> {
    let all = scored(cases, outcomes);
    thresholds.iter().map(|&t| sweep_row(&all, t)).collect()
}

/// The best recall among `rows` with an innocent alert rate within `max_alert_rate`;
/// ties go to the lower alert rate.
pub fn best_recall(rows: &[SweepRow], max_alert_rate: f64) -> OperatingPoint {
    best_recall_within(rows, max_alert_rate, f64::INFINITY)
}

/// [`best_recall`] among the rows that also alert on at most `max_namesake_rate` of
/// namesakes.
pub fn best_recall_within(
    rows: &[SweepRow],
    max_alert_rate: f64,
    max_namesake_rate: f64,
) -> OperatingPoint {
    let best = rows
        .iter()
        .filter(|r| r.innocent_alert_rate <= max_alert_rate + 1e-12)
        .filter(|r| r.namesake_alert_rate <= max_namesake_rate + 1e-12)
        .fold(None::<&SweepRow>, |best, r| match best {
            Some(b)
                if b.recall > r.recall
                    || (b.recall == r.recall && b.innocent_alert_rate <= r.innocent_alert_rate) =>
            {
                Some(b)
            }
            _ => Some(r),
        });
    match best {
        Some(r) => OperatingPoint {
            max_alert_rate,
            threshold: Some(r.threshold),
            recall: r.recall,
            alert_rate: r.innocent_alert_rate,
            weakest_category: None,
            recall_by_category: BTreeMap::new(),
            namesake_alert_rate: r.namesake_alert_rate,
            within_namesake_bar: None,
        },
        None => OperatingPoint {
            max_alert_rate,
            threshold: None,
            recall: 0.0,
            alert_rate: 0.0,
            weakest_category: None,
            recall_by_category: BTreeMap::new(),
            namesake_alert_rate: 0.0,
            within_namesake_bar: None,
        },
    }
}

/// How a matcher decides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    /// Scores compared with a threshold; the headline numbers are at this one and the
    /// sweep runs from [`SWEEP_FROM`] up.
    Threshold(f64),
    /// A yes/no rule: every candidate it returns is a hit (one operating point).
    Fixed,
}

/// Measures one matcher. `outcomes[i]` belongs to `cases[i]`.
pub fn method_report(
    method: &str,
    cases: &[Case],
    outcomes: &[Outcome],
    decision: Decision,
    seconds: f64,
) -> MethodReport {
    let all = scored(cases, outcomes);
    let t = match decision {
        Decision::Threshold(t) => t,
        Decision::Fixed => f64::NEG_INFINITY,
    };
    let mut alert_counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut errors: BTreeMap<String, Vec<ErrorExample>> = BTreeMap::new();
    let (mut listed, mut found, mut top1, mut hits) = (0usize, 0usize, 0usize, 0usize);
    for s in &all {
        hits += s.outcome.iter().filter(|(_, sc)| *sc >= t).count();
        let error = if s.case.expected.is_some() {
            !at(s.expected, t)
        } else {
            at(s.best, t)
        };
        if error {
            let list = errors.entry(s.case.category.clone()).or_default();
            if list.len() < EXAMPLES_PER_CATEGORY {
                list.push(ErrorExample {
                    traveller_id: s.case.traveller_id.clone(),
                    expected: s.case.expected.clone(),
                    expected_score: s.expected,
                    first: s.outcome.first().cloned(),
                });
            }
        }
        if s.case.expected.is_some() {
            let hit = at(s.expected, t);
            listed += 1;
            found += hit as usize;
            top1 += top1_at(s, t) as usize;
        } else {
            let alert = at(s.best, t) as usize;
            let mut add = |key: &str| {
                let c = alert_counts.entry(key.to_string()).or_insert((0, 0));
                c.0 += alert;
                c.1 += 1;
            };
            add(&s.case.category);
            if s.case.category == NAMESAKE && s.case.full_dob {
                add("namesake_full_dob");
            }
            if s.case.category != NAMESAKE && s.case.category != INNOCENT {
                add(INNOCENT);
            }
        }
    }
    for key in [INNOCENT, NAMESAKE, "namesake_full_dob"] {
        alert_counts.entry(key.to_string()).or_insert((0, 0));
    }
    let false_alerts = alert_counts
        .into_iter()
        .map(|(k, (c, n))| (k, Rate::new(c, n)))
        .collect();
    let (sweep_rows, fine_sweep, operating_points) = match decision {
        Decision::Threshold(_) => {
            let coarse: Vec<SweepRow> = thresholds(SWEEP_FROM, SWEEP_TO, 100)
                .into_iter()
                .map(|t| sweep_row(&all, t))
                .collect();
            let fine: Vec<SweepRow> = thresholds(SWEEP_FROM, 1.0, 1000)
                .into_iter()
                .map(|t| sweep_row(&all, t))
                .collect();
            let points = ALERT_RATE_TARGETS
                .iter()
                .map(|&a| {
                    let by_category = |mut p: OperatingPoint| {
                        if let Some(t) = p.threshold {
                            p.recall_by_category = recall_by_category(&all, t)
                                .into_iter()
                                .map(|(k, r)| (k, r.rate))
                                .collect();
                            p.weakest_category = weakest_category(&p.recall_by_category);
                        }
                        p
                    };
                    let mut p = by_category(best_recall(&fine, a));
                    if p.namesake_alert_rate > NAMESAKE_BAR + 1e-12 {
                        let q = best_recall_within(&fine, a, NAMESAKE_BAR);
                        p.within_namesake_bar = Some(Box::new(by_category(q)));
                    }
                    p
                })
                .collect();
            (coarse, fine, points)
        }
        Decision::Fixed => (Vec::new(), Vec::new(), Vec::new()),
    };
    MethodReport {
        method: method.to_string(),
        threshold: match decision {
            Decision::Threshold(t) => Some(t),
            Decision::Fixed => None,
        },
        travellers: cases.len(),
        recall: Rate::new(found, listed),
        recall_by_category: recall_by_category(&all, t),
        top1: Rate::new(top1, listed),
        false_alerts,
        errors,
        hits_per_traveller: if cases.is_empty() {
            0.0
        } else {
            hits as f64 / cases.len() as f64
        },
        operating_points,
        sweep: sweep_rows,
        fine_sweep,
        seconds,
        travellers_per_second: if seconds > 0.0 {
            cases.len() as f64 / seconds
        } else {
            0.0
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: &str, category: &str, expected: Option<&str>, full_dob: bool) -> Case {
        Case {
            traveller_id: id.into(),
            category: category.into(),
            expected: expected.map(String::from),
            also: Vec::new(),
            full_dob,
        }
    }

    fn out(hits: &[(&str, f64)]) -> Outcome {
        hits.iter().map(|(e, s)| (e.to_string(), *s)).collect()
    }

    fn example() -> (Vec<Case>, Vec<Outcome>) {
        let cases = vec![
            case("L1", "exact", Some("A"), true),
            case("L2", "typo", Some("B"), true),
            case("L3", "typo", Some("C"), false),
            case("I1", "innocent", None, true),
            case("I2", "innocent", None, true),
            case("N1", "namesake", None, true),
            case("N2", "namesake", None, false),
        ];
        let outcomes = vec![
            out(&[("A", 0.99)]),
            out(&[("X", 0.90), ("B", 0.85)]),
            out(&[("C", 0.70)]),
            out(&[]),
            out(&[("Y", 0.82)]),
            out(&[("A", 0.95)]),
            out(&[("B", 0.60)]),
        ];
        (cases, outcomes)
    }

    #[test]
    fn metrics_at_a_threshold() {
        let (cases, outcomes) = example();
        let r = method_report("m", &cases, &outcomes, Decision::Threshold(0.8), 2.0);
        assert_eq!(r.recall, Rate::new(2, 3));
        assert_eq!(r.recall_by_category["exact"], Rate::new(1, 1));
        assert_eq!(r.recall_by_category["typo"], Rate::new(1, 2));
        assert_eq!(r.top1, Rate::new(1, 3));
        assert_eq!(r.false_alerts["innocent"], Rate::new(1, 2));
        assert_eq!(r.false_alerts["namesake"], Rate::new(1, 2));
        assert_eq!(r.false_alerts["namesake_full_dob"], Rate::new(1, 1));
        // Hits >= 0.8: L1 1, L2 2, I2 1, N1 1.
        assert!((r.hits_per_traveller - 5.0 / 7.0).abs() < 1e-12);
        assert!((r.travellers_per_second - 3.5).abs() < 1e-12);
        // Errors: L3 missed (0.70 < 0.8), I2 and N1 alerted.
        assert_eq!(r.errors["typo"].len(), 1);
        assert_eq!(r.errors["typo"][0].traveller_id, "L3");
        assert_eq!(r.errors["typo"][0].expected_score, Some(0.70));
        assert_eq!(r.errors["innocent"][0].first, Some(("Y".to_string(), 0.82)));
        assert_eq!(r.errors["namesake"][0].traveller_id, "N1");
        assert!(!r.errors.contains_key("exact"));
        assert_eq!(r.sweep.len(), 50);
        assert_eq!(r.fine_sweep.len(), 501);
    }

    #[test]
    fn sweep_and_operating_points() {
        let (cases, outcomes) = example();
        let r = method_report("m", &cases, &outcomes, Decision::Threshold(0.8), 1.0);
        // Innocent alerts reach 0 above 0.82; the best recall there is at 0.821: A and B.
        let p = r.recall_at_alert_rate(0.01).unwrap();
        assert_eq!(p.threshold, Some(0.821));
        assert!((p.recall - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(p.alert_rate, 0.0);
        // Within 50% every threshold from 0.5 is allowed: all three found at 0.5..=0.70.
        let p = best_recall(&r.fine_sweep, 0.5);
        assert_eq!(p.recall, 1.0);
        assert_eq!(p.alert_rate, 0.5);
        assert_eq!(p.threshold, Some(0.5));
        // Nothing within a negative budget.
        assert_eq!(best_recall(&r.fine_sweep, -1.0).threshold, None);
        // The report's 1% point names its weakest category: typo, L2 found and L3 not.
        assert_eq!(r.operating_points[0].max_alert_rate, 0.01);
        assert_eq!(
            r.operating_points[0].weakest_category,
            Some(("typo".to_string(), 0.5))
        );
        // And every category there, with the namesakes' alert rate (N1 at 0.95 of 2).
        let by: Vec<(&str, f64)> = r.operating_points[0]
            .recall_by_category
            .iter()
            .map(|(c, r)| (c.as_str(), *r))
            .collect();
        assert_eq!(by, [("exact", 1.0), ("typo", 0.5)]);
        assert_eq!(r.operating_points[0].namesake_alert_rate, 0.5);
        // Past the namesake bar there: within it too, N1 (0.95) must not alert, which
        // leaves L1 (0.99) alone, at the lowest such threshold of the fine sweep.
        let q = r.operating_points[0]
            .within_namesake_bar
            .as_ref()
            .expect("namesakes 50% > 10%");
        assert_eq!(q.threshold, Some(0.951));
        assert!((q.recall - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(q.namesake_alert_rate, 0.0);
        assert_eq!(q.weakest_category, Some(("typo".to_string(), 0.0)));
        assert!(q.within_namesake_bar.is_none());
    }

    #[test]
    fn fixed_rule_counts_every_candidate() {
        let (cases, mut outcomes) = example();
        for o in &mut outcomes {
            for h in o.iter_mut() {
                h.1 = 1.0;
            }
        }
        let r = method_report("rule", &cases, &outcomes, Decision::Fixed, 0.0);
        assert_eq!(r.threshold, None);
        assert_eq!(r.recall, Rate::new(3, 3));
        assert_eq!(r.top1, Rate::new(2, 3));
        assert_eq!(r.false_alerts["innocent"], Rate::new(1, 2));
        assert_eq!(r.false_alerts["namesake"], Rate::new(2, 2));
        assert!(r.sweep.is_empty() && r.operating_points.is_empty());
        assert_eq!(r.recall_at_alert_rate(0.01), None);
        assert_eq!(r.travellers_per_second, 0.0);
    }

    #[test]
    fn also_matches_count_as_found() {
        let mut c = case("L1", "exact", Some("UN-1"), true);
        c.also = vec!["OFAC-1".into()];
        let r = method_report(
            "m",
            &[c],
            &[out(&[("OFAC-1", 0.9), ("UN-1", 0.6)])],
            Decision::Threshold(0.8),
            1.0,
        );
        assert_eq!(r.recall, Rate::new(1, 1));
        assert_eq!(r.top1, Rate::new(1, 1));
    }

    #[test]
    fn thresholds_are_exact_decimals() {
        let t = thresholds(0.5, 0.99, 100);
        assert_eq!(t.len(), 50);
        assert_eq!(t[0], 0.5);
        assert_eq!(t[30], 0.8);
        assert_eq!(*t.last().unwrap(), 0.99);
    }

    #[test]
    fn empty_input_gives_zero_rates() {
        let r = method_report("m", &[], &[], Decision::Threshold(0.8), 0.0);
        assert_eq!(r.recall, Rate::new(0, 0));
        assert_eq!(r.recall.show(), "n/a (0)");
        assert_eq!(r.hits_per_traveller, 0.0);
    }
}
