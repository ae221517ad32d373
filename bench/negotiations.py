"""The development negotiations (``../shared/data/negotiations-dev/``) through the CLI, scored by the shared scorer.

    .venv/bin/python bench/negotiations.py                  # every negotiation, a table per metric
    .venv/bin/python bench/negotiations.py korea --verbose  # one negotiation, with the scorer's notes on each miss
    .venv/bin/python bench/negotiations.py --no-dates       # the inputs without their `date` field (URL kept)
    .venv/bin/python bench/negotiations.py --together       # all four negotiations in one store, one dossier
    .venv/bin/python bench/negotiations.py --fresh          # new stores (default: reuse bench/out/devset/*.db)

Each negotiation's ``articles.jsonl`` (its on-topic articles, distractors and look-alikes) is ingested by
``parley ingest`` into a store of its own, and ``parley dossier --format json`` writes the dossier of the whole
store, which ``../shared/tools/score_negotiation.py`` scores against the folder's gold. Stores are kept in
``bench/out/devset/`` so that a change to the reconcile code only rebuilds the dossier (analyses are cached by
the analysis code's version; stories are re-clustered every run; a store read by other ingest code is made
anew). ``--fresh`` starts from empty stores: the figures in bench/RESULTS.md are made that way. Dossiers and the scorer's JSON go to ``bench/out/devset/``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "negotiations-dev"
SCORER = ROOT.parent / "shared" / "tools" / "score_negotiation.py"
OUT = ROOT / "bench" / "out" / "devset"
NAMES = ("korea", "china", "shutdown", "taliban")
PARLEY = str(Path(sys.executable).parent / "parley")

# the figures of the table, in order, and how each prints (rate or count)
SHOWN = ["story_purity", "story_round_cohesion", "negotiation_purity", "negotiation_cohesion", "negotiation_leaks",
         "round_facts", "round_components", "round_precision", "rounds_not_held_reported", "round_duplicates",
         "agreements", "agreements_precision", "positions", "variant_merging", "variant_coverage",
         "variant_false_merges", "contradictions", "contested_claims", "contested_precision", "article_dates",
         "article_dates_inferred", "evidence_integrity", "distractor_leak"]


def _run(args: list[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> None:
    res = subprocess.run(args, capture_output=True, text=True, env=env)
    if res.returncode not in ok:
        sys.exit(f"negotiations: {' '.join(args[:2])} failed ({res.returncode}): {res.stderr.strip()[-800:]}")


def _ingest_version() -> str:
    """A fingerprint of the code that reads, cleans and dates articles (a store made by other code is rebuilt)."""
    import hashlib

    src = ROOT / "src" / "parley"
    h = hashlib.sha256()
    for f in sorted([*(src / "ingestion").glob("*.py"), src / "textdate.py", *(src / "data").glob("*.toml")]):
        h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()[:16]


def _input(name: str, no_dates: bool) -> Path:
    src = DEV / name / "articles.jsonl"
    if not no_dates:
        return src
    dst = OUT / f"{name}-nodates.jsonl"
    lines = []
    for line in src.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            rec.pop("date", None)
            lines.append(json.dumps(rec, ensure_ascii=False))
    dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dst


def build(names: list[str], *, tag: str, no_dates: bool, fresh: bool) -> Path:
    """Ingest ``names`` into one store and write the store's dossier; returns the dossier's path."""
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"{tag}.db"
    stamp = OUT / f"{tag}.ingest-version"
    if not stamp.exists() or stamp.read_text() != _ingest_version():
        fresh = True  # the stored articles were read by other ingest code: read them again
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, "PARLEY_DB": str(db)}
    # ingest exits 1 when some inputs were skipped, which the scorer's articles_matched shows
    _run([PARLEY, "ingest", *[str(_input(n, no_dates)) for n in names], "--quiet"], env, ok=(0, 1))
    stamp.write_text(_ingest_version())
    _run([PARLEY, "stories", "--rebuild"], env)
    out = OUT / f"{tag}.json"
    out.unlink(missing_ok=True)
    _run([PARLEY, "dossier", "--format", "json", "-o", str(out)], env)
    return out


def score(name: str, dossier: Path, tag: str, verbose: bool, jsonl: Path | None = None) -> dict:
    """The scorer's figures for negotiation ``name`` (its gold and index) on ``dossier``."""
    folder = DEV / name
    res_path = OUT / f"{tag}.score.json"
    args = [sys.executable, str(SCORER), str(dossier), str(folder / "gold.json"), str(folder / "index.json"),
            "--jsonl", str(jsonl or folder / "articles.jsonl"), "--json", str(res_path)]
    if verbose:
        args.append("--verbose")
    res = subprocess.run(args, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"negotiations: the scorer failed on {name}: {res.stderr.strip()[-800:]}")
    if verbose:
        print(f"\n=== {name}\n{res.stdout}")
    data = json.loads(res_path.read_text())
    return data.get("metrics", data)


def _cell(m: dict | None) -> str:
    if not m:
        return "–"
    v = m["value"]
    return f"{int(v)}" if m.get("count") else f"{v:.3f}"


def table(results: dict[str, dict]) -> str:
    cols = list(results)
    lines = ["| metric | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for key in SHOWN:
        if not any(key in r for r in results.values()):
            continue
        lines.append(f"| {key} | " + " | ".join(_cell(results[c].get(key)) for c in cols) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", default=list(NAMES), help=f"negotiations (default: {' '.join(NAMES)})")
    ap.add_argument("--no-dates", action="store_true", help="drop each article's `date` from the input")
    ap.add_argument("--together", action="store_true", help="all negotiations in one store")
    ap.add_argument("--fresh", action="store_true", help="start from empty stores")
    ap.add_argument("--verbose", action="store_true", help="print the scorer's notes on every miss")
    ap.add_argument("--json", help="write the figures to this file")
    a = ap.parse_args()
    for n in a.names:
        if not (DEV / n / "gold.json").exists():
            sys.exit(f"negotiations: no development negotiation {n!r} in {DEV} (have: {', '.join(NAMES)})")
    suffix = "-nodates" if a.no_dates else ""
    results: dict[str, dict] = {}
    if a.together:
        dossier = build(a.names, tag="together" + suffix, no_dates=a.no_dates, fresh=a.fresh)
        for n in a.names:
            jsonl = OUT / f"{n}-nodates.jsonl" if a.no_dates else None
            results[n] = score(n, dossier, f"together{suffix}-{n}", a.verbose, jsonl)
    else:
        for n in a.names:
            dossier = build([n], tag=n + suffix, no_dates=a.no_dates, fresh=a.fresh)
            jsonl = OUT / f"{n}-nodates.jsonl" if a.no_dates else None
            results[n] = score(n, dossier, n + suffix, a.verbose, jsonl)
    print(table(results))
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
