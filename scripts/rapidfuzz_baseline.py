#!/usr/bin/env python3
"""A measured RapidFuzz brute-force baseline for paxscreen (issue 6).

Screens a deterministic sample of travellers against EVERY name of a watchlist
(each alias a separate choice) with RapidFuzz and reports queries/second on one
core and on all cores, plus recall of listed travellers and the innocent alert
rate at the given cutoffs and over a cutoff sweep.

Data: the output of `paxscreen synth scale` (watchlist.csv with '|'-separated
names, travellers.csv, labels.csv with traveller_id,expected_entry_id,category).
Nothing is written except what --json / --write-sample / --sweep-csv name.

Query: "GIVEN_NAMES SURNAME"; names and queries are upper-cased and normalized
like paxscreen's own eval baselines (NFKD, diacritics dropped, every non-letter a
separator, single spaces). On synth-scale data (plain A-Z and spaces) this is only
upper-casing.

Methods (each over the same sample):
  extract            process.extract(q, choices, scorer=fuzz.token_sort_ratio,
                     score_cutoff=C, limit=L), one query at a time, 1 core
  extract_mp         the same in a multiprocessing pool of all cores (fork)
  extract_presorted  fuzz.ratio on names whose tokens were sorted once up front
                     (identical scores to token_sort_ratio), 1 core
  cdist              process.cdist(batch, choices, scorer=fuzz.token_sort_ratio,
                     score_cutoff=C, workers=1 | -1), then top-L per row
  cdist_presorted    process.cdist with fuzz.ratio on pre-sorted names (RapidFuzz's
                     fastest path: SIMD over several queries at once)

A traveller is "found" when its expected entry (any alias) is among its hits;
an innocent traveller "alerts" when it has any hit at all.

Requires rapidfuzz; the cdist methods also need numpy (cdist returns an ndarray).
"""

import argparse
import csv
import json
import multiprocessing as mp
import os
import platform
import statistics
import sys
import time
import unicodedata

import rapidfuzz
from rapidfuzz import fuzz, process

try:
    import numpy as np
except ImportError:  # cdist needs numpy; the extract methods do not
    np = None

# ---------------------------------------------------------------- data


def normalize(name):
    """Upper case, diacritics removed, any non-letter a separator, single spaces."""
    out = []
    for c in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(c):
            continue
        out.append(c.upper() if c.isalpha() else " ")
    return " ".join("".join(out).split())


def token_sort(name):
    return " ".join(sorted(name.split()))


def fnv1a(s):
    """64-bit FNV-1a, the hash paxscreen eval uses for its deterministic sample."""
    h = 0xCBF29CE484222325
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def load_watchlist(path):
    choices, entry_of = [], []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for n in row["names"].split("|"):
                n = normalize(n)
                if n:
                    choices.append(n)
                    entry_of.append(row["id"])
    return choices, entry_of


