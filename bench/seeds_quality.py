"""Parley's analysis of the five seed articles, scored against shared/gold/seeds.json.

    .venv/bin/python bench/seeds_quality.py [--model en_core_web_md] [--misses]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def run(model: str | None = None):
    if model:
        os.environ["PARLEY_MODEL"] = model
    from parley.evaluation import evaluate
    from parley.ingestion.run import ingest
    from parley.reconcile.assemble import load_items, sections
    from parley.reconcile.entities import reconcile_entities
    from parley.store.db import Store

    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        st = Store(os.path.join(tmp, "s.db"))
        ingest([str(SHARED / "seeds")], st)
        items = load_items(st)
        dossier = sections(items)
        _, emap = reconcile_entities(items)
        st.close()
    return evaluate(dossier, gold, items, emap)


if __name__ == "__main__":
    model = sys.argv[sys.argv.index("--model") + 1] if "--model" in sys.argv else None
    for s in run(model):
        print(s.line())
        if "--misses" in sys.argv:
            for m in s.misses:
                print("     ", m)
