"""Event precision by review: list a random sample of coded events with their evidence, and score the verdicts.

    .venv/bin/python bench/event_review.py sample [N] [SEED]   # writes bench/event_review.json (verdicts kept)
    .venv/bin/python bench/event_review.py score               # precision from the recorded verdicts

The sample is drawn from the events Parley codes on the five seeds and the example corpus. A reviewer
sets each "verdict" to "correct" (type, actors and modality right for what the evidence says) or
"wrong", with a note. Verdicts already recorded for an event id are kept when the sample is redrawn.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "event_review.json"


def events() -> list[dict]:
    from parley.dossier import build
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    out = []
    for src in (ROOT.parent / "shared" / "seeds", ROOT / "examples" / "corpus"):
        with tempfile.TemporaryDirectory() as tmp:
            st = Store(os.path.join(tmp, "e.db"))
            ingest([str(src)], st)
            d = build(st).data
            st.close()
        nm = {e["id"]: e["name"] for e in d["entities"]}
        for e in d["events"]:
            out.append({"id": f"{src.name}/{e['id']}", "type": e["type"], "mode": e["mode"],
                        "actors": [nm.get(a, a) for a in e["actors"]], "targets": [nm.get(a, a) for a in e["targets"]],
                        "modality": e["modality"], "negated": e["negated"], "date": e["date"],
                        "evidence": e["evidence"][0]["text"]})
    return out


def main() -> int:
    cmd = sys.argv[1] if len(sys.argv) > 1 else "score"
    old = {r["id"]: r for r in json.loads(OUT.read_text())["sample"]} if OUT.exists() else {}
    if cmd == "sample":
        n = int(sys.argv[2]) if len(sys.argv) > 2 else 50
        seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
        pool = events()
        random.Random(seed).shuffle(pool)
        sample = []
        for e in pool[:n]:
            prev = old.get(e["id"])
            same = prev and all(prev.get(k) == e[k] for k in ("type", "actors", "targets", "modality", "evidence"))
            e["verdict"] = prev["verdict"] if same else None
            e["note"] = prev.get("note", "") if same else ""
            sample.append(e)
        OUT.write_text(json.dumps({"seed": seed, "population": len(pool), "sample": sample}, indent=1,
                                  ensure_ascii=False) + "\n")
        todo = sum(1 for e in sample if e["verdict"] is None)
        print(f"{len(sample)} of {len(pool)} events written to {OUT}; {todo} await a verdict")
        return 0
    sample = list(old.values())
    judged = [e for e in sample if e.get("verdict") in ("correct", "wrong")]
    correct = sum(e["verdict"] == "correct" for e in judged)
    print(f"events reviewed: {len(judged)} of {len(sample)} sampled")
    if judged:
        print(f"precision: {correct / len(judged):.3f} ({correct}/{len(judged)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
