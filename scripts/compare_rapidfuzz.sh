#!/usr/bin/env bash
# RapidFuzz brute force against paxscreen on the SAME watchlist and the SAME travellers,
# in one run (issue 6: a measured baseline instead of a guessed one).
#
#   scripts/compare_rapidfuzz.sh            # 1M names, 100k travellers, RapidFuzz on 500
#
# Environment (defaults in brackets):
#   PAXSCREEN_BIN  release binary, used read-only [/tmp/paxscreen-rf-bin; copy it once
#                  from target/release/paxscreen so a concurrent rebuild cannot change it]
#   SHARED         real name data for `synth scale` [<repo>/../shared/data]
#   DATA           synth output: watchlist.csv travellers.csv labels.csv [/tmp/scale1m]
#   WORK           snapshot, logs, JSON results [/tmp/rapidfuzz-compare]
#   NAMES TRAVELLERS SEED   synth scale parameters [1000000 100000 42]
#   SAMPLE         travellers screened by RapidFuzz [500]; LISTED_SHARE [0.5]
#   REPS           repetitions of each paxscreen timing and of the cdist timings [3]
#   RF_ARGS        extra arguments for scripts/rapidfuzz_baseline.py
#   FULL_EVAL      1 = also `paxscreen eval` on all travellers [1]
#
# Needs python3 with rapidfuzz (and numpy for cdist) and GNU time (/usr/bin/time).
# Nothing is written inside the repository: DATA and WORK must lie outside it.
# Runs are sequential: one heavy job at a time on a small machine.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${PAXSCREEN_BIN:-/tmp/paxscreen-rf-bin}
SHARED=${SHARED:-$REPO/../shared/data}
DATA=${DATA:-/tmp/scale1m}
WORK=${WORK:-/tmp/rapidfuzz-compare}
NAMES=${NAMES:-1000000}
TRAVELLERS=${TRAVELLERS:-100000}
SEED=${SEED:-42}
SAMPLE=${SAMPLE:-500}
LISTED_SHARE=${LISTED_SHARE:-0.5}
REPS=${REPS:-3}
FULL_EVAL=${FULL_EVAL:-1}
RF_ARGS=${RF_ARGS:-}

