#!/usr/bin/env python3
"""Finding the earlier fact-check, measured through the claimdesk binary.

Imports a CheckThat! folder's vclaims.jsonl with `claimdesk factchecks import`
into a fresh database, runs `claimdesk match --lines --limit 5 --format json`
on every query (one tweet or debate sentence a line) and prints MAP@5 against
qrels-train-dev.jsonl, overall and per split. When the queries name their
debate (CheckThat! 2021 2B: "20121023_third_presidential_debate"), it also runs
`match --date` once per debate with the day of the debate id and prints the
dated MAP@5 beside the undated one. With --model DIR (or CLAIMDESK_MODEL
set), the import embeds the fact-checks and `match` embeds the queries with
the sentence-embedding model in DIR. Standard library only.

    cargo build --release
    python3 eval/match_eval.py ../shared/data/matching/clef2020-task2
    python3 eval/match_eval.py ../shared/data/matching/clef2021-task2b
    python3 eval/match_eval.py ../shared/data/matching/clef2020-task2 --model DIR
"""

import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

# ["--model", DIR] when given; the binary also reads CLAIMDESK_MODEL itself.
MODEL = []
BIN = os.environ.get("CLAIMDESK", os.path.join(os.path.dirname(__file__), "..", "target", "release", "claimdesk"))


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def ap_at_5(ranked, relevant):
    hits, total = 0, 0.0
    for i, cid in enumerate(ranked[:5], start=1):
        if cid in relevant:
            hits += 1
            total += hits / i
    return total / min(len(relevant), 5) if relevant else 0.0


def main():
    args = sys.argv[1:]
    if "--model" in args:
        i = args.index("--model")
        if i + 1 >= len(args):
            sys.exit("usage: match_eval.py FOLDER [--model DIR]")
        MODEL.extend(["--model", args[i + 1]])
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit("usage: match_eval.py FOLDER [--model DIR]")
    folder = args[0]
    vclaims = read_jsonl(os.path.join(folder, "vclaims.jsonl"))
    queries = read_jsonl(os.path.join(folder, "queries-train-dev.jsonl"))
    qrels = defaultdict(set)
    for q in read_jsonl(os.path.join(folder, "qrels-train-dev.jsonl")):
        qrels[q["query_id"]].add(q["claim_id"])
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "eval.db")
        subprocess.run([BIN, "--db", db, "factchecks", "import", os.path.join(folder, "vclaims.jsonl")] + MODEL,
                       check=True)
        # The database numbers fact-checks in file order, skipping repeats of
        # the same claim and URL; map each back to every vclaim id it stands for.
        by_key = defaultdict(list)
        for v in vclaims:
            by_key[(v["text"].strip().strip('"').strip(), v.get("url") or "")].append(v["id"])
        listed = subprocess.run(
            [BIN, "--db", db, "factchecks", "list", "--limit", str(len(vclaims) + 10), "--format", "json"],
            check=True, capture_output=True, text=True).stdout
        ids = {}
        for row in json.loads(listed):
            ids[row["id"]] = by_key.get((row["claim"], row["url"] or ""), [])
        results = run_match(db, queries)
        dated = None
        if any(debate_date(q) for q in queries):
            by_debate = defaultdict(list)
            for i, q in enumerate(queries):
                by_debate[q.get("debate") or ""].append(i)
            dated = [None] * len(queries)
            for idx in by_debate.values():
                date = debate_date(queries[idx[0]])
                for i, r in zip(idx, run_match(db, [queries[i] for i in idx], date)):
                    dated[i] = r
    name = os.path.basename(folder.rstrip("/"))
    for label, res in [("undated", results), ("dated", dated)]:
        if res is None:
            continue
        scores = map_at_5(queries, res, qrels, ids)
        for split, aps in sorted(scores.items()):
            tag = f" {label}" if dated is not None else ""
            print(f"{name}{tag} {split}: MAP@5 {sum(aps) / len(aps):.3f} over {len(aps)} queries")


def debate_date(query):
    """The day of a query's debate, "20121023_third_presidential_debate" -> 2012-10-23."""
    debate = query.get("debate") or ""
    if len(debate) >= 8 and debate[:8].isdigit():
        return f"{debate[:4]}-{debate[4:6]}-{debate[6:8]}"
    return None


def run_match(db, queries, date=None):
    """`claimdesk match --lines` on the queries (with --date if given), one result per query."""
    lines = "\n".join(" ".join(q["text"].split()) for q in queries) + "\n"
    args = [BIN, "--db", db, "match", "--lines", "--limit", "5", "--format", "json"] + MODEL
    if date:
        args += ["--date", date]
    out = subprocess.run(args, input=lines, check=True, capture_output=True, text=True).stdout
    results = json.loads(out)
    assert len(results) == len(queries), (len(results), len(queries))
    return results


def map_at_5(queries, results, qrels, ids):
    """AP@5 of every judged query, by split and "all"."""
    scores = defaultdict(list)
    for q, r in zip(queries, results):
        if q["id"] not in qrels:
            continue
        ranked = []
        for m in r["matches"]:
            if m["kind"] == "factcheck":
                ranked.extend(ids.get(m["id"], [None])[:1])
        ap = ap_at_5(ranked, qrels[q["id"]])
        scores[q.get("split", "all")].append(ap)
        scores["all"].append(ap) if q.get("split") else None
    return scores


if __name__ == "__main__":
    main()
