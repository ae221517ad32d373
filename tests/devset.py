"""The development negotiations (``../shared/data/negotiations-dev``) built into dossiers and scored by the shared
scorer (``../shared/tools/score_negotiation.py``), for the quality gate and the determinism test.

Each negotiation's ``articles.jsonl`` (on-topic articles, distractors and look-alikes) is ingested into a store of
its own and the store's dossier is scored against the folder's gold, as ``bench/negotiations.py`` does through the
command line.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import Any

from conftest import SHARED

DEV = SHARED / "data" / "negotiations-dev"
SCORER = SHARED / "tools" / "score_negotiation.py"
NAMES = ("korea", "china", "shutdown", "taliban")


def corpus_sha() -> str:
    """A fingerprint of the development set (articles and gold), so that floors are read against the data they
    were measured on."""
    h = hashlib.sha256()
    for name in NAMES:
        for f in ("articles.jsonl", "gold.json", "index.json"):
            h.update((DEV / name / f).read_bytes())
    return h.hexdigest()[:16]


@cache
def scorer() -> Any:
    if not SCORER.exists():  # never skip silently: the shared material is part of CI
        raise FileNotFoundError(f"{SCORER} is missing; CI must have ../shared beside the checkout")
    spec = importlib.util.spec_from_file_location("score_negotiation", SCORER)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def comparable(d: dict[str, Any]) -> str:
    """A dossier's JSON without what may differ between two runs: the time it was made and where files were read."""
    data = {k: v for k, v in d.items() if k != "generated"}
    data["articles"] = [{k: v for k, v in a.items() if k not in ("path", "seq")} for a in data["articles"]]
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def build(name: str, db: Path, workers: int | None = None) -> dict[str, Any]:
    """The whole-store dossier of negotiation ``name`` ingested into the SQLite file ``db``."""
    from parley.dossier import build as build_dossier
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    st = Store(str(db))
    try:
        ingest([str(DEV / name / "articles.jsonl")], st, workers=workers)
        return build_dossier(st).data
    finally:
        st.close()


def score(name: str, dossier: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The scorer's metrics ({name: {"value", "detail", "count"}}) of ``dossier`` against negotiation ``name``."""
    mod = scorer()
    folder = DEV / name
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    by_url = {mod.norm_url(e.get("url")): e["file"] for e in index}
    records = [json.loads(x) for x in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    jrec = {by_url[mod.norm_url(r.get("url"))]: r for r in records if mod.norm_url(r.get("url")) in by_url}
    urls = {mod.norm_url(r.get("url")) for r in records}
    expected = [e["file"] for e in index if mod.norm_url(e.get("url")) in urls]
    texts = {e["file"]: f"{jrec[e['file']].get('title') or ''}\n{jrec[e['file']].get('text')}"
             for e in index if e["file"] in jrec}
    given = {f: r.get("date") for f, r in jrec.items()}
    return mod.Scorer(dossier, gold, index, texts, expected, given).run_all()