for d in "$DATA" "$WORK"; do
  mkdir -p "$d"
  case "$(cd "$d" && pwd)/" in
    "$REPO"/*) echo "refusing to write into the repository: $d" >&2; exit 2 ;;
  esac
done
[ -x "$BIN" ] || { echo "no paxscreen binary at $BIN (cp target/release/paxscreen $BIN)" >&2; exit 2; }
TIME=/usr/bin/time
say() { printf '\n== %s\n' "$*" >&2; }

# The machine may be shared. Every timed command waits until other processes are idle
# (< 0.2 cores busy over 5 s, at most WAIT_MAX s) and records the CPU the others used
# meanwhile ("foreign" cores = busy CPU from /proc/stat minus the command's user+sys,
# over its wall time) in <timefile>.foreign; above MAX_FOREIGN cores it is repeated,
# at most RETRIES times.
MAX_FOREIGN=${MAX_FOREIGN:-0.1}
RETRIES=${RETRIES:-2}
WAIT_MAX=${WAIT_MAX:-1800}
HZ=$(getconf CLK_TCK)
busy_s() { awk -v hz="$HZ" '/^cpu /{printf "%.2f\n", ($2+$3+$4+$7+$8+$9)/hz; exit}' /proc/stat; }
wait_idle() {
  local t0=$SECONDS b0 b1
  while :; do
    b0=$(busy_s); sleep 5; b1=$(busy_s)
    awk -v a="$b0" -v b="$b1" 'BEGIN{exit !((b-a)/5 < 0.2)}' && return 0
    if (( SECONDS - t0 > WAIT_MAX )); then echo "machine still busy; measuring anyway" >&2; return 0; fi
  done
}
# timed <timefile> <cmd...>: GNU time -v into <timefile>, guarded as above.
timed() {
  local tf=$1; shift
  local try b0 b1 own foreign
  for try in $(seq 0 "$RETRIES"); do
    wait_idle
    b0=$(busy_s)
    $TIME -v -o "$tf" "$@"
    b1=$(busy_s)
    own=$(awk -F': ' '/User time|System time/{s+=$2} END{print s}' "$tf")
    foreign=$(python3 -c "
import re,sys
t=open('$tf').read(); el=re.search(r'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)',t).group(1)
w=0.0
for p in el.split(':'): w=w*60+float(p)
print(round(max(0.0,($b1-$b0-$own)/max(w,1e-3)),3))")
    echo "$foreign $((try + 1))" > "$tf.foreign"
    awk -v f="$foreign" -v m="$MAX_FOREIGN" 'BEGIN{exit !(f <= m)}' && return 0
    echo "other processes used $foreign cores meanwhile; repeating" >&2
  done
}

# ---- machine and versions
{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  lscpu | head -20
  free -g | head -2
  echo "paxscreen: $("$BIN" --version) ($(sha256sum "$BIN" | cut -c1-16)), repo HEAD $(git -C "$REPO" rev-parse --short HEAD)"
  python3 -c 'import sys, rapidfuzz; print("python", sys.version.split()[0], "rapidfuzz", rapidfuzz.__version__)'
  python3 -c 'import numpy; print("numpy", numpy.__version__)' 2>/dev/null || echo "numpy: absent (cdist skipped)"
  echo "load: $(cat /proc/loadavg)"
} | tee "$WORK/machine.txt" >&2

# ---- data
if [ ! -s "$DATA/watchlist.csv" ] || [ ! -s "$DATA/travellers.csv" ] || [ ! -s "$DATA/labels.csv" ]; then
  say "synth scale -> $DATA"
  "$BIN" synth scale --data "$SHARED" --out "$DATA" --names "$NAMES" --travellers "$TRAVELLERS" --seed "$SEED"
fi
wc -l "$DATA"/*.csv >&2

# ---- paxscreen: index (REPS times; the last snapshot is kept)
for i in $(seq 1 "$REPS"); do
  say "paxscreen index ($i/$REPS)"
  rm -rf "$WORK/snapshot"
  timed "$WORK/index.$i.time" "$BIN" index -w "$DATA/watchlist.csv" --out "$WORK/snapshot" \
    2>&1 | tee "$WORK/index.$i.log" >&2
done
du -sb "$WORK/snapshot" | cut -f1 > "$WORK/snapshot.bytes"

# ---- paxscreen: screen all travellers, all cores then one core
for mode in all 1; do
  for i in $(seq 1 "$REPS"); do
    say "paxscreen screen, cores=$mode ($i/$REPS)"
    out=/dev/null
    [ "$mode" = all ] && [ "$i" = 1 ] && out="$WORK/paxscreen_hits.csv"  # hits for the metrics
    if [ "$mode" = 1 ]; then export RAYON_NUM_THREADS=1; else unset RAYON_NUM_THREADS; fi
    timed "$WORK/screen.$mode.$i.time" "$BIN" screen -w "$WORK/snapshot" \
      "$DATA/travellers.csv" --format csv -o "$out" 2> "$WORK/screen.$mode.$i.log"
    tr '\r' '\n' < "$WORK/screen.$mode.$i.log" | grep -a 'travellers/s' | tail -1 >&2
  done
done
unset RAYON_NUM_THREADS

# ---- RapidFuzz on a sample of the same travellers
say "RapidFuzz baseline (sample $SAMPLE)"
# shellcheck disable=SC2086
$TIME -v -o "$WORK/rapidfuzz.time" python3 "$REPO/scripts/rapidfuzz_baseline.py" \
  --max-foreign "$MAX_FOREIGN" --retries "$RETRIES" --max-wait "$WAIT_MAX" \
  --data "$DATA" --sample "$SAMPLE" --listed-share "$LISTED_SHARE" --reps "$REPS" \
  --write-sample "$WORK/sample" --paxscreen-hits "$WORK/paxscreen_hits.csv" \
  --sweep-csv "$WORK/rapidfuzz_sweep.csv" --json "$WORK/rapidfuzz.json" $RF_ARGS > /dev/null

# ---- paxscreen eval on the same sample (and on everything)
say "paxscreen eval on the RapidFuzz sample"
"$BIN" eval --watchlist "$DATA/watchlist.csv" --travellers "$WORK/sample/travellers.csv" \
  --labels "$WORK/sample/labels.csv" --no-baselines --json "$WORK/eval_sample.json" \
  | tee "$WORK/eval_sample.txt" >&2
if [ "$FULL_EVAL" = 1 ]; then
  say "paxscreen eval on all travellers"
  "$BIN" eval --watchlist "$DATA/watchlist.csv" --travellers "$DATA/travellers.csv" \
    --labels "$DATA/labels.csv" --no-baselines --json "$WORK/eval_all.json" \
    | tee "$WORK/eval_all.txt" >&2
fi

# ---- summary
say "summary ($WORK/summary.json)"
python3 - "$WORK" "$REPS" <<'PY'
import json, os, re, statistics, sys
work, reps = sys.argv[1], int(sys.argv[2])
med = statistics.median

def gnu_time(path):
    t = open(path).read()
    el = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1)
    secs = 0.0
    for part in el.split(":"):
        secs = secs * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
    return secs, rss / 1024

def foreign(timefile):
    try:
        f, attempts = open(timefile + ".foreign").read().split()
        return {"foreign_cores": float(f), "attempts": int(attempts)}
    except (OSError, ValueError):
        return None

def screen_rate(path):
    t = open(path, errors="replace").read().replace("\r", "\n")
    m = re.findall(r"screened (\d+) travellers .* in ([\d.]+) s \(([\d.]+) travellers/s\)", t)
    n, s, r = m[-1]
    return int(n), float(s), float(r)

idx = []
for i in range(1, reps + 1):
    log = open(f"{work}/index.{i}.log").read()
    build = float(re.findall(r"in ([\d.]+) s; snapshot", log)[-1])  # last attempt
    write = float(re.findall(r"written to .* in ([\d.]+) s", log)[-1])
    wall, rss = gnu_time(f"{work}/index.{i}.time")
    idx.append((build, write, wall, rss, foreign(f"{work}/index.{i}.time")))
scr = {}
for mode in ("all", "1"):
    rows = []
    for i in range(1, reps + 1):
        n, s, r = screen_rate(f"{work}/screen.{mode}.{i}.log")
        wall, rss = gnu_time(f"{work}/screen.{mode}.{i}.time")
        rows.append({"travellers": n, "screen_s": s, "travellers_per_s": r, "wall_s": wall,
                     "wall_travellers_per_s": n / wall, "peak_rss_mb": rss,
                     "contention": foreign(f"{work}/screen.{mode}.{i}.time")})
    scr[mode] = rows

rf = json.load(open(f"{work}/rapidfuzz.json"))
ncpu = rf["machine"]["nproc"]
pax = {
    "index_build_s_median": med(r[0] for r in idx),
    "snapshot_write_s_median": med(r[1] for r in idx),
    "index_wall_s_median": med(r[2] for r in idx),
    "index_peak_rss_mb_max": max(r[3] for r in idx),
    "snapshot_mb": int(open(f"{work}/snapshot.bytes").read()) / 2**20,
    "index_build_s_all_reps": [r[0] for r in idx],
    "index_contention": [r[4] for r in idx],
}
for mode, rows in scr.items():
    key = "all_cores" if mode == "all" else "1_core"
    pax[f"screen_{key}"] = {
        "travellers_per_s_median": med(r["travellers_per_s"] for r in rows),
        "travellers_per_s_all_reps": [r["travellers_per_s"] for r in rows],
        "wall_travellers_per_s_median": med(r["wall_travellers_per_s"] for r in rows),
        "wall_s_median": med(r["wall_s"] for r in rows),
        "peak_rss_mb_max": max(r["peak_rss_mb"] for r in rows),
        "contention": [r["contention"] for r in rows],
    }

def best(workers, method=None):
    rs = [r for r in rf["runs"] if r["workers"] == workers and (method is None or r["method"] == method)]
    return max(rs, key=lambda r: r["queries_per_s"]) if rs else None

rf_wall, rf_rss = gnu_time(f"{work}/rapidfuzz.time")
out = {"paxscreen": pax,
       "rapidfuzz": {"versions": rf["versions"], "data": rf["data"], "sample": rf["sample"],
                     "cdist": rf.get("cdist"), "peak_rss_mb": rf_rss, "wall_s": rf_wall,
                     "presort_equivalence_mismatches": rf["presort_equivalence_mismatches"],
                     "differing_hits": rf["travellers_with_differing_hits_vs_first_run"]},
       "rapidfuzz_runs": [
    {k: r.get(k) for k in ("method", "workers", "cutoff", "queries_per_s", "recall",
                           "innocent_alert_rate", "foreign_cores", "attempts")}
    for r in rf["runs"]]}
speed = {}
for label, workers, key in (("1_core", 1, "screen_1_core"), ("all_cores", ncpu, "screen_all_cores")):
    b = best(workers)
    p = pax[key]["travellers_per_s_median"]
    speed[label] = {"paxscreen_travellers_per_s": p,
                    "rapidfuzz_best_queries_per_s": b and b["queries_per_s"],
                    "rapidfuzz_best_method": b and f'{b["method"]} cutoff {b["cutoff"]}',
                    "speedup": b and p / b["queries_per_s"]}
    for m in ("extract", "extract_mp", "cdist"):
        bm = best(workers, m)
        if bm:
            speed[label][f"speedup_vs_{m}"] = p / bm["queries_per_s"]
out["speed"] = speed

# accuracy on the same sample
acc = {"rapidfuzz_sample": {str(r["cutoff"]): {k: r[k] for k in
        ("recall", "found", "listed", "innocent_alert_rate", "innocent_alerts", "innocent")}
        for r in rf["runs"] if r["method"] == "extract"} or None,
       "paxscreen_sample_from_screen_hits": rf.get("paxscreen_same_sample"),
       "paxscreen_all_from_screen_hits": rf.get("paxscreen_all_travellers")}
ev = json.load(open(f"{work}/eval_sample.json"))["paxscreen"]
acc["paxscreen_eval_sample"] = {"threshold": ev["threshold"], "recall": ev["recall"],
                                "innocent": ev["false_alerts"]["innocent"]}
if os.path.exists(f"{work}/eval_all.json"):
    ea = json.load(open(f"{work}/eval_all.json"))["paxscreen"]
    acc["paxscreen_eval_all"] = {"threshold": ea["threshold"], "recall": ea["recall"],
                                 "innocent": ea["false_alerts"]["innocent"]}
# comparable alert rate: RapidFuzz's sweep vs paxscreen's sweep on the same sample
sweep = rf.get("sweep") or []
pax_rate = ev["false_alerts"]["innocent"]["rate"]
ok = [r for r in sweep if r["innocent_alert_rate"] <= pax_rate + 1e-12]
if ok:
    r = max(ok, key=lambda r: (r["recall"], -r["innocent_alert_rate"], -r["cutoff"]))
    acc["rapidfuzz_at_paxscreen_alert_rate"] = {"paxscreen_innocent_alert_rate": pax_rate, **r}
comp = []
for r in sweep:
    if r["cutoff"] in (80.0, 85.0, 90.0, 95.0):
        within = [p for p in ev["sweep"] if p["innocent_alert_rate"] <= r["innocent_alert_rate"] + 1e-12]
        bp = max(within, key=lambda p: (p["recall"], -p["innocent_alert_rate"], -p["threshold"])) if within else None
        comp.append({"rapidfuzz_cutoff": r["cutoff"], "rapidfuzz_recall": r["recall"],
                     "rapidfuzz_innocent_alert_rate": r["innocent_alert_rate"],
                     "paxscreen_best_recall_within": bp and bp["recall"],
                     "paxscreen_threshold": bp and bp["threshold"]})
acc["same_alert_rate"] = comp
out["accuracy"] = acc
json.dump(out, open(f"{work}/summary.json", "w"), indent=2)
print(json.dumps(out, indent=2))
PY
