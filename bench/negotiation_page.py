"""The negotiation page, served: the page of the largest negotiation of a store, cold and warm.

Copies the store (default: the largest development store in bench/out/devset/, else the examples ingested
into a temporary store), opens the web app in process (FastAPI's test client) and times, for the negotiation
with most articles: the first request of its page (its dossier made, or read from the store, its brief kept,
the page rendered), then warm requests (median of 7) of the page, its JSON, its changes and its feed, and
the negotiation list. Bounded: one negotiation, a few dozen requests.

    PYTHONPATH=$PWD/src .venv/bin/python bench/negotiation_page.py [STORE.db]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(client, url: str, n: int = 7) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(url)
        times.append(time.perf_counter() - t)
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
    return statistics.median(times) * 1000


def main() -> None:
    from fastapi.testclient import TestClient

    from parley.ingestion.run import ingest
    from parley.present.web import create_app
    from parley.store.db import Store

    tmp = Path(tempfile.mkdtemp(prefix="parley-negpage-"))
    try:
        if len(sys.argv) > 1:
            src = Path(sys.argv[1])
        else:
            dev = sorted((ROOT / "bench" / "out" / "devset").glob("*.db"), key=lambda p: p.stat().st_size)
            src = dev[-1] if dev else None
        db = tmp / "store.db"
        if src is not None:
            shutil.copy(src, db)
            st = Store(str(db))
        else:
            st = Store(str(db))
            assert ingest([str(ROOT / "examples" / "corpus")], st).ok
        with TestClient(create_app(st)) as client:
            t = time.perf_counter()
            negs = client.get("/api/negotiations").json()
            first_list = (time.perf_counter() - t) * 1000
            top = max(negs, key=lambda n: (n["articles"], n["id"]))
            page = f"/negotiations/{top['id']}"
            t = time.perf_counter()
            assert client.get(page).status_code == 200
            cold = (time.perf_counter() - t) * 1000
            print(f"store {src.name if src else 'examples'}: {len(negs)} negotiations; largest {top['id']} "
                  f"({top['articles']} articles, {top['stories']} stories)")
            print(f"first /api/negotiations (layer brought up to date): {first_list:.0f} ms")
            print(f"first page request (dossier made or read, brief kept, page rendered): {cold:.0f} ms")
            for label, url in (("page, warm", page), ("JSON, warm", f"/api/negotiations/{top['id']}"),
                               ("changes", f"/api/negotiations/{top['id']}/changes"),
                               ("feed", f"{page}/feed.atom"), ("list", "/negotiations")):
                print(f"{label}: {timed(client, url):.0f} ms (median of 7)")
        st.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