def load_travellers(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {
            r["id"]: normalize(f'{r["given_names"]} {r["surname"]}')
            for r in csv.DictReader(f)
        }


def load_labels(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {
            r["traveller_id"]: (r["category"], r["expected_entry_id"] or None)
            for r in csv.DictReader(f)
        }


def pick_sample(labels, n, listed_share):
    """Deterministic sample: round(n*listed_share) listed travellers, the rest
    unlisted ("innocent"); within each group the smallest FNV-1a of the id."""
    listed = sorted((t for t, (_, e) in labels.items() if e), key=lambda t: (fnv1a(t), t))
    innocent = sorted(
        (t for t, (c, e) in labels.items() if not e and c == "innocent"),
        key=lambda t: (fnv1a(t), t),
    )
    n_listed = min(len(listed), round(n * listed_share))
    n_innocent = min(len(innocent), n - n_listed)
    return sorted(listed[:n_listed] + innocent[:n_innocent])


# ---------------------------------------------------------------- metrics


def metrics(sample, labels, hits_of):
    """hits_of[traveller] = set of entry ids hit. Recall over listed travellers,
    alert rate over innocent ones."""
    listed = [t for t in sample if labels[t][1]]
    innocent = [t for t in sample if not labels[t][1] and labels[t][0] == "innocent"]
    found = sum(1 for t in listed if labels[t][1] in hits_of.get(t, ()))
    alerts = sum(1 for t in innocent if hits_of.get(t))
    hits = sum(len(hits_of.get(t, ())) for t in sample)
    return {
        "listed": len(listed),
        "found": found,
        "recall": found / len(listed) if listed else None,
        "innocent": len(innocent),
        "innocent_alerts": alerts,
        "innocent_alert_rate": alerts / len(innocent) if innocent else None,
        "hit_entries_per_traveller": hits / len(sample) if sample else None,
    }


def hits_from_pairs(results, entry_of, cutoff=None):
    """results[traveller] = [(score, choice_index), ...] -> set of entry ids."""
    return {
        t: {entry_of[i] for s, i in pairs if cutoff is None or s >= cutoff}
        for t, pairs in results.items()
    }


# ---------------------------------------------------------------- methods

_G = {}  # shared with forked pool workers (copy-on-write)


def _extract_one(q):
    t0 = time.perf_counter()
    r = process.extract(
        q, _G["choices"], scorer=_G["scorer"], score_cutoff=_G["cutoff"], limit=_G["limit"]
    )
    return [(s, i) for _, s, i in r], time.perf_counter() - t0


def run_extract(ids, queries, choices, scorer, cutoff, limit, workers):
    _G.update(choices=choices, scorer=scorer, cutoff=cutoff, limit=limit)
    t0 = time.perf_counter()
    if workers == 1:
        out = [_extract_one(q) for q in queries]
    else:
        with mp.get_context("fork").Pool(workers) as pool:
            out = pool.map(_extract_one, queries, chunksize=1)
    wall = time.perf_counter() - t0
    lat = sorted(d for _, d in out)
    return {t: pairs for t, (pairs, _) in zip(ids, out)}, lat, wall


def top_of_row(row, limit):
    idx = np.flatnonzero(row)  # cdist zeroes every score below score_cutoff
    order = np.argsort(-row[idx].astype(np.float64), kind="stable")  # best first, ties by index
    idx = idx[order[:limit]]
    return [(float(row[i]), int(i)) for i in idx]


def run_cdist(ids, queries, choices, scorer, cutoff, limit, workers, batch, dtype):
    res = {}
    t0 = time.perf_counter()
    for b in range(0, len(queries), batch):
        m = process.cdist(
            queries[b : b + batch],
            choices,
            scorer=scorer,
            score_cutoff=cutoff,
            workers=workers,
            dtype=dtype,
        )
        for k in range(m.shape[0]):
            res[ids[b + k]] = top_of_row(m[k], limit)
        del m
    return res, time.perf_counter() - t0


# ---------------------------------------------------------------- contention
# The machine may be shared: every timed run waits until the other processes are idle
# and measures the CPU time they used meanwhile ("foreign" CPU, in cores: busy CPU
# time from /proc/stat minus this process's and its children's). A run where others
# used more than --max-foreign cores is repeated (up to --retries times).


def cpu_busy_s():
    try:
        with open("/proc/stat") as f:
            j = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return (j[0] + j[1] + j[2] + j[5] + j[6] + (j[7] if len(j) > 7 else 0)) / os.sysconf("SC_CLK_TCK")


def own_cpu_s():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def wait_idle(max_wait, threshold=0.2, window=5.0):
    t0 = time.time()
    while cpu_busy_s() is not None:
        b0 = cpu_busy_s()
        time.sleep(window)
        if (cpu_busy_s() - b0) / window < threshold:
            break
        if time.time() - t0 > max_wait:
            log(f"machine still busy after {max_wait:.0f} s; measuring anyway")
            break
    return time.time() - t0


def guarded(run, opts, label):
    """run() -> (..., wall). Returns (result, foreign_cores, attempts)."""
    for attempt in range(opts.retries + 1):
        wait_idle(opts.max_wait)
        b0, o0 = cpu_busy_s(), own_cpu_s()
        out = run()
        b1, o1 = cpu_busy_s(), own_cpu_s()
        wall = out[-1]
        foreign = max(0.0, ((b1 - b0) - (o1 - o0)) / wall) if b0 is not None else None
        if foreign is None or foreign <= opts.max_foreign:
            break
        log(f"{label}: other processes used {foreign:.2f} cores meanwhile; repeating")
    return out, foreign, attempt + 1


# ---------------------------------------------------------------- main


def pct(sorted_vals, p):
    if not sorted_vals:
        return None
    k = min(len(sorted_vals) - 1, max(0, round(p / 100 * (len(sorted_vals) - 1))))
    return sorted_vals[k]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="folder of `paxscreen synth scale` output")
    ap.add_argument("--sample", type=int, default=500, help="travellers screened (default 500)")
    ap.add_argument("--listed-share", type=float, default=0.5,
                    help="share of the sample that is listed travellers (default 0.5)")
    ap.add_argument("--cutoffs", default="85,90", help="score cutoffs timed (default 85,90)")
    ap.add_argument("--sweep-from", type=float, default=70.0,
                    help="lowest cutoff of the recall/alert sweep (default 70)")
    ap.add_argument("--limit", type=int, default=20, help="hits kept per query (default 20)")
    ap.add_argument("--batch", type=int, default=64, help="queries per cdist call (default 64)")
    ap.add_argument("--dtype", default="uint8", choices=["uint8", "float32", "float64"],
                    help="cdist matrix type of the timed runs (default uint8: the cutoff is applied "
                         "to the exact score, only the stored value is rounded, and the matrix is "
                         "8x smaller than float64, which is what limits cdist here)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions of the cdist timings (median)")
    ap.add_argument("--methods", default="extract,extract_mp,extract_presorted,cdist,cdist_presorted,sweep")
    ap.add_argument("--extract-cutoffs", default=None,
                    help="cutoffs for the slow extract methods (default: --cutoffs for extract, "
                         "its first cutoff for extract_mp and extract_presorted)")
    ap.add_argument("--max-foreign", type=float, default=0.1,
                    help="repeat a timed run when other processes used more cores than this (0.1)")
    ap.add_argument("--retries", type=int, default=2, help="repeats of a contended run (2)")
    ap.add_argument("--max-wait", type=float, default=1800,
                    help="seconds to wait for the machine to go idle before a run (1800)")
    ap.add_argument("--write-sample", help="write the sample's travellers.csv and labels.csv here")
    ap.add_argument("--paxscreen-hits", help="`paxscreen screen --format csv` output over the same "
                                             "travellers: adds paxscreen's recall/alert rate on the sample")
    ap.add_argument("--sweep-csv", help="write the cutoff sweep here")
    ap.add_argument("--json", help="write the JSON summary here too")
    args = ap.parse_args()

    cutoffs = [float(c) for c in args.cutoffs.split(",")]
    methods = set(args.methods.split(","))
    if np is None and methods & {"cdist", "cdist_presorted", "sweep"}:
        log("numpy is not installed: skipping the cdist methods and the sweep")
        methods -= {"cdist", "cdist_presorted", "sweep"}
    ncpu = os.cpu_count()

    t0 = time.perf_counter()
    choices, entry_of = load_watchlist(os.path.join(args.data, "watchlist.csv"))
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    presorted = [token_sort(c) for c in choices]
    presort_s = time.perf_counter() - t0
    travellers = load_travellers(os.path.join(args.data, "travellers.csv"))
    labels = load_labels(os.path.join(args.data, "labels.csv"))
    sample = pick_sample(labels, args.sample, args.listed_share)
    queries = [travellers[t] for t in sample]
    queries_sorted = [token_sort(q) for q in queries]
    log(f"{len(choices)} names of {len(set(entry_of))} entries loaded in {load_s:.1f} s "
        f"(+{presort_s:.1f} s token pre-sort); sample {len(sample)} travellers")

    if args.write_sample:
        os.makedirs(args.write_sample, exist_ok=True)
        keep = set(sample)
        for name, key in (("travellers.csv", "id"), ("labels.csv", "traveller_id")):
            with open(os.path.join(args.data, name), newline="", encoding="utf-8") as f, \
                 open(os.path.join(args.write_sample, name), "w", newline="", encoding="utf-8") as g:
                r = csv.DictReader(f)
                w = csv.DictWriter(g, fieldnames=r.fieldnames, lineterminator="\n")
                w.writeheader()
                w.writerows(row for row in r if row[key] in keep)

    # Sanity: token_sort_ratio == ratio on pre-sorted tokens.
    step = max(1, len(choices) // 2000)
    mism = sum(
        1
        for q, qs in zip(queries[:20], queries_sorted[:20])
        for i in range(0, len(choices), step)
        if fuzz.token_sort_ratio(q, choices[i]) != fuzz.ratio(qs, presorted[i])
    )

    summary = {
        "machine": {"nproc": ncpu, "platform": platform.platform(),
                    "processor": platform.processor()},
        "versions": {"python": platform.python_version(), "rapidfuzz": rapidfuzz.__version__,
                     "numpy": np.__version__ if np is not None else None},
        "data": {"folder": os.path.abspath(args.data), "entries": len(set(entry_of)),
                 "names": len(choices), "distinct_names": len(set(choices)),
                 "travellers": len(travellers), "load_s": round(load_s, 2),
                 "presort_s": round(presort_s, 2)},
        "sample": {"size": len(sample), "listed_share": args.listed_share,
                   "selection": "per group (listed / innocent) smallest FNV-1a of traveller id",
                   "query": "GIVEN_NAMES SURNAME, upper-cased"},
        "limit": args.limit,
        "cdist": {"batch": args.batch, "dtype": args.dtype},
        "presort_equivalence_mismatches": mism,
        "runs": [],
    }
    pairs_by_run = {}

    def record(method, workers, cutoff, res, wall, lat=None, walls=None, foreign=None, attempts=None):
        m = metrics(sample, labels, hits_from_pairs(res, entry_of))
        row = {"method": method, "workers": workers, "cutoff": cutoff,
               "queries": len(sample), "wall_s": round(wall, 3),
               "queries_per_s": round(len(sample) / wall, 2), **m,
               "foreign_cores": None if foreign is None else round(foreign, 3), "attempts": attempts}
        if walls:
            row["wall_s_all_reps"] = [round(w, 3) for w in walls]
        if lat:
            row["latency_ms_p50"] = round(1000 * pct(lat, 50), 1)
            row["latency_ms_p99"] = round(1000 * pct(lat, 99), 1)
        summary["runs"].append(row)
        pairs_by_run[(method, workers, cutoff)] = res
        log(f"{method:18} workers={workers:<3} cutoff={cutoff:5.1f}  {row['queries_per_s']:9.2f} q/s  "
            f"recall {m['found']}/{m['listed']}  innocent alerts {m['innocent_alerts']}/{m['innocent']}  "
            f"(others used {row['foreign_cores']} cores)")

    ex_cut = ([float(c) for c in args.extract_cutoffs.split(",")]
              if args.extract_cutoffs else None)

    def extract_runs(method, qs, ch, scorer, cuts, workers):
        for c in cuts:
            (res, lat, wall), fo, n = guarded(
                lambda: run_extract(sample, qs, ch, scorer, c, args.limit, workers), args, method)
            record(method, workers, c, res, wall, lat if workers == 1 else None,
                   foreign=fo, attempts=n)

    if "extract" in methods:
        extract_runs("extract", queries, choices, fuzz.token_sort_ratio, ex_cut or cutoffs, 1)
    if "extract_presorted" in methods:
        extract_runs("extract_presorted", queries_sorted, presorted, fuzz.ratio, ex_cut or cutoffs[:1], 1)
    if "extract_mp" in methods and ncpu > 1:
        extract_runs("extract_mp", queries, choices, fuzz.token_sort_ratio, ex_cut or cutoffs[:1], ncpu)

    for method, qs, ch, scorer in (
        ("cdist", queries, choices, fuzz.token_sort_ratio),
        ("cdist_presorted", queries_sorted, presorted, fuzz.ratio),
    ):
        if method not in methods:
            continue
        for c in cutoffs:
            for w in (1, -1):
                walls, fos, tries = [], [], 0
                for _ in range(args.reps):
                    (res, wall), fo, n = guarded(
                        lambda: run_cdist(sample, qs, ch, scorer, c, args.limit, w, args.batch,
                                          getattr(np, args.dtype)), args, method)
                    walls.append(wall)
                    fos.append(fo)
                    tries += n
                record(method, ncpu if w == -1 else 1, c, res, statistics.median(walls), walls=walls,
                       foreign=max(fos) if None not in fos else None, attempts=tries)

    if "sweep" in methods:
        # exact scores for the sweep (float64), in smaller batches to bound memory
        res, wall = run_cdist(sample, queries_sorted, presorted, fuzz.ratio, args.sweep_from,
                              args.limit, -1, max(1, args.batch // 2), np.float64)
        sweep = []
        c = args.sweep_from
        while c <= 100.0:
            m = metrics(sample, labels, hits_from_pairs(res, entry_of, c))
            sweep.append({"cutoff": c, **m})
            c += 1.0
        summary["sweep"] = [{k: r[k] for k in ("cutoff", "recall", "innocent_alert_rate",
                                              "found", "innocent_alerts")} for r in sweep]
        if args.sweep_csv:
            with open(args.sweep_csv, "w", newline="") as f:
                w = csv.DictWriter(f, fieldnames=list(sweep[0]), lineterminator="\n")
                w.writeheader()
                w.writerows(sweep)

    # Do the methods agree (same hit entries per traveller at the same cutoff)?
    agree = {}
    for c in cutoffs:
        runs = {k: hits_from_pairs(v, entry_of) for k, v in pairs_by_run.items() if k[2] == c}
        if len(runs) > 1:
            ref_key, ref = next(iter(runs.items()))
            agree[str(c)] = {f"{k[0]}/w{k[1]}": sum(1 for t in sample if v.get(t, set()) != ref.get(t, set()))
                             for k, v in runs.items()}
    summary["travellers_with_differing_hits_vs_first_run"] = agree

    if args.paxscreen_hits:
        pax = {}
        with open(args.paxscreen_hits, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                pax.setdefault(r["traveller_id"], set()).add(r["entry_id"])
        summary["paxscreen_same_sample"] = metrics(sample, labels, pax)
        summary["paxscreen_all_travellers"] = metrics(sorted(labels), labels, pax)

    # Headline: best RapidFuzz queries/s on 1 core and on all cores.
    def best(workers):
        rs = [r for r in summary["runs"] if r["workers"] == workers]
        return max(rs, key=lambda r: r["queries_per_s"]) if rs else None
    summary["best_1_core"] = best(1)
    summary["best_all_cores"] = best(ncpu)

    text = json.dumps(summary, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
