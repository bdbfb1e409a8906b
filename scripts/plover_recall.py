#!/usr/bin/env python3
"""One-off development check (not part of dyad): per sentence, is the gold event's PLOVER
type among dyad's events, and with the right source and target countries?

    plover_recall.py GOLD.jsonl PRED.jsonl

PRED is `dyad eval --predictions` output. Countries are the first three letters of actor
codes. The CAMEO->PLOVER map is read from dyad's data/ontology/cameo.tsv."""
import json, sys, os

here = os.path.dirname(os.path.abspath(__file__))
plover = {}
for line in open(os.path.join(here, "..", "data", "ontology", "cameo.tsv")):
    if line.startswith("#") or line.startswith("code\t"):
        continue
    f = line.rstrip("\n").split("\t")
    plover[f[0]] = f[4]

def ptype(code):
    return plover.get(code) or plover.get(code[:3]) or plover.get(code[:2]) or ""

gold = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
pred = {}
for l in open(sys.argv[2]):
    r = json.loads(l)
    pred[r["id"]] = r["events"]
n = typ = both = 0
for g in gold:
    if g.get("evaluate", True) is False or not g.get("expected"):
        continue
    n += 1
    got = pred.get(g["id"], [])
    gt = {ptype(e["code"]) for e in g["expected"]}
    if any(ptype(e["code"]) in gt for e in got):
        typ += 1
    gp = {(ptype(e["code"]), e["source"][:3], e["target"][:3]) for e in g["expected"]}
    if any((ptype(e["code"]), e["source"][:3], e["target"][:3]) in gp for e in got):
        both += 1
print(f"sentences with gold events: {n}; PLOVER type found: {typ} ({100*typ/n:.1f}%); with countries: {both} ({100*both/n:.1f}%)")
