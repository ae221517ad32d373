"""Load benchmark: 8 concurrent readers of story pages on loopback, with and without the render cache.

Starts ``parley serve`` on a free loopback port on a copy of a store (default: the largest development store
in bench/out/devset/, else the examples ingested), then sends REQUESTS requests from CLIENTS threads to the
story pages and dossier JSON of the largest stories, round-robin. Reports p50/p95/max latency and errors,
cold (first requests after start) and warm, for PARLEY_RENDER_CACHE=0 (before) and the default (after), and
the ratios after/before. Bounded: two servers, 2 x 300 requests.

With ``--negotiations N``, one server instead (default settings) serves the story pages (the baseline) and
then the pages of the N largest negotiations (``/negotiations/ID``), each as REQUESTS requests from CLIENTS
threads, after one cold pass over all of them; p50/p95/max of each and their ratio. Bounded: one server,
2 x 300 requests.

    PYTHONPATH=$PWD/src .venv/bin/python bench/load.py [STORE.db] [--requests 300] [--clients 8]
    PYTHONPATH=$PWD/src .venv/bin/python bench/load.py [STORE.db] --negotiations 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[float, bool]:
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            ok = r.status == 200
    except Exception:
        ok = False
    return time.perf_counter() - t, ok


def stats(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {"p50": statistics.median(xs) * 1000, "p95": xs[min(len(xs) - 1, int(0.95 * len(xs)))] * 1000,
            "max": xs[-1] * 1000}


def serve(db: str, cache: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PARLEY_RENDER_CACHE": cache, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "parley.cli", "serve", "--db", db, "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/api/stories?limit=1", timeout=5).read()
            break
        except Exception:
            time.sleep(0.5)
    return proc, base


def load(base: str, urls: list[str], n: int, clients: int) -> list[tuple[float, bool]]:
    todo = [base + urls[i % len(urls)] for i in range(n)]
    with ThreadPoolExecutor(clients) as ex:
        return list(ex.map(fetch, todo))


def negotiation_pages(db: str, story_urls: list[str], nids: list[str], n: int, clients: int) -> dict[str, object]:
    """Story pages (the baseline) then negotiation pages, each under load, from one server process."""
    proc, base = serve(db, "256")
    try:
        neg_urls = [f"/negotiations/{nid}" for nid in nids]
        cold = {u: fetch(base + u) for u in story_urls + neg_urls}  # each page's first render, one at a time
        stories = load(base, story_urls, n, clients)
        negotiations = load(base, neg_urls, n, clients)
    finally:
        proc.terminate()
        proc.wait(30)
    return {"cold_stories": stats([cold[u][0] for u in story_urls]),
            "cold_negotiations": stats([cold[u][0] for u in neg_urls]),
            "stories": stats([t for t, _ in stories]), "negotiations": stats([t for t, _ in negotiations]),
            "errors": sum(not ok for _, ok in [*cold.values(), *stories, *negotiations])}


def run(db: str, cache: str, urls: list[str], n: int, clients: int) -> dict[str, object]:
    proc, base = serve(db, cache)
    try:
        cold = [fetch(base + u) for u in urls]  # one pass, one at a time: each page's first render
        warm = load(base, urls, n, clients)
    finally:
        proc.terminate()
        proc.wait(30)
    return {"cold": stats([t for t, _ in cold]), "warm": stats([t for t, _ in warm]),
            "errors": sum(not ok for _, ok in cold + warm)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db", nargs="?")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--stories", type=int, default=5)
    ap.add_argument("--negotiations", type=int, default=0)
    args = ap.parse_args()
    from parley.store.db import Store

    with tempfile.TemporaryDirectory(prefix="parley-load-") as tmp:
        db = os.path.join(tmp, "load.db")
        src = args.db
        if src is None:
            dev = sorted((ROOT / "bench" / "out" / "devset").glob("*.db"), key=lambda p: -p.stat().st_size)
            src = str(dev[0]) if dev else None
        if src:
            shutil.copy(src, db)
        else:
            from parley.ingestion.run import ingest

            st = Store(db)
            ingest([str(ROOT / "examples" / "corpus")], st)
            st.close()
        st = Store(db)
        st.assign_stories()
        sids = [s["id"] for s in st.stories()[:args.stories]]
        print(f"store {src or 'examples'}: {st.count_articles()} articles; stories {sizes(st, sids)}")
        nids: list[str] = []
        if args.negotiations:
            from parley.reconcile.negotiation_dossier import rows

            t = time.perf_counter()
            found = sorted(rows(st), key=lambda n: (-n["articles"], n["id"]))[:args.negotiations]
            nids = [n["id"] for n in found]
            print(f"negotiations {', '.join(str(n['articles']) for n in found)} articles "
                  f"(layer brought up to date in {time.perf_counter() - t:.1f} s)")
        st.close()
        if nids:
            r = negotiation_pages(db, [f"/story/{sid}" for sid in sids], nids, args.requests, args.clients)
            for name in ("cold_stories", "cold_negotiations", "stories", "negotiations"):
                x = r[name]
                print(f"{name}: p50 {x['p50']:.0f} ms p95 {x['p95']:.0f} max {x['max']:.0f}")  # type: ignore[index]
            print(f"errors {r['errors']}; warm negotiations/stories: " + ", ".join(
                f"{k} {r['negotiations'][k] / r['stories'][k]:.2f}" for k in ("p50", "p95", "max")))  # type: ignore[index]
            return
        urls = [u for sid in sids for u in (f"/story/{sid}", f"/api/stories/{sid}/dossier")]
        before = run(db, "0", urls, args.requests, args.clients)
        after = run(db, "256", urls, args.requests, args.clients)
    for name, r in (("before (PARLEY_RENDER_CACHE=0)", before), ("after (render once per version)", after)):
        c, w = r["cold"], r["warm"]
        print(f"{name}: cold p50 {c['p50']:.0f} ms p95 {c['p95']:.0f} max {c['max']:.0f}; warm ({args.clients} "
              f"clients, {args.requests} requests) p50 {w['p50']:.0f} ms p95 {w['p95']:.0f} max {w['max']:.0f}; "
              f"errors {r['errors']}")
    print("warm after/before: " + ", ".join(f"{k} {after['warm'][k] / before['warm'][k]:.3f}"
                                             for k in ("p50", "p95", "max")))


def sizes(st, sids: list[str]) -> str:
    return ", ".join(str(st.story(s)["size"]) for s in sids)


if __name__ == "__main__":
    main()
