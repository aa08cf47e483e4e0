#!/usr/bin/env python3
"""A 1M-name watchlist and 100k travellers built WITHOUT `paxscreen synth`, to check
that speed and memory do not depend on our own generator's statistics (issue 6 is
checked on "a generator of our own" by someone else).

    python3 scripts/independent_scale.py [SHARED_DATA] [OUT] [SEED]
    # defaults: ../shared/data  /tmp/independent1m  1

Names: Faker first and last names of 20 Latin-script locales (70% of entries; a
quarter with two given names) and whole Latin spellings from the romanizer's Arabic
full names (30%); small pools, so full names repeat (`Habibu DANJUMA` is held by 59
entries).
Entries: a full date of birth 60%, a year 20%, none 20%; nationality 70%; ids
F0000000.. . Travellers: 1% are a listed entry (half with one surname letter replaced
or deleted; the listed date when full, else a day in the listed year or none), the
rest fresh names from the same pools, 90% with a full date of birth. Writes
OUT/watchlist.csv, travellers.csv and labels.csv (the layout of `paxscreen synth
scale` and scripts/compare_rapidfuzz.sh: DATA=OUT scripts/compare_rapidfuzz.sh).
"""
import csv
import os
import random
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/independent1m"
random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
N, T = 1_000_000, 100_000
COUNTRY = {
    "en_US": "USA", "de_DE": "DEU", "es_ES": "ESP", "fr_FR": "FRA", "it_IT": "ITA",
    "nl_NL": "NLD", "sv_SE": "SWE", "tr_TR": "TUR", "id_ID": "IDN", "en_IN": "IND",
    "en_PK": "PAK", "az_AZ": "AZE", "pl_PL": "POL", "sw": "KEN", "yo_NG": "NGA",
    "uz_UZ": "UZB", "en_GB": "GBR", "ha_NG": "NGA", "en_NG": "NGA", "fr_BE": "BEL",
}
ARAB_COUNTRIES = ["SYR", "IRQ", "EGY", "SAU", "PAK", "YEM", "JOR"]

first, last = {}, {}
with open(os.path.join(shared, "names/faker_person_names_by_locale.tsv"), encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        name = r["name"].strip()
        if r["locale"] not in COUNTRY or not name or not name[0].isalpha():
            continue
        if r["attribute"].startswith("first_names"):
            first.setdefault(r["locale"], []).append(name)
        elif r["attribute"].startswith("last_names"):
            last.setdefault(r["locale"], []).append(name)
locales = sorted(l for l in COUNTRY if l in first and l in last)
with open(os.path.join(shared, "names/arabic_name_romanizer_full_names.dev.tsv"), encoding="utf-8") as f:
    arabic = [r["latin"] for r in csv.DictReader(f, delimiter="\t") if len(r["latin"].split()) >= 2]


def person():
    if random.random() < 0.3:
        words = random.choice(arabic).split()
        return " ".join(words[:-1]), words[-1], random.choice(ARAB_COUNTRIES)
    loc = random.choice(locales)
    given = random.choice(first[loc])
    if random.random() < 0.25:
        given += " " + random.choice(first[loc])
    return given, random.choice(last[loc]), COUNTRY[loc]


def day(year):
    return f"{year}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"


def dob():
    r, year = random.random(), random.randint(1940, 2005)
    return day(year) if r < 0.6 else str(year) if r < 0.8 else ""


def typo(s):
    i = random.randrange(len(s))
    if random.random() < 0.5:
        return s[:i] + random.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + s[i + 1:]
    return s[:i] + s[i + 1:] if len(s) > 3 else s


os.makedirs(out, exist_ok=True)
listed = []
with open(os.path.join(out, "watchlist.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "names", "dob", "nationality", "gender", "documents", "list", "remarks"])
    for i in range(N):
        g, s, c = person()
        d = dob()
        listed.append((g, s, d))
        w.writerow([f"F{i:07d}", f"{g} {s.upper()}", d, c if random.random() < 0.7 else "", "", "", "INDEPENDENT", ""])
with open(os.path.join(out, "travellers.csv"), "w", newline="", encoding="utf-8") as f, \
        open(os.path.join(out, "labels.csv"), "w", newline="", encoding="utf-8") as lf:
    w, lw = csv.writer(f), csv.writer(lf)
    w.writerow(["id", "surname", "given_names", "dob", "nationality", "gender", "doc_number"])
    lw.writerow(["traveller_id", "expected_entry_id", "category"])
    for i in range(T):
        if random.random() < 0.01:
            k = random.randrange(N)
            g, s, d = listed[k]
            c = ""
            if random.random() < 0.5:
                s = typo(s.upper())
            if len(d) == 4:
                d = day(int(d)) if random.random() < 0.5 else ""
            elif not d:
                d = day(random.randint(1940, 2005)) if random.random() < 0.5 else ""
            lw.writerow([f"P{i:06d}", f"F{k:07d}", "listed"])
        else:
            g, s, c = person()
            d = day(random.randint(1940, 2005)) if random.random() < 0.9 else ""
            lw.writerow([f"P{i:06d}", "", "innocent"])
        w.writerow([f"P{i:06d}", s.upper(), g.upper(), d, c, "", ""])
print(f"{out}: {N} entries, {T} travellers")
